/* toa-window.c — the main window. Holds the store and the signed-in person; the pages
 * do their own work. Actions: win.sign-out, win.search, win.show-page(s), win.connect.
 * On a shared PostgreSQL server the window starts without a store: the sign-in page opens
 * the person's own connection, and signing out replaces the window (closing it). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-application.h"
#include "toa-articles-page.h"
#include "toa-connect-page.h"
#include "toa-connection-banner.h"
#include "toa-delegations-group.h"
#include "toa-preview-group.h"
#include "toa-prepublish-group.h"
#include "toa-sign-in-page.h"
#include "toa-inbox-page.h"
#include "toa-store-open.h"
#include "toa-window.h"
#include "toa-workflows-group.h"

struct _ToaWindow {
  AdwApplicationWindow parent_instance;

  ToaStore  *store;      /* on a shared server: the signed-in person's connection, else NULL */
  char      *server;     /* a PostgreSQL address without an account: each person signs in */
  char      *pending;    /* a database chosen in Connect while signed in: used at sign-out */
  char      *location;   /* where the store was opened (on a server, with the person's account:
                          * a secret), for the pages' own connections; NULL = unknown */
  GSettings *settings;   /* NULL when the schema is not installed */
  ToaPerson *person;
  gboolean   articles_loaded;

  GtkStack       *stack;
  ToaSignInPage  *sign_in_page;
  AdwWindowTitle *sign_in_title;
  AdwViewStack   *view_stack;
  GtkMenuButton  *menu_button;
  ToaArticlesPage *articles_page;
  GtkLabel       *person_name_label;
  GtkLabel       *person_roles_label;
  AdwActionRow   *name_row;
  AdwActionRow   *login_row;
  AdwActionRow   *roles_row;
  AdwActionRow   *location_row;
  AdwActionRow   *schema_row;
  ToaWorkflowsGroup *workflows_group;
  ToaDelegationsGroup *delegations_group;
  ToaPreviewGroup *preview_group;
  ToaPrepublishGroup *prepublish_group;
  ToaInboxPage   *inbox_page;
  ToaConnectionBanner *connection_banner;   /* above the content; PostgreSQL only */
};

G_DEFINE_FINAL_TYPE (ToaWindow, toa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_signed_in_actions (ToaWindow *self, gboolean signed_in)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", signed_in);
}

/* The Settings row "Location": which database is in use, and the one chosen for the next
 * sign-in if it differs. */
static void
show_location (ToaWindow *self)
{
  g_autofree char *in_use = NULL;
  g_autofree char *text = NULL;

  /* the title says which kind is in use; the subtitle where */
  if (self->server != NULL || (self->store != NULL && toa_store_signed_in_login (self->store) != NULL))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row), _("PostgreSQL server"));
      in_use = self->server != NULL ? toa_connect_server_place (self->server)
                                    : g_strdup (toa_store_describe (self->store));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row), _("File on this computer"));
      in_use = g_strdup (self->store != NULL ? toa_store_describe (self->store) : "");
    }
  if (self->pending != NULL)
    {
      g_autofree char *next = toa_connect_describe (self->pending);
      text = g_strdup_printf (_("%s\nFrom the next sign-in: %s"), in_use, next);
    }
  adw_action_row_set_subtitle (self->location_row, text != NULL ? text : in_use);
}

static void
show_store (ToaWindow *self)
{
  g_autofree char *schema = NULL;

  if (self->store == NULL)
    {
      adw_action_row_set_subtitle (self->schema_row, "");
      show_location (self);
      return;
    }
  schema = g_strdup_printf ("%d", toa_store_schema_version (self->store));
  adw_action_row_set_subtitle (self->schema_row, schema);
  show_location (self);
}

static void
on_signed_in (ToaWindow *self)
{
  g_autofree char *roles = NULL;

  g_clear_pointer (&self->person, toa_person_free);
  self->person = toa_sign_in_page_take_person (self->sign_in_page);
  if (self->person == NULL)
    return;
  if (self->server != NULL)
    {
      /* the person's own connection; it closes when they sign out */
      g_clear_object (&self->store);
      self->store = toa_sign_in_page_take_connection (self->sign_in_page);
      g_clear_pointer (&self->location, toa_connect_free_secret);
      self->location = toa_sign_in_page_take_connection_url (self->sign_in_page);
      g_return_if_fail (self->store != NULL);
      toa_connection_banner_set_store (self->connection_banner, self->store);
      show_store (self);
    }

  roles = toa_person_roles_text (self->person);
  gtk_label_set_text (self->person_name_label, self->person->full_name);
  gtk_label_set_text (self->person_roles_label, roles);
  adw_action_row_set_subtitle (self->name_row, self->person->full_name);
  adw_action_row_set_subtitle (self->login_row, self->person->login != NULL ? self->person->login : "");
  adw_action_row_set_subtitle (self->roles_row, roles);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), self->person->full_name);

  /* the Articles list, like the Inbox, is read off the main thread on a connection of its own */
  toa_articles_page_set_location (self->articles_page, self->location);
  if (!self->articles_loaded)
    {
      toa_articles_page_set_store (self->articles_page, self->store);
      self->articles_loaded = TRUE;
    }
  else
    toa_articles_page_reset (self->articles_page);

  toa_workflows_group_set_person (self->workflows_group, self->store, self->person);
  toa_delegations_group_set_person (self->delegations_group, self->store, self->person);
  toa_preview_group_set_person (self->preview_group, self->store, self->person);
  toa_prepublish_group_set_person (self->prepublish_group, self->store, self->person);
  toa_inbox_page_set_location (self->inbox_page, self->location);
  toa_inbox_page_set_person (self->inbox_page, self->store, self->person);
  if (self->settings != NULL && self->person->login != NULL)
    g_settings_set_string (self->settings, "last-login", self->person->login);

  set_signed_in_actions (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "main");
  adw_view_stack_set_visible_child_name (self->view_stack, "articles");
}

