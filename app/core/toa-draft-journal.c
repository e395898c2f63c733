/* toa-draft-journal.c — the autosave journal: one file per article being edited, in a
 * private folder on this computer. record() copies the article and returns; one worker thread
 * writes the newest record of each article atomically (temporary file, fsync, rename: a crash
 * or kill -9 leaves the previous record or the new one, never a mixture). Each file starts
 * with a line holding the SHA-256 of the JSON after it, so damage is recognised on reading. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "toa-draft-journal.h"
#include "toa-error.h"

#define MAGIC "TOASOAN-DRAFT 1 "
#define FORMAT_VERSION 1
#define STALE_TEMP_USEC (10 * G_USEC_PER_SEC * 60)

/* A pending write: @article NULL = forget the draft (delete the file). */
typedef struct {
  ToaArticle *article;
  gint64      at;
} Pending;

struct _ToaDraftJournal {
  GObject     parent_instance;

  char       *dir;
  char       *prefix;      /* hashed database key */

  GMutex      lock;
  GCond       changed;
  GHashTable *pending;     /* gint64 * article id → Pending * */
  GHashTable *in_flight;   /* what the worker is writing now (it only reads it), or NULL */
  gboolean    writing;
  gboolean    quit;
  GThread    *worker;
  GError     *write_error; /* of the last write, NULL when it succeeded */
};

G_DEFINE_FINAL_TYPE (ToaDraftJournal, toa_draft_journal, G_TYPE_OBJECT)

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->article);
  g_free (pending);
}

static char *
file_for (ToaDraftJournal *self, gint64 article_id)
{
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".draft", self->prefix, article_id);

  return g_build_filename (self->dir, name, NULL);
}

/* ---- the record's text ----------------------------------------------------------------------- */

static void
add_text (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static char *
serialize (const ToaArticle *article, gint64 at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sum = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "format", FORMAT_VERSION);
  add_int (builder, "at", at);
  add_int (builder, "id", article->id);
  add_int (builder, "version", article->version);
  add_int (builder, "site_id", article->site_id);
  add_int (builder, "section_id", article->section_id);
  add_text (builder, "genre", article->genre);
  add_text (builder, "language", article->language);
  add_int (builder, "source_unit_id", article->source_unit_id);
  add_text (builder, "info_kind", article->info_kind);
  add_text (builder, "title", article->title);
  add_text (builder, "sapo", article->sapo);
  add_text (builder, "body_html", article->body_html);
  add_text (builder, "attribution", article->attribution);
  add_text (builder, "state", article->state);
  add_int (builder, "updated_at", article->updated_at);
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);

      json_builder_begin_object (builder);
      add_int (builder, "person_id", share->person_id);
      add_text (builder, "name", share->name);
      add_text (builder, "role", share->role);
      add_int (builder, "share_bp", share->share_bp);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; article->tags != NULL && i < article->tags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (article->tags, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  return g_strconcat (MAGIC, sum, "\n", json, NULL);
}

