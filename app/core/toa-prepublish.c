/* toa-prepublish.c — the pre-publish checks: the board's rules (JSON in the board setting
 * "prepublish_rules") and the checks of an article's fields and body. The body is parsed with
 * gumbo (HTML5) to find images, links and leftover editor markup. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gumbo.h>
#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-prepublish.h"

static const char * const check_codes[] = {
  "title-missing", "title-too-long", "sapo-missing", "section-missing", "genre-missing",
  "image-alt-missing", "link-empty", "link-scheme", "attribution-missing", "not-nfc",
  "editor-markup", NULL,
};

#define DEFAULT_TITLE_MAX 150

/* ---- small types ------------------------------------------------------------------------ */

void
toa_check_result_free (ToaCheckResult *result)
{
  if (result == NULL)
    return;
  g_free (result->code);
  g_free (result->message);
  g_free (result);
}

void
toa_check_rule_free (ToaCheckRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->code);
  g_free (rule->source);
  g_free (rule);
}

const char *
toa_check_severity_to_string (ToaCheckSeverity severity)
{
  switch (severity)
    {
    case TOA_CHECK_BLOCK:
      return "block";
    case TOA_CHECK_WARN:
      return "warn";
    case TOA_CHECK_OFF:
    default:
      return "off";
    }
}

gboolean
toa_check_severity_from_string (const char *text, ToaCheckSeverity *out)
{
  if (g_strcmp0 (text, "block") == 0)
    *out = TOA_CHECK_BLOCK;
  else if (g_strcmp0 (text, "warn") == 0)
    *out = TOA_CHECK_WARN;
  else if (g_strcmp0 (text, "off") == 0)
    *out = TOA_CHECK_OFF;
  else
    return FALSE;
  return TRUE;
}

const char * const *
toa_prepublish_codes (void)
{
  return check_codes;
}

static gboolean
known_code (const char *code)
{
  return code != NULL && g_strv_contains (check_codes, code);
}

/* ---- the rules --------------------------------------------------------------------------- */

typedef struct {
  JsonNode   *root;            /* the whole setting */
  JsonObject *object;          /* root's object */
  JsonObject *checks;          /* "checks" */
  int         title_max;
} Rules;

static void
rules_clear (Rules *rules)
{
  g_clear_pointer (&rules->root, json_node_unref);
}

static gboolean
rules_invalid (GError **error, const char *what)
{
  /* Translators: %s is the setting's key, then what is wrong with it */
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("The board setting “%s” is not valid: %s. Ask the administrator to correct it."),
               TOA_PREPUBLISH_RULES_KEY, what);
  return FALSE;
}

static gboolean
rules_load (ToaStore *store, Rules *rules, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  JsonNode *checks;

  memset (rules, 0, sizeof *rules);
  text = toa_store_board_setting_get (store, TOA_PREPUBLISH_RULES_KEY, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("The board has no pre-publish rules (setting “%s”). Run “toasoan-cli db migrate”."),
                       TOA_PREPUBLISH_RULES_KEY);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    return rules_invalid (error, local_error->message);
  rules->root = json_parser_steal_root (parser);
  if (rules->root == NULL || !JSON_NODE_HOLDS_OBJECT (rules->root))
    {
      rules_clear (rules);
      return rules_invalid (error, _("it is not a JSON object"));
    }
  rules->object = json_node_get_object (rules->root);
  checks = json_object_get_member (rules->object, "checks");
  if (checks == NULL || !JSON_NODE_HOLDS_OBJECT (checks))
    {
      rules_clear (rules);
      return rules_invalid (error, _("it has no “checks” object"));
    }
  rules->checks = json_node_get_object (checks);
  rules->title_max = DEFAULT_TITLE_MAX;
  if (json_object_has_member (rules->object, "title_max_chars"))
    {
      gint64 max = json_object_get_int_member (rules->object, "title_max_chars");

      if (max <= 0 || max > 10000)
        {
          rules_clear (rules);
          return rules_invalid (error, _("“title_max_chars” must be a number of characters"));
        }
      rules->title_max = (int) max;
    }
  return TRUE;
}

