/* The espeak-ng provider, measured: real Arabic and English speech of
 * plausible length and loudness, conversion, cancel and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"
#include "callcenter/audio.h"
#include "../audio/signal.h"

static const char en_text[] =
	"Thank you for calling. How can I help you today?";
static const char ar_text[] =
	"\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7\xd9\x8b \xd9\x84\xd8\xa7\xd8\xaa\xd8\xb5"
	"\xd8\xa7\xd9\x84\xd9\x83. \xd9\x83\xd9\x8a\xd9\x81 \xd9\x8a\xd9\x85\xd9"
	"\x83\xd9\x86\xd9\x86\xd9\x8a \xd9\x85\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaf\xd8"
	"\xaa\xd9\x83 \xd8\xa7\xd9\x84\xd9\x8a\xd9\x88\xd9\x85\xd8\x9f";
	/* "شكراً لاتصالك. كيف يمكنني مساعدتك اليوم؟" */

/* Voiced share: fraction of 20 ms windows above -40 dBFS. */
static double voiced_share(const cc_audio_frame *f)
{
	size_t w = f->sample_rate / 50, n = 0, v = 0;
	for (size_t i = 0; i + w <= f->samples_per_channel; i += w, n++)
		if (sig_power(f->data + i, w) > 1e-4)
			v++;
	return n ? (double)v / n : 0.0;
}

static void check_speech(const cc_audio_frame *f, uint32_t rate,
			 uint64_t min_ms, uint64_t max_ms)
{
	uint64_t ms = cc_audio_frame_duration_ms(f);
	assert_int_equal(f->sample_rate, rate);
	assert_int_equal(f->channels, 1);
	assert_true(ms >= min_ms && ms <= max_ms);
	/* Speech is loud enough for a phone line and mostly voiced. */
	assert_true(cc_audio_frame_level_db(f) > -30.0);
	assert_true(voiced_share(f) > 0.5);
	/* An energy VAD hears speech in it. */
	cc_vad *vad = NULL;
	size_t off = 0, used, starts = 0;
	assert_int_equal(cc_vad_new(&vad, f->sample_rate, NULL), 0);
	while (off < f->samples_per_channel) {
		int ev = cc_vad_process(vad, f->data + off,
					f->samples_per_channel - off, &used);
		if (ev == CC_VAD_SPEECH_START)
			starts++;
		off += used;
	}
	assert_true(starts >= 1);
	cc_vad_free(vad);
}

static void test_english_and_arabic(void **state)
{
	cc_tts *tts = NULL;
	cc_audio_frame en = CC_AUDIO_FRAME_INIT, ar = CC_AUDIO_FRAME_INIT;
	(void)state;

	assert_int_equal(cc_tts_new(&tts, "espeak", NULL), 0);
	assert_string_equal(cc_tts_name(tts), "espeak");
	assert_true(cc_tts_capabilities(tts) & CC_TTS_CAP_ARABIC);
	assert_true(cc_tts_capabilities(tts) & CC_TTS_CAP_OFFLINE);
	assert_int_equal(cc_tts_synthesize_frame(tts, en_text, "en", NULL, &en), 0);
	/* Ten English words at 165 words a minute: about 3-4 seconds. */
	check_speech(&en, 22050, 2000, 6000);
	assert_int_equal(cc_tts_synthesize_frame(tts, ar_text, "ar", NULL, &ar), 0);
	check_speech(&ar, 22050, 1500, 7000);
	/* The Arabic voice really read the Arabic: the English voice, which
	 * has no Arabic rules, produces something else entirely. */
	cc_audio_frame ar_en = CC_AUDIO_FRAME_INIT;
	assert_int_equal(cc_tts_synthesize_frame(tts, ar_text, "en", NULL, &ar_en), 0);
	assert_true(ar_en.samples_per_channel != ar.samples_per_channel);
	cc_audio_frame_dispose(&ar_en);

	/* Twice the text, about twice the audio. */
	cc_audio_frame two = CC_AUDIO_FRAME_INIT;
	char twice[256];
	snprintf(twice, sizeof(twice), "%s %s", en_text, en_text);
	assert_int_equal(cc_tts_synthesize_frame(tts, twice, "en", NULL, &two), 0);
	double ratio = (double)two.samples_per_channel / en.samples_per_channel;
	assert_true(ratio > 1.7 && ratio < 2.3);
	cc_audio_frame_dispose(&two);
	cc_audio_frame_dispose(&en);
	cc_audio_frame_dispose(&ar);
	cc_tts_free(tts);
}

