/* scr_plan.c - the assistance plan. A caseworker sees the plan proposed
 * from the assessment and the policy in force on its start date, changes an
 * item with a reason (the database refuses a difference without one) and
 * submits it (F10). A supervisor sees the submitted plans, opens one and
 * approves it (F10) or denies it with a reason (F6). */
#include "assess_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list_layout.h"
#include "plan.h"
#include "staff.h"
#include "valid.h"
#include "workflow.h"

enum edit { E_NONE, E_VALUE, E_REASON, E_DENY, E_START, E_END,
	    E_ADD_KIND, E_ADD_PERSON, E_ADD_VALUE, E_ADD_REASON, E_REMOVE };

typedef struct plan_state {
	bool supervisor;
	bool in_list;           /* supervisor: the submitted plans */
	db_plan_row *rows;
	size_t nrows;
	int sel;
	db_plan p;
	bool loaded;
	int cur;                /* selected item */
	enum edit edit;
	lineedit f;
	char value[64];         /* typed in E_VALUE, kept for E_REASON */
	char start[11];         /* typed in E_START, kept for E_END */
	db_plan_kind *kinds;    /* F4 add: the kinds and the household */
	size_t nkinds;
	db_plan_person *people;
	size_t npeople;
	int pick_kind, pick_person;   /* pick_person 0: the whole household */
	long long rm_item;      /* E_REMOVE: the item, found again after a reload */
} plan_state;

static const ui_action plan_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_SAVE, UI_ACT_NEW, UI_ACT_CHOICES, UI_ACT_DELETE,
	UI_ACT_REFRESH, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_NONE,
};

static const char *plan_title(const ui_screen *s)
{
	const plan_state *st = s->data;
	return st && st->supervisor ? _("Plan approval") : _("Assistance plan");
}

static bool is_cash(const db_plan_item *it)
{
	return strcmp(it->measure, "amount_fen") == 0;
}

/* "500.00 yuan/month", "3 visits/week", ... */
static void figure(const db_plan_item *it, long long v, char *buf, size_t n)
{
	char yuan[32];

	if (is_cash(it)) {
		valid_yuan_format(v, yuan, sizeof yuan);
		snprintf(buf, n, _("%s yuan/month"), yuan);
	} else if (strcmp(it->measure, "visits_per_week") == 0) {
		snprintf(buf, n, _("%lld visits/week"), v);
	} else if (strcmp(it->measure, "sessions_per_month") == 0) {
		snprintf(buf, n, _("%lld sessions/month"), v);
	} else {
		snprintf(buf, n, _("%lld%% of the fee"), v);
	}
}

