/* valid.c - field validators of the 救助申请表 (DESIGN §3). UTF-8 is decoded
 * here, not by the locale, so answers do not depend on the terminal. */
#include "valid.h"
#include "valid_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

void valid_say(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (!msg || n == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
}

void valid_clear_msg(char *msg, size_t n)
{
	if (msg && n)
		msg[0] = '\0';
}

valid_err valid_fail(valid_err e, const char *text, char *msg, size_t n)
{
	valid_say(msg, n, "%s", text);
	return e;
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
	static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

	if (n == 1)
		out[0] = (char)cp;
	for (size_t i = n - 1; n > 1 && i > 0; i--, cp >>= 6)
		out[i] = (char)(0x80 | (cp & 0x3F));
	if (n > 1)
		out[0] = (char)(lead[n] | cp);
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

valid_err valid_fold(const char *utf8, char *out, size_t cap, char bad[5],
                     int *badpos, valid_fold_extra_fn extra)
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
	return valid_fold(utf8, out, cap, bad, badpos, NULL);
}

valid_err valid_fold_failed(valid_err e, const char *bad, char *msg, size_t n)
{
	if (e == VALID_CHARS)
		valid_say(msg, n, _("\"%s\" is not allowed here"), bad);
	else if (e == VALID_ENCODING)
		valid_say(msg, n, "%s", valid_strerror(e));
	else
		valid_say(msg, n, "%s", _("far too long"));
	return e;
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
	valid_clear_msg(msg, n);
	if (y < 1)
		valid_say(msg, n, _("year %d does not exist"), y);
	else if (m < 1 || m > 12)
		valid_say(msg, n, _("month %d does not exist"), m);
	else if (d < 1 || d > 31)
		valid_say(msg, n, _("day %d does not exist"), d);
	else if (m == 2 && d == 29 && !valid_is_leap(y))
		valid_say(msg, n, _("%d is not a leap year: February has 28 days"), y);
	else if (d > valid_days_in_month(y, m))
		valid_say(msg, n, _("month %d has only %d days"), m, valid_days_in_month(y, m));
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
	valid_clear_msg(msg, n);
	if (!utf8 || trim_copy(utf8, s, sizeof s) < 0)
		return valid_fail(VALID_UNKNOWN, _("is not one of the 56 ethnic groups"), msg, n);
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	/* A code, perhaps typed with full-width digits. */
	if (valid_fold(s, digits, sizeof digits, bad, NULL, NULL) == VALID_OK
	    && valid_all_digits(digits)) {
		int c = digits[0] - '0';

		if (strlen(digits) <= 2) {
			if (digits[1])
				c = c * 10 + digits[1] - '0';
			if (c >= 1 && c <= VALID_ETHNIC_COUNT) {
				*code = c;
				return VALID_OK;
			}
		}
		valid_say(msg, n, _("code %s does not exist: the codes run from 01 to 56"), digits);
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
	valid_say(msg, n, _("\"%s\" is not one of the 56 ethnic groups"), s);
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
	uint32_t cp[VALID_NAME_MAX_CHARS], c;
	unsigned char cls[VALID_NAME_MAX_CHARS];
	size_t count = 0, total = 0, k, o = 0;
	int pending_space = 0;

	out[0] = '\0';
	valid_clear_msg(msg, n);
	if (!utf8)
		utf8 = "";
	while ((k = valid_utf8_next(utf8, &c)) > 0) {
		int kind;

		if (c == 0xFFFD && k == 1)
			return valid_fail(VALID_ENCODING, valid_strerror(VALID_ENCODING), msg, n);
		utf8 += k;
		if (c == 0x30FB || c == 0x2022 || c == 0xFF65 || c == 0x2027)
			c = 0xB7;
		else if (c != 0x3007)
			c = fold_char(c);
		if (c == ' ' || c == '\t') {
			pending_space = total > 0;  /* leading spaces are dropped */
			continue;
		}
		kind = is_han(c) ? NC_HAN : is_latin(c) ? NC_LATIN : c == 0xB7 ? NC_DOT
		     : (c == '-' || c == '\'') ? NC_JOIN : -1;
		if (kind < 0) {
			char bad[5];

			if (c >= '0' && c <= '9')
				return valid_fail(VALID_CHARS, _("a name cannot contain digits"), msg, n);
			valid_utf8_put(c, bad);
			valid_say(msg, n, _("\"%s\" cannot be part of a name"), bad);
			return VALID_CHARS;
		}
		/* Runs of spaces become one; trailing ones are dropped. Past the
		 * limit only the count goes on, for the message. */
		for (int sp = pending_space; sp >= 0; sp--, total++) {
			if (count < VALID_NAME_MAX_CHARS) {
				cp[count] = sp ? ' ' : c;
				cls[count++] = (unsigned char)(sp ? NC_SPACE : kind);
			}
		}
		pending_space = 0;
	}
	if (total == 0)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	if (total > VALID_NAME_MAX_CHARS) {
		valid_say(msg, n, _("must be at most %d characters, not %zu"),
		    VALID_NAME_MAX_CHARS, total);
		return VALID_LENGTH;
	}
	for (size_t i = 0; i < count; i++) {
		int prev = i > 0 ? cls[i - 1] : -1;
		int next = i + 1 < count ? cls[i + 1] : -1;
		int letters = (prev == NC_HAN || prev == NC_LATIN)
		           && (next == NC_HAN || next == NC_LATIN);

		if (cls[i] == NC_DOT && !letters)
			return valid_fail(VALID_FORMAT, _("the middle dot may only stand between two parts of the name"), msg, n);
		if (cls[i] == NC_SPACE && !(prev == NC_LATIN && next == NC_LATIN))
			return valid_fail(VALID_FORMAT, _("a space may only stand between two parts of a Latin-letter name"), msg, n);
		if (cls[i] == NC_JOIN && !(prev == NC_LATIN && next == NC_LATIN))
			return valid_fail(VALID_FORMAT, _("- and ' may only stand inside a Latin-letter name"), msg, n);
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

	while (valid_is_digit(**p) && len < max + 1) {
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
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, date_extra)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	if (valid_all_digits(s) && strlen(s) == 8) {
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
		if (day.y < 0 || day.m <= -1 || day.d < 0 || *p || sep == '\0')
			return valid_fail(VALID_FORMAT, _("write the date as YYYY-MM-DD or YYYYMMDD, e.g. 2025-03-08"), msg, n);
	}
	if (!valid_date_exists(day.y, day.m, day.d)) {
		valid_date_problem(day.y, day.m, day.d, msg, n);
		return VALID_DATE;
	}
	if (min && valid_day_cmp(&day, min) < 0) {
		valid_say(msg, n, _("must not be before %04d-%02d-%02d"), min->y, min->m, min->d);
		return VALID_RANGE;
	}
	if (max && valid_day_cmp(&day, max) > 0) {
		valid_say(msg, n, _("must not be after %04d-%02d-%02d"), max->y, max->m, max->d);
		return VALID_RANGE;
	}
	*out = day;
	return VALID_OK;
}

/* ---- money ---- */

enum { YUAN_SIGN = 1, YUAN_UNIT = 2 };

static int yuan_extra(uint32_t cp)
{
	/* Markers outside printable ASCII, so a typed $ or Y stays an error. */
	if (cp == 0xA5 || cp == 0xFFE5)   /* ¥ ￥ */
		return YUAN_SIGN;
	if (cp == 0x5143)                 /* 元 */
		return YUAN_UNIT;
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
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, yuan_extra)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	len = strlen(s);
	if (len && s[len - 1] == YUAN_UNIT) {   /* 元 only at the end */
		s[--len] = '\0';
		while (len && s[len - 1] == ' ')
			s[--len] = '\0';
	}
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	if (*p == '-' || (*p == YUAN_SIGN && p[strspn(p + 1, " ") + 1] == '-'))
		return valid_fail(VALID_NEGATIVE, _("an amount cannot be negative"), msg, n);
	if (*p == YUAN_SIGN)
		p += 1 + strspn(p + 1, " ");
	for (; valid_is_digit(*p); p++, digits++) {
		if (yuan > INT64_MAX / 100)   /* keeps yuan * 10 + 9 in range */
			goto too_large;
		yuan = yuan * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; valid_is_digit(*p); p++, decimals++)
			if (decimals < 2)
				cents = cents * 10 + (*p - '0');
	}
	if (*p == ',' && digits)
		return valid_fail(VALID_FORMAT, _("write the amount without commas, e.g. 1234.50"), msg, n);
	if (*p || (digits == 0 && decimals == 0))
		return valid_fail(VALID_FORMAT, _("write the amount in yuan, e.g. 500 or 500.50"), msg, n);
	if (decimals > 2) {
		valid_say(msg, n, _("at most 2 decimals (fen), not %d"), decimals);
		return VALID_DECIMALS;
	}
	if (decimals == 1)
		cents *= 10;
	if (yuan > (INT64_MAX - cents) / 100)
		goto too_large;
	*fen = yuan * 100 + cents;
	return VALID_OK;
too_large:
	return valid_fail(VALID_OVERFLOW, _("the amount is too large"), msg, n);
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
	valid_clear_msg(msg, n);
	if (!utf8)
		utf8 = "";
	for (p = utf8; (k = valid_utf8_next(p, &cp)) > 0; p += k) {
		if (cp == 0xFFFD && k == 1)
			return valid_fail(VALID_ENCODING, valid_strerror(VALID_ENCODING), msg, n);
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
			return valid_fail(VALID_CHARS, _("contains a control character"), msg, n);
	}
	len = trim_copy(utf8, out, cap);
	if (len < 0)
		return valid_fail(VALID_LENGTH, _("far too long"), msg, n);
	if (len == 0)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	chars = valid_utf8_len(out);
	if (max_chars && chars > max_chars) {
		valid_say(msg, n, _("must be at most %zu characters, not %zu"), max_chars, chars);
		out[0] = '\0';
		return VALID_LENGTH;
	}
	return VALID_OK;
}