static void test_converted_rate_and_params(void **state)
{
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	const char *params[] = { "rate", "300", NULL };
	cc_tts *tts = NULL, *fast = NULL;
	cc_audio_frame a = CC_AUDIO_FRAME_INIT, b = CC_AUDIO_FRAME_INIT;
	(void)state;

	o.sample_rate = 16000;
	assert_int_equal(cc_tts_new(&tts, "espeak", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(tts, en_text, "en", NULL, &a), 0);
	check_speech(&a, 16000, 2000, 6000);
	o.params = params;
	assert_int_equal(cc_tts_new(&fast, "espeak", &o), 0);
	assert_int_equal(cc_tts_synthesize_frame(fast, en_text, "en", NULL, &b), 0);
	/* Faster speech rate, shorter audio. */
	assert_true(b.samples_per_channel * 10 < a.samples_per_channel * 8);
	cc_tts_free(fast);
	cc_audio_frame_dispose(&a);
	cc_audio_frame_dispose(&b);

	/* Unknown and out-of-range params are configuration errors. */
	const char *typo[] = { "rat", "300", NULL };
	o.params = typo;
	assert_int_equal(cc_tts_new(&fast, "espeak", &o), CC_ECONFIG);
	assert_non_null(strstr(cc_error_last()->message, "rat"));
	const char *big[] = { "rate", "9000", NULL };
	o.params = big;
	assert_int_equal(cc_tts_new(&fast, "espeak", &o), CC_ECONFIG);
	assert_null(fast);
	cc_tts_free(tts);
}

struct stop_after {
	size_t chunks, limit;
};

static int stop_cb(const int16_t *s, size_t n, uint32_t rate, uint32_t ch,
		   void *userdata)
{
	struct stop_after *st = userdata;
	(void)s, (void)n, (void)rate, (void)ch;
	return ++st->chunks >= st->limit;
}

static void test_cancel_and_bad_input(void **state)
{
	cc_tts *tts = NULL;
	cc_audio_frame a = CC_AUDIO_FRAME_INIT;
	struct stop_after st = { 0, 2 };
	(void)state;

	assert_int_equal(cc_tts_new(&tts, "espeak", NULL), 0);
	/* A callback that says stop ends the request, canceled. */
	assert_int_equal(cc_tts_synthesize(tts, en_text, "en", NULL, stop_cb, &st),
			 CC_ECANCELED);
	assert_int_equal(st.chunks, 2);
	/* A cancel before a request cancels that request ... */
	cc_tts_cancel(tts);
	assert_int_equal(cc_tts_synthesize_frame(tts, en_text, "en", NULL, &a),
			 CC_ECANCELED);
	/* ... and only that one. */
	assert_int_equal(cc_tts_synthesize_frame(tts, "Yes.", "en", NULL, &a), 0);
	assert_true(a.samples_per_channel > 0);

	size_t before = a.samples_per_channel;
	assert_int_equal(cc_tts_synthesize_frame(tts, "", "en", NULL, &a), CC_EINVAL);
	assert_int_equal(cc_tts_synthesize_frame(tts, "bad \xff text", "en", NULL, &a),
			 CC_EUTF8);
	assert_int_equal(cc_tts_synthesize_frame(tts, "hello", "xx-nope", NULL, &a),
			 CC_ENOTFOUND);
	assert_int_equal(cc_tts_synthesize_frame(tts, "hello", NULL, "../../etc", &a),
			 CC_ENOTFOUND);
	char *huge = malloc(5000);
	memset(huge, 'a', 4999);
	huge[4999] = 0;
	assert_int_equal(cc_tts_synthesize_frame(tts, huge, "en", NULL, &a), CC_ETOOBIG);
	free(huge);
	assert_int_equal(a.samples_per_channel, before); /* unchanged */
	assert_int_equal(cc_tts_synthesize_frame(NULL, "x", "en", NULL, &a), CC_EINVAL);
	cc_audio_frame_dispose(&a);
	cc_tts_free(tts);
	cc_tts_free(NULL);

	assert_int_equal(cc_tts_new(&tts, "no-such-voice-engine", NULL), CC_ENOTFOUND);
	cc_provider_options o = CC_PROVIDER_OPTIONS_INIT;
	o.version = 7;
	assert_int_equal(cc_tts_new(&tts, "espeak", &o), CC_EINVAL);
	assert_null(tts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_and_arabic),
		cmocka_unit_test(test_converted_rate_and_params),
		cmocka_unit_test(test_cancel_and_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
