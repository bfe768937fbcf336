/* test_plan_items.c - adding and removing items of a proposed plan: an item
 * at the policy figure needs no reason; a differing figure without one is
 * refused in plain SQL and through jz.plan_item_add; a removal needs a
 * reason and keeps it (jz.plan_item_removals, audited); a stale version
 * conflicts; a submitted plan refuses both. */
#include "plan.h"
#include "test_assess_fixture.h"

static const db_plan_item *find(const db_plan *p, const char *kind, const char *person)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].kind, kind) == 0 && strcmp(p->items[i].person, person) == 0)
			return &p->items[i];
	return NULL;
}

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
	long long app, app2, pid, pid2, who, other;
	char spid[24], swho[24], sitem[24];
	const char *pp[1] = { spid };
	const char *pw[2] = { spid, swho };
	const char *pi[1] = { sitem };
	const db_plan_item *it;
	int v = 0, nv = 0;

	memset(&p, 0, sizeof p);
	if (!wf_setup(&w, "test_plan_items"))
		goto out;
	app = assessed_case(&w, "钱淑珍", "19470911");
	app2 = assessed_case(&w, "孙德明", "19451202");
	ok(app && app2, "two assessed cases");
	if (!app || !app2)
		goto out;
	ok(db_plan_propose(w.c[WF_CW], app, NULL, NULL, &pid, &e), "proposed: %s", e.message);
	ok(db_plan_propose(w.c[WF_CW], app2, NULL, NULL, &pid2, &e), "second proposed: %s", e.message);
	snprintf(spid, sizeof spid, "%lld", app);
	who = testdb_count(w.t.conn, "SELECT applicant_id FROM jz.applications WHERE id = $1::bigint", 1, pp);
	snprintf(spid, sizeof spid, "%lld", app2);
	other = testdb_count(w.t.conn, "SELECT applicant_id FROM jz.applications WHERE id = $1::bigint", 1, pp);
	snprintf(spid, sizeof spid, "%lld", pid);
	snprintf(swho, sizeof swho, "%lld", who);
	ok(db_plan_load(w.c[WF_CW], pid, &p, &e), "loaded: %s", e.message);
	v = p.version;

	{
		db_plan_kind *k = NULL;
		db_plan_person *m = NULL;
		size_t nk = 0, nm = 0;
		bool training = false, me = false;
		ok(db_plan_kinds(w.c[WF_CW], pid, &k, &nk, &e) && nk == 5, "five kinds (%zu)", nk);
		for (size_t i = 0; i < nk; i++)
			if (strcmp(k[i].code, "training") == 0 && k[i].policy_value == 80)
				training = true;
		ok(training, "training at the policy's 80%%");
		ok(db_plan_people(w.c[WF_CW], pid, &m, &nm, &e) && nm >= 1, "the household's members (%zu)", nm);
		for (size_t i = 0; i < nm; i++)
			if (m[i].id == who && strcmp(m[i].name, "钱淑珍") == 0)
				me = true;
		ok(me, "钱淑珍 among them");
		free(k);
		free(m);
	}

	/* add */
	ok(!db_plan_item_add(w.c[WF_REC], pid, v, "training", who, 80, NULL, &nv, &e)
	   && (strcmp(e.sqlstate, "JZ011") == 0 || strcmp(e.sqlstate, "42501") == 0),
	   "reception cannot add (%s)", e.sqlstate);
	ok(db_plan_item_add(w.c[WF_CW], pid, v, "training", who, 80, NULL, &nv, &e) && nv > v,
	   "training at the policy's 80%% needs no reason: %s", e.message);
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "counselling", who, 2, NULL, NULL, &e)
	   && strcmp(e.sqlstate, "JZ014") == 0, "the plan's old version conflicts (%s)", e.sqlstate);
	v = nv;
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "training", who, 80, NULL, NULL, &e)
	   && strcmp(e.sqlstate, "23505") == 0, "the same kind for the same person twice is refused (%s)", e.sqlstate);
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "counselling", who, 1, NULL, NULL, &e)
	   && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "1 session (policy 2) without a reason is refused (%s: %s)",
	   e.sqlstate, e.message);
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "counselling", who, 1, "   ", NULL, &e)
	   && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "a blank reason is no reason (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.plan_items (plan_id, community_id, person_id, kind, sessions_per_month)"
		   " SELECT $1::bigint, community_id, $2::bigint, 'counselling', 1 FROM jz.plans WHERE id = $1::bigint",
		   2, pw, &e) && strcmp(e.sqlstate, DB_PLAN_DEVIATION) == 0, "plain SQL: the same (%s)", e.sqlstate);
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "home_visits", other, 3, NULL, NULL, &e)
	   && strcmp(e.sqlstate, "JZ004") == 0, "someone outside the household is refused (%s)", e.sqlstate);
	ok(db_plan_item_add(w.c[WF_CW], pid, v, "counselling", who, 1, "每月一次，本人行动不便", &nv, &e),
	   "1 session with a reason: %s", e.message);
	v = nv;
	db_plan_finish(&p);
	ok(db_plan_load(w.c[WF_CW], pid, &p, &e), "reloaded");
	it = find(&p, "training", "钱淑珍");
	ok(it && it->value == 80 && it->policy_value == 80 && it->deviation_reason[0] == '\0',
	   "training shown at 80%%, no reason");
	it = find(&p, "counselling", "钱淑珍");
	ok(it && it->value == 1 && it->policy_value == 2 && strcmp(it->deviation_reason, "每月一次，本人行动不便") == 0,
	   "counselling 1 (policy 2) with its reason");
	is_int(p.version, v, "the plan's version is the one returned");

	/* remove */
	it = find(&p, "training", "钱淑珍");
	if (!it)
		goto out;
	snprintf(sitem, sizeof sitem, "%lld", it->id);
	ok(!db_plan_item_remove(w.c[WF_CW], it->id, it->version, NULL, &e) && strcmp(e.sqlstate, "JZ012") == 0,
	   "removing without a reason is refused (%s)", e.sqlstate);
	ok(!db_plan_item_remove(w.c[WF_CW], it->id, it->version, " \t\u3000", &e) && strcmp(e.sqlstate, "JZ012") == 0,
	   "a blank reason too (%s)", e.sqlstate);
	ok(!db_plan_item_remove(w.c[WF_CW], it->id, it->version + 1, "不需要", &e) && strcmp(e.sqlstate, "JZ014") == 0,
	   "another version conflicts (%s)", e.sqlstate);
	ok(!db_plan_item_remove(w.c[WF_CWB], it->id, it->version, "不需要", &e) && strcmp(e.sqlstate, "JZ004") == 0,
	   "a caseworker of another community cannot (%s)", e.sqlstate);
	ok(!db_plan_item_remove(w.c[WF_REC], it->id, it->version, "不需要", &e),
	   "reception cannot (%s)", e.sqlstate);
	ok(db_plan_item_remove(w.c[WF_CW], it->id, it->version, "本人已 74 岁，不参加培训", &e),
	   "removed with a reason: %s", e.message);
	is_int((int)testdb_count(w.c[WF_CW], "SELECT count(*) FROM jz.plan_items WHERE id = $1::bigint", 1, pi), 0,
	       "the item is gone");
	{
		char *r = wf_scalar(w.c[WF_CW], "SELECT reason || '|' || kind || '|' || person_id || '|' || value"
				    " || '|' || (removed_by = session_user) FROM jz.plan_item_removals"
				    " WHERE item_id = $1::bigint", 1, pi);
		char want[160];
		snprintf(want, sizeof want, "本人已 74 岁，不参加培训|training|%lld|80|true", who);
		is_str(r ? r : "", want, "the removal keeps the reason, what it was and who");
		free(r);
	}
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.plan_item_removals'"
				 " AND action = 'INSERT' AND new ->> 'item_id' = $1", 1, pi), 1, "and it is audited");
	is_int((int)testdb_count(w.c[WF_CWB], "SELECT count(*) FROM jz.plan_item_removals WHERE item_id = $1::bigint",
				 1, pi), 0, "another community's caseworker does not see it");
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.plan_item_removals (plan_id, community_id, item_id, kind, reason)"
		   " SELECT id, community_id, 1, 'training', '伪造' FROM jz.plans WHERE id = $1::bigint", 1, pp, &e)
	   && strcmp(e.sqlstate, "42501") == 0, "no plain-SQL removal records (%s)", e.sqlstate);

	/* a submitted plan refuses both */
	db_plan_finish(&p);
	ok(db_plan_load(w.c[WF_CW], pid, &p, &e) && db_plan_submit(w.c[WF_CW], pid, p.version, &v, &e),
	   "submitted: %s", e.message);
	ok(!db_plan_item_add(w.c[WF_CW], pid, v, "training", who, 80, NULL, NULL, &e)
	   && strcmp(e.sqlstate, DB_PLAN_STATE) == 0, "a submitted plan refuses an added item (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.plan_items (plan_id, community_id, person_id, kind, subsidy_pct)"
		   " SELECT $1::bigint, community_id, $2::bigint, 'training', 80 FROM jz.plans WHERE id = $1::bigint",
		   2, pw, &e) && strcmp(e.sqlstate, DB_PLAN_STATE) == 0, "plain SQL too (%s)", e.sqlstate);
	it = p.nitems > 0 ? &p.items[0] : NULL;
	if (it) {
		snprintf(sitem, sizeof sitem, "%lld", it->id);
		ok(!db_plan_item_remove(w.c[WF_CW], it->id, it->version, "不需要", &e)
		   && strcmp(e.sqlstate, DB_PLAN_STATE) == 0, "and a removal (%s)", e.sqlstate);
		/* since 0065 no caseworker deletes an item by plain SQL at all */
		ok(!db_run(w.c[WF_CW], "DELETE FROM jz.plan_items WHERE id = $1::bigint", 1, pi, &e)
		   && strcmp(e.sqlstate, "42501") == 0, "plain SQL is refused outright (%s)", e.sqlstate);
	}
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.plan_items WHERE plan_id = $1::bigint", 1, pp),
	       (int)p.nitems, "the items are as they were");
out:
	db_plan_finish(&p);
	wf_teardown(&w);
	return tap_done();
}
