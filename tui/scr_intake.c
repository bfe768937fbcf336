/* scr_intake.c - the 《救助申请表》 screen: five pages, one pass with the
 * keyboard. This file lays the page out, draws it and routes keys; what a
 * field exit does (check, duplicates, draft, missing list, submit) is in
 * scr_intake_act.c. */
#include "intake_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "proof_rules.h"
#include "text.h"

static const ui_action intake_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_REFRESH, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

/* Where an item sits: layout rows, two half items share one. */
typedef struct slot_pos {
	int row, col, label_w, field_x, field_w;
} slot_pos;

/* HALF_LABEL_MAX keeps 17 cells for a half field's value */
enum { HALF_COL = 40, HALF_LABEL = 14, HALF_LABEL_MAX = 20, FULL_LABEL = 18 };

static bool pairable(const intake_item *v, size_t n, size_t i)
{
	return v[i].half && i + 1 < n && v[i + 1].half;
}

/* Label width in cells, with the asterisk of a required field. */
static int label_cells(const intake_item *it)
{
	return ui_text_width(it->label) + (it->required ? 1 : 0);
}

/* Lays out every item; returns the number of rows. pos has n_items.
 * The label columns are as wide as the page's widest label (in cells), so
 * values line up down the page and a long label (English, or a member's
 * name on the signatures page) is neither cut nor pushes its value aside. */
static int layout(const intake_state *st, slot_pos *pos, int width)
{
	int half_lw = HALF_LABEL, full_lw = FULL_LABEL - 2;
	bool any_full = false;

	for (size_t i = 0; i < st->n_items; i++) {
		const intake_item *it = &st->items[i];
		if (pairable(st->items, st->n_items, i)) {
			for (int k = 0; k < 2; k++) {
				int lw = label_cells(&st->items[i + (size_t)k]);
				if (lw > half_lw)
					half_lw = lw;
			}
			i++;
		} else if (it->kind != INTAKE_HEADING) {
			any_full = true;
			if (label_cells(it) > full_lw)
				full_lw = label_cells(it);
		}
	}
	if (half_lw > HALF_LABEL_MAX)
		half_lw = HALF_LABEL_MAX;
	int full_fx = full_lw + 2;
	if (full_fx > width - 12)
		full_fx = width - 12;
	/* the left half's values start where the full rows' values do */
	int left_fx = any_full && full_fx > half_lw + 1 && full_fx < HALF_COL - 8
		? full_fx : half_lw + 1;

	int row = 0;
	for (size_t i = 0; i < st->n_items; i++) {
		const intake_item *it = &st->items[i];
		if (pairable(st->items, st->n_items, i)) {
			for (int k = 0; k < 2; k++) {
				const intake_item *h = &st->items[i + (size_t)k];
				int fx = k == 0 ? left_fx : HALF_COL + half_lw + 1;
				int room = k == 0 ? HALF_COL - fx - 2 : width - fx - 1;
				int lw = ui_text_width(h->label);
				if (lw > fx - k * HALF_COL - 1 - (h->required ? 1 : 0))
					lw = fx - k * HALF_COL - 1 - (h->required ? 1 : 0);
				int fw = h->width > room ? room : h->width;
				pos[i + (size_t)k] = (slot_pos){ row, k * HALF_COL, lw, fx, fw };
			}
			i++;
			row++;
			continue;
		}
		int lw = ui_text_width(it->label);
		if (it->kind == INTAKE_HEADING) {
			pos[i] = (slot_pos){ row, 0, lw > width ? width : lw, width, 0 };
		} else {
			if (lw > full_fx - 2)
				lw = full_fx - 2;
			int fw = it->width > width - full_fx - 1 ? width - full_fx - 1 : it->width;
			pos[i] = (slot_pos){ row, 0, lw, full_fx, fw };
		}
		row++;
	}
	return row;
}

