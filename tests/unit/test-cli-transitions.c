/* test-cli-transitions.c — `toasoan-cli workflow do`, `workflow history` and `delegate` as a
 * subprocess. The permission matrix of every preset (items fixed to it): for every state,
 * every transition leaving it (designed and other genres where the rule differs), each role
 * alone either takes it (exit 0, the item moved), asks for approval (exit 0, "pending" with a
 * request id, the item exactly as before) or gets exit 3 with the item exactly as before
 * (`article show --json`); and `workflow actions --json` lists exactly what succeeded.
 * Then delegation in and out of its range, the exits for a missing comment or an unknown
 * action (2) and for someone acting first (4).
 * The database is prepared through core (people, articles put in a state), the acts go
 * through the CLI. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-util.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

static const char *const role_codes[] = {
  "head", "standing-deputy", "deputy", "secretary", "member", "editor", "technician",
  "accountant", "admin",
};

static const char *cli_path;
static char *dir;
static char *db_path;
static ToaStore *store;
static ToaPerson *writer;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* toasoan-cli --db DB ARGS (a NULL-terminated array) under LANGUAGE=C. */
static Run *
runv (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_printerr ("→ %d\n%s%s", run->status, run->out, run->err);
  return run;
}

static Run *
run (const char *first, ...) G_GNUC_NULL_TERMINATED;

static Run *
run (const char *first, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return runv ((const char * const *) args->pdata);
}

static void
assert_status (const Run *r, int status)
{
  if (r->status != status)
    g_error ("exit %d, expected %d\nstdout: %s\nstderr: %s", r->status, status, r->out, r->err);
}

/* A new article by the writer, put in @state directly (test setup, not a transition). */
static gint64
article_in (const char *genre, const char *state)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = { .section_code = "tin", .genre = genre, .title = "Bài thử quyền" };
  g_autoptr(ToaArticle) article = toa_articles_create (store, writer, &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static char *
show (gint64 id)
{
  g_autofree char *text = g_strdup_printf ("%lld", (long long) id);
  g_autoptr(Run) r = run ("--json", "article", "show", text, NULL);

  assert_status (r, 0);
  return g_steal_pointer (&r->out);
}

/* The arguments that make @t complete as far as its data asks (comment, ground, target, time). */
static Run *
act (const ToaWorkflow *workflow, const ToaWorkflowTransition *t, const char *from, gint64 id,
     const char *login, gboolean json)
{
  g_autofree char *text = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *as = g_strdup_printf ("r-%s", login);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GPtrArray) earlier = NULL;

  if (json)
    g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, (gpointer) "workflow");
  g_ptr_array_add (args, (gpointer) "do");
  g_ptr_array_add (args, text);
  g_ptr_array_add (args, t->code);
  g_ptr_array_add (args, (gpointer) "--as");
  g_ptr_array_add (args, as);
  g_ptr_array_add (args, (gpointer) "--comment");
  g_ptr_array_add (args, (gpointer) "Ý kiến thử");
  if (t->ground_required)
    {
      g_ptr_array_add (args, (gpointer) "--reason");
      g_ptr_array_add (args, (gpointer) "untrue");
    }
  if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
    {
      earlier = toa_workflow_earlier_states (workflow, from);
      g_assert_cmpuint (earlier->len, >, 0);
      g_ptr_array_add (args, (gpointer) "--target");
      g_ptr_array_add (args, g_ptr_array_index (earlier, 0));
    }
  if (g_strcmp0 (t->to, "scheduled") == 0)
    {
      g_ptr_array_add (args, (gpointer) "--at");
      g_ptr_array_add (args, (gpointer) "2099-01-01 08:00");
    }
  g_ptr_array_add (args, NULL);
  return runv ((const char * const *) args->pdata);
}

/* ---- the permission matrix over every preset ------------------------------------------- */

typedef enum { DENIED, DONE, PENDING } Outcome;

/* What toa-transitions.h promises for one role alone: allowed when the role is among the
 * transition's roles; then a transition that needs approval, taken by a role that is not an
 * approving one, becomes a pending request. */
static Outcome
expected_outcome (const ToaWorkflowTransition *t, const char *role)
{
  if (!toa_workflow_transition_allows_role (t, role))
    return DENIED;
  if (t->approval_roles != NULL && t->approval_roles[0] != NULL
      && !g_strv_contains ((const char * const *) t->approval_roles, role))
    return PENDING;
  return DONE;
}

