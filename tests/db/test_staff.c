/* test_staff.c - staff accounts are roles: add, log in, each way a login
 * fails (in plain words, never with the password), disable, re-password,
 * peer accounts, and names that try to be SQL. Roles are cluster-wide and
 * the test cluster outlives a run, so every role here is named
 * "tstaff<pid>_..." and dropped at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW      "Zhang-密码-2025"
#define PW_NEW  "Xin-mima-2026"

static bool no_secret(const db_err *e, const char *secret)
{
	return !strstr(e->message, secret) && !strstr(e->detail, secret);
}

/* Our own role names: "tstaff<pid>_<what>". */
static const char *role(char *buf, size_t len, const char *what)
{
	snprintf(buf, len, "tstaff%ld_%s", (long)getpid(), what);
	return buf;
}

/* Drop the roles this run made; the database copy goes with testdb_finish. */
static void drop_roles(db_conn *c)
{
	char like[64];
	const char *p[1] = { like };
	db_err e;
	PGresult *r;
	int i;

	snprintf(like, sizeof like, "tstaff%ld\\_%%", (long)getpid());
	r = db_exec(c, "SELECT format('DROP ROLE %I', rolname) FROM pg_roles "
		    "WHERE rolname LIKE $1", 1, p, &e);
	for (i = 0; r && i < PQntuples(r); i++)
		if (!db_run(c, PQgetvalue(r, i, 0), 0, NULL, &e))
			tap_diag("cleanup: %s", e.message);
	PQclear(r);
}

static void is_value(db_conn *c, const char *sql, const char *param,
		     const char *want, const char *name)
{
	char *v = testdb_value(c, sql, param ? 1 : 0, (const char *const[]){ param });

	is_str(v, want, name);
	free(v);
}

