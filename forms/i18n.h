/* i18n.h - gettext for every module: English source strings, Chinese in
 * po/zh_CN/. The domain is bound once, in tui/main.c. */
#ifndef JZ_I18N_H
#define JZ_I18N_H

#include <libintl.h>

#define JZ_TEXTDOMAIN "jiuzhu"
#define _(s)  dgettext(JZ_TEXTDOMAIN, s)
#define N_(s) (s)

#endif
