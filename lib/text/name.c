/* Person names: cleaning what a caller said or typed, the script, and a
 * search key in Latin letters so "أحمد" and "Ahmad" can be found together. */
#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text_int.h"

#define MAX_WORDS 32

typedef struct word {
	const char *s;
	size_t len;
} word;

/* Words that introduce a name, in key form, longest first. */
static const char *const cues[] = {
	"my name is", "my name's", "the name is", "name is", "this is",
	"i am", "i'm", "it's", "its", "call me", "it is", "اسمي هو", "اسمي",
	"انا اسمي", "انا", "معك", "معاك", "معكم", "الاسم", "إسمي",
};
/* Honorifics and titles dropped before a name. */
static const char *const titles[] = {
	"السيد", "السيدة", "سيد", "الاستاذ", "الاستاذة", "استاذ", "استاذة",
	"الدكتور", "الدكتورة", "دكتور", "دكتورة", "د", "المهندس", "المهندسة",
	"مهندس", "مهندسة", "م", "الشيخ", "الشيخة", "شيخ", "الحاج", "الحاجة",
	"حاج", "الأخ", "الاخ", "الأخت", "الاخت", "mr", "mrs", "ms", "miss",
	"mister", "dr", "doctor", "eng", "engineer", "sheikh", "shaikh",
	"prof", "professor", "sir", "madam", "mme",
};
/* Words after a name that are not part of it. */
static const char *const tails[] = { "speaking", "here", "معك", "معاك",
				     "معكم" };

/* A word in key form; len == SIZE_MAX when it has none (too long, or the
 * fold failed), which matches nothing. */
typedef struct wkey {
	size_t len;
	char s[64];
} wkey;

#define NO_KEY ((size_t)-1)

static void make_key(wkey *k, const char *w, size_t n)
{
	if (n >= sizeof(k->s) ||
	    cc_text__fold(k->s, sizeof(k->s), &k->len, w, n, CC_TEXT__KEY) != 0)
		k->len = NO_KEY;
}

static bool key_same(const wkey *a, const wkey *b)
{
	return a->len != NO_KEY && a->len == b->len &&
	       !memcmp(a->s, b->s, a->len);
}

static size_t split(char *s, word *w, size_t cap);

/* The word lists in key form, folded once for every thread. */
#define CUE_WORDS 8
static struct {
	size_t n;
	wkey w[CUE_WORDS];
} cue_keys[CC__ARRAY_SIZE(cues)];
static wkey title_keys[CC__ARRAY_SIZE(titles)];
static wkey tail_keys[CC__ARRAY_SIZE(tails)];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void keys_init(void)
{
	size_t i, j;
	for (i = 0; i < CC__ARRAY_SIZE(cues); i++) {
		char buf[64];
		word pw[CUE_WORDS];
		cue_keys[i].n = 0;
		if (strlen(cues[i]) >= sizeof(buf))
			continue;
		strcpy(buf, cues[i]);
		cue_keys[i].n = split(buf, pw, CUE_WORDS);
		for (j = 0; j < cue_keys[i].n; j++)
			make_key(&cue_keys[i].w[j], pw[j].s, pw[j].len);
	}
	for (i = 0; i < CC__ARRAY_SIZE(titles); i++)
		make_key(&title_keys[i], titles[i], strlen(titles[i]));
	for (i = 0; i < CC__ARRAY_SIZE(tails); i++)
		make_key(&tail_keys[i], tails[i], strlen(tails[i]));
}

/* The caller's words, each folded on first use. */
typedef struct words {
	const word *w;
	size_t n;
	bool done[MAX_WORDS];
	wkey k[MAX_WORDS];
} words;

static const wkey *word_key(words *ws, size_t i)
{
	if (!ws->done[i]) {
		make_key(&ws->k[i], ws->w[i].s, ws->w[i].len);
		ws->done[i] = true;
	}
	return &ws->k[i];
}

