/**
 * @file callcenter/crm.h
 * @brief The CRM: customers, calls, transcripts, tickets, agents, statistics
 *        and privacy requests, kept in a ::cc_store.
 *
 * Records come back as plain structs the library allocates; each has its
 * `_free` function.  Times are milliseconds since the Unix epoch (UTC);
 * 0 means "not set".  Strings are UTF-8; a string field that is not set is
 * NULL.
 *
 * Writes a call makes (customer, call, transcript turns, the complaint
 * ticket) are idempotent and batched: when the database is unreachable they
 * are kept and retried (see cc_store_pending()), and such a function returns
 * 1 instead of 0.  Every other function returns 0 or a negative code.
 *
 * @defgroup cc_crm CRM
 * @{
 */
#ifndef CALLCENTER_CRM_H
#define CALLCENTER_CRM_H

#include "common.h"
#include "buffer.h"
#include "session.h"
#include "store.h"

CC_BEGIN_DECL

/** The CRM over one store. */
typedef struct cc_crm cc_crm;

/** Room for any ID the CRM makes (call, ticket, customer), NUL included. */
#define CC_CRM_ID_MAX 64

/** Gets the current time in ms since the epoch; for tests and replays. */
typedef int64_t (*cc_crm_clock_fn)(void *userdata);

/** The current version of ::cc_crm_options. */
#define CC_CRM_OPTIONS_VERSION 1

/** Options for cc_crm_open(); NULL means all defaults. */
typedef struct cc_crm_options {
	unsigned int version; /**< #CC_CRM_OPTIONS_VERSION. */
	/** ISO 3166 region for phone numbers written without a country
	 *  code, e.g. "SA" (default), "AE", "JO".  Every CRM has one, so
	 *  a local number ("0559876543") is always read, as a number of
	 *  this region; one that is not valid there is CC_EPARSE. */
	const char *default_region;
	/** Days calls are kept by cc_crm_purge(); 0 for 365. */
	unsigned int retention_calls_days;
	/** Days transcript turns are kept; 0 for 90. */
	unsigned int retention_transcripts_days;
	/** Days closed tickets are kept; 0 for 730. */
	unsigned int retention_tickets_days;
	/** The clock, or NULL for the real-time clock. */
	cc_crm_clock_fn clock;
	/** Passed to @c clock. */
	void *clock_userdata;
} cc_crm_options;

/** Initializer for ::cc_crm_options with the defaults. */
#define CC_CRM_OPTIONS_INIT { CC_CRM_OPTIONS_VERSION, NULL, 0, 0, 0, NULL, NULL }

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options.
 * @param[in]  version  #CC_CRM_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_options_init(cc_crm_options *opts, unsigned int version);

/**
 * @brief Opens the CRM over @p store.
 *
 * The store must have the current schema (cc_store_migrate()).
 *
 * @param[out] out    The CRM.
 * @param[in]  store  The store; borrowed, must outlive the CRM.
 * @param[in]  opts   Options or NULL.
 * @return 0; CC_EINVAL (NULL argument, bad options, unknown region);
 *         CC_ESTATE if the schema is older than the library's (run the
 *         migrations); CC_ESTORE; CC_ENETWORK; CC_ENOMEM.
 * @par Ownership
 * The caller frees @p *out with cc_crm_free().
 * @par Thread safety
 * A CRM may be shared by threads: every function may be called from any
 * thread at once (the store pools connections).
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_open(cc_crm **out, cc_store *store,
			   const cc_crm_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Frees the CRM (not its store).
 * @param[in] crm  The CRM, or NULL.
 * @par Thread safety
 * No other thread may be using @p crm.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_free(cc_crm *crm);

/**
 * @brief The store the CRM writes to.
 * @param[in] crm  The CRM.
 * @return The borrowed store, or NULL for a NULL @p crm.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(cc_store *) cc_crm_store(cc_crm *crm);

/* ---- customers -------------------------------------------------------- */

