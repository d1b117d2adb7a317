/* callcenter ivr: one call through the IVR session, in the terminal or as
 * JSON lines for scripts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "tool.h"

/* In --json mode the clock is virtual, so a script gives the same output
 * every time: each input line takes this long. */
#define LINE_MS 2000

typedef struct ivr_opts {
	const char *lang, *region, *config, *store;
	int json;
	uint64_t seed;
	int64_t epoch_ms;
} ivr_opts;

static void usage(FILE *out)
{
	fprintf(out,
		"usage: callcenter ivr [--json] [--lang ar|en] [--region SA] "
		"[--config FILE]\n"
		"                      [--store URI|none] [--seed N] [--epoch SECONDS]\n\n"
		"Runs one call through the IVR.  Each input line is what the caller "
		"says;\n"
		"  dtmf:<keys>     key presses (0-9 * # A-D; # ends an entry, * cancels it)\n"
		"  (empty line)    silence: the caller said nothing\n"
		"  wait:<seconds>  time passes (timeouts fire)\n"
		"  notice:agent|failed|hangup|prompt   what the host saw\n\n"
		"--json writes one JSON object per action and a summary when input "
		"ends;\n"
		"its clock is virtual (2 s per line) so a script always gives the "
		"same output\n"
		"with --seed and --epoch (the wall-clock start, for business hours).\n"
		"The call is recorded in the CRM at --store (default "
		"sqlite:callcenter.db;\n"
		"\"none\" records nothing).\n");
}

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void print_json(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		cJSON_free(s);
	}
	cJSON_Delete(o);
	fflush(stdout);
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static void show_action_json(const cc_action *a)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL)
		return;
	cJSON_AddStringToObject(o, "type", cc_action_type_name(a->type));
	switch (a->type) {
	case CC_ACTION_SAY:
		add_str(o, "stage", a->stage);
		add_str(o, "lang", a->language);
		add_str(o, "key", a->key);
		add_str(o, "text", a->text);
		break;
	case CC_ACTION_EXPECT:
		add_str(o, "field", a->field);
		add_str(o, "input", cc_input_kind_name(a->input));
		break;
	case CC_ACTION_ROUTE:
		add_str(o, "department", a->department);
		cJSON_AddNumberToObject(o, "confidence", a->confidence);
		break;
	case CC_ACTION_ENQUEUE:
		add_str(o, "department", a->department);
		add_str(o, "priority", a->priority);
		break;
	case CC_ACTION_TRANSFER:
		add_str(o, "department", a->target);
		add_str(o, "priority", a->priority);
		break;
	case CC_ACTION_TICKET:
		add_str(o, "id", a->ticket_id);
		add_str(o, "priority", a->priority);
		break;
	case CC_ACTION_HANGUP:
		add_str(o, "reason", a->reason);
		break;
	}
	print_json(o);
}

static void show_action_text(const cc_action *a)
{
	switch (a->type) {
	case CC_ACTION_SAY:
		printf("\n  %s\n", a->text);
		break;
	case CC_ACTION_EXPECT:
		printf("[%s, %s] > ", a->field, cc_input_kind_name(a->input));
		break;
	case CC_ACTION_ROUTE:
		printf("\n  -- routed to %s (confidence %.2f; %s)\n", a->department,
		       a->confidence, a->reason ? a->reason : "");
		break;
	case CC_ACTION_ENQUEUE:
		printf("\n  -- queued for %s, priority %s\n", a->department, a->priority);
		break;
	case CC_ACTION_TRANSFER:
		printf("\n  -- transferred to %s now, priority %s (%s)\n", a->target,
		       a->priority, a->reason ? a->reason : "");
		break;
	case CC_ACTION_TICKET:
		printf("\n  -- ticket %s (%s, priority %s)\n", a->ticket_id,
		       a->ticket_kind, a->priority);
		break;
	case CC_ACTION_HANGUP:
		printf("\n  -- call ended (%s)\n", a->reason);
		break;
	}
	fflush(stdout);
}

static void drain(cc_session *s, int json)
{
	const cc_action *a;
	while (cc_session_next_action(&a, s) == 0) {
		if (json)
			show_action_json(a);
		else
			show_action_text(a);
	}
}

