/* toa-sanitize.c — the one HTML sanitiser: gumbo parses the input as an HTML5 document,
 * the body's tree is walked and written out again keeping only what the allow-list
 * (resources/sanitize/allow-list.json) names. Everything else is dropped (with its content:
 * scripts, styles, frames, forms, foreign content) or unwrapped (its text kept). Text and
 * attribute values are always re-escaped, so nothing the parser read as text becomes markup. */
#include "config.h"

#include <string.h>
#include <gumbo.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sanitize.h"
#include "toa-sanitize-private.h"

#define ALLOW_LIST_RESOURCE "/io/github/toasoan/ToaSoan/sanitize/allow-list.json"
#define SHA256_HEX_LEN 64

typedef struct {
  GHashTable *elements;          /* name → GHashTable set of attribute names */
  GHashTable *classes;           /* element name → GHashTable set of class values */
  GHashTable *global_attributes; /* set */
  GHashTable *unwrap_without;    /* element → the attribute without which it is unwrapped */
  GHashTable *requires_image;    /* set: unwrapped unless an image is kept inside */
  GHashTable *rename;            /* name → name */
  GHashTable *containers;        /* set: div-like, become <p> unless they hold blocks */
  GHashTable *blocks;            /* set */
  GHashTable *drop;              /* set: dropped with their content */
  GHashTable *value_rules;       /* attribute → "digits" or a set of allowed values */
  char      **link_schemes;
  char      **image_schemes;
  char       *media_prefix;
  gint64      tracking_max;
  char      **hidden_styles;
  gboolean    paste_own_images;
  char      **paste_drop_styled;
  GHashTable *publish_drop_empty; /* set */
  char      **word_list_markers; /* styles of the number or bullet Word writes before an item */
  GHashTable *structural;        /* set: elements whose whitespace-only text is layout, not text */
  guint       max_depth;
} AllowList;

static AllowList *allow_list;   /* loaded once; replaced only by the private loader */

/* ---- loading the allow-list --------------------------------------------------------- */

static GHashTable *
set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static GHashTable *
set_from_array (JsonArray *array)
{
  GHashTable *set = set_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_hash_table_add (set, g_ascii_strdown (s, -1));
    }
  return set;
}

static char **
strv_from_array (JsonArray *array)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (s, -1);

          g_strv_builder_add (builder, lower);
        }
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

static JsonArray *
member_array (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GHashTable *
map_of_sets (JsonObject *object)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GList) names = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_insert (map, g_ascii_strdown (l->data, -1),
                         set_from_array (member_array (object, l->data)));
  return map;
}

static AllowList *
allow_list_parse (const char *json, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root, *rename, *values, *paste, *publish, *word_lists;
  AllowList *al;
  g_autoptr(GList) names = NULL;

  if (!json_parser_load_from_data (parser, json, length, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is damaged: %s"), ALLOW_LIST_RESOURCE,
                   local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (member_object (root, "elements") == NULL || !json_object_has_member (root, "source"))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is damaged: %s"), ALLOW_LIST_RESOURCE,
                   _("“elements” or “source” is missing"));
      return NULL;
    }

  al = g_new0 (AllowList, 1);
  al->elements = map_of_sets (member_object (root, "elements"));
  al->classes = map_of_sets (member_object (root, "classes"));
  al->global_attributes = set_from_array (member_array (root, "global_attributes"));
  al->requires_image = set_from_array (member_array (root, "requires_image"));
  al->containers = set_from_array (member_array (root, "paragraph_containers"));
  al->blocks = set_from_array (member_array (root, "block_elements"));
  al->drop = set_from_array (member_array (root, "drop_with_content"));
  al->link_schemes = strv_from_array (member_array (root, "link_schemes"));
  al->image_schemes = strv_from_array (member_array (root, "image_schemes"));
  al->hidden_styles = strv_from_array (member_array (root, "hidden_styles"));
  al->media_prefix = g_strdup (json_object_get_string_member_with_default (root, "media_prefix",
                                                                          "toasoan://media/"));
  al->tracking_max = json_object_get_int_member_with_default (root, "tracking_image_max_size", 2);
  al->max_depth = (guint) CLAMP (json_object_get_int_member_with_default (root, "max_depth", 200),
                                 8, 1000);

  al->rename = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rename = member_object (root, "rename");
  names = rename != NULL ? json_object_get_members (rename) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *to = json_object_get_string_member_with_default (rename, l->data, NULL);

      if (to != NULL)
        g_hash_table_insert (al->rename, g_ascii_strdown (l->data, -1), g_ascii_strdown (to, -1));
    }
  g_clear_pointer (&names, g_list_free);

  al->unwrap_without = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rename = member_object (root, "unwrap_without");
  names = rename != NULL ? json_object_get_members (rename) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *attr = json_object_get_string_member_with_default (rename, l->data, NULL);

      if (attr != NULL)
        g_hash_table_insert (al->unwrap_without, g_ascii_strdown (l->data, -1),
                             g_ascii_strdown (attr, -1));
    }
  g_clear_pointer (&names, g_list_free);

  /* attribute → NULL (digits only) or a set of the allowed values */
  al->value_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  values = member_object (root, "attribute_values");
  names = values != NULL ? json_object_get_members (values) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *list = member_array (values, l->data);

      /* "digits" is the empty set: the values are checked as numbers */
      g_hash_table_insert (al->value_rules, g_ascii_strdown (l->data, -1),
                           list != NULL ? set_from_array (list) : set_new ());
    }

  paste = member_object (root, "paste");
  al->paste_own_images = paste != NULL
                         && json_object_get_boolean_member_with_default (paste, "only_own_images", TRUE);
  al->paste_drop_styled = strv_from_array (member_array (paste, "drop_styled"));
  publish = member_object (root, "publish");
  al->publish_drop_empty = set_from_array (member_array (publish, "drop_empty"));
  word_lists = member_object (root, "word_lists");
  al->word_list_markers = strv_from_array (member_array (word_lists, "marker_styles"));
  al->structural = set_from_array (member_array (root, "structural_elements"));
  return al;
}

