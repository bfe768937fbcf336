-- 0011_area_codes.sql - the GB/T 2260 administrative-division codes, loaded
-- by the admin from a CSV (`jiuzhu import areacodes`, db/import.c). An ID
-- number's first six digits must be one of them, current or retired: codes
-- retired since 1981 stay valid for old ID numbers (DESIGN §3).
-- A code can be reused after a change (120110 was 东郊区 1981-1992, then
-- 东丽区), so a row is one code over one span: the key is (code, valid_from).

CREATE TABLE jz.area_code (
	code       text NOT NULL CHECK (code ~ '^[0-9]{6}$'),    -- 代码
	province   text NOT NULL,                                -- 一级行政区
	prefecture text,             -- 二级行政区: NULL for a province, 直辖 under a municipality
	name       text NOT NULL,                                -- 名称
	level      text NOT NULL CHECK (level IN ('省级', '地级', '县级')),  -- 级别
	status     text NOT NULL CHECK (status IN ('在用', '弃用', '变更')), -- 状态
	valid_from smallint NOT NULL CHECK (valid_from BETWEEN 1949 AND 2999),  -- 启用时间 (year)
	retired_in smallint CHECK (retired_in BETWEEN 1949 AND 2999),        -- 变更/弃用时间 (year)
	new_code   text,             -- 新代码 as published: '130102;130104', '120113[2020]'
	PRIMARY KEY (code, valid_from)
);
COMMENT ON TABLE jz.area_code IS
	'GB/T 2260 codes since 1981, current and retired; empty until the admin imports the list.';

CREATE FUNCTION jz.area_code_known(code text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM jz.area_code a WHERE a.code = $1)
$$;

-- No list loaded: only the C validator's province rule applies, so pass.
CREATE FUNCTION jz.id_area_ok(idnum text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT NOT EXISTS (SELECT 1 FROM jz.area_code)
	    OR EXISTS (SELECT 1 FROM jz.area_code a WHERE a.code = left($1, 6))
$$;

REVOKE ALL ON FUNCTION jz.area_code_known(text), jz.id_area_ok(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.area_code_known(text), jz.id_area_ok(text)
	TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT SELECT ON jz.area_code TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT INSERT, UPDATE, DELETE ON jz.area_code TO jz_admin;
