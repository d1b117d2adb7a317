/**
 * @file callcenter/engine.h
 * @brief The call center's configuration and the decisions made from it.
 *
 * A ::cc_engine is built once from configuration (the compiled-in default,
 * a JSON file or a JSON string, with the environment variables of
 * docs/configuration.md on top) and never changes afterwards.  It holds the
 * company, the departments, the fields the IVR collects, the IVR settings,
 * every prompt in Arabic and English, the FAQ, business hours, feature
 * flags, the retention policy, the routing vocabulary and the rules.
 * Routing is in callcenter/routing.h, rules in callcenter/rules.h.
 *
 * Every pointer an engine function returns (department, field, settings,
 * strings) is borrowed from the engine and stays valid until the last
 * reference to the engine is dropped.
 *
 * @par Thread safety
 * An engine is immutable: any number of threads may call any function on
 * the same engine at once without locks.  cc_engine_ref() and
 * cc_engine_free() use atomic reference counting.
 *
 * @defgroup cc_engine Engine
 * @{
 */
#ifndef CALLCENTER_ENGINE_H
#define CALLCENTER_ENGINE_H

#include <stdint.h>

#include "buffer.h"
#include "common.h"

CC_BEGIN_DECL

/** The immutable, shareable configuration and decision object. */
typedef struct cc_engine cc_engine;

/** Flags of ::cc_engine_options. */
typedef enum cc_engine_flag {
	/** Ignore the process environment (and the @c env array). */
	CC_ENGINE_NO_ENV = 1 << 0,
	/** Do not apply `LOG_LEVEL` to the process-wide log level. */
	CC_ENGINE_NO_GLOBAL_LOG_LEVEL = 1 << 1
} cc_engine_flag;

struct cc_route_result;

/**
 * An external classifier consulted after the keyword router (e.g. an LLM).
 *
 * It receives the utterance and the keyword router's decision and may give
 * its own: it writes a configured department id to @p department_out
 * (a string that stays valid until the engine is freed, or one of the
 * engine's own department ids) and its confidence in 0..1 to
 * @p confidence_out, and returns 0.  The engine takes the classifier's
 * decision when its confidence is higher than the keyword router's.  It
 * returns CC_EPASSTHROUGH to give no opinion; any other negative code is
 * reported to the caller of cc_engine_route().
 *
 * @param[in]  text            The utterance (UTF-8, not NUL-terminated).
 * @param[in]  len             Its length in bytes.
 * @param[in]  keyword_result  The keyword router's decision.
 * @param[out] department_out  The department id chosen.
 * @param[out] confidence_out  Its confidence, 0..1.
 * @param[in]  userdata        The @c classifier_userdata of the options.
 * @return 0, CC_EPASSTHROUGH or a negative error code.
 * @par Thread safety
 * Called on the thread that calls cc_engine_route(), possibly from many
 * threads at once.
 */
typedef int (*cc_route_classifier_fn)(const char *text, size_t len,
				      const struct cc_route_result *keyword_result,
				      const char **department_out,
				      double *confidence_out, void *userdata);

/** Current version of ::cc_engine_options. */
#define CC_ENGINE_OPTIONS_VERSION 1
/** Initializer for ::cc_engine_options with every default. */
#define CC_ENGINE_OPTIONS_INIT { CC_ENGINE_OPTIONS_VERSION, 0, NULL, NULL, NULL }

/** Options of the engine constructors; NULL means all defaults. */
typedef struct cc_engine_options {
	unsigned int version; /**< #CC_ENGINE_OPTIONS_VERSION. */
	unsigned int flags;   /**< A bitwise OR of ::cc_engine_flag. */
	/**
	 * The environment to read instead of the process's: a NULL-terminated
	 * array of "NAME=value" strings, or NULL for the process environment.
	 */
	const char *const *env;
	/** Optional classifier consulted by cc_engine_route(); may be NULL. */
	cc_route_classifier_fn classifier;
	void *classifier_userdata; /**< Passed to @c classifier. */
} cc_engine_options;

