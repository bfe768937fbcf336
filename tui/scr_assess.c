/* scr_assess.c - the on-site assessment checklist, item by item: every item
 * left is saved at once with where the checklist stands, so a dropped SSH
 * connection loses at most the item being typed and the next login resumes
 * at that item. F10 completes it (the database checks it again) and opens
 * the proposed plan; the report goes to the print folder. */
#include "assess_ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assess.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "export.h"

typedef struct assess_state {
	bool in_list;
	db_assess_case *cases;
	size_t ncases;
	int sel;
	db_assessment a;
	bool loaded;
	int idx[64];            /* applicable items, indexes into assess_items() */
	int n;
	int cur;                /* position in idx */
	lineedit f;
	char path[1024];        /* the report file */
} assess_state;

static const ui_action assess_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_SAVE, UI_ACT_REFRESH, UI_ACT_NEXT,
	UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_SELECT, UI_ACT_NONE,
};

static const char *assess_title(const ui_screen *s)
{
	(void)s;
	return _("Home assessment");
}

static const assess_item *item_at(const assess_state *st, int pos)
{
	size_t n;
	return &assess_items(&n)[st->idx[pos]];
}

/* A stored answer as the field shows it: a choice by its label and yes/no
 * in words (公租房, 是), not the code kept in the database (public_rent,
 * yes); assess_check_value takes both back. */
