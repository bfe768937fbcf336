/* test_plan_keys.c - the plan screen's item keys (tui/scr_plan.c): F4 adds
 * an item, Delete removes one. Items change only on a proposed plan not yet
 * submitted (jz.plan_item_add/remove refuse others, JZ021), and the sample
 * has none for the caseworker, so the run makes one the way the office
 * does, through the database's own functions: reception submits and
 * accepts a low-income application, the caseworker takes it into
 * assessment, answers the checklist (forms/assess items), completes it and
 * proposes the plan. Then, as the caseworker at the screen: 救助计划, the
 * plan, F4: 志愿者上门服务 for the applicant, 4 visits a week with a reason;
 * the item is listed in Chinese and is in the database; Delete on it, Enter
 * with no reason is refused, a reason removes it: gone from the screen and
 * the plan, kept with its reason in jz.plan_item_removals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_form.h"
#include "tap.h"
#include "test_intake.h"

#define VT_DELETE "\033[3~"
#define KIND_ZH "志愿者上门服务"
#define REASON_ADD "腿脚不便，每周多探访一次"
#define REASON_RM "女儿已回家照料，不再需要上门"

typedef struct plan_case {
	char id[19];
	char name[64];
	char app[24];
	char plan[24];
} plan_case;

/* A statement that must succeed; its first value (or "") into out. */
static bool sql1(ie_ctx *c, const char *sql, int n, const char *const *p, char *out, size_t len)
{
	char *v = ie_query(c, sql, n, p);
	if (v && out)
		snprintf(out, len, "%s", v);
	bool good = v != NULL;
	free(v);
	return good;
}

static long long count(ie_ctx *c, const char *sql, int n, const char *const *p)
{
	char *v = ie_query(c, sql, n, p);
	long long k = v && *v ? atoll(v) : -1;
	free(v);
	return k;
}

/* The checklist of a low-income case answered as tests/db's fixture does:
 * the first choice (eligible, matches the declaration), "no" for yes/no. */
static bool answer_checklist(ie_ctx *c, const char *sid)
{
	size_t n;
	const assess_item *it = assess_items(&n);
	for (size_t i = 0; i < n; i++) {
		const char *v = "已核实";
		if (!assess_applies(&it[i], ASSESS_CAT_LOW_INCOME))
			continue;
		switch (it[i].kind) {
		case ASSESS_CHOICE: v = it[i].choices[0].value; break;
		case ASSESS_SCORE: v = it[i].choices[it[i].nchoices > 1 ? 1 : 0].value; break;
		case ASSESS_DATE: v = "2026-03-02"; break;
		case ASSESS_TIME: v = "09:30"; break;
		case ASSESS_YESNO: v = "no"; break;
		case ASSESS_NUMBER: v = "1"; break;
		case ASSESS_TEAM:
			v = strcmp(it[i].code, "team.volunteer") == 0 ? "刘小红、马丽" : "张建国";
			break;
		default: break;
		}
		const char *p[3] = { sid, it[i].code, v };
		if (!sql1(c, "select jz.assessment_save($1::bigint, $2, $3, $2)", 3, p, NULL, 0))
			return false;
	}
	return true;
}

/* Submitted and accepted by reception, assessed by the caseworker, the
 * plan proposed: its ids in pc. */
