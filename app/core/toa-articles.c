/* toa-articles.c — creating and editing articles (tin bài): the rules the window and the
 * CLI share. Every change is one transaction with its revision and audit record. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-articles-private.h"
#include "toa-audit.h"
#include "toa-error.h"
#include "toa-text.h"

#define MAX_TITLE_CHARS   300
#define MAX_COMMENT_CHARS 10000

static void
set_no_permission (GError **error, const ToaPerson *actor, const char *site)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
               _("%s may not write articles on the site “%s”. Ask the administrator for a role on that site."),
               actor->full_name != NULL ? actor->full_name : actor->login, site);
}

static void
set_required (GError **error, const char *field)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("%s: this field is required. Fill it in and try again."), field);
}

/* Normalises a text field; NULL stays NULL unless @required. Strips surrounding space. */
static gboolean
text_field (const char *text, gssize len, const char *field, gboolean required,
            char **out, GError **error)
{
  char *value = NULL;

  *out = NULL;
  if (text != NULL)
    {
      value = toa_text_normalize (text, len, field, error);
      if (value == NULL)
        return FALSE;
      g_strstrip (value);
    }
  if (required && (value == NULL || *value == '\0'))
    {
      g_free (value);
      set_required (error, field);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
check_title (const char *title, GError **error)
{
  if (g_utf8_strlen (title, -1) > MAX_TITLE_CHARS)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: too long (at most %d characters). Shorten it and try again."),
                   _("Title"), MAX_TITLE_CHARS);
      return FALSE;
    }
  return TRUE;
}

/* Looks up reference codes: the section on the site, genre, unit, kind of information. */
static gboolean
resolve_codes (ToaStore *store, const ToaSite *site, const ToaArticleDraft *draft,
               ToaArticle *article, ToaInfoKind **kind_out, GError **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) genres = NULL;
  gboolean found = FALSE;

  if (draft->section_code == NULL || *draft->section_code == '\0')
    {
      set_required (error, _("Section"));
      return FALSE;
    }
  sections = toa_store_section_list (store, site->id, error);
  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len && !found; i++)
    {
      const ToaSection *section = g_ptr_array_index (sections, i);

      if (g_strcmp0 (section->code, draft->section_code) == 0)
        {
          article->section_id = section->id;
          article->section_name = g_strdup (section->name);
          found = TRUE;
        }
    }
  if (!found)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("The site “%s” has no section with the code “%s”. See the codes with “toasoan-cli section list”."),
                   site->code, draft->section_code);
      return FALSE;
    }

  if (draft->genre == NULL || *draft->genre == '\0')
    {
      set_required (error, _("Genre"));
      return FALSE;
    }
  genres = toa_store_genre_list (store, error);
  if (genres == NULL)
    return FALSE;
  found = FALSE;
  for (guint i = 0; i < genres->len && !found; i++)
    found = g_strcmp0 (((const ToaGenre *) g_ptr_array_index (genres, i))->code, draft->genre) == 0;
  if (!found)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("There is no genre with the code “%s”. See the codes with “toasoan-cli genre list”."),
                   draft->genre);
      return FALSE;
    }
  article->genre = g_strdup (draft->genre);

  if (draft->unit_code != NULL && *draft->unit_code != '\0')
    {
      g_autoptr(GPtrArray) units = toa_store_unit_list (store, error);

      if (units == NULL)
        return FALSE;
      found = FALSE;
      for (guint i = 0; i < units->len && !found; i++)
        {
          const ToaUnit *unit = g_ptr_array_index (units, i);

          if (g_strcmp0 (unit->code, draft->unit_code) == 0)
            {
              article->source_unit_id = unit->id;
              article->source_unit_name = g_strdup (unit->name);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("There is no providing unit with the code “%s”. Check the code and try again."),
                       draft->unit_code);
          return FALSE;
        }
    }

  if (draft->info_kind != NULL && *draft->info_kind != '\0')
    {
      g_autoptr(GPtrArray) kinds = toa_store_info_kind_list (store, error);

      if (kinds == NULL)
        return FALSE;
      found = FALSE;
      for (guint i = 0; i < kinds->len && !found; i++)
        if (g_strcmp0 (((const ToaInfoKind *) g_ptr_array_index (kinds, i))->code,
                       draft->info_kind) == 0)
          {
            found = TRUE;
            if (kind_out != NULL)
              *kind_out = g_ptr_array_steal_index (kinds, i);
          }
      if (!found)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("There is no kind of information with the code “%s”. Check the code and try again."),
                       draft->info_kind);
          return FALSE;
        }
      article->info_kind = g_strdup (draft->info_kind);
    }

  return TRUE;
}

