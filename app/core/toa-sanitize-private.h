/* toa-sanitize-private.h — for the fuzzer and tests only: load the allow-list from a JSON
 * text instead of the GResource (the fuzzer is built without the program's resources). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces the allow-list used by toa_sanitize_html with the one in @json (the format of
 * resources/sanitize/allow-list.json). Not thread-safe: call before sanitising.
 * TOA_ERROR_IO when @json is not a valid allow-list. */
gboolean toa_sanitize_load_allow_list (const char *json, gssize length, GError **error);

G_END_DECLS
