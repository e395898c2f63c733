/* test-intake.c — intake (Quy trình 1): every channel with its Vietnamese name, in-house
 * material skipping intake, validation errors with nothing written, deadlines by kind of
 * information over weekends and Tết from the issue or receipt date, the reply letter, and the
 * files received: kept byte for byte, each content once, bad files refused with nothing
 * written, written out without replacing a file unless asked, old name-only lists readable. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "toa-attachments.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-intake.h"
#include "toa-people.h"
#include "toa-pg-private.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

typedef struct {
  char      *dir;
  ToaStore  *store;
  ToaPerson *editor;
  ToaPerson *accountant;
  GDate      today;
} Fixture;

static ToaPerson *
add_person (Fixture *f, const char *login, const char *role)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(GError) error = NULL;
  ToaRoleGrant grant;
  ToaPerson *person;

  g_assert_true (toa_people_parse_role (f->store, role, &grant, &error));
  g_array_append_val (grants, grant);
  person = toa_people_add (f->store, 0, login, login, NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  return person;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  portal = toa_store_site_find (f->store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (f->store, section, &error));
  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_store_unit_add (f->store, unit, &error));
  f->editor = add_person (f, "bientap", "editor");
  f->accountant = add_person (f, "ketoan", "accountant");
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 25, 11, 2026);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->editor, toa_person_free);
  g_clear_pointer (&f->accountant, toa_person_free);
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
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

static gint64
count_rows (Fixture *f, const char *action)
{
  g_autoptr(GPtrArray) records = toa_store_audit_list (f->store, 0, 0, NULL);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  gint64 n = 0;

  if (action == NULL)
    return toa_store_article_count (f->store, query, NULL);
  for (guint i = 0; i < records->len; i++)
    n += g_str_equal (((ToaAuditRecord *) records->pdata[i])->action, action);
  return n;
}

/* Writes @len bytes to a new file @name in the fixture's folder; its path. */
static char *
write_file (Fixture *f, const char *name, const char *data, gsize len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) len, &error));
  g_assert_no_error (error);
  return path;
}

