/* sla.c - /admin/sla: targets per priority, business-hours calendars with
 * holidays, and the escalation rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "sla.h"
#include "tsla.h"

#define SLA_MAX_MINUTES 525600     /* a year of minutes */
#define SLA_MAX_CALENDARS 100

static const char *const events[] = { "created", "first_response", "resolution", NULL };

/* Calendars, teams and topics for the select lists. */
static int
lists(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT id, name, time_zone, always,"
	    " (SELECT COUNT(*) FROM sla_holidays h WHERE h.calendar_id = c.id) AS holidays"
	    " FROM sla_calendars c ORDER BY name LIMIT ?", "i", (long long)SLA_MAX_CALENDARS);

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Calendars", res);
	res = db_query(r->db, &r->arena, "SELECT id, name FROM `groups` ORDER BY name", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Teams", res);
	res = db_query(r->db, &r->arena, "SELECT id, IF(? = 'es', name_es, name_en) AS name"
	    " FROM ticket_categories ORDER BY position, id", "s", r->lang);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Topics", res);
	return 0;
}

/* Tell the admin while the worker still moves due times after a change. */
static int
recompute_notice(struct req *r)
{
	int percent = 0, rc = tsla_recompute_pending(r->db, &r->arena, &percent);

	if (rc > 0) {
		page_msg(r, "Page.Recompute.text", "sla.admin.recomputing");
		page_int(r, "Page.Recompute.done", percent);
	}
	return rc < 0 ? -1 : 0;
}

int
sla_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT priority, calendar_id,"
	    " first_response_minutes, resolution_minutes FROM sla_policies ORDER BY priority", "");

	if (res == NULL)
		return -1;
	/* What the person typed wins when the form comes back with errors. */
	if (r->form_errors == 0 || hdf_get_obj(r->hdf, "Page.Policies") == NULL)
		page_rows(r, "Page.Policies", res);
	res = db_query(r->db, &r->arena, "SELECT r.id, r.name, r.enabled, r.event, r.minutes_before,"
	    " r.set_priority, g.name AS team, r.position FROM sla_rules r"
	    " LEFT JOIN `groups` g ON g.id = r.set_group_id ORDER BY r.position, r.id LIMIT 200", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Rules", res);
	if (lists(r) < 0)
		return -1;
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "sla.admin.saved");
	if (req_query(r, "deleted") != NULL)
		page_msg(r, "Page.Notice", "sla.admin.deleted");
	if (recompute_notice(r) < 0)
		return -1;
	page_msg(r, "Page.Title", "sla.admin.title");
	return view_page(r, "admin/sla.cs");
}

/* The four targets, checked. */
struct policies_tx {
	long long cal[4], first[4], res[4];
};

/* Store the targets; the open tickets of each priority whose target changed
 * get new due times from the worker. */
static int
policies_tx(struct db *db, void *ctx)
{
	struct policies_tx *t = ctx;
	long long changed = 0, n;
	int p;

	for (p = 0; p < 4; p++) {
		n = db_exec(db, "INSERT INTO sla_policies (priority, calendar_id, first_response_minutes,"
		    " resolution_minutes) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
		    " calendar_id = VALUES(calendar_id), first_response_minutes ="
		    " VALUES(first_response_minutes), resolution_minutes = VALUES(resolution_minutes)",
		    "iiii", (long long)p + 1, t->cal[p], t->first[p], t->res[p]);
		if (n < 0)
			return -1;
		if (n > 0)   /* 0: the same values as before */
			changed |= 1LL << p;
	}
	return tsla_recompute_mark(db, changed);
}

/* A number of minutes in 1..SLA_MAX_MINUTES, with our own message. */
static long long
minutes(struct req *r, const char *name)
{
	const char *v = form_line(r, FORM_BODY, name, 10, 1);
	char *end;
	long long n;

	if (v == NULL)
		return 0;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || end == v || n < 1 || n > SLA_MAX_MINUTES) {
		form_error(r, name, "sla.admin.minutes_range");
		return 0;
	}
	return n;
}