static bool reload(plan_state *st, ui_app *app, long long plan_id)
{
	db_err e;

	db_plan_finish(&st->p);
	st->loaded = false;
	if (!db_plan_load(app->conn, plan_id, &st->p, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return false;
	}
	st->loaded = true;
	if (st->cur >= (int)st->p.nitems)
		st->cur = 0;
	return true;
}

static void load_rows(plan_state *st, ui_app *app)
{
	db_err e;
	int n = 0;

	free(st->rows);
	st->rows = NULL;
	st->nrows = 0;
	db_plans_activate_due(app->conn, &n, &e);
	if (!db_plans_pending(app->conn, &st->rows, &st->nrows, &e))
		ui_app_message(app, true, "%s", e.message);
	if (st->sel >= (int)st->nrows)
		st->sel = 0;
}

static bool plan_open(ui_screen *s, ui_app *app, void *arg)
{
	ui_plan_arg *a = arg;
	plan_state *st = calloc(1, sizeof *st);
	long long pid = 0;
	db_err e;

	if (!st)
		return false;
	s->data = st;
	lineedit_init(&st->f, LINEEDIT_TEXT, 40, 500, 0);
	st->supervisor = !a || a->application_id == 0;
	if (st->supervisor) {
		st->in_list = true;
		ui_app_listen(app);   /* live: plans submitted or decided elsewhere (0145) */
		load_rows(st, app);
		return true;
	}
	if (a->plan_id) {
		/* from 救助计划: this plan as it is, proposal or decided */
		reload(st, app, a->plan_id);
		return true;
	}
	if (!db_plan_of(app->conn, a->application_id, &pid, &e) || pid == 0
	    || !reload(st, app, pid) || strcmp(st->p.state, "proposed") != 0 || st->p.submitted) {
		/* none yet, or the last one is decided: propose (or find the proposal) */
		if (!db_plan_propose(app->conn, a->application_id, NULL, NULL, &pid, &e)) {
			/* over the decided plan too: 回访's 调整计划 comes here, and
			 * the plan in force cannot be changed */
			ui_app_message(app, true, "%s", e.message);
			return true;
		}
		reload(st, app, pid);
	}
	return true;
}

static void draw_rows(plan_state *st, ui_rect r)
{
	char line[512], yuan[32], who[96];

	ui_put(stdscr, r.y, r.x + 1, _("Submitted plans waiting for your decision (Enter opens):"), r.w - 2, A_BOLD);
	if (st->nrows == 0)
		ui_put(stdscr, r.y + 2, r.x + 2, _("No plan is waiting."), r.w - 3, A_NORMAL);
	/* the names padded by display width to the widest (at least 8 cells,
	 * at most what the line leaves): 曹磊 and 欧阳明月 keep the dates in one
	 * column (printf pads bytes, and the name was not padded at all) */
	int namew = 8, room = r.w - 3 - (26 + 1 + 2 + 10 + 2 + 9 + 1 + ui_text_width(_("yuan/month")));
	for (size_t i = 0; i < st->nrows; i++)
		if (ui_text_width(st->rows[i].applicant) > namew)
			namew = ui_text_width(st->rows[i].applicant);
	if (namew > room)
		namew = room > 8 ? room : 8;
	int rows = r.h - 2, top = st->sel >= rows ? st->sel - rows + 1 : 0;
	for (int i = top; i < (int)st->nrows && i - top < rows; i++) {
		valid_yuan_format(st->rows[i].cash_fen, yuan, sizeof yuan);
		ui_list_fit(st->rows[i].applicant, namew, who, sizeof who);
		snprintf(line, sizeof line, "%-26s %s  %s  %9s %s", st->rows[i].number, who,
			 st->rows[i].start_date, yuan, _("yuan/month"));
		ui_put(stdscr, r.y + 2 + i - top, r.x + 2, line, r.w - 3, i == st->sel ? A_REVERSE : A_NORMAL);
	}
}

static const char *state_text(const db_plan *p)
{
	if (strcmp(p->state, "proposed") == 0)
		return p->submitted ? _("submitted, waiting for approval") : _("proposed");
	if (strcmp(p->state, "approved") == 0)
		return _("approved");
	if (strcmp(p->state, "active") == 0)
		return _("active");
	if (strcmp(p->state, "denied") == 0)
		return _("denied");
	return _("closed");
}

static void start_edit(plan_state *st, enum edit e)
{
	st->edit = e;
	lineedit_set_utf8(&st->f, "");
}

static bool editable(const plan_state *st)
{
	return st->loaded && !st->p.submitted && strcmp(st->p.state, "proposed") == 0;
}

/* The caseworker's keys that change a plan, on one that is submitted or
 * decided: say so (they did nothing, or showed the database's 计划 364). */
static bool frozen(const plan_state *st, ui_app *app)
{
	if (!st->loaded || editable(st))
		return false;
	ui_app_message(app, false, _("This plan is %s: it can no longer be changed."), state_text(&st->p));
	return true;
}

/* Adding and removing items (F4, Delete). A version conflict reloads the
 * plan and keeps what was typed: Enter tries again. */
static void items_add_start(plan_state *st, ui_app *app)
{
	db_err e;

	free(st->kinds);
	free(st->people);
	st->kinds = NULL;
	st->people = NULL;
	if (!db_plan_kinds(app->conn, st->p.id, &st->kinds, &st->nkinds, &e)
	    || !db_plan_people(app->conn, st->p.id, &st->people, &st->npeople, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return;
	}
	if (st->nkinds == 0)
		return;
	st->pick_kind = 0;
	st->pick_person = 0;
	st->edit = E_ADD_KIND;
}

static const db_plan_item *rm_target(const plan_state *st)
{
	for (size_t i = 0; i < st->p.nitems; i++)
		if (st->p.items[i].id == st->rm_item)
			return &st->p.items[i];
	return NULL;
}

static void items_draw(plan_state *st, ui_rect r, int *cy, int *cx)
{
	char line[512], fig[64];
	const db_plan_kind *k = st->nkinds ? &st->kinds[st->pick_kind] : NULL;
	const char *lab = NULL;
	int y = r.y + r.h - 2;

	if (k && st->edit != E_REMOVE) {
		db_plan_item fake = { .value = k->policy_value };
		snprintf(fake.measure, sizeof fake.measure, "%s", k->measure);
		figure(&fake, k->policy_value, fig, sizeof fig);
		snprintf(line, sizeof line, _("Add: %s, for %s (policy: %s)"), k->name,
			 st->pick_person > 0 ? st->people[st->pick_person - 1].name : _("household"), fig);
		ui_put(stdscr, y - 1, r.x + 2, line, r.w - 3, A_NORMAL);
	}
	switch (st->edit) {
	case E_ADD_KIND:
		ui_put(stdscr, y, r.x + 2, _("Up/Down: the kind of item; Enter: next"), r.w - 3, A_BOLD);
		return;
	case E_ADD_PERSON:
		ui_put(stdscr, y, r.x + 2, _("Up/Down: for whom; Enter: next"), r.w - 3, A_BOLD);
		return;
	case E_ADD_VALUE: lab = _("Figure:"); break;
	case E_ADD_REASON: lab = _("Reason (needed if not the policy figure):"); break;
	default: {
		const db_plan_item *it = rm_target(st);
		snprintf(line, sizeof line, _("Remove %s, %s? Type the reason and press Enter:"),
			 it ? it->kind_name : "", it && it->person[0] ? it->person : _("household"));
		ui_put(stdscr, y - 1, r.x + 2, line, r.w - 3, A_BOLD);
		lab = _("Reason for removal:");
	}
	}
	int fx = r.x + 2 + ui_text_width(lab) + 1;
	ui_put(stdscr, y, r.x + 2, lab, r.w - 3, A_BOLD);
	lineedit_set_width(&st->f, r.w - fx - 2 < 40 ? r.w - fx - 2 : 40);
	ui_field_draw(stdscr, y, fx, &st->f, true);
	ui_field_place_cursor(stdscr, y, fx, &st->f);
	getyx(stdscr, *cy, *cx);
}

static void conflict_or_error(plan_state *st, ui_app *app, const db_err *e)
{
	if (strcmp(e->sqlstate, "JZ014") == 0) {
		reload(st, app, st->p.id);
		ui_app_message(app, true, "%s", _("Someone changed this plan meanwhile; it is shown as it is now."
						  " Your input is kept: Enter tries again, Esc gives up."));
	} else {
		ui_app_message(app, true, "%s", e->message);
	}
}

static void items_enter(plan_state *st, ui_app *app)
{
	const db_plan_kind *k = &st->kinds[st->pick_kind];
	char *typed;
	db_err e;

	if (st->edit == E_ADD_KIND) {
		st->edit = E_ADD_PERSON;
		return;
	}
	if (st->edit == E_ADD_PERSON) {
		char fig[32] = "";
		if (k->policy_value >= 0) {
			if (strcmp(k->measure, "amount_fen") == 0)
				valid_yuan_format(k->policy_value, fig, sizeof fig);
			else
				snprintf(fig, sizeof fig, "%lld", k->policy_value);
		}
		st->edit = E_ADD_VALUE;
		lineedit_set_utf8(&st->f, fig);
		return;
	}
	if (!(typed = lineedit_get_utf8(&st->f)))
		return;
	if (st->edit == E_ADD_VALUE) {
		snprintf(st->value, sizeof st->value, "%s", typed);
		start_edit(st, E_ADD_REASON);
	} else if (st->edit == E_ADD_REASON) {
		int64_t v = 0;
		char msg[256];
		int nv = 0;
		bool good = strcmp(k->measure, "amount_fen") == 0
			    ? valid_yuan(st->value, &v, msg, sizeof msg) == VALID_OK
			    : (v = strtoll(st->value, NULL, 10), st->value[0] >= '0' && st->value[0] <= '9');
		if (!good) {
			ui_app_message(app, true, "%s", _("The figure is not a number."));
			st->edit = E_ADD_VALUE;
			lineedit_set_utf8(&st->f, st->value);
		} else if (!db_plan_item_add(app->conn, st->p.id, st->p.version, k->code,
					     st->pick_person > 0 ? st->people[st->pick_person - 1].id : 0, v, typed,
					     &nv, &e)) {
			conflict_or_error(st, app, &e);
		} else {
			st->edit = E_NONE;
			reload(st, app, st->p.id);
			ui_app_message(app, false, "%s", _("Item added."));
		}
	} else if (st->edit == E_REMOVE) {
		const db_plan_item *it = rm_target(st);
		if (!it) {
			st->edit = E_NONE;
			ui_app_message(app, true, "%s", _("The item is no longer in the plan."));
		} else if (!db_plan_item_remove(app->conn, it->id, it->version, typed, &e)) {
			conflict_or_error(st, app, &e);
		} else {
			st->edit = E_NONE;
			reload(st, app, st->p.id);
			ui_app_message(app, false, "%s", _("Item removed; the reason is recorded."));
		}
	}
	free(typed);
}

static ui_result items_key(plan_state *st, ui_app *app, ui_key k, ui_action a)
{
	bool picking = st->edit == E_ADD_KIND || st->edit == E_ADD_PERSON;
	int *pick = st->edit == E_ADD_KIND ? &st->pick_kind : &st->pick_person;
	int n = st->edit == E_ADD_KIND ? (int)st->nkinds : (int)st->npeople + 1;

	if (a == UI_ACT_CANCEL) {
		st->edit = E_NONE;
		return UI_HANDLED;
	}
	if (a == UI_ACT_NEXT || a == UI_ACT_SELECT) {
		items_enter(st, app);
		return UI_HANDLED;
	}
	if (picking) {
		if (a == UI_ACT_UP && *pick > 0)
			(*pick)--;
		else if (a == UI_ACT_DOWN && *pick + 1 < n)
			(*pick)++;
		return UI_HANDLED;
	}
	/* Delete is the plan's action, and in a field deletes a character */
	if (a == UI_ACT_NONE || a == UI_ACT_UP || a == UI_ACT_DOWN || a == UI_ACT_DELETE)
		return ui_field_key(&st->f, k.code ? KEY_CODE_YES : OK, k.ch) == LINEEDIT_NOOP
		       ? UI_UNHANDLED : UI_HANDLED;
	return UI_UNHANDLED;
}

static void plan_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	plan_state *st = s->data;
	char line[768], fig[64], pol[64], yuan[32];
	int y;

	(void)app;
	if (st->in_list) {
		draw_rows(st, r);
		return;
	}
	if (!st->loaded)
		return;
	snprintf(line, sizeof line, "%s  %s    ", st->p.number, st->p.applicant);
	size_t o = strlen(line);
	snprintf(line + o, sizeof line - o, _("Period: %s .. %s"), st->p.start_date, st->p.end_date);
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_NORMAL);
	valid_yuan_format(st->p.cash_fen, yuan, sizeof yuan);
	snprintf(line, sizeof line, _("State: %s    Cash in all: %s yuan/month"), state_text(&st->p), yuan);
	ui_put(stdscr, r.y + 1, r.x + 1, line, r.w - 2, A_BOLD);
	y = r.y + 3;
	for (size_t i = 0; i < st->p.nitems && y < r.y + r.h - 4; i++) {
		const db_plan_item *it = &st->p.items[i];
		figure(it, it->value, fig, sizeof fig);
		/* columns by display width: printf pads bytes, and 最低生活保障金 is 21 */
		char kind[128], who[96];
		ui_list_fit(it->kind_name, 18, kind, sizeof kind);
		ui_list_fit(it->person[0] ? it->person : _("household"), 12, who, sizeof who);
		snprintf(line, sizeof line, "%s %s %s", kind, who, fig);
		ui_put(stdscr, y, r.x + 2, line, r.w - 3, (int)i == st->cur ? A_REVERSE : A_NORMAL);
		y++;
		if (it->value != it->policy_value || it->deviation_reason[0]) {
			figure(it, it->policy_value, pol, sizeof pol);
			snprintf(line, sizeof line, _("policy: %s; reason: %s"), pol, it->deviation_reason);
			ui_put(stdscr, y++, r.x + 6, line, r.w - 7, A_NORMAL);
		}
	}
	if (st->p.decision_reason[0]) {
		snprintf(line, sizeof line, _("Decision: %s"), st->p.decision_reason);
		ui_put(stdscr, y + 1, r.x + 2, line, r.w - 3, A_NORMAL);
	}
	if (st->edit >= E_ADD_KIND) {
		items_draw(st, r, cy, cx);
	} else if (st->edit != E_NONE) {
		const char *lab = st->edit == E_VALUE ? _("New figure:")
				  : st->edit == E_REASON ? _("Reason for the change:")
				  : st->edit == E_START ? _("Start date (YYYY-MM-DD):")
				  : st->edit == E_END ? _("End date (YYYY-MM-DD):") : _("Reason for denial:");
		int fx = r.x + 2 + ui_text_width(lab) + 1;
		ui_put(stdscr, r.y + r.h - 2, r.x + 2, lab, r.w - 3, A_BOLD);
		lineedit_set_width(&st->f, r.w - fx - 2 < 40 ? r.w - fx - 2 : 40);
		ui_field_draw(stdscr, r.y + r.h - 2, fx, &st->f, true);
		ui_field_place_cursor(stdscr, r.y + r.h - 2, fx, &st->f);
		getyx(stdscr, *cy, *cx);
	}
}


