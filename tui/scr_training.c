/* scr_training.c - 技能培训, the training classes of a year with seats used
 * against the capacity the policy gave the class; F6 adds a class (course,
 * institution, dates, fee in yuan: capacity and subsidy share come from the
 * policy in force on the start date); Enter opens the trainees: enrol an
 * unemployed plan member by ID number (F4 lists them; the database's "class
 * full" refusal is shown at the field in plain words), each trainee's
 * subsidy in yuan, completion and the date a job was found. */
#include "services_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "services.h"
#include "valid.h"

enum { C_COURSE, C_INST, C_START, C_END, C_FEE, C_COUNT };
enum { P_ID, P_DONE, P_JOB, P_COUNT };
enum mode { M_LIST, M_FORM, M_PEOPLE, M_PICK };

typedef db_training_person person_row;

typedef struct training_state {
	ui_app *app;
	enum mode mode;
	lineedit year;
	int y;
	db_training_outcomes out;
	db_training_row *rows;
	size_t n;
	ui_list list;
	lineedit f[C_COUNT];
	char ferr[C_COUNT][VALID_MSG_SIZE];
	int focus;
	/* participants of the activity list.cursor */
	person_row *people, *pick;
	size_t npeople, npick;
	ui_list plist, klist;
	lineedit p[P_COUNT];
	char perr[P_COUNT][VALID_MSG_SIZE];
	int pfocus;
} training_state;

static const ui_action training_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
	UI_ACT_NONE,
};

static const ui_list_col act_cols[] = {
	{ N_("Course"), 8, 0 },
	{ N_("Institution"), 8, 14 },
	{ N_("Starts"), 10, 10 },
	{ N_("Fee (yuan)"), 9, 10 },
	{ N_("Seats"), 5, 5 },
	{ N_("Done"), 4, 4 },
	{ N_("Jobs"), 4, 4 },
};
static const ui_list_col person_cols[] = {
	{ N_("Name"), 8, 12 },
	{ N_("ID number"), 18, 18 },
	{ N_("Subsidy"), 9, 10 },
	{ N_("Completed"), 4, 6 },
	{ N_("Employed on"), 10, 0 },
};

static const char *training_title(const ui_screen *s)
{
	(void)s;
	return _("Skills training");
}

static const char *training_action_name(const ui_screen *s, ui_action a)
{
	const training_state *st = s->data;

	switch (a) {
	case UI_ACT_NEW:
		return st && st->mode == M_PEOPLE ? _("Enrol") : _("Add");
	case UI_ACT_SAVE:
		return st && st->mode == M_PEOPLE ? _("Outcome") : _("Save");
	case UI_ACT_CANCEL:
		return _("Back");
	case UI_ACT_CHOICES:
		return _("Members");
	default:
		return NULL;
	}
}

static void act_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	training_state *st = ctx;
	const db_training_row *r = &st->rows[row];

	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->course);
		break;
	case 1:
		snprintf(buf, len, "%s", r->institution);
		break;
	case 2:
		snprintf(buf, len, "%s", r->starts_on);
		break;
	case 3:
		valid_yuan_format(r->fee_fen, buf, len);
		break;
	case 4:
		snprintf(buf, len, "%d/%d", r->enrolled, r->capacity);
		break;
	case 5:
		snprintf(buf, len, "%d", r->completed);
		break;
	default:
		snprintf(buf, len, "%d", r->employed);
		break;
	}
}

/* A full class is marked ("!", bold). */
static bool act_marked(void *ctx, size_t row)
{
	training_state *st = ctx;
	return st->rows[row].enrolled >= st->rows[row].capacity;
}

static void person_cell_of(const person_row *r, int col, char *buf, size_t len)
{
	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->name);
		break;
	case 1:
		snprintf(buf, len, "%s", r->id_number);
		break;
	case 2:
		valid_yuan_format(r->subsidy_fen, buf, len);
		break;
	case 3:
		snprintf(buf, len, "%s", r->completed ? _("yes") : _("no"));
		break;
	default:
		snprintf(buf, len, "%s", r->employed_on[0] ? r->employed_on : "-");
		break;
	}
}

