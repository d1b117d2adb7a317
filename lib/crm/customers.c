/* Customers: upsert by E.164 phone, lookup, search, erasure. */
#include <stdio.h>

#include "crm_int.h"

#define CUSTOMER_COLS                                                        \
	"customer_id, phone, name, email, tier, vip, language, notes, "      \
	"total_calls, total_tickets, last_interaction, created_at, "         \
	"updated_at, erased_at"

static const char *const tiers[] = { "standard", "silver", "gold",
				     "platinum", NULL };

static const char upsert_sql[] =
	"INSERT INTO customers (customer_id, phone, name, name_key, "
	"name_key_version, email, tier, vip, language, notes, created_at, "
	"updated_at) VALUES ($1, $2, COALESCE($3, ''), COALESCE($4, ''), 3, "
	"$5, COALESCE($6, 'standard'), $7, $8, $9, $10, $10) "
	"ON CONFLICT (phone) DO UPDATE SET "
	"name = COALESCE($3, customers.name), "
	"name_key = COALESCE($4, customers.name_key), "
	"name_key_version = 3, "
	"email = COALESCE($5, customers.email), "
	"tier = COALESCE($6, customers.tier), "
	"vip = CASE WHEN $11 = 1 THEN excluded.vip ELSE customers.vip END, "
	"language = COALESCE($8, customers.language), "
	"notes = COALESCE($9, customers.notes), "
	"updated_at = excluded.updated_at";

typedef struct prepared_customer {
	char phone[20];
	char id[CC_CRM_ID_MAX];
	char now[CC_STORE__TIME_MAX];
	cc_buf key, email;
	cc_store_value p[11];
} prepared_customer;

/* Checks and normalizes a customer input into upsert parameters. */
static int prepare_customer(prepared_customer *pc, cc_crm *crm,
			    const cc_crm_customer_input *in)
{
	int rc;
	int64_t now = cc_crm__now(crm);

	rc = cc__check_options_version("cc_crm_customer_upsert",
				       "cc_crm_customer_input", in->version,
				       CC_CRM_CUSTOMER_INPUT_VERSION);
	if (rc < 0)
		return rc;
	if ((rc = cc_crm__phone(pc->phone, crm, in->phone)) < 0 ||
	    (rc = cc_crm__text(in->name, 800, "name")) < 0 ||
	    (rc = cc_crm__text(in->language, 16, "language")) < 0 ||
	    (rc = cc_crm__text(in->notes, 10000, "notes")) < 0)
		return rc;
	if (in->name && cc__utf8_check(in->name, strlen(in->name)) ==
				strlen(in->name)) {
		size_t chars = 0, i;
		for (i = 0; in->name[i]; i++)
			chars += ((unsigned char)in->name[i] & 0xC0) != 0x80;
		if (chars > 200)
			return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
					 "name longer than 200 characters");
	}
	if (in->tier && !cc_crm__one_of(in->tier, tiers))
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "tier must be standard, silver, gold or "
				 "platinum");
	if (in->vip < -1 || in->vip > 1)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "vip must be 1, 0 or -1");
	if (in->email && (rc = cc_crm__email(&pc->email, in->email)) < 0)
		return rc;
	if (in->name && (rc = cc_crm__name_key(&pc->key, in->name)) < 0)
		return rc;
	rc = cc_crm__new_id(pc->id, "CUST_", false, now);
	if (rc < 0)
		return rc;
	cc_store__format_time(pc->now, now);
	pc->p[0] = cc_store__text(pc->id);
	pc->p[1] = cc_store__text(pc->phone);
	pc->p[2] = cc_store__text(in->name);
	pc->p[3] = in->name ? cc_store__text(pc->key.ptr) : cc_store__null();
	pc->p[4] = in->email ? cc_store__text(pc->email.ptr) : cc_store__null();
	pc->p[5] = cc_store__text(in->tier);
	pc->p[6] = cc_store__int(in->vip == 1);
	pc->p[7] = cc_store__text(in->language);
	pc->p[8] = cc_store__text(in->notes);
	pc->p[9] = cc_store__text(pc->now);
	pc->p[10] = cc_store__int(in->vip >= 0);
	return 0;
}

int cc_crm__customer_upsert_batch(cc_store__batch *b, cc_crm *crm,
				  const cc_crm_customer_input *in,
				  char phone_out[20]);

/* Adds the customer upsert to a call's batch (used by calls and tickets). */
int cc_crm__customer_upsert_batch(cc_store__batch *b, cc_crm *crm,
				  const cc_crm_customer_input *in,
				  char phone_out[20])
{
	prepared_customer pc;
	int rc;
	memset(&pc, 0, sizeof(pc));
	rc = prepare_customer(&pc, crm, in);
	if (rc == 0)
		rc = cc_store__batch_add(b, upsert_sql, pc.p, 11);
	if (rc == 0 && phone_out)
		memcpy(phone_out, pc.phone, sizeof(pc.phone));
	cc_buf_dispose(&pc.key);
	cc_buf_dispose(&pc.email);
	return rc;
}

