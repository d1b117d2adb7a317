/**
 * @file callcenter/text.h
 * @brief Text understanding for Arabic and English callers: normalization,
 * stems, language, sentiment and urgency.
 *
 * Every utterance has two forms.  The *display* form is what the caller
 * said, cleaned (NFC, bidi controls and zero-width characters removed,
 * whitespace collapsed); it is what a CRM stores.  The *match key* is what
 * every comparison uses: NFKC case-folded, Arabic diacritics and tatweel
 * removed, alef and hamza forms folded, ى → ي, ة → ه, Persian ی/ک folded,
 * presentation forms folded, all digits ASCII, punctuation unified and
 * letter elongation ("جدااا", "sooo") collapsed.
 *
 * Functions that make a string come in two shapes: one writes into a
 * caller's buffer and reports the size it needed (like ICU and utf8proc),
 * one fills a ::cc_buf.  All input is UTF-8; invalid UTF-8 is refused with
 * CC_EUTF8 and a message naming the byte offset.
 *
 * @defgroup cc_text Text
 * @{
 */
#ifndef CALLCENTER_TEXT_H
#define CALLCENTER_TEXT_H

#include "buffer.h"
#include "common.h"

CC_BEGIN_DECL

/** The longest input, in bytes, any text function accepts (1 MiB). */
#define CC_TEXT_MAX_INPUT (1024u * 1024u)

/** cc_text_display() flag: write Arabic-Indic and Persian digits as ASCII. */
#define CC_TEXT_ASCII_DIGITS 0x1u

/**
 * @brief Makes the match key of @p text in a caller's buffer.
 *
 * @param[out] out      Receives the key, NUL-terminated; may be NULL when
 *                      @p cap is 0 (to ask for the size).
 * @param[in]  cap      Capacity of @p out in bytes, the NUL included.
 * @param[out] out_len  Receives the key's length without the NUL; after
 *                      CC_EBUFS, the length needed (so `*out_len + 1` bytes
 *                      are enough).
 * @param[in]  text     UTF-8 text; may be NULL when @p len is 0.
 * @param[in]  len      Length of @p text in bytes.
 * @return 0; CC_EBUFS when @p cap is too small (@p out then holds an empty
 *         string); CC_EINVAL for a NULL @p out_len or a NULL @p out with a
 *         capacity; CC_EUTF8 for invalid UTF-8; CC_ETOOBIG past
 *         #CC_TEXT_MAX_INPUT; CC_ENOMEM.
 * @par Ownership
 * Nothing is kept; @p out belongs to the caller.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_key(char *out, size_t cap, size_t *out_len,
			   const char *text, size_t len);

/**
 * @brief Makes the display form of @p text in a caller's buffer.
 *
 * @param[out] out      Receives the display form, NUL-terminated; may be
 *                      NULL when @p cap is 0.
 * @param[in]  cap      Capacity of @p out in bytes, the NUL included.
 * @param[out] out_len  Receives the length without the NUL; after CC_EBUFS,
 *                      the length needed.
 * @param[in]  text     UTF-8 text; may be NULL when @p len is 0.
 * @param[in]  len      Length of @p text in bytes.
 * @param[in]  flags    0 or #CC_TEXT_ASCII_DIGITS.
 * @return 0; CC_EBUFS when @p cap is too small; CC_EINVAL for bad
 *         arguments or unknown flags; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * Nothing is kept; @p out belongs to the caller.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_display(char *out, size_t cap, size_t *out_len,
			       const char *text, size_t len,
			       unsigned int flags);

/**
 * @brief Makes the match key of a NUL-terminated string in a ::cc_buf.
 *
 * @param[out] out   Receives the key (replacing what it held).
 * @param[in]  text  UTF-8 text, NUL-terminated.
 * @return 0; CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_key_buf(cc_buf *out, const char *text);

/**
 * @brief Makes the display form of a NUL-terminated string in a ::cc_buf.
 *
 * @param[out] out    Receives the display form (replacing what it held).
 * @param[in]  text   UTF-8 text, NUL-terminated.
 * @param[in]  flags  0 or #CC_TEXT_ASCII_DIGITS.
 * @return 0; CC_EINVAL for NULL arguments or unknown flags; CC_EUTF8;
 *         CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_display_buf(cc_buf *out, const char *text,
				   unsigned int flags);

/**
 * @brief Splits @p text into words and writes their light stems, separated
 * by single spaces.
 *
 * Words are those of the match key.  Arabic words lose clitic prefixes
 * (و ف ب ك ل ال وال بال …) and common suffixes, words of three letters or
 * fewer are kept whole; English words get the Snowball "english" stem.
 * "والمشكلة بالفواتير complaints" gives "مشكل فواتير complaint".
 *
 * @param[out] out   Receives the stems (replacing what it held).
 * @param[in]  text  UTF-8 text, NUL-terminated.
 * @return 0; CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_stems(cc_buf *out, const char *text);

/** The language of an utterance. */
typedef enum cc_text_language {
	CC_TEXT_LANG_UNKNOWN = 0, /**< No letters (digits, punctuation). */
	CC_TEXT_LANG_AR = 1,      /**< Arabic, in Arabic letters or Arabizi. */
	CC_TEXT_LANG_EN = 2,      /**< English (Latin letters). */
	CC_TEXT_LANG_MIXED = 3    /**< Arabic and Latin words together. */
} cc_text_language;

