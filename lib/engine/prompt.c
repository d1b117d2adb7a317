/* Prompts: per-language templates with {named} variables, one language
 * fallback rule, and phones and e-mails rendered for speech. */
#include <stdlib.h>
#include <string.h>

#include "callcenter/text.h"
#include "engine_int.h"

static int prompt_sort(const void *a, const void *b)
{
	return strcmp(((const cc__prompt *)a)->key, ((const cc__prompt *)b)->key);
}

static int prompt_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const cc__prompt *)elem)->key);
}

static bool var_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Checks a template's syntax at load, so a bad one fails the configuration
 * rather than a call: `{name}` with a simple name, `{{` and `}}`. */
static int check_template(const char *t, cc__cfgpath *p)
{
	size_t i = 0;
	while (t[i]) {
		if (t[i] == '{' && t[i + 1] == '{') {
			i += 2;
		} else if (t[i] == '}' && t[i + 1] == '}') {
			i += 2;
		} else if (t[i] == '{') {
			size_t j = i + 1;
			while (var_name_char(t[j]))
				j++;
			if (j == i + 1 || t[j] != '}')
				return cc_engine__cfg_error(p, "bad placeholder at byte %zu (expected "
							       "{name}, or {{ for a brace)",
							    i);
			i = j + 1;
		} else if (t[i] == '}') {
			return cc_engine__cfg_error(p, "unmatched '}' at byte %zu (write }} for a "
						       "brace)",
						    i);
		} else {
			i++;
		}
	}
	return 0;
}

int cc_engine__prompts_compile(cc_engine *e, const cJSON *obj, cc__cfgpath *p)
{
	const cJSON *it, *t;
	size_t n = 0, i;
	int rc = 0;

	if (!obj)
		return 0;
	e->prompts = cc__calloc((size_t)cJSON_GetArraySize(obj) + 1, sizeof(*e->prompts));
	if (!e->prompts)
		return cc__error_nomem();
	cJSON_ArrayForEach(it, obj)
	{
		cc__prompt *pr = &e->prompts[n];
		size_t mark = cc_engine__path_push_key(p, it->string), k = 0;
		if (!cJSON_IsObject(it) || cJSON_GetArraySize(it) == 0) {
			rc = cc_engine__cfg_error(p, "expected an object of texts by language "
						     "({\"ar\": \"…\", \"en\": \"…\"})");
			break;
		}
		pr->key = it->string;
		pr->texts = cc__calloc((size_t)cJSON_GetArraySize(it), sizeof(*pr->texts));
		if (!pr->texts) {
			rc = cc__error_nomem();
			break;
		}
		n++;
		cJSON_ArrayForEach(t, it)
		{
			size_t m2 = cc_engine__path_push_key(p, t->string);
			if (!cJSON_IsString(t)) {
				rc = cc_engine__cfg_error(p, "expected string");
				break;
			}
			if (strlen(t->string) < 2 || strlen(t->string) > 7) {
				rc = cc_engine__cfg_error(p, "expected a language code such as "
							     "\"ar\" or \"en\"");
				break;
			}
			if ((rc = check_template(t->valuestring, p)))
				break;
			pr->texts[k].lang = t->string;
			pr->texts[k++].text = t->valuestring;
			cc_engine__path_pop(p, m2);
		}
		pr->ntexts = k;
		if (rc)
			break;
		cc_engine__path_pop(p, mark);
	}
	e->nprompts = n;
	if (rc)
		return rc;
	qsort(e->prompts, n, sizeof(*e->prompts), prompt_sort);
	for (i = 1; i < n; i++)
		if (strcmp(e->prompts[i - 1].key, e->prompts[i].key) == 0)
			return cc_engine__cfg_error(p, "prompt '%s' is defined twice",
						    e->prompts[i].key);
	return 0;
}

const char *cc_engine__resolve_lang(const cc_engine *e, const char *lang, char buf[8])
{
	cc_engine__lang_primary(buf, lang);
	if (buf[0] == '\0' || strcmp(buf, "mixed") == 0 || strcmp(buf, "unknown") == 0)
		return e->ivr.default_language;
	return buf;
}

