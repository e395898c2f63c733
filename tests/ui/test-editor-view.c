/* test-editor-view.c — scripted editing of the article body (ToaEditorView) under Xvfb, in
 * the manner of Evolution's HTML editor unit tests: each case is a sequence of steps — type,
 * move or extend the selection, run a command, paste through the real clipboard, undo, redo —
 * checked against the HTML the page gives back. Also: pasted Word, LibreOffice and browser
 * HTML comes out sanitised; links with other schemes are refused; tables; find and replace;
 * the formatting state pushed to C; the editor's script world is invisible to the page and
 * scripts in markup never run. Needs a display (xvfb-run); skips without one.
 *
 * Steps, one per line:
 *   type:TEXT          typing (insertText at the caret, as an input method commits it)
 *   enter              a new paragraph
 *   back:N / left:N    extend the selection / move the caret N characters backwards
 *   right:N            move the caret N characters forwards
 *   word-back          extend the selection one word backwards
 *   start / end        caret to the start / end of the document
 *   all                select the whole document
 *   action:CMD[=VALUE] toa_editor_view_run, which must accept it
 *   refuse:CMD[=VALUE] toa_editor_view_run, which must refuse it
 *   undo / redo        the editor's undo and redo
 *   paste:HTML         HTML on the clipboard (text/html), then WebKit's Paste command
 *   expect:HTML        the document's HTML now */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "toa-articles.h"
#include "toa-editor-view.h"
#include "toa-images.h"
#include "toa-ui-test-util.h"
#include "toa-uri-scheme.h"

#ifndef TOA_SOURCE_DIR
#define TOA_SOURCE_DIR "."
#endif

static GtkWindow     *window;
static ToaEditorView *view;

/* ---- talking to the page ---------------------------------------------------------------- */

typedef struct {
  gboolean  done;
  JSCValue *value;
  char     *text;
  guint     count;
  GError   *error;
} Wait;

static void
js_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source),
                                                                       result, &wait->error);
  wait->done = TRUE;
}

/* Runs @body with the argument "text" = @text in @world (NULL: the page's own); returns its
 * value as a string ("" for undefined/null). */
static char *
js_in (const char *world, const char *body, const char *text)
{
  Wait wait = { 0 };
  GVariantBuilder builder;
  char *result;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text != NULL ? text : ""));
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (view)),
                                                  body, -1, g_variant_builder_end (&builder), world,
                                                  NULL, NULL, js_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  result = jsc_value_is_undefined (wait.value) || jsc_value_is_null (wait.value)
           ? g_strdup ("") : jsc_value_to_string (wait.value);
  g_object_unref (wait.value);
  return result;
}

static char *
js (const char *body, const char *text)
{
  return js_in ("toasoan", body, text);
}

static void
sync_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->text = toa_editor_view_sync_html_finish (TOA_EDITOR_VIEW (source), result, &wait->error);
  wait->done = TRUE;
}

static char *
html_now (void)
{
  Wait wait = { 0 };

  toa_editor_view_sync_html (view, NULL, sync_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  return wait.text;
}

/* Waits for the page to have done everything asked so far (calls run in order). */
static void
barrier (void)
{
  g_free (js ("return 1;", NULL));
}

static void
set_html (const char *html)
{
  toa_editor_view_set_html (view, html);
  barrier ();
}

/* The clipboard holds @html (and its text), then WebKit pastes it; waits until the document
 * changed (the page sends the clipboard's HTML to C, which sends it back sanitised). */
static void
paste_html (const char *html)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GBytes) html_bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GBytes) text_bytes = g_bytes_new_static ("(plain text)", 12);
  GdkContentProvider *providers[2] = {
    gdk_content_provider_new_for_bytes ("text/html", html_bytes),
    gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes),
  };
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_union (providers, 2);
  g_autofree char *before = html_now ();
  gint64 deadline;

  gdk_clipboard_set_content (clipboard, provider);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  webkit_web_view_execute_editing_command (WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (view)),
                                           WEBKIT_EDITING_COMMAND_PASTE);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *now = NULL;

      toa_ui_test_spin (50);
      now = html_now ();
      if (g_strcmp0 (now, before) != 0)
        return;
    }
  g_assert_not_reached ();
}

