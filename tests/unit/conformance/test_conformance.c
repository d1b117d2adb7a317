/* The cross-language conformance cases (tests/conformance/) through the
 * public C API.  Every result is built as JSON in the one form the three
 * languages share and checked against what the fixture pins (the
 * department of an utterance, the outcome of a call, every CRM record);
 * the whole results are written to $CC_CONFORMANCE_OUT, which the Python
 * and Node tests run this program for and must reproduce exactly. */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "callcenter.h"
#include "cc_config.h"

/* Everything computed, for $CC_CONFORMANCE_OUT. */
static cJSON *results;

/* Checks the fields @want lists (a subset of @got). */
static void same(const cJSON *got, const cJSON *want, const char *where);
static void same_subset(const cJSON *got, const cJSON *want, const char *where)
{
	cJSON *sub = cJSON_CreateObject();
	const cJSON *w;
	cJSON_ArrayForEach(w, want)
		cJSON_AddItemToObject(sub, w->string,
				      cJSON_Duplicate(cJSON_GetObjectItem(got, w->string), 1));
	same(sub, want, where);
	cJSON_Delete(sub);
}

static cJSON *load(const char *name)
{
	char path[1024];
	FILE *f;
	long n;
	char *text;
	cJSON *json;

	snprintf(path, sizeof(path), "%s/tests/conformance/%s", CC_SOURCE_ROOT, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	text = malloc((size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	json = cJSON_Parse(text);
	free(text);
	assert_non_null(json);
	return json;
}

/* Equal as the fixtures mean it: same keys, numbers to 1e-9. */
static void same(const cJSON *got, const cJSON *want, const char *where)
{
	char sub[512];
	const cJSON *w;

	if (cJSON_IsNumber(want)) {
		if (!cJSON_IsNumber(got))
			fail_msg("%s: not a number, want %.12g", where, want->valuedouble);
		if (fabs(got->valuedouble - want->valuedouble) > 1e-9)
			fail_msg("%s: got %.12g, want %.12g", where, got->valuedouble, want->valuedouble);
		return;
	}
	if (cJSON_IsObject(want)) {
		if (!cJSON_IsObject(got))
			fail_msg("%s: not an object", where);
		if (cJSON_GetArraySize(got) != cJSON_GetArraySize(want))
			fail_msg("%s: %d keys, want %d", where, cJSON_GetArraySize(got),
				 cJSON_GetArraySize(want));
		cJSON_ArrayForEach(w, want)
		{
			snprintf(sub, sizeof(sub), "%s.%s", where, w->string);
			same(cJSON_GetObjectItemCaseSensitive(got, w->string), w, sub);
		}
		return;
	}
	if (cJSON_IsArray(want)) {
		int i = 0;
		if (!cJSON_IsArray(got) || cJSON_GetArraySize(got) != cJSON_GetArraySize(want))
			fail_msg("%s: array of %d, want %d", where,
				 cJSON_IsArray(got) ? cJSON_GetArraySize(got) : -1,
				 cJSON_GetArraySize(want));
		cJSON_ArrayForEach(w, want)
		{
			snprintf(sub, sizeof(sub), "%s[%d]", where, i);
			same(cJSON_GetArrayItem(got, i++), w, sub);
		}
		return;
	}
	if (!got || !cJSON_Compare(got, want, 1)) {
		char *g = got ? cJSON_PrintUnformatted(got) : NULL;
		char *x = cJSON_PrintUnformatted(want);
		fail_msg("%s: got %s, want %s", where, g ? g : "nothing", x ? x : "?");
	}
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static char *take(cc_buf *b)
{
	char *s = strdup(b->ptr ? b->ptr : "");
	cc_buf_dispose(b);
	assert_non_null(s);
	return s;
}

/* ---- analysis and routing ------------------------------------------------ */

static cJSON *analysis(const char *text, const char *region)
{
	cJSON *o = cJSON_CreateObject(), *arr, *s;
	cc_buf b = CC_BUF_INIT;
	int lang, arabizi;
	cc_text_sentiment sent;
	cc_text_number nums[16];
	cc_text_phone phones[8];
	size_t n, i;
	char *tmp, *word;
	int rc;

	assert_int_equal(cc_text_display_buf(&b, text, 0), 0);
	tmp = take(&b);
	cJSON_AddStringToObject(o, "display", tmp);
	free(tmp);
	assert_int_equal(cc_text_key_buf(&b, text), 0);
	tmp = take(&b);
	cJSON_AddStringToObject(o, "key", tmp);
	free(tmp);
	assert_int_equal(cc_text_stems(&b, text), 0);
	tmp = take(&b);
	arr = cJSON_AddArrayToObject(o, "stems");
	for (word = strtok(tmp, " "); word; word = strtok(NULL, " "))
		cJSON_AddItemToArray(arr, cJSON_CreateString(word));
	free(tmp);
	assert_int_equal(cc_text_detect_language(&lang, &arabizi, text), 0);
	cJSON_AddStringToObject(o, "language", cc_text_language_name(lang));
	cJSON_AddBoolToObject(o, "arabizi", arabizi);
	assert_int_equal(cc_text_sentiment_score(&sent, text), 0);
	s = cJSON_AddObjectToObject(o, "sentiment");
	cJSON_AddStringToObject(s, "label", cc_text_sentiment_name(sent.label));
	cJSON_AddNumberToObject(s, "score", sent.score);
	cJSON_AddBoolToObject(s, "urgent", sent.urgent);
	cJSON_AddNumberToObject(s, "urgency", sent.urgency);
	assert_int_equal(cc_text_numbers(nums, 16, &n, text), 0);
	assert_true(n <= 16);
	arr = cJSON_AddArrayToObject(o, "numbers");
	for (i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "digits", nums[i].digits);
		if (nums[i].has_value)
			cJSON_AddNumberToObject(x, "value", (double)nums[i].value);
		else
			cJSON_AddNullToObject(x, "value");
		cJSON_AddBoolToObject(x, "plus", nums[i].plus);
		cJSON_AddNumberToObject(x, "first_word", (double)nums[i].first_word);
		cJSON_AddNumberToObject(x, "nwords", (double)nums[i].nwords);
		cJSON_AddItemToArray(arr, x);
	}
	assert_int_equal(cc_text_phone_find(phones, 8, &n, text, region), 0);
	assert_true(n <= 8);
	arr = cJSON_AddArrayToObject(o, "phones");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(phones[i].e164));
	rc = cc_text_email_find(&b, text);
	if (rc == CC_ENOTFOUND) {
		cJSON_AddNullToObject(o, "email");
		cc_buf_dispose(&b);
	} else {
		assert_int_equal(rc, 0);
		tmp = take(&b);
		cJSON_AddStringToObject(o, "email", tmp);
		free(tmp);
	}
	return o;
}

static void test_analysis(void **state)
{
	cJSON *fx = load("analysis.json"), *c;
	(void)state;
	cJSON *out = cJSON_AddArrayToObject(results, "analysis");
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(fx, "cases"))
	{
		cJSON *got = analysis(str(c, "text"), str(c, "region"));
		same_subset(got, cJSON_GetObjectItem(c, "expect"), str(c, "text"));
		cJSON_AddItemToArray(out, got);
	}
	cJSON_Delete(fx);
}

static cc_engine *new_engine(void)
{
	cc_engine *e = NULL;
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	o.flags = CC_ENGINE_NO_ENV;
	assert_int_equal(cc_engine_new_default(&e, &o), 0);
	return e;
}

static void test_routing(void **state)
{
	cJSON *fx = load("routing.json"), *c;
	cc_engine *e = new_engine();
	cJSON *out = cJSON_AddArrayToObject(results, "routing");
	(void)state;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(fx, "cases"))
	{
		const char *text = str(c, "text");
		cc_route_result r;
		cJSON *o = cJSON_CreateObject(), *m;
		size_t i;

		assert_int_equal(cc_engine_route(&r, e, text, strlen(text)), 0);
		cJSON_AddStringToObject(o, "department", r.department);
		cJSON_AddNumberToObject(o, "confidence", r.confidence);
		cJSON_AddStringToObject(o, "reason", cc_route_reason_name(r.reason));
		add_str(o, "runner_up", r.runner_up);
		cJSON_AddNumberToObject(o, "runner_up_confidence", r.runner_up_confidence);
		m = cJSON_AddArrayToObject(o, "matched");
		for (i = 0; i < r.matched_count; i++)
			cJSON_AddItemToArray(m, cJSON_CreateString(r.matched[i].term));
		cJSON_AddStringToObject(o, "language", r.language);
		cJSON_AddStringToObject(o, "sentiment", r.sentiment);
		cJSON_AddNumberToObject(o, "sentiment_score", r.sentiment_score);
		cJSON_AddBoolToObject(o, "urgent", r.urgent);
		cJSON_AddStringToObject(o, "severity", cc_severity_name(r.severity));
		cJSON_AddStringToObject(o, "priority", cc_priority_name(r.priority));
		same_subset(o, cJSON_GetObjectItem(c, "expect"), text);
		cJSON_AddItemToArray(out, o);
	}
	cc_engine_free(e);
	cJSON_Delete(fx);
}

