/* The stage machine: what each event does in each stage of the call. */
#include <stdio.h>
#include <string.h>

#include "session/session_int.h"

#define MIN_CONFIDENCE_DEFAULT 0.35

/* ---- saying and expecting -------------------------------------------------- */

static const char *lang_of(const cc_session *s)
{
	return cc_session__lang_name(s->lang);
}

/* Renders prompt @key and queues it as a SAY, with a bot turn in the
 * transcript.  CC_ENOTFOUND (with nothing queued) when the configuration has
 * no such prompt, so callers can fall back to a more general one. */
static int say(cc_session *s, const char *key, const cc_prompt_var *vars,
	       size_t nvars)
{
	cc_buf text = CC_BUF_INIT;
	const char *used = NULL;
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	int rc;

	if (key == NULL || cc_engine_prompt_exists(s->engine, key) != 1)
		return CC_ENOTFOUND;
	rc = cc_engine_prompt(&text, &used, s->engine, key, lang_of(s), vars,
			      nvars, 0);
	if (rc < 0) {
		cc_buf_dispose(&text);
		return rc;
	}
	str[CC_SESSION__AS_TEXT] = text.ptr ? text.ptr : "";
	str[CC_SESSION__AS_LANG] = used && strcmp(used, "en") == 0 ? "en"
				   : used && strcmp(used, "ar") == 0 ? "ar"
								     : lang_of(s);
	str[CC_SESSION__AS_KEY] = key;
	rc = cc_session__push(s, CC_ACTION_SAY, str, 0, 1, 0, 0);
	if (rc == 0)
		rc = cc_session__turn_add(s, CC_SPEAKER_BOT, str[CC_SESSION__AS_TEXT],
					  text.size, s->lang);
	cc_buf_dispose(&text);
	return rc;
}

/* The first of @keys the configuration has. */
static int say_any(cc_session *s, const char *const *keys, size_t nkeys,
		   const cc_prompt_var *vars, size_t nvars)
{
	int rc = CC_ENOTFOUND;
	for (size_t i = 0; i < nkeys && rc == CC_ENOTFOUND; i++)
		rc = say(s, keys[i], vars, nvars);
	if (rc == CC_ENOTFOUND) {
		CC__LOG_DEBUG("session %s: no prompt %s in the configuration",
			      s->call_id, keys[0] ? keys[0] : "(null)");
		return 0; /* a missing prompt never stops a call */
	}
	return rc;
}

static int say1(cc_session *s, const char *key)
{
	return say_any(s, &key, 1, NULL, 0);
}

static int say_offer(cc_session *s)
{
	return say_any(s, (const char *const[]){ "offer_callback", "callback_offer" }, 2,
		       NULL, 0);
}

static int expect(cc_session *s, const char *field, cc_input_kind kind)
{
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	uint32_t timeout = s->ivr->no_input_timeout_ms;

	str[CC_SESSION__AS_FIELD] = field;
	s->expect_timeout_ms = timeout;
	s->deadline_ms = timeout ? s->now_ms + timeout : 0;
	return cc_session__push(s, CC_ACTION_EXPECT, str, (uint8_t)kind, 0,
				timeout, 0);
}

static void set_stage(cc_session *s, int stage, const char *reason, double conf)
{
	int from = s->stage;
	if (from == stage)
		return;
	s->stage = (uint8_t)stage;
	cc_session__rec_stage(s, from, stage, reason, conf);
}

/* ---- fields ------------------------------------------------------------------ */

static const cc_field *field_at(const cc_session *s, size_t i)
{
	return cc_engine_field(s->engine, i);
}

static int stage_of_field(const cc_field *f)
{
	switch (f->kind) {
	case CC_FIELD_NAME: return CC_SESSION_STAGE_COLLECT_NAME;
	case CC_FIELD_PHONE: return CC_SESSION_STAGE_COLLECT_PHONE;
	case CC_FIELD_EMAIL: return CC_SESSION_STAGE_COLLECT_EMAIL;
	case CC_FIELD_SERVICE_TYPE: return CC_SESSION_STAGE_COLLECT_SERVICE_TYPE;
	default: return CC_SESSION_STAGE_COLLECT_FIELD;
	}
}

static cc_input_kind input_of_field(const cc_field *f)
{
	switch (f->kind) {
	case CC_FIELD_PHONE:
	case CC_FIELD_NUMBER:
	case CC_FIELD_YES_NO: return CC_INPUT_BOTH;
	default: return CC_INPUT_SPEECH;
	}
}

static bool asked(const cc_session *s, size_t i)
{
	return (s->ask_mask >> i) & 1u;
}

/* The value of the first field of a kind (the four standard fields are
 * found by kind, so a configuration may rename them). */
static const char *value_of_kind(const cc_session *s, cc_field_kind kind)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = field_at(s, i);
		if (f && f->kind == kind && s->values[i])
			return s->values[i];
	}
	return NULL;
}

/* ---- the current question ------------------------------------------------------ */

/* "1 الاسم، 2 رقم الجوال…": the choices of the edit question. */
static int edit_choices(cc_session *s, cc_buf *out)
{
	unsigned n = 0;
	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = field_at(s, i);
		const char *label;
		if (!asked(s, i) || f == NULL)
			continue;
		label = s->lang == CC_SESSION__EN ? f->label_en : f->label_ar;
		if (label == NULL)
			label = f->name;
		if (cc__buf_printf(out, "%s%u %s",
				   n ? (s->lang == CC_SESSION__EN ? ", " : "، ") : "",
				   n + 1, label) < 0)
			return CC_ENOMEM;
		n++;
	}
	return 0;
}

static int say_confirm(cc_session *s)
{
	cc_prompt_var vars[4];
	static const char *const names[4] = { "name", "phone", "email", "service_type" };
	static const cc_field_kind kinds[4] = { CC_FIELD_NAME, CC_FIELD_PHONE,
						CC_FIELD_EMAIL, CC_FIELD_SERVICE_TYPE };
	for (int i = 0; i < 4; i++) {
		const char *v = value_of_kind(s, kinds[i]);
		vars[i].name = names[i];
		vars[i].value = v ? v : "";
		vars[i].kind = CC_PROMPT_VAR_AUTO;
	}
	return say_any(s, (const char *const[]){ "confirm_data" }, 1, vars, 4);
}