/** A customer. */
typedef struct cc_crm_customer {
	char *id;        /**< "CUST_..." */
	char *phone;     /**< E.164, NULL once erased. */
	char *name;      /**< As given (display form). */
	char *email;     /**< Lower-cased, or NULL. */
	char *tier;      /**< standard, silver, gold or platinum. */
	int vip;         /**< 1 for a VIP. */
	char *language;  /**< Preferred language ("ar", "en"), or NULL. */
	char *notes;     /**< Free notes, or NULL. */
	int64_t total_calls;      /**< Calls on record. */
	int64_t total_tickets;    /**< Tickets on record. */
	int64_t last_interaction; /**< ms; 0 if none. */
	int64_t created_at;       /**< ms. */
	int64_t updated_at;       /**< ms. */
	int64_t erased_at;        /**< ms; 0 unless erased. */
} cc_crm_customer;

/** A list of customers. */
typedef struct cc_crm_customer_list {
	size_t count;                /**< How many. */
	cc_crm_customer *items;      /**< The customers. */
} cc_crm_customer_list;

/** The current version of ::cc_crm_customer_input. */
#define CC_CRM_CUSTOMER_INPUT_VERSION 1

/** What to write for a customer; NULL fields keep what is stored. */
typedef struct cc_crm_customer_input {
	unsigned int version; /**< #CC_CRM_CUSTOMER_INPUT_VERSION. */
	/** The phone in any form a caller gives it (E.164, 00, local in
	 *  the CRM's default_region, Arabic-Indic digits, spoken digits);
	 *  required. */
	const char *phone;
	const char *name;     /**< The name (at most 200 characters). */
	const char *email;    /**< An e-mail address. */
	const char *tier;     /**< standard, silver, gold or platinum. */
	int vip;              /**< 1 or 0; -1 keeps the stored value. */
	const char *language; /**< "ar", "en"... */
	const char *notes;    /**< Free notes. */
} cc_crm_customer_input;

/** Initializer for ::cc_crm_customer_input. */
#define CC_CRM_CUSTOMER_INPUT_INIT { CC_CRM_CUSTOMER_INPUT_VERSION, NULL, NULL, NULL, NULL, -1, NULL, NULL }

/**
 * @brief Creates or updates the customer with this phone number.
 *
 * The phone is normalized to E.164 first, so the same person typed in
 * Arabic-Indic digits, said aloud or written locally is one customer.  Two
 * threads upserting the same phone at once make one customer.
 *
 * @param[out] id_out  Receives the customer ID (may be NULL); "" when the
 *                     write was kept for retry.
 * @param[in]  crm     The CRM.
 * @param[in]  in      The fields.
 * @return 0 when written, 1 when kept for retry; CC_EINVAL (NULL, no phone,
 *         bad tier or e-mail, a field too long); CC_EPARSE (not a phone
 *         number, or a local number not valid in the default region; the
 *         message says why); CC_EUTF8; CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_customer_upsert(char id_out[CC_CRM_ID_MAX], cc_crm *crm,
				      const cc_crm_customer_input *in);

/**
 * @brief Finds a customer by ID or by phone number (any form).
 * @param[out] out  The customer.
 * @param[in]  crm  The CRM.
 * @param[in]  key  A "CUST_..." ID or a phone number.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_EUTF8; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_customer_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_customer_get(cc_crm_customer **out, cc_crm *crm,
				   const char *key);

/**
 * @brief Searches customers by phone, e-mail or name.
 *
 * A query that reads as a phone number (any form, national numbers in the
 * default region) matches that number; an e-mail address matches the
 * e-mail; anything else is a name: every word of its name key (the text
 * layer's, the same for Arabic and Latin spellings) must begin a word of the
 * customer's, so "Mohammed" finds "محمد" and "أحمد" finds "Ahmad"; a
 * literal substring of the name also matches.  LIKE wildcards in the query
 * are taken literally.  An empty query lists everyone, newest first.
 *
 * @param[out] out     The matches.
 * @param[in]  crm     The CRM.
 * @param[in]  query   What to look for.
 * @param[in]  limit   At most this many (0 for 50; at most 1000).
 * @param[in]  offset  Skip this many (pagination).
 * @return 0; CC_EINVAL; CC_EUTF8; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_customer_list_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_customer_search(cc_crm_customer_list **out, cc_crm *crm,
				      const char *query, size_t limit,
				      size_t offset);

/**
 * @brief Anonymizes a customer for a GDPR/PDPL erasure request.
 *
 * Clears the customer's name, phone, e-mail and notes; removes the caller's
 * details from their calls and tickets and deletes their transcript turns.
 * Call and ticket records (and the counts on the customer) stay, so
 * statistics still add up.
 *
 * @param[in] crm  The CRM.
 * @param[in] key  The customer's ID or phone.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_customer_erase(cc_crm *crm, const char *key);

/**
 * @brief Frees a customer.
 * @param[in] c  The customer, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_customer_free(cc_crm_customer *c);

/**
 * @brief Frees a list of customers.
 * @param[in] list  The list, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_customer_list_free(cc_crm_customer_list *list);

/* ---- calls ------------------------------------------------------------ */