/* The supervisor's F10 or F6 refused because the plan moved on since it was
 * read (decided in another window, by another supervisor): show it as it is
 * now and say who decided what, not the database's "计划 366 已被他人修改".
 * A plan still waiting keeps the reason typed: Enter decides again. */
static void decide_refused(plan_state *st, ui_app *app, const db_err *e)
{
	db_staff_name who = { .login = "" };
	db_err e2;

	if (strcmp(e->sqlstate, DB_WF_CONFLICT) != 0 && strcmp(e->sqlstate, DB_PLAN_STATE) != 0) {
		ui_app_message(app, true, "%s", e->message);
		return;
	}
	if (!reload(st, app, st->p.id))
		return;
	if (st->p.submitted && strcmp(st->p.state, "proposed") == 0) {
		ui_app_message(app, true, "%s", _("Someone changed this plan meanwhile; it is shown as it is now."
						  " Decide again."));
		return;
	}
	st->edit = E_NONE;   /* a reason for a decision no longer to be made */
	snprintf(who.login, sizeof who.login, "%s", st->p.approved_by);
	snprintf(who.name, sizeof who.name, "%s", st->p.approved_by);
	if (who.login[0])
		(void)db_staff_names(app->conn, &who, 1, &e2);
	ui_app_message(app, true, _("%s decided this plan meanwhile: %s. Yours was not recorded; F12 goes back to the list."),
		       who.name[0] ? who.name : _("Someone else"), state_text(&st->p));
}

