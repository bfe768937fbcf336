/* test_import.c - the two reference-data importers on the REAL files in
 * ../shared/data (holiday-cn JSON, GB/T 2260 CSV), and on broken copies of
 * them written to a temporary folder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "import.h"
#include "tap.h"
#include "testdb.h"

#ifndef JZ_SOURCE_ROOT
#error "JZ_SOURCE_ROOT must name the source tree"
#endif
#define DATA_DIR JZ_SOURCE_ROOT "/../shared/data"

typedef struct ctx {
	db_conn *c;
	char tmp[64];       /* mkdtemp folder for broken files */
} ctx;

/* One text value of a one-row query, "" on failure. */
static void query1(db_conn *c, const char *sql, const char *param, char *out, size_t len)
{
	const char *params[1] = { param };
	db_err err;
	PGresult *res = db_exec(c, sql, param ? 1 : 0, param ? params : NULL, &err);

	out[0] = '\0';
	if (!res) {
		tap_diag("%s: %s", sql, err.message);
		return;
	}
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
}

static long query_long(db_conn *c, const char *sql, const char *param)
{
	char buf[64];

	query1(c, sql, param, buf, sizeof buf);
	return buf[0] ? atol(buf) : -1;
}

/* "due 确定" or "due 未确定" from add_working_days(start, n). */
static void certain(db_conn *c, const char *start, const char *n, char *out, size_t len)
{
	const char *params[2] = { start, n };
	db_err err;
	PGresult *res = db_exec(c, "SELECT due || CASE WHEN certain THEN ' 确定' ELSE ' 未确定' END FROM jz.add_working_days($1::date, $2::int)",
				2, params, &err);

	out[0] = '\0';
	if (!res) {
		tap_diag("add_working_days: %s", err.message);
		return;
	}
	snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* Count of something in a file, computed here rather than trusted. */
static long count_in_file(const char *path, const char *needle, bool records)
{
	FILE *f = fopen(path, "rb");
	char line[4096];
	long n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		if (records)
			n += strchr(line, '\n') != NULL || feof(f);
		else if (strstr(line, needle))
			n++;
	}
	fclose(f);
	return n;
}

static bool write_file(const ctx *x, const char *name, const char *text, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", x->tmp, name);
	f = fopen(path, "wb");
	if (!f)
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

static void holidays(ctx *x)
{
	db_err err;
	int rows = -1;
	char buf[64], path[128];
	long want;

	/* Mon 2024-09-30 + 1: Oct 1-7 2024 are off, so Tue 10-08 - once known. */
	certain(x->c, "2024-09-30", "1", buf, sizeof buf);
	is_str(buf, "2024-10-01 未确定", "导入前 2024 年未知：按周末规则推算且未确定");

	want = count_in_file(DATA_DIR "/holiday-cn/2024.json", "\"date\"", false);
	ok(want > 30, "2024.json 里有 %ld 天", want);
	ok(db_run(x->c, "SET ROLE jz_admin", 0, NULL, &err), "以管理员组角色导入");
	ok(db_import_holidays(x->c, DATA_DIR "/holiday-cn/2024.json", &rows, &err),
	   "导入 2024.json: %s", err.message);
	is_int(rows, want, "导入的天数等于文件里的天数");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.holiday WHERE extract(year FROM day) = 2024", NULL),
	       want, "表里 2024 年的行数");
	certain(x->c, "2024-09-30", "1", buf, sizeof buf);
	is_str(buf, "2024-10-08 确定", "2024 年已载入：国庆后 10 月 8 日，确定");
	/* Fri 2024-10-11 + 1: Sat 10-12 is a make-up working day. */
	certain(x->c, "2024-10-11", "1", buf, sizeof buf);
	is_str(buf, "2024-10-12 确定", "2024-10-12（周六）调休上班");

	rows = -1;
	ok(db_import_holidays(x->c, DATA_DIR "/holiday-cn/2024.json", &rows, &err),
	   "再次导入 2024.json: %s", err.message);
	is_int(rows, want, "再次导入：天数相同");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.holiday WHERE extract(year FROM day) = 2024", NULL),
	       want, "再次导入：没有重复行");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.holiday_year WHERE year = 2024", NULL),
	       1, "再次导入：年份只登记一次");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.holiday WHERE extract(year FROM day) = 2025", NULL),
	       count_in_file(DATA_DIR "/holiday-cn/2025.json", "\"date\"", false),
	       "导入 2024 不动 2025 年");

	/* 2027.json is published empty until the State Council's notice. */
	ok(!db_import_holidays(x->c, DATA_DIR "/holiday-cn/2027.json", &rows, &err),
	   "空的 2027.json 被拒绝");
	ok(strstr(err.message, "2027") && strstr(err.message, "not yet published"),
	   "拒绝理由说明 2027 年还没有公布: %s", err.message);
	is_int(query_long(x->c, "SELECT count(*) FROM jz.holiday_year WHERE year = 2027", NULL),
	       0, "2027 年没有登记为已知");
	certain(x->c, "2026-12-28", "5", buf, sizeof buf);
	is_str(buf, "2027-01-04 未确定", "2027 年仍未确定");

	ok(write_file(x, "不是.json", "这不是 JSON，是一段中文。\n", path, sizeof path), "写一个非 JSON 文件");
	ok(!db_import_holidays(x->c, path, &rows, &err), "非 JSON 文件被拒绝");
	is_str(err.sqlstate, "22P02", "非 JSON：PostgreSQL 的解析错误 22P02");
	tap_diag("%s / %s", err.message, err.detail);

	ok(write_file(x, "other-year.json",
		      "{\"year\": 2024, \"days\": [{\"name\": \"元旦\", \"date\": \"2025-01-01\", \"isOffDay\": true}]}",
		      path, sizeof path), "写一个日期不在该年的日历");
	ok(!db_import_holidays(x->c, path, &rows, &err), "日期不在该年：被拒绝");
	ok(strstr(err.message, "2025-01-01") != NULL, "理由里有那一天: %s", err.message);

	ok(!db_import_holidays(x->c, DATA_DIR "/holiday-cn/没有这个文件.json", &rows, &err),
	   "不存在的文件被拒绝");
	is_int(err.kind, DB_ERR_OTHER, "不存在的文件：不是数据库错误");
	ok(db_run(x->c, "RESET ROLE", 0, NULL, &err), "恢复超级用户");
}

