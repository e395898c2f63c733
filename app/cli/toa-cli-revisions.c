/* toa-cli-revisions.c — an article's revisions: the list (article revisions), the word
 * differences between two (article diff, words marked [-old-]{+new+}) and restoring an old
 * one as a new revision (article restore). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-revisions.h"
#include "toa-text.h"

static gboolean
parse_number (const char *text, int *out, GError **error)
{
  gint64 value = 0;
  g_autofree char *shown = NULL;

  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &value, NULL))
    {
      *out = (int) value;
      return TRUE;
    }
  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not a revision number. See them with “toasoan-cli article revisions ID”."),
               shown);
  return FALSE;
}

/* The reader named by --as, or NULL (whoever opens the file, on SQLite). */
static gboolean
optional_actor (ToaCli *cli, const char *as_raw, ToaPerson **out, GError **error)
{
  *out = NULL;
  if (as_raw == NULL)
    return TRUE;
  *out = toa_cli_actor (cli, as_raw, error);
  return *out != NULL;
}

gboolean
toa_cli_article_revisions (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person reading"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !optional_actor (cli, as_raw, &actor, error)
      || !(revisions = toa_revisions_list (store, actor, id, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < revisions->len; i++)
        {
          const ToaRevision *revision = g_ptr_array_index (revisions, i);
          JsonNode *node = toa_cli_json_revision (revision);
          g_autofree char *text = toa_html_to_text (revision->body_html != NULL ? revision->body_html : "");

          json_object_set_string_member (json_node_get_object (node), "title", revision->title);
          json_object_set_int_member (json_node_get_object (node), "words", toa_text_word_count (text));
          json_array_add_element (array, node);
        }
      toa_cli_print_json (toa_cli_json_wrap ("revisions", array));
      return TRUE;
    }

  {
    const char *headers[] = { _("Revision"), _("By"), _("When"), _("Words"), _("Note") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (5, headers);

    for (guint i = 0; i < revisions->len; i++)
      {
        const ToaRevision *revision = g_ptr_array_index (revisions, i);
        g_autofree char *number = g_strdup_printf ("%d", revision->number);
        g_autofree char *when = toa_format_datetime (revision->created_at);
        g_autofree char *text = toa_html_to_text (revision->body_html != NULL ? revision->body_html : "");
        g_autofree char *words = g_strdup_printf ("%u", toa_text_word_count (text));

        toa_cli_table_add (table, number, revision->author_name, when, words,
                           revision->note != NULL ? revision->note : "");
      }
    toa_cli_table_print (table);
  }
  return TRUE;
}

static JsonArray *
chunks_json (GPtrArray *chunks)
{
  static const char *const ops[] = { "same", "inserted", "deleted" };
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index (chunks, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "op", ops[chunk->op]);
      json_object_set_string_member (object, "text", chunk->text);
      json_array_add_object_element (array, object);
    }
  return array;
}

static void
print_field (const char *label, GPtrArray *chunks)
{
  g_autofree char *markup = toa_word_diff_markup (chunks);
  guint deleted = 0, inserted = 0;

  toa_word_diff_count (chunks, &deleted, &inserted);
  if (chunks->len == 0 || (chunks->len == 1 && ((ToaDiffChunk *) chunks->pdata[0])->op == TOA_DIFF_SAME))
    {
      /* TRANSLATORS: a field of the article */
      toa_cli_print (_("== %s: no change ==\n\n"), label);
      return;
    }
  /* TRANSLATORS: a field of the article, then how many words were removed and added */
  toa_cli_print (_("== %s (−%u +%u words) ==\n"), label, deleted, inserted);
  toa_cli_print ("%s\n\n", markup);
}

gboolean
toa_cli_article_diff (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person reading"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) sapo = NULL;
  g_autoptr(GPtrArray) body = NULL;
  ToaStore *store;
  gint64 id;
  int from, to;

  if (!toa_cli_parse (cli, entries, args, 3, 3, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !parse_number (args[2], &from, error)
      || !parse_number (args[3], &to, error)
      || !(store = toa_cli_store (cli, error))
      || !optional_actor (cli, as_raw, &actor, error)
      || !toa_revisions_diff (store, actor, id, from, to, &title, &sapo, &body, error))
    return FALSE;

  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      g_autofree char *markup = toa_word_diff_markup (body);

      json_object_set_int_member (root, "article", id);
      json_object_set_int_member (root, "from", from);
      json_object_set_int_member (root, "to", to);
      json_object_set_array_member (root, "title", chunks_json (title));
      json_object_set_array_member (root, "sapo", chunks_json (sapo));
      json_object_set_array_member (root, "body", chunks_json (body));
      json_object_set_string_member (root, "body_marked", markup);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return TRUE;
    }

  print_field (_("Title"), title);
  print_field (_("Sapo"), sapo);
  print_field (_("Body"), body);
  return TRUE;
}

gboolean
toa_cli_article_restore (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  gint64 version = 0;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person restoring"), N_("LOGIN") },
    { "version", 0, 0, G_OPTION_ARG_INT64, &version,
      N_("The article's version you saw (exit 4 when someone saved since); default: the current one"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  ToaStore *store;
  gint64 id;
  int number, created;

  if (!toa_cli_parse (cli, entries, args, 2, 2, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !parse_number (args[2], &number, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error)))
    return FALSE;
  created = toa_revisions_restore (store, actor, id, number, version, error);
  if (created == 0)
    return FALSE;

  if (cli->json)
    {
      JsonObject *root = json_object_new ();

      json_object_set_int_member (root, "article", id);
      json_object_set_int_member (root, "restored", number);
      json_object_set_int_member (root, "revision", created);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
    }
  else
    toa_cli_print (_("Article %lld: revision %d restored as the new revision %d.\n"),
                   (long long) id, number, created);
  return TRUE;
}
