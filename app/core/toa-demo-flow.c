/* toa-demo-flow.c — the demo board's workflow history: each demo item is moved from its entry
 * state to the state it should end in through real transitions (toa_transitions_do) on the
 * board's default workflow. The route is found breadth-first over the definition's own
 * transitions (only those some demo person may take on the item's site), so nothing here
 * knows a preset; each step is taken by a person holding an allowed role, at a fixed time. */
#include "config.h"

#include <string.h>

#include "toa-article-state.h"
#include "toa-delegation.h"
#include "toa-demo-private.h"
#include "toa-error.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

#define USEC_PER_MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define USEC_PER_HOUR   (USEC_PER_MINUTE * 60)

struct _ToaDemoFlow {
  ToaStore          *store;
  ToaWorkflow       *workflow;
  ToaPerson *const  *people;
  guint              n_people;
  GPtrArray         *grounds;      /* not owned */
  /* the one delegation the demo uses */
  guint              delegate;
  guint              delegator;
  gint64             delegation_site;
  GDate              delegation_from;
  GDate              delegation_to;
  GStrv              delegated;
  guint              n_delegated_acts;
};

/* One hop of a route. */
typedef struct {
  const ToaWorkflowTransition *transition;
  const char                  *to;       /* the state it reaches (a return's chosen target) */
} Step;

/* The texts people write on transitions that need one, by transition code (demo text). */
static const struct {
  const char *transition;
  const char *texts[3];
} transition_comments[] = {
  { "return",   { "Trả lại để sửa: cần kiểm tra lại tên đơn vị và chức danh người phát biểu.",
                  "Trả lại để sửa: nội dung trùng một phần với tin đã đăng tuần trước, đề nghị viết lại.",
                  "Trả lại để sửa: đề nghị đơn vị cung cấp văn bản gốc để đối chiếu." } },
  { "refuse",   { "Không đăng: nội dung không bảo đảm yêu cầu, đã báo đơn vị gửi tin.",
                  "Không đăng: đề nghị đơn vị gửi lại khi có văn bản của cấp có thẩm quyền.",
                  "Không đăng theo quy chế; Bộ phận tiếp nhận gửi văn bản trả lời." } },
  { "escalate", { "Nội dung nhạy cảm, xin ý kiến Trưởng ban trước khi đăng.",
                  "Tin liên quan nhiều sở, ngành; báo cáo Trưởng ban cho ý kiến.",
                  "Số liệu chưa thống nhất giữa hai đơn vị, xin ý kiến Trưởng ban." } },
  { "approve",  { "Trưởng ban thống nhất đăng tải, lưu ý ghi rõ nguồn tin.",
                  "Đồng ý đăng; đề nghị Phó Trưởng ban thường trực xuất bản trong ngày.",
                  "Thống nhất đăng tải sau khi đã sửa tiêu đề theo góp ý." } },
  { "ask-chairman", { "Xin ý kiến Chủ tịch UBND tỉnh về thời điểm công bố thông tin.",
                      "Trình Chủ tịch UBND tỉnh cho ý kiến trước khi đăng.",
                      "Báo cáo Chủ tịch UBND tỉnh vì nội dung thuộc thẩm quyền công bố của tỉnh." } },
  { "record-chairman-answer", { "Chủ tịch UBND tỉnh đồng ý công bố (ý kiến tại phiếu trình).",
                                "Chủ tịch UBND tỉnh cho ý kiến: đăng sau cuộc họp báo.",
                                "Chủ tịch UBND tỉnh đồng ý, đề nghị bổ sung số liệu." } },
  { "withdraw", { "Gỡ bài theo đề nghị của đơn vị cung cấp tin: văn bản đã được thay thế.",
                  "Gỡ bài: thông tin đã hết hiệu lực.",
                  "Gỡ bài để đính chính số liệu." } },
};
static const char *const any_comment[] = {
  "Đã xem, đề nghị chuyển bước tiếp theo.",
  "Đề nghị xem xét theo quy chế.",
};

static const char *
comment_for (GRand *r, const char *transition)
{
  for (guint i = 0; i < G_N_ELEMENTS (transition_comments); i++)
    if (g_str_equal (transition_comments[i].transition, transition))
      return transition_comments[i].texts[g_rand_int_range (r, 0, 3)];
  return any_comment[g_rand_int_range (r, 0, G_N_ELEMENTS (any_comment))];
}

ToaDemoFlow *
toa_demo_flow_new (ToaStore *store, ToaPerson *const *people, guint n_people, GError **error)
{
  g_autoptr(ToaDemoFlow) flow = g_new0 (ToaDemoFlow, 1);
  g_autofree char *code = NULL;

  flow->store = store;
  flow->people = people;
  flow->n_people = n_people;
  if (!(code = toa_delegation_default_workflow (store, error))
      || !(flow->workflow = toa_workflow_load (store, code, 0, error))
      || !(flow->grounds = toa_refusal_grounds (error)))
    return NULL;
  return g_steal_pointer (&flow);
}

