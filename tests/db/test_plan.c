/* test_plan.c - the plan: proposed from the assessment with the policy in
 * force on its start date (500 + 300 yuan, 3 visits a week, counselling);
 * an amount differing from policy without a reason fails (plain SQL too);
 * a policy change dated in the future does not change today's plan; the
 * supervisor approves (application approved then active, follow-ups every
 * 3 months) or denies with a reason; follow-up outcomes through the state
 * machine. */
#include <poll.h>
#include <time.h>

#include "plan.h"
#include "test_assess_fixture.h"
#include "workflow.h"

/* The last payload heard on DB_WF_CHANNEL within 5 s, malloc'd; NULL if
 * none came (the 审批 list LISTENs there, as the queues do). */
static char *heard(db_conn *c)
{
	PGconn *pg = db_pg(c);
	char *got = NULL;
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		PGnotify *n;
		if (!PQconsumeInput(pg))
			return got;
		while ((n = PQnotifies(pg)) != NULL) {
			free(got);
			got = strcmp(n->relname, DB_WF_CHANNEL) == 0 ? strdup(n->extra) : NULL;
			PQfreemem(n);
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		long ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (got || ms >= 5000)
			return got;
		struct pollfd pfd = { .fd = PQsocket(pg), .events = POLLIN };
		(void)poll(&pfd, 1, (int)(5000 - ms));
	}
}

static const db_plan_item *item(const db_plan *p, const char *kind)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].kind, kind) == 0)
			return &p->items[i];
	return NULL;
}

/* A case taken through a complete assessment; 0 on failure. */
static long long assessed_case(wf *w, const char *name, const char *birth)
{
	long long app = as_elderly_case(w, name, birth);
	db_assessment a;
	db_err e;
	bool good;

	if (!app || !db_assess_open(w->c[WF_CW], app, false, &a, &e))
		return 0;
	good = as_fill(w->c[WF_CW], a.id, a.cats, NULL) == 0
	       && db_assess_complete(w->c[WF_CW], a.id, wf_version(w, app, NULL), NULL, &e);
	if (!good)
		tap_diag("complete: %s", e.message);
	db_assessment_finish(&a);
	return good ? app : 0;
}

