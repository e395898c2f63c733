/* test-revisions.c — revisions on a temporary board (SQLite, or PostgreSQL with
 * TOA_TEST_PG=1): every step (forward, return) keeps one with who took it; two are compared
 * word by word; restoring an old one makes a new one, with rights and the version check. */
#include <string.h>

#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-error.h"
#include "toa-revisions.h"
#include "toa-test-board.h"
#include "toa-transitions.h"

typedef ToaTestBoard Fixture;

static ToaPerson *
who (Fixture *f, const char *role)
{
  return toa_test_board_person (f, role);
}

static void
take (Fixture *f, const char *role, gint64 id, const char *transition, const char *target)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = transition, .target = target,
                                   .comment = target != NULL ? "Sửa lại đoạn hai" : NULL };
  ToaTransitionResult result = { 0 };

  g_assert_true (toa_transitions_do (f->store, who (f, role), &request, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.request_id, ==, 0);
  toa_transition_result_clear (&result);
}

static void
save (Fixture *f, const char *role, gint64 id, const char *title, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_store_article_get (f->store, id, &error);

  g_assert_no_error (error);
  g_free (article->title);
  article->title = g_strdup (title);
  g_free (article->body_html);
  article->body_html = g_strdup (body);
  g_assert_true (toa_articles_save (f->store, who (f, role), article, "biên tập", &error));
  g_assert_no_error (error);
}

static GPtrArray *
revisions_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = toa_revisions_list (f->store, NULL, id, &error);

  g_assert_no_error (error);
  return revisions;
}

#define REV(list, i) ((const ToaRevision *) g_ptr_array_index ((list), (i)))

/* The article through: created (1), saved (2), forward (3), return (4). */
static gint64
article_with_history (Fixture *f)
{
  gint64 id = toa_test_board_article (f, "tin", "editing", NULL);

  save (f, "editor", id, "Hội nghị tổng kết năm 2025",
        "<p>Sáng nay, Sở Nội vụ tổ chức hội nghị.</p><p>Đồng chí Giám đốc phát biểu.</p>");
  take (f, "editor", id, "forward", NULL);
  take (f, "secretary", id, "return", "editing");
  return id;
}

static void
test_steps_keep_revisions (Fixture *f, gconstpointer data)
{
  gint64 id = article_with_history (f);
  g_autoptr(GPtrArray) revisions = revisions_of (f, id);
  g_autoptr(GPtrArray) timeline = toa_store_transition_list (f->store, id, NULL);

  g_assert_cmpuint (revisions->len, ==, 4);
  for (guint i = 0; i < revisions->len; i++)
    g_assert_cmpint (REV (revisions, i)->number, ==, (int) i + 1);
  /* each step: the text as it stood, who took the step, which step */
  /* the note names the states as people read them, not by their codes */
  {
    g_autofree char *forward = g_strdup_printf ("forward: %s → %s", toa_article_state_label_for_code ("editing"),
                                                toa_article_state_label_for_code ("secretary-review"));

    g_assert_cmpstr (toa_article_state_label_for_code ("secretary-review"), !=, "secretary-review");
    g_assert_cmpstr (REV (revisions, 2)->note, ==, forward);
    g_assert_null (strstr (REV (revisions, 3)->note, "secretary-review"));
  }
  g_assert_cmpint (REV (revisions, 2)->author_id, ==, who (f, "editor")->id);
  g_assert_true (g_str_has_prefix (REV (revisions, 3)->note, "return: "));
  g_assert_true (g_str_has_suffix (REV (revisions, 3)->note, toa_article_state_label_for_code ("editing")));
  g_assert_cmpint (REV (revisions, 3)->author_id, ==, who (f, "secretary")->id);
  g_assert_cmpstr (REV (revisions, 3)->author_name, ==, who (f, "secretary")->full_name);
  g_assert_cmpstr (REV (revisions, 3)->body_html, ==, REV (revisions, 1)->body_html);
  g_assert_cmpstr (REV (revisions, 3)->title, ==, "Hội nghị tổng kết năm 2025");
  g_assert_nonnull (timeline);
  g_assert_cmpuint (timeline->len, ==, 2);
}

