/* toa-article-editor-save.c — saving in the article editor: in the background reader's worker
 * on its own connection (or on the window's store without one), outages that keep the draft,
 * and the conflict view when someone saved first. Part of toa-article-editor.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "toa-article-editor-private.h"
#include "toa-articles.h"
#include "toa-conflict-dialog.h"
#include "toa-error.h"
#include "toa-text.h"

/* ---- saving: in the reader's worker on its own connection (or here without a location) ------- */

/* One save on its way: everything the worker needs is copied; it also reads what the conflict
 * view needs, so the main thread never waits on the database. */
typedef struct {
  ToaArticleEditor *editor;       /* a reference until the answer is shown */
  ToaPerson        *person;
  ToaArticle       *article;      /* mine: its version is the one saved over, then the new one */
  char             *section_code; /* for creating */
  char             *unit_code;
  ToaArticle       *created;      /* created by this save (a new article) */
  ToaArticle       *theirs;       /* on a conflict: the saved version … */
  GError           *theirs_error;
  char             *who;          /* … and who saved it last */
  gboolean          online;       /* the store still answered after a failure */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->person, toa_person_free);
  g_clear_object (&job->article);
  g_free (job->section_code);
  g_free (job->unit_code);
  g_clear_object (&job->created);
  g_clear_object (&job->theirs);
  g_clear_error (&job->theirs_error);
  g_free (job->who);
  g_clear_object (&job->editor);
  g_free (job);
}

static gboolean
is_outage (SaveJob *job, const GError *error)
{
  return g_error_matches (error, TOA_ERROR, TOA_ERROR_IO) || !job->online;
}

static gboolean
create_on (ToaStore *store, SaveJob *job, GError **error)
{
  ToaArticle *article = job->article;
  g_autofree char *site_code = NULL;
  g_autoptr(GPtrArray) sites = toa_store_site_list (store, NULL);
  ToaArticleDraft draft = { 0 };

  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      const ToaSite *site = g_ptr_array_index (sites, i);
      if (site->id == article->site_id)
        site_code = g_strdup (site->code);
    }
  draft.site_code = site_code;
  draft.section_code = job->section_code;
  draft.genre = article->genre;
  draft.language = article->language;
  draft.unit_code = job->unit_code;
  draft.info_kind = article->info_kind;
  draft.title = article->title;
  draft.sapo = article->sapo;
  draft.body_html = article->body_html;
  draft.body_len = -1;
  draft.attribution = article->attribution;
  job->created = toa_articles_create (store, job->person, &draft, error);
  if (job->created == NULL)
    return FALSE;
  /* The rest (authors, tags) is saved on the created version. */
  article->id = job->created->id;
  article->site_id = job->created->site_id;
  article->version = job->created->version;
  g_free (article->state);
  article->state = g_strdup (job->created->state);
  return toa_articles_save (store, job->person, article, NULL, error);
}

static char *
last_saver_name (ToaStore *store, gint64 article_id)
{
  g_autoptr(GPtrArray) revisions = toa_store_revision_list (store, article_id, NULL);
  const ToaRevision *last = revisions != NULL && revisions->len > 0
                            ? g_ptr_array_index (revisions, revisions->len - 1) : NULL;

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      const ToaRevision *r = g_ptr_array_index (revisions, i);
      if (r->number > last->number)
        last = r;
    }
  return last != NULL ? g_strdup (last->author_name) : NULL;
}

static gboolean
save_job_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  SaveJob *job = data;
  GError *local = NULL;
  gboolean ok;

  if (job->article->id == 0)
    ok = create_on (store, job, &local);
  else
    ok = toa_articles_save (store, job->person, job->article, NULL, &local);
  if (!ok)
    {
      if (g_error_matches (local, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          job->theirs = toa_store_article_get (store, job->article->id, &job->theirs_error);
          if (job->theirs != NULL)
            job->who = last_saver_name (store, job->article->id);
        }
      job->online = toa_store_is_online (store);
      g_propagate_error (error, local);
    }
  return ok;
}

