/* test_services_ahead.c - attendance and outcomes only once they can be
 * known (0144, JZ036): a counselling participant is not marked present nor
 * gives a satisfaction answer before the activity's day, a trainee is not
 * marked completed or employed before the class's last day; on the day (or
 * after) both are recorded; "not attended" ahead stays allowed. Through
 * db_counsel_attend and db_training_outcome as the screens call them, and
 * by a plain INSERT. The sample (0093) loads with no such row ahead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrate.h"
#include "services.h"
#include "tap.h"
#include "testdb.h"

#define AHEAD "JZ036"

/* The id in the first cell of sql's single row, or 0. */
static long long id_of(db_conn *c, const char *sql, int n, const char *const *p)
{
	char *v = testdb_value(c, sql, n, p);
	long long id = v ? atoll(v) : 0;
	free(v);
	return id;
}

/* A counselling activity of the person's community on office today + day. */
static long long activity(db_conn *c, long long person, int day)
{
	char pb[24], db_[16];
	snprintf(pb, sizeof pb, "%lld", person);
	snprintf(db_, sizeof db_, "%d", day);
	return id_of(c, "INSERT INTO jz.counselling_activities (community_id, held_on, counsellor, place, capacity, topic)"
		     " SELECT p.community_id, (now() AT TIME ZONE jz.office_tz())::date + $2::int, '心理咨询师 周敏',"
		     " '社区活动室', 10, '压力与情绪' FROM jz.persons p WHERE p.id = $1::bigint RETURNING id",
		     2, (const char *const[]){ pb, db_ });
}

/* A class of the person's community from today - 30 to today + day. */
static long long klass(db_conn *c, long long person, int day)
{
	char pb[24], db_[16];
	snprintf(pb, sizeof pb, "%lld", person);
	snprintf(db_, sizeof db_, "%d", day);
	return id_of(c, "INSERT INTO jz.training_classes (community_id, course, institution, starts_on, ends_on,"
		     " fee_fen, capacity, subsidy_pct)"
		     " SELECT p.community_id, '育婴员', '朝阳区职业技能培训学校',"
		     " (now() AT TIME ZONE jz.office_tz())::date - 30, (now() AT TIME ZONE jz.office_tz())::date + $2::int,"
		     " 100000, 30, 80 FROM jz.persons p WHERE p.id = $1::bigint RETURNING id",
		     2, (const char *const[]){ pb, db_ });
}

