/* The store conformance suite: the same cases against every backend.
 * Usage: test_store_conformance memory|sqlite|postgresql
 * PostgreSQL needs CC_TEST_PG_CONNINFO (tests/suites/50-postgres.sh starts a
 * throwaway cluster and sets it); without it the run is reported skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>

#include "callcenter.h"
#include "crm/crm_int.h"
#include "store/store_int.h"

static const char *backend;
static char uri[1024];
static char tmpdir[256];
static int64_t fake_now;

/* 2024-03-10 09:30:00 UTC */
#define T0 INT64_C(1710063000000)

static int64_t test_clock(void *ud)
{
	(void)ud;
	return fake_now;
}

typedef struct fx {
	cc_store *store;
	cc_crm *crm;
} fx;

static int drop_all(cc_store_conn *c, void *ud)
{
	(void)ud;
	return c->methods->script(c, "DROP SCHEMA public CASCADE;"
				     "CREATE SCHEMA public");
}

/* A fresh, empty database for every case. */
static void fresh_database(void)
{
	if (strcmp(backend, "sqlite") == 0) {
		char path[512];
		snprintf(path, sizeof(path), "%s/crm.db", tmpdir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/crm.db-wal", tmpdir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/crm.db-shm", tmpdir);
		unlink(path);
	} else if (strcmp(backend, "postgresql") == 0) {
		cc_store_options o = CC_STORE_OPTIONS_INIT;
		cc_store *s = NULL;
		o.migrate = 0;
		assert_int_equal(cc_store_open(&s, uri, &o), 0);
		assert_int_equal(cc_store__with_conn(s, drop_all, NULL), 0);
		cc_store_free(s);
	}
}

static int setup(void **state)
{
	cc_crm_options co = CC_CRM_OPTIONS_INIT;
	fx *f = calloc(1, sizeof(*f));
	fresh_database();
	fake_now = T0;
	co.clock = test_clock;
	if (cc_store_open(&f->store, uri, NULL) != 0) {
		fprintf(stderr, "open %s: %s\n", backend,
			cc_error_last()->message);
		free(f);
		return -1;
	}
	assert_int_equal(cc_crm_open(&f->crm, f->store, &co), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	if (f) {
		cc_crm_free(f->crm);
		cc_store_free(f->store);
		free(f);
	}
	return 0;
}

/* ---- helpers ---------------------------------------------------------- */

static int count_cb(const cc_store_value *cols, size_t n, void *ud)
{
	*(int64_t *)ud = n ? cc_crm__col_int(cols, n, 0) : -1;
	return 0;
}

/* SELECT COUNT(*)... through the backend; -1 when the query fails. */
static int64_t count(fx *f, const char *sql)
{
	int64_t n = -1;
	if (cc_crm__query(f->crm, sql, NULL, 0, count_cb, &n) < 0)
		return -1;
	return n;
}

static void upsert(fx *f, const char *phone, const char *name, char *id)
{
	cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
	in.phone = phone;
	in.name = name;
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), 0);
}

/* ---- schema and migrations -------------------------------------------- */

static void test_migrate_fresh(void **state)
{
	fx *f = *state;
	assert_int_equal(cc_store_schema_version(f->store),
			 cc_store_schema_latest());
	assert_true(cc_store_schema_latest() >= 2);
	/* Applying again changes nothing. */
	assert_int_equal(cc_store_migrate(f->store), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM schema_migrations"),
			 cc_store_schema_latest());
	/* The views exist and are empty. */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM active_calls"), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM open_tickets"), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM agent_availability"), 0);
}

static int insert_v1_customer(cc_store_conn *c, void *ud)
{
	(void)ud;
	return cc_store__exec(
		c,
		"INSERT INTO customers (customer_id, phone, name, created_at, "
		"updated_at) VALUES ('CUST_OLD', '+966501112222', 'Old Timer', "
		"'2023-01-01 00:00:00.000+00:00', "
		"'2023-01-01 00:00:00.000+00:00')",
		NULL, 0, NULL, NULL, NULL);
}

static void test_migrate_existing_database(void **state)
{
	cc_store_options o = CC_STORE_OPTIONS_INIT;
	const cc_store__migration *list;
	cc_crm_customer *c = NULL;
	cc_crm_customer_list *found = NULL;
	cc_store *s = NULL;
	cc_crm *crm = NULL;
	size_t n;

	/* Start over with a database at version 1 that holds data. */
	teardown(state);
	*state = NULL;
	fresh_database();
	o.migrate = 0;
	assert_int_equal(cc_store_open(&s, uri, &o), 0);
	list = cc_store__migrations(s, &n);
	assert_int_equal(cc_store__migrate_list(s, list, n, 1), 1);
	assert_int_equal(cc_store_schema_version(s), 1);
	assert_int_equal(cc_store__transact(s, insert_v1_customer, NULL), 0);
	/* The CRM refuses an old schema rather than failing later. */
	assert_int_equal(cc_crm_open(&crm, s, NULL), CC_ESTATE);

	assert_int_equal(cc_store_migrate(s), (int)n - 1);
	assert_int_equal(cc_store_schema_version(s), cc_store_schema_latest());
	assert_int_equal(cc_crm_open(&crm, s, NULL), 0);
	assert_int_equal(cc_crm_customer_get(&c, crm, "+966501112222"), 0);
	assert_string_equal(c->id, "CUST_OLD");
	assert_string_equal(c->name, "Old Timer");
	cc_crm_customer_free(c);
	/* Rows from before version 2 got their name key on open. */
	assert_int_equal(cc_crm_customer_search(&found, crm, "timer", 0, 0), 0);
	assert_int_equal(found->count, 1);
	cc_crm_customer_list_free(found);
	cc_crm_free(crm);
	cc_store_free(s);
}

static void test_failed_migration_changes_nothing(void **state)
{
	fx *f = *state;
	cc_store__migration list[16];
	const cc_store__migration *have;
	size_t n, i;
	int latest = cc_store_schema_latest(), rc;
	char name[32];

	/* Every migration the database has, then a new one that fails
	 * half-way through. */
	have = cc_store__migrations(f->store, &n);
	assert_true(n < 15);
	for (i = 0; i < n; i++)
		list[i] = have[i];
	list[n].version = latest + 1;
	list[n].name = "broken";
	list[n].sql = "CREATE TABLE extra_t (x integer);"
		      "INSERT INTO extra_t VALUES (1);"
		      "INSERT INTO no_such_table VALUES (1);";
	rc = cc_store__migrate_list(f->store, list, n + 1, 0);
	assert_int_equal(rc, CC_ESTORE);
	snprintf(name, sizeof(name), "%04d_broken", latest + 1);
	assert_non_null(strstr(cc_error_last()->message, name));
	assert_int_equal(cc_store_schema_version(f->store), latest);
	/* The table the broken migration created is gone again. */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM extra_t"), -1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 0);
}

/* ---- customers -------------------------------------------------------- */