/* ---- scripted calls --------------------------------------------------------- */

static cJSON *action_json(const cc_action *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", cc_action_type_name(a->type));
	cJSON_AddNumberToObject(o, "seq", a->seq);
	add_str(o, "stage", a->stage);
	switch (a->type) {
	case CC_ACTION_SAY:
		add_str(o, "text", a->text);
		add_str(o, "language", a->language);
		add_str(o, "key", a->key);
		cJSON_AddBoolToObject(o, "barge_in", a->barge_in);
		break;
	case CC_ACTION_EXPECT:
		add_str(o, "field", a->field);
		cJSON_AddStringToObject(o, "input", cc_input_kind_name(a->input));
		cJSON_AddNumberToObject(o, "timeout_ms", a->timeout_ms);
		break;
	case CC_ACTION_ROUTE:
		add_str(o, "department", a->department);
		cJSON_AddNumberToObject(o, "confidence", a->confidence);
		add_str(o, "reason", a->reason);
		break;
	case CC_ACTION_ENQUEUE:
		add_str(o, "department", a->department);
		add_str(o, "priority", a->priority);
		break;
	case CC_ACTION_TRANSFER:
		add_str(o, "target", a->target);
		add_str(o, "priority", a->priority);
		add_str(o, "reason", a->reason);
		break;
	case CC_ACTION_TICKET:
		add_str(o, "ticket_id", a->ticket_id);
		add_str(o, "kind", a->ticket_kind);
		add_str(o, "department", a->department);
		add_str(o, "priority", a->priority);
		add_str(o, "severity", a->severity);
		add_str(o, "subject", a->subject);
		add_str(o, "description", a->description);
		break;
	case CC_ACTION_HANGUP:
		add_str(o, "reason", a->reason);
		break;
	}
	return o;
}

