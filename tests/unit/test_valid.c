/* Unit tests of forms/valid: phones, postal code, 民族, names, dates, yuan,
 * free text and the UTF-8 building blocks. */
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "i18n_test.h"
#include "idnum.h"
#include "valid.h"
#include "tap.h"

typedef valid_err (*str_fn)(const char *, char *, char *, size_t);

static valid_err mobile(const char *in, char *out, char *msg, size_t n)
{
	return valid_mobile(in, out, msg, n);
}

static valid_err landline(const char *in, char *out, char *msg, size_t n)
{
	return valid_landline(in, out, msg, n);
}

static valid_err postal(const char *in, char *out, char *msg, size_t n)
{
	return valid_postal(in, out, msg, n);
}

static valid_err bank_card(const char *in, char *out, char *msg, size_t n)
{
	return valid_bank_card(in, out, msg, n);
}

static valid_err name(const char *in, char *out, char *msg, size_t n)
{
	return valid_name(in, out, msg, n);
}

/* want_err VALID_OK: want is the normalised value; otherwise want (may be
 * NULL) is the message. */
static void check(str_fn fn, const char *in, valid_err want_err, const char *want,
                  const char *label)
{
	char out[VALID_NAME_SIZE] = "", msg[VALID_MSG_SIZE] = "";
	valid_err e = fn(in, out, msg, sizeof msg);

	if (!ok(e == want_err, "%s: \"%s\"", label, in))
		tap_diag("got error %d (%s), want %d", e, msg, want_err);
	else if (want_err == VALID_OK && want)
		is_str(out, want, "  normalised");
	else if (want_err != VALID_OK) {
		ok(msg[0] != '\0', "  says what is wrong: %s", msg);
		if (want)
			is_str(msg, want, "  message");
	}
}

static void test_utf8(void)
{
	uint32_t cp;
	char buf[5];

	is_int(valid_utf8_next("张", &cp), 3, "张 is 3 bytes");
	is_int(cp, 0x5F20, "  U+5F20");
	is_int(valid_utf8_next("\xF0\xA0\x80\x80", &cp), 4, "Extension B is 4 bytes");
	is_int(cp, 0x20000, "  U+20000");
	is_int(valid_utf8_next("\xC0\x80", &cp), 1, "overlong NUL refused");
	is_int(cp, 0xFFFD, "  as U+FFFD");
	is_int(valid_utf8_next("\xED\xA0\x80", &cp), 1, "surrogate refused");
	is_int(valid_utf8_next("\xE5\xBC", &cp), 1, "cut-short sequence refused");
	is_int(valid_utf8_put(0xB7, buf), 2, "· is 2 bytes");
	is_str(buf, "·", "  encoded");
	is_int(valid_utf8_len("阿依古丽·买买提"), 8, "characters, not bytes");
}

static void test_mobile(void)
{
	check(mobile, "13812345678", VALID_OK, "13812345678", "plain mobile");
	check(mobile, "+86 138 1234 5678", VALID_OK, "13812345678", "+86 with spaces");
	check(mobile, "+86-138-1234-5678", VALID_OK, "13812345678", "+86 with dashes");
	check(mobile, "8613812345678", VALID_OK, "13812345678", "86 without +");
	check(mobile, "008613812345678", VALID_OK, "13812345678", "0086");
	check(mobile, "１３９１２３４５６７８", VALID_OK, "13912345678", "full-width digits");
	check(mobile, "＋８６　１９９１２３４５６７８", VALID_OK, "19912345678", "full-width +86 and space");
	check(mobile, "12812345678", VALID_PREFIX, "must be 11 digits starting with 13-19", "12x bad");
	check(mobile, "10012345678", VALID_PREFIX, NULL, "100 bad");
	check(mobile, "23812345678", VALID_PREFIX, NULL, "not starting with 1");
	check(mobile, "1381234567", VALID_LENGTH,
	      "must be 11 digits starting with 13-19, not 10 digits", "10 digits");
	check(mobile, "138123456789", VALID_LENGTH, NULL, "12 digits");
	check(mobile, "+1 415 555 0100", VALID_PREFIX, NULL, "a US number");
	check(mobile, "138a2345678", VALID_CHARS, "\"a\" is not allowed here", "a letter");
	check(mobile, "138一2345678", VALID_CHARS, NULL, "a Chinese numeral");
	check(mobile, "", VALID_EMPTY, NULL, "empty");
	check(mobile, "1381234+5678", VALID_CHARS, NULL, "+ in the middle");
}

