/* Configuration: environment overrides, validation with JSON paths, and
 * compiling the tree into the engine's tables. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine_int.h"

/* ---- paths and errors -------------------------------------------------- */

size_t cc_engine__path_push_key(cc__cfgpath *p, const char *key)
{
	size_t mark = p->len;
	int n = snprintf(p->buf + p->len, sizeof(p->buf) - p->len, "%s%s",
			 p->len ? "." : "", key);
	if (n > 0)
		p->len += (size_t)n < sizeof(p->buf) - p->len ? (size_t)n
							      : sizeof(p->buf) - p->len - 1;
	return mark;
}

size_t cc_engine__path_push_index(cc__cfgpath *p, size_t index)
{
	size_t mark = p->len;
	int n = snprintf(p->buf + p->len, sizeof(p->buf) - p->len, "[%zu]", index);
	if (n > 0)
		p->len += (size_t)n < sizeof(p->buf) - p->len ? (size_t)n
							      : sizeof(p->buf) - p->len - 1;
	return mark;
}

void cc_engine__path_pop(cc__cfgpath *p, size_t mark)
{
	p->len = mark;
	p->buf[mark] = '\0';
}

int cc_engine__cfg_error(const cc__cfgpath *p, const char *fmt, ...)
{
	char reason[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG, "%s: %s", p->len ? p->buf : "(root)",
			 reason);
}

/* An error at @key of the object at @p ("path.key: reason"); the path is
 * as it was on return. */
static int key_error(cc__cfgpath *p, const char *key, const char *fmt, ...)
	CC__PRINTF(3, 4);
static int key_error(cc__cfgpath *p, const char *key, const char *fmt, ...)
{
	char reason[256];
	size_t mark = cc_engine__path_push_key(p, key);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	rc = cc_engine__cfg_error(p, "%s", reason);
	cc_engine__path_pop(p, mark);
	return rc;
}

/* ---- typed getters ----------------------------------------------------- */

const char *cc_engine__json_type(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "an invalid value";
}

int cc_engine__get_string(const char **out, const cJSON *obj, const char *key, cc__cfgpath *p,
			  bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v)) {
		if (!required)
			return 0;
		return key_error(p, key, "required");
	}
	if (!cJSON_IsString(v))
		return key_error(p, key, "expected string, got %s", cc_engine__json_type(v));
	if (required && v->valuestring[0] == '\0')
		return key_error(p, key, "must not be empty");
	*out = v->valuestring;
	return 0;
}

int cc_engine__get_bool(int *out, const cJSON *obj, const char *key, cc__cfgpath *p)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return key_error(p, key, "expected boolean, got %s", cc_engine__json_type(v));
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return 0;
}

int cc_engine__get_number(double *out, const cJSON *obj, const char *key, double lo, double hi,
			  cc__cfgpath *p)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v))
		return key_error(p, key, "expected number, got %s", cc_engine__json_type(v));
	if (!(v->valuedouble >= lo && v->valuedouble <= hi))
		return key_error(p, key, "%g is out of range %g..%g", v->valuedouble, lo, hi);
	*out = v->valuedouble;
	return 0;
}

int cc_engine__get_uint(unsigned int *out, const cJSON *obj, const char *key, unsigned int lo,
			unsigned int hi, cc__cfgpath *p)
{
	double d = -1;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	int rc;
	if (!v)
		return 0;
	rc = cc_engine__get_number(&d, obj, key, lo, hi, p);
	if (rc)
		return rc;
	if (d != floor(d))
		return key_error(p, key, "expected a whole number, got %g", d);
	*out = (unsigned int)d;
	return 0;
}

int cc_engine__get_object(const cJSON **out, const cJSON *obj, const char *key, cc__cfgpath *p)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsObject(v))
		return key_error(p, key, "expected object, got %s", cc_engine__json_type(v));
	*out = v;
	return 0;
}

int cc_engine__get_array(const cJSON **out, const cJSON *obj, const char *key, cc__cfgpath *p)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsArray(v))
		return key_error(p, key, "expected array, got %s", cc_engine__json_type(v));
	*out = v;
	return 0;
}

const char *cc_engine__lang_primary(char out[8], const char *lang)
{
	size_t i = 0;
	if (!lang)
		lang = "";
	while (lang[i] && lang[i] != '-' && lang[i] != '_' && i < 7) {
		char c = lang[i];
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		i++;
	}
	out[i] = '\0';
	return out;
}

/* ---- environment ------------------------------------------------------- */

static const char *env_get(const cc_engine_options *opts, const char *name)
{
	const char *v;
	if (opts && opts->env) {
		size_t n = strlen(name);
		const char *const *e;
		v = NULL;
		for (e = opts->env; *e; e++)
			if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
				v = *e + n + 1;
	} else {
		v = getenv(name);
	}
	/* An empty variable counts as unset, as shells write `NAME=`. */
	return v && v[0] ? v : NULL;
}

