/* The fast path: one utterance → match key, tokens with stems, language,
 * negation, sentiment and urgency, in a caller-owned analysis that needs no
 * heap for ordinary utterances. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "text_int.h"

void cc_text__analysis_init(cc_text__analysis *a)
{
	memset(a, 0, offsetof(cc_text__analysis, arena_inline));
	a->arena = a->arena_inline;
	a->arena_cap = sizeof(a->arena_inline);
	a->arena_heap = false;
	a->arena[0] = '\0';
	a->key = a->stems = a->arena;
}

void cc_text__analysis_dispose(cc_text__analysis *a)
{
	if (!a)
		return;
	if (a->arena_heap)
		cc__free(a->arena);
	cc_text__analysis_init(a);
}

static void reset_result(cc_text__analysis *a)
{
	a->arena[0] = '\0';
	a->key = a->stems = a->arena;
	a->key_len = a->stems_len = 0;
	a->tokens = NULL;
	a->ntokens = 0;
	a->language = CC_TEXT_LANG_UNKNOWN;
	a->arabizi = false;
	a->sentiment = CC_TEXT_NEUTRAL;
	a->score = 0;
	a->urgency = 0;
	a->urgent = false;
}

/* Grows the arena to at least @need bytes, keeping the first @keep. */
static int arena_grow(cc_text__analysis *a, size_t need, size_t keep)
{
	char *p;
	size_t cap = a->arena_cap * 2;
	while (cap < need)
		cap *= 2;
	p = cc__malloc(cap);
	if (!p)
		return cc__error_nomem();
	memcpy(p, a->arena, keep);
	if (a->arena_heap)
		cc__free(a->arena);
	a->arena = p;
	a->arena_cap = cap;
	a->arena_heap = true;
	return 0;
}

/* ---- tokens ------------------------------------------------------------ */

enum { C_SEP, C_PUNCT, C_ARABIC, C_LATIN, C_DIGIT, C_MARK };

/* Outside ASCII and the Arabic block: ask ICU. */
static __attribute__((noinline)) int classify_other(uint32_t cp)
{
	int t = u_charType((UChar32)cp);
	if (t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	    t == U_ENCLOSING_MARK)
		return C_MARK;
	if (t == U_DECIMAL_DIGIT_NUMBER)
		return C_DIGIT;
	if (u_isalpha((UChar32)cp)) {
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript((UChar32)cp, &e);
		return sc == USCRIPT_ARABIC ? C_ARABIC : C_LATIN;
	}
	if (u_isspace((UChar32)cp))
		return C_SEP;
	return C_PUNCT;
}

static inline __attribute__((always_inline)) int classify(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			return C_LATIN;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		if (cp == ' ')
			return C_SEP;
		return C_PUNCT;
	}
	if (cp >= 0x600 && cp <= 0x6FF) {
		if ((cp >= 0x621 && cp <= 0x64A) || cp == 0x66E || cp == 0x66F ||
		    (cp >= 0x671 && cp <= 0x6D3) || cp == 0x6D5 ||
		    cp == 0x6EE || cp == 0x6EF || cp >= 0x6FA)
			return C_ARABIC;
		if (cc__digit_value(cp) >= 0)
			return C_DIGIT;
		if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
		    (cp >= 0x610 && cp <= 0x61A) || (cp >= 0x6D6 && cp <= 0x6ED))
			return C_MARK;
		return C_PUNCT;
	}
	return classify_other(cp);
}

/* A token scanner over the key.  Arabic and Latin/digit runs split from
 * each other; an apostrophe between Latin letters stays inside ("don't"). */
typedef struct scan {
	const char *s;
	size_t len, pos;
} scan;

typedef struct span {
	size_t start, end;
	int script;
	bool after_punct;
} span;

/* The key is valid UTF-8, so decoding here can trust it; ASCII and the
 * two-byte Arabic block are the common case. */
static inline size_t peek(const scan *sc, size_t at, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)sc->s + at;
	size_t n;
	if (at >= sc->len)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF && at + 1 < sc->len) {
		*cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	n = cc__utf8_decode(sc->s + at, sc->len - at, cp);
	if (n == 0) { /* cannot happen on a key; be safe */
		*cp = '?';
		return 1;
	}
	return n;
}

