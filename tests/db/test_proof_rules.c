/* test_proof_rules.c - jz.proof_rules() (0027) and db_proof_rules: the form's
 * checklist rules are exactly the rows of jz.required_proof, and a rule an
 * administrator adds with plain SQL reaches the form with no recompile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "idnum.h"
#include "intake_form.h"
#include "proof_rules.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "材料规则pw1"

static const char *scope_code(intake_scope s)
{
	static const char *const names[] = {
		[INTAKE_SCOPE_HOUSEHOLD] = "household", [INTAKE_SCOPE_APPLICANT] = "applicant",
		[INTAKE_SCOPE_MEMBER] = "member", [INTAKE_SCOPE_EACH_ADULT] = "each_adult",
		[INTAKE_SCOPE_EACH_MEMBER] = "each_member",
	};
	return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* Every row of jz.required_proof (with its document's name) is in rules,
 * once, and rules has nothing else. */
static void same_as_table(db_conn *c, const intake_rule *rules, size_t n, const char *who)
{
	db_err e;
	PGresult *res = db_exec(c,
		"SELECT r.category, r.doc_kind, k.name, r.scope, coalesce(r.alt_group, ''), k.number_required"
		"  FROM jz.required_proof r JOIN jz.doc_kinds k ON k.code = r.doc_kind", 0, NULL, &e);
	if (!ok(res != NULL, "%s: jz.required_proof read: %s", who, res ? "" : e.message))
		return;
	int rows = PQntuples(res), matched = 0;
	ok((size_t)rows == n, "%s: %zu rules for %d rows of jz.required_proof", who, n, rows);
	for (int i = 0; i < rows; i++) {
		int hits = 0;
		for (size_t k = 0; k < n; k++)
			if (!strcmp(rules[k].category, PQgetvalue(res, i, 0)) &&
			    !strcmp(rules[k].kind, PQgetvalue(res, i, 1)) &&
			    !strcmp(rules[k].doc_name, PQgetvalue(res, i, 2)) &&
			    !strcmp(scope_code(rules[k].scope), PQgetvalue(res, i, 3)) &&
			    !strcmp(rules[k].alt_group, PQgetvalue(res, i, 4)) &&
			    rules[k].number_required == (PQgetvalue(res, i, 5)[0] == 't'))
				hits++;
		if (hits == 1)
			matched++;
		else
			tap_diag("%s: row %s/%s/%s matched %d rules", who, PQgetvalue(res, i, 0),
			     PQgetvalue(res, i, 1), PQgetvalue(res, i, 3), hits);
	}
	is_int(matched, rows, "every row matches exactly one rule");
	PQclear(res);
}

static int needed(const intake_form *f, const char *kind)
{
	int n = 0;
	for (size_t i = 0; i < f->n_proofs; i++)
		n += f->p[i].needed && !strcmp(f->p[i].kind, kind);
	return n;
}

/* A two-adult low-income household with the given rules. */
static intake_form *form_of(const intake_rule *rules, size_t n)
{
	char id2[19];
	intake_form *f = intake_form_create(2026, 6, 1);
	memcpy(id2, "11010519800101123", 17);
	id2[17] = idnum_check_char(id2);
	id2[18] = '\0';
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_ID }, "11010519491231002X");
	intake_member_add(f);
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_ID }, id2);
	intake_set(f, (intake_ref){ INTAKE_AREA_CATEGORY, IC_LOW_INCOME, 0, }, "y");
	intake_set_rules(f, rules, n);
	return f;
}

