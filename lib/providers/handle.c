/* Provider handles: open by name, one request at a time, cancel. */
#include <string.h>

#include "providers_int.h"

/* The cancel flag of the request running on this thread, so built-in
 * providers can watch it from inside their I/O loops. */
static _Thread_local atomic_int *current_cancel;

atomic_int *cc_providers__current_cancel(void)
{
	return current_cancel;
}

int cc_providers__open(struct cc_provider_handle *h, int kind,
		       const char *name, const cc_provider_options *opts)
{
	const void *vt = NULL;
	void *userdata = NULL;
	const cc_stt_vtable *head;
	int rc;

	CC__CHECK_NOTNULL(name);
	if (opts && (rc = cc__check_options_version("cc_provider_open",
						    "cc_provider_options",
						    opts->version,
						    CC_PROVIDER_OPTIONS_VERSION)))
		return rc;
	if ((rc = cc_providers__lookup(kind, name, &vt, &userdata)))
		return rc;
	memset(h, 0, sizeof(*h));
	h->vt = vt;
	if (!(h->name = cc__strdup(name)) ||
	    !(h->opts = cc_providers__options_copy(opts))) {
		cc__free(h->name);
		return cc__error_nomem();
	}
	atomic_init(&h->canceled, 0);
	atomic_init(&h->busy, 0);
	/* create/destroy sit at the same place in all three vtables. */
	head = vt;
	if ((rc = head->create(&h->state, h->opts, userdata)) != 0) {
		if (rc > 0 || cc_error_last()->code != rc)
			rc = cc__error(rc < 0 ? rc : CC_EPROVIDER,
				       CC_ERRCLASS_PROVIDER,
				       "provider '%s' failed to open", name);
		cc_providers__options_free(h->opts);
		cc__free(h->name);
		return rc;
	}
	return 0;
}

int cc_providers__begin(struct cc_provider_handle *h, const char *func)
{
	if (atomic_exchange(&h->busy, 1))
		return cc__error(CC_EBUSY, CC_ERRCLASS_PROVIDER,
				 "%s: provider '%s' is already running a "
				 "request", func, h->name);
	if (atomic_exchange(&h->canceled, 0)) {
		atomic_store(&h->busy, 0);
		return cc__error(CC_ECANCELED, CC_ERRCLASS_PROVIDER,
				 "%s: provider '%s': canceled before it "
				 "started", func, h->name);
	}
	current_cancel = &h->canceled;
	return 0;
}

int cc_providers__end(struct cc_provider_handle *h, int rc)
{
	int canceled = atomic_exchange(&h->canceled, 0);

	current_cancel = NULL;
	if (canceled && rc != 0)
		rc = cc__error(CC_ECANCELED, CC_ERRCLASS_PROVIDER,
			       "provider '%s': request canceled", h->name);
	else if (rc > 0)
		rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
			       "provider '%s' returned %d", h->name, rc);
	else if (rc < 0 && cc_error_last()->code != rc)
		rc = cc__error(rc, CC_ERRCLASS_PROVIDER,
			       "provider '%s' failed: %s", h->name,
			       cc_strerror(rc));
	atomic_store(&h->busy, 0);
	return rc;
}
