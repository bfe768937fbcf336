/* funds.h - funds, the append-only ledger, the monthly payment run, the
 * bank's payment list and the year's forecast, on the functions of migration
 * 0080 (see its header for the rules). Money is integer fen throughout. */
#ifndef JZ_DB_FUNDS_H
#define JZ_DB_FUNDS_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* SQLSTATEs of 0080/0081. */
#define DB_FUNDS_SHORT       "JZ030"   /* a source (or all) cannot pay it */
#define DB_FUNDS_APPEND_ONLY "JZ031"
#define DB_FUNDS_BAD         "JZ032"
#define DB_FUNDS_NOT_MEMBER  "JZ033"   /* not a plan member for the service */
#define DB_FUNDS_FULL        "JZ034"   /* class / activity full */
#define DB_FUNDS_TEST_HOOK   "JZ039"

#define DB_FUNDS_MAX_SOURCES 8

typedef struct db_fund_source {
	char code[24];             /* government, donation, self_raised */
	char name[64];             /* 政府拨款 ... */
	int priority;              /* spent in this order */
	long long funding_fen;     /* the year's allocation */
	long long received_fen;    /* receipts in the ledger */
	long long spent_fen;       /* payments + training subsidies */
	long long remaining_fen;   /* max(allocation, received) - spent */
} db_fund_source;

typedef struct db_forecast {
	int year;
	char from_month[11];       /* YYYY-MM-DD, first of the month */
	int months_left;           /* from from_month to December, inclusive */
	long long cash_fen;        /* active plans' cash items x months not yet paid */
	long long training_fen;    /* training subsidies enrolled, not yet paid */
	long long obligations_fen; /* cash + training */
	long long remaining_fen;   /* sum over sources */
	long long shortfall_fen;   /* obligations - remaining, 0 when it balances */
	db_fund_source src[DB_FUNDS_MAX_SOURCES];
	size_t nsrc;
} db_forecast;

/* The forecast of year from "YYYY-MM-DD" (NULL: today). */
bool db_funds_forecast(db_conn *c, int year, const char *from, db_forecast *out, db_err *err);

/* "123.45" from fen (sign kept); buf of at least 32 bytes. */
void db_fen_format(long long fen, char *buf, size_t len);
/* Yuan with up to 2 decimals ("500", "1,380,000.5" not accepted: no
 * separators) -> fen. False on anything else. */
bool db_fen_parse(const char *yuan, long long *fen);

/* A month "YYYY-MM" or "YYYY-MM-DD" -> "YYYY-MM-01"; false when malformed. */
bool db_month_parse(const char *s, char out[11]);

/* Run the monthly payment run (supervisor/admin): *created payments made
 * now (0 when the month was already run). All or nothing. */
bool db_payment_run(db_conn *c, const char *month, int *created, db_err *err);

/* A receipt into a source for a year; the ledger id in *id (may be NULL). */
bool db_fund_receive(db_conn *c, int year, const char *source, long long amount_fen, const char *note,
		     long long *id, db_err *err);
/* Set a year's allocation for a source (insert or replace). */
bool db_funding_set(db_conn *c, int year, const char *source, long long amount_fen, db_err *err);
/* The year's allocation rows from the policy figures; *added rows (may be NULL). */
bool db_funding_from_policy(db_conn *c, int year, int *added, db_err *err);

/* One row of the bank's list. */
typedef struct db_payment_row {
	long long id;
	char community[64];
	char payee[128];
	char id_number[24];
	char kind[64];
	long long amount_fen;
	char source[64];
	char month[11];
	char holder[128];          /* 开户人: the payee whose card it is */
	char bank_card[24];        /* empty: no card on file */
} db_payment_row;

/* The month's payments in the caller's communities (malloc'd; free()). */
bool db_payment_list(db_conn *c, const char *month, db_payment_row **rows, size_t *n,
		     long long *total_fen, db_err *err);

/* The month's list as CSV for the bank (a header line, then one line per
 * payment; quoted where needed; CRLF line ends as Excel expects), in
 * encoding "utf-8" (with a BOM, so Excel reads it) or "gb18030"/"gbk"
 * (through enc_convert). Writes path; *rows written (may be NULL). A
 * failure leaves no file behind. */
bool db_payment_export_csv(db_conn *c, const char *month, const char *encoding, const char *path,
			   size_t *rows, db_err *err);
/* The same; *no_card (may be NULL) the rows written without a bank card. */
bool db_payment_export_csv_cards(db_conn *c, const char *month, const char *encoding,
				 const char *path, size_t *rows, size_t *no_card, db_err *err);

#endif
