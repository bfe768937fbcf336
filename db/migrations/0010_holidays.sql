-- 0010_holidays.sql - China's public-holiday calendar and working-day
-- arithmetic (DESIGN §2: notify_by = submitted + 5 working days).
-- A year is "known" only when jz.holiday_year has its row; outside known
-- years the weekend rule still gives a date, but it is marked uncertain.
-- Data: holiday-cn (github.com/NateScarlet/holiday-cn, MIT), 2025 and 2026.

CREATE TABLE jz.holiday (
	day        date PRIMARY KEY,
	name       text NOT NULL,
	is_off_day boolean NOT NULL   -- false: a make-up working day (调休)
);
COMMENT ON TABLE jz.holiday IS
	'Listed days of the official calendar: holidays (off) and make-up working days.';

CREATE TABLE jz.holiday_year (
	year      integer PRIMARY KEY CHECK (year BETWEEN 1949 AND 2999),
	loaded_at timestamptz NOT NULL DEFAULT now(),
	source    text
);
COMMENT ON TABLE jz.holiday_year IS
	'Years whose calendar is loaded; a deadline in any other year is uncertain.';

-- A listed day says itself; an unlisted day is a working day Monday-Friday.
CREATE FUNCTION jz.is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce((SELECT NOT h.is_off_day FROM jz.holiday h WHERE h.day = d),
			extract(isodow FROM d) < 6)
$$;

-- The start day is not counted. Days walked in a year with no calendar use the
-- weekend rule only (a stray listed day there is ignored) and clear "certain".
CREATE FUNCTION jz.add_working_days(start date, n integer,
				    OUT due date, OUT certain boolean)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	counted integer := 0;
	cur_year integer;
	year_known boolean;
	working boolean;
BEGIN
	IF n < 0 OR n > 3660 THEN
		RAISE EXCEPTION 'working-day count % is out of range (0 to 3660)', n
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	due := start;
	certain := true;
	WHILE counted < n LOOP
		due := due + 1;
		IF cur_year IS DISTINCT FROM extract(year FROM due)::integer THEN
			cur_year := extract(year FROM due)::integer;
			year_known := EXISTS (SELECT 1 FROM jz.holiday_year y
					      WHERE y.year = cur_year);
			IF NOT year_known THEN
				certain := false;
			END IF;
		END IF;
		IF year_known THEN
			working := jz.is_working_day(due);
		ELSE
			working := extract(isodow FROM due) < 6;
		END IF;
		IF working THEN
			counted := counted + 1;
		END IF;
	END LOOP;
END
$$;

-- Load one holiday-cn document ({year, papers, days:[{name, date, isOffDay}]})
-- as that year's whole calendar. PostgreSQL parses the JSON; this checks it.
-- An empty day list is refused: holiday-cn publishes the next year's file
-- empty until the State Council's notice is out, and an empty calendar must
-- never make that year look known.
CREATE FUNCTION jz.import_holidays(doc jsonb) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cal_year integer;
	e jsonb;
	i bigint;
	d date;
	dup date;
	src text;
	n integer;
BEGIN
	IF doc IS NULL OR jsonb_typeof(doc) <> 'object' THEN
		RAISE EXCEPTION 'not a holiday calendar: expected a JSON object with "year" and "days"'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF jsonb_typeof(doc->'year') IS DISTINCT FROM 'number'
	   OR (doc->>'year') !~ '^[0-9]{4}$' THEN
		RAISE EXCEPTION 'the calendar has no "year" (a four-digit number)'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	cal_year := (doc->>'year')::integer;
	IF cal_year NOT BETWEEN 1949 AND 2999 THEN
		RAISE EXCEPTION 'the calendar year % is out of range', cal_year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF jsonb_typeof(doc->'days') IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'the % calendar has no "days" list', cal_year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF jsonb_array_length(doc->'days') = 0 THEN
		RAISE EXCEPTION 'the % calendar has no days: not yet published?', cal_year
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'The year stays unknown; deadlines in it are marked uncertain.';
	END IF;

	FOR e, i IN SELECT x.v, x.ord FROM jsonb_array_elements(doc->'days')
			WITH ORDINALITY AS x(v, ord) LOOP
		IF jsonb_typeof(e) IS DISTINCT FROM 'object'
		   OR jsonb_typeof(e->'date') IS DISTINCT FROM 'string'
		   OR jsonb_typeof(e->'isOffDay') IS DISTINCT FROM 'boolean'
		   OR jsonb_typeof(e->'name') IS DISTINCT FROM 'string' THEN
			RAISE EXCEPTION 'day % of the % calendar needs "name", "date" and "isOffDay"', i, cal_year
				USING ERRCODE = 'invalid_parameter_value',
				      DETAIL = 'entry: ' || left(e::text, 200);
		END IF;
		IF (e->>'date') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
			d := NULL;
		ELSE
			BEGIN
				d := (e->>'date')::date;
			EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
				d := NULL;
			END;
		END IF;
		IF d IS NULL THEN
			RAISE EXCEPTION 'day % of the % calendar: "%" is not a date (YYYY-MM-DD)',
				i, cal_year, e->>'date'
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		IF extract(year FROM d) <> cal_year THEN
			RAISE EXCEPTION 'day % of the % calendar: % is not in %', i, cal_year, d, cal_year
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	END LOOP;

	SELECT (x->>'date')::date INTO dup
	FROM jsonb_array_elements(doc->'days') x
	GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1;
	IF dup IS NOT NULL THEN
		RAISE EXCEPTION 'the % calendar lists % twice', cal_year, dup
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	DELETE FROM jz.holiday
	WHERE day >= make_date(cal_year, 1, 1) AND day < make_date(cal_year + 1, 1, 1);
	INSERT INTO jz.holiday (day, name, is_off_day)
	SELECT (x->>'date')::date, x->>'name', (x->>'isOffDay')::boolean
	FROM jsonb_array_elements(doc->'days') x;
	GET DIAGNOSTICS n = ROW_COUNT;

	SELECT nullif(string_agg(p, ' '), '') INTO src
	FROM jsonb_array_elements_text(
		CASE WHEN jsonb_typeof(doc->'papers') = 'array' THEN doc->'papers'
		     ELSE '[]'::jsonb END) p;
	INSERT INTO jz.holiday_year (year, loaded_at, source)
	VALUES (cal_year, now(), coalesce(src, 'holiday-cn'))
	ON CONFLICT (year) DO UPDATE
		SET loaded_at = excluded.loaded_at, source = excluded.source;
	RETURN n;
