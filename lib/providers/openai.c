/* The "openai" providers: STT (/audio/transcriptions), TTS (/audio/speech,
 * pcm) and chat (/chat/completions with SSE streaming) against any
 * OpenAI-compatible server, which includes whisper.cpp's server (started
 * with --request-path /v1/audio --inference-path /transcriptions) and
 * llama.cpp's server. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audio/audio_int.h"
#include "net.h"

#define OPENAI_BASE "https://api.openai.com/v1"

static int open_net(struct net **out, const cc_provider_options *opts,
		    const char *model, const char *voice)
{
	struct net *n = cc__calloc(1, sizeof(*n));
	int rc;

	if (!n)
		return cc__error_nomem();
	rc = cc_net__open(n, opts, "openai", "CC_OPENAI_BASE_URL",
			  "OPENAI_BASE_URL", OPENAI_BASE, "CC_OPENAI_API_KEY",
			  "OPENAI_API_KEY", "Authorization: Bearer ", model,
			  voice);
	if (rc) {
		cc__free(n);
		return rc;
	}
	*out = n;
	return 0;
}

static void net_destroy(void *state)
{
	struct net *n = state;
	if (!n)
		return;
	cc_net__close(n);
	cc__free(n);
}

static void net_cancel(void *state)
{
	cc__http_cancel(((struct net *)state)->http);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int bad_json(const char *what)
{
	return cc__error(CC_EPARSE, CC_ERRCLASS_JSON,
			 "%s: the server's answer is not the JSON expected",
			 what);
}

/* An {"error": ...} object inside a 200 stream or body. */
static int embedded_error(const cJSON *root, const char *what)
{
	cc_buf b = CC_BUF_INIT;
	char msg[320];
	char *txt = cJSON_PrintUnformatted(root);
	int rc;

	if (txt)
		cc__buf_puts(&b, txt);
	cJSON_free(txt);
	cc__http_error_text(&b, msg, sizeof(msg));
	cc_buf_dispose(&b);
	rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER, "%s: %s", what, msg);
	return rc;
}

/* ---- speech to text ------------------------------------------------------ */

static const char *const stt_params[] = { "upload_format", "response_format",
					  "stream", "prompt", "ca_file", NULL };

static int stt_create(void **state, const cc_provider_options *opts,
		      void *userdata)
{
	const char *up = cc_provider_param(opts, "upload_format");
	const char *rf = cc_provider_param(opts, "response_format");
	int rc;

	(void)userdata;
	if ((rc = cc_providers__check_params(opts, "openai STT", stt_params)))
		return rc;
	if (up && strcmp(up, "wav") && strcmp(up, "ogg"))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "openai STT: upload_format must be wav or ogg");
	if (rf && strcmp(rf, "json") && strcmp(rf, "verbose_json") &&
	    strcmp(rf, "text"))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "openai STT: response_format must be json, "
				 "verbose_json or text");
	return open_net((struct net **)state, opts, "whisper-1", NULL);
}

struct stt_ctx {
	cc__http_response *resp;
	cc_stt_emit_fn *emit;
	void *userdata;
	cc__sse sse;
	cc_buf partial, raw;
	const char *language;
	int done, failed;
};

/* Whisper's verbose_json names languages in English; the rest of the
 * library speaks ISO 639-1. */
static const char *iso_language(const char *l)
{
	if (!l)
		return NULL;
	if (strcasecmp(l, "arabic") == 0)
		return "ar";
	if (strcasecmp(l, "english") == 0)
		return "en";
	return strlen(l) <= 3 ? l : NULL;
}