/* The state @t leads to from @from with the arguments act () gives. */
static const char *
expected_to (const ToaWorkflow *workflow, const ToaWorkflowTransition *t, const char *from)
{
  g_autoptr(GPtrArray) earlier = NULL;

  if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) != 0)
    return t->to;
  earlier = toa_workflow_earlier_states (workflow, from);
  return g_ptr_array_index (earlier, 0);
}

/* A new article in @state whose workflow is fixed to @workflow (test setup through the
 * store, not a transition). */
static gint64
article_on (const ToaWorkflow *workflow, const char *genre, const char *state)
{
  g_autoptr(GError) error = NULL;
  gint64 id = article_in (genre, state);
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (store, id, &error);

  g_assert_no_error (error);
  g_free (flow->workflow_code);
  flow->workflow_code = g_strdup (workflow->code);
  flow->workflow_version = workflow->version;
  g_assert_true (toa_store_article_flow_update (store, flow, flow->version, flow->state, &error));
  g_assert_no_error (error);
  return id;
}

static JsonObject *
object_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Does the rule for designed products change what leaves @state? */
static gboolean
genre_rule_matters (const ToaWorkflow *workflow, const char *state)
{
  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

      if (t->genre_rule != TOA_WORKFLOW_ANY_GENRE && toa_workflow_transition_leaves (t, state))
        return TRUE;
    }
  return FALSE;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The codes `workflow actions --json` lists for @role on @id, sorted, comma-separated. */