static void report_error(int json, int rc)
{
	const cc_error *e = cc_error_last();
	const char *msg = e->code == rc ? e->message : cc_strerror(rc);
	if (json) {
		cJSON *o = cJSON_CreateObject();
		if (o == NULL)
			return;
		cJSON_AddStringToObject(o, "type", "error");
		cJSON_AddStringToObject(o, "error", msg);
		cJSON_AddStringToObject(o, "code", cc_error_name(rc));
		print_json(o);
	} else {
		printf("\n  !! %s (%s)\n", msg, cc_error_name(rc));
	}
}

static void summary(const cc_session *s, int json)
{
	static const char *const fields[] = { "name", "phone", "email", "service_type" };
	cJSON *o, *f;

	if (!json) {
		printf("\n\ncall %s (%s): %s; department %s, ticket %s, %zu turns\n",
		       cc_session_call_id(s), cc_session_language(s),
		       cc_session_outcome(s) ? cc_session_outcome(s) : "in progress",
		       cc_session_department(s) ? cc_session_department(s) : "-",
		       cc_session_ticket_id(s) ? cc_session_ticket_id(s) : "-",
		       cc_session_transcript_count(s));
		for (size_t i = 0; i < 4; i++) {
			const char *v = cc_session_field_value(s, fields[i]);
			printf("  %-13s %s\n", fields[i], v ? v : "-");
		}
		return;
	}
	o = cJSON_CreateObject();
	if (o == NULL)
		return;
	cJSON_AddStringToObject(o, "type", "summary");
	add_str(o, "call_id", cc_session_call_id(s));
	add_str(o, "language", cc_session_language(s));
	f = cJSON_AddObjectToObject(o, "fields");
	for (size_t i = 0; f && i < 4; i++)
		add_str(f, fields[i], cc_session_field_value(s, fields[i]));
	add_str(o, "department", cc_session_department(s));
	add_str(o, "ticket", cc_session_ticket_id(s));
	cJSON_AddNumberToObject(o, "turns", (double)cc_session_transcript_count(s));
	print_json(o);
}

static int parse_opts(ivr_opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0) {
			o->json = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		}
		if (v == NULL) {
			fprintf(stderr, "callcenter ivr: %s needs a value\n", a);
			return -1;
		}
		if (strcmp(a, "--lang") == 0)
			o->lang = v;
		else if (strcmp(a, "--region") == 0)
			o->region = v;
		else if (strcmp(a, "--config") == 0)
			o->config = v;
		else if (strcmp(a, "--store") == 0)
			o->store = v;
		else if (strcmp(a, "--seed") == 0 || strcmp(a, "--epoch") == 0) {
			char *end;
			errno = 0;
			long long n = strtoll(v, &end, 10);
			if (errno || *end || end == v || n < 0) {
				fprintf(stderr, "callcenter ivr: %s: not a number: %s\n", a, v);
				return -1;
			}
			if (a[2] == 's')
				o->seed = (uint64_t)n;
			else
				o->epoch_ms = (int64_t)n * 1000;
		} else {
			fprintf(stderr, "callcenter ivr: unknown option %s\n\n", a);
			usage(stderr);
			return -1;
		}
		i++;
	}
	return 0;
}

/* Feeds one input line to the session. */
static int feed(cc_session *s, const char *line, size_t n, uint64_t now)
{
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;

	if (strncmp(line, "dtmf:", 5) == 0) {
		int rc = cc_session_tick(s, now);
		return rc < 0 ? rc : cc_session_input_dtmf(s, line + 5, n - 5);
	}
	if (strncmp(line, "notice:", 7) == 0) {
		static const struct { const char *w; cc_session_notice n; } map[] = {
			{ "agent", CC_SESSION_NOTICE_AGENT_ANSWERED },
			{ "failed", CC_SESSION_NOTICE_TRANSFER_FAILED },
			{ "hangup", CC_SESSION_NOTICE_CALLER_HUNG_UP },
			{ "prompt", CC_SESSION_NOTICE_PROMPT_FINISHED },
		};
		int rc = cc_session_tick(s, now);
		if (rc < 0)
			return rc;
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strcmp(line + 7, map[i].w) == 0)
				return cc_session_notify(s, map[i].n, NULL);
		return cc_session_notify(s, (cc_session_notice)0, NULL);
	}
	if (n == 0) {
		int rc = cc_session_tick(s, now);
		return rc < 0 ? rc : cc_session_input_silence(s);
	}
	info.now_ms = now;
	return cc_session_input_text(s, line, n, &info);
}

