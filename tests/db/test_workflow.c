/* test_workflow.c - the state machine in PostgreSQL, walked from its own
 * table: every row of jz.transitions works for each role it names and fails
 * with JZ011 for every other group; every pair of states the table does not
 * list fails with JZ010; reasons (JZ012), preconditions (JZ013), the
 * caller's community (JZ004), the optimistic version (JZ014 with a JSON of
 * the other change), the event trail, and plain UPDATEs of the state by
 * every staff role (42501). Queues, take-next and NOTIFY:
 * test_workflow_queue.c. */
#include "test_workflow_fixture.h"

static const char *const group_name[] = {
	[WF_REC] = "jz_reception", [WF_CW] = "jz_caseworker",
	[WF_SUP] = "jz_supervisor", [WF_ADM] = "jz_admin",
};
static const int groups[] = { WF_REC, WF_CW, WF_SUP, WF_ADM };

/* submitted -> ... along the usual road, each step by its usual role */
static bool reach(wf *w, long long app, const char *state)
{
	static const struct { const char *to; int who; } road[] = {
		{ "accepted", WF_REC }, { "assessing", WF_CW }, { "assessed", WF_CW },
		{ "approved", WF_SUP }, { "active", WF_SUP },
	};
	db_err e;

	if (strcmp(state, "submitted") == 0)
		return true;
	if (strcmp(state, "returned") == 0)
		return wf_go(w, WF_REC, app, "returned", NULL, &e) || (tap_diag("%s", e.message), false);
	for (size_t i = 0; i < sizeof road / sizeof road[0]; i++) {
		if (!wf_go(w, road[i].who, app, road[i].to, NULL, &e)) {
			tap_diag("reach %s: %s", road[i].to, e.message);
			return false;
		}
		if (strcmp(road[i].to, state) == 0)
			return true;
	}
	return false;
}

/* one application per state it was left in, for the forbidden pairs */
typedef struct state_app { char state[24]; long long app; } state_app;

static void remember(state_app *sa, size_t *n, const char *state, long long app)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(sa[i].state, state) == 0) {
			sa[i].app = app;
			return;
		}
	snprintf(sa[*n].state, sizeof sa[*n].state, "%s", state);
	sa[(*n)++].app = app;
}

static void allowed_and_wrong_roles(wf *w, state_app *sa, size_t *nsa)
{
	db_err e;
	PGresult *tr = db_exec(w->t.conn, "SELECT from_state, to_state, ',' || array_to_string(roles, ',') || ',',"
			       " reason_required FROM jz.transitions ORDER BY from_state, to_state", 0, NULL, &e);
	int rows = tr ? PQntuples(tr) : 0;
	int n_allowed = 0, n_wrong = 0;

	ok(rows >= 11, "the state machine has its rows: %d", rows);
	for (int i = 0; i < rows; i++) {
		const char *from = PQgetvalue(tr, i, 0), *to = PQgetvalue(tr, i, 1);
		const char *roles = PQgetvalue(tr, i, 2);
		bool need_reason = PQgetvalue(tr, i, 3)[0] == 't';
		long long app = wf_submit(w, "周建国", "19650315", true);
		bool first = true;
		char state[24];

		if (!app || !reach(w, app, from)) {
			ok(0, "%s -> %s: could not reach %s", from, to, from);
			continue;
		}
		for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
			char needle[40];

			snprintf(needle, sizeof needle, ",%s,", group_name[groups[g]]);
			if (strstr(roles, needle))
				continue;
			ok(!wf_go(w, groups[g], app, to, "测试理由", &e) && strcmp(e.sqlstate, DB_WF_ROLE) == 0,
			   "%s -> %s by %s refused: %s %s", from, to, group_name[groups[g]], e.sqlstate, e.message);
			n_wrong++;
		}
		wf_version(w, app, state);
		ok(strcmp(state, from) == 0, "%s -> %s: nothing moved by the wrong roles", from, to);
		for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
			char needle[40];
			int who = groups[g];

			snprintf(needle, sizeof needle, ",%s,", group_name[who]);
			if (!strstr(roles, needle))
				continue;
			if (!first) {
				app = wf_submit(w, "吴秀兰", "19580720", true);
				if (!app || !reach(w, app, from)) {
					ok(0, "%s -> %s: could not reach %s", from, to, from);
					continue;
				}
			}
			first = false;
			if (need_reason) {
				ok(!wf_go(w, who, app, to, NULL, &e) && strcmp(e.sqlstate, DB_WF_REASON) == 0,
				   "%s -> %s without a reason: %s %s", from, to, e.sqlstate, e.message);
				ok(!wf_go(w, who, app, to, " \t ", &e) && strcmp(e.sqlstate, DB_WF_REASON) == 0,
				   "%s -> %s with a blank reason: %s", from, to, e.sqlstate);
			}
			ok(wf_go(w, who, app, to, need_reason ? "家庭收入超过标准" : NULL, &e),
			   "%s -> %s by %s: %s", from, to, group_name[who], e.message);
			wf_version(w, app, state);
			ok(strcmp(state, to) == 0, "now %s (%s)", to, state);
			{
				char id[24], *v;
				const char *p[4] = { id, from, to, w->login[who] };
				snprintf(id, sizeof id, "%lld", app);
				v = wf_scalar(w->t.conn, "SELECT count(*) FROM jz.application_events WHERE application_id = $1::bigint"
					      " AND from_state = $2 AND to_state = $3 AND actor = $4"
					      " AND version = (SELECT version FROM jz.applications WHERE id = $1::bigint)", 4, p);
				ok(strcmp(v, "1") == 0, "one event, naming %s", w->login[who]);
				free(v);
			}
			remember(sa, nsa, to, app);
			n_allowed++;
		}
	}
	PQclear(tr);
	{
		char *sum = wf_scalar(w->t.conn, "SELECT sum(cardinality(roles)) || ',' ||"
				      " (count(*) * 4 - sum(cardinality(roles))) FROM jz.transitions", 0, NULL);
		char got[32];
		snprintf(got, sizeof got, "%d,%d", n_allowed, n_wrong);
		is_str(got, sum, "every (row, role) pair tried: allowed,wrong");
		free(sum);
	}
}