int main(void)
{
	wf w;
	db_err e;
	db_plan p;
	long long app, app2, pid, pid2;
	char spid[24], st[24];
	const char *pp[1] = { spid };
	const db_plan_item *it;
	int v = 0;

	memset(&p, 0, sizeof p);
	if (!wf_setup(&w, "test_plan"))
		goto out;
	app = assessed_case(&w, "王秀英", "19500315");
	app2 = assessed_case(&w, "赵桂兰", "19480704");
	ok(app && app2, "two assessed cases");
	if (!app || !app2)
		goto out;

	/* a policy change dated in the future: 600 yuan from 30 days on */
	ok(db_run(w.t.conn, "INSERT INTO jz.policy (key, value, unit, effective_from, note) VALUES"
		  " ('cash_aid_low_income', 60000, 'fen/month', current_date + 30, '提高到 600 元')", 0, NULL, &e),
	   "a future policy row: %s", e.message);

	ok(!db_plan_propose(w.c[WF_REC], app, NULL, NULL, &pid, &e) && (strcmp(e.sqlstate, "JZ011") == 0 || strcmp(e.sqlstate, "42501") == 0),
	   "reception cannot propose (%s)", e.sqlstate);
	ok(db_plan_propose(w.c[WF_CW], app, NULL, NULL, &pid, &e), "proposed from today: %s", e.message);
	ok(db_plan_load(w.c[WF_CW], pid, &p, &e), "loaded: %s", e.message);
	is_str(p.state, "proposed", "state proposed");
	it = item(&p, "cash_low_income");
	ok(it && it->value == 50000 && it->policy_value == 50000, "500 yuan low-income, not the future 600");
	it = item(&p, "cash_elderly_extra");
	ok(it && it->value == 30000 && strcmp(it->person, "王秀英") == 0, "+300 yuan for 王秀英");
	it = item(&p, "home_visits");
	ok(it && it->value == 3, "3 home visits a week");
	ok(item(&p, "counselling") && item(&p, "counselling")->value == 2, "counselling 2 a month");
	ok(!item(&p, "training"), "no training (not unemployed)");
	is_int((int)p.nitems, 4, "four items");
	is_int((int)p.cash_fen, 80000, "800 yuan a month in all");
	{
		long long again = 0;
		ok(db_plan_propose(w.c[WF_CW], app, NULL, NULL, &again, &e) && again == pid,
		   "proposing again returns the same proposal");
	}

	/* an amount differing from policy needs a reason */
	it = item(&p, "cash_low_income");
	ok(!db_plan_item_set(w.c[WF_CW], it->id, 45000, NULL, it->version, &e)
	   && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "450 yuan without a reason fails (%s: %s)",
	   e.sqlstate, e.message);
	snprintf(spid, sizeof spid, "%lld", it->id);
	ok(!db_run(w.c[WF_CW], "UPDATE jz.plan_items SET amount_fen = 45000 WHERE id = $1::bigint", 1, pp, &e)
	   && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "plain SQL: the same (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "UPDATE jz.plan_items SET amount_fen = 45000, deviation_reason = '  '"
		   " WHERE id = $1::bigint", 1, pp, &e) && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0,
	   "a blank reason is no reason (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "UPDATE jz.plan_items SET policy_value = 45000, amount_fen = 45000"
		   " WHERE id = $1::bigint", 1, pp, &e), "nor can the policy figure be overwritten (%s)", e.sqlstate);
	ok(db_plan_item_set(w.c[WF_CW], it->id, 45000, "子女每月另给 50 元", it->version, &e),
	   "450 yuan with a reason: %s", e.message);
	snprintf(spid, sizeof spid, "%lld", pid);
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.plan_items (plan_id, community_id, kind, visits_per_week)"
		   " SELECT $1::bigint, community_id, 'home_visits', 1 FROM jz.plans WHERE id = $1::bigint", 1, pp, &e)
	   && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "1 visit a week (policy: at least 3) needs a reason");
	ok(db_run(w.c[WF_CW], "INSERT INTO jz.plan_items (plan_id, community_id, kind, visits_per_week)"
		  " SELECT $1::bigint, community_id, 'home_visits', 5 FROM jz.plans WHERE id = $1::bigint", 1, pp, &e),
	   "5 visits (more than the minimum) need none: %s", e.message);
	/* an item leaves the plan only with its reason recorded (0065) */
	ok(!db_run(w.c[WF_CW], "DELETE FROM jz.plan_items WHERE plan_id = $1::bigint AND visits_per_week = 5",
		   1, pp, &e) && strcmp(e.sqlstate, "42501") == 0,
	   "a plain DELETE of an item is refused (%s)", e.sqlstate);
	ok(db_run(w.c[WF_CW], "SELECT jz.plan_item_remove(id, version, '重复录入') FROM jz.plan_items"
		  " WHERE plan_id = $1::bigint AND visits_per_week = 5", 1, pp, &e),
	   "jz.plan_item_remove takes it out with its reason: %s", e.message);

	/* moving the start past the future row re-reads the policy */
	ok(db_plan_set_dates(w.c[WF_CW], pid, "2099-01-01", "2099-12-31", &e), "start moved to 2099: %s", e.message);
	is_int((int)testdb_count(w.c[WF_CW], "SELECT policy_value FROM jz.plan_items WHERE plan_id = $1::bigint"
				 " AND kind = 'cash_low_income'", 1, pp), 60000, "the item now shows the 600 yuan policy");
	ok(db_plan_set_dates(w.c[WF_CW], pid, "2026-01-01", "2026-12-31", &e)
	   || db_plan_set_dates(w.c[WF_CW], pid, NULL, NULL, &e), "dates back");
	ok(db_run(w.c[WF_CW], "UPDATE jz.plans SET start_date = current_date, end_date = current_date + 364"
		  " WHERE id = $1::bigint", 1, pp, &e), "start today again: %s", e.message);
	is_int((int)testdb_count(w.c[WF_CW], "SELECT policy_value FROM jz.plan_items WHERE plan_id = $1::bigint"
				 " AND kind = 'cash_low_income'", 1, pp), 50000, "today's plan: 500 yuan policy");
	ok(!db_run(w.c[WF_CW], "UPDATE jz.plans SET state = 'approved' WHERE id = $1::bigint", 1, pp, &e)
	   && strcmp(e.sqlstate, "42501") == 0, "plain SQL cannot approve (%s)", e.sqlstate);

	/* submit and approve */
	db_plan_finish(&p);
	db_plan_load(w.c[WF_CW], pid, &p, &e);
	ok(!db_plan_decide(w.c[WF_SUP], pid, true, NULL, p.version, NULL, &e) && strcmp(e.sqlstate, DB_PLAN_STATE) == 0,
	   "not submitted: nothing to approve (%s)", e.sqlstate);
	ok(db_wf_listen(w.c[WF_SUP], &e), "the supervisor's 审批 list listens: %s", e.message);
	free(heard(w.c[WF_SUP]));   /* what came before */
	ok(db_plan_submit(w.c[WF_CW], pid, p.version, &v, &e), "submitted: %s", e.message);
	{
		char want[64], *got = heard(w.c[WF_SUP]);
		snprintf(want, sizeof want, "%s:%lld", w.cid_a, app);
		is_str(got ? got : "(nothing)", want, "the submit is heard on the queues' channel (0145)");
		free(got);
	}
	ok(!db_plan_item_set(w.c[WF_CW], p.items[0].id, 1, "改", p.items[0].version, &e),
	   "a submitted plan's items are frozen (%s)", e.sqlstate);
	ok(!db_plan_decide(w.c[WF_CW], pid, true, NULL, v, NULL, &e) && (strcmp(e.sqlstate, "JZ011") == 0 || strcmp(e.sqlstate, "42501") == 0),
	   "a caseworker cannot approve (%s)", e.sqlstate);
	ok(!db_plan_decide(w.c[WF_SUP], pid, true, NULL, v - 1, NULL, &e) && strcmp(e.sqlstate, "JZ014") == 0,
	   "an old version conflicts (%s)", e.sqlstate);
	ok(db_plan_decide(w.c[WF_SUP], pid, true, NULL, v, &v, &e), "the supervisor approves: %s", e.message);
	db_plan_finish(&p);
	db_plan_load(w.c[WF_SUP], pid, &p, &e);
	is_str(p.state, "active", "starting today, the plan is active");
	wf_version(&w, app, st);
	is_str(st, "active", "the application is active (assessed -> approved -> active)");
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.follow_ups WHERE plan_id = $1::bigint", 1, pp), 3,
	       "three follow-ups within the year (every 3 months)");
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.follow_ups WHERE plan_id = $1::bigint"
				 " AND due_date = current_date + interval '3 months'", 1, pp), 1, "the first in 3 months");

	/* the second case: denied with a reason */
	ok(db_plan_propose(w.c[WF_CW], app2, NULL, NULL, &pid2, &e), "second plan: %s", e.message);
	db_plan_finish(&p);
	db_plan_load(w.c[WF_CW], pid2, &p, &e);
	ok(db_plan_submit(w.c[WF_CW], pid2, p.version, &v, &e), "submitted");
	ok(!db_plan_decide(w.c[WF_SUP], pid2, false, " ", v, NULL, &e) && strcmp(e.sqlstate, "JZ012") == 0,
	   "deny needs a reason (%s)", e.sqlstate);
	ok(db_plan_decide(w.c[WF_SUP], pid2, false, "有赡养人", v, NULL, &e), "denied with a reason");
	wf_version(&w, app2, st);
	is_str(st, "denied", "the application is denied");

	/* follow-ups: due list and outcomes */
	{
		db_followup *f = NULL;
		size_t n = 0;
		ok(db_followups_due(w.c[WF_CW], NULL, &f, &n, &e) && n == 0, "nothing due today");
		free(f);
		ok(db_followups_due(w.c[WF_CW], "2099-01-01", &f, &n, &e) && n == 3, "three due by 2099 (%zu)", n);
		ok(n > 0 && strcmp(f[0].number, "") != 0 && strcmp(f[0].applicant, "王秀英") == 0, "named");
		if (n == 3) {
			ok(!db_followup_record(w.c[WF_CW], f[0].id, "reassess", "", f[0].version, &e)
			   && strcmp(e.sqlstate, "JZ012") == 0, "re-assess needs notes (%s)", e.sqlstate);
			ok(db_followup_record(w.c[WF_CW], f[0].id, "continue", NULL, f[0].version, &e),
			   "continue: %s", e.message);
			ok(db_followup_record(w.c[WF_CW], f[1].id, "reassess", "行动能力下降", f[1].version, &e),
			   "re-assess: %s", e.message);
			wf_version(&w, app, st);
			is_str(st, "assessing", "active -> assessing through the state machine");
			ok(!db_followup_record(w.c[WF_CW], f[1].id, "close", "x", f[1].version + 1, &e),
			   "a recorded follow-up stays as it is");
		}
		free(f);
		ok(db_followups_due(w.c[WF_CWB], "2099-01-01", &f, &n, &e) && n == 0,
		   "a caseworker of another community sees none");
		free(f);
	}
out:
	db_plan_finish(&p);
	wf_teardown(&w);
	return tap_done();
}
