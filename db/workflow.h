/* workflow.h - the life of an application after intake (DESIGN §2): moving
 * it along the state machine the database holds as rows, taking work, the
 * queues supervisors watch, and the detail screen's read (which leaves a
 * "view" entry in the audit trail). Every rule is checked by PostgreSQL;
 * these calls only carry the staff member's intent. */
#ifndef JZ_DB_WORKFLOW_H
#define JZ_DB_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

/* SQLSTATEs raised by jz.transition() and friends (class JZ, see intake.h):
 *   JZ010  transition not in jz.transitions (from -> to)
 *   JZ011  role may not make this transition
 *   JZ012  reason required
 *   JZ013  precondition failed (e.g. accepted needs every required proof)
 *   JZ014  version conflict: changed by someone else since it was read
 *          (detail: JSON of what the other person changed)
 *   JZ015  nothing to take */
#define DB_WF_NO_SUCH_TRANSITION "JZ010"
#define DB_WF_ROLE               "JZ011"
#define DB_WF_REASON             "JZ012"
#define DB_WF_PRECONDITION       "JZ013"
#define DB_WF_CONFLICT           "JZ014"
#define DB_WF_NOTHING            "JZ015"

/* The channel queue screens LISTEN on; payload "<community_id>:<application_id>". */
#define DB_WF_CHANNEL "jz_queue"

/* Move an application; version is the one the screen read (optimistic
 * lock); *new_version receives the next. reason may be NULL. */
bool db_wf_transition(db_conn *c, long long application_id, const char *to_state,
		      const char *reason, int version, int *new_version, db_err *err);

/* Take the oldest waiting case (state 'accepted') in my communities, FOR
 * UPDATE SKIP LOCKED: two caseworkers at the same moment never get the same
 * one. It is assigned to me and moved to 'assessing'. Returns false with
 * DB_WF_NOTHING when the queue is empty. */
bool db_wf_take_next(db_conn *c, long long *application_id, char number[64], db_err *err);

/* Queues. */
typedef enum db_queue_kind {
	DB_QUEUE_STATE = 0,    /* applications in one state, overdue first */
	DB_QUEUE_OVERDUE,      /* open, past notify_by */
	DB_QUEUE_DUE_TODAY,    /* open, notify_by = today */
	DB_QUEUE_MINE,         /* assigned to me */
} db_queue_kind;

typedef struct db_queue_row {
	long long id;
	char number[64];
	char applicant[128];       /* UTF-8 */
	char id_masked[20];        /* 110105********002X */
	char state[24];
	char state_name[32];
	char community[128];
	char submitted[11];        /* YYYY-MM-DD */
	char notify_by[11];        /* "" when none */
	bool notify_by_certain;
	int days_left;             /* working days; negative = overdue by that many */
	bool overdue;
	char assigned_to[64];      /* "" when nobody */
	int version;
	/* keyset cursor: the sort key of this row, opaque to callers */
	char key[64];
} db_queue_row;

typedef struct db_queue_query {
	db_queue_kind kind;
	const char *state;         /* for DB_QUEUE_STATE */
	int community_id;          /* 0: all of mine */
	const char *filter;        /* name, number or ID suffix; NULL/"" none */
	const char *after_key;     /* next page: key of the last row seen; NULL first page */
	const char *before_key;    /* previous page: key of the first row seen */
	int limit;
} db_queue_query;

/* One page by keyset (never OFFSET). *rows malloc'd (free()). */
bool db_queue_fetch(db_conn *c, const db_queue_query *q, db_queue_row **rows,
		    size_t *n, db_err *err);

/* LISTEN on DB_WF_CHANNEL; then db_wf_poll_notify after the socket is readable
 * returns how many notifications arrived (0 none), consuming them. */
bool db_wf_listen(db_conn *c, db_err *err);
int db_wf_poll_notify(db_conn *c);

/* The pickers of the queue screen: states in their order (code, name) and
 * the communities I serve (id as text, name). *rows malloc'd (free()). */
typedef struct db_wf_choice {
	char code[24];
	char name[128];
} db_wf_choice;
bool db_wf_states(db_conn *c, db_wf_choice **rows, size_t *n, db_err *err);
bool db_wf_communities(db_conn *c, db_wf_choice **rows, size_t *n, db_err *err);

/* The state an application is in now; "" when it is not there or not in my
 * communities (true all the same). */
bool db_wf_state_of(db_conn *c, long long application_id, char state[24], db_err *err);

#endif
