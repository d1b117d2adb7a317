/* Spoken and written numbers: digit strings said digit by digit or in
 * groups (phones, IDs) and cardinals (amounts), in MSA, Gulf, Levantine
 * and Egyptian Arabic and in English, mixed with digits of any script. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "text_int.h"

enum nw_class {
	NW_NONE = 0,
	NW_DIGIT,     /* 0..9 */
	NW_ZERO_O,    /* "oh", "o": zero only beside other numbers */
	NW_TEN,       /* 10: عشر/عشرة, also the second half of MSA teens */
	NW_TEEN,      /* 11..19 */
	NW_TENS,      /* 20..90 */
	NW_HUNDRED,   /* 100, also a multiplier: ثلاث مية, five hundred */
	NW_HUNDREDS,  /* 200..900 in one word */
	NW_THOUSAND,  /* 1000, also a multiplier */
	NW_THOUSANDS, /* 2000 in one word (ألفين) */
	NW_MULT,      /* multiplier only: آلاف, million, مليون */
	NW_REPEAT,    /* double, triple */
	NW_PLUS,      /* plus, زائد */
	NW_AND,       /* and, و (as a word) */
};

#define NW_AMBIGUOUS 0x100 /* also an ordinary word: ست, مية, تسع, عشر */

static const struct {
	const char *word;
	int cls;
	int64_t value;
} words[] = {
	/* 0 */
	{ "صفر", NW_DIGIT, 0 }, { "زيرو", NW_DIGIT, 0 }, { "zero", NW_DIGIT, 0 },
	{ "nought", NW_DIGIT, 0 }, { "naught", NW_DIGIT, 0 },
	{ "oh", NW_ZERO_O, 0 }, { "o", NW_ZERO_O, 0 },
	/* 1 */
	{ "واحد", NW_DIGIT, 1 }, { "واحدة", NW_DIGIT, 1 }, { "وحدة", NW_DIGIT, 1 },
	{ "وحده", NW_DIGIT, 1 }, { "احد", NW_DIGIT | NW_AMBIGUOUS, 1 },
	{ "احدى", NW_DIGIT, 1 }, { "one", NW_DIGIT, 1 },
	/* 2 */
	{ "اثنان", NW_DIGIT, 2 }, { "اثنين", NW_DIGIT, 2 }, { "اثنتان", NW_DIGIT, 2 },
	{ "اثنتين", NW_DIGIT, 2 }, { "ثنين", NW_DIGIT, 2 }, { "ثنتين", NW_DIGIT, 2 },
	{ "تنين", NW_DIGIT, 2 }, { "اتنين", NW_DIGIT, 2 }, { "تنتين", NW_DIGIT, 2 },
	{ "اثنا", NW_DIGIT, 2 }, { "اثني", NW_DIGIT, 2 }, { "اثنى", NW_DIGIT, 2 },
	{ "اثنتا", NW_DIGIT, 2 }, { "two", NW_DIGIT, 2 },
	/* 3 */
	{ "ثلاثة", NW_DIGIT, 3 }, { "ثلاث", NW_DIGIT, 3 }, { "تلاتة", NW_DIGIT, 3 },
	{ "تلات", NW_DIGIT, 3 }, { "ثلاث", NW_DIGIT, 3 }, { "three", NW_DIGIT, 3 },
	/* 4 */
	{ "أربعة", NW_DIGIT, 4 }, { "أربع", NW_DIGIT, 4 }, { "four", NW_DIGIT, 4 },
	/* 5 */
	{ "خمسة", NW_DIGIT, 5 }, { "خمس", NW_DIGIT, 5 }, { "five", NW_DIGIT, 5 },
	/* 6 */
	{ "ستة", NW_DIGIT, 6 }, { "ست", NW_DIGIT | NW_AMBIGUOUS, 6 },
	{ "سته", NW_DIGIT, 6 }, { "six", NW_DIGIT, 6 },
	/* 7 */
	{ "سبعة", NW_DIGIT, 7 }, { "سبع", NW_DIGIT, 7 }, { "seven", NW_DIGIT, 7 },
	/* 8 */
	{ "ثمانية", NW_DIGIT, 8 }, { "ثماني", NW_DIGIT, 8 },
	{ "ثمان", NW_DIGIT | NW_AMBIGUOUS, 8 }, { "تمانية", NW_DIGIT, 8 },
	{ "تمنية", NW_DIGIT, 8 }, { "ثمنية", NW_DIGIT, 8 }, { "تمان", NW_DIGIT, 8 },
	{ "eight", NW_DIGIT, 8 },
	/* 9 */
	{ "تسعة", NW_DIGIT, 9 }, { "تسع", NW_DIGIT | NW_AMBIGUOUS, 9 },
	{ "nine", NW_DIGIT, 9 }, { "niner", NW_DIGIT, 9 },
	/* 10 */
	{ "عشرة", NW_TEN, 10 }, { "عشر", NW_TEN | NW_AMBIGUOUS, 10 },
	{ "ten", NW_TEN, 10 },
	/* 11..19: Gulf/Levantine -طعش/-تعش, Egyptian -تاشر/-طاشر */
	{ "احدعش", NW_TEEN, 11 }, { "حدعش", NW_TEEN, 11 }, { "حداشر", NW_TEEN, 11 },
	{ "احداشر", NW_TEEN, 11 }, { "احدعشر", NW_TEEN, 11 }, { "eleven", NW_TEEN, 11 },
	{ "اثنعش", NW_TEEN, 12 }, { "ثنعش", NW_TEEN, 12 }, { "اطنعش", NW_TEEN, 12 },
	{ "طنعش", NW_TEEN, 12 }, { "تنعش", NW_TEEN, 12 }, { "اتناشر", NW_TEEN, 12 },
	{ "اطناشر", NW_TEEN, 12 }, { "twelve", NW_TEEN, 12 },
	{ "ثلطعش", NW_TEEN, 13 }, { "تلطعش", NW_TEEN, 13 }, { "تلتعش", NW_TEEN, 13 },
	{ "ثلاثطعش", NW_TEEN, 13 }, { "تلتاشر", NW_TEEN, 13 },
	{ "تلاتاشر", NW_TEEN, 13 }, { "thirteen", NW_TEEN, 13 },
	{ "اربعطعش", NW_TEEN, 14 }, { "اربعتعش", NW_TEEN, 14 },
	{ "اربعتاشر", NW_TEEN, 14 }, { "اربعطاشر", NW_TEEN, 14 },
	{ "fourteen", NW_TEEN, 14 },
	{ "خمسطعش", NW_TEEN, 15 }, { "خمستعش", NW_TEEN, 15 },
	{ "خمستاشر", NW_TEEN, 15 }, { "خمسطاشر", NW_TEEN, 15 },
	{ "fifteen", NW_TEEN, 15 },
	{ "ستطعش", NW_TEEN, 16 }, { "سطعش", NW_TEEN, 16 }, { "ستعش", NW_TEEN, 16 },
	{ "ستاشر", NW_TEEN, 16 }, { "سطاشر", NW_TEEN, 16 }, { "sixteen", NW_TEEN, 16 },
	{ "سبعطعش", NW_TEEN, 17 }, { "سبعتعش", NW_TEEN, 17 },
	{ "سبعتاشر", NW_TEEN, 17 }, { "سبعطاشر", NW_TEEN, 17 },
	{ "seventeen", NW_TEEN, 17 },
	{ "ثمنطعش", NW_TEEN, 18 }, { "تمنطعش", NW_TEEN, 18 },
	{ "ثمانطعش", NW_TEEN, 18 }, { "تمنتاشر", NW_TEEN, 18 },
	{ "تمنطاشر", NW_TEEN, 18 }, { "eighteen", NW_TEEN, 18 },
	{ "تسعطعش", NW_TEEN, 19 }, { "تسعتعش", NW_TEEN, 19 },
	{ "تسعتاشر", NW_TEEN, 19 }, { "تسعطاشر", NW_TEEN, 19 },
	{ "nineteen", NW_TEEN, 19 },
	/* 20..90 */
	{ "عشرون", NW_TENS, 20 }, { "عشرين", NW_TENS, 20 }, { "twenty", NW_TENS, 20 },
	{ "ثلاثون", NW_TENS, 30 }, { "ثلاثين", NW_TENS, 30 },
	{ "تلاتين", NW_TENS, 30 }, { "thirty", NW_TENS, 30 },
	{ "أربعون", NW_TENS, 40 }, { "أربعين", NW_TENS, 40 },
	{ "forty", NW_TENS, 40 }, { "fourty", NW_TENS, 40 },
	{ "خمسون", NW_TENS, 50 }, { "خمسين", NW_TENS, 50 }, { "fifty", NW_TENS, 50 },
	{ "ستون", NW_TENS, 60 }, { "ستين", NW_TENS, 60 }, { "sixty", NW_TENS, 60 },
	{ "سبعون", NW_TENS, 70 }, { "سبعين", NW_TENS, 70 },
	{ "seventy", NW_TENS, 70 },
	{ "ثمانون", NW_TENS, 80 }, { "ثمانين", NW_TENS, 80 },
	{ "تمانين", NW_TENS, 80 }, { "eighty", NW_TENS, 80 },
	{ "تسعون", NW_TENS, 90 }, { "تسعين", NW_TENS, 90 }, { "ninety", NW_TENS, 90 },
	/* 100..900 */
	{ "مئة", NW_HUNDRED, 100 }, { "مائة", NW_HUNDRED, 100 },
	{ "مية", NW_HUNDRED | NW_AMBIGUOUS, 100 }, { "ماية", NW_HUNDRED, 100 },
	{ "hundred", NW_HUNDRED, 100 },
	{ "مئتان", NW_HUNDREDS, 200 }, { "مئتين", NW_HUNDREDS, 200 },
	{ "ميتين", NW_HUNDREDS, 200 }, { "ميتان", NW_HUNDREDS, 200 },
	{ "متين", NW_HUNDREDS | NW_AMBIGUOUS, 200 },
	{ "ثلاثمئة", NW_HUNDREDS, 300 }, { "ثلاثمائة", NW_HUNDREDS, 300 },
	{ "ثلاثمية", NW_HUNDREDS, 300 }, { "تلتمية", NW_HUNDREDS, 300 },
	{ "تلاتمية", NW_HUNDREDS, 300 }, { "ثلثمية", NW_HUNDREDS, 300 },
	{ "أربعمئة", NW_HUNDREDS, 400 }, { "أربعمائة", NW_HUNDREDS, 400 },
	{ "اربعمية", NW_HUNDREDS, 400 }, { "ربعمية", NW_HUNDREDS, 400 },
	{ "خمسمئة", NW_HUNDREDS, 500 }, { "خمسمائة", NW_HUNDREDS, 500 },
	{ "خمسمية", NW_HUNDREDS, 500 },
	{ "ستمئة", NW_HUNDREDS, 600 }, { "ستمائة", NW_HUNDREDS, 600 },
	{ "ستمية", NW_HUNDREDS, 600 },
	{ "سبعمئة", NW_HUNDREDS, 700 }, { "سبعمائة", NW_HUNDREDS, 700 },
	{ "سبعمية", NW_HUNDREDS, 700 },
	{ "ثمانمئة", NW_HUNDREDS, 800 }, { "ثمانمائة", NW_HUNDREDS, 800 },
	{ "ثمانمية", NW_HUNDREDS, 800 }, { "تمنمية", NW_HUNDREDS, 800 },
	{ "تمانمية", NW_HUNDREDS, 800 }, { "ثمنمية", NW_HUNDREDS, 800 },
	{ "تسعمئة", NW_HUNDREDS, 900 }, { "تسعمائة", NW_HUNDREDS, 900 },
	{ "تسعمية", NW_HUNDREDS, 900 },
	/* thousands and up */
	{ "ألف", NW_THOUSAND, 1000 }, { "thousand", NW_THOUSAND, 1000 },
	{ "ألفين", NW_THOUSANDS, 2000 }, { "ألفان", NW_THOUSANDS, 2000 },
	{ "آلاف", NW_MULT, 1000 }, { "تلاف", NW_MULT, 1000 },
	{ "ألوف", NW_MULT, 1000 },
	{ "مليون", NW_THOUSAND, 1000000 }, { "ملايين", NW_MULT, 1000000 },
	{ "million", NW_THOUSAND, 1000000 }, { "millions", NW_MULT, 1000000 },
	{ "مليار", NW_THOUSAND, 1000000000 }, { "بليون", NW_THOUSAND, 1000000000 },
	{ "billion", NW_THOUSAND, 1000000000 },
	/* repeats, plus, and */
	{ "double", NW_REPEAT, 2 }, { "triple", NW_REPEAT, 3 },
	{ "دبل", NW_REPEAT | NW_AMBIGUOUS, 2 }, { "تريبل", NW_REPEAT, 3 },
	{ "plus", NW_PLUS, 0 }, { "زائد", NW_PLUS, 0 }, { "زايد", NW_PLUS, 0 },
	{ "and", NW_AND, 0 }, { "و", NW_AND, 0 },
};