/* Enter in a field: the next step of the edit. */
static void edit_enter(plan_state *st, ui_app *app)
{
	char *typed = lineedit_get_utf8(&st->f);
	db_plan_item *it = st->p.nitems ? &st->p.items[st->cur] : NULL;
	db_err e;
	int nv;

	if (!typed)
		return;
	if (st->edit == E_VALUE && it) {
		snprintf(st->value, sizeof st->value, "%s", typed);
		start_edit(st, E_REASON);
	} else if (st->edit == E_REASON && it) {
		int64_t v = 0;
		char msg[256];
		bool good = is_cash(it) ? valid_yuan(st->value, &v, msg, sizeof msg) == VALID_OK
					: (v = strtoll(st->value, NULL, 10), st->value[0] >= '0' && st->value[0] <= '9');
		if (!good) {
			ui_app_message(app, true, "%s", _("The figure is not a number."));
			start_edit(st, E_VALUE);
		} else if (!db_plan_item_set(app->conn, it->id, v, typed, it->version, &e)) {
			ui_app_message(app, true, "%s", e.message);
		} else {
			st->edit = E_NONE;
			reload(st, app, st->p.id);
			ui_app_message(app, false, "%s", _("Item changed; the reason is recorded."));
		}
	} else if (st->edit == E_START || st->edit == E_END) {
		valid_day d, from;
		char msg[256];
		if (valid_date(typed, NULL, NULL, &d, msg, sizeof msg) != VALID_OK) {
			ui_app_message(app, true, "%s", msg);
		} else if (st->edit == E_START) {
			snprintf(st->start, sizeof st->start, "%04d-%02d-%02d", d.y, d.m, d.d);
			st->edit = E_END;
			lineedit_set_utf8(&st->f, st->p.end_date);
		} else if (valid_date(st->start, NULL, NULL, &from, msg, sizeof msg) == VALID_OK
			   && valid_day_cmp(&d, &from) <= 0) {
			ui_app_message(app, true, "%s", _("The end date must be after the start date."));
		} else {
			char end[11];
			snprintf(end, sizeof end, "%04d-%02d-%02d", d.y, d.m, d.d);
			if (!db_plan_set_dates(app->conn, st->p.id, st->start, end, &e)) {
				ui_app_message(app, true, "%s", e.message);
			} else {
				st->edit = E_NONE;
				reload(st, app, st->p.id);
				ui_app_message(app, false, "%s",
					       _("Dates changed; the items are priced by the policy in force on the new start date."));
			}
		}
	} else if (st->edit == E_DENY) {
		if (!db_plan_decide(app->conn, st->p.id, false, typed, st->p.version, &nv, &e)) {
			decide_refused(st, app, &e);
		} else {
			st->edit = E_NONE;
			reload(st, app, st->p.id);
			ui_app_message(app, false, "%s", _("The plan is denied."));
		}
	}
	free(typed);
}

