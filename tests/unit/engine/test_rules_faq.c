/* Rules (the original's named rules, the condition language, the trace)
 * and the FAQ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"

static cc_engine *make(const char *json)
{
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = NULL;
	int rc;
	o.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	rc = json ? cc_engine_new_from_json(&e, json, strlen(json), &o)
		  : cc_engine_new_default(&e, &o);
	if (rc)
		fail_msg("engine: %s", cc_error_last()->message);
	return e;
}

static int make_err(const char *json)
{
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = NULL;
	o.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	return cc_engine_new_from_json(&e, json, strlen(json), &o);
}

static const cc_rule_action *find(const cc_rules_result *r, cc_rule_action_kind k, const char *arg)
{
	size_t i;
	for (i = 0; i < r->action_count; i++)
		if (r->actions[i].kind == k &&
		    (!arg || (r->actions[i].arg && strcmp(r->actions[i].arg, arg) == 0)))
			return &r->actions[i];
	return NULL;
}

static void test_original_named_rules(void **state)
{
	cc_engine *e = make(NULL);
	cc_call_context ctx = CC_CALL_CONTEXT_INIT;
	cc_rules_result r;
	cc_buf trace = CC_BUF_INIT;
	const cc_rule_action *a;
	(void)state;

	assert_int_equal(cc_engine_rule_exists(e, "auto_create_ticket"), 1);
	assert_int_equal(cc_engine_rule_exists(e, "transfer_to_sales_agent"), 1);
	assert_int_equal(cc_engine_rule_exists(e, "bot_handles_inquiry"), 1);
	assert_int_equal(cc_engine_rule_exists(e, "no_such_rule"), 0);

	/* An urgent complaint in open hours: urgent ticket and agent info
	 * (the session itself puts urgent complaints through at once). */
	ctx.department = "complaints";
	ctx.urgent = 1;
	ctx.severity = CC_SEVERITY_CRITICAL;
	ctx.open = 1;
	assert_int_equal(cc_engine_rules_eval(&r, &trace, e, &ctx), 3);
	assert_int_equal(r.actions[0].kind, CC_RULE_SET_PRIORITY);
	assert_int_equal(r.actions[0].priority, CC_PRIORITY_URGENT);
	a = find(&r, CC_RULE_CREATE_TICKET, NULL);
	assert_non_null(a);
	assert_int_equal(a->priority, CC_PRIORITY_URGENT);
	assert_string_equal(a->rule, "auto_create_ticket");
	assert_non_null(find(&r, CC_RULE_SET_FLAG, "show_customer_info"));
	assert_null(find(&r, CC_RULE_TRANSFER, NULL));
	assert_int_equal(r.priority, CC_PRIORITY_URGENT);
	assert_non_null(strstr(trace.ptr, "auto_create_ticket: fired (department = complaints) -> "
					  "create_ticket"));
	assert_non_null(strstr(trace.ptr, "transfer_to_sales_agent: no (department = sales)"));
	assert_non_null(strstr(trace.ptr, "after_hours: no (open = false)"));

	/* A mild complaint: a medium ticket, no transfer. */
	ctx.urgent = 0;
	ctx.severity = CC_SEVERITY_LOW;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 2);
	assert_int_equal(find(&r, CC_RULE_CREATE_TICKET, NULL)->priority, CC_PRIORITY_MEDIUM);
	assert_null(find(&r, CC_RULE_TRANSFER, NULL));

	/* Sales: a custom request goes to an agent; a price question gets
	 * the bot; "especially" is not "special". */
	ctx.department = "sales";
	ctx.text = "I need a custom package for my company";
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_non_null(find(&r, CC_RULE_TRANSFER, "sales"));
	assert_non_null(find(&r, CC_RULE_SET_FLAG, "transfer_requested"));
	assert_null(find(&r, CC_RULE_SET_FLAG, "bot_answers"));
	ctx.text = "كم السعر؟ وشو الخدمات؟";
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_non_null(find(&r, CC_RULE_SET_FLAG, "bot_answers"));
	ctx.text = "especially the products, what is the price";
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_null(find(&r, CC_RULE_TRANSFER, NULL));
	ctx.text = "بدي عرض خاص للشركة";
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_non_null(find(&r, CC_RULE_TRANSFER, "sales"));
	/* Negated: "no custom work, just the price". */
	ctx.text = "I don't need anything custom, just the price";
	cc_engine_rules_eval(&r, NULL, e, &ctx);
	assert_null(find(&r, CC_RULE_TRANSFER, NULL));

	/* After hours, from the clock (Friday noon in Damascus). */
	ctx.text = NULL;
	ctx.open = -1;
	ctx.now_unix = 1795165200;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_non_null(find(&r, CC_RULE_SAY, "after_hours"));
	assert_non_null(find(&r, CC_RULE_SET_FLAG, "offer_callback"));

	/* VIP. */
	ctx.open = 1;
	ctx.vip = 1;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 1);
	assert_int_equal(r.priority, CC_PRIORITY_HIGH);
	cc_buf_dispose(&trace);
	cc_engine_free(e);
}

