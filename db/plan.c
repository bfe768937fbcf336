/* plan.c - plans and follow-ups on the functions of 0061-0062. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!src)
		src = "";
	n = strlen(src);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *val(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

static long long lval(const PGresult *res, int row, int col)
{
	return strtoll(val(res, row, col), NULL, 10);
}

/* A one-value statement; *out gets the first column as a number. */
static bool one(db_conn *c, const char *sql, int np, const char *const *p, long long *out, db_err *err)
{
	PGresult *res = db_exec(c, sql, np, p, err);

	if (!res)
		return false;
	if (out)
		*out = PQntuples(res) > 0 ? lval(res, 0, 0) : 0;
	PQclear(res);
	return true;
}

bool db_plan_propose(db_conn *c, long long application_id, const char *start, const char *end,
		     long long *plan_id, db_err *err)
{
	char app[24];
	const char *p[3] = { app, start && *start ? start : NULL, end && *end ? end : NULL };

	snprintf(app, sizeof app, "%lld", application_id);
	return one(c, "SELECT jz.plan_propose($1::bigint, $2::date, $3::date)", 3, p, plan_id, err);
}

bool db_plan_of(db_conn *c, long long application_id, long long *plan_id, db_err *err)
{
	char app[24];
	const char *p[1] = { app };

	snprintf(app, sizeof app, "%lld", application_id);
	return one(c, "SELECT coalesce(max(id), 0) FROM jz.plans WHERE application_id = $1::bigint",
		   1, p, plan_id, err);
}

bool db_plan_load(db_conn *c, long long plan_id, db_plan *out, db_err *err)
{
	static const char head[] =
		"SELECT x.id, x.application_id, a.number, p.name, x.state, x.submitted_at IS NOT NULL,"
		" x.start_date, x.end_date, x.created_by, coalesce(x.approved_by, ''),"
		" coalesce(x.decision_reason, ''), x.version"
		" FROM jz.plans x JOIN jz.applications a ON a.id = x.application_id"
		" JOIN jz.persons p ON p.id = a.applicant_id WHERE x.id = $1::bigint";
	static const char items[] =
		"SELECT i.id, coalesce(p.name, ''), i.kind, k.name, k.measure,"
		" coalesce(i.amount_fen, i.visits_per_week, i.sessions_per_month, i.subsidy_pct),"
		" i.policy_value, coalesce(i.deviation_reason, ''), i.version"
		" FROM jz.plan_items i JOIN jz.plan_item_kinds k ON k.code = i.kind"
		" LEFT JOIN jz.persons p ON p.id = i.person_id"
		" WHERE i.plan_id = $1::bigint ORDER BY k.sort, i.person_id NULLS FIRST, i.id";
	char id[24];
	const char *p[1] = { id };
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	snprintf(id, sizeof id, "%lld", plan_id);
	res = db_exec(c, head, 1, p, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		PQclear(res);
		db_err_set(err, DB_ERR_SQL, "no plan %lld in your communities", plan_id);
		snprintf(err->sqlstate, sizeof err->sqlstate, "JZ004");
		return false;
	}
	out->id = lval(res, 0, 0);
	out->application_id = lval(res, 0, 1);
	put(out->number, sizeof out->number, val(res, 0, 2));
	put(out->applicant, sizeof out->applicant, val(res, 0, 3));
	put(out->state, sizeof out->state, val(res, 0, 4));
	out->submitted = val(res, 0, 5)[0] == 't';
	put(out->start_date, sizeof out->start_date, val(res, 0, 6));
	put(out->end_date, sizeof out->end_date, val(res, 0, 7));
	put(out->created_by, sizeof out->created_by, val(res, 0, 8));
	put(out->approved_by, sizeof out->approved_by, val(res, 0, 9));
	put(out->decision_reason, sizeof out->decision_reason, val(res, 0, 10));
	out->version = atoi(val(res, 0, 11));
	PQclear(res);
	res = db_exec(c, items, 1, p, err);
	if (!res)
		return false;
	n = PQntuples(res);
	if (n > 0 && !(out->items = calloc((size_t)n, sizeof *out->items))) {
		PQclear(res);
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		return false;
	}
	for (int i = 0; i < n; i++) {
		db_plan_item *it = &out->items[i];
		it->id = lval(res, i, 0);
		put(it->person, sizeof it->person, val(res, i, 1));
		put(it->kind, sizeof it->kind, val(res, i, 2));
		put(it->kind_name, sizeof it->kind_name, val(res, i, 3));
		put(it->measure, sizeof it->measure, val(res, i, 4));
		it->value = lval(res, i, 5);
		it->policy_value = lval(res, i, 6);
		put(it->deviation_reason, sizeof it->deviation_reason, val(res, i, 7));
		it->version = atoi(val(res, i, 8));
		if (strcmp(it->measure, "amount_fen") == 0)
			out->cash_fen += it->value;
	}
	out->nitems = (size_t)n;
	PQclear(res);
	return true;
}

