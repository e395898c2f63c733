-- 009-prepublish.sql — the pre-publish checks (issue 5 point 7; SQLite 011-prepublish.sql).
-- The board setting "prepublish_rules" (JSON): each check's severity (block, warn or off)
-- with its source, the title's length limit and the link schemes allowed. The app checks
-- everything in core (app/core/toa-prepublish.c) before it publishes or schedules.
--
-- The server does not parse the body's HTML: images without alt text, links, NFC of the body
-- and leftover editor markup are checked by the app only. What the server can check without
-- HTML it checks here, so that a member calling the server functions directly cannot publish
-- or schedule past a blocking rule: the title (present, at most title_max_chars characters),
-- the sapo, the section, the genre and the attribution line of an item from a providing unit.
-- The trigger fires only when the state changes to "published" or "scheduled" (the states
-- the publishing transitions lead to; the same codes in every workflow, ToaArticleState).
INSERT INTO board_settings (key, value, source) VALUES
  ('prepublish_rules', '{
  "source": "Thông tư 26/2020/TT-BTTTT (văn bản thay thế cho ảnh, truy cập được); Quy chế Cổng TTĐT tỉnh Bình Phước 2015, Điều 8.3 (ghi nguồn); TCVN 6909:2001 (Unicode dựng sẵn, NFC); quy ước biên tập của Ban Biên tập (tiêu đề, sapo, chuyên mục, thể loại, liên kết). Ban Biên tập quyết định kiểm tra nào chặn xuất bản, kiểm tra nào chỉ cảnh báo.",
  "title_max_chars": 150,
  "title_max_source": "Quy ước biên tập của Ban Biên tập: tiêu đề không quá 150 ký tự để hiển thị trọn trên Cổng và trong kết quả tìm kiếm",
  "link_schemes": ["http", "https"],
  "editor_markup": {
    "attributes": ["contenteditable", "spellcheck", "data-*"],
    "class_prefixes": ["toa-"],
    "keep_classes": ["toa-image", "toa-caption", "toa-credit"],
    "id_prefixes": ["toa-"],
    "elements": ["script", "style", "meta", "link", "o:p"]
  },
  "checks": {
    "title-missing":       { "severity": "block", "source": "Quy ước biên tập: tin bài phải có tiêu đề" },
    "title-too-long":      { "severity": "block", "source": "Quy ước biên tập: tiêu đề không quá title_max_chars ký tự" },
    "sapo-missing":        { "severity": "warn",  "source": "Quy ước biên tập: tin bài nên có sapo; Ban Biên tập có thể chuyển thành chặn" },
    "section-missing":     { "severity": "block", "source": "Quy chế Cổng TTĐT tỉnh Bình Phước 2024: tin bài đăng vào chuyên mục của Cổng" },
    "genre-missing":       { "severity": "block", "source": "Quy ước biên tập: thể loại quyết định nhuận bút (Nghị định 18/2014/NĐ-CP)" },
    "image-alt-missing":   { "severity": "block", "source": "Thông tư 26/2020/TT-BTTTT: ảnh phải có văn bản thay thế (WCAG 2.0, tiêu chí 1.1.1)" },
    "link-empty":          { "severity": "block", "source": "Quy ước biên tập: liên kết phải có địa chỉ và chữ hiển thị" },
    "link-scheme":         { "severity": "block", "source": "Quy ước biên tập: liên kết trong tin bài chỉ dùng http hoặc https" },
    "attribution-missing": { "severity": "warn",  "source": "Quy chế Cổng TTĐT tỉnh Bình Phước 2015, Điều 8.3: thông tin sử dụng lại phải ghi rõ nguồn; mặc định cảnh báo vì tin do đơn vị cung cấp thường đã ghi nguồn ở cuối bài, Ban Biên tập có thể chuyển thành chặn" },
    "not-nfc":             { "severity": "block", "source": "TCVN 6909:2001: văn bản tiếng Việt Unicode dựng sẵn (NFC)" },
    "editor-markup":       { "severity": "block", "source": "Quy ước kỹ thuật: không còn mã của trình soạn thảo trong bài đăng" }
  }
}',
   'Thông tư 26/2020/TT-BTTTT (văn bản thay thế cho ảnh, truy cập được); Quy chế Cổng TTĐT tỉnh Bình Phước 2015, Điều 8.3 (ghi nguồn); TCVN 6909:2001 (Unicode dựng sẵn, NFC); quy ước biên tập của Ban Biên tập (tiêu đề, sapo, chuyên mục, thể loại, liên kết). Ban Biên tập quyết định kiểm tra nào chặn xuất bản, kiểm tra nào chỉ cảnh báo.');

-- The severity of a check in @p_rules ("off" when absent).
CREATE FUNCTION toa_prepublish_severity (p_rules jsonb, p_code text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public
AS $$
  SELECT COALESCE (p_rules -> 'checks' -> p_code ->> 'severity', 'off')
$$;

CREATE FUNCTION toa_articles_prepublish () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public
AS $$
DECLARE
  v_text     text;
  v_rules    jsonb;
  v_max      integer;
  v_problems text[] := '{}';
BEGIN
  SELECT value INTO v_text FROM board_settings WHERE key = 'prepublish_rules';
  IF v_text IS NULL THEN
    RETURN NEW;
  END IF;
  v_rules := v_text::jsonb;
  v_max := COALESCE ((v_rules ->> 'title_max_chars')::integer, 150);
  IF toa_prepublish_severity (v_rules, 'title-missing') = 'block' AND char_length (btrim (NEW.title)) = 0 THEN
    v_problems := v_problems || 'The title is empty: write one.'::text;
  END IF;
  IF toa_prepublish_severity (v_rules, 'title-too-long') = 'block' AND char_length (NEW.title) > v_max THEN
    v_problems := v_problems || format ('The title has %s characters; shorten it to %s at most.',
                                        char_length (NEW.title), v_max);
  END IF;
  IF toa_prepublish_severity (v_rules, 'sapo-missing') = 'block' AND char_length (btrim (NEW.sapo)) = 0 THEN
    v_problems := v_problems || 'The sapo is empty: write the lead paragraph.'::text;
  END IF;
  IF toa_prepublish_severity (v_rules, 'section-missing') = 'block' AND NEW.section_id IS NULL THEN
    v_problems := v_problems || 'No section is chosen: choose where the item is published.'::text;
  END IF;
  IF toa_prepublish_severity (v_rules, 'genre-missing') = 'block' AND char_length (btrim (NEW.genre)) = 0 THEN
    v_problems := v_problems || 'No genre is chosen: choose one.'::text;
  END IF;
  IF toa_prepublish_severity (v_rules, 'attribution-missing') = 'block' AND NEW.source_unit_id IS NOT NULL
     AND char_length (btrim (COALESCE (NEW.attribution, ''))) = 0 THEN
    v_problems := v_problems || 'The item comes from a providing unit but has no attribution line: write its source.'::text;
  END IF;
  IF array_length (v_problems, 1) > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('Item %s cannot be %s yet: %s', NEW.id, NEW.state, array_to_string (v_problems, ' '));
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER articles_prepublish BEFORE UPDATE OF state ON articles
  FOR EACH ROW WHEN (NEW.state IN ('published', 'scheduled') AND NEW.state IS DISTINCT FROM OLD.state)
  EXECUTE FUNCTION toa_articles_prepublish ();
