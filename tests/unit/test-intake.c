/* test-intake.c — intake (Quy trình 1): every channel with its Vietnamese name, in-house
 * material skipping intake, validation errors with nothing written, deadlines by kind of
 * information over weekends and Tết from the issue or receipt date, and the reply letter. */
#include "config.h"

#include <string.h>

#include "toa-board.h"
#include "toa-error.h"
#include "toa-intake.h"
#include "toa-people.h"
#include "toa-store-open.h"
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
  f->store = toa_store_open (path, TOA_OPEN_CREATE, &error);
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
      const char *files[] = { "cong-van.pdf", "phu-luc.docx", NULL };
      g_autoptr(ToaArticle) article = NULL;
      g_autoptr(ToaIntakeRecord) record = NULL;

      g_assert_cmpstr (channel->code, ==, expected[i].code);
      g_assert_cmpstr (channel->name, ==, expected[i].name);
      draft.channel = expected[i].code;
      draft.attachments = files;
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
      g_assert_cmpuint (g_strv_length (record->attachments), ==, 2);
      g_assert_cmpstr (record->attachments[1], ==, "phu-luc.docx");
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
  return g_test_run ();
}
