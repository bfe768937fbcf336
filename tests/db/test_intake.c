/* test_intake.c - the intake rules, enforced by PostgreSQL: submit through
 * jz.submit_application, the deferred completeness check against plain SQL,
 * expired proofs, duplicates, age rules, RLS between communities, injection
 * strings stored literally. Concurrency and drafts: test_intake_more.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "intake.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "测试口令pw1"

/* An 18-digit ID: 110105 + birth YYYYMMDD + 3-digit sequence + check. */
static void mkid(char out[19], const char *birth, int seq)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;

	snprintf(out, 19, "110105%.8s%03d", birth, seq % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* The 3-person low-income household: 张伟 (applicant), 李娜 (spouse, 肢体
 * disability grade 2), 张小明 (child, minor: signs no authorisation). With
 * the certificate, its number is 李娜's ID + category 4 + grade 2. */
static void family_form(char *buf, size_t len, const char *community, const char *a,
			const char *b, const char *child, bool with_disability_cert,
			const char *reason)
{
	char cert[160] = "";

	if (with_disability_cert)
		snprintf(cert, sizeof cert, ", {\"kind\": \"disability_cert\", \"person\": \"%s\","
			 " \"seen\": true, \"number\": \"%s42\", \"valid_until\": \"2099-12-31\"}", b, b);
	snprintf(buf, len,
		"{\"community\": \"%s\","
		" \"household\": {\"hukou_address\": \"北京市朝阳区团结湖路1号\", \"address\": \"同上\","
		"   \"hukou_type\": \"urban\", \"housing\": \"公租房 40㎡\", \"savings_fen\": 120000},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"张伟\", \"ethnic\": \"01\","
		"   \"phone\": \"13800138000\", \"employment\": \"unemployed_reg\", \"health\": \"healthy\","
		"   \"income\": {\"other\": 50000}},"
		" \"members\": [{\"id_number\": \"%s\", \"name\": \"李娜\", \"relationship\": \"spouse\","
		"   \"employment\": \"flexible\", \"health\": \"chronic\", \"disability_category\": 4,"
		"   \"disability_grade\": 2, \"income\": {\"wages\": 150000}},"
		"  {\"id_number\": \"%s\", \"name\": \"张小明\", \"relationship\": \"child\","
		"   \"employment\": \"student\", \"health\": \"healthy\"}],"
		" \"categories\": [{\"code\": \"low_income\"}, {\"code\": \"disabled\", \"member\": \"%s\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"issuer\": \"团结湖街道办事处\","
		"    \"valid_until\": \"2099-12-31\"}%s],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\", \"%s\"]},"
		" \"reason\": \"%s\"}",
		community, a, b, child, b, a, a, cert, a, b, reason);
}

int main(void)
{
	testdb t;
	char errbuf[512], rec_a[64], rec_b[64];
	char a1[19], b1[19], c1[19], a2[19], b2[19], c2[19];
	char form[8192];
	db_err e;
	db_conn *ca = NULL, *cb = NULL;
	db_intake_result r = { 0 };
	db_intake_missing *miss = NULL;
	size_t nmiss = 0;
	char *v;
	char code_a[16], code_b[16];
	long pid = (long)getpid();

	if (!testdb_init(&t, "intake", errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return tap_done();
	}
	/* two communities, one receptionist each */
	snprintf(code_a, sizeof code_a, "1101050%05ld", pid % 100000);
	snprintf(code_b, sizeof code_b, "1101059%05ld", pid % 100000);
	{
		const char *p[2] = { code_a, code_b };
		ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
			  " ($1, '团结湖社区', '团结湖街道'), ($2, '水碓子社区', '团结湖街道')", 2, p, &e),
		   "two communities: %s", e.message);
	}
	snprintf(rec_a, sizeof rec_a, "tintake%ld_a", pid);
	snprintf(rec_b, sizeof rec_b, "tintake%ld_b", pid);
	ok(db_staff_add(t.conn, rec_a, "前台甲", DB_ROLE_RECEPTION, code_a, PW, &e),
	   "receptionist of community A: %s", e.message);
	ok(db_staff_add(t.conn, rec_b, "前台乙", DB_ROLE_RECEPTION, code_b, PW, &e),
	   "receptionist of community B: %s", e.message);
	ca = testdb_connect_as(&t, rec_a, PW, &e);
	ok(ca != NULL, "receptionist A logs in: %s", ca ? "" : e.message);
	cb = testdb_connect_as(&t, rec_b, PW, &e);
	ok(cb != NULL, "receptionist B logs in: %s", cb ? "" : e.message);
	if (!ca || !cb)
		goto done;

	mkid(a1, "19800101", 1); mkid(b1, "19820202", 2); mkid(c1, "20100303", 3);
	mkid(a2, "19750505", 5); mkid(b2, "19770707", 6); mkid(c2, "20120909", 7);

	/* 1. complete household through plain SQL: submitted, numbered, dated */
	family_form(form, sizeof form, code_a, a1, b1, c1, true, "失业，配偶残疾，收入低");
	{
		const char *p[2] = { form, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0001" };
		PGresult *res = db_exec(ca, "SELECT (s).application_id, (s).number, (s).state,"
					" (s).notify_by, (s).notify_by_certain, jsonb_array_length((s).missing),"
					" (s).notify_by = (SELECT due FROM jz.add_working_days(current_date, 5))"
					" FROM jz.submit_application($1::jsonb, $2::uuid) s", 2, p, &e);
		ok(res != NULL, "plain SQL submit of the 3-person household: %s", res ? "" : e.message);
		if (res) {
			char want[64];
			const char *yr = testdb_value(ca, "SELECT extract(year FROM now())::text", 0, NULL);
			snprintf(want, sizeof want, "%s-%s-000001", code_a, yr ? yr : "");
			free((void *)yr);
			is_str(PQgetvalue(res, 0, 2), "submitted", "complete household ends submitted (受理)");
			is_str(PQgetvalue(res, 0, 1), want, "number is community code, year, sequence");
			ok(PQgetvalue(res, 0, 3)[0] != '\0', "notify_by is set: %s", PQgetvalue(res, 0, 3));
			is_str(PQgetvalue(res, 0, 6), "t", "notify_by = submitted + 5 working days");
			is_str(PQgetvalue(res, 0, 5), "0", "nothing missing");
			PQclear(res);
		}
	}
	v = testdb_value(ca, "SELECT count(*) FROM jz.household_members hm JOIN jz.applications a"
			 " ON a.household_id = hm.household_id WHERE a.number LIKE '%-000001'", 0, NULL);
	is_str(v, "3", "three members stored"); free(v);
	v = testdb_value(ca, "SELECT string_agg(doc_kind, ',' ORDER BY doc_kind) FROM jz.proofs", 0, NULL);
	is_str(v, "disability_cert,finance_auth,finance_auth,hukou,id_card,low_income_cert,pledge",
	       "proofs stored, declarations as papers"); free(v);

	/* 2. the same without 残疾人证: returned, the notice names member and paper */
	family_form(form, sizeof form, code_a, a2, b2, c2, false, "同上");
	ok(db_intake_submit(ca, form, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0002", &r, &e),
	   "submit without the disability certificate: %s", e.message);
	is_str(r.state, "returned", "lacking a paper ends returned (补正)");
	is_str(r.notify_by, "", "no notify-by date while returned");
	is_int(r.n_missing, 1, "exactly one paper missing");
	if (r.n_missing == 1) {
		is_str(r.missing[0].doc_name, "残疾人证", "the notice names 残疾人证");
		is_str(r.missing[0].person_name, "李娜", "the notice names the member 李娜");
		is_str(r.missing[0].person_id_number, b2, "and her ID number");
	}
	ok(db_intake_missing_for_application(ca, r.application_id, &miss, &nmiss, &e),
	   "jz.missing_proofs: %s", e.message);
	ok(nmiss == 1 && strcmp(miss[0].doc_kind, "disability_cert") == 0,
	   "missing_proofs lists the same");
	db_intake_missing_free(miss);
	miss = NULL;
	db_intake_result_finish(&r);

	/* 3. plain SQL bypassing the function: refused at commit */
	{
		char id[19];
		const char *p[2] = { code_a, id };
		mkid(id, "19900101", 11);
		ok(db_run(ca, "BEGIN", 0, NULL, &e), "begin");
		ok(db_run(ca, "WITH c AS (SELECT id FROM jz.communities WHERE code = $1),"
			  " h AS (INSERT INTO jz.households (community_id) SELECT id FROM c RETURNING id, community_id),"
			  " p AS (INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date)"
			  "       SELECT id, $2, '赵六', 'M', '1990-01-01' FROM c RETURNING id),"
			  " m AS (INSERT INTO jz.household_members (household_id, person_id, community_id, relationship)"
			  "       SELECT h.id, p.id, h.community_id, 'self' FROM h, p RETURNING household_id)"
			  " INSERT INTO jz.applications (community_id, household_id, applicant_id, state)"
			  " SELECT h.community_id, h.id, p.id, 'submitted' FROM h, p", 2, p, &e),
		   "direct INSERT of a submitted application is accepted until commit: %s", e.message);
		ok(!db_run(ca, "COMMIT", 0, NULL, &e), "COMMIT refuses it");
		is_str(e.sqlstate, DB_INTAKE_MISSING, "with SQLSTATE JZ003");
		ok(strstr(e.message, "居民身份证") != NULL, "naming what is missing: %s", e.message);
		v = testdb_value(ca, "SELECT count(*) FROM jz.persons WHERE id_number = $2 OR $1 = ''", 2, p);
		is_str(v, "0", "nothing of it was kept"); free(v);
	}

	/* 4. an expired proof does not count */
	{
		char x[19], fx[2048];
		mkid(x, "19700101", 21);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"钱七\"},"
			 " \"categories\": [{\"code\": \"low_income\"}],"
			 " \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
			 "  {\"kind\": \"hukou\", \"seen\": true},"
			 "  {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2001-06-30\"}],"
			 " \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}",
			 code_a, x, x, x, x);
		ok(db_intake_missing_for_form(ca, fx, &miss, &nmiss, &e), "live check of a draft: %s", e.message);
		ok(nmiss == 1 && strcmp(miss[0].doc_kind, "low_income_cert") == 0
		   && strcmp(miss[0].alternatives, "收入申报") == 0,
		   "expired 低收入证明 listed, income declaration named as the alternative");
		db_intake_missing_free(miss);
		miss = NULL;
		ok(db_intake_submit(ca, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0004", &r, &e),
		   "submit with an expired proof: %s", e.message);
		is_str(r.state, "returned", "an expired proof does not count");
		db_intake_result_finish(&r);
		/* making it valid (plain SQL) lets the application move to submitted,
		 * through the workflow's one door (a plain UPDATE of state is refused) */
		ok(db_run(ca, "UPDATE jz.proofs SET valid_until = current_date"
			  " WHERE doc_kind = 'low_income_cert' AND valid_until < current_date", 0, NULL, &e),
		   "renew the certificate: %s", e.message);
		{
			const char *p[1] = { x };
			ok(!db_run(ca, "UPDATE jz.applications SET state = 'submitted' WHERE applicant_id ="
				   " (SELECT id FROM jz.persons WHERE id_number = $1)", 1, p, &e),
			   "a plain UPDATE of the state is refused");
			ok(db_run(ca, "SELECT jz.transition(a.id, 'submitted', NULL, a.version)"
				  " FROM jz.applications a WHERE applicant_id ="
				  " (SELECT id FROM jz.persons WHERE id_number = $1)", 1, p, &e),
			   "then it may be submitted through jz.transition: %s", e.message);
			v = testdb_value(ca, "SELECT notify_by IS NOT NULL FROM jz.applications WHERE applicant_id ="
					 " (SELECT id FROM jz.persons WHERE id_number = $1)", 1, p);
			is_str(v, "t", "and gets its notify-by date"); free(v);
		}
	}

	/* 5. a duplicate ID in another open application names it */
	{
		char x[19], fx[2048];
		mkid(x, "19950101", 31);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"孙八\"},"
			 " \"members\": [{\"id_number\": \"%s\", \"name\": \"李娜\", \"relationship\": \"spouse\"}],"
			 " \"categories\": [{\"code\": \"low_income\"}]}", code_a, x, b1);
		ok(!db_intake_submit(ca, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0005", &r, &e),
		   "a member already in another open application is refused");
		is_str(e.sqlstate, DB_INTAKE_DUPLICATE, "SQLSTATE JZ001");
		ok(strstr(e.message, "-000001") && strstr(e.message, "受理") && strstr(e.message, "团结湖社区"),
		   "the message names number, state and community: %s", e.message);
		db_intake_result_finish(&r);
		{
			db_person_where w;
			ok(db_intake_find_person(cb, b1, &w, &e), "find_person from community B: %s", e.message);
			ok(w.found && strstr(w.application_number, "-000001") && strcmp(w.state, "submitted") == 0
			   && strcmp(w.application_community, "团结湖社区") == 0,
			   "find_person says where she is: %s %s", w.application_number, w.state_name);
			ok(db_intake_find_person(ca, "110105190001010000", &w, &e) && !w.found,
			   "an unknown ID is not found");
		}
	}

	/* 6. elderly_alone applicant aged 59 is refused; 60 is accepted */
	{
		char *birth = testdb_value(ca, "SELECT to_char(current_date - interval '60 years' + interval '1 day',"
					   " 'YYYYMMDD')", 0, NULL);
		char x[19], fx[2048];
		mkid(x, birth ? birth : "", 41);
		free(birth);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"周老伯\"},"
			 " \"categories\": [{\"code\": \"elderly_alone\"}]}", code_a, x);
		ok(!db_intake_submit(ca, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0006", &r, &e),
		   "elderly_alone at 59 is refused");
		is_str(e.sqlstate, DB_INTAKE_RULE, "SQLSTATE JZ002");
		ok(strstr(e.message, "60") != NULL, "message names the age limit: %s", e.message);
		db_intake_about about;
		ok(db_intake_refusal_about(&e, &about) && !strcmp(about.category, "elderly_alone") &&
		   !about.id_number[0], "the detail names elderly_alone and no member: %s", e.detail);
		birth = testdb_value(ca, "SELECT to_char(current_date - interval '60 years', 'YYYYMMDD')", 0, NULL);
		mkid(x, birth ? birth : "", 43);
		free(birth);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"吴老伯\"},"
			 " \"categories\": [{\"code\": \"elderly_alone\"}]}", code_a, x);
		ok(db_intake_submit(ca, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0007", &r, &e),
		   "elderly_alone on the 60th birthday is accepted: %s", e.message);
		db_intake_result_finish(&r);
	}

	/* 6b. an unemployed member must be of working age (16 to 60) */
	{
		char x[19], fx[2048];
		mkid(x, "19500101", 45);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"郑大爷\"},"
			 " \"categories\": [{\"code\": \"unemployed\", \"member\": \"%s\"}]}", code_a, x, x);
		ok(!db_intake_submit(ca, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0010", &r, &e)
		   && strcmp(e.sqlstate, DB_INTAKE_RULE) == 0,
		   "an unemployed member past working age is refused (%s)", e.sqlstate);
		/* 0120: the refusal says which category and member, for the form's cursor */
		db_intake_about about;
		ok(db_intake_refusal_about(&e, &about), "the refusal's detail names what it is about: %s", e.detail);
		is_str(about.category, "unemployed", "the category: unemployed");
		is_str(about.id_number, x, "the member: the ID number named");
		db_intake_result_finish(&r);
	}

	/* 7. a disability certificate must start with the member's ID (CHECK) */
	{
		char other[24];
		const char *p[1] = { other };
		snprintf(other, sizeof other, "%s42", a1);   /* 张伟's ID, not 李娜's */
		ok(!db_run(ca, "UPDATE jz.proofs SET number = $1 WHERE doc_kind = 'disability_cert'", 1, p, &e)
		   && strcmp(e.sqlstate, "23514") == 0,
		   "a certificate number of someone else is a CHECK violation (%s)", e.sqlstate);
	}

	/* 8. RLS: B sees nothing of A, and may not submit for A */
	v = testdb_value(cb, "SELECT count(*) FROM jz.applications", 0, NULL);
	is_str(v, "0", "receptionist B sees none of A's applications"); free(v);
	v = testdb_value(cb, "SELECT count(*) FROM jz.persons", 0, NULL);
	is_str(v, "0", "nor A's persons"); free(v);
	v = testdb_value(ca, "SELECT count(*) > 0 FROM jz.applications", 0, NULL);
	is_str(v, "t", "receptionist A sees her own"); free(v);
	family_form(form, sizeof form, code_a, a2, b2, c2, false, "x");
	ok(!db_intake_submit(cb, form, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0008", &r, &e)
	   && strcmp(e.sqlstate, DB_INTAKE_COMMUNITY) == 0,
	   "B may not submit for community A (%s)", e.sqlstate);
	db_intake_result_finish(&r);

	/* 9. injection strings in reason and names are stored literally */
	{
		char x[19], fx[2048];
		const char *evil_name = "x'); DROP TABLE jz.persons;--";
		const char *evil_reason = "'; DELETE FROM jz.applications; -- 困难\\\\";
		mkid(x, "19880808", 51);
		snprintf(fx, sizeof fx,
			 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\"},"
			 " \"categories\": [{\"code\": \"low_income\"}], \"reason\": \"%s\"}",
			 code_b, x, evil_name, evil_reason);
		ok(db_intake_submit(cb, fx, "0b9d7d2e-6a3f-4c1e-9a57-1d7c1f0a0009", &r, &e),
		   "submit with injection strings: %s", e.message);
		v = testdb_value(cb, "SELECT name FROM jz.persons", 0, NULL);
		is_str(v, evil_name, "name stored literally"); free(v);
		v = testdb_value(cb, "SELECT reason FROM jz.applications", 0, NULL);
		is_str(v, "'; DELETE FROM jz.applications; -- 困难\\", "reason stored literally"); free(v);
		v = testdb_value(t.conn, "SELECT count(*) FROM jz.applications", 0, NULL);
		is_str(v, "5", "every application still there"); free(v);
		db_intake_result_finish(&r);
	}

	/* 10. the audit trail saw the intake rows */
	v = testdb_value(t.conn, "SELECT count(DISTINCT table_name) FROM jz.audit_log WHERE table_name IN"
			 " ('jz.persons', 'jz.households', 'jz.household_members', 'jz.applications',"
			 "  'jz.application_categories', 'jz.proofs')", 0, NULL);
	is_str(v, "6", "every intake table is audited"); free(v);
done:
	db_close(ca);
	db_close(cb);
	testdb_finish(&t);
	return tap_done();
}
