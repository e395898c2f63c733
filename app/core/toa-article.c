/* toa-article.c — the article object (tin bài): plain public fields, freed on finalize. */
#include "config.h"

#include "toa-article.h"

G_DEFINE_FINAL_TYPE (ToaArticle, toa_article, G_TYPE_OBJECT)

void
toa_author_share_clear (ToaAuthorShare *share)
{
  g_clear_pointer (&share->name, g_free);
  g_clear_pointer (&share->role, g_free);
}

static void
toa_article_finalize (GObject *object)
{
  ToaArticle *self = TOA_ARTICLE (object);

  g_free (self->site_code);
  g_free (self->section_name);
  g_free (self->genre);
  g_free (self->language);
  g_free (self->source_unit_name);
  g_free (self->info_kind);
  g_free (self->title);
  g_free (self->sapo);
  g_free (self->body_html);
  g_free (self->attribution);
  g_free (self->state);
  g_free (self->created_by_name);
  g_clear_pointer (&self->authors, g_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (toa_article_parent_class)->finalize (object);
}

static void
toa_article_class_init (ToaArticleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toa_article_finalize;
}

static void
toa_article_init (ToaArticle *self)
{
  self->authors = g_array_new (FALSE, TRUE, sizeof (ToaAuthorShare));
  g_array_set_clear_func (self->authors, (GDestroyNotify) toa_author_share_clear);
  self->tags = g_ptr_array_new_with_free_func (g_free);
}

ToaArticle *
toa_article_new (void)
{
  return g_object_new (TOA_TYPE_ARTICLE, NULL);
}

void
toa_article_add_author (ToaArticle *self, gint64 person_id, const char *name,
                        const char *role, int share_bp)
{
  ToaAuthorShare share;

  g_return_if_fail (TOA_IS_ARTICLE (self));

  share.person_id = person_id;
  share.name = g_strdup (name);
  share.role = g_strdup (role != NULL ? role : "author");
  share.share_bp = share_bp;
  g_array_append_val (self->authors, share);
}

void
toa_article_add_tag (ToaArticle *self, const char *tag)
{
  g_return_if_fail (TOA_IS_ARTICLE (self));
  g_return_if_fail (tag != NULL);

  g_ptr_array_add (self->tags, g_strdup (tag));
}

void
toa_article_set_tags (ToaArticle *self, const char * const *tags)
{
  g_return_if_fail (TOA_IS_ARTICLE (self));

  g_ptr_array_set_size (self->tags, 0);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    toa_article_add_tag (self, tags[i]);
}

ToaArticle *
toa_article_copy (const ToaArticle *self)
{
  ToaArticle *copy;

  g_return_val_if_fail (TOA_IS_ARTICLE ((ToaArticle *) self), NULL);

  copy = toa_article_new ();
  copy->id = self->id;
  copy->site_id = self->site_id;
  copy->site_code = g_strdup (self->site_code);
  copy->section_id = self->section_id;
  copy->section_name = g_strdup (self->section_name);
  copy->genre = g_strdup (self->genre);
  copy->language = g_strdup (self->language);
  copy->source_unit_id = self->source_unit_id;
  copy->source_unit_name = g_strdup (self->source_unit_name);
  copy->info_kind = g_strdup (self->info_kind);
  copy->title = g_strdup (self->title);
  copy->sapo = g_strdup (self->sapo);
  copy->body_html = g_strdup (self->body_html);
  copy->attribution = g_strdup (self->attribution);
  copy->state = g_strdup (self->state);
  copy->created_by = self->created_by;
  copy->created_by_name = g_strdup (self->created_by_name);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->published_at = self->published_at;
  copy->version = self->version;
  for (guint i = 0; self->authors != NULL && i < self->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (self->authors, ToaAuthorShare, i);

      toa_article_add_author (copy, share->person_id, share->name, share->role, share->share_bp);
    }
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    toa_article_add_tag (copy, g_ptr_array_index (self->tags, i));
  return copy;
}
