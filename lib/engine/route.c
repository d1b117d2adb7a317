/* Routing: each department's weighted terms and names, compared with the
 * utterance on match keys and stems, skipping words under a negation; a
 * department the caller names wins; unsure calls go to the default. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "engine_int.h"

/* Tags in the router's term set: a department index, or a cue. */
#define TAG_CUE (-1)
/* Department names are stored with tag (index | NAME_BIT). */
#define NAME_BIT 0x10000

/* A name counts as "the caller asks for this department" when the
 * utterance is this short, or when a cue ("حولني", "transfer") is said. */
#define NAMED_MAX_TOKENS 4
#define MAX_DEPTS 64
/* ...unless another department has this much evidence of its own
 * ("شكوى على المبيعات" is a complaint about sales). */
#define STRONG_SCORE 2.0

struct cc__router {
	cc__termset *terms;
	double min_score;
	double name_weight;
	/* A caller's negative sentiment is evidence for this department (the
	 * one that handles complaints), in proportion to how negative. */
	int negative_dept;
	double negative_weight;
	size_t default_dept;
};

static const char *const route_known[] = { "default_department", "min_score", "name_weight",
					   "name_cues", "negative_department",
					   "negative_weight" };

int cc_engine__router_compile(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "routing");
	const cJSON *depts = cJSON_GetObjectItemCaseSensitive(root, "departments"), *d;
	cc__router *rt;
	size_t i = 0, mark;
	int rc;

	if (e->ndepts > MAX_DEPTS)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "departments: at most %d departments", MAX_DEPTS);
	rt = cc__calloc(1, sizeof(*rt));
	if (!rt)
		return cc__error_nomem();
	e->router = rt;
	rt->min_score = 0.5;
	rt->name_weight = 1.0; /* a name that is not a request, as a word */
	rt->negative_dept = -1;
	if ((rc = cc_engine__termset_new(&rt->terms)))
		return rc;
	mark = cc_engine__path_push_key(p, "routing");
	if (r) {
		const cJSON *it;
		cJSON_ArrayForEach(it, r)
		{
			size_t k;
			bool ok = false;
			for (k = 0; k < CC__ARRAY_SIZE(route_known); k++)
				ok = ok || strcmp(it->string, route_known[k]) == 0;
			if (!ok) {
				cc_engine__path_push_key(p, it->string);
				return cc_engine__cfg_error(p, "unknown key");
			}
		}
		const char *neg = NULL;
		if ((rc = cc_engine__get_number(&rt->min_score, r, "min_score", 0.0, 100.0, p)) ||
		    (rc = cc_engine__get_number(&rt->name_weight, r, "name_weight", 0.0, 100.0,
						p)) ||
		    (rc = cc_engine__get_number(&rt->negative_weight, r, "negative_weight", 0.0,
						100.0, p)) ||
		    (rc = cc_engine__get_string(&neg, r, "negative_department", p, false)))
			return rc;
		if (neg) {
			const cc_department *nd = cc_engine_department_find(e, neg);
			if (!nd) {
				cc_engine__path_push_key(p, "negative_department");
				return cc_engine__cfg_error(p, "no department '%s'", neg);
			}
			rt->negative_dept = (int)(nd - e->depts);
		}
		cc_engine__path_push_key(p, "name_cues");
		rc = cc_engine__termset_add_list(
			rt->terms, cJSON_GetObjectItemCaseSensitive(r, "name_cues"), TAG_CUE, 0, p);
		if (rc)
			return rc;
	}
	cc_engine__path_pop(p, mark);
	mark = cc_engine__path_push_key(p, "departments");
	cJSON_ArrayForEach(d, depts)
	{
		size_t m2 = cc_engine__path_push_index(p, i);
		cc_engine__path_push_key(p, "keywords");
		rc = cc_engine__termset_add_list(
			rt->terms, cJSON_GetObjectItemCaseSensitive(d, "keywords"), (int)i, 1.0, p);
		if (rc)
			return rc;
		cc_engine__path_pop(p, m2);
		cc_engine__path_push_index(p, i);
		cc_engine__path_push_key(p, "names");
		rc = cc_engine__termset_add_list(rt->terms,
						 cJSON_GetObjectItemCaseSensitive(d, "names"),
						 (int)i | NAME_BIT, rt->name_weight, p);
		if (rc)
			return rc;
		cc_engine__path_pop(p, m2);
		i++;
	}
	cc_engine__path_pop(p, mark);
	rt->default_dept =
		(size_t)(cc_engine_department_find(e, e->ivr.default_department) - e->depts);
	return cc_engine__termset_build(rt->terms);
}

