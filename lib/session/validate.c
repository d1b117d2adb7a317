/* Field validation: a caller's answer becomes a clean value, or a reason the
 * re-prompt can say. */
#include <stdio.h>
#include <string.h>

#include "session/session_int.h"

static void verdict_fail(cc_session__verdict *v, const char *reason)
{
	v->ok = false;
	v->reason = reason;
}

static int verdict_ok(cc_session__verdict *v, const char *value, size_t len)
{
	v->ok = true;
	v->reason = NULL;
	v->value = cc__strndup(value, len);
	return v->value ? 0 : cc__error_nomem();
}

/* Letters and digits of a display form, counted by code point. */
static void count_chars(const char *s, size_t len, unsigned *letters,
			unsigned *digits, unsigned *others, unsigned *chars)
{
	size_t i = 0;
	*letters = *digits = *others = *chars = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = cc__utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1, cp = '?';
		i += n;
		(*chars)++;
		if (cc__digit_value(cp) >= 0)
			(*digits)++;
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			 (cp >= 0x00C0 && cp <= 0x024F) ||
			 (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) ||
			 (cp >= 0x064B && cp <= 0x065F) || cp == 0x0640)
			(*letters)++;
		else if (cp != ' ' && cp != '-' && cp != '\'' && cp != '.')
			(*others)++;
	}
}

/* ---- spoken digits ------------------------------------------------------- */

/* TEMPORARY until the text layer's spoken numbers land: digit words of
 * both languages into a digit string. */
static int spoken_digits(char *out, size_t cap, const char *key, size_t len)
{
	static const struct { const char *w; const char *d; } words[] = {
		{ "zero", "0" }, { "oh", "0" }, { "one", "1" }, { "two", "2" },
		{ "three", "3" }, { "four", "4" }, { "five", "5" }, { "six", "6" },
		{ "seven", "7" }, { "eight", "8" }, { "nine", "9" },
		{ "صفر", "0" }, { "واحد", "1" }, { "اثنين", "2" }, { "اتنين", "2" },
		{ "ثنين", "2" }, { "ثلاثه", "3" }, { "تلاته", "3" }, { "اربعه", "4" },
		{ "خمسه", "5" }, { "سته", "6" }, { "سبعه", "7" }, { "ثمانيه", "8" },
		{ "تمانيه", "8" }, { "تسعه", "9" },
	};
	size_t o = 0, i = 0;
	int mult = 1;

	while (i < len) {
		size_t j = i;
		while (j < len && key[j] != ' ')
			j++;
		size_t n = j - i;
		const char *w = key + i;
		bool known = false;
		if (n == 6 && memcmp(w, "double", 6) == 0) {
			mult = 2;
			known = true;
		} else if (n == 6 && memcmp(w, "triple", 6) == 0) {
			mult = 3;
			known = true;
		} else if (n == 4 && memcmp(w, "plus", 4) == 0) {
			if (o + 1 < cap)
				out[o++] = '+';
			known = true;
		} else {
			bool all_digits = n > 0;
			for (size_t k = 0; k < n; k++)
				all_digits &= (w[k] >= '0' && w[k] <= '9') || (k == 0 && w[k] == '+');
			if (all_digits) {
				for (int m = 0; m < mult; m++)
					for (size_t k = 0; k < n && o + 1 < cap; k++)
						out[o++] = w[k];
				mult = 1;
				known = true;
			}
			for (size_t k = 0; !known && k < CC__ARRAY_SIZE(words); k++)
				if (strlen(words[k].w) == n && memcmp(words[k].w, w, n) == 0) {
					for (int m = 0; m < mult && o + 1 < cap; m++)
						out[o++] = words[k].d[0];
					mult = 1;
					known = true;
				}
		}
		i = j + 1;
	}
	out[o] = '\0';
	return (int)o;
}

/* ---- phones ---------------------------------------------------------------- */

/* TEMPORARY until the text layer's phone parser lands: country code, trunk
 * prefix and national length of a few regions. */
