/* libFuzzer target: configuration JSON, and utterances through routing, the
 * FAQ and the rules with the default engine. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "callcenter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cc_engine *dflt;
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	o.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	if (!dflt && cc_engine_new_default(&dflt, &o) != 0)
		return 0;
	if (size == 0)
		return 0;
	if (data[0] & 1) {
		cc_engine *e = NULL;
		if (cc_engine_new_from_json(&e, (const char *)data + 1, size - 1, &o) == 0)
			cc_engine_free(e);
	} else {
		const char *text = (const char *)data + 1;
		cc_route_result r;
		cc_faq_match m;
		cc_rules_result rr;
		cc_call_context ctx = CC_CALL_CONTEXT_INIT;
		char buf[4097];
		size_t n = size - 1 < 4096 ? size - 1 : 4096;
		(void)cc_engine_route(&r, dflt, text, size - 1);
		(void)cc_engine_faq(&m, dflt, text, size - 1, "ar");
		memcpy(buf, text, n);
		buf[n] = '\0';
		ctx.department = "sales";
		ctx.text = buf;
		ctx.open = 1;
		(void)cc_engine_rules_eval(&rr, NULL, dflt, &ctx);
	}
	return 0;
}
