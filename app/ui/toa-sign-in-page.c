/* toa-sign-in-page.c — checks a login and password and shows the message inline; the message
 * never says whether the login exists. On an SQLite file: toa_auth_sign_in against the
 * board's people. On a shared PostgreSQL server (an address without an account): the login
 * and password are the person's own server account — signing in connects with them (in a
 * worker thread, so the window does not freeze) and finds the person signed in as. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-auth.h"
#include "toa-connect-page.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-sign-in-page.h"
#include "toa-store-open.h"

struct _ToaSignInPage {
  AdwBin parent_instance;

  ToaStore  *store;
  ToaPerson *person;
  char      *server;        /* a PostgreSQL address without an account, or NULL */
  ToaStore  *connection;    /* after a sign-in on the server: the person's own connection */
  char      *connection_url;   /* where it was opened (holds the password: a secret) */
  GCancellable *cancellable;
  gboolean   busy;

  AdwStatusPage *status_page;   /* the bin's child (not owned) */
  AdwEntryRow *login_row;
  AdwEntryRow *password_row;
  GtkLabel    *error_label;
  GtkButton   *sign_in_button;
};

G_DEFINE_FINAL_TYPE (ToaSignInPage, toa_sign_in_page, ADW_TYPE_BIN)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ToaSignInPage *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_text_changed (ToaSignInPage *self)
{
  show_error (self, NULL);
}

static void
set_busy (ToaSignInPage *self, gboolean busy)
{
  self->busy = busy;
  /* not insensitive: the focused field would lose its focus mid-event */
  gtk_editable_set_editable (GTK_EDITABLE (self->login_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_button_set_label (self->sign_in_button, busy ? _("Signing In…") : _("_Sign In"));
}

static void
fail (ToaSignInPage *self, const char *message)
{
  show_error (self, message);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  /* Setting the text cleared the message through "changed": show it again. */
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

typedef struct {
  char      *url;      /* holds the password: toa_connect_free_secret */
  char      *login;
  ToaStore  *store;
  ToaPerson *person;
} ServerSignIn;

static void
server_sign_in_free (ServerSignIn *job)
{
  toa_connect_free_secret (job->url);
  g_free (job->login);
  g_clear_object (&job->store);
  g_clear_pointer (&job->person, toa_person_free);
  g_free (job);
}

/* In a worker thread: connect as the person, then find who the connection is signed in as. */
static void
server_sign_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ServerSignIn *job = data;
  GError *error = NULL;

  job->store = toa_store_open (job->url, TOA_OPEN_EXISTING, &error);
  if (job->store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->person = toa_people_find_actor (job->store, job->login, &error);
  if (job->person == NULL)
    {
      g_clear_object (&job->store);   /* closes the connection */
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_server_signed_in (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ToaSignInPage *self = TOA_SIGN_IN_PAGE (source);
  ServerSignIn *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (g_error_matches (error, TOA_ERROR, TOA_ERROR_AUTH))
        /* the same words as on a file: never which of the two was wrong */
        fail (self, _("Wrong login or password. Check both and try again."));
      else if (g_error_matches (error, TOA_ERROR, TOA_ERROR_IO))
        {
          g_autofree char *address = toa_connect_server_address (self->server);
          g_autofree char *message =
            g_strdup_printf (_("Cannot reach the board’s server at %s. Check this computer’s network connection "
                               "and try again; if it still fails, ask the board’s administrator whether the server "
                               "is running, or choose another server with “Change Database…”."),
                             address);
          fail (self, message);
        }
      else
        fail (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  g_clear_object (&self->connection);
  self->connection = g_steal_pointer (&job->store);
  g_clear_pointer (&self->connection_url, toa_connect_free_secret);
  self->connection_url = g_steal_pointer (&job->url);
  g_clear_pointer (&self->person, toa_person_free);
  self->person = g_steal_pointer (&job->person);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
sign_in_on_server (ToaSignInPage *self, const char *login, const char *password)
{
  ServerSignIn *job = g_new0 (ServerSignIn, 1);
  g_autoptr(GTask) task = NULL;

  job->url = toa_connect_with_account (self->server, login, password);
  job->login = g_strdup (login);
  set_busy (self, TRUE);
  show_error (self, NULL);
  task = g_task_new (self, self->cancellable, on_server_signed_in, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) server_sign_in_free);
  g_task_run_in_thread (task, server_sign_in_thread);
}

static void
on_sign_in_clicked (ToaSignInPage *self)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;
  ToaPerson *person;

  if ((self->store == NULL && self->server == NULL) || self->busy)
    return;

  if (*login == '\0' || *password == '\0')
    {
      show_error (self, _("Enter your login and password."));
      gtk_widget_grab_focus (GTK_WIDGET (*login == '\0' ? self->login_row : self->password_row));
      return;
    }

  if (self->server != NULL)
    {
      sign_in_on_server (self, login, password);
      return;
    }

  person = toa_auth_sign_in (self->store, login, password, &error);
  if (person == NULL)
    {
      fail (self, error->message);
      return;
    }

  g_clear_pointer (&self->person, toa_person_free);
  self->person = person;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
on_login_activated (ToaSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_password_activated (ToaSignInPage *self)
{
  on_sign_in_clicked (self);
}

static void
toa_sign_in_page_dispose (GObject *object)
{
  ToaSignInPage *self = TOA_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->connection_url, toa_connect_free_secret);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->person, toa_person_free);

  G_OBJECT_CLASS (toa_sign_in_page_parent_class)->dispose (object);
}

static void
toa_sign_in_page_class_init (ToaSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_sign_in_page_dispose;

  /* Emitted after a successful sign-in; take the person with toa_sign_in_page_take_person(). */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaSignInPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, ToaSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, ToaSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaSignInPage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_login_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
}

static void
toa_sign_in_page_init (ToaSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* not a bound template child: the template's disposal would unparent it under AdwBin */
  self->status_page = ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();
}

void
toa_sign_in_page_set_store (ToaSignInPage *self, ToaStore *store)
{
  g_return_if_fail (TOA_IS_SIGN_IN_PAGE (self));
  g_set_object (&self->store, store);
}

void
toa_sign_in_page_reset (ToaSignInPage *self)
{
  g_return_if_fail (TOA_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->login_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  g_clear_pointer (&self->person, toa_person_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
}

void
toa_sign_in_page_set_login (ToaSignInPage *self, const char *login)
{
  g_return_if_fail (TOA_IS_SIGN_IN_PAGE (self));

  if (login == NULL || *login == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

void
toa_sign_in_page_set_server (ToaSignInPage *self, const char *server)
{
  g_return_if_fail (TOA_IS_SIGN_IN_PAGE (self));

  g_free (self->server);
  self->server = g_strdup (server);
  if (server != NULL)
    {
      g_autofree char *address = toa_connect_server_address (server);
      g_autofree char *text =
        g_strdup_printf (_("Sign in with your own account on the board’s server %s."), address);

      adw_status_page_set_description (self->status_page, text);
    }
  else
    adw_status_page_set_description (self->status_page, _("Use the account the board’s administrator gave you."));
}

ToaStore *
toa_sign_in_page_take_connection (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), NULL);
  return g_steal_pointer (&self->connection);
}

char *
toa_sign_in_page_take_connection_url (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), NULL);
  return g_steal_pointer (&self->connection_url);
}

gboolean
toa_sign_in_page_get_busy (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), FALSE);
  return self->busy;
}

const char *
toa_sign_in_page_get_message (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

ToaPerson *
toa_sign_in_page_take_person (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), NULL);
  return g_steal_pointer (&self->person);
}
