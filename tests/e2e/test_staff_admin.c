/* test_staff_admin.c - 员工管理 as an administrator would use it: add a
 * caseworker (login, display name, role and community picked from lists,
 * password twice); the new account logs in on a second terminal and sees the
 * caseworker's menu; disable it through the screen; a third terminal's login
 * as that account is told the account is disabled. The e2e data folder
 * persists between runs: the login is new each run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

#define PASSWORD "QaPass-2025"
#define NAME "王测试"

typedef struct row_wait {
	int row;            /* the message line */
	const char *text;
} row_wait;

static bool row_has(const vt *t, void *arg)
{
	const row_wait *w = arg;
	char *s = vt_row_text(t, w->row);
	bool hit = s && strstr(s, w->text);
	free(s);
	return hit;
}

/* Wait until the message line (23) says text. */
static bool wait_message(vt *t, const char *text)
{
	row_wait w = { 23, text };
	if (vt_wait_until(t, row_has, &w, E2E_SCREEN_MS))
		return true;
	tap_diag("the message line never said '%s'", text);
	vt_screen_dump(t);
	return false;
}

/* The cell at (row, first column of s in row) is in reverse video: the
 * list's cursor is on that row. */
static bool row_selected(const vt *t, const char *s)
{
	int r = vt_find_text(t, s);
	if (r < 1)
		return false;
	vt_cell_info ci;
	return vt_cell(t, r, vt_text_col(t, r, s), &ci) && ci.reverse;
}

static bool login_selected(const vt *t, void *arg)
{
	return row_selected(t, arg);
}

/* What "< name >" says on the row of label in the add form. */
static bool picker_text(const vt *t, const char *label, char *out, size_t len)
{
	char *v = ie_value(t, label, NULL);
	bool good = false;
	if (v && strncmp(v, "< ", 2) == 0) {
		char *end = strstr(v, " >");
		if (end) {
			*end = '\0';
			snprintf(out, len, "%s", v + 2);
			good = out[0] != '\0';
		}
	}
	free(v);
	return good;
}

/* Type the fields of the add form: Tab moves login -> name -> role ->
 * community -> password -> again. Returns the picked community's name. */
static bool fill_add_form(vt *t, const char *login, char *community, size_t len)
{
	if (!ie_put(t, "登录名：", NULL, login) || !ie_put(t, "显示姓名：", NULL, NAME))
		return false;
	/* role: Space steps 前台受理员 -> 社工 */
	if (!ie_focus(t, "角色：", NULL))
		return false;
	vt_send(t, " ");
	if (!ok(vt_wait_text(t, "< 社工 >", E2E_SCREEN_MS), "Space picks the role 社工")) {
		vt_screen_dump(t);
		return false;
	}
	vt_send(t, VT_TAB);
	if (!ie_focus(t, "社区：", NULL))
		return false;
	if (!ok(picker_text(t, "社区：", community, len) && strcmp(community, "（无）") != 0,
		"a community is picked ('%s')", community))
		return false;
	vt_send(t, VT_TAB);
	return ie_put(t, "密码：", NULL, PASSWORD) && ie_focus(t, "再次输入密码：", NULL) &&
	       vt_send(t, PASSWORD);
}

static void check_account(ie_ctx *c, const char *login, const char *community, bool active)
{
	const char *p[] = { login };
	char *s = ie_query(c, "select group_role || ' ' || active from jz.staff where login = $1", 1, p);
	char want[64];
	snprintf(want, sizeof want, "jz_caseworker %s", active ? "true" : "false");
	is_str(s, want, "jz.staff: the account is a caseworker, active or not as expected");
	free(s);
	s = ie_query(c, "select rolcanlogin::text from pg_roles where rolname = $1", 1, p);
	is_str(s, active ? "true" : "false", "pg_roles: rolcanlogin follows the account");
	free(s);
	if (community) {
		s = ie_query(c, "select string_agg(c.name, ',') from jz.staff_community sc"
			     " join jz.communities c on c.id = sc.community_id where sc.login = $1", 1, p);
		is_str(s, community, "the account serves the picked community");
		free(s);
	}
}

/* A fresh terminal's login as login/PASSWORD; returns it (caller destroys). */
static vt *try_login(ie_ctx *c, const char *login)
{
	vt *t = e2e_start(&c->env, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS)) {
		tap_diag("no login screen");
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	e2e_type_login(t, login, PASSWORD);
	return t;
}

static void exit_terminal(vt *t, const char *label)
{
	int st;
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "%s: F3 exits", label);
}