bool intake_ui_typed(const intake_item *it)
{
	switch (it->kind) {
	case INTAKE_TEXT:
	case INTAKE_NAME:
	case INTAKE_IDNUM:
	case INTAKE_ETHNIC:
	case INTAKE_PHONE:
	case INTAKE_YUAN:
	case INTAKE_DATE:
	case INTAKE_CERT:
		return true;
	case INTAKE_CHOICE:
	case INTAKE_YESNO:
	case INTAKE_COMPUTED:
	case INTAKE_HEADING:
	default:
		return false;
	}
}

static lineedit_kind edit_kind(intake_kind k)
{
	switch (k) {
	case INTAKE_IDNUM:
		return LINEEDIT_IDNUM;
	case INTAKE_PHONE:
		return LINEEDIT_PHONE;
	case INTAKE_YUAN:
		return LINEEDIT_DECIMAL;
	case INTAKE_DATE:
		return LINEEDIT_DATE;
	case INTAKE_TEXT:
	case INTAKE_NAME:
	case INTAKE_ETHNIC:
	case INTAKE_CERT:
	case INTAKE_CHOICE:
	case INTAKE_YESNO:
	case INTAKE_COMPUTED:
	case INTAKE_HEADING:
	default:
		return LINEEDIT_TEXT;
	}
}

/* Put the focused item's value into the editor. */
void intake_ui_load_field(intake_state *st)
{
	lineedit_finish(&st->le);
	st->le_loaded = false;
	if (st->focus < 0 || (size_t)st->focus >= st->n_items)
		return;
	const intake_item *it = &st->items[st->focus];
	if (!intake_ui_typed(it))
		return;
	lineedit_init(&st->le, edit_kind(it->kind), it->width > 0 ? it->width : 10,
		      (size_t)it->max_chars, 0);
	lineedit_set_utf8(&st->le, intake_get(st->form, it->ref));
	lineedit_end(&st->le);
	lineedit_mark_clean(&st->le);
	st->le_loaded = true;
}

static bool focusable(const intake_item *it)
{
	return it->kind != INTAKE_HEADING && it->kind != INTAKE_COMPUTED;
}

/* Rebuild the page's items (labels follow names, proofs follow categories),
 * keeping the focus on the same value. */
void intake_ui_rebuild(intake_state *st)
{
	intake_ref keep = { 0 };
	bool had = st->focus >= 0 && (size_t)st->focus < st->n_items;
	if (had)
		keep = st->items[st->focus].ref;
	free(st->items);
	st->items = intake_page_items(st->form, st->page, &st->n_items);
	st->focus = -1;
	for (size_t i = 0; had && i < st->n_items; i++)
		if (focusable(&st->items[i]) && st->items[i].ref.area == keep.area &&
		    st->items[i].ref.row == keep.row && st->items[i].ref.idx == keep.idx)
			st->focus = (int)i;
	if (st->focus < 0)
		for (size_t i = 0; i < st->n_items; i++)
			if (focusable(&st->items[i])) {
				st->focus = (int)i;
				break;
			}
}

/* Show page, focus on item focus (-1: first, -2: last field). */
void intake_ui_goto(intake_state *st, int page, int focus)
{
	st->page = page;
	st->focus = -1;
	free(st->items);
	st->items = intake_page_items(st->form, page, &st->n_items);
	if (focus >= 0 && (size_t)focus < st->n_items) {
		st->focus = focus;
	} else if (focus == -2) {
		for (size_t i = st->n_items; i-- > 0;)
			if (focusable(&st->items[i])) {
				st->focus = (int)i;
				break;
			}
	} else {
		for (size_t i = 0; i < st->n_items; i++)
			if (focusable(&st->items[i])) {
				st->focus = (int)i;
				break;
			}
	}
	st->top = 0;
	st->picking = false;
	intake_ui_load_field(st);
}

