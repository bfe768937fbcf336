/* scr_audit.c - the audit trail for supervisors and administrators: filters
 * by person (ID number or name), application number, staff member (login or
 * name) and a date range; newest first, keyset paging by id (the stack of
 * page starts makes PgUp exact); each row says who, when, what action on
 * which table and row, and the change in words (old -> new of the keys that
 * changed, computed in SQL by jz.audit_summary). */
#include "admin_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "valid.h"

enum { F_PERSON, F_APP, F_STAFF, F_FROM, F_TO, F_COUNT, FOCUS_LIST = F_COUNT };

typedef struct audit_state {
	lineedit f[F_COUNT];
	char err[VALID_MSG_SIZE];   /* the message at the bad field */
	int err_field;
	int focus;
	char q_text[F_COUNT][128];  /* the filters applied (normalised dates) */
	db_audit_row *rows;
	size_t n;
	long long *starts;          /* after_id of every page before this one */
	size_t depth, cap;
	long long after;            /* this page's after_id (0: first page) */
	int limit;                  /* the rows this page was read for */
	ui_list list;
	ui_app *app;
} audit_state;

static const ui_action audit_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_CANCEL, UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_NONE,
};

static const ui_list_col audit_cols[] = {
	{ N_("Time"), 16, 16 },
	{ N_("Staff"), 8, 12 },
	{ N_("Action"), 6, 6 },
	{ N_("Table"), 10, 18 },
	{ N_("Row"), 4, 12 },
	{ N_("Change"), 10, 0 },
};
#define N_COLS ((int)(sizeof audit_cols / sizeof audit_cols[0]))

static const char *audit_title(const ui_screen *s)
{
	(void)s;
	return _("Audit trail");
}

static const char *audit_action_name(const ui_screen *s, ui_action a)
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

static const char *action_word(const char *a)
{
	if (strcmp(a, "INSERT") == 0)
		return _("added");
	if (strcmp(a, "UPDATE") == 0)
		return _("changed");
	if (strcmp(a, "DELETE") == 0)
		return _("deleted");
	if (strcmp(a, "VIEW") == 0)
		return _("viewed");
	return a;
}

/* The audited tables in words (the trail stores jz.persons); a table not
 * listed shows its name without the schema. */
static const struct { const char *table, *name; } table_names[] = {
	{ "jz.applications", N_("applications") },
	{ "jz.application_categories", N_("application categories") },
	{ "jz.proofs", N_("proofs") },
	{ "jz.persons", N_("persons") },
	{ "jz.households", N_("households") },
	{ "jz.household_members", N_("household members") },
	{ "jz.assessments", N_("assessments") },
	{ "jz.assessment_answers", N_("assessment answers") },
	{ "jz.plans", N_("assistance plans") },
	{ "jz.plan_items", N_("plan items") },
	{ "jz.follow_ups", N_("follow-ups") },
	{ "jz.visits", N_("home visits") },
	{ "jz.volunteers", N_("volunteers") },
	{ "jz.volunteer_availability", N_("volunteer availability") },
	{ "jz.volunteer_training", N_("volunteer training") },
	{ "jz.payments", N_("payments") },
	{ "jz.ledger", N_("ledger") },
	{ "jz.funding", N_("funding") },
	{ "jz.counselling_activities", N_("counselling activities") },
	{ "jz.counselling_participants", N_("counselling participants") },
	{ "jz.training_classes", N_("training classes") },
	{ "jz.training_enrolments", N_("training enrolments") },
	{ "jz.feedback", N_("satisfaction feedback") },
	{ "jz.staff", N_("staff accounts") },
	{ "jz.staff_community", N_("staff communities") },
	{ "jz.communities", N_("communities") },
	{ "jz.policy", N_("policy figures") },
	{ "jz.policy_name", N_("policy figure names") },
	{ "jz.holiday", N_("holiday calendar") },
	{ "jz.holiday_year", N_("holiday calendar years") },
};

static const char *table_word(const char *t)
{
	for (size_t i = 0; i < sizeof table_names / sizeof table_names[0]; i++)
		if (strcmp(table_names[i].table, t) == 0)
			return _(table_names[i].name);
	return strncmp(t, "jz.", 3) == 0 ? t + 3 : t;
}

/* A read of the full record (VIEW) changes nothing: say what it was. */
static const char *change_text(const db_audit_row *r)
{
	if (!r->summary[0] && strcmp(r->action, "VIEW") == 0)
		return _("viewed the full record");
	return r->summary;
}

static void cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	audit_state *st = ctx;
	const db_audit_row *r = &st->rows[row];
	const char *t = table_word(r->table_name);

	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->at);
		break;
	case 1:
		snprintf(buf, len, "%s", r->actor_name);
		break;
	case 2:
		snprintf(buf, len, "%s", action_word(r->action));
		break;
	case 3:
		snprintf(buf, len, "%s", t);
		break;
	case 4:
		snprintf(buf, len, "%s", r->row_key);
		break;
	default:
		snprintf(buf, len, "%s", change_text(r));
		break;
	}
}

