/* scr_followup.c - 回访: the caseworker's due follow-ups, oldest first, in
 * keyset pages through the list widget (an overdue one carries "!" and the
 * word "overdue", never only a colour). Enter opens one: the outcome
 * (continue, change the plan, re-assess, close) and notes; F10 records it
 * through jz.follow_up_record, which moves the application through the
 * state machine (re-assess: active -> assessing; close: -> closed). A
 * version conflict says so plainly and keeps the typed notes. Opening the
 * queue also runs the day's plan activation (0063): one statement. */
#include "assess_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "plan.h"

enum { FU_MAX_PAGES = 256 };

typedef struct fu_cursor {
	char due[11];
	long long id;
} fu_cursor;

static const char *const outcomes[] = { "continue", "change_plan", "reassess", "close" };
enum { N_OUTCOMES = 4 };

typedef struct fu_state {
	ui_app *app;
	ui_list list;
	db_followup *rows;
	size_t n;
	fu_cursor starts[FU_MAX_PAGES];   /* the key before each page ("" for the first) */
	int page;
	/* the open follow-up */
	bool open;
	db_followup cur;
	int outcome;
	lineedit notes;
	bool leaving;   /* F12/Esc once with notes typed: a second press drops them */
	bool quitting;  /* F3 once with notes typed: a second F3 leaves without them */
} fu_state;

static const ui_list_col fu_cols[] = {
	{ N_("Due"), 10, 10 },
	{ N_("Status"), 6, 10 },
	{ N_("Number"), 16, 24 },
	{ N_("Applicant"), 8, 0 },
};

static const ui_action fu_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_REFRESH, UI_ACT_SAVE, UI_ACT_SELECT,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_LIST_HELP, UI_ACT_NONE,
};

static const char *fu_title(const ui_screen *s)
{
	const fu_state *st = s->data;
	return st && st->open ? _("Record a follow-up") : _("Follow-ups due");
}

static const char *outcome_label(int i)
{
	switch (i) {
	case 0: return _("Continue the plan as it is");
	case 1: return _("Change the plan");
	case 2: return _("Re-assess (the case goes back into assessment)");
	default: return _("Close the case");
	}
}

/* Read the page after key (NULL: the first). False when there is none. */
static bool fetch(fu_state *st, const fu_cursor *after, bool keep_empty)
{
	db_err e;
	db_followup *rows = NULL;
	size_t n = 0;

	if (!st->app->conn)
		return false;
	if (!db_followups_page(st->app->conn, NULL, after ? after->due : NULL, after ? after->id : 0,
			       ui_list_page_rows(&st->list), &rows, &n, &e)) {
		ui_app_message(st->app, true, _("The follow-ups could not be read: %s"), e.message);
		return false;
	}
	if (n == 0 && !keep_empty) {
		free(rows);
		return false;
	}
	free(st->rows);
	st->rows = rows;
	st->n = n;
	ui_list_set_rows(&st->list, n, st->list.cursor);
	return true;
}

/* The page shown now, read again (after a change, F5). */
static void refetch(fu_state *st)
{
	fetch(st, st->page > 0 ? &st->starts[st->page] : NULL, true);
}

static void on_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	fu_state *st = ctx;
	const db_followup *f = &st->rows[row];

	switch (col) {
	case 0: snprintf(buf, len, "%s", f->due_date); break;
	case 1: snprintf(buf, len, "%s", f->overdue ? _("overdue") : _("due")); break;
	case 2: snprintf(buf, len, "%s", f->number); break;
	default: snprintf(buf, len, "%s", f->applicant); break;
	}
}

static bool on_marked(void *ctx, size_t row)
{
	return ((fu_state *)ctx)->rows[row].overdue;
}

static bool on_page(void *ctx, int dir)
{
	fu_state *st = ctx;

	if (dir > 0) {
		fu_cursor k;
		if (st->n == 0 || st->page + 1 >= FU_MAX_PAGES)
			return false;
		snprintf(k.due, sizeof k.due, "%s", st->rows[st->n - 1].due_date);
		k.id = st->rows[st->n - 1].id;
		if (!fetch(st, &k, false))
			return false;
		st->starts[++st->page] = k;
		return true;
	}
	if (st->page == 0)
		return false;
	st->page--;
	return fetch(st, st->page > 0 ? &st->starts[st->page] : NULL, true);
}

static const ui_list_ops fu_list_ops = {
	.cell = on_cell,
	.marked = on_marked,
	.page = on_page,
};

