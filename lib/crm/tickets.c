/* Tickets: creation with collision-free IDs, the status state machine,
 * assignment, notes, and the history of every change. */
#include <stdio.h>

#include "crm_int.h"

int cc_crm__customer_upsert_batch(cc_store__batch *b, cc_crm *crm,
				  const cc_crm_customer_input *in,
				  char phone_out[20]);

static const char *const statuses[] = { "open", "in_progress", "pending",
					"resolved", "closed", NULL };
static const char *const priorities[] = { "low", "medium", "high", "urgent",
					  NULL };

/* The state machine: which status may follow which. */
static bool allowed(const char *from, const char *to)
{
	static const struct {
		const char *from, *to;
	} moves[] = {
		{ "open", "in_progress" },     { "open", "pending" },
		{ "open", "resolved" },        { "open", "closed" },
		{ "in_progress", "pending" },  { "in_progress", "resolved" },
		{ "in_progress", "open" },     { "pending", "in_progress" },
		{ "pending", "resolved" },     { "pending", "open" },
		{ "resolved", "closed" },      { "resolved", "open" },
		{ "closed", "open" },
	};
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(moves); i++)
		if (strcmp(moves[i].from, from) == 0 &&
		    strcmp(moves[i].to, to) == 0)
			return true;
	return false;
}

static int check_ticket_id(const char *id)
{
	size_t i;
	if (!id || !*id)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a ticket ID is required");
	for (i = 0; id[i]; i++)
		if (i >= CC_CRM_ID_MAX - 1 ||
		    !((id[i] >= 'A' && id[i] <= 'Z') ||
		      (id[i] >= 'a' && id[i] <= 'z') ||
		      (id[i] >= '0' && id[i] <= '9') || id[i] == '_' ||
		      id[i] == '-'))
			return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
					 "not a ticket ID");
	return 0;
}

static int check_who(const char *who)
{
	if (who && (!*who || strlen(who) > 64))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "'who' must be 1 to 64 bytes");
	return cc_crm__text(who, 64, "who");
}

