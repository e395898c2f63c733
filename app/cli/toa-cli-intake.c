/* toa-cli-intake.c — intake (Quy trình 1): `intake add` registers received material with its
 * channel, sender, document number, dates and attached files (read and kept with the item)
 * and prints its id and deadline; `intake letter` writes (and stores) the reply letter for a
 * refusal; `intake attachments` lists an item's files and `intake attachment` writes one out. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-text.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-intake.h"
#include "toa-attachments.h"

gboolean
toa_cli_intake_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *title_raw = NULL, *genre_raw = NULL, *section_raw = NULL;
  g_autofree char *site_raw = NULL, *channel_raw = NULL, *unit_raw = NULL, *sender_raw = NULL;
  g_autofree char *docno_raw = NULL, *received_raw = NULL, *issued_raw = NULL, *kind_raw = NULL;
  g_autofree char *body_file = NULL;
  g_auto(GStrv) attachments_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person registering it"), N_("LOGIN") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_raw, N_("Title"), N_("TITLE") },
    { "genre", 0, 0, G_OPTION_ARG_FILENAME, &genre_raw, N_("Genre code (see “genre list”)"), N_("GENRE") },
    { "section", 0, 0, G_OPTION_ARG_FILENAME, &section_raw, N_("Section code"), N_("SECTION") },
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Site code (default: portal)"), N_("CODE") },
    { "channel", 0, 0, G_OPTION_ARG_FILENAME, &channel_raw, N_("How it arrived: post, document-system, email, zalo or in-house"), N_("CHANNEL") },
    { "sender-unit", 0, 0, G_OPTION_ARG_FILENAME, &unit_raw, N_("The sender, a providing unit code"), N_("CODE") },
    { "sender", 0, 0, G_OPTION_ARG_FILENAME, &sender_raw, N_("The sender's name, when not a registered unit"), N_("NAME") },
    { "document-no", 0, 0, G_OPTION_ARG_FILENAME, &docno_raw, N_("The document number"), N_("NUMBER") },
    { "received", 0, 0, G_OPTION_ARG_FILENAME, &received_raw, N_("Date received, YYYY-MM-DD or dd/mm/yyyy"), N_("DATE") },
    { "issued", 0, 0, G_OPTION_ARG_FILENAME, &issued_raw, N_("Date issued, YYYY-MM-DD or dd/mm/yyyy"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_raw, N_("Kind of information, which sets the deadline (see “kind list”)"), N_("KIND") },
    { "attachment", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attachments_raw, N_("A file received with it, read and kept with the item (repeatable)"), N_("FILE") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Body HTML from a file, or - for standard input"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *title = NULL, *genre = NULL, *section = NULL, *site = NULL, *channel = NULL;
  g_autofree char *unit = NULL, *sender = NULL, *docno = NULL, *received = NULL, *issued = NULL;
  g_autofree char *kind = NULL, *deadline = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  ToaIntakeDraft draft = { 0 };
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_require (title_raw, "--title", error)
      || !toa_cli_require (genre_raw, "--genre", error)
      || !toa_cli_require (section_raw, "--section", error)
      || !toa_cli_require (channel_raw, "--channel", error)
      || !toa_cli_require (received_raw, "--received", error))
    return FALSE;
  if (unit_raw != NULL && sender_raw != NULL)
    {
      toa_cli_usage_error (error, _("Give either --sender-unit or --sender, not both"));
      return FALSE;
    }
  if (!toa_cli_text (title_raw, "--title", &title, error)
      || !toa_cli_text (genre_raw, "--genre", &genre, error)
      || !toa_cli_text (section_raw, "--section", &section, error)
      || !toa_cli_text (site_raw, "--site", &site, error)
      || !toa_cli_text (channel_raw, "--channel", &channel, error)
      || !toa_cli_text (unit_raw, "--sender-unit", &unit, error)
      || !toa_cli_text (sender_raw, "--sender", &sender, error)
      || !toa_cli_text (docno_raw, "--document-no", &docno, error)
      || !toa_cli_text (received_raw, "--received", &received, error)
      || !toa_cli_text (issued_raw, "--issued", &issued, error)
      || !toa_cli_text (kind_raw, "--kind", &kind, error))
    return FALSE;
  /* Paths stay in the file system's encoding: core reads them and names the files. */
  for (guint i = 0; attachments_raw != NULL && attachments_raw[i] != NULL; i++)
    g_ptr_array_add (attachments, g_strdup (attachments_raw[i]));
  g_ptr_array_add (attachments, NULL);
  if (body_file != NULL && !(body = toa_cli_read_body (body_file, error)))
    return FALSE;

  if (!(store = toa_cli_store (cli, error)) || !(actor = toa_cli_actor (cli, as_raw, error)))
    return FALSE;

  draft.draft.site_code = site;
  draft.draft.section_code = section;
  draft.draft.genre = genre;
  draft.draft.unit_code = unit;
  draft.draft.info_kind = kind;
  draft.draft.title = title;
  draft.draft.body_html = body != NULL ? g_bytes_get_data (body, NULL) : NULL;
  draft.draft.body_len = body != NULL ? (gssize) g_bytes_get_size (body) : -1;
  draft.channel = channel;
  draft.sender_name = sender;
  draft.document_no = docno;
  draft.received_on = received;
  draft.issued_on = issued;
  draft.attachment_paths = (const char * const *) attachments->pdata;

  if (!(article = toa_intake_add (store, actor, &draft, &deadline, error)))
    return FALSE;

  if (cli->json)
    {
      JsonNode *node = toa_cli_json_article (article, FALSE);
      JsonObject *object = json_node_get_object (node);

      if (deadline != NULL)
        json_object_set_string_member (object, "deadline", deadline);
      else
        json_object_set_null_member (object, "deadline");
      json_object_set_string_member (object, "channel", channel);
      toa_cli_print_json (node);
    }
  else if (deadline != NULL)
    {
      g_autofree char *date = toa_format_iso_date (deadline);

      /* Translators: an item's number, then its deadline dd/mm/yyyy */
      toa_cli_print (_("%lld, deadline %s\n"), (long long) article->id, date);
    }
  else
    toa_cli_print ("%lld\n", (long long) article->id);
  return TRUE;
}

