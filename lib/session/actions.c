/* The action queue: what the host must do next, in order. */
#include <string.h>

#include "session/session_int.h"

/* The arena starts with one NUL byte so that no string has offset 0 and an
 * empty arena still has a valid base. */
static int arena_put(cc_session *s, const char *str, int32_t *off)
{
	size_t len;

	if (str == NULL) {
		*off = -1;
		return 0;
	}
	if (s->arena.size == 0 && cc__buf_putc(&s->arena, '\0') < 0)
		return CC_ENOMEM;
	len = strlen(str);
	if (s->arena.size + len + 1 > INT32_MAX)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_SESSION,
				 "session: too much queued text");
	*off = (int32_t)s->arena.size;
	if (cc__buf_put(&s->arena, str, len + 1) < 0)
		return CC_ENOMEM;
	return 0;
}

int cc_session__push(cc_session *s, cc_action_type type,
		     const char *const str[CC_SESSION__AS_COUNT], uint8_t input,
		     uint8_t barge_in, uint32_t timeout_ms, double confidence)
{
	cc_session__act *a;
	int rc;

	/* The host has taken every earlier action, so their strings (valid
	 * only until this call) can go. */
	if (s->qlen == 0)
		cc_session__queue_clear(s);
	if (s->qhead + s->qlen == s->qcap) {
		if (s->qhead > 0) {
			memmove(s->q, s->q + s->qhead, s->qlen * sizeof(*s->q));
			s->qhead = 0;
		} else {
			uint32_t cap = s->qcap ? s->qcap * 2 : 4;
			cc_session__act *q = cc__realloc(s->q, cap * sizeof(*q));
			if (q == NULL)
				return cc__error_nomem();
			s->q = q;
			s->qcap = cap;
		}
	}
	a = &s->q[s->qhead + s->qlen];
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < CC_SESSION__AS_COUNT; i++)
		if ((rc = arena_put(s, str ? str[i] : NULL, &a->str[i])) < 0)
			return rc;
	a->type = (uint8_t)type;
	a->input = input;
	a->barge_in = barge_in;
	a->stage = s->stage;
	a->timeout_ms = timeout_ms;
	a->confidence = confidence;
	a->seq = ++s->seq;
	s->qlen++;
	return 0;
}

void cc_session__queue_clear(cc_session *s)
{
	s->qhead = s->qlen = 0;
	cc__buf_clear(&s->arena);
}

static const char *arena_str(const cc_session *s, int32_t off)
{
	return off < 0 ? NULL : s->arena.ptr + off;
}

CC_EXTERN(int) cc_session_next_action(const cc_action **out, cc_session *s)
{
	const cc_session__act *a;
	cc_action *c;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(s);
	if (s->qlen == 0) {
		/* Everything was handed out: the strings of the last action
		 * stay valid until the next call, which is this one. */
		cc_session__queue_clear(s);
		return CC_EAGAIN;
	}
	a = &s->q[s->qhead];
	c = &s->cur;
	memset(c, 0, sizeof(*c));
	c->type = (cc_action_type)a->type;
	c->seq = a->seq;
	c->stage = cc_session_stage_name((cc_session_stage)a->stage);
	c->text = arena_str(s, a->str[CC_SESSION__AS_TEXT]);
	c->language = arena_str(s, a->str[CC_SESSION__AS_LANG]);
	c->key = arena_str(s, a->str[CC_SESSION__AS_KEY]);
	c->barge_in = a->barge_in;
	c->field = arena_str(s, a->str[CC_SESSION__AS_FIELD]);
	c->input = (cc_input_kind)a->input;
	c->timeout_ms = a->timeout_ms;
	c->department = arena_str(s, a->str[CC_SESSION__AS_DEPT]);
	c->confidence = a->confidence;
	c->reason = arena_str(s, a->str[CC_SESSION__AS_REASON]);
	c->target = arena_str(s, a->str[CC_SESSION__AS_TARGET]);
	c->priority = arena_str(s, a->str[CC_SESSION__AS_PRIO]);
	c->ticket_id = arena_str(s, a->str[CC_SESSION__AS_TICKET]);
	c->ticket_kind = arena_str(s, a->str[CC_SESSION__AS_TKIND]);
	c->severity = arena_str(s, a->str[CC_SESSION__AS_SEV]);
	c->subject = arena_str(s, a->str[CC_SESSION__AS_SUBJECT]);
	c->description = arena_str(s, a->str[CC_SESSION__AS_DESC]);
	s->qhead++;
	s->qlen--;
	*out = c;
	return 0;
}