static gboolean
run_command (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, "=", 2);
  gboolean ok = toa_editor_view_run (view, parts[0], parts[1]);

  barrier ();
  return ok;
}

static void
move (const char *alter, const char *direction, const char *granularity, int times)
{
  g_autofree char *body = g_strdup_printf ("for (let i = 0; i < %d; i++) getSelection().modify('%s', '%s', '%s');"
                                           " return 1;", times, alter, direction, granularity);
  g_free (js (body, NULL));
}

static void
run_steps (const char *steps)
{
  g_auto(GStrv) lines = g_strsplit (steps, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0')
        continue;
      g_test_message ("step: %s", line);
      if (g_str_has_prefix (line, "type:"))
        g_free (js ("document.execCommand('insertText', false, text); return 1;", line + 5));
      else if (g_str_equal (line, "enter"))
        g_free (js ("document.execCommand('insertParagraph'); return 1;", NULL));
      else if (g_str_has_prefix (line, "back:"))
        move ("extend", "backward", "character", atoi (line + 5));
      else if (g_str_has_prefix (line, "left:"))
        move ("move", "backward", "character", atoi (line + 5));
      else if (g_str_has_prefix (line, "right:"))
        move ("move", "forward", "character", atoi (line + 6));
      else if (g_str_equal (line, "word-back"))
        move ("extend", "backward", "word", 1);
      else if (g_str_equal (line, "start"))
        move ("move", "backward", "documentboundary", 1);
      else if (g_str_equal (line, "end"))
        move ("move", "forward", "documentboundary", 1);
      else if (g_str_equal (line, "all"))
        g_free (js ("const r = document.createRange(); r.selectNodeContents(document.getElementById('toa-doc'));"
                    " getSelection().removeAllRanges(); getSelection().addRange(r); return 1;", NULL));
      else if (g_str_has_prefix (line, "action:"))
        g_assert_true (run_command (line + 7));
      else if (g_str_has_prefix (line, "refuse:"))
        g_assert_false (run_command (line + 7));
      else if (g_str_equal (line, "undo") || g_str_equal (line, "redo"))
        g_assert_true (run_command (line));
      else if (g_str_has_prefix (line, "js:"))
        g_free (js (line + 3, NULL));
      else if (g_str_has_prefix (line, "paste:"))
        paste_html (line + 6);
      else if (g_str_has_prefix (line, "expect:"))
        {
          g_autofree char *html = html_now ();
          g_assert_cmpstr (html, ==, line + 7);
        }
      else
        g_error ("unknown step “%s”", line);
    }
}

/* Each case starts from an empty document with the caret in its paragraph. */
static void
fresh (void)
{
  set_html ("");
  g_assert_cmpstr (toa_editor_view_get_html (view), ==, "");
}

/* ---- cases -------------------------------------------------------------------------------- */

static void
test_type_and_format (void)
{
  fresh ();
  run_steps ("type:Xin chào\n"
             "expect:<p>Xin chào</p>\n"
             "action:bold\n"
             "type: Bình Phước\n"
             "expect:<p>Xin chào<b> Bình Phước</b></p>\n"
             "action:bold\n"
             "type:!\n"
             "expect:<p>Xin chào<b> Bình Phước</b>!</p>\n");

  /* select a word typed earlier and make it italic, then underlined */
  fresh ();
  run_steps ("type:Tòa soạn điện tử\n"
             "back:7\n"
             "action:italic\n"
             "expect:<p>Tòa soạn <i>điện tử</i></p>\n"
             "action:underline\n"
             "expect:<p>Tòa soạn <i><u>điện tử</u></i></p>\n"
             "action:clear-format\n"
             "expect:<p>Tòa soạn điện tử</p>\n");

  /* everything selected and typed over, or deleted: typing goes on in the first block, as in
   * a word processor */
  set_html ("<h2>Cũ</h2><p>cũ <b>nữa</b></p>");
  run_steps ("all\n"
             "type:Mới\n"
             "expect:<h2>Mới</h2>\n"
             "all\n"
             "js:document.execCommand('delete'); return 1;\n"
             "type:Lại\n"
             "expect:<h2>Lại</h2>\n"
             "undo\n"
             "expect:<h2>Mới</h2>\n"
             "undo\n"
             "expect:<h2>Cũ</h2><p>cũ <b>nữa</b></p>\n");

  /* moving the caret ends a run of typing: each run is undone by itself */
  fresh ();
  run_steps ("type:Hà Nội\n"
             "left:3\n"
             "type:X\n"
             "right:3\n"
             "type:!\n"
             "expect:<p>Hà XNội!</p>\n"
             "undo\n"
             "expect:<p>Hà XNội</p>\n"
             "undo\n"
             "expect:<p>Hà Nội</p>\n"
             "undo\n"
             "expect:\n");
}

