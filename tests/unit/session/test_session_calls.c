/* Whole calls through the IVR session: happy paths, validation, retries,
 * confirmation, editing, language, departments, after hours. */
#include "harness.h"

static void test_happy_path_arabic(void **state)
{
	harness h;
	const act *a;
	(void)state;
	h_need_router();

	h_open(&h, "ar");
	/* Greeting and the first question are one turn. */
	assert_int_equal(h.n, 3);
	assert_int_equal(h.acts[0].type, CC_ACTION_SAY);
	assert_string_equal(h.acts[0].key, "greeting");
	assert_string_equal(h.acts[0].lang, "ar");
	assert_string_equal(h.acts[1].key, "ask_name");
	assert_string_equal(h.acts[1].stage, "collect_name");
	assert_string_equal(h.acts[2].field, "name");
	assert_string_equal(h.acts[2].input, "speech");
	assert_true(h.acts[2].timeout_ms > 0);

	assert_int_equal(h_say(&h, "اسمي أحمد محمد"), 0);
	assert_null(h_find_say_family(&h, "invalid_name"));
	assert_string_equal(h_expecting(&h), "phone");
	assert_string_equal(h_find(&h, CC_ACTION_EXPECT, NULL)->input, "both");
	/* Arabic-Indic digits, as an STT may write them. */
	assert_int_equal(h_say(&h, "٠٥٠١٢٣٤٥٦٧"), 0);
	assert_string_equal(h_expecting(&h), "email");
	assert_int_equal(h_say(&h, "ahmed at example dot com"), 0);
	assert_string_equal(h_expecting(&h), "service_type");
	assert_int_equal(h_say(&h, "عندي شكوى على الفاتورة"), 0);
	a = h_find(&h, CC_ACTION_SAY, "confirm_data");
	assert_non_null(a);
	assert_string_equal(a->stage, "confirm_data");
	assert_non_null(strstr(a->text, "أحمد محمد"));
	assert_string_equal(cc_session_field_value(h.s, "name"), "أحمد محمد");
	assert_string_equal(cc_session_field_value(h.s, "phone"), "+966501234567");
	assert_string_equal(cc_session_field_value(h.s, "email"), "ahmed@example.com");

	assert_int_equal(h_say(&h, "نعم"), 0);
	a = h_find(&h, CC_ACTION_ROUTE, NULL);
	assert_non_null(a);
	assert_string_equal(a->department, "complaints");
	assert_true(a->confidence > 0.5);
	assert_string_equal(cc_session_department(h.s), "complaints");
	/* A complaint that is not urgent: the details are asked for. */
	assert_string_equal(h_expecting(&h), "complaint_details");
	assert_int_equal(h_say(&h, "الفاتورة فيها مبلغ زيادة"), 0);
	a = h_find(&h, CC_ACTION_TICKET, NULL);
	assert_non_null(a);
	assert_true(strncmp(a->ticket, "TKT_2025112", 11) == 0);
	assert_string_equal(a->kind, "complaint");
	assert_non_null(h_find(&h, CC_ACTION_SAY, "complaints.ticket_created"));
	assert_non_null(strstr(h_find(&h, CC_ACTION_SAY, "complaints.ticket_created")->text,
			       a->ticket));
	a = h_find(&h, CC_ACTION_ENQUEUE, NULL);
	assert_non_null(a);
	assert_string_equal(a->department, "complaints");
	assert_string_equal(cc_session_ticket_id(h.s), h_find(&h, CC_ACTION_TICKET, NULL)->ticket);
	assert_string_equal(cc_session_language(h.s), "ar");
	assert_false(cc_session_ended(h.s));
	/* The agent takes it: the IVR's part is over, without a hang-up. */
	assert_int_equal(cc_session_notify(h.s, CC_SESSION_NOTICE_AGENT_ANSWERED, "Sara"), 0);
	h_drain(&h);
	assert_null(h_find(&h, CC_ACTION_HANGUP, NULL));
	assert_true(cc_session_ended(h.s));
	assert_int_equal(cc_session_stage_get(h.s), CC_SESSION_STAGE_CALL_ENDED);
	h_close(&h);
}

