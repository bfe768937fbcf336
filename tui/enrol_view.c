/* enrol_view.c - see enrol_view.h. */
#include "enrol_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "idnum.h"
#include "services.h"

static const void *row_at(const void *rows, size_t size, size_t i)
{
	return (const char *)rows + i * size;
}

const void *enrol_view_row(const enrol_view *v, size_t i)
{
	return row_at(v->people, v->spec->row_size, i);
}

static void people_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	enrol_view *v = ctx;
	v->spec->cell(enrol_view_row(v, row), col, buf, len);
}

static void pick_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	enrol_view *v = ctx;

	if (col >= 2)
		snprintf(buf, len, "%s", "");
	else
		v->spec->cell(row_at(v->pick, v->spec->row_size, row), col, buf, len);
}

static const ui_list_ops people_ops = { .cell = people_cell };
static const ui_list_ops pick_ops = { .cell = pick_cell };

void enrol_view_init(enrol_view *v, const enrol_view_spec *spec, ui_app *app, void *ctx)
{
	*v = (enrol_view){ .spec = spec, .ctx = ctx, .app = app };
	lineedit_init(&v->p[ENROL_ID], LINEEDIT_IDNUM, 19, 18, 0);
	lineedit_init(&v->p[ENROL_F1], LINEEDIT_TEXT, 4, 3, 0);
	lineedit_init(&v->p[ENROL_F2], spec->kind2, spec->width2, spec->max2, 0);
	ui_list_init(&v->plist, spec->cols, spec->ncols, &people_ops, v);
	ui_list_init(&v->klist, spec->cols, 2, &pick_ops, v);
}

void enrol_view_finish(enrol_view *v)
{
	for (int i = 0; i < ENROL_FIELDS; i++)
		lineedit_finish(&v->p[i]);
	ui_list_finish(&v->plist);
	ui_list_finish(&v->klist);
	free(v->people);
	free(v->pick);
}

static bool load_persons(enrol_view *v, bool enrolled, void **out, size_t *n)
{
	void *rows = NULL;
	bool ok;

	free(*out);
	*out = NULL;
	*n = 0;
	ok = v->spec->load(v->ctx, enrolled, &rows, n);
	*out = rows;
	return ok;
}

/* The fields show the person under the cursor. */
static void show_person(enrol_view *v)
{
	v->spec->show(v, v->npeople ? enrol_view_row(v, v->plist.cursor) : NULL);
	v->perr[ENROL_F1][0] = v->perr[ENROL_F2][0] = '\0';
}

static void load_people(enrol_view *v)
{
	load_persons(v, true, &v->people, &v->npeople);
	ui_list_set_rows(&v->plist, v->npeople, v->plist.cursor);
	show_person(v);
}

void enrol_view_open(enrol_view *v)
{
	v->picking = false;
	v->pfocus = ENROL_ID;
	v->perr[ENROL_ID][0] = '\0';
	load_people(v);
}

void enrol_form_line(int y, int x, int w, const char *label, lineedit *le, bool focus, const char *err)
{
	ui_put(stdscr, y, x, label, 13, A_NORMAL);
	ui_field_draw(stdscr, y, x + 14, le, focus);
	if (err && err[0])
		ui_put(stdscr, y, x + 15 + le->width, err, w - 15 - le->width - x, A_BOLD);
}

