/* test-sanitize.c — the HTML sanitiser (toa-sanitize.h): every DOMPurify vector comes out
 * with nothing executable, every html5lib tree-construction case goes through, benign and
 * stored-image markup survive, clipboard HTML from Word, LibreOffice and browsers
 * (tests/data/paste/) keeps its structure and loses its Office markup. The output is
 * checked by parsing it again with gumbo, not by looking for strings. */
#include "config.h"

#include <string.h>
#include <gumbo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "toa-sanitize.h"
#include "toa-test-util.h"

static const char *const forbidden_elements[] = {
  "script", "iframe", "object", "embed", "base", "meta", "form", "style", "link",
  "frame", "frameset", "applet", "svg", "math", "template", "noscript", NULL
};

static const char *const url_attributes[] = {
  "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data",
  "srcset", "cite", "longdesc", NULL
};

/* A URL as a browser would read its scheme: surrounding spaces and controls trimmed,
 * tabs and newlines inside removed, lower case. */
static char *
browser_url (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p > 0x20)
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

static void
assert_safe_node (GumboNode *node, const char *payload)
{
  if (node->type == GUMBO_NODE_TEMPLATE)
    g_error ("template element survived for payload: %s", payload);
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT)
    return;
  if (node->type == GUMBO_NODE_ELEMENT)
    {
      GumboElement *el = &node->v.element;
      const char *name = el->tag == GUMBO_TAG_UNKNOWN ? "(unknown)" : gumbo_normalized_tagname (el->tag);

      if (el->tag_namespace != GUMBO_NAMESPACE_HTML)
        g_error ("foreign element <%s> survived for payload: %s", name, payload);
      if (el->tag == GUMBO_TAG_UNKNOWN)
        g_error ("unknown element survived for payload: %s", payload);
      for (guint i = 0; forbidden_elements[i] != NULL; i++)
        if (g_str_equal (name, forbidden_elements[i]))
          g_error ("<%s> survived for payload: %s", name, payload);
      for (guint i = 0; i < el->attributes.length; i++)
        {
          GumboAttribute *attr = el->attributes.data[i];

          if (g_ascii_strncasecmp (attr->name, "on", 2) == 0)
            g_error ("event handler %s survived for payload: %s", attr->name, payload);
          if (g_ascii_strcasecmp (attr->name, "style") == 0)
            g_error ("style attribute survived for payload: %s", payload);
          if (g_strv_contains (url_attributes, attr->name))
            {
              g_autofree char *url = browser_url (attr->value);

              if (g_str_has_prefix (url, "javascript:") || g_str_has_prefix (url, "vbscript:")
                  || g_str_has_prefix (url, "data:"))
                g_error ("URL %s survived for payload: %s", attr->value, payload);
            }
        }
    }
  {
    const GumboVector *children = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                                                    : &node->v.element.children;
    for (guint i = 0; i < children->length; i++)
      assert_safe_node (children->data[i], payload);
  }
}

/* Parses @clean again (as the editor and the browser will) and checks the tree. */
static void
assert_safe (const char *clean, const char *payload)
{
  GumboOutput *out = gumbo_parse_with_options (&kGumboDefaultOptions, clean, strlen (clean));
  g_autofree char *nfc = g_utf8_normalize (clean, -1, G_NORMALIZE_NFC);

  g_assert_true (g_utf8_validate (clean, -1, NULL));
  g_assert_cmpstr (nfc, ==, clean);
  assert_safe_node (out->document, payload);
  gumbo_destroy_output (&kGumboDefaultOptions, out);
}

static JsonNode *
load_shared (const char *name)
{
  g_autofree char *path = toa_test_shared_file (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_dompurify_vectors (void)
{
  g_autoptr(JsonNode) root = load_shared ("dompurify-vectors.json");
  JsonArray *vectors;
  const ToaSanitizeMode modes[] = { TOA_SANITIZE_PASTE, TOA_SANITIZE_IMPORT, TOA_SANITIZE_PUBLISH };
  guint checked = 0;

  if (root == NULL)
    {
      g_test_skip ("dompurify-vectors.json not found (TOA_SHARED_DIR)");
      return;
    }
  vectors = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (vectors), ==, 223);
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      const char *payload = json_object_get_string_member (v, "payload");

      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autofree char *clean = toa_sanitize_html (payload, -1, modes[m], NULL);
          g_autofree char *again = toa_sanitize_html (clean, -1, modes[m], NULL);

          assert_safe (clean, payload);
          /* stable: what we write is what we read back */
          g_assert_cmpstr (again, ==, clean);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 223 * 3);
}

