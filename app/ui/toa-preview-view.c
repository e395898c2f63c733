/* toa-preview-view.c — the live portal preview: a WebKitWebView showing
 * toa_preview_render's page inside an AdwClamp (desktop 1024 px or phone 390 px).
 * Nothing on the page may reach the network, three times over: the page's own
 * Content-Security-Policy (core), a content filter blocking http(s), ws(s), ftp and file
 * URLs before any request is made, and a navigation policy that lets only our own page load
 * (links are not followed). JavaScript is off and the network session is ephemeral.
 * Changes are debounced: a render 300 ms after the last change, and at least one a second
 * while changes keep coming. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <webkit/webkit.h>

#include "toa-article.h"
#include "toa-preview-view.h"
#include "toa-preview.h"
#include "toa-uri-scheme.h"

#define PAGE_URI        "toasoan://preview/article"
#define DEBOUNCE_MS     300
#define MAX_WAIT_USEC   (1000 * 1000)
#define DESKTOP_WIDTH   1024
#define PHONE_WIDTH     390
#define FILTER_ID       "toasoan-preview-no-network"

/* Content blocker rules (WebKit's format: no alternation in url-filter). */
static const char filter_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\"^https?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^wss?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^ftp:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^file:\"},\"action\":{\"type\":\"block\"}}"
  "]";

struct _ToaPreviewView {
  AdwBin parent_instance;

  ToaStore      *store;
  AdwClamp      *clamp;
  WebKitWebView *web_view;
  ToaArticle    *article;        /* our copy; NULL until set */
  char          *width;          /* "desktop" or "phone" */
  guint          timeout_id;
  gint64         first_pending;  /* when the oldest change not yet shown came */
  gboolean       filter_ready;   /* the content filter is on (or failed: CSP still holds) */
  gboolean       render_waiting; /* a render was asked for before the filter was ready */
  gboolean       loading_ours;   /* the navigation under way is our own load_html */
  guint          render_count;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (ToaPreviewView, toa_preview_view, ADW_TYPE_BIN)

/* The store the toasoan scheme reads images from: the last preview view's (weak). */
static ToaStore *scheme_store;

static ToaStore *
get_scheme_store (gpointer user_data)
{
  return scheme_store;
}

/* A copy of the fields the page shows. */
static ToaArticle *
article_copy (const ToaArticle *a)
{
  ToaArticle *c = toa_article_new ();

  c->id = a->id;
  c->site_id = a->site_id;
  c->site_code = g_strdup (a->site_code);
  c->section_id = a->section_id;
  c->section_name = g_strdup (a->section_name);
  c->genre = g_strdup (a->genre);
  c->language = g_strdup (a->language);
  c->source_unit_id = a->source_unit_id;
  c->source_unit_name = g_strdup (a->source_unit_name);
  c->info_kind = g_strdup (a->info_kind);
  c->title = g_strdup (a->title);
  c->sapo = g_strdup (a->sapo);
  c->body_html = g_strdup (a->body_html);
  c->attribution = g_strdup (a->attribution);
  c->state = g_strdup (a->state);
  c->published_at = a->published_at;
  c->version = a->version;
  for (guint i = 0; a->authors != NULL && i < a->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (a->authors, ToaAuthorShare, i);

      toa_article_add_author (c, share->person_id, share->name, share->role, share->share_bp);
    }
  return c;
}

static void
render_now (ToaPreviewView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->first_pending = 0;
  if (self->article == NULL)
    return;
  if (!self->filter_ready)
    {
      self->render_waiting = TRUE;
      return;
    }
  if (self->store == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("No database is open."));
  else
    html = toa_preview_render (self->store, self->article, NULL, &error);
  if (html == NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                              "</head><body><p>%s</p><p>%s</p></body></html>",
                              _("The preview cannot be shown."), message);
    }
  self->loading_ours = TRUE;
  webkit_web_view_load_html (self->web_view, html, PAGE_URI);
}