gboolean
toa_sanitize_load_allow_list (const char *json, gssize length, GError **error)
{
  AllowList *al = allow_list_parse (json, length, error);

  if (al == NULL)
    return FALSE;
  allow_list = al;   /* the previous one is leaked on purpose: a caller may still use it */
  return TRUE;
}

static const AllowList *
get_allow_list (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      if (allow_list == NULL)
        {
          g_autoptr(GBytes) bytes = g_resources_lookup_data (ALLOW_LIST_RESOURCE,
                                                             G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
          g_autoptr(GError) error = NULL;

          if (bytes != NULL)
            {
              gsize len;
              const char *data = g_bytes_get_data (bytes, &len);

              allow_list = allow_list_parse (data, (gssize) len, &error);
            }
          if (allow_list == NULL)
            {
              /* Fail closed: an empty allow-list keeps nothing but escaped text. */
              g_warning ("%s", error != NULL ? error->message : "allow-list resource missing");
              allow_list = allow_list_parse ("{\"source\":\"\",\"elements\":{}}", -1, NULL);
            }
        }
      g_once_init_leave (&once, 1);
    }
  return allow_list;
}

/* ---- URLs ------------------------------------------------------------------------------ */

static gboolean
is_url_space (char c)
{
  return (guchar) c <= 0x20;
}

static gboolean
is_url_control (char c)
{
  return (guchar) c < 0x20 || (guchar) c == 0x7f;
}

/* The URL trimmed of surrounding spaces and controls, or NULL when it holds a control
 * character inside (browsers drop tabs and newlines inside a scheme: "java\tscript:"). */
static char *
url_trim (const char *url)
{
  const char *start = url, *end;

  if (url == NULL)
    return NULL;
  while (*start != '\0' && is_url_space (*start))
    start++;
  end = start + strlen (start);
  while (end > start && is_url_space (end[-1]))
    end--;
  for (const char *p = start; p < end; p++)
    if (is_url_control (*p))
      return NULL;
  return end > start ? g_strndup (start, (gsize) (end - start)) : NULL;
}

/* The scheme of @url in lower case, or NULL when it has none (a relative URL). */
static char *
url_scheme (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':' ? g_ascii_strdown (url, p - url) : NULL;
}

static gboolean
url_has_scheme (const char *url, char **schemes)
{
  g_autofree char *scheme = url_scheme (url);
  const char *rest;

  if (scheme == NULL || schemes == NULL || !g_strv_contains ((const char * const *) schemes, scheme))
    return FALSE;
  rest = url + strlen (scheme) + 1;
  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    return rest[0] == '/' && rest[1] == '/' && rest[2] != '\0' && rest[2] != '/';
  return rest[0] != '\0';
}

gboolean
toa_sanitize_link_allowed (const char *url)
{
  g_autofree char *trimmed = url_trim (url);

  return trimmed != NULL && url_has_scheme (trimmed, get_allow_list ()->link_schemes);
}