static void
set_writing (ToaArticleEditor *self, gboolean writing)
{
  self->writing = writing;
  if (writing)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      self->save_sensitive = gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_button_set_child (self->save_button, spinner);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }
  else
    {
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->save_sensitive);
    }
}

static void
saved (ToaArticleEditor *self, ToaArticle *article)
{
  g_clear_object (&self->base);
  self->base = toa_article_copy (article);
  self->article_id = article->id;
  g_free (self->clean_html);
  self->clean_html = g_strdup (article->body_html);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->changed_while_writing)
    {
      /* typed while the save was on its way: still unsaved, recorded over the new version */
      self->dirty = TRUE;
      toa_article_editor_record_draft (self);
      if (article->id != 0)
        toa_draft_journal_discard (self->journal, 0);
    }
  else
    {
      self->dirty = FALSE;
      toa_draft_journal_discard (self->journal, self->article_id);
      if (article->id != 0)
        toa_draft_journal_discard (self->journal, 0);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->revisions_button), TRUE);
  toa_article_editor_show_message (self, _("Saved"), FALSE);
  toa_article_editor_emit_saved (self, article->id);
}

static void open_conflict (ToaArticleEditor *self, ToaArticle *mine, ToaArticle *theirs,
                           const GError *error, const char *who);

/* On the main thread: the answer, shown as before. */
static void
save_job_done (gpointer owner, gpointer data, const GError *error)
{
  SaveJob *job = data;
  ToaArticleEditor *self = job->editor;
  gboolean again;

  if (self->closed)
    {
      /* closed meanwhile: nothing to show; the item window still hears of a save */
      if (error == NULL)
        toa_article_editor_emit_saved (self, job->article->id);
      return;
    }
  set_writing (self, FALSE);
  again = self->save_again;
  self->save_again = FALSE;
  if (job->created != NULL)
    {
      self->article_id = job->created->id;
      g_clear_object (&self->base);
      self->base = toa_article_copy (job->created);
    }
  if (error == NULL)
    {
      saved (self, job->article);
      if (again && self->dirty)
        toa_article_editor_save (self);   /* the second save waited for this one */
      return;
    }
  if (g_error_matches (error, TOA_ERROR, TOA_ERROR_CONFLICT))
    {
      open_conflict (self, job->article, job->theirs, job->theirs_error, job->who);
      return;
    }
  /* Whatever went wrong, what was typed stays in the editor and in the journal. */
  toa_article_editor_record_draft (self);
  toa_draft_journal_flush (self->journal);
  if (is_outage (job, error))
    {
      /* Translators: %s says why the database could not be reached */
      g_autofree char *text = g_strdup_printf (_("Could not save: %s Your draft is kept on this computer."),
                                               error->message);
      toa_article_editor_show_message (self, text, TRUE);
    }
  else
    toa_article_editor_show_message (self, error->message, TRUE);
}

static void
save_article (ToaArticleEditor *self, ToaArticle *article)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->editor = g_object_ref (self);
  job->person = toa_person_copy (self->person);
  job->article = toa_article_copy (article);
  job->article->id = self->article_id;
  job->online = TRUE;
  if (self->article_id == 0)
    {
      job->section_code = g_strdup (toa_article_editor_section_code (self));
      job->unit_code = g_strdup (toa_article_editor_unit_code (self));
    }
  self->changed_while_writing = FALSE;
  self->save_again = FALSE;
  set_writing (self, TRUE);
  /* without a location the answer is in before this returns, as before there was a reader */
  toa_background_reader_write (self->reader, save_job_run, save_job_done, self, job,
                               (GDestroyNotify) save_job_free);
}

