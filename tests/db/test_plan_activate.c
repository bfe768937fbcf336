/* test_plan_activate.c - approved plans become active on their start date
 * without a supervisor opening 审批 (0063): jz.plans_activate_due() run by
 * a caseworker (its communities), by the owner/superuser (every community:
 * `jiuzhu daily`), never by reception; a plan starting later waits; a second
 * run does nothing; the application goes approved -> active with an event. */
#include "plan.h"
#include "test_assess_fixture.h"

/* Assessed, planned from tomorrow, submitted and approved: 'approved'. */
static long long approved_case(wf *w, const char *name, const char *birth, long long *plan)
{
	long long app = as_elderly_case(w, name, birth);
	db_assessment a;
	db_plan p;
	db_err e;
	int v = 0;
	bool good;

	*plan = 0;
	memset(&p, 0, sizeof p);
	if (!app || !db_assess_open(w->c[WF_CW], app, false, &a, &e))
		return 0;
	good = as_fill(w->c[WF_CW], a.id, a.cats, NULL) == 0
	       && db_assess_complete(w->c[WF_CW], a.id, wf_version(w, app, NULL), NULL, &e)
	       && db_plan_propose(w->c[WF_CW], app, "2099-01-01", "2099-12-31", plan, &e)
	       && db_run(w->t.conn, "UPDATE jz.plans SET start_date = current_date + 1,"
			 " end_date = current_date + 365 WHERE state = 'proposed'", 0, NULL, &e)
	       && db_plan_load(w->c[WF_CW], *plan, &p, &e)
	       && db_plan_submit(w->c[WF_CW], *plan, p.version, &v, &e)
	       && db_plan_decide(w->c[WF_SUP], *plan, true, NULL, v, NULL, &e);
	if (!good)
		tap_diag("%s: %s", name, e.message);
	db_plan_finish(&p);
	db_assessment_finish(&a);
	return good ? app : 0;
}

/* The start date arrives: moved to today past the trigger that freezes a
 * decided plan's dates (superuser, replica role: the clock, not a user). */
static bool start_today(wf *w, long long plan)
{
	char id[24];
	const char *p[1] = { id };
	db_err e;

	snprintf(id, sizeof id, "%lld", plan);
	return db_run(w->t.conn, "SET session_replication_role = replica", 0, NULL, &e)
	       && db_run(w->t.conn, "UPDATE jz.plans SET start_date = current_date WHERE id = $1::bigint", 1, p, &e)
	       && db_run(w->t.conn, "SET session_replication_role = origin", 0, NULL, &e);
}

int main(void)
{
	wf w;
	db_err e;
	long long app, app2, plan = 0, plan2 = 0;
	char st[24], sid[24];
	const char *pp[1] = { sid };
	int n = -1;

	if (!wf_setup(&w, "test_plan_activate"))
		goto out;
	app = approved_case(&w, "周淑珍", "19470211", &plan);
	app2 = approved_case(&w, "吴桂芳", "19490923", &plan2);
	if (!ok(app && app2, "two cases approved with plans from tomorrow"))
		goto out;
	wf_version(&w, app, st);
	is_str(st, "approved", "the application waits approved");

	ok(db_plans_activate_due(w.c[WF_CW], &n, &e) && n == 0, "nothing starts today yet (%d: %s)", n, e.message);
	ok(start_today(&w, plan) && start_today(&w, plan2), "both start dates arrive");

	ok(!db_plans_activate_due(w.c[WF_REC], &n, &e)
	   && (strcmp(e.sqlstate, "JZ011") == 0 || strcmp(e.sqlstate, "42501") == 0),
	   "reception cannot run it (%s)", e.sqlstate);
	ok(db_plans_activate_due(w.c[WF_CWB], &n, &e) && n == 0,
	   "a caseworker of another community activates none of ours (%d)", n);
	wf_version(&w, app, st);
	is_str(st, "approved", "still approved");

	/* the caseworker of the community, e.g. at login: both of theirs */
	snprintf(sid, sizeof sid, "%lld", plan);
	ok(db_plans_activate_due(w.c[WF_CW], &n, &e), "a caseworker runs it: %s", e.message);
	is_int(n, 2, "two plans activated");
	{
		char *ps = wf_scalar(w.t.conn, "SELECT state FROM jz.plans WHERE id = $1::bigint", 1, pp);
		is_str(ps, "active", "the plan is active");
		free(ps);
	}
	wf_version(&w, app, st);
	is_str(st, "active", "the application is active (approved -> active)");
	ok(testdb_count(w.t.conn, "SELECT count(*) FROM jz.application_events e JOIN jz.plans p"
			" ON p.application_id = e.application_id WHERE p.id = $1::bigint AND e.from_state = 'approved'"
			" AND e.to_state = 'active' AND e.reason LIKE '计划自%'", 1, pp) == 1,
	   "one event approved -> active, its reason the start date");
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.follow_ups WHERE plan_id = $1::bigint", 1, pp), 4,
	       "follow-ups scheduled every 3 months (4 within 365 days)");
	ok(db_plans_activate_due(w.c[WF_SUP], &n, &e) && n == 0, "a second run does nothing (%d)", n);

	/* the daily job as the owner: every community */
	{
		long long app3, plan3 = 0;
		app3 = approved_case(&w, "郑玉兰", "19460505", &plan3);
		ok(app3 && start_today(&w, plan3), "a third plan approved, its start arrives");
		ok(db_plans_activate_due(w.t.conn, &n, &e) && n == 1,
		   "the owner's daily run activates it (%d: %s)", n, e.message);
		wf_version(&w, app3, st);
		is_str(st, "active", "its application is active");
	}
out:
	wf_teardown(&w);
	return tap_done();
}
