/* toa-application.c — ToaApplication: command-line options, the store, app actions
 * (quit, about), keyboard accelerators, and the message when the database cannot open.
 * A PostgreSQL address without an account opens the window on its sign-in page: each person
 * connects with their own server account there. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-application.h"
#include "toa-error.h"
#include "toa-resources.h"
#include "toa-store-open.h"
#include "toa-window.h"

struct _ToaApplication {
  AdwApplication parent_instance;

  char     *location;  /* --db, or GSettings "database", or NULL for the default path */
};

G_DEFINE_FINAL_TYPE (ToaApplication, toa_application, ADW_TYPE_APPLICATION)

static void
on_message_response (gpointer dialog, const char *response, GApplication *app)
{
  g_application_release (app);
}

/* A message with one Close button; the application lives until it is closed. */
static void
show_message (ToaApplication *self, const char *heading, const char *body)
{
  g_application_hold (G_APPLICATION (self));

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwAlertDialog *dialog = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

  adw_alert_dialog_add_response (dialog, "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_message_response), self);
  adw_dialog_present (ADW_DIALOG (dialog), NULL);
#else
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, body);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_message_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

static void
toa_application_activate (GApplication *app)
{
  ToaApplication *self = TOA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->location == NULL)
    {
      g_autoptr(GSettings) settings = toa_application_settings ();
      g_autofree char *configured = settings != NULL ? g_settings_get_string (settings, "database") : NULL;

      if (configured != NULL && *configured != '\0')
        self->location = g_steal_pointer (&configured);
    }
  /* a server address without an account: the window opens with the sign-in page, and
   * each person's own account connects (toa_window_new_for_server) */
  window = GTK_WINDOW (toa_window_open (self, self->location, &error));
  if (window == NULL)
    {
      g_autofree char *path = self->location != NULL ? g_strdup (self->location) : toa_store_default_path ();

      if (g_error_matches (error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_autofree char *body =
            g_strdup_printf (_("There is no database at %s yet.\n\n"
                               "To create it with demo data, run\n"
                               "toasoan-cli --db %s init --demo\n"
                               "(or “init” alone for an empty board), then start Tòa soạn again."),
                             path, path);
          show_message (self, _("No Database Yet"), body);
        }
      else
        show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  gtk_window_present (window);
}

static int
toa_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  ToaApplication *self = TOA_APPLICATION (app);
  const char *location = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("toasoan %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "&s", &location))
    {
      g_free (self->location);
      self->location = g_strdup (location);
    }
  return -1;
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each one tidy up; then the application ends. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_destroy (GTK_WINDOW (l->data));
      l = next;
    }
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "Tòa soạn contributors", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), "Tòa soạn");
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (about), developers[0]);
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), developers);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (about),
                                 _("The Editorial Board’s desk for a province’s web portal."));
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about), _("translator-credits"));
  adw_dialog_present (about, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), "Tòa soạn");
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), developers[0]);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("The Editorial Board’s desk for a province’s web portal."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
toa_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.sign-out", { "<Control><Shift>l", NULL } },
    { "win.show-page::inbox", { "<Control>1", NULL } },
    { "win.show-page::articles", { "<Control>2", NULL } },
    { "win.show-page::ledger", { "<Control>3", NULL } },
    { "win.show-page::reports", { "<Control>4", NULL } },
    { "win.show-page::settings", { "<Control>5", NULL } },
  };

  /* Makes sure the linker keeps the compiled resources, so they are registered. */
  (void) toa_get_resource ();

  G_APPLICATION_CLASS (toa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
toa_application_finalize (GObject *object)
{
  ToaApplication *self = TOA_APPLICATION (object);

  g_free (self->location);

  G_OBJECT_CLASS (toa_application_parent_class)->finalize (object);
}

static void
toa_application_class_init (ToaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = toa_application_finalize;
  app_class->startup = toa_application_startup;
  app_class->activate = toa_application_activate;
  app_class->handle_local_options = toa_application_handle_local_options;
}

static void
toa_application_init (ToaApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The board’s database: a file, sqlite:///path or postgresql://…"), N_("PATH|URI") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

ToaApplication *
toa_application_new (void)
{
  /* Each start opens its own database (--db), so instances are not merged. */
  return g_object_new (TOA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/toasoan/ToaSoan",
                       NULL);
}

GSettings *
toa_application_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}
