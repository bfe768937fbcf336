/* test_form_flatten.c - a draft's JSON comes back as (path, value) pairs
 * (jz.jsonb_flatten, 0026) and restores the form: the JSON the form writes,
 * flattened by PostgreSQL and set by path, writes the same JSON again. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "intake_form.h"
#include "intake_draft.h"
#include "tap.h"
#include "testdb.h"

static const char *value_of(const db_form_pair *p, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].path, path))
			return p[i].value ? p[i].value : "(null)";
	return "(absent)";
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;
	db_form_pair *p = NULL;
	size_t n = 0;

	setlocale(LC_ALL, "C.UTF-8");
	if (!testdb_init(&t, "form_flatten", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(db_form_flatten(t.conn,
		"{\"a\":{\"b\":\"x\\\"y\\\\z\\n张三\"},\"m\":[{\"id\":\"1\"},{\"id\":null,\"n\":42,\"t\":true}],"
		"\"e\":[],\"s\":[\"p\",\"q\"]}", &p, &n, &e), "flatten: %s", e.message);
	is_int(n, 7, "seven scalars (an empty array gives none)");
	is_str(value_of(p, n, "a.b"), "x\"y\\z\n张三", "string unescaped");
	is_str(value_of(p, n, "m.0.id"), "1", "array index from 0");
	is_str(value_of(p, n, "m.1.id"), "(null)", "JSON null is SQL NULL");
	is_str(value_of(p, n, "m.1.n"), "42", "number as text");
	is_str(value_of(p, n, "m.1.t"), "true", "boolean as text");
	is_str(value_of(p, n, "s.1"), "q", "array of strings");
	db_form_pairs_free(p, n);

	/* the form's own JSON round trip through the database */
	intake_form *f = intake_form_create(2026, 6, 1);
	char id2[19];
	memcpy(id2, "11010519800101123", 17);
	id2[17] = idnum_check_char(id2);
	id2[18] = '\0';
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_NAME }, "王'芳\"; DROP TABLE jz.drafts; --");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_ID }, "11010519491231002X");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_INC_PENSION }, "1000.50");
	intake_member_add(f);
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_NAME }, "李四");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_ID }, id2);
	intake_set(f, (intake_ref){ INTAKE_AREA_CATEGORY, IC_DISABLED, 0 }, "y");
	intake_set(f, (intake_ref){ INTAKE_AREA_CATEGORY, IC_DISABLED, 1 }, id2);
	intake_set(f, (intake_ref){ INTAKE_AREA_HOUSEHOLD, 0, IH_REASON }, "行1\n行2\t\\");
	for (size_t i = 0; i < f->n_proofs; i++)
		if (!strcmp(f->p[i].kind, "disability_cert")) {
			intake_set(f, (intake_ref){ INTAKE_AREA_PROOF, (int)i, IP_SEEN }, "y");
			intake_set(f, (intake_ref){ INTAKE_AREA_PROOF, (int)i, IP_ISSUER }, "残联");
		}
	intake_uuid4(f->idem_key);
	char *json = intake_to_json(f);
	ok(db_form_flatten(t.conn, json, &p, &n, &e), "the form's JSON is valid jsonb: %s", e.message);
	intake_form *g = intake_form_create(2026, 6, 1);
	for (size_t i = 0; i < n; i++)
		intake_set_path(g, p[i].path, p[i].value);
	intake_restore_finish(g);
	char *again = intake_to_json(g);
	is_str(again, json, "set by path, the restored form writes the same JSON");
	db_form_pairs_free(p, n);
	free(again);
	free(json);
	intake_form_destroy(f);
	intake_form_destroy(g);
	testdb_finish(&t);
	return tap_done();
}
