/* test_workdays.c - jz.add_working_days() over the real 2025 and 2026
 * calendars of migration 0010. Every expected date below is worked out by
 * hand from ../shared/data/holiday-cn/<year>.json, day by day, in the
 * comment above the check: never by calling the function under test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tap.h"
#include "testdb.h"

typedef struct due {
	char date[16];
	int certain;      /* 1, 0, or -1 when the call failed */
	char sqlstate[6];
} due;

static due add_days(db_conn *c, const char *start, const char *n)
{
	const char *params[2] = { start, n };
	due d = { .certain = -1 };
	db_err err;
	PGresult *res;

	res = db_exec(c, "SELECT due, certain FROM jz.add_working_days($1::date, $2::int)",
		      2, params, &err);
	if (!res) {
		snprintf(d.sqlstate, sizeof d.sqlstate, "%s", err.sqlstate);
		tap_diag("add_working_days(%s, %s): %s", start, n, err.message);
		return d;
	}
	if (PQntuples(res) == 1) {
		snprintf(d.date, sizeof d.date, "%s", PQgetvalue(res, 0, 0));
		d.certain = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	}
	PQclear(res);
	return d;
}

static int working(db_conn *c, const char *day)
{
	const char *params[1] = { day };
	db_err err;
	PGresult *res = db_exec(c, "SELECT jz.is_working_day($1::date)", 1, params, &err);
	int v = -1;

	if (!res) {
		tap_diag("is_working_day(%s): %s", day, err.message);
		return -1;
	}
	v = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return v;
}

#define IS_DUE(c, start, n, want, want_certain, name) do { \
	due d_ = add_days(c, start, n); \
	is_str(d_.date, want, name); \
	is_int(d_.certain, want_certain, name "（确定与否）"); \
} while (0)

static void calendar(db_conn *c)
{
	/* 2025-03-07 is a Friday, no listed day near: Sat 8, Sun 9 off;
	 * Mon 10 (1), Tue 11 (2), Wed 12 (3), Thu 13 (4), Fri 14 (5). */
	IS_DUE(c, "2025-03-07", "5", "2025-03-14", 1, "周五受理，跳过周末：5 个工作日到 3 月 14 日");
	/* Fri 2025-03-07 + 1: the weekend is skipped, Mon 10. */
	IS_DUE(c, "2025-03-07", "1", "2025-03-10", 1, "周五受理 + 1 个工作日是下周一");
	/* The start day is not counted: Mon 10 + 1 is Tue 11, and + 0 is itself. */
	IS_DUE(c, "2025-03-10", "1", "2025-03-11", 1, "受理当天不计：周一 + 1 是周二");
	IS_DUE(c, "2025-03-10", "0", "2025-03-10", 1, "0 个工作日：就是受理当天");

	/* National Day + Mid-Autumn 2025: Oct 1-8 off, make-up working days
	 * Sun 2025-09-28 and Sat 2025-10-11. From Fri 09-26: Sat 27 off,
	 * Sun 28 works (1), Mon 29 (2), Tue 30 (3), Oct 1-8 off, Thu 9 (4),
	 * Fri 10 (5). */
	IS_DUE(c, "2025-09-26", "5", "2025-10-10", 1, "国庆中秋 2025：9 月 28 日（周日）调休上班计入");
	/* From Tue 09-30: Oct 1-8 off, Thu 9 (1), Fri 10 (2), Sat 11 works (3),
	 * Sun 12 off, Mon 13 (4), Tue 14 (5). */
	IS_DUE(c, "2025-09-30", "5", "2025-10-14", 1, "国庆中秋 2025：10 月 11 日（周六）调休上班计入");
	/* Submitted on a holiday, Fri 10-03: the same walk as above from Oct 4:
	 * Thu 9 (1), Fri 10 (2), Sat 11 (3), Mon 13 (4), Tue 14 (5). */
	IS_DUE(c, "2025-10-03", "5", "2025-10-14", 1, "假日里受理（2025-10-03）");
	/* Submitted on the make-up Sunday 09-28: Mon 29 (1). */
	IS_DUE(c, "2025-09-28", "1", "2025-09-29", 1, "调休周日受理，当天不计");
	/* Fri 10-10 + 1: Sat 11 is a make-up working day. */
	IS_DUE(c, "2025-10-10", "1", "2025-10-11", 1, "周五 + 1 落在调休周六");

	/* Spring Festival 2025: Sun 01-26 works, Jan 28 - Feb 4 off. From Fri
	 * 01-24: Sat 25 off, Sun 26 (1), Mon 27 (2), Tue 28 - Tue 4 off,
	 * Wed 5 (3), Thu 6 (4), Fri 7 (5). */
	IS_DUE(c, "2025-01-24", "5", "2025-02-07", 1, "春节 2025");
	/* Spring Festival 2026: Sat 02-14 works, Feb 15-23 off, Sat 02-28
	 * works. From Fri 02-13: Sat 14 (1), Sun 15 - Mon 23 off, Tue 24 (2),
	 * Wed 25 (3), Thu 26 (4), Fri 27 (5); one more is Sat 28 (6). */
	IS_DUE(c, "2026-02-13", "5", "2026-02-27", 1, "春节 2026");
	IS_DUE(c, "2026-02-13", "6", "2026-02-28", 1, "春节 2026：2 月 28 日（周六）调休上班");

	/* Across a known year boundary: from Wed 2025-12-31, Jan 1-3 2026 off
	 * (Sat 3 too), Sun 01-04 works (1), Mon 5 (2). Both years known. */
	IS_DUE(c, "2025-12-31", "2", "2026-01-05", 1, "跨年 2025→2026（两年都已载入）");

	/* End of 2026 into 2027, which is not loaded: from Mon 12-28, Tue 29 (1),
	 * Wed 30 (2), Thu 31 (3), Fri 2027-01-01 counts by the weekend rule (4),
	 * Mon 01-04 (5): a date, but not certain. */
	IS_DUE(c, "2026-12-28", "5", "2027-01-04", 0, "2026 年底跨入未载入的 2027：日期标为未确定");
	/* Not reaching 2027: from Thu 12-24, Fri 25 (1), Mon 28 (2), Tue 29 (3). */
	IS_DUE(c, "2026-12-24", "3", "2026-12-29", 1, "2026 年底不跨年：确定");
	/* 2024 is not in the migration: from Mon 2024-12-30, Tue 31 (1, unknown
	 * year), Wed 2025-01-01 off, Thu 2 (2), Fri 3 (3). */
	IS_DUE(c, "2024-12-30", "3", "2025-01-03", 0, "从未载入的 2024 起算：未确定");

	ok(working(c, "2025-10-11") == 1, "2025-10-11（周六）是调休工作日");
	ok(working(c, "2025-10-08") == 0, "2025-10-08（周三）是假日");
	ok(working(c, "2025-03-08") == 0, "2025-03-08（普通周六）休息");
	ok(working(c, "2025-03-10") == 1, "2025-03-10（普通周一）上班");
	is_int(working(c, "2026-02-14"), 1, "2026-02-14（周六）是春节调休工作日");
}

