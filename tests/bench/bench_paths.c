/* bench_paths.c - jiuzhu-bench-paths: the screens' database calls at scale.
 * 1,000,000 applications by the generator (generate.h), plus an active plan
 * with a cash item and a follow-up due for every active application, on a
 * throwaway copy of the db suite's database. For each path the C function
 * the screen calls (db/), as the role that uses it (RLS on): the first
 * call of a new session (plans not cached yet), the median of warm calls,
 * and the round trips one call makes (messages counted by PQtrace).
 * Then the funds forecast of before migration 0104 beside the one in use.
 * Not a test: it prints figures.
 * Usage: jiuzhu-bench-paths [--applications N] [--communities N] [--repeat N] [--keep]
 * --keep leaves the database (its name printed) to look at plans with psql. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "detail.h"
#include "find.h"
#include "funds.h"
#include "generate.h"
#include "indicators.h"
#include "intake.h"
#include "plan.h"
#include "staff.h"
#include "testdb.h"
#include "workflow.h"

#define PW "基准-paths-1"

typedef struct ctx {
	long long app;      /* an active application with a plan */
	char number[64];    /* its number */
	char id4[8];        /* the last 4 of its applicant's ID number */
	char name[64];      /* its applicant's name */
	char name2[64];     /* its first two characters (a common prefix) */
	char name1[16];     /* its surname's first character (thousands) */
	int year;
} ctx;

typedef bool (*path_fn)(db_conn *c, const ctx *x, db_err *e);

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

static bool p_whoami(db_conn *c, const ctx *x, db_err *e)
{
	db_staff_info s;
	(void)x;
	return db_staff_whoami(c, &s, e);
}

static bool p_activate(db_conn *c, const ctx *x, db_err *e)
{
	int n;
	(void)x;
	return db_plans_activate_due(c, &n, e);
}

static bool p_queue(db_conn *c, const ctx *x, db_err *e)
{
	db_queue_query q = { .kind = DB_QUEUE_OVERDUE, .limit = 50 };
	db_queue_row *rows = NULL;
	size_t n;
	bool ok = db_queue_fetch(c, &q, &rows, &n, e);
	(void)x;
	free(rows);
	return ok;
}

static bool find_by(db_conn *c, const char *filter, db_err *e)
{
	db_find_row *rows = NULL;
	size_t n;
	bool ok = db_find_applications(c, filter, NULL, 20, &rows, &n, e);
	free(rows);
	return ok;
}

static bool p_find_name(db_conn *c, const ctx *x, db_err *e) { return find_by(c, x->name, e); }
static bool p_find_number(db_conn *c, const ctx *x, db_err *e) { return find_by(c, x->number, e); }
static bool p_find_id4(db_conn *c, const ctx *x, db_err *e) { return find_by(c, x->id4, e); }
static bool p_find_name2(db_conn *c, const ctx *x, db_err *e) { return find_by(c, x->name2, e); }
static bool p_find_name1(db_conn *c, const ctx *x, db_err *e) { return find_by(c, x->name1, e); }

static bool p_missing(db_conn *c, const ctx *x, db_err *e)
{
	db_intake_missing *m = NULL;
	size_t n;
	bool ok = db_intake_missing_for_application(c, x->app, &m, &n, e);
	db_intake_missing_free(m);
	return ok;
}

static bool p_detail(db_conn *c, const ctx *x, db_err *e)
{
	db_detail d;
	bool ok;
	memset(&d, 0, sizeof d);
	ok = db_detail_read(c, x->app, &d, e);
	db_detail_finish(&d);
	return ok;
}

static bool p_followups(db_conn *c, const ctx *x, db_err *e)
{
	db_followup *rows = NULL;
	size_t n;
	bool ok = db_followups_page(c, NULL, NULL, 0, 50, &rows, &n, e);
	(void)x;
	free(rows);
	return ok;
}

static bool p_pending(db_conn *c, const ctx *x, db_err *e)
{
	db_plan_row *rows = NULL;
	size_t n;
	bool ok = db_plans_pending(c, &rows, &n, e);
	(void)x;
	free(rows);
	return ok;
}

static bool p_forecast(db_conn *c, const ctx *x, db_err *e)
{
	db_forecast f;
	return db_funds_forecast(c, x->year, NULL, &f, e);
}

static bool p_indicators(db_conn *c, const ctx *x, db_err *e)
{
	db_indicators d;
	return db_year_indicators(c, x->year, &d, e);
}