static const char *shown_answer(const assess_item *it, const char *v)
{
	if (!v)
		return "";
	if (it->kind == ASSESS_CHOICE)
		for (size_t i = 0; i < it->nchoices; i++)
			if (strcmp(v, it->choices[i].value) == 0)
				return _(it->choices[i].label);
	if (it->kind == ASSESS_YESNO && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
		return strcmp(v, "yes") == 0 ? _("yes") : _("no");
	return v;
}

/* Put the stored answer of the current item into the field; a score or a
 * number takes digits only, so a letter is refused as it is typed. */
static void show_item(assess_state *st)
{
	const assess_item *it = item_at(st, st->cur);
	const char *v = assess_answers_get(&st->a.answers, it->code);
	st->f.kind = it->kind == ASSESS_SCORE || it->kind == ASSESS_NUMBER ? LINEEDIT_DIGITS
									   : LINEEDIT_TEXT;
	lineedit_set_utf8(&st->f, shown_answer(it, v));
	lineedit_mark_clean(&st->f);
}

static void load_cases(assess_state *st, ui_app *app)
{
	db_err e;

	free(st->cases);
	st->cases = NULL;
	if (!db_assess_my_cases(app->conn, &st->cases, &st->ncases, &e))
		ui_app_message(app, true, "%s", e.message);
	if (st->sel >= (int)st->ncases)
		st->sel = st->ncases ? (int)st->ncases - 1 : 0;
}

static bool open_case(assess_state *st, ui_app *app, long long app_id)
{
	db_err e;
	size_t n;
	const assess_item *items = assess_items(&n);

	db_assessment_finish(&st->a);
	st->loaded = false;
	if (!db_assess_open(app->conn, app_id, false, &st->a, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return false;
	}
	st->n = 0;
	st->cur = 0;
	for (size_t i = 0; i < n && st->n < 64; i++)
		if (assess_applies(&items[i], st->a.cats)) {
			if (strcmp(items[i].code, st->a.current_item) == 0)
				st->cur = st->n;
			st->idx[st->n++] = (int)i;
		}
	st->loaded = true;
	st->in_list = false;
	show_item(st);
	if (st->a.current_item[0])
		ui_app_message(app, false, _("Resumed at \"%s\"."), _(item_at(st, st->cur)->label));
	return true;
}

/* Check and save the current item, the checklist then standing at pos.
 * false (message shown, cursor kept) on a bad value or a refusal. */
static bool leave_item(assess_state *st, ui_app *app, int pos)
{
	const assess_item *it = item_at(st, st->cur);
	char *typed = lineedit_get_utf8(&st->f);
	char out[2048], msg[256];
	const char *old = assess_answers_get(&st->a.answers, it->code);
	bool changed;
	db_err e;

	if (!typed)
		return false;
	if (!assess_check_value(it, typed, out, sizeof out, msg, sizeof msg)) {
		ui_app_message(app, true, _("%s: %s"), _(it->label), msg);
		free(typed);
		return false;
	}
	free(typed);
	changed = strcmp(old ? old : "", out) != 0;
	if (!db_assess_save(app->conn, st->a.id, changed ? it->code : NULL, out,
			    item_at(st, pos)->code, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return false;
	}
	if (changed)
		assess_answers_set(&st->a.answers, it->code, out);
	st->cur = pos;
	show_item(st);
	return true;
}

static void write_report(assess_state *st, ui_app *app)
{
	char dir[900];
	db_err e;
	char *text = db_assess_report(app->conn, st->a.id, &e);
	FILE *fp;

	st->path[0] = '\0';
	if (!text || !export_print_dir(dir, sizeof dir)) {
		free(text);
		return;
	}
	snprintf(st->path, sizeof st->path, "%s/assessment-%s.txt", dir, st->a.number);
	fp = fopen(st->path, "w");
	if (!fp) {
		st->path[0] = '\0';
	} else {
		fputs(text, fp);
		fclose(fp);
	}
	free(text);
}

static void complete(assess_state *st, ui_app *app)
{
	const char *miss[64];
	size_t nm;
	db_err e;
	int nv = 0;
	ui_plan_arg pa = { 0 };   /* plan_id 0: the application's proposal */

	if (!leave_item(st, app, st->cur))
		return;
	nm = assess_missing(&st->a.answers, st->a.cats, miss, 64);
	if (nm > 0) {
		for (int i = 0; i < st->n; i++)
			if (strcmp(item_at(st, i)->code, miss[0]) == 0 && leave_item(st, app, i))
				break;
		ui_app_message(app, true, _("%zu items still missing, first \"%s\"."), nm,
			       _(assess_find(miss[0])->label));
		return;
	}
	if (!db_assess_complete(app->conn, st->a.id, st->a.app_version, &nv, &e)) {
		ui_app_message(app, true, "%s", e.message);
		return;
	}
	write_report(st, app);
	if (st->path[0])
		ui_app_message(app, false, _("Assessment completed; the report is in %s."), st->path);
	else
		ui_app_message(app, false, "%s", _("Assessment completed."));
	pa.application_id = st->a.application_id;
	ui_app_replace(app, &ui_plan_screen, &pa);   /* frees st */
}

static bool assess_open(ui_screen *s, ui_app *app, void *arg)
{
	assess_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	assess_answers_init(&st->a.answers);
	lineedit_init(&st->f, LINEEDIT_TEXT, 50, 2000, 0);
	st->in_list = true;
	s->data = st;
	load_cases(st, app);
	return true;
}

static void draw_list(assess_state *st, ui_rect r)
{
	char line[512];

	ui_put(stdscr, r.y, r.x + 1, _("Cases assigned to you in assessment (Enter opens the checklist):"),
	       r.w - 2, A_BOLD);
	if (st->ncases == 0)
		ui_put(stdscr, r.y + 2, r.x + 2, _("No case waiting for an assessment."), r.w - 3, A_NORMAL);
	int rows = r.h - 2, top = st->sel >= rows ? st->sel - rows + 1 : 0;
	for (int i = top; i < (int)st->ncases && i - top < rows; i++) {
		snprintf(line, sizeof line, "%-26s %s  %s%s", st->cases[i].number, st->cases[i].applicant,
			 st->cases[i].progress[0] ? _("answered: ") : "", st->cases[i].progress);
		ui_put(stdscr, r.y + 2 + i - top, r.x + 2, line, r.w - 3, i == st->sel ? A_REVERSE : A_NORMAL);
	}
}

static void assess_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	assess_state *st = s->data;
	const assess_item *it;
	char line[512];
	int y, fx = r.x + 12, answered;
	const char *miss[1];

	(void)app;
	if (st->in_list || !st->loaded) {
		draw_list(st, r);
		return;
	}
	it = item_at(st, st->cur);
	snprintf(line, sizeof line, "%s  %s", st->a.number, st->a.applicant);
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_NORMAL);
	snprintf(line, sizeof line, _("%s  (%d/%d)"), _(assess_section_of(it)->title), st->cur + 1, st->n);
	ui_put(stdscr, r.y + 1, r.x + 1, line, r.w - 2, A_BOLD);
	snprintf(line, sizeof line, "%s%s", _(it->label), it->required ? " *" : "");
	ui_put(stdscr, r.y + 3, r.x + 2, line, r.w - 3, A_BOLD);
	if (it->help)
		ui_put(stdscr, r.y + 4, r.x + 2, _(it->help), r.w - 3, A_NORMAL);
	y = r.y + 6;
	for (size_t k = 0; k < it->nchoices && y < r.y + r.h - 4; k++, y++) {
		if (it->kind == ASSESS_SCORE)
			snprintf(line, sizeof line, "%3s  %s", it->choices[k].value, _(it->choices[k].label));
		else
			snprintf(line, sizeof line, "%zu) %s", k + 1, _(it->choices[k].label));
		ui_put(stdscr, y, r.x + 4, line, r.w - 5, A_NORMAL);
	}
	if (it->kind == ASSESS_YESNO)
		ui_put(stdscr, y++, r.x + 4, _("y) yes   n) no"), r.w - 5, A_NORMAL);
	y++;
	ui_put(stdscr, y, r.x + 2, _("Answer:"), fx - r.x - 3, A_NORMAL);
	lineedit_set_width(&st->f, r.w - fx - 2 < 50 ? r.w - fx - 2 : 50);
	ui_field_draw(stdscr, y, fx, &st->f, true);
	if (st->a.cats & (ASSESS_CAT_ELDERLY | ASSESS_CAT_DISABLED)) {
		int total = assess_barthel_total(&st->a.answers, &answered);
		snprintf(line, sizeof line, _("Barthel total: %d/100 (%d of 10 items), %s"), total, answered,
			 assess_band_label(assess_barthel_band(total)));
		ui_put(stdscr, r.y + r.h - 2, r.x + 1, line, r.w - 2, A_NORMAL);
	}
	size_t nm = assess_missing(&st->a.answers, st->a.cats, miss, 1);
	if (nm == 0)
		snprintf(line, sizeof line, "%s",
			 _("Every item is answered: F10 completes the assessment    Shift-Tab back"));
	else
		snprintf(line, sizeof line,
			 _("Still missing: %zu    Enter next, Shift-Tab back, PgDn next section, F10 complete"), nm);
	ui_put(stdscr, r.y + r.h - 1, r.x + 1, line, r.w - 2, A_NORMAL);
	ui_field_place_cursor(stdscr, y, fx, &st->f);
	getyx(stdscr, *cy, *cx);
}

/* The first item of the next (dir 1) or this/previous (dir -1) section. */
static int section_jump(const assess_state *st, int dir)
{
	const assess_section *here = assess_section_of(item_at(st, st->cur));
	int i = st->cur;

	if (dir > 0) {
		while (i < st->n - 1 && assess_section_of(item_at(st, i)) == here)
			i++;
		return i;
	}
	while (i > 0 && assess_section_of(item_at(st, i - 1)) == here)
		i--;
	if (i == st->cur && i > 0) {
		here = assess_section_of(item_at(st, i - 1));
		while (i > 0 && assess_section_of(item_at(st, i - 1)) == here)
			i--;
	}
	return i;
}

static ui_result list_key(assess_state *st, ui_app *app, ui_key k, ui_action a)
{
	/* in the checklist Down means "next item"; in the list it moves */
	if (k.code && k.ch == KEY_DOWN)
		a = UI_ACT_DOWN;
	else if (k.code && k.ch == KEY_UP)
		a = UI_ACT_UP;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_UP:
		if (st->sel > 0)
			st->sel--;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->sel + 1 < (int)st->ncases)
			st->sel++;
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load_cases(st, app);
		return UI_HANDLED;
	case UI_ACT_SELECT:
	case UI_ACT_NEXT:
		if (st->ncases)
			open_case(st, app, st->cases[st->sel].application_id);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static ui_result assess_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	assess_state *st = s->data;

	if (st->in_list || !st->loaded)
		return list_key(st, app, k, a);
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;   /* the loop calls save */
	case UI_ACT_CANCEL:
		if (leave_item(st, app, st->cur)) {
			st->in_list = true;
			load_cases(st, app);
		}
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_SELECT:
	case UI_ACT_DOWN:
		leave_item(st, app, st->cur + 1 < st->n ? st->cur + 1 : st->cur);
		return UI_HANDLED;
	case UI_ACT_PREV:
	case UI_ACT_UP:
		leave_item(st, app, st->cur > 0 ? st->cur - 1 : 0);
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
		leave_item(st, app, section_jump(st, 1));
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
		leave_item(st, app, section_jump(st, -1));
		return UI_HANDLED;
	case UI_ACT_SAVE:
		complete(st, app);
		return UI_HANDLED;
	case UI_ACT_NONE: {
		lineedit_result r = ui_field_key(&st->f, k.code ? KEY_CODE_YES : OK, k.ch);
		if (r == LINEEDIT_NOOP)
			return UI_UNHANDLED;
		if (r == LINEEDIT_REFUSED && st->f.kind == LINEEDIT_DIGITS)
			ui_app_message(app, true, _("%s: only digits can be typed here."),
				       _(item_at(st, st->cur)->label));
		return UI_HANDLED;
	}
	default:
		return UI_UNHANDLED;
	}
}

