/* plan.h - the personalised assistance plan and its follow-ups, on the
 * functions of migrations 0061-0062: propose from the assessment and the
 * policy in force on the start date, change an item (with the reason the
 * database requires when it differs from policy), submit, the supervisor's
 * decision, due follow-ups and their outcomes. */
#ifndef JZ_DB_PLAN_H
#define JZ_DB_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* SQLSTATEs of 0061/0062 (besides those of workflow.h). */
#define DB_PLAN_DEVIATION "JZ020"   /* differs from policy, no reason */
#define DB_PLAN_STATE     "JZ021"   /* plan not in a state for this */
#define DB_PLAN_NO_POLICY "JZ022"

typedef struct db_plan_item {
	long long id;
	char person[128];          /* "" for the whole household */
	char kind[32];             /* cash_low_income, cash_elderly_extra, home_visits, counselling, training */
	char kind_name[64];        /* 低收入家庭生活补贴 ... (the code table's name) */
	char measure[24];          /* amount_fen, visits_per_week, sessions_per_month, subsidy_pct */
	long long value;           /* the item's figure in its measure (fen for cash) */
	long long policy_value;    /* what policy said on the start date */
	char deviation_reason[512];
	int version;
} db_plan_item;

typedef struct db_plan {
	long long id;
	long long application_id;
	char number[64];
	char applicant[128];
	char state[16];            /* proposed, approved, denied, active, closed */
	bool submitted;
	char start_date[11], end_date[11];
	char created_by[64], approved_by[64];
	char decision_reason[512];
	int version;
	long long cash_fen;        /* monthly cash of all items */
	db_plan_item *items;
	size_t nitems;
} db_plan;

/* Propose (or find the existing proposal of) an application's plan; start
 * and end "YYYY-MM-DD" or NULL (today, a year). */
bool db_plan_propose(db_conn *c, long long application_id, const char *start, const char *end,
		     long long *plan_id, db_err *err);
bool db_plan_load(db_conn *c, long long plan_id, db_plan *out, db_err *err);
void db_plan_finish(db_plan *p);
/* The latest plan of an application (0 when none). */
bool db_plan_of(db_conn *c, long long application_id, long long *plan_id, db_err *err);

bool db_plan_item_set(db_conn *c, long long item_id, long long value, const char *reason,
		      int version, db_err *err);
/* Add an item to a proposed plan read at version: kind a jz.plan_item_kinds
 * code, person_id 0 for the whole household, value in the kind's measure;
 * reason required (JZ020) when the value differs from policy. *new_version
 * gets the plan's new version. 23505: the same kind for the same person. */
bool db_plan_item_add(db_conn *c, long long plan_id, int version, const char *kind, long long person_id,
		      long long value, const char *reason, int *new_version, db_err *err);
/* Remove an item (read at version) with a reason, which is kept with what
 * the item was (jz.plan_item_removals); JZ012 when the reason is blank. */
bool db_plan_item_remove(db_conn *c, long long item_id, int version, const char *reason, db_err *err);

/* The kinds an item may have and the members of a plan's household, for
 * the add dialog. */
typedef struct db_plan_kind {
	char code[32];
	char name[64];
	char measure[24];
	long long policy_value;    /* on the plan's start date; -1 when none */
} db_plan_kind;
typedef struct db_plan_person {
	long long id;
	char name[128];
} db_plan_person;
bool db_plan_kinds(db_conn *c, long long plan_id, db_plan_kind **rows, size_t *n, db_err *err);
bool db_plan_people(db_conn *c, long long plan_id, db_plan_person **rows, size_t *n, db_err *err);

bool db_plan_set_dates(db_conn *c, long long plan_id, const char *start, const char *end, db_err *err);
bool db_plan_submit(db_conn *c, long long plan_id, int version, int *new_version, db_err *err);
bool db_plan_decide(db_conn *c, long long plan_id, bool approve, const char *reason, int version,
		    int *new_version, db_err *err);
/* Approved plans whose start date has come become active; *n how many. */
bool db_plans_activate_due(db_conn *c, int *n, db_err *err);

/* Submitted proposals waiting for a supervisor, oldest first. */
typedef struct db_plan_row {
	long long plan_id;
	long long application_id;
	char number[64];
	char applicant[128];
	char start_date[11];
	long long cash_fen;
	int version;
} db_plan_row;

bool db_plans_pending(db_conn *c, db_plan_row **rows, size_t *n, db_err *err);
/* The caseworker's cases' latest plans (cases assigned to me or plans I
 * made), newest start first. */
typedef struct db_plan_mine {
	db_plan_row r;
	char state[16];
	bool submitted;
} db_plan_mine;
bool db_plans_mine(db_conn *c, db_plan_mine **rows, size_t *n, db_err *err);

/* Follow-ups due on or before until ("YYYY-MM-DD", NULL today). */
typedef struct db_followup {
	long long id;
	char due_date[11];
	bool overdue;
	long long plan_id, application_id;
	char number[64];
	char applicant[128];
	int version;
} db_followup;

bool db_followups_due(db_conn *c, const char *until, db_followup **rows, size_t *n, db_err *err);
/* One keyset page of them, oldest first: the rows after (after_due,
 * after_id), or from the first when after_due is NULL or "". limit 1..500. */
bool db_followups_page(db_conn *c, const char *until, const char *after_due, long long after_id, int limit,
		       db_followup **rows, size_t *n, db_err *err);
/* A follow-up as it is now (after a conflict): its version, its outcome and
 * who recorded it ("" while open). */
bool db_followup_state(db_conn *c, long long id, int *version, char *outcome, size_t olen,
		       char *done_by, size_t dlen, db_err *err);
/* outcome: continue, change_plan, reassess, close; notes required but for continue. */
bool db_followup_record(db_conn *c, long long id, const char *outcome, const char *notes, int version,
			db_err *err);

#endif
