/* toa-demo-private.h — what the demo board (toa-demo.c) takes from the text generator
 * (toa-demo-text.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE with probability @p. */
gboolean toa_demo_chance (GRand *r, double p);
/* Titles of a decision (Văn bản) and of a notice (Thông báo). */
char    *toa_demo_decision_title (GRand *r);
char    *toa_demo_notice_title (GRand *r);
/* An English headline, and English text of @sentences sentences (<p>…</p> when @html). */
char    *toa_demo_english_title (GRand *r);
char    *toa_demo_english_text (GRand *r, guint sentences, gboolean html);

G_END_DECLS
