/* The sentiment and urgency lexicon: folded, stemmed phrases indexed by
 * their first word, built from the defaults plus configured additions. */
#include <pthread.h>
#include <string.h>

#include "text_int.h"
#include "lexicon_data.h"

typedef struct lex_tok {
	uint32_t key_hash, stem_hash;
	uint32_t key_off, stem_off; /* into the string pool */
	uint16_t key_len, stem_len;
} lex_tok;

typedef struct lex_entry {
	uint32_t first_tok, ntok;
	uint32_t next_key, next_stem; /* chains; UINT32_MAX ends */
	int kind;
	double polarity;
	int urgency;
	unsigned flags;
} lex_entry;

struct cc_text__lexicon {
	lex_entry *entries;
	size_t n, cap;
	lex_tok *toks;
	size_t ntoks, toks_cap;
	cc_buf pool;
	uint32_t *by_key, *by_stem; /* bucket heads */
	size_t nbuckets;             /* power of two */
};

#define END UINT32_MAX

void cc_text__lexicon_free(cc_text__lexicon *lex)
{
	if (!lex)
		return;
	cc__free(lex->entries);
	cc__free(lex->toks);
	cc_buf_dispose(&lex->pool);
	cc__free(lex->by_key);
	cc__free(lex->by_stem);
	cc__free(lex);
}

size_t cc_text__lexicon_size(const cc_text__lexicon *lex)
{
	return lex ? lex->n : 0;
}

static int rehash(cc_text__lexicon *lex, size_t nbuckets)
{
	uint32_t *bk = cc__malloc(nbuckets * sizeof(*bk));
	uint32_t *bs = cc__malloc(nbuckets * sizeof(*bs));
	size_t i;

	if (!bk || !bs) {
		cc__free(bk);
		cc__free(bs);
		return cc__error_nomem();
	}
	memset(bk, 0xFF, nbuckets * sizeof(*bk));
	memset(bs, 0xFF, nbuckets * sizeof(*bs));
	for (i = 0; i < lex->n; i++) {
		lex_entry *e = &lex->entries[i];
		const lex_tok *t = &lex->toks[e->first_tok];
		size_t hk = t->key_hash & (nbuckets - 1);
		size_t hs = t->stem_hash & (nbuckets - 1);
		e->next_key = bk[hk];
		bk[hk] = (uint32_t)i;
		e->next_stem = bs[hs];
		bs[hs] = (uint32_t)i;
	}
	cc__free(lex->by_key);
	cc__free(lex->by_stem);
	lex->by_key = bk;
	lex->by_stem = bs;
	lex->nbuckets = nbuckets;
	return 0;
}

int cc_text__lexicon_new(cc_text__lexicon **out, bool with_defaults)
{
	cc_text__lexicon *lex;
	size_t i;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	lex = cc__calloc(1, sizeof(*lex));
	if (!lex)
		return cc__error_nomem();
	rc = rehash(lex, 256);
	for (i = 0; rc == 0 && with_defaults &&
		    i < cc_text__default_lexicon_size;
	     i++) {
		const cc_text__lexicon_row *r = &cc_text__default_lexicon[i];
		rc = cc_text__lexicon_add(lex, r->phrase, r->kind, r->polarity,
					  r->urgency, r->flags);
	}
	if (rc) {
		cc_text__lexicon_free(lex);
		return rc;
	}
	*out = lex;
	return 0;
}

static bool tok_key_eq(const cc_text__lexicon *lex, const lex_tok *lt,
		       const char *s, size_t len)
{
	return lt->key_len == len &&
	       memcmp(lex->pool.ptr + lt->key_off, s, len) == 0;
}

/* The entry with exactly these folded words, or END. */
static uint32_t find_same(const cc_text__lexicon *lex,
			  const cc_text__analysis *a)
{
	const cc_text__token *t0 = &a->tokens[0];
	uint32_t e = lex->by_key[t0->key_hash & (lex->nbuckets - 1)];
	for (; e != END; e = lex->entries[e].next_key) {
		const lex_entry *en = &lex->entries[e];
		size_t j;
		if (en->ntok != a->ntokens)
			continue;
		for (j = 0; j < a->ntokens; j++) {
			const cc_text__token *t = &a->tokens[j];
			if (!tok_key_eq(lex, &lex->toks[en->first_tok + j],
					cc_text__tok_key(a, t), t->key_len))
				break;
		}
		if (j == a->ntokens)
			return e;
	}
	return END;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	void *np;
	size_t nc = *cap ? *cap : 64;
	if (need <= *cap)
		return 0;
	while (nc < need)
		nc *= 2;
	np = cc__realloc(*p, nc * size);
	if (!np)
		return cc__error_nomem();
	*p = np;
	*cap = nc;
	return 0;
}

