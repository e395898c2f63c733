/* store-test-util.c — shared set-up for the store tests (see store-test-util.h). */
#include <glib/gstdio.h>

#include "store-test-util.h"
#include "toa-test-store.h"

char *
store_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("toa-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
store_test_rmtree (const char *dir)
{
  GDir *d;
  const char *name;

  if (dir == NULL)
    return;
  toa_test_store_forget (dir);
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_remove (dir);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        store_test_rmtree (child);
      else
        g_remove (child);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

static gint64
add_section (ToaStore *store, gint64 site_id, const char *code, const char *name, int position)
{
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(GError) error = NULL;

  section->site_id = site_id;
  section->code = g_strdup (code);
  section->name = g_strdup (name);
  section->position = position;
  g_assert_true (toa_store_section_add (store, section, &error));
  g_assert_no_error (error);
  return section->id;
}

static gint64
add_person (ToaStore *store, const char *login, const char *name, gint64 site_id, ToaRole role)
{
  g_autoptr(ToaPerson) person = toa_person_new ();
  g_autoptr(GError) error = NULL;

  person->login = g_strdup (login);
  person->full_name = g_strdup (name);
  person->active = TRUE;
  toa_person_add_role (person, site_id, NULL, role);
  g_assert_true (toa_store_person_add (store, person, "$argon2id$test", &error));
  g_assert_no_error (error);
  return person->id;
}

void
store_test_board (ToaStore       *store,
                  StoreTestBoard *board)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = toa_site_new ();
  g_autoptr(ToaSite) component = toa_site_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();

  portal->code = g_strdup ("portal");
  portal->name = g_strdup ("Cổng Thông tin điện tử tỉnh Bình Phước");
  portal->kind = g_strdup ("portal");
  portal->url = g_strdup ("https://binhphuoc.gov.vn");
  g_assert_true (toa_store_site_add (store, portal, &error));
  g_assert_no_error (error);
  board->portal_id = portal->id;

  component->code = g_strdup ("so-y-te");
  component->name = g_strdup ("Trang TTĐT Sở Y tế");
  component->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (store, component, &error));
  g_assert_no_error (error);
  board->component_id = component->id;

  board->section_ids[0] = add_section (store, board->portal_id, "tin-tuc-su-kien", "Tin tức - Sự kiện", 1);
  board->section_ids[1] = add_section (store, board->portal_id, "chi-dao-dieu-hanh", "Chỉ đạo - Điều hành", 2);
  board->section_ids[2] = add_section (store, board->component_id, "tin-tuc-su-kien", "Tin tức Y tế", 1);

  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_store_unit_add (store, unit, &error));
  g_assert_no_error (error);
  board->unit_id = unit->id;

  board->editor_id = add_person (store, "bientap", "Nguyễn Văn An", board->portal_id, TOA_ROLE_EDITOR);
  board->secretary_id = add_person (store, "thuky", "Trần Thị Bình", board->portal_id, TOA_ROLE_SECRETARY);
}

ToaArticle *
store_test_article (const StoreTestBoard *board,
                    const char           *title,
                    const char           *sapo,
                    const char           *body_html)
{
  ToaArticle *article = toa_article_new ();

  article->site_id = board->portal_id;
  article->section_id = board->section_ids[0];
  article->genre = g_strdup ("tin");
  article->language = g_strdup ("vi");
  article->title = g_strdup (title);
  article->sapo = g_strdup (sapo != NULL ? sapo : "");
  article->body_html = g_strdup (body_html != NULL ? body_html : "");
  article->state = g_strdup ("draft");
  article->created_by = board->editor_id;
  toa_article_add_author (article, board->editor_id, NULL, "author", 10000);
  return article;
}

gint64
store_test_insert (ToaStore             *store,
                   const StoreTestBoard *board,
                   const char           *title,
                   const char           *sapo,
                   const char           *body_html)
{
  g_autoptr(ToaArticle) article = store_test_article (board, title, sapo, body_html);
  g_autoptr(GError) error = NULL;

  g_assert_true (toa_store_article_insert (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static int
cmp_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

GArray *
store_test_search_ids (ToaStore   *store,
                       const char *text)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  query->text = g_strdup (text);
  list = toa_store_article_list (store, query, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      ToaArticle *article = g_ptr_array_index (list, i);
      g_array_append_val (ids, article->id);
    }
  g_assert_cmpint (toa_store_article_count (store, query, &error), ==, ids->len);
  g_assert_no_error (error);
  g_array_sort (ids, cmp_id);
  return ids;
}

gboolean
store_test_ids_contain (GArray *ids,
                        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

GBytes *
store_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}
