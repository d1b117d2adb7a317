/* The provider registry: names to vtables, built-ins added on first use. */
#include <pthread.h>
#include <string.h>

#include "cc_config.h"
#include "providers_int.h"

struct entry {
	int kind;
	const void *vt;
	const char *name; /* borrowed from the vtable */
	void *userdata;
	struct entry *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *head, *tail;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static const char *kind_name(int kind)
{
	return kind == CC_PROVIDER_STT	 ? "STT"
	       : kind == CC_PROVIDER_TTS ? "TTS"
					 : "LLM";
}

static struct entry *find(int kind, const char *name)
{
	struct entry *e;
	for (e = head; e; e = e->next)
		if (e->kind == kind && strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

static int add(int kind, const void *vt, const char *name, void *userdata)
{
	struct entry *e;

	if (find(kind, name))
		return cc__error(CC_EEXISTS, CC_ERRCLASS_PROVIDER,
				 "%s provider '%s' is already registered",
				 kind_name(kind), name);
	if (!(e = cc__calloc(1, sizeof(*e))))
		return cc__error_nomem();
	e->kind = kind;
	e->vt = vt;
	e->name = name;
	e->userdata = userdata;
	if (tail)
		tail->next = e;
	else
		head = e;
	tail = e;
	return 0;
}

/* Built-ins are registered like a host's, so the same lookups and the same
 * listing serve both; a build without a dependency leaves them out. */
static void register_builtins(void)
{
	pthread_mutex_lock(&lock);
#if CC_HAVE_ESPEAK
	add(CC_PROVIDER_TTS, &cc_providers__espeak_tts,
	    cc_providers__espeak_tts.name, NULL);
#endif
#if CC_HAVE_CURL
	add(CC_PROVIDER_STT, &cc_providers__openai_stt,
	    cc_providers__openai_stt.name, NULL);
	add(CC_PROVIDER_TTS, &cc_providers__openai_tts,
	    cc_providers__openai_tts.name, NULL);
	add(CC_PROVIDER_LLM, &cc_providers__openai_llm,
	    cc_providers__openai_llm.name, NULL);
	add(CC_PROVIDER_TTS, &cc_providers__elevenlabs_tts,
	    cc_providers__elevenlabs_tts.name, NULL);
#endif
	pthread_mutex_unlock(&lock);
}

/* The three vtables share their head (version, name, capabilities,
 * create, destroy), checked here once. */
struct vt_head {
	unsigned int version;
	const char *name;
	unsigned int capabilities;
	int (*create)(void **, const cc_provider_options *, void *);
	void (*destroy)(void *);
};

static int do_register(int kind, const void *vt, unsigned max_version,
		       int has_method, void *userdata)
{
	const struct vt_head *h = vt;
	int rc;

	if (!vt)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "register: vtable is NULL");
	if (h->version == 0 || h->version > max_version)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "register: %s vtable version %u (this "
				 "library knows up to %u)",
				 kind_name(kind), h->version, max_version);
	if (!h->name || !*h->name || strlen(h->name) > 64)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "register: a provider needs a name of 1-64 "
				 "bytes");
	if (!h->create || !h->destroy || !has_method)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "register: %s provider '%s' lacks a required "
				 "method", kind_name(kind), h->name);
	pthread_once(&builtins_once, register_builtins);
	pthread_mutex_lock(&lock);
	rc = add(kind, vt, h->name, userdata);
	pthread_mutex_unlock(&lock);
	return rc;
}

int cc_stt_register(const cc_stt_vtable *vt, void *userdata)
{
	return do_register(CC_PROVIDER_STT, vt, CC_STT_VTABLE_VERSION,
			   vt && vt->recognize, userdata);
}

int cc_tts_register(const cc_tts_vtable *vt, void *userdata)
{
	return do_register(CC_PROVIDER_TTS, vt, CC_TTS_VTABLE_VERSION,
			   vt && vt->synthesize, userdata);
}

int cc_llm_register(const cc_llm_vtable *vt, void *userdata)
{
	return do_register(CC_PROVIDER_LLM, vt, CC_LLM_VTABLE_VERSION,
			   vt && vt->chat, userdata);
}

static int do_unregister(int kind, const char *name)
{
	struct entry *e, *prev = NULL;

	CC__CHECK_NOTNULL(name);
	pthread_once(&builtins_once, register_builtins);
	pthread_mutex_lock(&lock);
	for (e = head; e; prev = e, e = e->next)
		if (e->kind == kind && strcmp(e->name, name) == 0)
			break;
	if (e) {
		if (prev)
			prev->next = e->next;
		else
			head = e->next;
		if (tail == e)
			tail = prev;
	}
	pthread_mutex_unlock(&lock);
	if (!e)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_PROVIDER,
				 "no %s provider named '%s'", kind_name(kind),
				 name);
	cc__free(e);
	return 0;
}

int cc_stt_unregister(const char *name)
{
	return do_unregister(CC_PROVIDER_STT, name);
}

int cc_tts_unregister(const char *name)
{
	return do_unregister(CC_PROVIDER_TTS, name);
}

int cc_llm_unregister(const char *name)
{
	return do_unregister(CC_PROVIDER_LLM, name);
}

int cc_providers__lookup(int kind, const char *name, const void **vt,
			 void **userdata)
{
	struct entry *e;

	pthread_once(&builtins_once, register_builtins);
	pthread_mutex_lock(&lock);
	e = find(kind, name);
	if (e) {
		*vt = e->vt;
		*userdata = e->userdata;
	}
	pthread_mutex_unlock(&lock);
	if (!e)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_PROVIDER,
				 "no %s provider named '%s' (see "
				 "cc_provider_list)", kind_name(kind), name);
	return 0;
}

int cc_provider_list(int kind, cc_buf *out)
{
	struct entry *e;
	int n = 0, rc = 0;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_ARG(kind >= CC_PROVIDER_STT && kind <= CC_PROVIDER_LLM,
		      "kind");
	pthread_once(&builtins_once, register_builtins);
	cc__buf_clear(out);
	pthread_mutex_lock(&lock);
	for (e = head; e && rc == 0; e = e->next) {
		if (e->kind != kind)
			continue;
		rc = cc__buf_printf(out, "%s\n", e->name);
		n++;
	}
	pthread_mutex_unlock(&lock);
	return rc ? rc : n;
}
