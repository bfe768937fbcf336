/* scr_feedback.c - 满意度回访: staff enter one answer after a call or a
 * meeting (the person by ID number, the service picked with F4, satisfaction
 * 1-5, a comment), and below it the share of satisfied answers (4 or 5) per
 * service this year against the policy's target (the seed's 90%), said in
 * words ("below target"), never by colour. */
#include "services_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "idnum.h"
#include "services.h"
#include "valid.h"

enum { F_ID, F_SERVICE, F_SAT, F_COMMENT, F_COUNT };

static const char *const services[4] = { "cash", "home_visits", "counselling", "training" };
static const char *const service_names[4] = { N_("Cash aid"), N_("Home visits"), N_("Counselling"),
					      N_("Skills training") };

typedef struct feedback_state {
	ui_app *app;
	lineedit f[F_COUNT];
	char err[F_COUNT][VALID_MSG_SIZE];
	int focus;
	int service;          /* index into services */
	int year, target;     /* target percent */
	db_feedback_share shares[4];
} feedback_state;

static const ui_action feedback_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_REFRESH, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_UP, UI_ACT_NONE,
};

static const char *feedback_title(const ui_screen *s)
{
	(void)s;
	return _("Satisfaction calls");
}

static const char *feedback_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_SAVE:
		return _("Save");
	case UI_ACT_CANCEL:
		return _("Back");
	case UI_ACT_CHOICES:
		return _("Service");
	default:
		return NULL;
	}
}

static int service_index(const char *code)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(code, services[i]) == 0)
			return i;
	return -1;
}

static void load(feedback_state *st)
{
	char from[16], to[16];
	db_err e;

	snprintf(from, sizeof from, "%04d-01-01", st->year % 10000);
	snprintf(to, sizeof to, "%04d-12-31", st->year % 10000);
	if (!db_feedback_shares(st->app->conn, from, to, st->shares, &e))
		ui_app_message(st->app, true, _("The answers could not be read: %s"), e.message);
	/* the target is a policy row; the seed's 90% if it cannot be read */
	st->target = 90;
	(void)db_feedback_target(st->app->conn, st->year, &st->target, &e);
}

static bool feedback_open(ui_screen *s, ui_app *app, void *arg)
{
	feedback_state *st = calloc(1, sizeof *st);
	time_t now = time(NULL);
	struct tm tm;

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	localtime_r(&now, &tm);
	st->year = tm.tm_year + 1900;
	lineedit_init(&st->f[F_ID], LINEEDIT_IDNUM, 19, 18, 0);
	lineedit_init(&st->f[F_SERVICE], LINEEDIT_TEXT, 14, 12, 0);
	lineedit_init(&st->f[F_SAT], LINEEDIT_DIGITS, 2, 1, 0);
	lineedit_init(&st->f[F_COMMENT], LINEEDIT_TEXT, 60, 500, 0);
	st->service = 2;
	lineedit_set_utf8(&st->f[F_SERVICE], _(service_names[st->service]));
	st->f[F_SERVICE].readonly = true;   /* picked with F4 */
	s->data = st;
	if (app->conn)
		load(st);
	return true;
}

static void feedback_close(ui_screen *s, ui_app *app)
{
	feedback_state *st = s->data;

	(void)app;
	if (!st)
		return;
	for (int i = 0; i < F_COUNT; i++)
		lineedit_finish(&st->f[i]);
	free(st);
	s->data = NULL;
}

static void feedback_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	feedback_state *st = s->data;
	static const char *labels[F_COUNT] = { N_("ID number"), N_("Service"), N_("Satisfaction 1-5"),
					       N_("Comment") };
	int y = r.y, x = r.x + 1, fy[F_COUNT];
	char line[256];

	(void)app;
	s->more = UI_MORE_NONE;
	ui_put(stdscr, y++, x, _("One answer after a call or a meeting (F4 picks the service):"), r.w - 2, A_BOLD);
	for (int i = 0; i < F_COUNT; i++) {
		fy[i] = y;
		ui_put(stdscr, y, x, _(labels[i]), 17, A_NORMAL);
		ui_field_draw(stdscr, y, x + 18, &st->f[i], st->focus == i);
		if (st->err[i][0] && i != F_COMMENT)
			ui_put(stdscr, y, x + 19 + st->f[i].width, st->err[i], r.w - 21 - st->f[i].width, A_BOLD);
		y++;
		if (i == F_COMMENT && st->err[i][0])
			ui_put(stdscr, y++, x + 18, st->err[i], r.w - 20, A_BOLD);
	}
	y++;
	snprintf(line, sizeof line, _("Satisfied (4-5) answers in %d, target %d%%:"), st->year, st->target);
	ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
	{
		const char *head[4] = { _("Service"), _("Answers"), _("Satisfied"), _("Share") };
		static const int col[4] = { 0, 16, 26, 36 };
		for (int i = 0; i < 4; i++)
			ui_put(stdscr, y, x + 2 + col[i], head[i], 10, A_UNDERLINE);
		y++;
		for (int i = 0; i < 4 && y < r.y + r.h; i++, y++) {
			const db_feedback_share *sh = &st->shares[i];
			int k = service_index(sh->service);
			bool below = sh->pct_tenths >= 0 && sh->pct_tenths < st->target * 10;
			char n[16], m[16], pct[32];
			ui_put(stdscr, y, x + 2, k >= 0 ? _(service_names[k]) : sh->service, 15, A_NORMAL);
			snprintf(n, sizeof n, "%8d", sh->answers);
			snprintf(m, sizeof m, "%8d", sh->satisfied);
			if (sh->pct_tenths < 0)
				snprintf(pct, sizeof pct, "%s", _("no answers"));
			else
				snprintf(pct, sizeof pct, "%5d.%d%%", sh->pct_tenths / 10, sh->pct_tenths % 10);
			ui_put(stdscr, y, x + 2 + col[1], n, 9, A_NORMAL);
			ui_put(stdscr, y, x + 2 + col[2], m, 9, A_NORMAL);
			ui_put(stdscr, y, x + 2 + col[3], pct, 12, below ? A_BOLD : A_NORMAL);
			if (sh->pct_tenths >= 0)
				ui_put(stdscr, y, x + 2 + col[3] + 12, below ? _("below target") : _("target met"), 20,
				       below ? A_BOLD : A_NORMAL);
		}
	}
	ui_field_place_cursor(stdscr, fy[st->focus], x + 18, &st->f[st->focus]);
	getyx(stdscr, *cy, *cx);
}

