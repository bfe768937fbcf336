/* test_conn.c - db_exec accepts or rejects results with the SQLSTATE, routes
 * notices into the connection, and survives a dropped connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tap.h"
#include "testdb.h"

static long backend_pid(db_conn *c)
{
	db_err e;
	PGresult *r = db_exec(c, "SELECT pg_backend_pid()", 0, NULL, &e);
	long pid = r ? atol(PQgetvalue(r, 0, 0)) : -1;

	PQclear(r);
	return pid;
}

/* Kill c's backend from another session and wait for it to be gone. */
static bool kill_backend(const testdb *t, db_conn *c)
{
	char pid[32];
	const char *p[1] = { pid };
	db_err e;
	db_conn *k = testdb_connect_as(t, db_user(t->conn), NULL, &e);
	bool done;

	if (!k)
		return false;
	snprintf(pid, sizeof pid, "%ld", backend_pid(c));
	done = db_run(k, "SELECT pg_terminate_backend($1::int, 10000)", 1, p, &e);
	db_close(k);
	return done;
}

int main(void)
{
	testdb t;
	char msg[256];
	db_err e;
	PGresult *r;
	db_params bad = { .host = "/nonexistent/jz-test-conn", .port = "5432",
			  .dbname = "jiuzhu", .user = "nobody", .password = "s3cret-密码" };
	db_conn *c;

	if (!testdb_init(&t, "test_conn", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);

	/* unreachable: a socket directory that does not exist */
	c = db_connect(&bad, &e);
	ok(c == NULL, "connect to a missing socket directory fails");
	is_int(e.kind, DB_ERR_CONNECT, "missing socket directory is DB_ERR_CONNECT");
	ok(strstr(e.message, "s3cret") == NULL && strstr(e.detail, "s3cret") == NULL,
	   "no password in the connect error");
	db_close(c);

	/* a result that succeeds */
	r = db_exec(t.conn, "SELECT $1::text || '社区'", 1,
		    (const char *const[]){ "幸福里" }, &e);
	ok(r != NULL, "SELECT with a parameter succeeds");
	if (r)
		is_str(PQgetvalue(r, 0, 0), "幸福里社区", "UTF-8 parameter round-trips");
	is_int(e.kind, DB_OK, "err is cleared on success");
	PQclear(r);

	/* constraint violations come back with their SQLSTATE */
	ok(db_run(t.conn, "CREATE TEMP TABLE t_conn (code text PRIMARY KEY "
		  "CHECK (code ~ '^[0-9]+$'))", 0, NULL, &e), "temp table");
	ok(db_run(t.conn, "INSERT INTO t_conn VALUES ($1)", 1,
		  (const char *const[]){ "110105" }, &e), "first insert");
	r = db_exec(t.conn, "INSERT INTO t_conn VALUES ($1)", 1,
		    (const char *const[]){ "110105" }, &e);
	ok(r == NULL, "duplicate key is refused");
	is_int(e.kind, DB_ERR_SQL, "duplicate key is DB_ERR_SQL");
	is_str(e.sqlstate, "23505", "duplicate key SQLSTATE 23505");
	ok(strstr(e.detail, "110105") != NULL, "detail names the key: %s", e.detail);
	ok(!db_run(t.conn, "INSERT INTO t_conn VALUES ($1)", 1,
		   (const char *const[]){ "一二三" }, &e), "check violation refused");
	is_str(e.sqlstate, "23514", "check violation SQLSTATE 23514");
	ok(!db_run(t.conn, "SELEC 1", 0, NULL, &e), "syntax error refused");
	is_str(e.sqlstate, "42601", "syntax error SQLSTATE 42601");
	ok(db_ok(t.conn), "connection still usable after errors");

	/* notices go to the connection, not stderr */
	ok(db_run(t.conn, "DO $$BEGIN RAISE NOTICE '注意: %', 42; END$$", 0, NULL, &e),
	   "statement raising a notice runs");
	ok(strstr(db_last_notice(t.conn), "注意: 42") != NULL,
	   "notice kept: %s", db_last_notice(t.conn));
	ok(db_run(t.conn, "SELECT 1", 0, NULL, &e), "next statement");
	is_str(db_last_notice(t.conn), "", "notice cleared by the next db_exec");

	/* dropped connection: a read is reset and re-run */
	c = testdb_connect_as(&t, db_user(t.conn), NULL, &e);
	ok(c != NULL, "second connection");
	if (c) {
		ok(kill_backend(&t, c), "backend terminated");
		r = db_exec_retry(c, "SELECT 'still here'", 0, NULL, &e);
		ok(r != NULL, "retry-safe SELECT succeeds after reset");
		if (r)
			is_str(PQgetvalue(r, 0, 0), "still here", "and returns its row");
		PQclear(r);
		ok(db_ok(c), "connection usable again");

		/* a write is not re-run: the caller is told */
		ok(kill_backend(&t, c), "backend terminated again");
		r = db_exec(c, "INSERT INTO pg_temp.nothing VALUES (1)", 0, NULL, &e);
		ok(r == NULL, "non-retry statement is not re-run");
		is_int(e.kind, DB_ERR_LOST, "reported as DB_ERR_LOST");
		ok(e.message[0] != '\0', "with a message: %s", e.message);
		ok(db_ok(c), "but the connection was reset");
		db_close(c);
	}

	db_close(NULL);
	testdb_finish(&t);
	return tap_done();
}
