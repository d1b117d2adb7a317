/* Error tables and the thread-local last error. */
#include <stdio.h>
#include <string.h>

#include "util.h"

typedef struct {
	cc_error pub;
	char message[1024];
} error_state;

static _Thread_local error_state last_error = {
	{ CC_OK, CC_ERRCLASS_NONE, "no error", 0, "" }, ""
};

const cc_error *cc_error_last(void)
{
	return &last_error.pub;
}

void cc_error_clear(void)
{
	last_error.pub.code = CC_OK;
	last_error.pub.klass = CC_ERRCLASS_NONE;
	last_error.pub.message = "no error";
	last_error.pub.backend_code = 0;
	last_error.pub.sqlstate[0] = '\0';
}

const char *cc_strerror(int code)
{
	switch (code) {
#define CC__CASE(name, value, text) \
	case value:                 \
		return text;
		CC_ERROR_MAP(CC__CASE)
#undef CC__CASE
	}
	return "unknown error";
}

const char *cc_error_name(int code)
{
	switch (code) {
#define CC__CASE(name, value, text) \
	case value:                 \
		return "CC_" #name;
		CC_ERROR_MAP(CC__CASE)
#undef CC__CASE
	}
	return "CC_UNKNOWN";
}

const char *cc_error_class_name(int klass)
{
	switch (klass) {
#define CC__CASE(name, value, text) \
	case value:                 \
		return text;
		CC_ERROR_CLASS_MAP(CC__CASE)
#undef CC__CASE
	}
	return "unknown";
}

CC__PRINTF(1, 0)
static void set_message(const char *fmt, va_list ap)
{
	/* Scrub the message like a log line: error texts end up in logs and
	 * in bindings' exceptions, and must not carry a caller's number.
	 * cc__scrub neither allocates nor records errors, so this cannot
	 * recurse into itself. */
	char raw[sizeof(last_error.message)];
	int n = vsnprintf(raw, sizeof(raw), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n;

	if (len >= sizeof(raw))
		len = sizeof(raw) - 1;
	cc__scrub(last_error.message, raw, len);
	last_error.pub.message = last_error.message;
}

int cc__error_v(int code, int klass, const char *fmt, va_list ap)
{
	last_error.pub.code = code;
	last_error.pub.klass = klass;
	last_error.pub.backend_code = 0;
	last_error.pub.sqlstate[0] = '\0';
	set_message(fmt, ap);
	return code;
}

int cc__error(int code, int klass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cc__error_v(code, klass, fmt, ap);
	va_end(ap);
	return code;
}

int cc__error_backend(int code, int klass, int backend_code,
		      const char *sqlstate, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cc__error_v(code, klass, fmt, ap);
	va_end(ap);
	last_error.pub.backend_code = backend_code;
	if (sqlstate) {
		snprintf(last_error.pub.sqlstate,
			 sizeof(last_error.pub.sqlstate), "%s", sqlstate);
	}
	return code;
}

int cc__check_options_version(const char *func, const char *type,
			      unsigned int version, unsigned int current)
{
	if (version == 0 || version > current)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: %s version %u is not supported "
				 "(this library knows 1..%u)",
				 func, type, version, current);
	return 0;
}