/* Closes the windows that belong to this one (item windows, dialogs): they hold the store. */
static void
close_children (ToaWindow *self)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_destroy (window);
    }
}

/* A new window on @location (the sign-in page), replacing this one: everything this window
 * and its pages held — the connection on a server — goes with it. NULL with a message shown
 * when @location cannot be opened. */
static ToaWindow *
replace_window (ToaWindow *self, const char *location)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  ToaWindow *window;

  window = toa_window_open (TOA_APPLICATION (app), location, &error);
  if (window == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Database"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (window));
  close_children (self);
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}

ToaWindow *
toa_window_open (ToaApplication *application, const char *location, GError **error)
{
  g_autoptr(ToaStore) store = NULL;
  ToaWindow *window;

  if (toa_connect_is_server (location))
    return toa_window_new_for_server (application, location);
  store = toa_store_open (location, TOA_OPEN_EXISTING, error);
  if (store == NULL)
    return NULL;
  window = toa_window_new (application, store);
  window->location = g_strdup (location);   /* NULL = the default file: the store knows it */
  return window;
}

ToaWindow *
toa_window_sign_out_full (ToaWindow *self)
{
  g_return_val_if_fail (TOA_IS_WINDOW (self), NULL);

  if (self->pending != NULL || self->server != NULL)
    {
      g_autofree char *location = g_strdup (self->pending != NULL ? self->pending : self->server);
      ToaWindow *window = replace_window (self, location);

      if (window != NULL)
        {
          toa_sign_in_page_reset (window->sign_in_page);   /* the next person may be someone else */
          return window;
        }
      g_clear_pointer (&self->pending, g_free);
      show_location (self);
    }
  toa_window_sign_out (self);
  return self;
}

void
toa_window_sign_out (ToaWindow *self)
{
  g_return_if_fail (TOA_IS_WINDOW (self));

  g_clear_pointer (&self->person, toa_person_free);
  gtk_label_set_text (self->person_name_label, "");
  gtk_label_set_text (self->person_roles_label, "");
  adw_action_row_set_subtitle (self->name_row, "");
  adw_action_row_set_subtitle (self->login_row, "");
  adw_action_row_set_subtitle (self->roles_row, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Main Menu"));
  if (self->articles_loaded)
    toa_articles_page_reset (self->articles_page);

  toa_workflows_group_set_person (self->workflows_group, self->store, NULL);
  toa_delegations_group_set_person (self->delegations_group, self->store, NULL);
  toa_preview_group_set_person (self->preview_group, self->store, NULL);
  toa_prepublish_group_set_person (self->prepublish_group, self->store, NULL);
  toa_inbox_page_set_person (self->inbox_page, self->store, NULL);
  set_signed_in_actions (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  toa_sign_in_page_reset (self->sign_in_page);
}

static void
sign_out_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  toa_window_sign_out_full (TOA_WINDOW (widget));
}

static void
on_connect_saved (ToaConnectPage *page, const char *location, ToaWindow *self)
{
  if (self->person == NULL)
    {
      /* on the sign-in page: the next sign-in is now */
      replace_window (self, location);
      return;
    }
  g_free (self->pending);
  self->pending = g_strdup (location);
  show_location (self);
}

static void
connect_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ToaWindow *self = TOA_WINDOW (widget);
  const char *current = self->pending != NULL ? self->pending
                        : self->server != NULL ? self->server
                        : self->store != NULL ? toa_store_describe (self->store) : NULL;
  ToaConnectPage *page = toa_connect_page_new (GTK_WINDOW (self), current);

  g_signal_connect_object (page, "saved", G_CALLBACK (on_connect_saved), self, 0);
  gtk_window_present (GTK_WINDOW (page));
}

ToaConnectPage *
toa_window_open_connect (ToaWindow *self)
{
  GtkWindow *page;

  g_return_val_if_fail (TOA_IS_WINDOW (self), NULL);
  connect_action (GTK_WIDGET (self), "win.connect", NULL);
  for (GList *l = gtk_window_list_toplevels (), *it = l; ; it = it->next)
    {
      if (it == NULL)
        {
          g_list_free (l);
          return NULL;
        }
      page = it->data;
      if (TOA_IS_CONNECT_PAGE (page) && gtk_window_get_transient_for (page) == GTK_WINDOW (self))
        {
          g_list_free (l);
          return TOA_CONNECT_PAGE (page);
        }
    }
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ToaWindow *self = TOA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "articles");
  toa_articles_page_focus_search (self->articles_page);
}

