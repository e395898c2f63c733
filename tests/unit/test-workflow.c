/* test-workflow.c — workflow definitions as data: the presets parse and validate, each
 * validation rule catches a broken definition, the generic checker over the full permission
 * matrix of every preset (expected pairs read from the JSON independently), designed
 * products, delegation, refusal grounds, returns to an earlier step, versioned storage and
 * the board's default workflow. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-role.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

#define RESOURCE_DIR "/io/github/toasoan/ToaSoan/workflows/"

static const char *const preset_codes[] = { "binh-duong", "binh-phuoc-2015", "binh-phuoc-2024", "dong-nai" };
static const char *const all_roles[] = { "head", "standing-deputy", "deputy", "secretary", "member",
                                         "editor", "technician", "accountant", "admin" };

/* Makes sure the store library (and with it the GResource) is linked in. */
static void
ensure_resources (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = toa_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "r.db", NULL);
  ToaStore *store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  toa_test_remove_dir (dir);
}

static ToaWorkflow *
preset (const char *code)
{
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GError) error = NULL;

  presets = toa_workflow_presets (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < presets->len; i++)
    if (g_str_equal (((ToaWorkflow *) presets->pdata[i])->code, code))
      return g_ptr_array_steal_index (presets, i);
  g_assert_not_reached ();
  return NULL;
}

/* The preset's JSON as json-glib reads it, for computing expectations independently. */
static JsonNode *
raw_preset (const char *code)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, code, ".json", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) len, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* ---- presets ----------------------------------------------------------------------------- */

static void
test_presets_valid (void)
{
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GError) error = NULL;

  ensure_resources ();
  presets = toa_workflow_presets (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (presets->len, ==, G_N_ELEMENTS (preset_codes));
  for (guint i = 0; i < presets->len; i++)
    {
      ToaWorkflow *workflow = presets->pdata[i];
      g_autoptr(GPtrArray) problems = toa_workflow_validate (workflow);
      g_autofree char *json = NULL, *again_json = NULL;
      g_autoptr(ToaWorkflow) again = NULL;

      g_assert_cmpstr (workflow->code, ==, preset_codes[i]);
      for (guint p = 0; p < problems->len; p++)
        g_test_message ("%s: %s", workflow->code, (char *) problems->pdata[p]);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpint (workflow->version, ==, 1);
      g_assert_nonnull (strstr (workflow->source, "Điều"));
      g_assert_cmpuint (workflow->states->len, >, 3);

      /* JSON out and in again gives the same definition. */
      json = toa_workflow_to_json (workflow, FALSE);
      again = toa_workflow_from_json (json, -1, &error);
      g_assert_no_error (error);
      again_json = toa_workflow_to_json (again, FALSE);
      g_assert_cmpstr (json, ==, again_json);
    }
}

static void
test_parse_errors (void)
{
  static const char *const bad[] = {
    "not json",
    "[]",
    "{\"code\": \"x\", \"transitions\": []}",
    "{\"code\": \"x\", \"states\": [], \"transitions\": [{\"code\": \"a\", \"to\": \"b\", \"roles\": 3}]}",
    "{\"code\": \"x\", \"states\": [{\"code\": \"a\", \"step\": \"one\"}], \"transitions\": []}",
    "{\"code\": \"x\", \"states\": [], \"transitions\": [{\"code\": \"a\", \"to\": \"b\", \"designed_only\": true, \"not_designed\": true}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaWorkflow) workflow = toa_workflow_from_json (bad[i], -1, &error);

      g_assert_null (workflow);
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    }
}

/* ---- validation rules -------------------------------------------------------------------- */

static const char base_json[] =
  "{\"code\": \"mau\", \"name\": \"Mẫu\", \"version\": 1, \"source\": \"test\","
  " \"states\": ["
  "  {\"code\": \"received\", \"start\": true},"
  "  {\"code\": \"editing\", \"step\": 1},"
  "  {\"code\": \"deputy-review\", \"step\": 2},"
  "  {\"code\": \"published\", \"end\": true},"
  "  {\"code\": \"refused\", \"end\": true}],"
  " \"transitions\": ["
  "  {\"code\": \"accept\", \"from\": \"received\", \"to\": \"editing\", \"roles\": [\"editor\"]},"
  "  {\"code\": \"refuse\", \"from\": \"received\", \"to\": \"refused\", \"roles\": [\"editor\"], \"ground_required\": true},"
  "  {\"code\": \"forward\", \"from\": \"editing\", \"to\": \"deputy-review\", \"roles\": [\"editor\"]},"
  "  {\"code\": \"return\", \"from\": \"deputy-review\", \"to\": \"earlier\", \"roles\": [\"head\"], \"comment_required\": true},"
  "  {\"code\": \"publish\", \"from\": \"deputy-review\", \"to\": \"published\", \"roles\": [\"head\"], \"publishes\": true}]}";

