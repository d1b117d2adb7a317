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

CC_END_DECL

/** @} */
#endif /* CALLCENTER_TEXT_H */
