/* import.c - reference data loaded by the admin. C only reads the file and
 * hands it over; PostgreSQL parses it: the holiday calendar as one jsonb
 * parameter to jz.import_holidays(), the area-code CSV through COPY, whose
 * error context names the line that is wrong. */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* holiday-cn files are about 5 KiB; anything far larger is not one. */
#define HOLIDAY_MAX_BYTES (1024 * 1024)
#define COPY_CHUNK 65536

/* Read a whole small file into a NUL-terminated malloc'd buffer. */
static char *read_small_file(const char *path, size_t max, db_err *err)
{
	FILE *f = NULL;
	char *buf = NULL;
	size_t len;

	f = fopen(path, "rb");
	if (!f) {
		db_err_set(err, DB_ERR_OTHER, _("Cannot open %s: %s"), path, strerror(errno));
		goto fail;
	}
	buf = malloc(max + 1);
	if (!buf) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		goto fail;
	}
	len = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		db_err_set(err, DB_ERR_OTHER, _("Cannot read %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (len > max) {
		db_err_set(err, DB_ERR_OTHER, _("%s is larger than %d KiB: not a holiday calendar."),
			   path, (int)(max / 1024));
		goto fail;
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		db_err_set(err, DB_ERR_OTHER, _("%s holds NUL bytes: not a text file."), path);
		goto fail;
	}
	fclose(f);
	return buf;
fail:
	free(buf);
	if (f)
		fclose(f);
	return NULL;
}

bool db_import_holidays(db_conn *c, const char *path, int *rows, db_err *err)
{
	char *text;
	const char *params[1];
	PGresult *res;
	bool ok = false;

	if (rows)
		*rows = 0;
	text = read_small_file(path, HOLIDAY_MAX_BYTES, err);
	if (!text)
		return false;
	params[0] = text;
	res = db_exec(c, "SELECT jz.import_holidays($1::jsonb)", 1, params, err);
	if (res) {
		if (rows && PQntuples(res) == 1)
			*rows = atoi(PQgetvalue(res, 0, 0));
		ok = true;
		PQclear(res);
	}
	free(text);
	return ok;
}

/* The CSV's own header names are the column names, so HEADER MATCH refuses
 * a file whose columns are not these; the checks repeat jz.area_code's so
 * that COPY, not the later INSERT, finds a bad value and names its line.
 * line numbers the records from 2 (line 1 is the header). */
static const char sql_area_temp[] =
	"CREATE TEMP TABLE jz_area_import ("
	" line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2),"
	" \"代码\" text NOT NULL CHECK (\"代码\" ~ '^[0-9]{6}$'),"
	" \"一级行政区\" text NOT NULL,"
	" \"二级行政区\" text,"
	" \"名称\" text NOT NULL,"
	" \"级别\" text NOT NULL CHECK (\"级别\" IN ('省级', '地级', '县级')),"
	" \"状态\" text NOT NULL CHECK (\"状态\" IN ('在用', '弃用', '变更')),"
	" \"启用时间\" smallint NOT NULL CHECK (\"启用时间\" BETWEEN 1949 AND 2999),"
	" \"变更/弃用时间\" smallint CHECK (\"变更/弃用时间\" BETWEEN 1949 AND 2999),"
	" \"新代码\" text"
	") ON COMMIT DROP";

static const char sql_area_copy[] =
	"COPY pg_temp.jz_area_import (\"代码\", \"一级行政区\", \"二级行政区\", \"名称\","
	" \"级别\", \"状态\", \"启用时间\", \"变更/弃用时间\", \"新代码\")"
	" FROM STDIN WITH (FORMAT csv, HEADER match, ENCODING 'UTF8')";

/* The key is (code, valid_from); a file listing one twice is refused here,
 * not by ON CONFLICT's less helpful message. */
static const char sql_area_dup[] =
	"SELECT \"代码\", \"启用时间\", min(line), max(line)"
	" FROM pg_temp.jz_area_import GROUP BY 1, 2 HAVING count(*) > 1"
	" ORDER BY 3 LIMIT 1";

/* Unchanged rows are not rewritten: a re-import changes nothing. */
static const char sql_area_upsert[] =
	"INSERT INTO jz.area_code AS t (code, province, prefecture, name, level,"
	"  status, valid_from, retired_in, new_code)"
	" SELECT \"代码\", \"一级行政区\", \"二级行政区\", \"名称\", \"级别\", \"状态\","
	"  \"启用时间\", \"变更/弃用时间\", \"新代码\""
	" FROM pg_temp.jz_area_import ORDER BY line"
	" ON CONFLICT (code, valid_from) DO UPDATE SET"
	"  province = excluded.province, prefecture = excluded.prefecture,"
	"  name = excluded.name, level = excluded.level, status = excluded.status,"
	"  retired_in = excluded.retired_in, new_code = excluded.new_code"
	" WHERE (t.province, t.prefecture, t.name, t.level, t.status, t.retired_in,"
	"  t.new_code) IS DISTINCT FROM (excluded.province, excluded.prefecture,"
	"  excluded.name, excluded.level, excluded.status, excluded.retired_in,"
	"  excluded.new_code)";