int
sla_policies_save(struct req *r)
{
	struct policies_tx t;
	int p, ok = 1;

	memset(&t, 0, sizeof(t));
	for (p = 0; p < 4; p++) {
		const char *cn = arena_printf(&r->arena, "calendar_%d", p + 1);
		const char *fn = arena_printf(&r->arena, "first_%d", p + 1);
		const char *rn = arena_printf(&r->arena, "resolution_%d", p + 1);
		struct db_res *res;

		t.cal[p] = form_int(r, FORM_BODY, cn, 1, 1LL << 60, 0, &ok);
		t.first[p] = minutes(r, fn);
		t.res[p] = minutes(r, rn);
		if (t.first[p] > 0 && t.res[p] > 0 && t.first[p] > t.res[p])
			form_error(r, fn, "sla.admin.first_after_resolution");
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM sla_calendars WHERE id = ?", "i",
		    t.cal[p]);
		if (res == NULL)
			return -1;
		if (db_scalar(res, 0) == 0)
			form_error(r, cn, "form.choice");
		page_setf(r, arena_printf(&r->arena, "Page.Policies.%d.priority", p), "%d", p + 1);
		page_set(r, arena_printf(&r->arena, "Page.Policies.%d.calendar_id", p), req_form(r, cn));
		page_set(r, arena_printf(&r->arena, "Page.Policies.%d.first_response_minutes", p),
		    req_form(r, fn));
		page_set(r, arena_printf(&r->arena, "Page.Policies.%d.resolution_minutes", p),
		    req_form(r, rn));
	}
	if (r->form_errors) {
		r->status = 422;
		return sla_page(r);
	}
	if (db_tx(r->db, policies_tx, &t) != 0)
		return -1;
	audit(r, "sla.policies", "sla", arena_printf(&r->arena,
	    "1: %lld/%lld, 2: %lld/%lld, 3: %lld/%lld, 4: %lld/%lld", t.first[0], t.res[0], t.first[1],
	    t.res[1], t.first[2], t.res[2], t.first[3], t.res[3]));
	return http_redirect(r, "/admin/sla?saved=1");
}

/* ------------------------------------------------------------ calendars */

