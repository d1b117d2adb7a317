/**
 * @file callcenter/rules.h
 * @brief The declarative rules of the configuration, evaluated over a call.
 *
 * Rules are data (`rules` in the configuration, docs/configuration.md): each
 * has a name, a condition over the call context (department, language,
 * sentiment, urgency, severity, collected fields, customer tier and VIP,
 * open or closed hours, retry counts, matched terms, the words said) and a
 * list of actions (set a priority, create a ticket, transfer to an agent,
 * require or skip a field, say a prompt, set a flag).  They run in the
 * configured order; every rule whose condition holds fires, until one with
 * `"stop": true` fires.  The result lists the actions in order and, when
 * asked, a trace of every rule tried and why it fired or not.
 *
 * @defgroup cc_rules Rules
 * @{
 */
#ifndef CALLCENTER_RULES_H
#define CALLCENTER_RULES_H

#include "buffer.h"
#include "common.h"
#include "engine.h"
#include "routing.h"

CC_BEGIN_DECL

/** A collected field's value in a ::cc_call_context. */
typedef struct cc_field_value {
	const char *name;  /**< The field id ("email"). */
	const char *value; /**< Its value; NULL or "" when not given. */
} cc_field_value;

/** Current version of ::cc_call_context. */
#define CC_CALL_CONTEXT_VERSION 1
/** Initializer for an empty ::cc_call_context (open hours unknown). */
#define CC_CALL_CONTEXT_INIT { CC_CALL_CONTEXT_VERSION, NULL, NULL, NULL, 0, NULL, 0.0, 0, \
			       CC_SEVERITY_LOW, CC_PRIORITY_MEDIUM, NULL, 0, NULL, 0, -1, 0, 0, \
			       NULL, NULL, 0, NULL, 0 }

/**
 * What the rules see of a call.  Every pointer is borrowed for the length of
 * the cc_engine_rules_eval() call; NULL means "unknown".
 */
typedef struct cc_call_context {
	unsigned int version;   /**< #CC_CALL_CONTEXT_VERSION. */
	const char *department; /**< Department id, or NULL before routing. */
	const char *language;   /**< "ar", "en"... */
	const char *text;       /**< The last thing the caller said (UTF-8). */
	size_t text_len;        /**< Its length; 0 with a text means strlen(). */
	const char *sentiment;  /**< "positive", "neutral", "negative" or NULL. */
	double sentiment_score; /**< -1..1. */
	int urgent;             /**< Nonzero when urgent. */
	cc_severity severity;   /**< Complaint severity. */
	cc_priority priority;   /**< Current priority. */
	const cc_field_value *fields; /**< Collected fields. */
	size_t field_count;     /**< Entries in @c fields. */
	const char *const *matched; /**< Routing terms matched (cc_route_match.term). */
	size_t matched_count;   /**< Entries in @c matched. */
	int open;               /**< 1 open, 0 closed, -1 compute from @c now_unix. */
	int64_t now_unix;       /**< Seconds since 1970 UTC, used when @c open is -1. */
	unsigned int retries;   /**< Failed attempts at the current field. */
	const char *stage;      /**< IVR stage name ("collect_email"...). */
	const char *customer_tier; /**< "gold", "standard"... or NULL. */
	int vip;                /**< Nonzero for a VIP customer. */
	const char *const *flags; /**< Flags set so far (by earlier actions). */
	size_t flag_count;      /**< Entries in @c flags. */
} cc_call_context;

/** What a fired rule asks for. */
typedef enum cc_rule_action_kind {
	CC_RULE_SET_PRIORITY = 0, /**< @c priority holds the new priority. */
	CC_RULE_CREATE_TICKET = 1, /**< Open a ticket (@c priority is its priority). */
	CC_RULE_TRANSFER = 2,     /**< To an agent of department @c arg. */
	CC_RULE_REQUIRE_FIELD = 3, /**< Field @c arg becomes required. */
	CC_RULE_SKIP_FIELD = 4,   /**< Field @c arg is not asked. */
	CC_RULE_SAY = 5,          /**< Say prompt @c arg. */
	CC_RULE_SET_FLAG = 6,     /**< Set flag @c arg (a name the host reads). */
	CC_RULE_ROUTE = 7         /**< Route to department @c arg. */
} cc_rule_action_kind;

/** One action, in the order the rules gave it. */
typedef struct cc_rule_action {
	cc_rule_action_kind kind; /**< What to do. */
	const char *rule;         /**< The rule's name (borrowed). */
	const char *arg;          /**< Field, department, prompt or flag (borrowed); may be NULL. */
	cc_priority priority;     /**< For SET_PRIORITY and CREATE_TICKET. */
} cc_rule_action;

/** The most actions one evaluation returns. */
#define CC_RULES_MAX_ACTIONS 32

/** The outcome of cc_engine_rules_eval(). */
typedef struct cc_rules_result {
	size_t action_count;  /**< Entries used in @c actions. */
	cc_rule_action actions[CC_RULES_MAX_ACTIONS]; /**< The actions, in order. */
	size_t fired_count;   /**< How many rules fired. */
	cc_priority priority; /**< The context's priority after SET_PRIORITY actions. */
} cc_rules_result;

/**
 * @brief Evaluates the configured rules over a call context.
 *
 * @param[out] out     The actions.
 * @param[out] trace   When not NULL, receives one line per rule tried:
 *                     `name: fired (condition…)` or `name: no (which test
 *                     failed)`.
 * @param[in]  engine  The engine.
 * @param[in]  ctx     The call context.
 * @return The number of rules that fired (>= 0), CC_EINVAL for NULL
 *         arguments or an unknown context version, CC_EUTF8 for a text that
 *         is not UTF-8, CC_ETOOBIG when more than #CC_RULES_MAX_ACTIONS
 *         actions fire, or CC_ENOMEM.
 * @par Ownership
 * The caller releases @p trace with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_rules_eval(cc_rules_result *out, cc_buf *trace, const cc_engine *engine,
				    const cc_call_context *ctx);

/**
 * @brief Whether a rule of this name exists.
 * @param[in] engine  The engine.
 * @param[in] name    The rule's name.
 * @return 1 when it exists, 0 when not, CC_EINVAL for NULL arguments.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_rule_exists(const cc_engine *engine, const char *name);

/**
 * @brief The name of an action kind ("set_priority", "create_ticket"...).
 * @param[in] kind  The kind.
 * @return The name (static), or "unknown".
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_rule_action_name(cc_rule_action_kind kind);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_RULES_H */
