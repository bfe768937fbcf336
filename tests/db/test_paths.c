/* test_paths.c - the three paths made cheaper after the latency audit keep
 * their meaning, on 2,000 generated applications (tests/bench/generate.c):
 * - find (0106): every page of jz.find_applications, followed by its keys,
 *   is the page of 0035's function (kept here as old35.find_applications)
 *   column for column and in the same order, as a receptionist of some of
 *   the communities, for names, numbers and ID suffixes, called more than
 *   the five times after which a plan could go generic;
 * - detail (0107): one round trip (PQtrace), the same sections as the
 *   tables hold, one 'VIEW' audit entry per member, nothing outside the
 *   caller's communities;
 * - indicators (0108): jz.year_indicators gives the figures of 0090's
 *   function (o9.year_indicators) for every year around the plans. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef JZ_SOURCE_ROOT
#error "JZ_SOURCE_ROOT must name the source tree"
#endif

#include "db.h"
#include "detail.h"
#include "find.h"
#include "generate.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "路径口令pw7"

/* 0035's text, beside the new one; jz.queue_match (0033) is still there. */
static const char old_find[] =
	"CREATE SCHEMA old35;"
	"CREATE FUNCTION old35.find_applications(p_filter text, p_after text, p_limit int)"
	" RETURNS TABLE (id bigint, number text, applicant text, id_masked text, state text,"
	"  state_name text, community text, submitted text, notify_by text,"
	"  notify_by_certain boolean, days_left int, overdue boolean, assigned_to text,"
	"  assigned_name text, version int, key text)"
	" LANGUAGE sql STABLE SET search_path = pg_catalog, jz AS $$"
	" select a.id, a.number, p.name,"
	"  left(p.id_number::text, 6) || '********' || right(p.id_number::text, 4),"
	"  a.state, s.name, c.name, to_char(a.submitted_at, 'YYYY-MM-DD'),"
	"  coalesce(to_char(a.notify_by, 'YYYY-MM-DD'), ''), coalesce(a.notify_by_certain, true),"
	"  case when a.state = 'submitted' and a.notify_by is not null"
	"   then jz.days_left(a.notify_by) else 0 end,"
	"  a.state = 'submitted' and a.notify_by < current_date,"
	"  coalesce(a.assigned_to, ''), coalesce(sf.display_name, a.assigned_to, ''), a.version,"
	"  to_char(a.submitted_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || ',' || a.id::text"
	" from jz.applications a join jz.persons p on p.id = a.applicant_id"
	" join jz.application_states s on s.code = a.state join jz.communities c on c.id = a.community_id"
	" left join jz.staff sf on sf.login = a.assigned_to"
	" where a.id in (select jz.queue_match(p_filter))"
	"  and (coalesce(p_after, '') = '' or (a.submitted_at, a.id) <"
	"   ((split_part(p_after, ',', 1)::timestamp at time zone 'UTC'), split_part(p_after, ',', 2)::bigint))"
	" order by a.submitted_at desc, a.id desc limit greatest(1, least(coalesce(p_limit, 50), 200)) $$;"
	"GRANT USAGE ON SCHEMA old35 TO jz_reception;"
	"GRANT EXECUTE ON FUNCTION old35.find_applications(text, text, int) TO jz_reception;";

/* One page of both, as text rows in their order; "same" or where they part,
 * and the key of the page's last row for the next one ("" at the end). */
static const char compare_sql[] =
	"WITH o AS (SELECT array_agg(t::text ORDER BY n) a, count(*) c, (array_agg(t.key ORDER BY n DESC))[1] k"
	"   FROM old35.find_applications($1, $2, $3::int) WITH ORDINALITY t(id, number, applicant, id_masked,"
	"   state, state_name, community, submitted, notify_by, nbc, days_left, overdue, assigned_to,"
	"   assigned_name, version, key, n)),"
	" x AS (SELECT array_agg(t::text ORDER BY n) a, count(*) c FROM jz.find_applications($1, $2, $3::int)"
	"   WITH ORDINALITY t(id, number, applicant, id_masked, state, state_name, community, submitted,"
	"   notify_by, nbc, days_left, overdue, assigned_to, assigned_name, version, key, n))"
	" SELECT o.a IS NOT DISTINCT FROM x.a, o.c, x.c, coalesce(o.k, '') FROM o, x";