static bool make_case(ie_ctx *c, plan_case *pc)
{
	static const char *const digits[10] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	char form[2000], sid[24];
	unsigned r = c->seed;
	size_t o = (size_t)snprintf(pc->name, sizeof pc->name, "%s", "计划");
	for (int i = 0; i < 4; i++, r /= 10)
		o += (size_t)snprintf(pc->name + o, sizeof pc->name - o, "%s", digits[r % 10]);
	if (!ie_fresh_id(c, pc->id, 1975, 5, 12, false))
		return false;
	snprintf(form, sizeof form,
		 "{\"community\": \"110105001001\","
		 " \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\"},"
		 " \"categories\": [{\"code\": \"low_income\"}],"
		 " \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		 "   {\"kind\": \"hukou\", \"seen\": true},"
		 "   {\"kind\": \"low_income_cert\", \"seen\": true, \"issuer\": \"和平街道办事处\","
		 "    \"valid_until\": \"2099-12-31\"}],"
		 " \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}",
		 pc->id, pc->name, pc->id, pc->id, pc->id);
	const char *pf[1] = { form };
	const char *pa[1] = { pc->app };
	bool good = sql1(c, "set session authorization reception", 0, NULL, NULL, 0)
		&& sql1(c, "select (jz.submit_application($1::jsonb, gen_random_uuid())).application_id",
			1, pf, pc->app, sizeof pc->app)
		&& sql1(c, "select jz.transition(a.id, 'accepted', null, a.version) from jz.applications a"
			" where a.id = $1::bigint", 1, pa, NULL, 0)
		&& sql1(c, "set session authorization caseworker", 0, NULL, NULL, 0)
		&& sql1(c, "select jz.transition(a.id, 'assessing', null, a.version) from jz.applications a"
			" where a.id = $1::bigint", 1, pa, NULL, 0)
		&& sql1(c, "select jz.assessment_open($1::bigint)", 1, pa, sid, sizeof sid)
		&& answer_checklist(c, sid);
	if (good) {
		const char *ps[2] = { sid, pc->app };
		good = sql1(c, "select jz.assessment_complete($1::bigint,"
			    " (select version from jz.applications where id = $2::bigint))", 2, ps, NULL, 0)
		       && sql1(c, "select jz.plan_propose($1::bigint, null, null)", 1, pa,
			       pc->plan, sizeof pc->plan);
	}
	sql1(c, "reset session authorization", 0, NULL, NULL, 0);
	return good && pc->plan[0];
}

/* The row holding text is the selected one (reverse video). */
static bool row_selected(const vt *t, void *arg)
{
	int row = vt_find_text(t, arg), col = row >= 0 ? vt_text_col(t, row, arg) : -1;
	vt_cell_info ci;
	return col >= 0 && vt_cell(t, row, col, &ci) && ci.reverse;
}

/* The screen below the title line (its clock ticks), text and reverse
 * video: a key's effect is seen when this changes. */
static unsigned long long screen_print(const vt *t)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	int rows, cols;
	vt_cell_info ci;

	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows; r++) {
		char *s = vt_row_text(t, r);
		for (const char *p = s ? s : ""; *p; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
		free(s);
		for (int c = 0; c < cols; c++)
			h = (h ^ (unsigned)(vt_cell(t, r, c, &ci) && ci.reverse)) * 0x100000001b3ULL;
	}
	return h;
}

static bool screen_changed(const vt *t, void *arg)
{
	return screen_print(t) != *(const unsigned long long *)arg;
}

/* Down, then wait until the screen shows it (not a fixed time: under load
 * a second Down sent early would overshoot). */
static bool down_and_wait(vt *t)
{
	unsigned long long before = screen_print(t);
	vt_send(t, VT_DOWN);
	return vt_wait_until(t, screen_changed, &before, E2E_SCREEN_MS);
}

/* Down until the row holding text is selected. */
static bool select_row(vt *t, const char *text)
{
	for (int i = 0; i < 60 && !row_selected(t, (void *)text); i++)
		if (!down_and_wait(t))
			break;   /* the end of the list: nothing moved */
	return row_selected(t, (void *)text);
}

/* Down in the F4 pickers until the line "增加：..." says want. */
static bool pick(vt *t, const char *want)
{
	for (int i = 0; i < 8 && !e2e_screen_has(t, want); i++)
		if (!down_and_wait(t))
			break;
	return e2e_screen_has(t, want);
}

static bool item_gone(const vt *t, void *arg)
{
	(void)arg;
	int rows, cols;
	vt_size(t, &rows, &cols);
	/* the item lines only: the message line may still name the action */
	for (int r = 1; r < rows - 3; r++) {
		char *s = vt_row_text(t, r);
		bool hit = s && strstr(s, KIND_ZH);
		free(s);
		if (hit)
			return false;
	}
	return true;
}

