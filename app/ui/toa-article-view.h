/* toa-article-view.h — an article shown read-only in its own window: title, sapo,
 * metadata and the body as plain text (the editor comes with a later issue). */
#pragma once

#include <adwaita.h>

#include "toa-article.h"

G_BEGIN_DECLS

#define TOA_TYPE_ARTICLE_VIEW (toa_article_view_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticleView, toa_article_view, TOA, ARTICLE_VIEW, AdwWindow)

/* @genre_name and @site_name may be NULL (the codes are shown instead). */
GtkWindow *toa_article_view_new (GtkWindow *parent, ToaArticle *article, const char *genre_name,
                                 const char *site_name);

G_END_DECLS
