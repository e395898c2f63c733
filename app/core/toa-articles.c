/* toa-articles.c — creating and editing articles (tin bài): the rules the window and the
 * CLI share — every field of a save checked (authors and shares, tags, references), the
 * body sanitised, who may edit when. Every change is one transaction with its revision and
 * audit record. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-articles-private.h"
#include "toa-audit.h"
#include "toa-error.h"
#include "toa-sanitize.h"
#include "toa-text.h"

#define MAX_TITLE_CHARS   300
#define MAX_COMMENT_CHARS 10000
/* Used only when a database lacks the board setting article_tag_rules (seeded by SQLite
 * 013 / PostgreSQL 011 with the same values). */
#define DEFAULT_MAX_TAGS      10
#define DEFAULT_MAX_TAG_CHARS 60

/* The author roles (article_authors.role CHECK in 001-core.sql): the people paid a share of
 * the royalty (Nghị định 18/2014/NĐ-CP: authors, photographers, translators). */
static const char * const author_roles[] = { "author", "photographer", "translator" };

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
  else
    {
      char *clean = toa_sanitize_html (article->body_html, -1, TOA_SANITIZE_IMPORT, NULL);

      g_free (article->body_html);
      article->body_html = clean;
    }
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
  article->created_at = draft->created_at;
  article->updated_at = draft->created_at;
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
toa_articles_author_role_valid (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (author_roles); i++)
    if (g_str_equal (role, author_roles[i]))
      return TRUE;
  return FALSE;
}

/* The states the board locks (article_edit_locked_states, a JSON array of state codes). */
static GStrv
locked_states (ToaStore *store, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = toa_store_board_setting_get (store, "article_edit_locked_states", &local_error);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (value == NULL)
    {
      if (!g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_strv_builder_end (builder);   /* unset: nothing locked */
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The board setting “%s” is not a list of states. Correct it (toasoan-cli board settings)."),
                   "article_edit_locked_states");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      const char *code = json_array_get_string_element (json_node_get_array (root), i);

      if (code != NULL)
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

/* The check of toa_articles_may_edit on an article already read. */
static gboolean
may_edit (ToaStore *store, const ToaPerson *actor, const ToaArticle *article, GError **error)
{
  g_auto(GStrv) locked = NULL;

  if (!toa_person_may_write_articles (actor, article->site_id))
    {
      set_no_permission (error, actor, article->site_code != NULL ? article->site_code : "?");
      return FALSE;
    }
  if (!(locked = locked_states (store, error)))
    return FALSE;
  if (article->state != NULL && g_strv_contains ((const char * const *) locked, article->state))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                   _("Article %lld is “%s” and is no longer edited directly. Return it through the workflow first."),
                   (long long) article->id, toa_article_state_label_for_code (article->state));
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_articles_may_edit (ToaStore *store, const ToaPerson *actor, gint64 article_id, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  article = toa_store_article_get (store, article_id, error);
  if (article == NULL)
    return FALSE;
  return may_edit (store, actor, article, error);
}

/* The board's limits on tags (article_tag_rules: {"max_tags": N, "max_chars": N}). */
static gboolean
tag_rules (ToaStore *store, gint64 *max_tags, gint64 *max_chars, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = toa_store_board_setting_get (store, "article_tag_rules", &local_error);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;

  *max_tags = DEFAULT_MAX_TAGS;
  *max_chars = DEFAULT_MAX_TAG_CHARS;
  if (value == NULL)
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The board setting “%s” is not a JSON object. Correct it (toasoan-cli board settings)."),
                   "article_tag_rules");
      return FALSE;
    }
  object = json_node_get_object (root);
  *max_tags = json_object_get_int_member_with_default (object, "max_tags", DEFAULT_MAX_TAGS);
  *max_chars = json_object_get_int_member_with_default (object, "max_chars", DEFAULT_MAX_TAG_CHARS);
  return TRUE;
}

/* The tags as they are kept: NFC, stripped, inner runs of space as one space, empty ones
 * and repeats (ignoring case, not diacritics) dropped; within the board's limits. */
