/* indicators.h - the year's indicators against the seed's targets
 * (jz.year_indicators), the funds forecast's shortfall when the funds
 * migration has it, and the bars and lines the screen and the printed
 * report share, so both always show the same figures. */
#ifndef JZ_DB_INDICATORS_H
#define JZ_DB_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

typedef enum db_ind_unit {
	DB_IND_HOUSEHOLDS = 0,
	DB_IND_PEOPLE,
	DB_IND_PERSON_TIMES,
	DB_IND_FEN,
	DB_IND_HOURS,
	DB_IND_PERCENT,      /* actual is the numerator, base the denominator */
} db_ind_unit;

typedef struct db_indicator {
	char key[40];            /* 'households_low_income', ... */
	db_ind_unit unit;
	long long actual, base, target;
	bool has_actual, has_base, has_target;
	bool available;          /* false: the tables behind it do not exist */
} db_indicator;

#define DB_INDICATORS_MAX 16

typedef struct db_indicators {
	int year;
	int n;
	db_indicator rows[DB_INDICATORS_MAX];
	/* jz.funds_forecast(year, today), when it exists */
	bool has_forecast;
	long long obligations_fen, remaining_fen, shortfall_fen;
	int months_left;
} db_indicators;

/* Read every indicator of the year (one statement) and the forecast. */
bool db_year_indicators(db_conn *c, int year, db_indicators *out, db_err *err);

/* Share achieved in tenths of a percent (actual/target, or for a percent
 * row the share numerator/base against the target share); -1 when it
 * cannot be said (no target, no data, no base). */
int db_indicator_permille(const db_indicator *r);

/* A bar of exactly `cells` cells for permille (0..1000, more is clipped):
 * full blocks, one eighth-block (▏▎▍▌▋▊▉) for the remainder, then spaces.
 * UTF-8 into buf; returns buf. */
char *db_indicator_bar(int permille, int cells, char *buf, size_t len);

/* "1,234,567" for n (an ASCII thousands separator, locale-independent). */
char *db_group_digits(long long n, char *buf, size_t len);

/* The actual and the target in words of their unit, e.g. "152 / 200",
 * "¥812,000 / ¥1,000,000", "92.5% / 90%" (of 40 answers). UTF-8. */
void db_indicator_figures(const db_indicator *r, char *buf, size_t len);

#endif
