/* services.c - counselling, training and feedback (migration 0081). */
#include "services.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

/* One bigint result of a one-row statement. */
static bool one_id(db_conn *c, const char *sql, int n, const char *const *p, long long *id, db_err *err)
{
	PGresult *r = db_exec(c, sql, n, p, err);

	if (!r)
		return false;
	if (id)
		*id = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return true;
}

bool db_service_person(db_conn *c, const char *id_number, long long *person_id, char *name, size_t namelen,
		       db_err *err)
{
	const char *p[1] = { id_number };
	PGresult *r = db_exec(c, "SELECT id, name FROM jz.persons WHERE id_number = upper(btrim($1))::char(18)",
			      1, p, err);

	if (!r)
		return false;
	*person_id = 0;
	if (name && namelen)
		name[0] = '\0';
	if (PQntuples(r) == 1) {
		*person_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		if (name)
			copy(name, namelen, PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return true;
}

/* One row changed by an UPDATE of an enrolment, else "not enrolled". */
static bool update_one(db_conn *c, const char *sql, const char *const p[4], const char *none, db_err *err)
{
	PGresult *r = db_exec(c, sql, 4, p, err);
	bool found;

	if (!r)
		return false;
	found = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (!found)
		db_err_set(err, DB_ERR_SQL, "%s", none);
	return found;
}

/* The rows of a list by year ($1), each filled by fill; an array even
 * when there are none. */
static bool year_rows(db_conn *c, const char *sql, int year, size_t size, db_row_fill fill,
		      void **rows, size_t *n, db_err *err)
{
	char y[16];
	const char *p[1] = { y };

	snprintf(y, sizeof y, "%d", year);
	return db_fetch_rows_nonnull(c, false, sql, 1, p, size, fill, NULL, rows, n, err);
}

#define MY_COMMUNITY "coalesce(nullif($1::int, 0), (SELECT min(x) FROM jz.my_community_ids() x))"

bool db_counsel_add(db_conn *c, long long community_id, const char *held_on, const char *counsellor,
		    const char *place, int capacity, const char *topic, long long *id, db_err *err)
{
	char cid[24], cap[16];
	const char *p[6] = { cid, held_on, counsellor, place, cap, topic };

	snprintf(cid, sizeof cid, "%lld", community_id);
	snprintf(cap, sizeof cap, "%d", capacity);
	return one_id(c, "INSERT INTO jz.counselling_activities (community_id, held_on, counsellor, place,"
		      " capacity, topic) VALUES (" MY_COMMUNITY ", $2::date, btrim($3), btrim($4), $5::int, btrim($6))"
		      " RETURNING id", 6, p, id, err);
}

bool db_counsel_enrol(db_conn *c, long long activity_id, long long person_id, db_err *err)
{
	char a[24], pe[24];
	const char *p[2] = { a, pe };

	snprintf(a, sizeof a, "%lld", activity_id);
	snprintf(pe, sizeof pe, "%lld", person_id);
	return db_run(c, "INSERT INTO jz.counselling_participants (activity_id, person_id)"
		      " VALUES ($1::bigint, $2::bigint)", 2, p, err);
}

bool db_counsel_attend(db_conn *c, long long activity_id, long long person_id, bool attended,
		       int satisfaction, db_err *err)
{
	char a[24], pe[24], s[8];
	const char *p[4] = { a, pe, attended ? "t" : "f", satisfaction > 0 ? s : NULL };

	snprintf(a, sizeof a, "%lld", activity_id);
	snprintf(pe, sizeof pe, "%lld", person_id);
	snprintf(s, sizeof s, "%d", satisfaction);
	return update_one(c, "UPDATE jz.counselling_participants SET attended = $3::boolean, satisfaction = $4::smallint"
			  " WHERE activity_id = $1::bigint AND person_id = $2::bigint", p,
			  "not enrolled in this activity", err);
}

static void fill_counsel(void *row, const PGresult *r, int i, void *ctx)
{
	db_counsel_row *v = row;

	(void)ctx;
	v->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
	copy(v->held_on, sizeof v->held_on, PQgetvalue(r, i, 1));
	copy(v->counsellor, sizeof v->counsellor, PQgetvalue(r, i, 2));
	copy(v->place, sizeof v->place, PQgetvalue(r, i, 3));
	copy(v->topic, sizeof v->topic, PQgetvalue(r, i, 4));
	v->capacity = atoi(PQgetvalue(r, i, 5));
	v->enrolled = atoi(PQgetvalue(r, i, 6));
	v->attended = atoi(PQgetvalue(r, i, 7));
	v->held = PQgetvalue(r, i, 8)[0] == 't';
}

bool db_counsel_list(db_conn *c, int year, db_counsel_row **rows, size_t *n, db_err *err)
{
	void *v;
	bool good = year_rows(c, "SELECT a.id, a.held_on, a.counsellor, a.place, a.topic, a.capacity,"
		    " (SELECT count(*) FROM jz.counselling_participants q WHERE q.activity_id = a.id),"
		    " (SELECT count(*) FROM jz.counselling_participants q WHERE q.activity_id = a.id AND q.attended),"
		    " a.held_on <= (now() AT TIME ZONE jz.office_tz())::date"
		    " FROM jz.counselling_activities a"
		    " WHERE a.community_id IN (SELECT jz.my_community_ids())"
		    "   AND a.held_on >= make_date($1::int, 1, 1) AND a.held_on < make_date($1::int + 1, 1, 1)"
		    " ORDER BY a.held_on, a.id", year, sizeof **rows, fill_counsel, &v, n, err);

	*rows = v;
	return good;
}

bool db_counsel_months(db_conn *c, int year, db_counsel_month out[12], db_err *err)
{
	char y[16];
	const char *p[1] = { y };
	PGresult *r;

	memset(out, 0, 12 * sizeof *out);
	snprintf(y, sizeof y, "%d", year);
	r = db_exec(c, "SELECT month, activities, coalesce(required, 0), short, participants, attended"
		    " FROM jz.counselling_months($1::int)", 1, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r) && i < 12; i++) {
		copy(out[i].month, sizeof out[i].month, PQgetvalue(r, i, 0));
		out[i].activities = atoi(PQgetvalue(r, i, 1));
		out[i].required = atoi(PQgetvalue(r, i, 2));
		out[i].short_of_policy = PQgetvalue(r, i, 3)[0] == 't';
		out[i].participants = atoi(PQgetvalue(r, i, 4));
		out[i].attended = atoi(PQgetvalue(r, i, 5));
	}
	PQclear(r);
	return true;
}

bool db_training_add(db_conn *c, long long community_id, const char *course, const char *institution,
		     const char *starts_on, const char *ends_on, long long fee_fen, long long *id, db_err *err)
{
	char cid[24], fee[32];
	const char *p[6] = { cid, course, institution, starts_on, ends_on, fee };

	snprintf(cid, sizeof cid, "%lld", community_id);
	snprintf(fee, sizeof fee, "%lld", fee_fen);
	/* capacity and subsidy share: the trigger takes them from policy */
	return one_id(c, "INSERT INTO jz.training_classes (community_id, course, institution, starts_on, ends_on,"
		      " fee_fen, capacity, subsidy_pct) VALUES (" MY_COMMUNITY ", btrim($2), btrim($3), $4::date,"
		      " $5::date, $6::bigint, 1, 0) RETURNING id", 6, p, id, err);
}

bool db_training_enrol(db_conn *c, long long class_id, long long person_id, long long *subsidy_fen,
		       db_err *err)
{
	char a[24], pe[24];
	const char *p[2] = { a, pe };

	snprintf(a, sizeof a, "%lld", class_id);
	snprintf(pe, sizeof pe, "%lld", person_id);
	return one_id(c, "INSERT INTO jz.training_enrolments (class_id, person_id) VALUES ($1::bigint, $2::bigint)"
		      " RETURNING subsidy_fen", 2, p, subsidy_fen, err);
}

bool db_training_outcome(db_conn *c, long long class_id, long long person_id, bool completed,
			 const char *employed_on, db_err *err)
{
	char a[24], pe[24];
	const char *p[4] = { a, pe, completed ? "t" : "f", employed_on && employed_on[0] ? employed_on : NULL };

	snprintf(a, sizeof a, "%lld", class_id);
	snprintf(pe, sizeof pe, "%lld", person_id);
	return update_one(c, "UPDATE jz.training_enrolments SET completed = $3::boolean, employed_on = $4::date"
			  " WHERE class_id = $1::bigint AND person_id = $2::bigint", p,
			  "not enrolled in this class", err);
}

static void fill_training(void *row, const PGresult *r, int i, void *ctx)
{
	db_training_row *v = row;

	(void)ctx;
	v->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
	copy(v->course, sizeof v->course, PQgetvalue(r, i, 1));
	copy(v->institution, sizeof v->institution, PQgetvalue(r, i, 2));
	copy(v->starts_on, sizeof v->starts_on, PQgetvalue(r, i, 3));
	copy(v->ends_on, sizeof v->ends_on, PQgetvalue(r, i, 4));
	v->fee_fen = strtoll(PQgetvalue(r, i, 5), NULL, 10);
	v->capacity = atoi(PQgetvalue(r, i, 6));
	v->subsidy_pct = atoi(PQgetvalue(r, i, 7));
	v->enrolled = atoi(PQgetvalue(r, i, 8));
	v->completed = atoi(PQgetvalue(r, i, 9));
	v->employed = atoi(PQgetvalue(r, i, 10));
	v->ended = PQgetvalue(r, i, 11)[0] == 't';
}

bool db_training_list(db_conn *c, int year, db_training_row **rows, size_t *n, db_err *err)
{
	void *v;
	bool good = year_rows(c, "SELECT t.id, t.course, t.institution, t.starts_on, t.ends_on, t.fee_fen, t.capacity,"
		    " t.subsidy_pct, count(e.person_id), count(e.person_id) FILTER (WHERE e.completed),"
		    " count(e.person_id) FILTER (WHERE e.employed_on IS NOT NULL),"
		    " t.ends_on <= (now() AT TIME ZONE jz.office_tz())::date"
		    " FROM jz.training_classes t LEFT JOIN jz.training_enrolments e ON e.class_id = t.id"
		    " WHERE t.community_id IN (SELECT jz.my_community_ids())"
		    "   AND t.starts_on >= make_date($1::int, 1, 1) AND t.starts_on < make_date($1::int + 1, 1, 1)"
		    " GROUP BY t.id ORDER BY t.starts_on, t.id", year, sizeof **rows, fill_training, &v, n, err);

	*rows = v;
	return good;
}

bool db_training_outcomes_get(db_conn *c, int year, db_training_outcomes *out, db_err *err)
{
	char y[16];
	const char *p[1] = { y };
	PGresult *r;

	memset(out, 0, sizeof *out);
	snprintf(y, sizeof y, "%d", year);
	r = db_exec(c, "SELECT classes, enrolled, completed, employed, coalesce(within_months, 0)"
		    " FROM jz.training_outcomes($1::int)", 1, p, err);
	if (!r)
		return false;
	if (PQntuples(r) == 1) {
		out->classes = atoi(PQgetvalue(r, 0, 0));
		out->enrolled = atoi(PQgetvalue(r, 0, 1));
		out->completed = atoi(PQgetvalue(r, 0, 2));
		out->employed = atoi(PQgetvalue(r, 0, 3));
		out->within_months = atoi(PQgetvalue(r, 0, 4));
	}
	PQclear(r);
	return true;
}

bool db_feedback_add(db_conn *c, long long person_id, const char *service, int satisfaction,
		     const char *comment, db_err *err)
{
	char pe[24], s[8];
	const char *p[4] = { pe, service, s, comment ? comment : "" };

	snprintf(pe, sizeof pe, "%lld", person_id);
	snprintf(s, sizeof s, "%d", satisfaction);
	long long id = 0;

	if (!one_id(c, "INSERT INTO jz.feedback (community_id, person_id, service, satisfaction, comment)"
		    " SELECT community_id, id, $2, $3::smallint, $4 FROM jz.persons WHERE id = $1::bigint"
		    " RETURNING id", 4, p, &id, err))
		return false;
	if (id == 0)
		db_err_set(err, DB_ERR_SQL, "%s", "no such person in your communities");
	return id != 0;
}

bool db_feedback_shares(db_conn *c, const char *from, const char *to, db_feedback_share out[4], db_err *err)
{
	const char *p[2] = { from, to };
	PGresult *r;

	memset(out, 0, 4 * sizeof *out);
	r = db_exec(c, "SELECT service, answers, satisfied, coalesce(pct_tenths, -1)"
		    " FROM jz.feedback_shares($1::date, $2::date)", 2, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r) && i < 4; i++) {
		copy(out[i].service, sizeof out[i].service, PQgetvalue(r, i, 0));
		out[i].answers = atoi(PQgetvalue(r, i, 1));
		out[i].satisfied = atoi(PQgetvalue(r, i, 2));
		out[i].pct_tenths = atoi(PQgetvalue(r, i, 3));
	}
	PQclear(r);
	return true;
}

