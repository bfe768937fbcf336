/* bench_queue.c - jiuzhu-bench-queue: the queue figures of issue 4 with
 * 1,000,000 applications loaded by the generator (generate.h), on a
 * throwaway copy of the db suite's database:
 *   - overdue queue, first page and page 5,000 through db_queue_fetch
 *     (keyset), as a supervisor of every community (RLS on, as in use);
 *     goal: flat, page 5,000 within 1.5x of page 1;
 *   - the same statement through psql (\timing: client-side round trip of
 *     the same SQL text with the values written in, same role), ratio
 *     db_queue_fetch / psql; goal <= 1.2;
 *   - for comparison, the plain SELECT of before migration 0034 under RLS
 *     through psql (the keyset a filter), and the plan inside jz.queue_page
 *     for page 5,000 (auto_explain, ANALYZE and BUFFERS, as the supervisor);
 *   - jz.take_next() with 16 caseworkers at once (one process each); every
 *     case taken once.
 * Not a test: it prints figures.
 * Usage: jiuzhu-bench-queue [--applications N] [--communities N] [--repeat N] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "generate.h"
#include "staff.h"
#include "testdb.h"
#include "workflow.h"

#define PW "基准-queue-1"
#define PAGE 50
#define WORKERS 16
#define TAKES 25

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

static double pct(double *v, int n, double p)   /* v sorted */
{
	int i = (int)(p * (n - 1) + 0.5);
	return n > 0 ? v[i] : 0;
}

/* One page by db_queue_fetch; returns ms, the last key in key. */
static double fetch(db_conn *c, const char *after, char key[64], size_t *got)
{
	db_queue_query q = { .kind = DB_QUEUE_OVERDUE, .after_key = after, .limit = PAGE };
	db_queue_row *rows = NULL;
	db_err e;
	double t0 = now_ms(), dt;

	*got = 0;
	if (!db_queue_fetch(c, &q, &rows, got, &e)) {
		fprintf(stderr, "jiuzhu-bench-queue: queue: %s\n", e.message);
		return -1;
	}
	dt = now_ms() - t0;
	if (*got > 0)
		snprintf(key, 64, "%s", rows[*got - 1].key);
	free(rows);
	return dt;
}

/* The statement db_queue_fetch sends for the overdue queue (db/workflow.c:
 * queue_sql, kind "overdue", state NULL, community 0 = all of mine, no
 * filter), values written in for psql. %s is the cursor "date,id" (NULL for
 * the first page). Kept in step by hand with workflow.c. */
static const char psql_fmt[] =
	"SELECT * FROM jz.queue_page('overdue'::text, NULL::text, 0::int, NULL::text, %s::text,"
	" false::boolean, %d::int)";

/* Before migration 0034: the plain SELECT db_queue_fetch sent, filtered by
 * RLS (the keyset a Filter, not an index condition). Timed as the same
 * supervisor, for the before/after figure. %s twice: the cursor. */
static const char old_fmt[] =
	"SELECT a.id, a.number, p.name,"
	" left(p.id_number::text, 6) || '********' || right(p.id_number::text, 4),"
	" a.state, s.name, c.name, to_char(a.submitted_at, 'YYYY-MM-DD'),"
	" coalesce(to_char(a.notify_by, 'YYYY-MM-DD'), ''), coalesce(a.notify_by_certain, true),"
	" CASE WHEN a.state = 'submitted' AND a.notify_by IS NOT NULL"
	"  THEN jz.days_left(a.notify_by) ELSE 0 END,"
	" a.state = 'submitted' AND a.notify_by < current_date,"
	" coalesce(a.assigned_to, ''), a.version,"
	" CASE WHEN a.notify_by IS NULL THEN 'infinity'"
	"  ELSE to_char(a.notify_by, 'YYYY-MM-DD') END || ',' || a.id::text,"
	" coalesce(a.notify_by, 'infinity'::date) AS sort_due, a.id AS sort_id"
	" FROM jz.applications a"
	" JOIN jz.persons p ON p.id = a.applicant_id"
	" JOIN jz.application_states s ON s.code = a.state"
	" JOIN jz.communities c ON c.id = a.community_id"
	" WHERE a.state = 'submitted' AND a.notify_by < current_date"
	" AND (coalesce(a.notify_by, 'infinity'::date), a.id) >"
	" (split_part('%s', ',', 1)::date, split_part('%s', ',', 2)::bigint)"
	" ORDER BY coalesce(a.notify_by, 'infinity'::date), a.id LIMIT %d";

