/* toa-cli-article.c — `article create|show|list|search`: articles (tin bài); `article edit`
 * is in toa-cli-article-edit.c. Creation goes
 * through toa_articles_create, which checks rights and validates every field. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-text.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 10000

gboolean
toa_cli_article_create (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *title_raw = NULL, *genre_raw = NULL, *section_raw = NULL;
  g_autofree char *site_raw = NULL, *sapo_raw = NULL, *body_file = NULL, *unit_raw = NULL;
  g_autofree char *kind_raw = NULL, *language_raw = NULL, *attribution_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person writing it"), N_("LOGIN") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_raw, N_("Title"), N_("TITLE") },
    { "genre", 0, 0, G_OPTION_ARG_FILENAME, &genre_raw, N_("Genre code (see “genre list”)"), N_("GENRE") },
    { "section", 0, 0, G_OPTION_ARG_FILENAME, &section_raw, N_("Section code (see “section list”)"), N_("SECTION") },
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Site code (default: portal)"), N_("CODE") },
    { "sapo", 0, 0, G_OPTION_ARG_FILENAME, &sapo_raw, N_("Sapo (lead paragraph)"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Body HTML from a file, or - for standard input"), N_("FILE") },
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &unit_raw, N_("Providing unit code"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_raw, N_("Kind of information (see “kind list”)"), N_("KIND") },
    { "language", 0, 0, G_OPTION_ARG_FILENAME, &language_raw, N_("vi or en (default: vi)"), N_("LANG") },
    { "attribution", 0, 0, G_OPTION_ARG_FILENAME, &attribution_raw, N_("Attribution line, e.g. “Theo …”"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *title = NULL, *genre = NULL, *section = NULL, *site = NULL, *sapo = NULL;
  g_autofree char *unit = NULL, *kind = NULL, *language = NULL, *attribution = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  ToaArticleDraft draft = { 0 };
  gsize body_len = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_require (title_raw, "--title", error)
      || !toa_cli_require (genre_raw, "--genre", error)
      || !toa_cli_require (section_raw, "--section", error))
    return FALSE;

  if (!toa_cli_text (title_raw, "--title", &title, error)
      || !toa_cli_text (genre_raw, "--genre", &genre, error)
      || !toa_cli_text (section_raw, "--section", &section, error)
      || !toa_cli_text (site_raw, "--site", &site, error)
      || !toa_cli_text (sapo_raw, "--sapo", &sapo, error)
      || !toa_cli_text (unit_raw, "--unit", &unit, error)
      || !toa_cli_text (kind_raw, "--kind", &kind, error)
      || !toa_cli_text (language_raw, "--language", &language, error)
      || !toa_cli_text (attribution_raw, "--attribution", &attribution, error))
    return FALSE;
  if (body_file != NULL && !(body = toa_cli_read_body (body_file, error)))
    return FALSE;

  if (!(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error)))
    return FALSE;

  draft.site_code = site;
  draft.section_code = section;
  draft.genre = genre;
  draft.language = language;
  draft.unit_code = unit;
  draft.info_kind = kind;
  draft.title = title;
  draft.sapo = sapo;
  draft.body_html = body != NULL ? g_bytes_get_data (body, &body_len) : NULL;
  draft.body_len = body != NULL ? (gssize) body_len : -1;
  /* An empty file gives no data pointer; it is an empty body all the same. */
  if (body != NULL && draft.body_html == NULL)
    draft.body_html = "", draft.body_len = 0;
  draft.attribution = attribution;

  if (!(article = toa_articles_create (store, actor, &draft, error)))
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_cli_json_article (article, TRUE));
  else
    toa_cli_print ("%lld\n", (long long) article->id);
  return TRUE;
}

/* The body as plain text, a blank line between paragraphs. */
static void
print_body (const char *html)
{
  g_autofree char *text = toa_html_to_paragraphs (html);

  if (*text != '\0')
    toa_cli_print ("\n%s\n", text);
}