static gboolean
is_own_media (const AllowList *al, const char *url)
{
  gsize prefix = strlen (al->media_prefix);

  if (url == NULL || strncmp (url, al->media_prefix, prefix) != 0)
    return FALSE;
  url += prefix;
  for (guint i = 0; i < SHA256_HEX_LEN; i++)
    if (!g_ascii_isdigit (url[i]) && !(url[i] >= 'a' && url[i] <= 'f'))
      return FALSE;
  return url[SHA256_HEX_LEN] == '\0';
}

/* ---- the walk -------------------------------------------------------------------------- */

typedef struct {
  const AllowList   *al;
  ToaSanitizeMode    mode;
  ToaSanitizeReport *report;
  guint              visible;  /* text or images written so far (for empty elements) */
  guint              images;   /* images written so far */
  guint              p_depth;  /* open <p> elements written (a <p> never goes in a <p>) */
  gboolean           in_figure;
  gboolean           in_pre;        /* source line breaks are kept only in <pre> */
  gboolean           in_text;       /* inside an element that holds text (p, li, td, b…) */
  gboolean           in_word_item;  /* inside a Word list paragraph made an <li> */
} Walk;

static void walk_node (Walk *w, GumboNode *node, GString *out, guint depth);
static void walk_children (Walk *w, GumboNode *node, GString *out, guint depth);

static void
append_escaped_nfc (GString *out, const char *text, gboolean attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"':
        if (attribute)
          g_string_append (out, "&quot;");
        else
          g_string_append_c (out, '"');
        break;
      default: g_string_append_c (out, *p); break;
      }
}

/* Appends @text (a text node or an attribute value) in NFC, escaped. Each piece is
 * normalised on its own, never the whole output: "<p>" followed by U+0338 would compose
 * to "<p≯". A combining mark that starts the piece is written as a character reference
 * for the same reason. Long text is normalised a few kilobytes at a time, cut after a
 * space (nothing composes across a space; GLib's NFC is slow on long strings). */
static void
append_escaped (GString *out, const char *text, gboolean attribute)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0' && g_unichar_combining_class (g_utf8_get_char (p)) != 0;
       p = g_utf8_next_char (p))
    g_string_append_printf (out, "&#x%X;", g_utf8_get_char (p));

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *nfc = NULL;

      while (*end != '\0' && (end - p < 4096 || (end[-1] != ' ' && end[-1] != '\n')))
        end++;
      nfc = g_utf8_normalize (p, end - p, G_NORMALIZE_NFC);
      append_escaped_nfc (out, nfc != NULL ? nfc : "", attribute);
      p = end;
    }
}

/* Appends a text node: outside <pre>, a run of spaces holding a line break or a tab (Word
 * and LibreOffice wrap their source lines every 80 columns or so, and indent with tabs)
 * becomes one space, which is what it shows as; the editor and the word diff then see the
 * words as they are read. */
static void
append_text (Walk *w, GString *out, const char *text)
{
  g_autoptr(GString) joined = NULL;
  const char *p = text;

  if (w->in_pre || strpbrk (text, "\n\r\t\f") == NULL)
    {
      append_escaped (out, text, FALSE);
      return;
    }
  joined = g_string_sized_new (strlen (text));
  while (*p != '\0')
    {
      const char *end = p;
      gboolean breaks = FALSE;

      while (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t' || *end == '\f')
        breaks |= *end++ != ' ';
      if (end == p)
        g_string_append_c (joined, *p++);
      else if (breaks)
        {
          g_string_append_c (joined, ' ');
          p = end;
        }
      else
        {
          g_string_append_len (joined, p, end - p);
          p = end;
        }
    }
  append_escaped (out, joined->str, FALSE);
}

static gboolean
has_visible_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x200B && c != 0xFEFF)
        return TRUE;
    }
  return FALSE;
}

/* The element's name in lower case (unknown tags, e.g. Word's "o:p", from the source). */
static char *
element_name (GumboNode *node)
{
  GumboElement *el = &node->v.element;

  if (el->tag != GUMBO_TAG_UNKNOWN)
    return g_strdup (gumbo_normalized_tagname (el->tag));
  if (el->original_tag.data != NULL && el->original_tag.length > 0)
    {
      GumboStringPiece piece = el->original_tag;

      gumbo_tag_from_original_text (&piece);
      if (piece.data != NULL && piece.length > 0)
        return g_ascii_strdown (piece.data, (gssize) piece.length);
    }
  return g_strdup ("");
}

static const char *
attribute_value (GumboNode *node, const char *name)
{
  GumboAttribute *attr = gumbo_get_attribute (&node->v.element.attributes, name);

  return attr != NULL ? attr->value : NULL;
}

