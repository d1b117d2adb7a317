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

/* A word list with the lengths known at compile time: these lists are
 * checked on every caller turn. */
typedef struct word {
	const char *w;
	size_t n;
} word;
#define W(s) { s, sizeof(s) - 1 }
#define WEND { NULL, 0 }

static bool in_words(const tok *t, const word *list)
{
	for (; list->w; list++)
		if (t->n == list->n && memcmp(t->p, list->w, list->n) == 0)
			return true;
	return false;
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

/* Word lists are written as match keys: lower case, hamza forms of alef
 * folded to ا, ة to ه, ى to ي, no diacritics. */

/* ---- yes / no --------------------------------------------------------------- */

static const word yes_words[] = {
	/* Arabic: MSA, Gulf, Levantine, Egyptian */
	W("نعم"), W("اي"), W("ايوه"), W("ايوا"), W("ايه"), W("اكيد"), W("صح"), W("صحيح"), W("تمام"),
	W("مظبوط"), W("مزبوط"), W("مضبوط"), W("طبعا"), W("بلي"), W("موافق"), W("ماشي"), W("اوكي"),
	W("هيه"), W("يب"), W("اكد"), W("اوكيه"), W("تماما"), W("سليم"),
	/* English */
	W("yes"), W("yeah"), W("yea"), W("yep"), W("yup"), W("sure"), W("correct"), W("right"),
	W("exactly"), W("absolutely"), W("confirm"), W("confirmed"), W("ok"), W("okay"), W("fine"),
	W("affirmative"), W("definitely"), W("certainly"), W("true"), W("indeed"),
	/* the key and its spoken name */
	W("1"), W("one"), W("واحد"), WEND
};

static const word no_words[] = {
	W("لا"), W("لاء"), W("مو"), W("مش"), W("غلط"), W("خطا"), W("مب"), W("ماهو"), W("مهو"), W("كلا"),
	W("لسا"), W("عدل"), W("تعديل"), W("غير"), W("غيره"), W("بدل"),
	W("no"), W("nope"), W("nah"), W("wrong"), W("incorrect"), W("not"), W("change"), W("edit"),
	W("false"), W("negative"),
	W("2"), W("two"), W("اثنين"), W("اتنين"), W("ثنين"), W("تنين"), W("اثنان"), WEND
};

/* A negator before a yes-word makes it a no ("مو صح", "not correct"). */
static const word negators[] = { W("لا"), W("مو"), W("مش"), W("مب"), W("ماهو"), W("مهو"),
					W("not"), W("no"), W("isnt"), W("isn't"), WEND };

int cc_session__yes_no(const char *key, size_t len)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);

	for (size_t i = 0; i < n; i++) {
		tok w = strip_article(t[i]);
		bool yes = in_words(&t[i], yes_words) || in_words(&w, yes_words);
		if (yes) {
			if (i > 0 && in_words(&t[i - 1], negators))
				return CC_SESSION__NO;
			return CC_SESSION__YES;
		}
		if (in_words(&t[i], no_words)) {
			/* "no" followed by a yes-word is still "no"; "not" on
			 * its own is a no only when nothing affirms later. */
			return CC_SESSION__NO;
		}
	}
	return CC_SESSION__UNSURE;
}

/* ---- asking for a language ----------------------------------------------------- */

static const word arabic_names[] = { W("عربي"), W("العربي"), W("بالعربي"),
					    W("العربيه"), W("عربيه"), W("arabic"), W("arabi"),
					    WEND };
static const word english_names[] = {
	W("انجليزي"), W("انكليزي"), W("بالانجليزي"), W("بالانكليزي"), W("الانجليزي"),
	W("الانكليزي"), W("الانجليزيه"), W("انقليزي"), W("بالانقليزي"), W("english"),
	W("inglizi"), W("engleezi"), WEND
};
/* The only other words a language request may contain. */
static const word request_words[] = {
	W("please"), W("pls"), W("in"), W("speak"), W("talk"), W("can"), W("could"), W("you"), W("we"),
	W("switch"), W("to"), W("language"), W("lets"), W("let's"), W("us"), W("i"), W("want"),
	W("prefer"), W("would"), W("like"), W("the"), W("use"), W("do"), W("continue"), W("only"),
	W("لو"), W("سمحت"), W("سمحتي"), W("ممكن"), W("احكي"), W("تحكي"), W("تحكيلي"), W("حكي"),
	W("تكلم"), W("تكلمني"), W("كلمني"), W("اتكلم"), W("نتكلم"), W("نحكي"), W("بدي"), W("ابي"),
	W("ابغي"), W("اريد"), W("عايز"), W("حابب"), W("باللغه"), W("اللغه"), W("لغه"), W("خلينا"),
	W("يا"), W("ريت"), W("من"), W("فضلك"), W("رجاء"), W("رجاءا"), W("الرجاء"), W("كمل"), W("نكمل"),
	W("تكمل"), W("خليها"), W("خلي"), W("معي"), W("معاي"), W("عاوز"), W("بغيت"), W("هلا"), WEND
};