static void test_customer_upsert_get(void **state)
{
	fx *f = *state;
	cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
	char id[CC_CRM_ID_MAX], id2[CC_CRM_ID_MAX];
	cc_crm_customer *c = NULL;

	in.phone = "+966501234567";
	in.name = "محمد عبدالله";
	in.email = "Mohammed.A@Example.COM";
	in.tier = "gold";
	in.vip = 1;
	in.language = "ar";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), 0);
	assert_memory_equal(id, "CUST_", 5);

	/* Arabic-Indic digits and 00 prefix: the same customer. */
	assert_int_equal(cc_crm_customer_get(&c, f->crm, "+٩٦٦٥٠١٢٣٤٥٦٧"), 0);
	assert_string_equal(c->id, id);
	assert_string_equal(c->phone, "+966501234567");
	assert_string_equal(c->name, "محمد عبدالله");
	assert_string_equal(c->email, "mohammed.a@example.com");
	assert_string_equal(c->tier, "gold");
	assert_int_equal(c->vip, 1);
	assert_int_equal(c->created_at, T0);
	cc_crm_customer_free(c);

	/* A second upsert updates what it names and keeps the rest. */
	memset(&in, 0, sizeof(in));
	in.version = CC_CRM_CUSTOMER_INPUT_VERSION;
	in.vip = -1;
	in.phone = "00966 50 123 4567";
	in.name = "Mohammed Abdullah";
	fake_now = T0 + 1000;
	assert_int_equal(cc_crm_customer_upsert(id2, f->crm, &in), 0);
	assert_string_equal(id2, id);
	assert_int_equal(cc_crm_customer_get(&c, f->crm, id), 0);
	assert_string_equal(c->name, "Mohammed Abdullah");
	assert_string_equal(c->email, "mohammed.a@example.com");
	assert_int_equal(c->vip, 1);
	assert_int_equal(c->updated_at, T0 + 1000);
	cc_crm_customer_free(c);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 1);

	/* Typed locally in Arabic-Indic digits, or said aloud in Arabic or
	 * English: still the one customer. */
	{
		static const char *const forms[] = {
			"٠٥٠١٢٣٤٥٦٧",
			"صفر خمسة صفر واحد اثنين ثلاثة أربعة خمسة ستة سبعة",
			"zero five zero one two three four five six seven",
			"050-123-4567",
		};
		size_t k;
		for (k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
			in.phone = forms[k];
			in.name = NULL;
			assert_int_equal(cc_crm_customer_upsert(id2, f->crm,
								&in),
					 0);
			assert_string_equal(id2, id);
		}
	}
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 1);

	assert_int_equal(cc_crm_customer_get(&c, f->crm, "+966509999999"),
			 CC_ENOTFOUND);
	assert_null(c);
}

/* Local numbers are read in the CRM's default region (SA unless set); a
 * CRM cannot be opened without one, and a refusal says what was wrong. */
static void test_local_numbers_use_the_default_region(void **state)
{
	fx *f = *state;
	cc_crm_options co = CC_CRM_OPTIONS_INIT;
	cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
	cc_crm_customer *c = NULL;
	cc_crm *ae = NULL, *none = NULL;
	char id[CC_CRM_ID_MAX], id_ae[CC_CRM_ID_MAX];

	in.phone = "055 987 6543";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), 0);
	assert_int_equal(cc_crm_customer_get(&c, f->crm, id), 0);
	assert_string_equal(c->phone, "+966559876543");
	cc_crm_customer_free(c);

	co.default_region = "ae";
	co.clock = test_clock;
	assert_int_equal(cc_crm_open(&ae, f->store, &co), 0);
	assert_int_equal(cc_crm_customer_upsert(id_ae, ae, &in), 0);
	assert_string_not_equal(id_ae, id);
	assert_int_equal(cc_crm_customer_get(&c, ae, id_ae), 0);
	assert_string_equal(c->phone, "+971559876543");
	cc_crm_customer_free(c);
	/* A Riyadh landline is no Emirati number: the message says why and
	 * in which region it was read, without quoting it. */
	in.phone = "011 234 5678";
	assert_int_equal(cc_crm_customer_upsert(id_ae, ae, &in), CC_EPARSE);
	assert_non_null(strstr(cc_error_last()->message, "AE"));
	assert_non_null(strstr(cc_error_last()->message, "default_region"));
	assert_null(strstr(cc_error_last()->message, "234"));
	cc_crm_free(ae);
	in.phone = "011 234 5678";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), 0);
	in.phone = "0123";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EPARSE);
	assert_non_null(strstr(cc_error_last()->message, "too few digits"));
	assert_non_null(strstr(cc_error_last()->message, "SA"));
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 3);

	co.default_region = "";
	assert_int_equal(cc_crm_open(&none, f->store, &co), CC_EINVAL);
	assert_null(none);
	assert_non_null(strstr(cc_error_last()->message, "default_region"));
	co.default_region = "XX";
	assert_int_equal(cc_crm_open(&none, f->store, &co), CC_EINVAL);
	assert_null(none);
}

static void test_customer_search(void **state)
{
	fx *f = *state;
	cc_crm_customer_list *l = NULL;
	cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
	char id[CC_CRM_ID_MAX];

	upsert(f, "+966501000001", "Sara Ahmed", id);
	upsert(f, "+966501000002", "Omar 100% Khalid_x", id);
	in.phone = "+966501000003";
	in.name = "Layla";
	in.email = "layla@example.org";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), 0);

	assert_int_equal(cc_crm_customer_search(&l, f->crm, "sara", 0, 0), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].name, "Sara Ahmed");
	cc_crm_customer_list_free(l);
	/* LIKE metacharacters in a query are literal. */
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "100%", 0, 0), 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	/* LIKE wildcards are literal: one match, not everyone. */
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "_", 0, 0), 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "%", 0, 0), 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	/* Spelling variants of an Arabic name meet in the key. */
	upsert(f, "+966501000004", "فاطمة الزهراء", id);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "فاطمه", 0, 0), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].name, "فاطمة الزهراء");
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "الزَّهراء", 0, 0),
			 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	/* Arabic and Latin spellings of a name find each other. */
	upsert(f, "+966501000005", "محمد عبدالله", id);
	upsert(f, "+966501000006", "Ahmad Yousef", id);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "Mohammed", 0, 0),
			 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].name, "محمد عبدالله");
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "muhammad abdullah",
						0, 0),
			 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "أحمد", 0, 0), 0);
	assert_int_equal(l->count, 2); /* Ahmad Yousef and Sara Ahmed */
	cc_crm_customer_list_free(l);
	/* A national number with the default region finds the customer. */
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "050 100 0004", 0,
						0),
			 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "LAYLA@example.org",
						0, 0),
			 0);
	assert_int_equal(l->count, 1);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "+966 50 100 0002",
						0, 0),
			 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].phone, "+966501000002");
	cc_crm_customer_list_free(l);
	/* Everyone, paginated. */
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "", 2, 0), 0);
	assert_int_equal(l->count, 2);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "", 2, 2), 0);
	assert_int_equal(l->count, 2);
	cc_crm_customer_list_free(l);
}

static void test_injection_shaped_input(void **state)
{
	static const char *const nasty[] = {
		"Robert'); DROP TABLE customers;--",
		"'; DROP TABLE tickets; --",
		"x\" OR \"1\"=\"1",
		"$1 $2 ?1 :name @p",
		"O'Brien; DELETE FROM calls WHERE '1'='1",
	};
	fx *f = *state;
	char id[CC_CRM_ID_MAX], tid[CC_CRM_ID_MAX], call[CC_CRM_ID_MAX] = "";
	cc_crm_customer_list *l = NULL;
	cc_crm_ticket_list *tl = NULL;
	cc_crm_ticket *t = NULL;
	cc_crm_customer *c = NULL;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_ticket_filter tf = CC_CRM_TICKET_FILTER_INIT;
	cc_crm_transcript *tr = NULL;
	size_t i;

	for (i = 0; i < sizeof(nasty) / sizeof(nasty[0]); i++) {
		char phone[32];
		snprintf(phone, sizeof(phone), "+96650200000%zu", i);
		upsert(f, phone, nasty[i], id);
		assert_int_equal(cc_crm_customer_get(&c, f->crm, id), 0);
		assert_string_equal(c->name, nasty[i]);
		cc_crm_customer_free(c);
		/* Found by its own name (name keys may find a few more). */
		assert_int_equal(cc_crm_customer_search(&l, f->crm, nasty[i], 0,
							0),
				 0);
		{
			size_t k, found = 0;
			for (k = 0; k < l->count; k++)
				found += strcmp(l->items[k].id, id) == 0;
			assert_int_equal(found, 1);
			assert_true(l->count <= i + 1);
		}
		cc_crm_customer_list_free(l);
	}
	/* A tautology in the query is text, not SQL: never "everyone". */
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "' OR '1'='1", 0,
						0),
			 0);
	assert_true(l->count < 5);
	cc_crm_customer_list_free(l);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "zz' OR 'a'='a", 0,
						0),
			 0);
	assert_int_equal(l->count, 0);
	cc_crm_customer_list_free(l);

	ti.subject = nasty[1];
	ti.description = nasty[4];
	ti.customer_phone = "+966502000000";
	ti.customer_email = "o'brien@example.com";
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->subject, nasty[1]);
	assert_string_equal(t->description, nasty[4]);
	assert_string_equal(t->customer_email, "o'brien@example.com");
	cc_crm_ticket_free(t);
	tf.text = "drop table";
	assert_int_equal(cc_crm_ticket_search(&tl, f->crm, &tf), 0);
	assert_int_equal(tl->count, 1);
	cc_crm_ticket_list_free(tl);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "resolved",
						  "agent'; --", nasty[0]),
			 0);

	assert_int_equal(cc_crm_call_start(call, f->crm, NULL), 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "customer",
						  nasty[0], "en", 0),
			 0);
	assert_int_equal(cc_crm_transcript_get(&tr, f->crm, call), 0);
	assert_int_equal(tr->count, 1);
	assert_string_equal(tr->items[0].text, nasty[0]);
	cc_crm_transcript_free(tr);
	/* A ticket ID shaped like SQL is refused before any query. */
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, "x' OR '1'='1"),
			 CC_EINVAL);

	/* Every table is still there with what was written. */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 5);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM calls"), 1);
}

