/* scr_receipt.c - after F10: the receipt (application number, notify-by
 * date) or, for a returned application, the one-time notice listing every
 * missing paper. Both are written as printable UTF-8 text files with the
 * applicant's ID masked, and sent to lp when $JIUZHU_PRINTER is set. */
#include "intake_ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frame.h"
#include "i18n.h"
#include "idnum.h"
#include "export.h"

typedef struct receipt_state {
	ui_receipt_arg a;
	char path[1024];
	char print_note[256];
	bool returned;
} receipt_state;

static const ui_action receipt_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_NEW, UI_ACT_CANCEL, UI_ACT_SELECT, UI_ACT_NONE,
};

static const char *receipt_title(const ui_screen *s)
{
	const receipt_state *st = s->data;
	return st && st->returned ? _("One-time notice of missing documents") : _("Application receipt");
}

static const char *receipt_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("Next application");
	case UI_ACT_CANCEL:
		return _("Main menu");
	default:
		return NULL;
	}
}

static void today_text(char buf[16])
{
	int y, m, d;
	intake_ui_today(&y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

static void write_text(FILE *fp, const receipt_state *st, const ui_app *app)
{
	const db_intake_result *r = &st->a.result;
	char mask[19], today[16];

	idnum_mask(st->a.applicant_id, mask);
	today_text(today);
	fprintf(fp, "%s\n\n", st->returned ? _("One-time notice of missing documents")
					   : _("Receipt of an application for social assistance"));
	fprintf(fp, "%s %s\n", _("Application number:"), r->number);
	fprintf(fp, "%s %s   %s %s\n", _("Applicant:"), st->a.applicant_name, _("ID number:"), mask);
	fprintf(fp, "%s %s\n", _("Community:"), st->a.community);
	fprintf(fp, "%s %s\n", _("Date received:"), today);
	if (st->returned) {
		fprintf(fp, "\n%s\n\n", _("Your application cannot be accepted yet. Please bring ALL of the following documents; nothing else will be asked for:"));
		for (size_t i = 0; i < r->n_missing; i++) {
			const db_intake_missing *m = &r->missing[i];
			fprintf(fp, "%2zu. %s", i + 1, m->doc_name);
			if (m->person_name[0])
				fprintf(fp, _(" (of %s)"), m->person_name);
			if (m->alternatives[0])
				fprintf(fp, _(", or instead: %s"), m->alternatives);
			fputc('\n', fp);
		}
	} else {
		fprintf(fp, "%s %s%s\n", _("You will hear from us by:"), r->notify_by,
			r->notify_by_certain ? "" : _(" (unconfirmed: the holiday calendar of that year is not loaded)"));
	}
	fprintf(fp, "\n%s %s\n", _("Received by:"),
		app->me.display_name[0] ? app->me.display_name : app->me.login);
}

static void send_to_printer(receipt_state *st)
{
	const char *printer = getenv("JIUZHU_PRINTER");
	if (!printer || !*printer)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execlp("lp", "lp", "-d", printer, st->path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		snprintf(st->print_note, sizeof st->print_note, _("Sent to printer %s."), printer);
	else
		snprintf(st->print_note, sizeof st->print_note, _("Printing on %s failed: print the file by hand."), printer);
}

static bool receipt_open(ui_screen *s, ui_app *app, void *arg)
{
	ui_receipt_arg *a = arg;
	receipt_state *st = calloc(1, sizeof *st);
	char dir[900];

	if (!st || !a)
		return free(st), false;
	st->a = *a;
	a->result.missing = NULL;   /* taken over */
	a->result.n_missing = 0;
	st->returned = strcmp(st->a.result.state, "returned") == 0;
	s->data = st;
	if (!export_print_dir(dir, sizeof dir)) {
		ui_app_message(app, true, _("The print folder %s cannot be made."), dir);
		return true;
	}
	snprintf(st->path, sizeof st->path, "%s/%s-%s.txt", dir,
		 st->returned ? "notice" : "receipt", st->a.result.number);
	FILE *fp = fopen(st->path, "w");
	if (!fp) {
		ui_app_message(app, true, _("Cannot write %s."), st->path);
		st->path[0] = '\0';
		return true;
	}
	write_text(fp, st, app);
	if (fclose(fp) != 0) {
		ui_app_message(app, true, _("Cannot write %s."), st->path);
		st->path[0] = '\0';
		return true;
	}
	send_to_printer(st);
	return true;
}

static void receipt_close(ui_screen *s, ui_app *app)
{
	receipt_state *st = s->data;
	(void)app;
	if (!st)
		return;
	db_intake_result_finish(&st->a.result);
	free(st);
	s->data = NULL;
}

static void receipt_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	receipt_state *st = s->data;
	const db_intake_result *res = &st->a.result;
	char line[600], mask[19];
	int y = r.y + 1, x = r.x + 2, w = r.w - 4;
	(void)app;
	(void)cy;
	(void)cx;

	idnum_mask(st->a.applicant_id, mask);
	ui_put(stdscr, y++, x, st->returned
	       ? _("Saved as RETURNED: documents are missing. Hand over the notice.")
	       : _("Application submitted."), w, A_BOLD);
	y++;
	snprintf(line, sizeof line, "%s %s%s", _("Application number:"), res->number,
		 res->replayed ? _(" (already submitted before: the same application)") : "");
	ui_put(stdscr, y++, x, line, w, A_BOLD);
	snprintf(line, sizeof line, "%s %s   %s %s", _("Applicant:"), st->a.applicant_name,
		 _("ID number:"), mask);
	ui_put(stdscr, y++, x, line, w, A_NORMAL);
	snprintf(line, sizeof line, "%s %s", _("State:"), res->state_name);
	ui_put(stdscr, y++, x, line, w, A_NORMAL);
	if (!st->returned) {
		snprintf(line, sizeof line, "%s %s%s", _("You will hear from us by:"), res->notify_by,
			 res->notify_by_certain ? "" : _(" (unconfirmed)"));
		ui_put(stdscr, y++, x, line, w, A_BOLD);
	} else {
		snprintf(line, sizeof line, _("Missing documents (%zu):"), res->n_missing);
		ui_put(stdscr, y++, x, line, w, A_BOLD);
		for (size_t i = 0; i < res->n_missing && y < r.y + r.h - 3; i++) {
			const db_intake_missing *m = &res->missing[i];
			int n = snprintf(line, sizeof line, "%2zu. %s", i + 1, m->doc_name);
			if (m->person_name[0] && n > 0 && (size_t)n < sizeof line)
				n += snprintf(line + n, sizeof line - (size_t)n, _(" (of %s)"), m->person_name);
			if (m->alternatives[0] && n > 0 && (size_t)n < sizeof line)
				snprintf(line + n, sizeof line - (size_t)n, _(", or instead: %s"), m->alternatives);
			ui_put(stdscr, y++, x + 2, line, w - 2, A_NORMAL);
		}
	}
	y = r.y + r.h - 2;
	if (st->path[0]) {
		snprintf(line, sizeof line, _("Printable file: %s"), st->path);
		ui_put(stdscr, y, x, line, w, A_NORMAL);
	}
	if (st->print_note[0])
		ui_put(stdscr, y + 1, x, st->print_note, w, A_NORMAL);
}

static ui_result receipt_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	(void)s;
	(void)k;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_NEW:
		ui_app_replace(app, &ui_intake_screen, NULL);
		return UI_HANDLED;
	case UI_ACT_CANCEL:
	case UI_ACT_SELECT:
		ui_app_pop(app);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_receipt_screen = {
	.id = "receipt",
	.actions = receipt_actions,
	.title = receipt_title,
	.open = receipt_open,
	.draw = receipt_draw,
	.key = receipt_key,
	.close = receipt_close,
	.save = NULL,
	.action_name = receipt_action_name,
	.tick = NULL,
};
