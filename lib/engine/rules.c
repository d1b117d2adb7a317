/* Rules: a declarative list of conditions over the call context and the
 * actions they fire, evaluated in order with an explanation trace. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine_int.h"

/* The facts a condition can test. */
enum fact {
	F_DEPARTMENT,
	F_LANGUAGE,
	F_SENTIMENT,
	F_SENTIMENT_SCORE,
	F_URGENT,
	F_SEVERITY,
	F_PRIORITY,
	F_OPEN,
	F_RETRIES,
	F_STAGE,
	F_TIER,
	F_VIP,
	F_MATCHED,
	F_TEXT,
	F_FIELD,
	F_FLAG,
};

static const struct {
	const char *name;
	enum fact fact;
} fact_names[] = {
	{ "department", F_DEPARTMENT }, { "language", F_LANGUAGE },
	{ "sentiment", F_SENTIMENT },	{ "sentiment_score", F_SENTIMENT_SCORE },
	{ "urgent", F_URGENT },		{ "severity", F_SEVERITY },
	{ "priority", F_PRIORITY },	{ "open", F_OPEN },
	{ "retries", F_RETRIES },	{ "stage", F_STAGE },
	{ "tier", F_TIER },		{ "vip", F_VIP },
	{ "matched", F_MATCHED },	{ "text", F_TEXT },
	{ "flag", F_FLAG },
};

enum op { OP_EQ, OP_NE, OP_IN, OP_LT, OP_LTE, OP_GT, OP_GTE, OP_ANY, OP_PRESENT };
enum node_kind { N_ALL, N_ANY, N_NOT, N_TEST, N_TRUE };

typedef struct cond {
	enum node_kind kind;
	struct cond **kids;
	size_t nkids;
	/* N_TEST */
	enum fact fact;
	const char *field; /* for F_FIELD */
	enum op op;
	const char **strs; /* string operands (borrowed) */
	size_t nstrs;
	double num;
	int boolean;
	cc__termset *terms; /* OP_ANY on text */
	char desc[160];
} cond;

typedef struct action {
	cc_rule_action_kind kind;
	const char *arg;
	cc_priority priority;
} action;

typedef struct rule {
	const char *id;
	cond *when;
	action *actions;
	size_t nactions;
	int stop;
} rule;

struct cc__rules {
	rule *rules;
	size_t n;
	bool uses_text;
};

static void cond_free(cond *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	cc__free(c->kids);
	cc__free(c->strs);
	cc_engine__termset_free(c->terms);
	cc__free(c);
}

void cc_engine__rules_free(cc__rules *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		cond_free(r->rules[i].when);
		cc__free(r->rules[i].actions);
	}
	cc__free(r->rules);
	cc__free(r);
}

static int ordinal(const char *s, enum fact f)
{
	cc_priority p;
	static const char *const sev[] = { "low", "medium", "high", "critical" };
	size_t i;
	if (f == F_PRIORITY)
		return cc_priority_parse(&p, s) == 0 ? (int)p : -1;
	for (i = 0; i < 4; i++)
		if (strcasecmp(s, sev[i]) == 0)
			return (int)i;
	return -1;
}

static bool fact_is_numeric(enum fact f)
{
	return f == F_SENTIMENT_SCORE || f == F_RETRIES || f == F_SEVERITY || f == F_PRIORITY;
}

static bool fact_is_bool(enum fact f)
{
	return f == F_URGENT || f == F_OPEN || f == F_VIP;
}

static int compile_cond(cond **out, const cJSON *j, cc__rules *rs, cc__cfgpath *p);

static int add_kid(cond *c, cond *k)
{
	cond **kids = cc__realloc(c->kids, (c->nkids + 1) * sizeof(*kids));
	if (!kids) {
		cond_free(k);
		return cc__error_nomem();
	}
	c->kids = kids;
	c->kids[c->nkids++] = k;
	return 0;
}

