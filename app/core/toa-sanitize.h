/* toa-sanitize.h — the one HTML sanitiser (issue 5): an HTML5 parser (gumbo) and an
 * allow-list of elements, attributes and URL schemes kept as data with its source
 * (resources/sanitize/allow-list.json). Used on paste, on import and again before
 * publishing; `toasoan-cli sanitize` runs it on stdin. Never regular expressions. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_SANITIZE_PASTE,    /* from Word, LibreOffice, browsers: also drops Office markup,
                          * tracking images (1×1, hidden) and images that are not ours */
  TOA_SANITIZE_IMPORT,   /* an imported file or an item taken in */
  TOA_SANITIZE_PUBLISH,  /* before publishing: also drops leftover editor markup */
} ToaSanitizeMode;

/* What was dropped, for a message ("3 định dạng đã bỏ") and the tests. */
typedef struct {
  guint elements_removed;    /* elements dropped with their content (script, style, iframe…) */
  guint elements_unwrapped;  /* elements not allowed whose text was kept (span, font, div…) */
  guint attributes_removed;
  guint urls_removed;        /* href/src with a scheme not allowed */
  guint images_removed;      /* tracking or foreign images (paste) */
} ToaSanitizeReport;

/* Returns clean HTML (a fragment for the body of an article), valid UTF-8 in NFC, never
 * NULL (invalid UTF-8 is replaced, empty input gives ""). @report may be NULL.
 * Allowed URL schemes: links http, https, mailto, tel; images http, https and our own
 * stored images "toasoan://media/<sha256>". */
char *toa_sanitize_html (const char *html, gssize length, ToaSanitizeMode mode,
                         ToaSanitizeReport *report);

/* TRUE when @url may stand in an <a href> (http, https, mailto, tel; not empty). */
gboolean toa_sanitize_link_allowed (const char *url);

G_END_DECLS