static cJSON *ensure_object(cJSON *root, const char *key)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(root, key);
	if (cJSON_IsObject(o))
		return o;
	if (o)
		cJSON_DeleteItemFromObjectCaseSensitive(root, key);
	return cJSON_AddObjectToObject(root, key);
}

static int set_item(cJSON *root, const char *section, const char *key, cJSON *value)
{
	cJSON *obj = section ? ensure_object(root, section) : root;
	if (!obj || !value) {
		cJSON_Delete(value);
		return cc__error_nomem();
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
	else
		cJSON_AddItemToObject(obj, key, value);
	return 0;
}

static int env_error(const char *name, const char *value, const char *expected)
{
	char shown[64];
	cc__scrub(shown, value, strnlen(value, sizeof(shown) - 1));
	return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
			 "environment variable %s: expected %s, got '%s'", name, expected, shown);
}

static int env_uint(cJSON *root, const cc_engine_options *opts, const char *name,
		    const char *section, const char *key, long lo, long hi)
{
	const char *v = env_get(opts, name);
	char *end;
	long n;
	char expected[64];
	if (!v)
		return 0;
	n = strtol(v, &end, 10);
	snprintf(expected, sizeof(expected), "a whole number %ld..%ld", lo, hi);
	if (end == v || *end != '\0' || n < lo || n > hi)
		return env_error(name, v, expected);
	return set_item(root, section, key, cJSON_CreateNumber((double)n));
}

static int env_string(cJSON *root, const cc_engine_options *opts, const char *name,
		      const char *section, const char *key)
{
	const char *v = env_get(opts, name);
	if (!v)
		return 0;
	if (cc__utf8_check(v, strlen(v)) != strlen(v))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "environment variable %s: not valid UTF-8", name);
	return set_item(root, section, key, cJSON_CreateString(v));
}

static int env_hhmm(cJSON *root, const cc_engine_options *opts, const char *name,
		    const char *key)
{
	const char *v = env_get(opts, name);
	int m;
	if (!v)
		return 0;
	if (cc_engine__parse_hhmm(&m, v))
		return env_error(name, v, "a time HH:MM (00:00..24:00)");
	return set_item(root, "business_hours", key, cJSON_CreateString(v));
}

