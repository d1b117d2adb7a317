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

static int id_row(const cc_store_value *cols, size_t n, void *ud)
{
	if (n > 0 && cols[0].type == CC_STORE_TEXT &&
	    cols[0].len < CC_CRM_ID_MAX) {
		memcpy(ud, cols[0].text, cols[0].len);
		((char *)ud)[cols[0].len] = '\0';
	}
	return 0;
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
				   &k, 1, id_row, id_out);
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

static int count_row(const cc_store_value *cols, size_t n, void *ud)
{
	*(int64_t *)ud = cc_crm__col_int(cols, n, 0);
	return 0;
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
				    p, 1, count_row, &agents, NULL);
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

static void ticket_clear(cc_crm_ticket *t)
{
	cc__free(t->id);
	cc__free(t->call_id);
	cc__free(t->customer_id);
	cc__free(t->customer_name);
	cc__free(t->customer_phone);
	cc__free(t->customer_email);
	cc__free(t->subject);
	cc__free(t->description);
	cc__free(t->department);
	cc__free(t->status);
	cc__free(t->priority);
	cc__free(t->assigned_to);
	cc__free(t->notes);
}

static int ticket_row(const cc_store_value *cols, size_t n, void *ud)
{
	cc_crm_ticket *t = cc_crm__vec_push(ud);
	int rc = 0;
	if (!t)
		return cc__error_nomem();
	t->id = cc_crm__col_str(cols, n, 0, &rc);
	t->call_id = cc_crm__col_str(cols, n, 1, &rc);
	t->customer_id = cc_crm__col_str(cols, n, 2, &rc);
	t->customer_name = cc_crm__col_str(cols, n, 3, &rc);
	t->customer_phone = cc_crm__col_str(cols, n, 4, &rc);
	t->customer_email = cc_crm__col_str(cols, n, 5, &rc);
	t->subject = cc_crm__col_str(cols, n, 6, &rc);
	t->description = cc_crm__col_str(cols, n, 7, &rc);
	t->department = cc_crm__col_str(cols, n, 8, &rc);
	t->status = cc_crm__col_str(cols, n, 9, &rc);
	t->priority = cc_crm__col_str(cols, n, 10, &rc);
	t->assigned_to = cc_crm__col_str(cols, n, 11, &rc);
	t->notes = cc_crm__col_str(cols, n, 12, &rc);
	t->created_at = cc_crm__col_time(cols, n, 13);
	t->updated_at = cc_crm__col_time(cols, n, 14);
	t->assigned_at = cc_crm__col_time(cols, n, 15);
	t->resolved_at = cc_crm__col_time(cols, n, 16);
	t->closed_at = cc_crm__col_time(cols, n, 17);
	return rc;
}

static void free_tickets(cc_crm__vec *v)
{
	size_t i;
	for (i = 0; i < v->count; i++)
		ticket_clear(&((cc_crm_ticket *)v->items)[i]);
	cc__free(v->items);
}

CC_EXTERN(int) cc_crm_ticket_get(cc_crm_ticket **out, cc_crm *crm,
				 const char *ticket_id)
{
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_ticket) };
	cc_store_value p;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0)
		return rc;
	p = cc_store__text(ticket_id);
	rc = cc_crm__query(crm,
			   "SELECT " TICKET_COLS
			   " FROM tickets WHERE ticket_id = $1",
			   &p, 1, ticket_row, &v);
	if (rc == 0 && v.count == 0)
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM,
			       "no such ticket");
	if (rc == 0) {
		*out = cc__malloc(sizeof(**out));
		if (!*out) {
			rc = cc__error_nomem();
		} else {
			**out = ((cc_crm_ticket *)v.items)[0];
			v.count = 0;
		}
	}
	free_tickets(&v);
	return rc;
}

/* Appends a LIKE pattern matching @text anywhere, lower-cased, escaped. */
static int like_pattern(cc_buf *out, const char *text)
{
	size_t i;
	cc__buf_putc(out, '%');
	for (i = 0; text[i]; i++) {
		char ch = text[i];
		if (ch == '%' || ch == '_' || ch == '\\')
			cc__buf_putc(out, '\\');
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		cc__buf_putc(out, ch);
	}
	return cc__buf_putc(out, '%');
}

