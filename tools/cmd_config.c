/* callcenter config dump [--config FILE] | check FILE */
#include <stdio.h>
#include <string.h>

#include "tool.h"

static int config_usage(void)
{
	fprintf(stderr, "usage: callcenter config dump [--config FILE]\n"
			"       callcenter config check FILE\n");
	return 2;
}

int cmd_config(int argc, char **argv)
{
	cc_engine *e = NULL;
	int rc;

	if (argc < 2)
		return config_usage();
	if (strcmp(argv[1], "dump") == 0) {
		cc_buf out = CC_BUF_INIT;
		if (argc == 4 && strcmp(argv[2], "--config") == 0)
			rc = cc_engine_new_from_file(&e, argv[3], NULL);
		else if (argc == 2)
			rc = cc_engine_new_default(&e, NULL);
		else
			return config_usage();
		if (rc)
			return tool_fail("configuration", rc);
		rc = cc_engine_config_json(&out, e);
		cc_engine_free(e);
		if (rc)
			return tool_fail("dump", rc);
		fwrite(out.ptr, 1, out.size, stdout);
		fputc('\n', stdout);
		cc_buf_dispose(&out);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0 && argc == 3) {
		rc = cc_engine_new_from_file(&e, argv[2], NULL);
		if (rc)
			return tool_fail(argv[2], rc);
		printf("%s: ok (%zu departments, %zu fields)\n", argv[2],
		       cc_engine_department_count(e), cc_engine_field_count(e));
		cc_engine_free(e);
		return 0;
	}
	return config_usage();
}
