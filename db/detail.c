/* detail.c - the full record of one application (see detail.h): fixed
 * statements, the application id as the only parameter, members one by one
 * through the audited jz.person_detail(). */
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

/* Run one section's statement and allocate k zeroed elements of size sz;
 * NULL with the section's error filled when it fails. */
static PGresult *section(db_conn *c, const char *sql, const char *id, size_t sz, void **arr, size_t *n,
			 char error[512])
{
	const char *p[1] = { id };
	db_err e;
	PGresult *r;

	memset(&e, 0, sizeof e);
	*arr = NULL;
	*n = 0;
	r = db_exec(c, sql, 1, p, &e);
	if (!r) {
		put(error, 512, e.message);
		return NULL;
	}
	*arr = calloc(PQntuples(r) > 0 ? (size_t)PQntuples(r) : 1, sz);
	if (!*arr) {
		put(error, 512, "out of memory");
		PQclear(r);
		return NULL;
	}
	*n = (size_t)PQntuples(r);
	return r;
}

/* One member's audited read, appended as rows of m (grown by the caller's
 * list; person_detail gives one row, or none outside my communities). */
static void member(db_conn *c, db_detail *d, const char *person_id, const char *relationship)
{
	const char *p[1] = { person_id };
	db_err e;
	PGresult *r;
	int k;
	db_detail_member *v;

	memset(&e, 0, sizeof e);
	r = db_exec(c, "select id_number, name, sex, birth_date::text, age, phone, disability_name, "
		    "disability_grade::text, income_total_fen::text, employment, health "
		    "from jz.person_detail($1::bigint)", 1, p, &e);
	k = r ? PQntuples(r) : 1;
	v = realloc(d->members, (d->n_members + (size_t)k + 1) * sizeof *v);
	if (!v) {
		PQclear(r);
		return;
	}
	d->members = v;
	for (int i = 0; i < k; i++) {
		db_detail_member *m = &d->members[d->n_members++];
		memset(m, 0, sizeof *m);
		m->person_id = strtoll(person_id, NULL, 10);
		put(m->relationship, sizeof m->relationship, relationship);
		if (!r) {
			put(m->error, sizeof m->error, e.message[0] ? e.message : "?");
			continue;
		}
		PUT(m->id_number, r, i, 0);
		PUT(m->name, r, i, 1);
		PUT(m->sex, r, i, 2);
		PUT(m->birth_date, r, i, 3);
		PUT(m->phone, r, i, 5);
		PUT(m->disability, r, i, 6);
		PUT(m->disability_grade, r, i, 7);
		m->income_fen = strtoll(val(r, i, 8), NULL, 10);
		PUT(m->employment, r, i, 9);
		PUT(m->health, r, i, 10);
	}
	PQclear(r);
}

static void members(db_conn *c, db_detail *d)
{
	char hid[24];
	const char *p[1] = { hid };
	db_err e;
	PGresult *r;

	if (!d->household_id)
		return;
	memset(&e, 0, sizeof e);
	snprintf(hid, sizeof hid, "%lld", d->household_id);
	r = db_exec(c, "select m.person_id::text, coalesce(rl.name, m.relationship) "
		    "from jz.household_members m left join jz.relationships rl on rl.code = m.relationship "
		    "where m.household_id = $1::bigint order by m.person_id", 1, p, &e);
	if (!r) {
		put(d->members_error, sizeof d->members_error, e.message);
		return;
	}
	for (int i = 0; i < PQntuples(r); i++)
		member(c, d, val(r, i, 0), val(r, i, 1));
	PQclear(r);
}

bool db_detail_read(db_conn *c, long long application_id, db_detail *out, db_err *err)
{
	char id[24];
	const char *p[1] = { id };
	PGresult *r;
	void *arr;

	db_detail_finish(out);
	snprintf(id, sizeof id, "%lld", application_id);
	r = db_exec(c, "select a.number, s.name, c.name, to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), "
		    "coalesce(a.notify_by::text, ''), a.notify_by_certain, coalesce(a.reason, ''), "
		    "coalesce(a.household_id, 0), coalesce(h.address, ''), coalesce(h.hukou_address, ''), "
		    "a.version, coalesce(a.assigned_to, '') "
		    "from jz.applications a join jz.application_states s on s.code = a.state "
		    "join jz.communities c on c.id = a.community_id "
		    "left join jz.households h on h.id = a.household_id where a.id = $1::bigint", 1, p, err);
	if (!r)
		return false;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return true;
	}
	out->found = true;
	PUT(out->number, r, 0, 0);
	PUT(out->state_name, r, 0, 1);
	PUT(out->community, r, 0, 2);
	PUT(out->submitted, r, 0, 3);
	PUT(out->notify_by, r, 0, 4);
	out->notify_by_certain = strcmp(val(r, 0, 5), "t") == 0;
	PUT(out->reason, r, 0, 6);
	out->household_id = strtoll(val(r, 0, 7), NULL, 10);
	PUT(out->address, r, 0, 8);
	PUT(out->hukou_address, r, 0, 9);
	out->version = atoi(val(r, 0, 10));
	PUT(out->assigned_to, r, 0, 11);
	PQclear(r);

	members(c, out);

	r = section(c, "select k.name, coalesce(p.name, '') from jz.application_categories ac "
		    "join jz.categories k on k.code = ac.category left join jz.persons p on p.id = ac.member_id "
		    "where ac.application_id = $1::bigint order by k.sort",
		    id, sizeof *out->categories, &arr, &out->n_categories, out->categories_error);
	out->categories = arr;
	for (size_t i = 0; r && i < out->n_categories; i++) {
		PUT(out->categories[i].name, r, (int)i, 0);
		PUT(out->categories[i].member, r, (int)i, 1);
	}
	PQclear(r);

	r = section(c, "select d.name, coalesce(p.name, ''), coalesce(f.number, ''), "
		    "coalesce(f.valid_until::text, ''), f.seen, f.checked_by "
		    "from jz.proofs f join jz.doc_kinds d on d.code = f.doc_kind "
		    "left join jz.persons p on p.id = f.person_id "
		    "where f.application_id = $1::bigint order by f.id",
		    id, sizeof *out->proofs, &arr, &out->n_proofs, out->proofs_error);
	out->proofs = arr;
	for (size_t i = 0; r && i < out->n_proofs; i++) {
		db_detail_proof *f = &out->proofs[i];
		PUT(f->doc_kind, r, (int)i, 0);
		PUT(f->person, r, (int)i, 1);
		PUT(f->number, r, (int)i, 2);
		PUT(f->valid_until, r, (int)i, 3);
		f->seen = strcmp(val(r, (int)i, 4), "t") == 0;
		PUT(f->checked_by, r, (int)i, 5);
	}
	PQclear(r);

	r = section(c, "select to_char(e.at, 'YYYY-MM-DD HH24:MI'), f.name, t.name, e.actor, coalesce(e.reason, '') "
		    "from jz.application_events e join jz.application_states f on f.code = e.from_state "
		    "join jz.application_states t on t.code = e.to_state "
		    "where e.application_id = $1::bigint order by e.id",
		    id, sizeof *out->events, &arr, &out->n_events, out->events_error);
	out->events = arr;
	for (size_t i = 0; r && i < out->n_events; i++) {
		db_detail_event *ev = &out->events[i];
		PUT(ev->at, r, (int)i, 0);
		PUT(ev->from_state, r, (int)i, 1);
		PUT(ev->to_state, r, (int)i, 2);
		PUT(ev->actor, r, (int)i, 3);
		PUT(ev->reason, r, (int)i, 4);
	}
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