int main(void)
{
	testdb t;
	char errbuf[512], code[16], admin[64], rec[64];
	db_conn *ac = NULL, *rc = NULL;
	intake_rule *rules = NULL;
	size_t n = 0;
	db_err e;
	long pid = (long)getpid();
	intake_form *f;

	if (!testdb_init(&t, "proof_rules", errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return tap_done();
	}
	ok(db_proof_rules(t.conn, &rules, &n, &e), "jz.proof_rules() read: %s", e.message);
	same_as_table(t.conn, rules, n, "shipped rules");
	ok(n > 0 && !strcmp(rules[0].category, "*") && !strcmp(rules[0].kind, "id_card"),
	   "in order: every application's rules first, the ID card first of all");
	f = form_of(rules, n);
	is_int(needed(f, "low_income_cert"), 1, "the form given them needs the 低收入证明");
	is_int(needed(f, "finance_auth"), 2, "and an authorisation from each adult");
	intake_form_destroy(f);
	db_proof_rules_free(rules);
	rules = NULL;

	snprintf(code, sizeof code, "1101059%05ld", pid % 100000);
	snprintf(admin, sizeof admin, "tpr%ld_admin", pid);
	snprintf(rec, sizeof rec, "tpr%ld_rec", pid);
	{
		const char *p[1] = { code };
		ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES ($1, '团结湖社区', '团结湖街道')",
			  1, p, &e), "a community: %s", e.message);
	}
	ok(db_staff_add(t.conn, admin, "管理员", DB_ROLE_ADMIN, code, PW, &e), "an administrator: %s", e.message);
	ok(db_staff_add(t.conn, rec, "前台", DB_ROLE_RECEPTION, code, PW, &e), "a receptionist: %s", e.message);
	ac = testdb_connect_as(&t, admin, PW, &e);
	rc = testdb_connect_as(&t, rec, PW, &e);
	if (!ok(ac && rc, "both log in: %s", e.message))
		goto done;

	ok(!db_run(rc, "INSERT INTO jz.required_proof (category, doc_kind, scope) VALUES ('*', 'hukou', 'applicant')",
		   0, NULL, &e), "a receptionist may not add a rule");
	ok(db_run(ac, "INSERT INTO jz.doc_kinds (code, name, sort) VALUES ('bank_statement', '银行流水', 110)",
		  0, NULL, &e), "the administrator adds a document kind: %s", e.message);
	ok(db_run(ac, "INSERT INTO jz.required_proof (category, doc_kind, scope, sort)"
		      " VALUES ('low_income', 'bank_statement', 'each_adult', 30)", 0, NULL, &e),
	   "and a rule: every adult of a low-income household shows a 银行流水: %s", e.message);

	ok(db_proof_rules(rc, &rules, &n, &e), "the receptionist reads the rules: %s", e.message);
	same_as_table(rc, rules, n, "after the insert");
	int found = -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rules[i].kind, "bank_statement"))
			found = (int)i;
	ok(found >= 0 && rules[found].scope == INTAKE_SCOPE_EACH_ADULT &&
	   !strcmp(rules[found].doc_name, "银行流水") && !strcmp(rules[found].category, "low_income"),
	   "the new rule is there, with its name and scope");
	f = form_of(rules, n);
	is_int(needed(f, "bank_statement"), 2, "the form now asks each adult for a 银行流水");
	intake_form_destroy(f);
	db_proof_rules_free(rules);
	rules = NULL;

	ok(db_run(ac, "DELETE FROM jz.required_proof WHERE doc_kind = 'bank_statement'", 0, NULL, &e),
	   "the administrator removes the rule: %s", e.message);
	ok(db_proof_rules(rc, &rules, &n, &e), "read again: %s", e.message);
	f = form_of(rules, n);
	is_int(needed(f, "bank_statement"), 0, "the form no longer asks for it");
	intake_form_destroy(f);

	/* jz.proof_rules() is STABLE and callable by every group role */
	{
		PGresult *res = db_exec(t.conn,
			"SELECT p.provolatile, "
			"       has_function_privilege('jz_supervisor', p.oid, 'EXECUTE'),"
			"       has_function_privilege('jz_caseworker', p.oid, 'EXECUTE')"
			"  FROM pg_proc p WHERE p.oid = 'jz.proof_rules()'::regprocedure", 0, NULL, &e);
		ok(res && PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "s") &&
		   !strcmp(PQgetvalue(res, 0, 1), "t") && !strcmp(PQgetvalue(res, 0, 2), "t"),
		   "STABLE, granted to supervisors and caseworkers");
		PQclear(res);
	}
done:
	db_proof_rules_free(rules);
	db_close(ac);
	db_close(rc);
	testdb_finish(&t);
	return tap_done();
}
