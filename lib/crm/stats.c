/* Statistics computed from the records, and the retention purge. */
#include <cJSON.h>
#include <stdio.h>

#include "crm_int.h"

#define MAX_GROUPS 256

typedef struct dept {
	char name[65];
	int64_t total, completed, abandoned, transferred, tickets;
	double wait_sum, handle_sum;
	int64_t handled;
	int64_t hours[24];
} dept;

typedef struct agent_perf {
	char id[65];
	int64_t handled, transferred, resolved, assigned;
	double duration_sum;
} agent_perf;

typedef struct day {
	cc_store_value range[2];
	char from[CC_STORE__TIME_MAX], to[CC_STORE__TIME_MAX];
	char date[11];
	char now[CC_STORE__TIME_MAX];
	dept depts[MAX_GROUPS];
	size_t ndepts;
	agent_perf agents[MAX_GROUPS];
	size_t nagents;
} day;

static dept *dept_of(day *d, const cc_store_value *v)
{
	size_t i;
	if (v->type != CC_STORE_TEXT || v->len == 0 || v->len > 64)
		return NULL;
	for (i = 0; i < d->ndepts; i++)
		if (strlen(d->depts[i].name) == v->len &&
		    memcmp(d->depts[i].name, v->text, v->len) == 0)
			return &d->depts[i];
	if (d->ndepts == MAX_GROUPS)
		return NULL;
	memcpy(d->depts[d->ndepts].name, v->text, v->len);
	d->depts[d->ndepts].name[v->len] = '\0';
	return &d->depts[d->ndepts++];
}

static agent_perf *agent_of(day *d, const cc_store_value *v)
{
	size_t i;
	if (v->type != CC_STORE_TEXT || v->len == 0 || v->len > 64)
		return NULL;
	for (i = 0; i < d->nagents; i++)
		if (strlen(d->agents[i].id) == v->len &&
		    memcmp(d->agents[i].id, v->text, v->len) == 0)
			return &d->agents[i];
	if (d->nagents == MAX_GROUPS)
		return NULL;
	memcpy(d->agents[d->nagents].id, v->text, v->len);
	d->agents[d->nagents].id[v->len] = '\0';
	return &d->agents[d->nagents++];
}

/* department, status, queue_time, duration, transferred, started_at,
 * agent */
static int call_row(const cc_store_value *cols, size_t n, void *ud)
{
	day *d = ud;
	dept *dp = n >= 7 ? dept_of(d, &cols[0]) : NULL;
	agent_perf *ap = n >= 7 ? agent_of(d, &cols[6]) : NULL;
	const char *status = cols[1].type == CC_STORE_TEXT ? cols[1].text : "";
	int64_t started = cc_crm__col_time(cols, n, 5);
	bool ended = strcmp(status, "completed") == 0 ||
		     strcmp(status, "transferred") == 0;
	if (dp) {
		dp->total++;
		dp->completed += strcmp(status, "completed") == 0;
		dp->abandoned += strcmp(status, "abandoned") == 0;
		dp->transferred += cc_crm__col_int(cols, n, 4) != 0;
		dp->wait_sum += cc_crm__col_real(cols, n, 2);
		if (ended) {
			dp->handle_sum += cc_crm__col_real(cols, n, 3);
			dp->handled++;
		}
		if (started)
			dp->hours[(started / 3600000) % 24]++;
	}
	if (ap) {
		ap->handled++;
		ap->duration_sum += cc_crm__col_real(cols, n, 3);
		ap->transferred += cc_crm__col_int(cols, n, 4) != 0;
	}
	return 0;
}

static int ticket_row(const cc_store_value *cols, size_t n, void *ud)
{
	dept *dp = n >= 2 ? dept_of(ud, &cols[0]) : NULL;
	if (dp)
		dp->tickets += cc_crm__col_int(cols, n, 1);
	return 0;
}

/* action, agent, count */
static int history_row(const cc_store_value *cols, size_t n, void *ud)
{
	agent_perf *ap = n >= 3 ? agent_of(ud, &cols[1]) : NULL;
	if (!ap)
		return 0;
	if (cols[0].type == CC_STORE_TEXT && strcmp(cols[0].text, "status") == 0)
		ap->resolved += cc_crm__col_int(cols, n, 2);
	else
		ap->assigned += cc_crm__col_int(cols, n, 2);
	return 0;
}

