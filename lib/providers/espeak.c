/* The "espeak" TTS provider: espeak-ng, offline, Arabic and English.
 *
 * espeak-ng keeps one global synthesizer, so every call takes one process
 * lock; requests from several calls are served one after another.  Audio
 * comes from its synchronous mode through the synth callback, chunk by
 * chunk, at the rate espeak_Initialize reports (22050 Hz). */
#include <pthread.h>
#include <string.h>

#include "cc_config.h"
#include "providers_int.h"

#if CC_HAVE_ESPEAK
#include <espeak-ng/speak_lib.h>

static pthread_mutex_t espeak_lock = PTHREAD_MUTEX_INITIALIZER;
static int espeak_rate; /* 0 until initialized, < 0 after a failure */

struct espeak_state {
	char *voice; /* default voice name, or NULL to follow the language */
	long rate;   /* words per minute */
	long pitch;  /* 0..100 */
};

struct espeak_call {
	struct espeak_state *st;
	cc_tts_audio_fn *emit;
	void *userdata;
	int rc;
};

static int synth_cb(short *wav, int n, espeak_EVENT *events)
{
	struct espeak_call *c = events ? events->user_data : NULL;

	if (!c)
		return 0;
	if (c->rc == 0 && wav && n > 0) {
		int rc = c->emit(wav, (size_t)n, (uint32_t)espeak_rate, 1,
				 c->userdata);
		if (rc != 0) {
			c->rc = rc < 0 ? rc : CC_ECANCELED;
			return 1; /* abort synthesis */
		}
	}
	return 0;
}

/* Called with the lock held. */
static int ensure_init(void)
{
	if (espeak_rate == 0) {
		int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
					  espeakINITIALIZE_DONT_EXIT);
		espeak_rate = r > 0 ? r : -1;
		if (r > 0)
			espeak_SetSynthCallback(synth_cb);
	}
	if (espeak_rate < 0)
		return cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				 "espeak-ng failed to initialize (is "
				 "espeak-ng-data installed?)");
	return 0;
}

static const char *const espeak_params[] = { "rate", "pitch", NULL };

static int espeak_create(void **state, const cc_provider_options *opts,
			 void *userdata)
{
	struct espeak_state *st;
	long rate = 165, pitch = 50;
	int rc;

	(void)userdata;
	if ((rc = cc_providers__check_params(opts, "espeak", espeak_params)) ||
	    (rc = cc_providers__param_int(opts, "rate", 80, 450, &rate)) ||
	    (rc = cc_providers__param_int(opts, "pitch", 0, 100, &pitch)))
		return rc;
	if (!(st = cc__calloc(1, sizeof(*st))))
		return cc__error_nomem();
	if (opts->voice && !(st->voice = cc__strdup(opts->voice))) {
		cc__free(st);
		return cc__error_nomem();
	}
	st->rate = rate;
	st->pitch = pitch;
	pthread_mutex_lock(&espeak_lock);
	rc = ensure_init();
	pthread_mutex_unlock(&espeak_lock);
	if (rc) {
		cc__free(st->voice);
		cc__free(st);
		return rc;
	}
	*state = st;
	return 0;
}

static void espeak_destroy(void *state)
{
	struct espeak_state *st = state;
	if (!st)
		return;
	cc__free(st->voice);
	cc__free(st);
}

/* espeak-ng voice names are language codes ("ar", "en", "en-us") with an
 * optional "+variant"; refuse anything else before it reaches the
 * library. */
static int voice_name_ok(const char *v)
{
	size_t i, n = strlen(v);
	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++) {
		char ch = v[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' ||
		      ch == '_'))
			return 0;
	}
	return 1;
}

static int espeak_synthesize(void *state, const char *text,
			     const char *language, const char *voice,
			     cc_tts_audio_fn *emit, void *userdata)
{
	struct espeak_state *st = state;
	struct espeak_call call = { st, emit, userdata, 0 };
	const char *name = voice ? voice : st->voice;
	espeak_ERROR err;
	int rc;

	if (!name)
		name = language && *language ? language : "en";
	if (!voice_name_ok(name))
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_PROVIDER,
				 "espeak: invalid voice name");
	pthread_mutex_lock(&espeak_lock);
	if ((rc = ensure_init()))
		goto out;
	if (espeak_SetVoiceByName(name) != EE_OK) {
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_PROVIDER,
			       "espeak: no voice '%s' (try 'ar' or 'en')",
			       name);
		goto out;
	}
	espeak_SetParameter(espeakRATE, (int)st->rate, 0);
	espeak_SetParameter(espeakPITCH, (int)st->pitch, 0);
	err = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
			   espeakCHARS_UTF8, NULL, &call);
	if (call.rc)
		rc = call.rc == CC_ECANCELED
			     ? cc__error(CC_ECANCELED, CC_ERRCLASS_PROVIDER,
					 "espeak: canceled")
			     : call.rc;
	else if (err != EE_OK)
		rc = cc__error_backend(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
				       (int)err, NULL,
				       "espeak: synthesis failed (%d)",
				       (int)err);
out:
	pthread_mutex_unlock(&espeak_lock);
	return rc;
}

const cc_tts_vtable cc_providers__espeak_tts = {
	CC_TTS_VTABLE_VERSION,
	"espeak",
	CC_TTS_CAP_STREAMING | CC_TTS_CAP_ARABIC | CC_TTS_CAP_OFFLINE,
	espeak_create,
	espeak_destroy,
	espeak_synthesize,
	NULL, /* each audio chunk checks the handle's cancel flag */
};
#endif
