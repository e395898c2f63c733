/* toa-intake.c — intake (Quy trình 1): registering received material with its deadline, and
 * the reply letter for a refusal. Validate → transaction → store → audit → commit. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-audit.h"
#include "toa-deadline.h"
#include "toa-error.h"
#include "toa-articles-private.h"
#include "toa-intake.h"
#include "toa-text.h"
#include "toa-workflow.h"

#define MAX_FIELD_CHARS 500

ToaIntakeChannel *
toa_intake_channel_new (void)
{
  return g_new0 (ToaIntakeChannel, 1);
}

void
toa_intake_channel_free (ToaIntakeChannel *channel)
{
  if (channel == NULL)
    return;
  g_free (channel->code);
  g_free (channel->name);
  g_free (channel->source);
  g_free (channel);
}

ToaIntakeRecord *
toa_intake_record_new (void)
{
  return g_new0 (ToaIntakeRecord, 1);
}

void
toa_intake_record_free (ToaIntakeRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->channel);
  g_free (record->sender_unit_name);
  g_free (record->sender_name);
  g_free (record->document_no);
  g_free (record->received_on);
  g_free (record->issued_on);
  g_strfreev (record->attachments);
  g_free (record->reply_letter);
  g_free (record);
}

char *
toa_intake_attachments_to_json (GStrv attachments)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; attachments != NULL && attachments[i] != NULL; i++)
    json_builder_add_string_value (builder, attachments[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

GStrv
toa_intake_attachments_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_strv_builder_end (builder);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

gboolean
toa_intake_may_register (const ToaPerson *person, gint64 site_id)
{
  return person != NULL && toa_person_may_write_articles (person, site_id);
}

static gboolean
no_permission (GError **error, const ToaPerson *actor, const char *site)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
               _("%s may not register material on the site “%s”. Ask the administrator for a role on that site."),
               actor->full_name != NULL ? actor->full_name : actor->login, site);
  return FALSE;
}

/* NFC text, stripped; "" becomes NULL; @required and @max_chars checked. */
static gboolean
text_field (const char *text, const char *field, gboolean required, int max_chars,
            char **out, GError **error)
{
  g_autofree char *value = NULL;

  *out = NULL;
  if (text != NULL)
    {
      value = toa_text_normalize (text, -1, field, error);
      if (value == NULL)
        return FALSE;
      g_strstrip (value);
      if (*value == '\0')
        g_clear_pointer (&value, g_free);
    }
  if (required && value == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: this field is required. Fill it in and try again."), field);
      return FALSE;
    }
  if (value != NULL && max_chars > 0 && g_utf8_strlen (value, -1) > max_chars)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: too long (at most %d characters). Shorten it and try again."), field, max_chars);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

static void
today_in_vietnam (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}


/* The lookups of intake's own: channel and site (the draft's other codes are
 * toa_articles_check_draft's). */
typedef struct {
  ToaSite          *site;
  ToaInfoKind      *kind;
  ToaIntakeChannel *channel;
} Resolved;

static void
resolved_clear (Resolved *r)
{
  g_clear_pointer (&r->site, toa_site_free);
  g_clear_pointer (&r->kind, toa_info_kind_free);
  g_clear_pointer (&r->channel, toa_intake_channel_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resolved, resolved_clear)

static gboolean
resolve (ToaStore *store, const ToaIntakeDraft *in, Resolved *r, GError **error)
{
  const ToaArticleDraft *draft = &in->draft;
  const char *site_code = draft->site_code != NULL && *draft->site_code ? draft->site_code : "portal";
  g_autoptr(GPtrArray) channels = NULL;

  if (in->channel == NULL || *in->channel == '\0')
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: this field is required. Fill it in and try again."), _("Channel"));
      return FALSE;
    }
  if (!(channels = toa_store_intake_channel_list (store, error)))
    return FALSE;
  for (guint i = 0; i < channels->len && r->channel == NULL; i++)
    if (g_str_equal (((ToaIntakeChannel *) channels->pdata[i])->code, in->channel))
      r->channel = g_ptr_array_steal_index (channels, i);
  if (r->channel == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not an intake channel. Use post, document-system, email, zalo or in-house."),
                   in->channel);
      return FALSE;
    }
  r->site = toa_store_site_find_checked (store, site_code, error);
  return r->site != NULL;
}