static void step(intake_state *st, ui_app *app, int dir)
{
	if (!intake_ui_leave(st, app))
		return;
	for (int i = st->focus + dir; i >= 0 && (size_t)i < st->n_items; i += dir)
		if (focusable(&st->items[i])) {
			st->focus = i;
			intake_ui_load_field(st);
			return;
		}
	/* past the page's end: on to the next page, one pass through the form */
	if (dir > 0 && st->page + 1 < INTAKE_PAGES)
		intake_ui_goto(st, st->page + 1, -1);
	else if (dir < 0 && st->page > 0)
		intake_ui_goto(st, st->page - 1, -2);
	else if (dir > 0)
		ui_app_message(app, false, "%s", _("End of the form: press F10 to submit."));
}

/* The required-proof rules, from the database in one query: the checklist
 * follows them. Without them the form still works (the missing list and the
 * submit are judged by the database); F5 tries again. */
static void load_rules(intake_state *st, ui_app *app)
{
	intake_rule *rules = NULL;
	size_t n = 0;
	db_err err;

	memset(&err, 0, sizeof err);
	if (!app->conn || !db_proof_rules(app->conn, &rules, &n, &err)) {
		ui_app_message(app, true, _("Proof rules not loaded: %s. F5 tries again."),
			       app->conn ? err.message : _("no database connection"));
		return;
	}
	if (!intake_set_rules(st->form, rules, n))
		ui_app_message(app, true, "%s", _("Out of memory."));
	db_proof_rules_free(rules);
}

/* ---- screen ops ---- */

static bool intake_open(ui_screen *s, ui_app *app, void *arg)
{
	intake_state *st = calloc(1, sizeof *st);
	ui_intake_arg *a = arg;
	int y, m, d;

	if (!st)
		return false;
	intake_ui_today(&y, &m, &d);
	if (a && a->form) {
		st->form = a->form;
		a->form = NULL;
		st->draft_id = a->draft_id;
		st->draft_version = a->version;
	} else {
		st->form = intake_form_create(y, m, d);
	}
	if (!st->form) {
		free(st);
		ui_app_message(app, true, "%s", _("Out of memory."));
		return false;
	}
	st->form->today_y = y, st->form->today_m = m, st->form->today_d = d;
	if (!st->form->idem_key[0] && !intake_uuid4(st->form->idem_key)) {
		intake_form_destroy(st->form);
		free(st);
		ui_app_message(app, true, "%s", _("Cannot read /dev/urandom to make the submission key."));
		return false;
	}
	/* one community: nothing to choose */
	if (!st->form->h[IH_COMMUNITY][0] && app->me.communities[0] &&
	    !strchr(app->me.communities, ','))
		intake_set(st->form, (intake_ref){ INTAKE_AREA_HOUSEHOLD, 0, IH_COMMUNITY },
			   app->me.communities);
	load_rules(st, app);
	st->last_key = intake_ui_now();
	s->data = st;
	intake_ui_goto(st, INTAKE_PAGE_APPLICANT, -1);
	if (st->draft_id)
		intake_ui_refresh_missing(st, app);
	return true;
}

static void intake_close(ui_screen *s, ui_app *app)
{
	intake_state *st = s->data;
	(void)app;
	if (!st)
		return;
	lineedit_finish(&st->le);
	free(st->items);
	free(st->picks);
	db_intake_missing_free(st->missing);
	intake_form_destroy(st->form);
	free(st);
	s->data = NULL;
}

static const char *intake_title(const ui_screen *s)
{
	const intake_state *st = s->data;
	return st ? st->title : "";
}

static const char *intake_action_name(const ui_screen *s, ui_action a)
{
	const intake_state *st = s->data;
	switch (a) {
	case UI_ACT_NEW:
		(void)st;
		return _("Add member");
	case UI_ACT_CANCEL:
		return _("Back");
	case UI_ACT_EXIT:
		return _("Keep draft, exit");
	default:
		return NULL;
	}
}

/* Keep the focused field's typed text in the form (unchecked) so that a
 * draft holds it: nothing typed is lost. */
