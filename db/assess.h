/* assess.h - the on-site assessment on the functions of migration 0060:
 * open (or resume) the assessment of a case in hand, save it item by item,
 * complete it (the application moves to 'assessed' through the state
 * machine), and the printable report. */
#ifndef JZ_DB_ASSESS_H
#define JZ_DB_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "assess_form.h"
#include "db.h"

/* SQLSTATEs of 0060 (besides those of workflow.h). */
#define DB_ASSESS_BAD_VALUE "JZ016"
#define DB_ASSESS_COMPLETED "JZ017"

typedef struct db_assessment {
	long long id;
	long long application_id;
	char number[64];            /* application number */
	char applicant[128];        /* UTF-8 */
	char app_state[24];
	int app_version;            /* for the transition on completion */
	unsigned cats;              /* ASSESS_CAT_* of the application */
	char current_item[64];      /* where the checklist resumes, "" at the start */
	bool completed;
	int version;
	assess_answers answers;     /* owned */
} db_assessment;

/* The open assessment of an application (created when there is none: the
 * case must be assigned to the caller and in 'assessing'), or with
 * completed_ok the last completed one; its answers loaded. */
bool db_assess_open(db_conn *c, long long application_id, bool completed_ok, db_assessment *out,
		    db_err *err);
void db_assessment_finish(db_assessment *a);

/* Save one item (value "" or NULL clears it) and the item the checklist is
 * at (NULL: item). One statement, one transaction. */
bool db_assess_save(db_conn *c, long long assessment_id, const char *item, const char *value,
		    const char *at_item, db_err *err);

/* Complete it and move the application to 'assessed'; JZ013 names what is
 * missing. *new_version: the application's. */
bool db_assess_complete(db_conn *c, long long assessment_id, int app_version, int *new_version,
			db_err *err);

/* The printable report (UTF-8, malloc'd, lines end in \n) of an assessment:
 * the application, household members with declared incomes, the team and
 * every answer with its label, the Barthel total and band. NULL on error. */
char *db_assess_report(db_conn *c, long long assessment_id, db_err *err);

/* The caller's cases waiting for an assessment (assigned, 'assessing'):
 * application ids, numbers and applicant names, oldest first. */
typedef struct db_assess_case {
	long long application_id;
	char number[64];
	char applicant[128];
	char progress[32];          /* "12/38" answered/required, "" when not started */
} db_assess_case;

bool db_assess_my_cases(db_conn *c, db_assess_case **rows, size_t *n, db_err *err);

#endif
