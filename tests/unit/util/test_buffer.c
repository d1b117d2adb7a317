/* cc_buf growth, formatting, and UTF-8 helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "util/util.h"

static void test_buf_grows_and_terminates(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(cc__buf_puts(&b, "ab"), 0);
	assert_int_equal(b.size, 2000);
	assert_true(b.reserved > b.size);
	assert_int_equal(b.ptr[b.size], '\0');
	assert_int_equal(cc__buf_printf(&b, "-%d-%s", 42, "x"), 0);
	assert_string_equal(b.ptr + 2000, "-42-x");
	cc__buf_clear(&b);
	assert_int_equal(b.size, 0);
	assert_string_equal(b.ptr, "");
	assert_int_equal(cc__buf_set(&b, "hello", 3), 0);
	assert_string_equal(b.ptr, "hel");
	cc_buf_dispose(&b);
	assert_null(b.ptr);
	assert_int_equal(b.size, 0);
	cc_buf_dispose(&b); /* twice is fine */
	cc_buf_dispose(NULL);
}

static void test_buf_refuses_overflow(void **state)
{
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc__buf_puts(&b, "x"), 0);
	assert_int_equal(cc__buf_grow(&b, SIZE_MAX - 1), CC_ETOOBIG);
	assert_string_equal(b.ptr, "x");
	cc_buf_dispose(&b);
}

static void test_utf8_decode(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(cc__utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(cc__utf8_decode("\xD8\xB9", 2, &cp), 2); /* ع */
	assert_int_equal(cp, 0x0639);
	assert_int_equal(cc__utf8_decode("\xE2\x80\x8F", 3, &cp), 3); /* RLM */
	assert_int_equal(cp, 0x200F);
	assert_int_equal(cc__utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Invalid: overlong, surrogate, truncated, stray continuation. */
	assert_int_equal(cc__utf8_decode("\xC0\xAF", 2, &cp), 0);
	assert_int_equal(cc__utf8_decode("\xE0\x80\xAF", 3, &cp), 0);
	assert_int_equal(cc__utf8_decode("\xED\xA0\x80", 3, &cp), 0);
	assert_int_equal(cc__utf8_decode("\xD8", 1, &cp), 0);
	assert_int_equal(cc__utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(cc__utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
}

static void test_utf8_check_and_require(void **state)
{
	char enc[4];
	(void)state;
	assert_int_equal(cc__utf8_check("abc", 3), 3);
	assert_int_equal(cc__utf8_check("ab\xFF" "c", 4), 2);
	assert_int_equal(cc__utf8_require("ok", 2, "text"), 0);
	assert_int_equal(cc__utf8_require("a\xC3", 2, "caller text"), CC_EUTF8);
	assert_non_null(strstr(cc_error_last()->message, "caller text"));
	assert_non_null(strstr(cc_error_last()->message, "offset 1"));
	assert_int_equal(cc__utf8_encode(0x0660, enc), 2);
	assert_memory_equal(enc, "\xD9\xA0", 2);
}

static void test_digit_values(void **state)
{
	(void)state;
	assert_int_equal(cc__digit_value('7'), 7);
	assert_int_equal(cc__digit_value(0x0665), 5);  /* ٥ */
	assert_int_equal(cc__digit_value(0x06F9), 9);  /* ۹ */
	assert_int_equal(cc__digit_value('a'), -1);
	assert_int_equal(cc__digit_value(0x00B2), -1); /* ² is not a digit */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_terminates),
		cmocka_unit_test(test_buf_refuses_overflow),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_check_and_require),
		cmocka_unit_test(test_digit_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
