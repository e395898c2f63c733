/* toa-cli-output.c — printing for toasoan-cli: raw UTF-8 text, aligned tables, pretty JSON,
 * errors, and the JSON form of the model. */
#include "config.h"

#include <stdio.h>
#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "toa-cli-output.h"
#include "toa-error.h"

void
toa_cli_print (const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

void
toa_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  json_node_unref (node);
}

const char *
toa_cli_error_code_name (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return "usage";
  if (error->domain != TOA_ERROR)
    return "io";

  switch ((ToaError) error->code)
    {
    case TOA_ERROR_INVALID: return "invalid";
    case TOA_ERROR_NOT_FOUND: return "not-found";
    case TOA_ERROR_PERMISSION: return "permission";
    case TOA_ERROR_AUTH: return "auth";
    case TOA_ERROR_CONFLICT: return "conflict";
    case TOA_ERROR_IO: return "io";
    case TOA_ERROR_DB_LOCKED: return "db-locked";
    case TOA_ERROR_DB_CORRUPT: return "db-corrupt";
    case TOA_ERROR_DB_NEWER: return "db-newer";
    case TOA_ERROR_DB_FOREIGN: return "db-foreign";
    default: return "io";
    }
}

void
toa_cli_print_error (ToaCli *cli, const GError *error)
{
  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      JsonObject *inner = json_object_new ();

      json_object_set_string_member (inner, "code", toa_cli_error_code_name (error));
      json_object_set_string_member (inner, "message", error->message);
      if (cli->error_detail != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (cli->error_detail);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (inner, l->data,
                                    json_object_dup_member (cli->error_detail, l->data));
        }
      json_object_set_object_member (root, "error", inner);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
    }
  else
    {
      fflush (stdout);
      fprintf (stderr, "toasoan-cli: %s\n", error->message);
    }
}

guint
toa_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

struct _ToaCliTable {
  guint      n_columns;
  GPtrArray *rows;   /* of char ** (NULL-terminated, n_columns cells) */
  gboolean   has_header;
};

ToaCliTable *
toa_cli_table_new (guint n_columns, const char * const *headers)
{
  ToaCliTable *table = g_new0 (ToaCliTable, 1);

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (headers != NULL)
    {
      char **row = g_new0 (char *, n_columns + 1);

      for (guint i = 0; i < n_columns; i++)
        row[i] = g_strdup (headers[i]);
      g_ptr_array_add (table->rows, row);
      table->has_header = TRUE;
    }
  return table;
}

void
toa_cli_table_add (ToaCliTable *table, ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

void
toa_cli_table_print (ToaCliTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], toa_cli_text_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < table->n_columns)
            for (guint pad = toa_cli_text_width (row[c]); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
      fputs (line->str, stdout);
    }
}

void
toa_cli_table_free (ToaCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

char *
toa_cli_iso8601 (gint64 utc_usec)
{
  g_autoptr(GDateTime) when = NULL;

  if (utc_usec == 0)
    return NULL;
  when = g_date_time_new_from_unix_utc (utc_usec / G_USEC_PER_SEC);
  if (when == NULL)
    return NULL;
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

char *
toa_cli_share_text (int share_bp)
{
  if (share_bp % 100 == 0)
    return g_strdup_printf ("%d %%", share_bp / 100);
  return g_strdup_printf ("%d,%02d %%", share_bp / 100, ABS (share_bp % 100));
}

static void
set_string (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
set_time (JsonObject *object, const char *member, gint64 utc_usec)
{
  g_autofree char *text = toa_cli_iso8601 (utc_usec);

  set_string (object, member, text);
}

static JsonNode *
node_take (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

JsonNode *
toa_cli_json_wrap (const char *member, JsonArray *array)
{
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, member, array);
  return node_take (object);
}

JsonNode *
toa_cli_json_site (const ToaSite *site)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", site->id);
  set_string (object, "code", site->code);
  set_string (object, "name", site->name);
  set_string (object, "kind", site->kind);
  set_string (object, "url", site->url);
  return node_take (object);
}

JsonNode *
toa_cli_json_section (const ToaSection *section)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", section->id);
  json_object_set_int_member (object, "site_id", section->site_id);
  set_string (object, "code", section->code);
  set_string (object, "name", section->name);
  json_object_set_int_member (object, "position", section->position);
  return node_take (object);
}

JsonNode *
toa_cli_json_unit (const ToaUnit *unit)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", unit->id);
  set_string (object, "code", unit->code);
  set_string (object, "name", unit->name);
  return node_take (object);
}