/* "HH:MM" to minutes (00:00..24:00); -1 if malformed. "" gives -2. */
static int
hhmm(const char *s)
{
	int h, m, n = 0;

	if (s == NULL || *s == '\0')
		return -2;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || strlen(s) != 5 || h < 0 ||
	    m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* A calendar as posted. */
struct cal_tx {
	struct req *r;
	long long id;              /* 0 = create */
	const char *name, *tz;
	long long always;
	int span[7][2][2];         /* [weekday][span][start/end], -2 = none */
};

/* 1 if the stored time zone, "around the clock" or hours of calendar t->id
 * differ from t (the due times that count on it must move), 0 if not, -1 on
 * error. Locks the calendar's row. */
static int
cal_changed(struct db *db, struct cal_tx *t)
{
	struct db_res *res = db_query(db, &t->r->arena, "SELECT time_zone, always FROM"
	    " sla_calendars WHERE id = ? FOR UPDATE", "i", t->id);
	size_t i = 0;
	int d, k;

	if (res == NULL)
		return -1;
	if (res->nrows == 0 || strcmp(db_cell(res, 0, 0), t->tz) != 0 ||
	    strtoll(db_cell(res, 0, 1), NULL, 10) != t->always)
		return 1;
	res = db_query(db, &t->r->arena, "SELECT weekday, start_minute, end_minute FROM"
	    " sla_calendar_hours WHERE calendar_id = ? ORDER BY weekday, start_minute", "i", t->id);
	if (res == NULL)
		return -1;
	/* The posted spans come in the same order: by weekday, the second after the first. */
	for (d = 0; d < 7; d++)
		for (k = 0; k < 2; k++) {
			if (t->span[d][k][0] < 0)
				continue;
			if (i >= res->nrows || atoi(db_cell(res, i, 0)) != d ||
			    atoi(db_cell(res, i, 1)) != t->span[d][k][0] ||
			    atoi(db_cell(res, i, 2)) != t->span[d][k][1])
				return 1;
			i++;
		}
	return i != res->nrows;
}

static int
cal_tx(struct db *db, void *ctx)
{
	struct cal_tx *t = ctx;
	int d, k, changed = 0;

	if (t->id == 0) {
		if (db_exec(db, "INSERT INTO sla_calendars (name, time_zone, always) VALUES (?, ?, ?)",
		    "ssi", t->name, t->tz, t->always) < 0)
			return db_dup_key(db) ? 1 : -1;
		t->id = (long long)db_insert_id(db);
	} else {
		if ((changed = cal_changed(db, t)) < 0)
			return -1;
		if (db_exec(db, "UPDATE sla_calendars SET name = ?, time_zone = ?, always = ?"
		    " WHERE id = ?", "ssii", t->name, t->tz, t->always, t->id) < 0)
			return db_dup_key(db) ? 1 : -1;
	}
	if (db_exec(db, "DELETE FROM sla_calendar_hours WHERE calendar_id = ?", "i", t->id) < 0)
		return -1;
	for (d = 0; d < 7; d++)
		for (k = 0; k < 2; k++)
			if (t->span[d][k][0] >= 0 && db_exec(db, "INSERT INTO sla_calendar_hours"
			    " (calendar_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)", "iiii",
			    t->id, (long long)d, (long long)t->span[d][k][0],
			    (long long)t->span[d][k][1]) < 0)
				return -1;
	/* A new calendar counts for no target yet; a renamed one moves nothing. */
	return changed ? tsla_recompute_calendar(db, t->id) : 0;
}

/* Read and check the calendar form into t (the hours too when with_hours),
 * keeping what was typed in Page.Form for the page shown again on errors. */
static void
cal_read(struct req *r, struct cal_tx *t, int with_hours)
{
	int d, k, any = 0;

	t->name = form_line(r, FORM_BODY, "name", 120, 1);
	t->tz = form_line(r, FORM_BODY, "time_zone", SLA_TZ_MAX - 1, 1);
	t->always = req_form(r, "always") != NULL;
	page_set(r, "Page.Form.name", req_form(r, "name"));
	page_set(r, "Page.Form.time_zone", req_form(r, "time_zone"));
	page_set(r, "Page.Form.always", t->always ? "1" : "0");
	if (t->tz != NULL && *t->tz != '\0' && !sla_tz_valid(t->tz))
		form_error(r, "time_zone", "sla.admin.bad_tz");
	for (d = 0; d < 7; d++)
		for (k = 0; k < 2; k++) {
			const char *an = arena_printf(&r->arena, "h%d_%d_from", d, k + 1);
			const char *bn = arena_printf(&r->arena, "h%d_%d_to", d, k + 1);
			const char *av = with_hours ? form_line(r, FORM_BODY, an, 5, 0) : "";
			const char *bv = with_hours ? form_line(r, FORM_BODY, bn, 5, 0) : "";
			int a = hhmm(av), b = hhmm(bv);

			t->span[d][k][0] = t->span[d][k][1] = -2;
			if (with_hours) {
				page_set(r, arena_printf(&r->arena, "Page.Form.%s", an), req_form(r, an));
				page_set(r, arena_printf(&r->arena, "Page.Form.%s", bn), req_form(r, bn));
			}
			if (av == NULL || bv == NULL)
				continue;
			if (a == -2 && b == -2)
				continue;
			if (a < 0 || a >= 1440) {
				form_error(r, an, "sla.admin.bad_time");
				continue;
			}
			if (b < 0) {
				form_error(r, bn, "sla.admin.bad_time");
				continue;
			}
			if (b <= a) {
				form_error(r, bn, "sla.admin.end_before_start");
				continue;
			}
			if (k == 1 && t->span[d][0][1] >= 0 && a < t->span[d][0][1]) {
				form_error(r, an, "sla.admin.spans_overlap");
				continue;
			}
			t->span[d][k][0] = a;
			t->span[d][k][1] = b;
			any = 1;
		}
	if (with_hours && !any && !t->always && r->form_errors == 0)
		form_error(r, "h1_1_from", "sla.admin.no_hours");
}

/* Store the calendar read into t, audited as action; on errors (or a name
 * already taken) 422 and the page `again` with what was typed. */
static int
cal_store(struct req *r, struct cal_tx *t, const char *action, int (*again)(struct req *))
{
	int rc = r->form_errors ? 1 : db_tx(r->db, cal_tx, t);

	if (rc < 0)
		return -1;
	if (rc > 0) {
		if (r->form_errors == 0)
			form_error(r, "name", "sla.admin.name_taken");
		r->status = 422;
		return again(r);
	}
	audit(r, action, t->name, t->always ? "around the clock" : t->tz);
	return http_redirect(r, arena_printf(&r->arena, "/admin/sla/calendars/%lld?saved=1", t->id));
}

int
sla_calendar_create(struct req *r)
{
	struct cal_tx t;
	int d;

	memset(&t, 0, sizeof(t));
	t.r = r;
	cal_read(r, &t, 0);
	/* A new calendar starts with Monday to Friday 09:00-18:00. */
	for (d = 1; d <= 5; d++) {
		t.span[d][0][0] = 540;
		t.span[d][0][1] = 1080;
	}
	return cal_store(r, &t, "sla.calendar.create", sla_page);
}

/* The id in params[0] when such a calendar (rule 0) or escalation rule (rule 1)
 * exists; 0 when not, -1 on a database error. */
static long long
path_id(struct req *r, int rule)
{
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	struct db_res *res;

	if (*end != '\0' || id <= 0)
		return 0;
	res = rule ? db_query(r->db, &r->arena, "SELECT COUNT(*) FROM sla_rules WHERE id = ?", "i", id) :
	    db_query(r->db, &r->arena, "SELECT COUNT(*) FROM sla_calendars WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	return db_scalar(res, 0) > 0 ? id : 0;
}

/* The calendar of the path (see path_id). */
static long long
cal_id(struct req *r)
{
	return path_id(r, 0);
}

int
sla_calendar_page(struct req *r)
{
	long long id = cal_id(r);
	struct db_res *res;
	size_t i;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT id, name, time_zone, always FROM sla_calendars"
	    " WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	page_row(r, "Page.Cal", res);
	/* What the person typed, when the calendar form comes back with errors. */
	if (hdf_get_obj(r->hdf, "Page.Form") == NULL) {
		int seen[7] = { 0 };

		page_row(r, "Page.Form", res);
		res = db_query(r->db, &r->arena, "SELECT weekday, start_minute, end_minute FROM"
		    " sla_calendar_hours WHERE calendar_id = ? ORDER BY weekday, start_minute", "i", id);
		if (res == NULL)
			return -1;
		for (i = 0; i < res->nrows; i++) {
			int d = atoi(db_cell(res, i, 0)), a = atoi(db_cell(res, i, 1)),
			    b = atoi(db_cell(res, i, 2));

			if (d < 0 || d > 6 || seen[d] >= 2)
				continue;
			seen[d]++;
			page_setf(r, arena_printf(&r->arena, "Page.Form.h%d_%d_from", d, seen[d]),
			    "%02d:%02d", a / 60, a % 60);
			page_setf(r, arena_printf(&r->arena, "Page.Form.h%d_%d_to", d, seen[d]),
			    "%02d:%02d", b / 60, b % 60);
		}
	}
	res = db_query(r->db, &r->arena, "SELECT id, DATE_FORMAT(day, '%Y-%m-%d') AS day, name"
	    " FROM sla_holidays WHERE calendar_id = ? ORDER BY day", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Holidays", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "sla.admin.saved");
	if (recompute_notice(r) < 0)
		return -1;
	page_setf(r, "Page.Title", "%s · %s", page_text(r, "sla.admin.calendars"),
	    hdf_get_value(r->hdf, "Page.Cal.name", ""));
	return view_page(r, "admin/sla_calendar.cs");
}

int
sla_calendar_save(struct req *r)
{
	struct cal_tx t;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = cal_id(r);
	if (t.id < 0)
		return -1;
	if (t.id == 0)
		return http_fail(r, 404, "error.not_found");
	cal_read(r, &t, 1);
	return cal_store(r, &t, "sla.calendar.update", sla_calendar_page);
}

int
sla_calendar_delete(struct req *r)
{
	long long id = cal_id(r);
	struct db_res *res;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM sla_policies WHERE calendar_id = ?",
	    "i", id);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) > 0)
		return http_fail(r, 409, "sla.admin.calendar_in_use");
	if (db_exec(r->db, "DELETE FROM sla_calendars WHERE id = ?", "i", id) < 0)
		return -1;
	audit(r, "sla.calendar.delete", r->params[0], "");
	return http_redirect(r, "/admin/sla?deleted=1");
}