static void forbidden_pairs(wf *w, const state_app *sa, size_t nsa)
{
	db_err e;
	PGresult *r = db_exec(w->t.conn, "SELECT code FROM jz.application_states ORDER BY sort", 0, NULL, &e);
	int tried = 0, refused = 0;

	for (size_t i = 0; i < nsa; i++) {
		for (int j = 0; r && j < PQntuples(r); j++) {
			const char *to = PQgetvalue(r, j, 0);
			const char *p[2] = { sa[i].state, to };
			char *listed = wf_scalar(w->t.conn, "SELECT count(*) FROM jz.transitions"
						 " WHERE from_state = $1 AND to_state = $2", 2, p);
			char state[24];

			if (strcmp(listed, "0") == 0) {
				/* every role, even the one that may do the most */
				for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
					tried++;
					if (!wf_go(w, groups[g], sa[i].app, to, "测试理由", &e)
					    && strcmp(e.sqlstate, DB_WF_NO_SUCH_TRANSITION) == 0)
						refused++;
					else
						tap_diag("%s -> %s by %s: %s %s", sa[i].state, to,
							 group_name[groups[g]], e.sqlstate, e.message);
				}
				wf_version(w, sa[i].app, state);
				if (strcmp(state, sa[i].state) != 0)
					ok(0, "%s -> %s moved it to %s", sa[i].state, to, state);
			}
			free(listed);
		}
	}
	PQclear(r);
	ok(nsa >= 10, "an application in each of the %zu states", nsa);
	ok(tried > 100 && refused == tried, "every unlisted pair refused with JZ010: %d of %d", refused, tried);
	ok(!wf_go(w, WF_SUP, sa[0].app, "暂停", "理由", &e) && strcmp(e.sqlstate, DB_WF_NO_SUCH_TRANSITION) == 0,
	   "an unknown state: %s %s", e.sqlstate, e.message);
}

