/* volunteer_admin.c - adding and editing volunteers on libpq. Arrays go to
 * the server as parameters in PostgreSQL's array text form, built here from
 * numbers and dates we checked; free text (areas, topics) is never put in an
 * array literal: it travels as one newline-joined parameter and the server
 * splits it. */
#include "volunteer_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const struct {
	const char *code, *name;
} skills[DB_VOL_SKILLS] = {
	{ "shopping", N_("shopping") },
	{ "housework", N_("housework") },
	{ "company", N_("company") },
	{ "personal_care", N_("personal care") },
	{ "escort", N_("escort to hospital") },
	{ "repairs", N_("small repairs") },
};

const char *db_vol_skill_code(int i)
{
	return i >= 0 && i < DB_VOL_SKILLS ? skills[i].code : NULL;
}

const char *db_vol_skill_name(int i)
{
	return i >= 0 && i < DB_VOL_SKILLS ? _(skills[i].name) : NULL;
}

bool db_vol_windows_overlap(const db_vol_window *w, size_t n, size_t *a, size_t *b)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (w[i].day == w[j].day && w[i].start < w[j].end && w[j].start < w[i].end) {
				*a = i;
				*b = j;
				return true;
			}
	return false;
}

static void copy(char *dst, size_t len, const PGresult *r, int row, int col)
{
	snprintf(dst, len, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

bool db_vol_communities(db_conn *c, db_vol_community **out, size_t *n, db_err *err)
{
	PGresult *r = db_exec(c, "SELECT id, name FROM jz.communities "
			      "WHERE id IN (SELECT jz.my_community_ids()) ORDER BY id", 0, NULL, err);
	*out = NULL;
	*n = 0;
	if (!r)
		return false;
	int rows = PQntuples(r);
	db_vol_community *v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	if (!v) {
		PQclear(r);
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		return false;
	}
	for (int i = 0; i < rows; i++) {
		v[i].id = atoi(PQgetvalue(r, i, 0));
		copy(v[i].name, sizeof v[i].name, r, i, 1);
	}
	PQclear(r);
	*out = v;
	*n = (size_t)rows;
	return true;
}

bool db_vol_person_find(db_conn *c, const char *id_number, bool *found, long long *person_id,
			char name[124], char phone[24], long long *volunteer_id, db_err *err)
{
	const char *p[1] = { id_number };
	PGresult *r = db_exec(c, "SELECT person_id, name, phone, coalesce(volunteer_id, 0) "
			      "FROM jz.volunteer_person_find($1)", 1, p, err);
	if (!r)
		return false;
	*found = PQntuples(r) > 0;
	*person_id = 0;
	*volunteer_id = 0;
	name[0] = phone[0] = '\0';
	if (*found) {
		*person_id = atoll(PQgetvalue(r, 0, 0));
		copy(name, 124, r, 0, 1);
		copy(phone, 24, r, 0, 2);
		*volunteer_id = atoll(PQgetvalue(r, 0, 3));
	}
	PQclear(r);
	return true;
}

bool db_vol_load(db_conn *c, long long id, db_vol_record *rec, db_err *err)
{
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", id);
	const char *p[1] = { ids };
	memset(rec, 0, sizeof *rec);
	PGresult *r = db_exec(c, "SELECT v.id, v.version, v.person_id, coalesce(p.id_number, ''), "
			      "coalesce(p.name, ''), coalesce(v.phone, ''), v.community_id, "
			      "array_to_string(v.areas, E'\\n'), array_to_string(v.skills, ','), "
			      "v.max_minutes_week, v.active "
			      "FROM jz.volunteers v LEFT JOIN jz.persons p ON p.id = v.person_id "
			      "WHERE v.id = $1", 1, p, err);
	if (!r)
		return false;
	if (PQntuples(r) != 1) {
		PQclear(r);
		db_err_set(err, DB_ERR_OTHER, "%s", _("No such volunteer."));
		return false;
	}
	rec->id = atoll(PQgetvalue(r, 0, 0));
	rec->version = atoi(PQgetvalue(r, 0, 1));
	rec->person_id = atoll(PQgetvalue(r, 0, 2));
	copy(rec->id_number, sizeof rec->id_number, r, 0, 3);
	copy(rec->name, sizeof rec->name, r, 0, 4);
	copy(rec->phone, sizeof rec->phone, r, 0, 5);
	rec->community_id = atoi(PQgetvalue(r, 0, 6));
	copy(rec->areas, sizeof rec->areas, r, 0, 7);
	const char *sk = PQgetvalue(r, 0, 8);
	for (int i = 0; i < DB_VOL_SKILLS; i++) {
		size_t l = strlen(skills[i].code);
		for (const char *s = strstr(sk, skills[i].code); s; s = strstr(s + 1, skills[i].code))
			if ((s == sk || s[-1] == ',') && (s[l] == ',' || s[l] == '\0'))
				rec->skills |= 1u << i;
	}
	rec->max_minutes = atoi(PQgetvalue(r, 0, 9));
	rec->active = PQgetvalue(r, 0, 10)[0] == 't';
	PQclear(r);

	r = db_exec(c, "SELECT weekday, start_min, end_min FROM jz.volunteer_availability "
		    "WHERE volunteer_id = $1 ORDER BY weekday, start_min", 1, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r) && rec->n_win < DB_VOL_WINDOWS; i++, rec->n_win++) {
		rec->win[rec->n_win].day = atoi(PQgetvalue(r, i, 0));
		rec->win[rec->n_win].start = atoi(PQgetvalue(r, i, 1));
		rec->win[rec->n_win].end = atoi(PQgetvalue(r, i, 2));
	}
	PQclear(r);
	r = db_exec(c, "SELECT session_date, topic FROM jz.volunteer_training "
		    "WHERE volunteer_id = $1 ORDER BY session_date DESC, topic", 1, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r) && rec->n_train < DB_VOL_TRAININGS; i++, rec->n_train++) {
		copy(rec->train[rec->n_train].date, sizeof rec->train[0].date, r, i, 0);
		copy(rec->train[rec->n_train].topic, sizeof rec->train[0].topic, r, i, 1);
	}
	PQclear(r);
	return true;
}

