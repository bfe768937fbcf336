/* funds.c - funds, payment run, bank list and forecast (migration 0080). */
#include "funds.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "enc.h"

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void db_fen_format(long long fen, char *buf, size_t len)
{
	unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;

	snprintf(buf, len, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100, a % 100);
}

bool db_fen_parse(const char *s, long long *fen)
{
	long long yuan = 0, cents = 0;
	int digits = 0, dec = 0;

	if (!s)
		return false;
	while (*s == ' ')
		s++;
	for (; isdigit((unsigned char)*s); s++, digits++) {
		if (yuan > 100000000000LL)
			return false;
		yuan = yuan * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, dec++) {
			if (dec >= 2)
				return false;
			cents = cents * 10 + (*s - '0');
		}
		if (dec == 1)
			cents *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || digits == 0)
		return false;
	*fen = yuan * 100 + cents;
	return true;
}

bool db_month_parse(const char *s, char out[11])
{
	int y, m, d = 1;
	char tail;

	if (!s)
		return false;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 && (d = 1, sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2))
		return false;
	if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-01", y, m);
	return true;
}

bool db_funds_forecast(db_conn *c, int year, const char *from, db_forecast *out, db_err *err)
{
	char y[16];
	const char *p[2] = { y, from };
	PGresult *r;

	memset(out, 0, sizeof *out);
	snprintf(y, sizeof y, "%d", year);
	r = db_exec(c, "SELECT year, from_month, months_left, cash_fen, training_fen, obligations_fen,"
		    " remaining_fen, shortfall_fen FROM jz.funds_forecast($1::int, coalesce($2::date, current_date))",
		    2, p, err);
	if (!r)
		return false;
	if (PQntuples(r) == 1) {
		out->year = atoi(PQgetvalue(r, 0, 0));
		copy(out->from_month, sizeof out->from_month, PQgetvalue(r, 0, 1));
		out->months_left = atoi(PQgetvalue(r, 0, 2));
		out->cash_fen = strtoll(PQgetvalue(r, 0, 3), NULL, 10);
		out->training_fen = strtoll(PQgetvalue(r, 0, 4), NULL, 10);
		out->obligations_fen = strtoll(PQgetvalue(r, 0, 5), NULL, 10);
		out->remaining_fen = strtoll(PQgetvalue(r, 0, 6), NULL, 10);
		out->shortfall_fen = strtoll(PQgetvalue(r, 0, 7), NULL, 10);
	}
	PQclear(r);
	r = db_exec(c, "SELECT source, name, priority, funding_fen, received_fen, spent_fen, remaining_fen"
		    " FROM jz.funds_by_source($1::int)", 1, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r) && out->nsrc < DB_FUNDS_MAX_SOURCES; i++) {
		db_fund_source *s = &out->src[out->nsrc++];
		copy(s->code, sizeof s->code, PQgetvalue(r, i, 0));
		copy(s->name, sizeof s->name, PQgetvalue(r, i, 1));
		s->priority = atoi(PQgetvalue(r, i, 2));
		s->funding_fen = strtoll(PQgetvalue(r, i, 3), NULL, 10);
		s->received_fen = strtoll(PQgetvalue(r, i, 4), NULL, 10);
		s->spent_fen = strtoll(PQgetvalue(r, i, 5), NULL, 10);
		s->remaining_fen = strtoll(PQgetvalue(r, i, 6), NULL, 10);
	}
	PQclear(r);
	return true;
}

bool db_payment_run(db_conn *c, const char *month, int *created, db_err *err)
{
	char m[11];
	const char *p[1] = { m };
	PGresult *r;

	if (!db_month_parse(month, m)) {
		db_err_set(err, DB_ERR_OTHER, "%s", "month must be YYYY-MM");
		return false;
	}
	/* one statement: one transaction, all or nothing */
	r = db_exec(c, "SELECT jz.payment_run($1::date)", 1, p, err);
	if (!r)
		return false;
	if (created)
		*created = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}