static ui_result plan_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	plan_state *st = s->data;
	db_err e;
	int nv;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	if (st->edit >= E_ADD_KIND)
		return items_key(st, app, k, a);
	if (st->edit != E_NONE) {
		if (a == UI_ACT_CANCEL) {
			st->edit = E_NONE;
			return UI_HANDLED;
		}
		/* F10 denies with the reason typed, as Enter does: the legend
		 * says so, a reason typed is not left waiting for an unknown key */
		if (a == UI_ACT_NEXT || a == UI_ACT_SELECT || (a == UI_ACT_SAVE && st->edit == E_DENY)) {
			edit_enter(st, app);
			return UI_HANDLED;
		}
		if (a == UI_ACT_NONE || a == UI_ACT_UP || a == UI_ACT_DOWN || a == UI_ACT_DELETE)
			return ui_field_key(&st->f, k.code ? KEY_CODE_YES : OK, k.ch) == LINEEDIT_NOOP
			       ? UI_UNHANDLED : UI_HANDLED;
		return UI_UNHANDLED;
	}
	if (st->in_list) {
		switch (a) {
		case UI_ACT_CANCEL: ui_app_pop(app); return UI_HANDLED;
		case UI_ACT_UP: if (st->sel > 0) st->sel--; return UI_HANDLED;
		case UI_ACT_DOWN: if (st->sel + 1 < (int)st->nrows) st->sel++; return UI_HANDLED;
		case UI_ACT_REFRESH: load_rows(st, app); return UI_HANDLED;
		case UI_ACT_SELECT:
		case UI_ACT_NEXT:
			if (st->nrows && reload(st, app, st->rows[st->sel].plan_id))
				st->in_list = false;
			return UI_HANDLED;
		default: return UI_UNHANDLED;
		}
	}
	switch (a) {
	case UI_ACT_CANCEL:
		if (st->supervisor) {
			st->in_list = true;
			load_rows(st, app);
		} else {
			ui_app_pop(app);
		}
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		if (!st->supervisor && !frozen(st, app) && editable(st))
			items_add_start(st, app);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		if (!st->supervisor && st->p.nitems && !frozen(st, app) && editable(st)) {
			st->rm_item = st->p.items[st->cur].id;
			start_edit(st, E_REMOVE);
		}
		return UI_HANDLED;
	case UI_ACT_UP:
		if (st->cur > 0)
			st->cur--;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->cur + 1 < (int)st->p.nitems)
			st->cur++;
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		if (st->loaded)
			reload(st, app, st->p.id);
		return UI_HANDLED;
	case UI_ACT_SELECT:
	case UI_ACT_NEXT:
		if (!st->supervisor && st->loaded && st->p.nitems && !frozen(st, app) && editable(st))
			start_edit(st, E_VALUE);
		return UI_HANDLED;
	case UI_ACT_NEW:
		if (st->supervisor && st->loaded) {
			start_edit(st, E_DENY);
		} else if (!frozen(st, app) && editable(st)) {
			/* the caseworker's F6: the period, start then end */
			start_edit(st, E_START);
			lineedit_set_utf8(&st->f, st->p.start_date);
		}
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (!st->loaded)
			return UI_HANDLED;
		if (st->supervisor) {
			if (!db_plan_decide(app->conn, st->p.id, true, NULL, st->p.version, &nv, &e)) {
				decide_refused(st, app, &e);
				return UI_HANDLED;
			}
			reload(st, app, st->p.id);
			ui_app_message(app, false, _("Approved: the plan is %s."), state_text(&st->p));
		} else {
			if (frozen(st, app))
				return UI_HANDLED;
			if (!db_plan_submit(app->conn, st->p.id, st->p.version, &nv, &e)) {
				ui_app_message(app, true, "%s", e.message);
				return UI_HANDLED;
			}
			reload(st, app, st->p.id);
			ui_app_message(app, false, "%s", _("Submitted for approval."));
		}
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