void
toa_demo_flow_free (ToaDemoFlow *flow)
{
  if (flow == NULL)
    return;
  g_clear_pointer (&flow->workflow, toa_workflow_free);
  g_strfreev (flow->delegated);
  g_free (flow);
}

guint
toa_demo_flow_delegated_acts (ToaDemoFlow *flow)
{
  return flow->n_delegated_acts;
}

static gboolean
holds_any (GStrv held, GStrv wanted)
{
  for (guint i = 0; held != NULL && held[i] != NULL; i++)
    if (wanted != NULL && g_strv_contains ((const char * const *) wanted, held[i]))
      return TRUE;
  return FALSE;
}

/* May demo person @who take @t on @site_id in their own right (and without approval)? */
static gboolean
may_take (ToaDemoFlow *flow, guint who, const ToaWorkflowTransition *t, gint64 site_id)
{
  g_auto(GStrv) roles = toa_workflow_roles_on_site (flow->people[who], site_id);

  if (!holds_any (roles, t->roles))
    return FALSE;
  return t->approval_roles == NULL || t->approval_roles[0] == NULL
         || holds_any (roles, t->approval_roles);
}

static gboolean
anyone_may_take (ToaDemoFlow *flow, const ToaWorkflowTransition *t, gint64 site_id)
{
  for (guint i = 0; i < flow->n_people; i++)
    if (may_take (flow, i, t, site_id))
      return TRUE;
  return FALSE;
}

static int
state_index (const ToaWorkflow *workflow, const char *code)
{
  for (guint i = 0; i < workflow->states->len; i++)
    if (g_strcmp0 (((ToaWorkflowState *) workflow->states->pdata[i])->code, code) == 0)
      return (int) i;
  return -1;
}

gboolean
toa_demo_flow_has_state (ToaDemoFlow *flow, const char *state)
{
  return state_index (flow->workflow, state) >= 0;
}

/* Appends to @route the shortest way from @from to @to (breadth-first, definition order)
 * for an item on @site_id; FALSE when there is none. */
static gboolean
find_route (ToaDemoFlow *flow, gint64 site_id, gboolean designed, const char *from,
            const char *to, GArray *route)
{
  const ToaWorkflow *wf = flow->workflow;
  guint n = wf->states->len;
  g_autofree int *prev = g_new (int, n);
  g_autofree Step *via = g_new0 (Step, n);
  g_autofree int *queue = g_new (int, n);
  guint head = 0, tail = 0;
  int start = state_index (wf, from), goal = state_index (wf, to);
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (Step));

  if (start < 0 || goal < 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    prev[i] = -2;
  prev[start] = -1;
  queue[tail++] = start;
  while (head < tail && prev[goal] == -2)
    {
      int s = queue[head++];
      const char *code = ((ToaWorkflowState *) wf->states->pdata[s])->code;
      g_autoptr(GPtrArray) leaving = toa_workflow_transitions_from (wf, code, designed);

      for (guint k = 0; k < leaving->len; k++)
        {
          const ToaWorkflowTransition *t = leaving->pdata[k];
          g_autoptr(GPtrArray) targets = NULL;

          if (!anyone_may_take (flow, t, site_id))
            continue;
          if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
            targets = toa_workflow_earlier_states (wf, code);
          else
            {
              targets = g_ptr_array_new ();
              g_ptr_array_add (targets, t->to);
            }
          for (guint e = 0; e < targets->len; e++)
            {
              int next = state_index (wf, targets->pdata[e]);

              if (next < 0 || prev[next] != -2)
                continue;
              prev[next] = s;
              via[next].transition = t;
              via[next].to = ((ToaWorkflowState *) wf->states->pdata[next])->code;
              queue[tail++] = next;
            }
        }
    }
  if (prev[goal] == -2)
    return FALSE;
  for (int s = goal; prev[s] >= 0; s = prev[s])
    g_array_prepend_val (back, via[s]);
  g_array_append_vals (route, back->data, back->len);
  return TRUE;
}

/* The state a return from step @at of @route would go back to: the latest earlier step the
 * item was in before it; NULL when none. */
static const char *
return_target (ToaDemoFlow *flow, GArray *route, int at, const char *entry)
{
  const char *state = g_array_index (route, Step, at).to;
  g_autoptr(GPtrArray) earlier = toa_workflow_earlier_states (flow->workflow, state);

  for (int i = at - 1; i >= -1; i--)
    {
      const char *was = i >= 0 ? g_array_index (route, Step, i).to : entry;

      for (guint e = 0; e < earlier->len; e++)
        if (g_str_equal (earlier->pdata[e], was))
          return was;
    }
  return NULL;
}

