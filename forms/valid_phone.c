/* valid_phone.c - the phone numbers and the postal code of the 救助申请表
 * (DESIGN §3 "Field rules"); the shared folding lives in valid.c. */
#include "valid.h"
#include "valid_priv.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

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
		if (!valid_is_digit(*s))
			return valid_fold_failed(VALID_CHARS, one, msg, n);
		if (o + 1 >= cap)
			return valid_fail(VALID_LENGTH, _("far too many digits"), msg, n);
		digits[o++] = *s;
	}
	digits[o] = '\0';
	return VALID_OK;
}

/* Said by a field that takes a mobile or a landline, so that a wrong
 * number is not taken for a wrong mobile only. */
static const char *const either_shape =
	N_("must be a mobile (11 digits, 13-19...) or a landline like 010-12345678");

/* valid_mobile; or_landline: the shape is said as either_shape. */
static valid_err mobile(const char *utf8, char out[12], bool or_landline, char *msg, size_t n)
{
	char s[64], bad[5], d[40];
	const char *p = d;
	int plus;
	size_t len;
	valid_err e;

	out[0] = '\0';
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, NULL)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	if ((e = phone_digits(s, " -()", d, sizeof d, &plus, msg, n)) != VALID_OK)
		return e;
	len = strlen(d);
	if (plus && strncmp(d, "86", 2) != 0)
		return valid_fail(VALID_PREFIX, _("only mainland China mobile numbers (+86) are accepted"), msg, n);
	if (plus || (len == 13 && strncmp(d, "86", 2) == 0))
		p = d + 2;
	else if (len == 15 && strncmp(d, "0086", 4) == 0)
		p = d + 4;
	len = strlen(p);
	if (len != 11 && or_landline)
		return valid_fail(VALID_LENGTH, _(either_shape), msg, n);
	if (len != 11) {
		valid_say(msg, n, _("must be 11 digits starting with 13-19, not %zu digits"), len);
		return VALID_LENGTH;
	}
	if (p[0] != '1' || p[1] < '3')
		return valid_fail(VALID_PREFIX, or_landline ? _(either_shape)
				  : _("must be 11 digits starting with 13-19"), msg, n);
	memcpy(out, p, 12);
	return VALID_OK;
}

valid_err valid_mobile(const char *utf8, char out[12], char *msg, size_t n)
{
	return mobile(utf8, out, false, msg, n);
}

static int landline_extra(uint32_t cp)
{
	return cp == 0x8F6C /* 转 */ ? 'x' : 0;
}

valid_err valid_phone(const char *utf8, char out[VALID_LANDLINE_SIZE], char *msg, size_t n)
{
	char s[64], bad[5];
	const char *p = s;

	/* What either rule takes is taken: 0086 before a mobile, brackets or
	 * full-width digits in a landline. */
	if (mobile(utf8, out, true, NULL, 0) == VALID_OK ||
	    valid_landline(utf8, out, NULL, 0) == VALID_OK) {
		valid_clear_msg(msg, n);
		return VALID_OK;
	}
	/* Neither: a number begun like an area code (0, not 00) is told the
	 * landline's rule, any other both shapes. */
	if (valid_fold(utf8, s, sizeof s, bad, NULL, landline_extra) != VALID_OK)
		s[0] = '\0';
	p += strspn(p, " -()");
	if (p[0] == '0' && p[1] != '0')
		return valid_landline(utf8, out, msg, n);
	return mobile(utf8, out, true, msg, n);
}

/* Length of the area code at the start of digits: 010 and 02x are the only
 * 3-digit ones (0 + 2), every other is 0 + 3; 0 if it cannot be one. */