/** A call. */
typedef struct cc_crm_call {
	char *id;             /**< "CALL_YYYYMMDDHHMMSS_..." */
	char *customer_id;    /**< Or NULL. */
	char *customer_phone; /**< E.164 or NULL. */
	char *direction;      /**< inbound or outbound. */
	char *status;         /**< initiated, ivr_processing, in_queue,
				   in_progress, transferred, completed,
				   abandoned or failed. */
	char *stage;          /**< The IVR stage. */
	char *department;     /**< Or NULL. */
	char *routing_reason; /**< Or NULL. */
	char *outcome;        /**< Or NULL. */
	char *language;       /**< Or NULL. */
	char *agent_id;       /**< Or NULL. */
	int64_t started_at;   /**< ms. */
	int64_t ended_at;     /**< ms; 0 while active. */
	int64_t duration_seconds; /**< Set when the call ends. */
} cc_crm_call;

/** A list of calls. */
typedef struct cc_crm_call_list {
	size_t count;         /**< How many. */
	cc_crm_call *items;   /**< The calls. */
} cc_crm_call_list;

/** The current version of ::cc_crm_call_input. */
#define CC_CRM_CALL_INPUT_VERSION 1

/** A call to start, or changes to a call (NULL fields keep what is stored). */
typedef struct cc_crm_call_input {
	unsigned int version;       /**< #CC_CRM_CALL_INPUT_VERSION. */
	const char *customer_phone; /**< Any form; links the customer. */
	const char *direction;      /**< inbound (default) or outbound. */
	const char *status;         /**< A call status. */
	const char *stage;          /**< The IVR stage. */
	const char *department;     /**< The department. */
	const char *routing_reason; /**< Why it went there. */
	const char *language;       /**< "ar", "en"... */
	const char *agent_id;       /**< The agent handling it. */
	int64_t at;                 /**< When (ms); 0 for now. */
} cc_crm_call_input;

/** Initializer for ::cc_crm_call_input. */
#define CC_CRM_CALL_INPUT_INIT { CC_CRM_CALL_INPUT_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/**
 * @brief Makes a new call ID: "CALL_YYYYMMDDHHMMSS_" and 16 characters of
 *        OS randomness (80 bits), unique without asking the database.
 * @param[out] id_out  The ID.
 * @param[in]  crm     The CRM (its clock gives the time).
 * @return 0; CC_EINVAL; CC_EIO if the OS has no randomness to give.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_new_id(char id_out[CC_CRM_ID_MAX], cc_crm *crm);