static int notice_of(const char *name)
{
	if (strcmp(name, "agent_answered") == 0)
		return CC_SESSION_NOTICE_AGENT_ANSWERED;
	if (strcmp(name, "transfer_failed") == 0)
		return CC_SESSION_NOTICE_TRANSFER_FAILED;
	if (strcmp(name, "caller_hung_up") == 0)
		return CC_SESSION_NOTICE_CALLER_HUNG_UP;
	return CC_SESSION_NOTICE_PROMPT_FINISHED;
}

static void play(cc_engine *e, const cJSON *call, cJSON *out)
{
	const cJSON *o = cJSON_GetObjectItem(call, "options"), *step;
	cc_session_options opts = CC_SESSION_OPTIONS_INIT;
	cc_session *s = NULL;
	cc_buf b = CC_BUF_INIT;
	char where[256], *summary;
	cJSON *got, *steps = cJSON_AddArrayToObject(out, "steps");

	opts.call_id = str(o, "call_id");
	opts.language = str(o, "language");
	opts.region = str(o, "region");
	opts.seed = (uint64_t)cJSON_GetObjectItem(o, "seed")->valuedouble;
	opts.start_ms = (uint64_t)cJSON_GetObjectItem(o, "start_ms")->valuedouble;
	opts.wall_clock_ms = (int64_t)cJSON_GetObjectItem(o, "wall_clock_ms")->valuedouble;
	assert_int_equal(cc_session_new(&s, e, &opts), 0);
	cJSON_ArrayForEach(step, cJSON_GetObjectItem(call, "steps"))
	{
		const char *ev = str(step, "event");
		const cc_action *a;
		cJSON *acts = cJSON_CreateArray();

		if (strcmp(ev, "start") == 0)
			assert_int_equal(cc_session_start(s), 0);
		else if (strcmp(ev, "text") == 0)
			assert_int_equal(cc_session_input_text(s, str(step, "text"),
							       strlen(str(step, "text")), NULL), 0);
		else if (strcmp(ev, "dtmf") == 0)
			assert_int_equal(cc_session_input_dtmf(s, str(step, "digits"),
							       strlen(str(step, "digits"))), 0);
		else if (strcmp(ev, "silence") == 0)
			assert_int_equal(cc_session_input_silence(s), 0);
		else
			assert_int_equal(cc_session_notify(s, notice_of(str(step, "notice")), NULL), 0);
		while (cc_session_next_action(&a, s) == 0)
			cJSON_AddItemToArray(acts, action_json(a));
		cJSON_AddItemToArray(steps, acts);
	}
	assert_int_equal(cc_session_summary(&b, s), 0);
	summary = take(&b);
	got = cJSON_Parse(summary);
	snprintf(where, sizeof(where), "%s summary", str(call, "name"));
	same_subset(got, cJSON_GetObjectItem(call, "expect"), where);
	cJSON_AddItemToObject(out, "summary", got);
	free(summary);
	cc_session_free(s);
}

