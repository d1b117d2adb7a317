/* UTC timestamp text both databases understand (see timefmt.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "timefmt.h"

int64_t cc_store__now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

void cc_store__format_time(char out[CC_STORE__TIME_MAX], int64_t ms)
{
	int64_t days = floor_div(ms, 86400000), rest = ms - days * 86400000;
	int y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, CC_STORE__TIME_MAX,
		 "%04d-%02u-%02u %02d:%02d:%02d.%03d+00:00", y, m, d,
		 (int)(rest / 3600000), (int)(rest / 60000 % 60),
		 (int)(rest / 1000 % 60), (int)(rest % 1000));
}

void cc_store__format_date(char out[11], int64_t ms)
{
	int y;
	unsigned m, d;
	char tmp[CC_STORE__TIME_MAX];
	civil_from_days(floor_div(ms, 86400000), &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02u", y, m % 13, d % 32);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int cc_store__parse_date(const char *s, int64_t *ms)
{
	int y, mo, d;
	if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' ||
	    digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d) ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	*ms = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400000;
	return 0;
}

int cc_store__parse_time(const char *s, int64_t *ms)
{
	int h, mi, sec, frac = 0, oh = 0, om = 0, sign = 1;
	int64_t day;
	const char *p;

	if (cc_store__parse_date(s, &day) < 0)
		return -1;
	p = s + 10;
	if (*p == '\0') {
		*ms = day;
		return 0;
	}
	if ((*p != ' ' && *p != 'T') || digits(p + 1, 2, &h) || p[3] != ':' ||
	    digits(p + 4, 2, &mi) || p[6] != ':' || digits(p + 7, 2, &sec))
		return -1;
	p += 9;
	if (*p == '.') {
		int scale = 100;
		p++;
		while (*p >= '0' && *p <= '9') {
			frac += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh))
			return -1;
		p += 3;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9') {
			if (digits(p, 2, &om))
				return -1;
			p += 2;
		}
	}
	if (*p != '\0')
		return -1;
	*ms = day + ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + frac -
	      sign * ((int64_t)oh * 3600 + om * 60) * 1000;
	return 0;
}
