/**
 * @file callcenter/routing.h
 * @brief Routing an utterance to a department, with priority and severity.
 *
 * The router compares the utterance's match key and stems with each
 * department's weighted terms and phrases (configuration data), skips terms
 * under a negation ("ما عندي مشكلة", "no problem"), lets a department the
 * caller names ("المبيعات لو سمحت") win, and falls back to the default
 * department when unsure.  The same pass gives the language, sentiment and
 * urgency from the text layer, the complaint severity and the ticket
 * priority.
 *
 * @defgroup cc_routing Routing
 * @{
 */
#ifndef CALLCENTER_ROUTING_H
#define CALLCENTER_ROUTING_H

#include "common.h"
#include "engine.h"

CC_BEGIN_DECL

/** Ticket priority, as in the original (low, medium, high, urgent). */
typedef enum cc_priority {
	CC_PRIORITY_LOW = 0,    /**< low */
	CC_PRIORITY_MEDIUM = 1, /**< medium */
	CC_PRIORITY_HIGH = 2,   /**< high */
	CC_PRIORITY_URGENT = 3  /**< urgent */
} cc_priority;

/** Complaint severity (low, medium, high, critical). */
typedef enum cc_severity {
	CC_SEVERITY_LOW = 0,     /**< low: resolve within 120 h */
	CC_SEVERITY_MEDIUM = 1,  /**< medium: 72 h */
	CC_SEVERITY_HIGH = 2,    /**< high: 24 h */
	CC_SEVERITY_CRITICAL = 3 /**< critical: 4 h */
} cc_severity;

/** Why the router chose its department. */
typedef enum cc_route_reason {
	CC_ROUTE_KEYWORDS = 0,   /**< The department's terms scored highest. */
	CC_ROUTE_NAMED = 1,      /**< The caller named the department. */
	CC_ROUTE_DEFAULT = 2,    /**< Nothing clear: the default department. */
	CC_ROUTE_CLASSIFIER = 3  /**< The classifier hook was more confident. */
} cc_route_reason;

/** The most matched terms a ::cc_route_result reports. */
#define CC_ROUTE_MAX_MATCHED 8

/** A configured term found in the utterance. */
typedef struct cc_route_match {
	const char *term;       /**< The term as configured (borrowed). */
	const char *department; /**< The department it belongs to (borrowed). */
	double weight;          /**< Its configured weight. */
} cc_route_match;

/**
 * A routing decision with the analysis it was made from.  All strings are
 * borrowed from the engine.
 *
 * @par Thread safety
 * Plain data.
 */
typedef struct cc_route_result {
	const char *department;  /**< The chosen department's id. */
	double confidence;       /**< 0..1. */
	cc_route_reason reason;  /**< Why. */
	const char *runner_up;   /**< The second-best department, or NULL. */
	double runner_up_confidence; /**< Its confidence, 0 when none. */
	size_t matched_count;    /**< Entries used in @c matched. */
	cc_route_match matched[CC_ROUTE_MAX_MATCHED]; /**< Terms found, strongest first. */
	const char *language;    /**< "ar", "en", "mixed" or "unknown". */
	const char *sentiment;   /**< "positive", "neutral" or "negative". */
	double sentiment_score;  /**< -1..1. */
	int urgent;              /**< Nonzero when the caller signals urgency. */
	cc_severity severity;    /**< Complaint severity. */
	cc_priority priority;    /**< Ticket priority from urgency and sentiment. */
} cc_route_result;

/**
 * @brief Routes an utterance and analyses it.
 *
 * @param[out] out     The decision.
 * @param[in]  engine  The engine.
 * @param[in]  text    The utterance (UTF-8).
 * @param[in]  len     Its length in bytes.
 * @return 0, CC_EINVAL for NULL arguments, CC_EUTF8 for invalid UTF-8,
 *         CC_ETOOBIG for text over 64 KiB, or an error the classifier hook
 *         returned.  An empty utterance routes to the default department.
 * @par Thread safety
 * Safe from any thread; allocates nothing for utterances under 1 KiB.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_route(cc_route_result *out, const cc_engine *engine, const char *text,
			       size_t len);

/**
 * @brief The lower-case name of a priority ("low" … "urgent").
 * @param[in] p  The priority.
 * @return The name (static), or "unknown".
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_priority_name(cc_priority p);

/**
 * @brief Parses a priority name ("low", "medium", "high", "urgent").
 * @param[out] out   The priority.
 * @param[in]  name  The name, case-insensitive.
 * @return 0, or CC_EINVAL for NULL arguments or an unknown name.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_priority_parse(cc_priority *out, const char *name);

/**
 * @brief The lower-case name of a severity ("low" … "critical").
 * @param[in] s  The severity.
 * @return The name (static), or "unknown".
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_severity_name(cc_severity s);

/**
 * @brief The ticket priority a complaint severity maps to, as in the
 *        original (critical → urgent, high → high, medium → medium,
 *        low → low).
 * @param[in] s  The severity.
 * @return The priority.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(cc_priority) cc_severity_priority(cc_severity s);

/**
 * @brief The configured longest resolution time for a severity, in hours
 *        (4, 24, 72 and 120 by default).
 * @param[in] engine  The engine.
 * @param[in] s       The severity.
 * @return The hours (> 0), or CC_EINVAL for a NULL engine or an unknown
 *         severity.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_engine_resolution_hours(const cc_engine *engine, cc_severity s);

/**
 * @brief The name of a route reason ("keywords", "named", "default",
 *        "classifier").
 * @param[in] r  The reason.
 * @return The name (static), or "unknown".
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_route_reason_name(cc_route_reason r);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_ROUTING_H */
