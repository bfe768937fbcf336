/* test_bankcards_cli.c - `jiuzhu import bankcards` on the shared sample, in
 * Chinese: the sample gives most payees a card (0140), so `jiuzhu export
 * payments` of the last month paid says as many 缺少银行卡号 as the
 * database has payments without one, a few but not none; a GB18030 file
 * for two of those payees and a stranger: the dry run lists every bad line
 * (wrong name, unknown ID, short line) by number, writes nothing, exit 3;
 * the import writes the good card (one audit entry), says 更新 1 人; again,
 * 0 changed; the export then counts from the database again; a wrong header
 * is refused naming 身份证号,姓名,银行卡号. The card is taken off again at
 * the end, as other tests read the same payees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enc.h"
#include "tap.h"
#include "test_intake.h"

#define CARD_TYPED "6222 0288 8877 7666 55"

/* Run jiuzhu ARGS to its end on a wide screen (kept for reading); NULL if
 * it did not end. *status: its exit status. */
static vt *run(const ie_ctx *c, const char *const args[], int *status)
{
	const char *argv[16] = { e2e_exe() };
	int n = 1;
	vt *t;

	for (int i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	t = vt_start(argv, c->env.envp, 30, 200, false);
	if (t && !vt_wait_exit(t, E2E_FIRST_SCREEN_MS, status)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

static int exit_code(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool write_gb18030(const char *path, const char *utf8)
{
	size_t n = 0;
	char *b = enc_convert("GB18030", "UTF-8", utf8, strlen(utf8), &n);
	FILE *f = b ? fopen(path, "wb") : NULL;
	bool ok = f && fwrite(b, 1, n, f) == n;

	if (f && fclose(f) != 0)
		ok = false;
	free(b);
	return ok;
}

/* The export of month says what the database counts. */
static void export_says(ie_ctx *c, const char *month, const char *file, const char *what)
{
	const char *p[1] = { month };
	char *nocard = ie_query(c, "SELECT count(*) FROM jz.payments y LEFT JOIN jz.persons pe ON pe.id = y.person_id"
				" WHERE y.month = to_date($1, 'YYYY-MM') AND pe.bank_card IS NULL", 1, p);
	char *total = ie_query(c, "SELECT count(*) FROM jz.payments WHERE month = to_date($1, 'YYYY-MM')", 1, p);
	const char *args[] = { "export", "payments", month, file, NULL };
	char want[128];
	int st = -1;
	vt *t = run(c, args, &st);

	ok(t && exit_code(st) == 0, "%s: jiuzhu export payments %s exits 0", what, month);
	snprintf(want, sizeof want, "%s 笔发放", total ? total : "?");
	ok(t && e2e_screen_has(t, want), "%s: %s", what, want);
	snprintf(want, sizeof want, "其中 %s 笔缺少银行卡号", nocard ? nocard : "?");
	if (!ok(t && e2e_screen_has(t, want), "%s: %s (the database's count)", what, want) && t)
		vt_screen_dump(t);
	vt_destroy(t);
	free(nocard);
	free(total);
}

int main(void)
{
	ie_ctx c;
	char *month = NULL, *a_id = NULL, *a_name = NULL, *b_id = NULL, *b_name = NULL, *v = NULL;
	char *total = NULL, *nocard = NULL, *audits = NULL;
	char path[256], out[256], stranger[19], buf[1024], want[256];
	vt *t = NULL;
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	snprintf(path, sizeof path, "/tmp/jz-e2e-bankcards-%ld.csv", (long)getpid());
	snprintf(out, sizeof out, "/tmp/jz-e2e-bankcards-out-%ld.csv", (long)getpid());
	if (!ok(ie_db(&c), "the private database"))
		goto done;
	month = ie_query(&c, "SELECT to_char(max(month), 'YYYY-MM') FROM jz.payments", 0, NULL);
	if (!ok(month != NULL, "the sample pays monthly aid (last month %s)", month ? month : "none"))
		goto done;
	{
		const char *p[1] = { month };
		total = ie_query(&c, "SELECT count(*) FROM jz.payments WHERE month = to_date($1, 'YYYY-MM')", 1, p);
		nocard = ie_query(&c, "SELECT count(*) FROM jz.payments y LEFT JOIN jz.persons pe ON pe.id = y.person_id"
				  " WHERE y.month = to_date($1, 'YYYY-MM') AND pe.bank_card IS NULL", 1, p);
		ok(total && nocard && atol(nocard) > 0 && atol(nocard) * 10 < atol(total),
		   "the sample: most of the %s payments of %s have a card, %s not", total ? total : "?", month,
		   nocard ? nocard : "?");
		/* two payees of that month with no card */
		a_id = ie_query(&c, "SELECT pe.id_number FROM jz.payments y JOIN jz.persons pe ON pe.id = y.person_id"
				" WHERE y.month = to_date($1, 'YYYY-MM') AND pe.bank_card IS NULL"
				" ORDER BY pe.id LIMIT 1", 1, p);
		b_id = ie_query(&c, "SELECT pe.id_number FROM jz.payments y JOIN jz.persons pe ON pe.id = y.person_id"
				" WHERE y.month = to_date($1, 'YYYY-MM') AND pe.bank_card IS NULL"
				" ORDER BY pe.id DESC LIMIT 1", 1, p);
	}
	if (!ok(a_id && b_id && strcmp(a_id, b_id) != 0, "two payees without a card"))
		goto done;
	{
		const char *p[1] = { a_id };
		a_name = ie_query(&c, "SELECT name FROM jz.persons WHERE id_number = $1", 1, p);
		p[0] = b_id;
		b_name = ie_query(&c, "SELECT name FROM jz.persons WHERE id_number = $1", 1, p);
	}
	export_says(&c, month, out, "before");
	if (!ok(ie_fresh_id(&c, stranger, 1984, 6, 1, true), "an ID number nobody has"))
		goto done;

	snprintf(buf, sizeof buf, "身份证号,姓名,银行卡号\r\n%s,%s,%s\r\n%s,%s,6222028888777766\r\n"
		 "%s,李四,6222028888777766\r\n%s,%s\r\n",
		 a_id, a_name ? a_name : "", CARD_TYPED, b_id, strcmp(b_name ? b_name : "", "张三丰") ? "张三丰" : "张三",
		 stranger, b_id, b_name ? b_name : "");
	ok(write_gb18030(path, buf), "a GB18030 file of 4 lines");

	/* the dry run */
	{
		const char *args[] = { "import", "bankcards", path, "--encoding", "gb18030", "--dry-run", NULL };
		t = run(&c, args, &st);
	}
	ok(t && exit_code(st) == 3, "--dry-run with bad lines exits 3 (%d)", exit_code(st));
	snprintf(want, sizeof want, "与登记的姓名“%s”不符", b_name ? b_name : "");
	ok(t && vt_find_text(t, "第 3 行：姓名“") >= 0 && e2e_screen_has(t, want), "line 3: the wrong name, and the right one");
	snprintf(want, sizeof want, "第 4 行：身份证号 %s 查无此人", stranger);
	ok(t && e2e_screen_has(t, want), "%s", want);
	ok(t && e2e_screen_has(t, "第 5 行：应有 3 列，实有 2 列"), "line 5: the short line");
	if (!ok(t && e2e_screen_has(t, "试运行：4 行：将更新 1 人的银行卡号，0 人未变，3 行有误（见上）"), "the dry run's summary") && t)
		vt_screen_dump(t);
	vt_destroy(t);
	t = NULL;
	{
		const char *p[1] = { a_id };
		v = ie_query(&c, "SELECT coalesce(bank_card, 'none') FROM jz.persons WHERE id_number = $1", 1, p);
		is_str(v ? v : "", "none", "the dry run wrote nothing");
		free(v);
	}

	/* the import, twice */
	{
		const char *p[1] = { a_id };
		audits = ie_query(&c, "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.persons' AND action = 'UPDATE'"
				  " AND person_id = (SELECT id FROM jz.persons WHERE id_number = $1)"
				  " AND old->>'bank_card' IS DISTINCT FROM new->>'bank_card'", 1, p);
	}
	{
		const char *args[] = { "import", "bankcards", path, "--encoding", "gb18030", NULL };
		t = run(&c, args, &st);
		ok(t && exit_code(st) == 3, "the import exits 3: some lines were bad");
		if (!ok(t && e2e_screen_has(t, "4 行：更新 1 人的银行卡号，0 人未变，3 行有误（见上）"), "更新 1 人") && t)
			vt_screen_dump(t);
		vt_destroy(t);
		t = run(&c, args, &st);
		if (!ok(t && e2e_screen_has(t, "4 行：更新 0 人的银行卡号，1 人未变，3 行有误（见上）"), "again: 更新 0 人") && t)
			vt_screen_dump(t);
		vt_destroy(t);
		t = NULL;
	}
	{
		const char *p[1] = { a_id };
		v = ie_query(&c, "SELECT coalesce(bank_card, 'none') FROM jz.persons WHERE id_number = $1", 1, p);
		is_str(v ? v : "", "622202888877766655", "the card written as its digits");
		free(v);
		v = ie_query(&c, "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.persons' AND action = 'UPDATE'"
			     " AND person_id = (SELECT id FROM jz.persons WHERE id_number = $1)"
			     " AND old->>'bank_card' IS DISTINCT FROM new->>'bank_card'", 1, p);
		ok(v && audits && atol(v) == atol(audits) + 1, "one audit entry for the card (%s, before %s)",
		   v ? v : "?", audits ? audits : "?");
		free(v);
		p[0] = b_id;
		v = ie_query(&c, "SELECT coalesce(bank_card, 'none') FROM jz.persons WHERE id_number = $1", 1, p);
		is_str(v ? v : "", "none", "the wrong name's person: no card");
		free(v);
	}
	export_says(&c, month, out, "after");

	/* a wrong header */
	snprintf(buf, sizeof buf, "姓名,身份证号,银行卡号\r\n%s,%s,6222028888777766\r\n", b_name ? b_name : "", b_id);
	ok(write_gb18030(path, buf), "a file with the columns swapped");
	{
		const char *args[] = { "import", "bankcards", path, "--encoding", "gb18030", NULL };
		t = run(&c, args, &st);
	}
	ok(t && exit_code(st) == 1, "a wrong header: exit 1");
	if (!ok(t && e2e_screen_has(t, "第一行必须是表头 身份证号,姓名,银行卡号"), "the header expected is named") && t)
		vt_screen_dump(t);
done:
	if (c.pg && a_id) {
		const char *p[1] = { a_id };
		free(ie_query(&c, "UPDATE jz.persons SET bank_card = NULL WHERE id_number = $1", 1, p));
	}
	vt_destroy(t);
	unlink(path);
	unlink(out);
	free(month);
	free(total);
	free(nocard);
	free(audits);
	free(a_id);
	free(a_name);
	free(b_id);
	free(b_name);
	ie_finish(&c);
	return tap_done();
}