/**
 * @brief Detects the language of a short utterance.
 *
 * Counts letters per script (digits, tatweel, marks and punctuation are
 * neutral).  Latin words written in Arabizi ("3ndi mshkle", "bdi a7ki
 * ma3 el sales") count as Arabic.  Both scripts with two letters or more
 * give #CC_TEXT_LANG_MIXED.
 *
 * @param[out] lang     Receives a ::cc_text_language.
 * @param[out] arabizi  Receives 1 when Arabizi was recognized, else 0; may
 *                      be NULL.
 * @param[in]  text     UTF-8 text, NUL-terminated.
 * @return 0; CC_EINVAL for NULL @p lang or @p text; CC_EUTF8; CC_ETOOBIG;
 *         CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_detect_language(int *lang, int *arabizi,
				       const char *text);

/**
 * @brief The short name of a ::cc_text_language: "ar", "en", "mixed" or
 * "unknown".
 *
 * @param[in] lang  A ::cc_text_language.
 * @return A static string; "unknown" for values out of range.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_text_language_name(int lang);

/** A sentiment label. */
typedef enum cc_text_sentiment_label {
	CC_TEXT_NEUTRAL = 0,  /**< No clear polarity. */
	CC_TEXT_POSITIVE = 1, /**< Pleased, thankful. */
	CC_TEXT_NEGATIVE = 2  /**< Unhappy, complaining. */
} cc_text_sentiment_label;

/** Sentiment and urgency of an utterance. */
typedef struct cc_text_sentiment {
	int label;      /**< A ::cc_text_sentiment_label. */
	double score;   /**< From -1 (very negative) to 1 (very positive). */
	int urgent;     /**< 1 when the caller signals urgency, else 0. */
	int urgency;    /**< Summed urgency weight (0 and up); 3 is urgent. */
} cc_text_sentiment;

/**
 * @brief Scores sentiment and urgency with the built-in lexicon.
 *
 * The lexicon covers MSA, Gulf, Levantine and Egyptian Arabic and
 * English; negation ("مو زين", "not good", "ما في مشكلة") flips and damps
 * the words it reaches, intensifiers ("جدا", "very") scale them, and a
 * negated urgency word ("مو مستعجل") does not count.  An engine built from
 * a configuration may extend the lexicon; this function uses the
 * defaults.
 *
 * @param[out] out   Receives the result.
 * @param[in]  text  UTF-8 text, NUL-terminated.
 * @return 0; CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_sentiment_score(cc_text_sentiment *out,
				       const char *text);

/**
 * @brief The name of a ::cc_text_sentiment_label: "positive", "negative"
 * or "neutral".
 *
 * @param[in] label  A ::cc_text_sentiment_label.
 * @return A static string; "neutral" for values out of range.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_text_sentiment_name(int label);

/* ---- numbers ---------------------------------------------------------- */