static void test_landline(void)
{
	check(landline, "010-12345678", VALID_OK, "010-12345678", "Beijing");
	check(landline, "010-12345678-123", VALID_OK, "010-12345678-123", "with extension");
	check(landline, "0755 1234567", VALID_OK, "0755-1234567", "Shenzhen, 7 digits");
	check(landline, "(021)87654321", VALID_OK, "021-87654321", "parentheses");
	check(landline, "01012345678", VALID_OK, "010-12345678", "written together, 010");
	check(landline, "075512345678", VALID_OK, "0755-12345678", "written together, 0755");
	check(landline, "0755-12345678转8001", VALID_OK, "0755-12345678-8001", "转 extension");
	check(landline, "010 12345678 ext 12", VALID_OK, "010-12345678-12", "ext");
	check(landline, "０１０－１２３４５６７８", VALID_OK, "010-12345678", "full-width");
	check(landline, "010 8888 6666", VALID_OK, "010-88886666", "number in two halves");
	check(landline, "0755 888 6666", VALID_OK, "0755-8886666", "7-digit number in two halves");
	check(landline, "010 8888 6666 12", VALID_FORMAT, NULL, "halves and an extension: too many parts");
	check(landline, "12345678", VALID_AREA, NULL, "no area code");
	check(landline, "0101-2345678", VALID_AREA, NULL, "0101 is no area code");
	check(landline, "010-123456", VALID_LENGTH,
	      "the number after the area code must be 7-8 digits, not 6", "6-digit number");
	check(landline, "010-123456789", VALID_LENGTH, NULL, "9-digit number");
	check(landline, "010-02345678", VALID_FORMAT, NULL, "number starting with 0");
	check(landline, "010-12345678-1234567", VALID_FORMAT, NULL, "7-digit extension");
	check(landline, "010-1234-5678-9-1", VALID_FORMAT, NULL, "too many parts");
	check(landline, "010/12345678", VALID_CHARS, NULL, "a slash");
	check(landline, "", VALID_EMPTY, NULL, "empty");
}

/* valid_phone: the field that takes either shape */
static void test_phone(void)
{
	char out[VALID_LANDLINE_SIZE], msg[VALID_MSG_SIZE];

	is_int(valid_phone("12345", out, msg, sizeof msg), VALID_LENGTH, "either: 5 digits");
	is_str(msg, "must be a mobile (11 digits, 13-19...) or a landline like 010-12345678",
	       "either: told both shapes");
	is_int(valid_phone("12812345678", out, msg, sizeof msg), VALID_PREFIX, "either: 12x");
	is_str(msg, "must be a mobile (11 digits, 13-19...) or a landline like 010-12345678",
	       "either: a wrong beginning told both shapes");
	is_int(valid_phone("+44 20 7946 0000", out, msg, sizeof msg), VALID_PREFIX, "either: abroad");
	is_str(msg, "only mainland China mobile numbers (+86) are accepted", "either: abroad keeps its reason");
	is_int(valid_phone("12a45", out, msg, sizeof msg), VALID_CHARS, "either: a letter");
	is_str(msg, "\"a\" is not allowed here", "either: the letter is named");
	is_int(valid_phone(" 0755-1234567 ", out, msg, sizeof msg), VALID_OK, "either: landline");
	is_str(out, "0755-1234567", "either: landline normalised");
	is_int(valid_phone("86 138-1234-5678", out, msg, sizeof msg), VALID_OK, "either: mobile");
	is_str(out, "13812345678", "either: mobile normalised");
	/* what valid_mobile or valid_landline alone takes, the field takes */
	is_int(valid_phone("0086 138 1234 5678", out, msg, sizeof msg), VALID_OK, "either: 0086 before a mobile");
	is_str(out, "13812345678", "either: 0086 dropped");
	is_int(valid_phone("(010) 1234 5678", out, msg, sizeof msg), VALID_OK, "either: area code in brackets");
	is_str(out, "010-12345678", "either: brackets dropped");
	is_int(valid_phone("０１０-１２３４５６７８", out, msg, sizeof msg), VALID_OK, "either: full-width landline");
	is_str(out, "010-12345678", "either: full-width landline normalised");
	is_int(valid_phone("(010) 123", out, msg, sizeof msg), VALID_LENGTH, "either: a short landline");
	is_str(msg, "the number after the area code must be 7-8 digits, not 3",
	       "either: begun like an area code, the landline's own message");
	is_int(valid_phone("0086 138", out, msg, sizeof msg), VALID_LENGTH, "either: 0086 and too few digits");
	is_str(msg, "must be a mobile (11 digits, 13-19...) or a landline like 010-12345678",
	       "either: 00 is no area code: told both shapes");
	is_int(valid_mobile("12345", out, msg, sizeof msg), VALID_LENGTH, "mobile only: 5 digits");
	is_str(msg, "must be 11 digits starting with 13-19, not 5 digits", "mobile only: the mobile's message");
}

