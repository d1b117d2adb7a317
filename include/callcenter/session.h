/**
 * @file callcenter/session.h
 * @brief ::cc_session, the per-call IVR state machine (sans-I/O).
 *
 * One session is one call.  The host feeds it what happens on the call --
 * caller text (from STT or typed), DTMF digits, silence, clock ticks and
 * notices such as "agent answered" -- and after each event drains the
 * actions it must carry out, in order, with cc_session_next_action() until
 * that returns CC_EAGAIN:
 *
 * @code
 * cc_session *s;
 * const cc_action *a;
 * cc_session_new(&s, engine, NULL);
 * cc_session_start(s);
 * for (;;) {
 *     while (cc_session_next_action(&a, s) == 0)
 *         host_do(a);                     // SAY, EXPECT, ROUTE, ...
 *     if (cc_session_ended(s))
 *         break;
 *     host_wait_for_event(s);              // then cc_session_input_text(), ...
 * }
 * cc_session_free(s);
 * @endcode
 *
 * The session does no I/O and reads no clock: time arrives with
 * cc_session_tick() and randomness (for the IDs it makes) comes from a seed
 * the host may set, so the same events always give the same actions.  A
 * snapshot (cc_session_snapshot()) is JSON that cc_session_restore() turns
 * back into the same call in another process.
 *
 * The session never calls the CRM itself (the CRM sits above it): a host
 * that wants records attaches a ::cc_session_recorder, whose callbacks the
 * CRM implements.
 *
 * @defgroup cc_session IVR session
 * @{
 */
#ifndef CALLCENTER_SESSION_H
#define CALLCENTER_SESSION_H

#include "common.h"
#include "buffer.h"

CC_BEGIN_DECL

/** The configured call center a session runs on (see callcenter/engine.h). */
struct cc_engine;

/**
 * One call's IVR state.
 *
 * @par Thread safety
 * One thread at a time per session; different sessions (sharing one
 * engine) run on any threads at once without locks.
 */
typedef struct cc_session cc_session;

/**
 * Where a call is.  The first nine are the stages of the original IVR;
 * the values are stable and appear by name in snapshots and actions
 * (cc_session_stage_name()).
 */
typedef enum cc_session_stage {
	CC_SESSION_STAGE_WELCOME = 0,         /**< "welcome": not started yet. */
	CC_SESSION_STAGE_COLLECT_NAME = 1,    /**< "collect_name". */
	CC_SESSION_STAGE_COLLECT_PHONE = 2,   /**< "collect_phone". */
	CC_SESSION_STAGE_COLLECT_EMAIL = 3,   /**< "collect_email". */
	CC_SESSION_STAGE_COLLECT_SERVICE_TYPE = 4, /**< "collect_service_type". */
	CC_SESSION_STAGE_CONFIRM_DATA = 5,    /**< "confirm_data". */
	CC_SESSION_STAGE_ROUTE_TO_DEPARTMENT = 6, /**< "route_to_department". */
	CC_SESSION_STAGE_DEPARTMENT_HANDLING = 7, /**< "department_handling". */
	CC_SESSION_STAGE_CALL_ENDED = 8,      /**< "call_ended". */
	/** "collect_field": an extra question the configuration adds. */
	CC_SESSION_STAGE_COLLECT_FIELD = 9,
	/** "edit_field": the caller said the data is wrong; which field? */
	CC_SESSION_STAGE_EDIT_FIELD = 10
} cc_session_stage;

/** What the host must do; the `type` of a ::cc_action. */
typedef enum cc_action_type {
	/** Speak `text` in `language` (prompt `key`); `barge_in` says whether
	 *  the caller may interrupt it. */
	CC_ACTION_SAY = 1,
	/** Listen for `field` by `input` (speech, DTMF or both) for at most
	 *  `timeout_ms` before reporting silence. */
	CC_ACTION_EXPECT = 2,
	/** The call is routed to `department` with `confidence` and `reason`. */
	CC_ACTION_ROUTE = 3,
	/** Put the caller in the queue of `department` at `priority`. */
	CC_ACTION_ENQUEUE = 4,
	/** Transfer the caller now to `target` (a department or another
	 *  target the configuration names) at `priority`. */
	CC_ACTION_TRANSFER = 5,
	/** A ticket `ticket_id` was made (complaint or callback) with
	 *  `priority`; `subject` and `description` carry its content. */
	CC_ACTION_TICKET = 6,
	/** End the call for `reason`. */
	CC_ACTION_HANGUP = 7
} cc_action_type;

