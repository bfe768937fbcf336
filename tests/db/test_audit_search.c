/* test_audit_search.c - the detail read and the audit screen's query (issue 4
 * item 7): jz.person_detail returns the full record of a person of my
 * community and writes a VIEW entry; nothing (and no entry) for a person of
 * another community; jz.audit_search for supervisors and admins only,
 * filtered by person, application, staff and date, newest first, keyset by
 * id, scoped by community; the audit rows carry person and application. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "审计-test-5"

static void is_value(db_conn *c, const char *sql, int n, const char *const *p,
		     const char *want, const char *name)
{
	char *v = testdb_value(c, sql, n, p);
	is_str(v, want, name);
	free(v);
}

static void mkid(char out[19], const char *birth, int seq)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;

	snprintf(out, 19, "110105%.8s%03d", birth, seq % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* One-person low-income application; returns the application id (malloc). */
static char *submit(db_conn *c, const char *community, const char *id, const char *name)
{
	char form[1536];

	snprintf(form, sizeof form,
		"{\"community\": \"%s\","
		" \"household\": {\"hukou_address\": \"北京市朝阳区农展馆南路1号\", \"hukou_type\": \"urban\"},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\", \"employment\": \"unemployed_reg\","
		"   \"health\": \"healthy\", \"income\": {\"pension\": 80000}},"
		" \"members\": [], \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]},"
		" \"reason\": \"退休金低\"}", community, id, name, id, id, id);
	char *v = testdb_value(c, "SELECT s.application_id FROM jz.submit_application($1::jsonb,"
			       " gen_random_uuid()) s", 1, (const char *const[]){ form });

	return v ? v : strdup("");   /* see pid_b in main */
}