static void test_calls(void **state)
{
	cJSON *fx = load("call.json"), *call;
	cc_engine *e = new_engine();
	cJSON *out = cJSON_AddArrayToObject(results, "calls");
	(void)state;
	cJSON_ArrayForEach(call, cJSON_GetObjectItem(fx, "calls"))
	{
		cJSON *one = cJSON_CreateObject();
		cJSON_AddItemToArray(out, one);
		play(e, call, one);
	}
	cc_engine_free(e);
	cJSON_Delete(fx);
}

/* ---- the CRM script ------------------------------------------------------------ */

static int64_t fixed_clock(void *userdata)
{
	return *(const int64_t *)userdata;
}

#define MAX_SAVED 8
static struct {
	char name[16];
	char value[CC_CRM_ID_MAX];
} saved[MAX_SAVED];
static size_t nsaved;

/* Replaces "$name" strings with saved IDs, in place. */
static void substitute(cJSON *v)
{
	cJSON *x;
	if (cJSON_IsString(v) && v->valuestring[0] == '$') {
		for (size_t i = 0; i < nsaved; i++)
			if (strcmp(saved[i].name, v->valuestring + 1) == 0) {
				cJSON_SetValuestring(v, saved[i].value);
				return;
			}
		fail_msg("unknown variable %s", v->valuestring);
	}
	cJSON_ArrayForEach(x, v)
		substitute(x);
}

static void add_i64(cJSON *o, const char *k, int64_t v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

static cJSON *customer_json(const cc_crm_customer *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "phone", c->phone);
	add_str(o, "name", c->name);
	add_str(o, "email", c->email);
	add_str(o, "tier", c->tier);
	cJSON_AddBoolToObject(o, "vip", c->vip);
	add_str(o, "language", c->language);
	add_str(o, "notes", c->notes);
	add_i64(o, "total_calls", c->total_calls);
	add_i64(o, "total_tickets", c->total_tickets);
	add_i64(o, "last_interaction", c->last_interaction);
	add_i64(o, "created_at", c->created_at);
	add_i64(o, "updated_at", c->updated_at);
	add_i64(o, "erased_at", c->erased_at);
	return o;
}

