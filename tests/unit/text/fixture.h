/* Reads the JSON-lines fixtures under tests/fixtures/ for text tests. */
#ifndef CC_TEST_TEXT_FIXTURE_H
#define CC_TEST_TEXT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cc_config.h"

/* Calls fn(obj, ctx) for every line of tests/fixtures/<name>; returns the
 * number of lines, or -1 when the file cannot be read. */
static inline int fixture_each(const char *name,
			       void (*fn)(const cJSON *obj, void *ctx),
			       void *ctx)
{
	const char *root = getenv("CC_SOURCE_ROOT");
	char path[4096], line[8192];
	FILE *f;
	int n = 0;

	if (!root)
		root = CC_SOURCE_ROOT;
	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", root, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		cJSON *obj;
		if (line[0] == '\n' || line[0] == '\0')
			continue;
		obj = cJSON_Parse(line);
		if (!obj) {
			fclose(f);
			return -1;
		}
		fn(obj, ctx);
		cJSON_Delete(obj);
		n++;
	}
	fclose(f);
	return n;
}

#endif
