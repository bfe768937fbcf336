/* csv_import.h - the shared part of the CSV imports (jiuzhu import
 * residents, import bankcards): a file in UTF-8, GBK or GB18030 with a
 * header line, staged into a temp table by COPY with each record's line
 * number in front; PostgreSQL checks every line and applies the good ones.
 *
 * The file is read in chunks and converted to UTF-8 through forms/enc (cut
 * at the last line end of a chunk, so a multi-byte character is never cut);
 * memory stays bounded by the chunk and the longest line. C only finds
 * where records end and counts their fields (so one malformed line cannot
 * stop COPY) and checks the header; a line with the wrong number of
 * fields or not valid text in the file's encoding is refused here and
 * stored with its reason for the database's report. One transaction:
 * db_csv_begin opens it, the caller checks and applies in SQL,
 * db_csv_end reports every bad line and commits (rolls back on a dry
 * run). */
#ifndef JZ_DB_CSV_IMPORT_H
#define JZ_DB_CSV_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

/* Called for every bad line, in line order, after the checks. */
typedef void (*db_csv_bad_fn)(void *ctx, long line, const char *reason);

typedef struct db_csv_opts {
	const char *encoding;  /* "utf-8", "gbk" or "gb18030" */
	bool dry_run;
	size_t chunk;          /* bytes read at a time; 0: 64 KiB (tests use tiny ones) */
	db_csv_bad_fn bad;
	void *ctx;
	bool copy_only;        /* benchmark: stop after COPY, roll back (lines only) */
} db_csv_opts;

/* One import's file and tables. */
typedef struct db_csv_spec {
	const char *const *columns;  /* the header's names, in order */
	int ncols;
	const char *header;          /* the same joined by commas, for messages */
	const char *stage_sql;       /* makes the temp tables (dropped at commit) */
	const char *copy_sql;        /* COPY ... (line, the columns) FROM STDIN (FORMAT csv) */
	const char *bad_sql;         /* stores the refused lines: $1 bigint[], $2 text[] */
	const char *bad_lines_sql;   /* every bad line: line, reason in line order */
} db_csv_spec;

/* The iconv name for an --encoding value, NULL if not supported. */
const char *db_csv_charset(const char *encoding);

/* BEGIN, stage, COPY the file, store the lines refused before COPY. True:
 * the transaction stays open for the caller's checks, *lines counts the
 * data lines (the header and blank lines not counted). False: rolled
 * back, err says why (a wrong header names the one expected). */
bool db_csv_begin(db_conn *c, const char *path, const db_csv_spec *s, const db_csv_opts *o,
		  long *lines, db_err *err);
/* Every bad line through o->bad, then COMMIT, or ROLLBACK on a dry run;
 * rolled back on failure. */
bool db_csv_end(db_conn *c, const db_csv_spec *s, const db_csv_opts *o, db_err *err);
/* ROLLBACK after the caller's step failed, keeping its err. */
void db_csv_abort(db_conn *c, db_err *err);

#endif
