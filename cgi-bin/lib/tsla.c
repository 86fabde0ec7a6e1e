/* tsla.c - service levels of tickets in the database (see tsla.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "log.h"
#include "text.h"
#include "tsla.h"

/* A ticket as the SLA code sees it (cells of one query row). */
struct trow {
	long long id, priority, impact, category, group, assignee, paused_minutes;
	const char *status, *subject, *created, *fr_at, *fr_due, *res_due, *sla_priority,
	    *paused_at;
};

/* An escalation rule. */
struct rule {
	long long id, before, min_priority, impact_many, category, set_priority, set_group,
	    notify_team, notify_assignee;
	const char *name, *event, *words, *email;
};

#define RULE_COLS "id, name, event, minutes_before, min_priority, impact_many," \
	" COALESCE(category_id, 0), words, set_priority, COALESCE(set_group_id, 0)," \
	" notify_team, notify_assignee, notify_email"

static long long
num(const char *s)
{
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

static void
rule_from(const struct db_res *res, size_t i, struct rule *r)
{
	r->id = num(db_cell(res, i, 0));
	r->name = db_cell(res, i, 1);
	r->event = db_cell(res, i, 2);
	r->before = num(db_cell(res, i, 3));
	r->min_priority = num(db_cell(res, i, 4));
	r->impact_many = num(db_cell(res, i, 5));
	r->category = num(db_cell(res, i, 6));
	r->words = db_cell(res, i, 7);
	r->set_priority = num(db_cell(res, i, 8));
	r->set_group = num(db_cell(res, i, 9));
	r->notify_team = num(db_cell(res, i, 10));
	r->notify_assignee = num(db_cell(res, i, 11));
	r->email = db_cell(res, i, 12);
}

int
tsla_calendar(struct db *db, struct arena *a, long long id, struct sla_cal *c)
{
	struct db_res *res = db_query(db, a, "SELECT time_zone, always FROM sla_calendars"
	    " WHERE id = ?", "i", id);
	size_t i;

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 1;
	sla_cal_init(c, db_cell(res, 0, 0), num(db_cell(res, 0, 1)) != 0);
	res = db_query(db, a, "SELECT weekday, start_minute, end_minute FROM sla_calendar_hours"
	    " WHERE calendar_id = ? ORDER BY weekday, start_minute LIMIT ?", "ii", id,
	    (long long)SLA_MAX_SPANS);
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++)
		sla_cal_span(c, (int)num(db_cell(res, i, 0)), (int)num(db_cell(res, i, 1)),
		    (int)num(db_cell(res, i, 2)));
	res = db_query(db, a, "SELECT YEAR(day), MONTH(day), DAYOFMONTH(day) FROM sla_holidays"
	    " WHERE calendar_id = ? ORDER BY day DESC LIMIT ?", "ii", id, (long long)SLA_MAX_HOLIDAYS);
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++)
		sla_cal_holiday(c, (int)num(db_cell(res, i, 0)), (int)num(db_cell(res, i, 1)),
		    (int)num(db_cell(res, i, 2)));
	return 0;
}

/* Load ticket tid (locked for update). 1 if it does not exist. */
static int
load_ticket(struct tsla *s, long long tid, struct trow *t)
{
	struct db_res *res = db_query(s->db, s->a, "SELECT id, status, priority, impact,"
	    " COALESCE(category_id, 0), COALESCE(group_id, 0), COALESCE(assignee_id, 0), subject,"
	    " created_at, first_response_at, first_response_due, resolution_due, sla_priority,"
	    " sla_paused_at, sla_paused_minutes FROM tickets WHERE id = ? FOR UPDATE", "i", tid);

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 1;
	t->id = num(db_cell(res, 0, 0));
	t->status = db_cell(res, 0, 1);
	t->priority = num(db_cell(res, 0, 2));
	t->impact = num(db_cell(res, 0, 3));
	t->category = num(db_cell(res, 0, 4));
	t->group = num(db_cell(res, 0, 5));
	t->assignee = num(db_cell(res, 0, 6));
	t->subject = db_cell(res, 0, 7);
	t->created = db_cell(res, 0, 8);
	t->fr_at = db_cell(res, 0, 9);
	t->fr_due = db_cell(res, 0, 10);
	t->res_due = db_cell(res, 0, 11);
	t->sla_priority = db_cell(res, 0, 12);
	t->paused_at = db_cell(res, 0, 13);
	t->paused_minutes = num(db_cell(res, 0, 14));
	return 0;
}