static void
show_page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  toa_window_show_page (TOA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The server answers again after an outage: read the visible page again. */
static void
on_reconnected (ToaWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->person == NULL || page == NULL)
    return;
  if (g_str_equal (page, "inbox"))
    toa_inbox_page_refresh (self->inbox_page);
  else if (g_str_equal (page, "articles") && self->articles_loaded)
    toa_article_list_model_reload (toa_articles_page_get_model (self->articles_page), NULL);
}

/* The "server unreachable" banner above the window's content. */
static void
add_connection_banner (ToaWindow *self)
{
  g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->connection_banner = toa_connection_banner_new ();
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->connection_banner));
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
  g_signal_connect_swapped (self->connection_banner, "reconnected", G_CALLBACK (on_reconnected), self);
}

static void
toa_window_constructed (GObject *object)
{
  ToaWindow *self = TOA_WINDOW (object);
  GtkWidget *change = gtk_button_new_with_mnemonic (_("C_hange…"));

  G_OBJECT_CLASS (toa_window_parent_class)->constructed (object);
  add_connection_banner (self);
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "win.connect");
  adw_action_row_add_suffix (self->location_row, change);

  if (self->server != NULL)
    {
      g_autofree char *described = toa_connect_describe (self->server);

      adw_window_title_set_subtitle (self->sign_in_title, described);
      toa_sign_in_page_set_server (self->sign_in_page, self->server);
      show_store (self);
    }
  else if (self->store != NULL)
    {
      const char *location = toa_store_describe (self->store);

      adw_window_title_set_subtitle (self->sign_in_title, location);
      show_store (self);
      toa_sign_in_page_set_store (self->sign_in_page, self->store);
      toa_connection_banner_set_store (self->connection_banner, self->store);
    }
  set_signed_in_actions (self, FALSE);
  toa_sign_in_page_reset (self->sign_in_page);

  /* the window's size as it was left; the last login at start (not after a sign-out: the
   * next person may be someone else) */
  self->settings = toa_application_settings ();
  if (self->settings != NULL)
    {
      g_autofree char *last_login = g_settings_get_string (self->settings, "last-login");

      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      toa_sign_in_page_set_login (self->sign_in_page, last_login);
    }
}

static void
toa_window_dispose (GObject *object)
{
  ToaWindow *self = TOA_WINDOW (object);

  if (self->connection_banner != NULL)
    toa_connection_banner_set_store (self->connection_banner, NULL);
  self->connection_banner = NULL;   /* owned by the content */
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_WINDOW);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->location, toa_connect_free_secret);

  G_OBJECT_CLASS (toa_window_parent_class)->dispose (object);
}

static void
toa_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ToaWindow *self = TOA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ToaWindow *self = TOA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER:
      self->server = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_window_class_init (ToaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = toa_window_constructed;
  object_class->dispose = toa_window_dispose;
  object_class->get_property = toa_window_get_property;
  object_class->set_property = toa_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TOA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* a PostgreSQL address without an account: the window starts with no store */
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOA_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TOA_TYPE_ARTICLES_PAGE);
  g_type_ensure (TOA_TYPE_WORKFLOWS_GROUP);
  g_type_ensure (TOA_TYPE_DELEGATIONS_GROUP);
  g_type_ensure (TOA_TYPE_PREVIEW_GROUP);
  g_type_ensure (TOA_TYPE_PREPUBLISH_GROUP);
  g_type_ensure (TOA_TYPE_INBOX_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, sign_in_title);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, articles_page);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, person_name_label);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, person_roles_label);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, roles_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, schema_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, workflows_group);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, delegations_group);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, prepublish_group);
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, inbox_page);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);

  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
}

static void
toa_window_init (ToaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ToaWindow *
toa_window_new (ToaApplication *application, ToaStore *store)
{
  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  return g_object_new (TOA_TYPE_WINDOW, "application", application, "store", store, NULL);
}

ToaWindow *
toa_window_new_for_server (ToaApplication *application, const char *server)
{
  g_return_val_if_fail (toa_connect_is_server (server), NULL);

  return g_object_new (TOA_TYPE_WINDOW, "application", application, "server", server, NULL);
}

ToaStore *
toa_window_get_store (ToaWindow *self)
{
  g_return_val_if_fail (TOA_IS_WINDOW (self), NULL);
  return self->store;
}

const ToaPerson *
toa_window_get_person (ToaWindow *self)
{
  g_return_val_if_fail (TOA_IS_WINDOW (self), NULL);
  return self->person;
}

void
toa_window_show_page (ToaWindow *self, const char *name)
{
  g_return_if_fail (TOA_IS_WINDOW (self));

  if (self->person == NULL || name == NULL)
    return;
  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}