/**
 * @brief Records the start of a call (idempotent by call ID).
 * @param[in,out] call_id  The call ID; if it is "" a new one is made and
 *                         written here.
 * @param[in]     crm      The CRM.
 * @param[in]     in       Phone, direction, language...; may be NULL.
 * @return 0 written, 1 kept for retry; CC_EINVAL; CC_EPARSE (phone);
 *         CC_EUTF8; CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_start(char call_id[CC_CRM_ID_MAX], cc_crm *crm,
				 const cc_crm_call_input *in);

/**
 * @brief Changes a call as it progresses (stage, department, status...).
 * @param[in] crm      The CRM.
 * @param[in] call_id  The call.
 * @param[in] in       The changes; NULL fields are kept.
 * @return 0 written, 1 kept for retry; CC_EINVAL (bad status...);
 *         CC_EPARSE; CC_EUTF8; CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_update(cc_crm *crm, const char *call_id,
				  const cc_crm_call_input *in);

/**
 * @brief Records the end of a call: its status (completed, abandoned,
 *        failed, transferred), outcome and duration.
 * @param[in] crm      The CRM.
 * @param[in] call_id  The call.
 * @param[in] status   The final status, or NULL for "completed".
 * @param[in] outcome  A short outcome ("resolved", "ticket", "hangup"...)
 *                     or NULL.
 * @param[in] at       When (ms), or 0 for now.
 * @return 0 written, 1 kept for retry; CC_EINVAL; CC_EUTF8; CC_ESTORE;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_end(cc_crm *crm, const char *call_id,
			       const char *status, const char *outcome,
			       int64_t at);

/**
 * @brief Reads one call.
 * @param[out] out      The call.
 * @param[in]  crm      The CRM.
 * @param[in]  call_id  Its ID.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_call_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_get(cc_crm_call **out, cc_crm *crm,
			       const char *call_id);

/** The current version of ::cc_crm_call_filter. */
#define CC_CRM_CALL_FILTER_VERSION 1

/** Which calls cc_crm_call_search() returns; NULL/0 fields do not filter. */
typedef struct cc_crm_call_filter {
	unsigned int version;    /**< #CC_CRM_CALL_FILTER_VERSION. */
	int active_only;         /**< 1: only calls not yet ended. */
	const char *customer;    /**< A customer ID or phone. */
	const char *department;  /**< A department. */
	const char *status;      /**< A status. */
	int64_t from;            /**< Started at or after (ms). */
	int64_t to;              /**< Started before (ms). */
	size_t limit;            /**< 0 for 50; at most 1000. */
	size_t offset;           /**< Skip this many. */
} cc_crm_call_filter;

/** Initializer for ::cc_crm_call_filter. */
#define CC_CRM_CALL_FILTER_INIT { CC_CRM_CALL_FILTER_VERSION, 0, NULL, NULL, NULL, 0, 0, 0, 0 }

/**
 * @brief Lists calls, newest first.
 * @param[out] out     The calls.
 * @param[in]  crm     The CRM.
 * @param[in]  filter  The filter, or NULL for the latest 50.
 * @return 0; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_call_list_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_call_search(cc_crm_call_list **out, cc_crm *crm,
				const cc_crm_call_filter *filter);

/**
 * @brief Frees a call.
 * @param[in] call  The call, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_call_free(cc_crm_call *call);

/**
 * @brief Frees a list of calls.
 * @param[in] list  The list, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_call_list_free(cc_crm_call_list *list);

/* ---- transcripts ------------------------------------------------------ */

/** One turn of a call's transcript (text only). */
typedef struct cc_crm_turn {
	int64_t seq;     /**< 1, 2, 3... within the call. */
	char *speaker;   /**< customer, agent, bot or system. */
	char *text;      /**< What was said (display form). */
	char *language;  /**< Or NULL. */
	int64_t at;      /**< ms. */
} cc_crm_turn;

/** A call's transcript. */
typedef struct cc_crm_transcript {
	size_t count;        /**< How many turns. */
	cc_crm_turn *items;  /**< The turns, in order. */
} cc_crm_transcript;