/* auto_explain logs every nested statement (jz.days_left for each row too):
 * print the page's statement and the call only */
static void print_notice(void *arg, const char *message)
{
	(void)arg;
	if (strstr(message, "join jz.applications a on a.id = k.id")
	    || strstr(message, "FROM jz.queue_page("))
		fputs(message, stdout);
}

/* EXPLAIN (ANALYZE, BUFFERS) of the statement inside jz.queue_page for the
 * page after cursor, as the supervisor (auto_explain, nested statements):
 * the superuser connection loads it, then becomes the supervisor
 * (session_user, which the scope reads). */
static void explain_page(const testdb *t, const char *sup, const char *cursor)
{
	db_err e;
	char sql[512];
	db_conn *c = testdb_connect_as(t, "jiuzhu", NULL, &e);

	if (!c) {
		c = testdb_connect_as(t, NULL, NULL, &e);
		if (!c)
			return;
	}
	PQsetNoticeProcessor(db_pg(c), print_notice, NULL);
	snprintf(sql, sizeof sql, psql_fmt, cursor, PAGE);
	if (!db_run(c, "LOAD 'auto_explain'", 0, NULL, &e)
	    || !db_run(c, "SET auto_explain.log_min_duration = 0", 0, NULL, &e)
	    || !db_run(c, "SET auto_explain.log_analyze = on", 0, NULL, &e)
	    || !db_run(c, "SET auto_explain.log_buffers = on", 0, NULL, &e)
	    || !db_run(c, "SET auto_explain.log_timing = on", 0, NULL, &e)
	    || !db_run(c, "SET auto_explain.log_nested_statements = on", 0, NULL, &e)
	    || !db_run(c, "SET client_min_messages = log", 0, NULL, &e)
	    || !db_run(c, "SELECT set_config('session_authorization', $1, false)", 1,
		       (const char *const[]){ sup }, &e)
	    || !db_run(c, sql, 0, NULL, &e))
		printf("explain: %s\n", e.message);
	db_close(c);
}

/* Median of psql's "Time:" for n runs of sql in one psql session. */
static double psql_median(const testdb *t, const char *user, const char *sql, int n)
{
	char path[] = "/tmp/jz-bench-queue-XXXXXX";
	int fd = mkstemp(path);
	FILE *f, *p;
	char cmd[1024], line[512];
	double v[256];
	int k = 0;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	fprintf(f, "\\timing on\n\\o /dev/null\n");
	for (int i = 0; i < n && i < 256; i++)
		fprintf(f, "%s;\n", sql);
	fclose(f);
	snprintf(cmd, sizeof cmd, "PGPASSWORD='%s' /usr/lib/postgresql/15/bin/psql -X -q -h '%s' -p %s"
		 " -d %s -U %s -f %s 2>&1", PW, t->host, t->port, t->dbname, user, path);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof line, p))
		if (strncmp(line, "Time: ", 6) == 0 && k < 256)
			v[k++] = atof(line + 6);
		else if (strstr(line, "ERROR"))
			fprintf(stderr, "psql: %s", line);
	if (p)
		pclose(p);
	unlink(path);
	/* the first run plans cold; drop it like the warm-up of the libpq side */
	return k > 1 ? median(v + 1, k - 1) : -1;
}

