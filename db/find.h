/* find.h - "where is my application?" (DESIGN §1): applications of my
 * communities found by name, application number or the last 4+ characters
 * of an ID number, any state, newest first, through jz.find_applications
 * (migration 0035, runs as the caller: row-level security applies). */
#ifndef JZ_DB_FIND_H
#define JZ_DB_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "workflow.h"

typedef struct db_find_row {
	db_queue_row q;           /* number, applicant, masked ID, state, dates,
				   * working-day clock (submitted only), key */
	char assigned_name[128];  /* the caseworker's display name, "" nobody */
} db_find_row;

/* One page of at most limit (1..200) rows after the key of the last row
 * seen (after_key NULL or "": the first page). An empty filter finds
 * nothing. *rows malloc'd (free()). */
bool db_find_applications(db_conn *c, const char *filter, const char *after_key,
			  int limit, db_find_row **rows, size_t *n, db_err *err);

#endif