static int compute_tx(cc_store_conn *c, void *ud)
{
	day *d = ud;
	size_t i;
	int rc;

	d->ndepts = d->nagents = 0;
	rc = cc_store__exec(c,
			    "SELECT department, status, queue_time_seconds, "
			    "total_duration_seconds, transferred_to_agent, "
			    "started_at, assigned_agent_id FROM calls "
			    "WHERE started_at >= $1 AND started_at < $2",
			    d->range, 2, call_row, d, NULL);
	if (rc == 0)
		rc = cc_store__exec(c,
				    "SELECT department, COUNT(*) FROM tickets "
				    "WHERE created_at >= $1 AND created_at < $2 "
				    "GROUP BY department",
				    d->range, 2, ticket_row, d, NULL);
	/* Resolutions are credited to whoever resolved the ticket, and
	 * only when that is a known agent. */
	if (rc == 0)
		rc = cc_store__exec(
			c,
			"SELECT h.action, CASE WHEN h.action = 'status' THEN "
			"h.changed_by ELSE h.new_value END, COUNT(*) "
			"FROM tickets_history h JOIN agents a ON a.agent_id = "
			"CASE WHEN h.action = 'status' THEN h.changed_by ELSE "
			"h.new_value END WHERE h.changed_at >= $1 AND "
			"h.changed_at < $2 AND ((h.action = 'status' AND "
			"h.new_value = 'resolved') OR h.action = 'assigned') "
			"GROUP BY h.action, CASE WHEN h.action = 'status' THEN "
			"h.changed_by ELSE h.new_value END",
			d->range, 2, history_row, d, NULL);
	for (i = 0; rc == 0 && i < d->ndepts; i++) {
		dept *dp = &d->depts[i];
		cc_store_value p[11];
		int h, peak = -1;
		int64_t best = 0;
		for (h = 0; h < 24; h++)
			if (dp->hours[h] > best)
				best = dp->hours[h], peak = h;
		p[0] = cc_store__text(d->date);
		p[1] = cc_store__text(dp->name);
		p[2] = cc_store__int(dp->total);
		p[3] = cc_store__int(dp->completed);
		p[4] = cc_store__int(dp->abandoned);
		p[5] = cc_store__real(dp->total ? dp->wait_sum / dp->total : 0);
		p[6] = cc_store__real(dp->handled ? dp->handle_sum / dp->handled
						  : 0);
		p[7] = cc_store__int(dp->transferred);
		p[8] = cc_store__int(dp->tickets);
		p[9] = peak >= 0 ? cc_store__int(peak) : cc_store__null();
		p[10] = cc_store__text(d->now);
		rc = cc_store__exec(
			c,
			"INSERT INTO department_daily_stats (stat_date, "
			"department, total_calls, completed_calls, "
			"abandoned_calls, avg_wait_time_seconds, "
			"avg_handling_time_seconds, calls_transferred, "
			"tickets_created, peak_hour, computed_at) VALUES ($1, "
			"$2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
			"ON CONFLICT (stat_date, department) DO UPDATE SET "
			"total_calls = excluded.total_calls, "
			"completed_calls = excluded.completed_calls, "
			"abandoned_calls = excluded.abandoned_calls, "
			"avg_wait_time_seconds = excluded.avg_wait_time_seconds, "
			"avg_handling_time_seconds = "
			"excluded.avg_handling_time_seconds, "
			"calls_transferred = excluded.calls_transferred, "
			"tickets_created = excluded.tickets_created, "
			"peak_hour = excluded.peak_hour, "
			"computed_at = excluded.computed_at",
			p, 11, NULL, NULL, NULL);
	}
	for (i = 0; rc == 0 && i < d->nagents; i++) {
		agent_perf *ap = &d->agents[i];
		cc_store_value p[8];
		p[0] = cc_store__text(ap->id);
		p[1] = cc_store__text(d->date);
		p[2] = cc_store__int(ap->handled);
		p[3] = cc_store__real(ap->handled ? ap->duration_sum / ap->handled
						  : 0);
		p[4] = cc_store__int(ap->resolved);
		p[5] = cc_store__int(ap->assigned);
		p[6] = cc_store__real(ap->handled ? 100.0 * ap->transferred /
							    ap->handled
						  : 0);
		p[7] = cc_store__text(d->now);
		/* Only agents on record; a call may name one since deleted. */
		rc = cc_store__exec(
			c,
			"INSERT INTO agent_performance (agent_id, metric_date, "
			"calls_handled, avg_call_duration_seconds, "
			"tickets_resolved, tickets_assigned, escalation_rate, "
			"computed_at) SELECT agent_id, $2, $3, $4, $5, $6, $7, "
			"$8 FROM agents WHERE agent_id = $1 "
			"ON CONFLICT (agent_id, metric_date) DO UPDATE SET "
			"calls_handled = excluded.calls_handled, "
			"avg_call_duration_seconds = "
			"excluded.avg_call_duration_seconds, "
			"tickets_resolved = excluded.tickets_resolved, "
			"tickets_assigned = excluded.tickets_assigned, "
			"escalation_rate = excluded.escalation_rate, "
			"computed_at = excluded.computed_at",
			p, 8, NULL, NULL, NULL);
	}
	return rc < 0 ? rc : (int)d->ndepts;
}

