/* services.h - counselling activities, training classes and feedback
 * (migration 0081): the rules (plan members only, class capacity and
 * subsidy from policy, the month's minimum of activities) are the
 * database's; these are one call per user action. Persons by id; look one
 * up by ID number with db_service_person. */
#ifndef JZ_DB_SERVICES_H
#define JZ_DB_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* A person of the caller's communities by ID number: id and name. */
bool db_service_person(db_conn *c, const char *id_number, long long *person_id, char *name, size_t namelen,
		       db_err *err);

/* community_id 0: the caller's first community. */
bool db_counsel_add(db_conn *c, long long community_id, const char *held_on, const char *counsellor,
		    const char *place, int capacity, const char *topic, long long *id, db_err *err);
bool db_counsel_enrol(db_conn *c, long long activity_id, long long person_id, db_err *err);
/* satisfaction 0: none. */
bool db_counsel_attend(db_conn *c, long long activity_id, long long person_id, bool attended,
		       int satisfaction, db_err *err);

typedef struct db_counsel_row {
	long long id;
	char held_on[11];
	char counsellor[96], place[192], topic[192];
	int capacity, enrolled, attended;
	bool held;              /* held_on is today or before (office day, 0144) */
} db_counsel_row;
/* Activities of a year, by date (malloc'd; free()). */
bool db_counsel_list(db_conn *c, int year, db_counsel_row **rows, size_t *n, db_err *err);

typedef struct db_counsel_month {
	char month[11];
	int activities, required, participants, attended;
	bool short_of_policy;   /* fewer activities than the policy asks */
} db_counsel_month;
bool db_counsel_months(db_conn *c, int year, db_counsel_month out[12], db_err *err);

bool db_training_add(db_conn *c, long long community_id, const char *course, const char *institution,
		     const char *starts_on, const char *ends_on, long long fee_fen, long long *id, db_err *err);
/* *subsidy_fen: what the community pays for this trainee (may be NULL). */
bool db_training_enrol(db_conn *c, long long class_id, long long person_id, long long *subsidy_fen,
		       db_err *err);
/* employed_on "YYYY-MM-DD" or NULL. */
bool db_training_outcome(db_conn *c, long long class_id, long long person_id, bool completed,
			 const char *employed_on, db_err *err);

typedef struct db_training_row {
	long long id;
	char course[192], institution[192];
	char starts_on[11], ends_on[11];
	long long fee_fen;
	int capacity, subsidy_pct, enrolled, completed, employed;
	bool ended;             /* ends_on is today or before (office day, 0144) */
} db_training_row;
bool db_training_list(db_conn *c, int year, db_training_row **rows, size_t *n, db_err *err);

typedef struct db_training_outcomes {
	int classes, enrolled, completed, employed, within_months;
} db_training_outcomes;
bool db_training_outcomes_get(db_conn *c, int year, db_training_outcomes *out, db_err *err);

/* service: cash, home_visits, counselling, training; satisfaction 1-5. */
bool db_feedback_add(db_conn *c, long long person_id, const char *service, int satisfaction,
		     const char *comment, db_err *err);

typedef struct db_feedback_share {
	char service[16];
	int answers, satisfied;
	int pct_tenths;         /* satisfied share in tenths of a percent; -1 when no answers */
} db_feedback_share;
/* The four services, dates "YYYY-MM-DD" inclusive or NULL. */
bool db_feedback_shares(db_conn *c, const char *from, const char *to, db_feedback_share out[4], db_err *err);

/* The people of an activity (enrolled) or those an active plan with a
 * counselling item covers on its date and not yet in it (!enrolled, at most
 * 500): the rule is jz.plan_members (0085), read under the caller's RLS.
 * *rows malloc'd (free()). */
typedef struct db_counsel_person {
	long long id;
	char name[96], id_number[24];
	bool attended;
	int satisfaction;       /* 0: none */
} db_counsel_person;
bool db_counsel_people(db_conn *c, long long activity_id, bool enrolled, db_counsel_person **rows, size_t *n,
		       db_err *err);

/* The same for a class: trainees, or plan members with a training item on
 * its start date not yet in it. */
typedef struct db_training_person {
	long long id;
	char name[96], id_number[24];
	bool completed;
	char employed_on[11];   /* "" when none */
	long long subsidy_fen;
} db_training_person;
bool db_training_people(db_conn *c, long long class_id, bool enrolled, db_training_person **rows, size_t *n,
			db_err *err);

/* The policy's satisfied-share target (percent) on 31 December of year;
 * *pct untouched when the policy has none. */
bool db_feedback_target(db_conn *c, int year, int *pct, db_err *err);

#endif
