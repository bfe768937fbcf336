/* scr_detail.c - the full record of one application: the only screen with
 * unmasked ID numbers. Members are read through jz.person_detail(), which
 * writes the "view" entry of the audit trail (DESIGN §4); db/detail reads
 * it all. Read once into lines of text (on open and F5), painted from
 * memory, scrolled with the arrows. */
#include "queue_ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detail.h"
#include "frame.h"
#include "i18n.h"
#include "intake_form.h"

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

static void yuan(long long f, char buf[32])
{
	snprintf(buf, 32, "%lld.%02lld", f / 100, f % 100);
}

static const char *dash(const char *s)
{
	return s[0] ? s : "-";
}

/* A member's employment or health code in the staff's language, from the
 * form's own lists ("unemployed_reg" is 登记失业); "-" when not given. */
static const char *code_label(intake_list l, const char *code)
{
	size_t n = 0;
	const intake_choice *c = intake_list_choices(l, &n);

	if (!code[0])
		return "-";
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].code, code) == 0)
			return _(c[i].label);
	return code;
}

/* Staff members by name (jz.staff), not the login: 承办人 and the one who
 * checked each proof, all resolved in one round trip (not one per proof);
 * the login when the account cannot be read. A checker who is no staff
 * member at all (the sample's proofs, recorded by the loader's account) is
 * said to be the import, not by that account's name. */
typedef struct staff_names {
	db_staff_name *v;
	size_t n;
} staff_names;

static void names_add(staff_names *sn, const char *login, const ui_app *app)
{
	if (!login[0] || strcmp(login, app->me.login) == 0)
		return;
	for (size_t i = 0; i < sn->n; i++)
		if (strcmp(sn->v[i].login, login) == 0)
			return;
	snprintf(sn->v[sn->n++].login, sizeof sn->v[0].login, "%s", login);
}

static void names_load(staff_names *sn, const db_detail *d, ui_app *app)
{
	db_err e = { 0 };

	sn->n = 0;
	sn->v = calloc(d->n_proofs + 1, sizeof *sn->v);
	if (!sn->v)
		return;
	names_add(sn, d->assigned_to, app);
	for (size_t i = 0; i < d->n_proofs; i++)
		names_add(sn, d->proofs[i].checked_by, app);
	db_staff_names(app->conn, sn->v, sn->n, &e);   /* on failure: the logins */
}

static void staff_name(const staff_names *sn, const ui_app *app, const char *login, bool checker,
		       char *out, size_t len)
{
	snprintf(out, len, "%s", login);
	if (strcmp(login, app->me.login) == 0) {
		snprintf(out, len, "%s", app->me.display_name);
		return;
	}
	for (size_t i = 0; i < sn->n; i++)
		if (strcmp(sn->v[i].login, login) == 0) {
			if (checker && !sn->v[i].staff)
				snprintf(out, len, "%s", _("System import"));
			else
				snprintf(out, len, "%s", sn->v[i].name);
			return;
		}
}

/* The record as lines of text; members through the audited read. */
static void load(detail_state *st, ui_app *app)
{
	db_err err;
	db_detail *d = calloc(1, sizeof *d);
	staff_names names = { 0 };
	memset(&err, 0, sizeof err);

	clear_lines(st);
	st->top = 0;
	if (!d)
		return;
	if (!db_detail_read(app->conn, st->id, d, &err) || !d->found) {
		add(st, A_BOLD, "%s", err.kind != DB_OK ? err.message
			: _("This application is not there, or not in your communities."));
		goto done;
	}
	snprintf(st->title, sizeof st->title, _("Application %s"), d->number);
	names_load(&names, d, app);
	add(st, A_BOLD, _("Application number: %s   State: %s"), d->number, d->state_name);
	add(st, A_NORMAL, _("Community: %s   Submitted: %s"), d->community, d->submitted);
	if (d->notify_by[0])
		add(st, A_NORMAL, _("Notify by: %s%s"), d->notify_by,
		    d->notify_by_certain ? "" : _(" (to be confirmed)"));
	if (d->assigned_to[0]) {
		char who[128];
		staff_name(&names, app, d->assigned_to, false, who, sizeof who);
		add(st, A_NORMAL, _("Handled by: %s"), who);
	}
	if (d->reason[0])
		add(st, A_NORMAL, _("Reason: %s"), d->reason);
	/* two lines: two addresses side by side were cut at 80 columns */
	add(st, A_NORMAL, _("Address: %s"), d->address);
	add(st, A_NORMAL, _("Household register: %s"), d->hukou_address);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Members (name, ID number, relationship, birth date, phone)"));
	for (size_t i = 0; i < d->n_members; i++) {
		const db_detail_member *m = &d->members[i];
		char inc[32], pid[24];
		if (m->error[0]) {
			snprintf(pid, sizeof pid, "%lld", m->person_id);
			add(st, A_NORMAL, _("  (member %s cannot be shown: %s)"), pid, m->error);
			continue;
		}
		yuan(m->income_fen, inc);
		add(st, A_NORMAL, "  %s  %s  %s  %s  %s", m->name, m->id_number, m->relationship,
		    m->birth_date, m->phone);
		if (m->disability[0])
			add(st, A_NORMAL, _("      disability: %s, grade %s"), m->disability, m->disability_grade);
		add(st, A_NORMAL, _("      income per month: %s yuan   employment: %s   health: %s"),
		    inc, code_label(INTAKE_LIST_EMPLOYMENT, m->employment),
		    code_label(INTAKE_LIST_HEALTH, m->health));
	}
	if (d->members_error[0])
		add(st, A_NORMAL, "  %s", d->members_error);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Categories"));
	for (size_t i = 0; i < d->n_categories; i++)
		add(st, A_NORMAL, "  %s %s", d->categories[i].name, d->categories[i].member);

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("Proofs (paper, of whom, number, valid until, original seen, checked by)"));
	for (size_t i = 0; i < d->n_proofs; i++) {
		const db_detail_proof *f = &d->proofs[i];
		/* "-" for what a paper has not (no member, no expiry): blanks ran
		 * the columns together */
		char who[128] = "";
		if (f->checked_by[0])
			staff_name(&names, app, f->checked_by, true, who, sizeof who);
		add(st, A_NORMAL, "  %s  %s  %s  %s  %s  %s", f->doc_kind, dash(f->person), dash(f->number),
		    dash(f->valid_until), f->seen ? _("seen") : _("not seen"), who);
	}

	add(st, A_NORMAL, "%s", "");
	add(st, A_BOLD | A_UNDERLINE, "%s", _("History (when, from, to, by whom, reason)"));
	if (d->events_error[0])
		add(st, A_NORMAL, "  %s", d->events_error);
	for (size_t i = 0; i < d->n_events; i++) {
		const db_detail_event *ev = &d->events[i];
		add(st, A_NORMAL, "  %s  %s -> %s  %s  %s", ev->at, ev->from_state, ev->to_state,
		    ev->actor, ev->reason);
	}
	if (!d->events_error[0] && d->n_events == 0)
		add(st, A_NORMAL, "  %s", _("(no moves yet)"));
done:
	free(names.v);
	db_detail_finish(d);
	free(d);
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
