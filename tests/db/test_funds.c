/* test_funds.c - funds and the monthly payment run (issue 7 item 3, 4):
 * the seed's plan (200 low-income households x 500 yuan + 50 elderly x 300
 * yuan a month) forecast against its 1,000,000 yuan: 380,000 short; the run
 * twice creates payments once; the jz.fail_after hook half-way leaves
 * nothing of that month; government money is spent first, then donations;
 * a payment past a source's balance is refused by the database, and so is
 * a month the sources cannot pay; the ledger and the payments are
 * append-only for every staff role and even for the owner; the bank's CSV
 * in UTF-8 and GB18030, with the payee's bank card (0135) at the end of
 * each row, empty and counted where there is none. */
#include "funds.h"
#include "enc.h"
#include "test_funds_fixture.h"

#define Y "2031"

static long long n_payments(wf *w, const char *month)
{
	const char *p[1] = { month };
	return testdb_count(w->t.conn, "SELECT count(*) FROM jz.payments WHERE month = $1::date", 1, p);
}

static long long n_ledger(wf *w, const char *month)
{
	const char *p[1] = { month };
	return testdb_count(w->t.conn, "SELECT count(*) FROM jz.ledger WHERE month = $1::date", 1, p);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		b = malloc((size_t)n + 1);
		if (b && fread(b, 1, (size_t)n, f) == (size_t)n) {
			b[n] = '\0';
			*len = (size_t)n;
		} else {
			free(b);
			b = NULL;
		}
	}
	fclose(f);
	return b;
}

static void append_only(wf *w)
{
	static const char *const sql[] = {
		"UPDATE jz.ledger SET amount_fen = 1",
		"DELETE FROM jz.ledger",
		"TRUNCATE jz.ledger",
		"INSERT INTO jz.ledger (year, source, kind, amount_fen) VALUES (2031, 'government', 'receipt', 100)",
		"UPDATE jz.payments SET amount_fen = 1",
		"DELETE FROM jz.payments",
		"TRUNCATE jz.payments",
		"UPDATE jz.fund_balances SET received_fen = received_fen + 100000000",
	};
	static const int who[] = { WF_REC, WF_CW, WF_SUP, WF_ADM };
	db_err e;
	long long before = testdb_count(w->t.conn, "SELECT count(*) + sum(amount_fen) FROM jz.ledger", 0, NULL);

	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
		for (size_t k = 0; k < sizeof sql / sizeof sql[0]; k++)
			ok(!db_run(w->c[who[i]], sql[k], 0, NULL, &e) && strcmp(e.sqlstate, "42501") == 0,
			   "%s: \"%s\" refused (%s)", w->login[who[i]], sql[k], e.sqlstate);
	ok(!db_run(w->t.conn, "UPDATE jz.ledger SET amount_fen = 1", 0, NULL, &e)
	   && strcmp(e.sqlstate, DB_FUNDS_APPEND_ONLY) == 0, "even the owner cannot update the ledger (%s)",
	   e.sqlstate);
	ok(!db_run(w->t.conn, "DELETE FROM jz.payments", 0, NULL, &e)
	   && strcmp(e.sqlstate, DB_FUNDS_APPEND_ONLY) == 0, "nor delete payments (%s)", e.sqlstate);
	ok(!db_run(w->t.conn, "TRUNCATE jz.ledger CASCADE", 0, NULL, &e)
	   && strcmp(e.sqlstate, DB_FUNDS_APPEND_ONLY) == 0, "nor truncate the ledger (%s)", e.sqlstate);
	is_int((int)(testdb_count(w->t.conn, "SELECT count(*) + sum(amount_fen) FROM jz.ledger", 0, NULL) - before), 0,
	       "the ledger is as it was");
}

