/* scr_help.c - F1: the keys of the screen below, generated from the one key
 * table, and how the Ctrl alternatives work. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"

#define HELP_MAX_LINES 48

typedef struct help_line {
	char keys[64];
	const char *text;   /* translated, static */
	bool heading;
} help_line;

typedef struct help_state {
	const ui_screen *of;
	help_line lines[HELP_MAX_LINES];
	int count;
	int top;
	int page;   /* lines per page at the last draw */
	char title[160];
} help_state;

static const ui_action help_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_SELECT, UI_ACT_NONE,
};

static const char *help_title(const ui_screen *s)
{
	const help_state *st = s->data;
	return st ? st->title : _("Help");
}

static const char *help_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_CANCEL || a == UI_ACT_EXIT ? _("Back") : NULL;
}

static void add(help_state *st, const char *keys, const char *text, bool heading)
{
	if (st->count >= HELP_MAX_LINES)
		return;
	help_line *l = &st->lines[st->count++];
	snprintf(l->keys, sizeof l->keys, "%s", keys ? keys : "");
	l->text = text;
	l->heading = heading;
}

static bool help_open(ui_screen *s, ui_app *app, void *arg)
{
	help_state *st = calloc(1, sizeof *st);
	(void)app;
	if (!st)
		return false;
	st->of = arg;
	s->data = st;

	const char *name = st->of && st->of->ops->title ? st->of->ops->title(st->of) : "";
	snprintf(st->title, sizeof st->title, _("Help: %s"), name);
	add(st, NULL, _("Keys of this screen"), true);
	for (const ui_action *a = st->of ? st->of->ops->actions : NULL;
	     a && *a != UI_ACT_NONE; a++) {
		const ui_action_def *d = ui_action_get(*a);
		char keys[64];
		if (!d)
			continue;
		ui_keys_labels(*a, keys, sizeof keys);
		/* a screen that renames an action (F12 "Log out") says so */
		const char *renamed = st->of->ops->action_name
			? st->of->ops->action_name(st->of, *a) : NULL;
		add(st, keys, renamed ? renamed : _(d->help), false);
	}
	add(st, "Ctrl-C", _("Leave at once; what you typed is kept"), false);
	add(st, NULL, "", false);
	add(st, NULL, _("Typing in a field"), true);
	add(st, "Left/Right Home/End", _("Move in the field (also Ctrl-A, Ctrl-E)"), false);
	add(st, "Backspace/Delete", _("Delete a character; Ctrl-K to the end, Ctrl-U all"), false);
	add(st, "Insert", _("Switch between insert and overwrite"), false);
	add(st, NULL, "", false);
	add(st, NULL, _("Each F-key has a Ctrl key too (after the /) for SSH clients without F-keys."), false);
	add(st, NULL, _("PuTTY and Xshell F-keys work in their default settings."), false);
	return true;
}

static void help_close(ui_screen *s, ui_app *app)
{
	(void)app;
	free(s->data);
	s->data = NULL;
}

static void help_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	help_state *st = s->data;
	int keyw = 22;
	(void)app;
	(void)cy;
	(void)cx;

	st->page = r.h - 1;
	if (st->top > st->count - st->page)
		st->top = st->count - st->page;
	if (st->top < 0)
		st->top = 0;
	for (int i = 0; i < st->page && st->top + i < st->count; i++) {
		const help_line *l = &st->lines[st->top + i];
		int y = r.y + 1 + i;
		if (l->heading) {
			ui_put(stdscr, y, r.x + 2, l->text, r.w - 4, A_BOLD | A_UNDERLINE);
		} else if (l->keys[0]) {
			ui_put(stdscr, y, r.x + 4, l->keys, keyw, A_BOLD);
			ui_put(stdscr, y, r.x + 4 + keyw + 1, l->text, r.w - keyw - 6, A_NORMAL);
		} else {
			ui_put(stdscr, y, r.x + 4, l->text, r.w - 6, A_NORMAL);
		}
	}
	if (st->top + st->page < st->count)
		s->more = UI_MORE_MORE;
	else if (st->top > 0)
		s->more = UI_MORE_BOTTOM;
}

static ui_result help_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	help_state *st = s->data;
	int page = st->page > 1 ? st->page : 1;
	(void)k;

	switch (a) {
	case UI_ACT_HELP:
	case UI_ACT_EXIT:
	case UI_ACT_CANCEL:
	case UI_ACT_SELECT:
		ui_app_pop(app);   /* back to the screen, as it was */
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
		st->top -= page;
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
		if (st->top + page < st->count)
			st->top += page;
		return UI_HANDLED;
	case UI_ACT_UP:
		st->top--;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->top + page < st->count)
			st->top++;
		return UI_HANDLED;
	case UI_ACT_NONE:
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_help_screen = {
	.id = "help",
	.actions = help_actions,
	.title = help_title,
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	.save = NULL,
	.action_name = help_action_name,
};