END
$$;

REVOKE ALL ON FUNCTION jz.is_working_day(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION jz.add_working_days(date, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION jz.import_holidays(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.is_working_day(date), jz.add_working_days(date, integer)
	TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT EXECUTE ON FUNCTION jz.import_holidays(jsonb) TO jz_admin;
GRANT SELECT ON jz.holiday, jz.holiday_year
	TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT INSERT, UPDATE, DELETE ON jz.holiday, jz.holiday_year TO jz_admin;

-- 2025: https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
INSERT INTO jz.holiday (day, name, is_off_day) VALUES
	('2025-01-01', '元旦', true),
	('2025-01-26', '春节', false),
	('2025-01-28', '春节', true),
	('2025-01-29', '春节', true),
	('2025-01-30', '春节', true),
	('2025-01-31', '春节', true),
	('2025-02-01', '春节', true),
	('2025-02-02', '春节', true),
	('2025-02-03', '春节', true),
	('2025-02-04', '春节', true),
	('2025-02-08', '春节', false),
	('2025-04-04', '清明节', true),
	('2025-04-05', '清明节', true),
	('2025-04-06', '清明节', true),
	('2025-04-27', '劳动节', false),
	('2025-05-01', '劳动节', true),
	('2025-05-02', '劳动节', true),
	('2025-05-03', '劳动节', true),
	('2025-05-04', '劳动节', true),
	('2025-05-05', '劳动节', true),
	('2025-05-31', '端午节', true),
	('2025-06-01', '端午节', true),
	('2025-06-02', '端午节', true),
	('2025-09-28', '国庆节、中秋节', false),
	('2025-10-01', '国庆节、中秋节', true),
	('2025-10-02', '国庆节、中秋节', true),
	('2025-10-03', '国庆节、中秋节', true),
	('2025-10-04', '国庆节、中秋节', true),
	('2025-10-05', '国庆节、中秋节', true),
	('2025-10-06', '国庆节、中秋节', true),
	('2025-10-07', '国庆节、中秋节', true),
	('2025-10-08', '国庆节、中秋节', true),
	('2025-10-11', '国庆节、中秋节', false);
INSERT INTO jz.holiday_year (year, loaded_at, source) VALUES
	(2025, now(), 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm');

-- 2026: https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
INSERT INTO jz.holiday (day, name, is_off_day) VALUES
	('2026-01-01', '元旦', true),
	('2026-01-02', '元旦', true),
	('2026-01-03', '元旦', true),
	('2026-01-04', '元旦', false),
	('2026-02-14', '春节', false),
	('2026-02-15', '春节', true),
	('2026-02-16', '春节', true),
	('2026-02-17', '春节', true),
	('2026-02-18', '春节', true),
	('2026-02-19', '春节', true),
	('2026-02-20', '春节', true),
	('2026-02-21', '春节', true),
	('2026-02-22', '春节', true),
	('2026-02-23', '春节', true),
	('2026-02-28', '春节', false),
	('2026-04-04', '清明节', true),
	('2026-04-05', '清明节', true),
	('2026-04-06', '清明节', true),
	('2026-05-01', '劳动节', true),
	('2026-05-02', '劳动节', true),
	('2026-05-03', '劳动节', true),
	('2026-05-04', '劳动节', true),
	('2026-05-05', '劳动节', true),
	('2026-05-09', '劳动节', false),
	('2026-06-19', '端午节', true),
	('2026-06-20', '端午节', true),
	('2026-06-21', '端午节', true),
	('2026-09-20', '国庆节', false),
	('2026-09-25', '中秋节', true),
	('2026-09-26', '中秋节', true),
	('2026-09-27', '中秋节', true),
	('2026-10-01', '国庆节', true),
	('2026-10-02', '国庆节', true),
	('2026-10-03', '国庆节', true),
	('2026-10-04', '国庆节', true),
	('2026-10-05', '国庆节', true),
	('2026-10-06', '国庆节', true),
	('2026-10-07', '国庆节', true),
	('2026-10-10', '国庆节', false);
INSERT INTO jz.holiday_year (year, loaded_at, source) VALUES
	(2026, now(), 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm');