/** How the host should listen in a #CC_ACTION_EXPECT. */
typedef enum cc_input_kind {
	CC_INPUT_SPEECH = 1, /**< "speech": speech only. */
	CC_INPUT_DTMF = 2,   /**< "dtmf": key presses only. */
	CC_INPUT_BOTH = 3    /**< "both": speech or key presses. */
} cc_input_kind;

/**
 * One action for the host.  Only the fields of its `type` are set; the
 * others are NULL or 0.  Strings are UTF-8 and borrowed from the session
 * until the next call on it.
 *
 * @par Thread safety
 * Read it on the session's thread, before the next call on the session.
 */
typedef struct cc_action {
	cc_action_type type; /**< What to do. */
	uint32_t seq;        /**< Number of the action within the call, from 1. */
	/** Name of the stage the action belongs to (cc_session_stage_name()). */
	const char *stage;
	/** SAY: the text to speak, rendered in `language`. */
	const char *text;
	/** SAY: "ar" or "en". */
	const char *language;
	/** SAY: the prompt key the text came from ("ask_name", ...). */
	const char *key;
	/** SAY: 1 when the caller may interrupt the prompt. */
	int barge_in;
	/** EXPECT: the field or answer awaited ("name", "confirmation", ...). */
	const char *field;
	/** EXPECT: how to listen. */
	cc_input_kind input;
	/** EXPECT: milliseconds of silence before the host reports no input
	 *  (cc_session_input_silence()); the session also enforces it on
	 *  cc_session_tick(). */
	uint32_t timeout_ms;
	/** ROUTE, ENQUEUE: the department; TICKET: the ticket's department. */
	const char *department;
	/** ROUTE: how sure the routing is, 0..1. */
	double confidence;
	/** ROUTE: why ("matched: شكوى"); HANGUP: why ("completed",
	 *  "no_input", ...); TRANSFER: why ("urgent", "max_retries", ...). */
	const char *reason;
	/** TRANSFER: the department or other target. */
	const char *target;
	/** ENQUEUE, TRANSFER, TICKET: "low", "medium", "high" or "urgent". */
	const char *priority;
	/** TICKET: the ticket's ID (from the recorder, else made by the
	 *  session). */
	const char *ticket_id;
	/** TICKET: "complaint" or "callback". */
	const char *ticket_kind;
	/** TICKET: complaint severity ("critical", "high", "medium", "low");
	 *  NULL for a callback. */
	const char *severity;
	/** TICKET: a one-line subject. */
	const char *subject;
	/** TICKET: what the caller said about it. */
	const char *description;
} cc_action;

/** Host notices for cc_session_notify(). */
typedef enum cc_session_notice {
	/** An agent took the call: the IVR's part is over. */
	CC_SESSION_NOTICE_AGENT_ANSWERED = 1,
	/** The transfer or queue could not reach anyone. */
	CC_SESSION_NOTICE_TRANSFER_FAILED = 2,
	/** The caller hung up. */
	CC_SESSION_NOTICE_CALLER_HUNG_UP = 3,
	/** The last SAY finished playing: the no-input timer starts now. */
	CC_SESSION_NOTICE_PROMPT_FINISHED = 4
} cc_session_notice;

/* ---- the recorder: how a CRM (or any observer) follows a call ---------- */

/** Who spoke a transcript turn. */
typedef enum cc_speaker {
	CC_SPEAKER_CALLER = 1, /**< "caller". */
	CC_SPEAKER_BOT = 2,    /**< "bot": a prompt the session spoke. */
	CC_SPEAKER_SYSTEM = 3  /**< "system": a notice, a routing, a ticket. */
} cc_speaker;

