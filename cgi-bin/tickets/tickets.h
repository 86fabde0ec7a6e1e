/* tickets.h - the tickets program: requesters' requests and the agents' side. */
#ifndef VT_TICKETS_H
#define VT_TICKETS_H

#include "app.h"

#define TICKET_MAX_FILES 5             /* files per message */
#define TICKET_MAX_FILE (10 << 20)     /* bytes per file */
#define TICKET_MAX_BODY 20000          /* characters per message */

/* Who may see a ticket "t": its requester, an admin, its assignee, an agent
 * of its team, or, when the admin turned on settings.tickets_department_view,
 * someone in the requester's department (read only: see ticket_load).
 * Parameters TICKET_VISIBLE_TYPES / TICKET_VISIBLE_ARGS(r). */
#define TICKET_DEPT_SETTING "tickets_department_view"
#define TICKET_VISIBLE_SQL \
	" (t.requester_id = ? OR ? = 1 OR t.assignee_id = ? OR (? = 1 AND t.group_id IN" \
	"  (SELECT ug.group_id FROM user_groups ug WHERE ug.user_id = ?)) OR t.requester_id IN" \
	"  (SELECT dp.id FROM users dme JOIN users dp ON dp.department_id = dme.department_id" \
	"   JOIN settings ds ON ds.name = '" TICKET_DEPT_SETTING "' AND ds.value = '1'" \
	"   WHERE dme.id = ?))"
#define TICKET_VISIBLE_TYPES "iiiiii"
#define TICKET_VISIBLE_ARGS(r) TICKET_VISIBLE_ARGS_OF((r)->user.id, \
	req_has_role((r), ROLE_ADMIN), req_has_role((r), ROLE_AGENT))
/* The same for another user: id, is admin, is agent. */
#define TICKET_VISIBLE_ARGS_OF(uid, admin, agent) (long long)(uid), (long long)(admin), \
	(long long)(uid), (long long)(agent), (long long)(uid), (long long)(uid)

/* The ticket id of a public number like "T-000123" (or "123"); 0 if malformed. */
long long ticket_id(const char *number);
/* The public number of an id, in the arena. */
char *ticket_number(struct arena *a, long long id);
/* 1 if the user works tickets (agent or admin). */
int ticket_staff(const struct req *r);

/* Load ticket params[0] into Page.T when the user may see it. Returns its id,
 * 0 when it does not exist for this user (the caller answers 404), -1 on error. */
long long ticket_load(struct req *r);

/* Store the files of the form field "files" for a ticket message, inside a
 * transaction. Returns 0, -1 (database) or 1 with a field error recorded. */
int ticket_files_check(struct req *r);
int ticket_files_save(struct db *db, struct req *r, long long tid, long long mid);

/* Record a change in the ticket's history. */
int ticket_event(struct db *db, long long tid, long long actor, const char *what,
    const char *from, const char *to);

/* Queue a mail about ticket tid to its requester (kind: new, reply, resolved). */
void ticket_notify(struct req *r, long long tid, const char *kind);

/* tools.c: the agent's reply tools (standard answers, article links) on
 * the page of the ticket in Page.T (staff only; 0 or -1), and opening a
 * ticket for someone else (phone). */
int ticket_tools(struct req *r);
/* On /tickets/new for staff: the person search and the chosen person. 0 or -1. */
int ticket_behalf_page(struct req *r);
/* The "for" field of a new ticket: *requester becomes that person (active
 * account) when given; a refused value records a field error. 0 or -1. */
int ticket_behalf(struct req *r, long long *requester);
/* Where an agent goes after opening ticket tid for someone. */
int ticket_behalf_done(struct req *r, long long tid);
/* Service levels (sla.c): keep ticket tid's due times current after a change,
 * inside the transaction (0 or -1); Page.SLA for agents; the due words of
 * queue rows (columns sla_first_due, sla_resolution_due, sla_tz); the end of
 * today (UTC text) in the service calendar's zone. */
/* The next due time of a ticket t whose clock runs (a far date when none). */
#define TICKET_SLA_NEXT " LEAST(COALESCE(IF(t.first_response_at IS NULL AND t.status IN" \
	" ('new', 'open', 'pending'), t.first_response_due, NULL), CAST('9999-12-31' AS DATETIME))," \
	" COALESCE(IF(t.status IN ('new', 'open'), t.resolution_due, NULL)," \
	" CAST('9999-12-31' AS DATETIME)))"
