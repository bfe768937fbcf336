/* valid.c - field validators of the 救助申请表 (DESIGN §3). UTF-8 is decoded
 * here, not by the locale, so answers do not depend on the terminal. */
#include "valid.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

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

static void clear_msg(char *msg, size_t n)
{
	if (msg && n)
		msg[0] = '\0';
}

const char *valid_strerror(valid_err err)
{
	switch (err) {
	case VALID_OK:        return _("valid");
	case VALID_EMPTY:     return _("must not be empty");
	case VALID_ENCODING:  return _("contains bytes that are not UTF-8 text");
	case VALID_CHARS:     return _("contains a character that is not allowed");
	case VALID_LENGTH:    return _("wrong length");
	case VALID_PREFIX:    return _("wrong beginning");
	case VALID_AREA:      return _("area code missing or wrong");
	case VALID_FORMAT:    return _("wrong format");
	case VALID_DATE:      return _("no such date");
	case VALID_RANGE:     return _("date outside the allowed range");
	case VALID_UNKNOWN:   return _("unknown value");
	case VALID_DECIMALS:  return _("more than 2 decimals");
	case VALID_NEGATIVE:  return _("must not be negative");
	case VALID_OVERFLOW:  return _("amount too large");
	}
	return _("invalid");
}

/* ---- UTF-8 ---- */

size_t valid_utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (u[0] == 0) {
		*cp = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0) {
		c = u[0] & 0x1F; len = 2; min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		c = u[0] & 0x0F; len = 3; min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		c = u[0] & 0x07; len = 4; min = 0x10000;
	} else {
		goto bad;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)   /* also stops at NUL */
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t valid_utf8_put(uint32_t cp, char out[5])
{
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	out[n] = '\0';
	return n;
}

size_t valid_utf8_len(const char *s)
{
	size_t count = 0, k;
	uint32_t cp;

	while ((k = valid_utf8_next(s, &cp)) > 0) {
		s += k;
		count++;
	}
	return count;
}

static uint32_t fold_char(uint32_t cp)
{
	if (cp == 0x2014 || cp == 0x2013 || cp == 0x2212 || cp == 0x2010)
		return '-';
	return (uint32_t)text_halfwidth((wchar_t)cp);
}

/* Extra mappings of one field: returns an ASCII character, 0 for "not
 * mapped" or -1 for "drop it". */
typedef int (*fold_extra_fn)(uint32_t cp);

static valid_err fold(const char *utf8, char *out, size_t cap, char bad[5],
                      int *badpos, fold_extra_fn extra)
{
	size_t o = 0, k;
	uint32_t cp;
	int pos = 0;

	if (bad)
		bad[0] = '\0';
	if (badpos)
		*badpos = 0;
	out[0] = '\0';
	if (!utf8)
		return VALID_OK;
	while ((k = valid_utf8_next(utf8, &cp)) > 0) {
		int c = -2;

		pos++;
		if (cp == 0xFFFD && k == 1) {
			if (badpos)
				*badpos = pos;
			return VALID_ENCODING;
		}
		utf8 += k;
		if (extra) {
			int e = extra(cp);
			if (e == -1)
				continue;
			if (e > 0)
				c = e;
		}
		if (c == -2) {
			cp = fold_char(cp);
			if (cp == '\t')
				cp = ' ';
			if (cp >= 0x80 || cp < 0x20 || cp == 0x7F) {
				if (bad)
					valid_utf8_put(cp, bad);
				if (badpos)
					*badpos = pos;
				return VALID_CHARS;
			}
			c = (int)cp;
		}
		if (o + 1 >= cap)
			return VALID_LENGTH;
		out[o++] = (char)c;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	k = strspn(out, " ");
	if (k)
		memmove(out, out + k, o - k + 1);
	return VALID_OK;
}

valid_err valid_fold_ascii(const char *utf8, char *out, size_t cap,
                           char bad[5], int *badpos)
{
	return fold(utf8, out, cap, bad, badpos, NULL);
}

/* The error of a fold, as a message. */
static valid_err fold_failed(valid_err e, const char *bad, char *msg, size_t n)
{
	if (e == VALID_CHARS)
		say(msg, n, _("“%s” is not allowed here"), bad);
	else if (e == VALID_ENCODING)
		say(msg, n, "%s", valid_strerror(e));
	else
		say(msg, n, "%s", _("far too long"));
	return e;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_digit(*s))
			return 0;
	return 1;
}

/* ---- calendar ---- */

