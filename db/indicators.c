/* indicators.c - jz.year_indicators and jz.funds_forecast into structs,
 * and the figures and bars the screen and the report both print. */
#include "indicators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	db_ind_unit unit;
} units[] = {
	{ "households", DB_IND_HOUSEHOLDS },
	{ "people", DB_IND_PEOPLE },
	{ "person_times", DB_IND_PERSON_TIMES },
	{ "fen", DB_IND_FEN },
	{ "hours", DB_IND_HOURS },
	{ "percent", DB_IND_PERCENT },
};

static db_ind_unit unit_parse(const char *s)
{
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i].name, s) == 0)
			return units[i].unit;
	return DB_IND_PEOPLE;
}

/* The funds engineer's forecast (0080) is there and mine to run. */
#define FORECAST_OK \
	"to_regprocedure('jz.funds_forecast(integer,date)') IS NOT NULL" \
	" AND has_function_privilege('jz.funds_forecast(integer,date)', 'EXECUTE')"

static long long num(const PGresult *r, int row, int col, bool *has)
{
	*has = !PQgetisnull(r, row, col);
	return *has ? strtoll(PQgetvalue(r, row, col), NULL, 10) : 0;
}

bool db_year_indicators(db_conn *c, int year, db_indicators *out, db_err *err)
{
	char ybuf[16];
	const char *p[1] = { ybuf };
	PGresult *r;
	int have;   /* the forecast readable: 1, 0, -1 not known yet */

	memset(out, 0, sizeof *out);
	out->year = year;
	snprintf(ybuf, sizeof ybuf, "%d", year);
	/* whether the forecast may be read rides along: one round trip fewer */
	r = db_exec_retry(c, "SELECT key, unit, actual, base, target, available, " FORECAST_OK
			  " FROM jz.year_indicators($1::int) ORDER BY sort", 1, p, err);
	if (!r)
		return false;
	have = PQntuples(r) > 0 ? strcmp(PQgetvalue(r, 0, 6), "t") == 0 : -1;
	for (int i = 0; i < PQntuples(r) && out->n < DB_INDICATORS_MAX; i++) {
		db_indicator *d = &out->rows[out->n++];
		snprintf(d->key, sizeof d->key, "%s", PQgetvalue(r, i, 0));
		d->unit = unit_parse(PQgetvalue(r, i, 1));
		d->actual = num(r, i, 2, &d->has_actual);
		d->base = num(r, i, 3, &d->has_base);
		d->target = num(r, i, 4, &d->has_target);
		d->available = strcmp(PQgetvalue(r, i, 5), "t") == 0;
	}
	PQclear(r);

	/* the funds engineer's forecast (0080), from today for this year */
	if (have < 0) {
		r = db_exec_retry(c, "SELECT " FORECAST_OK, 0, NULL, err);
		if (!r)
			return false;
		have = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
		PQclear(r);
	}
	if (!have)
		return true;
	r = db_exec_retry(c, "SELECT obligations_fen, remaining_fen, shortfall_fen, months_left"
			  " FROM jz.funds_forecast($1::int, greatest(current_date, make_date($1::int, 1, 1)))",
			  1, p, err);
	if (!r)
		return false;
	if (PQntuples(r) == 1) {
		bool h;
		out->has_forecast = true;
		out->obligations_fen = num(r, 0, 0, &h);
		out->remaining_fen = num(r, 0, 1, &h);
		out->shortfall_fen = num(r, 0, 2, &h);
		out->months_left = (int)num(r, 0, 3, &h);
	}
	PQclear(r);
	return true;
}

int db_indicator_permille(const db_indicator *r)
{
	long long v;

	if (!r->available || !r->has_actual || !r->has_target || r->target <= 0)
		return -1;
	if (r->unit == DB_IND_PERCENT) {
		if (!r->has_base || r->base <= 0)
			return -1;
		/* share in permille of the answers, against the target share */
		v = r->actual * 1000 * 100 / (r->base * r->target);
	} else {
		v = r->actual * 1000 / r->target;
	}
	return v > 100000 ? 100000 : (int)v;
}

char *db_indicator_bar(int permille, int cells, char *buf, size_t len)
{
	static const char *const eighths[8] = {
		"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589",
	};
	size_t used = 0;
	long e;
	int full, part, i;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (cells <= 0)
		return buf;
	if (permille < 0)
		permille = 0;
	if (permille > 1000)
		permille = 1000;
	e = (long)permille * cells * 8 / 1000;     /* eighths of a cell */
	full = (int)(e / 8);
	part = (int)(e % 8);
	for (i = 0; i < cells; i++) {
		const char *s = i < full ? "\u2588" : i == full ? (part ? eighths[part] : " ") : " ";
		size_t n = strlen(s);
		if (used + n + 1 > len)
			break;
		memcpy(buf + used, s, n);
		used += n;
	}
	buf[used] = '\0';
	return buf;
}

char *db_group_digits(long long n, char *buf, size_t len)
{
	char digits[32];
	char tmp[48];
	int nd, j = 0;
	bool neg = n < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	nd = snprintf(digits, sizeof digits, "%llu", u);
	if (neg)
		tmp[j++] = '-';
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			tmp[j++] = ',';
		tmp[j++] = digits[i];
	}
	tmp[j] = '\0';
	snprintf(buf, len, "%s", tmp);
	return buf;
}

void db_indicator_figures(const db_indicator *r, char *buf, size_t len)
{
	char a[40], t[40];

	if (!r->available || !r->has_actual) {
		snprintf(buf, len, "-");
		return;
	}
	switch (r->unit) {
	case DB_IND_FEN:
		db_group_digits(r->actual / 100, a, sizeof a);
		db_group_digits(r->has_target ? r->target / 100 : 0, t, sizeof t);
		snprintf(buf, len, "\u00A5%s / \u00A5%s", a, r->has_target ? t : "-");
		return;
	case DB_IND_PERCENT:
		if (!r->has_base || r->base <= 0) {
			snprintf(buf, len, "- / %lld%%", r->has_target ? r->target : 0);
			return;
		}
		{
			long long pm = r->actual * 1000 / r->base;   /* tenths of a percent */
			snprintf(buf, len, "%lld.%lld%% / %lld%%", pm / 10, pm % 10,
				 r->has_target ? r->target : 0);
		}
		return;
	case DB_IND_HOUSEHOLDS:
	case DB_IND_PEOPLE:
	case DB_IND_PERSON_TIMES:
	case DB_IND_HOURS:
	default:
		db_group_digits(r->actual, a, sizeof a);
		db_group_digits(r->target, t, sizeof t);
		snprintf(buf, len, "%s / %s", a, r->has_target ? t : "-");
		return;
	}
}
