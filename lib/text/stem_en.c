/* English stems: Snowball "english" (Porter2) from libstemmer, behind a
 * small per-thread cache because one call costs about 140 ns and callers
 * repeat the same few hundred words. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cc_config.h"
#include "text_int.h"

#if CC_HAVE_STEMMER
#include <libstemmer.h>
#endif

#define CACHE_SLOTS 512
#define CACHE_WORD 30

typedef struct cache_slot {
	uint32_t hash;
	uint8_t word_len, stem_len; /* word_len 0: empty slot */
	char word[CACHE_WORD];
	char stem[CACHE_WORD];
} cache_slot;

typedef struct en_state {
#if CC_HAVE_STEMMER
	struct sb_stemmer *sb;
#endif
	cache_slot cache[CACHE_SLOTS];
} en_state;

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;
static bool state_key_ok;

/* The per-thread state uses the C allocator, not the library's: it is
 * released by the thread-exit destructor, possibly after cc_global_shutdown
 * has put another allocator in place. */
static void state_free(void *p)
{
	en_state *st = p;
	if (!st)
		return;
#if CC_HAVE_STEMMER
	if (st->sb)
		sb_stemmer_delete(st->sb);
#endif
	free(st);
}

static void state_key_init(void)
{
	state_key_ok = pthread_key_create(&state_key, state_free) == 0;
}

static en_state *state_get(void)
{
	en_state *st;

	pthread_once(&state_once, state_key_init);
	if (!state_key_ok)
		return NULL;
	st = pthread_getspecific(state_key);
	if (st)
		return st;
	st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
#if CC_HAVE_STEMMER
	st->sb = sb_stemmer_new("english", "UTF_8");
	if (!st->sb) {
		free(st);
		return NULL;
	}
#endif
	if (pthread_setspecific(state_key, st) != 0) {
		state_free(st);
		return NULL;
	}
	return st;
}

#if !CC_HAVE_STEMMER
/* Without libstemmer: the plural and -ing/-ed endings only. */
static size_t stem_fallback(char *out, const char *w, size_t len)
{
	if (len > 5 && memcmp(w + len - 3, "ing", 3) == 0)
		len -= 3;
	else if (len > 4 && memcmp(w + len - 2, "ed", 2) == 0)
		len -= 2;
	else if (len > 4 && memcmp(w + len - 3, "ies", 3) == 0)
		len -= 2;
	else if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's')
		len -= 1;
	memmove(out, w, len);
	return len;
}
#endif

static size_t stem_uncached(en_state *st, char *out, const char *w,
			    size_t len)
{
#if CC_HAVE_STEMMER
	const sb_symbol *s;
	size_t n;

	s = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)len);
	if (!s) {
		memmove(out, w, len);
		return len;
	}
	n = (size_t)sb_stemmer_length(st->sb);
	if (n > len)
		n = len;
	memmove(out, s, n);
	return n;
#else
	CC__UNUSED(st);
	return stem_fallback(out, w, len);
#endif
}

size_t cc_text__stem_english(char *out, const char *word, size_t len)
{
	en_state *st;
	cache_slot *slot;
	uint32_t h;
	size_t n;

	/* Porter2 leaves words of two letters alone. */
	if (len <= 2) {
		memmove(out, word, len);
		return len;
	}
	st = state_get();
	if (!st) {
		memmove(out, word, len);
		return len;
	}
	if (len >= CACHE_WORD)
		return stem_uncached(st, out, word, len);
	h = cc_text__hash(word, len);
	slot = &st->cache[h & (CACHE_SLOTS - 1)];
	if (slot->word_len == len && slot->hash == h &&
	    memcmp(slot->word, word, len) == 0) {
		memcpy(out, slot->stem, slot->stem_len);
		return slot->stem_len;
	}
	slot->hash = h;
	slot->word_len = (uint8_t)len;
	memcpy(slot->word, word, len);
	n = stem_uncached(st, slot->stem, word, len);
	slot->stem_len = (uint8_t)n;
	memcpy(out, slot->stem, n);
	return n;
}
