/* find.c - the receptionist's search (db/find.h), one fixed statement with
 * parameters on jz.find_applications. */
#include "find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy at most len-1 bytes without cutting a UTF-8 sequence. */
static void put(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

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

static void fill(void *row, const PGresult *res, int i, void *ctx)
{
	db_find_row *f = row;
	db_queue_row *r = &f->q;

	(void)ctx;

	memset(f, 0, sizeof *f);
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
	put(f->assigned_name, sizeof f->assigned_name, val(res, i, 13));
	r->version = atoi(val(res, i, 14));
	put(r->key, sizeof r->key, val(res, i, 15));
}

bool db_find_applications(db_conn *c, const char *filter, const char *after_key,
			  int limit, db_find_row **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT * FROM jz.find_applications($1::text, $2::text, $3::int)";
	char lim[16];
	const char *params[3] = { filter ? filter : "", after_key && after_key[0] ? after_key : NULL,
				  lim };
	void *v;
	bool good;

	snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 50);
	good = db_fetch_rows(c, true, sql, 3, params, sizeof **rows, fill, NULL, &v, n, err);
	*rows = v;
	return good;
}
