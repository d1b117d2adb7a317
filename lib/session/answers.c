/* Short answers a caller gives the IVR: yes/no, a language, a field, a
 * person.  Every comparison is on match keys (text layer), token by token,
 * never on raw text or substrings. */
#include <string.h>

#include "session/session_int.h"

/* ---- tokens of a match key ------------------------------------------------ */

#define MAX_TOKENS 64

typedef struct tok {
	const char *p;
	size_t n;
} tok;

static size_t tokenize(tok *out, size_t max, const char *key, size_t len)
{
	size_t n = 0, i = 0;
	while (i < len && n < max) {
		while (i < len && key[i] == ' ')
			i++;
		if (i == len)
			break;
		out[n].p = key + i;
		while (i < len && key[i] != ' ')
			i++;
		out[n].n = (size_t)(key + i - out[n].p);
		n++;
	}
	return n;
}

static bool tok_is(const tok *t, const char *w)
{
	size_t n = strlen(w);
	return t->n == n && memcmp(t->p, w, n) == 0;
}

/* The Arabic definite article and the conjunction/prepositions glued to it
 * ("الإيميل", "والرقم", "بالعربي") do not change which word it is. */
static tok strip_article(tok t)
{
	static const char *const prefixes[] = { "وال", "بال", "فال", "كال", "لل", "ال" };
	for (size_t i = 0; i < CC__ARRAY_SIZE(prefixes); i++) {
		size_t n = strlen(prefixes[i]);
		/* keep at least two letters (4 bytes) after the prefix */
		if (t.n >= n + 4 && memcmp(t.p, prefixes[i], n) == 0) {
			t.p += n;
			t.n -= n;
			return t;
		}
	}
	return t;
}

static bool in_list(const tok *t, const char *const *list)
{
	for (; *list; list++)
		if (tok_is(t, *list))
			return true;
	return false;
}

/* Word lists are written as match keys: lower case, hamza forms of alef
 * folded to ا, ة to ه, ى to ي, no diacritics. */

/* ---- yes / no --------------------------------------------------------------- */

static const char *const yes_words[] = {
	/* Arabic: MSA, Gulf, Levantine, Egyptian */
	"نعم", "اي", "ايوه", "ايوا", "ايه", "اكيد", "صح", "صحيح", "تمام",
	"مظبوط", "مزبوط", "مضبوط", "طبعا", "بلي", "موافق", "ماشي", "اوكي",
	"هيه", "يب", "اكد", "اوكيه", "تماما", "سليم",
	/* English */
	"yes", "yeah", "yea", "yep", "yup", "sure", "correct", "right",
	"exactly", "absolutely", "confirm", "confirmed", "ok", "okay", "fine",
	"affirmative", "definitely", "certainly", "true", "indeed",
	/* the key and its spoken name */
	"1", "one", "واحد", NULL
};

static const char *const no_words[] = {
	"لا", "لاء", "مو", "مش", "غلط", "خطا", "مب", "ماهو", "مهو", "كلا",
	"لسا", "عدل", "تعديل", "غير", "غيره", "بدل",
	"no", "nope", "nah", "wrong", "incorrect", "not", "change", "edit",
	"false", "negative",
	"2", "two", "اثنين", "اتنين", "ثنين", "تنين", "اثنان", NULL
};

/* A negator before a yes-word makes it a no ("مو صح", "not correct"). */
static const char *const negators[] = { "لا", "مو", "مش", "مب", "ماهو", "مهو",
					"not", "no", "isnt", "isn't", NULL };

int cc_session__yes_no(const char *key, size_t len)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);

	for (size_t i = 0; i < n; i++) {
		tok w = strip_article(t[i]);
		bool yes = in_list(&t[i], yes_words) || in_list(&w, yes_words);
		if (yes) {
			if (i > 0 && in_list(&t[i - 1], negators))
				return CC_SESSION__NO;
			return CC_SESSION__YES;
		}
		if (in_list(&t[i], no_words)) {
			/* "no" followed by a yes-word is still "no"; "not" on
			 * its own is a no only when nothing affirms later. */
			return CC_SESSION__NO;
		}
	}
	return CC_SESSION__UNSURE;
}

/* ---- asking for a language ----------------------------------------------------- */

static const char *const arabic_names[] = { "عربي", "العربي", "بالعربي",
					    "العربيه", "عربيه", "arabic", "arabi",
					    NULL };
