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

/* The logins as a text[] literal: each quoted, its " and \ escaped. */
static char *logins_array(const db_staff_name *v, size_t n)
{
	size_t cap = 3, k = 0;
	for (size_t i = 0; i < n; i++)
		cap += 2 * strlen(v[i].login) + 3;
	char *a = malloc(cap);
	if (!a)
		return NULL;
	a[k++] = '{';
	for (size_t i = 0; i < n; i++) {
		if (i)
			a[k++] = ',';
		a[k++] = '"';
		for (const char *p = v[i].login; *p; p++) {
			if (*p == '"' || *p == '\\')
				a[k++] = '\\';
			a[k++] = *p;
		}
		a[k++] = '"';
	}
	a[k++] = '}';
	a[k] = '\0';
	return a;
}

bool db_staff_names(db_conn *c, db_staff_name *v, size_t n, db_err *err)
{
	PGresult *res;
	char *arr;
	bool ok;

	for (size_t i = 0; i < n; i++) {
		copy(v[i].name, sizeof v[i].name, v[i].login);
		v[i].staff = true;
	}
	if (n == 0)
		return true;
	arr = logins_array(v, n);
	if (!arr) {
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
		return false;
	}
	const char *p[1] = { arr };
	res = db_exec_retry(c,
		"SELECT s.display_name, s.login IS NOT NULL"
		"  OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m"
		"   JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
		"   JOIN pg_catalog.pg_roles r ON r.oid = m.member"
		"   WHERE r.rolname = u.l AND g.rolname IN"
		"    ('jz_reception', 'jz_caseworker', 'jz_supervisor', 'jz_admin'))"
		" FROM unnest($1::text[]) WITH ORDINALITY u(l, i)"
		" LEFT JOIN jz.staff s ON s.login = u.l"
		" ORDER BY u.i",
		1, p, err);
	free(arr);
	ok = res && (size_t)PQntuples(res) == n;
	for (size_t i = 0; ok && i < n; i++) {
		if (!PQgetisnull(res, (int)i, 0))
			copy(v[i].name, sizeof v[i].name, PQgetvalue(res, (int)i, 0));
		v[i].staff = PQgetvalue(res, (int)i, 1)[0] == 't';
	}
	PQclear(res);
	return ok;
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