static void keep_typing(intake_state *st)
{
	if (!st->le_loaded || !st->le.dirty || st->focus < 0)
		return;
	char *t = lineedit_get_utf8(&st->le);
	if (t) {
		intake_set(st->form, st->items[st->focus].ref, t);
		free(t);
	}
}

static void draw_value(intake_state *st, const intake_item *it, int y, int x, int w, bool focused)
{
	char buf[512];
	if (w <= 0)
		return;
	if (focused && st->le_loaded) {
		lineedit_set_width(&st->le, w);
		ui_field_draw(stdscr, y, x, &st->le, true);
		return;
	}
	intake_display(st->form, it, buf, sizeof buf);
	if (intake_ui_typed(it)) {
		lineedit tmp;
		lineedit_init(&tmp, LINEEDIT_TEXT, w, 0, 0);
		lineedit_set_utf8(&tmp, buf);
		ui_field_draw(stdscr, y, x, &tmp, false);
		lineedit_finish(&tmp);
		return;
	}
	attr_t at = it->kind == INTAKE_COMPUTED ? A_BOLD : A_UNDERLINE | (focused ? A_REVERSE : 0);
	for (int i = 0; i < w && it->kind != INTAKE_COMPUTED; i++)
		mvwaddch(stdscr, y, x + i, ' ' | at);
	ui_put(stdscr, y, x, buf, w, at);
}

static void draw_missing(intake_state *st, int y, int x, int w, int rows)
{
	char line[512];
	if (rows <= 0)
		return;
	if (!st->missing_known) {
		ui_put(stdscr, y, x, _("Still missing: (not checked yet - the database is not reachable)"), w, A_BOLD);
		return;
	}
	if (st->n_missing == 0) {
		ui_put(stdscr, y, x, _("Still missing: nothing. The application can be submitted complete."), w, A_BOLD);
		return;
	}
	snprintf(line, sizeof line, _("Still missing (%zu):"), st->n_missing);
	ui_put(stdscr, y++, x, line, w, A_BOLD);
	for (size_t i = 0; i < st->n_missing && i + 1 < (size_t)rows; i++) {
		const db_intake_missing *m = &st->missing[i];
		snprintf(line, sizeof line, "- %s", m->doc_name);
		if (m->person_name[0]) {
			/* the notice's own words: full-width brackets in Chinese */
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, _(" (of %s)"), m->person_name);
		}
		if (m->alternatives[0]) {
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, _(" or %s"), m->alternatives);
		}
		ui_put(stdscr, y++, x + 2, line, w - 2, A_NORMAL);
	}
}

static void draw_picker(intake_state *st, ui_rect r)
{
	int h = (int)st->n_picks + 2, w = 44;
	if (h > r.h - 2)
		h = r.h - 2;
	int y0 = r.y + 1, x0 = r.x + r.w - w - 2;
	int visible = h - 2, first = 0;
	if (st->pick_sel >= visible)
		first = st->pick_sel - visible + 1;
	for (int i = 0; i < h; i++) {
		for (int c = 0; c < w; c++)
			mvwaddch(stdscr, y0 + i, x0 + c, ' ' | A_REVERSE);
	}
	ui_put(stdscr, y0, x0 + 1, _("Choose (Enter), Esc: cancel"), w - 2, A_REVERSE | A_BOLD);
	for (int i = 0; i < visible && first + i < (int)st->n_picks; i++) {
		char line[200];
		int k = first + i;
		snprintf(line, sizeof line, "%2d %s", st->picks[k].num ? st->picks[k].num : k + 1,
			 st->picks[k].label);
		attr_t at = k == st->pick_sel ? A_NORMAL | A_BOLD : A_REVERSE;
		if (k == st->pick_sel)
			for (int c = 1; c < w - 1; c++)
				mvwaddch(stdscr, y0 + 1 + i, x0 + c, ' ');
		ui_put(stdscr, y0 + 1 + i, x0 + 1, line, w - 2, at);
	}
}

