/* The network providers against the protocol test server on loopback:
 * OpenAI-compatible STT, TTS and chat, ElevenLabs TTS; retries, timeouts,
 * cancel, malformed answers, keys, connection reuse. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>
#include <cmocka.h>

#include "callcenter.h"
#include "server.h"
#include "../audio/signal.h"

#define KEY "test-key-5b1f"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int setup(void **state)
{
	(void)state;
	unsetenv("OPENAI_API_KEY");
	unsetenv("OPENAI_BASE_URL");
	return srv_start(KEY);
}

static int teardown(void **state)
{
	(void)state;
	srv_stop();
	return 0;
}

/* Real speech to upload: espeak-ng when built in, else a tone. */
static void speech(cc_audio_frame *f, const char *text)
{
	cc_tts *tts = NULL;
	if (cc_tts_new(&tts, "espeak", NULL) == 0) {
		assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", NULL, f), 0);
		cc_tts_free(tts);
		return;
	}
	int16_t *x = calloc(16000, sizeof(int16_t));
	sig_add_tone(x, 16000, 16000, 300, 0.3);
	assert_int_equal(cc_audio_frame_append(f, x, 16000, 16000, 1), 0);
	free(x);
}

static void opts_for(cc_provider_options *o, char *url, size_t cap,
		     const char *scenario)
{
	cc_provider_options d = CC_PROVIDER_OPTIONS_INIT;
	*o = d;
	srv_url(url, cap, scenario);
	o->base_url = url;
	o->api_key = KEY;
}

static cJSON *last(const char *key)
{
	static cJSON *stats;
	cJSON_Delete(stats);
	stats = srv_call("/_stats", NULL);
	return cJSON_GetObjectItem(cJSON_GetObjectItem(stats, "last"), key);
}

/* ---- STT ----------------------------------------------------------------- */

static void test_stt_transcribes_real_upload(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_stt *stt = NULL;
	cc_stt_result r = CC_STT_RESULT_INIT;
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	(void)state;

	speech(&f, "I would like to buy your service");
	cJSON_Delete(srv_call("/_script",
			      "{\"stt\":[{\"text\":\"I would like to buy your service\"}]}"));
	opts_for(&o, url, sizeof(url), "ok");
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, "en", NULL, NULL, &r), 0);
	assert_string_equal(r.text.ptr, "I would like to buy your service");
	assert_string_equal(r.language, "en");
	/* What went over the wire: a 16 kHz mono WAV of the same length,
	 * the model and the language hint. */
	cJSON *l = last("ok:stt");
	assert_string_equal(cJSON_GetObjectItem(l, "model")->valuestring, "whisper-1");
	assert_string_equal(cJSON_GetObjectItem(l, "language")->valuestring, "en");
	assert_string_equal(cJSON_GetObjectItem(l, "type")->valuestring, "audio/wav");
	assert_int_equal(cJSON_GetObjectItem(l, "rate")->valueint, 16000);
	assert_int_equal(cJSON_GetObjectItem(l, "channels")->valueint, 1);
	int ms = cJSON_GetObjectItem(l, "duration_ms")->valueint;
	assert_true(abs(ms - (int)cc_audio_frame_duration_ms(&f)) <= 2);

	/* Silence gives an empty transcript, not an error. */
	int16_t zeros[8000] = { 0 };
	cc_audio_frame z = { zeros, 8000, 16000, 1, 0 };
	assert_int_equal(cc_stt_recognize(stt, &z, NULL, NULL, NULL, &r), 0);
	assert_string_equal(r.text.ptr, "");
	cc_stt_free(stt);

	/* verbose_json: the language the service detected, as ISO 639-1. */
	const char *vp[] = { "response_format", "verbose_json", NULL };
	o.params = vp;
	cJSON_Delete(srv_call("/_script",
			      "{\"stt\":[{\"text\":\"\u0627\u0631\u064a\u062f\",\"language\":\"ar\"}]}"));
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), 0);
	assert_string_equal(r.language, "ar");
	assert_string_equal(r.text.ptr, "\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xaf");
	cc_stt_free(stt);

	/* Ogg-Opus upload: compact and labelled as such. */
	const char *op[] = { "upload_format", "ogg", NULL };
	o.params = op;
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, "en", NULL, NULL, &r), 0);
	l = last("ok:stt");
	assert_string_equal(cJSON_GetObjectItem(l, "type")->valuestring, "audio/ogg");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(l, "ogg")));
	assert_true((size_t)cJSON_GetObjectItem(l, "size")->valueint <
		    cc_audio_frame_duration_ms(&f) * 32 / 4);
	cc_stt_free(stt);
	cc_stt_result_dispose(&r);
	cc_audio_frame_dispose(&f);
}

