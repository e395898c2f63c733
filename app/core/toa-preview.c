/* toa-preview.c — the article as the portal will show it: a per-site template from
 * resources/preview/<code>/ (template.json with name, description and source; page.html;
 * style.css) filled with the article's fields. The template language is tiny and ours:
 * {{name}} is text (escaped), {{{name}}} is markup we made (only "head" and "body"),
 * {{#name}}…{{/name}} keeps its content only when "name" is not empty. The body is run
 * through the sanitiser (PUBLISH) first, and the page's Content-Security-Policy forbids
 * every network access: only inline styles and images from our own scheme (or data: URLs in
 * an export) load. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gumbo.h>
#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-preview.h"
#include "toa-sanitize.h"
#include "toa-text.h"

#define RESOURCE_DIR "/io/github/toasoan/ToaSoan/preview/"
#define SETTING_PREFIX "preview_template."
#define MEDIA_PREFIX "toasoan://media/"

/* The policy every page carries: nothing from the network, no scripts, no forms. */
#define PREVIEW_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src toasoan: data:; " \
                    "font-src data:; form-action 'none'; base-uri 'none'"

/* The templates' names (template.json "name") for xgettext; translated at run time. */
static const char *const template_names[] G_GNUC_UNUSED = {
  N_("Provincial e-portal"),
  N_("Component site"),
};

void
toa_preview_template_free (ToaPreviewTemplate *template)
{
  if (template == NULL)
    return;
  g_free (template->code);
  g_free (template->name);
  g_free (template);
}

/* A file of template @code as text; NOT_FOUND naming the template otherwise. */
static char *
template_file (const char *code, const char *file, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, code, "/", file, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (strchr (code, '/') != NULL
      || !(bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL)))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("There is no preview template “%s”. See “toasoan-cli board preview-template”."),
                   code);
      return NULL;
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* template.json of @code, parsed. */
static JsonObject *
template_meta (const char *code, GError **error)
{
  g_autofree char *text = template_file (code, "template.json", error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The preview template “%s” is damaged. Reinstall Tòa soạn."), code);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static int
template_position (const char *code)
{
  g_autoptr(JsonObject) meta = template_meta (code, NULL);

  return meta != NULL ? (int) json_object_get_int_member_with_default (meta, "position", 1000) : 1000;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  const char *ca = *(const char * const *) a, *cb = *(const char * const *) b;
  int pa = template_position (ca), pb = template_position (cb);

  return pa != pb ? (pa < pb ? -1 : 1) : strcmp (ca, cb);
}

/* The codes of the templates in resources, in their order. */
static GPtrArray *
template_codes (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], "/"))
      g_ptr_array_add (codes, g_strndup (names[i], strlen (names[i]) - 1));
  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

GPtrArray *
toa_preview_templates (void)
{
  g_autoptr(GPtrArray) codes = template_codes ();
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_preview_template_free);

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(JsonObject) meta = template_meta (g_ptr_array_index (codes, i), NULL);
      ToaPreviewTemplate *t;

      if (meta == NULL)
        continue;
      t = g_new0 (ToaPreviewTemplate, 1);
      t->code = g_strdup (g_ptr_array_index (codes, i));
      t->name = g_strdup (g_dgettext (GETTEXT_PACKAGE,
                                      json_object_get_string_member_with_default (meta, "name", t->code)));
      g_ptr_array_add (list, t);
    }
  return list;
}

/* The site with @site_id (the first site when 0); NOT_FOUND otherwise. */
static ToaSite *
find_site (ToaStore *store, gint64 site_id, GError **error)
{
  g_autoptr(GPtrArray) sites = toa_store_site_list (store, error);

  if (sites == NULL)
    return NULL;
  for (guint i = 0; i < sites->len; i++)
    {
      ToaSite *site = g_ptr_array_index (sites, i);

      if (site->id == site_id || site_id == 0)
        return g_ptr_array_steal_index (sites, i);
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               _("There is no site number %lld. See “toasoan-cli site list”."), (long long) site_id);
  return NULL;
}

