/* Spoken and written numbers: digit strings and cardinals in each
 * dialect and in English, ambiguity, and the corpus lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text_int.h"
#include "fixture.h"

/* in → the first number's digits, and its value (-1: not one cardinal),
 * or NULL digits for "no number". */
static const struct {
	const char *in, *digits;
	long long value;
} cases[] = {
	/* MSA */
	{ "خمسة وعشرون", "25", 25 },
	{ "ثلاثة عشر", "13", 13 },
	{ "أحد عشر", "11", 11 },
	{ "اثنا عشر", "12", 12 },
	{ "مئتان وخمسون", "250", 250 },
	{ "ثلاثمائة", "300", 300 },
	{ "ثلاثة آلاف وخمسمائة", "3500", 3500 },
	{ "مليون", "1000000", 1000000 },
	{ "ثمانية", "8", 8 },
	/* Gulf */
	{ "خمسة وعشرين", "25", 25 },
	{ "ثنين", "2", 2 },
	{ "حدعش", "11", 11 },
	{ "خمسطعش", "15", 15 },
	{ "ثنعش", "12", 12 },
	{ "صفر خمسة وخمسين", "055", -1 },
	{ "ستة وتسعين", "96", 96 },
	{ "الف وميتين", "1200", 1200 },
	/* Levantine */
	{ "تلاتة", "3", 3 },
	{ "اتنين", "2", 2 },
	{ "تمنطعش", "18", 18 },
	{ "تلتمية", "300", 300 },
	{ "مية و خمسة و عشرين", "125", 125 },
	{ "تلات تلاف", "3000", 3000 },
	/* Egyptian */
	{ "حداشر", "11", 11 },
	{ "اتناشر", "12", 12 },
	{ "خمستاشر", "15", 15 },
	{ "تمانية", "8", 8 },
	{ "زيرو واحد اتنين", "012", -1 },
	{ "ألفين وخمسمية", "2500", 2500 },
	/* with clitics and hamza/ta-marbuta variants */
	{ "بخمسين ريال", "50", 50 },
	{ "اربعه", "4", 4 },
	{ "ثلاثه", "3", 3 },
	/* English */
	{ "twenty five", "25", 25 },
	{ "five hundred and fifty five", "555", 555 },
	{ "twelve hundred", "1200", 1200 },
	{ "two thousand and twenty four", "2024", 2024 },
	{ "three million", "3000000", 3000000 },
	{ "oh five five", "055", -1 },
	{ "nine double six", "966", -1 },
	{ "triple seven", "777", -1 },
	{ "zero double five nine", "0559", -1 },
	{ "five fifty", "550", -1 },
	/* digits of every script, grouped or not, mixed with words */
	{ "٠٥٥ ١٢٣ ٤٥٦٧", "0551234567", -1 },
	{ "۰۵۵-۱۲۳", "055123", -1 },
	{ "120", "120", 120 },
	{ "٠٥٥ خمسة", "0555", -1 },
	{ "500 ألف", "500000", 500000 },
	/* ambiguous words alone are not numbers, after a cue they are */
	{ "عندي ست بنات", NULL, 0 },
	{ "مية الشرب", NULL, 0 },
	{ "رقمي ست", "6", 6 },
	{ "oh no", NULL, 0 },
	{ "double room", NULL, 0 },
	{ "hello", NULL, 0 },
	{ "", NULL, 0 },
};

static void test_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cc_text_number n[4];
		size_t count = 99;
		assert_int_equal(cc_text_numbers(n, 4, &count, cases[i].in), 0);
		if (!cases[i].digits) {
			if (count != 0)
				fail_msg("[%s]: found %s", cases[i].in,
					 n[0].digits);
			continue;
		}
		if (count < 1 || strcmp(n[0].digits, cases[i].digits) != 0)
			fail_msg("[%s]: [%s], expected [%s]", cases[i].in,
				 count ? n[0].digits : "(none)",
				 cases[i].digits);
		if (cases[i].value >= 0) {
			assert_int_equal(n[0].has_value, 1);
			assert_int_equal(n[0].value, cases[i].value);
		} else {
			assert_int_equal(n[0].has_value, 0);
		}
	}
}

static void test_spans_and_plus(void **state)
{
	cc_text_number n[4];
	size_t count;
	(void)state;
	assert_int_equal(cc_text_numbers(n, 4, &count,
					 "رقمي ٠٥٥١٢٣٤٥٦٧ والطلب 123"),
			 0);
	assert_int_equal(count, 2);
	assert_string_equal(n[0].digits, "0551234567");
	assert_int_equal(n[0].first_word, 1);
	assert_int_equal(n[0].nwords, 1);
	assert_string_equal(n[1].digits, "123");
	assert_int_equal(cc_text_numbers(n, 4, &count, "زائد تسعة ستة ستة"), 0);
	assert_int_equal(count, 1);
	assert_int_equal(n[0].plus, 1);
	assert_string_equal(n[0].digits, "966");
	/* Fewer slots than numbers: the count is still the total. */
	assert_int_equal(cc_text_numbers(n, 1, &count, "1, 2, 3"), 0);
	assert_int_equal(count, 3);
	assert_int_equal(cc_text_numbers(NULL, 0, &count, "one, two"), 0);
	assert_int_equal(count, 2);
}

static void test_cardinal(void **state)
{
	int64_t v = 0;
	(void)state;
	assert_int_equal(cc_text_cardinal(&v, "ثلاثمية وخمسين"), 0);
	assert_int_equal(v, 350);
	assert_int_equal(cc_text_cardinal(&v, "zero five five"), CC_ERANGE);
	assert_int_equal(cc_text_cardinal(&v, "nothing here"), CC_ENOTFOUND);
	assert_int_equal(cc_text_cardinal(&v, "\xC3"), CC_EUTF8);
	assert_int_equal(cc_text_cardinal(NULL, "1"), CC_EINVAL);
	assert_int_equal(cc_text_numbers(NULL, 1, NULL, "1"), CC_EINVAL);
}

static void check_line(const cJSON *obj, void *ctx)
{
	const cJSON *text = cJSON_GetObjectItem(obj, "text");
	const cJSON *num = cJSON_GetObjectItem(obj, "number");
	cc_text_number n;
	size_t count;
	if (!cJSON_IsString(num))
		return;
	(*(int *)ctx)++;
	assert_int_equal(cc_text_numbers(&n, 1, &count, text->valuestring), 0);
	assert_int_equal(count, 1);
	assert_string_equal(n.digits, num->valuestring);
}

static void test_corpus(void **state)
{
	int checked = 0;
	(void)state;
	assert_true(fixture_each("text/text_dev.jsonl", check_line, &checked) >
		    0);
	assert_int_equal(checked, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_spans_and_plus),
		cmocka_unit_test(test_cardinal),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
