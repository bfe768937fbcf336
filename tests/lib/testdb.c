/* testdb.c - a fresh, migrated database for every db test: one cluster per
 * build directory, one template migrated once under a lock, one copy per
 * test (CREATE DATABASE ... TEMPLATE is a file copy: fast, and it needs
 * nobody connected to the template). */
#include "testdb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cluster.h"
#include "migrate.h"
#include "tap.h"

#ifndef JZ_TEST_BUILDDIR
#error "JZ_TEST_BUILDDIR must name the build directory (tests/db/meson.build sets it)"
#endif

#define TEMPLATE "jz_template"

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_START 0xcbf29ce484222325ULL

bool testdb_cluster_dir(char *buf, size_t len)
{
	const char *b = JZ_TEST_BUILDDIR;
	int n = snprintf(buf, len, "/tmp/jiuzhu-test-%016llx",
			 (unsigned long long)fnv1a(FNV_START, b, strlen(b)));
	return n > 0 && (size_t)n < len;
}

/* Names the embedded migration set: a changed, added or removed file
 * changes it, and the template is rebuilt. */
static void migrations_mark(char *buf, size_t len)
{
	uint64_t h = FNV_START;
	for (int i = 0; i < db_migrations_count; i++) {
		h = fnv1a(h, db_migrations[i].name, strlen(db_migrations[i].name) + 1);
		h = fnv1a(h, db_migrations[i].sql, strlen(db_migrations[i].sql) + 1);
	}
	snprintf(buf, len, "jz-migrations %d %016llx", db_migrations_count, (unsigned long long)h);
}

static db_conn *connect_db(const testdb *t, const char *dbname, const char *user,
			   const char *password, db_err *err)
{
	const db_params p = { .host = t->host, .port = t->port, .dbname = dbname,
			      .user = user, .password = password };
	return db_connect(&p, err);
}

static bool template_current(db_conn *c, const char *mark, bool *current, db_err *e)
{
	const char *const params[] = { TEMPLATE };
	PGresult *r = db_exec(c, "SELECT pg_catalog.shobj_description(d.oid, 'pg_database') "
			      "FROM pg_catalog.pg_database d WHERE d.datname = $1", 1, params, e);
	if (!r)
		return false;
	*current = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) && strcmp(PQgetvalue(r, 0, 0), mark) == 0;
	PQclear(r);
	return true;
}

/* Under the exclusive lock. The comment is written last: it marks a
 * template whose migrations all went through. */
static bool template_build(testdb *t, db_conn *c, const char *mark, char *err, size_t errlen)
{
	db_err e = { 0 };
	int applied = 0;
	char sql[160];
	if (!db_run(c, "DROP DATABASE IF EXISTS " TEMPLATE " WITH (FORCE)", 0, NULL, &e)
	    || !db_run(c, "CREATE DATABASE " TEMPLATE " OWNER jiuzhu", 0, NULL, &e)) {
		snprintf(err, errlen, "cannot create the template database: %s", e.message);
		return false;
	}
	db_conn *tc = connect_db(t, TEMPLATE, DB_CLUSTER_SUPERUSER, NULL, &e);
	if (!tc) {
		snprintf(err, errlen, "cannot connect to the template database: %s", e.message);
		return false;
	}
	bool good = db_migrate(tc, &applied, &e);
	db_close(tc);   /* nobody may stay connected to a template being copied */
	if (!good) {
		snprintf(err, errlen, "migrating the template failed: %s%s%s", e.message,
			 e.detail[0] ? " - " : "", e.detail);
		return false;
	}
	/* mark is our own digits and spaces, never input. */
	snprintf(sql, sizeof sql, "COMMENT ON DATABASE " TEMPLATE " IS '%s'", mark);
	if (!db_run(c, sql, 0, NULL, &e)) {
		snprintf(err, errlen, "cannot mark the template: %s", e.message);
		return false;
	}
	return true;
}

static void safe_name(char *buf, size_t len, const char *name)
{
	size_t n = 0;
	for (const char *p = name ? name : ""; *p && n + 1 < len && n < 40; p++) {
		char ch = *p;
		if (((unsigned char)ch & 0xC0) == 0x80)
			continue;   /* one '_' per UTF-8 character, not per byte */
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		buf[n++] = ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ? ch : '_';
	}
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, len, "test");
}

