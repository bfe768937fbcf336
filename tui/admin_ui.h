/* admin_ui.h - the administrator's staff accounts, the audit trail
 * (supervisors and administrators) and the safe edit of an application's
 * contact fields (DESIGN §5: the second of two conflicting saves shows what
 * the other person changed and keeps its own input). */
#ifndef JZ_TUI_ADMIN_UI_H
#define JZ_TUI_ADMIN_UI_H

#include "app.h"

extern const ui_screen_ops ui_staff_screen;     /* arg: NULL */
extern const ui_screen_ops ui_audit_screen;     /* arg: NULL */
extern const ui_screen_ops ui_appedit_screen;   /* arg: const char * number or NULL */

#endif
