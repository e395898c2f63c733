/* toa-role.h — the roles a person holds per site (vai trò), by stable code. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_ROLE_HEAD,             /* head — Trưởng ban */
  TOA_ROLE_STANDING_DEPUTY,  /* standing-deputy — Phó Trưởng ban thường trực */
  TOA_ROLE_DEPUTY,           /* deputy — Phó Trưởng ban */
  TOA_ROLE_SECRETARY,        /* secretary — Thư ký Ban Biên tập */
  TOA_ROLE_MEMBER,           /* member — Thành viên Ban Biên tập */
  TOA_ROLE_EDITOR,           /* editor — Biên tập viên (Tổ tiếp nhận, biên tập nội dung) */
  TOA_ROLE_TECHNICIAN,       /* technician — Kỹ thuật viên (Tổ quản trị kỹ thuật) */
  TOA_ROLE_ACCOUNTANT,       /* accountant — Kế toán */
  TOA_ROLE_ADMIN,            /* admin — Quản trị hệ thống */
  TOA_N_ROLES
} ToaRole;

const char *toa_role_code (ToaRole role);            /* "standing-deputy" */
const char *toa_role_label (ToaRole role);           /* translated: "Phó Trưởng ban thường trực" */
gboolean    toa_role_from_code (const char *code, ToaRole *out);

/* Roles that may create and edit articles (everyone on the board but the accountant). */
gboolean    toa_role_can_write_articles (ToaRole role);

G_END_DECLS
