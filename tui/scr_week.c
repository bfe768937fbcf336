/* scr_week.c - the week grid of a volunteer or a recipient: 7 days across,
 * the hours 08:00-20:00 down, each visit by the other party's name fitted by
 * display width. Keys on the cell under the cursor: F6 books (a recipient's
 * grid: the first free volunteer of the area, the usual one first), m picks
 * a visit up and m again puts it down at the cursor (move), c cancels, d
 * logs it done (the booked time, or hours typed: "1.5"), x logs it missed
 * with a reason typed. The database refuses what breaks a rule and the
 * message line says why. */
#include "volunteer_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "frame.h"
#include "i18n.h"
#include "list_layout.h"
#include "valid.h"
#include "volunteer.h"

enum { FIRST_HOUR = 8, HOURS = 12 };

typedef struct week_state {
	ui_week_arg arg;
	db_visit *v;
	size_t n;
	int day, hour;            /* the cursor */
	long long moving;         /* visit picked up with m, 0 none */
	int moving_version, moving_len;
	char prompt_kind;         /* 'x' reason or 'd' hours being typed, 0 none */
	long long cancel_armed;   /* c pressed once on this visit: a second c cancels it */
	char input[200];
	ui_app *app;
} week_state;

static const ui_action week_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_CANCEL,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_NONE,
};

static const char *week_title(const ui_screen *s)
{
	const week_state *st = s->data;
	return st && st->arg.volunteer_id ? _("Volunteer's week") : _("Recipient's week");
}

static const char *week_action_name(const ui_screen *s, ui_action a)
{
	const week_state *st = s->data;

	switch (a) {
	case UI_ACT_NEW:
		return _("Book");
	case UI_ACT_CANCEL:
		/* F12 drops the typed hours or reason, or the move: 取消 there */
		return st && (st->prompt_kind || st->moving) ? NULL : _("Back");
	default:
		return NULL;
	}
}

static void load(week_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	free(st->v);
	st->v = NULL;
	st->n = 0;
	if (!db_visits_week(st->app->conn, st->arg.monday, st->arg.volunteer_id, st->arg.recipient_id,
			    &st->v, &st->n, &err))
		ui_app_message(st->app, true, _("The visits could not be read: %s"), err.message);
}

static bool week_open(ui_screen *s, ui_app *app, void *arg)
{
	week_state *st = calloc(1, sizeof *st);
	if (!st || !arg) {
		free(st);
		return false;
	}
	st->arg = *(const ui_week_arg *)arg;
	st->app = app;
	st->hour = 1;   /* 09:00 */
	s->data = st;
	load(st);
	return true;
}

static void week_close(ui_screen *s, ui_app *app)
{
	week_state *st = s->data;
	(void)app;
	if (!st)
		return;
	free(st->v);
	free(st);
	s->data = NULL;
}

/* The visit covering the cursor's hour, or NULL. */
static db_visit *at_cursor(week_state *st)
{
	int m = (FIRST_HOUR + st->hour) * 60;
	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].day == st->day && st->v[i].start < m + 60 && st->v[i].end > m)
			return &st->v[i];
	return NULL;
}

static void week_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	week_state *st = s->data;
	char line[300], cell[200];
	int colw = (r.w - 7) / 7;
	(void)app;
	if (colw > 14)
		colw = 14;
	snprintf(line, sizeof line, _("%s, week of %s"), st->arg.name, st->arg.monday);
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_BOLD);
	for (int d = 0; d < 7; d++)
		ui_put(stdscr, r.y + 1, r.x + 7 + d * colw, ui_weekday_name(d), colw - 1, A_UNDERLINE);
	for (int h = 0; h < HOURS && r.y + 2 + h < r.y + r.h - 1; h++) {
		int y = r.y + 2 + h;
		snprintf(line, sizeof line, "%02d:00", FIRST_HOUR + h);
		ui_put(stdscr, y, r.x + 1, line, 5, A_NORMAL);
		for (int d = 0; d < 7; d++) {
			int m = (FIRST_HOUR + h) * 60;
			const db_visit *v = NULL;
			for (size_t i = 0; i < st->n && !v; i++)
				if (st->v[i].day == d && st->v[i].start < m + 60 && st->v[i].end > m)
					v = &st->v[i];
			if (v) {
				const char *mark = strcmp(v->status, "done") == 0 ? "+"
						 : strcmp(v->status, "missed") == 0 ? "x" : "";
				snprintf(line, sizeof line, "%s%s", mark,
					 st->arg.volunteer_id ? v->recipient : v->volunteer);
			} else {
				snprintf(line, sizeof line, "%s", "·");
			}
			ui_list_fit(line, colw - 1, cell, sizeof cell);
			attr_t at = d == st->day && h == st->hour ? A_REVERSE : A_NORMAL;
			if (v && v->id == st->moving)
				at |= A_BOLD;
			ui_put(stdscr, y, r.x + 7 + d * colw, cell, colw - 1, at);
		}
	}
	int y = r.y + r.h - 1;
	if (st->prompt_kind) {
		snprintf(line, sizeof line, "%s %s",
			 st->prompt_kind == 'x' ? _("Reason missed:") : _("Hours done (Enter: as booked):"),
			 st->input);
		ui_put(stdscr, y, r.x + 1, line, r.w - 2, A_BOLD);
		*cy = y;
		*cx = r.x + 1 + ui_text_width(line);
		return;
	}
	ui_put(stdscr, y, r.x + 1,
	       st->moving ? _("Move the cursor to the new time and press m; Esc leaves it where it was.")
			  : _("F6 book  m move  c cancel  d done  x missed  < > week  (+ done, x missed)"),
	       r.w - 2, A_NORMAL);
}

