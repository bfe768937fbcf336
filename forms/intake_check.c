/* intake_check.c - the 《救助申请表》's field checks: each kind of field
 * through its validator (forms/valid*.c, forms/idnum.c), a proof's number
 * against its kind and its member, the message naming the field and, for
 * members after the first, the member. */
#include "intake_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "idnum.h"
#include "valid.h"

static void where(const intake_form *f, const intake_item *it, char *buf, size_t n)
{
	(void)f;
	if (it->ref.area == INTAKE_AREA_MEMBER && it->ref.row > 0)
		snprintf(buf, n, _("Member %d, %s"), it->ref.row + 1, it->label);
	else
		snprintf(buf, n, "%s", it->label);
}

static bool fail(const intake_form *f, const intake_item *it, const char *what,
		 char *msg, size_t n)
{
	char w[128];
	where(f, it, w, sizeof w);
	snprintf(msg, n, _("%s: %s"), w, what);
	return false;
}

static bool cert_check(const intake_form *f, const intake_item *it, const char *v,
		       char *norm, size_t nn, char *msg, size_t n)
{
	char m[VALID_MSG_SIZE];
	const intake_proof *p = &f->p[it->ref.row];

	if (!strcmp(p->kind, "disability_cert")) {
		idnum_cert c;
		idnum_err e = idnum_cert_parse(v, p->person, &c);
		if (e != IDNUM_OK) {
			idnum_cert_explain(e, &c, m, sizeof m);
			return fail(f, it, m, msg, n);
		}
		/* the certificate's 19th and 20th digits against the member's
		 * 残疾类别 and 残疾等级, when those were chosen on page 2 */
		int who = intake_member_by_id(f, p->person);
		if (who >= 0) {
			const char *cat = f->m[who].v[IM_DIS_CAT], *grade = f->m[who].v[IM_DIS_GRADE];
			if (cat[0] && atoi(cat) != c.category) {
				snprintf(m, sizeof m, _("the 19th digit says %s, but member %d's disability is %s"),
					 idnum_cert_category_name(c.category), who + 1,
					 idnum_cert_category_name(atoi(cat)) ? idnum_cert_category_name(atoi(cat)) : cat);
				return fail(f, it, m, msg, n);
			}
			if (grade[0] && atoi(grade) != c.grade) {
				snprintf(m, sizeof m, _("the 20th digit says %s, but member %d's grade is %s"),
					 idnum_cert_grade_name(c.grade), who + 1,
					 idnum_cert_grade_name(atoi(grade)) ? idnum_cert_grade_name(atoi(grade)) : grade);
				return fail(f, it, m, msg, n);
			}
		}
		snprintf(norm, nn, "%s", c.number);
		return true;
	}
	if (!strcmp(p->kind, "id_card")) {
		idnum id;
		idnum_err e = idnum_parse(v, f->today_y, f->today_m, f->today_d, &id);
		if (e != IDNUM_OK) {
			idnum_explain(e, &id, m, sizeof m);
			return fail(f, it, m, msg, n);
		}
		if (strcmp(id.id, p->person) != 0)
			return fail(f, it, _("this is not the ID number of this person"), msg, n);
		snprintf(norm, nn, "%s", id.id);
		return true;
	}
	if (valid_text_required(v, (size_t)it->max_chars, norm, nn, m, sizeof m) != VALID_OK)
		return fail(f, it, m, msg, n);
	return true;
}

bool intake_check(const intake_form *f, const intake_item *it, const char *utf8,
		  char *norm, size_t nn, char *msg, size_t n)
{
	char m[VALID_MSG_SIZE];
	char tmp[VALID_NAME_SIZE > VALID_LANDLINE_SIZE ? VALID_NAME_SIZE : VALID_LANDLINE_SIZE];
	const char *s = utf8;

	msg[0] = '\0';
	while (*s == ' ')
		s++;
	if (!*s) {
		if (it->required)
			return fail(f, it, _("must be filled in"), msg, n);
		snprintf(norm, nn, "%s", "");
		return true;
	}
	switch (it->kind) {
	case INTAKE_NAME:
		if (valid_name(utf8, tmp, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		snprintf(norm, nn, "%s", tmp);
		return true;
	case INTAKE_IDNUM: {
		idnum id;
		idnum_err e = idnum_parse(utf8, f->today_y, f->today_m, f->today_d, &id);
		if (e != IDNUM_OK) {
			idnum_explain(e, &id, m, sizeof m);
			return fail(f, it, m, msg, n);
		}
		int other = intake_member_by_id(f, id.id);
		if (other >= 0 && other != it->ref.row) {
			snprintf(m, sizeof m, _("already entered as member %d"), other + 1);
			return fail(f, it, m, msg, n);
		}
		snprintf(norm, nn, "%s", id.id);
		return true;
	}
	case INTAKE_ETHNIC: {
		int code;
		if (valid_ethnic(utf8, &code, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		snprintf(norm, nn, "%s", valid_ethnic_name(code));
		return true;
	}
	case INTAKE_PHONE:
		if (valid_phone(s, tmp, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		snprintf(norm, nn, "%s", tmp);
		return true;
	case INTAKE_YUAN: {
		int64_t fen;
		if (valid_yuan(utf8, &fen, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		valid_yuan_format(fen, norm, nn);
		return true;
	}
	case INTAKE_DATE: {
		valid_day d;
		if (valid_date(utf8, NULL, NULL, &d, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		snprintf(norm, nn, "%04d-%02d-%02d", d.y, d.m, d.d);
		/* an expired proof does not count: say so here, not only by
		 * its staying on the missing list */
		valid_day today = { f->today_y, f->today_m, f->today_d };
		if (it->ref.area == INTAKE_AREA_PROOF && it->ref.idx == IP_VALID_UNTIL &&
		    f->today_y > 0 && valid_day_cmp(&d, &today) < 0) {
			snprintf(m, sizeof m, _("%s has passed: an expired proof does not count; ask for one still valid"),
				 norm);
			return fail(f, it, m, msg, n);
		}
		return true;
	}
	case INTAKE_CERT:
		return cert_check(f, it, utf8, norm, nn, msg, n);
	case INTAKE_TEXT:
		if (valid_text_required(utf8, (size_t)it->max_chars, norm, nn, m, sizeof m) != VALID_OK)
			return fail(f, it, m, msg, n);
		return true;
	case INTAKE_CHOICE:
	case INTAKE_YESNO:
		if (it->list == INTAKE_LIST_MEMBER && intake_member_by_id(f, utf8) < 0)
			return fail(f, it, _("choose a member of this household (F4)"), msg, n);
		snprintf(norm, nn, "%s", utf8);
		return true;
	case INTAKE_COMPUTED:
	case INTAKE_HEADING:
	default:
		snprintf(norm, nn, "%s", utf8);
		return true;
	}
}
