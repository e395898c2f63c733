/* test-editor-input.c — Vietnamese input methods in the article editor (issue 5 point 1), with
 * real key events sent to the X display by xdotool (XTEST), through GTK's input method
 * (GtkIMContextSimple: dead keys and compose sequences, the input method of a desktop without
 * IBus or Fcitx) into the editor body (a WebKitWebView) and the title entry (a GtkText):
 *   - every Vietnamese mark from dead keys, alone and stacked (ế, ộ, ẫ, ự, ẳ, ờ, Đ…), comes
 *     out as NFC (precomposed) text, in the body and in the title;
 *   - text in the middle of a composition (preedit) is never saved: neither the HTML pushed
 *     by the page nor the article the window would save holds a half-composed letter;
 *   - a Vietnamese sentence typed as keysyms (xdotool type) lands exactly;
 *   - Telex, as on a Vietnamese desktop: an IBus daemon of the test's own with the Unikey
 *     engine (ibus-unikey), GTK's IBus module: "Tieengs Vieetj…" becomes "Tiếng Việt…" in the
 *     body and the title, and the word Unikey keeps in preedit while it is typed is shown in
 *     the page but never pushed to C or saved (editor.js holds the document from before the
 *     composition until it ends).
 * Needs a display and xdotool (installed by ./run); skips without them; the Telex case skips
 * without ibus-daemon and ibus-unikey. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <webkit/webkit.h>

#include "toa-article-editor.h"
#include "toa-articles.h"
#include "toa-ui-test-util.h"

#ifdef TOA_TEST_X11
#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#define WINDOW_TITLE "Bộ gõ tiếng Việt 5713"

static char             *db_path;
static char             *journal_dir;
static ToaStore         *store;
static ToaApplication   *app;
static ToaPerson        *editor;
static ToaDraftJournal  *journal;
static ToaArticleEditor *self;

/* ---- keys through the X server ------------------------------------------------------------ */

/* The keyboard a Vietnamese writer has: every keysym the cases press is on a key of its own.
 * xdotool can press a keysym missing from the keyboard only by binding it to a spare key for
 * that one press and unbinding it at once; GTK reads the keyboard map after the change and
 * sees an empty key. So the keysyms are put on spare keys first (and taken off at the end),
 * as a Vietnamese layout would have them. */
#ifdef TOA_TEST_X11
typedef struct {
  int    keycode;
  KeySym before[8];   /* what the key had (restored at the end) */
  int    per;
} Borrowed;

static GArray *borrowed;   /* of Borrowed: the keys given a keysym */

static gboolean
is_borrowed (int keycode)
{
  for (guint i = 0; borrowed != NULL && i < borrowed->len; i++)
    if (g_array_index (borrowed, Borrowed, i).keycode == keycode)
      return TRUE;
  return FALSE;
}

/* A key for a new keysym: one with no keysym, else one of the multimedia keys (XF86…, which
 * keyboards mostly lack) above the standard keyboard's keycodes; -1 when none is left. */
static int
spare_key (const KeySym *map, int min, int max, int per)
{
  int media = -1;

  for (int code = max; code > 200; code--)
    {
      gboolean empty = TRUE, xf86 = TRUE;

      if (is_borrowed (code))
        continue;
      for (int l = 0; l < per; l++)
        {
          KeySym sym = map[(code - min) * per + l];

          empty = empty && sym == NoSymbol;
          xf86 = xf86 && (sym == NoSymbol || (sym & 0xffff0000) == 0x10080000);
        }
      if (empty)
        return code;
      if (xf86 && media < 0)
        media = code;
    }
  return media;
}

