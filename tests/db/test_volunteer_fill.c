/* test_volunteer_fill.c - fill the week on the sample (0071): the inputs
 * read from the database, the proposal, the accepted bookings written in one
 * transaction (all or nothing), and coverage afterwards showing only the
 * recipients that cannot be covered, with the reason. Also as a caseworker
 * of the community (RLS), the way the screens run it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"
#include "volunteer.h"

int main(void)
{
	testdb t;
	char err[512], monday[11], next[11];
	const char *const next_p[1] = { next };
	db_err e;
	db_conn *cw = NULL;

	if (!testdb_init(&t, "volunteer_fill", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s", e.message);
	ok(db_week_monday(t.conn, NULL, monday, &e), "this week");
	{
		PGresult *r = db_exec(t.conn, "SELECT ($1::date + 7)::text", 1,
				      (const char *const[]){ monday }, &e);
		snprintf(next, sizeof next, "%s", r ? PQgetvalue(r, 0, 0) : "");
		PQclear(r);
	}

	/* a caseworker of 幸福里, as the screens connect */
	char role[64], sql[400];
	snprintf(role, sizeof role, "fill_cw_%d", (int)getpid());
	snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN PASSWORD '排班-test-6' IN ROLE jz_caseworker", role);
	ok(db_run(t.conn, sql, 0, NULL, &e), "caseworker role: %s", e.message);
	const char *rp[1] = { role };
	ok(db_run(t.conn, "INSERT INTO jz.staff (login, display_name, group_role) VALUES ($1, '社工 测试', 'jz_caseworker')",
		  1, rp, &e), "staff row: %s", e.message);
	ok(db_run(t.conn, "INSERT INTO jz.staff_community (login, community_id) SELECT $1, id "
			  "FROM jz.communities WHERE code = '110105001001'", 1, rp, &e), "community: %s", e.message);
	cw = testdb_connect_as(&t, role, "排班-test-6", &e);
	ok(cw != NULL, "connected as the caseworker: %s", cw ? "" : e.message);
	if (!cw)
		goto out;

	db_fill *f = db_fill_create(cw, next, 0, &e);
	ok(f != NULL, "fill next week: %s", f ? "" : e.message);
	if (!f)
		goto out;
	size_t nr = 0, nv = 0, np = 0, ng = 0;
	db_fill_recipients(f, &nr);
	db_fill_volunteers(f, &nv);
	const struct sched_proposal *pr = db_fill_proposals(f, &np);
	const struct sched_gap *g = db_fill_gaps(f, &ng);
	is_int((int)nr, 12, "12 recipients read");
	is_int((int)nv, 40, "40 volunteers read");
	is_int(db_fill_demand(f), 36, "36 visits required");
	/* ten recipients in buildings 1-7 fully (30); building 8's only
	 * volunteer is free one morning: one visit; building 9: none */
	is_int(db_fill_covered(f), 31, "31 covered");
	is_int((int)np, 31, "31 proposals");
	is_int((int)ng, 2, "two recipients left short");
	int days_seen = 1;
	for (size_t i = 0; i + 1 < np; i++)
		if (pr[i].recipient_id == pr[i + 1].recipient_id && pr[i].day == pr[i + 1].day)
			days_seen = 0;
	ok(days_seen, "never two visits to one recipient on one day");
	for (size_t i = 0; i < ng; i++) {
		const db_fill_rec *rr = db_fill_recipients(f, &nr) + g[i].recipient;
		tap_diag("gap: %s missing %d: %s", rr->name, g[i].missing, db_gap_reason_code(g[i].reason));
		if (strcmp(rr->name, "孙玉珍") == 0) {
			is_int(g[i].missing, 3, "孙玉珍 (building 9) misses all three");
			is_str(db_gap_reason_code(g[i].reason), "no_area", "nobody goes to building 9");
		} else {
			is_str(rr->name, "徐德明", "the other one short is 徐德明 (building 8)");
			is_int(g[i].missing, 2, "徐德明 misses two");
		}
	}

	/* someone books one of the proposed slots meanwhile: the whole accept
	 * is refused and nothing is written */
	long long other = testdb_count(t.conn, "SELECT id FROM jz.persons WHERE name = '孙玉珍'", 0, NULL);
	ok(db_visit_book(t.conn, other, pr[0].volunteer_id, next, pr[0].day, pr[0].start, pr[0].end, &e),
	   "another booking takes the first proposed slot: %s", e.message);
	ok(!db_fill_accept(cw, f, &e), "accept refused: %s", e.message);
	is_str(e.sqlstate, "23P01", "by the exclusion constraint");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.visits WHERE status = 'planned' "
					 "AND lower(slot) >= jz.office_at($1::date, 0)", 1, next_p), 1,
	       "nothing of the proposal was written");
	ok(db_run(t.conn, "DELETE FROM jz.visits WHERE status = 'planned'", 0, NULL, &e), "undo the other booking");

	ok(db_fill_accept(cw, f, &e), "accept: %s", e.message);
	db_fill_destroy(f);
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.visits WHERE status = 'planned' "
					 "AND lower(slot) >= jz.office_at($1::date, 0)", 1, next_p), 31,
	       "31 visits written");

	db_cover_row *cv = NULL;
	size_t nc = 0;
	ok(db_coverage(cw, next, &cv, &nc, &e), "coverage: %s", e.message);
	is_int((int)nc, 2, "coverage lists only the two that cannot be covered");
	for (size_t i = 0; i < nc; i++)
		ok(cv[i].reason[0] != '\0', "%s short %d: reason %s", cv[i].name, cv[i].shortfall, cv[i].reason);
	free(cv);

	f = db_fill_create(cw, next, 0, &e);
	ok(f && db_fill_demand(f) == 5 && db_fill_covered(f) == 0, "a second fill finds nothing more to book");
	db_fill_destroy(f);

	/* a fill of this week proposes nothing before today */
	f = db_fill_create(cw, monday, 3, &e);
	ok(f != NULL, "fill this week from Thursday: %s", f ? "" : e.message);
	if (f) {
		pr = db_fill_proposals(f, &np);
		int past = 0;
		for (size_t i = 0; i < np; i++)
			past += pr[i].day < 3;
		is_int(past, 0, "no proposal before Thursday");
		db_fill_destroy(f);
	}

	long wk = 0, yr = 0, done = 0;
	ok(db_volunteer_targets(cw, monday, &wk, &yr, &done, &e), "targets: %s", e.message);
	is_int((int)wk, 600 * 60, "600 hours a week target");
	is_int((int)yr, 31200 * 60, "31,200 hours a year target");
out:
	db_close(cw);
	testdb_finish(&t);
	return tap_done();
}