int cc_engine__env_apply(cJSON *root, const cc_engine_options *opts)
{
	const char *v;
	int rc;

	v = env_get(opts, "CALL_CENTER_MODE");
	if (v) {
		static const char *const on[] = { "enabled", "enable", "true", "1", "yes", "on" };
		static const char *const off[] = { "disabled", "disable", "false", "0", "no", "off" };
		int mode = -1;
		size_t i;
		for (i = 0; i < CC__ARRAY_SIZE(on); i++) {
			if (strcasecmp(v, on[i]) == 0)
				mode = 1;
			if (strcasecmp(v, off[i]) == 0)
				mode = 0;
		}
		if (mode < 0)
			return env_error("CALL_CENTER_MODE", v, "enabled or disabled");
		rc = set_item(root, NULL, "call_center_mode", cJSON_CreateBool(mode));
		if (rc)
			return rc;
	}
	if ((rc = env_string(root, opts, "COMPANY_NAME", "company", "name_ar")) ||
	    (rc = env_string(root, opts, "COMPANY_NAME_EN", "company", "name_en")) ||
	    (rc = env_hhmm(root, opts, "BUSINESS_HOURS_START", "open")) ||
	    (rc = env_hhmm(root, opts, "BUSINESS_HOURS_END", "close")) ||
	    (rc = env_string(root, opts, "BUSINESS_TIMEZONE", "business_hours", "time_zone")) ||
	    (rc = env_uint(root, opts, "IVR_MAX_RETRIES", "ivr", "max_retries", 0, 10)) ||
	    (rc = env_uint(root, opts, "IVR_TIMEOUT_SECONDS", "ivr", "no_input_timeout_seconds",
			   1, 600)) ||
	    (rc = env_uint(root, opts, "IVR_CONFIRMATION_RETRIES", "ivr",
			   "confirmation_retries", 0, 10)) ||
	    (rc = env_uint(root, opts, "MAX_QUEUE_SIZE", "queue", "max_size", 1, 100000)))
		return rc;

	v = env_get(opts, "DEFAULT_LANGUAGE");
	if (v) {
		if (strcmp(v, "ar") != 0 && strcmp(v, "en") != 0)
			return env_error("DEFAULT_LANGUAGE", v, "ar or en");
		rc = set_item(root, "languages", "default", cJSON_CreateString(v));
		if (rc)
			return rc;
	}
	v = env_get(opts, "DEFAULT_REGION");
	if (v) {
		if (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z')
			return env_error("DEFAULT_REGION", v, "a two-letter region such as SA");
		rc = set_item(root, "ivr", "default_region", cJSON_CreateString(v));
		if (rc)
			return rc;
	}
	v = env_get(opts, "LOG_LEVEL");
	if (v) {
		int level;
		if (cc_log_level_parse(&level, v))
			return env_error("LOG_LEVEL", v,
					 "none, error, warning, info, debug or trace");
		rc = set_item(root, NULL, "log_level", cJSON_CreateString(v));
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- compile ----------------------------------------------------------- */

int cc_engine__check_keys(const cJSON *obj, const char *const *known, size_t n,
			    cc__cfgpath *p)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, obj)
	{
		size_t i;
		bool ok = false;
		for (i = 0; i < n; i++)
			if (strcmp(it->string, known[i]) == 0)
				ok = true;
		if (!ok) {
			size_t mark = cc_engine__path_push_key(p, it->string);
			int rc = cc_engine__cfg_error(p, "unknown key");
			cc_engine__path_pop(p, mark);
			return rc;
		}
	}
	return 0;
}

static int compile_company(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *c;
	size_t mark;
	int rc = cc_engine__get_object(&c, root, "company", p);
	if (rc)
		return rc;
	mark = cc_engine__path_push_key(p, "company");
	if (!c)
		rc = cc_engine__cfg_error(p, "required");
	if (!rc) {
		static const char *const known[] = { "name_ar",	   "name_en", "address_ar",
						     "address_en", "phone",   "phone_international" };
		rc = cc_engine__check_keys(c, known, CC__ARRAY_SIZE(known), p);
	}
	if (!rc)
		rc = cc_engine__get_string(&e->company_ar, c, "name_ar", p, true);
	if (!rc)
		rc = cc_engine__get_string(&e->company_en, c, "name_en", p, true);
	cc_engine__path_pop(p, mark);
	return rc;
}

static int compile_languages(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *l;
	size_t mark;
	int rc = cc_engine__get_object(&l, root, "languages", p);
	e->ivr.default_language = "ar";
	e->ivr.fallback_language = "en";
	e->ivr.auto_detect_language = 1;
	if (rc || !l)
		return rc;
	mark = cc_engine__path_push_key(p, "languages");
	{
		static const char *const known[] = { "default", "fallback", "auto_detect" };
		if ((rc = cc_engine__check_keys(l, known, CC__ARRAY_SIZE(known), p)))
			return rc;
	}
	if (!(rc = cc_engine__get_string(&e->ivr.default_language, l, "default", p, false)) &&
	    !(rc = cc_engine__get_string(&e->ivr.fallback_language, l, "fallback", p, false)))
		rc = cc_engine__get_bool(&e->ivr.auto_detect_language, l, "auto_detect", p);
	cc_engine__path_pop(p, mark);
	return rc;
}

static int compile_ivr(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	static const char *const known[] = {
		"max_retries", "confirmation_retries", "no_input_timeout_seconds",
		"inactivity_timeout_minutes", "call_timeout_minutes", "require_confirmation",
		"default_region", "save_transcript", "transcript_format"
	};
	const cJSON *o, *q;
	size_t mark;
	unsigned int secs = 30, inact = 5, call = 30, qmax = 100, qwait = 10;
	int rc;

	e->ivr.max_retries = 3;
	e->ivr.confirmation_retries = 2;
	e->ivr.require_confirmation = 1;
	e->ivr.save_transcript = 1;
	e->ivr.default_region = "SY";
	if ((rc = cc_engine__get_object(&o, root, "ivr", p)))
		return rc;
	if (o) {
		mark = cc_engine__path_push_key(p, "ivr");
		if (!(rc = cc_engine__check_keys(o, known, CC__ARRAY_SIZE(known), p)) &&
		    !(rc = cc_engine__get_uint(&e->ivr.max_retries, o, "max_retries", 0, 10, p)) &&
		    !(rc = cc_engine__get_uint(&e->ivr.confirmation_retries, o,
					       "confirmation_retries", 0, 10, p)) &&
		    !(rc = cc_engine__get_uint(&secs, o, "no_input_timeout_seconds", 1, 600, p)) &&
		    !(rc = cc_engine__get_uint(&inact, o, "inactivity_timeout_minutes", 1, 240,
					       p)) &&
		    !(rc = cc_engine__get_uint(&call, o, "call_timeout_minutes", 1, 1440, p)) &&
		    !(rc = cc_engine__get_bool(&e->ivr.require_confirmation, o,
					       "require_confirmation", p)) &&
		    !(rc = cc_engine__get_bool(&e->ivr.save_transcript, o, "save_transcript", p)))
			rc = cc_engine__get_string(&e->ivr.default_region, o, "default_region", p,
						   false);
		if (!rc && (strlen(e->ivr.default_region) != 2)) {
			size_t m2 = cc_engine__path_push_key(p, "default_region");
			rc = cc_engine__cfg_error(p, "expected a two-letter region such as SA");
			cc_engine__path_pop(p, m2);
		}
		cc_engine__path_pop(p, mark);
		if (rc)
			return rc;
	}
	if ((rc = cc_engine__get_object(&q, root, "queue", p)))
		return rc;
	if (q) {
		static const char *const qknown[] = { "max_size", "max_wait_minutes" };
		mark = cc_engine__path_push_key(p, "queue");
		if (!(rc = cc_engine__check_keys(q, qknown, CC__ARRAY_SIZE(qknown), p)) &&
		    !(rc = cc_engine__get_uint(&qmax, q, "max_size", 1, 100000, p)))
			rc = cc_engine__get_uint(&qwait, q, "max_wait_minutes", 1, 1440, p);
		cc_engine__path_pop(p, mark);
		if (rc)
			return rc;
	}
	e->ivr.no_input_timeout_ms = secs * 1000u;
	e->ivr.inactivity_limit_ms = inact * 60000u;
	e->ivr.call_limit_ms = call * 60000u;
	e->ivr.max_queue_size = qmax;
	e->ivr.max_wait_ms = qwait * 60000u;
	return 0;
}

static int parse_field_kind(cc_field_kind *out, const char *s)
{
	static const struct {
		const char *name;
		cc_field_kind kind;
	} kinds[] = {
		{ "name", CC_FIELD_NAME },	 { "phone", CC_FIELD_PHONE },
		{ "email", CC_FIELD_EMAIL },	 { "service_type", CC_FIELD_SERVICE_TYPE },
		{ "text", CC_FIELD_TEXT },	 { "number", CC_FIELD_NUMBER },
		{ "yes_no", CC_FIELD_YES_NO },
	};
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(kinds); i++)
		if (strcmp(s, kinds[i].name) == 0) {
			*out = kinds[i].kind;
			return 0;
		}
	return -1;
}