static GPtrArray *
clean_tags (ToaStore *store, const GPtrArray *tags, GError **error)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 max_tags, max_chars;

  if (!tag_rules (store, &max_tags, &max_chars, error))
    return NULL;
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      g_autofree char *tag = NULL;
      g_autofree char *key = NULL;
      g_auto(GStrv) words = NULL;
      g_autoptr(GString) joined = g_string_new (NULL);

      if (!text_field (g_ptr_array_index (tags, i), -1, _("Tags"), FALSE, &tag, error))
        return NULL;
      for (char *p = tag; *p != '\0'; p++)
        if (g_ascii_iscntrl (*p))
          *p = ' ';
      words = g_strsplit (tag, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[w]);
      if (joined->len == 0)
        continue;
      if ((gint64) g_utf8_strlen (joined->str, -1) > max_chars)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("Tags: “%s” is too long (at most %d characters). Shorten it and try again."),
                       joined->str, (int) max_chars);
          return NULL;
        }
      key = g_utf8_casefold (joined->str, -1);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (clean, g_string_free (g_steal_pointer (&joined), FALSE));
    }
  if ((gint64) clean->len > max_tags)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Tags: %u tags, at most %d are allowed. Remove some and try again."),
                   clean->len, (int) max_tags);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Checks the authors and fills in their names: known active people, known roles, each
 * (person, role) once, shares between 0 and 100 % adding up to 100 %, at least one. */
static gboolean
check_authors (ToaStore *store, GArray *authors, GError **error)
{
  int total = 0;

  if (authors == NULL || authors->len == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: an article needs at least one author. Add one and try again."), _("Authors"));
      return FALSE;
    }
  for (guint i = 0; i < authors->len; i++)
    {
      ToaAuthorShare *share = &g_array_index (authors, ToaAuthorShare, i);
      g_autoptr(ToaPerson) person = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!toa_articles_author_role_valid (share->role))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: “%s” is not an author role. Use author, photographer or translator."),
                       _("Authors"), share->role != NULL ? share->role : "");
          return FALSE;
        }
      if (share->share_bp < 0 || share->share_bp > 10000)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: a share must be between 0 and 100 %%."), _("Authors"));
          return FALSE;
        }
      person = toa_store_person_get (store, share->person_id, &local_error);
      if (person == NULL)
        {
          if (!g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: no person has the number %lld. Choose authors among the board’s people (toasoan-cli user list)."),
                       _("Authors"), (long long) share->person_id);
          return FALSE;
        }
      if (!person->active)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: %s is no longer active and cannot be added as an author."),
                       _("Authors"), person->full_name);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          const ToaAuthorShare *other = &g_array_index (authors, ToaAuthorShare, j);

          if (other->person_id == share->person_id && g_str_equal (other->role, share->role))
            {
              g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("%s: %s is listed twice as %s. List each person once per role."),
                           _("Authors"), person->full_name, share->role);
              return FALSE;
            }
        }
      g_free (share->name);
      share->name = g_strdup (person->full_name);
      total += share->share_bp;
    }
  if (total != 10000)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: the shares add up to %d.%02d %%, not 100 %%. Correct them and try again."),
                   _("Authors"), total / 100, total % 100);
      return FALSE;
    }
  return TRUE;
}

/* Checks the reference fields of @article against the store and copies them into @stored
 * (the section must be one of the stored article's site). */