/* Splits s into words at spaces, trimming punctuation at their ends. */
static size_t split(char *s, word *w, size_t cap)
{
	size_t n = 0;
	char *p = s;
	while (*p && n < cap) {
		char *e;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ')
			e++;
		w[n].s = p;
		w[n].len = (size_t)(e - p);
		while (w[n].len && strchr(".,!?;:\"()[]", w[n].s[0]))
			w[n].s++, w[n].len--;
		while (w[n].len && strchr(".,!?;:\"()[]", w[n].s[w[n].len - 1]))
			w[n].len--;
		/* Arabic comma/semicolon/question mark, two bytes each */
		while (w[n].len >= 2 &&
		       (!memcmp(w[n].s + w[n].len - 2, "،", 2) ||
			!memcmp(w[n].s + w[n].len - 2, "؟", 2) ||
			!memcmp(w[n].s + w[n].len - 2, "؛", 2)))
			w[n].len -= 2;
		if (w[n].len)
			n++;
		p = e;
	}
	return n;
}

/* How many words of cue @c match at the caller's words [first, n). */
static size_t match_cue(words *ws, size_t first, size_t c)
{
	size_t np = cue_keys[c].n, i;
	if (np > ws->n - first)
		return 0;
	for (i = 0; i < np; i++)
		if (!key_same(word_key(ws, first + i), &cue_keys[c].w[i]))
			return 0;
	return np;
}

static bool is_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }

/* Capitalizes a Latin word written all in one case: "mcdonald" →
 * "Mcdonald", "AL-HASSAN" → "Al-Hassan", "o'brien" → "O'Brien"; a word in
 * mixed case ("McDonald") is kept as written. */
static int put_word(cc_buf *out, const char *s, size_t n)
{
	size_t i, up = 0, low = 0;
	bool start = true;
	int rc = 0;
	for (i = 0; i < n; i++) {
		up += is_upper((unsigned char)s[i]);
		low += is_lower((unsigned char)s[i]);
	}
	if (up && low) {
		rc = cc__buf_put(out, s, n);
		/* keep the writer's case, but start with a capital */
		if (rc == 0 && is_lower((unsigned char)s[0]))
			out->ptr[out->size - n] = (char)(s[0] - 'a' + 'A');
		return rc;
	}
	for (i = 0; i < n && rc == 0; i++) {
		char c = s[i];
		if (start && is_lower((unsigned char)c))
			c = (char)(c - 'a' + 'A');
		else if (!start && is_upper((unsigned char)c))
			c = (char)(c - 'A' + 'a');
		start = c == '-' || c == '\'';
		if ((unsigned char)c >= 0x80)
			start = false;
		rc = cc__buf_putc(out, c);
	}
	return rc;
}

static int word_problem(const char *s, size_t n, size_t *letters)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = cc__utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return CC_TEXT_NAME_NOT_A_NAME;
		if (u_isalpha((UChar32)cp) && cp != 0x640)
			(*letters)++;
		else if (!(cp == '-' || cp == '\'' || cp == '.' ||
			   cp == 0x2019 || u_getCombiningClass((UChar32)cp) ||
			   u_charType((UChar32)cp) == U_NON_SPACING_MARK))
			return CC_TEXT_NAME_NOT_A_NAME;
		i += k;
	}
	return CC_TEXT_NAME_OK;
}