static size_t area_len(const char *d)
{
	if (d[0] != '0' || !valid_is_digit(d[1]))
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
	static const char *const shape =
		N_("write it as area code, number and extension, e.g. 010-12345678-123");
	static const char *const need_area =
		N_("start with the area code: 0 and 2-3 digits, e.g. 010 or 0755");
	char s[64], bad[5], grp[3][24], *mark;
	const char *ext = "";
	size_t ngrp = 0, gl = 0, al;
	valid_err e;

	out[0] = '\0';
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, landline_extra)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	/* An explicit extension: "ext", x, # or 转 (folded to x). */
	if (!(mark = strstr(s, "ext")) && !(mark = strstr(s, "EXT")))
		mark = strpbrk(s, "xX#");
	if (mark) {
		ext = mark + (strchr("xX#", *mark) ? 1 : 3);
		ext += strspn(ext, " .-:");
		if (!valid_all_digits(ext) || strlen(ext) > 6)
			goto bad_ext;
		*mark = '\0';
	}
	/* Groups of digits between separators. */
	for (const char *p = s;; p++) {
		if (valid_is_digit(*p)) {
			if (ngrp >= 3 || gl + 1 >= sizeof grp[0])
				goto bad_shape;
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
			return valid_fold_failed(VALID_CHARS, one, msg, n);
		}
	}
	/* 010 8888 6666: a number written in two halves. */
	if (ngrp == 3 && !*ext && strlen(grp[0]) <= 4 && strlen(grp[1]) < 7
	    && strlen(grp[1]) + strlen(grp[2]) <= 8) {
		strcat(grp[1], grp[2]);
		ngrp = 2;
	}
	/* 010-12345678-123, or 01012345678-123 with the area code attached. */
	if (!*ext && (ngrp == 3 || (ngrp == 2 && strlen(grp[0]) > 4)))
		ext = grp[--ngrp];
	if (ngrp == 1) {
		/* Written together: 010 and 02x are the only 0 + 2 codes. */
		al = area_len(grp[0]);
		memmove(grp[1], grp[0] + al, strlen(grp[0] + al) + 1);
		grp[0][al] = '\0';
	} else if (ngrp != 2 || strlen(grp[0]) > 4) {
		goto bad_shape;
	}
	al = area_len(grp[0]);
	if (al == 0 || al != strlen(grp[0]))
		return valid_fail(VALID_AREA, _(need_area), msg, n);
	if (strlen(grp[1]) < 7 || strlen(grp[1]) > 8) {
		valid_say(msg, n, _("the number after the area code must be 7-8 digits, not %zu"), strlen(grp[1]));
		return VALID_LENGTH;
	}
	if (grp[1][0] == '0')
		return valid_fail(VALID_FORMAT, _("the number after the area code cannot start with 0"), msg, n);
	if (strlen(ext) > 6)
		goto bad_ext;
	snprintf(out, VALID_LANDLINE_SIZE, "%s-%s%s%s", grp[0], grp[1], *ext ? "-" : "", ext);
	return VALID_OK;
bad_ext:
	return valid_fail(VALID_FORMAT, _("the extension must be 1-6 digits"), msg, n);
bad_shape:
	return valid_fail(VALID_FORMAT, _(shape), msg, n);
}

valid_err valid_postal(const char *utf8, char out[7], char *msg, size_t n)
{
	char s[32], bad[5];
	valid_err e;

	out[0] = '\0';
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, NULL)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	if (!*s)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	for (const char *p = s; *p; p++) {
		if (!valid_is_digit(*p)) {
			char one[2] = {*p, '\0'};
			return valid_fold_failed(VALID_CHARS, one, msg, n);
		}
	}
	if (strlen(s) != 6) {
		valid_say(msg, n, _("must be 6 digits, not %zu"), strlen(s));
		return VALID_LENGTH;
	}
	memcpy(out, s, 7);
	return VALID_OK;
}

valid_err valid_bank_card(const char *utf8, char out[VALID_BANK_CARD_SIZE], char *msg, size_t n)
{
	char s[64], bad[5];
	size_t o = 0;
	valid_err e;

	out[0] = '\0';
	valid_clear_msg(msg, n);
	if ((e = valid_fold(utf8, s, sizeof s, bad, NULL, NULL)) != VALID_OK)
		return valid_fold_failed(e, bad, msg, n);
	/* printed in groups of 4 on the card: spaces are not part of it */
	for (const char *p = s; *p; p++) {
		char one[2] = {*p, '\0'};

		if (*p == ' ')
			continue;
		if (!valid_is_digit(*p))
			return valid_fold_failed(VALID_CHARS, one, msg, n);
		if (o + 1 >= sizeof s)
			return valid_fail(VALID_LENGTH, _("far too many digits"), msg, n);
		s[o++] = *p;
	}
	s[o] = '\0';
	if (!o)
		return valid_fail(VALID_EMPTY, valid_strerror(VALID_EMPTY), msg, n);
	if (o < 12 || o > 19) {
		valid_say(msg, n, _("a bank card number has 12 to 19 digits, not %zu"), o);
		return VALID_LENGTH;
	}
	memcpy(out, s, o + 1);
	return VALID_OK;
}
