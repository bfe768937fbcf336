/* import.h - reference data loaded by the admin: China's holiday calendar
 * (holiday-cn JSON) and the GB/T 2260 area codes (CSV). PostgreSQL parses
 * the file (jsonb, COPY); C only reads it and passes it as a parameter. */
#ifndef JZ_DB_IMPORT_H
#define JZ_DB_IMPORT_H

#include <stdbool.h>
#include "db.h"

/* Load one year's calendar; re-import replaces that year. *rows counts days. */
bool db_import_holidays(db_conn *c, const char *path, int *rows, db_err *err);
/* Load the whole code list; re-import updates. *rows counts codes. */
bool db_import_areacodes(db_conn *c, const char *path, int *rows, db_err *err);

#endif
