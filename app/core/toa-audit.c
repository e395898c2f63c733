/* toa-audit.c — the append-only, hash-chained audit log (nhật ký hệ thống).
 * A record's hash is SHA-256 (hex) over its canonical form: seq, at, actor_id, action,
 * object_type, object_id, detail and prev_hash joined with '\n', in that order. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-text.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define VERIFY_BATCH 1000

char *
toa_audit_record_hash (const ToaAuditRecord *record)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  canonical = g_strdup_printf ("%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT
                               "\n%s\n%s\n%" G_GINT64_FORMAT "\n%s\n%s",
                               record->seq, record->at, record->actor_id,
                               record->action != NULL ? record->action : "",
                               record->object_type != NULL ? record->object_type : "",
                               record->object_id,
                               /* detail is JSON: absent is "null", never the same as "" */
                               record->detail != NULL ? record->detail : "null",
                               record->prev_hash != NULL ? record->prev_hash : "");
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) canonical, (gssize) strlen (canonical));
  return g_strdup (g_checksum_get_string (checksum));
}

char *
toa_audit_detail (const char *first_member, ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_member);
  for (const char *member = first_member; member != NULL; member = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
toa_audit_append (ToaStore *store, gint64 actor_id, const char *action,
                  const char *object_type, gint64 object_id, const char *detail,
                  GError **error)
{
  g_autoptr(ToaAuditRecord) last = NULL;
  g_autoptr(ToaAuditRecord) record = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  last = toa_store_audit_last (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  record = toa_audit_record_new ();
  record->seq = last != NULL ? last->seq + 1 : 1;
  record->at = toa_now_usec ();
  record->actor_id = actor_id;
  record->action = g_strdup (action);
  record->object_type = g_strdup (object_type != NULL ? object_type : "");
  record->object_id = object_id;
  record->detail = g_strdup (detail);
  record->prev_hash = g_strdup (last != NULL && last->hash != NULL ? last->hash : ZERO_HASH);
  record->hash = toa_audit_record_hash (record);

  return toa_store_audit_insert (store, record, error);
}

static void
set_altered (GError **error, gint64 seq, const char *why)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
               _("The audit log was altered at record %s: %s. Restore the database from a backup and tell the head of the board."),
               number, why);
}

gboolean
toa_audit_verify (ToaStore *store, gint64 *count, gint64 *bad_seq, GError **error)
{
  g_autofree char *prev_hash = g_strdup (ZERO_HASH);
  gint64 expected = 1;
  gint64 checked = 0;
  gint64 after = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (count != NULL)
    *count = 0;
  if (bad_seq != NULL)
    *bad_seq = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) batch = toa_store_audit_list (store, after, VERIFY_BATCH, error);

      if (batch == NULL)
        return FALSE;

      for (guint i = 0; i < batch->len; i++)
        {
          const ToaAuditRecord *record = g_ptr_array_index (batch, i);
          g_autofree char *hash = NULL;
          gint64 bad = 0;
          const char *why = NULL;

          if (record->seq != expected)
            {
              /* a gap: the record expected here was removed (or the log reordered) */
              bad = expected;
              why = record->seq > expected ? _("the record is missing")
                                           : _("the records are out of order");
            }
          else if (record->prev_hash == NULL || g_ascii_strcasecmp (record->prev_hash, prev_hash) != 0)
            {
              bad = record->seq;
              why = _("it does not follow the record before it");
            }
          else
            {
              hash = toa_audit_record_hash (record);
              if (record->hash == NULL || g_ascii_strcasecmp (record->hash, hash) != 0)
                {
                  bad = record->seq;
                  why = _("its content does not match its hash");
                }
            }

          if (bad != 0)
            {
              if (bad_seq != NULL)
                *bad_seq = bad;
              if (count != NULL)
                *count = checked;
              set_altered (error, bad, why);
              return FALSE;
            }

          checked++;
          expected++;
          g_free (prev_hash);
          prev_hash = g_strdup (record->hash);
          after = record->seq;
        }

      if (batch->len < VERIFY_BATCH)
        break;
    }

  if (count != NULL)
    *count = checked;
  return TRUE;
}

gboolean
toa_audit_check_anchor (ToaStore *store, gint64 seq, const char *hash, GError **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  const ToaAuditRecord *record;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (!(records = toa_store_audit_list (store, seq - 1, 1, error)))
    return FALSE;
  record = records->len > 0 ? g_ptr_array_index (records, 0) : NULL;
  if (record == NULL || record->seq != seq || g_ascii_strcasecmp (record->hash, hash) != 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("The audit log no longer holds record %s as it was recorded: records were removed or rewritten after it. Restore the database from a backup and report it to the head of the board."),
                   number);
      return FALSE;
    }
  return TRUE;
}
