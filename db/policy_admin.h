/* policy_admin.h - the administrator's reference data: policy figures with
 * their dates (a change is a new row dated today or later, 0100) and what
 * is loaded of the holiday calendar and the area-code list. */
#ifndef JZ_DB_POLICY_ADMIN_H
#define JZ_DB_POLICY_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

typedef struct db_policy_row {
	char key[64];
	char name[128];        /* in words (jz.policy_name, 0125); "" when none */
	int64_t value;
	char unit[32];         /* "fen/month", "percent", "working days"... */
	char effective[11];    /* YYYY-MM-DD */
	char until[11];        /* the day before the key's next figure; "" when none */
	char *note;            /* whole, however long (malloc'd; never NULL in a list) */
	bool in_force;         /* the row that applies today */
	bool future;           /* takes effect after today */
} db_policy_row;

/* Every row, by key then date; free with db_policy_rows_free. */
bool db_policy_list(db_conn *c, db_policy_row **rows, size_t *n, db_err *err);
/* The rows of db_policy_list and their notes (NULL is fine). */
void db_policy_rows_free(db_policy_row *rows, size_t n);
/* A new figure for an existing key from effective (YYYY-MM-DD, today or
 * later; the server refuses the past with sqlstate JZ100). */
bool db_policy_add(db_conn *c, const char *key, int64_t value, const char *effective,
		   const char *note, db_err *err);

typedef struct db_holiday_year_row {
	int year;
	char loaded_at[20];    /* YYYY-MM-DD HH:MM, local */
	char source[128];
	int days;              /* listed days (holidays and make-up days) */
} db_holiday_year_row;

bool db_holiday_years(db_conn *c, db_holiday_year_row **rows, size_t *n, db_err *err);
/* Codes in jz.area_code (0: the list is not loaded). */
bool db_area_code_count(db_conn *c, long long *count, db_err *err);

#endif
