/* Provider options: defaults, deep copies, params, environment, errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "providers_int.h"

int cc_provider_options_init(cc_provider_options *opts, unsigned int version)
{
	static const cc_provider_options defaults = CC_PROVIDER_OPTIONS_INIT;

	CC__CHECK_NOTNULL(opts);
	if (version == 0 || version > CC_PROVIDER_OPTIONS_VERSION)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: unknown version %u", __func__, version);
	*opts = defaults;
	opts->version = version;
	return 0;
}

int cc_provider_set_error(int code, int backend_code, const char *message)
{
	if (code >= 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: code %d is not an error", __func__, code);
	return cc__error_backend(code, CC_ERRCLASS_PROVIDER, backend_code, NULL,
				 "%s", message ? message : "provider error");
}

const char *cc_provider_param(const cc_provider_options *opts, const char *key)
{
	const char *const *p;

	if (!opts || !opts->params || !key)
		return NULL;
	for (p = opts->params; p[0] && p[1]; p += 2)
		if (strcmp(p[0], key) == 0)
			return p[1];
	return NULL;
}

int cc_providers__check_params(const cc_provider_options *o,
			       const char *provider, const char *const *known)
{
	const char *const *p;
	size_t i;

	if (!o->params)
		return 0;
	for (p = o->params; p[0]; p += 2) {
		int ok = 0;
		if (!p[1])
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "%s: param '%s' has no value",
					 provider, p[0]);
		for (i = 0; known && known[i]; i++)
			if (strcmp(known[i], p[0]) == 0)
				ok = 1;
		if (!ok)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 "%s: unknown param '%s'", provider,
					 p[0]);
	}
	return 0;
}

const char *cc_providers__setting(const char *value, const char *env1,
				  const char *env2, const char *fallback)
{
	const char *v;

	if (value && *value)
		return value;
	if (env1 && (v = getenv(env1)) && *v)
		return v;
	if (env2 && (v = getenv(env2)) && *v)
		return v;
	return fallback;
}

int cc_providers__param_int(const cc_provider_options *o, const char *key,
			    long lo, long hi, long *out)
{
	const char *v = cc_provider_param(o, key);
	char *end;
	long n;

	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "param '%s' must be an integer in %ld..%ld",
				 key, lo, hi);
	*out = n;
	return 0;
}

static int dup_field(const char **dst, const char *src)
{
	if (!src) {
		*dst = NULL;
		return 0;
	}
	if (!(*dst = cc__strdup(src)))
		return -1;
	return 0;
}

cc_provider_options *cc_providers__options_copy(const cc_provider_options *o)
{
	static const cc_provider_options defaults = CC_PROVIDER_OPTIONS_INIT;
	cc_provider_options *c;
	size_t n = 0, i;

	if (!o)
		o = &defaults;
	if (!(c = cc__calloc(1, sizeof(*c))))
		return NULL;
	*c = *o;
	c->version = CC_PROVIDER_OPTIONS_VERSION;
	c->base_url = c->api_key = c->model = c->voice = c->language = NULL;
	c->params = NULL;
	if (dup_field(&c->base_url, o->base_url) ||
	    dup_field(&c->api_key, o->api_key) ||
	    dup_field(&c->model, o->model) || dup_field(&c->voice, o->voice) ||
	    dup_field(&c->language, o->language))
		goto fail;
	if (o->params) {
		const char **p;
		while (o->params[n])
			n++;
		if (!(p = cc__calloc(n + 2, sizeof(char *))))
			goto fail;
		c->params = p;
		for (i = 0; i < n; i++)
			if (dup_field(&p[i], o->params[i]))
				goto fail;
	}
	return c;
fail:
	cc_providers__options_free(c);
	return NULL;
}

void cc_providers__options_free(cc_provider_options *o)
{
	size_t i;

	if (!o)
		return;
	if (o->api_key) /* do not leave the secret in freed memory */
		memset((char *)o->api_key, 0, strlen(o->api_key));
	cc__free((char *)o->base_url);
	cc__free((char *)o->api_key);
	cc__free((char *)o->model);
	cc__free((char *)o->voice);
	cc__free((char *)o->language);
	if (o->params) {
		for (i = 0; o->params[i]; i++)
			cc__free((char *)o->params[i]);
		cc__free((void *)o->params);
	}
	cc__free(o);
}
