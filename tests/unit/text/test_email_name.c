/* E-mail validation and spoken recovery; names: cleaning, script and the
 * cross-script search key. */
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
	const char *in, *out;
	int problem;
} validate_cases[] = {
	{ "ahmed@example.com", "ahmed@example.com", CC_TEXT_EMAIL_OK },
	{ " <Sara.K@Mail.CO> ", "Sara.K@mail.co", CC_TEXT_EMAIL_OK },
	{ "first+tag@sub.example.org.", "first+tag@sub.example.org",
	  CC_TEXT_EMAIL_OK },
	{ "x@مثال.السعودية", "x@مثال.السعودية", CC_TEXT_EMAIL_OK },
	{ "x@xn--mgbh0fb.xn--mgberp4a5d4ar", "x@xn--mgbh0fb.xn--mgberp4a5d4ar",
	  CC_TEXT_EMAIL_OK },
	{ "a..b@x.co", NULL, CC_TEXT_EMAIL_BAD_LOCAL },
	{ ".a@x.co", NULL, CC_TEXT_EMAIL_BAD_LOCAL },
	{ "a b@x.co", NULL, CC_TEXT_EMAIL_BAD_LOCAL },
	{ "@x.co", NULL, CC_TEXT_EMAIL_BAD_LOCAL },
	{ "a@b", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "a@b.c", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "a@-b.com", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "a@b..com", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "a@b.c0m", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "a@b@c.com", NULL, CC_TEXT_EMAIL_BAD_DOMAIN },
	{ "ahmed", NULL, CC_TEXT_EMAIL_NO_AT },
	{ "   ", NULL, CC_TEXT_EMAIL_NOT_AN_EMAIL },
	{ "a@b.com\n", "a@b.com", CC_TEXT_EMAIL_OK },
};

static void test_validate(void **state)
{
	cc_buf b = CC_BUF_INIT;
	size_t i;
	char longlocal[80];
	int p;
	(void)state;
	for (i = 0; i < sizeof(validate_cases) / sizeof(validate_cases[0]);
	     i++) {
		int rc = cc_text_email_validate(&b, &p, validate_cases[i].in);
		if (p != validate_cases[i].problem)
			fail_msg("[%s]: problem %d, expected %d",
				 validate_cases[i].in, p,
				 validate_cases[i].problem);
		if (validate_cases[i].out) {
			assert_int_equal(rc, 0);
			assert_string_equal(b.ptr, validate_cases[i].out);
		} else {
			assert_int_equal(rc, CC_EPARSE);
		}
	}
	memset(longlocal, 'a', 65);
	strcpy(longlocal + 65, "@x.com");
	assert_int_equal(cc_text_email_validate(&b, &p, longlocal), CC_EPARSE);
	assert_int_equal(p, CC_TEXT_EMAIL_BAD_LOCAL);
	assert_int_equal(cc_text_email_validate(&b, &p, "a@\xFF.com"), CC_EUTF8);
	assert_int_equal(cc_text_email_validate(NULL, &p, "a@b.com"), CC_EINVAL);
	assert_int_equal(cc_text_email_validate(&b, NULL, NULL), CC_EINVAL);
	cc_buf_dispose(&b);
}

static const struct {
	const char *in, *email;
} find_cases[] = {
	{ "ahmed at example dot com", "ahmed@example.com" },
	{ "ahmed ات gmail دوت com", "ahmed@gmail.com" },
	{ "ايميلي ahmed أت hotmail نقطة com", "ahmed@hotmail.com" },
	{ "ahmed آت yahoo نقطه com", "ahmed@yahoo.com" },
	{ "my email is sara.k@mail.co", "sara.k@mail.co" },
	{ "email: Ahmed.Ali@Example.COM.", "ahmed.ali@example.com" },
	{ "a h m e d at gmail dot com", "ahmed@gmail.com" },
	{ "ahmed dot ali underscore 2 at my dash company dot co dot uk",
	  "ahmed.ali_2@my-company.co.uk" },
	{ "sara اندر سكور k at mail dot com", "sara_k@mail.com" },
	{ "ahmed @ gmail.com", "ahmed@gmail.com" },
	{ "ahmed@gmail dot com", "ahmed@gmail.com" },
	{ "I'm at home", NULL },
	{ "ahmed at gmail", NULL },
	{ "نحن في المكتب", NULL },
	{ "", NULL },
};