/* Every page of one filter; the rows of all pages, -1 when a page differs. */
static long pages_same(db_conn *c, const char *filter, const char *limit)
{
	char key[128] = "";
	long rows = 0;

	for (int page = 0; page < 400; page++) {
		db_err e;
		PGresult *r = db_exec(c, compare_sql, 3, (const char *const[]){ filter, key, limit }, &e);
		long oc, xc;

		if (!r || PQntuples(r) != 1) {
			tap_diag("%s page %d: %s", filter, page, r ? "no row" : e.message);
			PQclear(r);
			return -1;
		}
		oc = atol(PQgetvalue(r, 0, 1));
		xc = atol(PQgetvalue(r, 0, 2));
		if (strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
			tap_diag("%s page %d after '%s': %ld rows before, %ld now", filter, page, key, oc, xc);
			PQclear(r);
			return -1;
		}
		rows += oc;
		snprintf(key, sizeof key, "%s", PQgetvalue(r, 0, 3));
		PQclear(r);
		if (oc < atol(limit))
			return rows;
	}
	return rows;
}

static void find_same(db_conn *super, db_conn *rc)
{
	db_err e;
	PGresult *r;
	long total = 0, found_some = 0, bad = 0, filters = 0;

	ok(db_script(super, old_find, &e), "0035's find_applications beside the new one: %s", e.message);
	/* names (surname, two characters, whole), numbers, ID suffixes of 4, 6
	 * and 18; lower-case x; of applications in and out of the receptionist's
	 * communities; and what matches nothing */
	r = db_exec(super,
		"SELECT DISTINCT f FROM (SELECT a.id, unnest(array[left(p.name, 1), left(p.name, 2), p.name,"
		"  a.number, lower(a.number), right(p.id_number, 4), right(p.id_number, 6), p.id_number::text,"
		"  lower(right(p.id_number, 5))]) f"
		" FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
		" WHERE a.id % 131 = 0 OR p.id_number LIKE '%X') s"
		" UNION ALL VALUES ('欧阳'), ('司马'), (' 王伟 '), ('无此人'), ('0000'), ('123'), ('')"
		" ORDER BY 1", 0, NULL, &e);
	ok(r && PQntuples(r) > 50, "filters to try (%d)", r ? PQntuples(r) : 0);
	for (int i = 0; r && i < PQntuples(r); i++) {
		const char *f = PQgetvalue(r, i, 0);
		/* pages of 20 as the screen asks, and of 3 to cross many keys */
		long a = pages_same(rc, f, "20"), b = pages_same(rc, f, i % 5 == 0 ? "3" : "200");

		filters++;
		if (a < 0 || b < 0 || a != b)
			bad++;
		else {
			total += a;
			found_some += a > 0;
		}
	}
	PQclear(r);
	ok(bad == 0, "every page of %ld filters the same rows in the same order (%ld differ)", filters, bad);
	ok(found_some > filters / 3 && total > 1000, "the filters found rows (%ld of them found %ld rows)",
	   found_some, total);
	{
		char *out = testdb_value(super, "SELECT count(*) FROM jz.applications a"
					 " WHERE a.id % 131 = 0 AND a.community_id NOT IN"
					 " (SELECT community_id FROM jz.staff_community WHERE login = $1)",
					 1, (const char *const[]){ PQuser(db_pg(rc)) });
		ok(out && atol(out) > 0, "some of the applications tried are outside the receptionist's (%s)",
		   out ? out : "?");
		free(out);
	}
}

/* Requests sent by one read: Sync (extended query) or Query messages. */
static int detail_trips(db_conn *c, long long app, db_detail *d, bool *ok_out)
{
	FILE *f = tmpfile();
	char line[4096];
	int n = 0;
	db_err e;

	if (!f)
		return -1;
	PQtrace(db_pg(c), f);
	PQsetTraceFlags(db_pg(c), PQTRACE_SUPPRESS_TIMESTAMPS);
	*ok_out = db_detail_read(c, app, d, &e);
	if (!*ok_out)
		tap_diag("detail: %s", e.message);
	PQuntrace(db_pg(c));
	rewind(f);
	while (fgets(line, sizeof line, f))
		if (line[0] == 'F' && (strstr(line, "\tSync") || strstr(line, "\tQuery")))
			n++;
	fclose(f);
	return n;
}

