/* test_volunteer.c - the rota rules the database itself keeps (0070), in
 * plain SQL: no double booking, nothing outside availability, no week over
 * the maximum; cancelled visits free the time; hours views; the sample's
 * recipients and volunteers (0071, 幸福里; other sample generators may add
 * other communities) and the coverage function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"
#include "volunteer.h"

/* Run sql; return the SQLSTATE ("" on success) in state. */
static void run(db_conn *c, const char *sql, char state[6])
{
	db_err err;
	memset(&err, 0, sizeof err);
	if (db_run(c, sql, 0, NULL, &err)) {
		state[0] = '\0';
		return;
	}
	snprintf(state, 6, "%s", err.sqlstate[0] ? err.sqlstate : "?????");
	tap_diag("%s -> %s %s", sql, err.sqlstate, err.message);
}

/* A visit by the fixture volunteer to the fixture recipient, local times of
 * the office, e.g. "2030-01-07 09:00" .. "2030-01-07 10:00". */
static void book(db_conn *c, const char *from, const char *to, char state[6])
{
	char sql[600];
	snprintf(sql, sizeof sql,
		 "insert into jz.visits (recipient_id, volunteer_id, slot) "
		 "select r.id, v.id, tstzrange(('%s'::timestamp) at time zone jz.office_tz(), "
		 "('%s'::timestamp) at time zone jz.office_tz()) "
		 "from jz.persons r, jz.volunteers v where r.name = '孙玉珍' and v.phone = '13800001111'",
		 from, to);
	run(c, sql, state);
}

