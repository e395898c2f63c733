/* toa-store.c — the storage interface: G_DEFINE_INTERFACE and the toa_store_* calls that
 * dispatch to a backend. A backend missing a method gets a TOA_ERROR_IO message. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-store.h"

G_DEFINE_INTERFACE (ToaStore, toa_store, G_TYPE_OBJECT)

static void
toa_store_default_init (ToaStoreInterface *iface)
{
}

static void
unsupported (GError **error)
{
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO,
                       _("This database backend cannot do that yet. Use an SQLite database file."));
}

const char *
toa_store_describe (ToaStore *self)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->describe == NULL)
    return G_OBJECT_TYPE_NAME (self);
  return iface->describe (self);
}

int
toa_store_schema_version (ToaStore *self)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), 0);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->schema_version == NULL)
    return 0;
  return iface->schema_version (self);
}

const char *
toa_store_signed_in_login (ToaStore *self)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->signed_in_login == NULL)
    return NULL;
  return iface->signed_in_login (self);
}

gboolean
toa_store_is_online (ToaStore *self)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  return iface->is_online == NULL || iface->is_online (self);
}

gboolean
toa_store_ping (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  return iface->ping == NULL || iface->ping (self, error);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

ToaStoreWatch *
toa_store_watch (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;
  GWeakRef *shared;
  ToaStoreWatch *watch;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->watch == NULL)
    return NULL;
  shared = g_object_get_data (G_OBJECT (self), "toa-store-watch");
  if (shared != NULL && (watch = g_weak_ref_get (shared)) != NULL)
    return watch;
  if ((watch = iface->watch (self, error)) == NULL)
    return NULL;
  shared = g_new0 (GWeakRef, 1);
  g_weak_ref_init (shared, watch);
  g_object_set_data_full (G_OBJECT (self), "toa-store-watch", shared, weak_ref_free);
  return watch;
}

gboolean
toa_store_begin (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->begin == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->begin (self, error);
}

gboolean
toa_store_commit (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->commit == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->commit (self, error);
}

void
toa_store_rollback (ToaStore *self)
{
  ToaStoreInterface *iface;

  g_return_if_fail (TOA_IS_STORE (self));

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->rollback == NULL)
    return;
  iface->rollback (self);
}

gboolean
toa_store_site_add (ToaStore *self, ToaSite *site, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->site_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->site_add (self, site, error);
}

GPtrArray *
toa_store_site_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->site_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->site_list (self, error);
}

ToaSite *
toa_store_site_find (ToaStore *self, const char *code, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->site_find == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->site_find (self, code, error);
}

gboolean
toa_store_section_add (ToaStore *self, ToaSection *section, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->section_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->section_add (self, section, error);
}

GPtrArray *
toa_store_section_list (ToaStore *self, gint64 site_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->section_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->section_list (self, site_id, error);
}

gboolean
toa_store_unit_add (ToaStore *self, ToaUnit *unit, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->unit_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->unit_add (self, unit, error);
}

GPtrArray *
toa_store_unit_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->unit_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->unit_list (self, error);
}

GPtrArray *
toa_store_genre_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->genre_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->genre_list (self, error);
}

GPtrArray *
toa_store_info_kind_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->info_kind_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->info_kind_list (self, error);
}

gboolean
toa_store_person_add (ToaStore *self, ToaPerson *person, const char *password_hash,
                      GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->person_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->person_add (self, person, password_hash, error);
}

ToaPerson *
toa_store_person_find (ToaStore *self, const char *login, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->person_find == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->person_find (self, login, error);
}

ToaPerson *
toa_store_person_get (ToaStore *self, gint64 id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->person_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->person_get (self, id, error);
}

GPtrArray *
toa_store_person_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->person_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->person_list (self, error);
}

gboolean
toa_store_role_grant (ToaStore *self, gint64 person_id, gint64 site_id, ToaRole role,
                      GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->role_grant == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->role_grant (self, person_id, site_id, role, error);
}

char *
toa_store_password_hash_get (ToaStore *self, const char *login, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->password_hash_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->password_hash_get (self, login, error);
}

gboolean
toa_store_article_insert (ToaStore *self, ToaArticle *article, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_insert == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->article_insert (self, article, error);
}

gboolean
toa_store_article_update (ToaStore *self, ToaArticle *article, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_update == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->article_update (self, article, error);
}

ToaArticle *
toa_store_article_get (ToaStore *self, gint64 id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->article_get (self, id, error);
}

gint64
toa_store_article_count (ToaStore *self, const ToaArticleQuery *query, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_count == NULL)
    {
      unsupported (error);
      return -1;
    }
  return iface->article_count (self, query, error);
}

GPtrArray *
toa_store_article_list (ToaStore *self, const ToaArticleQuery *query, ToaArticle *after,
                        guint offset, guint limit, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->article_list (self, query, after, offset, limit, error);
}

gboolean
toa_store_revision_add (ToaStore *self, ToaRevision *revision, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->revision_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->revision_add (self, revision, error);
}

GPtrArray *
toa_store_revision_list (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->revision_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->revision_list (self, article_id, error);
}

gboolean
toa_store_comment_add (ToaStore *self, ToaComment *comment, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->comment_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->comment_add (self, comment, error);
}

GPtrArray *
toa_store_comment_list (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->comment_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->comment_list (self, article_id, error);
}

ToaAuditRecord *
toa_store_audit_last (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->audit_last == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->audit_last (self, error);
}

gboolean
toa_store_audit_insert (ToaStore *self, const ToaAuditRecord *record, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->audit_insert == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->audit_insert (self, record, error);
}

GPtrArray *
toa_store_audit_list (ToaStore *self, gint64 after_seq, guint limit, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->audit_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->audit_list (self, after_seq, limit, error);
}

/* Calendar (issue 3). */

