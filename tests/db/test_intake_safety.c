/* test_intake_safety.c - what test_intake.c does not already cover:
 *   injection strings in EVERY free-text field of the form (addresses,
 *   housing, vehicle, names of applicant and member, reason, proof numbers
 *   and issuers, and the draft) come back byte-identical; the same strings
 *   in coded or checked fields are refused cleanly and change nothing;
 *   a plain-SQL submit by staff of another community is refused (JZ004),
 *   for a receptionist and a caseworker; a caseworker of community A reads
 *   none of community B's rows (RLS), and cannot write into B. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "intake.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "安全测试pw1"

/* Each at most 30 characters (a name's limit), no blank at either end. */
static const char *const evil[] = {
	"'); DROP TABLE jz.persons;--",
	"\\'",
	"$$",
	"李$$'\\\"；DROP TABLE x;--·𠀀",
	"$1 %s %n \\x00 E'\\\\' $q$",
};
#define N_EVIL (sizeof evil / sizeof *evil)

static void mkid(char out[19], const char *birth, int seq)
{
	snprintf(out, 19, "110105%.8s%03d", birth, seq % 1000);
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* s as the body of a JSON string (quotes and backslashes escaped). */
static void json_str(const char *s, char *out, size_t len)
{
	size_t o = 0;
	for (; *s && o + 3 < len; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
}

/* Applicant a and spouse b, every free-text field holding s (JSON-escaped
 * in j). Coded fields take the given values so the caller can poison one. */
static void evil_form(char *buf, size_t len, const char *community, const char *a,
		      const char *b, const char *j, const char *relationship,
		      const char *hukou_type, const char *phone)
{
	snprintf(buf, len,
		"{\"community\": \"%s\","
		" \"household\": {\"hukou_address\": \"%s\", \"address\": \"%s\","
		"   \"hukou_type\": \"%s\", \"housing\": \"%s\", \"vehicle\": \"%s\", \"savings_fen\": 0},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\", \"phone\": \"%s\","
		"   \"employment\": \"unemployed_reg\", \"health\": \"healthy\"},"
		" \"members\": [{\"id_number\": \"%s\", \"name\": \"%s\", \"relationship\": \"%s\","
		"   \"employment\": \"flexible\", \"health\": \"healthy\"}],"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true,"
		"    \"number\": \"%s\", \"issuer\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true, \"issuer\": \"%s\"},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"number\": \"%s\", \"issuer\": \"%s\","
		"    \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\", \"%s\"]},"
		" \"reason\": \"%s\"}",
		community, j, j, hukou_type, j, j, a, j, phone, b, j, relationship,
		a, j, j, j, j, j, a, b, j);
}

/* Every free-text column the form fills, read back as the superuser. */
static const char *const readback[] = {
	"SELECT name FROM jz.persons WHERE id_number = $1",
	"SELECT p.name FROM jz.persons p JOIN jz.household_members m ON m.person_id = p.id"
	" WHERE m.relationship = 'spouse' AND m.household_id = (SELECT household_id"
	" FROM jz.household_members x JOIN jz.persons y ON y.id = x.person_id WHERE y.id_number = $1)",
	"SELECT h.hukou_address FROM jz.households h JOIN jz.applications a ON a.household_id = h.id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1",
	"SELECT h.address FROM jz.households h JOIN jz.applications a ON a.household_id = h.id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1",
	"SELECT h.housing FROM jz.households h JOIN jz.applications a ON a.household_id = h.id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1",
	"SELECT h.vehicle FROM jz.households h JOIN jz.applications a ON a.household_id = h.id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1",
	"SELECT a.reason FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
	" WHERE p.id_number = $1",
	"SELECT pr.number FROM jz.proofs pr JOIN jz.applications a ON a.id = pr.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1 AND pr.doc_kind = 'id_card'",
	"SELECT pr.issuer FROM jz.proofs pr JOIN jz.applications a ON a.id = pr.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1 AND pr.doc_kind = 'id_card'",
	"SELECT pr.issuer FROM jz.proofs pr JOIN jz.applications a ON a.id = pr.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1 AND pr.doc_kind = 'hukou'",
	"SELECT pr.number FROM jz.proofs pr JOIN jz.applications a ON a.id = pr.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1"
	" AND pr.doc_kind = 'low_income_cert'",
	"SELECT pr.issuer FROM jz.proofs pr JOIN jz.applications a ON a.id = pr.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE p.id_number = $1"
	" AND pr.doc_kind = 'low_income_cert'",
};
#define N_READBACK (sizeof readback / sizeof *readback)

static void literal_everywhere(testdb *t, db_conn *rec, const char *code)
{
	char form[8192], j[256], key[40];
	db_intake_result r = { 0 };
	db_err e;

	for (size_t k = 0; k < N_EVIL; k++) {
		char a[19], b[19];
		const char *p[1] = { a };
		size_t same = 0;
		mkid(a, "19800101", 100 + 2 * (int)k);
		mkid(b, "19810202", 101 + 2 * (int)k);
		json_str(evil[k], j, sizeof j);
		evil_form(form, sizeof form, code, a, b, j, "spouse", "urban", "13800138000");
		snprintf(key, sizeof key, "7c0e5b1a-3d2f-4a6b-8c9d-%012zu", k + 1);
		if (!ok(db_intake_submit(rec, form, key, &r, &e), "submit with [%s] in every text field: %s",
			evil[k], e.message)) {
			db_intake_result_finish(&r);
			continue;
		}
		db_intake_result_finish(&r);
		for (size_t q = 0; q < N_READBACK; q++) {
			char *v = testdb_value(t->conn, readback[q], 1, p);
			if (v && strlen(v) == strlen(evil[k]) && memcmp(v, evil[k], strlen(v)) == 0)
				same++;
			else
				tap_diag("differs: %s -> [%s]", readback[q], v ? v : "(null)");
			free(v);
		}
		is_int(same, N_READBACK, "all 12 stored columns byte-identical to the typed text");
		{
			db_person_where w;
			ok(db_intake_find_person(rec, b, &w, &e) && w.found && strcmp(w.name, evil[k]) == 0,
			   "find_person reads the member's name back literally");
		}
		{
			/* the draft keeps it too (jsonb, read back through the API) */
			long long id = 0;
			int version = 0;
			char *back = NULL;
			ok(db_draft_save(rec, &id, &version, 0, form, &e), "draft with [%s]: %s", evil[k],
			   e.message);
			if (db_draft_load(rec, id, &back, &version, &e)) {
				char idb[32], *v;
				const char *dp[1] = { idb };
				snprintf(idb, sizeof idb, "%lld", id);
				v = testdb_value(t->conn, "SELECT form->>'reason' || '|' || (form->'members'->0->>'name')"
						 " FROM jz.drafts WHERE id = $1::bigint", 1, dp);
				char want[128];
				snprintf(want, sizeof want, "%s|%s", evil[k], evil[k]);
				is_str(v, want, "draft's reason and member name literal");
				free(v);
				ok(strstr(back, "low_income") != NULL, "draft loads back");
			} else {
				ok(0, "draft load: %s", e.message);
			}
			free(back);
		}
	}
	{
		char n[16];
		const char *p[1] = { n };
		snprintf(n, sizeof n, "%zu", 2 * N_EVIL);
		char *v = testdb_value(t->conn, "SELECT to_regclass('jz.persons') IS NOT NULL"
				       " AND (SELECT count(*) FROM jz.persons) = $1::int", 1, p);
		is_str(v, "t", "jz.persons still exists, holding exactly the persons submitted");
		free(v);
	}
}

/* The same strings where the database expects a code or a format: refused,
 * with a constraint or intake SQLSTATE, and nothing is left behind. */
static void refused_in_coded_fields(testdb *t, db_conn *rec, const char *code)
{
	char form[8192], j[256], a[19], b[19], key[40];
	db_intake_result r = { 0 };
	db_err e;
	char *before = testdb_value(t->conn, "SELECT (SELECT count(*) FROM jz.persons) || '/' ||"
				    " (SELECT count(*) FROM jz.households)", 0, NULL);
	struct { const char *what, *community, *rel, *hukou, *phone, *want; } cases[] = {
		{ "community", NULL, "spouse", "urban", "13800138000", DB_INTAKE_BADFORM },
		{ "relationship", code, NULL, "urban", "13800138000", "23503" },
		{ "hukou_type", code, "spouse", NULL, "13800138000", "23503" },
		{ "phone", code, "spouse", "urban", NULL, "23514" },
	};

	mkid(a, "19700101", 900);
	mkid(b, "19710101", 901);
	json_str(evil[0], j, sizeof j);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		evil_form(form, sizeof form, cases[i].community ? cases[i].community : j, a, b, "正常文字",
			  cases[i].rel ? cases[i].rel : j, cases[i].hukou ? cases[i].hukou : j,
			  cases[i].phone ? cases[i].phone : j);
		snprintf(key, sizeof key, "7c0e5b1a-3d2f-4a6b-8c9d-%012zu", 100 + i);
		ok(!db_intake_submit(rec, form, key, &r, &e), "injection as %s is refused", cases[i].what);
		is_str(e.sqlstate, cases[i].want, "  with the expected SQLSTATE");
		db_intake_result_finish(&r);
	}
	{
		char *after = testdb_value(t->conn, "SELECT (SELECT count(*) FROM jz.persons) || '/' ||"
					   " (SELECT count(*) FROM jz.households)", 0, NULL);
		is_str(after, before, "the refused submits left no person and no household");
		free(after);
	}
	free(before);
}

int main(void)
{
	testdb t;
	char errbuf[512], code_a[16], code_b[16], form[8192], key[40];
	char rec_a[64], rec_b[64], cw_a[64], cw_b[64];
	char a[19], b[19];
	db_conn *ra = NULL, *rb = NULL, *ca = NULL, *cb = NULL;
	db_err e;
	long pid = (long)getpid();
	char *v;

	if (!testdb_init(&t, "intake_safety", errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return tap_done();
	}
	snprintf(code_a, sizeof code_a, "1101051%05ld", pid % 100000);
	snprintf(code_b, sizeof code_b, "1101058%05ld", pid % 100000);
	{
		const char *p[2] = { code_a, code_b };
		ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
			  " ($1, '劲松社区', '劲松街道'), ($2, '双井社区', '双井街道')", 2, p, &e),
		   "two communities: %s", e.message);
	}
	snprintf(rec_a, sizeof rec_a, "tsafe%ld_ra", pid);
	snprintf(rec_b, sizeof rec_b, "tsafe%ld_rb", pid);
	snprintf(cw_a, sizeof cw_a, "tsafe%ld_ca", pid);
	snprintf(cw_b, sizeof cw_b, "tsafe%ld_cb", pid);
	ok(db_staff_add(t.conn, rec_a, "前台甲", DB_ROLE_RECEPTION, code_a, PW, &e), "receptionist A: %s", e.message);
	ok(db_staff_add(t.conn, rec_b, "前台乙", DB_ROLE_RECEPTION, code_b, PW, &e), "receptionist B: %s", e.message);
	ok(db_staff_add(t.conn, cw_a, "社工甲", DB_ROLE_CASEWORKER, code_a, PW, &e), "caseworker A: %s", e.message);
	ok(db_staff_add(t.conn, cw_b, "社工乙", DB_ROLE_CASEWORKER, code_b, PW, &e), "caseworker B: %s", e.message);
	ra = testdb_connect_as(&t, rec_a, PW, &e);
	rb = testdb_connect_as(&t, rec_b, PW, &e);
	ca = testdb_connect_as(&t, cw_a, PW, &e);
	cb = testdb_connect_as(&t, cw_b, PW, &e);
	if (!ok(ra && rb && ca && cb, "all four log in: %s", e.message))
		goto done;

	literal_everywhere(&t, ra, code_a);
	refused_in_coded_fields(&t, ra, code_a);

	/* B's household, submitted by B's receptionist */
	mkid(a, "19650303", 700);
	mkid(b, "19660404", 701);
	evil_form(form, sizeof form, code_b, a, b, "双井路2号", "spouse", "urban", "13900139000");
	{
		db_intake_result r = { 0 };
		ok(db_intake_submit(rb, form, "7c0e5b1a-3d2f-4a6b-8c9d-000000000500", &r, &e),
		   "B submits her own household: %s", e.message);
		db_intake_result_finish(&r);
	}

	/* plain SQL: staff of A submitting a form of community B */
	{
		char x[19], y[19], fx[8192];
		mkid(x, "19600505", 710);
		mkid(y, "19610606", 711);
		evil_form(fx, sizeof fx, code_b, x, y, "别人的社区", "spouse", "urban", "13900139001");
		db_conn *who[2] = { ra, ca };
		const char *name[2] = { "receptionist", "caseworker" };
		for (int i = 0; i < 2; i++) {
			const char *p[2] = { fx, key };
			snprintf(key, sizeof key, "7c0e5b1a-3d2f-4a6b-8c9d-00000000060%d", i);
			ok(!db_run(who[i], "SELECT * FROM jz.submit_application($1::jsonb, $2::uuid)", 2, p, &e),
			   "plain SQL submit for B by A's %s is refused", name[i]);
			is_str(e.sqlstate, DB_INTAKE_COMMUNITY, "  SQLSTATE JZ004");
		}
		{
			const char *p[1] = { x };
			v = testdb_value(t.conn, "SELECT count(*) FROM jz.persons WHERE id_number = $1", 1, p);
			is_str(v, "0", "nothing of the refused form was stored");
			free(v);
		}
	}

	/* RLS: A's caseworker reads none of B's rows, though they are there */
	{
		const char *p[1] = { code_b };
		static const char *const tables[] = {
			"jz.persons", "jz.households", "jz.household_members", "jz.applications",
			"jz.application_categories", "jz.proofs",
		};
		for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
			char sql[256], *all, *mine;
			snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE community_id ="
				 " (SELECT id FROM jz.communities WHERE code = $1)", tables[i]);
			all = testdb_value(t.conn, sql, 1, p);
			mine = testdb_value(ca, sql, 1, p);
			ok(all && mine && strcmp(all, "0") != 0 && strcmp(mine, "0") == 0,
			   "caseworker A sees 0 of B's %s rows (there are %s)", tables[i], all ? all : "(null)");
			free(all);
			free(mine);
		}
		const char *q[1] = { a };
		v = testdb_value(ca, "SELECT count(*) FROM jz.persons WHERE id_number = $1", 1, q);
		is_str(v, "0", "not even by B's applicant's exact ID number");
		free(v);
		v = testdb_value(cb, "SELECT name FROM jz.persons WHERE id_number = $1", 1, q);
		is_str(v, "双井路2号", "while B's caseworker reads the name");
		free(v);
		v = testdb_value(ca, "SELECT count(*) > 0 FROM jz.persons", 0, NULL);
		is_str(v, "t", "and A's caseworker sees A's persons");
		free(v);
		/* nor write into B: an UPDATE finds nothing, an INSERT is refused */
		{
			PGresult *res = db_exec(ca, "UPDATE jz.persons SET name = '改名' WHERE id_number = $1",
						1, q, &e);
			ok(res && strcmp(PQcmdTuples(res), "0") == 0, "A's UPDATE of B's person touches 0 rows");
			PQclear(res);
			v = testdb_value(t.conn, "SELECT name FROM jz.persons WHERE id_number = $1", 1, q);
			is_str(v, "双井路2号", "  and the name is unchanged");
			free(v);
		}
		ok(!db_run(ca, "INSERT INTO jz.households (community_id, address)"
			   " SELECT id, '越界' FROM jz.communities WHERE code = $1", 1, p, &e)
		   && strcmp(e.sqlstate, "42501") == 0,
		   "A's INSERT of a household into B is refused by RLS (%s)", e.sqlstate);
	}
done:
	db_close(ra);
	db_close(rb);
	db_close(ca);
	db_close(cb);
	testdb_finish(&t);
	return tap_done();
}
