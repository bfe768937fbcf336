/* intake_draft.h - a draft form read back field by field: PostgreSQL
 * flattens the stored JSON (jz.jsonb_flatten, migration 0026), so the C side
 * needs no JSON parser. */
#ifndef JZ_DB_INTAKE_DRAFT_H
#define JZ_DB_INTAKE_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include "db.h"

typedef struct db_form_pair {
	char *path;     /* "members.0.id_number" */
	char *value;    /* UTF-8; NULL for a JSON null */
} db_form_pair;

/* Every scalar of form_json as (path, value); *out malloc'd, free with
 * db_form_pairs_free. One round trip, the JSON as one parameter. */
bool db_form_flatten(db_conn *c, const char *form_json, db_form_pair **out,
		     size_t *n, db_err *err);
void db_form_pairs_free(db_form_pair *p, size_t n);   /* accepts NULL */

#endif