gboolean
toa_articles_check_draft (ToaStore *store, const ToaSite *site, const ToaArticleDraft *draft,
                          ToaArticle *article, ToaInfoKind **kind_out, GError **error)
{
  const char *language;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (site != NULL && draft != NULL && article != NULL, FALSE);

  if (kind_out != NULL)
    *kind_out = NULL;
  if (!text_field (draft->title, -1, _("Title"), TRUE, &article->title, error)
      || !check_title (article->title, error)
      || !text_field (draft->sapo, -1, _("Sapo"), FALSE, &article->sapo, error)
      || !text_field (draft->body_html, draft->body_len, _("Body"), FALSE, &article->body_html, error)
      || !text_field (draft->attribution, -1, _("Attribution"), FALSE, &article->attribution, error))
    return FALSE;
  if (article->sapo == NULL)
    article->sapo = g_strdup ("");
  if (article->body_html == NULL)
    article->body_html = g_strdup ("");
  if (article->attribution != NULL && *article->attribution == '\0')
    g_clear_pointer (&article->attribution, g_free);

  language = draft->language != NULL && *draft->language != '\0' ? draft->language : "vi";
  if (!g_str_equal (language, "vi") && !g_str_equal (language, "en"))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a language of the portal. Use vi (Vietnamese) or en (English)."),
                   language);
      return FALSE;
    }
  article->language = g_strdup (language);

  if (!resolve_codes (store, site, draft, article, kind_out, error))
    return FALSE;
  article->site_id = site->id;
  article->site_code = g_strdup (site->code);
  return TRUE;
}

static ToaRevision *
revision_of (const ToaArticle *article, gint64 author_id, const char *note)
{
  ToaRevision *revision = toa_revision_new ();

  revision->article_id = article->id;
  revision->title = g_strdup (article->title);
  revision->sapo = g_strdup (article->sapo);
  revision->body_html = g_strdup (article->body_html);
  revision->author_id = author_id;
  revision->created_at = toa_now_usec ();
  revision->note = g_strdup (note);
  return revision;
}

