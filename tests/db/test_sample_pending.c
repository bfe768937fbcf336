/* test_sample_pending.c - the sample's plans waiting for approval (0137): in
 * each sample community at least two assessed applications whose plan the
 * caseworker has submitted; each plan has items priced at the policy in
 * force on its start date; each application went through the workflow
 * (accepted by reception, assessing and assessed by the caseworker, the
 * assessment complete, the rule check passed); loading the sample again
 * adds nothing; the supervisor's 审批 list (db_plans_pending, RLS) shows
 * them and the supervisor approves one through db_plan_decide, as the
 * screen does; the sample's move helper refuses a move the table does not
 * allow, so its silence above means something. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrate.h"
#include "plan.h"
#include "tap.h"
#include "testdb.h"

static const char *const communities[2] = { "110105001001", "110105001002" };
static const char *const names[2] = { "幸福里社区", "建设路社区" };

/* The submitted, undecided plans of one community (as the owner). */
#define PENDING_OF \
	"from jz.plans x join jz.applications a on a.id = x.application_id" \
	" join jz.communities c on c.id = x.community_id" \
	" where c.code = $1 and x.state = 'proposed' and x.submitted_at is not null"

/* Every pending plan's application through jz.application_check, each
 * printed when it fails: how many passed, -1 on a failed query. */
static long long rule_check_all(db_conn *c, const char *code)
{
	const char *p[1] = { code };
	db_err err;
	PGresult *r = db_exec(c, "select a.id::text " PENDING_OF " order by a.id", 1, p, &err);
	long long passed = 0;
	if (!r) {
		tap_diag("list: %s", err.message);
		return -1;
	}
	for (int i = 0; i < PQntuples(r); i++) {
		const char *q[1] = { PQgetvalue(r, i, 0) };
		if (db_run(c, "select jz.application_check($1::bigint)", 1, q, &err))
			passed++;
		else
			tap_diag("application %s: %s %s", q[0], err.sqlstate, err.message);
	}
	PQclear(r);
	return passed;
}

static void per_community(db_conn *c, int i)
{
	const char *p[1] = { communities[i] };
	long long n = testdb_count(c, "select count(*) " PENDING_OF, 1, p);
	ok(n >= 2, "%s: %lld plans submitted and waiting for approval (at least 2)", names[i], n);
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF " and a.state = 'assessed'", 1, p), (int)n,
	       "each application is 已评估 (assessed), the state 审批 decides on");
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF
				 " and (select count(*) from jz.plan_items i where i.plan_id = x.id) >= 2"
				 " and exists (select 1 from jz.plan_items i where i.plan_id = x.id"
				 "  and i.kind in ('cash_low_income', 'cash_elderly_extra') and i.amount_fen > 0)"
				 " and exists (select 1 from jz.plan_items i where i.plan_id = x.id"
				 "  and i.kind in ('counselling', 'home_visits'))", 1, p), (int)n,
	       "each has items: monthly cash and counselling or home visits");
	is_int((int)testdb_count(c, "select count(*) from jz.plan_items i where i.plan_id in (select x.id " PENDING_OF ")"
				 " and (i.deviation_reason is not null or i.policy_value is distinct from"
				 "  coalesce(i.amount_fen, i.visits_per_week, i.sessions_per_month, i.subsidy_pct)"
				 "  or i.policy_value <> (jz.policy_value(i.policy_key,"
				 "   (select y.start_date from jz.plans y where y.id = i.plan_id))).value)", 1, p), 0,
	       "every item at the policy in force on the plan's start date");
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF
				 " and x.assessment_id = (select s.id from jz.assessments s where s.application_id = a.id"
				 "  and s.completed_at is not null order by s.completed_at desc limit 1)"
				 " and not exists (select 1 from jz.assessment_missing(x.assessment_id))"
				 " and jz.precondition_ok('assessment_complete', a.id)", 1, p), (int)n,
	       "each made from its completed assessment, nothing missing in it");
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF
				 " and (select string_agg(e.to_state || ':' || e.actor, ',' order by e.id)"
				 "  from jz.application_events e where e.application_id = a.id)"
				 "  = 'accepted:reception,assessing:caseworker,assessed:caseworker'"
				 " and a.assigned_to = 'caseworker' and x.created_by = 'caseworker'"
				 " and (select bool_and(e.at <= x.submitted_at) from jz.application_events e"
				 "  where e.application_id = a.id) and x.submitted_at < now()"
				 " and a.submitted_at < (select min(e.at) from jz.application_events e"
				 "  where e.application_id = a.id)", 1, p), (int)n,
	       "each went 受理 -> 已受理 (reception) -> 评估中 -> 已评估 (caseworker), in that order, before the plan");
	is_int((int)rule_check_all(c, communities[i]), (int)n, "every application passes jz.application_check");
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF " and exists (select 1 from jz.missing_proofs(a.id))",
				 1, p), 0, "none lacks a proof (jz.missing_proofs empty)");
	is_int((int)testdb_count(c, "select count(*) " PENDING_OF
				 " and exists (select 1 from jz.applications b"
				 "  join jz.application_states s on s.code = b.state and s.is_open"
				 "  where b.id <> a.id and (b.applicant_id = a.applicant_id"
				 "   or b.household_id = a.household_id))", 1, p), 0,
	       "no applicant or household in another open application");
	ok(testdb_count(c, "select count(distinct x.submitted_at::date) " PENDING_OF, 1, p) >= 2,
	   "submitted on different days");
}

