/* Internal API of the text layer, for the engine, session and CRM modules. */
#ifndef CC_LIB_TEXT_INT_H
#define CC_LIB_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "callcenter/text.h"
#include "util/util.h"

/* ---- folding (fold.c) -------------------------------------------------- */

/* Which of the two forms fold() makes. */
enum cc_text__form {
	CC_TEXT__KEY = 0,     /* match key */
	CC_TEXT__DISPLAY = 1, /* display form, digits kept */
	CC_TEXT__DISPLAY_ASCII_DIGITS = 2,
};

/* Folds text[0..len) into out[0..cap).  Returns 0 and sets *out_len, or
 * CC_EBUFS with *out_len = the length needed (without the NUL; out is then
 * filled as far as it goes), or CC_EUTF8 / CC_ETOOBIG / CC_ENOMEM with the
 * last error set.  out is NUL-terminated whenever cap > 0.  Allocates only
 * when the input needs ICU (characters outside ASCII, the Arabic block and
 * common punctuation) and is longer than an internal stack buffer. */
int cc_text__fold(char *out, size_t cap, size_t *out_len, const char *text,
		  size_t len, int form);

/* The same fold done the slow, obviously correct way: ICU first, then the
 * per-character table.  Tests compare the fast path against it. */
int cc_text__fold_reference(char *out, size_t cap, size_t *out_len,
			    const char *text, size_t len, int form);

/* ---- hashing (tokens.c) ----------------------------------------------- */

/* FNV-1a over bytes; the token hashes in an analysis use it, so the engine
 * can hash its folded keywords the same way.  Inline: every token hashes
 * its key and its stem on the routing hot path. */
