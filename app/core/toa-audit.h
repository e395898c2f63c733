/* toa-audit.h — the append-only, hash-chained audit log (nhật ký hệ thống).
 * Each record's hash is SHA-256 over its previous hash and its own fields, so editing,
 * removing or reordering any record breaks the chain from there on. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* Hex SHA-256 of the record's canonical form (seq, at, actor, action, object, detail,
 * prev_hash). The hash field itself is ignored. */
char    *toa_audit_record_hash (const ToaAuditRecord *record);

/* The detail of an audit record: compact JSON of string members given as (name, value)
 * pairs ending with NULL; a NULL value leaves its member out. */
char    *toa_audit_detail (const char *first_member, ...) G_GNUC_NULL_TERMINATED;

/* Appends one record: reads the last, chains, inserts. Must run inside the caller's
 * transaction, so the change and its record land together or not at all.
 * @detail is compact JSON or NULL. */
gboolean toa_audit_append (ToaStore *store, gint64 actor_id, const char *action,
                           const char *object_type, gint64 object_id, const char *detail,
                           GError **error);

/* Walks the whole log. Returns TRUE when intact; otherwise FALSE with *bad_seq set to the
 * first record that was edited, removed or moved, and a message in @error
 * (TOA_ERROR_CONFLICT). *count receives the number of records checked. */
gboolean toa_audit_verify (ToaStore *store, gint64 *count, gint64 *bad_seq, GError **error);

/* The chain alone cannot show that its newest records were cut off: keep the head printed by
 * `toasoan-cli audit verify` (seq and hash of the last record) outside the database, e.g.
 * with each weekly backup, and check it later. TRUE when record @seq still has @hash;
 * otherwise TOA_ERROR_CONFLICT saying the log was cut or rewritten after that point. */
gboolean toa_audit_check_anchor (ToaStore *store, gint64 seq, const char *hash, GError **error);

G_END_DECLS
