/* volunteer_fill.c - fill the week: read the inputs (one query each), run
 * forms/schedule, write an accepted proposal in one transaction. Areas are
 * text in the database (a building named in addresses) and small integers
 * for the scheduler: every distinct text gets a number, 0 is "none". */
#include "volunteer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_fill {
	char monday[11];
	db_fill_rec *recs;
	size_t nrecs;
	db_fill_vol *vols;
	size_t nvols;
	struct sched_recipient *srec;
	struct sched_volunteer *svol;
	int *areas;                  /* every volunteer's area codes, in one block */
	struct sched_window *windows;
	size_t nwindows;
	struct sched_booking *bookings;
	size_t nbookings;
	char (*names)[64];           /* area texts; code = index + 1 */
	size_t nnames;
	struct sched *s;
};

static int area_code(db_fill *f, const char *text, bool add)
{
	if (!text[0])
		return 0;
	for (size_t i = 0; i < f->nnames; i++)
		if (strcmp(f->names[i], text) == 0)
			return (int)i + 1;
	if (!add)
		return 0;
	snprintf(f->names[f->nnames], sizeof f->names[0], "%s", text);
	return (int)++f->nnames;
}

void db_fill_destroy(db_fill *f)
{
	if (!f)
		return;
	free(f->recs);
	free(f->vols);
	free(f->srec);
	free(f->svol);
	free(f->areas);
	free(f->windows);
	free(f->bookings);
	free(f->names);
	sched_destroy(f->s);
	free(f);
}

static bool oom(db_err *err)
{
	db_err_set(err, DB_ERR_OTHER, "out of memory");
	return false;
}

static bool load_volunteers(db_conn *c, db_fill *f, db_err *err)
{
	const char *p[1] = { f->monday };
	PGresult *r = db_exec(c,
		"SELECT v.id, pe.name, v.any_area, v.max_minutes_week, "
		" coalesce((SELECT sum(extract(epoch from upper(x.slot) - lower(x.slot)) / 60)::int "
		"   FROM jz.visits x WHERE x.volunteer_id = v.id AND x.status IN ('planned', 'done') "
		"    AND x.slot && tstzrange(jz.office_at($1::date, 0), jz.office_at($1::date + 7, 0))), 0), "
		" v.areas "
		"FROM jz.volunteers v JOIN jz.persons pe ON pe.id = v.person_id "
		"WHERE v.active ORDER BY v.id", 1, p, err);
	if (!r)
		return false;
	int rows = PQntuples(r);
	size_t total = 0;
	for (int i = 0; i < rows; i++)
		total += (size_t)PQgetlength(r, i, 5);   /* bounds the number of areas */
	f->vols = calloc((size_t)rows + 1, sizeof *f->vols);
	f->svol = calloc((size_t)rows + 1, sizeof *f->svol);
	f->areas = calloc(total + 1, sizeof *f->areas);
	f->names = calloc(total + 1, sizeof *f->names);
	if (!f->vols || !f->svol || !f->areas || !f->names) {
		PQclear(r);
		return oom(err);
	}
	size_t na = 0;
	for (int i = 0; i < rows; i++) {
		f->vols[i].id = atoll(PQgetvalue(r, i, 0));
		snprintf(f->vols[i].name, sizeof f->vols[i].name, "%s", PQgetvalue(r, i, 1));
		struct sched_volunteer *v = &f->svol[i];
		v->id = (long)f->vols[i].id;
		v->any_area = strcmp(PQgetvalue(r, i, 2), "t") == 0;
		v->max_minutes = atoi(PQgetvalue(r, i, 3));
		v->booked_minutes = atoi(PQgetvalue(r, i, 4));
		v->areas = f->areas + na;
		/* a text[] literal: {a,b,"c d"}; area names hold no quotes or commas */
		const char *s = PQgetvalue(r, i, 5);
		char item[64];
		size_t k = 0;
		for (s = s[0] == '{' ? s + 1 : s; *s; s++) {
			if (*s == ',' || *s == '}') {
				item[k] = '\0';
				if (k)
					f->areas[na++] = area_code(f, item, true), v->n_areas++;
				k = 0;
			} else if (*s != '"' && k + 1 < sizeof item) {
				item[k++] = *s;
			}
		}
	}
	f->nvols = (size_t)rows;
	PQclear(r);
	return true;
}

