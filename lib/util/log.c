/* Logging through the host's sink, with phone numbers and e-mails masked. */
#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static atomic_int log_level = CC_LOG_WARN;

int cc_log_set_level(int level)
{
	if (level < CC_LOG_NONE || level > CC_LOG_TRACE)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_log_set_level: %d is not a log level",
				 level);
	atomic_store(&log_level, level);
	return 0;
}

int cc_log_get_level(void)
{
	return atomic_load(&log_level);
}

int cc_log_level_parse(int *out, const char *name)
{
	static const struct {
		const char *name;
		int level;
	} names[] = {
		{ "none", CC_LOG_NONE },   { "off", CC_LOG_NONE },
		{ "error", CC_LOG_ERROR }, { "critical", CC_LOG_ERROR },
		{ "warn", CC_LOG_WARN },   { "warning", CC_LOG_WARN },
		{ "info", CC_LOG_INFO },   { "debug", CC_LOG_DEBUG },
		{ "trace", CC_LOG_TRACE },
	};
	size_t i;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(name);
	for (i = 0; i < CC__ARRAY_SIZE(names); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].level;
			return 0;
		}
	}
	return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
			 "unknown log level (expected none, error, warn, "
			 "info, debug or trace)");
}

bool cc__log_enabled(int level)
{
	return level > CC_LOG_NONE && level <= atomic_load(&log_level);
}

/* ---- the scrubber ----------------------------------------------------- */

static bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c == '_';
}

static bool is_email_local(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	       c == '-';
}

static bool is_email_domain(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-';
}

/* Digit at s[i..len): its value, and its length in *n; -1 if none. */
static int digit_at(const char *s, size_t i, size_t len, size_t *n)
{
	uint32_t cp;
	size_t k = cc__utf8_decode(s + i, len - i, &cp);
	int v;
	if (k == 0)
		return -1;
	v = cc__digit_value(cp);
	if (v >= 0)
		*n = k;
	return v;
}

/* A phone-like run starting at s[i]: optional '+', digits with single
 * separators.  Returns its end and fills digits[] (ASCII) and *plus; 0 when
 * there is no run of at least six digits. */
static size_t phone_run(const char *s, size_t i, size_t len, char *digits,
			size_t *ndigits, bool *plus)
{
	size_t j = i, nd = 0, end = 0, n;
	bool dashes = false;

	*plus = false;
	if (s[j] == '+') {
		*plus = true;
		j++;
	}
	while (j < len) {
		int v = digit_at(s, j, len, &n);
		if (v >= 0) {
			if (nd < 32)
				digits[nd] = (char)('0' + v);
			nd++;
			j += n;
			end = j;
			continue;
		}
		/* One separator between digits. */
		if ((s[j] == ' ' || s[j] == '-' || s[j] == '.' || s[j] == '(' ||
		     s[j] == ')') && nd > 0 && j + 1 < len &&
		    (digit_at(s, j + 1, len, &n) >= 0 || s[j + 1] == '(')) {
			if (s[j] == '-')
				dashes = true;
			j++;
			continue;
		}
		break;
	}
	if (nd < 6 || nd > 32)
		return 0;
	/* Digits glued to a word (ticket and call ids, hex) are not phones. */
	if (end < len && (isalpha((unsigned char)s[end]) || s[end] == '_'))
		return 0;
	/* An ISO date (2024-01-31) is not a phone number either. */
	if (dashes && nd == 8 && end - i == 10 && s[i + 4] == '-' &&
	    s[i + 7] == '-')
		return 0;
	*ndigits = nd;
	return end;
}

static size_t put_masked_digits(char *dst, const char *digits, size_t nd,
				bool plus)
{
	size_t k, keep_head = nd >= 10 ? 3 : (nd >= 8 ? 2 : 1), o = 0;
	if (plus)
		dst[o++] = '+';
	for (k = 0; k < nd; k++)
		dst[o++] = (k < keep_head || k + 2 >= nd) ? digits[k] : '*';
	return o;
}

/* An e-mail around the '@' at s[at]: [*start, *end). */
static bool email_span(const char *s, size_t at, size_t len, size_t *start,
		       size_t *end)
{
	size_t a = at, b = at + 1, lastdot = 0;
	while (a > 0 && is_email_local((unsigned char)s[a - 1]))
		a--;
	while (b < len && is_email_domain((unsigned char)s[b])) {
		if (s[b] == '.')
			lastdot = b;
		b++;
	}
	while (b > at + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
		b--;
	if (a == at || lastdot <= at + 1 || lastdot + 1 >= b)
		return false;
	*start = a;
	*end = b;
	return true;
}

static size_t put_masked_email(char *dst, const char *s, size_t a, size_t at,
			       size_t b)
{
	size_t o = 0, k, lastdot = at;
	for (k = at + 1; k < b; k++)
		if (s[k] == '.')
			lastdot = k;
	dst[o++] = s[a];
	for (k = a + 1; k < at; k++)
		dst[o++] = '*';
	dst[o++] = '@';
	dst[o++] = s[at + 1];
	for (k = at + 2; k < lastdot; k++)
		dst[o++] = '*';
	for (k = lastdot; k < b; k++)
		dst[o++] = s[k];
	return o;
}

size_t cc__scrub(char *dst, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		bool word_before = i > 0 && is_word_byte((unsigned char)s[i - 1]);
		size_t n;

		if (!word_before && (c == '+' || digit_at(s, i, len, &n) >= 0)) {
			char digits[32];
			size_t nd;
			bool plus;
			size_t end = phone_run(s, i, len, digits, &nd, &plus);
			if (end) {
				o += put_masked_digits(dst + o, digits, nd,
						       plus);
				i = end;
				continue;
			}
		}
		if (c == '@') {
			size_t a, b;
			/* The local part was already copied: rewind over it. */
			if (email_span(s, i, len, &a, &b) && i - a <= o) {
				o -= i - a;
				o += put_masked_email(dst + o, s, a, i, b);
				i = b;
				continue;
			}
		}
		if (c < 0x80) {
			dst[o++] = (char)c;
			i++;
			continue;
		}
		{
			uint32_t cp;
			size_t k = cc__utf8_decode(s + i, len - i, &cp);
			if (k == 0) {
				dst[o++] = '?';
				i++;
			} else {
				memcpy(dst + o, s + i, k);
				o += k;
				i += k;
			}
		}
	}
	dst[o] = '\0';
	return o;
}