CC_EXTERN(int) cc_crm_ticket_create(char id_out[CC_CRM_ID_MAX], cc_crm *crm,
				    const cc_crm_ticket_input *in)
{
	cc_store__batch *b = NULL;
	char phone[20] = "", now[CC_STORE__TIME_MAX];
	cc_buf email = CC_BUF_INIT;
	cc_store_value p[11];
	int64_t at;
	int rc;

	CC__CHECK_NOTNULL(id_out);
	id_out[0] = '\0';
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(in);
	rc = cc__check_options_version(__func__, "cc_crm_ticket_input",
				       in->version,
				       CC_CRM_TICKET_INPUT_VERSION);
	if (rc < 0)
		return rc;
	if (!in->subject || !*in->subject)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a ticket needs a subject");
	if ((rc = cc_crm__text(in->subject, 2000, "subject")) < 0 ||
	    (rc = cc_crm__text(in->description, 65536, "description")) < 0 ||
	    (rc = cc_crm__text(in->department, 64, "department")) < 0 ||
	    (rc = cc_crm__text(in->customer_name, 800, "customer_name")) < 0 ||
	    (rc = cc_crm__text(in->idempotency_key, 200, "idempotency_key")) <
		    0 ||
	    (rc = check_who(in->created_by)) < 0)
		return rc;
	if (in->call_id && (strlen(in->call_id) >= CC_CRM_ID_MAX ||
			    cc_crm__text(in->call_id, 63, "call_id") < 0))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM, "bad call ID");
	if (in->priority && !cc_crm__one_of(in->priority, priorities))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "priority must be low, medium, high or "
				 "urgent");
	if (in->department && !*in->department)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "empty department");
	if (in->customer_email &&
	    (rc = cc_crm__email(&email, in->customer_email)) < 0)
		return rc;

	at = cc_crm__now(crm);
	rc = cc_crm__new_id(id_out, "TKT_", false, at);
	if (rc < 0)
		goto fail;
	cc_store__format_time(now, at);
	rc = cc_store__batch_new(&b);
	if (rc == 0 && in->customer_phone) {
		cc_crm_customer_input ci = CC_CRM_CUSTOMER_INPUT_INIT;
		ci.phone = in->customer_phone;
		ci.name = in->customer_name;
		ci.email = in->customer_email;
		rc = cc_crm__customer_upsert_batch(b, crm, &ci, phone);
	}
	if (rc < 0)
		goto fail;
	p[0] = cc_store__text(id_out);
	p[1] = cc_store__text(in->idempotency_key);
	p[2] = cc_store__text(in->call_id);
	p[3] = phone[0] ? cc_store__text(phone) : cc_store__null();
	p[4] = cc_store__text(in->customer_name);
	p[5] = in->customer_email ? cc_store__text(email.ptr)
				  : cc_store__null();
	p[6] = cc_store__text(in->subject);
	p[7] = cc_store__text(in->description ? in->description : "");
	p[8] = cc_store__text(in->department ? in->department : "complaints");
	p[9] = cc_store__text(in->priority ? in->priority : "medium");
	p[10] = cc_store__text(now);
	rc = cc_store__batch_add(
		b,
		"INSERT INTO tickets (ticket_id, idempotency_key, call_id, "
		"customer_id, customer_phone, customer_name, customer_email, "
		"subject, description, department, status, priority, "
		"created_at, updated_at) VALUES ($1, $2, $3, (SELECT "
		"customer_id FROM customers WHERE phone = $4), $4, $5, $6, $7, "
		"$8, $9, 'open', $10, $11, $11) ON CONFLICT DO NOTHING",
		p, 11);
	if (rc == 0) {
		p[1] = cc_store__text(in->created_by ? in->created_by
						     : "system");
		rc = cc_store__batch_add(
			b,
			"INSERT INTO tickets_history (ticket_id, action, "
			"old_value, new_value, changed_by, change_reason, "
			"changed_at) SELECT ticket_id, 'created', NULL, status, "
			"$2, NULL, created_at FROM tickets WHERE ticket_id = $1 "
			"AND NOT EXISTS (SELECT 1 FROM tickets_history h WHERE "
			"h.ticket_id = $1 AND h.action = 'created')",
			p, 2);
	}
	if (rc == 0 && phone[0]) {
		p[0] = cc_store__text(phone);
		p[1] = cc_store__text(now);
		rc = cc_store__batch_add(
			b,
			"UPDATE customers SET total_tickets = (SELECT COUNT(*) "
			"FROM tickets WHERE tickets.customer_id = "
			"customers.customer_id), last_interaction = $2 "
			"WHERE phone = $1",
			p, 2);
	}
	if (rc < 0)
		goto fail;
	cc_buf_dispose(&email);
	rc = cc_store__batch_submit(crm->store, b);
	if (rc == 0 && in->idempotency_key) {
		/* A second create with the same key names the first ticket. */
		cc_store_value k = cc_store__text(in->idempotency_key);
		rc = cc_crm__query(crm,
				   "SELECT ticket_id FROM tickets "
				   "WHERE idempotency_key = $1",
				   &k, 1, cc_crm__id_row, id_out);
	}
	return rc;
fail:
	cc_buf_dispose(&email);
	cc_store__batch_free(b);
	id_out[0] = '\0';
	return rc;
}

/* ---- changes ---------------------------------------------------------- */

typedef struct change {
	cc_crm *crm;
	const char *id;
	const char *status; /* set_status: the new status */
	const char *agent;  /* assign: the agent or NULL */
	const char *note;   /* add_note */
	const char *who;
	const char *why;
	char now[CC_STORE__TIME_MAX];
	char old_status[16];
	char *old_agent;
	char *old_notes;
	bool found;
} change;

static int lock_row(const cc_store_value *cols, size_t n, void *ud)
{
	change *ch = ud;
	int rc = 0;
	ch->found = true;
	if (n > 0 && cols[0].type == CC_STORE_TEXT && cols[0].len < 16) {
		memcpy(ch->old_status, cols[0].text, cols[0].len);
		ch->old_status[cols[0].len] = '\0';
	}
	ch->old_agent = cc_crm__col_str(cols, n, 1, &rc);
	ch->old_notes = cc_crm__col_str(cols, n, 2, &rc);
	return rc;
}

/* Reads the ticket's row, locked against concurrent changes. */
static int lock_ticket(cc_store_conn *c, change *ch)
{
	cc_store_value p = cc_store__text(ch->id);
	int rc;
	cc__free(ch->old_agent);
	cc__free(ch->old_notes);
	ch->old_agent = ch->old_notes = NULL;
	ch->found = false;
	rc = cc_store__exec(c,
			    ch->crm->store->pg
				    ? "SELECT status, assigned_to, notes FROM "
				      "tickets WHERE ticket_id = $1 FOR UPDATE"
				    : "SELECT status, assigned_to, notes FROM "
				      "tickets WHERE ticket_id = $1",
			    &p, 1, lock_row, ch, NULL);
	if (rc == 0 && !ch->found)
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM,
			       "no such ticket");
	return rc;
}

