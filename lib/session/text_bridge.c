/* TEMPORARY: the few text-layer services the session needs, until
 * include/callcenter/text.h lands on main; then this file goes and the
 * session calls the text layer. */
#include <string.h>

#include "session/session_int.h"

static uint32_t fold_cp(uint32_t cp)
{
	int d = cc__digit_value(cp);
	if (d >= 0)
		return (uint32_t)('0' + d);
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	switch (cp) {
	case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;
	case 0x0629: return 0x0647;
	case 0x0649: return 0x064A;
	case 0x06CC: return 0x064A;
	case 0x06A9: return 0x0643;
	case 0x0624: return 0x0648;
	case 0x0626: return 0x064A;
	}
	return cp;
}

static bool is_mark(uint32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static bool is_space_or_punct(uint32_t cp, bool keep_symbols)
{
	if (cp < 0x80) {
		if (cp <= ' ' || cp == 0x7F)
			return true;
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'))
			return false;
		if (keep_symbols)
			return false;
		return cp != '\'';
	}
	return cp == 0x060C || cp == 0x061F || cp == 0x061B || cp == 0x00A0 ||
	       cp == 0x06D4 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000;
}

static size_t key_impl(char *out, size_t cap, const char *text, size_t len,
		       bool keep_symbols)
{
	size_t o = 0, i = 0;
	bool space = true;

	while (i < len) {
		uint32_t cp;
		size_t n = cc__utf8_decode(text + i, len - i, &cp);
		char enc[4];
		size_t m;
		if (n == 0) {
			i++;
			continue;
		}
		i += n;
		if (is_mark(cp))
			continue;
		if (is_space_or_punct(cp, keep_symbols)) {
			if (!space && o + 1 < cap)
				out[o++] = ' ';
			space = true;
			continue;
		}
		m = cc__utf8_encode(fold_cp(cp), enc);
		if (o + m + 1 > cap)
			break;
		memcpy(out + o, enc, m);
		o += m;
		space = false;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	if (cap)
		out[o] = '\0';
	return o;
}

size_t cc_session__key(char *out, size_t cap, const char *text, size_t len)
{
	return key_impl(out, cap, text, len, false);
}

size_t cc_session__key_symbols(char *out, size_t cap, const char *text, size_t len)
{
	return key_impl(out, cap, text, len, true);
}

int cc_session__display(cc_buf *out, const char *text, size_t len)
{
	size_t i = 0;
	bool space = true;

	cc__buf_clear(out);
	if (cc__buf_grow(out, len) < 0)
		return CC_ENOMEM;
	while (i < len) {
		uint32_t cp;
		size_t n = cc__utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (is_mark(cp) && cp != 0x0640 && !(cp >= 0x064B && cp <= 0x065F)) {
			i += n;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || cp == 0xA0 || (cp >= 0x80 && cp < 0xA0)) {
			if (!space)
				cc__buf_putc(out, ' ');
			space = true;
			i += n;
			continue;
		}
		if (cp == ' ') {
			if (!space)
				cc__buf_putc(out, ' ');
			space = true;
			i += n;
			continue;
		}
		cc__buf_put(out, text + i, n);
		space = false;
		i += n;
	}
	while (out->size > 0 && out->ptr[out->size - 1] == ' ')
		out->ptr[--out->size] = '\0';
	return 0;
}

int cc_session__detect_language(const char *text, size_t len, bool *strong)
{
	size_t i = 0;
	unsigned ar = 0, en = 0, word_ar = 0, word_en = 0;
	bool in_word = false, wa = false, we = false;

	*strong = false;
	while (i <= len) {
		uint32_t cp = ' ';
		size_t n = 1;
		if (i < len) {
			n = cc__utf8_decode(text + i, len - i, &cp);
			if (n == 0)
				n = 1, cp = ' ';
		}
		bool arabic = cp >= 0x0621 && cp <= 0x064A;
		bool latin = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
		if (arabic || latin) {
			in_word = true;
			wa |= arabic;
			we |= latin;
			ar += arabic;
			en += latin;
		} else if (cp == ' ' || cp == ',' || cp == '.' || cp == '?' ||
			   cp == 0x060C || cp == 0x061F || i >= len) {
			if (in_word) {
				word_ar += wa && !we;
				word_en += we && !wa;
			}
			in_word = wa = we = false;
		}
		i += n;
	}
	if (ar == 0 && en == 0)
		return -1;
	if (ar >= en) {
		*strong = word_ar >= 3 && word_en == 0;
		return ar > en * 2 ? CC_SESSION__AR : -1;
	}
	*strong = word_en >= 3 && word_ar == 0;
	return en > ar * 2 ? CC_SESSION__EN : -1;
}
