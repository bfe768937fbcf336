/* policy_admin.c - reads and the one write of the policy and holiday
 * screens; every value a parameter. */
#include "policy_admin.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char sql_list[] =
	"SELECT p.key, p.value::text, p.unit, p.effective_from::text, p.note,"
	" p.effective_from = (SELECT max(q.effective_from) FROM jz.policy q"
	"   WHERE q.key = p.key AND q.effective_from <= current_date),"
	" p.effective_from > current_date, coalesce(m.name, ''),"
	" coalesce((lead(p.effective_from) OVER (PARTITION BY p.key ORDER BY p.effective_from)"
	"   - 1)::text, '')"
	" FROM jz.policy p LEFT JOIN jz.policy_name m ON m.key = p.key"
	" ORDER BY p.key, p.effective_from";

static void copy(char *dst, size_t len, const PGresult *r, int row, int col)
{
	snprintf(dst, len, "%s", PQgetvalue(r, row, col));
}

bool db_policy_list(db_conn *c, db_policy_row **rows, size_t *n, db_err *err)
{
	PGresult *r;
	db_policy_row *out;
	int nt;

	*rows = NULL;
	*n = 0;
	r = db_exec_retry(c, sql_list, 0, NULL, err);
	if (!r)
		return false;
	nt = PQntuples(r);
	out = calloc(nt > 0 ? (size_t)nt : 1, sizeof *out);
	if (!out) {
		PQclear(r);
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return false;
	}
	for (int i = 0; i < nt; i++) {
		copy(out[i].key, sizeof out[i].key, r, i, 0);
		out[i].value = strtoll(PQgetvalue(r, i, 1), NULL, 10);
		copy(out[i].unit, sizeof out[i].unit, r, i, 2);
		copy(out[i].effective, sizeof out[i].effective, r, i, 3);
		out[i].note = strdup(PQgetvalue(r, i, 4));
		out[i].in_force = PQgetvalue(r, i, 5)[0] == 't';
		out[i].future = PQgetvalue(r, i, 6)[0] == 't';
		copy(out[i].name, sizeof out[i].name, r, i, 7);
		copy(out[i].until, sizeof out[i].until, r, i, 8);
		if (!out[i].note) {
			PQclear(r);
			db_policy_rows_free(out, (size_t)nt);
			db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
			return false;
		}
	}
	PQclear(r);
	*rows = out;
	*n = (size_t)nt;
	return true;
}

void db_policy_rows_free(db_policy_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].note);
	free(rows);
}

bool db_policy_add(db_conn *c, const char *key, int64_t value, const char *effective,
		   const char *note, db_err *err)
{
	char v[32];
	const char *p[4];

	snprintf(v, sizeof v, "%" PRId64, value);
	p[0] = key;
	p[1] = v;
	p[2] = effective;
	p[3] = note ? note : "";
	return db_run(c, "SELECT jz.policy_add($1, $2::bigint, $3::date, $4)", 4, p, err);
}

static const char sql_years[] =
	"SELECT y.year, to_char(y.loaded_at, 'YYYY-MM-DD HH24:MI'), coalesce(y.source, ''),"
	" (SELECT count(*) FROM jz.holiday h WHERE h.day >= make_date(y.year, 1, 1)"
	"   AND h.day < make_date(y.year + 1, 1, 1))"
	" FROM jz.holiday_year y ORDER BY y.year";

bool db_holiday_years(db_conn *c, db_holiday_year_row **rows, size_t *n, db_err *err)
{
	PGresult *r;
	db_holiday_year_row *out;
	int nt;

	*rows = NULL;
	*n = 0;
	r = db_exec_retry(c, sql_years, 0, NULL, err);
	if (!r)
		return false;
	nt = PQntuples(r);
	out = calloc(nt > 0 ? (size_t)nt : 1, sizeof *out);
	if (!out) {
		PQclear(r);
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return false;
	}
	for (int i = 0; i < nt; i++) {
		out[i].year = atoi(PQgetvalue(r, i, 0));
		copy(out[i].loaded_at, sizeof out[i].loaded_at, r, i, 1);
		copy(out[i].source, sizeof out[i].source, r, i, 2);
		out[i].days = atoi(PQgetvalue(r, i, 3));
	}
	PQclear(r);
	*rows = out;
	*n = (size_t)nt;
	return true;
}

bool db_area_code_count(db_conn *c, long long *count, db_err *err)
{
	PGresult *r = db_exec_retry(c, "SELECT count(*) FROM jz.area_code", 0, NULL, err);

	*count = 0;
	if (!r)
		return false;
	*count = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return true;
}
