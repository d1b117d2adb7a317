/* Calls and their transcripts. */
#include <stdio.h>

#include "crm_int.h"

int cc_crm__customer_upsert_batch(cc_store__batch *b, cc_crm *crm,
				  const cc_crm_customer_input *in,
				  char phone_out[20]);

static const char *const call_statuses[] = {
	"initiated", "ivr_processing", "in_queue", "in_progress",
	"transferred", "completed", "abandoned", "failed", NULL
};
static const char *const end_statuses[] = { "completed", "abandoned",
					    "failed", "transferred", NULL };
static const char *const speakers[] = { "customer", "agent", "bot", "system",
					NULL };

static const char recount_calls_sql[] =
	"UPDATE customers SET total_calls = (SELECT COUNT(*) FROM calls "
	"WHERE calls.customer_id = customers.customer_id), "
	"last_interaction = $2 WHERE phone = $1";

static int check_call_id(const char *id)
{
	size_t i;
	if (!id || !*id)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a call ID is required");
	for (i = 0; id[i]; i++) {
		char ch = id[i];
		if (i >= CC_CRM_ID_MAX - 1 ||
		    !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
		      ch == '.' || ch == ':'))
			return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
					 "call IDs are at most %d characters "
					 "of A-Z a-z 0-9 _ - . :",
					 CC_CRM_ID_MAX - 1);
	}
	return 0;
}

static int check_input(const cc_crm_call_input *in)
{
	int rc = cc__check_options_version("cc_crm_call", "cc_crm_call_input",
					   in->version,
					   CC_CRM_CALL_INPUT_VERSION);
	if (rc < 0)
		return rc;
	if (in->direction && strcmp(in->direction, "inbound") != 0 &&
	    strcmp(in->direction, "outbound") != 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "direction must be inbound or outbound");
	if (in->status && !cc_crm__one_of(in->status, call_statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "unknown call status");
	if ((rc = cc_crm__text(in->stage, 64, "stage")) < 0 ||
	    (rc = cc_crm__text(in->department, 64, "department")) < 0 ||
	    (rc = cc_crm__text(in->routing_reason, 1000, "routing_reason")) <
		    0 ||
	    (rc = cc_crm__text(in->language, 16, "language")) < 0 ||
	    (rc = cc_crm__text(in->agent_id, 64, "agent_id")) < 0)
		return rc;
	if (in->at < 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a time before 1970");
	return 0;
}

/* Adds "upsert this phone's customer" to @b; @phone gets E.164. */
static int add_customer(cc_store__batch *b, cc_crm *crm, const char *raw,
			char phone[20])
{
	cc_crm_customer_input ci = CC_CRM_CUSTOMER_INPUT_INIT;
	ci.phone = raw;
	return cc_crm__customer_upsert_batch(b, crm, &ci, phone);
}

static int add_recount(cc_store__batch *b, const char *phone, const char *now)
{
	cc_store_value p[2];
	p[0] = cc_store__text(phone);
	p[1] = cc_store__text(now);
	return cc_store__batch_add(b, recount_calls_sql, p, 2);
}

CC_EXTERN(int) cc_crm_call_start(char call_id[CC_CRM_ID_MAX], cc_crm *crm,
				 const cc_crm_call_input *in)
{
	static const cc_crm_call_input none = CC_CRM_CALL_INPUT_INIT;
	cc_store__batch *b = NULL;
	char phone[20] = "", now[CC_STORE__TIME_MAX];
	cc_store_value p[8];
	int64_t at;
	int rc;

	CC__CHECK_NOTNULL(call_id);
	CC__CHECK_NOTNULL(crm);
	if (!in)
		in = &none;
	rc = check_input(in);
	if (rc < 0)
		return rc;
	at = in->at ? in->at : cc_crm__now(crm);
	if (!call_id[0]) {
		rc = cc_crm__new_id(call_id, "CALL_", true, at);
		if (rc < 0)
			return rc;
	} else if ((rc = check_call_id(call_id)) < 0) {
		return rc;
	}
	cc_store__format_time(now, at);
	rc = cc_store__batch_new(&b);
	if (rc == 0 && in->customer_phone)
		rc = add_customer(b, crm, in->customer_phone, phone);
	if (rc == 0) {
		p[0] = cc_store__text(call_id);
		p[1] = phone[0] ? cc_store__text(phone) : cc_store__null();
		p[2] = cc_store__text(in->direction ? in->direction
						    : "inbound");
		p[3] = cc_store__text(in->status ? in->status : "initiated");
		p[4] = cc_store__text(in->stage ? in->stage : "welcome");
		p[5] = cc_store__text(in->department);
		p[6] = cc_store__text(in->language);
		p[7] = cc_store__text(now);
		rc = cc_store__batch_add(
			b,
			"INSERT INTO calls (call_id, customer_id, "
			"customer_phone, direction, status, ivr_stage, "
			"department, language, started_at, created_at, "
			"updated_at) VALUES ($1, (SELECT customer_id FROM "
			"customers WHERE phone = $2), $2, $3, $4, $5, $6, $7, "
			"$8, $8, $8) ON CONFLICT (call_id) DO NOTHING",
			p, 8);
	}
	if (rc == 0 && phone[0])
		rc = add_recount(b, phone, now);
	if (rc < 0) {
		cc_store__batch_free(b);
		return rc;
	}
	return cc_store__batch_submit(crm->store, b);
}

/* With nothing pending, an unknown call is reported rather than ignored;
 * while writes wait for the database the check is left to them. */
static int call_must_exist(cc_crm *crm, const char *call_id)
{
	cc_store_value p = cc_store__text(call_id);
	int64_t n = 0;
	int rc;
	if (cc_store_pending(crm->store) > 0)
		return 0;
	rc = cc_crm__query(crm, "SELECT COUNT(*) FROM calls WHERE call_id = $1",
			   &p, 1, cc_crm__int_row, &n);
	if (rc < 0)
		return cc_store__retryable(rc) ? 0 : rc;
	return n ? 0 : cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM, "no such call");
}

#define UPDATE_SQL                                                           \
	"UPDATE calls SET status = COALESCE($2, status), "                   \
	"ivr_stage = COALESCE($3, ivr_stage), "                              \
	"department = COALESCE($4, department), "                            \
	"routing_reason = COALESCE($5, routing_reason), "                    \
	"language = COALESCE($6, language), "                                \
	"assigned_agent_id = COALESCE($7, assigned_agent_id), "              \
	"customer_phone = COALESCE($8, customer_phone), "                    \
	"customer_id = COALESCE((SELECT customer_id FROM "                   \
	"customers WHERE phone = $8), customer_id), "                        \
	"transferred_to_agent = (transferred_to_agent OR "                   \
	"COALESCE($2 = 'transferred', FALSE)), "                             \
	"updated_at = $9 WHERE call_id = $1"

/* Sends one UPDATE of a call; an unknown call is CC_ENOTFOUND unless the
 * write had to wait in the queue. */
static int single_update(cc_crm *crm, const char *sql,
			 const cc_store_value *p, size_t n)
{
	int64_t changed = 0;
	int rc = cc_store__submit_one(crm->store, sql, p, n, &changed);
	if (rc == 0 && changed == 0)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM, "no such call");
	return rc;
}