ToaArticle *
toa_intake_add (ToaStore *store, const ToaPerson *actor, const ToaIntakeDraft *in,
                char **deadline_out, GError **error)
{
  g_auto(Resolved) r = { 0 };
  g_autoptr(ToaArticle) article = toa_article_new ();
  g_autoptr(ToaIntakeRecord) record = toa_intake_record_new ();
  g_autoptr(ToaRevision) revision = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GString) file_list = g_string_new (NULL);
  g_autofree char *deadline = NULL, *detail = NULL, *received_raw = NULL, *issued_raw = NULL;
  GDate today, received, issued, due;
  gboolean has_issued = FALSE, has_deadline = FALSE;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && in != NULL, NULL);

  if (deadline_out != NULL)
    *deadline_out = NULL;
  if (!resolve (store, in, &r, error))
    return NULL;
  if (!toa_intake_may_register (actor, r.site->id))
    {
      no_permission (error, actor, r.site->name != NULL ? r.site->name : r.site->code);
      return NULL;
    }

  if (!toa_articles_check_draft (store, r.site, &in->draft, article, &r.kind, error))
    return NULL;
  if (article->attribution != NULL && g_utf8_strlen (article->attribution, -1) > MAX_FIELD_CHARS)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: too long (at most %d characters). Shorten it and try again."),
                   _("Attribution"), MAX_FIELD_CHARS);
      return NULL;
    }
  if (!text_field (in->sender_name, _("Sender"), FALSE, MAX_FIELD_CHARS, &record->sender_name, error)
      || !text_field (in->document_no, _("Document number"), FALSE, 100, &record->document_no, error)
      || !text_field (in->received_on, _("Received"), TRUE, 20, &received_raw, error)
      || !text_field (in->issued_on, _("Issued"), FALSE, 20, &issued_raw, error))
    return NULL;
  /* The files are read and checked before anything is written. */
  if (!(files = toa_attachments_load (store, in->attachment_paths, error)))
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      const ToaAttachmentFile *file = files->pdata[i];

      g_string_append_printf (file_list, "%s%s sha256:%s", i > 0 ? "; " : "", file->file_name, file->sha256);
    }

  if (!r.channel->skips_intake && article->source_unit_id == 0 && record->sender_name == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Material received by “%s” needs its sender: give the sender unit’s code or the sender’s name."),
                   r.channel->name);
      return NULL;
    }

  if (in->today != NULL)
    today = *in->today;
  else
    today_in_vietnam (&today);
  if (!toa_parse_date (received_raw, _("Received"), &received, error))
    return NULL;
  if (g_date_compare (&received, &today) > 0)
    {
      g_autofree char *text = toa_format_gdate (&received);

      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Received: %s is in the future. Give the date the material arrived."), text);
      return NULL;
    }
  if (issued_raw != NULL)
    {
      if (!toa_parse_date (issued_raw, _("Issued"), &issued, error))
        return NULL;
      has_issued = TRUE;
      if (g_date_compare (&issued, &received) > 0)
        {
          g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                               _("Issued: the issue date is after the date received. Check both dates."));
          return NULL;
        }
    }

  if (r.kind != NULL)
    {
      const GDate *basis = has_issued && g_strcmp0 (r.kind->basis, "issue") == 0 ? &issued : &received;

      if (!toa_deadline_for_kind (store, NULL, r.kind->code, basis, &due, &has_deadline, NULL, error))
        return NULL;
      if (has_deadline)
        deadline = toa_workdays_iso_date (&due);
    }

  article->state = g_strdup (toa_article_state_code (r.channel->skips_intake ? TOA_STATE_DRAFT
                                                                            : TOA_STATE_RECEIVED));
  article->created_by = actor->id;
  article->version = 1;
  article->created_at = in->draft.created_at;   /* 0 = now (the store fills it) */
  article->updated_at = in->draft.created_at;
  toa_article_add_author (article, actor->id, actor->full_name, "author", 10000);

  record->channel = g_strdup (r.channel->code);
  record->sender_unit_id = article->source_unit_id;
  record->received_on = toa_workdays_iso_date (&received);
  record->issued_on = has_issued ? toa_workdays_iso_date (&issued) : NULL;
  record->created_at = toa_now_usec ();

  if (!toa_store_begin (store, error))
    return NULL;
  if (!toa_store_article_insert (store, article, &local_error))
    goto failed;
  revision = toa_revision_new ();
  revision->article_id = article->id;
  revision->title = g_strdup (article->title);
  revision->sapo = g_strdup (article->sapo);
  revision->body_html = g_strdup (article->body_html);
  revision->author_id = actor->id;
  revision->created_at = article->created_at != 0 ? article->created_at : toa_now_usec ();
  if (!toa_store_revision_add (store, revision, &local_error))
    goto failed;
  record->article_id = article->id;
  if (!toa_store_intake_record_add (store, record, &local_error))
    goto failed;
  if (!toa_attachments_store (store, article->id, actor->id, files, &local_error))
    goto failed;
  if (deadline != NULL && !toa_store_article_deadline_set (store, article->id, deadline, &local_error))
    goto failed;
  detail = toa_audit_detail ("title", article->title, "channel", record->channel,
                        "sender", record->sender_name, "document_no", record->document_no,
                        "received_on", record->received_on, "issued_on", record->issued_on,
                        "deadline", deadline, "state", article->state,
                        "attachments", file_list->len > 0 ? file_list->str : NULL, NULL);
  if (!toa_audit_append (store, actor->id, "intake.add", "article", article->id, detail, &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;

  if (deadline_out != NULL)
    *deadline_out = g_steal_pointer (&deadline);
  {
    ToaArticle *stored = toa_store_article_get (store, article->id, NULL);

    return stored != NULL ? stored : g_steal_pointer (&article);
  }

failed:
  toa_store_abandon (store, local_error, error);
  return NULL;
}

static const char *
ground_name (const char *code, GError **error)
{
  GPtrArray *grounds = toa_refusal_grounds (error);

  if (grounds == NULL)
    return NULL;
  for (guint i = 0; code != NULL && i < grounds->len; i++)
    {
      const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);

      if (g_str_equal (ground->code, code))
        return ground->name;
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not a refusal ground. Use one of: out-of-remit, against-policy, untrue, poor-quality, duplicate, state-secret, not-cleared."),
               code != NULL ? code : "");
  return NULL;
}