int cc_text_name_clean(cc_buf *out, int *problem, const char *text)
{
	cc_buf disp = CC_BUF_INIT;
	word w[MAX_WORDS];
	words ws;
	size_t n, first = 0, last, i, k, letters = 0;
	int rc, p = CC_TEXT_NAME_OK;
	bool again = true;

	if (problem)
		*problem = CC_TEXT_NAME_TOO_SHORT;
	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	rc = cc_text_display_buf(&disp, text, CC_TEXT_ASCII_DIGITS);
	if (rc) {
		cc_buf_dispose(&disp);
		return rc;
	}
	/* Tatweel is decoration, not part of a name. */
	for (i = 0, k = 0; i < disp.size; i++) {
		if (i + 1 < disp.size && (unsigned char)disp.ptr[i] == 0xD9 &&
		    (unsigned char)disp.ptr[i + 1] == 0x80) {
			i++;
			continue;
		}
		disp.ptr[k++] = disp.ptr[i];
	}
	disp.ptr[k] = '\0';
	disp.size = k;
	n = split(disp.ptr, w, MAX_WORDS);
	if (n == MAX_WORDS)
		p = CC_TEXT_NAME_TOO_LONG;
	pthread_once(&keys_once, keys_init);
	ws.w = w;
	ws.n = n;
	memset(ws.done, 0, sizeof(ws.done));
	while (again && first < n) {
		again = false;
		for (i = 0; i < CC__ARRAY_SIZE(cues); i++) {
			size_t m = match_cue(&ws, first, i);
			if (m && first + m < n) {
				first += m;
				again = true;
				break;
			}
		}
		for (i = 0; i < CC__ARRAY_SIZE(titles) && first + 1 < n; i++)
			if (key_same(word_key(&ws, first), &title_keys[i])) {
				first++;
				again = true;
				break;
			}
	}
	last = n;
	for (i = 0; i < CC__ARRAY_SIZE(tails) && last > first + 1; i++)
		if (key_same(word_key(&ws, last - 1), &tail_keys[i])) {
			last--;
			i = (size_t)-1;
		}
	cc__buf_clear(out);
	for (i = first; i < last && p == CC_TEXT_NAME_OK; i++) {
		p = word_problem(w[i].s, w[i].len, &letters);
		if (p == CC_TEXT_NAME_OK && i > first)
			rc = cc__buf_putc(out, ' ');
		if (p == CC_TEXT_NAME_OK && rc == 0)
			rc = put_word(out, w[i].s, w[i].len);
		if (rc)
			break;
	}
	cc_buf_dispose(&disp);
	if (rc) {
		cc__buf_clear(out);
		return rc;
	}
	if (p == CC_TEXT_NAME_OK && letters < 2)
		p = CC_TEXT_NAME_TOO_SHORT;
	if (p == CC_TEXT_NAME_OK && (out->size > 100 || last - first > 8))
		p = CC_TEXT_NAME_TOO_LONG;
	if (problem)
		*problem = p;
	if (p != CC_TEXT_NAME_OK) {
		cc__buf_clear(out);
		return cc__error(CC_EPARSE, CC_ERRCLASS_TEXT,
				 "not a usable name (%s)",
				 p == CC_TEXT_NAME_TOO_SHORT ? "too short"
				 : p == CC_TEXT_NAME_TOO_LONG
					 ? "too long"
					 : "digits or symbols");
	}
	return 0;
}

int cc_text_name_script(const char *text)
{
	size_t i = 0, len, ar = 0, lat = 0, other = 0;

	CC__CHECK_NOTNULL(text);
	len = strlen(text);
	if (cc__utf8_require(text, len, "name"))
		return CC_EUTF8;
	while (i < len) {
		uint32_t cp;
		size_t k = cc__utf8_decode(text + i, len - i, &cp);
		i += k;
		if (cp == 0x640 || !u_isalpha((UChar32)cp))
			continue;
		if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
		    (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
		    (cp >= 0xFE70 && cp <= 0xFEFF))
			ar++;
		else if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF))
			lat++;
		else
			other++;
	}
	if (!ar && !lat && !other)
		return CC_TEXT_SCRIPT_NONE;
	if ((ar != 0) + (lat != 0) + (other != 0) > 1)
		return CC_TEXT_SCRIPT_MIXED;
	return ar ? CC_TEXT_SCRIPT_ARABIC
		  : lat ? CC_TEXT_SCRIPT_LATIN : CC_TEXT_SCRIPT_OTHER;
}

/* ---- search key --------------------------------------------------------- */

static UTransliterator *translit;
static pthread_once_t translit_once = PTHREAD_ONCE_INIT;

static void translit_init(void)
{
	static const UChar id[] = u"Arabic-Latin; Latin-ASCII; Any-Lower";
	UErrorCode e = U_ZERO_ERROR;
	translit = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e))
		translit = NULL;
}

/* A consonant skeleton of an ASCII word, the same for the usual Latin
 * spellings and for ICU's transliteration of the Arabic: vowels (and w/y
 * inside a word) dropped, digraphs and doubles merged, a final h dropped. */