GPtrArray *
toa_store_calendar_holiday_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->calendar_holiday_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->calendar_holiday_list (self, error);
}

GPtrArray *
toa_store_calendar_adjustment_list (ToaStore *self, const GDate *from, const GDate *to,
                                    GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->calendar_adjustment_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->calendar_adjustment_list (self, from, to, error);
}

gboolean
toa_store_calendar_adjustment_add (ToaStore *self, const ToaCalendarAdjustment *adjustment,
                                   GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (adjustment != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->calendar_adjustment_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->calendar_adjustment_add (self, adjustment, error);
}

/* Workflow definitions (issue 3). */

gboolean
toa_store_board_setting_set (ToaStore *self, const char *key, const char *value, const char *source,
                             GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->board_setting_set == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->board_setting_set (self, key, value, source, error);
}

gboolean
toa_store_workflow_definition_add (ToaStore *self, const ToaWorkflowRecord *record, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->workflow_definition_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->workflow_definition_add (self, record, error);
}

ToaWorkflowRecord *
toa_store_workflow_definition_get (ToaStore *self, const char *code, int version, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->workflow_definition_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->workflow_definition_get (self, code, version, error);
}

GPtrArray *
toa_store_workflow_definition_list (ToaStore *self, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->workflow_definition_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->workflow_definition_list (self, error);
}

gboolean
toa_store_abandon (ToaStore *self, GError *local_error, GError **error)
{
  toa_store_rollback (self);
  if (local_error == NULL)
    g_set_error_literal (&local_error, TOA_ERROR, TOA_ERROR_IO,
                         _("The database could not be read. Check the file and try again."));
  g_propagate_error (error, local_error);
  return FALSE;
}

ToaSite *
toa_store_site_find_checked (ToaStore *self, const char *code, GError **error)
{
  GError *local_error = NULL;
  ToaSite *site = toa_store_site_find (self, code, &local_error);

  if (site != NULL)
    return site;
  if (local_error == NULL || g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("No site has the code “%s”. Check the code; the province portal is “portal”."),
                   code);
    }
  else
    g_propagate_error (error, local_error);
  return NULL;
}

/* Approval requests (issue 3, toa-approval.h). */