/* The resolution clock stands still while the ticket waits or is done. */
static int
clock_stopped(const char *status)
{
	return strcmp(status, "pending") == 0 || strcmp(status, "resolved") == 0 ||
	    strcmp(status, "closed") == 0;
}

/* The first-reply and solution due times (UTC text, 24 bytes each) of a
 * ticket created at `created` whose clock stood still `paused` business
 * minutes, for targets of `first` and `res` business minutes on cal. The one
 * rule for new tickets, priority changes and changed calendars or targets. */
static void
due_times(const struct sla_cal *cal, time_t created, long long first, long long res,
    long long paused, char *fr, char *rs)
{
	sla_format_utc(sla_add(cal, created, first), fr, 24);
	sla_format_utc(sla_add(cal, created, res + paused), rs, 24);
}

/* Compute and store the due times and pause state of t. */
static int
store_dues(struct tsla *s, struct trow *t)
{
	struct db_res *pol = db_query(s->db, s->a, "SELECT calendar_id, first_response_minutes,"
	    " resolution_minutes FROM sla_policies WHERE priority = ?", "i", t->priority);
	struct sla_cal *cal = arena_alloc(s->a, sizeof(*cal));
	char now[24], frd[24], rsd[24], pa[24];
	const char *fr = NULL, *rs = NULL, *paused_at = t->paused_at;
	time_t created = sla_parse_utc(t->created);
	int have_cal = 0;

	if (pol == NULL)
		return -1;
	sla_format_utc(s->now, now, sizeof(now));
	if (pol->nrows == 1) {
		int rc = tsla_calendar(s->db, s->a, num(db_cell(pol, 0, 0)), cal);

		if (rc < 0)
			return -1;
		have_cal = rc == 0;
	}
	if (clock_stopped(t->status) && paused_at == NULL) {
		paused_at = now;
	} else if (!clock_stopped(t->status) && paused_at != NULL) {
		time_t from = sla_parse_utc(paused_at);

		if (have_cal && from != (time_t)-1)
			t->paused_minutes += sla_elapsed(cal, from, s->now);
		paused_at = NULL;
	}
	if (have_cal && created != (time_t)-1) {
		due_times(cal, created, num(db_cell(pol, 0, 1)), num(db_cell(pol, 0, 2)),
		    t->paused_minutes, frd, rsd);
		fr = frd;
		rs = rsd;
	}
	if (paused_at != NULL) {
		snprintf(pa, sizeof(pa), "%s", paused_at);
		paused_at = pa;
	}
	if (db_exec(s->db, "UPDATE tickets SET first_response_due = ?, resolution_due = ?,"
	    " sla_priority = ?, sla_paused_at = ?, sla_paused_minutes = ? WHERE id = ?", "ssisii",
	    fr, rs, t->priority, paused_at, t->paused_minutes > 2000000000 ? 2000000000 :
	    t->paused_minutes, t->id) < 0)
		return -1;
	t->fr_due = fr ? arena_strdup(s->a, fr) : NULL;
	t->res_due = rs ? arena_strdup(s->a, rs) : NULL;
	t->paused_at = paused_at ? arena_strdup(s->a, paused_at) : NULL;
	return 0;
}

