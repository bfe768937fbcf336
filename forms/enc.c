/* enc.c - every conversion between wide characters, UTF-8 and the locale's
 * charset goes through iconv here. Invalid or unrepresentable input fails as a
 * whole (NULL): a truncated or substituted string could be saved over good
 * data. */
#include "enc.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Zero bytes appended to every result: enough to terminate a wchar_t string
 * as well as a char string. */
#define ENC_TERM sizeof(wchar_t)

/* Converts len bytes of s; the result is malloc'd, followed by ENC_TERM zero
 * bytes, and *outlen receives its length in bytes without them. */
static char *enc_iconv(iconv_t cd, const char *s, size_t len, size_t *outlen)
{
	size_t cap;
	char *out = NULL;
	char *in = (char *)s;   /* iconv's prototype is not const-correct */
	size_t inleft = len;
	size_t used = 0;
	bool flushed = false;
	int err = 0;

	if (len > SIZE_MAX / 4) {
		err = ENOMEM;
		goto fail;
	}
	cap = len * 2 + 16;
	out = malloc(cap + ENC_TERM);
	if (!out) {
		err = ENOMEM;
		goto fail;
	}
	while (!flushed) {
		char *o = out + used;
		size_t oleft = cap - used;
		/* Once the input is consumed, one call with NULL input writes
		 * the shift sequence a stateful charset needs at the end. */
		bool flushing = inleft == 0;
		size_t rc = flushing ? iconv(cd, NULL, NULL, &o, &oleft)
				     : iconv(cd, &in, &inleft, &o, &oleft);
		used = (size_t)(o - out);
		if (rc == (size_t)-1 && errno == E2BIG) {
			char *grown;
			if (cap > (SIZE_MAX - ENC_TERM) / 2) {
				err = ENOMEM;
				goto fail;
			}
			cap *= 2;
			grown = realloc(out, cap + ENC_TERM);
			if (!grown) {
				err = ENOMEM;
				goto fail;
			}
			out = grown;
			continue;
		}
		if (rc == (size_t)-1) {
			/* EILSEQ: invalid or unrepresentable; EINVAL: cut short. */
			err = errno == EINVAL ? EINVAL : EILSEQ;
			goto fail;
		}
		if (rc > 0) {
			/* Irreversible conversions (a substituted character) lose
			 * data too. */
			err = EILSEQ;
			goto fail;
		}
		flushed = flushing;
	}
	memset(out + used, 0, ENC_TERM);
	if (outlen)
		*outlen = used;
	return out;
fail:
	free(out);
	errno = err;
	return NULL;
}

char *enc_convert(const char *to, const char *from, const char *s, size_t len,
		  size_t *outlen)
{
	iconv_t cd;
	char *out;
	int err;

	if (!to || !from || (!s && len > 0)) {
		errno = EINVAL;
		return NULL;
	}
	cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return NULL;  /* errno is EINVAL: unknown charset */
	out = enc_iconv(cd, s ? s : "", len, outlen);
	err = errno;
	iconv_close(cd);
	errno = err;
	return out;
}

wchar_t *enc_utf8_to_wcs(const char *s, size_t len, size_t *outlen)
{
	size_t bytes = 0;
	char *out = enc_convert("WCHAR_T", "UTF-8", s, len, &bytes);

	if (!out)
		return NULL;
	if (outlen)
		*outlen = bytes / sizeof(wchar_t);
	/* malloc's alignment suits wchar_t; the bytes were written as wchar_t. */
	return (wchar_t *)(void *)out;
}

char *enc_wcs_to_utf8(const wchar_t *s, size_t len)
{
	if (!s && len > 0) {
		errno = EINVAL;
		return NULL;
	}
	if (len > SIZE_MAX / sizeof(wchar_t)) {
		errno = EOVERFLOW;
		return NULL;
	}
	return enc_convert("UTF-8", "WCHAR_T", s ? (const char *)s : "",
			   len * sizeof(wchar_t), NULL);
}

bool enc_locale_can_show(wchar_t c)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	/* wcrtomb uses LC_CTYPE's charset: ASCII under C/POSIX, everything
	 * under UTF-8, nearly everything under GB18030. */
	memset(&st, 0, sizeof st);
	if (MB_CUR_MAX > sizeof mb)
		return false;
	return wcrtomb(mb, c, &st) != (size_t)-1;
}