static gboolean
template_exists (const char *code)
{
  g_autoptr(JsonObject) meta = template_meta (code, NULL);

  return meta != NULL;
}

char *
toa_preview_template_for_site (ToaStore *store, gint64 site_id, GError **error)
{
  g_autoptr(ToaSite) site = NULL;
  g_autoptr(GPtrArray) codes = template_codes ();
  g_autofree char *key = NULL;
  g_autofree char *code = NULL;
  GError *local_error = NULL;

  if (codes->len == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("The program's data “%s” is missing. Reinstall Tòa soạn."), RESOURCE_DIR);
      return NULL;
    }
  if (!(site = find_site (store, site_id, error)))
    return NULL;
  key = g_strconcat (SETTING_PREFIX, site->code, NULL);
  code = toa_store_board_setting_get (store, key, &local_error);
  if (code == NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_clear_error (&local_error);
  /* Unset, or a template this version no longer has: the first one. */
  if (code == NULL || !template_exists (code))
    return g_strdup (g_ptr_array_index (codes, 0));
  return g_steal_pointer (&code);
}

gboolean
toa_preview_set_template (ToaStore *store, const ToaPerson *actor, gint64 site_id,
                          const char *template_code, GError **error)
{
  g_autoptr(JsonObject) meta = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (template_code != NULL, FALSE);

  if (!toa_people_require_admin (store, actor, _("choose the preview template of a site"), error)
      || !(meta = template_meta (template_code, error))
      || !(site = find_site (store, site_id, error)))
    return FALSE;
  if (!(old_code = toa_preview_template_for_site (store, site->id, error)))
    return FALSE;
  key = g_strconcat (SETTING_PREFIX, site->code, NULL);
  detail = toa_audit_detail ("site", site->code, "from", old_code, "to", template_code, NULL);
  if (!toa_store_begin (store, error))
    return FALSE;
  /* The setting's source is the template's: the layout it follows. */
  if (!toa_store_board_setting_set (store, key, template_code,
                                    json_object_get_string_member_with_default (meta, "source", ""),
                                    &local_error)
      || !toa_audit_append (store, actor != NULL ? actor->id : 0, "board.preview-template",
                            "site", site->id, detail, &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}

/* ---- the template language ---- */

typedef struct {
  GHashTable *text;    /* name → plain text (escaped on output) */
  GHashTable *markup;  /* name → markup we made */
  const char *code;    /* for messages */
} Fill;

static gboolean
template_error (const Fill *fill, GError **error, const char *what)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("The preview template “%s” is damaged (%s). Reinstall Tòa soạn."), fill->code, what);
  return FALSE;
}

static gboolean
expand (const Fill *fill, const char *p, const char *end, GString *out, GError **error)
{
  while (p < end)
    {
      const char *open = g_strstr_len (p, end - p, "{{");
      const char *close;
      g_autofree char *name = NULL;

      if (open == NULL)
        {
          g_string_append_len (out, p, end - p);
          return TRUE;
        }
      g_string_append_len (out, p, open - p);
      if (open[2] == '{')
        {
          const char *value;

          if (!(close = g_strstr_len (open + 3, end - open - 3, "}}}")))
            return template_error (fill, error, "{{{");
          name = g_strndup (open + 3, close - open - 3);
          if (!(value = g_hash_table_lookup (fill->markup, name)))
            return template_error (fill, error, name);
          g_string_append (out, value);
          p = close + 3;
        }
      else if (open[2] == '#')
        {
          g_autofree char *end_tag = NULL;
          const char *value, *inner, *inner_end;

          if (!(close = g_strstr_len (open + 3, end - open - 3, "}}")))
            return template_error (fill, error, "{{#");
          name = g_strndup (open + 3, close - open - 3);
          end_tag = g_strconcat ("{{/", name, "}}", NULL);
          inner = close + 2;
          if (!(inner_end = g_strstr_len (inner, end - inner, end_tag)))
            return template_error (fill, error, end_tag);
          if (!g_hash_table_contains (fill->text, name))
            return template_error (fill, error, name);
          value = g_hash_table_lookup (fill->text, name);
          if (value != NULL && *value != '\0' && !expand (fill, inner, inner_end, out, error))
            return FALSE;
          p = inner_end + strlen (end_tag);
        }
      else
        {
          g_autofree char *escaped = NULL;
          const char *value;

          if (!(close = g_strstr_len (open + 2, end - open - 2, "}}")))
            return template_error (fill, error, "{{");
          name = g_strndup (open + 2, close - open - 2);
          if (!g_hash_table_contains (fill->text, name))
            return template_error (fill, error, name);
          value = g_hash_table_lookup (fill->text, name);
          escaped = g_markup_escape_text (value != NULL ? value : "", -1);
          g_string_append (out, escaped);
          p = close + 2;
        }
    }
  return TRUE;
}

