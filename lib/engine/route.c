/* Routing: weighted department terms on match keys and stems.  This first
 * version validates the vocabulary; matching arrives with the text layer. */
#include <string.h>

#include "engine_int.h"

struct cc__router {
	int unused;
};

static int check_terms(const cJSON *d, const char *key, cc__cfgpath *p)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(d, key), *it;
	size_t i = 0, mark = cc_engine__path_push_key(p, key);
	if (arr && !cJSON_IsArray(arr))
		return cc_engine__cfg_error(p, "expected array");
	cJSON_ArrayForEach(it, arr)
	{
		cc_engine__path_push_index(p, i++);
		if (!cJSON_IsString(it) && !cJSON_IsObject(it))
			return cc_engine__cfg_error(p, "expected string or {\"term\", \"weight\"}, got %s",
						    cc_engine__json_type(it));
		cc_engine__path_pop(p, mark);
		cc_engine__path_push_key(p, key);
	}
	cc_engine__path_pop(p, mark);
	return 0;
}

int cc_engine__router_compile(cc_engine *e, const cJSON *root, cc__cfgpath *p)
{
	const cJSON *d;
	size_t i = 0;
	int rc;
	CC__UNUSED(e);
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "departments"))
	{
		size_t mark = cc_engine__path_push_key(p, "departments");
		cc_engine__path_push_index(p, i++);
		if ((rc = check_terms(d, "keywords", p)) || (rc = check_terms(d, "names", p)))
			return rc;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}

void cc_engine__router_free(cc__router *r)
{
	cc__free(r);
}

int cc_engine_route(cc_route_result *out, const cc_engine *engine, const char *text, size_t len)
{
	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(text);
	CC__UNUSED(len);
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_ENGINE,
			 "routing is not available yet in this build");
}