static void
test_html5lib_cases (void)
{
  g_autoptr(JsonNode) root = load_shared ("html5lib-sample.json");
  JsonArray *cases;

  if (root == NULL)
    {
      g_test_skip ("html5lib-sample.json not found (TOA_SHARED_DIR)");
      return;
    }
  cases = json_object_get_array_member (json_node_get_object (root), "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 202);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      const char *data = json_object_get_string_member (json_array_get_object_element (cases, i), "data");
      g_autofree char *clean = toa_sanitize_html (data, -1, TOA_SANITIZE_IMPORT, NULL);

      assert_safe (clean, data);
    }
}

/* Benign article markup comes out exactly as it went in. */
static void
test_benign_survives (void)
{
  const char *const cases[] = {
    "<p>Xin chào <strong>Bình Phước</strong>, <em>Đồng Xoài</em> và <u>Chơn Thành</u>.</p>",
    "<h2>Tiêu đề phụ</h2><h3>Mục</h3><h4>Tiểu mục</h4>",
    "<ul><li>Một</li><li>Hai</li></ul><ol start=\"3\"><li>Ba</li></ol>",
    "<blockquote><p>“Không có gì quý hơn độc lập, tự do.”</p></blockquote>",
    "<p><a href=\"https://binhphuoc.gov.vn/\">Cổng</a> <a href=\"mailto:toasoan@binhphuoc.gov.vn\">thư</a> "
      "<a href=\"tel:+842713879123\">gọi</a></p>",
    "<table><tbody><tr><th scope=\"col\">Chỉ tiêu</th><td colspan=\"2\">98,5%</td></tr></tbody></table>",
    "<p>Dòng một<br>dòng hai</p><hr><p>x<sub>2</sub> + y<sup>2</sup> <s>cũ</s></p>",
    "<figure class=\"toa-image\"><img src=\"toasoan://media/"
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" alt=\"Lễ chào cờ\" "
      "width=\"640\" height=\"480\"><figcaption><span class=\"toa-caption\">Lễ chào cờ sáng 2/9</span> "
      "<span class=\"toa-credit\">Ảnh: Minh Anh</span></figcaption></figure>",
    "<p>5 &lt; 7 &amp; “ngoặc” &gt; 3</p>",
  };
  const ToaSanitizeMode modes[] = { TOA_SANITIZE_PASTE, TOA_SANITIZE_IMPORT, TOA_SANITIZE_PUBLISH };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        ToaSanitizeReport report;
        g_autofree char *clean = toa_sanitize_html (cases[i], -1, modes[m], &report);

        g_assert_cmpstr (clean, ==, cases[i]);
        g_assert_cmpuint (report.elements_removed + report.attributes_removed + report.urls_removed
                          + report.images_removed + report.elements_unwrapped, ==, 0);
      }
}