/**
 * @brief Builds an engine from the compiled-in default configuration.
 *
 * The default reproduces the original system: the company, the departments
 * reception, sales and complaints, the Saturday–Thursday 09:00–18:00 week,
 * the IVR settings, every prompt in Arabic and English.  The environment
 * variables listed in docs/configuration.md are applied on top.
 *
 * @param[out] out   The new engine (one reference); NULL on failure.
 * @param[in]  opts  Options, or NULL.
 * @return 0, CC_EINVAL for a NULL @p out or bad options, CC_ECONFIG for a
 *         bad environment variable (the message names it), or CC_ENOMEM.
 * @par Ownership
 * The caller owns @p *out and releases it with cc_engine_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_new_default(cc_engine **out, const cc_engine_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Builds an engine from a JSON configuration file.
 *
 * The file is applied on top of the compiled-in default: a key it leaves out
 * keeps its default (lists it gives replace the default's list, see
 * docs/configuration.md).  Environment variables are applied last.
 *
 * @param[out] out   The new engine; NULL on failure.
 * @param[in]  path  The file's path.
 * @param[in]  opts  Options, or NULL.
 * @return 0, CC_EINVAL for NULL arguments or bad options, CC_EIO when the
 *         file cannot be read, CC_ETOOBIG for a file over 16 MiB, CC_EUTF8
 *         for invalid UTF-8, CC_EPARSE for malformed JSON (with the line),
 *         CC_ECONFIG for an invalid configuration (the message gives the JSON
 *         path and the reason, e.g. `departments[2].keywords[0]: expected
 *         string`) or a bad environment variable, or CC_ENOMEM.
 * @par Ownership
 * The caller owns @p *out and releases it with cc_engine_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_new_from_file(cc_engine **out, const char *path,
				       const cc_engine_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Builds an engine from a JSON configuration held in memory.
 *
 * As cc_engine_new_from_file() for the text @p json of @p len bytes.
 *
 * @param[out] out   The new engine; NULL on failure.
 * @param[in]  json  The JSON text (need not be NUL-terminated).
 * @param[in]  len   Its length in bytes.
 * @param[in]  opts  Options, or NULL.
 * @return 0, CC_EINVAL, CC_ETOOBIG, CC_EUTF8, CC_EPARSE, CC_ECONFIG or
 *         CC_ENOMEM as for cc_engine_new_from_file().
 * @par Ownership
 * The caller owns @p *out and releases it with cc_engine_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_new_from_json(cc_engine **out, const char *json, size_t len,
				       const cc_engine_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Takes one more reference to an engine.
 *
 * @param[in] engine  The engine; NULL is returned unchanged.
 * @return @p engine.
 * @par Ownership
 * Each reference is dropped with one cc_engine_free().
 * @par Thread safety
 * Safe from any thread (atomic).
 * @since 0.1
 */
CC_EXTERN(cc_engine *) cc_engine_ref(cc_engine *engine);

/**
 * @brief Drops one reference; the last one frees the engine.
 *
 * @param[in] engine  The engine; NULL is ignored.
 * @par Thread safety
 * Safe from any thread (atomic); the last reference must not be dropped
 * while another thread still uses the engine through it.
 * @since 0.1
 */
CC_EXTERN(void) cc_engine_free(cc_engine *engine);

/**
 * @brief Writes the effective configuration (defaults, file and
 *        environment merged) as indented JSON.
 *
 * Feeding the output back to cc_engine_new_from_json() gives an engine with
 * the same behaviour.
 *
 * @param[out] out     Receives the JSON text (replaced).
 * @param[in]  engine  The engine.
 * @return 0, CC_EINVAL for NULL arguments, or CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_config_json(cc_buf *out, const cc_engine *engine);

/* ---- company and settings --------------------------------------------- */

/**
 * @brief The company's name in a language.
 *
 * @param[in] engine  The engine.
 * @param[in] lang    "ar" or "en" (other values follow the prompt language
 *                    rule of cc_engine_prompt()).
 * @return The name (borrowed), or NULL for a NULL engine.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_engine_company_name(const cc_engine *engine, const char *lang);

/** How a field's answer is validated by the session. */
typedef enum cc_field_kind {
	CC_FIELD_NAME = 0,         /**< A person's name. */
	CC_FIELD_PHONE = 1,        /**< A phone number (to E.164 in the region). */
	CC_FIELD_EMAIL = 2,        /**< An e-mail address, typed or spoken. */
	CC_FIELD_SERVICE_TYPE = 3, /**< Why the caller calls; routed. */
	CC_FIELD_TEXT = 4,         /**< Free text. */
	CC_FIELD_NUMBER = 5,       /**< A number said or keyed. */
	CC_FIELD_YES_NO = 6        /**< A yes or a no. */
} cc_field_kind;

