-- 011-prepublish.sql — the pre-publish checks (issue 5 point 7) as data: the board setting
-- "prepublish_rules" (JSON) gives each check's severity (block, warn or off) with its source,
-- the title's length limit and the link schemes allowed. toa-prepublish.c reads it; the
-- administrator changes a severity with "toasoan-cli board prepublish-rules set" (audited).
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