/* The severity of @code; "off" when absent. */
static gboolean
rules_severity (const Rules *rules, const char *code, ToaCheckSeverity *out, GError **error)
{
  JsonNode *node = json_object_get_member (rules->checks, code);
  const char *text = NULL;

  *out = TOA_CHECK_OFF;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    text = json_object_get_string_member_with_default (json_node_get_object (node), "severity", NULL);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = json_node_get_string (node);
  if (!toa_check_severity_from_string (text, out))
    {
      g_autofree char *what = g_strdup_printf (_("check “%s” has no severity block, warn or off"), code);

      return rules_invalid (error, what);
    }
  return TRUE;
}

static char *
rules_source (const Rules *rules, const char *code)
{
  JsonNode *node = json_object_get_member (rules->checks, code);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node), "source", ""));
  return g_strdup ("");
}

/* A list of strings in the rules (@object's @member); empty when absent. */
static GPtrArray *
rules_strings (JsonObject *object, const char *member)
{
  GPtrArray *out = g_ptr_array_new ();
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_ptr_array_add (out, (gpointer) json_node_get_string (item));
        }
    }
  g_ptr_array_add (out, NULL);
  return out;
}

static JsonObject *
rules_markup (const Rules *rules)
{
  JsonNode *node = json_object_get_member (rules->object, "editor_markup");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* ---- checking -------------------------------------------------------------------------- */

typedef struct {
  const Rules *rules;
  GPtrArray   *results;
  ToaCheckSeverity severity[G_N_ELEMENTS (check_codes)];
  /* the body walk */
  guint        images;
  guint        links;
  guint        markup_found;
  char        *markup_first;   /* what the first leftover was, for the message */
  GPtrArray   *link_schemes;   /* of const char *, NULL-terminated */
  GPtrArray   *markup_attributes;
  GPtrArray   *markup_class_prefixes;
  GPtrArray   *markup_keep_classes;
  GPtrArray   *markup_id_prefixes;
  GPtrArray   *markup_elements;
} Check;

static ToaCheckSeverity
severity_of (const Check *check, const char *code)
{
  for (guint i = 0; check_codes[i] != NULL; i++)
    if (g_str_equal (check_codes[i], code))
      return check->severity[i];
  return TOA_CHECK_OFF;
}

static void
add_result (Check *check, const char *code, char *message)
{
  ToaCheckResult *result;
  ToaCheckSeverity severity = severity_of (check, code);

  if (severity == TOA_CHECK_OFF)
    {
      g_free (message);
      return;
    }
  result = g_new0 (ToaCheckResult, 1);
  result->code = g_strdup (code);
  result->severity = severity;
  result->message = message;
  g_ptr_array_add (check->results, result);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x200B && c != 0xFEFF)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_nfc (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return nfc != NULL && strcmp (nfc, text) == 0;
}

/* A short quote of @text for a message: its first 40 characters, spaces collapsed. */
static char *
quote (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  glong n;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  words = g_strsplit_set (text, " \t\r\n\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  n = g_utf8_strlen (out->str, -1);
  if (n > 40)
    {
      g_string_truncate (out, g_utf8_offset_to_pointer (out->str, 40) - out->str);
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The tag name of @node, lower case (unknown tags such as Office's "o:p" included). */
static char *
tag_name (const GumboNode *node)
{
  GumboStringPiece piece;

  if (node->v.element.tag != GUMBO_TAG_UNKNOWN)
    return g_strdup (gumbo_normalized_tagname (node->v.element.tag));
  piece = node->v.element.original_tag;
  if (piece.data == NULL || piece.length == 0)
    return g_strdup ("");
  gumbo_tag_from_original_text (&piece);
  return g_ascii_strdown (piece.data, (gssize) piece.length);
}

static void
text_of (const GumboNode *node, GString *out, gboolean *has_image)
{
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE
      || node->type == GUMBO_NODE_CDATA)
    {
      g_string_append (out, node->v.text.text);
      return;
    }
  if (node->type != GUMBO_NODE_ELEMENT)
    return;
  if (node->v.element.tag == GUMBO_TAG_IMG)
    *has_image = TRUE;
  for (guint i = 0; i < node->v.element.children.length; i++)
    text_of (node->v.element.children.data[i], out, has_image);
}

static gboolean
in_list (GPtrArray *list, const char *value)
{
  return g_strv_contains ((const char * const *) list->pdata, value);
}

static gboolean
has_prefix_in (GPtrArray *list, const char *value)
{
  for (guint i = 0; list->pdata[i] != NULL; i++)
    if (g_str_has_prefix (value, list->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
markup_found (Check *check, char *what)
{
  check->markup_found++;
  if (check->markup_first == NULL)
    check->markup_first = what;
  else
    g_free (what);
}

/* Leftover editor markup on one element, as the rules list it. */
static void
check_markup (Check *check, const GumboNode *node, const char *tag)
{
  const GumboVector *attributes = &node->v.element.attributes;

  if (in_list (check->markup_elements, tag))
    markup_found (check, g_strdup_printf ("<%s>", tag));
  for (guint i = 0; i < attributes->length; i++)
    {
      const GumboAttribute *attribute = attributes->data[i];
      g_autofree char *name = g_ascii_strdown (attribute->name, -1);
      gboolean listed = in_list (check->markup_attributes, name);

      for (guint j = 0; !listed && check->markup_attributes->pdata[j] != NULL; j++)
        {
          const char *pattern = check->markup_attributes->pdata[j];

          if (g_str_has_suffix (pattern, "*")
              && strncmp (name, pattern, strlen (pattern) - 1) == 0)
            listed = TRUE;
        }
      if (listed)
        markup_found (check, g_strdup_printf ("%s=\"…\"", name));
      else if (g_str_equal (name, "id") && has_prefix_in (check->markup_id_prefixes, attribute->value))
        markup_found (check, g_strdup_printf ("id=\"%s\"", attribute->value));
      else if (g_str_equal (name, "class"))
        {
          g_auto(GStrv) classes = g_strsplit_set (attribute->value, " \t\r\n\f", -1);

          for (guint j = 0; classes[j] != NULL; j++)
            if (*classes[j] != '\0' && has_prefix_in (check->markup_class_prefixes, classes[j])
                && !in_list (check->markup_keep_classes, classes[j]))
              markup_found (check, g_strdup_printf ("class=\"%s\"", classes[j]));
        }
    }
}

static void
check_image (Check *check, const GumboNode *node)
{
  GumboAttribute *alt = gumbo_get_attribute (&node->v.element.attributes, "alt");

  check->images++;
  if (alt == NULL || blank (alt->value))
    add_result (check, "image-alt-missing",
                /* Translators: %u is the image's number in the body, counted from the top */
                g_strdup_printf (_("Image %u has no alternative text (alt): describe what it shows for readers who cannot see it."),
                                 check->images));
}

static void
check_link (Check *check, const GumboNode *node)
{
  GumboAttribute *href = gumbo_get_attribute (&node->v.element.attributes, "href");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *shown = NULL;
  gboolean has_image = FALSE;
  const char *scheme_end;

  check->links++;
  text_of (node, text, &has_image);
  shown = quote (text->str);
  if (href == NULL || blank (href->value))
    {
      /* Translators: %u is the link's number in the body, %s its text */
      add_result (check, "link-empty",
                  g_strdup_printf (_("Link %u (“%s”) has no address: give it one or remove the link."),
                                   check->links, shown));
      return;
    }
  if (blank (text->str) && !has_image)
    {
      g_autofree char *address = quote (href->value);

      add_result (check, "link-empty",
                  /* Translators: %u is the link's number in the body, %s its address */
                  g_strdup_printf (_("Link %u (to %s) has no text: write what it leads to or remove it."),
                                   check->links, address));
    }
  {
    g_autofree char *address = g_strstrip (g_strdup (href->value));
    g_autofree char *scheme = NULL;

    scheme_end = strchr (address, ':');
    if (scheme_end != NULL && g_uri_peek_scheme (address) != NULL)
      scheme = g_ascii_strdown (address, scheme_end - address);
    if (scheme == NULL || !in_list (check->link_schemes, scheme))
      {
        g_autofree char *quoted = quote (address);
        g_autofree char *allowed = g_strjoinv (", ", (char **) check->link_schemes->pdata);

        /* Translators: %u is the link's number, then its text, its address and the schemes
         * allowed ("http, https") */
        add_result (check, "link-scheme",
                    g_strdup_printf (_("Link %u (“%s”) goes to “%s”: published links must be full addresses of these kinds: %s. Correct the address or remove the link."),
                                     check->links, shown, quoted, allowed));
      }
  }
}

static void
walk (Check *check, const GumboNode *node)
{
  g_autofree char *tag = NULL;

  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
    return;
  tag = tag_name (node);
  /* gumbo adds html, head and body itself; their attributes come from nowhere in a body. */
  if (node->v.element.original_tag.length > 0)
    check_markup (check, node, tag);
  if (node->v.element.tag == GUMBO_TAG_IMG)
    check_image (check, node);
  else if (node->v.element.tag == GUMBO_TAG_A)
    check_link (check, node);
  for (guint i = 0; i < node->v.element.children.length; i++)
    walk (check, node->v.element.children.data[i]);
}

static void
check_body (Check *check, const char *body)
{
  JsonObject *markup = rules_markup (check->rules);
  GumboOutput *output;

  if (body == NULL || *body == '\0' || !g_utf8_validate (body, -1, NULL))
    return;
  check->link_schemes = rules_strings (check->rules->object, "link_schemes");
  if (check->link_schemes->len == 1)
    {
      /* Absent from the rules: the http and https. */
      g_ptr_array_remove_index (check->link_schemes, 0);
      g_ptr_array_add (check->link_schemes, (gpointer) "http");
      g_ptr_array_add (check->link_schemes, (gpointer) "https");
      g_ptr_array_add (check->link_schemes, NULL);
    }
  check->markup_attributes = rules_strings (markup, "attributes");
  check->markup_class_prefixes = rules_strings (markup, "class_prefixes");
  check->markup_keep_classes = rules_strings (markup, "keep_classes");
  check->markup_id_prefixes = rules_strings (markup, "id_prefixes");
  check->markup_elements = rules_strings (markup, "elements");

  output = gumbo_parse_with_options (&kGumboDefaultOptions, body, strlen (body));
  walk (check, output->root);
  gumbo_destroy_output (&kGumboDefaultOptions, output);

  if (check->markup_found > 0)
    add_result (check, "editor-markup",
                /* Translators: %u is how many leftovers were found, %s the first of them */
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The body still has %u piece of editor markup (%s): clean it with “Clear formatting” or paste the text again.",
                                              "The body still has %u pieces of editor markup (first: %s): clean them with “Clear formatting” or paste the text again.",
                                              check->markup_found),
                                 check->markup_found, check->markup_first));
}

static void
check_clear (Check *check)
{
  g_clear_pointer (&check->markup_first, g_free);
  g_clear_pointer (&check->link_schemes, g_ptr_array_unref);
  g_clear_pointer (&check->markup_attributes, g_ptr_array_unref);
  g_clear_pointer (&check->markup_class_prefixes, g_ptr_array_unref);
  g_clear_pointer (&check->markup_keep_classes, g_ptr_array_unref);
  g_clear_pointer (&check->markup_id_prefixes, g_ptr_array_unref);
  g_clear_pointer (&check->markup_elements, g_ptr_array_unref);
}

static void
check_nfc (Check *check, const char *text, const char *field)
{
  if (!is_nfc (text))
    add_result (check, "not-nfc",
                /* Translators: %s is a field: Title, Sapo, Body, Attribution line */
                g_strdup_printf (_("%s is not in Unicode precomposed form (NFC, TCVN 6909): save the article again so that it is normalised."),
                                 field));
}

static GPtrArray *
check_with_rules (const Rules *rules, const ToaArticle *article, GError **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_check_result_free);
  Check check = { 0 };
  glong title_chars = 0;

  check.rules = rules;
  check.results = results;
  for (guint i = 0; check_codes[i] != NULL; i++)
    if (!rules_severity (rules, check_codes[i], &check.severity[i], error))
      return NULL;

  if (blank (article->title))
    add_result (&check, "title-missing",
                g_strdup (_("The title is empty: write one.")));
  else if (g_utf8_validate (article->title, -1, NULL)
           && (title_chars = g_utf8_strlen (article->title, -1)) > rules->title_max)
    add_result (&check, "title-too-long",
                /* Translators: the title's length, then the limit, in characters */
                g_strdup_printf (_("The title has %ld characters: shorten it to %d at most."),
                                 title_chars, rules->title_max));
  if (blank (article->sapo))
    add_result (&check, "sapo-missing", g_strdup (_("The sapo is empty: write the lead paragraph.")));
  if (article->section_id == 0)
    add_result (&check, "section-missing",
                g_strdup (_("No section is chosen: choose where the item is published.")));
  if (blank (article->genre))
    add_result (&check, "genre-missing", g_strdup (_("No genre is chosen: choose one.")));

  check_body (&check, article->body_html);

  if (article->source_unit_id != 0 && blank (article->attribution))
    add_result (&check, "attribution-missing",
                /* Translators: %s is the providing unit's name */
                g_strdup_printf (_("The item comes from %s but has no attribution line: write its source, e.g. “Theo Cổng TTĐT tỉnh Bình Phước”."),
                                 article->source_unit_name != NULL ? article->source_unit_name
                                                                   : _("a providing unit")));

  check_nfc (&check, article->title, _("The title"));
  check_nfc (&check, article->sapo, _("The sapo"));
  check_nfc (&check, article->body_html, _("The body"));
  check_nfc (&check, article->attribution, _("The attribution line"));

  check_clear (&check);
  return g_steal_pointer (&results);
}

GPtrArray *
toa_prepublish_check (ToaStore *store, const ToaArticle *article, GError **error)
{
  Rules rules;
  GPtrArray *results;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (article != NULL, NULL);

  if (!rules_load (store, &rules, error))
    return NULL;
  results = check_with_rules (&rules, article, error);
  rules_clear (&rules);
  return results;
}

gboolean
toa_prepublish_blocks (const GPtrArray *results)
{
  for (guint i = 0; results != NULL && i < results->len; i++)
    if (((const ToaCheckResult *) results->pdata[i])->severity == TOA_CHECK_BLOCK)
      return TRUE;
  return FALSE;
}

char *
toa_prepublish_describe (const GPtrArray *results, gboolean blocking_only)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const ToaCheckResult *result = results->pdata[i];

      if (blocking_only && result->severity != TOA_CHECK_BLOCK)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "– %s", result->message);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
toa_prepublish_require (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *list = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (!(article = toa_store_article_get (store, article_id, error))
      || !(results = toa_prepublish_check (store, article, error)))
    return FALSE;
  if (!toa_prepublish_blocks (results))
    return TRUE;
  list = toa_prepublish_describe (results, TRUE);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               /* Translators: the item's number, then the problems, one per line */
               _("Item %lld cannot be published yet. Fix these first:\n%s"),
               (long long) article_id, list);
  return FALSE;
}

/* ---- the board's rules ------------------------------------------------------------------ */

static gboolean
require_known (const char *code, GError **error)
{
  g_autofree char *codes = NULL;

  if (known_code (code))
    return TRUE;
  codes = g_strjoinv (", ", (char **) check_codes);
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               /* Translators: the code given, then the list of codes */
               _("There is no pre-publish check “%s”. The checks are: %s."), code != NULL ? code : "", codes);
  return FALSE;
}

ToaCheckSeverity
toa_prepublish_severity (ToaStore *store, const char *code, GError **error)
{
  Rules rules;
  ToaCheckSeverity severity = TOA_CHECK_OFF;

  g_return_val_if_fail (TOA_IS_STORE (store), TOA_CHECK_OFF);

  if (!require_known (code, error) || !rules_load (store, &rules, error))
    return TOA_CHECK_OFF;
  rules_severity (&rules, code, &severity, error);
  rules_clear (&rules);
  return severity;
}

GPtrArray *
toa_prepublish_rules (ToaStore *store, char **source_out, int *title_max_out, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_check_rule_free);
  Rules rules;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!rules_load (store, &rules, error))
    return NULL;
  for (guint i = 0; check_codes[i] != NULL; i++)
    {
      ToaCheckRule *rule = g_new0 (ToaCheckRule, 1);

      rule->code = g_strdup (check_codes[i]);
      rule->source = rules_source (&rules, check_codes[i]);
      g_ptr_array_add (out, rule);
      if (!rules_severity (&rules, check_codes[i], &rule->severity, error))
        {
          rules_clear (&rules);
          return NULL;
        }
    }
  if (source_out != NULL)
    *source_out = g_strdup (json_object_get_string_member_with_default (rules.object, "source", ""));
  if (title_max_out != NULL)
    *title_max_out = rules.title_max;
  rules_clear (&rules);
  return g_steal_pointer (&out);
}