static int ask_field(cc_session *s, size_t i, bool again)
{
	const cc_field *f = field_at(s, i);
	int rc;

	s->field = (uint8_t)i;
	set_stage(s, stage_of_field(f), NULL, 0);
	if (again && f->retry_prompt_key)
		rc = say_any(s, (const char *const[]){ f->retry_prompt_key, f->prompt_key },
			     2, NULL, 0);
	else
		rc = say1(s, f->prompt_key);
	if (rc < 0)
		return rc;
	return expect(s, f->name, input_of_field(f));
}

/* Asks the question of the current stage again (after silence, a language
 * switch or an answer not understood). */
static int ask_current(cc_session *s, bool again)
{
	cc_buf choices = CC_BUF_INIT;
	cc_prompt_var var = { "choices", NULL, CC_PROMPT_VAR_TEXT };
	int rc;

	switch (s->stage) {
	case CC_SESSION_STAGE_COLLECT_NAME:
	case CC_SESSION_STAGE_COLLECT_PHONE:
	case CC_SESSION_STAGE_COLLECT_EMAIL:
	case CC_SESSION_STAGE_COLLECT_SERVICE_TYPE:
	case CC_SESSION_STAGE_COLLECT_FIELD:
		return ask_field(s, s->field, again);
	case CC_SESSION_STAGE_CONFIRM_DATA:
		if (again && (rc = say1(s, "confirm_again")) < 0)
			return rc;
		if ((!again || cc_engine_prompt_exists(s->engine, "confirm_again") != 1) &&
		    (rc = say_confirm(s)) < 0)
			return rc;
		return expect(s, "confirmation", CC_INPUT_BOTH);
	case CC_SESSION_STAGE_EDIT_FIELD:
		if ((rc = edit_choices(s, &choices)) < 0)
			return rc;
		var.value = choices.ptr ? choices.ptr : "";
		rc = say_any(s,
			     again ? (const char *const[]){ "edit_field_again", "ask_edit_field",
							    "edit_which_field" }
				   : (const char *const[]){ "ask_edit_field", "edit_which_field", NULL },
			     again ? 3 : 2, &var, 1);
		cc_buf_dispose(&choices);
		if (rc < 0)
			return rc;
		return expect(s, "edit_field", CC_INPUT_BOTH);
	case CC_SESSION_STAGE_DEPARTMENT_HANDLING:
		switch (s->dstate) {
		case CC_SESSION__DS_FOLLOWUP:
			if ((rc = say1(s, "sales.help_further")) < 0)
				return rc;
			return expect(s, "followup", CC_INPUT_BOTH);
		case CC_SESSION__DS_DETAILS:
			if ((rc = say1(s, "complaints.ask_complaint_details")) < 0)
				return rc;
			return expect(s, "complaint_details", CC_INPUT_SPEECH);
		case CC_SESSION__DS_CALLBACK:
			if ((rc = say_offer(s)) < 0)
				return rc;
			return expect(s, "callback", CC_INPUT_BOTH);
		}
		return 0;
	default:
		return 0;
	}
}

bool cc_session__single_key(const cc_session *s)
{
	if (s->stage == CC_SESSION_STAGE_CONFIRM_DATA)
		return true;
	if (s->stage == CC_SESSION_STAGE_EDIT_FIELD)
		return s->nfields < 10;
	if (s->stage == CC_SESSION_STAGE_DEPARTMENT_HANDLING)
		return s->dstate == CC_SESSION__DS_FOLLOWUP ||
		       s->dstate == CC_SESSION__DS_CALLBACK;
	if (s->stage == CC_SESSION_STAGE_COLLECT_FIELD ||
	    s->stage == CC_SESSION_STAGE_COLLECT_NAME) {
		const cc_field *f = field_at(s, s->field);
		return f && f->kind == CC_FIELD_YES_NO;
	}
	return false;
}

/* ---- ending --------------------------------------------------------------------- */

static int end_call(cc_session *s, const char *outcome, const char *hangup_reason)
{
	cc_session_end_record rec;
	char key[CC_SESSION__MAX_CALL_ID + 16];
	int rc;

	if (hangup_reason) {
		const char *str[CC_SESSION__AS_COUNT] = { 0 };
		str[CC_SESSION__AS_REASON] = hangup_reason;
		if ((rc = cc_session__push(s, CC_ACTION_HANGUP, str, 0, 0, 0, 0)) < 0)
			return rc;
	}
	s->outcome = cc_session__outcome_intern(outcome);
	set_stage(s, CC_SESSION_STAGE_CALL_ENDED, outcome, 0);
	s->ended = 1;
	s->deadline_ms = 0;
	s->dstate = CC_SESSION__DS_NONE;
	if (s->has_rec && s->rec.call_ended) {
		memset(&rec, 0, sizeof(rec));
		cc_session__rec_head(s, &rec.head, key);
		rec.outcome = s->outcome;
		rec.department = s->department;
		rec.ticket_id = s->ticket_id;
		rec.duration_ms = (int64_t)(s->now_ms - s->start_ms);
		rec.turns = s->nturns;
		if ((rc = s->rec.call_ended(&rec, s->rec.userdata)) < 0)
			cc_session__rec_failed(s, "call_ended", rc);
	}
	return 0;
}

static int goodbye(cc_session *s, const char *key, const char *outcome,
		   const char *reason)
{
	int rc = say_any(s, (const char *const[]){ key, "goodbye" }, 2, NULL, 0);
	if (rc < 0)
		return rc;
	return end_call(s, outcome, reason);
}

/* ---- tickets and hand-off ---------------------------------------------------------- */

static const cc_department *dept_of(const cc_session *s)
{
	return s->department ? cc_engine_department_find(s->engine, s->department)
			     : NULL;
}

static const char *queue_of(const cc_session *s)
{
	const cc_department *d = dept_of(s);
	if (d && d->queue)
		return d->queue;
	return s->department ? s->department : s->ivr->default_department;
}

