/* voice-file: a whole call from recorded caller turns.
 *
 * Each WAV file is one thing the caller says.  They go through the voice
 * pipeline exactly as live audio would (20 ms frames, then a second of
 * silence so the VAD ends the utterance): VAD, the STT at --stt-url, the
 * IVR session, espeak-ng speaking the answers.  Everything the system said
 * is written to --out as one WAV file, and the events to standard output.
 *
 *   voice-file --stt-url http://127.0.0.1:8080/v1 [--stt-key KEY]
 *              [--llm-url URL] [--lang en|ar] --out answers.wav TURN.wav...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter.h>

#define RATE 16000

static cc_audio_frame answers = CC_AUDIO_FRAME_INIT;
static int failures;

static void on_audio(const int16_t *s, size_t n, uint32_t rate, void *ud)
{
	(void)ud;
	if (cc_audio_frame_append(&answers, s, n, rate, 1) != 0)
		failures++;
}

static void on_event(const cc_voice_event *ev, void *ud)
{
	(void)ud;
	switch (ev->type) {
	case CC_VOICE_EVENT_TRANSCRIPT:
		printf("caller: %s\n", ev->text);
		break;
	case CC_VOICE_EVENT_ACTION:
		if (ev->action->type == CC_ACTION_SAY)
			printf("system: %s\n", ev->action->text);
		else
			printf("action: %s %s\n",
			       cc_action_type_name(ev->action->type),
			       ev->action->department ? ev->action->department
						      : "");
		break;
	case CC_VOICE_EVENT_REPLY:
		printf("persona: %s\n", ev->text);
		break;
	case CC_VOICE_EVENT_HANDOFF:
		printf("handoff: the %s persona takes the call\n", ev->text);
		break;
	case CC_VOICE_EVENT_ERROR:
		printf("error: %s\n", ev->text);
		failures++;
		break;
	case CC_VOICE_EVENT_METRICS:
		printf("latency: stt %.1f ms, session %.3f ms, llm %.1f ms, "
		       "tts %.1f ms, pipeline %.3f ms\n",
		       ev->metrics.stt_us / 1000.0,
		       ev->metrics.session_us / 1000.0,
		       ev->metrics.llm_us / 1000.0,
		       ev->metrics.tts_first_us / 1000.0,
		       ev->metrics.pipeline_us / 1000.0);
		break;
	default:
		break;
	}
	fflush(stdout);
}

static int fail(const char *what, int rc)
{
	fprintf(stderr, "voice-file: %s: %s\n", what, cc_error_last()->message);
	(void)rc;
	return 1;
}

static int play_turn(cc_voice *v, const char *path)
{
	cc_audio_frame in = CC_AUDIO_FRAME_INIT, pcm = CC_AUDIO_FRAME_INIT;
	int16_t silence[RATE / 50] = { 0 };
	int rc;
	size_t off;

	if ((rc = cc_wav_read(path, &in)) || (rc = cc_audio_convert(&in, RATE, &pcm)))
		return fail(path, rc);
	for (off = 0; off < pcm.samples_per_channel; off += RATE / 50) {
		size_t n = pcm.samples_per_channel - off;
		cc_audio_frame f = { pcm.data + off, n < RATE / 50 ? n : RATE / 50,
				     RATE, 1, 0 };
		if ((rc = cc_voice_push_audio(v, &f)) < 0)
			return fail("push", rc);
	}
	for (int i = 0; i < 50; i++) { /* one second of silence */
		cc_audio_frame f = { silence, RATE / 50, RATE, 1, 0 };
		if ((rc = cc_voice_push_audio(v, &f)) < 0)
			return fail("push", rc);
	}
	cc_audio_frame_dispose(&in);
	cc_audio_frame_dispose(&pcm);
	if ((rc = cc_voice_drain(v, 60000)))
		return fail("waiting for the answer", rc);
	/* A file host plays instantly: the answer is "played" now. */
	return cc_voice_playback_done(v) ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *stt_url = NULL, *stt_key = NULL, *llm_url = NULL;
	const char *lang = "en", *out = NULL;
	cc_provider_options so = CC_PROVIDER_OPTIONS_INIT, lo = CC_PROVIDER_OPTIONS_INIT;
	cc_session_options sess = CC_SESSION_OPTIONS_INIT;
	cc_voice_options vo = CC_VOICE_OPTIONS_INIT;
	cc_engine *engine = NULL;
	cc_session *s = NULL;
	cc_stt *stt = NULL;
	cc_tts *tts = NULL;
	cc_llm *llm = NULL;
	cc_voice *v = NULL;
	int i, rc, status = 1;

	for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (!strcmp(argv[i], "--stt-url"))
			stt_url = argv[i + 1];
		else if (!strcmp(argv[i], "--stt-key"))
			stt_key = argv[i + 1];
		else if (!strcmp(argv[i], "--llm-url"))
			llm_url = argv[i + 1];
		else if (!strcmp(argv[i], "--lang"))
			lang = argv[i + 1];
		else if (!strcmp(argv[i], "--out"))
			out = argv[i + 1];
		else
			break;
	}
	if (!out || i >= argc) {
		fprintf(stderr, "usage: voice-file --stt-url URL [--stt-key KEY] "
				"[--llm-url URL] [--lang en|ar] --out OUT.wav "
				"TURN.wav...\n");
		return 2;
	}
	so.base_url = stt_url;
	so.api_key = stt_key;
	lo.base_url = llm_url;
	lo.api_key = stt_key;
	sess.language = lang;
	/* A fixed working-hours start keeps the run the same every time. */
	sess.wall_clock_ms = 1700388000000LL;
	if ((rc = cc_engine_new_default(&engine, NULL)) ||
	    (rc = cc_session_new(&s, engine, &sess)) ||
	    (rc = cc_stt_new(&stt, "openai", &so)) ||
	    (rc = cc_tts_new(&tts, "espeak", NULL)) ||
	    (llm_url && (rc = cc_llm_new(&llm, "openai", &lo)))) {
		fail("setup", rc);
		goto out;
	}
	vo.sample_rate = RATE;
	vo.on_audio = on_audio;
	vo.on_event = on_event;
	if ((rc = cc_voice_new(&v, s, stt, tts, llm, &vo))) {
		fail("voice", rc);
		goto out;
	}
	if (cc_voice_drain(v, 60000) || cc_voice_playback_done(v))
		goto out;
	for (; i < argc; i++)
		if (play_turn(v, argv[i]))
			goto out;
	cc_voice_free(v);
	v = NULL;
	if ((rc = cc_wav_write(out, &answers))) {
		fail(out, rc);
		goto out;
	}
	printf("wrote %s: %.1f s of answers\n", out,
	       cc_audio_frame_duration_ms(&answers) / 1000.0);
	status = failures ? 1 : 0;
out:
	cc_voice_free(v);
	cc_llm_free(llm);
	cc_tts_free(tts);
	cc_stt_free(stt);
	cc_session_free(s);
	cc_engine_free(engine);
	cc_audio_frame_dispose(&answers);
	return status;
}