static int history(cc_store_conn *c, change *ch, const char *action,
		   const char *old_value, const char *new_value)
{
	cc_store_value p[7];
	p[0] = cc_store__text(ch->id);
	p[1] = cc_store__text(action);
	p[2] = cc_store__text(old_value);
	p[3] = cc_store__text(new_value);
	p[4] = cc_store__text(ch->who ? ch->who : "system");
	p[5] = cc_store__text(ch->why);
	p[6] = cc_store__text(ch->now);
	return cc_store__exec(c,
			      "INSERT INTO tickets_history (ticket_id, action, "
			      "old_value, new_value, changed_by, "
			      "change_reason, changed_at) "
			      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
			      p, 7, NULL, NULL, NULL);
}

static int write_status(cc_store_conn *c, change *ch, const char *to)
{
	cc_store_value p[3];
	int rc;
	p[0] = cc_store__text(ch->id);
	p[1] = cc_store__text(to);
	p[2] = cc_store__text(ch->now);
	rc = cc_store__exec(
		c,
		"UPDATE tickets SET status = $2, updated_at = $3, "
		"resolved_at = CASE WHEN $2 = 'resolved' THEN $3 "
		"WHEN $2 = 'closed' THEN resolved_at ELSE NULL END, "
		"closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE NULL END "
		"WHERE ticket_id = $1",
		p, 3, NULL, NULL, NULL);
	if (rc == 0)
		rc = history(c, ch, "status", ch->old_status, to);
	return rc;
}

static int set_status_tx(cc_store_conn *c, void *ud)
{
	change *ch = ud;
	int rc = lock_ticket(c, ch);
	if (rc < 0 || strcmp(ch->old_status, ch->status) == 0)
		return rc;
	if (!allowed(ch->old_status, ch->status))
		return cc__error(CC_ESTATE, CC_ERRCLASS_CRM,
				 "a ticket cannot go from %s to %s",
				 ch->old_status, ch->status);
	return write_status(c, ch, ch->status);
}

static int assign_tx(cc_store_conn *c, void *ud)
{
	change *ch = ud;
	cc_store_value p[3];
	int64_t agents = 0;
	int rc = lock_ticket(c, ch);

	if (rc < 0)
		return rc;
	if (strcmp(ch->old_status, "closed") == 0)
		return cc__error(CC_ESTATE, CC_ERRCLASS_CRM,
				 "a closed ticket cannot be assigned; "
				 "reopen it first");
	if (ch->agent) {
		p[0] = cc_store__text(ch->agent);
		rc = cc_store__exec(c,
				    "SELECT COUNT(*) FROM agents "
				    "WHERE agent_id = $1",
				    p, 1, cc_crm__int_row, &agents, NULL);
		if (rc < 0)
			return rc;
		if (agents == 0)
			return cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM,
					 "no such agent");
	}
	if ((ch->agent && ch->old_agent &&
	     strcmp(ch->agent, ch->old_agent) == 0) ||
	    (!ch->agent && !ch->old_agent))
		return 0; /* already so */
	p[0] = cc_store__text(ch->id);
	p[1] = cc_store__text(ch->agent);
	p[2] = cc_store__text(ch->now);
	rc = cc_store__exec(c,
			    ch->agent
				    ? "UPDATE tickets SET assigned_to = $2, "
				      "assigned_at = $3, updated_at = $3 "
				      "WHERE ticket_id = $1"
				    : "UPDATE tickets SET assigned_to = $2, "
				      "assigned_at = NULL, updated_at = $3 "
				      "WHERE ticket_id = $1",
			    p, 3, NULL, NULL, NULL);
	if (rc == 0)
		rc = history(c, ch, ch->agent ? "assigned" : "unassigned",
			     ch->old_agent, ch->agent);
	if (rc == 0 && ch->agent && strcmp(ch->old_status, "open") == 0)
		rc = write_status(c, ch, "in_progress");
	return rc;
}

static int note_tx(cc_store_conn *c, void *ud)
{
	change *ch = ud;
	cc_buf notes = CC_BUF_INIT;
	cc_store_value p[3];
	int rc = lock_ticket(c, ch);
	if (rc < 0)
		return rc;
	if (ch->old_notes && *ch->old_notes) {
		cc__buf_puts(&notes, ch->old_notes);
		cc__buf_putc(&notes, '\n');
	}
	if (cc__buf_puts(&notes, ch->note) < 0)
		return CC_ENOMEM;
	if (notes.size > 65536) {
		cc_buf_dispose(&notes);
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_CRM,
				 "the ticket's notes would exceed 64 KiB");
	}
	p[0] = cc_store__text(ch->id);
	p[1] = cc_store__text(notes.ptr);
	p[2] = cc_store__text(ch->now);
	rc = cc_store__exec(c,
			    "UPDATE tickets SET notes = $2, updated_at = $3 "
			    "WHERE ticket_id = $1",
			    p, 3, NULL, NULL, NULL);
	cc_buf_dispose(&notes);
	if (rc == 0)
		rc = history(c, ch, "note", NULL, ch->note);
	return rc;
}