static void test_arabic_round_trip(void **state)
{
	static const char ar[] = "السَّلامُ عَلَيْكُم، عندي مشكلة في الفاتورة رقم ١٢٣٤ 🙏 — شكراً";
	fx *f = *state;
	char call[CC_CRM_ID_MAX] = "", tid[CC_CRM_ID_MAX];
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_transcript *tr = NULL;
	cc_crm_ticket *t = NULL;
	cc_crm_ticket_history *h = NULL;

	ci.customer_phone = "+962791234567";
	ci.language = "ar";
	ci.department = "الشكاوى";
	assert_int_equal(cc_crm_call_start(call, f->crm, &ci), 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "customer",
						  ar, "ar", 0),
			 0);
	assert_int_equal(cc_crm_transcript_get(&tr, f->crm, call), 0);
	assert_int_equal(tr->count, 1);
	assert_string_equal(tr->items[0].text, ar);
	assert_string_equal(tr->items[0].language, "ar");
	cc_crm_transcript_free(tr);

	ti.subject = "شكوى فاتورة";
	ti.description = ar;
	ti.department = "الشكاوى";
	ti.customer_name = "فاطمة الزهراء";
	ti.customer_phone = "+962791234567";
	ti.call_id = call;
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_add_note(f->crm, tid, "تم التواصل مع العميلة",
						"agent-1"),
			 0);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->description, ar);
	assert_string_equal(t->department, "الشكاوى");
	assert_string_equal(t->customer_name, "فاطمة الزهراء");
	assert_string_equal(t->notes, "تم التواصل مع العميلة");
	assert_string_equal(t->call_id, call);
	cc_crm_ticket_free(t);
	assert_int_equal(cc_crm_ticket_history_get(&h, f->crm, tid), 0);
	assert_int_equal(h->count, 2);
	assert_string_equal(h->items[1].new_value, "تم التواصل مع العميلة");
	cc_crm_ticket_history_free(h);
}

static void test_bad_input_changes_nothing(void **state)
{
	fx *f = *state;
	cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	char id[CC_CRM_ID_MAX], big[70000], call[CC_CRM_ID_MAX] = "";
	cc_store *s = NULL;
	cc_store_options o = CC_STORE_OPTIONS_INIT;

	in.phone = "+966501234567";
	in.name = "bad \xC3\x28 utf8";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EUTF8);
	in.name = "ok";
	in.tier = "diamond";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EINVAL);
	in.tier = NULL;
	in.email = "not-an-email";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EINVAL);
	in.email = NULL;
	in.phone = "call me maybe";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EPARSE);
	in.phone = "+12";
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EPARSE);
	in.phone = NULL;
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EINVAL);
	in.phone = "+966501234567";
	in.version = 99;
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, &in), CC_EINVAL);
	assert_int_equal(cc_crm_customer_upsert(id, NULL, &in), CC_EINVAL);
	assert_int_equal(cc_crm_customer_upsert(id, f->crm, NULL), CC_EINVAL);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 0);

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(cc_crm_call_start(call, f->crm, NULL), 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "customer",
						  big, NULL, 0),
			 CC_ETOOBIG);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "robot",
						  "hi", NULL, 0),
			 CC_EINVAL);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM call_transcripts"), 0);
	assert_int_equal(cc_crm_call_end(f->crm, "CALL_NOPE", NULL, NULL, 0),
			 CC_ENOTFOUND);
	assert_int_equal(cc_crm_call_end(f->crm, call, "exploded", NULL, 0),
			 CC_EINVAL);

	/* A refusal by the database quotes no caller data back. */
	{
		cc_crm_ticket_input bad = CC_CRM_TICKET_INPUT_INIT;
		bad.subject = "Secret Name +966501234567";
		bad.call_id = "CALL_DOES_NOT_EXIST";
		assert_int_equal(cc_crm_ticket_create(id, f->crm, &bad),
				 CC_ESTORE);
		assert_null(strstr(cc_error_last()->message, "Secret"));
		assert_null(strstr(cc_error_last()->message, "501234567"));
		assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 0);
	}
	ti.subject = "";
	assert_int_equal(cc_crm_ticket_create(id, f->crm, &ti), CC_EINVAL);
	ti.subject = "x";
	ti.priority = "whenever";
	assert_int_equal(cc_crm_ticket_create(id, f->crm, &ti), CC_EINVAL);
	assert_string_equal(id, "");
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 0);

	o.version = 0;
	assert_int_equal(cc_store_open(&s, uri, &o), CC_EINVAL);
	assert_null(s);
	assert_int_equal(cc_store_open(&s, "nosuch:thing", NULL),
			 CC_EUNSUPPORTED);
	assert_int_equal(cc_store_open(&s, "sqlite:", NULL), CC_EINVAL);
	assert_int_equal(cc_store_open(&s, NULL, NULL), CC_EINVAL);
	assert_int_equal(cc_store_open(NULL, uri, NULL), CC_EINVAL);
}

/* ---- calls and transcripts -------------------------------------------- */

static void test_call_lifecycle(void **state)
{
	fx *f = *state;
	char call[CC_CRM_ID_MAX] = "";
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_call_filter cf = CC_CRM_CALL_FILTER_INIT;
	cc_crm_call *c = NULL;
	cc_crm_call_list *l = NULL;
	cc_crm_transcript *tr = NULL;
	cc_crm_customer *cust = NULL;
	size_t i;

	ci.customer_phone = "+971501234567";
	ci.language = "en";
	assert_int_equal(cc_crm_call_start(call, f->crm, &ci), 0);
	/* CALL_YYYYMMDDHHMMSS_ + 16 random characters */
	assert_int_equal(strlen(call), 5 + 14 + 1 + 16);
	assert_memory_equal(call, "CALL_20240310093000_", 20);
	/* Starting again is a no-op. */
	assert_int_equal(cc_crm_call_start(call, f->crm, &ci), 0);

	memset(&ci, 0, sizeof(ci));
	ci.version = CC_CRM_CALL_INPUT_VERSION;
	ci.stage = "collect_name";
	ci.status = "ivr_processing";
	assert_int_equal(cc_crm_call_update(f->crm, call, &ci), 0);
	ci.stage = "route_to_department";
	ci.department = "sales";
	ci.routing_reason = "matched: price, buy";
	ci.status = "in_queue";
	assert_int_equal(cc_crm_call_update(f->crm, call, &ci), 0);

	for (i = 1; i <= 3; i++)
		assert_int_equal(cc_crm_transcript_append(
					 f->crm, call, (int64_t)i,
					 i % 2 ? "customer" : "bot", "turn",
					 "en", T0 + (int64_t)i * 1000),
				 0);
	/* A retried turn is stored once; seq 0 takes the next number. */
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 2, "bot",
						  "turn", "en", 0),
			 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 0, "system",
						  "transferred", NULL, 0),
			 0);
	assert_int_equal(cc_crm_transcript_get(&tr, f->crm, call), 0);
	assert_int_equal(tr->count, 4);
	assert_int_equal(tr->items[3].seq, 4);
	assert_string_equal(tr->items[3].speaker, "system");
	assert_int_equal(tr->items[0].at, T0 + 1000);
	cc_crm_transcript_free(tr);

	cf.active_only = 1;
	assert_int_equal(cc_crm_call_search(&l, f->crm, &cf), 0);
	assert_int_equal(l->count, 1);
	cc_crm_call_list_free(l);

	assert_int_equal(cc_crm_call_end(f->crm, call, "completed", "resolved",
					 T0 + 65000),
			 0);
	/* Ending again changes nothing. */
	assert_int_equal(cc_crm_call_end(f->crm, call, "completed", "resolved",
					 T0 + 99000),
			 0);
	assert_int_equal(cc_crm_call_get(&c, f->crm, call), 0);
	assert_string_equal(c->status, "completed");
	assert_string_equal(c->stage, "route_to_department");
	assert_string_equal(c->department, "sales");
	assert_string_equal(c->routing_reason, "matched: price, buy");
	assert_string_equal(c->outcome, "resolved");
	assert_string_equal(c->customer_phone, "+971501234567");
	assert_non_null(c->customer_id);
	assert_int_equal(c->started_at, T0);
	assert_int_equal(c->ended_at, T0 + 65000);
	assert_int_equal(c->duration_seconds, 65);
	cc_crm_call_free(c);

	assert_int_equal(cc_crm_call_search(&l, f->crm, &cf), 0);
	assert_int_equal(l->count, 0);
	cc_crm_call_list_free(l);
	cf.active_only = 0;
	cf.customer = "+971 50 123 4567";
	assert_int_equal(cc_crm_call_search(&l, f->crm, &cf), 0);
	assert_int_equal(l->count, 1);
	cc_crm_call_list_free(l);

	assert_int_equal(cc_crm_customer_get(&cust, f->crm, "+971501234567"), 0);
	assert_int_equal(cust->total_calls, 1);
	assert_int_equal(cust->last_interaction, T0);
	cc_crm_customer_free(cust);
}

