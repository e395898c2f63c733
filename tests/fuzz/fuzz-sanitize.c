/* fuzz-sanitize.c — libFuzzer target for toa_sanitize_html: any bytes, every mode. Aborts
 * when the output is not UTF-8 in NFC, when parsing it again finds a script, a frame, an
 * event handler or a javascript:/vbscript:/data: URL, or when sanitising it again changes
 * it. Built with clang -fsanitize=fuzzer,address,undefined by run-fuzz.sh. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gumbo.h>

#include "toa-sanitize.h"
#include "toa-sanitize-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  char *json = NULL;
  gsize len = 0;

  (void) argc;
  (void) argv;
  if (!g_file_get_contents (TOA_ALLOW_LIST_PATH, &json, &len, NULL)
      || !toa_sanitize_load_allow_list (json, (gssize) len, NULL))
    abort ();
  g_free (json);
  return 0;
}

static gboolean
bad_url (const char *value)
{
  GString *s = g_string_new (NULL);
  gboolean bad;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p > 0x20)
      g_string_append_c (s, g_ascii_tolower (*p));
  bad = g_str_has_prefix (s->str, "javascript:") || g_str_has_prefix (s->str, "vbscript:")
        || g_str_has_prefix (s->str, "data:");
  g_string_free (s, TRUE);
  return bad;
}

static void
check_node (GumboNode *node)
{
  const GumboVector *children;

  if (node->type == GUMBO_NODE_TEMPLATE)
    abort ();
  if (node->type == GUMBO_NODE_DOCUMENT)
    children = &node->v.document.children;
  else if (node->type == GUMBO_NODE_ELEMENT)
    {
      GumboElement *el = &node->v.element;

      if (el->tag_namespace != GUMBO_NAMESPACE_HTML || el->tag == GUMBO_TAG_UNKNOWN
          || el->tag == GUMBO_TAG_SCRIPT || el->tag == GUMBO_TAG_IFRAME || el->tag == GUMBO_TAG_OBJECT
          || el->tag == GUMBO_TAG_EMBED || el->tag == GUMBO_TAG_BASE || el->tag == GUMBO_TAG_META
          || el->tag == GUMBO_TAG_FORM || el->tag == GUMBO_TAG_STYLE || el->tag == GUMBO_TAG_LINK
          || el->tag == GUMBO_TAG_FRAME || el->tag == GUMBO_TAG_SVG || el->tag == GUMBO_TAG_MATH)
        abort ();
      for (guint i = 0; i < el->attributes.length; i++)
        {
          GumboAttribute *attr = el->attributes.data[i];

          if (g_ascii_strncasecmp (attr->name, "on", 2) == 0 || g_str_equal (attr->name, "style")
              || bad_url (attr->value))
            abort ();
        }
      children = &el->children;
    }
  else
    return;
  for (guint i = 0; i < children->length; i++)
    check_node (children->data[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  ToaSanitizeMode mode;
  char *clean, *again, *nfc;
  GumboOutput *out;

  if (size < 1)
    return 0;
  mode = (ToaSanitizeMode) (data[0] % 3);
  clean = toa_sanitize_html ((const char *) data + 1, (gssize) size - 1, mode, NULL);
  if (clean == NULL || !g_utf8_validate (clean, -1, NULL))
    abort ();
  nfc = g_utf8_normalize (clean, -1, G_NORMALIZE_NFC);
  if (nfc == NULL || strcmp (nfc, clean) != 0)
    abort ();
  out = gumbo_parse_with_options (&kGumboDefaultOptions, clean, strlen (clean));
  check_node (out->document);
  gumbo_destroy_output (&kGumboDefaultOptions, out);
  again = toa_sanitize_html (clean, -1, mode, NULL);
  if (strcmp (again, clean) != 0)
    abort ();
  g_free (again);
  g_free (nfc);
  g_free (clean);
  return 0;
}