/* Reads an array of strings into a NULL-terminated array of borrowed
 * pointers (the array itself is owned). */
static int string_list(const char ***out, const cJSON *obj, const char *key, cc__cfgpath *p)
{
	const cJSON *arr, *it;
	const char **list;
	size_t n = 0, mark;
	int rc = cc_engine__get_array(&arr, obj, key, p);
	*out = NULL;
	if (rc)
		return rc;
	list = cc__calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*list));
	if (!list)
		return cc__error_nomem();
	mark = cc_engine__path_push_key(p, key);
	cJSON_ArrayForEach(it, arr)
	{
		if (!cJSON_IsString(it)) {
			size_t m2 = cc_engine__path_push_index(p, n);
			rc = cc_engine__cfg_error(p, "expected string, got %s", cc_engine__json_type(it));
			cc_engine__path_pop(p, m2);
			break;
		}
		list[n++] = it->valuestring;
	}
	cc_engine__path_pop(p, mark);
	if (rc) {
		cc__free(list);
		return rc;
	}
	*out = list;
	return 0;
}

static int compile_fields(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	static const char *const known[] = { "id", "kind", "required", "min_length", "max_length",
					     "prompt", "retry_prompt", "invalid_prompt",
					     "label_ar", "label_en", "aliases" };
	const cJSON *arr, *it;
	size_t i = 0, mark;
	int rc = cc_engine__get_array(&arr, root, "fields", p);
	if (rc)
		return rc;
	if (!arr || cJSON_GetArraySize(arr) == 0) {
		mark = cc_engine__path_push_key(p, "fields");
		rc = cc_engine__cfg_error(p, "at least one field is required");
		cc_engine__path_pop(p, mark);
		return rc;
	}
	e->nfields = (size_t)cJSON_GetArraySize(arr);
	e->fields = cc__calloc(e->nfields, sizeof(*e->fields));
	e->field_aliases = cc__calloc(e->nfields, sizeof(*e->field_aliases));
	if (!e->fields || !e->field_aliases)
		return cc__error_nomem();
	mark = cc_engine__path_push_key(p, "fields");
	cJSON_ArrayForEach(it, arr)
	{
		cc_field *f = &e->fields[i];
		const char *kind = NULL;
		size_t m2 = cc_engine__path_push_index(p, i), j;
		if (!cJSON_IsObject(it)) {
			rc = cc_engine__cfg_error(p, "expected object, got %s", cc_engine__json_type(it));
			break;
		}
		f->required = 1;
		if ((rc = cc_engine__check_keys(it, known, CC__ARRAY_SIZE(known), p)) ||
		    (rc = cc_engine__get_string(&f->name, it, "id", p, true)) ||
		    (rc = cc_engine__get_string(&kind, it, "kind", p, true)))
			break;
		if (parse_field_kind(&f->kind, kind)) {
			size_t m3 = cc_engine__path_push_key(p, "kind");
			rc = cc_engine__cfg_error(p,
						  "unknown kind '%s' (expected name, phone, email, "
						  "service_type, text, number or yes_no)",
						  kind);
			cc_engine__path_pop(p, m3);
			break;
		}
		for (j = 0; j < i; j++)
			if (strcmp(e->fields[j].name, f->name) == 0)
				break;
		if (j < i) {
			rc = cc_engine__cfg_error(p, "duplicate field id '%s'", f->name);
			break;
		}
		if ((rc = cc_engine__get_bool(&f->required, it, "required", p)) ||
		    (rc = cc_engine__get_uint(&f->min_length, it, "min_length", 0, 1000, p)) ||
		    (rc = cc_engine__get_uint(&f->max_length, it, "max_length", 0, 100000, p)) ||
		    (rc = cc_engine__get_string(&f->prompt_key, it, "prompt", p, true)) ||
		    (rc = cc_engine__get_string(&f->retry_prompt_key, it, "retry_prompt", p,
						false)) ||
		    (rc = cc_engine__get_string(&f->invalid_prompt_key, it, "invalid_prompt", p,
						false)) ||
		    (rc = cc_engine__get_string(&f->label_ar, it, "label_ar", p, false)) ||
		    (rc = cc_engine__get_string(&f->label_en, it, "label_en", p, false)) ||
		    (rc = string_list(&e->field_aliases[i], it, "aliases", p)))
			break;
		if (f->max_length && f->min_length > f->max_length) {
			rc = cc_engine__cfg_error(p, "min_length %u exceeds max_length %u",
						  f->min_length, f->max_length);
			break;
		}
		if (!f->retry_prompt_key)
			f->retry_prompt_key = f->prompt_key;
		if (!f->invalid_prompt_key)
			f->invalid_prompt_key = "invalid_input";
		if (!f->label_ar)
			f->label_ar = f->name;
		if (!f->label_en)
			f->label_en = f->name;
		f->aliases = e->field_aliases[i];
		cc_engine__path_pop(p, m2);
		i++;
	}
	if (rc)
		return rc;
	cc_engine__path_pop(p, mark);
	return 0;
}