CC_EXTERN(int) cc_crm_call_update(cc_crm *crm, const char *call_id,
				  const cc_crm_call_input *in)
{
	cc_store__batch *b = NULL;
	char phone[20] = "", now[CC_STORE__TIME_MAX];
	cc_store_value p[9];
	int rc;

	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(in);
	if ((rc = check_call_id(call_id)) < 0 || (rc = check_input(in)) < 0)
		return rc;
	cc_store__format_time(now, in->at ? in->at : cc_crm__now(crm));
	rc = cc_store__batch_new(&b);
	if (rc == 0 && in->customer_phone)
		rc = add_customer(b, crm, in->customer_phone, phone);
	if (rc == 0) {
		p[0] = cc_store__text(call_id);
		p[1] = cc_store__text(in->status);
		p[2] = cc_store__text(in->stage);
		p[3] = cc_store__text(in->department);
		p[4] = cc_store__text(in->routing_reason);
		p[5] = cc_store__text(in->language);
		p[6] = cc_store__text(in->agent_id);
		p[7] = phone[0] ? cc_store__text(phone) : cc_store__null();
		p[8] = cc_store__text(now);
		rc = cc_store__batch_add(b, UPDATE_SQL, p, 9);
	}
	if (rc == 0 && phone[0])
		rc = add_recount(b, phone, now);
	if (rc < 0) {
		cc_store__batch_free(b);
		return rc;
	}
	if (!phone[0]) {
		/* One statement: sent on its own, and an unknown call is
		 * reported rather than ignored. */
		cc_store__batch_free(b);
		return single_update(crm, UPDATE_SQL, p, 9);
	}
	rc = call_must_exist(crm, call_id);
	if (rc < 0) {
		cc_store__batch_free(b);
		return rc;
	}
	return cc_store__batch_submit(crm->store, b);
}

