/* toa-cli-image.c — images in articles: `article image add ID FILE --as LOGIN` checks the file
 * (type from its bytes, size and pixel limits from the board settings), scales it down when
 * wider than allowed, makes its thumbnail, stores both once and links them to the article,
 * then prints the SHA-256 and the figure markup to put in the body; `article image list ID`
 * lists the article's images. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-text.h"

static gboolean
read_image_file (const char *path, GBytes **out, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TOA_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? TOA_ERROR_NOT_FOUND : TOA_ERROR_IO,
                   _("Cannot read the image %s: %s"), display, local_error->message);
      return FALSE;
    }
  *out = g_bytes_new_take (contents, length);
  return TRUE;
}

static gboolean
image_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *alt_raw = NULL, *caption_raw = NULL, *credit_raw = NULL;
  g_autofree char *alt = NULL, *caption = NULL, *credit = NULL, *figure = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GBytes) data = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person adding it"), N_("LOGIN") },
    { "alt", 0, 0, G_OPTION_ARG_FILENAME, &alt_raw, N_("Alternative text, read out to blind readers"), N_("TEXT") },
    { "caption", 0, 0, G_OPTION_ARG_FILENAME, &caption_raw, N_("Caption shown under the image"), N_("TEXT") },
    { "credit", 0, 0, G_OPTION_ARG_FILENAME, &credit_raw, N_("Who took the photo (e.g. “Ảnh: Minh Trí”)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  ToaImageLimits limits;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 3, 3, error)
      || !toa_cli_article_id (args[2], &id, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_text (alt_raw, _("Alternative text"), &alt, error)
      || !toa_cli_text (caption_raw, _("Caption"), &caption, error)
      || !toa_cli_text (credit_raw, _("Credit"), &credit, error)
      || !read_image_file (args[3], &data, error)
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_image_limits_get (store, &limits, error)
      || !(image = toa_image_prepare (data, args[3], &limits, error))
      || !toa_images_add (store, actor, id, image, error))
    return FALSE;

  figure = toa_image_figure_html (image->sha256, image->width, image->height, alt, caption, credit);
  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (root, "article", id);
      json_object_set_string_member (root, "sha256", image->sha256);
      json_object_set_string_member (root, "thumb_sha256", image->thumb_sha256);
      json_object_set_string_member (root, "media_type", image->media_type);
      json_object_set_int_member (root, "size", (gint64) g_bytes_get_size (image->data));
      json_object_set_int_member (root, "width", image->width);
      json_object_set_int_member (root, "height", image->height);
      json_object_set_string_member (root, "figure", figure);
      json_node_take_object (node, root);
      toa_cli_print_json (node);
      return TRUE;
    }
  toa_cli_print ("%s\n%s\n", image->sha256, figure);
  if (alt == NULL || *alt == '\0')
    g_printerr ("%s\n", _("Note: no --alt text was given; the pre-publish checks ask for it before publishing."));
  return TRUE;
}

static gboolean
image_list (ToaCli *cli, char **args, GError **error)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GPtrArray) list = NULL;
  ToaStore *store;
  gint64 id;

  if (!toa_cli_parse (cli, entries, args, 2, 2, error)
      || !toa_cli_article_id (args[2], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(list = toa_images_list (store, id, error)))
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const ToaArticleImage *image = list->pdata[i];
          g_autofree char *added = toa_cli_iso8601 (image->added_at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, image->sha256);
          json_builder_set_member_name (builder, "thumb_sha256");
          json_builder_add_string_value (builder, image->thumb_sha256);
          json_builder_set_member_name (builder, "media_type");
          json_builder_add_string_value (builder, image->media_type);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, image->size);
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, image->width);
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, image->height);
          json_builder_set_member_name (builder, "file_name");
          if (image->file_name != NULL)
            json_builder_add_string_value (builder, image->file_name);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "added_by");
          json_builder_add_string_value (builder, image->added_by_name != NULL ? image->added_by_name : "");
          json_builder_set_member_name (builder, "added_at");
          json_builder_add_string_value (builder, added != NULL ? added : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      toa_cli_print_json (json_builder_get_root (builder));
      return TRUE;
    }
  if (list->len == 0)
    {
      toa_cli_print (_("Article %lld has no images.\n"), (long long) id);
      return TRUE;
    }
  {
    const char *headers[] = { _("SHA-256"), _("Size"), _("Pixels"), _("Type"), _("File"), _("Added by"), _("Added") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (G_N_ELEMENTS (headers), headers);

    for (guint i = 0; i < list->len; i++)
      {
        const ToaArticleImage *image = list->pdata[i];
        g_autofree char *size = g_format_size ((guint64) image->size);
        g_autofree char *pixels = g_strdup_printf ("%d × %d", image->width, image->height);
        g_autofree char *added = toa_format_date (image->added_at);

        toa_cli_table_add (table, image->sha256, size, pixels, image->media_type,
                           image->file_name != NULL ? image->file_name : "",
                           image->added_by_name != NULL ? image->added_by_name : "", added);
      }
    toa_cli_table_print (table);
  }
  return TRUE;
}

gboolean
toa_cli_article_image (ToaCli *cli, char **args, GError **error)
{
  /* args: the program, then "add ID FILE …" or "list ID" */
  if (args[1] != NULL && g_str_equal (args[1], "add"))
    return image_add (cli, args, error);
  if (args[1] != NULL && g_str_equal (args[1], "list"))
    return image_list (cli, args, error);
  toa_cli_usage_error (error, _("“article image” needs “add ID FILE --as LOGIN” or “list ID”"));
  return FALSE;
}