/* The return transition someone may take from @state; NULL when none. */
static const ToaWorkflowTransition *
return_from (ToaDemoFlow *flow, gint64 site_id, gboolean designed, const char *state)
{
  g_autoptr(GPtrArray) leaving = toa_workflow_transitions_from (flow->workflow, state, designed);

  for (guint k = 0; k < leaving->len; k++)
    {
      const ToaWorkflowTransition *t = leaving->pdata[k];

      if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0 && anyone_may_take (flow, t, site_id))
        return t;
    }
  return NULL;
}

gboolean
toa_demo_flow_route (ToaDemoFlow *flow, const ToaDemoRoute *want, GRand *r, GArray *route)
{
  const char *from = want->entry;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (int));
  guint via_at = 0;   /* route steps up to the via state */
  int at;
  const char *back;
  const ToaWorkflowTransition *ret;

  g_array_set_size (route, 0);
  if (want->via != NULL && find_route (flow, want->site_id, want->designed, from, want->via, route))
    {
      from = want->via;
      via_at = route->len;
    }
  else
    g_array_set_size (route, 0);
  if (!find_route (flow, want->site_id, want->designed, from, want->target, route))
    return FALSE;
  if (!want->with_return)
    return TRUE;

  /* go back once from a reviewing step on the way (before the via state), then on again to
   * the target through the via state (or stay) */
  for (guint i = 0; i < (via_at > 0 ? via_at - 1 : route->len); i++)
    if (return_from (flow, want->site_id, want->designed, g_array_index (route, Step, i).to) != NULL
        && return_target (flow, route, (int) i, want->entry) != NULL)
      {
        int k = (int) i;
        g_array_append_val (points, k);
      }
  if (points->len == 0)
    return TRUE;
  at = g_array_index (points, int, g_rand_int_range (r, 0, points->len));
  ret = return_from (flow, want->site_id, want->designed, g_array_index (route, Step, at).to);
  back = return_target (flow, route, at, want->entry);
  {
    g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (Step));
    Step step = { ret, back };

    if (!want->rest_after_return
        && !(via_at > 0 ? find_route (flow, want->site_id, want->designed, back, want->via, rest)
                          && find_route (flow, want->site_id, want->designed, want->via, want->target, rest)
                        : find_route (flow, want->site_id, want->designed, back, want->target, rest)))
      return TRUE;
    g_array_set_size (route, at + 1);
    g_array_append_val (route, step);
    g_array_append_vals (route, rest->data, rest->len);
  }
  return TRUE;
}

GArray *
toa_demo_flow_route_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Step));
}

const char *
toa_demo_flow_route_end (GArray *route, const char *entry)
{
  return route->len ? g_array_index (route, Step, route->len - 1).to : entry;
}

gboolean
toa_demo_flow_delegate (ToaDemoFlow *flow, guint delegator, guint delegate, const char *site_code,
                        gint64 site_id, const char * const *actions, const GDate *from,
                        const GDate *to, GError **error)
{
  g_autofree char *from_text = toa_workdays_iso_date (from);
  g_autofree char *to_text = toa_workdays_iso_date (to);
  g_autoptr(ToaDelegation) delegation = NULL;

  delegation = toa_delegation_add (flow->store, flow->people[delegator],
                                   flow->people[delegator]->login, flow->people[delegate]->login,
                                   site_code, actions, from_text, to_text, error);
  if (delegation == NULL)
    return FALSE;
  flow->delegator = delegator;
  flow->delegate = delegate;
  flow->delegation_site = site_id;
  flow->delegation_from = *from;
  flow->delegation_to = *to;
  flow->delegated = g_strdupv ((char **) actions);
  return TRUE;
}

/* The person who takes @t at @at: the delegate now and then when the delegation covers it,
 * else the item's author when allowed, else one of those allowed. */
static guint
pick_actor (ToaDemoFlow *flow, const ToaDemoRoute *want, const ToaWorkflowTransition *t,
            gint64 at, GRand *r)
{
  g_autoptr(GArray) allowed = g_array_new (FALSE, FALSE, sizeof (guint));

  if (flow->delegated != NULL && want->site_id == flow->delegation_site
      && g_strv_contains ((const char * const *) flow->delegated, t->code)
      && !may_take (flow, flow->delegate, t, want->site_id)
      && (flow->n_delegated_acts == 0 || toa_demo_chance (r, 0.5)))
    {
      GDate day;

      toa_transitions_local_date (at, &day);
      if (g_date_compare (&day, &flow->delegation_from) >= 0
          && g_date_compare (&day, &flow->delegation_to) <= 0)
        return flow->delegate;
    }
  if (want->author < flow->n_people && may_take (flow, want->author, t, want->site_id))
    return want->author;
  for (guint i = 0; i < flow->n_people; i++)
    if (may_take (flow, i, t, want->site_id))
      g_array_append_val (allowed, i);
  g_assert (allowed->len > 0);   /* the route only takes transitions someone may */
  return g_array_index (allowed, guint, g_rand_int_range (r, 0, allowed->len));
}