CC_EXTERN(int) cc_crm_ticket_search(cc_crm_ticket_list **out, cc_crm *crm,
				    const cc_crm_ticket_filter *f)
{
	static const cc_crm_ticket_filter none = CC_CRM_TICKET_FILTER_INIT;
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_ticket) };
	cc_buf sql = CC_BUF_INIT, pattern = CC_BUF_INIT;
	cc_store_value p[12];
	char phone[20], from[CC_STORE__TIME_MAX], to[CC_STORE__TIME_MAX];
	size_t n = 0, limit;
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

	/* Only fixed fragments and placeholders go into the SQL text. */
	cc__buf_puts(&sql, "SELECT " TICKET_COLS " FROM tickets WHERE 1 = 1");
	if (f->status && strcmp(f->status, "active") == 0) {
		cc__buf_puts(&sql, " AND status IN ('open', 'in_progress', "
				   "'pending')");
	} else if (f->status) {
		p[n++] = cc_store__text(f->status);
		cc__buf_printf(&sql, " AND status = $%zu", n);
	}
	if (f->department) {
		p[n++] = cc_store__text(f->department);
		cc__buf_printf(&sql, " AND department = $%zu", n);
	}
	if (f->priority) {
		p[n++] = cc_store__text(f->priority);
		cc__buf_printf(&sql, " AND priority = $%zu", n);
	}
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
	if (f->assigned_to && !*f->assigned_to) {
		cc__buf_puts(&sql, " AND assigned_to IS NULL");
	} else if (f->assigned_to) {
		p[n++] = cc_store__text(f->assigned_to);
		cc__buf_printf(&sql, " AND assigned_to = $%zu", n);
	}
	if (f->text && *f->text) {
		if (like_pattern(&pattern, f->text) < 0) {
			rc = CC_ENOMEM;
			goto done;
		}
		p[n++] = cc_store__text(pattern.ptr);
		cc__buf_printf(&sql,
			       " AND (lower(subject) LIKE $%zu ESCAPE '\\' OR "
			       "lower(description) LIKE $%zu ESCAPE '\\')",
			       n, n);
	}
	if (f->from) {
		p[n++] = cc_crm__time(from, f->from);
		cc__buf_printf(&sql, " AND created_at >= $%zu", n);
	}
	if (f->to) {
		p[n++] = cc_crm__time(to, f->to);
		cc__buf_printf(&sql, " AND created_at < $%zu", n);
	}
	limit = f->limit ? (f->limit > 1000 ? 1000 : f->limit) : 50;
	p[n++] = cc_store__int((int64_t)limit);
	p[n++] = cc_store__int((int64_t)f->offset);
	if (cc__buf_printf(&sql,
			   " ORDER BY created_at DESC, ticket_id "
			   "LIMIT $%zu OFFSET $%zu",
			   n - 1, n) < 0) {
		rc = CC_ENOMEM;
		goto done;
	}
	rc = cc_crm__query(crm, sql.ptr, p, n, ticket_row, &v);
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
	free_tickets(&v);
	cc_buf_dispose(&sql);
	cc_buf_dispose(&pattern);
	return rc;
}

static void change_clear(cc_crm_ticket_change *c)
{
	cc__free(c->action);
	cc__free(c->old_value);
	cc__free(c->new_value);
	cc__free(c->changed_by);
	cc__free(c->reason);
}

static int change_row(const cc_store_value *cols, size_t n, void *ud)
{
	cc_crm_ticket_change *c = cc_crm__vec_push(ud);
	int rc = 0;
	if (!c)
		return cc__error_nomem();
	c->action = cc_crm__col_str(cols, n, 0, &rc);
	c->old_value = cc_crm__col_str(cols, n, 1, &rc);
	c->new_value = cc_crm__col_str(cols, n, 2, &rc);
	c->changed_by = cc_crm__col_str(cols, n, 3, &rc);
	c->reason = cc_crm__col_str(cols, n, 4, &rc);
	c->at = cc_crm__col_time(cols, n, 5);
	return rc;
}

CC_EXTERN(int) cc_crm_ticket_history_get(cc_crm_ticket_history **out,
					 cc_crm *crm, const char *ticket_id)
{
	cc_crm__vec v = { NULL, 0, 0, sizeof(cc_crm_ticket_change) };
	cc_store_value p;
	size_t i;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if ((rc = check_ticket_id(ticket_id)) < 0)
		return rc;
	p = cc_store__text(ticket_id);
	rc = cc_crm__query(crm,
			   "SELECT action, old_value, new_value, changed_by, "
			   "change_reason, changed_at FROM tickets_history "
			   "WHERE ticket_id = $1 ORDER BY changed_at, "
			   "history_id",
			   &p, 1, change_row, &v);
	if (rc == 0) {
		*out = cc__calloc(1, sizeof(**out));
		if (*out) {
			(*out)->count = v.count;
			(*out)->items = v.items;
			return 0;
		}
		rc = cc__error_nomem();
	}
	for (i = 0; i < v.count; i++)
		change_clear(&((cc_crm_ticket_change *)v.items)[i]);
	cc__free(v.items);
	return rc;
}

CC_EXTERN(void) cc_crm_ticket_free(cc_crm_ticket *t)
{
	if (!t)
		return;
	ticket_clear(t);
	cc__free(t);
}

CC_EXTERN(void) cc_crm_ticket_list_free(cc_crm_ticket_list *list)
{
	size_t i;
	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		ticket_clear(&list->items[i]);
	cc__free(list->items);
	cc__free(list);
}

CC_EXTERN(void) cc_crm_ticket_history_free(cc_crm_ticket_history *h)
{
	size_t i;
	if (!h)
		return;
	for (i = 0; i < h->count; i++)
		change_clear(&h->items[i]);
	cc__free(h->items);
	cc__free(h);
}