static bool load_windows(db_conn *c, db_fill *f, db_err *err)
{
	PGresult *r = db_exec(c,
		"SELECT a.volunteer_id, a.weekday, a.start_min, a.end_min "
		"FROM jz.volunteer_availability a JOIN jz.volunteers v ON v.id = a.volunteer_id "
		"WHERE v.active ORDER BY a.volunteer_id, a.weekday, a.start_min", 0, NULL, err);
	if (!r)
		return false;
	int rows = PQntuples(r);
	f->windows = calloc((size_t)rows + 1, sizeof *f->windows);
	if (!f->windows) {
		PQclear(r);
		return oom(err);
	}
	/* rows come by volunteer id, as the volunteers do */
	size_t vi = 0;
	for (int i = 0; i < rows; i++) {
		long id = atol(PQgetvalue(r, i, 0));
		while (vi < f->nvols && f->svol[vi].id < id)
			vi++;
		if (vi == f->nvols || f->svol[vi].id != id)
			continue;
		struct sched_window *w = &f->windows[f->nwindows++];
		w->day = atoi(PQgetvalue(r, i, 1));
		w->start = atoi(PQgetvalue(r, i, 2));
		w->end = atoi(PQgetvalue(r, i, 3));
		if (!f->svol[vi].windows)
			f->svol[vi].windows = w;
		f->svol[vi].n_windows++;
	}
	PQclear(r);
	return true;
}

static bool load_bookings(db_conn *c, db_fill *f, db_err *err)
{
	const char *p[1] = { f->monday };
	PGresult *r = db_exec(c,
		"SELECT x.volunteer_id, "
		" extract(isodow from lower(x.slot) at time zone jz.office_tz())::int - 1, "
		" extract(hour from lower(x.slot) at time zone jz.office_tz())::int * 60 "
		"  + extract(minute from lower(x.slot) at time zone jz.office_tz())::int, "
		" least(1440, extract(hour from lower(x.slot) at time zone jz.office_tz())::int * 60 "
		"  + extract(minute from lower(x.slot) at time zone jz.office_tz())::int "
		"  + extract(epoch from upper(x.slot) - lower(x.slot))::int / 60) "
		"FROM jz.visits x WHERE x.status IN ('planned', 'done') "
		" AND x.slot && tstzrange(jz.office_at($1::date, 0), jz.office_at($1::date + 7, 0))",
		1, p, err);
	if (!r)
		return false;
	int rows = PQntuples(r);
	f->bookings = calloc((size_t)rows + 1, sizeof *f->bookings);
	if (!f->bookings) {
		PQclear(r);
		return oom(err);
	}
	for (int i = 0; i < rows; i++) {
		struct sched_booking *b = &f->bookings[i];
		b->volunteer = atol(PQgetvalue(r, i, 0));
		b->day = atoi(PQgetvalue(r, i, 1));
		b->start = atoi(PQgetvalue(r, i, 2));
		b->end = atoi(PQgetvalue(r, i, 3));
	}
	f->nbookings = (size_t)rows;
	PQclear(r);
	return true;
}

static bool load_recipients(db_conn *c, db_fill *f, int today_day, db_err *err)
{
	const char *p[1] = { f->monday };
	PGresult *r = db_exec(c,
		"SELECT recipient_id, name, coalesce(area, ''), needed, booked, "
		" coalesce(usual_volunteer, -1), visited_days FROM jz.visit_needs($1::date)", 1, p, err);
	if (!r)
		return false;
	int rows = PQntuples(r);
	f->recs = calloc((size_t)rows + 1, sizeof *f->recs);
	f->srec = calloc((size_t)rows + 1, sizeof *f->srec);
	if (!f->recs || !f->srec) {
		PQclear(r);
		return oom(err);
	}
	unsigned past = today_day > 0 ? (1u << (today_day > 7 ? 7 : today_day)) - 1u : 0u;
	for (int i = 0; i < rows; i++) {
		db_fill_rec *d = &f->recs[i];
		d->id = atoll(PQgetvalue(r, i, 0));
		snprintf(d->name, sizeof d->name, "%s", PQgetvalue(r, i, 1));
		snprintf(d->area, sizeof d->area, "%s", PQgetvalue(r, i, 2));
		d->needed = atoi(PQgetvalue(r, i, 3));
		d->booked = atoi(PQgetvalue(r, i, 4));
		struct sched_recipient *s = &f->srec[i];
		s->id = (long)d->id;
		s->need = d->needed - d->booked;
		s->area = area_code(f, d->area, false);
		s->usual_volunteer = atol(PQgetvalue(r, i, 5));
		s->visited_days = (unsigned)atoi(PQgetvalue(r, i, 6)) | past;
	}
	f->nrecs = (size_t)rows;
	PQclear(r);
	return true;
}