/* ---- tickets ---------------------------------------------------------- */

static void test_ticket_state_machine_and_history(void **state)
{
	fx *f = *state;
	char tid[CC_CRM_ID_MAX];
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_agent_input ai = CC_CRM_AGENT_INPUT_INIT;
	cc_crm_ticket *t = NULL;
	cc_crm_ticket_history *h = NULL;
	cc_crm_customer *cust = NULL;

	ti.subject = "Late delivery";
	ti.description = "Order 5512 is two weeks late";
	ti.priority = "high";
	ti.customer_phone = "+966551234567";
	ti.customer_name = "Khalid";
	ti.created_by = "ivr";
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(strlen(tid), 4 + 8 + 1 + 16);
	assert_memory_equal(tid, "TKT_20240310_", 13);

	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->status, "open");
	assert_string_equal(t->priority, "high");
	assert_string_equal(t->department, "complaints");
	assert_string_equal(t->customer_phone, "+966551234567");
	assert_non_null(t->customer_id);
	assert_null(t->assigned_to);
	cc_crm_ticket_free(t);
	assert_int_equal(cc_crm_customer_get(&cust, f->crm, "+966551234567"), 0);
	assert_int_equal(cust->total_tickets, 1);
	assert_string_equal(cust->name, "Khalid");
	cc_crm_customer_free(cust);

	/* Assignment needs an agent that exists. */
	assert_int_equal(cc_crm_ticket_assign(f->crm, tid, "agent-7", "sup-1",
					      NULL),
			 CC_ENOTFOUND);
	ai.id = "agent-7";
	ai.name = "Noura";
	ai.department = "complaints";
	ai.skills = "billing, delivery";
	ai.languages = "ar,en";
	assert_int_equal(cc_crm_agent_upsert(f->crm, &ai), 0);
	fake_now = T0 + 60000;
	assert_int_equal(cc_crm_ticket_assign(f->crm, tid, "agent-7", "sup-1",
					      "delivery expert"),
			 0);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->assigned_to, "agent-7");
	assert_string_equal(t->status, "in_progress");
	assert_int_equal(t->assigned_at, T0 + 60000);
	cc_crm_ticket_free(t);

	fake_now = T0 + 120000;
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "resolved",
						  "agent-7", "refunded"),
			 0);
	/* resolved -> in_progress is not a move the state machine has. */
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "in_progress",
						  "agent-7", NULL),
			 CC_ESTATE);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "bogus_status",
						  NULL, NULL),
			 CC_EINVAL);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "closed", NULL,
						  NULL),
			 0);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->status, "closed");
	assert_int_equal(t->resolved_at, T0 + 120000);
	assert_int_equal(t->closed_at, T0 + 120000);
	cc_crm_ticket_free(t);
	assert_int_equal(cc_crm_ticket_assign(f->crm, tid, NULL, NULL, NULL),
			 CC_ESTATE);
	/* Reopen. */
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "open",
						  "customer", "still late"),
			 0);
	assert_int_equal(cc_crm_ticket_assign(f->crm, tid, NULL, "sup-1",
					      "rebalance"),
			 0);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->status, "open");
	assert_null(t->assigned_to);
	assert_int_equal(t->resolved_at, 0);
	assert_int_equal(t->closed_at, 0);
	cc_crm_ticket_free(t);

	assert_int_equal(cc_crm_ticket_history_get(&h, f->crm, tid), 0);
	assert_int_equal(h->count, 7);
	assert_string_equal(h->items[0].action, "created");
	assert_string_equal(h->items[0].changed_by, "ivr");
	assert_string_equal(h->items[0].new_value, "open");
	assert_int_equal(h->items[0].at, T0);
	assert_string_equal(h->items[1].action, "assigned");
	assert_null(h->items[1].old_value);
	assert_string_equal(h->items[1].new_value, "agent-7");
	assert_string_equal(h->items[1].changed_by, "sup-1");
	assert_string_equal(h->items[1].reason, "delivery expert");
	assert_string_equal(h->items[2].action, "status");
	assert_string_equal(h->items[2].old_value, "open");
	assert_string_equal(h->items[2].new_value, "in_progress");
	assert_string_equal(h->items[3].old_value, "in_progress");
	assert_string_equal(h->items[3].new_value, "resolved");
	assert_string_equal(h->items[3].reason, "refunded");
	assert_int_equal(h->items[3].at, T0 + 120000);
	assert_string_equal(h->items[4].new_value, "closed");
	assert_string_equal(h->items[4].changed_by, "system");
	assert_string_equal(h->items[5].old_value, "closed");
	assert_string_equal(h->items[5].new_value, "open");
	assert_string_equal(h->items[6].action, "unassigned");
	assert_string_equal(h->items[6].old_value, "agent-7");
	cc_crm_ticket_history_free(h);
}

static void test_ticket_search_filters(void **state)
{
	fx *f = *state;
	static const char *const depts[] = { "complaints", "sales", "billing" };
	static const char *const prios[] = { "low", "medium", "high", "urgent" };
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_ticket_filter tf = CC_CRM_TICKET_FILTER_INIT;
	cc_crm_agent_input ai = CC_CRM_AGENT_INPUT_INIT;
	cc_crm_ticket_list *l = NULL;
	char ids[12][CC_CRM_ID_MAX];
	size_t i;

	ai.id = "a1";
	ai.name = "Agent One";
	assert_int_equal(cc_crm_agent_upsert(f->crm, &ai), 0);
	for (i = 0; i < 12; i++) {
		char subject[64], phone[32];
		fake_now = T0 + (int64_t)i * 3600000;
		snprintf(subject, sizeof(subject), "Issue %zu %s", i,
			 i == 5 ? "Refund please" : "other");
		snprintf(phone, sizeof(phone), "+96655000000%zu", i % 3);
		ti.subject = subject;
		ti.department = depts[i % 3];
		ti.priority = prios[i % 4];
		ti.customer_phone = phone;
		assert_int_equal(cc_crm_ticket_create(ids[i], f->crm, &ti), 0);
	}
	assert_int_equal(cc_crm_ticket_assign(f->crm, ids[0], "a1", NULL, NULL),
			 0);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, ids[1], "closed",
						  NULL, NULL),
			 0);

	tf.department = "sales";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 4);
	/* Newest first. */
	assert_string_equal(l->items[0].id, ids[10]);
	cc_crm_ticket_list_free(l);
	tf.department = NULL;
	tf.priority = "urgent";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 3);
	cc_crm_ticket_list_free(l);
	tf.priority = NULL;
	tf.status = "active";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 11);
	cc_crm_ticket_list_free(l);
	tf.status = "in_progress";
	tf.assigned_to = "a1";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].id, ids[0]);
	cc_crm_ticket_list_free(l);
	tf.status = NULL;
	tf.assigned_to = "";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 11);
	cc_crm_ticket_list_free(l);
	tf.assigned_to = NULL;
	tf.text = "REFUND";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].id, ids[5]);
	cc_crm_ticket_list_free(l);
	tf.text = NULL;
	tf.customer = "+966550000001";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 4);
	cc_crm_ticket_list_free(l);
	tf.customer = NULL;
	tf.from = T0 + 2 * 3600000;
	tf.to = T0 + 5 * 3600000;
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 3);
	cc_crm_ticket_list_free(l);
	tf.from = tf.to = 0;
	tf.limit = 5;
	tf.offset = 10;
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), 0);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[1].id, ids[0]);
	cc_crm_ticket_list_free(l);
	tf.status = "nonsense";
	assert_int_equal(cc_crm_ticket_search(&l, f->crm, &tf), CC_EINVAL);
	assert_null(l);
}