static const struct region {
	const char *cc, *code;
	unsigned nsn_min, nsn_max;
} regions[] = {
	{ "SA", "966", 9, 9 }, { "AE", "971", 8, 9 }, { "KW", "965", 8, 8 },
	{ "QA", "974", 8, 8 }, { "BH", "973", 8, 8 }, { "OM", "968", 8, 8 },
	{ "JO", "962", 8, 9 }, { "SY", "963", 8, 9 }, { "LB", "961", 7, 8 },
	{ "IQ", "964", 8, 10 }, { "EG", "20", 9, 10 }, { "PS", "970", 8, 9 },
	{ "YE", "967", 8, 9 }, { "US", "1", 10, 10 }, { "GB", "44", 9, 10 },
};

static const struct region *region_of(const char *cc)
{
	for (size_t i = 0; i < CC__ARRAY_SIZE(regions); i++)
		if (strcmp(regions[i].cc, cc) == 0)
			return &regions[i];
	return NULL;
}

static void validate_phone(cc_session__verdict *v, const cc_session *s,
			   const char *digits, size_t n)
{
	const struct region *r = region_of(s->region);
	char e164[24];
	const char *nsn = digits;
	size_t len = n;
	bool intl = false;

	v->digits = (unsigned)(digits[0] == '+' ? n - 1 : n);
	if (n == 0) {
		verdict_fail(v, "not_a_number");
		return;
	}
	if (digits[0] == '+') {
		nsn++, len--, intl = true;
	} else if (len > 2 && digits[0] == '0' && digits[1] == '0') {
		nsn += 2, len -= 2, intl = true;
	}
	if (intl) {
		if (len < 8) {
			verdict_fail(v, "too_short");
			return;
		}
		if (len > 15) {
			verdict_fail(v, "too_long");
			return;
		}
		snprintf(e164, sizeof(e164), "+%.*s", (int)len, nsn);
		verdict_ok(v, e164, strlen(e164));
		return;
	}
	if (r == NULL) {
		verdict_fail(v, "wrong_region");
		return;
	}
	if (len > strlen(r->code) && memcmp(nsn, r->code, strlen(r->code)) == 0 &&
	    len - strlen(r->code) >= r->nsn_min && len - strlen(r->code) <= r->nsn_max) {
		nsn += strlen(r->code);
		len -= strlen(r->code);
	} else if (nsn[0] == '0' && strcmp(r->cc, "US") != 0) {
		nsn++, len--;
	}
	if (len < r->nsn_min) {
		verdict_fail(v, "too_short");
		return;
	}
	if (len > r->nsn_max) {
		verdict_fail(v, "too_long");
		return;
	}
	snprintf(e164, sizeof(e164), "+%s%.*s", r->code, (int)len, nsn);
	verdict_ok(v, e164, strlen(e164));
}

/* ---- e-mail ------------------------------------------------------------------ */

static bool email_char(char c, bool domain)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
		return true;
	if (c == '.')
		return true;
	return !domain && (c == '_' || c == '+' || c == '%');
}

/* TEMPORARY until the text layer's e-mail recovery lands: "ahmed at
 * example dot com" and typed addresses, ASCII only. */
