/* test_indicators.c - the sample community (jz.sample_history) at the seed's
 * scale and shares, loaded fast; jz.year_indicators against the seed's
 * targets read from the policy rows, its figures recounted independently,
 * scoped by RLS for the supervisor; the bars in eighths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "indicators.h"
#include "migrate.h"
#include "tap.h"
#include "testdb.h"

static const db_indicator *find(const db_indicators *d, const char *key)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->rows[i].key, key) == 0)
			return &d->rows[i];
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bars(void)
{
	char b[128], g[40];
	db_indicator r = { .unit = DB_IND_PEOPLE, .actual = 150, .target = 200,
			   .has_actual = true, .has_target = true, .available = true };

	is_str(db_indicator_bar(0, 4, b, sizeof b), "    ", "empty bar is spaces");
	is_str(db_indicator_bar(1000, 3, b, sizeof b), "\u2588\u2588\u2588", "full bar");
	is_str(db_indicator_bar(500, 3, b, sizeof b), "\u2588\u258C ", "half of 3 cells: 1.5 blocks");
	is_str(db_indicator_bar(2000, 2, b, sizeof b), "\u2588\u2588", "over 100% is clipped");
	is_str(db_indicator_bar(125, 1, b, sizeof b), "\u258F", "one eighth");
	is_int(db_indicator_permille(&r), 750, "150 of 200 is 75.0%");
	r.available = false;
	is_int(db_indicator_permille(&r), -1, "no data: no share");
	r = (db_indicator){ .unit = DB_IND_PERCENT, .actual = 36, .base = 40, .target = 90,
			    .has_actual = true, .has_base = true, .has_target = true, .available = true };
	is_int(db_indicator_permille(&r), 1000, "36 of 40 satisfied = 90%, all of the 90% target");
	db_indicator_figures(&r, b, sizeof b);
	is_str(b, "90.0% / 90%", "share figures");
	r = (db_indicator){ .unit = DB_IND_FEN, .actual = 81200050, .target = 100000000,
			    .has_actual = true, .has_target = true, .available = true };
	db_indicator_figures(&r, b, sizeof b);
	is_str(b, "\u00A5812,000 / \u00A51,000,000", "money in yuan with separators");
	is_str(db_group_digits(-1234567, g, sizeof g), "-1,234,567", "negative grouped");
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;
	db_indicators d;
	int year;
	double t0, dt;

	bars();
	if (!testdb_init(&t, "indicators", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	year = (int)testdb_count(t.conn, "SELECT extract(year from current_date)::int", 0, NULL);

	memset(&e, 0, sizeof e);
	t0 = now_s();
	ok(db_load_sample(t.conn, &e), "sample loads: %s %s", e.message, e.detail);
	dt = now_s() - t0;
	ok(dt < 20.0, "sample (with the history) took %.1f s (target under ~10 s)", dt);
	tap_diag("notice: %s", db_last_notice(t.conn));

	/* seed scale and shares in 建设路社区 */
	long long people = testdb_count(t.conn, "SELECT count(*) FROM jz.persons p JOIN jz.communities c"
					" ON c.id = p.community_id WHERE c.code = '110105001002'", 0, NULL);
	ok(people >= 3600 && people <= 4600, "about 4,000 residents (%lld)", people);
	long long low = testdb_count(t.conn, "SELECT count(*) FROM jz.household_members m"
				     " JOIN jz.households h ON h.id = m.household_id"
				     " JOIN jz.communities c ON c.id = h.community_id AND c.code = '110105001002'"
				     " WHERE h.id IN (SELECT household_id FROM jz.applications a"
				     "  JOIN jz.application_categories ac ON ac.application_id = a.id"
				     "  WHERE ac.category = 'low_income')", 0, NULL);
	tap_diag("people in low-income households that applied: %lld", low);
	long long alone = testdb_count(t.conn, "SELECT count(*) FROM jz.households h JOIN jz.communities c"
				       " ON c.id = h.community_id AND c.code = '110105001002'"
				       " WHERE (SELECT count(*) FROM jz.household_members m WHERE m.household_id = h.id) = 1"
				       " AND (SELECT min(jz.age_on(p.birth_date, current_date)) FROM jz.household_members m"
				       "  JOIN jz.persons p ON p.id = m.person_id WHERE m.household_id = h.id) >= 60", 0, NULL);
	ok(people > 0 && alone * 100 / people >= 4 && alone * 100 / people <= 7,
	   "elderly living alone about 5%% (%lld)", alone);
	long long dis = testdb_count(t.conn, "SELECT count(*) FROM jz.household_members m JOIN jz.communities c"
				     " ON c.id = m.community_id AND c.code = '110105001002' WHERE disability_category IS NOT NULL", 0, NULL);
	ok(people > 0 && dis * 1000 / people >= 20 && dis * 1000 / people <= 40, "disabled about 3%% (%lld)", dis);
	long long states = testdb_count(t.conn, "SELECT count(DISTINCT state) FROM jz.applications a JOIN jz.communities c"
					" ON c.id = a.community_id AND c.code = '110105001002'", 0, NULL);
	ok(states >= 10, "applications in every state (%lld states)", states);
	ok(testdb_count(t.conn, "SELECT count(*) FROM jz.plans WHERE state = 'active'", 0, NULL) > 100, "active plans");

	/* the indicators, as the demo supervisor (RLS) */
	db_conn *sup = testdb_connect_as(&t, "supervisor", "demo", &e);
	if (!ok(sup != NULL, "supervisor logs in: %s", sup ? "" : e.message))
		goto out;
	ok(db_year_indicators(sup, year, &d, &e), "year_indicators: %s", e.message);
	is_int(d.n, 10, "ten indicator rows");
	static const struct { const char *key, *policy; } targets[] = {
		{ "households_low_income", "target_households_low_income" },
		{ "elderly_alone", "target_elderly_alone" },
		{ "disabled", "target_disabled" },
		{ "unemployed", "target_unemployed" },
		{ "cash_paid", "funding_total" },
		{ "volunteer_hours", "target_volunteer_hours" },
		{ "counselling_participants", "target_counselling_participants" },
		{ "counselling_satisfaction", "target_satisfaction" },
		{ "trained", "target_trained" },
		{ "employed_share", "target_employed_after_training" },
	};
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		const db_indicator *r = find(&d, targets[i].key);
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT (jz.policy_value('%s', make_date(%d, 12, 31))).value",
			 targets[i].policy, year);
		long long want = testdb_count(t.conn, sql, 0, NULL);
		ok(r && r->has_target && r->target == want, "%s: target %lld from the policy row",
		   targets[i].key, want);
		if (r)
			tap_diag("%-26s actual %lld base %lld target %lld available %d", r->key,
				 r->actual, r->base, r->target, r->available);
	}
	static const long long seed[] = { 200, 50, 30, 100 };
	for (int i = 0; i < 4; i++)
		ok(d.rows[i].target == seed[i], "seed target %lld", seed[i]);

	/* recount low-income households helped independently */
	char sql[600];
	snprintf(sql, sizeof sql,
		 "SELECT count(DISTINCT p.household_id) FROM jz.plans p"
		 " WHERE p.state IN ('active','closed') AND p.start_date <= make_date(%d,12,31)"
		 " AND p.end_date >= make_date(%d,1,1) AND EXISTS (SELECT 1 FROM jz.application_categories ac"
		 " WHERE ac.application_id = p.application_id AND ac.category = 'low_income')", year, year);
	const db_indicator *li = find(&d, "households_low_income");
	long long want_li = testdb_count(t.conn, sql, 0, NULL);
	ok(li && li->actual == want_li && want_li > 100, "low-income households helped %lld (recounted %lld)",
	   li ? li->actual : -1, want_li);
	const db_indicator *el = find(&d, "elderly_alone");
	ok(el && el->actual > 20 && el->actual <= 75, "elderly alone helped: %lld", el ? el->actual : -1);
	for (int i = 4; i < d.n; i++)
		if (d.rows[i].available)
			ok(d.rows[i].has_actual && d.rows[i].actual > 0, "%s has a figure (%lld)",
			   d.rows[i].key, d.rows[i].actual);
	ok(!d.has_forecast || d.shortfall_fen > 0,
	   "the sample's cash obligations exceed the funds: a shortfall is forecast");
	if (d.has_forecast)
		tap_diag("forecast: obligations %lld remaining %lld shortfall %lld months %d",
			 d.obligations_fen, d.remaining_fen, d.shortfall_fen, d.months_left);

	/* another community's supervisor sees none of it */
	ok(db_run(t.conn, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tind_sup') THEN"
		  " CREATE ROLE tind_sup LOGIN PASSWORD 'x' IN ROLE jz_supervisor; END IF; END $$", 0, NULL, &e)
	   && db_run(t.conn, "INSERT INTO jz.staff (login, display_name, group_role) VALUES"
		     " ('tind_sup', '督导 测试', 'jz_supervisor') ON CONFLICT DO NOTHING", 0, NULL, &e),
	   "a supervisor with no community: %s", e.message);
	db_conn *none = testdb_connect_as(&t, "tind_sup", "x", &e);
	if (ok(none != NULL, "logs in") && db_year_indicators(none, year, &d, &e)) {
		const db_indicator *r = find(&d, "households_low_income");
		ok(r && r->actual == 0, "sees no household of the sample (%lld)", r ? r->actual : -1);
	}
	db_close(none);
	db_close(sup);
out:
	testdb_finish(&t);
	return tap_done();
}
