/* Unit tests of forms/idnum: 居民身份证号 GB 11643-1999 and 残疾人证.
 * The expected check characters were computed apart from the code under
 * test (by hand / a separate script from the standard's weights). */
#include <stdio.h>
#include <string.h>

#include "idnum.h"
#include "valid.h"
#include "tap.h"

#define TY 2025
#define TM 6
#define TD 15

static idnum_err parse(const char *s, idnum *id)
{
	return idnum_parse(s, TY, TM, TD, id);
}

static void good(const char *in, const char *want, const char *name)
{
	idnum id;
	idnum_err e = parse(in, &id);
	char msg[VALID_MSG_SIZE];

	idnum_explain(e, &id, msg, sizeof msg);
	if (!ok(e == IDNUM_OK, "%s: %s accepted", name, in))
		tap_diag("error %d: %s", e, msg);
	else
		is_str(id.id, want, "  normalised");
}

static void bad(const char *in, idnum_err want, const char *want_msg, const char *name)
{
	idnum id;
	idnum_err e = parse(in, &id);
	char msg[VALID_MSG_SIZE];

	idnum_explain(e, &id, msg, sizeof msg);
	is_int(e, want, name);
	if (want_msg)
		is_str(msg, want_msg, "  message");
}

static void test_check_char(void)
{
	is_int(idnum_check_char("11010519491231002"), 'X', "the standard's example has check X");
	is_int(idnum_check_char("11010519491231001"), '1', "check of ...001 is 1");
	is_int(idnum_check_char("44030420000229123"), '6', "check of a 2000-02-29 number is 6");
	is_int(idnum_check_char("1101051949123100A"), '?', "a letter in the 17 digits gives ?");
}

