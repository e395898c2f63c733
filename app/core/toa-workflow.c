/* toa-workflow.c — workflow definitions as data: the model, JSON in and out, the refusal
 * grounds and the shipped presets (GResource /workflows/). */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-workflow.h"

#define RESOURCE_DIR "/io/github/toasoan/ToaSoan/workflows/"
#define GROUNDS_FILE "refusal-grounds.json"

static void
state_free (ToaWorkflowState *state)
{
  g_free (state->code);
  g_free (state->name);
  g_free (state->step_label);
  g_free (state);
}

static void
transition_free (ToaWorkflowTransition *transition)
{
  g_free (transition->code);
  g_free (transition->name);
  g_strfreev (transition->from);
  g_free (transition->to);
  g_strfreev (transition->roles);
  g_strfreev (transition->approval_roles);
  g_strfreev (transition->delegable_to);
  g_free (transition);
}

ToaWorkflow *
toa_workflow_new (void)
{
  ToaWorkflow *workflow = g_new0 (ToaWorkflow, 1);

  workflow->states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
  workflow->transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) transition_free);
  return workflow;
}

void
toa_workflow_free (ToaWorkflow *workflow)
{
  if (workflow == NULL)
    return;
  g_free (workflow->code);
  g_free (workflow->name);
  g_free (workflow->source);
  g_ptr_array_unref (workflow->states);
  g_ptr_array_unref (workflow->transitions);
  g_free (workflow);
}

ToaWorkflowRecord *
toa_workflow_record_new (void)
{
  return g_new0 (ToaWorkflowRecord, 1);
}

void
toa_workflow_record_free (ToaWorkflowRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->code);
  g_free (record->name);
  g_free (record->source);
  g_free (record->definition_json);
  g_free (record);
}

/* ---- reading JSON ---------------------------------------------------------------------- */

static void
set_shape_error (GError **error, const char *where, const char *member, const char *expected)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               /* Translators: e.g. "Workflow definition, transition 3: “roles” must be a list of texts." */
               _("%s: “%s” must be %s."), where, member, expected);
}

static gboolean
get_string (JsonObject *object, const char *member, gboolean required, const char *where,
            char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          set_shape_error (error, where, member, _("a text"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_shape_error (error, where, member, _("a text"));
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_bool (JsonObject *object, const char *member, const char *where, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_shape_error (error, where, member, _("true or false"));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *object, const char *member, const char *where, int *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXINT)
    {
      set_shape_error (error, where, member, _("a whole number, 0 or more"));
      return FALSE;
    }
  *out = (int) json_node_get_int (node);
  return TRUE;
}

/* A text or a list of texts (absent: empty list). */
static gboolean
get_strv (JsonObject *object, const char *member, const char *where, GStrv *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              set_shape_error (error, where, member, _("a list of texts"));
              return FALSE;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      set_shape_error (error, where, member, _("a list of texts"));
      return FALSE;
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object, const char *member, const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_shape_error (error, where, member, _("a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

static ToaWorkflowState *
state_from_node (JsonNode *node, const char *where, GError **error)
{
  ToaWorkflowState *state = g_new0 (ToaWorkflowState, 1);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("%s must be an object."), where);
      state_free (state);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_string (object, "code", TRUE, where, &state->code, error)
      || !get_string (object, "name", FALSE, where, &state->name, error)
      || !get_bool (object, "start", where, &state->start, error)
      || !get_bool (object, "entry", where, &state->entry, error)
      || !get_bool (object, "end", where, &state->end, error)
      || !get_int (object, "step", where, &state->step, error)
      || !get_string (object, "step_label", FALSE, where, &state->step_label, error))
    {
      state_free (state);
      return NULL;
    }
  return state;
}

static ToaWorkflowTransition *
transition_from_node (JsonNode *node, const char *where, GError **error)
{
  ToaWorkflowTransition *transition = g_new0 (ToaWorkflowTransition, 1);
  gboolean designed_only = FALSE, not_designed = FALSE;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("%s must be an object."), where);
      transition_free (transition);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_string (object, "code", TRUE, where, &transition->code, error)
      || !get_string (object, "name", FALSE, where, &transition->name, error)
      || !get_strv (object, "from", where, &transition->from, error)
      || !get_string (object, "to", TRUE, where, &transition->to, error)
      || !get_strv (object, "roles", where, &transition->roles, error)
      || !get_bool (object, "comment_required", where, &transition->comment_required, error)
      || !get_bool (object, "ground_required", where, &transition->ground_required, error)
      || !get_bool (object, "publishes", where, &transition->publishes, error)
      || !get_strv (object, "needs_approval", where, &transition->approval_roles, error)
      || !get_bool (object, "delegable", where, &transition->delegable, error)
      || !get_strv (object, "delegable_to", where, &transition->delegable_to, error)
      || !get_bool (object, "designed_only", where, &designed_only, error)
      || !get_bool (object, "not_designed", where, &not_designed, error))
    {
      transition_free (transition);
      return NULL;
    }
  if (designed_only && not_designed)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: “designed_only” and “not_designed” cannot both be true."), where);
      transition_free (transition);
      return NULL;
    }
  transition->genre_rule = designed_only ? TOA_WORKFLOW_DESIGNED_ONLY
                         : not_designed ? TOA_WORKFLOW_NOT_DESIGNED : TOA_WORKFLOW_ANY_GENRE;
  return transition;
}

