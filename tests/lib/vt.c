/* vt.c - a program in a pty, its output fed to libvterm's screen layer. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#define VT_SYNC_FD 3

struct vt {
	pid_t pid;
	int master;          /* -1 once hung up */
	int sync_rd;         /* -1 without sync or at EOF */
	int pidfd;           /* -1 when the kernel has no pidfd_open */
	bool eof;            /* the slave side is closed: no more output */
	bool reaped;
	int status;
	struct rusage ru;
	VTerm *vterm;
	VTermScreen *screen;
	int rows, cols;
	bool altscreen, cursor_visible;
	unsigned long syncs, sync_mark;
	bool sync;           /* the app signals complete updates */
	bool settled;        /* the last thing read was a sync (and the drain after it) */
	char *log;           /* every byte the child wrote */
	/* vt_set_charset: a terminal in another encoding (libvterm reads
	 * UTF-8 only): output converted on the way in, input on the way out */
	iconv_t from_term, to_term;
	char pend[16];       /* an incomplete multibyte sequence of the last read */
	size_t npend;
	size_t len, cap;
};

long long vt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int settermprop(VTermProp prop, VTermValue *val, void *user)
{
	vt *t = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	return 1;
}

/* Answers the terminal sends (cursor position reports...) go back to the app. */
static void vterm_output(const char *s, size_t len, void *user)
{
	vt *t = user;
	if (t->master >= 0)
		(void)vt_send_bytes(t, s, len);
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = settermprop,
};

static char **make_env(const char *const envp[], bool sync)
{
	size_t n = 0;
	while (envp && envp[n])
		n++;
	char **env = calloc(n + 3, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	bool have_term = false;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(envp[i], "TERM=", 5) == 0)
			have_term = true;
		if (strncmp(envp[i], "JIUZHU_SYNC_FD=", 15) == 0)
			continue;
		env[k++] = (char *)envp[i];
	}
	if (!have_term)
		env[k++] = (char *)"TERM=xterm-256color";
	if (sync)
		env[k++] = (char *)"JIUZHU_SYNC_FD=3";
	env[k] = NULL;
	return env;
}

vt *vt_start(const char *const argv[], const char *const envp[],
	     int rows, int cols, bool sync)
{
	vt *t = calloc(1, sizeof *t);
	char **env = make_env(envp, sync);
	int sp[2] = { -1, -1 };
	if (!t || !env)
		goto fail;
	t->master = t->sync_rd = t->pidfd = -1;
	t->from_term = t->to_term = (iconv_t)-1;
	t->rows = rows;
	t->cols = cols;
	t->cursor_visible = true;
	t->sync = sync;
	if (sync) {
		if (pipe(sp) != 0)
			goto fail;
		fcntl(sp[0], F_SETFD, FD_CLOEXEC);
		fcntl(sp[1], F_SETFD, FD_CLOEXEC);
	}

	t->vterm = vterm_new(rows, cols);
	if (!t->vterm)
		goto fail;
	vterm_set_utf8(t->vterm, 1);
	vterm_output_set_callback(t->vterm, vterm_output, t);
	t->screen = vterm_obtain_screen(t->vterm);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);

	fflush(stdout);
	fflush(stderr);
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	t->pid = forkpty(&t->master, NULL, NULL, &ws);
	if (t->pid < 0) {
		perror("vt: forkpty");
		goto fail;
	}
	if (t->pid == 0) {
		if (sync) {
			if (sp[1] == VT_SYNC_FD)
				fcntl(sp[1], F_SETFD, 0);
			else if (dup2(sp[1], VT_SYNC_FD) < 0)
				_exit(126);
		}
		closefrom(sync ? VT_SYNC_FD + 1 : VT_SYNC_FD);
		signal(SIGPIPE, SIG_DFL);
		execve(argv[0], (char *const *)argv, env);
		fprintf(stderr, "vt: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	free(env);
	env = NULL;
	if (sync) {
		close(sp[1]);
		t->sync_rd = sp[0];
		fcntl(t->sync_rd, F_SETFL, O_NONBLOCK);
	}
	fcntl(t->master, F_SETFL, O_NONBLOCK);
	fcntl(t->master, F_SETFD, FD_CLOEXEC);
#ifdef SYS_pidfd_open
	t->pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
#endif
	return t;
fail:
	free(env);
	if (sp[0] >= 0)
		close(sp[0]);
	if (sp[1] >= 0)
		close(sp[1]);
	if (t && t->vterm)
		vterm_free(t->vterm);
	free(t);
	return NULL;
}

static bool reap(vt *t, int flags)
{
	if (t->reaped)
		return true;
	pid_t r;
	do
		r = wait4(t->pid, &t->status, flags, &t->ru);
	while (r < 0 && errno == EINTR);
	if (r == t->pid) {
		t->reaped = true;
		if (t->pidfd >= 0) {
			close(t->pidfd);
			t->pidfd = -1;
		}
	}
	return t->reaped;
}

void vt_destroy(vt *t)
{
	if (!t)
		return;
	if (!t->reaped) {
		kill(-t->pid, SIGKILL);
		kill(t->pid, SIGKILL);
		reap(t, 0);
	}
	if (t->master >= 0)
		close(t->master);
	if (t->sync_rd >= 0)
		close(t->sync_rd);
	if (t->pidfd >= 0)
		close(t->pidfd);
	vterm_free(t->vterm);
	if (t->from_term != (iconv_t)-1)
		iconv_close(t->from_term);
	if (t->to_term != (iconv_t)-1)
		iconv_close(t->to_term);
	free(t->log);
	free(t);
}

pid_t vt_pid(const vt *t)
{
	return t->pid;
}

bool vt_send_bytes(vt *t, const char *s, size_t len)
{
	long long deadline = vt_now_ms() + 5000;
	while (len > 0 && t->master >= 0) {
		ssize_t n = write(t->master, s, len);
		if (n > 0) {
			s += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EAGAIN && vt_now_ms() < deadline) {
			struct pollfd p = { .fd = t->master, .events = POLLOUT };
			poll(&p, 1, 100);
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			return false;
		}
	}
	return len == 0;
}

static void log_append(vt *t, const char *buf, size_t n)
{
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 65536;
		while (cap < t->len + n)
			cap *= 2;
		char *p = realloc(t->log, cap);
		if (!p)
			return;
		t->log = p;
		t->cap = cap;
	}
	memcpy(t->log + t->len, buf, n);
	t->len += n;
}

