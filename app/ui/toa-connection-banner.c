/* toa-connection-banner.c — "Cannot reach the server — retrying…" (see the header). Pings
 * run on the UI thread: the store connects again with a 2-second timeout, and a server that
 * is down refuses at once, so the window waits at most that long. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-connection-banner.h"

#define WATCH_SECONDS   1    /* looking at the store's own state: no network */
#define ONLINE_SECONDS  30   /* ping while the server answers */
#define OFFLINE_SECONDS 5    /* ping (connect again) while it does not */

struct _ToaConnectionBanner {
  AdwBin       parent_instance;

  ToaStore    *store;
  gboolean     offline;
  guint        watch_id;
  guint        ping_id;
  GtkRevealer *revealer;
  GtkLabel    *label;
};

G_DEFINE_FINAL_TYPE (ToaConnectionBanner, toa_connection_banner, ADW_TYPE_BIN)

enum { SIGNAL_RECONNECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean on_ping_timeout (gpointer data);

static void
schedule_ping (ToaConnectionBanner *self)
{
  g_clear_handle_id (&self->ping_id, g_source_remove);
  if (self->store != NULL)
    self->ping_id = g_timeout_add_seconds (self->offline ? OFFLINE_SECONDS : ONLINE_SECONDS,
                                           on_ping_timeout, self);
}

static void
set_offline (ToaConnectionBanner *self, gboolean offline, const char *detail)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), detail);
  if (self->offline == offline)
    return;
  self->offline = offline;
  gtk_revealer_set_reveal_child (self->revealer, offline);
  schedule_ping (self);
  if (!offline)
    g_signal_emit (self, signals[SIGNAL_RECONNECTED], 0);
}

void
toa_connection_banner_check (ToaConnectionBanner *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (TOA_IS_CONNECTION_BANNER (self));
  if (self->store == NULL)
    return;
  ok = toa_store_ping (self->store, &error);
  set_offline (self, !ok, error != NULL ? error->message : NULL);
  schedule_ping (self);
}

static gboolean
on_ping_timeout (gpointer data)
{
  ToaConnectionBanner *self = data;

  self->ping_id = 0;
  toa_connection_banner_check (self);
  return G_SOURCE_REMOVE;
}

/* A store call elsewhere lost the connection: say so now, not at the next ping. */
static gboolean
on_watch (gpointer data)
{
  ToaConnectionBanner *self = data;

  if (!self->offline && !toa_store_is_online (self->store))
    set_offline (self, TRUE, NULL);
  return G_SOURCE_CONTINUE;
}

void
toa_connection_banner_set_store (ToaConnectionBanner *self, ToaStore *store)
{
  g_return_if_fail (TOA_IS_CONNECTION_BANNER (self));

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  g_clear_object (&self->store);
  self->offline = FALSE;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  /* only a store that can lose its server is watched */
  if (store == NULL || TOA_STORE_GET_IFACE (store)->ping == NULL)
    return;
  self->store = g_object_ref (store);
  self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, on_watch, self);
  schedule_ping (self);
}

gboolean
toa_connection_banner_get_offline (ToaConnectionBanner *self)
{
  g_return_val_if_fail (TOA_IS_CONNECTION_BANNER (self), FALSE);
  return self->offline;
}

static void
toa_connection_banner_dispose (GObject *object)
{
  ToaConnectionBanner *self = TOA_CONNECTION_BANNER (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (toa_connection_banner_parent_class)->dispose (object);
}

static void
toa_connection_banner_class_init (ToaConnectionBannerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = toa_connection_banner_dispose;
  /* The server answers again: what is shown may be out of date. */
  signals[SIGNAL_RECONNECTED] =
    g_signal_new ("reconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
toa_connection_banner_init (ToaConnectionBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-offline-symbolic");
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry Now"));

  self->label = GTK_LABEL (gtk_label_new (_("Cannot reach the server — retrying…")));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), retry);
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (toa_connection_banner_check), self);
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "osd");

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, box);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

ToaConnectionBanner *
toa_connection_banner_new (void)
{
  return g_object_new (TOA_TYPE_CONNECTION_BANNER, NULL);
}
