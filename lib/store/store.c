/* cc_store: opening a database by URI, the backend registry, public calls. */
#include <stdlib.h>
#include <string.h>

#include "cc_config.h"
#include "store_int.h"

#define MAX_BACKENDS 16

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const cc_store_backend *registry[MAX_BACKENDS];
static size_t registry_count;

static const cc_store_backend *builtin(const char *name, size_t len)
{
	static const cc_store_backend *const list[] = {
		&cc_store__memory_backend,
		&cc_store__sqlite_backend,
		&cc_store__postgres_backend,
	};
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(list); i++)
		if (list[i]->connect && strlen(list[i]->name) == len &&
		    memcmp(list[i]->name, name, len) == 0)
			return list[i];
	return NULL;
}

static const cc_store_backend *registered(const char *name, size_t len)
{
	const cc_store_backend *found = NULL;
	size_t i;
	pthread_mutex_lock(&registry_lock);
	for (i = 0; i < registry_count && !found; i++)
		if (strlen(registry[i]->name) == len &&
		    memcmp(registry[i]->name, name, len) == 0)
			found = registry[i];
	pthread_mutex_unlock(&registry_lock);
	return found;
}

CC_EXTERN(int) cc_store_backend_register(const cc_store_backend *backend)
{
	int rc = 0;
	CC__CHECK_NOTNULL(backend);
	CC__CHECK_ARG(backend->version >= 1 &&
			      backend->version <= CC_STORE_BACKEND_VERSION,
		      "backend->version");
	CC__CHECK_ARG(backend->name && backend->name[0] &&
			      !strchr(backend->name, ':'),
		      "backend->name");
	CC__CHECK_ARG(backend->dialect &&
			      (strcmp(backend->dialect, "sqlite") == 0 ||
			       strcmp(backend->dialect, "postgresql") == 0),
		      "backend->dialect");
	CC__CHECK_ARG(backend->connect != NULL, "backend->connect");
	pthread_mutex_lock(&registry_lock);
	if (builtin(backend->name, strlen(backend->name)) ||
	    strcmp(backend->name, "postgres") == 0) {
		rc = cc__error(CC_EEXISTS, CC_ERRCLASS_STORE,
			       "a built-in backend is named '%s'",
			       backend->name);
	} else {
		size_t i;
		for (i = 0; i < registry_count; i++)
			if (strcmp(registry[i]->name, backend->name) == 0)
				rc = cc__error(CC_EEXISTS, CC_ERRCLASS_STORE,
					       "backend '%s' is registered",
					       backend->name);
		if (rc == 0 && registry_count == MAX_BACKENDS)
			rc = cc__error(CC_ENOMEM, CC_ERRCLASS_STORE,
				       "too many backends registered");
		if (rc == 0)
			registry[registry_count++] = backend;
	}
	pthread_mutex_unlock(&registry_lock);
	return rc;
}

CC_EXTERN(int) cc_store_backend_error(int code, int backend_code,
				      const char *sqlstate,
				      const char *message)
{
	if (code >= 0)
		code = CC_ESTORE;
	return cc__error_backend(code, CC_ERRCLASS_STORE, backend_code,
				 sqlstate, "%s", message ? message : "");
}

CC_EXTERN(int) cc_store_options_init(cc_store_options *opts,
				     unsigned int version)
{
	static const cc_store_options defaults = CC_STORE_OPTIONS_INIT;
	int rc;
	CC__CHECK_NOTNULL(opts);
	rc = cc__check_options_version(__func__, "cc_store_options", version,
				       CC_STORE_OPTIONS_VERSION);
	if (rc < 0)
		return rc;
	*opts = defaults;
	opts->version = version;
	return 0;
}