static size_t skeleton(char *out, const char *w, size_t n)
{
	char tmp[128];
	size_t i, t = 0, o = 0;

	for (i = 0; i < n && t + 2 < sizeof(tmp); i++) {
		char c = w[i], nx = i + 1 < n ? w[i + 1] : 0;
		if (c < 'a' || c > 'z')
			continue;
		if ((c == 't' || c == 'd' || c == 'g' || c == 'p') && nx == 'h') {
			tmp[t++] = c == 'p' ? 'f' : c; /* th dh gh ph */
			i++;
			continue;
		}
		if (c == 'c' && nx == 'k')
			continue;
		if (c == 'q' || c == 'c')
			c = 'k';
		if (c == 'g')
			c = 'j';
		if (c == 'x') {
			tmp[t++] = 'k';
			c = 's';
		}
		tmp[t++] = c;
	}
	for (i = 0; i < t; i++) {
		char c = tmp[i];
		if (strchr("aeiou", c))
			continue;
		if ((c == 'y' || c == 'w') && i > 0)
			continue;
		if (o > 0 && out[o - 1] == c)
			continue;
		out[o++] = c;
	}
	return o;
}

static int transliterate(char *out, size_t cap, size_t *olen, const char *s,
			 size_t n)
{
	UChar buf[256];
	int32_t len = 0, limit;
	UErrorCode e = U_ZERO_ERROR;

	u_strFromUTF8(buf, 128, &len, s, (int32_t)n, &e);
	if (U_FAILURE(e))
		return -1;
	limit = len;
	utrans_transUChars(translit, buf, &len, 256, 0, &limit, &e);
	if (U_FAILURE(e))
		return -1;
	e = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)cap, (int32_t *)NULL, buf, len, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	*olen = strlen(out);
	return 0;
}

int cc_text_name_key(cc_buf *out, const char *name)
{
	cc_buf key = CC_BUF_INIT;
	word w[MAX_WORDS];
	char sk[MAX_WORDS][128];
	size_t skl[MAX_WORDS];
	size_t n, i, m = 0;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(name);
	pthread_once(&translit_once, translit_init);
	if (!translit)
		return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_TEXT,
				 "ICU has no Arabic-Latin transliterator");
	rc = cc_text_key_buf(&key, name);
	if (rc) {
		cc_buf_dispose(&key);
		return rc;
	}
	/* Hyphens and apostrophes split words: al-Hassan, O'Brien. */
	for (i = 0; i < key.size; i++)
		if (strchr("-'.,", key.ptr[i]))
			key.ptr[i] = ' ';
	n = split(key.ptr, w, MAX_WORDS);
	for (i = 0; i < n; i++) {
		char lat[256];
		size_t ll;
		const char *s = w[i].s;
		size_t len = w[i].len;
		/* The Arabic article: الحسن and Hassan meet. */
		if (len > 6 && !memcmp(s, "ال", 4)) {
			s += 4;
			len -= 4;
		}
		if (len >= 100 || transliterate(lat, sizeof(lat), &ll, s, len))
			continue;
		if (!strcmp(lat, "al") || !strcmp(lat, "el"))
			continue;
		skl[m] = skeleton(sk[m], lat, ll);
		if (skl[m] == 0)
			continue;
		/* abdul-/abdel- written onto the next name */
		if (skl[m] > 4 && !memcmp(sk[m], "bdl", 3)) {
			memmove(sk[m] + 2, sk[m] + 3, skl[m] - 3);
			skl[m]--;
		}
		m++;
	}
	cc_buf_dispose(&key);
	cc__buf_clear(out);
	for (i = 0; i < m && rc == 0; i++) {
		char joined[256];
		size_t jl = skl[i];
		memcpy(joined, sk[i], jl);
		/* عبد, Abd, Abdul, أبو, Abu bind to the next name. */
		while (i + 1 < m && jl + skl[i + 1] < sizeof(joined) &&
		       ((jl == 2 && !memcmp(joined, "bd", 2)) ||
			(jl == 3 && !memcmp(joined, "bdl", 3)) ||
			(jl == 1 && joined[0] == 'b'))) {
			if (jl == 3)
				jl = 2;
			memcpy(joined + jl, sk[i + 1], skl[i + 1]);
			jl += skl[i + 1];
			i++;
		}
		/* merge doubles made by the join, then the final h */
		{
			size_t a, b = 0;
			for (a = 0; a < jl; a++)
				if (b == 0 || joined[b - 1] != joined[a])
					joined[b++] = joined[a];
			jl = b;
		}
		if (jl > 2 && joined[jl - 1] == 'h')
			jl--;
		if (out->size)
			rc = cc__buf_putc(out, ' ');
		if (rc == 0)
			rc = cc__buf_put(out, joined, jl);
	}
	return rc;
}
