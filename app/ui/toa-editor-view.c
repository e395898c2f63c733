/* toa-editor-view.c — the WYSIWYG body editor (see toa-editor-view.h): a WebKitWebView on
 * toasoan://editor/editor.html with scripts in markup off, editor.js injected in the script
 * world "toasoan" and its message handler "toa" registered in that world only. Pasted and
 * dropped HTML comes to C and goes back sanitised (toa_sanitize_html, PASTE); navigation away
 * from the editor page is refused. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <webkit/webkit.h>

#include "toa-editor-view.h"
#include "toa-error.h"
#include "toa-sanitize.h"
#include "toa-uri-scheme.h"

#define WORLD       "toasoan"
#define HANDLER     "toa"
#define EDITOR_URI  "toasoan://editor/editor.html"
#define EDITOR_JS   "/io/github/toasoan/ToaSoan/editor/editor.js"

struct _ToaEditorView
{
  GtkWidget       parent_instance;

  WebKitWebView  *web_view;
  gboolean        ready;
  char           *pending_html;   /* set before the page was ready */
  char           *html;
  guint           words, chars;
  ToaEditorState  state;
};

G_DEFINE_FINAL_TYPE (ToaEditorView, toa_editor_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_READY, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { CHANGED, STATE_CHANGED, IMAGE_PASTED, LINK_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The commands toa_editor_view_run knows, and whether they take a value. */
static const struct {
  const char *name;
  gboolean    with_value;
} commands[] = {
  { "paragraph", FALSE }, { "heading-2", FALSE }, { "heading-3", FALSE }, { "heading-4", FALSE },
  { "bold", FALSE }, { "italic", FALSE }, { "underline", FALSE },
  { "bulleted-list", FALSE }, { "numbered-list", FALSE }, { "quote", FALSE },
  { "link", TRUE }, { "unlink", FALSE }, { "rule", FALSE }, { "undo", FALSE }, { "redo", FALSE },
  { "clear-format", FALSE }, { "table-insert", TRUE }, { "table-row-add", FALSE },
  { "table-row-remove", FALSE }, { "table-column-add", FALSE }, { "table-column-remove", FALSE },
};

/* ---- calling the page ------------------------------------------------------------------- */

/* Calls @body (a function body using the named arguments of @args, an a{sv} or NULL) in the
 * editor's script world. */
static void
call_js (ToaEditorView *self, const char *body, GVariant *args, GCancellable *cancellable,
         GAsyncReadyCallback callback, gpointer user_data)
{
  webkit_web_view_call_async_javascript_function (self->web_view, body, -1, args, WORLD,
                                                  EDITOR_URI, cancellable, callback, user_data);
}

static GVariant *
args_new (const char *first_name, ...)
{
  GVariantBuilder builder;
  va_list ap;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  va_start (ap, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);
      g_variant_builder_add (&builder, "{sv}", name, g_variant_new_string (value != NULL ? value : ""));
    }
  va_end (ap);
  return g_variant_builder_end (&builder);
}

static void
insert_html (ToaEditorView *self, const char *html)
{
  call_js (self, "return toa.insertHTML(html);", args_new ("html", html, NULL), NULL, NULL, NULL);
}

/* ---- messages from the page ------------------------------------------------------------- */

static char *
js_string (JSCValue *object, const char *name)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);

  if (value == NULL || jsc_value_is_null (value) || jsc_value_is_undefined (value))
    return NULL;
  return jsc_value_to_string (value);
}

static gboolean
js_bool (JSCValue *object, const char *name)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);

  return value != NULL && jsc_value_to_boolean (value);
}

static guint
js_uint (JSCValue *object, const char *name)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);
  int n = value != NULL && jsc_value_is_number (value) ? jsc_value_to_int32 (value) : 0;

  return n > 0 ? (guint) n : 0;
}

/* Takes @html as the document's; "changed" unless @quiet (the page's own serialisation of
 * what set_html gave it is not a change). */