static void
print_article_text (ToaArticle *article, GPtrArray *revisions, GPtrArray *comments)
{
  g_autoptr(ToaCliTable) fields = toa_cli_table_new (2, NULL);
  g_autofree char *created = toa_format_datetime (article->created_at);
  g_autofree char *updated = toa_format_datetime (article->updated_at);
  g_autofree char *published = toa_format_datetime (article->published_at);
  g_autofree char *created_line = NULL;
  g_autofree char *version = g_strdup_printf ("%lld", (long long) article->version);
  g_autofree char *revision_count = g_strdup_printf ("%u", revisions->len);
  g_autoptr(GString) authors = g_string_new (NULL);
  g_autofree char *tags = NULL;

  g_ptr_array_add (article->tags, NULL);
  tags = g_strjoinv (", ", (char **) article->tags->pdata);
  g_ptr_array_remove_index (article->tags, article->tags->len - 1);
  created_line = article->created_by_name != NULL
    ? g_strdup_printf ("%s, %s", created, article->created_by_name) : g_strdup (created);
  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      g_autofree char *percent = toa_cli_share_text (share->share_bp);

      if (authors->len > 0)
        g_string_append (authors, "; ");
      g_string_append_printf (authors, "%s (%s, %s)", share->name != NULL ? share->name : "?",
                              share->role != NULL ? share->role : "author", percent);
    }

  toa_cli_print ("%lld  %s\n\n", (long long) article->id, article->title);
  toa_cli_table_add (fields, _("State:"), toa_article_state_label_for_code (article->state));
  toa_cli_table_add (fields, _("Site:"), article->site_code);
  toa_cli_table_add (fields, _("Section:"), article->section_name);
  toa_cli_table_add (fields, _("Genre:"), article->genre);
  toa_cli_table_add (fields, _("Language:"), article->language);
  toa_cli_table_add (fields, _("Providing unit:"), article->source_unit_name);
  toa_cli_table_add (fields, _("Kind of information:"), article->info_kind);
  toa_cli_table_add (fields, _("Authors:"), authors->str);
  toa_cli_table_add (fields, _("Created:"), created_line);
  toa_cli_table_add (fields, _("Updated:"), updated);
  toa_cli_table_add (fields, _("Published:"), published);
  toa_cli_table_add (fields, _("Version:"), version);
  toa_cli_table_add (fields, _("Revisions:"), revision_count);
  toa_cli_table_add (fields, _("Attribution:"), article->attribution);
  toa_cli_table_add (fields, _("Tags:"), tags);
  toa_cli_table_print (fields);

  if (article->sapo != NULL && *article->sapo != '\0')
    toa_cli_print ("\n%s\n", article->sapo);
  print_body (article->body_html);

  if (comments->len > 0)
    {
      toa_cli_print ("\n%s\n", _("Comments:"));
      for (guint i = 0; i < comments->len; i++)
        {
          ToaComment *comment = g_ptr_array_index (comments, i);
          g_autofree char *when = toa_format_datetime (comment->created_at);

          toa_cli_print ("  %s  %s: %s\n", when, comment->person_name != NULL ? comment->person_name : "?",
                         comment->body);
          if (comment->mention_names != NULL)
            toa_cli_print ("      %s %s\n", _("Mentioned:"), comment->mention_names);
        }
    }
}

gboolean
toa_cli_article_show (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, NULL, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(article = toa_store_article_get (store, id, error))
      || !(revisions = toa_store_revision_list (store, id, error))
      || !(comments = toa_store_comment_list (store, id, error)))
    return FALSE;

  if (cli->json)
    {
      JsonNode *node = toa_cli_json_article (article, TRUE);
      JsonObject *object = json_node_get_object (node);
      JsonArray *revision_array = json_array_new ();
      JsonArray *comment_array = json_array_new ();

      for (guint i = 0; i < revisions->len; i++)
        json_array_add_element (revision_array, toa_cli_json_revision (g_ptr_array_index (revisions, i)));
      for (guint i = 0; i < comments->len; i++)
        json_array_add_element (comment_array, toa_cli_json_comment (g_ptr_array_index (comments, i)));
      JsonArray *tag_array = json_array_new ();

      for (guint i = 0; i < article->tags->len; i++)
        json_array_add_string_element (tag_array, g_ptr_array_index (article->tags, i));
      json_object_set_array_member (object, "tags", tag_array);
      json_object_set_int_member (object, "revision_count", revisions->len);
      json_object_set_array_member (object, "revisions", revision_array);
      json_object_set_array_member (object, "comments", comment_array);
      toa_cli_print_json (node);
    }
  else
    print_article_text (article, revisions, comments);
  return TRUE;
}