/** The most digits a ::cc_text_number holds. */
#define CC_TEXT_NUMBER_MAX_DIGITS 63

/**
 * A number found in an utterance, written or spoken.
 *
 * `digits` is the digit-string reading: "صفر خمسة وخمسين" is "055",
 * "zero double five" is "055", "٠٥٥ ١٢٣" is "055123".  When the words make
 * one cardinal ("خمسة وعشرين", "ثلاثمية وخمسين", "twenty five", "ألفين
 * وخمسمية") `has_value` is 1 and `value` is it (25, 350, 25, 2500).
 */
typedef struct cc_text_number {
	char digits[CC_TEXT_NUMBER_MAX_DIGITS + 1]; /**< ASCII digits, NUL-terminated. */
	int64_t value;     /**< The cardinal, when `has_value`. */
	int has_value;     /**< 1 when the number is one cardinal. */
	int plus;          /**< 1 when "+", "plus" or "زائد" came first. */
	size_t first_word; /**< Index of its first word in the match key. */
	size_t nwords;     /**< How many words it spans. */
} cc_text_number;

/**
 * @brief Finds the numbers in an utterance.
 *
 * Reads digits of any script (ASCII, Arabic-Indic, Persian), split by
 * spaces or dashes or not, and number words in MSA, Gulf, Levantine and
 * Egyptian Arabic (صفر، واحد، اثنين/اتنين/ثنين، ثلاثة/تلاتة، … حدعش،
 * خمستاشر، … خمسين، مية/مئة، ميتين، تلتمية، ألف/آلاف، مليون) and English
 * ("oh", "double five", "triple", "twenty five", "five hundred and
 * ten"), also mixed.  Arabic compounds are units first ("خمسة وعشرين" =
 * 25).  Words that are also ordinary words (ست، مية، تسع، عشر) count alone
 * only after a cue word such as "رقمي" or "number".
 *
 * @param[out] out    Array receiving up to @p cap numbers; may be NULL
 *                    when @p cap is 0.
 * @param[in]  cap    Capacity of @p out.
 * @param[out] count  Receives how many numbers the text has (may exceed
 *                    @p cap; only the first @p cap are stored).
 * @param[in]  text   UTF-8 text, NUL-terminated.
 * @return 0; CC_EINVAL for NULL @p count or @p text, or NULL @p out with a
 *         capacity; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_numbers(cc_text_number *out, size_t cap,
			       size_t *count, const char *text);

/**
 * @brief Reads an utterance as one cardinal number: "خمسة وعشرين" → 25,
 * "ثلاثمية وخمسين" → 350, "twenty five" → 25, "١٢٠" → 120.
 *
 * @param[out] value  Receives the number.
 * @param[in]  text   UTF-8 text, NUL-terminated.
 * @return 0; CC_ENOTFOUND when the text has no number; CC_ERANGE when its
 *         first number is a digit sequence rather than one cardinal
 *         ("zero five five", or more than 18 digits); CC_EINVAL for NULL
 *         arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_cardinal(int64_t *value, const char *text);

/* ---- phone numbers ---------------------------------------------------- */

/** What kind of line a phone number is, where the metadata knows. */
typedef enum cc_text_phone_type {
	CC_TEXT_PHONE_UNKNOWN = 0,        /**< Country not in the table. */
	CC_TEXT_PHONE_MOBILE = 1,         /**< Mobile. */
	CC_TEXT_PHONE_FIXED = 2,          /**< Fixed line. */
	CC_TEXT_PHONE_TOLL_FREE = 3,      /**< Toll-free service number. */
	CC_TEXT_PHONE_FIXED_OR_MOBILE = 4 /**< Either (North America). */
} cc_text_phone_type;

