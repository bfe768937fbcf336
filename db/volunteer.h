/* volunteer.h - volunteers, home visits and filling the week (issue 6).
 * Reads go through the caller's session (RLS scopes them); the rota rules
 * are the database's (0070): every write here may be refused by them, and
 * the error says why. Days are 0..6 from Monday, times minutes from
 * midnight in office time; a week is named by any date in it (YYYY-MM-DD). */
#ifndef JZ_DB_VOLUNTEER_H
#define JZ_DB_VOLUNTEER_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "schedule.h"

/* One recipient under the weekly minimum (jz.visit_coverage). */
typedef struct db_cover_row {
	long long recipient_id;
	char name[96];
	char address[208];
	int needed, booked, missed, shortfall;
	char reason[16];          /* the last accepted fill's reason code, or "" */
} db_cover_row;

/* The Monday of the week holding day (YYYY-MM-DD, NULL: today) into monday[11]. */
bool db_week_monday(db_conn *c, const char *day, char monday[11], db_err *err);
bool db_coverage(db_conn *c, const char *monday, db_cover_row **out, size_t *n, db_err *err);
/* Needed and booked visits of every recipient of the week, summed. */
bool db_coverage_totals(db_conn *c, const char *monday, int *needed, int *booked, db_err *err);

/* The translated words for a reason code of jz.visit_gaps ("" for none). */
const char *db_gap_reason_text(const char *code);

/* A visit of a week grid. */
typedef struct db_visit {
	long long id, recipient_id, volunteer_id;
	char recipient[96], volunteer[96];
	int day, start, end;
	char status[12];          /* planned, done, missed, cancelled */
	int actual_minutes;       /* -1 when not done */
	int version;
	bool started;             /* its hour has come (the database's clock) */
} db_visit;

/* Visits (not cancelled) of the week, of one volunteer or one recipient
 * (the other id 0). */
bool db_visits_week(db_conn *c, const char *monday, long long volunteer_id,
		    long long recipient_id, db_visit **out, size_t *n, db_err *err);
/* Book recipient with volunteer (0: the first free volunteer who covers the
 * recipient's area, the usual one first) on monday + day, [start, end). */
bool db_visit_book(db_conn *c, long long recipient_id, long long volunteer_id,
		   const char *monday, int day, int start, int end, db_err *err);
bool db_visit_move(db_conn *c, long long id, int version, const char *monday, int day,
		   int start, int end, db_err *err);
/* status "cancelled", "done" (minutes >= 0) or "missed" (note: the reason). */
bool db_visit_set_status(db_conn *c, long long id, int version, const char *status,
			 int minutes, const char *note, db_err *err);

/* A volunteer with the week's and year's minutes (done) and planned. */
typedef struct db_volunteer_row {
	long long id;
	char name[96];
	char phone[24];
	char areas[200];
	int max_minutes, week_done, week_planned, year_done;
	bool active;
} db_volunteer_row;

bool db_volunteers(db_conn *c, const char *monday, db_volunteer_row **out, size_t *n, db_err *err);
/* Targets: minutes a week and a year (policy target_volunteer_hours_*). */
bool db_volunteer_targets(db_conn *c, const char *monday, long *week_minutes,
			  long *year_minutes, long *year_done, db_err *err);

/* Fill the week: the inputs read from the database (one query each), the
 * proposal of forms/schedule, then accepted in one transaction. */
typedef struct db_fill_rec {
	long long id;
	char name[96];
	char area[64];
	int needed, booked;
} db_fill_rec;

typedef struct db_fill_vol {
	long long id;
	char name[96];
} db_fill_vol;

typedef struct db_fill db_fill;

/* Reads the week of monday and runs the fill. Days before today_day (0..6;
 * 0 or less: none) count as used: nothing is proposed in the past. */
db_fill *db_fill_create(db_conn *c, const char *monday, int today_day, db_err *err);
void db_fill_destroy(db_fill *f);

const db_fill_rec *db_fill_recipients(const db_fill *f, size_t *n);
const db_fill_vol *db_fill_volunteers(const db_fill *f, size_t *n);
const struct sched_proposal *db_fill_proposals(const db_fill *f, size_t *n);
const struct sched_gap *db_fill_gaps(const db_fill *f, size_t *n);
int db_fill_demand(const db_fill *f);
int db_fill_covered(const db_fill *f);

/* Write every proposal and the gaps with their reasons in one transaction;
 * any refusal by the database rolls all of it back. */
bool db_fill_accept(db_conn *c, const db_fill *f, db_err *err);

/* The reason code stored in jz.visit_gaps for a scheduler reason. */
const char *db_gap_reason_code(enum sched_reason r);

#endif
