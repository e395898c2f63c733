/* toa-preview-view.h — the live portal preview (issue 5 point 6): a second WebKitWebView
 * showing toa_preview_render's page at desktop or phone width, updated at most every
 * ~300 ms as one types, JavaScript off, every network request refused (only the toasoan
 * scheme loads), printable through WebKit's print dialog. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_PREVIEW_VIEW (toa_preview_view_get_type ())
G_DECLARE_FINAL_TYPE (ToaPreviewView, toa_preview_view, TOA, PREVIEW_VIEW, AdwBin)

GtkWidget *toa_preview_view_new (ToaStore *store);

/* Shows @article (a copy is kept; debounced). */
void       toa_preview_view_set_article (ToaPreviewView *self, const ToaArticle *article);

/* Renders the article shown now, without waiting (e.g. after the site's template changed). */
void       toa_preview_view_refresh (ToaPreviewView *self);

/* "desktop" (at most 1024 px wide) or "phone" (at most 390 px); the page is laid out at
 * that width. get_width: "desktop" or "phone". */
void       toa_preview_view_set_width (ToaPreviewView *self, const char *width);
const char *toa_preview_view_get_width (ToaPreviewView *self);

/* Opens WebKit's print dialog on the page, transient for @parent. */
void       toa_preview_view_print (ToaPreviewView *self, GtkWindow *parent);

/* Number of renders done (tests wait for it to change). */
guint      toa_preview_view_get_render_count (ToaPreviewView *self);

GtkWidget *toa_preview_view_get_web_view (ToaPreviewView *self);

G_END_DECLS
