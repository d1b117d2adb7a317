/* Tokens, light stems, language detection and the analysis fast path. */
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
	const char *in, *stems;
} stem_cases[] = {
	/* article and clitics */
	{ "المشكلة مشكلة مشكله", "مشكل مشكل مشكل" },
	{ "بالسعر السعر والسعر", "سعر سعر سعر" },
	{ "والمنتجات منتجات", "منتج منتج" },
	{ "للخدمة وبالحساب فالموظف كالعادة", "خدم حساب موظف عاد" },
	/* possessive ta: مشكلتي / مشكلتكم → مشكل */
	{ "مشكلتي مشكلتكم فاتورتي فاتورة", "مشكل مشكل فاتور فاتور" },
	/* plural and pronoun suffixes */
	{ "موظفين المبيعات حسابي حسابها", "موظف مبيع حساب حساب" },
	/* short words stay whole */
	{ "زين بدي ابي ودي بيت", "زين بدي ابي ودي بيت" },
	{ "وقتي", "وقت" },
	/* و that is the first radical: every form of the root meets the
	 * root (perfect, imperfect, dialect prefixes, pronoun endings) */
	{ "وصل وصلت وصلني وصلتني وصلنا وصلوا يوصل توصل بيوصلوا اوصلك",
	  "وصل وصل وصل وصل وصل وصل وصل وصل وصل وصل" },
	{ "وقف وقفت وقفوا يوقف توقف وقفني", "وقف وقف وقف وقف وقف وقف" },
	{ "وجد وجدت يوجد وجدنا", "وجد وجد وجد وجد" },
	{ "وعد وعدت وعدوني وعدتوني نوعدك", "وعد وعد وعد وعد وعد" },
	{ "وقع وقعت يوقع وقعنا", "وقع وقع وقع وقع" },
	{ "وضع وضعي وضعنا يوضع", "وضع وضع وضع وضع" },
	{ "وفر وفرت نوفر يوفرلك توفروا", "وفر وفر وفر يوفرلك وفر" },
	{ "وزن وزني وزنه", "وزن وزن وزن" },
	/* ... with a conjunction or a future prefix in front */
	{ "ووصلني فوصلت ويوصل حيوصل هيوقف", "وصل وصل وصل وصل وقف" },
	/* ... but a و before anything that is not inflection is "and" */
	{ "والخدمة وبالحساب وسعره وفريق وحسابي ووقتي",
	  "خدم حساب سعر فريق حساب وقت" },
	{ "وكلها وحدها", "كل حد" },
	/* a preposition before a word that begins with hamza */
	{ "باسترداد استرداد لاستفسار الاستفسار وباسترجاع",
	  "استرداد استرداد استفسار استفسار استرجاع" },
	{ "لإعلان إعلان اعلان بإرسال ارسال", "اعل اعل اعل ارسال ارسال" },
	{ "لازم باقات لاعب", "لازم باق لاعب" },
	/* what the article leaves is a word: three letters stay whole */
	{ "الواي واي الخطة خطة", "واي واي خطه خطه" },
	/* diacritics and tatweel are gone before stemming */
	{ "المُشـكِلة", "مشكل" },
	/* English: Snowball english */
	{ "complaints buying prices cancelled refunds", "complaint buy price cancel refund" },
	{ "it's don't", "it don't" },
	/* digits and Arabizi stay as they are */
	{ "3ndi 0551234567 5g", "3ndi 0551234567 5g" },
};

static void test_stems(void **state)
{
	cc_buf b = CC_BUF_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(stem_cases) / sizeof(stem_cases[0]); i++) {
		assert_int_equal(cc_text_stems(&b, stem_cases[i].in), 0);
		if (strcmp(b.ptr, stem_cases[i].stems) != 0)
			fail_msg("stems of [%s]: [%s], expected [%s]",
				 stem_cases[i].in, b.ptr, stem_cases[i].stems);
	}
	cc_buf_dispose(&b);
}

static void test_tokens(void **state)
{
	cc_text__analysis a;
	const char *in = "عندي complaint، بخصوص الـinvoice 5g don't";
	(void)state;
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__tokenize(&a, in, strlen(in)), 0);
	assert_int_equal(a.ntokens, 7);
	assert_memory_equal(cc_text__tok_key(&a, &a.tokens[0]), "عندي", 8);
	assert_int_equal(a.tokens[0].script, CC_TEXT__SCRIPT_ARABIC);
	assert_int_equal(a.tokens[1].script, CC_TEXT__SCRIPT_LATIN);
	/* the Arabic comma is punctuation before token 2 */
	assert_true(a.tokens[2].flags & CC_TEXT__TOK_AFTER_PUNCT);
	assert_false(a.tokens[1].flags & CC_TEXT__TOK_AFTER_PUNCT);
	/* "الـinvoice": tatweel goes, the scripts split */
	assert_int_equal(a.tokens[3].key_len, 4);
	assert_memory_equal(cc_text__tok_key(&a, &a.tokens[4]), "invoice", 7);
	assert_memory_equal(cc_text__tok_key(&a, &a.tokens[6]), "don't", 5);
	for (size_t i = 0; i < a.ntokens; i++) {
		const cc_text__token *t = &a.tokens[i];
		assert_int_equal(t->index, i);
		assert_int_equal(t->key_hash,
				 cc_text__hash(cc_text__tok_key(&a, t),
					       t->key_len));
		assert_int_equal(t->stem_hash,
				 cc_text__hash(cc_text__tok_stem(&a, t),
					       t->stem_len));
	}
	/* No heap for an ordinary utterance. */
	assert_false(a.arena_heap);
	cc_text__analysis_dispose(&a);
}

