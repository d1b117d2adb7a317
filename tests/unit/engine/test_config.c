/* Engine configuration: defaults, files, environment, validation paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "callcenter.h"
#include "cc_config.h"

static cc_engine *make(const char *json, const char *const *env)
{
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = NULL;
	int rc;
	o.flags = env ? 0 : CC_ENGINE_NO_ENV;
	o.flags |= CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	o.env = env;
	rc = json ? cc_engine_new_from_json(&e, json, strlen(json), &o)
		  : cc_engine_new_default(&e, &o);
	if (rc)
		fail_msg("engine: %s", cc_error_last()->message);
	return e;
}

static int make_err(const char *json, const char *const *env)
{
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = (cc_engine *)1;
	int rc;
	o.flags = (env ? 0 : CC_ENGINE_NO_ENV) | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	o.env = env;
	rc = json ? cc_engine_new_from_json(&e, json, strlen(json), &o)
		  : cc_engine_new_default(&e, &o);
	assert_null(e);
	return rc;
}

static void test_default_reproduces_original(void **state)
{
	cc_engine *e = make(NULL, NULL);
	const cc_ivr_settings *ivr = cc_engine_ivr(e);
	const cc_department *d;
	(void)state;

	assert_string_equal(cc_engine_company_name(e, "ar"), "أورنينا");
	assert_string_equal(cc_engine_company_name(e, "en"), "Ornina");
	assert_int_equal(cc_engine_department_count(e), 3);
	assert_string_equal(cc_engine_department(e, 0)->id, "reception");
	assert_string_equal(cc_engine_department(e, 1)->id, "sales");
	assert_string_equal(cc_engine_department(e, 2)->id, "complaints");
	d = cc_engine_department_find(e, "complaints");
	assert_non_null(d);
	assert_string_equal(cc_department_name(d, "ar"), "الشكاوى");
	assert_string_equal(cc_department_name(d, "en"), "Complaints");
	assert_int_equal(d->priority, 3);
	assert_null(cc_engine_department_find(e, "billing"));

	/* Fields in the original order, all required (should_require_field). */
	assert_int_equal(cc_engine_field_count(e), 4);
	assert_string_equal(cc_engine_field(e, 0)->name, "name");
	assert_int_equal(cc_engine_field(e, 0)->min_length, 2);
	assert_string_equal(cc_engine_field(e, 1)->name, "phone");
	assert_int_equal(cc_engine_field(e, 1)->kind, CC_FIELD_PHONE);
	assert_int_equal(cc_engine_field(e, 1)->min_length, 8);
	assert_true(cc_engine_field_find(e, "phone")->required);
	assert_string_equal(cc_engine_field(e, 3)->name, "service_type");
	assert_null(cc_engine_field(e, 4));
	assert_non_null(cc_engine_field(e, 2)->aliases[0]);

	assert_int_equal(ivr->max_retries, 3);
	assert_int_equal(ivr->confirmation_retries, 2);
	assert_int_equal(ivr->no_input_timeout_ms, 30000);
	assert_int_equal(ivr->inactivity_limit_ms, 5 * 60000);
	assert_int_equal(ivr->call_limit_ms, 30 * 60000);
	assert_int_equal(ivr->max_queue_size, 100);
	assert_string_equal(ivr->default_language, "ar");
	assert_string_equal(ivr->fallback_language, "en");
	assert_string_equal(ivr->default_department, "reception");
	assert_true(ivr->require_confirmation);

	/* Host overrides: what call-center mode turns off. */
	assert_int_equal(cc_engine_feature(e, "avatar_display"), 0);
	assert_int_equal(cc_engine_feature(e, "visual_context"), 0);
	assert_int_equal(cc_engine_feature(e, "tavus_avatar"), 0);
	assert_int_equal(cc_engine_feature(e, "video_response"), 0);
	assert_int_equal(cc_engine_feature(e, "face_recognition"), 1);
	assert_int_equal(cc_engine_feature(e, "ivr_flow"), 1);
	assert_int_equal(cc_engine_feature(e, "call_center_prompts"), 1);
	assert_int_equal(cc_engine_feature(e, "call_center_mode"), 1);
	assert_int_equal(cc_engine_feature(e, "crm"), 1);
	assert_int_equal(cc_engine_feature(e, "dtmf_input"), 0);
	assert_int_equal(cc_engine_feature(e, "teleportation"), CC_ENOTFOUND);

	assert_int_equal(cc_engine_retention_days(e, "transcripts"), 90);
	assert_int_equal(cc_engine_retention_days(e, "calls"), 180);
	assert_int_equal(cc_engine_retention_days(e, "tickets"), 365);
	assert_int_equal(cc_engine_retention_days(e, "customer_data"), 730);
	assert_int_equal(cc_engine_retention_days(e, "photos"), CC_ENOTFOUND);

	assert_int_equal(cc_engine_resolution_hours(e, CC_SEVERITY_CRITICAL), 4);
	assert_int_equal(cc_engine_resolution_hours(e, CC_SEVERITY_LOW), 120);
	assert_string_equal(cc_engine_time_zone(e), "Asia/Damascus");
	cc_engine_free(e);
}