static void test_happy_path_english(void **state)
{
	harness h;
	const act *a;
	(void)state;
	h_need_router();

	h_open(&h, "en");
	assert_string_equal(h.acts[0].lang, "en");
	h_fill(&h, "my name is john smith", "+966 50 123 4567", "John.Smith@Example.com",
	       "I want to buy your product, what is the price");
	assert_string_equal(cc_session_field_value(h.s, "name"), "John Smith");
	assert_string_equal(cc_session_field_value(h.s, "phone"), "+966501234567");
	assert_string_equal(cc_session_field_value(h.s, "email"), "john.smith@example.com");
	assert_int_equal(h_say(&h, "yes, that's correct"), 0);
	a = h_find(&h, CC_ACTION_ROUTE, NULL);
	assert_non_null(a);
	assert_string_equal(a->department, "sales");
	/* Sales: an FAQ answer and "anything else?", or a person. */
	assert_true(h_find(&h, CC_ACTION_ENQUEUE, NULL) != NULL ||
		    strcmp(h_expecting(&h), "followup") == 0);
	if (strcmp(h_expecting(&h), "followup") == 0) {
		assert_int_equal(h_say(&h, "no thanks"), 0);
		a = h_find(&h, CC_ACTION_HANGUP, NULL);
		assert_non_null(a);
		assert_string_equal(a->reason, "completed");
	}
	for (size_t i = 0; i < h.n; i++)
		if (h.acts[i].type == CC_ACTION_SAY)
			assert_string_equal(h.acts[i].lang, "en");
	h_close(&h);
}