static void report(week_state *st, bool okay, const db_err *err, const char *done)
{
	if (okay)
		ui_app_message(st->app, false, "%s", done);
	else
		ui_app_message(st->app, true, "%s", err->message);
	load(st);
}

/* The hours typed ("1.5", full-width "１．５"): minutes, or -1 when it is no
 * number of hours from 0.01 to 12 with at most two decimals ("1,5" too: it
 * was read as 1 hour, silently). */
static int typed_minutes(const char *typed)
{
	char a[32];
	const char *p = a;
	int whole = 0, frac = 0, scale = 100, digits = 0;

	if (valid_fold_ascii(typed, a, sizeof a, NULL, NULL) != VALID_OK)
		return -1;
	for (; *p >= '0' && *p <= '9' && whole <= 1200; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && scale > 1; p++, digits++)
			frac += (*p - '0') * (scale /= 10);
	int hundredths = whole * 100 + frac;
	if (*p || digits == 0 || hundredths <= 0 || hundredths > 1200)
		return -1;
	return (hundredths * 60 + 50) / 100;
}

/* Nothing but spaces (an input method's full-width one too). */
static bool blank(const char *s)
{
	char a[8];
	return valid_fold_ascii(s, a, sizeof a, NULL, NULL) == VALID_OK && a[0] == '\0';
}

/* Enter on the prompt: what is wrong with the typed reason or hours is
 * said and the prompt stays open with the text, as after a refusal (the
 * visit read again, so a second Enter tries on its new version); F12
 * drops it. */
static void finish_prompt(week_state *st)
{
	db_visit *v = at_cursor(st);
	db_err err;
	memset(&err, 0, sizeof err);
	bool done;

	if (!v) {
		st->prompt_kind = 0;
		return;
	}
	if (st->prompt_kind == 'x') {
		if (blank(st->input)) {
			ui_app_message(st->app, true, "%s", _("Type why the visit did not take place."));
			return;
		}
		done = db_visit_set_status(st->app->conn, v->id, v->version, "missed", 0, st->input, &err);
	} else {
		int minutes = st->input[0] ? typed_minutes(st->input) : v->end - v->start;
		if (minutes < 0) {
			ui_app_message(st->app, true, "%s",
				       _("Type the hours as a number from 0.01 to 12, e.g. 1.5"));
			return;
		}
		done = db_visit_set_status(st->app->conn, v->id, v->version, "done", minutes, NULL, &err);
	}
	char kind = st->prompt_kind;
	if (done)
		st->prompt_kind = 0;
	report(st, done, &err, kind == 'x' ? _("Logged as missed.") : _("Logged as done."));
}

