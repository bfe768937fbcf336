/* migrate.h - schema migrations embedded in the binary at build time
 * (db/migrations/NNNN_name.sql), applied in order, each in its own
 * transaction, recorded with the server-computed sha256 of its text. */
#ifndef JZ_DB_MIGRATE_H
#define JZ_DB_MIGRATE_H

#include <stdbool.h>
#include "db.h"

typedef struct db_migration {
	const char *name;   /* "0001_core.sql" */
	const char *sha256; /* of the text, computed at build time (hex) */
	const char *sql;
} db_migration;

/* The embedded list, in order (generated file). */
extern const db_migration db_migrations[];
extern const int db_migrations_count;
/* db/sample/sample.sql, embedded the same way. */
extern const char db_sample_sql[];

/* Apply what is missing. An applied migration whose text changed is a loud
 * error (err names the file). *applied counts what ran now. Needs a role that
 * may create roles and schema (the cluster superuser or the server owner). */
bool db_migrate(db_conn *c, int *applied, db_err *err);

/* Load the sample community and the four demo accounts (password "demo").
 * Idempotent. Only ever called on the private embedded cluster. */
bool db_load_sample(db_conn *c, db_err *err);
bool db_has_sample(db_conn *c);

#endif