static void test_ticket_ids_and_idempotency(void **state)
{
	fx *f = *state;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	char a[CC_CRM_ID_MAX], b[CC_CRM_ID_MAX];
	static char ids[300][CC_CRM_ID_MAX];
	size_t i, j;

	ti.subject = "Complaint";
	ti.idempotency_key = "CALL_X:complaint";
	assert_int_equal(cc_crm_ticket_create(a, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_create(b, f->crm, &ti), 0);
	assert_string_equal(a, b);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets_history"), 1);

	/* Many tickets on one day: every ID distinct. */
	ti.idempotency_key = NULL;
	for (i = 0; i < 300; i++)
		assert_int_equal(cc_crm_ticket_create(ids[i], f->crm, &ti), 0);
	for (i = 0; i < 300; i++)
		for (j = i + 1; j < 300; j++)
			assert_string_not_equal(ids[i], ids[j]);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 301);
}

/* ---- concurrency ------------------------------------------------------ */

typedef struct racer {
	cc_crm *crm;
	int base;
	int failures;
	char ids[40][CC_CRM_ID_MAX];
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	int i;
	for (i = 0; i < 40; i++) {
		cc_crm_customer_input in = CC_CRM_CUSTOMER_INPUT_INIT;
		char phone[32];
		/* The same numbers, written differently by each thread. */
		snprintf(phone, sizeof(phone), r->base ? "00966 5 8%07d" :
							 "+96658%07d", i);
		in.phone = phone;
		in.name = r->base ? "Thread B" : "Thread A";
		if (cc_crm_customer_upsert(r->ids[i], r->crm, &in) != 0)
			r->failures++;
	}
	return NULL;
}

static void test_duplicate_upserts_from_two_threads(void **state)
{
	fx *f = *state;
	racer a, b;
	pthread_t ta, tb;
	int i;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.crm = b.crm = f->crm;
	b.base = 1;
	assert_int_equal(pthread_create(&ta, NULL, race, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, race, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_int_equal(a.failures, 0);
	assert_int_equal(b.failures, 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 40);
	for (i = 0; i < 40; i++)
		assert_string_equal(a.ids[i], b.ids[i]);
}

/* ---- agents, stats, privacy ------------------------------------------- */

static void test_agents(void **state)
{
	fx *f = *state;
	cc_crm_agent_input ai = CC_CRM_AGENT_INPUT_INIT;
	cc_crm_agent_list *l = NULL;
	cc_crm_agent *a = NULL;

	ai.id = "ag1";
	ai.name = "Huda";
	ai.department = "sales";
	ai.skills = "upsell, ar";
	ai.languages = "ar, en";
	ai.max_concurrent_calls = 2;
	assert_int_equal(cc_crm_agent_upsert(f->crm, &ai), 0);
	memset(&ai, 0, sizeof(ai));
	ai.version = CC_CRM_AGENT_INPUT_VERSION;
	ai.id = "ag2";
	ai.name = "Sami";
	assert_int_equal(cc_crm_agent_upsert(f->crm, &ai), 0);
	assert_int_equal(cc_crm_agent_set_status(f->crm, "ag1", "available"), 0);
	assert_int_equal(cc_crm_agent_set_status(f->crm, "nobody", "available"),
			 CC_ENOTFOUND);
	assert_int_equal(cc_crm_agent_set_status(f->crm, "ag1", "sleeping"),
			 CC_EINVAL);

	assert_int_equal(cc_crm_agent_get(&a, f->crm, "ag1"), 0);
	assert_string_equal(a->status, "available");
	assert_string_equal(a->skills, "[\"upsell\",\"ar\"]");
	assert_string_equal(a->languages, "[\"ar\",\"en\"]");
	assert_int_equal(a->max_concurrent_calls, 2);
	assert_int_equal(a->available, 1);
	cc_crm_agent_free(a);

	assert_int_equal(cc_crm_agent_search(&l, f->crm, NULL, 1), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].id, "ag1");
	cc_crm_agent_list_free(l);
	assert_int_equal(cc_crm_agent_search(&l, f->crm, "reception", 0), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0].id, "ag2");
	cc_crm_agent_list_free(l);

	/* An agent's load is the calls they have that have not ended. */
	{
		char c1[CC_CRM_ID_MAX] = "", c2[CC_CRM_ID_MAX] = "";
		cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
		ci.agent_id = "ag1";
		assert_int_equal(cc_crm_call_start(c1, f->crm, NULL), 0);
		assert_int_equal(cc_crm_call_start(c2, f->crm, NULL), 0);
		assert_int_equal(cc_crm_call_update(f->crm, c1, &ci), 0);
		assert_int_equal(cc_crm_agent_get(&a, f->crm, "ag1"), 0);
		assert_int_equal(a->current_calls, 1);
		assert_int_equal(a->available, 1);
		cc_crm_agent_free(a);
		assert_int_equal(cc_crm_call_update(f->crm, c2, &ci), 0);
		assert_int_equal(cc_crm_agent_get(&a, f->crm, "ag1"), 0);
		assert_int_equal(a->current_calls, 2);
		assert_int_equal(a->available, 0);
		cc_crm_agent_free(a);
		assert_int_equal(cc_crm_agent_search(&l, f->crm, NULL, 1), 0);
		assert_int_equal(l->count, 0);
		cc_crm_agent_list_free(l);
		assert_int_equal(cc_crm_call_end(f->crm, c1, NULL, NULL, 0), 0);
		assert_int_equal(cc_crm_agent_get(&a, f->crm, "ag1"), 0);
		assert_int_equal(a->current_calls, 1);
		assert_int_equal(a->available, 1);
		cc_crm_agent_free(a);
	}
}

