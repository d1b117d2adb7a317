/* Store benchmark: complete calls recorded per second (customer upsert, call
 * start and end, 10 transcript turns, a ticket with its history) on SQLite
 * or PostgreSQL, and customer lookup latency by phone at 1 million
 * customers.  Usage: bench_store sqlite|postgresql [calls] [customers]
 * (PostgreSQL reads CC_BENCH_PG_CONNINFO; run.sh starts a cluster and
 * prints pgbench's rate for the same rows beside ours). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "callcenter.h"
#include "crm/crm_int.h"
#include "store/store_int.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int die(const char *what, int rc)
{
	fprintf(stderr, "bench_store: %s: %s (%s)\n", what,
		cc_error_last()->message, cc_error_name(rc));
	exit(1);
}

static void record_call(cc_crm *crm, long n)
{
	cc_crm_call_input ci = CC_CRM_CALL_INPUT_INIT;
	cc_crm_ticket_input ti = CC_CRM_TICKET_INPUT_INIT;
	char call[CC_CRM_ID_MAX] = "", tid[CC_CRM_ID_MAX], phone[32];
	int i, rc;

	snprintf(phone, sizeof(phone), "+1202%07ld", n % 10000000);
	ci.customer_phone = phone;
	ci.language = "ar";
	if ((rc = cc_crm_call_start(call, crm, &ci)) != 0)
		die("call start", rc);
	for (i = 1; i <= 10; i++)
		if ((rc = cc_crm_transcript_append(
			     crm, call, i, i % 2 ? "customer" : "bot",
			     i % 2 ? "عندي مشكلة في الفاتورة هذا الشهر"
				   : "Sorry to hear that; one moment please.",
			     "ar", 0)) != 0)
			die("turn", rc);
	ti.subject = "Billing complaint";
	ti.description = "Charged twice this month";
	ti.customer_phone = phone;
	ti.call_id = call;
	if ((rc = cc_crm_ticket_create(tid, crm, &ti)) != 0)
		die("ticket", rc);
	if ((rc = cc_crm_call_end(crm, call, "completed", "ticket", 0)) != 0)
		die("call end", rc);
}

typedef struct worker {
	cc_crm *crm;
	long first, count;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	long i;
	for (i = 0; i < w->count; i++)
		record_call(w->crm, w->first + i);
	return NULL;
}

static int fill_sqlite(cc_store_conn *c, void *ud)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
		 "FROM g WHERE x < %ld) INSERT INTO customers (customer_id, "
		 "phone, name, name_key, created_at, updated_at) SELECT "
		 "'CUST_B' || x, '+1303' || substr('0000000' || x, -7), "
		 "'Customer ' || x, 'customer ' || x, "
		 "'2024-01-01 00:00:00.000+00:00', "
		 "'2024-01-01 00:00:00.000+00:00' FROM g",
		 *(long *)ud);
	return c->methods->script(c, sql);
}

static int fill_pg(cc_store_conn *c, void *ud)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO customers (customer_id, phone, name, name_key, "
		 "created_at, updated_at) SELECT 'CUST_B' || x, '+1303' || "
		 "lpad(x::text, 7, '0'), 'Customer ' || x, 'customer ' || x, "
		 "now(), now() FROM generate_series(1, %ld) x; "
		 "ANALYZE customers",
		 *(long *)ud);
	return c->methods->script(c, sql);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "sqlite";
	long calls = argc > 2 ? atol(argv[2]) : 1000;
	long customers = argc > 3 ? atol(argv[3]) : 1000000;
	long threads = argc > 4 ? atol(argv[4]) : 1;
	char uri[1024], dir[] = "/tmp/cc-bench-XXXXXX";
	cc_store *store = NULL;
	cc_crm *crm = NULL;
	double t0, t1, *lat;
	long i, lookups = 20000;
	int rc;

	if (threads < 1 || threads > 64)
		threads = 1;
	if (strcmp(backend, "sqlite") == 0) {
		if (!mkdtemp(dir))
			return 1;
		snprintf(uri, sizeof(uri), "sqlite:%s/bench.db", dir);
	} else {
		const char *ci = getenv("CC_BENCH_PG_CONNINFO");
		if (!ci) {
			fprintf(stderr, "bench_store: set CC_BENCH_PG_CONNINFO "
					"(bench/store/run.sh does)\n");
			return 77;
		}
		snprintf(uri, sizeof(uri), "%s", ci);
	}
	if ((rc = cc_store_open(&store, uri, NULL)) != 0)
		die("open", rc);
	if ((rc = cc_crm_open(&crm, store, NULL)) != 0)
		die("crm", rc);

	if (calls > 0) {
		/* Warm up: prepare the statements of the connection.  IDs
		 * differ per run (time-based call IDs, random tickets). */
		long base = (long)(now_s() * 1000) % 1000000 * 10;
		for (i = 0; i < 20; i++)
			record_call(crm, base + 9000000 + i);
		t0 = now_s();
		if (threads <= 1) {
			for (i = 0; i < calls; i++)
				record_call(crm, base + i);
		} else {
			/* One store handle shared by every thread: its pool
			 * gives each a connection. */
			pthread_t tid[64];
			worker w[64];
			for (i = 0; i < threads; i++) {
				w[i].crm = crm;
				w[i].first = base + i * (calls / threads);
				w[i].count = calls / threads;
				pthread_create(&tid[i], NULL, work, &w[i]);
			}
			for (i = 0; i < threads; i++)
				pthread_join(tid[i], NULL);
			calls = calls / threads * threads;
		}
		t1 = now_s();
		printf("store %-10s complete calls recorded: %8.0f calls/s "
		       "(%ld calls, 13 round trips each, %ld thread%s)\n",
		       backend, (double)calls / (t1 - t0), calls, threads,
		       threads == 1 ? "" : "s");
		fflush(stdout);
	}
	if (customers <= 0)
		goto out;

	t0 = now_s();
	rc = cc_store__with_conn(store,
				 strcmp(backend, "sqlite") == 0 ? fill_sqlite
								: fill_pg,
				 &customers);
	if (rc < 0)
		die("fill", rc);
	printf("store %-10s %ld customers loaded in %.1f s\n", backend,
	       customers, now_s() - t0);
	lat = malloc(sizeof(double) * (size_t)lookups);
	srand(42);
	for (i = 0; i < lookups; i++) {
		cc_crm_customer *c = NULL;
		char phone[32];
		long k = 1 + rand() % customers;
		double s;
		snprintf(phone, sizeof(phone), "+1303%07ld", k);
		s = now_s();
		if ((rc = cc_crm_customer_get(&c, crm, phone)) != 0)
			die("lookup", rc);
		lat[i] = (now_s() - s) * 1e6;
		cc_crm_customer_free(c);
	}
	qsort(lat, (size_t)lookups, sizeof(double), cmp_double);
	printf("store %-10s customer lookup by phone at %ld customers: "
	       "p50 %.0f us, p99 %.0f us (%ld lookups)\n",
	       backend, customers, lat[lookups / 2], lat[lookups * 99 / 100],
	       lookups);
	free(lat);
out:
	cc_crm_free(crm);
	cc_store_free(store);
	if (strcmp(backend, "sqlite") == 0) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return 0;
}
