/* toa-workflow.h — a workflow definition (quy trình) as data: its states, its transitions and
 * the roles allowed on each, read from and written to JSON (resources/workflows/, the
 * workflow_definitions table). Validation and the permission checker are in
 * toa-workflow-check.h; storage and the presets in toa-workflow-store.h. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The target of a "return to any earlier step" transition: the actor chooses a state whose
 * step is lower than the current state's (and above 0). */
#define TOA_WORKFLOW_TO_EARLIER "earlier"

typedef struct {
  char     *code;        /* an article state code (toa-article-state.h) */
  char     *name;        /* Vietnamese name in this workflow */
  gboolean  start;       /* the one state material enters by (intake) */
  gboolean  entry;       /* items may also begin here (written in-house, skipping intake) */
  gboolean  end;         /* an item may rest here for good */
  int       step;        /* position on the approval path, 1, 2, 3…; 0 = off the path */
  char     *step_label;  /* "Bước 1"; may be NULL */
} ToaWorkflowState;

/* Which items a transition applies to, by the genre's "designed" flag (genres table). */
typedef enum {
  TOA_WORKFLOW_ANY_GENRE,
  TOA_WORKFLOW_DESIGNED_ONLY,   /* banner, infographic, podcast, longform, video… */
  TOA_WORKFLOW_NOT_DESIGNED,
} ToaWorkflowGenreRule;

typedef struct {
  char                 *code;              /* "forward", "return", "publish"… */
  char                 *name;              /* Vietnamese label; may be NULL */
  GStrv                 from;              /* state codes */
  char                 *to;                /* a state code or TOA_WORKFLOW_TO_EARLIER */
  GStrv                 roles;             /* role codes allowed (toa-role.h) */
  gboolean              comment_required;
  gboolean              ground_required;   /* a refusal ground (refusal-grounds.json) */
  gboolean              publishes;
  GStrv                 approval_roles;    /* "needs_approval": who must approve; empty = none */
  gboolean              delegable;         /* may be delegated by a holder of one of @roles */
  GStrv                 delegable_to;      /* roles a delegate must hold; empty = anyone */
  ToaWorkflowGenreRule  genre_rule;
} ToaWorkflowTransition;

typedef struct {
  char      *code;         /* "binh-phuoc-2024" */
  char      *name;
  int        version;      /* 1, 2, …; each saved edit is a new version */
  char      *source;       /* the regulation clauses it follows */
  GPtrArray *states;       /* of ToaWorkflowState */
  GPtrArray *transitions;  /* of ToaWorkflowTransition */
} ToaWorkflow;

ToaWorkflow *toa_workflow_new (void);
void         toa_workflow_free (ToaWorkflow *workflow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaWorkflow, toa_workflow_free)

/* Reads a definition. Only the shape is checked here (an object with "code", "states" and
 * "transitions" of the right types); TOA_ERROR_INVALID names the member that is wrong.
 * Whether it makes sense is toa_workflow_validate's job. */
ToaWorkflow *toa_workflow_from_node (JsonNode *node, GError **error);
ToaWorkflow *toa_workflow_from_json (const char *json, gssize length, GError **error);
JsonNode    *toa_workflow_to_node (const ToaWorkflow *workflow);
char        *toa_workflow_to_json (const ToaWorkflow *workflow, gboolean pretty);

const ToaWorkflowState *toa_workflow_find_state (const ToaWorkflow *workflow, const char *code);
gboolean     toa_workflow_transition_leaves (const ToaWorkflowTransition *transition,
                                             const char *state);
gboolean     toa_workflow_transition_applies (const ToaWorkflowTransition *transition,
                                              gboolean designed);
gboolean     toa_workflow_transition_allows_role (const ToaWorkflowTransition *transition,
                                                  const char *role);

/* A stored version of a definition (table workflow_definitions). */
typedef struct {
  char   *code;
  int     version;
  char   *name;
  char   *source;
  char   *definition_json;
  gint64  created_at;   /* µs since the epoch, UTC */
  gint64  created_by;   /* person id; 0 = shipped preset or the administrator's CLI */
} ToaWorkflowRecord;

ToaWorkflowRecord *toa_workflow_record_new (void);
void               toa_workflow_record_free (ToaWorkflowRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaWorkflowRecord, toa_workflow_record_free)

/* A ground for refusing to post (seeds/002 Điều 3.2.b), from refusal-grounds.json. */
typedef struct {
  char *code;   /* "untrue" */
  char *name;   /* "Thông tin không đúng sự thật" */
} ToaRefusalGround;

/* The grounds, loaded once from the program's resources; NULL with TOA_ERROR_IO when the
 * resource is missing. Owned by the library. */
GPtrArray   *toa_refusal_grounds (GError **error);
const char  *toa_refusal_grounds_source (void);

/* Preset definitions shipped in the resources (/workflows/, one JSON file each), sorted by code.
 * A GPtrArray of ToaWorkflow. */
GPtrArray   *toa_workflow_presets (GError **error);

G_END_DECLS
