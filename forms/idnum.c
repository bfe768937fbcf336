/* idnum.c - 居民身份证号 (GB 11643-1999) and 残疾人证 numbers. */
#include "idnum.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "valid.h"

__attribute__((format(printf, 3, 4)))
static void say(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (!msg || n == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Folds to ASCII (full-width, spaces), drops inner spaces, upper-cases x
 * and b. *len counts the characters kept. On a character that is not ASCII
 * after folding, bad/badpos name it. */
static int normalise(const char *utf8, char *out, size_t cap, char bad[5],
                     int *badpos)
{
	char tmp[64];
	size_t o = 0;
	valid_err e;

	bad[0] = '\0';
	*badpos = 0;
	e = valid_fold_ascii(utf8, tmp, sizeof tmp, bad, badpos);
	if (e == VALID_ENCODING) {
		memcpy(bad, "\xEF\xBF\xBD", 4);  /* U+FFFD */
		return -1;
	}
	if (e == VALID_CHARS)
		return -1;
	if (e == VALID_LENGTH)
		return (int)cap;  /* reported as a wrong length */
	for (const char *p = tmp; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;  /* 110105 19491231 002X */
		if (o + 1 >= cap)
			return (int)cap;
		out[o++] = (*p == 'x' || *p == 'b') ? (char)(*p - 32) : *p;
	}
	out[o] = '\0';
	return (int)o;
}

char idnum_check_char(const char first17[17])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return '?';
		sum += (first17[i] - '0') * w[i];
	}
	return "10X98765432"[sum % 11];
}

static int province_exists(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37)
	    || (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65)
	    || p == 71 || p == 81 || p == 82;
}

/* Turns a 15-digit old number into 18 characters in place (cap >= 19). */
static void widen15(char *s)
{
	memmove(s + 8, s + 6, 10);  /* 9 digits and the NUL */
	s[6] = '1';
	s[7] = '9';
	s[17] = idnum_check_char(s);
	s[18] = '\0';
}

idnum_err idnum_parse(const char *utf8, int today_y, int today_m, int today_d,
                      idnum *out)
{
	char s[40];
	int len, ymd, now;

	memset(out, 0, sizeof *out);
	len = normalise(utf8, s, sizeof s, out->bad, &out->bad_pos);
	if (len < 0)
		return IDNUM_CHARS;
	out->len = len;
	if (len == 0)
		return IDNUM_EMPTY;
	if (len >= (int)sizeof s) {
		out->len = (int)valid_utf8_len(utf8);
		return IDNUM_LENGTH;
	}
	/* Foreign characters first, then the length, then where X stands. */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < len; i++) {
			if (is_digit(s[i]) || (s[i] == 'X' && (pass == 0 || (i == 17 && len == 18))))
				continue;
			out->bad_pos = i + 1;
			out->bad[0] = s[i];
			out->bad[1] = '\0';
			return IDNUM_CHARS;
		}
		if (len != 18 && len != 15)
			return IDNUM_LENGTH;
	}
	if (len == 15) {
		widen15(s);
		out->from15 = 1;
	}
	memcpy(out->id, s, 19);
	out->province = two(s);
	out->birth_y = two(s + 6) * 100 + two(s + 8);
	out->birth_m = two(s + 10);
	out->birth_d = two(s + 12);
	out->sex = (s[16] - '0') % 2 ? IDNUM_MALE : IDNUM_FEMALE;
	out->want_check = idnum_check_char(s);
	out->got_check = s[17];
	if (!province_exists(out->province))
		return IDNUM_PROVINCE;
	if (!valid_date_exists(out->birth_y, out->birth_m, out->birth_d))
		return IDNUM_DATE;
	if (out->birth_y < 1900)
		return IDNUM_EARLY;
	ymd = out->birth_y * 10000 + out->birth_m * 100 + out->birth_d;
	now = today_y * 10000 + today_m * 100 + today_d;
	if (today_y && ymd > now)
		return IDNUM_FUTURE;
	if (out->want_check != out->got_check)
		return IDNUM_CHECK;
	return IDNUM_OK;
}

int idnum_age_on(const idnum *id, int y, int m, int d)
{
	int age = y - id->birth_y;

	if (m < id->birth_m || (m == id->birth_m && d < id->birth_d))
		age--;
	return age < 0 ? -1 : age;
}

