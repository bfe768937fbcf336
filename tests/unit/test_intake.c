/* test_intake.c - the 《救助申请表》 model: checks, members, income, JSON. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "enc.h"
#include "i18n.h"
#include "i18n_test.h"
#include "idnum.h"
#include "intake_form.h"
#include "rules_0020.h"
#include "tap.h"
#include "text.h"

static void make_id(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = idnum_check_char(first17);
	out[18] = '\0';
}

/* Cells the message takes on screen (wcwidth, not bytes). */
static size_t msg_cells(const char *utf8)
{
	size_t n = 0, cells;
	wchar_t *w = enc_utf8_to_wcs(utf8, strlen(utf8), &n);

	cells = w ? text_width(w, n) : (size_t)-1;
	free(w);
	return cells;
}

static const intake_item *find_item(const intake_item *v, size_t n, intake_area a, int row, int idx)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].ref.area == a && v[i].ref.row == row && v[i].ref.idx == idx &&
		    v[i].kind != INTAKE_HEADING)
			return &v[i];
	return NULL;
}

static void test_checks(void)
{
	intake_form *f = form_with_rules_0020(2026, 6, 1);
	size_t n;
	intake_item *items = intake_page_items(f, INTAKE_PAGE_APPLICANT, &n);
	const intake_item *idf = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_ID);
	const intake_item *name = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_NAME);
	const intake_item *eth = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_ETHNIC);
	const intake_item *phone = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_PHONE);
	char norm[128], msg[INTAKE_MSG_SIZE];

	ok(idf && name && eth && phone, "page 1 has name, ID, 民族, phone");
	ok(!intake_check(f, idf, "110105194912310023", norm, sizeof norm, msg, sizeof msg),
	   "wrong check digit refused");
	is_str(msg, "ID number: check digit should be X, not 3", "message names the field and says what is wrong");
	ok(intake_check(f, idf, "11010519491231002x", norm, sizeof norm, msg, sizeof msg), "lower-case x accepted");
	is_str(norm, "11010519491231002X", "normalised to upper-case X");
	ok(intake_check(f, idf, "１１０１０５１９４９１２３１００２Ｘ", norm, sizeof norm, msg, sizeof msg),
	   "full-width digits accepted");
	ok(!intake_check(f, idf, "", norm, sizeof norm, msg, sizeof msg), "ID number is required");
	is_str(msg, "ID number: must be filled in", "required message");
	ok(!intake_check(f, name, "张三3", norm, sizeof norm, msg, sizeof msg), "digit in a name refused");
	ok(strncmp(msg, "Name: ", 6) == 0, "name message starts with the field: %s", msg);
	ok(intake_check(f, name, "阿依古丽·买买提", norm, sizeof norm, msg, sizeof msg), "middle dot name");
	ok(intake_check(f, eth, "回", norm, sizeof norm, msg, sizeof msg), "民族 by short name");
	is_str(norm, "回族", "kept as the full name");
	ok(!intake_check(f, eth, "火星族", norm, sizeof norm, msg, sizeof msg), "unknown 民族 refused");
	ok(intake_check(f, phone, "138 0013 8000", norm, sizeof norm, msg, sizeof msg), "mobile");
	is_str(norm, "13800138000", "mobile normalised");
	ok(intake_check(f, phone, "010-12345678", norm, sizeof norm, msg, sizeof msg), "landline");
	ok(!intake_check(f, phone, "12345", norm, sizeof norm, msg, sizeof msg), "bad phone refused");
	ok(strncmp(msg, "Phone: ", 7) == 0, "phone message names the field: %s", msg);

	/* the same person twice in one form */
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_ID }, "11010519491231002X");
	int r = intake_member_add(f);
	free(items);
	items = intake_page_items(f, INTAKE_PAGE_MEMBERS, &n);
	const intake_item *mid = find_item(items, n, INTAKE_AREA_MEMBER, r, IM_ID);
	const intake_item *wages = find_item(items, n, INTAKE_AREA_MEMBER, r, IM_INC_WAGES);
	ok(mid && wages, "member 2 has ID and wages fields");
	ok(!intake_check(f, mid, "11010519491231002X", norm, sizeof norm, msg, sizeof msg),
	   "an ID already in the form is refused");
	is_str(msg, "Member 2, ID number: already entered as member 1", "message says which member");
	ok(intake_check(f, wages, "１２３．４", norm, sizeof norm, msg, sizeof msg), "full-width yuan");
	is_str(norm, "123.40", "yuan normalised to 2 decimals");
	ok(!intake_check(f, wages, "12.345", norm, sizeof norm, msg, sizeof msg), "3 decimals refused");
	free(items);
	intake_form_destroy(f);
}