/* Words after which a lone ambiguous number word still counts. */
static const char *const cue_words[] = {
	"رقمي", "رقم", "الرقم", "جوالي", "جوال", "الجوال", "موبايلي", "موبايل",
	"تلفوني", "تلفون", "هاتفي", "هاتف", "تحويله", "تحويلة", "number",
	"phone", "mobile", "extension", "ext", "is", "on",
};

#define TABLE_SLOTS 1024

typedef struct nw_slot {
	uint32_t hash;
	uint16_t len; /* 0: empty */
	int16_t cls;
	int64_t value;
	char key[48];
} nw_slot;

static nw_slot table[TABLE_SLOTS];
static uint32_t cue_hash[CC__ARRAY_SIZE(cue_words)];
static char cue_key[CC__ARRAY_SIZE(cue_words)][32];
static size_t cue_len[CC__ARRAY_SIZE(cue_words)];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_init(void)
{
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(words); i++) {
		char key[48];
		size_t n;
		uint32_t h, s;
		if (cc_text__fold(key, sizeof(key), &n, words[i].word,
				  strlen(words[i].word), CC_TEXT__KEY) != 0)
			continue;
		h = cc_text__hash(key, n);
		for (s = h & (TABLE_SLOTS - 1); table[s].len;
		     s = (s + 1) & (TABLE_SLOTS - 1))
			if (table[s].len == n && !memcmp(table[s].key, key, n))
				break;
		table[s].hash = h;
		table[s].len = (uint16_t)n;
		table[s].cls = (int16_t)words[i].cls;
		table[s].value = words[i].value;
		memcpy(table[s].key, key, n);
	}
	for (i = 0; i < CC__ARRAY_SIZE(cue_words); i++) {
		if (cc_text__fold(cue_key[i], sizeof(cue_key[i]), &cue_len[i],
				  cue_words[i], strlen(cue_words[i]),
				  CC_TEXT__KEY) != 0)
			cue_len[i] = 0;
		cue_hash[i] = cc_text__hash(cue_key[i], cue_len[i]);
	}
}

