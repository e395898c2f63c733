/* toa-text.h — Vietnamese text at the boundary: UTF-8 validation, NFC, search folding,
 * and the board's formats for dates (dd/mm/yyyy) and money (1.234.567 đ). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Validates @text as UTF-8 and returns it normalised to NFC (newly allocated).
 * @len may be -1 for NUL-terminated text. On invalid UTF-8 sets TOA_ERROR_INVALID with a
 * translated message naming @field and the byte position of the first bad byte, e.g.
 * "Tiêu đề: invalid UTF-8 at byte 17". Embedded NUL bytes are invalid too. */
char *toa_text_normalize (const char *text, gssize len, const char *field, GError **error);

/* Folds text for diacritic-insensitive search: NFD, drop combining marks, đ/Đ → d,
 * lowercase, so "Bình Phước" → "binh phuoc", "Đồng Nai" → "dong nai", "hoà"/"hòa" → "hoa".
 * Non-letters are kept. Returns newly allocated text; NULL input gives "". */
char *toa_text_fold (const char *text);

/* The visible text of an HTML fragment (tags dropped, block ends as spaces, the common
 * entities decoded), for indexing and word counts. Not a sanitiser. */
char *toa_html_to_text (const char *html);

/* The visible text of an HTML body, one paragraph per block (p, headings, list items,
 * quotes, captions, table rows, line breaks), paragraphs separated by a blank line. */
char *toa_html_to_paragraphs (const char *html);

/* Number of words (runs of letters/digits) in plain text. */
guint toa_text_word_count (const char *text);

/* "12.345": digits grouped by dots, as Vietnamese writes them; negative with '-'. */
char *toa_format_number (gint64 n);

/* "1.234.567 đ"; negative as "-1.234.567 đ". */
char *toa_format_money (gint64 vnd);

/* dd/mm/yyyy of a UTC instant (µs since the epoch) in Asia/Ho_Chi_Minh; "" for 0. */
char *toa_format_date (gint64 utc_usec);

/* dd/mm/yyyy of a civil date; "" when @date is NULL or invalid. */
char *toa_format_gdate (const GDate *date);

/* dd/mm/yyyy of "YYYY-MM-DD"; "" for NULL or a malformed date. */
char *toa_format_iso_date (const char *iso);

/* dd/mm/yyyy HH:MM of a UTC instant in Asia/Ho_Chi_Minh; "" for 0. */
char *toa_format_datetime (gint64 utc_usec);

/* Parses dd/mm/yyyy or yyyy-mm-dd (a civil date in Asia/Ho_Chi_Minh) to a GDate.
 * TOA_ERROR_INVALID with a message naming @field for a malformed or impossible date. */
gboolean toa_parse_date (const char *text, const char *field, GDate *out, GError **error);

/* The Asia/Ho_Chi_Minh time zone (UTC+7), cached. */
GTimeZone *toa_time_zone (void);

/* Now, as µs since the epoch (UTC). */
gint64 toa_now_usec (void);

G_END_DECLS