static char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
member_int (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* NULL when @contents is not a whole, intact record. */
static ToaArticle *
parse (const char *contents, gsize length, gint64 *at)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *expected = NULL;
  const char *json;
  JsonObject *object;
  JsonArray *array;

  if (length < strlen (MAGIC) + 65 || strncmp (contents, MAGIC, strlen (MAGIC)) != 0
      || contents[strlen (MAGIC) + 64] != '\n' || memchr (contents, '\0', length) != NULL)
    return NULL;
  expected = g_strndup (contents + strlen (MAGIC), 64);
  json = contents + strlen (MAGIC) + 65;
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) json,
                                     length - (gsize) (json - contents));
  if (!g_str_equal (sum, expected))
    return NULL;
  if (!json_parser_load_from_data (parser, json, (gssize) (length - (gsize) (json - contents)), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (member_int (object, "format") != FORMAT_VERSION)
    return NULL;

  article = toa_article_new ();
  *at = member_int (object, "at");
  article->id = member_int (object, "id");
  article->version = member_int (object, "version");
  article->site_id = member_int (object, "site_id");
  article->section_id = member_int (object, "section_id");
  article->genre = member_text (object, "genre");
  article->language = member_text (object, "language");
  article->source_unit_id = member_int (object, "source_unit_id");
  article->info_kind = member_text (object, "info_kind");
  article->title = member_text (object, "title");
  article->sapo = member_text (object, "sapo");
  article->body_html = member_text (object, "body_html");
  article->attribution = member_text (object, "attribution");
  article->state = member_text (object, "state");
  article->updated_at = member_int (object, "updated_at");
  if (json_object_has_member (object, "authors")
      && (array = json_object_get_array_member (object, "authors")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonObject *share;
        g_autofree char *name = NULL;
        g_autofree char *role = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return NULL;
        share = json_node_get_object (node);
        name = member_text (share, "name");
        role = member_text (share, "role");
        toa_article_add_author (article, member_int (share, "person_id"), name,
                                role != NULL ? role : "author", (int) member_int (share, "share_bp"));
      }
  if (json_object_has_member (object, "tags")
      && (array = json_object_get_array_member (object, "tags")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *tag = json_node_get_string (json_array_get_element (array, i));

        if (tag != NULL)
          toa_article_add_tag (article, tag);
      }
  return g_steal_pointer (&article);
}

/* ---- the worker --------------------------------------------------------------------------------- */

/* Returns the error of this write, or NULL. */
static GError *
write_one (ToaDraftJournal *self, gint64 article_id, const Pending *pending)
{
  g_autofree char *path = file_for (self, article_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (pending->article == NULL)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("Could not remove the draft %s: %s", path, g_strerror (errno));
      return NULL;
    }
  text = serialize (pending->article, pending->at);
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    return g_error_new (TOA_ERROR, TOA_ERROR_IO,
                        _("What you type in article %lld cannot be kept on this computer (%s). "
                          "Save the article now, and free some disk space."),
                        (long long) article_id, error->message);
  return NULL;
}

static gpointer
worker_main (gpointer data)
{
  ToaDraftJournal *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      GHashTable *batch;
      GHashTableIter iter;
      gpointer key, value;

      while (!self->quit && g_hash_table_size (self->pending) == 0)
        g_cond_wait (&self->changed, &self->lock);
      if (g_hash_table_size (self->pending) == 0)
        break;   /* quitting with nothing left */
      batch = self->in_flight = self->pending;
      self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) pending_free);
      self->writing = TRUE;
      g_mutex_unlock (&self->lock);

      g_hash_table_iter_init (&iter, batch);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GError *write_error = write_one (self, *(gint64 *) key, value);

          g_mutex_lock (&self->lock);
          g_clear_error (&self->write_error);
          self->write_error = write_error;
          g_mutex_unlock (&self->lock);
        }

      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->in_flight, g_hash_table_unref);
      self->writing = FALSE;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

static void
queue (ToaDraftJournal *self, gint64 article_id, ToaArticle *article, gint64 at)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->article = article;
  pending->at = at;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->pending, g_memdup2 (&article_id, sizeof article_id), pending);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

/* ---- the object ---------------------------------------------------------------------------------- */

/* Temporary files left by a process killed while writing (GLib names them FILE.XXXXXX). */
static void
remove_stale_temporaries (ToaDraftJournal *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;
  gint64 now = g_get_real_time ();

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, self->prefix) || strstr (name, ".draft.") == NULL
          || g_str_has_suffix (name, ".damaged"))
        continue;
      path = g_build_filename (self->dir, name, NULL);
      if (g_stat (path, &st) == 0 && now - (gint64) st.st_mtime * G_USEC_PER_SEC > STALE_TEMP_USEC)
        g_unlink (path);
    }
}