static gint64
count_sql (Fixture *f, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  if (TOA_IS_PG_STORE (f->store))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) result = toa_pg_query (TOA_PG_STORE (f->store), sql, NULL, &error);

      g_assert_no_error (error);
      return toa_pg_int (result, 0, 0);
    }
  db = toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->store));
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_channels (Fixture *f, gconstpointer data)
{
  static const struct { const char *code, *name, *state; } expected[] = {
    { "post", "Bưu điện", "received" },
    { "document-system", "Hệ thống văn bản", "received" },
    { "email", "Thư điện tử", "received" },
    { "zalo", "Nhóm Zalo", "received" },
    { "in-house", "Tự viết", "draft" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = toa_store_intake_channel_list (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const ToaIntakeChannel *channel = g_ptr_array_index (channels, i);
      ToaIntakeDraft draft = base_draft (f);
      g_autofree char *letter = write_file (f, "cong-van.pdf", "%PDF-1.4 công văn", strlen ("%PDF-1.4 công văn"));
      g_autofree char *annex = write_file (f, "phu-luc.txt", "Phụ lục", strlen ("Phụ lục"));
      const char *files[] = { letter, annex, NULL };
      g_autoptr(GPtrArray) attached = NULL;
      g_autoptr(ToaArticle) article = NULL;
      g_autoptr(ToaIntakeRecord) record = NULL;

      g_assert_cmpstr (channel->code, ==, expected[i].code);
      g_assert_cmpstr (channel->name, ==, expected[i].name);
      draft.channel = expected[i].code;
      draft.attachment_paths = files;
      article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (article->state, ==, expected[i].state);
      record = toa_store_intake_record_get (f->store, article->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (record->channel, ==, expected[i].code);
      g_assert_cmpstr (record->sender_unit_name, ==, "Sở Nội vụ");
      g_assert_cmpstr (record->document_no, ==, "1234/SNV-VP");
      g_assert_cmpstr (record->received_on, ==, "2026-11-20");
      g_assert_cmpstr (record->issued_on, ==, "2026-11-19");
      attached = toa_attachments_list (f->store, article->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attached->len, ==, 2);
      g_assert_cmpstr (((ToaAttachment *) attached->pdata[1])->file_name, ==, "phu-luc.txt");
    }
  g_assert_cmpint (count_rows (f, "intake.add"), ==, G_N_ELEMENTS (expected));

  /* in-house material needs no sender */
  {
    ToaIntakeDraft draft = base_draft (f);
    g_autoptr(ToaArticle) article = NULL;

    draft.channel = "in-house";
    draft.draft.unit_code = NULL;
    draft.document_no = NULL;
    draft.issued_on = NULL;
    article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (article->state, ==, "draft");
  }
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  gint64 articles = count_rows (f, NULL), audits = count_rows (f, "intake.add");
  struct { const char *what; int code; } cases[] = {
    { "no sender", TOA_ERROR_INVALID },
    { "future", TOA_ERROR_INVALID },
    { "issued after received", TOA_ERROR_INVALID },
    { "bad date", TOA_ERROR_INVALID },
    { "no received", TOA_ERROR_INVALID },
    { "channel", TOA_ERROR_INVALID },
    { "utf-8", TOA_ERROR_INVALID },
    { "kind", TOA_ERROR_NOT_FOUND },
    { "unit", TOA_ERROR_NOT_FOUND },
    { "accountant", TOA_ERROR_PERMISSION },
    { "empty title", TOA_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ToaIntakeDraft draft = base_draft (f);
      const ToaPerson *actor = f->editor;
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticle) article = NULL;

      switch (i)
        {
        case 0: draft.draft.unit_code = NULL; draft.channel = "email"; break;
        case 1: draft.received_on = "2026-11-26"; draft.issued_on = NULL; break;
        case 2: draft.issued_on = "2026-11-21"; break;
        case 3: draft.received_on = "2026-02-30"; break;
        case 4: draft.received_on = NULL; break;
        case 5: draft.channel = "fax"; break;
        case 6: draft.draft.title = "Th\xc3\x28ng b\xe1o"; break;
        case 7: draft.draft.info_kind = "gossip"; break;
        case 8: draft.draft.unit_code = "so-khong-co"; break;
        case 9: actor = f->accountant; break;
        case 10: draft.draft.title = "   "; break;
        }
      article = toa_intake_add (f->store, actor, &draft, NULL, &error);
      g_assert_null (article);
      g_test_message ("%s: %s", cases[i].what, error != NULL ? error->message : "(none)");
      g_assert_error (error, TOA_ERROR, cases[i].code);
    }
  g_assert_cmpint (count_rows (f, NULL), ==, articles);
  g_assert_cmpint (count_rows (f, "intake.add"), ==, audits);
}

static void
test_deadlines (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *kind, *issued, *received, *deadline;
  } cases[] = {
    /* legal documents: 2 working days from the issue date; Tết Ất Tỵ (days off 25/1–2/2/2025) */
    { "legal-document", "2025-01-23", "2025-01-24", "2025-02-03" },
    /* Tết Bính Ngọ 2026 (mùng 1 = 17/2): 2 working days from Thursday 12/2 */
    { "legal-document", "2026-02-12", "2026-02-12", "2026-02-23" },
    /* over a weekend: issued Friday, 2 working days → Tuesday */
    { "legal-document", "2026-11-20", "2026-11-23", "2026-11-24" },
    /* news counts from receipt (not the issue date): received Saturday → Monday */
    { "news", "2026-11-02", "2026-11-21", "2026-11-23" },
    /* no issue date: the receipt date is the basis */
    { "legal-document", NULL, "2026-11-20", "2026-11-24" },
    /* kept current: no deadline */
    { "foreign-language", NULL, "2026-11-20", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ToaIntakeDraft draft = base_draft (f);
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticle) article = NULL;
      g_autofree char *deadline = NULL;

      draft.draft.info_kind = cases[i].kind;
      draft.issued_on = cases[i].issued;
      draft.received_on = cases[i].received;
      article = toa_intake_add (f->store, f->editor, &draft, &deadline, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (deadline, ==, cases[i].deadline);
    }
}

static void
test_reply_letter (Fixture *f, gconstpointer data)
{
  ToaIntakeDraft draft = base_draft (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *bad = NULL;
  GDate day;

  article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 26, 11, 2026);

  bad = toa_intake_reply_letter (f->store, f->editor, article->id, "boring", NULL, &day, &error);
  g_assert_null (bad);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (toa_intake_reply_letter (f->store, f->accountant, article->id, "untrue", NULL, &day, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  record = toa_store_intake_record_get (f->store, article->id, &error);
  g_assert_null (record->reply_letter);
  g_clear_pointer (&record, toa_intake_record_free);

  letter = toa_intake_reply_letter (f->store, f->editor, article->id, "duplicate",
                                    "Nội dung đã đăng ngày 10/11/2026", &day, &error);
  g_assert_no_error (error);
  g_test_message ("%s", letter);
  g_assert_nonnull (strstr (letter, "Kính gửi: Sở Nội vụ."));
  g_assert_nonnull (strstr (letter, "văn bản số 1234/SNV-VP ngày 19/11/2026"));
  g_assert_nonnull (strstr (letter, "tiếp nhận ngày 20/11/2026"));
  g_assert_nonnull (strstr (letter, "Thông báo lịch tiếp công dân tháng 12"));
  g_assert_nonnull (strstr (letter, "Trùng lặp với thông tin đã đăng tải"));
  g_assert_nonnull (strstr (letter, "Nội dung đã đăng ngày 10/11/2026."));
  g_assert_nonnull (strstr (letter, "Ngày 26 tháng 11 năm 2026"));
  g_assert_true (g_str_has_suffix (letter, "TM. BAN BIÊN TẬP\nBan Biên tập Cổng TTĐT tỉnh Bình Phước\n"));
  record = toa_store_intake_record_get (f->store, article->id, &error);
  g_assert_cmpstr (record->reply_letter, ==, letter);
  g_assert_cmpint (count_rows (f, "intake.reply-letter"), ==, 1);
}

/* The one rule the window's "Tiếp nhận…" button and toa_intake_add share. */
static void
test_may_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (f->store, "portal", &error);
  ToaIntakeDraft draft = base_draft (f);
  g_autoptr(ToaArticle) refused = NULL;

  g_assert_no_error (error);
  g_assert_true (toa_intake_may_register (f->editor, portal->id));
  g_assert_false (toa_intake_may_register (f->accountant, portal->id));
  g_assert_false (toa_intake_may_register (f->editor, portal->id + 1000));   /* no role there */

  refused = toa_intake_add (f->store, f->accountant, &draft, NULL, &error);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_assert_null (refused);
  g_clear_error (&error);

  f->editor->active = FALSE;
  g_assert_false (toa_intake_may_register (f->editor, portal->id));
  f->editor->active = TRUE;
}

/* The files are kept byte for byte with their hash, type, size and who added them; the audit
 * record names them with their hashes. */
static void
test_attachments_stored (Fixture *f, gconstpointer data)
{
  static const char pdf[] = "%PDF-1.4\n\0\x01\x02\xff binary \0 tail";
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *pdf_path = write_file (f, "Công văn 1234.pdf", pdf, sizeof pdf - 1);
  g_autofree char *png_path = write_file (f, "anh-hoi-nghi.png", png, sizeof png - 1);
  g_autofree char *pdf_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) pdf, sizeof pdf - 1);
  const char *paths[] = { pdf_path, png_path, NULL };
  ToaIntakeDraft draft = base_draft (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ToaAttachment) read = NULL;
  const ToaAttachment *first, *second;
  const ToaAuditRecord *last;

  draft.attachment_paths = paths;
  article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
  g_assert_no_error (error);

  list = toa_attachments_list (f->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = list->pdata[0];
  second = list->pdata[1];
  g_assert_cmpint (first->position, ==, 1);
  g_assert_cmpstr (first->file_name, ==, "Công văn 1234.pdf");
  g_assert_cmpint (first->size, ==, sizeof pdf - 1);
  g_assert_cmpstr (first->sha256, ==, pdf_hash);
  g_assert_cmpstr (first->media_type, ==, "application/pdf");
  g_assert_cmpint (first->added_by, ==, f->editor->id);
  g_assert_cmpint (first->added_at, >, 0);
  g_assert_cmpint (second->position, ==, 2);
  g_assert_cmpstr (second->media_type, ==, "image/png");

  bytes = toa_attachments_read (f->store, article->id, 1, &read, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), pdf, sizeof pdf - 1);
  g_assert_cmpstr (read->file_name, ==, "Công văn 1234.pdf");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = toa_attachments_read (f->store, article->id, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), png, sizeof png - 1);

  audit = toa_store_audit_list (f->store, 0, 0, &error);
  g_assert_no_error (error);
  last = audit->pdata[audit->len - 1];
  g_assert_cmpstr (last->action, ==, "intake.add");
  g_assert_nonnull (strstr (last->detail, "Công văn 1234.pdf"));
  g_assert_nonnull (strstr (last->detail, pdf_hash));
  g_assert_nonnull (strstr (last->detail, "anh-hoi-nghi.png"));

  /* The record keeps no name-only list for new items. */
  {
    g_autoptr(ToaIntakeRecord) record = toa_store_intake_record_get (f->store, article->id, &error);

    g_assert_no_error (error);
    g_assert_true (record->attachments == NULL || record->attachments[0] == NULL);
  }
}

/* The same content is stored once however often it is received. */
static void
test_attachments_dedup (Fixture *f, gconstpointer data)
{
  g_autofree char *a = write_file (f, "a.pdf", "%PDF-1.4 same", 13);
  g_autofree char *b = write_file (f, "b-copy.pdf", "%PDF-1.4 same", 13);
  g_autofree char *c = write_file (f, "c.pdf", "%PDF-1.4 other", 14);
  const char *first[] = { a, b, NULL };
  const char *second[] = { a, c, NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      ToaIntakeDraft draft = base_draft (f);
      g_autoptr(ToaArticle) article = NULL;

      draft.attachment_paths = i == 0 ? first : second;
      article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM article_attachments"), ==, 4);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM stored_files"), ==, 2);
  g_assert_cmpint (count_sql (f, "SELECT count(DISTINCT file_name) FROM article_attachments"), ==, 3);
}

