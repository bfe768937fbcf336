/* scr_detail.c - the full record of one application: the only screen with
 * unmasked ID numbers. Members are read through jz.person_detail(), which
 * writes the "view" entry of the audit trail (DESIGN §4); the rest with
 * plain queries the row-level security scopes. Read once into lines of
 * text (on open and F5), painted from memory, scrolled with the arrows. */
#include "queue_ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"

typedef struct detail_line {
	char *text;
	attr_t attr;
} detail_line;

typedef struct detail_state {
	long long id;
	detail_line *lines;
	size_t n, cap;
	size_t top;
	int visible;
	char title[160];
} detail_state;

static const ui_action detail_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_CANCEL, UI_ACT_UP, UI_ACT_DOWN,
	UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

static const char *detail_title(const ui_screen *s)
{
	const detail_state *st = s->data;
	return st && st->title[0] ? st->title : _("Application record");
}

static const char *detail_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_CANCEL ? _("Back") : NULL;
}

static void add(detail_state *st, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add(detail_state *st, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = malloc((size_t)n + 1);
	if (!s)
		return;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		detail_line *v = realloc(st->lines, cap * sizeof *v);
		if (!v) {
			free(s);
			return;
		}
		st->lines = v;
		st->cap = cap;
	}
	st->lines[st->n++] = (detail_line){ .text = s, .attr = attr };
}

static void clear_lines(detail_state *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->lines[i].text);
	st->n = 0;
}

static const char *v(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

static void yuan(const char *fen, char buf[32])
{
	long long f = fen && *fen ? atoll(fen) : 0;
	snprintf(buf, 32, "%lld.%02lld", f / 100, f % 100);
}

/* One member through the audited read; false when it is not there. */
static bool member_audited(detail_state *st, db_conn *c, const char *person_id,
			   const char *relationship, db_err *err)
{
	const char *p[1] = { person_id };
	PGresult *r = db_exec(c,
		"select id_number, name, sex, birth_date::text, age, phone, disability_name, "
		"disability_grade::text, income_total_fen::text, employment, health "
		"from jz.person_detail($1::bigint)", 1, p, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r); i++) {
		char inc[32];
		yuan(v(r, i, 8), inc);
		add(st, A_NORMAL, "  %s  %s  %s  %s  %s", v(r, i, 1), v(r, i, 0), relationship,
		    v(r, i, 3), v(r, i, 5));
		if (*v(r, i, 6))
			add(st, A_NORMAL, _("      disability: %s, grade %s"), v(r, i, 6), v(r, i, 7));
		add(st, A_NORMAL, _("      income per month: %s yuan   employment: %s   health: %s"),
		    inc, v(r, i, 9), v(r, i, 10));
	}
	PQclear(r);
	return true;
}

