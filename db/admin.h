/* admin.h - the administrator's and supervisor's calls (staff listing,
 * communities of a staff member, the audit trail) and the safe edit of an
 * application's contact fields (optimistic locking, DESIGN §5; migration
 * 0050). Every rule is checked by PostgreSQL; these calls carry intent. */
#ifndef JZ_DB_ADMIN_H
#define JZ_DB_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"
#include "staff.h"

/* ---- staff ---------------------------------------------------------- */

typedef struct db_staff_row {
	char login[64];
	char display_name[128];   /* UTF-8 */
	db_staff_role role;
	char communities[256];    /* names joined with ',' */
	bool active;
} db_staff_row;

/* Every account the caller may see (administrators: all), by login.
 * *rows malloc'd (free()). */
bool db_admin_staff_list(db_conn *c, db_staff_row **rows, size_t *n, db_err *err);

typedef struct db_community_row {
	int id;
	char code[16];
	char name[128];
} db_community_row;

/* Every community, by code. *rows malloc'd (free()). */
bool db_admin_communities(db_conn *c, db_community_row **rows, size_t *n, db_err *err);

/* community: code or name. Adding one already held changes nothing. */
bool db_admin_staff_add_community(db_conn *c, const char *login, const char *community,
				  db_err *err);
bool db_admin_staff_remove_community(db_conn *c, const char *login, const char *community,
				     db_err *err);

/* ---- audit trail ---------------------------------------------------- */

typedef struct db_audit_query {
	const char *person;        /* ID number or exact name; NULL/"" none */
	const char *application;   /* number or id */
	const char *staff;         /* login or display name */
	const char *from, *to;     /* YYYY-MM-DD, inclusive; NULL/"" none */
	long long after_id;        /* 0: first page; else the last id seen */
	int limit;
} db_audit_query;

typedef struct db_audit_row {
	long long id;
	char at[20];               /* YYYY-MM-DD HH:MM */
	char actor[64];
	char actor_name[128];
	char action[8];            /* INSERT UPDATE DELETE VIEW */
	char table_name[64];
	char row_key[64];
	char summary[512];         /* "phone: 138… → 139…; …", cut by characters */
} db_audit_row;

/* Newest first, keyset by id (jz.audit_search; RLS scopes it). */
bool db_admin_audit_search(db_conn *c, const db_audit_query *q, db_audit_row **rows,
			   size_t *n, db_err *err);

/* ---- editing an application's contact fields ------------------------ */

typedef struct db_app_contact {
	long long id;
	char number[64];
	char applicant[128];
	char state_name[32];
	char phone[64];
	char bank_card[24];        /* 12-19 digits, empty when none */
	char address[804];         /* 200 characters */
	char reason[8004];         /* 2000 characters */
	int version;
} db_app_contact;

/* By number (or id). *found false when none in my communities. */
bool db_app_contact_load(db_conn *c, const char *number, db_app_contact *out, bool *found,
			 db_err *err);

/* Save on top of expected_version; *new_version receives the version after.
 * A stale version fails with sqlstate DB_WF_CONFLICT (JZ014, workflow.h),
 * err->detail holding a JSON array of what others changed. Empty text
 * clears a field. */
bool db_app_contact_save(db_conn *c, long long id, int expected_version, const char *phone,
			 const char *address, const char *reason, int *new_version, db_err *err);
/* The same with the applicant's bank card (digits; empty clears it). */
bool db_app_contact_save_card(db_conn *c, long long id, int expected_version, const char *phone,
			      const char *address, const char *reason, const char *bank_card,
			      int *new_version, db_err *err);

typedef struct db_app_change {
	char field[32];            /* phone, address, reason, state, ... */
	char old_value[256];       /* cut to 60 characters */
	char new_value[256];
	char actor[64];
	char actor_name[128];
	char at[20];               /* HH:MM today, else YYYY-MM-DD HH:MM */
	int version;
} db_app_change;

/* What others changed after version since. *rows malloc'd (free()). */
bool db_app_changes_since(db_conn *c, long long id, int since, db_app_change **rows,
			  size_t *n, db_err *err);

#endif