static void test_each_field_says_what_was_wrong(void **state)
{
	harness h;
	const act *a;
	(void)state;

	h_open(&h, "ar");
	/* A name of digits. */
	assert_int_equal(h_say(&h, "12345"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_name.not_a_name"));
	assert_string_equal(h_expecting(&h), "name");
	assert_int_equal(h_say(&h, "سارة"), 0);
	/* A phone number too short: the re-prompt says how many digits it
	 * heard. */
	assert_int_equal(h_say(&h, "1234"), 0);
	a = h_find(&h, CC_ACTION_SAY, "invalid_phone.too_short");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "4"));
	assert_string_equal(h_expecting(&h), "phone");
	assert_int_equal(h_say(&h, "0501234567"), 0);
	/* An address without @ and one with a broken domain. */
	assert_int_equal(h_say(&h, "sara gmail com"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_email.no_at"));
	assert_string_equal(h_expecting(&h), "email");
	assert_int_equal(h_say(&h, "sara@gmail"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_email.bad_domain"));
	assert_int_equal(h_say(&h, "sara@gmail.com"), 0);
	assert_string_equal(h_expecting(&h), "service_type");
	/* Keys where words are needed. */
	assert_int_equal(h_keys(&h, "123#"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_service.dtmf"));
	assert_string_equal(h_expecting(&h), "service_type");
	h_close(&h);
}

static void test_retry_limit_escalates_to_a_person(void **state)
{
	harness h;
	const act *a;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "أحمد"), 0);
	/* IVR_MAX_RETRIES = 3: three re-prompts, the fourth failure goes to a
	 * human. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(h_say(&h, "١٢"), 0);
		assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_phone.too_short"));
		assert_string_equal(h_expecting(&h), "phone");
	}
	assert_int_equal(h_say(&h, "١٢"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "max_retries"));
	a = h_find(&h, CC_ACTION_ROUTE, NULL);
	assert_non_null(a);
	assert_string_equal(a->department, "reception");
	a = h_find(&h, CC_ACTION_TRANSFER, NULL);
	assert_non_null(a);
	assert_string_equal(a->reason, "max_retries");
	assert_int_equal(cc_session_stage_get(h.s), CC_SESSION_STAGE_DEPARTMENT_HANDLING);
	h_close(&h);
}

static void test_confirmation_retry_limit(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "en");
	h_fill(&h, "Mona Ali", "0501234567", "mona@example.com", "a complaint about billing");
	/* confirmation_retries = 2 */
	assert_int_equal(h_say(&h, "banana"), 0);
	assert_string_equal(h_expecting(&h), "confirmation");
	assert_int_equal(h_keys(&h, "7"), 0);
	assert_string_equal(h_expecting(&h), "confirmation");
	assert_int_equal(h_say(&h, "what?"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "max_retries"));
	assert_non_null(h_find(&h, CC_ACTION_TRANSFER, NULL));
	h_close(&h);
}

static void confirm_with(const char *lang, const char *answer, int yes)
{
	harness h;
	h_open(&h, lang);
	h_fill(&h, "Omar", "0501234567", "omar@example.com", "سعر المنتج");
	assert_int_equal(h_say(&h, answer), 0);
	if (yes) {
		assert_non_null(h_find(&h, CC_ACTION_ROUTE, NULL));
	} else {
		assert_null(h_find(&h, CC_ACTION_ROUTE, NULL));
		assert_string_equal(h_expecting(&h), "edit_field");
	}
	h_close(&h);
}

static void test_confirmation_by_voice_in_dialects(void **state)
{
	static const char *const yes[] = { "نعم", "اي", "ايوه", "إيوا", "أكيد", "صح",
					   "تمام", "اي نعم صحيح", "yes", "Yeah",
					   "correct", "YES.", "yes please", "واحد",
					   "١" };
	static const char *const no[] = { "لا", "لأ", "مو صح", "غلط", "لا مو صحيح",
					  "no", "No, that's wrong", "wrong", "not correct",
					  "٢", "اتنين" };
	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		confirm_with(i % 2 ? "en" : "ar", yes[i], 1);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		confirm_with(i % 2 ? "en" : "ar", no[i], 0);
}

static void test_confirmation_by_dtmf(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "ar");
	h_fill(&h, "خالد", "0501234567", "khaled@example.com", "استفسار عام");
	assert_int_equal(h_keys(&h, "2"), 0); /* one key, no # needed */
	assert_string_equal(h_expecting(&h), "edit_field");
	assert_int_equal(h_keys(&h, "3"), 0); /* the third field: email */
	assert_string_equal(h_expecting(&h), "email");
	assert_int_equal(h_say(&h, "khaled at gmail dot com"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "confirm_data"));
	assert_string_equal(cc_session_field_value(h.s, "email"), "khaled@gmail.com");
	assert_int_equal(h_keys(&h, "1"), 0);
	assert_non_null(h_find(&h, CC_ACTION_ROUTE, NULL));
	h_close(&h);
}

static void test_edit_by_name_in_either_language(void **state)
{
	static const struct { const char *lang, *say, *field; } cases[] = {
		{ "ar", "الإيميل", "email" },  { "ar", "الايميل", "email" },
		{ "ar", "الرقم", "phone" },    { "ar", "رقم الجوال", "phone" },
		{ "ar", "الاسم", "name" },     { "en", "email", "email" },
		{ "en", "the phone number", "phone" }, { "en", "my name", "name" },
		{ "en", "4", "service_type" }, { "ar", "اثنين", "phone" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		harness h;
		h_open(&h, cases[i].lang);
		h_fill(&h, "Laila", "0501234567", "laila@example.com", "I want to buy");
		assert_int_equal(h_say(&h, cases[i].lang[0] == 'a' ? "لا" : "no"), 0);
		assert_string_equal(h_expecting(&h), "edit_field");
		assert_int_equal(h_say(&h, cases[i].say), 0);
		assert_string_equal(h_expecting(&h), cases[i].field);
		h_close(&h);
	}
}

static void test_edit_path_returns_to_confirmation(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "ar");
	h_fill(&h, "نور", "0501234567", "noor@example.com", "عندي سؤال");
	/* Naming the wrong field at confirmation goes straight to it. */
	assert_int_equal(h_say(&h, "لا، الرقم غلط"), 0);
	assert_string_equal(h_expecting(&h), "phone");
	assert_int_equal(h_say(&h, "0559876543"), 0);
	/* Back to confirmation, not on to the next field. */
	assert_string_equal(h_expecting(&h), "confirmation");
	assert_non_null(strstr(h_find(&h, CC_ACTION_SAY, "confirm_data")->text, "تسعة"));
	assert_string_equal(cc_session_field_value(h.s, "phone"), "+966559876543");
	assert_string_equal(cc_session_field_value(h.s, "email"), "noor@example.com");
	assert_int_equal(h_say(&h, "تمام"), 0);
	assert_non_null(h_find(&h, CC_ACTION_ROUTE, NULL));
	h_close(&h);
}

static void test_language_switch_on_request(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "English please"), 0);
	assert_string_equal(cc_session_language(h.s), "en");
	assert_non_null(h_find(&h, CC_ACTION_SAY, "language_switched"));
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "ask_name")->lang, "en");
	assert_string_equal(h_expecting(&h), "name");
	/* The request was not taken as a name. */
	assert_null(cc_session_field_value(h.s, "name"));
	h_fill(&h, "Hana", "0501234567", "hana@example.com", "price of the product");
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "confirm_data")->lang, "en");
	/* And back, when asked. */
	assert_int_equal(h_say(&h, "عربي لو سمحت"), 0);
	assert_string_equal(cc_session_language(h.s), "ar");
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "confirm_data")->lang, "ar");
	h_close(&h);
}

