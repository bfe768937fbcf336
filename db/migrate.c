/* migrate.c - apply the embedded migrations in order, one transaction each,
 * recorded with a sha256 computed by PostgreSQL; load the sample data. */
#include "migrate.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* One cluster-wide advisory lock key for every jiuzhu migrator ("jzmg"). */
#define MIGRATE_LOCK "1786408295"

static const char meta_sql[] =
	"CREATE SCHEMA IF NOT EXISTS jz_meta;\n"
	"CREATE TABLE IF NOT EXISTS jz_meta.schema_migration (\n"
	"  name text PRIMARY KEY,\n"
	"  sha256 text NOT NULL,\n"
	"  applied_at timestamptz NOT NULL DEFAULT now(),\n"
	"  applied_by text NOT NULL DEFAULT session_user);\n"
	"CREATE TABLE IF NOT EXISTS jz_meta.flag (\n"
	"  name text PRIMARY KEY,\n"
	"  set_at timestamptz NOT NULL DEFAULT now(),\n"
	"  set_by text NOT NULL DEFAULT session_user);\n"
	/* anyone may ask whether this is the sample database (login screen) */
	"GRANT USAGE ON SCHEMA jz_meta TO PUBLIC;\n"
	"GRANT SELECT ON jz_meta.flag, jz_meta.schema_migration TO PUBLIC;\n";

static bool lock(db_conn *c, db_err *err)
{
	const char *p[1] = { MIGRATE_LOCK };

	return db_run(c, "SELECT pg_advisory_lock($1::bigint)", 1, p, err);
}

static void unlock(db_conn *c)
{
	const char *p[1] = { MIGRATE_LOCK };
	db_err ignored;

	db_run(c, "SELECT pg_advisory_unlock($1::bigint)", 1, p, &ignored);
}

static void rollback(db_conn *c)
{
	db_err ignored;

	db_run(c, "ROLLBACK", 0, NULL, &ignored);
}

/* Name the file in the message: the caller's screen or log shows only it. */
static void name_file(db_err *err, const char *file)
{
	char buf[sizeof err->message];

	snprintf(buf, sizeof buf, _("Migration %s failed: %s"), file, err->message);
	memcpy(err->message, buf, sizeof buf);
}

/* The recorded checksums, one round trip: the texts themselves never travel
 * at start-up (the build computed their sha256). Returns the result (name,
 * sha256), or NULL with err filled. */
static PGresult *recorded(db_conn *c, db_err *err)
{
	return db_exec(c, "SELECT name, sha256 FROM jz_meta.schema_migration", 0, NULL, err);
}

/* Is m applied, by the records in res? Refuses (false, err filled) when it
 * was applied with other text. */
static bool check_one(const PGresult *res, const db_migration *m, bool *applied,
		      db_err *err)
{
	*applied = false;
	for (int i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), m->name) != 0)
			continue;
		*applied = true;
		if (strcmp(PQgetvalue(res, i, 1), m->sha256) != 0) {
			db_err_set(err, DB_ERR_OTHER,
				   _("Migration %s was changed after it was applied; "
				     "refusing to run. Restore the original file or "
				     "write a new migration."), m->name);
			snprintf(err->detail, sizeof err->detail, "sha256 %s, recorded %s",
				 m->sha256, PQgetvalue(res, i, 1));
			return false;
		}
		return true;
	}
	return true;
}

static bool apply_one(db_conn *c, const db_migration *m, db_err *err)
{
	const char *p[2] = { m->name, m->sql };

	if (!db_run(c, "BEGIN", 0, NULL, err))
		return false;
	if (!db_script(c, m->sql, err))
		goto fail;
	if (!db_run(c,
		    "INSERT INTO jz_meta.schema_migration (name, sha256) "
		    "VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))",
		    2, p, err))
		goto fail;
	if (!db_run(c, "COMMIT", 0, NULL, err))
		goto fail;
	return true;
fail:
	rollback(c);
	return false;
}

bool db_migrate(db_conn *c, int *applied, db_err *err)
{
	PGresult *res = NULL;
	bool ok = false;
	int i, n = 0;

	if (applied)
		*applied = 0;
	if (!lock(c, err))
		return false;
	if (!db_script(c, meta_sql, err))
		goto out;
	/* Check every applied file first: a changed one stops everything
	 * before anything new runs on top of it. */
	res = recorded(c, err);
	if (!res)
		goto out;
	for (i = 0; i < db_migrations_count; i++) {
		bool is_applied;

		if (!check_one(res, &db_migrations[i], &is_applied, err))
			goto out;
	}
	for (i = 0; i < db_migrations_count; i++) {
		const db_migration *m = &db_migrations[i];
		bool is_applied;

		if (!check_one(res, m, &is_applied, err))
			goto out;
		if (is_applied)
			continue;
		if (!apply_one(c, m, err)) {
			name_file(err, m->name);
			goto out;
		}
		n++;
	}
	ok = true;
out:
	PQclear(res);
	unlock(c);
	if (applied)
		*applied = n;
	return ok;
}

#define SAMPLE_FLAG "sample_loaded"

bool db_load_sample(db_conn *c, db_err *err)
{
	const char *p[1] = { SAMPLE_FLAG };
	bool ok = false;

	if (!lock(c, err))
		return false;
	if (db_has_sample(c)) {
		ok = true;
		goto out;
	}
	if (!db_run(c, "BEGIN", 0, NULL, err))
		goto out;
	if (!db_script(c, db_sample_sql, err) ||
	    !db_run(c, "INSERT INTO jz_meta.flag (name) VALUES ($1) "
		       "ON CONFLICT DO NOTHING", 1, p, err) ||
	    !db_run(c, "COMMIT", 0, NULL, err)) {
		rollback(c);
		goto out;
	}
	ok = true;
out:
	unlock(c);
	return ok;
}

bool db_has_sample(db_conn *c)
{
	const char *p[1] = { SAMPLE_FLAG };
	db_err err;
	PGresult *res;
	bool yes;

	/* to_regclass first: a database not migrated yet has no flag table,
	 * and asking it would leave an error in the server log */
	res = db_exec_retry(c, "SELECT to_regclass('jz_meta.flag') IS NOT NULL",
			    0, NULL, &err);
	if (!res)
		return false;
	yes = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!yes)
		return false;
	res = db_exec_retry(c, "SELECT 1 FROM jz_meta.flag WHERE name = $1",
			    1, p, &err);
	if (!res)
		return false;
	yes = PQntuples(res) > 0;
	PQclear(res);
	return yes;
}
