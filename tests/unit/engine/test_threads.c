/* One engine shared by several threads: the same answers as one thread. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"

static const struct {
	const char *text;
	const char *dept;
} cases[] = {
	{ "بدي اشتري خدمة تصميم موقع", "sales" },
	{ "the delivery is late again", "complaints" },
	{ "متى تفتحون", "reception" },
	{ "ما عندي مشكلة بس بدي اعرف السعر", "sales" },
	{ "I need to complain about delivery", "complaints" },
	{ "المبيعات لو سمحت", "sales" },
};

typedef struct worker {
	cc_engine *e;
	int errors;
} worker;

static void *run(void *arg)
{
	worker *w = arg;
	cc_buf b = CC_BUF_INIT;
	cc_call_context ctx = CC_CALL_CONTEXT_INIT;
	cc_rules_result rr;
	int i;
	size_t k;
	ctx.department = "sales";
	ctx.text = "I want a custom package";
	ctx.open = 1;
	for (i = 0; i < 300; i++) {
		for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
			cc_route_result r;
			if (cc_engine_route(&r, w->e, cases[k].text, strlen(cases[k].text)) != 0 ||
			    strcmp(r.department, cases[k].dept) != 0)
				w->errors++;
		}
		if (cc_engine_prompt(&b, NULL, w->e, "goodbye", i % 2 ? "ar" : "en", NULL, 0, 0) ||
		    !strstr(b.ptr, i % 2 ? "أورنينا" : "Ornina"))
			w->errors++;
		if (cc_engine_rules_eval(&rr, NULL, w->e, &ctx) < 1 || rr.action_count < 1)
			w->errors++;
	}
	cc_buf_dispose(&b);
	/* Each thread drops the reference it was given. */
	cc_engine_free(w->e);
	return NULL;
}

static void test_shared_engine(void **state)
{
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = NULL;
	pthread_t t[4];
	worker w[4];
	int i;
	(void)state;
	o.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	assert_int_equal(cc_engine_new_default(&e, &o), 0);
	for (i = 0; i < 4; i++) {
		w[i].e = cc_engine_ref(e);
		w[i].errors = 0;
		assert_int_equal(pthread_create(&t[i], NULL, run, &w[i]), 0);
	}
	/* The creator's reference may go first; the threads keep it alive. */
	cc_engine_free(e);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].errors, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_engine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