/**
 * @brief Appends one turn to a call's transcript.
 *
 * With @p seq > 0 the append is idempotent: writing turn 3 twice stores it
 * once.  With @p seq 0 the next number is taken (not idempotent).
 *
 * @param[in] crm       The CRM.
 * @param[in] call_id   The call (must have been started).
 * @param[in] seq       The turn's number, or 0 for the next.
 * @param[in] speaker   customer, agent, bot or system.
 * @param[in] text      What was said (at most 65536 bytes).
 * @param[in] language  "ar", "en"... or NULL.
 * @param[in] at        When (ms), or 0 for now.
 * @return 0 written, 1 kept for retry; CC_EINVAL; CC_EUTF8; CC_ETOOBIG;
 *         CC_ESTORE (e.g. unknown call); CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_transcript_append(cc_crm *crm, const char *call_id,
					int64_t seq, const char *speaker,
					const char *text, const char *language,
					int64_t at);

/**
 * @brief Reads a call's transcript.
 * @param[out] out      The turns, in order (possibly none).
 * @param[in]  crm      The CRM.
 * @param[in]  call_id  The call.
 * @return 0; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_transcript_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_transcript_get(cc_crm_transcript **out, cc_crm *crm,
				     const char *call_id);

/**
 * @brief Frees a transcript.
 * @param[in] t  The transcript, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_transcript_free(cc_crm_transcript *t);

/* ---- tickets ---------------------------------------------------------- */

/** A ticket. */
typedef struct cc_crm_ticket {
	char *id;             /**< "TKT_YYYYMMDD_..." */
	char *call_id;        /**< Or NULL. */
	char *customer_id;    /**< Or NULL. */
	char *customer_name;  /**< Or NULL. */
	char *customer_phone; /**< E.164 or NULL. */
	char *customer_email; /**< Or NULL. */
	char *subject;        /**< A line. */
	char *description;    /**< What the customer said. */
	char *department;     /**< The department. */
	char *status;         /**< open, in_progress, pending, resolved, closed. */
	char *priority;       /**< low, medium, high, urgent. */
	char *assigned_to;    /**< An agent ID or NULL. */
	char *notes;          /**< Notes, one per line, or NULL. */
	int64_t created_at;   /**< ms. */
	int64_t updated_at;   /**< ms. */
	int64_t assigned_at;  /**< ms or 0. */
	int64_t resolved_at;  /**< ms or 0. */
	int64_t closed_at;    /**< ms or 0. */
} cc_crm_ticket;

/** A page of tickets. */
typedef struct cc_crm_ticket_list {
	size_t count;          /**< How many on this page. */
	cc_crm_ticket *items;  /**< The tickets. */
} cc_crm_ticket_list;

/** The current version of ::cc_crm_ticket_input. */
#define CC_CRM_TICKET_INPUT_VERSION 1

/** A ticket to create. */
typedef struct cc_crm_ticket_input {
	unsigned int version;       /**< #CC_CRM_TICKET_INPUT_VERSION. */
	const char *subject;        /**< Required, at most 500 characters. */
	const char *description;    /**< What happened. */
	const char *department;     /**< Default "complaints". */
	const char *priority;       /**< low, medium (default), high, urgent. */
	const char *customer_phone; /**< Any form; the customer is upserted. */
	const char *customer_name;  /**< Their name. */
	const char *customer_email; /**< Their e-mail. */
	const char *call_id;        /**< The call it came from. */
	/** Makes creation idempotent: a second create with the same key
	 *  returns the first ticket's ID and creates nothing. */
	const char *idempotency_key;
	const char *created_by;     /**< Who (default "system"). */
} cc_crm_ticket_input;