static int make_ticket(cc_session *s, const char *kind, const char *subject,
		       const char *description)
{
	cc_session_ticket_record rec;
	char key[CC_SESSION__MAX_CALL_ID + 16];
	char proposed[48];
	char id[CC_SESSION_TICKET_ID_MAX];
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	const char *sev = strcmp(kind, "complaint") == 0
				  ? cc_severity_name((cc_severity)s->severity)
				  : NULL;
	int rc;

	cc_session__make_ticket_id(s, proposed);
	if (s->has_rec && s->rec.ticket_create) {
		memset(&rec, 0, sizeof(rec));
		cc_session__rec_head(s, &rec.head, key);
		rec.kind = kind;
		rec.department = s->department;
		rec.priority = cc_priority_name((cc_priority)s->priority);
		rec.severity = sev;
		rec.subject = subject;
		rec.description = description;
		rec.customer_name = value_of_kind(s, CC_FIELD_NAME);
		rec.customer_phone = value_of_kind(s, CC_FIELD_PHONE);
		rec.customer_email = value_of_kind(s, CC_FIELD_EMAIL);
		rec.language = lang_of(s);
		rec.proposed_id = proposed;
		id[0] = '\0';
		rc = s->rec.ticket_create(&rec, id, sizeof(id), s->rec.userdata);
		if (rc < 0)
			cc_session__rec_failed(s, "ticket_create", rc);
		id[sizeof(id) - 1] = '\0';
		if (rc < 0 || cc__utf8_check(id, strlen(id)) != strlen(id))
			id[0] = '\0';
	} else {
		id[0] = '\0';
	}
	cc__free(s->ticket_id);
	s->ticket_id = cc__strdup(id[0] ? id : proposed);
	if (s->ticket_id == NULL)
		return cc__error_nomem();
	str[CC_SESSION__AS_TICKET] = s->ticket_id;
	str[CC_SESSION__AS_TKIND] = kind;
	str[CC_SESSION__AS_PRIO] = cc_priority_name((cc_priority)s->priority);
	str[CC_SESSION__AS_DEPT] = s->department;
	str[CC_SESSION__AS_SEV] = sev;
	str[CC_SESSION__AS_SUBJECT] = subject;
	str[CC_SESSION__AS_DESC] = description;
	return cc_session__push(s, CC_ACTION_TICKET, str, 0, 0, 0, 0);
}

/* Queue (ENQUEUE) or put through now (TRANSFER); the agent's turn. */
static int hand_off(cc_session *s, bool now, const char *target, const char *reason)
{
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	int rc;

	str[CC_SESSION__AS_PRIO] = cc_priority_name((cc_priority)s->priority);
	if (now) {
		str[CC_SESSION__AS_TARGET] = target ? target : queue_of(s);
		str[CC_SESSION__AS_DEPT] = s->department;
		str[CC_SESSION__AS_REASON] = reason;
	} else {
		str[CC_SESSION__AS_DEPT] = s->department;
		str[CC_SESSION__AS_TARGET] = queue_of(s);
	}
	rc = cc_session__push(s, now ? CC_ACTION_TRANSFER : CC_ACTION_ENQUEUE,
			      str, 0, 0, 0, 0);
	if (rc < 0)
		return rc;
	s->outcome = now ? cc_session__outcome_intern("transferred")
			 : cc_session__outcome_intern("queued");
	s->dstate = CC_SESSION__DS_WAITING;
	s->deadline_ms = 0;
	s->wait_start_ms = s->now_ms;
	return 0;
}

static int emit_route(cc_session *s, const char *reason)
{
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	str[CC_SESSION__AS_DEPT] = s->department;
	str[CC_SESSION__AS_REASON] = reason;
	return cc_session__push(s, CC_ACTION_ROUTE, str, 0, 0, 0,
				s->route_confidence);
}

static int set_department(cc_session *s, const char *id)
{
	char *d = cc__strdup(id);
	if (d == NULL)
		return cc__error_nomem();
	cc__free(s->department);
	s->department = d;
	return 0;
}

/* Business hours change on whole minutes, and asking the engine costs a
 * calendar in the call center's time zone: ask once per minute of the
 * call.  (Not part of a snapshot: it is recomputed.) */
static bool is_open(cc_session *s)
{
	int64_t ms = cc_session__wall_ms(s);
	int64_t sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	int64_t minute = sec >= 0 ? sec / 60 : -((-sec + 59) / 60);
	if (s->open_value < 0 || s->open_minute != minute) {
		s->open_value = cc_engine_is_open(s->engine, sec) == 1;
		s->open_minute = minute;
	}
	return s->open_value == 1;
}

/* Closed, or nobody could take the call: tell the caller and offer a
 * callback ticket. */
static int offer_callback(cc_session *s, bool after_hours, bool said)
{
	int rc;

	if (after_hours) {
		if (!said && (rc = say1(s, "after_hours")) < 0)
			return rc;
		s->outcome = cc_session__outcome_intern("after_hours");
	} else if ((rc = say1(s, "transfer_failed")) < 0) {
		return rc;
	}
	s->dstate = CC_SESSION__DS_CALLBACK;
	s->retries = 0;
	set_stage(s, CC_SESSION_STAGE_DEPARTMENT_HANDLING, NULL, 0);
	if ((rc = say_offer(s)) < 0)
		return rc;
	return expect(s, "callback", CC_INPUT_BOTH);
}

/* Retries used up: a human takes over (the original's escalation). */
static int escalate(cc_session *s, const char *why)
{
	int rc;

	if ((rc = say1(s, "max_retries")) < 0)
		return rc;
	if (s->department == NULL) {
		if ((rc = set_department(s, s->ivr->default_department)) < 0)
			return rc;
		s->route_confidence = 0;
		set_stage(s, CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT, why, 0);
		if ((rc = emit_route(s, why)) < 0)
			return rc;
	}
	set_stage(s, CC_SESSION_STAGE_DEPARTMENT_HANDLING, why, 0);
	if (!is_open(s))
		return offer_callback(s, true, false);
	rc = hand_off(s, true, NULL, why);
	s->outcome = cc_session__outcome_intern("escalated");
	return rc;
}

static int routing_prompt(cc_session *s);

/* The caller asks for a person ("أبي أكلم موظف", "agent please"): no
 * more questions. */
static int to_person(cc_session *s)
{
	const char *why = "caller_request";
	int rc;

	if (s->department == NULL) {
		if ((rc = set_department(s, s->ivr->default_department)) < 0)
			return rc;
		s->route_confidence = 0;
		set_stage(s, CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT, why, 0);
		if ((rc = emit_route(s, why)) < 0)
			return rc;
	}
	set_stage(s, CC_SESSION_STAGE_DEPARTMENT_HANDLING, why, 0);
	if (!is_open(s))
		return offer_callback(s, true, false);
	if ((rc = routing_prompt(s)) < 0)
		return rc;
	return hand_off(s, true, NULL, why);
}

