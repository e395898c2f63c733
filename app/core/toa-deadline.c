/* toa-deadline.c — deadlines in working days from the kind of information. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-deadline.h"
#include "toa-error.h"

gboolean
toa_deadline_compute (ToaWorkCalendar *cal, int deadline_days, const GDate *from, GDate *out,
                      gboolean *has_deadline)
{
  g_return_val_if_fail (cal != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (out != NULL && has_deadline != NULL, FALSE);

  *has_deadline = deadline_days >= 0;
  if (!*has_deadline)
    return TRUE;
  /* 0: immediately — the same day when it is a working day, else the next one. */
  return toa_work_calendar_add (cal, from, deadline_days, out);
}

gboolean
toa_deadline_for_kind (ToaStore *store, ToaWorkCalendar *cal, const char *kind_code,
                       const GDate *from, GDate *out, gboolean *has_deadline,
                       ToaInfoKind **kind_out, GError **error)
{
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(ToaWorkCalendar) own_cal = NULL;
  const ToaInfoKind *kind = NULL;
  guint index = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind_code != NULL, FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (!g_date_valid (from))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("The start date is not a valid date; use YYYY-MM-DD or dd/mm/yyyy"));
      return FALSE;
    }
  if (!(kinds = toa_store_info_kind_list (store, error)))
    return FALSE;
  for (guint i = 0; i < kinds->len && kind == NULL; i++)
    if (g_strcmp0 (((ToaInfoKind *) g_ptr_array_index (kinds, i))->code, kind_code) == 0)
      {
        kind = g_ptr_array_index (kinds, i);
        index = i;
      }
  if (kind == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("No kind of information has the code “%s”; see “toasoan-cli kind list”"),
                   kind_code);
      return FALSE;
    }
  if (cal == NULL && !(cal = own_cal = toa_work_calendar_get (store, error)))
    return FALSE;
  if (!toa_deadline_compute (cal, kind->deadline_days, from, out, has_deadline))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("The deadline falls outside the dates the calendar can count"));
      return FALSE;
    }
  if (kind_out != NULL)
    *kind_out = g_ptr_array_steal_index (kinds, index);
  return TRUE;
}