static void test_refcount(void **state)
{
	cc_engine *e = make(NULL, NULL);
	(void)state;
	assert_ptr_equal(cc_engine_ref(e), e);
	cc_engine_free(e);
	/* Still alive through the second reference. */
	assert_string_equal(cc_engine_company_name(e, "en"), "Ornina");
	cc_engine_free(e);
	cc_engine_free(NULL);
	assert_null(cc_engine_ref(NULL));
}

static void test_env_overrides(void **state)
{
	const char *env[] = { "COMPANY_NAME=شركة النور",
			      "COMPANY_NAME_EN=Alnoor",
			      "IVR_MAX_RETRIES=5",
			      "IVR_TIMEOUT_SECONDS=12",
			      "BUSINESS_HOURS_START=08:30",
			      "BUSINESS_HOURS_END=16:00",
			      "CALL_CENTER_MODE=disabled",
			      "DEFAULT_LANGUAGE=en",
			      "LOG_LEVEL=debug",
			      NULL };
	cc_engine *e = make(NULL, env);
	cc_buf b = CC_BUF_INIT;
	(void)state;
	assert_string_equal(cc_engine_company_name(e, "ar"), "شركة النور");
	assert_string_equal(cc_engine_company_name(e, "en"), "Alnoor");
	assert_int_equal(cc_engine_ivr(e)->max_retries, 5);
	assert_int_equal(cc_engine_ivr(e)->no_input_timeout_ms, 12000);
	assert_string_equal(cc_engine_ivr(e)->default_language, "en");
	/* Call-center mode off: host keeps its avatar, no IVR flow. */
	assert_int_equal(cc_engine_feature(e, "call_center_mode"), 0);
	assert_int_equal(cc_engine_feature(e, "avatar_display"), 1);
	assert_int_equal(cc_engine_feature(e, "ivr_flow"), 0);
	/* The effective configuration shows what the environment set. */
	assert_int_equal(cc_engine_config_json(&b, e), 0);
	assert_non_null(strstr(b.ptr, "\"08:30\""));
	assert_non_null(strstr(b.ptr, "Alnoor"));
	cc_buf_dispose(&b);
	cc_engine_free(e);
}

static void test_env_bad_values_name_the_variable(void **state)
{
	static const struct {
		const char *var;
	} cases[] = {
		{ "IVR_MAX_RETRIES=three" },	{ "IVR_MAX_RETRIES=-1" },
		{ "IVR_MAX_RETRIES=99" },	{ "IVR_TIMEOUT_SECONDS=0" },
		{ "IVR_TIMEOUT_SECONDS=30s" },	{ "BUSINESS_HOURS_START=9am" },
		{ "BUSINESS_HOURS_END=25:00" }, { "CALL_CENTER_MODE=maybe" },
		{ "LOG_LEVEL=loud" },		{ "DEFAULT_LANGUAGE=fr" },
		{ "BUSINESS_TIMEZONE=Mars/Olympus" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *env[2] = { cases[i].var, NULL };
		char name[64];
		int rc = make_err(NULL, env);
		assert_int_equal(rc, CC_ECONFIG);
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(cases[i].var, "="), cases[i].var);
		if (strcmp(name, "BUSINESS_TIMEZONE") == 0)
			assert_non_null(strstr(cc_error_last()->message, "time_zone"));
		else
			assert_non_null(strstr(cc_error_last()->message, name));
	}
	/* BUSINESS_HOURS_START after END is caught by validation. */
	{
		const char *env[] = { "BUSINESS_HOURS_START=19:00", NULL };
		assert_int_equal(make_err(NULL, env), CC_ECONFIG);
	}
	/* Empty means unset. */
	{
		const char *env[] = { "IVR_MAX_RETRIES=", NULL };
		cc_engine *e = make(NULL, env);
		assert_int_equal(cc_engine_ivr(e)->max_retries, 3);
		cc_engine_free(e);
	}
}