static void test_find(void **state)
{
	cc_buf b = CC_BUF_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(find_cases) / sizeof(find_cases[0]); i++) {
		int rc = cc_text_email_find(&b, find_cases[i].in);
		if (!find_cases[i].email) {
			if (rc != CC_ENOTFOUND)
				fail_msg("[%s]: found %s", find_cases[i].in,
					 b.ptr);
			continue;
		}
		if (rc != 0 || strcmp(b.ptr, find_cases[i].email) != 0)
			fail_msg("[%s]: %d %s, expected %s", find_cases[i].in,
				 rc, rc ? "" : b.ptr, find_cases[i].email);
	}
	assert_int_equal(cc_text_email_find(&b, "x\xC3"), CC_EUTF8);
	cc_buf_dispose(&b);
}

static void check_line(const cJSON *obj, void *ctx)
{
	const cJSON *text = cJSON_GetObjectItem(obj, "text");
	const cJSON *email = cJSON_GetObjectItem(obj, "email");
	cc_buf b = CC_BUF_INIT;
	if (!cJSON_IsString(email))
		return;
	(*(int *)ctx)++;
	assert_int_equal(cc_text_email_find(&b, text->valuestring), 0);
	assert_string_equal(b.ptr, email->valuestring);
	cc_buf_dispose(&b);
}

static void test_corpus(void **state)
{
	int checked = 0;
	(void)state;
	assert_true(fixture_each("text/text_dev.jsonl", check_line, &checked) >
		    0);
	assert_int_equal(checked, 3);
}

static const struct {
	const char *in, *out;
	int problem;
} name_cases[] = {
	{ "اسمي أحمد", "أحمد", 0 },
	{ "أنا فاطمة الزهراء معك", "فاطمة الزهراء", 0 },
	{ "السيد محمد عبد الله", "محمد عبد الله", 0 },
	{ "الدكتورة سارة", "سارة", 0 },
	{ "ـأحمـــد", "أحمد", 0 },
	{ "my name is AHMED al-saleh", "Ahmed Al-Saleh", 0 },
	{ "Dr. o'brien", "O'Brien", 0 },
	{ "it's sara speaking", "Sara", 0 },
	{ "McDonald", "McDonald", 0 },
	{ "  mr   john   SMITH ", "John Smith", 0 },
	{ "José", "José", 0 },
	{ "ahmed123", NULL, CC_TEXT_NAME_NOT_A_NAME },
	{ "a@b.com", NULL, CC_TEXT_NAME_NOT_A_NAME },
	{ "a", NULL, CC_TEXT_NAME_TOO_SHORT },
	{ "", NULL, CC_TEXT_NAME_TOO_SHORT },
	{ "one two three four five six seven eight nine", NULL,
	  CC_TEXT_NAME_TOO_LONG },
	/* a title alone is kept: it may be the name */
	{ "Miss", "Miss", 0 },
};

static void test_name_clean(void **state)
{
	cc_buf b = CC_BUF_INIT;
	size_t i;
	int p;
	(void)state;
	for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		int rc = cc_text_name_clean(&b, &p, name_cases[i].in);
		if (p != name_cases[i].problem)
			fail_msg("[%s]: problem %d, expected %d",
				 name_cases[i].in, p, name_cases[i].problem);
		if (name_cases[i].out) {
			assert_int_equal(rc, 0);
			assert_string_equal(b.ptr, name_cases[i].out);
		} else {
			assert_int_equal(rc, CC_EPARSE);
		}
	}
	assert_int_equal(cc_text_name_clean(&b, &p, "\xFE"), CC_EUTF8);
	cc_buf_dispose(&b);
}