static void test_stats(void **state)
{
	fx *f = *state;
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_agent_input ai = CC_CRM_AGENT_INPUT_INIT;
	cc_buf out = CC_BUF_INIT;
	char tid[CC_CRM_ID_MAX];
	int i;

	ai.id = "ag1";
	ai.name = "Huda";
	assert_int_equal(cc_crm_agent_upsert(f->crm, &ai), 0);
	for (i = 0; i < 4; i++) {
		char call[CC_CRM_ID_MAX] = "";
		ci.department = i < 3 ? "sales" : "complaints";
		ci.at = T0 + i * 60000;
		ci.agent_id = i < 2 ? "ag1" : NULL;
		assert_int_equal(cc_crm_call_start(call, f->crm, &ci), 0);
		if (ci.agent_id) {
			cc_crm_call_input up = CC_CRM_CALL_INPUT_INIT;
			up.agent_id = "ag1";
			assert_int_equal(cc_crm_call_update(f->crm, call, &up),
					 0);
		}
		assert_int_equal(cc_crm_call_end(f->crm, call,
						 i == 2 ? "abandoned"
							: "completed",
						 NULL, ci.at + 30000 * (i + 1)),
				 0);
	}
	ti.subject = "x";
	ti.department = "sales";
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_assign(f->crm, tid, "ag1", NULL, NULL),
			 0);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "resolved",
						  "ag1", NULL),
			 0);

	assert_int_equal(cc_crm_stats_compute(f->crm, "2024-03-10"), 2);
	/* Recomputing replaces, never adds. */
	assert_int_equal(cc_crm_stats_compute(f->crm, "2024-03-10"), 2);
	assert_int_equal(cc_crm_stats_json(&out, f->crm, "2024-03-10"), 0);
	assert_non_null(strstr(out.ptr,
			       "{\"date\":\"2024-03-10\",\"department\":"
			       "\"sales\",\"total_calls\":3,"
			       "\"completed_calls\":2,\"abandoned_calls\":1,"
			       "\"avg_wait_time_seconds\":0,"
			       "\"avg_handling_time_seconds\":45,"
			       "\"calls_transferred\":0,\"tickets_created\":1,"
			       "\"peak_hour\":9}"));
	assert_non_null(strstr(out.ptr, "\"department\":\"complaints\","
					"\"total_calls\":1"));
	assert_non_null(strstr(out.ptr,
			       "{\"date\":\"2024-03-10\",\"agent_id\":\"ag1\","
			       "\"calls_handled\":2,"
			       "\"avg_call_duration_seconds\":45,"
			       "\"tickets_resolved\":1,\"tickets_assigned\":1,"
			       "\"escalation_rate\":0}"));
	cc_buf_dispose(&out);
	assert_int_equal(cc_crm_stats_compute(f->crm, "2024-02-30"), CC_EINVAL);
	assert_int_equal(cc_crm_stats_compute(f->crm, "yesterday"), CC_EINVAL);
}

static void test_retention_purge(void **state)
{
	fx *f = *state;
	char call[CC_CRM_ID_MAX] = "", open_call[CC_CRM_ID_MAX] = "";
	char tid[CC_CRM_ID_MAX], tid2[CC_CRM_ID_MAX];
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;

	assert_int_equal(cc_crm_call_start(call, f->crm, NULL), 0);
	assert_int_equal(cc_crm_call_start(open_call, f->crm, NULL), 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "customer",
						  "hello", NULL, 0),
			 0);
	assert_int_equal(cc_crm_call_end(f->crm, call, NULL, NULL, 0), 0);
	ti.subject = "old";
	ti.call_id = call;
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_set_status(f->crm, tid, "closed", NULL,
						  NULL),
			 0);
	assert_int_equal(cc_crm_ticket_create(tid2, f->crm, &ti), 0);

	/* Nothing is old enough yet. */
	assert_int_equal(cc_crm_purge(f->crm), 0);
	/* 100 days on: transcripts (90 days) go, calls and tickets stay. */
	fake_now = T0 + INT64_C(100) * 86400000;
	assert_int_equal(cc_crm_purge(f->crm), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM call_transcripts"), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM calls"), 2);
	/* Three years on: the ended call and the closed ticket go; the
	 * unfinished call and the open ticket stay. */
	fake_now = T0 + INT64_C(1100) * 86400000;
	assert_int_equal(cc_crm_purge(f->crm), 2);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM calls"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets_history"), 1);
}

static void test_erase_customer(void **state)
{
	fx *f = *state;
	char call[CC_CRM_ID_MAX] = "", tid[CC_CRM_ID_MAX], id[CC_CRM_ID_MAX];
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	cc_crm_customer *c = NULL;
	cc_crm_ticket *t = NULL;
	cc_crm_call *cl = NULL;
	cc_crm_customer_list *l = NULL;

	upsert(f, "+966507654321", "Private Person", id);
	upsert(f, "+966507654322", "Other Person", NULL);
	ci.customer_phone = "+966507654321";
	assert_int_equal(cc_crm_call_start(call, f->crm, &ci), 0);
	assert_int_equal(cc_crm_transcript_append(f->crm, call, 1, "customer",
						  "my card is 4111", NULL, 0),
			 0);
	ti.subject = "card";
	ti.description = "card 4111 charged twice";
	ti.customer_phone = "+966507654321";
	ti.customer_email = "pp@example.com";
	ti.call_id = call;
	assert_int_equal(cc_crm_ticket_create(tid, f->crm, &ti), 0);
	assert_int_equal(cc_crm_ticket_add_note(f->crm, tid, "called back",
						NULL),
			 0);

	assert_int_equal(cc_crm_customer_erase(f->crm, "+966507654321"), 0);
	assert_int_equal(cc_crm_customer_get(&c, f->crm, id), 0);
	assert_null(c->phone);
	assert_string_equal(c->name, "");
	assert_null(c->email);
	assert_int_not_equal(c->erased_at, 0);
	assert_int_equal(c->total_calls, 1);
	assert_int_equal(c->total_tickets, 1);
	cc_crm_customer_free(c);
	assert_int_equal(cc_crm_customer_get(&c, f->crm, "+966507654321"),
			 CC_ENOTFOUND);
	assert_int_equal(cc_crm_customer_search(&l, f->crm, "private", 0, 0),
			 0);
	assert_int_equal(l->count, 0);
	cc_crm_customer_list_free(l);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM call_transcripts"), 0);
	assert_int_equal(cc_crm_call_get(&cl, f->crm, call), 0);
	assert_null(cl->customer_phone);
	cc_crm_call_free(cl);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_null(t->customer_phone);
	assert_null(t->customer_email);
	assert_null(t->notes);
	assert_string_equal(t->description, "[erased]");
	cc_crm_ticket_free(t);
	/* Others are untouched. */
	assert_int_equal(cc_crm_customer_get(&c, f->crm, "+966507654322"), 0);
	assert_string_equal(c->name, "Other Person");
	cc_crm_customer_free(c);
	assert_int_equal(cc_crm_customer_erase(f->crm, "+966507654321"),
			 CC_ENOTFOUND);
}

/* ---- writes kept while the database is away --------------------------- */

/* SQLite: another process holds the write lock past the busy timeout. */
static void test_sqlite_locked_write_is_kept(void **state)
{
	fx *f = *state;
	cc_store_options o = CC_STORE_OPTIONS_INIT;
	cc_store *blocker = NULL, *s = NULL;
	cc_store_conn *c = NULL;
	cc_crm *crm = NULL;
	char call[CC_CRM_ID_MAX] = "";

	(void)f;
	o.busy_timeout_ms = 50;
	assert_int_equal(cc_store_open(&s, uri, &o), 0);
	assert_int_equal(cc_crm_open(&crm, s, NULL), 0);
	assert_int_equal(cc_store_open(&blocker, uri, NULL), 0);
	assert_int_equal(cc_store__acquire(blocker, &c), 0);
	assert_int_equal(c->methods->begin(c), 0);

	assert_int_equal(cc_crm_call_start(call, crm, NULL), 1);
	assert_int_equal(cc_store_pending(s), 1);
	/* Later writes queue behind it, in order. */
	assert_int_equal(cc_crm_transcript_append(crm, call, 1, "bot", "hi",
						  NULL, 0),
			 1);
	assert_int_equal(cc_store_pending(s), 2);
	assert_int_equal(cc_store_flush(s), 2);

	assert_int_equal(c->methods->rollback(c), 0);
	cc_store__release(blocker, c, false);
	assert_int_equal(cc_store_flush(s), 0);
	assert_int_equal(cc_store_dropped(s), 0);
	assert_int_equal(count(*state, "SELECT COUNT(*) FROM calls"), 1);
	assert_int_equal(count(*state, "SELECT COUNT(*) FROM call_transcripts"),
			 1);
	cc_crm_free(crm);
	cc_store_free(s);
	cc_store_free(blocker);
}

