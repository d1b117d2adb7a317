/* Sessions on several threads share one engine without locks and give the
 * same calls as on one thread. */
#include <pthread.h>

#include "harness.h"

#define THREADS 4
#define CALLS 50

static cc_engine *shared;

/* One complete call; every action folded into a checksum-free text. */
static void run_call(uint64_t seed, char *out, size_t cap)
{
	static const char *const script[] = {
		"اسمي أحمد محمد", "0501234567", "ahmed at example dot com",
		"عندي شكوى على الفاتورة", "لا، الرقم غلط", "0559876543", "نعم",
		"دفعت الفاتورة مرتين هذا الشهر",
	};
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
	cc_session *s;
	const cc_action *a;
	size_t n = 0;
	uint64_t now = 1000;

	o.region = "SA";
	o.seed = seed;
	o.start_ms = now;
	o.wall_clock_ms = OPEN_EPOCH_MS;
	assert_int_equal(cc_session_new(&s, shared, &o), 0);
	assert_int_equal(cc_session_start(s), 0);
	for (size_t i = 0; i <= sizeof(script) / sizeof(script[0]); i++) {
		if (i > 0) {
			now += 1500;
			info.now_ms = now;
			assert_int_equal(cc_session_input_text(s, script[i - 1],
							       strlen(script[i - 1]), &info),
					 0);
		}
		while (cc_session_next_action(&a, s) == 0)
			n += (size_t)snprintf(out + n, cap - n, "%s|%s|%s|%s|%s\n",
					      cc_action_type_name(a->type), a->key ? a->key : "",
					      a->text ? a->text : "", a->department ? a->department : "",
					      a->ticket_id ? a->ticket_id : "");
	}
	n += (size_t)snprintf(out + n, cap - n, "%s\n", cc_session_call_id(s));
	cc_session_free(s);
}

static char reference[CALLS][8192];
static int mismatches;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
	char got[8192];
	(void)arg;
	for (int i = 0; i < CALLS; i++) {
		run_call((uint64_t)i + 1, got, sizeof(got));
		if (strcmp(got, reference[i]) != 0) {
			pthread_mutex_lock(&lock);
			mismatches++;
			pthread_mutex_unlock(&lock);
		}
	}
	return NULL;
}

static void test_threads_share_one_engine(void **state)
{
	pthread_t t[THREADS];
	(void)state;

	shared = h_engine();
	for (int i = 0; i < CALLS; i++)
		run_call((uint64_t)i + 1, reference[i], sizeof(reference[i]));
	/* Different seeds give different IDs. */
	assert_string_not_equal(reference[0], reference[1]);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(mismatches, 0);
	cc_engine_free(shared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_share_one_engine),
	};
	static const char *const need_router[] = { NULL };
	return h_run(tests, sizeof(tests) / sizeof(tests[0]), need_router);
}