static bool fu_open(ui_screen *s, ui_app *app, void *arg)
{
	fu_state *st = calloc(1, sizeof *st);
	db_err e;
	int n = 0;

	(void)arg;
	if (!st)
		return false;
	s->data = st;
	st->app = app;
	lineedit_init(&st->notes, LINEEDIT_TEXT, 40, 2000, 0);
	ui_list_init(&st->list, fu_cols, (int)(sizeof fu_cols / sizeof fu_cols[0]), &fu_list_ops, st);
	/* plans whose start date has come become active (0063) before the
	 * queue is read: their follow-ups are scheduled then */
	if (app->conn && db_plans_activate_due(app->conn, &n, &e) && n > 0)
		ui_app_message(app, false, _("Approved plans that became active today: %d"), n);
	fetch(st, NULL, true);
	return true;
}

static void fu_close(ui_screen *s, ui_app *app)
{
	fu_state *st = s->data;

	(void)app;
	if (!st)
		return;
	free(st->rows);
	ui_list_finish(&st->list);
	lineedit_finish(&st->notes);
	free(st);
	s->data = NULL;
}

static void draw_record(fu_state *st, ui_rect r, int *cy, int *cx)
{
	char line[512];
	int y = r.y;

	snprintf(line, sizeof line, "%s  %s", st->cur.number, st->cur.applicant);
	ui_put(stdscr, y++, r.x + 1, line, r.w - 2, A_BOLD);
	snprintf(line, sizeof line, _("Due %s (%s)"), st->cur.due_date,
		 st->cur.overdue ? _("overdue") : _("due"));
	ui_put(stdscr, y++, r.x + 1, line, r.w - 2, st->cur.overdue ? A_BOLD : A_NORMAL);
	y++;
	ui_put(stdscr, y++, r.x + 1, _("Outcome (Up/Down to choose):"), r.w - 2, A_NORMAL);
	for (int i = 0; i < N_OUTCOMES; i++) {
		bool sel = i == st->outcome;
		snprintf(line, sizeof line, "%s %d. %s", sel ? ">" : " ", i + 1, outcome_label(i));
		ui_put(stdscr, y++, r.x + 3, line, r.w - 4, sel ? A_REVERSE | A_BOLD : A_NORMAL);
	}
	y++;
	const char *lab = st->outcome == 0 ? _("Notes (may be empty):") : _("Notes (required):");
	int lw = ui_put(stdscr, y, r.x + 1, lab, r.w / 2, A_NORMAL);
	int fx = r.x + 1 + lw + 1;
	lineedit_set_width(&st->notes, r.w - fx - 2 < 50 ? r.w - fx - 2 : 50);
	ui_field_draw(stdscr, y, fx, &st->notes, true);
	ui_field_place_cursor(stdscr, y, fx, &st->notes);
	getyx(stdscr, *cy, *cx);
}

static void fu_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	fu_state *st = s->data;

	(void)app;
	if (st->open) {
		draw_record(st, r, cy, cx);
		s->more = UI_MORE_NONE;
		return;
	}
	if (st->n == 0 && st->page == 0) {
		ui_put(stdscr, r.y + 1, r.x + 2, _("No follow-up is due. (F5 reads again)"), r.w - 3, A_NORMAL);
		s->more = UI_MORE_NONE;
		return;
	}
	s->more = ui_list_draw(&st->list, r, cy, cx);
	if (s->more == UI_MORE_NONE && st->n >= (size_t)ui_list_page_rows(&st->list))
		s->more = UI_MORE_MORE;
}

