/* The voice pipeline end to end on real parts: espeak-ng speech in, the
 * protocol server's STT, the real session, espeak-ng speech out, the
 * persona through the server's chat endpoint; barge-in, failures spoken,
 * close in the middle of a request. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <time.h>
#include <cmocka.h>

#include "callcenter.h"
#include "callcenter/sys/llm.h"
#include "callcenter/sys/stt.h"
#include "callcenter/sys/tts.h"
#include "../providers/server.h"

#define KEY "voice-key"

struct log {
	pthread_mutex_t mu;
	char text[16384];
	size_t audio;        /* samples received */
	int metrics, errors, barge, handoff, ended;
	cc_voice_metrics last;
};

static struct log L = { PTHREAD_MUTEX_INITIALIZER };

static void on_event(const cc_voice_event *ev, void *ud)
{
	struct log *l = ud;
	char line[600];
	const char *names[] = { "", "start", "end", "partial", "transcript",
				"action", "reply", "barge", "error", "metrics",
				"handoff", "ended" };
	line[0] = 0;
	if (ev->type == CC_VOICE_EVENT_ACTION)
		snprintf(line, sizeof(line), "action:%s:%s|",
			 cc_action_type_name(ev->action->type),
			 ev->action->key ? ev->action->key
					 : ev->action->department ? ev->action->department : "");
	else if (ev->text)
		snprintf(line, sizeof(line), "%s:%.400s|", names[ev->type], ev->text);
	else
		snprintf(line, sizeof(line), "%s|", names[ev->type]);
	pthread_mutex_lock(&l->mu);
	if (strlen(l->text) + strlen(line) < sizeof(l->text))
		strcat(l->text, line);
	if (ev->type == CC_VOICE_EVENT_METRICS) {
		l->metrics++;
		l->last = ev->metrics;
	}
	l->errors += ev->type == CC_VOICE_EVENT_ERROR;
	l->barge += ev->type == CC_VOICE_EVENT_BARGE_IN;
	l->handoff += ev->type == CC_VOICE_EVENT_HANDOFF;
	l->ended += ev->type == CC_VOICE_EVENT_ENDED;
	pthread_mutex_unlock(&l->mu);
}

static void on_audio(const int16_t *s, size_t n, uint32_t rate, void *ud)
{
	struct log *l = ud;
	(void)s;
	assert_int_equal(rate, 16000);
	pthread_mutex_lock(&l->mu);
	l->audio += n;
	pthread_mutex_unlock(&l->mu);
}

static void reset_log(void)
{
	pthread_mutex_lock(&L.mu);
	L.text[0] = 0;
	L.audio = 0;
	L.metrics = L.errors = L.barge = L.handoff = L.ended = 0;
	pthread_mutex_unlock(&L.mu);
}

static cc_engine *engine;
static cc_tts *espeak;

static int setup(void **state)
{
	(void)state;
	if (srv_start(KEY))
		return -1;
	if (cc_engine_new_default(&engine, NULL))
		return -1;
	return cc_tts_new(&espeak, "espeak", NULL);
}

static int teardown(void **state)
{
	(void)state;
	cc_tts_free(espeak);
	cc_engine_free(engine);
	srv_stop();
	return 0;
}

static cc_session *new_session(void)
{
	cc_session_options so = CC_SESSION_OPTIONS_INIT;
	cc_session *s = NULL;
	so.language = "en";
	so.seed = 42;
	so.wall_clock_ms = 1700388000000LL; /* a Sunday, during opening hours */
	assert_int_equal(cc_session_new(&s, engine, &so), 0);
	return s;
}

static cc_stt *new_stt(const char *scenario)
{
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	char url[128];
	cc_stt *stt = NULL;
	srv_url(url, sizeof(url), scenario);
	o.base_url = url;
	o.api_key = KEY;
	o.max_retries = 0;
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	return stt;
}