int
sla_holiday_add(struct req *r)
{
	long long id = cal_id(r);
	const char *day, *name;
	int y, m, d, n = 0;
	struct sla_cal probe;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	day = form_line(r, FORM_BODY, "day", 10, 1);
	name = form_line(r, FORM_BODY, "holiday_name", 120, 1);
	sla_cal_init(&probe, "", 0);
	if (day != NULL && (sscanf(day, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || day[n] != '\0' ||
	    strlen(day) != 10 || sla_cal_holiday(&probe, y, m, d) < 0))
		form_error(r, "day", "sla.admin.bad_date");
	if (r->form_errors == 0 && db_exec(r->db, "INSERT INTO sla_holidays (calendar_id, day, name)"
	    " VALUES (?, ?, ?)", "iss", id, day, name) < 0) {
		if (!db_dup_key(r->db))
			return -1;
		form_error(r, "day", "sla.admin.holiday_taken");
	} else if (r->form_errors == 0 && tsla_recompute_calendar(r->db, id) < 0) {
		return -1;
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Holiday.day", req_form(r, "day"));
		page_set(r, "Page.Holiday.name", req_form(r, "holiday_name"));
		return sla_calendar_page(r);
	}
	audit(r, "sla.holiday.add", arena_printf(&r->arena, "calendar %lld", id),
	    arena_printf(&r->arena, "%s %s", day, name));
	return http_redirect(r, arena_printf(&r->arena, "/admin/sla/calendars/%lld?saved=1", id));
}

int
sla_holiday_remove(struct req *r)
{
	long long id = cal_id(r);
	int ok = 1;
	long long hid = form_int(r, FORM_BODY, "holiday", 1, 1LL << 60, 0, &ok), n;

	if (id < 0)
		return -1;
	if (id == 0 || !ok || hid == 0)
		return http_fail(r, id == 0 ? 404 : 400, id == 0 ? "error.not_found" :
		    "error.bad_request");
	n = db_exec(r->db, "DELETE FROM sla_holidays WHERE id = ? AND calendar_id = ?", "ii", hid, id);
	if (n < 0 || (n > 0 && tsla_recompute_calendar(r->db, id) < 0))
		return -1;
	audit(r, "sla.holiday.remove", arena_printf(&r->arena, "calendar %lld", id),
	    arena_printf(&r->arena, "holiday %lld", hid));
	return http_redirect(r, arena_printf(&r->arena, "/admin/sla/calendars/%lld?saved=1", id));
}

/* ------------------------------------------------------------ rules */

/* The escalation rule of the path (see path_id). */
static long long
rule_id(struct req *r)
{
	return path_id(r, 1);
}

static int
rule_form(struct req *r)
{
	if (lists(r) < 0)
		return -1;
	return view_page(r, "admin/sla_rule.cs");
}

int
sla_rule_new(struct req *r)
{
	page_set(r, "Page.Form.enabled", "1");
	page_set(r, "Page.Form.event", "resolution");
	page_set(r, "Page.Form.minutes_before", "0");
	page_msg(r, "Page.Title", "sla.admin.new_rule");
	return rule_form(r);
}

int
sla_rule_page(struct req *r)
{
	long long id = rule_id(r);
	struct db_res *res;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT id, name, enabled, event, minutes_before,"
	    " min_priority, impact_many, COALESCE(category_id, 0) AS category_id, words, set_priority,"
	    " COALESCE(set_group_id, 0) AS set_group_id, notify_team, notify_assignee, notify_email"
	    " FROM sla_rules WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	page_set(r, "Page.RuleId", r->params[0]);
	if (r->form_errors == 0)
		page_row(r, "Page.Form", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "sla.admin.saved");
	page_setf(r, "Page.Title", "%s · %s", page_text(r, "sla.admin.rules"), db_cell(res, 0, 1));
	return rule_form(r);
}

/* A rule as posted. */
struct rule_in {
	long long id, enabled, before, min_priority, impact_many, category, set_priority, set_group,
	    notify_team, notify_assignee;
	const char *name, *event, *words, *email;
};

static void
rule_read(struct req *r, struct rule_in *x)
{
	static const char *const fields[] = { "name", "event", "minutes_before", "min_priority",
		"category", "words", "set_priority", "set_group", "notify_email", NULL };
	int ok = 1;
	size_t i;

	x->name = form_line(r, FORM_BODY, "name", 120, 1);
	x->event = form_choice(r, FORM_BODY, "event", events, NULL);
	if (x->event == NULL)
		form_error(r, "event", "form.choice");
	x->before = form_int(r, FORM_BODY, "minutes_before", 0, SLA_MAX_MINUTES, 0, &ok);
	x->min_priority = form_int(r, FORM_BODY, "min_priority", 0, 4, 0, &ok);
	x->category = form_int(r, FORM_BODY, "category", 0, 1LL << 60, 0, &ok);
	x->words = form_line(r, FORM_BODY, "words", 500, 0);
	x->set_priority = form_int(r, FORM_BODY, "set_priority", 0, 4, 0, &ok);
	x->set_group = form_int(r, FORM_BODY, "set_group", 0, 1LL << 60, 0, &ok);
	x->email = form_email(r, FORM_BODY, "notify_email", 0);
	x->enabled = req_form(r, "enabled") != NULL;
	x->impact_many = req_form(r, "impact_many") != NULL;
	x->notify_team = req_form(r, "notify_team") != NULL;
	x->notify_assignee = req_form(r, "notify_assignee") != NULL;
	if (r->form_errors == 0 && x->set_priority == 0 && x->set_group == 0 && !x->notify_team &&
	    !x->notify_assignee && (x->email == NULL || *x->email == '\0'))
		form_error(r, "set_priority", "sla.admin.rule_needs_action");
	if (r->form_errors == 0 && x->category > 0) {
		struct db_res *res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM ticket_categories"
		    " WHERE id = ?", "i", x->category);

		if (res != NULL && db_scalar(res, 0) == 0)
			form_error(r, "category", "form.choice");
	}
	if (r->form_errors == 0 && x->set_group > 0) {
		struct db_res *res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM `groups`"
		    " WHERE id = ?", "i", x->set_group);

		if (res != NULL && db_scalar(res, 0) == 0)
			form_error(r, "set_group", "form.choice");
	}
	for (i = 0; fields[i] != NULL; i++)
		page_set(r, arena_printf(&r->arena, "Page.Form.%s", fields[i]), req_form(r, fields[i]));
	page_set(r, "Page.Form.set_group_id", req_form(r, "set_group"));
	page_set(r, "Page.Form.category_id", req_form(r, "category"));
	page_int(r, "Page.Form.enabled", x->enabled);
	page_int(r, "Page.Form.impact_many", x->impact_many);
	page_int(r, "Page.Form.notify_team", x->notify_team);
	page_int(r, "Page.Form.notify_assignee", x->notify_assignee);
}