/**
 * What every record carries.  `idempotency_key` is `call_id:seq`, unique
 * per call and stable across snapshot/restore, so a recorder that retries
 * a write can tell it has already made it.
 */
typedef struct cc_session_record_head {
	const char *call_id;         /**< The call. */
	uint32_t seq;                /**< Number of the record within the call. */
	const char *idempotency_key; /**< "call_id:seq". */
	/** Wall-clock time of the event, in milliseconds since 1970 (UTC),
	 *  derived from the session's start time and its ticks. */
	int64_t at_ms;
} cc_session_record_head;

/** A call began (cc_session_start()). */
typedef struct cc_session_call_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	const char *language;        /**< "ar" or "en" at the start. */
	/** The caller's number as the host gave it (E.164 when it could be
	 *  parsed), or NULL. */
	const char *caller_number;
} cc_session_call_record;

/** The call moved to another stage or department. */
typedef struct cc_session_stage_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	const char *stage;           /**< The new stage's name. */
	const char *previous_stage;  /**< The stage left. */
	const char *department;      /**< The department so far, or NULL. */
	const char *reason;          /**< Routing reason when routed, or NULL. */
	double confidence;           /**< Routing confidence, or 0. */
} cc_session_stage_record;

/** A transcript turn, as it is added. */
typedef struct cc_session_turn_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	uint32_t turn;               /**< Index of the turn in the call, from 0. */
	cc_speaker speaker;          /**< Who spoke. */
	const char *text;            /**< Display form of what was said. */
	const char *language;        /**< "ar" or "en". */
	const char *stage;           /**< The stage it was said in. */
} cc_session_turn_record;

/** One collected field, by its configured name. */
typedef struct cc_session_field {
	const char *name;  /**< "name", "phone", "email", "service_type", ... */
	const char *value; /**< Normalized value (phone in E.164). */
} cc_session_field;

/** The caller confirmed the collected data. */
typedef struct cc_session_customer_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	const char *name;            /**< Display form, or NULL. */
	const char *phone;           /**< E.164, or NULL. */
	const char *email;           /**< Lower-cased address, or NULL. */
	const char *service_type;    /**< What the caller needs, or NULL. */
	const char *language;        /**< "ar" or "en". */
	size_t field_count;          /**< Number of entries in `fields`. */
	const cc_session_field *fields; /**< Every collected field. */
} cc_session_customer_record;

/** A ticket is needed (complaint or callback). */
typedef struct cc_session_ticket_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	const char *kind;            /**< "complaint" or "callback". */
	const char *department;      /**< Department it belongs to. */
	const char *priority;        /**< "low" ... "urgent". */
	const char *severity;        /**< Complaint severity, or NULL. */
	const char *subject;         /**< One line. */
	const char *description;     /**< What the caller said. */
	const char *customer_name;   /**< Or NULL. */
	const char *customer_phone;  /**< E.164, or NULL. */
	const char *customer_email;  /**< Or NULL. */
	const char *language;        /**< "ar" or "en". */
	/** The ID the session would use without a recorder; a recorder may
	 *  keep it or replace it. */
	const char *proposed_id;
} cc_session_ticket_record;

/** The session's part of the call is over. */
typedef struct cc_session_end_record {
	cc_session_record_head head; /**< Call, sequence, key, time. */
	/** "completed", "transferred", "queued", "agent_answered",
	 *  "callback", "abandoned", "no_input", "inactivity", "call_limit",
	 *  "escalated". */
	const char *outcome;
	const char *department;      /**< Department, or NULL. */
	const char *ticket_id;       /**< Ticket made, or NULL. */
	int64_t duration_ms;         /**< From start to now. */
	uint32_t turns;              /**< Transcript turns. */
} cc_session_end_record;

/** Room for a ticket ID a recorder returns, with its NUL. */
#define CC_SESSION_TICKET_ID_MAX 65

/** Current version of ::cc_session_recorder. */
#define CC_SESSION_RECORDER_VERSION 1

