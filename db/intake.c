/* intake.c - the intake use cases: every statement is one round trip with
 * parameters; the rules live in the database (migrations 0020-0024). */
#include "intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy at most len-1 bytes without cutting a UTF-8 sequence. */
static void put(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!src)
		src = "";
	n = strlen(src);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *val(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

static long long num(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* Columns first..first+6 of rows with a non-NULL doc_kind become items. */
static bool missing_rows(const PGresult *res, int first, db_intake_missing **out,
			 size_t *n, db_err *err)
{
	int rows = PQntuples(res);
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (rows == 0)
		return true;
	*out = calloc((size_t)rows, sizeof **out);
	if (!*out) {
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		return false;
	}
	for (int i = 0; i < rows; i++) {
		db_intake_missing *m = &(*out)[k];

		if (PQgetisnull(res, i, first + 2))
			continue;
		put(m->category, sizeof m->category, val(res, i, first));
		put(m->category_name, sizeof m->category_name, val(res, i, first + 1));
		put(m->doc_kind, sizeof m->doc_kind, val(res, i, first + 2));
		put(m->doc_name, sizeof m->doc_name, val(res, i, first + 3));
		put(m->person_id_number, sizeof m->person_id_number, val(res, i, first + 4));
		put(m->person_name, sizeof m->person_name, val(res, i, first + 5));
		put(m->alternatives, sizeof m->alternatives, val(res, i, first + 6));
		k++;
	}
	if (k == 0) {
		free(*out);
		*out = NULL;
	}
	*n = k;
	return true;
}

void db_intake_missing_free(db_intake_missing *m)
{
	free(m);
}

void db_intake_result_finish(db_intake_result *r)
{
	if (!r)
		return;
	free(r->missing);
	r->missing = NULL;
	r->n_missing = 0;
}

bool db_intake_submit(db_conn *c, const char *form_json, const char *idem_key,
		      db_intake_result *out, db_err *err)
{
	/* the missing list comes back as rows: one round trip in all */
	static const char sql[] =
		"SELECT r.application_id, r.number, r.state, r.state_name, r.notify_by,"
		"       r.notify_by_certain, r.replayed,"
		"       m.category, m.category_name, m.doc_kind, m.doc_name,"
		"       m.person_id_number, m.person_name, m.alternatives"
		"  FROM jz.submit_application($1::jsonb, $2::uuid) r"
		"  LEFT JOIN LATERAL jsonb_to_recordset(r.missing) AS m(category text,"
		"       category_name text, doc_kind text, doc_name text,"
		"       person_id_number text, person_name text, alternatives text) ON true";
	const char *params[2] = { form_json, idem_key };
	PGresult *res;
	bool okay = false;

	memset(out, 0, sizeof *out);
	/* idempotent by its key: a submit lost with the connection is sent
	 * again at once, and gives back the application if it had been made */
	res = db_exec_retry(c, sql, 2, params, err);
	if (!res)
		return false;
	if (PQntuples(res) < 1) {
		db_err_set(err, DB_ERR_OTHER, "submit returned no row");
		goto out;
	}
	out->application_id = num(res, 0, 0);
	put(out->number, sizeof out->number, val(res, 0, 1));
	put(out->state, sizeof out->state, val(res, 0, 2));
	put(out->state_name, sizeof out->state_name, val(res, 0, 3));
	put(out->notify_by, sizeof out->notify_by, val(res, 0, 4));
	out->notify_by_certain = strcmp(val(res, 0, 5), "t") == 0;
	out->replayed = strcmp(val(res, 0, 6), "t") == 0;
	okay = missing_rows(res, 7, &out->missing, &out->n_missing, err);
out:
	PQclear(res);
	return okay;
}

/* The string value of key in the server's jsonb text ({"k": "v", ...});
 * codes and ID numbers only, so no escapes: anything else is not taken. */
static void detail_value(const char *json, const char *key, char *out, size_t n)
{
	char pat[40];
	const char *p;

	out[0] = '\0';
	snprintf(pat, sizeof pat, "\"%s\":", key);
	p = strstr(json, pat);
	if (!p)
		return;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (*p++ != '"')
		return;
	size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789X");
	if (p[len] != '"' || len == 0 || len >= n)
		return;
	memcpy(out, p, len);
	out[len] = '\0';
}

bool db_intake_refusal_about(const db_err *err, db_intake_about *out)
{
	memset(out, 0, sizeof *out);
	if (!err || err->detail[0] != '{')
		return false;
	detail_value(err->detail, "category", out->category, sizeof out->category);
	detail_value(err->detail, "id_number", out->id_number, sizeof out->id_number);
	return out->category[0] || out->id_number[0];
}

static bool missing_query(db_conn *c, const char *sql, const char *param,
			  db_intake_missing **out, size_t *n, db_err *err)
{
	const char *params[1] = { param };
	PGresult *res;
	bool okay;

	*out = NULL;
	*n = 0;
	res = db_exec(c, sql, 1, params, err);
	if (!res)
		return false;
	okay = missing_rows(res, 0, out, n, err);
	PQclear(res);
	return okay;
}

bool db_intake_missing_for_form(db_conn *c, const char *form_json,
				db_intake_missing **out, size_t *n, db_err *err)
{
	return missing_query(c,
		"SELECT category, category_name, doc_kind, doc_name, person_id_number,"
		"       person_name, alternatives FROM jz.missing_proofs_for($1::jsonb)",
		form_json, out, n, err);
}

bool db_intake_missing_for_application(db_conn *c, long long application_id,
				       db_intake_missing **out, size_t *n, db_err *err)
{
	char id[24];

	snprintf(id, sizeof id, "%lld", application_id);
	return missing_query(c,
		"SELECT category, category_name, doc_kind, doc_name, person_id_number,"
		"       person_name, alternatives FROM jz.missing_proofs($1::bigint)",
		id, out, n, err);
}

bool db_intake_find_person(db_conn *c, const char *id_number, db_person_where *out,
			   db_err *err)
{
	const char *params[1] = { id_number };
	PGresult *res;

	memset(out, 0, sizeof *out);
	res = db_exec(c,
		"SELECT person_id, name, household_id, household_community, application_id,"
		"       application_number, state, state_name, application_community"
		"  FROM jz.find_person($1)", 1, params, err);
	if (!res)
		return false;
	if (PQntuples(res) > 0) {
		out->found = true;
		out->person_id = num(res, 0, 0);
		put(out->name, sizeof out->name, val(res, 0, 1));
		out->household_id = num(res, 0, 2);
		put(out->household_community, sizeof out->household_community, val(res, 0, 3));
		out->application_id = num(res, 0, 4);
		put(out->application_number, sizeof out->application_number, val(res, 0, 5));
		put(out->state, sizeof out->state, val(res, 0, 6));
		put(out->state_name, sizeof out->state_name, val(res, 0, 7));
		put(out->application_community, sizeof out->application_community, val(res, 0, 8));
	}
	PQclear(res);
	return true;
}

bool db_draft_save(db_conn *c, long long *id, int *version, int community_id,
		   const char *form_json, db_err *err)
{
	char sid[24], sver[16], scid[16];
	const char *params[4] = { form_json, scid, sid, sver };
	PGresult *res;
	bool okay = false;

	snprintf(sid, sizeof sid, "%lld", *id);
	snprintf(sver, sizeof sver, "%d", *version);
	snprintf(scid, sizeof scid, "%d", community_id);
	if (*id == 0)
		res = db_exec(c,
			"INSERT INTO jz.drafts (form, community_id)"
			" VALUES ($1::jsonb, nullif($2::int, 0)) RETURNING id, version",
			2, params, err);
	else
		res = db_exec(c,
			"UPDATE jz.drafts SET form = $1::jsonb, community_id = nullif($2::int, 0),"
			"       version = version + 1, updated_at = now()"
			" WHERE id = $3::bigint AND version = $4::int RETURNING id, version",
			4, params, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		db_err_set(err, DB_ERR_SQL, "draft %lld was saved elsewhere since version %d",
			   *id, *version);
		memcpy(err->sqlstate, DB_INTAKE_CONFLICT, sizeof err->sqlstate);
		goto out;
	}
	*id = num(res, 0, 0);
	*version = (int)num(res, 0, 1);
	okay = true;
out:
	PQclear(res);
	return okay;
}

bool db_draft_load(db_conn *c, long long id, char **form_json, int *version, db_err *err)
{
	char sid[24];
	const char *params[1] = { sid };
	PGresult *res;
	bool okay = false;

	*form_json = NULL;
	snprintf(sid, sizeof sid, "%lld", id);
	res = db_exec(c, "SELECT form::text, version FROM jz.drafts WHERE id = $1::bigint",
		      1, params, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		db_err_set(err, DB_ERR_SQL, "no draft %lld", id);
		memcpy(err->sqlstate, "02000", sizeof err->sqlstate);
		goto out;
	}
	*form_json = strdup(PQgetvalue(res, 0, 0));
	if (!*form_json) {
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		goto out;
	}
	*version = (int)num(res, 0, 1);
	okay = true;
out:
	PQclear(res);
	return okay;
}

bool db_draft_list(db_conn *c, db_draft_info **out, size_t *n, db_err *err)
{
	PGresult *res;
	int rows;

	*out = NULL;
	*n = 0;
	res = db_exec(c,
		"SELECT id, version, coalesce(community_id, 0),"
		"       to_char(updated_at, 'YYYY-MM-DD HH24:MI'), form->'applicant'->>'name'"
		"  FROM jz.drafts WHERE login = session_user ORDER BY updated_at DESC, id DESC",
		0, NULL, err);
	if (!res)
		return false;
	rows = PQntuples(res);
	if (rows > 0) {
		*out = calloc((size_t)rows, sizeof **out);
		if (!*out) {
			PQclear(res);
			db_err_set(err, DB_ERR_OTHER, "out of memory");
			return false;
		}
	}
	for (int i = 0; i < rows; i++) {
		db_draft_info *d = &(*out)[i];

		d->id = num(res, i, 0);
		d->version = (int)num(res, i, 1);
		d->community_id = (int)num(res, i, 2);
		put(d->updated_at, sizeof d->updated_at, val(res, i, 3));
		put(d->applicant_name, sizeof d->applicant_name, val(res, i, 4));
	}
	*n = (size_t)rows;
	PQclear(res);
	return true;
}

bool db_draft_delete(db_conn *c, long long id, db_err *err)
{
	char sid[24];
	const char *params[1] = { sid };

	snprintf(sid, sizeof sid, "%lld", id);
	return db_run(c, "DELETE FROM jz.drafts WHERE id = $1::bigint", 1, params, err);
}
