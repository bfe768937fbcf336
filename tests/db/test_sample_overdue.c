/* test_sample_overdue.c - the sample's overdue cases (0102): in each sample
 * community a handful of open applications whose notify-by date passed 1 to
 * 20 working days ago; each passes every rule of the database (the rule
 * check itself, nothing missing, the clock as the seed rule counts it, the
 * applicant in no other open application); the supervisor's overdue queue
 * (RLS, db_queue_fetch) shows them marked; a reception account of one
 * community sees only its own; and the rule check does fail once a proof
 * is taken away, so its silence above means something. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"
#include "workflow.h"

static const char *const communities[2] = { "110105001001", "110105001002" };
static const char *const names[2] = { "幸福里社区", "建设路社区" };

/* The sample's overdue applications of one community (as the owner). */
#define OVERDUE_OF \
	"from jz.applications a join jz.communities c on c.id = a.community_id" \
	" where c.code = $1 and a.state = 'submitted' and a.notify_by < current_date"

/* Every overdue application of the community through jz.application_check,
 * one by one, each in a savepoint: returns how many passed, -1 on a failed
 * query. The first failure is printed. */
static long long rule_check_all(db_conn *c, const char *code)
{
	const char *p[1] = { code };
	db_err err;
	PGresult *r = db_exec(c, "select a.id::text " OVERDUE_OF " order by a.id", 1, p, &err);
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
	long long n = testdb_count(c, "select count(*) " OVERDUE_OF, 1, p);
	ok(n >= 3 && n <= 6, "%s: %lld open applications past their notify-by date (3 to 6)", names[i], n);
	is_int((int)testdb_count(c, "select count(*) " OVERDUE_OF
				 " and jz.days_left(a.notify_by) between -20 and -1", 1, p), (int)n,
	       "each overdue by 1 to 20 working days");
	ok(testdb_count(c, "select count(distinct jz.days_left(a.notify_by)) " OVERDUE_OF, 1, p) >= 3,
	   "by different numbers of working days");
	ok(testdb_count(c, "select count(distinct ac.category) from jz.application_categories ac"
			   " where ac.application_id in (select a.id " OVERDUE_OF ")", 1, p) >= 3,
	   "for different categories");
	is_int((int)rule_check_all(c, communities[i]), (int)n,
	       "every one passes jz.application_check");
	is_int((int)testdb_count(c, "select count(*) " OVERDUE_OF
				 " and exists (select 1 from jz.missing_proofs(a.id))", 1, p), 0,
	       "none lacks a proof (jz.missing_proofs empty)");
	is_int((int)testdb_count(c, "select count(*) " OVERDUE_OF
				 " and a.notify_by = (jz.add_working_days((a.submitted_at at time zone"
				 " 'Asia/Shanghai')::date, (jz.policy_value('notify_working_days',"
				 " (a.submitted_at at time zone 'Asia/Shanghai')::date)).value::int)).due", 1, p),
	       (int)n, "notify-by = the day of submission + the policy's working days");
	is_int((int)testdb_count(c, "select count(*) " OVERDUE_OF
				 " and exists (select 1 from jz.applications b"
				 "  join jz.application_states s on s.code = b.state and s.is_open"
				 "  where b.id <> a.id and (b.applicant_id = a.applicant_id"
				 "   or b.household_id = a.household_id))", 1, p), 0,
	       "no applicant or household in another open application");
	is_int((int)testdb_count(c, "select count(*) " OVERDUE_OF
				 " and (a.assigned_to is not null or a.notify_by_certain is null)", 1, p), 0,
	       "not assigned yet, the clock's certainty recorded");
}

/* The supervisor's overdue queue: rows of both communities, each marked. */
static void supervisor_queue(const testdb *t)
{
	db_err e;
	memset(&e, 0, sizeof e);
	db_conn *sup = testdb_connect_as(t, "supervisor", "demo", &e);
	if (!ok(sup != NULL, "supervisor logs in: %s", sup ? "" : e.message))
		return;
	db_queue_query q = { .kind = DB_QUEUE_OVERDUE, .limit = 100 };
	db_queue_row *rows = NULL;
	size_t n = 0;
	if (ok(db_queue_fetch(sup, &q, &rows, &n, &e), "overdue queue read: %s", e.message)) {
		size_t seen[2] = { 0, 0 }, marked = 0, in_range = 0;
		for (size_t i = 0; i < n; i++) {
			for (int k = 0; k < 2; k++)
				if (strcmp(rows[i].community, names[k]) == 0)
					seen[k]++;
			marked += rows[i].overdue;
			in_range += rows[i].days_left <= -1 && rows[i].days_left >= -20;
		}
		ok(seen[0] >= 3 && seen[1] >= 3, "the supervisor sees both communities' (%zu, %zu)",
		   seen[0], seen[1]);
		ok(n > 0 && marked == n && in_range == n, "all %zu marked overdue, 1 to 20 working days", n);
		ok(n > 1 && rows[0].days_left <= rows[n - 1].days_left, "the longest overdue first (%d .. %d)",
		   n ? rows[0].days_left : 0, n ? rows[n - 1].days_left : 0);
	}
	free(rows);
	db_close(sup);

	/* reception serves 幸福里 only */
	db_conn *rec = testdb_connect_as(t, "reception", "demo", &e);
	if (!ok(rec != NULL, "reception logs in: %s", rec ? "" : e.message))
		return;
	rows = NULL;
	n = 0;
	if (ok(db_queue_fetch(rec, &q, &rows, &n, &e), "reception's overdue queue: %s", e.message)) {
		size_t own = 0;
		for (size_t i = 0; i < n; i++)
			own += strcmp(rows[i].community, names[0]) == 0;
		ok(n >= 3 && own == n, "reception sees %zu, all of 幸福里社区", n);
	}
	free(rows);
	db_close(rec);
}

/* The check can fail: without its 居民身份证 an overdue case is refused. */
static void check_can_fail(db_conn *c)
{
	db_err e;
	memset(&e, 0, sizeof e);
	const char *p[1] = { communities[1] };
	ok(db_run(c, "begin", 0, NULL, &e), "begin");
	bool gone = db_run(c, "delete from jz.proofs pr using (select a.id " OVERDUE_OF
			   " order by a.id limit 1) x where pr.application_id = x.id"
			   " and pr.doc_kind = 'id_card'", 1, p, &e);
	ok(gone, "a 居民身份证 taken away: %s", e.message);
	bool passed = db_run(c, "select jz.application_check(a.id) " OVERDUE_OF, 1, p, &e);
	ok(!passed && strcmp(e.sqlstate, "JZ003") == 0, "the rule check refuses it (%s %s)",
	   e.sqlstate, e.message);
	db_run(c, "rollback", 0, NULL, &e);
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;

	if (!testdb_init(&t, "sample_overdue", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s %s", e.message, e.detail);
	for (int i = 0; i < 2; i++)
		per_community(t.conn, i);
	supervisor_queue(&t);
	check_can_fail(t.conn);
	testdb_finish(&t);
	return tap_done();
}
