/* test_errtext.c - the database's refusals as db_err carries them to the
 * screens (db/errtext.c): real rule errors of the rota (0070, 0136) on the
 * sample's 孙玉珍 and a volunteer free Monday and Wednesday 9:00-12:00, at
 * most two hours a week. Under C.UTF-8 (English) the message is the code's
 * English sentence followed by the database's own Chinese text in
 * parentheses; under zh_CN with the catalogue it is exactly the database's
 * text. The database's text is read straight from libpq, not from db.c. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "errtext.h"
#include "i18n_test.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"

/* Each statement runs in a transaction rolled back after, so the attempts
 * see the same rota whatever the language. */
#define VISIT(from, to) \
	"insert into jz.visits (recipient_id, volunteer_id, slot) " \
	"select r.id, v.id, tstzrange(('" from "'::timestamp) at time zone jz.office_tz(), " \
	"('" to "'::timestamp) at time zone jz.office_tz()) " \
	"from jz.persons r, jz.volunteers v where r.name = '孙玉珍' and v.phone = '13800001111'"

static const struct refusal {
	const char *what;
	const char *sql;
	const char *sqlstate;
	const char *detail;    /* a piece of the database's text that must stay */
} refusals[] = {
	{ .what = "Monday 08:00, before the volunteer's hours", .sql = VISIT("2030-01-07 08:00", "2030-01-07 09:00"),
	  .sqlstate = "JZ030", .detail = "2030-01-07 08:00 至 09:00 不在可服务时间内" },
	{ .what = "Wednesday 10:00, over the two hours of the week", .sql = VISIT("2030-01-09 10:00", "2030-01-09 10:30"),
	  .sqlstate = "JZ031", .detail = "每周上限 120 分钟" },
	{ .what = "a visit years ahead logged as missed",
	  .sql = "update jz.visits set status = 'missed', note = '老人住院' where slot @> "
		 "('2030-01-09 09:30'::timestamp at time zone jz.office_tz())",
	  .sqlstate = "JZ035", .detail = "2030-01-09 09:00 才开始" },
	{ .what = "the next Monday 09:30, over the booked 09:00", .sql = VISIT("2030-01-14 09:30", "2030-01-14 10:30"),
	  .sqlstate = "23P01", .detail = "visits_no_overlap" },
};

/* The database's own primary text for sql (rolled back); malloc'd. */
static char *server_text(db_conn *c, const char *sql, char state[6])
{
	PGconn *pg = db_pg(c);
	char *text = NULL;

	PQclear(PQexec(pg, "begin"));
	PGresult *r = PQexec(pg, sql);
	const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	snprintf(state, 6, "%s", s ? s : "");
	text = m ? strdup(m) : NULL;
	PQclear(r);
	PQclear(PQexec(pg, "rollback"));
	return text;
}

/* What the screens get: db_run's db_err (rolled back). */
static bool refused(db_conn *c, const char *sql, db_err *e)
{
	bool done;

	db_run(c, "begin", 0, NULL, e);
	done = db_run(c, sql, 0, NULL, e);
	db_run(c, "rollback", 0, NULL, NULL);
	return !done;
}

static void english(db_conn *c)
{
	for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		const struct refusal *r = &refusals[i];
		char state[6];
		char *server = server_text(c, r->sql, state);
		db_err e;
		memset(&e, 0, sizeof e);
		if (!ok(server && strcmp(state, r->sqlstate) == 0 && strstr(server, r->detail),
			"%s: the database refuses with %s (%s: %s)", r->what, r->sqlstate, state,
			server ? server : "accepted")) {
			free(server);
			continue;
		}
		ok(refused(c, r->sql, &e) && strcmp(e.sqlstate, r->sqlstate) == 0, "%s: db_err has %s (%s)", r->what,
		   r->sqlstate, e.sqlstate);
		const char *en = db_errtext_lookup(r->sqlstate);
		ok(en && strncmp(e.message, en, strlen(en)) == 0, "English: the message starts with '%s': %s",
		   en ? en : "?", e.message);
		char want[600];
		snprintf(want, sizeof want, "%s (%s)", en ? en : "?", server);
		is_str(e.message, want, "English: then the database's text whole, in parentheses");
		ok(strstr(e.message, r->detail) != NULL, "the detail '%s' is still there", r->detail);
		free(server);
	}
}

static void chinese(db_conn *c)
{
	for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		const struct refusal *r = &refusals[i];
		char state[6];
		char *server = server_text(c, r->sql, state);
		db_err e;
		memset(&e, 0, sizeof e);
		ok(refused(c, r->sql, &e) && strcmp(e.sqlstate, r->sqlstate) == 0, "中文：%s 被拒绝（%s）", r->what,
		   e.sqlstate);
		is_str(e.message, server ? server : "?", "中文：提示就是数据库的原文");
		free(server);
	}
}

int main(void)
{
	testdb t;
	char err[512], why[128];
	db_err e;

	/* gettext follows LANGUAGE before the locale: the test says which */
	unsetenv("LANGUAGE");
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return tap_skip_all("no C.UTF-8 locale");
	if (!testdb_init(&t, "errtext", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	memset(&e, 0, sizeof e);
	ok(db_load_sample(t.conn, &e), "sample loaded: %s", e.message);
	ok(db_run(t.conn,
		  "insert into jz.persons (community_id, id_number, name, sex, birth_date) "
		  "select c.id, jz.sample_idnum('110108', '1980-02-02', 901), '欧阳志远', 'M', '1980-02-02' "
		  "from jz.communities c where c.code = '110105001001'", 0, NULL, &e)
	   && db_run(t.conn,
		     "insert into jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week) "
		     "select community_id, id, '13800001111', '{幸福里1号楼}', '{company}', 120 "
		     "from jz.persons where name = '欧阳志远'", 0, NULL, &e)
	   && db_run(t.conn,
		     "insert into jz.volunteer_availability (volunteer_id, weekday, start_min, end_min) "
		     "select id, d, 540, 720 from jz.volunteers, unnest(array[0, 2]) d where phone = '13800001111'",
		     0, NULL, &e)
	   && db_run(t.conn, VISIT("2030-01-07 09:00", "2030-01-07 10:00"), 0, NULL, &e)
	   && db_run(t.conn, VISIT("2030-01-09 09:00", "2030-01-09 10:00"), 0, NULL, &e)
	   && db_run(t.conn, VISIT("2030-01-14 09:00", "2030-01-14 10:00"), 0, NULL, &e),
	   "a volunteer free Monday and Wednesday 9:00-12:00, two hours a week: booked Monday and Wednesday"
	   " 9:00 and the next Monday 9:00: %s", e.message);

	ok(!db_errtext_ui_chinese(), "C.UTF-8: the screens are in English");
	english(t.conn);

	if (!i18n_test_zh(why, sizeof why)) {
		tap_diag("skipping the Chinese half: %s", why);
	} else {
		unsetenv("LANGUAGE");
		ok(db_errtext_ui_chinese(), "zh_CN.UTF-8 and the catalogue: the screens are in Chinese");
		chinese(t.conn);
	}
	testdb_finish(&t);
	return tap_done();
}
