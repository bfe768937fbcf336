/* valid_priv.h - helpers shared by the validators of valid.c and
 * valid_phone.c. Internal to forms/: not for callers of valid.h. */
#ifndef JZ_FORMS_VALID_PRIV_H
#define JZ_FORMS_VALID_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"

/* snprintf into the caller's message buffer; NULL or 0 writes nothing. */
__attribute__((format(printf, 3, 4)))
void valid_say(char *msg, size_t n, const char *fmt, ...);
void valid_clear_msg(char *msg, size_t n);
/* Says a fixed sentence and returns its error code. */
valid_err valid_fail(valid_err e, const char *text, char *msg, size_t n);

/* Extra mappings of one field: returns an ASCII character, 0 for "not
 * mapped" or -1 for "drop it". */
typedef int (*valid_fold_extra_fn)(uint32_t cp);
/* valid_fold_ascii with a field's own extra mappings (extra may be NULL). */
valid_err valid_fold(const char *utf8, char *out, size_t cap, char bad[5],
                     int *badpos, valid_fold_extra_fn extra);
/* The error of a fold, as a message. */
valid_err valid_fold_failed(valid_err e, const char *bad, char *msg, size_t n);

static inline int valid_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Non-empty and nothing but ASCII digits. */
static inline int valid_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!valid_is_digit(*s))
			return 0;
	return 1;
}

#endif
