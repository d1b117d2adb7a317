/* The engine's internal layout, shared by the files of lib/engine/. */
#ifndef CC_LIB_ENGINE_INT_H
#define CC_LIB_ENGINE_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "callcenter/engine.h"
#include "callcenter/routing.h"
#include "callcenter/rules.h"
#include "text/text_int.h"
#include "util/util.h"

/* A configuration path being validated, e.g. "departments[2].keywords[0]";
 * validation errors are reported as "<path>: <reason>". */
typedef struct cc__cfgpath {
	char buf[256];
	size_t len;
} cc__cfgpath;

size_t cc_engine__path_push_key(cc__cfgpath *p, const char *key);
size_t cc_engine__path_push_index(cc__cfgpath *p, size_t index);
void cc_engine__path_pop(cc__cfgpath *p, size_t mark);
int cc_engine__cfg_error(const cc__cfgpath *p, const char *fmt, ...) CC__PRINTF(2, 3);

/* One language's text of a prompt or FAQ entry. */
typedef struct cc__text_lang {
	const char *lang; /* "ar", "en"... (borrowed from the JSON tree) */
	const char *text;
} cc__text_lang;

typedef struct cc__prompt {
	const char *key;
	cc__text_lang *texts;
	size_t ntexts;
} cc__prompt;

typedef struct cc__feature {
	const char *name;
	int value;
} cc__feature;

typedef struct cc__retention {
	const char *kind;
	int days;
} cc__retention;

/* Business hours: minutes since local midnight per weekday (0 = Sunday,
 * as tm_wday), open < close; closed days have open == close == 0. */
typedef struct cc__hours {
	const char *tz;        /* IANA id */
	uint16_t tz_u16[64];   /* the same, for ICU */
	int32_t tz_u16_len;
	int open_min[7];
	int close_min[7];
	/* Holidays: year (0 = every year), month 1..12, day 1..31. */
	struct cc__holiday {
		int year, month, day;
	} *holidays;
	size_t nholidays;
} cc__hours;

/* ---- term sets (termset.c) -------------------------------------------- */

/* Term flag: compare the folded word itself, not its stem. */
#define CC__TERM_EXACT 0x01u
/* Term flag: counts only inside a negation ("ما وصل", "never arrived"):
 * a negated arrival, reply or working verb is a complaint. */
#define CC__TERM_NEGATED 0x02u
/* Term flag: an ending of a word ("تولي", "توه": the caller telling the
 * company what it did), matched on the word's key, negated or not. */
#define CC__TERM_SUFFIX 0x04u

typedef struct cc__term {
	const char *text; /* as configured (borrowed) */
	int tag;          /* the owner's meaning: a department, a kind... */
	double weight;
	unsigned flags;
	uint32_t first_tok, ntok;
	uint32_t first_hash;  /* the first word's key or stem hash */
	uint32_t second_hash; /* the second word's, for phrases */
	uint32_t next;       /* chain in the index */
} cc__term;

typedef struct cc__termset cc__termset;
typedef void (*cc__term_hit_fn)(const cc__term *t, size_t start, size_t ntok, void *ud);

int cc_engine__termset_new(cc__termset **out);
/* Adds @phrase (borrowed; it must outlive the set), folded and stemmed. */
int cc_engine__termset_add(cc__termset *ts, const char *phrase, int tag, double weight,
			   unsigned flags);
int cc_engine__termset_build(cc__termset *ts);
void cc_engine__termset_free(cc__termset *ts);
size_t cc_engine__termset_size(const cc__termset *ts);
const cc__term *cc_engine__termset_term(const cc__termset *ts, size_t i);
/* Walks the utterance left to right; at each word, reports every term of
 * the longest length that starts there and skips past it.  Returns the
 * number of hits. */
size_t cc_engine__termset_scan(const cc__termset *ts, const cc_text__analysis *a,
			       cc__term_hit_fn fn, void *ud);

/* Reads a list of terms: each a string (weight @default_weight) or an
 * object {"term": "...", "weight": w, "exact": bool, "negated": bool}, or
 * {"suffix": "...", "weight": w} for a word ending. */
