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

/* ---- e-mail (text layer) ---------------------------------------------- */

/* A spoken or typed address ("ahmed at example dot com", "ahmed ات gmail
 * دوت com", "Ahmed@Example.com"); when there is none, the reason comes from
 * validating what was said as if typed. */
static int validate_email(cc_session__verdict *v, const char *text, size_t len)
{
	char buf[CC_SESSION__MAX_TEXT + 1];
	cc_buf out = CC_BUF_INIT;
	int rc, problem = CC_TEXT_EMAIL_NOT_AN_EMAIL;

	memcpy(buf, text, len);
	buf[len] = '\0';
	rc = cc_text_email_find(&out, buf);
	if (rc == 0) {
		rc = verdict_ok(v, out.ptr, out.size);
		cc_buf_dispose(&out);
		return rc;
	}
	if (rc != CC_ENOTFOUND) {
		cc_buf_dispose(&out);
		return rc;
	}
	rc = cc_text_email_validate(&out, &problem, buf);
	cc_buf_dispose(&out);
	if (rc != 0 && rc != CC_EPARSE)
		return rc;
	switch (problem) {
	case CC_TEXT_EMAIL_NO_AT: verdict_fail(v, "no_at"); break;
	case CC_TEXT_EMAIL_BAD_LOCAL: verdict_fail(v, "bad_local"); break;
	case CC_TEXT_EMAIL_BAD_DOMAIN: verdict_fail(v, "bad_domain"); break;
	default: verdict_fail(v, "not_an_email"); break;
	}
	return 0;
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

static int validate_name(cc_session__verdict *v, const cc_field *f,
			 const char *disp, size_t dlen)
{
	char buf[CC_SESSION__MAX_TEXT + 1];
	cc_buf out = CC_BUF_INIT;
	unsigned letters, digits, others, chars;
	unsigned min = f->min_length ? f->min_length : 2;
	unsigned max = f->max_length ? f->max_length : 100;
	size_t skip = skip_lead_in(disp, dlen);
	int rc, problem = CC_TEXT_NAME_OK;

	/* Greetings before the name ("hello, my name is ...") go here; the
	 * text layer drops lead-ins and titles and capitalizes. */
	memcpy(buf, disp + skip, dlen - skip);
	buf[dlen - skip] = '\0';
	rc = cc_text_name_clean(&out, &problem, buf);
	if (rc == CC_EPARSE) {
		cc_buf_dispose(&out);
		verdict_fail(v, problem == CC_TEXT_NAME_TOO_SHORT  ? "too_short"
				: problem == CC_TEXT_NAME_TOO_LONG ? "too_long"
								   : "not_a_name");
		return 0;
	}
	if (rc < 0) {
		cc_buf_dispose(&out);
		return rc;
	}
	count_chars(out.ptr, out.size, &letters, &digits, &others, &chars);
	if (letters < min)
		verdict_fail(v, "too_short");
	else if (chars > max)
		verdict_fail(v, "too_long");
	else
		rc = verdict_ok(v, out.ptr, out.size);
	cc_buf_dispose(&out);
	return rc;
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
		return validate_email(v, text, len);
	case CC_FIELD_NAME:
		if (from_dtmf) {
			verdict_fail(v, "dtmf");
			return 0;
		}
		return validate_name(v, f, text, len);
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
