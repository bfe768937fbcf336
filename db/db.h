/* db.h - the one place that talks to libpq: connect, run, accept or reject a
 * result, reset a dropped connection.  Every caller goes through db_exec();
 * no SQL text is ever built from user input (parameters only). */
#ifndef JZ_DB_H
#define JZ_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>

typedef enum db_err_kind {
	DB_OK = 0,
	DB_ERR_CONNECT,   /* server unreachable / socket missing */
	DB_ERR_AUTH,      /* wrong user or password (28P01, 28000) */
	DB_ERR_DISABLED,  /* role exists but may not log in */
	DB_ERR_LOST,      /* connection dropped mid-action; retried once */
	DB_ERR_SQL,       /* statement refused; sqlstate says why */
	DB_ERR_OTHER,
} db_err_kind;

/* Caller-owned error; no static buffers. */
typedef struct db_err {
	db_err_kind kind;
	char sqlstate[6];    /* "" when none */
	char message[512];   /* primary message, UTF-8, never contains a password */
	char detail[512];    /* DETAIL/HINT when the server gave one */
} db_err;

/* Connection parameters; NULL fields fall back to libpq's own defaults and
 * environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE, ~/.pg_service.conf). */
typedef struct db_params {
	const char *host;      /* host name or socket directory */
	const char *port;
	const char *dbname;    /* may be a conninfo string or URI */
	const char *user;
	const char *password;  /* NULL: none (peer, .pgpass, service file) */
} db_params;

typedef struct db_conn db_conn;

/* Connect with client_encoding=UTF8 and application_name=jiuzhu; notices are
 * routed to an in-memory slot (db_last_notice) instead of stderr. Returns NULL
 * with *err filled on failure (kind says which of the plain-words reasons). */
db_conn *db_connect(const db_params *p, db_err *err);
void db_close(db_conn *c);   /* accepts NULL */

/* Run one statement with text parameters. Returns the result when it is
 * COMMAND_OK or TUPLES_OK (caller PQclear()s it), else NULL with *err filled
 * and the bad result already freed. A connection found dropped before the
 * statement is sent is reset first; one dropped while it ran is reset once
 * and the statement is NOT re-run (DB_ERR_LOST: it may or may not have
 * happened) - see db_exec_retry for statements safe to run twice. */
PGresult *db_exec(db_conn *c, const char *sql, int nparams,
		  const char *const *params, db_err *err);
/* Same, when only success matters. */
bool db_run(db_conn *c, const char *sql, int nparams,
	    const char *const *params, db_err *err);
/* db_exec for statements that are safe to run twice (reads, or writes made
 * idempotent by a key): after a dropped connection is reset, run it again. */
PGresult *db_exec_retry(db_conn *c, const char *sql, int nparams,
			const char *const *params, db_err *err);
/* Fill one element of a result array from row i of res. */
typedef void (*db_row_fill)(void *row, const PGresult *res, int i, void *ctx);
/* Run a read (db_exec_retry when retry, else db_exec) and turn each result
 * row into one zeroed elem_size element via fill. *rows is NULL when there
 * are none, else malloc'd (caller free()s); *n counts them. The result is
 * always freed; out of memory is DB_ERR_OTHER. */
bool db_fetch_rows(db_conn *c, bool retry, const char *sql, int nparams,
		   const char *const *params, size_t elem_size, db_row_fill fill,
		   void *ctx, void **rows, size_t *n, db_err *err);
/* The same for lists whose callers were promised an array even when empty:
 * no rows gives one zeroed element with *n = 0, never NULL on success. */
bool db_fetch_rows_nonnull(db_conn *c, bool retry, const char *sql, int nparams,
			   const char *const *params, size_t elem_size, db_row_fill fill,
			   void *ctx, void **rows, size_t *n, db_err *err);
/* Run our own embedded multi-statement SQL text (migrations, sample) with
 * PQexec. Never for text that holds user input. */
bool db_script(db_conn *c, const char *sql, db_err *err);
/* Accept a result (COMMAND_OK/TUPLES_OK) or fill *err and PQclear it. For
 * callers that must use libpq directly (COPY, async). */
PGresult *db_check(db_conn *c, PGresult *res, db_err *err);
void db_clear_notice(db_conn *c);

bool db_ok(const db_conn *c);              /* connection is usable */
bool db_reset(db_conn *c);                 /* try to reconnect now */
const char *db_user(const db_conn *c);     /* role logged in as */
PGconn *db_pg(db_conn *c);                 /* for LISTEN / socket polling */
/* Most recent NOTICE/WARNING text, "" when none; cleared by db_exec. */
const char *db_last_notice(const db_conn *c);

/* Fill *err from a libpq connection failure or a result (used internally and
 * by the tests). */
void db_err_from_conn(db_err *err, const PGconn *pg);
void db_err_from_result(db_err *err, const PGresult *res);
void db_err_set(db_err *err, db_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
