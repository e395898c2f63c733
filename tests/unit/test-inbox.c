/* test-inbox.c — the approval inbox: for a person of each role and an item in each state
 * (plain and designed genres), "waiting" lists exactly the items the person's roles may act
 * on, computed here independently from the workflow's JSON; a delegation adds items for the
 * delegatee only within its date range; "overdue", "sent", "all", search and paging; the
 * filters by site, section, genre, step and deadline, alone and combined with search and
 * with each list, against the unfiltered list filtered here; unknown codes are INVALID. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"
#include "toa-transitions.h"

static const char *const role_codes[] = {
  "head", "standing-deputy", "deputy", "secretary", "member", "editor", "technician",
  "accountant", "admin",
};
static const char *const genres[] = { "tin", "infographic" };   /* plain, designed */

typedef struct {
  gint64 id;
  char  *state;
  gboolean designed;
} Item;

typedef struct {
  char      *dir;
  ToaStore  *store;
  ToaPerson *people[G_N_ELEMENTS (role_codes)];
  GArray    *items;        /* of Item */
  JsonNode  *definition;   /* binh-phuoc-2024.json, parsed here */
  GDate      today;
} Fixture;

static ToaPerson *
who (Fixture *f, const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    if (g_str_equal (role_codes[i], role))
      return f->people[i];
  g_assert_not_reached ();
}

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->state);
}

static gboolean
member_has (JsonObject *object, const char *member, const char *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    return g_strcmp0 (json_node_get_string (node), value) == 0;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    if (g_strcmp0 (json_array_get_string_element (json_node_get_array (node), i), value) == 0)
      return TRUE;
  return FALSE;
}

/* From the JSON alone: is @state an end state? */
static gboolean
is_end (Fixture *f, const char *state)
{
  JsonArray *states = json_object_get_array_member (json_node_get_object (f->definition), "states");

  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonObject *s = json_array_get_object_element (states, i);

      if (g_str_equal (json_object_get_string_member (s, "code"), state))
        return json_object_get_boolean_member_with_default (s, "end", FALSE);
    }
  return FALSE;
}

/* From the JSON alone: may @role take some transition from @state on an item of this kind? */
static gboolean
role_may_act (Fixture *f, const char *role, const char *state, gboolean designed)
{
  JsonArray *transitions = json_object_get_array_member (json_node_get_object (f->definition), "transitions");

  if (is_end (f, state))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (transitions); i++)
    {
      JsonObject *t = json_array_get_object_element (transitions, i);

      if (json_object_get_boolean_member_with_default (t, "designed_only", FALSE) && !designed)
        continue;
      if (json_object_get_boolean_member_with_default (t, "not_designed", FALSE) && designed)
        continue;
      if (member_has (t, "from", state) && member_has (t, "roles", role))
        return TRUE;
    }
  return FALSE;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) news = toa_section_new ();
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  JsonArray *states;

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  portal = toa_store_site_find (f->store, "portal", &error);
  g_assert_no_error (error);
  news->site_id = portal->id;
  news->code = g_strdup ("tin-tuc-su-kien");
  news->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (f->store, news, &error));
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("r-%s", role_codes[i]);
      ToaRoleGrant grant;

      g_assert_true (toa_people_parse_role (f->store, role_codes[i], &grant, &error));
      g_array_append_val (grants, grant);
      f->people[i] = toa_people_add (f->store, 0, login, login, NULL, FALSE, NULL, grants, NULL, &error);
      g_assert_no_error (error);
    }

  json = g_resources_lookup_data ("/io/github/toasoan/ToaSoan/workflows/binh-phuoc-2024.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), &error));
  f->definition = json_node_copy (json_parser_get_root (parser));

  /* an item in every state of the workflow, of a plain and of a designed genre */
  f->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (f->items, item_clear);
  states = json_object_get_array_member (json_node_get_object (f->definition), "states");
  for (guint i = 0; i < json_array_get_length (states); i++)
    for (guint g = 0; g < G_N_ELEMENTS (genres); g++)
      {
        const char *state = json_object_get_string_member (json_array_get_object_element (states, i), "code");
        g_autofree char *title = g_strdup_printf ("Tin số %u %s %s", i, genres[g], state);
        ToaArticleDraft draft = {
          .section_code = "tin-tuc-su-kien", .genre = genres[g], .title = title,
        };
        g_autoptr(ToaArticle) article = toa_articles_create (f->store, who (f, "editor"), &draft, &error);
        Item item = { 0 };

        g_assert_no_error (error);
        g_free (article->state);
        article->state = g_strdup (state);
        g_assert_true (toa_store_article_update (f->store, article, &error));
        g_assert_no_error (error);
        item.id = article->id;
        item.state = g_strdup (state);
        item.designed = g == 1;
        g_array_append_val (f->items, item);
      }
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 25, 11, 2026);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    g_clear_pointer (&f->people[i], toa_person_free);
  g_clear_pointer (&f->items, g_array_unref);
  g_clear_pointer (&f->definition, json_node_unref);
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
inbox (Fixture *f, const char *role, ToaInboxWhich which, const char *text, const GDate *today)
{
  g_autoptr(GError) error = NULL;
  ToaInboxRequest request = { which, text, 0, 1000, today != NULL ? today : &f->today };
  GPtrArray *items = toa_inbox_list (f->store, who (f, role), &request, &error);

  g_assert_no_error (error);
  return items;
}