static void validate_email(cc_session__verdict *v, const char *key, size_t klen)
{
	char buf[256];
	size_t o = 0, i = 0;
	const char *at;

	while (i < klen && o + 2 < sizeof(buf)) {
		size_t j = i;
		while (j < klen && key[j] != ' ')
			j++;
		size_t n = j - i;
		const char *w = key + i;
		if ((n == 2 && memcmp(w, "at", 2) == 0) ||
		    (n == 4 && memcmp(w, "\xd8\xa7\xd8\xaa", 4) == 0))
			buf[o++] = '@';
		else if ((n == 3 && memcmp(w, "dot", 3) == 0) ||
			 (n == 6 && memcmp(w, "\xd8\xaf\xd9\x88\xd8\xaa", 6) == 0) ||
			 (n == 8 && memcmp(w, "\xd9\x86\xd9\x82\xd8\xb7\xd9\x87", 8) == 0))
			buf[o++] = '.';
		else if (n == 10 && memcmp(w, "underscore", 10) == 0)
			buf[o++] = '_';
		else if ((n == 4 && memcmp(w, "dash", 4) == 0) ||
			 (n == 6 && memcmp(w, "hyphen", 6) == 0))
			buf[o++] = '-';
		else
			for (size_t k = 0; k < n && o + 2 < sizeof(buf); k++)
				buf[o++] = w[k];
		i = j + 1;
	}
	buf[o] = '\0';
	at = strchr(buf, '@');
	if (at == NULL) {
		verdict_fail(v, "no_at");
		return;
	}
	if (at == buf || strchr(at + 1, '@')) {
		verdict_fail(v, "bad_local");
		return;
	}
	for (const char *p = buf; p < at; p++)
		if (!email_char(*p, false) || (p[0] == '.' && (p == buf || p[1] == '.' || p[1] == '@'))) {
			verdict_fail(v, "bad_local");
			return;
		}
	{
		const char *d = at + 1, *dot = strrchr(d, '.');
		if (*d == '\0' || dot == NULL || dot == d || strlen(dot + 1) < 2 ||
		    strstr(d, "..") || d[0] == '-' || d[strlen(d) - 1] == '.') {
			verdict_fail(v, "bad_domain");
			return;
		}
		for (const char *p = d; *p; p++)
			if (!email_char(*p, true)) {
				verdict_fail(v, "bad_domain");
				return;
			}
		for (const char *p = dot + 1; *p; p++)
			if (!(*p >= 'a' && *p <= 'z')) {
				verdict_fail(v, "bad_domain");
				return;
			}
	}
	verdict_ok(v, buf, o);
}

/* ---- names ---------------------------------------------------------------------- */

/* Greetings and lead-ins a caller puts before the name ("hello, my name
 * is", "السلام عليكم، معك"): whole words, compared on match keys, dropped
 * from the front.  Returns how many bytes of the display form to skip. */
static size_t skip_lead_in(const char *disp, size_t dlen)
{
	static const char *const lead[] = {
		"hello", "hi", "hey", "good", "morning", "afternoon", "evening",
		"my", "name", "names", "name's", "is", "this", "i", "am", "i'm", "im",
		"it's", "its", "it", "call", "me", "yes", "sure", "ok", "okay",
		"مرحبا", "مرحبتين", "السلام", "سلام", "عليكم", "اهلا", "هلا",
		"صباح", "مساء", "الخير", "النور", "انا", "اسمي", "اسمي:", "معك",
		"معاك", "هو", "نعم", "اي", "يعطيك", "العافيه", NULL
	};
	size_t d = 0, keep = 0;
	while (d < dlen) {
		char key[64];
		size_t start = d, klen;
		bool known = false;
		while (d < dlen && disp[d] != ' ')
			d++;
		klen = cc_session__key(key, sizeof(key), disp + start, d - start);
		if (klen == 0)
			known = true; /* punctuation alone */
		for (int i = 0; !known && lead[i]; i++)
			known = strlen(lead[i]) == klen && memcmp(lead[i], key, klen) == 0;
		while (d < dlen && disp[d] == ' ')
			d++;
		if (!known)
			break;
		keep = d;
	}
	/* Nothing left means the words were the name ("Hi" is a name too). */
	return keep >= dlen ? 0 : keep;
}

static void validate_name(cc_session__verdict *v, const cc_field *f, const char *disp,
			  size_t dlen, const char *key, size_t klen)
{
	unsigned letters, digits, others, chars;
	unsigned min = f->min_length ? f->min_length : 2;
	unsigned max = f->max_length ? f->max_length : 80;
	size_t dskip = skip_lead_in(disp, dlen);

	(void)key;
	(void)klen;
	disp += dskip;
	dlen -= dskip;
	while (dlen && (disp[dlen - 1] == '.' || disp[dlen - 1] == ' ' ||
			disp[dlen - 1] == ',' || disp[dlen - 1] == '!'))
		dlen--;
	while (dlen && (disp[0] == ',' || disp[0] == ' ')) /* "hello, Adam" */
		disp++, dlen--;
	count_chars(disp, dlen, &letters, &digits, &others, &chars);
	if (digits || others) {
		verdict_fail(v, "not_a_name");
		return;
	}
	if (letters < min) {
		verdict_fail(v, "too_short");
		return;
	}
	if (chars > max) {
		verdict_fail(v, "too_long");
		return;
	}
	{
		/* Latin names get capitals; Arabic has none. */
		char buf[512];
		size_t n = dlen < sizeof(buf) - 1 ? dlen : sizeof(buf) - 1;
		bool start = true;
		memcpy(buf, disp, n);
		for (size_t i = 0; i < n; i++) {
			char c = buf[i];
			if (c >= 'a' && c <= 'z' && start)
				buf[i] = (char)(c - 32);
			else if (c >= 'A' && c <= 'Z' && !start)
				buf[i] = (char)(c + 32);
			start = c == ' ' || c == '-';
		}
		verdict_ok(v, buf, n);
	}
}

