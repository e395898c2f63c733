-- 009-delegation-form.sql — the form of signing under delegation (issue 3, point 3).
-- KT. (ký thay): a deputy signs for the head; TL. (thừa lệnh): someone acts by order, e.g. the
-- secretary for the standing deputy (Nghị định 30/2020/NĐ-CP về công tác văn thư, Điều 13:
-- thẩm quyền ký văn bản). The form is chosen when delegating; every act
-- under delegation keeps the form used at the time, so later changes never rewrite history.
ALTER TABLE delegations ADD COLUMN form TEXT NOT NULL DEFAULT 'KT' CHECK (form IN ('KT', 'TL'));
ALTER TABLE article_transitions ADD COLUMN behalf_form TEXT CHECK (behalf_form IN ('KT', 'TL'));
-- Acts recorded before this migration were labelled "KT.": keep saying so.
-- (article_transitions is never updated — its trigger forbids it — so readers treat a NULL
-- form with a delegator as 'KT'.)
CREATE INDEX delegations_from ON delegations (from_person, from_date);
