/* test_bankcards.c - the payees' bank cards from a file (0140, db/bankcards):
 * a UTF-8 file with Chinese names, a 15-digit ID number and every kind of
 * bad line (unknown ID, wrong name, 11 digits, a dash, a short line, the
 * same person twice), each reported by its line with its reason; a dry run
 * writes nothing and reports the same; the good lines are written and
 * audited once per changed card; a second import changes nothing; a GB18030
 * file; a wrong header and an empty file refused naming the header; an
 * admin of one community cannot write another's person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bankcards.h"
#include "db.h"
#include "enc.h"
#include "idnum.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "Bank-card-1"

typedef struct bad_seen {
	long line[32];
	char reason[32][256];
	int n;
} bad_seen;

static void on_bad(void *ctx, long line, const char *reason)
{
	bad_seen *b = ctx;
	if (b->n < 32) {
		b->line[b->n] = line;
		snprintf(b->reason[b->n], sizeof b->reason[0], "%s", reason);
	}
	b->n++;
}

/* 110105 + birth date + 3 digits + the check character. */
static void make_id(const char *ymd, int seq, char id[19])
{
	snprintf(id, 19, "110105%s%03d", ymd, seq);
	id[17] = idnum_check_char(id);
	id[18] = '\0';
}

static bool add_person(db_conn *c, const char *community, const char *id, const char *name,
		       const char *card)
{
	const char *p[4] = { community, id, name, card };
	db_err e;
	bool ok = db_run(c, "INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date, bank_card)"
			 " SELECT c.id, $2::text, $3::text,"
			 "  CASE WHEN substr($2::text, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END,"
			 "  to_date(substr($2::text, 7, 8), 'YYYYMMDD'), $4::text FROM jz.communities c WHERE c.code = $1",
			 4, p, &e);
	if (!ok)
		tap_diag("person %s: %s", name, e.message);
	return ok;
}

static char *card_of(db_conn *c, const char *id)
{
	const char *p[1] = { id };
	return testdb_value(c, "SELECT coalesce(bank_card, 'none') FROM jz.persons WHERE id_number = $1", 1, p);
}

static bool write_file(const char *path, const char *charset, const char *utf8)
{
	size_t n = 0;
	char *b = enc_convert(charset, "UTF-8", utf8, strlen(utf8), &n);
	FILE *f = b ? fopen(path, "wb") : NULL;
	bool ok = f && fwrite(b, 1, n, f) == n;

	if (f && fclose(f) != 0)
		ok = false;
	free(b);
	return ok;
}

/* The reason reported for a line, "" if none. */
static const char *reason_of(const bad_seen *s, long line)
{
	for (int i = 0; i < s->n && i < 32; i++)
		if (s->line[i] == line)
			return s->reason[i];
	return "";
}

#define CARD_AUDITS "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.persons' AND action = 'UPDATE'" \
	" AND old->>'bank_card' IS DISTINCT FROM new->>'bank_card'"