/* The widget actions "editor.*" run the same commands (the toolbar binds to them). */
static void
test_actions (void)
{
  fresh ();
  run_steps ("type:Đậm\n"
             "back:3\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "editor.bold", NULL));
  barrier ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "editor.link", "s", "https://binhphuoc.gov.vn/"));
  barrier ();
  run_steps ("expect:<p><b><a href=\"https://binhphuoc.gov.vn/\">Đậm</a></b></p>\n");
  toa_ui_test_spin (100);
  g_assert_true (toa_editor_view_get_state (view)->can_undo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "editor.undo", NULL));
  barrier ();
  run_steps ("expect:<p><b>Đậm</b></p>\n");
  toa_ui_test_spin (100);
  g_assert_true (toa_editor_view_get_state (view)->can_redo);
}

static void
test_blocks (void)
{
  fresh ();
  run_steps ("type:Tin tức\n"
             "action:heading-2\n"
             "expect:<h2>Tin tức</h2>\n"
             "action:heading-3\n"
             "expect:<h3>Tin tức</h3>\n"
             "action:heading-4\n"
             "expect:<h4>Tin tức</h4>\n"
             "action:paragraph\n"
             "expect:<p>Tin tức</p>\n");

  fresh ();
  run_steps ("type:Một\n"
             "action:bulleted-list\n"
             "enter\n"
             "type:Hai\n"
             "expect:<ul><li>Một</li><li>Hai</li></ul>\n"
             "action:numbered-list\n"
             "expect:<ol><li>Một</li><li>Hai</li></ol>\n");

  fresh ();
  run_steps ("type:Lời dẫn\n"
             "action:quote\n"
             "expect:<blockquote>Lời dẫn</blockquote>\n"
             "action:quote\n"
             "expect:<p>Lời dẫn</p>\n"
             "action:rule\n"
             "expect:<p>Lời dẫn</p><hr><p><br></p>\n"
             "type:Tiếp\n"
             "expect:<p>Lời dẫn</p><hr><p>Tiếp</p>\n");
}

static void
test_undo_redo (void)
{
  fresh ();
  run_steps ("type:Một\n"
             "action:bold\n"
             "type:Hai\n"
             "expect:<p>Một<b>Hai</b></p>\n"
             "undo\n"
             "expect:<p>Một</p>\n"
             "undo\n"
             "expect:\n"
             "redo\n"
             "expect:<p>Một</p>\n"
             "redo\n"
             "expect:<p>Một<b>Hai</b></p>\n");

  /* the state tells what can be undone */
  barrier ();
  toa_ui_test_spin (50);
  g_assert_true (toa_editor_view_get_state (view)->can_undo);
  g_assert_false (toa_editor_view_get_state (view)->can_redo);

  /* a heading, a table and a paste are each one step */
  fresh ();
  run_steps ("type:Tiêu đề\n"
             "action:heading-2\n"
             "action:table-insert=1x2\n"
             "paste:<p>dán <b>vào</b></p>\n"
             "undo\n"
             "undo\n"
             "expect:<h2>Tiêu đề</h2>\n"
             "undo\n"
             "expect:<p>Tiêu đề</p>\n");

  /* WebKit's own Undo (the context menu's, the key binding's) runs ours: a table edit,
   * which WebKit's history never saw, is undone too */
  set_html ("<table><tbody><tr><td>ô</td></tr></tbody></table><p>sau</p>");
  g_free (js ("getSelection().collapse(document.querySelector('#toa-doc td').firstChild, 1); return 1;", NULL));
  run_steps ("type:!\n"
             "action:table-row-add\n"
             "expect:<table><tbody><tr><td>ô!</td></tr><tr><td><br></td></tr></tbody></table><p>sau</p>\n");
  g_free (js_in (NULL, "document.execCommand('undo'); return 1;", NULL));
  run_steps ("expect:<table><tbody><tr><td>ô!</td></tr></tbody></table><p>sau</p>\n");
  g_free (js_in (NULL, "document.execCommand('undo'); return 1;", NULL));
  run_steps ("expect:<table><tbody><tr><td>ô</td></tr></tbody></table><p>sau</p>\n");
  g_free (js_in (NULL, "document.execCommand('redo'); return 1;", NULL));
  run_steps ("expect:<table><tbody><tr><td>ô!</td></tr></tbody></table><p>sau</p>\n");

  /* undo after set_html has nothing to undo */
  set_html ("<p>Đã lưu</p>");
  run_steps ("undo\n"
             "expect:<p>Đã lưu</p>\n");
}