ui_more enrol_view_draw(enrol_view *v, ui_rect r, int y, int *cy, int *cx)
{
	const enrol_view_spec *sp = v->spec;
	int x = r.x + 1, f2 = x + sp->field2_x, e2 = f2 + v->p[ENROL_F2].width + 1;
	ui_rect lr;
	ui_more more;

	enrol_form_line(y, x, r.w, _("Enrol ID no."), &v->p[ENROL_ID], !v->picking && v->pfocus == ENROL_ID,
			v->perr[ENROL_ID]);
	y++;
	if (v->picking) {
		ui_put(stdscr, y++, x, _(sp->pick_title), r.w - 2, A_NORMAL);
		lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
		return ui_list_draw(&v->klist, lr, cy, cx);
	}
	enrol_form_line(y, x, 40, _(sp->label1), &v->p[ENROL_F1], v->pfocus == ENROL_F1, v->perr[ENROL_F1]);
	ui_put(stdscr, y, x + 22, _(sp->label2), sp->label2_width, A_NORMAL);
	ui_field_draw(stdscr, y, f2, &v->p[ENROL_F2], v->pfocus == ENROL_F2);
	if (v->perr[ENROL_F2][0])
		ui_put(stdscr, y, e2, v->perr[ENROL_F2], r.w - (e2 - x) - 2, A_BOLD);
	y++;
	lr = (ui_rect){ .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
	more = ui_list_draw(&v->plist, lr, cy, cx);
	ui_field_place_cursor(stdscr, v->pfocus == ENROL_ID ? y - 2 : y - 1, v->pfocus == ENROL_F2 ? f2 : x + 14,
			      &v->p[v->pfocus]);
	getyx(stdscr, *cy, *cx);
	return more;
}

static void enrol(enrol_view *v)
{
	char *t = lineedit_get_utf8(&v->p[ENROL_ID]), name[96];
	long long pid = 0;
	db_err e;

	idnum id;
	idnum_err bad = t ? idnum_parse(t, 0, 0, 0, &id) : IDNUM_EMPTY;

	v->perr[ENROL_ID][0] = '\0';
	v->pfocus = ENROL_ID;
	if (bad != IDNUM_OK) {
		/* a slip of one digit is told as such, not as nobody found */
		idnum_explain(bad, &id, v->perr[ENROL_ID], VALID_MSG_SIZE);
	} else if (!db_service_person(v->app->conn, id.id, &pid, name, sizeof name, &e) || pid == 0) {
		snprintf(v->perr[ENROL_ID], VALID_MSG_SIZE, "%s", _("no person with this ID number in your communities"));
	} else if (v->spec->enrol(v->ctx, pid, name, v->perr[ENROL_ID], VALID_MSG_SIZE)) {
		lineedit_set_utf8(&v->p[ENROL_ID], "");
		load_people(v);
		v->spec->changed(v->ctx);
	}
	if (v->perr[ENROL_ID][0])
		ui_app_message(v->app, true, _("Not enrolled: %s."), v->perr[ENROL_ID]);
	free(t);
}

static void save(enrol_view *v)
{
	char *a = lineedit_get_utf8(&v->p[ENROL_F1]);
	bool yes = false;
	enum enrol_saved r = ENROL_INVALID;
	db_err e;

	v->perr[ENROL_F1][0] = v->perr[ENROL_F2][0] = '\0';
	if (v->npeople == 0) {
		ui_app_message(v->app, true, "%s", _("Nobody is enrolled yet."));
		goto out;
	}
	if (a && (strcmp(a, _("yes")) == 0 || strcmp(a, "y") == 0 || strcmp(a, "1") == 0)) {
		yes = true;
	} else if (!a || !(strcmp(a, _("no")) == 0 || strcmp(a, "n") == 0 || strcmp(a, "0") == 0)) {
		snprintf(v->perr[ENROL_F1], VALID_MSG_SIZE, "%s", _("yes or no"));
		v->pfocus = ENROL_F1;
		ui_app_message(v->app, true, "%s", _("Please correct the marked field; nothing was saved."));
		goto out;
	}
	r = v->spec->save(v->ctx, v, enrol_view_row(v, v->plist.cursor), yes, &e);
	if (r == ENROL_INVALID) {
		v->pfocus = ENROL_F2;
		ui_app_message(v->app, true, "%s", _("Please correct the marked field; nothing was saved."));
	} else if (r == ENROL_FAILED) {
		ui_app_message(v->app, true, _("Not saved: %s"), e.message);
	} else {
		load_people(v);
		v->spec->changed(v->ctx);
	}
out:
	free(a);
}

ui_result enrol_field_key(lineedit *le, ui_key k)
{
	lineedit_result r = ui_field_key(le, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

static ui_result key_pick(enrol_view *v, ui_app *app, ui_key k, ui_action a)
{
	char id[64];

	switch (a) {
	case UI_ACT_CANCEL:
		v->picking = false;
		return UI_HANDLED;
	case UI_ACT_SELECT:
	case UI_ACT_SAVE:
		if (v->npick) {
			v->spec->cell(row_at(v->pick, v->spec->row_size, v->klist.cursor), 1, id, sizeof id);
			lineedit_set_utf8(&v->p[ENROL_ID], id);
		}
		v->picking = false;
		v->pfocus = ENROL_ID;
		return UI_HANDLED;
	default:
		return ui_list_key(&v->klist, app, k, a);
	}
}

/* Cancel (back to the activities) is the screen's. */
ui_result enrol_view_key(enrol_view *v, ui_app *app, ui_key k, ui_action a)
{
	ui_result r;

	if (v->picking)
		return key_pick(v, app, k, a);
	/* the screens map Tab to Down and Shift-Tab to Up (their lists): here
	 * they go from field to field, as on the form; Down moved the list and
	 * put its row's answers over the ones being typed */
	if (!k.code && k.ch == L'\t')
		a = UI_ACT_NEXT;
	else if (k.code && k.ch == KEY_BTAB)
		a = UI_ACT_PREV;
	switch (a) {
	case UI_ACT_NEW:
		enrol(v);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		save(v);
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		if (load_persons(v, false, &v->pick, &v->npick)) {
			ui_list_set_rows(&v->klist, v->npick, 0);
			v->picking = true;
			if (v->npick == 0)
				ui_app_message(app, false, "%s", _(v->spec->pick_none));
		}
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_SELECT:
		v->pfocus = (v->pfocus + 1) % ENROL_FIELDS;
		return UI_HANDLED;
	case UI_ACT_PREV:
		v->pfocus = (v->pfocus + ENROL_FIELDS - 1) % ENROL_FIELDS;
		return UI_HANDLED;
	case UI_ACT_NONE:
		return enrol_field_key(&v->p[v->pfocus], k);
	default:
		r = ui_list_key(&v->plist, app, k, a);
		show_person(v);
		return r;
	}
}
