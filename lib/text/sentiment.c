/* Sentiment and urgency from the lexicon, with negation scopes and
 * intensifiers, in one left-to-right pass over the tokens. */
#include <math.h>
#include <string.h>

#include "text_int.h"

/* Negated polarity is flipped and damped ("not bad" is mildly good). */
#define NEGATION_SCALE (-0.74)
/* How many words after a negator it reaches. */
#define NEGATION_REACH 3
/* Score normalization: s / sqrt(s^2 + ALPHA) maps sums into (-1, 1). */
#define ALPHA 15.0
#define LABEL_THRESHOLD 0.05
#define URGENT_THRESHOLD 3

static bool key_is(const cc_text__analysis *a, size_t i, const char *w)
{
	const cc_text__token *t = &a->tokens[i];
	size_t n = strlen(w);
	return t->key_len == n && memcmp(cc_text__tok_key(a, t), w, n) == 0;
}

static bool bytes_at(const char *w, size_t len, size_t off, const char *s)
{
	size_t n = strlen(s);
	return off + n <= len && memcmp(w + off, s, n) == 0;
}

/* Length of w[0..len) once a perfect-tense subject ending is removed
 * (التزمت, التزموا, الغينا → التزم, التزم, الغي). */
static size_t drop_verb_ending(const char *w, size_t len)
{
	static const char *const endings[] = { "توا", "تو", "تم", "تي",
					       "نا", "وا", "ت", "و" };
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(endings); i++) {
		size_t n = strlen(endings[i]);
		if (len > n + 4 && memcmp(w + len - n, endings[i], n) == 0)
			return len - n;
	}
	return len;
}

/* Is an ال-word after ما a verb rather than a definite noun?  The ال of
 * a verb is the root's ل after the hamza of forms VIII and IV: form VIII
 * الت + two radicals (التزم, التقى, التحقت), and form IV of a root ending
 * in a weak letter, ال + one radical + ى/ي (الغى, الغيت, الغوا, القى).  A definite
 * noun keeps at least two letters after ال, and none of the form VIII
 * shape is a word callers use (التحويل and التاريخ are longer). */
static bool al_word_is_verb(const char *w, size_t len)
{
	/* key form: every letter is two bytes; ى is folded to ي */
	size_t stem = drop_verb_ending(w, len);
	if (bytes_at(w, stem, 0, "الت") && stem == 10)
		return true;
	/* الغوا: the weak letter went with the ending; ال + one letter */
	if (stem == 6 && stem < len)
		return true;
	return stem == 8 && bytes_at(w, stem, 6, "ي");
}

/* "ما" (also وما, فما) opens a question, not a negation, before a pronoun
 * or demonstrative (ما هو السعر) or a definite noun (ما المشكلة، وما الحل).
 * Before anything else, and before an ال-word shaped like a verb (ما التزم
 * بالموعد، ما الغيت الاشتراك), it negates what follows. */
static bool ma_is_question(const cc_text__analysis *a, size_t i)
{
	static const char *const question_next[] = {
		"هو", "هي", "هم", "هذا", "هذه", "هذي", "اسمك", "الذي", "اللي",
	};
	const cc_text__token *n;
	const char *w;
	size_t k;
	if (!key_is(a, i, "ما") && !key_is(a, i, "وما") &&
	    !key_is(a, i, "فما"))
		return false;
	if (i + 1 >= a->ntokens)
		return true;
	for (k = 0; k < CC__ARRAY_SIZE(question_next); k++)
		if (key_is(a, i + 1, question_next[k]))
			return true;
	n = &a->tokens[i + 1];
	w = cc_text__tok_key(a, n);
	return n->script == CC_TEXT__SCRIPT_ARABIC && n->key_len > 4 &&
	       memcmp(w, "ال", 4) == 0 && !al_word_is_verb(w, n->key_len);
}

/* English contractions: don't, can't, isn't, dont, cant, ... */
static bool is_nt(const cc_text__analysis *a, const cc_text__token *t)
{
	const char *w = cc_text__tok_key(a, t);
	size_t n = t->key_len;
	return t->script == CC_TEXT__SCRIPT_LATIN && n >= 4 &&
	       memcmp(w + n - 3, "n't", 3) == 0;
}

void cc_text__score(cc_text__analysis *a, const cc_text__lexicon *lex)
{
	size_t i = 0, neg_left = 0;
	double sum = 0, boost = 1, last_value = 0;
	size_t boost_left = 0, last_hit_end = 0;
	bool have_last = false, last_boosted = false;
	int urgency = 0;

	while (i < a->ntokens) {
		cc_text__token *t = &a->tokens[i];
		cc_text__lex_match m;
		size_t n, j;

		if (t->flags & CC_TEXT__TOK_AFTER_PUNCT) {
			neg_left = 0;
			boost_left = 0;
			have_last = false;
		}
		n = cc_text__lexicon_match(lex, a, i, &m);
		if (n == 0 && is_nt(a, t)) {
			n = 1;
			m.kind = CC_TEXT__LEX_NEGATOR;
		}
		if (n == 1 && m.kind == CC_TEXT__LEX_NEGATOR &&
		    ma_is_question(a, i))
			n = 0;
		if (n == 0) {
			if (neg_left) {
				t->flags |= CC_TEXT__TOK_NEGATED;
				neg_left--;
			}
			if (boost_left)
				boost_left--;
			i++;
			continue;
		}
		switch (m.kind) {
		case CC_TEXT__LEX_NEGATOR:
			for (j = 0; j < n; j++)
				a->tokens[i + j].flags |= CC_TEXT__TOK_NEGATOR;
			neg_left = NEGATION_REACH;
			break;
		case CC_TEXT__LEX_CONTRAST:
			neg_left = 0;
			boost_left = 0;
			have_last = false;
			break;
		case CC_TEXT__LEX_INTENSIFIER:
			if (have_last && !last_boosted &&
			    i - last_hit_end <= 1) {
				/* After the word, as Arabic puts it: رائعة جدا. */
				sum += last_value * (m.polarity - 1);
				last_boosted = true;
			} else {
				boost = m.polarity;
				boost_left = 2 + n;
			}
			if (neg_left)
				neg_left = neg_left > n ? neg_left - n : 0;
			break;
		default: {
			bool negated = neg_left > 0;
			double v = m.polarity;
			if (negated) {
				v *= NEGATION_SCALE;
				for (j = 0; j < n && neg_left; j++, neg_left--)
					a->tokens[i + j].flags |=
						CC_TEXT__TOK_NEGATED;
			} else if (m.urgency > 0) {
				urgency += m.urgency;
			}
			if (boost_left) {
				v *= boost;
				boost_left = 0;
				last_boosted = true;
			} else {
				last_boosted = false;
			}
			sum += v;
			last_value = v;
			have_last = true;
			last_hit_end = i + n;
			break;
		}
		}
		if (boost_left && m.kind != CC_TEXT__LEX_INTENSIFIER)
			boost_left = boost_left > n ? boost_left - n : 0;
		i += n;
	}
	a->score = sum / sqrt(sum * sum + ALPHA);
	if (a->score >= LABEL_THRESHOLD)
		a->sentiment = CC_TEXT_POSITIVE;
	else if (a->score <= -LABEL_THRESHOLD)
		a->sentiment = CC_TEXT_NEGATIVE;
	else
		a->sentiment = CC_TEXT_NEUTRAL;
	a->urgency = urgency;
	a->urgent = urgency >= URGENT_THRESHOLD;
}
