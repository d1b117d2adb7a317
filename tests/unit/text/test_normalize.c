/* Display form and match key: tables of inputs, the caller-buffer size
 * protocol, bad input, and the fast path checked against ICU. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text_int.h"

static const struct {
	const char *in, *key;
} key_cases[] = {
	/* diacritics, tatweel, alef/hamza, ta marbuta, alef maqsura */
	{ "عندي مُشكِلة في الخدمة", "عندي مشكله في الخدمه" },
	{ "عندي مشـــكلة", "عندي مشكله" },
	{ "أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله" },
	{ "شكوى على", "شكوي علي" },
	{ "مسؤول سيئة", "مسوول سييه" },
	/* presentation forms (ICU path) */
	{ "ﻣﺸﻜﻠﺔ", "مشكله" },
	{ "ﻻ", "لا" },
	/* Persian letters from a Persian keyboard */
	{ "استجابة فوری", "استجابه فوري" },
	{ "کیف", "كيف" },
	/* digits of every script */
	{ "رقمي ٠٩٤٤١٢٣٤٥٦", "رقمي 0944123456" },
	{ "۰۵۵ ١٢٣ 4567", "055 123 4567" },
	/* case, whitespace, bidi and zero-width characters */
	{ "  Hello\t\tWORLD  ", "hello world" },
	{ "a\u200Fb\u200Cc\u202Bd\u2066e\uFEFF", "abcde" },
	{ "x\u00A0\u2003y", "x y" },
	/* punctuation unified */
	{ "ماذا؟ نعم، لا؛", "ماذا? نعم, لا;" },
	{ "\u201Cquoted\u201D \u2018it\u2019s\u2019 a\u2013b",
	  "\"quoted\" 'it's' a-b" },
	{ "٪٥٠", "%50" },
	/* elongation */
	{ "جدااااا حلووو", "جدا حلو" },
	{ "sooooo goood", "so god" },
	{ "555 aa", "555 aa" },
	/* compatibility forms (ICU path) */
	{ "Ｆｕｌｌ ｗｉｄｔｈ", "full width" },
	{ "Straße", "strasse" },
	{ "ﷲ", "الله" },
	{ "", "" },
	{ "   ", "" },
};

static void test_key_table(void **state)
{
	char out[256];
	size_t i, n;
	(void)state;
	for (i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++) {
		int rc = cc_text_key(out, sizeof(out), &n, key_cases[i].in,
				     strlen(key_cases[i].in));
		assert_int_equal(rc, 0);
		assert_string_equal(out, key_cases[i].key);
		assert_int_equal(n, strlen(key_cases[i].key));
	}
}

static const struct {
	const char *in, *display;
	unsigned flags;
} display_cases[] = {
	{ "عندي مُشكِلة", "عندي مُشكِلة", 0 },
	{ "  رقمي\u200F  ٠٥٥١ ", "رقمي ٠٥٥١", 0 },
	{ "رقمي ٠٥٥١ ۰۵", "رقمي 0551 05", CC_TEXT_ASCII_DIGITS },
	{ "Hello\n\nWorld", "Hello World", 0 },
	{ "a\u200Bb\u2067c\u2069", "abc", 0 },
	/* NFC: decomposed alef + madda composes to آ */
	{ "\u0627\u0653", "\u0622", 0 },
	{ "e\u0301", "\u00E9", 0 },
	{ "café ﻣﺸﻜﻠﺔ", "café ﻣﺸﻜﻠﺔ", 0 },
	/* shadda + fatha in either order come out in canonical order */
	{ "\u0634\u064E\u0651", "\u0634\u064E\u0651", 0 },
	{ "\u0634\u0651\u064E", "\u0634\u064E\u0651", 0 },
};

static void test_display_table(void **state)
{
	char out[256];
	size_t i, n;
	(void)state;
	for (i = 0; i < sizeof(display_cases) / sizeof(display_cases[0]);
	     i++) {
		int rc = cc_text_display(out, sizeof(out), &n,
					 display_cases[i].in,
					 strlen(display_cases[i].in),
					 display_cases[i].flags);
		assert_int_equal(rc, 0);
		assert_string_equal(out, display_cases[i].display);
	}
}

static void test_buffer_size_protocol(void **state)
{
	const char *in = "عندي مُشكِلة في الخدمة";
	char small[8], *big;
	size_t need = 0, n = 0;
	(void)state;

	/* Ask for the size with no buffer at all. */
	assert_int_equal(cc_text_key(NULL, 0, &need, in, strlen(in)),
			 CC_EBUFS);
	assert_int_equal(need, strlen("عندي مشكله في الخدمه"));
	assert_int_equal(cc_text_key(small, sizeof(small), &n, in, strlen(in)),
			 CC_EBUFS);
	assert_int_equal(n, need);
	assert_string_equal(small, "");
	big = malloc(need + 1);
	assert_int_equal(cc_text_key(big, need + 1, &n, in, strlen(in)), 0);
	assert_string_equal(big, "عندي مشكله في الخدمه");
	/* Exactly one byte short fails. */
	assert_int_equal(cc_text_key(big, need, &n, in, strlen(in)), CC_EBUFS);
	free(big);

	/* The same through the ICU path (presentation forms). */
	in = "ﻣﺸﻜﻠﺔ ﻣﺸﻜﻠﺔ ﻣﺸﻜﻠﺔ";
	assert_int_equal(cc_text_key(NULL, 0, &need, in, strlen(in)), CC_EBUFS);
	assert_int_equal(need, strlen("مشكله مشكله مشكله"));
}