static int compile_departments(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	static const char *const known[] = { "id",	       "name_ar",	 "name_en",
					     "description_ar", "description_en", "priority",
					     "queue",	       "welcome_prompt", "routing_prompt",
					     "creates_ticket", "names",		 "keywords" };
	const cJSON *arr, *it;
	size_t i = 0, mark;
	int rc = cc_engine__get_array(&arr, root, "departments", p);
	if (rc)
		return rc;
	if (!arr || cJSON_GetArraySize(arr) == 0) {
		mark = cc_engine__path_push_key(p, "departments");
		rc = cc_engine__cfg_error(p, "at least one department is required");
		cc_engine__path_pop(p, mark);
		return rc;
	}
	e->ndepts = (size_t)cJSON_GetArraySize(arr);
	e->depts = cc__calloc(e->ndepts, sizeof(*e->depts));
	if (!e->depts)
		return cc__error_nomem();
	mark = cc_engine__path_push_key(p, "departments");
	cJSON_ArrayForEach(it, arr)
	{
		cc_department *d = &e->depts[i];
		unsigned int prio = (unsigned int)i + 1;
		size_t m2 = cc_engine__path_push_index(p, i), j;
		if (!cJSON_IsObject(it)) {
			rc = cc_engine__cfg_error(p, "expected object, got %s", cc_engine__json_type(it));
			break;
		}
		if ((rc = cc_engine__check_keys(it, known, CC__ARRAY_SIZE(known), p)) ||
		    (rc = cc_engine__get_string(&d->id, it, "id", p, true)))
			break;
		for (j = 0; j < i; j++)
			if (strcmp(e->depts[j].id, d->id) == 0)
				break;
		if (j < i) {
			rc = cc_engine__cfg_error(p, "duplicate department id '%s'", d->id);
			break;
		}
		if ((rc = cc_engine__get_string(&d->name_ar, it, "name_ar", p, true)) ||
		    (rc = cc_engine__get_string(&d->name_en, it, "name_en", p, true)) ||
		    (rc = cc_engine__get_string(&d->description_ar, it, "description_ar", p,
						false)) ||
		    (rc = cc_engine__get_string(&d->description_en, it, "description_en", p,
						false)) ||
		    (rc = cc_engine__get_uint(&prio, it, "priority", 0, 1000, p)) ||
		    (rc = cc_engine__get_string(&d->queue, it, "queue", p, false)) ||
		    (rc = cc_engine__get_string(&d->welcome_prompt, it, "welcome_prompt", p,
						false)) ||
		    (rc = cc_engine__get_string(&d->routing_prompt, it, "routing_prompt", p,
						false)) ||
		    (rc = cc_engine__get_bool(&d->creates_ticket, it, "creates_ticket", p)))
			break;
		d->priority = (int)prio;
		if (!d->queue)
			d->queue = d->id;
		if (!d->description_ar)
			d->description_ar = "";
		if (!d->description_en)
			d->description_en = "";
		cc_engine__path_pop(p, m2);
		i++;
	}
	if (rc)
		return rc;
	cc_engine__path_pop(p, mark);
	return 0;
}