/* Folded words of s separated by single spaces, with a space at each end. */
static char *
norm_words(struct arena *a, const char *s)
{
	const char *tok[4096];
	size_t n = text_tokens(a, text_fold(a, s), tok, sizeof(tok) / sizeof(tok[0])), i;
	struct buf b = { 0 };
	char *out;

	b.max = 1 << 20;
	buf_puts(&b, " ");
	for (i = 0; i < n; i++) {
		buf_puts(&b, tok[i]);
		buf_puts(&b, " ");
	}
	out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

int
tsla_words_match(struct arena *a, const char *hay, const char *list)
{
	const char *h, *p = list;

	if (hay == NULL || list == NULL || *list == '\0')
		return 0;
	h = norm_words(a, hay);
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		char *w = norm_words(a, arena_strndup(a, p, len));

		if (strcmp(w, " ") != 0 && strstr(h, w) != NULL)
			return 1;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The summary and the first message of ticket t, for word rules. */
static const char *
ticket_text(struct tsla *s, const struct trow *t)
{
	struct db_res *res = db_query(s->db, s->a, "SELECT LEFT(body, 20000) FROM ticket_messages"
	    " WHERE ticket_id = ? ORDER BY id LIMIT 1", "i", t->id);

	return arena_printf(s->a, "%s\n%s", t->subject,
	    res != NULL && res->nrows > 0 ? db_cell(res, 0, 0) : "");
}

/* 1 if rule r applies to t now. */
static int
rule_matches(struct tsla *s, const struct rule *r, const struct trow *t)
{
	if (r->min_priority > 0 && t->priority > r->min_priority)
		return 0;
	if (r->impact_many && t->impact != 1)
		return 0;
	if (r->category > 0 && t->category != r->category)
		return 0;
	if (strcmp(r->event, "first_response") == 0) {
		time_t due = t->fr_due ? sla_parse_utc(t->fr_due) : (time_t)-1;

		if (t->fr_at != NULL || due == (time_t)-1 || strcmp(t->status, "resolved") == 0 ||
		    strcmp(t->status, "closed") == 0 || s->now < due - r->before * 60)
			return 0;
	} else if (strcmp(r->event, "resolution") == 0) {
		time_t due = t->res_due ? sla_parse_utc(t->res_due) : (time_t)-1;

		if (due == (time_t)-1 || clock_stopped(t->status) || s->now < due - r->before * 60)
			return 0;
	}
	if (r->words != NULL && *r->words != '\0' &&
	    !tsla_words_match(s->a, ticket_text(s, t), r->words))
		return 0;
	return 1;
}

/* Queue the escalation mail about t to one address in lang. */
static void
notify_one(struct tsla *s, const struct trow *t, const struct rule *r, const char *to,
    const char *name, const char *lang)
{
	struct buf text = { 0 }, html = { 0 };
	HDF *h = NULL;
	char number[32], due[64] = "";
	const char *subject, *when = strcmp(r->event, "resolution") == 0 ? t->res_due :
	    strcmp(r->event, "first_response") == 0 ? t->fr_due : NULL;

	if (s->view == NULL || to == NULL || *to == '\0')
		return;
	if (view_lang_index(lang) < 0)
		lang = s->conf->default_language;
	snprintf(number, sizeof(number), "T-%06lld", t->id);
	if (when != NULL)
		snprintf(due, sizeof(due), "%s UTC", when);
	subject = arena_printf(s->a, "[%s] %s: %s", number, view_text(s->view, lang,
	    "mail.sla.subject"), t->subject);
	if (hdf_init(&h) != STATUS_OK)
		return;
	hdf_set_value(h, "Mail.Subject", subject);
	hdf_set_value(h, "Mail.Lang", lang);
	hdf_set_value(h, "Mail.Name", name ? name : "");
	hdf_set_value(h, "Mail.Number", number);
	hdf_set_value(h, "Mail.TicketSubject", t->subject);
	hdf_set_value(h, "Mail.Rule", r->name);
	hdf_set_value(h, "Mail.Event", r->event);
	hdf_set_value(h, "Mail.Due", due);
	hdf_set_int_value(h, "Mail.Priority", (int)t->priority);
	hdf_set_value(h, "Mail.Link", arena_printf(s->a, "%s/tickets/%s", s->conf->base_url, number));
	hdf_set_value(h, "Site.Name", s->conf->site_name);
	text.max = html.max = 1 << 20;
	if (view_render(s->view, "mail/sla_escalation.txt.cs", h, lang, &text) == 0 &&
	    view_render(s->view, "mail/sla_escalation.html.cs", h, lang, &html) == 0) {
		if (mail_queue(s->db, to, subject, buf_str(&text), buf_str(&html)) < 0)
			log_warn("could not queue the escalation mail for ticket %lld", t->id);
	}
	buf_free(&text);
	buf_free(&html);
	hdf_destroy(&h);
}

/* Mail the people rule r names about t (each address once). */
static int
notify(struct tsla *s, const struct trow *t, const struct rule *r)
{
	struct db_res *res = db_query(s->db, s->a,
	    "SELECT DISTINCT u.email, u.name, u.language FROM users u WHERE u.active = 1 AND ("
	    " (? = 1 AND u.id IN (SELECT ug.user_id FROM user_groups ug WHERE ug.group_id = ?)"
	    "  AND (FIND_IN_SET('agent', u.roles) OR FIND_IN_SET('admin', u.roles)))"
	    " OR (? = 1 AND u.id = ?)) ORDER BY u.email LIMIT 200", "iiii", r->notify_team, t->group,
	    r->notify_assignee, t->assignee);
	size_t i;
	int email_done = 0;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		if (r->email != NULL && strcasecmp(r->email, db_cell(res, i, 0)) == 0)
			email_done = 1;
		notify_one(s, t, r, db_cell(res, i, 0), db_cell(res, i, 1), db_cell(res, i, 2));
	}
	if (!email_done && r->email != NULL && *r->email != '\0')
		notify_one(s, t, r, r->email, "", s->conf->default_language);
	return 0;
}

/* History entry of ticket tid: the system changed `what` from old to new. */
static int
system_event(struct tsla *s, long long tid, const char *what, long long old, long long new)
{
	char a[24], b[24];

	snprintf(a, sizeof(a), "%lld", old);
	snprintf(b, sizeof(b), "%lld", new);
	return db_exec(s->db, "INSERT INTO ticket_events (ticket_id, actor_id, what, old_value,"
	    " new_value) VALUES (?, NULL, ?, ?, ?)", "isss", tid, what, a, b) < 0 ? -1 : 0;
}

/* Apply rule r to the locked ticket t if it matches and has not acted on it
 * yet. Sets *moved when the priority changed (due times to recompute). */
static int
apply(struct tsla *s, struct trow *t, const struct rule *r, int *moved)
{
	long long n;

	if (!rule_matches(s, r, t))
		return 0;
	n = db_exec(s->db, "INSERT IGNORE INTO ticket_escalations (ticket_id, rule_id, event,"
	    " due_at, at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())", "iiss", t->id, r->id, r->event,
	    strcmp(r->event, "resolution") == 0 ? t->res_due :
	    strcmp(r->event, "first_response") == 0 ? t->fr_due : NULL);
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;     /* this rule already acted on this ticket */
	if (db_exec(s->db, "INSERT INTO ticket_events (ticket_id, actor_id, what, old_value,"
	    " new_value) VALUES (?, NULL, 'escalated', ?, ?)", "iss", t->id, r->event, r->name) < 0)
		return -1;
	if (r->set_priority > 0 && r->set_priority < t->priority) {
		if (db_exec(s->db, "UPDATE tickets SET priority = ?, updated_at = UTC_TIMESTAMP()"
		    " WHERE id = ?", "ii", r->set_priority, t->id) < 0 ||
		    system_event(s, t->id, "priority", t->priority, r->set_priority) < 0)
			return -1;
		t->priority = r->set_priority;
		*moved = 1;
	}
	if (r->set_group > 0 && r->set_group != t->group) {
		if (db_exec(s->db, "UPDATE tickets SET group_id = ?, updated_at = UTC_TIMESTAMP()"
		    " WHERE id = ?", "ii", r->set_group, t->id) < 0 ||
		    system_event(s, t->id, "team", t->group, r->set_group) < 0)
			return -1;
		t->group = r->set_group;
	}
	s->escalated++;
	return notify(s, t, r);
}

/* Apply the enabled rules of one event kind to the locked ticket t, in order. */
static int
apply_rules(struct tsla *s, struct trow *t, const char *kind, long long only_rule)
{
	struct db_res *res = db_query(s->db, s->a, "SELECT " RULE_COLS " FROM sla_rules"
	    " WHERE enabled = 1 AND event = ? AND (? = 0 OR id = ?) ORDER BY position, id LIMIT ?",
	    "siii", kind, only_rule, only_rule, (long long)TSLA_MAX_RULES);
	size_t i;
	int moved = 0;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		struct rule r;

		rule_from(res, i, &r);
		if (apply(s, t, &r, &moved) < 0)
			return -1;
	}
	return moved ? store_dues(s, t) : 0;
}

