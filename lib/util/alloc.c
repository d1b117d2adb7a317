/* Memory through the host's allocator (cc_global_init) or the C one. */
#include <stdlib.h>
#include <string.h>

#include "callcenter/global.h"
#include "util.h"
#include "global_int.h"

void *cc__malloc(size_t size)
{
	const cc_allocator *a = cc__global_allocator();
	if (size == 0)
		size = 1;
	return a ? a->malloc_fn(size, a->userdata) : malloc(size);
}

void *cc__calloc(size_t n, size_t size)
{
	void *p;
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	p = cc__malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *cc__realloc(void *ptr, size_t size)
{
	const cc_allocator *a = cc__global_allocator();
	if (size == 0)
		size = 1;
	return a ? a->realloc_fn(ptr, size, a->userdata) : realloc(ptr, size);
}

void cc__free(void *ptr)
{
	const cc_allocator *a = cc__global_allocator();
	if (!ptr)
		return;
	if (a)
		a->free_fn(ptr, a->userdata);
	else
		free(ptr);
}

char *cc__strndup(const char *s, size_t n)
{
	char *p = cc__malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cc__strdup(const char *s)
{
	return cc__strndup(s, strlen(s));
}

int cc__error_nomem(void)
{
	return cc__error(CC_ENOMEM, CC_ERRCLASS_OS, "out of memory");
}
