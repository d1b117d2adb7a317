/* Logging: levels, the host sink, and personal data never logged unmasked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter/global.h"
#include "util/util.h"

static char captured[4096];
static int captured_level;
static int captured_count;

static void capture(void *userdata, int level, const char *message)
{
	assert_ptr_equal(userdata, &captured_count);
	captured_level = level;
	captured_count++;
	strncat(captured, message, sizeof(captured) - strlen(captured) - 2);
	strcat(captured, "\n");
}

static int setup(void **state)
{
	cc_global_options o = CC_GLOBAL_OPTIONS_INIT;
	(void)state;
	o.log_fn = capture;
	o.log_userdata = &captured_count;
	o.log_level = CC_LOG_DEBUG;
	captured[0] = '\0';
	captured_count = 0;
	return cc_global_init(&o) == 1 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return cc_global_shutdown() == 0 ? 0 : -1;
}

static void test_levels(void **state)
{
	int level;
	(void)state;
	cc__log(CC_LOG_DEBUG, "routing decided %s", "sales");
	assert_int_equal(captured_count, 1);
	assert_int_equal(captured_level, CC_LOG_DEBUG);
	assert_non_null(strstr(captured, "routing decided sales"));
	cc__log(CC_LOG_TRACE, "too verbose");
	assert_int_equal(captured_count, 1);
	assert_int_equal(cc_log_set_level(CC_LOG_ERROR), 0);
	cc__log(CC_LOG_WARN, "filtered");
	assert_int_equal(captured_count, 1);
	assert_int_equal(cc_log_set_level(42), CC_EINVAL);
	assert_int_equal(cc_log_get_level(), CC_LOG_ERROR);
	assert_int_equal(cc_log_level_parse(&level, "WARNING"), 0);
	assert_int_equal(level, CC_LOG_WARN);
	assert_int_equal(cc_log_level_parse(&level, "verbose"), CC_EINVAL);
	assert_int_equal(cc_log_level_parse(NULL, "info"), CC_EINVAL);
	assert_int_equal(cc_log_write(CC_LOG_NONE, "x"), CC_EINVAL);
	assert_int_equal(cc_log_write(CC_LOG_ERROR, NULL), CC_EINVAL);
}

/* The promise: a caller's phone number never reaches the log unmasked, in
 * whatever script or shape it was written. */
static void test_phone_never_reaches_log(void **state)
{
	static const char *shapes[] = {
		"+966559876543",
		"+966 55 987 6543",
		"00966559876543",
		"0559876543",
		"055-987-6543",
		"(055) 987 6543",
		"\xd9\xa0\xd9\xa5\xd9\xa5\xd9\xa9\xd9\xa8\xd9\xa7\xd9\xa6\xd9\xa5"
		"\xd9\xa4\xd9\xa3", /* ٠٥٥٩٨٧٦٥٤٣ */
		"\xdb\xb0\xdb\xb5\xdb\xb5\xdb\xb9\xdb\xb8\xdb\xb7\xdb\xb6\xdb\xb5"
		"\xdb\xb4\xdb\xb3", /* ۰۵۵۹۸۷۶۵۴۳ */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		captured[0] = '\0';
		cc__log(CC_LOG_INFO, "customer upserted phone=%s.", shapes[i]);
		cc_log_write(CC_LOG_WARN, shapes[i]);
		assert_null(strstr(captured, shapes[i]));
		assert_null(strstr(captured, "9876"));
		assert_null(strstr(captured, "987 6"));
		assert_null(strstr(captured, "\xd9\xa8\xd9\xa7\xd9\xa6"));
		assert_null(strstr(captured, "\xdb\xb8\xdb\xb7\xdb\xb6"));
		assert_non_null(strstr(captured, "43"));
	}
}

static void test_email_masked_in_log(void **state)
{
	(void)state;
	cc__log(CC_LOG_INFO, "email is %s, thanks", "ahmed.saleh@example.com");
	assert_null(strstr(captured, "ahmed.saleh"));
	assert_null(strstr(captured, "example"));
	assert_non_null(strstr(captured, "a**********@e******.com, thanks"));
}

static void test_ids_and_dates_are_not_phones(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc_log_scrub(&b, "ticket TKT_20240101_8F3A2B91C0 for "
					  "call CALL_20240101120000_AB12 on "
					  "2024-01-31 at 09:00, 3 retries"),
			 0);
	assert_string_equal(b.ptr, "ticket TKT_20240101_8F3A2B91C0 for "
				   "call CALL_20240101120000_AB12 on "
				   "2024-01-31 at 09:00, 3 retries");
	cc_buf_dispose(&b);
}

static void test_scrub_shapes(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc_log_scrub(&b, "call +966 55 987 6543 now"), 0);
	assert_string_equal(b.ptr, "call +966*******43 now");
	assert_int_equal(cc_log_scrub(&b, "رقمي ٠٥٥٩٨٧٦٥٤٣ شكرا"), 0);
	assert_string_equal(b.ptr, "رقمي 055*****43 شكرا");
	assert_int_equal(cc_log_scrub(&b, "kuwait 99887766"), 0);
	assert_string_equal(b.ptr, "kuwait 99****66");
	assert_int_equal(cc_log_scrub(&b, "short 12345 stays"), 0);
	assert_string_equal(b.ptr, "short 12345 stays");
	assert_int_equal(cc_log_scrub(&b, "bad \xff"), CC_EUTF8);
	assert_int_equal(cc_log_scrub(NULL, "x"), CC_EINVAL);
	cc_buf_dispose(&b);
}

static void test_masks(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc_log_mask_phone(&b, "+966559876543"), 0);
	assert_string_equal(b.ptr, "+966*******43");
	assert_int_equal(cc_log_mask_phone(&b, "٠٥٥٩٨٧٦٥٤٣"), 0);
	assert_string_equal(b.ptr, "055*****43");
	assert_int_equal(cc_log_mask_phone(&b, "123"), 0);
	assert_string_equal(b.ptr, "***");
	assert_int_equal(cc_log_mask_email(&b, "ahmed@example.com"), 0);
	assert_string_equal(b.ptr, "a****@e******.com");
	assert_int_equal(cc_log_mask_email(&b, "not an email"), 0);
	assert_string_equal(b.ptr, "***");
	assert_int_equal(cc_log_mask_name(&b, "Ahmed Saleh"), 0);
	assert_string_equal(b.ptr, "A**** S****");
	assert_int_equal(cc_log_mask_name(&b, "أحمد صالح"), 0);
	assert_string_equal(b.ptr, "أ*** ص***");
	assert_int_equal(cc_log_mask_name(&b, "\xc3"), CC_EUTF8);
	assert_int_equal(cc_log_mask_name(NULL, "x"), CC_EINVAL);
	assert_int_equal(cc_log_mask_phone(&b, NULL), CC_EINVAL);
	cc_buf_dispose(&b);
}

static void test_long_message(void **state)
{
	char big[5000];
	(void)state;
	memset(big, 'x', sizeof(big) - 20);
	strcpy(big + sizeof(big) - 20, " +966559876543");
	cc_log_set_level(CC_LOG_DEBUG);
	captured_count = 0;
	cc__log(CC_LOG_ERROR, "%s", big);
	assert_int_equal(captured_count, 1);
	assert_null(strstr(captured, "559876543"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_never_reaches_log,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_email_masked_in_log, setup,
						teardown),
		cmocka_unit_test(test_ids_and_dates_are_not_phones),
		cmocka_unit_test(test_scrub_shapes),
		cmocka_unit_test(test_masks),
		cmocka_unit_test_setup_teardown(test_long_message, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
