/* toa-model.h — the board's reference records: sites, sections (chuyên mục), providing
 * units (đơn vị cung cấp), genres (thể loại), kinds of information (loại thông tin),
 * people and their roles, revisions (phiên bản), comments (góp ý biên tập).
 * Plain structs with public fields; each has a _free and a g_autoptr cleanup.
 * Instants are µs since the epoch, UTC. Text fields are NFC UTF-8. */
#pragma once

#include <glib.h>

#include "toa-role.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char  *code;        /* "portal" for the province portal */
  char  *name;        /* "Cổng Thông tin điện tử tỉnh Bình Phước" */
  char  *kind;        /* "portal" or "component" */
  char  *url;         /* may be NULL */
} ToaSite;

typedef struct {
  gint64 id;
  gint64 site_id;
  char  *code;        /* "tin-tuc-su-kien" */
  char  *name;        /* "Tin tức - Sự kiện" */
  int    position;
} ToaSection;

typedef struct {
  gint64 id;
  char  *code;        /* "so-noi-vu" */
  char  *name;        /* "Sở Nội vụ" */
} ToaUnit;

typedef struct {
  char    *code;      /* "tin", "bai", "anh", "video", "infographic", "podcast", "longform",
                       * "banner", "van-ban", "thong-bao", "phong-su", "phong-van" */
  char    *name;      /* "Tin" */
  gboolean designed;  /* a designed product that passes the technical team */
} ToaGenre;

typedef struct {
  char *code;         /* "news", "law-guidance", "legal-document", … */
  char *name;         /* Vietnamese name */
  int   deadline_days;/* working days; 0 = immediately; -1 = kept current */
  char *basis;        /* what the deadline counts from: "issue", "approval", "receipt", … */
  char *source;       /* "Bình Định, Điều 8.1" */
} ToaInfoKind;

typedef struct {
  gint64  site_id;
  char   *site_code;
  ToaRole role;
} ToaRoleGrant;

typedef struct {
  gint64    id;
  char     *login;        /* NULL for a contributor who never signs in */
  char     *full_name;
  char     *email;        /* may be NULL */
  gboolean  contributor;  /* cộng tác viên: receives royalties */
  char     *contract_no;  /* contributor contract, outsiders only; may be NULL */
  gboolean  active;
  GArray   *roles;        /* of ToaRoleGrant */
} ToaPerson;

typedef struct {
  gint64 id;
  gint64 article_id;
  int    number;          /* 1, 2, … per article */
  char  *title;
  char  *sapo;
  char  *body_html;
  gint64 author_id;
  char  *author_name;     /* filled by the store on read */
  gint64 created_at;
  char  *note;            /* may be NULL */
} ToaRevision;

typedef struct {
  gint64 id;
  gint64 article_id;
  gint64 person_id;
  char  *person_name;     /* filled by the store on read */
  char  *body;
  gint64 created_at;
  GArray *mentions;       /* of gint64 person ids named as @login in the body; may be NULL */
  char  *mention_names;   /* filled by the store on read: "Phạm Thị Thu Hà, Lý Thị Bích Trâm" */
} ToaComment;

/* One record of the append-only, hash-chained audit log (nhật ký hệ thống). */
typedef struct {
  gint64 seq;             /* 1, 2, … without gaps */
  gint64 at;
  gint64 actor_id;        /* 0 for the system */
  char  *action;          /* "article.create", "person.add", … */
  char  *object_type;     /* "article", "person", "site", … */
  gint64 object_id;
  char  *detail;          /* compact JSON */
  char  *prev_hash;       /* hex SHA-256 of the previous record, 64 zeros for the first */
  char  *hash;            /* hex SHA-256 over this record (toa_audit_record_hash) */
} ToaAuditRecord;

ToaSite        *toa_site_new (void);
void            toa_site_free (ToaSite *site);
ToaSection     *toa_section_new (void);
void            toa_section_free (ToaSection *section);
ToaUnit        *toa_unit_new (void);
void            toa_unit_free (ToaUnit *unit);
ToaGenre       *toa_genre_new (void);
void            toa_genre_free (ToaGenre *genre);
ToaInfoKind    *toa_info_kind_new (void);
/* What a deadline counts from, translated: "receipt" → "the day it is received", … */
const char     *toa_info_kind_basis_label (const char *basis);
void            toa_info_kind_free (ToaInfoKind *kind);
ToaPerson      *toa_person_new (void);
void            toa_person_free (ToaPerson *person);
/* A deep copy (identity, flags and roles). */
ToaPerson      *toa_person_copy (const ToaPerson *person);
void            toa_person_add_role (ToaPerson *person, gint64 site_id, const char *site_code, ToaRole role);
gboolean        toa_person_has_role (const ToaPerson *person, gint64 site_id, ToaRole role);
/* TRUE when @person is active and holds a role on @site_id that may write articles. */
gboolean        toa_person_may_write_articles (const ToaPerson *person, gint64 site_id);
/* "Thư ký Ban Biên tập (portal), Biên tập viên (so-y-te)" — translated labels. */
char           *toa_person_roles_text (const ToaPerson *person);
ToaRevision    *toa_revision_new (void);
void            toa_revision_free (ToaRevision *revision);
ToaComment     *toa_comment_new (void);
void            toa_comment_free (ToaComment *comment);
ToaAuditRecord *toa_audit_record_new (void);
void            toa_audit_record_free (ToaAuditRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaSite, toa_site_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaSection, toa_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaUnit, toa_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaGenre, toa_genre_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaInfoKind, toa_info_kind_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaPerson, toa_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaRevision, toa_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaComment, toa_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaAuditRecord, toa_audit_record_free)

G_END_DECLS
