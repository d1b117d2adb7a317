/* Phone numbers to E.164 with a default region, checked against a small
 * generated table of country codes, trunk prefixes, lengths and ranges. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "text_int.h"

typedef struct phone_rule {
	int type;
	int min_len, max_len;
	const char *prefix; /* digits and [classes], matched at the start */
} phone_rule;

typedef struct phone_region {
	char code[3];
	int cc;
	const char *trunk; /* "" when the region has none */
	const char *intl;  /* international call prefix */
	int first_rule, nrules;
} phone_region;

#include "text/phone_meta.h"

static const phone_region *find_region(const char *code)
{
	size_t i;
	if (!code || strlen(code) != 2)
		return NULL;
	for (i = 0; i < CC__ARRAY_SIZE(phone_regions); i++)
		if (toupper((unsigned char)code[0]) == phone_regions[i].code[0] &&
		    toupper((unsigned char)code[1]) == phone_regions[i].code[1])
			return &phone_regions[i];
	return NULL;
}

int cc_text_phone_region_known(const char *region)
{
	return find_region(region) != NULL;
}

static bool prefix_match(const char *pat, const char *s)
{
	while (*pat) {
		if (*s == '\0')
			return false;
		if (*pat == '[') {
			bool hit = false;
			pat++;
			while (*pat && *pat != ']') {
				char lo = *pat, hi = lo;
				if (pat[1] == '-' && pat[2] && pat[2] != ']') {
					hi = pat[2];
					pat += 3;
				} else {
					pat++;
				}
				if (*s >= lo && *s <= hi)
					hit = true;
			}
			if (*pat == ']')
				pat++;
			if (!hit)
				return false;
		} else if (*pat++ != *s) {
			return false;
		}
		s++;
	}
	return true;
}

/* Checks a national significant number against a region's rules. */
static int check_nsn(const phone_region *r, const char *nsn, int *type)
{
	int i, len = (int)strlen(nsn), min = 99, max = 0;
	for (i = r->first_rule; i < r->first_rule + r->nrules; i++) {
		const phone_rule *rule = &phone_rules[i];
		if (rule->min_len < min)
			min = rule->min_len;
		if (rule->max_len > max)
			max = rule->max_len;
		if (len >= rule->min_len && len <= rule->max_len &&
		    prefix_match(rule->prefix, nsn)) {
			*type = rule->type;
			return CC_TEXT_PHONE_OK;
		}
	}
	if (len < min)
		return CC_TEXT_PHONE_TOO_SHORT;
	if (len > max)
		return CC_TEXT_PHONE_TOO_LONG;
	return CC_TEXT_PHONE_INVALID;
}

static void set_valid(cc_text_phone *out, const phone_region *r,
		      const char *nsn, int type)
{
	snprintf(out->e164, sizeof(out->e164), "+%d%s", r->cc, nsn);
	memcpy(out->region, r->code, 3);
	out->country_code = r->cc;
	out->type = type;
	out->problem = CC_TEXT_PHONE_OK;
}

/* Tries nsn, and nsn without a written trunk prefix ("+966 055…"). */
static int try_region(cc_text_phone *out, const phone_region *r,
		      const char *nsn)
{
	int type = 0, p = check_nsn(r, nsn, &type);
	size_t tl = strlen(r->trunk);
	if (p != CC_TEXT_PHONE_OK && tl &&
	    strncmp(nsn, r->trunk, tl) == 0 &&
	    check_nsn(r, nsn + tl, &type) == CC_TEXT_PHONE_OK) {
		nsn += tl;
		p = CC_TEXT_PHONE_OK;
	}
	if (p == CC_TEXT_PHONE_OK)
		set_valid(out, r, nsn, type);
	return p;
}

static int international(cc_text_phone *out, const char *d)
{
	size_t len = strlen(d), cl, i;
	int problem = CC_TEXT_PHONE_INVALID;

	for (cl = 3; cl >= 1; cl--) {
		int cc = 0;
		bool any = false;
		if (len <= cl)
			continue;
		for (i = 0; i < cl; i++)
			cc = cc * 10 + (d[i] - '0');
		for (i = 0; i < CC__ARRAY_SIZE(phone_regions); i++) {
			if (phone_regions[i].cc != cc)
				continue;
			any = true;
			problem = try_region(out, &phone_regions[i], d + cl);
			if (problem == CC_TEXT_PHONE_OK)
				return 0;
		}
		if (any)
			return problem;
	}
	/* A country the table does not know: E.164 allows 8..15 digits. */
	if (len < 8)
		return CC_TEXT_PHONE_TOO_SHORT;
	if (len > 15)
		return CC_TEXT_PHONE_TOO_LONG;
	snprintf(out->e164, sizeof(out->e164), "+%s", d);
	out->type = CC_TEXT_PHONE_UNKNOWN;
	return 0;
}

