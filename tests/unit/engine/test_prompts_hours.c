/* Prompt rendering (variables, language rule, speech forms) and business
 * hours (time zones through ICU, holidays). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>

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

static void test_prompt_languages(void **state)
{
	cc_engine *e = make("{\"prompts\": {\"only_ar\": {\"ar\": \"مرحبا\"}}}");
	cc_buf b = CC_BUF_INIT;
	const char *used = NULL;
	(void)state;
	assert_int_equal(cc_engine_prompt(&b, &used, e, "greeting", "ar", NULL, 0, 0), 0);
	assert_non_null(strstr(b.ptr, "أهلاً")); /* D2 of the original */
	assert_non_null(strstr(b.ptr, "أورنينا"));
	assert_string_equal(used, "ar");
	assert_int_equal(cc_engine_prompt(&b, &used, e, "greeting", "EN-us", NULL, 0, 0), 0);
	assert_string_equal(b.ptr, "Welcome to Ornina, customer service speaking.");
	assert_string_equal(used, "en");
	/* mixed, unknown and NULL mean the default language (ar). */
	assert_int_equal(cc_engine_prompt(&b, &used, e, "ask_name", "mixed", NULL, 0, 0), 0);
	assert_string_equal(used, "ar");
	assert_int_equal(cc_engine_prompt(&b, &used, e, "ask_name", NULL, NULL, 0, 0), 0);
	assert_string_equal(used, "ar");
	/* A language the prompt lacks gets the fallback language (en). */
	assert_int_equal(cc_engine_prompt(&b, &used, e, "ask_name", "fr", NULL, 0, 0), 0);
	assert_string_equal(used, "en");
	/* ...and a prompt with one language gives that one. */
	assert_int_equal(cc_engine_prompt(&b, &used, e, "only_ar", "en", NULL, 0, 0), 0);
	assert_string_equal(b.ptr, "مرحبا");
	assert_string_equal(used, "ar");
	cc_buf_dispose(&b);
	cc_engine_free(e);
}

static void test_prompt_every_key_has_both_languages(void **state)
{
	cc_engine *e = make(NULL);
	cc_buf dump = CC_BUF_INIT;
	cJSON *root, *prompts, *it;
	int n = 0;
	(void)state;
	/* Walk the effective configuration: each default prompt has ar and en
	 * texts with the same placeholders. */
	assert_int_equal(cc_engine_config_json(&dump, e), 0);
	root = cJSON_Parse(dump.ptr);
	prompts = cJSON_GetObjectItem(root, "prompts");
	cJSON_ArrayForEach(it, prompts)
	{
		const cJSON *ar = cJSON_GetObjectItem(it, "ar"), *en = cJSON_GetObjectItem(it, "en");
		const char *p;
		if (!cJSON_IsString(ar) || !cJSON_IsString(en))
			fail_msg("prompt %s lacks a language", it->string);
		for (p = strchr(ar->valuestring, '{'); p; p = strchr(p + 1, '{')) {
			char var[64];
			size_t l = strcspn(p, "}") + 1;
			snprintf(var, sizeof(var), "%.*s", (int)l, p);
			if (!strstr(en->valuestring, var))
				fail_msg("prompt %s: %s missing in en", it->string, var);
		}
		n++;
	}
	assert_true(n >= 100);
	cJSON_Delete(root);
	cc_buf_dispose(&dump);
	cc_engine_free(e);
}

