/* test_sla.c - unit tests for business time (sla.c) with fixed clocks:
 * weekends, holidays, starting outside hours, split and overnight hours,
 * the daylight-saving switches of Europe/Madrid, around the clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sla.h"
#include "tsla.h"

/* UTC seconds of "YYYY-MM-DD HH:MM:SS". */
static time_t
T(const char *s)
{
	time_t t = sla_parse_utc(s);

	assert_true(t != (time_t)-1);
	return t;
}

/* t as "YYYY-MM-DD HH:MM:SS" UTC (static buffer per call site is fine in tests). */
static const char *
U(time_t t)
{
	static char out[4][32];
	static int i;

	i = (i + 1) % 4;
	sla_format_utc(t, out[i], sizeof(out[i]));
	return out[i];
}

/* Mon-Fri 09:00-18:00 in Europe/Madrid. */
static void
office(struct sla_cal *c)
{
	int d;

	sla_cal_init(c, "Europe/Madrid", 0);
	for (d = 1; d <= 5; d++)
		assert_int_equal(sla_cal_span(c, d, 9 * 60, 18 * 60), 0);
}

static void
test_within_day(void **state)
{
	struct sla_cal c;

	(void)state;
	office(&c);
	/* Mon 23 Nov 2026, 10:00 Madrid = 09:00 UTC (winter, UTC+1). */
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), 30)), "2026-11-23 09:30:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), 240)), "2026-11-23 13:00:00");
	/* 8 working hours from 10:00 end at closing time, 18:00, not 09:00 next day;
	 * 9 hours end at 10:00 the next morning. */
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), 480)), "2026-11-23 17:00:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), 540)), "2026-11-24 09:00:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), 0)), "2026-11-23 09:00:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-23 09:00:00"), -5)), "2026-11-23 09:00:00");
	/* Exactly at the end of the day: the due time is 18:00, not 09:00 next day. */
	assert_string_equal(U(sla_add(&c, T("2026-11-23 16:00:00"), 60)), "2026-11-23 17:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 09:00:00"), T("2026-11-23 13:00:00")), 240);
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 13:00:00"), T("2026-11-23 09:00:00")), 0);
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 09:00:00"), T("2026-11-23 09:00:59")), 0);
}

static void
test_weekend(void **state)
{
	struct sla_cal c;

	(void)state;
	office(&c);
	/* Fri 27 Nov 2026 17:00 Madrid (16:00 UTC) + 2 h = Mon 30 Nov 10:00 Madrid. */
	assert_string_equal(U(sla_add(&c, T("2026-11-27 16:00:00"), 120)), "2026-11-30 09:00:00");
	/* Friday 17:00 to Monday 10:00 is 2 working hours. */
	assert_int_equal(sla_elapsed(&c, T("2026-11-27 16:00:00"), T("2026-11-30 09:00:00")), 120);
	/* A whole week is 45 h. */
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 00:00:00"), T("2026-11-30 00:00:00")), 45 * 60);
	/* 3 business days (27 h) from Wednesday 12:00. */
	assert_string_equal(U(sla_add(&c, T("2026-11-25 11:00:00"), 27 * 60)), "2026-11-30 11:00:00");
}

static void
test_outside_hours(void **state)
{
	struct sla_cal c;

	(void)state;
	office(&c);
	/* Saturday night: the clock starts Monday 09:00 Madrid (08:00 UTC). */
	assert_string_equal(U(sla_add(&c, T("2026-11-28 22:00:00"), 30)), "2026-11-30 08:30:00");
	/* Before opening on a Tuesday. */
	assert_string_equal(U(sla_add(&c, T("2026-11-24 05:00:00"), 60)), "2026-11-24 09:00:00");
	/* After closing on a Tuesday. */
	assert_string_equal(U(sla_add(&c, T("2026-11-24 20:00:00"), 60)), "2026-11-25 09:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-11-28 00:00:00"), T("2026-11-29 23:00:00")), 0);
}

static void
test_holidays(void **state)
{
	struct sla_cal c;

	(void)state;
	office(&c);
	assert_int_equal(sla_cal_holiday(&c, 2026, 12, 8), 0);    /* Tuesday */
	assert_int_equal(sla_cal_holiday(&c, 2026, 12, 25), 0);
	assert_int_equal(sla_cal_holiday(&c, 2026, 2, 30), -1);
	assert_int_equal(sla_cal_holiday(&c, 2026, 13, 1), -1);
	/* Mon 7 Dec 17:00 Madrid + 2 h: Tuesday is a holiday, so Wednesday 10:00. */
	assert_string_equal(U(sla_add(&c, T("2026-12-07 16:00:00"), 120)), "2026-12-09 09:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-12-07 16:00:00"), T("2026-12-09 09:00:00")), 120);
	/* Christmas Friday, then the weekend. */
	assert_string_equal(U(sla_add(&c, T("2026-12-24 16:00:00"), 120)), "2026-12-28 09:00:00");
}

