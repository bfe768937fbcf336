/* test_policy_admin.c - policy figures as the administrator (0100,
 * db/policy_admin): a row dated next year is added and listed as later
 * while today's stays in force; a past date is refused by the function and
 * by plain SQL; history is not edited; a receptionist may not add. The
 * note longer than 255 bytes reads back whole, and a figure's last day
 * is the day before its key's next one. The
 * holiday years and the area-code count read back; the area-code CSV
 * imports as jz_admin (the screen's path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "import.h"
#include "policy_admin.h"
#include "tap.h"
#include "testdb.h"

static db_conn *login_as(testdb *t, const char *group, const char *tag, db_err *e)
{
	char role[64], sql[300];

	snprintf(role, sizeof role, "pol_%s_%d", tag, (int)getpid());
	snprintf(sql, sizeof sql, "create role %s login password '政策-test-7' in role %s", role, group);
	if (!db_run(t->conn, sql, 0, NULL, e))
		return NULL;
	return testdb_connect_as(t, role, "政策-test-7", e);
}

static const db_policy_row *find(const db_policy_row *r, size_t n, const char *key, const char *from)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].key, key) == 0 && strcmp(r[i].effective, from) == 0)
			return &r[i];
	return NULL;
}

int main(void)
{
	testdb t;
	char err[512], next_year[11], past[11], eve[11];
	/* 100 characters, 300 bytes: more than the 255 the row once held */
	static const char long_note[] =
		"自明年一月起低收入家庭现金救助标准调整为每户每月五百二十元五角，"
		"经街道办事处民政科审核并报区民政局备案，社区居委会负责张榜公示七个自然日，"
		"公示期满无异议后执行，如有异议请在公示期内向社区居委会书面反映";
	db_err e;
	db_policy_row *rows = NULL;
	size_t n = 0;

	if (!testdb_init(&t, "policy_admin", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	PGresult *d = db_exec(t.conn, "select (date_trunc('year', current_date) + interval '1 year')::date::text,"
			      " (current_date - 1)::text,"
			      " ((date_trunc('year', current_date) + interval '1 year')::date - 1)::text",
			      0, NULL, &e);
	if (!ok(d != NULL, "dates: %s", e.message)) {
		testdb_finish(&t);
		return tap_done();
	}
	snprintf(next_year, sizeof next_year, "%s", PQgetvalue(d, 0, 0));
	snprintf(past, sizeof past, "%s", PQgetvalue(d, 0, 1));
	snprintf(eve, sizeof eve, "%s", PQgetvalue(d, 0, 2));
	PQclear(d);

	db_conn *adm = login_as(&t, "jz_admin", "adm", &e);
	db_conn *rec = adm ? login_as(&t, "jz_reception", "rec", &e) : NULL;
	if (!ok(adm && rec, "admin and receptionist connected: %s", e.message)) {
		db_close(adm);
		testdb_finish(&t);
		return tap_done();
	}

	bool listed = db_policy_list(adm, &rows, &n, &e);
	ok(listed && n > 20, "the admin lists the figures (%zu)", n);
	const db_policy_row *r = find(rows, n, "cash_aid_low_income", "2025-01-01");
	ok(r && r->value == 50000 && strcmp(r->unit, "fen/month") == 0 && r->in_force && !r->future,
	   "低收入家庭现金救助 50000 fen/month from 2025-01-01 is in force");
	is_str(r ? r->name : NULL, "低收入家庭现金救助", "and is named in words (0125)");
	{
		size_t unnamed = 0;
		for (size_t i = 0; i < n; i++)
			if (!rows[i].name[0]) {
				tap_diag("no name: %s", rows[i].key);
				unnamed++;
			}
		ok(unnamed == 0, "every figure has a name (%zu without)", unnamed);
	}
	is_str(r ? r->until : NULL, "", "the figure in force has no last day yet");
	db_policy_rows_free(rows, n);

	ok(strlen(long_note) > 255, "the note is %zu bytes", strlen(long_note));
	ok(db_policy_add(adm, "cash_aid_low_income", 52050, next_year, long_note, &e),
	   "the admin adds 52050 from %s: %s", next_year, e.message);
	ok(db_policy_list(adm, &rows, &n, &e), "listed again");
	r = find(rows, n, "cash_aid_low_income", next_year);
	ok(r && r->value == 52050 && r->future && !r->in_force, "the new row is listed as later");
	is_str(r ? r->note : NULL, long_note, "with its note whole (more than 255 bytes)");
	is_str(r ? r->until : NULL, "", "and no last day");
	r = find(rows, n, "cash_aid_low_income", "2025-01-01");
	ok(r && r->in_force, "the 2025 row stays in force today");
	is_str(r ? r->until : NULL, eve, "and says its last day: the eve of the new one");
	db_policy_rows_free(rows, n);

	ok(!db_policy_add(adm, "cash_aid_low_income", 1, next_year, "", &e) && strcmp(e.sqlstate, "JZ103") == 0,
	   "a second row for the same day is refused (%s)", e.sqlstate);
	ok(!db_policy_add(adm, "cash_aid_low_income", 60000, past, "", &e) && strcmp(e.sqlstate, "JZ100") == 0,
	   "a row dated %s (yesterday) is refused: %s", past, e.message);
	ok(!db_policy_add(adm, "training_fee_community_share", 101, next_year, "", &e)
	   && strcmp(e.sqlstate, "JZ102") == 0, "101 percent is refused (%s)", e.sqlstate);
	ok(!db_policy_add(adm, "no_such_figure", 1, next_year, "", &e) && strcmp(e.sqlstate, "JZ101") == 0,
	   "an unknown key is refused (%s)", e.sqlstate);

	const char *pp[1] = { past };
	ok(!db_run(adm, "insert into jz.policy (key, value, unit, effective_from) "
		   "values ('idle_lock_seconds', 60, 'seconds', $1::date)", 1, pp, &e)
	   && strcmp(e.sqlstate, "JZ100") == 0, "plain SQL: a past-dated row is refused too (%s)", e.sqlstate);
	ok(!db_run(adm, "update jz.policy set value = 1 where key = 'cash_aid_low_income' "
		   "and effective_from = '2025-01-01'", 0, NULL, &e) && strcmp(e.sqlstate, "JZ100") == 0,
	   "history is not edited (%s)", e.sqlstate);
	const char *np[1] = { next_year };
	ok(db_run(adm, "delete from jz.policy where key = 'cash_aid_low_income' and effective_from = $1::date",
		  1, np, &e), "a figure not yet in force may be withdrawn: %s", e.message);

	ok(!db_policy_add(rec, "cash_aid_low_income", 60000, next_year, "", &e)
	   && strcmp(e.sqlstate, "42501") == 0, "a receptionist may not add a figure (%s)", e.sqlstate);

	/* the holiday screen's reads and the area-code import as jz_admin */
	db_holiday_year_row *ys = NULL;
	size_t ny = 0;
	listed = db_holiday_years(adm, &ys, &ny, &e);
	ok(listed && ny >= 2 && ys[0].year == 2025 && ys[1].year == 2026
	   && ys[0].days > 20 && ys[1].days > 20, "2025 and 2026 are loaded (%zu years)", ny);
	free(ys);
	long long before = -1, after = -1;
	listed = db_area_code_count(adm, &before, &e);
	ok(listed, "area codes counted: %lld", before);
	char path[] = "/tmp/jz-areacodes-XXXXXX.csv";
	int fd = mkstemps(path, 4);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		fputs("代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码\n"
		      "990000,测试省,,测试省,省级,在用,1980,,\n"
		      "990100,测试省,测试市,测试市,地级,在用,1980,,\n", f);
		fclose(f);
	}
	int rows_in = 0;
	bool imported = f && db_import_areacodes(adm, path, &rows_in, &e);
	ok(imported && rows_in == 2, "the admin imports an area-code CSV (%d rows): %s", rows_in,
	   imported ? "" : e.message);
	listed = db_area_code_count(adm, &after, &e);
	ok(listed && after == before + 2, "two more codes (%lld)", after);
	unlink(path);

	db_close(rec);
	db_close(adm);
	testdb_finish(&t);
	return tap_done();
}
