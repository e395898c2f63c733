/* toa-article-state.h — the states an article can be in (trạng thái tin bài).
 * The workflow issue makes transitions data; these codes are the states of the
 * Bình Phước 2024 process (seeds/000 Điều 10) that every preset maps onto. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_STATE_RECEIVED,          /* received — Tiếp nhận */
  TOA_STATE_DRAFT,             /* draft — Bản nháp */
  TOA_STATE_EDITING,           /* editing — Đang biên tập */
  TOA_STATE_SECRETARY_REVIEW,  /* secretary-review — Chờ Thư ký duyệt */
  TOA_STATE_DEPUTY_REVIEW,     /* deputy-review — Chờ Phó Trưởng ban duyệt */
  TOA_STATE_ESCALATED,         /* escalated — Xin ý kiến Trưởng ban */
  TOA_STATE_CHAIRMAN_OPINION,  /* chairman-opinion — Xin ý kiến Chủ tịch UBND tỉnh */
  TOA_STATE_SCHEDULED,         /* scheduled — Hẹn giờ xuất bản */
  TOA_STATE_PUBLISHED,         /* published — Đã xuất bản */
  TOA_STATE_RETURNED,          /* returned — Trả lại */
  TOA_STATE_REFUSED,           /* refused — Từ chối đăng */
  TOA_STATE_WITHDRAWN,         /* withdrawn — Gỡ bài */
  TOA_N_STATES
} ToaArticleState;

const char *toa_article_state_code (ToaArticleState state);
const char *toa_article_state_label (ToaArticleState state);   /* translated */
gboolean    toa_article_state_from_code (const char *code, ToaArticleState *out);
/* Label for a code, or the code itself when unknown. */
const char *toa_article_state_label_for_code (const char *code);

G_END_DECLS
