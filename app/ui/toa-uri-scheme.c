/* toa-uri-scheme.c — the "toasoan" URI scheme (see toa-uri-scheme.h): the editor's and the
 * preview's files from the GResource, stored images and thumbnails from the store. Anything
 * else — another host, a path leaving its folder, a malformed hash — is refused with an error,
 * never served from disk. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "toa-error.h"
#include "toa-images.h"
#include "toa-uri-scheme.h"

#define RESOURCE_PREFIX "/io/github/toasoan/ToaSoan/"
#define SCHEME_DATA     "toa-uri-scheme"

typedef struct {
  ToaUriSchemeStoreFunc store_func;
  gpointer              user_data;
} SchemeData;

static const struct {
  const char *suffix;
  const char *type;
} content_types[] = {
  { ".html",  "text/html; charset=utf-8" },
  { ".css",   "text/css; charset=utf-8" },
  { ".js",    "text/javascript; charset=utf-8" },
  { ".json",  "application/json" },
  { ".svg",   "image/svg+xml" },
  { ".png",   "image/png" },
  { ".jpg",   "image/jpeg" },
  { ".woff2", "font/woff2" },
  { ".woff",  "font/woff" },
  { ".ttf",   "font/ttf" },
};

static const char *
content_type_for (const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS (content_types); i++)
    if (g_str_has_suffix (path, content_types[i].suffix))
      return content_types[i].type;
  return "application/octet-stream";
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static void
finish_bytes (WebKitURISchemeRequest *request, GBytes *bytes, const char *content_type)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(WebKitURISchemeResponse) response =
    webkit_uri_scheme_response_new (stream, (gint64) g_bytes_get_size (bytes));
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  webkit_uri_scheme_response_set_content_type (response, content_type);
  soup_message_headers_append (headers, "Content-Type", content_type);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  webkit_uri_scheme_response_set_http_headers (response, headers);  /* takes ownership */
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
finish_error (WebKitURISchemeRequest *request, int code, const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (TOA_ERROR, code, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

static void
serve_resource (WebKitURISchemeRequest *request, const char *host, const char *path)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* only files inside resources/<host>/, no way out of it */
  if (path[0] != '/' || path[1] == '\0' || strstr (path, "..") != NULL || strstr (path, "//") != NULL)
    {
      finish_error (request, TOA_ERROR_NOT_FOUND, _("This address does not name a file."));
      return;
    }
  resource = g_strconcat (RESOURCE_PREFIX, host, path, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      finish_error (request, TOA_ERROR_NOT_FOUND, _("The file asked for is not part of the program."));
      return;
    }
  finish_bytes (request, bytes, content_type_for (path));
}

static void
serve_image (WebKitURISchemeRequest *request, SchemeData *data, const char *host, const char *path)
{
  ToaStore *store = data->store_func != NULL ? data->store_func (data->user_data) : NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *media_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (path[0] != '/' || !is_sha256 (path + 1))
    {
      finish_error (request, TOA_ERROR_NOT_FOUND, _("This address does not name a stored image."));
      return;
    }
  if (store == NULL)
    {
      finish_error (request, TOA_ERROR_IO, _("No database is open to read the image from."));
      return;
    }
  lookup = g_strconcat (host, path, NULL);
  bytes = toa_images_lookup (store, lookup, &media_type, &error);
  if (bytes == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  finish_bytes (request, bytes, media_type != NULL ? media_type : "application/octet-stream");
}

static void
handle_request (WebKitURISchemeRequest *request, gpointer user_data)
{
  SchemeData *data = user_data;
  g_autoptr(GUri) uri = g_uri_parse (webkit_uri_scheme_request_get_uri (request),
                                     G_URI_FLAGS_ENCODED_PATH, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (host == NULL || path == NULL)
    finish_error (request, TOA_ERROR_NOT_FOUND, _("This address is not one of the program's."));
  else if (g_str_equal (host, "editor") || g_str_equal (host, "preview"))
    serve_resource (request, host, path);
  else if (g_str_equal (host, "media") || g_str_equal (host, "thumb"))
    serve_image (request, data, host, path);
  else
    finish_error (request, TOA_ERROR_NOT_FOUND, _("This address is not one of the program's."));
}

void
toa_uri_scheme_register (WebKitWebContext *context, ToaUriSchemeStoreFunc store_func,
                         gpointer user_data)
{
  static const char *const languages[] = { "vi_VN", NULL };
  WebKitSecurityManager *security;
  SchemeData *data;

  if (context == NULL)
    context = webkit_web_context_get_default ();

  /* WebKit derives its data and sandbox (bwrap) paths from the program's name: a full path
   * there (as g_test_init sets it) keeps the web process from starting at all. Call this
   * before the first web view is made. */
  if (g_get_prgname () != NULL && strchr (g_get_prgname (), '/') != NULL)
    {
      g_autofree char *base = g_path_get_basename (g_get_prgname ());
      g_set_prgname (base);
    }

  data = g_object_get_data (G_OBJECT (context), SCHEME_DATA);
  if (data != NULL)
    {
      /* registered already: a later caller that knows the store supplies it */
      if (store_func != NULL)
        {
          data->store_func = store_func;
          data->user_data = user_data;
        }
      return;
    }

  data = g_new0 (SchemeData, 1);
  data->store_func = store_func;
  data->user_data = user_data;
  g_object_set_data_full (G_OBJECT (context), SCHEME_DATA, data, g_free);
  webkit_web_context_register_uri_scheme (context, "toasoan", handle_request, data, NULL);

  security = webkit_web_context_get_security_manager (context);
  webkit_security_manager_register_uri_scheme_as_secure (security, "toasoan");
  webkit_security_manager_register_uri_scheme_as_cors_enabled (security, "toasoan");

  webkit_web_context_set_spell_checking_enabled (context, TRUE);
  webkit_web_context_set_spell_checking_languages (context, languages);
}
