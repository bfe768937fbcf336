/* scr_drafts.c - My drafts: the applications this staff member started and
 * has not submitted. Enter resumes one with every field it had; after login
 * the list is offered with a question first. */
#include "intake_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "intake_draft.h"

typedef struct drafts_state {
	db_draft_info *v;
	size_t n;
	int sel;
	bool asking;        /* "You have N drafts. Continue?" */
} drafts_state;

static const ui_action drafts_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_NEW, UI_ACT_CANCEL, UI_ACT_REFRESH, UI_ACT_SELECT,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_NONE,
};

static const char *drafts_title(const ui_screen *s)
{
	(void)s;
	return _("My drafts");
}

static const char *drafts_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("New application");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

static bool load(drafts_state *st, ui_app *app)
{
	db_err err;
	memset(&err, 0, sizeof err);
	free(st->v);
	st->v = NULL;
	st->n = 0;
	if (!app->conn || !db_draft_list(app->conn, &st->v, &st->n, &err)) {
		ui_app_message(app, true, _("The drafts could not be read: %s"),
			       app->conn ? err.message : _("not connected"));
		return false;
	}
	if (st->sel >= (int)st->n)
		st->sel = st->n ? (int)st->n - 1 : 0;
	return true;
}

static bool drafts_open(ui_screen *s, ui_app *app, void *arg)
{
	drafts_state *st = calloc(1, sizeof *st);
	if (!st)
		return false;
	st->asking = arg != NULL;
	s->data = st;
	load(st, app);
	return true;
}

static void drafts_close(ui_screen *s, ui_app *app)
{
	drafts_state *st = s->data;
	(void)app;
	if (!st)
		return;
	free(st->v);
	free(st);
	s->data = NULL;
}

void ui_drafts_offer(ui_app *app)
{
	db_draft_info *v = NULL;
	size_t n = 0;
	db_err err;
	memset(&err, 0, sizeof err);
	if (!app->conn || !db_draft_list(app->conn, &v, &n, &err))
		return;
	free(v);
	if (n > 0)
		ui_app_push(app, &ui_drafts_screen, app);
}

static void drafts_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	drafts_state *st = s->data;
	char line[400];
	int y = r.y + 1, x = r.x + 2, w = r.w - 4;
	(void)app;
	(void)cy;
	(void)cx;

	if (st->asking) {
		snprintf(line, sizeof line, _("You have %zu unfinished drafts. Continue with one? (Y/N)"), st->n);
		ui_put_centred(stdscr, r.y + r.h / 2, r.x, r.w, line, A_BOLD);
		return;
	}
	if (st->n == 0) {
		ui_put(stdscr, y, x, _("You have no drafts. F6 starts a new application."), w, A_NORMAL);
		return;
	}
	ui_put(stdscr, y, x, _("Choose a draft and press Enter to continue it:"), w, A_NORMAL);
	y += 2;
	int rows = r.h - 4, first = st->sel >= rows ? st->sel - rows + 1 : 0;
	for (int i = 0; i < rows && first + i < (int)st->n; i++) {
		const db_draft_info *d = &st->v[first + i];
		snprintf(line, sizeof line, " %2d. %s  %s ", first + i + 1, d->updated_at,
			 d->applicant_name[0] ? d->applicant_name : _("(no name yet)"));
		ui_put(stdscr, y + i, x, line, w, first + i == st->sel ? A_REVERSE | A_BOLD : A_NORMAL);
	}
	s->more = first + rows < (int)st->n ? UI_MORE_MORE : UI_MORE_NONE;
}

/* Load a draft, let PostgreSQL flatten it, set the form field by field. */
static void resume(drafts_state *st, ui_app *app)
{
	db_err err;
	char *json = NULL;
	int version = 0, y, m, d;
	db_form_pair *p = NULL;
	size_t n = 0;
	const db_draft_info *di = &st->v[st->sel];

	memset(&err, 0, sizeof err);
	if (!db_draft_load(app->conn, di->id, &json, &version, &err) ||
	    !db_form_flatten(app->conn, json, &p, &n, &err)) {
		ui_app_message(app, true, _("The draft could not be opened: %s"), err.message);
		free(json);
		return;
	}
	free(json);
	intake_ui_today(&y, &m, &d);
	ui_intake_arg a = { .form = intake_form_create(y, m, d), .draft_id = di->id, .version = version };
	if (!a.form) {
		db_form_pairs_free(p, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		intake_set_path(a.form, p[i].path, p[i].value);
	intake_restore_finish(a.form);
	db_form_pairs_free(p, n);
	/* st is freed here */
	if (!ui_app_replace(app, &ui_intake_screen, &a))
		intake_form_destroy(a.form);
}

static ui_result drafts_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	drafts_state *st = s->data;

	if (st->asking) {
		if (a == UI_ACT_EXIT)
			return UI_QUIT;
		if (!k.code && (k.ch == L'y' || k.ch == L'Y' || k.ch == L'\r' || k.ch == L'是')) {
			st->asking = false;
			if (st->n == 1)
				resume(st, app);
		} else {
			ui_app_pop(app);
		}
		return UI_HANDLED;
	}
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_NEW:
		ui_app_replace(app, &ui_intake_screen, NULL);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_UP:
		if (st->sel > 0)
			st->sel--;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->sel + 1 < (int)st->n)
			st->sel++;
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (st->n)
			resume(st, app);
		return UI_HANDLED;
	default:
		break;
	}
	if (!k.code && k.ch >= L'1' && k.ch <= L'9' && (size_t)(k.ch - L'1') < st->n) {
		st->sel = (int)(k.ch - L'1');
		resume(st, app);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

const ui_screen_ops ui_drafts_screen = {
	.id = "drafts",
	.actions = drafts_actions,
	.title = drafts_title,
	.open = drafts_open,
	.draw = drafts_draw,
	.key = drafts_key,
	.close = drafts_close,
	.save = NULL,
	.action_name = drafts_action_name,
	.tick = NULL,
};