/* Bytes of the terminal's encoding to libvterm, as UTF-8. A sequence cut
 * by the read waits for the next one; an invalid byte shows as U+FFFD. */
static void feed(vt *t, const char *buf, size_t n)
{
	if (t->from_term == (iconv_t)-1) {
		vterm_input_write(t->vterm, buf, n);
		return;
	}
	char in[8192 + sizeof t->pend], out[4 * sizeof in];
	memcpy(in, t->pend, t->npend);
	memcpy(in + t->npend, buf, n);
	char *ip = in, *op = out;
	size_t il = t->npend + n, ol = sizeof out;
	t->npend = 0;
	while (il > 0) {
		if (iconv(t->from_term, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == EINVAL && il < sizeof t->pend) {
			memcpy(t->pend, ip, il);
			t->npend = il;
			break;
		}
		if (errno == E2BIG || ol < 3)
			break;
		memcpy(op, "\xef\xbf\xbd", 3);   /* EILSEQ: U+FFFD, skip the byte */
		op += 3;
		ol -= 3;
		ip++;
		il--;
	}
	vterm_input_write(t->vterm, out, (size_t)(op - out));
}

bool vt_set_charset(vt *t, const char *charset)
{
	t->from_term = iconv_open("UTF-8", charset);
	t->to_term = iconv_open(charset, "UTF-8");
	return t->from_term != (iconv_t)-1 && t->to_term != (iconv_t)-1;
}

/* Read what the master holds now; returns how many bytes. */
static size_t read_master(vt *t)
{
	char buf[8192];
	size_t got = 0;
	while (t->master >= 0 && !t->eof) {
		ssize_t r = read(t->master, buf, sizeof buf);
		if (r > 0) {
			log_append(t, buf, (size_t)r);
			feed(t, buf, (size_t)r);
			got += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 || (r < 0 && errno != EAGAIN))
			t->eof = true;   /* EIO: every slave fd closed */
		break;
	}
	if (got)
		vterm_screen_flush_damage(t->screen);
	return got;
}

/* One poll round: read what is there (or arrives within timeout_ms). */
static void pump_once(vt *t, int timeout_ms)
{
	struct pollfd p[3];
	int n = 0, im = -1, is = -1, ip = -1;
	if (t->master >= 0 && !t->eof) {
		im = n;
		p[n++] = (struct pollfd){ .fd = t->master, .events = POLLIN };
	}
	if (t->sync_rd >= 0) {
		is = n;
		p[n++] = (struct pollfd){ .fd = t->sync_rd, .events = POLLIN };
	}
	if (t->pidfd >= 0 && !t->reaped) {
		ip = n;
		p[n++] = (struct pollfd){ .fd = t->pidfd, .events = POLLIN };
	}
	if (n == 0)
		return;
	if (ip < 0 && !t->reaped && timeout_ms > 20)
		timeout_ms = 20;   /* no pidfd: look at the child now and then */
	if (poll(p, (nfds_t)n, timeout_ms) <= 0)
		return;
	bool data = false, synced = false;
	if (im >= 0 && (p[im].revents & (POLLIN | POLLHUP | POLLERR)))
		data = read_master(t) > 0;
	if (is >= 0 && (p[is].revents & (POLLIN | POLLHUP | POLLERR))) {
		char buf[256];
		for (;;) {
			ssize_t r = read(t->sync_rd, buf, sizeof buf);
			if (r > 0) {
				for (ssize_t i = 0; i < r; i++)
					if (buf[i] == '\n') {
						t->syncs++;
						synced = true;
					}
				continue;
			}
			if (r < 0 && errno == EINTR)
				continue;
			if (r == 0 || errno != EAGAIN) {
				close(t->sync_rd);
				t->sync_rd = -1;
			}
			break;
		}
	}
	if (synced) {
		/* The app wrote the screen before the sync byte: take the rest
		 * of it now, and the screen is whole. */
		read_master(t);
		t->settled = true;
	} else if (data) {
		t->settled = false;
	}
	if (ip >= 0 && (p[ip].revents & POLLIN))
		reap(t, WNOHANG);
}

/* With the app's sync signal, look at the screen only when an update is
 * complete, never half drawn. */
static bool can_judge(const vt *t)
{
	return !t->sync || t->settled || t->sync_rd < 0 || t->eof;
}

static int remaining(long long deadline)
{
	long long r = deadline - vt_now_ms();
	return r < 0 ? 0 : (int)r;
}

bool vt_pump(vt *t, int timeout_ms)
{
	pump_once(t, timeout_ms);
	return !reap(t, WNOHANG);
}

static bool screen_has(const vt *t, const char *substr)
{
	return vt_find_text(t, substr) >= 0;
}

bool vt_wait_text(vt *t, const char *substr, int timeout_ms)
{
	long long deadline = vt_now_ms() + timeout_ms;
	for (;;) {
		if (can_judge(t) && screen_has(t, substr))
			return true;
		if (vt_now_ms() >= deadline || t->eof || t->master < 0)
			return false;
		pump_once(t, remaining(deadline));
	}
}

bool vt_wait_text_gone(vt *t, const char *substr, int timeout_ms)
{
	long long deadline = vt_now_ms() + timeout_ms;
	for (;;) {
		if (can_judge(t) && !screen_has(t, substr))
			return true;
		if (vt_now_ms() >= deadline || t->eof || t->master < 0)
			return false;
		pump_once(t, remaining(deadline));
	}
}

bool vt_wait_until(vt *t, bool (*pred)(const vt *t, void *arg), void *arg,
		   int timeout_ms)
{
	long long deadline = vt_now_ms() + timeout_ms;
	for (;;) {
		if (can_judge(t) && pred(t, arg))
			return true;
		if (vt_now_ms() >= deadline || t->eof || t->master < 0)
			return false;
		pump_once(t, remaining(deadline));
	}
}

bool vt_wait_update(vt *t, int timeout_ms)
{
	long long deadline = vt_now_ms() + timeout_ms;
	while (t->syncs <= t->sync_mark) {
		if (vt_now_ms() >= deadline || t->sync_rd < 0 || t->eof)
			return false;
		pump_once(t, remaining(deadline));
	}
	t->sync_mark = t->syncs;
	return true;
}

bool vt_send(vt *t, const char *s)
{
	pump_once(t, 0);
	t->sync_mark = t->syncs;
	if (t->to_term == (iconv_t)-1)
		return vt_send_bytes(t, s, strlen(s));
	size_t il = strlen(s), ol = 4 * il + 4;
	char *out = malloc(ol), *ip = (char *)s, *op = out;
	bool okay = out && iconv(t->to_term, &ip, &il, &op, &ol) != (size_t)-1 &&
		    vt_send_bytes(t, out, (size_t)(op - out));
	free(out);
	return okay;
}

void vt_size(const vt *t, int *rows, int *cols)
{
	*rows = t->rows;
	*cols = t->cols;
}

static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

bool vt_cell(const vt *t, int row, int col, vt_cell_info *out)
{
	memset(out, 0, sizeof *out);
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return false;
	VTermScreenCell c;
	if (!vterm_screen_get_cell(t->screen, (VTermPos){ .row = row, .col = col }, &c))
		return false;
	out->bold = c.attrs.bold;
	out->underline = c.attrs.underline != 0;
	out->reverse = c.attrs.reverse;
	out->default_fg = VTERM_COLOR_IS_DEFAULT_FG(&c.fg);
	out->default_bg = VTERM_COLOR_IS_DEFAULT_BG(&c.bg);
	if (c.chars[0] == (uint32_t)-1) {
		/* libvterm keeps no attributes on the right half: take the
		 * left half's, which the terminal paints over both cells */
		vt_cell_info left;
		if (vt_cell(t, row, col - 1, &left)) {
			out->bold = left.bold;
			out->underline = left.underline;
			out->reverse = left.reverse;
			out->default_fg = left.default_fg;
			out->default_bg = left.default_bg;
		}
		out->continuation = true;
		out->width = 1;
		return true;
	}
	out->ch = c.chars[0];
	out->width = c.width;
	size_t k = 0;
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i]; i++)
		k += put_utf8(out->text + k, c.chars[i]);
	out->text[k] = '\0';
	return true;
}