static void test_condition_language(void **state)
{
	const char *json =
		"{\"rules\": [{\"id\": \"auto_create_ticket\", \"remove\": true},"
		"{\"id\": \"gold_skip_email\", \"when\": {\"tier\": [\"gold\", \"platinum\"], "
		"\"field.email\": {\"present\": false}}, \"then\": [{\"skip_field\": \"email\"}]},"
		"{\"id\": \"english_retries\", \"when\": {\"any\": [{\"retries\": {\"gte\": 2}}, "
		"{\"stage\": \"collect_phone\"}], \"language\": \"en\"}, "
		"\"then\": [{\"say\": \"ask_phone_again\"}]},"
		"{\"id\": \"angry\", \"when\": {\"sentiment_score\": {\"lt\": -0.5}, \"not\": "
		"{\"matched\": {\"any\": [\"price\"]}}}, \"then\": [{\"set_priority\": \"high\"}, "
		"{\"create_ticket\": \"high\"}], \"stop\": true},"
		"{\"id\": \"after_stop\", \"when\": {\"always\": true}, \"then\": [{\"set_flag\": \"x\"}]},"
		"{\"id\": \"flagged\", \"when\": {\"flag\": \"seen\"}, \"then\": [{\"require_field\": "
		"\"email\"}, {\"route\": \"sales\"}]},"
		"{\"id\": \"off\", \"enabled\": false, \"when\": {\"always\": true}, \"then\": "
		"[{\"set_flag\": \"never\"}]}]}";
	cc_engine *e = make(json);
	cc_call_context ctx = CC_CALL_CONTEXT_INIT;
	cc_field_value fields[] = { { "name", "Ahmad" }, { "email", "" } };
	const char *flags[] = { "seen" };
	const char *matched[] = { "price" };
	cc_rules_result r;
	cc_buf trace = CC_BUF_INIT;
	(void)state;

	assert_int_equal(cc_engine_rule_exists(e, "auto_create_ticket"), 0);
	assert_int_equal(cc_engine_rule_exists(e, "off"), 0);
	ctx.open = 1;
	ctx.customer_tier = "gold";
	ctx.fields = fields;
	ctx.field_count = 2;
	ctx.language = "en";
	ctx.retries = 2;
	ctx.flags = flags;
	ctx.flag_count = 1;
	assert_int_equal(cc_engine_rules_eval(&r, &trace, e, &ctx), 4);
	assert_non_null(find(&r, CC_RULE_SKIP_FIELD, "email"));
	assert_non_null(find(&r, CC_RULE_SAY, "ask_phone_again"));
	assert_non_null(find(&r, CC_RULE_SET_FLAG, "x"));
	assert_non_null(find(&r, CC_RULE_REQUIRE_FIELD, "email"));
	assert_non_null(find(&r, CC_RULE_ROUTE, "sales"));
	assert_null(find(&r, CC_RULE_SET_FLAG, "never"));

	/* "angry" fires and stops: nothing after it. */
	ctx.sentiment_score = -0.8;
	assert_int_equal(cc_engine_rules_eval(&r, &trace, e, &ctx), 3);
	assert_non_null(find(&r, CC_RULE_CREATE_TICKET, NULL));
	assert_int_equal(find(&r, CC_RULE_CREATE_TICKET, NULL)->priority, CC_PRIORITY_HIGH);
	assert_null(find(&r, CC_RULE_SET_FLAG, "x"));
	assert_non_null(strstr(trace.ptr, "angry: stop"));
	/* ...unless the caller matched "price". */
	ctx.matched = matched;
	ctx.matched_count = 1;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 4);
	/* The email given: the gold rule no longer fires. */
	fields[1].value = "a@b.co";
	ctx.sentiment_score = 0;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), 3);
	assert_null(find(&r, CC_RULE_SKIP_FIELD, NULL));
	cc_buf_dispose(&trace);
	cc_engine_free(e);
}

