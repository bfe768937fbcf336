/* detail.c - the full record of one application (see detail.h): one fixed
 * statement on jz.application_detail (0107), the application id as the only
 * parameter; the members come through the audited jz.person_detail() in it. */
#include "detail.h"

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

static const char *val(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

#define PUT(dst, r, i, col) put((dst), sizeof(dst), val((r), (i), (col)))

/* Rows of each part (the function returns them grouped, in display order). */
typedef struct counts {
	size_t members, categories, proofs, events;
} counts;

static void count_parts(const PGresult *r, counts *k)
{
	memset(k, 0, sizeof *k);
	for (int i = 0; i < PQntuples(r); i++) {
		const char *part = val(r, i, 0);
		if (strcmp(part, "member") == 0)
			k->members++;
		else if (strcmp(part, "category") == 0)
			k->categories++;
		else if (strcmp(part, "proof") == 0)
			k->proofs++;
		else if (strcmp(part, "event") == 0)
			k->events++;
	}
}

static bool is_true(const PGresult *r, int i, int col)
{
	return val(r, i, col)[0] == 't';
}

static void fill_application(db_detail *d, const PGresult *r, int i)
{
	d->found = true;
	PUT(d->number, r, i, 1);
	PUT(d->state_name, r, i, 2);
	PUT(d->community, r, i, 3);
	PUT(d->submitted, r, i, 4);
	PUT(d->notify_by, r, i, 5);
	d->notify_by_certain = is_true(r, i, 6);
	PUT(d->reason, r, i, 7);
	d->household_id = strtoll(val(r, i, 8), NULL, 10);
	PUT(d->address, r, i, 9);
	PUT(d->hukou_address, r, i, 10);
	d->version = atoi(val(r, i, 11));
	PUT(d->assigned_to, r, i, 12);
}

static void fill_member(db_detail_member *m, const PGresult *r, int i)
{
	m->person_id = strtoll(val(r, i, 1), NULL, 10);
	PUT(m->relationship, r, i, 2);
	PUT(m->id_number, r, i, 3);
	PUT(m->name, r, i, 4);
	PUT(m->sex, r, i, 5);
	PUT(m->birth_date, r, i, 6);
	PUT(m->phone, r, i, 7);
	PUT(m->disability, r, i, 8);
	PUT(m->disability_grade, r, i, 9);
	m->income_fen = strtoll(val(r, i, 10), NULL, 10);
	PUT(m->employment, r, i, 11);
	PUT(m->health, r, i, 12);
}

static void fill_proof(db_detail_proof *f, const PGresult *r, int i)
{
	PUT(f->doc_kind, r, i, 1);
	PUT(f->person, r, i, 2);
	PUT(f->number, r, i, 3);
	PUT(f->valid_until, r, i, 4);
	f->seen = is_true(r, i, 5);
	PUT(f->checked_by, r, i, 6);
}

static void fill_event(db_detail_event *ev, const PGresult *r, int i)
{
	PUT(ev->at, r, i, 1);
	PUT(ev->from_state, r, i, 2);
	PUT(ev->to_state, r, i, 3);
	PUT(ev->actor, r, i, 4);
	PUT(ev->reason, r, i, 5);
}

bool db_detail_read(db_conn *c, long long application_id, db_detail *out, db_err *err)
{
	char id[24];
	const char *p[1] = { id };
	PGresult *r;
	counts k;
	size_t nm = 0, nc = 0, np = 0, ne = 0;

	db_detail_finish(out);
	snprintf(id, sizeof id, "%lld", application_id);
	/* one request: every section, the members' audited reads included (0107) */
	r = db_exec(c, "select part, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12 "
		    "from jz.application_detail($1::bigint)", 1, p, err);
	if (!r)
		return false;
	count_parts(r, &k);
	out->members = calloc(k.members + 1, sizeof *out->members);
	out->categories = calloc(k.categories + 1, sizeof *out->categories);
	out->proofs = calloc(k.proofs + 1, sizeof *out->proofs);
	out->events = calloc(k.events + 1, sizeof *out->events);
	if (!out->members || !out->categories || !out->proofs || !out->events) {
		PQclear(r);
		db_detail_finish(out);
		memset(err, 0, sizeof *err);
		err->kind = DB_ERR_OTHER;
		snprintf(err->message, sizeof err->message, "out of memory");
		return false;
	}
	for (int i = 0; i < PQntuples(r); i++) {
		const char *part = val(r, i, 0);

		if (strcmp(part, "application") == 0)
			fill_application(out, r, i);
		else if (strcmp(part, "member") == 0)
			fill_member(&out->members[nm++], r, i);
		else if (strcmp(part, "category") == 0) {
			PUT(out->categories[nc].name, r, i, 1);
			PUT(out->categories[nc].member, r, i, 2);
			nc++;
		} else if (strcmp(part, "proof") == 0)
			fill_proof(&out->proofs[np++], r, i);
		else if (strcmp(part, "event") == 0)
			fill_event(&out->events[ne++], r, i);
	}
	out->n_members = nm;
	out->n_categories = nc;
	out->n_proofs = np;
	out->n_events = ne;
	PQclear(r);
	return true;
}

void db_detail_finish(db_detail *d)
{
	if (!d)
		return;
	free(d->members);
	free(d->categories);
	free(d->proofs);
	free(d->events);
	memset(d, 0, sizeof *d);
}