/* The prompts a department or field names must exist: a typo in a key would
 * otherwise surface only in the middle of a call. */
static int check_prompt_refs(cc_engine *e, cc__cfgpath *p)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < e->nfields && !rc; i++) {
		const cc_field *f = &e->fields[i];
		const char *keys[3] = { f->prompt_key, f->retry_prompt_key, f->invalid_prompt_key };
		const char *names[3] = { "prompt", "retry_prompt", "invalid_prompt" };
		size_t k;
		for (k = 0; k < 3 && !rc; k++) {
			if (cc_engine_prompt_exists(e, keys[k]) != 1) {
				char sub[64];
				size_t mark = cc_engine__path_push_key(p, "fields");
				snprintf(sub, sizeof(sub), "[%zu].%s", i, names[k]);
				p->len += (size_t)snprintf(p->buf + p->len, sizeof(p->buf) - p->len,
							   "%s", sub);
				rc = cc_engine__cfg_error(p, "unknown prompt '%s'", keys[k]);
				cc_engine__path_pop(p, mark);
			}
		}
	}
	for (i = 0; i < e->ndepts && !rc; i++) {
		const cc_department *d = &e->depts[i];
		const char *keys[2] = { d->welcome_prompt, d->routing_prompt };
		const char *names[2] = { "welcome_prompt", "routing_prompt" };
		size_t k;
		for (k = 0; k < 2 && !rc; k++) {
			if (keys[k] && cc_engine_prompt_exists(e, keys[k]) != 1) {
				size_t mark = cc_engine__path_push_key(p, "departments");
				cc_engine__path_push_index(p, i);
				cc_engine__path_push_key(p, names[k]);
				rc = cc_engine__cfg_error(p, "unknown prompt '%s'", keys[k]);
				cc_engine__path_pop(p, mark);
			}
		}
	}
	return rc;
}

static int feature_sort(const void *a, const void *b)
{
	return strcmp(((const cc__feature *)a)->name, ((const cc__feature *)b)->name);
}

/* Features: the `features` flags, the host capabilities call-center mode
 * turns off (`host_overrides.disable_<name>`), the call-center behaviours
 * (`host_overrides.use_<name>` and friends) and call_center_mode itself.
 * They are flattened into one sorted table so cc_engine_feature() is a
 * binary search. */
static int compile_features(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *feat, *over, *it;
	size_t cap, n = 0, mark;
	int rc;

	e->call_center_mode = 1;
	if ((rc = cc_engine__get_bool(&e->call_center_mode, root, "call_center_mode", p)) ||
	    (rc = cc_engine__get_object(&feat, root, "features", p)) ||
	    (rc = cc_engine__get_object(&over, root, "host_overrides", p)))
		return rc;
	cap = (size_t)cJSON_GetArraySize(feat) + (size_t)cJSON_GetArraySize(over) + 1;
	e->features = cc__calloc(cap, sizeof(*e->features));
	if (!e->features)
		return cc__error_nomem();
	e->features[n].name = "call_center_mode";
	e->features[n++].value = e->call_center_mode;
	mark = cc_engine__path_push_key(p, "features");
	cJSON_ArrayForEach(it, feat)
	{
		size_t m2 = cc_engine__path_push_key(p, it->string);
		if (!cJSON_IsBool(it)) {
			rc = cc_engine__cfg_error(p, "expected boolean, got %s", cc_engine__json_type(it));
			cc_engine__path_pop(p, m2);
			break;
		}
		cc_engine__path_pop(p, m2);
		e->features[n].name = it->string;
		e->features[n++].value = cJSON_IsTrue(it) ? 1 : 0;
	}
	cc_engine__path_pop(p, mark);
	if (rc)
		return rc;
	mark = cc_engine__path_push_key(p, "host_overrides");
	cJSON_ArrayForEach(it, over)
	{
		size_t m2 = cc_engine__path_push_key(p, it->string);
		const char *name = it->string;
		int on = cJSON_IsTrue(it) ? 1 : 0;
		if (!cJSON_IsBool(it)) {
			rc = cc_engine__cfg_error(p, "expected boolean, got %s", cc_engine__json_type(it));
			cc_engine__path_pop(p, m2);
			break;
		}
		cc_engine__path_pop(p, m2);
		if (strncmp(name, "disable_", 8) == 0) {
			/* A host capability: on unless call-center mode
			 * disables it. */
			e->features[n].name = name + 8;
			e->features[n++].value = e->call_center_mode ? !on : 1;
		} else {
			/* A call-center behaviour ("use_ivr_flow" → "ivr_flow"):
			 * only with call-center mode on. */
			if (strncmp(name, "use_", 4) == 0)
				name += 4;
			e->features[n].name = name;
			e->features[n++].value = e->call_center_mode ? on : 0;
		}
	}
	cc_engine__path_pop(p, mark);
	if (rc)
		return rc;
	qsort(e->features, n, sizeof(*e->features), feature_sort);
	for (size_t i = 1; i < n; i++)
		if (strcmp(e->features[i - 1].name, e->features[i].name) == 0)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "features: '%s' is defined twice (features and "
					 "host_overrides)",
					 e->features[i].name);
	e->nfeatures = n;
	return 0;
}

