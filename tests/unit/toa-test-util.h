/* toa-test-util.h — small helpers shared by the unit tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file under the shared test data: $TOA_SHARED_DIR/testdata/@name. */
char *toa_test_shared_file (const char *name);

/* "0041 0300" → "A\u0300" (UTF-8). */
char *toa_test_from_code_points (const char *cps);

/* A new temporary directory, removed with toa_test_remove_dir. */
char *toa_test_make_dir (void);
void  toa_test_remove_dir (const char *dir);

G_END_DECLS