/* Queue columns for ticket_sla_rows. */
#define TICKET_SLA_COLS " IF(t.first_response_at IS NULL AND t.status IN ('new', 'open'," \
	" 'pending'), t.first_response_due, NULL) AS sla_first_due, IF(t.status IN ('new', 'open')," \
	" t.resolution_due, NULL) AS sla_resolution_due, (SELECT c.time_zone FROM sla_policies p" \
	" JOIN sla_calendars c ON c.id = p.calendar_id WHERE p.priority = t.priority) AS sla_tz"
int ticket_sla(struct db *db, struct req *r, long long tid);
int ticket_sla_page(struct req *r, long long id);
void ticket_sla_rows(struct req *r, const char *prefix, const struct db_res *res);
const char *ticket_sla_day_end(struct req *r);
/* Now plus offset seconds as UTC text ("YYYY-MM-DD HH:MM:SS"), in the arena. */
const char *ticket_sla_utc(struct req *r, long long offset);

/* dept.c: requesters may follow their department's requests when the admin
 * allows it. /tickets/ (mine, or ?who=department); 1 when the setting is on,
 * 0 off, -1 error; 1 when the loaded Page.T is a department peer's (read only). */
int tickets_home(struct req *r);
int ticket_dept_view(struct req *r);
int ticket_read_only(const struct req *r);
/* links.c: merging, related tickets, major incidents, two agents at once. */
#define TICKET_MAX_CHILDREN 500        /* tickets attached to one major incident */
/* Children of a major incident solved with it (in the agent's update). */
struct ticket_kids {
	int wanted;       /* the agent asked to solve them too */
	long long *ids;   /* the children solved (arena) */
	size_t n;         /* entries in ids */
};
/* Inside the transaction that resolves major incident parent: resolve its
 * open children the agent may see (at most TICKET_MAX_CHILDREN) with the
 * parent's latest public answer as their public message. 0 or -1. */
int ticket_kids_solve(struct db *db, struct req *r, long long parent, struct ticket_kids *k);
/* After the commit: tell the requesters of the children solved. */
void ticket_kids_notify(struct req *r, const struct ticket_kids *k);
/* Fill the ticket page's merge, link, parent/children data, and for staff
 * the presence warning (recording this agent's) and Page.Seen. 0 or -1. */
int ticket_links_page(struct req *r, long long id);
/* Before an agent's reply or update (action "reply"/"update") of ticket id:
 * 1 when others changed the ticket since the page the agent submitted from
 * (form field "seen") and it was not confirmed ("confirm"): new messages,
 * changes by others or by the escalation rules, a rating; the changes are
 * in Page.Conflict and the status is 409, the caller shows the page again.
 * 0 to go on, -1 on error. */
int ticket_conflict(struct req *r, long long id, const char *action);
/* Record that the agent has ticket id open now (the row changes at most
 * once a minute). 0 or -1. */
int ticket_presence_touch(struct req *r, long long id);
#define TICKET_PRESENCE_MINUTES 5  /* staff seen on a ticket this recently are shown */
int ticket_merge(struct req *r);
int ticket_major(struct req *r);
/* The ticket the form field "number" names, and the ticket of the path
 * /tickets/<number>/...: link (/link), unlink (/unlink), attach to the major
 * incident of the path (/children) or detach from it (/detach), or, from the
 * attached ticket's own page, attach it to that major incident (/parent) or
 * detach it from that one (/parent/remove). Staff only. */
int ticket_relate(struct req *r);

/* kept.c: ticket pages kept per worker. ticket_kept: 1 when the page of
 * ticket params[0] was served from memory (r->body), 0 when it must be made
 * (with *key and *version set when it may be kept afterwards, else NULL),
 * -1 on error. ticket_keep: view_page(r, tmpl) that also keeps the page
 * under key and version when it may (key NULL: never); the status. */
int ticket_kept(struct req *r, const char **key, const char **version);
int ticket_keep(struct req *r, const char *key, const char *version, const char *tmpl);

int tickets_mine(struct req *r);
int ticket_new(struct req *r);
int ticket_create(struct req *r);
/* ticket_create for a channel ("portal", "api"): the same checks and work. */
int ticket_create_via(struct req *r, const char *channel);
int ticket_page(struct req *r);
int ticket_reply(struct req *r);
int ticket_solved(struct req *r);
int ticket_reopen(struct req *r);
int ticket_rate(struct req *r);
int ticket_file(struct req *r);
/* queue.c: the work queue, saved views (save, delete) and bulk changes. */
int tickets_queue(struct req *r);
int queue_view_save(struct req *r);
int queue_view_delete(struct req *r);
int queue_bulk(struct req *r);
int ticket_update(struct req *r);

#endif
