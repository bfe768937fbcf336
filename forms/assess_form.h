/* assess_form.h - the on-site assessment checklist (入户评估表) as data: sections,
 * items, answer types, allowed values, the categories each applies to and
 * whether it is required; the Barthel index, the PHQ-2 screening and what is
 * still missing before completion. Pure C: no terminal, no database.
 *
 * The database holds the same items as rows (jz.assessment_items, migration
 * 0060) and checks them again; tests/db/test_assess.c compares the two. */
#ifndef JZ_FORMS_ASSESS_H
#define JZ_FORMS_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

/* Categories of an application, as a bit set. */
enum {
	ASSESS_CAT_LOW_INCOME = 1u << 0,   /* low_income */
	ASSESS_CAT_ELDERLY = 1u << 1,      /* elderly_alone */
	ASSESS_CAT_DISABLED = 1u << 2,     /* disabled */
	ASSESS_CAT_UNEMPLOYED = 1u << 3,   /* unemployed */
};

/* The bit of a category code ("low_income" ...), 0 when unknown. */
unsigned assess_cat_bit(const char *code);
/* The code of one bit, NULL when not exactly one known bit. */
const char *assess_cat_code(unsigned bit);

typedef enum assess_kind {
	ASSESS_CHOICE = 0,  /* one of choices[].value */
	ASSESS_SCORE,       /* a number, one of choices[].value (Barthel, PHQ-2) */
	ASSESS_NUMBER,      /* integer min..max */
	ASSESS_TEXT,        /* free text, at most maxlen characters */
	ASSESS_DATE,        /* YYYY-MM-DD */
	ASSESS_TIME,        /* HH:MM */
	ASSESS_YESNO,       /* "yes" / "no" */
	ASSESS_TEAM,        /* names of the team members of one role, "、" between */
} assess_kind;

/* The name the database uses for a kind ("choice", "score", ...). */
const char *assess_kind_name(assess_kind k);

typedef struct assess_choice {
	const char *value;   /* stored */
	const char *label;   /* English, through gettext */
} assess_choice;

typedef struct assess_item {
	const char *code;        /* "selfcare.feeding"; the part before '.' is the section */
	const char *label;       /* English, through gettext */
	const char *help;        /* one line of guidance, English; may be NULL */
	assess_kind kind;
	const assess_choice *choices;
	size_t nchoices;
	int min, max;            /* ASSESS_NUMBER */
	int maxlen;              /* ASSESS_TEXT / ASSESS_TEAM, in characters */
	unsigned categories;     /* 0: every application; else any of these */
	bool required;
} assess_item;

typedef struct assess_section {
	const char *code;        /* "visit" */
	const char *title;       /* English, through gettext */
} assess_section;

const assess_item *assess_items(size_t *n);
const assess_section *assess_sections(size_t *n);
const assess_item *assess_find(const char *code);
/* Index of code in assess_items(), -1 when unknown. */
int assess_index(const char *code);
/* The section of an item (its code up to '.'). */
const assess_section *assess_section_of(const assess_item *it);

/* Does the item belong on the checklist of an application with cats? */
bool assess_applies(const assess_item *it, unsigned cats);

/* Normalise and check one answer. value is UTF-8 as typed (full-width digits
 * and surrounding blanks are tolerated); the stored form goes to out. On a
 * bad value returns false with an English message (through gettext) in msg.
 * An empty value is valid (it means "not answered"). */
bool assess_check_value(const assess_item *it, const char *value, char *out, size_t outlen,
			char *msg, size_t msglen);

/* Answers: code -> stored value, owned copies. */
typedef struct assess_answer {
	char *code;
	char *value;
} assess_answer;

typedef struct assess_answers {
	assess_answer *v;
	size_t n, cap;
} assess_answers;

void assess_answers_init(assess_answers *a);
void assess_answers_finish(assess_answers *a);
/* value NULL or "" removes the answer. false on out of memory. */
bool assess_answers_set(assess_answers *a, const char *code, const char *value);
/* NULL when not answered. */
const char *assess_answers_get(const assess_answers *a, const char *code);

/* Barthel index (Mahoney & Barthel 1965; the 10-item 0-100 version). Sum of
 * the answered items; *answered gets how many of the ten are (may be NULL). */
int assess_barthel_total(const assess_answers *a, int *answered);

typedef enum assess_band {
	ASSESS_BAND_TOTAL = 0,     /* 0-20   完全依赖 */
	ASSESS_BAND_SEVERE,        /* 21-40  重度依赖 */
	ASSESS_BAND_MODERATE,      /* 41-60  中度依赖 */
	ASSESS_BAND_MILD,          /* 61-99  轻度依赖 */
	ASSESS_BAND_INDEPENDENT,   /* 100    无需依赖 */
} assess_band;

/* Dependence band of a total 0..100 (see assess.c for the source). */
assess_band assess_barthel_band(int total);
const char *assess_band_label(assess_band b);   /* English, through gettext */

/* PHQ-2 screening total (0-6), -1 while either item is unanswered; a total
 * of 3 or more suggests referral (Kroenke, Spitzer & Williams 2003). */
int assess_phq2_total(const assess_answers *a);
bool assess_referral_suggested(const assess_answers *a);

/* Codes of the required items still unanswered for an application with
 * cats, in checklist order, plus conditional ones (a discrepancy noted when
 * income or assets differ). Fills at most max; returns the full count. */
size_t assess_missing(const assess_answers *a, unsigned cats, const char **codes, size_t max);

#endif
