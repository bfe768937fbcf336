/* proof_rules.c - jz.proof_rules() into intake_rule structs. */
#include "proof_rules.h"

#include <stdlib.h>
#include <string.h>

/* Copy src into dst[len]; false when it does not fit (codes must not be cut). */
static bool fits(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

/* Copy at most len-1 bytes without cutting a UTF-8 sequence (names). */
static void put(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool db_proof_rules(db_conn *c, intake_rule **out, size_t *n, db_err *err)
{
	PGresult *res;
	intake_rule *v = NULL;
	bool okay = false;
	int rows;

	*out = NULL;
	*n = 0;
	res = db_exec_retry(c,
		"SELECT category, doc_kind, doc_name, scope, coalesce(alt_group, ''),"
		"       number_required FROM jz.proof_rules()", 0, NULL, err);
	if (!res)
		return false;
	rows = PQntuples(res);
	if (rows > 0 && !(v = calloc((size_t)rows, sizeof *v))) {
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		goto done;
	}
	for (int i = 0; i < rows; i++) {
		intake_rule *r = &v[i];
		int scope = intake_scope_parse(PQgetvalue(res, i, 3));
		if (scope < 0) {
			db_err_set(err, DB_ERR_OTHER, "proof rule %s/%s: unknown scope %s",
				   PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), PQgetvalue(res, i, 3));
			goto done;
		}
		if (!fits(r->category, sizeof r->category, PQgetvalue(res, i, 0)) ||
		    !fits(r->kind, sizeof r->kind, PQgetvalue(res, i, 1)) ||
		    !fits(r->alt_group, sizeof r->alt_group, PQgetvalue(res, i, 4))) {
			db_err_set(err, DB_ERR_OTHER, "proof rule %s/%s: a code is longer than %zu bytes",
				   PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), sizeof r->kind - 1);
			goto done;
		}
		put(r->doc_name, sizeof r->doc_name, PQgetvalue(res, i, 2));
		r->scope = (intake_scope)scope;
		r->number_required = PQgetvalue(res, i, 5)[0] == 't';
	}
	*out = v;
	*n = (size_t)rows;
	v = NULL;
	okay = true;
done:
	free(v);
	PQclear(res);
	return okay;
}

void db_proof_rules_free(intake_rule *rules)
{
	free(rules);
}