void cc_engine__router_free(cc__router *r)
{
	if (!r)
		return;
	cc_engine__termset_free(r->terms);
	cc__free(r);
}

/* What one scan of the utterance collects. */
typedef struct route_scan {
	const cc_text__analysis *a;
	double score[MAX_DEPTS];
	const cc__term *seen[64]; /* terms counted, each once */
	size_t nseen;
	int named; /* department index named, or -1 */
	bool cue;
} route_scan;

static void on_hit(const cc__term *t, size_t start, size_t ntok, void *ud)
{
	route_scan *s = ud;
	bool negated = (s->a->tokens[start].flags & CC_TEXT__TOK_NEGATED) != 0;
	size_t k;
	int d;
	CC__UNUSED(ntok);
	/* A word inside a negation's scope does not count ("ما عندي مشكلة",
	 * "no problem"), unless it is a term that only means something when
	 * negated ("ما وصل"); a phrase that starts with its own negator ("مش
	 * شغال", "not working") is not inside one. */
	if (!(t->flags & CC__TERM_SUFFIX) && negated != ((t->flags & CC__TERM_NEGATED) != 0))
		return;
	if (t->tag == TAG_CUE) {
		s->cue = true;
		return;
	}
	for (k = 0; k < s->nseen; k++)
		if (s->seen[k] == t)
			return;
	d = t->tag & ~NAME_BIT;
	if (t->tag & NAME_BIT) {
		if (s->named < 0)
			s->named = d;
		if (s->nseen < CC__ARRAY_SIZE(s->seen))
			s->seen[s->nseen++] = t;
		return; /* scored later, once we know whether it is a request */
	}
	/* The term set reports one spelling per department and span. */
	s->score[d] += t->weight;
	if (s->nseen < CC__ARRAY_SIZE(s->seen))
		s->seen[s->nseen++] = t;
}

static int dept_of(const cc__term *t)
{
	return t->tag & ~NAME_BIT;
}

static void fill_matches(cc_route_result *out, const cc_engine *e, const route_scan *s)
{
	size_t k, n = 0;
	for (k = 0; k < s->nseen && n < CC_ROUTE_MAX_MATCHED; k++) {
		const cc__term *t = s->seen[k];
		size_t j = n, d;
		/* A word listed as a name and as a keyword is reported once. */
		for (d = 0; d < n; d++)
			if (strcmp(out->matched[d].term, t->text) == 0)
				break;
		if (d < n)
			continue;
		/* Insertion by weight, strongest first. */
		while (j > 0 && out->matched[j - 1].weight < t->weight) {
			out->matched[j] = out->matched[j - 1];
			j--;
		}
		out->matched[j].term = t->text;
		out->matched[j].department = e->depts[dept_of(t)].id;
		out->matched[j].weight = t->weight;
		n++;
	}
	out->matched_count = n;
}

/* Severity of a complaint from the text layer's signals: urgency words
 * make it critical, a strongly negative or mildly urgent caller high, a
 * negative one medium. */
static cc_severity severity_of(const cc_text__analysis *a)
{
	if (a->urgent)
		return CC_SEVERITY_CRITICAL;
	if (a->urgency > 0 || a->score <= -0.6)
		return CC_SEVERITY_HIGH;
	if (a->sentiment == CC_TEXT_NEGATIVE)
		return CC_SEVERITY_MEDIUM;
	return CC_SEVERITY_LOW;
}

static cc_priority priority_of(cc_severity sev, const cc_department *d)
{
	cc_priority p = cc_severity_priority(sev);
	/* A ticket-opening department never goes below medium, as the
	 * original's complaints tickets. */
	if (d->creates_ticket && p < CC_PRIORITY_MEDIUM)
		p = CC_PRIORITY_MEDIUM;
	return p;
}

