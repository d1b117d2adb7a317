/* HTTP client for the network providers (libcurl).
 *
 * Each provider instance keeps one easy handle, so consecutive requests
 * reuse the connection (curl_easy_reset keeps the connection cache).
 * Retries follow the OpenAI client rules: x-should-retry decides when
 * present, else 408/409/429/5xx and connection failures retry; the wait is
 * retry-after-ms or retry-after when within 0..60 s, else 0.5 s * 2^n
 * capped at 8 s minus up to 25 % jitter.  A streamed body that has begun
 * is never retried.  TLS verification is never turned off, and neither
 * the key nor the request body reaches a log or an error message. */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http.h"

#define ERROR_BODY_MAX (64 * 1024)
#define SUCCESS_BODY_MAX (64 * 1024 * 1024)

struct cc__http {
	CURLM *multi; /* holds the connection cache between requests */
	CURL *curl;
	atomic_int *canceled; /* the running request's flag, or NULL */
	atomic_int interrupted;
	long timeout_ms, connect_timeout_ms;
	int max_retries;
	char *ca_file;
	unsigned jitter_seed;
};

struct attempt {
	cc__http *h;
	const cc__http_request *req;
	cc__http_response *resp;
	int started;
	int cb_rc;
	int too_big;
	long retry_after_ms;
	int should_retry;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int cc__http_new(cc__http **out, const cc_provider_options *opts)
{
	cc__http *h;
	const char *ca = cc_provider_param(opts, "ca_file");

	*out = NULL;
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return cc__error(CC_ENETWORK, CC_ERRCLASS_PROVIDER,
				 "libcurl failed to initialize: %s",
				 curl_easy_strerror(curl_init_rc));
	if (!(h = cc__calloc(1, sizeof(*h))))
		return cc__error_nomem();
	if (!(h->multi = curl_multi_init()) || !(h->curl = curl_easy_init()) ||
	    (ca && !(h->ca_file = cc__strdup(ca)))) {
		cc__http_free(h);
		return cc__error_nomem();
	}
	atomic_init(&h->interrupted, 0);
	h->timeout_ms = opts->timeout_ms ? (long)opts->timeout_ms : 30000;
	h->connect_timeout_ms = opts->connect_timeout_ms
					? (long)opts->connect_timeout_ms
					: 5000;
	h->max_retries = opts->max_retries >= 0 ? opts->max_retries : 2;
	if (h->max_retries > 10)
		h->max_retries = 10;
	h->jitter_seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)h;
	*out = h;
	return 0;
}

void cc__http_free(cc__http *h)
{
	if (!h)
		return;
	if (h->curl)
		curl_easy_cleanup(h->curl);
	if (h->multi)
		curl_multi_cleanup(h->multi);
	cc__free(h->ca_file);
	cc__free(h);
}

CURL *cc__http_easy(cc__http *h)
{
	return h->curl;
}

void cc__http_cancel(cc__http *h)
{
	if (!h)
		return;
	atomic_store(&h->interrupted, 1);
	curl_multi_wakeup(h->multi); /* thread-safe: ends the poll now */
}

void cc__http_response_dispose(cc__http_response *r)
{
	cc_buf_dispose(&r->body);
}

static int stop_requested(cc__http *h)
{
	return atomic_load(&h->interrupted) ||
	       (h->canceled && atomic_load(h->canceled));
}

static int xferinfo(void *p, curl_off_t dt, curl_off_t dn, curl_off_t ut,
		    curl_off_t un)
{
	(void)dt, (void)dn, (void)ut, (void)un;
	return stop_requested(p) ? 1 : 0;
}

