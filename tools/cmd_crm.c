/* callcenter crm --store URI customers|calls|tickets|show|ticket ...:
 * lists and shows CRM records and changes tickets. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "tool.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: callcenter crm --store URI customers [--json] [--limit N] [--search Q]\n"
		"       callcenter crm --store URI calls [--json] [--limit N] [--active]\n"
		"       callcenter crm --store URI tickets [--json] [--limit N] [--status S]\n"
		"       callcenter crm --store URI show ID [--json]\n"
		"       callcenter crm --store URI ticket ID --status S [--by WHO] [--reason WHY]\n"
		"       callcenter crm --store URI ticket ID --assign AGENT|--unassign [--by WHO]\n"
		"  ID: a CUST_, CALL_ or TKT_ ID, or a customer's phone number\n");
	return 2;
}

/* ms since the epoch -> "2024-03-10T09:30:00.000Z" ("" for 0). */
static const char *iso(char buf[32], int64_t ms)
{
	time_t secs = (time_t)(ms / 1000);
	struct tm tm;
	if (ms == 0 || !gmtime_r(&secs, &tm)) {
		buf[0] = '\0';
		return buf;
	}
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + 19, 13, ".%03dZ", (int)(ms % 1000));
	return buf;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static void add_time(cJSON *o, const char *k, int64_t ms)
{
	char buf[32];
	if (ms)
		cJSON_AddStringToObject(o, k, iso(buf, ms));
	else
		cJSON_AddNullToObject(o, k);
}

static void print_json(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	if (s) {
		puts(s);
		cJSON_free(s);
	}
	cJSON_Delete(o);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static cJSON *customer_json(const cc_crm_customer *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "name", c->name);
	add_str(o, "phone", c->phone);
	add_str(o, "email", c->email);
	add_str(o, "tier", c->tier);
	cJSON_AddBoolToObject(o, "vip", c->vip);
	add_str(o, "language", c->language);
	cJSON_AddNumberToObject(o, "total_calls", (double)c->total_calls);
	cJSON_AddNumberToObject(o, "total_tickets", (double)c->total_tickets);
	add_time(o, "last_interaction", c->last_interaction);
	add_time(o, "created_at", c->created_at);
	add_time(o, "erased_at", c->erased_at);
	return o;
}

static cJSON *call_json(const cc_crm_call *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "customer_id", c->customer_id);
	add_str(o, "customer_phone", c->customer_phone);
	add_str(o, "direction", c->direction);
	add_str(o, "department", c->department);
	add_str(o, "status", c->status);
	add_str(o, "stage", c->stage);
	add_str(o, "routing_reason", c->routing_reason);
	add_str(o, "outcome", c->outcome);
	add_str(o, "language", c->language);
	add_str(o, "agent_id", c->agent_id);
	add_time(o, "started_at", c->started_at);
	add_time(o, "ended_at", c->ended_at);
	cJSON_AddNumberToObject(o, "duration_seconds",
				(double)c->duration_seconds);
	return o;
}

static cJSON *ticket_json(const cc_crm_ticket *t)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", t->id);
	add_str(o, "status", t->status);
	add_str(o, "priority", t->priority);
	add_str(o, "department", t->department);
	add_str(o, "customer_phone", t->customer_phone);
	add_str(o, "customer_name", t->customer_name);
	add_str(o, "customer_id", t->customer_id);
	add_str(o, "call_id", t->call_id);
	add_str(o, "subject", t->subject);
	add_str(o, "description", t->description);
	add_str(o, "assigned_to", t->assigned_to);
	add_str(o, "notes", t->notes);
	add_time(o, "created_at", t->created_at);
	add_time(o, "updated_at", t->updated_at);
	add_time(o, "resolved_at", t->resolved_at);
	add_time(o, "closed_at", t->closed_at);
	return o;
}

static void print_customer(const cc_crm_customer *c, int json)
{
	char buf[32];
	if (json) {
		print_json(customer_json(c));
		return;
	}
	printf("%s\t%s\t%s\t%s\t%s%s\tcalls=%lld\ttickets=%lld\t%s\n", c->id,
	       or_dash(c->phone), or_dash(c->name), or_dash(c->email),
	       c->tier, c->vip ? " VIP" : "", (long long)c->total_calls,
	       (long long)c->total_tickets, iso(buf, c->created_at));
}

static void print_call(const cc_crm_call *c, int json)
{
	char buf[32];
	if (json) {
		print_json(call_json(c));
		return;
	}
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%llds\n", c->id,
	       or_dash(c->customer_phone), or_dash(c->department), c->status,
	       or_dash(c->stage), iso(buf, c->started_at),
	       (long long)c->duration_seconds);
}

static void print_ticket(const cc_crm_ticket *t, int json)
{
	char buf[32];
	if (json) {
		print_json(ticket_json(t));
		return;
	}
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t->id, t->status,
	       t->priority, t->department, or_dash(t->customer_phone),
	       or_dash(t->assigned_to), iso(buf, t->created_at), t->subject);
}

