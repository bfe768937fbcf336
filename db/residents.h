/* residents.h - the community census import (jiuzhu import residents).
 *
 * File format (documented in README): CSV, header line required, exactly
 * these columns in this order:
 *   社区代码,户号,姓名,身份证号,与户主关系,联系电话,现住址
 * 社区代码: the 12-digit community code; 户号: the census household number
 * (unique in the community); 与户主关系: 户主/本人, 配偶, 子女, 父母,
 * 祖父母/外祖父母, 孙子女/外孙子女, 兄弟姐妹, 其他; 联系电话 and 现住址 may
 * be empty. Persons are keyed by ID number and households by (社区代码, 户号):
 * importing again updates, never duplicates.
 *
 * The file is staged by db/csv_import (encodings, COPY, lines refused
 * before COPY); PostgreSQL checks every value (jz.residents_import in
 * 0091, 0101). Every bad line is reported with its line number and
 * reason; the good ones are imported, nothing on a dry run. One
 * transaction. */
#ifndef JZ_DB_RESIDENTS_H
#define JZ_DB_RESIDENTS_H

#include <stdbool.h>
#include <stddef.h>
#include "csv_import.h"
#include "db.h"

typedef struct db_residents_result {
	long lines;            /* data lines (the header and blank lines not counted) */
	long good, bad;
	long persons_new, persons_updated, households_new;
} db_residents_result;

/* The options of every CSV import (db/csv_import.h). */
typedef db_csv_bad_fn db_residents_bad_fn;
typedef db_csv_opts db_residents_opts;

/* The iconv name for an --encoding value, NULL if not supported. */
const char *db_residents_charset(const char *encoding);

bool db_import_residents(db_conn *c, const char *path, const db_residents_opts *o,
			 db_residents_result *out, db_err *err);

#endif
