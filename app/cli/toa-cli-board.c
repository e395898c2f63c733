/* toa-cli-board.c — `init [--demo]` (a board's database, its province portal and the demo
 * board) and `audit verify` (the hash chain of the audit log, nhật ký hệ thống). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-demo.h"
#include "toa-error.h"
#include "toa-store-open.h"

/* The demo goes only into a board without articles or people. */
static gboolean
check_empty (ToaStore *store, GError **error)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) people = NULL;
  gint64 count;

  if ((count = toa_store_article_count (store, query, error)) < 0)
    return FALSE;
  if (!(people = toa_store_person_list (store, error)))
    return FALSE;
  if (count > 0 || people->len > 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("The database %s already has data; the demo board goes only into a new database. "
                     "Give another file or database with --db."),
                   toa_store_describe (store));
      return FALSE;
    }
  return TRUE;
}

static void
print_init (ToaCli *cli, ToaStore *store, gboolean demo)
{
  g_autoptr(GPtrArray) sites = toa_store_site_list (store, NULL);
  g_autoptr(GPtrArray) people = demo ? toa_store_person_list (store, NULL) : NULL;
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  gint64 articles = toa_store_article_count (store, query, NULL);

  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      JsonArray *site_array = json_array_new ();

      json_object_set_string_member (root, "database", toa_store_describe (store));
      json_object_set_int_member (root, "schema_version", toa_store_schema_version (store));
      for (guint i = 0; sites != NULL && i < sites->len; i++)
        json_array_add_element (site_array, toa_cli_json_site (g_ptr_array_index (sites, i)));
      json_object_set_array_member (root, "sites", site_array);
      json_object_set_int_member (root, "articles", MAX (articles, 0));
      if (demo)
        {
          JsonObject *demo_object = json_object_new ();
          JsonArray *logins = json_array_new ();

          json_object_set_string_member (demo_object, "password", TOA_DEMO_PASSWORD);
          for (guint i = 0; people != NULL && i < people->len; i++)
            {
              ToaPerson *person = g_ptr_array_index (people, i);

              if (person->login != NULL)
                json_array_add_element (logins, toa_cli_json_person (person));
            }
          json_object_set_array_member (demo_object, "people", logins);
          json_object_set_object_member (root, "demo", demo_object);
        }
      else
        json_object_set_null_member (root, "demo");
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return;
    }

  toa_cli_print (_("Database ready: %s\n"), toa_store_describe (store));
  if (demo)
    {
      const char *headers[] = { _("Login"), _("Name"), _("Roles") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (3, headers);

      toa_cli_print (_("Demo board: %u sites, %u people, %lld articles.\n"),
                     sites != NULL ? sites->len : 0, people != NULL ? people->len : 0,
                     (long long) articles);
      toa_cli_print ("\n");
      for (guint i = 0; people != NULL && i < people->len; i++)
        {
          ToaPerson *person = g_ptr_array_index (people, i);
          g_autofree char *roles = NULL;

          if (person->login == NULL)
            continue;
          roles = toa_person_roles_text (person);
          toa_cli_table_add (table, person->login, person->full_name, roles);
        }
      toa_cli_table_print (table);
      toa_cli_print ("\n");
      toa_cli_print (_("Password of every demo account: %s\n"), TOA_DEMO_PASSWORD);
    }
}

gboolean
toa_cli_init (ToaCli *cli, char **args, GError **error)
{
  gboolean demo = FALSE;
  g_autofree char *portal_name_raw = NULL;
  g_autofree char *portal_name = NULL;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Add the demo board: sites, sections, people and 300 articles"), NULL },
    { "portal-name", 0, 0, G_OPTION_ARG_FILENAME, &portal_name_raw,
      N_("Name of the province portal"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_text (portal_name_raw, "--portal-name", &portal_name, error))
    return FALSE;

  if (!(cli->store = toa_store_open (cli->location, TOA_OPEN_CREATE, error)))
    return FALSE;
  if (portal_name == NULL && demo)
    portal_name = g_strdup (TOA_DEMO_PORTAL_NAME);
  if (!toa_board_init (cli->store, portal_name, error))
    return FALSE;
  if (demo)
    {
      if (!check_empty (cli->store, error))
        return FALSE;
      if (!toa_demo_populate (cli->store, 0, error))
        return FALSE;
    }

  print_init (cli, cli->store, demo);
  return TRUE;
}

gboolean
toa_cli_audit_verify (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expect_head = NULL;
  g_autoptr(GPtrArray) last = NULL;
  gint64 count = 0, bad_seq = 0;
  const ToaAuditRecord *head = NULL;
  ToaStore *store;
  GOptionEntry entries[] = {
    { "expect-head", 0, 0, G_OPTION_ARG_STRING, &expect_head,
      N_("A head printed earlier, SEQ:HASH: check the log still holds it"), N_("SEQ:HASH") },
    G_OPTION_ENTRY_NULL
  };

  if (!toa_cli_parse (cli, entries, args, 0, 0, error))
    return FALSE;
  if (!(store = toa_cli_store (cli, error)))
    return FALSE;

  if (expect_head != NULL)
    {
      const char *colon = strchr (expect_head, ':');
      gint64 seq = colon != NULL ? g_ascii_strtoll (expect_head, NULL, 10) : 0;

      if (seq <= 0)
        {
          g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                               _("--expect-head takes SEQ:HASH as printed by “audit verify”"));
          return FALSE;
        }
      if (!toa_audit_check_anchor (store, seq, colon + 1, error))
        return FALSE;
    }

  if (!toa_audit_verify (store, &count, &bad_seq, &local_error))
    {
      if (bad_seq > 0)
        {
          cli->error_detail = json_object_new ();
          json_object_set_int_member (cli->error_detail, "records", count);
          json_object_set_boolean_member (cli->error_detail, "intact", FALSE);
          json_object_set_int_member (cli->error_detail, "first_bad_record", bad_seq);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* the head, to be kept outside the database (see toa_audit_check_anchor) */
  if (count > 0 && (last = toa_store_audit_list (store, count - 1, 1, NULL)) != NULL && last->len > 0)
    head = g_ptr_array_index (last, 0);

  if (cli->json)
    {
      JsonObject *root = json_object_new ();

      json_object_set_int_member (root, "records", count);
      json_object_set_boolean_member (root, "intact", TRUE);
      if (head != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%lld:%s", (long long) head->seq, head->hash);
          json_object_set_string_member (root, "head", text);
        }
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
    }
  else
    {
      toa_cli_print (g_dngettext (GETTEXT_PACKAGE, "%lld record, intact\n", "%lld records, intact\n",
                                  (gulong) count),
                     (long long) count);
      if (head != NULL)
        toa_cli_print (_("Head: %lld:%s (keep it with the backup; check it later with --expect-head)\n"),
                       (long long) head->seq, head->hash);
    }
  return TRUE;
}