static int read_strings(cond *c, const cJSON *v, cc__cfgpath *p)
{
	const cJSON *it;
	size_t n = cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 1;
	c->strs = cc__calloc(n, sizeof(*c->strs));
	if (!c->strs)
		return cc__error_nomem();
	if (cJSON_IsString(v)) {
		c->strs[c->nstrs++] = v->valuestring;
		return 0;
	}
	if (!cJSON_IsArray(v))
		return cc_engine__cfg_error(p, "expected string or array of strings, got %s",
					    cc_engine__json_type(v));
	cJSON_ArrayForEach(it, v)
	{
		if (!cJSON_IsString(it))
			return cc_engine__cfg_error(p, "expected array of strings");
		c->strs[c->nstrs++] = it->valuestring;
	}
	return 0;
}

static void describe(cond *c, const char *fact, const char *opname)
{
	size_t i, len;
	len = (size_t)snprintf(c->desc, sizeof(c->desc), "%s %s ", fact, opname);
	if (c->op == OP_ANY || c->op == OP_IN || c->nstrs > 1) {
		for (i = 0; i < c->nstrs && len < sizeof(c->desc); i++)
			len += (size_t)snprintf(c->desc + len, sizeof(c->desc) - len, "%s%s",
						i ? "|" : "[", c->strs[i]);
		if (len < sizeof(c->desc))
			snprintf(c->desc + len, sizeof(c->desc) - len, "]");
	} else if (c->nstrs == 1) {
		snprintf(c->desc + len, sizeof(c->desc) - len, "%s", c->strs[0]);
	} else if (fact_is_bool(c->fact) || c->op == OP_PRESENT) {
		snprintf(c->desc + len, sizeof(c->desc) - len, "%s", c->boolean ? "true" : "false");
	} else {
		snprintf(c->desc + len, sizeof(c->desc) - len, "%g", c->num);
	}
}

