/* What the OpenAI-compatible and ElevenLabs providers share: settings
 * resolved from options and environment, the HTTP client, PCM delivery. */
#ifndef CC_LIB_PROVIDERS_NET_H
#define CC_LIB_PROVIDERS_NET_H

#include "http.h"

struct net {
	cc__http *http;
	char *base;                 /* base URL, owned */
	struct curl_slist *headers; /* auth + JSON content type */
	struct curl_slist *auth;    /* auth only (multipart) */
	const cc_provider_options *opts; /* the handle's copy */
	const char *model, *voice;
};

/* @auth_prefix is "Authorization: Bearer " or "xi-api-key: ". */
int cc_net__open(struct net *n, const cc_provider_options *opts,
		 const char *provider, const char *base_env1,
		 const char *base_env2, const char *base_default,
		 const char *key_env1, const char *key_env2,
		 const char *auth_prefix, const char *model_default,
		 const char *voice_default);
void cc_net__close(struct net *n);

/* Raw little-endian 16-bit PCM arriving in pieces of any size. */
struct pcm_sink {
	cc_tts_audio_fn *emit;
	void *userdata;
	uint32_t rate;
	unsigned char carry; /* a byte left over from an odd-sized piece */
	int has_carry;
	size_t bytes;
};

int cc_net__pcm_feed(struct pcm_sink *s, const char *data, size_t len);

#endif