static void save(feedback_state *st)
{
	char *id = lineedit_get_utf8(&st->f[F_ID]), *sat = lineedit_get_utf8(&st->f[F_SAT]);
	char *comment = lineedit_get_utf8(&st->f[F_COMMENT]), name[96];
	long long pid = 0;
	int s = sat && sat[0] ? atoi(sat) : 0;
	db_err e;

	for (int i = 0; i < F_COUNT; i++)
		st->err[i][0] = '\0';
	idnum idn;
	idnum_err bad = id && id[0] ? idnum_parse(id, 0, 0, 0, &idn) : IDNUM_EMPTY;

	if (!id || !id[0]) {
		snprintf(st->err[F_ID], VALID_MSG_SIZE, "%s", _("type the ID number of the person asked"));
	} else if (bad != IDNUM_OK) {
		/* a slip of one digit is told as such, not as nobody found */
		idnum_explain(bad, &idn, st->err[F_ID], VALID_MSG_SIZE);
	} else if (!db_service_person(st->app->conn, idn.id, &pid, name, sizeof name, &e) || pid == 0) {
		snprintf(st->err[F_ID], VALID_MSG_SIZE, "%s", _("no person with this ID number in your communities"));
	}
	if (s < 1 || s > 5)
		snprintf(st->err[F_SAT], VALID_MSG_SIZE, "%s", _("1 (very dissatisfied) to 5 (very satisfied)"));
	if (comment && valid_utf8_len(comment) > 500)
		snprintf(st->err[F_COMMENT], VALID_MSG_SIZE, "%s", _("at most 500 characters"));
	for (int i = 0; i < F_COUNT; i++)
		if (st->err[i][0]) {
			st->focus = i;
			ui_app_message(st->app, true, "%s", _("Please correct the marked field; nothing was saved."));
			goto out;
		}
	if (!db_feedback_add(st->app->conn, pid, services[st->service], s, comment ? comment : "", &e)) {
		ui_app_message(st->app, true, _("The answer was not saved: %s"), e.message);
		goto out;
	}
	ui_app_message(st->app, false, _("Answer of %s about %s saved."), name, _(service_names[st->service]));
	lineedit_set_utf8(&st->f[F_ID], "");
	lineedit_set_utf8(&st->f[F_SAT], "");
	lineedit_set_utf8(&st->f[F_COMMENT], "");
	st->focus = F_ID;
	load(st);
out:
	free(id);
	free(sat);
	free(comment);
}

static ui_result feedback_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	feedback_state *st = s->data;
	lineedit_result r;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st);
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		/* the four services in turn */
		st->service = (st->service + 1) % 4;
		st->f[F_SERVICE].readonly = false;
		lineedit_set_utf8(&st->f[F_SERVICE], _(service_names[st->service]));
		st->f[F_SERVICE].readonly = true;
		st->focus = F_SERVICE;
		return UI_HANDLED;
	case UI_ACT_SAVE:
		save(st);
		return UI_HANDLED;
	case UI_ACT_NEXT:
		st->focus = (st->focus + 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_PREV:
	case UI_ACT_UP:
		st->focus = (st->focus + F_COUNT - 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (st->focus == F_SERVICE) {
		ui_app_message(app, false, "%s", _("Press F4 to pick the service."));
		return UI_HANDLED;
	}
	r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_feedback_screen = {
	.id = "feedback",
	.actions = feedback_actions,
	.title = feedback_title,
	.open = feedback_open,
	.draw = feedback_draw,
	.key = feedback_key,
	.close = feedback_close,
	.save = NULL,
	.action_name = feedback_action_name,
};
