/* services_ui.h - the supervisor's service screens (issue 7 items 1, 2, 5):
 * 心理辅导 (scr_counsel.c), 技能培训 (scr_training.c), 满意度回访
 * (scr_feedback.c). Each opens with arg NULL. */
#ifndef JZ_TUI_SERVICES_UI_H
#define JZ_TUI_SERVICES_UI_H

#include "app.h"

extern const ui_screen_ops ui_counsel_screen;
extern const ui_screen_ops ui_training_screen;
extern const ui_screen_ops ui_feedback_screen;

#endif