static gboolean
lists (GPtrArray *items, gint64 id)
{
  for (guint i = 0; i < items->len; i++)
    if (((ToaInboxItem *) items->pdata[i])->article->id == id)
      return TRUE;
  return FALSE;
}

static void
test_waiting_by_role (Fixture *f, gconstpointer data)
{
  for (guint r = 0; r < G_N_ELEMENTS (role_codes); r++)
    {
      g_autoptr(GPtrArray) items = inbox (f, role_codes[r], TOA_INBOX_WAITING, NULL, NULL);
      guint expected = 0;

      for (guint i = 0; i < f->items->len; i++)
        {
          const Item *item = &g_array_index (f->items, Item, i);
          gboolean want = role_may_act (f, role_codes[r], item->state, item->designed);

          if (want != lists (items, item->id))
            g_error ("%s: item in %s (%s) %s", role_codes[r], item->state,
                     item->designed ? "designed" : "plain", want ? "missing" : "listed wrongly");
          expected += want;
        }
      g_assert_cmpuint (items->len, ==, expected);
      g_test_message ("%s waits on %u items", role_codes[r], expected);
      if (g_str_equal (role_codes[r], "editor") || g_str_equal (role_codes[r], "secretary")
          || g_str_equal (role_codes[r], "standing-deputy") || g_str_equal (role_codes[r], "head"))
        g_assert_cmpuint (expected, >, 0);
    }

  /* the row: step, holder, received date, comment count */
  {
    g_autoptr(GPtrArray) items = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(ToaComment) comment = NULL;
    g_autoptr(GPtrArray) again = NULL;
    ToaInboxItem *row = NULL;

    for (guint i = 0; i < items->len; i++)
      if (g_str_equal (((ToaInboxItem *) items->pdata[i])->article->state, "secretary-review"))
        row = items->pdata[i];
    g_assert_nonnull (row);
    g_assert_cmpstr (row->step_label, ==, "Bước 2");
    g_assert_cmpstr (row->state_name, ==, "Chờ Thư ký duyệt");
    g_assert_true (g_strv_contains ((const char * const *) row->holder_roles, "secretary"));
    g_assert_cmpuint (g_strv_length (row->holder_roles), ==, 1);
    g_assert_nonnull (row->received_on);
    g_assert_cmpint (row->comment_count, ==, 0);
    comment = toa_articles_comment (f->store, who (f, "secretary"), row->article->id, "Sửa tít", &error);
    g_assert_no_error (error);
    again = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, NULL);
    for (guint i = 0; i < again->len; i++)
      if (((ToaInboxItem *) again->pdata[i])->article->id == row->article->id)
        g_assert_cmpint (((ToaInboxItem *) again->pdata[i])->comment_count, ==, 1);
  }
}