static size_t on_header(char *buf, size_t size, size_t n, void *p)
{
	struct attempt *a = p;
	size_t len = size * n, k;
	char val[128];

	if (len >= 5 && strncmp(buf, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue): forget the old one. */
		a->retry_after_ms = -1;
		a->should_retry = -1;
		a->resp->content_type[0] = '\0';
		return len;
	}
	for (k = 0; k < len && buf[k] != ':'; k++)
		;
	if (k == len)
		return len;
	{
		size_t v = k + 1, e = len;
		while (v < e && (buf[v] == ' ' || buf[v] == '\t'))
			v++;
		while (e > v && (buf[e - 1] == '\r' || buf[e - 1] == '\n' ||
				 buf[e - 1] == ' '))
			e--;
		if (e - v >= sizeof(val))
			e = v + sizeof(val) - 1;
		memcpy(val, buf + v, e - v);
		val[e - v] = '\0';
	}
	if (k == 12 && strncasecmp(buf, "content-type", 12) == 0) {
		size_t vl = strlen(val);
		if (vl >= sizeof(a->resp->content_type))
			vl = sizeof(a->resp->content_type) - 1;
		memcpy(a->resp->content_type, val, vl);
		a->resp->content_type[vl] = '\0';
	} else if (k == 14 && strncasecmp(buf, "retry-after-ms", 14) == 0) {
		char *end;
		double ms = strtod(val, &end);
		if (end != val && ms >= 0 && ms <= 60000)
			a->retry_after_ms = (long)ms;
	} else if (k == 11 && strncasecmp(buf, "retry-after", 11) == 0 &&
		   a->retry_after_ms < 0) {
		char *end;
		long s = strtol(val, &end, 10);
		if (end != val && *end == '\0') {
			if (s >= 0 && s <= 60)
				a->retry_after_ms = s * 1000;
		} else {
			time_t when = curl_getdate(val, NULL);
			long d = when > 0 ? (long)(when - time(NULL)) : -1;
			if (d >= 0 && d <= 60)
				a->retry_after_ms = d * 1000;
		}
	} else if (k == 14 && strncasecmp(buf, "x-should-retry", 14) == 0) {
		if (strcasecmp(val, "true") == 0)
			a->should_retry = 1;
		else if (strcasecmp(val, "false") == 0)
			a->should_retry = 0;
	}
	return len;
}

static size_t on_body(char *buf, size_t size, size_t n, void *p)
{
	struct attempt *a = p;
	size_t len = size * n;
	long status = 0;

	curl_easy_getinfo(a->h->curl, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300 && a->req->on_data) {
		int rc;
		a->started = 1;
		rc = a->req->on_data(buf, len, a->req->userdata);
		if (rc) {
			a->cb_rc = rc < 0 ? rc : CC_ECANCELED;
			return 0; /* aborts the transfer */
		}
		return len;
	}
	if (a->resp->body.size + len >
	    (status >= 200 && status < 300 ? SUCCESS_BODY_MAX : ERROR_BODY_MAX)) {
		if (status >= 200 && status < 300) {
			a->too_big = 1;
			return 0;
		}
		return len; /* an error body: its start is enough */
	}
	if (cc__buf_put(&a->resp->body, buf, len)) {
		a->cb_rc = CC_ENOMEM;
		return 0;
	}
	return len;
}

static void setup(struct attempt *a)
{
	cc__http *h = a->h;
	CURL *c = h->curl;
	const cc__http_request *r = a->req;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "libcallcenter/" "0.1");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, r->headers);
	if (r->mime) {
		curl_easy_setopt(c, CURLOPT_MIMEPOST, r->mime);
	} else {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body ? r->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)r->body_len);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, xferinfo);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (h->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->ca_file);
}

/* Waits @ms in short slices so a cancel is seen promptly. */
static int wait_ms(cc__http *h, long ms)
{
	while (ms > 0) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		if (stop_requested(h))
			return CC_ECANCELED;
		nanosleep(&ts, NULL);
		ms -= 10;
	}
	return stop_requested(h) ? CC_ECANCELED : 0;
}

static long backoff_ms(cc__http *h, int retry, long retry_after_ms)
{
	long base;
	if (retry_after_ms >= 0)
		return retry_after_ms;
	base = 500L << (retry < 4 ? retry : 4);
	if (base > 8000)
		base = 8000;
	h->jitter_seed = h->jitter_seed * 1103515245u + 12345u;
	return base - (long)(base * ((h->jitter_seed >> 16) % 250) / 1000);
}

/* Drives one transfer, polling in short slices so a cancel (flag or
 * wakeup) ends it promptly. */