static int stt_event(const char *event, const char *data, size_t len,
		     void *userdata)
{
	struct stt_ctx *c = userdata;
	cJSON *root = cJSON_ParseWithLength(data, len), *t, *v;
	int rc = 0;

	(void)event;
	if (!root)
		return bad_json("openai STT stream");
	t = cJSON_GetObjectItemCaseSensitive(root, "type");
	if (cJSON_GetObjectItemCaseSensitive(root, "error")) {
		rc = embedded_error(root, "openai STT");
	} else if (cJSON_IsString(t) &&
		   strcmp(t->valuestring, "transcript.text.delta") == 0) {
		v = cJSON_GetObjectItemCaseSensitive(root, "delta");
		if (cJSON_IsString(v) &&
		    !(rc = cc__buf_puts(&c->partial, v->valuestring)))
			rc = c->emit(0, c->partial.ptr, c->partial.size, NULL,
				     -1, c->userdata);
	} else if (cJSON_IsString(t) &&
		   strcmp(t->valuestring, "transcript.text.done") == 0) {
		v = cJSON_GetObjectItemCaseSensitive(root, "text");
		if (!cJSON_IsString(v))
			rc = bad_json("openai STT stream");
		else
			rc = c->emit(1, v->valuestring, strlen(v->valuestring),
				     c->language, -1, c->userdata);
		c->done = 1;
	}
	cJSON_Delete(root);
	return rc;
}

static int stt_data(const char *data, size_t len, void *userdata)
{
	struct stt_ctx *c = userdata;

	if (starts_with(c->resp->content_type, "text/event-stream"))
		return cc__sse_feed(&c->sse, data, len);
	return cc__buf_put(&c->raw, data, len);
}

static int stt_body(struct stt_ctx *c, const cc_buf *body, int text_format)
{
	cJSON *root, *t, *lang;
	const char *language = c->language;
	int rc;

	if (text_format && !starts_with(c->resp->content_type,
					"application/json")) {
		/* response_format=text: the body is the transcript. */
		size_t n = body->size;
		while (n && (body->ptr[n - 1] == '\n' || body->ptr[n - 1] == ' '))
			n--;
		return c->emit(1, body->ptr ? body->ptr : "", n, language, -1,
			       c->userdata);
	}
	root = cJSON_ParseWithLength(body->ptr ? body->ptr : "", body->size);
	if (!root)
		return bad_json("openai STT");
	t = cJSON_GetObjectItemCaseSensitive(root, "text");
	if (!cJSON_IsString(t)) {
		rc = cJSON_GetObjectItemCaseSensitive(root, "error")
			     ? embedded_error(root, "openai STT")
			     : bad_json("openai STT");
		cJSON_Delete(root);
		return rc;
	}
	lang = cJSON_GetObjectItemCaseSensitive(root, "language");
	if (cJSON_IsString(lang) && iso_language(lang->valuestring))
		language = iso_language(lang->valuestring);
	rc = c->emit(1, t->valuestring, strlen(t->valuestring), language, -1,
		     c->userdata);
	cJSON_Delete(root);
	return rc;
}

