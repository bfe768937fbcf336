/* db.c - the one place that talks to libpq.  Every statement goes through
 * db_exec(), which accepts or rejects the result, frees it on every path,
 * reads the SQLSTATE and resets a dropped connection (psql's common.c does
 * the same job for psql). */
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errtext.h"
#include "i18n.h"

struct db_conn {
	PGconn *pg;
	char notice[512];   /* last NOTICE/WARNING, "" when none */
};

/* Copy src into dst (size len), never cutting a UTF-8 sequence in half and
 * dropping the trailing newline libpq adds. */
static void copy_utf8(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!len)
		return;
	if (!src)
		src = "";
	n = strlen(src);
	if (n >= len) {
		n = len - 1;
		/* back up over continuation bytes so the cut is on a boundary */
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
}

/* Overwrite every occurrence of secret in buf with '*': a password must
 * never reach a message, whatever libpq or the server chose to echo. */
static void scrub(char *buf, const char *secret)
{
	size_t sl;
	char *p;

	if (!secret || !*secret)
		return;
	sl = strlen(secret);
	while ((p = strstr(buf, secret)) != NULL)
		memset(p, '*', sl);
}

static void err_clear(db_err *err)
{
	if (!err)
		return;
	err->kind = DB_OK;
	err->sqlstate[0] = '\0';
	err->message[0] = '\0';
	err->detail[0] = '\0';
}

void db_err_set(db_err *err, db_err_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err_clear(err);
	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

/* The server only says why a login failed in words (there is no SQLSTATE
 * on a failed connection in libpq), so classify on its English text. Both
 * an unknown user and a bad password read "password authentication
 * failed": we keep them indistinguishable on purpose. */
void db_err_from_conn(db_err *err, const PGconn *pg)
{
	const char *m = pg ? PQerrorMessage(pg) : "";

	if (!err)
		return;
	if (!pg) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return;
	}
	if (strstr(m, "is not permitted to log in")) {
		db_err_set(err, DB_ERR_DISABLED, "%s",
			   _("This account is disabled. Ask the administrator."));
	} else if (strstr(m, "password authentication failed") ||
		   strstr(m, "Peer authentication failed") ||
		   strstr(m, "peer authentication failed") ||
		   strstr(m, "no password supplied") ||
		   strstr(m, "authentication failed") ||
		   (strstr(m, "role \"") && strstr(m, "does not exist"))) {
		db_err_set(err, DB_ERR_AUTH, "%s", _("Wrong user name or password."));
	} else if (strstr(m, "database \"") && strstr(m, "does not exist")) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("The database does not exist."));
		copy_utf8(err->detail, sizeof err->detail, m);
	} else {
		db_err_set(err, DB_ERR_CONNECT, "%s",
			   _("The database server cannot be reached."));
		copy_utf8(err->detail, sizeof err->detail, m);
	}
}

void db_err_from_result(db_err *err, const PGresult *res)
{
	const char *state, *primary, *detail, *hint;

	if (!err)
		return;
	err_clear(err);
	if (!res) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return;
	}
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);

	err->kind = DB_ERR_SQL;
	if (state) {
		copy_utf8(err->sqlstate, sizeof err->sqlstate, state);
		if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0)
			err->kind = DB_ERR_LOST;
		else if (strcmp(state, "28P01") == 0 || strcmp(state, "28000") == 0)
			err->kind = DB_ERR_AUTH;
	}
	/* Our own functions raise fixed English texts that have a translation
	 * (db/staff.c lists them); PostgreSQL's own come back unchanged. The
	 * rules raised in Chinese get an English sentence first under an
	 * English UI (errtext.c). */
	if (primary)
		db_errtext_compose(err->message, sizeof err->message, err->sqlstate,
				   *primary ? _(primary) : primary);
	else
		copy_utf8(err->message, sizeof err->message, PQresultErrorMessage(res));
	if (!err->message[0])
		copy_utf8(err->message, sizeof err->message,
			  PQresStatus(PQresultStatus(res)));
	if (detail && hint)
		snprintf(err->detail, sizeof err->detail, "%s\n%s", detail, hint);
	else if (detail || hint)
		copy_utf8(err->detail, sizeof err->detail, detail ? detail : hint);
}

