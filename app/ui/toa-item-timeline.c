/* toa-item-timeline.c — the item window's "Diễn biến" tab: every transition and approval
 * request, oldest first (see toa-item-view-private.h), as read by the item's
 * background reading. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-attachments.h"
#include "toa-error.h"
#include "toa-intake.h"
#include "toa-item-view-private.h"
#include "toa-text.h"

/* ---- the timeline -------------------------------------------------------------------------- */

static GtkWidget *
transition_row (ToaItemView *self, const ToaTransitionRecord *record)
{
  GtkWidget *body;
  GtkWidget *row = toa_item_entry_row (toa_item_transition_name (self, record->transition), record->at, &body);
  g_autofree char *path = g_strdup_printf ("%s → %s", toa_item_state_name (self, record->from_state),
                                           toa_item_state_name (self, record->to_state));
  g_autofree char *behalf = toa_transition_record_behalf_label (record);
  g_autofree char *who = NULL;

  toa_item_append_line (body, path, NULL);
  if (behalf != NULL)
    /* Translators: who took a transition, then "KT. <delegator>" */
    who = g_strdup_printf (_("By %s · %s"), record->actor_name != NULL ? record->actor_name : "", behalf);
  else
    who = g_strdup_printf (_("By %s"), record->actor_name != NULL ? record->actor_name : "");
  toa_item_append_line (body, who, "dim-label");
  if (record->approved_by_name != NULL)
    {
      /* Translators: %s is who approved a transition that needed approval */
      g_autofree char *approved = g_strdup_printf (_("Approved by %s"), record->approved_by_name);
      toa_item_append_line (body, approved, "dim-label");
    }
  if (record->ground != NULL)
    {
      g_autofree char *ground = g_strdup_printf (_("Ground: %s"), toa_item_ground_name (record->ground));
      toa_item_append_line (body, ground, NULL);
    }
  if (record->scheduled_for != 0)
    {
      g_autofree char *when = toa_format_datetime (record->scheduled_for);
      g_autofree char *text = g_strdup_printf (_("Scheduled for %s"), when);
      toa_item_append_line (body, text, NULL);
    }
  toa_item_append_line (body, record->comment, NULL);
  return row;
}

static const char *
request_status_text (ToaApprovalStatus status)
{
  switch (status)
    {
    case TOA_APPROVAL_PENDING:  return _("Waiting for approval");
    case TOA_APPROVAL_APPROVED: return _("Approved");
    case TOA_APPROVAL_REJECTED: return _("Rejected");
    case TOA_APPROVAL_LAPSED:   return _("Lapsed: the item moved on first");
    default:                    return "";
    }
}

static GtkWidget *
request_row (ToaItemView *self, const ToaApprovalRequest *request)
{
  GtkWidget *body;
  const char *name = request->transition_name != NULL ? request->transition_name
                                                      : toa_item_transition_name (self, request->transition);
  /* Translators: %s is a transition that needs approval, e.g. "Gỡ tin" */
  g_autofree char *heading = g_strdup_printf (_("Request: %s"), name);
  GtkWidget *row = toa_item_entry_row (heading, request->requested_at, &body);
  g_autofree char *who = g_strdup_printf (_("Asked by %s"),
                                          request->requested_by_name != NULL ? request->requested_by_name : "");
  g_autofree char *status = NULL;

  toa_item_append_line (body, who, "dim-label");
  toa_item_append_line (body, request->comment, NULL);
  if (request->status == TOA_APPROVAL_APPROVED || request->status == TOA_APPROVAL_REJECTED)
    {
      g_autofree char *when = toa_format_datetime (request->decided_at);
      /* Translators: "Approved by <name>, <dd/mm/yyyy HH:MM>" */
      status = g_strdup_printf (_("%s by %s, %s"), request_status_text (request->status),
                                request->decided_by_name != NULL ? request->decided_by_name : "", when);
    }
  else
    status = g_strdup (request_status_text (request->status));
  toa_item_append_line (body, status, request->status == TOA_APPROVAL_PENDING ? "warning"
                             : request->status == TOA_APPROVAL_REJECTED ? "error" : "success");
  toa_item_append_line (body, request->decision_comment, NULL);
  return row;
}

typedef struct {
  gint64     at;
  guint      order;     /* keeps equal times in reading order */
  GtkWidget *row;
} TimelineEntry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const TimelineEntry *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (int) x->order - (int) y->order;
}

void
toa_item_view_show_timeline (ToaItemView *self, GPtrArray *records, const GError *error,
                             GPtrArray *requests, const GError *request_error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (TimelineEntry));
  g_autoptr(GString) errors = g_string_new (NULL);

  toa_item_clear_list (self->timeline_list);
  g_clear_pointer (&self->came_from, g_free);
  g_clear_pointer (&self->refusal_ground, g_free);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const ToaTransitionRecord *record = g_ptr_array_index (records, i);
      TimelineEntry entry = { record->at, entries->len, transition_row (self, record) };

      g_array_append_val (entries, entry);
      g_free (self->came_from);
      self->came_from = g_strdup (record->from_state);
      if (g_strcmp0 (record->to_state, toa_article_state_code (TOA_STATE_REFUSED)) == 0 && record->ground != NULL)
        {
          g_free (self->refusal_ground);
          self->refusal_ground = g_strdup (record->ground);
        }
    }
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      const ToaApprovalRequest *request = g_ptr_array_index (requests, i);
      TimelineEntry entry = { request->requested_at, entries->len, request_row (self, request) };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->timeline_list, g_array_index (entries, TimelineEntry, i).row);

  if (error != NULL)
    g_string_append (errors, error->message);
  if (request_error != NULL)
    g_string_append_printf (errors, "%s%s", errors->len > 0 ? "\n" : "", request_error->message);
  gtk_label_set_text (self->timeline_error_label, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_error_label), errors->len > 0);
}