/* 联系电话 takes a mobile or a landline: a number that is neither is told
 * both shapes, not the mobile's alone; each shape still passes. */
static void test_phone_either(void)
{
	static const char either[] = "Phone: %s";
	intake_form *f = form_with_rules_0020(2026, 6, 1);
	size_t n;
	intake_item *items = intake_page_items(f, INTAKE_PAGE_APPLICANT, &n);
	const intake_item *phone = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_PHONE);
	char norm[128], msg[INTAKE_MSG_SIZE], want[INTAKE_MSG_SIZE];
	char why[PATH_MAX + 64];

	ok(phone != NULL, "page 1 has the phone field");
	if (!phone)
		goto done;
	snprintf(want, sizeof want, either,
		 "must be a mobile (11 digits, 13-19...) or a landline like 010-12345678");
	ok(!intake_check(f, phone, "12345", norm, sizeof norm, msg, sizeof msg), "5 digits refused");
	is_str(msg, want, "5 digits: told a mobile or a landline with area code");
	ok(msg_cells(msg) <= 79, "the whole message fits the message line of an 80-column screen (%zu cells)",
	   msg_cells(msg));
	ok(!intake_check(f, phone, "12812345678", norm, sizeof norm, msg, sizeof msg), "11 digits from 12 refused");
	is_str(msg, want, "a wrong beginning: told both shapes too");
	ok(!intake_check(f, phone, "010-123", norm, sizeof norm, msg, sizeof msg), "a short landline refused");
	is_str(msg, "Phone: the number after the area code must be 7-8 digits, not 3",
	       "a number with an area code keeps the landline's own message");
	ok(intake_check(f, phone, "0755 8345 6789", norm, sizeof norm, msg, sizeof msg), "a good landline passes");
	is_str(norm, "0755-83456789", "landline normalised");
	ok(intake_check(f, phone, "+86 139 0000 1111", norm, sizeof norm, msg, sizeof msg), "a good mobile passes");
	is_str(norm, "13900001111", "mobile normalised");

	/* the same in Chinese, from the catalogue the build compiles */
	if (!i18n_test_zh(why, sizeof why)) {
		ok(1, "# SKIP %s", why);
		goto done;
	}
	/* the labels are translated when the page is made */
	free(items);
	items = intake_page_items(f, INTAKE_PAGE_APPLICANT, &n);
	phone = find_item(items, n, INTAKE_AREA_MEMBER, 0, IM_PHONE);
	ok(phone && !intake_check(f, phone, "12345", norm, sizeof norm, msg, sizeof msg), "zh: 5 digits refused");
	is_str(msg, "联系电话：应为 11 位手机号（13–19 开头）或带区号的固话，如 010-12345678",
	       "zh: told a mobile or a landline with area code");
	ok(msg_cells(msg) <= 79, "zh: the whole message fits the message line of an 80-column screen (%zu cells)",
	   msg_cells(msg));
	ok(phone && intake_check(f, phone, "010-65123456", norm, sizeof norm, msg, sizeof msg),
	   "zh: a good landline passes");
	ok(phone && intake_check(f, phone, "13812345678", norm, sizeof norm, msg, sizeof msg),
	   "zh: a good mobile passes");
done:
	setlocale(LC_ALL, "C.UTF-8");
	free(items);
	intake_form_destroy(f);
}

