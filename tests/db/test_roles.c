/* test_roles.c - what each group may do with the audit trail, policy and
 * staff tables; the audit trigger records every change with old/new jsonb
 * and the real actor. Roles are "troles<pid>_..." and dropped at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "角色-test-9"

static void is_value(db_conn *c, const char *sql, int n, const char *const *p,
		     const char *want, const char *name)
{
	char *v = testdb_value(c, sql, n, p);

	is_str(v, want, name);
	free(v);
}

/* sql must be refused with insufficient_privilege (42501). */
static void denied(db_conn *c, const char *who, const char *sql, const char *what)
{
	db_err e;
	bool ran = db_run(c, sql, 0, NULL, &e);

	ok(!ran && strcmp(e.sqlstate, "42501") == 0, "%s cannot %s (%s)", who, what,
	   ran ? "it ran" : e.sqlstate);
}

static void drop_roles(db_conn *c)
{
	char like[64];
	const char *p[1] = { like };
	db_err e;
	PGresult *r;
	int i;

	snprintf(like, sizeof like, "troles%ld\\_%%", (long)getpid());
	r = db_exec(c, "SELECT format('DROP ROLE %I', rolname) FROM pg_roles "
		    "WHERE rolname LIKE $1", 1, p, &e);
	for (i = 0; r && i < PQntuples(r); i++)
		if (!db_run(c, PQgetvalue(r, i, 0), 0, NULL, &e))
			tap_diag("cleanup: %s", e.message);
	PQclear(r);
}