int cmd_ivr(int argc, char **argv)
{
	ivr_opts o = { 0 };
	cc_session_options so = CC_SESSION_OPTIONS_INIT;
	cc_session_recorder rec;
	cc_store *store = NULL;
	cc_crm *crm = NULL;
	cc_engine *engine = NULL;
	cc_session *s = NULL;
	char *line = NULL;
	size_t cap = 0;
	uint64_t clock = 0, base;
	long n;
	int rc, interactive;

	o.store = "sqlite:callcenter.db";
	if (parse_opts(&o, argc, argv) < 0)
		return 2;
	interactive = !o.json && isatty(STDIN_FILENO);
	rc = o.config ? cc_engine_new_from_file(&engine, o.config, NULL)
		      : cc_engine_new_default(&engine, NULL);
	if (rc < 0)
		return tool_fail(o.config ? o.config : "default configuration", rc);
	/* Records go to the CRM as the call happens (the session's
	 * recorder); "none" keeps nothing. */
	if (strcmp(o.store, "none") != 0) {
		rc = cc_store_open(&store, o.store, NULL);
		if (rc == 0 && (rc = cc_crm_open(&crm, store, NULL)) == 0)
			rc = cc_crm_session_recorder(&rec, crm);
		if (rc < 0) {
			rc = tool_fail(o.store, rc);
			cc_crm_free(crm);
			cc_store_free(store);
			cc_engine_free(engine);
			return rc;
		}
		so.recorder = &rec;
	}
	so.language = o.lang;
	so.region = o.region;
	so.seed = o.seed;
	so.wall_clock_ms = o.epoch_ms;
	base = o.json ? 0 : mono_ms();
	so.start_ms = base;
	if ((rc = cc_session_new(&s, engine, &so)) < 0) {
		rc = tool_fail("session", rc);
		cc_crm_free(crm);
		cc_store_free(store);
		cc_engine_free(engine);
		return rc;
	}
	if (!o.json)
		printf("call %s%s\n", cc_session_call_id(s),
		       interactive ? " -- type the caller's answers; dtmf:1 "
				     "presses keys, an empty line is silence, "
				     "Ctrl-D ends" : "");
	if ((rc = cc_session_start(s)) < 0) {
		report_error(o.json, rc);
	}
	drain(s, o.json);
	while (!cc_session_ended(s) && (n = tool_read_line(stdin, &line, &cap)) >= 0) {
		uint64_t now;
		if (o.json) {
			clock += LINE_MS;
			now = clock;
		} else {
			now = mono_ms();
			if (!interactive)
				printf("%s\n", line); /* echo the script */
		}
		if (strncmp(line, "wait:", 5) == 0) {
			double secs = strtod(line + 5, NULL);
			if (secs < 0 || secs > 86400)
				secs = 0;
			if (o.json)
				clock += (uint64_t)(secs * 1000), now = clock;
			else
				now += (uint64_t)(secs * 1000);
			rc = cc_session_tick(s, now);
		} else {
			rc = feed(s, line, (size_t)n, now);
		}
		if (rc < 0)
			report_error(o.json, rc);
		drain(s, o.json);
	}
	summary(s, o.json);
	rc = 0;
	if (store) {
		/* Writes kept for retry (database busy or away) get one more
		 * chance before the process goes. */
		int left = cc_store_flush(store);
		if (left > 0) {
			fprintf(stderr, "callcenter ivr: %d records could not be "
					"written to %s\n", left, o.store);
			rc = 1;
		} else if (!o.json) {
			printf("\nrecorded in %s (callcenter crm --store %s show %s)\n",
			       o.store, o.store, cc_session_call_id(s));
		}
	}
	free(line);
	cc_session_free(s);
	cc_crm_free(crm);
	cc_store_free(store);
	cc_engine_free(engine);
	return rc;
}
