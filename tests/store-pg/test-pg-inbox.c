/* test-pg-inbox.c — intake, files, deadlines and the inbox on PostgreSQL (toa-pg-inbox.c,
 * toa-pg-files.c) through core, on a temporary server: intake with real files (kept byte
 * for byte, including NUL and high bytes, each content once by its SHA-256), the reply
 * letter, deadlines and the store's errors; and the same board built on SQLite and on
 * PostgreSQL by the same calls gives the same inbox — same rows, same order, same fields —
 * for each person, each list (waiting, sent, overdue, all) and each filter (site, section,
 * genre, step, deadline, search with prefixes and phrases, paging). Item states, pending
 * requests and comments are set with plain SQL on both, the same way. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "toa-articles.h"
#include "toa-attachments.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-intake.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"
#include "toa-text.h"

static ToaPgTestServer *server;
static guint n_databases;

enum { LITE, PG, N_BACKENDS };

static const char *const logins[] = {
  "bientap", "thuky", "photruongban", "truongban", "thanhvien", "kythuat", "bientap-dl", "ketoan",
};
static const char *const roles[] = {
  "editor", "secretary", "deputy", "head", "member", "technician", "editor@du-lich", "accountant",
};
#define N_PEOPLE G_N_ELEMENTS (logins)

typedef struct {
  char      *dir;
  char      *pg_name;
  ToaStore  *stores[N_BACKENDS];
  ToaPerson *people[N_BACKENDS][N_PEOPLE];
  GDate      today;
} Fixture;

static ToaPerson *
person (Fixture *f, int b, const char *login)
{
  for (guint i = 0; i < N_PEOPLE; i++)
    if (g_str_equal (logins[i], login))
      return f->people[b][i];
  g_assert_not_reached ();
}

/* Runs @sql on both databases. */
static void
both_sql (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  if (sqlite3_exec (toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->stores[LITE])), sql,
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQLite: %s\n%s", message, sql);
  if (!toa_pg_test_server_exec (server, f->pg_name, sql, &error))
    g_error ("PostgreSQL: %s\n%s", error->message, sql);
}

static gint64
pg_count (Fixture *f, const char *sql)
{
  g_autofree char *url = toa_pg_test_server_url (server, f->pg_name);
  PGconn *conn = PQconnectdb (url);
  PGresult *res;
  gint64 n;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return n;
}