/* Lists one page of @query: a table, or {"total", "offset", "limit", "articles"}. */
static gboolean
print_articles (ToaCli *cli, ToaStore *store, const ToaArticleQuery *query, guint offset,
                guint limit, GError **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  gint64 total;

  if ((total = toa_store_article_count (store, query, error)) < 0
      || !(articles = toa_store_article_list (store, query, NULL, offset, limit, error)))
    return FALSE;

  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      JsonArray *array = json_array_new ();

      if (query->text != NULL)
        json_object_set_string_member (root, "query", query->text);
      json_object_set_int_member (root, "total", total);
      json_object_set_int_member (root, "offset", offset);
      json_object_set_int_member (root, "limit", limit);
      for (guint i = 0; i < articles->len; i++)
        json_array_add_element (array, toa_cli_json_article (g_ptr_array_index (articles, i), FALSE));
      json_object_set_array_member (root, "articles", array);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return TRUE;
    }

  if (articles->len == 0)
    {
      toa_cli_print ("%s\n", _("No articles match."));
      return TRUE;
    }

  {
    const char *date_header = query->sort == TOA_SORT_CREATED ? _("Created")
                              : query->sort == TOA_SORT_PUBLISHED ? _("Published") : _("Updated");
    const char *headers[] = { _("ID"), date_header, _("State"), _("Genre"), _("Site"), _("Section"), _("Title") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (7, headers);

    for (guint i = 0; i < articles->len; i++)
      {
        ToaArticle *article = g_ptr_array_index (articles, i);
        g_autofree char *id = g_strdup_printf ("%lld", (long long) article->id);
        gint64 when = query->sort == TOA_SORT_CREATED ? article->created_at
                      : query->sort == TOA_SORT_PUBLISHED ? article->published_at : article->updated_at;
        g_autofree char *date = toa_format_date (when);

        toa_cli_table_add (table, id, date, toa_article_state_label_for_code (article->state),
                           article->genre, article->site_code, article->section_name, article->title);
      }
    toa_cli_table_print (table);
  }

  if ((gint64) (offset + articles->len) < total || offset > 0)
    toa_cli_print (_("%u–%u of %lld; more with --offset %u\n"), offset + 1, offset + articles->len,
                   (long long) total, offset + articles->len);
  return TRUE;
}

static gboolean
check_limit (int limit, int offset, GError **error)
{
  if (limit < 1 || limit > MAX_LIMIT)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("--limit must be between 1 and %d"), MAX_LIMIT);
      return FALSE;
    }
  if (offset < 0)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID, _("--offset cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

/* The section's id from its code, within @site_id when given (0 = any site). */
static gboolean
find_section (ToaStore *store, gint64 site_id, const char *code, gint64 *out, GError **error)
{
  g_autoptr(GPtrArray) sections = toa_store_section_list (store, site_id, error);
  guint found = 0;

  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len; i++)
    {
      ToaSection *section = g_ptr_array_index (sections, i);

      if (g_str_equal (section->code, code))
        *out = section->id, found++;
    }
  if (found == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("No section has the code “%s”; see “toasoan-cli section list”"), code);
      return FALSE;
    }
  if (found > 1)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Several sites have a section “%s”; name the site with --site"), code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_genre (ToaStore *store, const char *code, GError **error)
{
  g_autoptr(GPtrArray) genres = toa_store_genre_list (store, error);

  if (genres == NULL)
    return FALSE;
  for (guint i = 0; i < genres->len; i++)
    if (g_str_equal (((ToaGenre *) g_ptr_array_index (genres, i))->code, code))
      return TRUE;
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("Unknown genre “%s”; see “toasoan-cli genre list”"), code);
  return FALSE;
}

static gboolean
check_state (const char *code, GError **error)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  ToaArticleState state;

  if (toa_article_state_from_code (code, &state))
    return TRUE;
  for (guint i = 0; i < TOA_N_STATES; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", toa_article_state_code (i));
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Unknown state “%s”; states: %s"), code, codes->str);
  return FALSE;
}

static gboolean
parse_sort (const char *text, ToaArticleSort *out, GError **error)
{
  static const char *names[] = { "updated", "created", "published", "title", "id" };
  static const ToaArticleSort sorts[] = { TOA_SORT_UPDATED, TOA_SORT_CREATED, TOA_SORT_PUBLISHED,
                                          TOA_SORT_TITLE, TOA_SORT_ID };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *out = sorts[i];
        return TRUE;
      }
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("--sort takes updated, created, published, title or id"));
  return FALSE;
}