static int stt_recognize(void *state, const cc_audio_frame *audio,
			 const char *language, cc_stt_emit_fn *emit,
			 void *emit_userdata)
{
	struct net *n = state;
	const char *up = cc_provider_param(n->opts, "upload_format");
	const char *rf = cc_provider_param(n->opts, "response_format");
	const char *stream = cc_provider_param(n->opts, "stream");
	const char *prompt = cc_provider_param(n->opts, "prompt");
	int ogg = up && strcmp(up, "ogg") == 0;
	int streaming = stream && strcmp(stream, "0") != 0 &&
			strcmp(stream, "false") != 0;
	cc_audio_frame pcm = CC_AUDIO_FRAME_INIT;
	cc_buf file = CC_BUF_INIT;
	cc__http_response resp = { 0 };
	cc__http_request req = { 0 };
	struct stt_ctx c;
	curl_mime *mime = NULL;
	curl_mimepart *part;
	char *url = NULL;
	int rc;

	memset(&c, 0, sizeof(c));
	c.resp = &resp;
	c.emit = emit;
	c.userdata = emit_userdata;
	c.language = language;
	cc__sse_init(&c.sse, stt_event, &c);
	/* Speech services work at 16 kHz mono; sending more only costs
	 * upload time. */
	if ((rc = cc_audio_convert(audio, 16000, &pcm)))
		goto out;
	rc = ogg ? cc_ogg_opus_encode(&pcm, NULL, &file)
		 : cc_wav_encode(&pcm, &file);
	if (rc)
		goto out;
	if (!(url = cc__http_url(n->base, "audio/transcriptions")) ||
	    !(mime = curl_mime_init(cc__http_easy(n->http)))) {
		rc = url ? cc__error_nomem() : CC_ENOMEM;
		goto out;
	}
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "file");
	curl_mime_data(part, file.ptr, file.size);
	curl_mime_filename(part, ogg ? "audio.ogg" : "audio.wav");
	curl_mime_type(part, ogg ? "audio/ogg" : "audio/wav");
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "model");
	curl_mime_data(part, n->model, CURL_ZERO_TERMINATED);
	if (language && *language) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, "language");
		curl_mime_data(part, language, CURL_ZERO_TERMINATED);
	}
	if (prompt) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, "prompt");
		curl_mime_data(part, prompt, CURL_ZERO_TERMINATED);
	}
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "response_format");
	curl_mime_data(part, rf ? rf : "json", CURL_ZERO_TERMINATED);
	if (streaming) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, "stream");
		curl_mime_data(part, "true", CURL_ZERO_TERMINATED);
	}
	req.what = "openai STT";
	req.url = url;
	req.headers = n->auth;
	req.mime = mime;
	req.on_data = stt_data;
	req.userdata = &c;
	if ((rc = cc__http_perform(n->http, &req, &resp)))
		goto out;
	if (starts_with(resp.content_type, "text/event-stream")) {
		if ((rc = cc__sse_finish(&c.sse)) == 0 && !c.done)
			rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				       "openai STT: the stream ended before "
				       "the transcript");
	} else {
		rc = stt_body(&c, &c.raw, rf && strcmp(rf, "text") == 0);
	}
out:
	curl_mime_free(mime);
	cc__free(url);
	cc__sse_dispose(&c.sse);
	cc_buf_dispose(&c.partial);
	cc_buf_dispose(&c.raw);
	cc__http_response_dispose(&resp);
	cc_buf_dispose(&file);
	cc_audio_frame_dispose(&pcm);
	return rc;
}

const cc_stt_vtable cc_providers__openai_stt = {
	CC_STT_VTABLE_VERSION,
	"openai",
	CC_STT_CAP_PARTIALS | CC_STT_CAP_LANGUAGE_HINT |
		CC_STT_CAP_DETECTS_LANGUAGE,
	stt_create,
	net_destroy,
	stt_recognize,
	net_cancel,
};

/* ---- text to speech ------------------------------------------------------ */

static const char *const tts_params[] = { "speed", "instructions",
					  "stream_format", "pcm_rate",
					  "ca_file", NULL };

static int tts_create(void **state, const cc_provider_options *opts,
		      void *userdata)
{
	long rate = 24000;
	const char *sf = cc_provider_param(opts, "stream_format");
	int rc;

	(void)userdata;
	if ((rc = cc_providers__check_params(opts, "openai TTS", tts_params)) ||
	    (rc = cc_providers__param_int(opts, "pcm_rate", 8000, 48000, &rate)))
		return rc;
	if (sf && strcmp(sf, "audio") && strcmp(sf, "sse"))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "openai TTS: stream_format must be audio or "
				 "sse");
	return open_net((struct net **)state, opts, "tts-1", "alloy");
}

struct tts_ctx {
	cc__http_response *resp;
	struct pcm_sink pcm;
	cc__sse sse;
	cc_buf wav, decoded;
	int kind; /* 0 unknown, 1 raw pcm, 2 sse, 3 wav */
	int done;
};