/* Says @text as the caller would: espeak speech at 16 kHz in 20 ms frames,
 * then a second of line silence so the VAD ends the utterance. */
static int say_as_caller(cc_voice *v, const char *text)
{
	cc_audio_frame sp = CC_AUDIO_FRAME_INIT, f16 = CC_AUDIO_FRAME_INIT;
	int flags = 0;
	assert_int_equal(cc_tts_synthesize_frame(espeak, text, "en", NULL, &sp), 0);
	assert_int_equal(cc_audio_convert(&sp, 16000, &f16), 0);
	int16_t *buf = calloc(f16.samples_per_channel + 16000, sizeof(int16_t));
	memcpy(buf, f16.data, f16.samples_per_channel * sizeof(int16_t));
	size_t total = f16.samples_per_channel + 16000;
	for (size_t off = 0; off < total; off += 320) {
		cc_audio_frame fr = { buf + off, total - off < 320 ? total - off : 320, 16000, 1, 0 };
		int rc = cc_voice_push_audio(v, &fr);
		assert_true(rc >= 0);
		flags |= rc;
	}
	free(buf);
	cc_audio_frame_dispose(&sp);
	cc_audio_frame_dispose(&f16);
	return flags;
}

static void script(const char *json)
{
	cJSON_Delete(srv_call("/_script", json));
}

static void test_call_through_to_the_sales_persona(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = new_stt("ok");
	cc_provider_options lo = CC_PROVIDER_OPTIONS_INIT;
	char url[128];
	cc_llm *llm = NULL;
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	cc_buf hist = CC_BUF_INIT;
	(void)state;

	srv_url(url, sizeof(url), "ok");
	lo.base_url = url;
	lo.api_key = KEY;
	assert_int_equal(cc_llm_new(&llm, "openai", &lo), 0);
	reset_log();
	vo.on_event = on_event;
	vo.on_audio = on_audio;
	vo.userdata = &L;
	vo.crm_context = "VIP customer since 2021; two calls last month";
	script("{\"stt\":[{\"text\":\"My name is Ahmed Ali\"},{\"text\":\"0501234567\"},"
	       "{\"text\":\"ahmed@example.com\"},{\"text\":\"I want to buy your service\"},"
	       "{\"text\":\"yes\"},{\"text\":\"I want to talk to an agent\"},"
	       "{\"text\":\"How much is the smart advertising package\"}]}");
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, llm, &vo), 0);
	assert_int_equal(cc_voice_drain(v, 20000), 0);
	/* The greeting and the first question were spoken: seconds of audio. */
	assert_non_null(strstr(L.text, "action:say:greeting|"));
	assert_non_null(strstr(L.text, "action:say:ask_name|"));
	assert_true(L.audio > 16000 * 2);

	const char *turns[] = { "My name is Ahmed Ali", "zero five zero one two three four five six seven",
				"ahmed at example dot com", "I want to buy your service", "yes",
				"I want to talk to an agent", "How much is the smart advertising package" };
	for (size_t i = 0; i < 7; i++) {
		int flags = say_as_caller(v, turns[i]);
		assert_true(flags & CC_VOICE_SPEECH_STARTED);
		assert_true(flags & CC_VOICE_SPEECH_ENDED);
		assert_int_equal(cc_voice_drain(v, 30000), 0);
		assert_int_equal(cc_voice_playback_done(v), 0);
	}
	assert_int_equal(cc_voice_drain(v, 10000), 0);
	pthread_mutex_lock(&L.mu);
	/* The session heard the transcripts and moved through its stages. */
	assert_non_null(strstr(L.text, "transcript:My name is Ahmed Ali|"));
	assert_non_null(strstr(L.text, "action:say:ask_phone|"));
	assert_non_null(strstr(L.text, "action:say:ask_email|"));
	assert_non_null(strstr(L.text, "action:route:sales|"));
	assert_non_null(strstr(L.text, "action:enqueue:sales|"));
	/* The sales persona took the call and answered with the history. */
	assert_int_equal(L.handoff, 1);
	assert_non_null(strstr(L.text, "reply:[You are Sarah, an enthus] you said: I want to talk to an agent (2 messages)|"));
	assert_non_null(strstr(L.text, "reply:[You are Sarah, an enthus] you said: How much is the smart advertising package (4 messages)|"));
	assert_int_equal(L.errors, 0);
	assert_true(L.metrics >= 7);
	/* Per-turn latency: providers measured, the pipeline's share is the
	 * rest and small next to them. */
	assert_true(L.last.total_us >= L.last.stt_us + L.last.llm_us);
	assert_true(L.last.pipeline_us < L.last.total_us);
	pthread_mutex_unlock(&L.mu);
	/* The persona saw the caller's details and the CRM context. */
	cJSON *st = srv_call("/_stats", NULL);
	cJSON *chat = cJSON_GetObjectItem(cJSON_GetObjectItem(st, "last"), "ok:chat");
	const char *sys = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(chat, "messages"), 0), "content")->valuestring;
	assert_non_null(strstr(sys, "You are Sarah"));
	assert_non_null(strstr(sys, "name: Ahmed Ali"));
	assert_non_null(strstr(sys, "VIP customer since 2021"));
	cJSON_Delete(st);
	assert_int_equal(cc_voice_history(v, &hist), 4);
	assert_non_null(strstr(hist.ptr, "\"role\":\"assistant\""));
	cc_buf_dispose(&hist);
	cc_voice_free(v);
	cc_llm_free(llm);
	cc_stt_free(stt);
	cc_session_free(s);
}

