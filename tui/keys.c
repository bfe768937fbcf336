/* keys.c - the one table of named actions and the escape sequences of the
 * terminals our staff use.
 *
 * The Ctrl alternatives follow nano (Ctrl-G help, Ctrl-X exit, Ctrl-O write,
 * Ctrl-Y/V page) because some SSH clients send no F-keys. Avoided: Ctrl-C
 * (interrupt), Ctrl-S/Q (flow control), Ctrl-Z (suspend), Ctrl-H/I/J/M
 * (Backspace, Tab, Enter), Ctrl-A/E/K/U (editing keys of the field), Ctrl-B
 * (tmux prefix) and Ctrl-W (closes the tab of web consoles). */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define CTRL(c) ((c) & 0x1f)
#define FK(n, lab) { .code = true, .ch = KEY_F(n), .label = lab }
#define KC(k, lab) { .code = true, .ch = (k), .label = lab }
#define CH(c, lab) { .code = false, .ch = (c), .label = lab }

static const ui_action_def actions[UI_ACT_COUNT] = {
	[UI_ACT_HELP] = { .id = UI_ACT_HELP, .name = N_("Help"), .legend = true,
		.help = N_("Show the keys of this screen"),
		.keys = { FK(1, "F1"), CH(CTRL('G'), "Ctrl-G") } },
	[UI_ACT_EXIT] = { .id = UI_ACT_EXIT, .name = N_("Exit"), .legend = true,
		.help = N_("Leave jiuzhu (your work is kept)"),
		.keys = { FK(3, "F3"), CH(CTRL('X'), "Ctrl-X") } },
	[UI_ACT_CHOICES] = { .id = UI_ACT_CHOICES, .name = N_("Choices"), .legend = true,
		.help = N_("List the choices for this field"),
		.keys = { FK(4, "F4"), CH(CTRL('T'), "Ctrl-T") } },
	[UI_ACT_REFRESH] = { .id = UI_ACT_REFRESH, .name = N_("Refresh"), .legend = false,
		.help = N_("Read the data again and redraw the screen"),
		.keys = { FK(5, "F5"), CH(CTRL('R'), "Ctrl-R"), CH(CTRL('L'), "Ctrl-L") } },
	[UI_ACT_NEW] = { .id = UI_ACT_NEW, .name = N_("New"), .legend = true,
		.help = N_("Start a new record"),
		.keys = { FK(6, "F6"), CH(CTRL('N'), "Ctrl-N") } },
	[UI_ACT_SAVE] = { .id = UI_ACT_SAVE, .name = N_("Submit"), .legend = true,
		.help = N_("Save or submit what is on the screen"),
		.keys = { FK(10, "F10"), CH(CTRL('O'), "Ctrl-O") } },
	[UI_ACT_CANCEL] = { .id = UI_ACT_CANCEL, .name = N_("Cancel"), .legend = true,
		.help = N_("Go back without doing anything"),
		.keys = { FK(12, "F12"), CH(0x1b, "Esc") } },
	[UI_ACT_NEXT] = { .id = UI_ACT_NEXT, .name = N_("Next"), .legend = false,
		.help = N_("Next field"),
		.keys = { CH('\t', "Tab"), CH('\r', "Enter"), CH('\n', NULL), KC(KEY_DOWN, NULL) } },
	[UI_ACT_PREV] = { .id = UI_ACT_PREV, .name = N_("Previous"), .legend = false,
		.help = N_("Previous field"),
		.keys = { KC(KEY_BTAB, "Shift-Tab"), KC(KEY_UP, "Up") } },
	[UI_ACT_UP] = { .id = UI_ACT_UP, .name = N_("Up"), .legend = false,
		.help = N_("Move up"),
		.keys = { KC(KEY_UP, "Up"), KC(KEY_BTAB, "Shift-Tab") } },
	[UI_ACT_DOWN] = { .id = UI_ACT_DOWN, .name = N_("Down"), .legend = false,
		.help = N_("Move down"),
		.keys = { KC(KEY_DOWN, "Down"), CH('\t', "Tab") } },
	[UI_ACT_SELECT] = { .id = UI_ACT_SELECT, .name = N_("Open"), .legend = false,
		.help = N_("Open the chosen item"),
		.keys = { CH('\r', "Enter"), CH('\n', NULL), KC(KEY_ENTER, NULL) } },
	[UI_ACT_PAGE_UP] = { .id = UI_ACT_PAGE_UP, .name = N_("Page up"), .legend = false,
		.help = N_("Previous page"),
		.keys = { KC(KEY_PPAGE, "PgUp"), FK(7, "F7"), CH(CTRL('Y'), "Ctrl-Y") } },
	[UI_ACT_PAGE_DOWN] = { .id = UI_ACT_PAGE_DOWN, .name = N_("Page down"), .legend = false,
		.help = N_("Next page"),
		.keys = { KC(KEY_NPAGE, "PgDn"), FK(8, "F8"), CH(CTRL('V'), "Ctrl-V") } },
	[UI_ACT_FILTER] = { .id = UI_ACT_FILTER, .name = N_("Filter"), .legend = false,
		.help = N_("Show only the lines that contain a text"),
		.keys = { CH('/', "/") } },
	[UI_ACT_LIST_HELP] = { .id = UI_ACT_LIST_HELP, .name = N_("Help"), .legend = false,
		.help = N_("Show the keys of this list"),
		.keys = { CH('?', "?") } },
	[UI_ACT_SORT] = { .id = UI_ACT_SORT, .name = N_("Sort"), .legend = false,
		.help = N_("Sort the list by the next key"),
		.keys = { FK(9, "F9"), CH('s', "s") } },
	[UI_ACT_DELETE] = { .id = UI_ACT_DELETE, .name = N_("Delete"), .legend = true,
		.help = N_("Delete the chosen item"),
		.keys = { KC(KEY_DC, "Del") } },
	[UI_ACT_INTERRUPT] = { .id = UI_ACT_INTERRUPT, .name = N_("Quit"), .legend = false,
		.help = N_("Save and leave at once"),
		.keys = { CH(CTRL('C'), "Ctrl-C") } },
};

