/* E-mail addresses: validation of a typed address and recovery of a
 * spoken one ("ahmed at example dot com", "ahmed ات gmail دوت com"). */
#include <pthread.h>
#include <string.h>

#include "text_int.h"

#define MAX_PIECES 256

static bool is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

static bool is_ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Checks s[0..len) and writes the address with its domain in lower case
 * to out (at least len + 1 bytes).  Returns a cc_text_email_problem. */
static int check(const char *s, size_t len, char *out)
{
	const char *at = memchr(s, '@', len);
	size_t ll, dl, i, label = 0, labels = 1, tld_start = 0;
	bool tld_alpha = true, tld_nonascii = false;

	if (len == 0)
		return CC_TEXT_EMAIL_NOT_AN_EMAIL;
	if (!at)
		return CC_TEXT_EMAIL_NO_AT;
	if (memchr(at + 1, '@', len - (size_t)(at - s) - 1))
		return CC_TEXT_EMAIL_BAD_DOMAIN;
	ll = (size_t)(at - s);
	dl = len - ll - 1;
	if (ll == 0 || ll > 64 || s[0] == '.' || s[ll - 1] == '.')
		return CC_TEXT_EMAIL_BAD_LOCAL;
	for (i = 0; i < ll; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' ? s[i + 1] == '.' : !is_atext(c))
			return CC_TEXT_EMAIL_BAD_LOCAL;
	}
	if (dl == 0 || dl > 253 || len > 254)
		return CC_TEXT_EMAIL_BAD_DOMAIN;
	if (cc__utf8_check(at + 1, dl) != dl)
		return CC_TEXT_EMAIL_BAD_DOMAIN;
	for (i = 0; i <= dl; i++) {
		unsigned char c = i < dl ? (unsigned char)at[1 + i] : '.';
		if (c == '.') {
			size_t n = i - label;
			if (n == 0 || n > 63 || at[1 + label] == '-' ||
			    at[i] == '-')
				return CC_TEXT_EMAIL_BAD_DOMAIN;
			if (i < dl) {
				labels++;
				label = i + 1;
				tld_start = label;
				tld_alpha = true;
				tld_nonascii = false;
			}
			continue;
		}
		if (c >= 0x80) {
			tld_nonascii = true; /* an internationalized name */
			continue;
		}
		if (!is_ascii_alnum(c) && c != '-')
			return CC_TEXT_EMAIL_BAD_DOMAIN;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			tld_alpha = false;
	}
	/* Two labels or more; a top-level label of letters (or xn--). */
	if (labels < 2)
		return CC_TEXT_EMAIL_BAD_DOMAIN;
	if (!tld_nonascii && !(tld_alpha && dl - tld_start >= 2) &&
	    strncmp(at + 1 + tld_start, "xn--", 4) != 0)
		return CC_TEXT_EMAIL_BAD_DOMAIN;
	memcpy(out, s, len);
	for (i = ll + 1; i < len; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] + 'a' - 'A');
	out[len] = '\0';
	return CC_TEXT_EMAIL_OK;
}

/* Trims spaces, quotes, brackets and sentence punctuation around it. */
static void trim(const char **s, size_t *len)
{
	while (*len && strchr(" \t\r\n<(\"'[", **s))
		(*s)++, (*len)--;
	while (*len && strchr(" \t\r\n>)\"'].,;:!?", (*s)[*len - 1]))
		(*len)--;
}

int cc_text_email_validate(cc_buf *out, int *problem, const char *text)
{
	const char *s = text;
	size_t len;
	char tmp[256];
	int p;

	if (problem)
		*problem = CC_TEXT_EMAIL_NOT_AN_EMAIL;
	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	len = strlen(text);
	if (len > CC_TEXT_MAX_INPUT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_TEXT,
				 "text of %zu bytes exceeds the limit", len);
	if (cc__utf8_require(text, len, "e-mail address"))
		return CC_EUTF8;
	trim(&s, &len);
	p = len < sizeof(tmp) ? check(s, len, tmp) : CC_TEXT_EMAIL_BAD_DOMAIN;
	if (problem)
		*problem = p;
	if (p != CC_TEXT_EMAIL_OK)
		return cc__error(CC_EPARSE, CC_ERRCLASS_TEXT,
				 "not a valid e-mail address (%s)",
				 p == CC_TEXT_EMAIL_NO_AT       ? "no @"
				 : p == CC_TEXT_EMAIL_BAD_LOCAL ? "bad local part"
				 : p == CC_TEXT_EMAIL_BAD_DOMAIN ? "bad domain"
								: "empty");
	return cc__buf_set(out, tmp, len);
}