static JsonObject *
nth (JsonObject *root, const char *member, guint i)
{
  return json_array_get_object_element (json_object_get_array_member (root, member), i);
}

static void
add_state (JsonObject *root, const char *code, gboolean end)
{
  JsonObject *state = json_object_new ();

  json_object_set_string_member (state, "code", code);
  if (end)
    json_object_set_boolean_member (state, "end", TRUE);
  json_array_add_object_element (json_object_get_array_member (root, "states"), state);
}

static void
add_transition (JsonObject *root, const char *code, const char *from, const char *to, const char *role)
{
  JsonObject *t = json_object_new ();
  JsonArray *roles = json_array_new ();

  json_array_add_string_element (roles, role);
  json_object_set_string_member (t, "code", code);
  json_object_set_string_member (t, "from", from);
  json_object_set_string_member (t, "to", to);
  json_object_set_array_member (t, "roles", roles);
  json_array_add_object_element (json_object_get_array_member (root, "transitions"), t);
}

/* Each breaks exactly one rule. */
static void break_unique_state (JsonObject *r) { add_state (r, "editing", FALSE); }
static void break_unique_transition (JsonObject *r) { add_transition (r, "forward", "editing", "published", "head"); }
static void break_from (JsonObject *r) { json_object_set_string_member (nth (r, "transitions", 2), "from", "nowhere"); add_transition (r, "forward", "editing", "deputy-review", "editor"); }
static void break_to (JsonObject *r) { add_transition (r, "jump", "editing", "nowhere", "editor"); }
static void break_role (JsonObject *r) { add_transition (r, "jump", "editing", "published", "chief"); }
static void break_two_starts (JsonObject *r) { json_object_set_boolean_member (nth (r, "states", 1), "start", TRUE); }
static void break_unreachable (JsonObject *r) { add_state (r, "withdrawn", TRUE); }
static void break_no_end (JsonObject *r) { add_state (r, "escalated", FALSE); add_transition (r, "escalate", "deputy-review", "escalated", "head"); }
static void break_no_publish (JsonObject *r) { json_object_remove_member (nth (r, "transitions", 4), "publishes"); }
static void break_refuse_ground (JsonObject *r) { json_object_remove_member (nth (r, "transitions", 1), "ground_required"); }
static void break_state_code (JsonObject *r) { add_state (r, "limbo", TRUE); add_transition (r, "park", "editing", "limbo", "editor"); }
static void break_earlier (JsonObject *r) { json_object_set_string_member (nth (r, "transitions", 3), "from", "editing"); add_transition (r, "return", "deputy-review", "earlier", "head"); }
static void break_workflow_code (JsonObject *r) { json_object_set_string_member (r, "code", "Mẫu 1"); }

typedef struct {
  void (*apply) (JsonObject *root);
  const char *needle;   /* an identifier the problem names (messages themselves are translated) */
} Breakage;