static ui_result prompt_key(week_state *st, ui_key k, ui_action a)
{
	size_t len = strlen(st->input);
	if (a == UI_ACT_CANCEL) {
		st->prompt_kind = 0;
		return UI_HANDLED;
	}
	if (k.code && k.ch == KEY_BACKSPACE) {
		while (len > 0 && ((unsigned char)st->input[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		st->input[len] = '\0';
		return UI_HANDLED;
	}
	if (!k.code && (k.ch == L'\r' || k.ch == L'\n' || k.ch == KEY_ENTER)) {
		finish_prompt(st);
		return UI_HANDLED;
	}
	if (!k.code && (k.ch == 127 || k.ch == 8)) {
		ui_key b = { .code = true, .ch = KEY_BACKSPACE };
		return prompt_key(st, b, UI_ACT_NONE);
	}
	if (!k.code && k.ch >= 32) {
		char mb[8];
		mbstate_t ps;
		memset(&ps, 0, sizeof ps);
		size_t m = wcrtomb(mb, (wchar_t)k.ch, &ps);
		if (m != (size_t)-1 && len + m < sizeof st->input) {
			memcpy(st->input + len, mb, m);
			st->input[len + m] = '\0';
		}
	}
	return UI_HANDLED;
}

static ui_result week_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	week_state *st = s->data;
	db_err err;
	memset(&err, 0, sizeof err);

	if (st->prompt_kind)
		return prompt_key(st, k, a);
	/* a cancel is asked about once; any other key forgets the question */
	long long armed = st->cancel_armed;
	if (a != UI_ACT_HELP)
		st->cancel_armed = 0;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		if (st->moving)
			st->moving = 0;
		else
			ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st);
		return UI_HANDLED;
	case UI_ACT_UP:
		if (st->hour > 0)
			st->hour--;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->hour + 1 < HOURS)
			st->hour++;
		return UI_HANDLED;
	case UI_ACT_NEW: {
		if (st->moving) {
			ui_app_message(app, true, "%s", _("A visit is being moved: press m at its new time, or Esc."));
			return UI_HANDLED;
		}
		if (!st->arg.recipient_id) {
			ui_app_message(app, true, "%s", _("Book from the recipient's week (coverage, Enter)."));
			return UI_HANDLED;
		}
		int m = (FIRST_HOUR + st->hour) * 60;
		report(st, db_visit_book(app->conn, st->arg.recipient_id, 0, st->arg.monday, st->day, m, m + 60, &err),
		       &err, _("Visit booked."));
		return UI_HANDLED;
	}
	default:
		break;
	}
	if (k.code && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		st->day = (st->day + (k.ch == KEY_LEFT ? 6 : 1)) % 7;
		return UI_HANDLED;
	}
	if (k.code)
		return UI_UNHANDLED;
	db_visit *v = at_cursor(st);
	if (!v && !st->moving && (k.ch == L'm' || k.ch == L'c' || k.ch == L'd' || k.ch == L'x')) {
		ui_app_message(app, true, "%s", _("There is no visit at this hour."));
		return UI_HANDLED;
	}
	switch (k.ch) {
	case L'm':
		if (st->moving) {
			int m = (FIRST_HOUR + st->hour) * 60;
			long long id = st->moving;
			st->moving = 0;
			report(st, db_visit_move(app->conn, id, st->moving_version, st->arg.monday, st->day, m,
						 m + st->moving_len, &err), &err, _("Visit moved."));
		} else if (v && strcmp(v->status, "planned") == 0) {
			st->moving = v->id;
			st->moving_version = v->version;
			st->moving_len = v->end - v->start;
			ui_app_clear_message(app);   /* the hint line says what to do now */
		} else {
			ui_app_message(app, true, "%s", _("Only a planned visit can be moved."));
		}
		return UI_HANDLED;
	case L'c':
		/* one key would undo a booking with no way back: asked first */
		if (v && armed == v->id) {
			report(st, db_visit_set_status(app->conn, v->id, v->version, "cancelled", 0, NULL, &err),
			       &err, _("Visit cancelled."));
		} else if (v) {
			st->cancel_armed = v->id;
			ui_app_message(app, false, "%s",
				       _("Press c again to cancel this visit; any other key keeps it."));
		}
		return UI_HANDLED;
	case L'd':
	case L'x':
		/* hours are logged for a visit that has taken place, not ahead */
		if (v && !v->started) {
			ui_app_message(app, true, "%s",
				       _("This visit has not started yet: log it as done or missed once it has."));
		} else if (v) {
			st->prompt_kind = (char)k.ch;
			st->input[0] = '\0';
			ui_app_clear_message(app);  /* the last one was about something else */
		}
		return UI_HANDLED;
	case L'<':
	case L'>': {
		/* the Monday a week before or after, by the database's calendar */
		char day[48];
		int y, mo, d;
		if (sscanf(st->arg.monday, "%d-%d-%d", &y, &mo, &d) == 3) {
			struct tm t = { .tm_year = y - 1900, .tm_mon = mo - 1,
					.tm_mday = d + (k.ch == L'<' ? -7 : 7), .tm_hour = 12, .tm_isdst = -1 };
			mktime(&t);
			snprintf(day, sizeof day, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
			db_week_monday(app->conn, day, st->arg.monday, &err);
			load(st);
		}
		return UI_HANDLED;
	}
	default:
		return UI_UNHANDLED;
	}
}

/* While the hours or the reason is typed only Enter, F12 and help act. */
static bool week_applies(const ui_screen *s, ui_action a)
{
	const week_state *st = s->data;

	if (!st)
		return true;
	if (st->moving)   /* m drops it, Esc leaves it: nothing is booked meanwhile */
		return a != UI_ACT_NEW;
	if (!st->prompt_kind)
		return true;
	return a == UI_ACT_HELP || a == UI_ACT_EXIT || a == UI_ACT_CANCEL;
}

const ui_screen_ops ui_week_screen = {
	.id = "week",
	.actions = week_actions,
	.title = week_title,
	.open = week_open,
	.draw = week_draw,
	.key = week_key,
	.close = week_close,
	.save = NULL,
	.action_name = week_action_name,
	.applies = week_applies,
};