static void test_invalid_config_has_path(void **state)
{
	static const struct {
		const char *json;
		const char *message;
	} cases[] = {
		{ "{\"departments\": [{\"id\": \"x\", \"name_ar\": \"س\", \"name_en\": \"X\", "
		  "\"keywords\": [42]}]}",
		  "departments[3].keywords[0]: expected string" },
		{ "{\"ivr\": {\"max_retries\": \"3\"}}", "ivr.max_retries: expected number" },
		{ "{\"ivr\": {\"max_retries\": 1.5}}", "ivr.max_retries: expected a whole number" },
		{ "{\"ivr\": {\"max_retries\": 50}}", "ivr.max_retries: 50 is out of range" },
		{ "{\"ivr\": {\"max_retrys\": 5}}", "ivr.max_retrys: unknown key" },
		{ "{\"colour\": 1}", "colour: unknown key" },
		{ "{\"company\": {\"name_en\": 7}}", "company.name_en: expected string" },
		{ "{\"business_hours\": {\"time_zone\": \"Asia/Nowhere\"}}",
		  "business_hours.time_zone: unknown time zone" },
		{ "{\"business_hours\": {\"days\": [\"funday\"]}}", "business_hours.days[0]:" },
		{ "{\"business_hours\": {\"holidays\": [\"2026-13-01\"]}}",
		  "business_hours.holidays[0]:" },
		{ "{\"prompts\": {\"ask_name\": {\"ar\": \"اسمك {name\"}}}",
		  "prompts.ask_name.ar: bad placeholder" },
		{ "{\"prompts\": {\"ask_name\": \"hi\"}}", "prompts.ask_name: expected an object" },
		{ "{\"fields\": [{\"id\": \"age\", \"kind\": \"age\", \"prompt\": \"ask_name\"}]}",
		  "fields[4].kind: unknown kind 'age'" },
		{ "{\"fields\": [{\"id\": \"vat\", \"kind\": \"text\", \"prompt\": \"ask_vat\"}]}",
		  "fields[4].prompt: unknown prompt 'ask_vat'" },
		{ "{\"routing\": {\"default_department\": \"billing\"}}",
		  "routing.default_department: no department 'billing'" },
		{ "{\"features\": {\"crm\": \"yes\"}}", "features.crm: expected boolean" },
		{ "{\"retention_days\": {\"calls\": -1}}", "retention_days.calls: -1 is out of range" },
		{ "[1, 2]", "(root): expected an object" },
		{ "{\"departments\": [{\"id\": \"sales\", \"keywords\": [{\"suffix\": \"a b\"}]}]}",
		  "departments[1].keywords[0]: a suffix is one word's ending" },
		{ "{\"business_hours\": {\"timezone\": \"Asia/Riyadh\"}}",
		  "business_hours.timezone: unknown key" },
		{ "{\"company\": {\"nam_en\": \"x\"}}", "company.nam_en: unknown key" },
		{ "{\"faq\": {\"entry\": []}}", "faq.entry: unknown key" },
		{ "{\"queue\": {\"size\": 3}}", "queue.size: unknown key" },
		{ "{\"languages\": {\"default\": \"ar\", \"fallbak\": \"en\"}}",
		  "languages.fallbak: unknown key" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = make_err(cases[i].json, NULL);
		if (rc != CC_ECONFIG || !strstr(cc_error_last()->message, cases[i].message))
			fail_msg("case %zu: rc %d, message '%s', want '%s'", i, rc,
				 cc_error_last()->message, cases[i].message);
	}
	/* Malformed JSON and bad UTF-8 have their own codes. */
	assert_int_equal(make_err("{\"ivr\": {", NULL), CC_EPARSE);
	assert_non_null(strstr(cc_error_last()->message, "line 1"));
	assert_int_equal(make_err("{\"company\": {\"name_en\": \"\xff\"}}", NULL), CC_EUTF8);
}

static void test_file_adds_department(void **state)
{
	const char *json = "{\"departments\": [{\"id\": \"billing\", \"name_ar\": \"الفواتير\", "
			   "\"name_en\": \"Billing\", \"routing_prompt\": \"routing_to_billing\"}],"
			   "\"prompts\": {\"routing_to_billing\": {\"ar\": \"سأحولك إلى الفواتير\", "
			   "\"en\": \"Transferring you to billing\"}}}";
	char path[] = "/tmp/cc_engine_test_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	cc_engine *e = NULL;
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(json, f);
	fclose(f);
	o.flags = CC_ENGINE_NO_ENV;
	assert_int_equal(cc_engine_new_from_file(&e, path, &o), 0);
	assert_int_equal(cc_engine_department_count(e), 4);
	assert_string_equal(cc_engine_department(e, 3)->id, "billing");
	assert_string_equal(cc_engine_department(e, 0)->id, "reception");
	cc_engine_free(e);
	/* Removing a default department by id. */
	e = make("{\"departments\": [{\"id\": \"sales\", \"remove\": true}], \"rules\": "
		 "[{\"id\": \"transfer_to_sales_agent\", \"remove\": true}, {\"id\": "
		 "\"bot_handles_inquiry\", \"remove\": true}]}",
		 NULL);
	assert_int_equal(cc_engine_department_count(e), 2);
	assert_null(cc_engine_department_find(e, "sales"));
	cc_engine_free(e);
	remove(path);
	assert_int_equal(cc_engine_new_from_file(&e, "/nonexistent/cc.json", &o), CC_EIO);
	assert_null(e);
}

static void test_dump_round_trips(void **state)
{
	cc_engine *e = make(NULL, NULL), *e2;
	cc_buf a = CC_BUF_INIT, b = CC_BUF_INIT;
	(void)state;
	assert_int_equal(cc_engine_config_json(&a, e), 0);
	e2 = make(a.ptr, NULL);
	assert_int_equal(cc_engine_config_json(&b, e2), 0);
	assert_string_equal(a.ptr, b.ptr);
	cc_buf_dispose(&a);
	cc_buf_dispose(&b);
	cc_engine_free(e);
	cc_engine_free(e2);
}

static void test_bad_arguments(void **state)
{
	cc_engine *e = NULL;
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	(void)state;
	assert_int_equal(cc_engine_new_default(NULL, NULL), CC_EINVAL);
	assert_int_equal(cc_engine_new_from_json(&e, NULL, 0, NULL), CC_EINVAL);
	assert_int_equal(cc_engine_new_from_file(&e, NULL, NULL), CC_EINVAL);
	o.version = 99;
	assert_int_equal(cc_engine_new_default(&e, &o), CC_EINVAL);
	o.version = 0;
	assert_int_equal(cc_engine_new_default(&e, &o), CC_EINVAL);
	assert_null(e);
	assert_null(cc_engine_ivr(NULL));
	assert_int_equal(cc_engine_field_count(NULL), 0);
	assert_int_equal(cc_engine_feature(NULL, "crm"), CC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_reproduces_original),
		cmocka_unit_test(test_refcount),
		cmocka_unit_test(test_env_overrides),
		cmocka_unit_test(test_env_bad_values_name_the_variable),
		cmocka_unit_test(test_invalid_config_has_path),
		cmocka_unit_test(test_file_adds_department),
		cmocka_unit_test(test_dump_round_trips),
		cmocka_unit_test(test_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