int
tsla_sync(struct tsla *s, long long tid)
{
	struct trow t;
	int rc = load_ticket(s, tid, &t), first;
	time_t created;

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	first = t.sla_priority == NULL;
	/* Nothing changed that matters: leave the row alone. */
	if (!first && num(t.sla_priority) == t.priority &&
	    clock_stopped(t.status) == (t.paused_at != NULL))
		return 0;
	if (store_dues(s, &t) < 0)
		return -1;
	created = sla_parse_utc(t.created);
	/* A new ticket meets the "created" rules (not one from before SLAs existed). */
	if (first && !clock_stopped(t.status) && created != (time_t)-1 &&
	    s->now - created < 24 * 3600)
		return apply_rules(s, &t, "created", 0);
	return 0;
}

/* One ticket id to sync or escalate, in its own transaction. */
struct step_tx {
	struct tsla *s;
	long long tid;      /* ticket */
	long long rule;     /* rule to apply, 0 = only sync */
	const char *kind;   /* its event */
};

static int
step_tx(struct db *db, void *ctx)
{
	struct step_tx *x = ctx;
	struct trow t;
	int rc;

	(void)db;
	if (x->rule == 0)
		return tsla_sync(x->s, x->tid);
	rc = load_ticket(x->s, x->tid, &t);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return apply_rules(x->s, &t, x->kind, x->rule);
}