/* Keep the last notice in the connection: nothing may write to stderr
 * under curses. */
static void notice_processor(void *arg, const char *message)
{
	db_conn *c = arg;

	copy_utf8(c->notice, sizeof c->notice, message);
}

db_conn *db_connect(const db_params *p, db_err *err)
{
	const char *keys[10], *vals[10];
	int n = 0;
	db_conn *c;

	err_clear(err);
	/* dbname first: when it is a conninfo string, the explicit fields
	 * after it win over what it says. */
	if (p && p->dbname && *p->dbname) {
		keys[n] = "dbname"; vals[n++] = p->dbname;
	}
	if (p && p->host && *p->host) {
		keys[n] = "host"; vals[n++] = p->host;
	}
	if (p && p->port && *p->port) {
		keys[n] = "port"; vals[n++] = p->port;
	}
	if (p && p->user && *p->user) {
		keys[n] = "user"; vals[n++] = p->user;
	}
	if (p && p->password && *p->password) {
		keys[n] = "password"; vals[n++] = p->password;
	}
	keys[n] = "client_encoding"; vals[n++] = "UTF8";
	keys[n] = "application_name"; vals[n++] = "jiuzhu";
	keys[n] = "connect_timeout"; vals[n++] = "5";
	keys[n] = NULL; vals[n] = NULL;

	c = calloc(1, sizeof *c);
	if (!c) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return NULL;
	}
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		db_err_from_conn(err, c->pg);
		if (err && p) {
			scrub(err->message, p->password);
			scrub(err->detail, p->password);
		}
		PQfinish(c->pg);
		free(c);
		return NULL;
	}
	PQsetNoticeProcessor(c->pg, notice_processor, c);
	return c;
}

void db_close(db_conn *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
}

bool db_ok(const db_conn *c)
{
	return c && c->pg && PQstatus(c->pg) == CONNECTION_OK;
}

bool db_reset(db_conn *c)
{
	if (!c || !c->pg)
		return false;
	PQreset(c->pg);   /* keeps the notice processor */
	return PQstatus(c->pg) == CONNECTION_OK;
}

const char *db_user(const db_conn *c)
{
	return c && c->pg ? PQuser(c->pg) : "";
}

PGconn *db_pg(db_conn *c)
{
	return c ? c->pg : NULL;
}

const char *db_last_notice(const db_conn *c)
{
	return c ? c->notice : "";
}

void db_clear_notice(db_conn *c)
{
	if (c)
		c->notice[0] = '\0';
}

/* Accept COMMAND_OK and TUPLES_OK; anything else fills err and is freed. */
PGresult *db_check(db_conn *c, PGresult *res, db_err *err)
{
	ExecStatusType st;

	if (!res) {
		if (c && c->pg && PQstatus(c->pg) == CONNECTION_BAD)
			db_err_set(err, DB_ERR_LOST, "%s",
				   _("The connection to the database was lost."));
		else
			db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return NULL;
	}
	st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		err_clear(err);
		return res;
	}
	db_err_from_result(err, res);
	if (c && c->pg && PQstatus(c->pg) == CONNECTION_BAD && err)
		err->kind = DB_ERR_LOST;
	PQclear(res);
	return NULL;
}

static PGresult *exec_once(db_conn *c, const char *sql, int nparams,
			   const char *const *params, db_err *err)
{
	return db_check(c, PQexecParams(c->pg, sql, nparams, NULL, params,
					NULL, NULL, 0), err);
}