gboolean
toa_store_approval_request_add (ToaStore *self, ToaApprovalRequest *request, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->approval_request_add (self, request, error);
}

ToaApprovalRequest *
toa_store_approval_request_get (ToaStore *self, gint64 id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->approval_request_get (self, id, error);
}

ToaApprovalRequest *
toa_store_approval_request_pending (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_pending == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->approval_request_pending (self, article_id, error);
}

GPtrArray *
toa_store_approval_request_list (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->approval_request_list (self, article_id, error);
}

GPtrArray *
toa_store_approval_request_list_pending (ToaStore *self, GArray *site_ids, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_list_pending == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->approval_request_list_pending (self, site_ids, error);
}

gboolean
toa_store_approval_request_decide (ToaStore *self, gint64 id, ToaApprovalStatus status,
                                   gint64 decided_by, const char *comment, gint64 at, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (status != TOA_APPROVAL_PENDING, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_decide == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->approval_request_decide (self, id, status, decided_by, comment, at, error);
}

/* Transitions and delegations (issue 3). */

char *
toa_store_board_setting_get (ToaStore *self, const char *key, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->board_setting_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->board_setting_get (self, key, error);
}

ToaArticleFlow *
toa_store_article_flow_get (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_flow_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->article_flow_get (self, article_id, error);
}

gboolean
toa_store_article_flow_update (ToaStore *self, const ToaArticleFlow *flow, gint64 expected_version,
                               const char *expected_state, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->article_flow_update == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->article_flow_update (self, flow, expected_version, expected_state, error);
}

gboolean
toa_store_has_transition_take (ToaStore *self)
{
  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);

  return TOA_STORE_GET_IFACE (self)->transition_take != NULL;
}

gboolean
toa_store_has_approval_request_ask (ToaStore *self)
{
  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);

  return TOA_STORE_GET_IFACE (self)->approval_request_ask != NULL;
}

gboolean
toa_store_approval_request_ask (ToaStore *self, ToaApprovalRequest *request, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_ask == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->approval_request_ask (self, request, error);
}

gboolean
toa_store_has_approval_request_take (ToaStore *self)
{
  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);

  return TOA_STORE_GET_IFACE (self)->approval_request_take != NULL;
}

gboolean
toa_store_approval_request_take (ToaStore *self, gint64 id, gboolean approve, gint64 decided_by,
                                 const char *comment, const char *deadline, gint64 now,
                                 ToaArticleFlow *flow, ToaTransitionRecord *record, gboolean *lapsed,
                                 GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->approval_request_take == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->approval_request_take (self, id, approve, decided_by, comment, deadline, now, flow,
                                       record, lapsed, error);
}

gboolean
toa_store_transition_take (ToaStore *self, ToaArticleFlow *flow, const char *target,
                           ToaTransitionRecord *record, gint64 expected_version, gint64 now,
                           GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->transition_take == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->transition_take (self, flow, target, record, expected_version, now, error);
}

gboolean
toa_store_transition_add (ToaStore *self, ToaTransitionRecord *record, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->transition_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->transition_add (self, record, error);
}

GPtrArray *
toa_store_transition_list (ToaStore *self, gint64 article_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->transition_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->transition_list (self, article_id, error);
}

gboolean
toa_store_delegation_add (ToaStore *self, ToaDelegation *delegation, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->delegation_add == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->delegation_add (self, delegation, error);
}

GPtrArray *
toa_store_delegation_list_in_force (ToaStore *self, gint64 person_id, const char *date, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->delegation_list_in_force == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->delegation_list_in_force (self, person_id, date, error);
}

ToaDelegation *
toa_store_delegation_get (ToaStore *self, gint64 id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->delegation_get == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->delegation_get (self, id, error);
}

GPtrArray *
toa_store_delegation_list (ToaStore *self, gint64 person_id, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->delegation_list == NULL)
    {
      unsupported (error);
      return NULL;
    }
  return iface->delegation_list (self, person_id, error);
}