/**
 * One field the IVR collects, in the configured order.
 *
 * Strings are borrowed from the engine.  Fields may be appended to this
 * struct in later versions; never allocate or copy it by value.
 *
 * @par Thread safety
 * Immutable.
 */
typedef struct cc_field {
	const char *name;        /**< Its id: "name", "phone", "email"... */
	cc_field_kind kind;      /**< How its answer is validated. */
	int required;            /**< Nonzero when the IVR must collect it. */
	unsigned int min_length; /**< Minimum length (letters or digits); 0 = none. */
	unsigned int max_length; /**< Maximum length in characters; 0 = none. */
	const char *prompt_key;  /**< Prompt asking for it ("ask_name"). */
	const char *retry_prompt_key;   /**< Prompt asking again ("ask_name_again"). */
	const char *invalid_prompt_key; /**< Prompt saying it was invalid. */
	const char *label_ar;    /**< Its name in Arabic, for confirmation. */
	const char *label_en;    /**< Its name in English. */
	/** NULL-terminated words a caller may use to name it when editing
	 *  ("الإيميل", "email", "mail"...), besides the labels. */
	const char *const *aliases;
} cc_field;

/**
 * @brief The number of configured fields.
 * @param[in] engine  The engine.
 * @return The count (0 for a NULL engine).
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(size_t) cc_engine_field_count(const cc_engine *engine);

/**
 * @brief The field at @p index, in collection order.
 * @param[in] engine  The engine.
 * @param[in] index   0 .. cc_engine_field_count() - 1.
 * @return The field (borrowed), or NULL when out of range.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const cc_field *) cc_engine_field(const cc_engine *engine, size_t index);

/**
 * @brief The field with id @p name.
 * @param[in] engine  The engine.
 * @param[in] name    A field id.
 * @return The field (borrowed), or NULL when there is none.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const cc_field *) cc_engine_field_find(const cc_engine *engine, const char *name);

/**
 * The IVR settings.  Fields may be appended in later versions; never copy
 * it by value.
 *
 * @par Thread safety
 * Immutable.
 */
typedef struct cc_ivr_settings {
	unsigned int max_retries;          /**< Re-prompts per field (IVR_MAX_RETRIES, 3). */
	unsigned int confirmation_retries; /**< Failed confirmations before a human (2). */
	unsigned int no_input_timeout_ms;  /**< Silence before a re-prompt (IVR_TIMEOUT_SECONDS, 30 s). */
	unsigned int inactivity_limit_ms;  /**< Silence before hanging up (5 min). */
	unsigned int call_limit_ms;        /**< Longest call (30 min). */
	unsigned int max_queue_size;       /**< Callers waiting per queue (100). */
	unsigned int max_wait_ms;          /**< Longest wait in queue (10 min). */
	int require_confirmation;          /**< Read the data back for a yes (1). */
	int auto_detect_language;          /**< Follow the caller's language (1). */
	int save_transcript;               /**< Keep a transcript (1). */
	const char *default_language;      /**< Language a call starts in ("ar"). */
	const char *fallback_language;     /**< Prompt fallback language ("en"). */
	const char *default_region;        /**< Region for phone numbers ("SY"). */
	const char *default_department;    /**< Unsure routing goes here ("reception"). */
} cc_ivr_settings;