gboolean
toa_cli_intake_letter (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *reason_raw = NULL, *note_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person writing it"), N_("LOGIN") },
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &reason_raw, N_("The refusal ground (codes: “toasoan-cli workflow grounds”)"), N_("GROUND") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note_raw, N_("A note added to the ground"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *reason = NULL, *note = NULL, *letter = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  ToaStore *store;
  gint64 id;
  char *end = NULL;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_require (reason_raw, "--reason", error)
      || !toa_cli_text (reason_raw, "--reason", &reason, error)
      || !toa_cli_text (note_raw, "--note", &note, error))
    return FALSE;
  id = g_ascii_strtoll (args[1], &end, 10);
  if (end == args[1] || *end != '\0' || id <= 0)
    {
      toa_cli_usage_error (error, _("“%s” is not an item number"), args[1]);
      return FALSE;
    }
  if (!(store = toa_cli_store (cli, error)) || !(actor = toa_cli_actor (cli, as_raw, error)))
    return FALSE;
  if (!(letter = toa_intake_reply_letter (store, actor, id, reason, note, NULL, error)))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      json_builder_set_member_name (builder, "letter");
      json_builder_add_string_value (builder, letter);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  else
    toa_cli_print ("%s", letter);
  return TRUE;
}

/* The item number in args[1]. */
static gboolean
item_number (char **args, gint64 *id, GError **error)
{
  char *end = NULL;

  *id = g_ascii_strtoll (args[1], &end, 10);
  if (end == args[1] || *end != '\0' || *id <= 0)
    {
      toa_cli_usage_error (error, _("“%s” is not an item number"), args[1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_cli_intake_attachments (ToaCli *cli, char **args, GError **error)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GPtrArray) list = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error) || !item_number (args, &id, error))
    return FALSE;
  if (!(store = toa_cli_store (cli, error)) || !(list = toa_attachments_list (store, id, error)))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const ToaAttachment *a = list->pdata[i];
          g_autofree char *added = toa_cli_iso8601 (a->added_at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, a->position);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, a->file_name);
          json_builder_set_member_name (builder, "has_content");
          json_builder_add_boolean_value (builder, a->sha256 != NULL);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, a->size);
          json_builder_set_member_name (builder, "media_type");
          if (a->media_type != NULL)
            json_builder_add_string_value (builder, a->media_type);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "sha256");
          if (a->sha256 != NULL)
            json_builder_add_string_value (builder, a->sha256);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "added_at");
          if (added != NULL)
            json_builder_add_string_value (builder, added);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      toa_cli_print_json (json_builder_get_root (builder));
      return TRUE;
    }
  if (list->len == 0)
    {
      toa_cli_print (_("Item %lld has no attached files.\n"), (long long) id);
      return TRUE;
    }
  {
    const char *headers[] = { "#", _("Name"), _("Size"), _("Type"), _("Added"), _("SHA-256") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (G_N_ELEMENTS (headers), headers);

    for (guint i = 0; i < list->len; i++)
      {
        const ToaAttachment *a = list->pdata[i];
        g_autofree char *number = g_strdup_printf ("%d", a->position);
        g_autofree char *size = a->sha256 != NULL ? toa_attachments_format_size (a->size) : NULL;
        g_autofree char *added = a->added_at != 0 ? toa_format_date (a->added_at) : NULL;

        if (a->sha256 != NULL)
          toa_cli_table_add (table, number, a->file_name, size, a->media_type, added, a->sha256);
        else
          toa_cli_table_add (table, number, a->file_name, _("name only, no content"), "", "", "");
      }
    toa_cli_table_print (table);
  }
  return TRUE;
}

gboolean
toa_cli_intake_attachment (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the file"), N_("PATH") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the file at PATH if there is one"), NULL },
    G_OPTION_ENTRY_NULL
  };
  ToaStore *store;
  gint64 id, number;
  char *end = NULL;

  if (!toa_cli_parse (cli, entries, args, 2, 2, error) || !item_number (args, &id, error)
      || !toa_cli_require (output, "--output", error))
    return FALSE;
  number = g_ascii_strtoll (args[2], &end, 10);
  if (end == args[2] || *end != '\0' || number <= 0 || number > G_MAXINT)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a file number. Give the number shown by “intake attachments %lld”."),
                   args[2], (long long) id);
      return FALSE;
    }
  if (!(store = toa_cli_store (cli, error))
      || !toa_attachments_export (store, id, (int) number, output, force, error))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, number);
      json_builder_set_member_name (builder, "output");
      json_builder_add_string_value (builder, output);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  return TRUE;
}
