/* errtext.h - an English sentence for each SQLSTATE the database refuses
 * with in Chinese: our own JZ codes (raised in Chinese by the migrations'
 * PL/pgSQL, which can never be edited) and the standard ones the screens
 * meet. Under an English UI the message becomes that sentence followed by
 * the database's own text in parentheses, so no name, date or figure is
 * lost; under a Chinese UI the database's text is shown as it is. No libpq
 * here: the table is testable on its own. */
#ifndef JZ_DB_ERRTEXT_H
#define JZ_DB_ERRTEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct db_errtext {
	const char *sqlstate;   /* five characters */
	const char *text;       /* English msgid, one sentence */
} db_errtext;

/* The whole table (n entries), for the tests. */
const db_errtext *db_errtext_table(size_t *n);
/* The English msgid for sqlstate, untranslated; a JZ code with no entry
 * gets a general sentence; NULL for any other code. */
const char *db_errtext_lookup(const char *sqlstate);
/* Whether the screens speak Chinese: gettext finds our zh_CN catalogue for
 * the messages locale (what tui/main.c's --lang, $JIUZHU_LANG, LANGUAGE and
 * LC_MESSAGES chose). */
bool db_errtext_ui_chinese(void);
/* The message to show for a refusal with sqlstate whose text (as already
 * translated) is server: "<sentence> (<server>)" when the UI is not Chinese
 * and the code has a sentence, else server unchanged. Cut on a UTF-8
 * boundary to fit len, the parenthesis always closed. */
void db_errtext_compose(char *out, size_t len, const char *sqlstate, const char *server);

#endif