/**
 * @brief The IVR settings.
 * @param[in] engine  The engine.
 * @return The settings (borrowed), or NULL for a NULL engine.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const cc_ivr_settings *) cc_engine_ivr(const cc_engine *engine);

/**
 * @brief Whether a feature or host capability is on in this configuration.
 *
 * Names are the keys of `features` ("crm", "ticket_system", "ivr",
 * "agent_transfer", "dtmf_input"...), the host capabilities the call center
 * turns off ("avatar_display", "visual_context", "tavus_avatar",
 * "face_recognition", "video_response": 0 means "disable it in call-center
 * mode"), the call-center behaviours ("call_center_prompts", "ivr_flow",
 * "structured_data", "call_center_db", "tickets_on_complaints") and
 * "call_center_mode" itself.  When call-center mode is off (CALL_CENTER_MODE
 * = disabled), host capabilities are all on and call-center behaviours off.
 *
 * @param[in] engine  The engine.
 * @param[in] name    The feature's name.
 * @return 1 when on, 0 when off, CC_EINVAL for NULL arguments or
 *         CC_ENOTFOUND for an unknown name.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_feature(const cc_engine *engine, const char *name);

/**
 * @brief How many days records of a kind are kept.
 *
 * @param[in] engine  The engine.
 * @param[in] kind    "transcripts" (90 by default), "calls" (180),
 *                    "tickets" (365), "customer_data" (730) or a kind the
 *                    configuration adds.
 * @return The number of days (>= 0), CC_EINVAL for NULL arguments or
 *         CC_ENOTFOUND for an unknown kind.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_retention_days(const cc_engine *engine, const char *kind);

/* ---- departments ------------------------------------------------------ */

/**
 * A department a call can be routed to.  Strings are borrowed from the
 * engine.  Fields may be appended in later versions.
 *
 * @par Thread safety
 * Immutable.
 */
typedef struct cc_department {
	const char *id;             /**< "reception", "sales", "complaints"... */
	const char *name_ar;        /**< Its name in Arabic. */
	const char *name_en;        /**< Its name in English. */
	const char *description_ar; /**< What it does, in Arabic. */
	const char *description_en; /**< What it does, in English. */
	int priority;               /**< Order of importance (1 = first). */
	const char *queue;          /**< The agent queue it transfers to. */
	const char *welcome_prompt; /**< Prompt said on arrival ("sales.greeting"). */
	const char *routing_prompt; /**< Prompt said when routing there. */
	int creates_ticket;         /**< Calls here open a ticket by default. */
} cc_department;

/**
 * @brief The number of departments.
 * @param[in] engine  The engine.
 * @return The count (0 for a NULL engine).
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(size_t) cc_engine_department_count(const cc_engine *engine);

/**
 * @brief The department at @p index, in configuration order.
 * @param[in] engine  The engine.
 * @param[in] index   0 .. cc_engine_department_count() - 1.
 * @return The department (borrowed), or NULL when out of range.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const cc_department *) cc_engine_department(const cc_engine *engine, size_t index);

/**
 * @brief The department with id @p id.
 * @param[in] engine  The engine.
 * @param[in] id      A department id.
 * @return The department (borrowed), or NULL when there is none.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const cc_department *) cc_engine_department_find(const cc_engine *engine, const char *id);

/**
 * @brief A department's name in a language.
 * @param[in] dept  The department.
 * @param[in] lang  "ar" for Arabic; anything else gives English.
 * @return The name (borrowed), or NULL for a NULL department.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_department_name(const cc_department *dept, const char *lang);

/* ---- prompts ---------------------------------------------------------- */

/** How a prompt variable's value is rendered. */
typedef enum cc_prompt_var_kind {
	/** Inferred from the variable's name: names containing "phone" are
	 *  phones, names containing "email" are e-mails, others are text. */
	CC_PROMPT_VAR_AUTO = 0,
	CC_PROMPT_VAR_TEXT = 1,  /**< Inserted as given. */
	CC_PROMPT_VAR_PHONE = 2, /**< Digits said one by one, in the prompt's language. */
	CC_PROMPT_VAR_EMAIL = 3  /**< "at" and "dot" said, in the prompt's language. */
} cc_prompt_var_kind;

/** A named value for a prompt template's `{name}` placeholder. */
typedef struct cc_prompt_var {
	const char *name;        /**< The placeholder's name, without braces. */
	const char *value;       /**< Its value (UTF-8). */
	cc_prompt_var_kind kind; /**< How to render it. */
} cc_prompt_var;

/** Flags of cc_engine_prompt(). */
typedef enum cc_prompt_flag {
	/** Render for a screen: phones and e-mails are inserted as given. */
	CC_PROMPT_FOR_DISPLAY = 1 << 0
} cc_prompt_flag;

