/* The two text forms: a display form (NFC, cleaned) and a match key
 * (NFKC case-fold plus the Arabic letter fold), each made by one pass of a
 * per-character table, with ICU in front only when the text needs it. */
#include <pthread.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text_int.h"

/* What the table says about one code point.  Values >= FIRST_CP are the
 * code point to emit. */
enum {
	M_DELETE = 0,
	M_SPACE = 1,
	M_SLOW = 2, /* needs ICU first (first pass) / emit as is (second) */
	M_KEEP = 3, /* emit unchanged */
	M_FIRST_CP = 4,
};

static uint16_t key_ar[256];  /* U+0600..06FF for the key */
static uint16_t disp_ar[256]; /* U+0600..06FF for the display form */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void set_range(uint16_t *t, unsigned lo, unsigned hi, uint16_t v)
{
	unsigned c;
	for (c = lo; c <= hi; c++)
		t[c - 0x600] = v;
}

static void init_tables(void)
{
	unsigned c;

	/* Key: letters keep themselves unless folded below. */
	set_range(key_ar, 0x600, 0x6FF, M_KEEP);
	set_range(key_ar, 0x600, 0x605, M_DELETE); /* number signs (Cf) */
	key_ar[0x60C - 0x600] = ',';
	key_ar[0x60D - 0x600] = ',';
	key_ar[0x61B - 0x600] = ';';
	key_ar[0x61C - 0x600] = M_DELETE; /* ALM, a bidi control */
	key_ar[0x61F - 0x600] = '?';
	set_range(key_ar, 0x610, 0x61A, M_DELETE); /* Quranic marks */
	key_ar[0x620 - 0x600] = 0x64A;
	key_ar[0x622 - 0x600] = 0x627; /* آ أ إ → ا */
	key_ar[0x623 - 0x600] = 0x627;
	key_ar[0x625 - 0x600] = 0x627;
	key_ar[0x624 - 0x600] = 0x648; /* ؤ → و */
	key_ar[0x626 - 0x600] = 0x64A; /* ئ → ي */
	key_ar[0x629 - 0x600] = 0x647; /* ة → ه */
	key_ar[0x63B - 0x600] = 0x643;
	key_ar[0x63C - 0x600] = 0x643;
	set_range(key_ar, 0x63D, 0x63F, 0x64A);
	key_ar[0x640 - 0x600] = M_DELETE; /* tatweel */
	key_ar[0x649 - 0x600] = 0x64A;    /* ى → ي */
	set_range(key_ar, 0x64B, 0x65F, M_DELETE); /* harakat, shadda, ... */
	for (c = 0; c < 10; c++) {
		key_ar[0x660 + c - 0x600] = (uint16_t)('0' + c);
		key_ar[0x6F0 + c - 0x600] = (uint16_t)('0' + c);
	}
	key_ar[0x66A - 0x600] = '%';
	key_ar[0x66B - 0x600] = '.';
	key_ar[0x66C - 0x600] = ',';
	key_ar[0x66D - 0x600] = '*';
	key_ar[0x670 - 0x600] = M_DELETE; /* superscript alef */
	set_range(key_ar, 0x671, 0x673, 0x627);
	key_ar[0x674 - 0x600] = 0x621;
	set_range(key_ar, 0x675, 0x678, M_SLOW); /* NFKC decomposes these */
	key_ar[0x67E - 0x600] = 0x628; /* پ → ب */
	key_ar[0x686 - 0x600] = 0x62C; /* چ → ج */
	key_ar[0x698 - 0x600] = 0x632; /* ژ → ز */
	key_ar[0x6A4 - 0x600] = 0x641; /* ڤ → ف */
	key_ar[0x6A9 - 0x600] = 0x643; /* ک → ك */
	key_ar[0x6AA - 0x600] = 0x643;
	key_ar[0x6AF - 0x600] = 0x643; /* گ → ك */
	key_ar[0x6BE - 0x600] = 0x647; /* ھ → ه */
	set_range(key_ar, 0x6C0, 0x6C3, 0x647); /* ۀ ہ ۂ ۃ → ه */
	key_ar[0x6CC - 0x600] = 0x64A; /* Persian ی → ي */
	key_ar[0x6D0 - 0x600] = 0x64A;
	key_ar[0x6D2 - 0x600] = 0x64A;
	key_ar[0x6D3 - 0x600] = 0x64A;
	key_ar[0x6D4 - 0x600] = '.';
	key_ar[0x6D5 - 0x600] = 0x647;
	set_range(key_ar, 0x6D6, 0x6ED, M_DELETE); /* Quranic annotation */

	/* Display: only bidi controls go; decomposed hamza/madda marks need
	 * NFC composition. */
	set_range(disp_ar, 0x600, 0x6FF, M_KEEP);
	disp_ar[0x61C - 0x600] = M_DELETE;
	set_range(disp_ar, 0x653, 0x655, M_SLOW);
}

/* Code points outside ASCII and the Arabic block that both forms handle by
 * hand because speech-to-text output is full of them. */