/* Lines under the list for the selected row's change in full: the list's
 * column keeps only its start (notify_by…), and that is what was looked for. */
enum { CHANGE_LINES = 3 };

/* The list's rect in the body: under three lines of filters, above the
 * change. */
static ui_rect list_rect(ui_rect body)
{
	ui_rect lr = { body.y + 3, body.x, body.h - 3 - CHANGE_LINES, body.w };
	return lr;
}

/* The rows a page has at the terminal's present size (the list's header
 * takes one line): what is read, so a larger terminal gets a larger page. */
static int page_rows(const ui_app *app)
{
	int rows = list_rect(ui_frame_body(app)).h - 1;
	return rows > 0 ? rows : 1;
}

/* Load the page after `after`; on failure (or an empty later page) the rows
 * stay as they were. */
static bool fetch(audit_state *st, long long after, bool allow_empty)
{
	db_audit_query q = {
		.person = st->q_text[F_PERSON], .application = st->q_text[F_APP],
		.staff = st->q_text[F_STAFF], .from = st->q_text[F_FROM], .to = st->q_text[F_TO],
		.after_id = after, .limit = page_rows(st->app),
	};
	db_audit_row *rows = NULL;
	size_t n = 0;
	db_err err;

	memset(&err, 0, sizeof err);
	if (!st->app->conn || !db_admin_audit_search(st->app->conn, &q, &rows, &n, &err)) {
		ui_app_message(st->app, true, _("The audit trail could not be read: %s"),
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
	st->after = after;
	st->limit = q.limit;
	ui_list_set_rows(&st->list, n, 0);
	return true;
}

static bool page(void *ctx, int dir)
{
	audit_state *st = ctx;

	if (dir > 0) {
		if (st->n == 0)
			return false;
		if (st->depth == st->cap) {
			size_t nc = st->cap ? st->cap * 2 : 16;
			long long *p = realloc(st->starts, nc * sizeof *p);
			if (!p)
				return false;
			st->starts = p;
			st->cap = nc;
		}
		long long prev = st->after;
		if (!fetch(st, st->rows[st->n - 1].id, false)) {
			ui_app_message(st->app, false, "%s", _("No older entries."));
			return false;
		}
		st->starts[st->depth++] = prev;
		return true;
	}
	if (st->depth == 0)
		return false;
	if (!fetch(st, st->starts[st->depth - 1], true))
		return false;
	st->depth--;
	return true;
}

static const ui_list_ops audit_list_ops = {
	.cell = cell,
	.marked = NULL,
	.page = page,
	.filter = NULL,
	.sort = NULL,
};

/* Take the filters from the fields; a bad date keeps the cursor there. */
static void search(audit_state *st)
{
	char text[F_COUNT][128];

	st->err[0] = '\0';
	for (int i = 0; i < F_COUNT; i++) {
		char *s = lineedit_get_utf8(&st->f[i]);
		snprintf(text[i], sizeof text[i], "%s", s ? s : "");
		free(s);
		if ((i == F_FROM || i == F_TO) && text[i][strspn(text[i], " ")] != '\0') {
			valid_day d;
			if (valid_date(text[i], NULL, NULL, &d, st->err, sizeof st->err) != VALID_OK) {
				st->err_field = i;
				st->focus = i;
				ui_app_message(st->app, true, "%s", st->err);
				return;
			}
			snprintf(text[i], sizeof text[i], "%04d-%02d-%02d", d.y, d.m, d.d);
			lineedit_set_utf8(&st->f[i], text[i]);
		}
	}
	memcpy(st->q_text, text, sizeof text);
	st->depth = 0;
	if (fetch(st, 0, true)) {
		if (st->n == 0)
			ui_app_message(st->app, false, "%s", _("No entries match."));
		else
			ui_app_clear_message(st->app);
		st->focus = FOCUS_LIST;
	}
}

static bool audit_open(ui_screen *s, ui_app *app, void *arg)
{
	audit_state *st = calloc(1, sizeof *st);
	(void)arg;
	if (!st)
		return false;
	st->app = app;
	lineedit_init(&st->f[F_PERSON], LINEEDIT_TEXT, 20, 30, 0);
	lineedit_init(&st->f[F_APP], LINEEDIT_TEXT, 26, 40, 0);
	lineedit_init(&st->f[F_STAFF], LINEEDIT_TEXT, 16, 64, 0);
	lineedit_init(&st->f[F_FROM], LINEEDIT_DATE, 10, 10, 0);
	lineedit_init(&st->f[F_TO], LINEEDIT_DATE, 10, 10, 0);
	ui_list_init(&st->list, audit_cols, N_COLS, &audit_list_ops, st);
	s->data = st;
	fetch(st, 0, true);
	return true;
}

static void audit_close(ui_screen *s, ui_app *app)
{
	audit_state *st = s->data;
	(void)app;
	if (!st)
		return;
	for (int i = 0; i < F_COUNT; i++)
		lineedit_finish(&st->f[i]);
	ui_list_finish(&st->list);
	free(st->rows);
	free(st->starts);
	free(st);
	s->data = NULL;
}

static void draw_change(const audit_state *st, int y, int x, int w)
{
	const db_audit_row *row;
	char head[200];

	if (!st->n || st->list.cursor >= st->n || w < 10)
		return;
	row = &st->rows[st->list.cursor];
	snprintf(head, sizeof head, _("Change (%s %s):"), table_word(row->table_name), row->row_key);
	ui_put(stdscr, y, x, head, w, A_BOLD);
	ui_put_wrapped(stdscr, y + 1, x, change_text(row), w, CHANGE_LINES - 1, A_NORMAL);
}

static void audit_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	audit_state *st = s->data;
	static const char *const labels[F_COUNT] = {
		N_("Person:"), N_("Application:"), N_("Staff:"), N_("From:"), N_("To:"),
	};
	/* two rows of filters: person, application / staff, from, to */
	static const int row[F_COUNT] = { 0, 0, 1, 1, 1 };
	int pos[F_COUNT][2];
	int x[2] = { r.x + 1, r.x + 1 };
	(void)app;

	for (int i = 0; i < F_COUNT; i++) {
		int y = r.y + row[i];
		int w = ui_text_width(_(labels[i]));
		ui_put(stdscr, y, x[row[i]], _(labels[i]), w, A_NORMAL);
		x[row[i]] += w + 1;
		pos[i][0] = y;
		pos[i][1] = x[row[i]];
		ui_field_draw(stdscr, y, x[row[i]], &st->f[i], st->focus == i);
		x[row[i]] += st->f[i].width + 2;
	}
	if (st->err[0])
		ui_put(stdscr, r.y + 2, pos[st->err_field][1], st->err, r.w - pos[st->err_field][1],
		       A_BOLD);
	else
		ui_put(stdscr, r.y + 2, r.x + 1,
		       _("F5 searches; Tab moves between the filters and the list; dates YYYY-MM-DD."),
		       r.w - 2, A_NORMAL);
	{
		ui_rect lr = list_rect(r);
		int ly = -1, lx = -1;
		s->more = ui_list_draw(&st->list, lr, &ly, &lx);
		draw_change(st, r.y + r.h - CHANGE_LINES, r.x + 2, r.w - 4);
	}
	if (st->focus < F_COUNT) {
		ui_field_place_cursor(stdscr, pos[st->focus][0], pos[st->focus][1], &st->f[st->focus]);
		getyx(stdscr, *cy, *cx);
	}
}

static ui_result audit_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	audit_state *st = s->data;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		search(st);
		return UI_HANDLED;
	default:
		break;
	}
	if (st->focus == FOCUS_LIST) {
		if (!k.code && k.ch == L'\t') {
			st->focus = F_PERSON;
			return UI_HANDLED;
		}
		if (a == UI_ACT_PREV && !(k.code && k.ch == KEY_UP)) {
			st->focus = F_TO;
			return UI_HANDLED;
		}
		return ui_list_key(&st->list, app, k, a);
	}
	switch (a) {
	case UI_ACT_NEXT:
		if (!k.code && k.ch != L'\t') {
			search(st);   /* Enter in a filter searches */
			return UI_HANDLED;
		}
		st->focus = st->focus + 1;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->focus = st->focus == 0 ? FOCUS_LIST : st->focus - 1;
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
	case UI_ACT_UP:
	case UI_ACT_DOWN:
		return ui_list_key(&st->list, app, k, a);
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	lineedit_result r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK && st->err_field == st->focus)
		st->err[0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

/* Before every wait, so after a resize too: a page read for another size
 * is read again from its start for this one (it kept its 80x24 rows). */
static long audit_tick(ui_screen *s, ui_app *app)
{
	audit_state *st = s->data;

	if (st && app->conn && st->limit > 0 && page_rows(app) != st->limit) {
		size_t cursor = st->list.cursor;
		if (fetch(st, st->after, true))
			ui_list_set_rows(&st->list, st->n, cursor);
		else
			st->limit = page_rows(app);   /* told once; F5 tries again */
	}
	return -1;
}

const ui_screen_ops ui_audit_screen = {
	.id = "audit",
	.actions = audit_actions,
	.title = audit_title,
	.open = audit_open,
	.draw = audit_draw,
	.key = audit_key,
	.close = audit_close,
	.save = NULL,
	.action_name = audit_action_name,
	.tick = audit_tick,
};