static const nw_slot *lookup(const char *w, size_t n)
{
	uint32_t h = cc_text__hash(w, n), s;
	for (s = h & (TABLE_SLOTS - 1); table[s].len;
	     s = (s + 1) & (TABLE_SLOTS - 1))
		if (table[s].hash == h && table[s].len == n &&
		    !memcmp(table[s].key, w, n))
			return &table[s];
	return NULL;
}

/* What a token is, as far as numbers go. */
typedef struct elem {
	int cls;         /* NW_*, without NW_AMBIGUOUS */
	bool ambiguous;
	bool joined_and; /* وعشرين: "and" written onto the word */
	bool latin;
	int64_t value;
	const char *digits; /* for written digits */
	size_t ndigits;
} elem;

#define NW_WRITTEN 100 /* class for a token of written digits */

static bool classify_token(const cc_text__analysis *a, size_t i, elem *e)
{
	const cc_text__token *t = &a->tokens[i];
	const char *w = cc_text__tok_key(a, t);
	size_t n = t->key_len;
	const nw_slot *s;

	memset(e, 0, sizeof(*e));
	e->latin = t->script == CC_TEXT__SCRIPT_LATIN;
	if (t->script == CC_TEXT__SCRIPT_DIGITS) {
		e->cls = NW_WRITTEN;
		e->digits = w;
		e->ndigits = n;
		return true;
	}
	s = lookup(w, n);
	/* وعشرين, بخمسين: a clitic و or ب on a number word. */
	if (!s && t->script == CC_TEXT__SCRIPT_ARABIC && n > 4 &&
	    (!memcmp(w, "و", 2) || !memcmp(w, "ب", 2))) {
		s = lookup(w + 2, n - 2);
		if (s && (s->cls & ~NW_AMBIGUOUS) != NW_AND)
			e->joined_and = !memcmp(w, "و", 2);
		else
			s = NULL;
	}
	if (!s)
		return false;
	e->cls = s->cls & ~NW_AMBIGUOUS;
	e->ambiguous = (s->cls & NW_AMBIGUOUS) != 0;
	e->value = s->value;
	return true;
}

