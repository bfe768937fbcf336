/* intake_form.h - the 《救助申请表》 as data, with no terminal and no database:
 * the applicant and members (rows added and removed), the household,
 * categories, the proofs checklist derived from categories and members,
 * per-field validation with messages that name the field, the computed
 * monthly and per-capita income (integer fen), the submit JSON of
 * db/migrations/0023_intake_submit.sql, and restoring a draft field by field
 * from (path, value) pairs (PostgreSQL flattens the JSON: jz.jsonb_flatten).
 *
 * The applicant is member 0; JSON "members.N" is model member N + 1. */
#ifndef JZ_FORMS_INTAKE_FORM_H
#define JZ_FORMS_INTAKE_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTAKE_PAGES 5
enum { INTAKE_PAGE_APPLICANT, INTAKE_PAGE_MEMBERS, INTAKE_PAGE_INCOME,
       INTAKE_PAGE_PROOFS, INTAKE_PAGE_DECLARE };

/* A message buffer of this size holds "field: what is wrong". */
#define INTAKE_MSG_SIZE 384

typedef enum intake_kind {
	INTAKE_TEXT,       /* free text */
	INTAKE_NAME,       /* valid_name */
	INTAKE_IDNUM,      /* GB 11643-1999, normalised to 18 characters */
	INTAKE_ETHNIC,     /* typed code or name, kept as the name (汉族) */
	INTAKE_PHONE,      /* mobile or landline */
	INTAKE_CHOICE,     /* a code from a list (F4); never typed */
	INTAKE_YUAN,       /* kept as "500.00" */
	INTAKE_DATE,       /* kept as YYYY-MM-DD */
	INTAKE_YESNO,      /* "y" or "" */
	INTAKE_CERT,       /* proof number; a 残疾人证 is checked against the member */
	INTAKE_COMPUTED,   /* shown, not typed (totals, sex, birth date) */
	INTAKE_HEADING,    /* a group heading line, no value */
} intake_kind;

/* Which list a choice field offers. */
typedef enum intake_list {
	INTAKE_LIST_NONE = 0,
	INTAKE_LIST_COMMUNITY,     /* supplied at run time (the staff's communities) */
	INTAKE_LIST_ETHNIC,
	INTAKE_LIST_HUKOU,
	INTAKE_LIST_RELATIONSHIP,
	INTAKE_LIST_EMPLOYMENT,
	INTAKE_LIST_HEALTH,
	INTAKE_LIST_DIS_CATEGORY,
	INTAKE_LIST_DIS_GRADE,
	INTAKE_LIST_YESNO,
	INTAKE_LIST_MEMBER,        /* the household's members, by ID number */
} intake_list;

typedef struct intake_choice {
	const char *code;
	const char *label;         /* N_() or a literal shown as is */
} intake_choice;

/* Where a value lives. */
typedef enum intake_area {
	INTAKE_AREA_NONE = 0,
	INTAKE_AREA_HOUSEHOLD,     /* idx: intake_hfield */
	INTAKE_AREA_MEMBER,        /* row: member, idx: intake_mfield */
	INTAKE_AREA_CATEGORY,      /* row: intake_cat; idx 0 applied y/n, 1 member */
	INTAKE_AREA_PROOF,         /* row: proof slot, idx: intake_pfield */
	INTAKE_AREA_COMPUTED,      /* idx: intake_computed, row: member */
} intake_area;

typedef enum intake_hfield {
	IH_COMMUNITY, IH_HUKOU_ADDRESS, IH_ADDRESS, IH_HUKOU_TYPE,
	IH_HOUSING, IH_VEHICLE, IH_SAVINGS, IH_REASON, IH_COUNT
} intake_hfield;

typedef enum intake_mfield {
	IM_NAME, IM_ID, IM_ETHNIC, IM_PHONE, IM_REL, IM_EMPLOY, IM_HEALTH,
	IM_DIS_CAT, IM_DIS_GRADE,
	IM_INC_WAGES, IM_INC_BUSINESS, IM_INC_PROPERTY, IM_INC_PENSION,
	IM_INC_SUPPORT, IM_INC_OTHER, IM_COUNT
} intake_mfield;
#define IM_INC_FIRST IM_INC_WAGES
#define IM_INC_COUNT 6

typedef enum intake_cat {
	IC_LOW_INCOME, IC_ELDERLY_ALONE, IC_DISABLED, IC_UNEMPLOYED, IC_COUNT
} intake_cat;

typedef enum intake_pfield {
	IP_SEEN, IP_NUMBER, IP_ISSUER, IP_VALID_UNTIL, IP_COUNT
} intake_pfield;

typedef enum intake_computed {
	IX_SEX, IX_BIRTH, IX_TOTAL, IX_PER_CAPITA, IX_PERSONS
} intake_computed;

typedef struct intake_ref {
	intake_area area;
	int row;
	int idx;
} intake_ref;

typedef struct intake_member {
	char *v[IM_COUNT];         /* UTF-8, never NULL once created */
} intake_member;

typedef struct intake_proof {
	char kind[32];             /* jz.doc_kinds code */
	char person[20];           /* ID number, "" for a household paper */
	char *v[IP_COUNT];
	bool needed;               /* required by the current categories/members */
} intake_proof;

/* Who a required proof is for (jz.required_proof.scope). */
typedef enum intake_scope {
	INTAKE_SCOPE_HOUSEHOLD,    /* one per application, no person */
	INTAKE_SCOPE_APPLICANT,
	INTAKE_SCOPE_MEMBER,       /* the member the category names */
	INTAKE_SCOPE_EACH_ADULT,   /* every member >= 18 by the ID number */
	INTAKE_SCOPE_EACH_MEMBER,
} intake_scope;

