/* toa-cli-inbox.c — `inbox --as LOGIN`: the approval inbox as a table (title, genre, section,
 * step, holder, received, deadline with the working days left, comments) or JSON rows;
 * filtered by site, section, genre, step, deadline and search text. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-due.h"
#include "toa-text.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-inbox.h"

#define MAX_LIMIT 1000

static JsonNode *
item_json (const ToaInboxItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const ToaArticle *a = item->article;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, a->id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, a->title);
  json_builder_set_member_name (b, "genre");
  json_builder_add_string_value (b, a->genre);
  json_builder_set_member_name (b, "genre_name");
  json_builder_add_string_value (b, item->genre_name);
  json_builder_set_member_name (b, "site");
  json_builder_add_string_value (b, a->site_code);
  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, a->section_name);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, a->state);
  json_builder_set_member_name (b, "state_name");
  json_builder_add_string_value (b, item->state_name);
  json_builder_set_member_name (b, "step");
  json_builder_add_string_value (b, item->step_label);
  json_builder_set_member_name (b, "holder");
  json_builder_begin_array (b);
  for (guint i = 0; item->holder_roles != NULL && item->holder_roles[i] != NULL; i++)
    json_builder_add_string_value (b, item->holder_roles[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "received");
  json_builder_add_string_value (b, item->received_on);
  json_builder_set_member_name (b, "deadline");
  if (item->deadline != NULL)
    json_builder_add_string_value (b, item->deadline);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "working_days_left");
  if (item->has_deadline)
    json_builder_add_int_value (b, item->days_left);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "comments");
  json_builder_add_int_value (b, item->comment_count);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
toa_cli_inbox (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *which_raw = NULL, *search_raw = NULL, *search = NULL;
  g_autofree char *site_raw = NULL, *section_raw = NULL, *genre_raw = NULL, *state_raw = NULL;
  g_autofree char *due_raw = NULL, *site = NULL, *section = NULL, *genre = NULL, *state = NULL;
  int limit = 50, offset = 0;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Whose inbox"), N_("LOGIN") },
    { "which", 0, 0, G_OPTION_ARG_FILENAME, &which_raw, N_("waiting (default), sent, overdue or all"), N_("LIST") },
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Only items on this site"), N_("CODE") },
    { "section", 0, 0, G_OPTION_ARG_FILENAME, &section_raw, N_("Only items in this section"), N_("CODE") },
    { "genre", 0, 0, G_OPTION_ARG_FILENAME, &genre_raw, N_("Only items of this genre"), N_("CODE") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_raw, N_("Only items at this step (a workflow state code)"), N_("STATE") },
    { "due", 0, 0, G_OPTION_ARG_FILENAME, &due_raw,
      N_("Only items overdue, due today, due within a week or within N working days"), N_("overdue|today|week|N") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, &search_raw, N_("Only items whose text matches"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N rows (default 50)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N rows"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(GPtrArray) items = NULL;
  ToaInboxRequest request = { .which = TOA_INBOX_WAITING };
  gboolean filtered;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_text (search_raw, "--search", &search, error)
      || !toa_cli_text (site_raw, "--site", &site, error)
      || !toa_cli_text (section_raw, "--section", &section, error)
      || !toa_cli_text (genre_raw, "--genre", &genre, error)
      || !toa_cli_text (state_raw, "--state", &state, error))
    return FALSE;
  if (which_raw != NULL && !toa_inbox_which_from_code (which_raw, &request.which))
    {
      toa_cli_usage_error (error, _("--which must be waiting, sent, overdue or all, not “%s”"), which_raw);
      return FALSE;
    }
  if (due_raw != NULL && !toa_inbox_due_from_code (due_raw, &request.due, &request.due_days))
    {
      toa_cli_usage_error (error, _("--due must be overdue, today, week or a number of working days up to 366, not “%s”"),
                           due_raw);
      return FALSE;
    }
  if (limit < 1 || limit > MAX_LIMIT || offset < 0)
    {
      toa_cli_usage_error (error, _("--limit must be from 1 to %d and --offset not negative"), MAX_LIMIT);
      return FALSE;
    }
  request.text = search;
  request.site = site;
  request.section = section;
  request.genre = genre;
  request.state = state;
  filtered = site != NULL || section != NULL || genre != NULL || state != NULL
             || due_raw != NULL || search != NULL;
  request.limit = limit;
  request.offset = offset;
  if (!(store = toa_cli_store (cli, error)) || !(person = toa_cli_actor (cli, as_raw, error))
      || !(items = toa_inbox_list (store, person, &request, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, item_json (g_ptr_array_index (items, i)));
      toa_cli_print_json (toa_cli_json_wrap ("items", array));
      return TRUE;
    }

  if (items->len == 0)
    {
      toa_cli_print ("%s\n", filtered ? _("No items match the filters.") : _("Nothing here."));
      return TRUE;
    }
  {
    const char *headers[] = { _("ID"), _("Title"), _("Genre"), _("Section"), _("Step"), _("Holder"),
                              _("Received"), _("Deadline"), _("Left"), _("Comments") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (G_N_ELEMENTS (headers), headers);

    for (guint i = 0; i < items->len; i++)
      {
        const ToaInboxItem *item = g_ptr_array_index (items, i);
        g_autofree char *id = g_strdup_printf ("%lld", (long long) item->article->id);
        g_autofree char *received = toa_format_iso_date (item->received_on);
        g_autofree char *deadline = toa_format_iso_date (item->deadline);
        g_autofree char *left = toa_due_text (item->has_deadline, item->days_left);
        g_autofree char *comments = g_strdup_printf ("%lld", (long long) item->comment_count);

        toa_cli_table_add (table, id, item->article->title,
                           item->genre_name != NULL ? item->genre_name : item->article->genre,
                           item->article->section_name, item->step_label, item->holder,
                           received, deadline, left, comments);
      }
    toa_cli_table_print (table);
  }
  return TRUE;
}