int main(void)
{
	testdb t;
	char msg[256];
	db_err e, e2;
	db_conn *c;
	db_staff_info who;
	char *v;
	const char *evil = "王'); DROP TABLE jz.staff;--";
	char zhang[64], sneaky[64], x[64], nobody[64], peer[64], bad[64], plain[64];

	if (!testdb_init(&t, "test_staff", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);

	role(zhang, sizeof zhang, "zhang");
	role(sneaky, sizeof sneaky, "sneaky");
	role(x, sizeof x, "x");
	role(nobody, sizeof nobody, "nobody");
	role(peer, sizeof peer, "peer");
	role(bad, sizeof bad, "evil");
	role(plain, sizeof plain, "plain");

	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES "
		  "('110105009901', '测试甲社区', '测试街道'), "
		  "('110105009902', '测试乙社区', '测试街道')", 0, NULL, &e),
	   "test communities");

	is_str(db_staff_role_group(DB_ROLE_CASEWORKER), "jz_caseworker", "role group name");
	is_int(db_staff_role_parse("supervisor"), DB_ROLE_SUPERVISOR, "parse short role");
	is_int(db_staff_role_parse("jz_admin"), DB_ROLE_ADMIN, "parse group role");
	is_int(db_staff_role_parse("root"), DB_ROLE_NONE, "unknown role");

	/* add, then log in with the password */
	ok(db_staff_add(t.conn, zhang, "张伟", DB_ROLE_CASEWORKER,
			"110105009901", PW, &e), "staff add: %s", e.message);
	v = testdb_value(t.conn, "SELECT rolpassword FROM pg_authid WHERE rolname = $1",
			 1, (const char *const[]){ zhang });
	ok(v && strncmp(v, "SCRAM-SHA-256$", 14) == 0 && !strstr(v, PW),
	   "server holds only a SCRAM verifier");
	free(v);
	is_value(t.conn, "SELECT pg_has_role($1, 'jz_caseworker', 'MEMBER')::text",
		 zhang, "true", "member of jz_caseworker");

	c = testdb_connect_as(&t, zhang, PW, &e);
	ok(c != NULL, "login with the password works: %s", c ? "" : e.message);
	if (c) {
		ok(db_staff_whoami(c, &who, &e), "whoami");
		is_str(who.login, zhang, "whoami login");
		is_str(who.display_name, "张伟", "whoami display name");
		is_int(who.role, DB_ROLE_CASEWORKER, "whoami role");
		is_str(who.communities, "测试甲社区", "whoami communities");
		is_int(who.idle_lock_seconds, 300, "idle lock from the policy row");

		/* a caseworker may not add staff */
		ok(!db_staff_add(c, sneaky, "偷偷", DB_ROLE_ADMIN,
				 "110105009901", PW, &e), "caseworker cannot add staff");
		is_str(e.sqlstate, "42501", "refused with insufficient_privilege");
		is_value(t.conn, "SELECT count(*)::text FROM pg_roles WHERE rolname = $1",
			 sneaky, "0", "no role was created");
		ok(!db_staff_disable(c, zhang, &e), "caseworker cannot disable");
		is_str(e.sqlstate, "42501", "disable refused with 42501");
		ok(!db_run(c, "INSERT INTO jz.staff (login, display_name, group_role) "
			   "VALUES ($1, 'x', 'jz_admin')", 1, (const char *const[]){ x }, &e),
		   "caseworker cannot write jz.staff directly");
		is_str(e.sqlstate, "42501", "direct write refused with 42501");
		/* but may change their own password */
		ok(db_staff_set_password(c, zhang, PW_NEW, &e),
		   "own password change: %s", e.message);
		db_close(c);
	}

	/* each failure in plain words, never with the password */
	c = testdb_connect_as(&t, zhang, PW, &e);
	ok(c == NULL, "old password no longer works");
	is_int(e.kind, DB_ERR_AUTH, "wrong password is DB_ERR_AUTH");
	ok(no_secret(&e, PW), "no password in the message: %s", e.message);
	db_close(c);
	c = testdb_connect_as(&t, nobody, PW, &e2);
	ok(c == NULL, "unknown user refused");
	is_int(e2.kind, DB_ERR_AUTH, "unknown user is DB_ERR_AUTH");
	is_str(e2.message, e.message, "unknown user and wrong password read the same");
	ok(no_secret(&e2, PW), "no password in the message");
	db_close(c);
	c = testdb_connect_as(&t, zhang, PW_NEW, &e);
	ok(c != NULL, "new password works");
	db_close(c);

	/* disable: NOLOGIN, row kept */
	ok(db_staff_disable(t.conn, zhang, &e), "disable: %s", e.message);
	c = testdb_connect_as(&t, zhang, PW_NEW, &e);
	ok(c == NULL, "disabled account cannot log in");
	is_int(e.kind, DB_ERR_DISABLED, "disabled is DB_ERR_DISABLED");
	ok(no_secret(&e, PW_NEW), "no password in the message: %s", e.message);
	db_close(c);
	is_value(t.conn, "SELECT active::text FROM jz.staff WHERE login = $1",
		 zhang, "false", "staff row kept, inactive");
	is_value(t.conn, "SELECT count(*)::text FROM pg_roles WHERE rolname = $1",
		 zhang, "1", "role kept (never dropped)");

	/* peer accounts: no password, member of jz_peer */
	ok(db_staff_add(t.conn, peer, "李·娜", DB_ROLE_RECEPTION,
			"测试乙社区", NULL, &e), "peer staff add by community name: %s",
	   e.message);
	is_value(t.conn, "SELECT (rolpassword IS NULL)::text FROM pg_authid "
		 "WHERE rolname = $1", peer, "true", "peer role has no password");
	is_value(t.conn, "SELECT pg_has_role($1, 'jz_peer', 'MEMBER')::text",
		 peer, "true", "peer role is in jz_peer");

	/* names that try to be SQL are stored literally */
	ok(db_staff_add(t.conn, bad, evil, DB_ROLE_RECEPTION,
			"110105009901", PW, &e), "injection display name accepted");
	is_value(t.conn, "SELECT display_name FROM jz.staff WHERE login = $1",
		 bad, evil, "stored literally");
	is_value(t.conn, "SELECT to_regclass('jz.staff')::text", NULL, "jz.staff",
		 "jz.staff still exists");
	ok(!db_staff_add(t.conn, "tstaff\"; DROP ROLE jz_admin; --", "坏", DB_ROLE_RECEPTION,
			 "110105009901", PW, &e), "injection login refused");
	is_str(e.sqlstate, "22023", "as an invalid parameter");
	ok(!db_staff_add(t.conn, x, "某人", DB_ROLE_RECEPTION,
			 "'; DROP TABLE jz.communities; --", PW, &e),
	   "injection community refused as unknown");
	is_value(t.conn, "SELECT to_regclass('jz.communities')::text", NULL,
		 "jz.communities", "jz.communities still exists");

	/* names of several accounts in one call: staff by name, the loader's
	 * own account (no staff row, no staff role) not staff, an unknown one
	 * and one with a quote kept as given */
	{
		db_staff_name nv[4] = { 0 };
		snprintf(nv[0].login, sizeof nv[0].login, "%s", zhang);
		snprintf(nv[1].login, sizeof nv[1].login, "%s", peer);
		snprintf(nv[2].login, sizeof nv[2].login, "%s", "jiuzhu");
		snprintf(nv[3].login, sizeof nv[3].login, "%s", "no\"such\\one");
		ok(db_staff_names(t.conn, nv, 4, &e), "staff names in one call: %s", e.message);
		is_str(nv[0].name, "张伟", "a caseworker by name");
		is_str(nv[1].name, "李·娜", "a peer account by name");
		ok(nv[0].staff && nv[1].staff, "both are staff");
		ok(!nv[2].staff && strcmp(nv[2].name, "jiuzhu") == 0, "the loader's account is no staff member");
		ok(!nv[3].staff && strcmp(nv[3].name, "no\"such\\one") == 0, "an unknown login kept as given");
		ok(db_staff_names(t.conn, nv, 0, &e), "no accounts: nothing asked");
	}

	ok(!db_staff_add(t.conn, x, "   ", DB_ROLE_RECEPTION, "110105009901", PW, &e),
	   "blank display name refused");
	is_str(e.sqlstate, "22023", "as an invalid parameter");
	is_str(e.message, "The display name must be 1 to 64 characters.", "in plain words");
	is_value(t.conn, "SELECT count(*)::text FROM pg_roles WHERE rolname = $1",
		 x, "0", "and no role left behind");

	/* an existing role cannot be taken over */
	ok(!db_staff_add(t.conn, db_user(t.conn), "超级", DB_ROLE_ADMIN,
			 "110105009901", PW, &e), "existing role name refused");
	ok(!db_staff_add(t.conn, "jz_admin", "组", DB_ROLE_ADMIN,
			 "110105009901", PW, &e), "group role name refused");
	ok(!db_run(t.conn, "SELECT jz.staff_add($1, '明文', 'jz_reception', "
		   "NULL, 'plaintext')", 1, (const char *const[]){ plain }, &e),
	   "plain password refused by the server");

	drop_roles(t.conn);
	testdb_finish(&t);
	return tap_done();
}
