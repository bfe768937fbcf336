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

#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "services.h"
#include "svc_form.h"
#include "valid.h"

enum { C_COURSE, C_INST, C_START, C_END, C_FEE, C_COUNT };
_Static_assert((int)C_COUNT == (int)SVC_FIELDS, "the form has SVC_FIELDS fields");

typedef db_training_person person_row;

typedef struct training_state {
	ui_app *app;
	int y;
	db_training_outcomes out;
	db_training_row *rows;
	size_t n;
	svc_form sf;            /* year, list, form, participants */
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
		return st && svc_form_on_people(&st->sf) ? _("Enrol") : _("Add");
	case UI_ACT_SAVE:
		return st && svc_form_on_people(&st->sf) ? _("Outcome") : _("Save");
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

static void person_cell(const void *row, int col, char *buf, size_t len)
{
	const person_row *r = row;

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

static const ui_list_ops act_ops = { .cell = act_cell, .marked = act_marked };

static void load(training_state *st)
{
	db_err e;
	int y = svc_form_year(&st->sf);

	if (!y)
		return;
	st->y = y;
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!db_training_outcomes_get(st->app->conn, y, &st->out, &e) ||
	    !db_training_list(st->app->conn, y, &st->rows, &st->n, &e))
		ui_app_message(st->app, true, _("The classes could not be read: %s"), e.message);
	ui_list_set_rows(&st->sf.list, st->n, st->sf.list.cursor);
}

/* Trainees of the class, or the unemployed plan members not in it. */
static bool load_persons(void *ctx, bool enrolled, void **out, size_t *n)
{
	training_state *st = ctx;
	person_row *rows = NULL;
	db_err e;
	bool ok = db_training_people(st->app->conn, st->rows[st->sf.list.cursor].id, enrolled, &rows, n, &e);

	*out = rows;
	if (!ok)
		ui_app_message(st->app, true, _("The trainees could not be read: %s"), e.message);
	return ok;
}

/* The outcome fields show the trainee under the cursor. */
static void show_participant(enrol_view *v, const void *row)
{
	const person_row *r = row;

	lineedit_set_utf8(&v->p[ENROL_F1], r ? (r->completed ? _("yes") : _("no")) : "");
	lineedit_set_utf8(&v->p[ENROL_F2], r ? r->employed_on : "");
}

static void training_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	training_state *st = s->data;
	int y = r.y, x = r.x + 1;
	char line[256];

	(void)app;
	*cy = *cx = -1;
	svc_form_draw_year(&st->sf, r);
	snprintf(line, sizeof line, _("%d classes, %d trainees, %d completed, %d employed within %d months"),
		 st->out.classes, st->out.enrolled, st->out.completed, st->out.employed, st->out.within_months);
	ui_put(stdscr, y, x + 14, line, r.w - 16, A_NORMAL);
	y += 2;
	s->more = svc_form_draw(&st->sf, r, y, cy, cx);
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

static bool save_activity(void *ctx)
{
	training_state *st = ctx;
	char *t[C_COUNT], course[256], inst[256], start[11] = "", end[11] = "";
	int64_t fee = 0;
	bool ok = true;
	long long id = 0;
	db_err e;

	for (int i = 0; i < C_COUNT; i++) {
		t[i] = lineedit_get_utf8(&st->sf.f[i]);
		st->sf.ferr[i][0] = '\0';
	}
	if (valid_text_required(t[C_COURSE] ? t[C_COURSE] : "", 60, course, sizeof course, st->sf.ferr[C_COURSE],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (valid_text_required(t[C_INST] ? t[C_INST] : "", 60, inst, sizeof inst, st->sf.ferr[C_INST],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (!date_field(&st->sf.f[C_START], start, st->sf.ferr[C_START]))
		ok = false;
	if (!date_field(&st->sf.f[C_END], end, st->sf.ferr[C_END]))
		ok = false;
	else if (start[0] && strcmp(end, start) < 0) {
		snprintf(st->sf.ferr[C_END], VALID_MSG_SIZE, "%s", _("ends before it starts"));
		ok = false;
	}
	if (valid_yuan(t[C_FEE] ? t[C_FEE] : "", &fee, st->sf.ferr[C_FEE], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	for (int i = 0; i < C_COUNT; i++)
		free(t[i]);
	if (!ok)
		return svc_form_refused(&st->sf);
	if (!db_training_add(st->app->conn, 0, course, inst, start, end, (long long)fee, &id, &e)) {
		ui_app_message(st->app, true, _("The class was not saved: %s"), e.message);
		return false;
	}
	ui_app_message(st->app, false, _("Class %s saved."), course);
	lineedit_set_utf8(&st->sf.year, (char[5]){ start[0], start[1], start[2], start[3], '\0' });
	load(st);
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id)
			ui_list_set_rows(&st->sf.list, st->n, i);
	return true;
}

/* The database's refusal in plain words. */
static void plain(const training_state *st, const db_err *e, char *buf, size_t len)
{
	if (strcmp(e->sqlstate, "JZ034") == 0)
		snprintf(buf, len, _("the class is full: all %d seats are taken"), st->rows[st->sf.list.cursor].capacity);
	else if (strcmp(e->sqlstate, "JZ033") == 0)
		snprintf(buf, len, "%s", _("not an unemployed member of an active plan with training"));
	else if (strcmp(e->sqlstate, "23505") == 0)
		snprintf(buf, len, "%s", _("already in this class"));
	else
		snprintf(buf, len, "%.250s", e->message);
}

static bool enrol(void *ctx, long long pid, const char *name, char *err, size_t len)
{
	training_state *st = ctx;
	char sub[32];
	long long subsidy = 0;
	db_err e;

	if (!db_training_enrol(st->app->conn, st->rows[st->sf.list.cursor].id, pid, &subsidy, &e)) {
		plain(st, &e, err, len);
		return false;
	}
	valid_yuan_format(subsidy, sub, sizeof sub);
	ui_app_message(st->app, false, _("%s enrolled; subsidy %s yuan."), name, sub);
	return true;
}

static enum enrol_saved save_outcome(void *ctx, enrol_view *v, const void *row, bool done, db_err *e)
{
	training_state *st = ctx;
	const person_row *r = row;
	char *j = lineedit_get_utf8(&v->p[ENROL_F2]), job[11] = "";
	enum enrol_saved res = ENROL_INVALID;

	const db_training_row *c = &st->rows[st->sf.list.cursor];

	if ((done || (j && j[0])) && !c->ended) {
		/* said before the database's JZ036 (0144), with the day */
		db_err_set(e, DB_ERR_OTHER, _("the class ends on %s: completion and employment are recorded from then."),
			   c->ends_on);
		res = ENROL_FAILED;
		goto out;
	}
	if (j && j[0]) {
		if (!date_field(&v->p[ENROL_F2], job, v->perr[ENROL_F2]))
			goto out;
		if (!done) {
			snprintf(v->perr[ENROL_F2], VALID_MSG_SIZE, "%s", _("only who completed the class"));
			goto out;
		}
	}
	if (!db_training_outcome(st->app->conn, st->rows[st->sf.list.cursor].id, r->id, done, job[0] ? job : NULL, e)) {
		res = ENROL_FAILED;
	} else {
		ui_app_message(st->app, false, _("Outcome of %s saved."), r->name);
		res = ENROL_SAVED;
	}
out:
	free(j);
	return res;
}

static void changed(void *ctx)
{
	load(ctx);
}

static const enrol_view_spec people_spec = {
	.cols = person_cols,
	.ncols = (int)(sizeof person_cols / sizeof person_cols[0]),
	.row_size = sizeof(person_row),
	.kind2 = LINEEDIT_DATE,
	.width2 = 11,
	.max2 = 10,
	.label1 = N_("Completed"),
	.label2 = N_("Employed on"),
	.label2_width = 14,
	.field2_x = 36,
	.pick_title = N_("Unemployed plan members with training (Enter picks):"),
	.pick_none = N_("No other unemployed plan member has training in the plan."),
	.load = load_persons,
	.cell = person_cell,
	.show = show_participant,
	.enrol = enrol,
	.save = save_outcome,
	.changed = changed,
};

static void heading(void *ctx, char *line, size_t len)
{
	training_state *st = ctx;
	const db_training_row *a = &st->rows[st->sf.list.cursor];
	char fee[32], sub[32];

	valid_yuan_format(a->fee_fen, fee, sizeof fee);
	valid_yuan_format((a->fee_fen * a->subsidy_pct + 50) / 100, sub, sizeof sub);
	snprintf(line, len, _("%s: %d of %d seats taken; fee %s yuan, subsidy %d%% = %s yuan"),
		 a->course, (int)st->sf.view.npeople, a->capacity, fee, a->subsidy_pct, sub);
}

static const svc_form_spec training_spec = {
	.cols = act_cols,
	.ncols = (int)(sizeof act_cols / sizeof act_cols[0]),
	.ops = &act_ops,
	.people = &people_spec,
	.none = N_("No classes this year: F6 adds one."),
	.form_title = N_("New training class (capacity and subsidy from the policy)"),
	.labels = { N_("Course"), N_("Institution"), N_("Starts on"), N_("Ends on"), N_("Fee (yuan)") },
	.kinds = { LINEEDIT_TEXT, LINEEDIT_TEXT, LINEEDIT_DATE, LINEEDIT_DATE, LINEEDIT_DECIMAL },
	.widths = { 40, 40, 12, 12, 12 },
	.maxc = { 60, 60, 12, 12, 12 },
	.load = changed,
	.save = save_activity,
	.heading = heading,
};

static bool training_open(ui_screen *s, ui_app *app, void *arg)
{
	training_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	svc_form_init(&st->sf, &training_spec, app, st);
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
	svc_form_finish(&st->sf);
	free(st->rows);
	free(st);
	s->data = NULL;
}

static ui_result training_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	training_state *st = s->data;
	return svc_form_key(&st->sf, app, k, a);
}

static bool training_applies(const ui_screen *s, ui_action a)
{
	const training_state *st = s->data;
	return !st || svc_form_applies(&st->sf, a);
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
	.applies = training_applies,
};