static int parse_day(day *d, const char *date)
{
	int64_t start;
	char check[11];
	if (!date || strlen(date) != 10 || cc_store__parse_date(date, &start) < 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a date is YYYY-MM-DD");
	cc_store__format_date(check, start);
	if (strcmp(check, date) != 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM, "no such date");
	memcpy(d->date, date, 11);
	cc_store__format_time(d->from, start);
	cc_store__format_time(d->to, start + 86400000);
	d->range[0] = cc_store__text(d->from);
	d->range[1] = cc_store__text(d->to);
	return 0;
}

CC_EXTERN(int) cc_crm_stats_compute(cc_crm *crm, const char *date)
{
	day *d;
	int rc;
	CC__CHECK_NOTNULL(crm);
	d = cc__calloc(1, sizeof(*d));
	if (!d)
		return cc__error_nomem();
	rc = parse_day(d, date);
	if (rc == 0) {
		cc_store__format_time(d->now, cc_crm__now(crm));
		rc = cc_store__transact(crm->store, compute_tx, d);
	}
	cc__free(d);
	return rc;
}

typedef struct json_rows {
	cc_buf *out;
	const char *const *names;
	size_t count;
	int rc;
} json_rows;

static int json_row(const cc_store_value *cols, size_t n, void *ud)
{
	json_rows *j = ud;
	cJSON *obj = cJSON_CreateObject();
	char *text;
	size_t i;
	if (!obj)
		return cc__error_nomem();
	for (i = 0; i < n && i < j->count; i++) {
		switch (cols[i].type) {
		case CC_STORE_INT:
			cJSON_AddNumberToObject(obj, j->names[i],
						(double)cols[i].i);
			break;
		case CC_STORE_REAL:
			cJSON_AddNumberToObject(obj, j->names[i], cols[i].r);
			break;
		case CC_STORE_TEXT:
			cJSON_AddStringToObject(obj, j->names[i], cols[i].text);
			break;
		default:
			cJSON_AddNullToObject(obj, j->names[i]);
			break;
		}
	}
	text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (!text || cc__buf_puts(j->out, text) < 0 ||
	    cc__buf_putc(j->out, '\n') < 0) {
		cJSON_free(text);
		return cc__error_nomem();
	}
	cJSON_free(text);
	return 0;
}

CC_EXTERN(int) cc_crm_stats_json(cc_buf *out, cc_crm *crm, const char *date)
{
	static const char *const dept_names[] = {
		"date", "department", "total_calls", "completed_calls",
		"abandoned_calls", "avg_wait_time_seconds",
		"avg_handling_time_seconds", "calls_transferred",
		"tickets_created", "peak_hour",
	};
	static const char *const agent_names[] = {
		"date", "agent_id", "calls_handled",
		"avg_call_duration_seconds", "tickets_resolved",
		"tickets_assigned", "escalation_rate",
	};
	json_rows j;
	cc_store_value p;
	day d;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(crm);
	rc = parse_day(&d, date);
	if (rc < 0)
		return rc;
	p = cc_store__text(d.date);
	j.out = out;
	j.names = dept_names;
	j.count = CC__ARRAY_SIZE(dept_names);
	rc = cc_crm__query(
		crm,
		crm->store->pg
			? "SELECT CAST(stat_date AS text), department, "
			  "total_calls, completed_calls, abandoned_calls, "
			  "avg_wait_time_seconds, avg_handling_time_seconds, "
			  "calls_transferred, tickets_created, peak_hour FROM "
			  "department_daily_stats WHERE stat_date = $1 "
			  "ORDER BY department"
			: "SELECT stat_date, department, total_calls, "
			  "completed_calls, abandoned_calls, "
			  "avg_wait_time_seconds, avg_handling_time_seconds, "
			  "calls_transferred, tickets_created, peak_hour FROM "
			  "department_daily_stats WHERE stat_date = $1 "
			  "ORDER BY department",
		&p, 1, json_row, &j);
	if (rc < 0)
		return rc;
	j.names = agent_names;
	j.count = CC__ARRAY_SIZE(agent_names);
	return cc_crm__query(
		crm,
		crm->store->pg
			? "SELECT CAST(metric_date AS text), agent_id, "
			  "calls_handled, avg_call_duration_seconds, "
			  "tickets_resolved, tickets_assigned, escalation_rate "
			  "FROM agent_performance WHERE metric_date = $1 "
			  "ORDER BY agent_id"
			: "SELECT metric_date, agent_id, calls_handled, "
			  "avg_call_duration_seconds, tickets_resolved, "
			  "tickets_assigned, escalation_rate FROM "
			  "agent_performance WHERE metric_date = $1 "
			  "ORDER BY agent_id",
		&p, 1, json_row, &j);
}

/* ---- retention -------------------------------------------------------- */

typedef struct purge {
	char transcripts[CC_STORE__TIME_MAX];
	char calls[CC_STORE__TIME_MAX];
	char tickets[CC_STORE__TIME_MAX];
	int64_t deleted;
} purge;

static int purge_tx(cc_store_conn *c, void *ud)
{
	purge *pg = ud;
	int64_t n = 0;
	cc_store_value p;
	int rc;

	pg->deleted = 0;
	p = cc_store__text(pg->transcripts);
	rc = cc_store__exec(c,
			    "DELETE FROM call_transcripts WHERE created_at < $1",
			    &p, 1, NULL, NULL, &n);
	pg->deleted += n;
	if (rc == 0) {
		p = cc_store__text(pg->tickets);
		rc = cc_store__exec(c,
				    "DELETE FROM tickets WHERE status = "
				    "'closed' AND closed_at < $1",
				    &p, 1, NULL, NULL, &n);
		pg->deleted += n;
	}
	if (rc == 0) {
		p = cc_store__text(pg->calls);
		rc = cc_store__exec(c,
				    "DELETE FROM calls WHERE ended_at IS NOT "
				    "NULL AND ended_at < $1",
				    &p, 1, NULL, NULL, &n);
		pg->deleted += n;
	}
	return rc;
}

CC_EXTERN(int) cc_crm_purge(cc_crm *crm)
{
	const int64_t day_ms = 86400000;
	int64_t now;
	purge pg;
	int rc;
	CC__CHECK_NOTNULL(crm);
	now = cc_crm__now(crm);
	cc_store__format_time(pg.transcripts,
			      now - (int64_t)crm->keep_transcripts_days * day_ms);
	cc_store__format_time(pg.calls,
			      now - (int64_t)crm->keep_calls_days * day_ms);
	cc_store__format_time(pg.tickets,
			      now - (int64_t)crm->keep_tickets_days * day_ms);
	rc = cc_store__transact(crm->store, purge_tx, &pg);
	if (rc < 0)
		return rc;
	CC__LOG_INFO("crm: retention purge deleted %lld rows",
		     (long long)pg.deleted);
	return pg.deleted > INT32_MAX ? INT32_MAX : (int)pg.deleted;
}