static CURLcode run(cc__http *h)
{
	CURLcode res = CURLE_OK;
	CURLMsg *m;
	int running = 1, left;

	if (curl_multi_add_handle(h->multi, h->curl) != CURLM_OK)
		return CURLE_OUT_OF_MEMORY;
	while (running) {
		if (curl_multi_perform(h->multi, &running) != CURLM_OK) {
			res = CURLE_RECV_ERROR;
			break;
		}
		if (!running)
			break;
		if (stop_requested(h)) {
			res = CURLE_ABORTED_BY_CALLBACK;
			break;
		}
		curl_multi_poll(h->multi, NULL, 0, 50, NULL);
	}
	while ((m = curl_multi_info_read(h->multi, &left)))
		if (m->msg == CURLMSG_DONE && m->easy_handle == h->curl)
			res = m->data.result;
	curl_multi_remove_handle(h->multi, h->curl);
	return res;
}

static int curl_error(const cc__http_request *r, CURLcode res, int *retryable)
{
	*retryable = 0;
	switch (res) {
	case CURLE_OPERATION_TIMEDOUT:
		*retryable = 1;
		return cc__error(CC_ETIMEOUT, CC_ERRCLASS_PROVIDER,
				 "%s: no answer in time (%s)", r->what,
				 curl_easy_strerror(res));
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		*retryable = 1;
		return cc__error_backend(CC_ENETWORK, CC_ERRCLASS_PROVIDER,
					 (int)res, NULL, "%s: %s", r->what,
					 curl_easy_strerror(res));
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
		return cc__error_backend(CC_ENETWORK, CC_ERRCLASS_PROVIDER,
					 (int)res, NULL,
					 "%s: TLS failed (%s); certificate "
					 "verification stays on",
					 r->what, curl_easy_strerror(res));
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return cc__error_backend(CC_ECONFIG, CC_ERRCLASS_CONFIG,
					 (int)res, NULL, "%s: bad URL (%s)",
					 r->what, curl_easy_strerror(res));
	default:
		return cc__error_backend(CC_ENETWORK, CC_ERRCLASS_PROVIDER,
					 (int)res, NULL, "%s: %s", r->what,
					 curl_easy_strerror(res));
	}
}

static const char *status_hint(long status)
{
	switch (status) {
	case 401:
	case 403:
		return " (check the API key)";
	case 404:
		return " (check the base URL, model and voice)";
	case 413:
		return " (request too large)";
	case 429:
		return " (rate limited)";
	default:
		return "";
	}
}

