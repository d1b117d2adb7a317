/* Numbers, phones and e-mails of an utterance at once, and the JSON line
 * of `callcenter analyze`. */
#include <stdio.h>
#include <string.h>

#include "text_int.h"

/* An e-mail is worth looking for only after "@" or a spoken "at". */
static bool email_cue(const cc_text__analysis *a)
{
	size_t i;
	if (memchr(a->key, '@', a->key_len))
		return true;
	for (i = 0; i < a->ntokens; i++) {
		const cc_text__token *t = &a->tokens[i];
		const char *w = cc_text__tok_key(a, t);
		if ((t->key_len == 2 && !memcmp(w, "at", 2)) ||
		    (t->key_len == 4 && !memcmp(w, "ات", 4)))
			return true;
	}
	return false;
}

void cc_text__extract_all(cc_text__analysis *a, const char *text, size_t len,
			  const char *region, cc_text__extract *x)
{
	size_t i;
	bool phone_like = false;

	x->nnumbers = x->nphones = x->nemails = 0;
	x->nnumbers = cc_text__numbers(a, x->numbers, CC_TEXT__MAX_NUMBERS);
	if (x->nnumbers > CC_TEXT__MAX_NUMBERS)
		x->nnumbers = CC_TEXT__MAX_NUMBERS;
	for (i = 0; i < x->nnumbers; i++)
		if (x->numbers[i].plus || strlen(x->numbers[i].digits) >= 6)
			phone_like = true;
	if (phone_like) {
		x->nphones = cc_text__phones(a, region, x->phones,
					     CC_TEXT__MAX_PHONES);
		if (x->nphones > CC_TEXT__MAX_PHONES)
			x->nphones = CC_TEXT__MAX_PHONES;
	}
	if (email_cue(a)) {
		x->nemails = cc_text__emails(text, len, x->emails,
					     CC_TEXT__MAX_EMAILS);
		if (x->nemails > CC_TEXT__MAX_EMAILS)
			x->nemails = CC_TEXT__MAX_EMAILS;
	}
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * the text is valid UTF-8 already. */
static int put_json_string(cc_buf *out, const char *s, size_t n)
{
	size_t i, run = 0;
	int rc = cc__buf_putc(out, '"');
	for (i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		rc = cc__buf_put(out, s + run, i - run);
		if (rc == 0) {
			if (c == '"' || c == '\\')
				rc = cc__buf_printf(out, "\\%c", c);
			else
				rc = cc__buf_printf(out, "\\u%04x", c);
		}
		run = i + 1;
	}
	if (rc == 0)
		rc = cc__buf_put(out, s + run, n - run);
	return rc ? rc : cc__buf_putc(out, '"');
}

int cc_text_analyze_json(cc_buf *out, const char *text, const char *region)
{
	cc_text__analysis *a;
	cc_text__extract *x;
	cc_buf disp = CC_BUF_INIT;
	size_t len, i;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	if (region && *region && !cc_text_phone_region_known(region))
		return cc__error(CC_EINVAL, CC_ERRCLASS_TEXT,
				 "unknown phone region '%.8s'", region);
	len = strlen(text);
	rc = cc_text_display_buf(&disp, text, 0);
	if (rc) {
		cc_buf_dispose(&disp);
		return rc;
	}
	a = cc__malloc(sizeof(*a) + sizeof(*x));
	if (!a) {
		cc_buf_dispose(&disp);
		return cc__error_nomem();
	}
	x = (cc_text__extract *)(void *)(a + 1);
	cc_text__analysis_init(a);
	rc = cc_text__analyze(a, text, len, NULL);
	if (rc)
		goto done;
	cc_text__extract_all(a, text, len, region, x);
	cc__buf_clear(out);
	rc = cc__buf_puts(out, "{\"display\":");
	if (rc == 0)
		rc = put_json_string(out, disp.ptr ? disp.ptr : "", disp.size);
	if (rc == 0)
		rc = cc__buf_puts(out, ",\"key\":");
	if (rc == 0)
		rc = put_json_string(out, a->key, a->key_len);
	if (rc == 0)
		rc = cc__buf_printf(out,
				    ",\"language\":\"%s\",\"sentiment\":{"
				    "\"label\":\"%s\",\"score\":%.3f},"
				    "\"urgent\":%s,\"phones\":[",
				    cc_text_language_name(a->language),
				    cc_text_sentiment_name(a->sentiment),
				    a->score, a->urgent ? "true" : "false");
	for (i = 0; rc == 0 && i < x->nphones; i++)
		rc = cc__buf_printf(out, "%s\"%s\"", i ? "," : "",
				    x->phones[i].e164);
	if (rc == 0)
		rc = cc__buf_puts(out, "],\"emails\":[");
	for (i = 0; rc == 0 && i < x->nemails; i++) {
		if (i)
			rc = cc__buf_putc(out, ',');
		if (rc == 0)
			rc = put_json_string(out, x->emails[i],
					     strlen(x->emails[i]));
	}
	if (rc == 0)
		rc = cc__buf_puts(out, "],\"numbers\":[");
	for (i = 0; rc == 0 && i < x->nnumbers; i++)
		rc = cc__buf_printf(out, "%s\"%s\"", i ? "," : "",
				    x->numbers[i].digits);
	if (rc == 0)
		rc = cc__buf_puts(out, "]}");
	if (rc)
		cc__buf_clear(out);
done:
	cc_text__analysis_dispose(a);
	cc__free(a);
	cc_buf_dispose(&disp);
	return rc;
}