int valid_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int valid_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && valid_is_leap(y))
		return 29;
	return days[m - 1];
}

int valid_date_exists(int y, int m, int d)
{
	return y >= 1 && d >= 1 && d <= valid_days_in_month(y, m);
}

void valid_date_problem(int y, int m, int d, char *msg, size_t n)
{
	clear_msg(msg, n);
	if (y < 1)
		say(msg, n, _("year %d does not exist"), y);
	else if (m < 1 || m > 12)
		say(msg, n, _("month %d does not exist"), m);
	else if (d < 1 || d > 31)
		say(msg, n, _("day %d does not exist"), d);
	else if (m == 2 && d == 29 && !valid_is_leap(y))
		say(msg, n, _("%d is not a leap year: February has 28 days"), y);
	else if (d > valid_days_in_month(y, m))
		say(msg, n, _("month %d has only %d days"), m, valid_days_in_month(y, m));
}

int valid_day_cmp(const valid_day *a, const valid_day *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* ---- phones, postal code ---- */

/* Keeps the digits, drops the separators in keep_out; a '+' is allowed first. */
static valid_err phone_digits(const char *s, const char *skip, char *digits,
                              size_t cap, int *plus, char *msg, size_t n)
{
	size_t o = 0;

	*plus = 0;
	for (; *s; s++) {
		char one[2] = {*s, '\0'};

		if (*s == '+' && o == 0 && !*plus) {
			*plus = 1;
			continue;
		}
		if (strchr(skip, *s))
			continue;
		if (!is_digit(*s))
			return fold_failed(VALID_CHARS, one, msg, n);
		if (o + 1 >= cap) {
			say(msg, n, "%s", _("far too many digits"));
			return VALID_LENGTH;
		}
		digits[o++] = *s;
	}
	digits[o] = '\0';
	return VALID_OK;
}

valid_err valid_mobile(const char *utf8, char out[12], char *msg, size_t n)
{
	char s[64], bad[5], d[40];
	const char *p = d;
	int plus;
	size_t len;
	valid_err e;

	out[0] = '\0';
	clear_msg(msg, n);
	if ((e = fold(utf8, s, sizeof s, bad, NULL, NULL)) != VALID_OK)
		return fold_failed(e, bad, msg, n);
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	if ((e = phone_digits(s, " -()", d, sizeof d, &plus, msg, n)) != VALID_OK)
		return e;
	len = strlen(d);
	if (plus && strncmp(d, "86", 2) != 0) {
		say(msg, n, "%s", _("only mainland China mobile numbers (+86) are accepted"));
		return VALID_PREFIX;
	}
	if (plus || (len == 13 && strncmp(d, "86", 2) == 0))
		p = d + 2;
	else if (len == 15 && strncmp(d, "0086", 4) == 0)
		p = d + 4;
	len = strlen(p);
	if (len != 11) {
		say(msg, n, _("must be 11 digits starting with 13–19, not %zu digits"), len);
		return VALID_LENGTH;
	}
	if (p[0] != '1' || p[1] < '3') {
		say(msg, n, "%s", _("must be 11 digits starting with 13–19"));
		return VALID_PREFIX;
	}
	memcpy(out, p, 12);
	return VALID_OK;
}

static int landline_extra(uint32_t cp)
{
	return cp == 0x8F6C /* 转 */ ? 'x' : 0;
}

/* Length of the area code at the start of digits: 010 and 02x are the only
 * 3-digit ones (0 + 2), every other is 0 + 3; 0 if it cannot be one. */
static size_t area_len(const char *d)
{
	if (d[0] != '0' || !is_digit(d[1]))
		return 0;
	if (d[1] == '1')
		return d[2] == '0' ? 3 : 0;
	if (d[1] == '2')
		return 3;
	if (d[1] == '0')
		return 0;
	return 4;
}

valid_err valid_landline(const char *utf8, char out[VALID_LANDLINE_SIZE],
                         char *msg, size_t n)
{
	char s[64], bad[5], grp[4][24];
	char *ext_mark;
	const char *area, *num, *ext = "";
	size_t ngrp = 0, gl = 0, al;
	valid_err e;

	out[0] = '\0';
	clear_msg(msg, n);
	if ((e = fold(utf8, s, sizeof s, bad, NULL, landline_extra)) != VALID_OK)
		return fold_failed(e, bad, msg, n);
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	/* An explicit extension marker: x, X, #, "ext" or 转. */
	if (!(ext_mark = strstr(s, "ext")) && !(ext_mark = strstr(s, "EXT")))
		ext_mark = strpbrk(s, "xX#");
	if (ext_mark) {
		char *q = ext_mark + (strchr("xX#", *ext_mark) ? 1 : 3);
		q += strspn(q, " .-:");
		if (!all_digits(q) || strlen(q) > 6) {
			say(msg, n, "%s", _("the extension must be 1–6 digits"));
			return VALID_FORMAT;
		}
		ext = q;
		*ext_mark = '\0';
	}
	for (const char *p = s;; p++) {
		if (is_digit(*p)) {
			if (ngrp >= 4 || gl + 1 >= sizeof grp[0]) {
				say(msg, n, "%s", _("write it as area code, number and extension, e.g. 010-12345678-123"));
				return VALID_FORMAT;
			}
			grp[ngrp][gl++] = *p;
			continue;
		}
		if (gl) {
			grp[ngrp++][gl] = '\0';
			gl = 0;
		}
		if (!*p)
			break;
		if (!strchr(" -()", *p)) {
			char one[2] = {*p, '\0'};
			return fold_failed(VALID_CHARS, one, msg, n);
		}
	}
	if (ngrp == 0 || ngrp > 3 || (ngrp == 3 && *ext)) {
		say(msg, n, "%s", _("write it as area code, number and extension, e.g. 010-12345678-123"));
		return VALID_FORMAT;
	}
	area = grp[0];
	if (ngrp == 1 || strlen(grp[0]) > 4) {
		/* Area code and number written together. */
		al = area_len(grp[0]);
		if (al == 0 || grp[0][0] != '0') {
			say(msg, n, "%s", _("start with the area code: 0 and 2–3 digits, e.g. 010 or 0755"));
			return VALID_AREA;
		}
		if (ngrp == 3) {
			say(msg, n, "%s", _("write it as area code, number and extension, e.g. 010-12345678-123"));
			return VALID_FORMAT;
		}
		memmove(grp[3], grp[0] + al, strlen(grp[0] + al) + 1);
		grp[0][al] = '\0';
		num = grp[3];
		if (ngrp == 2) {
			if (*ext) {
				say(msg, n, "%s", _("write it as area code, number and extension, e.g. 010-12345678-123"));
				return VALID_FORMAT;
			}
			ext = grp[1];
		}
	} else {
		if (ngrp < 2) {
			say(msg, n, "%s", _("start with the area code: 0 and 2–3 digits, e.g. 010 or 0755"));
			return VALID_AREA;
		}
		num = grp[1];
		if (ngrp == 3)
			ext = grp[2];
	}
	al = area_len(area);
	if (al == 0 || al != strlen(area)) {
		say(msg, n, "%s", _("start with the area code: 0 and 2–3 digits, e.g. 010 or 0755"));
		return VALID_AREA;
	}
	if (strlen(num) < 7 || strlen(num) > 8) {
		say(msg, n, _("the number after the area code must be 7–8 digits, not %zu"), strlen(num));
		return VALID_LENGTH;
	}
	if (num[0] == '0') {
		say(msg, n, "%s", _("the number after the area code cannot start with 0"));
		return VALID_FORMAT;
	}
	if (strlen(ext) > 6) {
		say(msg, n, "%s", _("the extension must be 1–6 digits"));
		return VALID_FORMAT;
	}
	snprintf(out, VALID_LANDLINE_SIZE, "%s-%s%s%s", area, num, *ext ? "-" : "", ext);
	return VALID_OK;
}

valid_err valid_postal(const char *utf8, char out[7], char *msg, size_t n)
{
	char s[32], bad[5];
	valid_err e;

	out[0] = '\0';
	clear_msg(msg, n);
	if ((e = fold(utf8, s, sizeof s, bad, NULL, NULL)) != VALID_OK)
		return fold_failed(e, bad, msg, n);
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	for (const char *p = s; *p; p++) {
		if (!is_digit(*p)) {
			char one[2] = {*p, '\0'};
			return fold_failed(VALID_CHARS, one, msg, n);
		}
	}
	if (strlen(s) != 6) {
		say(msg, n, _("must be 6 digits, not %zu"), strlen(s));
		return VALID_LENGTH;
	}
	memcpy(out, s, 7);
	return VALID_OK;
}

/* ---- 民族 ---- */

/* GB 3304-1991, in code order: the index + 1 is the code. */
static const char *const ethnic_names[VALID_ETHNIC_COUNT] = {
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族",
	"布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族",
	"哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族",
	"水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族",
	"羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
	"塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族",
	"京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
};

const char *valid_ethnic_name(int code)
{
	if (code < 1 || code > VALID_ETHNIC_COUNT)
		return NULL;
	return ethnic_names[code - 1];
}

/* Trims ASCII and ideographic spaces; copies into out (cap bytes). */
static int trim_copy(const char *in, char *out, size_t cap)
{
	size_t len;

	while (*in == ' ' || *in == '\t' || strncmp(in, "\u3000", 3) == 0)
		in += *in == ' ' || *in == '\t' ? 1 : 3;
	len = strlen(in);
	for (;;) {
		if (len >= 1 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
			len--;
		else if (len >= 3 && strncmp(in + len - 3, "\u3000", 3) == 0)
			len -= 3;
		else
			break;
	}
	if (len >= cap)
		return -1;
	memcpy(out, in, len);
	out[len] = '\0';
	return (int)len;
}

valid_err valid_ethnic(const char *utf8, int *code, char *msg, size_t n)
{
	static const char zu[] = "族";
	char s[64], digits[8], bad[5];
	size_t len;

	*code = 0;
	clear_msg(msg, n);
	if (!utf8 || trim_copy(utf8, s, sizeof s) < 0) {
		say(msg, n, "%s", _("is not one of the 56 ethnic groups"));
		return VALID_UNKNOWN;
	}
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	/* A code, perhaps typed with full-width digits. */
	if (fold(s, digits, sizeof digits, bad, NULL, NULL) == VALID_OK
	    && all_digits(digits)) {
		int c = digits[0] - '0';

		if (strlen(digits) <= 2) {
			if (digits[1])
				c = c * 10 + digits[1] - '0';
			if (c >= 1 && c <= VALID_ETHNIC_COUNT) {
				*code = c;
				return VALID_OK;
			}
		}
		say(msg, n, _("code %s does not exist: the codes run from 01 to 56"), digits);
		return VALID_UNKNOWN;
	}
	len = strlen(s);
	for (int i = 0; i < VALID_ETHNIC_COUNT; i++) {
		const char *name = ethnic_names[i];
		size_t nl = strlen(name);

		/* Exact names only, so 土 is 土族 and never 土家族. */
		if (strcmp(s, name) == 0
		    || (len == nl - (sizeof zu - 1) && strncmp(s, name, len) == 0)) {
			*code = i + 1;
			return VALID_OK;
		}
	}
	say(msg, n, _("“%s” is not one of the 56 ethnic groups"), s);
	return VALID_UNKNOWN;
}

/* ---- names ---- */

enum { NC_HAN, NC_LATIN, NC_DOT, NC_SPACE, NC_JOIN };

static int is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF)     /* CJK Unified Ideographs */
	    || (c >= 0x3400 && c <= 0x4DBF)     /* Extension A */
	    || (c >= 0x20000 && c <= 0x2EBEF)   /* Extensions B-F */
	    || (c >= 0x30000 && c <= 0x3134F)   /* Extension G */
	    || c == 0x3007;                     /* 〇 */
}