static void test_language_follows_the_caller(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "Hello, my name is Adam Brown"), 0);
	assert_string_equal(cc_session_language(h.s), "en");
	assert_string_equal(cc_session_field_value(h.s, "name"), "Adam Brown");
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "ask_phone")->lang, "en");
	/* A phone or an address in Latin letters says nothing of language,
	 * and once switched the call keeps its language. */
	assert_int_equal(h_say(&h, "0501234567"), 0);
	assert_int_equal(h_say(&h, "adam at example dot com"), 0);
	assert_int_equal(h_say(&h, "عندي مشكلة في الفاتورة وأريد حلها"), 0);
	assert_string_equal(cc_session_language(h.s), "en");
	h_close(&h);

	/* An English call where the caller speaks Arabic. */
	h_open(&h, "en");
	assert_int_equal(h_say(&h, "مرحبا، اسمي سامي الأحمد"), 0);
	assert_string_equal(cc_session_language(h.s), "ar");
	assert_string_equal(cc_session_field_value(h.s, "name"), "سامي الأحمد");
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "ask_phone")->lang, "ar");
	h_close(&h);

	/* Two words are not enough on their own; with the STT's language
	 * they are. */
	h_open(&h, "ar");
	{
		cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
		assert_int_equal(h_say(&h, "Sami Nasser"), 0);
		assert_string_equal(cc_session_language(h.s), "ar");
		info.language = "en-US";
		info.confidence = 0.9;
		h.now += 2000;
		info.now_ms = h.now;
		assert_int_equal(cc_session_input_text(h.s, "zero five", 9, &info), 0);
		h_drain(&h);
		assert_string_equal(cc_session_language(h.s), "ar"); /* a phone: never */
	}
	h_close(&h);
	h_open(&h, "ar");
	{
		cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
		info.language = "en-US";
		h.now += 2000;
		info.now_ms = h.now;
		assert_int_equal(cc_session_input_text(h.s, "Sami Nasser", 11, &info), 0);
		h_drain(&h);
		assert_string_equal(cc_session_language(h.s), "en");
		assert_string_equal(h_find(&h, CC_ACTION_SAY, "ask_phone")->lang, "en");
	}
	h_close(&h);

	/* A short Latin name in an Arabic call does not switch. */
	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "Adam"), 0);
	assert_string_equal(cc_session_language(h.s), "ar");
	/* "an English course" is not a request to switch. */
	assert_int_equal(h_say(&h, "0501234567"), 0);
	assert_int_equal(h_say(&h, "adam@example.com"), 0);
	assert_int_equal(h_say(&h, "بدي كورس انجليزي"), 0);
	assert_string_equal(cc_session_language(h.s), "ar");
	assert_string_equal(h_expecting(&h), "confirmation");
	h_close(&h);
}

static void test_after_hours_offers_a_callback(void **state)
{
	harness h;
	const act *a;
	(void)state;

	h_open_with(&h, "ar", CLOSED_EPOCH_MS, NULL);
	h_fill(&h, "فاطمة", "0501234567", "fatima@example.com", "أريد شراء خدمة");
	assert_int_equal(h_say(&h, "نعم"), 0);
	assert_non_null(h_find(&h, CC_ACTION_ROUTE, NULL));
	assert_non_null(h_find(&h, CC_ACTION_SAY, "after_hours"));
	/* No transfer when nobody is there. */
	assert_null(h_find(&h, CC_ACTION_ENQUEUE, NULL));
	assert_null(h_find(&h, CC_ACTION_TRANSFER, NULL));
	assert_string_equal(h_expecting(&h), "callback");
	assert_int_equal(h_say(&h, "ايوه"), 0);
	a = h_find(&h, CC_ACTION_TICKET, NULL);
	assert_non_null(a);
	assert_string_equal(a->kind, "callback");
	a = h_find(&h, CC_ACTION_HANGUP, NULL);
	assert_non_null(a);
	assert_true(cc_session_ended(h.s));
	h_close(&h);

	/* Declined: goodbye, no ticket. */
	h_open_with(&h, "en", CLOSED_EPOCH_MS, NULL);
	h_fill(&h, "Fatima", "0501234567", "fatima@example.com", "I want to buy");
	assert_int_equal(h_keys(&h, "1"), 0);
	assert_string_equal(h_expecting(&h), "callback");
	assert_int_equal(h_keys(&h, "2"), 0);
	assert_null(h_find_all(&h, CC_ACTION_TICKET, NULL));
	assert_non_null(h_find(&h, CC_ACTION_HANGUP, NULL));
	h_close(&h);
}

