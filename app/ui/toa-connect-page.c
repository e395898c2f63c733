/* toa-connect-page.c — the "Connect" window: a file on this computer or a PostgreSQL server,
 * "Test Connection" (off the UI thread), Save to GSettings "database". The server's address
 * never holds an account: each person signs in with their own on the sign-in page. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "toa-application.h"
#include "toa-connect-page.h"
#include "toa-error.h"
#include "toa-store-open.h"

#define DEFAULT_PORT "5432"
#define DEFAULT_DBNAME "toasoan"

/* --- addresses ---------------------------------------------------------------------- */

static const char *
after_scheme (const char *location)
{
  if (location == NULL)
    return NULL;
  if (g_str_has_prefix (location, "postgresql://"))
    return location + strlen ("postgresql://");
  if (g_str_has_prefix (location, "postgres://"))
    return location + strlen ("postgres://");
  return NULL;
}

/* The length of the authority part (before the first '/' or '?'). */
static gsize
authority_length (const char *rest)
{
  return strcspn (rest, "/?");
}

gboolean
toa_connect_is_server (const char *location)
{
  const char *rest = after_scheme (location);

  return rest != NULL && memchr (rest, '@', authority_length (rest)) == NULL;
}

char *
toa_connect_with_account (const char *server, const char *user, const char *password)
{
  const char *rest = after_scheme (server);
  g_autofree char *user_enc = NULL;
  char *password_enc;
  char *url;

  g_return_val_if_fail (rest != NULL && user != NULL && password != NULL, NULL);

  user_enc = g_uri_escape_string (user, NULL, FALSE);
  password_enc = g_uri_escape_string (password, NULL, FALSE);
  url = g_strdup_printf ("postgresql://%s:%s@%s", user_enc, password_enc, rest);
  toa_connect_free_secret (password_enc);
  return url;
}

void
toa_connect_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  /* volatile: the compiler may not drop the overwrite of memory about to be freed */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

/* Splits the authority "HOST:PORT" ([v6]:PORT); either part may be NULL. */
static void
split_authority (const char *location, char **host, char **port)
{
  const char *rest = after_scheme (location);
  g_autofree char *authority = NULL;
  char *colon;

  *host = NULL;
  *port = NULL;
  if (rest == NULL)
    return;
  authority = g_strndup (rest, authority_length (rest));
  if (strchr (authority, '@') != NULL)
    {
      char *at = strrchr (authority, '@');
      memmove (authority, at + 1, strlen (at + 1) + 1);
    }
  if (authority[0] == '[')
    {
      char *end = strchr (authority, ']');
      if (end != NULL)
        {
          *end = '\0';
          *host = g_strdup (authority + 1);
          if (end[1] == ':')
            *port = g_strdup (end + 2);
          return;
        }
    }
  colon = strrchr (authority, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      *port = g_strdup (colon + 1);
    }
  if (*authority != '\0')
    *host = g_strdup (authority);
}

static char *
server_dbname (const char *location)
{
  const char *rest = after_scheme (location);
  const char *path;
  g_autofree char *raw = NULL;

  if (rest == NULL)
    return NULL;
  path = rest + authority_length (rest);
  if (*path != '/')
    return NULL;
  raw = g_strndup (path + 1, strcspn (path + 1, "?"));
  return *raw != '\0' ? g_uri_unescape_string (raw, NULL) : NULL;
}

char *
toa_connect_server_address (const char *location)
{
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;

  split_authority (location, &host, &port);
  if (host != NULL && strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%s", host, port != NULL && *port != '\0' ? port : DEFAULT_PORT);
  return g_strdup_printf ("%s:%s", host != NULL ? host : "localhost",
                          port != NULL && *port != '\0' ? port : DEFAULT_PORT);
}

char *
toa_connect_server_place (const char *location)
{
  g_autofree char *address = toa_connect_server_address (location);
  g_autofree char *dbname = server_dbname (location);

  return g_strdup_printf (_("%s, database %s"), address, dbname != NULL ? dbname : "");
}

char *
toa_connect_describe (const char *location)
{
  if (after_scheme (location) != NULL)
    {
      g_autofree char *place = toa_connect_server_place (location);

      return g_strdup_printf (_("PostgreSQL server %s"), place);
    }
  if (location != NULL && g_str_has_prefix (location, "sqlite://"))
    location += strlen ("sqlite://");
  if (location == NULL || *location == '\0')
    {
      g_autofree char *path = toa_store_default_path ();
      return g_strdup_printf (_("File on this computer: %s"), path);
    }
  return g_strdup_printf (_("File on this computer: %s"), location);
}

char *
toa_connect_server_location (const char *host, const char *port, const char *dbname, GError **error)
{
  g_autofree char *host_c = g_strstrip (g_strdup (host != NULL ? host : ""));
  g_autofree char *port_c = g_strstrip (g_strdup (port != NULL ? port : ""));
  g_autofree char *db_c = g_strstrip (g_strdup (dbname != NULL ? dbname : ""));
  g_autofree char *db_enc = NULL;
  guint64 number = 0;

  if (*host_c == '\0' || strpbrk (host_c, " /@?#[]") != NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Write the server’s name or address, for example 10.0.0.5 or db.example.gov.vn."));
      return NULL;
    }
  if (*port_c == '\0')
    {
      g_free (port_c);
      port_c = g_strdup (DEFAULT_PORT);
    }
  if (!g_ascii_string_to_unsigned (port_c, 10, 1, 65535, &number, NULL))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The port is a number from 1 to 65535 (PostgreSQL’s usual port is 5432)."));
      return NULL;
    }
  if (*db_c == '\0')
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Write the name of the board’s database on the server (usually toasoan)."));
      return NULL;
    }
  db_enc = g_uri_escape_string (db_c, NULL, FALSE);
  if (strchr (host_c, ':') != NULL)   /* an IPv6 address */
    return g_strdup_printf ("postgresql://[%s]:%s/%s", host_c, port_c, db_enc);
  return g_strdup_printf ("postgresql://%s:%s/%s", host_c, port_c, db_enc);
}

