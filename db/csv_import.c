/* csv_import.c - the shared part of the CSV imports: stream the file
 * through forms/enc into COPY with each record's line number in front;
 * PostgreSQL parses and checks. See csv_import.h. */
#include "csv_import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enc.h"
#include "i18n.h"

#define DEFAULT_CHUNK 65536
#define COPY_FLUSH 65536
#define MAX_RECORD (1024 * 1024)   /* a census line is far shorter */

typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

typedef struct reader {
	PGconn *pg;
	const db_csv_spec *spec;
	const char *charset;
	buf raw;            /* bytes read, not yet converted */
	buf pend;           /* UTF-8 not yet split into records */
	buf out;            /* COPY data not yet sent */
	size_t scan;        /* pend: bytes already scanned */
	size_t rec_start;   /* pend: start of the current record */
	bool inq;           /* scan is inside quotes */
	int commas;         /* separators of the current record so far */
	long line;          /* physical line at scan (1-based) */
	long rec_line;      /* line where the current record starts */
	long conv_lines;    /* lines handed to pend so far */
	bool header_done, bom_checked;
	long data_lines;
	/* lines refused before COPY, reported with the others */
	long *bad_line;
	char **bad_reason;
	size_t nbad, capbad;
	db_err *err;
	bool failed;
} reader;

const char *db_csv_charset(const char *encoding)
{
	if (!encoding)
		return NULL;
	if (strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0)
		return "UTF-8";
	if (strcasecmp(encoding, "gbk") == 0)
		return "GBK";
	if (strcasecmp(encoding, "gb18030") == 0)
		return "GB18030";
	return NULL;
}

