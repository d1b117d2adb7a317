/* Records for an attached recorder (a CRM): heads, keys, failures. */
#include <stdio.h>
#include <string.h>

#include "session/session_int.h"

int64_t cc_session__wall_ms(const cc_session *s)
{
	return s->wall_start_ms + (int64_t)(s->now_ms - s->start_ms);
}

/* Numbers the record and makes its idempotency key: the same call and the
 * same sequence number always give the same key, also after a restore. */
void cc_session__rec_head(cc_session *s, cc_session_record_head *h,
			  char key[CC_SESSION__MAX_CALL_ID + 16])
{
	h->call_id = s->call_id;
	h->seq = ++s->rec_seq;
	snprintf(key, CC_SESSION__MAX_CALL_ID + 16, "%s:%u", s->call_id, h->seq);
	h->idempotency_key = key;
	h->at_ms = cc_session__wall_ms(s);
}

void cc_session__rec_failed(cc_session *s, const char *what, int rc)
{
	s->recorder_failures++;
	CC__LOG_WARN("session %s: recorder %s failed: %s", s->call_id, what,
		     cc_error_name(rc));
}

void cc_session__rec_stage(cc_session *s, int from, int to, const char *reason,
			   double confidence)
{
	cc_session_stage_record rec;
	char key[CC_SESSION__MAX_CALL_ID + 16];
	int rc;

	if (!s->has_rec || s->rec.stage_changed == NULL)
		return;
	memset(&rec, 0, sizeof(rec));
	cc_session__rec_head(s, &rec.head, key);
	rec.stage = cc_session_stage_name((cc_session_stage)to);
	rec.previous_stage = cc_session_stage_name((cc_session_stage)from);
	rec.department = s->department;
	rec.reason = reason;
	rec.confidence = confidence;
	if ((rc = s->rec.stage_changed(&rec, s->rec.userdata)) < 0)
		cc_session__rec_failed(s, "stage_changed", rc);
}