static void
board_set_up (Fixture *f, int b)
{
  ToaStore *store = f->stores[b];
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSite) travel = toa_site_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  static const struct { const char *site, *code, *name; } sections[] = {
    { "portal", "tin-tuc-su-kien", "Tin tức - Sự kiện" },
    { "portal", "chinh-sach", "Chính sách mới" },
    { "du-lich", "diem-den", "Điểm đến" },
  };

  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  travel->code = g_strdup ("du-lich");
  travel->name = g_strdup ("Trang Du lịch Bình Phước");
  g_assert_true (toa_store_site_add (store, travel, &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autoptr(ToaSection) section = toa_section_new ();

      section->site_id = g_str_equal (sections[i].site, "portal") ? portal->id : travel->id;
      section->code = g_strdup (sections[i].code);
      section->name = g_strdup (sections[i].name);
      g_assert_true (toa_store_section_add (store, section, &error));
      g_assert_no_error (error);
    }
  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_store_unit_add (store, unit, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      ToaRoleGrant grant;
      g_autofree char *name = g_strdup_printf ("Người %s", roles[i]);

      g_assert_true (toa_people_parse_role (store, roles[i], &grant, &error));
      g_assert_no_error (error);
      g_array_append_val (grants, grant);
      f->people[b][i] = toa_people_add (store, 0, logins[i], name, NULL, FALSE, NULL, grants,
                                        NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  f->dir = g_dir_make_tmp ("toa-pg-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "board.db", NULL);
  f->stores[LITE] = toa_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->pg_name = g_strdup_printf ("toa_inbox_%u", ++n_databases);
  g_assert_true (toa_pg_test_server_create_db (server, f->pg_name, &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, f->pg_name);
  f->stores[PG] = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);

  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 25, 11, 2026);
  for (int b = 0; b < N_BACKENDS; b++)
    board_set_up (f, b);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (int b = 0; b < N_BACKENDS; b++)
    {
      for (guint i = 0; i < N_PEOPLE; i++)
        g_clear_pointer (&f->people[b][i], toa_person_free);
      g_clear_object (&f->stores[b]);
    }
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->pg_name);
}

static ToaIntakeDraft
base_draft (Fixture *f)
{
  ToaIntakeDraft draft = { 0 };

  draft.draft.section_code = "tin-tuc-su-kien";
  draft.draft.genre = "van-ban";
  draft.draft.title = "Thông báo lịch tiếp công dân tháng 12";
  draft.draft.unit_code = "so-noi-vu";
  draft.draft.info_kind = "legal-document";
  draft.channel = "document-system";
  draft.document_no = "1234/SNV-VP";
  draft.received_on = "2026-11-20";
  draft.issued_on = "2026-11-19";
  draft.today = &f->today;
  return draft;
}

static char *
write_file (Fixture *f, const char *name, const void *data, gsize len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) len, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- intake, files, reply letter, deadlines on PostgreSQL ---------------------------------- */

static void
test_intake_files (Fixture *f, gconstpointer data)
{
  ToaStore *store = f->stores[PG];
  ToaPerson *editor = person (f, PG, "bientap");
  g_autoptr(GError) error = NULL;
  guint8 binary[3000];
  g_autofree char *scan = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *again = NULL;
  g_autofree char *deadline = NULL;
  g_autoptr(ToaArticle) first = NULL;
  g_autoptr(ToaArticle) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(ToaIntakeRecord) replied = NULL;

  /* every byte value, NUL included, in a file larger than a page */
  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guint8) ((i * 7 + i / 256) & 0xff);
  scan = write_file (f, "ảnh chụp.jpg", binary, sizeof binary);
  letter = write_file (f, "cong-van.pdf", "%PDF-1.4 công văn số 1234", strlen ("%PDF-1.4 công văn số 1234"));
  again = write_file (f, "ban-sao.pdf", "%PDF-1.4 công văn số 1234", strlen ("%PDF-1.4 công văn số 1234"));

  channels = toa_store_intake_channel_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 5);
  g_assert_cmpstr (((ToaIntakeChannel *) channels->pdata[0])->code, ==, "post");
  g_assert_cmpstr (((ToaIntakeChannel *) channels->pdata[4])->name, ==, "Tự viết");
  g_assert_true (((ToaIntakeChannel *) channels->pdata[4])->skips_intake);
  g_assert_false (((ToaIntakeChannel *) channels->pdata[0])->skips_intake);
  g_assert_cmpint (toa_attachments_max_bytes (store, &error), ==, 25 * 1024 * 1024);
  g_assert_no_error (error);

  {
    ToaIntakeDraft draft = base_draft (f);
    const char *paths[] = { letter, scan, NULL };

    draft.attachment_paths = paths;
    first = toa_intake_add (store, editor, &draft, &deadline, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (first->state, ==, "received");
    /* legal documents: 2 working days from the issue date (Thursday 19 → Monday 23) */
    g_assert_cmpstr (deadline, ==, "2026-11-23");
  }
  {
    ToaIntakeDraft draft = base_draft (f);
    const char *paths[] = { again, scan, NULL };

    draft.channel = "email";
    draft.draft.unit_code = NULL;
    draft.sender_name = "Ông Trần Văn Bình";
    draft.document_no = NULL;
    draft.issued_on = NULL;
    draft.attachment_paths = paths;
    second = toa_intake_add (store, editor, &draft, NULL, &error);
    g_assert_no_error (error);
  }
  /* four attachments, two contents */
  g_assert_cmpint (pg_count (f, "SELECT count(*) FROM article_attachments"), ==, 4);
  g_assert_cmpint (pg_count (f, "SELECT count(*) FROM stored_files"), ==, 2);

  list = toa_attachments_list (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    ToaAttachment *a = list->pdata[0], *b = list->pdata[1];
    g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, binary, sizeof binary);

    g_assert_cmpint (a->position, ==, 1);
    g_assert_cmpstr (a->file_name, ==, "cong-van.pdf");
    g_assert_cmpstr (a->media_type, ==, "application/pdf");
    g_assert_cmpint (a->size, ==, strlen ("%PDF-1.4 công văn số 1234"));
    g_assert_cmpstr (a->added_by_name, ==, "Người editor");
    g_assert_cmpint (a->added_by, ==, editor->id);
    g_assert_cmpint (a->added_at, >, 0);
    g_assert_cmpint (b->position, ==, 2);
    g_assert_cmpstr (b->file_name, ==, "ảnh chụp.jpg");
    g_assert_cmpint (b->size, ==, sizeof binary);
    g_assert_cmpstr (b->sha256, ==, sum);
  }
  /* read back byte for byte, from either item */
  for (int which = 0; which < 2; which++)
    {
      g_autoptr(ToaAttachment) read = NULL;
      g_autoptr(GBytes) bytes = toa_attachments_read (store, which == 0 ? first->id : second->id,
                                                      2, &read, &error);
      g_autoptr(GBytes) want = g_bytes_new_static (binary, sizeof binary);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, want));
      g_assert_cmpstr (read->file_name, ==, "ảnh chụp.jpg");
    }
  {
    g_autoptr(GBytes) bytes = toa_attachments_read (store, second->id, 1, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     "%PDF-1.4 công văn số 1234", strlen ("%PDF-1.4 công văn số 1234"));
  }
  /* the store's own errors */
  {
    g_autoptr(ToaAttachment) taken = toa_attachment_new ();
    g_autoptr(GBytes) missing = NULL;
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) other = g_bytes_new_static ("x", 1);

    taken->article_id = first->id;
    taken->position = 1;
    taken->file_name = g_strdup ("khac.pdf");
    taken->sha256 = g_strdup (((ToaAttachment *) list->pdata[0])->sha256);
    taken->added_by = editor->id;
    g_assert_false (toa_store_article_attachment_add (store, taken, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
    g_clear_error (&error);
    missing = toa_store_stored_file_get (store, "00000000000000000000000000000000"
                                                "00000000000000000000000000000000", &error);
    g_assert_null (missing);
    g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* an existing content is kept as it is */
    g_assert_true (toa_store_stored_file_put (store, ((ToaAttachment *) list->pdata[0])->sha256,
                                              "text/plain", other, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pg_count (f, "SELECT count(*) FROM stored_files WHERE media_type = 'text/plain'"), ==, 0);
    /* the schema refuses empty contents and malformed hashes */
    g_assert_false (toa_store_stored_file_put (store, "abc", "text/plain", empty, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* the intake record */
  record = toa_store_intake_record_get (store, second->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->channel, ==, "email");
  g_assert_cmpint (record->sender_unit_id, ==, 0);
  g_assert_null (record->sender_unit_name);
  g_assert_cmpstr (record->sender_name, ==, "Ông Trần Văn Bình");
  g_assert_null (record->document_no);
  g_assert_null (record->issued_on);
  g_assert_cmpstr (record->received_on, ==, "2026-11-20");
  g_assert_null (record->reply_letter);
  g_assert_cmpint (record->created_at, >, 0);
  g_clear_pointer (&record, toa_intake_record_free);
  record = toa_store_intake_record_get (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->sender_unit_name, ==, "Sở Nội vụ");
  g_assert_cmpstr (record->document_no, ==, "1234/SNV-VP");
  g_assert_cmpstr (record->issued_on, ==, "2026-11-19");
  g_assert_null (toa_store_intake_record_get (store, 99999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the reply letter, stored with the record */
  reply = toa_intake_reply_letter (store, editor, first->id, "out-of-remit", "Xin cảm ơn.", &f->today,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (reply, "1234/SNV-VP"));
  replied = toa_store_intake_record_get (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replied->reply_letter, ==, reply);
  g_assert_false (toa_store_intake_reply_letter_set (store, 99999, "x", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* deadlines */
  g_assert_true (toa_store_article_deadline_set (store, second->id, "2026-12-01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_count (f, "SELECT count(*) FROM articles WHERE deadline = '2026-12-01'"), ==, 1);
  g_assert_true (toa_store_article_deadline_set (store, second->id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_count (f, "SELECT count(*) FROM articles WHERE deadline IS NULL"), ==, 1);
  g_assert_false (toa_store_article_deadline_set (store, 99999, "2026-12-01", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

/* ---- the same inbox on both backends ------------------------------------------------------- */

/* The same items on both boards, by the same calls. */
static void
make_items (Fixture *f)
{
  static const struct {
    const char *title, *genre, *section, *site, *kind;
    gboolean intake;
  } items[] = {
    { "Thông báo lịch tiếp công dân tháng 12", "van-ban", "tin-tuc-su-kien", NULL, "legal-document", TRUE },
    { "Bình Phước đón khách du lịch mùa lễ hội", "tin", "tin-tuc-su-kien", NULL, NULL, FALSE },
    { "Infographic: kinh tế Bình Phước 10 tháng", "infographic", "tin-tuc-su-kien", NULL, NULL, FALSE },
    { "Chính sách hỗ trợ nông dân trồng điều", "tin", "chinh-sach", NULL, NULL, FALSE },
    { "Hướng dẫn thủ tục cấp đổi giấy phép", "van-ban", "chinh-sach", NULL, "law-guidance", TRUE },
    { "Thác Mơ mùa nước nổi", "tin", "diem-den", "du-lich", NULL, FALSE },
    { "Lịch tiếp công dân của Chủ tịch UBND tỉnh", "thong-bao", "tin-tuc-su-kien", NULL, "news", TRUE },
    { "Đồng Xoài: khánh thành cầu mới", "tin", "tin-tuc-su-kien", NULL, NULL, FALSE },
    { "Phóng sự ảnh: vườn quốc gia Bù Gia Mập", "infographic", "diem-den", "du-lich", NULL, FALSE },
    { "Thông tin thống kê dân số tháng 10", "tin", "chinh-sach", NULL, "statistics", TRUE },
    { "Tin ngắn thời tiết", "tin", "tin-tuc-su-kien", NULL, NULL, FALSE },
    { "Phỏng vấn Giám đốc Sở Du lịch", "tin", "diem-den", "du-lich", NULL, FALSE },
  };
  /* state, deadline, last actor (login or NULL) of item i+1 */
  static const struct { const char *state, *deadline, *actor; } moves[] = {
    { "received", "2026-11-20", NULL },
    { "secretary-review", "2026-11-25", "bientap" },
    { "editing", "2026-11-27", "thuky" },
    { "deputy-review", NULL, "thuky" },
    { "editing", "2026-12-10", "bientap" },
    { "secretary-review", "2026-11-24", "bientap-dl" },
    { "received", "2026-11-26", NULL },
    { "published", NULL, "photruongban" },
    { "editing", "2026-11-25", "bientap-dl" },
    { "chairman-opinion", "2026-11-30", "photruongban" },
    { "draft", NULL, NULL },
    { "scheduled", "2026-11-25", "truongban" },
  };
  g_autoptr(GError) error = NULL;

  for (int b = 0; b < N_BACKENDS; b++)
    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(ToaArticle) article = NULL;
        ToaPerson *actor = person (f, b, items[i].site != NULL ? "bientap-dl" : "bientap");

        if (items[i].intake)
          {
            ToaIntakeDraft draft = base_draft (f);

            draft.draft.title = items[i].title;
            draft.draft.genre = items[i].genre;
            draft.draft.section_code = items[i].section;
            draft.draft.info_kind = items[i].kind;
            draft.received_on = i % 2 == 0 ? "2026-11-20" : "2026-11-18";
            draft.issued_on = "2026-11-17";
            article = toa_intake_add (f->stores[b], actor, &draft, NULL, &error);
          }
        else
          {
            ToaArticleDraft draft = { 0 };

            draft.site_code = items[i].site;
            draft.section_code = items[i].section;
            draft.genre = items[i].genre;
            draft.title = items[i].title;
            draft.sapo = i == 1 ? "Lượng khách tăng mạnh dịp cuối năm" : NULL;
            draft.body_html = i == 7 ? "<p>Cây cầu nối hai phường trung tâm</p>" : NULL;
            draft.body_len = -1;
            article = toa_articles_create (f->stores[b], actor, &draft, &error);
          }
        g_assert_no_error (error);
        g_assert_cmpint (article->id, ==, (gint64) i + 1);
        g_assert_true (toa_store_article_deadline_set (f->stores[b], article->id, moves[i].deadline, &error));
        g_assert_no_error (error);
      }

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *actor_sql = NULL;
      gint64 actor = moves[i].actor != NULL ? person (f, PG, moves[i].actor)->id : 0;

      g_assert_cmpint (actor, ==, moves[i].actor != NULL ? person (f, LITE, moves[i].actor)->id : 0);
      actor_sql = actor != 0 ? g_strdup_printf ("%lld", (long long) actor) : g_strdup ("NULL");
      sql = g_strdup_printf ("UPDATE articles SET state = '%s', last_actor_id = %s, "
                             "updated_at = updated_at + %u WHERE id = %u",
                             moves[i].state, actor_sql,
                             (i * 37) % 11, i + 1);
      both_sql (f, sql);
    }
  /* a pending withdrawal of the published item, asked by the secretary */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO transition_requests (article_id, transition, from_state, to_state, "
      "article_version, requested_by, requested_at) VALUES (8, 'withdraw', 'published', "
      "'withdrawn', 1, %lld, 1000)", (long long) person (f, PG, "thuky")->id);

    both_sql (f, sql);
  }
  /* comments */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO comments (article_id, person_id, body, created_at) VALUES "
      "(2, %lld, 'Sửa tít', 1), (2, %lld, 'Đã sửa', 2), (10, %lld, 'Xem lại số liệu', 3)",
      (long long) person (f, PG, "thuky")->id, (long long) person (f, PG, "bientap")->id,
      (long long) person (f, PG, "photruongban")->id);

    both_sql (f, sql);
  }
}

static char *
describe_list (GPtrArray *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      ToaInboxItem *item = list->pdata[i];
      g_autofree char *holders = item->holder_roles != NULL ? g_strjoinv (",", item->holder_roles)
                                                            : g_strdup ("");

      g_string_append_printf (out, "%lld %s|%s|%s|%s|%s|%s|%lld|%s|%d|%lld|%s|%s|%s|%s|%s|%lld|%s|%d\n",
                              (long long) item->article->id, item->article->title,
                              item->article->state, item->article->site_code,
                              item->article->section_name, item->article->genre,
                              item->article->created_by_name, (long long) item->article->version,
                              item->deadline, item->has_deadline ? item->days_left : 999,
                              (long long) item->comment_count, item->received_on,
                              item->workflow_code, item->state_name, item->step_label, holders,
                              (long long) item->request_id, item->request_transition,
                              item->workflow_version);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_same_as_sqlite (Fixture *f, gconstpointer data)
{
  static const ToaInboxWhich lists[] = {
    TOA_INBOX_WAITING, TOA_INBOX_SENT, TOA_INBOX_OVERDUE, TOA_INBOX_ALL,
  };
  static const struct {
    const char *text, *site, *section, *genre, *state;
    ToaInboxDue due;
    guint due_days, offset, limit;
    gboolean finds_nothing;
  } filters[] = {
    { NULL },
    { .site = "portal" },
    { .site = "du-lich" },
    { .section = "chinh-sach" },
    { .site = "du-lich", .section = "diem-den" },
    { .genre = "infographic" },
    { .genre = "tin" },
    { .state = "secretary-review" },
    { .state = "received" },
    { .due = TOA_INBOX_DUE_OVERDUE },
    { .due = TOA_INBOX_DUE_TODAY },
    { .due = TOA_INBOX_DUE_WITHIN, .due_days = 5 },
    { .text = "thông báo" },
    { .text = "binh phuoc" },
    { .text = "lịch*" },
    { .text = "\"tiếp công dân\"" },
    { .text = "\"công tiếp\"", .finds_nothing = TRUE },   /* words, not in this order */
    { .text = "khách" },           /* in a sapo */
    { .text = "phường" },          /* in a body */
    { .text = "tin*", .genre = "tin" },
    { .text = "***", .finds_nothing = TRUE },               /* nothing searchable */
    { .offset = 1, .limit = 2 },
    { .offset = 3, .limit = 3, .site = "portal" },
    { .due = TOA_INBOX_DUE_WITHIN, .due_days = 3, .genre = "tin", .text = "Bình" },
  };
  g_autoptr(GError) error = NULL;
  guint rows = 0, non_empty = 0, compared = 0;
  guint found[G_N_ELEMENTS (filters)] = { 0 };

  make_items (f);
  for (guint p = 0; p < N_PEOPLE; p++)
    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
        {
          ToaInboxRequest request = { 0 };
          g_autofree char *got[N_BACKENDS] = { NULL };

          request.which = lists[l];
          request.text = filters[k].text;
          request.site = filters[k].site;
          request.section = filters[k].section;
          request.genre = filters[k].genre;
          request.state = filters[k].state;
          request.due = filters[k].due;
          request.due_days = filters[k].due_days;
          request.offset = filters[k].offset;
          request.limit = filters[k].limit;
          request.today = &f->today;
          for (int b = 0; b < N_BACKENDS; b++)
            {
              g_autoptr(GPtrArray) list = toa_inbox_list (f->stores[b], f->people[b][p], &request, &error);

              g_assert_no_error (error);
              got[b] = describe_list (list);
              if (b == PG)
                {
                  rows += list->len;
                  non_empty += list->len > 0;
                  found[k] += list->len;
                }
            }
          if (g_strcmp0 (got[PG], got[LITE]) != 0)
            g_test_message ("%s, list %s, filter %u", logins[p], toa_inbox_which_code (lists[l]), k);
          g_assert_cmpstr (got[PG], ==, got[LITE]);
          compared++;
        }
  g_test_message ("%u lists compared, %u not empty, %u rows", compared, non_empty, rows);
  /* the comparison is not vacuous: each filter finds rows for someone, but those that
   * should find nothing */
  g_assert_cmpuint (non_empty, >=, compared / 4);
  for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
    {
      g_test_message ("filter %u: %u rows", k, found[k]);
      if (filters[k].finds_nothing)
        g_assert_cmpuint (found[k], ==, 0);
      else
        g_assert_cmpuint (found[k], >, 0);
    }

  /* a few rows checked here as well, on PostgreSQL */
  {
    ToaInboxRequest request = { .which = TOA_INBOX_ALL, .today = &f->today };
    g_autoptr(GPtrArray) all = toa_inbox_list (f->stores[PG], person (f, PG, "truongban"), &request, &error);
    ToaInboxItem *first;
    gboolean seen_request = FALSE, seen_comments = FALSE;

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, >=, 8);
    first = all->pdata[0];
    /* the earliest deadline first; no deadline last */
    g_assert_cmpint (first->article->id, ==, 1);
    g_assert_cmpstr (first->deadline, ==, "2026-11-20");
    g_assert_cmpstr (first->received_on, ==, "2026-11-20");
    g_assert_null (((ToaInboxItem *) all->pdata[all->len - 1])->deadline);
    for (guint i = 1; i < all->len; i++)
      {
        ToaInboxItem *a = all->pdata[i - 1], *b = all->pdata[i];

        g_assert_true (b->deadline == NULL || (a->deadline != NULL && strcmp (a->deadline, b->deadline) <= 0));
        if (b->article->id == 8)
          {
            g_assert_cmpstr (b->request_transition, ==, "withdraw");
            seen_request = b->request_id > 0;
          }
        if (b->article->id == 2)
          seen_comments = b->comment_count == 2;
      }
    g_assert_true (seen_request);
    g_assert_true (seen_comments);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-inbox/intake-files", test_intake_files);
  ADD ("/pg-inbox/same-as-sqlite", test_same_as_sqlite);
#undef ADD

  {
    int status = g_test_run ();

    toa_pg_test_server_stop (server);
    return status;
  }
}