ToaWorkflow *
toa_workflow_from_node (JsonNode *node, GError **error)
{
  g_autoptr(ToaWorkflow) workflow = toa_workflow_new ();
  const char *where = _("Workflow definition");
  JsonObject *object;
  JsonArray *states, *transitions;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("A workflow definition must be a JSON object with “code”, “states” and “transitions”."));
      return NULL;
    }
  object = json_node_get_object (node);
  workflow->version = 1;
  if (!get_string (object, "code", TRUE, where, &workflow->code, error)
      || !get_string (object, "name", FALSE, where, &workflow->name, error)
      || !get_int (object, "version", where, &workflow->version, error)
      || !get_string (object, "source", FALSE, where, &workflow->source, error)
      || !(states = get_array (object, "states", where, error))
      || !(transitions = get_array (object, "transitions", where, error)))
    return NULL;

  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      /* Translators: %u counts from 1 */
      g_autofree char *at = g_strdup_printf (_("State %u"), i + 1);
      ToaWorkflowState *state = state_from_node (json_array_get_element (states, i), at, error);

      if (state == NULL)
        return NULL;
      g_ptr_array_add (workflow->states, state);
    }
  for (guint i = 0; i < json_array_get_length (transitions); i++)
    {
      /* Translators: %u counts from 1 */
      g_autofree char *at = g_strdup_printf (_("Transition %u"), i + 1);
      ToaWorkflowTransition *transition
        = transition_from_node (json_array_get_element (transitions, i), at, error);

      if (transition == NULL)
        return NULL;
      g_ptr_array_add (workflow->transitions, transition);
    }
  return g_steal_pointer (&workflow);
}

ToaWorkflow *
toa_workflow_from_json (const char *json, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The workflow definition is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return toa_workflow_from_node (json_parser_get_root (parser), error);
}

/* ---- writing JSON ---------------------------------------------------------------------- */

static void
add_strv (JsonBuilder *builder, const char *member, GStrv values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_flag (JsonBuilder *builder, const char *member, gboolean value)
{
  if (!value)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, TRUE);
}

static void
add_text (JsonBuilder *builder, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

JsonNode *
toa_workflow_to_node (const ToaWorkflow *workflow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (workflow != NULL, NULL);

  json_builder_begin_object (builder);
  add_text (builder, "code", workflow->code);
  add_text (builder, "name", workflow->name);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, workflow->version);
  add_text (builder, "source", workflow->source);

  json_builder_set_member_name (builder, "states");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);

      json_builder_begin_object (builder);
      add_text (builder, "code", state->code);
      add_text (builder, "name", state->name);
      add_flag (builder, "start", state->start);
      add_flag (builder, "entry", state->entry);
      add_flag (builder, "end", state->end);
      if (state->step > 0)
        {
          json_builder_set_member_name (builder, "step");
          json_builder_add_int_value (builder, state->step);
        }
      add_text (builder, "step_label", state->step_label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "transitions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < workflow->transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, i);

      json_builder_begin_object (builder);
      add_text (builder, "code", t->code);
      add_text (builder, "name", t->name);
      add_strv (builder, "from", t->from);
      add_text (builder, "to", t->to);
      add_strv (builder, "roles", t->roles);
      add_flag (builder, "comment_required", t->comment_required);
      add_flag (builder, "ground_required", t->ground_required);
      add_flag (builder, "publishes", t->publishes);
      if (t->approval_roles != NULL && t->approval_roles[0] != NULL)
        add_strv (builder, "needs_approval", t->approval_roles);
      add_flag (builder, "delegable", t->delegable);
      if (t->delegable_to != NULL && t->delegable_to[0] != NULL)
        add_strv (builder, "delegable_to", t->delegable_to);
      add_flag (builder, "designed_only", t->genre_rule == TOA_WORKFLOW_DESIGNED_ONLY);
      add_flag (builder, "not_designed", t->genre_rule == TOA_WORKFLOW_NOT_DESIGNED);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
toa_workflow_to_json (const ToaWorkflow *workflow, gboolean pretty)
{
  g_autoptr(JsonNode) root = toa_workflow_to_node (workflow);

  return json_to_string (root, pretty);
}

/* ---- lookups --------------------------------------------------------------------------- */

const ToaWorkflowState *
toa_workflow_find_state (const ToaWorkflow *workflow, const char *code)
{
  g_return_val_if_fail (workflow != NULL, NULL);

  for (guint i = 0; code != NULL && i < workflow->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);

      if (g_strcmp0 (state->code, code) == 0)
        return state;
    }
  return NULL;
}