static void intake_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	intake_state *st = s->data;
	slot_pos *pos = calloc(st->n_items ? st->n_items : 1, sizeof *pos);
	(void)app;

	snprintf(st->title, sizeof st->title, _("New application %d/%d %s"),
		 st->page + 1, INTAKE_PAGES, intake_page_name(st->page));
	if (!pos)
		return;
	int body = r.h;
	int missing_rows = 0;
	if (st->page == INTAKE_PAGE_PROOFS)
		missing_rows = st->n_missing > 0 ? (int)st->n_missing + 1 : 1;
	if (missing_rows > body / 2)
		missing_rows = body / 2;
	int rows = layout(st, pos, r.w - 2);
	int view = body - missing_rows - (missing_rows ? 1 : 0);
	if (st->page == INTAKE_PAGE_MEMBERS)
		view--;   /* one line of help for the members */
	if (st->focus >= 0) {
		int fr = pos[st->focus].row;
		if (fr < st->top)
			st->top = fr > 0 && st->items[st->focus - 1].kind == INTAKE_HEADING ? fr - 1 : fr;
		if (fr >= st->top + view)
			st->top = fr - view + 1;
	}
	for (size_t i = 0; i < st->n_items; i++) {
		const intake_item *it = &st->items[i];
		int y = r.y + pos[i].row - st->top;
		int x = r.x + 1 + pos[i].col;
		if (pos[i].row < st->top || pos[i].row >= st->top + view)
			continue;
		bool focused = (int)i == st->focus;
		if (it->kind == INTAKE_HEADING) {
			ui_put(stdscr, y, x, it->label, r.w - 2 - pos[i].col, A_BOLD);
			continue;
		}
		char lab[120];
		snprintf(lab, sizeof lab, "%s%s", it->label, it->required ? "*" : "");
		ui_put(stdscr, y, x, lab, pos[i].label_w + (it->required ? 1 : 0), focused ? A_BOLD : A_NORMAL);
		draw_value(st, it, y, r.x + 1 + pos[i].field_x, pos[i].field_w, focused);
		if (focused) {
			if (st->le_loaded) {
				ui_field_place_cursor(stdscr, y, r.x + 1 + pos[i].field_x, &st->le);
				getyx(stdscr, *cy, *cx);
			} else {
				*cy = y;
				*cx = r.x + 1 + pos[i].field_x;
			}
		}
	}
	s->more = rows > st->top + view ? UI_MORE_MORE : (st->top > 0 ? UI_MORE_BOTTOM : UI_MORE_NONE);
	if (st->page == INTAKE_PAGE_MEMBERS) {
		char help[200];
		snprintf(help, sizeof help, "%s",
			 _("F6 adds a member; Delete on an empty member field removes that member."));
		ui_put(stdscr, r.y + body - 1, r.x + 1, help, r.w - 2, A_NORMAL);
	}
	if (missing_rows)
		draw_missing(st, r.y + body - missing_rows, r.x + 1, r.w - 2, missing_rows);
	if (st->picking) {
		draw_picker(st, r);
		*cy = -1;
	}
	free(pos);
}

static ui_result picker_key(intake_state *st, ui_app *app, ui_key k, ui_action a)
{
	if (a == UI_ACT_CANCEL || a == UI_ACT_CHOICES) {
		st->picking = false;
		return UI_HANDLED;
	}
	if (k.code && k.ch == KEY_UP)
		a = UI_ACT_PREV;
	if (k.code && k.ch == KEY_DOWN)
		a = UI_ACT_NEXT;
	switch (a) {
	case UI_ACT_PREV:
		if (st->pick_sel > 0)
			st->pick_sel--;
		return UI_HANDLED;
	case UI_ACT_NEXT:
		if (k.ch == L'\r' || k.ch == L'\n') {
			intake_ui_pick(st, app, st->pick_sel);
			return UI_HANDLED;
		}
		if ((size_t)st->pick_sel + 1 < st->n_picks)
			st->pick_sel++;
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
		st->pick_sel = st->pick_sel + 10 < (int)st->n_picks ? st->pick_sel + 10 : (int)st->n_picks - 1;
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
		st->pick_sel = st->pick_sel > 10 ? st->pick_sel - 10 : 0;
		return UI_HANDLED;
	default:
		break;
	}
	if (!k.code && k.ch >= L'1' && k.ch <= L'9' && intake_ui_pick_digit(st, (int)(k.ch - L'0')) >= 0) {
		intake_ui_pick(st, app, intake_ui_pick_digit(st, (int)(k.ch - L'0')));
		return UI_HANDLED;
	}
	return UI_HANDLED;   /* the list is modal */
}