static void test_postal(void)
{
	check(postal, "100000", VALID_OK, "100000", "Beijing postal code");
	check(postal, " ５１８０００ ", VALID_OK, "518000", "full-width with spaces");
	check(postal, "10000", VALID_LENGTH, "must be 6 digits, not 5", "5 digits");
	check(postal, "1000000", VALID_LENGTH, NULL, "7 digits");
	check(postal, "10000A", VALID_CHARS, NULL, "a letter");
	check(postal, "", VALID_EMPTY, NULL, "empty");
}

static void test_bank_card(void)
{
	char out[VALID_BANK_CARD_SIZE], msg[VALID_MSG_SIZE];

	check(bank_card, "6222021234567890123", VALID_OK, "6222021234567890123", "19 digits");
	check(bank_card, "6222 0212 3456 7890", VALID_OK, "6222021234567890", "groups of 4: spaces dropped");
	check(bank_card, "６２２２０２１２３４５６", VALID_OK, "622202123456", "12 full-width digits");
	check(bank_card, "62220212345", VALID_LENGTH, "a bank card number has 12 to 19 digits, not 11",
	      "11 digits");
	check(bank_card, "62220212345678901234", VALID_LENGTH, NULL, "20 digits");
	check(bank_card, "6222-0212-3456-7890", VALID_CHARS, NULL, "dashes");
	check(bank_card, "  ", VALID_EMPTY, NULL, "spaces only");
	is_int(valid_bank_card("", out, msg, sizeof msg), VALID_EMPTY, "empty: nothing typed");
}

static void ethnic(const char *in, valid_err want, int want_code, const char *label)
{
	int code = -1;
	char msg[VALID_MSG_SIZE];
	valid_err e = valid_ethnic(in, &code, msg, sizeof msg);

	if (!ok(e == want && code == want_code, "%s: \"%s\"", label, in))
		tap_diag("got error %d code %d (%s)", e, code, msg);
}

static void test_ethnic(void)
{
	ethnic("01", VALID_OK, 1, "code 01");
	ethnic("1", VALID_OK, 1, "code 1");
	ethnic("５６", VALID_OK, 56, "full-width code 56");
	ethnic("汉族", VALID_OK, 1, "汉族");
	ethnic("汉", VALID_OK, 1, "汉 without 族");
	ethnic("维吾尔族", VALID_OK, 5, "维吾尔族");
	ethnic("维吾尔", VALID_OK, 5, "维吾尔");
	ethnic(" 蒙古族 ", VALID_OK, 2, "蒙古族 with spaces");
	ethnic("土", VALID_OK, 30, "土 is 土族, not 土家族");
	ethnic("土家", VALID_OK, 15, "土家 is 土家族");
	ethnic("基诺族", VALID_OK, 56, "the last: 基诺族");
	ethnic("柯尔克孜族", VALID_OK, 29, "柯尔克孜族");
	ethnic("00", VALID_UNKNOWN, 0, "code 00");
	ethnic("57", VALID_UNKNOWN, 0, "code 57");
	ethnic("123", VALID_UNKNOWN, 0, "code 123");
	ethnic("汉人", VALID_UNKNOWN, 0, "汉人");
	ethnic("族", VALID_UNKNOWN, 0, "族 alone");
	ethnic("蒙", VALID_UNKNOWN, 0, "蒙 is not a whole name");
	ethnic("", VALID_EMPTY, 0, "empty");
	is_str(valid_ethnic_name(1), "汉族", "name of 01");
	is_str(valid_ethnic_name(5), "维吾尔族", "name of 05");
	ok(valid_ethnic_name(0) == NULL && valid_ethnic_name(57) == NULL, "no name outside 1-56");
	for (int c = 1; c <= VALID_ETHNIC_COUNT; c++) {
		int got = 0;
		char msg[VALID_MSG_SIZE];

		if (valid_ethnic(valid_ethnic_name(c), &got, msg, sizeof msg) != VALID_OK || got != c)
			break;
		if (c == VALID_ETHNIC_COUNT)
			ok(1, "every one of the 56 names finds its own code");
	}
}