/* --- the window ------------------------------------------------------------------- */

struct _ToaConnectPage {
  AdwWindow parent_instance;

  GtkCheckButton *file_check;
  GtkCheckButton *server_check;
  AdwPreferencesGroup *file_group;
  AdwPreferencesGroup *server_group;
  AdwEntryRow *file_row;
  AdwEntryRow *host_row;
  AdwEntryRow *port_row;
  AdwEntryRow *dbname_row;
  GtkButton   *test_button;
  GtkButton   *save_button;
  GtkLabel    *status_label;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;
  gboolean     testing;
};

G_DEFINE_FINAL_TYPE (ToaConnectPage, toa_connect_page, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (ToaConnectPage *self, const char *text, gboolean failed)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (failed)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
}

static gboolean
server_chosen (ToaConnectPage *self)
{
  return gtk_check_button_get_active (self->server_check);
}

static void
update_groups (ToaConnectPage *self)
{
  gboolean server = server_chosen (self);

  gtk_widget_set_visible (GTK_WIDGET (self->server_group), server);
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), !server);
  set_status (self, NULL, FALSE);
}

/* The location the fields describe, or NULL with @error. */
static char *
chosen_location (ToaConnectPage *self, GError **error)
{
  if (server_chosen (self))
    return toa_connect_server_location (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->port_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->dbname_row)), error);
  else
    {
      g_autofree char *path = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->file_row))));

      if (*path == '\0')
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("Choose the board’s database file (Choose…), or write its path."));
          return NULL;
        }
      return g_steal_pointer (&path);
    }
}

/* In a worker thread: open the location without an account and close it again. */
static void
test_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  const char *location = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = toa_store_open (location, TOA_OPEN_EXISTING, &error);
  char *text;

  if (store != NULL)
    text = g_strdup_printf (_("Connected: a Tòa soạn database, schema version %d."),
                            toa_store_schema_version (store));
  else if (toa_connect_is_server (location) && g_error_matches (error, TOA_ERROR, TOA_ERROR_AUTH))
    {
      g_autofree char *address = toa_connect_server_address (location);
      /* the server answered and asked who we are: reachable; each person signs in */
      text = g_strdup_printf (_("The server at %s answers. Each person signs in with their own account on the sign-in page."),
                              address);
    }
  else if (toa_connect_is_server (location) && g_error_matches (error, TOA_ERROR, TOA_ERROR_IO))
    {
      g_autofree char *address = toa_connect_server_address (location);

      g_task_return_new_error (task, TOA_ERROR, TOA_ERROR_IO,
                               _("No PostgreSQL server answers at %s. Check the address and port, this computer’s network connection, and that the server is running."),
                               address);
      return;
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, text, g_free);
}

static void
on_test_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ToaConnectPage *self = TOA_CONNECT_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  self->testing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text != NULL)
    set_status (self, text, FALSE);
  else
    set_status (self, error->message, TRUE);
}

static void
on_test_clicked (ToaConnectPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = chosen_location (self, &error);
  g_autoptr(GTask) task = NULL;

  if (location == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  self->testing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  set_status (self, _("Testing the connection…"), FALSE);
  task = g_task_new (self, self->cancellable, on_test_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&location), g_free);
  g_task_run_in_thread (task, test_thread);
}

