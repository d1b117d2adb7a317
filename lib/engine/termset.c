/* Term sets: configured words and phrases, folded and stemmed by the text
 * layer, indexed by their first word, and found in an analysed utterance
 * by longest match.  Routing, the FAQ and the rules all match through it,
 * so a term matches the same way wherever it is configured. */
#include <stddef.h>
#include <string.h>

#include "engine_int.h"

typedef struct term_tok {
	uint32_t key_hash, stem_hash;
	uint32_t key_off, stem_off; /* into the pool */
	uint32_t key_len, stem_len;
} term_tok;

struct cc__termset {
	cc__term *terms;
	size_t n, cap;
	term_tok *toks;
	size_t ntoks, toks_cap;
	cc_buf pool;
	uint32_t *buckets; /* heads of chains through cc__term.next */
	size_t nbuckets;   /* power of two */
	/* The chains again in compact arrays (next, first-word hash,
	 * exact flag), so a walk reads a few bytes per term and touches a
	 * term only when its first word matches. */
	cc__term *suffixes; /* endings, checked on words no term matched */
	size_t nsuffixes, suffixes_cap;
	uint32_t *chain_next;
	uint32_t *chain_hash;
	uint8_t *chain_exact;
	/* One bit per (first-word hash mod 2^16): most words of an utterance
	 * start no term, and this says so without touching the chains. */
	uint64_t starts[1024];
};

#define END UINT32_MAX

int cc_engine__termset_new(cc__termset **out)
{
	*out = cc__calloc(1, sizeof(**out));
	return *out ? 0 : cc__error_nomem();
}

void cc_engine__termset_free(cc__termset *ts)
{
	if (!ts)
		return;
	cc__free(ts->terms);
	cc__free(ts->toks);
	cc_buf_dispose(&ts->pool);
	cc__free(ts->buckets);
	cc__free(ts->chain_next);
	cc__free(ts->chain_hash);
	cc__free(ts->chain_exact);
	cc__free(ts->suffixes);
	cc__free(ts);
}

size_t cc_engine__termset_size(const cc__termset *ts)
{
	return ts ? ts->n : 0;
}

const cc__term *cc_engine__termset_term(const cc__termset *ts, size_t i)
{
	return &ts->terms[i];
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 16;
	void *q;
	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	q = cc__realloc(*p, c * elem);
	if (!q)
		return cc__error_nomem();
	*p = q;
	*cap = c;
	return 0;
}

int cc_engine__termset_add(cc__termset *ts, const char *phrase, int tag, double weight,
			   unsigned flags)
{
	cc_text__analysis a;
	cc__term *t;
	size_t i;
	int rc;

	cc_text__analysis_init(&a);
	rc = cc_text__tokenize(&a, phrase, strlen(phrase));
	if (rc) {
		cc_text__analysis_dispose(&a);
		return rc;
	}
	if (a.ntokens == 0 || a.ntokens > 32) {
		cc_text__analysis_dispose(&a);
		return cc__error(CC_EINVAL, CC_ERRCLASS_CONFIG,
				 a.ntokens ? "term has more than 32 words" : "term has no words");
	}
	if ((rc = grow((void **)&ts->terms, &ts->cap, ts->n + 1, sizeof(*ts->terms))) ||
	    (rc = grow((void **)&ts->toks, &ts->toks_cap, ts->ntoks + a.ntokens,
		       sizeof(*ts->toks)))) {
		cc_text__analysis_dispose(&a);
		return rc;
	}
	t = &ts->terms[ts->n];
	t->text = phrase;
	t->tag = tag;
	t->weight = weight;
	t->flags = flags;
	t->first_tok = (uint32_t)ts->ntoks;
	t->ntok = (uint32_t)a.ntokens;
	t->next = END;
	for (i = 0; i < a.ntokens && !rc; i++) {
		const cc_text__token *src = &a.tokens[i];
		term_tok *dst = &ts->toks[ts->ntoks + i];
		dst->key_hash = src->key_hash;
		dst->stem_hash = src->stem_hash;
		dst->key_len = src->key_len;
		dst->stem_len = src->stem_len;
		dst->key_off = (uint32_t)ts->pool.size;
		rc = cc__buf_put(&ts->pool, cc_text__tok_key(&a, src), src->key_len);
		dst->stem_off = (uint32_t)ts->pool.size;
		if (!rc)
			rc = cc__buf_put(&ts->pool, cc_text__tok_stem(&a, src), src->stem_len);
	}
	cc_text__analysis_dispose(&a);
	if (rc)
		return rc;
	t->first_hash = (flags & CC__TERM_EXACT) ? ts->toks[t->first_tok].key_hash
						 : ts->toks[t->first_tok].stem_hash;
	if (t->ntok > 1)
		t->second_hash = (flags & CC__TERM_EXACT) ? ts->toks[t->first_tok + 1].key_hash
							  : ts->toks[t->first_tok + 1].stem_hash;
	ts->ntoks += t->ntok;
	ts->n++;
	return 0;
}