static const char *const english_names[] = {
	"انجليزي", "انكليزي", "بالانجليزي", "بالانكليزي", "الانجليزي",
	"الانكليزي", "الانجليزيه", "انقليزي", "بالانقليزي", "english",
	"inglizi", "engleezi", NULL
};
/* The only other words a language request may contain. */
static const char *const request_words[] = {
	"please", "pls", "in", "speak", "talk", "can", "could", "you", "we",
	"switch", "to", "language", "lets", "let's", "us", "i", "want",
	"prefer", "would", "like", "the", "use", "do", "continue", "only",
	"لو", "سمحت", "سمحتي", "ممكن", "احكي", "تحكي", "تحكيلي", "حكي",
	"تكلم", "تكلمني", "كلمني", "اتكلم", "نتكلم", "نحكي", "بدي", "ابي",
	"ابغي", "اريد", "عايز", "حابب", "باللغه", "اللغه", "لغه", "خلينا",
	"يا", "ريت", "من", "فضلك", "رجاء", "رجاءا", "الرجاء", "كمل", "نكمل",
	"تكمل", "خليها", "خلي", "معي", "معاي", "عاوز", "بغيت", "هلا", NULL
};

int cc_session__language_request(const char *key, size_t len)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	int lang = -1;

	if (n == 0 || n > 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (in_list(&t[i], arabic_names)) {
			if (lang == CC_SESSION__EN)
				return -1;
			lang = CC_SESSION__AR;
		} else if (in_list(&t[i], english_names)) {
			if (lang == CC_SESSION__AR)
				return -1;
			lang = CC_SESSION__EN;
		} else if (!in_list(&t[i], request_words)) {
			return -1; /* "an English course" is not a request */
		}
	}
	return lang;
}

/* ---- naming a field ------------------------------------------------------------------ */

static int number_word(const tok *t)
{
	static const char *const words[][5] = {
		{ "1", "one", "first", "واحد", "الاول" },
		{ "2", "two", "second", "اثنين", "الثاني" },
		{ "3", "three", "third", "ثلاثه", "الثالث" },
		{ "4", "four", "fourth", "اربعه", "الرابع" },
		{ "5", "five", "fifth", "خمسه", "الخامس" },
		{ "6", "six", "sixth", "سته", "السادس" },
		{ "7", "seven", "seventh", "سبعه", "السابع" },
		{ "8", "eight", "eighth", "ثمانيه", "الثامن" },
		{ "9", "nine", "ninth", "تسعه", "التاسع" },
	};
	static const char *const more[] = { "اتنين", "ثنين", "تنين", "اثنان",
					    "تلاته", "ثلاث", "تلات", "اربع",
					    "خمس", NULL };
	static const int more_val[] = { 2, 2, 2, 2, 3, 3, 3, 4, 5 };

	for (int i = 0; i < 9; i++)
		for (int j = 0; j < 5; j++)
			if (tok_is(t, words[i][j]))
				return i + 1;
	for (int i = 0; more[i]; i++)
		if (tok_is(t, more[i]))
			return more_val[i];
	return 0;
}

/* Does the phrase (a match key, one or more words) occur as whole words in
 * the utterance's tokens? */
static bool phrase_in(const tok *t, size_t n, const char *phrase)
{
	char key[256];
	tok p[8];
	size_t pn, klen;

	if (phrase == NULL || phrase[0] == '\0')
		return false;
	klen = cc_session__key(key, sizeof(key), phrase, strlen(phrase));
	pn = tokenize(p, 8, key, klen);
	if (pn == 0 || pn > n)
		return false;
	for (size_t i = 0; i + pn <= n; i++) {
		size_t j;
		for (j = 0; j < pn; j++) {
			tok a = strip_article(t[i + j]), b = strip_article(p[j]);
			if (!(a.n == b.n && memcmp(a.p, b.p, a.n) == 0))
				break;
		}
		if (j == pn)
			return true;
	}
	return false;
}

int cc_session__field_named(const cc_session *s, const char *key, size_t len,
			    bool numbers)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);

	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = cc_engine_field(s->engine, i);
		if (f == NULL || !((s->ask_mask >> i) & 1u))
			continue;
		if (phrase_in(t, n, f->label_ar) || phrase_in(t, n, f->label_en))
			return (int)i;
		for (const char *const *a = f->aliases; a && *a; a++) {
			/* "2" names the second field only where numbers
			 * choose fields, not where 2 means "no". */
			if (!numbers && strspn(*a, "0123456789") == strlen(*a))
				continue;
			if (phrase_in(t, n, *a))
				return (int)i;
		}
	}
	if (numbers) {
		for (size_t k = 0; k < n; k++) {
			int v = number_word(&t[k]);
			if (v > 0) {
				int seen = 0;
				for (size_t i = 0; i < s->nfields; i++)
					if ((s->ask_mask >> i) & 1u && ++seen == v)
						return (int)i;
				return -1;
			}
		}
	}
	return -1;
}

/* ---- asking for a person ---------------------------------------------------------------- */

bool cc_session__wants_agent(const char *key, size_t len)
{
	static const char *const words[] = {
		"agent", "person", "human", "representative", "operator",
		"someone", "somebody", "staff", "employee", "موظف", "الموظف",
		"موظفه", "انسان", "شخص", "مندوب", "ممثل", "حدا", "احد", NULL
	};
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	for (size_t i = 0; i < n; i++) {
		tok w = strip_article(t[i]);
		if (in_list(&t[i], words) || in_list(&w, words))
			return true;
	}
	return false;
}