static void
set_html_cache_full (ToaEditorView *self, char *html, gboolean quiet)
{
  if (g_strcmp0 (html, self->html) == 0)
    {
      g_free (html);
      return;
    }
  g_free (self->html);
  self->html = html;
  if (!quiet)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_html_cache (ToaEditorView *self, char *html)
{
  set_html_cache_full (self, html, FALSE);
}

static void
state_clear (ToaEditorState *state)
{
  g_clear_pointer (&state->block, g_free);
  g_clear_pointer (&state->link_href, g_free);
}

static void
on_state (ToaEditorView *self, JSCValue *message)
{
  state_clear (&self->state);
  self->state.block = js_string (message, "block");
  if (self->state.block == NULL)
    self->state.block = g_strdup ("p");
  self->state.bold = js_bool (message, "bold");
  self->state.italic = js_bool (message, "italic");
  self->state.underline = js_bool (message, "underline");
  self->state.in_link = js_bool (message, "in_link");
  self->state.link_href = self->state.in_link ? js_string (message, "link_href") : NULL;
  self->state.in_table = js_bool (message, "in_table");
  self->state.can_undo = js_bool (message, "can_undo");
  self->state.can_redo = js_bool (message, "can_redo");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", self->state.can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", self->state.can_redo);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_has_prefix (commands[i].name, "table-") && !g_str_equal (commands[i].name, "table-insert"))
      {
        g_autofree char *action = g_strconcat ("editor.", commands[i].name, NULL);
        gtk_widget_action_set_enabled (GTK_WIDGET (self), action, self->state.in_table);
      }
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

/* HTML or text pasted or dropped: sanitised here, inserted at the caret as one undo step. */
static void
insert_clean (ToaEditorView *self, const char *html, const char *text)
{
  if (self->web_view == NULL)
    return;
  if (html != NULL && *html != '\0')
    {
      g_autofree char *clean = toa_sanitize_html (html, -1, TOA_SANITIZE_PASTE, NULL);

      if (*clean != '\0')
        {
          insert_html (self, clean);
          return;
        }
    }
  if (text != NULL && *text != '\0')
    call_js (self, "return toa.insertText(text);", args_new ("text", text, NULL), NULL, NULL, NULL);
}

/* A paste being read from the clipboard; what the page saw is the fallback. */
typedef struct {
  ToaEditorView *self;    /* a reference */
  char          *html;
  char          *text;
} PasteJob;

static void
paste_job_free (PasteJob *job)
{
  g_object_unref (job->self);
  g_free (job->html);
  g_free (job->text);
  g_free (job);
}

static void
paste_job_fallback (PasteJob *job)
{
  insert_clean (job->self, job->html, job->text);
  paste_job_free (job);
}

/* The clipboard's HTML as UTF-8 (some programs offer UTF-16 with a byte-order mark). */
static char *
clipboard_html (GMemoryOutputStream *out)
{
  const guchar *data = g_memory_output_stream_get_data (out);
  gsize size = g_memory_output_stream_get_data_size (out);

  if (size >= 2 && data[0] == 0xff && data[1] == 0xfe)
    return g_convert ((const char *) data + 2, (gssize) size - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
  if (size >= 2 && data[0] == 0xfe && data[1] == 0xff)
    return g_convert ((const char *) data + 2, (gssize) size - 2, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
  return g_utf8_make_valid ((const char *) data, (gssize) size);
}

static void
paste_splice_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PasteJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      g_debug ("The clipboard could not be read: %s", error->message);
      paste_job_fallback (job);
      return;
    }
  html = clipboard_html (G_MEMORY_OUTPUT_STREAM (source));
  if (html == NULL || *html == '\0')
    {
      paste_job_fallback (job);
      return;
    }
  insert_clean (job->self, html, job->text);
  paste_job_free (job);
}

static void
paste_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PasteJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) out = NULL;

  if (stream == NULL)
    {
      g_debug ("The clipboard could not be read: %s", error->message);
      paste_job_fallback (job);
      return;
    }
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_splice_cb, job);
}

static void
paste_texture_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ToaEditorView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) png = NULL;

  if (texture == NULL || self->web_view == NULL)
    return;
  png = gdk_texture_save_to_png_bytes (texture);
  g_signal_emit (self, signals[IMAGE_PASTED], 0, png, "clipboard.png");
}

static void
on_paste (ToaEditorView *self, JSCValue *message)
{
  static const char *html_types[] = { "text/html", NULL };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  PasteJob *job = g_new0 (PasteJob, 1);

  job->self = g_object_ref (self);
  job->html = js_string (message, "html");
  job->text = js_string (message, "text");

  if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    gdk_clipboard_read_async (clipboard, html_types, G_PRIORITY_DEFAULT, NULL, paste_read_cb, job);
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      gdk_clipboard_read_texture_async (clipboard, NULL, paste_texture_cb, g_object_ref (self));
      paste_job_free (job);
    }
  else
    paste_job_fallback (job);
}