static const char csv_header[] =
	"\xEF\xBB\xBF代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码\n";

static void broken_csv(ctx *x, const char *name, const char *body, const char *want_msg,
		       const char *want_detail)
{
	char text[1024], path[128];
	db_err err;
	int rows = -1;
	long before = query_long(x->c, "SELECT count(*) FROM jz.area_code", NULL);

	snprintf(text, sizeof text, "%s%s", strstr(name, "表头") ? "" : csv_header, body);
	ok(write_file(x, "broken.csv", text, path, sizeof path), "写入：%s", name);
	ok(!db_import_areacodes(x->c, path, &rows, &err), "%s：被拒绝", name);
	ok(want_msg == NULL || strstr(err.message, want_msg),
	   "%s：说明是什么错: %s", name, err.message);
	ok(want_detail == NULL || strstr(err.detail, want_detail) || strstr(err.message, want_detail),
	   "%s：说明在哪里", name);
	for (char *nl = strchr(err.detail, '\n'); nl; nl = strchr(nl, '\n'))
		*nl = ' ';   /* one TAP line */
	tap_diag("%s", err.detail);
	is_int(query_long(x->c, "SELECT count(*) FROM jz.area_code", NULL), before,
	       "失败的导入不留下任何行");
}

static void areacodes(ctx *x)
{
	const char *csv = DATA_DIR "/areacodes/result.csv";
	db_err err;
	int rows = -1;
	long want, before_sum;

	/* No list loaded: only the C validator's province rule applies. */
	is_int(query_long(x->c, "SELECT jz.id_area_ok('999999199001010000')::int", NULL), 1,
	       "未载入代码表时 id_area_ok 放行");

	want = count_in_file(csv, NULL, true) - 1;  /* minus the header line */
	ok(want > 6000, "result.csv 有 %ld 条代码", want);
	ok(db_run(x->c, "SET ROLE jz_admin", 0, NULL, &err), "以管理员组角色导入");
	ok(db_import_areacodes(x->c, csv, &rows, &err), "导入 result.csv: %s %s", err.message, err.detail);
	is_int(rows, want, "导入条数等于文件行数减表头");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.area_code", NULL), want, "表里的行数");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.area_code WHERE name = '东城区' AND code = '110101'", NULL),
	       1, "北京市东城区 110101 在表里（中文完好）");

	/* 110103 崇文区 was retired in 2010 (merged into 东城区): still a code. */
	is_int(query_long(x->c, "SELECT jz.area_code_known('110103')::int", NULL), 1, "弃用的代码 110103（崇文区）仍然有效");
	is_int(query_long(x->c, "SELECT jz.id_area_ok('110103198001010000')::int", NULL), 1,
	       "前六位是弃用代码的身份证号通过");
	is_int(query_long(x->c, "SELECT jz.area_code_known('999999')::int", NULL), 0, "编造的 999999 不是代码");
	is_int(query_long(x->c, "SELECT jz.id_area_ok('999999199001010000')::int", NULL), 0,
	       "载入后，前六位不是代码的身份证号被拒绝");
	is_int(query_long(x->c, "SELECT jz.area_code_known('120110')::int", NULL), 1,
	       "重用过的代码 120110（东郊区→东丽区）");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.area_code WHERE code = '120110'", NULL), 2,
	       "120110 两个时期两行");

	/* Unchanged rows are not rewritten: no row gets a new xmin. */
	before_sum = query_long(x->c, "SELECT sum(xmin::text::bigint) FROM jz.area_code", NULL);
	rows = -1;
	ok(db_import_areacodes(x->c, csv, &rows, &err), "再次导入: %s", err.message);
	is_int(rows, want, "再次导入：条数相同");
	is_int(query_long(x->c, "SELECT count(*) FROM jz.area_code", NULL), want, "再次导入：行数不变");
	is_int(query_long(x->c, "SELECT sum(xmin::text::bigint) FROM jz.area_code", NULL), before_sum,
	       "再次导入：没有一行被改写");

	broken_csv(x, "第 4 行年份写错",
		   "110000,北京市,,北京市,省级,在用,1981,,\n"
		   "110101,北京市,直辖,东城区,县级,在用,1981,,\n"
		   "110102,北京市,直辖,西城区,县级,在用,19x1,,\n",
		   "smallint", "line 4");
	broken_csv(x, "第 3 行少一列",
		   "110000,北京市,,北京市,省级,在用,1981,,\n"
		   "110101,北京市,直辖,东城区,县级,在用,1981\n",
		   NULL, "line 3");
	broken_csv(x, "第 2 行代码不是六位数字",
		   "11000,北京市,,北京市,省级,在用,1981,,\n", NULL, "line 2");
	broken_csv(x, "表头不对（缺表头）",
		   "110000,北京市,,北京市,省级,在用,1981,,\n", "header", "line 1");
	broken_csv(x, "同一代码同一年出现两次",
		   "110000,北京市,,北京市,省级,在用,1981,,\n"
		   "110101,北京市,直辖,东城区,县级,在用,1981,,\n"
		   "110000,北京市,,北京,省级,在用,1981,,\n",
		   "110000", "lines 2 and 4");
	ok(db_run(x->c, "RESET ROLE", 0, NULL, &err), "恢复超级用户");
}

