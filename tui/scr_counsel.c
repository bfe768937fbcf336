/* scr_counsel.c - 心理辅导, counselling activities of a year: the months with
 * how many activities each had (a month below the policy's minimum carries
 * "!" and bold, never colour alone), the activities; F6 adds one (every field
 * checked where it is typed, the text kept); Enter opens its participants:
 * enrol a plan member by ID number (F4 lists the eligible), mark attendance
 * and the satisfaction answer. The rules are the database's (0081). */
#include "services_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "services.h"
#include "svc_form.h"
#include "valid.h"

enum { C_DATE, C_COUNSELLOR, C_PLACE, C_CAPACITY, C_TOPIC, C_COUNT };
_Static_assert((int)C_COUNT == (int)SVC_FIELDS, "the form has SVC_FIELDS fields");

typedef db_counsel_person person_row;

typedef struct counsel_state {
	ui_app *app;
	int y;
	db_counsel_month months[12];
	db_counsel_row *rows;
	size_t n;
	svc_form sf;            /* year, list, form, participants */
} counsel_state;

static const ui_action counsel_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
	UI_ACT_NONE,
};

static const ui_list_col act_cols[] = {
	{ N_("Date"), 10, 10 },
	{ N_("Topic"), 10, 0 },
	{ N_("Counsellor"), 6, 10 },
	{ N_("Venue"), 8, 14 },   /* "Place" is the home visit's (走访地点) */
	{ N_("Enrolled"), 8, 8 },
	{ N_("Attended"), 6, 6 },
};
static const ui_list_col person_cols[] = {
	{ N_("Name"), 8, 14 },
	{ N_("ID number"), 18, 18 },
	{ N_("Attended"), 6, 8 },
	{ N_("Satisfaction"), 6, 0 },
};

static const char *counsel_title(const ui_screen *s)
{
	(void)s;
	return _("Counselling");
}

static const char *counsel_action_name(const ui_screen *s, ui_action a)
{
	const counsel_state *st = s->data;

	switch (a) {
	case UI_ACT_NEW:
		return st && svc_form_on_people(&st->sf) ? _("Enrol") : _("Add");
	case UI_ACT_SAVE:
		return st && svc_form_on_people(&st->sf) ? _("Attendance") : _("Save");
	case UI_ACT_CANCEL:
		return _("Back");
	case UI_ACT_CHOICES:
		return _("Members");
	default:
		return NULL;
	}
}

static bool month_short(const counsel_state *st, const char *date)
{
	int m = atoi(date + 5);
	return m >= 1 && m <= 12 && st->months[m - 1].short_of_policy;
}

static void act_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	counsel_state *st = ctx;
	const db_counsel_row *r = &st->rows[row];

	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->held_on);
		break;
	case 1:
		snprintf(buf, len, "%s", r->topic);
		break;
	case 2:
		snprintf(buf, len, "%s", r->counsellor);
		break;
	case 3:
		snprintf(buf, len, "%s", r->place);
		break;
	case 4:
		snprintf(buf, len, "%d/%d", r->enrolled, r->capacity);
		break;
	default:
		snprintf(buf, len, "%d", r->attended);
		break;
	}
}

static bool act_marked(void *ctx, size_t row)
{
	counsel_state *st = ctx;
	return month_short(st, st->rows[row].held_on);
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
		snprintf(buf, len, "%s", r->attended ? _("yes") : _("no"));
		break;
	default:
		if (r->satisfaction > 0)
			snprintf(buf, len, "%d", r->satisfaction);
		else
			snprintf(buf, len, "-");
		break;
	}
}

static const ui_list_ops act_ops = { .cell = act_cell, .marked = act_marked };

static void load(counsel_state *st)
{
	db_err e;
	int y = svc_form_year(&st->sf);

	if (!y)
		return;
	st->y = y;
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!db_counsel_months(st->app->conn, y, st->months, &e) ||
	    !db_counsel_list(st->app->conn, y, &st->rows, &st->n, &e))
		ui_app_message(st->app, true, _("The activities could not be read: %s"), e.message);
	ui_list_set_rows(&st->sf.list, st->n, st->sf.list.cursor);
}

/* Participants (kind "in") or eligible plan members not enrolled ("out"). */
static bool load_persons(void *ctx, bool enrolled, void **out, size_t *n)
{
	counsel_state *st = ctx;
	person_row *rows = NULL;
	db_err e;
	bool ok = db_counsel_people(st->app->conn, st->rows[st->sf.list.cursor].id, enrolled, &rows, n, &e);

	*out = rows;
	if (!ok)
		ui_app_message(st->app, true, _("The participants could not be read: %s"), e.message);
	return ok;
}