/* Allowed between the tokens of one number: spaces and - ( ) . / + */
static bool gap_ok(const cc_text__analysis *a, size_t i, bool *plus)
{
	const cc_text__token *prev = &a->tokens[i - 1], *t = &a->tokens[i];
	size_t p;
	for (p = prev->key_off + prev->key_len; p < t->key_off; p++) {
		char c = a->key[p];
		if (c == '+')
			*plus = true;
		else if (!strchr(" -()./", c))
			return false;
	}
	return true;
}

static bool plus_before(const cc_text__analysis *a, size_t i)
{
	size_t from = i > 0 ? a->tokens[i - 1].key_off + a->tokens[i - 1].key_len
			    : 0;
	size_t p;
	for (p = a->tokens[i].key_off; p > from; p--) {
		char c = a->key[p - 1];
		if (c == '+')
			return true;
		if (c != ' ' && c != '(')
			return false;
	}
	return false;
}

/* Builds the digit string and value of one run of number tokens. */
typedef struct builder {
	cc_text_number *out;
	bool overflow;
	int groups;
	/* the open group */
	bool active;
	int last;      /* class of its last element */
	int64_t total; /* thousands and up */
	int64_t cur;   /* below a thousand */
	const char *verbatim; /* written digits kept as written */
	size_t nverbatim;
} builder;