static gboolean
take_references (ToaStore *store, const ToaArticle *article, ToaArticle *stored, GError **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) genres = NULL;
  const char *language;
  gboolean found = FALSE;

  sections = toa_store_section_list (store, stored->site_id, error);
  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len && !found; i++)
    {
      const ToaSection *section = g_ptr_array_index (sections, i);

      if (section->id == article->section_id)
        {
          stored->section_id = section->id;
          g_free (stored->section_name);
          stored->section_name = g_strdup (section->name);
          found = TRUE;
        }
    }
  if (!found)
    {
      if (article->section_id == 0)
        set_required (error, _("Section"));
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                     _("%s: the section %lld is not a section of the site “%s”. See “toasoan-cli section list”."),
                     _("Section"), (long long) article->section_id,
                     stored->site_code != NULL ? stored->site_code : "?");
      return FALSE;
    }

  if (article->genre == NULL || *article->genre == '\0')
    {
      set_required (error, _("Genre"));
      return FALSE;
    }
  if (!(genres = toa_store_genre_list (store, error)))
    return FALSE;
  found = FALSE;
  for (guint i = 0; i < genres->len && !found; i++)
    found = g_strcmp0 (((const ToaGenre *) g_ptr_array_index (genres, i))->code, article->genre) == 0;
  if (!found)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("There is no genre with the code “%s”. See the codes with “toasoan-cli genre list”."),
                   article->genre);
      return FALSE;
    }
  g_free (stored->genre);
  stored->genre = g_strdup (article->genre);

  language = article->language != NULL && *article->language != '\0' ? article->language : "vi";
  if (!g_str_equal (language, "vi") && !g_str_equal (language, "en"))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a language of the portal. Use vi (Vietnamese) or en (English)."),
                   language);
      return FALSE;
    }
  g_free (stored->language);
  stored->language = g_strdup (language);

  g_clear_pointer (&stored->source_unit_name, g_free);
  stored->source_unit_id = 0;
  if (article->source_unit_id != 0)
    {
      g_autoptr(GPtrArray) units = toa_store_unit_list (store, error);

      if (units == NULL)
        return FALSE;
      for (guint i = 0; i < units->len && stored->source_unit_id == 0; i++)
        {
          const ToaUnit *unit = g_ptr_array_index (units, i);

          if (unit->id == article->source_unit_id)
            {
              stored->source_unit_id = unit->id;
              stored->source_unit_name = g_strdup (unit->name);
            }
        }
      if (stored->source_unit_id == 0)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: there is no providing unit with the number %lld. Choose one from the list."),
                       _("Providing unit"), (long long) article->source_unit_id);
          return FALSE;
        }
    }

  g_clear_pointer (&stored->info_kind, g_free);
  if (article->info_kind != NULL && *article->info_kind != '\0')
    {
      g_autoptr(GPtrArray) kinds = toa_store_info_kind_list (store, error);

      if (kinds == NULL)
        return FALSE;
      found = FALSE;
      for (guint i = 0; i < kinds->len && !found; i++)
        found = g_strcmp0 (((const ToaInfoKind *) g_ptr_array_index (kinds, i))->code, article->info_kind) == 0;
      if (!found)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("There is no kind of information with the code “%s”. Check the code and try again."),
                       article->info_kind);
          return FALSE;
        }
      stored->info_kind = g_strdup (article->info_kind);
    }
  return TRUE;
}

static gboolean
authors_equal (const GArray *a, const GArray *b)
{
  if ((a != NULL ? a->len : 0) != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      const ToaAuthorShare *x = &g_array_index (a, ToaAuthorShare, i);
      const ToaAuthorShare *y = &g_array_index (b, ToaAuthorShare, i);

      if (x->person_id != y->person_id || g_strcmp0 (x->role, y->role) != 0 || x->share_bp != y->share_bp)
        return FALSE;
    }
  return TRUE;
}

static gboolean
tags_equal (const GPtrArray *a, const GPtrArray *b)
{
  if ((a != NULL ? a->len : 0) != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; a != NULL && i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* "person_id:role:share_bp" of each author, ";"-separated, for the audit record. */
static char *
authors_summary (const GArray *authors)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; authors != NULL && i < authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (authors, ToaAuthorShare, i);

      g_string_append_printf (out, "%s%lld:%s:%d", i > 0 ? ";" : "", (long long) share->person_id,
                              share->role, share->share_bp);
    }
  return g_string_free (out, FALSE);
}

/* The names of the fields that differ between @before and @after, comma-separated ("" when
 * none), for the audit record. */