int cc_engine__termset_add_list(cc__termset *ts, const cJSON *arr, int tag,
				double default_weight, cc__cfgpath *p);

/* Opaque pieces built by their own files. */
typedef struct cc__router cc__router;
typedef struct cc__faq cc__faq;
typedef struct cc__rules cc__rules;

struct cc_engine {
	atomic_int refs;
	cJSON *config; /* the effective configuration; strings are borrowed from it */

	const char *company_ar;
	const char *company_en;
	int call_center_mode;

	cc_ivr_settings ivr;

	cc_field *fields;
	size_t nfields;
	const char ***field_aliases; /* per field, NULL-terminated (owned arrays) */

	cc_department *depts;
	size_t ndepts;

	cc__prompt *prompts; /* sorted by key */
	size_t nprompts;

	cc__feature *features; /* sorted by name */
	size_t nfeatures;

	cc__retention *retention;
	size_t nretention;

	int resolution_hours[4]; /* by cc_severity */

	cc__hours hours;

	cc__router *router;
	cc__faq *faq;
	cc__rules *rules;

	cc_text__lexicon *lexicon; /* NULL: the text layer's default */

	cc_route_classifier_fn classifier;
	void *classifier_userdata;
};

/* default_config.c (generated from default_config.json) */
extern const char cc_engine__default_json[];
extern const size_t cc_engine__default_json_len;

/* config.c: merge the user's JSON into the defaults, apply the
 * environment, then compile the tree into @e. */
int cc_engine__env_apply(cJSON *root, const cc_engine_options *opts);
int cc_engine__compile(cc_engine *e);
void cc_engine__release(cc_engine *e);

/* Small helpers over cJSON with validation (config.c). */
int cc_engine__get_string(const char **out, const cJSON *obj, const char *key,
			  cc__cfgpath *p, bool required);
int cc_engine__get_bool(int *out, const cJSON *obj, const char *key, cc__cfgpath *p);
int cc_engine__get_uint(unsigned int *out, const cJSON *obj, const char *key,
			unsigned int lo, unsigned int hi, cc__cfgpath *p);
int cc_engine__get_number(double *out, const cJSON *obj, const char *key, double lo,
			  double hi, cc__cfgpath *p);
int cc_engine__get_object(const cJSON **out, const cJSON *obj, const char *key, cc__cfgpath *p);
int cc_engine__get_array(const cJSON **out, const cJSON *obj, const char *key, cc__cfgpath *p);
const char *cc_engine__json_type(const cJSON *v);
/* Refuses keys of @obj outside @known (a typo would be silently ignored). */
int cc_engine__check_keys(const cJSON *obj, const char *const *known, size_t n, cc__cfgpath *p);
const char *cc_engine__lang_primary(char out[8], const char *lang);

/* hours.c */
int cc_engine__hours_compile(cc__hours *h, const cJSON *obj, cc__cfgpath *p);
int cc_engine__parse_hhmm(int *minutes, const char *s);

/* prompt.c */
int cc_engine__prompts_compile(cc_engine *e, const cJSON *obj, cc__cfgpath *p);
/* The language a request for @lang gets: its primary subtag, or the
 * default language for NULL, "", "mixed" and "unknown". */
const char *cc_engine__resolve_lang(const cc_engine *e, const char *lang, char buf[8]);

/* route.c, faq.c, rules.c */
/* Routes an utterance already analysed (the hook-less core of
 * cc_engine_route(), also used by the benchmark). */
int cc_engine__route_analysis(cc_route_result *out, const cc_engine *e,
			      const cc_text__analysis *a);
int cc_engine__router_compile(cc_engine *e, const cJSON *root, cc__cfgpath *p);
void cc_engine__router_free(cc__router *r);
int cc_engine__faq_compile(cc_engine *e, const cJSON *obj, cc__cfgpath *p);
void cc_engine__faq_free(cc__faq *f);
int cc_engine__rules_compile(cc_engine *e, const cJSON *arr, cc__cfgpath *p);
void cc_engine__rules_free(cc__rules *r);

#endif /* CC_LIB_ENGINE_INT_H */