/** Why a text is not a valid phone number. */
typedef enum cc_text_phone_problem {
	CC_TEXT_PHONE_OK = 0,          /**< Valid. */
	CC_TEXT_PHONE_NO_DIGITS = 1,   /**< No number in the text. */
	CC_TEXT_PHONE_TOO_SHORT = 2,   /**< Fewer digits than the region uses. */
	CC_TEXT_PHONE_TOO_LONG = 3,    /**< More digits than the region uses. */
	CC_TEXT_PHONE_INVALID = 4,     /**< Right length, no such number range. */
	CC_TEXT_PHONE_NO_REGION = 5    /**< National form and no default region. */
} cc_text_phone_problem;

/** A parsed phone number. */
typedef struct cc_text_phone {
	char e164[20];     /**< "+966559876543", NUL-terminated; "" if invalid. */
	char region[3];    /**< "SA"; "" when the country is not in the table. */
	int country_code;  /**< 966; 0 when unknown. */
	int type;          /**< A ::cc_text_phone_type. */
	int problem;       /**< A ::cc_text_phone_problem (0 when valid). */
} cc_text_phone;

/**
 * @brief Regions whose numbering the library knows: SA AE KW QA BH OM JO SY
 * LB IQ EG PS YE US CA GB.
 *
 * @param[in] region  ISO 3166 alpha-2 code, either case.
 * @return 1 when known, 0 otherwise (also for NULL).
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_phone_region_known(const char *region);

/**
 * @brief Parses a text that gives one phone number, typed or spoken, into
 * E.164.
 *
 * "٠٥٥٩٨٧٦٥٤٣", "+966 55 987 6543", "00966559876543", "صفر خمسة خمسة
 * تسعة…" and "zero double five nine…" with region SA all give
 * +966559876543.  A national number uses @p default_region (its trunk
 * prefix is dropped); "+", "00" (or the region's international prefix)
 * and "plus"/"زائد" introduce a country code.  Numbers are checked against
 * the region's lengths and ranges, and the type is set where known.  A
 * number with a country code outside the table is accepted when it has 8
 * to 15 digits, with type #CC_TEXT_PHONE_UNKNOWN.
 *
 * @param[out] out             Receives the number; on CC_EPARSE its
 *                             `problem` says why.
 * @param[in]  text            UTF-8 text, NUL-terminated.
 * @param[in]  default_region  Region for national numbers ("SA"); NULL or
 *                             "" for international numbers only.
 * @return 0; CC_EPARSE when the text holds no valid number (see
 *         `out->problem`); CC_EINVAL for NULL arguments or an unknown
 *         region; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_phone_parse(cc_text_phone *out, const char *text,
				   const char *default_region);

/**
 * @brief Finds the valid phone numbers inside an utterance.
 *
 * "رقمي ٠٥٥١٢٣٤٥٦٧ والثاني 0501234567" gives two numbers; "رقم الطلب
 * 123456" gives none.
 *
 * @param[out] out             Array receiving up to @p cap numbers; may be
 *                             NULL when @p cap is 0.
 * @param[in]  cap             Capacity of @p out.
 * @param[out] count           Receives how many valid numbers were found.
 * @param[in]  text            UTF-8 text, NUL-terminated.
 * @param[in]  default_region  As for cc_text_phone_parse().
 * @return 0; CC_EINVAL for NULL arguments or an unknown region; CC_EUTF8;
 *         CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_phone_find(cc_text_phone *out, size_t cap,
				  size_t *count, const char *text,
				  const char *default_region);

/** Output forms of cc_text_phone_format(). */
typedef enum cc_text_phone_format_kind {
	CC_TEXT_PHONE_E164 = 0,          /**< "+966559876543" */
	CC_TEXT_PHONE_INTERNATIONAL = 1, /**< "+966 55 987 6543" */
	CC_TEXT_PHONE_NATIONAL = 2,      /**< "055 987 6543" */
	CC_TEXT_PHONE_READBACK = 3,      /**< "0 5 5, 9 8 7, 6 5 4 3" */
	CC_TEXT_PHONE_READBACK_AR = 4,   /**< "صفر خمسة خمسة، تسعة …" */
	CC_TEXT_PHONE_READBACK_EN = 5    /**< "zero five five, nine …" */
} cc_text_phone_format_kind;

