/* test_queue_scope.c - jz.queue_page (migration 0034) runs as the owner, past
 * row-level security, and applies the community scope itself: it must be
 * exactly as strict as RLS. For every staff member x queue kind x community
 * argument, the ids it returns are compared with the same queue read by a
 * plain SELECT under RLS on the same connection; a staff member of B never
 * gets A's rows (nor A's of B), an application whose applicant is outside
 * my communities stays hidden as the policy on persons hides it, and ID
 * numbers come back masked. Keyset pages of 2 walk the whole queue. */
#include "test_workflow_fixture.h"

/* Ids as one "1,2,3" string (malloc'd) from column 0 of a result. */
static char *ids_of(PGresult *r)
{
	size_t len = 1, at = 0;
	char *s;

	for (int i = 0; r && i < PQntuples(r); i++)
		len += strlen(PQgetvalue(r, i, 0)) + 1;
	s = calloc(1, len);
	for (int i = 0; s && r && i < PQntuples(r); i++)
		at += (size_t)sprintf(s + at, "%s%s", i ? "," : "", PQgetvalue(r, i, 0));
	return s;
}

/* The queue by plain SQL under RLS: the old statement's conditions. */
static const char *const rls_sql[] = {
	"SELECT a.id FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
	" WHERE a.state = 'submitted' AND ($1::int = 0 OR a.community_id = $1::int)"
	" ORDER BY coalesce(a.notify_by, 'infinity'::date), a.id",
	"SELECT a.id FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
	" WHERE a.state = 'submitted' AND a.notify_by < current_date"
	" AND ($1::int = 0 OR a.community_id = $1::int)"
	" ORDER BY coalesce(a.notify_by, 'infinity'::date), a.id",
	"SELECT a.id FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
	" WHERE a.state = 'submitted' AND a.notify_by = current_date"
	" AND ($1::int = 0 OR a.community_id = $1::int)"
	" ORDER BY coalesce(a.notify_by, 'infinity'::date), a.id",
	"SELECT a.id FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
	" JOIN jz.application_states s ON s.code = a.state"
	" WHERE a.assigned_to = session_user AND s.is_open"
	" AND ($1::int = 0 OR a.community_id = $1::int)"
	" ORDER BY coalesce(a.notify_by, 'infinity'::date), a.id",
};
static const char *const kinds[] = { "state", "overdue", "due_today", "mine" };

static void compare(wf *w, int who, const char *community, int *nonempty)
{
	db_err e;

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const char *pf[7] = { kinds[k], k == 0 ? "submitted" : NULL, community, NULL, NULL,
				      "false", "500" };
		const char *pr[1] = { community };
		PGresult *rf = db_exec(w->c[who], "SELECT id, id_masked FROM jz.queue_page($1, $2,"
				       " $3::int, $4, $5, $6::boolean, $7::int)", 7, pf, &e);
		PGresult *rr;
		char *a, *b;
		bool masked = true;

		if (!rf) {
			ok(0, "%s %s community %s: %s", w->login[who], kinds[k], community, e.message);
			continue;
		}
		rr = db_exec(w->c[who], rls_sql[k], 1, pr, &e);
		a = ids_of(rf);
		b = ids_of(rr);
		for (int i = 0; i < PQntuples(rf); i++)
			masked = masked && strlen(PQgetvalue(rf, i, 1)) == 18
				 && strncmp(PQgetvalue(rf, i, 1) + 6, "********", 8) == 0;
		ok(rr && a && b && strcmp(a, b) == 0, "%s, %s queue, community %s: function [%s] = RLS [%s]",
		   w->login[who], kinds[k], community, a ? a : "?", b ? b : "?");
		ok(masked, "%s queue: ID numbers masked", kinds[k]);
		if (PQntuples(rf) > 0)
			(*nonempty)++;
		free(a);
		free(b);
		PQclear(rf);
		PQclear(rr);
	}
}

