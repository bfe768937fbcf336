/* scr_find.c - 查询申请 (DESIGN §1: "where is my application?"): the
 * receptionist types a name, an application number or the last 4+
 * characters of an ID number and sees the applications of her communities
 * in any state, newest first (db/find.h: row-level security applies). The
 * selected row's submission date, deadline, caseworker and - when it was returned - the
 * missing papers are shown under the list. Keyset paging forward by the
 * last row's key; a stack of page starts makes PgUp exact. */
#include "find_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "find.h"
#include "frame.h"
#include "i18n.h"
#include "intake.h"
#include "list.h"
#include "queue_ui.h"

enum { FOCUS_FIELD, FOCUS_LIST };

typedef struct find_state {
	lineedit f;
	int focus;
	char query[128];            /* the text searched for */
	db_find_row *rows;
	size_t n;
	char (*starts)[64];         /* after-key of every page before this one */
	size_t depth, cap;
	char after[64];             /* this page's after-key ("" first page) */
	ui_list list;
	ui_app *app;
	/* the missing papers of the selected row, when it was returned */
	long long missing_of;       /* application id they belong to, 0 none */
	bool missing_known;
	db_intake_missing *missing;
	size_t n_missing;
} find_state;

static const ui_action find_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_CANCEL, UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_NONE,
};

static const ui_list_col find_cols[] = {
	{ N_("Number"), 24, 24 },
	{ N_("Applicant"), 6, 12 },
	{ N_("ID number"), 18, 18 },
	{ N_("State"), 4, 8 },
	{ N_("Deadline"), 8, 0 },
};
#define N_COLS ((int)(sizeof find_cols / sizeof find_cols[0]))

static const char *find_title(const ui_screen *s)
{
	(void)s;
	return _("Find an application");
}

static const char *find_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_REFRESH:
		return _("Search");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

/* The clock runs only while the office owes an answer (state submitted). */
static void clock_text(const db_queue_row *r, bool long_form, char *buf, size_t len)
{
	buf[0] = '\0';
	if (strcmp(r->state, "submitted") == 0)
		ui_queue_clock_text(r, long_form, buf, len);
}

static void cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const find_state *st = ctx;
	const db_queue_row *r = &st->rows[row].q;

	switch (col) {
	case 0: snprintf(buf, len, "%s", r->number); break;
	case 1: snprintf(buf, len, "%s", r->applicant); break;
	case 2: snprintf(buf, len, "%s", r->id_masked); break;
	case 3: snprintf(buf, len, "%s", r->state_name); break;
	default: clock_text(r, false, buf, len); break;
	}
}

static bool marked(void *ctx, size_t row)
{
	const find_state *st = ctx;
	return strcmp(st->rows[row].q.state, "submitted") == 0 && st->rows[row].q.overdue;
}

/* Read the missing papers of the selected row when it is a returned one
 * and they are not read yet (painting only reads memory). */
static void sync_missing(find_state *st)
{
	const db_queue_row *r = st->n ? &st->rows[st->list.cursor].q : NULL;
	db_err err;

	if (!r || strcmp(r->state, "returned") != 0 || r->id == st->missing_of)
		return;
	db_intake_missing_free(st->missing);
	st->missing = NULL;
	st->n_missing = 0;
	st->missing_of = r->id;
	memset(&err, 0, sizeof err);
	st->missing_known = st->app->conn &&
		db_intake_missing_for_application(st->app->conn, r->id, &st->missing,
						  &st->n_missing, &err);
	if (st->app->conn && !st->missing_known)
		ui_app_message(st->app, true, _("The missing proofs could not be read: %s"),
			       err.message);
}

/* Load the page after `after`; on failure (or an empty later page) the rows
 * stay as they were. */
