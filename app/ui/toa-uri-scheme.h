/* toa-uri-scheme.h — the "toasoan" URI scheme of the window's web views (editor and preview):
 *   toasoan://editor/<file>    resources/editor/<file> from the GResource
 *   toasoan://preview/<path>   resources/preview/<path> (template CSS, fonts)
 *   toasoan://media/<sha256>   a stored image; toasoan://thumb/<sha256> its thumbnail
 * Registered once per WebKitWebContext, as secure and CORS-enabled for itself only. The
 * store is looked up at each request (the window may reconnect or switch databases). */
#pragma once

#include <webkit/webkit.h>

#include "toa-store.h"

G_BEGIN_DECLS

typedef ToaStore *(*ToaUriSchemeStoreFunc) (gpointer user_data);

/* Registers the scheme on @context (NULL = the default context), before the context's first
 * web view is made (a program name given as a full path, as g_test_init sets it, is cut to
 * its base name here: WebKit's sandbox derives paths from it); safe to call again: a later
 * call with a non-NULL @store_func replaces the store function (the editor view registers
 * with NULL; the window, which knows the store, calls it too — before or after).
 * Also turns on Vietnamese spell checking (vi_VN, enchant with hunspell-vi) on it. */
void toa_uri_scheme_register (WebKitWebContext *context, ToaUriSchemeStoreFunc store_func,
                              gpointer user_data);

G_END_DECLS