static const cc__prompt *find_prompt(const cc_engine *e, const char *key)
{
	return bsearch(key, e->prompts, e->nprompts, sizeof(*e->prompts), prompt_cmp);
}

int cc_engine_prompt_exists(const cc_engine *engine, const char *key)
{
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(key);
	return find_prompt(engine, key) ? 1 : 0;
}

static const cc__text_lang *pick_text(const cc_engine *e, const cc__prompt *pr, const char *lang)
{
	size_t i;
	for (i = 0; i < pr->ntexts; i++)
		if (strcmp(pr->texts[i].lang, lang) == 0)
			return &pr->texts[i];
	for (i = 0; i < pr->ntexts; i++)
		if (strcmp(pr->texts[i].lang, e->ivr.fallback_language) == 0)
			return &pr->texts[i];
	return &pr->texts[0];
}

static const char *const digits_ar[10] = { "صفر",  "واحد", "اثنين", "ثلاثة", "أربعة",
					   "خمسة", "ستة",  "سبعة",  "ثمانية", "تسعة" };
static const char *const digits_en[10] = { "zero", "one", "two",   "three", "four",
					   "five", "six", "seven", "eight", "nine" };

/* Digit by digit, pausing where the caller's number had separators:
 * "+963 944-123" → "plus nine six three, nine four four, one two three".
 * For a text that is not a whole valid number. */
static int render_digits(cc_buf *out, const char *v, bool ar)
{
	const char *const *words = ar ? digits_ar : digits_en;
	size_t len = strlen(v), i = 0;
	bool any = false, pause = false;
	int rc = 0;
	while (i < len && !rc) {
		uint32_t cp;
		size_t n = cc__utf8_decode(v + i, len - i, &cp);
		int dv;
		if (n == 0)
			return cc__error(CC_EUTF8, CC_ERRCLASS_TEXT, "prompt variable is not UTF-8");
		dv = cc__digit_value(cp);
		if (dv >= 0) {
			if (any)
				rc = cc__buf_puts(out, pause ? (ar ? "، " : ", ") : " ");
			if (!rc)
				rc = cc__buf_puts(out, words[dv]);
			any = true;
			pause = false;
		} else if (cp == '+' && !any) {
			rc = cc__buf_puts(out, ar ? "زائد" : "plus");
			any = true;
			pause = false;
		} else if (any) {
			pause = true;
		}
		i += n;
	}
	return rc;
}

/* "ahmed.ali@example.com" → "ahmed dot ali at example dot com". */
static int render_email(cc_buf *out, const char *v, bool ar)
{
	size_t i;
	int rc = 0;
	for (i = 0; v[i] && !rc; i++) {
		const char *word = NULL;
		switch (v[i]) {
		case '@':
			word = ar ? "آت" : "at";
			break;
		case '.':
			word = ar ? "دوت" : "dot";
			break;
		case '_':
			word = ar ? "شرطة سفلية" : "underscore";
			break;
		case '-':
			word = ar ? "شرطة" : "dash";
			break;
		default:
			break;
		}
		if (word) {
			rc = cc__buf_putc(out, ' ');
			if (!rc)
				rc = cc__buf_puts(out, word);
			if (!rc)
				rc = cc__buf_putc(out, ' ');
		} else {
			rc = cc__buf_putc(out, v[i]);
		}
	}
	return rc;
}

/* A valid number is read back in its national form, grouped as people say
 * it (the text layer's read-back format); anything else digit by digit. */
static int render_phone(cc_buf *out, const cc_engine *e, const char *v, bool ar)
{
	cc_text_phone ph;
	cc_buf tmp = CC_BUF_INIT;
	int rc;
	if (cc_text_phone_parse(&ph, v, e->ivr.default_region) == 0 &&
	    cc_text_phone_format(&tmp, &ph, ar ? CC_TEXT_PHONE_READBACK_AR
					       : CC_TEXT_PHONE_READBACK_EN) == 0) {
		rc = cc__buf_put(out, tmp.ptr, tmp.size);
		cc_buf_dispose(&tmp);
		return rc;
	}
	cc_buf_dispose(&tmp);
	return render_digits(out, v, ar);
}