/* Keys on a choice field: digits pick, Space toggles yes/no, Delete clears. */
static ui_result choice_key(intake_state *st, ui_app *app, const intake_item *it, ui_key k)
{
	if (k.code && (k.ch == KEY_DC || k.ch == KEY_BACKSPACE)) {
		intake_set(st->form, it->ref, "");
		intake_ui_changed(st, app, it);
		return UI_HANDLED;
	}
	if (k.code)
		return UI_UNHANDLED;
	if (it->kind == INTAKE_YESNO) {
		const char *v = NULL;
		wchar_t c = text_halfwidth((wchar_t)k.ch);   /* ｙ, １ from a full-width IME */
		if (c == L'y' || c == L'Y' || c == L'1' || c == L'是')
			v = "y";
		else if (c == L'n' || c == L'N' || c == L'0' || c == L'否')
			v = "";
		else if (c == L' ')
			v = strcmp(intake_get(st->form, it->ref), "y") ? "y" : "";
		if (!v) {
			/* not silently dropped: say how this field is answered */
			ui_app_message(app, false, "%s",
				       _("Press Space to switch yes/no (or type Y or N)."));
			beep();
			return UI_HANDLED;
		}
		intake_set(st->form, it->ref, v);
		intake_ui_changed(st, app, it);
		return UI_HANDLED;
	}
	if (k.ch == L' ' || (k.ch >= L'1' && k.ch <= L'9')) {
		if (!intake_ui_open_picker(st, app))
			return UI_HANDLED;
		int sel = k.ch != L' ' ? intake_ui_pick_digit(st, (int)(k.ch - L'0')) : -1;
		if (sel >= 0)
			intake_ui_pick(st, app, sel);
		return UI_HANDLED;
	}
	ui_app_message(app, false, "%s", _("Choose with F4 (or type the number of the choice)."));
	return UI_HANDLED;
}

static ui_result remove_member_key(intake_state *st, ui_app *app, ui_key k)
{
	int row = st->confirm_remove;
	st->confirm_remove = 0;
	if (!k.code && (k.ch == L'y' || k.ch == L'Y')) {
		if (intake_member_remove(st->form, row)) {
			ui_app_message(app, false, _("Member %d removed."), row + 1);
			st->focus = -1;
			intake_ui_goto(st, INTAKE_PAGE_MEMBERS, -1);
			st->unsaved = true;
			intake_ui_save_draft(st, app, true);
			intake_ui_refresh_missing(st, app);
		}
	} else {
		ui_app_message(app, false, "%s", _("Nothing removed."));
	}
	return UI_HANDLED;
}

