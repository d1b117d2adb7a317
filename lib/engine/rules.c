/* Rules: a declarative condition/action list evaluated over a call. */
#include <string.h>

#include "engine_int.h"

struct cc__rules {
	int unused;
};

int cc_engine__rules_compile(cc_engine *e, const cJSON *arr, cc__cfgpath *p)
{
	CC__UNUSED(e);
	CC__UNUSED(arr);
	CC__UNUSED(p);
	return 0;
}

void cc_engine__rules_free(cc__rules *r)
{
	cc__free(r);
}

int cc_engine_rules_eval(cc_rules_result *out, cc_buf *trace, const cc_engine *engine,
			 const cc_call_context *ctx)
{
	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(ctx);
	CC__UNUSED(trace);
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_ENGINE,
			 "rules are not available yet in this build");
}

int cc_engine_rule_exists(const cc_engine *engine, const char *name)
{
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(name);
	return 0;
}