static cJSON *call_json(const cc_crm_call *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "customer_id", c->customer_id);
	add_str(o, "customer_phone", c->customer_phone);
	add_str(o, "direction", c->direction);
	add_str(o, "status", c->status);
	add_str(o, "stage", c->stage);
	add_str(o, "department", c->department);
	add_str(o, "routing_reason", c->routing_reason);
	add_str(o, "outcome", c->outcome);
	add_str(o, "language", c->language);
	add_str(o, "agent_id", c->agent_id);
	add_i64(o, "started_at", c->started_at);
	add_i64(o, "ended_at", c->ended_at);
	add_i64(o, "duration_seconds", c->duration_seconds);
	return o;
}

static cJSON *ticket_json(const cc_crm_ticket *t)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", t->id);
	add_str(o, "call_id", t->call_id);
	add_str(o, "customer_id", t->customer_id);
	add_str(o, "customer_name", t->customer_name);
	add_str(o, "customer_phone", t->customer_phone);
	add_str(o, "customer_email", t->customer_email);
	add_str(o, "subject", t->subject);
	add_str(o, "description", t->description);
	add_str(o, "department", t->department);
	add_str(o, "status", t->status);
	add_str(o, "priority", t->priority);
	add_str(o, "assigned_to", t->assigned_to);
	add_str(o, "notes", t->notes);
	add_i64(o, "created_at", t->created_at);
	add_i64(o, "updated_at", t->updated_at);
	add_i64(o, "assigned_at", t->assigned_at);
	add_i64(o, "resolved_at", t->resolved_at);
	add_i64(o, "closed_at", t->closed_at);
	return o;
}

static cJSON *agent_json(const cc_crm_agent *a)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", a->id);
	add_str(o, "name", a->name);
	add_str(o, "email", a->email);
	add_str(o, "department", a->department);
	add_str(o, "status", a->status);
	cJSON_AddItemToObject(o, "skills", cJSON_Parse(a->skills ? a->skills : "[]"));
	cJSON_AddItemToObject(o, "languages", cJSON_Parse(a->languages ? a->languages : "[]"));
	cJSON_AddNumberToObject(o, "max_concurrent_calls", a->max_concurrent_calls);
	cJSON_AddNumberToObject(o, "current_calls", a->current_calls);
	cJSON_AddBoolToObject(o, "available", a->available);
	add_i64(o, "last_active", a->last_active);
	return o;
}

