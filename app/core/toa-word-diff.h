/* toa-word-diff.h — word-level differences between two texts (the proofreading trail of the
 * revision view, issue 5 point 5) and a three-way merge of article bodies block by block
 * (the conflict view, issue 4 point 4). Pure functions, no store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_DIFF_SAME,
  TOA_DIFF_INSERTED,
  TOA_DIFF_DELETED,
} ToaDiffOp;

typedef struct {
  ToaDiffOp op;
  char     *text;    /* words with the spaces between them, as in the source text */
} ToaDiffChunk;

void       toa_diff_chunk_free (ToaDiffChunk *chunk);

/* Word-level differences from @old_text to @new_text (plain text), adjacent chunks of one
 * kind merged; concatenating SAME+DELETED gives @old_text, SAME+INSERTED gives @new_text. */
GPtrArray *toa_word_diff (const char *old_text, const char *new_text);

/* The chunks as one text, words marked [-old-]{+new+} (the CLI's `article diff`). */
char      *toa_word_diff_markup (const GPtrArray *chunks);

/* How many words (runs of letters and digits) the chunks delete and insert. */
void       toa_word_diff_count (const GPtrArray *chunks, guint *deleted, guint *inserted);

/* Three-way merge of HTML bodies by top-level block (p, h2–h4, ul, ol, blockquote, table,
 * figure, hr): blocks changed on one side only are taken from that side; blocks changed on
 * both sides differently are conflicts, kept both (mine then theirs) and counted in
 * *@conflicts. @base may be NULL (then every differing block is a conflict). */
char      *toa_merge_html (const char *base, const char *mine, const char *theirs,
                           guint *conflicts);

G_END_DECLS