bool db_fund_receive(db_conn *c, int year, const char *source, long long amount_fen, const char *note,
		     long long *id, db_err *err)
{
	char y[16], a[32];
	const char *p[4] = { y, source, a, note };
	PGresult *r;

	snprintf(y, sizeof y, "%d", year);
	snprintf(a, sizeof a, "%lld", amount_fen);
	r = db_exec(c, "SELECT jz.fund_receive($1::int, $2, $3::bigint, $4)", 4, p, err);
	if (!r)
		return false;
	if (id)
		*id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return true;
}

bool db_funding_set(db_conn *c, int year, const char *source, long long amount_fen, db_err *err)
{
	char y[16], a[32];
	const char *p[3] = { y, source, a };

	snprintf(y, sizeof y, "%d", year);
	snprintf(a, sizeof a, "%lld", amount_fen);
	return db_run(c, "INSERT INTO jz.funding (year, source, amount_fen) VALUES ($1::int, $2, $3::bigint)"
		      " ON CONFLICT (year, source) DO UPDATE SET amount_fen = excluded.amount_fen", 3, p, err);
}

bool db_funding_from_policy(db_conn *c, int year, int *added, db_err *err)
{
	char y[16];
	const char *p[1] = { y };
	PGresult *r;

	snprintf(y, sizeof y, "%d", year);
	r = db_exec(c, "SELECT jz.funding_from_policy($1::int)", 1, p, err);
	if (!r)
		return false;
	if (added)
		*added = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}

bool db_payment_list(db_conn *c, const char *month, db_payment_row **rows, size_t *n,
		     long long *total_fen, db_err *err)
{
	char m[11];
	const char *p[1] = { m };
	PGresult *r;
	db_payment_row *v;
	int k;

	*rows = NULL;
	*n = 0;
	if (total_fen)
		*total_fen = 0;
	if (!db_month_parse(month, m)) {
		db_err_set(err, DB_ERR_OTHER, "%s", "month must be YYYY-MM");
		return false;
	}
	r = db_exec(c, "SELECT payment_id, community, coalesce(payee, ''), coalesce(id_number, ''), kind,"
		    " amount_fen, source, month, coalesce(holder, ''), coalesce(bank_card, '')"
		    " FROM jz.payment_bank_list($1::date)", 1, p, err);
	if (!r)
		return false;
	k = PQntuples(r);
	v = calloc(k > 0 ? (size_t)k : 1, sizeof *v);
	if (!v) {
		PQclear(r);
		db_err_set(err, DB_ERR_OTHER, "%s", "out of memory");
		return false;
	}
	for (int i = 0; i < k; i++) {
		v[i].id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		copy(v[i].community, sizeof v[i].community, PQgetvalue(r, i, 1));
		copy(v[i].payee, sizeof v[i].payee, PQgetvalue(r, i, 2));
		copy(v[i].id_number, sizeof v[i].id_number, PQgetvalue(r, i, 3));
		copy(v[i].kind, sizeof v[i].kind, PQgetvalue(r, i, 4));
		v[i].amount_fen = strtoll(PQgetvalue(r, i, 5), NULL, 10);
		copy(v[i].source, sizeof v[i].source, PQgetvalue(r, i, 6));
		copy(v[i].month, sizeof v[i].month, PQgetvalue(r, i, 7));
		copy(v[i].holder, sizeof v[i].holder, PQgetvalue(r, i, 8));
		copy(v[i].bank_card, sizeof v[i].bank_card, PQgetvalue(r, i, 9));
		if (total_fen)
			*total_fen += v[i].amount_fen;
	}
	PQclear(r);
	*rows = v;
	*n = (size_t)k;
	return true;
}

/* A growing UTF-8 buffer. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
	bool failed;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 4096) + n;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->failed = true;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* RFC 4180 field; a leading = + - @ is prefixed with ' so a spreadsheet
 * never runs it as a formula. */
