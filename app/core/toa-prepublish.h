/* toa-prepublish.h — the pre-publish checks (kiểm tra trước khi xuất bản, issue 5 point 7):
 * shown live in the editor and enforced by the transitions that publish or schedule. Which
 * checks block and which only warn is the board's setting "prepublish_rules" (JSON with its
 * source, seeded by a migration, changed by the administrator, audited). The body's images
 * and links are found with an HTML5 parser (gumbo), never regular expressions. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

typedef enum {
  TOA_CHECK_OFF,
  TOA_CHECK_WARN,
  TOA_CHECK_BLOCK,
} ToaCheckSeverity;

/* The board setting holding the rules (board_settings.key). */
#define TOA_PREPUBLISH_RULES_KEY "prepublish_rules"

/* One problem found. @code: "title-missing", "title-too-long", "sapo-missing",
 * "section-missing", "genre-missing", "image-alt-missing", "link-empty", "link-scheme",
 * "attribution-missing", "not-nfc", "editor-markup". @message: translated, says what to fix
 * and where ("Ảnh thứ 3 chưa có chú thích thay thế (alt)"). Several results may share a code
 * (one per image, per link…). */
typedef struct {
  char             *code;
  ToaCheckSeverity  severity;
  char             *message;
} ToaCheckResult;

void toa_check_result_free (ToaCheckResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCheckResult, toa_check_result_free)

/* "block", "warn", "off". */
const char *toa_check_severity_to_string (ToaCheckSeverity severity);
/* FALSE (nothing set) for any other text. */
gboolean    toa_check_severity_from_string (const char *text, ToaCheckSeverity *out);
/* Every check code, in the order checks run (NULL-terminated, static). */
const char * const *toa_prepublish_codes (void);

/* The problems of @article as it is now (it need not be saved: the editor passes what is
 * typed), with the board's severities; checks set to "off" give nothing; an empty array when
 * all is well; NULL with @error only when the rules cannot be read. The article's fields
 * used: title, sapo, body_html, section_id, genre, source_unit_id (not 0 = the item comes
 * from a providing unit: it needs an attribution line), attribution. */
GPtrArray *toa_prepublish_check (ToaStore *store, const ToaArticle *article, GError **error);

/* TRUE when any result blocks. */
gboolean   toa_prepublish_blocks (const GPtrArray *results);

/* The problems as one message, one per line ("– " before each), the blocking ones only when
 * @blocking_only; for TOA_ERROR_INVALID and the CLI. "" when there are none. */
char      *toa_prepublish_describe (const GPtrArray *results, gboolean blocking_only);

/* What the publishing transitions call (toa-transitions.c): checks the stored article
 * @article_id; TOA_ERROR_INVALID "Item N cannot be published yet. Fix these first:" and the
 * blocking problems, one per line. TRUE when nothing blocks (warnings do not). */
gboolean   toa_prepublish_require (ToaStore *store, gint64 article_id, GError **error);

/* Reads/changes the board's rules: @code → severity. set: administrator only, audited
 * ("board.prepublish-rule" with the code, from and to). Unknown code: TOA_ERROR_NOT_FOUND. */
ToaCheckSeverity toa_prepublish_severity (ToaStore *store, const char *code, GError **error);
gboolean   toa_prepublish_set_severity (ToaStore *store, const ToaPerson *actor, const char *code,
                                        ToaCheckSeverity severity, GError **error);

/* One rule as the board set it, for the CLI and Settings. */
typedef struct {
  char             *code;
  ToaCheckSeverity  severity;
  char             *source;     /* the regulation or convention it follows; never NULL */
} ToaCheckRule;

void       toa_check_rule_free (ToaCheckRule *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCheckRule, toa_check_rule_free)

/* Every rule in toa_prepublish_codes() order (of ToaCheckRule). @source_out (may be NULL)
 * receives the rules' overall source, @title_max_out (may be NULL) the title limit. */
GPtrArray *toa_prepublish_rules (ToaStore *store, char **source_out, int *title_max_out,
                                 GError **error);

/* The title's length limit in characters (150 as seeded), for the editor's n/150 counter;
 * -1 with @error when the rules cannot be read. */
int        toa_prepublish_title_max (ToaStore *store, GError **error);

G_END_DECLS