/* Missing, empty, oversized files and folders are refused naming the file; nothing is written. */
static void
test_attachments_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_file (f, "good.pdf", "%PDF-1.4 ok", 11);
  g_autofree char *empty = write_file (f, "rong.pdf", "", 0);
  g_autofree char *big = write_file (f, "lon-qua.pdf", "%PDF-1.4 0123456789", 19);
  g_autofree char *missing = g_build_filename (f->dir, "khong-co.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "thu-muc", NULL);
  const char *cases[][2] = {
    { empty, "rong.pdf" },
    { big, "lon-qua.pdf" },
    { missing, "khong-co.pdf" },
    { folder, "thu-muc" },
  };
  gint64 articles = count_rows (f, NULL), audits = count_rows (f, "intake.add");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  /* The limit is the board's setting. */
  g_assert_cmpint (toa_attachments_max_bytes (f->store, &error), ==, 25 * 1024 * 1024);
  g_assert_true (toa_store_board_setting_set (f->store, TOA_ATTACHMENT_MAX_BYTES_KEY, "15", "test", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *paths[] = { good, cases[i][0], NULL };
      ToaIntakeDraft draft = base_draft (f);
      g_autoptr(ToaArticle) article = NULL;

      draft.attachment_paths = paths;
      article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
      g_assert_null (article);
      g_test_message ("%s: %s", cases[i][1], error != NULL ? error->message : "(none)");
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i][1]));
      g_clear_error (&error);
    }
  g_assert_cmpint (count_rows (f, NULL), ==, articles);
  g_assert_cmpint (count_rows (f, "intake.add"), ==, audits);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM stored_files"), ==, 0);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM article_attachments"), ==, 0);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM intake_records"), ==, 0);
  g_rmdir (folder);
}

