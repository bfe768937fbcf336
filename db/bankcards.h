/* bankcards.h - the payees' bank cards from a file (jiuzhu import
 * bankcards), so an office need not type every card on 修改申请.
 *
 * File format (documented in README): CSV, header line required, exactly
 * these columns in this order:
 *   身份证号,姓名,银行卡号
 * 身份证号: the person's 18-digit number (a 15-digit one is converted);
 * 姓名: as recorded (a different one is a bad line: the bank would bounce
 * the payment); 银行卡号: 12-19 digits, spaces allowed. Staged by
 * db/csv_import; every check is in SQL (jz.bankcards_import in 0140).
 * Every bad line is reported with its line number and reason; the good
 * ones are written in one transaction, nothing on a dry run; a card that
 * is already the person's is left alone, so importing again changes
 * nothing. */
#ifndef JZ_DB_BANKCARDS_H
#define JZ_DB_BANKCARDS_H

#include <stdbool.h>
#include "csv_import.h"
#include "db.h"

typedef struct db_bankcards_result {
	long lines;            /* data lines (the header and blank lines not counted) */
	long good, bad;
	long changed;          /* persons whose card was written (would be, on a dry run) */
	long unchanged;        /* good lines whose card the person has already */
} db_bankcards_result;

bool db_import_bankcards(db_conn *c, const char *path, const db_csv_opts *o,
			 db_bankcards_result *out, db_err *err);

#endif