static PGresult *exec(db_conn *c, const char *sql, int nparams,
		      const char *const *params, bool retry_safe, db_err *err)
{
	PGresult *res;
	bool was_bad;

	if (!c || !c->pg) {
		db_err_set(err, DB_ERR_LOST, "%s", _("Not connected to the database."));
		return NULL;
	}
	c->notice[0] = '\0';
	/* Already known dead (a previous call lost it): nothing was sent, so
	 * reconnecting and running is always safe. */
	if (PQstatus(c->pg) == CONNECTION_BAD && !db_reset(c)) {
		db_err_set(err, DB_ERR_LOST, "%s",
			   _("The database cannot be reached; still trying."));
		return NULL;
	}
	res = exec_once(c, sql, nparams, params, err);
	if (res)
		return res;
	was_bad = PQstatus(c->pg) == CONNECTION_BAD;
	if (!was_bad)
		return NULL;
	/* Lost mid-statement: we do not know whether it ran. Reset once; run
	 * again only when running twice cannot hurt. */
	if (!db_reset(c)) {
		db_err_set(err, DB_ERR_LOST, "%s",
			   _("The connection to the database was lost; still trying."));
		return NULL;
	}
	if (!retry_safe) {
		db_err_set(err, DB_ERR_LOST, "%s",
			   _("The connection to the database was lost and is back; "
			     "the last action may not have been saved."));
		return NULL;
	}
	res = exec_once(c, sql, nparams, params, err);
	if (!res && err && err->kind == DB_ERR_SQL)
		return NULL;
	if (!res && err)
		err->kind = DB_ERR_LOST;
	return res;
}

PGresult *db_exec(db_conn *c, const char *sql, int nparams,
		  const char *const *params, db_err *err)
{
	return exec(c, sql, nparams, params, false, err);
}

PGresult *db_exec_retry(db_conn *c, const char *sql, int nparams,
			const char *const *params, db_err *err)
{
	return exec(c, sql, nparams, params, true, err);
}

bool db_run(db_conn *c, const char *sql, int nparams,
	    const char *const *params, db_err *err)
{
	PGresult *res = db_exec(c, sql, nparams, params, err);

	PQclear(res);
	return res != NULL;
}

bool db_fetch_rows(db_conn *c, bool retry, const char *sql, int nparams,
		   const char *const *params, size_t elem_size, db_row_fill fill,
		   void *ctx, void **rows, size_t *n, db_err *err)
{
	PGresult *res;
	int nt;
	char *v = NULL;

	*rows = NULL;
	*n = 0;
	res = exec(c, sql, nparams, params, retry, err);
	if (!res)
		return false;
	nt = PQntuples(res);
	if (nt > 0) {
		/* calloc: fill functions may leave fields at zero */
		v = calloc((size_t)nt, elem_size);
		if (!v) {
			PQclear(res);
			db_err_set(err, DB_ERR_OTHER, "out of memory");
			return false;
		}
		for (int i = 0; i < nt; i++)
			fill(v + (size_t)i * elem_size, res, i, ctx);
	}
	PQclear(res);
	*rows = v;
	*n = (size_t)nt;
	return true;
}

bool db_fetch_rows_nonnull(db_conn *c, bool retry, const char *sql, int nparams,
			   const char *const *params, size_t elem_size, db_row_fill fill,
			   void *ctx, void **rows, size_t *n, db_err *err)
{
	if (!db_fetch_rows(c, retry, sql, nparams, params, elem_size, fill, ctx, rows, n, err))
		return false;
	if (!*rows && !(*rows = calloc(1, elem_size))) {
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		return false;
	}
	return true;
}

bool db_script(db_conn *c, const char *sql, db_err *err)
{
	PGresult *res;

	if (!c || !c->pg) {
		db_err_set(err, DB_ERR_LOST, "%s", _("Not connected to the database."));
		return false;
	}
	c->notice[0] = '\0';
	/* PQexec: the only way to run several statements in one go; used for
	 * our embedded migration text, never for anything typed. */
	res = db_check(c, PQexec(c->pg, sql), err);

	PQclear(res);
	return res != NULL;
}