static void test_name(void)
{
	char thirty_one[200] = "";

	check(name, "张伟", VALID_OK, "张伟", "张伟");
	check(name, "王", VALID_OK, "王", "one character");
	check(name, "阿依古丽·买买提", VALID_OK, "阿依古丽·买买提", "middle dot U+00B7");
	check(name, "阿依古丽・买买提", VALID_OK, "阿依古丽·买买提", "katakana dot U+30FB normalised");
	check(name, "阿依古丽•买买提", VALID_OK, "阿依古丽·买买提", "bullet U+2022 normalised");
	check(name, "John Smith", VALID_OK, "John Smith", "John Smith");
	check(name, "  John   Smith ", VALID_OK, "John Smith", "spaces trimmed and collapsed");
	check(name, "Ｊｏｈｎ", VALID_OK, "John", "full-width Latin");
	check(name, "Jean-Pierre O'Neil", VALID_OK, "Jean-Pierre O'Neil", "hyphen and apostrophe");
	check(name, "José Müller", VALID_OK, "José Müller", "accented Latin");
	check(name, "㐀伟", VALID_OK, "㐀伟", "Extension A");
	check(name, "\xF0\xA0\x80\x80伟", VALID_OK, "\xF0\xA0\x80\x80伟", "Extension B");
	/* 30 characters is the limit, 31 is one too many. */
	for (int i = 0; i < 30; i++)
		strcat(thirty_one, "张");
	check(name, thirty_one, VALID_OK, thirty_one, "30 characters");
	strcat(thirty_one, "张");
	check(name, thirty_one, VALID_LENGTH, "must be at most 30 characters, not 31", "31 characters");
	check(name, "张伟3", VALID_CHARS, "a name cannot contain digits", "digits");
	check(name, "·张伟", VALID_FORMAT,
	      "the middle dot may only stand between two parts of the name", "a leading dot");
	check(name, "张伟·", VALID_FORMAT, NULL, "a trailing dot");
	check(name, "张··伟", VALID_FORMAT, NULL, "two dots");
	check(name, "张 伟", VALID_FORMAT, NULL, "a space between Chinese characters");
	check(name, "John ·Smith", VALID_FORMAT, NULL, "dot next to a space");
	check(name, "-John", VALID_FORMAT, NULL, "leading hyphen");
	check(name, "张伟!", VALID_CHARS, "\"!\" cannot be part of a name", "punctuation");
	check(name, "김철수", VALID_CHARS, NULL, "Hangul");
	check(name, "", VALID_EMPTY, NULL, "empty");
	check(name, "   ", VALID_EMPTY, NULL, "only spaces");
	check(name, "张\xff", VALID_ENCODING, NULL, "not UTF-8");
}

static void date_ok(const char *in, int y, int m, int d, const char *label)
{
	valid_day day;
	char msg[VALID_MSG_SIZE];
	valid_err e = valid_date(in, NULL, NULL, &day, msg, sizeof msg);

	if (!ok(e == VALID_OK && day.y == y && day.m == m && day.d == d, "%s: \"%s\"", label, in))
		tap_diag("got %d (%s) %d-%d-%d", e, msg, day.y, day.m, day.d);
}

static void date_bad(const char *in, const valid_day *min, const valid_day *max,
                     valid_err want, const char *want_msg, const char *label)
{
	valid_day day;
	char msg[VALID_MSG_SIZE];
	valid_err e = valid_date(in, min, max, &day, msg, sizeof msg);

	is_int(e, want, label);
	if (want_msg)
		is_str(msg, want_msg, "  message");
}

