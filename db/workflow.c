/* workflow.c - the state machine, taking work and the queues, on the
 * functions of migrations 0030-0034. Every statement is a fixed text with
 * parameters; a queue page is read by keyset on the (clock, id) order an
 * index serves, through jz.queue_page. */
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy at most len-1 bytes without cutting a UTF-8 sequence. */
static void put(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!src)
		src = "";
	n = strlen(src);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *val(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

bool db_wf_transition(db_conn *c, long long application_id, const char *to_state,
		      const char *reason, int version, int *new_version, db_err *err)
{
	static const char sql[] = "SELECT jz.transition($1::bigint, $2, $3, $4::int)";
	char id[24], ver[16];
	const char *params[4] = { id, to_state, reason, ver };
	PGresult *res;

	snprintf(id, sizeof id, "%lld", application_id);
	snprintf(ver, sizeof ver, "%d", version);
	res = db_exec(c, sql, 4, params, err);
	if (!res)
		return false;
	if (new_version)
		*new_version = PQntuples(res) == 1 ? atoi(val(res, 0, 0)) : 0;
	PQclear(res);
	return true;
}

bool db_wf_take_next(db_conn *c, long long *application_id, char number[64], db_err *err)
{
	static const char sql[] = "SELECT application_id, number, version FROM jz.take_next()";
	PGresult *res = db_exec(c, sql, 0, NULL, err);

	if (!res)
		return false;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		db_err_set(err, DB_ERR_OTHER, "take_next returned no row");
		return false;
	}
	if (application_id)
		*application_id = strtoll(val(res, 0, 0), NULL, 10);
	if (number)
		put(number, 64, val(res, 0, 1));
	PQclear(res);
	return true;
}

/* A queue page is read through jz.queue_page (migration 0034): under
 * row-level security the keyset comparison is not leakproof, so a plain
 * SELECT ran it as a filter after the policy and page N read every earlier
 * row; the function applies the same community scope itself (owner, RLS
 * off) so the keyset is an index condition. Columns in fill_row's order;
 * ID numbers come back masked. */
static const char queue_sql[] =
	"SELECT * FROM jz.queue_page($1::text, $2::text, $3::int, $4::text, $5::text,"
	" $6::boolean, $7::int)";

static const char *const queue_kind[] = {
	[DB_QUEUE_STATE] = "state",
	[DB_QUEUE_OVERDUE] = "overdue",
	[DB_QUEUE_DUE_TODAY] = "due_today",
	[DB_QUEUE_MINE] = "mine",
};

static void fill_row(void *row, const PGresult *res, int i, void *ctx)
{
	db_queue_row *r = row;

	(void)ctx;
	memset(r, 0, sizeof *r);
	r->id = strtoll(val(res, i, 0), NULL, 10);
	put(r->number, sizeof r->number, val(res, i, 1));
	put(r->applicant, sizeof r->applicant, val(res, i, 2));
	put(r->id_masked, sizeof r->id_masked, val(res, i, 3));
	put(r->state, sizeof r->state, val(res, i, 4));
	put(r->state_name, sizeof r->state_name, val(res, i, 5));
	put(r->community, sizeof r->community, val(res, i, 6));
	put(r->submitted, sizeof r->submitted, val(res, i, 7));
	put(r->notify_by, sizeof r->notify_by, val(res, i, 8));
	r->notify_by_certain = strcmp(val(res, i, 9), "t") == 0;
	r->days_left = atoi(val(res, i, 10));
	r->overdue = strcmp(val(res, i, 11), "t") == 0;
	put(r->assigned_to, sizeof r->assigned_to, val(res, i, 12));
	r->version = atoi(val(res, i, 13));
	put(r->key, sizeof r->key, val(res, i, 14));
}

