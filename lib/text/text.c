/* The public face of normalization, stems, language and sentiment. */
#include <string.h>

#include "text_int.h"

int cc_text_key(char *out, size_t cap, size_t *out_len, const char *text,
		size_t len)
{
	return cc_text__fold(out, cap, out_len, text, len, CC_TEXT__KEY);
}

int cc_text_display(char *out, size_t cap, size_t *out_len, const char *text,
		    size_t len, unsigned int flags)
{
	CC__CHECK_ARG((flags & ~CC_TEXT_ASCII_DIGITS) == 0, "flags");
	return cc_text__fold(out, cap, out_len, text, len,
			     flags & CC_TEXT_ASCII_DIGITS
				     ? CC_TEXT__DISPLAY_ASCII_DIGITS
				     : CC_TEXT__DISPLAY);
}

/* Folds into a cc_buf: one try with the room it has (at least the input
 * size), one more with exactly what the first reported. */
static int fold_buf(cc_buf *out, const char *text, int form)
{
	size_t len, need;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	len = strlen(text);
	if (len > CC_TEXT_MAX_INPUT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_TEXT,
				 "text of %zu bytes exceeds the limit of %u",
				 len, (unsigned)CC_TEXT_MAX_INPUT);
	cc__buf_clear(out);
	rc = cc__buf_grow(out, len + 16);
	if (rc)
		return rc;
	rc = cc_text__fold(out->ptr, out->reserved, &need, text, len, form);
	if (rc == CC_EBUFS) {
		rc = cc__buf_grow(out, need + 1);
		if (rc == 0)
			rc = cc_text__fold(out->ptr, out->reserved, &need,
					   text, len, form);
	}
	if (rc) {
		cc__buf_clear(out);
		return rc;
	}
	out->size = need;
	return 0;
}

int cc_text_key_buf(cc_buf *out, const char *text)
{
	return fold_buf(out, text, CC_TEXT__KEY);
}

int cc_text_display_buf(cc_buf *out, const char *text, unsigned int flags)
{
	CC__CHECK_ARG((flags & ~CC_TEXT_ASCII_DIGITS) == 0, "flags");
	return fold_buf(out, text,
			flags & CC_TEXT_ASCII_DIGITS
				? CC_TEXT__DISPLAY_ASCII_DIGITS
				: CC_TEXT__DISPLAY);
}

/* Runs @fn over a heap analysis (the struct is large for a host's stack
 * when called from a binding's thread). */
static int with_analysis(const char *text, bool score,
			 int (*fn)(cc_text__analysis *, void *), void *ctx)
{
	cc_text__analysis *a;
	int rc;

	CC__CHECK_NOTNULL(text);
	a = cc__malloc(sizeof(*a));
	if (!a)
		return cc__error_nomem();
	cc_text__analysis_init(a);
	rc = score ? cc_text__analyze(a, text, strlen(text), NULL)
		   : cc_text__tokenize(a, text, strlen(text));
	if (rc == 0)
		rc = fn(a, ctx);
	cc_text__analysis_dispose(a);
	cc__free(a);
	return rc;
}

static int put_stems(cc_text__analysis *a, void *ctx)
{
	return cc__buf_set(ctx, a->stems, a->stems_len);
}

int cc_text_stems(cc_buf *out, const char *text)
{
	CC__CHECK_NOTNULL(out);
	return with_analysis(text, false, put_stems, out);
}

typedef struct lang_ctx {
	int *lang, *arabizi;
} lang_ctx;

static int put_lang(cc_text__analysis *a, void *ctx)
{
	lang_ctx *c = ctx;
	*c->lang = a->language;
	if (c->arabizi)
		*c->arabizi = a->arabizi ? 1 : 0;
	return 0;
}

int cc_text_detect_language(int *lang, int *arabizi, const char *text)
{
	lang_ctx c = { lang, arabizi };
	CC__CHECK_NOTNULL(lang);
	return with_analysis(text, false, put_lang, &c);
}

const char *cc_text_language_name(int lang)
{
	switch (lang) {
	case CC_TEXT_LANG_AR:
		return "ar";
	case CC_TEXT_LANG_EN:
		return "en";
	case CC_TEXT_LANG_MIXED:
		return "mixed";
	default:
		return "unknown";
	}
}

static int put_sentiment(cc_text__analysis *a, void *ctx)
{
	cc_text_sentiment *s = ctx;
	s->label = a->sentiment;
	s->score = a->score;
	s->urgent = a->urgent ? 1 : 0;
	s->urgency = a->urgency;
	return 0;
}

int cc_text_sentiment_score(cc_text_sentiment *out, const char *text)
{
	CC__CHECK_NOTNULL(out);
	return with_analysis(text, true, put_sentiment, out);
}

const char *cc_text_sentiment_name(int label)
{
	switch (label) {
	case CC_TEXT_POSITIVE:
		return "positive";
	case CC_TEXT_NEGATIVE:
		return "negative";
	default:
		return "neutral";
	}
}

int cc_text_numbers(cc_text_number *out, size_t cap, size_t *count,
		    const char *text)
{
	cc_text__analysis *a;
	int rc;

	CC__CHECK_NOTNULL(count);
	CC__CHECK_NOTNULL(text);
	CC__CHECK_ARG(out != NULL || cap == 0, "out");
	a = cc__malloc(sizeof(*a));
	if (!a)
		return cc__error_nomem();
	cc_text__analysis_init(a);
	rc = cc_text__tokenize(a, text, strlen(text));
	if (rc == 0)
		*count = cc_text__numbers(a, out, cap);
	cc_text__analysis_dispose(a);
	cc__free(a);
	return rc;
}

int cc_text_cardinal(int64_t *value, const char *text)
{
	cc_text_number n;
	size_t count = 0;
	int rc;

	CC__CHECK_NOTNULL(value);
	rc = cc_text_numbers(&n, 1, &count, text);
	if (rc)
		return rc;
	if (count == 0)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_TEXT,
				 "the text has no number");
	if (!n.has_value)
		return cc__error(CC_ERANGE, CC_ERRCLASS_TEXT,
				 "the number is a digit sequence, not one "
				 "cardinal");
	*value = n.value;
	return 0;
}
