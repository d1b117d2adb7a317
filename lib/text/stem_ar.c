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

/* ---- roots whose first letter is و ----------------------------------
 * For most words a leading و is the conjunction "and" (والخدمة, وبدي), but
 * in these common roots it is the first radical: وصل, وقف, وجد...  Stripping
 * it turned وصلني into صلن and وقفوا into قف.  A word is read as a form of
 * one of these roots when it is the root plus inflection and nothing else:
 *   [conjunction و/ف] [future ح/ه] [ب] [imperfect ا/ي/ت/ن] ROOT
 *   [subject ending] [object pronoun]
 * (وصلني, وصلتني, يوصل, بيوصلوا, توقف, ووقفت), and its stem is the root.
 * Anything else after the root (وسعره, وفريق) means the و is "and".
 * Roots whose و-less remainder is a frequent word of its own (وكل ~ و+كل,
 * ورد ~ و+رد, وحد ~ و+حد) are left out on purpose. */
static const char *const waw_roots[] = {
	"وصل", "وقف", "وجد", "وعد", "وقع", "وضع", "وفر", "وزن",
	"وصف", "وثق", "وظف", "وقت", "وجع", "وفق", "وزع", "وجه", "وسط",
};

/* Verb subject endings (perfect and imperfect) and noun endings, then
 * object/possessive pronouns; each list is tried longest first. */
struct affix {
	const char *s;
	size_t len;
};
#define A(s) { s, sizeof(s) - 1 }
static const struct affix subject_endings[] = {
	A("توا"), A("تو"), A("تم"), A("تي"), A("ات"), A("ون"), A("ين"),
	A("وا"), A("نا"), A("ت"), A("و"), A("ي"), A("ه"),
};
static const struct affix object_endings[] = {
	A("كم"), A("هم"), A("ها"), A("ني"), A("نا"), A("كي"), A("ك"),
	A("ه"), A("ي"),
};

static bool is_ending_list(const char *w, size_t len,
			   const struct affix *l, size_t n)
{
	size_t i;
	if (len == 0)
		return true;
	for (i = 0; i < n; i++)
		if (l[i].len == len && bytes_eq(w, l[i].s, len))
			return true;
	return false;
}

/* Is w[0..len) nothing but inflection: [subject ending][object pronoun]? */
static bool is_inflection(const char *w, size_t len)
{
	size_t i;
	if (len == 0 || is_ending_list(w, len, subject_endings,
				       CC__ARRAY_SIZE(subject_endings)))
		return true;
	for (i = 0; i < CC__ARRAY_SIZE(object_endings); i++) {
		size_t ol = object_endings[i].len;
		if (len >= ol &&
		    bytes_eq(w + len - ol, object_endings[i].s, ol) &&
		    is_ending_list(w, len - ol, subject_endings,
				   CC__ARRAY_SIZE(subject_endings)))
			return true;
	}
	return false;
}

static inline bool is_letter(const char *w, const char *l)
{
	return w[0] == l[0] && w[1] == l[1];
}

/* The و-root w[0..len) is a form of, or NULL. */
static const char *waw_root(const char *w, size_t len)
{
	size_t i;
	/* Prefixes, each optional, in their order: ف/و, ح/ه, ب, ا/ي/ت/ن. */
	if (len >= 8 && (is_letter(w, "و") || is_letter(w, "ف"))) {
		/* a conjunction (ووصلت, فيوصل), or the root's own و */
		const char *r = waw_root(w + 2, len - 2);
		if (r)
			return r;
	}
	if (len >= 8 && (is_letter(w, "ح") || is_letter(w, "ه")) &&
	    (is_letter(w + 2, "ي") || is_letter(w + 2, "ت") ||
	     is_letter(w + 2, "ن") || is_letter(w + 2, "ا")))
		w += 2, len -= 2;
	if (len >= 8 && is_letter(w, "ب"))
		w += 2, len -= 2;
	if (len >= 8 && (is_letter(w, "ي") || is_letter(w, "ت") ||
			 is_letter(w, "ن") || is_letter(w, "ا")))
		w += 2, len -= 2;
	if (len < 6 || !is_letter(w, "و"))
		return NULL;
	for (i = 0; i < CC__ARRAY_SIZE(waw_roots); i++)
		if (bytes_eq(w, waw_roots[i], 6) && is_inflection(w + 6, len - 6))
			return waw_roots[i];
	return NULL;
}

/* A preposition glued to a word that begins with hamza: ب/ل before a
 * form X word (است: باسترداد, لاستفسار) or a form IV verbal noun إفعال
 * (لإعلان, بإرسال; the key form has folded إ/أ to ا, so the shape
 * ا C C ا C is what tells it from لازم or باقات). */
static size_t hamza_preposition(const char *w, size_t len)
{
	if (len < 12 || !(is_letter(w, "ب") || is_letter(w, "ل") ||
			  is_letter(w, "ف") || is_letter(w, "ك")))
		return 0;
	if (bytes_eq(w + 2, "است", 6) && len >= 14)
		return 2;
	if ((is_letter(w, "ب") || is_letter(w, "ل")) && is_letter(w + 2, "ا") &&
	    is_letter(w + 8, "ا"))
		return 2;
	return 0;
}

size_t cc_text__stem_arabic(char *out, const char *word, size_t len)
{
	const char *w = word;
	const char *root;
	size_t i, cut;
	bool pronoun = false, prefixed = false;

	/* Short words are kept whole: زين, بدي, ابي are words, not stems. */
	if (len <= 6 || (len & 1)) {
		memmove(out, word, len);
		return len;
	}
	/* وصلني, يوصل, ووقفت: the و is the root's (see waw_roots). */
	if ((root = waw_root(w, len)) != NULL) {
		memmove(out, root, 6);
		return 6;
	}
	for (i = 0; i < CC__ARRAY_SIZE(prefixes); i++) {
		size_t pl = prefixes[i].len;
		if (starts_with(w, len, prefixes[i].s, pl) && len - pl >= 4) {
			w += pl;
			len -= pl;
			prefixed = true;
			break;
		}
	}
	if (!prefixed && len >= 10 && starts_with(w, len, "و", 2)) {
		w += 2;
		len -= 2;
	}
	if (!prefixed && (cut = hamza_preposition(w, len)) != 0) {
		w += cut;
		len -= cut;
	}
	/* What the article leaves is a word of its own: a three-letter one
	 * (الواي → واي, الخطة → خطه) is kept whole, as it would be alone. */
	if (prefixed && len <= 6) {
		memmove(out, w, len);
		return len;
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
