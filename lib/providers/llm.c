/* cc_llm: chat handles over a registered vtable. */
#include <string.h>

#include "providers_int.h"

struct cc_llm {
	struct cc_provider_handle h;
};

struct llm_call {
	cc_llm *llm;
	cc_llm_token_fn *on_token;
	void *userdata;
	cc_buf *reply;
	int failed;
};

int cc_llm_new(cc_llm **out, const char *name, const cc_provider_options *opts)
{
	cc_llm *l;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(name);
	if (!(l = cc__calloc(1, sizeof(*l))))
		return cc__error_nomem();
	if ((rc = cc_providers__open(&l->h, CC_PROVIDER_LLM, name, opts))) {
		cc__free(l);
		return rc;
	}
	*out = l;
	return 0;
}

static int llm_emit(const char *text, size_t len, void *userdata)
{
	struct llm_call *c = userdata;

	if (atomic_load(&c->llm->h.canceled))
		return CC_ECANCELED;
	if (len == 0)
		return 0;
	if (!text)
		return c->failed = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
					     "LLM '%s' gave NULL text",
					     c->llm->h.name);
	if ((c->failed = cc__buf_put(c->reply, text, len)))
		return c->failed;
	if (c->on_token && c->on_token(text, len, c->userdata) != 0) {
		atomic_store(&c->llm->h.canceled, 1);
		return CC_ECANCELED;
	}
	return 0;
}

int cc_llm_chat(cc_llm *llm, const char *system_prompt,
		const cc_llm_message *messages, size_t count,
		cc_llm_token_fn *on_token, void *userdata, cc_buf *reply)
{
	const cc_llm_vtable *vt;
	struct llm_call call;
	cc_buf text = CC_BUF_INIT;
	size_t i;
	int rc;

	CC__CHECK_NOTNULL(llm);
	CC__CHECK_NOTNULL(messages);
	CC__CHECK_NOTNULL(reply);
	CC__CHECK_ARG(count > 0, "count");
	if (system_prompt &&
	    (rc = cc__utf8_require(system_prompt, strlen(system_prompt),
				   "system prompt")))
		return rc;
	for (i = 0; i < count; i++) {
		if (messages[i].role < CC_LLM_SYSTEM ||
		    messages[i].role > CC_LLM_ASSISTANT || !messages[i].content)
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "%s: message %zu has an unknown role "
					 "or no content", __func__, i);
		if ((rc = cc__utf8_require(messages[i].content,
					   strlen(messages[i].content),
					   "chat message")))
			return rc;
	}
	if ((rc = cc_providers__begin(&llm->h, __func__)))
		return rc;
	vt = llm->h.vt;
	memset(&call, 0, sizeof(call));
	call.llm = llm;
	call.on_token = on_token;
	call.userdata = userdata;
	call.reply = &text;
	rc = vt->chat(llm->h.state, system_prompt, messages, count, llm_emit,
		      &call);
	if (rc == 0 && call.failed)
		rc = call.failed;
	if (rc == 0 && cc__utf8_check(text.ptr ? text.ptr : "", text.size) !=
			       text.size)
		rc = cc__error(CC_EUTF8, CC_ERRCLASS_PROVIDER,
			       "LLM '%s' replied with invalid UTF-8",
			       llm->h.name);
	rc = cc_providers__end(&llm->h, rc);
	if (rc) {
		cc_buf_dispose(&text);
		return rc;
	}
	if (!text.ptr && (rc = cc__buf_set(&text, "", 0)))
		return rc;
	cc_buf_dispose(reply);
	*reply = text;
	return 0;
}

void cc_llm_cancel(cc_llm *llm)
{
	const cc_llm_vtable *vt;

	if (!llm)
		return;
	atomic_store(&llm->h.canceled, 1);
	vt = llm->h.vt;
	/* The flag covers a request about to start; the provider's own
	 * cancel interrupts one blocked in I/O. */
	if (vt->cancel && atomic_load(&llm->h.busy))
		vt->cancel(llm->h.state);
}

unsigned int cc_llm_capabilities(const cc_llm *llm)
{
	return llm ? ((const cc_llm_vtable *)llm->h.vt)->capabilities : 0;
}

const char *cc_llm_name(const cc_llm *llm)
{
	return llm ? llm->h.name : "";
}

void cc_llm_free(cc_llm *llm)
{
	if (!llm)
		return;
	((const cc_llm_vtable *)llm->h.vt)->destroy(llm->h.state);
	cc_providers__options_free(llm->h.opts);
	cc__free(llm->h.name);
	cc__free(llm);
}

void cc_llm__clear_cancel(cc_llm *llm)
{
	if (llm)
		atomic_store(&llm->h.canceled, 0);
}
