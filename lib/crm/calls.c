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

static int count_row(const cc_store_value *cols, size_t n, void *ud)
{
	*(int64_t *)ud = cc_crm__col_int(cols, n, 0);
	return 0;
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
			   &p, 1, count_row, &n);
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

static void call_clear(cc_crm_call *c)
{
	cc__free(c->id);
	cc__free(c->customer_id);
	cc__free(c->customer_phone);
	cc__free(c->direction);
	cc__free(c->status);
	cc__free(c->stage);
	cc__free(c->department);
	cc__free(c->routing_reason);
	cc__free(c->outcome);
	cc__free(c->language);
	cc__free(c->agent_id);
}

static int call_row(const cc_store_value *cols, size_t n, void *ud)
{
	cc_crm_call *c = cc_crm__vec_push(ud);
	int rc = 0;
	if (!c)
		return cc__error_nomem();
	c->id = cc_crm__col_str(cols, n, 0, &rc);
	c->customer_id = cc_crm__col_str(cols, n, 1, &rc);
	c->customer_phone = cc_crm__col_str(cols, n, 2, &rc);
	c->direction = cc_crm__col_str(cols, n, 3, &rc);
	c->status = cc_crm__col_str(cols, n, 4, &rc);
	c->stage = cc_crm__col_str(cols, n, 5, &rc);
	c->department = cc_crm__col_str(cols, n, 6, &rc);
	c->routing_reason = cc_crm__col_str(cols, n, 7, &rc);
	c->outcome = cc_crm__col_str(cols, n, 8, &rc);
	c->language = cc_crm__col_str(cols, n, 9, &rc);
	c->agent_id = cc_crm__col_str(cols, n, 10, &rc);
	c->started_at = cc_crm__col_time(cols, n, 11);
	c->ended_at = cc_crm__col_time(cols, n, 12);
	c->duration_seconds = cc_crm__col_int(cols, n, 13);
	return rc;
}

static void free_calls(cc_crm__vec *v)
{
	size_t i;
	for (i = 0; i < v->count; i++)
		call_clear(&((cc_crm_call *)v->items)[i]);
	cc__free(v->items);
}

CC_EXTERN(int) cc_crm_call_get(cc_crm_call **out, cc_crm *crm,
			       const char *call_id)
{
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_call) };
	cc_store_value p;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_call_id(call_id)) < 0)
		return rc;
	p = cc_store__text(call_id);
	rc = cc_crm__query(crm,
			   "SELECT " CALL_COLS " FROM calls WHERE call_id = $1",
			   &p, 1, call_row, &v);
	if (rc == 0 && v.count == 0)
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM, "no such call");
	if (rc == 0) {
		*out = cc__malloc(sizeof(**out));
		if (!*out) {
			rc = cc__error_nomem();
		} else {
			**out = ((cc_crm_call *)v.items)[0];
			v.count = 0;
		}
	}
	free_calls(&v);
	return rc;
}

