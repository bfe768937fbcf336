/* test_residents.c - the census import: a GB18030 file of 100,000 rows made
 * here with valid ID numbers (forms/idnum), a few bad lines of every kind:
 * the good ones are imported, every bad one is reported by its line with
 * its reason; a second import changes no count; a dry run imports nothing;
 * a chunk of 3 bytes (every multi-byte character cut somewhere) reads the
 * same as 64 KiB; a quoted address with a comma and a line end survives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "enc.h"
#include "idnum.h"
#include "residents.h"
#include "tap.h"
#include "testdb.h"
#include "test_residents_gen.h"

#define ROWS 100000


typedef struct bad_seen {
	long line[64];
	char reason[64][200];
	int n;
} bad_seen;

static void on_bad(void *ctx, long line, const char *reason)
{
	bad_seen *b = ctx;
	if (b->n < 64) {
		b->line[b->n] = line;
		snprintf(b->reason[b->n], sizeof b->reason[0], "%s", reason);
	}
	b->n++;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	testdb t;
	char err[512], path[256], small[256];
	db_err e;
	expect ex[16];
	int nex = 0;
	bad_seen seen;
	db_residents_result res;
	long good;

	if (!testdb_init(&t, "residents", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
		  " ('110105001001', '幸福里社区', '和平街道')", 0, NULL, &e), "a community");

	snprintf(path, sizeof path, "/tmp/jz_residents_%ld.csv", (long)getpid());
	good = write_file(path, "GB18030", ROWS, true, ex, &nex);
	ok(good > 0, "wrote %d rows in GB18030 (%ld good, %d bad)", ROWS, good, nex);

	/* dry run first: all reported, nothing imported */
	memset(&seen, 0, sizeof seen);
	db_residents_opts o = { .encoding = "gb18030", .dry_run = true, .bad = on_bad, .ctx = &seen };
	ok(db_import_residents(t.conn, path, &o, &res, &e), "dry run: %s %s", e.message, e.detail);
	is_int((int)res.lines, ROWS, "every data line counted");
	is_int((int)res.bad, nex, "bad lines found in the dry run");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons", 0, NULL), 0, "dry run imports nothing");

	/* the real import */
	memset(&seen, 0, sizeof seen);
	o.dry_run = false;
	double t0 = now_s();
	ok(db_import_residents(t.conn, path, &o, &res, &e), "import: %s %s", e.message, e.detail);
	double dt = now_s() - t0;
	tap_diag("100,000 GB18030 rows imported in %.2f s: %.0f rows/s", dt, ROWS / dt);
	is_int((int)res.good, (int)good, "the good ones imported");
	is_int((int)res.persons_new, (int)good, "as new persons");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons", 0, NULL), (int)good, "persons in the database");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.household_members", 0, NULL), (int)good, "each in a household");
	ok(testdb_count(t.conn, "SELECT count(*) FROM jz.households", 0, NULL) > 30000, "households by 户号");
	is_int(seen.n, nex, "every bad line reported");
	for (int i = 0; i < nex && i < seen.n; i++) {
		ok(seen.line[i] == ex[i].line && strstr(seen.reason[i], ex[i].word) != NULL,
		   "line %ld: %s (expected line %ld, \"%s\")", seen.line[i], seen.reason[i], ex[i].line, ex[i].word);
	}
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons WHERE name = '王伟' AND sex IN ('M','F')", 0, NULL),
	       (int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons WHERE name = '王伟'", 0, NULL), "names came through GB18030");
	ok(testdb_count(t.conn, "SELECT count(*) FROM jz.households WHERE census_no = 'H000000'"
			" AND address = '幸福里小区1号楼,1单元'", 0, NULL) == 1,
	   "a quoted address keeps its comma");

	/* again: updates nothing, duplicates nothing */
	memset(&seen, 0, sizeof seen);
	ok(db_import_residents(t.conn, path, &o, &res, &e), "import again: %s", e.message);
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons", 0, NULL), (int)good, "the person count does not change");
	is_int((int)res.persons_new, 0, "no new person");
	is_int((int)res.persons_updated, 0, "no person rewritten (nothing changed)");
	is_int((int)res.households_new, 0, "no new household");

	/* a small UTF-8 file read 3 bytes at a time, with an update and a
	 * quoted line end */
	snprintf(small, sizeof small, "/tmp/jz_residents_small_%ld.csv", (long)getpid());
	FILE *f = fopen(small, "wb");
	char id0[19], id1[19];
	make_id(0, id0);
	make_id(1, id1);
	fprintf(f, "\xEF\xBB\xBF社区代码,户号,姓名,身份证号,与户主关系,联系电话,现住址\n"
		"110105001001,H000000,王伟明,%s,户主,13911112222,\"新地址\n二号\"\n"
		"110105001001,H000000,买买提·艾力,%s,配偶,,\n", id0, id1);
	fclose(f);
	memset(&seen, 0, sizeof seen);
	db_residents_opts o2 = { .encoding = "utf-8", .chunk = 3, .bad = on_bad, .ctx = &seen };
	ok(db_import_residents(t.conn, small, &o2, &res, &e), "3-byte chunks: %s %s", e.message, e.detail);
	is_int((int)res.good, 2, "two lines good");
	is_int(seen.n, 0, "none bad");
	is_int((int)res.persons_updated, 2, "two persons updated");
	const char *p1[1] = { id1 };
	PGresult *r = db_exec(t.conn, "SELECT name FROM jz.persons WHERE id_number = $1", 1, p1, &e);
	is_str(r && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "", "买买提·艾力", "the name with its middle dot");
	PQclear(r);
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.households WHERE address = E'新地址\\n二号'", 0, NULL), 1,
	       "a line end inside quotes stays in the field");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons", 0, NULL), (int)good, "still no duplicate");

	/* a wrong header stops it before anything */
	f = fopen(small, "wb");
	fprintf(f, "姓名,身份证号\n张三,%s\n", id0);
	fclose(f);
	ok(!db_import_residents(t.conn, small, &o2, &res, &e) && strstr(e.message, "社区代码"),
	   "a wrong header is refused: %s", e.message);

	/* the GB18030 file read as UTF-8: said so, nothing imported */
	db_residents_opts o3 = { .encoding = "utf-8" };
	ok(!db_import_residents(t.conn, path, &o3, &res, &e) && strstr(e.message, "--encoding"),
	   "the wrong encoding is named: %s", e.message);
	unlink(small);
	unlink(path);
	testdb_finish(&t);
	return tap_done();
}
