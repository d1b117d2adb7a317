/* A scripted caller for session tests: plays events, keeps every action. */
#ifndef CC_TEST_SESSION_HARNESS_H
#define CC_TEST_SESSION_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"

/* Sunday 2025-11-23 08:00 UTC = 11:00 in Damascus: open. */
#define OPEN_EPOCH_MS 1763884800000LL
/* The same Sunday, 22:00 in Damascus: closed. */
#define CLOSED_EPOCH_MS 1763924400000LL

#define MAX_ACTS 256

typedef struct act {
	cc_action_type type;
	char stage[32], key[64], field[32], lang[4], input[8];
	char department[32], priority[16], ticket[72], reason[128], target[32];
	char kind[16], severity[16];
	char text[1024];
	double confidence;
	uint32_t timeout_ms;
} act;

typedef struct harness {
	cc_engine *engine;
	cc_session *s;
	act acts[MAX_ACTS];
	size_t n;      /* all actions so far */
	size_t mark;   /* first action of the last event */
	uint64_t now;
} harness;

static inline void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static inline void h_drain(harness *h)
{
	const cc_action *a;
	h->mark = h->n;
	while (cc_session_next_action(&a, h->s) == 0) {
		act *x;
		assert_true(h->n < MAX_ACTS);
		x = &h->acts[h->n++];
		memset(x, 0, sizeof(*x));
		x->type = a->type;
		copy(x->stage, sizeof(x->stage), a->stage);
		copy(x->key, sizeof(x->key), a->key);
		copy(x->field, sizeof(x->field), a->field);
		copy(x->lang, sizeof(x->lang), a->language);
		copy(x->input, sizeof(x->input),
		     a->type == CC_ACTION_EXPECT ? cc_input_kind_name(a->input) : "");
		copy(x->department, sizeof(x->department), a->department);
		copy(x->priority, sizeof(x->priority), a->priority);
		copy(x->ticket, sizeof(x->ticket), a->ticket_id);
		copy(x->reason, sizeof(x->reason), a->reason);
		copy(x->target, sizeof(x->target), a->target);
		copy(x->kind, sizeof(x->kind), a->ticket_kind);
		copy(x->severity, sizeof(x->severity), a->severity);
		copy(x->text, sizeof(x->text), a->text);
		x->confidence = a->confidence;
		x->timeout_ms = a->timeout_ms;
	}
}

static inline cc_engine *h_engine(void)
{
	cc_engine *e = NULL;
	static const char *const env[] = { NULL };
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	eo.env = env; /* tests never depend on the caller's environment */
	assert_int_equal(cc_engine_new_default(&e, &eo), 0);
	return e;
}

/* Tests whose call goes through routing, the FAQ or the rules skip until
 * the engine has them (they return CC_EUNSUPPORTED while being built). */
static inline int h_have_router(void)
{
	cc_engine *e = h_engine();
	cc_route_result r;
	int rc = cc_engine_route(&r, e, "test", 4);
	cc_engine_free(e);
	return rc != CC_EUNSUPPORTED;
}

static inline void h_need_router(void)
{
	if (!h_have_router())
		skip();
}

/* Runs the tests, leaving out those that need the router while the
 * engine does not have it (cmocka reports a skip as "not ok # SKIP",
 * which TAP readers count as a failure). */
static inline int h_run(const struct CMUnitTest *tests, size_t n,
			const char *const *need_router)
{
	struct CMUnitTest run[64];
	size_t m = 0;
	int have = h_have_router();
	for (size_t i = 0; i < n && m < 64; i++) {
		int needs = 0;
		for (const char *const *r = need_router; *r; r++)
			needs |= strcmp(*r, tests[i].name) == 0;
		if (needs && !have)
			fprintf(stdout, "# %s: not run, the engine has no router yet\n",
				tests[i].name);
		else
			run[m++] = tests[i];
	}
	return _cmocka_run_group_tests("tests", run, m, NULL, NULL);
}

