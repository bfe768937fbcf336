/* errtext.c - English sentences for the database's refusals (errtext.h).
 * Each JZ sentence was written after reading every raise site of its code
 * in db/migrations, so it is true for all of them; several codes are shared
 * by unrelated rules (JZ030 is both a volunteer's hours and the funds'
 * balance), and the sentence names each. tests/unit/test_errtext.c fails
 * when a code raised in the migrations has no entry here, or an entry's
 * code is raised nowhere. */
#include "errtext.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* Also the probe of db_errtext_ui_chinese: po/zh_CN/db.po translates it. */
static const char jz_general[] = N_("The database refused this under one of its rules.");

static const db_errtext table[] = {
	/* intake (0022, 0023, 0120) */
	{ .sqlstate = "JZ001", .text = N_("This person is already in another open application or household.") },
	{ .sqlstate = "JZ002", .text = N_("The application breaks a rule of its category or of household membership.") },
	{ .sqlstate = "JZ003", .text = N_("Proofs are missing, so the application cannot stand as submitted.") },
	{ .sqlstate = "JZ004", .text = N_("The record does not exist, or it is not one you may act on.") },
	{ .sqlstate = "JZ005", .text = N_("The application form is incomplete or inconsistent.") },
	/* workflow, assessment, plans and follow-ups (0031, 0060-0064) */
	{ .sqlstate = "JZ010", .text = N_("That change of the application's state is not allowed.") },
	{ .sqlstate = "JZ011", .text = N_("Your role may not do this, or the case is someone else's.") },
	{ .sqlstate = "JZ012", .text = N_("A reason or note must be written for this.") },
	{ .sqlstate = "JZ013", .text = N_("The conditions for this step are not met yet.") },
	{ .sqlstate = "JZ014", .text = N_("Someone else changed this record since it was opened.") },
	{ .sqlstate = "JZ015", .text = N_("There is no case waiting to be taken.") },
	{ .sqlstate = "JZ016", .text = N_("An answer does not fit what the assessment item allows.") },
	{ .sqlstate = "JZ017", .text = N_("The assessment is completed and can no longer change.") },
	{ .sqlstate = "JZ020", .text = N_("An item differs from the policy figure, so a reason is required.") },
	{ .sqlstate = "JZ021", .text = N_("The plan, its application or the follow-up is not at a stage that allows this.") },
	{ .sqlstate = "JZ022", .text = N_("No policy figure is in force for this.") },
	/* volunteers (0070, 0072, 0136), funds (0080), services (0081, 0144) */
	{ .sqlstate = "JZ030", .text = N_("Not available: the volunteer is not free then, or the funds are short.") },
	{ .sqlstate = "JZ031", .text = N_("Not allowed: over the volunteer's weekly hours, or a change to an add-only funds record.") },
	{ .sqlstate = "JZ032", .text = N_("Not accepted: the volunteer is inactive, or an amount or month is missing or wrong.") },
	{ .sqlstate = "JZ033", .text = N_("This does not fit: the volunteer's hours would overlap, or the person has no plan in force with this service.") },
	{ .sqlstate = "JZ034", .text = N_("Not possible: the class or activity is full, or the volunteer's record changed meanwhile.") },
	{ .sqlstate = "JZ035", .text = N_("A visit can be logged as done or missed only once it has started.") },
	{ .sqlstate = "JZ036", .text = N_("Attendance or an outcome can be recorded only once the activity or class has taken place.") },
	{ .sqlstate = "JZ039", .text = N_("The payment run was stopped by its test hook.") },
	/* policy figures (0100) */
	{ .sqlstate = "JZ100", .text = N_("A policy figure in force is history: a change takes effect today or later.") },
	{ .sqlstate = "JZ101", .text = N_("There is no such policy figure.") },
	{ .sqlstate = "JZ102", .text = N_("The policy figure is out of range.") },
	{ .sqlstate = "JZ103", .text = N_("That policy figure already has a value from that date.") },
	/* PostgreSQL's own, which our functions raise in Chinese too */
	{ .sqlstate = "23505", .text = N_("This would duplicate a record that already exists.") },
	{ .sqlstate = "23P01", .text = N_("This overlaps with a record that already exists.") },
	{ .sqlstate = "23514", .text = N_("A value breaks one of the database's checks.") },
	{ .sqlstate = "42501", .text = N_("You are not permitted to do this.") },
	{ .sqlstate = "40001", .text = N_("Someone else changed the same data at the same moment; try again.") },
	{ .sqlstate = "40P01", .text = N_("Someone else changed the same data at the same moment; try again.") },
	{ .sqlstate = "57014", .text = N_("The database took too long and stopped; try again.") },
};

const db_errtext *db_errtext_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const char *db_errtext_lookup(const char *sqlstate)
{
	if (!sqlstate)
		return NULL;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].sqlstate, sqlstate) == 0)
			return table[i].text;
	return strncmp(sqlstate, "JZ", 2) == 0 ? jz_general : NULL;
}

/* Ask gettext rather than re-implement its choice of catalogue: dgettext
 * returns its argument itself when it has no translation. */
bool db_errtext_ui_chinese(void)
{
	return _(jz_general) != jz_general;
}

/* Copy at most max bytes of src, backing up to a UTF-8 boundary; returns
 * the bytes copied (dst is not terminated). */
static size_t put_utf8(char *dst, const char *src, size_t max)
{
	size_t n = strlen(src);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	return n;
}

void db_errtext_compose(char *out, size_t len, const char *sqlstate, const char *server)
{
	const char *en = NULL;
	size_t n;

	if (!len)
		return;
	if (!server)
		server = "";
	if (sqlstate && *sqlstate && !db_errtext_ui_chinese())
		en = db_errtext_lookup(sqlstate);
	if (!en) {
		out[put_utf8(out, server, len - 1)] = '\0';
		return;
	}
	n = put_utf8(out, _(en), len - 1);
	/* " (", at least one byte of the server's text, ")" and the NUL */
	if (*server && n + 4 < len) {
		memcpy(out + n, " (", 2);
		n += 2;
		n += put_utf8(out + n, server, len - n - 2);
		out[n++] = ')';
	}
	out[n] = '\0';
}