int
sla_rule_create(struct req *r)
{
	struct rule_in x;

	memset(&x, 0, sizeof(x));
	rule_read(r, &x);
	if (r->form_errors) {
		r->status = 422;
		page_msg(r, "Page.Title", "sla.admin.new_rule");
		return rule_form(r);
	}
	if (db_exec(r->db, "INSERT INTO sla_rules (name, position, enabled, event, minutes_before,"
	    " min_priority, impact_many, category_id, words, set_priority, set_group_id, notify_team,"
	    " notify_assignee, notify_email) SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ?, ?, ?, ?,"
	    " NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, ? FROM sla_rules", "sisiiiisiiiis", x.name,
	    x.enabled, x.event, x.before, x.min_priority, x.impact_many, x.category, x.words,
	    x.set_priority, x.set_group, x.notify_team, x.notify_assignee, x.email) < 0)
		return -1;
	x.id = (long long)db_insert_id(r->db);
	audit(r, "sla.rule.create", x.name, x.event);
	return http_redirect(r, "/admin/sla?saved=1#rules");
}

int
sla_rule_save(struct req *r)
{
	struct rule_in x;

	memset(&x, 0, sizeof(x));
	x.id = rule_id(r);
	if (x.id < 0)
		return -1;
	if (x.id == 0)
		return http_fail(r, 404, "error.not_found");
	rule_read(r, &x);
	if (r->form_errors) {
		r->status = 422;
		return sla_rule_page(r);
	}
	if (db_exec(r->db, "UPDATE sla_rules SET name = ?, enabled = ?, event = ?, minutes_before = ?,"
	    " min_priority = ?, impact_many = ?, category_id = NULLIF(?, 0), words = ?,"
	    " set_priority = ?, set_group_id = NULLIF(?, 0), notify_team = ?, notify_assignee = ?,"
	    " notify_email = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?", "sisiiiisiiiisi", x.name,
	    x.enabled, x.event, x.before, x.min_priority, x.impact_many, x.category, x.words,
	    x.set_priority, x.set_group, x.notify_team, x.notify_assignee, x.email, x.id) < 0)
		return -1;
	audit(r, "sla.rule.update", x.name, x.enabled ? "enabled" : "disabled");
	return http_redirect(r, arena_printf(&r->arena, "/admin/sla/rules/%lld?saved=1", x.id));
}