/* Checks a text to mask and readies @out for its result: a mask is never
 * longer than its input, except the "***" that hides a short one. */
static int mask_begin(cc_buf *out, const char *text, const char *what,
		      size_t *len)
{
	int rc;

	*len = strlen(text);
	rc = cc__utf8_require(text, *len, what);
	if (rc)
		return rc;
	cc__buf_clear(out);
	return cc__buf_grow(out, *len + 3);
}

int cc_log_scrub(cc_buf *out, const char *text)
{
	size_t len;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	if ((rc = mask_begin(out, text, "text to scrub", &len)) != 0)
		return rc;
	out->size = cc__scrub(out->ptr, text, len);
	return 0;
}

/* ---- masks for values the caller knows the kind of -------------------- */

int cc_log_mask_phone(cc_buf *out, const char *phone)
{
	size_t len, i, nd = 0, n;
	char digits[64];
	bool plus = false;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(phone);
	if ((rc = mask_begin(out, phone, "phone number", &len)) != 0)
		return rc;
	for (i = 0; i < len; i += n) {
		int v = digit_at(phone, i, len, &n);
		if (v < 0) {
			if (phone[i] == '+' && nd == 0)
				plus = true;
			n = cc__utf8_decode(phone + i, len - i, &(uint32_t){ 0 });
			continue;
		}
		if (nd < sizeof(digits))
			digits[nd++] = (char)('0' + v);
	}
	if (nd <= 4) {
		/* Too short to keep anything and still hide the number. */
		for (i = 0; i < nd; i++)
			out->ptr[i] = '*';
		out->size = nd;
	} else {
		out->size = put_masked_digits(out->ptr, digits, nd, plus);
	}
	out->ptr[out->size] = '\0';
	return 0;
}

int cc_log_mask_email(cc_buf *out, const char *email)
{
	size_t len, at;
	const char *p;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(email);
	if ((rc = mask_begin(out, email, "e-mail address", &len)) != 0)
		return rc;
	p = strchr(email, '@');
	if (!p || p == email || p[1] == '\0') {
		/* Not an address: hide all of it. */
		memcpy(out->ptr, "***", 4);
		out->size = 3;
		return 0;
	}
	at = (size_t)(p - email);
	out->size = put_masked_email(out->ptr, email, 0, at, len);
	out->ptr[out->size] = '\0';
	return 0;
}

int cc_log_mask_name(cc_buf *out, const char *name)
{
	size_t len, i, n;
	bool word_start = true;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(name);
	if ((rc = mask_begin(out, name, "name", &len)) != 0)
		return rc;
	for (i = 0; i < len; i += n) {
		uint32_t cp;
		n = cc__utf8_decode(name + i, len - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == '-') {
			out->ptr[out->size++] = (char)cp;
			word_start = true;
		} else if (word_start) {
			memcpy(out->ptr + out->size, name + i, n);
			out->size += n;
			word_start = false;
		} else {
			out->ptr[out->size++] = '*';
		}
	}
	out->ptr[out->size] = '\0';
	return 0;
}

/* ---- the sink --------------------------------------------------------- */

static void log_emit(int level, const char *msg, size_t len)
{
	char stackbuf[1024];
	char *scrubbed = stackbuf;
	cc_log_fn fn;
	void *ud;

	if (len >= sizeof(stackbuf)) {
		scrubbed = cc__malloc(len + 1);
		if (!scrubbed)
			return;
	}
	cc__scrub(scrubbed, msg, len);
	cc__global_log_sink(&fn, &ud);
	fn(ud, level, scrubbed);
	if (scrubbed != stackbuf)
		cc__free(scrubbed);
}

void cc__log(int level, const char *fmt, ...)
{
	char stackbuf[1024];
	va_list ap;
	int n;

	if (!cc__log_enabled(level))
		return;
	va_start(ap, fmt);
	n = vsnprintf(stackbuf, sizeof(stackbuf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(stackbuf)) {
		log_emit(level, stackbuf, (size_t)n);
	} else {
		char *big = cc__malloc((size_t)n + 1);
		if (!big)
			return;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		log_emit(level, big, (size_t)n);
		cc__free(big);
	}
}

int cc_log_write(int level, const char *message)
{
	CC__CHECK_NOTNULL(message);
	CC__CHECK_ARG(level >= CC_LOG_ERROR && level <= CC_LOG_TRACE, "level");
	if (cc__log_enabled(level))
		log_emit(level, message, strlen(message));
	return 0;
}