static ui_result intake_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	intake_state *st = s->data;
	const intake_item *it = st->focus >= 0 ? &st->items[st->focus] : NULL;

	if (st->picking)
		return picker_key(st, app, k, a);
	if (st->confirm_remove)
		return remove_member_key(st, app, k);
	switch (a) {
	case UI_ACT_NEXT:
		step(st, app, 1);
		return UI_HANDLED;
	case UI_ACT_PREV:
		step(st, app, -1);
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
	case UI_ACT_PAGE_UP: {
		int p = st->page + (a == UI_ACT_PAGE_DOWN ? 1 : -1);
		if (p < 0 || p >= INTAKE_PAGES)
			return UI_HANDLED;
		if (intake_ui_leave(st, app))
			intake_ui_goto(st, p, -1);
		return UI_HANDLED;
	}
	case UI_ACT_CHOICES:
		if (it && it->list != INTAKE_LIST_NONE)
			intake_ui_open_picker(st, app);
		else
			ui_app_message(app, false, "%s", _("This field has no list of choices."));
		return UI_HANDLED;
	case UI_ACT_NEW:
		if (!intake_ui_leave(st, app))
			return UI_HANDLED;
		{
			int row = intake_member_add(st->form);
			if (row < 0)
				return UI_HANDLED;
			intake_ui_goto(st, INTAKE_PAGE_MEMBERS, -1);
			for (size_t i = 0; i < st->n_items; i++)
				if (st->items[i].ref.area == INTAKE_AREA_MEMBER && st->items[i].ref.row == row &&
				    st->items[i].ref.idx == IM_NAME) {
					st->focus = (int)i;
					break;
				}
			intake_ui_load_field(st);
			ui_app_message(app, false, _("Member %d added."), row + 1);
		}
		return UI_HANDLED;
	case UI_ACT_SAVE:
		return intake_ui_submit(s, app);
	case UI_ACT_EXIT:
	case UI_ACT_CANCEL:
		/* the draft keeps everything, even a field in error */
		keep_typing(st);
		st->unsaved = true;
		intake_ui_save_draft(st, app, true);
		if (a == UI_ACT_EXIT)
			return UI_QUIT;
		ui_app_pop(app);
		ui_app_message(app, false, "%s", _("The application is kept in My drafts."));
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		if (!st->form->n_rules) {
			load_rules(st, app);
			intake_ui_rebuild(st);   /* same field focused, typing kept */
		}
		intake_ui_refresh_missing(st, app);
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (!it)
		return UI_UNHANDLED;
	/* Delete on an empty field of a member asks to remove that member */
	if (k.code && k.ch == KEY_DC && it->ref.area == INTAKE_AREA_MEMBER && it->ref.row > 0 &&
	    (!st->le_loaded || st->le.len == 0) && !intake_get(st->form, it->ref)[0]) {
		st->confirm_remove = it->ref.row;
		ui_app_message(app, true, _("Remove member %d %s? Press Y to remove, any other key to keep."),
			       it->ref.row + 1, st->form->m[it->ref.row].v[IM_NAME]);
		return UI_HANDLED;
	}
	if (!st->le_loaded)
		return choice_key(st, app, it, k);
	lineedit_result r = ui_field_key(&st->le, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED) {
		if (st->le.readonly)
			ui_app_message(app, true, "%s", lineedit_unshowable_message());
		beep();
	}
	if (r == LINEEDIT_OK) {
		st->last_key = intake_ui_now();
		keep_typing(st);
		st->unsaved = true;
	}
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

/* SIGHUP, SIGTERM, Ctrl-C: keep what was typed, now. */
static void intake_save(ui_screen *s, ui_app *app)
{
	intake_state *st = s->data;
	if (!st)
		return;
	keep_typing(st);
	st->unsaved = true;
	intake_ui_save_draft(st, app, true);
}

/* A few seconds after the last key, the draft is saved. */
static long intake_tick(ui_screen *s, ui_app *app)
{
	intake_state *st = s->data;
	enum { IDLE_SAVE = 3 };
	if (!st || !st->unsaved)
		return -1;
	long left = (long)(st->last_key + IDLE_SAVE - intake_ui_now());
	if (left > 0)
		return left * 1000;
	keep_typing(st);
	intake_ui_save_draft(st, app, true);
	return -1;
}

const ui_screen_ops ui_intake_screen = {
	.id = "intake",
	.actions = intake_actions,
	.title = intake_title,
	.open = intake_open,
	.draw = intake_draw,
	.key = intake_key,
	.close = intake_close,
	.save = intake_save,
	.action_name = intake_action_name,
	.tick = intake_tick,
};