static int lexicon_add_one(cc_text__lexicon *lex, const char *phrase,
			   int kind, double polarity, int urgency,
			   unsigned flags);

/* An Arabic negator takes the conjunctions و and ف glued to its front
 * (وما, ومفيش, فلا, وما في): each negator is entered with both, so the
 * built-in and the configured ones alike are found in either form. */
static int add_conjunction_forms(cc_text__lexicon *lex, const char *phrase,
				 unsigned flags)
{
	static const char *const conj[] = { "و", "ف" };
	char buf[256];
	size_t i, n = strlen(phrase);
	uint32_t cp;
	int rc = 0;

	/* Only a phrase that begins with an Arabic letter. */
	if (n + 3 > sizeof(buf) || cc__utf8_decode(phrase, n, &cp) == 0 ||
	    cp < 0x621 || cp > 0x64A)
		return 0;
	for (i = 0; rc == 0 && i < CC__ARRAY_SIZE(conj); i++) {
		memcpy(buf, conj[i], 2);
		memcpy(buf + 2, phrase, n + 1);
		rc = lexicon_add_one(lex, buf, CC_TEXT__LEX_NEGATOR, 0, 0,
				     flags);
	}
	return rc;
}

int cc_text__lexicon_add(cc_text__lexicon *lex, const char *phrase,
			 int kind, double polarity, int urgency,
			 unsigned flags)
{
	int rc = lexicon_add_one(lex, phrase, kind, polarity, urgency, flags);
	if (rc == 0 && kind == CC_TEXT__LEX_NEGATOR)
		rc = add_conjunction_forms(lex, phrase, flags);
	return rc;
}

static int lexicon_add_one(cc_text__lexicon *lex, const char *phrase,
			   int kind, double polarity, int urgency,
			   unsigned flags)
{
	cc_text__analysis *a;
	lex_entry *e;
	uint32_t same;
	size_t j;
	int rc;

	CC__CHECK_NOTNULL(lex);
	CC__CHECK_NOTNULL(phrase);
	CC__CHECK_ARG(kind >= CC_TEXT__LEX_TERM &&
			      kind <= CC_TEXT__LEX_CONTRAST,
		      "kind");
	if (kind == CC_TEXT__LEX_INTENSIFIER)
		CC__CHECK_ARG(polarity > 0 && polarity <= 4, "polarity");
	else
		CC__CHECK_ARG(polarity >= -4 && polarity <= 4, "polarity");
	CC__CHECK_ARG(urgency >= 0 && urgency <= 3, "urgency");

	a = cc__malloc(sizeof(*a));
	if (!a)
		return cc__error_nomem();
	cc_text__analysis_init(a);
	rc = cc_text__tokenize(a, phrase, strlen(phrase));
	if (rc)
		goto out;
	if (a->ntokens == 0 || a->ntokens > 8) {
		rc = cc__error(CC_EINVAL, CC_ERRCLASS_TEXT,
			       "lexicon phrase must have 1 to 8 words");
		goto out;
	}
	same = find_same(lex, a);
	if (same != END) {
		e = &lex->entries[same];
		e->kind = kind;
		e->polarity = polarity;
		e->urgency = urgency;
		e->flags = flags;
		goto out;
	}
	if ((rc = grow((void **)&lex->entries, &lex->cap, lex->n + 1,
		       sizeof(*lex->entries))) != 0 ||
	    (rc = grow((void **)&lex->toks, &lex->toks_cap,
		       lex->ntoks + a->ntokens, sizeof(*lex->toks))) != 0)
		goto out;
	for (j = 0; j < a->ntokens; j++) {
		const cc_text__token *t = &a->tokens[j];
		lex_tok *lt = &lex->toks[lex->ntoks + j];
		lt->key_hash = t->key_hash;
		lt->stem_hash = t->stem_hash;
		lt->key_off = (uint32_t)lex->pool.size;
		lt->key_len = (uint16_t)t->key_len;
		rc = cc__buf_put(&lex->pool, cc_text__tok_key(a, t),
				 t->key_len);
		lt->stem_off = (uint32_t)lex->pool.size;
		lt->stem_len = (uint16_t)t->stem_len;
		if (rc == 0)
			rc = cc__buf_put(&lex->pool, cc_text__tok_stem(a, t),
					 t->stem_len);
		if (rc)
			goto out;
	}
	e = &lex->entries[lex->n];
	e->first_tok = (uint32_t)lex->ntoks;
	e->ntok = (uint32_t)a->ntokens;
	e->kind = kind;
	e->polarity = polarity;
	e->urgency = urgency;
	e->flags = flags;
	lex->ntoks += a->ntokens;
	lex->n++;
	if (lex->n * 2 > lex->nbuckets)
		rc = rehash(lex, lex->nbuckets * 2);
	else {
		const lex_tok *t = &lex->toks[e->first_tok];
		size_t hk = t->key_hash & (lex->nbuckets - 1);
		size_t hs = t->stem_hash & (lex->nbuckets - 1);
		e->next_key = lex->by_key[hk];
		lex->by_key[hk] = (uint32_t)(lex->n - 1);
		e->next_stem = lex->by_stem[hs];
		lex->by_stem[hs] = (uint32_t)(lex->n - 1);
	}
out:
	cc_text__analysis_dispose(a);
	cc__free(a);
	return rc;
}

