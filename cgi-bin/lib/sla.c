/* sla.c - business time on a calendar (see sla.h). Local times are turned
 * into UTC with the C library's zone rules: TZ is switched to the calendar's
 * zone for the length of one call and put back afterwards (the programs are
 * single-threaded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sla.h"

#define DAY_MIN 1440

/* The TZ setting saved while a calendar's zone is in force. */
struct tz_saved {
	int had;                 /* TZ was set before */
	char old[SLA_TZ_MAX + 2];/* its value (names longer than this are not ours) */
};

static void
tz_push(struct tz_saved *s, const char *tz)
{
	const char *cur = getenv("TZ");
	char want[SLA_TZ_MAX + 2];

	s->had = cur != NULL;
	snprintf(s->old, sizeof(s->old), "%s", cur ? cur : "");
	snprintf(want, sizeof(want), ":%s", tz != NULL && *tz != '\0' ? tz : "UTC");
	if (cur == NULL || strcmp(cur, want) != 0) {
		setenv("TZ", want, 1);
		tzset();
	}
}

static void
tz_pop(const struct tz_saved *s)
{
	const char *cur = getenv("TZ");

	if (s->had && cur != NULL && strcmp(cur, s->old) == 0)
		return;
	if (s->had)
		setenv("TZ", s->old, 1);
	else
		unsetenv("TZ");
	tzset();
}

void
sla_cal_init(struct sla_cal *c, const char *tz, int always)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->tz, sizeof(c->tz), "%s", tz != NULL ? tz : "");
	c->always = always != 0;
}

int
sla_cal_span(struct sla_cal *c, int wday, int start, int end)
{
	if (c->nspans >= SLA_MAX_SPANS || wday < 0 || wday > 6 || start < 0 ||
	    start >= DAY_MIN || end < 0 || end > DAY_MIN)
		return -1;
	c->spans[c->nspans].wday = wday;
	c->spans[c->nspans].start = start;
	c->spans[c->nspans].end = end;
	c->nspans++;
	return 0;
}

int
sla_cal_holiday(struct sla_cal *c, int year, int month, int day)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int v = year * 10000 + month * 100 + day;
	size_t i;

	if (c->nholidays >= SLA_MAX_HOLIDAYS || year < 1970 || year > 9999 || month < 1 ||
	    month > 12 || day < 1 || day > mdays[month - 1])
		return -1;
	/* Keep them sorted (insertion: calendars hold a few dozen). */
	for (i = c->nholidays; i > 0 && c->holidays[i - 1] > v; i--)
		c->holidays[i] = c->holidays[i - 1];
	c->holidays[i] = v;
	c->nholidays++;
	return 0;
}

