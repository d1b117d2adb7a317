/* The CRM as a session recorder: a call's events become customer, call,
 * transcript and ticket records.  Every write is idempotent (the call ID,
 * the turn number, the session's idempotency key), so one that waits in the
 * store's pending queue and is replayed never duplicates anything. */
#include "callcenter/session.h"
#include "crm_int.h"

/* The recorder must never fail a live call: a write kept for retry (1)
 * counts as done. */
static int done(int rc)
{
	return rc > 0 ? 0 : rc;
}

static int on_call_started(const cc_session_call_record *rec, void *ud)
{
	cc_crm *crm = ud;
	cc_crm_call_input in = CC_CRM_CALL_INPUT_INIT;
	char id[CC_CRM_ID_MAX], phone[20];
	int rc;

	if (!rec->head.call_id || strlen(rec->head.call_id) >= CC_CRM_ID_MAX)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM, "bad call ID");
	memcpy(id, rec->head.call_id, strlen(rec->head.call_id) + 1);
	/* The number the host saw may be anything (withheld, SIP URI...):
	 * link the customer only when it is a phone number. */
	if (rec->caller_number && cc_crm__phone(phone, crm,
						rec->caller_number) == 0)
		in.customer_phone = phone;
	in.language = rec->language;
	in.status = "ivr_processing";
	in.at = rec->head.at_ms;
	rc = cc_crm_call_start(id, crm, &in);
	return done(rc);
}

static int on_stage_changed(const cc_session_stage_record *rec, void *ud)
{
	cc_crm_call_input in = CC_CRM_CALL_INPUT_INIT;
	in.stage = rec->stage;
	in.department = rec->department;
	in.routing_reason = rec->reason;
	in.at = rec->head.at_ms;
	return done(cc_crm_call_update(ud, rec->head.call_id, &in));
}

static int on_turn_added(const cc_session_turn_record *rec, void *ud)
{
	const char *speaker = rec->speaker == CC_SPEAKER_CALLER ? "customer"
			      : rec->speaker == CC_SPEAKER_BOT  ? "bot"
								: "system";
	return done(cc_crm_transcript_append(ud, rec->head.call_id,
					     (int64_t)rec->turn + 1, speaker,
					     rec->text ? rec->text : "",
					     rec->language, rec->head.at_ms));
}

static int on_customer_confirmed(const cc_session_customer_record *rec,
				 void *ud)
{
	cc_crm_customer_input ci = CC_CRM_CUSTOMER_INPUT_INIT;
	cc_crm_call_input up = CC_CRM_CALL_INPUT_INIT;
	int rc;

	if (!rec->phone)
		return 0; /* nothing to key a customer on */
	ci.phone = rec->phone;
	ci.name = rec->name;
	ci.email = rec->email;
	ci.language = rec->language;
	rc = cc_crm_customer_upsert(NULL, ud, &ci);
	if (rc < 0)
		return rc;
	/* Link the call to the confirmed customer. */
	up.customer_phone = rec->phone;
	up.at = rec->head.at_ms;
	return done(cc_crm_call_update(ud, rec->head.call_id, &up));
}

static int on_ticket_create(const cc_session_ticket_record *rec,
			    char *ticket_id, size_t cap, void *ud)
{
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	char id[CC_CRM_ID_MAX];
	size_t len;
	int rc;

	ti.subject = rec->subject && *rec->subject ? rec->subject
						   : rec->kind;
	ti.description = rec->description;
	ti.department = rec->department;
	ti.priority = rec->priority;
	ti.customer_phone = rec->customer_phone;
	ti.customer_name = rec->customer_name;
	ti.customer_email = rec->customer_email;
	ti.call_id = rec->head.call_id;
	ti.idempotency_key = rec->head.idempotency_key;
	ti.created_by = "ivr";
	rc = cc_crm_ticket_create(id, ud, &ti);
	if (rc < 0)
		return rc;
	/* The ID is made before the write, so it is real even when the
	 * write waits in the queue. */
	len = strlen(id);
	if (len + 1 > cap)
		return cc__error(CC_EBUFS, CC_ERRCLASS_CRM,
				 "ticket ID does not fit");
	memcpy(ticket_id, id, len + 1);
	return 0;
}

static const char *end_status(const char *outcome)
{
	static const char *const abandoned[] = { "abandoned", "no_input",
						 "inactivity", NULL };
	static const char *const handed_over[] = { "transferred", "queued",
						   "agent_answered",
						   "escalated", NULL };
	if (cc_crm__one_of(outcome, abandoned))
		return "abandoned";
	if (cc_crm__one_of(outcome, handed_over))
		return "transferred";
	return "completed";
}

static int on_call_ended(const cc_session_end_record *rec, void *ud)
{
	int rc;
	if (rec->department) {
		cc_crm_call_input in = CC_CRM_CALL_INPUT_INIT;
		in.department = rec->department;
		in.at = rec->head.at_ms;
		rc = cc_crm_call_update(ud, rec->head.call_id, &in);
		if (rc < 0)
			return rc;
	}
	return done(cc_crm_call_end(ud, rec->head.call_id,
				    end_status(rec->outcome), rec->outcome,
				    rec->head.at_ms));
}

CC_EXTERN(int) cc_crm_session_recorder(cc_session_recorder *out, cc_crm *crm)
{
	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(crm);
	memset(out, 0, sizeof(*out));
	out->version = CC_SESSION_RECORDER_VERSION;
	out->call_started = on_call_started;
	out->stage_changed = on_stage_changed;
	out->turn_added = on_turn_added;
	out->customer_confirmed = on_customer_confirmed;
	out->ticket_create = on_ticket_create;
	out->call_ended = on_call_ended;
	out->userdata = crm;
	return 0;
}