/* ---- spoken addresses ------------------------------------------------- */

enum { P_WORD, P_AT, P_DOT, P_UNDER, P_DASH };

typedef struct piece {
	int kind;
	const char *s; /* in the lowered display text */
	size_t len;
} piece;

/* Spoken connectors, in key form. */
static const struct {
	const char *word;
	int kind;
} connectors[] = {
	{ "at", P_AT },       { "@", P_AT },         { "ات", P_AT },
	{ "آت", P_AT },       { "dot", P_DOT },      { "دوت", P_DOT },
	{ "نقطه", P_DOT },    { "نقطة", P_DOT },     { "point", P_DOT },
	{ "underscore", P_UNDER }, { "اندرسكور", P_UNDER },
	{ "اندر سكور", P_UNDER }, { "under score", P_UNDER },
	{ "dash", P_DASH },   { "hyphen", P_DASH },  { "داش", P_DASH },
	{ "شرطه", P_DASH },   { "شرطة", P_DASH },
};

static char conn_key[CC__ARRAY_SIZE(connectors)][48];
static size_t conn_len[CC__ARRAY_SIZE(connectors)];
static pthread_once_t conn_once = PTHREAD_ONCE_INIT;

static void conn_init(void)
{
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(connectors); i++)
		if (cc_text__fold(conn_key[i], sizeof(conn_key[i]),
				  &conn_len[i], connectors[i].word,
				  strlen(connectors[i].word),
				  CC_TEXT__KEY) != 0)
			conn_len[i] = 0;
}

static int connector(const char *w, size_t n, const char *next, size_t nn,
		     size_t *used)
{
	char key[64], both[128];
	size_t kl, i;

	*used = 1;
	if (n >= sizeof(key) ||
	    cc_text__fold(key, sizeof(key), &kl, w, n, CC_TEXT__KEY) != 0)
		return P_WORD;
	/* two-word forms: "under score", "اندر سكور" */
	if (next && n + nn + 1 < sizeof(both)) {
		char tmp[128];
		size_t bl;
		memcpy(tmp, w, n);
		tmp[n] = ' ';
		memcpy(tmp + n + 1, next, nn);
		if (cc_text__fold(both, sizeof(both), &bl, tmp, n + nn + 1,
				  CC_TEXT__KEY) == 0)
			for (i = 0; i < CC__ARRAY_SIZE(connectors); i++)
				if (conn_len[i] == bl &&
				    !memcmp(conn_key[i], both, bl)) {
					*used = 2;
					return connectors[i].kind;
				}
	}
	for (i = 0; i < CC__ARRAY_SIZE(connectors); i++)
		if (conn_len[i] == kl && !memcmp(conn_key[i], key, kl))
			return connectors[i].kind;
	return P_WORD;
}

static bool word_ok(const piece *p)
{
	size_t i;
	for (i = 0; i < p->len; i++)
		if (!is_atext((unsigned char)p->s[i]) && p->s[i] != '.' &&
		    p->s[i] != '@')
			return false;
	return p->len > 0;
}

static const char sym[] = { 0, '@', '.', '_', '-' };