/* "{1,2,3}" of n ints taken at stride from base. */
static void int_array(char *buf, size_t len, const db_vol_window *w, size_t n, int which)
{
	size_t o = 0;
	buf[o++] = '{';
	for (size_t i = 0; i < n && o + 12 < len; i++) {
		int v = which == 0 ? w[i].day : which == 1 ? w[i].start : w[i].end;
		o += (size_t)snprintf(buf + o, len - o, "%s%d", i ? "," : "", v);
	}
	snprintf(buf + o, len - o, "}");
}

bool db_vol_save(db_conn *c, db_vol_record *rec, db_err *err)
{
	char id[24], ver[16], person[24], comm[16], maxm[16], days[80], starts[80], ends[80];
	char skl[128] = "", *topics = NULL, dates[DB_VOL_TRAININGS * 12 + 1] = "";
	bool okay = false;
	PGresult *r = NULL;
	long long person0 = rec->person_id;

	if (!db_run(c, "BEGIN", 0, NULL, err))
		return false;
	if (!rec->person_id) {
		const char *p[4] = { comm, rec->id_number, rec->name, rec->phone };
		snprintf(comm, sizeof comm, "%d", rec->community_id);
		r = db_exec(c, "SELECT jz.volunteer_person_create($1, $2, $3, $4)", 4, p, err);
		if (!r)
			goto cleanup;
		rec->person_id = atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	snprintf(id, sizeof id, "%lld", rec->id);
	snprintf(ver, sizeof ver, "%d", rec->version);
	snprintf(person, sizeof person, "%lld", rec->person_id);
	snprintf(comm, sizeof comm, "%d", rec->community_id);
	snprintf(maxm, sizeof maxm, "%d", rec->max_minutes);
	for (int i = 0; i < DB_VOL_SKILLS; i++)
		if (rec->skills & (1u << i)) {
			strcat(skl, skl[0] ? "," : "");
			strcat(skl, skills[i].code);
		}
	int_array(days, sizeof days, rec->win, rec->n_win, 0);
	int_array(starts, sizeof starts, rec->win, rec->n_win, 1);
	int_array(ends, sizeof ends, rec->win, rec->n_win, 2);
	topics = calloc(DB_VOL_TRAININGS, sizeof rec->train[0].topic + 1);
	if (!topics) {
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < rec->n_train; i++) {
		strcat(dates, i ? "\n" : "");
		strcat(dates, rec->train[i].date);
		strcat(topics, i ? "\n" : "");
		strcat(topics, rec->train[i].topic);
	}
	{
		const char *p[14] = { id, ver, person, comm, rec->phone, rec->areas, skl, maxm,
				      rec->active ? "t" : "f", days, starts, ends, dates, topics };
		r = db_exec(c, "SELECT jz.volunteer_save(nullif($1, '0')::bigint, $2::int, $3::bigint, $4::int, $5, "
			    "array_remove(string_to_array($6, E'\\n'), ''), "
			    "array_remove(string_to_array($7, ','), ''), $8::int, $9::boolean, "
			    "$10::int[], $11::int[], $12::int[], "
			    "array_remove(string_to_array($13, E'\\n'), '')::date[], "
			    "array_remove(string_to_array($14, E'\\n'), ''))", 14, p, err);
		if (!r)
			goto cleanup;
		long long vid = atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
		snprintf(id, sizeof id, "%lld", vid);
		const char *q[1] = { id };
		r = db_exec(c, "SELECT version FROM jz.volunteers WHERE id = $1", 1, q, err);
		if (!r)
			goto cleanup;
		rec->id = vid;
		rec->version = PQntuples(r) ? atoi(PQgetvalue(r, 0, 0)) : rec->version;
		PQclear(r);
	}
	okay = db_run(c, "COMMIT", 0, NULL, err);
cleanup:
	if (!okay) {
		db_err keep = *err;
		db_run(c, "ROLLBACK", 0, NULL, err);
		*err = keep;
		rec->person_id = person0;   /* a person made here was rolled back */
	}
	free(topics);
	return okay;
}