CC_EXTERN(int) cc_crm_customer_upsert(char id_out[CC_CRM_ID_MAX], cc_crm *crm,
				      const cc_crm_customer_input *in)
{
	cc_store__batch *b;
	char phone[20];
	cc_store_value p;
	int rc;

	if (id_out)
		id_out[0] = '\0';
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(in);
	rc = cc_store__batch_new(&b);
	if (rc < 0)
		return rc;
	rc = cc_crm__customer_upsert_batch(b, crm, in, phone);
	if (rc < 0) {
		cc_store__batch_free(b);
		return rc;
	}
	rc = cc_store__batch_submit(crm->store, b);
	if (rc != 0 || !id_out)
		return rc;
	p = cc_store__text(phone);
	return cc_crm__query(crm,
			     "SELECT customer_id FROM customers "
			     "WHERE phone = $1",
			     &p, 1, cc_crm__id_row, id_out);
}

/* ---- reading ---------------------------------------------------------- */

#define F(member, kind) CC_CRM__FIELD(cc_crm_customer, member, kind)
static const cc_crm__field customer_fields[] = {
	F(id, STR),	       F(phone, STR),	       F(name, STR),
	F(email, STR),	       F(tier, STR),	       F(vip, INT),
	F(language, STR),      F(notes, STR),	       F(total_calls, I64),
	F(total_tickets, I64), F(last_interaction, TIME), F(created_at, TIME),
	F(updated_at, TIME),   F(erased_at, TIME),
};
#undef F
static const cc_crm__record customer_record =
	CC_CRM__RECORD(cc_crm_customer, customer_fields);

/* Resolves an ID or a phone to the WHERE parameter. */
static int customer_key(cc_crm *crm, const char *key, char phone[20],
			const char **column)
{
	int rc = cc_crm__text(key, 200, "customer");
	if (rc < 0)
		return rc;
	if (strncmp(key, "CUST_", 5) == 0) {
		*column = "customer_id";
		return 0;
	}
	*column = "phone";
	return cc_crm__phone(phone, crm, key);
}

int cc_crm__customer_fetch(cc_crm_customer **out, cc_crm *crm,
			   const char *key);

int cc_crm__customer_fetch(cc_crm_customer **out, cc_crm *crm,
			   const char *key)
{
	const char *column;
	char phone[20];
	cc_store_value p;
	void *one;
	int rc;

	rc = customer_key(crm, key, phone, &column);
	if (rc < 0)
		return rc;
	p = cc_store__text(column[0] == 'c' ? key : phone);
	rc = cc_crm__select_one(&one, crm, &customer_record,
				column[0] == 'c'
					? "SELECT " CUSTOMER_COLS " FROM "
					  "customers WHERE customer_id = $1"
					: "SELECT " CUSTOMER_COLS " FROM "
					  "customers WHERE phone = $1",
				&p, 1, "customer");
	*out = one;
	return rc;
}

CC_EXTERN(int) cc_crm_customer_get(cc_crm_customer **out, cc_crm *crm,
				   const char *key)
{
	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(key);
	return cc_crm__customer_fetch(out, crm, key);
}