/* Adds a word ending; its folded form is kept in the pool (key_off/len in
 * first_tok/ntok of the term, which suffixes do not otherwise use). */
static int termset_add_suffix(cc__termset *ts, const char *ending, int tag, double weight)
{
	cc_text__analysis a;
	cc__term *t;
	int rc;
	cc_text__analysis_init(&a);
	rc = cc_text__tokenize(&a, ending, strlen(ending));
	if (!rc && a.ntokens != 1)
		rc = cc__error(CC_EINVAL, CC_ERRCLASS_CONFIG, "a suffix is one word's ending");
	if (!rc)
		rc = grow((void **)&ts->suffixes, &ts->suffixes_cap, ts->nsuffixes + 1,
			  sizeof(*ts->suffixes));
	if (!rc) {
		t = &ts->suffixes[ts->nsuffixes];
		memset(t, 0, sizeof(*t));
		t->text = ending;
		t->tag = tag;
		t->weight = weight;
		t->flags = CC__TERM_SUFFIX;
		t->first_tok = (uint32_t)ts->pool.size;
		t->ntok = a.tokens[0].key_len;
		rc = cc__buf_put(&ts->pool, cc_text__tok_key(&a, &a.tokens[0]), a.tokens[0].key_len);
		if (!rc)
			ts->nsuffixes++;
	}
	cc_text__analysis_dispose(&a);
	return rc;
}

/* The suffix of the longest length that ends word i, with at least three
 * letters before it; NULL when none. */
static const cc__term *suffix_at(const cc__termset *ts, const cc_text__analysis *a, size_t i)
{
	const cc_text__token *t = &a->tokens[i];
	const char *end = cc_text__tok_key(a, t) + t->key_len;
	const cc__term *best = NULL;
	size_t k;
	for (k = 0; k < ts->nsuffixes; k++) {
		const cc__term *sfx = &ts->suffixes[k];
		const char *p = ts->pool.ptr + sfx->first_tok + sfx->ntok;
		uint32_t n = sfx->ntok, j;
		if (t->key_len < n + 6 || (best && best->ntok >= n))
			continue;
		/* From the last byte back: most words differ there at once. */
		for (j = 1; j <= n && end[-(ptrdiff_t)j] == p[-(ptrdiff_t)j]; j++)
			;
		if (j > n)
			best = sfx;
	}
	return best;
}

/* A phrase is indexed by its first two words together: many phrases share
 * a first word ("ما وصل", "ما حدا رد", "not working"…), and one chain for
 * all of them would be walked at every "ما". */
static inline uint32_t pair_hash(uint32_t first, uint32_t second)
{
	return (first * 0x9E3779B1u) ^ second;
}

/* Exact terms are indexed by their words' keys, others by their stems. */
static uint32_t index_hash(const cc__termset *ts, const cc__term *t)
{
	CC__UNUSED(ts);
	return t->ntok > 1 ? pair_hash(t->first_hash, t->second_hash) : t->first_hash;
}

