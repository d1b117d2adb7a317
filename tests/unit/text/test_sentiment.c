/* Sentiment and urgency: dialect tables, negation, intensifiers, the
 * corpus lines, and a lexicon extended the way the engine does it. */
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
	const char *in;
	int label;
	int urgent;
} cases[] = {
	/* MSA */
	{ "الخدمة ممتازة وشكرا لكم", CC_TEXT_POSITIVE, 0 },
	{ "الخدمة سيئة جدا", CC_TEXT_NEGATIVE, 0 },
	{ "الخدمة سيئه", CC_TEXT_NEGATIVE, 0 },
	{ "هذا أمر عاجل جدا", CC_TEXT_NEUTRAL, 1 },
	{ "ليس جيدا ولكن مقبول", CC_TEXT_NEUTRAL, 0 },
	/* Gulf */
	{ "الخدمة مو زينة", CC_TEXT_NEGATIVE, 0 },
	{ "والله خايسة الخدمة", CC_TEXT_NEGATIVE, 0 },
	{ "يعطيك العافية ما قصرت", CC_TEXT_POSITIVE, 0 },
	{ "طفشت من التأخير", CC_TEXT_NEGATIVE, 0 },
	{ "ابي المدير الحين", CC_TEXT_NEGATIVE, 1 },
	{ "الخدمة زينة مرة", CC_TEXT_POSITIVE, 0 },
	/* Levantine */
	{ "الخدمة مش منيحة", CC_TEXT_NEGATIVE, 0 },
	{ "يسلمو كتير", CC_TEXT_POSITIVE, 0 },
	{ "ما حدا رد علي من أسبوع", CC_TEXT_NEGATIVE, 0 },
	{ "بدي حدا يساعدني هلق ضروري", CC_TEXT_NEUTRAL, 1 },
	/* Egyptian */
	{ "الخدمة وحشة اوي", CC_TEXT_NEGATIVE, 0 },
	{ "الموظف كان كويس خالص", CC_TEXT_POSITIVE, 0 },
	{ "النت بايظ من امبارح", CC_TEXT_NEGATIVE, 0 },
	{ "محدش بيرد عليا", CC_TEXT_NEGATIVE, 0 },
	/* negation of negatives */
	{ "ما في مشكلة", CC_TEXT_POSITIVE, 0 },
	{ "no problem at all", CC_TEXT_POSITIVE, 0 },
	{ "not bad", CC_TEXT_POSITIVE, 0 },
	/* traps from the old system */
	{ "السلام عليكم", CC_TEXT_NEUTRAL, 0 },
	{ "ما هو سعر المنتج؟", CC_TEXT_NEUTRAL, 0 },
	{ "please check my badge", CC_TEXT_NEUTRAL, 0 },
	{ "goodbye", CC_TEXT_NEUTRAL, 0 },
	{ "good morning", CC_TEXT_NEUTRAL, 0 },
	{ "I am not happy, this is not good", CC_TEXT_NEGATIVE, 0 },
	{ "URGENT: The Product Is Broken", CC_TEXT_NEGATIVE, 1 },
	{ "the site is down", CC_TEXT_NEGATIVE, 1 },
	{ "please fix it asap", CC_TEXT_NEUTRAL, 1 },
	{ "emergency", CC_TEXT_NEGATIVE, 1 },
	{ "طوارئ", CC_TEXT_NEGATIVE, 1 },
	{ "not urgent", CC_TEXT_NEUTRAL, 0 },
	{ "مش مستعجل خالص", CC_TEXT_NEUTRAL, 0 },
	{ "I don't like it", CC_TEXT_NEGATIVE, 0 },
	{ "I'd like to book an appointment", CC_TEXT_NEUTRAL, 0 },
	{ "very very happy", CC_TEXT_POSITIVE, 0 },
	/* dialect breadth */
	{ "الموظف قليل ذوق", CC_TEXT_NEGATIVE, 0 },
	{ "مفيش رد", CC_TEXT_NEGATIVE, 0 },
	{ "خدمتكم تجنن", CC_TEXT_POSITIVE, 0 },
	{ "ما عجبني التعامل", CC_TEXT_NEGATIVE, 0 },
	{ "مش عاجبني", CC_TEXT_NEGATIVE, 0 },
	{ "عنجد شي بيقهر", CC_TEXT_NEGATIVE, 0 },
	{ "ما عم يشتغل", CC_TEXT_NEGATIVE, 0 },
	{ "جامد جدا", CC_TEXT_POSITIVE, 0 },
	{ "الخدمة رديئة", CC_TEXT_NEGATIVE, 0 },
	{ "رد علي", CC_TEXT_NEUTRAL, 0 },
	{ "الخدمة واجد زينة", CC_TEXT_POSITIVE, 0 },
	{ "تسلم ايدك", CC_TEXT_POSITIVE, 0 },
	{ "النت مقطوع ضروري تصلحوه", CC_TEXT_NEGATIVE, 1 },
	{ "please help, my account was hacked", CC_TEXT_NEGATIVE, 1 },
	{ "i need this fixed today", CC_TEXT_NEUTRAL, 0 },
	{ "no thanks", CC_TEXT_NEUTRAL, 0 },
	{ "never again", CC_TEXT_NEGATIVE, 0 },
	{ "it's fixed now, thanks", CC_TEXT_POSITIVE, 0 },
};