static int is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
	    || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

valid_err valid_name(const char *utf8, char out[VALID_NAME_SIZE],
                     char *msg, size_t n)
{
	uint32_t cp[VALID_NAME_MAX_CHARS + 1];
	unsigned char cls[VALID_NAME_MAX_CHARS + 1];
	size_t count = 0, total = 0, k, o = 0;
	int pending_space = 0;

	out[0] = '\0';
	clear_msg(msg, n);
	if (!utf8)
		utf8 = "";
	while ((k = valid_utf8_next(utf8, &cp[count < VALID_NAME_MAX_CHARS ? count : VALID_NAME_MAX_CHARS])) > 0) {
		uint32_t c = cp[count < VALID_NAME_MAX_CHARS ? count : VALID_NAME_MAX_CHARS];
		int kind;

		if (c == 0xFFFD && k == 1) {
			say(msg, n, "%s", valid_strerror(VALID_ENCODING));
			return VALID_ENCODING;
		}
		utf8 += k;
		if (c == 0x30FB || c == 0x2022 || c == 0xFF65 || c == 0x2027)
			c = 0xB7;
		else if (c != 0x3007)
			c = fold_char(c);
		if (c == ' ' || c == '\t') {
			pending_space = total > 0;  /* leading spaces are dropped */
			continue;
		}
		if (is_han(c))
			kind = NC_HAN;
		else if (is_latin(c))
			kind = NC_LATIN;
		else if (c == 0xB7)
			kind = NC_DOT;
		else if (c == '-' || c == '\'')
			kind = NC_JOIN;
		else {
			char bad[5];

			valid_utf8_put(c, bad);
			if (c >= '0' && c <= '9')
				say(msg, n, "%s", _("a name cannot contain digits"));
			else
				say(msg, n, _("“%s” cannot be part of a name"), bad);
			return VALID_CHARS;
		}
		/* Runs of spaces become one; trailing ones are dropped. */
		if (pending_space) {
			if (count < VALID_NAME_MAX_CHARS) {
				cp[count] = ' ';
				cls[count++] = NC_SPACE;
			}
			total++;
			pending_space = 0;
		}
		if (count < VALID_NAME_MAX_CHARS) {
			cp[count] = c;
			cls[count++] = (unsigned char)kind;
		}
		total++;
	}
	if (total == 0) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	if (total > VALID_NAME_MAX_CHARS) {
		say(msg, n, _("must be at most %d characters, not %zu"),
		    VALID_NAME_MAX_CHARS, total);
		return VALID_LENGTH;
	}
	for (size_t i = 0; i < count; i++) {
		int prev = i > 0 ? cls[i - 1] : -1;
		int next = i + 1 < count ? cls[i + 1] : -1;
		int letters = (prev == NC_HAN || prev == NC_LATIN)
		           && (next == NC_HAN || next == NC_LATIN);

		if (cls[i] == NC_DOT && !letters) {
			say(msg, n, "%s", _("the middle dot · may only stand between two parts of the name"));
			return VALID_FORMAT;
		}
		if (cls[i] == NC_SPACE && !(prev == NC_LATIN && next == NC_LATIN)) {
			say(msg, n, "%s", _("a space may only stand between two parts of a Latin-letter name"));
			return VALID_FORMAT;
		}
		if (cls[i] == NC_JOIN && !(prev == NC_LATIN && next == NC_LATIN)) {
			say(msg, n, "%s", _("- and ' may only stand inside a Latin-letter name"));
			return VALID_FORMAT;
		}
	}
	for (size_t i = 0; i < count; i++)
		o += valid_utf8_put(cp[i], out + o);
	return VALID_OK;
}