/* snprintf may cut a UTF-8 sequence at the end of a full buffer: drop it. */
static void drop_torn_utf8(char *s)
{
	size_t len = strlen(s), start = len, need;
	unsigned char lead;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	lead = (unsigned char)s[start - 1];
	if (lead < 0x80)
		return;
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (len - (start - 1) < need)
		s[start - 1] = '\0';
}

/* db_err_from_result keeps DETAIL and HINT; for COPY the CONTEXT line
 * ("COPY jz_area_import, line 5, column 启用时间: ...") is what says where. */
static void err_from_copy_result(db_err *err, const PGresult *res)
{
	const char *ctx;
	size_t used;

	db_err_from_result(err, res);
	ctx = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
	if (!err || !ctx || !*ctx)
		return;
	used = strlen(err->detail);
	if (used + 2 >= sizeof err->detail)
		return;
	snprintf(err->detail + used, sizeof err->detail - used, "%s%s",
		 used ? "\n" : "", ctx);
	drop_torn_utf8(err->detail);
}

/* Send the file as COPY data, the UTF-8 BOM of the first chunk left out
 * (it would be part of the first header name). Returns the count COPY
 * reports, or -1 with *err filled. Every result is read and freed. */
static long copy_file(PGconn *pg, FILE *f, const char *path, db_err *err)
{
	char *buf;
	size_t n;
	bool first = true, send_failed = false;
	char read_err[256] = "";
	PGresult *res;
	long count = -1;

	buf = malloc(COPY_CHUNK);
	if (!buf) {
		PQputCopyEnd(pg, "out of memory");
		snprintf(read_err, sizeof read_err, "%s", _("Out of memory."));
	}
	while (buf && (n = fread(buf, 1, COPY_CHUNK, f)) > 0) {
		const char *p = buf;
		if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			n -= 3;
		}
		first = false;
		if (n > 0 && PQputCopyData(pg, p, (int)n) != 1) {
			send_failed = true;
			break;
		}
	}
	if (buf && !send_failed) {
		if (ferror(f)) {
			snprintf(read_err, sizeof read_err, _("Cannot read %s: %s"),
				 path, strerror(errno));
			PQputCopyEnd(pg, "the client could not read the file");
		} else {
			PQputCopyEnd(pg, NULL);
		}
	}
	free(buf);

	/* The COPY's own result, then NULL; drain whatever else comes. */
	while ((res = PQgetResult(pg)) != NULL) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_COMMAND_OK && count < 0 && !read_err[0])
			count = atol(PQcmdTuples(res));
		else if (st != PGRES_COMMAND_OK && count < 0 && !read_err[0]
			 && err && err->kind == DB_OK)
			err_from_copy_result(err, res);
		PQclear(res);
	}
	if (read_err[0]) {
		db_err_set(err, DB_ERR_OTHER, "%s", read_err);
		return -1;
	}
	if (count < 0 && err && err->kind == DB_OK)
		db_err_from_conn(err, pg);
	return count;
}

bool db_import_areacodes(db_conn *c, const char *path, int *rows, db_err *err)
{
	db_err local;
	db_err *e = err ? err : &local;
	FILE *f = NULL;
	PGresult *res = NULL;
	bool in_tx = false, ok = false;
	long count;

	if (rows)
		*rows = 0;
	f = fopen(path, "rb");
	if (!f) {
		db_err_set(e, DB_ERR_OTHER, _("Cannot open %s: %s"), path, strerror(errno));
		return false;
	}
	if (!db_run(c, "BEGIN", 0, NULL, e))
		goto done;
	in_tx = true;
	if (!db_run(c, sql_area_temp, 0, NULL, e))
		goto done;

	/* COPY FROM STDIN answers PGRES_COPY_IN, which db_exec would reject. */
	res = PQexec(db_pg(c), sql_area_copy);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		if (res)
			err_from_copy_result(e, res);
		else
			db_err_from_conn(e, db_pg(c));
		goto done;
	}
	PQclear(res);
	res = NULL;
	memset(e, 0, sizeof *e);
	count = copy_file(db_pg(c), f, path, e);
	if (count < 0)
		goto done;

	res = db_exec(c, sql_area_dup, 0, NULL, e);
	if (!res)
		goto done;
	if (PQntuples(res) > 0) {
		db_err_set(e, DB_ERR_SQL, _("Area code %s (in use from %s) is listed twice: "
					    "lines %s and %s."),
			   PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
			   PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3));
		goto done;
	}
	PQclear(res);
	res = NULL;
	if (!db_run(c, sql_area_upsert, 0, NULL, e))
		goto done;
	if (!db_run(c, "COMMIT", 0, NULL, e))
		goto done;
	in_tx = false;
	if (rows)
		*rows = (int)count;
	ok = true;
done:
	PQclear(res);
	if (in_tx) {
		db_err keep = *e;
		db_run(c, "ROLLBACK", 0, NULL, e);
		*e = keep;   /* the first failure is the one to report */
	}
	fclose(f);
	return ok;
}
