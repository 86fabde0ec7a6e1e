/* work.c - the agents' side: queues and ticket updates. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "tickets.h"
#include "webhook.h"

#define QUEUE_PER_PAGE 50

int
tickets_queue(struct req *r)
{
	static const char *const states[] = { "active", "new", "open", "pending", "resolved",
		"closed", "all", NULL };
	static const char *const whose[] = { "team", "mine", "unassigned", NULL };
	static const char *const sorts[] = { "priority", "updated", "created", "due", NULL };
	static const char *const dues[] = { "any", "overdue", "hour", "today", NULL };
	const char *state = form_choice(r, FORM_QUERY, "status", states, "active");
	const char *who = form_choice(r, FORM_QUERY, "who", whose, "team");
	const char *sort = form_choice(r, FORM_QUERY, "sort", sorts, "priority");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	const char *due = form_choice(r, FORM_QUERY, "due", dues, "any");
	const char *due_lo = "1970-01-01 00:00:00", *due_hi = "1970-01-01 00:00:00";
	int ok = 1;
	long long prio = form_int(r, FORM_QUERY, "priority", 0, 4, 0, &ok);
	long long admin = req_has_role(r, ROLE_ADMIN);
	struct db_res *res;
	const char *like;
	long long off;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
	if (strcmp(due, "any") != 0) {
		/* Overdue: before now; soon: from now to in an hour or to the end of today. */
		due_lo = strcmp(due, "overdue") == 0 ? due_lo : ticket_sla_utc(r, 0);
		due_hi = strcmp(due, "hour") == 0 ? ticket_sla_utc(r, 3600) :
		    strcmp(due, "today") == 0 ? ticket_sla_day_end(r) : ticket_sla_utc(r, 0);
	}
	/* Filters are parameters; the SQL text never changes. */
#define QUEUE_WHERE \
	" WHERE (? = 1 OR t.assignee_id = ? OR t.group_id IN" \
	"  (SELECT ug.group_id FROM user_groups ug WHERE ug.user_id = ?))" \
	" AND (? = 'all' OR (? = 'active' AND t.status IN ('new', 'open', 'pending'))" \
	"  OR t.status = ?)" \
	" AND (? <> 'mine' OR t.assignee_id = ?) AND (? <> 'unassigned' OR t.assignee_id IS NULL)" \
	" AND (? = 0 OR t.priority = ?) AND (t.subject LIKE ? OR CONCAT('T-', LPAD(t.id, 6, '0')) = ?)" \
	" AND (? = 'any' OR (" TICKET_SLA_NEXT " >= ? AND " TICKET_SLA_NEXT " < ?))"
#define QUEUE_TYPES "iii" "sss" "sis" "ii" "ss" "sss"
#define QUEUE_ARGS admin, r->user.id, r->user.id, state, state, state, who, r->user.id, who, \
	prio, prio, like, q, due, due_lo, due_hi
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM tickets t" QUEUE_WHERE,
	    QUEUE_TYPES, QUEUE_ARGS);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), QUEUE_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number, t.subject, t.status,"
	    " t.priority, u.name AS requester, a.name AS assignee, g.name AS team, t.channel,"
	    " DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated," TICKET_SLA_COLS
	    " FROM tickets t JOIN users u ON u.id = t.requester_id"
	    " LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN `groups` g ON g.id = t.group_id"
	    QUEUE_WHERE
	    " ORDER BY CASE WHEN ? = 'due' THEN" TICKET_SLA_NEXT " END,"
	    " CASE WHEN ? = 'priority' THEN t.priority ELSE 0 END,"
	    " CASE WHEN ? = 'created' THEN t.created_at END DESC, t.updated_at DESC, t.id DESC"
	    " LIMIT ? OFFSET ?", QUEUE_TYPES "sssii", QUEUE_ARGS, sort, sort, sort,
	    (long long)QUEUE_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tickets", res);
	ticket_sla_rows(r, "Page.Tickets", res);
	page_set(r, "Page.Filter.due", due);
	page_set(r, "Page.Filter.status", state);
	page_set(r, "Page.Filter.who", who);
	page_set(r, "Page.Filter.sort", sort);
	page_int(r, "Page.Filter.priority", prio);
	page_set(r, "Page.Filter.q", q);
	page_msg(r, "Page.Title", "tickets.queue");
	return view_page(r, "tickets/queue.cs");
}

/* An agent's changes to one ticket. */
struct update_tx {
	struct req *r;
	long long id;
	const char *status;
	long long priority, assignee, group;
	struct db_res *old;
	struct ticket_kids kids;   /* a major incident's children solved with it */
};

