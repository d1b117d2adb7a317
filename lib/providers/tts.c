/* cc_tts: text-to-speech handles over a registered vtable, converting the
 * audio to the rate the host asked for. */
#include <string.h>

#include "audio/audio_int.h"
#include "providers_int.h"

/* Longest text one request takes; longer prompts are split by the caller
 * (the voice pipeline speaks sentence by sentence). */
#define TTS_MAX_TEXT 4096

struct cc_tts {
	struct cc_provider_handle h;
};

struct tts_call {
	cc_tts *tts;
	cc_tts_audio_fn *on_audio;
	void *userdata;
	cc_audio__conv conv;
	cc_audio_frame chunk;
	int failed;
};

int cc_tts_new(cc_tts **out, const char *name, const cc_provider_options *opts)
{
	cc_tts *t;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(name);
	if (opts && opts->sample_rate &&
	    (opts->sample_rate < CC_AUDIO_MIN_RATE ||
	     opts->sample_rate > CC_AUDIO_MAX_RATE))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "%s: sample_rate %u out of range", __func__,
				 (unsigned)opts->sample_rate);
	if (!(t = cc__calloc(1, sizeof(*t))))
		return cc__error_nomem();
	if ((rc = cc_providers__open(&t->h, CC_PROVIDER_TTS, name, opts))) {
		cc__free(t);
		return rc;
	}
	*out = t;
	return 0;
}

static int deliver(struct tts_call *c)
{
	int rc = 0;

	if (c->chunk.samples_per_channel)
		rc = c->on_audio(c->chunk.data, c->chunk.samples_per_channel,
				 c->chunk.sample_rate, c->chunk.channels,
				 c->userdata);
	c->chunk.samples_per_channel = 0;
	if (rc != 0) {
		atomic_store(&c->tts->h.canceled, 1);
		return CC_ECANCELED;
	}
	return 0;
}

static int tts_emit(const int16_t *samples, size_t n, uint32_t rate,
		    uint32_t channels, void *userdata)
{
	struct tts_call *c = userdata;
	int rc;

	if (atomic_load(&c->tts->h.canceled))
		return CC_ECANCELED;
	if (!samples && n)
		return c->failed = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
					     "TTS '%s' gave NULL audio",
					     c->tts->h.name);
	if (!c->conv.out_rate) {
		if (!cc_audio__valid_format(rate, channels))
			return c->failed = cc__error(
				       CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				       "TTS '%s' gave audio of %u Hz x %u",
				       c->tts->h.name, (unsigned)rate,
				       (unsigned)channels);
		if (n == 0)
			return 0;
		if (c->on_audio(samples, n, rate, channels, c->userdata) != 0) {
			atomic_store(&c->tts->h.canceled, 1);
			return CC_ECANCELED;
		}
		return 0;
	}
	if ((rc = cc_audio__conv_push(&c->conv, samples, n, rate, channels,
				      &c->chunk)))
		return c->failed = rc;
	return deliver(c);
}

int cc_tts_synthesize(cc_tts *tts, const char *text, const char *language,
		      const char *voice, cc_tts_audio_fn *on_audio,
		      void *userdata)
{
	const cc_tts_vtable *vt;
	struct tts_call call;
	size_t len;
	int rc;

	CC__CHECK_NOTNULL(tts);
	CC__CHECK_NOTNULL(text);
	CC__CHECK_NOTNULL(on_audio);
	len = strlen(text);
	if (len == 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: empty text", __func__);
	if (len > TTS_MAX_TEXT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_ARG,
				 "%s: text of %zu bytes (limit %d)", __func__,
				 len, TTS_MAX_TEXT);
	if ((rc = cc__utf8_require(text, len, "TTS text")))
		return rc;
	if ((rc = cc_providers__begin(&tts->h, __func__)))
		return rc;
	vt = tts->h.vt;
	memset(&call, 0, sizeof(call));
	call.tts = tts;
	call.on_audio = on_audio;
	call.userdata = userdata;
	cc_audio__conv_init(&call.conv, tts->h.opts->sample_rate);
	rc = vt->synthesize(tts->h.state, text,
			    language ? language : tts->h.opts->language,
			    voice ? voice : tts->h.opts->voice, tts_emit,
			    &call);
	if (rc == 0 && call.failed)
		rc = call.failed;
	if (rc == 0 && call.conv.out_rate &&
	    (rc = cc_audio__conv_finish(&call.conv, &call.chunk)) == 0)
		rc = deliver(&call);
	cc_audio__conv_dispose(&call.conv);
	cc_audio_frame_dispose(&call.chunk);
	return cc_providers__end(&tts->h, rc);
}

static int collect(const int16_t *samples, size_t n, uint32_t rate,
		   uint32_t channels, void *userdata)
{
	cc_audio_frame *f = userdata;
	if (f->samples_per_channel &&
	    (f->sample_rate != rate || f->channels != channels))
		return cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				 "TTS changed its audio format mid-stream; "
				 "set a sample_rate to have it converted");
	return cc_audio_frame_append(f, samples, n, rate, channels);
}

int cc_tts_synthesize_frame(cc_tts *tts, const char *text,
			    const char *language, const char *voice,
			    cc_audio_frame *out)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	int rc;

	CC__CHECK_NOTNULL(out);
	rc = cc_tts_synthesize(tts, text, language, voice, collect, &f);
	if (rc) {
		cc_audio_frame_dispose(&f);
		return rc;
	}
	cc_audio_frame_dispose(out);
	*out = f;
	return 0;
}

void cc_tts_cancel(cc_tts *tts)
{
	const cc_tts_vtable *vt;

	if (!tts)
		return;
	atomic_store(&tts->h.canceled, 1);
	vt = tts->h.vt;
	/* The flag covers a request about to start; the provider's own
	 * cancel interrupts one blocked in I/O. */
	if (vt->cancel && atomic_load(&tts->h.busy))
		vt->cancel(tts->h.state);
}

unsigned int cc_tts_capabilities(const cc_tts *tts)
{
	return tts ? ((const cc_tts_vtable *)tts->h.vt)->capabilities : 0;
}

const char *cc_tts_name(const cc_tts *tts)
{
	return tts ? tts->h.name : "";
}

void cc_tts_free(cc_tts *tts)
{
	if (!tts)
		return;
	((const cc_tts_vtable *)tts->h.vt)->destroy(tts->h.state);
	cc_providers__options_free(tts->h.opts);
	cc__free(tts->h.name);
	cc__free(tts);
}

void cc_tts__clear_cancel(cc_tts *tts)
{
	if (tts)
		atomic_store(&tts->h.canceled, 0);
}