/* One complete call: customer, call, stage changes, 10 turns, a ticket. */
static int record_call(cc_crm *crm, int n, char tickets[][CC_CRM_ID_MAX])
{
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	char call[CC_CRM_ID_MAX], phone[32];
	int i, rc, queued = 0;

	snprintf(call, sizeof(call), "CALL_RESTART_%04d", n);
	snprintf(phone, sizeof(phone), "+9665300%05d", n);
	ci.customer_phone = phone;
	rc = cc_crm_call_start(call, crm, &ci);
	if (rc < 0)
		return rc;
	queued += rc;
	for (i = 1; i <= 10; i++) {
		rc = cc_crm_transcript_append(crm, call, i,
					      i % 2 ? "customer" : "bot",
					      "كلام", "ar", 0);
		if (rc < 0)
			return rc;
		queued += rc;
	}
	ti.subject = "complaint";
	ti.customer_phone = phone;
	ti.call_id = call;
	ti.idempotency_key = call;
	rc = cc_crm_ticket_create(tickets[n], crm, &ti);
	if (rc < 0)
		return rc;
	queued += rc;
	rc = cc_crm_call_end(crm, call, "completed", "ticket", 0);
	if (rc < 0)
		return rc;
	return queued + rc;
}

static void run_cmd(const char *what)
{
	const char *cmd = getenv(what);
	assert_non_null(cmd);
	assert_int_equal(system(cmd), 0);
}

static void test_postgres_restart_mid_run(void **state)
{
	fx *f = *state;
	static char tickets[100][CC_CRM_ID_MAX];
	int n, queued = 0;
	size_t i, j;

	for (n = 0; n < 10; n++)
		assert_int_equal(record_call(f->crm, n, tickets), 0);
	/* The server goes away in the middle of the run... */
	run_cmd("CC_TEST_PG_STOP");
	for (n = 10; n < 20; n++) {
		int rc = record_call(f->crm, n, tickets);
		assert_true(rc > 0);
		queued += rc;
	}
	assert_int_equal(queued, 10 * 13);
	assert_int_equal(cc_store_pending(f->store), 130);
	/* ...and comes back: the pooled connections are dead, the queue is
	 * replayed before new writes, and nothing is lost or doubled. */
	/* While it was away the store stopped trying on every write (a
	 * live call must not wait); a flush tries at once. */
	assert_int_equal(record_call(f->crm, 99, tickets) > 0, 1);
	assert_int_equal(cc_store_pending(f->store), 143);
	run_cmd("CC_TEST_PG_START");
	assert_int_equal(cc_store_flush(f->store), 0);
	for (n = 20; n < 30; n++)
		assert_int_equal(record_call(f->crm, n, tickets), 0);
	assert_int_equal(cc_store_flush(f->store), 0);
	assert_int_equal(cc_store_pending(f->store), 0);
	assert_int_equal(cc_store_dropped(f->store), 0);
	/* Replaying everything once more (a lost acknowledgement) adds
	 * nothing. */
	for (n = 10; n < 20; n++)
		assert_int_equal(record_call(f->crm, n, tickets), 0);

	assert_int_equal(count(f, "SELECT COUNT(*) FROM calls"), 31);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM calls WHERE status = "
				  "'completed' AND ended_at IS NOT NULL"),
			 31);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers"), 31);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM call_transcripts"), 310);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 31);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets_history"), 31);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM customers WHERE "
				  "total_calls = 1 AND total_tickets = 1"),
			 31);
	for (i = 0; i < 30; i++)
		for (j = i + 1; j < 30; j++)
			assert_string_not_equal(tickets[i], tickets[j]);
}


/* ---- a live call with the CRM attached -------------------------------- */

typedef struct call_run {
	cc_session *s;
	char ticket[CC_CRM_ID_MAX];
	int tickets;
} call_run;

static void drain(call_run *r)
{
	const cc_action *a;
	while (cc_session_next_action(&a, r->s) == 0) {
		if (a->type == CC_ACTION_TICKET) {
			snprintf(r->ticket, sizeof(r->ticket), "%s",
				 a->ticket_id ? a->ticket_id : "");
			r->tickets++;
		}
	}
}

static void say(call_run *r, const char *text)
{
	assert_int_equal(cc_session_input_text(r->s, text, strlen(text), NULL), 0);
	drain(r);
}

static void test_session_records_a_call(void **state)
{
	static const char *const no_env[] = { NULL };
	fx *f = *state;
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_session_options so = CC_SESSION_OPTIONS_INIT;
	cc_session_recorder rec;
	cc_engine *engine = NULL;
	call_run r;
	cc_crm_ticket *t = NULL;
	cc_crm_customer *c = NULL;
	cc_crm_call *call = NULL;
	cc_crm_transcript *tr = NULL;
	cc_crm_ticket_history *h = NULL;
	size_t i;

	memset(&r, 0, sizeof(r));
	eo.env = no_env;
	assert_int_equal(cc_engine_new_default(&engine, &eo), 0);
	assert_int_equal(cc_crm_session_recorder(&rec, f->crm), 0);
	so.language = "ar";
	so.region = "SA";
	so.wall_clock_ms = T0;
	so.recorder = &rec;
	assert_int_equal(cc_session_new(&r.s, engine, &so), 0);
	assert_int_equal(cc_session_start(r.s), 0);
	drain(&r);
	/* The call is on record from its first moment. */
	assert_int_equal(cc_crm_call_get(&call, f->crm, cc_session_call_id(r.s)),
			 0);
	assert_null(call->ended_at ? "ended" : NULL);
	cc_crm_call_free(call);

	say(&r, "اسمي أحمد محمد");
	say(&r, "٠٥٠١٢٣٤٥٦٧");
	say(&r, "ahmed at example dot com");
	say(&r, "عندي شكوى، الطلب وصل متأخر");
	say(&r, "نعم");
	say(&r, "طلبت جهاز ووصل بعد أسبوعين وفيه خدش");
	assert_int_equal(cc_session_notify(r.s, CC_SESSION_NOTICE_AGENT_ANSWERED,
					   "Sara"),
			 0);
	drain(&r);
	assert_true(cc_session_ended(r.s));
	assert_int_equal(cc_session_recorder_failures(r.s), 0);

	/* The TICKET action carries the ticket the CRM made. */
	assert_int_equal(r.tickets, 1);
	assert_memory_equal(r.ticket, "TKT_20240310_", 13);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, r.ticket), 0);
	assert_string_equal(t->call_id, cc_session_call_id(r.s));
	assert_string_equal(t->department, "complaints");
	assert_string_equal(t->customer_phone, "+966501234567");
	assert_string_equal(t->status, "open");
	cc_crm_ticket_free(t);
	assert_int_equal(cc_crm_ticket_history_get(&h, f->crm, r.ticket), 0);
	assert_int_equal(h->count, 1);
	assert_string_equal(h->items[0].changed_by, "ivr");
	cc_crm_ticket_history_free(h);

	/* The customer, written after confirmation. */
	assert_int_equal(cc_crm_customer_get(&c, f->crm, "0501234567"), 0);
	assert_string_equal(c->name, "أحمد محمد");
	assert_string_equal(c->email, "ahmed@example.com");
	assert_int_equal(c->total_calls, 1);
	assert_int_equal(c->total_tickets, 1);
	cc_crm_customer_free(c);

	/* The call, as it progressed and ended. */
	assert_int_equal(cc_crm_call_get(&call, f->crm, cc_session_call_id(r.s)),
			 0);
	assert_string_equal(call->department, "complaints");
	assert_string_equal(call->customer_phone, "+966501234567");
	assert_string_equal(call->status, "transferred");
	assert_string_equal(call->outcome, "agent_answered");
	assert_non_null(call->routing_reason);
	assert_int_not_equal(call->ended_at, 0);
	cc_crm_call_free(call);

	/* Every transcript turn, in order, as the session has them. */
	assert_int_equal(cc_crm_transcript_get(&tr, f->crm,
					       cc_session_call_id(r.s)),
			 0);
	assert_int_equal(tr->count, cc_session_transcript_count(r.s));
	assert_true(tr->count >= 12);
	for (i = 0; i < tr->count; i++) {
		cc_session_turn turn;
		assert_int_equal(cc_session_transcript_turn(&turn, r.s, i), 0);
		assert_int_equal(tr->items[i].seq, (int64_t)i + 1);
		assert_string_equal(tr->items[i].text, turn.text);
	}
	{
		int found = 0;
		for (i = 0; i < tr->count; i++)
			found |= strcmp(tr->items[i].speaker, "customer") == 0 &&
				 strcmp(tr->items[i].text, "اسمي أحمد محمد") == 0;
		assert_true(found);
	}
	cc_crm_transcript_free(tr);

	cc_session_free(r.s);
	cc_engine_free(engine);
}