int main(void)
{
	ie_ctx c;
	vt *a = NULL, *b = NULL;
	char login[32], community[128] = "", msg[128];

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	snprintf(login, sizeof login, "qa_%08x", c.seed);

	a = ie_login(&c, "admin");
	if (!ok(a != NULL, "terminal 1: admin logged in"))
		goto out;
	if (!ok(ie_menu_pick(a, "员工管理") && ie_wait_title(a, "员工管理"), "the menu opens 员工管理"))
		goto out;
	vt_send(a, VT_F6);
	if (!ok(ie_focus(a, "登录名：", NULL), "F6 opens the add form, cursor in 登录名"))
		goto out;
	if (!ok(fill_add_form(a, login, community, sizeof community), "add form filled for %s", login))
		goto out;
	ok(!e2e_screen_has(a, PASSWORD) && !e2e_screen_has(a, "QaPa"), "the password is never on the screen");
	vt_send(a, VT_F10);
	snprintf(msg, sizeof msg, "已新增账号 %s", login);
	if (!ok(wait_message(a, msg), "F10: the message says %s", msg))
		goto out;
	ok(vt_wait_until(a, login_selected, login, E2E_SCREEN_MS),
	   "back on the list, the cursor on the new account");
	int r = vt_find_text(a, login);
	char *row = r > 0 ? vt_row_text(a, r) : NULL;
	ok(row && strstr(row, NAME) && strstr(row, "社工") && strstr(row, "是"),
	   "its row: name, 社工, active ('%s')", row ? row : "");
	free(row);
	if (!ie_db(&c))
		goto out;
	check_account(&c, login, community, true);

	/* the new account on a second terminal, while the admin's stays open */
	b = try_login(&c, login);
	if (!ok(b != NULL && ie_wait_title(b, "主菜单"), "terminal 2: %s logs in with the password", login))
		goto out;
	char *title = vt_row_text(b, 0);
	ok(title && strstr(title, NAME), "terminal 2: the title names %s ('%s')", NAME, title ? title : "");
	free(title);
	ok(e2e_screen_has(b, "初审") && e2e_screen_has(b, "入户评估"),
	   "terminal 2: the caseworker's menu (初审, 入户评估)");
	ok(!e2e_screen_has(b, "员工管理") && !e2e_screen_has(b, "新建救助申请"),
	   "terminal 2: no admin or reception entries");
	exit_terminal(b, "terminal 2");
	vt_destroy(b);
	b = NULL;

	/* disable it: Enter on its row, 4 (停用账号), F10 */
	vt_send(a, VT_ENTER);
	if (!ok(vt_wait_text(a, "停用账号", E2E_SCREEN_MS), "Enter offers the account's actions"))
		goto out;
	vt_send(a, "4");
	if (!ok(vt_wait_text(a, "按 F10 停用", E2E_SCREEN_MS), "4 asks to confirm with F10")) {
		vt_screen_dump(a);
		goto out;
	}
	snprintf(msg, sizeof msg, "账号：%s", login);
	ok(e2e_screen_has(a, msg), "the confirmation names the account (%s)", msg);
	vt_send(a, VT_F10);
	snprintf(msg, sizeof msg, "账号 %s 已停用", login);
	if (!ok(wait_message(a, msg), "F10: the message says %s", msg))
		goto out;
	ok(vt_wait_until(a, login_selected, login, E2E_SCREEN_MS), "the list keeps the cursor on it");
	r = vt_find_text(a, login);
	row = r > 0 ? vt_row_text(a, r) : NULL;
	ok(row && strstr(row, "否") && strchr(row, '!'), "its row: not active, marked ! ('%s')", row ? row : "");
	free(row);
	check_account(&c, login, NULL, false);

	/* a login attempt as it is refused, saying why */
	b = try_login(&c, login);
	if (ok(b != NULL && wait_message(b, "已停用"), "terminal 3: the login says the account is disabled")) {
		char *t0 = vt_row_text(b, 0);
		ok(t0 && strstr(t0, "登录") && !strstr(t0, "主菜单"), "terminal 3: still at the login screen");
		free(t0);
		ok(!e2e_screen_has(b, PASSWORD) && !e2e_screen_has(b, "QaPa"), "terminal 3: no password on the screen");
		exit_terminal(b, "terminal 3");
	}
	exit_terminal(a, "terminal 1");
out:
	vt_destroy(a);
	vt_destroy(b);
	ie_finish(&c);
	return tap_done();
}
