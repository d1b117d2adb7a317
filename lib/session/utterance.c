/* The session's view of caller text, through the text layer: display form,
 * match key cut into words, and language. */
#include <string.h>

#include "callcenter/text.h"
#include "session/session_int.h"

/* The match key keeps punctuation (unified to ASCII); the session compares
 * words, so punctuation becomes a word break -- except, for addresses, the
 * symbols an address is made of. */
static size_t words_only(char *s, size_t n, bool keep_symbols)
{
	size_t o = 0;
	bool space = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool brk = c == ' ' ||
			   (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
					  (c >= 'A' && c <= 'Z') || c == '\'' ||
					  (keep_symbols && strchr("@._-+%", c))));
		if (brk) {
			if (!space)
				s[o++] = ' ';
			space = true;
		} else {
			s[o++] = (char)c;
			space = false;
		}
	}
	while (o > 0 && s[o - 1] == ' ')
		o--;
	s[o] = '\0';
	return o;
}

static size_t key_impl(char *out, size_t cap, const char *text, size_t len,
		       bool keep_symbols)
{
	size_t n = 0;
	if (cap == 0)
		return 0;
	/* Caller text was checked on the way in; a key longer than the
	 * buffer (a very long utterance) is simply not understood. */
	if (cc_text_key(out, cap, &n, text, len) < 0) {
		out[0] = '\0';
		return 0;
	}
	return words_only(out, n, keep_symbols);
}

size_t cc_session__key(char *out, size_t cap, const char *text, size_t len)
{
	return key_impl(out, cap, text, len, false);
}

int cc_session__display(cc_buf *out, const char *text, size_t len)
{
	size_t n = 0;
	int rc;

	cc__buf_clear(out);
	if (cc__buf_grow(out, len + 1) < 0)
		return CC_ENOMEM;
	rc = cc_text_display(out->ptr, out->reserved, &n, text, len, 0);
	if (rc == CC_EBUFS) {
		if (cc__buf_grow(out, n + 1) < 0)
			return CC_ENOMEM;
		rc = cc_text_display(out->ptr, out->reserved, &n, text, len, 0);
	}
	if (rc < 0)
		return rc;
	out->size = n;
	return 0;
}

/* Whole words in each script: a switch of language needs a clear sentence,
 * not a name or an address in Latin letters. */
static void count_words(const char *text, size_t len, unsigned *ar, unsigned *en)
{
	size_t i = 0;
	bool wa = false, we = false;

	*ar = *en = 0;
	while (i <= len) {
		uint32_t cp = ' ';
		size_t n = 1;
		if (i < len && (n = cc__utf8_decode(text + i, len - i, &cp)) == 0)
			n = 1, cp = ' ';
		if (cp >= 0x0621 && cp <= 0x064A)
			wa = true;
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			we = true;
		else if (cp == ' ' || cp == ',' || cp == '.' || cp == '?' || cp == '!' ||
			 cp == 0x060C || cp == 0x061F || i >= len) {
			*ar += wa && !we;
			*en += we && !wa;
			wa = we = false;
		}
		i += n;
	}
}

int cc_session__detect_language(const char *text, size_t len, bool full, bool *strong)
{
	int lang = CC_TEXT_LANG_UNKNOWN, arabizi = 0;
	unsigned ar, en;
	char buf[CC_SESSION__MAX_TEXT + 1];

	*strong = false;
	if (len > CC_SESSION__MAX_TEXT)
		return -1;
	count_words(text, len, &ar, &en);
	/* Only Latin words can be Arabizi; without three of them the script
	 * counts decide and the full analysis is not needed. */
	if (en < 3 || !full) {
		if (ar > 0 && en == 0) {
			*strong = ar >= 3;
			return CC_SESSION__AR;
		}
		if (en > 0 && ar == 0) {
			return CC_SESSION__EN;
		}
		return -1;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (cc_text_detect_language(&lang, &arabizi, buf) < 0)
		return -1;
	if (lang == CC_TEXT_LANG_AR) {
		/* Arabizi is Arabic in Latin letters: its words count as
		 * Arabic. */
		*strong = arabizi ? en >= 3 : (ar >= 3 && en == 0);
		return CC_SESSION__AR;
	}
	if (lang == CC_TEXT_LANG_EN) {
		*strong = en >= 3 && ar == 0;
		return CC_SESSION__EN;
	}
	return -1;
}

unsigned cc_session__words_in(const char *text, size_t len, int lang)
{
	unsigned ar, en;
	count_words(text, len, &ar, &en);
	return lang == CC_SESSION__AR ? ar : en;
}