static void
on_synced (GObject *source, GAsyncResult *result, gpointer data)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = toa_editor_view_sync_html_finish (TOA_EDITOR_VIEW (source), result, &error);
  g_autoptr(ToaArticle) article = NULL;

  self->saving = FALSE;
  if (html != NULL)
    toa_article_editor_body_is (self, html);
  article = toa_article_editor_get_article (self);
  if (html != NULL)
    {
      g_free (article->body_html);
      article->body_html = g_steal_pointer (&html);
    }
  save_article (self, article);
  g_object_unref (self);
}

void
toa_article_editor_save (ToaArticleEditor *self)
{
  g_return_if_fail (TOA_IS_ARTICLE_EDITOR (self));

  if (self->writing)
    {
      self->save_again = TRUE;   /* waits for the save on its way */
      return;
    }
  if (self->saving || !self->loaded)
    return;
  self->saving = TRUE;
  if (self->ready)
    toa_editor_view_sync_html (self->editor_view, self->cancellable, on_synced, g_object_ref (self));
  else
    {
      g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

      self->saving = FALSE;
      save_article (self, article);
    }
}

gboolean
toa_article_editor_is_saving (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), FALSE);
  return self->saving || self->writing;
}

void
toa_article_editor_on_save_clicked (ToaArticleEditor *self)
{
  toa_article_editor_save (self);
}

/* ---- the conflict view ---------------------------------------------------------------------- */

static void
on_conflict_chosen (ToaArticleEditor *self, int choice, const char *body, ToaConflictDialog *dialog)
{
  ToaArticle *theirs = g_object_get_data (G_OBJECT (dialog), "theirs");
  ToaArticle *mine = g_object_get_data (G_OBJECT (dialog), "mine");
  g_autoptr(ToaArticle) merged = NULL;

  /* From now on the base is the saved version: the next save goes over it. */
  g_clear_object (&self->base);
  self->base = toa_article_copy (theirs);
  switch (choice)
    {
    case TOA_CONFLICT_KEEP_MINE:
      mine->version = theirs->version;
      save_article (self, mine);
      break;
    case TOA_CONFLICT_TAKE_THEIRS:
      toa_article_editor_fill (self, theirs);
      toa_article_editor_set_body (self, theirs->body_html);
      self->dirty = FALSE;
      toa_draft_journal_discard (self->journal, self->article_id);
      toa_article_editor_show_message (self, _("The saved version is in the editor now."), FALSE);
      break;
    case TOA_CONFLICT_MERGE:
    default:
      g_free (self->clean_html);
      self->clean_html = NULL;
      toa_article_editor_body_is (self, body);
      if (self->ready)
        toa_editor_view_set_html (self->editor_view, body);
      else
        {
          g_free (self->pending_html);
          self->pending_html = g_strdup (body);
        }
      self->dirty = TRUE;
      toa_article_editor_changed (self);
      toa_article_editor_show_message (self, _("Merged. Read the article, then save it."), FALSE);
      break;
    }
}

/* @theirs, or why it could not be read, and @who saved it: read with the save, in the worker. */
static void
open_conflict (ToaArticleEditor *self, ToaArticle *mine, ToaArticle *theirs, const GError *error,
               const char *who)
{
  GtkWindow *dialog;

  /* Mine is kept in the journal until a choice is made. */
  toa_article_editor_record_draft (self);
  if (theirs == NULL)
    {
      toa_article_editor_show_message (self, error != NULL ? error->message : "", TRUE);
      return;
    }
  dialog = toa_conflict_dialog_new (GTK_WINDOW (self), self->base, mine, theirs, who);
  g_object_set_data_full (G_OBJECT (dialog), "theirs", g_object_ref (theirs), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "mine", g_object_ref (mine), g_object_unref);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_conflict_chosen), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->conflict, dialog);
  gtk_window_present (dialog);
}

GtkWindow *
toa_article_editor_get_conflict_dialog (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), NULL);
  return self->conflict;
}

