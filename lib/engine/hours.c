/* Business hours: weekly opening times and holidays in an IANA time zone,
 * evaluated with ICU's calendar (no time zone tables of our own). */
#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "engine_int.h"

static const char *const day_names[7] = { "sunday",   "monday", "tuesday", "wednesday",
					  "thursday", "friday", "saturday" };

int cc_engine__parse_hhmm(int *minutes, const char *s)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '9' || s[1] < '0' ||
	    s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

static int day_index(const char *name)
{
	int i;
	for (i = 0; i < 7; i++)
		if (strcmp(name, day_names[i]) == 0)
			return i;
	return -1;
}

static int parse_holiday(struct cc__holiday *h, const char *s)
{
	int y = 0, m, d, n = 0;
	size_t len = strlen(s);
	if (len == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		if (y < 1970 || y > 9999)
			return -1;
	} else if (len == 5 && sscanf(s, "%2d-%2d%n", &m, &d, &n) == 2 && n == 5) {
		y = 0;
	} else {
		return -1;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	h->year = y;
	h->month = m;
	h->day = d;
	return 0;
}

static UCalendar *open_calendar(const cc__hours *h, UErrorCode *status)
{
	return ucal_open((const UChar *)h->tz_u16, h->tz_u16_len, "en_US@calendar=gregorian",
			 UCAL_GREGORIAN, status);
}

int cc_engine__hours_compile(cc__hours *h, const cJSON *obj, cc__cfgpath *p)
{
	const cJSON *days, *hol, *per, *it;
	const char *open_s = "09:00", *close_s = "18:00";
	int open_m, close_m, i, rc;
	size_t mark, n;
	UErrorCode status = U_ZERO_ERROR;
	UChar canon[64];
	UBool is_system = 0;

	h->tz = "Asia/Damascus";
	if (obj) {
		static const char *const known[] = { "time_zone", "days", "open", "close",
						     "per_day", "holidays" };
		if ((rc = cc_engine__check_keys(obj, known, CC__ARRAY_SIZE(known), p)) ||
		    (rc = cc_engine__get_string(&h->tz, obj, "time_zone", p, false)) ||
		    (rc = cc_engine__get_string(&open_s, obj, "open", p, false)) ||
		    (rc = cc_engine__get_string(&close_s, obj, "close", p, false)))
			return rc;
	}
	if (strlen(h->tz) >= CC__ARRAY_SIZE(h->tz_u16)) {
		mark = cc_engine__path_push_key(p, "time_zone");
		rc = cc_engine__cfg_error(p, "time zone name too long");
		cc_engine__path_pop(p, mark);
		return rc;
	}
	u_uastrcpy((UChar *)h->tz_u16, h->tz);
	h->tz_u16_len = (int32_t)strlen(h->tz);
	ucal_getCanonicalTimeZoneID((const UChar *)h->tz_u16, h->tz_u16_len, canon,
				    (int32_t)CC__ARRAY_SIZE(canon), &is_system, &status);
	if (U_FAILURE(status) || !is_system) {
		mark = cc_engine__path_push_key(p, "time_zone");
		rc = cc_engine__cfg_error(p, "unknown time zone '%s' (expected an IANA name "
					     "such as Asia/Riyadh)",
					  h->tz);
		cc_engine__path_pop(p, mark);
		return rc;
	}
	if (cc_engine__parse_hhmm(&open_m, open_s)) {
		mark = cc_engine__path_push_key(p, "open");
		rc = cc_engine__cfg_error(p, "expected HH:MM, got '%s'", open_s);
		cc_engine__path_pop(p, mark);
		return rc;
	}
	if (cc_engine__parse_hhmm(&close_m, close_s) || open_m >= close_m) {
		mark = cc_engine__path_push_key(p, "close");
		rc = cc_engine__cfg_error(p, "expected HH:MM after open (%s), got '%s'", open_s,
					  close_s);
		cc_engine__path_pop(p, mark);
		return rc;
	}
	/* Saturday to Thursday by default, as the original. */
	for (i = 0; i < 7; i++) {
		h->open_min[i] = i == 5 ? 0 : open_m;
		h->close_min[i] = i == 5 ? 0 : close_m;
	}
	if (!obj)
		return 0;
	days = cJSON_GetObjectItemCaseSensitive(obj, "days");
	if (days) {
		mark = cc_engine__path_push_key(p, "days");
		if (!cJSON_IsArray(days)) {
			rc = cc_engine__cfg_error(p, "expected array of day names");
			cc_engine__path_pop(p, mark);
			return rc;
		}
		for (i = 0; i < 7; i++)
			h->open_min[i] = h->close_min[i] = 0;
		n = 0;
		cJSON_ArrayForEach(it, days)
		{
			int d = cJSON_IsString(it) ? day_index(it->valuestring) : -1;
			if (d < 0) {
				cc_engine__path_push_index(p, n);
				return cc_engine__cfg_error(
					p, "expected a day name (sunday … saturday)");
			}
			h->open_min[d] = open_m;
			h->close_min[d] = close_m;
			n++;
		}
		cc_engine__path_pop(p, mark);
	}
	/* Per-day hours: {"thursday": {"open": "09:00", "close": "14:00"}}. */
	per = cJSON_GetObjectItemCaseSensitive(obj, "per_day");
	if (per) {
		mark = cc_engine__path_push_key(p, "per_day");
		if (!cJSON_IsObject(per))
			return cc_engine__cfg_error(p, "expected object");
		cJSON_ArrayForEach(it, per)
		{
			int d = day_index(it->string), o, c;
			const char *os = NULL, *cs = NULL;
			cc_engine__path_push_key(p, it->string);
			if (d < 0 || !cJSON_IsObject(it))
				return cc_engine__cfg_error(p, "expected a day name with "
							       "{\"open\", \"close\"}");
			if ((rc = cc_engine__get_string(&os, it, "open", p, true)) ||
			    (rc = cc_engine__get_string(&cs, it, "close", p, true)))
				return rc;
			if (cc_engine__parse_hhmm(&o, os) || cc_engine__parse_hhmm(&c, cs) || o >= c)
				return cc_engine__cfg_error(p, "expected HH:MM with open before "
							       "close");
			h->open_min[d] = o;
			h->close_min[d] = c;
			cc_engine__path_pop(p, mark);
			mark = cc_engine__path_push_key(p, "per_day");
		}
		cc_engine__path_pop(p, mark);
	}
	hol = cJSON_GetObjectItemCaseSensitive(obj, "holidays");
	if (hol) {
		mark = cc_engine__path_push_key(p, "holidays");
		if (!cJSON_IsArray(hol))
			return cc_engine__cfg_error(p, "expected array of dates");
		h->holidays = cc__calloc((size_t)cJSON_GetArraySize(hol) + 1,
					 sizeof(*h->holidays));
		if (!h->holidays)
			return cc__error_nomem();
		n = 0;
		cJSON_ArrayForEach(it, hol)
		{
			if (!cJSON_IsString(it) || parse_holiday(&h->holidays[n], it->valuestring)) {
				cc_engine__path_push_index(p, n);
				return cc_engine__cfg_error(p, "expected a date YYYY-MM-DD or a "
							       "yearly MM-DD");
			}
			n++;
		}
		h->nholidays = n;
		cc_engine__path_pop(p, mark);
	}
	return 0;
}

static bool is_holiday(const cc__hours *h, int y, int m, int d)
{
	size_t i;
	for (i = 0; i < h->nholidays; i++)
		if ((h->holidays[i].year == 0 || h->holidays[i].year == y) &&
		    h->holidays[i].month == m && h->holidays[i].day == d)
			return true;
	return false;
}

/* The local date, weekday and minute of the day of @cal's current time. */
static void local_parts(UCalendar *cal, int *y, int *m, int *d, int *wday, int *minute,
			UErrorCode *st)
{
	*y = ucal_get(cal, UCAL_YEAR, st);
	*m = ucal_get(cal, UCAL_MONTH, st) + 1;
	*d = ucal_get(cal, UCAL_DATE, st);
	*wday = ucal_get(cal, UCAL_DAY_OF_WEEK, st) - UCAL_SUNDAY;
	*minute = ucal_get(cal, UCAL_HOUR_OF_DAY, st) * 60 + ucal_get(cal, UCAL_MINUTE, st);
}

/* The zone's UTC offset is constant between two of its transitions, so
 * each thread keeps the span around the last time it asked ICU about:
 * inside it the local date and time are plain arithmetic, and ICU (whose
 * ucal_open costs microseconds) is asked again only when the time leaves
 * the span or the zone differs.  Per thread, because ICU calendars must
 * not be shared and the engine is; keyed by the zone's name, because the
 * offsets depend on nothing else. */
typedef struct zone_span {
	uint16_t tz_u16[64];
	int32_t tz_u16_len;
	int64_t from_ms, to_ms; /* [from, to), UTC */
	int64_t offset_ms;      /* raw + daylight */
} zone_span;

static _Thread_local zone_span span_cache;

/* The arithmetic covers 1901 to 2099, where ICU's Gregorian calendar is
 * the proleptic one and every year divisible by 4 is a leap year;
 * anything else goes to ICU. */
#define SPAN_MIN_SEC (-2145916800LL) /* 1902-01-01 */
#define SPAN_MAX_SEC 4070908800LL    /* 2099-01-01 */

static bool span_lookup(const cc__hours *h, int64_t t_ms, int64_t *offset_ms)
{
	const zone_span *z = &span_cache;
	if (z->tz_u16_len != h->tz_u16_len || t_ms < z->from_ms || t_ms >= z->to_ms ||
	    memcmp(z->tz_u16, h->tz_u16, (size_t)h->tz_u16_len * sizeof(uint16_t)) != 0)
		return false;
	*offset_ms = z->offset_ms;
	return true;
}

/* Remembers the span of constant offset around @cal's current time. */
static void span_store(const cc__hours *h, UCalendar *cal, int64_t t_ms)
{
	UErrorCode st = U_ZERO_ERROR;
	zone_span z;
	UDate prev, next;
	int32_t raw, dst;

	raw = ucal_get(cal, UCAL_ZONE_OFFSET, &st);
	dst = ucal_get(cal, UCAL_DST_OFFSET, &st);
	if (U_FAILURE(st))
		return;
	z.from_ms = SPAN_MIN_SEC * 1000;
	z.to_ms = SPAN_MAX_SEC * 1000;
	if (ucal_getTimeZoneTransitionDate(cal, UCAL_TZ_TRANSITION_PREVIOUS_INCLUSIVE, &prev,
					   &st) &&
	    U_SUCCESS(st) && prev > (UDate)z.from_ms)
		z.from_ms = (int64_t)prev;
	if (U_FAILURE(st))
		return;
	if (ucal_getTimeZoneTransitionDate(cal, UCAL_TZ_TRANSITION_NEXT, &next, &st) &&
	    U_SUCCESS(st) && next < (UDate)z.to_ms)
		z.to_ms = (int64_t)next;
	if (U_FAILURE(st) || t_ms < z.from_ms || t_ms >= z.to_ms)
		return;
	memcpy(z.tz_u16, h->tz_u16, sizeof(z.tz_u16));
	z.tz_u16_len = h->tz_u16_len;
	z.offset_ms = (int64_t)raw + dst;
	span_cache = z;
}

/* Local date, weekday (0 = Sunday) and minute of the day of a local time
 * in milliseconds since 1970-01-01 00:00 (days-to-civil over 400-year
 * eras of 146097 days, starting on 1 March). */
static void civil_parts(int64_t local_ms, int *y, int *m, int *d, int *wday, int *minute)
{
	int64_t days = local_ms / 86400000, ms = local_ms % 86400000;
	int64_t z, era, doe, yoe, doy, mp;
	if (ms < 0) {
		ms += 86400000;
		days--;
	}
	*minute = (int)(ms / 60000);
	*wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int cc_engine_is_open(const cc_engine *engine, int64_t unix_sec)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	int y, m, d, wday, minute, open;
	int64_t offset_ms;
	bool in_range;
	CC__CHECK_NOTNULL(engine);
	in_range = unix_sec >= SPAN_MIN_SEC && unix_sec < SPAN_MAX_SEC;
	if (in_range && span_lookup(&engine->hours, unix_sec * 1000, &offset_ms)) {
		civil_parts(unix_sec * 1000 + offset_ms, &y, &m, &d, &wday, &minute);
	} else {
		cal = open_calendar(&engine->hours, &st);
		if (U_FAILURE(st))
			return cc__error(CC_ERROR, CC_ERRCLASS_ENGINE, "ICU calendar: %s",
					 u_errorName(st));
		ucal_setMillis(cal, (UDate)unix_sec * 1000.0, &st);
		local_parts(cal, &y, &m, &d, &wday, &minute, &st);
		if (U_SUCCESS(st) && in_range)
			span_store(&engine->hours, cal, unix_sec * 1000);
		ucal_close(cal);
		if (U_FAILURE(st))
			return cc__error(CC_ERROR, CC_ERRCLASS_ENGINE, "ICU calendar: %s",
					 u_errorName(st));
	}
	open = minute >= engine->hours.open_min[wday] && minute < engine->hours.close_min[wday] &&
	       !is_holiday(&engine->hours, y, m, d);
	return open ? 1 : 0;
}

int cc_engine_next_opening(int64_t *opens_at, const cc_engine *engine, int64_t unix_sec)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	int day, rc;
	CC__CHECK_NOTNULL(opens_at);
	CC__CHECK_NOTNULL(engine);
	rc = cc_engine_is_open(engine, unix_sec);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		*opens_at = unix_sec;
		return 0;
	}
	cal = open_calendar(&engine->hours, &st);
	if (U_FAILURE(st))
		return cc__error(CC_ERROR, CC_ERRCLASS_ENGINE, "ICU calendar: %s",
				 u_errorName(st));
	/* Walk the local days from today; the first working day whose opening
	 * lies ahead is the answer.  Setting the local wall time through the
	 * calendar lets ICU apply the zone's offset and daylight rules. */
	for (day = 0; day <= 370; day++) {
		int y, m, d, wday, minute;
		UDate at;
		ucal_setMillis(cal, (UDate)unix_sec * 1000.0, &st);
		ucal_add(cal, UCAL_DATE, day, &st);
		local_parts(cal, &y, &m, &d, &wday, &minute, &st);
		if (U_FAILURE(st))
			break;
		if (engine->hours.open_min[wday] >= engine->hours.close_min[wday] ||
		    is_holiday(&engine->hours, y, m, d))
			continue;
		ucal_setDateTime(cal, y, m - 1, d, engine->hours.open_min[wday] / 60,
				 engine->hours.open_min[wday] % 60, 0, &st);
		ucal_set(cal, UCAL_MILLISECOND, 0);
		at = ucal_getMillis(cal, &st);
		if (U_FAILURE(st))
			break;
		if ((int64_t)(at / 1000.0) > unix_sec) {
			ucal_close(cal);
			*opens_at = (int64_t)(at / 1000.0);
			return 0;
		}
	}
	ucal_close(cal);
	if (U_FAILURE(st))
		return cc__error(CC_ERROR, CC_ERRCLASS_ENGINE, "ICU calendar: %s",
				 u_errorName(st));
	return cc__error(CC_ENOTFOUND, CC_ERRCLASS_ENGINE,
			 "the call center does not open within a year");
}