static void
keyboard_add (const guint *keysyms, guint n_keysyms)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *x;
  KeySym *map;
  int min = 0, max = 0, per = 0;

  if (!GDK_IS_X11_DISPLAY (display))
    return;
  x = gdk_x11_display_get_xdisplay (display);
  if (borrowed == NULL)
    {
      borrowed = g_array_new (FALSE, TRUE, sizeof (Borrowed));
      /* a key held long on a busy machine must not repeat */
      XAutoRepeatOff (x);
    }
  XDisplayKeycodes (x, &min, &max);
  map = XGetKeyboardMapping (x, (KeyCode) min, max - min + 1, &per);
  g_assert_cmpint (per, <=, 8);
  for (guint k = 0; k < n_keysyms; k++)
    {
      gboolean present = FALSE;
      Borrowed b = { 0 };

      for (int code = min; code <= max && !present; code++)
        for (int l = 0; l < per; l++)
          present = present || map[(code - min) * per + l] == keysyms[k];
      if (present)
        continue;
      b.keycode = spare_key (map, min, max, per);
      b.per = per;
      g_assert_cmpint (b.keycode, >, 0);
      for (int l = 0; l < per; l++)
        {
          b.before[l] = map[(b.keycode - min) * per + l];
          map[(b.keycode - min) * per + l] = keysyms[k];
        }
      XChangeKeyboardMapping (x, b.keycode, per, &map[(b.keycode - min) * per], 1);
      g_array_append_val (borrowed, b);
    }
  XSync (x, False);
  XFree (map);
  toa_ui_test_spin (300);   /* GTK reads the new map */
}

static void
keyboard_restore (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (borrowed == NULL || !GDK_IS_X11_DISPLAY (display))
    return;
  for (guint i = 0; i < borrowed->len; i++)
    {
      Borrowed *b = &g_array_index (borrowed, Borrowed, i);

      XChangeKeyboardMapping (gdk_x11_display_get_xdisplay (display), b->keycode, b->per, b->before, 1);
    }
  XAutoRepeatOn (gdk_x11_display_get_xdisplay (display));
  XSync (gdk_x11_display_get_xdisplay (display), False);
  g_clear_pointer (&borrowed, g_array_unref);
}
#endif

/* Puts the keysyms named in @keys (separated by spaces) and, with @text, the keysym of every
 * character of @text on the keyboard. */
static void
keyboard_prepare (const char *keys, const char *text)
{
#ifdef TOA_TEST_X11
  g_autoptr(GArray) syms = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) names = g_strsplit (keys != NULL ? keys : "", " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint sym = *names[i] != '\0' ? gdk_keyval_from_name (names[i]) : GDK_KEY_VoidSymbol;

      if (sym != GDK_KEY_VoidSymbol)
        g_array_append_val (syms, sym);
    }
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* xdotool's keysym for a character: Latin-1 as is, the rest Unicode keysyms */
      guint sym = c < 0x100 ? c : 0x01000000 | c;

      if (c > 0x7e)
        g_array_append_val (syms, sym);
    }
  keyboard_add ((const guint *) syms->data, syms->len);
#else
  (void) keys;
  (void) text;
#endif
}

static void
xdotool (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);
}

/* Presses the keys @keys (keysym names separated by spaces), one after the other, then lets
 * the window handle them. */
static void
press (const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "xdotool");
  g_ptr_array_add (args, (char *) "key");
  g_ptr_array_add (args, (char *) "--delay");
  g_ptr_array_add (args, (char *) "40");
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      g_ptr_array_add (args, names[i]);
  g_ptr_array_add (args, NULL);
  xdotool ((const char *const *) args->pdata);
  toa_ui_test_spin (150);
}

/* Types @text as keysyms (xdotool type: one key per character, each character its keysym). */
static void
type_keysyms (const char *text)
{
  const char *args[] = { "xdotool", "type", "--delay", "40", "--", text, NULL };

  xdotool (args);
  toa_ui_test_spin (200);
}

/* ---- the editor window ---------------------------------------------------------------------- */

typedef struct {
  gboolean  done;
  JSCValue *value;
  char     *text;
  GError   *error;
} Wait;

static void
js_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result,
                                                                       &wait->error);
  wait->done = TRUE;
}

static char *
run_js (const char *body)
{
  GtkWidget *web_view = toa_editor_view_get_web_view (toa_article_editor_get_editor_view (self));
  Wait wait = { 0 };
  char *out;

  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (web_view), body, -1, NULL, "toasoan",
                                                  NULL, NULL, js_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  out = jsc_value_to_string (wait.value);
  g_clear_object (&wait.value);
  return out;
}

static void
sync_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->text = toa_editor_view_sync_html_finish (TOA_EDITOR_VIEW (source), result, &wait->error);
  wait->done = TRUE;
}