/* SIGHUP, SIGTERM, F3: keep the item being typed when it is a valid answer,
 * and where the checklist stands in any case. */
static void assess_save(ui_screen *s, ui_app *app)
{
	assess_state *st = s->data;
	char *typed;
	char out[2048], msg[256];
	db_err e;

	if (!st || st->in_list || !st->loaded || !app->conn)
		return;
	typed = lineedit_get_utf8(&st->f);
	if (typed && assess_check_value(item_at(st, st->cur), typed, out, sizeof out, msg, sizeof msg)
	    && out[0])
		db_assess_save(app->conn, st->a.id, item_at(st, st->cur)->code, out, NULL, &e);
	else
		db_assess_save(app->conn, st->a.id, NULL, NULL, item_at(st, st->cur)->code, &e);
	free(typed);
}

static void assess_close(ui_screen *s, ui_app *app)
{
	assess_state *st = s->data;

	(void)app;
	if (!st)
		return;
	free(st->cases);
	db_assessment_finish(&st->a);
	lineedit_finish(&st->f);
	free(st);
	s->data = NULL;
}

static const char *assess_action_name(const ui_screen *s, ui_action a)
{
	const assess_state *st = s->data;

	if (a == UI_ACT_SAVE && st && !st->in_list)
		return _("Complete");
	if (a == UI_ACT_CANCEL && st && !st->in_list)
		return _("Cases");
	if (a == UI_ACT_CANCEL)
		return _("Back");   /* the list goes back to the menu */
	return NULL;
}

/* The legend shows only what the keys do now: on the list of cases F10
 * completes nothing and PgUp/PgDn/Shift-Tab move through no checklist;
 * Enter opens a case only when there is one. */
static bool assess_scr_applies(const ui_screen *s, ui_action a)
{
	const assess_state *st = s->data;

	if (!st || (!st->in_list && st->loaded))
		return true;
	switch (a) {
	case UI_ACT_SAVE:
	case UI_ACT_PREV:
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
		return false;
	case UI_ACT_SELECT:
	case UI_ACT_NEXT:
		return st->ncases > 0;
	default:
		return true;
	}
}

const ui_screen_ops ui_assess_screen = {
	.id = "assess",
	.actions = assess_actions,
	.title = assess_title,
	.open = assess_open,
	.draw = assess_draw,
	.key = assess_key,
	.close = assess_close,
	.save = assess_save,
	.action_name = assess_action_name,
	.applies = assess_scr_applies,
};
