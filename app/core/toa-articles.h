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
  gint64      created_at;    /* 0 = now; a past instant only for the demo board's history */
} ToaArticleDraft;

/* Creates an article in state "draft" (or "editing" when written in-house by the editing
 * team) as @actor: checks the actor may write articles on the site (TOA_ERROR_PERMISSION),
 * validates every field (TOA_ERROR_INVALID, naming the field), makes the actor the sole
 * author (100 %), stores article, revision 1 and an audit record in one transaction. */
ToaArticle *toa_articles_create (ToaStore *store, const ToaPerson *actor, const ToaArticleDraft *draft,
                                 GError **error);

/* Saves @article whole as @actor — every field the editor shows: title, sapo, body (run
 * through the sanitiser, TOA_SANITIZE_IMPORT), section (section_id, on the article's site),
 * genre, language, providing unit (source_unit_id, 0 = none), kind of information,
 * attribution, authors with shares and tags. Checks, before writing anything:
 * toa_articles_may_edit (TOA_ERROR_PERMISSION), every field (TOA_ERROR_INVALID naming it;
 * authors: known active people, roles author/photographer/translator, each person and role
 * once, shares adding up to 100 %, at least one; tags: NFC, stripped, empty ones dropped,
 * repeats (ignoring case, not diacritics) dropped, at most the board's article_tag_rules),
 * and the version it started from (TOA_ERROR_CONFLICT naming who saved first). Site, state,
 * creator and times always come from the stored article. Writes the article, a revision
 * (with @note) and an audit record (naming the fields changed) in one transaction; on
 * success @article shows what was saved (new version, names filled in). */
gboolean    toa_articles_save (ToaStore *store, const ToaPerson *actor, ToaArticle *article,
                               const char *note, GError **error);

/* Whether @actor may edit article @article_id now (the window's "Sửa"): the actor is active
 * and may write articles on its site, and the article is not in a state the board locks
 * (board setting article_edit_locked_states: scheduled, published, refused, withdrawn —
 * those go back through the workflow first). FALSE with TOA_ERROR_PERMISSION saying why,
 * TOA_ERROR_NOT_FOUND for an unknown article, or a store error. */
gboolean    toa_articles_may_edit (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                   GError **error);

/* TRUE when @role is an author role: "author", "photographer", "translator". */
gboolean    toa_articles_author_role_valid (const char *role);

/* Adds an editorial comment (góp ý biên tập, never published) as @actor; people named as
 * @login in it are recorded as mentioned (TOA_ERROR_INVALID for an unknown login). */
ToaComment *toa_articles_comment (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                  const char *body, GError **error);

G_END_DECLS