static void
test_links (void)
{
  fresh ();
  run_steps ("type:Cổng thông tin\n"
             "back:9\n"
             "action:link=https://binhphuoc.gov.vn/\n"
             "expect:<p>Cổng <a href=\"https://binhphuoc.gov.vn/\">thông tin</a></p>\n"
             "refuse:link=javascript:alert(1)\n"
             "refuse:link=vbscript:msgbox\n"
             "refuse:link=data:text/html,<script>alert(1)</script>\n"
             "refuse:link=ftp://example.org/\n"
             "refuse:link=\n"
             "expect:<p>Cổng <a href=\"https://binhphuoc.gov.vn/\">thông tin</a></p>\n");

  toa_ui_test_spin (50);
  g_assert_true (toa_editor_view_get_state (view)->in_link);
  g_assert_cmpstr (toa_editor_view_get_state (view)->link_href, ==, "https://binhphuoc.gov.vn/");

  run_steps ("action:link=mailto:toasoan@binhphuoc.gov.vn\n"
             "expect:<p>Cổng <a href=\"mailto:toasoan@binhphuoc.gov.vn\">thông tin</a></p>\n"
             "action:unlink\n"
             "expect:<p>Cổng thông tin</p>\n");

  /* a pasted link with another scheme loses its href */
  fresh ();
  run_steps ("paste:<p><a href=\"javascript:alert(1)\">bấm</a> và <a href=\"tel:+842713879000\">gọi</a></p>\n"
             "expect:<p>bấm và <a href=\"tel:+842713879000\">gọi</a></p>\n");
}

static void
test_tables (void)
{
  fresh ();
  run_steps ("action:table-insert=2x2\n"
             "type:A1\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td></tr><tr><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "action:table-row-add\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td></tr><tr><td><br></td><td><br></td></tr>"
             "<tr><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "action:table-column-add\n"
             "type:B\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td><td><br></td></tr>"
             "<tr><td><br></td><td>B</td><td><br></td></tr>"
             "<tr><td><br></td><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "action:table-column-remove\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td></tr><tr><td><br></td><td><br></td></tr>"
             "<tr><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "action:table-row-remove\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td></tr>"
             "<tr><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "undo\n"
             "undo\n"
             "expect:<table><tbody><tr><td>A1</td><td><br></td><td><br></td></tr>"
             "<tr><td><br></td><td>B</td><td><br></td></tr>"
             "<tr><td><br></td><td><br></td><td><br></td></tr></tbody></table><p><br></p>\n"
             "action:table-row-remove\n"
             "action:table-row-remove\n"
             "action:table-row-remove\n"
             "expect:\n");

  /* table commands outside a table do nothing */
  set_html ("<p>Không có bảng</p>");
  run_steps ("action:table-row-add\n"
             "expect:<p>Không có bảng</p>\n");
}

