/* callcenter: the command-line face of libcallcenter. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
#define CC_TOOL_COMMAND(name, summary) { #name, cmd_##name, summary },
#include "commands.def"
#undef CC_TOOL_COMMAND
};

static void usage(FILE *out)
{
	size_t i;
	fprintf(out, "usage: callcenter [--version] <command> [options]\n\n"
		     "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "show this help");
	fprintf(out, "\nCommands that process data read and write JSON lines "
		     "(one object per line).\n");
}

int tool_fail(const char *what, int rc)
{
	const cc_error *e = cc_error_last();
	fprintf(stderr, "callcenter: %s: %s (%s)\n", what,
		e->code == rc ? e->message : cc_strerror(rc),
		cc_error_name(rc));
	return 1;
}

long tool_read_line(FILE *in, char **line, size_t *cap)
{
	ssize_t n = getline(line, cap, in);
	if (n < 0)
		return -1;
	while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
		(*line)[--n] = '\0';
	return (long)n;
}

int cmd_version(int argc, char **argv)
{
	int f = cc_features();
	(void)argc;
	(void)argv;
	printf("callcenter %s (features:%s%s%s%s%s%s%s)\n",
	       cc_version_string(), f & CC_FEATURE_SQLITE ? " sqlite" : "",
	       f & CC_FEATURE_POSTGRES ? " postgresql" : "",
	       f & CC_FEATURE_OPUS ? " opus" : "",
	       f & CC_FEATURE_CURL ? " curl" : "",
	       f & CC_FEATURE_ESPEAK ? " espeak-ng" : "",
	       f & CC_FEATURE_SPEEXDSP ? " speexdsp" : "",
	       f & CC_FEATURE_STEMMER ? " stemmer" : "");
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(argc - 1, argv + 1);
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "callcenter: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
