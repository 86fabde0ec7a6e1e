/* sla.h - business time on a calendar: working hours per weekday in an IANA
 * time zone (daylight saving included), holidays, split and overnight hours,
 * or around the clock. Pure computation: no database, no clock of its own. */
#ifndef VT_SLA_H
#define VT_SLA_H

#include <stddef.h>
#include <time.h>

#define SLA_MAX_SPANS 64       /* working spans per week */
#define SLA_MAX_HOLIDAYS 512   /* holidays per calendar */
#define SLA_TZ_MAX 64          /* bytes of a time zone name */
#define SLA_MAX_DAYS 3700      /* days searched before giving up (about 10 years) */

/* One stretch of working time that starts on a weekday. Minutes from local
 * midnight; end <= start means the stretch runs past midnight into the next
 * day (an overnight shift); end may be 1440 (midnight). */
struct sla_span {
	int wday;   /* 0 Sunday .. 6 Saturday */
	int start;  /* 0..1439 */
	int end;    /* 1..1440, or <= start for overnight */
};

/* A business calendar. Fill it with sla_cal_init and the add functions. */
struct sla_cal {
	char tz[SLA_TZ_MAX];   /* IANA zone name ("Europe/Madrid"); "" = UTC */
	int always;            /* around the clock: every minute counts, no holidays */
	struct sla_span spans[SLA_MAX_SPANS]; /* working spans */
	size_t nspans;         /* entries in spans */
	int holidays[SLA_MAX_HOLIDAYS]; /* local dates as yyyymmdd, sorted */
	size_t nholidays;      /* entries in holidays */
};

/* Empty calendar in zone tz (copied; "" or NULL = UTC), around the clock if
 * always is set. */
void sla_cal_init(struct sla_cal *c, const char *tz, int always);
/* Add a working span; -1 if it is malformed or the calendar is full. */
int sla_cal_span(struct sla_cal *c, int wday, int start, int end);
/* Add a holiday (a local date: year, month 1..12, day 1..31); -1 when full
 * or not a date. Spans that start on a holiday do not count. */
int sla_cal_holiday(struct sla_cal *c, int year, int month, int day);

/* The time `minutes` business minutes after start (UTC seconds). Starting
 * outside working time counts from the next working minute. A calendar with
 * no working time at all (no spans, or nothing within SLA_MAX_DAYS) counts
 * every minute, so a due time always exists. minutes <= 0 gives start. */
time_t sla_add(const struct sla_cal *c, time_t start, long long minutes);

/* Business minutes (rounded down) between from and to; 0 when to <= from. */
long long sla_elapsed(const struct sla_cal *c, time_t from, time_t to);

/* 1 if name is an IANA time zone this machine knows ("UTC", "Europe/Madrid"):
 * letters, digits, "/_+-" only, no "..", and a zoneinfo file exists. */
int sla_tz_valid(const char *name);

/* "YYYY-MM-DD HH:MM:SS" (UTC) to seconds; -1 if malformed. */
time_t sla_parse_utc(const char *s);
/* Seconds to "YYYY-MM-DD HH:MM:SS" (UTC) in out (at least 20 bytes). */
void sla_format_utc(time_t t, char *out, size_t len);
/* Seconds to local time in zone tz: "YYYY-MM-DD HH:MM" in out (at least 17
 * bytes), and in off (at least 10 bytes) the zone's offset from UTC at that
 * moment, "UTC+02:00", "UTC-05:30", or "UTC" when none. Abbreviations such
 * as "CST" or "IST" are avoided: they mean different zones in different places. */
void sla_format_local(time_t t, const char *tz, char *out, size_t len, char *off, size_t offlen);
/* The place an IANA zone is named after, for people: "Europe/Madrid" gives
 * "Madrid", "America/Argentina/Buenos_Aires" "Buenos Aires"; "" for UTC and
 * zones named after no place ("Etc/GMT+3", "UTC", "Japan"). */
void sla_zone_place(const char *tz, char *out, size_t len);

/* The next local midnight after t in zone tz (the end of t's local day). */
time_t sla_day_end(time_t t, const char *tz);

#endif
