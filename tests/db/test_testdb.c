/* test_testdb.c - the db suite's own harness: a migrated copy of the
 * template per test, named from a safe identifier, dropped at the end. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "migrate.h"
#include "tap.h"
#include "testdb.h"

static void query1(db_conn *c, const char *sql, int n, const char *const *p, char *buf, size_t len)
{
	db_err e = { 0 };
	buf[0] = '\0';
	PGresult *r = db_exec(c, sql, n, p, &e);
	if (r && PQntuples(r) == 1)
		snprintf(buf, len, "%s", PQgetvalue(r, 0, 0));
	else
		tap_diag("%s", e.message);
	PQclear(r);
}

int main(void)
{
	testdb t;
	char err[512], want[64], got[256], n[16];

	if (!ok(testdb_init(&t, "Test-数据库!", err, sizeof err), "testdb_init")) {
		tap_diag("%s", err);
		return tap_done();
	}
	snprintf(want, sizeof want, "test______%ld", (long)getpid());
	is_str(t.dbname, want, "the copy's name keeps only [a-z0-9_] plus the pid");
	query1(t.conn, "SELECT current_database()", 0, NULL, got, sizeof got);
	is_str(got, t.dbname, "connected to the copy");
	query1(t.conn, "SELECT current_user", 0, NULL, got, sizeof got);
	is_str(got, "jiuzhu", "as superuser jiuzhu");
	query1(t.conn, "SELECT count(*) FROM jz_meta.schema_migration", 0, NULL, got, sizeof got);
	snprintf(n, sizeof n, "%d", db_migrations_count);
	is_str(got, n, "every embedded migration is applied in the copy");
	int applied = -1;
	db_err e = { 0 };
	ok(db_migrate(t.conn, &applied, &e), "db_migrate on the copy");
	is_int(applied, 0, "and finds nothing left to do");

	const char *const name[] = { "jz_template" };
	query1(t.conn, "SELECT pg_catalog.shobj_description(oid, 'pg_database') FROM pg_catalog.pg_database "
	       "WHERE datname = $1", 1, name, got, sizeof got);
	ok(strncmp(got, "jz-migrations ", 14) == 0, "the template carries the migration mark (%s)", got);

	/* Writes stay in the copy. */
	const char *const who[] = { "王芳" };
	ok(db_run(t.conn, "CREATE TABLE scratch (name text)", 0, NULL, &e)
	   && db_run(t.conn, "INSERT INTO scratch VALUES ($1)", 1, who, &e), "write into the copy");
	db_conn *c2 = testdb_connect_as(&t, "jiuzhu", NULL, &e);
	ok(c2 != NULL, "a second connection with testdb_connect_as");
	if (c2)
		query1(c2, "SELECT name FROM scratch", 0, NULL, got, sizeof got);
	is_str(got, "王芳", "sees the same copy");
	db_conn *bad = testdb_connect_as(&t, "nobody_here", "wrong", &e);
	ok(bad == NULL && e.kind == DB_ERR_AUTH, "an unknown user is refused (%s)", e.message);
	db_close(bad);

	/* finish drops the copy even with c2 still open. */
	char dbname[64];
	snprintf(dbname, sizeof dbname, "%s", t.dbname);
	testdb t2;
	ok(testdb_init(&t2, "testdb_second", err, sizeof err), "a second copy in the same process");
	testdb_finish(&t);
	const char *const gone[] = { dbname };
	query1(t2.conn, "SELECT count(*) FROM pg_catalog.pg_database WHERE datname = $1", 1, gone, got, sizeof got);
	is_str(got, "0", "testdb_finish dropped the copy");
	query1(t2.conn, "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'scratch'", 0, NULL, got, sizeof got);
	is_str(got, "0", "the second copy never saw the first one's table");
	db_close(c2);
	testdb_finish(&t2);
	testdb_finish(NULL);
	return tap_done();
}
