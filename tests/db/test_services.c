/* test_services.c - counselling, training and feedback (issue 7 items 1,
 * 2, 5): plan members only; a full activity refuses; a month with fewer
 * than the policy's 2 activities is flagged; a class holds the policy's 30
 * and the database refuses the 31st, also when two sessions race for the
 * last seat (the second waits on the class row's lock, then is refused);
 * subsidy = 80% of the fee (the policy in force on the class start);
 * employment within the policy's N months; subsidies in the forecast;
 * satisfied shares per service. */
#include <string.h>
#include <time.h>

#include "funds.h"
#include "services.h"
#include "test_funds_fixture.h"

/* Wait until a backend of this database waits on a lock: each poll is a
 * round trip to the server, with a 10 s deadline (no sleep). */
static bool someone_waits(wf *w)
{
	time_t end = time(NULL) + 10;

	while (time(NULL) < end)
		if (testdb_count(w->t.conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				 " AND wait_event_type = 'Lock'", 0, NULL) > 0)
			return true;
	return false;
}

int main(void)
{
	wf w;
	db_err e;
	long long act = 0, act2 = 0, member = 0, jobless = 0, outsider = 0, cls = 0, cls2 = 0, sub = 0;
	db_counsel_month months[12];
	db_training_outcomes out;
	db_feedback_share sh[4];
	db_forecast f;
	char sid[24], name[64];
	bool got;

	if (!wf_setup(&w, "test_services") || !fd_init(&w))
		goto out;
	/* the year here is 2031, clear of the sample and of today's policy:
	 * that attendance and outcomes wait for their day (0144) is
	 * test_services_ahead's, so the rule is off in this database only */
	db_err off;
	memset(&off, 0, sizeof off);
	ok(db_run(w.t.conn, "ALTER TABLE jz.counselling_participants DISABLE TRIGGER counselling_not_ahead", 0, NULL, &off)
	   && db_run(w.t.conn, "ALTER TABLE jz.training_enrolments DISABLE TRIGGER training_not_ahead", 0, NULL, &off),
	   "attendance and outcomes in 2031 allowed in this test's database: %s", off.message);
	ok(fd_plans(&w, w.cid_a, 3, "{cash_low_income,counselling}", "2031-01-01", "2031-12-31", false, &member) == 3,
	   "three low-income households with counselling");
	ok(fd_plans(&w, w.cid_a, 40, "{counselling,training}", "2031-01-01", "2031-12-31", true, &jobless) == 40,
	   "forty unemployed with training");
	ok(fd_plans(&w, w.cid_a, 1, "{cash_elderly_extra}", "2031-01-01", "2031-12-31", false, &outsider) == 1,
	   "one elderly person (no counselling, no training)");

	/* counselling */
	ok(db_counsel_add(w.c[WF_CW], 0, "2031-03-05", "张心理师", "社区活动室", 2, "走出失业的低谷", &act, &e) && act,
	   "activity: %s", e.message);
	ok(db_counsel_enrol(w.c[WF_CW], act, member, &e), "a plan member enrols: %s", e.message);
	ok(!db_counsel_enrol(w.c[WF_CW], act, outsider, &e) && strcmp(e.sqlstate, DB_FUNDS_NOT_MEMBER) == 0,
	   "no counselling in the plan: refused (%s)", e.sqlstate);
	ok(db_counsel_enrol(w.c[WF_CW], act, jobless, &e), "an unemployed member: %s", e.message);
	ok(!db_counsel_enrol(w.c[WF_CW], act, member + 1, &e) && strcmp(e.sqlstate, DB_FUNDS_FULL) == 0,
	   "capacity 2: the third is refused (%s)", e.sqlstate);
	ok(!db_counsel_attend(w.c[WF_CW], act, member, false, 5, &e), "no satisfaction without attending");
	ok(db_counsel_attend(w.c[WF_CW], act, member, true, 5, &e), "attended, very satisfied: %s", e.message);
	ok(!db_counsel_attend(w.c[WF_CW], act, member, true, 6, &e), "satisfaction 6 refused");
	ok(!db_counsel_enrol(w.c[WF_CWB], act, member, &e), "another community's caseworker cannot enrol");
	ok(db_counsel_add(w.c[WF_SUP], 0, "2031-04-02", "李老师", "活动室", 30, "情绪管理", &act2, &e)
	   && db_counsel_add(w.c[WF_SUP], 0, "2031-04-20", "李老师", "活动室", 30, "亲子沟通", NULL, &e),
	   "two activities in April");
	ok(db_counsel_months(w.c[WF_SUP], 2031, months, &e), "months: %s", e.message);
	ok(months[2].activities == 1 && months[2].required == 2 && months[2].short_of_policy,
	   "March: 1 of 2, flagged");
	ok(months[3].activities == 2 && !months[3].short_of_policy, "April: 2 of 2, not flagged");
	ok(months[0].short_of_policy && months[2].participants == 2 && months[2].attended == 1,
	   "January (none) flagged; March 2 enrolled, 1 came");

	/* training: capacity from policy, the 31st refused */
	ok(db_training_add(w.c[WF_CW], 0, "中式烹调师", "朝阳职业技能培训学校", "2031-05-10", "2031-07-10", 123456,
			   &cls, &e) && cls, "class: %s", e.message);
	snprintf(sid, sizeof sid, "%lld", cls);
	{
		const char *p[1] = { sid };
		is_int((int)testdb_count(w.t.conn, "SELECT capacity FROM jz.training_classes WHERE id = $1::bigint", 1, p), 30,
		       "capacity 30 from policy");
	}
	ok(db_training_enrol(w.c[WF_CW], cls, jobless, &sub, &e), "first trainee: %s", e.message);
	ok(sub == 98765, "subsidy 80%% of 1,234.56 = 987.65 yuan (%lld)", sub);
	ok(!db_training_enrol(w.c[WF_CW], cls, member, &sub, &e) && strcmp(e.sqlstate, DB_FUNDS_NOT_MEMBER) == 0,
	   "no training item (not unemployed): refused (%s)", e.sqlstate);
	for (int i = 1; i < 29; i++)
		if (!db_training_enrol(w.c[WF_CW], cls, jobless + i, NULL, &e))
			ok(0, "trainee %d: %s", i + 1, e.message);
	{
		db_conn *a = w.c[WF_CW], *b = w.c[WF_CW2];
		char pa[24], pb[24];
		const char *qa[2] = { sid, pa }, *qb[2] = { sid, pb };
		PGresult *r;
		bool got_b;

		snprintf(pa, sizeof pa, "%lld", jobless + 29);
		snprintf(pb, sizeof pb, "%lld", jobless + 30);
		ok(db_run(a, "BEGIN", 0, NULL, &e) && db_run(a, "INSERT INTO jz.training_enrolments (class_id, person_id)"
			  " VALUES ($1::bigint, $2::bigint)", 2, qa, &e), "A takes the 30th seat (not committed)");
		got_b = PQsendQueryParams(db_pg(b), "INSERT INTO jz.training_enrolments (class_id, person_id)"
					  " VALUES ($1::bigint, $2::bigint)", 2, NULL, qb, NULL, NULL, 0) == 1;
		ok(got_b && someone_waits(&w), "B's enrolment waits for the class row");
		ok(db_run(a, "COMMIT", 0, NULL, &e), "A commits");
		r = got_b ? PQgetResult(db_pg(b)) : NULL;
		ok(r && PQresultStatus(r) == PGRES_FATAL_ERROR
		   && strcmp(PQresultErrorField(r, PG_DIAG_SQLSTATE), DB_FUNDS_FULL) == 0,
		   "B is refused: the class is full (%s)", r ? PQresultErrorMessage(r) : "no result");
		PQclear(r);
		while ((r = PQgetResult(db_pg(b))) != NULL)
			PQclear(r);
	}
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.training_enrolments", 0, NULL), 30, "30 trainees");
	ok(!db_training_enrol(w.c[WF_SUP], cls, jobless + 31, NULL, &e) && strcmp(e.sqlstate, DB_FUNDS_FULL) == 0,
	   "the 31st is refused (%s: %s)", e.sqlstate, e.message);

	/* a policy change: 70% for classes starting from July */
	ok(db_run(w.t.conn, "INSERT INTO jz.policy (key, value, unit, effective_from) VALUES"
		  " ('training_fee_community_share', 70, 'percent', '2031-07-01')", 0, NULL, &e), "70%% from July");
	/* called before ok(): an argument that prints what the call fills
	 * could be read before the call (evaluation order is unspecified) */
	sub = -1;
	got = db_training_add(w.c[WF_CW], 0, "电工", "朝阳职业技能培训学校", "2031-07-01", "2031-08-31", 100000, &cls2, &e)
	      && db_training_enrol(w.c[WF_CW], cls2, jobless + 35, &sub, &e);
	ok(got && sub == 70000, "a July class: subsidy 700 of 1,000 yuan (%lld)", sub);

	/* outcomes: employed within 6 months of the end */
	ok(!db_training_outcome(w.c[WF_CW], cls, jobless, false, "2031-08-01", &e), "not completed: no job recorded");
	ok(db_training_outcome(w.c[WF_CW], cls, jobless, true, "2031-08-01", &e)
	   && db_training_outcome(w.c[WF_CW], cls, jobless + 1, true, "2032-03-01", &e)
	   && db_training_outcome(w.c[WF_CW], cls, jobless + 2, true, NULL, &e), "three completed: %s", e.message);
	ok(db_training_outcomes_get(w.c[WF_SUP], 2031, &out, &e), "outcomes: %s", e.message);
	ok(out.classes == 2 && out.enrolled == 31 && out.completed == 3 && out.employed == 1 && out.within_months == 6,
	   "2 classes, 31 enrolled, 3 completed, 1 employed within 6 months (%d %d %d %d %d)", out.classes,
	   out.enrolled, out.completed, out.employed, out.within_months);

	/* the forecast counts subsidies not yet paid */
	memset(&f, 0, sizeof f);
	got = db_funds_forecast(w.c[WF_SUP], 2031, "2031-01-01", &f, &e);
	ok(got && f.training_fen == 30 * 98765LL + 70000, "training subsidies committed: %lld", f.training_fen);
	ok(db_fund_receive(w.c[WF_SUP], 2031, "government", 10000000, "拨款", NULL, &e), "100,000 received");
	ok(db_run(w.c[WF_SUP], "SELECT jz.training_subsidy_pay($1::bigint)", 1, (const char *const[]){ sid }, &e),
	   "the class's subsidies paid: %s", e.message);
	ok(db_funds_forecast(w.c[WF_SUP], 2031, "2031-01-01", &f, &e) && f.training_fen == 70000
	   && f.src[0].spent_fen == 30 * 98765LL, "paid ones leave the obligations, spent from government");

	/* feedback */
	ok(db_service_person(w.c[WF_CW], "", &act, name, sizeof name, &e) && act == 0, "no such person");
	ok(db_feedback_add(w.c[WF_CW], member, "cash", 5, "及时到账", &e)
	   && db_feedback_add(w.c[WF_CW], member + 1, "cash", 4, "", &e)
	   && db_feedback_add(w.c[WF_CW], member + 2, "cash", 2, "'; DROP TABLE jz.feedback; --", &e)
	   && db_feedback_add(w.c[WF_CW], jobless, "training", 3, "一般", &e), "four answers: %s", e.message);
	ok(!db_feedback_add(w.c[WF_CW], member, "cash", 0, "", &e), "satisfaction 0 refused");
	ok(!db_feedback_add(w.c[WF_CW], member, "lottery", 5, "", &e), "unknown service refused");
	ok(db_feedback_shares(w.c[WF_SUP], NULL, NULL, sh, &e), "shares: %s", e.message);
	ok(strcmp(sh[0].service, "cash") == 0 && sh[0].answers == 3 && sh[0].satisfied == 2 && sh[0].pct_tenths == 666,
	   "cash: 2 of 3 satisfied (66.6%%)");
	ok(sh[3].answers == 1 && sh[3].satisfied == 0 && sh[1].pct_tenths == -1, "training 0 of 1; home visits none");
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.feedback WHERE comment LIKE '%DROP TABLE%'", 0, NULL), 1,
	       "the injection text is stored literally");
	ok(db_feedback_shares(w.c[WF_CWB], NULL, NULL, sh, &e) && sh[0].answers == 0, "B's caseworker sees none of A's");
out:
	wf_teardown(&w);
	return tap_done();
}
