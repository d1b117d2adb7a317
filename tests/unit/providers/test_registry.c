/* The provider registry and handles with host-written vtables: lookup,
 * version checks, streaming callbacks, cancel from another thread, busy. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "callcenter/sys/llm.h"
#include "callcenter/sys/stt.h"
#include "callcenter/sys/tts.h"

/* ---- a host STT: reports the duration it heard ------------------------- */

struct host_stt {
	int created_with_model;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int block, canceled, entered;
};

static struct host_stt *last_created;

static int hs_create(void **state, const cc_provider_options *o, void *ud)
{
	struct host_stt *s = calloc(1, sizeof(*s));
	last_created = s;
	s->created_with_model = o->model && strcmp(o->model, "m1") == 0;
	s->block = ud != NULL;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	*state = s;
	return 0;
}

static void hs_destroy(void *state)
{
	struct host_stt *s = state;
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

static int hs_recognize(void *state, const cc_audio_frame *audio,
			const char *language, cc_stt_emit_fn *emit, void *ud)
{
	struct host_stt *s = state;
	char text[64];

	if (s->block) {
		pthread_mutex_lock(&s->mu);
		s->entered = 1;
		pthread_cond_broadcast(&s->cv);
		while (!s->canceled)
			pthread_cond_wait(&s->cv, &s->mu);
		s->canceled = 0;
		pthread_mutex_unlock(&s->mu);
		return cc_provider_set_error(CC_ECANCELED, 0, "host: stopped");
	}
	if (emit(0, "heard", 5, NULL, -1, ud))
		return CC_ECANCELED;
	snprintf(text, sizeof(text), "heard %u ms %s",
		 (unsigned)(audio->samples_per_channel * 1000 / audio->sample_rate),
		 s->created_with_model ? "m1" : "default");
	return emit(1, text, strlen(text), language ? language : "en", 0.9, ud);
}

static void hs_cancel(void *state)
{
	struct host_stt *s = state;
	pthread_mutex_lock(&s->mu);
	s->canceled = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static const cc_stt_vtable host_stt_vt = {
	CC_STT_VTABLE_VERSION, "host-stt", CC_STT_CAP_PARTIALS,
	hs_create, hs_destroy, hs_recognize, hs_cancel,
};
static const cc_stt_vtable blocking_stt_vt = {
	CC_STT_VTABLE_VERSION, "blocking-stt", 0,
	hs_create, hs_destroy, hs_recognize, hs_cancel,
};

static int partials;
static int on_partial(const char *t, size_t n, void *ud)
{
	(void)ud;
	assert_memory_equal(t, "heard", n);
	partials++;
	return 0;
}

static void test_host_stt(void **state)
{
	cc_stt *stt = NULL;
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	cc_stt_result r = CC_STT_RESULT_INIT;
	int16_t pcm[1600] = { 0 };
	cc_audio_frame f = { pcm, 1600, 16000, 1, 0 };
	cc_buf names = CC_BUF_INIT;
	(void)state;

	assert_int_equal(cc_stt_register(&host_stt_vt, NULL), 0);
	assert_int_equal(cc_stt_register(&host_stt_vt, NULL), CC_EEXISTS);
	assert_true(cc_provider_list(CC_PROVIDER_STT, &names) >= 1);
	assert_non_null(strstr(names.ptr, "host-stt\n"));
	o.model = "m1";
	assert_int_equal(cc_stt_new(&stt, "host-stt", &o), 0);
	assert_int_equal(cc_stt_capabilities(stt), CC_STT_CAP_PARTIALS);
	assert_int_equal(cc_stt_recognize(stt, &f, "ar", on_partial, NULL, &r), 0);
	assert_string_equal(r.text.ptr, "heard 100 ms m1");
	assert_string_equal(r.language, "ar");
	assert_float_equal(r.confidence, 0.9, 1e-9);
	assert_int_equal(partials, 1);
	/* Bad frame: refused before the provider sees it. */
	cc_audio_frame bad = { NULL, 10, 16000, 1, 0 };
	assert_int_equal(cc_stt_recognize(stt, &bad, NULL, NULL, NULL, &r), CC_EINVAL);
	assert_string_equal(r.text.ptr, "heard 100 ms m1");
	cc_stt_free(stt);
	/* After unregistering, the name is gone. */
	assert_int_equal(cc_stt_unregister("host-stt"), 0);
	assert_int_equal(cc_stt_unregister("host-stt"), CC_ENOTFOUND);
	assert_int_equal(cc_stt_new(&stt, "host-stt", NULL), CC_ENOTFOUND);
	cc_stt_result_dispose(&r);
	cc_buf_dispose(&names);
}

static void test_register_checks(void **state)
{
	cc_stt_vtable v = host_stt_vt;
	(void)state;
	v.version = CC_STT_VTABLE_VERSION + 1;
	assert_int_equal(cc_stt_register(&v, NULL), CC_EINVAL);
	v.version = 0;
	assert_int_equal(cc_stt_register(&v, NULL), CC_EINVAL);
	v = host_stt_vt;
	v.recognize = NULL;
	assert_int_equal(cc_stt_register(&v, NULL), CC_EINVAL);
	v = host_stt_vt;
	v.name = "";
	assert_int_equal(cc_stt_register(&v, NULL), CC_EINVAL);
	assert_int_equal(cc_stt_register(NULL, NULL), CC_EINVAL);
	cc_buf b = CC_BUF_INIT;
	assert_int_equal(cc_provider_list(9, &b), CC_EINVAL);
	assert_int_equal(cc_provider_set_error(3, 0, "x"), CC_EINVAL);
	assert_int_equal(cc_provider_set_error(CC_EPROVIDER, 503, "busy"),
			 CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 503);
	const char *params[] = { "a", "1", "b", "2", NULL };
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	o.params = params;
	assert_string_equal(cc_provider_param(&o, "b"), "2");
	assert_null(cc_provider_param(&o, "c"));
	assert_null(cc_provider_param(NULL, "a"));
}

struct bg {
	cc_stt *stt;
	int rc;
};

static void *bg_recognize(void *arg)
{
	struct bg *b = arg;
	int16_t pcm[160] = { 0 };
	cc_audio_frame f = { pcm, 160, 16000, 1, 0 };
	cc_stt_result r = CC_STT_RESULT_INIT;
	b->rc = cc_stt_recognize(b->stt, &f, NULL, NULL, NULL, &r);
	cc_stt_result_dispose(&r);
	return NULL;
}

static void test_cancel_from_another_thread(void **state)
{
	struct bg b = { NULL, 1 };
	pthread_t th;
	int dummy = 1;
	(void)state;

	assert_int_equal(cc_stt_register(&blocking_stt_vt, &dummy), 0);
	assert_int_equal(cc_stt_new(&b.stt, "blocking-stt", NULL), 0);
	pthread_create(&th, NULL, bg_recognize, &b);
	/* Wait until the provider is inside recognize. */
	struct host_stt *hs = last_created;
	pthread_mutex_lock(&hs->mu);
	while (!hs->entered)
		pthread_cond_wait(&hs->cv, &hs->mu);
	pthread_mutex_unlock(&hs->mu);
	/* A second request meanwhile is refused: busy. */
	struct bg probe = { b.stt, 1 };
	bg_recognize(&probe);
	assert_int_equal(probe.rc, CC_EBUSY);
	cc_stt_cancel(b.stt);
	pthread_join(th, NULL);
	assert_int_equal(b.rc, CC_ECANCELED);
	cc_stt_free(b.stt);
	assert_int_equal(cc_stt_unregister("blocking-stt"), 0);
}

/* ---- a host LLM that streams three tokens ------------------------------- */

static int hl_create(void **state, const cc_provider_options *o, void *ud)
{
	(void)o, (void)ud;
	*state = NULL;
	return 0;
}

static void hl_destroy(void *state)
{
	(void)state;
}

static int hl_chat(void *state, const char *sys, const cc_llm_message *m,
		   size_t n, cc_llm_token_fn *emit, void *ud)
{
	(void)state;
	if (!sys || n != 2 || m[1].role != CC_LLM_ASSISTANT)
		return cc_provider_set_error(CC_EPROVIDER, 400, "bad request");
	if (emit("Ahlan", 5, ud) || emit(", ", 2, ud) || emit(m[0].content, strlen(m[0].content), ud))
		return CC_ECANCELED;
	return 0;
}

static const cc_llm_vtable host_llm_vt = {
	CC_LLM_VTABLE_VERSION, "host-llm", CC_LLM_CAP_STREAMING,
	hl_create, hl_destroy, hl_chat, NULL,
};

static int tokens;
static int on_token(const char *t, size_t n, void *ud)
{
	(void)t, (void)n;
	tokens++;
	return ud != NULL && tokens >= 2;
}

static void test_host_llm(void **state)
{
	cc_llm *llm = NULL;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message msgs[2] = { { CC_LLM_USER, "Sara" },
				   { CC_LLM_ASSISTANT, "hi" } };
	(void)state;

	assert_int_equal(cc_llm_register(&host_llm_vt, NULL), 0);
	assert_int_equal(cc_llm_new(&llm, "host-llm", NULL), 0);
	assert_int_equal(cc_llm_chat(llm, "persona", msgs, 2, on_token, NULL, &reply), 0);
	assert_string_equal(reply.ptr, "Ahlan, Sara");
	assert_int_equal(tokens, 3);
	/* Provider failure keeps its message and HTTP status. */
	assert_int_equal(cc_llm_chat(llm, NULL, msgs, 2, NULL, NULL, &reply), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 400);
	assert_string_equal(reply.ptr, "Ahlan, Sara");
	/* The host's callback stops the stream: canceled. */
	tokens = 0;
	assert_int_equal(cc_llm_chat(llm, "p", msgs, 2, on_token, &tokens, &reply),
			 CC_ECANCELED);
	assert_int_equal(tokens, 2);
	/* Bad messages. */
	cc_llm_message bad[1] = { { 9, "x" } };
	assert_int_equal(cc_llm_chat(llm, "p", bad, 1, NULL, NULL, &reply), CC_EINVAL);
	bad[0].role = CC_LLM_USER;
	bad[0].content = "\xc3";
	assert_int_equal(cc_llm_chat(llm, "p", bad, 1, NULL, NULL, &reply), CC_EUTF8);
	assert_int_equal(cc_llm_chat(llm, "p", msgs, 0, NULL, NULL, &reply), CC_EINVAL);
	cc_llm_free(llm);
	assert_int_equal(cc_llm_unregister("host-llm"), 0);
	cc_buf_dispose(&reply);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_stt),
		cmocka_unit_test(test_register_checks),
		cmocka_unit_test(test_cancel_from_another_thread),
		cmocka_unit_test(test_host_llm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