int cc__http_perform(cc__http *h, const cc__http_request *req,
		     cc__http_response *resp)
{
	int retry;

	atomic_store(&h->interrupted, 0);
	h->canceled = cc_providers__current_cancel();
	resp->attempts = 0;
	for (retry = 0;; retry++) {
		struct attempt a;
		CURLcode res;
		int rc, retryable;
		char msg[320];

		memset(&a, 0, sizeof(a));
		a.h = h;
		a.req = req;
		a.resp = resp;
		a.retry_after_ms = -1;
		a.should_retry = -1;
		resp->status = 0;
		resp->content_type[0] = '\0';
		cc__buf_clear(&resp->body);
		setup(&a);
		CC__LOG_DEBUG("%s: POST %s (attempt %d)", req->what, req->url,
			      retry + 1);
		res = run(h);
		resp->attempts++;
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
				  &resp->status);
		if (stop_requested(h))
			return cc__error(CC_ECANCELED, CC_ERRCLASS_PROVIDER,
					 "%s: canceled", req->what);
		if (a.cb_rc) {
			if (a.cb_rc == CC_ENOMEM)
				return cc__error_nomem();
			if (cc_error_last()->code != a.cb_rc)
				cc__error(a.cb_rc, CC_ERRCLASS_PROVIDER,
					  "%s: %s", req->what,
					  cc_strerror(a.cb_rc));
			return a.cb_rc;
		}
		if (a.too_big)
			return cc__error(CC_ETOOBIG, CC_ERRCLASS_PROVIDER,
					 "%s: answer larger than %d MiB",
					 req->what, SUCCESS_BODY_MAX >> 20);
		if (res != CURLE_OK) {
			rc = curl_error(req, res, &retryable);
			if (!retryable || a.started || retry >= h->max_retries)
				return rc;
			CC__LOG_INFO("%s: %s; retrying", req->what,
				     cc_error_last()->message);
			if ((rc = wait_ms(h, backoff_ms(h, retry, -1))))
				return cc__error(rc, CC_ERRCLASS_PROVIDER,
						 "%s: canceled", req->what);
			continue;
		}
		if (resp->status >= 200 && resp->status < 300)
			return 0;
		retryable = a.should_retry >= 0
				    ? a.should_retry
				    : resp->status == 408 || resp->status == 409 ||
					      resp->status == 429 ||
					      resp->status >= 500;
		if (retryable && !a.started && retry < h->max_retries) {
			CC__LOG_INFO("%s: HTTP %ld; retrying", req->what,
				     resp->status);
			if ((rc = wait_ms(h, backoff_ms(h, retry,
							a.retry_after_ms))))
				return cc__error(rc, CC_ERRCLASS_PROVIDER,
						 "%s: canceled", req->what);
			continue;
		}
		cc__http_error_text(&resp->body, msg, sizeof(msg));
		return cc__error_backend(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
					 (int)resp->status, NULL,
					 "%s: HTTP %ld%s: %s%s", req->what,
					 resp->status, status_hint(resp->status),
					 msg,
					 resp->attempts > 1 ? " (after retries)"
							    : "");
	}
}

static const char *json_message(const cJSON *root)
{
	const cJSON *e, *m;

	if (!root)
		return NULL;
	if ((e = cJSON_GetObjectItemCaseSensitive(root, "error"))) {
		if (cJSON_IsString(e))
			return e->valuestring; /* whisper.cpp */
		m = cJSON_GetObjectItemCaseSensitive(e, "message");
		if (cJSON_IsString(m))
			return m->valuestring; /* OpenAI, llama.cpp */
	}
	if ((e = cJSON_GetObjectItemCaseSensitive(root, "detail"))) {
		if (cJSON_IsString(e))
			return e->valuestring;
		m = cJSON_GetObjectItemCaseSensitive(e, "message");
		if (cJSON_IsString(m))
			return m->valuestring; /* ElevenLabs */
		if (cJSON_IsArray(e)) {
			m = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetArrayItem(e, 0), "msg");
			if (cJSON_IsString(m))
				return m->valuestring; /* validation */
		}
	}
	m = cJSON_GetObjectItemCaseSensitive(root, "message");
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

void cc__http_error_text(const cc_buf *body, char *out, size_t cap)
{
	cJSON *root = NULL;
	const char *m = NULL;
	size_t n;

	out[0] = '\0';
	if (!body->ptr || body->size == 0) {
		snprintf(out, cap, "empty answer");
		return;
	}
	root = cJSON_ParseWithLength(body->ptr, body->size);
	m = json_message(root);
	if (!m)
		m = body->ptr;
	n = strlen(m);
	if (n > cap - 1)
		n = cap - 1;
	/* Masks phones and e-mails a service may echo, fixes bad UTF-8. */
	cc__scrub(out, m, n);
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	cJSON_Delete(root);
}

int cc__http_check_base(const char *base, const char *provider)
{
	if (!base || (strncmp(base, "http://", 7) && strncmp(base, "https://", 8)))
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "%s: base URL must start with http:// or "
				 "https://", provider);
	if (strlen(base) > 2000)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_CONFIG,
				 "%s: base URL too long", provider);
	return 0;
}

char *cc__http_url(const char *base, const char *path)
{
	size_t b = strlen(base);
	char *u;

	while (b > 0 && base[b - 1] == '/')
		b--;
	while (*path == '/')
		path++;
	if (!(u = cc__malloc(b + strlen(path) + 2))) {
		cc__error_nomem();
		return NULL;
	}
	memcpy(u, base, b);
	u[b] = '/';
	strcpy(u + b + 1, path);
	return u;
}