/* After a refused F10 with JZ014: say what is there now; keep the notes. */
static void show_conflict(fu_state *st, ui_app *app)
{
	char outcome[16] = "", by[64] = "";
	int v = 0;
	db_err e;

	if (!db_followup_state(app->conn, st->cur.id, &v, outcome, sizeof outcome, by, sizeof by, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return;
	}
	if (outcome[0]) {
		st->leaving = true;   /* nothing left to record: Esc goes back at once */
		ui_app_message(app, true, _("%s already recorded this follow-up (%s). Esc goes back; your notes were not saved."),
			       by, outcome);
		return;
	}
	st->cur.version = v;
	ui_app_message(app, true, "%s",
		       _("Someone else changed this follow-up meanwhile. Your notes are kept: F10 records them on the new version."));
}

static void record(fu_state *st, ui_app *app)
{
	char *notes = lineedit_get_utf8(&st->notes);
	long long app_id = st->cur.application_id;
	int oc = st->outcome;
	db_err e;

	if (!notes)
		return;
	if (!db_followup_record(app->conn, st->cur.id, outcomes[oc], notes, st->cur.version, &e)) {
		if (strcmp(e.sqlstate, "JZ014") == 0)
			show_conflict(st, app);
		else if (strcmp(e.sqlstate, "JZ012") == 0)
			ui_app_message(app, true, "%s", _("Write what was found: notes are required for this outcome."));
		else
			ui_app_message(app, true, "%s", e.message);
		free(notes);
		return;
	}
	free(notes);
	st->open = false;
	refetch(st);
	switch (oc) {
	case 0: ui_app_message(app, false, "%s", _("Recorded: the plan continues.")); break;
	case 2: ui_app_message(app, false, "%s", _("Recorded: the case is back in assessment.")); break;
	case 3: ui_app_message(app, false, "%s", _("Recorded: the case and its plan are closed.")); break;
	default:
		/* a new proposal for the active case: it replaces the plan when approved;
		 * said before the plan opens, so that a proposal the database refuses
		 * (no completed assessment) is what the message line says */
		ui_app_message(app, false, "%s", _("Recorded: change the plan and submit it (F10)."));
		ui_app_push(app, &ui_plan_screen, &(ui_plan_arg){ .application_id = app_id });
		break;
	}
}

static ui_result fu_on_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	fu_state *st = s->data;

	if (a == UI_ACT_EXIT) {
		/* F3 says "your work is kept": notes typed are asked about first */
		if (st->open && st->notes.len > 0 && !st->quitting) {
			st->quitting = true;
			ui_app_message(app, true, "%s",
				       _("The notes are not saved: press F3 again to leave without them, or F10 to save."));
			return UI_HANDLED;
		}
		return UI_QUIT;
	}
	if (a != UI_ACT_HELP)
		st->quitting = false;
	if (a != UI_ACT_CANCEL && a != UI_ACT_HELP)
		st->leaving = false;
	if (st->open) {
		switch (a) {
		case UI_ACT_CANCEL:
			/* typed notes are not dropped on one key: as on 修改申请 */
			if (st->notes.len > 0 && !st->leaving) {
				st->leaving = true;
				ui_app_message(app, true, "%s",
					       _("The notes are not saved: press F12 again to discard them, or F10 to save."));
				return UI_HANDLED;
			}
			st->leaving = false;
			st->open = false;
			refetch(st);
			return UI_HANDLED;
		case UI_ACT_UP:
			st->outcome = (st->outcome + N_OUTCOMES - 1) % N_OUTCOMES;
			return UI_HANDLED;
		case UI_ACT_DOWN:
			st->outcome = (st->outcome + 1) % N_OUTCOMES;
			return UI_HANDLED;
		case UI_ACT_SAVE:
			record(st, app);
			return UI_HANDLED;
		case UI_ACT_NONE:
			return ui_field_key(&st->notes, k.code ? KEY_CODE_YES : OK, k.ch) == LINEEDIT_NOOP
			       ? UI_UNHANDLED : UI_HANDLED;
		default:
			return UI_UNHANDLED;
		}
	}
	switch (a) {
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		refetch(st);
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (st->n == 0)
			return UI_HANDLED;
		st->cur = st->rows[st->list.cursor];
		st->outcome = 0;
		lineedit_set_utf8(&st->notes, "");
		st->open = true;
		return UI_HANDLED;
	default:
		return ui_list_key(&st->list, app, k, a);
	}
}

static const char *fu_action_name(const ui_screen *s, ui_action a)
{
	const fu_state *st = s->data;

	if (a == UI_ACT_SAVE)
		return st && st->open ? _("Record") : NULL;
	if (a == UI_ACT_SELECT)
		return st && !st->open ? _("Open") : NULL;
	if (a == UI_ACT_CANCEL && st && !st->open)
		return _("Back");   /* the list goes back to the menu */
	return NULL;
}

/* The legend shows only what the keys do now: F10 records an open
 * follow-up; on the list there is nothing to record. */
static bool fu_applies(const ui_screen *s, ui_action a)
{
	const fu_state *st = s->data;
	bool open = st && st->open;

	switch (a) {
	case UI_ACT_SAVE:
		return open;
	case UI_ACT_REFRESH:
	case UI_ACT_LIST_HELP:
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
		return !open;
	default:
		return true;
	}
}

const ui_screen_ops ui_followup_screen = {
	.id = "followup",
	.actions = fu_actions,
	.title = fu_title,
	.open = fu_open,
	.draw = fu_draw,
	.key = fu_on_key,
	.close = fu_close,
	.save = NULL,
	.action_name = fu_action_name,
	.applies = fu_applies,
};
