/* toa-cli-article-edit.c — `article edit ID --as LOGIN … --version N`: changes an article's
 * text and metadata through toa_articles_save, which checks rights, every field and the
 * version the person started from (exit 4 on a conflict, naming who saved first). Options
 * not given keep what is stored; --tag and --author, when given, replace the whole list. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-articles.h"
#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"

/* A percentage "70", "33.33" or "33,33" (at most two decimals) as basis points. */
static gboolean
parse_percent (const char *text, int *bp)
{
  const char *p = text;
  int whole = 0, frac = 0, digits = 0;

  if (*p == '\0')
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100)
        return FALSE;
    }
  if (p == text)
    return FALSE;
  if (*p == '.' || *p == ',')
    {
      for (p++; g_ascii_isdigit (*p) && digits < 2; p++, digits++)
        frac = frac * 10 + (*p - '0');
      if (digits == 0)
        return FALSE;
      if (digits == 1)
        frac *= 10;
    }
  if (*p == '%')
    p++;
  if (*p != '\0')
    return FALSE;
  *bp = whole * 100 + frac;
  return *bp <= 10000;
}

/* LOGIN:ROLE:PERCENT → a share of @article. */
static gboolean
add_author_spec (ToaCli *cli, ToaArticle *article, const char *spec, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", -1);
  g_autoptr(ToaPerson) person = NULL;
  int bp = 0;

  if (g_strv_length (parts) != 3 || *parts[0] == '\0')
    {
      toa_cli_usage_error (error, _("--author takes LOGIN:ROLE:PERCENT, e.g. mai:author:70 (got “%s”)"), spec);
      return FALSE;
    }
  if (!toa_articles_author_role_valid (parts[1]))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not an author role. Use author, photographer or translator."), parts[1]);
      return FALSE;
    }
  if (!parse_percent (parts[2], &bp))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a share between 0 and 100 (e.g. 70 or 33.33)."), parts[2]);
      return FALSE;
    }
  person = toa_store_person_find (toa_cli_store (cli, NULL), parts[0], error);   /* NOT_FOUND: exit 2 */
  if (person == NULL)
    return FALSE;
  toa_article_add_author (article, person->id, person->full_name, parts[1], bp);
  return TRUE;
}

static gboolean
set_section (ToaStore *store, ToaArticle *article, const char *code, GError **error)
{
  g_autoptr(GPtrArray) sections = toa_store_section_list (store, article->site_id, error);

  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len; i++)
    {
      const ToaSection *section = g_ptr_array_index (sections, i);

      if (g_strcmp0 (section->code, code) == 0)
        {
          article->section_id = section->id;
          return TRUE;
        }
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("The site “%s” has no section with the code “%s”. See the codes with “toasoan-cli section list”."),
               article->site_code != NULL ? article->site_code : "?", code);
  return FALSE;
}

/* "" = none. */
static gboolean
set_unit (ToaStore *store, ToaArticle *article, const char *code, GError **error)
{
  g_autoptr(GPtrArray) units = NULL;

  article->source_unit_id = 0;
  if (*code == '\0')
    return TRUE;
  if (!(units = toa_store_unit_list (store, error)))
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      const ToaUnit *unit = g_ptr_array_index (units, i);

      if (g_strcmp0 (unit->code, code) == 0)
        {
          article->source_unit_id = unit->id;
          return TRUE;
        }
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("There is no providing unit with the code “%s”. Check the code and try again."), code);
  return FALSE;
}