static inline void h_open_with(harness *h, const char *lang, int64_t epoch_ms,
			const cc_session_recorder *rec)
{
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	memset(h, 0, sizeof(*h));
	h->engine = h_engine();
	o.language = lang;
	o.region = "SA";
	o.seed = 42;
	o.start_ms = 1000;
	o.wall_clock_ms = epoch_ms;
	o.recorder = rec;
	h->now = 1000;
	assert_int_equal(cc_session_new(&h->s, h->engine, &o), 0);
	assert_int_equal(cc_session_start(h->s), 0);
	h_drain(h);
}

static inline void h_open(harness *h, const char *lang)
{
	h_open_with(h, lang, OPEN_EPOCH_MS, NULL);
}

static inline void h_close(harness *h)
{
	cc_session_free(h->s);
	cc_engine_free(h->engine);
	h->s = NULL;
	h->engine = NULL;
}

static inline int h_say(harness *h, const char *text)
{
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
	int rc;
	h->now += 2000;
	info.now_ms = h->now;
	rc = cc_session_input_text(h->s, text, strlen(text), &info);
	h_drain(h);
	return rc;
}

static inline int h_keys(harness *h, const char *keys)
{
	int rc;
	h->now += 2000;
	assert_int_equal(cc_session_tick(h->s, h->now), 0);
	rc = cc_session_input_dtmf(h->s, keys, strlen(keys));
	h_drain(h);
	return rc;
}

static inline int h_silence(harness *h)
{
	int rc;
	h->now += 2000;
	assert_int_equal(cc_session_tick(h->s, h->now), 0);
	rc = cc_session_input_silence(h->s);
	h_drain(h);
	return rc;
}

static inline void h_wait(harness *h, uint64_t ms)
{
	h->now += ms;
	assert_int_equal(cc_session_tick(h->s, h->now), 0);
	h_drain(h);
}

/* The last event's action of a type (and key, when given), or NULL. */
static inline const act *h_find(const harness *h, cc_action_type type, const char *key)
{
	for (size_t i = h->mark; i < h->n; i++)
		if (h->acts[i].type == type && (key == NULL || strcmp(h->acts[i].key, key) == 0))
			return &h->acts[i];
	return NULL;
}

/* The last event's SAY whose prompt key is @stem or "@stem.<reason>", or
 * NULL: finds a re-prompt whatever reason it gave. */
static inline const act *h_find_say_family(const harness *h, const char *stem)
{
	size_t n = strlen(stem);
	for (size_t i = h->mark; i < h->n; i++)
		if (h->acts[i].type == CC_ACTION_SAY && strncmp(h->acts[i].key, stem, n) == 0 &&
		    (h->acts[i].key[n] == '\0' || h->acts[i].key[n] == '.'))
			return &h->acts[i];
	return NULL;
}

/* Any action so far of a type (and key). */
static inline const act *h_find_all(const harness *h, cc_action_type type, const char *key)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->acts[i].type == type && (key == NULL || strcmp(h->acts[i].key, key) == 0))
			return &h->acts[i];
	return NULL;
}

/* The EXPECT of the last event: what the session waits for now. */
static inline const char *h_expecting(const harness *h)
{
	const act *a = h_find(h, CC_ACTION_EXPECT, NULL);
	return a ? a->field : "";
}

/* The standard answers up to confirmation. */
static inline void h_fill(harness *h, const char *name, const char *phone, const char *email,
		   const char *service)
{
	assert_int_equal(h_say(h, name), 0);
	assert_string_equal(h_expecting(h), "phone");
	assert_int_equal(h_say(h, phone), 0);
	assert_string_equal(h_expecting(h), "email");
	assert_int_equal(h_say(h, email), 0);
	assert_string_equal(h_expecting(h), "service_type");
	assert_int_equal(h_say(h, service), 0);
	assert_string_equal(h_expecting(h), "confirmation");
}

#endif