static int map_common(uint32_t cp)
{
	switch (cp) {
	case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
	case 0x205F: case 0x3000:
		return M_SPACE;
	case 0x00AD: case 0x034F: case 0x180E: case 0xFEFF:
		return M_DELETE;
	default:
		break;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return M_SPACE;
	if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F))
		return M_DELETE;
	return M_SLOW;
}

/* Punctuation the key writes in ASCII. */
static int map_key_punct(uint32_t cp)
{
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	if (cp >= 0x2018 && cp <= 0x201B)
		return '\'';
	if ((cp >= 0x201C && cp <= 0x201F) || cp == 0xAB || cp == 0xBB)
		return '"';
	return M_SLOW;
}

static bool is_arabic_mark(uint32_t cp)
{
	return (cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) ||
	       cp == 0x670 || (cp >= 0x6D6 && cp <= 0x6DC) ||
	       (cp >= 0x6DF && cp <= 0x6E4) || cp == 0x6E7 || cp == 0x6E8 ||
	       (cp >= 0x6EA && cp <= 0x6ED);
}

/* Output writer: counts what it cannot store, so the caller learns the
 * size it needs. */
typedef struct writer {
	char *p;
	size_t cap;
	size_t len;
	bool pending_space;
	uint32_t last;     /* last code point emitted (' ' after a space) */
	unsigned run;      /* how many times `last` repeats */
	size_t after_first; /* length just after the first of the run */
	uint32_t prev_in;  /* previous input code point (display marks) */
} writer;

static inline void put_bytes(writer *w, const char *b, size_t n)
{
	if (w->len + n < w->cap) {
		char *d = w->p + w->len;
		switch (n) {
		case 4:
			d[3] = b[3];
			/* fall through */
		case 3:
			d[2] = b[2];
			/* fall through */
		case 2:
			d[1] = b[1];
			/* fall through */
		default:
			d[0] = b[0];
		}
	}
	w->len += n;
}

static inline bool is_letter_for_runs(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0x621 && cp <= 0x64A);
}

static inline void emit(writer *w, uint32_t cp, bool collapse_runs)
{
	char b[4];
	size_t n;

	if (w->pending_space) {
		w->pending_space = false;
		put_bytes(w, " ", 1);
		w->last = ' ';
		w->run = 1;
	}
	if (collapse_runs && cp == w->last && is_letter_for_runs(cp)) {
		/* Elongation ("جدااا", "sooo"): three or more of one letter
		 * become one. */
		w->run++;
		if (w->run == 3)
			w->len = w->after_first;
		if (w->run >= 3)
			return;
	} else {
		w->last = cp;
		w->run = 1;
	}
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		n = cc__utf8_encode(cp, b);
	}
	put_bytes(w, b, n);
	if (w->run == 1)
		w->after_first = w->len;
}

static inline void space(writer *w)
{
	if (w->len > 0)
		w->pending_space = true;
	w->last = ' ';
	w->run = 0;
}

/* Maps one code point.  Returns false when the first pass must hand the
 * whole text to ICU. */
static inline __attribute__((always_inline)) bool
fold_cp(writer *w, uint32_t cp, int form, bool second)
{
	int m;
	bool key = form == CC_TEXT__KEY;

	if (cp < 0x80) {
		if (cp <= 0x20 || cp == 0x7F) {
			space(w);
			return true;
		}
		if (key && cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		emit(w, cp, key);
		return true;
	}
	if (cp >= 0x600 && cp <= 0x6FF) {
		m = key ? key_ar[cp - 0x600] : disp_ar[cp - 0x600];
		if (!key) {
			if (form == CC_TEXT__DISPLAY_ASCII_DIGITS &&
			    cc__digit_value(cp) >= 0)
				m = '0' + cc__digit_value(cp);
			/* Two marks in a row may need canonical reordering. */
			if (!second && is_arabic_mark(cp) &&
			    is_arabic_mark(w->prev_in))
				m = M_SLOW;
			w->prev_in = cp;
		}
	} else {
		m = map_common(cp);
		if (m == M_SLOW && key)
			m = map_key_punct(cp);
		if (m == M_SLOW && !key && !second &&
		    ((cp >= 0xA1 && cp <= 0xFF) ||
		     (cp >= 0x2010 && cp <= 0x205E)))
			m = M_KEEP; /* NFC-stable and not combining */
		if (!key)
			w->prev_in = cp;
	}
	switch (m) {
	case M_DELETE:
		return true;
	case M_SPACE:
		space(w);
		return true;
	case M_SLOW:
		if (!second)
			return false;
		emit(w, cp, key);
		return true;
	case M_KEEP:
		emit(w, cp, key);
		return true;
	default:
		emit(w, (uint32_t)m, key);
		return true;
	}
}

static void writer_init(writer *w, char *out, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->p = out;
	w->cap = cap;
}

static int writer_finish(writer *w, size_t *out_len)
{
	*out_len = w->len;
	if (w->len < w->cap) {
		w->p[w->len] = '\0';
		return 0;
	}
	if (w->cap > 0)
		w->p[0] = '\0';
	return CC_EBUFS;
}

/* Second pass over ICU's output (UTF-16). */
static void fold_utf16(writer *w, const UChar *s, int32_t n, int form)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(s, i, n, c);
		fold_cp(w, (uint32_t)c, form, true);
	}
}

