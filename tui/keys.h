/* keys.h - every key the TUI knows, as named actions in one table (id, name,
 * help text, keys). Screens declare which actions they use; the key legend
 * and the F1 help are generated from this table. */
#ifndef JZ_TUI_KEYS_H
#define JZ_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef enum ui_action {
	UI_ACT_NONE = 0,
	UI_ACT_HELP,        /* F1 */
	UI_ACT_EXIT,        /* F3 */
	UI_ACT_CHOICES,     /* F4 */
	UI_ACT_REFRESH,     /* F5 */
	UI_ACT_NEW,         /* F6 */
	UI_ACT_SAVE,        /* F10: save / submit / log in */
	UI_ACT_CANCEL,      /* F12 / Esc */
	UI_ACT_NEXT,        /* Tab / Enter */
	UI_ACT_PREV,        /* Shift-Tab */
	UI_ACT_UP,
	UI_ACT_DOWN,
	UI_ACT_SELECT,      /* Enter in lists and menus */
	UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN,
	UI_ACT_FILTER,      /* '/' in lists */
	UI_ACT_LIST_HELP,   /* '?' in lists */
	UI_ACT_SORT,        /* 's' / F9 in lists: next sort key */
	UI_ACT_DELETE,      /* Delete: remove the chosen item (a screen's own) */
	UI_ACT_INTERRUPT,   /* Ctrl-C in raw mode: save and leave, like SIGINT */
	UI_ACT_COUNT
} ui_action;

/* One key as wget_wch returns it. */
typedef struct ui_key {
	bool code;      /* rc was KEY_CODE_YES: ch is a KEY_* value */
	wint_t ch;
} ui_key;

typedef struct ui_keydef {
	bool code;
	int ch;
	const char *label;   /* "F1", "Ctrl-G" (not translated: keycaps) */
} ui_keydef;

#define UI_KEYS_PER_ACTION 4

typedef struct ui_action_def {
	ui_action id;
	const char *name;    /* legend word, N_() */
	const char *help;    /* help screen text, N_() */
	bool legend;         /* shown in the key legend line */
	ui_keydef keys[UI_KEYS_PER_ACTION];   /* label NULL ends the list */
} ui_action_def;

const ui_action_def *ui_action_get(ui_action id);

/* Which of the screen's actions (a list ended by UI_ACT_NONE) this key means;
 * UI_ACT_NONE when none, so a text field may take it. Ctrl-C always means
 * UI_ACT_INTERRUPT. */
ui_action ui_keys_lookup(const ui_action *actions, ui_key k);

/* Teach ncurses the F-key sequences of PuTTY and xterm (call after newterm). */
void ui_keys_define(void);

/* "F1/Ctrl-G" into buf: every label of the action joined with '/'. */
void ui_keys_labels(ui_action id, char *buf, size_t len);

#endif
