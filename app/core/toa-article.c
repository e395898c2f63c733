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