static const struct path {
	const char *name;   /* screen: action */
	int role;           /* index into the logins */
	path_fn fn;
} paths[] = {
	{ .name = "login: whoami", .role = 0, .fn = p_whoami },
	{ .name = "start/plans: activate due", .role = 1, .fn = p_activate },
	{ .name = "queue: overdue page 1", .role = 2, .fn = p_queue },
	{ .name = "find: by name", .role = 0, .fn = p_find_name },
	{ .name = "find: by number", .role = 0, .fn = p_find_number },
	{ .name = "find: by ID suffix", .role = 0, .fn = p_find_id4 },
	{ .name = "find: by 2-char prefix", .role = 0, .fn = p_find_name2 },
	{ .name = "find: by surname", .role = 0, .fn = p_find_name1 },
	{ .name = "find/review: missing papers", .role = 0, .fn = p_missing },
	{ .name = "detail: open", .role = 1, .fn = p_detail },
	{ .name = "follow-ups: page 1", .role = 1, .fn = p_followups },
	{ .name = "approvals: plans pending", .role = 2, .fn = p_pending },
	{ .name = "funds: forecast", .role = 2, .fn = p_forecast },
	{ .name = "indicators: open", .role = 2, .fn = p_indicators },
};

/* Round trips of one call: the messages that end a request (Sync of an
 * extended query, a simple Query), as libpq's trace writes them. */
static int round_trips(db_conn *c, const struct path *p, const ctx *x)
{
	FILE *f = tmpfile();
	char line[4096];
	int n = 0;
	db_err e;

	if (!f)
		return -1;
	PQtrace(db_pg(c), f);
	PQsetTraceFlags(db_pg(c), PQTRACE_SUPPRESS_TIMESTAMPS);
	p->fn(c, x, &e);
	PQuntrace(db_pg(c));
	rewind(f);
	while (fgets(line, sizeof line, f))
		if (line[0] == 'F' && (strstr(line, "\tSync") || strstr(line, "\tQuery")))
			n++;
	fclose(f);
	return n;
}

/* The forecast of before 0104 (0080's text, in a schema of the bench's own):
 * cash_items_due once per month left, the CTE's figures evaluated where named. */
static const char old_forecast[] =
	"CREATE SCHEMA bench_old;"
	"CREATE FUNCTION bench_old.cash_items_due(p_month date) RETURNS TABLE (amount_fen bigint)"
	" LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, jz AS $$"
	" select i.amount_fen from jz.plans p join jz.plan_items i on i.plan_id = p.id"
	" join jz.plan_item_kinds k on k.code = i.kind and k.measure = 'amount_fen'"
	" where p.state = 'active' and p.start_date <= (p_month + interval '1 month' - interval '1 day')::date"
	" and p.end_date >= p_month and i.amount_fen > 0"
	" and not exists (select 1 from jz.payments x where x.plan_item_id = i.id and x.month = p_month)"
	" order by p.community_id, p.id, i.id $$;"
	"CREATE FUNCTION bench_old.cash_obligations(p_year int, p_from date) RETURNS bigint"
	" LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, jz AS $$"
	" select coalesce(sum(d.amount_fen), 0)::bigint"
	" from generate_series(greatest(date_trunc('month', p_from), make_date(p_year, 1, 1)),"
	" make_date(p_year, 12, 1), interval '1 month') g(m)"
	" cross join lateral bench_old.cash_items_due(g.m::date) d $$;"
	"CREATE FUNCTION bench_old.funds_forecast(p_year int, p_from date)"
	" RETURNS TABLE (cash_fen bigint, obligations_fen bigint, shortfall_fen bigint)"
	" LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, jz AS $$"
	" with o as (select bench_old.cash_obligations(p_year, p_from) as cash,"
	" jz.training_obligations(p_year, p_from) as training,"
	" (select coalesce(sum(remaining_fen), 0) from jz.funds_by_source(p_year))::bigint as remaining)"
	" select o.cash, o.cash + o.training, greatest(0, o.cash + o.training - o.remaining) from o $$;";

/* An active plan from January to December of this year with one cash item of
 * 500 yuan, and a follow-up due, for every active application; triggers
 * off like the generator's load. */
static const char plans_sql[] =
	"SET session_replication_role = replica;"
	"INSERT INTO jz.plans (application_id, community_id, household_id, state, start_date,"
	" end_date, created_by, activated_at)"
	" SELECT id, community_id, household_id, 'active', make_date(extract(year from current_date)::int, 1, 1),"
	" make_date(extract(year from current_date)::int, 12, 31), 'bench', now()"
	" FROM jz.applications WHERE state = 'active';"
	"INSERT INTO jz.plan_items (plan_id, community_id, kind, amount_fen)"
	" SELECT id, community_id, 'cash_low_income', 50000 FROM jz.plans WHERE created_by = 'bench';"
	"INSERT INTO jz.follow_ups (plan_id, application_id, community_id, due_date)"
	" SELECT id, application_id, community_id, current_date - (id % 60)::int FROM jz.plans"
	" WHERE created_by = 'bench';"
	"SET session_replication_role = origin;"
	"ANALYZE jz.plans; ANALYZE jz.plan_items; ANALYZE jz.follow_ups;";