static bool fetch(find_state *st, const char *after, bool allow_empty)
{
	db_find_row *rows = NULL;
	size_t n = 0;
	db_err err;

	memset(&err, 0, sizeof err);
	if (!st->app->conn ||
	    !db_find_applications(st->app->conn, st->query, after, ui_list_page_rows(&st->list),
				  &rows, &n, &err)) {
		ui_app_message(st->app, true, _("The applications could not be read: %s"),
			       st->app->conn ? err.message : _("not connected"));
		return false;
	}
	if (n == 0 && !allow_empty) {
		free(rows);
		return false;
	}
	free(st->rows);
	st->rows = rows;
	st->n = n;
	snprintf(st->after, sizeof st->after, "%s", after);
	ui_list_set_rows(&st->list, n, 0);
	sync_missing(st);
	return true;
}

static bool page(void *ctx, int dir)
{
	find_state *st = ctx;
	char prev[64];

	if (dir > 0) {
		if (st->n == 0)
			return false;
		if (st->depth == st->cap) {
			size_t nc = st->cap ? st->cap * 2 : 16;
			char (*p)[64] = realloc(st->starts, nc * sizeof *p);
			if (!p)
				return false;
			st->starts = p;
			st->cap = nc;
		}
		snprintf(prev, sizeof prev, "%s", st->after);
		if (!fetch(st, st->rows[st->n - 1].q.key, false)) {
			ui_app_message(st->app, false, "%s", _("No older applications."));
			return false;
		}
		memcpy(st->starts[st->depth++], prev, sizeof prev);
		return true;
	}
	if (st->depth == 0)
		return false;
	if (!fetch(st, st->starts[st->depth - 1], true))
		return false;
	st->depth--;
	return true;
}

static const ui_list_ops find_list_ops = {
	.cell = cell,
	.marked = marked,
	.page = page,
	.filter = NULL,
	.sort = NULL,
};

static void search(find_state *st)
{
	char *s = lineedit_get_utf8(&st->f);
	const char *t = s ? s : "";

	t += strspn(t, " ");
	snprintf(st->query, sizeof st->query, "%s", t);
	free(s);
	if (!st->query[0]) {
		ui_app_message(st->app, true, "%s",
			       _("Type a name, an application number or the last 4 or more characters of an ID number."));
		return;
	}
	st->depth = 0;
	if (fetch(st, "", true)) {
		if (st->n == 0) {
			ui_app_message(st->app, false, _("No application of your communities matches %s."),
				       st->query);
		} else {
			ui_app_clear_message(st->app);
			st->focus = FOCUS_LIST;
		}
	}
}

static bool find_open(ui_screen *s, ui_app *app, void *arg)
{
	find_state *st = calloc(1, sizeof *st);
	(void)arg;
	if (!st)
		return false;
	st->app = app;
	lineedit_init(&st->f, LINEEDIT_TEXT, 30, 64, 0);
	ui_list_init(&st->list, find_cols, N_COLS, &find_list_ops, st);
	s->data = st;
	return true;
}

static void find_close(ui_screen *s, ui_app *app)
{
	find_state *st = s->data;
	(void)app;
	if (!st)
		return;
	lineedit_finish(&st->f);
	ui_list_finish(&st->list);
	db_intake_missing_free(st->missing);
	free(st->rows);
	free(st->starts);
	free(st);
	s->data = NULL;
}