/* The body's HTML asked of the page now. */
static char *
body_now (void)
{
  Wait wait = { 0 };

  toa_editor_view_sync_html (toa_article_editor_get_editor_view (self), NULL, sync_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  return wait.text;
}

/* How long keys may take to land: the machine running the tests may be busy. */
#define LAND_SECONDS 20

/* The body's HTML once it is @expected (the keys reach the web process asynchronously), or
 * what it is after LAND_SECONDS. */
static char *
body_when (const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + LAND_SECONDS * G_USEC_PER_SEC;
  char *html = body_now ();

  while (g_strcmp0 (html, expected) != 0 && g_get_monotonic_time () < deadline)
    {
      g_free (html);
      toa_ui_test_spin (50);
      html = body_now ();
    }
  return html;
}

/* The first widget named @name under @widget. */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
title_entry (void)
{
  GtkWidget *title = find_named (GTK_WIDGET (self), "title");

  g_assert_nonnull (title);
  return title;
}

/* The body becomes @html with the caret at its end and the keyboard focus in the page. */
static void
body_reset (const char *html)
{
  ToaEditorView *view = toa_article_editor_get_editor_view (self);
  g_autofree char *r = NULL;

  toa_editor_view_set_html (view, html);
  gtk_widget_grab_focus (toa_editor_view_get_web_view (view));
  r = run_js ("const d = document.getElementById('toa-doc'); d.focus();"
              "const s = getSelection(); s.selectAllChildren(d.lastElementChild || d); s.collapseToEnd();"
              "return 1;");
  g_assert_cmpstr (r, ==, "1");
  toa_ui_test_spin (100);
}

/* The title becomes @text with the caret at its end and the keyboard focus in it. */
static void
title_reset (const char *text)
{
  GtkWidget *title = title_entry ();

  gtk_editable_set_text (GTK_EDITABLE (title), text);
  gtk_widget_grab_focus (title);
  gtk_editable_set_position (GTK_EDITABLE (title), -1);
  toa_ui_test_spin (100);
}

/* The title's text once it is @expected, or what it is after LAND_SECONDS. */
static const char *
title_when (const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + LAND_SECONDS * G_USEC_PER_SEC;

  while (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (title_entry ())), expected) != 0
         && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  return gtk_editable_get_text (GTK_EDITABLE (title_entry ()));
}

static void
assert_nfc (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, nfc);
}

/* ---- cases -------------------------------------------------------------------------------------- */

/* Dead-key sequences and what GTK's compose table makes of them: stacked marks in either
 * order, and a dead key on a letter that has its first mark already (ecircumflex…). */
static const struct {
  const char *keys;
  const char *expected;
} dead_keys[] = {
  { "dead_acute a", "á" },
  { "dead_grave a", "à" },
  { "dead_hook a", "ả" },
  { "dead_tilde a", "ã" },
  { "dead_belowdot a", "ạ" },
  { "dead_circumflex a", "â" },
  { "dead_breve a", "ă" },
  { "dead_horn o", "ơ" },
  { "dead_horn u", "ư" },
  { "dead_stroke d", "đ" },
  { "dead_stroke D", "Đ" },
  { "dead_acute dead_circumflex e", "ế" },
  { "dead_acute dead_circumflex E", "Ế" },
  { "dead_circumflex dead_belowdot o", "ộ" },
  { "dead_belowdot dead_circumflex o", "ộ" },
  { "dead_tilde dead_circumflex a", "ẫ" },
  { "dead_belowdot dead_horn u", "ự" },
  { "dead_hook dead_breve a", "ẳ" },
  { "dead_grave dead_horn o", "ờ" },
  { "dead_circumflex dead_acute e", "ế" },
  { "dead_circumflex dead_tilde a", "ẫ" },
  { "dead_horn dead_belowdot u", "ự" },
  { "dead_breve dead_hook a", "ẳ" },
  { "dead_horn dead_grave o", "ờ" },
  { "dead_acute ecircumflex", "ế" },
  { "dead_belowdot ocircumflex", "ộ" },
  { "dead_tilde uhorn", "ữ" },
};

/* "Tiếng Việt có dấu, Đồng Xoài." with dead keys. */
#define SENTENCE_KEYS \
  "T i dead_acute dead_circumflex e n g space V i dead_belowdot dead_circumflex e t space " \
  "c dead_acute o space d dead_acute dead_circumflex a u comma space " \
  "dead_stroke D dead_grave dead_circumflex o n g space X o dead_grave a i period"
#define SENTENCE "Tiếng Việt có dấu, Đồng Xoài."

static char *x_window;   /* the editor's X window id (its title follows the title entry) */