static void
test_delegation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *actions[] = { "publish", NULL };
  g_autoptr(ToaDelegation) d = NULL;
  GDate before, during, last, after;
  gint64 deputy_item = 0;

  for (guint i = 0; i < f->items->len; i++)
    if (g_str_equal (g_array_index (f->items, Item, i).state, "deputy-review"))
      deputy_item = g_array_index (f->items, Item, i).id;
  g_assert_cmpint (deputy_item, >, 0);

  d = toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                          NULL, actions, "2026-12-01", "2026-12-10", &error);
  g_assert_no_error (error);
  g_date_clear (&before, 1);
  g_date_set_dmy (&before, 30, 11, 2026);
  during = before;
  g_date_add_days (&during, 5);
  last = before;
  g_date_add_days (&last, 10);
  after = before;
  g_date_add_days (&after, 11);

  {
    g_autoptr(GPtrArray) a = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, &before);
    g_autoptr(GPtrArray) b = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, &during);
    g_autoptr(GPtrArray) c = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, &last);
    g_autoptr(GPtrArray) e = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, &after);
    g_autoptr(GPtrArray) editor = inbox (f, "editor", TOA_INBOX_WAITING, NULL, &during);

    g_assert_false (lists (a, deputy_item));
    g_assert_true (lists (b, deputy_item));
    g_assert_true (lists (c, deputy_item));
    g_assert_false (lists (e, deputy_item));
    g_assert_false (lists (editor, deputy_item));
    /* "publish" leaves deputy-review and scheduled: those, for both genres, and nothing else */
    g_assert_cmpuint (b->len, ==, a->len + 4);
    for (guint i = 0; i < b->len; i++)
      {
        const char *state = ((ToaInboxItem *) b->pdata[i])->article->state;

        g_assert_true (g_str_equal (state, "secretary-review") || g_str_equal (state, "deputy-review")
                       || g_str_equal (state, "scheduled"));
      }
  }
}

static void
test_overdue_sent_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 late = 0, soon = 0, draft_plain = 0;
  ToaTransitionRequest request = { 0 };
  ToaTransitionResult result = { 0 };

  for (guint i = 0; i < f->items->len; i++)
    {
      const Item *item = &g_array_index (f->items, Item, i);

      if (g_str_equal (item->state, "editing") && !item->designed)
        late = item->id;
      if (g_str_equal (item->state, "received") && !item->designed)
        soon = item->id;
      if (g_str_equal (item->state, "draft") && !item->designed)
        draft_plain = item->id;
    }
  g_assert_true (toa_store_article_deadline_set (f->store, late, "2026-11-20", &error));
  g_assert_true (toa_store_article_deadline_set (f->store, soon, "2026-11-25", &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) overdue = inbox (f, "editor", TOA_INBOX_OVERDUE, NULL, NULL);
    g_autoptr(GPtrArray) waiting = inbox (f, "editor", TOA_INBOX_WAITING, NULL, NULL);
    const ToaInboxItem *first = waiting->pdata[0];
    const ToaInboxItem *second = waiting->pdata[1];

    g_assert_cmpuint (overdue->len, ==, 1);
    g_assert_cmpint (((ToaInboxItem *) overdue->pdata[0])->article->id, ==, late);
    /* ordered by deadline: the late one first, then the one due today */
    g_assert_cmpint (first->article->id, ==, late);
    g_assert_true (first->has_deadline);
    g_assert_cmpint (first->days_left, ==, -3);   /* Fri 20/11 → Wed 25/11: 3 working days late */
    g_assert_cmpint (second->article->id, ==, soon);
    g_assert_cmpint (second->days_left, ==, 0);
    g_assert_false (((ToaInboxItem *) waiting->pdata[2])->has_deadline);
    /* the secretary is not concerned */
    {
      g_autoptr(GPtrArray) none = inbox (f, "secretary", TOA_INBOX_OVERDUE, NULL, NULL);
      g_assert_cmpuint (none->len, ==, 0);
    }
  }

  /* the editor sends the draft on: it leaves their waiting list and enters "sent" */
  request.article_id = draft_plain;
  request.transition = "forward";
  g_assert_true (toa_transitions_do (f->store, who (f, "editor"), &request, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  {
    g_autoptr(GPtrArray) sent = inbox (f, "editor", TOA_INBOX_SENT, NULL, NULL);
    g_autoptr(GPtrArray) waiting = inbox (f, "editor", TOA_INBOX_WAITING, NULL, NULL);
    g_autoptr(GPtrArray) secretary = inbox (f, "secretary", TOA_INBOX_WAITING, NULL, NULL);
    g_autoptr(GPtrArray) other = inbox (f, "secretary", TOA_INBOX_SENT, NULL, NULL);

    g_assert_cmpuint (sent->len, ==, 1);
    g_assert_cmpint (((ToaInboxItem *) sent->pdata[0])->article->id, ==, draft_plain);
    g_assert_false (lists (waiting, draft_plain));
    g_assert_true (lists (secretary, draft_plain));
    g_assert_cmpuint (other->len, ==, 0);
  }

  /* all: every item not in an end state, for anyone with a role on the site */
  {
    g_autoptr(GPtrArray) all = inbox (f, "accountant", TOA_INBOX_ALL, NULL, NULL);
    guint open = 0;

    for (guint i = 0; i < f->items->len; i++)
      open += !is_end (f, g_array_index (f->items, Item, i).state);
    g_assert_cmpuint (all->len, ==, open);
  }
}

static void
test_search_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = inbox (f, "editor", TOA_INBOX_WAITING, NULL, NULL);
  g_autoptr(GPtrArray) found = inbox (f, "editor", TOA_INBOX_WAITING, "infographic editing", NULL);
  g_autoptr(GPtrArray) nothing = inbox (f, "editor", TOA_INBOX_WAITING, "khongcotu", NULL);
  g_autoptr(GError) error = NULL;
  ToaInboxRequest request = { TOA_INBOX_WAITING, NULL, 1, 2, &f->today };
  g_autoptr(GPtrArray) page = toa_inbox_list (f->store, who (f, "editor"), &request, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((ToaInboxItem *) found->pdata[0])->article->state, ==, "editing");
  g_assert_cmpstr (((ToaInboxItem *) found->pdata[0])->article->genre, ==, "infographic");
  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_cmpuint (all->len, >=, 3);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((ToaInboxItem *) page->pdata[0])->article->id, ==,
                   ((ToaInboxItem *) all->pdata[1])->article->id);
  g_assert_cmpint (((ToaInboxItem *) page->pdata[1])->article->id, ==,
                   ((ToaInboxItem *) all->pdata[2])->article->id);
}