static void people_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	person_cell_of(&((training_state *)ctx)->people[row], col, buf, len);
}

static void pick_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	if (col >= 2)
		snprintf(buf, len, "%s", "");
	else
		person_cell_of(&((training_state *)ctx)->pick[row], col, buf, len);
}

static const ui_list_ops act_ops = { .cell = act_cell, .marked = act_marked };
static const ui_list_ops people_ops = { .cell = people_cell };
static const ui_list_ops pick_ops = { .cell = pick_cell };

static void load(training_state *st)
{
	db_err e;
	char *t = lineedit_get_utf8(&st->year);
	int y = t ? atoi(t) : 0;

	free(t);
	if (y < 2000 || y > 2999) {
		ui_app_message(st->app, true, "%s", _("Year: four digits, e.g. 2025."));
		return;
	}
	st->y = y;
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!db_training_outcomes_get(st->app->conn, y, &st->out, &e) ||
	    !db_training_list(st->app->conn, y, &st->rows, &st->n, &e))
		ui_app_message(st->app, true, _("The classes could not be read: %s"), e.message);
	ui_list_set_rows(&st->list, st->n, st->list.cursor);
}

/* Trainees of the class, or the unemployed plan members not in it. */
static bool load_persons(training_state *st, bool enrolled, person_row **out, size_t *n)
{
	db_err e;

	free(*out);
	*out = NULL;
	*n = 0;
	if (!db_training_people(st->app->conn, st->rows[st->list.cursor].id, enrolled, out, n, &e)) {
		ui_app_message(st->app, true, _("The trainees could not be read: %s"), e.message);
		return false;
	}
	return true;
}

/* The outcome fields show the trainee under the cursor. */
static void show_participant(training_state *st)
{
	const person_row *r = st->npeople ? &st->people[st->plist.cursor] : NULL;

	lineedit_set_utf8(&st->p[P_DONE], r ? (r->completed ? _("yes") : _("no")) : "");
	lineedit_set_utf8(&st->p[P_JOB], r ? r->employed_on : "");
	st->perr[P_DONE][0] = st->perr[P_JOB][0] = '\0';
}

static void load_people(training_state *st)
{
	load_persons(st, true, &st->people, &st->npeople);
	ui_list_set_rows(&st->plist, st->npeople, st->plist.cursor);
	show_participant(st);
}

static bool training_open(ui_screen *s, ui_app *app, void *arg)
{
	training_state *st = calloc(1, sizeof *st);
	char y[16];
	time_t now = time(NULL);
	struct tm tm;
	static const int widths[C_COUNT] = { 40, 40, 12, 12, 12 };
	static const size_t maxc[C_COUNT] = { 60, 60, 12, 12, 12 };

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	localtime_r(&now, &tm);
	snprintf(y, sizeof y, "%04d", tm.tm_year + 1900);
	lineedit_init(&st->year, LINEEDIT_DIGITS, 5, 4, 0);
	lineedit_set_utf8(&st->year, y);
	for (int i = 0; i < C_COUNT; i++)
		lineedit_init(&st->f[i], i == C_START || i == C_END ? LINEEDIT_DATE : i == C_FEE ? LINEEDIT_DECIMAL
			      : LINEEDIT_TEXT, widths[i], maxc[i], 0);
	lineedit_init(&st->p[P_ID], LINEEDIT_IDNUM, 19, 18, 0);
	lineedit_init(&st->p[P_DONE], LINEEDIT_TEXT, 4, 3, 0);
	lineedit_init(&st->p[P_JOB], LINEEDIT_DATE, 11, 10, 0);
	ui_list_init(&st->list, act_cols, (int)(sizeof act_cols / sizeof act_cols[0]), &act_ops, st);
	ui_list_init(&st->plist, person_cols, (int)(sizeof person_cols / sizeof person_cols[0]), &people_ops, st);
	ui_list_init(&st->klist, person_cols, 2, &pick_ops, st);
	s->data = st;
	if (app->conn)
		load(st);
	return true;
}

