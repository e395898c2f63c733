/* toa-article.h — an article (tin bài): the item the board takes in, edits, approves and
 * publishes. A GObject so that list models can hold it; fields are public and plain. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Author share (tác giả, người chụp ảnh, người dịch) in basis points: 10000 = 100 %. */
typedef struct {
  gint64 person_id;
  char  *name;           /* filled by the store on read */
  char  *role;           /* "author", "photographer", "translator" */
  int    share_bp;
} ToaAuthorShare;

void toa_author_share_clear (ToaAuthorShare *share);

#define TOA_TYPE_ARTICLE (toa_article_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticle, toa_article, TOA, ARTICLE, GObject)

struct _ToaArticle {
  GObject parent_instance;

  gint64  id;
  gint64  site_id;
  char   *site_code;         /* filled by the store on read */
  gint64  section_id;
  char   *section_name;      /* filled by the store on read */
  char   *genre;             /* genre code, "tin" */
  char   *language;          /* "vi" or "en" */
  gint64  source_unit_id;    /* 0 = none (written in-house) */
  char   *source_unit_name;  /* filled by the store on read */
  char   *info_kind;         /* kind of information code, drives deadlines; may be NULL */
  char   *title;
  char   *sapo;
  char   *body_html;         /* may be NULL in list results (not loaded) */
  char   *attribution;       /* "Theo Cổng TTĐT tỉnh Bình Phước"; may be NULL */
  char   *state;             /* ToaArticleState code */
  gint64  created_by;
  char   *created_by_name;   /* filled by the store on read */
  gint64  created_at;        /* µs UTC */
  gint64  updated_at;
  gint64  published_at;      /* 0 when never published */
  gint64  version;           /* bumped by every save; a save names the version it started from */
  GArray *authors;           /* of ToaAuthorShare; may be empty */
  GPtrArray *tags;           /* of char * (thẻ / từ khóa), in order; never NULL, may be empty;
                              * empty in list results (not loaded) */
};

ToaArticle *toa_article_new (void);
/* Adds an author share; @name may be NULL. */
void        toa_article_add_author (ToaArticle *self, gint64 person_id, const char *name,
                                    const char *role, int share_bp);
/* Appends a tag (copied). */
void        toa_article_add_tag (ToaArticle *self, const char *tag);
/* Replaces the tags by @tags (NULL-terminated; NULL = none). */
void        toa_article_set_tags (ToaArticle *self, const char * const *tags);
/* A deep copy: every field, the authors and the tags (e.g. the version an editor started
 * from, kept as the base of a merge). */
ToaArticle *toa_article_copy (const ToaArticle *self);

G_END_DECLS
