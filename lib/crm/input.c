/* Checking and normalizing what callers give the CRM: phones, e-mails,
 * names, free text. */
#include <ctype.h>
#include <stdio.h>

#include "callcenter/text.h"
#include "crm_int.h"

int cc_crm__text(const char *s, size_t max, const char *what)
{
	size_t len;
	if (!s)
		return 0;
	len = strlen(s);
	if (len > max)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_CRM,
				 "%s is longer than %zu bytes", what, max);
	return cc__utf8_require(s, len, what);
}

bool cc_crm__one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

bool cc_crm__looks_like_phone(const char *s)
{
	size_t len = strlen(s), i = 0, digits = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = cc__utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
		if (cc__digit_value(cp) >= 0)
			digits++;
		else if (!strchr("+-() .", (int)cp) || cp == 0)
			return false;
		i += n;
	}
	return digits >= 6;
}

static const char *phone_problem(int problem)
{
	switch (problem) {
	case CC_TEXT_PHONE_NO_DIGITS:
		return "no number in the text";
	case CC_TEXT_PHONE_TOO_SHORT:
		return "too few digits";
	case CC_TEXT_PHONE_TOO_LONG:
		return "too many digits";
	case CC_TEXT_PHONE_NO_REGION:
		return "a local number needs a default region";
	default:
		return "no such number range";
	}
}

int cc_crm__phone(char out[20], const cc_crm *crm, const char *phone)
{
	cc_text_phone parsed;
	size_t len;
	int rc;

	if (!phone || !*phone)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a phone number is required");
	len = strlen(phone);
	if (len > 400)
		return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
				 "phone number too long");
	if (cc__utf8_require(phone, len, "phone") < 0)
		return CC_EUTF8;
	/* The text layer reads every form a caller gives: E.164, national
	 * (read in the CRM's default region, which every CRM has), 00,
	 * Arabic-Indic digits, spoken digits.  The error says why, never
	 * quoting the number. */
	rc = cc_text_phone_parse(&parsed, phone, crm->region);
	if (rc == CC_EPARSE)
		return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
				 "not a valid phone number: %s (local numbers "
				 "are read as %s numbers, the CRM's "
				 "default_region)",
				 phone_problem(parsed.problem), crm->region);
	if (rc < 0)
		return rc;
	memcpy(out, parsed.e164, sizeof(parsed.e164));
	return 0;
}

int cc_crm__name_key(cc_buf *out, const char *name)
{
	/* The text layer's name key: the same for the Arabic and the usual
	 * Latin spellings of a name ("محمد", "Mohammed" -> "mhmd").  Without
	 * ICU's transliterator, the match key (folded letters) stands in. */
	int rc = cc_text_name_key(out, name ? name : "");
	if (rc == CC_EUNSUPPORTED)
		rc = cc_text_key_buf(out, name ? name : "");
	if (rc == 0 && !out->ptr)
		rc = cc__buf_puts(out, "") < 0 ? CC_ENOMEM : 0;
	return rc;
}

int cc_crm__email(cc_buf *out, const char *email)
{
	const char *at;
	size_t i, len = strlen(email);
	if (len > 254)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "e-mail address longer than 254 bytes");
	if (cc__utf8_require(email, len, "email") < 0)
		return CC_EUTF8;
	at = strchr(email, '@');
	if (!at || at == email || !at[1] || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.') || at[1] == '.' || email[len - 1] == '.')
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "not an e-mail address");
	cc__buf_clear(out);
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)email[i];
		if (ch <= ' ' || ch == '"' || ch == ';' ||
		    ch == '<' || ch == '>' || ch == ',' || ch == '\\')
			return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
					 "not an e-mail address");
		if (cc__buf_putc(out, (char)tolower(ch)) < 0)
			return CC_ENOMEM;
	}
	return 0;
}
