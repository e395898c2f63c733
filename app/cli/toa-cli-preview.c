/* toa-cli-preview.c — `article preview`, `article export` and `board preview-template`:
 * the article as the portal will show it (toa-preview.h), a standalone HTML file with its
 * images embedded, and each site's template. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "toa-cli-output.h"
#include "toa-cli.h"
#include "toa-error.h"
#include "toa-preview.h"

/* --template T checked against the templates in resources; NULL keeps NULL. */
static gboolean
template_option (const char *raw, char **out, GError **error)
{
  g_autoptr(GPtrArray) templates = NULL;

  if (!toa_cli_text (raw, "--template", out, error))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  templates = toa_preview_templates ();
  for (guint i = 0; i < templates->len; i++)
    if (g_strcmp0 (((ToaPreviewTemplate *) g_ptr_array_index (templates, i))->code, *out) == 0)
      return TRUE;
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               _("There is no preview template “%s”. See “toasoan-cli board preview-template”."), *out);
  g_clear_pointer (out, g_free);
  return FALSE;
}

static gboolean
write_file (const char *path, const char *text, GError **error)
{
  GError *local_error = NULL;

  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO, _("Could not write “%s”: %s. Choose another place."),
                   path, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return TRUE;
}

static void
print_written (ToaCli *cli, gint64 id, const char *path, const char *template_code)
{
  GStatBuf st;
  gint64 size = g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "article", id);
      json_object_set_string_member (object, "path", path);
      json_object_set_int_member (object, "bytes", size);
      if (template_code != NULL)
        json_object_set_string_member (object, "template", template_code);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    /* Translators: %s is a file path */
    toa_cli_print (_("Wrote %s (%lld bytes)\n"), path, (long long) size);
}

gboolean
toa_cli_article_preview (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *template_raw = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_raw,
      N_("Template code (default: the site's; see “board preview-template”)"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the page to this file instead of printing it"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *template_code = NULL;
  g_autofree char *html = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !template_option (template_raw, &template_code, error)
      || !(store = toa_cli_store (cli, error))
      || !(article = toa_store_article_get (store, id, error))
      || !(html = toa_preview_render (store, article, template_code, error)))
    return FALSE;
  if (output != NULL)
    {
      if (!write_file (output, html, error))
        return FALSE;
      print_written (cli, id, output, template_code);
    }
  else if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "article", id);
      json_object_set_string_member (object, "html", html);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print ("%s", html);
  return TRUE;
}

gboolean
toa_cli_article_export (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *template_raw = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("The HTML file to write (images embedded)"), N_("FILE") },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_raw,
      N_("Template code (default: the site's)"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *template_code = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (path, "--html", error)
      || !toa_cli_article_id (args[1], &id, error)
      || !template_option (template_raw, &template_code, error)
      || !(store = toa_cli_store (cli, error))
      || !(article = toa_store_article_get (store, id, error))
      || !toa_preview_export_html (store, article, template_code, path, error))
    return FALSE;
  print_written (cli, id, path, template_code);
  return TRUE;
}

gboolean
toa_cli_board_preview_template (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *site_raw = NULL;
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Site code (default: portal)"), N_("CODE") },
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the administrator"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) templates = toa_preview_templates ();
  g_autoptr(GPtrArray) sites = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 2, error))
    return FALSE;
  if (!(store = toa_cli_store (cli, error)))
    return FALSE;

  if (args[1] != NULL)
    {
      g_autofree char *site_code = NULL;
      g_autofree char *code = NULL;
      g_autoptr(ToaPerson) actor = NULL;
      g_autoptr(ToaSite) site = NULL;

      if (g_strcmp0 (args[1], "set") != 0 || args[2] == NULL)
        {
          toa_cli_usage_error (error, _("Use “board preview-template set CODE [--site CODE] --as LOGIN”"));
          return FALSE;
        }
      if (!toa_cli_require (as_raw, "--as", error)
          || !toa_cli_text (site_raw, "--site", &site_code, error)
          || !template_option (args[2], &code, error)
          || !(site = toa_store_site_find_checked (store, site_code != NULL ? site_code : "portal", error))
          || !(actor = toa_cli_actor (cli, as_raw, error))
          || !toa_preview_set_template (store, actor, site->id, code, error))
        return FALSE;
    }
  else if (as_raw != NULL)
    {
      toa_cli_usage_error (error, _("--as goes with “set”: board preview-template set CODE --as LOGIN"));
      return FALSE;
    }

  if (!(sites = toa_store_site_list (store, error)))
    return FALSE;
  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonArray *template_array = json_array_new ();
      JsonArray *site_array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      for (guint i = 0; i < templates->len; i++)
        {
          ToaPreviewTemplate *t = g_ptr_array_index (templates, i);
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "code", t->code);
          json_object_set_string_member (o, "name", t->name);
          json_array_add_object_element (template_array, o);
        }
      for (guint i = 0; i < sites->len; i++)
        {
          ToaSite *site = g_ptr_array_index (sites, i);
          g_autofree char *code = toa_preview_template_for_site (store, site->id, error);
          JsonObject *o;

          if (code == NULL)
            {
              json_array_unref (template_array);
              json_array_unref (site_array);
              json_object_unref (object);
              json_node_free (node);
              return FALSE;
            }
          o = json_object_new ();
          json_object_set_string_member (o, "site", site->code);
          json_object_set_string_member (o, "template", code);
          json_array_add_object_element (site_array, o);
        }
      json_object_set_array_member (object, "templates", template_array);
      json_object_set_array_member (object, "sites", site_array);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
      return TRUE;
    }
  else
    {
      const char *template_headers[] = { N_("Template"), N_("Name") };
      const char *site_headers[] = { N_("Site"), N_("Name"), N_("Template") };
      const char *th[] = { _(template_headers[0]), _(template_headers[1]) };
      const char *sh[] = { _(site_headers[0]), _(site_headers[1]), _(site_headers[2]) };
      g_autoptr(ToaCliTable) t1 = toa_cli_table_new (2, th);
      g_autoptr(ToaCliTable) t2 = toa_cli_table_new (3, sh);

      for (guint i = 0; i < templates->len; i++)
        {
          ToaPreviewTemplate *t = g_ptr_array_index (templates, i);

          toa_cli_table_add (t1, t->code, t->name);
        }
      for (guint i = 0; i < sites->len; i++)
        {
          ToaSite *site = g_ptr_array_index (sites, i);
          g_autofree char *code = toa_preview_template_for_site (store, site->id, error);

          if (code == NULL)
            return FALSE;
          toa_cli_table_add (t2, site->code, site->name, code);
        }
      toa_cli_table_print (t1);
      toa_cli_print ("\n");
      toa_cli_table_print (t2);
    }
  return TRUE;
}
