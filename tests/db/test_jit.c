/* test_jit.c - the office's queries are not JIT-compiled (0103): the private
 * server runs with jit = off (db/cluster.c writes it into jiuzhu.conf, and
 * this test's cluster is started by that code), and the proof-rule functions
 * carry jit = off themselves, for a server whose default is on. With the
 * session's jit on and its threshold at 0 the check still answers, with the
 * same missing proofs as with jit off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tap.h"
#include "testdb.h"

static const char *const rule_functions[] = {
	"jz.missing_in_facts(jsonb)", "jz.application_facts(bigint)", "jz.form_facts(jsonb)",
	"jz.missing_proofs(bigint)", "jz.missing_proofs_for(jsonb)", "jz.application_check(bigint)",
	"jz.submit_application(jsonb,uuid)",
};

/* A low-income form of one member with no proofs at all. */
static const char *const form =
	"SELECT string_agg(doc_kind || '/' || coalesce(person_id_number, '-'), ' ' ORDER BY doc_kind)"
	" FROM jz.missing_proofs_for('{\"categories\": [\"low_income\"], \"members\": [{\"key\": "
	"\"110105194912310021\", \"name\": \"张三\", \"relationship\": \"self\", \"birth_date\": \"1949-12-31\"}],"
	" \"proofs\": []}'::jsonb)";

int main(void)
{
	testdb t;
	char err[512];
	db_err e;
	char *v, *off = NULL;

	if (!testdb_init(&t, "jit", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	v = testdb_value(t.conn, "SHOW jit", 0, NULL);
	is_str(v, "off", "the private server's sessions start with jit off");
	free(v);
	for (size_t i = 0; i < sizeof rule_functions / sizeof *rule_functions; i++) {
		const char *p[1] = { rule_functions[i] };
		PGresult *r = db_exec(t.conn, "SELECT 'jit=off' = ANY (proconfig) FROM pg_proc"
				      " WHERE oid = $1::regprocedure", 1, p, &e);
		ok(r && PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0,
		   "%s runs with jit off", rule_functions[i]);
		PQclear(r);
	}
	off = testdb_value(t.conn, form, 0, NULL);
	ok(off != NULL && strstr(off, "id_card") != NULL && strstr(off, "hukou") != NULL,
	   "with jit off the form of 张三 lacks his proofs: %s", off ? off : "(null)");
	ok(db_run(t.conn, "SET jit = on", 0, NULL, &e) && db_run(t.conn, "SET jit_above_cost = 0", 0, NULL, &e),
	   "a session that asks for jit on everything: %s", e.message);
	v = testdb_value(t.conn, form, 0, NULL);
	is_str(v, off ? off : "", "the same answer");
	free(v);
	v = testdb_value(t.conn, "SHOW jit", 0, NULL);
	is_str(v, "on", "and the session's own setting is left as it was");
	free(v);
	free(off);
	testdb_finish(&t);
	return tap_done();
}