/* Builds the candidate around piece k (which holds or is the '@'). */
static int assemble(const piece *pc, size_t n, size_t k, char *out,
		    size_t cap)
{
	size_t first = k, last = k, len = 0, i;

	/* left: words join across connectors; spelled letters join. */
	while (first > 0) {
		const piece *l = &pc[first - 1], *c = &pc[first];
		if (c->kind != P_WORD && c->kind != P_AT && l->kind == P_WORD &&
		    word_ok(l))
			first--;
		else if (c->kind == P_AT && l->kind == P_WORD && word_ok(l))
			first--;
		else if (c->kind == P_WORD && l->kind != P_WORD &&
			 l->kind != P_AT)
			first--;
		else if (c->kind == P_WORD && l->kind == P_WORD && c->len == 1 &&
			 l->len == 1)
			first--; /* a h m e d */
		else
			break;
	}
	/* right: the domain, words joined by dots and dashes. */
	while (last + 1 < n) {
		const piece *c = &pc[last], *r = &pc[last + 1];
		if (c->kind == P_AT && r->kind == P_WORD && word_ok(r))
			last++;
		else if (c->kind == P_WORD && (r->kind == P_DOT ||
					       r->kind == P_DASH) &&
			 last + 2 < n && pc[last + 2].kind == P_WORD &&
			 word_ok(&pc[last + 2]))
			last++;
		else if ((c->kind == P_DOT || c->kind == P_DASH) &&
			 r->kind == P_WORD && word_ok(r))
			last++;
		else if (c->kind == P_WORD && r->kind == P_AT && last == k &&
			 memchr(c->s, '@', c->len) == NULL)
			last++;
		else
			break;
	}
	if (pc[first].kind != P_WORD)
		first++;
	for (i = first; i <= last; i++) {
		size_t add = pc[i].kind == P_WORD ? pc[i].len : 1;
		if (len + add + 1 > cap)
			return -1;
		if (pc[i].kind == P_WORD)
			memcpy(out + len, pc[i].s, pc[i].len);
		else
			out[len] = sym[pc[i].kind];
		len += add;
	}
	out[len] = '\0';
	return (int)len;
}

size_t cc_text__emails(const char *text, size_t len, char (*out)[256],
		       size_t cap)
{
	char *low;
	piece pc[MAX_PIECES];
	size_t n = 0, i, found = 0, dl;

	pthread_once(&conn_once, conn_init);
	/* Lower-cased display form: the key would merge repeated letters. */
	low = cc__malloc(len * 2 + 16);
	if (!low)
		return 0;
	if (cc_text__fold(low, len * 2 + 16, &dl, text, len,
			  CC_TEXT__DISPLAY_ASCII_DIGITS) != 0) {
		cc__free(low);
		return 0;
	}
	for (i = 0; i < dl; i++)
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] + 'a' - 'A');
	for (i = 0; i < dl && n < MAX_PIECES;) {
		size_t s, used;
		while (i < dl && low[i] == ' ')
			i++;
		if (i >= dl)
			break;
		s = i;
		while (i < dl && low[i] != ' ')
			i++;
		pc[n].s = low + s;
		pc[n].len = i - s;
		/* peel sentence punctuation off a word's end */
		while (pc[n].len > 1 &&
		       strchr(",;:!?)\"'", pc[n].s[pc[n].len - 1]))
			pc[n].len--;
		while (pc[n].len > 1 && strchr("(\"'<", pc[n].s[0]))
			pc[n].s++, pc[n].len--;
		if (pc[n].len > 1 && pc[n].s[pc[n].len - 1] == '.')
			pc[n].len--;
		{
			size_t j = i, ns;
			while (j < dl && low[j] == ' ')
				j++;
			ns = j;
			while (j < dl && low[j] != ' ')
				j++;
			pc[n].kind = connector(pc[n].s, pc[n].len,
					       ns < dl ? low + ns : NULL, j - ns,
					       &used);
			if (used == 2)
				i = j;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		char cand[256], norm[256];
		int cl;
		size_t k;
		bool dup = false;
		if (!(pc[i].kind == P_AT ||
		      (pc[i].kind == P_WORD && memchr(pc[i].s, '@', pc[i].len))))
			continue;
		cl = assemble(pc, n, i, cand, sizeof(cand));
		if (cl <= 0 || check(cand, (size_t)cl, norm) != CC_TEXT_EMAIL_OK)
			continue;
		for (k = 0; k < found && k < cap; k++)
			if (!strcmp(out[k], norm))
				dup = true;
		if (dup)
			continue;
		if (found < cap)
			memcpy(out[found], norm, (size_t)cl + 1);
		found++;
	}
	cc__free(low);
	return found;
}

int cc_text_email_find(cc_buf *out, const char *text)
{
	char found[1][256];
	size_t len;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	len = strlen(text);
	if (len > CC_TEXT_MAX_INPUT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_TEXT,
				 "text of %zu bytes exceeds the limit", len);
	if (cc__utf8_require(text, len, "text"))
		return CC_EUTF8;
	if (cc_text__emails(text, len, found, 1) == 0)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_TEXT,
				 "no e-mail address in the text");
	cc__buf_clear(out);
	return cc__buf_puts(out, found[0]);
}