static void test_date(void)
{
	valid_day lo = {2020, 1, 1}, hi = {2025, 6, 15};

	date_ok("2024-02-29", 2024, 2, 29, "Feb 29 in a leap year");
	date_ok("20000229", 2000, 2, 29, "YYYYMMDD, 2000 is leap");
	date_ok("2025-3-8", 2025, 3, 8, "one-digit month and day");
	date_ok("2025/03/08", 2025, 3, 8, "slashes");
	date_ok("2025.03.08", 2025, 3, 8, "dots");
	date_ok("２０２５－０３－０８", 2025, 3, 8, "full-width");
	date_ok("2025年3月8日", 2025, 3, 8, "年月日");
	date_ok(" 2025-12-31 ", 2025, 12, 31, "spaces around");
	date_bad("2023-02-29", NULL, NULL, VALID_DATE,
	         "2023 is not a leap year: February has 28 days", "Feb 29 in 2023");
	date_bad("19000229", NULL, NULL, VALID_DATE, NULL, "Feb 29 in 1900");
	date_bad("2025-13-01", NULL, NULL, VALID_DATE, "month 13 does not exist", "month 13");
	date_bad("2025-00-10", NULL, NULL, VALID_DATE, "month 0 does not exist", "month 0");
	date_bad("2025-04-31", NULL, NULL, VALID_DATE, "month 4 has only 30 days", "31 April");
	date_bad("2025-01-32", NULL, NULL, VALID_DATE, "day 32 does not exist", "day 32");
	date_bad("2025-01-00", NULL, NULL, VALID_DATE, NULL, "day 0");
	date_bad("25-01-01", NULL, NULL, VALID_FORMAT, NULL, "two-digit year");
	date_bad("2025-01", NULL, NULL, VALID_FORMAT, NULL, "no day");
	date_bad("2025-01/01", NULL, NULL, VALID_FORMAT, NULL, "mixed separators");
	date_bad("2025-001-01", NULL, NULL, VALID_FORMAT, NULL, "three-digit month");
	date_bad("202501011", NULL, NULL, VALID_FORMAT, NULL, "nine digits");
	date_bad("yesterday", NULL, NULL, VALID_FORMAT, NULL, "a word");
	date_bad("", NULL, NULL, VALID_EMPTY, NULL, "empty");
	date_bad("2019-12-31", &lo, &hi, VALID_RANGE, "must not be before 2020-01-01", "before the lower bound");
	date_bad("2025-06-16", &lo, &hi, VALID_RANGE, "must not be after 2025-06-15", "after the upper bound");
	date_bad("2020-01-01", &lo, &hi, VALID_OK, NULL, "the lower bound itself");
	date_bad("2025-06-15", &lo, &hi, VALID_OK, NULL, "the upper bound itself");
}

static void yuan(const char *in, valid_err want, int64_t want_fen, const char *want_msg,
                 const char *label)
{
	int64_t fen = -1;
	char msg[VALID_MSG_SIZE];
	valid_err e = valid_yuan(in, &fen, msg, sizeof msg);

	if (!ok(e == want, "%s: \"%s\"", label, in))
		tap_diag("got error %d (%s), want %d", e, msg, want);
	else if (want == VALID_OK)
		is_int(fen, want_fen, "  fen");
	else if (want_msg)
		is_str(msg, want_msg, "  message");
}

static void test_yuan(void)
{
	char buf[32];

	yuan("500", VALID_OK, 50000, NULL, "500");
	yuan("500.5", VALID_OK, 50050, NULL, "500.5");
	yuan("500.50", VALID_OK, 50050, NULL, "500.50");
	yuan("0.01", VALID_OK, 1, NULL, "0.01");
	yuan("0", VALID_OK, 0, NULL, "0");
	yuan(".5", VALID_OK, 50, NULL, ".5");
	yuan("5.", VALID_OK, 500, NULL, "5.");
	yuan("１２３．４", VALID_OK, 12340, NULL, "full-width");
	yuan("¥800", VALID_OK, 80000, NULL, "¥");
	yuan("￥ 800.00", VALID_OK, 80000, NULL, "full-width ￥ and a space");
	yuan("300元", VALID_OK, 30000, NULL, "元 after");
	yuan("92233720368547758.07", VALID_OK, INT64_MAX, NULL, "the largest amount");
	yuan("92233720368547758.08", VALID_OVERFLOW, 0, NULL, "one fen more overflows");
	yuan("99999999999999999999", VALID_OVERFLOW, 0, "the amount is too large", "far too large");
	yuan("500.555", VALID_DECIMALS, 0, "at most 2 decimals (fen), not 3", "3 decimals");
	yuan("-1", VALID_NEGATIVE, 0, "an amount cannot be negative", "-1");
	yuan("¥-1", VALID_NEGATIVE, 0, NULL, "¥-1");
	yuan("－５", VALID_NEGATIVE, 0, NULL, "full-width minus");
	yuan("$5", VALID_FORMAT, 0, NULL, "a dollar sign is no yuan");
	yuan("5Y", VALID_FORMAT, 0, NULL, "a Y is no 元");
	yuan("1,000", VALID_FORMAT, 0, NULL, "commas");
	yuan("1.2.3", VALID_FORMAT, 0, NULL, "two points");
	yuan(".", VALID_FORMAT, 0, NULL, "a point alone");
	yuan("¥", VALID_FORMAT, 0, NULL, "¥ alone");
	yuan("5元5", VALID_FORMAT, 0, NULL, "元 in the middle");
	yuan("1e3", VALID_FORMAT, 0, NULL, "exponent");
	yuan("五百", VALID_CHARS, 0, NULL, "Chinese numerals");
	yuan("", VALID_EMPTY, 0, NULL, "empty");
	valid_yuan_format(50050, buf, sizeof buf);
	is_str(buf, "500.50", "format 50050 fen");
	valid_yuan_format(1, buf, sizeof buf);
	is_str(buf, "0.01", "format 1 fen");
	valid_yuan_format(-250, buf, sizeof buf);
	is_str(buf, "-2.50", "format -250 fen");
	valid_yuan_format(INT64_MIN, buf, sizeof buf);
	is_str(buf, "-92233720368547758.08", "format INT64_MIN");
}