static char *
changed_fields (const ToaArticle *before, const ToaArticle *after)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const struct { const char *name; gboolean changed; } fields[] = {
    { "title", g_strcmp0 (before->title, after->title) != 0 },
    { "sapo", g_strcmp0 (before->sapo, after->sapo) != 0 },
    { "body", g_strcmp0 (before->body_html, after->body_html) != 0 },
    { "section", before->section_id != after->section_id },
    { "genre", g_strcmp0 (before->genre, after->genre) != 0 },
    { "language", g_strcmp0 (before->language, after->language) != 0 },
    { "unit", before->source_unit_id != after->source_unit_id },
    { "info_kind", g_strcmp0 (before->info_kind, after->info_kind) != 0 },
    { "attribution", g_strcmp0 (before->attribution, after->attribution) != 0 },
    { "authors", !authors_equal (before->authors, after->authors) },
    { "tags", !tags_equal (before->tags, after->tags) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].changed)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", fields[i].name);
  return g_string_free (g_steal_pointer (&out), FALSE);
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
  g_autofree char *changed = NULL;
  g_autofree char *tags_text = NULL;
  g_autofree char *authors_text = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) authors = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(ToaArticle) before = NULL;
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
  if (body != NULL)
    {
      char *clean = toa_sanitize_html (body, -1, TOA_SANITIZE_IMPORT, NULL);

      g_free (body);
      body = clean;
    }

  /* the authors as given (names filled in by the check), never the caller's array itself */
  authors = g_array_new (FALSE, TRUE, sizeof (ToaAuthorShare));
  g_array_set_clear_func (authors, (GDestroyNotify) toa_author_share_clear);
  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      ToaAuthorShare copy = { share->person_id, NULL, g_strdup (share->role), share->share_bp };

      g_array_append_val (authors, copy);
    }
  if (!check_authors (store, authors, error)
      || !(tags = clean_tags (store, article->tags, error)))
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;

  /* Rights, site, state, creator and times come from the stored article, never from the
   * caller's copy: a save cannot move an article to another site or change its state. */
  stored = toa_store_article_get (store, article->id, &local_error);
  if (stored == NULL)
    goto failed;
  if (!may_edit (store, actor, stored, &local_error))
    goto failed;
  before = toa_article_copy (stored);
  if (!take_references (store, article, stored, &local_error))
    goto failed;
  g_free (stored->title);
  stored->title = g_steal_pointer (&title);
  g_free (stored->sapo);
  stored->sapo = sapo != NULL ? g_steal_pointer (&sapo) : g_strdup ("");
  g_free (stored->body_html);
  stored->body_html = body != NULL ? g_steal_pointer (&body) : g_strdup ("");
  g_free (stored->attribution);
  stored->attribution = attribution != NULL && *attribution != '\0' ? g_steal_pointer (&attribution) : NULL;
  g_array_set_size (stored->authors, 0);
  for (guint i = 0; i < authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (authors, ToaAuthorShare, i);

      toa_article_add_author (stored, share->person_id, share->name, share->role, share->share_bp);
    }
  g_ptr_array_set_size (stored->tags, 0);
  for (guint i = 0; i < tags->len; i++)
    toa_article_add_tag (stored, g_ptr_array_index (tags, i));
  stored->version = article->version;   /* the version the person started from */
  stored->updated_at = toa_now_usec ();
  changed = changed_fields (before, stored);

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
  if (!tags_equal (before->tags, stored->tags))
    {
      g_ptr_array_add (stored->tags, NULL);
      tags_text = g_strjoinv (", ", (char **) stored->tags->pdata);
      g_ptr_array_remove_index (stored->tags, stored->tags->len - 1);
    }
  if (!authors_equal (before->authors, stored->authors))
    authors_text = authors_summary (stored->authors);
  detail = toa_audit_detail ("title", stored->title, "version", version_text, "note", clean_note,
                             "changed", changed, "tags", tags_text, "authors", authors_text, NULL);
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
  g_free (article->section_name);
  article->section_name = g_strdup (stored->section_name);
  g_free (article->genre);
  article->genre = g_strdup (stored->genre);
  g_free (article->language);
  article->language = g_strdup (stored->language);
  article->source_unit_id = stored->source_unit_id;
  g_free (article->source_unit_name);
  article->source_unit_name = g_strdup (stored->source_unit_name);
  g_free (article->info_kind);
  article->info_kind = g_strdup (stored->info_kind);
  g_array_set_size (article->authors, 0);
  for (guint i = 0; i < stored->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (stored->authors, ToaAuthorShare, i);

      toa_article_add_author (article, share->person_id, share->name, share->role, share->share_bp);
    }
  g_ptr_array_set_size (article->tags, 0);
  for (guint i = 0; i < stored->tags->len; i++)
    toa_article_add_tag (article, g_ptr_array_index (stored->tags, i));
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