static void test_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cc_text_sentiment s;
		assert_int_equal(cc_text_sentiment_score(&s, cases[i].in), 0);
		if (s.label != cases[i].label || s.urgent != cases[i].urgent)
			fail_msg("[%s]: %s %.3f urgent %d, expected %s urgent "
				 "%d",
				 cases[i].in, cc_text_sentiment_name(s.label),
				 s.score, s.urgent,
				 cc_text_sentiment_name(cases[i].label),
				 cases[i].urgent);
		assert_true(s.score >= -1 && s.score <= 1);
	}
}

static void test_intensifier_scales(void **state)
{
	cc_text_sentiment a, b, c;
	(void)state;
	assert_int_equal(cc_text_sentiment_score(&a, "الخدمة رائعة"), 0);
	assert_int_equal(cc_text_sentiment_score(&b, "الخدمة رائعة جدا"), 0);
	assert_true(b.score > a.score);
	assert_int_equal(cc_text_sentiment_score(&a, "good"), 0);
	assert_int_equal(cc_text_sentiment_score(&b, "very good"), 0);
	assert_int_equal(cc_text_sentiment_score(&c, "not good"), 0);
	assert_true(b.score > a.score);
	assert_true(c.score < 0);
}

static void test_negation_flags(void **state)
{
	cc_text__analysis a;
	const char *in = "I don't want to buy, thanks";
	(void)state;
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), NULL), 0);
	assert_true(a.tokens[1].flags & CC_TEXT__TOK_NEGATOR);
	assert_true(a.tokens[2].flags & CC_TEXT__TOK_NEGATED);
	assert_true(a.tokens[4].flags & CC_TEXT__TOK_NEGATED);
	/* punctuation ends the scope */
	assert_false(a.tokens[5].flags & CC_TEXT__TOK_NEGATED);
	in = "ما ابي اشتري";
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), NULL), 0);
	assert_true(a.tokens[0].flags & CC_TEXT__TOK_NEGATOR);
	assert_true(a.tokens[2].flags & CC_TEXT__TOK_NEGATED);
	cc_text__analysis_dispose(&a);
}

/* Which tokens are negators and which are negated: one string per
 * utterance, a letter per token: N negator, n negated, - neither. */
static const struct {
	const char *in, *marks;
} negation_cases[] = {
	/* the conjunctions و and ف glued to a negator */
	{ "وما عجبني التعامل", "Nnn" },
	{ "فما رد علي احد", "Nnnn" },
	{ "ومفيش حد رد", "Nnn" },
	{ "ومافي رد", "Nn" },
	{ "فمافيش خدمة", "Nn" },
	{ "وما في رد", "NNn" },
	{ "والخدمة ومش شغالة", "-Nn" },
	{ "وماكو شبكة", "Nn" },
	{ "ولم يصلني شي", "Nnn" },
	{ "وليس جيدا", "Nn" },
	{ "ولن اعود", "Nn" },
	{ "فلا تتصلوا", "Nn" },
	{ "وبدون فاتورة", "Nn" },
	{ "ومو زين", "Nn" },
	/* ما + a verb is negation, also a verb that begins with ال */
	{ "ما رديتوا علي", "Nnn" },
	{ "ما التزم بالموعد", "Nnn" },
	{ "ما التزموا بالموعد", "Nnn" },
	{ "ما التقيت الموظف", "Nnn" },
	{ "ما الغيت الاشتراك", "Nnn" },
	{ "ما الغوا الطلب", "Nnn" },
	{ "وما التزمتوا بالوعد", "Nnn" },
	/* ما + a definite noun (or a pronoun) asks a question */
	{ "ما الحل", "--" },
	{ "ما المشكلة", "--" },
	{ "وما الحل الحين", "---" },
	{ "ما السعر", "--" },
	{ "ما التحويل المطلوب", "---" },
	{ "ما الوقت المناسب", "---" },
	{ "ما هو السعر", "---" },
	{ "فما هي الخطوات", "---" },
};