/* Dropped HTML or text, as the page received it. */
static void
on_drop (ToaEditorView *self, JSCValue *message)
{
  g_autofree char *html = js_string (message, "html");
  g_autofree char *text = js_string (message, "text");

  insert_clean (self, html, text);
}

static void
on_image (ToaEditorView *self, JSCValue *message)
{
  g_autofree char *data = js_string (message, "data");
  g_autofree char *name = js_string (message, "name");
  g_autoptr(GBytes) bytes = NULL;
  guchar *decoded;
  gsize length = 0;

  if (data == NULL)
    return;
  decoded = g_base64_decode (data, &length);
  bytes = g_bytes_new_take (decoded, length);
  if (length > 0)
    g_signal_emit (self, signals[IMAGE_PASTED], 0, bytes, name != NULL ? name : "");
}

static void
on_script_message (WebKitUserContentManager *manager, JSCValue *message, gpointer user_data)
{
  ToaEditorView *self = TOA_EDITOR_VIEW (user_data);
  g_autofree char *type = NULL;

  if (!jsc_value_is_object (message))
    return;
  type = js_string (message, "type");
  if (type == NULL)
    return;

  if (g_str_equal (type, "html"))
    {
      self->words = js_uint (message, "words");
      self->chars = js_uint (message, "chars");
      set_html_cache_full (self, js_string (message, "html"), js_bool (message, "loaded"));
    }
  else if (g_str_equal (type, "state"))
    on_state (self, message);
  else if (g_str_equal (type, "paste"))
    on_paste (self, message);
  else if (g_str_equal (type, "drop"))
    on_drop (self, message);
  else if (g_str_equal (type, "image"))
    on_image (self, message);
  else if (g_str_equal (type, "link-requested"))
    {
      g_autofree char *href = js_string (message, "href");
      g_signal_emit (self, signals[LINK_REQUESTED], 0, href != NULL ? href : "");
    }
  else if (g_str_equal (type, "ready") && !self->ready)
    {
      self->ready = TRUE;
      if (self->pending_html != NULL)
        {
          g_autofree char *html = g_steal_pointer (&self->pending_html);
          toa_editor_view_set_html (self, html);
        }
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_READY]);
    }
}

/* Only the editor page itself is ever shown; links open nothing. */
static gboolean
on_decide_policy (WebKitWebView *web_view, WebKitPolicyDecision *decision,
                  WebKitPolicyDecisionType type, gpointer user_data)
{
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    {
      WebKitNavigationAction *action =
        webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

      if (g_strcmp0 (uri, EDITOR_URI) == 0)
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  return FALSE;
}

static void
on_load_failed_cb (WebKitWebView *web_view, WebKitLoadEvent event, const char *uri, GError *error,
                   gpointer user_data)
{
  g_warning ("The editor page %s could not be loaded: %s", uri, error->message);
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *command = strchr (action_name, '.') + 1;
  const char *value = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  toa_editor_view_run (TOA_EDITOR_VIEW (widget), command, value);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static gboolean
toa_editor_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TOA_EDITOR_VIEW (widget)->web_view));
}

static void
toa_editor_view_dispose (GObject *object)
{
  ToaEditorView *self = TOA_EDITOR_VIEW (object);

  if (self->web_view != NULL)
    {
      WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->web_view);

      g_signal_handlers_disconnect_by_data (manager, self);
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  G_OBJECT_CLASS (toa_editor_view_parent_class)->dispose (object);
}

static void
toa_editor_view_finalize (GObject *object)
{
  ToaEditorView *self = TOA_EDITOR_VIEW (object);

  g_free (self->pending_html);
  g_free (self->html);
  state_clear (&self->state);
  G_OBJECT_CLASS (toa_editor_view_parent_class)->finalize (object);
}