/* TRUE when the element's style contains one of @patterns (compared without spaces). */
static gboolean
style_matches (GumboNode *node, char **patterns)
{
  const char *style = attribute_value (node, "style");
  g_autoptr(GString) compact = NULL;

  if (style == NULL || patterns == NULL || patterns[0] == NULL)
    return FALSE;
  compact = g_string_new (NULL);
  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_tolower (*p));
  for (guint i = 0; patterns[i] != NULL; i++)
    if (strstr (compact->str, patterns[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* TRUE when @node holds a block element (looked for at most max_depth levels down; deeper
 * counts as a block, which only makes the caller unwrap instead of writing a <p>). */
static gboolean
has_block_child_at (const AllowList *al, GumboNode *node, guint depth)
{
  const GumboVector *children = &node->v.element.children;

  if (depth > al->max_depth)
    return TRUE;
  for (guint i = 0; i < children->length; i++)
    {
      GumboNode *child = children->data[i];

      if (child->type == GUMBO_NODE_ELEMENT)
        {
          g_autofree char *name = element_name (child);

          if (g_hash_table_contains (al->blocks, name) || has_block_child_at (al, child, depth + 1))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_block_child (const AllowList *al, GumboNode *node)
{
  return has_block_child_at (al, node, 0);
}

static gboolean
digits_value (const char *value)
{
  gsize n = strlen (value);

  if (n == 0 || n > 6)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
lang_value (const char *value)
{
  gsize n = strlen (value);

  if (n == 0 || n > 35)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (value[i]) && value[i] != '-')
      return FALSE;
  return TRUE;
}

/* Writes the allowed attributes of @node (as element @name) to @attrs; returns how many.
 * *@has_needed tells whether @needed (may be NULL) was among them. */
static guint
write_attributes_full (Walk *w, GumboNode *node, const char *name, GString *attrs,
                       const char *needed, gboolean *has_needed)
{
  const AllowList *al = w->al;
  GHashTable *allowed = g_hash_table_lookup (al->elements, name);
  const GumboVector *list = &node->v.element.attributes;
  guint kept = 0;

  for (guint i = 0; i < list->length; i++)
    {
      GumboAttribute *attr = list->data[i];
      const char *aname = attr->name;
      g_autofree char *value = NULL;
      GHashTable *values;

      if (attr->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE
          || !((allowed != NULL && g_hash_table_contains (allowed, aname))
               || g_hash_table_contains (al->global_attributes, aname)))
        {
          w->report->attributes_removed++;
          continue;
        }

      if (g_str_equal (aname, "href") || g_str_equal (aname, "src"))
        {
          value = url_trim (attr->value);
          if (value == NULL
              || (g_str_equal (aname, "href") && !url_has_scheme (value, al->link_schemes))
              || (g_str_equal (aname, "src") && !is_own_media (al, value)
                  && !url_has_scheme (value, al->image_schemes)))
            {
              w->report->urls_removed++;
              continue;
            }
        }
      else if (g_str_equal (aname, "class"))
        {
          GHashTable *classes = g_hash_table_lookup (al->classes, name);
          g_auto(GStrv) tokens = g_strsplit_set (attr->value, " \t\n\r\f", -1);
          g_autoptr(GString) kept_classes = g_string_new (NULL);

          for (guint t = 0; tokens[t] != NULL; t++)
            if (classes != NULL && g_hash_table_contains (classes, tokens[t])
                && strstr (kept_classes->str, tokens[t]) == NULL)
              g_string_append_printf (kept_classes, "%s%s", kept_classes->len ? " " : "", tokens[t]);
          if (kept_classes->len == 0)
            {
              w->report->attributes_removed++;
              continue;
            }
          value = g_string_free (g_steal_pointer (&kept_classes), FALSE);
        }
      else if (g_str_equal (aname, "lang"))
        {
          if (!lang_value (attr->value))
            {
              w->report->attributes_removed++;
              continue;
            }
          value = g_strdup (attr->value);
        }
      else if ((values = g_hash_table_lookup (al->value_rules, aname)) != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (attr->value, -1);
          gboolean ok = g_hash_table_size (values) == 0 ? digits_value (lower)
                                                        : g_hash_table_contains (values, lower);
          if (!ok)
            {
              w->report->attributes_removed++;
              continue;
            }
          value = g_steal_pointer (&lower);
        }
      else
        value = g_strdup (attr->value);

      g_string_append_printf (attrs, " %s=\"", aname);
      append_escaped (attrs, value, TRUE);
      g_string_append_c (attrs, '"');
      kept++;
      if (needed != NULL && has_needed != NULL && g_str_equal (aname, needed))
        *has_needed = TRUE;
    }
  return kept;
}

static guint
write_attributes (Walk *w, GumboNode *node, const char *name, GString *attrs)
{
  return write_attributes_full (w, node, name, attrs, NULL, NULL);
}

/* ---- Word's lists ---------------------------------------------------------------------------
 * Word writes a list as paragraphs, each with its list and level in the style
 * ("mso-list:l0 level2 lfo1", class MsoListParagraphCxSpFirst/Middle/Last) and its number or
 * bullet as text in a span styled "mso-list:Ignore". A run of such sibling paragraphs becomes
 * a real <ul>/<ol>, nested by level; the number or bullet itself is dropped. */

typedef struct {
  GumboNode *node;
  int        list;     /* N of "lN" */
  int        level;    /* 1… */
  gboolean   ordered;  /* its marker is a number or letter followed by "." or ")" */
  gint64     start;    /* the marker's number when it is one, else 0 */
} WordItem;

/* Reads "mso-list:l0 level1 lfo1" from the paragraph's style; FALSE when it is not a list
 * item ("mso-list:none", "skip", "Ignore" or no style). */
static gboolean
word_list_style (GumboNode *node, int *list, int *level)
{
  const char *style = attribute_value (node, "style");
  g_autofree char *lower = NULL;
  g_auto(GStrv) tokens = NULL;
  const char *value;
  char *end;

  if (style == NULL)
    return FALSE;
  lower = g_ascii_strdown (style, -1);
  if ((value = strstr (lower, "mso-list")) == NULL)
    return FALSE;
  value += strlen ("mso-list");
  while (g_ascii_isspace (*value))
    value++;
  if (*value++ != ':')
    return FALSE;
  if ((end = strchr (value, ';')) != NULL)
    *end = '\0';
  *list = 0;
  *level = 0;
  tokens = g_strsplit_set (value, " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];

      if (g_str_has_prefix (t, "level") && g_ascii_isdigit (t[5]))
        *level = (int) CLAMP (g_ascii_strtoll (t + 5, NULL, 10), 1, 9);
      else if (t[0] == 'l' && g_ascii_isdigit (t[1]))
        *list = (int) MIN (g_ascii_strtoll (t + 1, NULL, 10), G_MAXINT);
    }
  return *level > 0;
}

static void
collect_text (GumboNode *node, GString *text, guint depth)
{
  if (depth > 32)
    return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE)
    g_string_append (text, node->v.text.text);
  else if (node->type == GUMBO_NODE_ELEMENT)
    for (guint i = 0; i < node->v.element.children.length; i++)
      collect_text (node->v.element.children.data[i], text, depth + 1);
}

/* The marker span ("1.", "a)", "·", "o", "§") inside @node, searched a few levels down. */
static GumboNode *
find_marker (const AllowList *al, GumboNode *node, guint depth)
{
  if (node->type != GUMBO_NODE_ELEMENT || depth > 8)
    return NULL;
  if (depth > 0 && style_matches (node, al->word_list_markers))
    return node;
  for (guint i = 0; i < node->v.element.children.length; i++)
    {
      GumboNode *found = find_marker (al, node->v.element.children.data[i], depth + 1);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
word_item_read (const AllowList *al, GumboNode *node, WordItem *item)
{
  GumboNode *marker;

  if (node->type != GUMBO_NODE_ELEMENT || node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML
      || node->v.element.tag != GUMBO_TAG_P || !word_list_style (node, &item->list, &item->level))
    return FALSE;
  item->node = node;
  item->ordered = FALSE;
  item->start = 0;
  if ((marker = find_marker (al, node, 0)) != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *plain = NULL;
      gsize n;

      collect_text (marker, text, 0);
      /* the marker is followed by no-break spaces to the text's indent */
      plain = g_strdup (text->str);
      g_strstrip (plain);
      while ((n = strlen (plain)) >= 2 && g_str_has_suffix (plain, "\xc2\xa0"))
        {
          plain[n - 2] = '\0';
          g_strstrip (plain);
        }
      n = strlen (plain);
      if (n >= 2 && n <= 8 && (plain[n - 1] == '.' || plain[n - 1] == ')'))
        {
          gboolean alnum = TRUE;
          const char *first = plain[0] == '(' ? plain + 1 : plain;

          for (const char *c = first; c < plain + n - 1; c++)
            alnum = alnum && g_ascii_isalnum (*c);
          item->ordered = alnum && first < plain + n - 1;
          if (item->ordered && g_ascii_isdigit (*first))
            item->start = g_ascii_strtoll (first, NULL, 10);
        }
    }
  return TRUE;
}

typedef struct {
  int      level;
  int      list;
  gboolean ordered;
} OpenList;

static void
open_word_list (GString *out, GArray *open, const WordItem *item)
{
  OpenList entry = { item->level, item->list, item->ordered };

  if (item->ordered && item->start > 1 && item->start < 1000000)
    g_string_append_printf (out, "<ol start=\"%lld\">", (long long) item->start);
  else
    g_string_append (out, item->ordered ? "<ol>" : "<ul>");
  g_array_append_val (open, entry);
}

static void
close_word_list (GString *out, GArray *open)
{
  OpenList *top = &g_array_index (open, OpenList, open->len - 1);

  g_string_append (out, top->ordered ? "</li></ol>" : "</li></ul>");
  g_array_set_size (open, open->len - 1);
}

/* Writes the Word list paragraphs @items as nested lists. */
static void
walk_word_list (Walk *w, const WordItem *items, guint n_items, GString *out, guint depth)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (OpenList));
  gboolean saved_text = w->in_text, saved_item = w->in_word_item;

  for (guint i = 0; i < n_items; i++)
    {
      const WordItem *item = &items[i];
      OpenList *top;

      while (open->len > 0 && g_array_index (open, OpenList, open->len - 1).level > item->level)
        close_word_list (out, open);
      top = open->len > 0 ? &g_array_index (open, OpenList, open->len - 1) : NULL;
      if (top != NULL && top->level == item->level
          && (top->ordered != item->ordered || top->list != item->list))
        {
          /* another list at the same level: end this one */
          close_word_list (out, open);
          top = open->len > 0 ? &g_array_index (open, OpenList, open->len - 1) : NULL;
        }
      if (top != NULL && top->level == item->level)
        g_string_append (out, "</li>");
      else
        open_word_list (out, open, item);   /* the first, or one level deeper inside the open item */
      g_string_append (out, "<li>");
      w->in_text = TRUE;
      w->in_word_item = TRUE;
      walk_children (w, item->node, out, depth);
      w->in_text = saved_text;
      w->in_word_item = saved_item;
    }
  while (open->len > 0)
    close_word_list (out, open);
}

static void
walk_children (Walk *w, GumboNode *node, GString *out, guint depth)
{
  const GumboVector *children = &node->v.element.children;
  gboolean lists = g_hash_table_contains (w->al->elements, "ul")
                   && g_hash_table_contains (w->al->elements, "ol")
                   && g_hash_table_contains (w->al->elements, "li")
                   && w->al->word_list_markers[0] != NULL;

  for (guint i = 0; i < children->length; i++)
    {
      g_autoptr(GArray) items = NULL;
      WordItem item;
      guint next = i, after = i;

      if (!lists || depth >= w->al->max_depth || !word_item_read (w->al, children->data[i], &item))
        {
          walk_node (w, children->data[i], out, depth + 1);
          continue;
        }
      /* the run of list paragraphs, with only spaces and comments between them */
      items = g_array_new (FALSE, FALSE, sizeof (WordItem));
      g_array_append_val (items, item);
      for (next = i + 1; next < children->length; next++)
        {
          GumboNode *child = children->data[next];

          if (child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_COMMENT)
            continue;
          if (!word_item_read (w->al, child, &item))
            break;
          g_array_append_val (items, item);
          after = next;
        }
      walk_word_list (w, (const WordItem *) items->data, items->len, out, depth + 2);
      i = after;
    }
}

/* An image is kept only with a usable src; tracking pixels and hidden images go, and on
 * paste every image that is not one of ours (the editor stores pasted images itself). */
static void
walk_image (Walk *w, GumboNode *node, GString *out)
{
  const AllowList *al = w->al;
  g_autofree char *src = url_trim (attribute_value (node, "src"));
  const char *width = attribute_value (node, "width");
  const char *height = attribute_value (node, "height");
  g_autoptr(GString) attrs = NULL;

  if (src == NULL || (!is_own_media (al, src) && !url_has_scheme (src, al->image_schemes)))
    {
      w->report->urls_removed += src != NULL;
      w->report->images_removed++;
      return;
    }
  if ((width != NULL && digits_value (width) && g_ascii_strtoll (width, NULL, 10) <= al->tracking_max)
      || (height != NULL && digits_value (height) && g_ascii_strtoll (height, NULL, 10) <= al->tracking_max)
      || style_matches (node, al->hidden_styles)
      || (w->mode == TOA_SANITIZE_PASTE && al->paste_own_images && !is_own_media (al, src)))
    {
      w->report->images_removed++;
      return;
    }
  attrs = g_string_new (NULL);
  write_attributes (w, node, "img", attrs);
  g_string_append_printf (out, "<img%s>", attrs->str);
  w->visible++;
  w->images++;
}

static void
walk_element (Walk *w, GumboNode *node, GString *out, guint depth)
{
  const AllowList *al = w->al;
  g_autofree char *source_name = element_name (node);
  const char *name = source_name;
  const char *renamed;
  g_autoptr(GString) attrs = NULL;
  gsize start;
  guint visible_before, images_before;
  ToaSanitizeReport saved_report;
  gboolean saved_in_figure, saved_in_pre, saved_in_text, has_needed = FALSE;
  const char *needed;

  if (node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML
      && (node->v.element.tag == GUMBO_TAG_HTML || node->v.element.tag == GUMBO_TAG_BODY))
    {
      walk_children (w, node, out, depth);
      return;
    }
  if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || depth > al->max_depth
      || g_hash_table_contains (al->drop, name)
      || style_matches (node, al->hidden_styles)
      || (w->mode == TOA_SANITIZE_PASTE && style_matches (node, al->paste_drop_styled))
      || (w->in_word_item && style_matches (node, al->word_list_markers)))
    {
      w->report->elements_removed++;
      return;
    }
  if ((renamed = g_hash_table_lookup (al->rename, name)) != NULL)
    name = renamed;
  if (g_hash_table_contains (al->containers, name))
    {
      w->report->elements_unwrapped++;
      if (has_block_child (al, node) || !g_hash_table_contains (al->elements, "p"))
        {
          walk_children (w, node, out, depth);
          return;
        }
      name = "p";
    }
  if (g_str_equal (name, "img"))
    {
      walk_image (w, node, out);
      return;
    }
  if (!g_hash_table_contains (al->elements, name))
    {
      w->report->elements_unwrapped++;
      walk_children (w, node, out, depth);
      return;
    }

  attrs = g_string_new (NULL);
  needed = g_hash_table_lookup (al->unwrap_without, name);
  write_attributes_full (w, node, name, attrs, needed, &has_needed);
  if (needed != NULL && !has_needed)
    {
      w->report->elements_unwrapped++;
      walk_children (w, node, out, depth);
      return;
    }
  if (g_str_equal (name, "figcaption") && !w->in_figure)
    name = "p";   /* a caption whose figure lost its image */
  if (g_str_equal (name, "p")
      && (w->p_depth > 0 || (name != source_name && has_block_child (al, node))))
    {
      /* written out, it would be read back differently: keep the content only */
      w->report->elements_unwrapped++;
      walk_children (w, node, out, depth);
      return;
    }

  start = out->len;
  visible_before = w->visible;
  images_before = w->images;
  saved_report = *w->report;
  saved_in_figure = w->in_figure;
  saved_in_pre = w->in_pre;
  saved_in_text = w->in_text;
  g_string_append_printf (out, "<%s%s>", name, attrs->str);
  if (g_str_equal (name, "br") || g_str_equal (name, "hr"))
    {
      w->visible += g_str_equal (name, "hr");
      return;
    }
  if (g_str_equal (name, "pre") && node->v.element.children.length > 0
      && ((GumboNode *) node->v.element.children.data[0])->type != GUMBO_NODE_ELEMENT
      && ((GumboNode *) node->v.element.children.data[0])->v.text.text[0] == '\n')
    g_string_append_c (out, '\n');   /* the parser drops one newline right after <pre> */
  w->in_figure = w->in_figure || g_str_equal (name, "figure");
  w->in_pre = w->in_pre || g_str_equal (name, "pre");
  w->in_text = !g_hash_table_contains (al->structural, name);
  w->p_depth += g_str_equal (name, "p");
  walk_children (w, node, out, depth);
  w->p_depth -= g_str_equal (name, "p");
  w->in_figure = saved_in_figure;
  w->in_pre = saved_in_pre;
  w->in_text = saved_in_text;
  if (g_hash_table_contains (al->requires_image, name) && w->images == images_before)
    {
      /* a figure without its image: keep the caption's text as a paragraph */
      g_string_truncate (out, start);
      *w->report = saved_report;
      w->report->elements_unwrapped++;
      w->visible = visible_before;
      walk_children (w, node, out, depth);
      return;
    }
  if (w->mode == TOA_SANITIZE_PUBLISH && w->visible == visible_before
      && g_hash_table_contains (al->publish_drop_empty, name))
    {
      /* leftover editor markup: an empty paragraph or formatting around nothing */
      g_string_truncate (out, start);
      w->report->elements_removed++;
      return;
    }
  g_string_append_printf (out, "</%s>", name);
}

/* TRUE when the sibling before or after @node is a block element (a paragraph in a cell). */
static gboolean
next_to_block (const AllowList *al, GumboNode *node)
{
  GumboNode *parent = node->parent;
  const GumboVector *siblings;

  if (parent == NULL || parent->type != GUMBO_NODE_ELEMENT)
    return TRUE;
  siblings = &parent->v.element.children;
  for (int step = -1; step <= 1; step += 2)
    {
      gssize at = (gssize) node->index_within_parent + step;
      GumboNode *sibling;

      if (at < 0 || at >= (gssize) siblings->length)
        continue;
      sibling = siblings->data[at];
      if (sibling->type == GUMBO_NODE_ELEMENT)
        {
          g_autofree char *name = element_name (sibling);

          if (g_hash_table_contains (al->blocks, name))
            return TRUE;
        }
    }
  return FALSE;
}

static void
walk_node (Walk *w, GumboNode *node, GString *out, guint depth)
{
  switch (node->type)
    {
    case GUMBO_NODE_DOCUMENT:
      walk_children (w, node, out, depth);
      break;
    case GUMBO_NODE_ELEMENT:
      walk_element (w, node, out, depth);
      break;
    case GUMBO_NODE_TEXT:
      append_text (w, out, node->v.text.text);
      if (has_visible_text (node->v.text.text))
        w->visible++;
      break;
    case GUMBO_NODE_WHITESPACE:
      /* between blocks it is the layout of the source, kept; inside text, a space */
      if (w->in_text && !next_to_block (w->al, node))
        append_text (w, out, node->v.text.text);
      else
        append_escaped (out, node->v.text.text, FALSE);
      break;
    case GUMBO_NODE_TEMPLATE:
      w->report->elements_removed++;
      break;
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_COMMENT:
    default:
      break;
    }
}

/* ---- entry point ----------------------------------------------------------------------- */

/* One pass: parse @valid (UTF-8), walk the body, return the fragment trimmed of the
 * spaces around it (they mean nothing: the parser drops those before the body) in valid UTF-8. */
static char *
sanitize_pass (const char *valid, ToaSanitizeMode mode, ToaSanitizeReport *report)
{
  GumboOptions options = kGumboDefaultOptions;
  g_autoptr(GString) out = g_string_sized_new (strlen (valid));
  const char *begin, *end;
  GumboOutput *parsed;
  Walk w = { 0 };

  options.max_errors = 0;
  parsed = gumbo_parse_with_options (&options, valid, strlen (valid));
  w.al = get_allow_list ();
  w.mode = mode;
  w.report = report;

  /* The head (title, meta, style, link, script) is dropped whole; the body is walked. */
  if (parsed->root != NULL && parsed->root->type == GUMBO_NODE_ELEMENT)
    {
      const GumboVector *children = &parsed->root->v.element.children;

      for (guint i = 0; i < children->length; i++)
        {
          GumboNode *child = children->data[i];

          if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_HEAD)
            {
              const GumboVector *head = &child->v.element.children;

              for (guint j = 0; j < head->length; j++)
                report->elements_removed += ((GumboNode *) head->data[j])->type == GUMBO_NODE_ELEMENT;
            }
          else
            walk_node (&w, child, out, 1);
        }
    }
  gumbo_destroy_output (&options, parsed);

  begin = out->str;
  end = out->str + out->len;
  while (begin < end && g_ascii_isspace (*begin))
    begin++;
  while (end > begin && g_ascii_isspace (end[-1]))
    end--;
  /* gumbo may decode a character reference to bytes that are not UTF-8
   * ("&#111111111111;"): those become U+FFFD too. */
  return g_utf8_make_valid (begin, end - begin);
}

char *
toa_sanitize_html (const char *html, gssize length, ToaSanitizeMode mode, ToaSanitizeReport *report)
{
  ToaSanitizeReport scratch;
  g_autofree char *valid = NULL;
  g_autofree char *clean = NULL;

  if (report == NULL)
    report = &scratch;
  memset (report, 0, sizeof *report);
  if (html == NULL)
    return g_strdup ("");
  if (length < 0)
    length = (gssize) strlen (html);
  if (length == 0)
    return g_strdup ("");

  /* Invalid bytes (and NULs) become U+FFFD before parsing. */
  valid = g_utf8_make_valid (html, length);
  clean = sanitize_pass (valid, mode, report);

  /* Unwrapping can leave markup that a parser reads back into another tree (a heading
   * that lost the element between it and an outer heading). Sanitise what we wrote until
   * it no longer changes, so the editor, the database and the portal all see one tree. */
  for (guint i = 0; i < 4; i++)
    {
      ToaSanitizeReport again_report = { 0 };
      g_autofree char *again = sanitize_pass (clean, mode, &again_report);

      if (g_str_equal (again, clean))
        break;
      g_free (clean);
      clean = g_steal_pointer (&again);
    }
  return g_steal_pointer (&clean);
}