/* ---- filters ------------------------------------------------------------------------ */

typedef struct {
  const char  *site, *section, *genre, *state;
  ToaInboxDue  due;
  guint        due_days;
} Filter;

static gint64 kinh_te_id;   /* the second section on the portal */

static gboolean
row_passes (const ToaInboxItem *item, const Filter *filter)
{
  const ToaArticle *a = item->article;

  if (filter->site != NULL && g_strcmp0 (a->site_code, filter->site) != 0)
    return FALSE;
  if (filter->section != NULL && a->section_id != kinh_te_id)
    return FALSE;
  if (filter->genre != NULL && g_strcmp0 (a->genre, filter->genre) != 0)
    return FALSE;
  if (filter->state != NULL && g_strcmp0 (a->state, filter->state) != 0)
    return FALSE;
  switch (filter->due)
    {
    case TOA_INBOX_DUE_OVERDUE:
      return item->has_deadline && item->days_left < 0;
    case TOA_INBOX_DUE_TODAY:
      return item->has_deadline && item->days_left == 0;
    case TOA_INBOX_DUE_WITHIN:
      return item->has_deadline && item->days_left >= 0 && item->days_left <= (int) filter->due_days;
    case TOA_INBOX_DUE_ANY:
    default:
      return TRUE;
    }
}

static GPtrArray *
inbox_filtered (Fixture *f, ToaPerson *person, ToaInboxWhich which, const char *text,
                const Filter *filter, GError **error)
{
  ToaInboxRequest request = {
    .which = which, .text = text, .limit = 1000, .today = &f->today,
    .site = filter->site, .section = filter->section, .genre = filter->genre, .state = filter->state,
    .due = filter->due, .due_days = filter->due_days,
  };

  return toa_inbox_list (f->store, person, &request, error);
}

/* The filtered list is exactly the unfiltered one (same list, same search) with the rows
 * that pass the filter, in the same order. Returns how many rows. */
