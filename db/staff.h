/* staff.h - staff are PostgreSQL roles in one of four group roles; the app
 * stores no passwords (only SCRAM verifiers computed client-side by libpq). */
#ifndef JZ_DB_STAFF_H
#define JZ_DB_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

typedef enum db_staff_role {
	DB_ROLE_NONE = 0,
	DB_ROLE_RECEPTION,    /* jz_reception */
	DB_ROLE_CASEWORKER,   /* jz_caseworker */
	DB_ROLE_SUPERVISOR,   /* jz_supervisor */
	DB_ROLE_ADMIN,        /* jz_admin */
} db_staff_role;

const char *db_staff_role_group(db_staff_role r);   /* "jz_reception" ... */
db_staff_role db_staff_role_parse(const char *s);   /* "reception" or "jz_reception" */

typedef struct db_staff_info {
	char login[64];          /* role name */
	char display_name[128];  /* UTF-8 */
	db_staff_role role;
	char communities[256];   /* comma-separated community names, UTF-8 */
	int idle_lock_seconds;   /* policy row, default 300 */
} db_staff_info;

/* Who am I, after login (one round trip). */
bool db_staff_whoami(db_conn *c, db_staff_info *out, db_err *err);

/* One account named in a record: the caller sets login; name is its
 * display name (jz.staff.display_name), the login itself when the caller
 * may not see that account or it has no name; staff whether login is a
 * staff account at all (a jz.staff row seen, or a member of a staff role:
 * row-level security hides other communities' staff), false for the
 * loader's account. */
typedef struct db_staff_name {
	char login[64];
	char name[128];
	bool staff;
} db_staff_name;

/* Resolve the n accounts of v in one round trip. False only when the
 * database could not be asked (v is then left with name = login). */
bool db_staff_names(db_conn *c, db_staff_name *v, size_t n, db_err *err);

/* Create a staff role. password NULL means peer login (SSH: OS account is
 * the role). community is a community code or name. */
bool db_staff_add(db_conn *c, const char *login, const char *display_name,
		  db_staff_role role, const char *community,
		  const char *password, db_err *err);
/* NOLOGIN, never dropped. */
bool db_staff_disable(db_conn *c, const char *login, db_err *err);
bool db_staff_set_password(db_conn *c, const char *login, const char *password,
			   db_err *err);

#endif
