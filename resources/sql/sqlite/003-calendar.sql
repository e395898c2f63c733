-- 003-calendar.sql — the working-day calendar (issue 3): the public holidays of Bộ luật Lao động
-- 2019 Điều 112 as rules, and each year's official adjustments (days off moved, make-up
-- working days), which win over the rules. A holiday on a weekend gives a day off on the next
-- working day (Điều 112 khoản 3); core applies that rule, the adjustments below only record
-- where the official schedule differs from it or fixes what the law leaves open.

-- A holiday: length_days days from offset_days after day/month of the solar or lunar year.
CREATE TABLE calendar_holidays (
  code         TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  calendar     TEXT NOT NULL CHECK (calendar IN ('solar', 'lunar')),
  month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  day          INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
  offset_days  INTEGER NOT NULL DEFAULT 0,
  length_days  INTEGER NOT NULL DEFAULT 1 CHECK (length_days BETWEEN 1 AND 31),
  source       TEXT NOT NULL,
  position     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO calendar_holidays (code, name, calendar, month, day, offset_days, length_days, source, position) VALUES
  ('new-year',      'Tết Dương lịch',        'solar', 1, 1,   0, 1, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm a', 1),
  ('lunar-new-year', 'Tết Nguyên Đán',       'lunar', 1, 1,  -1, 5, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm b: 05 ngày; ngày cụ thể do Thủ tướng Chính phủ quyết định hằng năm (mặc định: ngày cuối năm âm lịch và mùng 1–4)', 2),
  ('hung-kings',    'Giỗ Tổ Hùng Vương', 'lunar', 3, 10, 0, 1, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm e', 3),
  ('reunification', 'Ngày Chiến thắng', 'solar', 4, 30, 0, 1, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm c', 4),
  ('labour-day',    'Ngày Quốc tế Lao động', 'solar', 5, 1, 0, 1, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm d', 5),
  ('national-day',  'Quốc khánh',      'solar', 9, 2,   0, 1, 'Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 khoản 1 điểm đ: ngày 2/9 và 01 ngày liền kề trước hoặc sau (ngày liền kề ghi trong calendar_adjustments từng năm)', 6);

-- One official adjustment per day: 'day-off' or 'working-day' whatever the rules say.
CREATE TABLE calendar_adjustments (
  day     TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  kind    TEXT NOT NULL CHECK (kind IN ('day-off', 'working-day')),
  note    TEXT,
  source  TEXT
) WITHOUT ROWID;

-- Public-sector schedules (cán bộ, công chức, viên chức). Weekdays off are all listed for Tết,
-- so the table reads as the official schedule; weekend days are off anyway.
INSERT INTO calendar_adjustments (day, kind, note, source) VALUES
  -- 2024: Tết Giáp Thìn 08/02–14/02 (29 tháng Chạp – mùng 5).
  ('2024-02-08', 'day-off', 'Nghỉ Tết Nguyên Đán Giáp Thìn (29 tháng Chạp)', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  ('2024-02-09', 'day-off', 'Nghỉ Tết Nguyên Đán Giáp Thìn (30 tháng Chạp)', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  ('2024-02-12', 'day-off', 'Nghỉ Tết Nguyên Đán Giáp Thìn (mùng 3)', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  ('2024-02-13', 'day-off', 'Nghỉ Tết Nguyên Đán Giáp Thìn (mùng 4)', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  ('2024-02-14', 'day-off', 'Nghỉ bù Tết Nguyên Đán Giáp Thìn (mùng 5)', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  ('2024-02-15', 'working-day', 'Làm việc: ngày nghỉ bù thứ hai của Tết đã chuyển lên 08/02', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  -- 2024: 30/4–1/5 nghỉ 27/4–01/5, thứ Hai 29/4 hoán đổi với thứ Bảy 04/5.
  ('2024-04-29', 'day-off', 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/5/2024)', 'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 29/4/2024 sang thứ Bảy 04/5/2024; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2024-05-04', 'working-day', 'Làm bù cho ngày nghỉ 29/4/2024', 'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 29/4/2024 sang thứ Bảy 04/5/2024; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  -- 2024: Quốc khánh 31/8–03/9, ngày liền kề là 03/9.
  ('2024-09-03', 'day-off', 'Nghỉ Quốc khánh: ngày liền kề sau 2/9', 'Thông báo 6150/TB-LĐTBXH ngày 29/11/2023 của Bộ Lao động – Thương binh và Xã hội'),
  -- 2025: Tết Ất Tỵ 25/01–02/02 (26 tháng Chạp – mùng 5); ngày nghỉ bù cho mùng 4 (thứ Bảy 01/02) chuyển lên 27/01.
  ('2025-01-27', 'day-off', 'Nghỉ Tết Nguyên Đán Ất Tỵ (28 tháng Chạp; nghỉ bù cho thứ Bảy 01/02)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2025-01-28', 'day-off', 'Nghỉ Tết Nguyên Đán Ất Tỵ (29 tháng Chạp)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2025-01-29', 'day-off', 'Nghỉ Tết Nguyên Đán Ất Tỵ (mùng 1)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2025-01-30', 'day-off', 'Nghỉ Tết Nguyên Đán Ất Tỵ (mùng 2)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2025-01-31', 'day-off', 'Nghỉ Tết Nguyên Đán Ất Tỵ (mùng 3)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  ('2025-02-03', 'working-day', 'Làm việc: ngày nghỉ bù của Tết đã chuyển lên 27/01', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Ất Tỵ từ 25/01 đến 02/02/2025; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  -- 2025: 30/4–1/5 nghỉ 30/4–04/5, thứ Sáu 02/5 hoán đổi với thứ Bảy 26/4.
  ('2025-04-26', 'working-day', 'Làm bù cho ngày nghỉ 02/5/2025', 'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 02/5/2025 sang thứ Bảy 26/4/2025; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  ('2025-05-02', 'day-off', 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)', 'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 02/5/2025 sang thứ Bảy 26/4/2025; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  -- 2025: Quốc khánh 30/8–02/9, ngày liền kề là 01/9.
  ('2025-09-01', 'day-off', 'Nghỉ Quốc khánh: ngày liền kề trước 2/9', 'Phương án nghỉ Tết Âm lịch và Quốc khánh 2025 được Thủ tướng Chính phủ đồng ý; Bộ Lao động – Thương binh và Xã hội thông báo (chưa đối chiếu văn bản)'),
  -- 2026: Tết Bính Ngọ 14/02–22/02 (27 tháng Chạp – mùng 6); 5 ngày Tết 16/02–20/02.
  ('2026-02-16', 'day-off', 'Nghỉ Tết Nguyên Đán Bính Ngọ (29 tháng Chạp)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Bính Ngọ từ 14/02 đến 22/02/2026; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  ('2026-02-17', 'day-off', 'Nghỉ Tết Nguyên Đán Bính Ngọ (mùng 1)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Bính Ngọ từ 14/02 đến 22/02/2026; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  ('2026-02-18', 'day-off', 'Nghỉ Tết Nguyên Đán Bính Ngọ (mùng 2)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Bính Ngọ từ 14/02 đến 22/02/2026; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  ('2026-02-19', 'day-off', 'Nghỉ Tết Nguyên Đán Bính Ngọ (mùng 3)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Bính Ngọ từ 14/02 đến 22/02/2026; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  ('2026-02-20', 'day-off', 'Nghỉ Tết Nguyên Đán Bính Ngọ (mùng 4)', 'Thủ tướng Chính phủ đồng ý phương án nghỉ Tết Bính Ngọ từ 14/02 đến 22/02/2026; Bộ Nội vụ thông báo (chưa đối chiếu văn bản)'),
  -- 2026: Quốc khánh rơi vào thứ Tư; ngày liền kề chưa đối chiếu.
  ('2026-09-01', 'day-off', 'Nghỉ Quốc khánh: ngày liền kề trước 2/9', 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ; ngày liền kề năm 2026 chưa đối chiếu văn bản — cần kiểm tra thông báo của Bộ Nội vụ');