static int run_change(cc_crm *crm, change *ch, cc_store__tx_fn fn)
{
	int rc;
	ch->crm = crm;
	cc_store__format_time(ch->now, cc_crm__now(crm));
	rc = cc_store__transact(crm->store, fn, ch);
	cc__free(ch->old_agent);
	cc__free(ch->old_notes);
	return rc;
}

CC_EXTERN(int) cc_crm_ticket_set_status(cc_crm *crm, const char *ticket_id,
					const char *status, const char *who,
					const char *why)
{
	change ch;
	int rc;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0 ||
	    (rc = check_who(who)) < 0 ||
	    (rc = cc_crm__text(why, 2000, "why")) < 0)
		return rc;
	if (!cc_crm__one_of(status, statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "status must be open, in_progress, pending, "
				 "resolved or closed");
	memset(&ch, 0, sizeof(ch));
	ch.id = ticket_id;
	ch.status = status;
	ch.who = who;
	ch.why = why;
	return run_change(crm, &ch, set_status_tx);
}

CC_EXTERN(int) cc_crm_ticket_assign(cc_crm *crm, const char *ticket_id,
				    const char *agent_id, const char *who,
				    const char *why)
{
	change ch;
	int rc;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0 ||
	    (rc = check_who(who)) < 0 ||
	    (rc = cc_crm__text(why, 2000, "why")) < 0 ||
	    (rc = cc_crm__text(agent_id, 64, "agent_id")) < 0)
		return rc;
	if (agent_id && !*agent_id)
		agent_id = NULL;
	memset(&ch, 0, sizeof(ch));
	ch.id = ticket_id;
	ch.agent = agent_id;
	ch.who = who;
	ch.why = why;
	return run_change(crm, &ch, assign_tx);
}

CC_EXTERN(int) cc_crm_ticket_add_note(cc_crm *crm, const char *ticket_id,
				      const char *note, const char *who)
{
	change ch;
	int rc;
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(note);
	if ((rc = check_ticket_id(ticket_id)) < 0 ||
	    (rc = check_who(who)) < 0 ||
	    (rc = cc_crm__text(note, 10000, "note")) < 0)
		return rc;
	if (!*note)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM, "empty note");
	memset(&ch, 0, sizeof(ch));
	ch.id = ticket_id;
	ch.note = note;
	ch.who = who;
	return run_change(crm, &ch, note_tx);
}

/* ---- reading ---------------------------------------------------------- */

#define TICKET_COLS                                                          \
	"ticket_id, call_id, customer_id, customer_name, customer_phone, "   \
	"customer_email, subject, description, department, status, "         \
	"priority, assigned_to, notes, created_at, updated_at, assigned_at, " \
	"resolved_at, closed_at"

#define F(member, kind) CC_CRM__FIELD(cc_crm_ticket, member, kind)
static const cc_crm__field ticket_fields[] = {
	F(id, STR),	       F(call_id, STR),	      F(customer_id, STR),
	F(customer_name, STR), F(customer_phone, STR), F(customer_email, STR),
	F(subject, STR),       F(description, STR),   F(department, STR),
	F(status, STR),	       F(priority, STR),      F(assigned_to, STR),
	F(notes, STR),	       F(created_at, TIME),   F(updated_at, TIME),
	F(assigned_at, TIME),  F(resolved_at, TIME),  F(closed_at, TIME),
};
#undef F
static const cc_crm__record ticket_record =
	CC_CRM__RECORD(cc_crm_ticket, ticket_fields);

CC_EXTERN(int) cc_crm_ticket_get(cc_crm_ticket **out, cc_crm *crm,
				 const char *ticket_id)
{
	cc_store_value p;
	void *one;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0)
		return rc;
	p = cc_store__text(ticket_id);
	rc = cc_crm__select_one(&one, crm, &ticket_record,
				"SELECT " TICKET_COLS
				" FROM tickets WHERE ticket_id = $1",
				&p, 1, "ticket");
	*out = one;
	return rc;
}