int main(void)
{
	static const struct { db_staff_role role; const char *what, *name, *community; } staff[] = {
		{ DB_ROLE_RECEPTION, "reception", "前台 赵敏", "110105009911" },
		{ DB_ROLE_CASEWORKER, "caseworker", "社工 钱进", "110105009911" },
		{ DB_ROLE_SUPERVISOR, "supervisor", "督导 孙丽", "110105009911" },
		{ DB_ROLE_ADMIN, "admin", "管理员 周强", "110105009912" },
	};
	enum { N = sizeof staff / sizeof staff[0] };
	testdb t;
	char msg[256], login[N][64], other[64];
	db_conn *c[N] = { 0 };
	db_err e;
	int i;

	if (!testdb_init(&t, "test_roles", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);

	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES "
		  "('110105009911', '角色甲社区', '测试街道'), "
		  "('110105009912', '角色乙社区', '测试街道')", 0, NULL, &e),
	   "test communities");
	snprintf(other, sizeof other, "troles%ld_other", (long)getpid());
	ok(db_staff_add(t.conn, other, "别处 吴", DB_ROLE_RECEPTION, "110105009912", PW, &e),
	   "a receptionist of another community");
	for (i = 0; i < N; i++) {
		snprintf(login[i], sizeof login[i], "troles%ld_%s", (long)getpid(), staff[i].what);
		ok(db_staff_add(t.conn, login[i], staff[i].name, staff[i].role,
				staff[i].community, PW, &e), "add %s: %s", staff[i].what, e.message);
		c[i] = testdb_connect_as(&t, login[i], PW, &e);
		ok(c[i] != NULL, "%s logs in", staff[i].what);
	}
	if (!c[0] || !c[1] || !c[2] || !c[3])
		goto out;

	/* the audit trail: read by supervisor and admin only, written by nobody */
	denied(c[0], "reception", "SELECT * FROM jz.audit_log", "read the audit table");
	denied(c[1], "caseworker", "SELECT * FROM jz.audit_log", "read the audit table");
	ok(db_run(c[2], "SELECT count(*) FROM jz.audit_log", 0, NULL, &e),
	   "supervisor reads the audit table");
	ok(db_run(c[3], "SELECT count(*) FROM jz.audit_log", 0, NULL, &e),
	   "admin reads the audit table");
	for (i = 0; i < N; i++) {
		denied(c[i], staff[i].what, "INSERT INTO jz.audit_log (action, table_name) "
		       "VALUES ('DELETE', 'jz.fake')", "insert audit rows");
		denied(c[i], staff[i].what, "UPDATE jz.audit_log SET actor = 'nobody'",
		       "update audit rows");
		denied(c[i], staff[i].what, "DELETE FROM jz.audit_log", "delete audit rows");
		denied(c[i], staff[i].what, "TRUNCATE jz.audit_log", "truncate the audit table");
		denied(c[i], staff[i].what, "SELECT jz.audit_row()", "call the trigger function");
	}

	/* policy: everyone reads, only admin writes */
	is_value(c[0], "SELECT value::text FROM jz.policy_value('notify_working_days')", 0, NULL,
		 "5", "reception reads policy");
	denied(c[0], "reception", "INSERT INTO jz.policy (key, value, unit, effective_from) "
	       "VALUES ('idle_lock_seconds', 1, 'seconds', '2020-01-01')", "write policy");
	denied(c[2], "supervisor", "UPDATE jz.policy SET value = 1", "write policy");
	denied(c[1], "caseworker", "INSERT INTO jz.communities (code, name, street) "
	       "VALUES ('110105009919', '假社区', '假街道')", "add communities");

	/* the trigger records insert, update, delete with old/new and the actor */
	ok(db_run(c[3], "INSERT INTO jz.communities (code, name, street) "
		  "VALUES ('110105009913', '审计社区', '测试街道')", 0, NULL, &e),
	   "admin adds a community: %s", e.message);
	ok(db_run(c[3], "UPDATE jz.communities SET name = '审计新社区' "
		  "WHERE code = '110105009913'", 0, NULL, &e), "admin renames it");
	ok(db_run(c[3], "DELETE FROM jz.communities WHERE code = '110105009913'", 0, NULL, &e),
	   "admin deletes it");
	is_value(c[2],
		 "SELECT string_agg(action || ':' || coalesce(old->>'name', '-') || '>' || "
		 "coalesce(new->>'name', '-'), ' ' ORDER BY id) FROM jz.audit_log "
		 "WHERE table_name = 'jz.communities' AND actor = $1 "
		 "AND coalesce(new, old)->>'code' = '110105009913'",
		 1, (const char *const[]){ login[3] },
		 "INSERT:->审计社区 UPDATE:审计社区>审计新社区 DELETE:审计新社区>-",
		 "audit rows with old/new jsonb and the admin as actor");
	is_value(c[2], "SELECT count(DISTINCT row_key)::text FROM jz.audit_log "
		 "WHERE table_name = 'jz.communities' AND coalesce(new, old)->>'code' = "
		 "'110105009913'", 0, NULL, "1", "one row key for the three changes");
	is_value(t.conn, "SELECT count(*)::text FROM jz.audit_log WHERE table_name = 'jz.staff' "
		 "AND action = 'INSERT' AND row_key = $1", 1, (const char *const[]){ login[0] },
		 "1", "staff_add audited under the staff login");

	/* a view entry by a receptionist, attributed to her */
	ok(db_run(c[0], "SELECT jz.audit_view('jz.persons', '110105194912310021')", 0, NULL, &e),
	   "reception records a view: %s", e.message);
	is_value(t.conn, "SELECT actor FROM jz.audit_log WHERE action = 'VIEW' "
		 "AND row_key = '110105194912310021'", 0, NULL, login[0], "view entry's actor");

	/* staff rows: each sees their own community, supervisors all */
	is_value(c[0], "SELECT count(*)::text FROM jz.staff WHERE login = $1", 1,
		 (const char *const[]){ other }, "0",
		 "reception does not see staff of another community");
	is_value(c[0], "SELECT count(*)::text FROM jz.staff WHERE login = $1", 1,
		 (const char *const[]){ login[1] }, "1",
		 "reception sees a colleague of the same community");
	is_value(c[2], "SELECT count(*)::text FROM jz.staff WHERE login = $1", 1,
		 (const char *const[]){ other }, "1", "supervisor sees all staff");
	denied(c[0], "reception", "SELECT jz.staff_disable('admin')", "disable staff");
	denied(c[2], "supervisor", "SELECT jz.staff_add('x', 'x', 'jz_admin', NULL, NULL)",
	       "add staff");

	/* the admin manages staff */
	ok(db_staff_disable(c[3], other, &e), "admin disables a receptionist: %s", e.message);
	ok(!db_staff_disable(c[3], login[3], &e), "admin cannot disable themself");

out:
	for (i = 0; i < N; i++)
		db_close(c[i]);
	drop_roles(t.conn);
	testdb_finish(&t);
	return tap_done();
}