static int compile_retention(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *o, *it;
	size_t n = 0, mark;
	int rc = cc_engine__get_object(&o, root, "retention_days", p);
	if (rc || !o)
		return rc;
	e->retention = cc__calloc((size_t)cJSON_GetArraySize(o) + 1, sizeof(*e->retention));
	if (!e->retention)
		return cc__error_nomem();
	mark = cc_engine__path_push_key(p, "retention_days");
	cJSON_ArrayForEach(it, o)
	{
		unsigned int days = 0;
		if ((rc = cc_engine__get_uint(&days, o, it->string, 0, 36500, p)))
			break;
		e->retention[n].kind = it->string;
		e->retention[n++].days = (int)days;
	}
	cc_engine__path_pop(p, mark);
	e->nretention = n;
	return rc;
}

static int compile_severity(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	static const char *const names[4] = { "low", "medium", "high", "critical" };
	static const int defaults[4] = { 120, 72, 24, 4 };
	const cJSON *o;
	size_t mark, i;
	int rc = cc_engine__get_object(&o, root, "resolution_hours", p);
	for (i = 0; i < 4; i++)
		e->resolution_hours[i] = defaults[i];
	if (rc || !o)
		return rc;
	mark = cc_engine__path_push_key(p, "resolution_hours");
	rc = cc_engine__check_keys(o, names, 4, p);
	for (i = 0; i < 4 && !rc; i++) {
		unsigned int h = (unsigned int)defaults[i];
		rc = cc_engine__get_uint(&h, o, names[i], 1, 10000, p);
		e->resolution_hours[i] = (int)h;
	}
	cc_engine__path_pop(p, mark);
	return rc;
}

static int compile_routing_default(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *r;
	size_t mark;
	int rc = cc_engine__get_object(&r, root, "routing", p);
	e->ivr.default_department = e->depts[0].id;
	if (rc || !r)
		return rc;
	mark = cc_engine__path_push_key(p, "routing");
	rc = cc_engine__get_string(&e->ivr.default_department, r, "default_department", p,
				   false);
	if (!rc && !cc_engine_department_find(e, e->ivr.default_department)) {
		size_t m2 = cc_engine__path_push_key(p, "default_department");
		rc = cc_engine__cfg_error(p, "no department '%s'", e->ivr.default_department);
		cc_engine__path_pop(p, m2);
	}
	cc_engine__path_pop(p, mark);
	return rc;
}

static int lexicon_list(cc_text__lexicon *lex, const cJSON *obj, const char *key, int kind,
			cc__cfgpath *p)
{
	const cJSON *arr, *it;
	size_t i = 0, mark;
	int rc = cc_engine__get_array(&arr, obj, key, p);
	if (rc || !arr)
		return rc;
	mark = cc_engine__path_push_key(p, key);
	cJSON_ArrayForEach(it, arr)
	{
		const char *text = NULL;
		double polarity = 0.0, factor = 1.5, urgency = 0.0;
		int exact = 0;
		size_t m2 = cc_engine__path_push_index(p, i++);
		if (cJSON_IsString(it) && kind != CC_TEXT__LEX_TERM && kind != CC_TEXT__LEX_INTENSIFIER) {
			text = it->valuestring;
		} else if (cJSON_IsObject(it)) {
			if ((rc = cc_engine__get_string(&text, it, "text", p, true)) ||
			    (rc = cc_engine__get_number(&polarity, it, "polarity", -4.0, 4.0, p)) ||
			    (rc = cc_engine__get_number(&urgency, it, "urgency", 0.0, 3.0, p)) ||
			    (rc = cc_engine__get_number(&factor, it, "factor", 0.0, 4.0, p)) ||
			    (rc = cc_engine__get_bool(&exact, it, "exact", p)))
				return rc;
		} else {
			return cc_engine__cfg_error(p, kind == CC_TEXT__LEX_TERM
							       ? "expected {\"text\", \"polarity\", \"urgency\"}"
						       : kind == CC_TEXT__LEX_INTENSIFIER
							       ? "expected {\"text\", \"factor\"}"
							       : "expected string");
		}
		if (kind == CC_TEXT__LEX_INTENSIFIER)
			polarity = factor;
		rc = cc_text__lexicon_add(lex, text, kind, polarity, (int)urgency,
					  exact ? CC_TEXT__LEX_EXACT : 0u);
		if (rc == CC_EINVAL || rc == CC_EUTF8)
			return cc_engine__cfg_error(p, "%s", cc_error_last()->message);
		if (rc)
			return rc;
		cc_engine__path_pop(p, m2);
	}
	cc_engine__path_pop(p, mark);
	return 0;
}

