/* bench_import.c - jiuzhu-bench-import: the census import against psql.
 * On a throwaway copy of the db suite's database, one GB18030 file of N rows
 * (default 100,000, all good: psql \copy stops at the first bad line) is loaded
 *   (a) by `psql \copy` into a plain table of seven text columns (server-side
 *       conversion from GB18030, no checks): the floor of what loading costs;
 *   (a2) the floor: the same rows into copies of the three tables with
 *       their indexes (no checks, keys, triggers), then their audit entries;
 *   (b) by db_import_residents (chunked conversion through forms/enc, COPY,
 *       every check in SQL, upsert into persons/households/members with
 *       their triggers and audit), first import and a re-import;
 * and prints rows/second and the ratio (b)/(a); goal >= 0.7.
 * Usage: jiuzhu-bench-import [--rows N] [--keep FILE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "residents.h"
#include "testdb.h"
#include "../db/test_residents_gen.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void no_bad(void *ctx, long line, const char *reason)
{
	long *n = ctx;
	(void)line;
	(void)reason;
	(*n)++;
}

int main(int argc, char **argv)
{
	long rows = 100000;
	const char *keep = NULL;
	char err[512], path[256], cmd[1400];
	expect ex[16];
	int nex = 0;
	testdb t;
	db_err e;
	db_residents_result res;
	long bad = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			rows = atol(argv[++i]);
		else if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
			keep = argv[++i];
		else {
			fprintf(stderr, "usage: jiuzhu-bench-import [--rows N] [--keep FILE]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!testdb_init(&t, "bench_import", err, sizeof err)) {
		fprintf(stderr, "bench-import: %s\n", err);
		return 1;
	}
	snprintf(path, sizeof path, "%s", keep ? keep : "/tmp/jz_bench_import.csv");
	long good = write_file(path, "GB18030", rows, false, ex, &nex);
	printf("file: %ld rows (%ld good, %d bad), GB18030, %s\n", rows, good, nex, path);
	if (!db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
		    " ('110105001001', '幸福里社区', '和平街道')", 0, NULL, &e) ||
	    !db_run(t.conn, "CREATE TABLE plain_copy (c1 text, c2 text, c3 text, c4 text,"
		    " c5 text, c6 text, c7 text)", 0, NULL, &e)) {
		fprintf(stderr, "bench-import: %s\n", e.message);
		return 1;
	}

	/* (a) psql \copy, same file */
	snprintf(cmd, sizeof cmd, "psql -q -X -h '%s' -p %s -d %s -U jiuzhu -c "
		 "\"\\copy plain_copy from '%s' with (format csv, header, encoding 'GB18030')\"",
		 t.host, t.port, t.dbname, path);
	double t0 = now_s();
	int rc = system(cmd);
	double psql_s = now_s() - t0;
	if (rc != 0)
		printf("psql \\copy failed (status %d): the ratio is not meaningful\n", rc);
	printf("psql \\copy into a plain table: %.2f s, %.0f rows/s\n", psql_s, rows / psql_s);

	/* (a2) the floor of the real schema: the same rows written into
	 * copies of households, persons and household_members with their
	 * indexes but no checks, keys, triggers or audit, then one audit entry
	 * per row into a copy of audit_log with its indexes. What the rules ask
	 * to be written costs this much before any check runs. */
	t0 = now_s();
	bool fl = db_run(t.conn, "BEGIN", 0, NULL, &e) &&
		db_run(t.conn, "CREATE TABLE floor_h (LIKE jz.households INCLUDING DEFAULTS INCLUDING INDEXES)",
		       0, NULL, &e) &&
		db_run(t.conn, "CREATE TABLE floor_p (LIKE jz.persons INCLUDING DEFAULTS INCLUDING INDEXES)",
		       0, NULL, &e) &&
		db_run(t.conn, "CREATE TABLE floor_m (LIKE jz.household_members INCLUDING DEFAULTS INCLUDING INDEXES)",
		       0, NULL, &e) &&
		db_run(t.conn, "CREATE TABLE floor_a (LIKE jz.audit_log INCLUDING DEFAULTS INCLUDING INDEXES)",
		       0, NULL, &e);
	double f0 = now_s();
	fl = fl && db_run(t.conn, "INSERT INTO floor_h (community_id, census_no, address)"
			  " SELECT DISTINCT ON (c2) 1, c2, c7 FROM plain_copy ORDER BY c2", 0, NULL, &e) &&
		db_run(t.conn, "INSERT INTO floor_p (community_id, id_number, name, sex, birth_date, phone)"
		       " SELECT 1, c4, c3, CASE WHEN substr(c4, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END,"
		       " to_date(substr(c4, 7, 8), 'YYYYMMDD'), nullif(c6, '') FROM plain_copy", 0, NULL, &e) &&
		db_run(t.conn, "INSERT INTO floor_m (household_id, person_id, community_id, relationship)"
		       " SELECT h.id, p.id, 1, 'self' FROM plain_copy r JOIN floor_h h ON h.census_no = r.c2"
		       " JOIN floor_p p ON p.id_number = r.c4", 0, NULL, &e);
	double f1 = now_s();
	fl = fl && db_run(t.conn, "INSERT INTO floor_a (action, table_name, row_key, new, community_id, person_id)"
			  " SELECT 'INSERT', 'jz.households', x.id::text, to_jsonb(x), x.community_id, NULL FROM floor_h x"
			  " UNION ALL SELECT 'INSERT', 'jz.persons', x.id::text, to_jsonb(x), x.community_id, x.id FROM floor_p x"
			  " UNION ALL SELECT 'INSERT', 'jz.household_members', x.household_id || '/' || x.person_id,"
			  " to_jsonb(x), x.community_id, x.person_id FROM floor_m x", 0, NULL, &e);
	double f2 = now_s();
	fl = fl && db_run(t.conn, "COMMIT", 0, NULL, &e);
	double f3 = now_s();
	if (fl) {
		printf("floor, the rows alone into copies of the three tables with their indexes: %.2f s, %.0f rows/s;"
		       " ratio to psql %.2f\n", f1 - f0, rows / (f1 - f0), psql_s / (f1 - f0));
		printf("floor with one audit entry per row written (and commit): %.2f s, %.0f rows/s;"
		       " ratio to psql %.2f\n", f3 - f0, rows / (f3 - f0), psql_s / (f3 - f0));
		printf("  (tables created in %.3f s; audit entries %.2f s; commit %.2f s)\n", f0 - t0, f2 - f1, f3 - f2);
	} else {
		printf("floor not measured: %s\n", e.message);
		db_run(t.conn, "ROLLBACK", 0, NULL, &e);
	}

	/* (b0) the client's part alone: read, convert, split, COPY into the
	 * temp table (then rolled back) */
	db_residents_opts oc = { .encoding = "gb18030", .copy_only = true };
	t0 = now_s();
	if (db_import_residents(t.conn, path, &oc, &res, &e)) {
		double c_s = now_s() - t0;
		printf("conversion + COPY stage alone: %.2f s, %.0f rows/s; ratio to psql %.2f\n",
		       c_s, res.lines / c_s, psql_s / c_s);
	}

	/* (b) the import, then again */
	db_residents_opts o = { .encoding = "gb18030", .bad = no_bad, .ctx = &bad };
	t0 = now_s();
	bool ok = db_import_residents(t.conn, path, &o, &res, &e);
	double imp_s = now_s() - t0;
	if (!ok) {
		fprintf(stderr, "bench-import: %s %s\n", e.message, e.detail);
		return 1;
	}
	printf("jiuzhu import residents (first): %.2f s, %.0f rows/s; %ld good, %ld bad; ratio to psql %.2f (goal >= 0.7)\n",
	       imp_s, rows / imp_s, res.good, res.bad, psql_s / imp_s);
	bad = 0;
	t0 = now_s();
	ok = db_import_residents(t.conn, path, &o, &res, &e);
	double re_s = now_s() - t0;
	printf("jiuzhu import residents (again, nothing changes): %.2f s, %.0f rows/s; ratio %.2f\n",
	       re_s, rows / re_s, psql_s / re_s);
	o.dry_run = true;
	t0 = now_s();
	ok = ok && db_import_residents(t.conn, path, &o, &res, &e);
	double dry_s = now_s() - t0;
	printf("jiuzhu import residents --dry-run: %.2f s, %.0f rows/s; ratio %.2f\n",
	       dry_s, rows / dry_s, psql_s / dry_s);
	if (!keep)
		unlink(path);
	testdb_finish(&t);
	return ok ? 0 : 1;
}