/* Counts of what the sample added, as one text. */
static void counts(db_conn *c, char *buf, size_t len)
{
	db_err err;
	PGresult *r = db_exec(c, "select (select count(*) from jz.plans) || '/' || (select count(*) from jz.plan_items)"
			      " || '/' || (select count(*) from jz.applications) || '/' || (select count(*) from jz.persons)"
			      " || '/' || (select count(*) from jz.assessments)", 0, NULL, &err);
	snprintf(buf, len, "%s", r && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : err.message);
	PQclear(r);
}

static void again_adds_nothing(db_conn *c)
{
	char before[600], after[600];
	db_err e;
	memset(&e, 0, sizeof e);
	counts(c, before, sizeof before);
	ok(db_load_sample(c, &e), "the sample loaded again: %s", e.message);
	ok(db_run(c, "select jz.sample_plans_pending()", 0, NULL, &e), "jz.sample_plans_pending() again: %s",
	   e.message);
	counts(c, after, sizeof after);
	is_str(after, before, "nothing added (plans/items/applications/persons/assessments)");
}

/* The supervisor's 审批 list: rows of both communities; one approved. */
static void supervisor(const testdb *t, db_conn *owner)
{
	db_err e;
	memset(&e, 0, sizeof e);
	db_conn *sup = testdb_connect_as(t, "supervisor", "demo", &e);
	if (!ok(sup != NULL, "supervisor logs in: %s", sup ? "" : e.message))
		return;
	db_plan_row *rows = NULL;
	size_t n = 0;
	if (!ok(db_plans_pending(sup, &rows, &n, &e), "审批 list read: %s", e.message)) {
		db_close(sup);
		return;
	}
	size_t seen[2] = { 0, 0 }, chinese = 0, cash = 0;
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++)
			seen[k] += strncmp(rows[i].number, communities[k], strlen(communities[k])) == 0;
		chinese += (unsigned char)rows[i].applicant[0] >= 0xe4;
		cash += rows[i].cash_fen > 0;
	}
	ok(seen[0] >= 2 && seen[1] >= 2, "the supervisor sees both communities' (%zu, %zu)", seen[0], seen[1]);
	ok(n > 0 && chinese == n && cash == n, "all %zu with a Chinese name and cash a month", n);

	/* approve the first, as F10 on the screen does */
	if (n > 0) {
		char id[24];
		const char *p[1] = { id };
		int nv = 0;
		snprintf(id, sizeof id, "%lld", rows[0].plan_id);
		db_conn *cw = testdb_connect_as(t, "caseworker", "demo", &e);
		ok(cw && !db_plan_decide(cw, rows[0].plan_id, true, NULL, rows[0].version, &nv, &e)
		   && (strcmp(e.sqlstate, "42501") == 0 || strcmp(e.sqlstate, "JZ011") == 0),
		   "the caseworker may not approve it (%s)", e.sqlstate);
		db_close(cw);
		ok(!db_plan_decide(sup, rows[0].plan_id, false, "", rows[0].version, &nv, &e)
		   && strcmp(e.sqlstate, "JZ012") == 0, "denying without a reason is refused (%s)", e.sqlstate);
		if (!ok(db_plan_decide(sup, rows[0].plan_id, true, NULL, rows[0].version, &nv, &e),
			"the supervisor approves %s's plan: %s %s", rows[0].applicant, e.sqlstate, e.message))
			tap_diag("%s", e.detail);
		is_int((int)testdb_count(owner, "select count(*) from jz.plans x join jz.applications a"
					 " on a.id = x.application_id where x.id = $1::bigint and x.state = 'active'"
					 " and x.approved_by = 'supervisor' and a.state = 'active'", 1, p), 1,
		       "the plan is in force and the application 救助中");
		ok(testdb_count(owner, "select count(*) from jz.follow_ups where plan_id = $1::bigint", 1, p) >= 1,
		   "its follow-ups are scheduled");
		db_plan_row *after = NULL;
		size_t m = 0;
		bool read = db_plans_pending(sup, &after, &m, &e);
		ok(read && m + 1 == n, "审批 has one fewer (%zu of %zu)", m, n);
		free(after);
	}
	free(rows);
	db_close(sup);
}

/* The sample's move helper refuses what jz.transition would. */
static void move_can_fail(db_conn *c)
{
	db_err e;
	memset(&e, 0, sizeof e);
	const char *p[1] = { communities[1] };
	PGresult *r = db_exec(c, "select a.id::text " PENDING_OF " order by a.id limit 1", 1, p, &e);
	if (!ok(r && PQntuples(r) == 1, "a pending application of %s", names[1])) {
		PQclear(r);
		return;
	}
	char id[24];
	snprintf(id, sizeof id, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	const char *q[1] = { id };
	ok(!db_run(c, "select jz.sample_move($1::bigint, 'active', 'supervisor', now(), null)", 1, q, &e)
	   && strcmp(e.sqlstate, "JZ010") == 0, "已评估 -> 救助中 is not in the table (%s)", e.sqlstate);
	ok(!db_run(c, "select jz.sample_move($1::bigint, 'approved', 'caseworker', now(), null)", 1, q, &e)
	   && strcmp(e.sqlstate, "JZ011") == 0, "the caseworker may not approve (%s)", e.sqlstate);
	is_int((int)testdb_count(c, "select count(*) from jz.applications where id = $1::bigint and state = 'assessed'",
				 1, q), 1, "the application is still 已评估");
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;

	if (!testdb_init(&t, "sample_pending", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s %s", e.message, e.detail);
	for (int i = 0; i < 2; i++)
		per_community(t.conn, i);
	again_adds_nothing(t.conn);
	move_can_fail(t.conn);
	supervisor(&t, t.conn);
	testdb_finish(&t);
	return tap_done();
}