static void
test_dropped (void)
{
  const struct { const char *in; const char *out; ToaSanitizeMode mode; } cases[] = {
    { "<p onclick=\"x()\" style=\"color:red\" class=\"MsoNormal\">a</p>", "<p>a</p>", TOA_SANITIZE_IMPORT },
    { "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", TOA_SANITIZE_IMPORT },
    { "<a href=\"javascript:alert(1)\">x</a>", "x", TOA_SANITIZE_IMPORT },
    { "<a href=\" java\tscript:alert(1)\">x</a>", "x", TOA_SANITIZE_IMPORT },
    { "<a href=\"/relative\">x</a>", "x", TOA_SANITIZE_IMPORT },
    { "<a href=\"  https://a.vn/x?y=1&amp;z=2 \" target=\"_blank\">x</a>",
      "<a href=\"https://a.vn/x?y=1&amp;z=2\">x</a>", TOA_SANITIZE_IMPORT },
    { "<div>một</div><div><p>hai</p></div>", "<p>một</p><p>hai</p>", TOA_SANITIZE_IMPORT },
    { "<h1>A</h1><h6>B</h6>", "<h2>A</h2><h4>B</h4>", TOA_SANITIZE_IMPORT },
    { "<span style=\"font-weight:bold\">đậm</span>", "đậm", TOA_SANITIZE_IMPORT },
    { "<span class=\"toa-caption evil\">c</span>", "<span class=\"toa-caption\">c</span>", TOA_SANITIZE_IMPORT },
    { "<figure class=\"x\"><figcaption>chỉ chú thích</figcaption></figure>", "<p>chỉ chú thích</p>",
      TOA_SANITIZE_IMPORT },
    { "<img src=\"https://a.vn/p.gif\" width=\"1\" height=\"1\">", "", TOA_SANITIZE_IMPORT },
    { "<img src=\"https://a.vn/anh.jpg\" alt=\"a\">", "<img src=\"https://a.vn/anh.jpg\" alt=\"a\">",
      TOA_SANITIZE_IMPORT },
    { "<img src=\"https://a.vn/anh.jpg\" alt=\"a\">", "", TOA_SANITIZE_PASTE },
    { "<img src=\"toasoan://media/abc\">", "", TOA_SANITIZE_IMPORT },
    { "<img src=\"data:image/png;base64,AAAA\">", "", TOA_SANITIZE_IMPORT },
    { "<p>a</p><p><br></p><p> </p><p><b></b></p>", "<p>a</p>", TOA_SANITIZE_PUBLISH },
    { "<p>a</p><p><br></p>", "<p>a</p><p><br></p>", TOA_SANITIZE_IMPORT },
    { "<p>a<!-- ghi chú --></p>", "<p>a</p>", TOA_SANITIZE_IMPORT },
    { "<p><span style=\"mso-list:Ignore\">·</span>mục</p>", "<p>mục</p>", TOA_SANITIZE_PASTE },
    { "<p>a<span style=\"display: none\">ẩn</span></p>", "<p>a</p>", TOA_SANITIZE_IMPORT },
    { "<svg><a href=\"https://a.vn\">x</a></svg>t", "t", TOA_SANITIZE_IMPORT },
    { "<p>x</p><textarea><p>y</p></textarea>", "<p>x</p>", TOA_SANITIZE_IMPORT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = toa_sanitize_html (cases[i].in, -1, cases[i].mode, NULL);

      g_assert_cmpstr (clean, ==, cases[i].out);
    }
}

static void
test_report (void)
{
  ToaSanitizeReport r;
  g_autofree char *clean = toa_sanitize_html (
    "<div style=\"x\"><script>1</script><a href=\"vbscript:x\">l</a>"
    "<img src=\"https://t.vn/p.gif\" width=\"1\"><font>f</font></div>", -1, TOA_SANITIZE_IMPORT, &r);

  g_assert_cmpstr (clean, ==, "<p>lf</p>");
  g_assert_cmpuint (r.elements_removed, ==, 1);      /* script */
  g_assert_cmpuint (r.urls_removed, ==, 1);          /* vbscript: */
  g_assert_cmpuint (r.images_removed, ==, 1);        /* tracking pixel */
  g_assert_cmpuint (r.elements_unwrapped, ==, 3);    /* div → p, a without href, font */
}

static void
test_text_at_the_boundary (void)
{
  g_autofree char *nfd = toa_test_from_code_points ("0054 0069 0065 0302 0301 006E 0067");  /* Tiếng in NFD */
  g_autofree char *nfc = toa_test_from_code_points ("0054 0069 1EBF 006E 0067");
  g_autofree char *in = g_strdup_printf ("<p>%s</p>", nfd);
  g_autofree char *want = g_strdup_printf ("<p>%s</p>", nfc);
  g_autofree char *clean = toa_sanitize_html (in, -1, TOA_SANITIZE_IMPORT, NULL);
  const char bad[] = "<p>a\xff\xfe b\0c</p>";
  g_autofree char *fixed = toa_sanitize_html (bad, sizeof bad - 1, TOA_SANITIZE_IMPORT, NULL);
  g_autofree char *empty = toa_sanitize_html ("", -1, TOA_SANITIZE_IMPORT, NULL);
  g_autofree char *null = toa_sanitize_html (NULL, -1, TOA_SANITIZE_IMPORT, NULL);
  g_autofree char *part = toa_sanitize_html ("<p>abc</p>trailing", 10, TOA_SANITIZE_IMPORT, NULL);

  g_assert_cmpstr (clean, ==, want);
  g_assert_true (g_utf8_validate (fixed, -1, NULL));
  g_assert_true (g_str_has_prefix (fixed, "<p>a"));
  g_assert_nonnull (strstr (fixed, "\xef\xbf\xbd"));   /* U+FFFD */
  g_assert_nonnull (strstr (fixed, "c</p>"));
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
  g_assert_cmpstr (part, ==, "<p>abc</p>");
}

/* NFC never reaches into the markup: a combining mark right after a tag stays a reference
 * (NFC would turn ">" + U+0338 into "≯" and break the tag); inside text it composes. */
static void
test_nfc_next_to_markup (void)
{
  g_autofree char *after_tag = toa_sanitize_html ("<p>&#x338;x</p>", -1, TOA_SANITIZE_IMPORT, NULL);
  g_autofree char *in_text = toa_sanitize_html ("<p>a &lt;&#x338; b</p>", -1, TOA_SANITIZE_IMPORT, NULL);
  g_autofree char *in_attr = toa_sanitize_html ("<img src=\"https://a.vn/x.jpg\" alt=\"&#x338;e&#x301;\">", -1,
                                                TOA_SANITIZE_IMPORT, NULL);

  g_assert_cmpstr (after_tag, ==, "<p>&#x338;x</p>");
  g_assert_cmpstr (in_text, ==, "<p>a \xe2\x89\xae b</p>");   /* ≮ */
  g_assert_cmpstr (in_attr, ==, "<img src=\"https://a.vn/x.jpg\" alt=\"&#x338;\xc3\xa9\">");
}

static void
test_link_allowed (void)
{
  g_assert_true (toa_sanitize_link_allowed ("https://binhphuoc.gov.vn"));
  g_assert_true (toa_sanitize_link_allowed ("HTTP://a.vn/x"));
  g_assert_true (toa_sanitize_link_allowed ("mailto:a@b.vn"));
  g_assert_true (toa_sanitize_link_allowed ("tel:0271"));
  g_assert_false (toa_sanitize_link_allowed (""));
  g_assert_false (toa_sanitize_link_allowed (NULL));
  g_assert_false (toa_sanitize_link_allowed ("http://"));
  g_assert_false (toa_sanitize_link_allowed ("javascript:alert(1)"));
  g_assert_false (toa_sanitize_link_allowed ("jav\nascript:alert(1)"));
  g_assert_false (toa_sanitize_link_allowed ("ftp://a.vn/"));
  g_assert_false (toa_sanitize_link_allowed ("toasoan://media/00"));
  g_assert_false (toa_sanitize_link_allowed ("/tin-tuc"));
  g_assert_false (toa_sanitize_link_allowed ("data:text/html,<script>"));
}

static char *
read_paste (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "paste", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” found in:\n%s", needle, haystack);
}

/* Clipboard HTML as Word, LibreOffice, Chrome and Firefox put it on the clipboard. */
static void
test_paste_samples (void)
{
  const struct { const char *file; const char *keep[6]; const char *drop[6]; } samples[] = {
    { "word-2016.html",
      { "<h2>Bình Phước đẩy mạnh chuyển đổi số</h2>", "<b>(BP) – Sáng 15/3", "<i>98,5%</i>",
        "<a href=\"https://binhphuoc.gov.vn/\">Cổng thông tin điện tử tỉnh</a>", "<td>", "<p><b>Minh Anh</b></p>" },
      { "mso", "o:p", "·", "file:", "ghi chú ẩn", "WordDocument" } },
    { "libreoffice-7.html",
      { "<h2>Lễ hội Đồng Xoài mùa xuân</h2>", "<b>hàng nghìn người dân</b>", "<ol>", "<li><p>Biểu",
        "<a href=\"https://baobinhphuoc.com.vn/news/19/lehoi\"><u>Xem", "nguồn: Báo Bình Phước" },
      { "font", "Liberation", "data:", "@page", "<img", "style" } },
    { "chrome-clipboard.html",
      { "<h2>Tăng cường phòng chống dịch sốt xuất huyết</h2>", "<strong>Trung tâm Kiểm soát bệnh tật</strong>",
        "<p>Phun thuốc diệt muỗi tại phường Tân Phú</p>", "<a href=\"tel:02713879123\">", "xem hướng dẫn.", NULL },
      { "pixel", "ga(", "Chia sẻ", "cdn.example.vn", "/tin-tuc", "<figure" } },
    { "firefox-clipboard.html",
      { "<em>Quốc khánh</em>", "<blockquote><p>", "<ul><li>Hội trại;</li>",
        "<a href=\"mailto:toasoan@binhphuoc.gov.vn\">", NULL, NULL },
      { "youtube", "javascript", "onclick", "images.example.org", "id=", "<div" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *html = read_paste (samples[i].file);
      ToaSanitizeReport report;
      g_autofree char *clean = toa_sanitize_html (html, -1, TOA_SANITIZE_PASTE, &report);

      assert_safe (clean, samples[i].file);
      assert_lacks (clean, "class=");
      assert_lacks (clean, "<span");
      for (guint k = 0; k < 6 && samples[i].keep[k] != NULL; k++)
        assert_contains (clean, samples[i].keep[k]);
      for (guint k = 0; k < 6 && samples[i].drop[k] != NULL; k++)
        assert_lacks (clean, samples[i].drop[k]);
      g_assert_cmpuint (report.attributes_removed, >, 0);
      g_assert_cmpuint (report.images_removed, ==, 1);
    }
}

static char *
sanitize (const char *html, ToaSanitizeMode mode)
{
  char *clean = toa_sanitize_html (html, -1, mode, NULL);
  g_autofree char *again = toa_sanitize_html (clean, -1, mode, NULL);

  /* what we write reads back the same */
  g_assert_cmpstr (again, ==, clean);
  return clean;
}

/* Word's list paragraphs (mso-list:lN levelM) become real lists, nested by level, numbered
 * or bulleted as Word showed them; the number or bullet Word wrote as text is dropped. */
static void
test_word_lists (void)
{
  g_autofree char *word = read_paste ("word-2016.html");
  g_autofree char *lists = read_paste ("word-lists.html");
  g_autofree char *clean = sanitize (word, TOA_SANITIZE_PASTE);
  const ToaSanitizeMode modes[] = { TOA_SANITIZE_PASTE, TOA_SANITIZE_IMPORT, TOA_SANITIZE_PUBLISH };

  assert_contains (clean, "<ul><li>Hoàn thiện hạ tầng số;</li><li>Đào tạo nguồn nhân lực.</li></ul>");
  assert_lacks (clean, "<p>Hoàn thiện");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *nested = sanitize (lists, modes[m]);

      assert_safe (nested, "word-lists.html");
      assert_contains (nested, "<p>Kế hoạch gồm các nhiệm vụ chính sau:</p>");
      assert_contains (nested, "<ol><li>Phát triển hạ tầng số:<ul><li>phủ sóng 4G đến 100% thôn, ấp;</li>"
                               "<li>cáp quang đến <b>trụ sở xã</b>;</li></ul></li>"
                               "<li>Đào tạo nguồn nhân lực số.</li></ol>");
      /* another list (l1) is another <ul>; a list whose first number is 3 starts at 3 */
      assert_contains (nested, "<ul><li>Sở Thông tin và Truyền thông;</li><li>UBND các huyện, thị xã, thành phố.</li></ul>"
                               "<ol start=\"3\"><li>Tổng kết vào quý IV.</li></ol>");
      assert_lacks (nested, "mso");
      assert_lacks (nested, "1.");
      assert_lacks (nested, "·");
      assert_lacks (nested, ">o");
      assert_lacks (nested, "\xc2\xa0");
    }

  {
    /* a level skipped, letters as numbers, a list id change at level 1 */
    g_autofree char *jump = sanitize (
      "<p style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>a)&nbsp;</span>một</p>"
      "<p style='mso-list:l0 level3 lfo1'><span style='mso-list:Ignore'>§&nbsp;</span>ba</p>"
      "<p style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>b)&nbsp;</span>hai</p>"
      "<p style='mso-list: l3 level1 lfo4'><span style='mso-list:Ignore'>-&nbsp;</span>khác</p>"
      "<p style='mso-list:none'>không phải danh sách</p>",
      TOA_SANITIZE_IMPORT);

    g_assert_cmpstr (jump, ==, "<ol><li>một<ul><li>ba</li></ul></li><li>hai</li></ol>"
                               "<ul><li>khác</li></ul><p>không phải danh sách</p>");
  }
}

/* Word and LibreOffice wrap their source lines: a line break (with the tabs that indent the
 * next line) inside text is a space; in <pre> it stays, and between blocks it is layout. */
static void
test_source_line_breaks (void)
{
  g_autofree char *word = read_paste ("word-2016.html");
  g_autofree char *office = read_paste ("libreoffice-7.html");
  g_autofree char *word_clean = sanitize (word, TOA_SANITIZE_PASTE);
  g_autofree char *office_clean = sanitize (office, TOA_SANITIZE_PASTE);
  g_autofree char *mixed = sanitize ("<p>một\n\thai  ba\r\nbốn <b>năm</b>\n<i>sáu</i></p>\n<pre>dòng 1\n  dòng 2</pre>\n<p>bảy</p>",
                                     TOA_SANITIZE_IMPORT);

  assert_contains (word_clean, "triển khai kế hoạch chuyển đổi số");
  assert_contains (word_clean, "toàn tỉnh đã có");
  assert_contains (office_clean, "<p>Chiều 27/1, tại quảng trường tỉnh, <b>hàng nghìn người dân</b> đã tham dự chương trình");
  assert_contains (office_clean, "<li><p>Biểu diễn nghệ thuật;</p>");
  assert_contains (office_clean, "<u>Xem thêm</u>");
  g_assert_cmpstr (mixed, ==, "<p>một hai  ba bốn <b>năm</b> <i>sáu</i></p>\n<pre>dòng 1\n  dòng 2</pre>\n<p>bảy</p>");
}

/* A deep tree does not exhaust the stack: elements past the limit are dropped. */
static void
test_deep_nesting (void)
{
  GString *html = g_string_new (NULL);
  g_autofree char *clean = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "<div><span>");
  g_string_append (html, "đáy");
  clean = toa_sanitize_html (html->str, (gssize) html->len, TOA_SANITIZE_IMPORT, NULL);
  assert_safe (clean, "deep");
  g_string_free (html, TRUE);
}

/* The program's GResource (with the allow-list) lives in the store library. */
extern GResource *toa_get_resource (void);

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  (void) toa_get_resource ();
  g_test_add_func ("/sanitize/dompurify-vectors", test_dompurify_vectors);
  g_test_add_func ("/sanitize/html5lib-cases", test_html5lib_cases);
  g_test_add_func ("/sanitize/benign-survives", test_benign_survives);
  g_test_add_func ("/sanitize/dropped", test_dropped);
  g_test_add_func ("/sanitize/report", test_report);
  g_test_add_func ("/sanitize/text-at-the-boundary", test_text_at_the_boundary);
  g_test_add_func ("/sanitize/nfc-next-to-markup", test_nfc_next_to_markup);
  g_test_add_func ("/sanitize/link-allowed", test_link_allowed);
  g_test_add_func ("/sanitize/paste-samples", test_paste_samples);
  g_test_add_func ("/sanitize/deep-nesting", test_deep_nesting);
  g_test_add_func ("/sanitize/word-lists", test_word_lists);
  g_test_add_func ("/sanitize/source-line-breaks", test_source_line_breaks);
  return g_test_run ();
}
