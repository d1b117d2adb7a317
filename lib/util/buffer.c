/* cc_buf: growable, NUL-terminated byte strings made by the library. */
#include <stdio.h>
#include <string.h>

#include "util.h"

void cc_buf_dispose(cc_buf *buf)
{
	if (!buf)
		return;
	cc__free(buf->ptr);
	buf->ptr = NULL;
	buf->reserved = 0;
	buf->size = 0;
}

int cc__buf_grow(cc_buf *buf, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - buf->size - 1)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_OS,
				 "buffer would exceed the address space");
	need = buf->size + extra + 1;
	if (need <= buf->reserved)
		return 0;
	cap = buf->reserved ? buf->reserved : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = cc__realloc(buf->ptr, cap);
	if (!p)
		return cc__error_nomem();
	buf->ptr = p;
	buf->reserved = cap;
	return 0;
}

int cc__buf_put(cc_buf *buf, const void *data, size_t len)
{
	int rc = cc__buf_grow(buf, len);
	if (rc)
		return rc;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int cc__buf_puts(cc_buf *buf, const char *s)
{
	return cc__buf_put(buf, s, strlen(s));
}

int cc__buf_putc(cc_buf *buf, char c)
{
	return cc__buf_put(buf, &c, 1);
}

int cc__buf_vprintf(cc_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	int n, rc;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return cc__error(CC_ERROR, CC_ERRCLASS_OS, "bad format string");
	rc = cc__buf_grow(buf, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	buf->size += (size_t)n;
	return 0;
}

int cc__buf_printf(cc_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = cc__buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return rc;
}

void cc__buf_clear(cc_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

int cc__buf_set(cc_buf *buf, const void *data, size_t len)
{
	cc__buf_clear(buf);
	return cc__buf_put(buf, data, len);
}
