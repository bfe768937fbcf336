/* test_layering.c - the reads the screens used to run themselves, now in
 * db/: the people an activity or class may enrol (one rule, jz.plan_members
 * of 0085, the same plan_member_has checks: the list and the trigger agree
 * on the 31-day window's last day and the day after), the participants
 * with their attendance and outcome, the feedback target from policy, the
 * queue pickers and an application's state, and the full record with its
 * audited member reads, each under the reader's row-level security. */
#include "detail.h"
#include "funds.h"
#include "services.h"
#include "test_funds_fixture.h"

static bool has(const db_counsel_person *v, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return true;
	return false;
}

static void services(wf *w)
{
	db_err e;
	long long member = 0, jobless = 0, outsider = 0, act = 0, last = 0, after = 0, cls = 0;
	db_counsel_person *cp = NULL;
	db_training_person *tp = NULL;
	db_counsel_row *cl = NULL;
	size_t n = 0;
	int pct = -1;

	ok(fd_plans(w, w->cid_a, 3, "{cash_low_income,counselling}", "2031-01-01", "2031-12-31", false, &member) == 3
	   && fd_plans(w, w->cid_a, 5, "{counselling,training}", "2031-01-01", "2031-12-31", true, &jobless) == 5
	   && fd_plans(w, w->cid_a, 1, "{cash_elderly_extra}", "2031-01-01", "2031-12-31", false, &outsider) == 1,
	   "three with counselling, five unemployed with training, one with neither");
	ok(db_counsel_add(w->c[WF_CW], 0, "2031-03-05", "张心理师", "社区活动室", 20, "走出失业的低谷", &act, &e),
	   "activity: %s", e.message);

	ok(db_counsel_people(w->c[WF_CW], act, false, &cp, &n, &e), "eligible: %s", e.message);
	is_int((int)n, 8, "eight plan members with counselling may enrol");
	ok(has(cp, n, member) && has(cp, n, jobless + 4) && !has(cp, n, outsider), "the elderly one is not among them");
	ok(n > 0 && strlen(cp[0].id_number) == 18 && cp[0].name[0], "full ID number and name (%s)",
	   n ? cp[0].name : "");
	ok(n > 1 && strcmp(cp[0].name, cp[1].name) <= 0, "ordered by name");
	free(cp);
	is_int((int)testdb_count(w->t.conn, "SELECT count(*) FROM jz.persons p WHERE p.community_id = $1::int"
				 " AND jz.plan_member_has(p.id, 'counselling', '2031-03-05')", 1,
				 (const char *const[]){ w->cid_a }), 8, "plan_member_has agrees: eight");

	ok(db_counsel_enrol(w->c[WF_CW], act, member, &e) && db_counsel_attend(w->c[WF_CW], act, member, true, 4, &e),
	   "one enrols and comes, satisfaction 4: %s", e.message);
	ok(db_counsel_people(w->c[WF_CW], act, false, &cp, &n, &e) && n == 7 && !has(cp, n, member),
	   "the enrolled one leaves the eligible list (%zu)", n);
	free(cp);
	ok(db_counsel_people(w->c[WF_CW], act, true, &cp, &n, &e) && n == 1 && cp[0].id == member
	   && cp[0].attended && cp[0].satisfaction == 4, "participants: one, attended, 4");
	free(cp);
	ok(db_counsel_people(w->c[WF_CWB], act, false, &cp, &n, &e) && n == 0,
	   "another community's caseworker sees nobody (%zu)", n);
	free(cp);

	/* the window: plans ended 2031-12-31 still count 31 days later */
	ok(db_counsel_add(w->c[WF_CW], 0, "2032-01-31", "张心理师", "活动室", 20, "回访", &last, &e)
	   && db_counsel_add(w->c[WF_CW], 0, "2032-02-01", "张心理师", "活动室", 20, "回访", &after, &e),
	   "activities on 31 January and 1 February 2032");
	ok(db_counsel_people(w->c[WF_CW], last, false, &cp, &n, &e) && n == 8, "31 January: eight (%zu)", n);
	free(cp);
	ok(db_counsel_enrol(w->c[WF_CW], last, member, &e), "and the trigger takes one: %s", e.message);
	ok(db_counsel_people(w->c[WF_CW], after, false, &cp, &n, &e) && n == 0, "1 February: none (%zu)", n);
	/* callers were promised an array, empty or not */
	ok(cp != NULL, "no one: still an array, not NULL");
	free(cp);
	ok(db_counsel_list(w->c[WF_CW], 1990, &cl, &n, &e) && n == 0 && cl != NULL,
	   "a year with no activities: an empty array, not NULL (%zu)", n);
	free(cl);
	ok(!db_counsel_enrol(w->c[WF_CW], after, member, &e) && strcmp(e.sqlstate, DB_FUNDS_NOT_MEMBER) == 0,
	   "and the trigger refuses (%s)", e.sqlstate);
	ok(testdb_count(w->c[WF_CW], "SELECT count(*) FROM jz.plan_members('counselling', '2031-03-05')", 0, NULL) == 8
	   && testdb_count(w->c[WF_CWB], "SELECT count(*) FROM jz.plan_members('counselling', '2031-03-05')", 0, NULL) == 0,
	   "staff call jz.plan_members under their row-level security");

	/* training */
	ok(db_training_add(w->c[WF_CW], 0, "中式烹调师", "朝阳职业技能培训学校", "2031-05-10", "2031-07-10", 100000,
			   &cls, &e), "class: %s", e.message);
	ok(db_training_people(w->c[WF_CW], cls, false, &tp, &n, &e) && n == 5, "five unemployed may enrol (%zu)", n);
	free(tp);
	ok(db_training_enrol(w->c[WF_CW], cls, jobless, NULL, &e)
	   && db_training_outcome(w->c[WF_CW], cls, jobless, true, "2031-08-01", &e), "enrolled, completed, employed: %s",
	   e.message);
	ok(db_training_people(w->c[WF_CW], cls, true, &tp, &n, &e) && n == 1 && tp[0].id == jobless && tp[0].completed
	   && strcmp(tp[0].employed_on, "2031-08-01") == 0 && tp[0].subsidy_fen == 80000,
	   "the trainee: completed, employed 2031-08-01, subsidy 800 yuan");
	free(tp);
	ok(db_training_people(w->c[WF_CW], cls, false, &tp, &n, &e) && n == 4, "four left (%zu)", n);
	free(tp);

	/* the satisfaction target is the policy's */
	ok(db_run(w->t.conn, "INSERT INTO jz.policy (key, value, unit, effective_from) VALUES"
		  " ('target_satisfaction', 95, 'percent', '2032-01-01')", 0, NULL, &e), "95%% from 2032: %s", e.message);
	ok(db_feedback_target(w->c[WF_SUP], 2031, &pct, &e) && pct == 90, "2031: 90%% (%d)", pct);
	ok(db_feedback_target(w->c[WF_SUP], 2032, &pct, &e) && pct == 95, "2032: 95%% (%d)", pct);
}

