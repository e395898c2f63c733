/* store-test-util.h — shared set-up for the store tests: temporary folders, a small board
 * (sites, sections, a unit, people) and articles with given text. */
#pragma once

#include "toa-sqlite-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 portal_id;
  gint64 component_id;
  gint64 section_ids[3];   /* two on the portal, one on the component site */
  gint64 unit_id;
  gint64 editor_id;        /* login "bientap" */
  gint64 secretary_id;     /* login "thuky" */
} StoreTestBoard;

/* A new temporary folder; removed (with its files) by store_test_rmtree. */
char       *store_test_tmpdir (void);
void        store_test_rmtree (const char *dir);

/* Fills an empty store with the small board above. */
void        store_test_board (ToaStore *store, StoreTestBoard *board);

/* A new, not yet stored article on the portal's first section by the editor. */
ToaArticle *store_test_article (const StoreTestBoard *board, const char *title, const char *sapo,
                                const char *body_html);

/* Inserts and returns the id. */
gint64      store_test_insert (ToaStore *store, const StoreTestBoard *board, const char *title,
                               const char *sapo, const char *body_html);

/* Ids of the search results for @text (every page), ascending. */
GArray     *store_test_search_ids (ToaStore *store, const char *text);
gboolean    store_test_ids_contain (GArray *ids, gint64 id);

/* The whole file's bytes. */
GBytes     *store_test_read_file (const char *path);

G_END_DECLS