static void add_item(ie_ctx *c, vt *t, const plan_case *pc)
{
	const char *pp[1] = { pc->plan };
	long long before = count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint", 1, pp);

	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, "选择项目类别", E2E_SCREEN_MS), "F4: choose the kind of item"))
		vt_screen_dump(t);
	ok(pick(t, "增加：" KIND_ZH "，对象 本户"), "Down to %s (for the household)", KIND_ZH);
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "选择对象", E2E_SCREEN_MS), "Enter: choose for whom");
	char who[128];
	snprintf(who, sizeof who, "增加：%s，对象 %s", KIND_ZH, pc->name);
	ok(pick(t, who), "Down to the applicant %s", pc->name);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "数额：", E2E_SCREEN_MS), "Enter: the figure, the policy's prefilled"))
		vt_screen_dump(t);
	vt_send(t, "\025");   /* Ctrl-U: clear the field */
	vt_send(t, "4");
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "原因（与政策标准不同时必填）", E2E_SCREEN_MS), "Enter: the reason");
	vt_send(t, REASON_ADD);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "已增加该项目", E2E_SCREEN_MS), "Enter saves: 已增加该项目"))
		vt_screen_dump(t);
	char line[160];
	snprintf(line, sizeof line, "%s", "每周 4 次");
	ok(vt_wait_text(t, KIND_ZH, E2E_SCREEN_MS) && e2e_screen_has(t, line)
	   && e2e_screen_has(t, "理由：" REASON_ADD), "listed: %s %s %s, 理由：%s", KIND_ZH, pc->name, line,
	   REASON_ADD);

	const char *pq[3] = { pc->plan, pc->id, REASON_ADD };
	is_int((int)count(c, "select count(*) from jz.plan_items i join jz.persons p on p.id = i.person_id"
			  " where i.plan_id = $1::bigint and i.kind = 'home_visits' and p.id_number = $2"
			  " and i.visits_per_week = 4 and i.deviation_reason = $3 and i.created_by = 'caseworker'",
			  3, pq), 1, "the database has it: home_visits, 4 a week, the reason, by caseworker");
	is_int((int)count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint", 1, pp),
	       (int)before + 1, "one item more in the plan");
}

/* The legend's row at 80x24 (the one above the message line) has s. */
static bool legend_has(const vt *t, const char *s)
{
	char *row = vt_row_text(t, 22);
	bool has = row && strstr(row, s) != NULL;
	free(row);
	return has;
}

static bool legend_has_pred(const vt *t, void *s)
{
	return legend_has(t, s);
}

static void remove_item(ie_ctx *c, vt *t, const plan_case *pc)
{
	const char *pp[1] = { pc->plan };
	long long before = count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint", 1, pp);

	if (!ok(select_row(t, KIND_ZH), "Down selects the %s line", KIND_ZH))
		vt_screen_dump(t);
	vt_send(t, VT_DELETE);
	char ask[160];
	snprintf(ask, sizeof ask, "删除 %s（%s）？", KIND_ZH, pc->name);
	if (!ok(vt_wait_text(t, ask, E2E_SCREEN_MS), "Delete asks: %s", ask))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "删除理由：") && !e2e_screen_has(t, "申请理由"),
	   "the field is the reason for removing it, not an application's");
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "删除计划项目须填写理由", E2E_SCREEN_MS), "Enter with no reason is refused");
	is_int((int)count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint", 1, pp),
	       (int)before, "the item is still in the plan");
	vt_send(t, REASON_RM);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "已删除该项目", E2E_SCREEN_MS), "a reason and Enter: 已删除该项目"))
		vt_screen_dump(t);
	ok(vt_wait_until(t, item_gone, NULL, E2E_SCREEN_MS), "%s is no longer listed", KIND_ZH);

	is_int((int)count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint"
			  " and kind = 'home_visits'", 1, pp), 0, "the database: not in the plan");
	is_int((int)count(c, "select count(*) from jz.plan_items where plan_id = $1::bigint", 1, pp),
	       (int)before - 1, "one item fewer");
	const char *pr[2] = { pc->plan, REASON_RM };
	is_int((int)count(c, "select count(*) from jz.plan_item_removals where plan_id = $1::bigint"
			  " and kind = 'home_visits' and value = 4 and reason = $2 and removed_by = 'caseworker'",
			  2, pr), 1, "kept in jz.plan_item_removals with its figure and reason");
}

