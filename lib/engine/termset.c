/* Term sets: configured words and phrases, folded and stemmed by the text
 * layer, indexed by their first word, and found in an analysed utterance
 * by longest match.  Routing, the FAQ and the rules all match through it,
 * so a term matches the same way wherever it is configured. */
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
	ts->ntoks += t->ntok;
	ts->n++;
	return 0;
}

/* Exact terms are indexed by their first word's key, others by its stem. */
static uint32_t index_hash(const cc__termset *ts, const cc__term *t)
{
	const term_tok *k = &ts->toks[t->first_tok];
	return (t->flags & CC__TERM_EXACT) ? k->key_hash : k->stem_hash;
}

int cc_engine__termset_build(cc__termset *ts)
{
	size_t nb = 16, i;
	while (nb < ts->n * 2)
		nb *= 2;
	cc__free(ts->buckets);
	ts->buckets = cc__malloc(nb * sizeof(*ts->buckets));
	if (!ts->buckets)
		return cc__error_nomem();
	ts->nbuckets = nb;
	for (i = 0; i < nb; i++)
		ts->buckets[i] = END;
	/* Insert in reverse so chains keep configuration order. */
	for (i = ts->n; i-- > 0;) {
		uint32_t b = index_hash(ts, &ts->terms[i]) & (uint32_t)(nb - 1);
		ts->terms[i].next = ts->buckets[b];
		ts->buckets[b] = (uint32_t)i;
	}
	return 0;
}

static bool tok_equal(const cc__termset *ts, const term_tok *k, const cc_text__analysis *a,
		      const cc_text__token *t, bool exact)
{
	if (exact)
		return k->key_hash == t->key_hash && k->key_len == t->key_len &&
		       memcmp(ts->pool.ptr + k->key_off, cc_text__tok_key(a, t), k->key_len) == 0;
	return k->stem_hash == t->stem_hash && k->stem_len == t->stem_len &&
	       memcmp(ts->pool.ptr + k->stem_off, cc_text__tok_stem(a, t), k->stem_len) == 0;
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
	if (!ts || ts->n == 0 || !ts->buckets)
		return 0;
	mask = (uint32_t)(ts->nbuckets - 1);
	while (i < a->ntokens) {
		const cc_text__token *t = &a->tokens[i];
		uint32_t heads[2], best = 0, c;
		size_t h;
		heads[0] = ts->buckets[t->stem_hash & mask];
		heads[1] = (t->key_hash & mask) != (t->stem_hash & mask)
				   ? ts->buckets[t->key_hash & mask]
				   : END;
		/* First pass: the longest term starting here. */
		for (h = 0; h < 2; h++)
			for (c = heads[h]; c != END; c = ts->terms[c].next)
				if (ts->terms[c].ntok > best &&
				    term_matches_at(ts, &ts->terms[c], a, i))
					best = ts->terms[c].ntok;
		if (best == 0) {
			i++;
			continue;
		}
		/* Second pass: the terms of that length, the heaviest per tag
		 * (several spellings of one word share a stem and a span; a
		 * department or FAQ entry gets the word once). */
		{
			const cc__term *pick[16];
			size_t np = 0, k;
			for (h = 0; h < 2; h++)
				for (c = heads[h]; c != END; c = ts->terms[c].next) {
					const cc__term *cand = &ts->terms[c];
					if (cand->ntok != best || !term_matches_at(ts, cand, a, i))
						continue;
					for (k = 0; k < np; k++)
						if (pick[k]->tag == cand->tag &&
						    (pick[k]->flags & CC__TERM_NEGATED) ==
							    (cand->flags & CC__TERM_NEGATED))
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
		}
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
