/* proof_rules.h - the required-proof rules of jz.required_proof (with the
 * names of their categories and document kinds), read in one query through
 * jz.proof_rules() (migration 0027) for the intake form's checklist. */
#ifndef JZ_DB_PROOF_RULES_H
#define JZ_DB_PROOF_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "intake_form.h"     /* forms/: intake_rule */

/* All rules in the database's order (category, then rule). *out is malloc'd
 * (NULL when there are none); free with db_proof_rules_free. A rule whose
 * scope the form does not know, or whose code does not fit, fails the call
 * (DB_ERR_OTHER): a checklist silently short of a rule would mislead. */
bool db_proof_rules(db_conn *c, intake_rule **out, size_t *n, db_err *err);
void db_proof_rules_free(intake_rule *rules);   /* accepts NULL */

#endif