static void test_negation_table(void **state)
{
	cc_text__analysis a;
	size_t i, j;
	(void)state;
	cc_text__analysis_init(&a);
	for (i = 0; i < sizeof(negation_cases) / sizeof(negation_cases[0]);
	     i++) {
		const char *m = negation_cases[i].marks;
		assert_int_equal(cc_text__analyze(&a, negation_cases[i].in,
						  strlen(negation_cases[i].in),
						  NULL),
				 0);
		if (a.ntokens != strlen(m))
			fail_msg("[%s]: %zu tokens", negation_cases[i].in,
				 a.ntokens);
		for (j = 0; j < a.ntokens; j++) {
			unsigned f = a.tokens[j].flags;
			char got = (f & CC_TEXT__TOK_NEGATOR)  ? 'N'
				   : (f & CC_TEXT__TOK_NEGATED) ? 'n'
								: '-';
			if (got != m[j])
				fail_msg("[%s] token %zu: %c, expected %c",
					 negation_cases[i].in, j, got, m[j]);
		}
	}
	cc_text__analysis_dispose(&a);
}

/* Chat glues ما to the word it negates; the analysis must be the one of the
 * spaced form: same tokens, keys, stems, negation and sentiment. */
static void test_glued_negator_reads_as_spaced(void **state)
{
	static const struct {
		const char *glued, *spaced;
	} pairs[] = {
		{ "ماوصلني الطلب", "ما وصلني الطلب" },
		{ "ماعندي مشكلة", "ما عندي مشكلة" },
		{ "مافي احد يرد", "ما في احد يرد" },
		{ "مابعرف وين الفرع", "ما بعرف وين الفرع" },
		{ "الخدمة مااشتغلت", "الخدمة ما اشتغلت" },
		{ "ماردوا علي", "ما ردوا علي" },
		{ "ماحلوش المشكلة", "ما حلوش المشكلة" },
		{ "مايشتغل التطبيق", "ما يشتغل التطبيق" },
	};
	/* Words that only begin with ما stay whole. */
	static const char *const whole[] = {
		"ماشاءالله", "ماركات", "ماكينة", "مازلت", "مازالت", "ماهو",
		"ماذا", "مانع", "مايو", "ماليزيا", "ماجستير", "مادة", "ماشي",
	};
	cc_text__analysis g, sp;
	size_t i, j;
	(void)state;
	cc_text__analysis_init(&g);
	cc_text__analysis_init(&sp);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		assert_int_equal(cc_text__analyze(&g, pairs[i].glued,
						  strlen(pairs[i].glued), NULL),
				 0);
		assert_int_equal(cc_text__analyze(&sp, pairs[i].spaced,
						  strlen(pairs[i].spaced), NULL),
				 0);
		if (g.ntokens != sp.ntokens)
			fail_msg("[%s]: %zu tokens, spaced %zu", pairs[i].glued,
				 g.ntokens, sp.ntokens);
		for (j = 0; j < g.ntokens; j++) {
			const cc_text__token *a = &g.tokens[j], *b = &sp.tokens[j];
			assert_int_equal(a->key_len, b->key_len);
			assert_memory_equal(cc_text__tok_key(&g, a),
					    cc_text__tok_key(&sp, b), a->key_len);
			assert_int_equal(a->stem_len, b->stem_len);
			assert_memory_equal(cc_text__tok_stem(&g, a),
					    cc_text__tok_stem(&sp, b), a->stem_len);
			assert_int_equal(a->flags, b->flags);
		}
		assert_int_equal(g.sentiment, sp.sentiment);
		assert_true(g.score == sp.score);
	}
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		assert_int_equal(cc_text__analyze(&g, whole[i], strlen(whole[i]),
						  NULL),
				 0);
		if (g.ntokens != 1)
			fail_msg("[%s] was split", whole[i]);
	}
	cc_text__analysis_dispose(&g);
	cc_text__analysis_dispose(&sp);
}

/* A negator the engine configures takes the conjunctions too. */
static void test_negation_configured(void **state)
{
	cc_text__lexicon *lex;
	cc_text__analysis a;
	(void)state;
	assert_int_equal(cc_text__lexicon_new(&lex, false), 0);
	assert_int_equal(cc_text__lexicon_add(lex, "محدش", CC_TEXT__LEX_NEGATOR,
					      0, 0, CC_TEXT__LEX_EXACT),
			 0);
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__analyze(&a, "ومحدش رد", 15, lex), 0);
	assert_int_equal(a.ntokens, 2);
	assert_true(a.tokens[0].flags & CC_TEXT__TOK_NEGATOR);
	assert_true(a.tokens[1].flags & CC_TEXT__TOK_NEGATED);
	/* the conjunction forms are entries of their own, once */
	assert_int_equal(cc_text__lexicon_size(lex), 3);
	assert_int_equal(cc_text__lexicon_add(lex, "محدش", CC_TEXT__LEX_NEGATOR,
					      0, 0, CC_TEXT__LEX_EXACT),
			 0);
	assert_int_equal(cc_text__lexicon_size(lex), 3);
	cc_text__analysis_dispose(&a);
	cc_text__lexicon_free(lex);
}