int main(void)
{
	static const char *const code[2] = { "110105007701", "110105007702" };
	static const char *const what[] = { "reception", "supervisor", "admin", "other_sup" };
	static const db_staff_role role[] = { DB_ROLE_RECEPTION, DB_ROLE_SUPERVISOR, DB_ROLE_ADMIN,
					      DB_ROLE_SUPERVISOR };
	enum { REC, SUP, ADM, OSUP, N };
	testdb t;
	char msg[256], login[N][64], ida[19], idb[19];
	db_conn *c[N] = { 0 };
	char *app_a = NULL, *app_b = NULL, *pid_a = NULL, *pid_b = NULL, *v;
	db_err e;
	PGresult *r;
	int i;

	if (!testdb_init(&t, "test_audit_search", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);
	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES "
		  "($1, '审计甲社区', '测试街道'), ($2, '审计乙社区', '测试街道')", 2,
		  (const char *const[]){ code[0], code[1] }, &e), "communities");
	for (i = 0; i < N; i++) {
		snprintf(login[i], sizeof login[i], "taudit%ld_%s", (long)getpid(), what[i]);
		ok(db_staff_add(t.conn, login[i], i == REC ? "前台 陈静" : "督导 黄磊", role[i],
				code[i == OSUP ? 1 : 0], PW, &e), "add %s: %s", what[i], e.message);
		c[i] = testdb_connect_as(&t, login[i], PW, &e);
		if (!ok(c[i] != NULL, "%s logs in", what[i]))
			goto out;
	}
	{
		char bl[64];
		db_conn *b;
		snprintf(bl, sizeof bl, "taudit%ld_b_rec", (long)getpid());
		ok(db_staff_add(t.conn, bl, "前台 乙", DB_ROLE_RECEPTION, code[1], PW, &e),
		   "receptionist of B: %s", e.message);
		b = testdb_connect_as(&t, bl, PW, &e);
		mkid(idb, "19500101", 77);
		app_b = b ? submit(b, code[1], idb, "乙社区老人") : strdup("");
		db_close(b);
	}
	mkid(ida, "19520202", 66);
	app_a = submit(c[REC], code[0], ida, "欧阳·娜仁");
	ok(atoll(app_a) > 0 && atoll(app_b) > 0, "applications in A (%s) and B (%s)", app_a, app_b);
	pid_a = testdb_value(t.conn, "SELECT id FROM jz.persons WHERE id_number = $1", 1,
			     (const char *const[]){ ida });
	pid_b = testdb_value(t.conn, "SELECT id FROM jz.persons WHERE id_number = $1", 1,
			     (const char *const[]){ idb });
	/* not found: "", so the checks that take it as a bigint fail, where
	 * a NULL parameter would match no row and pass them */
	if (!pid_a)
		pid_a = strdup("");
	if (!pid_b)
		pid_b = strdup("");

	/* the audit rows know their person, application and community */
	is_value(t.conn, "SELECT count(*) FILTER (WHERE application_id = $1::bigint)::text || '/' ||"
		 " count(*) FILTER (WHERE person_id = $2::bigint AND table_name = 'jz.persons')::text"
		 " FROM jz.audit_log", 2, (const char *const[]){ app_a, pid_a },
		 "7/1", "audit rows of the application (itself, category, 5 proofs) and the person");

	/* the detail read */
	r = db_exec(c[REC], "SELECT id_number, name, income_pension_fen, income_total_fen, community"
		    " FROM jz.person_detail($1::bigint)", 1, (const char *const[]){ pid_a }, &e);
	ok(r && PQntuples(r) == 1, "receptionist of A opens the person of A: %s", r ? "" : e.message);
	if (r && PQntuples(r) == 1) {
		is_str(PQgetvalue(r, 0, 0), ida, "full ID number on the detail");
		is_str(PQgetvalue(r, 0, 1), "欧阳·娜仁", "name with the middle dot");
		is_str(PQgetvalue(r, 0, 3), "80000", "income total in fen");
		is_str(PQgetvalue(r, 0, 4), "审计甲社区", "community name");
	}
	PQclear(r);
	v = testdb_value(t.conn, "SELECT count(*)::text FROM jz.audit_log WHERE action = 'VIEW'"
			 " AND person_id = $1::bigint AND actor = $2 AND table_name = 'jz.persons'"
			 " AND community_id IS NOT NULL", 2, (const char *const[]){ pid_a, login[REC] });
	is_str(v, "1", "the detail read left one VIEW entry by the receptionist");
	free(v);
	is_value(c[REC], "SELECT count(*)::text FROM jz.person_detail($1::bigint)", 1,
		 (const char *const[]){ pid_b }, "0", "a person of B: no row");
	is_value(t.conn, "SELECT count(*)::text FROM jz.audit_log WHERE action = 'VIEW'"
		 " AND person_id = $1::bigint", 1, (const char *const[]){ pid_b }, "0",
		 "and no VIEW entry");

	/* the search: supervisors and admins only */
	ok(!db_run(c[REC], "SELECT * FROM jz.audit_search(NULL, NULL, NULL, NULL, NULL, NULL, 10)",
		   0, NULL, &e) && strcmp(e.sqlstate, "42501") == 0,
	   "a receptionist cannot search the audit trail (%s)", e.sqlstate);
	v = testdb_value(c[SUP], "SELECT action || ' ' || actor FROM jz.audit_search($1, NULL, NULL, NULL,"
			 " NULL, NULL, 1)", 1, (const char *const[]){ ida });
	{
		char want[128];
		snprintf(want, sizeof want, "VIEW %s", login[REC]);
		is_str(v, want, "supervisor: newest entry of the person by ID number is the view");
	}
	free(v);
	is_value(c[SUP], "SELECT count(*)::text FROM jz.audit_search('欧阳·娜仁', NULL, NULL, NULL,"
		 " NULL, NULL, 100)", 0, NULL, "6",
		 "by name: person, membership, application, 2 proofs of the person, the view");
	is_value(c[ADM], "SELECT count(*)::text FROM jz.audit_search(NULL, (SELECT number FROM"
		 " jz.applications WHERE id = $1::bigint), NULL, NULL, NULL, NULL, 100)", 1,
		 (const char *const[]){ app_a }, "7", "admin: by application number");
	is_value(c[SUP], "SELECT count(*)::text FROM jz.audit_search(NULL, NULL, '前台 陈静',"
		 " current_date, current_date, NULL, 500) WHERE actor <> $1", 1,
		 (const char *const[]){ login[REC] }, "0", "by staff display name: only that actor");
	is_value(c[SUP], "SELECT (count(*) > 5)::text FROM jz.audit_search(NULL, NULL, $1,"
		 " current_date, current_date, NULL, 500)", 1,
		 (const char *const[]){ login[REC] }, "true", "by login, today: the submit's rows");
	is_value(c[SUP], "SELECT count(*)::text FROM jz.audit_search(NULL, NULL, $1,"
		 " current_date + 1, NULL, NULL, 500)", 1,
		 (const char *const[]){ login[REC] }, "0", "nothing from tomorrow on");
	/* keyset: two pages of 3, newest first, disjoint, continuing */
	v = testdb_value(c[SUP],
			 "WITH p1 AS (SELECT id FROM jz.audit_search(NULL, NULL, $1, NULL, NULL, NULL, 3)),"
			 " p2 AS (SELECT id FROM jz.audit_search(NULL, NULL, $1, NULL, NULL,"
			 "        (SELECT min(id) FROM p1), 3)),"
			 " all6 AS (SELECT id FROM jz.audit_search(NULL, NULL, $1, NULL, NULL, NULL, 6))"
			 " SELECT ((SELECT array_agg(id ORDER BY id DESC) FROM p1) ||"
			 "  (SELECT array_agg(id ORDER BY id DESC) FROM p2)"
			 "  = (SELECT array_agg(id ORDER BY id DESC) FROM all6))::text",
			 1, (const char *const[]){ login[REC] });
	is_str(v, "true", "page 2 after the last id of page 1 continues exactly");
	free(v);
	/* scoped: B's supervisor finds nothing of A's person, A's nothing of B's */
	is_value(c[OSUP], "SELECT count(*)::text FROM jz.audit_search($1, NULL, NULL, NULL, NULL,"
		 " NULL, 100)", 1, (const char *const[]){ ida }, "0",
		 "supervisor of B finds nothing of A's person");
	is_value(c[SUP], "SELECT count(*)::text FROM jz.audit_log WHERE person_id = $1::bigint", 1,
		 (const char *const[]){ pid_b }, "0", "supervisor of A reads no audit row of B's person");
	is_value(c[SUP], "SELECT count(*)::text FROM jz.audit_search(NULL, $1, NULL, NULL, NULL,"
		 " NULL, 100)", 1, (const char *const[]){ app_b }, "0",
		 "nor B's application by id");
	/* the plan: a person filter is served by the index, not a scan of the log */
	ok(db_run(t.conn, "SET enable_seqscan = off", 0, NULL, &e), "plan check setup");
	v = testdb_value(t.conn, "EXPLAIN (FORMAT JSON) SELECT id FROM jz.audit_log WHERE person_id = 1"
			 " ORDER BY id DESC LIMIT 50", 0, NULL);
	ok(v && strstr(v, "audit_log_person_id"), "person filter uses audit_log_person_id");
	free(v);

out:
	free(app_a);
	free(app_b);
	free(pid_a);
	free(pid_b);
	for (i = 0; i < N; i++)
		db_close(c[i]);
	{
		char like[64];
		snprintf(like, sizeof like, "taudit%ld\\_%%", (long)getpid());
		r = db_exec(t.conn, "SELECT format('DROP ROLE %I', rolname) FROM pg_roles"
			    " WHERE rolname LIKE $1", 1, (const char *const[]){ like }, &e);
		for (i = 0; r && i < PQntuples(r); i++)
			db_run(t.conn, PQgetvalue(r, i, 0), 0, NULL, &e);
		PQclear(r);
	}
	testdb_finish(&t);
	return tap_done();
}
