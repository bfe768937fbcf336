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
#include <time.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "services.h"
#include "valid.h"

enum { C_DATE, C_COUNSELLOR, C_PLACE, C_CAPACITY, C_TOPIC, C_COUNT };
enum { P_ID, P_ATTEND, P_SAT, P_COUNT };
enum mode { M_LIST, M_FORM, M_PEOPLE, M_PICK };

typedef db_counsel_person person_row;

typedef struct counsel_state {
	ui_app *app;
	enum mode mode;
	lineedit year;
	int y;
	db_counsel_month months[12];
	db_counsel_row *rows;
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
	{ N_("Place"), 8, 14 },
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
		return st && st->mode == M_PEOPLE ? _("Enrol") : _("Add");
	case UI_ACT_SAVE:
		return st && st->mode == M_PEOPLE ? _("Attendance") : _("Save");
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

static void people_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	person_cell_of(&((counsel_state *)ctx)->people[row], col, buf, len);
}

static void pick_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	if (col >= 2)
		snprintf(buf, len, "%s", "");
	else
		person_cell_of(&((counsel_state *)ctx)->pick[row], col, buf, len);
}

static const ui_list_ops act_ops = { .cell = act_cell, .marked = act_marked };
static const ui_list_ops people_ops = { .cell = people_cell };
static const ui_list_ops pick_ops = { .cell = pick_cell };

static void load(counsel_state *st)
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
	if (!db_counsel_months(st->app->conn, y, st->months, &e) ||
	    !db_counsel_list(st->app->conn, y, &st->rows, &st->n, &e))
		ui_app_message(st->app, true, _("The activities could not be read: %s"), e.message);
	ui_list_set_rows(&st->list, st->n, st->list.cursor);
}

/* Participants (kind "in") or eligible plan members not enrolled ("out"). */
static bool load_persons(counsel_state *st, bool enrolled, person_row **out, size_t *n)
{
	db_err e;

	free(*out);
	*out = NULL;
	*n = 0;
	if (!db_counsel_people(st->app->conn, st->rows[st->list.cursor].id, enrolled, out, n, &e)) {
		ui_app_message(st->app, true, _("The participants could not be read: %s"), e.message);
		return false;
	}
	return true;
}

/* The attendance fields show the participant under the cursor. */
static void show_participant(counsel_state *st)
{
	char s[16] = "";
	const person_row *r = st->npeople ? &st->people[st->plist.cursor] : NULL;

	if (r && r->satisfaction > 0)
		snprintf(s, sizeof s, "%d", r->satisfaction);
	lineedit_set_utf8(&st->p[P_ATTEND], r ? (r->attended ? _("yes") : _("no")) : "");
	lineedit_set_utf8(&st->p[P_SAT], s);
	st->perr[P_ATTEND][0] = st->perr[P_SAT][0] = '\0';
}

static void load_people(counsel_state *st)
{
	load_persons(st, true, &st->people, &st->npeople);
	ui_list_set_rows(&st->plist, st->npeople, st->plist.cursor);
	show_participant(st);
}