static bool buf_add(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return false;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

static void fail(reader *r, const char *msg)
{
	if (!r->failed)
		db_err_set(r->err, DB_ERR_OTHER, "%s", msg);
	r->failed = true;
}

static void add_bad(reader *r, long line, const char *reason)
{
	if (r->nbad == r->capbad) {
		size_t cap = r->capbad ? r->capbad * 2 : 64;
		long *l = realloc(r->bad_line, cap * sizeof *l);
		if (l)
			r->bad_line = l;
		char **s = realloc(r->bad_reason, cap * sizeof *s);
		if (s)
			r->bad_reason = s;
		if (!l || !s) {
			fail(r, _("Out of memory."));
			return;
		}
		r->capbad = cap;
	}
	r->bad_reason[r->nbad] = strdup(reason);
	if (!r->bad_reason[r->nbad]) {
		fail(r, _("Out of memory."));
		return;
	}
	r->bad_line[r->nbad++] = line;
}

static bool flush_out(reader *r, bool force)
{
	if (r->out.len == 0 || (!force && r->out.len < COPY_FLUSH))
		return true;
	if (PQputCopyData(r->pg, r->out.p, (int)r->out.len) != 1) {
		fail(r, PQerrorMessage(r->pg));
		return false;
	}
	r->out.len = 0;
	return true;
}

/* The header: the documented names in order (quotes and spaces ignored). */
static void check_header(reader *r, char *rec)
{
	char *save = NULL, *tok;
	int i = 0;
	bool good = true;

	for (tok = strtok_r(rec, ",", &save); tok; tok = strtok_r(NULL, ",", &save), i++) {
		while (*tok == ' ' || *tok == '"')
			tok++;
		size_t n = strlen(tok);
		while (n > 0 && (tok[n - 1] == ' ' || tok[n - 1] == '"'))
			tok[--n] = '\0';
		if (i >= r->spec->ncols || strcmp(tok, r->spec->columns[i]) != 0)
			good = false;
	}
	if (!good || i != r->spec->ncols) {
		char msg[300];
		snprintf(msg, sizeof msg, _("The first line must be the header %s."), r->spec->header);
		fail(r, msg);
	}
	r->header_done = true;
}

/* One complete record (without its line end). */
static void record(reader *r, char *rec, size_t len, long line, int commas)
{
	char num[32], msg[256];
	int n;

	if (len > 0 && rec[len - 1] == '\r')
		rec[--len] = '\0';
	if (len == 1 && rec[0] == '\x01' && !r->header_done) {
		snprintf(msg, sizeof msg, _("The header is not %s text: is --encoding right?"), r->charset);
		fail(r, msg);
		return;
	}
	if (len == 0 || (len == 1 && rec[0] == '\x01'))
		return;   /* blank, or already reported as not text */
	if (!r->header_done) {
		check_header(r, rec);
		return;
	}
	r->data_lines++;
	if (commas + 1 != r->spec->ncols) {
		snprintf(msg, sizeof msg, "应有 %d 列，实有 %d 列", r->spec->ncols, commas + 1);
		add_bad(r, line, msg);
		return;
	}
	n = snprintf(num, sizeof num, "%ld,", line);
	if (!buf_add(&r->out, num, (size_t)n) || !buf_add(&r->out, rec, len) ||
	    !buf_add(&r->out, "\n", 1)) {
		fail(r, _("Out of memory."));
		return;
	}
	flush_out(r, false);
}

/* Split pend into records; keep the unfinished one. */
static void scan(reader *r)
{
	char *p = r->pend.p;

	for (size_t i = r->scan; i < r->pend.len && !r->failed; i++) {
		char ch = p[i];
		if (ch == '"') {
			r->inq = !r->inq;
		} else if (ch == ',' && !r->inq) {
			r->commas++;
		} else if (ch == '\n') {
			r->line++;
			if (r->inq)
				continue;   /* a line end inside a quoted field */
			p[i] = '\0';
			record(r, p + r->rec_start, i - r->rec_start, r->rec_line, r->commas);
			r->rec_start = i + 1;
			r->rec_line = r->line;
			r->commas = 0;
		}
	}
	/* keep the unfinished record at the front */
	size_t keep = r->pend.len - r->rec_start;
	memmove(p, p + r->rec_start, keep);
	r->pend.len = keep;
	r->scan = keep;
	r->rec_start = 0;
	if (keep > MAX_RECORD)
		fail(r, _("A line is longer than 1 MiB: not a file for this import."));
}

static bool add_text(reader *r, const char *s, size_t n)
{
	if (!r->bom_checked && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n > 0)
		r->bom_checked = true;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			r->conv_lines++;
	if (!buf_add(&r->pend, s, n)) {
		fail(r, _("Out of memory."));
		return false;
	}
	return true;
}

/* Convert raw[0, n) (whole lines, or the rest at the end) and scan it. */
static void convert(reader *r, size_t n)
{
	size_t olen = 0;
	char *u = enc_convert("UTF-8", r->charset, r->raw.p, n, &olen);

	if (u) {
		add_text(r, u, olen);
		free(u);
	} else {
		/* somewhere a byte is not text: convert line by line, report those */
		size_t a = 0;
		while (a < n && !r->failed) {
			char *nl = memchr(r->raw.p + a, '\n', n - a);
			size_t b = nl ? (size_t)(nl - r->raw.p) + 1 : n;
			u = enc_convert("UTF-8", r->charset, r->raw.p + a, b - a, &olen);
			if (u) {
				add_text(r, u, olen);
				free(u);
			} else {
				char msg[96];
				snprintf(msg, sizeof msg, "不是有效的 %s 文本", r->charset);
				add_bad(r, r->conv_lines + 1, msg);
				add_text(r, nl ? "\x01\n" : "\x01", nl ? 2 : 1);
			}
			a = b;
		}
	}
	memmove(r->raw.p, r->raw.p + n, r->raw.len - n);
	r->raw.len -= n;
	scan(r);
}

static void stream(reader *r, FILE *f, const char *path, size_t chunk)
{
	char *in = malloc(chunk);

	if (!in) {
		fail(r, _("Out of memory."));
		return;
	}
	for (;;) {
		size_t n = fread(in, 1, chunk, f);
		if (n > 0 && !buf_add(&r->raw, in, n)) {
			fail(r, _("Out of memory."));
			break;
		}
		if (n == 0) {
			if (ferror(f)) {
				db_err_set(r->err, DB_ERR_OTHER, _("Cannot read %s: %s"), path, strerror(errno));
				r->failed = true;
			} else if (r->raw.len > 0) {
				convert(r, r->raw.len);
			}
			break;
		}
		/* whole lines only: in UTF-8, GBK and GB18030 a 0x0A byte is
		 * always a line end, never part of a character */
		char *last = NULL;
		for (size_t i = r->raw.len; i > 0; i--)
			if (r->raw.p[i - 1] == '\n') {
				last = r->raw.p + i - 1;
				break;
			}
		if (last)
			convert(r, (size_t)(last - r->raw.p) + 1);
		else if (r->raw.len > MAX_RECORD)
			fail(r, _("A line is longer than 1 MiB: not a file for this import."));
		if (r->failed)
			break;
	}
	free(in);
	if (r->failed)
		return;
	/* the last record may lack its line end */
	if (r->pend.len > 0) {
		if (r->inq) {
			add_bad(r, r->rec_line, "引号未闭合");
			r->data_lines++;
		} else {
			if (!buf_add(&r->pend, "\n", 1)) {
				fail(r, _("Out of memory."));
				return;
			}
			scan(r);
		}
	}
	if (!r->header_done) {
		char msg[300];
		snprintf(msg, sizeof msg, _("The file is empty: the header %s is missing."),
			 r->spec->header);
		fail(r, msg);
	}
}

/* The refused-before-COPY lines as two array parameters. */
static bool store_bad(db_conn *c, reader *r, db_err *err)
{
	buf lines = { 0 }, reasons = { 0 };
	bool ok = false;
	char num[32];

	if (r->nbad == 0)
		return true;
	if (!buf_add(&lines, "{", 1) || !buf_add(&reasons, "{", 1))
		goto out;
	for (size_t i = 0; i < r->nbad; i++) {
		int n = snprintf(num, sizeof num, "%s%ld", i ? "," : "", r->bad_line[i]);
		if (!buf_add(&lines, num, (size_t)n) || !buf_add(&reasons, i ? ",\"" : "\"", i ? 2 : 1))
			goto out;
		for (const char *s = r->bad_reason[i]; *s; s++) {
			if ((*s == '"' || *s == '\\') && !buf_add(&reasons, "\\", 1))
				goto out;
			if (!buf_add(&reasons, s, 1))
				goto out;
		}
		if (!buf_add(&reasons, "\"", 1))
			goto out;
	}
	if (!buf_add(&lines, "}", 1) || !buf_add(&reasons, "}", 1))
		goto out;
	const char *p[2] = { lines.p, reasons.p };
	ok = db_run(c, r->spec->bad_sql, 2, p, err);
out:
	if (!ok && err && err->kind == DB_OK)
		db_err_set(err, DB_ERR_OTHER, "%s", _("Out of memory."));
	free(lines.p);
	free(reasons.p);
	return ok;
}

static void reader_free(reader *r)
{
	free(r->raw.p);
	free(r->pend.p);
	free(r->out.p);
	for (size_t i = 0; i < r->nbad; i++)
		free(r->bad_reason[i]);
	free(r->bad_reason);
	free(r->bad_line);
}

bool db_csv_begin(db_conn *c, const char *path, const db_csv_spec *s, const db_csv_opts *o,
		  long *lines, db_err *err)
{
	db_err local;
	db_err *e = err ? err : &local;
	reader r = { .spec = s };
	FILE *f = NULL;
	PGresult *res = NULL;
	bool in_tx = false, ok = false;

	memset(e, 0, sizeof *e);
	*lines = 0;
	r.charset = db_csv_charset(o->encoding);
	if (!r.charset) {
		db_err_set(e, DB_ERR_OTHER, _("Unknown encoding %s (use utf-8, gbk or gb18030)."),
			   o->encoding ? o->encoding : "");
		return false;
	}
	r.pg = db_pg(c);
	r.err = e;
	r.line = r.rec_line = 1;
	f = fopen(path, "rb");
	if (!f) {
		db_err_set(e, DB_ERR_OTHER, _("Cannot open %s: %s"), path, strerror(errno));
		return false;
	}
	if (!db_run(c, "BEGIN", 0, NULL, e))
		goto done;
	in_tx = true;
	if (!db_run(c, s->stage_sql, 0, NULL, e))
		goto done;
	res = PQexec(r.pg, s->copy_sql);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		db_err_from_result(e, res);
		PQclear(res);
		goto done;
	}
	PQclear(res);
	stream(&r, f, path, o->chunk ? o->chunk : DEFAULT_CHUNK);
	if (!r.failed)
		flush_out(&r, true);
	PQputCopyEnd(r.pg, r.failed ? "the import was stopped" : NULL);
	while ((res = PQgetResult(r.pg)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && !r.failed) {
			db_err_from_result(e, res);
			r.failed = true;
		}
		PQclear(res);
	}
	if (r.failed || !store_bad(c, &r, e))
		goto done;
	*lines = r.data_lines;
	ok = true;
done:
	if (!ok && in_tx)
		db_csv_abort(c, e);
	reader_free(&r);
	fclose(f);
	return ok;
}

void db_csv_abort(db_conn *c, db_err *err)
{
	db_err local;

	if (err) {
		db_err keep = *err;   /* the statement's error, not ROLLBACK's */
		db_run(c, "ROLLBACK", 0, NULL, &local);
		*err = keep;
	} else {
		db_run(c, "ROLLBACK", 0, NULL, &local);
	}
}

bool db_csv_end(db_conn *c, const db_csv_spec *s, const db_csv_opts *o, db_err *err)
{
	if (o->bad) {
		PGresult *res = db_exec(c, s->bad_lines_sql, 0, NULL, err);
		if (!res) {
			db_csv_abort(c, err);
			return false;
		}
		for (int i = 0; i < PQntuples(res); i++)
			o->bad(o->ctx, atol(PQgetvalue(res, i, 0)), PQgetvalue(res, i, 1));
		PQclear(res);
	}
	if (!db_run(c, o->dry_run ? "ROLLBACK" : "COMMIT", 0, NULL, err)) {
		db_csv_abort(c, err);
		return false;
	}
	return true;
}
