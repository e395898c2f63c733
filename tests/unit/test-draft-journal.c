/* test-draft-journal.c — the autosave journal: every editable field comes back; the newest
 * record wins; a record returns at once (the write is on the worker thread) and is readable
 * before it reaches the disk; discarding forgets; databases do not see each other's drafts; a
 * damaged file is reported and kept aside; and a child process killed with SIGKILL while it
 * records leaves the previous or the new record, never a damaged one. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "toa-draft-journal.h"
#include "toa-error.h"
#include "toa-test-util.h"

#define KEY "sqlite:///home/bientap/toasoan.db"

static char *self_path;

/* A body that says which record it is, long enough to take a moment to write. */
static char *
body_for (gint64 n, guint paragraphs)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < paragraphs; i++)
    g_string_append_printf (body, "<p>Bản ghi %" G_GINT64_FORMAT ", đoạn %u: Tỉnh Bình Phước tổ chức "
                            "hội nghị tổng kết công tác năm.</p>", n, i);
  return g_string_free (body, FALSE);
}

static ToaArticle *
make_article (gint64 id, gint64 n, guint paragraphs)
{
  ToaArticle *article = toa_article_new ();

  article->id = id;
  article->version = 7;
  article->site_id = 1;
  article->section_id = 3;
  article->genre = g_strdup ("tin");
  article->language = g_strdup ("vi");
  article->source_unit_id = 5;
  article->info_kind = g_strdup ("thong-tin-chung");
  article->title = g_strdup_printf ("Hội nghị tổng kết năm 2026 (%" G_GINT64_FORMAT ")", n);
  article->sapo = g_strdup ("Sáng 23/11, UBND tỉnh tổ chức hội nghị.");
  article->body_html = body_for (n, paragraphs);
  article->attribution = g_strdup ("Theo Sở Nội vụ");
  article->state = g_strdup ("editing");
  toa_article_add_author (article, 11, "Nguyễn Văn An", "author", 7000);
  toa_article_add_author (article, 12, "Trần Thị Bình", "photographer", 3000);
  toa_article_add_tag (article, "hội nghị");
  toa_article_add_tag (article, "Bình Phước");
  return article;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (dir, KEY);
  g_autoptr(ToaDraftJournal) again = NULL;
  g_autoptr(ToaArticle) article = make_article (42, 1, 20);
  g_autoptr(ToaArticle) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at = 0;

  toa_draft_journal_record (journal, article, 1234567);
  toa_draft_journal_flush (journal);
  g_clear_object (&journal);

  again = toa_draft_journal_new (dir, KEY);
  read = toa_draft_journal_read (again, 42, &at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpint (at, ==, 1234567);
  g_assert_cmpint (read->id, ==, 42);
  g_assert_cmpint (read->version, ==, 7);
  g_assert_cmpint (read->site_id, ==, 1);
  g_assert_cmpint (read->section_id, ==, 3);
  g_assert_cmpint (read->source_unit_id, ==, 5);
  g_assert_cmpstr (read->genre, ==, "tin");
  g_assert_cmpstr (read->language, ==, "vi");
  g_assert_cmpstr (read->info_kind, ==, "thong-tin-chung");
  g_assert_cmpstr (read->title, ==, article->title);
  g_assert_cmpstr (read->sapo, ==, article->sapo);
  g_assert_cmpstr (read->body_html, ==, article->body_html);
  g_assert_cmpstr (read->attribution, ==, "Theo Sở Nội vụ");
  g_assert_cmpuint (read->authors->len, ==, 2);
  g_assert_cmpint (g_array_index (read->authors, ToaAuthorShare, 1).person_id, ==, 12);
  g_assert_cmpstr (g_array_index (read->authors, ToaAuthorShare, 1).role, ==, "photographer");
  g_assert_cmpint (g_array_index (read->authors, ToaAuthorShare, 1).share_bp, ==, 3000);
  g_assert_cmpuint (read->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (read->tags, 0), ==, "hội nghị");

  /* nothing for another article, nor for another database */
  g_assert_null (toa_draft_journal_read (again, 43, &at, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = toa_draft_journal_new (dir, "postgresql://db.binhphuoc.gov.vn/toasoan");
  g_assert_null (toa_draft_journal_read (again, 42, &at, &error));
  g_assert_no_error (error);
  toa_test_remove_dir (dir);
}

static void
test_newest_wins_and_discard (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (dir, KEY);
  g_autoptr(ToaArticle) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  gint64 at = 0;
  guint files = 0;

  for (gint64 n = 1; n <= 200; n++)
    {
      g_autoptr(ToaArticle) article = make_article (5, n, 5);

      toa_draft_journal_record (journal, article, n);
    }
  /* readable at once, before or after it reaches the disk */
  read = toa_draft_journal_read (journal, 5, &at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at, ==, 200);
  g_clear_object (&read);
  toa_draft_journal_flush (journal);
  read = toa_draft_journal_read (journal, 5, &at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at, ==, 200);
  g_assert_true (g_str_has_suffix (read->title, "(200)"));
  g_clear_object (&read);

  toa_draft_journal_discard (journal, 5);
  g_assert_null (toa_draft_journal_read (journal, 5, &at, &error));
  g_assert_no_error (error);
  toa_draft_journal_flush (journal);
  g_assert_null (toa_draft_journal_read (journal, 5, &at, &error));
  g_assert_no_error (error);
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 0);
  toa_test_remove_dir (dir);
}

static char *
only_file (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name = g_dir_read_name (listing);

  g_assert_nonnull (name);
  return g_build_filename (dir, name, NULL);
}

static void
test_damaged (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (dir, KEY);
  g_autoptr(ToaArticle) article = make_article (9, 1, 50);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 at = 0;

  toa_draft_journal_record (journal, article, 77);
  toa_draft_journal_flush (journal);
  path = only_file (dir);
  damaged = g_strconcat (path, ".damaged", NULL);

  /* cut in half, then one byte changed: both recognised */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length / 2, NULL));
  g_assert_null (toa_draft_journal_read (journal, 9, &at, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, ".damaged"));
  g_clear_error (&error);
  g_assert_true (g_file_test (damaged, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (toa_draft_journal_read (journal, 9, &at, &error));
  g_assert_no_error (error);

  contents[length - 10] ^= 1;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  g_assert_null (toa_draft_journal_read (journal, 9, &at, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  toa_test_remove_dir (dir);
}

static void
test_record_is_quick (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (dir, KEY);
  /* about 20,000 words */
  g_autoptr(ToaArticle) article = make_article (1, 1, 1500);
  gint64 start, slowest = 0;

  for (int i = 0; i < 20; i++)
    {
      start = g_get_monotonic_time ();
      toa_draft_journal_record (journal, article, i);
      slowest = MAX (slowest, g_get_monotonic_time () - start);
    }
  g_test_message ("slowest record() of a %zu-byte body: %lld µs", strlen (article->body_html),
                  (long long) slowest);
  /* the copy only; the budget for the whole autosave on the main thread is 5 ms */
  g_assert_cmpint (slowest, <, 5000);
  toa_draft_journal_flush (journal);
  toa_test_remove_dir (dir);
}

static void
test_cannot_write (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autofree char *not_a_dir = g_build_filename (dir, "tep-thuong", NULL);
  g_autoptr(ToaDraftJournal) journal = NULL;
  g_autoptr(ToaDraftJournal) good = toa_draft_journal_new (dir, KEY);
  g_autoptr(ToaArticle) article = make_article (8, 1, 3);
  g_autoptr(GError) error = NULL;

  /* a file where the folder should be: every write fails, and the journal says so */
  g_assert_true (g_file_set_contents (not_a_dir, "x", -1, NULL));
  journal = toa_draft_journal_new (not_a_dir, KEY);
  g_assert_true (toa_draft_journal_check (journal, &error));
  toa_draft_journal_record (journal, article, 1);
  toa_draft_journal_flush (journal);
  g_assert_false (toa_draft_journal_check (journal, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "article 8"));
  g_clear_error (&error);

  toa_draft_journal_record (good, article, 1);
  toa_draft_journal_flush (good);
  g_assert_true (toa_draft_journal_check (good, &error));
  g_assert_no_error (error);
  toa_test_remove_dir (dir);
}

/* The child: records one article over and over until it is killed. */
static int
child_main (const char *dir, gboolean flush_each)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (dir, KEY);

  for (gint64 n = 1;; n++)
    {
      g_autoptr(ToaArticle) article = make_article (3, n, 200 + (guint) (n % 300));

      toa_draft_journal_record (journal, article, n);
      if (flush_each)
        toa_draft_journal_flush (journal);
      else
        g_usleep (200);
    }
  return 0;
}

static void
kill_while_recording (gboolean flush_each)
{
  g_autofree char *dir = toa_test_make_dir ();
  gint64 previous = 0;

  for (int round = 0; round < 8; round++)
    {
      const char *argv[] = { self_path, "--child", dir, flush_each ? "flush" : "nowait", NULL };
      g_autoptr(ToaDraftJournal) journal = NULL;
      g_autoptr(ToaArticle) read = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      GPid pid;
      int status = 0;
      gint64 at = 0;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    &pid, &error));
      g_assert_no_error (error);
      g_usleep ((gulong) g_test_rand_int_range (100, 400) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_spawn_close_pid (pid);

      journal = toa_draft_journal_new (dir, KEY);
      read = toa_draft_journal_read (journal, 3, &at, &error);
      g_assert_no_error (error);
      g_assert_nonnull (read);
      /* a whole record: its body is the one recorded with it */
      expected = body_for (at, 200 + (guint) (at % 300));
      g_assert_cmpstr (read->body_html, ==, expected);
      g_assert_cmpint (at, >=, 1);
      g_test_message ("round %d: record %lld survived (previous round: %lld)", round,
                      (long long) at, (long long) previous);
      previous = at;
    }
  toa_test_remove_dir (dir);
}

static void
test_kill_flushing (void)
{
  kill_while_recording (TRUE);
}

static void
test_kill_writing_behind (void)
{
  kill_while_recording (FALSE);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], g_str_equal (argv[3], "flush"));

  g_test_init (&argc, &argv, NULL);
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_add_func ("/draft-journal/round-trip", test_round_trip);
  g_test_add_func ("/draft-journal/newest-wins-and-discard", test_newest_wins_and_discard);
  g_test_add_func ("/draft-journal/damaged", test_damaged);
  g_test_add_func ("/draft-journal/record-is-quick", test_record_is_quick);
  g_test_add_func ("/draft-journal/cannot-write", test_cannot_write);
  g_test_add_func ("/draft-journal/kill-while-flushing", test_kill_flushing);
  g_test_add_func ("/draft-journal/kill-while-writing-behind", test_kill_writing_behind);
  return g_test_run ();
}