static void
focus_window (void)
{
  if (x_window == NULL)
    {
      const char *search[] = { "xdotool", "search", "--sync", "--name", WINDOW_TITLE, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) search, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      x_window = g_strdup (g_strstrip (out));
      g_assert_cmpstr (x_window, !=, "");
      if (strchr (x_window, '\n') != NULL)
        *strchr (x_window, '\n') = '\0';
    }
  {
    const char *focus[] = { "xdotool", "windowfocus", "--sync", x_window, NULL };

    xdotool (focus);
  }
}

static gboolean
have_keys (void)
{
  g_autofree char *tool = g_find_program_in_path ("xdotool");

  if (tool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("xdotool and an X display are needed to send real key events");
      return FALSE;
    }
#ifndef TOA_TEST_X11
  g_test_skip ("Xlib (x11) is needed to put the keysyms on the keyboard");
  return FALSE;
#else
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("the keys are sent through an X display (GDK_BACKEND=x11)");
      return FALSE;
    }
  return TRUE;
#endif
}

static void
test_dead_keys_body (void)
{
  if (!have_keys ())
    return;
  focus_window ();
  for (guint i = 0; i < G_N_ELEMENTS (dead_keys); i++)
    keyboard_prepare (dead_keys[i].keys, NULL);
  keyboard_prepare (SENTENCE_KEYS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dead_keys); i++)
    {
      g_autofree char *html = NULL;
      g_autofree char *expected = g_strdup_printf ("<p>%s</p>", dead_keys[i].expected);

      g_test_message ("body: %s", dead_keys[i].keys);
      body_reset ("");
      press (dead_keys[i].keys);
      html = body_when (expected);
      g_assert_cmpstr (html, ==, expected);
      assert_nfc (html);
    }

  body_reset ("<p>Xin chào</p>");
  press ("space");
  press (SENTENCE_KEYS);
  {
    g_autofree char *html = body_when ("<p>Xin chào " SENTENCE "</p>");

    g_assert_cmpstr (html, ==, "<p>Xin chào " SENTENCE "</p>");
  }
}

static void
test_dead_keys_title (void)
{
  if (!have_keys ())
    return;
  focus_window ();
  for (guint i = 0; i < G_N_ELEMENTS (dead_keys); i++)
    keyboard_prepare (dead_keys[i].keys, NULL);
  keyboard_prepare (SENTENCE_KEYS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dead_keys); i++)
    {
      const char *text;

      g_test_message ("title: %s", dead_keys[i].keys);
      title_reset ("");
      press (dead_keys[i].keys);
      text = title_when (dead_keys[i].expected);
      g_assert_cmpstr (text, ==, dead_keys[i].expected);
      assert_nfc (text);
    }

  title_reset ("");
  press (SENTENCE_KEYS);
  g_assert_cmpstr (title_when (SENTENCE), ==, SENTENCE);
  {
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_assert_cmpstr (article->title, ==, SENTENCE);
  }
}

/* In the middle of a composition (a dead key pressed, its letter not yet), what the page
 * pushes to C, what the window would save and what the title holds have no half-made letter;
 * the letter arrives whole when the composition ends. */
static void
test_preedit_not_saved (void)
{
  ToaEditorView *view;

  if (!have_keys ())
    return;
  focus_window ();
  keyboard_prepare ("dead_acute dead_circumflex dead_belowdot", NULL);
  view = toa_article_editor_get_editor_view (self);

  body_reset ("<p>Xin chào</p>");
  press ("space");
  toa_ui_test_spin (600);    /* the space pushed (the page pushes ≤ 300 ms after a change) */
  g_assert_cmpstr (toa_editor_view_get_html (view), ==, "<p>Xin chào&nbsp;</p>");
  g_free (run_js ("window.toaTestComposition = [];"
                  "for (const t of ['compositionstart', 'compositionupdate', 'compositionend'])"
                  "  document.addEventListener(t, e => window.toaTestComposition.push(t + ':' + e.data));"
                  "return 1;"));
  press ("dead_acute dead_circumflex");
  toa_ui_test_spin (800);    /* longer than the page's push delay and the autosave's */
  {
    g_autofree char *events = run_js ("return window.toaTestComposition.join('|') + ' DOM:' +"
                                      " document.getElementById('toa-doc').innerHTML;");

    /* GTK's own input method keeps the marks waiting for their letter to itself: the page
     * gets no composition for them (seen: no composition event, the document unchanged), so
     * nothing half made reaches it; the Telex case below has real preedit in the page */
    g_test_message ("composition: %s", events);
  }
  {
    g_autofree char *now = body_now ();
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_test_message ("while composing, pushed: %s; asked: %s", toa_editor_view_get_html (view), now);
    g_assert_cmpstr (toa_editor_view_get_html (view), ==, "<p>Xin chào&nbsp;</p>");
    g_assert_cmpstr (now, ==, "<p>Xin chào&nbsp;</p>");
    g_assert_cmpstr (article->body_html, ==, "<p>Xin chào&nbsp;</p>");
  }
  press ("e");
  {
    g_autofree char *now = body_when ("<p>Xin chào ế</p>");

    g_assert_cmpstr (now, ==, "<p>Xin chào ế</p>");
  }
  toa_ui_test_spin (600);
  g_assert_cmpstr (toa_editor_view_get_html (view), ==, "<p>Xin chào ế</p>");

  title_reset ("Xin chào ");
  press ("dead_belowdot dead_circumflex");
  toa_ui_test_spin (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_entry ())), ==, "Xin chào ");
  {
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_assert_cmpstr (article->title, ==, "Xin chào ");
  }
  press ("o");
  g_assert_cmpstr (title_when ("Xin chào ộ"), ==, "Xin chào ộ");
}

