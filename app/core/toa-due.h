/* toa-due.h — how a deadline reads to a person: "3 working days left", "Due today",
 * "2 working days overdue" (hạn xử lý, đến hạn hôm nay, quá hạn), and how urgent it is. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_DUE_NONE,      /* no deadline */
  TOA_DUE_LATER,     /* more than one working day left */
  TOA_DUE_SOON,      /* one working day left */
  TOA_DUE_TODAY,
  TOA_DUE_OVERDUE,
} ToaDueLevel;

ToaDueLevel toa_due_level (gboolean has_deadline, int days_left);
/* Translated text for @days_left working days (0 = due today, < 0 = overdue); "" without a
 * deadline. */
char       *toa_due_text (gboolean has_deadline, int days_left);

G_END_DECLS