static void
test_failed_step_keeps_none (Fixture *f, gconstpointer data)
{
  gint64 id = toa_test_board_article (f, "tin", "editing", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = "publish" };

  /* the editor may not publish: no step, no revision */
  g_assert_false (toa_transitions_do (f->store, who (f, "editor"), &request, NULL, &error));
  g_assert_nonnull (error);
  revisions = revisions_of (f, id);
  g_assert_cmpuint (revisions->len, ==, 1);
}

static void
test_diff (Fixture *f, gconstpointer data)
{
  gint64 id = article_with_history (f);
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) sapo = NULL;
  g_autoptr(GPtrArray) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *body_text = NULL;
  g_autoptr(ToaPerson) stranger = toa_person_new ();

  g_assert_true (toa_revisions_diff (f->store, who (f, "secretary"), id, 1, 4, &title, &sapo, &body, &error));
  g_assert_no_error (error);
  title_text = toa_word_diff_markup (title);
  body_text = toa_word_diff_markup (body);
  g_assert_cmpstr (title_text, ==, "Hội nghị tổng kết năm{+ 2025+}");
  g_assert_cmpuint (sapo->len, ==, 0);
  g_assert_cmpstr (body_text, ==,
                   "{+Sáng nay, Sở Nội vụ tổ chức hội nghị.\n\nĐồng chí Giám đốc phát biểu.+}");

  /* an unknown revision, an unknown article, a person without a role on the site */
  g_assert_false (toa_revisions_diff (f->store, NULL, id, 1, 9, NULL, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (toa_revisions_diff (f->store, NULL, id + 1000, 1, 2, NULL, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stranger->id = 999999;
  stranger->login = g_strdup ("nguoi-la");
  stranger->full_name = g_strdup ("Người Lạ");
  stranger->active = TRUE;
  g_assert_false (toa_revisions_diff (f->store, stranger, id, 1, 2, NULL, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  gint64 id = article_with_history (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) before = toa_store_article_get (f->store, id, NULL);
  g_autoptr(ToaArticle) after = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 count = 0, bad = 0;
  int number;

  /* someone who may not write, and a stale version: nothing changes */
  number = toa_revisions_restore (f->store, who (f, "accountant"), id, 1, 0, &error);
  g_assert_cmpint (number, ==, 0);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  number = toa_revisions_restore (f->store, who (f, "editor"), id, 1, before->version - 1, &error);
  g_assert_cmpint (number, ==, 0);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  number = toa_revisions_restore (f->store, who (f, "editor"), id, 42, 0, &error);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  revisions = revisions_of (f, id);
  g_assert_cmpuint (revisions->len, ==, 4);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  number = toa_revisions_restore (f->store, who (f, "editor"), id, 1, before->version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 5);
  revisions = revisions_of (f, id);
  g_assert_cmpuint (revisions->len, ==, 5);
  g_assert_cmpstr (REV (revisions, 4)->note, ==, "Khôi phục phiên bản 1");
  g_assert_cmpstr (REV (revisions, 4)->title, ==, REV (revisions, 0)->title);
  g_assert_cmpstr (REV (revisions, 4)->body_html, ==, REV (revisions, 0)->body_html);
  g_assert_cmpint (REV (revisions, 4)->author_id, ==, who (f, "editor")->id);
  after = toa_store_article_get (f->store, id, NULL);
  g_assert_cmpstr (after->title, ==, "Hội nghị tổng kết năm");
  g_assert_cmpint (after->version, ==, before->version + 1);
  g_assert_cmpstr (after->state, ==, before->state);

  g_assert_true (toa_audit_verify (f->store, &count, &bad, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, toa_test_board_set_up, func, toa_test_board_tear_down)
  ADD ("/revisions/steps", test_steps_keep_revisions);
  ADD ("/revisions/failed-step", test_failed_step_keeps_none);
  ADD ("/revisions/diff", test_diff);
  ADD ("/revisions/restore", test_restore);
  return g_test_run ();
}
