/* test_rls_matrix.c - the whole access matrix (issue 4 item 6): every table
 * and view of schema jz, found in pg_catalog (so a table added later fails
 * here with "no expectation for table X" until this file says what each role
 * may do with it), x the four group roles x SELECT/INSERT/UPDATE/DELETE,
 * executed for real and compared with the expectation table below. Then,
 * with data in two communities, a staff member of community A sees and
 * changes nothing of community B in every table holding personal data; every
 * such table has RLS; every table but the exempted ones has the audit
 * trigger; no staff role owns a table; no role alters the audit trail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "矩阵-test-7"

enum { REC, CW, SUP, ADM, NROLES };
static const char *const role_name[NROLES] = { "reception", "caseworker", "supervisor", "admin" };
static const db_staff_role role_of[NROLES] = {
	DB_ROLE_RECEPTION, DB_ROLE_CASEWORKER, DB_ROLE_SUPERVISOR, DB_ROLE_ADMIN
};

typedef enum kind {
	PERSONAL,   /* personal data, community_id scoped by RLS */
	PRIVATE,    /* personal data private to its author (drafts) */
	AUDIT,      /* the audit log: RLS by community, read-only */
	STAFF,      /* staff accounts: RLS (0007), written by functions only */
	CODE,       /* code / policy / calendar data, no personal data */
	INTERNAL,   /* no staff access at all */
	LOG,        /* trails of personal data written by functions only, RLS by community */
	CASE,       /* personal case data (assessment issue): RLS by community, rows optional */
	VIEW,       /* a view over the above: must run as the caller (security_invoker) */
} kind;

/* ops per role: "SIUD" with '-' for denied. audit: the table carries the
 * audit trigger (jz.audit_row per row or jz.audit_stmt per statement) for
 * insert, update and delete; every exemption says why.
 * Assessment tables (assessment issue): receptionists get no 'S'. */