static gboolean
debounce_done (gpointer user_data)
{
  ToaPreviewView *self = user_data;

  self->timeout_id = 0;
  render_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_render (ToaPreviewView *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->first_pending == 0)
    self->first_pending = now;
  /* Keep waiting for a pause in typing, but not for more than a second. */
  if (self->timeout_id != 0 && now - self->first_pending >= MAX_WAIT_USEC)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (DEBOUNCE_MS, debounce_done, self);
}

static void
load_changed (WebKitWebView *web_view, WebKitLoadEvent event, ToaPreviewView *self)
{
  if (event == WEBKIT_LOAD_FINISHED && self->loading_ours)
    {
      self->loading_ours = FALSE;
      self->render_count++;
    }
}

/* Only our own page loads: no link is followed, no window opened. */
static gboolean
decide_policy (WebKitWebView *web_view, WebKitPolicyDecision *decision,
               WebKitPolicyDecisionType type, ToaPreviewView *self)
{
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    {
      WebKitNavigationAction *action =
        webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

      if (g_strcmp0 (uri, PAGE_URI) == 0
          && webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER)
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  return FALSE;
}

static gboolean
context_menu (WebKitWebView *web_view, WebKitContextMenu *menu, WebKitHitTestResult *hit,
              ToaPreviewView *self)
{
  /* Nothing to reload, open or inspect: keep only Copy and Select All. */
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (l->data);

      if (action != WEBKIT_CONTEXT_MENU_ACTION_COPY && action != WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL)
        webkit_context_menu_remove (menu, l->data);
    }
  g_list_free (items);
  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
filter_ready (ToaPreviewView *self)
{
  self->filter_ready = TRUE;
  if (self->render_waiting)
    {
      self->render_waiting = FALSE;
      render_now (self);
    }
}

static void
filter_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ToaPreviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WebKitUserContentFilter) filter =
    webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (filter != NULL)
    webkit_user_content_manager_add_filter (webkit_web_view_get_user_content_manager (self->web_view), filter);
  else
    g_warning ("Preview content filter not compiled (%s); the page's policy still blocks the network",
               error->message);
  filter_ready (self);
}

static void
compile_filter (ToaPreviewView *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "toasoan", "content-filters", NULL);
  g_autoptr(WebKitUserContentFilterStore) store = webkit_user_content_filter_store_new (dir);
  g_autoptr(GBytes) rules = g_bytes_new_static (filter_rules, sizeof filter_rules - 1);

  webkit_user_content_filter_store_save (store, FILTER_ID, rules, self->cancellable,
                                         filter_saved, g_object_ref (self));
}

static void
toa_preview_view_dispose (GObject *object)
{
  ToaPreviewView *self = TOA_PREVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  G_OBJECT_CLASS (toa_preview_view_parent_class)->dispose (object);
}

static void
toa_preview_view_finalize (GObject *object)
{
  ToaPreviewView *self = TOA_PREVIEW_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->article);
  g_clear_object (&self->cancellable);
  g_free (self->width);
  G_OBJECT_CLASS (toa_preview_view_parent_class)->finalize (object);
}

static void
toa_preview_view_class_init (ToaPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = toa_preview_view_dispose;
  object_class->finalize = toa_preview_view_finalize;
}

static void
toa_preview_view_init (ToaPreviewView *self)
{
  g_autoptr(WebKitSettings) settings = webkit_settings_new ();
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  WebKitWebContext *context = webkit_web_context_get_default ();

  self->cancellable = g_cancellable_new ();
  self->width = g_strdup ("desktop");

  g_object_set (settings,
                "enable-javascript", FALSE,
                "enable-javascript-markup", FALSE,
                "javascript-can-open-windows-automatically", FALSE,
                "enable-html5-local-storage", FALSE,
                "enable-html5-database", FALSE,
                "enable-page-cache", FALSE,
                "enable-webaudio", FALSE,
                "enable-webgl", FALSE,
                "enable-media", FALSE,
                "allow-file-access-from-file-urls", FALSE,
                "allow-universal-access-from-file-urls", FALSE,
                "enable-developer-extras", FALSE,
                "auto-load-images", TRUE,
                NULL);
  toa_uri_scheme_register (context, get_scheme_store, NULL);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", context,
                                 "network-session", session,
                                 "settings", settings,
                                 "user-content-manager", content,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed), self, 0);
  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (decide_policy), self, 0);
  g_signal_connect_object (self->web_view, "context-menu", G_CALLBACK (context_menu), self, 0);

  self->clamp = ADW_CLAMP (adw_clamp_new ());
  adw_clamp_set_maximum_size (self->clamp, DESKTOP_WIDTH);
  adw_clamp_set_tightening_threshold (self->clamp, DESKTOP_WIDTH);
  adw_clamp_set_child (self->clamp, GTK_WIDGET (self->web_view));
  gtk_widget_add_css_class (GTK_WIDGET (self->clamp), "toa-preview");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->clamp));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview as the portal will show it"), -1);

  compile_filter (self);
}

