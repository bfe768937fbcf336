/* test_enc.c - conversions between wide text, UTF-8 and GB18030. */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "enc.h"
#include "tap.h"

static void test_enc_utf8_to_wcs(void)
{
	const char *name = "张伟·阿依古丽";
	size_t n = 99;
	wchar_t *w = enc_utf8_to_wcs(name, strlen(name), &n);

	ok(w != NULL, "utf8_to_wcs: 张伟·阿依古丽 converts");
	is_int(n, 7, "utf8_to_wcs: seven characters, not bytes");
	ok(w && wcscmp(w, L"张伟·阿依古丽") == 0, "utf8_to_wcs: the same characters");
	ok(w && w[n] == L'\0', "utf8_to_wcs: NUL-terminated");
	free(w);

	w = enc_utf8_to_wcs("", 0, &n);
	ok(w && n == 0 && w[0] == L'\0', "utf8_to_wcs: empty string is empty, not NULL");
	free(w);

	/* 张 is E5 BC A0: cut after two bytes, and a lone continuation byte. */
	errno = 0;
	w = enc_utf8_to_wcs("\xE5\xBC", 2, &n);
	ok(w == NULL, "utf8_to_wcs: truncated sequence gives NULL");
	ok(errno != 0, "utf8_to_wcs: and sets errno");
	w = enc_utf8_to_wcs("ab\xA0" "cd", 5, NULL);
	ok(w == NULL, "utf8_to_wcs: invalid byte in the middle gives NULL, not a prefix");
	w = enc_utf8_to_wcs("\xC0\xAF", 2, NULL);
	ok(w == NULL, "utf8_to_wcs: overlong encoding is refused");
	w = enc_utf8_to_wcs("\xED\xA0\x80", 3, NULL);
	ok(w == NULL, "utf8_to_wcs: encoded surrogate is refused");
}

static void test_enc_wcs_to_utf8(void)
{
	const wchar_t *name = L"张伟·阿依古丽";
	char *s = enc_wcs_to_utf8(name, wcslen(name));
	wchar_t *back;
	size_t n = 0;

	is_str(s, "张伟·阿依古丽", "wcs_to_utf8: 张伟·阿依古丽");
	is_int(s ? strlen(s) : 0, 20, "wcs_to_utf8: 6 ideographs x 3 bytes + · 2 bytes");
	back = s ? enc_utf8_to_wcs(s, strlen(s), &n) : NULL;
	ok(back && n == wcslen(name) && wcscmp(back, name) == 0,
	   "wcs_to_utf8: round trip gives the same wide text");
	free(back);
	free(s);

	s = enc_wcs_to_utf8(L"张伟", 1);
	is_str(s, "张", "wcs_to_utf8: len counts characters");
	free(s);

	const wchar_t bad[] = { L'a', (wchar_t)0xD800, L'b', 0 };
	s = enc_wcs_to_utf8(bad, 3);
	ok(s == NULL, "wcs_to_utf8: a lone surrogate gives NULL");
	free(s);
}

static void test_enc_convert(void)
{
	size_t n = 0;
	char *gb = enc_convert("GB18030", "UTF-8", "张", strlen("张"), &n);

	ok(gb != NULL, "convert: 张 to GB18030");
	is_int(n, 2, "convert: 张 is two bytes in GB18030");
	ok(gb && (unsigned char)gb[0] == 0xD5 && (unsigned char)gb[1] == 0xC5,
	   "convert: 张 is D5 C5");
	free(gb);

	const char *name = "张伟·阿依古丽";
	gb = enc_convert("GB18030", "UTF-8", name, strlen(name), &n);
	char *back = gb ? enc_convert("UTF-8", "GB18030", gb, n, NULL) : NULL;
	is_str(back, name, "convert: UTF-8 -> GB18030 -> UTF-8 keeps 张伟·阿依古丽");
	free(back);
	free(gb);

	/* U+20000 𠀀 (CJK Extension B) is four bytes in GB18030: 95 32 82 36. */
	const char *ext_b = "\xF0\xA0\x80\x80";
	gb = enc_convert("GB18030", "UTF-8", ext_b, 4, &n);
	is_int(n, 4, "convert: 𠀀 U+20000 is four bytes in GB18030");
	ok(gb && memcmp(gb, "\x95\x32\x82\x36", 4) == 0, "convert: 𠀀 is 95 32 82 36");
	back = gb ? enc_convert("UTF-8", "GB18030", gb, n, NULL) : NULL;
	is_str(back, ext_b, "convert: 𠀀 round-trips through GB18030");
	free(back);
	free(gb);

	gb = enc_convert("ASCII", "UTF-8", "ab张", strlen("ab张"), &n);
	ok(gb == NULL, "convert: 张 cannot be ASCII: NULL, not \"ab\"");
	errno = 0;
	gb = enc_convert("NO-SUCH-CHARSET", "UTF-8", "a", 1, NULL);
	ok(gb == NULL && errno == EINVAL, "convert: unknown charset gives NULL, EINVAL");
	gb = enc_convert("UTF-8", "GB18030", "\xD5", 1, NULL);
	ok(gb == NULL, "convert: half a GB18030 character gives NULL");
}

static void test_enc_locale_can_show(void)
{
	ok(enc_locale_can_show(L'A'), "can_show: ASCII under C.UTF-8");
	ok(enc_locale_can_show(L'张'), "can_show: 张 under C.UTF-8");
	ok(enc_locale_can_show((wchar_t)0x20000), "can_show: 𠀀 under C.UTF-8");
	if (setlocale(LC_CTYPE, "C")) {
		ok(enc_locale_can_show(L'A'), "can_show: ASCII under C");
		ok(!enc_locale_can_show(L'张'), "can_show: 张 not under C");
		setlocale(LC_CTYPE, "C.UTF-8");
	}
	if (setlocale(LC_CTYPE, "zh_CN.GB18030")) {
		ok(enc_locale_can_show(L'张'), "can_show: 张 under zh_CN.GB18030");
		ok(enc_locale_can_show((wchar_t)0x20000), "can_show: 𠀀 under zh_CN.GB18030");
		setlocale(LC_CTYPE, "C.UTF-8");
	} else {
		tap_diag("no zh_CN.GB18030 locale: GB18030 display checks skipped");
	}
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return tap_skip_all("no C.UTF-8 locale");
	test_enc_utf8_to_wcs();
	test_enc_wcs_to_utf8();
	test_enc_convert();
	test_enc_locale_can_show();
	return tap_done();
}
