/* testdb.h - the db suite's database: one shared throwaway cluster per build
 * directory (/tmp/jiuzhu-test-<hash>, started by db_cluster_ensure, the same
 * code as production), a template database migrated once (jz_template,
 * rebuilt when the embedded migrations change), and a fresh copy of it for
 * every test, connected as the cluster superuser over the socket.
 *
 * Roles are cluster-wide: tests running in parallel share them, so a test
 * that creates roles should give them unique names (e.g. with its pid).
 * The cluster is left running for the next run; stop it with
 * tests/db/testdb-stop (see tests/db/meson.build). */
#ifndef JZ_TESTS_TESTDB_H
#define JZ_TESTS_TESTDB_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

typedef struct testdb {
	char host[600];    /* socket directory */
	char port[8];
	char dbname[64];   /* "<name>_<pid>" */
	db_conn *conn;     /* as superuser jiuzhu, on dbname */
} testdb;

/* Start (or find) the cluster, make sure the template is current and copy
 * it to a database of this test's own. name: any text; only [a-z0-9_] of it
 * is used. When the PostgreSQL server programs are not installed at all this
 * prints a TAP "1..0 # SKIP" line and exits 0 (a skip); any other failure returns
 * false with the reason in err (the test must then fail). */
bool testdb_init(testdb *t, const char *name, char *err, size_t errlen);

/* Closes conn and drops the copy (even if other connections are open). */
void testdb_finish(testdb *t);

/* Another connection to the copy, as user (password NULL: peer/none). */
db_conn *testdb_connect_as(const testdb *t, const char *user, const char *password, db_err *err);

/* The first column of the first row of sql (with n params), malloc'd (the
 * caller frees it). NULL when the value is NULL, when there is no row, and
 * when the query fails (then with a TAP diagnostic naming sql and the
 * error). Other rows and columns are ignored. */
char *testdb_value(db_conn *c, const char *sql, int n, const char *const *params);

/* The same value as a number (a count, an id): -1 when testdb_value gives
 * NULL or the value is not a whole integer. */
long long testdb_count(db_conn *c, const char *sql, int n, const char *const *params);

/* The shared cluster's folder for this build directory. */
bool testdb_cluster_dir(char *buf, size_t len);

#endif
