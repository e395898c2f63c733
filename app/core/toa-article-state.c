/* toa-article-state.c — article state codes (trạng thái tin bài) and their labels. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"

static const struct {
  const char *code;
  const char *label;
} states[TOA_N_STATES] = {
  [TOA_STATE_RECEIVED] = { "received", N_("Received") },
  [TOA_STATE_DRAFT] = { "draft", N_("Draft") },
  [TOA_STATE_EDITING] = { "editing", N_("Editing") },
  [TOA_STATE_SECRETARY_REVIEW] = { "secretary-review", N_("Awaiting the secretary") },
  [TOA_STATE_DEPUTY_REVIEW] = { "deputy-review", N_("Awaiting the deputy head") },
  [TOA_STATE_ESCALATED] = { "escalated", N_("Escalated to the head") },
  [TOA_STATE_CHAIRMAN_OPINION] = { "chairman-opinion", N_("Awaiting the provincial chairman") },
  [TOA_STATE_SCHEDULED] = { "scheduled", N_("Scheduled") },
  [TOA_STATE_PUBLISHED] = { "published", N_("Published") },
  [TOA_STATE_RETURNED] = { "returned", N_("Returned") },
  [TOA_STATE_REFUSED] = { "refused", N_("Refused") },
  [TOA_STATE_WITHDRAWN] = { "withdrawn", N_("Withdrawn") },
};

const char *
toa_article_state_code (ToaArticleState state)
{
  g_return_val_if_fail (state < TOA_N_STATES, NULL);
  return states[state].code;
}

const char *
toa_article_state_label (ToaArticleState state)
{
  g_return_val_if_fail (state < TOA_N_STATES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, states[state].label);
}

gboolean
toa_article_state_from_code (const char *code, ToaArticleState *out)
{
  for (guint i = 0; code != NULL && i < TOA_N_STATES; i++)
    if (g_str_equal (code, states[i].code))
      {
        *out = (ToaArticleState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
toa_article_state_label_for_code (const char *code)
{
  ToaArticleState state;

  if (toa_article_state_from_code (code, &state))
    return toa_article_state_label (state);
  return code;
}