/* An answer that did not do: say why and ask again, or escalate. */
static int fail(cc_session *s, const char *const *keys, size_t nkeys,
		const cc_prompt_var *vars, size_t nvars)
{
	unsigned limit = s->ivr->max_retries;
	int rc;

	if (s->stage == CC_SESSION_STAGE_CONFIRM_DATA)
		limit = s->ivr->confirmation_retries;
	if (++s->retries > limit) {
		if (s->stage == CC_SESSION_STAGE_DEPARTMENT_HANDLING &&
		    s->dstate == CC_SESSION__DS_CALLBACK)
			return goodbye(s, "goodbye", "after_hours", "completed");
		return escalate(s, "max_retries");
	}
	if (nkeys && (rc = say_any(s, keys, nkeys, vars, nvars)) < 0)
		return rc;
	return ask_current(s, true);
}

static int fail_simple(cc_session *s, const char *key)
{
	return fail(s, &key, key ? 1 : 0, NULL, 0);
}

/* ---- department handling ------------------------------------------------------------ */

static void fill_context(cc_session *s, cc_call_context *ctx, cc_field_value *fv,
			 const cc_route_result *r, const char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = field_at(s, i);
		fv[n].name = f->name;
		fv[n].value = s->values[i];
		n++;
	}
	ctx->department = s->department;
	ctx->language = lang_of(s);
	ctx->text = text;
	ctx->text_len = text ? strlen(text) : 0;
	if (r) {
		ctx->sentiment = r->sentiment;
		ctx->sentiment_score = r->sentiment_score;
		ctx->urgent = r->urgent;
		ctx->severity = r->severity;
	}
	ctx->priority = (cc_priority)s->priority;
	ctx->fields = fv;
	ctx->field_count = n;
	ctx->open = is_open(s);
	ctx->now_unix = cc_session__wall_ms(s) / 1000;
	ctx->retries = s->retries;
	ctx->stage = cc_session_stage_name((cc_session_stage)s->stage);
}

typedef struct rule_effects {
	bool ticket;
	bool offer_callback;  /* flag "offer_callback" */
	const char *transfer; /* department to transfer to now */
	const char *route;    /* department to route to instead */
	const char *say[4];
	size_t nsay;
} rule_effects;

static int run_rules(cc_session *s, const cc_route_result *r, const char *text,
		     rule_effects *fx)
{
	cc_call_context ctx = CC_CALL_CONTEXT_INIT;
	cc_field_value fv[CC_SESSION__MAX_FIELDS];
	const char *matched[CC_ROUTE_MAX_MATCHED];
	cc_rules_result res;
	int rc;

	memset(fx, 0, sizeof(*fx));
	fill_context(s, &ctx, fv, r, text);
	if (r) {
		for (size_t i = 0; i < r->matched_count; i++)
			matched[i] = r->matched[i].term;
		ctx.matched = matched;
		ctx.matched_count = r->matched_count;
	}
	rc = cc_engine_rules_eval(&res, NULL, s->engine, &ctx);
	if (rc < 0) {
		CC__LOG_WARN("session %s: rules failed: %s", s->call_id,
			     cc_error_name(rc));
		return 0; /* the call goes on with the defaults */
	}
	s->priority = (uint8_t)res.priority;
	for (size_t i = 0; i < res.action_count; i++) {
		const cc_rule_action *a = &res.actions[i];
		switch (a->kind) {
		case CC_RULE_CREATE_TICKET:
			fx->ticket = true;
			if (a->priority > s->priority)
				s->priority = (uint8_t)a->priority;
			break;
		case CC_RULE_TRANSFER:
			fx->transfer = a->arg ? a->arg : s->department;
			break;
		case CC_RULE_ROUTE:
			if (a->arg && cc_engine_department_find(s->engine, a->arg))
				fx->route = a->arg;
			break;
		case CC_RULE_SAY:
			if (a->arg && fx->nsay < CC__ARRAY_SIZE(fx->say))
				fx->say[fx->nsay++] = a->arg;
			break;
		case CC_RULE_SET_FLAG:
			if (a->arg && strcmp(a->arg, "offer_callback") == 0)
				fx->offer_callback = true;
			break;
		case CC_RULE_SKIP_FIELD:
		case CC_RULE_REQUIRE_FIELD:
			for (size_t f = 0; a->arg && f < s->nfields; f++)
				if (strcmp(field_at(s, f)->name, a->arg) == 0) {
					if (a->kind == CC_RULE_SKIP_FIELD)
						s->ask_mask &= ~(1u << f);
					else
						s->ask_mask |= 1u << f;
				}
			break;
		default:
			break;
		}
	}
	return 0;
}

static int say_rule_prompts(cc_session *s, const rule_effects *fx)
{
	int rc;
	for (size_t i = 0; i < fx->nsay; i++)
		if ((rc = say1(s, fx->say[i])) < 0)
			return rc;
	return 0;
}

static bool rules_said(const rule_effects *fx, const char *key)
{
	for (size_t i = 0; i < fx->nsay; i++)
		if (strcmp(fx->say[i], key) == 0)
			return true;
	return false;
}

static bool takes_tickets(const cc_session *s)
{
	const cc_department *d = dept_of(s);
	return d && d->creates_ticket;
}

static int complaint_ticket(cc_session *s, const char *details)
{
	const char *service = value_of_kind(s, CC_FIELD_SERVICE_TYPE);
	const cc_department *d = dept_of(s);
	char subject[160];
	cc_buf desc = CC_BUF_INIT;
	int rc;

	snprintf(subject, sizeof(subject), "%s: %s",
		 d ? cc_department_name(d, "en") : "Complaint",
		 cc_severity_name((cc_severity)s->severity));
	if (service && cc__buf_puts(&desc, service) < 0)
		return CC_ENOMEM;
	if (details && details[0]) {
		if ((desc.size && cc__buf_puts(&desc, "\n") < 0) ||
		    cc__buf_puts(&desc, details) < 0) {
			cc_buf_dispose(&desc);
			return CC_ENOMEM;
		}
	}
	rc = make_ticket(s, "complaint", subject, desc.ptr ? desc.ptr : "");
	cc_buf_dispose(&desc);
	return rc;
}

