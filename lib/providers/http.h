/* HTTP for the network providers: one reusable libcurl handle per provider
 * instance, retries with backoff, cancel, streaming bodies, clear errors. */
#ifndef CC_LIB_PROVIDERS_HTTP_H
#define CC_LIB_PROVIDERS_HTTP_H

#include <curl/curl.h>
#include <stdatomic.h>

#include "providers_int.h"

typedef struct cc__http cc__http;

/* Receives response body bytes of a 2xx answer as they arrive.  Return 0
 * to go on, a negative CC_E code to abort the request with it. */
typedef int cc__http_data_fn(const char *data, size_t len, void *userdata);

typedef struct cc__http_request {
	const char *what;          /* "OpenAI STT", used in messages */
	const char *url;
	struct curl_slist *headers; /* borrowed */
	const char *body;          /* POST body (JSON), or NULL with mime */
	size_t body_len;
	curl_mime *mime;           /* multipart body, borrowed */
	cc__http_data_fn *on_data; /* NULL: the body is collected */
	void *userdata;
} cc__http_request;

typedef struct cc__http_response {
	long status;
	char content_type[96];
	cc_buf body;  /* the whole body when on_data is NULL, else error body */
	int attempts; /* requests sent, retries included */
} cc__http_response;

/* Reads timeout_ms, connect_timeout_ms, max_retries and the "ca_file"
 * param.  A request watches the cancel flag of the provider handle that
 * runs it (cc_providers__current_cancel). */
int cc__http_new(cc__http **out, const cc_provider_options *opts);
void cc__http_free(cc__http *h);
/* The easy handle, for curl_mime_init. */
CURL *cc__http_easy(cc__http *h);
/* Interrupts a transfer or backoff in progress (thread-safe). */
void cc__http_cancel(cc__http *h);

/* Sends the request, retrying 408/409/429/5xx and connection failures
 * (never once a streamed body has started), honouring retry-after-ms,
 * retry-after and x-should-retry.  Returns 0 for a 2xx answer; otherwise
 * a clear error (CC_EPROVIDER with backend_code = HTTP status, CC_ENETWORK,
 * CC_ETIMEOUT, CC_ECANCELED, or the on_data callback's code). */
int cc__http_perform(cc__http *h, const cc__http_request *req,
		     cc__http_response *resp);
void cc__http_response_dispose(cc__http_response *r);

/* The service's error message from an error body (OpenAI, whisper.cpp,
 * llama.cpp and ElevenLabs shapes), or a cleaned excerpt; into @out. */
void cc__http_error_text(const cc_buf *body, char *out, size_t cap);

/* Joins a base URL and a path without doubling the slash; NULL on ENOMEM
 * (recorded). Validates that base starts with http:// or https://. */
char *cc__http_url(const char *base, const char *path);
int cc__http_check_base(const char *base, const char *provider);

/* Server-sent events (text/event-stream) parser. */
typedef int cc__sse_fn(const char *event, const char *data, size_t len,
		       void *userdata);
typedef struct cc__sse {
	cc_buf line, data, event;
	int saw_cr;
	cc__sse_fn *on_event;
	void *userdata;
} cc__sse;

void cc__sse_init(cc__sse *s, cc__sse_fn *fn, void *userdata);
int cc__sse_feed(cc__sse *s, const char *p, size_t n);
/* Dispatches an event left without its blank line at end of stream. */
int cc__sse_finish(cc__sse *s);
void cc__sse_dispose(cc__sse *s);

/* Base64 decoding for audio carried in JSON events; appends to @out. */
int cc__base64_decode(const char *in, size_t len, cc_buf *out);

#endif
