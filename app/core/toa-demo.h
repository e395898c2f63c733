/* toa-demo.h — the demo board (dữ liệu mẫu): a province portal, 3 component sites,
 * 12 sections, 20 people covering every role, 300 articles over the last 18 months in
 * every state, written by the project in Vietnamese: headings, lists and a quote in every
 * body, tags, authors with shares, attribution lines, six photos painted in code, and a
 * proofreading trail in the revisions. Reproducible: same seed, same data. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* The demo province portal's name (the demo board is in Bình Phước, as in the seeds). */
#define TOA_DEMO_PORTAL_NAME "Cổng Thông tin điện tử tỉnh Bình Phước"

/* The password every demo account has (printed by `init --demo`). */
#define TOA_DEMO_PASSWORD "toasoan2026"

/* Fills an initialised, empty store. @now_usec anchors "the last 18 months" (0 = now). */
gboolean toa_demo_populate (ToaStore *store, gint64 now_usec, GError **error);

/* Synthetic Vietnamese text for demo data and the benchmark, from @rand:
 * a headline of 8–16 words, a sapo of 25–50 words, a body of @paragraphs paragraphs (from
 * three: a list and a quote; from four: headings too). */
char *toa_demo_title (GRand *rand);
char *toa_demo_sapo (GRand *rand);
char *toa_demo_body_html (GRand *rand, guint paragraphs);

G_END_DECLS
