/* The transcript: every turn of the call, kept in the session. */
#include <string.h>

#include "session/session_int.h"

int cc_session__turn_add(cc_session *s, cc_speaker who, const char *text,
			 size_t len, int lang)
{
	cc_session__turn *t;
	cc_session_turn_record rec;
	char key[CC_SESSION__MAX_CALL_ID + 16];

	if (s->nturns == s->cturns) {
		uint32_t cap = s->cturns ? s->cturns * 2 : 8;
		t = cc__realloc(s->turns, cap * sizeof(*t));
		if (t == NULL)
			return cc__error_nomem();
		s->turns = t;
		s->cturns = cap;
	}
	if (s->ttext.size + len + 1 > UINT32_MAX)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_SESSION,
				 "session: transcript too long");
	t = &s->turns[s->nturns];
	t->off = (uint32_t)s->ttext.size;
	t->len = (uint32_t)len;
	t->at_ms = s->now_ms;
	t->speaker = (uint8_t)who;
	t->lang = (uint8_t)lang;
	t->stage = s->stage;
	/* Each text keeps its NUL so turns can be handed out in place. */
	if (cc__buf_put(&s->ttext, text, len) < 0 ||
	    cc__buf_putc(&s->ttext, '\0') < 0)
		return CC_ENOMEM;
	s->nturns++;

	if (s->has_rec && s->rec.turn_added) {
		int rc;
		memset(&rec, 0, sizeof(rec));
		cc_session__rec_head(s, &rec.head, key);
		rec.turn = s->nturns - 1;
		rec.speaker = who;
		rec.text = s->ttext.ptr + t->off;
		rec.language = cc_session__lang_name(lang);
		rec.stage = cc_session_stage_name((cc_session_stage)t->stage);
		if ((rc = s->rec.turn_added(&rec, s->rec.userdata)) < 0)
			cc_session__rec_failed(s, "turn_added", rc);
	}
	return 0;
}

CC_EXTERN(size_t) cc_session_transcript_count(const cc_session *s)
{
	return s ? s->nturns : 0;
}

CC_EXTERN(int) cc_session_transcript_turn(cc_session_turn *out, const cc_session *s,
					  size_t index)
{
	const cc_session__turn *t;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(s);
	if (index >= s->nturns)
		return cc__error(CC_ERANGE, CC_ERRCLASS_ARG,
				 "cc_session_transcript_turn: turn %zu of %u",
				 index, s->nturns);
	t = &s->turns[index];
	out->speaker = (cc_speaker)t->speaker;
	out->text = s->ttext.ptr + t->off;
	out->language = cc_session__lang_name(t->lang);
	out->stage = cc_session_stage_name((cc_session_stage)t->stage);
	out->at_ms = t->at_ms;
	return 0;
}