JsonNode *
toa_cli_json_genre (const ToaGenre *genre)
{
  JsonObject *object = json_object_new ();

  set_string (object, "code", genre->code);
  set_string (object, "name", genre->name);
  json_object_set_boolean_member (object, "designed", genre->designed);
  return node_take (object);
}

JsonNode *
toa_cli_json_info_kind (const ToaInfoKind *kind)
{
  JsonObject *object = json_object_new ();

  set_string (object, "code", kind->code);
  set_string (object, "name", kind->name);
  json_object_set_int_member (object, "deadline_days", kind->deadline_days);
  set_string (object, "basis", kind->basis);
  set_string (object, "source", kind->source);
  return node_take (object);
}

JsonNode *
toa_cli_json_person (const ToaPerson *person)
{
  JsonObject *object = json_object_new ();
  JsonArray *roles = json_array_new ();

  json_object_set_int_member (object, "id", person->id);
  set_string (object, "login", person->login);
  set_string (object, "full_name", person->full_name);
  set_string (object, "email", person->email);
  json_object_set_boolean_member (object, "contributor", person->contributor);
  set_string (object, "contract_no", person->contract_no);
  json_object_set_boolean_member (object, "active", person->active);
  for (guint i = 0; person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);
      JsonObject *role = json_object_new ();

      json_object_set_string_member (role, "role", toa_role_code (grant->role));
      set_string (role, "site", grant->site_code);
      json_array_add_object_element (roles, role);
    }
  json_object_set_array_member (object, "roles", roles);
  return node_take (object);
}

JsonNode *
toa_cli_json_article (const ToaArticle *article, gboolean with_body)
{
  JsonObject *object = json_object_new ();
  JsonArray *authors = json_array_new ();

  json_object_set_int_member (object, "id", article->id);
  set_string (object, "title", article->title);
  set_string (object, "state", article->state);
  set_string (object, "genre", article->genre);
  set_string (object, "language", article->language);
  set_string (object, "site", article->site_code);
  json_object_set_int_member (object, "section_id", article->section_id);
  set_string (object, "section", article->section_name);
  if (article->source_unit_id != 0)
    json_object_set_int_member (object, "source_unit_id", article->source_unit_id);
  else
    json_object_set_null_member (object, "source_unit_id");
  set_string (object, "source_unit", article->source_unit_name);
  set_string (object, "info_kind", article->info_kind);
  set_string (object, "sapo", article->sapo);
  if (with_body)
    set_string (object, "body_html", article->body_html);
  set_string (object, "attribution", article->attribution);
  json_object_set_int_member (object, "created_by", article->created_by);
  set_string (object, "created_by_name", article->created_by_name);
  set_time (object, "created_at", article->created_at);
  set_time (object, "updated_at", article->updated_at);
  set_time (object, "published_at", article->published_at);
  json_object_set_int_member (object, "version", article->version);
  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      JsonObject *author = json_object_new ();

      json_object_set_int_member (author, "person_id", share->person_id);
      set_string (author, "name", share->name);
      set_string (author, "role", share->role);
      json_object_set_int_member (author, "share_bp", share->share_bp);
      json_array_add_object_element (authors, author);
    }
  json_object_set_array_member (object, "authors", authors);
  return node_take (object);
}

JsonNode *
toa_cli_json_revision (const ToaRevision *revision)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", revision->id);
  json_object_set_int_member (object, "number", revision->number);
  json_object_set_int_member (object, "author_id", revision->author_id);
  set_string (object, "author_name", revision->author_name);
  set_time (object, "created_at", revision->created_at);
  set_string (object, "note", revision->note);
  return node_take (object);
}

JsonNode *
toa_cli_json_comment (const ToaComment *comment)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", comment->id);
  json_object_set_int_member (object, "person_id", comment->person_id);
  set_string (object, "person_name", comment->person_name);
  set_string (object, "body", comment->body);
  set_time (object, "created_at", comment->created_at);
  {
    JsonArray *mentions = json_array_new ();

    for (guint i = 0; comment->mentions != NULL && i < comment->mentions->len; i++)
      json_array_add_int_element (mentions, g_array_index (comment->mentions, gint64, i));
    json_object_set_array_member (object, "mentions", mentions);
  }
  set_string (object, "mention_names", comment->mention_names);
  return node_take (object);
}
