/* toa-draft-journal.h — autosave and recovery (issue 5 point 4; issue 4 point 5): what is
 * typed in an article is written to a local file on this computer (not the database, so it
 * survives a crash, a kill -9 and a server outage), atomically and off the main thread.
 * Reopening the article offers what was typed when the journal is newer than the save. */
#pragma once

#include <gio/gio.h>

#include "toa-article.h"

G_BEGIN_DECLS

#define TOA_TYPE_DRAFT_JOURNAL (toa_draft_journal_get_type ())
G_DECLARE_FINAL_TYPE (ToaDraftJournal, toa_draft_journal, TOA, DRAFT_JOURNAL, GObject)

/* A journal for one database (@database_key: the store's describe(), hashed into the file
 * names), kept in @dir (NULL = $XDG_STATE_HOME/toasoan/drafts, created 0700). */
ToaDraftJournal *toa_draft_journal_new (const char *dir, const char *database_key);

/* Records @article (every editable field, the version it started from) as typed at @at.
 * Copies what it needs and returns at once; a worker thread writes the file (write to a
 * temporary file, fsync, rename), the newest record winning. */
void        toa_draft_journal_record (ToaDraftJournal *self, const ToaArticle *article, gint64 at);

/* Waits until every recorded draft is on disk (tests, closing the window). */
void        toa_draft_journal_flush (ToaDraftJournal *self);

/* The draft recorded for @article_id, or NULL (no error) when there is none; *@at: when it
 * was typed. A damaged file gives NULL with TOA_ERROR_IO and is kept (renamed .damaged). */
ToaArticle *toa_draft_journal_read (ToaDraftJournal *self, gint64 article_id, gint64 *at,
                                    GError **error);

/* Forgets the draft of @article_id (after a save, or when the person discards it). */
void        toa_draft_journal_discard (ToaDraftJournal *self, gint64 article_id);

/* TRUE when the last write succeeded (or none was tried); otherwise FALSE with why, in
 * TOA_ERROR_IO (the disk is full, the folder cannot be written…): the window should say that
 * what is typed is not being kept. Call on any thread. */
gboolean    toa_draft_journal_check (ToaDraftJournal *self, GError **error);

G_END_DECLS
