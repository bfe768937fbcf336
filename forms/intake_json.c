/* intake_json.c - the form as the submit JSON of 0023 (written here, with
 * every escape JSON needs), and back: a draft is the same JSON, flattened by
 * PostgreSQL (jz.jsonb_flatten) into (path, value) pairs that set fields. */
#include "intake_form.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "valid.h"

/* ---- a growing buffer ---- */

static void put(intake_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 1024;
		while (nc < b->len + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void intake_buf_raw(intake_buf *b, const char *text)
{
	put(b, text, strlen(text));
}

/* UTF-8 passes through as is (PostgreSQL reads it); quotes, backslashes and
 * every control character are escaped; U+2028/9 too, for any JS reader. */
void intake_buf_str(intake_buf *b, const char *s)
{
	put(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		char esc[8];
		switch (*p) {
		case '"': put(b, "\\\"", 2); break;
		case '\\': put(b, "\\\\", 2); break;
		case '\n': put(b, "\\n", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\t': put(b, "\\t", 2); break;
		case '\b': put(b, "\\b", 2); break;
		case '\f': put(b, "\\f", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof esc, "\\u%04x", *p);
				put(b, esc, 6);
			} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				put(b, p[2] == 0xa8 ? "\\u2028" : "\\u2029", 6);
				p += 2;
			} else {
				put(b, (const char *)p, 1);
			}
		}
	}
	put(b, "\"", 1);
}

static void key(intake_buf *b, bool *first, const char *k)
{
	if (!*first)
		put(b, ",", 1);
	*first = false;
	intake_buf_str(b, k);
	put(b, ":", 1);
}

static void kv_str(intake_buf *b, bool *first, const char *k, const char *v)
{
	key(b, first, k);
	intake_buf_str(b, v);
}

/* A code: null when empty. */
static void kv_code(intake_buf *b, bool *first, const char *k, const char *v)
{
	key(b, first, k);
	if (v && *v)
		intake_buf_str(b, v);
	else
		intake_buf_raw(b, "null");
}

/* Small integer codes (disability): a number, null when empty. */
static void kv_int(intake_buf *b, bool *first, const char *k, const char *v)
{
	key(b, first, k);
	if (v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 6)
		intake_buf_raw(b, v);
	else
		intake_buf_raw(b, "null");
}

/* Money as integer fen; what does not parse stays text so a draft keeps it
 * (the form refuses to submit it). */
static void kv_fen(intake_buf *b, bool *first, const char *k, const char *v)
{
	int64_t fen = 0;
	char num[32];
	key(b, first, k);
	if (!v || !*v) {
		intake_buf_raw(b, "0");
	} else if (valid_yuan(v, &fen, NULL, 0) == VALID_OK) {
		snprintf(num, sizeof num, "%lld", (long long)fen);
		intake_buf_raw(b, num);
	} else {
		intake_buf_str(b, v);
	}
}

static const char *const income_keys[IM_INC_COUNT] = {
	"wages", "business", "property", "pension", "support", "other",
};

static void member_json(intake_buf *b, const intake_member *m, bool applicant)
{
	bool first = true, f2 = true;
	int code;
	char num[8] = "";

	put(b, "{", 1);
	kv_str(b, &first, "id_number", m->v[IM_ID]);
	kv_str(b, &first, "name", m->v[IM_NAME]);
	if (m->v[IM_ETHNIC][0] && valid_ethnic(m->v[IM_ETHNIC], &code, NULL, 0) == VALID_OK)
		snprintf(num, sizeof num, "%02d", code);
	kv_code(b, &first, "ethnic", num[0] ? num : m->v[IM_ETHNIC]);
	kv_str(b, &first, "phone", m->v[IM_PHONE]);
	kv_code(b, &first, "relationship", applicant ? "self" : m->v[IM_REL]);
	kv_code(b, &first, "employment", m->v[IM_EMPLOY]);
	kv_code(b, &first, "health", m->v[IM_HEALTH]);
	kv_int(b, &first, "disability_category", m->v[IM_DIS_CAT]);
	kv_int(b, &first, "disability_grade", m->v[IM_DIS_GRADE]);
	key(b, &first, "income");
	put(b, "{", 1);
	for (int k = 0; k < IM_INC_COUNT; k++)
		kv_fen(b, &f2, income_keys[k], m->v[IM_INC_FIRST + k]);
	put(b, "}}", 2);
}

static bool is_declaration(const intake_proof *p)
{
	return !strcmp(p->kind, "pledge") || !strcmp(p->kind, "finance_auth");
}

char *intake_to_json(const intake_form *f)
{
	intake_buf b = { 0 };
	bool first = true, f2;

	put(&b, "{", 1);
	kv_str(&b, &first, "community", f->h[IH_COMMUNITY]);
	key(&b, &first, "household");
	f2 = true;
	put(&b, "{", 1);
	kv_str(&b, &f2, "hukou_address", f->h[IH_HUKOU_ADDRESS]);
	kv_str(&b, &f2, "address", f->h[IH_ADDRESS]);
	kv_code(&b, &f2, "hukou_type", f->h[IH_HUKOU_TYPE]);
	kv_str(&b, &f2, "housing", f->h[IH_HOUSING]);
	kv_str(&b, &f2, "vehicle", f->h[IH_VEHICLE]);
	kv_fen(&b, &f2, "savings_fen", f->h[IH_SAVINGS]);
	put(&b, "}", 1);
	key(&b, &first, "applicant");
	member_json(&b, &f->m[0], true);
	key(&b, &first, "members");
	put(&b, "[", 1);
	for (size_t i = 1; i < f->n_members; i++) {
		if (i > 1)
			put(&b, ",", 1);
		member_json(&b, &f->m[i], false);
	}
	put(&b, "]", 1);

	key(&b, &first, "categories");
	put(&b, "[", 1);
	f2 = true;
	for (int c = 0; c < IC_COUNT; c++) {
		if (strcmp(f->cat[c], "y") != 0)
			continue;
		bool f3 = true;
		if (!f2)
			put(&b, ",", 1);
		f2 = false;
		put(&b, "{", 1);
		kv_str(&b, &f3, "code", intake_cat_code(c));
		if (c == IC_DISABLED || c == IC_UNEMPLOYED)
			kv_code(&b, &f3, "member", f->cat_member[c]);
		put(&b, "}", 1);
	}
	put(&b, "]", 1);

	key(&b, &first, "proofs");
	put(&b, "[", 1);
	f2 = true;
	for (size_t i = 0; i < f->n_proofs; i++) {
		const intake_proof *p = &f->p[i];
		if (!p->needed || is_declaration(p))
			continue;
		bool f3 = true;
		bool seen = !strcmp(p->v[IP_SEEN], "y");
		const char *number = p->v[IP_NUMBER];
		if (seen && !number[0] && !strcmp(p->kind, "id_card"))
			number = p->person;   /* the card seen is the number typed */
		if (!f2)
			put(&b, ",", 1);
		f2 = false;
		put(&b, "{", 1);
		kv_str(&b, &f3, "kind", p->kind);
		kv_code(&b, &f3, "person", p->person);
		key(&b, &f3, "seen");
		intake_buf_raw(&b, seen ? "true" : "false");
		kv_str(&b, &f3, "number", number);
		kv_str(&b, &f3, "issuer", p->v[IP_ISSUER]);
		kv_code(&b, &f3, "valid_until", p->v[IP_VALID_UNTIL]);
		put(&b, "}", 1);
	}
	put(&b, "]", 1);

	key(&b, &first, "declarations");
	f2 = true;
	put(&b, "{", 1);
	bool pledge = false;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (f->p[i].needed && !strcmp(f->p[i].kind, "pledge") && !strcmp(f->p[i].v[IP_SEEN], "y"))
			pledge = true;
	key(&b, &f2, "pledge_signed");
	intake_buf_raw(&b, pledge ? "true" : "false");
	key(&b, &f2, "auth_signed_by");
	put(&b, "[", 1);
	bool f3 = true;
	for (size_t i = 0; i < f->n_proofs; i++) {
		const intake_proof *p = &f->p[i];
		if (!p->needed || strcmp(p->kind, "finance_auth") || strcmp(p->v[IP_SEEN], "y"))
			continue;
		if (!f3)
			put(&b, ",", 1);
		f3 = false;
		intake_buf_str(&b, p->person);
	}
	put(&b, "]}", 2);
	kv_str(&b, &first, "reason", f->h[IH_REASON]);
	kv_str(&b, &first, "idempotency_key", f->idem_key);
	put(&b, "}", 1);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---- restoring ---- */

/* "12" -> 12; -1 when not a small index. */
static long index_of(const char *s, const char **rest)
{
	char *end;
	long v;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (v < 0 || v > 999)
		return -1;
	*rest = *end == '.' ? end + 1 : end;
	return v;
}

static bool set_member(intake_form *f, int row, const char *k, const char *v)
{
	static const struct { const char *k; int idx; } map[] = {
		{ "id_number", IM_ID }, { "name", IM_NAME }, { "ethnic", IM_ETHNIC },
		{ "phone", IM_PHONE }, { "relationship", IM_REL }, { "employment", IM_EMPLOY },
		{ "health", IM_HEALTH }, { "disability_category", IM_DIS_CAT },
		{ "disability_grade", IM_DIS_GRADE },
	};
	char buf[40];

	while ((size_t)row >= f->n_members)
		if (intake_member_add(f) < 0)
			return false;
	intake_member *m = &f->m[row];
	if (!strncmp(k, "income.", 7)) {
		for (int i = 0; i < IM_INC_COUNT; i++)
			if (!strcmp(k + 7, income_keys[i])) {
				const char *s = v ? v : "";
				/* a JSON number is fen; text is what was typed */
				if (*s && strspn(s, "-0123456789") == strlen(s)) {
					valid_yuan_format(strtoll(s, NULL, 10), buf, sizeof buf);
					s = buf;
				}
				free(m->v[IM_INC_FIRST + i]);
				return (m->v[IM_INC_FIRST + i] = strdup(s)) != NULL;
			}
		return false;
	}
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(k, map[i].k) != 0)
			continue;
		const char *s = v ? v : "";
		int code;
		if (map[i].idx == IM_REL && !strcmp(s, "self"))
			s = "";
		if (map[i].idx == IM_ETHNIC && *s && valid_ethnic(s, &code, NULL, 0) == VALID_OK)
			s = valid_ethnic_name(code);
		free(m->v[map[i].idx]);
		return (m->v[map[i].idx] = strdup(s)) != NULL;
	}
	return false;
}

