/* cc_global_init: options versions, the allocator hook, counting, misuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"
#include "util/util.h"

static int allocs, frees;

static void *my_malloc(size_t n, void *ud)
{
	(void)ud;
	allocs++;
	return malloc(n);
}

static void *my_realloc(void *p, size_t n, void *ud)
{
	(void)ud;
	if (!p)
		allocs++;
	return realloc(p, n);
}

static void my_free(void *p, void *ud)
{
	(void)ud;
	frees++;
	free(p);
}

static void test_version(void **state)
{
	int maj = -1, min = -1, pat = -1;
	(void)state;
	assert_int_equal(cc_version(&maj, &min, &pat), CC_VERSION_NUMBER);
	assert_int_equal(maj, CC_VERSION_MAJOR);
	assert_int_equal(min, CC_VERSION_MINOR);
	assert_int_equal(pat, CC_VERSION_PATCH);
	assert_string_equal(cc_version_string(), CC_VERSION);
	assert_int_equal(cc_version(NULL, NULL, NULL), CC_VERSION_NUMBER);
	assert_true(CC_VERSION_CHECK(0, 1, 0));
	assert_false(CC_VERSION_CHECK(99, 0, 0));
	assert_true(cc_features() & CC_FEATURE_THREADS);
}

static void test_options_misuse(void **state)
{
	cc_global_options o;
	cc_allocator half = { my_malloc, NULL, my_free, NULL };
	(void)state;
	assert_int_equal(cc_global_options_init(NULL, 1), CC_EINVAL);
	assert_int_equal(cc_global_options_init(&o, 0), CC_EINVAL);
	assert_int_equal(cc_global_options_init(&o, 99), CC_EINVAL);
	assert_non_null(strstr(cc_error_last()->message, "version 99"));
	assert_int_equal(cc_global_options_init(&o, CC_GLOBAL_OPTIONS_VERSION), 0);
	o.version = 7;
	assert_int_equal(cc_global_init(&o), CC_EINVAL);
	o.version = CC_GLOBAL_OPTIONS_VERSION;
	o.allocator = &half;
	assert_int_equal(cc_global_init(&o), CC_EINVAL);
	assert_non_null(strstr(cc_error_last()->message, "realloc_fn"));
	o.allocator = NULL;
	o.log_level = 17;
	assert_int_equal(cc_global_init(&o), CC_EINVAL);
	assert_int_equal(cc_global_shutdown(), CC_ESTATE);
}

static void test_counted_init_and_allocator(void **state)
{
	cc_allocator a = { my_malloc, my_realloc, my_free, NULL };
	cc_global_options o = CC_GLOBAL_OPTIONS_INIT;
	cc_buf b = CC_BUF_INIT;
	(void)state;
	o.allocator = &a;
	assert_int_equal(cc_global_init(&o), 1);
	assert_int_equal(cc_global_init(NULL), 2);
	/* A second allocator would mix blocks: refused. */
	assert_int_equal(cc_global_init(&o), CC_EINVAL);
	allocs = frees = 0;
	assert_int_equal(cc_log_mask_name(&b, "Sara"), 0);
	cc_buf_dispose(&b);
	assert_true(allocs >= 1);
	assert_int_equal(allocs, frees);
	assert_int_equal(cc_global_shutdown(), 1);
	assert_int_equal(cc_global_shutdown(), 0);
	allocs = 0;
	assert_int_equal(cc_log_mask_name(&b, "Sara"), 0);
	cc_buf_dispose(&b);
	assert_int_equal(allocs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_options_misuse),
		cmocka_unit_test(test_counted_init_and_allocator),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