void db_plan_finish(db_plan *p)
{
	if (!p)
		return;
	free(p->items);
	p->items = NULL;
	p->nitems = 0;
}

bool db_plan_item_set(db_conn *c, long long item_id, long long value, const char *reason,
		      int version, db_err *err)
{
	char id[24], v[24], ver[16];
	const char *p[4] = { id, v, reason && *reason ? reason : NULL, ver };

	snprintf(id, sizeof id, "%lld", item_id);
	snprintf(v, sizeof v, "%lld", value);
	snprintf(ver, sizeof ver, "%d", version);
	return db_run(c, "SELECT jz.plan_item_set($1::bigint, $2::bigint, $3, $4::int)", 4, p, err);
}

bool db_plan_set_dates(db_conn *c, long long plan_id, const char *start, const char *end, db_err *err)
{
	char id[24];
	const char *p[3] = { id, start, end };

	snprintf(id, sizeof id, "%lld", plan_id);
	return db_run(c, "UPDATE jz.plans SET start_date = coalesce($2::date, start_date),"
		      " end_date = coalesce($3::date, end_date) WHERE id = $1::bigint", 3, p, err);
}

bool db_plan_submit(db_conn *c, long long plan_id, int version, int *new_version, db_err *err)
{
	char id[24], ver[16];
	const char *p[2] = { id, ver };
	long long nv = 0;
	bool good;

	snprintf(id, sizeof id, "%lld", plan_id);
	snprintf(ver, sizeof ver, "%d", version);
	good = one(c, "SELECT jz.plan_submit($1::bigint, $2::int)", 2, p, &nv, err);
	if (good && new_version)
		*new_version = (int)nv;
	return good;
}

bool db_plan_decide(db_conn *c, long long plan_id, bool approve, const char *reason, int version,
		    int *new_version, db_err *err)
{
	char id[24], ver[16];
	const char *p[4] = { id, approve ? "true" : "false", reason && *reason ? reason : NULL, ver };
	long long nv = 0;
	bool good;

	snprintf(id, sizeof id, "%lld", plan_id);
	snprintf(ver, sizeof ver, "%d", version);
	good = one(c, "SELECT jz.plan_decide($1::bigint, $2::boolean, $3, $4::int)", 4, p, &nv, err);
	if (good && new_version)
		*new_version = (int)nv;
	return good;
}

bool db_plans_activate_due(db_conn *c, int *n, db_err *err)
{
	long long k = 0;
	bool good = one(c, "SELECT jz.plans_activate_due()", 0, NULL, &k, err);

	if (n)
		*n = (int)k;
	return good;
}

static void fill_plan_row(void *row, const PGresult *res, int i, void *ctx)
{
	db_plan_row *r = row;

	(void)ctx;
	r->plan_id = lval(res, i, 0);
	r->application_id = lval(res, i, 1);
	put(r->number, sizeof r->number, val(res, i, 2));
	put(r->applicant, sizeof r->applicant, val(res, i, 3));
	put(r->start_date, sizeof r->start_date, val(res, i, 4));
	r->cash_fen = lval(res, i, 5);
	r->version = atoi(val(res, i, 6));
}