/**
 * @brief Formats a parsed number for display or for reading back digit by
 * digit (the national form, grouped as people say it).
 *
 * For logs, mask instead with cc_log_mask_phone().
 *
 * @param[out] out     Receives the text (replacing what it held).
 * @param[in]  phone   A number from cc_text_phone_parse() or
 *                     cc_text_phone_find().
 * @param[in]  format  A ::cc_text_phone_format_kind.
 * @return 0; CC_EINVAL for NULL arguments, an unknown format or a phone
 *         without an E.164 form; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_phone_format(cc_buf *out, const cc_text_phone *phone,
				    int format);

/* ---- e-mail ----------------------------------------------------------- */

/** Why a text is not a valid e-mail address. */
typedef enum cc_text_email_problem {
	CC_TEXT_EMAIL_OK = 0,           /**< Valid. */
	CC_TEXT_EMAIL_NOT_AN_EMAIL = 1, /**< Empty. */
	CC_TEXT_EMAIL_NO_AT = 2,        /**< No "@". */
	CC_TEXT_EMAIL_BAD_LOCAL = 3,    /**< The part before "@" is not valid. */
	CC_TEXT_EMAIL_BAD_DOMAIN = 4    /**< The domain is not valid. */
} cc_text_email_problem;

/**
 * @brief Validates a typed e-mail address and writes it with the domain in
 * lower case.
 *
 * Surrounding spaces, quotes, angle brackets and sentence punctuation are
 * trimmed.  The local part is dot-separated atoms of ASCII letters, digits
 * and ``!#$%&'*+/=?^_`{|}~-`` (at most 64 bytes, no leading, trailing or
 * double dot); the domain has two labels or more of letters, digits and
 * inner hyphens (internationalized labels in UTF-8 are accepted), a
 * top-level label of two letters or more, at most 253 bytes.
 *
 * @param[out] out      Receives the address.
 * @param[out] problem  Receives a ::cc_text_email_problem; may be NULL.
 * @param[in]  text     UTF-8 text, NUL-terminated.
 * @return 0; CC_EPARSE when it is not a valid address (see @p problem);
 *         CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_email_validate(cc_buf *out, int *problem,
				      const char *text);

/**
 * @brief Finds an e-mail address in an utterance, typed or spoken.
 *
 * Spoken connectors are "at"/"ات"/"آت" for "@", "dot"/"دوت"/"نقطة" for
 * ".", "underscore"/"اندر سكور" for "_" and "dash"/"داش"/"شرطة" for "-";
 * letters spelled one by one join ("a h m e d at …").  "ahmed at example
 * dot com" and "ahmed ات gmail دوت com" give "ahmed@example.com" and
 * "ahmed@gmail.com".
 *
 * @param[out] out   Receives the first valid address found.
 * @param[in]  text  UTF-8 text, NUL-terminated.
 * @return 0; CC_ENOTFOUND when there is none; CC_EINVAL for NULL
 *         arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_email_find(cc_buf *out, const char *text);

/* ---- names ------------------------------------------------------------ */

/** The script of a name or text. */
typedef enum cc_text_script {
	CC_TEXT_SCRIPT_NONE = 0,   /**< No letters. */
	CC_TEXT_SCRIPT_ARABIC = 1, /**< Arabic letters only. */
	CC_TEXT_SCRIPT_LATIN = 2,  /**< Latin letters only. */
	CC_TEXT_SCRIPT_MIXED = 3,  /**< Letters of more than one script. */
	CC_TEXT_SCRIPT_OTHER = 4   /**< Another script only. */
} cc_text_script;