/* The selected application's deadline, caseworker and missing papers. */
static void draw_selected(find_state *st, ui_rect r, int y)
{
	const db_find_row *f = &st->rows[st->list.cursor];
	const db_queue_row *q = &f->q;
	char line[512], clock[96];
	int x = r.x + 1, w = r.w - 2;

	clock_text(q, true, clock, sizeof clock);
	if (clock[0])
		snprintf(line, sizeof line, _("Notify by %s: %s"), q->notify_by, clock);
	else if (q->notify_by[0])
		snprintf(line, sizeof line, _("Notify by %s"), q->notify_by);
	else
		snprintf(line, sizeof line, "%s", _("No notification deadline."));
	ui_put(stdscr, y++, x, line, w, clock[0] && q->overdue ? A_BOLD | A_UNDERLINE : A_NORMAL);
	if (f->assigned_name[0])
		snprintf(line, sizeof line, _("Submitted on %s    Caseworker: %s    Community: %s"),
			 q->submitted, f->assigned_name, q->community);
	else
		snprintf(line, sizeof line, _("Submitted on %s    Caseworker: nobody yet    Community: %s"),
			 q->submitted, q->community);
	ui_put(stdscr, y++, x, line, w, A_NORMAL);
	if (strcmp(q->state, "returned") != 0 || st->missing_of != q->id)
		return;
	if (!st->missing_known) {
		ui_put(stdscr, y, x, _("Missing proofs: unknown (F5 reads them again)"), w, A_NORMAL);
		return;
	}
	if (st->n_missing == 0) {
		ui_put(stdscr, y, x, _("Every required proof is there."), w, A_NORMAL);
		return;
	}
	snprintf(line, sizeof line, _("Missing proofs (%zu):"), st->n_missing);
	int lw = ui_put(stdscr, y, x, line, w, A_BOLD);
	/* one line: the papers joined, cut by display width */
	int n = 0;
	line[0] = '\0';
	for (size_t i = 0; i < st->n_missing && n >= 0 && (size_t)n < sizeof line; i++) {
		const db_intake_missing *m = &st->missing[i];
		n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", i ? _("; ") : "", m->doc_name);
		if (m->person_name[0] && n >= 0 && (size_t)n < sizeof line)
			n += snprintf(line + n, sizeof line - (size_t)n, _(" (of %s)"), m->person_name);
	}
	ui_put(stdscr, y, x + lw + 1, line, w - lw - 1, A_NORMAL);
}

static void find_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	find_state *st = s->data;
	const char *lab = _("Find:");
	int x = r.x + 1;
	(void)app;

	int lw = ui_put(stdscr, r.y, x, lab, r.w - 2, A_NORMAL);
	ui_field_draw(stdscr, r.y, x + lw + 1, &st->f, st->focus == FOCUS_FIELD);
	ui_put(stdscr, r.y + 1, x,
	       _("A name, an application number or the last 4+ characters of an ID number; Enter searches, Tab goes to the list."),
	       r.w - 2, A_NORMAL);
	/* the list, then three lines about the selected application */
	ui_rect lr = { r.y + 3, r.x, r.h - 3 - 4, r.w };
	int ly = -1, lx = -1;
	s->more = ui_list_draw(&st->list, lr, &ly, &lx);
	if (st->n)
		draw_selected(st, r, r.y + r.h - 3);
	if (st->focus == FOCUS_FIELD) {
		ui_field_place_cursor(stdscr, r.y, x + lw + 1, &st->f);
		getyx(stdscr, *cy, *cx);
	}
}

static ui_result find_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	find_state *st = s->data;
	ui_result res;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		st->missing_of = 0;
		search(st);
		return UI_HANDLED;
	default:
		break;
	}
	if (st->focus == FOCUS_LIST) {
		if ((a == UI_ACT_NEXT || a == UI_ACT_PREV) && !(k.code && k.ch == KEY_UP)) {
			st->focus = FOCUS_FIELD;
			return UI_HANDLED;
		}
		res = ui_list_key(&st->list, app, k, a);
		sync_missing(st);
		return res;
	}
	switch (a) {
	case UI_ACT_NEXT:
		if (!k.code && k.ch != L'\t') {
			search(st);   /* Enter searches */
			return UI_HANDLED;
		}
		if (st->n)
			st->focus = FOCUS_LIST;
		return UI_HANDLED;
	case UI_ACT_PREV:
		if (st->n)
			st->focus = FOCUS_LIST;
		return UI_HANDLED;
	case UI_ACT_DOWN:
	case UI_ACT_PAGE_DOWN:
		if (st->n)
			st->focus = FOCUS_LIST;
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	lineedit_result r = ui_field_key(&st->f, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_find_screen = {
	.id = "find",
	.actions = find_actions,
	.title = find_title,
	.open = find_open,
	.draw = find_draw,
	.key = find_key,
	.close = find_close,
	.save = NULL,
	.action_name = find_action_name,
};