static bool next_token(scan *sc, span *sp)
{
	uint32_t cp;
	size_t n;
	int c, group = 0; /* 1 Arabic, 2 Latin/digits */
	bool letters = false, digits = false, arabic = false;

	sp->after_punct = false;
	/* Skip separators. */
	for (;;) {
		n = peek(sc, sc->pos, &cp);
		if (n == 0)
			return false;
		c = classify(cp);
		if (c == C_ARABIC || c == C_LATIN || c == C_DIGIT)
			break;
		if (c == C_PUNCT)
			sp->after_punct = true;
		sc->pos += n;
	}
	sp->start = sc->pos;
	for (;;) {
		int g;
		/* Inside a word, its own letters need no classifying: ASCII
		 * letters and digits after Latin, U+0621..064A after Arabic. */
		if (sc->pos < sc->len) {
			const unsigned char *p = (const unsigned char *)sc->s + sc->pos;
			if (group == 2 && p[0] >= 'a' && p[0] <= 'z') {
				letters = true;
				sc->pos++;
				continue;
			}
			if (group == 1 && sc->pos + 1 < sc->len &&
			    ((p[0] == 0xD8 && p[1] >= 0xA1 && p[1] <= 0xBF) ||
			     (p[0] == 0xD9 && p[1] >= 0x80 && p[1] <= 0x8A))) {
				sc->pos += 2;
				continue;
			}
		}
		n = peek(sc, sc->pos, &cp);
		if (n == 0)
			break;
		c = classify(cp);
		if (c == C_MARK && group) {
			sc->pos += n;
			continue;
		}
		if (c == C_PUNCT && cp == '\'') {
			uint32_t nx;
			size_t m = peek(sc, sc->pos + n, &nx);
			if (group == 2 && letters && m &&
			    classify(nx) == C_LATIN) {
				sc->pos += n;
				continue;
			}
			break;
		}
		if (c != C_ARABIC && c != C_LATIN && c != C_DIGIT)
			break;
		g = c == C_ARABIC ? 1 : 2;
		if (group && g != group)
			break;
		group = g;
		if (c == C_ARABIC)
			arabic = true;
		else if (c == C_LATIN)
			letters = true;
		else
			digits = true;
		sc->pos += n;
	}
	sp->end = sc->pos;
	if (arabic)
		sp->script = CC_TEXT__SCRIPT_ARABIC;
	else if (letters)
		sp->script = CC_TEXT__SCRIPT_LATIN;
	else if (digits)
		sp->script = CC_TEXT__SCRIPT_DIGITS;
	else
		sp->script = CC_TEXT__SCRIPT_OTHER;
	return true;
}

/* Chat often glues the negator ما to the word it negates (ماوصلني، مافي،
 * ماعندي، مابعرف، مااشتغل، ماردوا); speech-to-text writes them apart.  On
 * a key word, returns the length of a glued ما to cut off as its own token,
 * or 0.  The rest must read as a verb or a negatable particle: an
 * imperfect (ي ت ن) or Levantine ب prefix, a second alif, or a subject or
 * object ending (ت نا وا تو ني ش), on at least three letters; or one of the
 * short particles below.  Words that only look so are listed apart. */
static size_t glued_negator(const char *w, size_t wl)
{
	static const char *const particles[] = {
		"في", "فيه", "فيش", "فيها", "حد", "حدا", "حدش", "بدي", "بدك",
		"بده", "بدنا", "كان", "كانش", "صار", "جا", "اجا", "اجي", "جاء",
		"عندي", "عندك", "عنده", "عندها", "عندنا", "عندكم", "عندهم",
	};
	static const char *const words[] = {
		"مازلت", "مازالت", "مازلنا", "مازالوا", "مايكروسوفت", "مانجو",
		"ماتريكس", "مارست", "مارستها", "ماليزيا", "مالكنا", "مانشيت",
		"ماكينات", "ماركات", "مارينا",
	};
	static const char *const endings[] = { "ت", "نا", "وا", "تو", "ني", "ش" };
	const char *r = w + 4;
	size_t rl = wl - 4, i;

	if (wl < 6 || memcmp(w, "ما", 4) != 0)
		return 0;
	for (i = 0; i < CC__ARRAY_SIZE(particles); i++)
		if (rl == strlen(particles[i]) && memcmp(r, particles[i], rl) == 0)
			return 4;
	if (rl < 6) /* three letters at least */
		return 0;
	for (i = 0; i < CC__ARRAY_SIZE(words); i++)
		if (wl == strlen(words[i]) && memcmp(w, words[i], wl) == 0)
			return 0;
	if (memcmp(r, "ي", 2) == 0 || memcmp(r, "ت", 2) == 0 ||
	    memcmp(r, "ن", 2) == 0 || memcmp(r, "ب", 2) == 0 ||
	    memcmp(r, "ا", 2) == 0)
		return 4;
	for (i = 0; i < CC__ARRAY_SIZE(endings); i++) {
		size_t el = strlen(endings[i]);
		if (memcmp(r + rl - el, endings[i], el) == 0)
			return 4;
	}
	return 0;
}