int cc_text__phone_from_digits(cc_text_phone *out, const char *d, bool plus,
			       const char *region)
{
	const phone_region *r = region && *region ? find_region(region) : NULL;
	char cc[8];
	size_t tl;
	int p;

	memset(out, 0, sizeof(*out));
	if (*d == '\0') {
		out->problem = CC_TEXT_PHONE_NO_DIGITS;
		return CC_EPARSE;
	}
	if (plus)
		p = international(out, d);
	else if (r && r->intl[0] && !strncmp(d, r->intl, strlen(r->intl)))
		p = international(out, d + strlen(r->intl));
	else if (!strncmp(d, "00", 2))
		p = international(out, d + 2);
	else if (!r)
		p = CC_TEXT_PHONE_NO_REGION;
	else {
		tl = strlen(r->trunk);
		if (tl && !strncmp(d, r->trunk, tl)) {
			p = try_region(out, r, d + tl);
			/* "0 1 …" in a trunk-1 region and the like */
			if (p != CC_TEXT_PHONE_OK &&
			    try_region(out, r, d) == CC_TEXT_PHONE_OK)
				p = CC_TEXT_PHONE_OK;
		} else {
			p = try_region(out, r, d);
		}
		/* The country code said without "+": 966559876543. */
		snprintf(cc, sizeof(cc), "%d", r->cc);
		if (p != CC_TEXT_PHONE_OK && !strncmp(d, cc, strlen(cc)) &&
		    try_region(out, r, d + strlen(cc)) == CC_TEXT_PHONE_OK)
			p = CC_TEXT_PHONE_OK;
	}
	if (p != CC_TEXT_PHONE_OK) {
		memset(out, 0, sizeof(*out));
		out->problem = p;
		return CC_EPARSE;
	}
	return 0;
}

#define MAX_SPANS 16

static bool add_unique(cc_text_phone *out, size_t cap, size_t *n,
		       const cc_text_phone *p)
{
	size_t i;
	for (i = 0; i < *n && i < cap; i++)
		if (!strcmp(out[i].e164, p->e164))
			return false;
	if (*n < cap)
		out[*n] = *p;
	(*n)++;
	return true;
}

size_t cc_text__phones(cc_text__analysis *a, const char *region,
		       cc_text_phone *out, size_t cap)
{
	cc_text_number nums[MAX_SPANS];
	size_t n, i, found = 0;

	n = cc_text__numbers(a, nums, MAX_SPANS);
	if (n > MAX_SPANS)
		n = MAX_SPANS;
	for (i = 0; i < n; i++) {
		const cc_text_number *num = &nums[i];
		size_t s, e, end = num->first_word + num->nwords;
		cc_text_phone p;

		if (strlen(num->digits) < 6 && !num->plus)
			continue;
		if (cc_text__phone_from_digits(&p, num->digits, num->plus,
					       region) == 0) {
			add_unique(out, cap, &found, &p);
			continue;
		}
		/* Two numbers said one after the other: take the longest
		 * valid runs of words from the left. */
		if (num->nwords < 2 || num->nwords > 32)
			continue;
		for (s = num->first_word; s < end;) {
			bool hit = false;
			for (e = end; e > s; e--) {
				cc_text_number sub;
				if (e - s == num->nwords)
					continue;
				if (!cc_text__number_build(a, s, e, &sub) ||
				    strlen(sub.digits) < 6)
					continue;
				if (cc_text__phone_from_digits(&p, sub.digits,
							       sub.plus,
							       region) == 0) {
					add_unique(out, cap, &found, &p);
					hit = true;
					break;
				}
			}
			s = hit ? e : s + 1;
		}
	}
	return found;
}

/* ---- formatting ------------------------------------------------------- */

static const char *const digit_ar[] = {
	"صفر", "واحد", "اثنين", "ثلاثة", "أربعة",
	"خمسة", "ستة", "سبعة", "ثمانية", "تسعة",
};
static const char *const digit_en[] = {
	"zero", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine",
};

/* Group sizes for a string of n digits, as people read them out. */
static const int *groups_for(size_t n, bool national)
{
	static const int g7[] = { 3, 4, 0 }, g8[] = { 4, 4, 0 },
			 g9n[] = { 3, 3, 3, 0 }, g9i[] = { 2, 3, 4, 0 },
			 g10[] = { 3, 3, 4, 0 }, g11[] = { 4, 3, 4, 0 },
			 g11i[] = { 3, 4, 4, 0 }, g3[] = { 3, 0 };
	switch (n) {
	case 7:
		return g7;
	case 8:
		return g8;
	case 9:
		return national ? g9n : g9i;
	case 10:
		return g10;
	case 11:
		return national ? g11 : g11i;
	default:
		return g3; /* threes, then the rest */
	}
}

