/* The "elevenlabs" TTS provider: POST /v1/text-to-speech/{voice}/stream
 * with a pcm_<rate> output format, read as it streams. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net.h"

#define ELEVENLABS_BASE "https://api.elevenlabs.io"

static const char *const el_params[] = { "output_format", "voice_ar",
					 "voice_en", "stability",
					 "similarity_boost", "ca_file", NULL };

struct el {
	struct net net;
	uint32_t rate;
	char format[16];
};

/* Voice IDs go into the URL path: letters and digits only. */
static int voice_id_ok(const char *v)
{
	size_t i, n = v ? strlen(v) : 0;
	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
		      (v[i] >= '0' && v[i] <= '9')))
			return 0;
	return 1;
}

static int el_create(void **state, const cc_provider_options *opts,
		     void *userdata)
{
	static const uint32_t rates[] = { 8000,	 16000, 22050, 24000,
					  32000, 44100, 48000 };
	const char *fmt = cc_provider_param(opts, "output_format");
	struct el *e;
	uint32_t rate = 0;
	size_t i;
	int rc;

	(void)userdata;
	if ((rc = cc_providers__check_params(opts, "elevenlabs", el_params)))
		return rc;
	if (fmt) {
		/* Only raw PCM is decoded here: pcm_<rate>. */
		char *end;
		unsigned long r = strncmp(fmt, "pcm_", 4) == 0
					  ? strtoul(fmt + 4, &end, 10)
					  : 0;
		for (i = 0; i < CC__ARRAY_SIZE(rates); i++)
			if (r == rates[i] && *end == '\0')
				rate = rates[i];
		if (!rate)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "elevenlabs: output_format must be "
					 "pcm_8000|16000|22050|24000|32000|"
					 "44100|48000");
	} else {
		/* Ask for the host's rate when ElevenLabs has it, so nothing
		 * needs resampling. */
		rate = 16000;
		for (i = 0; i < CC__ARRAY_SIZE(rates); i++)
			if (opts->sample_rate == rates[i])
				rate = rates[i];
	}
	if (!(e = cc__calloc(1, sizeof(*e))))
		return cc__error_nomem();
	rc = cc_net__open(&e->net, opts, "elevenlabs", "CC_ELEVENLABS_BASE_URL",
			  "ELEVENLABS_BASE_URL", ELEVENLABS_BASE,
			  "CC_ELEVENLABS_API_KEY", "ELEVENLABS_API_KEY",
			  "xi-api-key: ", "eleven_flash_v2_5",
			  cc_providers__setting(NULL, "CC_ELEVENLABS_VOICE_ID",
						"ELEVENLABS_VOICE_ID", NULL));
	if (rc) {
		cc__free(e);
		return rc;
	}
	e->rate = rate;
	snprintf(e->format, sizeof(e->format), "pcm_%u", (unsigned)rate);
	*state = e;
	return 0;
}

static void el_destroy(void *state)
{
	struct el *e = state;
	if (!e)
		return;
	cc_net__close(&e->net);
	cc__free(e);
}

static void el_cancel(void *state)
{
	cc__http_cancel(((struct el *)state)->net.http);
}

struct el_ctx {
	cc__http_response *resp;
	struct pcm_sink pcm;
};

static int el_data(const char *data, size_t len, void *userdata)
{
	struct el_ctx *c = userdata;
	const char *ct = c->resp->content_type;

	if (strncasecmp(ct, "audio/", 6) != 0 &&
	    strncasecmp(ct, "application/octet-stream", 24) != 0)
		return cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				 "elevenlabs: expected audio, got '%.60s'",
				 ct[0] ? ct : "no type");
	return cc_net__pcm_feed(&c->pcm, data, len);
}

static int el_synthesize(void *state, const char *text, const char *language,
			 const char *voice, cc_tts_audio_fn *emit,
			 void *emit_userdata)
{
	struct el *e = state;
	const cc_provider_options *o = e->net.opts;
	const char *stab = cc_provider_param(o, "stability");
	const char *sim = cc_provider_param(o, "similarity_boost");
	cc__http_response resp = { 0 };
	cc__http_request req = { 0 };
	struct el_ctx c;
	cJSON *body = NULL, *vs;
	char *json = NULL, *url = NULL, path[160];
	int rc = 0;

	if (!voice && language && strcmp(language, "ar") == 0)
		voice = cc_provider_param(o, "voice_ar");
	if (!voice && language && strcmp(language, "en") == 0)
		voice = cc_provider_param(o, "voice_en");
	if (!voice)
		voice = e->net.voice;
	if (!voice)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "elevenlabs: no voice id (set the voice "
				 "option or ELEVENLABS_VOICE_ID)");
	if (!voice_id_ok(voice))
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_PROVIDER,
				 "elevenlabs: malformed voice id");
	memset(&c, 0, sizeof(c));
	c.resp = &resp;
	c.pcm.emit = emit;
	c.pcm.userdata = emit_userdata;
	c.pcm.rate = e->rate;
	snprintf(path, sizeof(path),
		 "v1/text-to-speech/%s/stream?output_format=%s", voice,
		 e->format);
	if (!(body = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(body, "text", text) ||
	    !cJSON_AddStringToObject(body, "model_id", e->net.model))
		goto nomem;
	/* multilingual_v2 rejects language_code; the others use it. */
	if (language && *language &&
	    !strstr(e->net.model, "multilingual_v2") &&
	    !cJSON_AddStringToObject(body, "language_code", language))
		goto nomem;
	if (stab || sim) {
		if (!(vs = cJSON_AddObjectToObject(body, "voice_settings")) ||
		    (stab && !cJSON_AddNumberToObject(vs, "stability", atof(stab))) ||
		    (sim && !cJSON_AddNumberToObject(vs, "similarity_boost",
						     atof(sim))))
			goto nomem;
	}
	if (!(json = cJSON_PrintUnformatted(body)) ||
	    !(url = cc__http_url(e->net.base, path)))
		goto nomem;
	req.what = "elevenlabs TTS";
	req.url = url;
	req.headers = e->net.headers;
	req.body = json;
	req.body_len = strlen(json);
	req.on_data = el_data;
	req.userdata = &c;
	if ((rc = cc__http_perform(e->net.http, &req, &resp)) == 0 &&
	    c.pcm.bytes == 0)
		rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
			       "elevenlabs: the answer held no audio");
	goto out;
nomem:
	rc = cc__error_nomem();
out:
	cJSON_Delete(body);
	cJSON_free(json);
	cc__free(url);
	cc__http_response_dispose(&resp);
	return rc;
}

const cc_tts_vtable cc_providers__elevenlabs_tts = {
	CC_TTS_VTABLE_VERSION,
	"elevenlabs",
	CC_TTS_CAP_STREAMING | CC_TTS_CAP_ARABIC,
	el_create,
	el_destroy,
	el_synthesize,
	el_cancel,
};