static void queue_and_record(wf *w)
{
	db_err e;
	db_wf_choice *ch = NULL;
	size_t n = 0;
	char state[24];
	long long app = wf_submit(w, "张建国", "19600315", true);
	char sid[24];
	db_detail d;
	long long views;

	ok(app > 0, "an application of 张建国");
	snprintf(sid, sizeof sid, "%lld", app);
	const char *p[1] = { sid };

	ok(db_wf_states(w->c[WF_SUP], &ch, &n, &e) && (long long)n == testdb_count(w->t.conn,
	   "SELECT count(*) FROM jz.application_states", 0, NULL), "every state (%zu)", n);
	ok(n > 0 && ch[0].code[0] && ch[0].name[0], "code and name (%s %s)", n ? ch[0].code : "", n ? ch[0].name : "");
	free(ch);
	ok(db_wf_communities(w->c[WF_CW], &ch, &n, &e) && n == 1 && strcmp(ch[0].code, w->cid_a) == 0
	   && strcmp(ch[0].name, "团结湖社区") == 0, "the caseworker's community: 团结湖社区");
	free(ch);
	ok(db_wf_state_of(w->c[WF_CW], app, state, &e) && strcmp(state, "submitted") == 0, "submitted (%s)", state);
	ok(db_wf_state_of(w->c[WF_CWB], app, state, &e) && state[0] == '\0', "not in the other community's");

	memset(&d, 0, sizeof d);
	views = testdb_count(w->t.conn, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW' AND person_id ="
			     " (SELECT applicant_id FROM jz.applications WHERE id = $1::bigint)", 1, p);
	ok(db_detail_read(w->c[WF_CW], app, &d, &e) && d.found, "the record: %s", e.message);
	char *num = wf_scalar(w->t.conn, "SELECT number FROM jz.applications WHERE id = $1::bigint", 1, p);
	char *idn = wf_scalar(w->t.conn, "SELECT p.id_number FROM jz.applications a JOIN jz.persons p"
			      " ON p.id = a.applicant_id WHERE a.id = $1::bigint", 1, p);
	is_str(d.number, num, "its number");
	ok(d.n_members == 1 && strcmp(d.members[0].id_number, idn) == 0 && strcmp(d.members[0].name, "张建国") == 0
	   && d.members[0].error[0] == '\0', "the member with the full ID number");
	is_int((int)(testdb_count(w->t.conn, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW' AND person_id ="
				  " (SELECT applicant_id FROM jz.applications WHERE id = $1::bigint)", 1, p) - views), 1,
	       "one VIEW entry in the audit trail");
	ok(d.n_categories == 1 && d.categories[0].name[0], "one category (%s)", d.n_categories ? d.categories[0].name : "");
	ok(d.n_proofs >= 3 && (long long)d.n_proofs == testdb_count(w->t.conn, "SELECT count(*) FROM jz.proofs"
	   " WHERE application_id = $1::bigint", 1, p) && d.proofs[0].seen && d.proofs[0].doc_kind[0],
	   "every proof, the first seen (%zu)", d.n_proofs);
	is_str(d.reason, "收入低于低保标准", "the reason");
	ok(d.version > 0 && d.household_id > 0 && d.submitted[0], "version, household, submitted at");
	ok(!d.members_error[0] && !d.events_error[0] && !d.proofs_error[0] && !d.categories_error[0], "no section failed");
	free(num);
	free(idn);

	ok(wf_go(w, WF_CW, app, "accepted", NULL, &e), "accepted: %s", e.message);
	ok(db_detail_read(w->c[WF_CW], app, &d, &e) && d.found && d.n_events >= 1
	   && d.events[d.n_events - 1].actor[0], "read again: the move in the history (%zu)", d.n_events);
	ok(db_wf_state_of(w->c[WF_CW], app, state, &e) && strcmp(state, "accepted") == 0, "accepted (%s)", state);

	ok(db_detail_read(w->c[WF_CWB], app, &d, &e) && !d.found && d.n_members == 0,
	   "another community's caseworker: not there");
	ok(db_detail_read(w->c[WF_CW], -1, &d, &e) && !d.found, "no such application: not there");
	db_detail_finish(&d);
	db_detail_finish(NULL);
}

int main(void)
{
	wf w;

	if (!wf_setup(&w, "test_layering") || !fd_init(&w))
		goto out;
	/* the year here is 2031, clear of the sample and of today's policy:
	 * that attendance and outcomes wait for their day (0144) is
	 * test_services_ahead's, so the rule is off in this database only */
	db_err off;
	memset(&off, 0, sizeof off);
	ok(db_run(w.t.conn, "ALTER TABLE jz.counselling_participants DISABLE TRIGGER counselling_not_ahead", 0, NULL, &off)
	   && db_run(w.t.conn, "ALTER TABLE jz.training_enrolments DISABLE TRIGGER training_not_ahead", 0, NULL, &off),
	   "attendance and outcomes in 2031 allowed in this test's database: %s", off.message);
	services(&w);
	queue_and_record(&w);
out:
	wf_teardown(&w);
	return tap_done();
}