static void direct_updates(wf *w, long long app)
{
	static const char *const sql[] = {
		"UPDATE jz.applications SET state = 'approved' WHERE id = $1::bigint",
		"UPDATE jz.applications SET state = 'accepted' WHERE id = $1::bigint",
		"UPDATE jz.applications SET assigned_to = session_user WHERE id = $1::bigint",
		"UPDATE jz.applications SET notify_by = notify_by + 30 WHERE id = $1::bigint",
	};
	char id[24], state[24];
	const char *p[1] = { id };
	db_err e;
	int v0 = wf_version(w, app, NULL);

	snprintf(id, sizeof id, "%lld", app);
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
		for (size_t s = 0; s < sizeof sql / sizeof sql[0]; s++)
			ok(!db_run(w->c[groups[g]], sql[s], 1, p, &e) && strcmp(e.sqlstate, "42501") == 0,
			   "%s: plain %.40s... refused: %s %s", group_name[groups[g]], sql[s] + 28,
			   e.sqlstate, e.message);
	/* the function's flag is no key for anyone else */
	ok(db_run(w->c[WF_REC], "BEGIN", 0, NULL, &e), "begin");
	ok(db_run(w->c[WF_REC], "SELECT set_config('jz.wf_move', 'on', true)", 0, NULL, &e), "set the flag");
	ok(!db_run(w->c[WF_REC], sql[1], 1, p, &e) && strcmp(e.sqlstate, "42501") == 0,
	   "a receptionist who sets jz.wf_move still cannot: %s", e.sqlstate);
	db_run(w->c[WF_REC], "ROLLBACK", 0, NULL, &e);
	ok(!db_run(w->c[WF_REC], "INSERT INTO jz.applications (community_id, household_id, applicant_id, state)"
		   " SELECT community_id, household_id, applicant_id, 'approved' FROM jz.applications"
		   " WHERE id = $1::bigint", 1, p, &e) && strcmp(e.sqlstate, "42501") == 0,
	   "nor insert an application already approved: %s", e.sqlstate);
	is_int(wf_version(w, app, state), v0, "the application is untouched");
	is_str(state, "submitted", "and still submitted");
	/* a harmless edit still works (and bumps the version) */
	ok(db_run(w->c[WF_REC], "UPDATE jz.applications SET reason = '收入低，子女上学' WHERE id = $1::bigint",
		  1, p, &e), "the receptionist may still edit the reason: %s", e.message);
	is_int(wf_version(w, app, NULL), v0 + 1, "version + 1");
}

static void conflict(wf *w)
{
	long long app = wf_submit(w, "郑海燕", "19700809", true);
	int v = wf_version(w, app, NULL), nv = 0;
	db_err e;
	char *doc;

	ok(db_wf_transition(w->c[WF_CW], app, "returned", NULL, v, &nv, &e),
	   "caseworker returns it (version %d -> %d): %s", v, nv, e.message);
	ok(!db_wf_transition(w->c[WF_REC], app, "accepted", NULL, v, &nv, &e),
	   "the receptionist's accept with the old version is refused");
	is_str(e.sqlstate, DB_WF_CONFLICT, "JZ014");
	ok(strstr(e.message, "已被他人修改") != NULL, "message: %s", e.message);
	doc = strdup(e.detail);
	{
		const char *p[2] = { doc, w->login[WF_CW] };
		char *s = wf_scalar(w->t.conn, "SELECT ($1::jsonb->>'by') = $2 AND ($1::jsonb->>'by_name') = '社工李强'"
				    " AND ($1::jsonb->>'state') = 'returned' AND ($1::jsonb->>'state_name') = '补正'"
				    " AND ($1::jsonb->'changes'->'state'->>'from') = 'submitted'"
				    " AND ($1::jsonb->'changes'->'state'->>'to') = 'returned'"
				    " AND ($1::jsonb->>'at') IS NOT NULL", 2, p);
		ok(strcmp(s, "t") == 0, "detail says who, when, the state now and what changed: %s", doc);
		free(s);
	}
	free(doc);
	ok(db_wf_transition(w->c[WF_REC], app, "submitted", NULL, v + 1, &nv, &e) && nv == v + 2,
	   "with the version it now has, the receptionist goes on: %s", e.message);
}

