/* toa-article-view.c — an article's content, read-only (see toa-article-view.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-article-view.h"
#include "toa-text.h"

struct _ToaArticleView {
  AdwBin parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkLabel       *sapo_label;
  GtkLabel       *body_label;
  GtkLabel       *attribution_label;
};

G_DEFINE_FINAL_TYPE (ToaArticleView, toa_article_view, ADW_TYPE_BIN)

static void
set_label (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
toa_article_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOA_TYPE_ARTICLE_VIEW);
  G_OBJECT_CLASS (toa_article_view_parent_class)->dispose (object);
}

static void
toa_article_view_class_init (ToaArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_article_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleView, sapo_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleView, body_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleView, attribution_label);
}

static void
toa_article_view_init (ToaArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
toa_article_view_new (void)
{
  return g_object_new (TOA_TYPE_ARTICLE_VIEW, NULL);
}

void
toa_article_view_set_article (ToaArticleView *self, ToaArticle *article, const char *genre_name,
                              const char *site_name)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GString) authors = g_string_new (NULL);
  g_autofree char *updated = NULL;
  g_autofree char *published = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (TOA_IS_ARTICLE_VIEW (self));
  g_return_if_fail (TOA_IS_ARTICLE (article));

  /* "Tin · Tin tức - Sự kiện · Cổng TTĐT · Đã xuất bản" */
  g_string_append (meta, genre_name != NULL ? genre_name : (article->genre != NULL ? article->genre : ""));
  if (article->section_name != NULL)
    g_string_append_printf (meta, " · %s", article->section_name);
  if (site_name != NULL || article->site_code != NULL)
    g_string_append_printf (meta, " · %s", site_name != NULL ? site_name : article->site_code);
  if (article->state != NULL)
    g_string_append_printf (meta, " · %s", toa_article_state_label_for_code (article->state));

  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      if (share->name == NULL)
        continue;
      if (authors->len > 0)
        g_string_append (authors, ", ");
      g_string_append (authors, share->name);
    }
  if (authors->len == 0 && article->created_by_name != NULL)
    g_string_append (authors, article->created_by_name);
  if (authors->len > 0)
    /* Translators: %s is the authors of an article */
    g_string_append_printf (meta, _("\nBy %s"), authors->str);
  if (article->source_unit_name != NULL)
    /* Translators: %s is the providing unit (đơn vị cung cấp) */
    g_string_append_printf (meta, _("\nProvided by %s"), article->source_unit_name);

  updated = toa_format_datetime (article->updated_at);
  if (*updated != '\0')
    g_string_append_printf (meta, _("\nLast change %s"), updated);
  published = toa_format_datetime (article->published_at);
  if (*published != '\0')
    g_string_append_printf (meta, _(" · published %s"), published);

  body = toa_html_to_paragraphs (article->body_html);

  set_label (self->title_label, article->title);
  set_label (self->meta_label, meta->str);
  set_label (self->sapo_label, article->sapo);
  set_label (self->body_label, body);
  set_label (self->attribution_label, article->attribution);
}