static void detail_same(db_conn *super, db_conn *rc, const char *login)
{
	db_detail d;
	bool good = false;
	char sid[24], *s;
	long long app, views, other;
	int trips;
	PGresult *r;
	db_err e;

	memset(&d, 0, sizeof d);
	/* a couple's application in the receptionist's communities, moved once */
	s = testdb_value(super, "SELECT min(a.id) FROM jz.applications a WHERE a.state = 'submitted'"
			 " AND (SELECT count(*) FROM jz.household_members m WHERE m.household_id = a.household_id) = 2"
			 " AND a.community_id IN (SELECT community_id FROM jz.staff_community WHERE login = $1)",
			 1, (const char *const[]){ login });
	app = s ? atoll(s) : 0;
	free(s);
	ok(app > 0, "a couple's application (%lld)", app);
	snprintf(sid, sizeof sid, "%lld", app);
	ok(db_run(super, "INSERT INTO jz.application_events (application_id, community_id, from_state, to_state,"
		  " actor, reason, version) SELECT id, community_id, 'submitted', 'accepted', 'tpaths', '材料齐全，受理', version"
		  " FROM jz.applications WHERE id = $1::bigint", 1, (const char *const[]){ sid }, &e),
	   "a move in its history: %s", e.message);
	views = testdb_count(super, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW'", 0, NULL);

	trips = detail_trips(rc, app, &d, &good);
	ok(good && d.found, "the record read");
	is_int(trips, 1, "in one round trip");
	is_int((int)(testdb_count(super, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW'", 0, NULL) - views), 2,
	       "one VIEW entry for each of the two members");

	s = testdb_value(super, "SELECT a.number || '|' || s.name || '|' || c.name || '|'"
			 " || to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI') || '|' || coalesce(a.notify_by::text, '')"
			 " || '|' || a.reason || '|' || h.address || '|' || a.version FROM jz.applications a"
			 " JOIN jz.application_states s ON s.code = a.state JOIN jz.communities c ON c.id = a.community_id"
			 " JOIN jz.households h ON h.id = a.household_id WHERE a.id = $1::bigint", 1,
			 (const char *const[]){ sid });
	{
		char mine[2048];
		snprintf(mine, sizeof mine, "%s|%s|%s|%s|%s|%s|%s|%d", d.number, d.state_name, d.community,
			 d.submitted, d.notify_by, d.reason, d.address, d.version);
		is_str(mine, s, "the application: number, state, community, dates, reason, address, version");
	}
	free(s);

	r = db_exec(super, "SELECT p.id, p.id_number, p.name, p.sex, p.birth_date::text, rl.name,"
		    " m.income_wages_fen + m.income_pension_fen, m.employment, m.health"
		    " FROM jz.applications a JOIN jz.household_members m ON m.household_id = a.household_id"
		    " JOIN jz.persons p ON p.id = m.person_id JOIN jz.relationships rl ON rl.code = m.relationship"
		    " WHERE a.id = $1::bigint ORDER BY p.id", 1, (const char *const[]){ sid }, &e);
	ok(r && PQntuples(r) == 2 && d.n_members == 2, "two members (%zu)", d.n_members);
	for (int i = 0; r && i < PQntuples(r) && (size_t)i < d.n_members; i++) {
		const db_detail_member *m = &d.members[i];
		ok(m->person_id == atoll(PQgetvalue(r, i, 0)) && strcmp(m->id_number, PQgetvalue(r, i, 1)) == 0
		   && strcmp(m->name, PQgetvalue(r, i, 2)) == 0 && strcmp(m->sex, PQgetvalue(r, i, 3)) == 0
		   && strcmp(m->birth_date, PQgetvalue(r, i, 4)) == 0
		   && strcmp(m->relationship, PQgetvalue(r, i, 5)) == 0
		   && m->income_fen == atoll(PQgetvalue(r, i, 6)) && strcmp(m->employment, PQgetvalue(r, i, 7)) == 0
		   && strcmp(m->health, PQgetvalue(r, i, 8)) == 0 && !m->error[0],
		   "member %d in person order: %s %s, %s, income %lld", i + 1, m->name, m->id_number,
		   m->relationship, m->income_fen);
	}
	PQclear(r);

	ok(d.n_categories == 1 && d.categories[0].name[0] && !d.categories[0].member[0],
	   "one category, the household's (%s)", d.n_categories ? d.categories[0].name : "");
	is_int((int)d.n_proofs, (int)testdb_count(super, "SELECT count(*) FROM jz.proofs WHERE application_id = $1::bigint",
						  1, (const char *const[]){ sid }), "every proof");
	s = testdb_value(super, "SELECT string_agg(d.name || '/' || coalesce(p.name, '') || '/' || coalesce(f.number, '')"
			 " || '/' || f.seen, ';' ORDER BY f.id) FROM jz.proofs f JOIN jz.doc_kinds d ON d.code = f.doc_kind"
			 " LEFT JOIN jz.persons p ON p.id = f.person_id WHERE f.application_id = $1::bigint", 1,
			 (const char *const[]){ sid });
	{
		char mine[4096] = "";
		size_t used = 0;
		for (size_t i = 0; i < d.n_proofs && used < sizeof mine; i++)
			used += (size_t)snprintf(mine + used, sizeof mine - used, "%s%s/%s/%s/%s", i ? ";" : "",
						 d.proofs[i].doc_kind, d.proofs[i].person, d.proofs[i].number,
						 d.proofs[i].seen ? "true" : "false");
		is_str(mine, s, "the proofs in order: kind, person, number, seen");
	}
	free(s);
	ok(d.n_events == 1 && strcmp(d.events[0].actor, "tpaths") == 0
	   && strcmp(d.events[0].reason, "材料齐全，受理") == 0 && d.events[0].from_state[0] && d.events[0].to_state[0],
	   "the history: the move, its actor and reason (%zu)", d.n_events);
	ok(!d.members_error[0] && !d.categories_error[0] && !d.proofs_error[0] && !d.events_error[0],
	   "no section failed");

	/* outside the caller's communities: not there, nobody viewed */
	s = testdb_value(super, "SELECT min(a.id) FROM jz.applications a WHERE a.community_id NOT IN"
			 " (SELECT community_id FROM jz.staff_community WHERE login = $1)", 1,
			 (const char *const[]){ login });
	other = s ? atoll(s) : 0;
	free(s);
	views = testdb_count(super, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW'", 0, NULL);
	ok(other > 0 && db_detail_read(rc, other, &d, &e) && !d.found && d.n_members == 0 && d.n_proofs == 0,
	   "another community's application: not there");
	is_int((int)(testdb_count(super, "SELECT count(*) FROM jz.audit_log WHERE action = 'VIEW'", 0, NULL) - views), 0,
	       "and no VIEW entry");
	db_detail_finish(&d);
}

/* Plans over the years around now for two applications in three (states
 * active, closed and proposed, which does not count), and categories of all
 * four kinds, named members and not; triggers off, as the generator. */
static const char plans_sql[] =
	"SET session_replication_role = replica;"
	"INSERT INTO jz.plans (application_id, community_id, household_id, state, start_date, end_date)"
	" SELECT id, community_id, household_id, (array['active','closed','proposed','active','closed'])[id % 5 + 1],"
	"  make_date(extract(year from current_date)::int - 2 + (id % 4)::int, (id % 12)::int + 1, 1),"
	"  make_date(extract(year from current_date)::int - 2 + (id % 4)::int, (id % 12)::int + 1, 1)"
	"   + (30 * (id % 25) + 20)::int"
	" FROM jz.applications WHERE id % 3 <> 0;"
	"INSERT INTO jz.application_categories (application_id, category, member_id, community_id)"
	" SELECT id, v.cat, CASE WHEN v.named THEN applicant_id END, community_id"
	" FROM jz.applications a JOIN (VALUES ('elderly_alone', 7, false), ('disabled', 4, true),"
	"  ('unemployed', 6, true), ('unemployed', 11, false), ('disabled', 13, false)) v(cat, m, named)"
	"  ON a.id % v.m = 0;"
	"SET session_replication_role = origin;"
	"ANALYZE jz.plans; ANALYZE jz.application_categories;";

/* 0090's function, read from its migration, as o9.year_indicators. */
static bool old_indicators(db_conn *super, db_err *e)
{
	FILE *f = fopen(JZ_SOURCE_ROOT "/db/migrations/0090_indicators.sql", "r");
	char *text = NULL, *at;
	long len;
	bool good = false;

	if (!f)
		return false;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0
	    && (text = calloc(1, (size_t)len + 64)) && fread(text, 1, (size_t)len, f) == (size_t)len
	    && (at = strstr(text, "create function jz.year_indicators"))) {
		/* "jz." -> "o9." keeps the length: schema o9 */
		memcpy(at + strlen("create function "), "o9.", 3);
		good = db_script(super, "CREATE SCHEMA o9; GRANT USAGE ON SCHEMA o9 TO jz_supervisor", e)
		       && db_script(super, text, e)
		       && db_script(super, "GRANT EXECUTE ON FUNCTION o9.year_indicators(int) TO jz_supervisor", e);
	}
	free(text);
	fclose(f);
	return good;
}

static void indicators_same(db_conn *super, db_conn *sup)
{
	db_err e;
	PGresult *r;
	int years = 0, same = 0;
	long long counted = 0;

	ok(db_script(super, plans_sql, &e), "plans over four years, categories of four kinds: %s", e.message);
	ok(old_indicators(super, &e), "0090's year_indicators beside the new one: %s", e.message);
	r = db_exec(sup, "SELECT y, (SELECT array_agg(t::text ORDER BY t.sort) FROM o9.year_indicators(y) t)"
		    " IS NOT DISTINCT FROM (SELECT array_agg(t::text ORDER BY t.sort) FROM jz.year_indicators(y) t),"
		    " (SELECT sum(actual) FROM jz.year_indicators(y) t WHERE t.sort <= 40),"
		    " (SELECT count(*) FROM jz.year_indicators(y) t WHERE t.sort <= 40 AND t.actual > 0)"
		    " FROM generate_series(extract(year from current_date)::int - 3,"
		    "                      extract(year from current_date)::int + 2) y ORDER BY y", 0, NULL, &e);
	for (int i = 0; r && i < PQntuples(r); i++) {
		years++;
		same += strcmp(PQgetvalue(r, i, 1), "t") == 0;
		counted += atoll(PQgetvalue(r, i, 2));
		tap_diag("%s: %s, helped %s in %s categories", PQgetvalue(r, i, 0),
			 strcmp(PQgetvalue(r, i, 1), "t") == 0 ? "same" : "DIFFERENT", PQgetvalue(r, i, 2),
			 PQgetvalue(r, i, 3));
	}
	if (!r)
		tap_diag("indicators: %s", e.message);
	PQclear(r);
	ok(years == 6 && same == 6, "the supervisor's indicators of six years the same as 0090's (%d of %d)",
	   same, years);
	ok(counted > 500, "households and people helped counted (%lld: the check can fail)", counted);
}

int main(void)
{
	gen_opts o = { .communities = 4, .households = 2000, .applications = 2000 };
	gen_stats gs;
	testdb t;
	char err[512], login[64], slogin[64];
	db_conn *rc = NULL, *sup = NULL;
	db_err e;
	PGresult *r;

	if (!testdb_init(&t, "paths", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(gen_run(t.conn, &o, &gs, NULL, &e), "2,000 applications generated: %s", e.message);
	/* a receptionist of the first three communities of four */
	snprintf(login, sizeof login, "tpaths%ld", (long)getpid());
	r = db_exec(t.conn, "SELECT code FROM jz.communities WHERE code LIKE '11010590%' ORDER BY id", 0, NULL, &e);
	ok(r && PQntuples(r) == 4 && db_staff_add(t.conn, login, "前台 路径", DB_ROLE_RECEPTION, PQgetvalue(r, 0, 0), PW, &e),
	   "a receptionist: %s", e.message);
	snprintf(slogin, sizeof slogin, "tpaths%ld_s", (long)getpid());
	ok(r && PQntuples(r) == 4 && db_staff_add(t.conn, slogin, "主任 路径", DB_ROLE_SUPERVISOR, PQgetvalue(r, 0, 0), PW, &e),
	   "a supervisor: %s", e.message);
	for (int i = 1; r && i < 3; i++) {
		db_run(t.conn, "SELECT jz.staff_add_community($1, $2)", 2,
		       (const char *const[]){ login, PQgetvalue(r, i, 0) }, &e);
		db_run(t.conn, "SELECT jz.staff_add_community($1, $2)", 2,
		       (const char *const[]){ slogin, PQgetvalue(r, i, 0) }, &e);
	}
	PQclear(r);
	rc = testdb_connect_as(&t, login, PW, &e);
	ok(rc != NULL, "logged in: %s", rc ? "" : e.message);
	if (rc) {
		find_same(t.conn, rc);
		detail_same(t.conn, rc, login);
		db_close(rc);
	}
	sup = testdb_connect_as(&t, slogin, PW, &e);
	ok(sup != NULL, "the supervisor logged in: %s", sup ? "" : e.message);
	if (sup) {
		indicators_same(t.conn, sup);
		db_close(sup);
	}
	for (int i = 0; i < 2; i++) {
		char *drop = testdb_value(t.conn, "SELECT format('DROP ROLE %I', $1::text)", 1,
					  (const char *const[]){ i ? slogin : login });
		if (drop && !db_run(t.conn, drop, 0, NULL, &e))
			tap_diag("cleanup: %s", e.message);
		free(drop);
	}
	testdb_finish(&t);
	return tap_done();
}