/* Submitted, the plan's keys say it is frozen: F4 did nothing, F10 showed
 * the database's "计划 364 已提交或已决定". */
static void submit_then_keys(vt *t)
{
	static const char frozen[] = "计划已提交，待审批，不能再修改";
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已提交审批", E2E_SCREEN_MS), "F10 submits: 已提交审批"))
		vt_screen_dump(t);
	/* F12 goes back from it: the legend said F12 取消 */
	char back[] = "F12 返回";
	if (!ok(vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "取消")
		&& !legend_has(t, "Del") && !legend_has(t, "F4"),
		"the submitted plan's legend: F12 返回, no 取消, no Del or F4"))
		vt_screen_dump(t);
	vt_send(t, VT_DELETE);
	if (!ok(vt_wait_text(t, frozen, E2E_SCREEN_MS), "Delete on the submitted plan: %s", frozen))
		vt_screen_dump(t);
	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, frozen, E2E_SCREEN_MS), "F4 on the submitted plan: %s", frozen))
		vt_screen_dump(t);
	/* (no Esc in between: Esc is Cancel, which leaves the plan, and then
	 * F10 on the list would submit whatever row is selected) */
	vt_send(t, VT_F6);
	ok(vt_wait_text(t, frozen, E2E_SCREEN_MS) && !e2e_screen_has(t, "开始日期（"), "F6 too, no date field");
	vt_send(t, VT_F10);
	ok(vt_wait_text(t, frozen, E2E_SCREEN_MS) && !e2e_screen_has(t, "已提交或已决定"), "F10 again: the same words");
}

static void run(ie_ctx *c)
{
	plan_case pc;
	memset(&pc, 0, sizeof pc);
	if (!ok(make_case(c, &pc), "a low-income case assessed, its plan proposed (plan %s)", pc.plan))
		return;
	vt *t = ie_login(c, "caseworker");
	if (!ok(t != NULL, "caseworker logged in"))
		return;
	if (ok(ie_menu_pick(t, "救助计划"), "主菜单: 救助计划")) {
		if (!ok(vt_wait_text(t, pc.name, E2E_SCREEN_MS), "the plans list has %s", pc.name))
			vt_screen_dump(t);
		ok(select_row(t, pc.name), "Down selects it");
		vt_send(t, VT_ENTER);
		if (!ok(vt_wait_text(t, "状态：拟定中", E2E_SCREEN_MS) && e2e_screen_has(t, pc.name),
			"Enter opens the plan, 状态：拟定中"))
			vt_screen_dump(t);
		if (!ok(e2e_screen_has(t, "低收入家庭生活补贴") && !e2e_screen_has(t, KIND_ZH),
			"proposed with the low-income items, no %s yet", KIND_ZH))
			vt_screen_dump(t);
		/* Delete removes an item: the legend says so, as it says F4 */
		char del[] = "Del 删除项目";
		if (!ok(vt_wait_until(t, legend_has_pred, del, E2E_SCREEN_MS) && legend_has(t, "F4 增加项目")
			&& legend_has(t, "F12 返回") && !legend_has(t, "取消"),
			"the plan being made: Del 删除项目 and F4 增加项目 in the legend, F12 返回"))
			vt_screen_dump(t);
		add_item(c, t, &pc);
		remove_item(c, t, &pc);
		submit_then_keys(t);
	}
	vt_send(t, VT_F3);
	int st;
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
}

int main(void)
{
	ie_ctx c;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	/* the private cluster runs once jiuzhu has started: start it at the login */
	vt *t = e2e_start(&c.env, 24, 80, NULL);
	bool up = t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS);
	vt_destroy(t);
	if (ok(up, "the private database is up") && ok(ie_db(&c), "reached as its superuser"))
		run(&c);
	ie_finish(&c);
	return tap_done();
}
