/* toa-test-board.c — see toa-test-board.h. The database is an SQLite file, or a fresh
 * PostgreSQL database when TOA_TEST_PG=1 (toa-test-store.h). */
#include "toa-test-board.h"

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-reference.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

const char *const toa_test_role_codes[TOA_TEST_N_ROLES] = {
  "head", "standing-deputy", "deputy", "secretary", "member", "editor", "technician",
  "accountant", "admin",
};

#define DEFAULT_SECTION "tin-tuc-su-kien"

void
toa_test_board_set_up (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();

  board->dir = toa_test_make_dir ();
  board->path = g_build_filename (board->dir, "board.db", NULL);
  board->store = toa_test_store_open (board->path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (board->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (board->store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup (data != NULL ? data : DEFAULT_SECTION);
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (board->store, section, &error));
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (board->store), "toa-test-section", g_strdup (section->code), g_free);
  for (guint i = 0; i < TOA_TEST_N_ROLES; i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("r-%s", toa_test_role_codes[i]);
      g_autofree char *name = g_strdup_printf ("Người %s", toa_test_role_codes[i]);
      ToaRoleGrant grant;

      g_assert_true (toa_people_parse_role (board->store, toa_test_role_codes[i], &grant, &error));
      g_array_append_val (grants, grant);
      board->people[i] = toa_people_add (board->store, 0, login, name, NULL, FALSE, NULL, grants,
                                         NULL, &error);
      g_assert_no_error (error);
    }
}

void
toa_test_board_tear_down (ToaTestBoard *board, gconstpointer data)
{
  for (guint i = 0; i < TOA_TEST_N_ROLES; i++)
    g_clear_pointer (&board->people[i], toa_person_free);
  g_clear_object (&board->store);
  toa_test_remove_dir (board->dir);
  g_clear_pointer (&board->dir, g_free);
  g_clear_pointer (&board->path, g_free);
}

ToaPerson *
toa_test_board_person (ToaTestBoard *board, const char *role)
{
  for (guint i = 0; i < TOA_TEST_N_ROLES; i++)
    if (g_str_equal (toa_test_role_codes[i], role))
      return board->people[i];
  g_assert_not_reached ();
}

gint64
toa_test_board_article (ToaTestBoard *board, const char *genre, const char *state,
                        const char *info_kind)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = {
    .section_code = g_object_get_data (G_OBJECT (board->store), "toa-test-section"),
    .genre = genre, .title = "Hội nghị tổng kết năm", .info_kind = info_kind,
  };
  g_autoptr(ToaArticle) article = toa_articles_create (board->store,
                                                       toa_test_board_person (board, "editor"),
                                                       &draft, &error);

  g_assert_no_error (error);
  if (state != NULL)
    {
      g_free (article->state);
      article->state = g_strdup (state);
      g_assert_true (toa_store_article_update (board->store, article, &error));
      g_assert_no_error (error);
    }
  return article->id;
}