/* The attendance fields show the participant under the cursor. */
static void show_participant(enrol_view *v, const void *row)
{
	char s[16] = "";
	const person_row *r = row;

	if (r && r->satisfaction > 0)
		snprintf(s, sizeof s, "%d", r->satisfaction);
	lineedit_set_utf8(&v->p[ENROL_F1], r ? (r->attended ? _("yes") : _("no")) : "");
	lineedit_set_utf8(&v->p[ENROL_F2], s);
}

static void draw_months(counsel_state *st, int y, int x)
{
	char cell[32];

	for (int i = 0; i < 12; i++) {
		const db_counsel_month *m = &st->months[i];
		snprintf(cell, sizeof cell, _("%02d mo %d%s"), i + 1, m->activities, m->short_of_policy ? "!" : " ");
		ui_put(stdscr, y + i / 6, x + (i % 6) * 13, cell, 12, m->short_of_policy ? A_BOLD : A_NORMAL);
	}
}

static void counsel_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	counsel_state *st = s->data;
	int y = r.y, x = r.x + 1;
	char line[256];

	(void)app;
	*cy = *cx = -1;
	svc_form_draw_year(&st->sf, r);
	snprintf(line, sizeof line, _("! = fewer activities than the policy's %d a month"),
		 st->months[0].required);
	ui_put(stdscr, y, x + 14, line, r.w - 16, A_NORMAL);
	draw_months(st, y + 1, x);
	y += 4;
	s->more = svc_form_draw(&st->sf, r, y, cy, cx);
}