int main(void)
{
	wf w;
	db_err e;
	state_app sa[16];
	size_t nsa = 0;

	if (!wf_setup(&w, "workflow"))
		goto done;

	allowed_and_wrong_roles(&w, sa, &nsa);
	forbidden_pairs(&w, sa, nsa);

	/* the assessing case is its caseworker's */
	{
		long long app = wf_submit(&w, "冯志刚", "19660101", true);
		ok(app && reach(&w, app, "assessing"), "a case in assessment by %s", w.login[WF_CW]);
		ok(!wf_go(&w, WF_CW2, app, "assessed", NULL, &e) && strcmp(e.sqlstate, DB_WF_ROLE) == 0,
		   "another caseworker cannot finish it: %s %s", e.sqlstate, e.message);
		ok(!wf_go(&w, WF_CWB, app, "assessed", NULL, &e) && strcmp(e.sqlstate, "JZ004") == 0,
		   "a caseworker of another community does not find it: %s %s", e.sqlstate, e.message);
		{
			char id[24], *v;
			const char *p[1] = { id };
			snprintf(id, sizeof id, "%lld", app);
			v = wf_scalar(w.c[WF_CWB], "SELECT count(*) FROM jz.application_events"
				      " WHERE application_id = $1::bigint", 1, p);
			is_str(v, "0", "nor its events"); free(v);
			v = wf_scalar(w.c[WF_CW2], "SELECT string_agg(from_state || '>' || to_state || ':' ||"
				      " replace(actor, session_user, 'me'), ' ' ORDER BY id)"
				      " FROM jz.application_events WHERE application_id = $1::bigint", 1, p);
			ok(strstr(v, "submitted>accepted:") && strstr(v, "accepted>assessing:"),
			   "a colleague reads the trail: %s", v);
			free(v);
		}
	}
	ok(!db_wf_transition(w.c[WF_REC], 999999999, "accepted", NULL, 1, NULL, &e)
	   && strcmp(e.sqlstate, "JZ004") == 0, "no such application: %s %s", e.sqlstate, e.message);

	/* preconditions */
	{
		long long app = wf_submit(&w, "何美玲", "19720202", false);
		ok(app && !wf_go(&w, WF_REC, app, "submitted", NULL, &e)
		   && strcmp(e.sqlstate, DB_WF_PRECONDITION) == 0 && strstr(e.message, "户口簿"),
		   "returned -> submitted while the 户口簿 is missing: %s %s", e.sqlstate, e.message);
		app = wf_submit(&w, "罗永红", "19730303", true);
		/* the office adds a required proof after this one was submitted */
		ok(db_run(w.t.conn, "INSERT INTO jz.required_proof (category, doc_kind, scope, sort)"
			  " VALUES ('*', 'no_supporter', 'applicant', 99)", 0, NULL, &e), "new rule: %s", e.message);
		ok(!wf_go(&w, WF_REC, app, "accepted", NULL, &e)
		   && strcmp(e.sqlstate, DB_WF_PRECONDITION) == 0 && strstr(e.message, "无法定赡养人声明"),
		   "accepted with a proof missing: %s %s", e.sqlstate, e.message);
		ok(db_run(w.t.conn, "DELETE FROM jz.required_proof WHERE doc_kind = 'no_supporter'"
			  " AND category = '*'", 0, NULL, &e), "rule withdrawn: %s", e.message);
		ok(wf_go(&w, WF_REC, app, "accepted", NULL, &e), "then it is accepted: %s", e.message);
		direct_updates(&w, wf_submit(&w, "唐建华", "19740404", true));
	}
	conflict(&w);

	/* the whole trail of one case, reasons kept */
	{
		long long app = wf_submit(&w, "韩桂英", "19450505", true);
		char id[24], *v;
		const char *p[1] = { id };

		snprintf(id, sizeof id, "%lld", app);
		ok(reach(&w, app, "active"), "to 救助中");
		ok(wf_go(&w, WF_CW, app, "assessing", NULL, &e), "re-assessment: %s", e.message);
		ok(wf_go(&w, WF_CW, app, "assessed", NULL, &e), "assessed again: %s", e.message);
		ok(wf_go(&w, WF_SUP, app, "approved", NULL, &e), "approved again: %s", e.message);
		ok(wf_go(&w, WF_SUP, app, "active", NULL, &e), "active again: %s", e.message);
		ok(wf_go(&w, WF_SUP, app, "closed", "户主已就业，收入超过标准", &e), "closed: %s", e.message);
		v = wf_scalar(w.c[WF_SUP], "SELECT string_agg(to_state, ',' ORDER BY id) || '|' ||"
			      " (SELECT reason FROM jz.application_events WHERE application_id = $1::bigint"
			      "   AND to_state = 'closed') FROM jz.application_events WHERE application_id = $1::bigint",
			      1, p);
		is_str(v, "accepted,assessing,assessed,approved,active,assessing,assessed,approved,active,closed|"
		       "户主已就业，收入超过标准", "ten events in order, the reason kept");
		free(v);
		v = wf_scalar(w.c[WF_SUP], "SELECT count(*) FROM jz.allowed_transitions($1::bigint)", 1, p);
		is_str(v, "0", "a closed case offers no move"); free(v);
	}
	/* the moves a screen may offer */
	{
		long long app = wf_submit(&w, "曹丽华", "19760606", true);
		char id[24], *v;
		const char *p[1] = { id };

		snprintf(id, sizeof id, "%lld", app);
		v = wf_scalar(w.c[WF_REC], "SELECT string_agg(to_state || ':' || reason_required::text || ':'"
			      " || precondition_met::text, ',' ORDER BY to_state)"
			      " FROM jz.allowed_transitions($1::bigint)", 1, p);
		is_str(v, "accepted:false:true,rejected:true:true,returned:false:true",
		       "the receptionist may accept, reject (reason) or return");
		free(v);
		v = wf_scalar(w.c[WF_SUP], "SELECT count(*) FROM jz.allowed_transitions($1::bigint)", 1, p);
		is_str(v, "0", "the supervisor has nothing to do at intake"); free(v);
	}
done:
	wf_teardown(&w);
	return tap_done();
}