static bool run2(db_conn *c, const char *sql, long long a, long long b, db_err *e)
{
	char ab[24], bb[24];
	snprintf(ab, sizeof ab, "%lld", a);
	snprintf(bb, sizeof bb, "%lld", b);
	return db_run(c, sql, 2, (const char *const[]){ ab, bb }, e);
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;
	db_conn *c;

	if (!testdb_init(&t, "services_ahead", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	c = t.conn;
	memset(&e, 0, sizeof e);
	ok(db_load_sample(c, &e), "sample loaded: %s", e.message);
	ok(testdb_count(c, "SELECT count(*) FROM jz.counselling_participants WHERE attended", 0, NULL) > 0,
	   "the sample's attendance is there");
	is_int((int)testdb_count(c, "SELECT count(*) FROM jz.counselling_participants q"
				 " JOIN jz.counselling_activities a ON a.id = q.activity_id"
				 " WHERE (q.attended OR q.satisfaction IS NOT NULL)"
				 " AND a.held_on > (now() AT TIME ZONE jz.office_tz())::date", 0, NULL),
	       0, "none of the sample's attendance is ahead");
	is_int((int)testdb_count(c, "SELECT count(*) FROM jz.training_enrolments e"
				 " JOIN jz.training_classes k ON k.id = e.class_id"
				 " WHERE (e.completed OR e.employed_on IS NOT NULL)"
				 " AND k.ends_on > (now() AT TIME ZONE jz.office_tz())::date", 0, NULL),
	       0, "none of the sample's completions is ahead");

	/* counselling: a member covered by counselling today and next week */
	long long who = id_of(c, "SELECT i.person_id FROM jz.plan_items i WHERE i.kind = 'counselling'"
			      " AND i.person_id IS NOT NULL"
			      " AND jz.plan_member_has(i.person_id, 'counselling', (now() AT TIME ZONE jz.office_tz())::date + 7)"
			      " ORDER BY i.person_id LIMIT 1", 0, NULL);
	ok(who > 0, "a plan member with counselling (%lld)", who);
	long long fut = activity(c, who, 7), today = activity(c, who, 0);
	ok(fut > 0 && today > 0, "an activity next week and one today");
	ok(run2(c, "INSERT INTO jz.counselling_participants (activity_id, person_id) VALUES ($1::bigint, $2::bigint)",
		fut, who, &e) && run2(c, "INSERT INTO jz.counselling_participants (activity_id, person_id)"
				      " VALUES ($1::bigint, $2::bigint)", today, who, &e), "enrolled in both: %s", e.message);
	ok(!db_counsel_attend(c, fut, who, true, 0, &e), "next week's: not marked present");
	is_str(e.sqlstate, AHEAD, "refused as JZ036");
	char *day = testdb_value(c, "SELECT to_char((now() AT TIME ZONE jz.office_tz())::date + 7, 'YYYY-MM-DD')", 0, NULL);
	ok(day && strstr(e.message, day) && strstr(e.message, "到那天"), "the message names the day: %s", e.message);
	ok(!db_counsel_attend(c, fut, who, true, 5, &e) && strcmp(e.sqlstate, AHEAD) == 0,
	   "nor present and satisfied");
	ok(db_counsel_attend(c, fut, who, false, 0, &e), "not attended ahead stays allowed: %s", e.message);
	char fb[24];
	snprintf(fb, sizeof fb, "%lld", fut);
	is_int((int)testdb_count(c, "SELECT count(*) FROM jz.counselling_participants WHERE activity_id = $1::bigint"
				 " AND (attended OR satisfaction IS NOT NULL)", 1, (const char *const[]){ fb }),
	       0, "nothing recorded ahead");
	ok(!run2(c, "INSERT INTO jz.counselling_participants (activity_id, person_id, attended)"
		    " SELECT $1::bigint, p.id, true FROM jz.persons p WHERE p.id = $2::bigint", fut, who, &e)
	   && strcmp(e.sqlstate, AHEAD) == 0, "an INSERT marked present ahead is refused as JZ036 (%s)", e.sqlstate);
	ok(db_counsel_attend(c, today, who, true, 4, &e), "today's: present, 4: %s", e.message);

	/* training: a trainee of a class ending next week, and of one ending today */
	long long tr = id_of(c, "SELECT i.person_id FROM jz.plan_items i WHERE i.kind = 'training'"
			     " AND i.person_id IS NOT NULL"
			     " AND jz.plan_member_has(i.person_id, 'training', (now() AT TIME ZONE jz.office_tz())::date - 30)"
			     " ORDER BY i.person_id LIMIT 1", 0, NULL);
	ok(tr > 0, "a plan member with training (%lld)", tr);
	long long k1 = klass(c, tr, 7), k0 = klass(c, tr, 0);
	ok(k1 > 0 && k0 > 0, "a class ending next week and one ending today");
	ok(run2(c, "INSERT INTO jz.training_enrolments (class_id, person_id) VALUES ($1::bigint, $2::bigint)", k1, tr, &e)
	   && run2(c, "INSERT INTO jz.training_enrolments (class_id, person_id) VALUES ($1::bigint, $2::bigint)",
		   k0, tr, &e), "enrolled in both: %s", e.message);
	ok(!db_training_outcome(c, k1, tr, true, NULL, &e), "the class not ended: not completed");
	is_str(e.sqlstate, AHEAD, "refused as JZ036");
	ok(day && strstr(e.message, day), "the message names the last day: %s", e.message);
	ok(db_training_outcome(c, k1, tr, false, NULL, &e), "not completed ahead stays allowed: %s", e.message);
	ok(db_training_outcome(c, k0, tr, true, NULL, &e), "the class ending today: completed: %s", e.message);
	free(day);

	testdb_finish(&t);
	return tap_done();
}