static inline uint32_t cc_text__hash(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t h = 2166136261u;
	size_t i = 0;
	for (; i + 4 <= len; i += 4) {
		h = (h ^ p[i]) * 16777619u;
		h = (h ^ p[i + 1]) * 16777619u;
		h = (h ^ p[i + 2]) * 16777619u;
		h = (h ^ p[i + 3]) * 16777619u;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* ---- stems (stem_ar.c, stem_en.c) -------------------------------------- */

/* Light stem of one folded Arabic word (key form).  Writes at most len
 * bytes to out (a stem is never longer than its word); returns its length. */
size_t cc_text__stem_arabic(char *out, const char *word, size_t len);
/* Snowball "english" stem of one folded Latin word, through a per-thread
 * cache.  Same contract as the Arabic one. */
size_t cc_text__stem_english(char *out, const char *word, size_t len);

/* ---- analysis (analyze.c) --------------------------------------------- */

/* Token scripts. */
enum cc_text__script {
	CC_TEXT__SCRIPT_OTHER = 0,
	CC_TEXT__SCRIPT_ARABIC = 1,
	CC_TEXT__SCRIPT_LATIN = 2, /* may contain digits: "3ndi", "5g" */
	CC_TEXT__SCRIPT_DIGITS = 3,
};

/* Token flags. */
#define CC_TEXT__TOK_NEGATED 0x01u    /* inside a negation's scope */
#define CC_TEXT__TOK_NEGATOR 0x02u    /* the token is a negator itself */
#define CC_TEXT__TOK_AFTER_PUNCT 0x04u /* punctuation since the last token */
#define CC_TEXT__TOK_ARABIZI 0x08u    /* Latin token read as Arabizi */
#define CC_TEXT__TOK_NUMBER 0x10u     /* a number word or digits */

/* One token of the match key.  Offsets index cc_text__analysis.key and
 * cc_text__analysis.stems; neither string is NUL-terminated there. */
typedef struct cc_text__token {
	uint32_t key_off, key_len;
	uint32_t stem_off, stem_len;
	uint32_t key_hash, stem_hash; /* cc_text__hash of each */
	uint16_t index;               /* position in the utterance, from 0 */
	uint8_t script;               /* enum cc_text__script */
	uint8_t flags;                /* CC_TEXT__TOK_* */
} cc_text__token;

typedef struct cc_text__lexicon cc_text__lexicon;

/* Bytes of the inline arena: utterances whose analysis fits need no heap. */
#define CC_TEXT__ARENA_INLINE 6144

/* Everything the fast path learns about one utterance.  Initialize with
 * cc_text__analysis_init(), reuse for as many utterances as you like, and
 * release with cc_text__analysis_dispose() (which frees only what a very
 * long utterance made it allocate).  One thread at a time. */
typedef struct cc_text__analysis {
	const char *key;     /* match key, NUL-terminated */
	size_t key_len;
	const char *stems;   /* stems of the tokens, space-separated */
	size_t stems_len;
	cc_text__token *tokens;
	size_t ntokens;
	int language;        /* cc_text_language */
	bool arabizi;        /* Arabic written in Latin letters was seen */
	int sentiment;       /* cc_text_sentiment_label */
	double score;        /* -1 .. 1 */
	int urgency;         /* summed urgency weight, >= 0 */
	bool urgent;
	/* private */
	char *arena;
	size_t arena_cap;
	bool arena_heap;
	_Alignas(16) char arena_inline[CC_TEXT__ARENA_INLINE];
} cc_text__analysis;

void cc_text__analysis_init(cc_text__analysis *a);
void cc_text__analysis_dispose(cc_text__analysis *a);

/* Key, tokens with stems, and language only (no lexicon). */
int cc_text__tokenize(cc_text__analysis *a, const char *text, size_t len);

/* Analyzes text[0..len): key, tokens with stems and negation scopes,
 * language, and (with a lexicon; NULL means the built-in default)
 * sentiment and urgency.  0 or CC_EUTF8 / CC_ETOOBIG / CC_ENOMEM with the
 * last error set; on error the analysis holds an empty result. */
int cc_text__analyze(cc_text__analysis *a, const char *text, size_t len,
		     const cc_text__lexicon *lex);

/* Token i's key and stem as pointers into the analysis. */
static inline const char *cc_text__tok_key(const cc_text__analysis *a,
					   const cc_text__token *t)
{
	return a->key + t->key_off;
}
static inline const char *cc_text__tok_stem(const cc_text__analysis *a,
					    const cc_text__token *t)
{
	return a->stems + t->stem_off;
}

/* ---- language (language.c) -------------------------------------------- */

/* Decides the language of an analysis from its tokens; sets language and
 * arabizi and the ARABIZI token flags. */
void cc_text__detect_language(cc_text__analysis *a);

/* ---- lexicon and sentiment (lexicon.c, sentiment.c) -------------------- */

/* Kinds of lexicon entries. */
enum cc_text__lex_kind {
	CC_TEXT__LEX_TERM = 0,        /* polarity and/or urgency */
	CC_TEXT__LEX_NEGATOR = 1,     /* opens a negation scope */
	CC_TEXT__LEX_INTENSIFIER = 2, /* multiplies the nearest term */
	CC_TEXT__LEX_CONTRAST = 3,    /* "but", "لكن": closes a scope */
};

/* Entry flag: match the key form only, never the stem. */
#define CC_TEXT__LEX_EXACT 0x01u

/* A new lexicon, empty or holding the built-in entries.  The engine adds
 * its configured entries and then shares it read-only between threads. */
int cc_text__lexicon_new(cc_text__lexicon **out, bool with_defaults);
/* Adds a word or phrase (any spelling: it is folded and stemmed here).
 * polarity -4..4, urgency 0..3; for NEGATOR and CONTRAST both are ignored,
 * for INTENSIFIER polarity is the multiplier (e.g. 1.5).  An entry whose
 * phrase is already present replaces it.  CC_EINVAL for an empty phrase or
 * out-of-range weights, CC_EUTF8, CC_ENOMEM. */
int cc_text__lexicon_add(cc_text__lexicon *lex, const char *phrase,
			 int kind, double polarity, int urgency,
			 unsigned flags);
void cc_text__lexicon_free(cc_text__lexicon *lex);
/* The built-in lexicon, made on first use; never freed by the caller. */
const cc_text__lexicon *cc_text__lexicon_default(void);
size_t cc_text__lexicon_size(const cc_text__lexicon *lex);

/* One pass over the tokens: marks negators and negation scopes, then
 * scores sentiment and urgency from the lexicon's terms and intensifiers. */
void cc_text__score(cc_text__analysis *a, const cc_text__lexicon *lex);

/* Longest lexicon entry starting at token i; returns its token count (0
 * when none) and its kind, weights and flags. */
typedef struct cc_text__lex_match {
	int kind;
	double polarity;
	int urgency;
	unsigned flags;
} cc_text__lex_match;
size_t cc_text__lexicon_match(const cc_text__lexicon *lex,
			      const cc_text__analysis *a, size_t i,
			      cc_text__lex_match *m);

/* ---- numbers (numbers.c) ---------------------------------------------- */

/* Finds the numbers of an analysis (see cc_text_numbers); marks their
 * tokens CC_TEXT__TOK_NUMBER; returns how many, storing up to cap. */
size_t cc_text__numbers(cc_text__analysis *a, cc_text_number *out,
			size_t cap);
/* Reads tokens [first, end) as one number; 1 when it is one, else 0. */
int cc_text__number_build(cc_text__analysis *a, size_t first, size_t end,
			  cc_text_number *num);

/* ---- phones (phone.c) --------------------------------------------------- */

/* Parses a digit string (ASCII) to E.164; plus: a country code follows.
 * region may be NULL.  Returns 0 or CC_EPARSE with out->problem set
 * (no error recorded: the caller decides). */
int cc_text__phone_from_digits(cc_text_phone *out, const char *digits,
			       bool plus, const char *region);
/* Valid phones of an analysis (numbers are found first). */
size_t cc_text__phones(cc_text__analysis *a, const char *region,
		       cc_text_phone *out, size_t cap);

/* ---- e-mail (email.c) -------------------------------------------------- */

/* Valid addresses, typed or spoken, in text[0..len) (valid UTF-8);
 * returns how many, storing up to cap. */
size_t cc_text__emails(const char *text, size_t len, char (*out)[256],
		       size_t cap);

/* ---- everything at once (extract.c) ------------------------------------ */

#define CC_TEXT__MAX_NUMBERS 8
#define CC_TEXT__MAX_PHONES 4
#define CC_TEXT__MAX_EMAILS 2

/* What `callcenter analyze` reports beside the analysis. */
typedef struct cc_text__extract {
	cc_text_number numbers[CC_TEXT__MAX_NUMBERS];
	size_t nnumbers;
	cc_text_phone phones[CC_TEXT__MAX_PHONES];
	size_t nphones;
	char emails[CC_TEXT__MAX_EMAILS][256];
	size_t nemails;
} cc_text__extract;

/* Numbers, phones (with region, may be NULL) and e-mails of an analyzed
 * text[0..len); counts are capped at the array sizes. */
void cc_text__extract_all(cc_text__analysis *a, const char *text, size_t len,
			  const char *region, cc_text__extract *x);

#endif /* CC_LIB_TEXT_INT_H */