static int show_call(cc_crm *crm, const cc_crm_call *c, int json)
{
	cc_crm_transcript *tr = NULL;
	char buf[32];
	size_t i;
	int rc = cc_crm_transcript_get(&tr, crm, c->id);
	if (rc < 0)
		return tool_fail("transcript", rc);
	if (json) {
		cJSON *o = call_json(c), *turns = cJSON_AddArrayToObject(
						    o, "transcript");
		for (i = 0; i < tr->count; i++) {
			cJSON *t = cJSON_CreateObject();
			cJSON_AddNumberToObject(t, "seq",
						(double)tr->items[i].seq);
			add_str(t, "speaker", tr->items[i].speaker);
			add_str(t, "text", tr->items[i].text);
			add_str(t, "language", tr->items[i].language);
			add_time(t, "at", tr->items[i].at);
			cJSON_AddItemToArray(turns, t);
		}
		print_json(o);
	} else {
		print_call(c, 0);
		for (i = 0; i < tr->count; i++)
			printf("  %3lld %s %-8s %s\n",
			       (long long)tr->items[i].seq,
			       iso(buf, tr->items[i].at), tr->items[i].speaker,
			       tr->items[i].text);
	}
	cc_crm_transcript_free(tr);
	return 0;
}

static int show_ticket(cc_crm *crm, const cc_crm_ticket *t, int json)
{
	cc_crm_ticket_history *h = NULL;
	char buf[32];
	size_t i;
	int rc = cc_crm_ticket_history_get(&h, crm, t->id);
	if (rc < 0)
		return tool_fail("ticket history", rc);
	if (json) {
		cJSON *o = ticket_json(t), *arr = cJSON_AddArrayToObject(
						   o, "history");
		for (i = 0; i < h->count; i++) {
			cJSON *e = cJSON_CreateObject();
			add_str(e, "action", h->items[i].action);
			add_str(e, "from", h->items[i].old_value);
			add_str(e, "to", h->items[i].new_value);
			add_str(e, "by", h->items[i].changed_by);
			add_str(e, "reason", h->items[i].reason);
			add_time(e, "at", h->items[i].at);
			cJSON_AddItemToArray(arr, e);
		}
		print_json(o);
	} else {
		print_ticket(t, 0);
		if (t->description && *t->description)
			printf("  %s\n", t->description);
		for (i = 0; i < h->count; i++)
			printf("  %s %-10s %s -> %s by %s%s%s\n",
			       iso(buf, h->items[i].at), h->items[i].action,
			       or_dash(h->items[i].old_value),
			       or_dash(h->items[i].new_value),
			       h->items[i].changed_by,
			       h->items[i].reason ? ": " : "",
			       h->items[i].reason ? h->items[i].reason : "");
	}
	cc_crm_ticket_history_free(h);
	return 0;
}

/* A customer with their history: calls and tickets, newest first. */
static int show_customer(cc_crm *crm, const cc_crm_customer *c, int json)
{
	cc_crm_call_filter cf = CC_CRM_CALL_FILTER_INIT;
	cc_crm_ticket_filter tf = CC_CRM_TICKET_FILTER_INIT;
	cc_crm_call_list *calls = NULL;
	cc_crm_ticket_list *tickets = NULL;
	size_t i;
	int rc;

	cf.customer = tf.customer = c->id;
	cf.limit = tf.limit = 100;
	rc = cc_crm_call_search(&calls, crm, &cf);
	if (rc == 0)
		rc = cc_crm_ticket_search(&tickets, crm, &tf);
	if (rc < 0) {
		cc_crm_call_list_free(calls);
		return tool_fail("customer history", rc);
	}
	if (json) {
		cJSON *o = customer_json(c);
		cJSON *ca = cJSON_AddArrayToObject(o, "calls");
		cJSON *ta = cJSON_AddArrayToObject(o, "tickets");
		for (i = 0; i < calls->count; i++)
			cJSON_AddItemToArray(ca, call_json(&calls->items[i]));
		for (i = 0; i < tickets->count; i++)
			cJSON_AddItemToArray(ta,
					     ticket_json(&tickets->items[i]));
		print_json(o);
	} else {
		print_customer(c, 0);
		for (i = 0; i < calls->count; i++) {
			printf("  ");
			print_call(&calls->items[i], 0);
		}
		for (i = 0; i < tickets->count; i++) {
			printf("  ");
			print_ticket(&tickets->items[i], 0);
		}
	}
	cc_crm_call_list_free(calls);
	cc_crm_ticket_list_free(tickets);
	return 0;
}

static int show(cc_crm *crm, const char *id, int json)
{
	cc_crm_call *call = NULL;
	cc_crm_ticket *t = NULL;
	cc_crm_customer *c = NULL;
	int rc;

	if (strncmp(id, "TKT", 3) == 0) {
		rc = cc_crm_ticket_get(&t, crm, id);
		if (rc == 0) {
			rc = show_ticket(crm, t, json);
			cc_crm_ticket_free(t);
			return rc;
		}
	} else if (strncmp(id, "CUST_", 5) != 0 &&
		   cc_crm_call_get(&call, crm, id) == 0) {
		rc = show_call(crm, call, json);
		cc_crm_call_free(call);
		return rc;
	} else {
		rc = cc_crm_customer_get(&c, crm, id);
		if (rc == 0) {
			rc = show_customer(crm, c, json);
			cc_crm_customer_free(c);
			return rc;
		}
	}
	if (rc == 0 || rc == CC_EINVAL || rc == CC_EPARSE)
		rc = CC_ENOTFOUND;
	fprintf(stderr, "callcenter: no call, ticket or customer '%s'\n", id);
	return rc == CC_ENOTFOUND ? 1 : tool_fail("show", rc);
}

