-- 007-mentions.sql — people named in an editorial comment (góp ý biên tập) with @login,
-- so they can see that they were asked (issue 3, point 6).
CREATE TABLE comment_mentions (
  comment_id  INTEGER NOT NULL REFERENCES comments(id),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (comment_id, person_id)
) WITHOUT ROWID;

CREATE INDEX comment_mentions_by_person ON comment_mentions (person_id, comment_id);