static void
toa_editor_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ToaEditorView *self = TOA_EDITOR_VIEW (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_editor_view_class_init (ToaEditorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_editor_view_dispose;
  object_class->finalize = toa_editor_view_finalize;
  object_class->get_property = toa_editor_view_get_property;
  widget_class->grab_focus = toa_editor_view_grab_focus;

  props[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IMAGE_PASTED] = g_signal_new ("image-pasted", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_BYTES, G_TYPE_STRING);
  signals[LINK_REQUESTED] = g_signal_new ("link-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_STRING);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *action = g_strconcat ("editor.", commands[i].name, NULL);
      gtk_widget_class_install_action (widget_class, action, commands[i].with_value ? "s" : NULL,
                                       run_action);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "editor.underline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "toa-editor-view");
}

static void
toa_editor_view_init (ToaEditorView *self)
{
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  g_autoptr(GBytes) script_bytes = g_resources_lookup_data (EDITOR_JS, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  static const char *const allow[] = { "toasoan://editor/*", NULL };
  WebKitSettings *settings;

  self->html = g_strdup ("");
  self->state.block = g_strdup ("p");

  if (script_bytes != NULL)
    {
      g_autoptr(WebKitUserScript) script =
        webkit_user_script_new_for_world (g_bytes_get_data (script_bytes, NULL),
                                          WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                          WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                          WORLD, allow, NULL);
      webkit_user_content_manager_add_script (manager, script);
    }
  else
    g_warning ("editor.js is missing from the program's resources");
  g_signal_connect (manager, "script-message-received::" HANDLER, G_CALLBACK (on_script_message), self);
  webkit_user_content_manager_register_script_message_handler (manager, HANDLER, WORLD);

  /* before the view exists: the scheme's registration also settles the program's name,
   * from which WebKit derives its data and sandbox paths */
  toa_uri_scheme_register (webkit_web_context_get_default (), NULL, NULL);
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "user-content-manager", manager,
                                 "web-context", webkit_web_context_get_default (), NULL);

  settings = webkit_web_view_get_settings (self->web_view);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("TOA_EDITOR_DEBUG") != NULL);
  webkit_settings_set_enable_write_console_messages_to_stdout (settings, g_getenv ("TOA_EDITOR_DEBUG") != NULL);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (on_load_failed_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_has_prefix (commands[i].name, "table-") || g_str_equal (commands[i].name, "undo") ||
        g_str_equal (commands[i].name, "redo"))
      {
        g_autofree char *action = g_strconcat ("editor.", commands[i].name, NULL);
        gtk_widget_action_set_enabled (GTK_WIDGET (self), action, g_str_equal (commands[i].name, "table-insert"));
      }

  webkit_web_view_load_uri (self->web_view, EDITOR_URI);
}

/* ---- public API ------------------------------------------------------------------------------ */

GtkWidget *
toa_editor_view_new (void)
{
  return g_object_new (TOA_TYPE_EDITOR_VIEW, NULL);
}

gboolean
toa_editor_view_get_ready (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), FALSE);
  return self->ready;
}

void
toa_editor_view_set_html (ToaEditorView *self, const char *html)
{
  g_return_if_fail (TOA_IS_EDITOR_VIEW (self));

  if (!self->ready)
    {
      g_free (self->pending_html);
      self->pending_html = g_strdup (html != NULL ? html : "");
      set_html_cache_full (self, g_strdup (self->pending_html), TRUE);
      return;
    }
  set_html_cache_full (self, g_strdup (html != NULL ? html : ""), TRUE);
  call_js (self, "return toa.setHTML(html);", args_new ("html", html, NULL), NULL, NULL, NULL);
}

const char *
toa_editor_view_get_html (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), "");
  return self->html;
}

static void
sync_html_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ToaEditorView *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value =
    webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL)
    {
      /* WebKitGTK 2.50 now and then answers a plain string result with "Unsupported result
       * type" (seen under load); asking for the HTML has no effect, so ask again (twice). */
      guint tries = GPOINTER_TO_UINT (g_task_get_task_data (task));

      if (g_error_matches (error, WEBKIT_JAVASCRIPT_ERROR, WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT)
          && tries < 2 && !g_task_return_error_if_cancelled (task))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          g_task_set_task_data (task, GUINT_TO_POINTER (tries + 1), NULL);
          call_js (self, "return toa.html();", NULL, cancellable, sync_html_cb,
                   g_steal_pointer (&task));
          return;
        }
      if (task != NULL && !g_task_had_error (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_html_cache (self, jsc_value_to_string (value));
  g_task_return_pointer (task, g_strdup (self->html), g_free);
}

void
toa_editor_view_sync_html (ToaEditorView *self, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (TOA_IS_EDITOR_VIEW (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, toa_editor_view_sync_html);
  if (!self->ready)
    {
      g_task_return_pointer (task, g_strdup (self->html), g_free);
      g_object_unref (task);
      return;
    }
  call_js (self, "return toa.html();", NULL, cancellable, sync_html_cb, task);
}

char *
toa_editor_view_sync_html_finish (ToaEditorView *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const ToaEditorState *
toa_editor_view_get_state (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), NULL);
  return &self->state;
}

guint
toa_editor_view_get_word_count (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), 0);
  return self->words;
}

