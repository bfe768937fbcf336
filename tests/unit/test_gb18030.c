/* test_gb18030.c - a front desk whose terminal speaks GB18030: the bytes
 * the terminal sends are decoded under zh_CN.GB18030 (mbrtowc, as ncurses'
 * get_wch does), edited as wide characters and handed to the database as
 * UTF-8 by enc_wcs_to_utf8; the way back (wcrtomb) gives the terminal its
 * own bytes again. Under the C locale a field holding a character the
 * terminal cannot show is locked so its stored value is never replaced. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "enc.h"
#include "lineedit.h"
#include "tap.h"

/* 张伟·阿依古丽𠀀 as a GB18030 terminal sends it: two-byte 张 D5C5 伟 CEB0,
 * the middle dot U+00B7 as A1A4, and U+20000 as the four-byte 95 32 82 36. */
static const char typed_gb[] =
	"\xD5\xC5\xCE\xB0\xA1\xA4\xB0\xA2\xD2\xC0\xB9\xC5\xC0\xF6\x95\x32\x82\x36";
static const char want_utf8[] = "张伟·阿依古丽\xF0\xA0\x80\x80";
static const wchar_t want_wcs[] = {
	0x5F20, 0x4F1F, 0x00B7, 0x963F, 0x4F9D, 0x53E4, 0x4E3D, 0x20000, 0
};

/* Decodes bytes one call per character, the way a terminal read loop
 * does; returns a malloc'd wide string or NULL on an invalid sequence. */
static wchar_t *decode_stream(const char *s, size_t len, size_t *n)
{
	wchar_t *out = calloc(len + 1, sizeof *out);
	mbstate_t st;
	size_t i = 0;

	*n = 0;
	if (!out)
		return NULL;
	memset(&st, 0, sizeof st);
	/* Feed one byte at a time: a 4-byte GB18030 character comes back as
	 * (size_t)-2 three times before it is complete. */
	for (size_t pos = 0; pos < len; pos++) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s + pos, 1, &st);
		if (r == (size_t)-2)
			continue;
		if (r == (size_t)-1) {
			free(out);
			return NULL;
		}
		out[i++] = wc;
	}
	if (!mbsinit(&st)) {   /* ended in the middle of a character */
		free(out);
		return NULL;
	}
	*n = i;
	return out;
}

static void gb18030_to_utf8(void)
{
	wchar_t wcs[32];
	size_t n = mbstowcs(wcs, typed_gb, sizeof wcs / sizeof *wcs);
	char *utf8;

	is_int(n, 8, "mbstowcs under zh_CN.GB18030: 18 bytes are 8 characters");
	ok(n == 8 && wmemcmp(wcs, want_wcs, 9) == 0,
	   "mbstowcs gives the Unicode code points (· is U+00B7, 𠀀 is U+20000)");
	utf8 = n == 8 ? enc_wcs_to_utf8(wcs, n) : NULL;
	is_str(utf8, want_utf8, "enc_wcs_to_utf8: the database receives UTF-8 张伟·阿依古丽𠀀");
	ok(utf8 && strlen(utf8) == strlen(want_utf8) && memcmp(utf8, want_utf8, strlen(want_utf8)) == 0,
	   "byte for byte (𠀀 is F0 A0 80 80)");
	free(utf8);

	/* the same through enc_convert, as a file written in the locale's charset */
	utf8 = enc_convert("UTF-8", "GB18030", typed_gb, sizeof typed_gb - 1, NULL);
	is_str(utf8, want_utf8, "enc_convert GB18030 -> UTF-8 agrees with the wide path");
	free(utf8);
}

