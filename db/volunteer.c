/* volunteer.c - volunteers, visits and the week's fill on libpq. */
#include "volunteer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void copy(char *dst, size_t len, const PGresult *r, int row, int col)
{
	snprintf(dst, len, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

static int geti(const PGresult *r, int row, int col, int dflt)
{
	return PQgetisnull(r, row, col) ? dflt : atoi(PQgetvalue(r, row, col));
}

static long long getll(const PGresult *r, int row, int col, long long dflt)
{
	return PQgetisnull(r, row, col) ? dflt : atoll(PQgetvalue(r, row, col));
}

bool db_week_monday(db_conn *c, const char *day, char monday[11], db_err *err)
{
	const char *p[1] = { day };
	PGresult *r = db_exec(c, "SELECT date_trunc('week', coalesce($1::date, "
			      "(now() at time zone jz.office_tz())::date))::date", 1, p, err);
	if (!r)
		return false;
	snprintf(monday, 11, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}

static void fill_cover(void *row, const PGresult *r, int i, void *ctx)
{
	db_cover_row *v = row;

	(void)ctx;
	v->recipient_id = getll(r, i, 0, 0);
	copy(v->name, sizeof v->name, r, i, 1);
	copy(v->address, sizeof v->address, r, i, 2);
	v->needed = geti(r, i, 3, 0);
	v->booked = geti(r, i, 4, 0);
	v->missed = geti(r, i, 5, 0);
	v->shortfall = geti(r, i, 6, 0);
	copy(v->reason, sizeof v->reason, r, i, 7);
}

bool db_coverage(db_conn *c, const char *monday, db_cover_row **out, size_t *n, db_err *err)
{
	const char *p[1] = { monday };
	void *v;
	bool good = db_fetch_rows_nonnull(c, false,
		"SELECT recipient_id, name, coalesce(address, ''), needed, booked, "
		"missed, shortfall, coalesce(reason, '') FROM jz.visit_coverage($1::date)",
		1, p, sizeof **out, fill_cover, NULL, &v, n, err);

	*out = v;
	return good;
}

bool db_coverage_totals(db_conn *c, const char *monday, int *needed, int *booked, db_err *err)
{
	const char *p[1] = { monday };
	PGresult *r = db_exec(c, "SELECT coalesce(sum(needed), 0), coalesce(sum(least(booked, needed)), 0) "
			      "FROM jz.visit_needs($1::date)", 1, p, err);
	if (!r)
		return false;
	*needed = geti(r, 0, 0, 0);
	*booked = geti(r, 0, 1, 0);
	PQclear(r);
	return true;
}

static const char *const reason_codes[] = {
	[SCHED_REASON_NONE] = "",
	[SCHED_REASON_NO_SKILL] = "no_skill",
	[SCHED_REASON_NO_AREA] = "no_area",
	[SCHED_REASON_DAYS_USED] = "days_used",
	[SCHED_REASON_NO_FREE] = "no_free",
	[SCHED_REASON_HOURS] = "hours",
	[SCHED_REASON_TAKEN] = "taken",
};

const char *db_gap_reason_code(enum sched_reason r)
{
	if ((size_t)r >= sizeof reason_codes / sizeof reason_codes[0])
		return "";
	return reason_codes[r];
}

const char *db_gap_reason_text(const char *code)
{
	if (!code || !code[0])
		return "";
	for (size_t i = 1; i < sizeof reason_codes / sizeof reason_codes[0]; i++)
		if (strcmp(code, reason_codes[i]) == 0)
			return sched_reason_text((enum sched_reason)i);
	return code;
}

/* Visits ------------------------------------------------------------------ */

static void fill_visit(void *row, const PGresult *r, int i, void *ctx)
{
	db_visit *v = row;

	(void)ctx;
	v->id = getll(r, i, 0, 0);
	v->recipient_id = getll(r, i, 1, 0);
	v->volunteer_id = getll(r, i, 2, 0);
	copy(v->recipient, sizeof v->recipient, r, i, 3);
	copy(v->volunteer, sizeof v->volunteer, r, i, 4);
	v->day = geti(r, i, 5, 0);
	v->start = geti(r, i, 6, 0);
	v->end = v->start + geti(r, i, 7, 0);
	copy(v->status, sizeof v->status, r, i, 8);
	v->actual_minutes = geti(r, i, 9, -1);
	v->version = geti(r, i, 10, 0);
	v->started = strcmp(PQgetvalue(r, i, 11), "t") == 0;
}

bool db_visits_week(db_conn *c, const char *monday, long long volunteer_id,
		    long long recipient_id, db_visit **out, size_t *n, db_err *err)
{
	char vb[24], rb[24];
	snprintf(vb, sizeof vb, "%lld", volunteer_id);
	snprintf(rb, sizeof rb, "%lld", recipient_id);
	const char *p[3] = { monday, vb, rb };
	void *v;
	bool good = db_fetch_rows_nonnull(c, false,
		"SELECT v.id, v.recipient_id, v.volunteer_id, rp.name, vp.name, "
		" extract(isodow from lower(v.slot) at time zone jz.office_tz())::int - 1, "
		" extract(hour from lower(v.slot) at time zone jz.office_tz())::int * 60 "
		"  + extract(minute from lower(v.slot) at time zone jz.office_tz())::int, "
		" extract(epoch from upper(v.slot) - lower(v.slot))::int / 60, "
		" v.status, v.actual_minutes, v.version, lower(v.slot) <= now() "
		"FROM jz.visits v JOIN jz.persons rp ON rp.id = v.recipient_id "
		"JOIN jz.volunteers vo ON vo.id = v.volunteer_id JOIN jz.persons vp ON vp.id = vo.person_id "
		"WHERE v.status <> 'cancelled' "
		"  AND v.slot && tstzrange(jz.office_at($1::date, 0), jz.office_at($1::date + 7, 0)) "
		"  AND ($2::bigint = 0 OR v.volunteer_id = $2::bigint) "
		"  AND ($3::bigint = 0 OR v.recipient_id = $3::bigint) "
		"ORDER BY lower(v.slot), v.id", 3, p, sizeof **out, fill_visit, NULL, &v, n, err);

	*out = v;
	return good;
}

bool db_visit_book(db_conn *c, long long recipient_id, long long volunteer_id,
		   const char *monday, int day, int start, int end, db_err *err)
{
	char rb[24], vb[24], db_[8], sb[8], eb[8];
	snprintf(rb, sizeof rb, "%lld", recipient_id);
	snprintf(vb, sizeof vb, "%lld", volunteer_id);
	snprintf(db_, sizeof db_, "%d", day);
	snprintf(sb, sizeof sb, "%d", start);
	snprintf(eb, sizeof eb, "%d", end);
	const char *p[6] = { rb, vb, monday, db_, sb, eb };
	/* volunteer 0: the first one free then who goes to the recipient's
	 * area; the trigger checks the hours and availability again */
	bool good = db_run(c,
		"WITH s AS (SELECT tstzrange(jz.office_at($3::date + $4::int, $5::int), "
		"                            jz.office_at($3::date + $4::int, $6::int)) AS slot), "
		"n AS (SELECT * FROM jz.visit_needs($3::date) WHERE recipient_id = $1::bigint) "
		"INSERT INTO jz.visits (recipient_id, volunteer_id, slot) "
		"SELECT $1::bigint, coalesce(nullif($2::bigint, 0), ("
		"  SELECT vo.id FROM jz.volunteers vo, s "
		"   WHERE vo.active AND EXISTS (SELECT 1 FROM jz.volunteer_availability a "
		"         WHERE a.volunteer_id = vo.id AND a.weekday = $4::int "
		"           AND a.start_min <= $5::int AND a.end_min >= $6::int) "
		"     AND NOT EXISTS (SELECT 1 FROM jz.visits x WHERE x.volunteer_id = vo.id "
		"         AND x.status IN ('planned', 'done') AND x.slot && s.slot) "
		"     AND (vo.any_area OR EXISTS (SELECT 1 FROM n WHERE n.area = ANY (vo.areas) "
		"          OR n.usual_volunteer = vo.id)) "
		"   ORDER BY (SELECT n.usual_volunteer FROM n) IS DISTINCT FROM vo.id, vo.id LIMIT 1)), s.slot "
		"FROM s", 6, p, err);
	/* nobody was picked: the trigger's words name one volunteer's hours
	 * ("志愿者在 … 不在可服务时间内"), which reads as if a given one were busy */
	if (!good && volunteer_id == 0 && err
	    && (strcmp(err->sqlstate, "JZ030") == 0 || strcmp(err->sqlstate, "23502") == 0)) {
		char state[sizeof err->sqlstate];
		snprintf(state, sizeof state, "%s", err->sqlstate);
		db_err_set(err, DB_ERR_SQL, "%s",
			   _("No volunteer is free at that time for this recipient's area: choose another time."));
		snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
	}
	return good;
}

bool db_visit_move(db_conn *c, long long id, int version, const char *monday, int day,
		   int start, int end, db_err *err)
{
	char ib[24], vb[16], db_[8], sb[8], eb[8];
	snprintf(ib, sizeof ib, "%lld", id);
	snprintf(vb, sizeof vb, "%d", version);
	snprintf(db_, sizeof db_, "%d", day);
	snprintf(sb, sizeof sb, "%d", start);
	snprintf(eb, sizeof eb, "%d", end);
	const char *p[6] = { ib, vb, monday, db_, sb, eb };
	PGresult *r = db_exec(c,
		"UPDATE jz.visits SET slot = tstzrange(jz.office_at($3::date + $4::int, $5::int), "
		"                                      jz.office_at($3::date + $4::int, $6::int)) "
		"WHERE id = $1::bigint AND version = $2::int AND status = 'planned'", 6, p, err);
	if (!r)
		return false;
	bool one = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (!one)
		db_err_set(err, DB_ERR_SQL, "%s",
			   _("The visit was changed by someone else meanwhile or is no longer planned."));
	return one;
}

bool db_visit_set_status(db_conn *c, long long id, int version, const char *status,
			 int minutes, const char *note, db_err *err)
{
	char ib[24], vb[16], mb[16];
	snprintf(ib, sizeof ib, "%lld", id);
	snprintf(vb, sizeof vb, "%d", version);
	snprintf(mb, sizeof mb, "%d", minutes);
	const char *p[5] = { ib, vb, status, strcmp(status, "done") == 0 ? mb : NULL,
			     note && note[0] ? note : NULL };
	PGresult *r = db_exec(c,
		"UPDATE jz.visits SET status = $3, actual_minutes = $4::int, "
		"  note = coalesce($5, note) "
		"WHERE id = $1::bigint AND version = $2::int", 5, p, err);
	if (!r)
		return false;
	bool one = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (!one)
		db_err_set(err, DB_ERR_SQL, "%s",
			   _("The visit was changed by someone else meanwhile; it is shown as it is now."));
	return one;
}

/* Volunteers and hours ------------------------------------------------------ */

static void fill_volunteer(void *row, const PGresult *r, int i, void *ctx)
{
	db_volunteer_row *v = row;

	(void)ctx;
	v->id = getll(r, i, 0, 0);
	copy(v->name, sizeof v->name, r, i, 1);
	copy(v->phone, sizeof v->phone, r, i, 2);
	copy(v->areas, sizeof v->areas, r, i, 3);
	v->max_minutes = geti(r, i, 4, 0);
	v->week_done = geti(r, i, 5, 0);
	v->week_planned = geti(r, i, 6, 0);
	v->year_done = geti(r, i, 7, 0);
	v->active = strcmp(PQgetvalue(r, i, 8), "t") == 0;
}

bool db_volunteers(db_conn *c, const char *monday, db_volunteer_row **out, size_t *n, db_err *err)
{
	const char *p[1] = { monday };
	void *v;
	bool good = db_fetch_rows_nonnull(c, false,
		"SELECT v.id, p.name, coalesce(v.phone, ''), array_to_string(v.areas, ' '), "
		" v.max_minutes_week, coalesce(w.minutes, 0), coalesce(w.planned_minutes, 0), "
		" coalesce(y.minutes, 0), v.active "
		"FROM jz.volunteers v JOIN jz.persons p ON p.id = v.person_id "
		"LEFT JOIN jz.volunteer_minutes_week w ON w.volunteer_id = v.id AND w.week_start = $1::date "
		"LEFT JOIN (SELECT volunteer_id, sum(minutes) AS minutes FROM jz.volunteer_minutes_year "
		"           WHERE year = extract(year from $1::date) GROUP BY 1) y ON y.volunteer_id = v.id "
		"ORDER BY v.active DESC, p.name, v.id", 1, p, sizeof **out, fill_volunteer, NULL, &v, n, err);

	*out = v;
	return good;
}

bool db_volunteer_targets(db_conn *c, const char *monday, long *week_minutes,
			  long *year_minutes, long *year_done, db_err *err)
{
	const char *p[1] = { monday };
	PGresult *r = db_exec(c,
		"SELECT coalesce((jz.policy_value('target_volunteer_hours_week', $1::date)).value, 600) * 60, "
		" coalesce((jz.policy_value('target_volunteer_hours', $1::date)).value, 31200) * 60, "
		" (SELECT coalesce(sum(minutes), 0) FROM jz.volunteer_minutes_year "
		"   WHERE year = extract(year from $1::date))", 1, p, err);
	if (!r)
		return false;
	*week_minutes = atol(PQgetvalue(r, 0, 0));
	*year_minutes = atol(PQgetvalue(r, 0, 1));
	*year_done = atol(PQgetvalue(r, 0, 2));
	PQclear(r);
	return true;
}
