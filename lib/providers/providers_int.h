/* Internal declarations of the providers module: options copies, the
 * registry, and the built-in implementations' vtables. */
#ifndef CC_LIB_PROVIDERS_INT_H
#define CC_LIB_PROVIDERS_INT_H

#include <stdatomic.h>

#include "callcenter/provider.h"
#include "callcenter/sys/llm.h"
#include "callcenter/sys/stt.h"
#include "callcenter/sys/tts.h"
#include "util/util.h"

/* A deep copy of cc_provider_options: every string is owned. */
cc_provider_options *cc_providers__options_copy(const cc_provider_options *o);
void cc_providers__options_free(cc_provider_options *o);

/* Checks that every key in opts->params is one of @known (NULL-terminated);
 * records CC_ECONFIG naming the first unknown key. */
int cc_providers__check_params(const cc_provider_options *o,
			       const char *provider, const char *const *known);

/* The first non-empty of: @value, getenv(@env1), getenv(@env2), @fallback.
 * Either env name may be NULL. */
const char *cc_providers__setting(const char *value, const char *env1,
				  const char *env2, const char *fallback);

/* Parses an integer param within [lo, hi]; leaves *out when absent. */
int cc_providers__param_int(const cc_provider_options *o, const char *key,
			    long lo, long hi, long *out);

/* Looks up a registered vtable of @kind; returns it and its userdata. */
int cc_providers__lookup(int kind, const char *name, const void **vtable,
			 void **userdata);

/* What every open provider handle holds. */
struct cc_provider_handle {
	const void *vt;
	void *state;
	cc_provider_options *opts;
	atomic_int canceled;
	atomic_int busy;
	char *name;
};

/* Opens a handle: registry lookup, options copy, vtable create. */
int cc_providers__open(struct cc_provider_handle *h, int kind,
		       const char *name, const cc_provider_options *opts);
/* Marks a request running (CC_EBUSY if one already is). */
int cc_providers__begin(struct cc_provider_handle *h, const char *func);
/* Ends a request; turns a canceled one's result into CC_ECANCELED. */
int cc_providers__end(struct cc_provider_handle *h, int rc);

/* The cancel flag of the request running on the calling thread (set
 * between begin and end), or NULL. */
atomic_int *cc_providers__current_cancel(void);

/* Forgets a cancel that found no request running (the voice pipeline
 * calls these after its I/O thread stopped, so a cancel aimed at its own
 * request never reaches the host's next one). */
void cc_stt__clear_cancel(cc_stt *stt);
void cc_tts__clear_cancel(cc_tts *tts);
void cc_llm__clear_cancel(cc_llm *llm);

/* The built-in implementations. */
extern const cc_tts_vtable cc_providers__espeak_tts;
extern const cc_stt_vtable cc_providers__openai_stt;
extern const cc_tts_vtable cc_providers__openai_tts;
extern const cc_llm_vtable cc_providers__openai_llm;
extern const cc_tts_vtable cc_providers__elevenlabs_tts;

#endif
