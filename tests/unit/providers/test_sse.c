/* The event-stream parser on awkward input: any split, CRLF and CR line
 * ends, comments, multi-line data, an unterminated last event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "providers/http.h"

struct seen {
	char log[1024];
	int n;
};

static int on_event(const char *event, const char *data, size_t len, void *ud)
{
	struct seen *s = ud;
	size_t l = strlen(s->log);
	snprintf(s->log + l, sizeof(s->log) - l, "%s=%.*s|", event, (int)len, data);
	s->n++;
	return 0;
}

static const char stream[] =
	": ping\n\n"
	"data: {\"a\":1}\n\n"
	"event: error\r\ndata: line1\r\ndata: line2\r\n\r\n"
	"data:nospace\r\rid: 7\nretry: 10\n\n"
	"data: [DONE]";

static void test_every_split(void **state)
{
	(void)state;
	for (size_t cut = 0; cut <= sizeof(stream) - 1; cut++) {
		for (size_t cut2 = cut; cut2 <= sizeof(stream) - 1; cut2 += 7) {
			struct seen s = { "", 0 };
			cc__sse p;
			cc__sse_init(&p, on_event, &s);
			assert_int_equal(cc__sse_feed(&p, stream, cut), 0);
			assert_int_equal(cc__sse_feed(&p, stream + cut, cut2 - cut), 0);
			assert_int_equal(cc__sse_feed(&p, stream + cut2, sizeof(stream) - 1 - cut2), 0);
			assert_int_equal(cc__sse_finish(&p), 0);
			assert_string_equal(s.log, "message={\"a\":1}|error=line1\nline2|"
						   "message=nospace|message=[DONE]|");
			cc__sse_dispose(&p);
		}
	}
}

static void test_base64(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc__base64_decode("AAEC/w==", 8, &b), 0);
	assert_int_equal(b.size, 4);
	assert_memory_equal(b.ptr, "\x00\x01\x02\xff", 4);
	assert_int_equal(cc__base64_decode("A*", 2, &b), CC_EPARSE);
	cc_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_split),
		cmocka_unit_test(test_base64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