static void
replace (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

gboolean
toa_cli_article_edit (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *title_raw = NULL, *sapo_raw = NULL, *body_file = NULL;
  g_autofree char *section_raw = NULL, *genre_raw = NULL, *language_raw = NULL, *unit_raw = NULL;
  g_autofree char *kind_raw = NULL, *attribution_raw = NULL, *note_raw = NULL;
  g_auto(GStrv) tags_raw = NULL;
  g_auto(GStrv) authors_raw = NULL;
  gboolean no_tags = FALSE;
  gint64 version = 0;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person editing it"), N_("LOGIN") },
    { "version", 0, 0, G_OPTION_ARG_INT64, &version, N_("The version you started from (see “article show”)"), N_("N") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_raw, N_("Title"), N_("TITLE") },
    { "sapo", 0, 0, G_OPTION_ARG_FILENAME, &sapo_raw, N_("Sapo (lead paragraph)"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Body HTML from a file, or - for standard input"), N_("FILE") },
    { "section", 0, 0, G_OPTION_ARG_FILENAME, &section_raw, N_("Section code (see “section list”)"), N_("SECTION") },
    { "genre", 0, 0, G_OPTION_ARG_FILENAME, &genre_raw, N_("Genre code (see “genre list”)"), N_("GENRE") },
    { "language", 0, 0, G_OPTION_ARG_FILENAME, &language_raw, N_("vi or en"), N_("LANG") },
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &unit_raw, N_("Providing unit code (\"\" for none)"), N_("CODE") },
    { "info-kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_raw, N_("Kind of information (see “kind list”; \"\" for none)"), N_("KIND") },
    { "attribution", 0, 0, G_OPTION_ARG_FILENAME, &attribution_raw, N_("Attribution line, e.g. “Theo …” (\"\" for none)"), N_("TEXT") },
    { "tag", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &tags_raw, N_("A tag (repeat the option; replaces the tags)"), N_("TAG") },
    { "no-tags", 0, 0, G_OPTION_ARG_NONE, &no_tags, N_("Remove every tag"), NULL },
    { "author", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &authors_raw, N_("An author with a share (repeat; replaces the authors)"), N_("LOGIN:ROLE:PERCENT") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note_raw, N_("A note for the revision"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *title = NULL, *sapo = NULL, *section = NULL, *genre = NULL, *language = NULL;
  g_autofree char *unit = NULL, *kind = NULL, *attribution = NULL, *note = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !toa_cli_require (as_raw, "--as", error))
    return FALSE;
  if (version <= 0)
    {
      toa_cli_usage_error (error, _("--version N is required: the version you started from (see “article show %lld”)"),
                           (long long) id);
      return FALSE;
    }
  if (no_tags && tags_raw != NULL)
    {
      toa_cli_usage_error (error, _("Give either --tag or --no-tags, not both"));
      return FALSE;
    }
  if (!toa_cli_text (title_raw, "--title", &title, error)
      || !toa_cli_text (sapo_raw, "--sapo", &sapo, error)
      || !toa_cli_text (section_raw, "--section", &section, error)
      || !toa_cli_text (genre_raw, "--genre", &genre, error)
      || !toa_cli_text (language_raw, "--language", &language, error)
      || !toa_cli_text (unit_raw, "--unit", &unit, error)
      || !toa_cli_text (kind_raw, "--info-kind", &kind, error)
      || !toa_cli_text (attribution_raw, "--attribution", &attribution, error)
      || !toa_cli_text (note_raw, "--note", &note, error))
    return FALSE;
  if (body_file != NULL && !(body = toa_cli_read_body (body_file, error)))
    return FALSE;

  if (!(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !(article = toa_store_article_get (store, id, error)))
    return FALSE;

  /* the stored article with the changes given, saved as the version the person names */
  article->version = version;
  if (title != NULL)
    replace (&article->title, title);
  if (sapo != NULL)
    replace (&article->sapo, sapo);
  if (body != NULL)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (body, &len);

      g_free (article->body_html);
      article->body_html = g_strndup (data != NULL ? data : "", len);
      if (strlen (article->body_html) != len)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: the file holds a NUL byte at byte %zu; it is not HTML text."),
                       _("Body"), strlen (article->body_html));
          return FALSE;
        }
    }
  if (section != NULL && !set_section (store, article, section, error))
    return FALSE;
  if (genre != NULL)
    replace (&article->genre, genre);
  if (language != NULL)
    replace (&article->language, language);
  if (unit != NULL && !set_unit (store, article, unit, error))
    return FALSE;
  if (kind != NULL)
    replace (&article->info_kind, *kind != '\0' ? kind : NULL);
  if (attribution != NULL)
    replace (&article->attribution, *attribution != '\0' ? attribution : NULL);
  if (no_tags)
    g_ptr_array_set_size (article->tags, 0);
  if (tags_raw != NULL)
    {
      g_ptr_array_set_size (article->tags, 0);
      for (guint i = 0; tags_raw[i] != NULL; i++)
        {
          g_autofree char *tag = NULL;

          if (!toa_cli_text (tags_raw[i], "--tag", &tag, error))
            return FALSE;
          toa_article_add_tag (article, tag);
        }
    }
  if (authors_raw != NULL)
    {
      g_array_set_size (article->authors, 0);
      for (guint i = 0; authors_raw[i] != NULL; i++)
        {
          g_autofree char *spec = NULL;

          if (!toa_cli_text (authors_raw[i], "--author", &spec, error)
              || !add_author_spec (cli, article, spec, error))
            return FALSE;
        }
    }

  if (!toa_articles_save (store, actor, article, note, error))
    return FALSE;

  if (cli->json)
    {
      JsonNode *node = toa_cli_json_article (article, TRUE);
      JsonArray *tags = json_array_new ();

      for (guint i = 0; i < article->tags->len; i++)
        json_array_add_string_element (tags, g_ptr_array_index (article->tags, i));
      json_object_set_array_member (json_node_get_object (node), "tags", tags);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print (_("Article %lld saved (version %lld).\n"), (long long) article->id,
                   (long long) article->version);
  return TRUE;
}