int cc_engine__termset_build(cc__termset *ts)
{
	size_t nb = 16, i;
	while (nb < ts->n * 2)
		nb *= 2;
	cc__free(ts->buckets);
	cc__free(ts->chain_next);
	cc__free(ts->chain_hash);
	cc__free(ts->chain_exact);
	ts->buckets = cc__malloc(nb * sizeof(*ts->buckets));
	ts->chain_next = cc__malloc((ts->n + 1) * sizeof(*ts->chain_next));
	ts->chain_hash = cc__malloc((ts->n + 1) * sizeof(*ts->chain_hash));
	ts->chain_exact = cc__malloc(ts->n + 1);
	if (!ts->buckets || !ts->chain_next || !ts->chain_hash || !ts->chain_exact)
		return cc__error_nomem();
	ts->nbuckets = nb;
	for (i = 0; i < nb; i++)
		ts->buckets[i] = END;
	memset(ts->starts, 0, sizeof(ts->starts));
	for (i = 0; i < ts->n; i++) {
		uint32_t f = ts->terms[i].first_hash & 0xFFFFu;
		ts->starts[f >> 6] |= (uint64_t)1 << (f & 63);
	}
	/* Insert in reverse so chains keep configuration order. */
	for (i = ts->n; i-- > 0;) {
		uint32_t b = index_hash(ts, &ts->terms[i]) & (uint32_t)(nb - 1);
		ts->terms[i].next = ts->buckets[b];
		ts->chain_next[i] = ts->buckets[b];
		ts->chain_hash[i] = ts->terms[i].first_hash;
		ts->chain_exact[i] = (ts->terms[i].flags & CC__TERM_EXACT) ? 1 : 0;
		ts->buckets[b] = (uint32_t)i;
	}
	return 0;
}