/* Lexicon additions extend the text layer's built-in sentiment and
 * negation lexicon for this engine only. */
static int compile_lexicon(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	static const char *const known[] = { "terms", "negators", "intensifiers", "contrasts" };
	const cJSON *o;
	size_t mark;
	int rc = cc_engine__get_object(&o, root, "lexicon", p);
	if (rc || !o || !o->child)
		return rc;
	mark = cc_engine__path_push_key(p, "lexicon");
	if ((rc = cc_engine__check_keys(o, known, CC__ARRAY_SIZE(known), p)))
		return rc;
	if ((rc = cc_text__lexicon_new(&e->lexicon, true)))
		return rc;
	if ((rc = lexicon_list(e->lexicon, o, "terms", CC_TEXT__LEX_TERM, p)) ||
	    (rc = lexicon_list(e->lexicon, o, "negators", CC_TEXT__LEX_NEGATOR, p)) ||
	    (rc = lexicon_list(e->lexicon, o, "intensifiers", CC_TEXT__LEX_INTENSIFIER, p)) ||
	    (rc = lexicon_list(e->lexicon, o, "contrasts", CC_TEXT__LEX_CONTRAST, p)))
		return rc;
	cc_engine__path_pop(p, mark);
	return 0;
}

int cc_engine__compile(cc_engine *e)
{
	static const char *const known[] = {
		"$schema",	"version",	   "call_center_mode", "log_level", "company",
		"languages",	"ivr",		   "queue",	       "business_hours",
		"fields",	"departments",	   "routing",	       "resolution_hours",
		"features",	"host_overrides",  "retention_days",   "prompts",
		"faq",		"rules",	   "lexicon"
	};
	const cJSON *root = e->config, *v;
	cc__cfgpath path = { { 0 }, 0 };
	int rc;

	if ((rc = cc_engine__check_keys(root, known, CC__ARRAY_SIZE(known), &path)) ||
	    (rc = compile_company(e, root, &path)) || (rc = compile_languages(e, root, &path)) ||
	    (rc = compile_ivr(e, root, &path)) || (rc = compile_fields(e, root, &path)) ||
	    (rc = compile_departments(e, root, &path)) ||
	    (rc = compile_routing_default(e, root, &path)) ||
	    (rc = compile_features(e, root, &path)) || (rc = compile_retention(e, root, &path)) ||
	    (rc = compile_severity(e, root, &path)) || (rc = compile_lexicon(e, root, &path)))
		return rc;
	v = cJSON_GetObjectItemCaseSensitive(root, "business_hours");
	if (v) {
		size_t mark = cc_engine__path_push_key(&path, "business_hours");
		rc = cJSON_IsObject(v) ? cc_engine__hours_compile(&e->hours, v, &path)
				       : cc_engine__cfg_error(&path, "expected object, got %s",
							      cc_engine__json_type(v));
		cc_engine__path_pop(&path, mark);
	} else {
		rc = cc_engine__hours_compile(&e->hours, NULL, &path);
	}
	if (rc)
		return rc;
	if ((rc = cc_engine__get_object(&v, root, "prompts", &path)))
		return rc;
	{
		size_t mark = cc_engine__path_push_key(&path, "prompts");
		rc = cc_engine__prompts_compile(e, v, &path);
		cc_engine__path_pop(&path, mark);
	}
	if (rc || (rc = check_prompt_refs(e, &path)))
		return rc;
	if ((rc = cc_engine__router_compile(e, root, &path)))
		return rc;
	if ((rc = cc_engine__get_object(&v, root, "faq", &path)))
		return rc;
	{
		size_t mark = cc_engine__path_push_key(&path, "faq");
		rc = cc_engine__faq_compile(e, v, &path);
		cc_engine__path_pop(&path, mark);
	}
	if (rc)
		return rc;
	if ((rc = cc_engine__get_array(&v, root, "rules", &path)))
		return rc;
	{
		size_t mark = cc_engine__path_push_key(&path, "rules");
		rc = cc_engine__rules_compile(e, v, &path);
		cc_engine__path_pop(&path, mark);
	}
	return rc;
}

void cc_engine__release(cc_engine *e)
{
	size_t i;
	if (!e)
		return;
	cc_engine__router_free(e->router);
	cc_engine__faq_free(e->faq);
	cc_engine__rules_free(e->rules);
	cc_text__lexicon_free(e->lexicon);
	for (i = 0; i < e->nprompts; i++)
		cc__free(e->prompts[i].texts);
	cc__free(e->prompts);
	if (e->field_aliases)
		for (i = 0; i < e->nfields; i++)
			cc__free(e->field_aliases[i]);
	cc__free(e->field_aliases);
	cc__free(e->fields);
	cc__free(e->depts);
	cc__free(e->features);
	cc__free(e->retention);
	cc__free(e->hours.holidays);
	cJSON_Delete(e->config);
	cc__free(e);
}