static void test_members_income(void)
{
	intake_form *f = form_with_rules_0020(2026, 6, 1);
	char id2[19], id3[19], buf[64];

	make_id("11010519800101123", id2);
	make_id("11010520150601002", id3);
	is_int(f->n_members, 1, "a new form has the applicant only");
	is_int(intake_member_add(f), 1, "member 2 added");
	is_int(intake_member_add(f), 2, "member 3 added");
	ok(!intake_member_remove(f, 0), "the applicant cannot be removed");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_ID }, "11010519491231002X");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_ID }, id2);
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_NAME }, "李四");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 2, IM_ID }, id3);
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 2, IM_NAME }, "李小五");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 0, IM_INC_PENSION }, "1000.00");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_INC_WAGES }, "500.50");
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_INC_OTHER }, "0.01");
	is_int(intake_total_income(f), 150051, "monthly total in fen");
	is_int(intake_per_capita_income(f), 50017, "per capita: 150051 / 3, rounded down");
	ok(intake_member_adult(f, 1), "member 2 (1980) is an adult");
	ok(!intake_member_adult(f, 2), "member 3 (2015) is a child");

	/* every adult signs the finance-check authorisation */
	int auth = 0;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (f->p[i].needed && !strcmp(f->p[i].kind, "finance_auth"))
			auth++;
	is_int(auth, 2, "two adults: two finance_auth rows");

	intake_set(f, (intake_ref){ INTAKE_AREA_CATEGORY, IC_DISABLED, 0 }, "y");
	intake_set(f, (intake_ref){ INTAKE_AREA_CATEGORY, IC_DISABLED, 1 }, id3);
	int cert = -1;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (f->p[i].needed && !strcmp(f->p[i].kind, "disability_cert"))
			cert = (int)i;
	ok(cert >= 0 && !strcmp(f->p[cert].person, id3), "disabled: a 残疾人证 row for that member");

	/* the certificate number is checked against the member's ID */
	size_t n;
	intake_item *items = intake_page_items(f, INTAKE_PAGE_PROOFS, &n);
	const intake_item *num = find_item(items, n, INTAKE_AREA_PROOF, cert, IP_NUMBER);
	char norm[64], msg[INTAKE_MSG_SIZE], good[24];
	ok(num != NULL, "the certificate number field is on page 4");
	snprintf(good, sizeof good, "%s42", id3);
	ok(num && intake_check(f, num, good, norm, sizeof norm, msg, sizeof msg), "a matching 残疾人证");
	snprintf(good, sizeof good, "%s82", id2);
	ok(num && !intake_check(f, num, good, norm, sizeof norm, msg, sizeof msg), "wrong member and category refused");
	ok(strncmp(msg, "Number: ", 8) == 0, "certificate message names the field: %s", msg);
	free(items);

	intake_item it = { .ref = { INTAKE_AREA_CATEGORY, IC_DISABLED, 1 }, .kind = INTAKE_CHOICE,
			   .list = INTAKE_LIST_MEMBER };
	intake_display(f, &it, buf, sizeof buf);
	is_str(buf, "3 李小五", "the named member is shown by number and name");

	ok(intake_member_remove(f, 1), "member 2 removed");
	is_int(f->n_members, 2, "two persons left");
	is_str(f->m[1].v[IM_NAME], "李小五", "the next member moved up");
	is_int(intake_total_income(f), 100000, "the removed member's income is gone");
	intake_display(f, &it, buf, sizeof buf);
	is_str(buf, "2 李小五", "the category follows the member, not the row");
	intake_form_destroy(f);
}

static void test_escape(void)
{
	intake_buf b = { 0 };
	intake_buf_str(&b, "a\"b\\c\nd\te\x01\x1f" "张三·李\xe2\x80\xa8");
	is_str(b.s, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f张三·李\\u2028\"", "quotes, backslashes, controls, Chinese");
	free(b.s);
	b = (intake_buf){ 0 };
	intake_buf_str(&b, "");
	is_str(b.s, "\"\"", "empty string");
	free(b.s);
}

