/* Starts and stops tests/servers/provider_server.py for a test program,
 * and reads its /_stats. */
#ifndef CC_TEST_PROVIDER_SERVER_H
#define CC_TEST_PROVIDER_SERVER_H

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t srv_pid;
static int srv_port;

/* Returns 0 when the server is up and listening. */
static inline int srv_start(const char *key)
{
	const char *root = getenv("CC_SOURCE_ROOT");
	char script[1024], line[64];
	int fds[2];
	FILE *in;

	snprintf(script, sizeof(script), "%s/tests/servers/provider_server.py",
		 root ? root : ".");
	if (pipe(fds))
		return -1;
	srv_pid = fork();
	if (srv_pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		if (key)
			execlp("python3", "python3", script, "--key", key,
			       (char *)NULL);
		else
			execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	if (!in || !fgets(line, sizeof(line), in) ||
	    sscanf(line, "PORT %d", &srv_port) != 1)
		return -1;
	fclose(in);
	return 0;
}

static inline void srv_stop(void)
{
	if (srv_pid > 0) {
		kill(srv_pid, SIGTERM);
		waitpid(srv_pid, NULL, 0);
		srv_pid = 0;
	}
}

static inline void srv_url(char *out, size_t cap, const char *scenario)
{
	snprintf(out, cap, "http://127.0.0.1:%d/%s/v1", srv_port, scenario);
}

static inline size_t srv_collect(char *p, size_t s, size_t n, void *ud)
{
	size_t len = s * n, *used = ud;
	char *buf = (char *)(used + 1);
	if (*used + len < 1000000 - sizeof(size_t)) {
		memcpy(buf + *used, p, len);
		*used += len;
		buf[*used] = 0;
	}
	return len;
}

/* GET or POST a control endpoint; returns the parsed JSON (caller frees). */
static inline cJSON *srv_call(const char *path, const char *post)
{
	char url[256];
	size_t *mem = calloc(1, 1000000);
	CURL *c = curl_easy_init();
	cJSON *j;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", srv_port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (post)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, srv_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, mem);
	curl_easy_perform(c);
	curl_easy_cleanup(c);
	j = cJSON_Parse((char *)(mem + 1));
	free(mem);
	return j;
}

static inline int srv_count(const char *scenario)
{
	cJSON *s = srv_call("/_stats", NULL);
	cJSON *n = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "counts"), scenario);
	int v = cJSON_IsNumber(n) ? n->valueint : 0;
	cJSON_Delete(s);
	return v;
}

#endif
