/* scr_plans.c - 救助计划 for a caseworker: the latest plan of each of my
 * cases (assigned to me or made by me), newest start first, through the
 * list widget; Enter opens it in scr_plan.c as it is. */
#include "assess_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "plan.h"
#include "valid.h"

typedef struct plans_state {
	ui_list list;
	db_plan_mine *rows;
	size_t n;
} plans_state;

static const ui_list_col plans_cols[] = {
	{ N_("Number"), 16, 24 },
	{ N_("Applicant"), 8, 12 },
	{ N_("Plan"), 6, 16 },
	{ N_("Start"), 10, 10 },
	{ N_("Cash/month"), 8, 0 },
};

static const ui_action plans_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_REFRESH, UI_ACT_SELECT,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_LIST_HELP, UI_ACT_NONE,
};

static const char *plans_title(const ui_screen *s)
{
	(void)s;
	return _("My cases' plans");
}

static const char *state_word(const db_plan_mine *m)
{
	if (strcmp(m->state, "proposed") == 0)
		return m->submitted ? _("submitted") : _("proposed");
	if (strcmp(m->state, "approved") == 0)
		return _("approved");
	if (strcmp(m->state, "active") == 0)
		return _("active");
	if (strcmp(m->state, "denied") == 0)
		return _("denied");
	return _("closed");
}

static void on_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const db_plan_mine *m = &((plans_state *)ctx)->rows[row];
	char yuan[32];

	switch (col) {
	case 0: snprintf(buf, len, "%s", m->r.number); break;
	case 1: snprintf(buf, len, "%s", m->r.applicant); break;
	case 2: snprintf(buf, len, "%s", state_word(m)); break;
	case 3: snprintf(buf, len, "%s", m->r.start_date); break;
	default:
		valid_yuan_format(m->r.cash_fen, yuan, sizeof yuan);
		snprintf(buf, len, "%s", yuan);
		break;
	}
}

static const ui_list_ops plans_list_ops = { .cell = on_cell };

static void load(plans_state *st, ui_app *app)
{
	db_err e;
	db_plan_mine *rows = NULL;
	size_t n = 0;

	if (!app->conn)
		return;
	if (!db_plans_mine(app->conn, &rows, &n, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return;
	}
	free(st->rows);
	st->rows = rows;
	st->n = n;
	ui_list_set_rows(&st->list, n, st->list.cursor);
}

static bool plans_open(ui_screen *s, ui_app *app, void *arg)
{
	plans_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	s->data = st;
	ui_list_init(&st->list, plans_cols, (int)(sizeof plans_cols / sizeof plans_cols[0]), &plans_list_ops, st);
	load(st, app);
	return true;
}

static void plans_close(ui_screen *s, ui_app *app)
{
	plans_state *st = s->data;

	(void)app;
	if (!st)
		return;
	free(st->rows);
	ui_list_finish(&st->list);
	free(st);
	s->data = NULL;
}

static void plans_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	plans_state *st = s->data;

	(void)app;
	if (st->n == 0) {
		ui_put(stdscr, r.y + 1, r.x + 2, _("None of your cases has a plan yet."), r.w - 3, A_NORMAL);
		s->more = UI_MORE_NONE;
		return;
	}
	s->more = ui_list_draw(&st->list, r, cy, cx);
}

static ui_result plans_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	plans_state *st = s->data;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (st->n)
			ui_app_push(app, &ui_plan_screen, &(ui_plan_arg){
				.application_id = st->rows[st->list.cursor].r.application_id,
				.plan_id = st->rows[st->list.cursor].r.plan_id });
		return UI_HANDLED;
	default:
		return ui_list_key(&st->list, app, k, a);
	}
}

/* F12 on the list goes back to the menu: 返回, not 取消. */
static const char *plans_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_CANCEL ? _("Back") : NULL;
}

const ui_screen_ops ui_plans_screen = {
	.id = "plans",
	.actions = plans_actions,
	.title = plans_title,
	.open = plans_open,
	.draw = plans_draw,
	.key = plans_key,
	.close = plans_close,
	.save = NULL,
	.action_name = plans_action_name,
};