static void test_barge_in_and_failures_spoken(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = new_stt("e500");
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	(void)state;

	reset_log();
	vo.on_event = on_event;
	vo.on_audio = on_audio;
	vo.userdata = &L;
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, &vo), 0);
	assert_int_equal(cc_voice_drain(v, 20000), 0);
	/* The greeting was not reported played: the caller talking now is a
	 * barge-in (the question allows it). */
	int flags = say_as_caller(v, "Hello hello");
	assert_true(flags & CC_VOICE_STOP_PLAYBACK);
	assert_int_equal(cc_voice_drain(v, 20000), 0);
	pthread_mutex_lock(&L.mu);
	assert_int_equal(L.barge, 1);
	/* The STT failed (HTTP 500): an error event and a spoken apology. */
	assert_int_equal(L.errors, 1);
	assert_non_null(strstr(L.text, "error:openai STT: HTTP 500"));
	size_t before = L.audio;
	pthread_mutex_unlock(&L.mu);
	assert_true(before > 0);
	cc_voice_free(v);
	cc_stt_free(stt);
	cc_session_free(s);
}

static void test_tts_failure_falls_back_to_the_offline_voice(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = new_stt("ok");
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	char url[128];
	cc_tts *tts = NULL;
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	(void)state;

	srv_url(url, sizeof(url), "e500");
	o.base_url = url;
	o.api_key = KEY;
	o.max_retries = 0;
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	reset_log();
	vo.on_event = on_event;
	vo.on_audio = on_audio;
	vo.userdata = &L;
	assert_int_equal(cc_voice_new(&v, s, stt, tts, NULL, &vo), 0);
	assert_int_equal(cc_voice_drain(v, 20000), 0);
	pthread_mutex_lock(&L.mu);
	/* Each prompt failed on the service (HTTP 500) and was reported ... */
	assert_true(L.errors >= 1);
	assert_non_null(strstr(L.text, "error:openai TTS: HTTP 500"));
	/* ... and still spoken: seconds of audio from the offline voice. */
	assert_true(L.audio > 16000 * 2);
	pthread_mutex_unlock(&L.mu);
	cc_voice_free(v);
	cc_tts_free(tts);
	cc_stt_free(stt);
	cc_session_free(s);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_close_mid_request(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = new_stt("slow");
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	(void)state;

	reset_log();
	vo.on_event = on_event;
	vo.userdata = &L;
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, &vo), 0);
	assert_int_equal(cc_voice_drain(v, 20000), 0);
	assert_true(say_as_caller(v, "My name is Ahmed") & CC_VOICE_SPEECH_ENDED);
	usleep(300 * 1000); /* the STT request is now waiting on the server */
	double t0 = now_s();
	cc_voice_free(v);
	assert_true(now_s() - t0 < 2.5); /* not the server's 5 s */
	/* The provider is usable again afterwards: no stale cancel. */
	cc_stt_free(stt);
	stt = new_stt("ok");
	cc_stt_result r = CC_STT_RESULT_INIT;
	int16_t pcm[3200];
	for (int i = 0; i < 3200; i++)
		pcm[i] = (int16_t)(6000 * sin(i * 0.1));
	cc_audio_frame f = { pcm, 3200, 16000, 1, 0 };
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), 0);
	cc_stt_result_dispose(&r);
	cc_stt_free(stt);
	cc_session_free(s);
}