CC_EXTERN(int) cc_crm_customer_search(cc_crm_customer_list **out, cc_crm *crm,
				      const char *query, size_t limit,
				      size_t offset)
{
	void *items = NULL;
	size_t count = 0;
	cc_buf pattern = CC_BUF_INIT, key = CC_BUF_INIT, dyn = CC_BUF_INIT;
	cc_buf words[6] = { CC_BUF_INIT, CC_BUF_INIT, CC_BUF_INIT,
			    CC_BUF_INIT, CC_BUF_INIT, CC_BUF_INIT };
	cc_store_value p[3], wp[9];
	const cc_store_value *params = p;
	size_t np = 3;
	char phone[20];
	const char *sql;
	size_t i;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(crm);
	if (!query)
		query = "";
	rc = cc_crm__text(query, 400, "query");
	if (rc < 0)
		return rc;
	if (limit == 0)
		limit = 50;
	if (limit > 1000)
		limit = 1000;
	p[1] = cc_store__int((int64_t)limit);
	p[2] = cc_store__int((int64_t)offset);

	if (!*query) {
		sql = "SELECT " CUSTOMER_COLS " FROM customers "
		      "ORDER BY created_at DESC, customer_id LIMIT $1 OFFSET $2";
		params = p + 1;
		np = 2;
	} else if (cc_crm__looks_like_phone(query) &&
		   cc_crm__phone(phone, crm, query) == 0) {
		sql = "SELECT " CUSTOMER_COLS " FROM customers "
		      "WHERE phone = $1 ORDER BY customer_id "
		      "LIMIT $2 OFFSET $3";
		p[0] = cc_store__text(phone);
	} else if (strchr(query, '@') && cc_crm__email(&key, query) == 0) {
		sql = "SELECT " CUSTOMER_COLS " FROM customers "
		      "WHERE email = $1 ORDER BY customer_id "
		      "LIMIT $2 OFFSET $3";
		p[0] = cc_store__text(key.ptr);
	} else {
		/* Every word of the query's name key starts a word of the
		 * stored key ("mhmd" finds "محمد" and "Mohammed"), or the query
		 * is a literal substring of the name.  LIKE metacharacters are
		 * escaped; only fixed fragments and placeholders make the SQL. */
		size_t nw = 0, at = 0;
		rc = cc_crm__name_key(&key, query);
		if (rc < 0)
			goto done;
		cc__buf_puts(&dyn, "SELECT " CUSTOMER_COLS " FROM customers "
				   "WHERE (");
		while (at < key.size && nw < 6) {
			size_t end = at;
			while (end < key.size && key.ptr[end] != ' ')
				end++;
			if (end > at) {
				cc__buf_puts(&words[nw], "% ");
				cc_crm__like_escape(&words[nw], key.ptr + at, end - at);
				cc__buf_putc(&words[nw], '%');
				wp[nw] = cc_store__text(words[nw].ptr);
				cc__buf_printf(&dyn,
					       "%s(' ' || name_key) LIKE $%zu "
					       "ESCAPE '\\'",
					       nw ? " AND " : "", nw + 1);
				nw++;
			}
			at = end + 1;
		}
		cc_crm__like_anywhere(&pattern, query);
		wp[nw] = cc_store__text(pattern.ptr);
		wp[nw + 1] = p[1];
		wp[nw + 2] = p[2];
		if (cc__buf_printf(&dyn,
				   "%slower(name) LIKE $%zu ESCAPE '\\') "
				   "ORDER BY name, customer_id LIMIT $%zu "
				   "OFFSET $%zu",
				   nw ? ") OR (" : "", nw + 1, nw + 2,
				   nw + 3) < 0) {
			rc = CC_ENOMEM;
			goto done;
		}
		sql = dyn.ptr;
		params = wp;
		np = nw + 3;
	}
	rc = cc_crm__select_all(&items, &count, crm, &customer_record, sql,
				params, np);
	if (rc == 0 && !(*out = cc__calloc(1, sizeof(**out)))) {
		cc_crm__records_free(&customer_record, items, count);
		rc = cc__error_nomem();
	}
	if (rc == 0) {
		(*out)->count = count;
		(*out)->items = items;
	}
done:
	cc_buf_dispose(&pattern);
	cc_buf_dispose(&key);
	cc_buf_dispose(&dyn);
	for (i = 0; i < CC__ARRAY_SIZE(words); i++)
		cc_buf_dispose(&words[i]);
	return rc;
}

CC_EXTERN(void) cc_crm_customer_free(cc_crm_customer *c)
{
	cc_crm__records_free(&customer_record, c, c ? 1 : 0);
}

CC_EXTERN(void) cc_crm_customer_list_free(cc_crm_customer_list *list)
{
	if (!list)
		return;
	cc_crm__records_free(&customer_record, list->items, list->count);
	cc__free(list);
}

/* ---- erasure ---------------------------------------------------------- */

typedef struct erase {
	const char *id;
	const char *phone;
	char now[CC_STORE__TIME_MAX];
} erase;