ToaArticle *
toa_articles_create (ToaStore *store, const ToaPerson *actor, const ToaArticleDraft *draft,
                     GError **error)
{
  g_autoptr(ToaArticle) article = toa_article_new ();
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autoptr(ToaRevision) revision = NULL;
  g_autofree char *detail = NULL;
  const char *site_code;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  site_code = draft->site_code != NULL && *draft->site_code != '\0' ? draft->site_code : "portal";
  site = toa_store_site_find_checked (store, site_code, error);
  if (site == NULL)
    return NULL;

  if (!toa_person_may_write_articles (actor, site->id))
    {
      set_no_permission (error, actor, site->name != NULL ? site->name : site->code);
      return NULL;
    }

  if (!toa_articles_check_draft (store, site, draft, article, NULL, error))
    return NULL;

  article->state = g_strdup (toa_article_state_code (TOA_STATE_DRAFT));
  article->created_by = actor->id;
  article->created_by_name = g_strdup (actor->full_name);
  article->version = 1;
  toa_article_add_author (article, actor->id, actor->full_name, "author", 10000);

  if (!toa_store_begin (store, error))
    return NULL;
  if (!toa_store_article_insert (store, article, &local_error))
    goto failed;
  revision = revision_of (article, actor->id, NULL);
  if (article->created_at != 0)
    revision->created_at = article->created_at;
  if (!toa_store_revision_add (store, revision, &local_error))
    goto failed;
  detail = toa_audit_detail ("title", article->title, "site", site->code,
                        "section", draft->section_code, "genre", article->genre,
                        "state", article->state, NULL);
  if (!toa_audit_append (store, actor->id, "article.create", "article", article->id, detail,
                         &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;

  /* read it back, so names the store fills in are there too */
  stored = toa_store_article_get (store, article->id, NULL);
  if (stored != NULL)
    return g_steal_pointer (&stored);
  return g_steal_pointer (&article);

failed:
  toa_store_abandon (store, local_error, error);
  return NULL;
}

/* Who saved last: the author of the newest revision, for a conflict message. */
static char *
last_saver (ToaStore *store, gint64 article_id)
{
  g_autoptr(GPtrArray) revisions = toa_store_revision_list (store, article_id, NULL);
  const ToaRevision *newest = NULL;

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      const ToaRevision *revision = g_ptr_array_index (revisions, i);

      if (newest == NULL || revision->number > newest->number)
        newest = revision;
    }
  return newest != NULL ? g_strdup (newest->author_name) : NULL;
}

gboolean
toa_articles_save (ToaStore *store, const ToaPerson *actor, ToaArticle *article,
                   const char *note, GError **error)
{
  g_autoptr(ToaRevision) revision = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sapo = NULL;
  g_autofree char *body = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *version_text = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (TOA_IS_ARTICLE (article), FALSE);

  if (!text_field (article->title, -1, _("Title"), TRUE, &title, error)
      || !check_title (title, error)
      || !text_field (article->sapo, -1, _("Sapo"), FALSE, &sapo, error)
      || !text_field (article->body_html, -1, _("Body"), FALSE, &body, error)
      || !text_field (article->attribution, -1, _("Attribution"), FALSE, &attribution, error)
      || !text_field (note, -1, _("Note"), FALSE, &clean_note, error))
    return FALSE;
  if (clean_note != NULL && *clean_note == '\0')
    g_clear_pointer (&clean_note, g_free);

  if (!toa_store_begin (store, error))
    return FALSE;

  /* Rights and everything but the edited text come from the stored article, never from the
   * caller's copy: a save cannot move an article to another site or change its state. */
  stored = toa_store_article_get (store, article->id, &local_error);
  if (stored == NULL)
    goto failed;
  if (!toa_person_may_write_articles (actor, stored->site_id))
    {
      toa_store_rollback (store);
      set_no_permission (error, actor, stored->site_code != NULL ? stored->site_code : "?");
      return FALSE;
    }
  g_free (stored->title);
  stored->title = g_steal_pointer (&title);
  g_free (stored->sapo);
  stored->sapo = sapo != NULL ? g_steal_pointer (&sapo) : g_strdup ("");
  g_free (stored->body_html);
  stored->body_html = body != NULL ? g_steal_pointer (&body) : g_strdup ("");
  g_free (stored->attribution);
  stored->attribution = attribution != NULL && *attribution != '\0' ? g_steal_pointer (&attribution) : NULL;
  stored->version = article->version;   /* the version the person started from */
  stored->updated_at = toa_now_usec ();

  if (!toa_store_article_update (store, stored, &local_error))
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_autofree char *who = NULL;

          toa_store_rollback (store);
          g_clear_error (&local_error);
          who = last_saver (store, article->id);
          if (who != NULL && g_strcmp0 (who, actor->full_name) != 0)
            g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                         _("%s saved this article while you were editing it. Reload it, make your change again and save."),
                         who);
          else
            g_set_error_literal (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                                 _("Someone saved this article while you were editing it. Reload it, make your change again and save."));
          return FALSE;
        }
      goto failed;
    }

  revision = revision_of (stored, actor->id, clean_note);
  revision->created_at = stored->updated_at;
  if (!toa_store_revision_add (store, revision, &local_error))
    goto failed;
  version_text = g_strdup_printf ("%" G_GINT64_FORMAT, stored->version);
  detail = toa_audit_detail ("title", stored->title, "version", version_text, "note", clean_note, NULL);
  if (!toa_audit_append (store, actor->id, "article.save", "article", stored->id, detail,
                         &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;

  /* the caller's copy now shows what was saved */
  g_free (article->title);
  article->title = g_strdup (stored->title);
  g_free (article->sapo);
  article->sapo = g_strdup (stored->sapo);
  g_free (article->body_html);
  article->body_html = g_strdup (stored->body_html);
  g_free (article->attribution);
  article->attribution = g_strdup (stored->attribution);
  article->version = stored->version;
  article->updated_at = stored->updated_at;
  return TRUE;

failed:
  return toa_store_abandon (store, local_error, error);
}

/* The people named as @login in a comment, each once: a login is ASCII letters, digits,
 * '.', '_' and '-' after an '@' that does not follow a letter or digit (so an e-mail address
 * is not a mention); a final '.' or '-' ends the sentence, not the login. */
static GArray *
find_mentions (ToaStore *store, const char *text, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (const char *p = text; (p = strchr (p, '@')) != NULL; p++)
    {
      g_autofree char *login = NULL;
      g_autoptr(ToaPerson) person = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *end = p + 1;
      gboolean seen = FALSE;

      if (p > text && g_ascii_isalnum (p[-1]))
        continue;
      while (g_ascii_isalnum (*end) || *end == '.' || *end == '_' || *end == '-')
        end++;
      while (end > p + 1 && (end[-1] == '.' || end[-1] == '-'))
        end--;
      if (end == p + 1)
        continue;

      login = g_ascii_strdown (p + 1, end - p - 1);
      person = toa_store_person_find (store, login, &local_error);
      if (person == NULL || !person->active)
        {
          if (local_error != NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("No active person has the login “%s” mentioned with @. Check the login (toasoan-cli user list)."),
                       login);
          return NULL;
        }
      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_array_index (ids, gint64, i) == person->id;
      if (!seen)
        g_array_append_val (ids, person->id);
    }
  return g_steal_pointer (&ids);
}

ToaComment *
toa_articles_comment (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                      const char *body, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaComment) comment = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  article = toa_store_article_get (store, article_id, error);
  if (article == NULL)
    return NULL;
  if (!toa_person_may_write_articles (actor, article->site_id))
    {
      set_no_permission (error, actor, article->site_code != NULL ? article->site_code : "?");
      return NULL;
    }

  if (!text_field (body, -1, _("Comment"), TRUE, &text, error))
    return NULL;
  if (g_utf8_strlen (text, -1) > MAX_COMMENT_CHARS)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: too long (at most %d characters). Shorten it and try again."),
                   _("Comment"), MAX_COMMENT_CHARS);
      return NULL;
    }

  comment = toa_comment_new ();
  comment->article_id = article_id;
  comment->person_id = actor->id;
  comment->person_name = g_strdup (actor->full_name);
  comment->created_at = toa_now_usec ();
  if (!(comment->mentions = find_mentions (store, text, error)))
    return NULL;
  comment->body = g_steal_pointer (&text);

  if (!toa_store_begin (store, error))
    return NULL;
  if (!toa_store_comment_add (store, comment, &local_error))
    goto failed;
  detail = toa_audit_detail ("body", comment->body, NULL);
  if (!toa_audit_append (store, actor->id, "article.comment", "article", article_id, detail,
                         &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;
  return g_steal_pointer (&comment);

failed:
  toa_store_abandon (store, local_error, error);
  return NULL;
}
