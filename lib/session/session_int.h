/* The session's internal layout, shared by the files of lib/session/. */
#ifndef CC_LIB_SESSION_INT_H
#define CC_LIB_SESSION_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "callcenter/engine.h"
#include "callcenter/routing.h"
#include "callcenter/rules.h"
#include "callcenter/session.h"
#include "util/util.h"

/* Limits on what a caller can send in one event. */
#define CC_SESSION__MAX_TEXT 4096
#define CC_SESSION__MAX_DTMF 64
#define CC_SESSION__MAX_DETAIL 256
#define CC_SESSION__MAX_CALL_ID 64
/* Fields a configuration may ask for; beyond this the engine is refused. */
#define CC_SESSION__MAX_FIELDS 32

/* Languages a session speaks. */
enum { CC_SESSION__AR = 0, CC_SESSION__EN = 1 };

/* What the session is waiting for inside department handling. */
enum cc_session__dstate {
	CC_SESSION__DS_NONE = 0,
	CC_SESSION__DS_FOLLOWUP = 1,   /* after an FAQ answer: anything else? */
	CC_SESSION__DS_DETAILS = 2,    /* complaint: tell us what happened */
	CC_SESSION__DS_CALLBACK = 3,   /* closed or unreachable: callback? */
	CC_SESSION__DS_WAITING = 4     /* queued or transferring: agent's turn */
};

/* String slots of a queued action (offsets into the action arena). */
enum {
	CC_SESSION__AS_TEXT, CC_SESSION__AS_LANG, CC_SESSION__AS_KEY,
	CC_SESSION__AS_FIELD, CC_SESSION__AS_DEPT, CC_SESSION__AS_REASON,
	CC_SESSION__AS_TARGET, CC_SESSION__AS_PRIO, CC_SESSION__AS_TICKET,
	CC_SESSION__AS_TKIND, CC_SESSION__AS_SEV, CC_SESSION__AS_SUBJECT,
	CC_SESSION__AS_DESC, CC_SESSION__AS_COUNT
};

/* A queued action: strings live in the arena so that a session holds one
 * allocation for all of them, and the arena empties when the queue does. */
typedef struct cc_session__act {
	uint8_t type, input, barge_in, stage;
	uint32_t seq;
	uint32_t timeout_ms;
	double confidence;
	int32_t str[CC_SESSION__AS_COUNT]; /* offset in the arena, -1 = NULL */
} cc_session__act;

/* A transcript turn; its text is at ttext.ptr + off. */
typedef struct cc_session__turn {
	uint32_t off, len;
	uint64_t at_ms;
	uint8_t speaker, lang, stage;
} cc_session__turn;

struct cc_session {
	const cc_engine *engine;
	const cc_ivr_settings *ivr;
	cc_session_recorder rec;
	bool has_rec;

	char call_id[CC_SESSION__MAX_CALL_ID + 1];
	char region[4];
	uint8_t lang;         /* CC_SESSION__AR / _EN */
	uint8_t lang_locked;  /* switched once: keep it */
	uint8_t stage;        /* cc_session_stage */
	uint8_t started, ended;
	uint8_t field;        /* index of the field being collected */
	uint8_t editing;      /* back to confirmation after this field */
	uint8_t dstate;       /* cc_session__dstate */
	uint8_t retries;      /* failed answers to the current question */
	uint8_t no_inputs;    /* silences in a row */
	uint8_t priority;     /* cc_priority of the call */
	uint8_t severity;     /* cc_severity of the complaint */
	uint8_t dtmf_len;
	char dtmf[CC_SESSION__MAX_DTMF + 1];

	uint64_t rng;
	uint64_t start_ms, now_ms, last_input_ms;
	uint64_t deadline_ms; /* EXPECT timeout; 0 = none */
	uint64_t wait_start_ms; /* when the caller was queued */
	uint32_t ask_mask;    /* fields to ask, by index (rules may change) */
	int64_t open_minute;  /* cache of business hours: the minute ... */
	int8_t open_value;    /* ... and whether open then (-1 = unknown) */
	uint32_t expect_timeout_ms;
	int64_t wall_start_ms;
	uint32_t seq;         /* actions made */
	uint32_t rec_seq;     /* records made */
	uint32_t recorder_failures;

	size_t nfields;
	char **values;        /* per field; NULL = not collected */
	char *department;     /* department id */
	double route_confidence;
	char *ticket_id;
	char *complaint;      /* what the caller said about the complaint */
	char *caller_number;
	const char *outcome;  /* static string, NULL while going on */

	cc_session__act *q;
	uint32_t qhead, qlen, qcap;
	cc_buf arena;