static void test_text(void)
{
	char out[64], msg[VALID_MSG_SIZE];

	is_int(valid_text_required(" 失业证 No.123 ", 20, out, sizeof out, msg, sizeof msg), VALID_OK,
	       "free text");
	is_str(out, "失业证 No.123", "  trimmed");
	is_int(valid_text_required("\u3000", 20, out, sizeof out, msg, sizeof msg), VALID_EMPTY,
	       "an ideographic space is empty");
	is_int(valid_text_required(NULL, 20, out, sizeof out, msg, sizeof msg), VALID_EMPTY, "NULL is empty");
	is_int(valid_text_required("一二三四五六", 5, out, sizeof out, msg, sizeof msg), VALID_LENGTH,
	       "6 characters where 5 are allowed");
	is_str(msg, "must be at most 5 characters, not 6", "  message counts characters");
	is_int(valid_text_required("一二三四五", 5, out, sizeof out, msg, sizeof msg), VALID_OK,
	       "5 characters (15 bytes) allowed");
	is_int(valid_text_required("a\nb", 0, out, sizeof out, msg, sizeof msg), VALID_CHARS,
	       "a newline is refused");
	is_int(valid_text_required("ab\xff", 0, out, sizeof out, msg, sizeof msg), VALID_ENCODING,
	       "not UTF-8");
}

/* The messages in Chinese, from the catalogue the build compiles. */
static void test_chinese(void)
{
	char why[PATH_MAX + 64], msg[VALID_MSG_SIZE], out[VALID_NAME_SIZE];
	idnum id;
	int64_t fen;
	valid_day day;

	if (!i18n_test_zh(why, sizeof why)) {
		ok(1, "# SKIP %s", why);
		setlocale(LC_ALL, "C");
		return;
	}
	idnum_explain(idnum_parse("110105194912310021", 2025, 1, 1, &id), &id, msg, sizeof msg);
	is_str(msg, "校验位应为 X，而不是 1", "zh: wrong check digit");
	valid_date("2023-02-29", NULL, NULL, &day, msg, sizeof msg);
	is_str(msg, "2023 年不是闰年，2 月只有 28 天", "zh: no 29 February");
	valid_date("2025-13-01", NULL, NULL, &day, msg, sizeof msg);
	is_str(msg, "月份 13 不存在", "zh: month 13");
	valid_mobile("12812345678", out, msg, sizeof msg);
	is_str(msg, "应为以 13–19 开头的 11 位数字", "zh: mobile prefix");
	valid_yuan("500.555", &fen, msg, sizeof msg);
	is_str(msg, "最多 2 位小数（到分），现在是 3 位", "zh: 3 decimals");
	valid_bank_card("1234", out, msg, sizeof msg);
	is_str(msg, "银行卡号应为 12 至 19 位数字，现在是 4 位", "zh: bank card of 4 digits");
	valid_name("张伟3", out, msg, sizeof msg);
	is_str(msg, "姓名中不能有数字", "zh: digits in a name");
	valid_name("张伟!", out, msg, sizeof msg);
	is_str(msg, "姓名中不能有“!”", "zh: the bad character is named");
	is_str(idnum_cert_category_name(IDNUM_DIS_VISUAL), "视力残疾", "zh: category name");
	is_str(idnum_sex_name(IDNUM_MALE), "男", "zh: sex");
	setlocale(LC_ALL, "C");
}

int main(void)
{
	test_utf8();
	test_mobile();
	test_landline();
	test_phone();
	test_postal();
	test_bank_card();
	test_ethnic();
	test_name();
	test_date();
	test_yuan();
	test_text();
	test_chinese();
	return tap_done();
}
