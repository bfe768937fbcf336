/* test_migrate.c - migrations are recorded with server-computed checksums,
 * a second run applies nothing, a changed applied file is refused naming
 * it, the policy rows are there and jz.policy_value picks the row in force,
 * and the sample data loads once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "migrate.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

static void is_value(db_conn *c, const char *sql, int n, const char *const *p,
		     const char *want, const char *name)
{
	char *v = testdb_value(c, sql, n, p);

	is_str(v, want, name);
	free(v);
}

/* Every embedded migration is recorded with the sha256 of its text. */
static void check_records(db_conn *c)
{
	char count[16];
	int i, good = 0;

	snprintf(count, sizeof count, "%d", db_migrations_count);
	is_value(c, "SELECT count(*)::text FROM jz_meta.schema_migration", 0, NULL,
		 count, "one record per embedded migration");
	for (i = 0; i < db_migrations_count; i++) {
		/* the server's checksum of the text, the record, and the one the
		 * build computed (what start-up compares) all agree */
		const char *p[3] = { db_migrations[i].name, db_migrations[i].sql,
				     db_migrations[i].sha256 };
		char *v = testdb_value(c,
			"SELECT (sha256 = encode(sha256(convert_to($2, 'UTF8')), 'hex') "
			"AND sha256 = $3 "
			"AND length(sha256) = 64 AND applied_at IS NOT NULL "
			"AND applied_by <> '')::text "
			"FROM jz_meta.schema_migration WHERE name = $1", 3, p);

		if (v && strcmp(v, "true") == 0)
			good++;
		else
			tap_diag("bad record for %s", db_migrations[i].name);
		free(v);
	}
	is_int(good, db_migrations_count, "every record carries the file's checksum");
}

static void policy(db_conn *c)
{
	static const struct { const char *key, *value; } seed[] = {
		{ "cash_aid_low_income", "50000" },
		{ "cash_aid_elderly_alone_extra", "30000" },
		{ "home_visits_per_week_min", "3" },
		{ "counselling_per_month", "2" },
		{ "training_class_size", "30" },
		{ "training_fee_community_share", "80" },
		{ "notify_working_days", "5" },
		{ "elderly_age_min", "60" },
		{ "working_age_min", "16" },
		{ "working_age_max", "60" },
		{ "idle_lock_seconds", "300" },
		{ "public_notice_days", "7" },
		{ "follow_up_months", "3" },
		{ "funding_total", "100000000" },
		{ "funding_government", "60000000" },
		{ "funding_donations", "30000000" },
		{ "funding_self_raised", "10000000" },
		{ "target_households_low_income", "200" },
		{ "target_volunteer_hours", "31200" },
		{ "target_counselling_participants", "240" },
		{ "target_satisfaction", "90" },
		{ "target_trained", "120" },
		{ "target_employed_after_training", "70" },
	};
	const char *k[2] = { "cash_aid_low_income", NULL };
	char name[128];
	size_t i;
	db_err e;

	for (i = 0; i < sizeof seed / sizeof seed[0]; i++) {
		const char *p[2] = { seed[i].key, "2025-06-01" };

		snprintf(name, sizeof name, "policy %s = %s", seed[i].key, seed[i].value);
		is_value(c, "SELECT value::text FROM jz.policy_value($1, $2::date)", 2, p,
			 seed[i].value, name);
	}
	is_value(c, "SELECT (sum(value) FILTER (WHERE key <> 'funding_total') = "
		 "sum(value) FILTER (WHERE key = 'funding_total'))::text "
		 "FROM jz.policy WHERE key LIKE 'funding%'", 0, NULL, "true",
		 "funding sources add up to the total");
	is_value(c, "SELECT count(*)::text FROM information_schema.columns "
		 "WHERE table_schema = 'jz' AND table_name = 'policy' AND column_name = 'value' "
		 "AND data_type IN ('real', 'double precision')", 0, NULL, "0",
		 "no floating point in the policy table");

	/* a new figure from 2026-07-01: the old one stays in force before it */
	ok(db_run(c, "INSERT INTO jz.policy (key, value, unit, effective_from, note) "
		  "VALUES ('cash_aid_low_income', 55000, 'fen/month', '2026-07-01', '调整')",
		  0, NULL, &e), "insert a later figure");
	k[1] = "2026-06-30";
	is_value(c, "SELECT value::text FROM jz.policy_value($1, $2::date)", 2, k,
		 "50000", "day before: old figure in force");
	k[1] = "2026-07-01";
	is_value(c, "SELECT value::text FROM jz.policy_value($1, $2::date)", 2, k,
		 "55000", "effective day: new figure");
	k[1] = "2030-01-01";
	is_value(c, "SELECT value::text FROM jz.policy_value($1, $2::date)", 2, k,
		 "55000", "later: still the new figure");
	k[1] = "2024-12-31";
	is_value(c, "SELECT value::text FROM jz.policy_value($1, $2::date)", 2, k,
		 NULL, "before any row: none");
	is_value(c, "SELECT value::text FROM jz.policy_value('idle_lock_seconds')", 0, NULL,
		 "300", "default date is today");
}