GtkWidget *
toa_preview_view_new (ToaStore *store)
{
  ToaPreviewView *self = g_object_new (TOA_TYPE_PREVIEW_VIEW, NULL);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      if (scheme_store != NULL)
        g_object_remove_weak_pointer (G_OBJECT (scheme_store), (gpointer *) &scheme_store);
      scheme_store = store;
      g_object_add_weak_pointer (G_OBJECT (scheme_store), (gpointer *) &scheme_store);
    }
  return GTK_WIDGET (self);
}

void
toa_preview_view_set_article (ToaPreviewView *self, const ToaArticle *article)
{
  g_return_if_fail (TOA_IS_PREVIEW_VIEW (self));
  g_return_if_fail (TOA_IS_ARTICLE ((gpointer) article));

  g_clear_object (&self->article);
  self->article = article_copy (article);
  schedule_render (self);
}

void
toa_preview_view_refresh (ToaPreviewView *self)
{
  g_return_if_fail (TOA_IS_PREVIEW_VIEW (self));

  render_now (self);
}

void
toa_preview_view_set_width (ToaPreviewView *self, const char *width)
{
  int size;

  g_return_if_fail (TOA_IS_PREVIEW_VIEW (self));

  size = g_strcmp0 (width, "phone") == 0 ? PHONE_WIDTH : DESKTOP_WIDTH;
  g_free (self->width);
  self->width = g_strdup (size == PHONE_WIDTH ? "phone" : "desktop");
  adw_clamp_set_maximum_size (self->clamp, size);
  adw_clamp_set_tightening_threshold (self->clamp, size);
}

const char *
toa_preview_view_get_width (ToaPreviewView *self)
{
  g_return_val_if_fail (TOA_IS_PREVIEW_VIEW (self), NULL);

  return self->width;
}

static void
print_finished (WebKitPrintOperation *operation, gpointer user_data)
{
  g_object_unref (operation);
}

static void
print_failed (WebKitPrintOperation *operation, GError *error, gpointer user_data)
{
  g_warning ("Printing the preview failed: %s", error->message);
}

void
toa_preview_view_print (ToaPreviewView *self, GtkWindow *parent)
{
  WebKitPrintOperation *operation;

  g_return_if_fail (TOA_IS_PREVIEW_VIEW (self));

  operation = webkit_print_operation_new (self->web_view);
  g_signal_connect (operation, "failed", G_CALLBACK (print_failed), NULL);
  /* The operation lives until WebKit has printed ("finished" also follows "failed"). */
  g_signal_connect (operation, "finished", G_CALLBACK (print_finished), NULL);
  if (webkit_print_operation_run_dialog (operation, parent) == WEBKIT_PRINT_OPERATION_RESPONSE_CANCEL)
    {
      g_signal_handlers_disconnect_by_func (operation, print_finished, NULL);
      g_object_unref (operation);
    }
}

guint
toa_preview_view_get_render_count (ToaPreviewView *self)
{
  g_return_val_if_fail (TOA_IS_PREVIEW_VIEW (self), 0);

  return self->render_count;
}

GtkWidget *
toa_preview_view_get_web_view (ToaPreviewView *self)
{
  g_return_val_if_fail (TOA_IS_PREVIEW_VIEW (self), NULL);

  return GTK_WIDGET (self->web_view);
}