static int erase_tx(cc_store_conn *c, void *ud)
{
	/* Each step names which of (id, phone, now) it binds, in order. */
	static const struct {
		const char *sql;
		int args[3];
		size_t n;
	} steps[] = {
		{ "DELETE FROM call_transcripts WHERE call_id IN "
		  "(SELECT call_id FROM calls WHERE customer_id = $1 "
		  "OR customer_phone = $2)",
		  { 0, 1, 0 }, 2 },
		{ "UPDATE calls SET customer_phone = NULL, "
		  "routing_reason = NULL, customer_id = $1, updated_at = $3 "
		  "WHERE customer_id = $1 OR customer_phone = $2",
		  { 0, 1, 2 }, 3 },
		{ "UPDATE tickets_history SET old_value = NULL, "
		  "new_value = NULL WHERE action = 'note' AND ticket_id IN "
		  "(SELECT ticket_id FROM tickets WHERE customer_id = $1 "
		  "OR customer_phone = $2)",
		  { 0, 1, 0 }, 2 },
		{ "UPDATE tickets SET customer_name = NULL, "
		  "customer_phone = NULL, customer_email = NULL, "
		  "description = '[erased]', notes = NULL, customer_id = $1, "
		  "updated_at = $3 "
		  "WHERE customer_id = $1 OR customer_phone = $2",
		  { 0, 1, 2 }, 3 },
		{ "UPDATE customers SET phone = NULL, name = '', "
		  "name_key = '', email = NULL, notes = NULL, "
		  "company_name = NULL, language = NULL, erased_at = $2, "
		  "updated_at = $2 WHERE customer_id = $1",
		  { 0, 2, 0 }, 2 },
	};
	erase *e = ud;
	cc_store_value all[3], p[3];
	size_t i, j;
	int rc = 0;

	all[0] = cc_store__text(e->id);
	all[1] = cc_store__text(e->phone ? e->phone : "");
	all[2] = cc_store__text(e->now);
	for (i = 0; i < CC__ARRAY_SIZE(steps) && rc == 0; i++) {
		for (j = 0; j < steps[i].n; j++)
			p[j] = all[steps[i].args[j]];
		rc = cc_store__exec(c, steps[i].sql, p, steps[i].n, NULL, NULL,
				    NULL);
	}
	return rc;
}

CC_EXTERN(int) cc_crm_customer_erase(cc_crm *crm, const char *key)
{
	cc_crm_customer *cust = NULL;
	erase e;
	int rc;

	CC__CHECK_NOTNULL(crm);
	CC__CHECK_NOTNULL(key);
	rc = cc_crm__customer_fetch(&cust, crm, key);
	if (rc < 0)
		return rc;
	e.id = cust->id;
	e.phone = cust->phone;
	cc_store__format_time(e.now, cc_crm__now(crm));
	rc = cc_store__transact(crm->store, erase_tx, &e);
	if (rc == 0)
		CC__LOG_INFO("crm: erased customer %s on request", cust->id);
	cc_crm_customer_free(cust);
	return rc;
}

/* ---- name keys of older rows ------------------------------------------ */

/* Version of the name key the CRM writes (customers.name_key_version):
 * 2 was the text layer's match key, 3 is its name key (Arabic and Latin
 * spellings meet).  Rows with an older key (or none, from before migration
 * 2) get the current one when a CRM opens the store. */
typedef struct stale {
	cc_crm__vec rows; /* pairs of (id, name) as char* */
} stale;

static int stale_row(const cc_store_value *cols, size_t n, void *ud)
{
	char **pair = cc_crm__vec_push(ud);
	int rc = 0;
	if (!pair)
		return cc__error_nomem();
	pair[0] = cc_crm__col_str(cols, n, 0, &rc);
	pair[1] = cc_crm__col_str(cols, n, 1, &rc);
	return rc;
}

typedef struct rekey {
	cc_crm__vec *rows;
} rekey;

static int rekey_tx(cc_store_conn *c, void *ud)
{
	rekey *r = ud;
	cc_buf key = CC_BUF_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < r->rows->count && rc == 0; i++) {
		char **pair = (char **)r->rows->items + 2 * i;
		cc_store_value p[2];
		/* A name the text layer cannot key gets an empty key and the
		 * current version, so it is not tried again and again. */
		if (cc_crm__name_key(&key, pair[1]) < 0)
			cc__buf_set(&key, "", 0);
		p[0] = cc_store__text(pair[0]);
		p[1] = cc_store__text(key.ptr ? key.ptr : "");
		rc = cc_store__exec(c,
				    "UPDATE customers SET name_key = $2, "
				    "name_key_version = 3 WHERE customer_id = $1",
				    p, 2, NULL, NULL, NULL);
	}
	cc_buf_dispose(&key);
	return rc;
}

int cc_crm__rekey_names(cc_crm *crm);

int cc_crm__rekey_names(cc_crm *crm)
{
	cc_store_value limit = cc_store__int(500);
	int rc, total = 0;
	for (;;) {
		cc_crm__vec rows = { NULL, 0, 0, 2 * sizeof(char *) };
		rekey r = { &rows };
		size_t i;
		rc = cc_crm__query(crm,
				   "SELECT customer_id, name FROM customers "
				   "WHERE name_key_version < 3 LIMIT $1",
				   &limit, 1, stale_row, &rows);
		if (rc == 0 && rows.count > 0)
			rc = cc_store__transact(crm->store, rekey_tx, &r);
		for (i = 0; i < 2 * rows.count; i++)
			cc__free(((char **)rows.items)[i]);
		cc__free(rows.items);
		if (rc < 0)
			return rc;
		if (rows.count == 0)
			break;
		total += (int)rows.count;
	}
	if (total)
		CC__LOG_INFO("crm: wrote name keys of %d older customers",
			     total);
	return total;
}