/* Two migrators at once on an empty database: the advisory lock makes one
 * wait for the other, so every file runs exactly once. */
static void concurrent(testdb *t)
{
	char fresh[80];
	db_params p = { .host = t->host, .port = t->port, .dbname = fresh,
			.user = db_user(t->conn) };
	char *sql;
	db_err e;
	db_conn *c;
	pid_t pid;
	int status = 0, mine = 0, theirs;
	bool ok_mine = false;

	snprintf(fresh, sizeof fresh, "%s_fresh", t->dbname);
	/* a database name is an identifier: quoted by the server, not by us */
	sql = NULL;
	{
		const char *q[1] = { fresh };
		PGresult *r = db_exec(t->conn, "SELECT format('CREATE DATABASE %I TEMPLATE template0', $1::text)",
				      1, q, &e);
		if (r)
			sql = strdup(PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	if (!ok(sql && db_run(t->conn, sql, 0, NULL, &e), "create an empty database: %s", e.message)) {
		free(sql);
		return;
	}
	free(sql);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int n = -1;

		c = db_connect(&p, &e);
		if (!c || !db_migrate(c, &n, &e))
			n = 255;
		db_close(c);
		_exit(n);
	}
	c = db_connect(&p, &e);
	ok(c != NULL, "connect to the empty database");
	if (c)
		ok_mine = db_migrate(c, &mine, &e);
	ok(ok_mine, "parent migrates: %s", ok_mine ? "" : e.message);
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status),
	   "child finished");
	theirs = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
	ok(theirs != 255, "child migrates");
	is_int(mine + theirs, db_migrations_count, "every file ran exactly once between them");
	if (c)
		check_records(c);
	db_close(c);
	{
		const char *q[1] = { fresh };
		PGresult *r = db_exec(t->conn, "SELECT format('DROP DATABASE %I WITH (FORCE)', $1::text)",
				      1, q, &e);

		if (r && !db_run(t->conn, PQgetvalue(r, 0, 0), 0, NULL, &e))
			tap_diag("drop: %s", e.message);
		PQclear(r);
	}
}