static void test_name_script(void **state)
{
	(void)state;
	assert_int_equal(cc_text_name_script("أحمد"), CC_TEXT_SCRIPT_ARABIC);
	assert_int_equal(cc_text_name_script("ﻣﺮﺣﺒﺎ"), CC_TEXT_SCRIPT_ARABIC);
	assert_int_equal(cc_text_name_script("Ahmed"), CC_TEXT_SCRIPT_LATIN);
	assert_int_equal(cc_text_name_script("José"), CC_TEXT_SCRIPT_LATIN);
	assert_int_equal(cc_text_name_script("Ahmed أحمد"),
			 CC_TEXT_SCRIPT_MIXED);
	assert_int_equal(cc_text_name_script("Иван"), CC_TEXT_SCRIPT_OTHER);
	assert_int_equal(cc_text_name_script("123 ـ"), CC_TEXT_SCRIPT_NONE);
	assert_int_equal(cc_text_name_script(NULL), CC_EINVAL);
	assert_int_equal(cc_text_name_script("\xFF"), CC_EUTF8);
}

/* Spellings of one name must share one key. */
static const char *const same_key[][5] = {
	{ "أحمد", "Ahmad", "Ahmed", "احمد", NULL },
	{ "محمد", "Mohammed", "Muhammad", "Mohamed", NULL },
	{ "عبد الله", "Abdullah", "Abdallah", "عبدالله", NULL },
	{ "عبد الرحمن", "Abdulrahman", "Abdul Rahman", "Abd al-Rahman", NULL },
	{ "خالد", "Khaled", "Khalid", NULL },
	{ "فاطمة", "Fatima", "Fatimah", "فاطمه", NULL },
	{ "يوسف", "Youssef", "Yusuf", NULL },
	{ "عمر", "Omar", NULL },
	{ "حسن", "Hassan", "الحسن", "al-Hassan", NULL },
	{ "سعيد", "Saeed", "Said", NULL },
	{ "أبو بكر", "Abu Bakr", "Abubakar", NULL },
	{ "جمال", "Gamal", "Jamal", NULL },
	{ "عثمان", "Othman", "Uthman", NULL },
	{ "قاسم", "Qasim", "Kassem", NULL },
	{ "مريم", "Maryam", "Mariam", NULL },
	{ "نور", "Noor", "Nour", NULL },
	{ "أحمد صالح", "Ahmed Saleh", "AHMED SALEH", NULL },
};

static void test_name_key(void **state)
{
	cc_buf a = CC_BUF_INIT, b = CC_BUF_INIT;
	size_t i, j;
	(void)state;
	for (i = 0; i < sizeof(same_key) / sizeof(same_key[0]); i++) {
		assert_int_equal(cc_text_name_key(&a, same_key[i][0]), 0);
		assert_true(a.size > 0);
		for (j = 1; same_key[i][j]; j++) {
			assert_int_equal(cc_text_name_key(&b, same_key[i][j]),
					 0);
			if (strcmp(a.ptr, b.ptr) != 0)
				fail_msg("[%s]=%s but [%s]=%s", same_key[i][0],
					 a.ptr, same_key[i][j], b.ptr);
		}
	}
	/* Different names stay apart. */
	assert_int_equal(cc_text_name_key(&a, "أحمد"), 0);
	assert_int_equal(cc_text_name_key(&b, "محمد"), 0);
	assert_string_not_equal(a.ptr, b.ptr);
	assert_int_equal(cc_text_name_key(&a, "خالد"), 0);
	assert_int_equal(cc_text_name_key(&b, "Sara"), 0);
	assert_string_not_equal(a.ptr, b.ptr);
	assert_int_equal(cc_text_name_key(&a, "\xC0"), CC_EUTF8);
	assert_int_equal(cc_text_name_key(NULL, "x"), CC_EINVAL);
	cc_buf_dispose(&a);
	cc_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_name_clean),
		cmocka_unit_test(test_name_script),
		cmocka_unit_test(test_name_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