	cc_session__turn *turns;
	uint32_t nturns, cturns;
	cc_buf ttext;

	cc_action cur;        /* the action last handed out */
};

/* ---- names.c ------------------------------------------------------------ */
const char *cc_session__lang_name(int lang);
int cc_session__stage_parse(const char *name);
const char *cc_session__outcome_intern(const char *name);

/* ---- actions.c ---------------------------------------------------------- */
/* Appends an action; strings are copied.  Each push returns 0 or ENOMEM. */
int cc_session__push(cc_session *s, cc_action_type type,
		     const char *const str[CC_SESSION__AS_COUNT], uint8_t input,
		     uint8_t barge_in, uint32_t timeout_ms, double confidence);
void cc_session__queue_clear(cc_session *s);

/* ---- transcript.c ------------------------------------------------------- */
int cc_session__turn_add(cc_session *s, cc_speaker who, const char *text,
			 size_t len, int lang);

/* ---- recorder.c --------------------------------------------------------- */
int64_t cc_session__wall_ms(const cc_session *s);
void cc_session__rec_head(cc_session *s, cc_session_record_head *h,
			  char key[CC_SESSION__MAX_CALL_ID + 16]);
void cc_session__rec_failed(cc_session *s, const char *what, int rc);
void cc_session__rec_stage(cc_session *s, int from, int to, const char *reason,
			   double confidence);

/* ---- ids.c --------------------------------------------------------------- */
uint64_t cc_session__rand(cc_session *s);
uint64_t cc_session__os_seed(void);
int64_t cc_session__wall_now_ms(void);
/* "CALL_YYYYMMDDHHMMSS_" + 12 hex, "TKT_YYYYMMDD_" + 12 hex. */
void cc_session__make_call_id(cc_session *s, char out[CC_SESSION__MAX_CALL_ID + 1]);
void cc_session__make_ticket_id(cc_session *s, char out[48]);

/* ---- answers.c ---------------------------------------------------------- */
enum cc_session__yesno { CC_SESSION__UNSURE = 0, CC_SESSION__YES = 1, CC_SESSION__NO = 2 };
/* Match key of text into out (bounded); returns its length. */
size_t cc_session__key(char *out, size_t cap, const char *text, size_t len);
int cc_session__yes_no(const char *key, size_t len);
/* -1 when no language is asked for, else the language asked for. */
int cc_session__language_request(const char *key, size_t len);
/* Index of the field the caller names (by number or word), or -1. */
int cc_session__field_named(const cc_session *s, const char *key, size_t len,
			    bool numbers);
/* The caller asks for a person. */
bool cc_session__wants_agent(const char *key, size_t len);
/* ... in a short request that is nothing else (not a name). */
bool cc_session__asks_for_person(const char *key, size_t len);
/* Language of a caller utterance: -1 when unsure, else AR/EN; strong
 * when it is clear enough to switch on.  Without @full only the scripts
 * are counted (Arabizi is not recognised and nothing is strong in Latin
 * letters): cheap, for the transcript when no switch is possible. */
int cc_session__detect_language(const char *text, size_t len, bool full,
				bool *strong);
/* Whole words of a language's script in the text. */
unsigned cc_session__words_in(const char *text, size_t len, int lang);

/* ---- validate.c --------------------------------------------------------- */
typedef struct cc_session__verdict {
	bool ok;
	const char *reason; /* static reason name when not ok */
	char *value;        /* normalized value (owned) when ok */
	unsigned int digits; /* digits found, for the re-prompt */
} cc_session__verdict;
int cc_session__validate(cc_session__verdict *v, const cc_session *s,
			 const cc_field *f, const char *text, size_t len,
			 bool from_dtmf);
/* Display form of a caller utterance (bounded). */
int cc_session__display(cc_buf *out, const char *text, size_t len);

/* ---- flow.c --------------------------------------------------------------- */
int cc_session__start(cc_session *s);
int cc_session__on_text(cc_session *s, const char *text, size_t len,
			const cc_session_text_info *info);
int cc_session__on_entry(cc_session *s, const char *digits, size_t len);
int cc_session__on_silence(cc_session *s);
int cc_session__on_tick(cc_session *s);
int cc_session__on_notice(cc_session *s, cc_session_notice n, const char *detail);
/* Does the current question take a single key (no '#' needed)? */
bool cc_session__single_key(const cc_session *s);

/* ---- session.c ---------------------------------------------------------- */
int cc_session__alloc(cc_session **out, const cc_engine *engine);

#endif /* CC_LIB_SESSION_INT_H */