/* ---- the article's fields ---- */

static char *
section_name (ToaStore *store, const ToaArticle *article)
{
  g_autoptr(GPtrArray) sections = NULL;

  if (article->section_name != NULL)
    return g_strdup (article->section_name);
  if (article->section_id == 0 || !(sections = toa_store_section_list (store, article->site_id, NULL)))
    return g_strdup ("");
  for (guint i = 0; i < sections->len; i++)
    {
      ToaSection *section = g_ptr_array_index (sections, i);

      if (section->id == article->section_id)
        return g_strdup (section->name);
    }
  return g_strdup ("");
}

static char *
genre_name (ToaStore *store, const ToaArticle *article)
{
  g_autoptr(GPtrArray) genres = NULL;

  if (article->genre == NULL || !(genres = toa_store_genre_list (store, NULL)))
    return g_strdup ("");
  for (guint i = 0; i < genres->len; i++)
    {
      ToaGenre *genre = g_ptr_array_index (genres, i);

      if (g_strcmp0 (genre->code, article->genre) == 0)
        return g_strdup (genre->name);
    }
  return g_strdup ("");
}

/* The names of the shares whose role is (or, with @photo FALSE, is not) "photographer",
 * joined by ", ". */
static char *
author_names (ToaStore *store, const ToaArticle *article, gboolean photo)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      g_autoptr(ToaPerson) person = NULL;
      const char *name = share->name;

      if ((g_strcmp0 (share->role, "photographer") == 0) != photo)
        continue;
      if (name == NULL && (person = toa_store_person_get (store, share->person_id, NULL)))
        name = person->full_name;
      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* @html with every <img src="toasoan://media/<sha256>"> replaced by a data: URL of the
 * stored image. Found with the HTML parser; the attribute's bytes are spliced in place. */