/**
 * @brief Renders the prompt @p key in a language with its variables.
 *
 * Language rule (the only one): @p lang is reduced to its primary subtag
 * ("ar-SA" → "ar", case-insensitive); NULL, "", "mixed" and "unknown" mean
 * the configured default language.  If the prompt has no text in that
 * language, the configured fallback language is used, then any language the
 * prompt has.  Placeholders are `{name}`; `{{` and `}}` are literal braces.
 * Unless #CC_PROMPT_FOR_DISPLAY is given, phones are spoken digit by digit
 * and e-mails with "at"/"dot" (Arabic: "آت"/"دوت") in the prompt's language.
 * `{company_name}` is always available.
 *
 * @param[out] out        Receives the text (replaced).
 * @param[out] lang_used  Receives the language used ("ar", "en"...;
 *                        borrowed); may be NULL.
 * @param[in]  engine     The engine.
 * @param[in]  key        The prompt key ("ask_name", "sales.greeting").
 * @param[in]  lang       The wanted language, or NULL.
 * @param[in]  vars       The variables; may be NULL when @p nvars is 0.
 * @param[in]  nvars      Their number.
 * @param[in]  flags      A bitwise OR of ::cc_prompt_flag.
 * @return 0, CC_EINVAL for NULL arguments, CC_ENOTFOUND for an unknown key,
 *         CC_EINVAL when the template names a variable not given (the
 *         message names it), CC_EUTF8 for a value that is not UTF-8, or
 *         CC_ENOMEM.  On failure @p out holds no text (size 0) but may still
 *         hold memory: dispose it as after a success.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_prompt(cc_buf *out, const char **lang_used, const cc_engine *engine,
				const char *key, const char *lang, const cc_prompt_var *vars,
				size_t nvars, unsigned int flags);

/**
 * @brief Whether a prompt key exists.
 * @param[in] engine  The engine.
 * @param[in] key     The key.
 * @return 1 when it exists, 0 when not, CC_EINVAL for NULL arguments.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_prompt_exists(const cc_engine *engine, const char *key);

/* ---- FAQ -------------------------------------------------------------- */

/** The best FAQ answer for a question. */
typedef struct cc_faq_match {
	const char *id;       /**< The entry's id (borrowed). */
	const char *question; /**< Its question in the answer's language. */
	const char *answer;   /**< The answer text (borrowed). */
	const char *language; /**< The answer's language. */
	double score;         /**< 0..1; how well the question matched. */
} cc_faq_match;

/**
 * @brief Finds the FAQ entry that best answers @p text.
 *
 * Entries are compared on match keys and stems, so spelling variants,
 * clitics and plurals match.  Only a score of at least the configured
 * `faq.min_score` counts.
 *
 * @param[out] out     The match; zeroed when there is none.
 * @param[in]  engine  The engine.
 * @param[in]  text    The caller's question (UTF-8).
 * @param[in]  len     Its length in bytes.
 * @param[in]  lang    The answer language wanted (the prompt language rule
 *                     of cc_engine_prompt() applies), or NULL.
 * @return 0, CC_ENOTFOUND when nothing matches well enough, CC_EINVAL for
 *         NULL arguments, CC_EUTF8 for invalid text or CC_ETOOBIG for text
 *         over 64 KiB.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_faq(cc_faq_match *out, const cc_engine *engine, const char *text,
			     size_t len, const char *lang);

/* ---- business hours --------------------------------------------------- */

/**
 * @brief Whether the call center is open at a moment.
 *
 * Uses the configured time zone (IANA name, through ICU), weekly hours and
 * holidays.
 *
 * @param[in] engine    The engine.
 * @param[in] unix_sec  The moment, in seconds since 1970-01-01 UTC.
 * @return 1 when open, 0 when closed, CC_EINVAL for a NULL engine.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_is_open(const cc_engine *engine, int64_t unix_sec);

/**
 * @brief The next moment the call center opens.
 *
 * @param[out] opens_at  The moment (seconds since 1970 UTC); @p unix_sec
 *                       itself when open now.
 * @param[in]  engine    The engine.
 * @param[in]  unix_sec  The moment to look from.
 * @return 0, CC_EINVAL for NULL arguments, or CC_ENOTFOUND when it never
 *         opens within a year (no open day configured).
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_next_opening(int64_t *opens_at, const cc_engine *engine, int64_t unix_sec);

/**
 * @brief The configured time zone's IANA name ("Asia/Damascus").
 * @param[in] engine  The engine.
 * @return The name (borrowed), or NULL for a NULL engine.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_engine_time_zone(const cc_engine *engine);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_ENGINE_H */
