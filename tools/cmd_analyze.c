/* callcenter analyze: one JSON line in ({"text": ..., "region": ...}), one
 * JSON line out with the text layer's reading of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tool.h"

static void print_error(const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	cJSON_AddStringToObject(o, "error", msg);
	s = cJSON_PrintUnformatted(o);
	if (s)
		puts(s);
	free(s);
	cJSON_Delete(o);
}

static void analyze_line(const char *line, const char *default_region,
			 cc_buf *out)
{
	cJSON *obj = cJSON_Parse(line), *text, *region;
	const char *r = default_region;
	char msg[512];
	int rc;

	if (!obj || !cJSON_IsObject(obj)) {
		print_error("malformed JSON: expected an object like "
			    "{\"text\": \"...\", \"region\": \"SA\"}");
		cJSON_Delete(obj);
		return;
	}
	text = cJSON_GetObjectItemCaseSensitive(obj, "text");
	region = cJSON_GetObjectItemCaseSensitive(obj, "region");
	if (!cJSON_IsString(text)) {
		print_error("\"text\" must be a string");
		cJSON_Delete(obj);
		return;
	}
	if (region && !cJSON_IsNull(region)) {
		if (!cJSON_IsString(region)) {
			print_error("\"region\" must be a string");
			cJSON_Delete(obj);
			return;
		}
		r = region->valuestring;
	}
	rc = cc_text_analyze_json(out, text->valuestring, r);
	if (rc) {
		snprintf(msg, sizeof(msg), "%s: %s", cc_error_name(rc),
			 cc_error_last()->message);
		print_error(msg);
	} else {
		puts(out->ptr);
	}
	cJSON_Delete(obj);
}

int cmd_analyze(int argc, char **argv)
{
	const char *region = NULL;
	char *line = NULL;
	size_t cap = 0;
	cc_buf out = CC_BUF_INIT;
	long n;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--region") && i + 1 < argc) {
			region = argv[++i];
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: callcenter analyze [--region CC] "
			       "< lines.jsonl\n\n"
			       "Reads {\"text\": \"...\", \"region\": \"SA\"} "
			       "per line and writes {\"display\", \"key\", "
			       "\"language\",\n\"sentiment\": {\"label\", "
			       "\"score\"}, \"urgent\", \"phones\", \"emails\", "
			       "\"numbers\"} per line.\nA line's \"region\" "
			       "overrides --region (the default for phone "
			       "numbers).\n");
			return 0;
		} else {
			fprintf(stderr, "callcenter analyze: unknown option "
					"'%s' (try --help)\n",
				argv[i]);
			return 2;
		}
	}
	if (region && !cc_text_phone_region_known(region)) {
		fprintf(stderr, "callcenter analyze: unknown region '%s'\n",
			region);
		return 2;
	}
	while ((n = tool_read_line(stdin, &line, &cap)) >= 0) {
		/* Every input line gets its output line, blank ones too. */
		if (n == 0)
			print_error("empty line");
		else
			analyze_line(line, region, &out);
		fflush(stdout);
	}
	free(line);
	cc_buf_dispose(&out);
	return 0;
}
