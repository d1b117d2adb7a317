/* Checking and normalizing what callers give the CRM: phones, e-mails,
 * names, free text. */
#include <ctype.h>
#include <stdio.h>

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

int cc_crm__phone(char out[20], const cc_crm *crm, const char *phone)
{
	char digits[40];
	size_t len, i = 0, nd = 0;
	bool plus = false;

	CC__UNUSED(crm);
	if (!phone || !*phone)
		return cc__error(CC_EINVAL, CC_ERRCLASS_CRM,
				 "a phone number is required");
	len = strlen(phone);
	if (len > 64)
		return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
				 "phone number too long");
	if (cc__utf8_require(phone, len, "phone") < 0)
		return CC_EUTF8;
	while (i < len) {
		uint32_t cp;
		size_t n = cc__utf8_decode(phone + i, len - i, &cp);
		int d = cc__digit_value(cp);
		if (d >= 0) {
			if (nd + 1 >= sizeof(digits))
				return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
						 "phone number too long");
			digits[nd++] = (char)('0' + d);
		} else if (cp == '+' && nd == 0 && !plus) {
			plus = true;
		} else if (!strchr("-() .", (int)cp) || cp == 0) {
			return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
					 "not a phone number");
		}
		i += n;
	}
	digits[nd] = '\0';
	if (!plus && nd > 2 && digits[0] == '0' && digits[1] == '0') {
		memmove(digits, digits + 2, nd - 1);
		nd -= 2;
		plus = true;
	}
	if (!plus)
		return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
				 "phone number is not in international form");
	if (nd < 7 || nd > 15 || digits[0] == '0')
		return cc__error(CC_EPARSE, CC_ERRCLASS_CRM,
				 "not a valid E.164 phone number");
	out[0] = '+';
	memcpy(out + 1, digits, nd + 1);
	return 0;
}

int cc_crm__name_key(cc_buf *out, const char *name)
{
	size_t i;
	bool space = true;
	cc__buf_clear(out);
	for (i = 0; name && name[i]; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (isspace(ch)) {
			if (!space && cc__buf_putc(out, ' ') < 0)
				return CC_ENOMEM;
			space = true;
			continue;
		}
		if (cc__buf_putc(out, (char)tolower(ch)) < 0)
			return CC_ENOMEM;
		space = false;
	}
	if (out->size > 0 && out->ptr[out->size - 1] == ' ')
		out->ptr[--out->size] = '\0';
	if (!out->ptr && cc__buf_puts(out, "") < 0)
		return CC_ENOMEM;
	return 0;
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
