/* Language of a short utterance: letters per script (digits, tatweel,
 * marks and punctuation are neutral), with Arabizi (Arabic in Latin
 * letters, "3ndi mshkle") counted as Arabic. */
#include <pthread.h>
#include <string.h>

#include "text_int.h"

/* Common Arabizi words, folded (lower case). */
static const char *const arabizi_words[] = {
	"ana", "enta", "enti", "inta", "inti", "3ndi", "3andi", "andi", "bdi",
	"badi", "biddi", "bde", "abgha", "abga", "abgho", "abi", "abee",
	"3ayez", "3ayz", "3awz", "3awez", "mish", "msh", "mesh", "mush", "mosh",
	"shu", "sho", "shou", "shoo", "leh", "lesh", "lish", "laish", "wallah",
	"walla", "wallahi", "yalla", "yallah", "inshallah", "inshalla",
	"shukran", "shokran", "shokrn", "marhaba", "mar7aba", "marhaban",
	"ya3ni", "yani", "kteer", "ktir", "katheer", "awi", "mafi", "mafish",
	"mafeesh", "ma3", "ma3ak", "ma3ik", "fi", "bl", "lel", "mashi",
	"habibi", "7abibi", "akhi", "ahlan", "salam", "assalam", "alsalam",
	"3alaikum", "alaikum", "3likom", "keef", "kif", "kifak", "kifik",
	"ezzayak", "izzayak", "ezay", "ezzay", "aywa", "aiwa", "la2", "tayeb",
	"tayb", "khalas", "5alas", "hala", "wayn", "wein", "shlon", "shlonak",
	"lazim", "lazem", "ba3den", "ba3dain", "hal2", "halla2", "hala2",
	"delwa2ti", "dilwa2ti", "mumkin", "momken", "mumken", "ma3lesh",
	"ma3leesh", "maalesh", "akeed", "tab3an", "mashkle", "mshkle",
	"mushkle", "moshkela", "mushkila", "moshkla", "fatora", "fatura",
	"fatoora", "shakwa", "3ard", "as3ar", "el3ard", "baddi", "biddi",
	"3ayzeen", "nabi", "nabgha", "ab3at", "arja3", "rja3", "ta3", "taba3",
	"hayda", "hada", "hatha", "hadi", "hay", "wa7ed", "ithnain", "tnen",
};

/* English words that make a Latin utterance English. */
static const char *const english_words[] = {
	"the", "is", "are", "my", "i", "you", "a", "an", "to", "and", "of",
	"in", "it", "for", "on", "with", "have", "has", "want", "need",
	"please", "this", "that", "what", "how", "can", "do", "not", "was",
	"be", "me", "your", "yes", "no", "hi", "hello", "thanks", "ok", "okay",
	"at", "will", "would", "like", "there", "they", "we", "our", "about",
};

/* Both lists in one hash set, keyed by the token hash the analysis
 * already has: 1 Arabizi, 2 English. */
#define SET_SLOTS 512
static struct {
	uint32_t hash;
	uint8_t len, kind;
	const char *word;
} word_set[SET_SLOTS];
static pthread_once_t set_once = PTHREAD_ONCE_INIT;

static void set_add(const char *w, uint8_t kind)
{
	size_t len = strlen(w);
	uint32_t h = cc_text__hash(w, len), s;
	for (s = h & (SET_SLOTS - 1); word_set[s].word;
	     s = (s + 1) & (SET_SLOTS - 1))
		if (!strcmp(word_set[s].word, w))
			return;
	word_set[s].hash = h;
	word_set[s].len = (uint8_t)len;
	word_set[s].kind = kind;
	word_set[s].word = w;
}

static void set_init(void)
{
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(arabizi_words); i++)
		set_add(arabizi_words[i], 1);
	for (i = 0; i < CC__ARRAY_SIZE(english_words); i++)
		set_add(english_words[i], 2);
}

static int set_kind(uint32_t h, const char *w, size_t len)
{
	uint32_t s;
	for (s = h & (SET_SLOTS - 1); word_set[s].word;
	     s = (s + 1) & (SET_SLOTS - 1))
		if (word_set[s].hash == h && word_set[s].len == len &&
		    !memcmp(word_set[s].word, w, len))
			return word_set[s].kind;
	return 0;
}

static bool in_list(const char *const *list, size_t n, const char *w,
		    size_t len)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return true;
	return false;
}

