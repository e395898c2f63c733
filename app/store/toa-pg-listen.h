/* toa-pg-listen.h — live changes from a PostgreSQL board (004-notify.sql): a second
 * connection, apart from the store's own (which is busy with transactions), LISTENs on
 * toa_changes; a GSource on the main context watches its socket and emits each notice as the
 * watch's "changed" signal (toa-store-watch.h). When the connection drops it reconnects by
 * itself, without blocking (backing off from 250 ms to 5 s), and then emits "resync": what
 * was committed meanwhile was not heard. */
#pragma once

#include <libpq-fe.h>

#include "toa-store.h"
#include "toa-store-watch.h"

G_BEGIN_DECLS

#define TOA_PG_LISTEN_CHANNEL "toa_changes"
/* The listening connection's application_name (pg_stat_activity). */
#define TOA_PG_LISTEN_APPLICATION "toasoan-listen"

#define TOA_TYPE_PG_LISTEN (toa_pg_listen_get_type ())
G_DECLARE_FINAL_TYPE (ToaPgListen, toa_pg_listen, TOA, PG_LISTEN, ToaStoreWatch)

/* Connects to the server and database of @like with its user and password (a blocking
 * connect, like the store's own), LISTENs, and watches the socket on the thread-default main
 * context. TOA_ERROR_IO when the server cannot be reached. */
ToaPgListen   *toa_pg_listen_new (PGconn *like, GError **error);
/* The store's "watch" vfunc (toa-pg-store.c assigns it). */
ToaStoreWatch *toa_pg_listen_watch (ToaStore *store, GError **error);
/* TRUE while LISTENing (FALSE while reconnecting). */
gboolean       toa_pg_listen_is_listening (ToaPgListen *self);

G_END_DECLS
