/* intake_draft.c - the stored draft JSON as (path, value) rows. */
#include "intake_draft.h"

#include <stdlib.h>
#include <string.h>

bool db_form_flatten(db_conn *c, const char *form_json, db_form_pair **out,
		     size_t *n, db_err *err)
{
	const char *params[1] = { form_json };
	PGresult *res;
	bool okay = false;

	*out = NULL;
	*n = 0;
	res = db_exec(c, "SELECT path, value FROM jz.jsonb_flatten($1::jsonb)", 1, params, err);
	if (!res)
		return false;
	int rows = PQntuples(res);
	if (rows == 0) {
		okay = true;
		goto out;
	}
	*out = calloc((size_t)rows, sizeof **out);
	if (!*out)
		goto oom;
	for (int i = 0; i < rows; i++) {
		db_form_pair *p = &(*out)[i];
		*n = (size_t)i + 1;
		p->path = strdup(PQgetvalue(res, i, 0));
		p->value = PQgetisnull(res, i, 1) ? NULL : strdup(PQgetvalue(res, i, 1));
		if (!p->path || (!p->value && !PQgetisnull(res, i, 1)))
			goto oom;
	}
	okay = true;
	goto out;
oom:
	db_form_pairs_free(*out, *n);
	*out = NULL;
	*n = 0;
	db_err_set(err, DB_ERR_OTHER, "out of memory");
out:
	PQclear(res);
	return okay;
}

void db_form_pairs_free(db_form_pair *p, size_t n)
{
	if (!p)
		return;
	for (size_t i = 0; i < n; i++) {
		free(p[i].path);
		free(p[i].value);
	}
	free(p);
}
