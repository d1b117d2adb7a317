/* Phone numbers: every region of the table, typed and spoken forms,
 * problems, finding inside utterances, formats, and the corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text_int.h"
#include "fixture.h"

static const struct {
	const char *in, *region, *e164;
	int type;
} valid[] = {
	{ "0559876543", "SA", "+966559876543", CC_TEXT_PHONE_MOBILE },
	{ "011 234 5678", "SA", "+966112345678", CC_TEXT_PHONE_FIXED },
	{ "8001234567", "SA", "+9668001234567", CC_TEXT_PHONE_TOLL_FREE },
	{ "966559876543", "SA", "+966559876543", CC_TEXT_PHONE_MOBILE },
	{ "+966 055 987 6543", "SA", "+966559876543", CC_TEXT_PHONE_MOBILE },
	{ "050 123 4567", "AE", "+971501234567", CC_TEXT_PHONE_MOBILE },
	{ "04 123 4567", "AE", "+97141234567", CC_TEXT_PHONE_FIXED },
	{ "5001 2345", "KW", "+96550012345", CC_TEXT_PHONE_MOBILE },
	{ "2221 2345", "KW", "+96522212345", CC_TEXT_PHONE_FIXED },
	{ "3312 3456", "QA", "+97433123456", CC_TEXT_PHONE_MOBILE },
	{ "3600 1234", "BH", "+97336001234", CC_TEXT_PHONE_MOBILE },
	{ "9212 3456", "OM", "+96892123456", CC_TEXT_PHONE_MOBILE },
	{ "079 012 3456", "JO", "+962790123456", CC_TEXT_PHONE_MOBILE },
	{ "06 500 1234", "JO", "+96265001234", CC_TEXT_PHONE_FIXED },
	{ "0944 123 456", "SY", "+963944123456", CC_TEXT_PHONE_MOBILE },
	{ "03 123 456", "LB", "+9613123456", CC_TEXT_PHONE_MOBILE },
	{ "71 123 456", "LB", "+96171123456", CC_TEXT_PHONE_MOBILE },
	{ "01 123 456", "LB", "+9611123456", CC_TEXT_PHONE_FIXED },
	{ "0791 234 5678", "IQ", "+9647912345678", CC_TEXT_PHONE_MOBILE },
	{ "۰۱۰۰۱۲۳۴۵۶۷", "EG", "+201001234567", CC_TEXT_PHONE_MOBILE },
	{ "02 2345 6789", "EG", "+20223456789", CC_TEXT_PHONE_FIXED },
	{ "0599 123 456", "PS", "+970599123456", CC_TEXT_PHONE_MOBILE },
	{ "0712 345 678", "YE", "+967712345678", CC_TEXT_PHONE_MOBILE },
	{ "(201) 555-0123", "US", "+12015550123", CC_TEXT_PHONE_FIXED_OR_MOBILE },
	{ "1 201 555 0123", "US", "+12015550123", CC_TEXT_PHONE_FIXED_OR_MOBILE },
	{ "416 555 0123", "CA", "+14165550123", CC_TEXT_PHONE_FIXED_OR_MOBILE },
	{ "07400 123456", "GB", "+447400123456", CC_TEXT_PHONE_MOBILE },
	{ "+44 20 7946 0958", "SA", "+442079460958", CC_TEXT_PHONE_FIXED },
	/* another country's number while the default is SA */
	{ "00971 50 123 4567", "SA", "+971501234567", CC_TEXT_PHONE_MOBILE },
	{ "زائد تسعة سبعة واحد خمسة صفر واحد اثنين ثلاثة أربعة خمسة ستة سبعة",
	  "SA", "+971501234567", CC_TEXT_PHONE_MOBILE },
	/* a country outside the table: accepted, type unknown */
	{ "+49 30 1234567", "SA", "+49301234567", CC_TEXT_PHONE_UNKNOWN },
	/* international only, no default region */
	{ "+966559876543", NULL, "+966559876543", CC_TEXT_PHONE_MOBILE },
	/* Gulf grouping of pairs */
	{ "صفر خمسة وخمسين تسعمية وسبعة وثمانين ستة خمسة اربعة ثلاثة", "SA",
	  "+966559876543", CC_TEXT_PHONE_MOBILE },
};

static void test_valid(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		cc_text_phone p;
		int rc = cc_text_phone_parse(&p, valid[i].in, valid[i].region);
		if (rc != 0 || strcmp(p.e164, valid[i].e164) != 0 ||
		    p.type != valid[i].type)
			fail_msg("[%s] %s: rc %d %s type %d problem %d; "
				 "expected %s type %d",
				 valid[i].in,
				 valid[i].region ? valid[i].region : "-", rc,
				 p.e164, p.type, p.problem, valid[i].e164,
				 valid[i].type);
	}
}

static const struct {
	const char *in, *region;
	int problem;
} invalid[] = {
	{ "123", "SA", CC_TEXT_PHONE_TOO_SHORT },
	{ "not now", "SA", CC_TEXT_PHONE_NO_DIGITS },
	{ "0559876543210", "SA", CC_TEXT_PHONE_TOO_LONG },
	{ "0229876543", "SA", CC_TEXT_PHONE_INVALID },
	{ "0559876543", NULL, CC_TEXT_PHONE_NO_REGION },
	{ "+966 12", "SA", CC_TEXT_PHONE_TOO_SHORT },
	{ "+1234567", NULL, CC_TEXT_PHONE_TOO_SHORT },
};