static void
test_dst(void **state)
{
	struct sla_cal c;
	int d;

	(void)state;
	office(&c);
	/* Spring forward on Sun 29 Mar 2026: Friday 17:00 CET (16:00 UTC) + 2 h
	 * ends Monday 10:00 CEST = 08:00 UTC. */
	assert_string_equal(U(sla_add(&c, T("2026-03-27 16:00:00"), 120)), "2026-03-30 08:00:00");
	/* Fall back on Sun 25 Oct 2026: Friday 17:00 CEST (15:00 UTC) + 2 h ends
	 * Monday 10:00 CET = 09:00 UTC. */
	assert_string_equal(U(sla_add(&c, T("2026-10-23 15:00:00"), 120)), "2026-10-26 09:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-10-23 15:00:00"), T("2026-10-26 09:00:00")), 120);

	/* Every day 00:00-24:00 (not "always"): the switch day has 23 or 25 hours. */
	sla_cal_init(&c, "Europe/Madrid", 0);
	for (d = 0; d < 7; d++)
		assert_int_equal(sla_cal_span(&c, d, 0, 1440), 0);
	assert_int_equal(sla_elapsed(&c, T("2026-03-28 23:00:00"), T("2026-03-29 22:00:00")), 23 * 60);
	assert_int_equal(sla_elapsed(&c, T("2026-10-24 22:00:00"), T("2026-10-25 23:00:00")), 25 * 60);
	/* Real minutes pass through the switch: 01:30 CET + 60 min = 03:30 CEST. */
	assert_string_equal(U(sla_add(&c, T("2026-03-29 00:30:00"), 60)), "2026-03-29 01:30:00");
}

static void
test_split_overnight(void **state)
{
	struct sla_cal c;

	(void)state;
	/* Split hours in UTC: 08:00-12:00 and 14:00-18:00 on Monday. */
	sla_cal_init(&c, "UTC", 0);
	assert_int_equal(sla_cal_span(&c, 1, 14 * 60, 18 * 60), 0);
	assert_int_equal(sla_cal_span(&c, 1, 8 * 60, 12 * 60), 0);
	assert_string_equal(U(sla_add(&c, T("2026-11-23 11:00:00"), 120)), "2026-11-23 15:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 00:00:00"), T("2026-11-24 00:00:00")), 480);
	/* Next Monday when the week's hours run out. */
	assert_string_equal(U(sla_add(&c, T("2026-11-23 17:00:00"), 120)), "2026-11-30 09:00:00");

	/* A night shift Monday 22:00 to Tuesday 06:00 (UTC). */
	sla_cal_init(&c, "", 0);
	assert_int_equal(sla_cal_span(&c, 1, 22 * 60, 6 * 60), 0);
	assert_string_equal(U(sla_add(&c, T("2026-11-23 12:00:00"), 60)), "2026-11-23 23:00:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-24 03:00:00"), 60)), "2026-11-24 04:00:00");
	assert_string_equal(U(sla_add(&c, T("2026-11-24 05:30:00"), 60)), "2026-11-30 22:30:00");
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 00:00:00"), T("2026-11-25 00:00:00")), 480);
	/* A holiday on the Monday drops the shift that starts then. */
	assert_int_equal(sla_cal_holiday(&c, 2026, 11, 23), 0);
	assert_int_equal(sla_elapsed(&c, T("2026-11-23 00:00:00"), T("2026-11-25 00:00:00")), 0);

	assert_int_equal(sla_cal_span(&c, 7, 0, 60), -1);
	assert_int_equal(sla_cal_span(&c, 1, -1, 60), -1);
	assert_int_equal(sla_cal_span(&c, 1, 0, 1441), -1);
}

static void
test_always(void **state)
{
	struct sla_cal c;

	(void)state;
	sla_cal_init(&c, "Europe/Madrid", 1);
	assert_int_equal(sla_cal_holiday(&c, 2026, 11, 28), 0);
	assert_string_equal(U(sla_add(&c, T("2026-11-28 22:00:00"), 30)), "2026-11-28 22:30:00");
	assert_string_equal(U(sla_add(&c, T("2026-03-28 22:00:00"), 24 * 60)), "2026-03-29 22:00:00");
	assert_int_equal(sla_elapsed(&c, T("2026-11-27 00:00:00"), T("2026-11-30 00:00:00")), 3 * 1440);
	/* No hours at all counts every minute too. */
	sla_cal_init(&c, "UTC", 0);
	assert_string_equal(U(sla_add(&c, T("2026-11-28 22:00:00"), 90)), "2026-11-28 23:30:00");
}