/* The four person lists: id, name, ID number, then the columns of the
 * kind (attended, satisfaction or completed, employed on, subsidy). */
static void fill_counsel_person(void *row, const PGresult *r, int i, void *ctx)
{
	db_counsel_person *v = row;

	(void)ctx;
	v->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
	copy(v->name, sizeof v->name, PQgetvalue(r, i, 1));
	copy(v->id_number, sizeof v->id_number, PQgetvalue(r, i, 2));
	v->attended = PQgetvalue(r, i, 3)[0] == 't';
	v->satisfaction = atoi(PQgetvalue(r, i, 4));
}

static void fill_training_person(void *row, const PGresult *r, int i, void *ctx)
{
	db_training_person *v = row;

	(void)ctx;
	v->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
	copy(v->name, sizeof v->name, PQgetvalue(r, i, 1));
	copy(v->id_number, sizeof v->id_number, PQgetvalue(r, i, 2));
	v->completed = PQgetvalue(r, i, 3)[0] == 't';
	snprintf(v->employed_on, sizeof v->employed_on, "%.10s", PQgetvalue(r, i, 4));
	v->subsidy_fen = strtoll(PQgetvalue(r, i, 5), NULL, 10);
}

/* Shared by the person lists: $1 is the activity or class. */
static bool people(db_conn *c, const char *sql, long long id, size_t size, db_row_fill fill,
		   void **rows, size_t *n, db_err *err)
{
	char a[24];
	const char *p[1] = { a };

	snprintf(a, sizeof a, "%lld", id);
	return db_fetch_rows_nonnull(c, false, sql, 1, p, size, fill, NULL, rows, n, err);
}

