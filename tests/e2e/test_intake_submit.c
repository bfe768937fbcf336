/* test_intake_submit.c - the receptionist's one pass (issue 3, "Done
 * when"): as reception under zh_CN.UTF-8, a 3-person low-income household
 * whose child is disabled (肢体 grade 2) is entered with the keyboard only,
 * every paper ticked seen with its number, the declarations signed; F10; the
 * receipt shows the application number and the notify-by date, the printable
 * receipt holds the masked ID only, and the database holds the application
 * as submitted with its 3 members, both categories and the proofs. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	char *s = calloc(1, 65536);
	if (s)
		(void)!fread(s, 1, 65535, fp);
	fclose(fp);
	return s;
}

/* The proofs of one heading: seen, number, issuer, valid until. */
static bool proof(vt *t, const char *heading, const char *number, const char *issuer,
		  const char *until)
{
	return ie_put(t, "已查验", heading, "y") && ie_put(t, "编号", heading, number) &&
	       ie_put(t, "发证机关", heading, issuer) && ie_put(t, "有效期至", heading, until);
}

static bool has(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	ie_ctx c;
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	long long t0 = vt_now_ms();
	vt *t = ie_login(&c, "reception");
	if (!ok(t != NULL, "reception/demo logged in")) {
		ie_finish(&c);
		return tap_done();
	}
	/* reception's drafts of earlier runs would be offered first */
	ie_clear_drafts(&c, "reception");
	ie_to_menu(t);

	int y = ie_this_year();
	char id1[19], id2[19], id3[19], cert[23];
	bool ids = ie_fresh_id(&c, id1, y - 45, 5, 12, true) &&
		   ie_fresh_id(&c, id2, y - 43, 3, 4, false) &&
		   ie_fresh_id(&c, id3, y - 11, 6, 1, true);
	if (!ok(ids, "three fresh valid ID numbers (%s %s %s)", id1, id2, id3)) {
		vt_destroy(t);
		ie_finish(&c);
		return tap_done();
	}
	snprintf(cert, sizeof cert, "%s42", id3);   /* 肢体 (4), grade 2 */

	bool pass = ok(ie_open_form(t), "1 on the main menu opens 新建救助申请 1/5 申请人");
	/* page 1: the applicant */
	pass = pass && ie_put(t, "姓名*", NULL, "王建国") && ie_put(t, "身份证号*", NULL, id1);
	if (pass && ie_focus(t, "民族", NULL)) {
		char *sex = ie_value(t, "性别", NULL), *birth = ie_value(t, "出生日期", NULL);
		char want[32];
		snprintf(want, sizeof want, "%04d-05-12", y - 45);
		is_str(sex, "男", "sex derived from the ID number and shown");
		is_str(birth, want, "birth date derived from the ID number and shown");
		free(sex);
		free(birth);
	}
	pass = pass && ie_put(t, "民族", NULL, "汉族") && ie_put(t, "联系电话", NULL, "13812345678") &&
	       ie_put(t, "户籍地址", NULL, "北京市朝阳区幸福里小区3号楼2单元101") &&
	       ie_put(t, "现住址", NULL, "北京市朝阳区幸福里小区3号楼2单元101") &&
	       ie_put(t, "社区*", NULL, "") && ie_put(t, "户籍性质", NULL, "1");
	pass = ok(pass && ie_wait_title(t, "2/5"), "page 1 filled; Tab past its end goes on to 2/5 家庭成员") && pass;

	/* page 2: the applicant's own row, then F6 for the spouse and the child */
	pass = pass && ie_put(t, "就业状况", "成员1：", "4") && ie_put(t, "健康状况", "成员1：", "1") &&
	       ie_put(t, "残疾类别", "成员1：", "") && ie_put(t, "残疾等级", "成员1：", "") &&
	       ie_put(t, "工资", "成员1：", "1200") && ie_focus(t, "经营收入", "成员1：") &&
	       vt_send(t, VT_F6);
	pass = pass && ie_put(t, "姓名*", "成员2：", "李秀英") && ie_put(t, "身份证号*", "成员2：", id2) &&
	       ie_put(t, "与申请人关系*", "成员2：", "1") && ie_put(t, "就业状况", "成员2：", "6") &&
	       ie_put(t, "健康状况", "成员2：", "2") && ie_put(t, "残疾类别", "成员2：", "") &&
	       ie_put(t, "残疾等级", "成员2：", "") && ie_put(t, "工资", "成员2：", "300") &&
	       ie_focus(t, "经营收入", "成员2：") && vt_send(t, VT_F6);
	pass = pass && ie_put(t, "姓名*", "成员3：", "王小明") && ie_put(t, "身份证号*", "成员3：", id3) &&
	       ie_put(t, "与申请人关系*", "成员3：", "2") && ie_put(t, "就业状况", "成员3：", "2") &&
	       ie_put(t, "健康状况", "成员3：", "1") && ie_put(t, "残疾类别", "成员3：", "4") &&
	       ie_put(t, "残疾等级", "成员3：", "2") && ie_focus(t, "工资", "成员3：");
	if (pass) {
		char *cat = ie_value(t, "残疾类别", "成员3："), *grade = ie_value(t, "残疾等级", "成员3：");
		is_str(cat, "肢体残疾", "the child's disability category shows 肢体残疾");
		is_str(grade, "二级", "the child's disability grade shows 二级");
		free(cat);
		free(grade);
	}
	for (int i = 0; pass && i < 6; i++)
		vt_send(t, VT_TAB);   /* the child has no income */
	pass = ok(pass && ie_wait_title(t, "3/5"), "three members entered; on to 3/5 收入与资产") && pass;

	/* page 3: figures computed, assets typed */
	if (pass && ie_focus(t, "住房", NULL)) {
		char *persons = ie_value(t, "家庭人口", NULL), *total = ie_value(t, "月总收入（元）", NULL),
		     *per = ie_value(t, "月人均收入（元）", NULL);
		is_str(persons, "3", "household size computed: 3");
		is_str(total, "1500.00", "monthly income computed: 1500.00");
		is_str(per, "500.00", "per capita computed: 500.00");
		free(persons);
		free(total);
		free(per);
	}
	pass = pass && ie_put(t, "住房", NULL, "自有住房一套，45平方米") && ie_put(t, "车辆", NULL, "无") &&
	       ie_put(t, "存款（元）", NULL, "2000");
	pass = ok(pass && ie_wait_title(t, "4/5"), "on to 4/5 申请类别与证明") && pass;

	/* page 4: categories, then every paper the household needs */
	pass = pass && ie_put(t, "低收入家庭", NULL, "y") && ie_put(t, "孤寡老人", NULL, "") &&
	       ie_put(t, "残疾人", NULL, "y") && ie_put(t, "哪位成员", "残疾人", "3") &&
	       ie_put(t, "失业人员", NULL, "") && ie_put(t, "哪位成员", "失业人员", "");
	pass = ok(pass && vt_wait_text(t, "残疾人证（王小明）", E2E_SCREEN_MS),
		  "ticking 残疾人 naming member 3 adds 残疾人证（王小明） to 尚缺材料") && pass;
	pass = pass && ie_focus(t, "已查验", "居民身份证 - 成员1 王建国") &&
	       proof(t, "居民身份证 - 成员1", id1, "北京市公安局朝阳分局", "2036-01-01") &&
	       proof(t, "户口簿 - 本户", "HK20150601", "北京市公安局朝阳分局", "") &&
	       proof(t, "低收入证明 - 本户", "DB2026-0107", "朝阳区民政局", "") &&
	       proof(t, "收入申报 - 成员1", "SB-1", "幸福里社区居委会", "") &&
	       proof(t, "收入申报 - 成员2", "SB-2", "幸福里社区居委会", "") &&
	       proof(t, "收入申报 - 成员3", "SB-3", "幸福里社区居委会", "") &&
	       proof(t, "残疾人证 - 成员3", cert, "北京市朝阳区残疾人联合会", "2031-12-31");
	pass = ok(pass && ie_wait_title(t, "5/5"), "every paper ticked with its number; on to 5/5") && pass;

	/* page 5: reason, declarations */
	pass = pass && ie_put(t, "申请理由", NULL, "丈夫收入低，孩子肢体残疾需要康复治疗") &&
	       ie_put(t, "授权书已签字：成员1", NULL, "y") && ie_put(t, "授权书已签字：成员2", NULL, "y") &&
	       ie_focus(t, "承诺书已签字", NULL) && vt_send(t, "y");
	ok(!e2e_screen_has(t, "授权书已签字：成员3"), "no authorisation asked of the child (a minor)");
	long long typed = vt_now_ms();
	pass = pass && vt_send(t, VT_F10);
	bool receipt = pass && vt_wait_text(t, "申请已受理", E2E_SCREEN_MS);
	if (!ok(receipt, "F10: 申请已受理"))
		vt_screen_dump(t);
	long long submitted = vt_now_ms();

	/* the receipt screen */
	char number[64] = "", notify[16] = "";
	int r = vt_find_text(t, "申请编号：");
	char *row = r >= 0 ? vt_row_text(t, r) : NULL;
	if (row)
		sscanf(strstr(row, "申请编号：") + strlen("申请编号："), " %63s", number);
	free(row);
	regex_t re;
	char pat[80];
	snprintf(pat, sizeof pat, "^110105001001-%04d-[0-9]{6}$", y);
	regcomp(&re, pat, REG_EXTENDED | REG_NOSUB);
	ok(regexec(&re, number, 0, NULL, 0) == 0, "receipt shows the application number '%s' (110105001001-%d-NNNNNN)", number, y);
	regfree(&re);
	r = vt_find_text(t, "告知日期：");
	row = r >= 0 ? vt_row_text(t, r) : NULL;
	if (row)
		sscanf(strstr(row, "告知日期：") + strlen("告知日期："), " %15s", notify);
	ok(row && !strstr(row, "未确认"), "notify-by date confirmed (the year's calendar is loaded): '%s'", row ? row : "");
	free(row);
	char mask[19];
	snprintf(mask, sizeof mask, "%.6s********%.4s", id1, id1 + 14);
	ok(e2e_screen_has(t, mask) && !e2e_screen_has(t, id1), "receipt screen shows the ID masked (%s), never in full", mask);

	/* the printable receipt */
	char path[600];
	snprintf(path, sizeof path, "%s/receipt-%s.txt", c.print_dir, number);
	char *file = slurp(path);
	ok(file != NULL, "receipt file %s written", path);
	ok(has(file, number) && has(file, notify) && notify[0], "receipt file holds the number and the notify-by date %s", notify);
	ok(has(file, "王建国") && has(file, mask), "receipt file names the applicant with the masked ID");
	ok(file && !has(file, id1) && !has(file, id1 + 6), "receipt file never holds the full ID number");
	free(file);

	/* what PostgreSQL holds */
	const char *pn[] = { number };
	char *v = ie_query(&c, "select a.state || ' ' || (select count(*) from jz.household_members m"
			       " where m.household_id = a.household_id) from jz.applications a where a.number = $1", 1, pn);
	is_str(v, "submitted 3", "psql: the application is submitted with 3 household members");
	free(v);
	v = ie_query(&c, "select a.notify_by::text || ' ' || a.notify_by_certain::text from jz.applications a where a.number = $1", 1, pn);
	char want[80];
	snprintf(want, sizeof want, "%s true", notify);
	is_str(v, want, "psql: notify_by as on the receipt, certain");
	free(v);
	v = ie_query(&c, "select string_agg(c.category || coalesce(':' || p.id_number, ''), ',' order by c.category)"
			 " from jz.application_categories c join jz.applications a on a.id = c.application_id"
			 " left join jz.persons p on p.id = c.member_id where a.number = $1", 1, pn);
	snprintf(want, sizeof want, "disabled:%s,low_income", id3);
	is_str(v, want, "psql: categories low_income and disabled naming the child");
	free(v);
	v = ie_query(&c, "select string_agg(p.name || ':' || m.relationship || ':' || coalesce(m.disability_category::text, '-')"
			 " || coalesce(m.disability_grade::text, '-'), ',' order by p.birth_date)"
			 " from jz.applications a join jz.household_members m on m.household_id = a.household_id"
			 " join jz.persons p on p.id = m.person_id where a.number = $1", 1, pn);
	is_str(v, "王建国:self:--,李秀英:spouse:--,王小明:child:42", "psql: the members, relationships and the child's disability 4/2");
	free(v);
	v = ie_query(&c, "select pr.number from jz.proofs pr join jz.applications a on a.id = pr.application_id"
			 " where a.number = $1 and pr.doc_kind = 'disability_cert' and pr.seen", 1, pn);
	is_str(v, cert, "psql: the 残疾人证 seen, its number the child's ID + 42");
	free(v);
	v = ie_query(&c, "select count(*) filter (where not pr.seen) || '/' || count(*) from jz.proofs pr"
			 " join jz.applications a on a.id = pr.application_id where a.number = $1", 1, pn);
	ok(v && strncmp(v, "0/", 2) == 0, "psql: every proof row seen (%s unseen/all)", v ? v : "?");
	free(v);
	v = ie_query(&c, "select count(*) from jz.drafts where login = 'reception'", 0, NULL);
	is_str(v, "0", "the draft is gone once submitted");
	free(v);

	vt_send(t, VT_F3);
	int status = -1;
	ok(vt_wait_exit(t, 5000, &status) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "F3 on the receipt exits with status 0");
	tap_diag("timings: login+typing %lld ms, F10 to receipt %lld ms", typed - t0, submitted - typed);
	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