const ui_action_def *ui_action_get(ui_action id)
{
	if (id <= UI_ACT_NONE || id >= UI_ACT_COUNT)
		return NULL;
	return &actions[id];
}

static bool matches(const ui_action_def *a, ui_key k)
{
	for (int i = 0; i < UI_KEYS_PER_ACTION; i++) {
		const ui_keydef *d = &a->keys[i];
		if (d->ch == 0)
			break;
		/* KEY_ENTER from the keypad counts as Enter */
		if (d->code == k.code && (wint_t)d->ch == k.ch)
			return true;
	}
	return false;
}

ui_action ui_keys_lookup(const ui_action *list, ui_key k)
{
	if (matches(&actions[UI_ACT_INTERRUPT], k))
		return UI_ACT_INTERRUPT;
	for (; list && *list != UI_ACT_NONE; list++) {
		const ui_action_def *a = ui_action_get(*list);
		if (a && matches(a, k))
			return *list;
	}
	return UI_ACT_NONE;
}

void ui_keys_labels(ui_action id, char *buf, size_t len)
{
	const ui_action_def *a = ui_action_get(id);
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!a)
		return;
	for (int i = 0; i < UI_KEYS_PER_ACTION && a->keys[i].ch != 0; i++) {
		if (!a->keys[i].label)
			continue;
		int n = snprintf(buf + used, len - used, "%s%s",
				 used ? "/" : "", a->keys[i].label);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}

void ui_keys_define(void)
{
	/* PuTTY (ESC[n~ for F1-F12, its default) and xterm / VT100 (ESC O P..S);
	 * terminfo already knows the TERM's own, these cover a wrong TERM. */
	static const struct { const char *seq; int key; } seqs[] = {
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
		{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
		{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
		{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
		{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
		{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
		{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },  /* linux console */
		{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
		{ "\033[[E", KEY_F(5) },
		{ "\033[Z", KEY_BTAB },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
		{ "\033[3~", KEY_DC }, { "\033[2~", KEY_IC },
	};
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		define_key(seqs[i].seq, seqs[i].key);
}
