/* toa-articles-private.h — the one check of an article draft (ToaArticleDraft) that every way
 * of making an article shares: toa_articles_create (toa-articles.c) and toa_intake_add
 * (toa-intake.c). Not for the window or the CLI. */
#pragma once

#include "toa-articles.h"

G_BEGIN_DECLS

/* Checks @draft for an article on @site (found by the caller, who also checks the actor's
 * rights there) and fills @article: site, title (required, at most 300 characters), sapo and
 * body ("" when absent), attribution (NULL when empty), language (vi or en, default vi),
 * section on the site and genre (required, known), providing unit and kind of information
 * (known, when given). Text is validated UTF-8, NFC, stripped. TOA_ERROR_INVALID naming the
 * field, TOA_ERROR_NOT_FOUND for an unknown code. @kind_out (may be NULL) receives the kind
 * of information when the draft gives one (free with toa_info_kind_free). */
gboolean toa_articles_check_draft (ToaStore *store, const ToaSite *site,
                                   const ToaArticleDraft *draft, ToaArticle *article,
                                   ToaInfoKind **kind_out, GError **error);

G_END_DECLS