static void
test_paste_sanitised (void)
{
  static const char *const files[] = { "word-2016.html", "libreoffice-7.html",
                                       "chrome-clipboard.html", "firefox-clipboard.html" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (TOA_SOURCE_DIR, "tests", "data", "paste", files[i], NULL);
      g_autofree char *html = NULL;
      g_autofree char *result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("pasting %s", files[i]);
      g_assert_true (g_file_get_contents (path, &html, NULL, &error));
      g_assert_no_error (error);
      fresh ();
      paste_html (html);
      result = html_now ();
      g_assert_cmpuint (strlen (result), >, 20);
      g_assert_null (strstr (result, "<script"));
      g_assert_null (strstr (result, "style="));
      g_assert_null (strstr (result, "<style"));
      g_assert_null (strstr (result, "mso"));
      g_assert_null (strstr (result, "<o:p"));
      g_assert_null (strstr (result, "<!--"));
      g_assert_null (strstr (result, " on"));
      g_assert_null (strstr (result, "<meta"));
      g_assert_null (strstr (result, "<font"));
      g_assert_null (strstr (result, "javascript:"));
      /* the structure survives */
      g_assert_nonnull (strstr (result, "<p"));
      g_test_message ("%s → %s", files[i], result);
    }

  /* something hostile, pasted */
  fresh ();
  run_steps ("paste:<p onclick=\"x()\">An <img src=x onerror=alert(1)>toàn<script>alert(1)</script>"
             "<iframe src=\"https://evil.example/\"></iframe></p>\n"
             "expect:<p>An toàn</p>\n");
}

/* An image on the clipboard is announced as "image-pasted" (PNG bytes) for the caller to
 * store; nothing is inserted until it calls toa_editor_view_insert_image. */
static void
on_image_pasted (ToaEditorView *editor, GBytes *data, const char *name, gpointer user_data)
{
  GBytes **out = user_data;

  g_assert_cmpstr (name, ==, "clipboard.png");
  *out = g_bytes_ref (data);
}

static void
test_paste_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GBytes *pasted = NULL;
  gint64 deadline;
  gulong id;

  fresh ();
  gdk_pixbuf_fill (pixbuf, 0xc01c28ff);
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  id = g_signal_connect (view, "image-pasted", G_CALLBACK (on_image_pasted), &pasted);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (view)), texture);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  webkit_web_view_execute_editing_command (WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (view)),
                                           WEBKIT_EDITING_COMMAND_PASTE);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (pasted == NULL && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_signal_handler_disconnect (view, id);
  g_assert_nonnull (pasted);

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, pasted, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 30);
  g_bytes_unref (pasted);
  toa_ui_test_spin (100);
  run_steps ("expect:\n");
}

typedef struct {
  gboolean done;
  guint    count;
} CountWait;