gboolean
toa_workflow_transition_leaves (const ToaWorkflowTransition *transition, const char *state)
{
  return state != NULL && transition->from != NULL
         && g_strv_contains ((const char * const *) transition->from, state);
}

gboolean
toa_workflow_transition_applies (const ToaWorkflowTransition *transition, gboolean designed)
{
  switch (transition->genre_rule)
    {
    case TOA_WORKFLOW_DESIGNED_ONLY:
      return designed;
    case TOA_WORKFLOW_NOT_DESIGNED:
      return !designed;
    case TOA_WORKFLOW_ANY_GENRE:
    default:
      return TRUE;
    }
}

gboolean
toa_workflow_transition_allows_role (const ToaWorkflowTransition *transition, const char *role)
{
  return role != NULL && transition->roles != NULL
         && g_strv_contains ((const char * const *) transition->roles, role);
}

/* ---- resources: refusal grounds and presets ------------------------------------------- */

static JsonNode *
load_resource (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data;

  if (bytes == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is missing. Reinstall Tòa soạn."), path);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is damaged: %s"), path, local_error->message);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static void
ground_free (ToaRefusalGround *ground)
{
  g_free (ground->code);
  g_free (ground->name);
  g_free (ground);
}

static GPtrArray *grounds_cache;
static char *grounds_source;

GPtrArray *
toa_refusal_grounds (GError **error)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  JsonObject *object;
  JsonNode *list;

  if (grounds_cache != NULL)
    return grounds_cache;
  if (!(root = load_resource (GROUNDS_FILE, error)))
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  list = object != NULL ? json_object_get_member (object, "grounds") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is damaged: it has no list of grounds. Reinstall Tòa soạn."),
                   GROUNDS_FILE);
      return NULL;
    }
  grounds = g_ptr_array_new_with_free_func ((GDestroyNotify) ground_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      ToaRefusalGround *ground;

      if (item == NULL || !json_object_has_member (item, "code") || !json_object_has_member (item, "name"))
        continue;
      ground = g_new0 (ToaRefusalGround, 1);
      ground->code = g_strdup (json_object_get_string_member (item, "code"));
      ground->name = g_strdup (json_object_get_string_member (item, "name"));
      g_ptr_array_add (grounds, ground);
    }
  grounds_source = g_strdup (json_object_get_string_member_with_default (object, "source", ""));
  grounds_cache = g_steal_pointer (&grounds);
  return grounds_cache;
}

const char *
toa_refusal_grounds_source (void)
{
  if (toa_refusal_grounds (NULL) == NULL)
    return "";
  return grounds_source;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  const ToaWorkflow *x = *(ToaWorkflow * const *) a, *y = *(ToaWorkflow * const *) b;

  return g_strcmp0 (x->code, y->code);
}

GPtrArray *
toa_workflow_presets (GError **error)
{
  g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_workflow_free);

  if (names == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The program's data “%s” is missing. Reinstall Tòa soạn."), RESOURCE_DIR);
      return NULL;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      ToaWorkflow *workflow;

      if (!g_str_has_suffix (names[i], ".json") || g_str_equal (names[i], GROUNDS_FILE))
        continue;
      if (!(root = load_resource (names[i], error)))
        return NULL;
      if (!(workflow = toa_workflow_from_node (root, error)))
        {
          g_prefix_error (error, "%s: ", names[i]);
          return NULL;
        }
      g_ptr_array_add (presets, workflow);
    }
  g_ptr_array_sort (presets, compare_codes);
  return g_steal_pointer (&presets);
}
