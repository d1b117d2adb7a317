/* Light stemming of folded Arabic words: Light10's clitics and suffixes,
 * plus the possessive ta (مشكلتي → مشكل) and a few dialect endings. */
#include <string.h>

#include "text_int.h"

/* Every letter of a folded Arabic token is in U+0600..06FF, two bytes of
 * UTF-8, so lengths below are in bytes and letters are len / 2. */

/* Tried in order; the first that leaves two letters or more is removed. */
static const char *const prefixes[] = {
	"وبال", "فبال", "وال", "بال", "كال", "فال", "ولل", "فلل", "ال", "لل",
};

/* Each is removed in turn when the word ends with it and two letters or
 * more remain (Light10 order, with the pronoun and verb endings callers
 * use added). */
static const struct {
	const char *s;
	bool pronoun; /* turns a ta marbuta into ت before it */
} suffixes[] = {
	{ "ها", true }, { "هم", true }, { "هن", true }, { "كم", true },
	{ "كن", true }, { "كو", true }, { "نا", true }, { "ان", false },
	{ "ات", false }, { "ون", false }, { "ين", false }, { "يه", false },
	{ "وا", false }, { "ه", true },  { "ي", true },
};

static bool starts_with(const char *w, size_t len, const char *p, size_t pl)
{
	return len >= pl && memcmp(w, p, pl) == 0;
}

static bool ends_with(const char *w, size_t len, const char *s, size_t sl)
{
	return len >= sl && memcmp(w + len - sl, s, sl) == 0;
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
		size_t pl = strlen(prefixes[i]);
		if (starts_with(w, len, prefixes[i], pl) && len - pl >= 4) {
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
		size_t sl = strlen(suffixes[i].s);
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