static void
test_validation_rules (void)
{
  const Breakage cases[] = {
    { break_unique_state, "editing" },
    { break_unique_transition, "forward" },
    { break_from, "nowhere" },
    { break_to, "nowhere" },
    { break_role, "chief" },
    { break_two_starts, NULL },
    { break_unreachable, "withdrawn" },
    { break_no_end, "escalated" },
    { break_no_publish, NULL },
    { break_refuse_ground, "refuse" },
    { break_state_code, "limbo" },
    { break_earlier, "editing" },
    { break_workflow_code, "Mẫu 1" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaWorkflow) base = toa_workflow_from_json (base_json, -1, &error);
  g_autoptr(GPtrArray) base_problems = NULL;

  g_assert_no_error (error);
  base_problems = toa_workflow_validate (base);
  g_assert_cmpuint (base_problems->len, ==, 0);
  g_assert_true (toa_workflow_validate_checked (base, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(ToaWorkflow) broken = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) checked_error = NULL;

      g_assert_true (json_parser_load_from_data (parser, base_json, -1, NULL));
      cases[i].apply (json_node_get_object (json_parser_get_root (parser)));
      broken = toa_workflow_from_node (json_parser_get_root (parser), &error);
      g_assert_no_error (error);
      problems = toa_workflow_validate (broken);
      for (guint p = 0; p < problems->len; p++)
        g_test_message ("case %u: %s", i, (char *) problems->pdata[p]);
      g_assert_cmpuint (problems->len, ==, 1);
      if (cases[i].needle != NULL)
        g_assert_nonnull (strstr (problems->pdata[0], cases[i].needle));
      g_assert_false (toa_workflow_validate_checked (broken, &checked_error));
      g_assert_error (checked_error, TOA_ERROR, TOA_ERROR_INVALID);
      g_assert_nonnull (strstr (checked_error->message, problems->pdata[0]));
    }

  /* No start state: the rule fires (and nothing is reachable). */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(ToaWorkflow) broken = NULL;
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (json_parser_load_from_data (parser, base_json, -1, NULL));
    json_object_remove_member (nth (json_node_get_object (json_parser_get_root (parser)), "states", 0), "start");
    broken = toa_workflow_from_node (json_parser_get_root (parser), NULL);
    problems = toa_workflow_validate (broken);
    g_assert_cmpuint (problems->len, ==, 1 + 5);   /* the start rule + 5 unreachable states */
  }
}

/* ---- the permission matrix ----------------------------------------------------------------- */