/* What autovacuum does to a loaded table before long (its insert threshold,
 * PostgreSQL 13+): the visibility map set, so index-only scans read no
 * table rows; done here so the figures do not depend on when it ran. */
static const char vacuum_sql[] = "VACUUM (ANALYZE) jz.persons, jz.applications, jz.application_categories";

static double time_sql(db_conn *c, const char *sql, int repeat, char *val, size_t len)
{
	double v[200];
	db_err e;

	for (int i = 0; i < repeat + 1 && i < 200; i++) {
		double t0 = now_ms();
		PGresult *r = db_exec(c, sql, 0, NULL, &e);
		v[i] = now_ms() - t0;
		if (!r) {
			fprintf(stderr, "jiuzhu-bench-paths: %s\n", e.message);
			snprintf(val, len, "error");
			return -1;
		}
		snprintf(val, len, "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	qsort(v + 1, (size_t)repeat, sizeof *v, cmp_double);
	return v[1 + repeat / 2];
}

int main(int argc, char **argv)
{
	gen_opts o = { .communities = 10, .applications = 1000000 };
	gen_stats gs;
	testdb t;
	char msg[256], login[3][64];
	static const db_staff_role roles[3] = { DB_ROLE_RECEPTION, DB_ROLE_CASEWORKER, DB_ROLE_SUPERVISOR };
	ctx x = { 0 };
	db_err e;
	int repeat = 20, status = 1;
	bool keep = false;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--applications") == 0 && i + 1 < argc)
			o.applications = atol(argv[++i]);
		else if (strcmp(argv[i], "--communities") == 0 && i + 1 < argc)
			o.communities = atol(argv[++i]);
		else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else {
			fprintf(stderr, "usage: jiuzhu-bench-paths [--applications N] [--communities N]"
				" [--repeat N] [--keep]\n");
			return 2;
		}
	}
	o.households = o.applications;
	if (repeat < 3 || repeat > 199)
		repeat = 20;
	if (!testdb_init(&t, "bench_paths", msg, sizeof msg)) {
		fprintf(stderr, "jiuzhu-bench-paths: %s\n", msg);
		return 1;
	}
	printf("generating %ld communities, %ld applications ...\n", o.communities, o.applications);
	if (!gen_run(t.conn, &o, &gs, stdout, &e) || !db_script(t.conn, plans_sql, &e)
	    || !db_script(t.conn, old_forecast, &e) || !db_run(t.conn, vacuum_sql, 0, NULL, &e)) {
		fprintf(stderr, "jiuzhu-bench-paths: generate: %s\n", e.message);
		goto out;
	}
	{
		PGresult *r;
		char cid[16];

		snprintf(cid, sizeof cid, "%d", gs.first_community_id);
		r = db_exec(t.conn,
			"SELECT a.id, a.number, right(p.id_number, 4), p.name,"
			" extract(year from current_date)::int, (SELECT count(*) FROM jz.plans),"
			" left(p.name, 2), left(p.name, 1)"
			" FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
			" WHERE a.state = 'active' AND a.community_id = $1::int ORDER BY a.id LIMIT 1", 1,
			(const char *const[]){ cid }, &e);
		if (!r || PQntuples(r) != 1) {
			fprintf(stderr, "jiuzhu-bench-paths: no active application\n");
			PQclear(r);
			goto out;
		}
		x.app = atoll(PQgetvalue(r, 0, 0));
		snprintf(x.number, sizeof x.number, "%s", PQgetvalue(r, 0, 1));
		snprintf(x.id4, sizeof x.id4, "%s", PQgetvalue(r, 0, 2));
		snprintf(x.name, sizeof x.name, "%s", PQgetvalue(r, 0, 3));
		x.year = atoi(PQgetvalue(r, 0, 4));
		snprintf(x.name2, sizeof x.name2, "%s", PQgetvalue(r, 0, 6));
		snprintf(x.name1, sizeof x.name1, "%s", PQgetvalue(r, 0, 7));
		printf("%ld applications, %s active plans; the sample case %s (%s, ID ...%s)\n",
		       gs.applications, PQgetvalue(r, 0, 5), x.number, x.name, x.id4);
		{
			PGresult *m = db_exec(t.conn, "SELECT (SELECT count(*) FROM jz.persons WHERE name LIKE $1 || '%'),"
					      " (SELECT count(*) FROM jz.persons WHERE name LIKE $2 || '%'),"
					      " (SELECT count(*) FROM jz.persons WHERE name LIKE $3 || '%'),"
					      " (SELECT count(*) FROM jz.persons WHERE right(id_number, 4) = $4)", 4,
					      (const char *const[]){ x.name, x.name2, x.name1, x.id4 }, &e);
			if (m && PQntuples(m) == 1)
				printf("persons matching: %s %s, %s %s, %s %s, ...%s %s\n", x.name, PQgetvalue(m, 0, 0),
				       x.name2, PQgetvalue(m, 0, 1), x.name1, PQgetvalue(m, 0, 2), x.id4,
				       PQgetvalue(m, 0, 3));
			PQclear(m);
		}
		PQclear(r);
	}
	/* each role in every generated community */
	for (int k = 0; k < 3; k++) {
		PGresult *r = db_exec(t.conn, "SELECT code FROM jz.communities WHERE code LIKE '11010590%'"
				      " ORDER BY id", 0, NULL, &e);
		snprintf(login[k], sizeof login[k], "benchp%ld_%d", (long)getpid(), k);
		if (!r || PQntuples(r) < 1
		    || !db_staff_add(t.conn, login[k], "基准 路径", roles[k], PQgetvalue(r, 0, 0), PW, &e)) {
			fprintf(stderr, "jiuzhu-bench-paths: staff: %s\n", e.message);
			PQclear(r);
			goto out;
		}
		for (int i = 1; i < PQntuples(r); i++)
			db_run(t.conn, "SELECT jz.staff_add_community($1, $2)", 2,
			       (const char *const[]){ login[k], PQgetvalue(r, i, 0) }, &e);
		PQclear(r);
	}

	printf("\n%-30s %-10s %9s %9s %7s\n", "path (C function as the role)", "role", "first ms",
	       "warm ms", "trips");
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		const struct path *p = &paths[i];
		static const char *const rname[] = { "reception", "caseworker", "supervisor" };
		db_conn *c = testdb_connect_as(&t, login[p->role], PW, &e);
		double first, v[200];
		int trips;

		if (!c) {
			printf("%-30s login: %s\n", p->name, e.message);
			continue;
		}
		first = now_ms();
		if (!p->fn(c, &x, &e)) {
			printf("%-30s %-10s error: %s\n", p->name, rname[p->role], e.message);
			db_close(c);
			continue;
		}
		first = now_ms() - first;
		for (int k = 0; k < 3; k++)
			p->fn(c, &x, &e);
		for (int k = 0; k < repeat; k++) {
			double t0 = now_ms();
			p->fn(c, &x, &e);
			v[k] = now_ms() - t0;
		}
		qsort(v, (size_t)repeat, sizeof *v, cmp_double);
		trips = round_trips(c, p, &x);
		printf("%-30s %-10s %9.2f %9.2f %7d\n", p->name, rname[p->role], first, v[repeat / 2], trips);
		db_close(c);
	}

	{
		char sql[256], a[64], b[64];
		double old_ms, new_ms;
		snprintf(sql, sizeof sql, "SELECT obligations_fen FROM bench_old.funds_forecast(%d, make_date(%d, 1, 1))",
			 x.year, x.year);
		old_ms = time_sql(t.conn, sql, repeat < 5 ? repeat : 5, a, sizeof a);
		snprintf(sql, sizeof sql, "SELECT obligations_fen FROM jz.funds_forecast(%d, make_date(%d, 1, 1))",
			 x.year, x.year);
		new_ms = time_sql(t.conn, sql, repeat < 5 ? repeat : 5, b, sizeof b);
		printf("\nfunds forecast from January (12 months), as the owner, median:\n"
		       "  before 0104 %9.1f ms  obligations %s fen\n  now        %9.1f ms  obligations %s fen  %s\n",
		       old_ms, a, new_ms, b, strcmp(a, b) == 0 ? "same" : "DIFFERENT");
	}
	printf("\nfirst: the first call of a new session (its plans not cached); warm: median of %d"
	       " after 3;\ntrips: requests sent for one call (PQtrace: Sync or Query messages).\n", repeat);
	status = 0;
out:
	if (keep) {
		printf("kept: database %s, socket %s, port %s\n", t.dbname, t.host, t.port);
		db_close(t.conn);
		return status;
	}
	testdb_finish(&t);
	return status;
}
