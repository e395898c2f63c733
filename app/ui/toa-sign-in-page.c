/* toa-sign-in-page.c — checks a login and password with toa_auth_sign_in and shows its
 * message inline; the message never says whether the login exists. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-auth.h"
#include "toa-sign-in-page.h"

struct _ToaSignInPage {
  AdwBin parent_instance;

  ToaStore  *store;
  ToaPerson *person;

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
on_sign_in_clicked (ToaSignInPage *self)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;
  ToaPerson *person;

  if (self->store == NULL)
    return;

  if (*login == '\0' || *password == '\0')
    {
      show_error (self, _("Enter your login and password."));
      gtk_widget_grab_focus (GTK_WIDGET (*login == '\0' ? self->login_row : self->password_row));
      return;
    }

  person = toa_auth_sign_in (self->store, login, password, &error);
  if (person == NULL)
    {
      show_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      /* Setting the text cleared the message through "changed": show it again. */
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);
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

ToaPerson *
toa_sign_in_page_take_person (ToaSignInPage *self)
{
  g_return_val_if_fail (TOA_IS_SIGN_IN_PAGE (self), NULL);
  return g_steal_pointer (&self->person);
}