#define TYPED "Người dân Bình Phước đổ ra đường: “Chúng tôi rất phấn khởi!” — ngày 23/11/2026."

/* A Vietnamese sentence typed as keysyms (each character its own keysym) lands exactly. */
static void
test_type_keysyms (void)
{
  if (!have_keys ())
    return;
  focus_window ();
  keyboard_prepare (NULL, TYPED);
  body_reset ("");
  type_keysyms (TYPED);
  {
    g_autofree char *html = body_when ("<p>" TYPED "</p>");

    g_assert_cmpstr (html, ==, "<p>" TYPED "</p>");
    assert_nfc (html);
  }
  title_reset ("");
  type_keysyms (TYPED);
  g_assert_cmpstr (title_when (TYPED), ==, TYPED);
}

/* ---- Telex through IBus and Unikey ----------------------------------------------------------- */

/* An IBus daemon of this test's own (its bus in a temporary directory), started at the top of
 * main when ibus-daemon and the Unikey engine are installed (./run installs ibus, ibus-gtk4
 * and ibus-unikey); GTK's input method is switched to it only for the Telex case. */
static GSubprocess *ibus_daemon;
static char        *ibus_dir;

#define UNIKEY_ENGINE "/usr/libexec/ibus-engine-unikey"

/* In the daemon before it runs: it ends with this test, even when the test aborts. */
static void
die_with_parent (gpointer user_data)
{
  (void) user_data;
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
ibus_start (void)
{
  g_autofree char *daemon = g_find_program_in_path ("ibus-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  if (daemon == NULL || !g_file_test (UNIKEY_ENGINE, G_FILE_TEST_IS_EXECUTABLE) || g_getenv ("DISPLAY") == NULL)
    return;
  ibus_dir = g_dir_make_tmp ("toa-input-ibus-XXXXXX", NULL);
  g_assert_nonnull (ibus_dir);
  address = g_strdup_printf ("unix:path=%s/bus", ibus_dir);
  config = g_build_filename (ibus_dir, "config", NULL);
  cache = g_build_filename (ibus_dir, "cache", NULL);
  /* GTK's IBus module reads the address when it first connects */
  g_setenv ("IBUS_ADDRESS", address, TRUE);
  /* IBus's GTK 4 module hands keys to the engine synchronously: in its default asynchronous
   * mode a key the engine gives back reaches WebKitGTK (2.50) after the key event is over,
   * and WebKit's gtk_event_controller_key_forward then fails its "current_event" check */
  g_setenv ("IBUS_ENABLE_SYNC_MODE", "1", TRUE);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  ibus_daemon = g_subprocess_launcher_spawn (launcher, &error, daemon, "--address", address, "--panel=disable",
                                             "--emoji-extension=disable", "--config=disable", "--cache=none", NULL);
  g_assert_no_error (error);
}

static void
ibus_stop (void)
{
  if (ibus_daemon != NULL)
    {
      g_subprocess_send_signal (ibus_daemon, SIGTERM);
      g_subprocess_wait (ibus_daemon, NULL, NULL);
      g_clear_object (&ibus_daemon);
    }
  if (ibus_dir != NULL)
    {
      const char *rm[] = { "rm", "-rf", ibus_dir, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      g_clear_pointer (&ibus_dir, g_free);
    }
}

/* `ibus engine Unikey` against our daemon, once the daemon lists the engine. */
static gboolean
ibus_use_unikey (void)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      const char *set[] = { "ibus", "engine", "Unikey", NULL };
      const char *get[] = { "ibus", "engine", NULL };
      g_autofree char *out = NULL;

      /* (it also runs setxkbmap for the engine's layout, which fails under Xvfb: harmless) */
      g_spawn_sync (NULL, (char **) set, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                    | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      if (g_spawn_sync (NULL, (char **) get, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, NULL, NULL)
          && out != NULL && g_str_equal (g_strstrip (out), "Unikey"))
        return TRUE;
      toa_ui_test_spin (200);
    }
  return FALSE;
}

static void
set_im_module (const char *module)
{
  g_object_set (gtk_settings_get_default (), "gtk-im-module", module, NULL);
  toa_ui_test_spin (300);
}

/* Telex as typed on a Vietnamese desktop: IBus with the Unikey engine. Unikey keeps the word
 * being typed as preedit and commits it at a space or punctuation. */
#define TELEX_KEYS "T i e e n g s space V i e e t j space c o s space d a a u s comma space " \
  "D D o o n g f space X o a i f period"

static void
test_telex_ibus (void)
{
  ToaEditorView *view;

  if (!have_keys ())
    return;
  if (ibus_daemon == NULL)
    {
      g_test_skip ("ibus-daemon and ibus-unikey (Debian packages ibus, ibus-gtk4, ibus-unikey) are needed for Telex");
      return;
    }
  g_assert_true (ibus_use_unikey ());
  set_im_module ("ibus");
  focus_window ();
  keyboard_prepare (TELEX_KEYS, NULL);
  view = toa_article_editor_get_editor_view (self);

  body_reset ("<p>Xin chào</p>");
  press ("space");
  toa_ui_test_spin (600);
  g_free (run_js ("window.toaTestComposition = [];"
                  "for (const t of ['compositionstart', 'compositionupdate', 'compositionend'])"
                  "  document.addEventListener(t, e => window.toaTestComposition.push(t + ':' + e.data));"
                  "return 1;"));
  /* a word half typed: in preedit, not yet in the document */
  press ("V i e e");
  toa_ui_test_spin (800);
  {
    g_autofree char *events = run_js ("return window.toaTestComposition.join('|') + ' DOM:' +"
                                      " document.getElementById('toa-doc').innerHTML;");
    g_autofree char *now = body_now ();
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_test_message ("Telex composition: %s; pushed: %s; asked: %s", events, toa_editor_view_get_html (view), now);
    /* the word is there, as preedit: shown in the page… */
    g_assert_nonnull (strstr (events, "compositionupdate:Viê"));
    g_assert_nonnull (strstr (events, "DOM:<p>Xin chào Viê</p>"));
    /* …but not pushed, asked or saved */
    g_assert_cmpstr (toa_editor_view_get_html (view), ==, "<p>Xin chào&nbsp;</p>");
    g_assert_cmpstr (now, ==, "<p>Xin chào&nbsp;</p>");
    g_assert_cmpstr (article->body_html, ==, "<p>Xin chào&nbsp;</p>");
  }
  press ("t j space");
  {
    g_autofree char *html = body_when ("<p>Xin chào Việt&nbsp;</p>");

    g_assert_cmpstr (html, ==, "<p>Xin chào Việt&nbsp;</p>");
  }
  /* undo takes the word away whole: the pause in the middle of the composition (longer than
   * the page's typing pause) did not make the preedit an undo step of its own */
  g_assert_true (toa_editor_view_run (view, "undo", NULL));
  {
    g_autofree char *html = body_now ();

    g_assert_cmpstr (html, ==, "<p>Xin chào&nbsp;</p>");
  }
  /* the same with the word begun at once after the space (the typing run of the space still
   * open when the composition starts, and ending in its middle) */
  body_reset ("<p>Xin chào</p>");
  press ("space V i e e");
  toa_ui_test_spin (1500);
  press ("t j space");
  {
    g_autofree char *html = body_when ("<p>Xin chào Việt&nbsp;</p>");

    g_assert_cmpstr (html, ==, "<p>Xin chào Việt&nbsp;</p>");
  }
  /* undo: the word, then the space; no step holds a half-typed word (Viê, Viêt, Việt as preedit) */
  g_assert_true (toa_editor_view_run (view, "undo", NULL));
  {
    g_autofree char *html = body_now ();

    g_assert_cmpstr (html, ==, "<p>Xin chào&nbsp;</p>");
  }
  g_assert_true (toa_editor_view_run (view, "undo", NULL));
  {
    g_autofree char *html = body_now ();

    g_assert_cmpstr (html, ==, "<p>Xin chào</p>");
  }
  g_assert_true (toa_editor_view_run (view, "redo", NULL));
  g_assert_true (toa_editor_view_run (view, "redo", NULL));
  {
    g_autofree char *html = body_now ();

    g_assert_cmpstr (html, ==, "<p>Xin chào Việt&nbsp;</p>");
  }

  body_reset ("");
  press (TELEX_KEYS);
  {
    g_autofree char *html = body_when ("<p>" SENTENCE "</p>");

    g_assert_cmpstr (html, ==, "<p>" SENTENCE "</p>");
    assert_nfc (html);
  }

  /* the title: the word in preedit is not in the text until committed */
  title_reset ("Xin chào ");
  press ("V i e e");
  toa_ui_test_spin (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_entry ())), ==, "Xin chào ");
  {
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_assert_cmpstr (article->title, ==, "Xin chào ");
  }
  press ("t j space");
  g_assert_cmpstr (title_when ("Xin chào Việt "), ==, "Xin chào Việt ");

  title_reset ("");
  press (TELEX_KEYS);
  g_assert_cmpstr (title_when (SENTENCE), ==, SENTENCE);
  {
    g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

    g_assert_cmpstr (article->title, ==, SENTENCE);
  }
  set_im_module ("gtk-im-context-simple");
}