static int put_grouped(cc_buf *out, const char *d, bool national, int style)
{
	size_t n = strlen(d), pos = 0, gi = 0;
	const int *g = groups_for(n, national);
	int rc = 0;

	while (pos < n && rc == 0) {
		size_t size = g[gi] ? (size_t)g[gi] : 3, k;
		if (g[gi])
			gi++;
		if (pos + size > n || (!g[gi] && g == groups_for(0, true)))
			size = n - pos < 3 ? n - pos : 3;
		if (pos > 0)
			rc = cc__buf_puts(out, style == CC_TEXT_PHONE_READBACK_AR
						       ? "، "
					       : style >= CC_TEXT_PHONE_READBACK
						       ? ", "
						       : " ");
		for (k = 0; k < size && rc == 0; k++) {
			int v = d[pos + k] - '0';
			if (k > 0 && style >= CC_TEXT_PHONE_READBACK)
				rc = cc__buf_putc(out, ' ');
			if (rc)
				break;
			if (style == CC_TEXT_PHONE_READBACK_AR)
				rc = cc__buf_puts(out, digit_ar[v]);
			else if (style == CC_TEXT_PHONE_READBACK_EN)
				rc = cc__buf_puts(out, digit_en[v]);
			else
				rc = cc__buf_putc(out, d[pos + k]);
		}
		pos += size;
	}
	return rc;
}

int cc_text_phone_format(cc_buf *out, const cc_text_phone *phone, int format)
{
	const phone_region *r;
	char national[24], cc[8];
	const char *nsn;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(phone);
	CC__CHECK_ARG(format >= CC_TEXT_PHONE_E164 &&
			      format <= CC_TEXT_PHONE_READBACK_EN,
		      "format");
	CC__CHECK_ARG(phone->e164[0] == '+' && strlen(phone->e164) > 2 &&
			      strspn(phone->e164 + 1, "0123456789") ==
				      strlen(phone->e164 + 1),
		      "phone");
	cc__buf_clear(out);
	r = phone->region[0] ? find_region(phone->region) : NULL;
	snprintf(cc, sizeof(cc), "%d", r ? r->cc : 0);
	if (format == CC_TEXT_PHONE_E164 || !r ||
	    strncmp(phone->e164 + 1, cc, strlen(cc)) != 0)
		return cc__buf_puts(out, phone->e164);
	nsn = phone->e164 + 1 + strlen(cc);
	if (format == CC_TEXT_PHONE_INTERNATIONAL) {
		rc = cc__buf_printf(out, "+%s ", cc);
		return rc ? rc : put_grouped(out, nsn, false, format);
	}
	snprintf(national, sizeof(national), "%s%s", r->trunk, nsn);
	return put_grouped(out, national, true, format);
}

/* ---- public parse and find ---------------------------------------------- */

static int check_region(const char *region)
{
	if (region && *region && !find_region(region))
		return cc__error(CC_EINVAL, CC_ERRCLASS_TEXT,
				 "unknown phone region '%.8s'", region);
	return 0;
}

static const char *problem_text(int p)
{
	switch (p) {
	case CC_TEXT_PHONE_NO_DIGITS:
		return "no number in the text";
	case CC_TEXT_PHONE_TOO_SHORT:
		return "too few digits";
	case CC_TEXT_PHONE_TOO_LONG:
		return "too many digits";
	case CC_TEXT_PHONE_NO_REGION:
		return "a national number needs a default region";
	default:
		return "no such number range";
	}
}

int cc_text_phone_parse(cc_text_phone *out, const char *text,
			const char *region)
{
	cc_text__analysis *a;
	cc_text_number nums[MAX_SPANS];
	size_t n, i, best = 0;
	int rc, problem = CC_TEXT_PHONE_NO_DIGITS;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(text);
	if ((rc = check_region(region)) != 0)
		return rc;
	a = cc__malloc(sizeof(*a));
	if (!a)
		return cc__error_nomem();
	cc_text__analysis_init(a);
	rc = cc_text__tokenize(a, text, strlen(text));
	if (rc)
		goto done;
	n = cc_text__numbers(a, nums, MAX_SPANS);
	if (n > MAX_SPANS)
		n = MAX_SPANS;
	for (i = 0; i < n; i++) {
		cc_text_phone p;
		if (cc_text__phone_from_digits(&p, nums[i].digits, nums[i].plus,
					       region) == 0) {
			*out = p;
			goto done;
		}
		/* Report the problem of the longest number. */
		if (strlen(nums[i].digits) >= best) {
			best = strlen(nums[i].digits);
			problem = p.problem;
		}
	}
	memset(out, 0, sizeof(*out));
	out->problem = problem;
	rc = cc__error(CC_EPARSE, CC_ERRCLASS_TEXT,
		       "not a valid phone number%s%s: %s",
		       region && *region ? " for " : "",
		       region && *region ? region : "", problem_text(problem));
done:
	cc_text__analysis_dispose(a);
	cc__free(a);
	return rc;
}

int cc_text_phone_find(cc_text_phone *out, size_t cap, size_t *count,
		       const char *text, const char *region)
{
	cc_text__analysis *a;
	int rc;

	CC__CHECK_NOTNULL(count);
	CC__CHECK_NOTNULL(text);
	CC__CHECK_ARG(out != NULL || cap == 0, "out");
	if ((rc = check_region(region)) != 0)
		return rc;
	a = cc__malloc(sizeof(*a));
	if (!a)
		return cc__error_nomem();
	cc_text__analysis_init(a);
	rc = cc_text__tokenize(a, text, strlen(text));
	if (rc == 0)
		*count = cc_text__phones(a, region, out, cap);
	cc_text__analysis_dispose(a);
	cc__free(a);
	return rc;
}