static const struct expect {
	const char *table;
	kind kind;
	const char *ops[NROLES];   /* reception, caseworker, supervisor, admin */
	bool audit;
} expect[] = {
	{ "persons",                PERSONAL, { "SIU-", "SIU-", "S---", "SIU-" }, true },
	{ "households",             PERSONAL, { "SIU-", "SIU-", "S---", "SIU-" }, true },
	{ "household_members",      PERSONAL, { "SIU-", "SIU-", "S---", "SIU-" }, true },
	{ "applications",           PERSONAL, { "SIU-", "SIU-", "S---", "SIU-" }, true },
	{ "application_categories", PERSONAL, { "SIUD", "SIUD", "S---", "SIUD" }, true },
	{ "proofs",                 PERSONAL, { "SIUD", "SIUD", "S---", "SIUD" }, true },
	/* saved on every field exit: audited when submitted, not per save */
	{ "drafts",                 PRIVATE,  { "SIUD", "SIUD", "SIUD", "SIUD" }, false },
	/* the log itself */
	{ "audit_log",              AUDIT,    { "----", "----", "S---", "S---" }, false },
	{ "staff",                  STAFF,    { "S---", "S---", "S---", "S---" }, true },
	{ "staff_community",        STAFF,    { "S---", "S---", "S---", "S---" }, true },
	{ "communities",            CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "policy",                 CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	/* names of the figures (0125): renamed, never deleted */
	{ "policy_name",            CODE,     { "S---", "S---", "S---", "SIU-" }, true },
	{ "holiday",                CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "holiday_year",           CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	/* the published national list, bulk loaded by an idempotent importer */
	{ "area_code",              CODE,     { "S---", "S---", "S---", "SIUD" }, false },
	{ "application_states",     CODE,     { "S---", "S---", "S---", "S---" }, true },
	{ "categories",             CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "doc_kinds",              CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "required_proof",         CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "employment_statuses",    CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "health_statuses",        CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "relationships",          CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "hukou_types",            CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	{ "disability_categories",  CODE,     { "S---", "S---", "S---", "S---" }, true },
	{ "transitions",            CODE,     { "S---", "S---", "S---", "SIUD" }, true },
	/* trails themselves, append-only, written by SECURITY DEFINER functions
	 * (jz.wf_move, jz.update_application_contact) whose row changes the
	 * applications' audit trigger records anyway */
	{ "application_events",     LOG,      { "S---", "S---", "S---", "S---" }, false },
	{ "application_contact_log", LOG,     { "S---", "S---", "S---", "S---" }, false },
	/* the assessment issue (0060-0062): receptionists read no assessment;
	 * caseworkers write only cases assigned to them (policies, tested there) */
	{ "assessment_items",       CODE,     { "S---", "S---", "S---", "S---" }, true },
	{ "assessments",            CASE,     { "----", "SIU-", "S---", "----" }, true },
	{ "assessment_answers",     CASE,     { "----", "SIUD", "S---", "----" }, true },
	{ "assessment_team",        CASE,     { "----", "S---", "S---", "----" }, true },
	{ "plan_item_kinds",        CODE,     { "S---", "S---", "S---", "S---" }, true },
	{ "plans",                  CASE,     { "S---", "S-U-", "S---", "S---" }, true },
	{ "plan_items",             CASE,     { "S---", "SIU-", "S---", "S---" }, true },
	{ "follow_ups",             CASE,     { "S---", "S---", "S---", "S---" }, true },
	/* written by jz.plan_item_remove only: the reason an item left a plan */
	{ "plan_item_removals",     CASE,     { "S---", "S---", "S---", "S---" }, true },
	/* funds (0080): sub-district money, no personal data; balances kept by
	 * the ledger trigger (whose rows are audited); the ledger and payments
	 * append-only, written by SECURITY DEFINER functions only */
	{ "fund_sources",           CODE,     { "----", "S---", "S---", "SIUD" }, true },
	{ "funding",                CODE,     { "----", "S---", "SIU-", "SIU-" }, true },
	{ "fund_balances",          CODE,     { "----", "S---", "S---", "S---" }, false },
	{ "ledger",                 LOG,      { "----", "----", "S---", "S---" }, true },
	{ "payments",               LOG,      { "----", "----", "S---", "S---" }, true },
	/* services (0081): plan members' counselling, training, feedback */
	{ "counselling_activities", CASE,     { "----", "SIU-", "SIU-", "SIU-" }, true },
	{ "counselling_participants", CASE,   { "----", "SIUD", "SIUD", "SIUD" }, true },
	{ "training_classes",       CASE,     { "----", "SIU-", "SIU-", "SIU-" }, true },
	{ "training_enrolments",    CASE,     { "----", "SIUD", "SIUD", "SIUD" }, true },
	{ "feedback",               CASE,     { "----", "SI--", "SI--", "SI--" }, true },
	/* volunteers and home visits (0070): coordinators are caseworkers and
	 * supervisors; reception and admin see no visit of anybody */
	{ "volunteers",             CASE,     { "----", "SIU-", "SIU-", "----" }, true },
	{ "volunteer_availability", CASE,     { "----", "SIUD", "SIUD", "----" }, true },
	{ "volunteer_training",     CASE,     { "----", "SIUD", "SIUD", "----" }, true },
	{ "visits",                 CASE,     { "----", "SIU-", "SIU-", "----" }, true },
	{ "visit_gaps",             CASE,     { "----", "SIUD", "SIUD", "----" }, true },
	/* views (0070): security_invoker, so the tables' RLS applies to the reader */
	{ "visit_alerts",           VIEW,     { "----", "S---", "S---", "----" }, false },
	{ "volunteer_minutes_week", VIEW,     { "----", "S---", "S---", "----" }, false },
	{ "volunteer_minutes_year", VIEW,     { "----", "S---", "S---", "----" }, false },
	/* internal: the applications' INSERT carries the number it hands out */
	{ "application_counters",   INTERNAL, { "----", "----", "----", "----" }, false },
};
enum { NEXPECT = sizeof expect / sizeof expect[0] };

static const struct expect *find_expect(const char *table)
{
	for (size_t i = 0; i < NEXPECT; i++)
		if (strcmp(expect[i].table, table) == 0)
			return &expect[i];
	return NULL;
}

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

/* A complete two-person low-income application (one disabled member). */
static bool submit(db_conn *c, const char *community, int seq)
{
	char a[19], b[19], form[2048];
	db_err e;

	mkid(a, "19750315", seq);
	mkid(b, "19780620", seq + 1);
	snprintf(form, sizeof form,
		"{\"community\": \"%s\","
		" \"household\": {\"hukou_address\": \"北京市朝阳区团结湖路9号\", \"address\": \"同上\","
		"   \"hukou_type\": \"urban\", \"savings_fen\": 1000},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"王秀英\", \"employment\": \"unemployed_reg\","
		"   \"health\": \"healthy\", \"income\": {\"other\": 30000}},"
		" \"members\": [{\"id_number\": \"%s\", \"name\": \"刘强\", \"relationship\": \"spouse\","
		"   \"employment\": \"flexible\", \"health\": \"chronic\", \"disability_category\": 4,"
		"   \"disability_grade\": 2, \"income\": {\"wages\": 90000}}],"
		" \"categories\": [{\"code\": \"low_income\"}, {\"code\": \"disabled\", \"member\": \"%s\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"},"
		"   {\"kind\": \"disability_cert\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s42\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\", \"%s\"]},"
		" \"reason\": \"家庭收入低\"}",
		community, a, b, b, a, a, b, b, a, b);
	if (!db_run(c, "SELECT jz.submit_application($1::jsonb, gen_random_uuid())", 1,
		    (const char *const[]){ form }, &e)) {
		tap_diag("submit in %s: %s", community, e.message);
		return false;
	}
	return true;
}

/* Runs sql on c; returns 1 allowed, 0 denied (42501), -1 other error. */
static int try_op(db_conn *c, const char *sql, char *why, size_t len)
{
	db_err e;

	if (db_run(c, sql, 0, NULL, &e))
		return 1;
	snprintf(why, len, "%.8s %.400s", e.sqlstate, e.message);
	return strcmp(e.sqlstate, "42501") == 0 ? 0 : -1;
}

static void drop_roles(db_conn *c)
{
	char like[64];
	const char *p[1] = { like };
	db_err e;
	PGresult *r;

	snprintf(like, sizeof like, "tmatrix%ld\\_%%", (long)getpid());
	r = db_exec(c, "SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE rolname LIKE $1",
		    1, p, &e);
	for (int i = 0; r && i < PQntuples(r); i++)
		if (!db_run(c, PQgetvalue(r, i, 0), 0, NULL, &e))
			tap_diag("cleanup: %s", e.message);
	PQclear(r);
}

/* A column of t the role may write with op (INSERT/UPDATE), else the first. */
static char *column_for(db_conn *su, const char *table, const char *login, const char *op)
{
	const char *p[3] = { table, login, op };
	char *col = testdb_value(su,
		"SELECT quote_ident(attname) FROM pg_attribute"
		" WHERE attrelid = ('jz.' || quote_ident($1))::regclass AND attnum > 0"
		" AND NOT attisdropped ORDER BY has_column_privilege($2,"
		" ('jz.' || quote_ident($1))::regclass, attnum, $3) DESC, attnum LIMIT 1", 3, p);
	return col ? col : strdup("");   /* none: the statement built with it fails */
}

/* role x table x operation, for real. */
static void walk_matrix(db_conn *su, db_conn *const *c, char login[][64])
{
	db_err e;
	PGresult *tabs = db_exec(su,
		"SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = 'jz'::regnamespace"
		" AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname", 0, NULL, &e);
	int cells = 0, wrong = 0;

	ok(tabs && PQntuples(tabs) >= NEXPECT, "tables of jz found in pg_catalog: %d",
	   tabs ? PQntuples(tabs) : -1);
	for (int i = 0; tabs && i < PQntuples(tabs); i++) {
		const char *t = PQgetvalue(tabs, i, 0);
		const struct expect *x = find_expect(t);

		if (!x)
			ok(0, "no expectation for table %s: add it to test_rls_matrix.c", t);
		for (int r = 0; r < NROLES; r++) {
			static const char opc[4] = { 'S', 'I', 'U', 'D' };
			char got[5] = "----";
			for (int o = 0; o < 4; o++) {
				char sql[512], why[512] = "";
				char *col = column_for(su, t, login[r], o == 2 ? "UPDATE" : "INSERT");
				int res;

				switch (o) {
				case 0: snprintf(sql, sizeof sql, "SELECT count(*) FROM jz.%s", t); break;
				case 1: snprintf(sql, sizeof sql,
						 "INSERT INTO jz.%s (%s) SELECT NULL WHERE false", t, col); break;
				case 2: snprintf(sql, sizeof sql,
						 "UPDATE jz.%s SET %s = NULL WHERE false", t, col); break;
				default: snprintf(sql, sizeof sql, "DELETE FROM jz.%s WHERE false", t); break;
				}
				free(col);
				res = try_op(c[r], sql, why, sizeof why);
				if (res < 0)
					tap_diag("%s %s: unexpected error %s", role_name[r], sql, why);
				if (res == 1)
					got[o] = opc[o];
			}
			if (!x) {   /* what it is now, to help write the expectation */
				tap_diag("  %s on jz.%s: %s", role_name[r], t, got);
				continue;
			}
			cells += 4;
			if (strcmp(got, x->ops[r]) != 0) {
				wrong++;
				ok(0, "%s on jz.%s: got %s, want %s", role_name[r], t, got, x->ops[r]);
			}
		}
	}
	ok(wrong == 0, "matrix: %d cells (tables x 4 roles x S/I/U/D) as expected, %d wrong",
	   cells, wrong);
	PQclear(tabs);
	for (size_t k = 0; k < NEXPECT; k++) {
		const char *p[1] = { expect[k].table };
		if (testdb_count(su, "SELECT count(*) FROM pg_class WHERE relnamespace = 'jz'::regnamespace"
				 " AND relname = $1", 1, p) != 1)
			tap_diag("expected table jz.%s is not (yet) migrated", expect[k].table);
	}
}

/* A view runs with its owner's rights unless security_invoker is set, which
 * would read past every policy: each view of jz must run as its caller. */
static void walk_views(db_conn *su)
{
	db_err e;
	PGresult *r = db_exec(su,
		"SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'jz'::regnamespace"
		" AND c.relkind IN ('v', 'm')"
		" AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)"
		" ORDER BY c.relname", 0, NULL, &e);
	ok(r != NULL, "views query: %s", r ? "" : e.message);
	for (int i = 0; r && i < PQntuples(r); i++)
		ok(0, "view jz.%s runs as its owner (set security_invoker = true)", PQgetvalue(r, i, 0));
	ok(r && PQntuples(r) == 0, "every view of jz runs with the reader's rights");
	PQclear(r);
}

/* RLS, audit trigger and ownership, from pg_catalog. */
static void walk_catalog(db_conn *su)
{
	db_err e;
	PGresult *r = db_exec(su,
		"SELECT c.relname, c.relrowsecurity,"
		" (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid),"
		/* audited for insert (4), delete (8) and update (16): per row by
		 * jz.audit_row (1 = row), or per statement by jz.audit_stmt
		 * whose trigger sees the changed rows (transition tables:
		 * new for insert, old for delete, both for update) */
		" (SELECT coalesce(bit_or(g.tgtype::int & (4 | 8 | 16)), 0) = (4 | 8 | 16)"
		"   FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal AND g.tgenabled <> 'D'"
		"   AND ((g.tgfoid = 'jz.audit_row'::regproc AND g.tgtype::int & 1 = 1)"
		"     OR (g.tgfoid = 'jz.audit_stmt'::regproc AND g.tgtype::int & (1 | 2 | 64) = 0"
		"         AND (g.tgtype::int & 4 = 0 OR g.tgnewtable IS NOT NULL)"
		"         AND (g.tgtype::int & 8 = 0 OR g.tgoldtable IS NOT NULL)"
		"         AND (g.tgtype::int & 16 = 0"
		"              OR (g.tgoldtable IS NOT NULL AND g.tgnewtable IS NOT NULL AND g.tgattr = ''))))),"
		" EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'community_id'"
		"   AND NOT a.attisdropped)"
		" OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f'"
		"   AND k.confrelid = 'jz.persons'::regclass),"
		" EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = c.relowner AND m.roleid IN"
		"   (SELECT oid FROM pg_roles WHERE rolname IN ('jz_reception', 'jz_caseworker',"
		"    'jz_supervisor', 'jz_admin', 'jz_peer')))"
		"   OR pg_get_userbyid(c.relowner) LIKE 'jz\\_%'"
		" FROM pg_class c WHERE c.relnamespace = 'jz'::regnamespace AND c.relkind IN ('r', 'p')"
		" ORDER BY c.relname", 0, NULL, &e);
	int n = r ? PQntuples(r) : 0, personal = 0, audited = 0;

	ok(r != NULL, "catalog query: %s", r ? "" : e.message);
	for (int i = 0; i < n; i++) {
		const char *t = PQgetvalue(r, i, 0);
		const struct expect *x = find_expect(t);
		bool rls = PQgetvalue(r, i, 1)[0] == 't';
		int policies = atoi(PQgetvalue(r, i, 2));
		bool trig = PQgetvalue(r, i, 3)[0] == 't';
		bool scoped = PQgetvalue(r, i, 4)[0] == 't';
		bool staff_owned = PQgetvalue(r, i, 5)[0] == 't';

		if (!x)
			continue;   /* reported by walk_matrix */
		if (scoped || x->kind == PERSONAL || x->kind == PRIVATE || x->kind == AUDIT
		    || x->kind == LOG || x->kind == CASE) {
			personal++;
			ok(rls && policies > 0, "jz.%s (community or person data) has RLS with a policy"
			   " (rls %d, policies %d)", t, rls, policies);
		}
		if (scoped && x->kind != PERSONAL && x->kind != PRIVATE && x->kind != STAFF && x->kind != AUDIT
		    && x->kind != LOG && x->kind != CASE
		    && x->kind != INTERNAL)
			ok(0, "jz.%s carries community or person data but is not expected as such", t);
		if (trig)
			audited++;
		if (trig != x->audit)
			ok(0, "jz.%s: audit trigger %s, expected %s", t, trig ? "present" : "missing",
			   x->audit ? "present" : "exempt");
		ok(!staff_owned, "jz.%s is not owned by a staff role", t);
	}
	ok(audited > 0 && personal > 0, "%d tables with the audit trigger, %d with personal data"
	   " under RLS", audited, personal);
	PQclear(r);
}

int main(void)
{
	testdb t;
	char msg[256], login[NROLES + 1][64], cid[2][16];
	static const char *const code[2] = { "110105008801", "110105008802" };
	db_conn *c[NROLES + 1] = { 0 };
	db_err e;
	int i;

	if (!testdb_init(&t, "test_rls_matrix", msg, sizeof msg))
		return tap_skip_all("no test database: %s", msg);

	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES "
		  "($1, '矩阵甲社区', '测试街道'), ($2, '矩阵乙社区', '测试街道')", 2,
		  (const char *const[]){ code[0], code[1] }, &e), "communities A and B");
	for (int k = 0; k < 2; k++) {
		char *v = testdb_value(t.conn, "SELECT id FROM jz.communities WHERE code = $1", 1,
				       (const char *const[]){ code[k] });
		snprintf(cid[k], sizeof cid[k], "%s", v ? v : "");
		free(v);
	}
	/* the four roles in A; login[NROLES] is a receptionist of B */
	for (i = 0; i <= NROLES; i++) {
		snprintf(login[i], sizeof login[i], "tmatrix%ld_%s", (long)getpid(),
			 i < NROLES ? role_name[i] : "other");
		ok(db_staff_add(t.conn, login[i], i < NROLES ? "矩阵 员工" : "乙社区 前台",
				i < NROLES ? role_of[i] : DB_ROLE_RECEPTION, code[i < NROLES ? 0 : 1],
				PW, &e), "add %s: %s", login[i], e.message);
		c[i] = testdb_connect_as(&t, login[i], PW, &e);
		ok(c[i] != NULL, "%s logs in", login[i]);
		if (!c[i])
			goto out;
	}

	/* data in both communities, and a draft of each author */
	ok(submit(c[REC], code[0], 100), "application in A");
	ok(submit(c[CW], code[0], 200), "second application in A");
	ok(submit(c[NROLES], code[1], 300), "application in B");
	for (i = 0; i <= NROLES; i++)
		ok(db_run(c[i], "INSERT INTO jz.drafts (form) VALUES ('{\"note\": \"草稿\"}')", 0, NULL, &e),
		   "%s saves a draft: %s", login[i], e.message);

	/* an event in each community, once the workflow is migrated */
	if (testdb_count(t.conn, "SELECT count(*) FROM pg_proc WHERE oid ="
			 " to_regprocedure('jz.transition(bigint,text,text,integer)')", 0, NULL) == 1)
		for (i = 0; i <= NROLES; i += NROLES)
			ok(db_run(c[i], "SELECT jz.transition(id, 'accepted', NULL, version)"
				  " FROM jz.applications WHERE created_by = session_user", 0, NULL, &e),
			   "%s accepts an application: %s", login[i], e.message);

	walk_matrix(t.conn, c, login);
	walk_catalog(t.conn);
	walk_views(t.conn);

	/* A sees nothing of B, B nothing of A, in every personal-data table */
	for (size_t k = 0; k < NEXPECT; k++) {
		const struct expect *x = &expect[k];
		char sql[512];
		long long in_a, in_b;

		if (x->kind != PERSONAL && x->kind != AUDIT && x->kind != LOG && x->kind != CASE)
			continue;
		if (testdb_count(t.conn, "SELECT count(*) FROM pg_class WHERE relnamespace = 'jz'::regnamespace"
				 " AND relname = $1", 1, (const char *const[]){ x->table }) != 1)
			continue;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM jz.%s WHERE community_id = $1", x->table);
		in_a = testdb_count(t.conn, sql, 1, (const char *const[]){ cid[0] });
		in_b = testdb_count(t.conn, sql, 1, (const char *const[]){ cid[1] });
		if ((x->kind == LOG || x->kind == CASE) && (in_a == 0 || in_b == 0)) {
			tap_diag("jz.%s has no rows in A or B: its RLS policy is checked, not its rows",
				 x->table);
			continue;
		}
		ok(in_a > 0 && in_b > 0, "jz.%s has rows in A (%lld) and B (%lld)", x->table, in_a, in_b);
		for (i = 0; i <= NROLES; i++) {
			int mine = i < NROLES ? 0 : 1;
			long long seen_other, seen_mine;

			if (!strchr(x->ops[i < NROLES ? i : REC], 'S'))
				continue;
			seen_other = testdb_count(c[i], sql, 1, (const char *const[]){ cid[1 - mine] });
			seen_mine = testdb_count(c[i], sql, 1, (const char *const[]){ cid[mine] });
			ok(seen_other == 0, "%s of %s sees %lld rows of jz.%s of the other community",
			   i < NROLES ? role_name[i] : "receptionist", mine ? "B" : "A", seen_other, x->table);
			/* the audit log grows as the test runs: all at least */
			ok(x->kind == AUDIT ? seen_mine >= (mine ? in_b : in_a)
					    : seen_mine == (mine ? in_b : in_a),
			   "%s of %s sees all %lld rows of jz.%s of its own community",
			   i < NROLES ? role_name[i] : "receptionist", mine ? "B" : "A", seen_mine, x->table);
		}
		/* writes through the back door change nothing */
		for (i = 0; i < NROLES; i++) {
			char upd[512], del[512];
			char *col = column_for(t.conn, x->table, login[i], "UPDATE");
			PGresult *res;

			if (strchr(x->ops[i], 'U')) {
				snprintf(upd, sizeof upd, "UPDATE jz.%s SET %s = %s WHERE community_id = $1",
					 x->table, col, col);
				res = db_exec(c[i], upd, 1, (const char *const[]){ cid[1] }, &e);
				ok(res && strcmp(PQcmdTuples(res), "0") == 0,
				   "%s of A updates no row of jz.%s of B (%s)", role_name[i], x->table,
				   res ? PQcmdTuples(res) : e.message);
				PQclear(res);
			}
			if (strchr(x->ops[i], 'D')) {
				snprintf(del, sizeof del, "DELETE FROM jz.%s WHERE community_id = $1", x->table);
				res = db_exec(c[i], del, 1, (const char *const[]){ cid[1] }, &e);
				ok(res && strcmp(PQcmdTuples(res), "0") == 0,
				   "%s of A deletes no row of jz.%s of B (%s)", role_name[i], x->table,
				   res ? PQcmdTuples(res) : e.message);
				PQclear(res);
			}
			free(col);
		}
	}
	/* a new row in B, or moving a row of A to B, is refused */
	for (i = 0; i < NROLES; i++) {
		if (!strchr(expect[1].ops[i], 'I'))   /* households */
			continue;
		ok(!db_run(c[i], "INSERT INTO jz.households (community_id, address) VALUES ($1, '乙社区')",
			   1, (const char *const[]){ cid[1] }, &e) && strcmp(e.sqlstate, "42501") == 0,
		   "%s of A cannot insert a household into B (%s)", role_name[i], e.sqlstate);
		ok(!db_run(c[i], "UPDATE jz.households SET community_id = $2 WHERE community_id = $1",
			   2, (const char *const[]){ cid[0], cid[1] }, &e) && strcmp(e.sqlstate, "42501") == 0,
		   "%s of A cannot move a household to B (%s)", role_name[i], e.sqlstate);
	}
	/* drafts: each author sees only their own */
	for (i = 0; i <= NROLES; i++)
		is_int(testdb_count(c[i], "SELECT count(*) FROM jz.drafts WHERE login <> session_user", 0, NULL),
		       0, "a staff member sees no one else's draft");
	/* no staff role alters the audit trail, TRUNCATE included */
	for (i = 0; i < NROLES; i++) {
		static const char *const bad[] = {
			"UPDATE jz.audit_log SET actor = 'nobody'",
			"DELETE FROM jz.audit_log",
			"TRUNCATE jz.audit_log",
			"INSERT INTO jz.audit_log (action, table_name) VALUES ('DELETE', 'jz.fake')",
		};
		for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
			ok(!db_run(c[i], bad[k], 0, NULL, &e) && strcmp(e.sqlstate, "42501") == 0,
			   "%s: %s refused (%s)", role_name[i], bad[k], e.sqlstate);
	}

out:
	for (i = 0; i <= NROLES; i++)
		db_close(c[i]);
	drop_roles(t.conn);
	testdb_finish(&t);
	return tap_done();
}
