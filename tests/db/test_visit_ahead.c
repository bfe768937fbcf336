/* test_visit_ahead.c - a home visit is logged done or missed only once it
 * has started (0136, JZ035), the rule the week grid also checks early: a
 * future visit cannot be set done or missed, inserted done or missed, or
 * (done) moved ahead; one that has started can be logged; a future one can
 * be cancelled. As the owner and as a caseworker of the community (RLS),
 * through db_visit_set_status as the screen calls it. The sample (0071,
 * 0093) still loads with its done visits, all in the past. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"
#include "volunteer.h"

#define AHEAD "JZ035"

/* is_str with the connection's name in the test's name. */
static void same(const char *got, const char *want, const char *who, const char *what)
{
	if (!ok(strcmp(got, want) == 0, "%s: %s", who, what))
		tap_diag("  got '%s', want '%s'", got, want);
}

/* Text of the first cell into buf ("" on failure). */
static void text(db_conn *c, const char *sql, int n, const char *const *p, char *buf, size_t len)
{
	db_err err;
	PGresult *r = db_exec(c, sql, n, p, &err);
	snprintf(buf, len, "%s", r && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "");
	if (!r)
		tap_diag("%s: %s", sql, err.message);
	PQclear(r);
}

/* A visit of the fixture volunteer to 孙玉珍 on the office's today + day,
 * hour:00 for an hour, inserted with status (and 60 minutes when done, a
 * reason when missed). Returns its id, or 0 with err set. */
static long long book(db_conn *c, int day, int hour, const char *status, db_err *err)
{
	char db_[16], hb[16];
	snprintf(db_, sizeof db_, "%d", day);
	snprintf(hb, sizeof hb, "%d", hour * 60);
	const char *p[3] = { db_, hb, status };
	PGresult *r = db_exec(c,
		"INSERT INTO jz.visits (recipient_id, volunteer_id, slot, status, actual_minutes, note) "
		"SELECT r.id, v.id, tstzrange(jz.office_at(d.d, $2::int), jz.office_at(d.d, $2::int + 60)), "
		"       $3, CASE WHEN $3 = 'done' THEN 60 END, CASE WHEN $3 = 'missed' THEN '老人不在家' END "
		"  FROM jz.persons r, jz.volunteers v, "
		"       (SELECT (now() AT TIME ZONE jz.office_tz())::date + $1::int AS d) d "
		" WHERE r.name = '孙玉珍' AND v.phone = '13800002222' "
		"RETURNING id", 3, p, err);
	long long id = r && PQntuples(r) == 1 ? atoll(PQgetvalue(r, 0, 0)) : 0;
	if (r && !id)
		db_err_set(err, DB_ERR_OTHER, "%s", "no row inserted");
	PQclear(r);
	return id;
}

static int version_of(db_conn *c, long long id)
{
	char ib[24];
	snprintf(ib, sizeof ib, "%lld", id);
	return (int)testdb_count(c, "SELECT version FROM jz.visits WHERE id = $1::bigint", 1,
				 (const char *const[]){ ib });
}

static void status_of(db_conn *c, long long id, char *buf, size_t len)
{
	char ib[24];
	snprintf(ib, sizeof ib, "%lld", id);
	text(c, "SELECT status || ' ' || coalesce(actual_minutes::text, '-') FROM jz.visits WHERE id = $1::bigint",
	     1, (const char *const[]){ ib }, buf, len);
}

/* The start of the visit as the message must name it: office time. */
static void start_of(db_conn *c, long long id, char *buf, size_t len)
{
	char ib[24];
	snprintf(ib, sizeof ib, "%lld", id);
	text(c, "SELECT to_char(lower(slot) AT TIME ZONE jz.office_tz(), 'YYYY-MM-DD HH24:MI') "
		"FROM jz.visits WHERE id = $1::bigint", 1, (const char *const[]){ ib }, buf, len);
}

/* Every case on one connection; who names it, base keeps its visits apart
 * from the other connection's (days base.. ahead, -base.. behind). */