/** Initializer for ::cc_crm_ticket_input. */
#define CC_CRM_TICKET_INPUT_INIT { CC_CRM_TICKET_INPUT_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/**
 * @brief Creates a ticket with a new "TKT_YYYYMMDD_" + 16-character random
 *        ID and its "created" history entry.
 *
 * The ID is made before anything is written, so it is returned even when
 * the write is kept for retry.
 *
 * @param[out] id_out  The ticket ID.
 * @param[in]  crm     The CRM.
 * @param[in]  in      The ticket.
 * @return 0 written, 1 kept for retry; CC_EINVAL (no subject, bad priority,
 *         field too long); CC_EPARSE (phone); CC_EUTF8; CC_ESTORE;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_create(char id_out[CC_CRM_ID_MAX], cc_crm *crm,
				    const cc_crm_ticket_input *in);

/**
 * @brief Reads one ticket.
 * @param[out] out        The ticket.
 * @param[in]  crm        The CRM.
 * @param[in]  ticket_id  Its ID.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_ticket_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_get(cc_crm_ticket **out, cc_crm *crm,
				 const char *ticket_id);

/** The current version of ::cc_crm_ticket_filter. */
#define CC_CRM_TICKET_FILTER_VERSION 1

/** Which tickets cc_crm_ticket_search() returns; NULL/0 do not filter. */
typedef struct cc_crm_ticket_filter {
	unsigned int version;     /**< #CC_CRM_TICKET_FILTER_VERSION. */
	const char *status;       /**< A status, or "active" for open,
				       in_progress and pending. */
	const char *department;   /**< A department. */
	const char *priority;     /**< A priority. */
	const char *customer;     /**< A customer ID or phone. */
	const char *assigned_to;  /**< An agent ID, or "" for unassigned. */
	const char *text;         /**< Words in the subject or description. */
	int64_t from;             /**< Created at or after (ms). */
	int64_t to;               /**< Created before (ms). */
	size_t limit;             /**< 0 for 50; at most 1000. */
	size_t offset;            /**< Skip this many. */
} cc_crm_ticket_filter;

/** Initializer for ::cc_crm_ticket_filter. */
#define CC_CRM_TICKET_FILTER_INIT { CC_CRM_TICKET_FILTER_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0 }

/**
 * @brief Searches tickets, newest first, one page at a time.
 * @param[out] out     The page.
 * @param[in]  crm     The CRM.
 * @param[in]  filter  The filter, or NULL for the latest 50.
 * @return 0; CC_EINVAL (bad status or priority); CC_EUTF8; CC_ESTORE;
 *         CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_ticket_list_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_search(cc_crm_ticket_list **out, cc_crm *crm,
				    const cc_crm_ticket_filter *filter);

/**
 * @brief Moves a ticket to another status through the state machine:
 *        open → in_progress | pending | resolved | closed;
 *        in_progress → pending | resolved | open;
 *        pending → in_progress | resolved | open;
 *        resolved → closed | open (reopen); closed → open (reopen).
 * @param[in] crm        The CRM.
 * @param[in] ticket_id  The ticket.
 * @param[in] status     The new status.
 * @param[in] who        Who changes it (agent ID or "system"); NULL for
 *                       "system".
 * @param[in] why        The reason, or NULL.
 * @return 0; CC_ENOTFOUND; CC_EINVAL (unknown status); CC_ESTATE (the move
 *         is not allowed, e.g. closed → resolved); CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_set_status(cc_crm *crm, const char *ticket_id,
					const char *status, const char *who,
					const char *why);

/**
 * @brief Assigns a ticket to an agent, or unassigns it.  Assigning an open
 *        ticket moves it to in_progress.
 * @param[in] crm        The CRM.
 * @param[in] ticket_id  The ticket.
 * @param[in] agent_id   The agent, or NULL to unassign.
 * @param[in] who        Who does it, or NULL for "system".
 * @param[in] why        The reason, or NULL.
 * @return 0; CC_ENOTFOUND (ticket or agent); CC_ESTATE (closed ticket);
 *         CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_assign(cc_crm *crm, const char *ticket_id,
				    const char *agent_id, const char *who,
				    const char *why);

/**
 * @brief Adds a note to a ticket (kept in its notes and its history).
 * @param[in] crm        The CRM.
 * @param[in] ticket_id  The ticket.
 * @param[in] note       The note.
 * @param[in] who        Who writes it, or NULL for "system".
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_EUTF8; CC_ETOOBIG; CC_ESTORE;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_add_note(cc_crm *crm, const char *ticket_id,
				      const char *note, const char *who);

/** One change to a ticket. */
typedef struct cc_crm_ticket_change {
	char *action;     /**< created, status, priority, assigned,
			       unassigned or note. */
	char *old_value;  /**< Or NULL. */
	char *new_value;  /**< Or NULL. */
	char *changed_by; /**< Who. */
	char *reason;     /**< Why, or NULL. */
	int64_t at;       /**< When (ms). */
} cc_crm_ticket_change;

