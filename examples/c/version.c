/* The smallest libcallcenter program: print the library's version.
 * Build against an installed library with:
 *   cc version.c $(pkg-config --cflags --libs libcallcenter) */
#include <stdio.h>

#include <callcenter.h>

int main(void)
{
	int major, minor, patch;
	cc_version(&major, &minor, &patch);
	printf("libcallcenter %s (%d.%d.%d)\n", cc_version_string(), major,
	       minor, patch);
	return 0;
}
