/* policy_ui.h - the administrator's policy figures (a change is a new row
 * dated today or later) and the holiday calendar / area-code list. */
#ifndef JZ_TUI_POLICY_UI_H
#define JZ_TUI_POLICY_UI_H

#include "app.h"

extern const ui_screen_ops ui_policy_screen;     /* arg: NULL */
extern const ui_screen_ops ui_holidays_screen;   /* arg: NULL */

#endif