char *idnum_mask(const char *id18, char out[19])
{
	size_t len = id18 ? strlen(id18) : 0;

	if (len == 18) {
		memcpy(out, id18, 6);
		memset(out + 6, '*', 8);
		memcpy(out + 14, id18 + 14, 4);
	} else {
		memset(out, '*', 18);
	}
	out[18] = '\0';
	return out;
}

idnum_err idnum_check_sex(const idnum *id, int sex)
{
	return id->sex == sex ? IDNUM_OK : IDNUM_SEX_MISMATCH;
}

idnum_err idnum_check_birth(const idnum *id, int y, int m, int d)
{
	if (id->birth_y == y && id->birth_m == m && id->birth_d == d)
		return IDNUM_OK;
	return IDNUM_BIRTH_MISMATCH;
}

const char *idnum_sex_name(int sex)
{
	return sex == IDNUM_MALE ? _("male") : _("female");
}

const char *idnum_strerror(idnum_err err)
{
	switch (err) {
	case IDNUM_OK:             return _("valid");
	case IDNUM_EMPTY:          return _("must not be empty");
	case IDNUM_LENGTH:         return _("must be 18 characters (or an old 15-digit number)");
	case IDNUM_CHARS:          return _("may contain only digits and a final X");
	case IDNUM_PROVINCE:       return _("the first two digits are not a province code");
	case IDNUM_DATE:           return _("characters 7-14 are not a real birth date");
	case IDNUM_EARLY:          return _("the birth date is before 1900");
	case IDNUM_FUTURE:         return _("the birth date is in the future");
	case IDNUM_CHECK:          return _("the check digit is wrong");
	case IDNUM_SEX_MISMATCH:   return _("sex does not match the ID number");
	case IDNUM_BIRTH_MISMATCH: return _("birth date does not match the ID number");
	case IDNUM_CERT_LENGTH:    return _("must be 20 characters, or 22 with a re-issue mark B1-B9");
	case IDNUM_CERT_PREFIX:    return _("the first 18 characters must be the member's ID number");
	case IDNUM_CERT_CATEGORY:  return _("the category (character 19) must be 1-7");
	case IDNUM_CERT_GRADE:     return _("the grade (character 20) must be 1-4");
	case IDNUM_CERT_SUFFIX:    return _("a re-issue mark must be B1-B9");
	}
	return _("invalid");
}

void idnum_explain(idnum_err err, const idnum *id, char *msg, size_t n)
{
	char why[VALID_MSG_SIZE];

	if (!msg || n == 0)
		return;
	msg[0] = '\0';
	if (!id) {
		say(msg, n, "%s", idnum_strerror(err));
		return;
	}
	switch (err) {
	case IDNUM_LENGTH:
		say(msg, n, _("must be 18 characters (or an old 15-digit number), not %d"), id->len);
		break;
	case IDNUM_CHARS:
		if (id->bad_pos)
			say(msg, n, _("may contain only digits and a final X; character %d \"%s\" is not allowed"),
			    id->bad_pos, id->bad);
		else
			say(msg, n, "%s", idnum_strerror(err));
		break;
	case IDNUM_PROVINCE:
		say(msg, n, _("the first two digits %02d are not a province code"), id->province);
		break;
	case IDNUM_DATE:
		valid_date_problem(id->birth_y, id->birth_m, id->birth_d, why, sizeof why);
		say(msg, n, _("characters 7-14 are not a real birth date: %s"), why);
		break;
	case IDNUM_EARLY:
		say(msg, n, _("birth date %04d-%02d-%02d is before 1900"),
		    id->birth_y, id->birth_m, id->birth_d);
		break;
	case IDNUM_FUTURE:
		say(msg, n, _("birth date %04d-%02d-%02d is in the future"),
		    id->birth_y, id->birth_m, id->birth_d);
		break;
	case IDNUM_CHECK:
		say(msg, n, _("check digit should be %c, not %c"), id->want_check, id->got_check);
		break;
	case IDNUM_SEX_MISMATCH:
		say(msg, n, _("sex does not match the ID number, which says %s"),
		    idnum_sex_name(id->sex));
		break;
	case IDNUM_BIRTH_MISMATCH:
		say(msg, n, _("birth date does not match the ID number, which says %04d-%02d-%02d"),
		    id->birth_y, id->birth_m, id->birth_d);
		break;
	default:
		say(msg, n, "%s", idnum_strerror(err));
		break;
	}
}

/* ---- 残疾人证 ---- */

