/* idnum.h - 居民身份证号 (GB 11643-1999) and the 残疾人证 number built on it.
 *
 * Pure C, no locale needed: input is UTF-8, full-width digits, Ｘ/ｘ, lower-
 * case x and surrounding spaces are normalised; an old 15-digit number is
 * converted to 18. "today" is passed in so the answer is deterministic. */
#ifndef JZ_FORMS_IDNUM_H
#define JZ_FORMS_IDNUM_H

#include <stddef.h>

typedef enum {
	IDNUM_OK = 0,
	IDNUM_EMPTY,
	IDNUM_LENGTH,          /* not 18 (or 15) characters */
	IDNUM_CHARS,           /* a character other than a digit (X last) */
	IDNUM_PROVINCE,        /* first two digits are no province */
	IDNUM_DATE,            /* characters 7-14 are no real date */
	IDNUM_EARLY,           /* born before 1900 */
	IDNUM_FUTURE,          /* born after today */
	IDNUM_CHECK,           /* wrong check character */
	IDNUM_SEX_MISMATCH,    /* typed sex differs from the number */
	IDNUM_BIRTH_MISMATCH,  /* typed birth date differs from the number */
	/* 残疾人证 */
	IDNUM_CERT_LENGTH,     /* not 20 or 22 characters */
	IDNUM_CERT_PREFIX,     /* first 18 are not the member's ID number */
	IDNUM_CERT_CATEGORY,   /* category digit not 1-7 */
	IDNUM_CERT_GRADE,      /* grade digit not 1-4 */
	IDNUM_CERT_SUFFIX,     /* re-issue suffix not B1-B9 */
} idnum_err;

enum { IDNUM_FEMALE = 0, IDNUM_MALE = 1 };

typedef struct {
	char id[19];          /* normalised 18 characters */
	int birth_y, birth_m, birth_d;
	int sex;              /* IDNUM_MALE or IDNUM_FEMALE */
	int province;         /* 11..82 */
	int from15;           /* converted from an old 15-digit number */
	/* What went wrong, for idnum_explain (set as far as parsing got): */
	int len;              /* characters seen */
	int bad_pos;          /* 1-based position of a bad character */
	char bad[5];          /* that character, UTF-8 */
	char want_check;      /* the right check character */
	char got_check;       /* the one typed */
} idnum;

/* Parses and checks an ID number. today_y == 0 skips the future check.
 * On IDNUM_OK out is complete; otherwise it holds what idnum_explain needs. */
idnum_err idnum_parse(const char *utf8, int today_y, int today_m, int today_d,
                      idnum *out);
/* The check character ('0'-'9' or 'X') of 17 digits, '?' if one is no digit. */
char idnum_check_char(const char first17[17]);
/* Completed years on y-m-d (someone born on 29 February gets a year older on
 * 1 March in other years); -1 if that day is before the birth. */
int idnum_age_on(const idnum *id, int y, int m, int d);
/* "110105********002X": first 6, 8 stars, last 4. Anything that is not 18
 * characters is starred out completely. Returns out. */
char *idnum_mask(const char *id18, char out[19]);

/* When sex or birth date was also typed: a mismatch is an error. */
idnum_err idnum_check_sex(const idnum *id, int sex);
idnum_err idnum_check_birth(const idnum *id, int y, int m, int d);

/* A short translated description of the code (a string literal). */
const char *idnum_strerror(idnum_err err);
/* The full sentence for err, with the details from id (may be NULL), e.g.
 * "check digit should be X, not 3", into the caller's buffer. */
void idnum_explain(idnum_err err, const idnum *id, char *msg, size_t n);
/* Translated "male" / "female". */
const char *idnum_sex_name(int sex);

/* ---- 残疾人证: member's 18-character ID + category + grade [+ Bn] ---- */

enum {
	IDNUM_DIS_VISUAL = 1,   /* 视力 */
	IDNUM_DIS_HEARING,      /* 听力 */
	IDNUM_DIS_SPEECH,       /* 言语 */
	IDNUM_DIS_PHYSICAL,     /* 肢体 */
	IDNUM_DIS_INTELLECTUAL, /* 智力 */
	IDNUM_DIS_MENTAL,       /* 精神 */
	IDNUM_DIS_MULTIPLE,     /* 多重 */
};

typedef struct {
	char number[23];   /* normalised: 20 or 22 characters */
	int category;      /* 1..7 */
	int grade;         /* 1..4, 1 most severe */
	int reissue;       /* 0, or n of the suffix Bn */
	int len;           /* characters seen (for messages) */
	int bad_pos;       /* first differing position, 1-based */
	char bad[5];       /* the offending character */
} idnum_cert;

/* Checks a 残疾人证 number against the member's ID number (raw input, it is
 * normalised the same way; a 15-digit one is converted). */
idnum_err idnum_cert_parse(const char *utf8, const char *member_id,
                           idnum_cert *out);
void idnum_cert_explain(idnum_err err, const idnum_cert *c, char *msg, size_t n);
/* Translated category name ("视力残疾" / "visual"), NULL outside 1..7. */
const char *idnum_cert_category_name(int category);
/* Translated grade name ("一级" / "grade 1"), NULL outside 1..4. */
const char *idnum_cert_grade_name(int grade);

#endif