static bool counsel_open(ui_screen *s, ui_app *app, void *arg)
{
	counsel_state *st = calloc(1, sizeof *st);
	char y[16];
	time_t now = time(NULL);
	struct tm tm;
	static const int widths[C_COUNT] = { 12, 20, 40, 5, 40 };
	static const size_t maxc[C_COUNT] = { 12, 30, 60, 3, 60 };

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	localtime_r(&now, &tm);
	snprintf(y, sizeof y, "%04d", tm.tm_year + 1900);
	lineedit_init(&st->year, LINEEDIT_DIGITS, 5, 4, 0);
	lineedit_set_utf8(&st->year, y);
	for (int i = 0; i < C_COUNT; i++)
		lineedit_init(&st->f[i], i == C_DATE ? LINEEDIT_DATE : i == C_CAPACITY ? LINEEDIT_DIGITS : LINEEDIT_TEXT,
			      widths[i], maxc[i], 0);
	lineedit_init(&st->p[P_ID], LINEEDIT_IDNUM, 19, 18, 0);
	lineedit_init(&st->p[P_ATTEND], LINEEDIT_TEXT, 4, 3, 0);
	lineedit_init(&st->p[P_SAT], LINEEDIT_DIGITS, 2, 1, 0);
	ui_list_init(&st->list, act_cols, (int)(sizeof act_cols / sizeof act_cols[0]), &act_ops, st);
	ui_list_init(&st->plist, person_cols, (int)(sizeof person_cols / sizeof person_cols[0]), &people_ops, st);
	ui_list_init(&st->klist, person_cols, 2, &pick_ops, st);
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
	ui_rect lr;

	(void)app;
	*cy = *cx = -1;
	s->more = UI_MORE_NONE;
	ui_put(stdscr, y, x, _("Year"), 8, A_NORMAL);
	ui_field_draw(stdscr, y, x + 6, &st->year, st->mode == M_LIST);
	snprintf(line, sizeof line, _("! = fewer activities than the policy's %d a month"),
		 st->months[0].required);
	ui_put(stdscr, y, x + 14, line, r.w - 16, A_NORMAL);
	draw_months(st, y + 1, x);
	y += 4;
	lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
	switch (st->mode) {
	case M_LIST:
		if (st->n == 0)
			ui_put(stdscr, y + 1, x, _("No activities this year: F6 adds one."), r.w - 2, A_NORMAL);
		else
			s->more = ui_list_draw(&st->list, lr, cy, cx);
		ui_field_place_cursor(stdscr, r.y, x + 6, &st->year);
		getyx(stdscr, *cy, *cx);
		break;
	case M_FORM: {
		static const char *labels[C_COUNT] = { N_("Date"), N_("Counsellor"), N_("Place"), N_("Capacity"),
						       N_("Topic") };
		ui_put(stdscr, y++, x, _("New counselling activity"), r.w - 2, A_BOLD);
		for (int i = 0; i < C_COUNT; i++)
			form_line(y + i, x, r.w, _(labels[i]), &st->f[i], st->focus == i, st->ferr[i]);
		ui_field_place_cursor(stdscr, y + st->focus, x + 14, &st->f[st->focus]);
		getyx(stdscr, *cy, *cx);
		break;
	}
	case M_PEOPLE:
	case M_PICK: {
		const db_counsel_row *a = &st->rows[st->list.cursor];
		snprintf(line, sizeof line, _("%s %s: %d of %d places taken"), a->held_on, a->topic,
			 (int)st->npeople, a->capacity);
		ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
		form_line(y, x, r.w, _("Enrol ID no."), &st->p[P_ID], st->mode == M_PEOPLE && st->pfocus == P_ID,
			  st->perr[P_ID]);
		y++;
		if (st->mode == M_PEOPLE) {
			form_line(y, x, 40, _("Attended"), &st->p[P_ATTEND], st->pfocus == P_ATTEND, st->perr[P_ATTEND]);
			ui_put(stdscr, y, x + 22, _("Satisfaction 1-5"), 16, A_NORMAL);
			ui_field_draw(stdscr, y, x + 40, &st->p[P_SAT], st->pfocus == P_SAT);
			if (st->perr[P_SAT][0])
				ui_put(stdscr, y, x + 43, st->perr[P_SAT], r.w - 45, A_BOLD);
			y++;
			lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
			s->more = ui_list_draw(&st->plist, lr, cy, cx);
			{
				int fx = st->pfocus == P_ID ? x + 14 : st->pfocus == P_ATTEND ? x + 14 : x + 40;
				int fy = st->pfocus == P_ID ? y - 2 : y - 1;
				ui_field_place_cursor(stdscr, fy, fx, &st->p[st->pfocus]);
				getyx(stdscr, *cy, *cx);
			}
		} else {
			ui_put(stdscr, y++, x, _("Plan members with counselling (Enter picks):"), r.w - 2, A_NORMAL);
			lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
			s->more = ui_list_draw(&st->klist, lr, cy, cx);
		}
		break;
	}
	}
}