gboolean
toa_store_delegation_revoke (ToaStore *self, gint64 id, gint64 at, GError **error)
{
  ToaStoreInterface *iface;

  g_return_val_if_fail (TOA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = TOA_STORE_GET_IFACE (self);
  if (iface->delegation_revoke == NULL)
    {
      unsupported (error);
      return FALSE;
    }
  return iface->delegation_revoke (self, id, at, error);
}

/* Intake and the inbox (issue 3). */

#define INBOX_IFACE_OR_FAIL(self, method, failed)                 \
  ToaStoreInterface *iface;                                       \
  g_return_val_if_fail (TOA_IS_STORE (self), failed);             \
  g_return_val_if_fail (error == NULL || *error == NULL, failed); \
  iface = TOA_STORE_GET_IFACE (self);                             \
  if (iface->method == NULL)                                      \
    {                                                             \
      unsupported (error);                                        \
      return failed;                                              \
    }

GPtrArray *
toa_store_intake_channel_list (ToaStore *self, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, intake_channel_list, NULL);
  return iface->intake_channel_list (self, error);
}

gboolean
toa_store_intake_record_add (ToaStore *self, const ToaIntakeRecord *record, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, intake_record_add, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  return iface->intake_record_add (self, record, error);
}

ToaIntakeRecord *
toa_store_intake_record_get (ToaStore *self, gint64 article_id, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, intake_record_get, NULL);
  return iface->intake_record_get (self, article_id, error);
}

gboolean
toa_store_intake_reply_letter_set (ToaStore *self, gint64 article_id, const char *letter,
                                   GError **error)
{
  INBOX_IFACE_OR_FAIL (self, intake_reply_letter_set, FALSE);
  return iface->intake_reply_letter_set (self, article_id, letter, error);
}

gboolean
toa_store_article_deadline_set (ToaStore *self, gint64 article_id, const char *deadline,
                                GError **error)
{
  INBOX_IFACE_OR_FAIL (self, article_deadline_set, FALSE);
  return iface->article_deadline_set (self, article_id, deadline, error);
}

GPtrArray *
toa_store_inbox_list (ToaStore *self, const ToaInboxQuery *query, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, inbox_list, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  return iface->inbox_list (self, query, error);
}

gboolean
toa_store_stored_file_put (ToaStore *self, const char *sha256, const char *media_type,
                           GBytes *data, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, stored_file_put, FALSE);
  g_return_val_if_fail (sha256 != NULL && media_type != NULL && data != NULL, FALSE);
  return iface->stored_file_put (self, sha256, media_type, data, error);
}

GBytes *
toa_store_stored_file_get (ToaStore *self, const char *sha256, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, stored_file_get, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  return iface->stored_file_get (self, sha256, error);
}

gboolean
toa_store_article_attachment_add (ToaStore *self, const ToaAttachment *attachment, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, article_attachment_add, FALSE);
  g_return_val_if_fail (attachment != NULL && attachment->sha256 != NULL, FALSE);
  return iface->article_attachment_add (self, attachment, error);
}

GPtrArray *
toa_store_article_attachment_list (ToaStore *self, gint64 article_id, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, article_attachment_list, NULL);
  return iface->article_attachment_list (self, article_id, error);
}

gboolean
toa_store_article_image_add (ToaStore *self, const ToaArticleImage *image, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, article_image_add, FALSE);
  g_return_val_if_fail (image != NULL && image->sha256 != NULL && image->thumb_sha256 != NULL, FALSE);
  return iface->article_image_add (self, image, error);
}

GPtrArray *
toa_store_article_image_list (ToaStore *self, gint64 article_id, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, article_image_list, NULL);
  return iface->article_image_list (self, article_id, error);
}

GBytes *
toa_store_stored_image_get (ToaStore *self, const char *sha256, gboolean thumb,
                            char **media_type, GError **error)
{
  INBOX_IFACE_OR_FAIL (self, stored_image_get, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  return iface->stored_image_get (self, sha256, thumb, media_type, error);
}