/** Why a text is not a usable name. */
typedef enum cc_text_name_problem {
	CC_TEXT_NAME_OK = 0,         /**< Usable. */
	CC_TEXT_NAME_TOO_SHORT = 1,  /**< Fewer than two letters. */
	CC_TEXT_NAME_TOO_LONG = 2,   /**< Over 100 bytes or 8 words. */
	CC_TEXT_NAME_NOT_A_NAME = 3  /**< Digits or symbols in it. */
} cc_text_name_problem;

/**
 * @brief Cleans a spoken or typed name.
 *
 * Drops lead-ins ("اسمي", "انا", "معك", "my name is", "this is", "I'm"),
 * titles (السيد، الأستاذ، الدكتور، المهندس، الشيخ، Mr, Mrs, Dr, Eng …) and
 * tails ("speaking"), tatweel and surrounding punctuation; capitalizes
 * Latin words written in one case ("AHMED al-saleh" → "Ahmed Al-Saleh",
 * "o'brien" → "O'Brien") and keeps mixed case ("McDonald") and Arabic as
 * written.
 *
 * @param[out] out      Receives the cleaned name.
 * @param[out] problem  Receives a ::cc_text_name_problem; may be NULL.
 * @param[in]  text     UTF-8 text, NUL-terminated.
 * @return 0; CC_EPARSE when no usable name is left (see @p problem);
 *         CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_name_clean(cc_buf *out, int *problem,
				  const char *text);

/**
 * @brief The script of a name: Arabic (including presentation forms and
 * the supplement blocks), Latin, mixed, other or none.
 *
 * @param[in] text  UTF-8 text, NUL-terminated.
 * @return A ::cc_text_script (0 or more); CC_EINVAL for NULL; CC_EUTF8.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_name_script(const char *text);

/**
 * @brief Makes a search key for a name, the same for its Arabic and its
 * usual Latin spellings: "أحمد", "Ahmad" and "Ahmed" give "hmd"; "محمد"
 * and "Mohammed" give "mhmd"; "عبد الله" and "Abdullah" give "bdl".
 *
 * Arabic is transliterated with ICU ("Arabic-Latin; Latin-ASCII"), then
 * every word is reduced to a consonant skeleton (vowels, inner w/y,
 * doubled letters and a final h dropped; th/dh/gh/ph, q/k, g/j merged; the
 * article ال/al dropped; عبد/Abd/Abdul and أبو/Abu bound to the next word).
 * It is a search key for finding candidates, not a spelling.
 *
 * @param[out] out   Receives the key: ASCII words separated by spaces.
 * @param[in]  name  UTF-8 name, NUL-terminated.
 * @return 0; CC_EINVAL for NULL arguments; CC_EUTF8; CC_ETOOBIG;
 *         CC_EUNSUPPORTED when ICU lacks the transliterator; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_name_key(cc_buf *out, const char *name);

/* ---- everything at once ------------------------------------------------ */

/**
 * @brief Analyzes one utterance and writes the result as one line of JSON,
 * the output of `callcenter analyze`.
 *
 * The object has `display`, `key`, `language` ("ar", "en", "mixed",
 * "unknown"), `sentiment` (`label`, `score`), `urgent`, `phones` (E.164
 * strings), `emails` and `numbers` (digit strings), for example
 * `{"display":"عاجل لو سمحت","key":"عاجل لو سمحت","language":"ar",
 * "sentiment":{"label":"neutral","score":0},"urgent":true,"phones":[],
 * "emails":[],"numbers":[]}`.  No newline is added.
 *
 * @param[out] out     Receives the JSON text.
 * @param[in]  text    UTF-8 text, NUL-terminated.
 * @param[in]  region  Default region for phone numbers ("SA"); NULL or ""
 *                     for international numbers only.
 * @return 0; CC_EINVAL for NULL arguments or an unknown region; CC_EUTF8;
 *         CC_ETOOBIG; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_text_analyze_json(cc_buf *out, const char *text,
				    const char *region);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_TEXT_H */