static bool save_activity(counsel_state *st)
{
	char *t[C_COUNT], date[11] = "", counsellor[128], place[256], topic[256];
	valid_day d;
	int cap = 0;
	bool ok = true;
	long long id = 0;
	db_err e;

	for (int i = 0; i < C_COUNT; i++) {
		t[i] = lineedit_get_utf8(&st->f[i]);
		st->ferr[i][0] = '\0';
	}
	if (valid_date(t[C_DATE] ? t[C_DATE] : "", NULL, NULL, &d, st->ferr[C_DATE], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	else
		snprintf(date, sizeof date, "%04d-%02d-%02d", d.y, d.m, d.d);
	if (valid_text_required(t[C_COUNSELLOR] ? t[C_COUNSELLOR] : "", 30, counsellor, sizeof counsellor,
				st->ferr[C_COUNSELLOR], VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	if (valid_text_required(t[C_PLACE] ? t[C_PLACE] : "", 60, place, sizeof place, st->ferr[C_PLACE],
				VALID_MSG_SIZE) != VALID_OK)
		ok = false;
	cap = t[C_CAPACITY] ? atoi(t[C_CAPACITY]) : 0;
	if (cap < 1 || cap > 500) {
		snprintf(st->ferr[C_CAPACITY], VALID_MSG_SIZE, "%s", _("1 to 500 people"));
		ok = false;
	}
	if (valid_text_required(t[C_TOPIC] ? t[C_TOPIC] : "", 60, topic, sizeof topic, st->ferr[C_TOPIC],
				VALID_MSG_SIZE) != VALID_OK)
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
	if (!db_counsel_add(st->app->conn, 0, date, counsellor, place, cap, topic, &id, &e)) {
		ui_app_message(st->app, true, _("The activity was not saved: %s"), e.message);
		return false;
	}
	ui_app_message(st->app, false, _("Activity of %s saved."), date);
	lineedit_set_utf8(&st->year, (char[5]){ date[0], date[1], date[2], date[3], '\0' });
	load(st);
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id)
			ui_list_set_rows(&st->list, st->n, i);
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

static void enrol(counsel_state *st)
{
	char *t = lineedit_get_utf8(&st->p[P_ID]), name[96];
	long long pid = 0;
	db_err e;

	st->perr[P_ID][0] = '\0';
	st->pfocus = P_ID;
	if (!t || !db_service_person(st->app->conn, t, &pid, name, sizeof name, &e) || pid == 0) {
		snprintf(st->perr[P_ID], VALID_MSG_SIZE, "%s", _("no person with this ID number in your communities"));
	} else if (!db_counsel_enrol(st->app->conn, st->rows[st->list.cursor].id, pid, &e)) {
		snprintf(st->perr[P_ID], VALID_MSG_SIZE, "%.250s", plain(&e));
	} else {
		ui_app_message(st->app, false, _("%s enrolled."), name);
		lineedit_set_utf8(&st->p[P_ID], "");
		load_people(st);
		load(st);
	}
	if (st->perr[P_ID][0])
		ui_app_message(st->app, true, _("Not enrolled: %s."), st->perr[P_ID]);
	free(t);
}

static void save_attendance(counsel_state *st)
{
	char *a = lineedit_get_utf8(&st->p[P_ATTEND]), *s = lineedit_get_utf8(&st->p[P_SAT]);
	bool att = false, ok = true;
	int sat = s && s[0] ? atoi(s) : 0;
	db_err e;

	st->perr[P_ATTEND][0] = st->perr[P_SAT][0] = '\0';
	if (st->npeople == 0) {
		ui_app_message(st->app, true, "%s", _("Nobody is enrolled yet."));
		goto out;
	}
	if (a && (strcmp(a, _("yes")) == 0 || strcmp(a, "y") == 0 || strcmp(a, "1") == 0))
		att = true;
	else if (!a || !(strcmp(a, _("no")) == 0 || strcmp(a, "n") == 0 || strcmp(a, "0") == 0)) {
		snprintf(st->perr[P_ATTEND], VALID_MSG_SIZE, "%s", _("yes or no"));
		st->pfocus = P_ATTEND;
		ok = false;
	}
	if (ok && s && s[0] && (sat < 1 || sat > 5)) {
		snprintf(st->perr[P_SAT], VALID_MSG_SIZE, "%s", _("1 to 5"));
		st->pfocus = P_SAT;
		ok = false;
	} else if (ok && sat > 0 && !att) {
		snprintf(st->perr[P_SAT], VALID_MSG_SIZE, "%s", _("only who attended answers"));
		st->pfocus = P_SAT;
		ok = false;
	}
	if (!ok) {
		ui_app_message(st->app, true, "%s", _("Please correct the marked field; nothing was saved."));
		goto out;
	}
	if (!db_counsel_attend(st->app->conn, st->rows[st->list.cursor].id, st->people[st->plist.cursor].id, att,
			       sat, &e)) {
		ui_app_message(st->app, true, _("Not saved: %s"), e.message);
		goto out;
	}
	ui_app_message(st->app, false, _("Attendance of %s saved."), st->people[st->plist.cursor].name);
	load_people(st);
	load(st);
out:
	free(a);
	free(s);
}

static ui_result edit(lineedit *le, ui_key k)
{
	lineedit_result r = ui_field_key(le, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

static ui_result key_list(counsel_state *st, ui_app *app, ui_key k, ui_action a)
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

static ui_result key_form(counsel_state *st, ui_app *app, ui_key k, ui_action a)
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

static ui_result key_people(counsel_state *st, ui_app *app, ui_key k, ui_action a)
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
				ui_app_message(app, false, "%s", _("No other plan member has counselling in the plan."));
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

static ui_result key_pick(counsel_state *st, ui_app *app, ui_key k, ui_action a)
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

static ui_result counsel_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	counsel_state *st = s->data;

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
};
