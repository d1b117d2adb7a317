/* libFuzzer target: a call driven by arbitrary events (text, keys, silence,
 * time, notices), with a snapshot restored into a new session after every
 * event; the restored call must snapshot identically. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "callcenter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(cc_session *s)
{
	const cc_action *a;
	while (cc_session_next_action(&a, s) == 0)
		if (a->type == CC_ACTION_SAY && a->text == NULL)
			abort(); /* a SAY always has text */
}

/* Snapshot, restore into a new session, snapshot again: the same. */
static cc_session *round_trip(cc_engine *e, cc_session *s)
{
	cc_buf a = CC_BUF_INIT, b = CC_BUF_INIT;
	cc_session *r = NULL;
	if (cc_session_snapshot(&a, s) != 0)
		abort();
	if (cc_session_restore(&r, e, a.ptr, a.size, NULL) != 0)
		abort();
	if (cc_session_snapshot(&b, r) != 0 || a.size != b.size ||
	    memcmp(a.ptr, b.ptr, a.size) != 0)
		abort();
	cc_buf_dispose(&a);
	cc_buf_dispose(&b);
	cc_session_free(s);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cc_engine *engine;
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	cc_session *s = NULL;
	uint64_t now = 1000;
	size_t i = 0;

	eo.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	if (!engine && cc_engine_new_default(&engine, &eo) != 0)
		return 0;
	if (size < 1)
		return 0;
	o.region = "SA";
	o.seed = 7;
	o.start_ms = now;
	/* The first byte picks open or closed hours and the language. */
	o.wall_clock_ms = data[0] & 1 ? 1763884800000LL : 1763924400000LL;
	o.language = data[0] & 2 ? "en" : "ar";
	if (cc_session_new(&s, engine, &o) != 0 || cc_session_start(s) != 0)
		abort();
	drain(s);
	i = 1;
	/* Events: one byte of kind, one of length, then the payload. */
	while (i + 2 <= size && !cc_session_ended(s)) {
		uint8_t kind = data[i] % 7;
		size_t n = data[i + 1];
		const char *p = (const char *)data + i + 2;
		if (i + 2 + n > size)
			n = size - i - 2;
		i += 2 + n;
		now += 1 + (uint64_t)n * 997;
		switch (kind) {
		case 0:
		case 1: {
			cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
			info.now_ms = now;
			info.confidence = kind == 1 ? (double)(n % 11) / 10.0 : -1;
			(void)cc_session_input_text(s, p, n, &info);
			break;
		}
		case 2:
			(void)cc_session_tick(s, now);
			(void)cc_session_input_dtmf(s, p, n);
			break;
		case 3:
			(void)cc_session_tick(s, now);
			(void)cc_session_input_silence(s);
			break;
		case 4:
			(void)cc_session_tick(s, now + (uint64_t)n * 60000);
			now += (uint64_t)n * 60000;
			break;
		case 5:
			(void)cc_session_tick(s, now);
			(void)cc_session_notify(s, (cc_session_notice)(n % 6), NULL);
			break;
		case 6:
			break;
		}
		drain(s);
		s = round_trip(engine, s);
	}
	cc_session_free(s);
	return 0;
}