/** A ticket's history, oldest first. */
typedef struct cc_crm_ticket_history {
	size_t count;                  /**< How many changes. */
	cc_crm_ticket_change *items;   /**< The changes. */
} cc_crm_ticket_history;

/**
 * @brief Reads a ticket's history.
 * @param[out] out        The changes, oldest first.
 * @param[in]  crm        The CRM.
 * @param[in]  ticket_id  The ticket.
 * @return 0; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_ticket_history_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_ticket_history_get(cc_crm_ticket_history **out,
					 cc_crm *crm, const char *ticket_id);

/**
 * @brief Frees a ticket.
 * @param[in] t  The ticket, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_ticket_free(cc_crm_ticket *t);

/**
 * @brief Frees a page of tickets.
 * @param[in] list  The list, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_ticket_list_free(cc_crm_ticket_list *list);

/**
 * @brief Frees a ticket history.
 * @param[in] h  The history, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_ticket_history_free(cc_crm_ticket_history *h);

/* ---- agents ----------------------------------------------------------- */

/** An agent. */
typedef struct cc_crm_agent {
	char *id;          /**< The agent's ID. */
	char *name;        /**< Name. */
	char *email;       /**< Or NULL. */
	char *department;  /**< Department. */
	char *status;      /**< available, busy, away or offline. */
	char *skills;      /**< JSON array of strings. */
	char *languages;   /**< JSON array of language codes. */
	int max_concurrent_calls; /**< 1..10. */
	int current_calls;        /**< Calls now. */
	int available;            /**< 1 if available with a free slot. */
	int64_t last_active;      /**< ms or 0. */
} cc_crm_agent;

/** A list of agents. */
typedef struct cc_crm_agent_list {
	size_t count;          /**< How many. */
	cc_crm_agent *items;   /**< The agents. */
} cc_crm_agent_list;

/** The current version of ::cc_crm_agent_input. */
#define CC_CRM_AGENT_INPUT_VERSION 1

/** An agent to create or update; NULL fields keep what is stored. */
typedef struct cc_crm_agent_input {
	unsigned int version;   /**< #CC_CRM_AGENT_INPUT_VERSION. */
	const char *id;         /**< Required: the agent's ID. */
	const char *name;       /**< Required when creating. */
	const char *email;      /**< E-mail. */
	const char *department; /**< Department (default "reception"). */
	const char *skills;     /**< Comma-separated skills. */
	const char *languages;  /**< Comma-separated language codes. */
	int max_concurrent_calls; /**< 1..10, or 0 to keep (1 when new). */
} cc_crm_agent_input;

/** Initializer for ::cc_crm_agent_input. */
#define CC_CRM_AGENT_INPUT_INIT { CC_CRM_AGENT_INPUT_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/**
 * @brief Creates or updates an agent.
 * @param[in] crm  The CRM.
 * @param[in] in   The agent.
 * @return 0; CC_EINVAL; CC_EUTF8; CC_EEXISTS (e-mail taken); CC_ESTORE;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_agent_upsert(cc_crm *crm, const cc_crm_agent_input *in);