/* Row as UTF-8; colmap[byte offset] = column of the cell that byte is in. */
static char *row_text_map(const vt *t, int row, int **colmap)
{
	size_t cap = (size_t)t->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1;
	char *s = malloc(cap);
	int *map = colmap ? malloc(cap * sizeof *map) : NULL;
	if (!s || (colmap && !map)) {
		free(s);
		free(map);
		return NULL;
	}
	size_t k = 0, keep = 0;
	for (int col = 0; col < t->cols; col++) {
		vt_cell_info ci;
		if (!vt_cell(t, row, col, &ci) || ci.continuation)
			continue;
		const char *txt = ci.ch ? ci.text : " ";
		size_t n = strlen(txt);
		for (size_t i = 0; i < n; i++) {
			if (map)
				map[k] = col;
			s[k++] = txt[i];
		}
		if (ci.ch && ci.ch != ' ')
			keep = k;
	}
	s[keep] = '\0';
	if (colmap)
		*colmap = map;
	return s;
}

char *vt_row_text(const vt *t, int row)
{
	if (row < 0 || row >= t->rows)
		return NULL;
	return row_text_map(t, row, NULL);
}

int vt_find_text(const vt *t, const char *substr)
{
	for (int r = 0; r < t->rows; r++) {
		char *s = vt_row_text(t, r);
		bool hit = s && strstr(s, substr);
		free(s);
		if (hit)
			return r;
	}
	return -1;
}

