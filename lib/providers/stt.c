/* cc_stt: speech-to-text handles over a registered vtable. */
#include <string.h>

#include "audio/audio_int.h"
#include "providers_int.h"

struct cc_stt {
	struct cc_provider_handle h;
};

struct stt_call {
	cc_stt *stt;
	cc_stt_partial_fn *on_partial;
	void *userdata;
	cc_stt_result *res;
	int got_final, failed;
};

void cc_stt_result_dispose(cc_stt_result *r)
{
	if (!r)
		return;
	cc_buf_dispose(&r->text);
	r->language[0] = '\0';
	r->confidence = -1.0;
}

static int stt_emit(int is_final, const char *text, size_t len,
		    const char *language, double confidence, void *userdata)
{
	struct stt_call *c = userdata;

	if (atomic_load(&c->stt->h.canceled))
		return CC_ECANCELED;
	if (!text && len)
		len = 0;
	if (cc__utf8_check(text ? text : "", len) != len) {
		c->failed = cc__error(CC_EUTF8, CC_ERRCLASS_PROVIDER,
				      "STT '%s' returned invalid UTF-8",
				      c->stt->h.name);
		return c->failed;
	}
	if (!is_final) {
		if (c->on_partial && c->on_partial(text ? text : "", len,
						   c->userdata) != 0) {
			atomic_store(&c->stt->h.canceled, 1);
			return CC_ECANCELED;
		}
		return 0;
	}
	if ((c->failed = cc__buf_set(&c->res->text, text ? text : "", len)))
		return c->failed;
	c->got_final = 1;
	c->res->language[0] = '\0';
	if (language) {
		strncpy(c->res->language, language,
			sizeof(c->res->language) - 1);
		c->res->language[sizeof(c->res->language) - 1] = '\0';
	}
	c->res->confidence = confidence;
	return 0;
}

int cc_stt_new(cc_stt **out, const char *name, const cc_provider_options *opts)
{
	cc_stt *s;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(name);
	if (!(s = cc__calloc(1, sizeof(*s))))
		return cc__error_nomem();
	if ((rc = cc_providers__open(&s->h, CC_PROVIDER_STT, name, opts))) {
		cc__free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int cc_stt_recognize(cc_stt *stt, const cc_audio_frame *audio,
		     const char *language, cc_stt_partial_fn *on_partial,
		     void *userdata, cc_stt_result *out)
{
	const cc_stt_vtable *vt;
	cc_stt_result res = CC_STT_RESULT_INIT;
	struct stt_call call;
	int rc;

	CC__CHECK_NOTNULL(stt);
	CC__CHECK_NOTNULL(out);
	if ((rc = cc_audio__check_frame(audio, __func__)))
		return rc;
	if ((rc = cc_providers__begin(&stt->h, __func__)))
		return rc;
	vt = stt->h.vt;
	memset(&call, 0, sizeof(call));
	call.stt = stt;
	call.on_partial = on_partial;
	call.userdata = userdata;
	call.res = &res;
	rc = vt->recognize(stt->h.state, audio,
			   language ? language : stt->h.opts->language,
			   stt_emit, &call);
	if (rc == 0 && call.failed)
		rc = call.failed;
	if (rc == 0 && !call.got_final)
		rc = cc__error(CC_EPROVIDER, CC_ERRCLASS_PROVIDER,
			       "STT '%s' returned no transcript",
			       stt->h.name);
	rc = cc_providers__end(&stt->h, rc);
	if (rc) {
		cc_stt_result_dispose(&res);
		return rc;
	}
	cc_stt_result_dispose(out);
	*out = res;
	return 0;
}

void cc_stt_cancel(cc_stt *stt)
{
	const cc_stt_vtable *vt;

	if (!stt)
		return;
	atomic_store(&stt->h.canceled, 1);
	vt = stt->h.vt;
	/* The flag covers a request about to start; the provider's own
	 * cancel interrupts one blocked in I/O. */
	if (vt->cancel && atomic_load(&stt->h.busy))
		vt->cancel(stt->h.state);
}

unsigned int cc_stt_capabilities(const cc_stt *stt)
{
	return stt ? ((const cc_stt_vtable *)stt->h.vt)->capabilities : 0;
}

const char *cc_stt_name(const cc_stt *stt)
{
	return stt ? stt->h.name : "";
}

void cc_stt_free(cc_stt *stt)
{
	if (!stt)
		return;
	((const cc_stt_vtable *)stt->h.vt)->destroy(stt->h.state);
	cc_providers__options_free(stt->h.opts);
	cc__free(stt->h.name);
	cc__free(stt);
}

void cc_stt__clear_cancel(cc_stt *stt)
{
	if (stt)
		atomic_store(&stt->h.canceled, 0);
}
