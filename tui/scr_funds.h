/* scr_funds.h - the supervisor's funds screen (资金与发放): forecast,
 * shortfall, monthly payment run, bank CSV. */
#ifndef JZ_TUI_SCR_FUNDS_H
#define JZ_TUI_SCR_FUNDS_H

#include "app.h"

extern const ui_screen_ops ui_funds_screen;   /* arg: NULL */

#endif