static cc_prompt_var_kind infer_kind(const char *name)
{
	if (strstr(name, "phone"))
		return CC_PROMPT_VAR_PHONE;
	if (strstr(name, "email"))
		return CC_PROMPT_VAR_EMAIL;
	return CC_PROMPT_VAR_TEXT;
}

static int render(cc_buf *out, const cc_engine *e, const char *t, const char *lang,
		  const cc_prompt_var *vars, size_t nvars, unsigned int flags, const char *key)
{
	size_t i = 0;
	bool ar = strcmp(lang, "ar") == 0;
	int rc = 0;
	while (t[i] && !rc) {
		if ((t[i] == '{' && t[i + 1] == '{') || (t[i] == '}' && t[i + 1] == '}')) {
			rc = cc__buf_putc(out, t[i]);
			i += 2;
		} else if (t[i] == '{') {
			size_t j = i + 1, k, nlen;
			const cc_prompt_var *var = NULL;
			while (t[j] != '}')
				j++;
			nlen = j - i - 1;
			for (k = 0; k < nvars; k++)
				if (vars[k].name && strlen(vars[k].name) == nlen &&
				    memcmp(vars[k].name, t + i + 1, nlen) == 0)
					var = &vars[k];
			if (var && var->value) {
				cc_prompt_var_kind kind = var->kind == CC_PROMPT_VAR_AUTO
								  ? infer_kind(var->name)
								  : var->kind;
				if (flags & CC_PROMPT_FOR_DISPLAY)
					kind = CC_PROMPT_VAR_TEXT;
				if (kind == CC_PROMPT_VAR_PHONE)
					rc = render_phone(out, e, var->value, ar);
				else if (kind == CC_PROMPT_VAR_EMAIL)
					rc = render_email(out, var->value, ar);
				else
					rc = cc__buf_puts(out, var->value);
			} else if (nlen == 12 && memcmp(t + i + 1, "company_name", 12) == 0) {
				rc = cc__buf_puts(out, ar ? e->company_ar : e->company_en);
			} else {
				return cc__error(CC_EINVAL, CC_ERRCLASS_ENGINE,
						 "prompt '%s' needs the variable '%.*s'", key,
						 (int)nlen, t + i + 1);
			}
			i = j + 1;
		} else {
			size_t j = i;
			while (t[j] && t[j] != '{' && t[j] != '}')
				j++;
			if (j == i)
				j++;
			rc = cc__buf_put(out, t + i, j - i);
			i = j;
		}
	}
	return rc;
}

int cc_engine_prompt(cc_buf *out, const char **lang_used, const cc_engine *engine,
		     const char *key, const char *lang, const cc_prompt_var *vars, size_t nvars,
		     unsigned int flags)
{
	const cc__prompt *pr;
	const cc__text_lang *tl;
	char buf[8];
	size_t k;
	int rc;

	CC__CHECK_NOTNULL(out);
	cc__buf_clear(out);
	if (lang_used)
		*lang_used = NULL;
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(key);
	CC__CHECK_ARG(vars || nvars == 0, "vars");
	for (k = 0; k < nvars; k++) {
		if (!vars[k].name)
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG, "prompt variable %zu has no name",
					 k);
		if (vars[k].value && cc__utf8_check(vars[k].value, strlen(vars[k].value)) !=
					     strlen(vars[k].value))
			return cc__error(CC_EUTF8, CC_ERRCLASS_TEXT,
					 "prompt variable '%s' is not valid UTF-8", vars[k].name);
	}
	pr = find_prompt(engine, key);
	if (!pr)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_ENGINE, "no prompt '%s'", key);
	tl = pick_text(engine, pr, cc_engine__resolve_lang(engine, lang, buf));
	rc = cc__buf_puts(out, "");
	if (!rc)
		rc = render(out, engine, tl->text, tl->lang, vars, nvars, flags, key);
	if (rc) {
		cc__buf_clear(out);
		return rc;
	}
	if (lang_used)
		*lang_used = tl->lang;
	return 0;
}