int
main (int argc, char *argv[])
{
  int status;

  ibus_start ();
  if (!toa_ui_test_init (&argc, &argv, "test-editor-input"))
    {
      ibus_stop ();
      return 77;   /* meson's "skipped" */
    }

  /* WebKit makes its data directories from the program's name (not a path) */
  g_set_prgname ("toasoan-test-editor-input");

  db_path = toa_ui_test_temp_database ("input");
  journal_dir = g_dir_make_tmp ("toa-input-drafts-XXXXXX", NULL);
  g_assert_nonnull (journal_dir);
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  editor = toa_ui_test_add_person (store, "i-editor", "Lê Thị Gõ Phím", "editor");
  app = toa_ui_test_application ();
  /* GTK's own input method (dead keys, compose) unless a case asks for another */
  set_im_module ("gtk-im-context-simple");
  journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ToaArticle) article = NULL;
    ToaArticleDraft draft = {
      .section_code = "tin-tuc-su-kien", .genre = "tin", .title = WINDOW_TITLE,
      .sapo = "Gõ tiếng Việt bằng phím chết và bằng keysym.", .body_html = "<p>Xin chào</p>", .body_len = -1,
    };
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    article = toa_articles_create (store, editor, &draft, &error);
    g_assert_no_error (error);
    self = TOA_ARTICLE_EDITOR (toa_article_editor_new (NULL, store, editor, article->id, journal));
    gtk_window_set_title (GTK_WINDOW (self), WINDOW_TITLE);
    gtk_window_present (GTK_WINDOW (self));
    while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
      toa_ui_test_spin (20);
    g_assert_true (toa_article_editor_get_ready (self));
    toa_ui_test_spin (300);
  }

  g_test_add_func ("/ui/editor-input/dead-keys-body", test_dead_keys_body);
  g_test_add_func ("/ui/editor-input/dead-keys-title", test_dead_keys_title);
  g_test_add_func ("/ui/editor-input/preedit-not-saved", test_preedit_not_saved);
  g_test_add_func ("/ui/editor-input/type-keysyms", test_type_keysyms);
  g_test_add_func ("/ui/editor-input/telex-ibus", test_telex_ibus);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
#ifdef TOA_TEST_X11
  keyboard_restore ();
#endif
  ibus_stop ();
  g_clear_object (&journal);
  g_clear_object (&app);
  toa_person_free (editor);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  {
    g_autoptr(GDir) dir = g_dir_open (journal_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (journal_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (journal_dir);
  }
  g_free (journal_dir);
  g_free (db_path);
  g_free (x_window);
  return status;
}