/* One fact's test: `"fact": value` or `"fact": {"op": value}`. */
static int compile_test(cond **out, const char *name, const cJSON *v, cc__rules *rs,
			cc__cfgpath *p)
{
	static const struct {
		const char *name;
		enum op op;
		const char *text;
	} ops[] = {
		{ "eq", OP_EQ, "=" },	  { "ne", OP_NE, "!=" },       { "not", OP_NE, "!=" },
		{ "in", OP_IN, "in" },	  { "lt", OP_LT, "<" },	       { "lte", OP_LTE, "<=" },
		{ "gt", OP_GT, ">" },	  { "gte", OP_GTE, ">=" },     { "any", OP_ANY, "has any of" },
		{ "present", OP_PRESENT, "present" },
	};
	cond *c = cc__calloc(1, sizeof(*c));
	const char *optext = "=";
	size_t i;
	int rc = 0;

	if (!c)
		return cc__error_nomem();
	*out = c;
	c->kind = N_TEST;
	c->op = OP_EQ;
	if (strncmp(name, "field.", 6) == 0 && name[6]) {
		c->fact = F_FIELD;
		c->field = name + 6;
	} else {
		for (i = 0; i < CC__ARRAY_SIZE(fact_names); i++)
			if (strcmp(name, fact_names[i].name) == 0)
				break;
		if (i == CC__ARRAY_SIZE(fact_names))
			return cc_engine__cfg_error(
				p, "unknown fact (expected department, language, sentiment, "
				   "sentiment_score, urgent, severity, priority, open, retries, stage, "
				   "tier, vip, matched, text, flag or field.<name>)");
		c->fact = fact_names[i].fact;
	}
	if (cJSON_IsObject(v)) {
		const cJSON *o = v->child;
		if (!o || o->next)
			return cc_engine__cfg_error(p, "expected exactly one operator");
		for (i = 0; i < CC__ARRAY_SIZE(ops); i++)
			if (strcmp(o->string, ops[i].name) == 0)
				break;
		if (i == CC__ARRAY_SIZE(ops))
			return cc_engine__cfg_error(p, "unknown operator '%s'", o->string);
		c->op = ops[i].op;
		optext = ops[i].text;
		v = o;
	} else if (cJSON_IsArray(v)) {
		c->op = c->fact == F_TEXT ? OP_ANY : OP_IN;
		optext = c->fact == F_TEXT ? "has any of" : "in";
	} else if (c->fact == F_TEXT) {
		c->op = OP_ANY;
		optext = "has any of";
	}

	if (c->op == OP_PRESENT) {
		if (c->fact != F_FIELD || !cJSON_IsBool(v))
			return cc_engine__cfg_error(p, "'present' takes true or false, on a field");
		c->boolean = cJSON_IsTrue(v);
	} else if (c->op == OP_ANY) {
		if (c->fact != F_TEXT && c->fact != F_MATCHED)
			return cc_engine__cfg_error(p, "'any' applies to text or matched");
		if ((rc = read_strings(c, v, p)))
			return rc;
		if (c->fact == F_TEXT) {
			if ((rc = cc_engine__termset_new(&c->terms)))
				return rc;
			for (i = 0; i < c->nstrs; i++) {
				rc = cc_engine__termset_add(c->terms, c->strs[i], 0, 1.0, 0);
				if (rc == CC_EINVAL || rc == CC_EUTF8)
					return cc_engine__cfg_error(p, "%s", cc_error_last()->message);
				if (rc)
					return rc;
			}
			if ((rc = cc_engine__termset_build(c->terms)))
				return rc;
			rs->uses_text = true;
		}
	} else if (c->op == OP_LT || c->op == OP_LTE || c->op == OP_GT || c->op == OP_GTE) {
		if (!fact_is_numeric(c->fact))
			return cc_engine__cfg_error(p, "'%s' compares numbers; %s is not one", optext,
						    name);
		if ((c->fact == F_SEVERITY || c->fact == F_PRIORITY) && cJSON_IsString(v)) {
			int o = ordinal(v->valuestring, c->fact);
			if (o < 0)
				return cc_engine__cfg_error(p, "unknown %s '%s'", name, v->valuestring);
			c->num = o;
			c->strs = cc__calloc(1, sizeof(*c->strs));
			if (!c->strs)
				return cc__error_nomem();
			c->strs[c->nstrs++] = v->valuestring;
		} else if (cJSON_IsNumber(v)) {
			c->num = v->valuedouble;
		} else {
			return cc_engine__cfg_error(p, "expected a number");
		}
	} else if (fact_is_bool(c->fact)) {
		if (!cJSON_IsBool(v))
			return cc_engine__cfg_error(p, "expected true or false");
		c->boolean = cJSON_IsTrue(v);
	} else if (c->fact == F_SENTIMENT_SCORE || c->fact == F_RETRIES) {
		if (!cJSON_IsNumber(v))
			return cc_engine__cfg_error(p, "expected a number");
		c->num = v->valuedouble;
	} else {
		if (c->fact == F_TEXT)
			return cc_engine__cfg_error(p, "text takes 'any' with a list of terms");
		if ((rc = read_strings(c, v, p)))
			return rc;
		if (c->fact == F_SEVERITY || c->fact == F_PRIORITY)
			for (i = 0; i < c->nstrs; i++)
				if (ordinal(c->strs[i], c->fact) < 0)
					return cc_engine__cfg_error(p, "unknown %s '%s'", name,
								    c->strs[i]);
	}
	describe(c, name, optext);
	return 0;
}