static void append(builder *b, const char *s, size_t n)
{
	cc_text_number *o = b->out;
	size_t len = strlen(o->digits);
	if (len + n >= sizeof(o->digits)) {
		b->overflow = true;
		return;
	}
	memcpy(o->digits + len, s, n);
	o->digits[len + n] = '\0';
}

static void flush(builder *b)
{
	char tmp[24];
	if (!b->active)
		return;
	if (b->verbatim) {
		append(b, b->verbatim, b->nverbatim);
	} else {
		/* decimal digits, without printf's cost */
		int64_t v = b->total + b->cur;
		size_t n = 0, k;
		char rev[24];
		do {
			rev[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v > 0 && n < sizeof(rev));
		for (k = 0; k < n; k++)
			tmp[k] = rev[n - 1 - k];
		append(b, tmp, n);
	}
	b->out->value = b->verbatim && b->nverbatim > 18 ? 0 : b->total + b->cur;
	b->groups++;
	b->active = false;
	b->verbatim = NULL;
	b->total = b->cur = 0;
}

static void start(builder *b, int cls, int64_t v)
{
	flush(b);
	b->active = true;
	b->last = cls;
	b->cur = v;
	b->total = 0;
	if (cls == NW_THOUSAND || cls == NW_THOUSANDS) {
		b->total = v;
		b->cur = 0;
		b->last = NW_THOUSAND;
	}
}

static int64_t parse_digits(const char *s, size_t n)
{
	int64_t v = 0;
	size_t i;
	for (i = 0; i < n && i < 18; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Adds one element; `and` is true after a separate or joined و / "and". */
static void add(builder *b, const elem *e, bool and)
{
	bool after_big = b->active && !b->verbatim &&
			 (b->last == NW_HUNDRED || b->last == NW_HUNDREDS ||
			  b->last == NW_THOUSAND);
	/* English joins without "and"; Arabic joins with و. */
	bool joins = and || e->latin;
	int64_t v = e->value;

	switch (e->cls) {
	case NW_WRITTEN:
		flush(b);
		b->active = true;
		b->last = NW_WRITTEN;
		b->verbatim = e->digits;
		b->nverbatim = e->ndigits;
		b->cur = parse_digits(e->digits, e->ndigits);
		return;
	case NW_DIGIT:
	case NW_ZERO_O:
		if (b->active && !b->verbatim && b->last == NW_TENS &&
		    b->cur % 10 == 0 && e->latin && !and) {
			b->cur += v; /* twenty five */
			b->last = NW_DIGIT;
		} else if (after_big && joins && b->cur % 100 == 0) {
			b->cur += v; /* مية وخمسة, hundred and five */
			b->last = NW_DIGIT;
		} else {
			start(b, NW_DIGIT, v);
		}
		return;
	case NW_TEN:
		if (b->active && !b->verbatim && b->last == NW_DIGIT &&
		    b->cur % 100 >= 1 && b->cur % 100 <= 9 && !e->latin) {
			b->cur += 10; /* ثلاثة عشر */
			b->last = NW_TEEN;
			return;
		}
		/* fall through */
	case NW_TEEN:
		if (after_big && joins && b->cur % 100 == 0) {
			b->cur += v;
			b->last = NW_TEEN;
		} else {
			start(b, NW_TEEN, v);
		}
		return;
	case NW_TENS:
		if (b->active && !b->verbatim && b->last == NW_DIGIT && and &&
		    b->cur % 100 < 10) {
			b->cur += v; /* خمسة وعشرين */
			b->last = NW_TENS;
		} else if (after_big && joins && b->cur % 100 == 0) {
			b->cur += v;
			b->last = NW_TENS;
		} else {
			start(b, NW_TENS, v);
		}
		return;
	case NW_HUNDRED:
		if (b->active && !b->verbatim &&
		    (b->last == NW_DIGIT || b->last == NW_TEEN) &&
		    b->cur > 0 && b->cur < 20 && !and) {
			b->cur *= 100; /* ثلاث مية, five hundred, twelve hundred */
			b->last = NW_HUNDRED;
		} else if (b->active && !b->verbatim && b->last == NW_THOUSAND &&
			   joins && b->cur == 0) {
			b->cur = 100;
			b->last = NW_HUNDRED;
		} else {
			start(b, NW_HUNDRED, v);
		}
		return;
	case NW_HUNDREDS:
		if (b->active && !b->verbatim && b->last == NW_THOUSAND &&
		    joins && b->cur == 0) {
			b->cur = v;
			b->last = NW_HUNDREDS;
		} else {
			start(b, NW_HUNDREDS, v);
		}
		return;
	case NW_THOUSAND:
	case NW_MULT:
		if (b->active && b->cur > 0 && !and &&
		    (b->total == 0 || b->total > b->cur * v)) {
			if (b->verbatim && b->nverbatim > 6) {
				start(b, e->cls, v);
				return;
			}
			b->total += b->cur * v; /* ثلاثة آلاف, 500 ألف */
			b->cur = 0;
			b->verbatim = NULL;
			b->last = NW_THOUSAND;
		} else if (e->cls == NW_THOUSAND) {
			start(b, NW_THOUSAND, v);
		}
		return;
	case NW_THOUSANDS:
		start(b, NW_THOUSANDS, v);
		return;
	default:
		return;
	}
}

static bool after_cue(const cc_text__analysis *a, size_t i)
{
	const cc_text__token *t;
	size_t k;
	if (i == 0)
		return false;
	t = &a->tokens[i - 1];
	for (k = 0; k < CC__ARRAY_SIZE(cue_words); k++)
		if (cue_hash[k] == t->key_hash && cue_len[k] == t->key_len &&
		    !memcmp(cue_key[k], cc_text__tok_key(a, t), t->key_len))
			return true;
	return false;
}

/* The end (exclusive) of the run of number tokens that starts at i. */
static size_t run_end(const cc_text__analysis *a, size_t i)
{
	size_t j, elems = 0;
	bool and = false;
	elem e;

	for (j = i; j < a->ntokens; j++) {
		bool gplus = false;
		if (j > i && !gap_ok(a, j, &gplus))
			break;
		if (!classify_token(a, j, &e))
			break;
		if (gplus && elems > 0)
			break; /* a second "+": another number */
		if (e.cls == NW_PLUS) {
			if (elems > 0)
				break;
			continue;
		}
		if (e.cls == NW_AND) {
			if (elems == 0 || and)
				break;
			and = true;
			continue;
		}
		/* "٠٥٥... و ٠٥٠...": two written numbers. */
		if (and && e.cls == NW_WRITTEN)
			return j - 1;
		and = false;
		if (e.cls != NW_REPEAT)
			elems++;
	}
	/* A trailing "and"/"و" is not part of the number. */
	while (j > i && classify_token(a, j - 1, &e) && e.cls == NW_AND)
		j--;
	return j;
}

int cc_text__number_build(cc_text__analysis *a, size_t first, size_t end,
			  cc_text_number *num)
{
	builder b;
	elem e;
	size_t j, elems = 0;
	bool and = false, ambiguous_only = true;
	int repeat = 0;

	pthread_once(&table_once, table_init);
	memset(num, 0, sizeof(*num));
	memset(&b, 0, sizeof(b));
	b.out = num;
	if (first >= end)
		return 0;
	num->plus = plus_before(a, first);
	for (j = first; j < end; j++) {
		bool gplus = false;
		if (j > first)
			gap_ok(a, j, &gplus);
		if (!classify_token(a, j, &e))
			break;
		if (e.cls == NW_PLUS) {
			num->plus = true;
			continue;
		}
		if (e.cls == NW_AND) {
			and = true;
			continue;
		}
		if (e.cls == NW_REPEAT) {
			repeat = (int)e.value;
			continue;
		}
		if (repeat && (e.cls == NW_DIGIT || e.cls == NW_ZERO_O)) {
			char d = (char)('0' + e.value);
			flush(&b);
			while (repeat-- > 0)
				append(&b, &d, 1);
			b.groups += 2;
		} else {
			add(&b, &e, and || e.joined_and);
		}
		repeat = 0;
		and = false;
		elems++;
		if (!e.ambiguous && e.cls != NW_ZERO_O)
			ambiguous_only = false;
	}
	flush(&b);
	/* Ambiguous words and "oh" alone are not numbers, unless a cue
	 * word ("رقمي", "number") came first. */
	if (elems == 0 || num->digits[0] == '\0' || b.overflow ||
	    (ambiguous_only && elems == 1 && !after_cue(a, first))) {
		memset(num, 0, sizeof(*num));
		return 0;
	}
	num->has_value = b.groups == 1 && strlen(num->digits) <= 18;
	if (!num->has_value)
		num->value = 0;
	num->first_word = first;
	num->nwords = end - first;
	return 1;
}

size_t cc_text__numbers(cc_text__analysis *a, cc_text_number *out,
			size_t cap)
{
	size_t i = 0, found = 0;

	pthread_once(&table_once, table_init);
	while (i < a->ntokens) {
		cc_text_number num;
		elem e;
		size_t j, k;

		if (!classify_token(a, i, &e) || e.cls == NW_AND ||
		    e.cls == NW_MULT) {
			i++;
			continue;
		}
		j = run_end(a, i);
		if (j <= i) {
			i++;
			continue;
		}
		if (cc_text__number_build(a, i, j, &num)) {
			for (k = i; k < j; k++)
				a->tokens[k].flags |= CC_TEXT__TOK_NUMBER;
			if (found < cap)
				out[found] = num;
			found++;
		}
		i = j;
	}
	return found;
}
