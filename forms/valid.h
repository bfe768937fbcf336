/* valid.h - validators of the 救助申请表 fields (DESIGN §3 "Field rules").
 *
 * Pure C: input is UTF-8, decoded here without the locale, so a validator
 * answers the same under zh_CN.UTF-8, zh_CN.GB18030 or C. Every validator
 * returns a valid_err and, when msg is not NULL, writes into the caller's
 * buffer a plain-language sentence saying what is wrong (translated through
 * gettext). The field name is added by the caller. On success the
 * normalised value goes to the caller's output. */
#ifndef JZ_FORMS_VALID_H
#define JZ_FORMS_VALID_H

#include <stddef.h>
#include <stdint.h>

/* A message buffer of this size holds every message in every language. */
#define VALID_MSG_SIZE 256

typedef enum {
	VALID_OK = 0,
	VALID_EMPTY,      /* nothing typed */
	VALID_ENCODING,   /* not UTF-8 */
	VALID_CHARS,      /* a character that does not belong here */
	VALID_LENGTH,     /* too few / too many digits or characters */
	VALID_PREFIX,     /* mobile: does not start 13-19 */
	VALID_AREA,       /* landline: area code missing or malformed */
	VALID_FORMAT,     /* the pieces are in the wrong places */
	VALID_DATE,       /* no such day */
	VALID_RANGE,      /* a real date, outside the allowed bounds */
	VALID_UNKNOWN,    /* 民族: no such group */
	VALID_DECIMALS,   /* more than 2 decimals */
	VALID_NEGATIVE,   /* a negative amount */
	VALID_OVERFLOW,   /* too large to store */
} valid_err;

/* A short translated description of an error code (a string literal). */
const char *valid_strerror(valid_err err);

/* ---- building blocks (also used by idnum.c) ---- */

/* Decodes one UTF-8 character at s into *cp; returns the bytes it takes,
 * 0 at the terminating NUL. An invalid sequence (overlong, surrogate, cut
 * short, > U+10FFFF) gives *cp = 0xFFFD and returns 1. */
size_t valid_utf8_next(const char *s, uint32_t *cp);
/* Writes cp as UTF-8 plus NUL into out; returns the bytes (without NUL). */
size_t valid_utf8_put(uint32_t cp, char out[5]);
/* Characters (not bytes) of a UTF-8 string. */
size_t valid_utf8_len(const char *s);

/* Folds a field typed with an input method to ASCII: full-width forms to
 * ASCII, the ideographic space to a space, dashes (—, –, −) to '-',
 * leading and trailing spaces dropped. Returns VALID_OK, VALID_ENCODING,
 * VALID_CHARS (a character that is not ASCII after folding: it is put in
 * bad, a UTF-8 string, and its 1-based position in the input in *badpos;
 * either may be NULL) or VALID_LENGTH (longer than cap - 1). */
valid_err valid_fold_ascii(const char *utf8, char *out, size_t cap,
                           char bad[5], int *badpos);

int valid_is_leap(int y);
/* 28..31, or 0 for a month outside 1..12. */
int valid_days_in_month(int y, int m);
int valid_date_exists(int y, int m, int d);
/* Says why y-m-d is no date: "month 13 does not exist", "2023 is not a
 * leap year: February has 28 days", ... (nothing when it exists). */
void valid_date_problem(int y, int m, int d, char *msg, size_t n);

/* ---- phone numbers, postal code ---- */

/* Mobile: 11 digits starting 13-19, optional +86 / 86 / 0086 in front,
 * spaces and dashes allowed. out receives the 11 digits. */
valid_err valid_mobile(const char *utf8, char out[12], char *msg, size_t n);

/* Landline: 0 + 2-3 digit area code, 7-8 digit number, optional extension
 * (after -, x, # or 转). Separators between the parts are optional, since
 * 010 and 02x are the only 2-digit area codes. out receives
 * "0755-1234567" or "010-12345678-123". */
#define VALID_LANDLINE_SIZE 24
valid_err valid_landline(const char *utf8, char out[VALID_LANDLINE_SIZE],
                         char *msg, size_t n);

/* A field that takes either (联系电话 of the 救助申请表, of an application's
 * contact change, of a volunteer): whatever valid_mobile or valid_landline
 * takes. A wrong number begun like an area code (0, not 00) is told the
 * landline's rule; any other is told both shapes, not the mobile's alone.
 * out receives the normalised number (11 digits, or as valid_landline). */
valid_err valid_phone(const char *utf8, char out[VALID_LANDLINE_SIZE],
                      char *msg, size_t n);

/* Bank card (银行卡号 of a payee): 12-19 digits; spaces (the card's groups
 * of 4) and full-width digits are taken, out receives the digits alone. */
#define VALID_BANK_CARD_SIZE 20
valid_err valid_bank_card(const char *utf8, char out[VALID_BANK_CARD_SIZE],
                          char *msg, size_t n);

/* Postal code: 6 digits. */
valid_err valid_postal(const char *utf8, char out[7], char *msg, size_t n);

/* ---- 民族 (GB 3304: 56 groups, codes 01-56) ---- */

#define VALID_ETHNIC_COUNT 56
/* Accepts the code ("01", "1"), the full name ("汉族") or the name without
 * 族 ("汉", "维吾尔"). *code receives 1..56. */
valid_err valid_ethnic(const char *utf8, int *code, char *msg, size_t n);
/* The Chinese name of code 1..56 ("汉族"), NULL otherwise. These are the
 * official names and are shown as they are in every language. */
const char *valid_ethnic_name(int code);

/* ---- names ---- */

#define VALID_NAME_MAX_CHARS 30
#define VALID_NAME_SIZE (VALID_NAME_MAX_CHARS * 4 + 1)
/* 1-30 characters: Chinese ideographs (incl. Extension A and the rarer
 * planes) or Latin letters; the middle dot · between parts (U+30FB and
 * U+2022 become U+00B7); one space between Latin parts; - and ' inside
 * Latin parts. out receives the normalised name. */
valid_err valid_name(const char *utf8, char out[VALID_NAME_SIZE],
                     char *msg, size_t n);

/* ---- dates ---- */

typedef struct {
	int y, m, d;
} valid_day;

/* YYYY-MM-DD or YYYYMMDD (also / or . as separator, and YYYY年M月D日).
 * min and max (either may be NULL) bound the answer, inclusive. */
valid_err valid_date(const char *utf8, const valid_day *min,
                     const valid_day *max, valid_day *out,
                     char *msg, size_t n);
/* <0, 0, >0 like strcmp. */
int valid_day_cmp(const valid_day *a, const valid_day *b);

/* ---- money ---- */

/* Yuan with up to 2 decimals, to integer fen: "500", "500.5", "¥0.01",
 * "１２３．４" (full-width), an optional 元 after. Never floating point. */
valid_err valid_yuan(const char *utf8, int64_t *fen, char *msg, size_t n);
/* Writes fen as yuan with 2 decimals ("500.50"); returns snprintf's value. */
int valid_yuan_format(int64_t fen, char *out, size_t n);

/* ---- free text ---- */

/* A required free-text field (e.g. an unemployment certificate number):
 * trimmed, non-empty, at most max_chars characters, no control characters.
 * out (cap bytes) receives the trimmed text. */
valid_err valid_text_required(const char *utf8, size_t max_chars,
                              char *out, size_t cap, char *msg, size_t n);

#endif