bool db_counsel_people(db_conn *c, long long activity_id, bool enrolled, db_counsel_person **rows, size_t *n,
		       db_err *err)
{
	/* the eligible: who jz.plan_members (0085) says on the activity's
	 * date, read under the caller's RLS, not yet enrolled */
	const char *sql = enrolled
		? "SELECT pe.id, pe.name, pe.id_number, q.attended, coalesce(q.satisfaction, 0)"
		  " FROM jz.counselling_participants q JOIN jz.persons pe ON pe.id = q.person_id"
		  " WHERE q.activity_id = $1::bigint ORDER BY pe.name, pe.id"
		: "SELECT DISTINCT pe.id, pe.name, pe.id_number, false, 0"
		  " FROM jz.counselling_activities a"
		  " CROSS JOIN LATERAL jz.plan_members('counselling', a.held_on) x"
		  " JOIN jz.persons pe ON pe.id = x.person_id"
		  " WHERE a.id = $1::bigint"
		  "  AND NOT EXISTS (SELECT 1 FROM jz.counselling_participants q"
		  "   WHERE q.activity_id = a.id AND q.person_id = pe.id)"
		  " ORDER BY pe.name, pe.id LIMIT 500";
	void *v = NULL;
	bool ok = people(c, sql, activity_id, sizeof **rows, fill_counsel_person, &v, n, err);

	*rows = v;
	return ok;
}

