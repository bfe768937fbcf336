/* test_latency.c - what the latency audit changed keeps its meaning:
 * jz.cash_obligations (0104, one pass over the items) sums the same as the
 * cash items due month by month (jz.cash_items_due, what 0080 summed), for
 * every year and first month around the sample's plans; the forecast adds
 * its parts; and the indicators screen reads in two round trips (the
 * forecast's privilege check rides on the first). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "indicators.h"
#include "tap.h"
#include "testdb.h"

/* (year, first day) pairs whose one-pass sum differs from the per-month one */
static const char mismatches[] =
	"SELECT count(*) FILTER (WHERE new <> old) || '/' || count(*) || '/' || count(*) FILTER (WHERE old > 0)"
	" FROM (SELECT y, f, jz.cash_obligations(y, f) AS new,"
	"  (SELECT coalesce(sum(d.amount_fen), 0) FROM generate_series("
	"    greatest(date_trunc('month', f)::date, make_date(y, 1, 1)), make_date(y, 12, 1),"
	"    interval '1 month') g(m) CROSS JOIN LATERAL jz.cash_items_due(g.m::date, true) d) AS old"
	"  FROM generate_series(extract(year from current_date)::int - 1,"
	"                       extract(year from current_date)::int + 1) y,"
	"  LATERAL (SELECT (make_date(y, 1, 1) + k * 29 - 20)::date FROM generate_series(0, 13) k) q(f)) s";

/* Active plans around the years compared (triggers and foreign keys off, as
 * the owner: the sums read plans, items and payments only): one
 * within a year, one across two new years with a month already paid, one
 * starting late; cash items of two kinds, a zero one and a visit item that
 * owe nothing. */
static const char plans[] =
	"SET session_replication_role = replica;"
	"CREATE TEMP TABLE apps AS SELECT k, 990000 + k AS id, coalesce((SELECT min(id) FROM jz.communities), 1)"
	" AS community_id, 990000 + k AS household_id FROM generate_series(1, 3) k;"
	"INSERT INTO jz.plans (application_id, community_id, household_id, state, start_date, end_date)"
	" SELECT id, community_id, household_id, 'active', s, e FROM apps JOIN (VALUES"
	"  (1, date '2026-01-10', date '2026-06-20'), (2, date '2025-11-03', date '2027-03-31'),"
	"  (3, date '2027-08-01', date '2028-01-31')) v(k, s, e) USING (k);"
	"INSERT INTO jz.plan_items (plan_id, community_id, kind, amount_fen, visits_per_week)"
	" SELECT p.id, p.community_id, v.kind, v.fen, v.visits FROM jz.plans p JOIN apps a ON a.id = p.application_id,"
	" (VALUES ('cash_low_income', 50000, NULL), ('cash_elderly_extra', 30000, NULL),"
	"  ('cash_low_income', 0, NULL), ('home_visits', NULL, 3)) v(kind, fen, visits);"
	"INSERT INTO jz.payments (community_id, plan_item_id, plan_id, household_id, month, amount_fen,"
	" source, ledger_id)"
	" SELECT i.community_id, i.id, i.plan_id, p.household_id, date '2026-04-01', i.amount_fen,"
	"  (SELECT code FROM jz.fund_sources ORDER BY priority LIMIT 1), -i.id"
	" FROM jz.plan_items i JOIN jz.plans p ON p.id = i.plan_id JOIN apps a ON a.id = p.application_id"
	" WHERE p.start_date = '2025-11-03' AND i.amount_fen = 50000;"
	"SET session_replication_role = origin;";

/* Requests one call sends: Sync (extended query) or Query messages. */
static int trips_of_indicators(db_conn *c, db_indicators *out, bool *ok_out)
{
	FILE *f = tmpfile();
	char line[4096];
	int n = 0;
	db_err e;

	if (!f)
		return -1;
	PQtrace(db_pg(c), f);
	PQsetTraceFlags(db_pg(c), PQTRACE_SUPPRESS_TIMESTAMPS);
	*ok_out = db_year_indicators(c, 2026, out, &e);
	if (!*ok_out)
		tap_diag("indicators: %s", e.message);
	PQuntrace(db_pg(c));
	rewind(f);
	while (fgets(line, sizeof line, f))
		if (line[0] == 'F' && (strstr(line, "\tSync") || strstr(line, "\tQuery")))
			n++;
	fclose(f);
	return n;
}

int main(void)
{
	testdb t;
	char err[512];
	char *v;
	db_err e;
	int a = -1, b = -1, c = -1;
	db_indicators ind;
	bool ok_ind = false;
	int trips;

	if (!testdb_init(&t, "latency", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(db_script(t.conn, plans, &e), "three active plans with cash and other items, a month paid: %s",
	   e.message);
	v = testdb_value(t.conn, mismatches, 0, NULL);
	ok(v && sscanf(v, "%d/%d/%d", &a, &b, &c) == 3, "the sums compared: %s", v ? v : "(null)");
	ok(b == 42, "42 (year, first day) pairs, first days before, on and after month starts");
	ok(c > 0, "the plans owe cash in %d of them (the check can fail)", c);
	ok(a == 0, "one pass sums what the months summed in every pair (%d differ)", a);
	free(v);
	v = testdb_value(t.conn, "SELECT count(*) FROM jz.funds_forecast(2026, '2026-03-15')"
			 " WHERE obligations_fen = cash_fen + training_fen"
			 " AND cash_fen = jz.cash_obligations(2026, '2026-03-15')"
			 " AND training_fen = jz.training_obligations(2026, '2026-03-15')"
			 " AND from_month = '2026-03-01' AND months_left = 10"
			 " AND shortfall_fen = greatest(0, obligations_fen - remaining_fen)", 0, NULL);
	is_str(v, "1", "the forecast from 15 March 2026: its parts, March and ten months");
	free(v);

	trips = trips_of_indicators(t.conn, &ind, &ok_ind);
	ok(ok_ind && ind.n > 0 && ind.has_forecast, "年度指标 read with the forecast (%d rows)", ind.n);
	ok(trips == 2, "年度指标 in two round trips (%d)", trips);
	testdb_finish(&t);
	return tap_done();
}