db_fill *db_fill_create(db_conn *c, const char *monday, int today_day, db_err *err)
{
	db_fill *f = calloc(1, sizeof *f);
	int minutes = 60;

	if (!f) {
		oom(err);
		return NULL;
	}
	snprintf(f->monday, sizeof f->monday, "%s", monday);
	const char *p[1] = { monday };
	PGresult *r = db_exec(c, "SELECT coalesce((jz.policy_value('home_visit_minutes', $1::date)).value, 60)",
			      1, p, err);
	if (!r)
		goto fail;
	minutes = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (!load_volunteers(c, f, err) || !load_windows(c, f, err) ||
	    !load_bookings(c, f, err) || !load_recipients(c, f, today_day, err))
		goto fail;
	f->s = sched_create();
	if (!f->s) {
		oom(err);
		goto fail;
	}
	struct sched_input in = {
		.recipients = f->srec, .n_recipients = f->nrecs,
		.volunteers = f->svol, .n_volunteers = f->nvols,
		.bookings = f->bookings, .n_bookings = f->nbookings,
		.visit_minutes = minutes > 0 ? minutes : 60,
	};
	if (sched_fill(f->s, &in) != 0) {
		db_err_set(err, DB_ERR_OTHER, "fill: %s", strerror(errno));
		goto fail;
	}
	return f;
fail:
	db_fill_destroy(f);
	return NULL;
}

const db_fill_rec *db_fill_recipients(const db_fill *f, size_t *n)
{
	*n = f->nrecs;
	return f->recs;
}

const db_fill_vol *db_fill_volunteers(const db_fill *f, size_t *n)
{
	*n = f->nvols;
	return f->vols;
}

const struct sched_proposal *db_fill_proposals(const db_fill *f, size_t *n)
{
	return sched_proposals(f->s, n);
}

const struct sched_gap *db_fill_gaps(const db_fill *f, size_t *n)
{
	return sched_gaps(f->s, n);
}

int db_fill_demand(const db_fill *f)
{
	return sched_demand(f->s);
}

int db_fill_covered(const db_fill *f)
{
	return sched_covered(f->s);
}

bool db_fill_accept(db_conn *c, const db_fill *f, db_err *err)
{
	size_t np = 0, ng = 0;
	const struct sched_proposal *pr = sched_proposals(f->s, &np);
	const struct sched_gap *g = sched_gaps(f->s, &ng);
	char a[24], b[24], d[8], s[8], e[8];

	if (!db_run(c, "BEGIN", 0, NULL, err))
		return false;
	for (size_t i = 0; i < np; i++) {
		snprintf(a, sizeof a, "%ld", pr[i].recipient_id);
		snprintf(b, sizeof b, "%ld", pr[i].volunteer_id);
		snprintf(d, sizeof d, "%d", pr[i].day);
		snprintf(s, sizeof s, "%d", pr[i].start);
		snprintf(e, sizeof e, "%d", pr[i].end);
		const char *p[6] = { a, b, f->monday, d, s, e };
		if (!db_run(c, "INSERT INTO jz.visits (recipient_id, volunteer_id, slot) VALUES ($1::bigint, "
			       "$2::bigint, tstzrange(jz.office_at($3::date + $4::int, $5::int), "
			       "jz.office_at($3::date + $4::int, $6::int)))", 6, p, err))
			goto fail;
	}
	/* the reasons of this fill replace the last ones of the week */
	for (size_t i = 0; i < f->nrecs; i++) {
		snprintf(a, sizeof a, "%lld", f->recs[i].id);
		const char *p[2] = { f->monday, a };
		if (!db_run(c, "DELETE FROM jz.visit_gaps WHERE week_start = $1::date AND recipient_id = $2::bigint",
			    2, p, err))
			goto fail;
	}
	for (size_t i = 0; i < ng; i++) {
		snprintf(a, sizeof a, "%ld", g[i].recipient_id);
		snprintf(b, sizeof b, "%d", g[i].missing);
		const char *p[4] = { f->monday, a, b, db_gap_reason_code(g[i].reason) };
		if (!db_run(c, "INSERT INTO jz.visit_gaps (community_id, week_start, recipient_id, missing, reason) "
			       "SELECT community_id, $1::date, id, $3::int, $4 FROM jz.persons WHERE id = $2::bigint",
			    4, p, err))
			goto fail;
	}
	if (!db_run(c, "COMMIT", 0, NULL, err))
		goto fail;
	return true;
fail:
	{
		db_err e2;
		db_run(c, "ROLLBACK", 0, NULL, &e2);
	}
	return false;
}