static int say_ticket_created(cc_session *s)
{
	cc_prompt_var var = { "ticket_id", s->ticket_id, CC_PROMPT_VAR_TEXT };
	return say_any(s, (const char *const[]){ "complaints.ticket_created" }, 1, &var, 1);
}

/* An urgent complaint: ticket now, straight to a person. */
static int urgent_complaint(cc_session *s, const char *details)
{
	int rc;

	s->priority = CC_PRIORITY_URGENT;
	if ((rc = complaint_ticket(s, details)) < 0)
		return rc;
	if ((rc = say1(s, "complaints.urgent_handling")) < 0)
		return rc;
	return hand_off(s, true, NULL, "urgent");
}

static int routing_prompt(cc_session *s)
{
	const cc_department *d = dept_of(s);
	cc_prompt_var var = { "department", d ? cc_department_name(d, lang_of(s)) : "",
			      CC_PROMPT_VAR_TEXT };
	return say_any(s, (const char *const[]){ d ? d->routing_prompt : NULL, "hold_message" },
		       2, &var, 1);
}

/* An FAQ answer when there is one; otherwise a person. */
static int answer_or_enqueue(cc_session *s, const char *question)
{
	cc_faq_match m;
	const char *str[CC_SESSION__AS_COUNT] = { 0 };
	int rc;

	if (question && question[0] &&
	    cc_engine_faq(&m, s->engine, question, strlen(question), lang_of(s)) == 0 &&
	    m.answer) {
		str[CC_SESSION__AS_TEXT] = m.answer;
		str[CC_SESSION__AS_LANG] = m.language ? m.language : lang_of(s);
		str[CC_SESSION__AS_KEY] = "faq";
		if ((rc = cc_session__push(s, CC_ACTION_SAY, str, 0, 1, 0, 0)) < 0 ||
		    (rc = cc_session__turn_add(s, CC_SPEAKER_BOT, m.answer,
					       strlen(m.answer), s->lang)) < 0)
			return rc;
		s->dstate = CC_SESSION__DS_FOLLOWUP;
		s->retries = 0;
		if ((rc = say1(s, "sales.help_further")) < 0)
			return rc;
		return expect(s, "followup", CC_INPUT_BOTH);
	}
	if (s->department) {
		/* "<department>.transfer_to_agent" when the configuration has
		 * one ("sales.transfer_to_agent"). */
		char key[96];
		snprintf(key, sizeof(key), "%s.transfer_to_agent", s->department);
		if ((rc = say_any(s, (const char *const[]){ key }, 1, NULL, 0)) < 0)
			return rc;
	}
	if ((rc = routing_prompt(s)) < 0)
		return rc;
	return hand_off(s, false, NULL, NULL);
}

static int handle_department(cc_session *s, const cc_route_result *r)
{
	const char *service = value_of_kind(s, CC_FIELD_SERVICE_TYPE);
	rule_effects fx;
	bool open;
	int rc;

	s->severity = (uint8_t)r->severity;
	s->priority = (uint8_t)r->priority;
	if ((rc = run_rules(s, r, service, &fx)) < 0)
		return rc;
	if (fx.route && strcmp(fx.route, s->department) != 0) {
		if ((rc = set_department(s, fx.route)) < 0)
			return rc;
		s->route_confidence = 1.0;
		if ((rc = emit_route(s, "rule")) < 0)
			return rc;
	}
	set_stage(s, CC_SESSION_STAGE_DEPARTMENT_HANDLING, NULL, 0);
	if ((rc = say_rule_prompts(s, &fx)) < 0)
		return rc;
	/* Closed, or a rule says so: a callback instead of a transfer. */
	open = is_open(s);
	if (!open || fx.offer_callback)
		return offer_callback(s, !open, rules_said(&fx, "after_hours"));
	if (takes_tickets(s) || fx.ticket) {
		if (r->urgent || r->severity == CC_SEVERITY_CRITICAL ||
		    s->priority == CC_PRIORITY_URGENT)
			return urgent_complaint(s, NULL);
		if (fx.transfer) {
			/* A serious complaint (a rule decides): the ticket
			 * now, and a person. */
			if ((rc = complaint_ticket(s, NULL)) < 0 ||
			    (rc = say_ticket_created(s)) < 0 ||
			    (rc = routing_prompt(s)) < 0)
				return rc;
			return hand_off(s, true, fx.transfer, "rule");
		}
		s->dstate = CC_SESSION__DS_DETAILS;
		s->retries = 0;
		return ask_current(s, false);
	}
	if (fx.transfer) {
		if ((rc = routing_prompt(s)) < 0)
			return rc;
		return hand_off(s, true, fx.transfer, "rule");
	}
	return answer_or_enqueue(s, service);
}

static int on_details(cc_session *s, const char *disp)
{
	cc_route_result r;
	rule_effects fx;
	const char *transfer = NULL;
	int rc;

	cc__free(s->complaint);
	if ((s->complaint = cc__strdup(disp)) == NULL)
		return cc__error_nomem();
	if (cc_engine_route(&r, s->engine, disp, strlen(disp)) == 0) {
		if (r.severity > s->severity)
			s->severity = (uint8_t)r.severity;
		if (r.priority > s->priority)
			s->priority = (uint8_t)r.priority;
		if ((rc = run_rules(s, &r, disp, &fx)) < 0)
			return rc;
		if (r.urgent || r.severity == CC_SEVERITY_CRITICAL ||
		    s->priority == CC_PRIORITY_URGENT)
			return urgent_complaint(s, disp);
		if ((rc = say_rule_prompts(s, &fx)) < 0)
			return rc;
		transfer = fx.transfer;
	}
	if ((rc = complaint_ticket(s, disp)) < 0)
		return rc;
	if ((rc = say_ticket_created(s)) < 0)
		return rc;
	if ((rc = routing_prompt(s)) < 0)
		return rc;
	return hand_off(s, transfer != NULL, transfer, transfer ? "rule" : NULL);
}