CC_EXTERN(int) cc_crm_call_end(cc_crm *crm, const char *call_id,
			       const char *status, const char *outcome,
			       int64_t at)
{
	char now[CC_STORE__TIME_MAX];
	cc_store_value p[4];
	int rc;

	CC__CHECK_NOTNULL(crm);
	if ((rc = check_call_id(call_id)) < 0 ||
	    (rc = cc_crm__text(outcome, 200, "outcome")) < 0)
		return rc;
	if (!status)
		status = "completed";
	if (!cc_crm__one_of(status, end_statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a call ends completed, abandoned, failed "
				 "or transferred");
	if (at < 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a time before 1970");
	cc_store__format_time(now, at ? at : cc_crm__now(crm));
	p[0] = cc_store__text(call_id);
	p[1] = cc_store__text(status);
	p[2] = cc_store__text(outcome);
	p[3] = cc_store__text(now);
	/* The duration is the database's own arithmetic on the stored start,
	 * and ended_at is set once: a retried end changes nothing. */
	return single_update(crm,
			crm->store->pg
				? "UPDATE calls SET status = $2, "
				  "outcome = COALESCE($3, outcome), "
				  "ended_at = COALESCE(ended_at, $4), "
				  "total_duration_seconds = GREATEST(0, CAST("
				  "EXTRACT(EPOCH FROM (COALESCE(ended_at, $4) "
				  "- started_at)) AS integer)), "
				  "updated_at = $4 WHERE call_id = $1"
				: "UPDATE calls SET status = $2, "
				  "outcome = COALESCE($3, outcome), "
				  "ended_at = COALESCE(ended_at, $4), "
				  "total_duration_seconds = MAX(0, CAST(ROUND("
				  "(julianday(COALESCE(ended_at, $4)) - "
				  "julianday(started_at)) * 86400) AS INTEGER)), "
				  "updated_at = $4 WHERE call_id = $1",
			p, 4);
}

/* ---- reading calls ---------------------------------------------------- */

#define CALL_COLS                                                            \
	"call_id, customer_id, customer_phone, direction, status, ivr_stage, " \
	"department, routing_reason, outcome, language, assigned_agent_id, " \
	"started_at, ended_at, total_duration_seconds"

#define F(member, kind) CC_CRM__FIELD(cc_crm_call, member, kind)
static const cc_crm__field call_fields[] = {
	F(id, STR),	      F(customer_id, STR), F(customer_phone, STR),
	F(direction, STR),    F(status, STR),	   F(stage, STR),
	F(department, STR),   F(routing_reason, STR), F(outcome, STR),
	F(language, STR),     F(agent_id, STR),	   F(started_at, TIME),
	F(ended_at, TIME),    F(duration_seconds, I64),
};
#undef F
static const cc_crm__record call_record =
	CC_CRM__RECORD(cc_crm_call, call_fields);

CC_EXTERN(int) cc_crm_call_get(cc_crm_call **out, cc_crm *crm,
			       const char *call_id)
{
	cc_store_value p;
	void *one;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_call_id(call_id)) < 0)
		return rc;
	p = cc_store__text(call_id);
	rc = cc_crm__select_one(&one, crm, &call_record,
				"SELECT " CALL_COLS
				" FROM calls WHERE call_id = $1",
				&p, 1, "call");
	*out = one;
	return rc;
}

CC_EXTERN(int) cc_crm_call_search(cc_crm_call_list **out, cc_crm *crm,
				const cc_crm_call_filter *f)
{
	static const cc_crm_call_filter none = CC_CRM_CALL_FILTER_INIT;
	cc_crm__where w;
	void *items = NULL;
	size_t count = 0;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if (!f)
		f = &none;
	rc = cc__check_options_version(__func__, "cc_crm_call_filter",
				       f->version, CC_CRM_CALL_FILTER_VERSION);
	if (rc < 0)
		return rc;
	if ((rc = cc_crm__text(f->department, 64, "department")) < 0 ||
	    (rc = cc_crm__text(f->customer, 200, "customer")) < 0)
		return rc;
	if (f->status && !cc_crm__one_of(f->status, call_statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "unknown call status");
	cc_crm__where_init(&w, "SELECT " CALL_COLS " FROM calls");
	if (f->active_only)
		cc__buf_puts(&w.sql, " AND ended_at IS NULL");
	rc = cc_crm__where_customer(&w, crm, f->customer);
	cc_crm__where_eq(&w, "department", f->department);
	cc_crm__where_eq(&w, "status", f->status);
	cc_crm__where_between(&w, "started_at", f->from, f->to);
	if (rc == 0)
		rc = cc_crm__where_page(&w, "started_at DESC, call_id",
					f->limit, f->offset);
	if (rc == 0)
		rc = cc_crm__select_all(&items, &count, crm, &call_record,
					w.sql.ptr, w.p, w.n);
	cc_crm__where_dispose(&w);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&call_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc < 0)
		return rc;
	(*out)->count = count;
	(*out)->items = items;
	return 0;
}