static void
count_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CountWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->count = toa_editor_view_replace_all_finish (TOA_EDITOR_VIEW (source), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

static guint
replace_all (const char *text, const char *replacement)
{
  CountWait wait = { 0 };

  toa_editor_view_replace_all (view, text, replacement, NULL, count_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  return wait.count;
}

static void
test_find_replace (void)
{
  g_autofree char *selected = NULL;

  set_html ("<p>Bình Phước, <b>Bình</b> Dương</p><p>Đồng Nai và Bình Thuận</p>");
  run_steps ("start\n");
  toa_editor_view_find (view, "Bình", FALSE);
  barrier ();
  selected = js ("return getSelection().toString();", NULL);
  g_assert_cmpstr (selected, ==, "Bình");

  /* replace the selected match; the next one is selected */
  toa_editor_view_replace (view, "Bình", "BÌNH");
  barrier ();
  run_steps ("expect:<p>BÌNH Phước, <b>Bình</b> Dương</p><p>Đồng Nai và Bình Thuận</p>\n");
  g_clear_pointer (&selected, g_free);
  selected = js ("return getSelection().anchorNode.parentElement.localName;", NULL);
  g_assert_cmpstr (selected, ==, "b");

  /* diacritics matter: "Binh" finds nothing; replace all is one undo step */
  g_assert_cmpuint (replace_all ("Binh", "X"), ==, 0);
  g_assert_cmpuint (replace_all ("Bình", "Bình "), ==, 2);
  run_steps ("expect:<p>BÌNH Phước, <b>Bình </b> Dương</p><p>Đồng Nai và Bình  Thuận</p>\n"
             "undo\n"
             "expect:<p>BÌNH Phước, <b>Bình</b> Dương</p><p>Đồng Nai và Bình Thuận</p>\n");
}

static void
test_replace_all_count (void)
{
  set_html ("<p>hà nội, Hà Nội, hà nội</p>");
  g_assert_cmpuint (replace_all ("hà nội", "Hà Nội"), ==, 2);
  run_steps ("expect:<p>Hà Nội, Hà Nội, Hà Nội</p>\n");
}

static void
test_state (void)
{
  const ToaEditorState *state;

  set_html ("<h2>Tiêu đề</h2><p>Đoạn <b>đậm</b> và <i>nghiêng</i></p>"
            "<table><tbody><tr><td>ô</td></tr></tbody></table><ul><li>mục</li></ul>");
  run_steps ("start\n");
  toa_ui_test_spin (100);
  state = toa_editor_view_get_state (view);
  g_assert_cmpstr (state->block, ==, "h2");
  g_assert_false (state->bold);

  g_free (js ("const b = document.querySelector('#toa-doc b').firstChild;"
              " getSelection().collapse(b, 2); return 1;", NULL));
  toa_ui_test_spin (100);
  barrier ();
  state = toa_editor_view_get_state (view);
  g_assert_cmpstr (state->block, ==, "p");
  g_assert_true (state->bold);
  g_assert_false (state->italic);

  g_free (js ("getSelection().collapse(document.querySelector('#toa-doc i').firstChild, 1); return 1;", NULL));
  toa_ui_test_spin (100);
  barrier ();
  state = toa_editor_view_get_state (view);
  g_assert_false (state->bold);
  g_assert_true (state->italic);

  g_free (js ("getSelection().collapse(document.querySelector('#toa-doc td').firstChild, 0); return 1;", NULL));
  toa_ui_test_spin (100);
  barrier ();
  state = toa_editor_view_get_state (view);
  g_assert_cmpstr (state->block, ==, "table");
  g_assert_true (state->in_table);

  g_free (js ("getSelection().collapse(document.querySelector('#toa-doc li').firstChild, 0); return 1;", NULL));
  toa_ui_test_spin (100);
  barrier ();
  state = toa_editor_view_get_state (view);
  g_assert_cmpstr (state->block, ==, "ul");
  g_assert_false (state->in_table);
}

static void
test_counts (void)
{
  g_autofree char *html = NULL;

  set_html ("<p>Bình Phước đẩy mạnh</p><p>chuyển đổi số.</p>");
  html = html_now ();
  g_assert_cmpstr (html, ==, "<p>Bình Phước đẩy mạnh</p><p>chuyển đổi số.</p>");
  g_assert_cmpuint (toa_editor_view_get_word_count (view), ==, 7);
  /* "Bình Phước đẩy mạnh" 19 + "chuyển đổi số." 14 */
  g_assert_cmpuint (toa_editor_view_get_char_count (view), ==, 33);
}

static void
test_image (void)
{
  static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  fresh ();
  g_assert_false (toa_editor_view_insert_image (view, sha, "  ", "Chú thích", "Ảnh: TTXVN", 800, 600));
  g_assert_false (toa_editor_view_insert_image (view, "../etc/passwd", "ảnh", NULL, NULL, 1, 1));
  g_assert_true (toa_editor_view_insert_image (view, sha, "Cầu \"Sài Gòn\"", "Chú thích <1>", "Ảnh: TTXVN",
                                               800, 600));
  barrier ();
  run_steps ("expect:<figure class=\"toa-image\"><img src=\"toasoan://media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" "
             "alt=\"Cầu &quot;Sài Gòn&quot;\" width=\"800\" height=\"600\"><figcaption><span class=\"toa-caption\">"
             "Chú thích &lt;1&gt;</span> <span class=\"toa-credit\">Ảnh: TTXVN</span></figcaption></figure><p><br></p>\n"
             "undo\n"
             "expect:\n");
}

static void
test_isolation (void)
{
  g_autofree char *seen = NULL;
  g_autofree char *handler = NULL;
  g_autofree char *title = NULL;

  /* the page's own world sees neither our functions nor our message handler */
  seen = js_in (NULL, "return typeof window.toa;", NULL);
  g_assert_cmpstr (seen, ==, "undefined");
  handler = js_in (NULL, "return String(!!(window.webkit && window.webkit.messageHandlers &&"
                         " window.webkit.messageHandlers.toa));", NULL);
  g_assert_cmpstr (handler, ==, "false");

  /* scripts in markup never run, even if they reached the document */
  set_html ("<p>a</p><img src=\"toasoan://media/none\" onerror=\"document.title='pwned'\">"
            "<script>document.title='pwned'</script>");
  toa_ui_test_spin (300);
  title = js_in (NULL, "return document.title;", NULL);
  g_assert_cmpstr (title, ==, "Tòa soạn");
}

/* The scheme serves stored images and thumbnails from the store the window supplies, and
 * only the editor's and preview's own files: nothing else of the program's resources. */
static ToaStore *
scheme_store (gpointer user_data)
{
  return user_data;
}

static int
image_width (const char *src)
{
  g_autofree char *body = g_strdup_printf ("return new Promise(function (resolve) {"
                                           " const img = new Image();"
                                           " img.onload = function () { resolve(img.naturalWidth); };"
                                           " img.onerror = function () { resolve(-1); };"
                                           " img.src = '%s'; });", src);
  g_autofree char *width = js (body, NULL);

  return atoi (width);
}

static char *
fetch_status (const char *url)
{
  return js ("return fetch(text).then(function (r) { return r.ok ? 'ok ' + r.headers.get('Content-Type')"
             " : 'status ' + r.status; }, function () { return 'refused'; });", url);
}

static void
test_scheme (void)
{
  g_autofree char *db = toa_ui_test_temp_database ("editor-view");
  g_autoptr(ToaStore) store = toa_ui_test_board_store (db, "TT");
  g_autoptr(ToaPerson) editor = toa_ui_test_add_person (store, "bientap", "Nguyễn Văn Biên", "editor");
  ToaArticleDraft draft = { .section_code = "TT", .genre = "tin", .title = "Khánh thành cầu" };
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media = NULL;
  g_autofree char *thumb = NULL;
  g_autofree char *css = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *other_host = NULL;
  ToaImageLimits limits;
  char *buffer = NULL;
  gsize size = 0;

  article = toa_articles_create (store, editor, &draft, &error);
  g_assert_no_error (error);
  gdk_pixbuf_fill (pixbuf, 0x2a7fffff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  png = g_bytes_new_take (buffer, size);
  g_assert_true (toa_image_limits_get (store, &limits, &error));
  image = toa_image_prepare (png, "cau.png", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (toa_images_add (store, editor, article->id, image, &error));
  g_assert_no_error (error);

  /* before the window supplies the store there is nothing to read images from */
  media = g_strconcat ("toasoan://media/", image->sha256, NULL);
  thumb = g_strconcat ("toasoan://thumb/", image->sha256, NULL);
  g_assert_cmpint (image_width (media), ==, -1);

  toa_uri_scheme_register (webkit_web_view_get_context (WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (view))),
                           scheme_store, store);
  g_assert_cmpint (image_width (media), ==, 64);
  g_assert_cmpint (image_width (thumb), >, 0);
  g_assert_cmpint (image_width ("toasoan://media/0000000000000000000000000000000000000000000000000000000000000000"), ==, -1);
  g_assert_cmpint (image_width ("toasoan://media/../editor/editor.css"), ==, -1);

  css = fetch_status ("toasoan://editor/editor.css");
  g_assert_cmpstr (css, ==, "ok text/css; charset=utf-8");
  outside = fetch_status ("toasoan://editor/../sql/sqlite/001-core.sql");
  g_assert_cmpstr (outside, !=, "ok text/plain");
  g_assert_false (g_str_has_prefix (outside, "ok"));
  other_host = fetch_status ("toasoan://sql/sqlite/001-core.sql");
  g_assert_false (g_str_has_prefix (other_host, "ok"));

  /* a figure in the document shows the stored image */
  set_html ("<figure class=\"toa-image\"><img alt=\"Cầu\" src=\"toasoan://media/PLACEHOLDER\"></figure>");
  g_free (js ("document.querySelector('#toa-doc img').src = text; return 1;", media));
  toa_ui_test_spin (300);
  g_free (css);
  css = js ("const img = document.querySelector('#toa-doc img');"
            " return img.complete ? String(img.naturalWidth) : 'loading';", NULL);
  g_assert_cmpstr (css, ==, "64");

  toa_uri_scheme_register (webkit_web_view_get_context (WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (view))),
                           scheme_store, NULL);
  g_clear_object (&store);
  toa_ui_test_remove_database (db);
}

/* A long article (20,000 words, 50 figures) loads and edits quickly; the time is printed. */
static void
test_large (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *back = NULL;
  gint64 start, loaded, edited;
  guint changes = 0;
  gulong id;

  for (guint i = 0; i < 1000; i++)
    {
      /* 20 words */
      g_string_append (html, "<p>Tỉnh Bình Phước đẩy mạnh chuyển đổi số trong các cơ quan nhà nước,"
                             " phục vụ người dân tốt hơn.</p>");
      if (i % 20 == 0)
        g_string_append_printf (html, "<figure class=\"toa-image\"><img src=\"toasoan://media/%064x\" alt=\"Ảnh %u\""
                                " width=\"800\" height=\"600\"><figcaption><span class=\"toa-caption\">Ảnh số %u</span>"
                                " <span class=\"toa-credit\">Ảnh: TTXVN</span></figcaption></figure>", i, i, i);
    }
  id = g_signal_connect_swapped (view, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  start = g_get_monotonic_time ();
  set_html (html->str);
  back = html_now ();
  loaded = g_get_monotonic_time ();
  g_assert_cmpstr (back, ==, html->str);
  /* setting the document is not a change */
  toa_ui_test_spin (400);
  g_assert_cmpuint (changes, ==, 0);
  /* and 5 words in each of the 50 captions */
  g_assert_cmpuint (toa_editor_view_get_word_count (view), ==, 20000 + 250);

  run_steps ("end\n"
             "type:Hết.\n");
  g_clear_pointer (&back, g_free);
  back = html_now ();
  edited = g_get_monotonic_time ();
  g_assert_true (g_str_has_suffix (back, "hơn.Hết.</p>"));
  g_assert_cmpuint (changes, ==, 1);
  g_signal_handler_disconnect (view, id);
  g_test_message ("20,000 words and 50 figures: set and read back in %.0f ms, one edit read back in %.0f ms",
                  (loaded - start) / 1000.0, (edited - loaded) / 1000.0);
  g_assert_cmpint (loaded - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int argc, char **argv)
{
  gint64 deadline;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-editor-view"))
    return 77;
  gtk_init ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 600);
  view = TOA_EDITOR_VIEW (toa_editor_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!toa_editor_view_get_ready (view) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_editor_view_get_ready (view));
  gtk_widget_grab_focus (GTK_WIDGET (view));

  g_test_add_func ("/editor/type-and-format", test_type_and_format);
  g_test_add_func ("/editor/actions", test_actions);
  g_test_add_func ("/editor/blocks", test_blocks);
  g_test_add_func ("/editor/undo-redo", test_undo_redo);
  g_test_add_func ("/editor/links", test_links);
  g_test_add_func ("/editor/tables", test_tables);
  g_test_add_func ("/editor/paste-sanitised", test_paste_sanitised);
  g_test_add_func ("/editor/paste-image", test_paste_image);
  g_test_add_func ("/editor/find-replace", test_find_replace);
  g_test_add_func ("/editor/replace-all-count", test_replace_all_count);
  g_test_add_func ("/editor/state", test_state);
  g_test_add_func ("/editor/counts", test_counts);
  g_test_add_func ("/editor/image", test_image);
  g_test_add_func ("/editor/isolation", test_isolation);
  g_test_add_func ("/editor/scheme", test_scheme);
  g_test_add_func ("/editor/large", test_large);
  status = g_test_run ();
  gtk_window_destroy (window);
  return status;
}