static void test_buf_convenience(void **state)
{
	cc_buf b = CC_BUF_INIT;
	char longer[3000];
	(void)state;
	assert_int_equal(cc_text_key_buf(&b, "ﻣﺸﻜﻠﺔ  Big"), 0);
	assert_string_equal(b.ptr, "مشكله big");
	assert_int_equal(b.size, strlen("مشكله big"));
	assert_int_equal(cc_text_display_buf(&b, " ٠١ x ", CC_TEXT_ASCII_DIGITS),
			 0);
	assert_string_equal(b.ptr, "01 x");
	/* A key longer than its input (ﷺ expands) still fits. */
	memset(longer, 0, sizeof(longer));
	for (size_t i = 0; i + 3 < sizeof(longer) - 1; i += 3)
		memcpy(longer + i, "\uFDFA", 3);
	assert_int_equal(cc_text_key_buf(&b, longer), 0);
	assert_true(b.size > strlen(longer));
	cc_buf_dispose(&b);
}

static void test_bad_input(void **state)
{
	char out[64];
	size_t n;
	cc_buf b = CC_BUF_INIT;
	const char bad[] = "abc\xC3(def";
	char *huge;
	(void)state;

	assert_int_equal(cc_text_key(out, sizeof(out), &n, bad, strlen(bad)),
			 CC_EUTF8);
	assert_non_null(strstr(cc_error_last()->message, "offset 3"));
	/* Truncated sequence at the end, overlong, surrogate. */
	assert_int_equal(cc_text_key(out, sizeof(out), &n, "ab\xD8", 3),
			 CC_EUTF8);
	assert_int_equal(cc_text_key(out, sizeof(out), &n, "\xC0\xAF", 2),
			 CC_EUTF8);
	assert_int_equal(cc_text_display(out, sizeof(out), &n, "\xED\xA0\x80",
					 3, 0),
			 CC_EUTF8);
	/* Invalid bytes after an ICU-path character. */
	assert_int_equal(cc_text_key(out, sizeof(out), &n, "ﻻ\xFF", 4),
			 CC_EUTF8);
	assert_int_equal(cc_text_key_buf(&b, bad), CC_EUTF8);
	assert_int_equal(cc_text_key(out, sizeof(out), NULL, "a", 1),
			 CC_EINVAL);
	assert_int_equal(cc_text_key(NULL, 10, &n, "a", 1), CC_EINVAL);
	assert_int_equal(cc_text_display(out, sizeof(out), &n, "a", 1, 0x80),
			 CC_EINVAL);
	assert_int_equal(cc_text_key_buf(NULL, "a"), CC_EINVAL);
	assert_int_equal(cc_text_key_buf(&b, NULL), CC_EINVAL);
	huge = malloc(CC_TEXT_MAX_INPUT + 2);
	memset(huge, 'a', CC_TEXT_MAX_INPUT + 1);
	huge[CC_TEXT_MAX_INPUT + 1] = '\0';
	assert_int_equal(cc_text_key(out, sizeof(out), &n, huge,
				     CC_TEXT_MAX_INPUT + 1),
			 CC_ETOOBIG);
	assert_int_equal(cc_text_key_buf(&b, huge), CC_ETOOBIG);
	free(huge);
	cc_buf_dispose(&b);
}

/* Random strings over the characters callers send: the fast path must
 * give what ICU followed by the table gives. */
static void test_fast_path_matches_icu(void **state)
{
	static const uint32_t pool[] = {
		'a', 'B', 'z', ' ', ' ', '\t', '1', '?', ',', '\'', 0x627, 0x623,
		0x625, 0x622, 0x649, 0x64A, 0x629, 0x647, 0x644, 0x645, 0x643,
		0x640, 0x64B, 0x64E, 0x651, 0x652, 0x670, 0x660, 0x669, 0x6F5,
		0x6CC, 0x6A9, 0x626, 0x624, 0x621, 0x60C, 0x61F, 0x200C, 0x200F,
		0x202B, 0xA0, 0x2019, 0x201C, 0x2014, 0x6D5, 0x6C0, 0x671,
		0x653, 0x654, 0x6D6, 0x6E5, 0x66A, 0x6BE, 0x6AF, 0xFEFF, 0x2003,
	};
	char in[256], a[1024], b[1024];
	size_t na, nb;
	unsigned seed = 12345;
	int form, iter;
	(void)state;

	for (iter = 0; iter < 4000; iter++) {
		size_t len = 0;
		int k, n;
		seed = seed * 1103515245u + 12345u;
		n = (int)(seed >> 16) % 24;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			len += cc__utf8_encode(
				pool[(seed >> 16) % (sizeof(pool) /
						     sizeof(pool[0]))],
				in + len);
		}
		in[len] = '\0';
		for (form = 0; form <= 2; form++) {
			assert_int_equal(cc_text__fold(a, sizeof(a), &na, in,
						       len, form),
					 0);
			assert_int_equal(cc_text__fold_reference(b, sizeof(b),
								 &nb, in, len,
								 form),
					 0);
			if (strcmp(a, b) != 0)
				fail_msg("form %d: fast [%s] vs ICU [%s] for "
					 "[%s]",
					 form, a, b, in);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_table),
		cmocka_unit_test(test_display_table),
		cmocka_unit_test(test_buffer_size_protocol),
		cmocka_unit_test(test_buf_convenience),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_fast_path_matches_icu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
