-- 006-intake.sql — intake (Quy trình 1, Quy chế Cổng TTĐT tỉnh Bình Phước 2024 Điều 10.1.a):
-- how each item came in (channel, sender, document number, dates, attachments) and, when it
-- is refused, the reply letter; plus the indexes of the approval inbox ("waiting for me",
-- "sent by me"). Material written in-house skips intake (Điều 10.4) but is registered too,
-- with the channel 'in-house'.

-- The channels material arrives by (GLOSSARY: kênh tiếp nhận), as data.
CREATE TABLE intake_channels (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  skips_intake INTEGER NOT NULL DEFAULT 0 CHECK (skips_intake IN (0, 1)),
  position  INTEGER NOT NULL DEFAULT 0,
  source    TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO intake_channels (code, name, skips_intake, position, source) VALUES
  ('post',            'Bưu điện',          0, 1, 'Quy chế Cổng TTĐT tỉnh Bình Phước 2024, Điều 10.1.a'),
  ('document-system', 'Hệ thống văn bản',  0, 2, 'Quy chế Cổng TTĐT tỉnh Bình Phước 2024, Điều 10.1.a'),
  ('email',           'Thư điện tử',       0, 3, 'Quy chế Cổng TTĐT tỉnh Bình Phước 2024, Điều 10.1.a'),
  ('zalo',            'Nhóm Zalo',         0, 4, 'Quy chế Cổng TTĐT tỉnh Bình Phước 2024, Điều 10.1.a'),
  ('in-house',        'Tự viết',           1, 5, 'Quy chế Cổng TTĐT tỉnh Bình Phước 2024, Điều 10.4');

CREATE TABLE intake_records (
  article_id      INTEGER PRIMARY KEY REFERENCES articles (id),
  channel         TEXT NOT NULL REFERENCES intake_channels (code)
                  CHECK (channel IN ('post', 'document-system', 'email', 'zalo', 'in-house')),
  sender_unit_id  INTEGER REFERENCES units (id),
  sender_name     TEXT,                     -- when the sender is not a registered unit
  document_no     TEXT,                     -- số văn bản / số công văn
  received_on     TEXT NOT NULL,            -- 'YYYY-MM-DD'
  issued_on       TEXT,                     -- 'YYYY-MM-DD' or NULL
  attachments     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (attachments)),  -- JSON list of file names
  reply_letter    TEXT,                     -- the refusal letter, once written
  created_at      INTEGER NOT NULL
);

-- The inbox: per site, the states a person may act on, ordered by deadline then last change;
-- the filters (workflow, genre for designed products) are in the index so it covers them.
CREATE INDEX articles_inbox ON articles (site_id, state, workflow_code, genre, deadline, updated_at);
-- "Sent by me": the items a person moved last.
CREATE INDEX articles_by_last_actor ON articles (last_actor_id, state) WHERE last_actor_id IS NOT NULL;