bool testdb_init(testdb *t, const char *name, char *err, size_t errlen)
{
	char dir[512], lockpath[600], mark[64], base[48], sql[200];
	db_cluster cl;
	db_err e = { 0 };
	bool good = false, current = false;
	int lockfd = -1;
	db_conn *c = NULL;

	*t = (testdb){ .conn = NULL };
	if (!testdb_cluster_dir(dir, sizeof dir)) {
		snprintf(err, errlen, "build directory path too long");
		return false;
	}
	if (!db_cluster_ensure(dir, &cl, err, errlen)) {
		char bin[512], why[256];
		const char *env = getenv("JIUZHU_PGBIN");
		if ((!env || !*env) && !db_cluster_find_bin(NULL, bin, sizeof bin, why, sizeof why)) {
			printf("1..0 # SKIP %s\n", why);
			fflush(stdout);
			exit(0);   /* TAP: a skipped plan with status 0 is a skip */
		}
		return false;
	}
	snprintf(t->host, sizeof t->host, "%s", cl.sockdir);
	snprintf(t->port, sizeof t->port, "%s", cl.port);
	safe_name(base, sizeof base, name);
	snprintf(t->dbname, sizeof t->dbname, "%s_%ld", base, (long)getpid());

	c = connect_db(t, "postgres", DB_CLUSTER_SUPERUSER, NULL, &e);
	if (!c) {
		snprintf(err, errlen, "cannot connect to the test cluster: %s", e.message);
		return false;
	}
	snprintf(lockpath, sizeof lockpath, "%s/template.lock", dir);
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lockfd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", lockpath, strerror(errno));
		goto done;
	}
	migrations_mark(mark, sizeof mark);
	/* Shared while copying; exclusive only to (re)build. A lock dies with
	 * its process, so a crashed test never blocks the others. */
	if (flock(lockfd, LOCK_SH) != 0 || !template_current(c, mark, &current, &e))
		goto fail_e;
	if (!current) {
		if (flock(lockfd, LOCK_EX) != 0 || !template_current(c, mark, &current, &e))
			goto fail_e;
		if (!current && !template_build(t, c, mark, err, errlen))
			goto done;
		if (flock(lockfd, LOCK_SH) != 0)
			goto fail_e;
	}
	/* dbname is only [a-z0-9_]: safe to quote as an identifier. */
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", t->dbname);
	if (!db_run(c, sql, 0, NULL, &e))
		goto fail_e;
	snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE " TEMPLATE " OWNER jiuzhu", t->dbname);
	if (!db_run(c, sql, 0, NULL, &e))
		goto fail_e;
	close(lockfd);
	lockfd = -1;
	t->conn = connect_db(t, t->dbname, DB_CLUSTER_SUPERUSER, NULL, &e);
	if (!t->conn)
		goto fail_e;
	good = true;
	goto done;
fail_e:
	snprintf(err, errlen, "test database: %s%s%s", e.message[0] ? e.message : strerror(errno),
		 e.detail[0] ? " - " : "", e.detail);
done:
	if (lockfd >= 0)
		close(lockfd);
	db_close(c);
	return good;
}

db_conn *testdb_connect_as(const testdb *t, const char *user, const char *password, db_err *err)
{
	return connect_db(t, t->dbname, user, password, err);
}

void testdb_finish(testdb *t)
{
	db_err e = { 0 };
	char sql[200];
	if (!t)
		return;
	db_close(t->conn);
	t->conn = NULL;
	if (!t->dbname[0])
		return;
	db_conn *c = connect_db(t, "postgres", DB_CLUSTER_SUPERUSER, NULL, &e);
	if (c) {
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", t->dbname);
		if (!db_run(c, sql, 0, NULL, &e))
			fprintf(stderr, "testdb: cannot drop %s: %s\n", t->dbname, e.message);
		db_close(c);
	}
	t->dbname[0] = '\0';
}

char *testdb_value(db_conn *c, const char *sql, int n, const char *const *params)
{
	db_err e = { 0 };
	PGresult *r = db_exec(c, sql, n, params, &e);
	char *v = NULL;

	if (!r) {
		tap_diag("%s: %s", sql, e.message);
		return NULL;
	}
	if (PQntuples(r) > 0 && PQnfields(r) > 0 && !PQgetisnull(r, 0, 0))
		v = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

long long testdb_count(db_conn *c, const char *sql, int n, const char *const *params)
{
	char *v = testdb_value(c, sql, n, params), *end = NULL;
	long long k = -1;

	if (v) {
		errno = 0;
		k = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || errno != 0)
			k = -1;   /* a boolean or a text is not a count */
	}
	free(v);
	return k;
}
