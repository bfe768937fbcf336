/* intake.h - the 《救助申请表》 use cases on the database: submit (one call,
 * one round trip, idempotent), where-is-this-person, what is still missing,
 * and drafts. The form travels as the jsonb documented in
 * db/migrations/0023_intake_submit.sql; the database checks every rule again.
 *
 * SQLSTATEs the server raises (class JZ), seen in db_err.sqlstate:
 *   JZ001  person already in another open application or household
 *          (message names application number, state, community; detail is JSON)
 *   JZ002  category / age / membership rule broken (e.g. elderly_alone < 60)
 *   JZ003  a 'submitted' application lacks required, unexpired proofs
 *   JZ004  the caller does not serve that community
 *   JZ005  malformed form (missing applicant, bad ID number, unknown member)
 *   JZ006  draft conflict: saved elsewhere since it was loaded (client-side) */
#ifndef JZ_DB_INTAKE_H
#define JZ_DB_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

#define DB_INTAKE_DUPLICATE "JZ001"
#define DB_INTAKE_RULE      "JZ002"
#define DB_INTAKE_MISSING   "JZ003"
#define DB_INTAKE_COMMUNITY "JZ004"
#define DB_INTAKE_BADFORM   "JZ005"
#define DB_INTAKE_CONFLICT  "JZ006"

/* One missing or expired paper of the one-time notice. Strings are UTF-8,
 * "" when absent (a household-level paper names no person). */
typedef struct db_intake_missing {
	char category[32];          /* "low_income", "*" for every application */
	char category_name[64];     /* 低收入家庭 */
	char doc_kind[32];          /* "disability_cert" */
	char doc_name[96];          /* 残疾人证 */
	char person_id_number[20];
	char person_name[128];
	char alternatives[256];     /* other papers that would do instead, "、"-joined */
} db_intake_missing;

typedef struct db_intake_result {
	long long application_id;
	char number[64];            /* 110105001001-2026-000123 */
	char state[24];             /* "submitted" or "returned" */
	char state_name[32];        /* 受理 / 补正 */
	char notify_by[16];         /* YYYY-MM-DD, "" when returned */
	bool notify_by_certain;     /* false: a year without a loaded calendar */
	bool replayed;              /* the idempotency key had already made it */
	db_intake_missing *missing; /* malloc'd, n_missing items */
	size_t n_missing;
} db_intake_result;

/* Frees what a result holds (accepts NULL); the struct itself is the caller's. */
void db_intake_result_finish(db_intake_result *r);

/* Submit the form; idem_key is a client-made UUID text. A retried call with
 * the same key returns the same application (replayed = true). */
bool db_intake_submit(db_conn *c, const char *form_json, const char *idem_key,
		      db_intake_result *out, db_err *err);

/* What a refused submit is about, from its DETAIL (JSON of JZ001 and of
 * 0120's JZ002): the category code ("unemployed") and the member's ID
 * number, each "" when the refusal names none. False when it names neither. */
typedef struct db_intake_about {
	char category[32];
	char id_number[20];
} db_intake_about;
bool db_intake_refusal_about(const db_err *err, db_intake_about *out);

/* What the form still lacks (live, before submit). *out is malloc'd (NULL
 * when none); free with db_intake_missing_free. */
bool db_intake_missing_for_form(db_conn *c, const char *form_json,
				db_intake_missing **out, size_t *n, db_err *err);
bool db_intake_missing_for_application(db_conn *c, long long application_id,
				       db_intake_missing **out, size_t *n, db_err *err);
void db_intake_missing_free(db_intake_missing *m);

/* Where a person already is (any community). found false: unknown ID. */
typedef struct db_person_where {
	bool found;
	long long person_id;
	char name[128];
	long long household_id;          /* 0: in no household */
	char household_community[128];
	long long application_id;        /* 0: no open application */
	char application_number[64];
	char state[24];
	char state_name[32];
	char application_community[128];
} db_person_where;

bool db_intake_find_person(db_conn *c, const char *id_number, db_person_where *out,
			   db_err *err);

/* Drafts: private to the logged-in staff member (row-level security).
 * Save: *id 0 inserts (sets *id, *version = 1); otherwise updates when the
 * stored version is still *version (then *version + 1), else fails with
 * sqlstate DB_INTAKE_CONFLICT and keeps nothing changed. community_id 0: none. */
bool db_draft_save(db_conn *c, long long *id, int *version, int community_id,
		   const char *form_json, db_err *err);
/* *form_json is malloc'd (caller frees). */
bool db_draft_load(db_conn *c, long long id, char **form_json, int *version, db_err *err);

typedef struct db_draft_info {
	long long id;
	int version;
	int community_id;           /* 0: none */
	char updated_at[32];        /* YYYY-MM-DD HH:MM */
	char applicant_name[128];   /* from the form, "" when not typed yet */
} db_draft_info;

/* Newest first; *out malloc'd (free()), NULL when none. */
bool db_draft_list(db_conn *c, db_draft_info **out, size_t *n, db_err *err);
/* Deleting a draft that is not there (or not yours) is not an error. */
bool db_draft_delete(db_conn *c, long long id, db_err *err);

#endif
