/* staff.c - staff accounts are PostgreSQL roles. The password never leaves
 * this process in plain text: libpq computes the SCRAM verifier here and
 * only the verifier goes to the server, as a parameter. */
#include "staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const struct {
	db_staff_role role;
	const char *group;
	const char *shortname;
} roles[] = {
	{ DB_ROLE_RECEPTION, "jz_reception", "reception" },
	{ DB_ROLE_CASEWORKER, "jz_caseworker", "caseworker" },
	{ DB_ROLE_SUPERVISOR, "jz_supervisor", "supervisor" },
	{ DB_ROLE_ADMIN, "jz_admin", "admin" },
};

const char *db_staff_role_group(db_staff_role r)
{
	size_t i;

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == r)
			return roles[i].group;
	return "";
}

db_staff_role db_staff_role_parse(const char *s)
{
	size_t i;

	if (!s)
		return DB_ROLE_NONE;
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(s, roles[i].group) == 0 || strcmp(s, roles[i].shortname) == 0)
			return roles[i].role;
	return DB_ROLE_NONE;
}

/* Messages raised by the jz.staff_* functions (migrations 0009): listed
 * here so xgettext finds them; db_err_from_result() translates them. */
__attribute__((unused))
static const char *const server_messages[] = {
	N_("Only an administrator may manage staff accounts."),
	N_("A password must be sent as a SCRAM-SHA-256 verifier."),
	N_("No such community."),
	N_("Unknown staff role."),
	N_("Invalid login name: use lower-case letters, digits and _, not starting with pg_ or jz_."),
	N_("That login name is already taken."),
	N_("The display name must be 1 to 64 characters."),
	N_("No staff account by that name."),
	N_("You cannot disable your own account."),
	N_("The password may not be empty."),
};

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

bool db_staff_whoami(db_conn *c, db_staff_info *out, db_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	res = db_exec_retry(c,
		"SELECT login, display_name, group_role, communities, "
		"idle_lock_seconds FROM jz.whoami()", 0, NULL, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		PQclear(res);
		db_err_set(err, DB_ERR_OTHER, "%s", _("This account is not a staff account."));
		return false;
	}
	copy(out->login, sizeof out->login, PQgetvalue(res, 0, 0));
	copy(out->display_name, sizeof out->display_name, PQgetvalue(res, 0, 1));
	out->role = db_staff_role_parse(PQgetvalue(res, 0, 2));
	copy(out->communities, sizeof out->communities, PQgetvalue(res, 0, 3));
	out->idle_lock_seconds = atoi(PQgetvalue(res, 0, 4));
	if (out->idle_lock_seconds <= 0)
		out->idle_lock_seconds = 300;
	PQclear(res);
	return true;
}

bool db_staff_display_name(db_conn *c, const char *login, char *out, size_t len, bool *staff,
			   db_err *err)
{
	const char *p[1] = { login };
	PGresult *res = db_exec_retry(c,
		"SELECT (SELECT display_name FROM jz.staff WHERE login = $1),"
		" EXISTS (SELECT 1 FROM jz.staff WHERE login = $1)"
		"  OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
		"   JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
		"   JOIN pg_catalog.pg_roles u ON u.oid = m.member"
		"   WHERE u.rolname = $1 AND g.rolname IN"
		"    ('jz_reception', 'jz_caseworker', 'jz_supervisor', 'jz_admin'))",
		1, p, err);

	if (!res)
		return false;
	copy(out, len, !PQgetisnull(res, 0, 0) ? PQgetvalue(res, 0, 0) : login);
	if (staff)
		*staff = PQgetvalue(res, 0, 1)[0] == 't';
	PQclear(res);
	return true;
}

/* The SCRAM verifier of password for login; malloc'd by libpq (PQfreemem). */
static char *verifier(db_conn *c, const char *login, const char *password,
		      db_err *err)
{
	char *v = PQencryptPasswordConn(db_pg(c), password, login, "scram-sha-256");

	if (!v)
		db_err_set(err, DB_ERR_OTHER, "%s",
			   _("Could not prepare the password for the server."));
	return v;
}

bool db_staff_add(db_conn *c, const char *login, const char *display_name,
		  db_staff_role role, const char *community,
		  const char *password, db_err *err)
{
	char *v = NULL;
	const char *p[5];
	bool ok;

	if (role == DB_ROLE_NONE) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Choose a role for the account."));
		return false;
	}
	if (password && !*password) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("The password may not be empty."));
		return false;
	}
	if (password && !(v = verifier(c, login, password, err)))
		return false;
	p[0] = login;
	p[1] = display_name;
	p[2] = db_staff_role_group(role);
	p[3] = community && *community ? community : NULL;
	p[4] = v;   /* NULL: peer login */
	ok = db_run(c, "SELECT jz.staff_add($1, $2, $3, $4, $5)", 5, p, err);
	PQfreemem(v);
	return ok;
}

bool db_staff_disable(db_conn *c, const char *login, db_err *err)
{
	const char *p[1] = { login };

	return db_run(c, "SELECT jz.staff_disable($1)", 1, p, err);
}

bool db_staff_set_password(db_conn *c, const char *login, const char *password,
			   db_err *err)
{
	char *v;
	const char *p[2];
	bool ok;

	if (!password || !*password) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("The password may not be empty."));
		return false;
	}
	if (!(v = verifier(c, login, password, err)))
		return false;
	p[0] = login;
	p[1] = v;
	ok = db_run(c, "SELECT jz.staff_set_password($1, $2)", 2, p, err);
	PQfreemem(v);
	return ok;
}