static void test_rule_errors(void **state)
{
	static const struct {
		const char *json;
		const char *message;
	} cases[] = {
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"mood\": \"sad\"}, \"then\": [{\"set_flag\": "
		  "\"x\"}]}]}",
		  "rules[7].when.mood: unknown fact" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"retries\": {\"about\": 3}}, \"then\": "
		  "[{\"set_flag\": \"x\"}]}]}",
		  "rules[7].when.retries: unknown operator 'about'" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"urgent\": true}, \"then\": [{\"dance\": "
		  "true}]}]}",
		  "rules[7].then[0]: unknown action 'dance'" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"urgent\": true}, \"then\": [{\"transfer\": "
		  "\"billing\"}]}]}",
		  "rules[7].then[0].transfer: no department 'billing'" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"urgent\": true}, \"then\": [{\"say\": "
		  "\"hello\"}]}]}",
		  "rules[7].then[0].say: no prompt 'hello'" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"urgent\": \"yes\"}, \"then\": "
		  "[{\"set_flag\": \"x\"}]}]}",
		  "rules[7].when.urgent: expected true or false" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"severity\": {\"gte\": \"huge\"}}, "
		  "\"then\": [{\"set_flag\": \"x\"}]}]}",
		  "rules[7].when.severity: unknown severity 'huge'" },
		{ "{\"rules\": [{\"id\": \"a\", \"then\": [{\"set_flag\": \"x\"}]}]}",
		  "rules[7].when: required" },
		{ "{\"rules\": [{\"id\": \"a\", \"when\": {\"urgent\": true}, \"then\": []}]}",
		  "rules[7].then: expected a non-empty array" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = make_err(cases[i].json);
		if (rc != CC_ECONFIG || !strstr(cc_error_last()->message, cases[i].message))
			fail_msg("case %zu: rc %d '%s', want '%s'", i, rc, cc_error_last()->message,
				 cases[i].message);
	}
}

static void test_rules_bad_input(void **state)
{
	cc_engine *e = make(NULL);
	cc_call_context ctx = CC_CALL_CONTEXT_INIT;
	cc_rules_result r;
	(void)state;
	assert_int_equal(cc_engine_rules_eval(NULL, NULL, e, &ctx), CC_EINVAL);
	assert_int_equal(cc_engine_rules_eval(&r, NULL, NULL, &ctx), CC_EINVAL);
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, NULL), CC_EINVAL);
	ctx.version = 42;
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), CC_EINVAL);
	ctx.version = CC_CALL_CONTEXT_VERSION;
	ctx.department = "sales";
	ctx.text = "\xff\xfe";
	assert_int_equal(cc_engine_rules_eval(&r, NULL, e, &ctx), CC_EUTF8);
	assert_int_equal(r.action_count, 0);
	assert_string_equal(cc_rule_action_name(CC_RULE_CREATE_TICKET), "create_ticket");
	cc_engine_free(e);
}

static void test_faq(void **state)
{
	cc_engine *e = make(NULL);
	cc_faq_match m;
	const char *q;
	(void)state;
	q = "ما هو سعر المنتج؟";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "ar"), 0);
	assert_string_equal(m.id, "pricing");
	assert_string_equal(m.language, "ar");
	assert_true(m.score >= 0.5 && m.score <= 1.0);
	assert_non_null(strstr(m.answer, "عرض سعر"));
	q = "how much does it cost?";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "en"), 0);
	assert_string_equal(m.id, "pricing");
	assert_string_equal(m.language, "en");
	assert_string_equal(m.question, "How much do your services cost?");
	/* The answer follows the wanted language, not the question's. */
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "ar"), 0);
	assert_string_equal(m.language, "ar");
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "fr"), 0);
	assert_string_equal(m.language, "en");
	q = "وين مكتبكم؟";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), NULL), 0);
	assert_string_equal(m.id, "location");
	q = "شو بتقدموا؟";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "ar"), 0);
	assert_string_equal(m.id, "products");
	q = "عندكم خصومات على الدورات؟";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "ar"), 0);
	assert_true(strcmp(m.id, "offers") == 0 || strcmp(m.id, "training") == 0);
	/* No substring hits: "serviceable" is not "service". */
	q = "is the car serviceable";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "en"), CC_ENOTFOUND);
	assert_null(m.answer);
	q = "the weather is lovely";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "en"), CC_ENOTFOUND);
	assert_int_equal(cc_engine_faq(&m, e, "\xc3", 1, "en"), CC_EUTF8);
	assert_int_equal(cc_engine_faq(&m, NULL, "x", 1, "en"), CC_EINVAL);
	cc_engine_free(e);

	/* FAQ entries are data. */
	e = make("{\"faq\": {\"entries\": [{\"id\": \"wifi\", \"keywords\": [\"wifi\", \"واي فاي\"], "
		 "\"answer_en\": \"The password is on the router.\"}]}}");
	q = "شو باسورد الـ wifi";
	assert_int_equal(cc_engine_faq(&m, e, q, strlen(q), "ar"), 0);
	assert_string_equal(m.id, "wifi");
	assert_string_equal(m.language, "en");
	cc_engine_free(e);
	assert_int_equal(make_err("{\"faq\": {\"entries\": [{\"id\": \"x\", \"keywords\": [1], "
				  "\"answer_en\": \"a\"}]}}"),
			 CC_ECONFIG);
	assert_non_null(strstr(cc_error_last()->message, "faq.entries[8].keywords[0]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_original_named_rules),
		cmocka_unit_test(test_condition_language),
		cmocka_unit_test(test_rule_errors),
		cmocka_unit_test(test_rules_bad_input),
		cmocka_unit_test(test_faq),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