/* utc (UTC text) shown in zone tz is when, off from UTC by off. */
static void
local_is(const char *utc, const char *tz, const char *when, const char *off)
{
	char out[64], o[16];

	sla_format_local(T(utc), tz, out, sizeof(out), o, sizeof(o));
	assert_string_equal(out, when);
	assert_string_equal(o, off);
}

static void
test_tz_and_formats(void **state)
{
	char out[64];

	(void)state;
	assert_true(sla_tz_valid("Europe/Madrid"));
	assert_true(sla_tz_valid("UTC"));
	assert_true(sla_tz_valid("America/Argentina/Buenos_Aires"));
	assert_false(sla_tz_valid("Mars/Olympus"));
	assert_false(sla_tz_valid("../../etc/passwd"));
	assert_false(sla_tz_valid("/etc/passwd"));
	assert_false(sla_tz_valid("Europe/Madrid; rm"));
	assert_false(sla_tz_valid(""));
	assert_false(sla_tz_valid(NULL));
	assert_int_equal(sla_parse_utc("2026-11-23 10:00"), T("2026-11-23 10:00:00"));
	assert_int_equal(sla_parse_utc("2026-11-23"), -1);
	assert_int_equal(sla_parse_utc("2026-11-23 25:00:00"), -1);
	assert_int_equal(sla_parse_utc("2026-11-23 10:00:00x"), -1);
	assert_int_equal(sla_parse_utc(NULL), -1);
	local_is("2026-07-01 10:00:00", "Europe/Madrid", "2026-07-01 12:00", "UTC+02:00");
	local_is("2026-12-01 10:00:00", "Europe/Madrid", "2026-12-01 11:00", "UTC+01:00");
	/* Behind UTC, half hours, and UTC itself. */
	local_is("2026-12-01 10:00:00", "America/Mexico_City", "2026-12-01 04:00", "UTC-06:00");
	local_is("2026-12-01 10:00:00", "Asia/Kolkata", "2026-12-01 15:30", "UTC+05:30");
	local_is("2026-12-01 10:00:00", "UTC", "2026-12-01 10:00", "UTC");
	/* The caller's TZ comes back unchanged. */
	setenv("TZ", "America/New_York", 1);
	local_is("2026-12-01 10:00:00", "Asia/Tokyo", "2026-12-01 19:00", "UTC+09:00");
	assert_string_equal(getenv("TZ"), "America/New_York");
	unsetenv("TZ");
	/* The place a zone is named after. */
	sla_zone_place("Europe/Madrid", out, sizeof(out));
	assert_string_equal(out, "Madrid");
	sla_zone_place("America/Argentina/Buenos_Aires", out, sizeof(out));
	assert_string_equal(out, "Buenos Aires");
	sla_zone_place("UTC", out, sizeof(out));
	assert_string_equal(out, "");
	sla_zone_place("Etc/GMT+3", out, sizeof(out));
	assert_string_equal(out, "");
	sla_zone_place(NULL, out, sizeof(out));
	assert_string_equal(out, "");
}

static void
test_day_end(void **state)
{
	(void)state;
	/* 23:30 Madrid on 28 Mar 2026 (22:30 UTC): the day ends at 23:00 UTC. */
	assert_string_equal(U(sla_day_end(T("2026-03-28 22:30:00"), "Europe/Madrid")),
	    "2026-03-28 23:00:00");
	/* The switch day is 23 hours long: it ends at 22:00 UTC. */
	assert_string_equal(U(sla_day_end(T("2026-03-29 10:00:00"), "Europe/Madrid")),
	    "2026-03-29 22:00:00");
	assert_string_equal(U(sla_day_end(T("2026-11-23 10:00:00"), "UTC")), "2026-11-24 00:00:00");
}

static void
test_words(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_true(tsla_words_match(&a, "La VPN está CAÍDA para todos", "everyone, todos"));
	assert_true(tsla_words_match(&a, "The VPN is down!", "caído,down"));
	assert_true(tsla_words_match(&a, "Se ha caído el correo", "caido"));
	assert_true(tsla_words_match(&a, "the whole office is down", "Whole Office"));
	assert_false(tsla_words_match(&a, "Printer in the downtown office", "down"));
	assert_false(tsla_words_match(&a, "everyones toner", "everyone"));
	assert_false(tsla_words_match(&a, "office whole", "whole office"));
	assert_false(tsla_words_match(&a, "anything", ""));
	assert_false(tsla_words_match(&a, "anything", " , ,"));
	assert_false(tsla_words_match(&a, NULL, "x"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_within_day),
		cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_outside_hours),
		cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_dst),
		cmocka_unit_test(test_split_overnight),
		cmocka_unit_test(test_always),
		cmocka_unit_test(test_tz_and_formats),
		cmocka_unit_test(test_day_end),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