/* Writing a file out: a new path gets the bytes; an existing file is kept unless replacing is
 * asked; a number the item lacks and a name-only entry are refused. */
static void
test_attachments_export (Fixture *f, gconstpointer data)
{
  static const char content[] = "%PDF-1.4\n\0 exported \xff";
  g_autofree char *source = write_file (f, "cong-van.pdf", content, sizeof content - 1);
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);
  const char *paths[] = { source, NULL };
  ToaIntakeDraft draft = base_draft (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *written = NULL;
  gsize len = 0;

  draft.attachment_paths = paths;
  article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (toa_attachments_export (f->store, article->id, 1, out, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &written, &len, NULL));
  g_assert_cmpmem (written, len, content, sizeof content - 1);
  g_clear_pointer (&written, g_free);

  g_assert_true (g_file_set_contents (out, "mine", 4, NULL));
  g_assert_false (toa_attachments_export (f->store, article->id, 1, out, FALSE, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (out, &written, &len, NULL));
  g_assert_cmpstr (written, ==, "mine");
  g_clear_pointer (&written, g_free);

  g_assert_true (toa_attachments_export (f->store, article->id, 1, out, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &written, &len, NULL));
  g_assert_cmpmem (written, len, content, sizeof content - 1);

  g_assert_false (toa_attachments_export (f->store, article->id, 2, out, TRUE, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_attachments_list (f->store, 99999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* Items registered before the contents were kept list their names, without content. */
static void
test_attachments_name_only (Fixture *f, gconstpointer data)
{
  ToaIntakeDraft draft = base_draft (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;

  article = toa_intake_add (f->store, f->editor, &draft, NULL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE intake_records SET attachments = '[\"cu.pdf\",\"anh.jpg\"]' "
                         "WHERE article_id = %lld", (long long) article->id);
  if (TOA_IS_PG_STORE (f->store))
    {
      g_assert_true (toa_pg_exec (TOA_PG_STORE (f->store), sql, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  else
    g_assert_cmpint (sqlite3_exec (toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->store)), sql,
                                   NULL, NULL, NULL), ==, SQLITE_OK);

  list = toa_attachments_list (f->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((ToaAttachment *) list->pdata[0])->file_name, ==, "cu.pdf");
  g_assert_null (((ToaAttachment *) list->pdata[0])->sha256);
  g_assert_cmpint (((ToaAttachment *) list->pdata[1])->position, ==, 2);
  bytes = toa_attachments_read (f->store, article->id, 1, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/intake/channels", test_channels);
  ADD ("/intake/validation", test_validation);
  ADD ("/intake/deadlines", test_deadlines);
  ADD ("/intake/reply-letter", test_reply_letter);
  ADD ("/intake/may-register", test_may_register);
  ADD ("/intake/attachments/stored", test_attachments_stored);
  ADD ("/intake/attachments/dedup", test_attachments_dedup);
  ADD ("/intake/attachments/refused", test_attachments_refused);
  ADD ("/intake/attachments/export", test_attachments_export);
  ADD ("/intake/attachments/name-only", test_attachments_name_only);
  return g_test_run ();
}
