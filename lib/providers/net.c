/* Settings and PCM delivery shared by the network providers. */
#include <string.h>

#include "net.h"

int cc_net__open(struct net *n, const cc_provider_options *opts,
		 const char *provider, const char *base_env1,
		 const char *base_env2, const char *base_default,
		 const char *key_env1, const char *key_env2,
		 const char *auth_prefix, const char *model_default,
		 const char *voice_default)
{
	const char *base = cc_providers__setting(opts->base_url, base_env1,
						 base_env2, base_default);
	const char *key = cc_providers__setting(opts->api_key, key_env1,
						key_env2, NULL);
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = cc__http_check_base(base, provider)))
		return rc;
	if (!(n->base = cc__strdup(base)))
		return cc__error_nomem();
	if ((rc = cc__http_new(&n->http, opts))) {
		cc_net__close(n);
		return rc;
	}
	if (key) {
		char line[1024];
		if (strlen(key) > 512 || strpbrk(key, "\r\n")) {
			cc_net__close(n);
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "%s: the API key is malformed", provider);
		}
		snprintf(line, sizeof(line), "%s%s", auth_prefix, key);
		n->headers = curl_slist_append(NULL, line);
		n->auth = curl_slist_append(NULL, line);
		memset(line, 0, sizeof(line));
		if (!n->headers || !n->auth) {
			cc_net__close(n);
			return cc__error_nomem();
		}
	}
	{
		struct curl_slist *t = curl_slist_append(
			n->headers, "Content-Type: application/json");
		if (!t) {
			cc_net__close(n);
			return cc__error_nomem();
		}
		n->headers = t;
	}
	n->opts = opts;
	n->model = opts->model ? opts->model : model_default;
	n->voice = opts->voice ? opts->voice : voice_default;
	return 0;
}

void cc_net__close(struct net *n)
{
	cc__http_free(n->http);
	curl_slist_free_all(n->headers);
	curl_slist_free_all(n->auth);
	cc__free(n->base);
	memset(n, 0, sizeof(*n));
}

int cc_net__pcm_feed(struct pcm_sink *s, const char *data, size_t len)
{
	int16_t buf[2048];
	size_t i = 0;

	s->bytes += len;
	while (i < len) {
		size_t k = 0;
		if (s->has_carry && i < len) {
			buf[k++] = (int16_t)(s->carry |
					     ((unsigned char)data[i] << 8));
			s->has_carry = 0;
			i++;
		}
		while (k < CC__ARRAY_SIZE(buf) && i + 1 < len) {
			buf[k++] = (int16_t)((unsigned char)data[i] |
					     ((unsigned char)data[i + 1] << 8));
			i += 2;
		}
		if (i + 1 == len && k < CC__ARRAY_SIZE(buf)) {
			s->carry = (unsigned char)data[i];
			s->has_carry = 1;
			i++;
		}
		if (k) {
			int rc = s->emit(buf, k, s->rate, 1, s->userdata);
			if (rc)
				return rc < 0 ? rc : CC_ECANCELED;
		}
	}
	return 0;
}
