/* The error table, names, texts and the thread-local last error. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "util/util.h"

static void test_table_is_consistent(void **state)
{
	(void)state;
	assert_string_equal(cc_error_name(CC_OK), "CC_OK");
	assert_string_equal(cc_error_name(CC_EINVAL), "CC_EINVAL");
	assert_string_equal(cc_error_name(CC_EPASSTHROUGH), "CC_EPASSTHROUGH");
	assert_string_equal(cc_strerror(CC_EINVAL), "invalid argument");
	assert_string_equal(cc_strerror(CC_EUTF8), "invalid UTF-8");
	assert_string_equal(cc_strerror(12345), "unknown error");
	assert_string_equal(cc_error_name(-999), "CC_UNKNOWN");
	/* Every code from 0 down to the last has a distinct name. */
	for (int c = 0; c > CC__ERROR_LAST; c--) {
		assert_string_not_equal(cc_error_name(c), "CC_UNKNOWN");
		for (int d = c - 1; d > CC__ERROR_LAST; d--)
			assert_string_not_equal(cc_error_name(c),
						cc_error_name(d));
	}
	assert_string_equal(cc_error_name(CC__ERROR_LAST), "CC_UNKNOWN");
	assert_string_equal(cc_error_class_name(CC_ERRCLASS_STORE), "store");
	assert_string_equal(cc_error_class_name(99), "unknown");
}

static void test_codes_are_stable(void **state)
{
	(void)state;
	/* Values are ABI: they must never change. */
	assert_int_equal(CC_ERROR, -1);
	assert_int_equal(CC_EINVAL, -2);
	assert_int_equal(CC_ENOMEM, -3);
	assert_int_equal(CC_ENOTFOUND, -4);
	assert_int_equal(CC_EBUFS, -6);
	assert_int_equal(CC_EAGAIN, -7);
	assert_int_equal(CC_EUTF8, -11);
	assert_int_equal(CC_ECONFIG, -22);
}

static void test_last_error(void **state)
{
	const cc_error *e;
	(void)state;
	cc_error_clear();
	e = cc_error_last();
	assert_non_null(e);
	assert_int_equal(e->code, CC_OK);
	assert_string_equal(e->message, "no error");

	assert_int_equal(cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM,
				   "ticket %s not found", "TKT_1"),
			 CC_ENOTFOUND);
	e = cc_error_last();
	assert_int_equal(e->code, CC_ENOTFOUND);
	assert_int_equal(e->klass, CC_ERRCLASS_CRM);
	assert_string_equal(e->message, "ticket TKT_1 not found");

	cc__error_backend(CC_ESTORE, CC_ERRCLASS_STORE, 2067, "23505",
			  "duplicate key");
	e = cc_error_last();
	assert_int_equal(e->backend_code, 2067);
	assert_string_equal(e->sqlstate, "23505");
	cc_error_clear();
	assert_int_equal(cc_error_last()->code, CC_OK);
	assert_string_equal(cc_error_last()->sqlstate, "");
}

static void test_error_message_is_scrubbed(void **state)
{
	(void)state;
	cc__error(CC_EINVAL, CC_ERRCLASS_TEXT, "bad phone %s", "+966559876543");
	assert_null(strstr(cc_error_last()->message, "559876543"));
	assert_non_null(strstr(cc_error_last()->message, "+966*******43"));
}

static void *other_thread(void *arg)
{
	int *seen = arg;
	*seen = cc_error_last()->code;
	cc__error(CC_ETIMEOUT, CC_ERRCLASS_OS, "thread error");
	return NULL;
}

static void test_last_error_is_per_thread(void **state)
{
	pthread_t t;
	int seen = 1;
	(void)state;
	cc__error(CC_EINVAL, CC_ERRCLASS_ARG, "main thread error");
	assert_int_equal(pthread_create(&t, NULL, other_thread, &seen), 0);
	pthread_join(t, NULL);
	assert_int_equal(seen, CC_OK);
	assert_int_equal(cc_error_last()->code, CC_EINVAL);
	assert_string_equal(cc_error_last()->message, "main thread error");
}

static void test_options_version_check(void **state)
{
	(void)state;
	assert_int_equal(cc__check_options_version("f", "cc_x_options", 1, 1), 0);
	assert_int_equal(cc__check_options_version("f", "cc_x_options", 0, 1),
			 CC_EINVAL);
	assert_int_equal(cc__check_options_version("f", "cc_x_options", 2, 1),
			 CC_EINVAL);
	assert_non_null(strstr(cc_error_last()->message, "version 2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_consistent),
		cmocka_unit_test(test_codes_are_stable),
		cmocka_unit_test(test_last_error),
		cmocka_unit_test(test_error_message_is_scrubbed),
		cmocka_unit_test(test_last_error_is_per_thread),
		cmocka_unit_test(test_options_version_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