/* Words are a few bytes long: a plain loop beats a call to memcmp. */
static inline bool bytes_equal(const char *x, const char *y, uint32_t n)
{
	uint32_t i;
	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

static bool tok_equal(const cc__termset *ts, const term_tok *k, const cc_text__analysis *a,
		      const cc_text__token *t, bool exact)
{
	if (exact)
		return k->key_hash == t->key_hash && k->key_len == t->key_len &&
		       bytes_equal(ts->pool.ptr + k->key_off, cc_text__tok_key(a, t), k->key_len);
	return k->stem_hash == t->stem_hash && k->stem_len == t->stem_len &&
	       bytes_equal(ts->pool.ptr + k->stem_off, cc_text__tok_stem(a, t), k->stem_len);
}

static bool term_matches_at(const cc__termset *ts, const cc__term *term,
			    const cc_text__analysis *a, size_t i)
{
	bool exact = (term->flags & CC__TERM_EXACT) != 0;
	size_t j;
	if (i + term->ntok > a->ntokens)
		return false;
	for (j = 0; j < term->ntok; j++)
		if (!tok_equal(ts, &ts->toks[term->first_tok + j], a, &a->tokens[i + j], exact))
			return false;
	return true;
}

size_t cc_engine__termset_scan(const cc__termset *ts, const cc_text__analysis *a,
			       cc__term_hit_fn fn, void *ud)
{
	size_t i = 0, hits = 0;
	uint32_t mask;
	if (!ts || !ts->buckets || (ts->n == 0 && ts->nsuffixes == 0))
		return 0;
	mask = (uint32_t)(ts->nbuckets - 1);
	while (i < a->ntokens) {
		const cc_text__token *t = &a->tokens[i];
		const cc__term *found[32], *pick[16];
		uint32_t heads[4], best = 0, c;
		size_t h, nf = 0, np = 0, k, j;
		uint32_t fs = t->stem_hash & 0xFFFFu, fk = t->key_hash & 0xFFFFu;
		if (!((ts->starts[fs >> 6] >> (fs & 63)) & 1) &&
		    !((ts->starts[fk >> 6] >> (fk & 63)) & 1)) {
			if (ts->nsuffixes) {
				const cc__term *sfx = suffix_at(ts, a, i);
				if (sfx) {
					fn(sfx, i, 1, ud);
					hits++;
				}
			}
			i++;
			continue;
		}
		/* The chains of the word alone (stem, key) and of the word with
		 * the next one (phrases), each walked once. */
		{
			uint32_t b[4];
			size_t nb = 0, x, y;
			b[nb++] = t->stem_hash & mask;
			b[nb++] = t->key_hash & mask;
			if (i + 1 < a->ntokens) {
				b[nb++] = pair_hash(t->stem_hash, t[1].stem_hash) & mask;
				b[nb++] = pair_hash(t->key_hash, t[1].key_hash) & mask;
			}
			for (x = 0; x < 4; x++)
				heads[x] = END;
			for (x = 0; x < nb; x++) {
				for (y = 0; y < x; y++)
					if (b[y] == b[x])
						break;
				if (y == x)
					heads[x] = ts->buckets[b[x]];
			}
		}
		/* Every term that starts here, in one walk of the chains; the
		 * first words' hashes are compared before any bytes. */
		for (h = 0; h < 4; h++)
			for (c = heads[h]; c != END; c = ts->chain_next[c]) {
				const cc__term *cand;
				bool exact = ts->chain_exact[c] != 0;
				if (ts->chain_hash[c] != (exact ? t->key_hash : t->stem_hash))
					continue;
				cand = &ts->terms[c];
				if (cand->ntok < best || i + cand->ntok > a->ntokens)
					continue;
				if (cand->ntok > 1 && cand->second_hash != (exact ? t[1].key_hash
										   : t[1].stem_hash))
					continue;
				if (!term_matches_at(ts, cand, a, i))
					continue;
				if (cand->ntok > best) {
					best = cand->ntok;
					nf = 0;
				}
				if (nf < CC__ARRAY_SIZE(found))
					found[nf++] = cand;
			}
		if (best == 0) {
			if (ts->nsuffixes) {
				const cc__term *sfx = suffix_at(ts, a, i);
				if (sfx) {
					fn(sfx, i, 1, ud);
					hits++;
				}
			}
			i++;
			continue;
		}
		/* The longest terms, the heaviest per tag (several spellings of
		 * one word share a stem and a span; a department or FAQ entry
		 * gets the word once). */
		for (j = 0; j < nf; j++) {
			const cc__term *cand = found[j];
			for (k = 0; k < np; k++)
				if (pick[k]->tag == cand->tag &&
				    (pick[k]->flags & CC__TERM_NEGATED) == (cand->flags & CC__TERM_NEGATED))
					break;
			if (k < np) {
				if (cand->weight > pick[k]->weight)
					pick[k] = cand;
			} else if (np < CC__ARRAY_SIZE(pick)) {
				pick[np++] = cand;
			}
		}
		for (k = 0; k < np; k++)
			fn(pick[k], i, best, ud);
		hits += np;
		i += best;
	}
	return hits;
}

int cc_engine__termset_add_list(cc__termset *ts, const cJSON *arr, int tag,
				double default_weight, cc__cfgpath *p)
{
	const cJSON *it;
	size_t i = 0;
	int rc = 0;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr))
		return cc_engine__cfg_error(p, "expected array, got %s", cc_engine__json_type(arr));
	cJSON_ArrayForEach(it, arr)
	{
		size_t mark = cc_engine__path_push_index(p, i++);
		const char *text = NULL;
		double w = default_weight;
		int exact = 0, negated = 0;
		if (cJSON_IsString(it)) {
			text = it->valuestring;
		} else if (cJSON_IsObject(it) && cJSON_GetObjectItemCaseSensitive(it, "suffix")) {
			if ((rc = cc_engine__get_string(&text, it, "suffix", p, true)) ||
			    (rc = cc_engine__get_number(&w, it, "weight", 0.0, 100.0, p)))
				return rc;
			rc = termset_add_suffix(ts, text, tag, w);
			if (rc == CC_EINVAL || rc == CC_EUTF8)
				return cc_engine__cfg_error(p, "%s", cc_error_last()->message);
			if (rc)
				return rc;
			cc_engine__path_pop(p, mark);
			continue;
		} else if (cJSON_IsObject(it)) {
			if ((rc = cc_engine__get_string(&text, it, "term", p, true)) ||
			    (rc = cc_engine__get_number(&w, it, "weight", 0.0, 100.0, p)) ||
			    (rc = cc_engine__get_bool(&exact, it, "exact", p)) ||
			    (rc = cc_engine__get_bool(&negated, it, "negated", p)))
				return rc;
		} else {
			return cc_engine__cfg_error(p,
						    "expected string or {\"term\", \"weight\"}, "
						    "got %s",
						    cc_engine__json_type(it));
		}
		rc = cc_engine__termset_add(ts, text, tag, w,
					    (exact ? CC__TERM_EXACT : 0u) |
						    (negated ? CC__TERM_NEGATED : 0u));
		if (rc == CC_EINVAL || rc == CC_EUTF8)
			return cc_engine__cfg_error(p, "%s", cc_error_last()->message);
		if (rc)
			return rc;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}
