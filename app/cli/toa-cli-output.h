/* toa-cli-output.h — what toasoan-cli prints: UTF-8 text as is (never converted to the
 * locale's charset), aligned columns, one pretty JSON document, and errors. */
#pragma once

#include <json-glib/json-glib.h>

#include "toa-cli.h"

G_BEGIN_DECLS

/* Writes UTF-8 text to stdout unchanged. */
void toa_cli_print (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Writes one JSON document (pretty, UTF-8) and a newline to stdout. Takes @node. */
void toa_cli_print_json (JsonNode *node);
/* Text: "toasoan-cli: message" on stderr. JSON: {"error": {"code", "message"}} on stdout. */
void toa_cli_print_error (ToaCli *cli, const GError *error);
/* "invalid", "not-found", "permission", …, or "usage" for G_OPTION_ERROR. */
const char *toa_cli_error_code_name (const GError *error);

/* Columns in the terminal a UTF-8 string takes (wide characters 2, combining marks 0). */
guint toa_cli_text_width (const char *text);

/* A table printed with aligned columns; headers may be NULL (key/value lists). */
typedef struct _ToaCliTable ToaCliTable;

ToaCliTable *toa_cli_table_new (guint n_columns, const char * const *headers);
/* Adds a row of exactly n_columns cells (copied; NULL prints as empty). */
void         toa_cli_table_add (ToaCliTable *table, ...);
void         toa_cli_table_print (ToaCliTable *table);
void         toa_cli_table_free (ToaCliTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCliTable, toa_cli_table_free)

/* ISO 8601 UTC ("2026-03-01T08:30:00Z") of µs since the epoch; NULL for 0. */
char *toa_cli_iso8601 (gint64 utc_usec);
/* "100 %" or "33,33 %" of basis points. */
char *toa_cli_share_text (int share_bp);

/* JSON of the model (toa-model.h, toa-article.h). */
JsonNode *toa_cli_json_site (const ToaSite *site);
JsonNode *toa_cli_json_section (const ToaSection *section);
JsonNode *toa_cli_json_unit (const ToaUnit *unit);
JsonNode *toa_cli_json_genre (const ToaGenre *genre);
JsonNode *toa_cli_json_info_kind (const ToaInfoKind *kind);
JsonNode *toa_cli_json_person (const ToaPerson *person);
JsonNode *toa_cli_json_article (const ToaArticle *article, gboolean with_body);
JsonNode *toa_cli_json_revision (const ToaRevision *revision);
JsonNode *toa_cli_json_comment (const ToaComment *comment);
/* {"@member": @array}; takes @array. */
JsonNode *toa_cli_json_wrap (const char *member, JsonArray *array);

G_END_DECLS