int vt_text_col(const vt *t, int row, const char *substr)
{
	if (row < 0 || row >= t->rows)
		return -1;
	int *map = NULL;
	char *s = row_text_map(t, row, &map);
	int col = -1;
	const char *p = s ? strstr(s, substr) : NULL;
	if (p)
		col = map[p - s];
	free(s);
	free(map);
	return col;
}

void vt_cursor(const vt *t, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(t->vterm), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool vt_altscreen(const vt *t)
{
	return t->altscreen;
}

bool vt_cursor_visible(const vt *t)
{
	return t->cursor_visible;
}

size_t vt_bytes_written(const vt *t)
{
	return t->len;
}

bool vt_saw_bytes(const vt *t, const char *seq)
{
	size_t n = strlen(seq);
	for (size_t i = 0; t->log && n && i + n <= t->len; i++)
		if (t->log[i] == seq[0] && memcmp(t->log + i, seq, n) == 0)
			return true;
	return false;
}

bool vt_resize(vt *t, int rows, int cols)
{
	if (t->master < 0)
		return false;
	/* The emulator first, so the app's answer to SIGWINCH lands on a grid
	 * of the new size. */
	pump_once(t, 0);
	vterm_set_size(t->vterm, rows, cols);
	t->rows = rows;
	t->cols = cols;
	t->sync_mark = t->syncs;
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	return ioctl(t->master, TIOCSWINSZ, &ws) == 0;
}

bool vt_kill(vt *t, int sig)
{
	return !t->reaped && kill(t->pid, sig) == 0;
}

void vt_hangup(vt *t)
{
	if (t->master >= 0) {
		close(t->master);
		t->master = -1;
	}
}

bool vt_wait_exit(vt *t, int timeout_ms, int *status)
{
	long long deadline = vt_now_ms() + timeout_ms;
	while (!reap(t, WNOHANG)) {
		if (vt_now_ms() >= deadline)
			return false;
		pump_once(t, remaining(deadline));
	}
	/* What it wrote before exiting (the exit sequences) is still queued. */
	if (t->master >= 0 && !t->eof)
		pump_once(t, 0);
	if (status)
		*status = t->status;
	return true;
}

long vt_child_cpu_ms(const vt *t)
{
	if (!t->reaped)
		return -1;
	return (t->ru.ru_utime.tv_sec + t->ru.ru_stime.tv_sec) * 1000L +
	       (t->ru.ru_utime.tv_usec + t->ru.ru_stime.tv_usec) / 1000L;
}

void vt_screen_dump(const vt *t)
{
	int cr, cc;
	vt_cursor(t, &cr, &cc);
	printf("# screen %dx%d, cursor at row %d col %d, altscreen %d, %zu bytes read\n",
	       t->rows, t->cols, cr, cc, t->altscreen, t->len);
	for (int r = 0; r < t->rows; r++) {
		char *s = vt_row_text(t, r);
		printf("# %2d|%s\n", r, s ? s : "");
		free(s);
	}
	fflush(stdout);
}
