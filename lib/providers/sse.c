/* Server-sent events parsing (the text/event-stream format) and base64,
 * for streamed chat tokens, transcripts and audio. */
#include <string.h>

#include "http.h"

/* One line longer than this is not a sane event; refuse it. */
#define SSE_LINE_MAX (4 * 1024 * 1024)

void cc__sse_init(cc__sse *s, cc__sse_fn *fn, void *userdata)
{
	memset(s, 0, sizeof(*s));
	s->on_event = fn;
	s->userdata = userdata;
}

void cc__sse_dispose(cc__sse *s)
{
	cc_buf_dispose(&s->line);
	cc_buf_dispose(&s->data);
	cc_buf_dispose(&s->event);
}

static int dispatch(cc__sse *s)
{
	int rc = 0;

	if (s->data.size > 0 || s->event.size > 0) {
		/* The spec drops the final newline the data lines added. */
		if (s->data.size && s->data.ptr[s->data.size - 1] == '\n')
			s->data.ptr[--s->data.size] = '\0';
		rc = s->on_event(s->event.size ? s->event.ptr : "message",
				 s->data.ptr ? s->data.ptr : "", s->data.size,
				 s->userdata);
	}
	cc__buf_clear(&s->data);
	cc__buf_clear(&s->event);
	return rc;
}

static int line(cc__sse *s, const char *p, size_t n)
{
	size_t k;
	const char *v;
	size_t vn;

	if (n == 0)
		return dispatch(s);
	if (p[0] == ':')
		return 0; /* a comment, e.g. a keep-alive ping */
	for (k = 0; k < n && p[k] != ':'; k++)
		;
	v = k < n ? p + k + 1 : p + n;
	vn = k < n ? n - k - 1 : 0;
	if (vn && v[0] == ' ')
		v++, vn--;
	if (k == 4 && memcmp(p, "data", 4) == 0) {
		int rc = cc__buf_put(&s->data, v, vn);
		return rc ? rc : cc__buf_putc(&s->data, '\n');
	}
	if (k == 5 && memcmp(p, "event", 5) == 0)
		return cc__buf_set(&s->event, v, vn);
	return 0; /* id, retry and unknown fields do not matter here */
}

int cc__sse_feed(cc__sse *s, const char *p, size_t n)
{
	size_t i, start = 0;
	int rc;

	for (i = 0; i < n; i++) {
		char c = p[i];
		if (c != '\n' && c != '\r') {
			s->saw_cr = 0;
			continue;
		}
		if (c == '\n' && s->saw_cr) { /* the \n of a \r\n */
			s->saw_cr = 0;
			start = i + 1;
			continue;
		}
		s->saw_cr = c == '\r';
		if ((rc = cc__buf_put(&s->line, p + start, i - start)))
			return rc;
		rc = line(s, s->line.ptr ? s->line.ptr : "", s->line.size);
		cc__buf_clear(&s->line);
		if (rc)
			return rc;
		start = i + 1;
	}
	if (start < n) {
		if (s->line.size + (n - start) > SSE_LINE_MAX)
			return cc__error(CC_ETOOBIG, CC_ERRCLASS_PROVIDER,
					 "event stream line over %d bytes",
					 SSE_LINE_MAX);
		if ((rc = cc__buf_put(&s->line, p + start, n - start)))
			return rc;
	}
	return 0;
}

int cc__sse_finish(cc__sse *s)
{
	int rc = 0;
	if (s->line.size) {
		rc = line(s, s->line.ptr, s->line.size);
		cc__buf_clear(&s->line);
	}
	return rc ? rc : dispatch(s);
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

int cc__base64_decode(const char *in, size_t len, cc_buf *out)
{
	unsigned acc = 0;
	int bits = 0, rc;
	size_t i;

	if ((rc = cc__buf_grow(out, len / 4 * 3 + 3)))
		return rc;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		int v;
		if (c == '=' || c == '\n' || c == '\r')
			continue;
		if ((v = b64_value(c)) < 0)
			return cc__error(CC_EPARSE, CC_ERRCLASS_PROVIDER,
					 "invalid base64 in audio data");
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->ptr[out->size++] = (char)((acc >> bits) & 0xFF);
		}
	}
	out->ptr[out->size] = '\0';
	return 0;
}