#define STACK_UCHARS 512

static int fold_icu(writer *w, const char *text, size_t len, int form)
{
	UChar src_stack[STACK_UCHARS], dst_stack[STACK_UCHARS * 2];
	UChar *src = src_stack, *dst = dst_stack;
	int32_t src_len = 0, dst_len;
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *norm;
	int rc = 0;

	norm = form == CC_TEXT__KEY ? unorm2_getNFKCCasefoldInstance(&e)
				    : unorm2_getNFCInstance(&e);
	if (U_FAILURE(e))
		return cc__error(CC_ERROR, CC_ERRCLASS_TEXT,
				 "ICU normalizer unavailable: %s",
				 u_errorName(e));
	u_strFromUTF8(src, STACK_UCHARS, &src_len, text, (int32_t)len, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR) {
		e = U_ZERO_ERROR;
		src = cc__malloc(((size_t)src_len + 1) * sizeof(UChar));
		if (!src)
			return cc__error_nomem();
		u_strFromUTF8(src, src_len + 1, NULL, text, (int32_t)len, &e);
	}
	if (U_FAILURE(e)) {
		rc = cc__error(CC_EUTF8, CC_ERRCLASS_TEXT,
			       "text is not valid UTF-8 (%s)", u_errorName(e));
		goto out;
	}
	e = U_ZERO_ERROR;
	dst_len = unorm2_normalize(norm, src, src_len, dst, STACK_UCHARS * 2,
				   &e);
	if (e == U_BUFFER_OVERFLOW_ERROR) {
		e = U_ZERO_ERROR;
		dst = cc__malloc(((size_t)dst_len + 1) * sizeof(UChar));
		if (!dst) {
			rc = cc__error_nomem();
			goto out;
		}
		dst_len = unorm2_normalize(norm, src, src_len, dst,
					   dst_len + 1, &e);
	}
	if (U_FAILURE(e)) {
		rc = cc__error(CC_ERROR, CC_ERRCLASS_TEXT,
			       "ICU normalization failed: %s", u_errorName(e));
		goto out;
	}
	fold_utf16(w, dst, dst_len, form);
out:
	if (src != src_stack)
		cc__free(src);
	if (dst != dst_stack)
		cc__free(dst);
	return rc;
}

static int check_args(char *out, size_t cap, size_t *out_len,
		      const char *text, size_t len, int form)
{
	CC__CHECK_NOTNULL(out_len);
	CC__CHECK_ARG(out != NULL || cap == 0, "out");
	CC__CHECK_ARG(text != NULL || len == 0, "text");
	CC__CHECK_ARG(form >= CC_TEXT__KEY &&
			      form <= CC_TEXT__DISPLAY_ASCII_DIGITS,
		      "form");
	if (len > CC_TEXT_MAX_INPUT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_TEXT,
				 "text of %zu bytes exceeds the limit of %u",
				 len, (unsigned)CC_TEXT_MAX_INPUT);
	return 0;
}

int cc_text__fold(char *out, size_t cap, size_t *out_len, const char *text,
		  size_t len, int form)
{
	const unsigned char *s = (const unsigned char *)text;
	writer w;
	size_t i = 0;
	int rc;

	rc = check_args(out, cap, out_len, text, len, form);
	if (rc)
		return rc;
	pthread_once(&tables_once, init_tables);
	writer_init(&w, out, cap);
	while (i < len) {
		uint32_t cp;
		size_t n;

		if (s[i] < 0x80) {
			fold_cp(&w, s[i], form, false);
			i++;
			continue;
		}
		/* Two-byte sequences (Arabic, Latin-1) decoded in place. */
		if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < len &&
		    (s[i + 1] & 0xC0) == 0x80) {
			cp = ((uint32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
			n = 2;
		} else {
			n = cc__utf8_decode(text + i, len - i, &cp);
		}
		if (n == 0)
			return cc__utf8_require(text, len, "text");
		if (!fold_cp(&w, cp, form, false)) {
			/* Something ICU must see: redo the whole text. */
			rc = cc__utf8_require(text, len, "text");
			if (rc)
				return rc;
			writer_init(&w, out, cap);
			rc = fold_icu(&w, text, len, form);
			if (rc)
				return rc;
			break;
		}
		i += n;
	}
	return writer_finish(&w, out_len);
}

int cc_text__fold_reference(char *out, size_t cap, size_t *out_len,
			    const char *text, size_t len, int form)
{
	writer w;
	int rc;

	rc = check_args(out, cap, out_len, text, len, form);
	if (rc)
		return rc;
	rc = cc__utf8_require(text, len, "text");
	if (rc)
		return rc;
	pthread_once(&tables_once, init_tables);
	writer_init(&w, out, cap);
	rc = fold_icu(&w, text, len, form);
	if (rc)
		return rc;
	return writer_finish(&w, out_len);
}