static int partial_count;
static int count_partial(const char *t, size_t n, void *ud)
{
	(void)t, (void)n, (void)ud;
	partial_count++;
	return 0;
}

static void test_stt_streaming_partials(void **state)
{
	cc_provider_options o;
	char url[128];
	const char *p[] = { "stream", "1", NULL };
	cc_stt *stt = NULL;
	cc_stt_result r = CC_STT_RESULT_INIT;
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	(void)state;

	speech(&f, "I have a complaint about my bill");
	cJSON_Delete(srv_call("/_script", "{\"stt\":[{\"text\":\"I have a complaint about my bill\"}]}"));
	opts_for(&o, url, sizeof(url), "ok");
	o.params = p;
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_true(cc_stt_capabilities(stt) & CC_STT_CAP_PARTIALS);
	assert_int_equal(cc_stt_recognize(stt, &f, "en", count_partial, NULL, &r), 0);
	assert_int_equal(partial_count, 7); /* one per word */
	assert_string_equal(r.text.ptr, "I have a complaint about my bill");
	cc_stt_free(stt);
	cc_stt_result_dispose(&r);
	cc_audio_frame_dispose(&f);
}

static void test_keys_and_errors(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_stt *stt = NULL;
	cc_stt_result r = CC_STT_RESULT_INIT;
	int16_t pcm[1600];
	cc_audio_frame f = { pcm, 1600, 16000, 1, 0 };
	(void)state;

	for (int i = 0; i < 1600; i++)
		pcm[i] = (int16_t)(8000 * sin(i * 0.2));
	/* A wrong key: 401 with a hint, and the key is in no message. */
	opts_for(&o, url, sizeof(url), "ok");
	o.api_key = "wrong-secret-77";
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 401);
	assert_non_null(strstr(cc_error_last()->message, "check the API key"));
	assert_null(strstr(cc_error_last()->message, "wrong-secret"));
	cc_stt_free(stt);
	/* The key from the environment. */
	o.api_key = NULL;
	setenv("OPENAI_API_KEY", KEY, 1);
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), 0);
	cc_stt_free(stt);
	unsetenv("OPENAI_API_KEY");
	/* The base URL from the environment too. */
	setenv("CC_OPENAI_BASE_URL", url, 1);
	o.base_url = NULL;
	o.api_key = KEY;
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), 0);
	cc_stt_free(stt);
	unsetenv("CC_OPENAI_BASE_URL");

	/* whisper.cpp's error shape: a plain string. */
	opts_for(&o, url, sizeof(url), "whisper");
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 400);
	assert_non_null(strstr(cc_error_last()->message, "failed to read audio data"));
	cc_stt_free(stt);
	/* Malformed JSON from the server. */
	opts_for(&o, url, sizeof(url), "badjson");
	assert_int_equal(cc_stt_new(&stt, "openai", &o), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), CC_EPARSE);
	cc_stt_free(stt);

	/* Configuration errors at open. */
	o.base_url = "ftp://example.invalid";
	assert_int_equal(cc_stt_new(&stt, "openai", &o), CC_ECONFIG);
	opts_for(&o, url, sizeof(url), "ok");
	const char *typo[] = { "upload_fromat", "ogg", NULL };
	o.params = typo;
	assert_int_equal(cc_stt_new(&stt, "openai", &o), CC_ECONFIG);
	o.params = NULL;
	o.api_key = "bad\r\nInjected: 1";
	assert_int_equal(cc_stt_new(&stt, "openai", &o), CC_ECONFIG);
	assert_null(stt);
	/* Nothing listening: a network error after the retries. */
	cc_provider_options d = CC_PROVIDER_OPTIONS_INIT;
	d.base_url = "http://127.0.0.1:9/v1";
	d.max_retries = 0;
	assert_int_equal(cc_stt_new(&stt, "openai", &d), 0);
	assert_int_equal(cc_stt_recognize(stt, &f, NULL, NULL, NULL, &r), CC_ENETWORK);
	cc_stt_free(stt);
	cc_stt_result_dispose(&r);
}