/* Swap rule id with its neighbour (dir -1 up, +1 down), renumbering all. */
struct move_tx {
	long long id;
	int dir;
};

static int
move_tx(struct db *db, void *ctx)
{
	struct move_tx *m = ctx;
	struct arena a;
	struct db_res *res;
	size_t i, at = 0;
	int rc = 0;

	arena_init(&a, 0);
	res = db_query(db, &a, "SELECT id FROM sla_rules ORDER BY position, id FOR UPDATE", "");
	if (res == NULL) {
		arena_free(&a);
		return -1;
	}
	for (i = 0; i < res->nrows; i++)
		if (strtoll(db_cell(res, i, 0), NULL, 10) == m->id)
			at = i;
	for (i = 0; i < res->nrows && rc == 0; i++) {
		size_t pos = i;

		if (m->dir < 0 && at > 0 && i == at)
			pos = at - 1;
		else if (m->dir < 0 && at > 0 && i == at - 1)
			pos = at;
		else if (m->dir > 0 && at + 1 < res->nrows && i == at)
			pos = at + 1;
		else if (m->dir > 0 && at + 1 < res->nrows && i == at + 1)
			pos = at;
		if (db_exec(db, "UPDATE sla_rules SET position = ? WHERE id = ?", "is",
		    (long long)pos + 1, db_cell(res, i, 0)) < 0)
			rc = -1;
	}
	arena_free(&a);
	return rc;
}

int
sla_rule_action(struct req *r)
{
	static const char *const acts[] = { "enable", "disable", "delete", "up", "down", NULL };
	long long id = rule_id(r);
	const char *act = form_choice(r, FORM_BODY, "do", acts, NULL);
	struct move_tx m;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (act == NULL)
		return http_fail(r, 400, "error.bad_request");
	if (strcmp(act, "enable") == 0 || strcmp(act, "disable") == 0) {
		if (db_exec(r->db, "UPDATE sla_rules SET enabled = ? WHERE id = ?", "ii",
		    (long long)(strcmp(act, "enable") == 0), id) < 0)
			return -1;
	} else if (strcmp(act, "delete") == 0) {
		if (db_exec(r->db, "DELETE FROM sla_rules WHERE id = ?", "i", id) < 0)
			return -1;
	} else {
		m.id = id;
		m.dir = strcmp(act, "up") == 0 ? -1 : 1;
		if (db_tx(r->db, move_tx, &m) != 0)
			return -1;
	}
	audit(r, arena_printf(&r->arena, "sla.rule.%s", act), r->params[0], "");
	return http_redirect(r, "/admin/sla?saved=1#rules");
}
