/* toa-article-view.h — an article's content shown read-only: title, metadata, sapo, the body
 * as plain text and the attribution (the editor comes with a later issue). A widget the item
 * view (toa-item-view.h) embeds. */
#pragma once

#include <adwaita.h>

#include "toa-article.h"

G_BEGIN_DECLS

#define TOA_TYPE_ARTICLE_VIEW (toa_article_view_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticleView, toa_article_view, TOA, ARTICLE_VIEW, AdwBin)

GtkWidget *toa_article_view_new (void);

/* Shows @article. @genre_name and @site_name may be NULL (the codes are shown instead). */
void       toa_article_view_set_article (ToaArticleView *self, ToaArticle *article,
                                         const char *genre_name, const char *site_name);

G_END_DECLS