static void cases(db_conn *c, const char *who, int base)
{
	db_err e;
	char st[32], start[32];

	memset(&e, 0, sizeof e);
	long long fut = book(c, base, 9, "planned", &e);
	ok(fut > 0, "%s: a planned visit %d days ahead: %s", who, base, e.message);
	start_of(c, fut, start, sizeof start);
	ok(strlen(start) == 16 && strcmp(start + 11, "09:00") == 0, "%s: it starts %s, office time", who, start);

	ok(!db_visit_set_status(c, fut, version_of(c, fut), "done", 60, NULL, &e), "%s: ahead, not set done", who);
	same(e.sqlstate, AHEAD, who, "done ahead is JZ035");
	ok(strstr(e.message, start) && strstr(e.message, "才开始"), "%s: the message names the start: %s",
	   who, e.message);
	ok(!db_visit_set_status(c, fut, version_of(c, fut), "missed", 0, "志愿者生病", &e),
	   "%s: ahead, not set missed", who);
	same(e.sqlstate, AHEAD, who, "missed ahead is JZ035");
	ok(strstr(e.message, start) != NULL, "%s: missed: the message names the start too", who);
	status_of(c, fut, st, sizeof st);
	same(st, "planned -", who, "the visit is still planned");

	memset(&e, 0, sizeof e);
	ok(book(c, base, 11, "done", &e) == 0, "%s: not inserted as done ahead", who);
	same(e.sqlstate, AHEAD, who, "insert done ahead is JZ035");
	ok(book(c, base, 13, "missed", &e) == 0, "%s: not inserted as missed ahead", who);
	same(e.sqlstate, AHEAD, who, "insert missed ahead is JZ035");

	/* started: three days and more ago */
	memset(&e, 0, sizeof e);
	long long past = book(c, -base, 9, "planned", &e);
	ok(past > 0, "%s: a planned visit %d days ago: %s", who, base, e.message);
	ok(db_visit_set_status(c, past, version_of(c, past), "done", 75, NULL, &e),
	   "%s: started, set done: %s", who, e.message);
	status_of(c, past, st, sizeof st);
	same(st, "done 75", who, "stored done, 75 minutes");
	long long past2 = book(c, -base, 11, "planned", &e);
	ok(past2 > 0 && db_visit_set_status(c, past2, version_of(c, past2), "missed", 0, "老人住院", &e),
	   "%s: started, set missed: %s", who, e.message);
	ok(book(c, -base, 13, "done", &e) > 0, "%s: inserted done once started: %s", who, e.message);

	/* a done visit: its note may change; moved ahead it is refused */
	char ib[24];
	snprintf(ib, sizeof ib, "%lld", past);
	ok(db_run(c, "UPDATE jz.visits SET note = '买了米和油' WHERE id = $1::bigint", 1,
		  (const char *const[]){ ib }, &e), "%s: a done visit's note changed: %s", who, e.message);
	ok(!db_run(c, "UPDATE jz.visits SET slot = tstzrange(lower(slot) + interval '14 days', "
		      "upper(slot) + interval '14 days') WHERE id = $1::bigint", 1,
		   (const char *const[]){ ib }, &e), "%s: a done visit not moved ahead", who);
	same(e.sqlstate, AHEAD, who, "moved ahead is JZ035");

	/* cancelling one ahead stays allowed */
	ok(db_visit_set_status(c, fut, version_of(c, fut), "cancelled", 0, NULL, &e),
	   "%s: ahead, cancelled: %s", who, e.message);
	status_of(c, fut, st, sizeof st);
	same(st, "cancelled -", who, "stored cancelled");
}

int main(void)
{
	testdb t;
	char err[512], sql[400], role[64];
	db_err e;
	db_conn *cw = NULL;

	if (!testdb_init(&t, "visit_ahead", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s", e.message);
	ok(testdb_count(t.conn, "SELECT count(*) FROM jz.visits WHERE status = 'done'", 0, NULL) >= 30,
	   "the sample's done visits are there");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.visits WHERE status IN ('done', 'missed') "
					 "AND lower(slot) > now()", 0, NULL), 0, "none of them ahead");

	/* the fixture: a volunteer of 幸福里 free every day, all day */
	ok(db_run(t.conn, "INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date) "
			  "SELECT c.id, jz.sample_idnum('110108', '1981-03-03', 903), '司马建国', 'M', '1981-03-03' "
			  "FROM jz.communities c WHERE c.code = '110105001001'", 0, NULL, &e),
	   "volunteer person: %s", e.message);
	ok(db_run(t.conn, "INSERT INTO jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week) "
			  "SELECT community_id, id, '13800002222', '{幸福里1号楼}', '{company}', 10080 "
			  "FROM jz.persons WHERE name = '司马建国'", 0, NULL, &e), "volunteer: %s", e.message);
	ok(db_run(t.conn, "INSERT INTO jz.volunteer_availability (volunteer_id, weekday, start_min, end_min) "
			  "SELECT id, d, 0, 1440 FROM jz.volunteers, generate_series(0, 6) d "
			  "WHERE phone = '13800002222'", 0, NULL, &e), "available every day: %s", e.message);

	/* a caseworker of 幸福里, as the screens connect */
	snprintf(role, sizeof role, "ahead_cw_%d", (int)getpid());
	snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN PASSWORD '探访-test-7' IN ROLE jz_caseworker", role);
	ok(db_run(t.conn, sql, 0, NULL, &e), "caseworker role: %s", e.message);
	const char *rp[1] = { role };
	ok(db_run(t.conn, "INSERT INTO jz.staff (login, display_name, group_role) VALUES ($1, '社工 测试', 'jz_caseworker')",
		  1, rp, &e), "staff row: %s", e.message);
	ok(db_run(t.conn, "INSERT INTO jz.staff_community (login, community_id) SELECT $1, id "
			  "FROM jz.communities WHERE code = '110105001001'", 1, rp, &e), "community: %s", e.message);
	cw = testdb_connect_as(&t, role, "探访-test-7", &e);
	ok(cw != NULL, "connected as the caseworker: %s", cw ? "" : e.message);

	cases(t.conn, "owner", 3);
	if (cw)
		cases(cw, "caseworker", 4);

	db_close(cw);
	testdb_finish(&t);
	return tap_done();
}