static int
is_holiday(const struct sla_cal *c, int ymd)
{
	size_t lo = 0, hi = c->nholidays;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->holidays[mid] == ymd)
			return 1;
		if (c->holidays[mid] < ymd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* One interval of working time in UTC seconds. */
struct ival {
	time_t a, b;
};

/* UTC time of local (y, m0, d) at minute `min` past midnight (may exceed a day). */
static time_t
local_utc(int y, int m0, int d, int min)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m0;
	tm.tm_mday = d;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The working intervals that start on local day `day0 + k` (the day of t0
 * plus k days), sorted by start. Returns their count (at most SLA_MAX_SPANS). */
static size_t
day_ivals(const struct sla_cal *c, const struct tm *day0, int k, struct ival *out)
{
	struct tm tm;
	size_t i, n = 0;
	int ymd;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = day0->tm_year;
	tm.tm_mon = day0->tm_mon;
	tm.tm_mday = day0->tm_mday + k;
	tm.tm_hour = 12;      /* noon: no daylight-saving switch happens then */
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return 0;
	ymd = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	if (is_holiday(c, ymd))
		return 0;
	for (i = 0; i < c->nspans; i++) {
		const struct sla_span *s = &c->spans[i];
		int end = s->end <= s->start ? s->end + DAY_MIN : s->end;
		size_t j;
		struct ival v;

		if (s->wday != tm.tm_wday)
			continue;
		v.a = local_utc(tm.tm_year + 1900, tm.tm_mon, tm.tm_mday, s->start);
		v.b = local_utc(tm.tm_year + 1900, tm.tm_mon, tm.tm_mday, end);
		if (v.a == (time_t)-1 || v.b == (time_t)-1 || v.b <= v.a)
			continue;
		for (j = n; j > 0 && out[j - 1].a > v.a; j--)
			out[j] = out[j - 1];
		out[j] = v;
		n++;
	}
	return n;
}

/* Local calendar day of t (in the zone already in force). */
static int
local_day(time_t t, struct tm *out)
{
	return localtime_r(&t, out) != NULL ? 0 : -1;
}

time_t
sla_add(const struct sla_cal *c, time_t start, long long minutes)
{
	struct tz_saved saved;
	struct ival iv[SLA_MAX_SPANS];
	struct tm day0;
	long long left = minutes * 60;
	time_t cur = start, result = (time_t)-1;
	int k;

	if (minutes <= 0)
		return start;
	if (c->always || c->nspans == 0)
		return start + (time_t)left;
	tz_push(&saved, c->tz);
	if (local_day(start, &day0) == 0) {
		/* From the day before: its overnight span may still be running. */
		for (k = -1; k < SLA_MAX_DAYS && result == (time_t)-1; k++) {
			size_t n = day_ivals(c, &day0, k, iv), i;

			for (i = 0; i < n; i++) {
				time_t a = iv[i].a > cur ? iv[i].a : cur;

				if (iv[i].b <= a)
					continue;
				if ((long long)(iv[i].b - a) >= left) {
					result = a + (time_t)left;
					break;
				}
				left -= (long long)(iv[i].b - a);
				cur = iv[i].b;
			}
		}
	}
	tz_pop(&saved);
	return result != (time_t)-1 ? result : start + (time_t)(minutes * 60);
}

long long
sla_elapsed(const struct sla_cal *c, time_t from, time_t to)
{
	struct tz_saved saved;
	struct ival iv[SLA_MAX_SPANS];
	struct tm day0;
	long long secs = 0;
	time_t cur = from;
	int k, done = 0;

	if (to <= from)
		return 0;
	if (c->always || c->nspans == 0)
		return (long long)(to - from) / 60;
	tz_push(&saved, c->tz);
	if (local_day(from, &day0) == 0) {
		for (k = -1; k < SLA_MAX_DAYS && !done; k++) {
			size_t n = day_ivals(c, &day0, k, iv), i;

			for (i = 0; i < n; i++) {
				time_t a = iv[i].a > cur ? iv[i].a : cur;
				time_t b = iv[i].b < to ? iv[i].b : to;

				if (iv[i].a >= to) {
					done = 1;
					break;
				}
				if (b > a) {
					secs += (long long)(b - a);
					cur = b;
				}
			}
			/* Every interval of a later day starts later than this day's start. */
			if (!done && n == 0 && k > 0) {
				struct tm t;
				time_t probe;

				memset(&t, 0, sizeof(t));
				t.tm_year = day0.tm_year;
				t.tm_mon = day0.tm_mon;
				t.tm_mday = day0.tm_mday + k;
				t.tm_isdst = -1;
				probe = mktime(&t);
				if (probe != (time_t)-1 && probe >= to)
					done = 1;
			}
		}
	}
	tz_pop(&saved);
	return secs / 60;
}

int
sla_tz_valid(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	size_t len;

	if (name == NULL || (len = strlen(name)) == 0 || len >= SLA_TZ_MAX || name[0] == '/' ||
	    name[0] == '.' || strstr(name, "..") != NULL || strstr(name, "//") != NULL ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") != len)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir != NULL && *dir != '\0' ? dir :
	    "/usr/share/zoneinfo", name);
	return access(path, R_OK) == 0;
}

time_t
sla_parse_utc(const char *s)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;

	if (s == NULL || (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 &&
	    sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5) || s[n] != '\0' ||
	    y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 ||
	    h < 0 || mi < 0 || se < 0)
		return (time_t)-1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return timegm(&tm);
}

void
sla_format_utc(time_t t, char *out, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(out, len, "%s", "");
}

void
sla_format_local(time_t t, const char *tz, char *out, size_t len, char *off, size_t offlen)
{
	struct tz_saved saved;
	struct tm tm;
	char z[8] = "";

	tz_push(&saved, tz);
	if (localtime_r(&t, &tm) == NULL || strftime(out, len, "%Y-%m-%d %H:%M", &tm) == 0 ||
	    strftime(z, sizeof(z), "%z", &tm) == 0)
		snprintf(out, len, "%s", "");
	tz_pop(&saved);
	/* "+0130" -> "UTC+01:30"; "+0000" -> "UTC". */
	if (strlen(z) == 5 && strcmp(z + 1, "0000") != 0)
		snprintf(off, offlen, "UTC%c%.2s:%.2s", z[0], z + 1, z + 3);
	else
		snprintf(off, offlen, "%s", "UTC");
}

void
sla_zone_place(const char *tz, char *out, size_t len)
{
	const char *slash = tz != NULL ? strrchr(tz, '/') : NULL;
	size_t i;

	snprintf(out, len, "%s", "");
	if (slash == NULL || strncmp(tz, "Etc/", 4) == 0 || slash[1] == '\0')
		return;
	snprintf(out, len, "%s", slash + 1);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = ' ';
}

time_t
sla_day_end(time_t t, const char *tz)
{
	struct tz_saved saved;
	struct tm tm;
	time_t end = t + 86400;

	tz_push(&saved, tz);
	if (localtime_r(&t, &tm) != NULL)
		end = local_utc(tm.tm_year + 1900, tm.tm_mon, tm.tm_mday + 1, 0);
	tz_pop(&saved);
	return end;
}