static void test_invalid(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		cc_text_phone p;
		int rc = cc_text_phone_parse(&p, invalid[i].in,
					     invalid[i].region);
		assert_int_equal(rc, CC_EPARSE);
		if (p.problem != invalid[i].problem)
			fail_msg("[%s]: problem %d, expected %d", invalid[i].in,
				 p.problem, invalid[i].problem);
		assert_string_equal(p.e164, "");
	}
}

static void test_bad_arguments(void **state)
{
	cc_text_phone p;
	size_t n;
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc_text_phone_parse(&p, "0559876543", "ZZ"), CC_EINVAL);
	assert_int_equal(cc_text_phone_parse(&p, "0559876543", "SAU"),
			 CC_EINVAL);
	assert_int_equal(cc_text_phone_parse(NULL, "1", "SA"), CC_EINVAL);
	assert_int_equal(cc_text_phone_parse(&p, NULL, "SA"), CC_EINVAL);
	assert_int_equal(cc_text_phone_parse(&p, "05\xFF", "SA"), CC_EUTF8);
	assert_int_equal(cc_text_phone_find(NULL, 2, &n, "x", "SA"), CC_EINVAL);
	memset(&p, 0, sizeof(p));
	assert_int_equal(cc_text_phone_format(&b, &p, CC_TEXT_PHONE_E164),
			 CC_EINVAL);
	assert_int_equal(cc_text_phone_region_known("sa"), 1);
	assert_int_equal(cc_text_phone_region_known("ZZ"), 0);
	assert_int_equal(cc_text_phone_region_known(NULL), 0);
	cc_buf_dispose(&b);
}

static void test_find(void **state)
{
	cc_text_phone p[4];
	size_t n;
	(void)state;
	assert_int_equal(cc_text_phone_find(p, 4, &n,
					    "رقمي ٠٥٥١٢٣٤٥٦٧ والثاني 0501234567",
					    "SA"),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].e164, "+966551234567");
	assert_string_equal(p[1].e164, "+966501234567");
	assert_int_equal(cc_text_phone_find(p, 4, &n, "رقم الطلب 123456", "SA"),
			 0);
	assert_int_equal(n, 0);
	/* two numbers said back to back */
	assert_int_equal(cc_text_phone_find(p, 4, &n,
					    "0559876543 0501234567", "SA"),
			 0);
	assert_int_equal(n, 2);
	/* the same number twice counts once */
	assert_int_equal(cc_text_phone_find(p, 4, &n,
					    "0559876543, 0559876543", "SA"),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(cc_text_phone_find(p, 4, &n,
					    "call me at 0944 123 456, order 77",
					    "SY"),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].e164, "+963944123456");
}

static void test_format(void **state)
{
	static const struct {
		int format;
		const char *text;
	} f[] = {
		{ CC_TEXT_PHONE_E164, "+966559876543" },
		{ CC_TEXT_PHONE_INTERNATIONAL, "+966 55 987 6543" },
		{ CC_TEXT_PHONE_NATIONAL, "055 987 6543" },
		{ CC_TEXT_PHONE_READBACK, "0 5 5, 9 8 7, 6 5 4 3" },
		{ CC_TEXT_PHONE_READBACK_AR,
		  "صفر خمسة خمسة، تسعة ثمانية سبعة، ستة خمسة أربعة ثلاثة" },
		{ CC_TEXT_PHONE_READBACK_EN,
		  "zero five five, nine eight seven, six five four three" },
	};
	cc_text_phone p;
	cc_buf b = CC_BUF_INIT;
	size_t i;
	(void)state;
	assert_int_equal(cc_text_phone_parse(&p, "0559876543", "SA"), 0);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		assert_int_equal(cc_text_phone_format(&b, &p, f[i].format), 0);
		assert_string_equal(b.ptr, f[i].text);
	}
	assert_int_equal(cc_text_phone_format(&b, &p, 99), CC_EINVAL);
	assert_int_equal(cc_text_phone_parse(&p, "99887766", "KW"), 0);
	assert_int_equal(cc_text_phone_format(&b, &p, CC_TEXT_PHONE_NATIONAL),
			 0);
	assert_string_equal(b.ptr, "9988 7766");
	assert_int_equal(cc_text_phone_parse(&p, "+49301234567", NULL), 0);
	assert_int_equal(cc_text_phone_format(&b, &p, CC_TEXT_PHONE_NATIONAL),
			 0);
	assert_string_equal(b.ptr, "+49301234567");
	cc_buf_dispose(&b);
}

static void check_line(const cJSON *obj, void *ctx)
{
	const char *text = cJSON_GetObjectItem(obj, "text")->valuestring;
	const char *region = cJSON_GetObjectItem(obj, "region")->valuestring;
	const cJSON *want = cJSON_GetObjectItem(obj, "e164");
	cc_text_phone p;
	int rc = cc_text_phone_parse(&p, text, region);
	(*(int *)ctx)++;
	if (cJSON_IsNull(want)) {
		assert_int_equal(rc, CC_EPARSE);
		return;
	}
	if (rc != 0 || strcmp(p.e164, want->valuestring) != 0)
		fail_msg("[%s] %s: %d %s, expected %s", text, region, rc,
			 p.e164, want->valuestring);
}

static void test_corpus(void **state)
{
	int checked = 0;
	(void)state;
	assert_int_equal(fixture_each("text/phones_dev.jsonl", check_line,
				      &checked),
			 17);
	assert_int_equal(checked, 17);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