static void test_bad_arguments(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = new_stt("ok");
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	(void)state;

	assert_int_equal(cc_voice_new(&v, NULL, stt, espeak, NULL, NULL), CC_EINVAL);
	vo.sample_rate = 100;
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, &vo), CC_EINVAL);
	vo = (cc_voice_options)CC_VOICE_OPTIONS_INIT;
	vo.version = 9;
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, &vo), CC_EINVAL);
	vo = (cc_voice_options)CC_VOICE_OPTIONS_INIT;
	cc_voice_persona bad = { "sales", NULL, NULL };
	vo.personas = &bad;
	vo.persona_count = 1;
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, &vo), CC_EINVAL);
	assert_null(v);
	assert_int_equal(cc_voice_new(&v, s, stt, espeak, NULL, NULL), 0);
	cc_audio_frame bf = { NULL, 10, 16000, 1, 0 };
	assert_int_equal(cc_voice_push_audio(v, &bf), CC_EINVAL);
	assert_int_equal(cc_voice_push_dtmf(v, "9x", 2), CC_EINVAL);
	assert_int_equal(cc_voice_push_opus(v, (const uint8_t *)"\xff\xff\xff", 3), CC_EPARSE);
	cc_voice_free(v);
	cc_voice_free(NULL);
	cc_stt_free(stt);
	cc_session_free(s);
}

/* ---- host providers: scripted STT, recording TTS, streaming LLM -------- */

static const char *const script_answers[] = {
	"My name is Ahmed Ali", "0501234567", "ahmed@example.com",
	"I have a complaint, my internet is broken", "yes",
	"I want to talk to an agent", "It stopped working yesterday" };
static int script_next;
static char spoken[32][512];
static int nspoken;

static int h_create(void **state, const cc_provider_options *o, void *ud)
{
	(void)o, (void)ud;
	*state = NULL;
	return 0;
}
static void h_destroy(void *state)
{
	(void)state;
}
static int h_recognize(void *state, const cc_audio_frame *a, const char *l,
		       cc_stt_emit_fn *emit, void *ud)
{
	const char *t = script_answers[script_next++ % 7];
	(void)state, (void)a, (void)l;
	return emit(1, t, strlen(t), "en", 0.9, ud);
}
static int h_synthesize(void *state, const char *text, const char *l,
			const char *voice, cc_tts_audio_fn *emit, void *ud)
{
	static int16_t pcm[160];
	(void)state, (void)l, (void)voice;
	if (nspoken < 32)
		snprintf(spoken[nspoken++], sizeof(spoken[0]), "%s", text);
	return emit(pcm, 160, 16000, 1, ud);
}
static int h_chat(void *state, const char *sys, const cc_llm_message *m,
		  size_t n, cc_llm_token_fn *emit, void *ud)
{
	static const char *const tokens[] = {
		"I am sorry", " to hear that your", " internet stopped.",
		" I have recorded", " your complaint and", " a technician will call.",
		" Anything", " else?" };
	(void)state, (void)m, (void)n;
	if (!strstr(sys, "Mohammed"))
		return cc_provider_set_error(CC_EPROVIDER, 400, "wrong persona");
	for (size_t i = 0; i < 8; i++)
		if (emit(tokens[i], strlen(tokens[i]), ud))
			return CC_ECANCELED;
	return 0;
}
static const cc_stt_vtable h_stt = { CC_STT_VTABLE_VERSION, "scripted", 0,
				     h_create, h_destroy, h_recognize, NULL };