int cmd_crm(int argc, char **argv)
{
	const char *uri = NULL, *what = NULL, *id = NULL, *status = NULL;
	const char *assign = NULL, *by = NULL, *reason = NULL, *search = NULL;
	int json = 0, unassign = 0, active = 0, i, rc;
	long limit = 50;
	cc_store_options so = CC_STORE_OPTIONS_INIT;
	cc_store *store = NULL;
	cc_crm *crm = NULL;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--store") == 0 && next)
			uri = argv[++i];
		else if (strcmp(a, "--json") == 0)
			json = 1;
		else if (strcmp(a, "--active") == 0)
			active = 1;
		else if (strcmp(a, "--unassign") == 0)
			unassign = 1;
		else if (strcmp(a, "--status") == 0 && next)
			status = argv[++i];
		else if (strcmp(a, "--assign") == 0 && next)
			assign = argv[++i];
		else if (strcmp(a, "--by") == 0 && next)
			by = argv[++i];
		else if (strcmp(a, "--reason") == 0 && next)
			reason = argv[++i];
		else if (strcmp(a, "--search") == 0 && next)
			search = argv[++i];
		else if (strcmp(a, "--limit") == 0 && next) {
			char *end;
			limit = strtol(argv[++i], &end, 10);
			if (*end || limit < 1 || limit > 1000) {
				fprintf(stderr, "callcenter: --limit takes "
						"1 to 1000\n");
				return 2;
			}
		} else if (a[0] != '-' && !what)
			what = a;
		else if (a[0] != '-' && !id &&
			 (strcmp(what, "show") == 0 ||
			  strcmp(what, "ticket") == 0))
			id = a;
		else
			return usage();
	}
	if (!uri || !what)
		return usage();
	if ((strcmp(what, "show") == 0 || strcmp(what, "ticket") == 0) && !id)
		return usage();
	if (strcmp(what, "ticket") == 0 &&
	    !!status + !!assign + unassign != 1)
		return usage();

	so.migrate = 0;
	rc = cc_store_open(&store, uri, &so);
	if (rc < 0)
		return tool_fail("open store", rc);
	rc = cc_crm_open(&crm, store, NULL);
	if (rc < 0) {
		rc = tool_fail("open CRM", rc);
		cc_store_free(store);
		return rc;
	}

	if (strcmp(what, "customers") == 0) {
		cc_crm_customer_list *l = NULL;
		size_t k;
		rc = cc_crm_customer_search(&l, crm, search, (size_t)limit, 0);
		if (rc == 0)
			for (k = 0; k < l->count; k++)
				print_customer(&l->items[k], json);
		cc_crm_customer_list_free(l);
		rc = rc < 0 ? tool_fail("customers", rc) : 0;
	} else if (strcmp(what, "calls") == 0) {
		cc_crm_call_filter f = CC_CRM_CALL_FILTER_INIT;
		cc_crm_call_list *l = NULL;
		size_t k;
		f.limit = (size_t)limit;
		f.active_only = active;
		rc = cc_crm_call_search(&l, crm, &f);
		if (rc == 0)
			for (k = 0; k < l->count; k++)
				print_call(&l->items[k], json);
		cc_crm_call_list_free(l);
		rc = rc < 0 ? tool_fail("calls", rc) : 0;
	} else if (strcmp(what, "tickets") == 0) {
		cc_crm_ticket_filter f = CC_CRM_TICKET_FILTER_INIT;
		cc_crm_ticket_list *l = NULL;
		size_t k;
		f.limit = (size_t)limit;
		f.status = status;
		rc = cc_crm_ticket_search(&l, crm, &f);
		if (rc == 0)
			for (k = 0; k < l->count; k++)
				print_ticket(&l->items[k], json);
		cc_crm_ticket_list_free(l);
		rc = rc < 0 ? tool_fail("tickets", rc) : 0;
	} else if (strcmp(what, "show") == 0) {
		rc = show(crm, id, json);
	} else if (strcmp(what, "ticket") == 0) {
		if (status)
			rc = cc_crm_ticket_set_status(crm, id, status, by,
						      reason);
		else
			rc = cc_crm_ticket_assign(crm, id, assign, by, reason);
		if (rc < 0) {
			rc = tool_fail("ticket", rc);
		} else {
			cc_crm_ticket *t = NULL;
			rc = cc_crm_ticket_get(&t, crm, id);
			if (rc == 0)
				print_ticket(t, json);
			cc_crm_ticket_free(t);
			rc = rc < 0 ? tool_fail("ticket", rc) : 0;
		}
	} else {
		rc = usage();
	}
	cc_crm_free(crm);
	cc_store_free(store);
	return rc;
}