int cc_engine__route_analysis(cc_route_result *out, const cc_engine *e,
			      const cc_text__analysis *a)
{
	const cc__router *rt = e->router;
	route_scan s;
	size_t i;
	int best = -1, second = -1;
	const cc_department *dflt = &e->depts[rt->default_dept];

	/* Only what the scan reads is cleared: this runs per utterance. */
	s.a = a;
	s.nseen = 0;
	s.named = -1;
	s.cue = false;
	for (i = 0; i < e->ndepts; i++)
		s.score[i] = 0.0;
	cc_engine__termset_scan(rt->terms, a, on_hit, &s);
	if (rt->negative_dept >= 0 && a->sentiment == CC_TEXT_NEGATIVE && a->score < 0.0)
		s.score[rt->negative_dept] += rt->negative_weight * -a->score;

	if (s.named >= 0) {
		/* A name is a request when the caller says little else or
		 * asks to be put through; otherwise it is one more word
		 * ("a complaint about your sales team" is a complaint). */
		double other = 0.0;
		for (i = 0; i < e->ndepts; i++)
			if ((int)i != s.named && s.score[i] > other)
				other = s.score[i];
		if (s.cue || (a->ntokens <= NAMED_MAX_TOKENS && other < STRONG_SCORE))
			s.score[s.named] += 1000.0;
		else
			s.score[s.named] += rt->name_weight;
	}
	for (i = 0; i < e->ndepts; i++) {
		if (best < 0 || s.score[i] > s.score[best] ||
		    (s.score[i] == s.score[best] && e->depts[i].priority > e->depts[best].priority)) {
			second = best;
			best = (int)i;
		} else if (second < 0 || s.score[i] > s.score[second] ||
			   (s.score[i] == s.score[second] &&
			    e->depts[i].priority > e->depts[second].priority)) {
			second = (int)i;
		}
	}

	memset(out, 0, sizeof(*out));
	fill_matches(out, e, &s);
	if (s.score[best] >= 1000.0) {
		out->department = e->depts[best].id;
		out->reason = CC_ROUTE_NAMED;
		out->confidence = 0.95;
		s.score[best] -= 1000.0;
	} else if (s.score[best] < rt->min_score || s.score[best] <= 0.0) {
		int ru = -1;
		out->department = dflt->id;
		out->reason = CC_ROUTE_DEFAULT;
		out->confidence = 0.5;
		for (i = 0; i < e->ndepts; i++)
			if (&e->depts[i] != dflt && s.score[i] > 0.0 &&
			    (ru < 0 || s.score[i] > s.score[ru]))
				ru = (int)i;
		best = (int)(dflt - e->depts);
		second = ru;
	} else {
		double s1 = s.score[best], s2 = second >= 0 ? s.score[second] : 0.0;
		double strength = 1.0 - exp(-s1);
		double margin = (s1 - s2) / (s1 + s2);
		out->department = e->depts[best].id;
		out->reason = CC_ROUTE_KEYWORDS;
		out->confidence = strength * (0.5 + 0.5 * margin);
	}
	if (second >= 0 && second != best && s.score[second] > 0.0) {
		double s2 = s.score[second];
		out->runner_up = e->depts[second].id;
		out->runner_up_confidence = (1.0 - exp(-s2)) * 0.5;
		if (out->runner_up_confidence >= out->confidence)
			out->runner_up_confidence = out->confidence * 0.9;
	}
	out->language = cc_text_language_name(a->language);
	out->sentiment = cc_text_sentiment_name(a->sentiment);
	out->sentiment_score = a->score;
	out->urgent = a->urgent ? 1 : 0;
	out->severity = severity_of(a);
	out->priority = priority_of(out->severity, &e->depts[best]);
	return 0;
}

static int apply_classifier(cc_route_result *out, const cc_engine *e, const char *text,
			    size_t len)
{
	const char *dept = NULL;
	double conf = 0.0;
	const cc_department *d;
	int rc = e->classifier(text, len, out, &dept, &conf, e->classifier_userdata);
	if (rc == CC_EPASSTHROUGH)
		return 0;
	if (rc < 0)
		return rc;
	if (rc > 0 || !dept || !(conf >= 0.0 && conf <= 1.0))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ENGINE,
				 "route classifier gave no department or a confidence outside 0..1");
	d = cc_engine_department_find(e, dept);
	if (!d)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ENGINE,
				 "route classifier chose unknown department '%s'", dept);
	if (conf > out->confidence) {
		if (strcmp(d->id, out->department) != 0) {
			out->runner_up = out->department;
			out->runner_up_confidence = out->confidence;
		}
		out->department = d->id;
		out->confidence = conf;
		out->reason = CC_ROUTE_CLASSIFIER;
		out->priority = priority_of(out->severity, d);
	}
	return 0;
}

int cc_engine_route(cc_route_result *out, const cc_engine *engine, const char *text, size_t len)
{
	cc_text__analysis a;
	int rc;

	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(text);
	if (len > 65536)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_ENGINE,
				 "utterance of %zu bytes exceeds 64 KiB", len);
	cc_text__analysis_init(&a);
	rc = cc_text__analyze(&a, text, len, engine->lexicon);
	if (!rc)
		rc = cc_engine__route_analysis(out, engine, &a);
	cc_text__analysis_dispose(&a);
	if (!rc && engine->classifier)
		rc = apply_classifier(out, engine, text, len);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
