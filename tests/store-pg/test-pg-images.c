/* test-pg-images.c — images in articles for members of the board on PostgreSQL (011-images.sql):
 * an editor signed in with their own account stores an image through core (the files with
 * toa_stored_file_put, the link with toa_article_image_add, audited once as themselves) and
 * reads it and its thumbnail back through the toasoan:// addresses; an editor of another site
 * neither sees it (row-level security: NOT_FOUND) nor may link an image to the article, not
 * even by calling the server function with psql; a direct INSERT is refused. */
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-people.h"
#include "toa-pg-board.h"
#include "toa-pg-member-run.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"

#define DB "member_images"

static ToaPgTestServer *server;
static ToaStore *owner;

static void
board_make (void)
{
  owner = toa_pg_board_create (server, DB);
  toa_pg_board_component (owner, "so-y-te", "Sở Y tế", "tin-y-te", "Tin y tế");
  toa_member_add (owner, "bientap", "Biên tập viên", "editor");
  toa_member_add (owner, "khac", "Biên tập viên Sở Y tế", "editor@so-y-te");
}

static ToaPreparedImage *
photo (ToaStore *store)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2000, 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ToaImageLimits limits;
  ToaPreparedImage *image;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x8fbc8fff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  g_assert_true (toa_image_limits_get (store, &limits, &error));
  g_assert_no_error (error);
  image = toa_image_prepare (bytes, "dong-xoai.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpint (image->width, ==, 1920);
  return image;
}

static void
test_member_images (void)
{
  g_autoptr(ToaStore) editor_store = toa_member_store ("bientap");
  g_autoptr(ToaStore) other_store = toa_member_store ("khac");
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaPerson) other = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) media = NULL;
  g_autoptr(GBytes) thumb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *path = NULL;
  g_autofree char *thumb_path = NULL;
  g_autofree char *statement = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *sql = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Cầu mới ở Đồng Xoài" };
  gint64 count = 0, bad = 0;

  editor = toa_store_person_find (editor_store, "bientap", &error);
  g_assert_no_error (error);
  other = toa_store_person_find (other_store, "khac", &error);
  g_assert_no_error (error);
  article = toa_articles_create (editor_store, editor, &draft, &error);
  g_assert_no_error (error);

  image = photo (editor_store);
  g_assert_true (toa_images_add (editor_store, editor, article->id, image, &error));
  g_assert_no_error (error);
  list = toa_images_list (editor_store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((ToaArticleImage *) list->pdata[0])->added_by, ==, editor->id);

  path = g_strconcat ("media/", image->sha256, NULL);
  thumb_path = g_strconcat ("thumb/", image->sha256, NULL);
  media = toa_images_lookup (editor_store, path, &media_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (media, image->data));
  g_assert_cmpstr (media_type, ==, "image/jpeg");
  thumb = toa_images_lookup (editor_store, thumb_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (thumb, image->thumb_data));

  /* audited once, as the editor */
  sql = g_strdup_printf ("SELECT count(*) || ' ' || min (p.login) FROM audit_log a JOIN people p ON p.id = a.actor_id "
                         "WHERE a.action = 'article.image.add' AND a.object_id = %lld", (long long) article->id);
  audit = toa_member_psql_ok ("bientap", sql);
  g_assert_cmpstr (audit, ==, "1 bientap");

  /* another site's editor: does not see it, may not add to it */
  g_assert_null (toa_images_lookup (other_store, path, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (toa_images_add (other_store, other, article->id, image, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  statement = g_strdup_printf ("SELECT toa_article_image_add (%lld, '%s', '%s', 10, 10, NULL, NULL, 0)",
                               (long long) article->id, image->sha256, image->thumb_sha256);
  toa_member_psql_refused ("khac", statement, "");
  g_clear_pointer (&statement, g_free);
  statement = g_strdup_printf ("INSERT INTO article_images VALUES (%lld, '%s', '%s', 1, 1, NULL, %lld, 0)",
                               (long long) article->id, image->thumb_sha256, image->thumb_sha256,
                               (long long) editor->id);
  toa_member_psql_refused ("bientap", statement, "permission denied");

  g_assert_true (toa_audit_verify (owner, &count, &bad, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
  toa_member_run_init (server, DB, NULL, "images");
  board_make ();
  g_test_add_func ("/pg-images/member-images", test_member_images);
  return g_test_run ();
}
