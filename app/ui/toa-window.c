/* toa-window.c — the main window. Holds the store and the signed-in person; the pages
 * do their own work. Actions: win.sign-out, win.search, win.show-page(s). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-application.h"
#include "toa-articles-page.h"
#include "toa-connection-banner.h"
#include "toa-delegations-group.h"
#include "toa-sign-in-page.h"
#include "toa-inbox-page.h"
#include "toa-window.h"
#include "toa-workflows-group.h"

struct _ToaWindow {
  AdwApplicationWindow parent_instance;

  ToaStore  *store;
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
  ToaInboxPage   *inbox_page;
  ToaConnectionBanner *connection_banner;   /* above the content; PostgreSQL only */
};

G_DEFINE_FINAL_TYPE (ToaWindow, toa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
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

static void
on_signed_in (ToaWindow *self)
{
  g_autofree char *roles = NULL;

  g_clear_pointer (&self->person, toa_person_free);
  self->person = toa_sign_in_page_take_person (self->sign_in_page);
  if (self->person == NULL)
    return;

  roles = toa_person_roles_text (self->person);
  gtk_label_set_text (self->person_name_label, self->person->full_name);
  gtk_label_set_text (self->person_roles_label, roles);
  adw_action_row_set_subtitle (self->name_row, self->person->full_name);
  adw_action_row_set_subtitle (self->login_row, self->person->login != NULL ? self->person->login : "");
  adw_action_row_set_subtitle (self->roles_row, roles);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), self->person->full_name);

  if (!self->articles_loaded)
    {
      toa_articles_page_set_store (self->articles_page, self->store);
      self->articles_loaded = TRUE;
    }
  else
    toa_articles_page_reset (self->articles_page);

  toa_workflows_group_set_person (self->workflows_group, self->store, self->person);
  toa_delegations_group_set_person (self->delegations_group, self->store, self->person);
  toa_inbox_page_set_person (self->inbox_page, self->store, self->person);
  if (self->settings != NULL && self->person->login != NULL)
    g_settings_set_string (self->settings, "last-login", self->person->login);

  set_signed_in_actions (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "main");
  adw_view_stack_set_visible_child_name (self->view_stack, "articles");
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
  toa_inbox_page_set_person (self->inbox_page, self->store, NULL);
  set_signed_in_actions (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  toa_sign_in_page_reset (self->sign_in_page);
}

static void
sign_out_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  toa_window_sign_out (TOA_WINDOW (widget));
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
  g_autofree char *schema = NULL;

  G_OBJECT_CLASS (toa_window_parent_class)->constructed (object);
  add_connection_banner (self);

  if (self->store != NULL)
    {
      const char *location = toa_store_describe (self->store);

      schema = g_strdup_printf ("%d", toa_store_schema_version (self->store));
      adw_window_title_set_subtitle (self->sign_in_title, location);
      adw_action_row_set_subtitle (self->location_row, location);
      adw_action_row_set_subtitle (self->schema_row, schema);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOA_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TOA_TYPE_ARTICLES_PAGE);
  g_type_ensure (TOA_TYPE_WORKFLOWS_GROUP);
  g_type_ensure (TOA_TYPE_DELEGATIONS_GROUP);
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
  gtk_widget_class_bind_template_child (widget_class, ToaWindow, inbox_page);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);

  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
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