static void sb_field(sbuf *b, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		sb_add(b, "\"", 1);
	if (strchr("=+-@", s[0]) && s[0])
		sb_add(b, "'", 1);
	for (const char *q = s; *q; q++) {
		if (*q == '"')
			sb_add(b, "\"", 1);
		sb_add(b, q, 1);
	}
	if (quote)
		sb_add(b, "\"", 1);
	sb_add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

bool db_payment_export_csv(db_conn *c, const char *month, const char *encoding, const char *path,
			   size_t *rows, db_err *err)
{
	return db_payment_export_csv_cards(c, month, encoding, path, rows, NULL, err);
}

bool db_payment_export_csv_cards(db_conn *c, const char *month, const char *encoding,
				 const char *path, size_t *rows, size_t *no_card, db_err *err)
{
	db_payment_row *v = NULL;
	size_t n = 0, outlen = 0, missing = 0;
	long long total = 0;
	sbuf b = { 0 };
	char *conv = NULL, amount[32], num[24], tmp[4096];
	const char *data;
	bool gb, ok = false;
	FILE *f = NULL;

	if (!encoding || strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0)
		gb = false;
	else if (strcasecmp(encoding, "gb18030") == 0 || strcasecmp(encoding, "gbk") == 0)
		gb = true;
	else {
		db_err_set(err, DB_ERR_OTHER, "unknown encoding %s (utf-8 or gb18030)", encoding);
		return false;
	}
	if (!db_payment_list(c, month, &v, &n, &total, err))
		return false;
	if (!gb)
		sb_add(&b, "\xEF\xBB\xBF", 3);
	/* the bank's columns */
	sb_field(&b, "序号", false);
	sb_field(&b, "社区", false);
	sb_field(&b, "姓名", false);
	sb_field(&b, "身份证号", false);
	sb_field(&b, "项目", false);
	sb_field(&b, "金额(元)", false);
	sb_field(&b, "资金来源", false);
	/* appended: readers of the first eight columns are unchanged */
	sb_field(&b, "月份", false);
	sb_field(&b, "开户人", false);
	sb_field(&b, "银行卡号", true);
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%zu", i + 1);
		db_fen_format(v[i].amount_fen, amount, sizeof amount);
		sb_field(&b, num, false);
		sb_field(&b, v[i].community, false);
		sb_field(&b, v[i].payee, false);
		sb_field(&b, v[i].id_number, false);
		sb_field(&b, v[i].kind, false);
		sb_field(&b, amount, false);
		sb_field(&b, v[i].source, false);
		snprintf(num, sizeof num, "%.7s", v[i].month);
		sb_field(&b, num, false);
		sb_field(&b, v[i].holder, false);
		/* the full number: the file is for the bank; none is still listed */
		sb_field(&b, v[i].bank_card, true);
		if (!v[i].bank_card[0])
			missing++;
	}
	db_fen_format(total, amount, sizeof amount);
	sb_field(&b, "合计", false);
	for (int i = 0; i < 4; i++)
		sb_field(&b, "", false);
	sb_field(&b, amount, false);
	for (int i = 0; i < 3; i++)
		sb_field(&b, "", false);
	sb_field(&b, "", true);
	if (b.failed) {
		db_err_set(err, DB_ERR_OTHER, "%s", "out of memory");
		goto out;
	}
	data = b.s;
	outlen = b.len;
	if (gb) {
		conv = enc_convert("GB18030", "UTF-8", b.s, b.len, &outlen);
		if (!conv) {
			db_err_set(err, DB_ERR_OTHER, "cannot convert to GB18030: %s", strerror(errno));
			goto out;
		}
		data = conv;
	}
	/* write a temporary file, then rename: no half-written list */
	snprintf(tmp, sizeof tmp, "%s.part", path);
	f = fopen(tmp, "wb");
	if (!f) {
		db_err_set(err, DB_ERR_OTHER, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fwrite(data, 1, outlen, f) != outlen || fclose(f) != 0) {
		f = NULL;
		db_err_set(err, DB_ERR_OTHER, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		db_err_set(err, DB_ERR_OTHER, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rows)
		*rows = n;
	if (no_card)
		*no_card = missing;
	ok = true;
out:
	if (f)
		fclose(f);
	free(conv);
	free(b.s);
	free(v);
	return ok;
}