static struct intake_pending *pend_at(struct intake_pending **arr, size_t *n, size_t i)
{
	if (i >= *n) {
		struct intake_pending *na = realloc(*arr, (i + 1) * sizeof *na);
		if (!na)
			return NULL;
		memset(na + *n, 0, (i + 1 - *n) * sizeof *na);
		*arr = na;
		*n = i + 1;
	}
	return &(*arr)[i];
}

static bool set_proof(intake_form *f, size_t i, const char *k, const char *v)
{
	const char *s = v ? v : "";
	while (i >= f->n_proofs)
		if (intake_proof_add(f, "", "#") < 0)
			return false;
	/* the placeholder person "#" keeps empty slots distinct until the kind arrives */
	intake_proof *p = &f->p[i];
	if (!strcmp(k, "kind")) {
		snprintf(p->kind, sizeof p->kind, "%s", s);
		return true;
	}
	if (!strcmp(k, "person")) {
		if (!v)
			s = "";   /* null: a household paper */
		snprintf(p->person, sizeof p->person, "%s", s);
		return true;
	}
	static const char *const keys[IP_COUNT] = { "seen", "number", "issuer", "valid_until" };
	for (int j = 0; j < IP_COUNT; j++)
		if (!strcmp(k, keys[j])) {
			if (j == IP_SEEN)
				s = !strcmp(s, "true") ? "y" : "";
			free(p->v[j]);
			return (p->v[j] = strdup(s)) != NULL;
		}
	return false;
}