/* One caseworker: TAKES take_next calls, times (ms) and ids to the pipe. */
static void worker(const testdb *t, const char *login, int rfd, int wfd)
{
	db_err e;
	db_conn *c = testdb_connect_as(t, login, PW, &e);
	char go;
	struct { double ms; long long id; } r[TAKES];

	memset(r, 0, sizeof r);
	if (read(rfd, &go, 1) != 1 || !c)
		_exit(2);
	for (int i = 0; i < TAKES; i++) {
		double t0 = now_ms();
		char number[64];
		if (!db_wf_take_next(c, &r[i].id, number, &e))
			r[i].id = -1;
		r[i].ms = now_ms() - t0;
	}
	if (write(wfd, r, sizeof r) != (ssize_t)sizeof r)
		_exit(3);
	db_close(c);
	_exit(0);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	gen_opts o = { .communities = 10, .applications = 1000000 };
	gen_stats gs;
	testdb t;
	char msg[256], sup[64], cw[WORKERS][64];
	db_conn *sc = NULL;
	db_err e;
	int repeat = 30, status = 1;

	setvbuf(stdout, NULL, _IOLBF, 0);   /* progress shows when piped to a file */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--applications") == 0 && i + 1 < argc)
			o.applications = atol(argv[++i]);
		else if (strcmp(argv[i], "--communities") == 0 && i + 1 < argc)
			o.communities = atol(argv[++i]);
		else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: jiuzhu-bench-queue [--applications N] [--communities N]"
				" [--repeat N]\n");
			return 2;
		}
	}
	o.households = o.applications;
	if (repeat < 3 || repeat > 200)
		repeat = 30;
	if (!testdb_init(&t, "bench_queue", msg, sizeof msg)) {
		fprintf(stderr, "jiuzhu-bench-queue: %s\n", msg);
		return 1;
	}
	printf("generating %ld communities, %ld households, %ld applications ...\n",
	       o.communities, o.households, o.applications);
	if (!gen_run(t.conn, &o, &gs, stdout, &e)) {
		fprintf(stderr, "jiuzhu-bench-queue: generate: %s\n", e.message);
		goto out;
	}
	printf("generated in %.1f s: %ld persons, %ld applications (%.0f applications/s),"
	       " %ld proofs, %ld overdue\n", gs.seconds, gs.persons, gs.applications,
	       (double)gs.applications / gs.seconds, gs.proofs, gs.overdue);
	{
		long bad = gen_verify(t.conn, 200, stdout, &e);
		printf("verify: %ld problems%s\n", bad, bad < 0 ? e.message : "");
	}

	/* a supervisor of every generated community; 16 caseworkers likewise */
	snprintf(sup, sizeof sup, "benchsup%ld", (long)getpid());
	{
		char first[16];
		PGresult *r;
		snprintf(first, sizeof first, "%d", gs.first_community_id);
		r = db_exec(t.conn, "SELECT code FROM jz.communities WHERE id >= $1::int"
			    " AND code LIKE '11010590%' ORDER BY id", 1, (const char *const[]){ first }, &e);
		if (!r || !db_staff_add(t.conn, sup, "督导 基准", DB_ROLE_SUPERVISOR,
					PQgetvalue(r, 0, 0), PW, &e)) {
			fprintf(stderr, "jiuzhu-bench-queue: staff: %s\n", e.message);
			PQclear(r);
			goto out;
		}
		for (int w = 0; w < WORKERS; w++) {
			snprintf(cw[w], sizeof cw[w], "benchcw%ld_%d", (long)getpid(), w);
			if (!db_staff_add(t.conn, cw[w], "社工 基准", DB_ROLE_CASEWORKER,
					  PQgetvalue(r, 0, 0), PW, &e))
				fprintf(stderr, "jiuzhu-bench-queue: staff: %s\n", e.message);
		}
		for (int i = 1; i < PQntuples(r); i++) {
			const char *code = PQgetvalue(r, i, 0);
			db_run(t.conn, "SELECT jz.staff_add_community($1, $2)", 2,
			       (const char *const[]){ sup, code }, &e);
			for (int w = 0; w < WORKERS; w++)
				db_run(t.conn, "SELECT jz.staff_add_community($1, $2)", 2,
				       (const char *const[]){ cw[w], code }, &e);
		}
		PQclear(r);
	}
	sc = testdb_connect_as(&t, sup, PW, &e);
	if (!sc) {
		fprintf(stderr, "jiuzhu-bench-queue: login: %s\n", e.message);
		goto out;
	}

	{
		double la[3];
		if (getloadavg(la, 3) == 3)
			printf("load average before the timings (other work on this machine): %.2f %.2f %.2f\n",
			       la[0], la[1], la[2]);
	}
	{
		char key[64] = "", key4999[64] = "";
		size_t got = 0;
		double first[200], last[200], walk0, m1, m5000, p1, p5000, o1, o5000;
		int old_repeat = repeat < 10 ? repeat : 10;
		long pages = 1;
		char sql[4096];

		for (int i = 0; i < 5; i++)
			fetch(sc, NULL, key, &got);   /* warm-up */
		for (int i = 0; i < repeat; i++)
			first[i] = fetch(sc, NULL, key, &got);
		/* The cursor of page 5,000 is the key of row 249,950 in queue order;
		 * taken here by OFFSET as the owner (same order, same rows: the
		 * supervisor serves every community), since walking 4,999 pages is
		 * itself O(n^2) when the keyset is not an index condition. The
		 * page fetched after it must start at row 249,951: checked. */
		walk0 = now_ms();
		{
			PGresult *r = db_exec(t.conn,
				"SELECT to_char(notify_by, 'YYYY-MM-DD') || ',' || id,"
				" lead(number) OVER (ORDER BY notify_by, id) FROM (SELECT notify_by, id, number"
				" FROM jz.applications WHERE state = 'submitted' AND notify_by < current_date"
				" ORDER BY coalesce(notify_by, 'infinity'::date), id OFFSET $1::int LIMIT 2) q"
				" ORDER BY notify_by, id LIMIT 1", 1,
				(const char *const[]){ "249949" }, &e);
			db_queue_query q = { .kind = DB_QUEUE_OVERDUE, .limit = PAGE };
			db_queue_row *rows = NULL;
			size_t nr = 0;

			if (!r || PQntuples(r) != 1) {
				printf("fewer than 250,000 overdue rows: load more applications\n");
				PQclear(r);
				goto out;
			}
			snprintf(key4999, sizeof key4999, "%s", PQgetvalue(r, 0, 0));
			q.after_key = key4999;
			if (db_queue_fetch(sc, &q, &rows, &nr, &e) && nr > 0)
				printf("page 5,000 starts at %s (row 249,951 by OFFSET: %s): %s\n",
				       rows[0].number, PQgetvalue(r, 0, 1),
				       strcmp(rows[0].number, PQgetvalue(r, 0, 1)) == 0 ? "same" : "DIFFERENT");
			free(rows);
			PQclear(r);
		}
		walk0 = now_ms() - walk0;
		(void)pages;
		for (int i = 0; i < repeat; i++)
			last[i] = fetch(sc, key4999, key, &got);
		m1 = median(first, repeat);
		m5000 = median(last, repeat);
		snprintf(sql, sizeof sql, psql_fmt, "NULL", PAGE);
		p1 = psql_median(&t, sup, sql, repeat + 1);
		{
			char lit[80];
			snprintf(lit, sizeof lit, "'%s'", key4999);
			snprintf(sql, sizeof sql, psql_fmt, lit, PAGE);
		}
		p5000 = psql_median(&t, sup, sql, repeat + 1);
		snprintf(sql, sizeof sql, old_fmt, "-infinity,0", "-infinity,0", PAGE);
		o1 = psql_median(&t, sup, sql, old_repeat + 1);
		snprintf(sql, sizeof sql, old_fmt, key4999, key4999, PAGE);
		o5000 = psql_median(&t, sup, sql, old_repeat + 1);
		printf("\noverdue queue, %d rows a page, %ld overdue of %ld applications, as supervisor"
		       " (RLS), median of %d:\n", PAGE, gs.overdue, gs.applications, repeat);
		printf("  %-34s %9s %9s %9s  %s\n", "", "fetch ms", "psql ms", "ratio", "goal");
		printf("  %-34s %9.3f %9.3f %9.2f  ratio <= 1.2 %s\n", "page 1 (db_queue_fetch)", m1, p1,
		       p1 > 0 ? m1 / p1 : 0, p1 > 0 && m1 / p1 <= 1.2 ? "MET" : "NOT MET");
		printf("  %-34s %9.3f %9.3f %9.2f  ratio <= 1.2 %s\n", "page 5,000 (keyset)", m5000, p5000,
		       p5000 > 0 ? m5000 / p5000 : 0,
		       p5000 > 0 && m5000 / p5000 <= 1.2 ? "MET" : "NOT MET");
		printf("  %-34s %9.2f %9s %9s  <= 1.5 %s\n", "page 5,000 / page 1", m5000 / m1, "", "",
		       m5000 / m1 <= 1.5 ? "MET" : "NOT MET");
		printf("  %-34s %9s %9.3f %9s\n", "before 0034: plain SELECT, page 1", "", o1, "");
		printf("  %-34s %9s %9.3f %9s  (%.1fx page 1)\n", "before 0034: plain SELECT, p 5,000", "",
		       o5000, "", o1 > 0 ? o5000 / o1 : 0);
		printf("\nEXPLAIN (ANALYZE, BUFFERS) inside jz.queue_page, page 5,000, as the supervisor:\n");
		{
			char lit[80];
			snprintf(lit, sizeof lit, "'%s'", key4999);
			explain_page(&t, sup, lit);
		}
		printf("  psql: \\timing of the same SQL text with the values written in, one session,"
		       " first run dropped;\n  fetch: PQexecParams round trip plus filling the rows.\n");
	}

	{
		int go[2], res[2];
		pid_t pid[WORKERS];
		double ms[WORKERS * TAKES];
		long long ids[WORKERS * TAKES];
		int n = 0, failed = 0, dup = 0;
		double t0, wall;
		struct { double ms; long long id; } r[TAKES];

		if (pipe(go) != 0 || pipe(res) != 0)
			goto out;
		for (int w = 0; w < WORKERS; w++) {
			pid[w] = fork();
			if (pid[w] == 0) {
				close(go[1]);
				close(res[0]);
				worker(&t, cw[w], go[0], res[1]);
			}
		}
		close(go[0]);
		close(res[1]);
		/* each child connects, then blocks on the pipe until this */
		t0 = now_ms();
		for (int w = 0; w < WORKERS; w++)
			if (write(go[1], "g", 1) != 1)
				break;
		for (int w = 0; w < WORKERS; w++) {
			size_t have = 0;
			while (have < sizeof r) {
				ssize_t k = read(res[0], (char *)r + have, sizeof r - have);
				if (k <= 0)
					break;
				have += (size_t)k;
			}
			if (have < sizeof r) {
				failed += TAKES;
				continue;
			}
			for (int i = 0; i < TAKES; i++) {
				if (r[i].id < 0) {
					failed++;
					continue;
				}
				ms[n] = r[i].ms;
				ids[n++] = r[i].id;
			}
		}
		wall = now_ms() - t0;
		for (int w = 0; w < WORKERS; w++)
			waitpid(pid[w], NULL, 0);
		close(go[1]);
		close(res[0]);
		qsort(ids, (size_t)n, sizeof *ids, cmp_ll);
		for (int i = 1; i < n; i++)
			dup += ids[i] == ids[i - 1];
		qsort(ms, (size_t)n, sizeof *ms, cmp_double);
		printf("\ntake next, %d caseworkers at once, %d takes each (FOR UPDATE SKIP LOCKED):\n",
		       WORKERS, TAKES);
		printf("  %d taken, %d failed, %d taken twice; median %.2f ms, p95 %.2f ms, max %.2f ms;"
		       " %.0f takes/s overall\n", n, failed, dup, pct(ms, n, 0.5), pct(ms, n, 0.95),
		       n ? ms[n - 1] : 0.0, wall > 0 ? n / (wall / 1e3) : 0.0);
	}
	{
		double la[3];
		if (getloadavg(la, 3) == 3)
			printf("load average after the timings: %.2f %.2f %.2f\n", la[0], la[1], la[2]);
	}
	status = 0;
out:
	db_close(sc);
	testdb_finish(&t);
	return status;
}