/* ---- the dispatcher ---------------------------------------------------------------- */

int cc_session__validate(cc_session__verdict *v, const cc_session *s,
			 const cc_field *f, const char *text, size_t len,
			 bool from_dtmf)
{
	char key[CC_SESSION__MAX_TEXT + 1];
	char digits[CC_SESSION__MAX_TEXT + 1];
	size_t klen;
	unsigned letters, ndig, others, chars;

	memset(v, 0, sizeof(*v));
	klen = cc_session__key(key, sizeof(key), text, len);
	switch (f->kind) {
	case CC_FIELD_PHONE:
		if (from_dtmf) {
			memcpy(digits, text, len);
			digits[len] = '\0';
		} else {
			spoken_digits(digits, sizeof(digits), key, klen);
		}
		validate_phone(v, s, digits, strlen(digits));
		return v->ok || v->reason ? 0 : CC_ENOMEM;
	case CC_FIELD_EMAIL:
		if (from_dtmf) {
			verdict_fail(v, "dtmf");
			return 0;
		}
		klen = cc_session__key_symbols(key, sizeof(key), text, len);
		validate_email(v, key, klen);
		return v->ok && v->value == NULL ? CC_ENOMEM : 0;
	case CC_FIELD_NAME:
		if (from_dtmf) {
			verdict_fail(v, "dtmf");
			return 0;
		}
		validate_name(v, f, text, len, key, klen);
		return v->ok && v->value == NULL ? CC_ENOMEM : 0;
	case CC_FIELD_NUMBER:
		if (from_dtmf)
			snprintf(digits, sizeof(digits), "%.*s", (int)len, text);
		else
			spoken_digits(digits, sizeof(digits), key, klen);
		v->digits = (unsigned)strlen(digits);
		if (v->digits == 0) {
			verdict_fail(v, "not_a_number");
			return 0;
		}
		if ((f->min_length && v->digits < f->min_length)) {
			verdict_fail(v, "too_short");
			return 0;
		}
		if (f->max_length && v->digits > f->max_length) {
			verdict_fail(v, "too_long");
			return 0;
		}
		return verdict_ok(v, digits, v->digits);
	case CC_FIELD_YES_NO: {
		int yn = from_dtmf ? (len == 1 && text[0] == '1'   ? CC_SESSION__YES
				      : len == 1 && text[0] == '2' ? CC_SESSION__NO
								   : CC_SESSION__UNSURE)
				   : cc_session__yes_no(key, klen);
		if (yn == CC_SESSION__UNSURE) {
			verdict_fail(v, "not_yes_no");
			return 0;
		}
		return verdict_ok(v, yn == CC_SESSION__YES ? "yes" : "no", yn == CC_SESSION__YES ? 3 : 2);
	}
	case CC_FIELD_SERVICE_TYPE:
	case CC_FIELD_TEXT:
	default:
		if (from_dtmf && f->kind == CC_FIELD_SERVICE_TYPE) {
			verdict_fail(v, "dtmf");
			return 0;
		}
		count_chars(text, len, &letters, &ndig, &others, &chars);
		if (letters + ndig == 0) {
			verdict_fail(v, "empty");
			return 0;
		}
		if (f->min_length && letters + ndig < f->min_length) {
			verdict_fail(v, "too_short");
			return 0;
		}
		if (f->max_length && chars > f->max_length) {
			verdict_fail(v, "too_long");
			return 0;
		}
		return verdict_ok(v, text, len);
	}
}