static void
toa_draft_journal_finalize (GObject *object)
{
  ToaDraftJournal *self = TOA_DRAFT_JOURNAL (object);

  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->worker);   /* writes what is pending first */

  g_hash_table_unref (self->pending);
  g_clear_error (&self->write_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->dir);
  g_free (self->prefix);
  G_OBJECT_CLASS (toa_draft_journal_parent_class)->finalize (object);
}

static void
toa_draft_journal_class_init (ToaDraftJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toa_draft_journal_finalize;
}

static void
toa_draft_journal_init (ToaDraftJournal *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) pending_free);
}

ToaDraftJournal *
toa_draft_journal_new (const char *dir, const char *database_key)
{
  ToaDraftJournal *self = g_object_new (TOA_TYPE_DRAFT_JOURNAL, NULL);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                        database_key != NULL ? database_key : "", -1);

  self->dir = dir != NULL ? g_strdup (dir)
                          : g_build_filename (g_get_user_state_dir (), "toasoan", "drafts", NULL);
  self->prefix = g_strndup (sum, 16);
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    g_debug ("Could not create the drafts folder %s: %s", self->dir, g_strerror (errno));
  remove_stale_temporaries (self);
  self->worker = g_thread_new ("toa-draft-journal", worker_main, self);
  return self;
}

void
toa_draft_journal_record (ToaDraftJournal *self, const ToaArticle *article, gint64 at)
{
  g_return_if_fail (TOA_IS_DRAFT_JOURNAL (self));
  g_return_if_fail (TOA_IS_ARTICLE ((ToaArticle *) article));

  queue (self, article->id, toa_article_copy (article), at);
}

void
toa_draft_journal_flush (ToaDraftJournal *self)
{
  g_return_if_fail (TOA_IS_DRAFT_JOURNAL (self));

  g_mutex_lock (&self->lock);
  while (self->writing || g_hash_table_size (self->pending) > 0)
    g_cond_wait (&self->changed, &self->lock);
  g_mutex_unlock (&self->lock);
}

ToaArticle *
toa_draft_journal_read (ToaDraftJournal *self, gint64 article_id, gint64 *at, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  ToaArticle *article = NULL;
  Pending *pending;
  gint64 when = 0;
  gsize length = 0;

  g_return_val_if_fail (TOA_IS_DRAFT_JOURNAL (self), NULL);

  if (at != NULL)
    *at = 0;
  /* Not yet written: the newest record is in memory. */
  g_mutex_lock (&self->lock);
  pending = g_hash_table_lookup (self->pending, &article_id);
  if (pending == NULL && self->in_flight != NULL)
    pending = g_hash_table_lookup (self->in_flight, &article_id);
  if (pending != NULL)
    {
      article = pending->article != NULL ? toa_article_copy (pending->article) : NULL;
      when = pending->at;
    }
  g_mutex_unlock (&self->lock);
  if (pending != NULL)
    {
      if (at != NULL && article != NULL)
        *at = when;
      return article;
    }

  path = file_for (self, article_id);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The draft typed in article %lld cannot be read (%s)."),
                   (long long) article_id, local_error->message);
      return NULL;
    }
  article = parse (contents, length, &when);
  if (article == NULL || article->id != article_id)
    {
      g_autofree char *kept = g_strconcat (path, ".damaged", NULL);

      g_clear_object (&article);
      g_rename (path, kept);
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The draft typed in article %lld is damaged and cannot be offered. It was kept as %s."),
                   (long long) article_id, kept);
      return NULL;
    }
  if (at != NULL)
    *at = when;
  return article;
}

gboolean
toa_draft_journal_check (ToaDraftJournal *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (TOA_IS_DRAFT_JOURNAL (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = self->write_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->write_error));
  g_mutex_unlock (&self->lock);
  return ok;
}

void
toa_draft_journal_discard (ToaDraftJournal *self, gint64 article_id)
{
  g_return_if_fail (TOA_IS_DRAFT_JOURNAL (self));

  queue (self, article_id, NULL, 0);
}