int main(void)
{
	testdb t;
	char err[512], path[256], buf[4096];
	char id_wang[19], id_mai[19], id_zhang[19], id_li[19], id_chen[19], id_zhou[19], id_wu[19],
		id_sun[19], id_nobody[19], id_zhao[19], id_he[19];
	char zhang15[16], adm[64];
	db_err e;
	bad_seen seen;
	db_bankcards_result res;
	char *v;
	long pid = (long)getpid();

	if (!testdb_init(&t, "bankcards", err, sizeof err)) {
		ok(0, "test database: %s", err);
		return tap_done();
	}
	ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
		  " ('110105001001', '幸福里社区', '和平街道'), ('110105001002', '建设路社区', '和平街道')",
		  0, NULL, &e), "two communities: %s", e.message);
	make_id("19580312", 2, id_wang);
	make_id("19650101", 11, id_mai);
	make_id("19580312", 3, id_zhang);
	make_id("19470815", 24, id_li);
	make_id("19800520", 31, id_chen);
	make_id("19751109", 42, id_zhou);
	make_id("19690303", 53, id_wu);
	make_id("19900717", 64, id_sun);
	make_id("19881201", 75, id_nobody);
	make_id("19720228", 86, id_zhao);
	make_id("19551010", 97, id_he);
	/* 张建国's old number: no 19, no check character */
	snprintf(zhang15, sizeof zhang15, "110105%.6s%.3s", id_zhang + 8, id_zhang + 14);
	ok(add_person(t.conn, "110105001001", id_wang, "王秀英", NULL)
	   && add_person(t.conn, "110105001001", id_mai, "买买提·艾力", NULL)
	   && add_person(t.conn, "110105001001", id_zhang, "张建国", NULL)
	   && add_person(t.conn, "110105001001", id_li, "李淑珍", "6222021234567890")
	   && add_person(t.conn, "110105001001", id_chen, "陈伟", NULL)
	   && add_person(t.conn, "110105001001", id_zhou, "周敏", NULL)
	   && add_person(t.conn, "110105001001", id_wu, "吴刚", NULL)
	   && add_person(t.conn, "110105001001", id_sun, "孙芳", NULL)
	   && add_person(t.conn, "110105001002", id_zhao, "赵丽", NULL)
	   && add_person(t.conn, "110105001001", id_he, "何桂兰", NULL), "ten persons");
	long long audits0 = testdb_count(t.conn, CARD_AUDITS, 0, NULL);

	snprintf(path, sizeof path, "/tmp/jz_bankcards_%ld.csv", pid);
	snprintf(buf, sizeof buf,
		 "\xEF\xBB\xBF身份证号,姓名,银行卡号\r\n"        /* 1 */
		 "%s,王秀英,6222 0212 3456 7890 123\r\n"         /* 2 good */
		 "%s,买买提·艾力,６２２２０２１１１１２２２２３３３\r\n" /* 3 good, full-width */
		 "%s,刘洋,6222021234567890\r\n"                  /* 4 nobody */
		 "%s,张建国,622202987654321098\r\n"              /* 5 good, 15 digits */
		 "%s,李淑珍,6222 0212 3456 7890\r\n"             /* 6 good, unchanged */
		 "%s,陈玮,6222025555666677\r\n"                  /* 7 wrong name */
		 "%s,周敏,62220212345\r\n"                       /* 8 11 digits */
		 "\r\n"                                           /* 9 blank */
		 "%s,吴刚,6222-0212-3456-7890\r\n"               /* 10 a dash */
		 "%s,孙芳\r\n"                                   /* 11 short */
		 "%s,王秀英,6222020000000000\r\n",               /* 12 twice */
		 id_wang, id_mai, id_nobody, zhang15, id_li, id_chen, id_zhou, id_wu, id_sun, id_wang);
	ok(write_file(path, "UTF-8", buf), "a UTF-8 file of 11 lines");

	/* dry run: reported, nothing written */
	memset(&seen, 0, sizeof seen);
	db_csv_opts o = { .encoding = "utf-8", .dry_run = true, .bad = on_bad, .ctx = &seen };
	ok(db_import_bankcards(t.conn, path, &o, &res, &e), "dry run: %s %s", e.message, e.detail);
	is_int((int)res.lines, 10, "10 data lines (the blank one not counted)");
	is_int((int)res.bad, 6, "6 bad");
	is_int((int)res.changed, 3, "3 cards would change");
	is_int((int)res.unchanged, 1, "1 already so");
	is_int(seen.n, 6, "6 bad lines reported");
	is_int((int)testdb_count(t.conn, "SELECT count(*) FROM jz.persons WHERE bank_card IS NOT NULL", 0, NULL), 1,
	       "the dry run wrote no card");
	is_int((int)testdb_count(t.conn, CARD_AUDITS, 0, NULL), (int)audits0, "and no audit entry");

	/* the import */
	memset(&seen, 0, sizeof seen);
	o.dry_run = false;
	ok(db_import_bankcards(t.conn, path, &o, &res, &e), "import: %s %s", e.message, e.detail);
	is_int((int)res.good, 4, "4 good lines");
	is_int((int)res.changed, 3, "3 cards written");
	is_int((int)res.unchanged, 1, "1 unchanged");
	is_int(seen.n, 6, "6 bad lines reported");
	snprintf(buf, sizeof buf, "%s 查无此人", id_nobody);
	ok(strstr(reason_of(&seen, 4), buf) != NULL, "line 4: %s", reason_of(&seen, 4));
	ok(strstr(reason_of(&seen, 7), "姓名“陈玮”与登记的姓名“陈伟”不符") != NULL, "line 7: %s", reason_of(&seen, 7));
	ok(strstr(reason_of(&seen, 8), "12 至 19 位数字，现在是 11 位") != NULL, "line 8: %s", reason_of(&seen, 8));
	ok(strstr(reason_of(&seen, 10), "只能是数字") != NULL, "line 10: %s", reason_of(&seen, 10));
	ok(strstr(reason_of(&seen, 11), "应有 3 列，实有 2 列") != NULL, "line 11: %s", reason_of(&seen, 11));
	ok(strstr(reason_of(&seen, 12), "与第 2 行重复") != NULL, "line 12: %s", reason_of(&seen, 12));
	ok(seen.n >= 6 && seen.line[0] == 4 && seen.line[5] == 12, "in line order");

	v = card_of(t.conn, id_wang);
	is_str(v ? v : "", "6222021234567890123", "王秀英: the digits without spaces");
	free(v);
	v = card_of(t.conn, id_mai);
	is_str(v ? v : "", "62220211112222333", "买买提·艾力: full-width digits folded");
	free(v);
	v = card_of(t.conn, id_zhang);
	is_str(v ? v : "", "622202987654321098", "张建国 found by his 15-digit number");
	free(v);
	v = card_of(t.conn, id_chen);
	is_str(v ? v : "", "none", "陈伟 (name wrong in the file): no card");
	free(v);
	v = card_of(t.conn, id_zhou);
	is_str(v ? v : "", "none", "周敏 (11 digits): no card");
	free(v);
	is_int((int)testdb_count(t.conn, CARD_AUDITS, 0, NULL), (int)audits0 + 3, "one audit entry per changed card");
	{
		const char *p[1] = { id_wang };
		is_int((int)testdb_count(t.conn, CARD_AUDITS " AND person_id = (SELECT id FROM jz.persons"
					 " WHERE id_number = $1) AND new->>'bank_card' = '6222021234567890123'", 1, p),
		       1, "王秀英's entry has the new card");
	}

	/* again: nothing changes */
	memset(&seen, 0, sizeof seen);
	ok(db_import_bankcards(t.conn, path, &o, &res, &e), "import again: %s", e.message);
	is_int((int)res.changed, 0, "0 changed the second time");
	is_int((int)res.unchanged, 4, "4 unchanged");
	is_int(seen.n, 6, "the same 6 bad lines");
	is_int((int)testdb_count(t.conn, CARD_AUDITS, 0, NULL), (int)audits0 + 3, "no new audit entry");

	/* GB18030: a changed card and a new one */
	memset(&seen, 0, sizeof seen);
	snprintf(buf, sizeof buf, "身份证号,姓名,银行卡号\n%s,王秀英,6217 0000 1111 2222\n%s,陈伟,6222025555666677\n"
		 "%s,何贵兰,6222025555666688\n", id_wang, id_chen, id_he);
	ok(write_file(path, "GB18030", buf), "a GB18030 file");
	db_csv_opts og = { .encoding = "gb18030", .bad = on_bad, .ctx = &seen };
	ok(db_import_bankcards(t.conn, path, &og, &res, &e), "GB18030 import: %s %s", e.message, e.detail);
	is_int((int)res.changed, 2, "2 changed");
	is_int((int)res.bad, 1, "1 bad");
	ok(seen.n == 1 && seen.line[0] == 4 && strstr(seen.reason[0], "与登记的姓名“何桂兰”不符"),
	   "line 4: the name read from GB18030 compared: %s", seen.n ? seen.reason[0] : "");
	v = card_of(t.conn, id_wang);
	is_str(v ? v : "", "6217000011112222", "王秀英's card replaced");
	free(v);
	is_int((int)testdb_count(t.conn, CARD_AUDITS, 0, NULL), (int)audits0 + 5, "two more audit entries");

	/* a wrong header, an empty file: refused, naming the header */
	snprintf(buf, sizeof buf, "姓名,身份证号,银行卡号\n王秀英,%s,6222020000000001\n", id_wang);
	ok(write_file(path, "UTF-8", buf), "a file with the columns swapped");
	memset(&seen, 0, sizeof seen);
	ok(!db_import_bankcards(t.conn, path, &o, &res, &e) && strstr(e.message, "身份证号,姓名,银行卡号"),
	   "a wrong header is refused: %s", e.message);
	ok(write_file(path, "UTF-8", ""), "an empty file");
	ok(!db_import_bankcards(t.conn, path, &o, &res, &e) && strstr(e.message, "身份证号,姓名,银行卡号"),
	   "an empty file is refused: %s", e.message);
	v = card_of(t.conn, id_wang);
	is_str(v ? v : "", "6217000011112222", "nothing written by either");
	free(v);

	/* an admin of 幸福里 only: 赵丽 of 建设路 is not found */
	snprintf(adm, sizeof adm, "tbank%ld_ad", pid);
	ok(db_staff_add(t.conn, adm, "管理员", DB_ROLE_ADMIN, "110105001001", PW, &e), "admin of 幸福里: %s",
	   e.message);
	db_conn *ad = testdb_connect_as(&t, adm, PW, &e);
	ok(ad != NULL, "connected as %s", adm);
	if (ad) {
		snprintf(buf, sizeof buf, "身份证号,姓名,银行卡号\n%s,赵丽,6222027777888899\n%s,周敏,6222027777888800\n",
			 id_zhao, id_zhou);
		ok(write_file(path, "UTF-8", buf), "a file with a person of each community");
		memset(&seen, 0, sizeof seen);
		ok(db_import_bankcards(ad, path, &o, &res, &e), "as the admin: %s %s", e.message, e.detail);
		is_int((int)res.changed, 1, "周敏's card written");
		ok(seen.n == 1 && seen.line[0] == 2 && strstr(seen.reason[0], "不在您负责的社区"),
		   "line 2: %s", seen.n ? seen.reason[0] : "");
		v = card_of(t.conn, id_zhao);
		is_str(v ? v : "", "none", "赵丽 untouched");
		free(v);
		const char *p[1] = { adm };
		is_int((int)testdb_count(t.conn, CARD_AUDITS " AND actor = $1", 1, p), 1,
		       "the audit names the admin");
		db_close(ad);
	}
	unlink(path);
	testdb_finish(&t);
	return tap_done();
}
