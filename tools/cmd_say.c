/* callcenter say: renders text with a TTS provider into a WAV file, so a
 * user can hear the prompts before going live. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static int say_usage(void)
{
	fprintf(stderr,
		"usage: callcenter say [--lang ar|en] [--voice V] "
		"[--provider NAME] [--rate HZ] --out FILE.wav TEXT...\n"
		"  renders TEXT with the TTS provider (espeak by default; "
		"openai and\n  elevenlabs read their URL and key from the "
		"environment)\n");
	return 2;
}

int cmd_say(int argc, char **argv)
{
	const char *lang = NULL, *voice = NULL, *out = NULL;
	const char *provider = "espeak";
	cc_provider_options opts = CC_PROVIDER_OPTIONS_INIT;
	cc_audio_frame audio = CC_AUDIO_FRAME_INIT;
	char *joined;
	size_t len = 0;
	cc_tts *tts = NULL;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] != '-')
			break;
		if (i + 1 >= argc)
			return say_usage();
		if (strcmp(a, "--lang") == 0)
			lang = argv[++i];
		else if (strcmp(a, "--voice") == 0)
			voice = argv[++i];
		else if (strcmp(a, "--out") == 0)
			out = argv[++i];
		else if (strcmp(a, "--provider") == 0)
			provider = argv[++i];
		else if (strcmp(a, "--rate") == 0)
			opts.sample_rate = (uint32_t)strtoul(argv[++i], NULL, 10);
		else
			return say_usage();
	}
	if (!out || i >= argc)
		return say_usage();
	for (int j = i; j < argc; j++)
		len += strlen(argv[j]) + 1;
	if (!(joined = malloc(len)))
		return tool_fail("say", CC_ENOMEM);
	joined[0] = '\0';
	for (int j = i; j < argc; j++) {
		if (j > i)
			strcat(joined, " ");
		strcat(joined, argv[j]);
	}
	opts.language = lang;
	rc = cc_tts_new(&tts, provider, &opts);
	if (rc == 0)
		rc = cc_tts_synthesize_frame(tts, joined, lang, voice, &audio);
	if (rc == 0)
		rc = cc_wav_write(out, &audio);
	free(joined);
	cc_tts_free(tts);
	if (rc)
		return tool_fail("say", rc);
	fprintf(stderr, "callcenter: wrote %s (%.2f s at %u Hz)\n", out,
		(double)cc_audio_frame_duration_ms(&audio) / 1000.0,
		(unsigned)audio.sample_rate);
	cc_audio_frame_dispose(&audio);
	return 0;
}