static void test_retries(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_llm *llm = NULL;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message m = { CC_LLM_USER, "hello" };
	double t0;
	(void)state;

	/* 429 with retry-after-ms: waited, retried once, succeeded. */
	opts_for(&o, url, sizeof(url), "r429");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	t0 = now_s();
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), 0);
	assert_true(now_s() - t0 >= 0.29);
	assert_int_equal(srv_count("r429"), 2);
	cc_llm_free(llm);
	/* retry-after in seconds. */
	opts_for(&o, url, sizeof(url), "r429s");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	t0 = now_s();
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), 0);
	assert_true(now_s() - t0 >= 0.99);
	assert_int_equal(srv_count("r429s"), 2);
	cc_llm_free(llm);
	/* A 500 once, then fine. */
	opts_for(&o, url, sizeof(url), "e500once");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), 0);
	assert_int_equal(srv_count("e500once"), 2);
	cc_llm_free(llm);
	/* Always 500: 1 + max_retries attempts, then a clear error. */
	opts_for(&o, url, sizeof(url), "e500");
	o.max_retries = 1;
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 500);
	assert_non_null(strstr(cc_error_last()->message, "boom"));
	assert_non_null(strstr(cc_error_last()->message, "after retries"));
	assert_int_equal(srv_count("e500"), 2);
	cc_llm_free(llm);
	/* x-should-retry: false wins over the status. */
	opts_for(&o, url, sizeof(url), "noretry");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 503);
	assert_int_equal(srv_count("noretry"), 1);
	cc_llm_free(llm);
	cc_buf_dispose(&reply);
}

static void test_timeout_and_cancel(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_llm *llm = NULL;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message m = { CC_LLM_USER, "hello" };
	double t0;
	(void)state;

	opts_for(&o, url, sizeof(url), "slow");
	o.timeout_ms = 400;
	o.max_retries = 0;
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	t0 = now_s();
	assert_int_equal(cc_llm_chat(llm, "sys", &m, 1, NULL, NULL, &reply), CC_ETIMEOUT);
	assert_true(now_s() - t0 < 3.0);
	cc_llm_free(llm);
}

struct canceler {
	cc_llm *llm;
};

static void *cancel_soon(void *arg)
{
	struct canceler *c = arg;
	usleep(300 * 1000);
	cc_llm_cancel(c->llm);
	return NULL;
}

static void test_cancel_from_another_thread(void **state)
{
	cc_provider_options o;
	char url[128];
	struct canceler c;
	pthread_t th;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message m = { CC_LLM_USER, "hello" };
	double t0;
	(void)state;

	opts_for(&o, url, sizeof(url), "slow");
	assert_int_equal(cc_llm_new(&c.llm, "openai", &o), 0);
	pthread_create(&th, NULL, cancel_soon, &c);
	t0 = now_s();
	assert_int_equal(cc_llm_chat(c.llm, "sys", &m, 1, NULL, NULL, &reply), CC_ECANCELED);
	/* The server would have taken 5 s; the cancel ends it at once. */
	assert_true(now_s() - t0 < 2.5);
	pthread_join(th, NULL);
	cc_llm_free(c.llm);
}

/* ---- chat ----------------------------------------------------------------- */

static int token_count;
static int count_token(const char *t, size_t n, void *ud)
{
	(void)t, (void)n, (void)ud;
	token_count++;
	return 0;
}