static char *
iso_to_dmy (const char *iso)
{
  GDate date;

  if (iso == NULL || !toa_parse_date (iso, "date", &date, NULL))
    return g_strdup (iso != NULL ? iso : "");
  return toa_format_gdate (&date);
}

/* The letter is an official Vietnamese document (the board writes to provincial agencies
 * in Vietnamese whatever the program's language), so its text is not translated. */
static char *
compose_letter (const char *portal_name, const char *sender, const ToaIntakeRecord *record,
                const ToaArticle *article, const char *channel_name, const char *ground,
                const char *note, const GDate *today)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *board = g_strconcat ("Ban Biên tập ", portal_name, NULL);
  g_autofree char *board_upper = g_utf8_strup (board, -1);
  g_autofree char *received = iso_to_dmy (record->received_on);
  g_autofree char *issued = iso_to_dmy (record->issued_on);

  g_string_append_printf (s, "%s\n\n", board_upper);
  g_string_append_printf (s, "Ngày %02d tháng %02d năm %04d\n\n", g_date_get_day (today),
                          g_date_get_month (today), g_date_get_year (today));
  g_string_append (s, "V/v không đăng tải thông tin\n\n");
  g_string_append_printf (s, "Kính gửi: %s.\n\n", sender);
  g_string_append_printf (s, "%s đã nhận được ", board);
  if (record->document_no != NULL)
    g_string_append_printf (s, "văn bản số %s", record->document_no);
  else
    g_string_append (s, "thông tin");
  if (record->issued_on != NULL)
    g_string_append_printf (s, " ngày %s", issued);
  g_string_append_printf (s, " của %s về việc “%s”", sender, article->title);
  g_string_append_printf (s, " (tiếp nhận ngày %s", received);
  if (channel_name != NULL)
    g_string_append_printf (s, " qua %s", channel_name);
  g_string_append (s, ").\n\n");
  g_string_append_printf (s, "Sau khi xem xét, %s không đăng tải thông tin nêu trên trên %s với lý do: %s.\n",
                          board, portal_name, ground);
  if (note != NULL && *note != '\0')
    g_string_append_printf (s, "%s%s\n", note, g_str_has_suffix (note, ".") ? "" : ".");
  g_string_append_printf (s, "\n%s thông báo để %s được biết./.\n\n", board, sender);
  g_string_append (s, "TM. BAN BIÊN TẬP\n");
  g_string_append_printf (s, "%s\n", board);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
toa_intake_reply_letter (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                         const char *ground, const char *note, const GDate *today,
                         GError **error)
{
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autofree char *clean_note = NULL, *letter = NULL, *detail = NULL;
  const char *ground_text, *channel_name = NULL, *sender;
  GDate day;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  if (!(ground_text = ground_name (ground, error))
      || !text_field (note, _("Note"), FALSE, 2000, &clean_note, error))
    return NULL;
  if (!(article = toa_store_article_get (store, article_id, error))
      || !(record = toa_store_intake_record_get (store, article_id, error)))
    return NULL;
  if (!toa_intake_may_register (actor, article->site_id))
    {
      no_permission (error, actor, article->site_code != NULL ? article->site_code : "?");
      return NULL;
    }
  if (!(portal = toa_store_site_find_checked (store, "portal", error)))
    return NULL;
  if (!(channels = toa_store_intake_channel_list (store, error)))
    return NULL;
  for (guint i = 0; i < channels->len; i++)
    if (g_str_equal (((ToaIntakeChannel *) channels->pdata[i])->code, record->channel))
      channel_name = ((ToaIntakeChannel *) channels->pdata[i])->name;
  sender = record->sender_unit_name != NULL ? record->sender_unit_name
           : record->sender_name != NULL ? record->sender_name : "Quý cơ quan, đơn vị";
  if (today != NULL)
    day = *today;
  else
    today_in_vietnam (&day);
  letter = compose_letter (portal->name, sender, record, article,
                           channel_name,
                           ground_text, clean_note, &day);

  if (!toa_store_begin (store, error))
    return NULL;
  if (!toa_store_intake_reply_letter_set (store, article_id, letter, &local_error))
    goto failed;
  detail = toa_audit_detail ("ground", ground, "note", clean_note, NULL);
  if (!toa_audit_append (store, actor->id, "intake.reply-letter", "article", article_id, detail,
                         &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;
  return g_steal_pointer (&letter);

failed:
  toa_store_abandon (store, local_error, error);
  return NULL;
}