static void test_prompt_variables(void **state)
{
	cc_engine *e = make("{\"prompts\": {\"braces\": {\"en\": \"{{x}} {name}}}\"}}}");
	cc_buf b = CC_BUF_INIT;
	cc_prompt_var vars[] = {
		{ "name", "أحمد {phone}", CC_PROMPT_VAR_AUTO },
		{ "phone", "+963 944-123", CC_PROMPT_VAR_AUTO },
		{ "email", "ahmed.ali@example.com", CC_PROMPT_VAR_AUTO },
		{ "service_type", "sales", CC_PROMPT_VAR_TEXT },
	};
	(void)state;
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "confirm_data", "en", vars, 4, 0), 0);
	/* Caller text with braces is inserted literally, never expanded. */
	assert_non_null(strstr(b.ptr, "name أحمد {phone},"));
	assert_non_null(strstr(b.ptr, "phone plus nine six three, nine four four, one two three,"));
	assert_non_null(strstr(b.ptr, "email ahmed dot ali at example dot com,"));
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "confirm_data", "ar", vars, 4, 0), 0);
	assert_non_null(strstr(b.ptr, "زائد تسعة ستة ثلاثة، تسعة أربعة أربعة، واحد اثنين ثلاثة"));
	assert_non_null(strstr(b.ptr, "ahmed دوت ali آت example دوت com"));
	/* For a screen, as given. */
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "confirm_data", "en", vars, 4,
					  CC_PROMPT_FOR_DISPLAY),
			 0);
	assert_non_null(strstr(b.ptr, "phone +963 944-123, email ahmed.ali@example.com,"));
	/* A valid number is read back in its national form, grouped. */
	vars[1].value = "+966501234567";
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "phone_confirmed", "en", &vars[1], 1, 0),
			 0);
	assert_string_equal(b.ptr,
			    "I have your number as zero five zero, one two three, four five six seven.");
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "phone_confirmed", "ar", &vars[1], 1, 0),
			 0);
	assert_non_null(strstr(b.ptr, "صفر خمسة صفر، واحد اثنين ثلاثة، أربعة خمسة ستة سبعة"));
	/* Arabic-Indic digits are spoken too. */
	vars[1].value = "٠٩٤٤";
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "phone_confirmed", "en", &vars[1], 1, 0),
			 0);
	assert_string_equal(b.ptr, "I have your number as zero nine four four.");
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "braces", "en", vars, 1, 0), 0);
	assert_string_equal(b.ptr, "{x} أحمد {phone}}");
	/* Missing variable, unknown key, bad UTF-8: clear errors, empty out. */
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "confirm_data", "en", vars, 2, 0),
			 CC_EINVAL);
	assert_non_null(strstr(cc_error_last()->message, "'email'"));
	assert_int_equal(b.size, 0);
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "no_such_prompt", "en", NULL, 0, 0),
			 CC_ENOTFOUND);
	vars[0].value = "\xc3";
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "name_confirmed", "en", vars, 1, 0),
			 CC_EUTF8);
	assert_int_equal(cc_engine_prompt(&b, NULL, e, NULL, "en", NULL, 0, 0), CC_EINVAL);
	assert_int_equal(cc_engine_prompt(&b, NULL, e, "ask_name", "en", NULL, 3, 0), CC_EINVAL);
	assert_int_equal(cc_engine_prompt_exists(e, "sales.greeting"), 1);
	assert_int_equal(cc_engine_prompt_exists(e, "sales.nothing"), 0);
	cc_buf_dispose(&b);
	cc_engine_free(e);
}

static void test_hours_riyadh(void **state)
{
	cc_engine *e = make("{\"business_hours\": {\"time_zone\": \"Asia/Riyadh\", "
			    "\"holidays\": [\"2026-11-23\", \"12-31\"]}}");
	int64_t t;
	(void)state;
	/* Saturday 2026-11-21 (a working day) in Riyadh, UTC+3. */
	assert_int_equal(cc_engine_is_open(e, 1795244400), 1);  /* 10:00 */
	assert_int_equal(cc_engine_is_open(e, 1795240740), 0);  /* 08:59 */
	assert_int_equal(cc_engine_is_open(e, 1795240800), 1);  /* 09:00 */
	assert_int_equal(cc_engine_is_open(e, 1795273200), 0);  /* 18:00 */
	assert_int_equal(cc_engine_is_open(e, 1795165200), 0);  /* Friday noon */
	assert_int_equal(cc_engine_next_opening(&t, e, 1795244400), 0);
	assert_int_equal(t, 1795244400); /* open now */
	assert_int_equal(cc_engine_next_opening(&t, e, 1795240740), 0);
	assert_int_equal(t, 1795240800); /* same morning */
	assert_int_equal(cc_engine_next_opening(&t, e, 1795104000), 0);
	assert_int_equal(t, 1795240800); /* Thursday evening → Saturday, skipping Friday */
	/* Monday 2026-11-23 is a dated holiday: Sunday evening → Tuesday. */
	assert_int_equal(cc_engine_next_opening(&t, e, 1795327200 + 10 * 3600), 0);
	assert_int_equal(t, 1795327200 + 2 * 86400);
	cc_engine_free(e);
}