static void test_chat_streams_and_keeps_history(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_llm *llm = NULL;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message msgs[3] = { { CC_LLM_USER, "I want a quote" },
				   { CC_LLM_ASSISTANT, "Sure, for which service?" },
				   { CC_LLM_USER, "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb3\xd9\x88\xd9\x8a\xd9\x82" } };
	(void)state;

	opts_for(&o, url, sizeof(url), "ok");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "You are Sarah from sales", msgs, 3,
				     count_token, NULL, &reply), 0);
	assert_string_equal(reply.ptr, "[You are Sarah from sales] you said: "
				       "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb3\xd9\x88\xd9\x8a\xd9\x82"
				       " (4 messages)");
	assert_int_equal(token_count, 10);
	cJSON *l = last("ok:chat");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(l, "stream")));
	cJSON *sent = cJSON_GetObjectItem(l, "messages");
	assert_int_equal(cJSON_GetArraySize(sent), 4);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(sent, 0), "role")->valuestring, "system");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(sent, 2), "role")->valuestring, "assistant");
	cc_llm_free(llm);

	/* Without streaming: the same reply. */
	const char *ns[] = { "stream", "0", "temperature", "0.7", "max_tokens", "500", NULL };
	o.params = ns;
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "You are Sarah from sales", msgs, 3, NULL, NULL, &reply), 0);
	assert_non_null(strstr(reply.ptr, "(4 messages)"));
	l = last("ok:chat");
	assert_int_equal(cJSON_GetObjectItem(l, "max_tokens")->valueint, 500);
	cc_llm_free(llm);

	/* A mid-stream error event, a stream cut before [DONE], bad JSON. */
	o.params = NULL;
	opts_for(&o, url, sizeof(url), "midstream");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "p", msgs, 1, NULL, NULL, &reply), CC_EPROVIDER);
	assert_non_null(strstr(cc_error_last()->message, "model overloaded"));
	assert_int_equal(srv_count("midstream"), 1); /* started: not retried */
	cc_llm_free(llm);
	opts_for(&o, url, sizeof(url), "nodone");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "p", msgs, 1, NULL, NULL, &reply), CC_EPROVIDER);
	assert_non_null(strstr(cc_error_last()->message, "[DONE]"));
	cc_llm_free(llm);
	opts_for(&o, url, sizeof(url), "badjson");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	assert_int_equal(cc_llm_chat(llm, "p", msgs, 1, NULL, NULL, &reply), CC_EPARSE);
	cc_llm_free(llm);
	/* The reply of a failed request is untouched. */
	assert_non_null(strstr(reply.ptr, "(4 messages)"));
	const char *bad[] = { "temperature", "hot", NULL };
	o.params = bad;
	assert_int_equal(cc_llm_new(&llm, "openai", &o), CC_ECONFIG);
	cc_buf_dispose(&reply);
}

static void test_connection_reuse(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_llm *llm = NULL;
	cc_buf reply = CC_BUF_INIT;
	cc_llm_message m = { CC_LLM_USER, "hi" };
	(void)state;

	opts_for(&o, url, sizeof(url), "reuse");
	assert_int_equal(cc_llm_new(&llm, "openai", &o), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(cc_llm_chat(llm, "p", &m, 1, NULL, NULL, &reply), 0);
	cJSON *s = srv_call("/_stats", NULL);
	cJSON *ports = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "ports"), "reuse");
	assert_int_equal(cJSON_GetArraySize(ports), 1); /* one connection */
	cJSON_Delete(s);
	assert_int_equal(srv_count("reuse"), 4);
	cc_llm_free(llm);
	cc_buf_dispose(&reply);
}

/* ---- TTS ------------------------------------------------------------------ */

static void check_tone(const cc_audio_frame *f, uint32_t rate, double freq,
		       uint64_t ms)
{
	assert_int_equal(f->sample_rate, rate);
	assert_int_equal(f->channels, 1);
	assert_true(llabs((long long)cc_audio_frame_duration_ms(f) - (long long)ms) <= 2);
	/* The samples survived chunking intact: a clean tone. */
	size_t n = f->samples_per_channel;
	double p = sig_power_at(f->data + n / 10, n * 8 / 10, rate, freq);
	assert_float_equal(p, 0.5 * 0.3 * 0.3, 0.005);
}

