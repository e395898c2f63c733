/* toa-store-watch.c — the live-changes object and what one change says (toa-store-watch.h). */
#include "config.h"

#include <json-glib/json-glib.h>

#include "toa-store-watch.h"

G_DEFINE_BOXED_TYPE (ToaStoreChange, toa_store_change, toa_store_change_copy, toa_store_change_free)

ToaStoreChange *
toa_store_change_new (const char *kind)
{
  ToaStoreChange *change = g_new0 (ToaStoreChange, 1);

  change->kind = g_strdup (kind);
  return change;
}

ToaStoreChange *
toa_store_change_copy (const ToaStoreChange *change)
{
  ToaStoreChange *copy;

  if (change == NULL)
    return NULL;
  copy = g_memdup2 (change, sizeof *change);
  copy->kind = g_strdup (change->kind);
  copy->state = g_strdup (change->state);
  copy->from_state = g_strdup (change->from_state);
  return copy;
}

void
toa_store_change_free (ToaStoreChange *change)
{
  if (change == NULL)
    return;
  g_free (change->kind);
  g_free (change->state);
  g_free (change->from_state);
  g_free (change);
}

gboolean
toa_store_change_is_resync (const ToaStoreChange *change)
{
  return change != NULL && g_strcmp0 (change->kind, "resync") == 0;
}

static char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (node)) : NULL;
}

static gint64
member_int (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

ToaStoreChange *
toa_store_change_parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *kind = NULL;
  JsonObject *object;
  JsonNode *root;
  ToaStoreChange *change;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  kind = member_text (object, "kind");
  if (kind == NULL)
    return NULL;
  change = toa_store_change_new (kind);
  change->article_id = member_int (object, "article");
  change->site_id = member_int (object, "site");
  change->state = member_text (object, "state");
  change->from_state = member_text (object, "from");
  change->version = member_int (object, "version");
  change->person_id = member_int (object, "person");
  return change;
}

/* ---- the watch ------------------------------------------------------------------------- */

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ToaStoreWatch, toa_store_watch, G_TYPE_OBJECT)

static void
toa_store_watch_class_init (ToaStoreWatchClass *klass)
{
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          TOA_TYPE_STORE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
toa_store_watch_init (ToaStoreWatch *self)
{
}

void
toa_store_watch_emit (ToaStoreWatch *self, const ToaStoreChange *change)
{
  g_return_if_fail (TOA_IS_STORE_WATCH (self));
  g_return_if_fail (change != NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, change);
}