static char *
listed_codes (gint64 id, const char *role)
{
  g_autofree char *text = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *as = g_strdup_printf ("r-%s", role);
  g_autoptr(Run) r = run ("--json", "workflow", "actions", text, "--as", as, NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  JsonArray *list;

  assert_status (r, 0);
  object = object_of (r->out);
  list = json_object_get_array_member (object, "actions");
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_ptr_array_add (codes, (gpointer) json_object_get_string_member (json_array_get_object_element (list, i), "code"));
  g_ptr_array_sort (codes, compare_codes);
  g_ptr_array_add (codes, NULL);
  return g_strjoinv (",", (char **) codes->pdata);
}

typedef struct {
  guint done, pending, denied, listed;
} Tally;

/* Every transition leaving @state (for this kind of genre), each role alone, on items of
 * @workflow; then what `workflow actions` lists equals what succeeded. */
static void
matrix_state (const ToaWorkflow *workflow, const char *state, gboolean designed, Tally *tally)
{
  const char *genre = designed ? "infographic" : "tin";
  g_autoptr(GPtrArray) here = toa_workflow_transitions_from (workflow, state, designed);
  gint64 shared = article_on (workflow, genre, state);
  g_autofree char *before = show (shared);

  for (guint r = 0; r < G_N_ELEMENTS (role_codes); r++)
    {
      const char *role = role_codes[r];
      g_autoptr(GPtrArray) succeeded = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *after = NULL, *listed = NULL, *expected = NULL;
      gboolean any_denied = FALSE;

      for (guint k = 0; k < here->len; k++)
        {
          const ToaWorkflowTransition *t = g_ptr_array_index (here, k);
          Outcome outcome;

          if (!g_hash_table_add (seen, t->code))
            continue;   /* the checker takes the first definition of a code */
          outcome = expected_outcome (t, role);
          if (outcome == DENIED)
            {
              g_autoptr(Run) refused = act (workflow, t, state, shared, role, FALSE);

              if (refused->status != 3)
                g_error ("%s: %s from %s (%s) as %s: exit %d, expected 3: %s%s", workflow->code,
                         t->code, state, genre, role, refused->status, refused->out, refused->err);
              any_denied = TRUE;
              tally->denied++;
              continue;
            }

          {
            gint64 fresh = article_on (workflow, genre, state);
            g_autofree char *fresh_before = show (fresh);
            g_autoptr(Run) done = act (workflow, t, state, fresh, role, TRUE);
            g_autoptr(JsonObject) result = NULL;
            g_autoptr(JsonObject) shown = NULL;
            g_autofree char *fresh_after = NULL;

            if (done->status != 0)
              g_error ("%s: %s from %s (%s) as %s: exit %d, expected 0: %s%s", workflow->code,
                       t->code, state, genre, role, done->status, done->out, done->err);
            result = object_of (done->out);
            fresh_after = show (fresh);
            if (outcome == PENDING)
              {
                if (!json_object_has_member (result, "pending")
                    || !json_object_get_boolean_member (result, "pending")
                    || !json_object_has_member (result, "request_id")
                    || json_object_get_int_member (result, "request_id") <= 0)
                  g_error ("%s: %s from %s as %s should be a pending request: %s", workflow->code,
                           t->code, state, role, done->out);
                g_assert_cmpstr (fresh_after, ==, fresh_before);
                tally->pending++;
              }
            else
              {
                shown = object_of (fresh_after);
                if (json_object_has_member (result, "pending"))
                  g_assert_false (json_object_get_boolean_member (result, "pending"));
                g_assert_cmpstr (json_object_get_string_member (shown, "state"), ==,
                                 expected_to (workflow, t, state));
                g_assert_cmpstr (json_object_get_string_member (result, "to"), ==,
                                 expected_to (workflow, t, state));
                tally->done++;
              }
            g_ptr_array_add (succeeded, t->code);
          }
        }

      /* nothing refused changed the item; the list offers exactly what succeeded */
      if (any_denied)
        {
          after = show (shared);
          if (g_strcmp0 (after, before) != 0)
            g_error ("%s: a refused action from %s as %s changed the item:\n%s\n%s", workflow->code,
                     state, role, before, after);
        }
      g_ptr_array_sort (succeeded, compare_codes);
      g_ptr_array_add (succeeded, NULL);
      expected = g_strjoinv (",", (char **) succeeded->pdata);
      listed = listed_codes (shared, role);
      if (g_strcmp0 (listed, expected) != 0)
        g_error ("%s: from %s (%s) as %s `workflow actions` lists “%s”; succeeded: “%s”",
                 workflow->code, state, genre, role, listed, expected);
      tally->listed++;
    }
}

static void
test_permission_matrix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) presets = toa_workflow_presets (&error);
  g_autoptr(GTimer) timer = g_timer_new ();
  Tally all = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (presets->len, ==, 4);
  for (guint p = 0; p < presets->len; p++)
    {
      const ToaWorkflow *preset = g_ptr_array_index (presets, p);
      g_autoptr(ToaWorkflow) workflow = toa_workflow_load (store, preset->code, 0, &error);
      Tally tally = { 0 };

      g_assert_no_error (error);
      for (guint s = 0; s < workflow->states->len; s++)
        {
          const ToaWorkflowState *state = g_ptr_array_index (workflow->states, s);

          matrix_state (workflow, state->code, FALSE, &tally);
          if (genre_rule_matters (workflow, state->code))
            matrix_state (workflow, state->code, TRUE, &tally);
        }
      if (g_test_verbose ())
        g_printerr ("%s: %u done, %u pending, %u refused, %u lists\n", workflow->code,
                    tally.done, tally.pending, tally.denied, tally.listed);
      /* every preset publishes, has someone refuse, and a request for approval */
      g_assert_cmpuint (tally.done, >=, 8);
      g_assert_cmpuint (tally.pending, >=, 1);
      g_assert_cmpuint (tally.denied, >, tally.done);
      all.done += tally.done;
      all.pending += tally.pending;
      all.denied += tally.denied;
    }
  g_test_message ("matrix: %u done, %u pending, %u refused in %.1f s", all.done, all.pending,
                  all.denied, g_timer_elapsed (timer, NULL));
}

static gint64
id_of (const Run *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, r->out, -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "id");
}

