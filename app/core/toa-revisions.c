/* toa-revisions.c — an article's revisions (phiên bản): reading them with the reader's
 * rights, comparing two word by word field by field, the revision each step keeps, and
 * restoring an old one as a new save (through toa_articles_save: rights, version check,
 * revision and audit record in one transaction). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-error.h"
#include "toa-revisions.h"
#include "toa-text.h"

gboolean
toa_revisions_may_see (ToaStore *store, const ToaPerson *actor, gint64 article_id, GError **error)
{
  g_autoptr(ToaArticleFlow) flow = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  flow = toa_store_article_flow_get (store, article_id, error);
  if (flow == NULL)
    return FALSE;
  if (actor == NULL)
    return TRUE;
  for (guint i = 0; actor->active && actor->roles != NULL && i < actor->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (actor->roles, ToaRoleGrant, i);

      if (grant->site_id == flow->site_id || grant->role == TOA_ROLE_ADMIN)
        return TRUE;
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
               _("%s has no role on the site of article %lld and may not read its revisions. Ask the administrator for a role on that site."),
               actor->full_name != NULL ? actor->full_name : actor->login, (long long) article_id);
  return FALSE;
}

GPtrArray *
toa_revisions_list (ToaStore *store, const ToaPerson *actor, gint64 article_id, GError **error)
{
  if (!toa_revisions_may_see (store, actor, article_id, error))
    return NULL;
  return toa_store_revision_list (store, article_id, error);
}

static const ToaRevision *
find_revision (GPtrArray *revisions, int number)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      const ToaRevision *revision = g_ptr_array_index (revisions, i);

      if (revision->number == number)
        return revision;
    }
  return NULL;
}

static gboolean
set_no_revision (GError **error, gint64 article_id, int number, GPtrArray *revisions)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               _("Article %lld has no revision %d (it has revisions 1 to %u). See them with “toasoan-cli article revisions %lld”."),
               (long long) article_id, number, revisions->len, (long long) article_id);
  return FALSE;
}

gboolean
toa_revisions_diff (ToaStore *store, const ToaPerson *actor, gint64 article_id, int from,
                    int to, GPtrArray **title, GPtrArray **sapo, GPtrArray **body,
                    GError **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  const ToaRevision *old_rev, *new_rev;
  g_autofree char *old_body = NULL;
  g_autofree char *new_body = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (!(revisions = toa_revisions_list (store, actor, article_id, error)))
    return FALSE;
  if (!(old_rev = find_revision (revisions, from)))
    return set_no_revision (error, article_id, from, revisions);
  if (!(new_rev = find_revision (revisions, to)))
    return set_no_revision (error, article_id, to, revisions);

  if (title != NULL)
    *title = toa_word_diff (old_rev->title, new_rev->title);
  if (sapo != NULL)
    *sapo = toa_word_diff (old_rev->sapo, new_rev->sapo);
  if (body != NULL)
    {
      old_body = toa_html_to_paragraphs (old_rev->body_html != NULL ? old_rev->body_html : "");
      new_body = toa_html_to_paragraphs (new_rev->body_html != NULL ? new_rev->body_html : "");
      *body = toa_word_diff (old_body, new_body);
    }
  return TRUE;
}

char *
toa_revisions_step_note (const char *transition, const char *from, const char *to)
{
  /* the states by their translated names (the code itself for a state core does not know) */
  return g_strdup_printf ("%s: %s → %s", transition != NULL ? transition : "?",
                          from != NULL ? toa_article_state_label_for_code (from) : "?",
                          to != NULL ? toa_article_state_label_for_code (to) : "?");
}

gboolean
toa_revisions_add_step (ToaStore *store, gint64 article_id, gint64 actor_id,
                        const char *transition, const char *from, const char *to, gint64 at,
                        GError **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(ToaRevision) step = toa_revision_new ();
  const ToaRevision *newest = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (!(revisions = toa_store_revision_list (store, article_id, error)))
    return FALSE;
  for (guint i = 0; i < revisions->len; i++)
    {
      const ToaRevision *revision = g_ptr_array_index (revisions, i);

      if (newest == NULL || revision->number > newest->number)
        newest = revision;
    }

  step->article_id = article_id;
  step->author_id = actor_id;
  step->created_at = at != 0 ? at : toa_now_usec ();
  step->note = toa_revisions_step_note (transition, from, to);
  if (newest != NULL)
    {
      step->title = g_strdup (newest->title);
      step->sapo = g_strdup (newest->sapo);
      step->body_html = g_strdup (newest->body_html);
    }
  else
    {
      /* an article written before revisions were kept: its text as stored now */
      g_autoptr(ToaArticle) article = toa_store_article_get (store, article_id, error);

      if (article == NULL)
        return FALSE;
      step->title = g_strdup (article->title);
      step->sapo = g_strdup (article->sapo);
      step->body_html = g_strdup (article->body_html);
    }
  return toa_store_revision_add (store, step, error);
}

int
toa_revisions_restore (ToaStore *store, const ToaPerson *actor, gint64 article_id, int number,
                       gint64 expected_version, GError **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *note = NULL;
  const ToaRevision *old_rev;
  int newest = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), 0);
  g_return_val_if_fail (actor != NULL, 0);

  if (!(revisions = toa_revisions_list (store, actor, article_id, error)))
    return 0;
  if (!(old_rev = find_revision (revisions, number)))
    {
      set_no_revision (error, article_id, number, revisions);
      return 0;
    }
  if (!(article = toa_store_article_get (store, article_id, error)))
    return 0;
  if (expected_version != 0)
    article->version = expected_version;

  g_free (article->title);
  article->title = g_strdup (old_rev->title);
  g_free (article->sapo);
  article->sapo = g_strdup (old_rev->sapo);
  g_free (article->body_html);
  article->body_html = g_strdup (old_rev->body_html);
  /* the note is data, in the board's language, like the revisions it names */
  note = g_strdup_printf ("Khôi phục phiên bản %d", number);
  if (!toa_articles_save (store, actor, article, note, error))
    return 0;

  if (!(after = toa_store_revision_list (store, article_id, error)))
    return 0;
  for (guint i = 0; i < after->len; i++)
    {
      const ToaRevision *revision = g_ptr_array_index (after, i);

      if (revision->author_id == actor->id && g_strcmp0 (revision->note, note) == 0)
        newest = MAX (newest, revision->number);
    }
  return newest;
}