bool intake_set_path(intake_form *f, const char *path, const char *value)
{
	static const struct { const char *k; int idx; } hh[] = {
		{ "community", IH_COMMUNITY }, { "reason", IH_REASON },
		{ "household.hukou_address", IH_HUKOU_ADDRESS }, { "household.address", IH_ADDRESS },
		{ "household.hukou_type", IH_HUKOU_TYPE }, { "household.housing", IH_HOUSING },
		{ "household.vehicle", IH_VEHICLE }, { "household.savings_fen", IH_SAVINGS },
	};
	const char *rest;
	long i;

	for (size_t k = 0; k < sizeof hh / sizeof hh[0]; k++) {
		if (strcmp(path, hh[k].k) != 0)
			continue;
		char buf[40];
		const char *s = value ? value : "";
		if (hh[k].idx == IH_SAVINGS && *s && strspn(s, "-0123456789") == strlen(s)) {
			valid_yuan_format(strtoll(s, NULL, 10), buf, sizeof buf);
			s = buf;
		}
		free(f->h[hh[k].idx]);
		return (f->h[hh[k].idx] = strdup(s)) != NULL;
	}
	if (!strcmp(path, "idempotency_key")) {
		snprintf(f->idem_key, sizeof f->idem_key, "%s", value ? value : "");
		return true;
	}
	if (!strncmp(path, "applicant.", 10))
		return set_member(f, 0, path + 10, value);
	if (!strncmp(path, "members.", 8) && (i = index_of(path + 8, &rest)) >= 0)
		return set_member(f, (int)i + 1, rest, value);
	if (!strncmp(path, "proofs.", 7) && (i = index_of(path + 7, &rest)) >= 0)
		return set_proof(f, (size_t)i, rest, value);
	if (!strncmp(path, "categories.", 11) && (i = index_of(path + 11, &rest)) >= 0) {
		struct intake_pending *p = pend_at(&f->pend, &f->n_pend, (size_t)i);
		if (!p)
			return false;
		if (!strcmp(rest, "code"))
			snprintf(p->code, sizeof p->code, "%s", value ? value : "");
		else if (!strcmp(rest, "member"))
			snprintf(p->member, sizeof p->member, "%s", value ? value : "");
		else
			return false;
		return true;
	}
	if (!strcmp(path, "declarations.pledge_signed")) {
		if (!value || strcmp(value, "true"))
			return true;
		struct intake_pending *p = pend_at(&f->pend_decl, &f->n_pend_decl, f->n_pend_decl);
		if (!p)
			return false;
		snprintf(p->code, sizeof p->code, "pledge");
		return true;
	}
	if (!strncmp(path, "declarations.auth_signed_by.", 28) && value) {
		struct intake_pending *p = pend_at(&f->pend_decl, &f->n_pend_decl, f->n_pend_decl);
		if (!p)
			return false;
		snprintf(p->code, sizeof p->code, "finance_auth");
		snprintf(p->member, sizeof p->member, "%s", value);
		return true;
	}
	return false;
}