static int tts_event(const char *event, const char *data, size_t len,
		     void *userdata)
{
	struct tts_ctx *c = userdata;
	cJSON *root = cJSON_ParseWithLength(data, len), *t, *a;
	int rc = 0;

	(void)event;
	if (!root)
		return bad_json("openai TTS stream");
	t = cJSON_GetObjectItemCaseSensitive(root, "type");
	a = cJSON_GetObjectItemCaseSensitive(root, "audio");
	if (!a)
		a = cJSON_GetObjectItemCaseSensitive(root, "delta");
	if (cJSON_GetObjectItemCaseSensitive(root, "error")) {
		rc = embedded_error(root, "openai TTS");
	} else if (cJSON_IsString(a)) {
		cc__buf_clear(&c->decoded);
		rc = cc__base64_decode(a->valuestring, strlen(a->valuestring),
				       &c->decoded);
		if (rc == 0)
			rc = cc_net__pcm_feed(&c->pcm, c->decoded.ptr,
					      c->decoded.size);
	} else if (cJSON_IsString(t) &&
		   strcmp(t->valuestring, "speech.audio.done") == 0) {
		c->done = 1;
	}
	cJSON_Delete(root);
	return rc;
}

static int tts_data(const char *data, size_t len, void *userdata)
{
	struct tts_ctx *c = userdata;
	const char *ct = c->resp->content_type;

	if (c->kind == 0) {
		/* Compatible servers may ignore stream_format or
		 * response_format: decide by what came back. */
		if (starts_with(ct, "text/event-stream"))
			c->kind = 2;
		else if (starts_with(ct, "audio/wav") ||
			 starts_with(ct, "audio/x-wav") ||
			 starts_with(ct, "audio/wave"))
			c->kind = 3;
		else if (starts_with(ct, "audio/") ||
			 starts_with(ct, "application/octet-stream"))
			c->kind = 1;
		else
			return cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
					 "openai TTS: expected audio, got "
					 "'%.60s'", ct[0] ? ct : "no type");
	}
	if (c->kind == 1)
		return cc_net__pcm_feed(&c->pcm, data, len);
	if (c->kind == 2)
		return cc__sse_feed(&c->sse, data, len);
	return cc__buf_put(&c->wav, data, len);
}

static int tts_synthesize(void *state, const char *text, const char *language,
			  const char *voice, cc_tts_audio_fn *emit,
			  void *emit_userdata)
{
	struct net *n = state;
	const char *speed = cc_provider_param(n->opts, "speed");
	const char *instr = cc_provider_param(n->opts, "instructions");
	const char *sf = cc_provider_param(n->opts, "stream_format");
	long rate = 24000;
	cc__http_response resp = { 0 };
	cc__http_request req = { 0 };
	struct tts_ctx c;
	cJSON *body = cJSON_CreateObject();
	char *json = NULL, *url = NULL;
	int rc = 0;

	(void)language; /* the voices are multilingual; the text decides */
	cc_providers__param_int(n->opts, "pcm_rate", 8000, 48000, &rate);
	memset(&c, 0, sizeof(c));
	c.resp = &resp;
	c.pcm.emit = emit;
	c.pcm.userdata = emit_userdata;
	c.pcm.rate = (uint32_t)rate;
	cc__sse_init(&c.sse, tts_event, &c);
	if (!body || !cJSON_AddStringToObject(body, "model", n->model) ||
	    !cJSON_AddStringToObject(body, "input", text) ||
	    !cJSON_AddStringToObject(body, "voice", voice ? voice : n->voice) ||
	    !cJSON_AddStringToObject(body, "response_format", "pcm") ||
	    (speed && !cJSON_AddNumberToObject(body, "speed", atof(speed))) ||
	    (instr && !cJSON_AddStringToObject(body, "instructions", instr)) ||
	    (sf && !cJSON_AddStringToObject(body, "stream_format", sf)) ||
	    !(json = cJSON_PrintUnformatted(body)) ||
	    !(url = cc__http_url(n->base, "audio/speech"))) {
		rc = cc__error_nomem();
		goto out;
	}
	req.what = "openai TTS";
	req.url = url;
	req.headers = n->headers;
	req.body = json;
	req.body_len = strlen(json);
	req.on_data = tts_data;
	req.userdata = &c;
	if ((rc = cc__http_perform(n->http, &req, &resp)))
		goto out;
	if (c.kind == 2) {
		rc = cc__sse_finish(&c.sse);
	} else if (c.kind == 3) {
		cc_audio_frame f = CC_AUDIO_FRAME_INIT;
		if ((rc = cc_wav_parse(c.wav.ptr ? c.wav.ptr : "", c.wav.size,
				       &f)) == 0)
			rc = emit(f.data, f.samples_per_channel, f.sample_rate,
				  f.channels, emit_userdata);
		cc_audio_frame_dispose(&f);
	}
	if (rc == 0 && c.pcm.bytes == 0 && c.kind != 3)
		rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
			       "openai TTS: the answer held no audio");
