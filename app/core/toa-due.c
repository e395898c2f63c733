/* toa-due.c — the words and the urgency of a deadline. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-due.h"

ToaDueLevel
toa_due_level (gboolean has_deadline, int days_left)
{
  if (!has_deadline)
    return TOA_DUE_NONE;
  if (days_left < 0)
    return TOA_DUE_OVERDUE;
  if (days_left == 0)
    return TOA_DUE_TODAY;
  return days_left == 1 ? TOA_DUE_SOON : TOA_DUE_LATER;
}

char *
toa_due_text (gboolean has_deadline, int days_left)
{
  switch (toa_due_level (has_deadline, days_left))
    {
    case TOA_DUE_NONE:
      return g_strdup ("");
    case TOA_DUE_TODAY:
      return g_strdup (_("Due today"));
    case TOA_DUE_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day overdue",
                                           "%d working days overdue", (gulong) -days_left),
                              -days_left);
    case TOA_DUE_SOON:
    case TOA_DUE_LATER:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day left",
                                           "%d working days left", (gulong) days_left),
                              days_left);
    }
}