static char *
embed_images (ToaStore *store, const char *html, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GumboOutput *parsed = gumbo_parse (html);
  const char *copied = html;
  gboolean ok = TRUE;

  g_ptr_array_add (stack, parsed->root);
  /* Depth first, children in order, so attribute offsets only grow. */
  while (ok && stack->len > 0)
    {
      GumboNode *node = g_ptr_array_steal_index (stack, stack->len - 1);
      GumboAttribute *src;
      GumboVector *children;

      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
        continue;
      src = gumbo_get_attribute (&node->v.element.attributes, "src");
      if (node->v.element.tag == GUMBO_TAG_IMG && src != NULL
          && g_str_has_prefix (src->value, MEDIA_PREFIX)
          && src->original_value.data >= copied
          && src->original_value.data + src->original_value.length <= html + strlen (html))
        {
          const char *sha = src->value + strlen (MEDIA_PREFIX);
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *content_type = NULL;
          g_autofree char *mime = NULL;
          g_autofree char *base64 = NULL;
          GError *local_error = NULL;
          gsize size;
          const guchar *data;

          if (!(bytes = toa_store_stored_file_get (store, sha, &local_error)))
            {
              if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
                {
                  g_clear_error (&local_error);
                  g_set_error (&local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                               _("The article shows an image that is not in the database (%.12s…). "
                                 "Remove it or insert it again, then export."), sha);
                }
              g_propagate_error (error, local_error);
              ok = FALSE;
              break;
            }
          data = g_bytes_get_data (bytes, &size);
          content_type = g_content_type_guess (NULL, data, size, NULL);
          mime = g_content_type_get_mime_type (content_type);
          base64 = g_base64_encode (data, size);
          g_string_append_len (out, copied, src->original_value.data - copied);
          g_string_append_printf (out, "\"data:%s;base64,%s\"",
                                  mime != NULL && g_str_has_prefix (mime, "image/") ? mime : "image/jpeg",
                                  base64);
          copied = src->original_value.data + src->original_value.length;
        }
      children = &node->v.element.children;
      for (guint i = children->length; i > 0; i--)
        g_ptr_array_add (stack, children->data[i - 1]);
    }
  gumbo_destroy_output (&kGumboDefaultOptions, parsed);
  if (!ok)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
render (ToaStore *store, const ToaArticle *article, const char *template_code,
        gboolean embed, GError **error)
{
  g_autoptr(GHashTable) text = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) markup = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *code = NULL;
  g_autofree char *page = NULL;
  g_autofree char *css = NULL;
  g_autofree char *body = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autoptr(GString) out = NULL;
  Fill fill;

  g_return_val_if_fail (TOA_IS_ARTICLE ((gpointer) article), NULL);

  code = template_code != NULL ? g_strdup (template_code)
                               : toa_preview_template_for_site (store, article->site_id, error);
  if (code == NULL
      || !(page = template_file (code, "page.html", error))
      || !(css = template_file (code, "style.css", error))
      || !(site = find_site (store, article->site_id, error)))
    return NULL;

  body = toa_sanitize_html (article->body_html != NULL ? article->body_html : "", -1,
                            TOA_SANITIZE_PUBLISH, NULL);
  if (embed)
    {
      char *embedded = embed_images (store, body, error);

      if (embedded == NULL)
        return NULL;
      g_free (body);
      body = embedded;
    }

  g_hash_table_insert (text, "language", g_strdup (article->language != NULL ? article->language : "vi"));
  g_hash_table_insert (text, "site_name", g_strdup (site->name));
  g_hash_table_insert (text, "title", g_strdup (article->title != NULL ? article->title : ""));
  g_hash_table_insert (text, "sapo", g_strdup (article->sapo != NULL ? article->sapo : ""));
  g_hash_table_insert (text, "section", section_name (store, article));
  g_hash_table_insert (text, "genre", genre_name (store, article));
  g_hash_table_insert (text, "date", toa_format_date (article->published_at > 0 ? article->published_at
                                                                              : toa_now_usec ()));
  g_hash_table_insert (text, "authors", author_names (store, article, FALSE));
  g_hash_table_insert (text, "photographers", author_names (store, article, TRUE));
  g_hash_table_insert (text, "attribution", g_strdup (article->attribution != NULL ? article->attribution : ""));
  g_hash_table_insert (markup, "body", g_steal_pointer (&body));
  g_hash_table_insert (markup, "head",
                       g_strdup_printf ("<meta charset=\"utf-8\">\n"
                                        "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
                                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                        "<meta name=\"generator\" content=\"Tòa soạn (%s)\">\n"
                                        "<style>\n%s</style>",
                                        PREVIEW_CSP, code, css));

  /* The policy must come before anything the page could load. */
  if (strstr (page, "{{{head}}}") == NULL)
    {
      fill.code = code;
      template_error (&fill, error, "{{{head}}}");
      return NULL;
    }
  fill.text = text;
  fill.markup = markup;
  fill.code = code;
  out = g_string_sized_new (strlen (page) + strlen (css) + 4096);
  if (!expand (&fill, page, page + strlen (page), out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
toa_preview_render (ToaStore *store, const ToaArticle *article, const char *template_code,
                    GError **error)
{
  return render (store, article, template_code, FALSE, error);
}

gboolean
toa_preview_export_html (ToaStore *store, const ToaArticle *article, const char *template_code,
                         const char *path, GError **error)
{
  g_autofree char *html = render (store, article, template_code, TRUE, error);
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (html == NULL)
    return FALSE;
  if (!g_file_set_contents (path, html, -1, &local_error))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO, _("Could not write “%s”: %s. Choose another place."),
                   path, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return TRUE;
}