bool db_plans_pending(db_conn *c, db_plan_row **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT x.id, x.application_id, a.number, p.name, x.start_date,"
		" coalesce((SELECT sum(i.amount_fen) FROM jz.plan_items i WHERE i.plan_id = x.id), 0), x.version"
		" FROM jz.plans x JOIN jz.applications a ON a.id = x.application_id"
		" JOIN jz.persons p ON p.id = a.applicant_id"
		" WHERE x.state = 'proposed' AND x.submitted_at IS NOT NULL"
		" ORDER BY x.submitted_at, x.id LIMIT 500";
	void *v;
	bool good;

	good = db_fetch_rows(c, false, sql, 0, NULL, sizeof **rows, fill_plan_row, NULL, &v, n, err);
	*rows = v;
	return good;
}

bool db_followups_due(db_conn *c, const char *until, db_followup **rows, size_t *n, db_err *err)
{
	return db_followups_page(c, until, NULL, 0, 500, rows, n, err);
}

static void fill_followup(void *row, const PGresult *res, int i, void *ctx)
{
	db_followup *r = row;

	(void)ctx;
	r->id = lval(res, i, 0);
	put(r->due_date, sizeof r->due_date, val(res, i, 1));
	r->overdue = val(res, i, 2)[0] == 't';
	r->plan_id = lval(res, i, 3);
	r->application_id = lval(res, i, 4);
	put(r->number, sizeof r->number, val(res, i, 5));
	put(r->applicant, sizeof r->applicant, val(res, i, 6));
	r->version = atoi(val(res, i, 7));
}

bool db_followups_page(db_conn *c, const char *until, const char *after_due, long long after_id, int limit,
		       db_followup **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT id, due_date, overdue, plan_id, application_id, number, applicant, version"
		" FROM jz.follow_ups_due($1::date, $2::date, $3::bigint, $4::int)";
	char sid[24], slim[16];
	bool from_start = !after_due || !*after_due;
	const char *p[4] = { until && *until ? until : NULL, from_start ? NULL : after_due,
			     from_start ? NULL : sid, slim };
	void *v;
	bool good;

	snprintf(sid, sizeof sid, "%lld", after_id);
	snprintf(slim, sizeof slim, "%d", limit);
	good = db_fetch_rows(c, false, sql, 4, p, sizeof **rows, fill_followup, NULL, &v, n, err);
	*rows = v;
	return good;
}

bool db_followup_record(db_conn *c, long long id, const char *outcome, const char *notes, int version,
			db_err *err)
{
	char sid[24], ver[16];
	const char *p[4] = { sid, outcome, notes && *notes ? notes : NULL, ver };

	snprintf(sid, sizeof sid, "%lld", id);
	snprintf(ver, sizeof ver, "%d", version);
	return db_run(c, "SELECT jz.follow_up_record($1::bigint, $2, $3, $4::int)", 4, p, err);
}

bool db_followup_state(db_conn *c, long long id, int *version, char *outcome, size_t olen,
		       char *done_by, size_t dlen, db_err *err)
{
	char sid[24];
	const char *p[1] = { sid };
	PGresult *res;

	snprintf(sid, sizeof sid, "%lld", id);
	res = db_exec(c, "SELECT version, coalesce(outcome, ''), coalesce(done_by, '')"
		      " FROM jz.follow_ups WHERE id = $1::bigint", 1, p, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		PQclear(res);
		db_err_set(err, DB_ERR_SQL, "no follow-up %lld in your communities", id);
		snprintf(err->sqlstate, sizeof err->sqlstate, "JZ004");
		return false;
	}
	*version = atoi(val(res, 0, 0));
	put(outcome, olen, val(res, 0, 1));
	put(done_by, dlen, val(res, 0, 2));
	PQclear(res);
	return true;
}

static void fill_plan_mine(void *row, const PGresult *res, int i, void *ctx)
{
	db_plan_mine *m = row;

	(void)ctx;
	m->r.plan_id = lval(res, i, 0);
	m->r.application_id = lval(res, i, 1);
	put(m->r.number, sizeof m->r.number, val(res, i, 2));
	put(m->r.applicant, sizeof m->r.applicant, val(res, i, 3));
	put(m->r.start_date, sizeof m->r.start_date, val(res, i, 4));
	m->r.cash_fen = lval(res, i, 5);
	m->r.version = atoi(val(res, i, 6));
	put(m->state, sizeof m->state, val(res, i, 7));
	m->submitted = val(res, i, 8)[0] == 't';
}