static void receptionist(ctx *x)
{
	db_err err;
	int rows = -1;

	ok(db_run(x->c, "SET ROLE jz_reception", 0, NULL, &err), "切换到受理员组角色");
	ok(!db_import_holidays(x->c, DATA_DIR "/holiday-cn/2024.json", &rows, &err),
	   "受理员不能导入节假日");
	is_str(err.sqlstate, "42501", "受理员导入节假日：SQLSTATE 42501");
	ok(!db_import_areacodes(x->c, DATA_DIR "/areacodes/result.csv", &rows, &err),
	   "受理员不能导入区划代码");
	is_str(err.sqlstate, "42501", "受理员导入区划代码：SQLSTATE 42501");
	is_int(query_long(x->c, "SELECT jz.area_code_known('110101')::int", NULL), 1,
	       "受理员可以查区划代码");
	ok(db_run(x->c, "RESET ROLE", 0, NULL, &err), "恢复超级用户");
}

int main(void)
{
	struct stat st;
	testdb t;
	ctx x = { .tmp = "/tmp/jz-import-XXXXXX" };
	char err[512], path[128];

	if (stat(DATA_DIR "/holiday-cn/2024.json", &st) != 0
	    || stat(DATA_DIR "/areacodes/result.csv", &st) != 0)
		return tap_skip_all("the real data files are not in %s", DATA_DIR);
	if (!mkdtemp(x.tmp)) {
		printf("not ok 1 - mkdtemp: %s\n1..1\n", strerror(errno));
		return 1;
	}
	if (!testdb_init(&t, "import", err, sizeof err)) {
		printf("not ok 1 - test database: %s\n1..1\n", err);
		rmdir(x.tmp);
		return 1;
	}
	x.c = t.conn;
	holidays(&x);
	areacodes(&x);
	receptionist(&x);
	testdb_finish(&t);

	snprintf(path, sizeof path, "%s/不是.json", x.tmp);
	unlink(path);
	snprintf(path, sizeof path, "%s/other-year.json", x.tmp);
	unlink(path);
	snprintf(path, sizeof path, "%s/broken.csv", x.tmp);
	unlink(path);
	rmdir(x.tmp);
	return tap_done();
}