static void
on_save_clicked (ToaConnectPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = chosen_location (self, &error);
  g_autoptr(GSettings) settings = NULL;

  if (location == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  settings = toa_application_settings ();
  if (settings != NULL)
    g_settings_set_string (settings, "database", location);
  /* a handler may close the window this one belongs to, and this one with it */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, location);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, ToaConnectPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        toa_connect_page_choose_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked (ToaConnectPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Board’s Database"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tòa soạn database (*.db)"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static GtkCheckButton *
choice_row (AdwPreferencesGroup *group, const char *title, const char *subtitle, GtkCheckButton *group_with)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group_with);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}

static void
toa_connect_page_dispose (GObject *object)
{
  ToaConnectPage *self = TOA_CONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (toa_connect_page_parent_class)->dispose (object);
}

static void
toa_connect_page_class_init (ToaConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = toa_connect_page_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
toa_connect_page_init (ToaConnectPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *where = adw_preferences_group_new ();
  GtkWidget *test_group = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  GtkWidget *test_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Connect"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Connect"), _("Where the board’s data is")));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (where), _("The Board’s Database"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (where),
                                         _("Used from the next sign-in on this computer."));
  self->file_check = choice_row (ADW_PREFERENCES_GROUP (where), _("File on this computer"),
                                 _("One desk: the board’s data in a file here"), NULL);
  self->server_check = choice_row (ADW_PREFERENCES_GROUP (where), _("PostgreSQL server"),
                                   _("Several desks share one server; each person signs in with their own account"),
                                   self->file_check);
  gtk_check_button_set_active (self->file_check, TRUE);
  g_signal_connect_swapped (self->server_check, "toggled", G_CALLBACK (update_groups), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (where));

  self->file_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->file_group, _("File"));
  self->file_row = entry_row (self->file_group, _("Path"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (self->file_row, choose);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->file_group);

  self->server_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->server_group, _("Server"));
  adw_preferences_group_set_description (self->server_group,
                                         _("No account here: you sign in with your own PostgreSQL account."));
  self->host_row = entry_row (self->server_group, _("Host"));
  self->port_row = entry_row (self->server_group, _("Port"));
  self->dbname_row = entry_row (self->server_group, _("Database name"));
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), DEFAULT_PORT);
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), DEFAULT_DBNAME);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->server_group);

  self->test_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Test Connection")));
  gtk_widget_set_halign (GTK_WIDGET (self->test_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->test_button), "pill");
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (on_test_clicked), self);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_justify (self->status_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (test_box), GTK_WIDGET (self->test_button));
  gtk_box_append (GTK_BOX (test_box), GTK_WIDGET (self->status_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (test_group), test_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (test_group));

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  update_groups (self);
}

ToaConnectPage *
toa_connect_page_new (GtkWindow *parent, const char *location)
{
  ToaConnectPage *self = g_object_new (TOA_TYPE_CONNECT_PAGE, NULL);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  if (after_scheme (location) != NULL)
    {
      g_autofree char *host = NULL;
      g_autofree char *port = NULL;
      g_autofree char *dbname = server_dbname (location);

      split_authority (location, &host, &port);
      toa_connect_page_choose_server (self, host, port, dbname);
    }
  else if (location != NULL && *location != '\0')
    toa_connect_page_choose_file (self, g_str_has_prefix (location, "sqlite://")
                                        ? location + strlen ("sqlite://") : location);
  return self;
}

void
toa_connect_page_choose_server (ToaConnectPage *self, const char *host, const char *port, const char *dbname)
{
  g_return_if_fail (TOA_IS_CONNECT_PAGE (self));

  gtk_check_button_set_active (self->server_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host != NULL ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port != NULL ? port : DEFAULT_PORT);
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), dbname != NULL ? dbname : DEFAULT_DBNAME);
}

void
toa_connect_page_choose_file (ToaConnectPage *self, const char *path)
{
  g_return_if_fail (TOA_IS_CONNECT_PAGE (self));

  gtk_check_button_set_active (self->file_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->file_row), path != NULL ? path : "");
}

GtkWidget *
toa_connect_page_get_test_button (ToaConnectPage *self)
{
  g_return_val_if_fail (TOA_IS_CONNECT_PAGE (self), NULL);
  return GTK_WIDGET (self->test_button);
}

GtkWidget *
toa_connect_page_get_save_button (ToaConnectPage *self)
{
  g_return_val_if_fail (TOA_IS_CONNECT_PAGE (self), NULL);
  return GTK_WIDGET (self->save_button);
}

const char *
toa_connect_page_get_status (ToaConnectPage *self)
{
  g_return_val_if_fail (TOA_IS_CONNECT_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_text (self->status_label) : "";
}

gboolean
toa_connect_page_get_testing (ToaConnectPage *self)
{
  g_return_val_if_fail (TOA_IS_CONNECT_PAGE (self), FALSE);
  return self->testing;
}
