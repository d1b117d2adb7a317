/* callcenter db migrate --store URI: applies the schema in sql/. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

static int usage(void)
{
	fprintf(stderr, "usage: callcenter db migrate --store URI\n"
			"  URI: memory:, sqlite:PATH, postgresql://... or a "
			"libpq conninfo\n");
	return 2;
}

int cmd_db(int argc, char **argv)
{
	cc_store_options o = CC_STORE_OPTIONS_INIT;
	const char *uri = NULL;
	cc_store *store = NULL;
	int i, rc, version;

	if (argc < 2 || strcmp(argv[1], "migrate") != 0)
		return usage();
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--store") == 0 && i + 1 < argc)
			uri = argv[++i];
		else
			return usage();
	}
	if (!uri)
		return usage();
	o.migrate = 0;
	rc = cc_store_open(&store, uri, &o);
	if (rc < 0)
		return tool_fail("open store", rc);
	rc = cc_store_migrate(store);
	if (rc < 0) {
		rc = tool_fail("migrate", rc);
		cc_store_free(store);
		return rc;
	}
	version = cc_store_schema_version(store);
	printf("applied %d migration%s; schema version %d (%s)\n", rc,
	       rc == 1 ? "" : "s", version, cc_store_backend_name(store));
	cc_store_free(store);
	return version < 0 ? 1 : 0;
}
