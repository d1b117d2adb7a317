/* The built-in sentiment and urgency entries (lexicon_data.c). */
#ifndef CC_LIB_TEXT_LEXICON_DATA_H
#define CC_LIB_TEXT_LEXICON_DATA_H

#include <stddef.h>

typedef struct cc_text__lexicon_row {
	const char *phrase;
	int kind;        /* enum cc_text__lex_kind */
	double polarity; /* multiplier for intensifiers */
	int urgency;
	unsigned flags;
} cc_text__lexicon_row;

extern const cc_text__lexicon_row cc_text__default_lexicon[];
extern const size_t cc_text__default_lexicon_size;

#endif