static void test_long_utterance_grows(void **state)
{
	cc_text__analysis a;
	size_t n = 20000, i;
	char *in = malloc(n + 1);
	(void)state;
	for (i = 0; i + 1 < n; i += 2)
		memcpy(in + i, "a ", 2);
	in[n] = '\0';
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__analyze(&a, in, n, NULL), 0);
	assert_int_equal(a.ntokens, n / 2);
	assert_true(a.arena_heap);
	/* Reuse after growth, then a short one. */
	assert_int_equal(cc_text__analyze(&a, "مرحبا", strlen("مرحبا"), NULL),
			 0);
	assert_int_equal(a.ntokens, 1);
	assert_int_equal(a.language, CC_TEXT_LANG_AR);
	cc_text__analysis_dispose(&a);
	free(in);
}

static void test_analysis_bad_utf8(void **state)
{
	cc_text__analysis a;
	(void)state;
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__analyze(&a, "ok", 2, NULL), 0);
	assert_int_equal(cc_text__analyze(&a, "x\xFFy", 3, NULL), CC_EUTF8);
	assert_int_equal(a.ntokens, 0);
	assert_int_equal(a.key_len, 0);
	cc_text__analysis_dispose(&a);
}

static const struct {
	const char *in;
	int lang;
	int arabizi;
} lang_cases[] = {
	{ "مرحبا", CC_TEXT_LANG_AR, 0 },
	{ "hello there", CC_TEXT_LANG_EN, 0 },
	{ "عندي complaint بخصوص الـ invoice", CC_TEXT_LANG_MIXED, 0 },
	{ "12345", CC_TEXT_LANG_UNKNOWN, 0 },
	{ "+963 944-123-456", CC_TEXT_LANG_UNKNOWN, 0 },
	{ "؟؟؟ ، ١٢٣", CC_TEXT_LANG_UNKNOWN, 0 },
	{ "", CC_TEXT_LANG_UNKNOWN, 0 },
	{ "ﻣﺮﺣﺒﺎ", CC_TEXT_LANG_AR, 0 },
	{ "café", CC_TEXT_LANG_EN, 0 },
	{ "ـــــ", CC_TEXT_LANG_UNKNOWN, 0 },
	/* Arabizi */
	{ "3ndi mshkle bl fatora", CC_TEXT_LANG_AR, 1 },
	{ "mar7aba, bdi a7ki ma3 el sales", CC_TEXT_LANG_AR, 1 },
	{ "shu fi 3ndkon 3roud", CC_TEXT_LANG_AR, 1 },
	{ "ana 3ayez a2olak 7aga", CC_TEXT_LANG_AR, 1 },
	{ "wallah ya akhi", CC_TEXT_LANG_AR, 1 },
	/* not Arabizi: ordinals, times, units, product codes */
	{ "meet me at 7pm on the 3rd", CC_TEXT_LANG_EN, 0 },
	{ "my 5g router in flat 3b", CC_TEXT_LANG_EN, 0 },
	{ "the s23 and mp3 player", CC_TEXT_LANG_EN, 0 },
	{ "I need 2kg", CC_TEXT_LANG_EN, 0 },
};

static void test_language_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(lang_cases) / sizeof(lang_cases[0]); i++) {
		int lang = -1, az = -1;
		assert_int_equal(cc_text_detect_language(&lang, &az,
							 lang_cases[i].in),
				 0);
		if (lang != lang_cases[i].lang || az != lang_cases[i].arabizi)
			fail_msg("[%s]: %s/%d, expected %s/%d",
				 lang_cases[i].in, cc_text_language_name(lang),
				 az, cc_text_language_name(lang_cases[i].lang),
				 lang_cases[i].arabizi);
	}
	assert_int_equal(cc_text_detect_language(NULL, NULL, "x"), CC_EINVAL);
	assert_string_equal(cc_text_language_name(99), "unknown");
}

static void check_lang_line(const cJSON *obj, void *ctx)
{
	const cJSON *text = cJSON_GetObjectItem(obj, "text");
	const cJSON *lang = cJSON_GetObjectItem(obj, "lang");
	int got;
	if (!cJSON_IsString(lang))
		return;
	(*(int *)ctx)++;
	assert_int_equal(cc_text_detect_language(&got, NULL, text->valuestring),
			 0);
	if (strcmp(cc_text_language_name(got), lang->valuestring) != 0)
		fail_msg("[%s]: %s, expected %s", text->valuestring,
			 cc_text_language_name(got), lang->valuestring);
}

static void test_language_corpus(void **state)
{
	int checked = 0;
	(void)state;
	assert_true(fixture_each("text/text_dev.jsonl", check_lang_line,
				 &checked) > 0);
	assert_int_equal(checked, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_long_utterance_grows),
		cmocka_unit_test(test_analysis_bad_utf8),
		cmocka_unit_test(test_language_table),
		cmocka_unit_test(test_language_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
