/* toa-test-board.h — a temporary board for store tests: a database file (or, with
 * TOA_TEST_PG=1, a PostgreSQL database: toa-test-store.h) initialised with the portal, one
 * portal section and one person per role ("r-<role>", "Người <role>"). */
#pragma once

#include "toa-people.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TEST_N_ROLES 9
extern const char *const toa_test_role_codes[TOA_TEST_N_ROLES];

typedef struct {
  char      *dir;
  char      *path;
  ToaStore  *store;
  ToaPerson *people[TOA_TEST_N_ROLES];
} ToaTestBoard;

/* For g_test_add: @data is the section code (const char *), NULL = "tin-tuc-su-kien". */
void       toa_test_board_set_up (ToaTestBoard *board, gconstpointer data);
void       toa_test_board_tear_down (ToaTestBoard *board, gconstpointer data);

/* The person holding @role alone. */
ToaPerson *toa_test_board_person (ToaTestBoard *board, const char *role);

/* A new article by the editor in the board's section, put in @state directly when not NULL
 * (test setup, not a transition). @info_kind may be NULL. */
gint64     toa_test_board_article (ToaTestBoard *board, const char *genre, const char *state,
                                   const char *info_kind);

G_END_DECLS
