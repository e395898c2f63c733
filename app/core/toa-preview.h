/* toa-preview.h — the article as the portal will show it (issue 5 point 6): a per-site
 * template (HTML and CSS in resources/preview/<code>/, with its source) filled with the
 * title, sapo, body (sanitised), images with captions and credits, attribution, date and the
 * site header. The page carries a Content-Security-Policy that forbids any network access. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

typedef struct {
  char *code;   /* "cong-ttdt" */
  char *name;   /* translated: "Cổng Thông tin điện tử tỉnh" */
} ToaPreviewTemplate;

void       toa_preview_template_free (ToaPreviewTemplate *template);

/* The templates in resources, in order. */
GPtrArray *toa_preview_templates (void);

/* The template chosen for site @site_id (board setting "preview_template.<site code>"; the
 * first template when unset). set: administrator only, audited; TOA_ERROR_NOT_FOUND for an
 * unknown template. */
char      *toa_preview_template_for_site (ToaStore *store, gint64 site_id, GError **error);
gboolean   toa_preview_set_template (ToaStore *store, const ToaPerson *actor, gint64 site_id,
                                     const char *template_code, GError **error);

/* The whole page for @article (need not be saved) with @template_code (NULL = the site's).
 * Images stay "toasoan://media/…" URLs (the window's scheme serves them). */
char      *toa_preview_render (ToaStore *store, const ToaArticle *article,
                               const char *template_code, GError **error);

/* A standalone HTML file of @article: the page with its images embedded (data: URLs). */
gboolean   toa_preview_export_html (ToaStore *store, const ToaArticle *article,
                                    const char *template_code, const char *path, GError **error);

G_END_DECLS
