/* callcenter route [--config FILE]: JSON lines {"text": ...} in, one
 * routing decision per line out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tool.h"

static void print_error_line(const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	cJSON_AddStringToObject(o, "error", msg);
	s = cJSON_PrintUnformatted(o);
	puts(s ? s : "{\"error\": \"out of memory\"}");
	cJSON_free(s);
	cJSON_Delete(o);
}

static void route_line(cc_engine *e, const char *line)
{
	cJSON *in = cJSON_Parse(line), *text, *o, *m;
	cc_route_result r;
	char *s;
	size_t i;
	int rc;

	text = in ? cJSON_GetObjectItemCaseSensitive(in, "text") : NULL;
	if (!cJSON_IsString(text)) {
		print_error_line(in ? "expected {\"text\": \"...\"}" : "malformed JSON");
		cJSON_Delete(in);
		return;
	}
	rc = cc_engine_route(&r, e, text->valuestring, strlen(text->valuestring));
	if (rc) {
		print_error_line(cc_error_last()->message);
		cJSON_Delete(in);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "department", r.department);
	cJSON_AddNumberToObject(o, "confidence", (double)(int)(r.confidence * 1000 + 0.5) / 1000);
	cJSON_AddStringToObject(o, "reason", cc_route_reason_name(r.reason));
	cJSON_AddStringToObject(o, "priority", cc_priority_name(r.priority));
	cJSON_AddStringToObject(o, "severity", cc_severity_name(r.severity));
	m = cJSON_AddArrayToObject(o, "matched");
	for (i = 0; i < r.matched_count; i++)
		cJSON_AddItemToArray(m, cJSON_CreateString(r.matched[i].term));
	if (r.runner_up)
		cJSON_AddStringToObject(o, "runner_up", r.runner_up);
	else
		cJSON_AddNullToObject(o, "runner_up");
	cJSON_AddStringToObject(o, "language", r.language);
	cJSON_AddStringToObject(o, "sentiment", r.sentiment);
	cJSON_AddBoolToObject(o, "urgent", r.urgent);
	s = cJSON_PrintUnformatted(o);
	if (s)
		puts(s);
	cJSON_free(s);
	cJSON_Delete(o);
	cJSON_Delete(in);
}

int cmd_route(int argc, char **argv)
{
	cc_engine *e = NULL;
	char *line = NULL;
	size_t cap = 0;
	int rc;

	if (argc == 3 && strcmp(argv[1], "--config") == 0)
		rc = cc_engine_new_from_file(&e, argv[2], NULL);
	else if (argc == 1)
		rc = cc_engine_new_default(&e, NULL);
	else {
		fprintf(stderr, "usage: callcenter route [--config FILE] < lines.jsonl\n");
		return 2;
	}
	if (rc)
		return tool_fail("configuration", rc);
	while (tool_read_line(stdin, &line, &cap) >= 0) {
		if (line[0] == '\0')
			continue;
		route_line(e, line);
		fflush(stdout);
	}
	free(line);
	cc_engine_free(e);
	return 0;
}