void intake_restore_finish(intake_form *f)
{
	for (size_t i = 0; i < f->n_pend; i++)
		for (int c = 0; c < IC_COUNT; c++)
			if (!strcmp(f->pend[i].code, intake_cat_code(c))) {
				char *y = strdup("y"), *m = strdup(f->pend[i].member);
				if (!y || !m) {
					free(y);
					free(m);
					continue;
				}
				free(f->cat[c]);
				free(f->cat_member[c]);
				f->cat[c] = y;
				f->cat_member[c] = m;
			}
	/* slots whose kind never came are dropped */
	size_t o = 0;
	for (size_t i = 0; i < f->n_proofs; i++) {
		if (!f->p[i].kind[0] || !strcmp(f->p[i].person, "#")) {
			for (int k = 0; k < IP_COUNT; k++)
				free(f->p[i].v[k]);
			continue;
		}
		f->p[o++] = f->p[i];
	}
	f->n_proofs = o;
	for (size_t i = 0; i < f->n_pend_decl; i++) {
		int k = intake_proof_find_or_add(f, f->pend_decl[i].code, f->pend_decl[i].member);
		char *y = k >= 0 ? strdup("y") : NULL;
		if (y) {
			free(f->p[k].v[IP_SEEN]);
			f->p[k].v[IP_SEEN] = y;
		}
	}
	free(f->pend);
	free(f->pend_decl);
	f->pend = f->pend_decl = NULL;
	f->n_pend = f->n_pend_decl = 0;
	intake_proofs_sync(f);
}

bool intake_uuid4(char out[37])
{
	unsigned char r[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd < 0)
		return false;
	while (got < sizeof r) {
		ssize_t n = read(fd, r + got, sizeof r - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got < sizeof r)
		return false;
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);   /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
		 r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
	return true;
}