static void
test_delegation_range (void)
{
  gint64 id = article_in ("tin", "deputy-review");
  g_autofree char *text = g_strdup_printf ("%lld", (long long) id);
  g_autoptr(Run) before = run ("workflow", "do", text, "publish", "--as", "r-secretary", NULL);
  g_autoptr(Run) past = NULL, wrong = NULL, bad_to = NULL, given = NULL, during = NULL;
  g_autoptr(Run) history = NULL, json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 30);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *later = g_date_time_format (soon, "%Y-%m-%d");
  JsonObject *object;

  assert_status (before, 3);
  /* a range already over gives nothing */
  past = run ("delegate", "--from", "r-standing-deputy", "--to", "r-secretary", "--actions", "publish",
              "--from-date", "2020-01-01", "--to-date", "2020-01-31", "--as", "r-standing-deputy", NULL);
  assert_status (past, 0);
  g_clear_pointer (&before, run_free);
  before = run ("workflow", "do", text, "publish", "--as", "r-secretary", NULL);
  assert_status (before, 3);
  /* only the delegator or the administrator; only to whom the definition allows */
  wrong = run ("delegate", "--from", "r-standing-deputy", "--to", "r-secretary", "--actions", "publish",
               "--from-date", today, "--to-date", later, "--as", "r-secretary", NULL);
  assert_status (wrong, 3);
  bad_to = run ("delegate", "--from", "r-standing-deputy", "--to", "r-editor", "--actions", "publish",
                "--from-date", today, "--to-date", later, "--as", "r-standing-deputy", NULL);
  assert_status (bad_to, 3);
  given = run ("--json", "delegate", "--from", "r-standing-deputy", "--to", "r-secretary", "--actions",
               "publish,schedule", "--from-date", today, "--to-date", later, "--as", "r-admin", NULL);
  assert_status (given, 0);
  /* in force now (UTC today is within a range ending 30 days on, whatever Vietnam's date) */
  during = run ("--json", "workflow", "do", text, "publish", "--as", "r-secretary", NULL);
  assert_status (during, 0);
  g_assert_true (json_parser_load_from_data (parser, during->out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_size (object), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "deputy-review");
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "published");
  g_assert_cmpstr (json_object_get_string_member (object, "transition"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (object, "on_behalf_of"), ==, "Người standing-deputy");
  history = run ("workflow", "history", text, NULL);
  assert_status (history, 0);
  g_assert_nonnull (strstr (history->out, "KT. Người standing-deputy"));
  json = run ("--json", "workflow", "history", text, NULL);
  assert_status (json, 0);
  g_assert_nonnull (strstr (json->out, "\"on_behalf_of\" : \"Người standing-deputy\""));
  g_assert_cmpint (id_of (during), ==, id);
}

static void
test_exits (void)
{
  gint64 id = article_in ("tin", "deputy-review");
  g_autofree char *text = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *before = show (id);
  g_autoptr(Run) no_comment = run ("workflow", "do", text, "return", "--target", "editing",
                                   "--as", "r-standing-deputy", NULL);
  g_autoptr(Run) unknown = run ("workflow", "do", text, "frobnicate", "--as", "r-standing-deputy", NULL);
  g_autoptr(Run) no_time = run ("workflow", "do", text, "schedule", "--as", "r-standing-deputy", NULL);
  g_autoptr(Run) first = NULL, second = NULL, third = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *expected = NULL;
  gint64 seen;

  assert_status (no_comment, 2);
  assert_status (unknown, 2);
  assert_status (no_time, 2);
  after = show (id);
  g_assert_cmpstr (after, ==, before);

  /* two people saw the same version; the second to act is told who was first */
  g_assert_true (json_parser_load_from_data (parser, before, -1, NULL));
  seen = json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "version");
  version = g_strdup_printf ("%lld", (long long) seen);
  first = run ("workflow", "do", text, "return", "--target", "editing", "--comment", "Sửa tít",
               "--version", version, "--as", "r-standing-deputy", NULL);
  assert_status (first, 0);
  expected = g_strdup_printf ("%lld: editing\n", (long long) id);
  g_assert_cmpstr (first->out, ==, expected);
  second = run ("workflow", "do", text, "publish", "--version", version, "--as", "r-standing-deputy", NULL);
  assert_status (second, 4);
  g_assert_nonnull (strstr (second->err, "Người standing-deputy"));
  third = run ("audit", "verify", NULL);
  assert_status (third, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(Run) init = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  dir = toa_test_make_dir ();
  db_path = g_build_filename (dir, "board.db", NULL);
  init = run ("init", NULL);
  assert_status (init, 0);

  store = toa_store_open (db_path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin");
  section->name = g_strdup ("Tin tức");
  g_assert_true (toa_store_section_add (store, section, &error));
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("r-%s", role_codes[i]);
      g_autofree char *name = g_strdup_printf ("Người %s", role_codes[i]);
      g_autoptr(ToaPerson) person = NULL;
      ToaRoleGrant grant;

      g_assert_true (toa_people_parse_role (store, role_codes[i], &grant, &error));
      g_array_append_val (grants, grant);
      person = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
      g_assert_no_error (error);
      if (g_str_equal (role_codes[i], "editor"))
        writer = g_steal_pointer (&person);
    }

  g_test_add_func ("/cli-transitions/permission-matrix", test_permission_matrix);
  g_test_add_func ("/cli-transitions/delegation-range", test_delegation_range);
  g_test_add_func ("/cli-transitions/exits", test_exits);
  status = g_test_run ();

  toa_person_free (writer);
  g_clear_object (&store);
  toa_test_remove_dir (dir);
  g_free (dir);
  g_free (db_path);
  return status;
}