static int
update_tx(struct db *db, void *ctx)
{
	struct update_tx *t = ctx;
	const char *old_status = db_cell(t->old, 0, 0);
	const char *old_prio = db_cell(t->old, 0, 1);
	const char *old_assignee = db_cell(t->old, 0, 2);
	const char *old_group = db_cell(t->old, 0, 3);
	char buf[3][24];

	snprintf(buf[0], sizeof(buf[0]), "%lld", t->priority);
	snprintf(buf[1], sizeof(buf[1]), "%lld", t->assignee);
	snprintf(buf[2], sizeof(buf[2]), "%lld", t->group);
	/* The dates first: SET sees the old status there. A status kept keeps its date. */
	if (db_exec(db, "UPDATE tickets SET"
	    " resolved_at = CASE WHEN ? = 'resolved' THEN IF(status = 'resolved', resolved_at,"
	    "  UTC_TIMESTAMP()) WHEN ? = 'closed' THEN resolved_at ELSE NULL END,"
	    " closed_at = IF(? = 'closed', IF(status = 'closed', closed_at, UTC_TIMESTAMP()), NULL),"
	    " status = ?, priority = ?, assignee_id = NULLIF(?, 0), group_id = NULLIF(?, 0),"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ?", "ssssiiii",
	    t->status, t->status, t->status, t->status, t->priority, t->assignee, t->group,
	    t->id) < 0)
		return -1;
	if (strcmp(old_status, t->status) != 0 &&
	    ticket_event(db, t->id, t->r->user.id, "status", old_status, t->status) < 0)
		return -1;
	if (strcmp(old_prio, buf[0]) != 0 &&
	    ticket_event(db, t->id, t->r->user.id, "priority", old_prio, buf[0]) < 0)
		return -1;
	if (strcmp(old_assignee, buf[1]) != 0 &&
	    ticket_event(db, t->id, t->r->user.id, "assignee", old_assignee, buf[1]) < 0)
		return -1;
	if (strcmp(old_group, buf[2]) != 0 &&
	    ticket_event(db, t->id, t->r->user.id, "team", old_group, buf[2]) < 0)
		return -1;
	if (ticket_sla(db, t->r, t->id) < 0)
		return -1;
	if (t->kids.wanted && ticket_kids_solve(db, t->r, t->id, &t->kids) < 0)
		return -1;
	if (webhook_ticket(db, t->id, strcmp(t->status, "resolved") == 0 &&
	    strcmp(old_status, "resolved") != 0 ? "ticket.resolved" : "ticket.updated") < 0)
		return -1;
	return 0;
}

int
ticket_update(struct req *r)
{
	static const char *const states[] = { "new", "open", "pending", "resolved", "closed", NULL };
	struct update_tx t;
	int ok = 1;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = ticket_load(r);
	if (t.id < 0)
		return -1;
	if (t.id == 0)
		return http_fail(r, 404, "error.not_found");
	t.status = form_choice(r, FORM_BODY, "status", states, NULL);
	t.priority = form_int(r, FORM_BODY, "priority", 1, 4, 3, &ok);
	t.assignee = form_int(r, FORM_BODY, "assignee", 0, 1LL << 60, 0, &ok);
	t.group = form_int(r, FORM_BODY, "team", 0, 1LL << 60, 0, &ok);
	if (t.status == NULL)
		form_error(r, "status", "form.choice");
	if (r->form_errors == 0 && t.assignee != 0) {
		struct db_res *a = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM users WHERE id = ?"
		    " AND active = 1 AND (FIND_IN_SET('agent', roles) OR FIND_IN_SET('admin', roles))",
		    "i", t.assignee);

		if (a == NULL)
			return -1;
		if (db_scalar(a, 0) == 0)
			form_error(r, "assignee", "form.choice");
	}
	if (r->form_errors) {
		r->status = 422;
		return ticket_page(r);
	}
	switch (ticket_conflict(r, t.id, "update")) {
	case 0:
		break;
	case 1:
		return ticket_page(r);   /* someone else changed it: show what, ask again */
	default:
		return -1;
	}
	t.kids.wanted = strcmp(t.status, "resolved") == 0 && req_form(r, "also_children") != NULL;
	t.old = db_query(r->db, &r->arena, "SELECT status, priority, COALESCE(assignee_id, 0),"
	    " COALESCE(group_id, 0) FROM tickets WHERE id = ?", "i", t.id);
	if (t.old == NULL || t.old->nrows == 0)
		return -1;
	if (db_tx(r->db, update_tx, &t) != 0)
		return -1;
	audit(r, "ticket.update", ticket_number(&r->arena, t.id), t.status);
	if (strcmp(db_cell(t.old, 0, 0), "resolved") != 0 && strcmp(t.status, "resolved") == 0)
		ticket_notify(r, t.id, "resolved");
	ticket_kids_notify(r, &t.kids);
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s", ticket_number(&r->arena, t.id)));
}