bool db_plans_mine(db_conn *c, db_plan_mine **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT x.id, x.application_id, a.number, p.name, x.start_date,"
		" coalesce((SELECT sum(i.amount_fen) FROM jz.plan_items i WHERE i.plan_id = x.id), 0), x.version,"
		" x.state, x.submitted_at IS NOT NULL"
		" FROM jz.plans x JOIN jz.applications a ON a.id = x.application_id"
		" JOIN jz.persons p ON p.id = a.applicant_id"
		" WHERE x.id = (SELECT max(y.id) FROM jz.plans y WHERE y.application_id = x.application_id)"
		" AND (a.assigned_to = session_user OR x.created_by = session_user)"
		" ORDER BY x.start_date DESC, x.id DESC LIMIT 500";
	void *v;
	bool good;

	good = db_fetch_rows(c, false, sql, 0, NULL, sizeof **rows, fill_plan_mine, NULL, &v, n, err);
	*rows = v;
	return good;
}

bool db_plan_item_add(db_conn *c, long long plan_id, int version, const char *kind, long long person_id,
		      long long value, const char *reason, int *new_version, db_err *err)
{
	char id[24], ver[16], per[24], v[24];
	const char *p[6] = { id, ver, kind, person_id > 0 ? per : NULL, v, reason && *reason ? reason : NULL };
	long long nv = 0;
	bool good;

	snprintf(id, sizeof id, "%lld", plan_id);
	snprintf(ver, sizeof ver, "%d", version);
	snprintf(per, sizeof per, "%lld", person_id);
	snprintf(v, sizeof v, "%lld", value);
	good = one(c, "SELECT jz.plan_item_add($1::bigint, $2::int, $3, $4::bigint, $5::bigint, $6)", 6, p, &nv,
		   err);
	if (good && new_version)
		*new_version = (int)nv;
	return good;
}

bool db_plan_item_remove(db_conn *c, long long item_id, int version, const char *reason, db_err *err)
{
	char id[24], ver[16];
	const char *p[3] = { id, ver, reason && *reason ? reason : NULL };

	snprintf(id, sizeof id, "%lld", item_id);
	snprintf(ver, sizeof ver, "%d", version);
	return db_run(c, "SELECT jz.plan_item_remove($1::bigint, $2::int, $3)", 3, p, err);
}

static void fill_plan_kind(void *row, const PGresult *res, int i, void *ctx)
{
	db_plan_kind *r = row;

	(void)ctx;
	put(r->code, sizeof r->code, val(res, i, 0));
	put(r->name, sizeof r->name, val(res, i, 1));
	put(r->measure, sizeof r->measure, val(res, i, 2));
	r->policy_value = lval(res, i, 3);
}

bool db_plan_kinds(db_conn *c, long long plan_id, db_plan_kind **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT k.code, k.name, k.measure, coalesce((jz.policy_value(k.policy_key, x.start_date)).value, -1)"
		" FROM jz.plan_item_kinds k, jz.plans x WHERE x.id = $1::bigint ORDER BY k.sort, k.code";
	char id[24];
	const char *p[1] = { id };
	void *v;
	bool good;

	snprintf(id, sizeof id, "%lld", plan_id);
	good = db_fetch_rows(c, false, sql, 1, p, sizeof **rows, fill_plan_kind, NULL, &v, n, err);
	*rows = v;
	return good;
}

static void fill_plan_person(void *row, const PGresult *res, int i, void *ctx)
{
	db_plan_person *r = row;

	(void)ctx;
	r->id = lval(res, i, 0);
	put(r->name, sizeof r->name, val(res, i, 1));
}

bool db_plan_people(db_conn *c, long long plan_id, db_plan_person **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT p.id, p.name FROM jz.plans x JOIN jz.household_members m ON m.household_id = x.household_id"
		" JOIN jz.persons p ON p.id = m.person_id WHERE x.id = $1::bigint ORDER BY p.id";
	char id[24];
	const char *p[1] = { id };
	void *v;
	bool good;

	snprintf(id, sizeof id, "%lld", plan_id);
	good = db_fetch_rows(c, false, sql, 1, p, sizeof **rows, fill_plan_person, NULL, &v, n, err);
	*rows = v;
	return good;
}
