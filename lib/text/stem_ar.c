/* Light stemming of folded Arabic words: Light10's clitics and suffixes,
 * plus the possessive ta (مشكلتي → مشكل) and a few dialect endings. */
#include <string.h>

#include "text_int.h"

/* Every letter of a folded Arabic token is in U+0600..06FF, two bytes of
 * UTF-8, so lengths below are in bytes and letters are len / 2. */

/* Tried in order; the first that leaves two letters or more is removed. */
#define P(s) { s, sizeof(s) - 1 }
static const struct {
	const char *s;
	size_t len;
} prefixes[] = {
	P("وبال"), P("فبال"), P("وال"), P("بال"), P("كال"),
	P("فال"), P("ولل"), P("فلل"), P("ال"), P("لل"),
};

/* Each is removed in turn when the word ends with it and two letters or
 * more remain (Light10 order, with the pronoun and verb endings callers
 * use added). */
static const struct {
	const char *s;
	size_t len;
	bool pronoun; /* turns a ta marbuta into ت before it */
} suffixes[] = {
	{ "ها", 4, true },   { "هم", 4, true },  { "هن", 4, true },
	{ "كم", 4, true },   { "كن", 4, true },  { "كو", 4, true },
	{ "نا", 4, true },   { "ان", 4, false }, { "ات", 4, false },
	{ "ون", 4, false },  { "ين", 4, false }, { "يه", 4, false },
	{ "وا", 4, false },  { "ه", 2, true },   { "ي", 2, true },
};

/* Affixes are two to eight bytes: a byte loop beats a memcmp call. */
static inline bool bytes_eq(const char *a, const char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static inline bool starts_with(const char *w, size_t len, const char *p,
			       size_t pl)
{
	return len >= pl && bytes_eq(w, p, pl);
}

static inline bool ends_with(const char *w, size_t len, const char *s,
			     size_t sl)
{
	return len >= sl && bytes_eq(w + len - sl, s, sl);
}

size_t cc_text__stem_arabic(char *out, const char *word, size_t len)
{
	const char *w = word;
	size_t i;
	bool pronoun = false;

	/* Short words are kept whole: زين, بدي, ابي are words, not stems. */
	if (len <= 6 || (len & 1)) {
		memmove(out, word, len);
		return len;
	}
	for (i = 0; i < CC__ARRAY_SIZE(prefixes); i++) {
		size_t pl = prefixes[i].len;
		if (starts_with(w, len, prefixes[i].s, pl) && len - pl >= 4) {
			w += pl;
			len -= pl;
			break;
		}
	}
	if (i == CC__ARRAY_SIZE(prefixes) && len >= 10 &&
	    starts_with(w, len, "و", 2)) {
		w += 2;
		len -= 2;
	}
	for (i = 0; i < CC__ARRAY_SIZE(suffixes); i++) {
		size_t sl = suffixes[i].len;
		if (ends_with(w, len, suffixes[i].s, sl) && len - sl >= 4) {
			len -= sl;
			pronoun |= suffixes[i].pronoun;
		}
	}
	/* مشكلة + ي is written مشكلتي: drop the ت the suffix uncovered. */
	if (pronoun && len >= 8 && ends_with(w, len, "ت", 2))
		len -= 2;
	memmove(out, w, len);
	return len;
}