/* Run step_tx over the first column of res. */
static int
each(struct tsla *s, const struct db_res *res, long long rule, const char *kind)
{
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		struct step_tx x = { s, num(db_cell(res, i, 0)), rule, kind };

		if (db_tx(s->db, step_tx, &x) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ recompute */

int
tsla_recompute_mark(struct db *db, long long mask)
{
	if ((mask & 15) == 0)
		return 0;
	return db_exec(db, "UPDATE sla_recompute SET priorities = priorities | ?, next_id = 0,"
	    " generation = generation + 1, requested_at = UTC_TIMESTAMP() WHERE id = 1", "i",
	    mask & 15) < 0 ? -1 : 0;
}

int
tsla_recompute_calendar(struct db *db, long long cal)
{
	return db_exec(db, "UPDATE sla_recompute SET priorities = priorities | (SELECT"
	    " COALESCE(BIT_OR(1 << (p.priority - 1)), 0) FROM sla_policies p WHERE p.calendar_id = ?"
	    " AND p.priority BETWEEN 1 AND 4), next_id = 0, generation = generation + 1,"
	    " requested_at = UTC_TIMESTAMP() WHERE id = 1 AND EXISTS (SELECT 1 FROM sla_policies q"
	    " WHERE q.calendar_id = ?)", "ii", cal, cal) < 0 ? -1 : 0;
}

int
tsla_recompute_pending(struct db *db, struct arena *a, int *percent)
{
	struct db_res *res = db_query(db, a, "SELECT priorities, LEAST(99, FLOOR(100 * next_id /"
	    " GREATEST(1, (SELECT COALESCE(MAX(id), 0) FROM tickets)))) FROM sla_recompute"
	    " WHERE id = 1", "");

	if (res == NULL)
		return -1;
	if (res->nrows == 0 || num(db_cell(res, 0, 0)) == 0)
		return 0;
	*percent = (int)num(db_cell(res, 0, 1));
	return 1;
}

/* The targets of one priority with their calendar. */
struct target {
	int have;                /* a target exists (and its calendar) */
	long long first, res;    /* business minutes */
	struct sla_cal *cal;     /* its calendar (arena) */
};

/* Load the targets of priorities 1..4 into tg[0..3] (each calendar once). */
static int
load_targets(struct tsla *s, struct target tg[4])
{
	struct db_res *res = db_query(s->db, s->a, "SELECT priority, calendar_id,"
	    " first_response_minutes, resolution_minutes FROM sla_policies WHERE priority BETWEEN 1"
	    " AND 4 ORDER BY calendar_id", "");
	long long ids[4] = { 0 };
	size_t i;

	memset(tg, 0, 4 * sizeof(*tg));
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		struct target *t = &tg[num(db_cell(res, i, 0)) - 1];
		long long cal = num(db_cell(res, i, 1));
		int j, rc;

		t->first = num(db_cell(res, i, 2));
		t->res = num(db_cell(res, i, 3));
		for (j = 0; j < 4; j++)
			if (ids[j] == cal && tg[j].cal != NULL)
				t->cal = tg[j].cal;
		if (t->cal == NULL) {
			t->cal = arena_alloc(s->a, sizeof(*t->cal));
			if ((rc = tsla_calendar(s->db, s->a, cal, t->cal)) < 0)
				return -1;
			if (rc > 0)
				continue;
		}
		ids[t - tg] = cal;
		t->have = 1;
	}
	return 0;
}

/* One batch of the recompute: the open tickets of the marked priorities with
 * ids in (from, to], at most TSLA_RECOMPUTE_BATCH. */
struct recompute_tx {
	struct tsla *s;
	long long mask, from, to;   /* priorities (bits), ids */
	long long last;             /* out: ids up to this one are done */
	long long changed;          /* out: tickets whose due times moved */
};

static int
recompute_tx(struct db *db, void *ctx)
{
	struct recompute_tx *x = ctx;
	struct target tg[4];
	struct db_res *res;
	size_t i;

	x->changed = 0;
	if (load_targets(x->s, tg) < 0)
		return -1;
	res = db_query(db, x->s->a, "SELECT id, priority, created_at, sla_paused_minutes,"
	    " first_response_due, resolution_due FROM tickets WHERE id > ? AND id <= ?"
	    " AND status IN ('new', 'open', 'pending') AND sla_priority = priority"
	    " AND ((? >> (priority - 1)) & 1) = 1 ORDER BY id LIMIT ?", "iiii", x->from, x->to,
	    x->mask, (long long)TSLA_RECOMPUTE_BATCH);
	if (res == NULL)
		return -1;
	x->last = res->nrows == TSLA_RECOMPUTE_BATCH ? num(db_cell(res, res->nrows - 1, 0)) : x->to;
	for (i = 0; i < res->nrows; i++) {
		long long p = num(db_cell(res, i, 1)), paused = num(db_cell(res, i, 3));
		const char *ofr = db_cell(res, i, 4), *ors = db_cell(res, i, 5);
		time_t created = sla_parse_utc(db_cell(res, i, 2));
		char fr[24], rs[24];
		long long n;

		if (p < 1 || p > 4 || !tg[p - 1].have || created == (time_t)-1)
			continue;
		due_times(tg[p - 1].cal, created, tg[p - 1].first, tg[p - 1].res, paused, fr, rs);
		if (ofr != NULL && ors != NULL && strcmp(ofr, fr) == 0 && strcmp(ors, rs) == 0)
			continue;
		/* Only if nobody changed the ticket meanwhile (a change computes its own). */
		n = db_exec(db, "UPDATE tickets SET first_response_due = ?, resolution_due = ?"
		    " WHERE id = ? AND priority = ? AND sla_priority = priority AND sla_paused_minutes = ?"
		    " AND status IN ('new', 'open', 'pending')", "ssiii", fr, rs,
		    num(db_cell(res, i, 0)), p, paused);
		if (n < 0)
			return -1;
		x->changed += n;
	}
	return 0;
}

int
tsla_recompute_step(struct tsla *s)
{
	long long total = 0;
	time_t started = time(NULL);   /* the real clock: the budget is real time */
	int b;

	for (b = 0; b < TSLA_RECOMPUTE_BATCHES && time(NULL) - started < TSLA_RECOMPUTE_SECONDS;
	    b++) {
		struct db_res *res = db_query(s->db, s->a, "SELECT priorities, next_id, generation,"
		    " (SELECT COALESCE(MAX(id), 0) FROM tickets) FROM sla_recompute WHERE id = 1", "");
		struct recompute_tx x;
		long long gen, top;

		if (res == NULL)
			return -1;
		if (res->nrows == 0 || num(db_cell(res, 0, 0)) == 0)
			break;
		memset(&x, 0, sizeof(x));
		x.s = s;
		x.mask = num(db_cell(res, 0, 0));
		x.from = num(db_cell(res, 0, 1));
		gen = num(db_cell(res, 0, 2));
		top = num(db_cell(res, 0, 3));
		if (x.from >= top) {
			/* Done, unless another change came in meanwhile (it starts over). */
			if (db_exec(s->db, "UPDATE sla_recompute SET priorities = 0 WHERE id = 1"
			    " AND generation = ?", "i", gen) < 0)
				return -1;
			break;
		}
		x.to = x.from + TSLA_RECOMPUTE_WINDOW;
		if (db_tx(s->db, recompute_tx, &x) < 0)
			return -1;
		total += x.changed;
		if (db_exec(s->db, "UPDATE sla_recompute SET next_id = ? WHERE id = 1 AND generation = ?",
		    "ii", x.last, gen) < 0)
			return -1;
	}
	if (total > 0)
		log_info("due times recomputed for %lld tickets after a change of hours or targets",
		    total);
	return total > 2000000000 ? 2000000000 : (int)total;
}

int
tsla_worker_step(struct tsla *s)
{
	struct db_res *res, *rules;
	char when[24];
	int before = s->escalated;
	size_t i;

	/* Tickets created or changed by code that does not know about SLAs. */
	res = db_query(s->db, s->a, "SELECT id FROM tickets WHERE sla_priority IS NULL"
	    " ORDER BY id DESC LIMIT ?", "i", (long long)TSLA_BATCH);
	if (res == NULL || each(s, res, 0, NULL) < 0)
		return -1;
	res = db_query(s->db, s->a, "SELECT id FROM tickets WHERE sla_paused_at IS NOT NULL"
	    " AND status IN ('new', 'open') LIMIT ?", "i", (long long)TSLA_BATCH);
	if (res == NULL || each(s, res, 0, NULL) < 0)
		return -1;
	res = db_query(s->db, s->a, "SELECT id FROM tickets WHERE sla_paused_at IS NULL"
	    " AND status IN ('pending', 'resolved') AND sla_priority IS NOT NULL LIMIT ?", "i",
	    (long long)TSLA_BATCH);
	if (res == NULL || each(s, res, 0, NULL) < 0)
		return -1;
	/* Changed hours or targets, before the rules look at the due times. */
	if (tsla_recompute_step(s) < 0)
		return -1;
	/* The time rules, each over the tickets it may act on and has not yet. */
	rules = db_query(s->db, s->a, "SELECT " RULE_COLS " FROM sla_rules WHERE enabled = 1"
	    " AND event <> 'created' ORDER BY position, id LIMIT ?", "i", (long long)TSLA_MAX_RULES);
	if (rules == NULL)
		return -1;
	for (i = 0; i < rules->nrows; i++) {
		struct rule r;

		rule_from(rules, i, &r);
		sla_format_utc(s->now + r.before * 60, when, sizeof(when));
		if (strcmp(r.event, "first_response") == 0)
			res = db_query(s->db, s->a, "SELECT t.id FROM tickets t"
			    " WHERE t.first_response_at IS NULL AND t.first_response_due <= ?"
			    " AND t.status IN ('new', 'open', 'pending')"
			    " AND (? = 0 OR t.priority <= ?) AND (? = 0 OR t.impact = 1)"
			    " AND (? = 0 OR t.category_id = ?) AND NOT EXISTS (SELECT 1 FROM"
			    "  ticket_escalations e WHERE e.ticket_id = t.id AND e.rule_id = ?)"
			    " LIMIT ?", "siiiiiii", when, r.min_priority, r.min_priority, r.impact_many,
			    r.category, r.category, r.id, (long long)TSLA_BATCH);
		else
			res = db_query(s->db, s->a, "SELECT t.id FROM tickets t"
			    " WHERE t.status IN ('new', 'open') AND t.resolution_due <= ?"
			    " AND (? = 0 OR t.priority <= ?) AND (? = 0 OR t.impact = 1)"
			    " AND (? = 0 OR t.category_id = ?) AND NOT EXISTS (SELECT 1 FROM"
			    "  ticket_escalations e WHERE e.ticket_id = t.id AND e.rule_id = ?)"
			    " LIMIT ?", "siiiiiii", when, r.min_priority, r.min_priority, r.impact_many,
			    r.category, r.category, r.id, (long long)TSLA_BATCH);
		if (res == NULL || each(s, res, r.id, r.event) < 0)
			return -1;
	}
	return s->escalated - before;
}