CC_EXTERN(int) cc_crm_ticket_search(cc_crm_ticket_list **out, cc_crm *crm,
				    const cc_crm_ticket_filter *f)
{
	static const cc_crm_ticket_filter none = CC_CRM_TICKET_FILTER_INIT;
	cc_buf pattern = CC_BUF_INIT;
	cc_crm__where w;
	void *items = NULL;
	size_t count = 0;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if (!f)
		f = &none;
	rc = cc__check_options_version(__func__, "cc_crm_ticket_filter",
				       f->version,
				       CC_CRM_TICKET_FILTER_VERSION);
	if (rc < 0)
		return rc;
	if (f->status && strcmp(f->status, "active") != 0 &&
	    !cc_crm__one_of(f->status, statuses))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "unknown ticket status");
	if (f->priority && !cc_crm__one_of(f->priority, priorities))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "unknown ticket priority");
	if ((rc = cc_crm__text(f->department, 64, "department")) < 0 ||
	    (rc = cc_crm__text(f->customer, 200, "customer")) < 0 ||
	    (rc = cc_crm__text(f->assigned_to, 64, "assigned_to")) < 0 ||
	    (rc = cc_crm__text(f->text, 400, "text")) < 0)
		return rc;

	cc_crm__where_init(&w, "SELECT " TICKET_COLS " FROM tickets");
	if (f->status && strcmp(f->status, "active") == 0)
		cc__buf_puts(&w.sql, " AND status IN ('open', 'in_progress', "
				     "'pending')");
	else
		cc_crm__where_eq(&w, "status", f->status);
	cc_crm__where_eq(&w, "department", f->department);
	cc_crm__where_eq(&w, "priority", f->priority);
	rc = cc_crm__where_customer(&w, crm, f->customer);
	if (f->assigned_to && !*f->assigned_to)
		cc__buf_puts(&w.sql, " AND assigned_to IS NULL");
	else
		cc_crm__where_eq(&w, "assigned_to", f->assigned_to);
	if (rc == 0 && f->text && *f->text) {
		if (cc_crm__like_anywhere(&pattern, f->text) < 0) {
			rc = CC_ENOMEM;
		} else {
			w.p[w.n++] = cc_store__text(pattern.ptr);
			cc__buf_printf(&w.sql,
				       " AND (lower(subject) LIKE $%zu ESCAPE "
				       "'\\' OR lower(description) LIKE $%zu "
				       "ESCAPE '\\')",
				       w.n, w.n);
		}
	}
	cc_crm__where_between(&w, "created_at", f->from, f->to);
	if (rc == 0)
		rc = cc_crm__where_page(&w, "created_at DESC, ticket_id",
					f->limit, f->offset);
	if (rc == 0)
		rc = cc_crm__select_all(&items, &count, crm, &ticket_record,
					w.sql.ptr, w.p, w.n);
	cc_crm__where_dispose(&w);
	cc_buf_dispose(&pattern);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&ticket_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc < 0)
		return rc;
	(*out)->count = count;
	(*out)->items = items;
	return 0;
}

#define F(member, kind) CC_CRM__FIELD(cc_crm_ticket_change, member, kind)
static const cc_crm__field change_fields[] = {
	F(action, STR),	    F(old_value, STR), F(new_value, STR),
	F(changed_by, STR), F(reason, STR),    F(at, TIME),
};
#undef F
static const cc_crm__record change_record =
	CC_CRM__RECORD(cc_crm_ticket_change, change_fields);

CC_EXTERN(int) cc_crm_ticket_history_get(cc_crm_ticket_history **out,
					 cc_crm *crm, const char *ticket_id)
{
	cc_store_value p;
	void *items = NULL;
	size_t count = 0;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0)
		return rc;
	p = cc_store__text(ticket_id);
	rc = cc_crm__select_all(&items, &count, crm, &change_record,
				"SELECT action, old_value, new_value, "
				"changed_by, change_reason, changed_at FROM "
				"tickets_history WHERE ticket_id = $1 "
				"ORDER BY changed_at, history_id",
				&p, 1);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&change_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc < 0)
		return rc;
	(*out)->count = count;
	(*out)->items = items;
	return 0;
}

CC_EXTERN(void) cc_crm_ticket_free(cc_crm_ticket *t)
{
	cc_crm__records_free(&ticket_record, t, t ? 1 : 0);
}

CC_EXTERN(void) cc_crm_ticket_list_free(cc_crm_ticket_list *list)
{
	if (!list)
		return;
	cc_crm__records_free(&ticket_record, list->items, list->count);
	cc__free(list);
}

CC_EXTERN(void) cc_crm_ticket_history_free(cc_crm_ticket_history *h)
{
	if (!h)
		return;
	cc_crm__records_free(&change_record, h->items, h->count);
	cc__free(h);
}