int main(void)
{
	testdb t;
	char msg[256], *v;
	db_err e;
	int applied = -1;
	const char *p[1];

	if (!testdb_init(&t, "test_migrate", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);

	ok(db_migrations_count >= 7, "migrations are embedded (%d)", db_migrations_count);
	check_records(t.conn);
	ok(db_migrate(t.conn, &applied, &e), "migrate an up-to-date database: %s", e.message);
	is_int(applied, 0, "a second run applies nothing");

	/* an applied file whose text changed: refused, loudly, naming it */
	p[0] = db_migrations[2].name;
	ok(db_run(t.conn, "UPDATE jz_meta.schema_migration SET sha256 = repeat('0', 64) "
		  "WHERE name = $1", 1, p, &e), "tamper with a record");
	applied = -1;
	ok(!db_migrate(t.conn, &applied, &e), "changed migration refused");
	ok(strstr(e.message, db_migrations[2].name) != NULL,
	   "the message names the file: %s", e.message);
	is_int(applied, 0, "nothing applied");
	ok(db_ok(t.conn), "connection fine after the refusal");
	ok(db_run(t.conn, "UPDATE jz_meta.schema_migration "
		  "SET sha256 = encode(sha256(convert_to($2, 'UTF8')), 'hex') WHERE name = $1",
		  2, (const char *const[]){ db_migrations[2].name, db_migrations[2].sql }, &e),
	   "restore the record");
	ok(db_migrate(t.conn, &applied, &e), "migrates again once restored");

	/* a forgotten record means the file runs again and fails on its own
	 * objects: the failure names the file and rolls back */
	p[0] = db_migrations[1].name;
	ok(db_run(t.conn, "DELETE FROM jz_meta.schema_migration WHERE name = $1", 1, p, &e),
	   "forget a record");
	ok(!db_migrate(t.conn, &applied, &e), "re-running an applied file fails");
	ok(strstr(e.message, db_migrations[1].name) != NULL, "naming it: %s", e.message);
	ok(e.sqlstate[0] != '\0', "with the SQLSTATE (%s)", e.sqlstate);
	p[0] = db_migrations[1].name;
	is_value(t.conn, "SELECT count(*)::text FROM jz_meta.schema_migration WHERE name = $1",
		 1, p, "0", "no record written for the failed file");
	ok(db_run(t.conn, "INSERT INTO jz_meta.schema_migration (name, sha256) "
		  "VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))", 2,
		  (const char *const[]){ db_migrations[1].name, db_migrations[1].sql }, &e),
	   "put the record back");

	concurrent(&t);
	policy(t.conn);

	/* audit trigger saw the policy insert, as the superuser */
	is_value(t.conn, "SELECT count(*)::text FROM jz.audit_log WHERE action = 'INSERT' "
		 "AND table_name = 'jz.policy' AND row_key = 'cash_aid_low_income/2026-07-01' "
		 "AND new->>'value' = '55000' AND actor = session_user", 0, NULL, "1",
		 "policy change audited");

	/* sample data: once, idempotent */
	ok(!db_has_sample(t.conn), "a fresh copy has no sample data");
	ok(db_load_sample(t.conn, &e), "load sample: %s", e.message);
	ok(db_has_sample(t.conn), "sample flagged");
	ok(db_load_sample(t.conn, &e), "load sample again");
	is_value(t.conn, "SELECT string_agg(name || ':' || code, ',' ORDER BY code) "
		 "FROM jz.communities WHERE street = '和平街道'", 0, NULL,
		 "幸福里社区:110105001001,建设路社区:110105001002", "two sample communities");
	is_value(t.conn, "SELECT string_agg(login || '=' || group_role, ',' ORDER BY login) "
		 "FROM jz.staff WHERE login IN ('reception','caseworker','supervisor','admin')",
		 0, NULL, "admin=jz_admin,caseworker=jz_caseworker,reception=jz_reception,"
		 "supervisor=jz_supervisor", "four demo accounts");
	{
		db_conn *c = testdb_connect_as(&t, "reception", "demo", &e);
		db_staff_info who;

		ok(c != NULL, "reception/demo logs in: %s", c ? "" : e.message);
		if (c && db_staff_whoami(c, &who, &e)) {
			is_str(who.display_name, "前台 李娜", "reception is 前台 李娜");
			is_str(who.communities, "幸福里社区", "in 幸福里社区");
		}
		db_close(c);
		c = testdb_connect_as(&t, "admin", "demo", &e);
		ok(c != NULL, "admin/demo logs in");
		if (c && db_staff_whoami(c, &who, &e))
			is_str(who.communities, "幸福里社区,建设路社区", "admin in both communities");
		db_close(c);
	}
	v = testdb_value(t.conn, "SELECT count(*)::text FROM jz_meta.flag WHERE name = 'sample_loaded'", 0, NULL);
	is_str(v, "1", "one sample flag row");
	free(v);

	testdb_finish(&t);
	return tap_done();
}