/* One required-proof rule, as the database holds it (jz.proof_rules(),
 * migration 0027). The form keeps no rules of its own: it is given these. */
typedef struct intake_rule {
	char category[32];         /* jz.categories code; "*": every application */
	char kind[32];             /* jz.doc_kinds code */
	char doc_name[96];         /* UTF-8, shown on the checklist (残疾人证) */
	char alt_group[32];        /* "": a group of its own */
	intake_scope scope;
	bool number_required;
} intake_rule;

typedef struct intake_form {
	char *h[IH_COUNT];
	intake_member *m;          /* m[0] is the applicant */
	size_t n_members;
	char *cat[IC_COUNT];       /* "y" or "" */
	char *cat_member[IC_COUNT];/* ID number of the member it names */
	intake_proof *p;
	size_t n_proofs;
	char idem_key[37];         /* UUID v4, made once per form */
	int today_y, today_m, today_d;   /* for ages and "not in the future" */
	/* restoring: categories arrive as indexed pairs */
	struct intake_pending { char code[32]; char member[20]; } *pend, *pend_decl;
	size_t n_pend, n_pend_decl;
	intake_rule *rules;        /* owned copy, in the database's order */
	size_t n_rules;
} intake_form;

/* One line of a page: a heading or a field. */
typedef struct intake_item {
	intake_ref ref;
	intake_kind kind;
	intake_list list;
	char label[96];            /* translated, e.g. "成员2 身份证号" */
	int width;                 /* cells of the field on screen */
	int max_chars;
	bool required;
	bool half;                 /* may share a line with the next half item */
} intake_item;

intake_form *intake_form_create(int today_y, int today_m, int today_d);
void intake_form_destroy(intake_form *f);   /* accepts NULL */

/* Members: add returns the new row (or -1); the applicant (0) stays. */
int intake_member_add(intake_form *f);
bool intake_member_remove(intake_form *f, int row);

/* Values by reference. get never returns NULL. set stores as is (already
 * normalised: see intake_check). */
const char *intake_get(const intake_form *f, intake_ref r);
bool intake_set(intake_form *f, intake_ref r, const char *utf8);

/* The items of a page (headings and fields), malloc'd; *n their count. */
intake_item *intake_page_items(intake_form *f, int page, size_t *n);
const char *intake_page_name(int page);     /* translated */

/* The value as shown: a choice's label, a computed figure. Into buf. */
void intake_display(const intake_form *f, const intake_item *it, char *buf, size_t n);

/* Check a typed value for the item; on success the normalised value goes to
 * norm (may equal the input). Empty is an error only when required. msg
 * gets "label: what is wrong". */
bool intake_check(const intake_form *f, const intake_item *it, const char *utf8,
		  char *norm, size_t norm_len, char *msg, size_t msg_len);

/* Choices of a list (community: NULL; supplied by the caller). *n count. */
const intake_choice *intake_list_choices(intake_list l, size_t *n);

/* Give the form its required-proof rules (copied; the caller keeps its
 * array) and recompute the checklist. n == 0 clears them: then no proof is
 * required. false: no memory (the old rules stay). */
bool intake_set_rules(intake_form *f, const intake_rule *rules, size_t n);
/* "household" ... -> intake_scope; -1 when unknown. */
int intake_scope_parse(const char *code);

/* Recompute which proofs the rules require for the ticked categories and
 * the members, in rule order. Keeps what was entered for proofs no longer
 * needed (a category unticked by mistake). */
void intake_proofs_sync(intake_form *f);
/* The proof (kind, person), added (not yet needed) when absent; -1: no memory. */
int intake_proof_find_or_add(intake_form *f, const char *kind, const char *person);
int intake_proof_add(intake_form *f, const char *kind, const char *person);

/* Household figures in fen: the monthly total of every member's income,
 * and per capita (total / persons, rounded down). */
int64_t intake_total_income(const intake_form *f);
int64_t intake_per_capita_income(const intake_form *f);
/* Adult (>= 18) on today, from the ID number; false when unknown. */
bool intake_member_adult(const intake_form *f, int row);
/* The member whose ID number is id18, or -1. */
int intake_member_by_id(const intake_form *f, const char *id18);
/* IC_* of a category code ("unemployed"), -1 when unknown. */
int intake_category_by_code(const char *code);
/* Name of a document kind from the form's rules ("残疾人证"); the code
 * when no rule names it. */
const char *intake_doc_name(const intake_form *f, const char *kind);
/* "low_income" ... for intake_cat, "" outside. */
const char *intake_cat_code(int cat);

/* The whole form as the submit JSON (malloc'd UTF-8). */
char *intake_to_json(const intake_form *f);
/* Append s to a growing JSON text as a quoted string with escapes (for
 * tests and for anyone writing JSON by hand). Returns false on no memory. */
typedef struct intake_buf {
	char *s;
	size_t len, cap;
	bool oom;
} intake_buf;
void intake_buf_str(intake_buf *b, const char *utf8);
void intake_buf_raw(intake_buf *b, const char *text);

/* Restore: set one flattened path ("applicant.name", "members.0.income.wages",
 * "proofs.2.seen", "categories.1.member"); value NULL is JSON null. Unknown
 * paths are ignored (returns false). Call intake_restore_finish after the
 * last pair. */
bool intake_set_path(intake_form *f, const char *path, const char *value);
void intake_restore_finish(intake_form *f);

/* A random UUID v4 from /dev/urandom into out. */
bool intake_uuid4(char out[37]);

#endif