static int compile_list(cond *c, const cJSON *arr, cc__rules *rs, cc__cfgpath *p)
{
	const cJSON *it;
	size_t i = 0;
	int rc;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return cc_engine__cfg_error(p, "expected a non-empty array of conditions");
	cJSON_ArrayForEach(it, arr)
	{
		size_t mark = cc_engine__path_push_index(p, i++);
		cond *k = NULL;
		rc = compile_cond(&k, it, rs, p);
		if (!rc)
			rc = add_kid(c, k);
		else
			cond_free(k);
		if (rc)
			return rc;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}

/* A condition object: its keys are combined with AND; "all", "any" and
 * "not" nest; {"always": true} is always true. */
static int compile_cond(cond **out, const cJSON *j, cc__rules *rs, cc__cfgpath *p)
{
	const cJSON *it;
	cond *c;
	int rc = 0;

	if (!cJSON_IsObject(j) || !j->child)
		return cc_engine__cfg_error(p, "expected a condition object");
	c = cc__calloc(1, sizeof(*c));
	if (!c)
		return cc__error_nomem();
	*out = c;
	c->kind = N_ALL;
	cJSON_ArrayForEach(it, j)
	{
		size_t mark = cc_engine__path_push_key(p, it->string);
		cond *k = NULL;
		if (strcmp(it->string, "all") == 0 || strcmp(it->string, "any") == 0) {
			k = cc__calloc(1, sizeof(*k));
			if (!k)
				return cc__error_nomem();
			k->kind = it->string[1] == 'l' ? N_ALL : N_ANY;
			rc = compile_list(k, it, rs, p);
		} else if (strcmp(it->string, "not") == 0) {
			k = cc__calloc(1, sizeof(*k));
			cond *inner = NULL;
			if (!k)
				return cc__error_nomem();
			k->kind = N_NOT;
			rc = compile_cond(&inner, it, rs, p);
			if (!rc)
				rc = add_kid(k, inner);
			else
				cond_free(inner);
		} else if (strcmp(it->string, "always") == 0) {
			k = cc__calloc(1, sizeof(*k));
			if (!k)
				return cc__error_nomem();
			k->kind = N_TRUE;
			if (!cJSON_IsTrue(it))
				rc = cc_engine__cfg_error(p, "expected true");
			snprintf(k->desc, sizeof(k->desc), "always");
		} else {
			rc = compile_test(&k, it->string, it, rs, p);
		}
		if (!rc)
			rc = add_kid(c, k);
		else
			cond_free(k);
		if (rc)
			return rc;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}

static int compile_action(action *a, const cJSON *j, const cc_engine *e, cc__cfgpath *p)
{
	static const struct {
		const char *name;
		cc_rule_action_kind kind;
	} kinds[] = {
		{ "set_priority", CC_RULE_SET_PRIORITY },
		{ "create_ticket", CC_RULE_CREATE_TICKET },
		{ "transfer", CC_RULE_TRANSFER },
		{ "require_field", CC_RULE_REQUIRE_FIELD },
		{ "skip_field", CC_RULE_SKIP_FIELD },
		{ "say", CC_RULE_SAY },
		{ "set_flag", CC_RULE_SET_FLAG },
		{ "route", CC_RULE_ROUTE },
	};
	const cJSON *v;
	size_t i;
	if (!cJSON_IsObject(j) || !j->child || j->child->next)
		return cc_engine__cfg_error(p, "expected an object with one action");
	v = j->child;
	for (i = 0; i < CC__ARRAY_SIZE(kinds); i++)
		if (strcmp(v->string, kinds[i].name) == 0)
			break;
	if (i == CC__ARRAY_SIZE(kinds))
		return cc_engine__cfg_error(p,
					    "unknown action '%s' (expected set_priority, "
					    "create_ticket, transfer, route, require_field, "
					    "skip_field, say or set_flag)",
					    v->string);
	a->kind = kinds[i].kind;
	a->priority = CC_PRIORITY_MEDIUM;
	cc_engine__path_push_key(p, v->string);
	if (a->kind == CC_RULE_CREATE_TICKET) {
		if (cJSON_IsString(v)) {
			if (cc_priority_parse(&a->priority, v->valuestring))
				return cc_engine__cfg_error(p, "unknown priority '%s'",
							    v->valuestring);
			a->arg = v->valuestring;
		} else if (!cJSON_IsTrue(v)) {
			return cc_engine__cfg_error(p, "expected true or a priority");
		} else {
			a->priority = (cc_priority)-1; /* the context's priority */
		}
		return 0;
	}
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return cc_engine__cfg_error(p, "expected string");
	a->arg = v->valuestring;
	switch (a->kind) {
	case CC_RULE_SET_PRIORITY:
		if (cc_priority_parse(&a->priority, a->arg))
			return cc_engine__cfg_error(p, "unknown priority '%s'", a->arg);
		break;
	case CC_RULE_TRANSFER:
	case CC_RULE_ROUTE:
		if (!cc_engine_department_find(e, a->arg))
			return cc_engine__cfg_error(p, "no department '%s'", a->arg);
		break;
	case CC_RULE_REQUIRE_FIELD:
	case CC_RULE_SKIP_FIELD:
		if (!cc_engine_field_find(e, a->arg))
			return cc_engine__cfg_error(p, "no field '%s'", a->arg);
		break;
	case CC_RULE_SAY:
		if (cc_engine_prompt_exists(e, a->arg) != 1)
			return cc_engine__cfg_error(p, "no prompt '%s'", a->arg);
		break;
	default:
		break;
	}
	return 0;
}

int cc_engine__rules_compile(cc_engine *e, const cJSON *arr, cc__cfgpath *p)
{
	static const char *const known[] = { "id", "description", "when", "then", "stop",
					     "enabled" };
	const cJSON *it;
	cc__rules *rs;
	size_t i = 0;
	int rc = 0;

	rs = cc__calloc(1, sizeof(*rs));
	if (!rs)
		return cc__error_nomem();
	e->rules = rs;
	if (!arr)
		return 0;
	rs->rules = cc__calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*rs->rules));
	if (!rs->rules)
		return cc__error_nomem();
	cJSON_ArrayForEach(it, arr)
	{
		size_t mark = cc_engine__path_push_index(p, i++), k;
		rule *r = &rs->rules[rs->n];
		const cJSON *then, *a, *x;
		int enabled = 1;
		if (!cJSON_IsObject(it))
			return cc_engine__cfg_error(p, "expected a rule object");
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
		if ((rc = cc_engine__get_string(&r->id, it, "id", p, true)) ||
		    (rc = cc_engine__get_bool(&r->stop, it, "stop", p)) ||
		    (rc = cc_engine__get_bool(&enabled, it, "enabled", p)))
			return rc;
		for (k = 0; k < rs->n; k++)
			if (strcmp(rs->rules[k].id, r->id) == 0)
				return cc_engine__cfg_error(p, "duplicate rule id '%s'", r->id);
		if (!enabled) {
			cc_engine__path_pop(p, mark);
			continue;
		}
		x = cJSON_GetObjectItemCaseSensitive(it, "when");
		cc_engine__path_push_key(p, "when");
		if (!x)
			return cc_engine__cfg_error(p, "required");
		rs->n++; /* owned from here, freed with the set */
		if ((rc = compile_cond(&r->when, x, rs, p)))
			return rc;
		cc_engine__path_pop(p, mark);
		cc_engine__path_push_index(p, i - 1);
		then = cJSON_GetObjectItemCaseSensitive(it, "then");
		cc_engine__path_push_key(p, "then");
		if (!cJSON_IsArray(then) || cJSON_GetArraySize(then) == 0)
			return cc_engine__cfg_error(p, "expected a non-empty array of actions");
		r->actions = cc__calloc((size_t)cJSON_GetArraySize(then), sizeof(*r->actions));
		if (!r->actions)
			return cc__error_nomem();
		k = 0;
		cJSON_ArrayForEach(a, then)
		{
			size_t m2 = cc_engine__path_push_index(p, k);
			if ((rc = compile_action(&r->actions[k], a, e, p)))
				return rc;
			k++;
			cc_engine__path_pop(p, m2);
		}
		r->nactions = k;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}

/* ---- evaluation --------------------------------------------------------- */

typedef struct eval_state {
	const cc_engine *e;
	const cc_call_context *ctx;
	const cc_text__analysis *a; /* NULL when no text */
	cc_priority priority;
	int open;
	const char *flags[64]; /* the context's and those set so far */
	size_t nflags;
	const char *failed; /* description of the test that failed */
} eval_state;

static void on_text_hit(const cc__term *t, size_t start, size_t ntok, void *ud)
{
	bool *found = ((void **)ud)[0];
	const cc_text__analysis *a = ((void **)ud)[1];
	CC__UNUSED(t);
	CC__UNUSED(ntok);
	if (!(a->tokens[start].flags & CC_TEXT__TOK_NEGATED))
		*found = true;
}

static bool str_in(const char *v, const cond *c)
{
	size_t i;
	if (!v)
		return false;
	for (i = 0; i < c->nstrs; i++)
		if (strcasecmp(v, c->strs[i]) == 0)
			return true;
	return false;
}

static bool compare(double x, const cond *c)
{
	switch (c->op) {
	case OP_LT:
		return x < c->num;
	case OP_LTE:
		return x <= c->num;
	case OP_GT:
		return x > c->num;
	case OP_GTE:
		return x >= c->num;
	case OP_NE:
		return x != c->num;
	default:
		return x == c->num;
	}
}

static bool test_strings(const char *v, const cond *c)
{
	bool in = str_in(v, c);
	return c->op == OP_NE ? !in : in;
}

static const char *field_value(const cc_call_context *ctx, const char *name)
{
	size_t i;
	for (i = 0; i < ctx->field_count && ctx->fields; i++)
		if (ctx->fields[i].name && strcmp(ctx->fields[i].name, name) == 0)
			return ctx->fields[i].value;
	return NULL;
}

static bool eval_test(const cond *c, eval_state *st)
{
	const cc_call_context *ctx = st->ctx;
	size_t i;
	switch (c->fact) {
	case F_DEPARTMENT:
		return test_strings(ctx->department, c);
	case F_LANGUAGE:
		return test_strings(ctx->language, c);
	case F_SENTIMENT:
		return test_strings(ctx->sentiment ? ctx->sentiment : "neutral", c);
	case F_STAGE:
		return test_strings(ctx->stage, c);
	case F_TIER:
		return test_strings(ctx->customer_tier, c);
	case F_SENTIMENT_SCORE:
		return compare(ctx->sentiment_score, c);
	case F_RETRIES:
		return compare((double)ctx->retries, c);
	case F_SEVERITY:
	case F_PRIORITY: {
		int v = c->fact == F_SEVERITY ? (int)ctx->severity : (int)st->priority;
		if (c->op == OP_EQ || c->op == OP_IN || c->op == OP_NE) {
			bool in = false;
			for (i = 0; i < c->nstrs; i++)
				in = in || ordinal(c->strs[i], c->fact) == v;
			return c->op == OP_NE ? !in : in;
		}
		return compare((double)v, c);
	}
	case F_URGENT:
		return (ctx->urgent != 0) == (c->boolean != 0);
	case F_VIP:
		return (ctx->vip != 0) == (c->boolean != 0);
	case F_OPEN:
		return (st->open != 0) == (c->boolean != 0);
	case F_FLAG:
		for (i = 0; i < st->nflags; i++)
			if (str_in(st->flags[i], c))
				return c->op != OP_NE;
		return c->op == OP_NE;
	case F_MATCHED:
		for (i = 0; i < ctx->matched_count && ctx->matched; i++)
			if (str_in(ctx->matched[i], c))
				return c->op != OP_NE;
		return c->op == OP_NE;
	case F_FIELD: {
		const char *v = field_value(ctx, c->field);
		if (c->op == OP_PRESENT)
			return (v && v[0]) == (c->boolean != 0);
		return test_strings(v, c);
	}
	case F_TEXT: {
		bool found = false;
		void *ud[2] = { &found, (void *)st->a };
		if (st->a)
			cc_engine__termset_scan(c->terms, st->a, on_text_hit, ud);
		return found;
	}
	}
	return false;
}

static bool eval_cond(const cond *c, eval_state *st)
{
	size_t i;
	switch (c->kind) {
	case N_TRUE:
		return true;
	case N_TEST:
		if (eval_test(c, st))
			return true;
		st->failed = c->desc;
		return false;
	case N_NOT:
		if (!eval_cond(c->kids[0], st))
			return true;
		st->failed = "a 'not' condition held";
		return false;
	case N_ANY:
		for (i = 0; i < c->nkids; i++)
			if (eval_cond(c->kids[i], st))
				return true;
		st->failed = "none of an 'any' held";
		return false;
	case N_ALL:
		for (i = 0; i < c->nkids; i++)
			if (!eval_cond(c->kids[i], st))
				return false;
		return true;
	}
	return false;
}

static void describe_all(cc_buf *b, const cond *c)
{
	size_t i;
	if (c->kind == N_TEST || c->kind == N_TRUE) {
		cc__buf_puts(b, c->desc);
		return;
	}
	cc__buf_puts(b, c->kind == N_ANY ? "any(" : c->kind == N_NOT ? "not(" : "");
	for (i = 0; i < c->nkids; i++) {
		if (i)
			cc__buf_puts(b, c->kind == N_ANY ? ", " : " and ");
		describe_all(b, c->kids[i]);
	}
	cc__buf_puts(b, c->kind == N_ALL ? "" : ")");
}

int cc_engine_rules_eval(cc_rules_result *out, cc_buf *trace, const cc_engine *engine,
			 const cc_call_context *ctx)
{
	const cc__rules *rs;
	eval_state st;
	cc_text__analysis a;
	bool have_a = false;
	size_t i, k;
	int rc = 0, fired = 0;

	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(ctx);
	if (ctx->version < 1 || ctx->version > CC_CALL_CONTEXT_VERSION)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_call_context version %u is not supported", ctx->version);
	if (trace)
		cc__buf_clear(trace);
	rs = engine->rules;
	memset(&st, 0, sizeof(st));
	st.e = engine;
	st.ctx = ctx;
	st.priority = ctx->priority;
	st.open = ctx->open;
	if (st.open < 0) {
		st.open = cc_engine_is_open(engine, ctx->now_unix);
		if (st.open < 0)
			return st.open;
	}
	for (i = 0; i < ctx->flag_count && ctx->flags && st.nflags < CC__ARRAY_SIZE(st.flags);
	     i++)
		st.flags[st.nflags++] = ctx->flags[i];
	if (rs->uses_text && ctx->text) {
		size_t len = ctx->text_len ? ctx->text_len : strlen(ctx->text);
		cc_text__analysis_init(&a);
		rc = cc_text__analyze(&a, ctx->text, len, engine->lexicon);
		if (rc) {
			cc_text__analysis_dispose(&a);
			return rc;
		}
		have_a = true;
		st.a = &a;
	}
	for (i = 0; i < rs->n && !rc; i++) {
		const rule *r = &rs->rules[i];
		st.failed = NULL;
		if (!eval_cond(r->when, &st)) {
			if (trace)
				cc__buf_printf(trace, "%s: no (%s)\n", r->id,
					       st.failed ? st.failed : "condition false");
			continue;
		}
		fired++;
		if (trace) {
			cc__buf_printf(trace, "%s: fired (", r->id);
			describe_all(trace, r->when);
			cc__buf_puts(trace, ") ->");
		}
		for (k = 0; k < r->nactions; k++) {
			const action *ac = &r->actions[k];
			cc_rule_action *o;
			if (out->action_count == CC_RULES_MAX_ACTIONS) {
				rc = cc__error(CC_ETOOBIG, CC_ERRCLASS_ENGINE,
					       "rules fired more than %d actions",
					       CC_RULES_MAX_ACTIONS);
				break;
			}
			o = &out->actions[out->action_count++];
			o->kind = ac->kind;
			o->rule = r->id;
			o->arg = ac->arg;
			o->priority = ac->priority;
			if (ac->kind == CC_RULE_SET_PRIORITY)
				st.priority = ac->priority;
			else if (ac->kind == CC_RULE_CREATE_TICKET && (int)ac->priority < 0)
				o->priority = st.priority;
			else if (ac->kind == CC_RULE_SET_FLAG &&
				 st.nflags < CC__ARRAY_SIZE(st.flags))
				st.flags[st.nflags++] = ac->arg;
			if (trace)
				cc__buf_printf(trace, " %s%s%s", cc_rule_action_name(ac->kind),
					       o->arg ? " " : "", o->arg ? o->arg : "");
		}
		if (trace)
			cc__buf_puts(trace, "\n");
		if (r->stop) {
			if (trace)
				cc__buf_printf(trace, "%s: stop\n", r->id);
			break;
		}
	}
	if (have_a)
		cc_text__analysis_dispose(&a);
	out->fired_count = (size_t)fired;
	out->priority = st.priority;
	if (rc) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	return fired;
}

int cc_engine_rule_exists(const cc_engine *engine, const char *name)
{
	size_t i;
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(name);
	for (i = 0; i < engine->rules->n; i++)
		if (strcmp(engine->rules->rules[i].id, name) == 0)
			return 1;
	return 0;
}
