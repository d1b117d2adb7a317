/* libFuzzer target for the text layer: the fast fold must agree with the
 * ICU reference byte for byte, and numbers, phones, e-mails, names and the
 * analysis must neither crash, leak nor read past their input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_fold(const char *s, size_t n)
{
	static char a[65536], b[65536];
	size_t na, nb, need;
	int form;

	for (form = 0; form <= 2; form++) {
		int ra = cc_text__fold(a, sizeof(a), &na, s, n, form);
		int rb = cc_text__fold_reference(b, sizeof(b), &nb, s, n, form);
		if (ra != rb)
			abort();
		if (ra == 0 && (na != nb || memcmp(a, b, na) != 0))
			abort();
		/* The size protocol: a buffer of the reported size fits. */
		if (ra == 0 && n > 0) {
			char small[4];
			int rs = cc__utf8_check(s, n) == n
					 ? cc_text__fold(small, sizeof(small),
							 &need, s, n, form)
					 : -1;
			if (rs == CC_EBUFS && need != na)
				abort();
			if (rs == 0 && need != na)
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cc_text__analysis an;
	static int ready;
	cc_text__extract x;
	char *s;
	cc_buf b = CC_BUF_INIT;
	cc_text_phone ph[4];
	cc_text_number num[4];
	size_t count;
	int problem;

	if (!ready) {
		cc_text__analysis_init(&an);
		ready = 1;
	}
	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	check_fold(s, size);
	if (cc_text__analyze(&an, s, size, NULL) == 0)
		cc_text__extract_all(&an, s, size, "SA", &x);
	cc_text_numbers(num, 4, &count, s);
	cc_text_phone_parse(&ph[0], s, size & 1 ? "SA" : "EG");
	if (cc_text_phone_find(ph, 4, &count, s, "SY") == 0 && count > 0)
		cc_text_phone_format(&b, &ph[0], (int)(size % 6));
	cc_text_email_validate(&b, &problem, s);
	cc_text_email_find(&b, s);
	cc_text_name_clean(&b, &problem, s);
	if (size < 256)
		cc_text_name_key(&b, s);
	cc_text_analyze_json(&b, s, "SA");
	cc_buf_dispose(&b);
	free(s);
	return 0;
}