/* Another window submitted or decided a plan: the list is read again, the
 * cursor kept on the plan it was on. An open plan is left as it is: its
 * own F10/F6 finds out (and says) whether it was decided meanwhile. */
static void plan_notify(ui_screen *s, ui_app *app)
{
	plan_state *st = s->data;
	long long on;

	if (!st || !st->supervisor || !st->in_list)
		return;
	on = st->sel < (int)st->nrows ? st->rows[st->sel].plan_id : 0;
	load_rows(st, app);
	for (size_t i = 0; i < st->nrows; i++)
		if (st->rows[i].plan_id == on)
			st->sel = (int)i;
}

static void plan_close(ui_screen *s, ui_app *app)
{
	plan_state *st = s->data;

	(void)app;
	if (!st)
		return;
	free(st->rows);
	free(st->kinds);
	free(st->people);
	db_plan_finish(&st->p);
	lineedit_finish(&st->f);
	free(st);
	s->data = NULL;
}

static const char *plan_action_name(const ui_screen *s, ui_action a)
{
	const plan_state *st = s->data;

	if (!st)
		return NULL;
	if (a == UI_ACT_SAVE && st->edit == E_DENY)
		return _("Deny");
	if (a == UI_ACT_SAVE)
		return st->supervisor ? _("Approve") : _("Submit");
	if (a == UI_ACT_NEW)
		return st->supervisor ? _("Deny") : _("Dates");
	if (a == UI_ACT_SELECT && !st->supervisor)
		return _("Change item");
	if (a == UI_ACT_CHOICES && !st->supervisor)
		return _("Add item");
	if (a == UI_ACT_DELETE)
		return _("Delete item");
	/* F12 goes back (the caseworker's plan to its list, the approval
	 * screen's plan to its list, a list to the menu); it cancels only
	 * a figure or a reason being typed */
	if (a == UI_ACT_CANCEL && st->edit == E_NONE)
		return _("Back");
	return NULL;
}