static void training_close(ui_screen *s, ui_app *app)
{
	training_state *st = s->data;

	(void)app;
	if (!st)
		return;
	lineedit_finish(&st->year);
	for (int i = 0; i < C_COUNT; i++)
		lineedit_finish(&st->f[i]);
	for (int i = 0; i < P_COUNT; i++)
		lineedit_finish(&st->p[i]);
	ui_list_finish(&st->list);
	ui_list_finish(&st->plist);
	ui_list_finish(&st->klist);
	free(st->rows);
	free(st->people);
	free(st->pick);
	free(st);
	s->data = NULL;
}

/* A label, its field at x + 14 (labels aligned by display width), and the
 * field's complaint after it. */
static void form_line(int y, int x, int w, const char *label, lineedit *le, bool focus, const char *err)
{
	ui_put(stdscr, y, x, label, 13, A_NORMAL);
	ui_field_draw(stdscr, y, x + 14, le, focus);
	if (err && err[0])
		ui_put(stdscr, y, x + 15 + le->width, err, w - 15 - le->width - x, A_BOLD);
}

static void training_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	training_state *st = s->data;
	int y = r.y, x = r.x + 1;
	char line[256];
	ui_rect lr;

	(void)app;
	*cy = *cx = -1;
	s->more = UI_MORE_NONE;
	ui_put(stdscr, y, x, _("Year"), 8, A_NORMAL);
	ui_field_draw(stdscr, y, x + 6, &st->year, st->mode == M_LIST);
	snprintf(line, sizeof line, _("%d classes, %d trainees, %d completed, %d employed within %d months"),
		 st->out.classes, st->out.enrolled, st->out.completed, st->out.employed, st->out.within_months);
	ui_put(stdscr, y, x + 14, line, r.w - 16, A_NORMAL);
	y += 2;
	lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
	switch (st->mode) {
	case M_LIST:
		if (st->n == 0)
			ui_put(stdscr, y + 1, x, _("No classes this year: F6 adds one."), r.w - 2, A_NORMAL);
		else
			s->more = ui_list_draw(&st->list, lr, cy, cx);
		ui_field_place_cursor(stdscr, r.y, x + 6, &st->year);
		getyx(stdscr, *cy, *cx);
		break;
	case M_FORM: {
		static const char *labels[C_COUNT] = { N_("Course"), N_("Institution"), N_("Starts on"),
						       N_("Ends on"), N_("Fee (yuan)") };
		ui_put(stdscr, y++, x, _("New training class (capacity and subsidy from the policy)"), r.w - 2, A_BOLD);
		for (int i = 0; i < C_COUNT; i++)
			form_line(y + i, x, r.w, _(labels[i]), &st->f[i], st->focus == i, st->ferr[i]);
		ui_field_place_cursor(stdscr, y + st->focus, x + 14, &st->f[st->focus]);
		getyx(stdscr, *cy, *cx);
		break;
	}
	case M_PEOPLE:
	case M_PICK: {
		const db_training_row *a = &st->rows[st->list.cursor];
		char fee[32], sub[32];
		valid_yuan_format(a->fee_fen, fee, sizeof fee);
		valid_yuan_format((a->fee_fen * a->subsidy_pct + 50) / 100, sub, sizeof sub);
		snprintf(line, sizeof line, _("%s: %d of %d seats taken; fee %s yuan, subsidy %d%% = %s yuan"),
			 a->course, (int)st->npeople, a->capacity, fee, a->subsidy_pct, sub);
		ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
		form_line(y, x, r.w, _("Enrol ID no."), &st->p[P_ID], st->mode == M_PEOPLE && st->pfocus == P_ID,
			  st->perr[P_ID]);
		y++;
		if (st->mode == M_PEOPLE) {
			form_line(y, x, 40, _("Completed"), &st->p[P_DONE], st->pfocus == P_DONE, st->perr[P_DONE]);
			ui_put(stdscr, y, x + 22, _("Employed on"), 14, A_NORMAL);
			ui_field_draw(stdscr, y, x + 36, &st->p[P_JOB], st->pfocus == P_JOB);
			if (st->perr[P_JOB][0])
				ui_put(stdscr, y, x + 48, st->perr[P_JOB], r.w - 50, A_BOLD);
			y++;
			lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
			s->more = ui_list_draw(&st->plist, lr, cy, cx);
			{
				int fx = st->pfocus == P_JOB ? x + 36 : x + 14;
				int fy = st->pfocus == P_ID ? y - 2 : y - 1;
				ui_field_place_cursor(stdscr, fy, fx, &st->p[st->pfocus]);
				getyx(stdscr, *cy, *cx);
			}
		} else {
			ui_put(stdscr, y++, x, _("Unemployed plan members with training (Enter picks):"), r.w - 2,
			       A_NORMAL);
			lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
			s->more = ui_list_draw(&st->klist, lr, cy, cx);
		}
		break;
	}
	}
}

