/* toa-demo-private.h — what the demo board (toa-demo.c) takes from the text generator
 * (toa-demo-text.c) and from its workflow history (toa-demo-flow.c). */
#pragma once

#include <glib.h>

#include "toa-store.h"

G_BEGIN_DECLS

/* TRUE with probability @p. */
gboolean toa_demo_chance (GRand *r, double p);
/* Titles of a decision (Văn bản) and of a notice (Thông báo). */
char    *toa_demo_decision_title (GRand *r);
char    *toa_demo_notice_title (GRand *r);
/* An English headline, and English text of @sentences sentences (<p>…</p> when @html). */
char    *toa_demo_english_title (GRand *r);
char    *toa_demo_english_text (GRand *r, guint sentences, gboolean html);

/* The demo's workflow history: routes over the board's default workflow, taken with
 * toa_transitions_do. @people (@n_people, not owned) are the demo people, by index. */
typedef struct _ToaDemoFlow ToaDemoFlow;

ToaDemoFlow *toa_demo_flow_new (ToaStore *store, ToaPerson *const *people, guint n_people,
                                GError **error);
void         toa_demo_flow_free (ToaDemoFlow *flow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaDemoFlow, toa_demo_flow_free)

gboolean     toa_demo_flow_has_state (ToaDemoFlow *flow, const char *state);

/* What one item's history should be. */
typedef struct {
  gint64      article_id;
  gint64      site_id;
  gboolean    designed;
  const char *entry;             /* its state now (draft, received) */
  const char *target;            /* the state it ends in */
  const char *via;               /* a state to pass through first (escalated, scheduled…); may be NULL */
  gboolean    with_return;       /* returned once from a reviewing step on the way */
  gboolean    rest_after_return; /* …and left where the return put it */
  guint       author;            /* people index who takes its steps when allowed */
  gint64      start;             /* µs: created */
  gint64      end;               /* µs: last change */
  gint64      published_at;      /* µs: the publication; 0 = none */
  gint64      schedule_default;  /* µs: publication time of an item left scheduled */
  /* Called before each step while the item is still in @state, with the person index who
   * takes the step and an instant between the previous step and this one (may be NULL). */
  gboolean  (*before_step) (gpointer data, const char *state, guint who, gint64 at,
                            GError **error);
  gpointer    step_data;
} ToaDemoRoute;

/* A picture painted in code for demo article @kind (0 … toa_demo_picture_count () - 1), as
 * JPEG bytes, with its alt text and caption (static strings). */
guint        toa_demo_picture_count (void);
GBytes      *toa_demo_picture_jpeg (guint kind, GError **error);
const char  *toa_demo_picture_alt (guint kind);
const char  *toa_demo_picture_caption (guint kind);

/* The steps (shortest, breadth-first over transitions some demo person may take on the
 * site) from @want->entry (via @want->via when reachable) to @want->target, into @route
 * (an opaque GArray from toa_demo_flow_route_new). FALSE when the target is unreachable. */
GArray      *toa_demo_flow_route_new (void);
gboolean     toa_demo_flow_route (ToaDemoFlow *flow, const ToaDemoRoute *want, GRand *r,
                                  GArray *route);
/* The state @route ends in (@entry when empty). */
const char  *toa_demo_flow_route_end (GArray *route, const char *entry);
/* Takes every step of @route with toa_transitions_do, each by an allowed person at a time
 * between @want->start and @want->end, with comments, grounds and schedule times. */
gboolean     toa_demo_flow_take (ToaDemoFlow *flow, const ToaDemoRoute *want, GArray *route,
                                 GRand *r, GError **error);

/* @delegator delegates @actions on the site to @delegate from @from to @to (toa_delegation_add);
 * later steps in that range are now and then taken by the delegate ("KT."). */
gboolean     toa_demo_flow_delegate (ToaDemoFlow *flow, guint delegator, guint delegate,
                                     const char *site_code, gint64 site_id,
                                     const char * const *actions, const GDate *from,
                                     const GDate *to, GError **error);
/* @requester asks for a transition from @state that needs someone else's approval (the
 * first such in the definition that they may ask for), at @at with a reason: a pending
 * request (toa-approval.h) whose id goes to @request_id (0 when there is no such transition). */
gboolean     toa_demo_flow_request (ToaDemoFlow *flow, gint64 article_id, gint64 site_id,
                                    gboolean designed, const char *state, guint requester,
                                    gint64 at, GRand *r, gint64 *request_id, GError **error);
/* How many steps were taken under the delegation. */
guint        toa_demo_flow_delegated_acts (ToaDemoFlow *flow);

G_END_DECLS