/* The legend shows only what the keys do now: while a figure is typed (but
 * for F10 on the reason for a denial, which denies), on
 * the supervisor's list, and on a plan already submitted or decided, F10,
 * F6, F4 and Del change nothing (pressed, they still say why); Del shows
 * while there is an item to remove. */
static bool plan_applies(const ui_screen *s, ui_action a)
{
	const plan_state *st = s->data;

	if (!st)
		return true;
	if (st->edit == E_DENY && a == UI_ACT_SAVE)
		return true;
	if (st->edit != E_NONE)
		return a != UI_ACT_SAVE && a != UI_ACT_NEW && a != UI_ACT_CHOICES && a != UI_ACT_REFRESH
		       && a != UI_ACT_DELETE;
	switch (a) {
	case UI_ACT_SAVE:
	case UI_ACT_NEW:
		if (st->supervisor)
			return !st->in_list && st->loaded && st->p.submitted && strcmp(st->p.state, "proposed") == 0;
		return editable(st);
	case UI_ACT_CHOICES:
		return !st->supervisor && editable(st);
	case UI_ACT_DELETE:
		return !st->supervisor && editable(st) && st->p.nitems > 0;
	case UI_ACT_REFRESH:
		return st->in_list || st->loaded;
	default:
		return true;
	}
}

const ui_screen_ops ui_plan_screen = {
	.id = "plan",
	.actions = plan_actions,
	.title = plan_title,
	.open = plan_open,
	.draw = plan_draw,
	.key = plan_key,
	.close = plan_close,
	.save = NULL,
	.action_name = plan_action_name,
	.applies = plan_applies,
	.notify = plan_notify,
};