static guint
check_filter (Fixture *f, ToaPerson *person, ToaInboxWhich which, const char *text, const Filter *filter)
{
  static const Filter none = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = inbox_filtered (f, person, which, text, &none, &error);
  g_autoptr(GPtrArray) got = NULL;
  guint k = 0;

  g_assert_no_error (error);
  got = inbox_filtered (f, person, which, text, filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (row_passes (all->pdata[i], filter))
      {
        g_assert_cmpuint (k, <, got->len);
        g_assert_cmpint (((ToaInboxItem *) got->pdata[k])->article->id, ==,
                         ((ToaInboxItem *) all->pdata[i])->article->id);
        k++;
      }
  g_assert_cmpuint (k, ==, got->len);
  return k;
}

static gint64
add_item (Fixture *f, const char *site, const char *section, const char *genre, const char *state,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = { .site_code = site, .section_code = section, .genre = genre, .title = title };
  /* the secretary is the one with a role on both sites */
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, who (f, "secretary"), &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  static const char *const deadlines[] = {
    "2026-11-20", "2026-11-25", "2026-11-27", "2026-12-02", "2026-12-03", "2026-12-20", NULL,
  };
  const Filter filters[] = {
    { .site = "portal" }, { .site = "binh-long" }, { .section = "kinh-te" },
    { .genre = "tin" }, { .genre = "infographic" },
    { .state = "secretary-review" }, { .state = "published" },
    { .due = TOA_INBOX_DUE_OVERDUE }, { .due = TOA_INBOX_DUE_TODAY },
    { .due = TOA_INBOX_DUE_WITHIN, .due_days = TOA_INBOX_DUE_WEEK_DAYS },
    { .due = TOA_INBOX_DUE_WITHIN, .due_days = 2 },
    { .genre = "tin", .state = "secretary-review", .due = TOA_INBOX_DUE_WITHIN, .due_days = 5 },
    { .site = "portal", .section = "kinh-te", .genre = "tin" },
  };
  const char *texts[] = { NULL, "infographic", "Kinh" };
  const char *people[] = { "secretary", "standing-deputy", "editor" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (f->store, "portal", &error);
  g_autoptr(ToaSite) binh_long = toa_site_new ();
  g_autoptr(ToaSection) kinh_te = toa_section_new ();
  g_autoptr(ToaSection) bl_news = toa_section_new ();
  ToaTransitionRequest request = { 0 };
  ToaTransitionResult result = { 0 };
  ToaRoleGrant grant;
  gint64 published = 0, draft_plain = 0, bl_item;
  guint secretary_index = 0;

  /* a second section on the portal and a second site the secretary also works on */
  kinh_te->site_id = portal->id;
  kinh_te->code = g_strdup ("kinh-te");
  kinh_te->name = g_strdup ("Kinh tế");
  g_assert_true (toa_store_section_add (f->store, kinh_te, &error));
  kinh_te_id = kinh_te->id;
  binh_long->code = g_strdup ("binh-long");
  binh_long->name = g_strdup ("Trang TTĐT thị xã Bình Long");
  binh_long->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (f->store, binh_long, &error));
  bl_news->site_id = binh_long->id;
  bl_news->code = g_strdup ("tin-binh-long");
  bl_news->name = g_strdup ("Tin Bình Long");
  g_assert_true (toa_store_section_add (f->store, bl_news, &error));
  g_assert_no_error (error);
  g_assert_true (toa_people_parse_role (f->store, "secretary@binh-long", &grant, &error));
  g_assert_true (toa_store_role_grant (f->store, who (f, "secretary")->id, binh_long->id, grant.role, &error));
  g_free (grant.site_code);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    if (g_str_equal (role_codes[i], "secretary"))
      secretary_index = i;
  {
    ToaPerson *again = toa_store_person_get (f->store, f->people[secretary_index]->id, &error);

    g_assert_no_error (error);
    toa_person_free (f->people[secretary_index]);
    f->people[secretary_index] = again;
  }
  add_item (f, "portal", "kinh-te", "tin", "secretary-review", "Kinh tế quý ba");
  add_item (f, "portal", "kinh-te", "infographic", "secretary-review", "Kinh tế đồ hoạ");
  bl_item = add_item (f, "binh-long", "tin-binh-long", "tin", "secretary-review", "Bình Long mùa điều");

  /* deadlines around Wed 25/11/2026: overdue, today, +2, +5, +6 working days, later, none */
  for (guint i = 0; i < f->items->len; i++)
    {
      const Item *item = &g_array_index (f->items, Item, i);
      const char *deadline = deadlines[i % G_N_ELEMENTS (deadlines)];

      if (deadline != NULL)
        g_assert_true (toa_store_article_deadline_set (f->store, item->id, deadline, &error));
      if (g_str_equal (item->state, "published") && !item->designed)
        published = item->id;
      if (g_str_equal (item->state, "draft") && !item->designed)
        draft_plain = item->id;
    }
  g_assert_no_error (error);

  /* a pending approval request (the secretary withdraws a published item) and an item
   * the editor sent on */
  request.article_id = published;
  request.transition = "withdraw";
  request.comment = "Sai tên đơn vị";
  g_assert_true (toa_transitions_do (f->store, who (f, "secretary"), &request, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.request_id, >, 0);
  toa_transition_result_clear (&result);
  request = (ToaTransitionRequest) { .article_id = draft_plain, .transition = "forward" };
  g_assert_true (toa_transitions_do (f->store, who (f, "editor"), &request, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    for (guint w = TOA_INBOX_WAITING; w <= TOA_INBOX_ALL; w++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
          check_filter (f, who (f, people[p]), (ToaInboxWhich) w, texts[t], &filters[i]);

  /* the checks are not empty: each filter finds something where it should */
  {
    ToaPerson *secretary = who (f, "secretary");
    ToaPerson *deputy = who (f, "standing-deputy");
    g_autoptr(GPtrArray) bl = NULL;

    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_WAITING, NULL, &filters[1]), ==, 1);
    bl = inbox_filtered (f, secretary, TOA_INBOX_WAITING, NULL, &filters[1], &error);
    g_assert_cmpint (((ToaInboxItem *) bl->pdata[0])->article->id, ==, bl_item);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_WAITING, NULL, &filters[0]), >, 1);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_WAITING, NULL, &filters[2]), ==, 2);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_WAITING, "Kinh", &filters[12]), ==, 1);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_ALL, NULL, &filters[3]), >, 0);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_ALL, "infographic", &filters[4]), >, 0);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_ALL, "infographic", &filters[3]), ==, 0);
    for (guint i = 7; i <= 10; i++)
      g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_ALL, NULL, &filters[i]), >, 0);
    /* the week holds today and +2 and +5 working days, not +6 */
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_ALL, NULL, &filters[9]), >,
                      check_filter (f, secretary, TOA_INBOX_ALL, NULL, &filters[10]));
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_OVERDUE, NULL, &filters[7]), >, 0);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_OVERDUE, NULL, &filters[8]), ==, 0);
    /* the pending request: waiting for the deputy with its step and genre, sent by the secretary */
    g_assert_cmpuint (check_filter (f, deputy, TOA_INBOX_WAITING, NULL, &filters[6]), ==, 1);
    g_assert_cmpuint (check_filter (f, deputy, TOA_INBOX_WAITING, "Tin", &filters[3]), >, 0);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_SENT, NULL, &filters[6]), ==, 1);
    g_assert_cmpuint (check_filter (f, secretary, TOA_INBOX_SENT, NULL, &filters[4]), ==, 0);
    g_assert_cmpuint (check_filter (f, who (f, "editor"), TOA_INBOX_SENT, NULL, &filters[3]), ==, 1);
  }
}

static void
test_filter_unknown_codes (Fixture *f, gconstpointer data)
{
  const Filter wrong[] = {
    { .site = "khong-co" }, { .section = "khong-co" }, { .genre = "khong-co" }, { .state = "khong-co" },
    { .site = "portal", .section = "tin-binh-long" },
  };
  const char *options[] = { "--site", "--section", "--genre", "--state", "--section" };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = inbox_filtered (f, who (f, "secretary"), TOA_INBOX_WAITING, NULL,
                                                   &wrong[i], &error);

      g_assert_null (items);
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, options[i]));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/inbox/waiting-by-role", test_waiting_by_role);
  ADD ("/inbox/delegation", test_delegation);
  ADD ("/inbox/overdue-sent-all", test_overdue_sent_all);
  ADD ("/inbox/search-paging", test_search_paging);
  ADD ("/inbox/filters", test_filters);
  ADD ("/inbox/filter-unknown-codes", test_filter_unknown_codes);
  return g_test_run ();
}
