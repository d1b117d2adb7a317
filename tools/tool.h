/* Shared declarations of the callcenter command-line tool. */
#ifndef CC_TOOL_H
#define CC_TOOL_H

#include <stdio.h>

#include <callcenter.h>

#define CC_TOOL_COMMAND(name, summary) int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef CC_TOOL_COMMAND

/* Prints "callcenter: <what>: <last error message>" and returns 1, the
 * exit status of a failed command. */
int tool_fail(const char *what, int rc);

/* Reads one line of any length from @in into *line (grown as needed);
 * returns its length without the newline, or -1 at end of input. */
long tool_read_line(FILE *in, char **line, size_t *cap);

#endif
