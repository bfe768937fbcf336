/* detail.h - the full record of one application, as the detail screen
 * shows it: the only read with unmasked ID numbers. One request to
 * jz.application_detail() (0107), which runs as the caller (row-level
 * security scopes every section) and reads the members through
 * jz.person_detail() (0040), which writes the "view" entry of the audit
 * trail (DESIGN §4), one per person. Texts are cut only at UTF-8 boundaries. */
#ifndef JZ_DB_DETAIL_H
#define JZ_DB_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

typedef struct db_detail_member {
	long long person_id;
	char relationship[64];
	char error[512];          /* "" shown; else why the audited read refused it */
	char id_number[24], name[128], sex[16], birth_date[11], phone[40];
	char disability[64];      /* "" none */
	char disability_grade[8];
	long long income_fen;     /* per month */
	char employment[64], health[64];
} db_detail_member;

typedef struct db_detail_category {
	char name[64];
	char member[128];         /* "" the whole household */
} db_detail_category;

typedef struct db_detail_proof {
	char doc_kind[128], person[128], number[128];
	char valid_until[11];     /* "" none */
	bool seen;
	char checked_by[64];
} db_detail_proof;

typedef struct db_detail_event {
	char at[17];              /* YYYY-MM-DD HH24:MI */
	char from_state[64], to_state[64], actor[64];
	char reason[1024];
} db_detail_event;

typedef struct db_detail {
	bool found;               /* false: not there, or not in my communities */
	char number[64], state_name[64], community[128];
	char submitted[17];       /* YYYY-MM-DD HH24:MI */
	char notify_by[11];       /* "" none */
	bool notify_by_certain;
	char reason[1024];
	long long household_id;   /* 0 none */
	char address[512], hukou_address[512];
	int version;
	char assigned_to[64];     /* "" nobody */

	db_detail_member *members;
	size_t n_members;
	char members_error[512];  /* "" when the list was read */
	db_detail_category *categories;
	size_t n_categories;
	char categories_error[512];
	db_detail_proof *proofs;
	size_t n_proofs;
	char proofs_error[512];
	db_detail_event *events;
	size_t n_events;
	char events_error[512];
} db_detail;

/* Read the record into *out: caller-owned, zeroed or holding an earlier
 * read (which is finished first). False with *err when the record could
 * not be read; its sections are read in the same statement, so the *_error
 * fields (kept for the screen) stay "". */
bool db_detail_read(db_conn *c, long long application_id, db_detail *out, db_err *err);
/* Free the arrays; *d is zeroed (accepts NULL). */
void db_detail_finish(db_detail *d);

#endif