guint
toa_editor_view_get_char_count (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), 0);
  return self->chars;
}

gboolean
toa_editor_view_run (ToaEditorView *self, const char *command, const char *value)
{
  gboolean known = FALSE;

  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, command))
      known = TRUE;
  if (!known || !self->ready)
    return FALSE;
  if (g_str_equal (command, "link") && (value == NULL || !toa_sanitize_link_allowed (value)))
    return FALSE;

  call_js (self, "return toa.run(name, value);",
           args_new ("name", command, "value", value, NULL), NULL, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
toa_editor_view_insert_image (ToaEditorView *self, const char *sha256, const char *alt,
                              const char *caption, const char *credit, int width, int height)
{
  g_autoptr(GString) markup = NULL;
  g_autofree char *img = NULL;
  g_autofree char *alt_text = NULL;

  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), FALSE);

  alt_text = g_strstrip (g_strdup (alt != NULL ? alt : ""));
  if (!self->ready || !is_sha256 (sha256) || *alt_text == '\0')
    return FALSE;

  markup = g_string_new ("<figure class=\"toa-image\">");
  img = g_markup_printf_escaped ("<img src=\"toasoan://media/%s\" alt=\"%s\"", sha256, alt_text);
  g_string_append (markup, img);
  if (width > 0 && height > 0)
    g_string_append_printf (markup, " width=\"%d\" height=\"%d\"", width, height);
  g_string_append (markup, ">");
  if ((caption != NULL && *caption != '\0') || (credit != NULL && *credit != '\0'))
    {
      g_autofree char *text = g_markup_printf_escaped ("<figcaption><span class=\"toa-caption\">%s</span>"
                                                       " <span class=\"toa-credit\">%s</span></figcaption>",
                                                       caption != NULL ? caption : "",
                                                       credit != NULL ? credit : "");
      g_string_append (markup, text);
    }
  g_string_append (markup, "</figure>");
  insert_html (self, markup->str);
  return TRUE;
}

void
toa_editor_view_find (ToaEditorView *self, const char *text, gboolean backwards)
{
  g_return_if_fail (TOA_IS_EDITOR_VIEW (self));
  if (!self->ready || text == NULL || *text == '\0')
    return;
  call_js (self, backwards ? "return toa.find(text, true);" : "return toa.find(text, false);",
           args_new ("text", text, NULL), NULL, NULL, NULL);
}

void
toa_editor_view_replace (ToaEditorView *self, const char *text, const char *replacement)
{
  g_return_if_fail (TOA_IS_EDITOR_VIEW (self));
  if (!self->ready || text == NULL || *text == '\0')
    return;
  call_js (self, "return toa.replace(text, replacement);",
           args_new ("text", text, "replacement", replacement, NULL), NULL, NULL, NULL);
}

static void
replace_all_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value =
    webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, MAX (jsc_value_to_int32 (value), 0));
}

void
toa_editor_view_replace_all (ToaEditorView *self, const char *text, const char *replacement,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task;

  g_return_if_fail (TOA_IS_EDITOR_VIEW (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, toa_editor_view_replace_all);
  if (!self->ready || text == NULL || *text == '\0')
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }
  call_js (self, "return toa.replaceAll(text, replacement);",
           args_new ("text", text, "replacement", replacement, NULL), cancellable, replace_all_cb, task);
}

guint
toa_editor_view_replace_all_finish (ToaEditorView *self, GAsyncResult *result, GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

GtkWidget *
toa_editor_view_get_web_view (ToaEditorView *self)
{
  g_return_val_if_fail (TOA_IS_EDITOR_VIEW (self), NULL);
  return GTK_WIDGET (self->web_view);
}