/* Alphanumerics that are not Arabizi: 2nd, 7pm, 5g, 10kg, mp3, b2b, s23. */
static bool looks_like_code(const char *w, size_t len)
{
	static const char *const units[] = {
		"st", "nd", "rd", "th", "am", "pm", "g", "gb", "mb", "kb", "tb",
		"k", "kg", "km", "m", "cm", "mm", "x", "s", "h", "hr", "hrs",
		"min", "l", "ml", "sr", "aed", "usd", "jd", "kd", "qr", "d",
	};
	static const char *const codes[] = {
		"mp3", "mp4", "b2b", "b2c", "p2p", "h2o", "covid19", "w2", "a4",
		"a3", "4k", "1080p", "720p",
	};
	size_t i = 0;

	if (in_list(codes, CC__ARRAY_SIZE(codes), w, len))
		return true;
	while (i < len && w[i] >= '0' && w[i] <= '9')
		i++;
	if (i > 0 && in_list(units, CC__ARRAY_SIZE(units), w + i, len - i))
		return true;
	return false;
}

/* An Arabizi cue: a chat-alphabet digit (2 3 5 6 7 8 9) beside or
 * between letters, as in 3ndi, mar7aba, ma3, la2. */
static bool arabizi_digits(const char *w, size_t len)
{
	size_t i, letters = 0, digits = 0, cue = 0;
	bool digit_inside = false;

	for (i = 0; i < len; i++) {
		char c = w[i];
		if (c >= 'a' && c <= 'z') {
			letters++;
		} else if (c >= '0' && c <= '9') {
			digits++;
			if (strchr("2356789", c))
				cue++;
			if (i > 0 && i + 1 < len && w[i - 1] >= 'a' &&
			    w[i + 1] >= 'a')
				digit_inside = true;
		}
	}
	if (!cue || letters < 2 || looks_like_code(w, len))
		return false;
	if (digit_inside)
		return true;
	/* Digit at an end: one digit only ("ma3", "3ndi"), not "s23". */
	return digits == 1;
}

void cc_text__detect_language(cc_text__analysis *a)
{
	size_t i, ar_letters = 0, lat_letters = 0, lat_tokens = 0;
	size_t cues = 0, english = 0;
	bool arabizi;

	pthread_once(&set_once, set_init);
	for (i = 0; i < a->ntokens; i++) {
		cc_text__token *t = &a->tokens[i];
		const char *w = cc_text__tok_key(a, t);
		size_t j, letters = 0;
		int kind;

		if (t->script == CC_TEXT__SCRIPT_ARABIC) {
			/* Two bytes per letter in the Arabic block. */
			ar_letters += t->key_len / 2;
			continue;
		}
		if (t->script != CC_TEXT__SCRIPT_LATIN)
			continue;
		for (j = 0; j < t->key_len; j++)
			if (!((w[j] >= '0' && w[j] <= '9') || w[j] == '\'') &&
			    ((unsigned char)w[j] < 0x80 ||
			     ((unsigned char)w[j] & 0xC0) != 0x80))
				letters++;
		lat_letters += letters;
		lat_tokens++;
		kind = set_kind(t->key_hash, w, t->key_len);
		if (kind == 1 || (kind == 0 && arabizi_digits(w, t->key_len))) {
			t->flags |= CC_TEXT__TOK_ARABIZI;
			cues++;
		} else if (kind == 2) {
			english++;
		}
	}
	/* Arabizi when cues are at least a third of the Latin words and
	 * outnumber English function words. */
	arabizi = cues > 0 && cues * 3 >= lat_tokens && cues > english;
	if (!arabizi) {
		for (i = 0; i < a->ntokens; i++)
			a->tokens[i].flags &= (uint8_t)~CC_TEXT__TOK_ARABIZI;
	} else {
		ar_letters += lat_letters;
		lat_letters = 0;
	}
	a->arabizi = arabizi;
	if (ar_letters == 0 && lat_letters == 0)
		a->language = CC_TEXT_LANG_UNKNOWN;
	else if (lat_letters == 0)
		a->language = CC_TEXT_LANG_AR;
	else if (ar_letters == 0)
		a->language = CC_TEXT_LANG_EN;
	else if (ar_letters >= 2 && lat_letters >= 2)
		a->language = CC_TEXT_LANG_MIXED;
	else
		a->language = ar_letters > lat_letters ? CC_TEXT_LANG_AR
						       : CC_TEXT_LANG_EN;
}
