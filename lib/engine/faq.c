/* FAQ: bilingual question/answer entries found through their keywords,
 * matched on match keys and stems like every other term. */
#include <string.h>

#include "engine_int.h"

typedef struct faq_entry {
	const char *id;
	cc__text_lang question[2]; /* ar, en */
	cc__text_lang answer[2];
	double need; /* matched weight that makes a score of 1 */
} faq_entry;

struct cc__faq {
	faq_entry *entries;
	size_t n;
	cc__termset *terms; /* tag = entry index */
	double min_score;
};

int cc_engine__faq_compile(cc_engine *e, const cJSON *obj, cc__cfgpath *p)
{
	static const char *const known[] = { "id",	    "keywords",	  "question_ar", "question_en",
					     "answer_ar", "answer_en", "need" };
	const cJSON *entries, *it, *x;
	cc__faq *f;
	size_t i = 0, mark, k;
	int rc;

	f = cc__calloc(1, sizeof(*f));
	if (!f)
		return cc__error_nomem();
	e->faq = f;
	f->min_score = 0.5;
	if ((rc = cc_engine__termset_new(&f->terms)))
		return rc;
	if (!obj)
		return cc_engine__termset_build(f->terms);
	{
		static const char *const top[] = { "min_score", "entries" };
		if ((rc = cc_engine__check_keys(obj, top, CC__ARRAY_SIZE(top), p)))
			return rc;
	}
	if ((rc = cc_engine__get_number(&f->min_score, obj, "min_score", 0.0, 1.0, p)) ||
	    (rc = cc_engine__get_array(&entries, obj, "entries", p)))
		return rc;
	if (!entries)
		return cc_engine__termset_build(f->terms);
	f->entries = cc__calloc((size_t)cJSON_GetArraySize(entries) + 1, sizeof(*f->entries));
	if (!f->entries)
		return cc__error_nomem();
	mark = cc_engine__path_push_key(p, "entries");
	cJSON_ArrayForEach(it, entries)
	{
		faq_entry *fe = &f->entries[i];
		size_t m2 = cc_engine__path_push_index(p, i);
		fe->need = 1.5;
		if (!cJSON_IsObject(it))
			return cc_engine__cfg_error(p, "expected object");
		cJSON_ArrayForEach(x, it)
		{
			bool ok = false;
			for (k = 0; k < CC__ARRAY_SIZE(known); k++)
				ok = ok || strcmp(x->string, known[k]) == 0;
			if (!ok) {
				cc_engine__path_push_key(p, x->string);
				return cc_engine__cfg_error(p, "unknown key");
			}
		}
		fe->question[0].lang = fe->answer[0].lang = "ar";
		fe->question[1].lang = fe->answer[1].lang = "en";
		if ((rc = cc_engine__get_string(&fe->id, it, "id", p, true)) ||
		    (rc = cc_engine__get_string(&fe->question[0].text, it, "question_ar", p, false)) ||
		    (rc = cc_engine__get_string(&fe->question[1].text, it, "question_en", p, false)) ||
		    (rc = cc_engine__get_string(&fe->answer[0].text, it, "answer_ar", p, false)) ||
		    (rc = cc_engine__get_string(&fe->answer[1].text, it, "answer_en", p, false)) ||
		    (rc = cc_engine__get_number(&fe->need, it, "need", 0.1, 100.0, p)))
			return rc;
		if (!fe->answer[0].text && !fe->answer[1].text)
			return cc_engine__cfg_error(p, "needs answer_ar or answer_en");
		cc_engine__path_push_key(p, "keywords");
		if (!cJSON_GetObjectItemCaseSensitive(it, "keywords"))
			return cc_engine__cfg_error(p, "required");
		rc = cc_engine__termset_add_list(f->terms,
						 cJSON_GetObjectItemCaseSensitive(it, "keywords"),
						 (int)i, 1.0, p);
		if (rc)
			return rc;
		cc_engine__path_pop(p, m2);
		i++;
		f->n = i;
	}
	cc_engine__path_pop(p, mark);
	return cc_engine__termset_build(f->terms);
}

void cc_engine__faq_free(cc__faq *f)
{
	if (!f)
		return;
	cc_engine__termset_free(f->terms);
	cc__free(f->entries);
	cc__free(f);
}

typedef struct faq_scan {
	const cc_text__analysis *a;
	double *got;
	const cc__term *seen[64];
	size_t nseen;
} faq_scan;

static void on_faq_hit(const cc__term *t, size_t start, size_t ntok, void *ud)
{
	faq_scan *s = ud;
	size_t k;
	CC__UNUSED(ntok);
	if (s->a->tokens[start].flags & CC_TEXT__TOK_NEGATED)
		return;
	for (k = 0; k < s->nseen; k++)
		if (s->seen[k] == t)
			return;
	if (s->nseen < CC__ARRAY_SIZE(s->seen))
		s->seen[s->nseen++] = t;
	s->got[t->tag] += t->weight;
}

static const cc__text_lang *pick(const cc_engine *e, const cc__text_lang tl[2], const char *lang)
{
	size_t i;
	for (i = 0; i < 2; i++)
		if (tl[i].text && strcmp(tl[i].lang, lang) == 0)
			return &tl[i];
	for (i = 0; i < 2; i++)
		if (tl[i].text && strcmp(tl[i].lang, e->ivr.fallback_language) == 0)
			return &tl[i];
	return tl[0].text ? &tl[0] : &tl[1];
}

int cc_engine_faq(cc_faq_match *out, const cc_engine *engine, const char *text, size_t len,
		  const char *lang)
{
	const cc__faq *f;
	cc_text__analysis a;
	faq_scan s;
	double stack_got[64], *got, best_score = 0.0;
	size_t i, best = SIZE_MAX;
	char buf[8];
	const char *want;
	int rc;

	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(text);
	if (len > 65536)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_ENGINE, "question of %zu bytes exceeds 64 KiB",
				 len);
	f = engine->faq;
	got = f->n <= CC__ARRAY_SIZE(stack_got) ? stack_got : cc__calloc(f->n, sizeof(*got));
	if (!got)
		return cc__error_nomem();
	memset(got, 0, f->n * sizeof(*got));
	cc_text__analysis_init(&a);
	rc = cc_text__analyze(&a, text, len, engine->lexicon);
	if (!rc) {
		memset(&s, 0, sizeof(s));
		s.a = &a;
		s.got = got;
		cc_engine__termset_scan(f->terms, &a, on_faq_hit, &s);
		for (i = 0; i < f->n; i++) {
			double score = got[i] / f->entries[i].need;
			if (score > 1.0)
				score = 1.0;
			if (score > best_score) {
				best_score = score;
				best = i;
			}
		}
	}
	cc_text__analysis_dispose(&a);
	if (got != stack_got)
		cc__free(got);
	if (rc)
		return rc;
	if (best == SIZE_MAX || best_score < f->min_score)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_ENGINE, "no FAQ entry matches well enough");
	want = cc_engine__resolve_lang(engine, lang, buf);
	{
		const faq_entry *fe = &f->entries[best];
		const cc__text_lang *ans = pick(engine, fe->answer, want);
		const cc__text_lang *q = pick(engine, fe->question, ans->lang);
		out->id = fe->id;
		out->answer = ans->text;
		out->language = ans->lang;
		out->question = q && q->text && strcmp(q->lang, ans->lang) == 0 ? q->text : "";
		out->score = best_score;
	}
	return 0;
}
