/* toa-revisions.h — an article's revisions (phiên bản): every save and every step (forward,
 * return) keeps one; two are compared word by word; restoring an old one makes a new one. */
#pragma once

#include "toa-store.h"
#include "toa-transitions.h"
#include "toa-word-diff.h"

G_BEGIN_DECLS

/* Differences between revision numbers @from and @to of article @article_id, field by field:
 * *@title, *@sapo and *@body (the body as paragraphs of text) are arrays of ToaDiffChunk.
 * TOA_ERROR_NOT_FOUND for an unknown revision; TOA_ERROR_PERMISSION when @actor may not see
 * the article. */
gboolean toa_revisions_diff (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                             int from, int to, GPtrArray **title, GPtrArray **sapo,
                             GPtrArray **body, GError **error);

/* Restores revision @number as @actor: the article takes its title, sapo and body in a new
 * revision noted "Khôi phục phiên bản N" (checks rights and @expected_version like a save;
 * 0 = the current version). Returns the new revision number, 0 with @error. */
int      toa_revisions_restore (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                int number, gint64 expected_version, GError **error);

/* TRUE when @actor may read article @article_id's revisions: an active person with a role on
 * its site, or an administrator. NULL @actor (the CLI on SQLite without --as) may. Sets
 * TOA_ERROR_PERMISSION or the store's error (NOT_FOUND for an unknown article). */
gboolean toa_revisions_may_see (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                GError **error);

/* The revisions of @article_id, oldest first (ToaRevision), after toa_revisions_may_see. */
GPtrArray *toa_revisions_list (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                               GError **error);

/* The note of a step's revision: "<transition>: <from> → <to>", the states by their
 * translated names. On PostgreSQL the server writes the step's revision (012-server-steps.sql)
 * with this note, which the store passes along. */
char *toa_revisions_step_note (const char *transition, const char *from, const char *to);

/* Inside the transaction of a step (forward, return, …) just taken by @actor_id: keeps the
 * article's text as it stands in a new revision noted "<transition>: <from> → <to>" at @at.
 * Called by toa-transitions.c for every step, on both stores. */
gboolean toa_revisions_add_step (ToaStore *store, gint64 article_id, gint64 actor_id,
                                 const char *transition, const char *from, const char *to,
                                 gint64 at, GError **error);

G_END_DECLS