/* Does lexicon token lt match the utterance's token t? */
static bool tok_match(const cc_text__lexicon *lex, const lex_tok *lt,
		      const cc_text__analysis *a, const cc_text__token *t,
		      bool exact)
{
	if (lt->key_hash == t->key_hash &&
	    tok_key_eq(lex, lt, cc_text__tok_key(a, t), t->key_len))
		return true;
	return !exact && lt->stem_hash == t->stem_hash &&
	       lt->stem_len == t->stem_len &&
	       memcmp(lex->pool.ptr + lt->stem_off, cc_text__tok_stem(a, t),
		      t->stem_len) == 0;
}

static size_t entry_match(const cc_text__lexicon *lex, const lex_entry *e,
			  const cc_text__analysis *a, size_t i)
{
	size_t j;
	bool exact = (e->flags & CC_TEXT__LEX_EXACT) != 0;
	if (i + e->ntok > a->ntokens)
		return 0;
	for (j = 0; j < e->ntok; j++) {
		/* A phrase does not run across punctuation. */
		if (j > 0 && (a->tokens[i + j].flags & CC_TEXT__TOK_AFTER_PUNCT))
			return 0;
		if (!tok_match(lex, &lex->toks[e->first_tok + j], a,
			       &a->tokens[i + j], exact))
			return 0;
	}
	return e->ntok;
}

size_t cc_text__lexicon_match(const cc_text__lexicon *lex,
			      const cc_text__analysis *a, size_t i,
			      cc_text__lex_match *m)
{
	const cc_text__token *t = &a->tokens[i];
	const lex_entry *best = NULL;
	size_t best_n = 0;
	uint32_t e;

	size_t mask = lex->nbuckets - 1;

	/* The first words' hashes rule most entries out before a full match:
	 * one whose first word differs from t in key hash and (for an exact
	 * entry, or) in stem hash cannot match; in the stem chain, one whose
	 * key hash shares t's bucket was already tried in the key chain. */
	for (e = lex->by_key[t->key_hash & mask]; e != END;
	     e = lex->entries[e].next_key) {
		const lex_entry *en = &lex->entries[e];
		const lex_tok *lt = &lex->toks[en->first_tok];
		size_t n;
		if (lt->key_hash != t->key_hash &&
		    ((en->flags & CC_TEXT__LEX_EXACT) ||
		     lt->stem_hash != t->stem_hash))
			continue;
		n = entry_match(lex, en, a, i);
		if (n > best_n) {
			best_n = n;
			best = en;
		}
	}
	for (e = lex->by_stem[t->stem_hash & mask]; e != END;
	     e = lex->entries[e].next_stem) {
		const lex_entry *en = &lex->entries[e];
		const lex_tok *lt = &lex->toks[en->first_tok];
		size_t n;
		if ((lt->key_hash & mask) == (t->key_hash & mask) ||
		    (en->flags & CC_TEXT__LEX_EXACT) ||
		    lt->stem_hash != t->stem_hash)
			continue;
		n = entry_match(lex, en, a, i);
		if (n > best_n) {
			best_n = n;
			best = &lex->entries[e];
		}
	}
	if (best) {
		m->kind = best->kind;
		m->polarity = best->polarity;
		m->urgency = best->urgency;
		m->flags = best->flags;
	}
	return best_n;
}

static cc_text__lexicon *default_lex;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_init(void)
{
	if (cc_text__lexicon_new(&default_lex, true) != 0)
		default_lex = NULL;
}

const cc_text__lexicon *cc_text__lexicon_default(void)
{
	pthread_once(&default_once, default_init);
	return default_lex;
}