static bool ascii_letters_only(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '\''))
			return false;
	return true;
}

int cc_text__tokenize(cc_text__analysis *a, const char *text, size_t len)
{
	size_t key_len, ntok = 0, need, tok_off, stems_off, i;
	scan sc;
	span sp;
	int rc;

	CC__CHECK_NOTNULL(a);
	CC__CHECK_ARG(text != NULL || len == 0, "text");
	reset_result(a);
	rc = cc_text__fold(a->arena, a->arena_cap, &key_len, text, len,
			   CC_TEXT__KEY);
	if (rc == CC_EBUFS) {
		rc = arena_grow(a, key_len * 4 + 64, 0);
		if (rc == 0)
			rc = cc_text__fold(a->arena, a->arena_cap, &key_len,
					   text, len, CC_TEXT__KEY);
	}
	if (rc) {
		reset_result(a);
		return rc;
	}
	/* A token takes a byte and a separator: this bounds their number
	 * without a counting pass. */
	ntok = key_len / 2 + 1;
	if (ntok > UINT16_MAX)
		ntok = UINT16_MAX;

	/* Layout: key NUL | stems NUL | tokens (aligned). */
	stems_off = key_len + 1;
	tok_off = stems_off + key_len + ntok + 1;
	tok_off = (tok_off + 15) & ~(size_t)15;
	need = tok_off + ntok * sizeof(cc_text__token);
	if (need > a->arena_cap) {
		rc = arena_grow(a, need, key_len + 1);
		if (rc) {
			reset_result(a);
			return rc;
		}
	}
	a->key = a->arena;
	a->key_len = key_len;
	a->stems = a->arena + stems_off;
	a->tokens = (cc_text__token *)(void *)(a->arena + tok_off);

	sc.s = a->arena;
	sc.len = key_len;
	sc.pos = 0;
	for (i = 0; i < ntok && next_token(&sc, &sp); i++) {
		cc_text__token *t = &a->tokens[i];
		char *stem = a->arena + stems_off + a->stems_len;
		const char *w = a->arena + sp.start;
		size_t wl = sp.end - sp.start, sl;

		if (sp.script == CC_TEXT__SCRIPT_ARABIC) {
			size_t g = glued_negator(w, sp.end - sp.start);
			if (g) { /* the rest is the next token */
				sp.end = sp.start + g;
				sc.pos = sp.end;
			}
		}
		wl = sp.end - sp.start;
		if (i > 0)
			*stem++ = ' ', a->stems_len++;
		if (sp.script == CC_TEXT__SCRIPT_ARABIC)
			sl = cc_text__stem_arabic(stem, w, wl);
		else if (sp.script == CC_TEXT__SCRIPT_LATIN &&
			 ascii_letters_only(w, wl))
			sl = cc_text__stem_english(stem, w, wl);
		else
			memcpy(stem, w, sl = wl);
		t->key_off = (uint32_t)sp.start;
		t->key_len = (uint32_t)wl;
		t->stem_off = (uint32_t)(stem - a->stems);
		t->stem_len = (uint32_t)sl;
		t->key_hash = cc_text__hash(w, wl);
		t->stem_hash = cc_text__hash(stem, sl);
		t->index = (uint16_t)i;
		t->script = (uint8_t)sp.script;
		t->flags = sp.after_punct && i > 0 ? CC_TEXT__TOK_AFTER_PUNCT
						   : 0;
		if (sp.script == CC_TEXT__SCRIPT_DIGITS)
			t->flags |= CC_TEXT__TOK_NUMBER;
		a->stems_len += sl;
	}
	a->ntokens = i;
	a->arena[stems_off + a->stems_len] = '\0';
	cc_text__detect_language(a);
	return 0;
}

int cc_text__analyze(cc_text__analysis *a, const char *text, size_t len,
		     const cc_text__lexicon *lex)
{
	int rc = cc_text__tokenize(a, text, len);
	if (rc)
		return rc;
	if (!lex)
		lex = cc_text__lexicon_default();
	if (lex)
		cc_text__score(a, lex);
	return 0;
}
