/* find_ui.h - "where is my application?" (查询申请), the receptionist's
 * search by name, application number or ID-number suffix. */
#ifndef JZ_TUI_FIND_UI_H
#define JZ_TUI_FIND_UI_H

#include "app.h"

extern const ui_screen_ops ui_find_screen;   /* arg: NULL */

#endif
