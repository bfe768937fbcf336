/* vt.h - drive a real program in a pseudo-terminal and read its screen
 * through libvterm: the e2e tests and the benchmark assert on the grid, the
 * cursor and the bytes written, and wait with deadlines (never fixed sleeps).
 *
 * The child gets TERM=xterm-256color and, when the caller asks for it,
 * JIUZHU_SYNC_FD pointing at a pipe: the app writes "\n" there after each
 * screen update, which vt_wait_update() waits on. */
#ifndef JZ_TESTS_VT_H
#define JZ_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct vt vt;

/* Key sequences as terminals send them. */
#define VT_TAB       "\t"
#define VT_ENTER     "\r"
#define VT_ESC       "\033"
#define VT_BACKSPACE "\177"
#define VT_UP        "\033[A"
#define VT_DOWN      "\033[B"
#define VT_RIGHT     "\033[C"
#define VT_LEFT      "\033[D"
#define VT_HOME      "\033[H"
#define VT_END       "\033[F"
#define VT_SHIFT_TAB "\033[Z"
/* xterm */
#define VT_F1  "\033OP"
#define VT_F2  "\033OQ"
#define VT_F3  "\033OR"
#define VT_F4  "\033OS"
#define VT_F5  "\033[15~"
#define VT_F6  "\033[17~"
#define VT_F10 "\033[21~"
#define VT_F12 "\033[24~"
/* PuTTY (ESC[n~ for F1..F4, the rest as xterm) */
#define VT_PUTTY_F1 "\033[11~"
#define VT_PUTTY_F2 "\033[12~"
#define VT_PUTTY_F3 "\033[13~"
#define VT_PUTTY_F4 "\033[14~"
/* Ctrl-letter, e.g. VT_CTRL('q') */
#define VT_CTRL(c) ((char)((c) & 0x1f))

typedef struct vt_cell_info {
	uint32_t ch;        /* first code point; 0 for an empty cell */
	char text[32];      /* the cell's characters as UTF-8 ("" for empty,
			       "" for the right half of a wide character) */
	int width;          /* 2 for the left half of a wide character */
	bool continuation;  /* right half of a wide character */
	bool bold, underline, reverse;
	bool default_fg, default_bg;   /* the terminal's own colours */
} vt_cell_info;

/* Start argv[0] (a path) with exactly envp (plus TERM=xterm-256color and,
 * if sync is true, JIUZHU_SYNC_FD) in a rows×cols pty. NULL on failure
 * (reason on stderr). */
vt *vt_start(const char *const argv[], const char *const envp[],
	     int rows, int cols, bool sync);
/* Kill the child if it still runs (SIGKILL to its process group), reap it,
 * free everything. Accepts NULL. */
void vt_destroy(vt *t);

pid_t vt_pid(const vt *t);
/* Writes all of s to the pty. */
bool vt_send(vt *t, const char *s);
bool vt_send_bytes(vt *t, const char *s, size_t len);
/* The terminal's encoding is charset (e.g. "GB18030"), not UTF-8: what the
 * child writes is converted to UTF-8 for libvterm (the screen functions
 * stay UTF-8; vt_saw_bytes sees the raw bytes) and vt_send converts its
 * UTF-8 text to charset (vt_send_bytes sends as is). Call right after
 * vt_start. False if iconv does not know charset. */
bool vt_set_charset(vt *t, const char *charset);

/* Read what the child writes until the predicate holds or the deadline.
 * Each returns true as soon as the condition holds. */
bool vt_wait_text(vt *t, const char *substr, int timeout_ms);
bool vt_wait_text_gone(vt *t, const char *substr, int timeout_ms);
/* Until pred(t, arg) holds. */
bool vt_wait_until(vt *t, bool (*pred)(const vt *t, void *arg), void *arg,
		   int timeout_ms);
/* Wait for the next sync "\n" from the app (an update completed after this
 * call or since the last vt_send), then drain what the pty holds. */
bool vt_wait_update(vt *t, int timeout_ms);
/* Read whatever arrives within timeout_ms; true if the child still runs. */
bool vt_pump(vt *t, int timeout_ms);

/* Screen. Rows and columns count from 0. */
void vt_size(const vt *t, int *rows, int *cols);
/* Row text as UTF-8, wide characters once, empty cells as spaces, trailing
 * spaces trimmed. Caller frees. */
char *vt_row_text(const vt *t, int row);
/* Row of the first line containing substr, -1 if none. */
int vt_find_text(const vt *t, const char *substr);
/* Display column of substr's start in row, -1 if absent. */
int vt_text_col(const vt *t, int row, const char *substr);
bool vt_cell(const vt *t, int row, int col, vt_cell_info *out);
void vt_cursor(const vt *t, int *row, int *col);
bool vt_altscreen(const vt *t);
bool vt_cursor_visible(const vt *t);

/* Total bytes the child wrote so far; vt_saw_bytes searches all of them
 * (e.g. for an escape sequence). */
size_t vt_bytes_written(const vt *t);
bool vt_saw_bytes(const vt *t, const char *seq);

/* Resize: TIOCSWINSZ (the kernel sends SIGWINCH) and vterm_set_size. */
bool vt_resize(vt *t, int rows, int cols);
bool vt_kill(vt *t, int sig);
/* Close the master side, as a dropped SSH connection does. */
void vt_hangup(vt *t);
/* Wait for the child to exit (reading its output meanwhile); status as from
 * waitpid. After that, vt_child_cpu_ms is its user+system CPU time. */
bool vt_wait_exit(vt *t, int timeout_ms, int *status);
long vt_child_cpu_ms(const vt *t);

/* Print the screen as TAP diagnostics ("# |...|"), with cursor position. */
void vt_screen_dump(const vt *t);

/* Milliseconds on the monotonic clock. */
long long vt_now_ms(void);

#endif