static void test_openai_tts(void **state)
{
	cc_provider_options o;
	char url[128];
	cc_tts *tts = NULL;
	cc_audio_frame a = CC_AUDIO_FRAME_INIT;
	const char *text = "Welcome to the call center"; /* 26 chars: 1.04 s */
	(void)state;

	opts_for(&o, url, sizeof(url), "ok");
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", "nova", &a), 0);
	check_tone(&a, 24000, 440, 1040);
	cJSON *l = last("ok:tts");
	assert_string_equal(cJSON_GetObjectItem(l, "voice")->valuestring, "nova");
	assert_string_equal(cJSON_GetObjectItem(l, "model")->valuestring, "tts-1");
	cc_tts_free(tts);
	/* Converted to the host's rate. */
	o.sample_rate = 16000;
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", NULL, &a), 0);
	check_tone(&a, 16000, 440, 1040);
	cc_tts_free(tts);
	/* SSE with base64 audio. */
	o.sample_rate = 0;
	const char *sse[] = { "stream_format", "sse", NULL };
	o.params = sse;
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", NULL, &a), 0);
	check_tone(&a, 24000, 440, 1040);
	cc_tts_free(tts);
	o.params = NULL;
	/* Not audio: a clear error, not noise. */
	opts_for(&o, url, sizeof(url), "html");
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", NULL, &a), CC_EPROVIDER);
	assert_non_null(strstr(cc_error_last()->message, "text/html"));
	cc_tts_free(tts);
	/* Cut mid-stream: a network error, not retried (audio had started). */
	opts_for(&o, url, sizeof(url), "midstream");
	assert_int_equal(cc_tts_new(&tts, "openai", &o), 0);
	int before = srv_count("midstream");
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "en", NULL, &a), CC_ENETWORK);
	assert_int_equal(srv_count("midstream"), before + 1);
	cc_tts_free(tts);
	check_tone(&a, 24000, 440, 1040); /* unchanged by the failure */
	cc_audio_frame_dispose(&a);
}

static void test_elevenlabs_tts(void **state)
{
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	char url[128];
	cc_tts *tts = NULL;
	cc_audio_frame a = CC_AUDIO_FRAME_INIT;
	const char *text = "\xd8\xa3\xd9\x87\xd9\x84\xd8\xa7\xd9\x8b \xd8\xa8\xd9\x83"; /* 8 code points: 0.32 s */
	(void)state;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", srv_port);
	o.base_url = url;
	o.api_key = KEY;
	o.voice = "Voice123";
	o.sample_rate = 24000;
	assert_int_equal(cc_tts_new(&tts, "elevenlabs", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "ar", NULL, &a), 0);
	check_tone(&a, 24000, 330, 320);
	cJSON *l = last("ok:elevenlabs");
	assert_string_equal(cJSON_GetObjectItem(l, "output_format")->valuestring, "pcm_24000");
	assert_string_equal(cJSON_GetObjectItem(l, "language_code")->valuestring, "ar");
	assert_string_equal(cJSON_GetObjectItem(l, "model_id")->valuestring, "eleven_flash_v2_5");
	assert_string_equal(cJSON_GetObjectItem(l, "voice")->valuestring, "Voice123");
	/* Error shapes: detail object, detail list (422). */
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "ar", "missing", &a), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 404);
	assert_non_null(strstr(cc_error_last()->message, "was not found"));
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "ar", "../x", &a), CC_ENOTFOUND);
	cc_tts_free(tts);
	/* A wrong key. */
	o.api_key = "nope";
	assert_int_equal(cc_tts_new(&tts, "elevenlabs", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "ar", NULL, &a), CC_EPROVIDER);
	assert_int_equal(cc_error_last()->backend_code, 401);
	cc_tts_free(tts);
	/* No voice anywhere: a configuration error at the first request. */
	o.api_key = KEY;
	o.voice = NULL;
	unsetenv("ELEVENLABS_VOICE_ID");
	assert_int_equal(cc_tts_new(&tts, "elevenlabs", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, text, "ar", NULL, &a), CC_ECONFIG);
	cc_tts_free(tts);
	const char *fmt[] = { "output_format", "mp3_44100_128", NULL };
	o.params = fmt;
	assert_int_equal(cc_tts_new(&tts, "elevenlabs", &o), CC_ECONFIG);
	check_tone(&a, 24000, 330, 320);
	cc_audio_frame_dispose(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stt_transcribes_real_upload),
		cmocka_unit_test(test_stt_streaming_partials),
		cmocka_unit_test(test_keys_and_errors),
		cmocka_unit_test(test_retries),
		cmocka_unit_test(test_timeout_and_cancel),
		cmocka_unit_test(test_cancel_from_another_thread),
		cmocka_unit_test(test_chat_streams_and_keeps_history),
		cmocka_unit_test(test_connection_reuse),
		cmocka_unit_test(test_openai_tts),
		cmocka_unit_test(test_elevenlabs_tts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
