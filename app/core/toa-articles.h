/* toa-articles.h — creating and editing articles (tin bài): the rules the window and the
 * CLI share. Every text field is validated UTF-8 and normalised to NFC here. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* What a person types when creating an article; codes, not ids, as the CLI and the
 * window's dropdowns give them. Strings may be NULL where optional. */
typedef struct {
  const char *site_code;     /* NULL = "portal" */
  const char *section_code;  /* required */
  const char *genre;         /* required, a genre code */
  const char *language;      /* NULL = "vi" */
  const char *unit_code;     /* providing unit; NULL = written in-house */
  const char *info_kind;     /* kind of information code; NULL = none */
  const char *title;         /* required */
  const char *sapo;
  const char *body_html;
  gssize      body_len;      /* -1 = NUL-terminated */
  const char *attribution;
} ToaArticleDraft;

/* Creates an article in state "draft" (or "editing" when written in-house by the editing
 * team) as @actor: checks the actor may write articles on the site (TOA_ERROR_PERMISSION),
 * validates every field (TOA_ERROR_INVALID, naming the field), makes the actor the sole
 * author (100 %), stores article, revision 1 and an audit record in one transaction. */
ToaArticle *toa_articles_create (ToaStore *store, const ToaPerson *actor, const ToaArticleDraft *draft,
                                 GError **error);

/* Saves changed fields of @article (title, sapo, body, attribution) as @actor, checking
 * rights and the version it started from (TOA_ERROR_CONFLICT when someone saved first);
 * adds a revision and an audit record. */
gboolean    toa_articles_save (ToaStore *store, const ToaPerson *actor, ToaArticle *article,
                               const char *note, GError **error);

/* Adds an editorial comment (góp ý biên tập, never published) as @actor; people named as
 * @login in it are recorded as mentioned (TOA_ERROR_INVALID for an unknown login). */
ToaComment *toa_articles_comment (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                  const char *body, GError **error);

G_END_DECLS