static gboolean
raw_member_has (JsonObject *object, const char *member, const char *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    return g_strcmp0 (json_node_get_string (node), value) == 0;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    if (g_strcmp0 (json_array_get_string_element (json_node_get_array (node), i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
raw_applies (JsonObject *t, gboolean designed)
{
  if (json_object_get_boolean_member_with_default (t, "designed_only", FALSE))
    return designed;
  if (json_object_get_boolean_member_with_default (t, "not_designed", FALSE))
    return !designed;
  return TRUE;
}

/* The first state strictly between 0 and @state's step, read from the raw JSON. */
static const char *
raw_earlier (JsonArray *states, const char *state)
{
  gint64 step = 0;

  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonObject *s = json_array_get_object_element (states, i);

      if (g_str_equal (json_object_get_string_member (s, "code"), state))
        step = json_object_get_int_member_with_default (s, "step", 0);
    }
  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonObject *s = json_array_get_object_element (states, i);
      gint64 k = json_object_get_int_member_with_default (s, "step", 0);

      if (k > 0 && k < step)
        return json_object_get_string_member (s, "code");
    }
  return NULL;
}

static void
test_permission_matrix (void)
{
  ensure_resources ();
  for (guint p = 0; p < G_N_ELEMENTS (preset_codes); p++)
    {
      g_autoptr(ToaWorkflow) workflow = preset (preset_codes[p]);
      g_autoptr(JsonNode) raw = raw_preset (preset_codes[p]);
      JsonArray *states = json_object_get_array_member (json_node_get_object (raw), "states");
      JsonArray *transitions = json_object_get_array_member (json_node_get_object (raw), "transitions");
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
      guint allowed = 0, refused = 0, absent = 0;
      GHashTableIter iter;
      gpointer code;

      for (guint k = 0; k < json_array_get_length (transitions); k++)
        g_hash_table_add (codes, (gpointer) json_object_get_string_member (
                            json_array_get_object_element (transitions, k), "code"));
      g_hash_table_add (codes, (gpointer) "no-such-action");

      for (guint s = 0; s < json_array_get_length (states); s++)
        for (int designed = 0; designed <= 1; designed++)
          {
            const char *state = json_object_get_string_member (json_array_get_object_element (states, s), "code");

            g_hash_table_iter_init (&iter, codes);
            while (g_hash_table_iter_next (&iter, &code, NULL))
              for (guint r = 0; r < G_N_ELEMENTS (all_roles); r++)
                {
                  const char *roles[] = { all_roles[r], NULL };
                  gboolean exists = FALSE, expected = FALSE;
                  const char *expected_to = NULL;
                  ToaWorkflowRequest request = { 0 };
                  ToaWorkflowDecision decision = { 0 };
                  g_autoptr(GError) error = NULL;

                  for (guint k = 0; k < json_array_get_length (transitions); k++)
                    {
                      JsonObject *t = json_array_get_object_element (transitions, k);

                      if (!g_str_equal (json_object_get_string_member (t, "code"), code)
                          || !raw_member_has (t, "from", state) || !raw_applies (t, designed))
                        continue;
                      exists = TRUE;
                      expected_to = json_object_get_string_member (t, "to");
                      if (g_str_equal (expected_to, "earlier"))
                        expected_to = raw_earlier (states, state);
                      if (raw_member_has (t, "roles", all_roles[r]))
                        {
                          expected = TRUE;
                          break;
                        }
                    }

                  request.state = state;
                  request.designed = designed;
                  request.transition = code;
                  request.target = g_strcmp0 (code, "return") == 0 ? expected_to : NULL;
                  request.comment = "Ý kiến";
                  request.ground = "untrue";
                  request.roles = roles;
                  if (expected)
                    {
                      if (!toa_workflow_check (workflow, &request, &decision, &error))
                        g_error ("%s: %s from %s (designed %d) by %s should be allowed: %s",
                                 preset_codes[p], (char *) code, state, designed, all_roles[r], error->message);
                      g_assert_cmpstr (decision.to, ==, expected_to);
                      g_assert_cmpstr (decision.role, ==, all_roles[r]);
                      g_assert_null (decision.delegation);
                      allowed++;
                    }
                  else
                    {
                      int want = exists ? TOA_ERROR_PERMISSION : TOA_ERROR_INVALID;

                      g_assert_false (toa_workflow_check (workflow, &request, &decision, &error));
                      g_assert_error (error, TOA_ERROR, want);
                      if (exists)
                        refused++;
                      else
                        absent++;
                    }
                }
          }
      g_test_message ("%s: %u allowed, %u refused, %u absent", preset_codes[p], allowed, refused, absent);
      g_assert_cmpuint (allowed, >, 10);
      g_assert_cmpuint (refused, >, allowed);
      g_assert_cmpuint (absent, >, 0);
    }
}

/* ---- designed products, delegation, grounds, returns ------------------------------------- */

static gboolean
check (const ToaWorkflow *workflow, const char *state, gboolean designed, const char *transition,
       const char *role, const ToaWorkflowDelegation *delegations, guint n, ToaWorkflowDecision *decision,
       GError **error)
{
  const char *roles[] = { role, NULL };
  ToaWorkflowRequest request = { state, designed, transition, NULL, "Ý kiến", "untrue", roles,
                                 delegations, n };

  return toa_workflow_check (workflow, &request, decision, error);
}

static void
test_designed_products (void)
{
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  ToaWorkflowDecision decision = { 0 };

  ensure_resources ();
  workflow = preset ("binh-phuoc-2024");

  /* A designed product reaches the secretary only through the technical team. */
  for (guint i = 0; i < workflow->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);
      g_autoptr(GPtrArray) leaving = toa_workflow_transitions_from (workflow, state->code, TRUE);

      for (guint k = 0; k < leaving->len; k++)
        {
          const ToaWorkflowTransition *t = g_ptr_array_index (leaving, k);

          if (g_str_equal (t->to, "secretary-review") && !g_str_equal (state->code, "secretary-review"))
            {
              g_assert_true (toa_workflow_transition_allows_role (t, "technician"));
              g_assert_false (toa_workflow_transition_allows_role (t, "editor"));
            }
        }
    }

  g_assert_false (check (workflow, "editing", TRUE, "forward", "editor", NULL, 0, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (check (workflow, "editing", TRUE, "forward", "technician", NULL, 0, &decision, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (decision.to, ==, "secretary-review");
  g_assert_true (check (workflow, "editing", FALSE, "forward", "editor", NULL, 0, &decision, &error));
  g_assert_false (check (workflow, "editing", FALSE, "forward", "technician", NULL, 0, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  /* From the secretary on, designed or not, the same steps. */
  g_assert_true (check (workflow, "secretary-review", TRUE, "forward", "secretary", NULL, 0, NULL, &error));
  g_assert_true (check (workflow, "deputy-review", TRUE, "publish", "standing-deputy", NULL, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
test_delegation (void)
{
  const char *deputy_roles[] = { "standing-deputy", NULL };
  const char *plain_deputy_roles[] = { "deputy", NULL };
  const ToaWorkflowDelegation publish = { "publish", 7, "Nguyễn Văn Phó", deputy_roles };
  const ToaWorkflowDelegation schedule_only = { "schedule", 7, "Nguyễn Văn Phó", deputy_roles };
  const ToaWorkflowDelegation from_deputy = { "publish", 8, "Trần Văn Khác", plain_deputy_roles };
  const ToaWorkflowDelegation forward = { "forward", 7, "Nguyễn Văn Phó", deputy_roles };
  g_autoptr(ToaWorkflow) workflow = NULL;
  ToaWorkflowDecision decision = { 0 };
  g_autoptr(GError) error = NULL;

  ensure_resources ();
  workflow = preset ("binh-phuoc-2024");

  /* Without a delegation the secretary may not publish. */
  g_assert_false (check (workflow, "deputy-review", FALSE, "publish", "secretary", NULL, 0, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  /* With the standing deputy's delegation of "publish" the secretary may, and it says so. */
  g_assert_true (check (workflow, "deputy-review", FALSE, "publish", "secretary", &publish, 1, &decision, &error));
  g_assert_no_error (error);
  g_assert_true (decision.delegation == &publish);
  g_assert_cmpstr (decision.delegation->delegator_name, ==, "Nguyễn Văn Phó");
  g_assert_cmpstr (decision.role, ==, "standing-deputy");
  g_assert_true (decision.transition->publishes);
  g_assert_cmpstr (decision.to, ==, "published");

  /* A delegation of another action, from someone who could not publish, to someone who may
   * not receive it, or of an action that cannot be delegated: refused. */
  g_assert_false (check (workflow, "deputy-review", FALSE, "publish", "secretary", &schedule_only, 1, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (check (workflow, "deputy-review", FALSE, "publish", "secretary", &from_deputy, 1, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (check (workflow, "deputy-review", FALSE, "publish", "editor", &publish, 1, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (check (workflow, "secretary-review", FALSE, "forward", "editor", &forward, 1, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The standing deputy publishes in their own right. */
  g_assert_true (check (workflow, "deputy-review", FALSE, "publish", "standing-deputy", &publish, 1, &decision, &error));
  g_assert_null (decision.delegation);

  /* Bình Phước 2015 has no delegation of publishing. */
  {
    g_autoptr(ToaWorkflow) old = preset ("binh-phuoc-2015");
    const char *head_roles[] = { "head", NULL };
    const ToaWorkflowDelegation from_head = { "publish", 9, "Trưởng ban", head_roles };

    g_assert_false (check (old, "deputy-review", FALSE, "publish", "secretary", &from_head, 1, NULL, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  }
}

static void
test_refusal_grounds (void)
{
  static const char *const names[] = {
    "Không thuộc phạm vi quản lý của tỉnh",
    "Không phù hợp chủ trương, đường lối của Đảng, pháp luật của Nhà nước",
    "Thông tin không đúng sự thật",
    "Thông tin không bảo đảm chất lượng",
    "Trùng lặp với thông tin đã đăng tải",
    "Thuộc bí mật nhà nước",
    "Chưa được cấp có thẩm quyền cho phép công bố",
  };
  const char *roles[] = { "editor", NULL };
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *grounds;
  ToaWorkflowRequest request = { "received", FALSE, "refuse", NULL, "Ý kiến", NULL, roles, NULL, 0 };

  ensure_resources ();
  workflow = preset ("binh-phuoc-2024");
  grounds = toa_refusal_grounds (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (grounds->len, ==, 7);
  g_assert_nonnull (strstr (toa_refusal_grounds_source (), "Điều 3"));
  for (guint i = 0; i < grounds->len; i++)
    {
      const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);

      g_assert_cmpstr (ground->name, ==, names[i]);
      request.ground = ground->code;
      g_assert_true (toa_workflow_check (workflow, &request, NULL, &error));
      g_assert_no_error (error);
    }

  request.ground = NULL;
  g_assert_false (toa_workflow_check (workflow, &request, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "untrue"));   /* lists the grounds */
  g_clear_error (&error);
  request.ground = "too-long";
  g_assert_false (toa_workflow_check (workflow, &request, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  request.ground = "untrue";
  request.comment = NULL;
  g_assert_false (toa_workflow_check (workflow, &request, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);

  /* Every refusing transition of every preset requires a ground. */
  for (guint p = 0; p < G_N_ELEMENTS (preset_codes); p++)
    {
      g_autoptr(ToaWorkflow) w = preset (preset_codes[p]);

      for (guint k = 0; k < w->transitions->len; k++)
        {
          const ToaWorkflowTransition *t = g_ptr_array_index (w->transitions, k);

          if (g_str_equal (t->to, "refused"))
            g_assert_true (t->ground_required);
        }
    }
}

static void
test_return_target (void)
{
  static const struct { const char *target; gboolean ok; } cases[] = {
    { NULL, FALSE }, { "secretary-review", TRUE }, { "editing", TRUE }, { "draft", TRUE },
    { "deputy-review", FALSE }, { "received", FALSE }, { "published", FALSE }, { "nowhere", FALSE },
  };
  const char *roles[] = { "standing-deputy", NULL };
  g_autoptr(ToaWorkflow) workflow = NULL;

  ensure_resources ();
  workflow = preset ("binh-phuoc-2024");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ToaWorkflowRequest request = { "deputy-review", FALSE, "return", cases[i].target, "Sửa lại", NULL, roles, NULL, 0 };
      ToaWorkflowDecision decision = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (toa_workflow_check (workflow, &request, &decision, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpstr (decision.to, ==, cases[i].target);
      else
        g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    }
  /* A comment is required for a return; and the secretary may not return from step 3. */
  {
    ToaWorkflowRequest request = { "deputy-review", FALSE, "return", "editing", NULL, NULL, roles, NULL, 0 };
    const char *secretary[] = { "secretary", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (toa_workflow_check (workflow, &request, NULL, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    g_clear_error (&error);
    request.comment = "Sửa lại";
    request.roles = secretary;
    g_assert_false (toa_workflow_check (workflow, &request, NULL, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  }
}

static void
test_escalation_path (void)
{
  g_autoptr(ToaWorkflow) workflow = NULL;
  ToaWorkflowDecision decision = { 0 };
  g_autoptr(GError) error = NULL;

  ensure_resources ();
  workflow = preset ("binh-phuoc-2024");
  g_assert_true (check (workflow, "deputy-review", FALSE, "escalate", "standing-deputy", NULL, 0, &decision, &error));
  g_assert_cmpstr (decision.to, ==, "escalated");
  g_assert_true (check (workflow, "escalated", FALSE, "ask-chairman", "head", NULL, 0, &decision, &error));
  g_assert_cmpstr (decision.to, ==, "chairman-opinion");
  g_assert_true (check (workflow, "chairman-opinion", FALSE, "record-chairman-answer", "head", NULL, 0, &decision, &error));
  g_assert_cmpstr (decision.to, ==, "escalated");
  g_assert_true (check (workflow, "escalated", FALSE, "approve", "head", NULL, 0, &decision, &error));
  g_assert_cmpstr (decision.to, ==, "deputy-review");
  g_assert_no_error (error);
  g_assert_false (check (workflow, "escalated", FALSE, "ask-chairman", "standing-deputy", NULL, 0, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (check (workflow, "editing", FALSE, "ask-chairman", "head", NULL, 0, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
}

/* ---- storage and versions ------------------------------------------------------------------ */

typedef struct {
  char     *dir;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
}

static guint
audit_count (ToaStore *store)
{
  g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);

  return records->len;
}

static ToaPerson *
add_person (ToaStore *store, const char *login, ToaRole role)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(GError) error = NULL;
  ToaRoleGrant grant = { 0 };
  g_autoptr(ToaSite) portal = toa_store_site_find (store, "portal", &error);
  ToaPerson *person;

  g_assert_no_error (error);
  grant.site_id = portal->id;
  grant.role = role;
  g_array_append_val (grants, grant);
  person = toa_people_add (store, 0, login, login, NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  return person;
}

static void
test_storage_seeded (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  all = toa_workflow_load_all (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (preset_codes));
  for (guint i = 0; i < all->len; i++)
    {
      ToaWorkflow *stored = all->pdata[i];
      g_autoptr(ToaWorkflow) shipped = preset (preset_codes[i]);
      g_autofree char *a = toa_workflow_to_json (stored, FALSE);
      g_autofree char *b = toa_workflow_to_json (shipped, FALSE);

      g_assert_cmpstr (stored->code, ==, preset_codes[i]);
      g_assert_cmpint (stored->version, ==, 1);
      g_assert_cmpstr (a, ==, b);
    }

  /* init again seeds nothing more. */
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = toa_workflow_load_all (f->store, &error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (preset_codes));

  /* Unknown code or version. */
  g_assert_null (toa_workflow_load (f->store, "hanoi", 0, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_workflow_load (f->store, "binh-phuoc-2024", 2, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

static void
test_storage_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) admin = add_person (f->store, "quantri", TOA_ROLE_ADMIN);
  g_autoptr(ToaPerson) editor = add_person (f->store, "bientap", TOA_ROLE_EDITOR);
  g_autoptr(ToaWorkflow) edited = NULL;
  g_autoptr(ToaWorkflow) v1 = NULL;
  g_autoptr(ToaWorkflow) v2 = NULL;
  g_autoptr(ToaWorkflow) latest = NULL;
  g_autoptr(ToaWorkflowRecord) again = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  ToaWorkflowTransition *publish = NULL;
  guint before = audit_count (f->store);
  gint64 count = 0;

  edited = toa_workflow_load (f->store, "binh-phuoc-2024", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (edited->version, ==, 1);
  g_free (edited->name);
  edited->name = g_strdup ("Bình Phước 2024 (sửa đổi)");
  /* The board withdraws the delegation of publishing. */
  for (guint k = 0; k < edited->transitions->len; k++)
    {
      ToaWorkflowTransition *t = edited->transitions->pdata[k];

      if (!g_str_equal (t->code, "publish"))
        continue;
      t->delegable = FALSE;
      g_clear_pointer (&t->delegable_to, g_strfreev);
      publish = t;
    }
  g_assert_nonnull (publish);

  /* Not the administrator: refused, nothing written. */
  g_assert_false (toa_workflow_save_version (f->store, editor, edited, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpuint (audit_count (f->store), ==, before);

  g_assert_true (toa_workflow_save_version (f->store, admin, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (edited->version, ==, 2);
  g_assert_cmpuint (audit_count (f->store), ==, before + 1);
  records = toa_store_audit_list (f->store, 0, 0, NULL);
  g_assert_cmpstr (((ToaAuditRecord *) records->pdata[records->len - 1])->action, ==, "workflow.save");
  g_assert_true (toa_audit_verify (f->store, &count, NULL, &error));

  v1 = toa_workflow_load (f->store, "binh-phuoc-2024", 1, &error);
  v2 = toa_workflow_load (f->store, "binh-phuoc-2024", 2, &error);
  latest = toa_workflow_load (f->store, "binh-phuoc-2024", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1->version, ==, 1);
  g_assert_cmpint (v2->version, ==, 2);
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_cmpstr (v2->name, ==, "Bình Phước 2024 (sửa đổi)");
  g_assert_cmpstr (v1->name, !=, v2->name);

  /* The roles a person holds on a site, as the checker takes them. */
  {
    g_autoptr(ToaSite) portal = toa_store_site_find (f->store, "portal", NULL);
    g_auto(GStrv) roles = toa_workflow_roles_on_site (editor, portal->id);
    g_auto(GStrv) elsewhere = toa_workflow_roles_on_site (editor, portal->id + 1000);

    g_assert_cmpuint (g_strv_length (roles), ==, 1);
    g_assert_cmpstr (roles[0], ==, "editor");
    g_assert_cmpuint (g_strv_length (elsewhere), ==, 0);
  }

  /* The version an item started with still allows the delegated publish; the new one not. */
  {
    const char *deputy_roles[] = { "standing-deputy", NULL };
    const ToaWorkflowDelegation d = { "publish", admin->id, "Phó", deputy_roles };

    g_assert_true (check (v1, "deputy-review", FALSE, "publish", "secretary", &d, 1, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (check (v2, "deputy-review", FALSE, "publish", "secretary", &d, 1, NULL, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
    g_clear_error (&error);
  }

  all = toa_workflow_load_all (f->store, &error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (preset_codes));
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((ToaWorkflow *) all->pdata[i])->version, ==,
                     g_str_equal (((ToaWorkflow *) all->pdata[i])->code, "binh-phuoc-2024") ? 2 : 1);

  /* An unsound edit is refused with its problems; nothing written. */
  for (guint k = 0; k < edited->transitions->len; k++)
    ((ToaWorkflowTransition *) edited->transitions->pdata[k])->publishes = FALSE;
  g_assert_false (toa_workflow_save_version (f->store, admin, edited, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (audit_count (f->store), ==, before + 1);
  g_assert_null (toa_workflow_load (f->store, "binh-phuoc-2024", 3, &error));
  g_clear_error (&error);

  /* Versions are never overwritten. */
  again = toa_store_workflow_definition_get (f->store, "binh-phuoc-2024", 1, &error);
  g_assert_no_error (error);
  g_assert_false (toa_store_workflow_definition_add (f->store, again, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
}

/* The board's default workflow: the administrator only, a known code, audited old → new. */
static void
test_storage_default (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) admin = add_person (f->store, "quantri", TOA_ROLE_ADMIN);
  g_autoptr(ToaPerson) editor = add_person (f->store, "bientap", TOA_ROLE_EDITOR);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const ToaAuditRecord *last;
  guint before = audit_count (f->store);
  gint64 count = 0;

  code = toa_delegation_default_workflow (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "binh-phuoc-2024");
  g_clear_pointer (&code, g_free);

  /* Not the administrator: refused, nothing changed. */
  g_assert_false (toa_workflow_set_default (f->store, editor, "dong-nai", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  /* An unknown code. */
  g_assert_false (toa_workflow_set_default (f->store, admin, "ha-noi", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  code = toa_delegation_default_workflow (f->store, &error);
  g_assert_cmpstr (code, ==, "binh-phuoc-2024");
  g_clear_pointer (&code, g_free);
  g_assert_cmpuint (audit_count (f->store), ==, before);

  g_assert_true (toa_workflow_set_default (f->store, admin, "dong-nai", &error));
  g_assert_no_error (error);
  code = toa_delegation_default_workflow (f->store, &error);
  g_assert_cmpstr (code, ==, "dong-nai");
  g_assert_cmpuint (audit_count (f->store), ==, before + 1);
  records = toa_store_audit_list (f->store, 0, 0, NULL);
  last = records->pdata[records->len - 1];
  g_assert_cmpstr (last->action, ==, "board.default-workflow");
  g_assert_cmpint (last->actor_id, ==, admin->id);
  g_assert_nonnull (strstr (last->detail, "\"from\":\"binh-phuoc-2024\""));
  g_assert_nonnull (strstr (last->detail, "\"to\":\"dong-nai\""));
  g_assert_true (toa_audit_verify (f->store, &count, NULL, &error));

  /* The same again changes nothing and records nothing; the CLI (NULL actor) may. */
  g_assert_true (toa_workflow_set_default (f->store, admin, "dong-nai", &error));
  g_assert_cmpuint (audit_count (f->store), ==, before + 1);
  g_assert_true (toa_workflow_set_default (f->store, NULL, "binh-duong", &error));
  g_assert_no_error (error);
  g_clear_pointer (&code, g_free);
  code = toa_delegation_default_workflow (f->store, &error);
  g_assert_cmpstr (code, ==, "binh-duong");
  g_assert_cmpuint (audit_count (f->store), ==, before + 2);

  /* Save as a new workflow: a code in use is refused, a new one starts at version 1. */
  {
    g_autoptr(ToaWorkflow) copy = toa_workflow_load (f->store, "binh-phuoc-2024", 0, &error);
    g_autoptr(ToaWorkflow) stored = NULL;

    g_assert_false (toa_workflow_save_new (f->store, admin, copy, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpuint (audit_count (f->store), ==, before + 2);
    g_free (copy->code);
    copy->code = g_strdup ("binh-phuoc-thu");
    g_assert_false (toa_workflow_save_new (f->store, editor, copy, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_true (toa_workflow_save_new (f->store, admin, copy, &error));
    g_assert_no_error (error);
    g_assert_cmpint (copy->version, ==, 1);
    stored = toa_workflow_load (f->store, "binh-phuoc-thu", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stored->version, ==, 1);
    g_assert_cmpuint (audit_count (f->store), ==, before + 3);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/presets-valid", test_presets_valid);
  g_test_add_func ("/workflow/parse-errors", test_parse_errors);
  g_test_add_func ("/workflow/validation-rules", test_validation_rules);
  g_test_add_func ("/workflow/permission-matrix", test_permission_matrix);
  g_test_add_func ("/workflow/designed-products", test_designed_products);
  g_test_add_func ("/workflow/delegation", test_delegation);
  g_test_add_func ("/workflow/refusal-grounds", test_refusal_grounds);
  g_test_add_func ("/workflow/return-target", test_return_target);
  g_test_add_func ("/workflow/escalation", test_escalation_path);
  g_test_add ("/workflow/storage-seeded", Fixture, NULL, fixture_set_up, test_storage_seeded, fixture_tear_down);
  g_test_add ("/workflow/storage-versions", Fixture, NULL, fixture_set_up, test_storage_versions, fixture_tear_down);
  g_test_add ("/workflow/storage-default", Fixture, NULL, fixture_set_up, test_storage_default, fixture_tear_down);
  return g_test_run ();
}