/* ---- dates ---- */

static int date_extra(uint32_t cp)
{
	if (cp == 0x5E74 || cp == 0x6708)   /* 年 月 */
		return '-';
	if (cp == 0x65E5 || cp == 0x53F7)   /* 日 号 */
		return -1;
	return 0;
}

/* Reads 1..max digits; returns the value or -1. */
static int read_num(const char **p, size_t min, size_t max)
{
	size_t len = 0;
	int v = 0;

	while (is_digit(**p) && len < max + 1) {
		v = v * 10 + (**p - '0');
		(*p)++;
		len++;
	}
	return len >= min && len <= max ? v : -1;
}

valid_err valid_date(const char *utf8, const valid_day *min,
                     const valid_day *max, valid_day *out,
                     char *msg, size_t n)
{
	char s[40], bad[5];
	valid_day day = {0, 0, 0};
	valid_err e;

	*out = day;
	clear_msg(msg, n);
	if ((e = fold(utf8, s, sizeof s, bad, NULL, date_extra)) != VALID_OK)
		return fold_failed(e, bad, msg, n);
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	if (all_digits(s) && strlen(s) == 8) {
		day.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		day.m = (s[4] - '0') * 10 + (s[5] - '0');
		day.d = (s[6] - '0') * 10 + (s[7] - '0');
	} else {
		const char *p = s;
		char sep;

		day.y = read_num(&p, 4, 4);
		sep = *p;
		if (day.y >= 0 && (sep == '-' || sep == '/' || sep == '.')) {
			p++;
			day.m = read_num(&p, 1, 2);
			if (day.m >= 0 && *p == sep) {
				p++;
				day.d = read_num(&p, 1, 2);
			} else {
				day.d = -1;
			}
		}
		if (day.y < 0 || day.m <= -1 || day.d < 0 || *p || sep == '\0') {
			say(msg, n, "%s", _("write the date as YYYY-MM-DD or YYYYMMDD, e.g. 2025-03-08"));
			return VALID_FORMAT;
		}
	}
	if (!valid_date_exists(day.y, day.m, day.d)) {
		valid_date_problem(day.y, day.m, day.d, msg, n);
		return VALID_DATE;
	}
	if (min && valid_day_cmp(&day, min) < 0) {
		say(msg, n, _("must not be before %04d-%02d-%02d"), min->y, min->m, min->d);
		return VALID_RANGE;
	}
	if (max && valid_day_cmp(&day, max) > 0) {
		say(msg, n, _("must not be after %04d-%02d-%02d"), max->y, max->m, max->d);
		return VALID_RANGE;
	}
	*out = day;
	return VALID_OK;
}