/* Runs one step; returns the library's code and sets *got to the result. */
static int run_op(cc_crm *crm, const cJSON *step, cJSON **got)
{
	const char *op = str(step, "op");
	const cJSON *a = cJSON_GetObjectItem(step, "args");
	char id[CC_CRM_ID_MAX] = "";
	int rc;

	*got = NULL;
	if (strcmp(op, "upsert_customer") == 0) {
		cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
		const cJSON *vip = cJSON_GetObjectItem(a, "vip");
		in.phone = str(a, "phone");
		in.name = str(a, "name");
		in.email = str(a, "email");
		in.tier = str(a, "tier");
		in.language = str(a, "language");
		in.notes = str(a, "notes");
		if (vip)
			in.vip = cJSON_IsTrue(vip);
		if ((rc = cc_crm_customer_upsert(id, crm, &in)) >= 0)
			*got = cJSON_CreateString(id);
	} else if (strcmp(op, "customer") == 0) {
		cc_crm_customer *c;
		if ((rc = cc_crm_customer_get(&c, crm, str(step, "key"))) == 0) {
			*got = customer_json(c);
			cc_crm_customer_free(c);
		}
	} else if (strcmp(op, "search_customers") == 0) {
		cc_crm_customer_list *l;
		if ((rc = cc_crm_customer_search(&l, crm, str(step, "query"), 0, 0)) == 0) {
			*got = cJSON_CreateArray();
			for (size_t i = 0; i < l->count; i++)
				cJSON_AddItemToArray(*got, cJSON_CreateString(l->items[i].id));
			cc_crm_customer_list_free(l);
		}
	} else if (strcmp(op, "erase_customer") == 0) {
		rc = cc_crm_customer_erase(crm, str(step, "key"));
	} else if (strcmp(op, "start_call") == 0 || strcmp(op, "update_call") == 0) {
		cc_crm_call_input in = CC_CRM_CALL_INPUT_INIT;
		in.customer_phone = str(a, "customer_phone");
		in.status = str(a, "status");
		in.stage = str(a, "stage");
		in.department = str(a, "department");
		in.routing_reason = str(a, "routing_reason");
		in.language = str(a, "language");
		if (op[0] == 's') {
			snprintf(id, sizeof(id), "%s", str(a, "call_id"));
			if ((rc = cc_crm_call_start(id, crm, &in)) >= 0)
				*got = cJSON_CreateString(id);
		} else {
			rc = cc_crm_call_update(crm, str(a, "call_id"), &in);
		}
	} else if (strcmp(op, "end_call") == 0) {
		rc = cc_crm_call_end(crm, str(a, "call_id"), str(a, "status"), str(a, "outcome"), 0);
	} else if (strcmp(op, "call") == 0) {
		cc_crm_call *c;
		if ((rc = cc_crm_call_get(&c, crm, str(step, "id"))) == 0) {
			*got = call_json(c);
			cc_crm_call_free(c);
		}
	} else if (strcmp(op, "append_turn") == 0) {
		rc = cc_crm_transcript_append(crm, str(a, "call_id"),
					      (int64_t)cJSON_GetObjectItem(a, "seq")->valuedouble,
					      str(a, "speaker"), str(a, "text"), str(a, "language"), 0);
	} else if (strcmp(op, "transcript") == 0) {
		cc_crm_transcript *t;
		if ((rc = cc_crm_transcript_get(&t, crm, str(step, "id"))) == 0) {
			*got = cJSON_CreateArray();
			for (size_t i = 0; i < t->count; i++) {
				cJSON *o = cJSON_CreateObject();
				add_i64(o, "seq", t->items[i].seq);
				add_str(o, "speaker", t->items[i].speaker);
				add_str(o, "text", t->items[i].text);
				add_str(o, "language", t->items[i].language);
				add_i64(o, "at", t->items[i].at);
				cJSON_AddItemToArray(*got, o);
			}
			cc_crm_transcript_free(t);
		}
	} else if (strcmp(op, "create_ticket") == 0) {
		cc_crm_ticket_input in = CC_CRM_TICKET_INPUT_INIT;
		in.subject = str(a, "subject");
		in.description = str(a, "description");
		in.department = str(a, "department");
		in.priority = str(a, "priority");
		in.customer_phone = str(a, "customer_phone");
		in.call_id = str(a, "call_id");
		in.idempotency_key = str(a, "idempotency_key");
		if ((rc = cc_crm_ticket_create(id, crm, &in)) >= 0)
			*got = cJSON_CreateString(id);
	} else if (strcmp(op, "ticket") == 0) {
		cc_crm_ticket *t;
		if ((rc = cc_crm_ticket_get(&t, crm, str(step, "id"))) == 0) {
			*got = ticket_json(t);
			cc_crm_ticket_free(t);
		}
	} else if (strcmp(op, "ticket_history") == 0) {
		cc_crm_ticket_history *h;
		if ((rc = cc_crm_ticket_history_get(&h, crm, str(step, "id"))) == 0) {
			*got = cJSON_CreateArray();
			for (size_t i = 0; i < h->count; i++) {
				cJSON *o = cJSON_CreateObject();
				add_str(o, "action", h->items[i].action);
				add_str(o, "old_value", h->items[i].old_value);
				add_str(o, "new_value", h->items[i].new_value);
				add_str(o, "changed_by", h->items[i].changed_by);
				cJSON_AddItemToArray(*got, o);
			}
			cc_crm_ticket_history_free(h);
		}
	} else if (strcmp(op, "upsert_agent") == 0) {
		cc_crm_agent_input in = CC_CRM_AGENT_INPUT_INIT;
		in.id = str(a, "id");
		in.name = str(a, "name");
		in.department = str(a, "department");
		in.skills = str(a, "skills");
		in.languages = str(a, "languages");
		rc = cc_crm_agent_upsert(crm, &in);
	} else if (strcmp(op, "agent") == 0) {
		cc_crm_agent *ag;
		if ((rc = cc_crm_agent_get(&ag, crm, str(step, "id"))) == 0) {
			*got = agent_json(ag);
			cc_crm_agent_free(ag);
		}
	} else if (strcmp(op, "assign_ticket") == 0) {
		rc = cc_crm_ticket_assign(crm, str(a, "id"), str(a, "agent_id"), NULL, NULL);
	} else if (strcmp(op, "set_ticket_status") == 0) {
		rc = cc_crm_ticket_set_status(crm, str(a, "id"), str(a, "status"), str(a, "who"), NULL);
	} else {
		fail_msg("unknown op %s", op);
		rc = CC_EINVAL;
	}
	return rc;
}