int main(void)
{
	wf w;
	db_err e;
	db_forecast f;
	int made = -1, added = 0;
	long long first = 0, lid = 0;

	if (!wf_setup(&w, "test_funds") || !fd_init(&w))
		goto out;

	/* the year's allocation from policy: 600,000 / 300,000 / 100,000 */
	ok(!db_funding_from_policy(w.c[WF_CW], 2031, &added, &e), "a caseworker sets no funding (%s)", e.sqlstate);
	ok(db_funding_from_policy(w.c[WF_SUP], 2031, &added, &e) && added == 3, "three rows from policy: %s",
	   e.message);

	/* the seed's plan: 200 x 500 + 50 x 300 a month, the whole year */
	is_int(fd_plans(&w, w.cid_a, 200, "{cash_low_income,counselling}", Y "-01-01", Y "-12-31", false, &first),
	       200, "200 low-income households with active plans");
	is_int(fd_plans(&w, w.cid_a, 50, "{cash_elderly_extra}", Y "-01-01", Y "-12-31", false, NULL), 50,
	       "50 elderly people living alone");
	ok(db_funds_forecast(w.c[WF_SUP], 2031, Y "-01-01", &f, &e), "forecast: %s", e.message);
	is_int(f.months_left, 12, "12 months left from January");
	ok(f.cash_fen == 138000000LL, "cash obligations 1,380,000 yuan (%lld fen)", f.cash_fen);
	ok(f.remaining_fen == 100000000LL, "funds 1,000,000 yuan (%lld fen)", f.remaining_fen);
	ok(f.shortfall_fen == 38000000LL, "shortfall 380,000 yuan (%lld fen)", f.shortfall_fen);
	ok(f.nsrc == 3 && strcmp(f.src[0].code, "government") == 0 && f.src[0].funding_fen == 60000000LL
	   && f.src[1].funding_fen == 30000000LL && f.src[2].funding_fen == 10000000LL,
	   "per source, government first: 600,000 / 300,000 / 100,000");
	ok(db_funds_forecast(w.c[WF_SUP], 2031, Y "-10-15", &f, &e) && f.months_left == 3
	   && f.cash_fen == 3 * 11500000LL, "from October: 3 months x 115,000 (%lld)", f.cash_fen);

	/* a month with no money received cannot be paid: nothing of it stays */
	ok(!db_payment_run(w.c[WF_SUP], "2031-01", &made, &e) && strcmp(e.sqlstate, DB_FUNDS_SHORT) == 0,
	   "no receipts yet: the run is refused (%s: %s)", e.sqlstate, e.message);
	is_int((int)n_payments(&w, Y "-01-01"), 0, "no payment of January");

	ok(!db_fund_receive(w.c[WF_CW], 2031, "government", 100, "", NULL, &e), "a caseworker records no receipt");
	ok(db_fund_receive(w.c[WF_SUP], 2031, "government", 60000000LL, "区财政拨款", &lid, &e) && lid > 0,
	   "600,000 yuan received from the government: %s", e.message);

	/* twice in a row: once */
	ok(db_payment_run(w.c[WF_SUP], "2031-01", &made, &e), "January run: %s", e.message);
	is_int(made, 250, "250 payments made");
	ok(db_payment_run(w.c[WF_SUP], "2031-01-20", &made, &e) && made == 0, "run again: %d made", made);
	is_int((int)n_payments(&w, Y "-01-01"), 250, "still 250 payments of January");
	is_int((int)n_ledger(&w, Y "-01-01"), 250, "and 250 ledger rows");
	is_int((int)testdb_count(w.t.conn, "SELECT sum(amount_fen) FROM jz.payments WHERE month = '2031-01-01'", 0, NULL)
	       / 100, 115000, "115,000 yuan paid");
	is_int((int)testdb_count(w.t.conn, "SELECT count(*) FROM jz.payments WHERE source <> 'government'", 0, NULL), 0,
	       "all from the government (first by priority)");

	/* killed half-way: the test hook raises after 100 payments */
	ok(db_run(w.t.conn, "SET jz.fail_after = 100", 0, NULL, &e), "jz.fail_after = 100");
	ok(!db_payment_run(w.t.conn, "2031-02", &made, &e) && strcmp(e.sqlstate, DB_FUNDS_TEST_HOOK) == 0,
	   "February's run dies after 100 payments (%s)", e.sqlstate);
	is_int((int)n_payments(&w, Y "-02-01"), 0, "no payment of February left");
	is_int((int)n_ledger(&w, Y "-02-01"), 0, "no ledger row of February left");
	is_int((int)testdb_count(w.t.conn, "SELECT spent_fen FROM jz.fund_balances WHERE year = 2031"
				 " AND source = 'government'", 0, NULL) / 100, 115000, "the balance is untouched");
	ok(db_run(w.c[WF_SUP], "SET jz.fail_after = 1", 0, NULL, &e), "a supervisor sets the hook too");
	ok(db_payment_run(w.c[WF_SUP], "2031-02", &made, &e) && made == 250,
	   "but staff sessions ignore it: February paid (%d)", made);
	ok(db_run(w.t.conn, "RESET jz.fail_after", 0, NULL, &e), "hook off");

	/* community B's plan is not the A supervisor's to pay */
	is_int(fd_plans(&w, w.cid_b, 1, "{cash_low_income}", Y "-01-01", Y "-12-31", false, NULL), 1,
	       "one plan in community B");
	ok(db_payment_run(w.c[WF_SUP], "2031-03", &made, &e) && made == 250, "March in A: 250 (%d)", made);
	ok(db_payment_run(w.t.conn, "2031-03", &made, &e) && made == 1, "the sub-district run adds B's (%d)", made);

	/* government money runs out: donations next */
	ok(db_fund_receive(w.c[WF_ADM], 2031, "donation", 30000000LL, "社会捐赠", NULL, &e), "300,000 donated: %s",
	   e.message);
	for (int m = 4; m <= 6; m++) {
		char mo[8];
		snprintf(mo, sizeof mo, "2031-%02d", m);
		ok(db_payment_run(w.t.conn, mo, &made, &e) && made == 251, "%s paid (%d): %s", mo, made, e.message);
	}
	ok(testdb_count(w.t.conn, "SELECT count(*) FROM jz.payments WHERE month = '2031-06-01' AND source = 'donation'",
			0, NULL) > 0
	   && testdb_count(w.t.conn, "SELECT received_fen - spent_fen FROM jz.fund_balances WHERE year = 2031"
			   " AND source = 'government'", 0, NULL) < 30000, "June: government nearly spent, donations used");
	ok(testdb_count(w.t.conn, "SELECT count(*) FROM jz.fund_balances WHERE received_fen < spent_fen", 0, NULL) == 0,
	   "no source below zero");

	/* a payment past a source's balance: refused by the database */
	ok(db_fund_receive(w.c[WF_SUP], 2031, "self_raised", 10000, "义卖", NULL, &e), "100 yuan self-raised");
	{
		const char *p[1] = { NULL };
		char item[24];
		p[0] = item;
		snprintf(item, sizeof item, "%lld", testdb_count(w.t.conn, "SELECT min(plan_item_id) FROM jz.payments",
								 0, NULL));
		ok(!db_run(w.t.conn, "INSERT INTO jz.ledger (year, source, kind, amount_fen, month, plan_item_id)"
			   " VALUES (2031, 'self_raised', 'payment', 10001, '2031-12-01', $1::bigint)", 1, p, &e)
		   && strcmp(e.sqlstate, DB_FUNDS_SHORT) == 0, "100.01 yuan from a 100 yuan source fails (%s: %s)",
		   e.sqlstate, e.message);
		ok(db_run(w.t.conn, "INSERT INTO jz.ledger (year, source, kind, amount_fen, month, plan_item_id)"
			  " VALUES (2031, 'self_raised', 'payment', 10000, '2031-12-01', $1::bigint)", 1, p, &e),
		   "exactly 100 yuan passes: %s", e.message);
		ok(!db_run(w.t.conn, "INSERT INTO jz.ledger (year, source, kind, amount_fen, month, plan_item_id)"
			   " VALUES (2031, 'self_raised', 'payment', 1, '2031-12-01', $1::bigint)", 1, p, &e)
		   && strcmp(e.sqlstate, DB_FUNDS_SHORT) == 0, "then 1 fen more fails (%s)", e.sqlstate);
		ok(!db_run(w.t.conn, "INSERT INTO jz.ledger (year, source, kind, amount_fen, month, plan_item_id)"
			   " VALUES (2032, 'government', 'payment', 1, '2032-01-01', $1::bigint)", 1, p, &e)
		   && strcmp(e.sqlstate, DB_FUNDS_SHORT) == 0, "a year with no receipts pays nothing (%s)", e.sqlstate);
	}
	/* the sources cannot pay August: the whole month is refused */
	ok(db_payment_run(w.t.conn, "2031-07", &made, &e), "July paid: %s", e.message);
	ok(!db_payment_run(w.t.conn, "2031-08", &made, &e) && strcmp(e.sqlstate, DB_FUNDS_SHORT) == 0,
	   "August: 900,000 received cannot pay 8 months (%s: %s)", e.sqlstate, e.message);
	is_int((int)n_payments(&w, Y "-08-01"), 0, "no payment of August");

	/* forecast after seven months paid */
	ok(db_funds_forecast(w.c[WF_SUP], 2031, Y "-08-01", &f, &e), "forecast from August");
	ok(f.cash_fen == 5 * 11550000LL, "5 months x 115,500 yuan left (%lld)", f.cash_fen);
	ok(f.shortfall_fen == f.cash_fen - f.remaining_fen && f.shortfall_fen > 0, "shortfall %lld = %lld - %lld",
	   f.shortfall_fen, f.cash_fen, f.remaining_fen);

	append_only(&w);

	/* the bank's list */
	{
		char path[256], *txt;
		size_t rows = 0, len = 0, nocard = 99;
		bool good;
		db_payment_row *v = NULL;
		size_t n = 0;
		long long total = 0;

		ok(db_payment_list(w.c[WF_SUP], "2031-01", &v, &n, &total, &e) && n == 250 && total == 11500000LL,
		   "January's list in A: %zu rows, %lld fen", n, total);
		free(v);
		ok(!db_payment_list(w.c[WF_CW], "2031-01", &v, &n, &total, &e), "not for a caseworker (%s)", e.sqlstate);
		free(v);
		snprintf(path, sizeof path, "/tmp/jz-funds-%ld.csv", (long)getpid());
		/* a card is 12-19 digits, for the database too */
		ok(testdb_count(w.t.conn, "WITH u AS (UPDATE jz.persons SET bank_card = '62220212345'"
				" WHERE id = (SELECT min(person_id) FROM jz.payments) RETURNING 1)"
				" SELECT count(*) FROM u", 0, NULL) == -1, "an 11-digit card refused by the CHECK");
		ok(testdb_count(w.t.conn, "WITH u AS (UPDATE jz.persons SET bank_card = '6222 0212 3456 7890'"
				" WHERE id = (SELECT min(person_id) FROM jz.payments) RETURNING 1)"
				" SELECT count(*) FROM u", 0, NULL) == -1, "a card with spaces refused by the CHECK");
		ok(testdb_count(w.t.conn, "WITH u AS (UPDATE jz.persons SET bank_card = '6222021234567890123'"
				" WHERE id = (SELECT person_id FROM jz.payments WHERE month = '2031-01-01'"
				" ORDER BY id LIMIT 1) RETURNING 1) SELECT count(*) FROM u", 0, NULL) == 1,
		   "19 digits on January's first payee");
		good = db_payment_export_csv_cards(w.c[WF_SUP], "2031-01", "utf-8", path, &rows, &nocard, &e);
		ok(good && rows == 250 && nocard == 249, "UTF-8 CSV: %zu rows, %zu without a card %s", rows, nocard,
		   e.message);
		txt = slurp(path, &len);
		ok(txt && strncmp(txt, "\xEF\xBB\xBF序号,社区,姓名,身份证号,项目,金额(元),资金来源,月份,开户人,银行卡号\r\n",
				  sizeof "\xEF\xBB\xBF序号,社区,姓名,身份证号,项目,金额(元),资金来源,月份,开户人,银行卡号\r\n" - 1) == 0,
		   "BOM and the Chinese header, 开户人 and 银行卡号 last");
		ok(txt && strstr(txt, "团结湖社区") && strstr(txt, ",500.00,政府拨款,2031-01,")
		   && strstr(txt, "合计,,,,,115000.00,,,,\r\n"), "rows in yuan, source, month; the total");
		{
			/* row 1 carries the card in full after its holder; row 2 has none */
			const char *r1 = txt ? strstr(txt, "\r\n1,") : NULL, *r2 = txt ? strstr(txt, "\r\n2,") : NULL;
			const char *card = txt ? strstr(txt, ",6222021234567890123\r\n") : NULL;
			const char *r2end = r2 ? strstr(r2 + 2, "\r\n") : NULL;
			ok(r1 && card && card > r1 && r2 && card < r2, "the first row ends in the full card");
			ok(r2end && r2end[-1] == ',' && r2end[-2] != ',', "a row without a card: its holder, an empty card");
		}
		free(txt);
		ok(db_payment_export_csv(w.c[WF_SUP], "2031-01", "gb18030", path, &rows, &e), "GB18030 CSV: %s",
		   e.message);
		txt = slurp(path, &len);
		{
			char *u = txt ? enc_convert("UTF-8", "GB18030", txt, len, NULL) : NULL;
			ok(txt && !strstr(txt, "团结湖") && u && strncmp(u, "序号,社区", 13) == 0
			   && strstr(u, "合计,,,,,115000.00") && strstr(u, ",6222021234567890123\r\n"),
			   "GB18030 bytes that read back as the same list, the card in it");
			free(u);
		}
		free(txt);
		ok(!db_payment_export_csv(w.c[WF_SUP], "2031-01", "latin1", path, &rows, &e), "unknown encoding refused");
		unlink(path);
	}
out:
	wf_teardown(&w);
	return tap_done();
}