gboolean
toa_demo_flow_take (ToaDemoFlow *flow, const ToaDemoRoute *want, GArray *route, GRand *r,
                    GError **error)
{
  g_autofree gint64 *at = NULL;
  int publish_step = -1;
  guint n = route->len;

  if (n == 0)
    return TRUE;

  /* the times: strictly increasing between creation and the last change; the publication
   * at the planned publication time */
  at = g_new0 (gint64, n);
  for (guint i = 0; i < n && want->published_at != 0; i++)
    if (g_array_index (route, Step, i).transition->publishes)
      publish_step = (int) i;
  {
    gint64 lo = want->start, hi = publish_step >= 0 ? want->published_at : want->end;
    guint first = 0, last = publish_step >= 0 ? (guint) publish_step : n - 1;

    for (int part = 0; part < 2; part++)
      {
        guint count = last - first + 1;
        gint64 span = hi - lo;

        for (guint i = first; i <= last; i++)
          {
            gint64 slot = span / count;
            at[i] = lo + slot * (i - first) + (gint64) ((double) slot * (0.25 + 0.5 * g_rand_double (r))) + 1;
            if (i > 0 && at[i] <= at[i - 1])
              at[i] = at[i - 1] + 1;
          }
        if (publish_step >= 0)
          at[publish_step] = want->published_at;
        if (publish_step < 0 || (guint) publish_step == n - 1)
          break;
        lo = want->published_at;
        hi = MAX (want->end, want->published_at + (gint64) (n - publish_step) * USEC_PER_MINUTE);
        first = publish_step + 1;
        last = n - 1;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      const Step *step = &g_array_index (route, Step, i);
      const ToaWorkflowTransition *t = step->transition;
      ToaTransitionRequest request = { 0 };
      ToaTransitionResult result = { 0 };
      guint who = pick_actor (flow, want, t, at[i], r);

      if (want->before_step != NULL)
        {
          const char *state = i == 0 ? want->entry : g_array_index (route, Step, i - 1).to;
          gint64 prev = i == 0 ? want->start : at[i - 1];

          if (!want->before_step (want->step_data, state, who, prev + (at[i] - prev) / 2, error))
            return FALSE;
        }

      request.article_id = want->article_id;
      request.transition = t->code;
      request.now = at[i];
      if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
        request.target = step->to;
      if (t->comment_required)
        request.comment = comment_for (r, t->code);
      if (t->ground_required)
        request.ground = ((ToaRefusalGround *) flow->grounds->pdata[g_rand_int_range (r, 0, flow->grounds->len)])->code;
      if (g_strcmp0 (step->to, toa_article_state_code (TOA_STATE_SCHEDULED)) == 0)
        request.scheduled_for = i + 1 < n ? at[i + 1] : MAX (want->schedule_default, at[i] + USEC_PER_HOUR);
      if (!toa_transitions_do (flow->store, flow->people[who], &request, &result, error))
        {
          g_prefix_error (error, "demo item %lld, %s → %s: ", (long long) want->article_id,
                          t->code, step->to);
          return FALSE;
        }
      if (result.on_behalf_of != 0)
        flow->n_delegated_acts++;
      toa_transition_result_clear (&result);
    }
  return TRUE;
}

gboolean
toa_demo_flow_request (ToaDemoFlow *flow, gint64 article_id, gint64 site_id, gboolean designed,
                       const char *state, guint requester, gint64 at, GRand *r,
                       gint64 *request_id, GError **error)
{
  g_autoptr(GPtrArray) leaving = toa_workflow_transitions_from (flow->workflow, state, designed);
  g_auto(GStrv) roles = toa_workflow_roles_on_site (flow->people[requester], site_id);

  *request_id = 0;
  for (guint k = 0; k < leaving->len; k++)
    {
      const ToaWorkflowTransition *t = leaving->pdata[k];
      ToaTransitionRequest request = { 0 };
      ToaTransitionResult result = { 0 };

      if (t->approval_roles == NULL || t->approval_roles[0] == NULL
          || !holds_any (roles, t->roles) || holds_any (roles, t->approval_roles)
          || g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
        continue;
      request.article_id = article_id;
      request.transition = t->code;
      request.comment = comment_for (r, t->code);
      request.now = at;
      if (!toa_transitions_do (flow->store, flow->people[requester], &request, &result, error))
        return FALSE;
      *request_id = result.request_id;
      toa_transition_result_clear (&result);
      return TRUE;
    }
  return TRUE;
}
