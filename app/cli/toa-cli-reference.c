/* toa-cli-reference.c — the board's reference records: sites (cổng thành phần), sections
 * (chuyên mục), providing units (đơn vị cung cấp), genres (thể loại) and kinds of
 * information (loại thông tin). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-reference.h"
#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"

static const char *
site_code_of (GPtrArray *sites, gint64 site_id)
{
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      ToaSite *site = g_ptr_array_index (sites, i);

      if (site->id == site_id)
        return site->code;
    }
  return "";
}

gboolean
toa_cli_site_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) sites = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || !(sites = toa_store_site_list (store, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < sites->len; i++)
        json_array_add_element (array, toa_cli_json_site (g_ptr_array_index (sites, i)));
      toa_cli_print_json (toa_cli_json_wrap ("sites", array));
    }
  else
    {
      const char *headers[] = { _("Code"), _("Kind"), _("Name"), _("Address") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (4, headers);

      for (guint i = 0; i < sites->len; i++)
        {
          ToaSite *site = g_ptr_array_index (sites, i);
          const char *kind = g_strcmp0 (site->kind, "portal") == 0 ? _("portal") : _("component site");

          toa_cli_table_add (table, site->code, kind, site->name, site->url);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

gboolean
toa_cli_site_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *code_raw = NULL, *name_raw = NULL, *url_raw = NULL;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_FILENAME, &code_raw, N_("Site code, e.g. so-y-te"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name_raw, N_("Site name"), N_("NAME") },
    { "url", 0, 0, G_OPTION_ARG_FILENAME, &url_raw, N_("Web address"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaSite) site = toa_site_new ();
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (code_raw, "--code", error)
      || !toa_cli_require (name_raw, "--name", error)
      || !toa_cli_text (code_raw, "--code", &site->code, error)
      || !toa_cli_text (name_raw, "--name", &site->name, error)
      || !toa_cli_text (url_raw, "--url", &site->url, error)
      || !toa_reference_check_code (site->code, "--code", error)
      || !(store = toa_cli_store (cli, error))
      || !toa_reference_add_site (store, 0, site, error))
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_cli_json_site (site));
  else
    toa_cli_print (_("Added site %s (id %lld)\n"), site->code, (long long) site->id);
  return TRUE;
}

gboolean
toa_cli_section_list (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *site_raw = NULL;
  GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Only this site's sections"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autofree char *site_code = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_text (site_raw, "--site", &site_code, error)
      || !(store = toa_cli_store (cli, error)))
    return FALSE;
  if (site_code != NULL && !(site = toa_store_site_find (store, site_code, error)))
    return FALSE;
  if (!(sites = toa_store_site_list (store, error))
      || !(sections = toa_store_section_list (store, site != NULL ? site->id : 0, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < sections->len; i++)
        {
          ToaSection *section = g_ptr_array_index (sections, i);
          JsonNode *node = toa_cli_json_section (section);

          json_object_set_string_member (json_node_get_object (node), "site",
                                         site_code_of (sites, section->site_id));
          json_array_add_element (array, node);
        }
      toa_cli_print_json (toa_cli_json_wrap ("sections", array));
    }
  else
    {
      const char *headers[] = { _("Site"), _("Code"), _("Name") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (3, headers);

      for (guint i = 0; i < sections->len; i++)
        {
          ToaSection *section = g_ptr_array_index (sections, i);

          toa_cli_table_add (table, site_code_of (sites, section->site_id), section->code, section->name);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

gboolean
toa_cli_section_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *site_raw = NULL, *code_raw = NULL, *name_raw = NULL, *site_code = NULL;
  GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("The site's code"), N_("CODE") },
    { "code", 0, 0, G_OPTION_ARG_FILENAME, &code_raw, N_("Section code, e.g. tin-tuc-su-kien"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name_raw, N_("Section name"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaSite) site = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (site_raw, "--site", error)
      || !toa_cli_require (code_raw, "--code", error)
      || !toa_cli_require (name_raw, "--name", error)
      || !toa_cli_text (site_raw, "--site", &site_code, error)
      || !toa_cli_text (code_raw, "--code", &section->code, error)
      || !toa_cli_text (name_raw, "--name", &section->name, error)
      || !toa_reference_check_code (section->code, "--code", error)
      || !(store = toa_cli_store (cli, error))
      || !(site = toa_store_site_find_checked (store, site_code, error)))
    return FALSE;
  section->site_id = site->id;
  if (!toa_reference_add_section (store, 0, section, error))
    return FALSE;

  if (cli->json)
    {
      JsonNode *node = toa_cli_json_section (section);

      json_object_set_string_member (json_node_get_object (node), "site", site->code);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print (_("Added section %s to %s (id %lld)\n"), section->code, site->code,
                   (long long) section->id);
  return TRUE;
}

gboolean
toa_cli_unit_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) units = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || !(units = toa_store_unit_list (store, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < units->len; i++)
        json_array_add_element (array, toa_cli_json_unit (g_ptr_array_index (units, i)));
      toa_cli_print_json (toa_cli_json_wrap ("units", array));
    }
  else
    {
      const char *headers[] = { _("Code"), _("Name") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (2, headers);

      for (guint i = 0; i < units->len; i++)
        {
          ToaUnit *unit = g_ptr_array_index (units, i);

          toa_cli_table_add (table, unit->code, unit->name);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

gboolean
toa_cli_unit_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *code_raw = NULL, *name_raw = NULL;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_FILENAME, &code_raw, N_("Unit code, e.g. so-noi-vu"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name_raw, N_("Unit name"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (code_raw, "--code", error)
      || !toa_cli_require (name_raw, "--name", error)
      || !toa_cli_text (code_raw, "--code", &unit->code, error)
      || !toa_cli_text (name_raw, "--name", &unit->name, error)
      || !toa_reference_check_code (unit->code, "--code", error)
      || !(store = toa_cli_store (cli, error))
      || !toa_reference_add_unit (store, 0, unit, error))
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_cli_json_unit (unit));
  else
    toa_cli_print (_("Added unit %s (id %lld)\n"), unit->code, (long long) unit->id);
  return TRUE;
}

gboolean
toa_cli_genre_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) genres = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || !(genres = toa_store_genre_list (store, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < genres->len; i++)
        json_array_add_element (array, toa_cli_json_genre (g_ptr_array_index (genres, i)));
      toa_cli_print_json (toa_cli_json_wrap ("genres", array));
    }
  else
    {
      /* Translators: a designed product (banner, infographic, video…) that the technical team
       * works on before the secretary reviews it */
      const char *headers[] = { _("Code"), _("Name"), _("Designed product") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (3, headers);

      for (guint i = 0; i < genres->len; i++)
        {
          ToaGenre *genre = g_ptr_array_index (genres, i);

          toa_cli_table_add (table, genre->code, genre->name, genre->designed ? _("yes") : "");
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

static char *
deadline_text (int days)
{
  if (days == 0)
    return g_strdup (_("immediately"));
  if (days < 0)
    return g_strdup (_("kept current"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day", "%d working days", days), days);
}

gboolean
toa_cli_kind_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) kinds = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || !(kinds = toa_store_info_kind_list (store, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < kinds->len; i++)
        json_array_add_element (array, toa_cli_json_info_kind (g_ptr_array_index (kinds, i)));
      toa_cli_print_json (toa_cli_json_wrap ("kinds", array));
    }
  else
    {
      /* Translators: "Legal basis" is the clause a deadline comes from, e.g. "Bình Định, Điều 8.1" */
      const char *headers[] = { _("Code"), _("Name"), _("Deadline"), _("Counted from"), _("Legal basis") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (5, headers);

      for (guint i = 0; i < kinds->len; i++)
        {
          ToaInfoKind *kind = g_ptr_array_index (kinds, i);
          g_autofree char *deadline = deadline_text (kind->deadline_days);

          toa_cli_table_add (table, kind->code, kind->name, deadline,
                             toa_info_kind_basis_label (kind->basis), kind->source);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}