static void test_urgent_complaint_is_transferred_now(void **state)
{
	harness h;
	const act *t, *x;
	(void)state;
	h_need_router();

	h_open(&h, "ar");
	h_fill(&h, "يوسف", "0501234567", "yousef@example.com",
	       "شكوى عاجلة، النظام واقف عندنا وخسارة كبيرة");
	assert_int_equal(h_say(&h, "صح"), 0);
	assert_string_equal(h_find(&h, CC_ACTION_ROUTE, NULL)->department, "complaints");
	t = h_find(&h, CC_ACTION_TICKET, NULL);
	assert_non_null(t);
	assert_string_equal(t->priority, "urgent");
	assert_non_null(h_find(&h, CC_ACTION_SAY, "complaints.urgent_handling"));
	x = h_find(&h, CC_ACTION_TRANSFER, NULL);
	assert_non_null(x);
	assert_string_equal(x->priority, "urgent");
	assert_string_equal(x->reason, "urgent");
	/* The ticket comes before the transfer. */
	assert_true(t < x);
	h_close(&h);
}

static void test_transfer_failed_offers_a_callback(void **state)
{
	harness h;
	(void)state;
	h_need_router();

	h_open(&h, "en");
	h_fill(&h, "Zaid", "0501234567", "zaid@example.com", "I have a complaint about my bill");
	assert_int_equal(h_say(&h, "yes"), 0);
	assert_int_equal(h_say(&h, "you charged me twice this month"), 0);
	assert_non_null(h_find(&h, CC_ACTION_ENQUEUE, NULL));
	assert_int_equal(cc_session_notify(h.s, CC_SESSION_NOTICE_TRANSFER_FAILED, NULL), 0);
	h_drain(&h);
	assert_string_equal(h_expecting(&h), "callback");
	assert_int_equal(h_say(&h, "yes please"), 0);
	assert_non_null(h_find(&h, CC_ACTION_TICKET, NULL));
	assert_true(cc_session_ended(h.s));
	h_close(&h);
}

/* A user adds a question in the configuration, and drops one: no C change. */
static void test_extra_question_from_configuration(void **state)
{
	static const char cfg[] =
		"{\"fields\": [{\"id\": \"email\", \"required\": false},"
		" {\"id\": \"order_number\", \"kind\": \"number\", \"required\": true,"
		"  \"min_length\": 4, \"max_length\": 10, \"prompt\": \"ask_order\","
		"  \"invalid_prompt\": \"invalid_order\", \"label_ar\": \"رقم الطلب\","
		"  \"label_en\": \"order number\", \"aliases\": [\"order\"]}],"
		" \"prompts\": {\"ask_order\": {\"ar\": \"ما هو رقم الطلب؟\", \"en\": \"Your order number?\"},"
		" \"invalid_order\": {\"ar\": \"رقم الطلب غير صحيح.\", \"en\": \"That order number is not right.\"}}}";
	static const char *const env[] = { NULL };
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	cc_buf sum = CC_BUF_INIT;
	harness h;
	(void)state;

	memset(&h, 0, sizeof(h));
	eo.env = env;
	assert_int_equal(cc_engine_new_from_json(&h.engine, cfg, strlen(cfg), &eo), 0);
	o.language = "en";
	o.region = "SA";
	o.seed = 5;
	o.wall_clock_ms = OPEN_EPOCH_MS;
	assert_int_equal(cc_session_new(&h.s, h.engine, &o), 0);
	assert_int_equal(cc_session_start(h.s), 0);
	h_drain(&h);
	assert_int_equal(h_say(&h, "Ali Hassan"), 0);
	assert_int_equal(h_say(&h, "0501234567"), 0);
	/* No e-mail question. */
	assert_string_equal(h_expecting(&h), "service_type");
	assert_int_equal(h_say(&h, "my order arrived broken"), 0);
	assert_string_equal(h_expecting(&h), "order_number");
	assert_string_equal(h_find(&h, CC_ACTION_SAY, "ask_order")->stage, "collect_field");
	assert_int_equal(h_say(&h, "five"), 0);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "invalid_order"));
	assert_int_equal(h_say(&h, "one two three four five"), 0);
	assert_string_equal(cc_session_field_value(h.s, "order_number"), "12345");
	assert_string_equal(h_expecting(&h), "confirmation");
	/* "order number" names the order, not the phone "number". */
	assert_int_equal(h_say(&h, "no"), 0);
	assert_int_equal(h_say(&h, "the order number"), 0);
	assert_string_equal(h_expecting(&h), "order_number");
	assert_int_equal(h_keys(&h, "778899#"), 0);
	assert_string_equal(h_expecting(&h), "confirmation");
	assert_int_equal(cc_session_summary(&sum, h.s), 0);
	assert_non_null(strstr(sum.ptr, "\"order_number\":\"778899\""));
	assert_non_null(strstr(sum.ptr, "\"email\":null"));
	cc_buf_dispose(&sum);
	h_close(&h);
}