static const char expected_json[] =
	"{\"community\":\"朝阳社区\","
	"\"household\":{\"hukou_address\":\"北京市东城区\\\"幸福\\\"里1号\",\"address\":\"同上\","
	"\"hukou_type\":\"urban\",\"housing\":\"\",\"vehicle\":\"\",\"savings_fen\":1234567},"
	"\"applicant\":{\"id_number\":\"11010519491231002X\",\"name\":\"王芳\",\"ethnic\":\"01\","
	"\"phone\":\"13800138000\",\"relationship\":\"self\",\"employment\":\"retired\",\"health\":\"chronic\","
	"\"disability_category\":null,\"disability_grade\":null,\"income\":{\"wages\":0,\"business\":0,"
	"\"property\":0,\"pension\":100000,\"support\":0,\"other\":0}},"
	"\"members\":[{\"id_number\":\"@ID2@\",\"name\":\"李四\",\"ethnic\":null,\"phone\":\"\","
	"\"relationship\":\"child\",\"employment\":\"unemployed_reg\",\"health\":\"healthy\","
	"\"disability_category\":4,\"disability_grade\":2,\"income\":{\"wages\":0,\"business\":0,"
	"\"property\":0,\"pension\":0,\"support\":0,\"other\":50050}}],"
	"\"categories\":[{\"code\":\"low_income\"},{\"code\":\"disabled\",\"member\":\"@ID2@\"}],"
	"\"proofs\":[{\"kind\":\"id_card\",\"person\":\"11010519491231002X\",\"seen\":true,"
	"\"number\":\"11010519491231002X\",\"issuer\":\"\",\"valid_until\":null},"
	"{\"kind\":\"hukou\",\"person\":null,\"seen\":true,\"number\":\"\",\"issuer\":\"\",\"valid_until\":null},"
	"{\"kind\":\"low_income_cert\",\"person\":null,\"seen\":false,\"number\":\"\",\"issuer\":\"\",\"valid_until\":null},"
	"{\"kind\":\"income_decl\",\"person\":\"11010519491231002X\",\"seen\":false,\"number\":\"\",\"issuer\":\"\",\"valid_until\":null},"
	"{\"kind\":\"income_decl\",\"person\":\"@ID2@\",\"seen\":false,\"number\":\"\",\"issuer\":\"\",\"valid_until\":null},"
	"{\"kind\":\"disability_cert\",\"person\":\"@ID2@\",\"seen\":true,\"number\":\"@ID2@42\","
	"\"issuer\":\"东城区残联\",\"valid_until\":\"2030-12-31\"}],"
	"\"declarations\":{\"pledge_signed\":true,\"auth_signed_by\":[\"11010519491231002X\"]},"
	"\"reason\":\"因病致贫\\n需要帮助\","
	"\"idempotency_key\":\"5f0c6a1e-3b7d-4c2a-9e8f-0a1b2c3d4e5f\"}";

static char *subst(const char *tmpl, const char *id2)
{
	char *out = malloc(strlen(tmpl) * 2 + 1), *o = out;
	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, "@ID2@", 5)) {
			memcpy(o, id2, 18);
			o += 18;
			p += 5;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static int proof_of(intake_form *f, const char *kind, const char *person)
{
	for (size_t i = 0; i < f->n_proofs; i++)
		if (!strcmp(f->p[i].kind, kind) && !strcmp(f->p[i].person, person))
			return (int)i;
	return -1;
}

static intake_form *sample_form(const char *id2)
{
	intake_form *f = form_with_rules_0020(2026, 6, 1);
	char cert[24];
#define S(a, r, i, v) intake_set(f, (intake_ref){ a, r, i }, v)
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_COMMUNITY, "朝阳社区");
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_HUKOU_ADDRESS, "北京市东城区\"幸福\"里1号");
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_ADDRESS, "同上");
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_HUKOU_TYPE, "urban");
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_SAVINGS, "12345.67");
	S(INTAKE_AREA_HOUSEHOLD, 0, IH_REASON, "因病致贫\n需要帮助");
	S(INTAKE_AREA_MEMBER, 0, IM_NAME, "王芳");
	S(INTAKE_AREA_MEMBER, 0, IM_ID, "11010519491231002X");
	S(INTAKE_AREA_MEMBER, 0, IM_ETHNIC, "汉族");
	S(INTAKE_AREA_MEMBER, 0, IM_PHONE, "13800138000");
	S(INTAKE_AREA_MEMBER, 0, IM_EMPLOY, "retired");
	S(INTAKE_AREA_MEMBER, 0, IM_HEALTH, "chronic");
	S(INTAKE_AREA_MEMBER, 0, IM_INC_PENSION, "1000.00");
	intake_member_add(f);
	S(INTAKE_AREA_MEMBER, 1, IM_NAME, "李四");
	S(INTAKE_AREA_MEMBER, 1, IM_ID, id2);
	S(INTAKE_AREA_MEMBER, 1, IM_REL, "child");
	S(INTAKE_AREA_MEMBER, 1, IM_EMPLOY, "unemployed_reg");
	S(INTAKE_AREA_MEMBER, 1, IM_HEALTH, "healthy");
	S(INTAKE_AREA_MEMBER, 1, IM_DIS_CAT, "4");
	S(INTAKE_AREA_MEMBER, 1, IM_DIS_GRADE, "2");
	S(INTAKE_AREA_MEMBER, 1, IM_INC_OTHER, "500.50");
	S(INTAKE_AREA_CATEGORY, IC_LOW_INCOME, 0, "y");
	S(INTAKE_AREA_CATEGORY, IC_DISABLED, 0, "y");
	S(INTAKE_AREA_CATEGORY, IC_DISABLED, 1, id2);
	S(INTAKE_AREA_PROOF, proof_of(f, "id_card", "11010519491231002X"), IP_SEEN, "y");
	S(INTAKE_AREA_PROOF, proof_of(f, "hukou", ""), IP_SEEN, "y");
	int c = proof_of(f, "disability_cert", id2);
	snprintf(cert, sizeof cert, "%s42", id2);
	S(INTAKE_AREA_PROOF, c, IP_SEEN, "y");
	S(INTAKE_AREA_PROOF, c, IP_NUMBER, cert);
	S(INTAKE_AREA_PROOF, c, IP_ISSUER, "东城区残联");
	S(INTAKE_AREA_PROOF, c, IP_VALID_UNTIL, "2030-12-31");
	S(INTAKE_AREA_PROOF, proof_of(f, "pledge", ""), IP_SEEN, "y");
	S(INTAKE_AREA_PROOF, proof_of(f, "finance_auth", "11010519491231002X"), IP_SEEN, "y");