static const cc_tts_vtable h_tts = { CC_TTS_VTABLE_VERSION, "recording", 0,
				     h_create, h_destroy, h_synthesize, NULL };
static const cc_llm_vtable h_llm = { CC_LLM_VTABLE_VERSION, "streaming", 0,
				     h_create, h_destroy, h_chat, NULL };

static void test_persona_speaks_sentence_by_sentence(void **state)
{
	cc_session *s = new_session();
	cc_stt *stt = NULL;
	cc_tts *tts = NULL;
	cc_llm *llm = NULL;
	cc_voice *v = NULL;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	int16_t *turn = calloc(16000 * 2, sizeof(int16_t));
	(void)state;

	for (int i = 0; i < 8000; i++)
		turn[i] = (int16_t)(8000 * sin(i * 2 * M_PI * 300 / 16000));
	assert_int_equal(cc_stt_register(&h_stt, NULL), 0);
	assert_int_equal(cc_tts_register(&h_tts, NULL), 0);
	assert_int_equal(cc_llm_register(&h_llm, NULL), 0);
	assert_int_equal(cc_stt_new(&stt, "scripted", NULL), 0);
	assert_int_equal(cc_tts_new(&tts, "recording", NULL), 0);
	assert_int_equal(cc_llm_new(&llm, "streaming", NULL), 0);
	reset_log();
	vo.on_event = on_event;
	vo.userdata = &L;
	assert_int_equal(cc_voice_new(&v, s, stt, tts, llm, &vo), 0);
	for (int t = 0; t < 7; t++) {
		for (int off = 0; off < 16000 * 2; off += 320) {
			cc_audio_frame f = { turn + off, 320, 16000, 1, 0 };
			assert_true(cc_voice_push_audio(v, &f) >= 0);
		}
		assert_int_equal(cc_voice_drain(v, 10000), 0);
		assert_int_equal(cc_voice_playback_done(v), 0);
	}
	/* The complaints persona (Mohammed) answered; each finished sentence
	 * went to the TTS on its own, as soon as the LLM completed it. */
	assert_int_equal(L.handoff, 1);
	int found = -1;
	for (int i = 0; i < nspoken; i++)
		if (!strcmp(spoken[i], "I am sorry to hear that your internet stopped."))
			found = i;
	assert_true(found >= 0 && found + 2 < nspoken);
	assert_string_equal(spoken[found + 1],
			    " I have recorded your complaint and a technician will call.");
	assert_string_equal(spoken[found + 2], " Anything else?");
	assert_non_null(strstr(L.text, "reply:I am sorry to hear that your internet stopped. "
				       "I have recorded your complaint and a technician will call. "
				       "Anything else?|"));
	cc_voice_free(v);
	cc_llm_free(llm);
	cc_tts_free(tts);
	cc_stt_free(stt);
	cc_session_free(s);
	free(turn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_call_through_to_the_sales_persona),
		cmocka_unit_test(test_barge_in_and_failures_spoken),
		cmocka_unit_test(test_tts_failure_falls_back_to_the_offline_voice),
		cmocka_unit_test(test_close_mid_request),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_persona_speaks_sentence_by_sentence),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
