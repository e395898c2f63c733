/* test-role-state.c — role and article-state codes and labels, error exit codes, the
 * plain records of toa-model.h and the article object. */
#include "toa-article.h"
#include "toa-article-state.h"
#include "toa-error.h"
#include "toa-model.h"
#include "toa-role.h"

static void
test_roles (void)
{
  static const char * const codes[] = {
    "head", "standing-deputy", "deputy", "secretary", "member", "editor", "technician",
    "accountant", "admin",
  };
  ToaRole role;

  g_assert_cmpuint (G_N_ELEMENTS (codes), ==, TOA_N_ROLES);
  for (guint i = 0; i < TOA_N_ROLES; i++)
    {
      g_assert_cmpstr (toa_role_code ((ToaRole) i), ==, codes[i]);
      g_assert_true (toa_role_from_code (codes[i], &role));
      g_assert_cmpint (role, ==, i);
      g_assert_nonnull (toa_role_label ((ToaRole) i));
      g_assert_cmpstr (toa_role_label ((ToaRole) i), !=, "");
    }
  g_assert_false (toa_role_from_code ("Head", &role));
  g_assert_false (toa_role_from_code ("", &role));
  g_assert_false (toa_role_from_code (NULL, &role));

  for (guint i = 0; i < TOA_N_ROLES; i++)
    g_assert_true (toa_role_can_write_articles ((ToaRole) i)
                   == (i != TOA_ROLE_ACCOUNTANT && i != TOA_ROLE_ADMIN));
  g_assert_false (toa_role_can_write_articles (TOA_N_ROLES));
}

static void
test_states (void)
{
  static const char * const codes[] = {
    "received", "draft", "editing", "secretary-review", "deputy-review", "escalated",
    "chairman-opinion", "scheduled", "published", "returned", "refused", "withdrawn",
  };
  ToaArticleState state;

  g_assert_cmpuint (G_N_ELEMENTS (codes), ==, TOA_N_STATES);
  for (guint i = 0; i < TOA_N_STATES; i++)
    {
      g_assert_cmpstr (toa_article_state_code ((ToaArticleState) i), ==, codes[i]);
      g_assert_true (toa_article_state_from_code (codes[i], &state));
      g_assert_cmpint (state, ==, i);
      g_assert_cmpstr (toa_article_state_label_for_code (codes[i]), ==,
                       toa_article_state_label ((ToaArticleState) i));
      g_assert_cmpstr (toa_article_state_label ((ToaArticleState) i), !=, codes[i]);
    }
  g_assert_false (toa_article_state_from_code ("deleted", &state));
  g_assert_cmpstr (toa_article_state_label_for_code ("deleted"), ==, "deleted");
  g_assert_null (toa_article_state_label_for_code (NULL));
}

static void
test_exit_codes (void)
{
  static const struct { ToaError code; int exit; } cases[] = {
    { TOA_ERROR_INVALID, 2 }, { TOA_ERROR_NOT_FOUND, 2 }, { TOA_ERROR_PERMISSION, 3 },
    { TOA_ERROR_AUTH, 3 }, { TOA_ERROR_CONFLICT, 4 }, { TOA_ERROR_IO, 5 },
    { TOA_ERROR_DB_LOCKED, 5 }, { TOA_ERROR_DB_CORRUPT, 5 }, { TOA_ERROR_DB_NEWER, 5 },
    { TOA_ERROR_DB_FOREIGN, 5 },
  };
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (TOA_ERROR, cases[i].code, "x");
      g_assert_cmpint (toa_error_exit_code (error), ==, cases[i].exit);
    }
  g_assert_cmpint (toa_error_exit_code (NULL), ==, 0);
  g_assert_cmpint (toa_error_exit_code (other), ==, 5);
}

static void
test_person_roles (void)
{
  g_autoptr(ToaPerson) person = toa_person_new ();
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (person->active);
  g_assert_cmpuint (person->roles->len, ==, 0);

  toa_person_add_role (person, 1, "portal", TOA_ROLE_SECRETARY);
  toa_person_add_role (person, 2, "so-y-te", TOA_ROLE_EDITOR);
  toa_person_add_role (person, 1, "portal", TOA_ROLE_SECRETARY);   /* no duplicate */
  g_assert_cmpuint (person->roles->len, ==, 2);

  g_assert_true (toa_person_has_role (person, 1, TOA_ROLE_SECRETARY));
  g_assert_true (toa_person_has_role (person, 2, TOA_ROLE_EDITOR));
  g_assert_false (toa_person_has_role (person, 2, TOA_ROLE_SECRETARY));
  g_assert_false (toa_person_has_role (person, 1, TOA_ROLE_EDITOR));

  text = toa_person_roles_text (person);
  expected = g_strdup_printf ("%s (portal), %s (so-y-te)", toa_role_label (TOA_ROLE_SECRETARY),
                              toa_role_label (TOA_ROLE_EDITOR));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_records_free (void)
{
  ToaSite *site = toa_site_new ();
  ToaAuditRecord *record = toa_audit_record_new ();
  ToaRevision *revision = toa_revision_new ();

  site->code = g_strdup ("portal");
  site->name = g_strdup ("Cổng TTĐT");
  record->action = g_strdup ("site.add");
  record->hash = g_strdup ("00");
  revision->title = g_strdup ("Tiêu đề");
  toa_site_free (site);
  toa_audit_record_free (record);
  toa_revision_free (revision);
  toa_site_free (NULL);
  toa_person_free (NULL);
}

static void
test_article_object (void)
{
  ToaArticle *article = toa_article_new ();
  GWeakRef ref;

  g_assert_cmpuint (article->authors->len, ==, 0);
  toa_article_add_author (article, 7, "Nguyễn Văn A", "author", 7000);
  toa_article_add_author (article, 8, NULL, "photographer", 3000);
  article->title = g_strdup ("Bình Phước");
  g_assert_cmpuint (article->authors->len, ==, 2);
  g_assert_cmpint (g_array_index (article->authors, ToaAuthorShare, 0).share_bp, ==, 7000);
  g_assert_cmpstr (g_array_index (article->authors, ToaAuthorShare, 1).role, ==, "photographer");
  g_assert_null (g_array_index (article->authors, ToaAuthorShare, 1).name);

  g_weak_ref_init (&ref, article);
  g_object_unref (article);
  g_assert_null (g_weak_ref_get (&ref));
  g_weak_ref_clear (&ref);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/role/codes", test_roles);
  g_test_add_func ("/state/codes", test_states);
  g_test_add_func ("/error/exit-codes", test_exit_codes);
  g_test_add_func ("/model/person-roles", test_person_roles);
  g_test_add_func ("/model/free", test_records_free);
  g_test_add_func ("/model/article", test_article_object);

  return g_test_run ();
}