#undef S
	snprintf(f->idem_key, sizeof f->idem_key, "5f0c6a1e-3b7d-4c2a-9e8f-0a1b2c3d4e5f");
	return f;
}

/* What jz.jsonb_flatten yields for the sample (scalars only, arrays by
 * 0-based index, strings unquoted, null as NULL), in a scrambled order. */
static void restore_sample(intake_form *g, const char *id2)
{
	char cert[24];
	snprintf(cert, sizeof cert, "%s42", id2);
	const char *pairs[][2] = {
		{ "proofs.5.number", cert }, { "proofs.5.seen", "true" }, { "proofs.5.kind", "disability_cert" },
		{ "proofs.5.person", id2 }, { "proofs.5.issuer", "东城区残联" }, { "proofs.5.valid_until", "2030-12-31" },
		{ "proofs.0.kind", "id_card" }, { "proofs.0.person", "11010519491231002X" }, { "proofs.0.seen", "true" },
		{ "proofs.0.number", "11010519491231002X" }, { "proofs.1.kind", "hukou" }, { "proofs.1.person", NULL },
		{ "proofs.1.seen", "true" }, { "proofs.1.valid_until", NULL },
		{ "declarations.auth_signed_by.0", "11010519491231002X" }, { "declarations.pledge_signed", "true" },
		{ "categories.1.member", id2 }, { "categories.1.code", "disabled" }, { "categories.0.code", "low_income" },
		{ "members.0.name", "李四" }, { "members.0.id_number", id2 }, { "members.0.relationship", "child" },
		{ "members.0.employment", "unemployed_reg" }, { "members.0.health", "healthy" },
		{ "members.0.disability_category", "4" }, { "members.0.disability_grade", "2" },
		{ "members.0.income.other", "50050" }, { "members.0.income.wages", "0" }, { "members.0.ethnic", NULL },
		{ "applicant.name", "王芳" }, { "applicant.id_number", "11010519491231002X" },
		{ "applicant.ethnic", "01" }, { "applicant.phone", "13800138000" }, { "applicant.relationship", "self" },
		{ "applicant.employment", "retired" }, { "applicant.health", "chronic" },
		{ "applicant.income.pension", "100000" },
		{ "community", "朝阳社区" }, { "household.hukou_address", "北京市东城区\"幸福\"里1号" },
		{ "household.address", "同上" }, { "household.hukou_type", "urban" },
		{ "household.savings_fen", "1234567" }, { "reason", "因病致贫\n需要帮助" },
		{ "idempotency_key", "5f0c6a1e-3b7d-4c2a-9e8f-0a1b2c3d4e5f" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		intake_set_path(g, pairs[i][0], pairs[i][1]);
	ok(!intake_set_path(g, "nonsense.path", "x"), "an unknown path is ignored");
	intake_restore_finish(g);
}

static void test_json(void)
{
	char id2[19];
	make_id("11010519800101123", id2);
	intake_form *f = sample_form(id2);
	char *want = subst(expected_json, id2);
	char *got = intake_to_json(f);
	is_str(got, want, "the submit JSON has the shape of 0023's comment");

	intake_form *g = form_with_rules_0020(2026, 6, 1);
	restore_sample(g, id2);
	char *again = intake_to_json(g);
	is_str(again, want, "restored from flattened pairs, the form writes the same JSON");
	is_str(g->m[0].v[IM_ETHNIC], "汉族", "民族 code 01 shown as 汉族");
	is_str(g->h[IH_SAVINGS], "12345.67", "savings fen back to yuan");
	free(again);
	free(got);
	free(want);
	intake_form_destroy(f);
	intake_form_destroy(g);

	char u1[37], u2[37];
	ok(intake_uuid4(u1) && intake_uuid4(u2), "UUIDs made");
	ok(strlen(u1) == 36 && u1[14] == '4' && strchr("89ab", u1[19]), "version 4, RFC variant: %s", u1);
	ok(strcmp(u1, u2) != 0, "two keys differ");
}

/* Page 4's proof fields: a 残疾人证 whose 19th/20th digit disagrees with
 * the member's 残疾类别/残疾等级 is told which digit and what the member
 * has; a 有效期至 before today is told it has expired (it would only have
 * stayed on the missing list); the date field has a cell for the cursor. */
static void test_proof_checks(void)
{
	char id2[19], cert[24], norm[128], msg[INTAKE_MSG_SIZE];
	make_id("11010520100315123", id2);
	intake_form *f = sample_form(id2);   /* member 2: 肢体 (4), 二级 (2); today 2026-06-01 */
	size_t n;
	intake_item *items = intake_page_items(f, INTAKE_PAGE_PROOFS, &n);
	int c = proof_of(f, "disability_cert", id2);
	const intake_item *num = find_item(items, n, INTAKE_AREA_PROOF, c, IP_NUMBER);
	const intake_item *until = find_item(items, n, INTAKE_AREA_PROOF, c, IP_VALID_UNTIL);
	if (!ok(num && until, "page 4 has the 残疾人证's number and 有效期至")) {
		free(items);
		intake_form_destroy(f);
		return;
	}
	snprintf(cert, sizeof cert, "%s42", id2);
	ok(intake_check(f, num, cert, norm, sizeof norm, msg, sizeof msg), "certificate matching 肢体 二级 accepted");
	snprintf(cert, sizeof cert, "%s52", id2);
	ok(!intake_check(f, num, cert, norm, sizeof norm, msg, sizeof msg), "category 5 (智力) against 肢体 refused");
	ok(strstr(msg, "19th digit") && strstr(msg, "member 2"), "the message names the 19th digit and member 2: %s", msg);
	snprintf(cert, sizeof cert, "%s44", id2);
	ok(!intake_check(f, num, cert, norm, sizeof norm, msg, sizeof msg), "grade 4 against 二级 refused");
	ok(strstr(msg, "20th digit") != NULL, "the message names the 20th digit: %s", msg);
	intake_set(f, (intake_ref){ INTAKE_AREA_MEMBER, 1, IM_DIS_GRADE }, "");
	ok(intake_check(f, num, cert, norm, sizeof norm, msg, sizeof msg), "no grade chosen: nothing to disagree with");

	ok(!intake_check(f, until, "2026-05-31", norm, sizeof norm, msg, sizeof msg), "有效期至 yesterday refused");
	ok(strstr(msg, "2026-05-31 has passed") != NULL, "the message says it has expired: %s", msg);
	ok(intake_check(f, until, "20260601", norm, sizeof norm, msg, sizeof msg), "有效期至 today accepted");
	is_str(norm, "2026-06-01", "normalised");
	ok(until->width >= 11, "有效期至 has 11 cells: 10 for the date, 1 for the cursor (%d)", until->width);
	free(items);
	intake_form_destroy(f);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_checks();
	test_phone_either();
	test_members_income();
	test_escape();
	test_json();
	test_proof_checks();
	return tap_done();
}
