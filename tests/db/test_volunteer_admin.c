/* test_volunteer_admin.c - adding and editing volunteers (0072,
 * db/volunteer_admin): a coordinator (caseworker of 幸福里) adds a
 * volunteer with a new person record made from the ID number, reads it
 * back, edits it (version checked), is refused overlapping windows (by the
 * function with a plain message and by plain SQL through the exclusion
 * constraint), reuses an existing person, and cannot register in another
 * community. The booking rules then follow the saved windows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "idnum.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"
#include "volunteer_admin.h"

/* A valid ID number born 1975-06-0d with sequence seq. */
static void idnum_make(char out[19], int d, int seq)
{
	snprintf(out, 19, "1101081975060%01d%03d", d, seq);
	out[17] = idnum_check_char(out);
	out[18] = '\0';
}

int main(void)
{
	testdb t;
	char err[512], idn[19], role[64], sql[600];
	db_err e;
	size_t a, b;

	/* pure: the overlap rule */
	{
		db_vol_window w[3] = { { 0, 540, 720 }, { 0, 720, 840 }, { 2, 540, 720 } };
		ok(!db_vol_windows_overlap(w, 3, &a, &b), "touching windows do not overlap");
		w[1].start = 700;
		ok(db_vol_windows_overlap(w, 3, &a, &b) && a == 0 && b == 1, "09:00-12:00 and 11:40-14:00 overlap");
		w[1].day = 1;
		ok(!db_vol_windows_overlap(w, 3, &a, &b), "other days never overlap");
	}

	if (!testdb_init(&t, "volunteer_admin", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s", e.message);
	int cid = (int)testdb_count(t.conn, "select id from jz.communities where code = '110105001001'", 0, NULL);
	int other = (int)testdb_count(t.conn, "select min(id) from jz.communities where code <> '110105001001'", 0, NULL);

	/* a caseworker of 幸福里 only */
	snprintf(role, sizeof role, "vadm_%d", (int)getpid());
	snprintf(sql, sizeof sql, "create role %s login password '志愿-test-6' in role jz_caseworker", role);
	ok(db_run(t.conn, sql, 0, NULL, &e), "coordinator role: %s", e.message);
	const char *rp[1] = { role };
	ok(db_run(t.conn, "insert into jz.staff (login, display_name, group_role) "
			  "values ($1, '志愿者协调员', 'jz_caseworker')", 1, rp, &e), "staff row: %s", e.message);
	ok(db_run(t.conn, "insert into jz.staff_community (login, community_id) select $1, id "
			  "from jz.communities where code = '110105001001'", 1, rp, &e), "community: %s", e.message);
	db_conn *cw = testdb_connect_as(&t, role, "志愿-test-6", &e);
	if (!ok(cw != NULL, "connected as the coordinator: %s", e.message)) {
		testdb_finish(&t);
		return tap_done();
	}

	db_vol_community *cs = NULL;
	size_t ncs = 0;
	ok(db_vol_communities(cw, &cs, &ncs, &e) && ncs == 1 && cs[0].id == cid,
	   "the coordinator's one community (%zu)", ncs);
	free(cs);

	/* a new person */
	idnum_make(idn, 3, 457);
	bool found = true;
	long long pid = -1, vid = -1;
	char name[124], phone[24];
	ok(db_vol_person_find(cw, idn, &found, &pid, name, phone, &vid, &e) && !found,
	   "no one holds %s yet", idn);

	db_vol_record r;
	memset(&r, 0, sizeof r);
	snprintf(r.id_number, sizeof r.id_number, "%s", idn);
	snprintf(r.name, sizeof r.name, "司马春燕");
	snprintf(r.phone, sizeof r.phone, "13912345678");
	snprintf(r.areas, sizeof r.areas, "幸福里9号楼\n幸福里8号楼");
	r.community_id = cid;
	r.skills = 1u << 0 | 1u << 2 | 1u << 3;   /* shopping, company, personal care */
	r.max_minutes = 300;
	r.active = true;
	r.win[0] = (db_vol_window){ 0, 540, 720 };
	r.win[1] = (db_vol_window){ 0, 660, 780 };   /* overlaps the first */
	r.n_win = 2;
	snprintf(r.train[0].date, 11, "2026-03-14");
	snprintf(r.train[0].topic, sizeof r.train[0].topic, "居家养老服务基础");
	r.n_train = 1;
	memset(&e, 0, sizeof e);
	ok(!db_vol_save(cw, &r, &e) && strcmp(e.sqlstate, "JZ033") == 0, "overlapping windows refused: %s %s",
	   e.sqlstate, e.message);
	ok(strstr(e.message, "周一") && strstr(e.message, "09:00-12:00") && strstr(e.message, "11:00-13:00"),
	   "the message names the day and both windows: %s", e.message);
	is_int((int)r.person_id, 0, "nothing kept of the refused save: the person is to be made again");
	is_int((int)testdb_count(t.conn, "select count(*) from jz.persons where name = '司马春燕'", 0, NULL), 0,
	       "the person record was rolled back with it");

	r.win[1] = (db_vol_window){ 3, 840, 1020 };
	ok(db_vol_save(cw, &r, &e), "added with two windows: %s", e.message);
	ok(r.id > 0 && r.person_id > 0, "ids returned");
	snprintf(sql, sizeof sql, "select count(*) from jz.persons where id = %lld and sex = 'M' "
		 "and birth_date = '1975-06-03' and community_id = %d", r.person_id, cid);
	is_int((int)testdb_count(t.conn, sql, 0, NULL), 1, "the person: sex and birth date from the number");

	db_vol_record back;
	ok(db_vol_load(cw, r.id, &back, &e), "read back: %s", e.message);
	is_str(back.name, "司马春燕", "name");
	ok(strcmp(back.areas, "幸福里9号楼\n幸福里8号楼") == 0, "areas in order");
	is_int((int)back.skills, (int)r.skills, "skills");
	is_int((int)back.n_win, 2, "two windows");
	ok(back.win[1].day == 3 && back.win[1].start == 840 && back.win[1].end == 1020, "Thursday 14:00-17:00");
	ok(back.n_train == 1 && strcmp(back.train[0].topic, "居家养老服务基础") == 0, "training session");
	ok(back.active && back.max_minutes == 300, "active, 5 h a week");

	/* the same person again: found with the volunteer made of them */
	ok(db_vol_person_find(cw, idn, &found, &pid, name, phone, &vid, &e) && found && pid == r.person_id &&
	   vid == r.id && strcmp(name, "司马春燕") == 0, "the ID number finds the person and the volunteer");

	/* edit: a third window, another session, inactive; a stale version refused */
	int v1 = back.version;
	back.win[2] = (db_vol_window){ 5, 480, 600 };
	back.n_win = 3;
	snprintf(back.train[1].date, 11, "2026-09-12");
	snprintf(back.train[1].topic, sizeof back.train[1].topic, "残疾人照护与沟通");
	back.n_train = 2;
	back.max_minutes = 360;
	ok(db_vol_save(cw, &back, &e) && back.version > v1, "edited (version %d -> %d): %s", v1, back.version,
	   e.message);
	snprintf(sql, sizeof sql, "select count(*) from jz.volunteer_availability where volunteer_id = %lld", r.id);
	is_int((int)testdb_count(t.conn, sql, 0, NULL), 3, "three windows stored");
	snprintf(sql, sizeof sql, "select count(*) from jz.volunteer_training where volunteer_id = %lld", r.id);
	is_int((int)testdb_count(t.conn, sql, 0, NULL), 2, "two sessions stored");
	r.version = v1;
	r.n_win = 1;
	ok(!db_vol_save(cw, &r, &e) && strcmp(e.sqlstate, "JZ034") == 0, "a stale version refused: %s", e.message);
	is_int((int)testdb_count(t.conn, sql, 0, NULL), 2, "nothing changed by the refused save");

	/* plain SQL: the exclusion constraint */
	snprintf(sql, sizeof sql, "insert into jz.volunteer_availability (volunteer_id, weekday, start_min, end_min) "
		 "values (%lld, 0, 600, 660)", r.id);
	ok(!db_run(t.conn, sql, 0, NULL, &e) && strcmp(e.sqlstate, "23P01") == 0,
	   "plain SQL: an overlapping window refused (%s)", e.sqlstate);

	/* booking follows the windows; inactive refuses */
	snprintf(sql, sizeof sql,
		 "insert into jz.visits (recipient_id, volunteer_id, slot) select p.id, %lld, "
		 "tstzrange(jz.office_at('2031-01-09', 840), jz.office_at('2031-01-09', 900)) "
		 "from jz.persons p where p.name = '孙玉珍'", r.id);
	ok(db_run(t.conn, sql, 0, NULL, &e), "a Thursday 14:00 visit fits the new window: %s", e.message);

	/* another community is refused */
	db_vol_record o;
	memset(&o, 0, sizeof o);
	idnum_make(o.id_number, 4, 458);
	snprintf(o.name, sizeof o.name, "上官明");
	o.community_id = other;
	o.max_minutes = 60;
	o.active = true;
	ok(other > 0 && !db_vol_save(cw, &o, &e) && strcmp(e.sqlstate, "42501") == 0,
	   "a community not the coordinator's refused: %s", e.message);

	/* an existing person (a sample recipient) becomes a volunteer */
	memset(&o, 0, sizeof o);
	o.person_id = testdb_count(t.conn, "select id from jz.persons where name = '孙玉珍'", 0, NULL);
	o.community_id = cid;
	o.max_minutes = 120;
	o.active = false;
	o.skills = 1u << 2;
	ok(db_vol_save(cw, &o, &e) && o.id > 0, "an existing person reused: %s", e.message);
	snprintf(sql, sizeof sql, "select count(*) from jz.volunteers where id = %lld and not active", o.id);
	is_int((int)testdb_count(t.conn, sql, 0, NULL), 1, "stored inactive");

	db_close(cw);
	testdb_finish(&t);
	return tap_done();
}