/**
 * Callbacks through which a CRM (or a log, or a dashboard) follows a call.
 *
 * Every callback may be NULL.  They are called synchronously on the
 * session's thread, from inside the session call that caused the event,
 * in the order the events happen; the records and their strings are valid
 * only during the callback.  A callback returns 0, or a negative
 * ::cc_error_code: the session logs the failure and goes on (a live caller
 * cannot wait for a database), counting it in
 * cc_session_recorder_failures().  Retrying the write later without
 * duplicating it is the recorder's job; the idempotency keys make that
 * possible.
 *
 * @par Thread safety
 * Called on the thread using the session.  A recorder shared by sessions on
 * several threads must be thread-safe itself.
 */
typedef struct cc_session_recorder {
	unsigned int version; /**< #CC_SESSION_RECORDER_VERSION. */
	/** The call started. */
	int (*call_started)(const cc_session_call_record *rec, void *userdata);
	/** The stage or department changed. */
	int (*stage_changed)(const cc_session_stage_record *rec, void *userdata);
	/** A transcript turn was added. */
	int (*turn_added)(const cc_session_turn_record *rec, void *userdata);
	/** The caller confirmed the data. */
	int (*customer_confirmed)(const cc_session_customer_record *rec,
				  void *userdata);
	/**
	 * A ticket is to be created.  On success the recorder writes the real
	 * ticket ID, NUL-terminated, into @p ticket_id (room for
	 * @p ticket_id_cap bytes, #CC_SESSION_TICKET_ID_MAX); the TICKET
	 * action carries it.  If the callback fails or leaves it empty (or
	 * not UTF-8), the session uses `rec->proposed_id`.
	 */
	int (*ticket_create)(const cc_session_ticket_record *rec, char *ticket_id,
			     size_t ticket_id_cap, void *userdata);
	/** The session's part of the call ended. */
	int (*call_ended)(const cc_session_end_record *rec, void *userdata);
	void *userdata; /**< Passed to every callback. */
} cc_session_recorder;

/* ---- options ------------------------------------------------------------ */

/** Current version of ::cc_session_options. */
#define CC_SESSION_OPTIONS_VERSION 1
/** Initializer for ::cc_session_options with every default. */
#define CC_SESSION_OPTIONS_INIT                                               \
	{ CC_SESSION_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0, 0, 0, NULL }

/** Options of cc_session_new() and cc_session_restore(). */
typedef struct cc_session_options {
	unsigned int version; /**< #CC_SESSION_OPTIONS_VERSION. */
	/** The call's ID; NULL makes one ("CALL_YYYYMMDDHHMMSS_…").
	 *  Ignored by cc_session_restore(). */
	const char *call_id;
	/** "ar" or "en"; NULL takes the engine's default language.
	 *  Ignored by cc_session_restore(). */
	const char *language;
	/** ISO 3166 region for phone numbers ("SA"); NULL takes the engine's.
	 *  Ignored by cc_session_restore(). */
	const char *region;
	/** The caller's number (ANI) if the host knows it, or NULL.
	 *  Ignored by cc_session_restore(). */
	const char *caller_number;
	/** Seed of the session's random numbers (IDs it makes); 0 takes one
	 *  from the operating system.  Ignored by cc_session_restore(). */
	uint64_t seed;
	/** Monotonic time of the start in milliseconds (the clock of
	 *  cc_session_tick()).  Ignored by cc_session_restore(). */
	uint64_t start_ms;
	/** Wall-clock time of the start in milliseconds since 1970 (UTC), used
	 *  for business hours and the dates in IDs; 0 reads the system
	 *  clock once.  Ignored by cc_session_restore(). */
	int64_t wall_clock_ms;
	/** Recorder to attach (copied), or NULL. */
	const cc_session_recorder *recorder;
} cc_session_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_SESSION_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_options_init(cc_session_options *opts, unsigned int version);

/* ---- life ----------------------------------------------------------------- */