CC_EXTERN(void) cc_crm_call_free(cc_crm_call *call)
{
	cc_crm__records_free(&call_record, call, call ? 1 : 0);
}

CC_EXTERN(void) cc_crm_call_list_free(cc_crm_call_list *list)
{
	if (!list)
		return;
	cc_crm__records_free(&call_record, list->items, list->count);
	cc__free(list);
}

/* ---- transcripts ------------------------------------------------------ */

static const char append_sql[] =
	"INSERT INTO call_transcripts (call_id, seq, speaker, content, "
	"language, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
	"ON CONFLICT (call_id, seq) DO NOTHING";

typedef struct next_turn {
	cc_store_value p[6];
} next_turn;

static int append_next(cc_store_conn *c, void *ud)
{
	next_turn *t = ud;
	int64_t max = 0;
	int rc = cc_store__exec(c,
				"SELECT COALESCE(MAX(seq), 0) FROM "
				"call_transcripts WHERE call_id = $1",
				t->p, 1, cc_crm__int_row, &max, NULL);
	if (rc < 0)
		return rc;
	t->p[1] = cc_store__int(max + 1);
	return cc_store__exec(c, append_sql, t->p, 6, NULL, NULL, NULL);
}

CC_EXTERN(int) cc_crm_transcript_append(cc_crm *crm, const char *call_id,
					int64_t seq, const char *speaker,
					const char *text, const char *language,
					int64_t at)
{
	char now[CC_STORE__TIME_MAX];
	next_turn t;
	int rc;

	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(text);
	if ((rc = check_call_id(call_id)) < 0)
		return rc;
	if (!cc_crm__one_of(speaker, speakers))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "speaker must be customer, agent, bot or "
				 "system");
	if (seq < 0 || seq > INT32_MAX || at < 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "turn number or time out of range");
	if ((rc = cc_crm__text(text, 65536, "text")) < 0 ||
	    (rc = cc_crm__text(language, 16, "language")) < 0)
		return rc;
	cc_store__format_time(now, at ? at : cc_crm__now(crm));
	t.p[0] = cc_store__text(call_id);
	t.p[1] = cc_store__int(seq);
	t.p[2] = cc_store__text(speaker);
	t.p[3] = cc_store__text(text);
	t.p[4] = cc_store__text(language);
	t.p[5] = cc_store__text(now);
	if (seq == 0)
		return cc_store__transact(crm->store, append_next, &t);
	return cc_store__submit_one(crm->store, append_sql, t.p, 6, NULL);
}

#define F(member, kind) CC_CRM__FIELD(cc_crm_turn, member, kind)
static const cc_crm__field turn_fields[] = {
	F(seq, I64), F(speaker, STR), F(text, STR), F(language, STR),
	F(at, TIME),
};
#undef F
static const cc_crm__record turn_record =
	CC_CRM__RECORD(cc_crm_turn, turn_fields);

CC_EXTERN(int) cc_crm_transcript_get(cc_crm_transcript **out, cc_crm *crm,
				     const char *call_id)
{
	cc_store_value p;
	void *items = NULL;
	size_t count = 0;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_call_id(call_id)) < 0)
		return rc;
	p = cc_store__text(call_id);
	rc = cc_crm__select_all(&items, &count, crm, &turn_record,
				"SELECT seq, speaker, content, language, "
				"created_at FROM call_transcripts "
				"WHERE call_id = $1 ORDER BY seq",
				&p, 1);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&turn_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc < 0)
		return rc;
	(*out)->count = count;
	(*out)->items = items;
	return 0;
}

CC_EXTERN(void) cc_crm_transcript_free(cc_crm_transcript *t)
{
	if (!t)
		return;
	cc_crm__records_free(&turn_record, t->items, t->count);
	cc__free(t);
}