bool db_queue_fetch(db_conn *c, const db_queue_query *q, db_queue_row **rows,
		    size_t *n, db_err *err)
{
	char community[16], limit[16];
	const char *params[7];
	const char *filter = q->filter && q->filter[0] ? q->filter : NULL;
	const char *state = q->state && q->state[0] ? q->state : NULL;
	bool back = q->before_key && q->before_key[0] && !(q->after_key && q->after_key[0]);
	void *v;
	bool good;

	*rows = NULL;
	*n = 0;
	if ((unsigned)q->kind >= sizeof queue_kind / sizeof queue_kind[0]) {
		db_err_set(err, DB_ERR_OTHER, "unknown queue kind %d", (int)q->kind);
		return false;
	}
	if (q->kind == DB_QUEUE_STATE && !state) {
		db_err_set(err, DB_ERR_OTHER, "a state queue needs a state");
		return false;
	}
	snprintf(community, sizeof community, "%d", q->community_id > 0 ? q->community_id : 0);
	snprintf(limit, sizeof limit, "%d", q->limit > 0 ? q->limit : 50);
	params[0] = queue_kind[q->kind];
	params[1] = state;
	params[2] = community;
	params[3] = filter;
	params[4] = back ? q->before_key
		  : q->after_key && q->after_key[0] ? q->after_key : NULL;
	params[5] = back ? "true" : "false";
	params[6] = limit;
	good = db_fetch_rows(c, true, queue_sql, 7, params, sizeof **rows, fill_row, NULL, &v, n, err);
	*rows = v;
	return good;
}

bool db_wf_listen(db_conn *c, db_err *err)
{
	return db_run(c, "LISTEN " DB_WF_CHANNEL, 0, NULL, err);
}

int db_wf_poll_notify(db_conn *c)
{
	PGconn *pg = db_pg(c);
	PGnotify *nt;
	int count = 0;

	if (!pg || !PQconsumeInput(pg))
		return 0;
	while ((nt = PQnotifies(pg)) != NULL) {
		if (strcmp(nt->relname, DB_WF_CHANNEL) == 0)
			count++;
		PQfreemem(nt);
	}
	return count;
}

/* Rows of (text key, name) into a malloc'd array of db_wf_choice. */
static bool choices(db_conn *c, const char *sql, db_wf_choice **rows, size_t *n, db_err *err)
{
	PGresult *res = db_exec(c, sql, 0, NULL, err);
	db_wf_choice *v;
	int k;

	*rows = NULL;
	*n = 0;
	if (!res)
		return false;
	k = PQntuples(res);
	v = calloc(k > 0 ? (size_t)k : 1, sizeof *v);
	if (!v) {
		PQclear(res);
		db_err_set(err, DB_ERR_OTHER, "%s", "out of memory");
		return false;
	}
	for (int i = 0; i < k; i++) {
		put(v[i].code, sizeof v[i].code, val(res, i, 0));
		put(v[i].name, sizeof v[i].name, val(res, i, 1));
	}
	PQclear(res);
	*rows = v;
	*n = (size_t)k;
	return true;
}

bool db_wf_states(db_conn *c, db_wf_choice **rows, size_t *n, db_err *err)
{
	return choices(c, "select code, name from jz.application_states order by sort, code", rows, n, err);
}

bool db_wf_communities(db_conn *c, db_wf_choice **rows, size_t *n, db_err *err)
{
	if (choices(c, "select id::text, name from jz.communities"
		    " where id in (select jz.my_community_ids()) order by code", rows, n, err))
		return true;
	/* older schema: every community RLS lets me see */
	return choices(c, "select id::text, name from jz.communities order by code", rows, n, err);
}

bool db_wf_state_of(db_conn *c, long long application_id, char state[24], db_err *err)
{
	char id[24];
	const char *p[1] = { id };
	PGresult *res;

	state[0] = '\0';
	snprintf(id, sizeof id, "%lld", application_id);
	res = db_exec(c, "select state from jz.applications where id = $1::bigint", 1, p, err);
	if (!res)
		return false;
	if (PQntuples(res) == 1)
		put(state, 24, val(res, 0, 0));
	PQclear(res);
	return true;
}