static void test_crm(void **state)
{
	cJSON *fx = load("crm.json"), *step;
	int64_t clock_ms = (int64_t)cJSON_GetObjectItem(fx, "clock_ms")->valuedouble;
	cc_crm_options opts = CC_CRM_OPTIONS_INIT;
	cc_store *store = NULL;
	cc_crm *crm = NULL;
	int i = 0;
	(void)state;

	nsaved = 0;
	opts.default_region = str(fx, "region");
	opts.clock = fixed_clock;
	opts.clock_userdata = &clock_ms;
	assert_int_equal(cc_store_open(&store, "memory:", NULL), 0);
	assert_int_equal(cc_crm_open(&crm, store, &opts), 0);
	cJSON_ArrayForEach(step, cJSON_GetObjectItem(fx, "steps"))
	{
		cJSON *s = cJSON_Duplicate(step, 1), *got = NULL;
		const cJSON *want;
		char where[64];
		int rc;

		substitute(s);
		snprintf(where, sizeof(where), "step %d (%s)", i++, str(s, "op"));
		rc = run_op(crm, s, &got);
		if (str(s, "error")) {
			if (rc >= 0 || strcmp(cc_error_name(rc), str(s, "error")) != 0)
				fail_msg("%s: got %d, want %s", where, rc, str(s, "error"));
		} else {
			if (rc < 0)
				fail_msg("%s: %s (%s)", where, cc_error_name(rc), cc_error_last()->message);
			if (str(s, "save")) {
				assert_true(nsaved < MAX_SAVED);
				snprintf(saved[nsaved].name, sizeof(saved[nsaved].name), "%s", str(s, "save"));
				snprintf(saved[nsaved].value, sizeof(saved[nsaved].value), "%s",
					 got->valuestring);
				nsaved++;
			}
			if (str(s, "expect_prefix"))
				assert_true(strncmp(got->valuestring, str(s, "expect_prefix"),
						    strlen(str(s, "expect_prefix"))) == 0);
			want = cJSON_GetObjectItem(s, "expect");
			if (want && cJSON_IsObject(want)) {
				same_subset(got, want, where);
			} else if (want) {
				same(got, want, where);
			}
		}
		cJSON_Delete(got);
		cJSON_Delete(s);
	}
	cc_crm_free(crm);
	cc_store_free(store);
	cJSON_Delete(fx);
}

static int write_results(void **state)
{
	const char *path = getenv("CC_CONFORMANCE_OUT");
	int rc = 0;
	(void)state;
	if (path && *path) {
		char *text = cJSON_Print(results);
		FILE *f = fopen(path, "wb");
		rc = (text && f && fputs(text, f) >= 0) ? 0 : -1;
		if (f && fclose(f) != 0)
			rc = -1;
		free(text);
	}
	cJSON_Delete(results);
	return rc;
}

static int setup(void **state)
{
	(void)state;
	results = cJSON_CreateObject();
	return results ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analysis),
		cmocka_unit_test(test_routing),
		cmocka_unit_test(test_calls),
		cmocka_unit_test(test_crm),
	};
	return cmocka_run_group_tests(tests, setup, write_results);
}