out:
	cJSON_Delete(body);
	cJSON_free(json);
	cc__free(url);
	cc__sse_dispose(&c.sse);
	cc_buf_dispose(&c.wav);
	cc_buf_dispose(&c.decoded);
	cc__http_response_dispose(&resp);
	return rc;
}

const cc_tts_vtable cc_providers__openai_tts = {
	CC_TTS_VTABLE_VERSION,
	"openai",
	CC_TTS_CAP_STREAMING | CC_TTS_CAP_ARABIC,
	tts_create,
	net_destroy,
	tts_synthesize,
	net_cancel,
};

/* ---- chat ----------------------------------------------------------------- */

static const char *const llm_params[] = { "temperature", "max_tokens",
					  "stream", "ca_file", NULL };

static int llm_create(void **state, const cc_provider_options *opts,
		      void *userdata)
{
	long max_tokens = 0;
	const char *t = cc_provider_param(opts, "temperature");
	int rc;

	(void)userdata;
	if ((rc = cc_providers__check_params(opts, "openai LLM", llm_params)) ||
	    (rc = cc_providers__param_int(opts, "max_tokens", 1, 1000000,
					  &max_tokens)))
		return rc;
	if (t) {
		char *end;
		double v = strtod(t, &end);
		if (end == t || *end || v < 0 || v > 2)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "openai LLM: temperature must be a "
					 "number in 0..2");
	}
	return open_net((struct net **)state, opts, "gpt-4o-mini", NULL);
}

struct llm_ctx {
	cc__http_response *resp;
	cc_llm_token_fn *emit;
	void *userdata;
	cc__sse sse;
	cc_buf raw;
	int done;
};

static int llm_event(const char *event, const char *data, size_t len,
		     void *userdata)
{
	struct llm_ctx *c = userdata;
	cJSON *root, *choice, *delta, *content;
	int rc = 0;

	if (len == 6 && memcmp(data, "[DONE]", 6) == 0) {
		c->done = 1;
		return 0;
	}
	if (!(root = cJSON_ParseWithLength(data, len)))
		return bad_json("openai LLM stream");
	if (strcmp(event, "error") == 0 ||
	    cJSON_GetObjectItemCaseSensitive(root, "error")) {
		rc = embedded_error(root, "openai LLM");
		cJSON_Delete(root);
		return rc;
	}
	choice = cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(root, "choices"), 0);
	delta = cJSON_GetObjectItemCaseSensitive(choice, "delta");
	content = cJSON_GetObjectItemCaseSensitive(delta, "content");
	if (cJSON_IsString(content) && content->valuestring[0])
		rc = c->emit(content->valuestring, strlen(content->valuestring),
			     c->userdata);
	cJSON_Delete(root);
	return rc;
}

static int llm_data(const char *data, size_t len, void *userdata)
{
	struct llm_ctx *c = userdata;
	if (starts_with(c->resp->content_type, "text/event-stream"))
		return cc__sse_feed(&c->sse, data, len);
	return cc__buf_put(&c->raw, data, len);
}

static const char *role_name(int role)
{
	return role == CC_LLM_SYSTEM ? "system"
	       : role == CC_LLM_USER ? "user"
				     : "assistant";
}