static int confirmed(cc_session *s)
{
	const char *service = value_of_kind(s, CC_FIELD_SERVICE_TYPE);
	cc_session_customer_record rec;
	cc_session_field fields[CC_SESSION__MAX_FIELDS];
	char key[CC_SESSION__MAX_CALL_ID + 16];
	cc_route_result r;
	char reason[200];
	int rc;

	if (s->has_rec && s->rec.customer_confirmed) {
		size_t n = 0;
		memset(&rec, 0, sizeof(rec));
		cc_session__rec_head(s, &rec.head, key);
		rec.name = value_of_kind(s, CC_FIELD_NAME);
		rec.phone = value_of_kind(s, CC_FIELD_PHONE);
		rec.email = value_of_kind(s, CC_FIELD_EMAIL);
		rec.service_type = service;
		rec.language = lang_of(s);
		for (size_t i = 0; i < s->nfields; i++)
			if (s->values[i]) {
				fields[n].name = field_at(s, i)->name;
				fields[n].value = s->values[i];
				n++;
			}
		rec.fields = fields;
		rec.field_count = n;
		if ((rc = s->rec.customer_confirmed(&rec, s->rec.userdata)) < 0)
			cc_session__rec_failed(s, "customer_confirmed", rc);
	}
	if ((rc = say1(s, "confirmed")) < 0)
		return rc;
	set_stage(s, CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT, NULL, 0);
	s->retries = 0;
	s->deadline_ms = 0;
	rc = cc_engine_route(&r, s->engine, service ? service : "",
			     service ? strlen(service) : 0);
	if (rc < 0) {
		/* A router that cannot decide must not drop the caller: the
		 * default department takes the call. */
		CC__LOG_WARN("session %s: routing failed (%s); default department",
			     s->call_id, cc_error_name(rc));
		memset(&r, 0, sizeof(r));
		r.department = s->ivr->default_department;
		r.reason = CC_ROUTE_DEFAULT;
		r.priority = CC_PRIORITY_MEDIUM;
	}
	if ((rc = set_department(s, r.department)) < 0)
		return rc;
	s->route_confidence = r.confidence;
	{
		size_t off = (size_t)snprintf(reason, sizeof(reason), "%s",
					      cc_route_reason_name(r.reason));
		for (size_t i = 0; i < r.matched_count && off < sizeof(reason); i++)
			off += (size_t)snprintf(reason + off, sizeof(reason) - off,
						"%s%s", i ? ", " : ": ", r.matched[i].term);
	}
	if ((rc = emit_route(s, reason)) < 0)
		return rc;
	cc_session__rec_stage(s, CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT,
			      CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT, reason, r.confidence);
	return handle_department(s, &r);
}

/* After a field: the next one to ask, confirmation, or routing. */
static int next_step(cc_session *s)
{
	s->retries = 0;
	if (!s->editing) {
		for (size_t i = (size_t)s->field + 1; i < s->nfields; i++)
			if (asked(s, i) && s->values[i] == NULL)
				return ask_field(s, i, false);
	}
	s->editing = 0;
	if (s->ivr->require_confirmation) {
		set_stage(s, CC_SESSION_STAGE_CONFIRM_DATA, NULL, 0);
		return ask_current(s, false);
	}
	return confirmed(s);
}

/* ---- events -------------------------------------------------------------------------- */

int cc_session__start(cc_session *s)
{
	cc_session_call_record rec;
	char key[CC_SESSION__MAX_CALL_ID + 16];
	rule_effects fx;
	int rc;

	s->started = 1;
	for (size_t i = 0; i < s->nfields; i++)
		if (field_at(s, i)->required)
			s->ask_mask |= 1u << i;
	if (s->has_rec && s->rec.call_started) {
		memset(&rec, 0, sizeof(rec));
		cc_session__rec_head(s, &rec.head, key);
		rec.language = lang_of(s);
		rec.caller_number = s->caller_number;
		if ((rc = s->rec.call_started(&rec, s->rec.userdata)) < 0)
			cc_session__rec_failed(s, "call_started", rc);
	}
	/* Rules may require or skip fields from the start. */
	if ((rc = run_rules(s, NULL, NULL, &fx)) < 0)
		return rc;
	if ((rc = say_any(s, (const char *const[]){ "greeting" }, 1, NULL, 0)) < 0)
		return rc;
	for (size_t i = 0; i < s->nfields; i++)
		if (asked(s, i))
			return ask_field(s, i, false);
	s->field = (uint8_t)s->nfields;
	return next_step(s);
}

/* A key said for something else: the answer to a field. */
static int on_field_answer(cc_session *s, const char *text, size_t len, bool dtmf)
{
	const cc_field *f = field_at(s, s->field);
	cc_session__verdict v;
	char key[96], min[16], max[16], digits[16];
	cc_prompt_var vars[3] = { { "digits", digits, CC_PROMPT_VAR_TEXT },
				  { "min", min, CC_PROMPT_VAR_TEXT },
				  { "max", max, CC_PROMPT_VAR_TEXT } };
	int rc;

	rc = cc_session__validate(&v, s, f, text, len, dtmf);
	if (rc < 0)
		return rc;
	if (v.ok) {
		cc__free(s->values[s->field]);
		s->values[s->field] = v.value;
		return next_step(s);
	}
	snprintf(key, sizeof(key), "%s.%s",
		 f->invalid_prompt_key ? f->invalid_prompt_key : "invalid_input",
		 v.reason ? v.reason : "invalid");
	snprintf(digits, sizeof(digits), "%u", v.digits);
	snprintf(min, sizeof(min), "%u", f->min_length);
	snprintf(max, sizeof(max), "%u", f->max_length);
	return fail(s,
		    (const char *const[]){ key, f->invalid_prompt_key, "invalid_input" },
		    3, vars, 3);
}

static int start_edit(cc_session *s, int idx)
{
	s->editing = 1;
	s->retries = 0;
	return ask_field(s, (size_t)idx, false);
}

static int ask_edit(cc_session *s)
{
	s->retries = 0;
	set_stage(s, CC_SESSION_STAGE_EDIT_FIELD, NULL, 0);
	return ask_current(s, false);
}

