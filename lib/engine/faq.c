/* FAQ: bilingual entries matched on match keys and stems. */
#include <string.h>

#include "engine_int.h"

struct cc__faq {
	int unused;
};

int cc_engine__faq_compile(cc_engine *e, const cJSON *obj, cc__cfgpath *p)
{
	CC__UNUSED(e);
	CC__UNUSED(obj);
	CC__UNUSED(p);
	return 0;
}

void cc_engine__faq_free(cc__faq *f)
{
	cc__free(f);
}

int cc_engine_faq(cc_faq_match *out, const cc_engine *engine, const char *text, size_t len,
		  const char *lang)
{
	CC__CHECK_NOTNULL(out);
	memset(out, 0, sizeof(*out));
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(text);
	CC__UNUSED(len);
	CC__UNUSED(lang);
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_ENGINE,
			 "FAQ matching is not available yet in this build");
}
