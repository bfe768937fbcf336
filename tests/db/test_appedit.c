/* test_appedit.c - optimistic locking of the contact edit (migration 0050):
 * two connections read version N; the first save wins; the second gets
 * JZ014 with a DETAIL naming the changed field, its value and who; the
 * change list says the same; re-applying on the new version works. RLS:
 * staff of another community neither find nor edit it. Also the audit
 * trail's readable summary and search, and the staff calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "db.h"
#include "intake.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"
#include "workflow.h"

#define PW "改申请pw1"

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

static void form(char *buf, size_t len, const char *community, const char *a, const char *b)
{
	snprintf(buf, len,
		"{\"community\": \"%s\","
		" \"household\": {\"hukou_address\": \"北京市朝阳区劲松路1号\", \"address\": \"劲松路1号院2楼\","
		"   \"hukou_type\": \"urban\", \"housing\": \"公租房\", \"vehicle\": \"无\", \"savings_fen\": 0},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"张秀兰\", \"phone\": \"13800138000\","
		"   \"employment\": \"unemployed_reg\", \"health\": \"healthy\"},"
		" \"members\": [{\"id_number\": \"%s\", \"name\": \"李建国\", \"relationship\": \"spouse\","
		"   \"employment\": \"flexible\", \"health\": \"healthy\"}],"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\", \"%s\"]},"
		" \"reason\": \"失业，家庭收入低\"}",
		community, a, b, a, a, b);
}

static void summaries(testdb *t)
{
	char *v = testdb_value(t->conn, "SELECT jz.audit_summary('{\"a\":1,\"b\":\"x\",\"version\":1}',"
			       " '{\"a\":2,\"b\":\"x\",\"version\":2}')", 0, NULL);
	is_str(v, "a: 1 → 2", "summary: only the changed key, version left out");
	free(v);
	v = testdb_value(t->conn, "SELECT jz.audit_summary(NULL, '{\"name\":\"王芳\",\"x\":null}')", 0, NULL);
	is_str(v, "name=王芳", "summary of an insert: the keys with a value");
	free(v);
	v = testdb_value(t->conn, "SELECT jz.audit_summary('{\"r\":\"旧\"}', '{\"r\":null}')", 0, NULL);
	is_str(v, "r: 旧 → ∅", "a cleared value");
	free(v);
}

static void staff_calls(testdb *t, const char *admin, const char *code_a, const char *code_b,
			const char *rec)
{
	db_conn *ad = testdb_connect_as(t, admin, PW, NULL);
	db_staff_row *rows = NULL;
	db_community_row *cs = NULL;
	size_t n = 0, i, found = 0;
	db_err e;

	if (!ok(ad != NULL, "administrator logs in"))
		return;
	ok(db_admin_communities(ad, &cs, &n, &e) && n >= 2, "communities listed: %s", e.message);
	free(cs);
	ok(db_admin_staff_add_community(ad, rec, code_b, &e), "assign community B: %s", e.message);
	ok(db_admin_staff_list(ad, &rows, &n, &e), "staff list: %s", e.message);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].login, rec) == 0) {
			found = 1;
			is_str(rows[i].communities, "劲松社区、双井社区", "both communities shown, joined by 、");
			ok(rows[i].role == DB_ROLE_RECEPTION && rows[i].active, "role and active");
		}
	ok(found, "the receptionist is in the list");
	free(rows);
	ok(db_admin_staff_remove_community(ad, rec, code_b, &e), "remove community B: %s", e.message);
	ok(!db_admin_staff_remove_community(ad, rec, "没有这个社区", &e) &&
	   strcmp(e.sqlstate, "23503") == 0, "unknown community refused (%s)", e.sqlstate);
	{
		const char *p[1] = { rec };
		char *v = testdb_value(t->conn, "SELECT count(*) FROM jz.staff_community WHERE login = $1", 1, p);
		is_str(v, "1", "back to one community");
		free(v);
	}
	ok(!db_staff_disable(ad, admin, &e), "an administrator cannot disable themself");
	(void)code_a;
	db_close(ad);
}

int main(void)
{
	testdb t;
	char errbuf[512], code_a[16], code_b[16], f[4096];
	char rec_a[64], cw_a[64], rec_b[64], sup_a[64], adm[64], a[19], b[19];
	db_conn *c1 = NULL, *c2 = NULL, *cb = NULL, *sa = NULL;
	db_intake_result res = { 0 };
	db_app_contact x1, x2;
	db_app_change *ch = NULL;
	size_t nch = 0;
	bool found = false;
	int v1 = 0, v2 = 0, v3 = 0;
	db_err e;
	long pid = (long)getpid();

	if (!testdb_init(&t, "appedit", errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return tap_done();
	}
	summaries(&t);
	snprintf(code_a, sizeof code_a, "1101052%05ld", pid % 100000);
	snprintf(code_b, sizeof code_b, "1101059%05ld", pid % 100000);
	{
		const char *p[2] = { code_a, code_b };
		ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
			  " ($1, '劲松社区', '劲松街道'), ($2, '双井社区', '双井街道')", 2, p, &e),
		   "two communities: %s", e.message);
	}
	snprintf(rec_a, sizeof rec_a, "tedit%ld_ra", pid);
	snprintf(cw_a, sizeof cw_a, "tedit%ld_ca", pid);
	snprintf(rec_b, sizeof rec_b, "tedit%ld_rb", pid);
	snprintf(sup_a, sizeof sup_a, "tedit%ld_sa", pid);
	snprintf(adm, sizeof adm, "tedit%ld_ad", pid);
	ok(db_staff_add(t.conn, rec_a, "王芳", DB_ROLE_RECEPTION, code_a, PW, &e), "rec A: %s", e.message);
	ok(db_staff_add(t.conn, cw_a, "刘强", DB_ROLE_CASEWORKER, code_a, PW, &e), "cw A: %s", e.message);
	ok(db_staff_add(t.conn, rec_b, "赵丽", DB_ROLE_RECEPTION, code_b, PW, &e), "rec B: %s", e.message);
	ok(db_staff_add(t.conn, sup_a, "孙主任", DB_ROLE_SUPERVISOR, code_a, PW, &e), "sup A: %s", e.message);
	ok(db_staff_add(t.conn, adm, "管理员", DB_ROLE_ADMIN, code_a, PW, &e), "admin: %s", e.message);
	c1 = testdb_connect_as(&t, rec_a, PW, &e);
	c2 = testdb_connect_as(&t, cw_a, PW, &e);
	cb = testdb_connect_as(&t, rec_b, PW, &e);
	sa = testdb_connect_as(&t, sup_a, PW, &e);
	if (!ok(c1 && c2 && cb && sa, "all log in: %s", e.message))
		goto done;

	mkid(a, "19700101", 310);
	mkid(b, "19710202", 311);
	form(f, sizeof f, code_a, a, b);
	if (!ok(db_intake_submit(c1, f, "5d7e1b2c-3a4f-4b6c-8d9e-000000000001", &res, &e),
		"submit: %s", e.message))
		goto done;

	ok(db_app_contact_load(c1, res.number, &x1, &found, &e) && found, "first reads it: %s", e.message);
	ok(db_app_contact_load(c2, res.number, &x2, &found, &e) && found, "second reads it: %s", e.message);
	is_int(x1.version, x2.version, "both hold the same version");
	is_str(x1.phone, "13800138000", "phone read");
	is_str(x1.address, "劲松路1号院2楼", "address read");

	ok(db_app_contact_save(c1, x1.id, x1.version, "13900139000", x1.address, x1.reason, &v1, &e),
	   "first save succeeds: %s", e.message);
	is_int(v1, x1.version + 1, "version goes up by one");
	ok(!db_app_contact_save(c2, x2.id, x2.version, "13700137000", "劲松路3号", x2.reason, &v2, &e),
	   "second save on the old version fails");
	is_str(e.sqlstate, DB_WF_CONFLICT, "with JZ014");
	ok(strstr(e.detail, "\"phone\"") && strstr(e.detail, "13900139000") &&
	   strstr(e.detail, "王芳"), "detail names the field, the value and who: %s", e.detail);
	ok(!strstr(e.detail, "\"address\""), "and not a field nobody changed");
	ok(db_app_changes_since(c2, x2.id, x2.version, &ch, &nch, &e), "change list: %s", e.message);
	is_int(nch, 1, "one change since the second read");
	if (nch == 1) {
		is_str(ch[0].field, "phone", "field");
		is_str(ch[0].old_value, "13800138000", "their old value");
		is_str(ch[0].new_value, "13900139000", "their new value");
		is_str(ch[0].actor_name, "王芳", "who");
		ok(strlen(ch[0].at) >= 5, "when: %s", ch[0].at);
	}
	free(ch);
	ch = NULL;
	{
		char *v = testdb_value(t.conn, "SELECT phone FROM jz.persons WHERE id_number = $1", 1,
				       (const char *const[]){ a });
		is_str(v, "13900139000", "the second save changed nothing");
		free(v);
	}
	/* re-apply on top of the new version */
	ok(db_app_contact_save(c2, x2.id, v1, "13700137000", "劲松路3号", x2.reason, &v2, &e),
	   "re-applied on the new version: %s", e.message);
	is_int(v2, v1 + 1, "next version");
	ok(db_app_contact_load(c1, res.number, &x1, &found, &e) && found, "reload");
	is_str(x1.phone, "13700137000", "phone is the second user's");
	is_str(x1.address, "劲松路3号", "address is the second user's");
	/* a stale reason edit names both of the other's fields */
	ok(!db_app_contact_save(c1, x1.id, v1, x1.phone, x1.address, "新的理由", &v3, &e) &&
	   strcmp(e.sqlstate, DB_WF_CONFLICT) == 0 && strstr(e.detail, "\"address\"") &&
	   strstr(e.detail, "刘强"), "stale reason edit: conflict naming address and 刘强: %s", e.detail);
	ok(db_app_contact_save(c1, x1.id, x1.version, x1.phone, x1.address, "新的理由", &v3, &e),
	   "reason saved: %s", e.message);
	ok(db_app_changes_since(c2, x1.id, v2, &ch, &nch, &e) && nch == 1 &&
	   strcmp(ch[0].field, "reason") == 0 && strcmp(ch[0].new_value, "新的理由") == 0,
	   "a reason change comes from the audit trail");
	free(ch);
	ch = NULL;
	ok(!db_app_contact_save(c1, x1.id, v3, "电话abc", x1.address, "新的理由", &v1, &e) &&
	   strcmp(e.sqlstate, "23514") == 0, "a malformed phone is refused by the table (%s)", e.sqlstate);

	/* the bank card (0135): saved with the version, logged, on the person */
	ok(db_app_contact_load(c2, res.number, &x2, &found, &e) && found && x2.bank_card[0] == '\0',
	   "no card yet: %s", e.message);
	ok(db_app_contact_save_card(c2, x2.id, x2.version, x2.phone, x2.address, x2.reason,
				    "6222 0212 3456 7890", &v1, &e), "card saved: %s", e.message);
	is_int(v1, x2.version + 1, "a card change is a new version");
	ok(db_app_contact_load(c1, res.number, &x1, &found, &e) && found, "reload");
	is_str(x1.bank_card, "6222021234567890", "the card, its spaces dropped");
	is_str(x1.phone, x2.phone, "the phone kept");
	ok(!db_app_contact_save_card(c1, x1.id, x2.version, x1.phone, x1.address, x1.reason,
				     "6222021234567890123", &v2, &e) &&
	   strcmp(e.sqlstate, DB_WF_CONFLICT) == 0 && strstr(e.detail, "\"bank_card\"") &&
	   strstr(e.detail, "刘强"), "a stale card edit: conflict naming the card and 刘强: %s", e.detail);
	ok(!db_app_contact_save_card(c1, x1.id, x1.version, x1.phone, x1.address, x1.reason,
				     "62220212345", &v2, &e) && strcmp(e.sqlstate, "23514") == 0,
	   "11 digits refused by the table (%s)", e.sqlstate);
	ok(db_app_contact_save(c1, x1.id, x1.version, x1.phone, x1.address, "理由不变的卡", &v2, &e),
	   "the 5-argument save: %s", e.message);
	ok(db_app_contact_load(c1, res.number, &x1, &found, &e) && found &&
	   strcmp(x1.bank_card, "6222021234567890") == 0, "leaves the card as it is");
	{
		char *v = testdb_value(t.conn, "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.persons'"
				       " AND new ->> 'bank_card' = '6222021234567890'", 0, NULL);
		ok(v && strcmp(v, "0") != 0, "the person's audit row carries the card (%s)", v ? v : "");
		free(v);
	}
	ok(db_app_contact_save_card(c1, x1.id, x1.version, x1.phone, x1.address, x1.reason, "", &v3, &e),
	   "empty clears it: %s", e.message);
	ok(db_app_changes_since(c2, x1.id, v2, &ch, &nch, &e) && nch == 1 &&
	   strcmp(ch[0].field, "bank_card") == 0 && strcmp(ch[0].old_value, "6222021234567890") == 0 &&
	   ch[0].new_value[0] == '\0', "the contact log: bank_card 6222021234567890 -> none");
	free(ch);
	ch = NULL;

	/* RLS: community B's receptionist */
	ok(db_app_contact_load(cb, res.number, &x2, &found, &e) && !found,
	   "another community's staff do not find it");
	ok(!db_app_contact_save(cb, x1.id, v3, "13600136000", "别处", "x", &v1, &e) &&
	   strcmp(e.sqlstate, DB_INTAKE_COMMUNITY) == 0, "nor edit it (%s)", e.sqlstate);
	ok(!db_app_changes_since(cb, x1.id, 0, &ch, &nch, &e), "nor read its changes");
	free(ch);
	ch = NULL;

	/* the audit screen's query */
	{
		db_audit_query q = { .application = res.number, .limit = 100 };
		db_audit_row *rows = NULL;
		size_t n = 0, i, hit = 0;
		ok(db_admin_audit_search(sa, &q, &rows, &n, &e), "audit search: %s", e.message);
		for (i = 0; i < n; i++)
			if (strstr(rows[i].summary, "reason: 失业，家庭收入低 → 新的理由"))
				hit++;
		is_int(hit, 1, "the reason change reads old → new");
		if (n > 1) {
			q.after_id = rows[0].id;
			free(rows);
			ok(db_admin_audit_search(sa, &q, &rows, &n, &e) && (n == 0 || rows[0].id < q.after_id),
			   "keyset: the next page starts below the last id");
		}
		free(rows);
		rows = NULL;
		q = (db_audit_query){ .person = a, .staff = "刘强", .limit = 100 };
		ok(db_admin_audit_search(sa, &q, &rows, &n, &e), "by person and staff: %s", e.message);
		hit = 0;
		for (i = 0; i < n; i++)
			if (strcmp(rows[i].table_name, "jz.persons") == 0 &&
			    strstr(rows[i].summary, "phone: 13900139000 → 13700137000"))
				hit++;
		is_int(hit, 1, "刘强's phone change to the person");
		free(rows);
		ok(!db_admin_audit_search(c1, &q, &rows, &n, &e), "a receptionist may not search");
		free(rows);
	}
	staff_calls(&t, adm, code_a, code_b, rec_a);
done:
	db_intake_result_finish(&res);
	db_close(c1);
	db_close(c2);
	db_close(cb);
	db_close(sa);
	testdb_finish(&t);
	return tap_done();
}