int main(void)
{
	testdb t;
	char err[512], st[6];
	db_err e;

	if (!testdb_init(&t, "volunteer", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s", e.message);
	is_int((int)testdb_count(t.conn, "select count(*) from jz.volunteers where community_id = "
					 "(select id from jz.communities where code = '110105001001')", 0, NULL), 40, "40 sample volunteers");
	is_int((int)testdb_count(t.conn, "select count(distinct volunteer_id) from jz.volunteer_availability "
					 "where community_id = (select id from jz.communities where code = '110105001001')", 0, NULL), 40,
	       "every volunteer has availability");
	is_int((int)testdb_count(t.conn, "select count(*) from jz.visit_needs(current_date + 7) "
					 "where community_id = (select id from jz.communities where code = '110105001001')", 0, NULL), 12,
	       "12 recipients need visits next week");
	is_int((int)testdb_count(t.conn, "select sum(shortfall) from jz.visit_coverage(current_date + 7) "
					 "where community_id = (select id from jz.communities where code = '110105001001')", 0, NULL), 36,
	       "next week: 36 visits short before any booking");
	is_int((int)testdb_count(t.conn, "select sum(minutes) from jz.volunteer_minutes_week "
					 "where week_start = jz.week_of(now()) - 7 and community_id = "
					 "(select id from jz.communities where code = '110105001001')", 0, NULL), 1800,
	       "last week: 30 done visits of 60 minutes");
	is_int((int)testdb_count(t.conn, "select count(*) from jz.visit_needs(current_date - 7) "
					 "where booked = 3 and visited_days = 21 and community_id = "
					 "(select id from jz.communities where code = '110105001001')", 0, NULL), 10,
	       "last week: ten recipients visited Monday, Wednesday, Friday (bits 0,2,4)");

	/* the fixture: a volunteer free Monday 9-12 and Wednesday 9-12, at most
	 * two hours a week */
	run(t.conn,
	    "insert into jz.persons (community_id, id_number, name, sex, birth_date) "
	    "select c.id, jz.sample_idnum('110108', '1980-02-02', 901), '欧阳志远', 'M', '1980-02-02' "
	    "from jz.communities c where c.code = '110105001001'", st);
	is_str(st, "", "volunteer person");
	run(t.conn,
	    "insert into jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week) "
	    "select community_id, id, '13800001111', '{幸福里1号楼}', '{company}', 120 "
	    "from jz.persons where name = '欧阳志远'", st);
	is_str(st, "", "volunteer");
	run(t.conn,
	    "insert into jz.volunteer_availability (volunteer_id, weekday, start_min, end_min) "
	    "select id, d, 540, 720 from jz.volunteers, unnest(array[0, 2]) d where phone = '13800001111'", st);
	is_str(st, "", "availability Monday and Wednesday 9:00-12:00");

	book(t.conn, "2030-01-07 09:00", "2030-01-07 10:00", st);
	is_str(st, "", "Monday 9:00-10:00 booked");
	book(t.conn, "2030-01-07 09:30", "2030-01-07 10:30", st);
	is_str(st, "23P01", "double booking refused (exclusion constraint)");
	book(t.conn, "2030-01-07 08:00", "2030-01-07 09:00", st);
	is_str(st, "JZ030", "before the window refused");
	book(t.conn, "2030-01-07 11:30", "2030-01-07 12:30", st);
	is_str(st, "JZ030", "running past the window refused");
	book(t.conn, "2030-01-08 09:00", "2030-01-08 10:00", st);
	is_str(st, "JZ030", "Tuesday (no window) refused");

	run(t.conn, "update jz.visits set status = 'cancelled' where slot @> "
		    "('2030-01-07 09:00'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "", "cancel");
	book(t.conn, "2030-01-07 09:30", "2030-01-07 10:30", st);
	is_str(st, "", "a cancelled visit frees the time");
	book(t.conn, "2030-01-09 09:00", "2030-01-09 10:00", st);
	is_str(st, "", "Wednesday: 120 of 120 minutes");
	book(t.conn, "2030-01-09 10:00", "2030-01-09 10:30", st);
	is_str(st, "JZ031", "a week over the maximum refused");
	book(t.conn, "2030-01-14 10:00", "2030-01-14 11:00", st);
	is_str(st, "", "next ISO week counts apart");

	run(t.conn, "update jz.visits set slot = tstzrange(lower(slot) + interval '2 hours', "
		    "upper(slot) + interval '2 hours') where slot @> "
		    "('2030-01-07 10:00'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "JZ030", "moving outside the window refused");
	run(t.conn, "update jz.visits set slot = tstzrange(lower(slot) + interval '1 hour', "
		    "upper(slot) + interval '1 hour') where slot @> "
		    "('2030-01-07 10:00'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "", "moving within the window");

	/* logging: only a visit that has started (0136), so in a past week;
	 * the same two hours a week */
	run(t.conn, "update jz.visits set status = 'missed', note = '老人住院' where slot @> "
		    "('2030-01-09 09:30'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "JZ035", "a visit years ahead cannot be logged missed");
	book(t.conn, "2025-01-06 09:00", "2025-01-06 10:00", st);
	is_str(st, "", "a past Monday booked");
	book(t.conn, "2025-01-08 09:00", "2025-01-08 10:00", st);
	is_str(st, "", "a past Wednesday: 120 of 120 minutes");
	run(t.conn, "update jz.visits set status = 'missed' where slot @> "
		    "('2025-01-08 09:30'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "23514", "missed needs a reason");
	run(t.conn, "update jz.visits set status = 'missed', note = '老人住院' where slot @> "
		    "('2025-01-08 09:30'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "", "missed with a reason");
	book(t.conn, "2025-01-08 11:00", "2025-01-08 12:00", st);
	is_str(st, "", "a missed visit no longer counts toward the week");
	run(t.conn, "update jz.visits set status = 'done', actual_minutes = 75 where slot @> "
		    "('2025-01-06 09:30'::timestamp at time zone jz.office_tz())", st);
	is_str(st, "", "logged done, 75 minutes");
	is_int((int)testdb_count(t.conn, "select minutes from jz.volunteer_minutes_week m join jz.volunteers v "
					 "on v.id = m.volunteer_id where v.phone = '13800001111' "
					 "and week_start = '2025-01-06'", 0, NULL), 75, "done minutes counted in the week view");
	is_int((int)testdb_count(t.conn, "select count(*) from jz.visit_alerts where kind = 'missed' "
					 "and visit_id in (select id from jz.visits where volunteer_id = "
					 "(select id from jz.volunteers where phone = '13800001111'))", 0, NULL), 0,
	       "a missed visit long past is not on this week's queue");
	/* F6 on the grid books "whoever is free": at 03:00 nobody is, and the
	 * message says so rather than naming one volunteer's hours */
	{
		char *rid = testdb_value(t.conn, "select id::text from jz.persons where name = '孙玉珍'", 0, NULL);
		ok(rid && !db_visit_book(t.conn, atoll(rid), 0, "2030-01-14", 0, 180, 240, &e),
		   "booking whoever is free at 03:00 is refused");
		ok(strcmp(e.sqlstate, "JZ030") == 0 || strcmp(e.sqlstate, "23502") == 0,
		   "with the database's code kept (%s)", e.sqlstate);
		ok(strstr(e.message, "No volunteer is free") || strstr(e.message, "没有可服务这个片区的志愿者"),
		   "and says no volunteer is free then (%s)", e.message);
		free(rid);
	}
	run(t.conn, "update jz.volunteers set active = false where phone = '13800001111'", st);
	book(t.conn, "2030-01-16 09:00", "2030-01-16 10:00", st);
	is_str(st, "JZ032", "an inactive volunteer cannot be booked");

	testdb_finish(&t);
	return tap_done();
}