CC_EXTERN(int) cc_crm_call_search(cc_crm_call_list **out, cc_crm *crm,
				const cc_crm_call_filter *f)
{
	static const cc_crm_call_filter none = CC_CRM_CALL_FILTER_INIT;
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_call) };
	cc_buf sql = CC_BUF_INIT;
	cc_store_value p[8];
	char phone[20], from[CC_STORE__TIME_MAX], to[CC_STORE__TIME_MAX];
	size_t n = 0, limit;
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
	/* Only fixed fragments and placeholders go into the SQL text. */
	cc__buf_puts(&sql, "SELECT " CALL_COLS " FROM calls WHERE 1 = 1");
	if (f->active_only)
		cc__buf_puts(&sql, " AND ended_at IS NULL");
	if (f->customer) {
		if (strncmp(f->customer, "CUST_", 5) == 0) {
			p[n++] = cc_store__text(f->customer);
			cc__buf_printf(&sql, " AND customer_id = $%zu", n);
		} else {
			rc = cc_crm__phone(phone, crm, f->customer);
			if (rc < 0)
				goto done;
			p[n++] = cc_store__text(phone);
			cc__buf_printf(&sql, " AND customer_phone = $%zu", n);
		}
	}
	if (f->department) {
		p[n++] = cc_store__text(f->department);
		cc__buf_printf(&sql, " AND department = $%zu", n);
	}
	if (f->status) {
		p[n++] = cc_store__text(f->status);
		cc__buf_printf(&sql, " AND status = $%zu", n);
	}
	if (f->from) {
		p[n++] = cc_crm__time(from, f->from);
		cc__buf_printf(&sql, " AND started_at >= $%zu", n);
	}
	if (f->to) {
		p[n++] = cc_crm__time(to, f->to);
		cc__buf_printf(&sql, " AND started_at < $%zu", n);
	}
	limit = f->limit ? (f->limit > 1000 ? 1000 : f->limit) : 50;
	p[n++] = cc_store__int((int64_t)limit);
	p[n++] = cc_store__int((int64_t)f->offset);
	if (cc__buf_printf(&sql,
			   " ORDER BY started_at DESC, call_id "
			   "LIMIT $%zu OFFSET $%zu",
			   n - 1, n) < 0) {
		rc = CC_ENOMEM;
		goto done;
	}
	rc = cc_crm__query(crm, sql.ptr, p, n, call_row, &v);
	if (rc == 0) {
		*out = cc__calloc(1, sizeof(**out));
		if (!*out) {
			rc = cc__error_nomem();
		} else {
			(*out)->count = v.count;
			(*out)->items = v.items;
			v.items = NULL;
			v.count = 0;
		}
	}
done:
	free_calls(&v);
	cc_buf_dispose(&sql);
	return rc;
}

CC_EXTERN(void) cc_crm_call_free(cc_crm_call *call)
{
	if (!call)
		return;
	call_clear(call);
	cc__free(call);
}

CC_EXTERN(void) cc_crm_call_list_free(cc_crm_call_list *list)
{
	size_t i;
	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		call_clear(&list->items[i]);
	cc__free(list->items);
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
				t->p, 1, count_row, &max, NULL);
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

static int turn_row(const cc_store_value *cols, size_t n, void *ud)
{
	cc_crm_turn *t = cc_crm__vec_push(ud);
	int rc = 0;
	if (!t)
		return cc__error_nomem();
	t->seq = cc_crm__col_int(cols, n, 0);
	t->speaker = cc_crm__col_str(cols, n, 1, &rc);
	t->text = cc_crm__col_str(cols, n, 2, &rc);
	t->language = cc_crm__col_str(cols, n, 3, &rc);
	t->at = cc_crm__col_time(cols, n, 4);
	return rc;
}

CC_EXTERN(int) cc_crm_transcript_get(cc_crm_transcript **out, cc_crm *crm,
				     const char *call_id)
{
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_turn) };
	cc_store_value p;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_call_id(call_id)) < 0)
		return rc;
	p = cc_store__text(call_id);
	rc = cc_crm__query(crm,
			   "SELECT seq, speaker, content, language, created_at "
			   "FROM call_transcripts WHERE call_id = $1 "
			   "ORDER BY seq",
			   &p, 1, turn_row, &v);
	if (rc == 0) {
		*out = cc__calloc(1, sizeof(**out));
		if (!*out)
			rc = cc__error_nomem();
	}
	if (rc == 0) {
		(*out)->count = v.count;
		(*out)->items = v.items;
		return 0;
	}
	{
		size_t i;
		for (i = 0; i < v.count; i++) {
			cc_crm_turn *t = &((cc_crm_turn *)v.items)[i];
			cc__free(t->speaker);
			cc__free(t->text);
			cc__free(t->language);
		}
		cc__free(v.items);
	}
	return rc;
}

CC_EXTERN(void) cc_crm_transcript_free(cc_crm_transcript *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->count; i++) {
		cc__free(t->items[i].speaker);
		cc__free(t->items[i].text);
		cc__free(t->items[i].language);
	}
	cc__free(t->items);
	cc__free(t);
}