static void test_hours_follow_daylight_saving(void **state)
{
	cc_engine *e = make("{\"business_hours\": {\"time_zone\": \"America/New_York\", "
			    "\"days\": [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", "
			    "\"friday\"], \"holidays\": []}}");
	int64_t t;
	(void)state;
	/* Friday 2026-03-06 20:00 EST; clocks go forward on Sunday, so Monday
	 * 09:00 is EDT (UTC-4). */
	assert_int_equal(cc_engine_next_opening(&t, e, 1772845200), 0);
	assert_int_equal(t, 1773061200);
	cc_engine_free(e);
	e = make("{\"business_hours\": {\"days\": []}}");
	assert_int_equal(cc_engine_is_open(e, 1795244400), 0);
	assert_int_equal(cc_engine_next_opening(&t, e, 1795244400), CC_ENOTFOUND);
	cc_engine_free(e);
}

/* Each thread remembers the span of constant UTC offset it last asked ICU
 * about and computes local times inside it by arithmetic.  A thread with
 * nothing remembered asks ICU, so it is the reference: across daylight
 * saving changes, a zone that dropped them (Damascus, 2022), and times from
 * 1902 to 2098 (local mean time offsets in seconds), both must agree at
 * every instant checked. */
typedef struct cold_check {
	const cc_engine *e;
	int64_t t;
	int open;
} cold_check;

static void *cold_is_open(void *arg)
{
	cold_check *c = arg;
	c->open = cc_engine_is_open(c->e, c->t);
	return NULL;
}

static void check_against_cold(const cc_engine *e, int64_t t)
{
	cold_check c = { e, t, -2 };
	pthread_t th;
	int warm = cc_engine_is_open(e, t);
	assert_int_equal(pthread_create(&th, NULL, cold_is_open, &c), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	if (warm != c.open)
		fail_msg("is_open(%lld): %d, ICU says %d", (long long)t, warm, c.open);
}

static void test_hours_cached_offsets_match_icu(void **state)
{
	static const char *const zones[] = { "America/New_York", "Europe/London",
					     "Asia/Damascus", "Asia/Riyadh" };
	/* Windows of a few days in 13-minute steps; hours that open and close
	 * around 01:00-03:00 local, where the clocks change. */
	static const int64_t around[] = {
		1772845200, /* 2026-03-07 */
		1792800000, /* 2026-10-24 */
		1666310400, /* 2022-10-21 (Damascus's last change) */
		-2100000000, 4000000000, 0, -1,
	};
	size_t z, w;
	(void)state;
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		char json[512];
		cc_engine *e;
		int64_t t;
		snprintf(json, sizeof(json),
			 "{\"business_hours\": {\"time_zone\": \"%s\", \"open\": "
			 "\"01:30\", \"close\": \"02:45\", \"days\": [\"sunday\", "
			 "\"monday\", \"tuesday\", \"wednesday\", \"thursday\", "
			 "\"friday\", \"saturday\"], \"per_day\": {\"monday\": "
			 "{\"open\": \"00:00\", \"close\": \"00:07\"}}, "
			 "\"holidays\": [\"03-08\"]}}",
			 zones[z]);
		e = make(json);
		for (w = 0; w < sizeof(around) / sizeof(around[0]); w++)
			for (t = around[w] - 86400; t < around[w] + 3 * 86400; t += 13 * 60 + 1)
				check_against_cold(e, t);
		/* Far apart in time: every check leaves the remembered span. */
		for (t = -2147483647LL; t < 4200000000LL; t += 86400LL * 365 / 3 + 3613)
			check_against_cold(e, t);
		cc_engine_free(e);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prompt_languages),
		cmocka_unit_test(test_prompt_every_key_has_both_languages),
		cmocka_unit_test(test_prompt_variables),
		cmocka_unit_test(test_hours_riyadh),
		cmocka_unit_test(test_hours_follow_daylight_saving),
		cmocka_unit_test(test_hours_cached_offsets_match_icu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