/**
 * @brief Creates a session for one call on @p engine.
 *
 * The session is in the welcome stage and has no actions until
 * cc_session_start().
 *
 * @param[out] out     The new session.
 * @param[in]  engine  The configured engine; it must outlive the session.
 * @param[in]  opts    Options, or NULL for defaults.
 * @return 0, CC_EINVAL (NULL argument, bad options version, a language
 *         other than "ar"/"en", an unknown region, a call ID longer than 64
 *         bytes or not printable ASCII, a recorder of an unknown version),
 *         CC_EUTF8 (caller number not UTF-8) or CC_ENOMEM.
 * @par Ownership
 * The caller owns `*out` and frees it with cc_session_free().
 * @par Thread safety
 * Safe from any thread; the engine may be shared.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_new(cc_session **out, const struct cc_engine *engine,
			      const cc_session_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Frees a session (NULL is accepted).
 *
 * Freeing a session whose call has not ended does not call the recorder:
 * the call was not ended, only forgotten (snapshot it first to keep it).
 *
 * @param[in] s  The session.
 * @par Thread safety
 * Not while another thread uses the session.
 * @since 0.1
 */
CC_EXTERN(void) cc_session_free(cc_session *s);

/**
 * @brief Starts the call: the greeting and the first question.
 *
 * Queues SAY greeting, SAY of the first question and EXPECT of the first
 * field: the greeting and the question are one turn, so the caller's first
 * answer is already the first field.
 *
 * @param[in] s  The session.
 * @return 0, CC_EINVAL (NULL), CC_ESTATE (already started) or CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_start(cc_session *s);

/* ---- events in ------------------------------------------------------------ */

/** Current version of ::cc_session_text_info. */
#define CC_SESSION_TEXT_INFO_VERSION 1
/** Initializer for ::cc_session_text_info: confidence and language unknown. */
#define CC_SESSION_TEXT_INFO_INIT { CC_SESSION_TEXT_INFO_VERSION, -1.0, NULL, 0 }

/** What the host knows about a caller utterance (cc_session_input_text()). */
typedef struct cc_session_text_info {
	unsigned int version; /**< #CC_SESSION_TEXT_INFO_VERSION. */
	/** The STT confidence 0..1, or a negative value when unknown.  An
	 *  utterance below the engine's minimum confidence is re-asked. */
	double confidence;
	/** The STT's language ("ar", "en", "ar-SA", ...), or NULL. */
	const char *language;
	/** Monotonic time of the utterance (as cc_session_tick()), or 0 to
	 *  use the last tick. */
	uint64_t now_ms;
} cc_session_text_info;

/**
 * @brief The caller said (or typed) something.
 *
 * @param[in] s     The session.
 * @param[in] text  UTF-8 text (need not be NUL-terminated).
 * @param[in] len   Its length in bytes.
 * @param[in] info  What the host knows about it, or NULL.
 * @return 0 (actions may be queued), CC_EINVAL (NULL session, NULL text
 *         with a length, bad info version), CC_EUTF8 (invalid UTF-8),
 *         CC_ETOOBIG (more than 4096 bytes), CC_ESTATE (not started or
 *         already ended) or CC_ENOMEM.  On an error the session is unchanged.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_input_text(cc_session *s, const char *text, size_t len,
				     const cc_session_text_info *info);

/**
 * @brief The caller pressed keys.
 *
 * Digits accumulate into an entry: `#` ends it (and so does a digit when
 * one key is all the question needs, such as 1/2 at confirmation), `*`
 * cancels it.  A,B,C,D are accepted and ignored.
 *
 * @param[in] s       The session.
 * @param[in] digits  Keys from "0123456789*#ABCD" (need not be
 *                    NUL-terminated).
 * @param[in] len     Number of keys.
 * @return 0, CC_EINVAL (NULL, or a key outside 0-9 * # A-D; nothing is
 *         taken from @p digits then), CC_ETOOBIG (more than 64 keys),
 *         CC_ESTATE (not started or ended) or CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_input_dtmf(cc_session *s, const char *digits, size_t len);

/**
 * @brief The caller said nothing before the EXPECT timeout.
 *
 * Re-asks the question; after the configured number of no-inputs the call
 * ends with reason "no_input".
 *
 * @param[in] s  The session.
 * @return 0, CC_EINVAL (NULL), CC_ESTATE (not started or ended) or
 *         CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_input_silence(cc_session *s);

/**
 * @brief Moves the session's clock to @p now_ms (monotonic milliseconds).
 *
 * Fires what is due: the EXPECT timeout (as cc_session_input_silence()),
 * the inactivity limit and the whole-call limit.  Time never goes back: an
 * earlier @p now_ms is taken as the current time.
 *
 * @param[in] s       The session.
 * @param[in] now_ms  Monotonic time.
 * @return 0, CC_EINVAL (NULL) or CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_tick(cc_session *s, uint64_t now_ms);

/**
 * @brief When the session next needs a tick.
 *
 * @param[out] deadline_ms  Monotonic time of the next timeout.
 * @param[in]  s            The session.
 * @return 0, CC_ENOTFOUND when nothing is pending (the call ended), or
 *         CC_EINVAL (NULL).
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_next_deadline(uint64_t *deadline_ms, const cc_session *s);

/**
 * @brief Tells the session what happened outside it.
 *
 * @param[in] s       The session.
 * @param[in] notice  A ::cc_session_notice.
 * @param[in] detail  Free text kept in the transcript (an agent's name, a
 *                    failure reason), or NULL.
 * @return 0, CC_EINVAL (NULL session, unknown notice, detail not UTF-8 or
 *         longer than 256 bytes), CC_ESTATE (not started, or the call has
 *         ended -- except that CC_SESSION_NOTICE_CALLER_HUNG_UP after the
 *         end is accepted and ignored) or CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_notify(cc_session *s, cc_session_notice notice,
				 const char *detail);

/* ---- actions out ----------------------------------------------------------- */

