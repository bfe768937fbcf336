/* test_refusal.c - a rule the database keeps, refused on a screen, in the
 * UI's language (db/errtext.c). A social worker books 刘玉兰 next Monday at
 * 09:00 on her week grid (服务对象周表, 80x24) and moves the visit to 18:00,
 * when no sample volunteer serves: the database refuses (JZ030, raised in
 * Chinese by 0070). In English (argv[1] C.UTF-8) the message line says so in
 * English first and keeps the database's words (the day, 18:00, 不在可服务时间内)
 * in parentheses; in Chinese (zh_CN.UTF-8) it is the database's text alone.
 * The visit stays at 09:00 and is cancelled at the end; her Monday 09:00
 * visits of next week are cancelled first, as test_week_keys does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

typedef struct words {
	const char *menu, *menu_entry, *coverage, *recipient, *week, *booked;
} words;

static const words en = {
	.menu = "Main menu", .menu_entry = "Volunteer visit rota", .coverage = "Home-visit coverage",
	.recipient = "Recipient", .week = "Recipient's week", .booked = "Visit booked.",
};
static const words zh = {
	.menu = "主菜单", .menu_entry = "志愿者/探访排班", .coverage = "探访排班",
	.recipient = "服务对象", .week = "服务对象周表", .booked = "已排探访",
};

#define SENTENCE_EN "Not available: the volunteer is not free then"
#define REFUSED_ZH "不在可服务时间内"

/* The screen's text rows joined, trailing blanks dropped: a message wrapped
 * onto two lines reads whole. Caller frees. */
static char *screen_joined(const vt *t)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	size_t cap = (size_t)rows * ((size_t)cols * 4 + 1) + 1, len = 0;
	char *all = calloc(1, cap);
	for (int r = 0; all && r < rows; r++) {
		char *s = vt_row_text(t, r);
		size_t n = s ? strlen(s) : 0;
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (s && len + n < cap) {
			memcpy(all + len, s, n);
			len += n;
			all[len] = '\0';
		}
		free(s);
	}
	return all;
}

/* The refusal names the slot: arg is "<Monday> 18:00" (the grid's title
 * has the date alone, its rows the hour alone); a wrap may fall on its
 * space, which the joined rows drop. */
static bool refusal_shown(const vt *t, void *arg)
{
	const char *slot = arg;
	char glued[64];
	const char *sp = strchr(slot, ' ');
	snprintf(glued, sizeof glued, "%.*s%s", sp ? (int)(sp - slot) : 0, slot, sp ? sp + 1 : slot);
	char *all = screen_joined(t);
	bool hit = all && strstr(all, REFUSED_ZH) && (strstr(all, slot) || strstr(all, glued));
	free(all);
	return hit;
}

static char *visit_at_nine(ie_ctx *c, const char *who, const char *col)
{
	char sql[512];
	const char *p[1] = { who };
	snprintf(sql, sizeof sql, "select %s from jz.visits v join jz.persons p on p.id = v.recipient_id"
		 " where p.name = $1 and v.status = 'planned'"
		 " and lower(v.slot) = jz.office_at(jz.week_of(now()) + 7, 9 * 60)", col);
	return ie_query(c, sql, 1, p);
}

static void run(ie_ctx *c, vt *t, const words *w, bool english)
{
	const char *who = "刘玉兰";
	const char *p[1] = { who };
	char *n = ie_query(c, "update jz.visits v set status = 'cancelled', actual_minutes = null"
			   " from jz.persons p where p.id = v.recipient_id and p.name = $1"
			   " and v.status <> 'cancelled' and v.slot && tstzrange("
			   " jz.office_at(jz.week_of(now()) + 7, 9 * 60), jz.office_at(jz.week_of(now()) + 7, 19 * 60))",
			   1, p);
	ok(n != NULL, "%s's Monday visits of next week cancelled (%s)", who, n ? n : "?");
	free(n);
	if (!ok(ie_menu_pick(t, w->menu_entry) && ie_wait_title(t, w->coverage), "the rota opens")) {
		vt_screen_dump(t);
		return;
	}
	char *next = ie_query(c, "select (jz.week_of(now()) + 7)::text", 0, NULL);
	char slot[64];
	snprintf(slot, sizeof slot, "%s 18:00", next ? next : "?");
	vt_send(t, ">");
	int head = -1, row = -1;
	if (next && vt_wait_text(t, next, E2E_SCREEN_MS) && vt_wait_text(t, who, E2E_SCREEN_MS)) {
		head = vt_find_text(t, w->recipient);
		row = vt_find_text(t, who);
	}
	if (!ok(head >= 0 && row > head, "next week's coverage (%s) lists %s (row %d)", next ? next : "?", who,
		row)) {
		vt_screen_dump(t);
		free(next);
		return;
	}
	free(next);
	for (int i = head + 1; i < row; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, VT_ENTER);
	if (!ok(ie_wait_title(t, w->week) && vt_wait_text(t, who, E2E_SCREEN_MS), "Enter opens %s's week", who)) {
		vt_screen_dump(t);
		return;
	}

	/* the cursor starts on Monday 09:00 */
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, w->booked, E2E_SCREEN_MS), "F6 books %s next Monday at 09:00", who)) {
		vt_screen_dump(t);
		return;
	}
	vt_send(t, "m");
	for (int i = 0; i < 9; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, "m");   /* to 18:00: no sample volunteer serves after 17:00 */
	bool shown = vt_wait_until(t, refusal_shown, slot, E2E_SCREEN_MS);
	if (!ok(shown, "the move is refused with the database's words (%s, %s)", slot, REFUSED_ZH))
		vt_screen_dump(t);
	char *all = screen_joined(t);
	const char *sentence = all ? strstr(all, SENTENCE_EN) : NULL;
	if (english)
		ok(sentence && strstr(sentence, "(志愿者在") && strstr(sentence, REFUSED_ZH ")"),
		   "English: the sentence first, then the database's text in parentheses");
	else
		ok(all && !strstr(all, "Not available") && !strstr(all, "(志愿者在") && strstr(all, "志愿者在"),
		   "Chinese: the database's text alone, no English sentence, no parentheses");
	free(all);
	char *s = visit_at_nine(c, who, "v.status");
	is_str(s ? s : "?", "planned", "the visit stays at 09:00, planned");
	free(s);

	vt_send(t, VT_F3);
	int st = -1;
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	n = ie_query(c, "update jz.visits v set status = 'cancelled' from jz.persons p"
		     " where p.id = v.recipient_id and p.name = $1 and v.status = 'planned'"
		     " and lower(v.slot) = jz.office_at(jz.week_of(now()) + 7, 9 * 60)", 1, p);
	ok(n != NULL, "the visit of this test cancelled again");
	free(n);
}

int main(int argc, char **argv)
{
	const char *loc = argc > 1 ? argv[1] : "C.UTF-8";
	bool english = strncmp(loc, "zh", 2) != 0;
	const words *w = english ? &en : &zh;
	ie_ctx c;

	if (!e2e_have_locale(loc))
		return tap_skip_all("locale %s missing (run tools/setup.sh)", loc);
	if (!ie_init(&c, loc))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&c.env, 24, 80, NULL);
	bool in = t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
		  && vt_wait_text(t, w->menu, E2E_SCREEN_MS);
	if (!ok(in, "caseworker logged in (%s)", loc) && t)
		vt_screen_dump(t);
	if (in && ok(ie_db(&c), "the private database is reachable"))
		run(&c, t, w, english);
	vt_destroy(t);
	ie_finish(&c);
	return tap_done();
}
