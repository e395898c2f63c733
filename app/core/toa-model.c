/* toa-model.c — constructors and free functions for the board's reference records. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-model.h"

ToaSite *
toa_site_new (void)
{
  return g_new0 (ToaSite, 1);
}

void
toa_site_free (ToaSite *site)
{
  if (site == NULL)
    return;
  g_free (site->code);
  g_free (site->name);
  g_free (site->kind);
  g_free (site->url);
  g_free (site);
}

ToaSection *
toa_section_new (void)
{
  return g_new0 (ToaSection, 1);
}

void
toa_section_free (ToaSection *section)
{
  if (section == NULL)
    return;
  g_free (section->code);
  g_free (section->name);
  g_free (section);
}

ToaUnit *
toa_unit_new (void)
{
  return g_new0 (ToaUnit, 1);
}

void
toa_unit_free (ToaUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->code);
  g_free (unit->name);
  g_free (unit);
}

ToaGenre *
toa_genre_new (void)
{
  return g_new0 (ToaGenre, 1);
}

void
toa_genre_free (ToaGenre *genre)
{
  if (genre == NULL)
    return;
  g_free (genre->code);
  g_free (genre->name);
  g_free (genre);
}

const char *
toa_info_kind_basis_label (const char *basis)
{
  static const struct { const char *code; const char *label; } bases[] = {
    { "receipt", N_("the day it is received") },
    { "issue", N_("the day the text is issued") },
    { "approval", N_("the day it is approved") },
    { "decision", N_("the day publication is decided") },
    { "none", N_("kept current") },
  };

  for (guint i = 0; basis != NULL && i < G_N_ELEMENTS (bases); i++)
    if (g_str_equal (basis, bases[i].code))
      return g_dgettext (GETTEXT_PACKAGE, bases[i].label);
  return basis != NULL ? basis : "";
}

ToaInfoKind *
toa_info_kind_new (void)
{
  return g_new0 (ToaInfoKind, 1);
}

void
toa_info_kind_free (ToaInfoKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->code);
  g_free (kind->name);
  g_free (kind->basis);
  g_free (kind->source);
  g_free (kind);
}

static void
role_grant_clear (gpointer data)
{
  ToaRoleGrant *grant = data;

  g_clear_pointer (&grant->site_code, g_free);
}

ToaPerson *
toa_person_new (void)
{
  ToaPerson *person = g_new0 (ToaPerson, 1);

  person->active = TRUE;
  person->roles = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_array_set_clear_func (person->roles, role_grant_clear);
  return person;
}

void
toa_person_free (ToaPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->login);
  g_free (person->full_name);
  g_free (person->email);
  g_free (person->contract_no);
  g_clear_pointer (&person->roles, g_array_unref);
  g_free (person);
}

gboolean
toa_person_may_write_articles (const ToaPerson *person, gint64 site_id)
{
  for (guint i = 0; person->active && person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);

      if (grant->site_id == site_id && toa_role_can_write_articles (grant->role))
        return TRUE;
    }
  return FALSE;
}

ToaPerson *
toa_person_copy (const ToaPerson *person)
{
  ToaPerson *copy = toa_person_new ();

  copy->id = person->id;
  copy->login = g_strdup (person->login);
  copy->full_name = g_strdup (person->full_name);
  copy->email = g_strdup (person->email);
  copy->contributor = person->contributor;
  copy->contract_no = g_strdup (person->contract_no);
  copy->active = person->active;
  for (guint i = 0; person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);

      toa_person_add_role (copy, grant->site_id, grant->site_code, grant->role);
    }
  return copy;
}

void
toa_person_add_role (ToaPerson *person, gint64 site_id, const char *site_code, ToaRole role)
{
  ToaRoleGrant grant;

  g_return_if_fail (person != NULL);
  g_return_if_fail (role < TOA_N_ROLES);

  if (toa_person_has_role (person, site_id, role))
    return;
  grant.site_id = site_id;
  grant.site_code = g_strdup (site_code);
  grant.role = role;
  g_array_append_val (person->roles, grant);
}

gboolean
toa_person_has_role (const ToaPerson *person, gint64 site_id, ToaRole role)
{
  g_return_val_if_fail (person != NULL, FALSE);

  for (guint i = 0; person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);

      if (grant->site_id == site_id && grant->role == role)
        return TRUE;
    }
  return FALSE;
}

char *
toa_person_roles_text (const ToaPerson *person)
{
  GString *text;

  g_return_val_if_fail (person != NULL, NULL);

  text = g_string_new (NULL);

  for (guint i = 0; person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, toa_role_label (grant->role));
      if (grant->site_code != NULL)
        g_string_append_printf (text, " (%s)", grant->site_code);
    }
  return g_string_free (text, FALSE);
}

ToaRevision *
toa_revision_new (void)
{
  return g_new0 (ToaRevision, 1);
}

void
toa_revision_free (ToaRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->title);
  g_free (revision->sapo);
  g_free (revision->body_html);
  g_free (revision->author_name);
  g_free (revision->note);
  g_free (revision);
}

ToaComment *
toa_comment_new (void)
{
  return g_new0 (ToaComment, 1);
}

void
toa_comment_free (ToaComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->person_name);
  g_free (comment->body);
  g_clear_pointer (&comment->mentions, g_array_unref);
  g_free (comment->mention_names);
  g_free (comment);
}

ToaAuditRecord *
toa_audit_record_new (void)
{
  return g_new0 (ToaAuditRecord, 1);
}

void
toa_audit_record_free (ToaAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->action);
  g_free (record->object_type);
  g_free (record->detail);
  g_free (record->prev_hash);
  g_free (record->hash);
  g_free (record);
}