/**
 * @brief Sets an agent's status.
 * @param[in] crm       The CRM.
 * @param[in] agent_id  The agent.
 * @param[in] status    available, busy, away or offline.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_ESTORE.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_agent_set_status(cc_crm *crm, const char *agent_id,
				       const char *status);

/**
 * @brief Reads one agent.
 * @param[out] out       The agent.
 * @param[in]  crm       The CRM.
 * @param[in]  agent_id  The agent.
 * @return 0; CC_ENOTFOUND; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_agent_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_agent_get(cc_crm_agent **out, cc_crm *crm,
				const char *agent_id);

/**
 * @brief Lists agents (the agent_availability view).
 * @param[out] out             The agents, by ID.
 * @param[in]  crm             The CRM.
 * @param[in]  department      Only this department, or NULL.
 * @param[in]  available_only  1: only agents available with a free slot.
 * @return 0; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Free @p *out with cc_crm_agent_list_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_agent_search(cc_crm_agent_list **out, cc_crm *crm,
				 const char *department, int available_only);

/**
 * @brief Frees an agent.
 * @param[in] a  The agent, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_agent_free(cc_crm_agent *a);

/**
 * @brief Frees a list of agents.
 * @param[in] list  The list, or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_crm_agent_list_free(cc_crm_agent_list *list);

/* ---- statistics and privacy ------------------------------------------- */

/**
 * @brief Computes department_daily_stats and agent_performance for one UTC
 *        day from the calls and tickets on record (replacing earlier
 *        figures for that day).
 * @param[in] crm   The CRM.
 * @param[in] date  "YYYY-MM-DD".
 * @return The number of department rows written; CC_EINVAL; CC_ESTORE;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_stats_compute(cc_crm *crm, const char *date);

/**
 * @brief Writes a day's department statistics as JSON lines into @p out,
 *        one object per department: {"date","department","total_calls",
 *        "completed_calls","abandoned_calls","avg_wait_time_seconds",
 *        "avg_handling_time_seconds","calls_transferred","tickets_created",
 *        "peak_hour"}, then one per agent with {"agent_id","calls_handled",
 *        "avg_call_duration_seconds","tickets_resolved","tickets_assigned",
 *        "escalation_rate"}.
 * @param[out] out   Receives the lines (appended).
 * @param[in]  crm   The CRM.
 * @param[in]  date  "YYYY-MM-DD".
 * @return 0; CC_EINVAL; CC_ESTORE; CC_ENOMEM.
 * @par Ownership
 * Release @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_stats_json(cc_buf *out, cc_crm *crm,
				 const char *date);

/**
 * @brief Deletes what is older than the retention periods of the options:
 *        transcript turns, ended calls, and closed tickets.
 * @param[in] crm  The CRM.
 * @return The number of rows deleted; CC_EINVAL; CC_ESTORE.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_purge(cc_crm *crm);

/* ---- following a live call -------------------------------------------- */

/**
 * @brief Fills a session recorder that writes a call into the CRM as it
 *        happens.
 *
 * Pass the result in ::cc_session_options `recorder`.  The call is recorded
 * when it starts (linked to the caller's number when that is a phone
 * number), at each stage change and routing decision, at every transcript
 * turn, when the caller confirms their data (the customer is upserted and
 * linked), when a ticket is needed (created with the session's idempotency
 * key; its real "TKT_..." ID goes into the TICKET action), and when it
 * ends.  A write kept for retry counts as done: a live call never waits for
 * the database.
 *
 * @param[out] out  The recorder; its userdata is @p crm.
 * @param[in]  crm  The CRM; must outlive every session using the recorder.
 * @return 0, or CC_EINVAL for NULL.
 * @par Ownership
 * Nothing is allocated; the session copies the recorder.
 * @par Thread safety
 * Safe from any thread; the recorder may be shared by sessions on many
 * threads (the CRM is thread-safe).
 * @since 0.1
 */
CC_EXTERN(int) cc_crm_session_recorder(cc_session_recorder *out, cc_crm *crm);

/** @} */

CC_END_DECL

#endif /* CALLCENTER_CRM_H */