idnum_err idnum_cert_parse(const char *utf8, const char *member_id,
                           idnum_cert *out)
{
	char s[40], m[40], bad[5];
	int len, mlen, pos;

	memset(out, 0, sizeof *out);
	len = normalise(utf8, s, sizeof s, out->bad, &out->bad_pos);
	if (len < 0)
		return IDNUM_CHARS;
	out->len = len;
	if (len == 0)
		return IDNUM_EMPTY;
	if (len != 20 && len != 22)
		return IDNUM_CERT_LENGTH;
	mlen = member_id ? normalise(member_id, m, sizeof m, bad, &pos) : 0;
	if (mlen == 15 && strspn(m, "0123456789") == 15)
		widen15(m);
	else if (mlen != 18)
		m[0] = '\0';
	if (m[0]) {
		for (int i = 0; i < 18; i++) {
			if (s[i] != m[i]) {
				out->bad_pos = i + 1;
				out->bad[0] = s[i];
				out->bad[1] = '\0';
				return IDNUM_CERT_PREFIX;
			}
		}
	} else {
		/* No member number to compare with: at least the prefix must be
		 * a well-formed ID number. */
		for (int i = 0; i < 17; i++)
			if (!is_digit(s[i]))
				return IDNUM_CERT_PREFIX;
		if (idnum_check_char(s) != s[17])
			return IDNUM_CERT_PREFIX;
	}
	out->bad[1] = '\0';
	out->bad[0] = s[18];
	if (s[18] < '1' || s[18] > '7')
		return IDNUM_CERT_CATEGORY;
	out->bad[0] = s[19];
	if (s[19] < '1' || s[19] > '4')
		return IDNUM_CERT_GRADE;
	if (len == 22) {
		memcpy(out->bad, s + 20, 2);
		out->bad[2] = '\0';
		if (s[20] != 'B' || s[21] < '1' || s[21] > '9')
			return IDNUM_CERT_SUFFIX;
		out->reissue = s[21] - '0';
	}
	out->bad[0] = '\0';
	out->category = s[18] - '0';
	out->grade = s[19] - '0';
	memcpy(out->number, s, (size_t)len + 1);
	return IDNUM_OK;
}

void idnum_cert_explain(idnum_err err, const idnum_cert *c, char *msg, size_t n)
{
	if (!msg || n == 0)
		return;
	msg[0] = '\0';
	if (!c) {
		say(msg, n, "%s", idnum_strerror(err));
		return;
	}
	switch (err) {
	case IDNUM_CERT_LENGTH:
		say(msg, n, _("must be 20 characters (ID number, category, grade), or 22 with a re-issue mark such as B1; not %d"),
		    c->len);
		break;
	case IDNUM_CERT_PREFIX:
		if (c->bad_pos)
			say(msg, n, _("the first 18 characters must be the member's ID number; they differ at character %d"),
			    c->bad_pos);
		else
			say(msg, n, "%s", _("the first 18 characters are not a valid ID number"));
		break;
	case IDNUM_CERT_CATEGORY:
		say(msg, n, _("character 19 is the category and must be 1-7, not %s"), c->bad);
		break;
	case IDNUM_CERT_GRADE:
		say(msg, n, _("character 20 is the grade and must be 1-4, not %s"), c->bad);
		break;
	case IDNUM_CERT_SUFFIX:
		say(msg, n, _("a re-issue mark must be B1-B9, not %s"), c->bad);
		break;
	case IDNUM_CHARS:
		if (c->bad_pos)
			say(msg, n, _("character %d \"%s\" is not allowed"), c->bad_pos, c->bad);
		else
			say(msg, n, "%s", idnum_strerror(err));
		break;
	default:
		say(msg, n, "%s", idnum_strerror(err));
		break;
	}
}

const char *idnum_cert_category_name(int category)
{
	switch (category) {
	case IDNUM_DIS_VISUAL:       return _("visual");
	case IDNUM_DIS_HEARING:      return _("hearing");
	case IDNUM_DIS_SPEECH:       return _("speech");
	case IDNUM_DIS_PHYSICAL:     return _("physical");
	case IDNUM_DIS_INTELLECTUAL: return _("intellectual");
	case IDNUM_DIS_MENTAL:       return _("mental");
	case IDNUM_DIS_MULTIPLE:     return _("multiple");
	}
	return NULL;
}

const char *idnum_cert_grade_name(int grade)
{
	switch (grade) {
	case 1: return _("grade 1 (most severe)");
	case 2: return _("grade 2");
	case 3: return _("grade 3");
	case 4: return _("grade 4");
	}
	return NULL;
}