int main(void)
{
	wf w;
	db_err e;
	long long app[6] = { 0 };
	char s[6][24];
	static const char *const names[6] = { "王小明", "李红", "张伟", "刘洋洋", "陈晨", "赵雷" };
	int nonempty = 0;

	(void)wf_go;   /* fixture helpers this test does not need */
	(void)wf_version;
	(void)wf_complete_assessment;
	if (!wf_setup(&w, "queue_scope"))
		goto done;
	for (int i = 0; i < 6; i++) {
		app[i] = wf_submit(&w, names[i], "19800101", true);
		snprintf(s[i], sizeof s[i], "%lld", app[i]);
		ok(app[i] > 0, "submitted %s", names[i]);
	}
	/* clocks: 0,1 overdue; 2 due today; 3 later; 4 moves to B (overdue);
	 * 5 stays in A but its applicant moves to B (overdue) */
	{
		const char *p[7] = { s[0], s[1], s[2], s[4], s[5], w.cid_b, s[3] };
		/* the guard triggers refuse these edits from anyone: the superuser
		 * switches triggers off for its own session to stage the data */
		ok(db_run(w.t.conn, "SET session_replication_role = replica", 0, NULL, &e),
		   "triggers off for staging: %s", e.message);
		ok(db_run(w.t.conn, "UPDATE jz.applications SET notify_by = CASE id"
			  " WHEN $1::bigint THEN current_date - 9 WHEN $2::bigint THEN current_date - 3"
			  " WHEN $3::bigint THEN current_date ELSE current_date - 5 END"
			  " WHERE id IN ($1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::bigint)",
			  5, p, &e), "clocks set: %s", e.message);
		ok(db_run(w.t.conn, "UPDATE jz.applications SET community_id = $6::int WHERE id = $4::bigint"
			  " AND $1 <> '' AND $2 <> '' AND $3 <> '' AND $5 <> '' AND $7 <> ''", 7, p, &e)
		   && db_run(w.t.conn, "UPDATE jz.persons SET community_id = $2::int WHERE id ="
			     " (SELECT applicant_id FROM jz.applications WHERE id = $1::bigint)", 2,
			     (const char *const[]){ s[4], w.cid_b }, &e)
		   && db_run(w.t.conn, "UPDATE jz.persons SET community_id = $2::int WHERE id ="
			     " (SELECT applicant_id FROM jz.applications WHERE id = $1::bigint)", 2,
			     (const char *const[]){ s[5], w.cid_b }, &e),
		   "one application to B, one applicant of A to B: %s", e.message);
		ok(db_run(w.t.conn, "UPDATE jz.applications SET assigned_to = $2 WHERE id = $1::bigint", 2,
			  (const char *const[]){ s[3], w.login[WF_SUP] }, &e)
		   && db_run(w.t.conn, "UPDATE jz.applications SET assigned_to = $2 WHERE id = $1::bigint", 2,
			     (const char *const[]){ s[4], w.login[WF_CWB] }, &e), "assigned: %s", e.message);
		db_run(w.t.conn, "RESET session_replication_role", 0, NULL, &e);
	}

	/* every staff member x kind x community: the function equals RLS */
	{
		const int who[] = { WF_SUP, WF_CW, WF_REC, WF_ADM, WF_CWB };
		for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
			compare(&w, who[i], "0", &nonempty);
			compare(&w, who[i], w.cid_a, &nonempty);
			compare(&w, who[i], w.cid_b, &nonempty);
		}
		ok(nonempty >= 8, "the comparisons are not all empty (%d non-empty)", nonempty);
	}

	/* named rows: B's caseworker sees B's case only; A's supervisor never B's */
	{
		const char *p[7] = { "overdue", NULL, w.cid_a, NULL, NULL, "false", "50" };
		char *v = wf_scalar(w.c[WF_CWB], "SELECT string_agg(id::text, ',') FROM jz.queue_page($1, $2,"
				    " $3::int, $4, $5, $6::boolean, $7::int)", 7, p);
		ok(strcmp(v, "") == 0, "B's caseworker asking for community A: nothing (%s)", v);
		free(v);
		p[2] = "0";
		v = wf_scalar(w.c[WF_CWB], "SELECT string_agg(id::text, ',') FROM jz.queue_page($1, $2,"
			      " $3::int, $4, $5, $6::boolean, $7::int)", 7, p);
		is_str(v, s[4], "B's caseworker, all of mine: B's overdue case only");
		free(v);
		p[2] = w.cid_b;
		v = wf_scalar(w.c[WF_SUP], "SELECT string_agg(id::text, ',') FROM jz.queue_page($1, $2,"
			      " $3::int, $4, $5, $6::boolean, $7::int)", 7, p);
		ok(strcmp(v, "") == 0, "A's supervisor asking for community B: nothing (%s)", v);
		free(v);
		p[2] = "0";
		v = wf_scalar(w.c[WF_SUP], "SELECT string_agg(id::text, ',' ORDER BY ord) FROM"
			      " jz.queue_page($1, $2, $3::int, $4, $5, $6::boolean, $7::int)"
			      " WITH ORDINALITY AS q(id, n2, ap, im, st, sn, cm, su, nb, nc, dl, od, at, vr, ky, ord)",
			      7, p);
		{
			char want[64];
			snprintf(want, sizeof want, "%s,%s", s[0], s[1]);
			is_str(v, want, "A's supervisor: A's overdue cases, oldest clock first;"
			       " not the one whose applicant moved to B");
		}
		free(v);
	}

	/* keyset pages of 2, forward then back, as A's supervisor: state queue */
	{
		char key[64] = "", all[256] = "", first_key[64] = "";
		int pages = 0;
		for (;;) {
			const char *p[7] = { "state", "submitted", "0", NULL, key[0] ? key : NULL, "false", "2" };
			PGresult *r = db_exec(w.c[WF_SUP], "SELECT id, key FROM jz.queue_page($1, $2, $3::int,"
					      " $4, $5, $6::boolean, $7::int)", 7, p, &e);
			int nt = r ? PQntuples(r) : 0;
			for (int i = 0; i < nt; i++)
				snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s",
					 all[0] ? "," : "", PQgetvalue(r, i, 0));
			if (nt > 0 && pages == 1)
				snprintf(first_key, sizeof first_key, "%s", PQgetvalue(r, 0, 1));
			if (nt > 0)
				snprintf(key, sizeof key, "%s", PQgetvalue(r, nt - 1, 1));
			PQclear(r);
			if (nt < 2 || ++pages > 10)
				break;
		}
		{
			PGresult *r = db_exec(w.c[WF_SUP], rls_sql[0], 1, (const char *const[]){ "0" }, &e);
			char *b = ids_of(r);
			is_str(all, b, "pages of 2 walk the whole state queue in order");
			free(b);
			PQclear(r);
		}
		{
			const char *p[7] = { "state", "submitted", "0", NULL, first_key, "true", "2" };
			char *v = wf_scalar(w.c[WF_SUP], "SELECT string_agg(id::text, ',') FROM jz.queue_page($1,"
					    " $2, $3::int, $4, $5, $6::boolean, $7::int)", 7, p);
			char want[64];
			snprintf(want, sizeof want, "%s,%s", s[0], s[1]);
			is_str(v, want, "back from page 2: page 1 again");
			free(v);
		}
	}
	/* the function's owner is not a staff role; plain roles cannot call it */
	{
		char *v = wf_scalar(w.t.conn, "SELECT has_function_privilege('public',"
				    " 'jz.queue_page(text, text, int, text, text, boolean, int)', 'execute')::text",
				    0, NULL);
		is_str(v, "false", "PUBLIC may not execute jz.queue_page");
		free(v);
	}
done:
	wf_teardown(&w);
	return tap_done();
}