/**
 * @brief Takes the next action to carry out.
 *
 * @param[out] out  The action, borrowed until the next call on @p s.
 * @param[in]  s    The session.
 * @return 0 with an action, CC_EAGAIN when none is left for now, or
 *         CC_EINVAL (NULL).
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_next_action(const cc_action **out, cc_session *s);

/**
 * @brief The name of an action type ("say", "expect", "route", "enqueue",
 *        "transfer", "ticket", "hangup").
 * @param[in] type  A ::cc_action_type.
 * @return A static string; "unknown" for other values.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_action_type_name(cc_action_type type);

/**
 * @brief The name of an input kind ("speech", "dtmf", "both").
 * @param[in] kind  A ::cc_input_kind.
 * @return A static string; "unknown" for other values.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_input_kind_name(cc_input_kind kind);

/* ---- state --------------------------------------------------------------- */

/**
 * @brief The current stage.
 * @param[in] s  The session.
 * @return The stage; #CC_SESSION_STAGE_CALL_ENDED for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(cc_session_stage) cc_session_stage_get(const cc_session *s);

/**
 * @brief The name of a stage ("welcome", "collect_name", ...).
 * @param[in] stage  A ::cc_session_stage.
 * @return A static string; "unknown" for other values.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_stage_name(cc_session_stage stage);

/**
 * @brief 1 when the session's part of the call is over (no more events).
 * @param[in] s  The session.
 * @return 1 or 0; 1 for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_ended(const cc_session *s);

/**
 * @brief The call's ID.
 * @param[in] s  The session.
 * @return The ID, borrowed from the session; NULL for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_call_id(const cc_session *s);

/**
 * @brief The call's current language, "ar" or "en".
 * @param[in] s  The session.
 * @return A static string; NULL for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_language(const cc_session *s);

/**
 * @brief A collected field's value ("name", "phone", "email",
 *        "service_type" or an extra field's name).
 * @param[in] s     The session.
 * @param[in] name  The field's configured name.
 * @return The normalized value (phone in E.164), borrowed until the next
 *         call on the session; NULL when not collected (yet), unknown, or
 *         for NULL arguments.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_field_value(const cc_session *s, const char *name);

/**
 * @brief The department the call was routed to.
 * @param[in] s  The session.
 * @return Its name, borrowed; NULL before routing or for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_department(const cc_session *s);

/**
 * @brief The ticket made during the call.
 * @param[in] s  The session.
 * @return Its ID, borrowed; NULL when none or for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_ticket_id(const cc_session *s);

/**
 * @brief How the session's part of the call ended, or where it stands.
 *
 * "completed", "transferred", "queued", "agent_answered", "callback",
 * "abandoned", "no_input", "inactivity", "call_limit", "escalated" or
 * "after_hours"; while the call goes on, the latest hand-off ("queued",
 * "transferred", "escalated") or NULL.
 *
 * @param[in] s  The session.
 * @return A static string, or NULL (none yet, or NULL session).
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_session_outcome(const cc_session *s);

/**
 * @brief How many recorder callbacks failed so far.
 * @param[in] s  The session.
 * @return The count; 0 for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(uint32_t) cc_session_recorder_failures(const cc_session *s);

/* ---- transcript ------------------------------------------------------------ */