/* The engine's rules change department handling: with a rule that sends
 * serious complaints (severity high or more) to a person, the ticket is made
 * at once and the caller transferred, without the details question. */
static void test_rule_sends_serious_complaints_to_a_person(void **state)
{
	static const char cfg[] =
		"{\"rules\": [{\"id\": \"serious_to_person\","
		" \"when\": {\"department\": \"complaints\", \"severity\": {\"gte\": \"high\"}},"
		" \"then\": [{\"transfer\": \"complaints\"}]}]}";
	static const char *const env[] = { NULL };
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	harness h;
	const act *t, *x;
	(void)state;
	h_need_router();

	memset(&h, 0, sizeof(h));
	eo.env = env;
	assert_int_equal(cc_engine_new_from_json(&h.engine, cfg, strlen(cfg), &eo), 0);
	o.language = "ar";
	o.region = "SA";
	o.seed = 3;
	o.wall_clock_ms = OPEN_EPOCH_MS;
	assert_int_equal(cc_session_new(&h.s, h.engine, &o), 0);
	assert_int_equal(cc_session_start(h.s), 0);
	h_drain(&h);
	h_fill(&h, "ريم", "0501234567", "reem@example.com", "عندي شكوى، الطلب وصل متأخر");
	assert_int_equal(h_say(&h, "أكيد"), 0);
	t = h_find(&h, CC_ACTION_TICKET, NULL);
	assert_non_null(t);
	assert_string_equal(t->severity, "high");
	assert_non_null(strstr(h_find(&h, CC_ACTION_SAY, "complaints.ticket_created")->text, t->ticket));
	x = h_find(&h, CC_ACTION_TRANSFER, NULL);
	assert_non_null(x);
	assert_string_equal(x->target, "complaints");
	assert_string_equal(x->reason, "rule");
	assert_null(h_find(&h, CC_ACTION_EXPECT, NULL));
	h_close(&h);

	/* Without the rule the same complaint is asked for its details. */
	h_open(&h, "ar");
	h_fill(&h, "ريم", "0501234567", "reem@example.com", "عندي شكوى، الطلب وصل متأخر");
	assert_int_equal(h_say(&h, "أكيد"), 0);
	assert_string_equal(h_expecting(&h), "complaint_details");
	h_close(&h);
}

/* A caller who asks for a person while being asked questions gets one. */
static void test_caller_asks_for_a_person(void **state)
{
	static const char *const asks[] = { "أبي أكلم موظف", "بدي احكي مع حدا",
					    "agent please", "can I talk to a person" };
	(void)state;
	for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		harness h;
		const act *x;
		h_open(&h, i < 2 ? "ar" : "en");
		if (i % 2)
			assert_int_equal(h_say(&h, "Maha"), 0); /* at the phone question */
		assert_int_equal(h_say(&h, asks[i]), 0);
		x = h_find(&h, CC_ACTION_TRANSFER, NULL);
		assert_non_null(x);
		assert_string_equal(x->reason, "caller_request");
		assert_string_equal(h_find(&h, CC_ACTION_ROUTE, NULL)->department, "reception");
		h_close(&h);
	}
	/* A name is not a request. */
	{
		harness h;
		h_open(&h, "en");
		assert_int_equal(h_say(&h, "Agnes Person"), 0);
		assert_null(h_find(&h, CC_ACTION_TRANSFER, NULL));
		assert_string_equal(h_expecting(&h), "phone");
		h_close(&h);
	}
}

