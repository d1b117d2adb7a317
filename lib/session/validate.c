/* Field validation: a caller's answer becomes a clean value, or a reason the
 * re-prompt can say. */
#include <stdio.h>
#include <string.h>

#include "callcenter/text.h"
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

/* ---- numbers and phones (text layer) ----------------------------------- */

/* Every number the caller said or keyed, as one digit string: "صفر خمسة
 * خمسة، ١٢٣" is "055123". */
static int spoken_digits(char *out, size_t cap, const char *text, size_t len)
{
	cc_text_number nums[8];
	char buf[CC_SESSION__MAX_TEXT + 1];
	size_t count = 0, o = 0;
	int rc;

	memcpy(buf, text, len);
	buf[len] = '\0';
	out[0] = '\0';
	if ((rc = cc_text_numbers(nums, 8, &count, buf)) < 0)
		return rc;
	for (size_t i = 0; i < count && i < 8; i++) {
		size_t n = strlen(nums[i].digits);
		if (o + n + 1 > cap)
			break;
		memcpy(out + o, nums[i].digits, n);
		o += n;
	}
	out[o] = '\0';
	return (int)o;
}

static int validate_phone(cc_session__verdict *v, const cc_session *s,
			  const char *text, size_t len)
{
	cc_text_phone ph;
	char buf[CC_SESSION__MAX_TEXT + 1];
	char digits[CC_SESSION__MAX_TEXT + 1];
	int rc;

	memcpy(buf, text, len);
	buf[len] = '\0';
	rc = cc_text_phone_parse(&ph, buf, s->region);
	if (rc == 0)
		return verdict_ok(v, ph.e164, strlen(ph.e164));
	if (rc != CC_EPARSE)
		return rc;
	if (spoken_digits(digits, sizeof(digits), text, len) >= 0)
		v->digits = (unsigned)strlen(digits);
	switch (ph.problem) {
	case CC_TEXT_PHONE_TOO_SHORT: verdict_fail(v, "too_short"); break;
	case CC_TEXT_PHONE_TOO_LONG: verdict_fail(v, "too_long"); break;
	case CC_TEXT_PHONE_INVALID: verdict_fail(v, "invalid"); break;
	case CC_TEXT_PHONE_NO_REGION: verdict_fail(v, "wrong_region"); break;
	default: verdict_fail(v, "not_a_number"); break;
	}
	return 0;
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
		"صباح", "مساء", "الخير", "النور", "انا", "اسمي", "معك",
		"معاك", "هو", "نعم", "اي", "يعطيك", "العافيه", NULL
	};
	char key[CC_SESSION__MAX_TEXT + 1];
	size_t klen = 0, d = 0, k = 0, keep = 0;

	/* The match key keeps the display form's words in order (one key
	 * word per display word), so both are walked together. */
	if (cc_text_key(key, sizeof(key), &klen, disp, dlen) < 0)
		return 0;
	while (d < dlen && k < klen) {
		size_t ks = k, ke;
		bool known;
		while (d < dlen && disp[d] != ' ')
			d++;
		while (d < dlen && disp[d] == ' ')
			d++;
		while (k < klen && key[k] != ' ')
			k++;
		ke = k;
		while (k < klen && key[k] == ' ')
			k++;
		/* punctuation around the word does not count */
		while (ks < ke && strchr(",.!?;:-", key[ks]))
			ks++;
		while (ke > ks && strchr(",.!?;:-", key[ke - 1]))
			ke--;
		known = ks == ke;
		for (int i = 0; !known && lead[i]; i++)
			known = strlen(lead[i]) == ke - ks && memcmp(lead[i], key + ks, ke - ks) == 0;
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
	switch (f->kind) {
	case CC_FIELD_PHONE:
		return validate_phone(v, s, text, len);
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
		validate_name(v, f, text, len, NULL, 0);
		return v->ok && v->value == NULL ? CC_ENOMEM : 0;
	case CC_FIELD_NUMBER:
		if (from_dtmf)
			snprintf(digits, sizeof(digits), "%.*s", (int)len, text);
		else if (spoken_digits(digits, sizeof(digits), text, len) < 0)
			digits[0] = '\0';
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
		int yn;
		if (from_dtmf)
			yn = len == 1 && text[0] == '1'   ? CC_SESSION__YES
			     : len == 1 && text[0] == '2' ? CC_SESSION__NO
							  : CC_SESSION__UNSURE;
		else
			klen = cc_session__key(key, sizeof(key), text, len),
			yn = cc_session__yes_no(key, klen);
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
