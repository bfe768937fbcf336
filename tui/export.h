/* export.h - CSV files of every list and report (RFC 4180): fields with a
 * comma, a quote, CR or LF are quoted and their quotes doubled; rows end in
 * CRLF. Text comes in as UTF-8 and is written as UTF-8 (optionally with the
 * BOM Excel wants) or GB18030 (what Excel in China opens), converted by
 * forms/enc (the one iconv module). No curses, no libpq: unit-testable. */
#ifndef JZ_TUI_EXPORT_H
#define JZ_TUI_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum export_encoding {
	EXPORT_UTF8 = 0,
	EXPORT_UTF8_BOM,
	EXPORT_GB18030,
} export_encoding;

typedef struct export_csv export_csv;

/* Write to f (not closed by destroy). The BOM, if any, is written at once.
 * NULL on failure (out of memory, write error) with errno set. */
export_csv *export_csv_create(FILE *f, export_encoding enc);
/* Open path for writing ("wb"); destroy closes it. */
export_csv *export_csv_open(const char *path, export_encoding enc);
/* One row of n UTF-8 fields (NULL writes an empty field). False on a write
 * or conversion error (invalid UTF-8), errno set; the row is not written. */
bool export_csv_row(export_csv *x, const char *const *fields, int n);
/* Flush; false if any write failed. Frees x (and closes a file it opened).
 * Accepts NULL (returns true). */
bool export_csv_destroy(export_csv *x);

/* The CSV form of one field, malloc'd UTF-8 (quoted only when needed). */
char *export_csv_field(const char *utf8);

/* The folder printed files and exports go to: $JIUZHU_PRINT_DIR, else
 * ~/jiuzhu-print; made (0700) when missing. False if it cannot be made. */
bool export_print_dir(char *buf, size_t n);

/* "utf-8", "utf-8-bom", "gb18030" (also "gbk") -> encoding; false if unknown. */
bool export_encoding_parse(const char *name, export_encoding *out);

#endif