/* ---- money ---- */

static int yuan_extra(uint32_t cp)
{
	if (cp == 0xA5 || cp == 0xFFE5)   /* ¥ ￥ */
		return '$';
	if (cp == 0x5143)                 /* 元 */
		return 'Y';
	return 0;
}

valid_err valid_yuan(const char *utf8, int64_t *fen, char *msg, size_t n)
{
	char s[64], bad[5];
	const char *p = s;
	int64_t yuan = 0;
	int digits = 0, decimals = 0, cents = 0;
	size_t len;
	valid_err e;

	*fen = 0;
	clear_msg(msg, n);
	if ((e = fold(utf8, s, sizeof s, bad, NULL, yuan_extra)) != VALID_OK)
		return fold_failed(e, bad, msg, n);
	len = strlen(s);
	if (len && s[len - 1] == 'Y') {   /* 元 only at the end */
		s[--len] = '\0';
		while (len && s[len - 1] == ' ')
			s[--len] = '\0';
	}
	if (!*s) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	if (*p == '-' || (*p == '$' && p[strspn(p + 1, " ") + 1] == '-')) {
		say(msg, n, "%s", _("an amount cannot be negative"));
		return VALID_NEGATIVE;
	}
	if (*p == '$')
		p += 1 + strspn(p + 1, " ");
	for (; is_digit(*p); p++, digits++) {
		if (yuan > INT64_MAX / 100)   /* keeps yuan * 10 + 9 in range */
			goto too_large;
		yuan = yuan * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; is_digit(*p); p++, decimals++)
			if (decimals < 2)
				cents = cents * 10 + (*p - '0');
	}
	if (*p == ',' && digits) {
		say(msg, n, "%s", _("write the amount without commas, e.g. 1234.50"));
		return VALID_FORMAT;
	}
	if (*p || (digits == 0 && decimals == 0)) {
		say(msg, n, "%s", _("write the amount in yuan, e.g. 500 or 500.50"));
		return VALID_FORMAT;
	}
	if (decimals > 2) {
		say(msg, n, _("at most 2 decimals (fen), not %d"), decimals);
		return VALID_DECIMALS;
	}
	if (decimals == 1)
		cents *= 10;
	if (yuan > (INT64_MAX - cents) / 100)
		goto too_large;
	*fen = yuan * 100 + cents;
	return VALID_OK;
