/* Process-wide setup: allocator, logger, init count, features. */
#include <pthread.h>
#include <stdio.h>

#include "cc_config.h"
#include "callcenter/global.h"
#include "callcenter/version.h"
#include "global_int.h"
#include "util.h"

static const char *level_names[] = { "none",  "error", "warn",
				     "info",  "debug", "trace" };

static void stderr_logger(void *userdata, int level, const char *message)
{
	CC__UNUSED(userdata);
	fprintf(stderr, "callcenter[%s]: %s\n",
		level >= 0 && level <= CC_LOG_TRACE ? level_names[level] : "?",
		message);
}

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;
static bool have_allocator;
static cc_allocator allocator;
static cc_log_fn log_fn = stderr_logger;
static void *log_userdata;

const cc_allocator *cc__global_allocator(void)
{
	return have_allocator ? &allocator : NULL;
}

void cc__global_log_sink(cc_log_fn *fn, void **userdata)
{
	*fn = log_fn;
	*userdata = log_userdata;
}

int cc_global_options_init(cc_global_options *opts, unsigned int version)
{
	cc_global_options defaults = CC_GLOBAL_OPTIONS_INIT;
	int rc;

	CC__CHECK_NOTNULL(opts);
	rc = cc__check_options_version(__func__, "cc_global_options", version,
				       CC_GLOBAL_OPTIONS_VERSION);
	if (rc)
		return rc;
	*opts = defaults;
	return 0;
}

static int check_options(const cc_global_options *opts)
{
	int rc = cc__check_options_version("cc_global_init",
					   "cc_global_options", opts->version,
					   CC_GLOBAL_OPTIONS_VERSION);
	if (rc)
		return rc;
	if (opts->allocator &&
	    (!opts->allocator->malloc_fn || !opts->allocator->realloc_fn ||
	     !opts->allocator->free_fn))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_global_init: the allocator needs "
				 "malloc_fn, realloc_fn and free_fn");
	if (opts->log_level < CC_LOG_NONE || opts->log_level > CC_LOG_TRACE)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_global_init: %d is not a log level",
				 opts->log_level);
	return 0;
}

int cc_global_init(const cc_global_options *opts)
{
	int rc;

	if (opts && (rc = check_options(opts)) != 0)
		return rc;
	pthread_mutex_lock(&init_lock);
	if (init_count > 0) {
		if (opts && opts->allocator) {
			pthread_mutex_unlock(&init_lock);
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_global_init: the allocator can "
					 "only be set by the first call");
		}
		rc = ++init_count;
		pthread_mutex_unlock(&init_lock);
		return rc;
	}
	if (opts) {
		if (opts->allocator) {
			allocator = *opts->allocator;
			have_allocator = true;
		}
		if (opts->log_fn) {
			log_fn = opts->log_fn;
			log_userdata = opts->log_userdata;
		}
		cc_log_set_level(opts->log_level);
	}
	rc = ++init_count;
	pthread_mutex_unlock(&init_lock);
	return rc;
}

int cc_global_shutdown(void)
{
	int rc;

	pthread_mutex_lock(&init_lock);
	if (init_count == 0) {
		pthread_mutex_unlock(&init_lock);
		return cc__error(CC_ESTATE, CC_ERRCLASS_ARG,
				 "cc_global_shutdown: not initialized");
	}
	rc = --init_count;
	if (rc == 0) {
		have_allocator = false;
		log_fn = stderr_logger;
		log_userdata = NULL;
		cc_log_set_level(CC_LOG_WARN);
	}
	pthread_mutex_unlock(&init_lock);
	return rc;
}

int cc_features(void)
{
	int f = CC_FEATURE_THREADS;
#if CC_HAVE_SQLITE
	f |= CC_FEATURE_SQLITE;
#endif
#if CC_HAVE_POSTGRES
	f |= CC_FEATURE_POSTGRES;
#endif
#if CC_HAVE_OPUS
	f |= CC_FEATURE_OPUS;
#endif
#if CC_HAVE_CURL
	f |= CC_FEATURE_CURL;
#endif
#if CC_HAVE_ESPEAK
	f |= CC_FEATURE_ESPEAK;
#endif
#if CC_HAVE_STEMMER
	f |= CC_FEATURE_STEMMER;
#endif
#if CC_HAVE_SPEEXDSP
	f |= CC_FEATURE_SPEEXDSP;
#endif
	return f;
}

int cc_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = CC_VERSION_MAJOR;
	if (minor)
		*minor = CC_VERSION_MINOR;
	if (patch)
		*patch = CC_VERSION_PATCH;
	return CC_VERSION_NUMBER;
}

const char *cc_version_string(void)
{
	return CC_VERSION;
}