static void unknown_year_ignores_stray_rows(db_conn *c)
{
	db_err err;
	bool ran;

	/* A listed day in a year with no holiday_year row is not trusted: the
	 * weekend rule alone applies there, and the result stays uncertain. */
	ran = db_run(c, "INSERT INTO jz.holiday VALUES ('2027-01-01', '元旦', true)", 0, NULL, &err);
	ok(ran, "2027-01-01 可以单独写入（年份仍未载入）");
	IS_DUE(c, "2026-12-28", "5", "2027-01-04", 0, "未载入年份里零散的假日行不被采用");
	ok(db_run(c, "DELETE FROM jz.holiday WHERE day = '2027-01-01'", 0, NULL, &err),
	   "删除零散行");
}

static void bad_counts(db_conn *c)
{
	due d = add_days(c, "2025-03-07", "-1");

	is_int(d.certain, -1, "负数个工作日被拒绝");
	is_str(d.sqlstate, "22023", "负数个工作日：SQLSTATE 22023");
}

static void roles(db_conn *c)
{
	db_err err;
	PGresult *res;
	const char *params[1] = { "{\"year\":2030,\"days\":[{\"name\":\"元旦\",\"date\":\"2030-01-01\",\"isOffDay\":true}]}" };

	ok(db_run(c, "SET ROLE jz_reception", 0, NULL, &err), "切换到受理员组角色");
	/* Fri 2025-03-07 + 5 = Fri 03-14, as in calendar(). */
	IS_DUE(c, "2025-03-07", "5", "2025-03-14", 1, "受理员可以计算告知期限");
	res = db_exec(c, "SELECT jz.import_holidays($1::jsonb)", 1, params, &err);
	ok(!res, "受理员不能导入节假日");
	is_str(err.sqlstate, "42501", "受理员导入节假日：SQLSTATE 42501");
	PQclear(res);
	ok(!db_run(c, "UPDATE jz.holiday SET is_off_day = false WHERE day = '2025-10-01'",
		   0, NULL, &err), "受理员不能改假日表");
	is_str(err.sqlstate, "42501", "受理员改假日表：SQLSTATE 42501");
	ok(db_run(c, "RESET ROLE", 0, NULL, &err), "恢复超级用户");
}

int main(void)
{
	testdb t;
	char err[512];

	if (!testdb_init(&t, "workdays", err, sizeof err)) {
		printf("not ok 1 - test database: %s\n1..1\n", err);
		return 1;
	}
	calendar(t.conn);
	unknown_year_ignores_stray_rows(t.conn);
	bad_counts(t.conn);
	roles(t.conn);
	testdb_finish(&t);
	return tap_done();
}