static bool save_activity(void *ctx)
{
	counsel_state *st = ctx;
	char *t[C_COUNT], date[11] = "", counsellor[128], place[256], topic[256];
	valid_day d;
	int cap = 0;
	bool ok = true;
	long long id = 0;
	db_err e;

	for (int i = 0; i < C_COUNT; i++) {
		t[i] = lineedit_get_utf8(&st->sf.f[i]);
		st->sf.ferr[i][0] = '\0';
	}
	if (valid_date(t[C_DATE] ? t[C_DATE] : "", NULL, NULL, &d, st->sf.ferr[C_DATE], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	else
		snprintf(date, sizeof date, "%04d-%02d-%02d", d.y, d.m, d.d);
	if (valid_text_required(t[C_COUNSELLOR] ? t[C_COUNSELLOR] : "", 30, counsellor, sizeof counsellor,
				st->sf.ferr[C_COUNSELLOR], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (valid_text_required(t[C_PLACE] ? t[C_PLACE] : "", 60, place, sizeof place, st->sf.ferr[C_PLACE],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	cap = t[C_CAPACITY] ? atoi(t[C_CAPACITY]) : 0;
	if (cap < 1 || cap > 500) {
		snprintf(st->sf.ferr[C_CAPACITY], VALID_MSG_SIZE, "%s", _("1 to 500 people"));
		ok = false;
	}
	if (valid_text_required(t[C_TOPIC] ? t[C_TOPIC] : "", 60, topic, sizeof topic, st->sf.ferr[C_TOPIC],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	for (int i = 0; i < C_COUNT; i++)
		free(t[i]);
	if (!ok)
		return svc_form_refused(&st->sf);
	if (!db_counsel_add(st->app->conn, 0, date, counsellor, place, cap, topic, &id, &e)) {
		ui_app_message(st->app, true, _("The activity was not saved: %s"), e.message);
		return false;
	}
	ui_app_message(st->app, false, _("Activity of %s saved."), date);
	lineedit_set_utf8(&st->sf.year, (char[5]){ date[0], date[1], date[2], date[3], '\0' });
	load(st);
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id)
			ui_list_set_rows(&st->sf.list, st->n, i);
	return true;
}

/* The database's refusal in plain words. */
static const char *plain(const db_err *e)
{
	if (strcmp(e->sqlstate, "JZ034") == 0)
		return _("the activity is full");
	if (strcmp(e->sqlstate, "JZ033") == 0)
		return _("not a member of an active plan with counselling");
	if (strcmp(e->sqlstate, "23505") == 0)
		return _("already enrolled");
	return e->message;
}

static bool enrol(void *ctx, long long pid, const char *name, char *err, size_t len)
{
	counsel_state *st = ctx;
	db_err e;

	if (!db_counsel_enrol(st->app->conn, st->rows[st->sf.list.cursor].id, pid, &e)) {
		snprintf(err, len, "%.250s", plain(&e));
		return false;
	}
	ui_app_message(st->app, false, _("%s enrolled."), name);
	return true;
}

static enum enrol_saved save_attendance(void *ctx, enrol_view *v, const void *row, bool att, db_err *e)
{
	counsel_state *st = ctx;
	const person_row *r = row;
	char *s = lineedit_get_utf8(&v->p[ENROL_F2]);
	int sat = s && s[0] ? atoi(s) : 0;
	enum enrol_saved res = ENROL_INVALID;

	const db_counsel_row *a = &st->rows[st->sf.list.cursor];

	if ((att || (s && s[0])) && !a->held) {
		/* said before the database's JZ036 (0144), with the day */
		db_err_set(e, DB_ERR_OTHER, _("the activity is on %s: attendance and satisfaction are recorded from that day."),
			   a->held_on);
		res = ENROL_FAILED;
	} else if (s && s[0] && (sat < 1 || sat > 5))
		snprintf(v->perr[ENROL_F2], VALID_MSG_SIZE, "%s", _("1 to 5"));
	else if (sat > 0 && !att)
		snprintf(v->perr[ENROL_F2], VALID_MSG_SIZE, "%s", _("only who attended answers"));
	else if (!db_counsel_attend(st->app->conn, st->rows[st->sf.list.cursor].id, r->id, att, sat, e))
		res = ENROL_FAILED;
	else {
		ui_app_message(st->app, false, _("Attendance of %s saved."), r->name);
		res = ENROL_SAVED;
	}
	free(s);
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
	.kind2 = LINEEDIT_DIGITS,
	.width2 = 2,
	.max2 = 1,
	.label1 = N_("Attended"),
	.label2 = N_("Satisfaction 1-5"),
	.label2_width = 16,
	.field2_x = 40,
	.pick_title = N_("Plan members with counselling (Enter picks):"),
	.pick_none = N_("No other plan member has counselling in the plan."),
	.load = load_persons,
	.cell = person_cell,
	.show = show_participant,
	.enrol = enrol,
	.save = save_attendance,
	.changed = changed,
};

static void heading(void *ctx, char *line, size_t len)
{
	counsel_state *st = ctx;
	const db_counsel_row *a = &st->rows[st->sf.list.cursor];

	snprintf(line, len, _("%s %s: %d of %d places taken"), a->held_on, a->topic,
		 (int)st->sf.view.npeople, a->capacity);
}

static const svc_form_spec counsel_spec = {
	.cols = act_cols,
	.ncols = (int)(sizeof act_cols / sizeof act_cols[0]),
	.ops = &act_ops,
	.people = &people_spec,
	.none = N_("No activities this year: F6 adds one."),
	.form_title = N_("New counselling activity"),
	.labels = { N_("Date"), N_("Counsellor"), N_("Venue"), N_("Capacity"), N_("Topic") },
	.kinds = { LINEEDIT_DATE, LINEEDIT_TEXT, LINEEDIT_TEXT, LINEEDIT_DIGITS, LINEEDIT_TEXT },
	.widths = { 12, 20, 40, 5, 40 },
	.maxc = { 12, 30, 60, 3, 60 },
	.load = changed,
	.save = save_activity,
	.heading = heading,
};

static bool counsel_open(ui_screen *s, ui_app *app, void *arg)
{
	counsel_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	svc_form_init(&st->sf, &counsel_spec, app, st);
	s->data = st;
	if (app->conn)
		load(st);
	return true;
}

static void counsel_close(ui_screen *s, ui_app *app)
{
	counsel_state *st = s->data;

	(void)app;
	if (!st)
		return;
	svc_form_finish(&st->sf);
	free(st->rows);
	free(st);
	s->data = NULL;
}

static ui_result counsel_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	counsel_state *st = s->data;
	return svc_form_key(&st->sf, app, k, a);
}

static bool counsel_applies(const ui_screen *s, ui_action a)
{
	const counsel_state *st = s->data;
	return !st || svc_form_applies(&st->sf, a);
}

const ui_screen_ops ui_counsel_screen = {
	.id = "counselling",
	.actions = counsel_actions,
	.title = counsel_title,
	.open = counsel_open,
	.draw = counsel_draw,
	.key = counsel_key,
	.close = counsel_close,
	.save = NULL,
	.action_name = counsel_action_name,
	.applies = counsel_applies,
};