/* Picks the backend and the target it is given from a URI. */
static int resolve(const char *uri, const cc_store_backend **be,
		   const char **target)
{
	const char *colon = strchr(uri, ':');
	size_t n = colon ? (size_t)(colon - uri) : 0;

	if (strncmp(uri, "postgresql://", 13) == 0 ||
	    strncmp(uri, "postgres://", 11) == 0 ||
	    (strchr(uri, '=') && (!colon || strchr(uri, '=') < colon))) {
		*be = &cc_store__postgres_backend;
		*target = uri;
		if (!(*be)->connect)
			return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_STORE,
					 "this build has no PostgreSQL backend");
		return 0;
	}
	if (!colon || n == 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_STORE,
				 "store URI has no scheme (want memory:, "
				 "sqlite:PATH or postgresql://...)");
	*target = colon + 1;
	*be = builtin(uri, n);
	if (!*be)
		*be = registered(uri, n);
	if (!*be) {
		if ((n == 6 && memcmp(uri, "sqlite", 6) == 0) ||
		    (n == 6 && memcmp(uri, "memory", 6) == 0))
			return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_STORE,
					 "this build has no SQLite backend");
		return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_STORE,
				 "no store backend for scheme '%.*s'",
				 (int)(n > 32 ? 32 : n), uri);
	}
	return 0;
}

CC_EXTERN(int) cc_store_open(cc_store **out, const char *uri,
			     const cc_store_options *opts)
{
	static const cc_store_options defaults = CC_STORE_OPTIONS_INIT;
	const cc_store_backend *be = NULL;
	const char *target = NULL;
	cc_store_conn *c = NULL;
	cc_store *s;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(uri);
	if (!opts)
		opts = &defaults;
	rc = cc__check_options_version(__func__, "cc_store_options",
				       opts->version, CC_STORE_OPTIONS_VERSION);
	if (rc < 0)
		return rc;
	CC__CHECK_ARG(opts->pool_size <= 64, "opts->pool_size");
	if (strlen(uri) > 4096)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_STORE,
				 "store URI longer than 4096 bytes");
	rc = resolve(uri, &be, &target);
	if (rc < 0)
		return rc;

	s = cc__calloc(1, sizeof(*s));
	if (!s)
		return cc__error_nomem();
	s->backend = be;
	s->pg = strcmp(be->dialect, "postgresql") == 0;
	s->busy_timeout_ms = opts->busy_timeout_ms ? opts->busy_timeout_ms
						   : 5000;
	s->max_pending = opts->max_pending ? opts->max_pending : 100000;
	s->pool_size = opts->pool_size ? opts->pool_size
				       : be->default_pool_size;
	if (s->pool_size == 0)
		s->pool_size = 1;
	/* A private in-memory database exists once per connection. */
	if (be == &cc_store__memory_backend)
		s->pool_size = 1;
	s->target = cc__strdup(target);
	s->idle = cc__calloc(s->pool_size, sizeof(*s->idle));
	if (!s->target || !s->idle) {
		cc__free(s->target);
		cc__free(s->idle);
		cc__free(s);
		return cc__error_nomem();
	}
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->freed, NULL);
	pthread_mutex_init(&s->qlock, NULL);

	/* Connect now, so a wrong path or server is reported by open. */
	rc = cc_store__acquire(s, &c);
	if (rc == 0) {
		cc_store__release(s, c, false);
		if (opts->migrate) {
			rc = cc_store_migrate(s);
			if (rc > 0)
				rc = 0;
		}
	}
	if (rc < 0) {
		cc_store_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

CC_EXTERN(void) cc_store_free(cc_store *store)
{
	if (!store)
		return;
	if (store->npending)
		CC__LOG_WARN("store: freeing with %zu writes still pending",
			     store->npending);
	cc_store__pool_close(store);
	cc_store__queue_clear(store);
	pthread_mutex_destroy(&store->lock);
	pthread_cond_destroy(&store->freed);
	pthread_mutex_destroy(&store->qlock);
	cc__free(store->idle);
	cc__free(store->target);
	cc__free(store);
}

CC_EXTERN(const char *) cc_store_backend_name(const cc_store *store)
{
	return store ? store->backend->name : "";
}

CC_EXTERN(int) cc_store_pending(cc_store *store)
{
	size_t n;
	CC__CHECK_NOTNULL(store);
	pthread_mutex_lock(&store->qlock);
	n = store->npending;
	pthread_mutex_unlock(&store->qlock);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

CC_EXTERN(int) cc_store_dropped(cc_store *store)
{
	size_t n;
	CC__CHECK_NOTNULL(store);
	pthread_mutex_lock(&store->qlock);
	n = store->ndropped;
	pthread_mutex_unlock(&store->qlock);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}