/** One turn of the transcript (cc_session_transcript_turn()). */
typedef struct cc_session_turn {
	cc_speaker speaker;   /**< Who spoke. */
	const char *text;     /**< Display form; borrowed from the session. */
	const char *language; /**< "ar" or "en". */
	const char *stage;    /**< Stage it was said in. */
	uint64_t at_ms;       /**< Monotonic time (the clock of the ticks). */
} cc_session_turn;

/**
 * @brief The number of turns in the transcript.
 * @param[in] s  The session.
 * @return The count; 0 for NULL.
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(size_t) cc_session_transcript_count(const cc_session *s);

/**
 * @brief One turn of the transcript.
 * @param[out] out    The turn; its strings are borrowed until the next call
 *                    that changes the session.
 * @param[in]  s      The session.
 * @param[in]  index  0 .. cc_session_transcript_count() - 1.
 * @return 0, CC_EINVAL (NULL) or CC_ERANGE (index past the end).
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_transcript_turn(cc_session_turn *out, const cc_session *s,
					  size_t index);

/**
 * @brief The speaker's name ("caller", "bot", "system").
 * @param[in] speaker  A ::cc_speaker.
 * @return A static string; "unknown" for other values.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_speaker_name(cc_speaker speaker);

/* ---- snapshot and summary --------------------------------------------------- */

/**
 * @brief Writes the whole state of the call as JSON.
 *
 * Stage, fields, retries, language, timers, random state, queued actions
 * and transcript: everything cc_session_restore() needs to continue the
 * call exactly where it is.  The recorder is not part of it.
 *
 * @param[out] out  Receives the JSON (replaced).
 * @param[in]  s    The session.
 * @return 0, CC_EINVAL (NULL) or CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_snapshot(cc_buf *out, const cc_session *s);

/**
 * @brief Brings a call back from a snapshot.
 *
 * Given the same engine configuration and the same later events, the
 * restored session produces exactly the actions the original would have.
 *
 * @param[out] out     The restored session.
 * @param[in]  engine  The engine (same configuration as the original).
 * @param[in]  json    The snapshot.
 * @param[in]  len     Its length in bytes.
 * @param[in]  opts    Only `recorder` is used (the rest comes from the
 *                     snapshot); NULL for none.
 * @return 0, CC_EINVAL (NULL argument, bad options version), CC_EPARSE
 *         (not JSON, or not a snapshot of this format: the message names
 *         the member), CC_EUTF8, CC_ECONFIG (the snapshot names a field or
 *         department the engine does not have) or CC_ENOMEM.
 * @par Ownership
 * The caller owns `*out` and frees it with cc_session_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_restore(cc_session **out, const struct cc_engine *engine,
				  const char *json, size_t len,
				  const cc_session_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Writes the call's summary as one JSON object.
 *
 * `{"type": "summary", "call_id", "language", "stage", "fields": {"name",
 * "phone", "email", "service_type", ...}, "department", "ticket": id or
 * null, "outcome": text or null, "turns": count}` -- the last line of
 * `callcenter ivr --json`.
 *
 * @param[out] out  Receives the JSON (replaced).
 * @param[in]  s    The session.
 * @return 0, CC_EINVAL (NULL) or CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * One thread at a time per session.
 * @since 0.1
 */
CC_EXTERN(int) cc_session_summary(cc_buf *out, const cc_session *s);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_SESSION_H */