static int take_callback(cc_session *s)
{
	cc_prompt_var var = { "ticket_id", NULL, CC_PROMPT_VAR_TEXT };
	int rc;

	if ((rc = make_ticket(s, "callback", "Callback request",
			      value_of_kind(s, CC_FIELD_SERVICE_TYPE)
				      ? value_of_kind(s, CC_FIELD_SERVICE_TYPE)
				      : "")) < 0)
		return rc;
	var.value = s->ticket_id;
	if ((rc = say_any(s, (const char *const[]){ "callback_confirmed", "callback_booked" },
			  2, &var, 1)) < 0)
		return rc;
	return goodbye(s, "goodbye", "callback", "completed");
}

static int on_answer(cc_session *s, const char *disp, const char *key, size_t klen)
{
	int yn, idx;

	switch (s->stage) {
	case CC_SESSION_STAGE_COLLECT_NAME:
	case CC_SESSION_STAGE_COLLECT_PHONE:
	case CC_SESSION_STAGE_COLLECT_EMAIL:
	case CC_SESSION_STAGE_COLLECT_SERVICE_TYPE:
	case CC_SESSION_STAGE_COLLECT_FIELD:
		return on_field_answer(s, disp, strlen(disp), false);
	case CC_SESSION_STAGE_CONFIRM_DATA:
		yn = cc_session__yes_no(key, klen);
		if (yn == CC_SESSION__YES)
			return confirmed(s);
		idx = cc_session__field_named(s, key, klen, false);
		if (idx >= 0)
			return start_edit(s, idx);
		if (yn == CC_SESSION__NO)
			return ask_edit(s);
		return fail_simple(s, "invalid_input");
	case CC_SESSION_STAGE_EDIT_FIELD:
		idx = cc_session__field_named(s, key, klen, true);
		if (idx >= 0)
			return start_edit(s, idx);
		return fail_simple(s, "invalid_input");
	case CC_SESSION_STAGE_DEPARTMENT_HANDLING:
		switch (s->dstate) {
		case CC_SESSION__DS_DETAILS:
			return on_details(s, disp);
		case CC_SESSION__DS_CALLBACK:
			yn = cc_session__yes_no(key, klen);
			if (yn == CC_SESSION__YES)
				return take_callback(s);
			if (yn == CC_SESSION__NO)
				return goodbye(s, "goodbye",
					       s->outcome ? s->outcome : "completed",
					       "completed");
			return fail_simple(s, NULL);
		case CC_SESSION__DS_FOLLOWUP:
			if (cc_session__wants_agent(key, klen)) {
				int rc = routing_prompt(s);
				return rc < 0 ? rc : hand_off(s, false, NULL, NULL);
			}
			yn = cc_session__yes_no(key, klen);
			if (yn == CC_SESSION__NO)
				return goodbye(s, "goodbye", "completed", "completed");
			if (yn == CC_SESSION__YES) {
				/* "yes" and nothing more: they want more help
				 * than the FAQ gives. */
				int rc = routing_prompt(s);
				return rc < 0 ? rc : hand_off(s, false, NULL, NULL);
			}
			return answer_or_enqueue(s, disp);
		}
		return 0;
	default:
		return 0;
	}
}

/* "ar", "ar-SA", "EN_us" -> the session's language; others -> -1. */
static int hint_language(const char *tag)
{
	if (tag == NULL || !tag[0] || !tag[1] || (tag[2] && tag[2] != '-' && tag[2] != '_'))
		return -1;
	if ((tag[0] | 0x20) == 'a' && (tag[1] | 0x20) == 'r')
		return CC_SESSION__AR;
	if ((tag[0] | 0x20) == 'e' && (tag[1] | 0x20) == 'n')
		return CC_SESSION__EN;
	return -1;
}

/* While the IVR asks its questions, a short request for a person ends
 * them.  (Department handling has its own answers to it.) */
static bool asks_for_person(const cc_session *s, const char *key, size_t klen)
{
	if (s->stage == CC_SESSION_STAGE_DEPARTMENT_HANDLING ||
	    s->stage == CC_SESSION_STAGE_CALL_ENDED)
		return false;
	return cc_session__asks_for_person(key, klen);
}

static bool switch_allowed(const cc_session *s)
{
	const cc_field *f;
	switch (s->stage) {
	case CC_SESSION_STAGE_COLLECT_PHONE:
	case CC_SESSION_STAGE_COLLECT_EMAIL:
		return false; /* digits and addresses say nothing of language */
	case CC_SESSION_STAGE_COLLECT_FIELD:
		f = field_at(s, s->field);
		return f && (f->kind == CC_FIELD_TEXT || f->kind == CC_FIELD_NAME ||
			     f->kind == CC_FIELD_SERVICE_TYPE);
	default:
		return true;
	}
}

int cc_session__on_text(cc_session *s, const char *text, size_t len,
			const cc_session_text_info *info)
{
	cc_buf disp = CC_BUF_INIT;
	char key[CC_SESSION__MAX_TEXT + 1];
	size_t klen;
	double min_conf = MIN_CONFIDENCE_DEFAULT;
	int rc, want, det, hint;
	bool strong = false;

	if ((rc = cc_session__display(&disp, text, len)) < 0)
		return rc;
	if (disp.size == 0) {
		cc_buf_dispose(&disp);
		return cc_session__on_silence(s);
	}
	klen = cc_session__key(key, sizeof(key), disp.ptr, disp.size);
	det = cc_session__detect_language(disp.ptr, disp.size,
					  s->ivr->auto_detect_language && !s->lang_locked &&
						  switch_allowed(s),
					  &strong);
	/* The STT's language, when it gives one, settles an utterance the
	 * letters leave unsure (a mixed sentence) and confirms a short one:
	 * two words of the other language are then enough to switch. */
	hint = info ? hint_language(info->language) : -1;
	if (hint >= 0 && det < 0)
		det = hint;
	if (hint >= 0 && hint == det && !strong)
		strong = cc_session__words_in(disp.ptr, disp.size, det) >= 2;
	rc = cc_session__turn_add(s, CC_SPEAKER_CALLER, disp.ptr, disp.size,
				  det >= 0 ? det : s->lang);
	if (rc < 0)
		goto out;
	s->last_input_ms = s->now_ms;
	s->no_inputs = 0;
	s->deadline_ms = 0;
	if (s->dstate == CC_SESSION__DS_WAITING)
		goto out; /* the caller talks while on hold: transcript only */

	want = cc_session__language_request(key, klen);
	if (want >= 0) {
		s->lang = (uint8_t)want;
		s->lang_locked = 1;
		if ((rc = say1(s, "language_switched")) < 0)
			goto out;
		rc = ask_current(s, false);
		goto out;
	}
	if (info && info->confidence >= 0 && info->confidence < min_conf) {
		rc = fail(s, (const char *const[]){ "not_understood", "invalid_input" }, 2,
			  NULL, 0);
		goto out;
	}
	if (asks_for_person(s, key, klen)) {
		rc = to_person(s);
		goto out;
	}
	if (s->ivr->auto_detect_language && !s->lang_locked && det >= 0 &&
	    det != s->lang && strong && switch_allowed(s)) {
		s->lang = (uint8_t)det;
		s->lang_locked = 1;
	}
	rc = on_answer(s, disp.ptr, key, klen);
out:
	cc_buf_dispose(&disp);
	return rc;
}