static void check_line(const cJSON *obj, void *ctx)
{
	const cJSON *text = cJSON_GetObjectItem(obj, "text");
	const cJSON *sent = cJSON_GetObjectItem(obj, "sentiment");
	const cJSON *urg = cJSON_GetObjectItem(obj, "urgent");
	cc_text_sentiment s;

	if (!cJSON_IsString(sent) && !cJSON_IsBool(urg))
		return;
	(*(int *)ctx)++;
	assert_int_equal(cc_text_sentiment_score(&s, text->valuestring), 0);
	if (cJSON_IsString(sent) &&
	    strcmp(cc_text_sentiment_name(s.label), sent->valuestring) != 0)
		fail_msg("[%s]: %s, expected %s", text->valuestring,
			 cc_text_sentiment_name(s.label), sent->valuestring);
	if (cJSON_IsBool(urg) && s.urgent != cJSON_IsTrue(urg))
		fail_msg("[%s]: urgent %d", text->valuestring, s.urgent);
}

static void test_corpus(void **state)
{
	int checked = 0;
	(void)state;
	assert_true(fixture_each("text/text_dev.jsonl", check_line, &checked) >
		    0);
	assert_int_equal(checked, 11);
}

static void test_lexicon_extension(void **state)
{
	cc_text__lexicon *lex;
	cc_text__analysis a;
	const char *in = "الباقة خرطي والدعم خرطي";
	(void)state;

	assert_int_equal(cc_text__lexicon_new(&lex, true), 0);
	assert_true(cc_text__lexicon_size(lex) > 300);
	cc_text__analysis_init(&a);
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), lex), 0);
	assert_int_equal(a.sentiment, CC_TEXT_NEUTRAL);
	/* A configured word, in any spelling, and a new urgent phrase. */
	assert_int_equal(cc_text__lexicon_add(lex, "خَرطي", CC_TEXT__LEX_TERM,
					      -2, 0, 0),
			 0);
	assert_int_equal(cc_text__lexicon_add(lex, "انقطعت الكهرباء",
					      CC_TEXT__LEX_TERM, -2, 3, 0),
			 0);
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), lex), 0);
	assert_int_equal(a.sentiment, CC_TEXT_NEGATIVE);
	in = "انقطعت الكهرباء عندنا";
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), lex), 0);
	assert_true(a.urgent);
	/* Replacing an entry keeps one entry. */
	size_t n = cc_text__lexicon_size(lex);
	assert_int_equal(cc_text__lexicon_add(lex, "خرطي", CC_TEXT__LEX_TERM,
					      2, 0, 0),
			 0);
	assert_int_equal(cc_text__lexicon_size(lex), n);
	in = "خرطي";
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), lex), 0);
	assert_int_equal(a.sentiment, CC_TEXT_POSITIVE);
	/* Bad entries change nothing. */
	assert_int_equal(cc_text__lexicon_add(lex, "", CC_TEXT__LEX_TERM, 1, 0,
					      0),
			 CC_EINVAL);
	assert_int_equal(cc_text__lexicon_add(lex, "x", CC_TEXT__LEX_TERM, 9, 0,
					      0),
			 CC_EINVAL);
	assert_int_equal(cc_text__lexicon_add(lex, "x", CC_TEXT__LEX_TERM, 1, 7,
					      0),
			 CC_EINVAL);
	assert_int_equal(cc_text__lexicon_add(lex, "\xFF", CC_TEXT__LEX_TERM, 1,
					      0, 0),
			 CC_EUTF8);
	assert_int_equal(cc_text__lexicon_size(lex), n);
	/* An empty lexicon scores nothing. */
	cc_text__lexicon *empty;
	assert_int_equal(cc_text__lexicon_new(&empty, false), 0);
	in = "terrible";
	assert_int_equal(cc_text__analyze(&a, in, strlen(in), empty), 0);
	assert_int_equal(a.sentiment, CC_TEXT_NEUTRAL);
	cc_text__lexicon_free(empty);
	cc_text__analysis_dispose(&a);
	cc_text__lexicon_free(lex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_intensifier_scales),
		cmocka_unit_test(test_negation_flags),
		cmocka_unit_test(test_negation_table),
		cmocka_unit_test(test_glued_negator_reads_as_spaced),
		cmocka_unit_test(test_negation_configured),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_lexicon_extension),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