int
toa_prepublish_title_max (ToaStore *store, GError **error)
{
  Rules rules;
  int max;

  g_return_val_if_fail (TOA_IS_STORE (store), -1);

  if (!rules_load (store, &rules, error))
    return -1;
  max = rules.title_max;
  rules_clear (&rules);
  return max;
}

gboolean
toa_prepublish_set_severity (ToaStore *store, const ToaPerson *actor, const char *code,
                             ToaCheckSeverity severity, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *source = NULL;
  Rules rules = { 0 };
  ToaCheckSeverity old = TOA_CHECK_OFF;
  JsonNode *node;
  JsonObject *entry;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!require_known (code, error)
      || !toa_people_require_admin (store, actor, _("change the pre-publish checks"), error))
    return FALSE;
  if (!toa_store_begin (store, error))
    return FALSE;
  if (!rules_load (store, &rules, &local_error)
      || !rules_severity (&rules, code, &old, &local_error))
    goto failed;
  if (old == severity)
    {
      rules_clear (&rules);
      toa_store_rollback (store);
      return TRUE;
    }
  node = json_object_get_member (rules.checks, code);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      entry = json_object_new ();
      json_object_set_object_member (rules.checks, code, entry);
    }
  else
    entry = json_node_get_object (node);
  json_object_set_string_member (entry, "severity", toa_check_severity_to_string (severity));
  value = json_to_string (rules.root, FALSE);
  source = g_strdup (json_object_get_string_member_with_default (rules.object, "source", ""));
  detail = toa_audit_detail ("check", code, "from", toa_check_severity_to_string (old),
                             "to", toa_check_severity_to_string (severity), NULL);
  if (!toa_store_board_setting_set (store, TOA_PREPUBLISH_RULES_KEY, value, source, &local_error)
      || !toa_audit_append (store, actor->id, "board.prepublish-rule", "board_setting", 0, detail,
                            &local_error)
      || !toa_store_commit (store, &local_error))
    goto failed;
  rules_clear (&rules);
  return TRUE;

failed:
  rules_clear (&rules);
  return toa_store_abandon (store, g_steal_pointer (&local_error), error);
}
