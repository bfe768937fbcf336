/* svc_form.c - see svc_form.h. */
#include "svc_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"

void svc_form_init(svc_form *sf, const svc_form_spec *spec, ui_app *app, void *ctx)
{
	char y[16];
	time_t now = time(NULL);
	struct tm tm;

	*sf = (svc_form){ .spec = spec, .ctx = ctx, .app = app, .mode = SVC_LIST };
	localtime_r(&now, &tm);
	snprintf(y, sizeof y, "%04d", tm.tm_year + 1900);
	lineedit_init(&sf->year, LINEEDIT_DIGITS, 5, 4, 0);
	lineedit_set_utf8(&sf->year, y);
	for (int i = 0; i < SVC_FIELDS; i++)
		lineedit_init(&sf->f[i], spec->kinds[i], spec->widths[i], spec->maxc[i], 0);
	ui_list_init(&sf->list, spec->cols, spec->ncols, spec->ops, ctx);
	enrol_view_init(&sf->view, spec->people, app, ctx);
}

void svc_form_finish(svc_form *sf)
{
	lineedit_finish(&sf->year);
	for (int i = 0; i < SVC_FIELDS; i++)
		lineedit_finish(&sf->f[i]);
	ui_list_finish(&sf->list);
	enrol_view_finish(&sf->view);
}

int svc_form_year(svc_form *sf)
{
	char *t = lineedit_get_utf8(&sf->year);
	int y = t ? atoi(t) : 0;

	free(t);
	if (y < 2000 || y > 2999) {
		ui_app_message(sf->app, true, "%s", _("Year: four digits, e.g. 2025."));
		return 0;
	}
	return y;
}

void svc_form_draw_year(svc_form *sf, ui_rect r)
{
	ui_put(stdscr, r.y, r.x + 1, _("Year"), 8, A_NORMAL);
	ui_field_draw(stdscr, r.y, r.x + 7, &sf->year, sf->mode == SVC_LIST);
}

ui_more svc_form_draw(svc_form *sf, ui_rect r, int y, int *cy, int *cx)
{
	const svc_form_spec *sp = sf->spec;
	int x = r.x + 1;
	char line[256];
	ui_rect lr = { .y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w };
	ui_more more = UI_MORE_NONE;

	switch (sf->mode) {
	case SVC_LIST:
		if (sf->list.count == 0)
			ui_put(stdscr, y + 1, x, _(sp->none), r.w - 2, A_NORMAL);
		else
			more = ui_list_draw(&sf->list, lr, cy, cx);
		ui_field_place_cursor(stdscr, r.y, x + 6, &sf->year);
		getyx(stdscr, *cy, *cx);
		break;
	case SVC_FORM:
		ui_put(stdscr, y++, x, _(sp->form_title), r.w - 2, A_BOLD);
		for (int i = 0; i < SVC_FIELDS; i++)
			enrol_form_line(y + i, x, r.w, _(sp->labels[i]), &sf->f[i], sf->focus == i, sf->ferr[i]);
		ui_field_place_cursor(stdscr, y + sf->focus, x + 14, &sf->f[sf->focus]);
		getyx(stdscr, *cy, *cx);
		break;
	case SVC_PEOPLE:
		sp->heading(sf->ctx, line, sizeof line);
		ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
		more = enrol_view_draw(&sf->view, r, y, cy, cx);
		break;
	}
	return more;
}

bool svc_form_on_people(const svc_form *sf)
{
	return sf->mode == SVC_PEOPLE && !sf->view.picking;
}

bool svc_form_applies(const svc_form *sf, ui_action a)
{
	switch (sf->mode) {
	case SVC_LIST:
		return a != UI_ACT_CHOICES && a != UI_ACT_SAVE;
	case SVC_FORM:
		return a != UI_ACT_CHOICES && a != UI_ACT_NEW && a != UI_ACT_REFRESH;
	case SVC_PEOPLE:
	default:
		return !sf->view.picking || (a != UI_ACT_CHOICES && a != UI_ACT_NEW && a != UI_ACT_SAVE);
	}
}

bool svc_form_refused(svc_form *sf)
{
	for (int i = 0; i < SVC_FIELDS; i++)
		if (sf->ferr[i][0]) {
			sf->focus = i;
			break;
		}
	ui_app_message(sf->app, true, "%s", _("Please correct the marked field; nothing was saved."));
	return false;
}

static ui_result key_list(svc_form *sf, ui_app *app, ui_key k, ui_action a)
{
	switch (a) {
	case UI_ACT_REFRESH:
	case UI_ACT_NEXT:
		ui_app_clear_message(app);
		sf->spec->load(sf->ctx);
		return UI_HANDLED;
	case UI_ACT_NEW:
		for (int i = 0; i < SVC_FIELDS; i++)
			sf->ferr[i][0] = '\0';
		sf->focus = 0;
		sf->mode = SVC_FORM;
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (sf->list.count == 0)
			return UI_HANDLED;
		sf->mode = SVC_PEOPLE;
		enrol_view_open(&sf->view);
		return UI_HANDLED;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_NONE:
		return enrol_field_key(&sf->year, k);
	default:
		return ui_list_key(&sf->list, app, k, a);
	}
}

static ui_result key_form(svc_form *sf, ui_app *app, ui_key k, ui_action a)
{
	switch (a) {
	case UI_ACT_CANCEL:
		sf->mode = SVC_LIST;
		ui_app_clear_message(app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (sf->spec->save(sf->ctx)) {
			for (int i = 0; i < SVC_FIELDS; i++)
				lineedit_set_utf8(&sf->f[i], "");
			sf->mode = SVC_LIST;
		}
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_SELECT:
	case UI_ACT_DOWN:
		sf->focus = (sf->focus + 1) % SVC_FIELDS;
		return UI_HANDLED;
	case UI_ACT_PREV:
	case UI_ACT_UP:
		sf->focus = (sf->focus + SVC_FIELDS - 1) % SVC_FIELDS;
		return UI_HANDLED;
	case UI_ACT_NONE:
		return enrol_field_key(&sf->f[sf->focus], k);
	default:
		return UI_UNHANDLED;
	}
}

ui_result svc_form_key(svc_form *sf, ui_app *app, ui_key k, ui_action a)
{
	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	switch (sf->mode) {
	case SVC_FORM:
		return key_form(sf, app, k, a);
	case SVC_PEOPLE:
		if (a == UI_ACT_CANCEL && !sf->view.picking) {
			sf->mode = SVC_LIST;
			ui_app_clear_message(app);
			return UI_HANDLED;
		}
		return enrol_view_key(&sf->view, app, k, a);
	case SVC_LIST:
	default:
		return key_list(sf, app, k, a);
	}
}
