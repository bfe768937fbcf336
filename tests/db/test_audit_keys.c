/* test_audit_keys.c - jz.audit_stmt (0094, made cheaper in 0101) writes one
 * entry per changed row: the row key is the key columns joined by '/', NULL
 * parts left out; entries follow the order the rows were changed; an
 * UPDATE's old and new rows stay paired; more than four key columns is
 * refused loudly. A scratch table carries the trigger with three keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tap.h"
#include "testdb.h"

/* All row keys of one action, in audit order, joined by ' '. */
static char *keys(db_conn *c, const char *action)
{
	return testdb_value(c, "SELECT coalesce(string_agg(coalesce(row_key, '∅'), ' ' ORDER BY id), '')"
			    " FROM jz.audit_log WHERE table_name = 'public.audit_probe' AND action = $1",
			    1, (const char *const[]){ action });
}

int main(void)
{
	testdb t;
	char err[512];
	db_err e;
	char *v;

	if (!testdb_init(&t, "audit_keys", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(db_run(t.conn, "CREATE TABLE audit_probe (a int, b text, c text, community_id int, 名称 text)",
		  0, NULL, &e) &&
	   db_run(t.conn, "CREATE TRIGGER p_ins AFTER INSERT ON audit_probe REFERENCING NEW TABLE AS audit_new"
		  " FOR EACH STATEMENT EXECUTE FUNCTION jz.audit_stmt('a', 'b', 'c')", 0, NULL, &e) &&
	   db_run(t.conn, "CREATE TRIGGER p_upd AFTER UPDATE ON audit_probe"
		  " REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new"
		  " FOR EACH STATEMENT EXECUTE FUNCTION jz.audit_stmt('a', 'b', 'c')", 0, NULL, &e) &&
	   db_run(t.conn, "CREATE TRIGGER p_del AFTER DELETE ON audit_probe REFERENCING OLD TABLE AS audit_old"
		  " FOR EACH STATEMENT EXECUTE FUNCTION jz.audit_stmt('a', 'b', 'c')", 0, NULL, &e),
	   "a scratch table with the statement audit on three keys: %s", e.message);

	/* rows in an order that is neither the key order nor sorted */
	ok(db_run(t.conn, "INSERT INTO audit_probe VALUES (3, '王', NULL, 7, '甲'), (1, NULL, NULL, 7, '乙'),"
		  " (2, '李', '张', NULL, '丙'), (NULL, NULL, NULL, 7, '丁')", 0, NULL, &e),
	   "four rows inserted in one statement: %s", e.message);
	v = keys(t.conn, "INSERT");
	is_str(v, "3/王 1 2/李/张 ∅", "one entry each, in insert order, NULL parts left out, no key -> NULL");
	free(v);
	v = testdb_value(t.conn, "SELECT string_agg(coalesce(community_id::text, '-'), ',' ORDER BY id) FROM jz.audit_log"
			 " WHERE table_name = 'public.audit_probe'", 0, NULL);
	is_str(v, "7,7,-,7", "community_id taken from each row");
	free(v);
	v = testdb_value(t.conn, "SELECT new->>'名称' FROM jz.audit_log WHERE table_name = 'public.audit_probe'"
			 " AND row_key = '2/李/张'", 0, NULL);
	is_str(v, "丙", "the new row as jsonb, Chinese intact");
	free(v);

	/* an UPDATE that changes a key column: old and new stay paired */
	ok(db_run(t.conn, "UPDATE audit_probe SET b = b || '改', a = a + 10 WHERE b IS NOT NULL", 0, NULL, &e),
	   "two rows updated, keys changed: %s", e.message);
	v = keys(t.conn, "UPDATE");
	ok(v && (strcmp(v, "13/王改 12/李改/张") == 0 || strcmp(v, "12/李改/张 13/王改") == 0),
	   "update entries keyed by the new row: %s", v ? v : "(null)");
	free(v);
	v = testdb_value(t.conn, "SELECT bool_and((old->>'a')::int + 10 = (new->>'a')::int"
			 " AND old->>'名称' = new->>'名称')::text FROM jz.audit_log"
			 " WHERE table_name = 'public.audit_probe' AND action = 'UPDATE'", 0, NULL);
	is_str(v, "true", "each entry's old row is the same row before the change");
	free(v);

	ok(db_run(t.conn, "DELETE FROM audit_probe WHERE a = 1 OR a IS NULL", 0, NULL, &e),
	   "two rows deleted: %s", e.message);
	v = keys(t.conn, "DELETE");
	ok(v && (strcmp(v, "1 ∅") == 0 || strcmp(v, "∅ 1") == 0), "delete entries keyed by the old row: %s",
	   v ? v : "(null)");
	free(v);
	v = testdb_value(t.conn, "SELECT count(*)::text FROM jz.audit_log WHERE table_name = 'public.audit_probe'"
			 " AND action = 'DELETE' AND new IS NULL AND old IS NOT NULL", 0, NULL);
	is_str(v, "2", "a delete keeps the old row only");
	free(v);

	/* five key columns: refused, and the write with it */
	ok(db_run(t.conn, "CREATE TRIGGER p5 AFTER INSERT ON audit_probe REFERENCING NEW TABLE AS n5"
		  " FOR EACH STATEMENT EXECUTE FUNCTION jz.audit_stmt('a', 'b', 'c', 'community_id', '名称')",
		  0, NULL, &e), "a trigger with five keys: %s", e.message);
	ok(!db_run(t.conn, "INSERT INTO audit_probe VALUES (9, '赵', NULL, 7, '戊')", 0, NULL, &e) &&
	   strstr(e.message, "at most 4 key columns") != NULL,
	   "five key columns refused loudly: %s", e.message);
	v = testdb_value(t.conn, "SELECT count(*)::text FROM audit_probe WHERE a = 9", 0, NULL);
	is_str(v, "0", "and the row with them");
	free(v);

	testdb_finish(&t);
	return tap_done();
}