bool db_training_people(db_conn *c, long long class_id, bool enrolled, db_training_person **rows, size_t *n,
			db_err *err)
{
	const char *sql = enrolled
		? "SELECT pe.id, pe.name, pe.id_number, q.completed,"
		  " coalesce(q.employed_on::text, ''), q.subsidy_fen"
		  " FROM jz.training_enrolments q JOIN jz.persons pe ON pe.id = q.person_id"
		  " WHERE q.class_id = $1::bigint ORDER BY pe.name, pe.id"
		: "SELECT DISTINCT pe.id, pe.name, pe.id_number, false, '', 0"
		  " FROM jz.training_classes t"
		  " CROSS JOIN LATERAL jz.plan_members('training', t.starts_on) x"
		  " JOIN jz.persons pe ON pe.id = x.person_id"
		  " WHERE t.id = $1::bigint"
		  "  AND NOT EXISTS (SELECT 1 FROM jz.training_enrolments q"
		  "   WHERE q.class_id = t.id AND q.person_id = pe.id)"
		  " ORDER BY pe.name, pe.id LIMIT 500";
	void *v = NULL;
	bool ok = people(c, sql, class_id, sizeof **rows, fill_training_person, &v, n, err);

	*rows = v;
	return ok;
}

bool db_feedback_target(db_conn *c, int year, int *pct, db_err *err)
{
	char d[16];
	const char *p[1] = { d };
	PGresult *r;

	snprintf(d, sizeof d, "%04d-12-31", year % 10000);
	r = db_exec(c, "SELECT (jz.policy_value('target_satisfaction', $1::date)).value", 1, p, err);
	if (!r)
		return false;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		*pct = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}