int cc_session__language_request(const char *key, size_t len)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	int lang = -1;

	if (n == 0 || n > 8)
		return -1;
	{
		/* Most turns name no language: say so before anything else. */
		bool named = false;
		for (size_t i = 0; i < n && !named; i++)
			named = in_words(&t[i], arabic_names) || in_words(&t[i], english_names);
		if (!named)
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (in_words(&t[i], arabic_names)) {
			if (lang == CC_SESSION__EN)
				return -1;
			lang = CC_SESSION__AR;
		} else if (in_words(&t[i], english_names)) {
			if (lang == CC_SESSION__AR)
				return -1;
			lang = CC_SESSION__EN;
		} else if (!in_words(&t[i], request_words)) {
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

/* How many words of the utterance the phrase (a match key, one or more
 * words) covers where it occurs whole; 0 when it does not occur. */
static size_t phrase_in(const tok *t, size_t n, const char *phrase)
{
	char key[256];
	tok p[8];
	size_t pn, klen;

	if (phrase == NULL || phrase[0] == '\0')
		return 0;
	klen = cc_session__key(key, sizeof(key), phrase, strlen(phrase));
	pn = tokenize(p, 8, key, klen);
	if (pn == 0 || pn > n)
		return 0;
	for (size_t i = 0; i + pn <= n; i++) {
		size_t j;
		for (j = 0; j < pn; j++) {
			tok a = strip_article(t[i + j]), b = strip_article(p[j]);
			if (!(a.n == b.n && memcmp(a.p, b.p, a.n) == 0))
				break;
		}
		if (j == pn)
			return pn;
	}
	return 0;
}

int cc_session__field_named(const cc_session *s, const char *key, size_t len,
			    bool numbers)
{
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	size_t best_len = 0;
	int best = -1;

	/* The longest name wins: "order number" names the order, not the
	 * phone "number". */
	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = cc_engine_field(s->engine, i);
		size_t m;
		if (f == NULL || !((s->ask_mask >> i) & 1u))
			continue;
		{
			size_t a = phrase_in(t, n, f->label_ar);
			size_t b = phrase_in(t, n, f->label_en);
			m = a > b ? a : b;
		}
		for (const char *const *a = f->aliases; a && *a; a++) {
			size_t k;
			/* "2" names the second field only where numbers
			 * choose fields, not where 2 means "no". */
			if (!numbers && strspn(*a, "0123456789") == strlen(*a))
				continue;
			if ((k = phrase_in(t, n, *a)) > m)
				m = k;
		}
		if (m > best_len) {
			best_len = m;
			best = (int)i;
		}
	}
	if (best >= 0)
		return best;
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
	static const word words[] = {
		W("agent"), W("person"), W("human"), W("representative"), W("operator"),
		W("someone"), W("somebody"), W("staff"), W("employee"), W("موظف"), W("الموظف"),
		W("موظفه"), W("انسان"), W("شخص"), W("مندوب"), W("ممثل"), W("حدا"), W("احد"), WEND
	};
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	for (size_t i = 0; i < n; i++) {
		tok w = strip_article(t[i]);
		if (in_words(&t[i], words) || in_words(&w, words))
			return true;
	}
	return false;
}

/* A short request for a person: an agent word, and either nothing else or
 * a request word with it ("agent please", "أبي أكلم موظف").  A name that
 * happens to be such a word ("Agnes Person") is not one. */
bool cc_session__asks_for_person(const char *key, size_t len)
{
	static const word ask[] = {
		W("please"), W("talk"), W("speak"), W("want"), W("need"), W("connect"),
		W("transfer"), W("put"), W("can"), W("could"), W("let"), W("give"),
		W("get"), W("real"), W("ابي"), W("ابغي"), W("ابغا"), W("بدي"), W("اريد"),
		W("عايز"), W("عاوز"), W("ممكن"), W("لو"), W("سمحت"), W("اكلم"),
		W("احكي"), W("اتكلم"), W("كلمني"), W("حولني"), W("وصلني"), W("حولوني"),
		W("تحولني"), W("توصلني"), W("نحكي"), W("اكلمه"), W("ودي"), WEND
	};
	tok t[MAX_TOKENS];
	size_t n = tokenize(t, MAX_TOKENS, key, len);
	bool asked = n == 1;

	if (n == 0 || n > 6 || !cc_session__wants_agent(key, len))
		return false;
	for (size_t i = 0; i < n && !asked; i++)
		asked = in_words(&t[i], ask);
	return asked;
}