static void load(detail_state *st, ui_app *app)
{
	db_err err;
	char id[32];
	const char *p[1] = { id };
	PGresult *r;
	memset(&err, 0, sizeof err);

	clear_lines(st);
	st->top = 0;
	snprintf(id, sizeof id, "%lld", st->id);
	r = db_exec(app->conn,
		"select a.number, s.name, c.name, to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), "
		"coalesce(a.notify_by::text, ''), a.notify_by_certain, coalesce(a.reason, ''), "
		"a.household_id, coalesce(h.address, ''), coalesce(h.hukou_address, ''), a.version, "
		"coalesce(a.assigned_to, '') "
		"from jz.applications a join jz.application_states s on s.code = a.state "
		"join jz.communities c on c.id = a.community_id "
		"left join jz.households h on h.id = a.household_id where a.id = $1::bigint",
		1, p, &err);
	if (!r || PQntuples(r) == 0) {
		add(st, A_BOLD, "%s", r ? _("This application is not there, or not in your communities.")
					: err.message);
		PQclear(r);
		return;
	}
	snprintf(st->title, sizeof st->title, _("Application %s"), v(r, 0, 0));
	add(st, A_BOLD, _("Application number: %s   State: %s"), v(r, 0, 0), v(r, 0, 1));
	add(st, A_NORMAL, _("Community: %s   Submitted: %s"), v(r, 0, 2), v(r, 0, 3));
	if (*v(r, 0, 4))
		add(st, A_NORMAL, _("Notify by: %s%s"), v(r, 0, 4),
		    strcmp(v(r, 0, 5), "t") == 0 ? "" : _(" (to be confirmed)"));
	if (*v(r, 0, 11))
		add(st, A_NORMAL, _("Handled by: %s"), v(r, 0, 11));
	if (*v(r, 0, 6))
		add(st, A_NORMAL, _("Reason: %s"), v(r, 0, 6));
	add(st, A_NORMAL, _("Address: %s   Household register: %s"), v(r, 0, 8), v(r, 0, 9));
	char household[32];
	snprintf(household, sizeof household, "%s", v(r, 0, 7));
	PQclear(r);

	/* members: the audited read, one per person */
	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Members (name, ID number, relationship, birth date, phone)"));
	const char *hp[1] = { household };
	r = db_exec(app->conn,
		"select m.person_id::text, coalesce(rl.name, m.relationship) "
		"from jz.household_members m left join jz.relationships rl on rl.code = m.relationship "
		"where m.household_id = $1::bigint order by m.person_id", 1, hp, &err);
	for (int i = 0; r && i < PQntuples(r); i++) {
		db_err e2;
		memset(&e2, 0, sizeof e2);
		if (!member_audited(st, app->conn, v(r, i, 0), v(r, i, 1), &e2))
			add(st, A_NORMAL, _("  (member %s cannot be shown: %s)"), v(r, i, 0), e2.message);
	}
	if (!r)
		add(st, A_NORMAL, "  %s", err.message);
	PQclear(r);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Categories"));
	r = db_exec(app->conn,
		"select k.name, coalesce(p.name, '') from jz.application_categories ac "
		"join jz.categories k on k.code = ac.category left join jz.persons p on p.id = ac.member_id "
		"where ac.application_id = $1::bigint order by k.sort", 1, p, &err);
	for (int i = 0; r && i < PQntuples(r); i++)
		add(st, A_NORMAL, "  %s %s", v(r, i, 0), v(r, i, 1));
	PQclear(r);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Proofs (paper, of whom, number, valid until, original seen)"));
	r = db_exec(app->conn,
		"select d.name, coalesce(p.name, ''), coalesce(f.number, ''), "
		"coalesce(f.valid_until::text, ''), f.seen, f.checked_by "
		"from jz.proofs f join jz.doc_kinds d on d.code = f.doc_kind "
		"left join jz.persons p on p.id = f.person_id "
		"where f.application_id = $1::bigint order by f.id", 1, p, &err);
	for (int i = 0; r && i < PQntuples(r); i++)
		add(st, A_NORMAL, "  %s  %s  %s  %s  %s  %s", v(r, i, 0), v(r, i, 1), v(r, i, 2),
		    v(r, i, 3), strcmp(v(r, i, 4), "t") == 0 ? _("seen") : _("not seen"), v(r, i, 5));
	PQclear(r);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("History (when, from, to, by whom, reason)"));
	r = db_exec(app->conn,
		"select to_char(e.at, 'YYYY-MM-DD HH24:MI'), f.name, t.name, e.actor, coalesce(e.reason, '') "
		"from jz.application_events e join jz.application_states f on f.code = e.from_state "
		"join jz.application_states t on t.code = e.to_state "
		"where e.application_id = $1::bigint order by e.id", 1, p, &err);
	if (!r)
		add(st, A_NORMAL, "  %s", err.message);
	for (int i = 0; r && i < PQntuples(r); i++)
		add(st, A_NORMAL, "  %s  %s -> %s  %s  %s", v(r, i, 0), v(r, i, 1), v(r, i, 2),
		    v(r, i, 3), v(r, i, 4));
	if (r && PQntuples(r) == 0)
		add(st, A_NORMAL, "  %s", _("(no moves yet)"));
	PQclear(r);
}

static bool detail_open(ui_screen *s, ui_app *app, void *arg)
{
	detail_state *st = calloc(1, sizeof *st);
	if (!st || !arg)
		return free(st), false;
	st->id = *(const long long *)arg;
	s->data = st;
	if (app->conn)
		load(st, app);
	return true;
}

static void detail_close(ui_screen *s, ui_app *app)
{
	detail_state *st = s->data;
	(void)app;
	if (!st)
		return;
	clear_lines(st);
	free(st->lines);
	free(st);
	s->data = NULL;
}

static void detail_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	detail_state *st = s->data;
	(void)app;
	(void)cy;
	(void)cx;
	st->visible = r.h;
	for (int i = 0; i < r.h && st->top + (size_t)i < st->n; i++) {
		const detail_line *l = &st->lines[st->top + (size_t)i];
		ui_put(stdscr, r.y + i, r.x + 1, l->text, r.w - 2, l->attr);
	}
	if (st->top + (size_t)r.h < st->n)
		s->more = UI_MORE_MORE;
	else if (st->top > 0)
		s->more = UI_MORE_BOTTOM;
}

static void scroll_by(detail_state *st, long d)
{
	long max = (long)st->n - (st->visible > 0 ? st->visible : 1);
	long t = (long)st->top + d;
	if (t > max)
		t = max;
	if (t < 0)
		t = 0;
	st->top = (size_t)t;
}

static ui_result detail_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	detail_state *st = s->data;
	long page = st->visible > 1 ? st->visible - 1 : 1;
	(void)k;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_UP:
		scroll_by(st, -1);
		return UI_HANDLED;
	case UI_ACT_DOWN:
		scroll_by(st, 1);
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
		scroll_by(st, -page);
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
		scroll_by(st, page);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_detail_screen = {
	.id = "detail",
	.actions = detail_actions,
	.title = detail_title,
	.open = detail_open,
	.draw = detail_draw,
	.key = detail_key,
	.close = detail_close,
	.save = NULL,
	.action_name = detail_action_name,
	.tick = NULL,
	.notify = NULL,
};