/* The recorder's callbacks, fed the records a session makes. */
static void test_recorder_writes_and_retries(void **state)
{
	fx *f = *state;
	cc_session_recorder rec;
	cc_session_call_record cr;
	cc_session_stage_record sr;
	cc_session_turn_record tr;
	cc_session_customer_record cu;
	cc_session_ticket_record tk;
	cc_session_end_record er;
	char tid[CC_SESSION_TICKET_ID_MAX], tid2[CC_SESSION_TICKET_ID_MAX];
	cc_crm_call *call = NULL;
	cc_crm_ticket *t = NULL;
	cc_crm_transcript *tx = NULL;
	uint32_t i;

	assert_int_equal(cc_crm_session_recorder(NULL, f->crm), CC_EINVAL);
	assert_int_equal(cc_crm_session_recorder(&rec, f->crm), 0);
	memset(&cr, 0, sizeof(cr));
	cr.head.call_id = "CALL_20240310093000_REC";
	cr.head.seq = 1;
	cr.head.idempotency_key = "CALL_20240310093000_REC:1";
	cr.head.at_ms = T0;
	cr.language = "ar";
	cr.caller_number = "sip:anonymous@pbx"; /* not a phone: no link */
	assert_int_equal(rec.call_started(&cr, rec.userdata), 0);
	assert_int_equal(rec.call_started(&cr, rec.userdata), 0);

	memset(&sr, 0, sizeof(sr));
	sr.head = cr.head;
	sr.head.seq = 2;
	sr.stage = "route_to_department";
	sr.department = "complaints";
	sr.reason = "matched: شكوى";
	assert_int_equal(rec.stage_changed(&sr, rec.userdata), 0);

	memset(&tr, 0, sizeof(tr));
	tr.head = cr.head;
	for (i = 0; i < 3; i++) {
		tr.turn = i;
		tr.speaker = i % 2 ? CC_SPEAKER_BOT : CC_SPEAKER_CALLER;
		tr.text = i % 2 ? "أهلاً" : "عندي شكوى";
		tr.language = "ar";
		assert_int_equal(rec.turn_added(&tr, rec.userdata), 0);
	}
	/* A turn delivered twice is stored once. */
	assert_int_equal(rec.turn_added(&tr, rec.userdata), 0);

	memset(&cu, 0, sizeof(cu));
	cu.head = cr.head;
	cu.name = "سلمى";
	cu.phone = "+966512345678";
	cu.email = "salma@example.com";
	cu.language = "ar";
	assert_int_equal(rec.customer_confirmed(&cu, rec.userdata), 0);

	memset(&tk, 0, sizeof(tk));
	tk.head = cr.head;
	tk.head.seq = 9;
	tk.head.idempotency_key = "CALL_20240310093000_REC:9";
	tk.kind = "complaint";
	tk.department = "complaints";
	tk.priority = "high";
	tk.subject = "تأخر الطلب";
	tk.description = "وصل الطلب بعد أسبوعين";
	tk.customer_phone = "+966512345678";
	tk.customer_name = "سلمى";
	tk.proposed_id = "TKT_20240310_PROPOSED";
	assert_int_equal(rec.ticket_create(&tk, tid, sizeof(tid), rec.userdata),
			 0);
	assert_memory_equal(tid, "TKT_20240310_", 13);
	assert_string_not_equal(tid, tk.proposed_id);
	/* The same record again (a retry): the same ticket, not a second. */
	assert_int_equal(rec.ticket_create(&tk, tid2, sizeof(tid2),
					   rec.userdata),
			 0);
	assert_string_equal(tid, tid2);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM tickets"), 1);
	assert_int_equal(rec.ticket_create(&tk, tid2, 5, rec.userdata),
			 CC_EBUFS);

	memset(&er, 0, sizeof(er));
	er.head = cr.head;
	er.head.at_ms = T0 + 90000;
	er.outcome = "no_input";
	er.ticket_id = tid;
	assert_int_equal(rec.call_ended(&er, rec.userdata), 0);

	assert_int_equal(cc_crm_call_get(&call, f->crm, cr.head.call_id), 0);
	assert_string_equal(call->status, "abandoned");
	assert_string_equal(call->outcome, "no_input");
	assert_string_equal(call->department, "complaints");
	assert_string_equal(call->stage, "route_to_department");
	assert_string_equal(call->routing_reason, "matched: شكوى");
	assert_string_equal(call->customer_phone, "+966512345678");
	assert_int_equal(call->duration_seconds, 90);
	cc_crm_call_free(call);
	assert_int_equal(cc_crm_ticket_get(&t, f->crm, tid), 0);
	assert_string_equal(t->call_id, cr.head.call_id);
	assert_string_equal(t->priority, "high");
	cc_crm_ticket_free(t);
	assert_int_equal(cc_crm_transcript_get(&tx, f->crm, cr.head.call_id),
			 0);
	assert_int_equal(tx->count, 3);
	assert_string_equal(tx->items[0].speaker, "customer");
	assert_string_equal(tx->items[1].speaker, "bot");
	cc_crm_transcript_free(tx);
}

/* True when the engine can route (the live-call case needs it). */
static int engine_routes(void)
{
	static const char *const no_env[] = { NULL };
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e = NULL;
	cc_route_result r;
	int rc;
	eo.env = no_env;
	if (cc_engine_new_default(&e, &eo) != 0)
		return 0;
	rc = cc_engine_route(&r, e, "test", 4);
	cc_engine_free(e);
	return rc != CC_EUNSUPPORTED;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_fresh, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_migrate_existing_database,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_migration_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_upsert_get, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_local_numbers_use_the_default_region, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_customer_search, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_injection_shaped_input,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arabic_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_lifecycle, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_ticket_state_machine_and_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticket_search_filters,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticket_ids_and_idempotency,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_duplicate_upserts_from_two_threads, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_agents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retention_purge, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_erase_customer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_recorder_writes_and_retries,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_records_a_call,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_sqlite_locked_write_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_postgres_restart_mid_run,
						setup, teardown),
	};
	struct CMUnitTest run[sizeof(tests) / sizeof(tests[0])];
	size_t i, n = 0;
	int rc;

	backend = argc > 1 ? argv[1] : "memory";
	if (strcmp(backend, "memory") == 0) {
		snprintf(uri, sizeof(uri), "memory:");
	} else if (strcmp(backend, "sqlite") == 0) {
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/cc-conformance-XXXXXX");
		if (!mkdtemp(tmpdir))
			return 1;
		snprintf(uri, sizeof(uri), "sqlite:%s/crm.db", tmpdir);
	} else if (strcmp(backend, "postgresql") == 0) {
		const char *ci = getenv("CC_TEST_PG_CONNINFO");
		if (!ci || !*ci) {
			/* TAP: the whole run is skipped, not passed. */
			printf("1..0 # SKIP CC_TEST_PG_CONNINFO is not set "
			       "(tests/suites/50-postgres.sh sets it)\n");
			return 0;
		}
		snprintf(uri, sizeof(uri), "%s", ci);
	} else {
		fprintf(stderr, "usage: %s memory|sqlite|postgresql\n", argv[0]);
		return 2;
	}
	/* Cases that only make sense on one backend are left out elsewhere
	 * (TAP has no "skipped" that every harness counts as such). */
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (strcmp(tests[i].name, "test_sqlite_locked_write_is_kept") ==
			    0 &&
		    strcmp(backend, "sqlite") != 0)
			continue;
		if (strcmp(tests[i].name, "test_postgres_restart_mid_run") ==
			    0 &&
		    (strcmp(backend, "postgresql") != 0 ||
		     !getenv("CC_TEST_PG_STOP") || !getenv("CC_TEST_PG_START")))
			continue;
		if (strcmp(tests[i].name, "test_session_records_a_call") == 0 &&
		    !engine_routes()) {
			printf("# test_session_records_a_call: not run, the "
			       "engine cannot route yet\n");
			continue;
		}
		run[n++] = tests[i];
	}
	cmocka_set_test_filter(getenv("CC_TEST_FILTER"));
	rc = _cmocka_run_group_tests(backend, run, n, NULL, NULL);
	if (tmpdir[0]) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