too_large:
	say(msg, n, "%s", _("the amount is too large"));
	return VALID_OVERFLOW;
}

int valid_yuan_format(int64_t fen, char *out, size_t n)
{
	const char *sign = fen < 0 ? "-" : "";
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	return snprintf(out, n, "%s%llu.%02u", sign, (unsigned long long)(a / 100),
	                (unsigned)(a % 100));
}

/* ---- free text ---- */

valid_err valid_text_required(const char *utf8, size_t max_chars,
                              char *out, size_t cap, char *msg, size_t n)
{
	const char *p;
	size_t chars = 0, k;
	uint32_t cp;
	int len;

	if (cap)
		out[0] = '\0';
	clear_msg(msg, n);
	if (!utf8)
		utf8 = "";
	for (p = utf8; (k = valid_utf8_next(p, &cp)) > 0; p += k) {
		if (cp == 0xFFFD && k == 1) {
			say(msg, n, "%s", valid_strerror(VALID_ENCODING));
			return VALID_ENCODING;
		}
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0)) {
			say(msg, n, "%s", _("contains a control character"));
			return VALID_CHARS;
		}
	}
	len = trim_copy(utf8, out, cap);
	if (len < 0) {
		say(msg, n, "%s", _("far too long"));
		return VALID_LENGTH;
	}
	if (len == 0) {
		say(msg, n, "%s", valid_strerror(VALID_EMPTY));
		return VALID_EMPTY;
	}
	chars = valid_utf8_len(out);
	if (max_chars && chars > max_chars) {
		say(msg, n, _("must be at most %zu characters, not %zu"), max_chars, chars);
		out[0] = '\0';
		return VALID_LENGTH;
	}
	return VALID_OK;
}