/* Every prompt the session can say has text in the default configuration,
 * in both languages: a re-prompt for each reason each default field can
 * fail with, and the keys of the flow itself. */
static void test_default_prompts_cover_every_reprompt(void **state)
{
	static const char *const keys[] = {
		"greeting", "ask_name", "ask_phone", "ask_email", "ask_service_type",
		"invalid_name.too_short", "invalid_name.too_long",
		"invalid_name.not_a_name", "invalid_name.dtmf",
		"invalid_phone.too_short", "invalid_phone.too_long",
		"invalid_phone.not_a_number", "invalid_phone.invalid",
		"invalid_phone.wrong_region",
		"invalid_email.no_at", "invalid_email.bad_domain",
		"invalid_email.bad_local", "invalid_email.not_an_email",
		"invalid_email.dtmf",
		"invalid_service.empty", "invalid_service.too_long",
		"invalid_service.dtmf",
		"invalid_input.not_yes_no", "invalid_input.not_a_number",
		"invalid_input.too_short", "invalid_input.too_long",
		"confirm_data", "confirm_again", "ask_edit_field", "edit_field_again",
		"language_switched", "no_input", "not_understood",
		"no_input_goodbye", "inactivity_goodbye", "transfer_failed",
		"callback_offer", "callback_confirmed", "after_hours", "max_retries",
		"goodbye",
	};
	static const cc_prompt_var vars[] = {
		{ "digits", "4", CC_PROMPT_VAR_TEXT },
		{ "min", "8", CC_PROMPT_VAR_TEXT },
		{ "max", "15", CC_PROMPT_VAR_TEXT },
		{ "choices", "1 name", CC_PROMPT_VAR_TEXT },
		{ "ticket_id", "TKT_20260101_X", CC_PROMPT_VAR_TEXT },
		{ "name", "Sara", CC_PROMPT_VAR_TEXT },
		{ "phone", "+966501234567", CC_PROMPT_VAR_PHONE },
		{ "email", "sara@example.com", CC_PROMPT_VAR_EMAIL },
		{ "service_type", "prices", CC_PROMPT_VAR_TEXT },
	};
	static const char *const langs[] = { "ar", "en" };
	cc_engine *engine = h_engine();
	cc_buf out = CC_BUF_INIT;
	(void)state;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		assert_int_equal(cc_engine_prompt_exists(engine, keys[i]), 1);
		for (size_t l = 0; l < 2; l++) {
			const char *used = NULL;
			assert_int_equal(cc_engine_prompt(&out, &used, engine, keys[i],
							  langs[l], vars,
							  sizeof(vars) / sizeof(vars[0]), 0),
					 0);
			assert_string_equal(used, langs[l]);
			assert_true(out.size > 0);
		}
	}
	cc_buf_dispose(&out);
	cc_engine_free(engine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_happy_path_arabic),
		cmocka_unit_test(test_happy_path_english),
		cmocka_unit_test(test_each_field_says_what_was_wrong),
		cmocka_unit_test(test_retry_limit_escalates_to_a_person),
		cmocka_unit_test(test_confirmation_retry_limit),
		cmocka_unit_test(test_confirmation_by_voice_in_dialects),
		cmocka_unit_test(test_confirmation_by_dtmf),
		cmocka_unit_test(test_edit_by_name_in_either_language),
		cmocka_unit_test(test_edit_path_returns_to_confirmation),
		cmocka_unit_test(test_language_switch_on_request),
		cmocka_unit_test(test_language_follows_the_caller),
		cmocka_unit_test(test_after_hours_offers_a_callback),
		cmocka_unit_test(test_urgent_complaint_is_transferred_now),
		cmocka_unit_test(test_rule_sends_serious_complaints_to_a_person),
		cmocka_unit_test(test_transfer_failed_offers_a_callback),
		cmocka_unit_test(test_extra_question_from_configuration),
		cmocka_unit_test(test_caller_asks_for_a_person),
		cmocka_unit_test(test_default_prompts_cover_every_reprompt),
	};
	static const char *const need_router[] = { "test_happy_path_arabic", "test_happy_path_english", "test_urgent_complaint_is_transferred_now", "test_transfer_failed_offers_a_callback", "test_rule_sends_serious_complaints_to_a_person", NULL };
	return h_run(tests, sizeof(tests) / sizeof(tests[0]), need_router);
}
