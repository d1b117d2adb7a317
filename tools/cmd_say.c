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
		"       callcenter say [--config FILE] [--var NAME=VALUE]... "
		"--prompt KEY [options] --out FILE.wav\n"
		"  renders TEXT, or the configured prompt KEY in --lang, with "
		"the TTS\n  provider (espeak by default; openai and elevenlabs "
		"read their URL and\n  key from the environment)\n");
	return 2;
}

int cmd_say(int argc, char **argv)
{
	const char *lang = NULL, *voice = NULL, *out = NULL;
	const char *provider = "espeak", *prompt = NULL, *config = NULL;
	cc_prompt_var vars[16];
	size_t nvars = 0;
	char *var_copies[16];
	cc_buf rendered = CC_BUF_INIT;
	char used_lang[16];
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
		else if (strcmp(a, "--prompt") == 0)
			prompt = argv[++i];
		else if (strcmp(a, "--config") == 0)
			config = argv[++i];
		else if (strcmp(a, "--var") == 0) {
			char *eq, *copy;
			if (nvars == 16 || !(eq = strchr(argv[i + 1], '=')))
				return say_usage();
			if (!(copy = strdup(argv[++i])))
				return tool_fail("say", CC_ENOMEM);
			copy[eq - argv[i]] = '\0';
			var_copies[nvars] = copy;
			vars[nvars].name = copy;
			vars[nvars].value = copy + (eq - argv[i]) + 1;
			vars[nvars].kind = CC_PROMPT_VAR_AUTO;
			nvars++;
		} else if (strcmp(a, "--rate") == 0)
			opts.sample_rate = (uint32_t)strtoul(argv[++i], NULL, 10);
		else
			return say_usage();
	}
	if (!out || (prompt ? i < argc : i >= argc))
		return say_usage();
	if (prompt) {
		/* The prompt as the IVR would say it, from the configuration. */
		cc_engine *engine = NULL;
		const char *used = NULL;
		rc = config ? cc_engine_new_from_file(&engine, config, NULL)
			    : cc_engine_new_default(&engine, NULL);
		if (rc == 0)
			rc = cc_engine_prompt(&rendered, &used, engine, prompt,
					      lang, vars, nvars, 0);
		if (rc == 0 && !lang && used) {
			/* Speak it in the language it came in (copied: the
			 * engine owns @used). */
			snprintf(used_lang, sizeof(used_lang), "%s", used);
			lang = used_lang;
		}
		cc_engine_free(engine);
		for (size_t k = 0; k < nvars; k++)
			free(var_copies[k]);
		if (rc) {
			cc_buf_dispose(&rendered);
			return tool_fail("prompt", rc);
		}
		if (!(joined = strdup(rendered.ptr))) {
			cc_buf_dispose(&rendered);
			return tool_fail("say", CC_ENOMEM);
		}
		cc_buf_dispose(&rendered);
	} else {
		for (size_t k = 0; k < nvars; k++)
			free(var_copies[k]);
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
	}
	opts.language = lang;
	rc = cc_tts_new(&tts, provider, &opts);
	if (rc == 0)
		rc = cc_tts_synthesize_frame(tts, joined, lang, voice, &audio);
	if (rc == 0)
		rc = cc_wav_write(out, &audio);
	free(joined);
	cc_tts_free(tts);
	if (rc) {
		cc_audio_frame_dispose(&audio);
		return tool_fail("say", rc);
	}
	fprintf(stderr, "callcenter: wrote %s (%.2f s at %u Hz)\n", out,
		(double)cc_audio_frame_duration_ms(&audio) / 1000.0,
		(unsigned)audio.sample_rate);
	cc_audio_frame_dispose(&audio);
	return 0;
}
