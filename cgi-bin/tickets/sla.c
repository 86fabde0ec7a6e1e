/* sla.c - service levels in the tickets program: keep due times current on
 * every change (tsla), and show agents when a reply or a solution is due. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page.h"
#include "sla.h"
#include "tickets.h"
#include "tsla.h"

int
ticket_sla(struct db *db, struct req *r, long long tid)
{
	struct tsla s;

	memset(&s, 0, sizeof(s));
	s.db = db;
	s.a = &r->arena;
	s.view = &r->app->view;
	s.conf = &r->app->conf;
	s.now = time(NULL);
	s.actor = r->user.id;
	return tsla_sync(&s, tid);
}

/* "1 h 20 min", "2 d 3 h", "35 min" for a number of seconds (>= 0). */
static const char *
duration(struct req *r, long long secs)
{
	long long m = (secs + 59) / 60, d = m / 1440, h = (m % 1440) / 60;
	const char *ud = page_text(r, "sla.unit_d"), *uh = page_text(r, "sla.unit_h"),
	    *um = page_text(r, "sla.unit_min");

	m %= 60;
	if (d > 0)
		return h > 0 ? arena_printf(&r->arena, "%lld %s %lld %s", d, ud, h, uh) :
		    arena_printf(&r->arena, "%lld %s", d, ud);
	if (h > 0)
		return m > 0 ? arena_printf(&r->arena, "%lld %s %lld %s", h, uh, m, um) :
		    arena_printf(&r->arena, "%lld %s", h, uh);
	return arena_printf(&r->arena, "%lld %s", m > 0 ? m : 1, um);
}

/* The due time for people: local to the calendar, saying which zone that is
 * ("2026-11-24 09:30 Madrid time (UTC+01:00)", "2026-11-24 08:30 UTC"). */
static const char *
zone_time(struct req *r, time_t t, const char *tz)
{
	char when[32], off[16], place[SLA_TZ_MAX];
	const char *pre = page_text(r, "sla.zone_pre"), *post = page_text(r, "sla.zone_post");

	sla_format_local(t, tz, when, sizeof(when), off, sizeof(off));
	sla_zone_place(tz, place, sizeof(place));
	if (*place == '\0')
		return arena_printf(&r->arena, "%s %s", when, off);
	return arena_printf(&r->arena, "%s %s%s%s%s%s (%s)", when, pre, *pre ? " " : "", place,
	    *post ? " " : "", post, off);
}

/* Describe one clock under prefix: .state (due, soon, overdue), .text, .exact
 * (the due time in the calendar's zone, named) and, when iso is set, .utc
 * (ISO 8601, for the ticket page's <time datetime>). which: "first" or
 * "resolution". */
static void
clock_words(struct req *r, const char *prefix, const char *which, const char *due_s,
    const char *tz, time_t now, int iso)
{
	time_t due = sla_parse_utc(due_s);
	char utc[24];
	long long left;

	if (due == (time_t)-1)
		return;
	left = (long long)(due - now);
	page_set(r, arena_printf(&r->arena, "%s.exact", prefix), zone_time(r, due, tz));
	if (iso) {
		sla_format_utc(due, utc, sizeof(utc));
		utc[10] = 'T';
		page_set(r, arena_printf(&r->arena, "%s.utc", prefix), arena_printf(&r->arena, "%sZ",
		    utc));
	}
	page_set(r, arena_printf(&r->arena, "%s.state", prefix),
	    left < 0 ? "overdue" : left <= 3600 ? "soon" : "due");
	page_set(r, arena_printf(&r->arena, "%s.text", prefix), arena_printf(&r->arena, "%s %s",
	    page_text(r, arena_printf(&r->arena, left < 0 ? "sla.%s_overdue" : "sla.%s_due_in",
	    which)), duration(r, left < 0 ? -left : left)));
}

int
ticket_sla_page(struct req *r, long long id)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT t.first_response_due, t.resolution_due, t.first_response_at, t.status,"
	    " t.sla_paused_at, COALESCE(c.time_zone, 'UTC'), c.name,"
	    " (t.first_response_at > t.first_response_due) AS late, t.resolved_at,"
	    " (t.resolved_at > t.resolution_due) AS res_late"
	    " FROM tickets t LEFT JOIN sla_policies p ON p.priority = t.priority"
	    " LEFT JOIN sla_calendars c ON c.id = p.calendar_id WHERE t.id = ?", "i", id);
	time_t now = time(NULL);
	const char *status, *tz;

	if (res == NULL)
		return -1;
	if (res->nrows == 0 || db_cell(res, 0, 1) == NULL)
		return 0;
	status = db_cell(res, 0, 3);
	tz = db_cell(res, 0, 5);
	page_set(r, "Page.SLA.calendar", db_cell(res, 0, 6));
	if (db_cell(res, 0, 2) != NULL) {
		page_set(r, "Page.SLA.first.state", "met");
		page_msg(r, "Page.SLA.first.text", strcmp(db_cell(res, 0, 7), "1") == 0 ?
		    "sla.first_late" : "sla.first_met");
	} else if (strcmp(status, "resolved") != 0 && strcmp(status, "closed") != 0) {
		clock_words(r, "Page.SLA.first", "first", db_cell(res, 0, 0), tz, now, 1);
	}
	if (strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0) {
		page_set(r, "Page.SLA.resolution.state", "met");
		page_msg(r, "Page.SLA.resolution.text", db_cell(res, 0, 9) != NULL &&
		    strcmp(db_cell(res, 0, 9), "1") == 0 ? "sla.resolution_late" : "sla.resolution_met");
	} else if (db_cell(res, 0, 4) != NULL) {
		page_set(r, "Page.SLA.resolution.state", "paused");
		page_msg(r, "Page.SLA.resolution.text", "sla.paused");
	} else {
		clock_words(r, "Page.SLA.resolution", "resolution", db_cell(res, 0, 1), tz, now, 1);
	}
	page_set(r, "Page.SLA.show", "1");
	return 0;
}

void
ticket_sla_rows(struct req *r, const char *prefix, const struct db_res *res)
{
	time_t now = time(NULL);
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		const char *fr = db_field(res, i, "sla_first_due");
		const char *rs = db_field(res, i, "sla_resolution_due");
		const char *tz = db_field(res, i, "sla_tz");
		const char *p = arena_printf(&r->arena, "%s.%lu.sla", prefix, (unsigned long)i);

		/* The clock that runs out first. */
		if (fr != NULL && (rs == NULL || strcmp(fr, rs) <= 0))
			clock_words(r, p, "first", fr, tz ? tz : "UTC", now, 0);
		else if (rs != NULL)
			clock_words(r, p, "resolution", rs, tz ? tz : "UTC", now, 0);
	}
}

const char *
ticket_sla_day_end(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT c.time_zone FROM sla_policies p"
	    " JOIN sla_calendars c ON c.id = p.calendar_id ORDER BY p.priority = 3 DESC,"
	    " p.priority LIMIT 1", "");
	char out[24];

	sla_format_utc(sla_day_end(time(NULL), res != NULL && res->nrows > 0 ?
	    db_cell(res, 0, 0) : "UTC"), out, sizeof(out));
	return arena_strdup(&r->arena, out);
}

const char *
ticket_sla_utc(struct req *r, long long offset)
{
	char out[24];

	sla_format_utc(time(NULL) + (time_t)offset, out, sizeof(out));
	return arena_strdup(&r->arena, out);
}