static bool date_field(lineedit *le, char out[11], char *err)
{
	char *t = lineedit_get_utf8(le);
	valid_day d;
	bool ok = valid_date(t ? t : "", NULL, NULL, &d, err, VALID_MSG_SIZE) == VALID_OK;

	if (ok) {
		char tmp[40];
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.y, d.m, d.d);
		snprintf(out, 11, "%.10s", tmp);
	}
	free(t);
	return ok;
}

static bool save_activity(training_state *st)
{
	char *t[C_COUNT], course[256], inst[256], start[11] = "", end[11] = "";
	int64_t fee = 0;
	bool ok = true;
	long long id = 0;
	db_err e;

	for (int i = 0; i < C_COUNT; i++) {
		t[i] = lineedit_get_utf8(&st->f[i]);
		st->ferr[i][0] = '\0';
	}
	if (valid_text_required(t[C_COURSE] ? t[C_COURSE] : "", 60, course, sizeof course, st->ferr[C_COURSE],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (valid_text_required(t[C_INST] ? t[C_INST] : "", 60, inst, sizeof inst, st->ferr[C_INST],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (!date_field(&st->f[C_START], start, st->ferr[C_START]))
		ok = false;
	if (!date_field(&st->f[C_END], end, st->ferr[C_END]))
		ok = false;
	else if (start[0] && strcmp(end, start) < 0) {
		snprintf(st->ferr[C_END], VALID_MSG_SIZE, "%s", _("ends before it starts"));
		ok = false;
	}
	if (valid_yuan(t[C_FEE] ? t[C_FEE] : "", &fee, st->ferr[C_FEE], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	for (int i = 0; i < C_COUNT; i++)
		free(t[i]);
	if (!ok) {
		for (int i = 0; i < C_COUNT; i++)
			if (st->ferr[i][0]) {
				st->focus = i;
				break;
			}
		ui_app_message(st->app, true, "%s", _("Please correct the marked field; nothing was saved."));
		return false;
	}
	if (!db_training_add(st->app->conn, 0, course, inst, start, end, (long long)fee, &id, &e)) {
		ui_app_message(st->app, true, _("The class was not saved: %s"), e.message);
		return false;
	}
	ui_app_message(st->app, false, _("Class %s saved."), course);
	lineedit_set_utf8(&st->year, (char[5]){ start[0], start[1], start[2], start[3], '\0' });
	load(st);
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id)
			ui_list_set_rows(&st->list, st->n, i);
	return true;
}

/* The database's refusal in plain words. */
static void plain(const training_state *st, const db_err *e, char *buf, size_t len)
{
	if (strcmp(e->sqlstate, "JZ034") == 0)
		snprintf(buf, len, _("the class is full: all %d seats are taken"), st->rows[st->list.cursor].capacity);
	else if (strcmp(e->sqlstate, "JZ033") == 0)
		snprintf(buf, len, "%s", _("not an unemployed member of an active plan with training"));
	else if (strcmp(e->sqlstate, "23505") == 0)
		snprintf(buf, len, "%s", _("already in this class"));
	else
		snprintf(buf, len, "%.250s", e->message);
}

static void enrol(training_state *st)
{
	char *t = lineedit_get_utf8(&st->p[P_ID]), name[96], sub[32];
	long long pid = 0, subsidy = 0;
	db_err e;

	st->perr[P_ID][0] = '\0';
	st->pfocus = P_ID;
	if (!t || !db_service_person(st->app->conn, t, &pid, name, sizeof name, &e) || pid == 0) {
		snprintf(st->perr[P_ID], VALID_MSG_SIZE, "%s", _("no person with this ID number in your communities"));
	} else if (!db_training_enrol(st->app->conn, st->rows[st->list.cursor].id, pid, &subsidy, &e)) {
		plain(st, &e, st->perr[P_ID], VALID_MSG_SIZE);
	} else {
		valid_yuan_format(subsidy, sub, sizeof sub);
		ui_app_message(st->app, false, _("%s enrolled; subsidy %s yuan."), name, sub);
		lineedit_set_utf8(&st->p[P_ID], "");
		load_people(st);
		load(st);
	}
	if (st->perr[P_ID][0])
		ui_app_message(st->app, true, _("Not enrolled: %s."), st->perr[P_ID]);
	free(t);
}

static void save_attendance(training_state *st)
{
	char *a = lineedit_get_utf8(&st->p[P_DONE]), *j = lineedit_get_utf8(&st->p[P_JOB]), job[11] = "";
	bool done = false, ok = true;
	db_err e;

	st->perr[P_DONE][0] = st->perr[P_JOB][0] = '\0';
	if (st->npeople == 0) {
		ui_app_message(st->app, true, "%s", _("Nobody is enrolled yet."));
		goto out;
	}
	if (a && (strcmp(a, _("yes")) == 0 || strcmp(a, "y") == 0 || strcmp(a, "1") == 0))
		done = true;
	else if (!a || !(strcmp(a, _("no")) == 0 || strcmp(a, "n") == 0 || strcmp(a, "0") == 0)) {
		snprintf(st->perr[P_DONE], VALID_MSG_SIZE, "%s", _("yes or no"));
		st->pfocus = P_DONE;
		ok = false;
	}
	if (ok && j && j[0]) {
		if (!date_field(&st->p[P_JOB], job, st->perr[P_JOB])) {
			st->pfocus = P_JOB;
			ok = false;
		} else if (!done) {
			snprintf(st->perr[P_JOB], VALID_MSG_SIZE, "%s", _("only who completed the class"));
			st->pfocus = P_JOB;
			ok = false;
		}
	}
	if (!ok) {
		ui_app_message(st->app, true, "%s", _("Please correct the marked field; nothing was saved."));
		goto out;
	}
	if (!db_training_outcome(st->app->conn, st->rows[st->list.cursor].id, st->people[st->plist.cursor].id, done,
				 job[0] ? job : NULL, &e)) {
		ui_app_message(st->app, true, _("Not saved: %s"), e.message);
		goto out;
	}
	ui_app_message(st->app, false, _("Outcome of %s saved."), st->people[st->plist.cursor].name);
	load_people(st);
	load(st);
out:
	free(a);
	free(j);
}

static ui_result edit(lineedit *le, ui_key k)
{
	lineedit_result r = ui_field_key(le, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

static ui_result key_list(training_state *st, ui_app *app, ui_key k, ui_action a)
{
	switch (a) {
	case UI_ACT_REFRESH:
	case UI_ACT_NEXT:
		ui_app_clear_message(app);
		load(st);
		return UI_HANDLED;
	case UI_ACT_NEW:
		for (int i = 0; i < C_COUNT; i++)
			st->ferr[i][0] = '\0';
		st->focus = 0;
		st->mode = M_FORM;
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (st->n == 0)
			return UI_HANDLED;
		st->mode = M_PEOPLE;
		st->pfocus = P_ID;
		st->perr[P_ID][0] = '\0';
		load_people(st);
		return UI_HANDLED;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_NONE:
		return edit(&st->year, k);
	default:
		return ui_list_key(&st->list, app, k, a);
	}
}

static ui_result key_form(training_state *st, ui_app *app, ui_key k, ui_action a)
{
	switch (a) {
	case UI_ACT_CANCEL:
		st->mode = M_LIST;
		ui_app_clear_message(app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (save_activity(st)) {
			for (int i = 0; i < C_COUNT; i++)
				lineedit_set_utf8(&st->f[i], "");
			st->mode = M_LIST;
		}
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_SELECT:
	case UI_ACT_DOWN:
		st->focus = (st->focus + 1) % C_COUNT;
		return UI_HANDLED;
	case UI_ACT_PREV:
	case UI_ACT_UP:
		st->focus = (st->focus + C_COUNT - 1) % C_COUNT;
		return UI_HANDLED;
	case UI_ACT_NONE:
		return edit(&st->f[st->focus], k);
	default:
		return UI_UNHANDLED;
	}
}

static ui_result key_people(training_state *st, ui_app *app, ui_key k, ui_action a)
{
	ui_result r;

	switch (a) {
	case UI_ACT_CANCEL:
		st->mode = M_LIST;
		ui_app_clear_message(app);
		return UI_HANDLED;
	case UI_ACT_NEW:
		enrol(st);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		save_attendance(st);
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		if (load_persons(st, false, &st->pick, &st->npick)) {
			ui_list_set_rows(&st->klist, st->npick, 0);
			st->mode = M_PICK;
			if (st->npick == 0)
				ui_app_message(app, false, "%s", _("No other unemployed plan member has training in the plan."));
		}
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_SELECT:
		st->pfocus = (st->pfocus + 1) % P_COUNT;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->pfocus = (st->pfocus + P_COUNT - 1) % P_COUNT;
		return UI_HANDLED;
	case UI_ACT_NONE:
		return edit(&st->p[st->pfocus], k);
	default:
		r = ui_list_key(&st->plist, app, k, a);
		show_participant(st);
		return r;
	}
}

static ui_result key_pick(training_state *st, ui_app *app, ui_key k, ui_action a)
{
	switch (a) {
	case UI_ACT_CANCEL:
		st->mode = M_PEOPLE;
		return UI_HANDLED;
	case UI_ACT_SELECT:
	case UI_ACT_SAVE:
		if (st->npick)
			lineedit_set_utf8(&st->p[P_ID], st->pick[st->klist.cursor].id_number);
		st->mode = M_PEOPLE;
		st->pfocus = P_ID;
		return UI_HANDLED;
	default:
		return ui_list_key(&st->klist, app, k, a);
	}
}

static ui_result training_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	training_state *st = s->data;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	switch (st->mode) {
	case M_FORM:
		return key_form(st, app, k, a);
	case M_PEOPLE:
		return key_people(st, app, k, a);
	case M_PICK:
		return key_pick(st, app, k, a);
	case M_LIST:
	default:
		return key_list(st, app, k, a);
	}
}

const ui_screen_ops ui_training_screen = {
	.id = "training",
	.actions = training_actions,
	.title = training_title,
	.open = training_open,
	.draw = training_draw,
	.key = training_key,
	.close = training_close,
	.save = NULL,
	.action_name = training_action_name,
};