static int llm_chat(void *state, const char *system_prompt,
		    const cc_llm_message *messages, size_t count,
		    cc_llm_token_fn *emit, void *emit_userdata)
{
	struct net *n = state;
	const char *temp = cc_provider_param(n->opts, "temperature");
	const char *stream = cc_provider_param(n->opts, "stream");
	int streaming = !stream || (strcmp(stream, "0") && strcmp(stream, "false"));
	long max_tokens = 0;
	cc__http_response resp = { 0 };
	cc__http_request req = { 0 };
	struct llm_ctx c;
	cJSON *body = cJSON_CreateObject(), *msgs, *m;
	char *json = NULL, *url = NULL;
	size_t i;
	int rc = 0;

	cc_providers__param_int(n->opts, "max_tokens", 1, 1000000, &max_tokens);
	memset(&c, 0, sizeof(c));
	c.resp = &resp;
	c.emit = emit;
	c.userdata = emit_userdata;
	cc__sse_init(&c.sse, llm_event, &c);
	if (!body || !cJSON_AddStringToObject(body, "model", n->model) ||
	    !(msgs = cJSON_AddArrayToObject(body, "messages")))
		goto nomem;
	if (system_prompt) {
		if (!(m = cJSON_CreateObject()) ||
		    !cJSON_AddItemToArray(msgs, m) ||
		    !cJSON_AddStringToObject(m, "role", "system") ||
		    !cJSON_AddStringToObject(m, "content", system_prompt))
			goto nomem;
	}
	for (i = 0; i < count; i++) {
		if (!(m = cJSON_CreateObject()) ||
		    !cJSON_AddItemToArray(msgs, m) ||
		    !cJSON_AddStringToObject(m, "role",
					     role_name(messages[i].role)) ||
		    !cJSON_AddStringToObject(m, "content", messages[i].content))
			goto nomem;
	}
	if (!cJSON_AddBoolToObject(body, "stream", streaming) ||
	    (temp && !cJSON_AddNumberToObject(body, "temperature", atof(temp))) ||
	    (max_tokens &&
	     !cJSON_AddNumberToObject(body, "max_tokens", (double)max_tokens)) ||
	    !(json = cJSON_PrintUnformatted(body)) ||
	    !(url = cc__http_url(n->base, "chat/completions")))
		goto nomem;
	req.what = "openai LLM";
	req.url = url;
	req.headers = n->headers;
	req.body = json;
	req.body_len = strlen(json);
	req.on_data = llm_data;
	req.userdata = &c;
	if ((rc = cc__http_perform(n->http, &req, &resp)))
		goto out;
	if (starts_with(resp.content_type, "text/event-stream")) {
		if ((rc = cc__sse_finish(&c.sse)) == 0 && !c.done)
			rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				       "openai LLM: the stream ended without "
				       "[DONE]; the reply may be cut");
	} else {
		cJSON *root = cJSON_ParseWithLength(c.raw.ptr ? c.raw.ptr : "",
						    c.raw.size);
		cJSON *msg = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
						   root, "choices"),
					   0),
			"message");
		cJSON *content = cJSON_GetObjectItemCaseSensitive(msg, "content");
		if (!root)
			rc = bad_json("openai LLM");
		else if (cJSON_GetObjectItemCaseSensitive(root, "error"))
			rc = embedded_error(root, "openai LLM");
		else if (!cJSON_IsString(content))
			rc = bad_json("openai LLM");
		else
			rc = emit(content->valuestring,
				  strlen(content->valuestring), emit_userdata);
		cJSON_Delete(root);
	}
	goto out;
nomem:
	rc = cc__error_nomem();
out:
	cJSON_Delete(body);
	cJSON_free(json);
	cc__free(url);
	cc__sse_dispose(&c.sse);
	cc_buf_dispose(&c.raw);
	cc__http_response_dispose(&resp);
	return rc;
}

const cc_llm_vtable cc_providers__openai_llm = {
	CC_LLM_VTABLE_VERSION,
	"openai",
	CC_LLM_CAP_STREAMING,
	llm_create,
	net_destroy,
	llm_chat,
	net_cancel,
};
