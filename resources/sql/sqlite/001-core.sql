-- 001-core.sql — the board's core records: sites, sections (chuyên mục), providing units
-- (đơn vị cung cấp), genres (thể loại), kinds of information (loại thông tin), people and
-- their roles, articles (tin bài) with authors, revisions, comments and the append-only
-- audit log (nhật ký hệ thống). Instants are µs since the epoch, UTC; text is NFC.
-- Applied by app/store/toa-sqlite-migrate.c in one transaction with the user_version bump.

CREATE TABLE sites (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL,
  kind  TEXT NOT NULL DEFAULT 'component' CHECK (kind IN ('portal', 'component')),
  url   TEXT
);

CREATE TABLE sections (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites (id),
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, code)
);

CREATE TABLE units (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
);

CREATE TABLE genres (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  designed  INTEGER NOT NULL DEFAULT 0 CHECK (designed IN (0, 1)),
  position  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO genres (code, name, designed, position) VALUES
  ('tin',         'Tin',         0,  1),
  ('bai',         'Bài',         0,  2),
  ('anh',         'Ảnh',         0,  3),
  ('video',       'Video',       1,  4),
  ('infographic', 'Infographic', 1,  5),
  ('podcast',     'Podcast',     1,  6),
  ('longform',    'Longform',    1,  7),
  ('banner',      'Banner',      1,  8),
  ('van-ban',     'Văn bản',     0,  9),
  ('thong-bao',   'Thông báo',   0, 10),
  ('phong-su',    'Phóng sự',    0, 11),
  ('phong-van',   'Phỏng vấn',   0, 12);

-- deadline_days: working days; 0 = immediately; -1 = kept current.
-- basis: what the deadline counts from.
CREATE TABLE info_kinds (
  code           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  deadline_days  INTEGER NOT NULL,
  basis          TEXT NOT NULL,
  source         TEXT NOT NULL,
  position       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO info_kinds (code, name, deadline_days, basis, source, position) VALUES
  ('news',             'Giới thiệu, tin tức - sự kiện, chỉ đạo - điều hành, thông tin liên hệ', 0, 'receipt', 'Bình Định, Điều 8.1', 1),
  ('law-guidance',     'Tuyên truyền, phổ biến, hướng dẫn pháp luật, chế độ, chính sách', 15, 'issue', 'Bình Định, Điều 8.1', 2),
  ('legal-document',   'Văn bản quy phạm pháp luật, văn bản hành chính do cơ quan ban hành hoặc dự thảo', 2, 'issue', 'Bình Định, Điều 8.1', 3),
  ('plan-investment',  'Chiến lược, quy hoạch, kế hoạch, dự án, đầu tư, đấu thầu, mua sắm công', 10, 'approval', 'Bình Định, Điều 8.1', 4),
  ('qa-forward',       'Hỏi đáp: phân loại, chuyển đơn vị xử lý', 2, 'receipt', 'Bình Định, Điều 8.1', 5),
  ('qa-answer',        'Hỏi đáp: trả lời hoặc thông báo thời hạn trả lời', 15, 'receipt', 'Bình Định, Điều 8.1', 6),
  ('science',          'Chương trình, đề tài khoa học', 20, 'approval', 'Bình Định, Điều 8.1', 7),
  ('statistics',       'Thông tin thống kê', 10, 'decision', 'Bình Định, Điều 8.1', 8),
  ('foreign-language', 'Thông tin tiếng nước ngoài', -1, 'none', 'Bình Định, Điều 8.1', 9);

CREATE TABLE people (
  id             INTEGER PRIMARY KEY,
  login          TEXT UNIQUE,             -- NULL for a contributor who never signs in
  full_name      TEXT NOT NULL,
  email          TEXT,
  contributor    INTEGER NOT NULL DEFAULT 0 CHECK (contributor IN (0, 1)),
  contract_no    TEXT,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash  TEXT                     -- argon2id (libsodium); NULL = cannot sign in
);

CREATE TABLE person_roles (
  person_id  INTEGER NOT NULL REFERENCES people (id),
  site_id    INTEGER NOT NULL REFERENCES sites (id),
  role       TEXT NOT NULL CHECK (role IN ('head', 'standing-deputy', 'deputy', 'secretary',
                                           'member', 'editor', 'technician', 'accountant',
                                           'admin')),
  PRIMARY KEY (person_id, site_id, role)
) WITHOUT ROWID;

CREATE INDEX person_roles_site ON person_roles (site_id);

CREATE TABLE articles (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites (id),
  section_id      INTEGER REFERENCES sections (id),
  genre           TEXT NOT NULL REFERENCES genres (code),
  language        TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
  source_unit_id  INTEGER REFERENCES units (id),
  info_kind       TEXT REFERENCES info_kinds (code),
  title           TEXT NOT NULL,
  title_fold      TEXT NOT NULL,          -- toa_fold(title): the title sort key
  sapo            TEXT NOT NULL DEFAULT '',
  body_html       TEXT NOT NULL DEFAULT '',
  attribution     TEXT,
  state           TEXT NOT NULL CHECK (state IN ('received', 'draft', 'editing',
                                                 'secretary-review', 'deputy-review',
                                                 'escalated', 'chairman-opinion', 'scheduled',
                                                 'published', 'returned', 'refused',
                                                 'withdrawn')),
  created_by      INTEGER REFERENCES people (id),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  published_at    INTEGER NOT NULL DEFAULT 0,   -- 0 = never published
  version         INTEGER NOT NULL DEFAULT 1
);

-- The list's sort orders (key, id) and its filters, each filter followed by the default sort.
CREATE INDEX articles_updated   ON articles (updated_at, id);
CREATE INDEX articles_created   ON articles (created_at, id);
CREATE INDEX articles_published ON articles (published_at, id);
CREATE INDEX articles_title     ON articles (title_fold, id);
CREATE INDEX articles_site      ON articles (site_id, updated_at, id);
CREATE INDEX articles_section   ON articles (section_id, updated_at, id);
CREATE INDEX articles_genre     ON articles (genre, updated_at, id);
CREATE INDEX articles_state     ON articles (state, updated_at, id);
CREATE INDEX articles_created_by ON articles (created_by);

CREATE TABLE article_authors (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES people (id),
  role        TEXT NOT NULL DEFAULT 'author' CHECK (role IN ('author', 'photographer', 'translator')),
  share_bp    INTEGER NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE INDEX article_authors_person ON article_authors (person_id);

CREATE TABLE revisions (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,
  sapo        TEXT NOT NULL DEFAULT '',
  body_html   TEXT NOT NULL DEFAULT '',
  author_id   INTEGER REFERENCES people (id),
  created_at  INTEGER NOT NULL,
  note        TEXT,
  UNIQUE (article_id, number)
);

CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id),
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE INDEX comments_article ON comments (article_id, created_at);

-- Append-only and hash-chained (the hashes are computed by core, toa-audit.c).
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER NOT NULL DEFAULT 0,   -- 0 = the system
  action       TEXT NOT NULL,
  object_type  TEXT NOT NULL,
  object_id    INTEGER NOT NULL DEFAULT 0,
  detail       TEXT,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'audit_log is append-only');
END;