static void byte_stream_into_field(void)
{
	size_t n = 0;
	wchar_t *wcs = decode_stream(typed_gb, sizeof typed_gb - 1, &n);
	lineedit le;
	size_t accepted = 0;
	char *utf8;

	ok(wcs != NULL && n == 8, "mbrtowc byte by byte: 8 characters (got %zu)", n);
	lineedit_init(&le, LINEEDIT_TEXT, 20, 30, 0);
	for (size_t i = 0; wcs && i < n; i++)
		accepted += lineedit_insert(&le, wcs[i]) == LINEEDIT_OK;
	is_int(accepted, 8, "the name field accepts every typed character, 𠀀 and · too");
	ok(!lineedit_lock_unshowable(&le) && !le.readonly,
	   "under GB18030 every one of them can be shown: the field stays editable");
	utf8 = lineedit_get_utf8(&le);
	is_str(utf8, want_utf8, "lineedit_get_utf8 gives the UTF-8 the database stores");
	free(utf8);

	/* the way back: what the database sends is drawn in the terminal's bytes */
	{
		char gb[64];
		mbstate_t st;
		size_t used = 0;
		bool fine = true;

		memset(&st, 0, sizeof st);
		for (size_t i = 0; i < le.len && fine; i++) {
			size_t r = wcrtomb(gb + used, le.buf[i], &st);
			fine = r != (size_t)-1;
			if (fine)
				used += r;
		}
		ok(fine && used == sizeof typed_gb - 1 && memcmp(gb, typed_gb, used) == 0,
		   "wcrtomb gives the terminal the same 18 GB18030 bytes back");
	}
	{
		/* half of the four-byte character is no character */
		size_t m = 0;
		wchar_t *half = decode_stream("\xD5\xC5\x95\x32", 4, &m);
		ok(half == NULL, "a stream cut inside 𠀀 is refused, not half-stored");
		free(half);
	}
	lineedit_finish(&le);
	free(wcs);
}

/* Under the C locale 张 cannot be shown: a field loaded with a stored value
 * holding it becomes read-only, and no edit can replace what is stored. */
static void c_locale_locks(void)
{
	lineedit le, plain;
	char *before, *after;
	int refused = 0;

	if (!setlocale(LC_CTYPE, "C")) {
		ok(0, "setlocale C");
		return;
	}
	ok(!enc_locale_can_show(L'张'), "C locale: 张 cannot be shown");
	lineedit_init(&le, LINEEDIT_TEXT, 20, 30, 0);
	ok(lineedit_set_utf8(&le, want_utf8), "load the stored name 张伟·阿依古丽𠀀");
	lineedit_mark_clean(&le);
	before = lineedit_get_utf8(&le);
	ok(lineedit_lock_unshowable(&le), "lineedit_lock_unshowable locks it");
	ok(le.readonly, "the field is read-only");
	ok(lineedit_unshowable_message()[0] != '\0', "with a message to show: %s",
	   lineedit_unshowable_message());
	refused += lineedit_insert(&le, L'a') == LINEEDIT_REFUSED;
	lineedit_end(&le);
	refused += lineedit_backspace(&le) == LINEEDIT_REFUSED;
	lineedit_home(&le);
	refused += lineedit_delete(&le) == LINEEDIT_REFUSED;
	refused += lineedit_kill_to_end(&le) == LINEEDIT_REFUSED;
	refused += lineedit_clear(&le) == LINEEDIT_REFUSED;
	is_int(refused, 5, "insert, backspace, delete, kill and clear are all refused");
	after = lineedit_get_utf8(&le);
	is_str(after, before, "the stored value is byte-identical after the attempts");
	ok(!le.dirty, "and the field is not dirty: nothing will be saved over it");
	free(before);
	free(after);
	lineedit_finish(&le);

	/* an ASCII value is not locked: the lock is about the characters */
	lineedit_init(&plain, LINEEDIT_TEXT, 20, 30, 0);
	lineedit_set_utf8(&plain, "Zhang Wei");
	ok(!lineedit_lock_unshowable(&plain) && !plain.readonly,
	   "C locale: an ASCII value stays editable");
	lineedit_finish(&plain);
}

int main(void)
{
	if (!setlocale(LC_ALL, "zh_CN.GB18030"))
		return tap_skip_all("locale zh_CN.GB18030 is missing (run tools/setup.sh BUILDDIR)");
	gb18030_to_utf8();
	byte_stream_into_field();
	c_locale_locks();
	setlocale(LC_ALL, "C");
	return tap_done();
}