gboolean
toa_cli_article_list (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *site_raw = NULL, *section_raw = NULL, *genre_raw = NULL, *state_raw = NULL;
  g_autofree char *language_raw = NULL, *search_raw = NULL, *sort_raw = NULL;
  gboolean ascending = FALSE, descending = FALSE;
  int limit = DEFAULT_LIMIT, offset = 0;
  GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Only this site"), N_("CODE") },
    { "section", 0, 0, G_OPTION_ARG_FILENAME, &section_raw, N_("Only this section"), N_("CODE") },
    { "genre", 0, 0, G_OPTION_ARG_FILENAME, &genre_raw, N_("Only this genre"), N_("GENRE") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_raw, N_("Only this state, e.g. draft, published"), N_("STATE") },
    { "language", 0, 0, G_OPTION_ARG_FILENAME, &language_raw, N_("Only vi or en"), N_("LANG") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, &search_raw, N_("Only articles containing these words"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_FILENAME, &sort_raw, N_("updated, created, published, title or id"), N_("ORDER") },
    { "asc", 0, 0, G_OPTION_ARG_NONE, &ascending, N_("Ascending order"), NULL },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Descending order"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N articles (default 50)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N articles"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *site_code = NULL, *section_code = NULL;
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(ToaSite) site = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !check_limit (limit, offset, error)
      || (sort_raw != NULL && !parse_sort (sort_raw, &query->sort, error)))
    return FALSE;
  if (ascending && descending)
    {
      toa_cli_usage_error (error, _("Give --asc or --desc, not both"));
      return FALSE;
    }
  query->descending = ascending ? FALSE : descending ? TRUE : query->sort != TOA_SORT_TITLE;

  if (!toa_cli_text (site_raw, "--site", &site_code, error)
      || !toa_cli_text (section_raw, "--section", &section_code, error)
      || !toa_cli_text (genre_raw, "--genre", &query->genre, error)
      || !toa_cli_text (state_raw, "--state", &query->state, error)
      || !toa_cli_text (language_raw, "--language", &query->language, error)
      || !toa_cli_text (search_raw, "--search", &query->text, error))
    return FALSE;
  if (query->state != NULL && !check_state (query->state, error))
    return FALSE;
  if (query->language != NULL && !g_str_equal (query->language, "vi") && !g_str_equal (query->language, "en"))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("--language takes vi or en"));
      return FALSE;
    }

  if (!(store = toa_cli_store (cli, error)))
    return FALSE;
  if (site_code != NULL)
    {
      if (!(site = toa_store_site_find (store, site_code, error)))
        return FALSE;
      query->site_id = site->id;
    }
  if (section_code != NULL && !find_section (store, query->site_id, section_code, &query->section_id, error))
    return FALSE;
  if (query->genre != NULL && !check_genre (store, query->genre, error))
    return FALSE;

  return print_articles (cli, store, query, (guint) offset, (guint) limit, error);
}

gboolean
toa_cli_article_search (ToaCli *cli, char **args, GError **error)
{
  int limit = DEFAULT_LIMIT, offset = 0;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N articles (default 50)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N articles"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autofree char *joined = NULL;
  g_autofree char *fts = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, G_MAXUINT, error)
      || !check_limit (limit, offset, error))
    return FALSE;
  joined = g_strjoinv (" ", args + 1);
  if (!toa_cli_text (joined, _("search text"), &query->text, error))
    return FALSE;
  if (!(fts = toa_article_query_fts (query->text)))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Nothing to search for in “%s”; give words or numbers"), query->text);
      return FALSE;
    }

  if (!(store = toa_cli_store (cli, error)))
    return FALSE;
  return print_articles (cli, store, query, (guint) offset, (guint) limit, error);
}

gboolean
toa_cli_comment_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as = NULL, *text_raw = NULL, *text = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as, N_("Who writes the comment"), N_("LOGIN") },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &text_raw, N_("The comment; @login mentions a person"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaComment) comment = NULL;
  gint64 id;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !toa_cli_require (text_raw, "--text", error)
      || !toa_cli_text (text_raw, "--text", &text, error)
      || !(actor = toa_cli_actor (cli, as, error))
      || !(store = toa_cli_store (cli, error))
      || !(comment = toa_articles_comment (store, actor, id, text, error)))
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_cli_json_comment (comment));
  else
    toa_cli_print ("%lld\n", (long long) comment->id);
  return TRUE;
}

gboolean
toa_cli_comment_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(ToaArticle) article = NULL;
  gint64 id;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(article = toa_store_article_get (store, id, error))
      || !(comments = toa_store_comment_list (store, id, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < comments->len; i++)
        json_array_add_element (array, toa_cli_json_comment (g_ptr_array_index (comments, i)));
      toa_cli_print_json (toa_cli_json_wrap ("comments", array));
    }
  else
    {
      const char *headers[] = { _("Time"), _("By"), _("Comment"), _("Mentioned") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (4, headers);

      for (guint i = 0; i < comments->len; i++)
        {
          ToaComment *comment = g_ptr_array_index (comments, i);
          g_autofree char *when = toa_format_datetime (comment->created_at);

          toa_cli_table_add (table, when, comment->person_name, comment->body,
                             comment->mention_names != NULL ? comment->mention_names : "");
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}
