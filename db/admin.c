/* admin.c - staff listing and communities, audit search, the contact edit
 * with optimistic locking. SQL text is constant; values are parameters. */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* Raised by migration 0050; db_err_from_result() translates them. */
__attribute__((unused))
static const char *const server_messages[] = {
	N_("No such application in your communities."),
	N_("Changed by someone else since you opened it."),
	N_("Your role may not edit applications."),
	N_("only supervisors and administrators may search the audit trail"),
};

/* src into dst, cut at a character boundary when it does not fit. */
static void copy(char *dst, size_t len, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *val(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static void fill_staff(void *row, const PGresult *r, int i, void *ctx)
{
	db_staff_row *v = row;

	(void)ctx;
	copy(v->login, sizeof v->login, val(r, i, 0));
	copy(v->display_name, sizeof v->display_name, val(r, i, 1));
	v->role = db_staff_role_parse(val(r, i, 2));
	copy(v->communities, sizeof v->communities, val(r, i, 3));
	v->active = strcmp(val(r, i, 4), "t") == 0;
}

bool db_admin_staff_list(db_conn *c, db_staff_row **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT s.login, s.display_name, s.group_role,"
		" coalesce((SELECT string_agg(m.name, '、' ORDER BY m.code)"
		"   FROM jz.staff_community sc JOIN jz.communities m ON m.id = sc.community_id"
		"  WHERE sc.login = s.login), ''), s.active"
		" FROM jz.staff s ORDER BY s.login";
	void *v;
	bool good = db_fetch_rows_nonnull(c, true, sql, 0, NULL, sizeof **rows, fill_staff, NULL,
					  &v, n, err);

	*rows = v;
	return good;
}

static void fill_community(void *row, const PGresult *r, int i, void *ctx)
{
	db_community_row *v = row;

	(void)ctx;
	v->id = atoi(val(r, i, 0));
	copy(v->code, sizeof v->code, val(r, i, 1));
	copy(v->name, sizeof v->name, val(r, i, 2));
}

bool db_admin_communities(db_conn *c, db_community_row **rows, size_t *n, db_err *err)
{
	void *v;
	bool good = db_fetch_rows_nonnull(c, true, "SELECT id, code, name FROM jz.communities ORDER BY code",
					  0, NULL, sizeof **rows, fill_community, NULL, &v, n, err);

	*rows = v;
	return good;
}

bool db_admin_staff_add_community(db_conn *c, const char *login, const char *community,
				  db_err *err)
{
	const char *p[2] = { login, community };
	return db_run(c, "SELECT jz.staff_add_community($1, $2)", 2, p, err);
}

bool db_admin_staff_remove_community(db_conn *c, const char *login, const char *community,
				     db_err *err)
{
	const char *p[2] = { login, community };
	return db_run(c, "SELECT jz.staff_remove_community($1, $2)", 2, p, err);
}

static void fill_audit(void *row, const PGresult *r, int i, void *ctx)
{
	db_audit_row *v = row;

	(void)ctx;
	v->id = strtoll(val(r, i, 0), NULL, 10);
	copy(v->at, sizeof v->at, val(r, i, 1));
	copy(v->actor, sizeof v->actor, val(r, i, 2));
	copy(v->actor_name, sizeof v->actor_name, val(r, i, 3));
	copy(v->action, sizeof v->action, val(r, i, 4));
	copy(v->table_name, sizeof v->table_name, val(r, i, 5));
	copy(v->row_key, sizeof v->row_key, val(r, i, 6));
	/* the SQL cuts values by characters; the limit here is a backstop
	 * the 40-character cut keeps well away from */
	copy(v->summary, sizeof v->summary, val(r, i, 7));
}

bool db_admin_audit_search(db_conn *c, const db_audit_query *q, db_audit_row **rows,
			   size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT id, to_char(at, 'YYYY-MM-DD HH24:MI'), actor, coalesce(actor_name, actor),"
		" action, table_name, coalesce(row_key, ''), jz.audit_summary(old, new)"
		" FROM jz.audit_search($1, $2, $3, $4::date, $5::date, $6::bigint, $7::int)";
	char after[24], limit[16];
	const char *p[7];
	void *v;
	bool good;

	snprintf(after, sizeof after, "%lld", q->after_id);
	snprintf(limit, sizeof limit, "%d", q->limit > 0 ? q->limit : 50);
	p[0] = nz(q->person);
	p[1] = nz(q->application);
	p[2] = nz(q->staff);
	p[3] = nz(q->from);
	p[4] = nz(q->to);
	p[5] = q->after_id > 0 ? after : NULL;
	p[6] = limit;
	good = db_fetch_rows_nonnull(c, true, sql, 7, p, sizeof **rows, fill_audit, NULL, &v, n, err);

	*rows = v;
	return good;
}

bool db_app_contact_load(db_conn *c, const char *number, db_app_contact *out, bool *found,
			 db_err *err)
{
	const char *p[1] = { number };
	PGresult *r = db_exec_retry(c,
		"SELECT id, number, applicant, state_name, coalesce(phone, ''),"
		" coalesce(address, ''), coalesce(reason, ''), version, coalesce(bank_card, '')"
		" FROM jz.application_contact_bank($1)", 1, p, err);

	*found = false;
	if (!r)
		return false;
	if (PQntuples(r) > 0) {
		out->id = strtoll(val(r, 0, 0), NULL, 10);
		copy(out->number, sizeof out->number, val(r, 0, 1));
		copy(out->applicant, sizeof out->applicant, val(r, 0, 2));
		copy(out->state_name, sizeof out->state_name, val(r, 0, 3));
		copy(out->phone, sizeof out->phone, val(r, 0, 4));
		copy(out->address, sizeof out->address, val(r, 0, 5));
		copy(out->reason, sizeof out->reason, val(r, 0, 6));
		out->version = atoi(val(r, 0, 7));
		copy(out->bank_card, sizeof out->bank_card, val(r, 0, 8));
		*found = true;
	}
	PQclear(r);
	return true;
}

bool db_app_contact_save(db_conn *c, long long id, int expected_version, const char *phone,
			 const char *address, const char *reason, int *new_version, db_err *err)
{
	char ids[24], vs[16];
	const char *p[5] = { ids, vs, phone, address, reason };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", id);
	snprintf(vs, sizeof vs, "%d", expected_version);
	/* not retried: a lost connection leaves it unknown, and the version
	 * check makes a blind second run a conflict rather than a double write */
	r = db_exec(c, "SELECT jz.update_application_contact($1::bigint, $2::int, $3, $4, $5)",
		    5, p, err);
	if (!r)
		return false;
	*new_version = PQntuples(r) > 0 ? atoi(val(r, 0, 0)) : expected_version;
	PQclear(r);
	return true;
}

bool db_app_contact_save_card(db_conn *c, long long id, int expected_version, const char *phone,
			      const char *address, const char *reason, const char *bank_card,
			      int *new_version, db_err *err)
{
	char ids[24], vs[16];
	const char *p[6] = { ids, vs, phone, address, reason, bank_card };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", id);
	snprintf(vs, sizeof vs, "%d", expected_version);
	/* not retried, as db_app_contact_save */
	r = db_exec(c, "SELECT jz.update_application_contact($1::bigint, $2::int, $3, $4, $5, $6)",
		    6, p, err);
	if (!r)
		return false;
	*new_version = PQntuples(r) > 0 ? atoi(val(r, 0, 0)) : expected_version;
	PQclear(r);
	return true;
}

static void fill_change(void *row, const PGresult *r, int i, void *ctx)
{
	db_app_change *v = row;

	(void)ctx;
	copy(v->field, sizeof v->field, val(r, i, 0));
	copy(v->old_value, sizeof v->old_value, val(r, i, 1));
	copy(v->new_value, sizeof v->new_value, val(r, i, 2));
	copy(v->actor, sizeof v->actor, val(r, i, 3));
	copy(v->actor_name, sizeof v->actor_name, val(r, i, 4));
	copy(v->at, sizeof v->at, val(r, i, 5));
	v->version = atoi(val(r, i, 6));
}

bool db_app_changes_since(db_conn *c, long long id, int since, db_app_change **rows,
			  size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT field, coalesce(jz.cut_text(old_value, 60), ''),"
		" coalesce(jz.cut_text(new_value, 60), ''), actor, actor_name,"
		" CASE WHEN at::date = current_date THEN to_char(at, 'HH24:MI')"
		"      ELSE to_char(at, 'YYYY-MM-DD HH24:MI') END, version"
		" FROM jz.application_changes_since($1::bigint, $2::int)";
	char ids[24], vs[16];
	const char *p[2] = { ids, vs };
	void *v;
	bool good;

	snprintf(ids, sizeof ids, "%lld", id);
	snprintf(vs, sizeof vs, "%d", since);
	good = db_fetch_rows_nonnull(c, true, sql, 2, p, sizeof **rows, fill_change, NULL, &v, n, err);

	*rows = v;
	return good;
}