int cc_session__on_entry(cc_session *s, const char *digits, size_t len)
{
	char shown[CC_SESSION__MAX_DTMF + 8];
	int idx, rc;

	snprintf(shown, sizeof(shown), "dtmf:%.*s", (int)len, digits);
	if ((rc = cc_session__turn_add(s, CC_SPEAKER_CALLER, shown, strlen(shown),
				       s->lang)) < 0)
		return rc;
	s->no_inputs = 0;
	s->deadline_ms = 0;
	switch (s->stage) {
	case CC_SESSION_STAGE_COLLECT_NAME:
	case CC_SESSION_STAGE_COLLECT_PHONE:
	case CC_SESSION_STAGE_COLLECT_EMAIL:
	case CC_SESSION_STAGE_COLLECT_SERVICE_TYPE:
	case CC_SESSION_STAGE_COLLECT_FIELD:
		return on_field_answer(s, digits, len, true);
	case CC_SESSION_STAGE_CONFIRM_DATA:
		if (len == 1 && digits[0] == '1')
			return confirmed(s);
		if (len == 1 && digits[0] == '2')
			return ask_edit(s);
		return fail_simple(s, NULL);
	case CC_SESSION_STAGE_EDIT_FIELD:
		idx = cc_session__field_named(s, digits, len, true);
		if (idx >= 0)
			return start_edit(s, idx);
		return fail_simple(s, NULL);
	case CC_SESSION_STAGE_DEPARTMENT_HANDLING:
		if (s->dstate == CC_SESSION__DS_CALLBACK ||
		    s->dstate == CC_SESSION__DS_FOLLOWUP) {
			bool callback = s->dstate == CC_SESSION__DS_CALLBACK;
			if (len == 1 && digits[0] == '1') {
				if (callback)
					return take_callback(s);
				rc = routing_prompt(s);
				return rc < 0 ? rc : hand_off(s, false, NULL, NULL);
			}
			if (len == 1 && digits[0] == '2')
				return goodbye(s, "goodbye",
					       callback && s->outcome ? s->outcome
								      : "completed",
					       "completed");
			return fail_simple(s, NULL);
		}
		if (s->dstate == CC_SESSION__DS_DETAILS)
			return fail_simple(s, NULL);
		return 0;
	default:
		return 0;
	}
}

int cc_session__on_silence(cc_session *s)
{
	unsigned limit = s->ivr->max_retries;
	int rc;

	if (s->dstate == CC_SESSION__DS_WAITING)
		return 0;
	if (s->dtmf_len > 0) {
		/* Keys pressed and then nothing: the entry is complete. */
		char entry[CC_SESSION__MAX_DTMF + 1];
		size_t n = s->dtmf_len;
		memcpy(entry, s->dtmf, n + 1);
		s->dtmf_len = 0;
		return cc_session__on_entry(s, entry, n);
	}
	s->deadline_ms = 0;
	if (++s->no_inputs > limit)
		return goodbye(s, "no_input_goodbye", "no_input", "no_input");
	if ((rc = say1(s, "no_input")) < 0)
		return rc;
	return ask_current(s, true);
}

int cc_session__on_tick(cc_session *s)
{
	const cc_ivr_settings *ivr = s->ivr;

	if (ivr->call_limit_ms && s->now_ms - s->start_ms >= ivr->call_limit_ms)
		return goodbye(s, "call_limit_reached", "call_limit", "call_limit");
	if (s->dstate == CC_SESSION__DS_WAITING) {
		if (ivr->max_wait_ms && s->now_ms - s->wait_start_ms >= ivr->max_wait_ms)
			return offer_callback(s, false, false);
		return 0;
	}
	if (ivr->inactivity_limit_ms &&
	    s->now_ms - s->last_input_ms >= ivr->inactivity_limit_ms)
		return goodbye(s, "inactivity_goodbye", "inactivity", "inactivity");
	if (s->deadline_ms && s->now_ms >= s->deadline_ms) {
		s->deadline_ms = 0;
		return cc_session__on_silence(s);
	}
	return 0;
}

int cc_session__on_notice(cc_session *s, cc_session_notice n, const char *detail)
{
	static const char *const names[] = { "", "agent answered", "transfer failed",
					     "caller hung up", "prompt finished" };
	char line[CC_SESSION__MAX_DETAIL + 32];
	int rc;

	if (n != CC_SESSION_NOTICE_PROMPT_FINISHED) {
		snprintf(line, sizeof(line), "%s%s%s", names[n], detail ? ": " : "",
			 detail ? detail : "");
		if ((rc = cc_session__turn_add(s, CC_SPEAKER_SYSTEM, line,
					       strlen(line), s->lang)) < 0)
			return rc;
	}
	switch (n) {
	case CC_SESSION_NOTICE_AGENT_ANSWERED:
		return end_call(s, "agent_answered", NULL);
	case CC_SESSION_NOTICE_TRANSFER_FAILED:
		return offer_callback(s, false, false);
	case CC_SESSION_NOTICE_CALLER_HUNG_UP:
		/* Nobody is left to hear what was queued. */
		cc_session__queue_clear(s);
		if (s->outcome == NULL || s->dstate == CC_SESSION__DS_WAITING)
			return end_call(s, "abandoned", NULL);
		return end_call(s, s->outcome, NULL);
	case CC_SESSION_NOTICE_PROMPT_FINISHED:
		if (s->deadline_ms && s->expect_timeout_ms)
			s->deadline_ms = s->now_ms + s->expect_timeout_ms;
		return 0;
	}
	return 0;
}
