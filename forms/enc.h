/* enc.h - the one module that converts text: wide characters <-> UTF-8
 * (database, files) <-> the terminal's locale charset (UTF-8 or GB18030),
 * all through iconv. Results are malloc'd and owned by the caller. */
#ifndef JZ_FORMS_ENC_H
#define JZ_FORMS_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* UTF-8 -> wide; NULL on invalid input. *outlen (may be NULL) gets the count. */
wchar_t *enc_utf8_to_wcs(const char *s, size_t len, size_t *outlen);
/* wide -> UTF-8 (NUL-terminated); NULL on failure. */
char *enc_wcs_to_utf8(const wchar_t *s, size_t len);
/* Any charset iconv knows -> any other; NULL with errno set on failure. */
char *enc_convert(const char *to, const char *from, const char *s, size_t len,
		  size_t *outlen);
/* Can the locale's charset (nl_langinfo(CODESET)) represent c? Used to draw a
 * placeholder and make a field read-only instead of corrupting data. */
bool enc_locale_can_show(wchar_t c);

#endif