static void test_good(void)
{
	idnum id;

	good("11010519491231002X", "11010519491231002X", "the standard's example");
	good("11010519491231002x", "11010519491231002X", "lower-case x");
	good("  11010519491231002X \t", "11010519491231002X", "surrounding spaces");
	good("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "full-width digits and Ｘ");
	good("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", "full-width ｘ");
	good("\u3000110105 19491231 002X\u3000", "11010519491231002X", "ideographic and inner spaces");
	good("440304200002291236", "440304200002291236", "29 Feb 2000 (a leap year)");
	good("650102199003154567", "650102199003154567", "Xinjiang 65");
	good("810000199001010019", "810000199001010019", "Hong Kong 81");
	good("710000199001010031", "710000199001010031", "Taiwan 71");

	is_int(parse("11010519491231002X", &id), IDNUM_OK, "parse the example again");
	is_int(id.birth_y, 1949, "birth year 1949");
	is_int(id.birth_m, 12, "birth month 12");
	is_int(id.birth_d, 31, "birth day 31");
	is_int(id.sex, IDNUM_FEMALE, "002 is even: female");
	is_int(id.province, 11, "province 11 (北京)");
	is_int(id.from15, 0, "not converted");

	is_int(parse("110105198001010024", &id), IDNUM_OK, "another number");
	is_int(id.sex, IDNUM_FEMALE, "002 female");
	is_int(parse("110105194912310011", &id), IDNUM_OK, "...001 accepted");
	is_int(id.sex, IDNUM_MALE, "001 is odd: male");
}

static void test_15(void)
{
	idnum id;

	is_int(parse("110105491231002", &id), IDNUM_OK, "15-digit old number accepted");
	is_str(id.id, "11010519491231002X", "15 -> 18 inserts 19 and appends the check");
	is_int(id.from15, 1, "marked as converted");
	is_int(id.birth_y, 1949, "old number: year 1949");
	is_int(parse("１１０１０５４９１２３１００２", &id), IDNUM_OK, "full-width 15-digit");
	is_str(id.id, "11010519491231002X", "  converted");
	is_int(parse("11010549123100X", &id), IDNUM_CHARS, "15-digit with X is refused");
	is_int(parse("110105491331002", &id), IDNUM_DATE, "15-digit with month 13");
}

static void test_bad(void)
{
	idnum id;

	bad("110105194912310021", IDNUM_CHECK, "check digit should be X, not 1", "wrong check digit");
	bad("110105194912310013", IDNUM_CHECK, "check digit should be 1, not 3", "check should be 1, not 3");
	bad("", IDNUM_EMPTY, NULL, "empty");
	bad("   ", IDNUM_EMPTY, NULL, "only spaces");
	bad("11010519491231002", IDNUM_LENGTH,
	    "must be 18 characters (or an old 15-digit number), not 17", "17 characters");
	bad("11010519491231002X1", IDNUM_LENGTH, NULL, "19 characters");
	bad("1101051949", IDNUM_LENGTH, NULL, "10 characters");
	bad("1234567890123456789012345678901234567890123", IDNUM_LENGTH,
	    "must be 18 characters (or an old 15-digit number), not 43", "far too long: the real count");
	bad("1101051949123100XX", IDNUM_CHARS,
	    "may contain only digits and a final X; character 17 \"X\" is not allowed", "X not last");
	bad("11010519491231002Y", IDNUM_CHARS, NULL, "Y as check");
	bad("1101051949张231002X", IDNUM_CHARS,
	    "may contain only digits and a final X; character 11 \"张\" is not allowed", "a Chinese character");
	bad("11010519491231002\xff", IDNUM_CHARS, NULL, "not UTF-8");
	bad("190105198001010010", IDNUM_PROVINCE, "the first two digits 19 are not a province code",
	    "province 19 does not exist");
	bad("99010519800101001X", IDNUM_PROVINCE, NULL, "province 99 does not exist");
	bad("440304200102291233", IDNUM_DATE,
	    "characters 7-14 are not a real birth date: 2001 is not a leap year: February has 28 days",
	    "29 Feb 2001 (not leap)");
	bad("110105190002290017", IDNUM_DATE,
	    "characters 7-14 are not a real birth date: 1900 is not a leap year: February has 28 days",
	    "29 Feb 1900 (a century, not leap)");
	bad("110105198013010013", IDNUM_DATE,
	    "characters 7-14 are not a real birth date: month 13 does not exist", "month 13");
	bad("110105198004310014", IDNUM_DATE,
	    "characters 7-14 are not a real birth date: month 4 has only 30 days", "31 April");
	bad("11010520300101001X", IDNUM_FUTURE, "birth date 2030-01-01 is in the future", "born in 2030");
	bad("110105189912310015", IDNUM_EARLY, "birth date 1899-12-31 is before 1900", "born in 1899");

	/* 2023-02-28: a real day, but after "today" if today is earlier. */
	is_int(idnum_parse("440304202302281231", 2023, 2, 27, &id), IDNUM_FUTURE, "born tomorrow");
	is_int(idnum_parse("440304202302281231", 2023, 2, 28, &id), IDNUM_OK, "born today");
	is_int(idnum_parse("11010520300101001X", 0, 0, 0, &id), IDNUM_OK, "today 0 skips the future check");
}

static void test_age_mask(void)
{
	idnum id;
	char out[19];

	parse("11010519491231002X", &id);
	is_int(idnum_age_on(&id, 2009, 12, 30), 59, "one day before the 60th birthday: 59");
	is_int(idnum_age_on(&id, 2009, 12, 31), 60, "on the 60th birthday: 60");
	is_int(idnum_age_on(&id, 1949, 12, 30), -1, "before birth: -1");
	parse("440304200002291236", &id);
	is_int(idnum_age_on(&id, 2001, 2, 28), 0, "29 Feb child on 28 Feb 2001: 0");
	is_int(idnum_age_on(&id, 2001, 3, 1), 1, "and 1 on 1 March");
	is_int(idnum_age_on(&id, 2004, 2, 29), 4, "4 on 29 Feb 2004");

	is_str(idnum_mask("11010519491231002X", out), "110105********002X", "mask");
	is_str(idnum_mask("12345", out), "******************", "short input fully starred");
	is_str(idnum_mask(NULL, out), "******************", "NULL fully starred");
}

static void test_mismatch(void)
{
	idnum id;
	char msg[VALID_MSG_SIZE];

	parse("11010519491231002X", &id);
	is_int(idnum_check_sex(&id, IDNUM_FEMALE), IDNUM_OK, "typed female matches");
	is_int(idnum_check_sex(&id, IDNUM_MALE), IDNUM_SEX_MISMATCH, "typed male is a mismatch");
	idnum_explain(IDNUM_SEX_MISMATCH, &id, msg, sizeof msg);
	is_str(msg, "sex does not match the ID number, which says female", "  message");
	is_int(idnum_check_birth(&id, 1949, 12, 31), IDNUM_OK, "typed birth matches");
	is_int(idnum_check_birth(&id, 1950, 1, 1), IDNUM_BIRTH_MISMATCH, "typed birth differs");
	idnum_explain(IDNUM_BIRTH_MISMATCH, &id, msg, sizeof msg);
	is_str(msg, "birth date does not match the ID number, which says 1949-12-31", "  message");
	idnum_explain(IDNUM_CHECK, NULL, msg, sizeof msg);
	is_str(msg, "the check digit is wrong", "explain without details");
	idnum_explain(IDNUM_CHECK, &id, msg, 6);
	is_str(msg, "check", "a short buffer is cut, not overrun");
}

static void cert_bad(const char *in, const char *member, idnum_err want,
                     const char *want_msg, const char *name)
{
	idnum_cert c;
	char msg[VALID_MSG_SIZE];
	idnum_err e = idnum_cert_parse(in, member, &c);

	idnum_cert_explain(e, &c, msg, sizeof msg);
	is_int(e, want, name);
	if (want_msg)
		is_str(msg, want_msg, "  message");
}

static void test_cert(void)
{
	const char *m = "11010519491231002X";
	idnum_cert c;

	is_int(idnum_cert_parse("11010519491231002X41", m, &c), IDNUM_OK, "physical, grade 1");
	is_int(c.category, IDNUM_DIS_PHYSICAL, "  category 4");
	is_int(c.grade, 1, "  grade 1");
	is_int(c.reissue, 0, "  no re-issue");
	is_str(c.number, "11010519491231002X41", "  number");
	is_str(idnum_cert_category_name(c.category), "physical", "  category name");
	is_int(idnum_cert_parse("11010519491231002x74B1", m, &c), IDNUM_OK, "multiple, grade 4, B1");
	is_str(c.number, "11010519491231002X74B1", "  normalised");
	is_int(c.reissue, 1, "  re-issue 1");
	is_int(idnum_cert_parse("１１０１０５１９４９１２３１００２Ｘ１２ｂ９", m, &c), IDNUM_OK, "full-width, b9");
	is_int(c.reissue, 9, "  re-issue 9");
	is_int(idnum_cert_parse("11010519491231002X52", "110105491231002", &c), IDNUM_OK,
	       "member typed with the old 15-digit number");
	is_int(idnum_cert_parse("11010519491231002X62", NULL, &c), IDNUM_OK, "no member: prefix checked alone");

	cert_bad("11010519491231001X41", m, IDNUM_CERT_PREFIX,
	         "the first 18 characters must be the member's ID number; they differ at character 17",
	         "prefix is another person");
	cert_bad("11010519491231002141", NULL, IDNUM_CERT_PREFIX, NULL, "no member, bad check in prefix");
	cert_bad("11010519491231002X01", m, IDNUM_CERT_CATEGORY,
	         "character 19 is the category and must be 1-7, not 0", "category 0");
	cert_bad("11010519491231002X81", m, IDNUM_CERT_CATEGORY, NULL, "category 8");
	cert_bad("11010519491231002X45", m, IDNUM_CERT_GRADE,
	         "character 20 is the grade and must be 1-4, not 5", "grade 5");
	cert_bad("11010519491231002X40", m, IDNUM_CERT_GRADE, NULL, "grade 0");
	cert_bad("11010519491231002X41B0", m, IDNUM_CERT_SUFFIX,
	         "a re-issue mark must be B1-B9, not B0", "B0");
	cert_bad("11010519491231002X41BA", m, IDNUM_CERT_SUFFIX, NULL, "BA");
	cert_bad("11010519491231002X41C1", m, IDNUM_CERT_SUFFIX, NULL, "C1");
	cert_bad("11010519491231002X4", m, IDNUM_CERT_LENGTH, NULL, "19 characters");
	cert_bad("11010519491231002X41B", m, IDNUM_CERT_LENGTH, NULL, "21 characters");
	cert_bad("11010519491231002X41B12", m, IDNUM_CERT_LENGTH, NULL, "23 characters");
	cert_bad("", m, IDNUM_EMPTY, NULL, "empty");
	cert_bad("11010519491231002X4一", m, IDNUM_CHARS, NULL, "a Chinese numeral");
	ok(idnum_cert_category_name(0) == NULL && idnum_cert_category_name(8) == NULL,
	   "no category name outside 1-7");
	is_str(idnum_cert_grade_name(1), "grade 1 (most severe)", "grade name");
}

int main(void)
{
	test_check_char();
	test_good();
	test_15();
	test_bad();
	test_age_mask();
	test_mismatch();
	test_cert();
	return tap_done();
}
