/* links.c - the agent's work across tickets: merging a duplicate into another
 * ticket, related tickets linked both ways, major incidents with their
 * attached tickets (solved together), and the warnings when two agents work
 * on one ticket at once (who else has it open; changes made since the page
 * was loaded). */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "tickets.h"
#include "webhook.h"

#define LINKS_MAX_SHOWN 100      /* linked / merged-in tickets listed on a page */
#define PRESENCE_MAX 10          /* people listed as looking at the ticket */
#define CONFLICT_MAX 50          /* new messages and changes shown on a conflict */

/* One statement that changes the row only when the last record is older
 * than a minute. */
int
ticket_presence_touch(struct req *r, long long id)
{
	return db_exec(r->db, "INSERT INTO ticket_presence (ticket_id, user_id, seen_at)"
	    " VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE seen_at ="
	    " IF(seen_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE, VALUES(seen_at), seen_at)",
	    "ii", id, r->user.id) < 0 ? -1 : 0;
}

/* The ticket of the path when the user is staff and may see it; 0 otherwise
 * (requesters get the same 404 as for a missing ticket), -1 on error. */
static long long
staff_ticket(struct req *r)
{
	long long id;

	if (!ticket_staff(r))
		return 0;
	id = ticket_load(r);
	if (id > 0 && ticket_presence_touch(r, id) < 0)
		return -1;
	return id;
}

/* The ticket named by the form field "number" that the user may see, with
 * columns id, status, merged_into, major, parent_id, requester_id in *row.
 * Returns 0 with *oid set, -1 on a database error, or the 4xx status of the
 * answer already prepared (malformed number, the same ticket, not found). */
static int
other_ticket(struct req *r, long long self, long long *oid, struct db_res **row)
{
	const char *s = form_line(r, FORM_BODY, "number", 20, 1);
	long long o = s != NULL ? ticket_id(s) : 0;

	if (o == 0)
		return http_fail(r, 422, "links.bad_number");
	if (o == self)
		return http_fail(r, 422, "links.self");
	*row = db_query(r->db, &r->arena, "SELECT t.id, t.status, t.merged_into, t.major, t.parent_id,"
	    " t.requester_id FROM tickets t WHERE t.id = ? AND" TICKET_VISIBLE_SQL,
	    "i" TICKET_VISIBLE_TYPES, o, TICKET_VISIBLE_ARGS(r));
	if (*row == NULL)
		return -1;
	if ((*row)->nrows == 0)
		return http_fail(r, 422, "links.not_found");
	*oid = o;
	return 0;
}

/* The ticket of the path (staff who may see it; others get the 404 of a
 * missing ticket) in *id and the one the form field "number" names in *oid
 * (see other_ticket). 0, -1 on error, or the status of the answer prepared. */
static int
ticket_pair(struct req *r, long long *id, long long *oid, struct db_res **row)
{
	*id = staff_ticket(r);
	if (*id < 0)
		return -1;
	if (*id == 0)
		return http_fail(r, 404, "error.not_found");
	return other_ticket(r, *id, oid, row);
}

/* Columns merged_into, major, parent_id, requester_id of ticket id (row 0). */
static struct db_res *
ticket_extra(struct req *r, long long id)
{
	return db_query(r->db, &r->arena, "SELECT merged_into, major, parent_id, requester_id"
	    " FROM tickets WHERE id = ?", "i", id);
}

/* The number of tickets attached to major incident id, or -1. */
static long long
children_count(struct req *r, long long id)
{
	struct db_res *kids = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM tickets WHERE parent_id = ?", "i", id);

	return kids != NULL ? db_scalar(kids, 0) : -1;
}

/* Back to the ticket page, at the part that changed. */
static int
back(struct req *r, long long id, const char *anchor)
{
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s#%s",
	    ticket_number(&r->arena, id), anchor));
}

/* 1 if user uid (with the roles of that account) may see ticket tid, 0 if
 * not, -1 on error. */
static int
visible_to(struct req *r, long long tid, long long uid)
{
	struct db_res *u = db_query(r->db, &r->arena, "SELECT FIND_IN_SET('admin', roles) > 0,"
	    " (FIND_IN_SET('agent', roles) > 0 OR FIND_IN_SET('admin', roles) > 0)"
	    " FROM users WHERE id = ?", "i", uid), *res;

	if (u == NULL)
		return -1;
	if (u->nrows == 0)
		return 0;
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM tickets t WHERE t.id = ? AND"
	    TICKET_VISIBLE_SQL, "i" TICKET_VISIBLE_TYPES, tid, TICKET_VISIBLE_ARGS_OF(uid,
	    strtoll(db_cell(u, 0, 0), NULL, 10), strtoll(db_cell(u, 0, 1), NULL, 10)));
	if (res == NULL)
		return -1;
	return db_scalar(res, 0) > 0;
}

/* The language of the requester of ticket tid ("en" when unknown). */
static const char *
requester_lang(struct req *r, long long tid)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT u.language FROM tickets t"
	    " JOIN users u ON u.id = t.requester_id WHERE t.id = ?", "i", tid);
	const char *lang = res != NULL ? db_cell(res, 0, 0) : NULL;

	return view_lang_index(lang) < 0 ? r->lang : lang;
}

/* A translated text in language lang. */
static const char *
text_in(struct req *r, const char *lang, const char *key)
{
	return view_text(&r->app->view, lang, key);
}

/* ------------------------------------------------------------------ merge */

/* Merging ticket dup into ticket into, with the notes for both. */
struct merge_tx {
	struct req *r;
	long long dup, into;
	const char *note_dup, *note_into; /* public notes, in each requester's language */
	const char *old_status;           /* of dup, for its history (set inside) */
};

static int
merge_tx(struct db *db, void *ctx)
{
	struct merge_tx *t = ctx;
	struct req *r = t->r;
	const char *dupn = ticket_number(&r->arena, t->dup);
	const char *inton = ticket_number(&r->arena, t->into);
	struct db_res *res;
	size_t i;

	/* Both rows locked, in id order; checked again now that nobody else can merge them. */
	res = db_query(db, &r->arena, "SELECT id, merged_into, status FROM tickets WHERE id IN (?, ?)"
	    " ORDER BY id FOR UPDATE", "ii", t->dup, t->into);
	if (res == NULL)
		return -1;
	if (res->nrows != 2)
		return 404;
	for (i = 0; i < 2; i++) {
		if (db_cell(res, i, 1) != NULL)
			return 409;
		if (strtoll(db_cell(res, i, 0), NULL, 10) == t->dup)
			t->old_status = db_cell(res, i, 2);
	}
	if (db_exec(db, "UPDATE tickets SET closed_at = IF(status = 'closed', closed_at, UTC_TIMESTAMP()),"
	    " status = 'closed', merged_into = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?", "ii",
	    t->into, t->dup) != 1)
		return -1;
	if (db_exec(db, "UPDATE tickets SET updated_at = UTC_TIMESTAMP() WHERE id = ?", "i", t->into) < 0)
		return -1;
	if (db_exec(db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
	    " VALUES (?, ?, 'public', ?), (?, ?, 'public', ?)", "iisiis", t->dup, r->user.id,
	    t->note_dup, t->into, r->user.id, t->note_into) < 0)
		return -1;
	if (strcmp(t->old_status, "closed") != 0 &&
	    ticket_event(db, t->dup, r->user.id, "status", t->old_status, "closed") < 0)
		return -1;
	if (ticket_event(db, t->dup, r->user.id, "merged", "", inton) < 0 ||
	    ticket_event(db, t->into, r->user.id, "merged_in", "", dupn) < 0)
		return -1;
	if (ticket_sla(db, r, t->dup) < 0)
		return -1;
	if (webhook_ticket(db, t->dup, "ticket.updated") < 0 ||
	    webhook_ticket(db, t->into, "ticket.updated") < 0)
		return -1;
	return 0;
}

int
ticket_merge(struct req *r)
{
	long long id = 0, into = 0, kids;
	struct db_res *self, *other;
	struct merge_tx t;
	const char *lang;
	int rc, see;

	if ((rc = ticket_pair(r, &id, &into, &other)) != 0)
		return rc;
	if ((self = ticket_extra(r, id)) == NULL)
		return -1;
	if (db_cell(self, 0, 0) != NULL)
		return http_fail(r, 409, "links.already_merged");
	if (db_cell(other, 0, 2) != NULL) {
		/* Into a ticket that was itself merged: back into this one is a cycle. */
		return http_fail(r, 409, strtoll(db_cell(other, 0, 2), NULL, 10) == id ?
		    "links.cycle" : "links.into_merged");
	}
	if (strcmp(db_cell(other, 0, 1), "closed") == 0)
		return http_fail(r, 409, "links.into_closed");
	if ((kids = children_count(r, id)) < 0)
		return -1;
	if (kids > 0)
		return http_fail(r, 409, "links.merge_parent");
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.dup = id;
	t.into = into;
	/* The duplicate's requester reads where it went only if they may follow it there. */
	see = visible_to(r, into, strtoll(db_cell(self, 0, 3), NULL, 10));
	if (see < 0)
		return -1;
	lang = requester_lang(r, id);
	t.note_dup = see ? arena_printf(&r->arena, "%s %s.", text_in(r, lang, "links.note_merged_into"),
	    ticket_number(&r->arena, into)) : text_in(r, lang, "links.note_merged_elsewhere");
	lang = requester_lang(r, into);
	t.note_into = arena_printf(&r->arena, "%s %s %s", text_in(r, lang, "links.note_merged_here_a"),
	    ticket_number(&r->arena, id), text_in(r, lang, "links.note_merged_here_b"));
	rc = db_tx(r->db, merge_tx, &t);
	if (rc < 0)
		return -1;
	if (rc == 404)
		return http_fail(r, 404, "error.not_found");
	if (rc > 0)
		return http_fail(r, 409, "links.already_merged");
	audit(r, "ticket.merge", ticket_number(&r->arena, id), ticket_number(&r->arena, into));
	ticket_notify(r, id, "merged");
	return back(r, id, "links");
}

/* ------------------------------------------------------------------ related tickets */

/* Adding or removing the link between tickets a and b. */
struct link_tx {
	struct req *r;
	long long a, b;   /* a < b */
	int add;          /* 1 add, 0 remove */
};

static int
link_tx(struct db *db, void *ctx)
{
	struct link_tx *t = ctx;
	const char *what = t->add ? "linked" : "unlinked";
	long long n;

	if (t->add)
		n = db_exec(db, "INSERT IGNORE INTO ticket_links (a_id, b_id, created_by) VALUES (?, ?, ?)",
		    "iii", t->a, t->b, t->r->user.id);
	else
		n = db_exec(db, "DELETE FROM ticket_links WHERE a_id = ? AND b_id = ?", "ii", t->a, t->b);
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;   /* already so: nothing to record */
	if (ticket_event(db, t->a, t->r->user.id, what, "", ticket_number(&t->r->arena, t->b)) < 0 ||
	    ticket_event(db, t->b, t->r->user.id, what, "", ticket_number(&t->r->arena, t->a)) < 0)
		return -1;
	if (db_exec(db, "UPDATE tickets SET updated_at = UTC_TIMESTAMP() WHERE id IN (?, ?)", "ii",
	    t->a, t->b) < 0)
		return -1;
	if (webhook_ticket(db, t->a, "ticket.updated") < 0 ||
	    webhook_ticket(db, t->b, "ticket.updated") < 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ major incidents */

/* What family_tx answers when the change cannot be made (after 0 and -1). */
enum { FAMILY_TAKEN = 1, FAMILY_NOT_MAJOR, FAMILY_FULL };

/* A change of one ticket's major flag or parent, with its history entries. */
struct family_tx {
	struct req *r;
	long long id;       /* the ticket changed */
	enum { FAMILY_MAJOR, FAMILY_ATTACH, FAMILY_DETACH } op; /* what changes */
	long long value;    /* the value set */
	long long parent;   /* the parent involved (attach/detach), or 0 */
	const char *what;   /* history entry on id */
	const char *what_parent; /* history entry on the parent, or NULL */
};

static int
family_tx(struct db *db, void *ctx)
{
	struct family_tx *t = ctx;
	struct req *r = t->r;
	struct db_res *res;
	long long n;

	if (t->op == FAMILY_MAJOR) {
		/* Marking needs a ticket still free of merges and parents. */
		n = db_exec(db, "UPDATE tickets SET major = ? WHERE id = ? AND (? = 0 OR"
		    " (merged_into IS NULL AND parent_id IS NULL))", "iii", t->value, t->id, t->value);
	} else if (t->op == FAMILY_ATTACH) {
		/* The parent locked: still a major incident with room (checked again). */
		res = db_query(db, &r->arena, "SELECT major = 1 AND merged_into IS NULL, (SELECT"
		    " COUNT(*) FROM tickets c WHERE c.parent_id = p.id) FROM tickets p WHERE p.id = ?"
		    " FOR UPDATE", "i", t->value);
		if (res == NULL)
			return -1;
		if (res->nrows == 0 || strcmp(db_cell(res, 0, 0), "1") != 0)
			return FAMILY_NOT_MAJOR;
		if (strtoll(db_cell(res, 0, 1), NULL, 10) >= TICKET_MAX_CHILDREN)
			return FAMILY_FULL;
		/* Only while it still belongs to nobody (two agents attaching at once). */
		n = db_exec(db, "UPDATE tickets SET parent_id = ? WHERE id = ? AND parent_id IS NULL"
		    " AND major = 0 AND merged_into IS NULL", "ii", t->value, t->id);
	} else {
		n = db_exec(db, "UPDATE tickets SET parent_id = NULL WHERE parent_id = ? AND id = ?",
		    "ii", t->value, t->id);
	}
	if (n < 0)
		return -1;
	if (n == 0)
		return FAMILY_TAKEN;
	if (ticket_event(db, t->id, r->user.id, t->what, "",
	    t->parent ? ticket_number(&r->arena, t->parent) : "") < 0)
		return -1;
	if (t->what_parent != NULL &&
	    ticket_event(db, t->parent, r->user.id, t->what_parent, "", ticket_number(&r->arena, t->id)) < 0)
		return -1;
	if (db_exec(db, "UPDATE tickets SET updated_at = UTC_TIMESTAMP() WHERE id IN (?, ?)", "ii",
	    t->id, t->parent ? t->parent : t->id) < 0)
		return -1;
	if (webhook_ticket(db, t->id, "ticket.updated") < 0)
		return -1;
	return t->parent && webhook_ticket(db, t->parent, "ticket.updated") < 0 ? -1 : 0;
}

int
ticket_major(struct req *r)
{
	static const char *const onoff[] = { "1", "0", NULL };
	long long id = staff_ticket(r), kids;
	const char *on = form_choice(r, FORM_BODY, "major", onoff, NULL);
	struct family_tx t;
	struct db_res *self;
	int rc;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (on == NULL)
		return http_fail(r, 400, "error.bad_request");
	if ((self = ticket_extra(r, id)) == NULL)
		return -1;
	if (strcmp(on, "1") == 0 && (db_cell(self, 0, 0) != NULL || db_cell(self, 0, 2) != NULL))
		return http_fail(r, 409, "links.major_not_here");
	if (strcmp(on, "0") == 0) {
		if ((kids = children_count(r, id)) < 0)
			return -1;
		if (kids > 0)
			return http_fail(r, 409, "links.major_has_children");
	}
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = id;
	t.value = on[0] == '1';
	t.op = FAMILY_MAJOR;
	t.what = t.value ? "major" : "major_off";
	if (strtoll(db_cell(self, 0, 1), NULL, 10) == t.value)
		return back(r, id, "major");
	rc = db_tx(r->db, family_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return http_fail(r, 409, "links.major_not_here");
	return back(r, id, "major");
}

/* Before attaching ticket child to major incident parent (here: asked on the
 * parent's page, else on the child's): the parent must be a major incident
 * with room (at most TICKET_MAX_CHILDREN), the child neither a major incident
 * (so no cycles) nor merged nor attached anywhere. The refusals speak of
 * "that ticket" or "this ticket" as seen from that page. 0 to go on, -1 on
 * error, or the status of the refusal prepared. */
static int
attach_checks(struct req *r, long long parent, long long child, int here)
{
	struct db_res *p = ticket_extra(r, parent), *c = ticket_extra(r, child);
	long long kids;

	if (p == NULL || c == NULL || p->nrows == 0 || c->nrows == 0)
		return -1;
	if (strcmp(db_cell(p, 0, 1), "1") != 0 || db_cell(p, 0, 0) != NULL)
		return http_fail(r, 409, here ? "links.not_major" : "links.parent_not_major");
	if (strcmp(db_cell(c, 0, 1), "1") == 0 || db_cell(c, 0, 0) != NULL)
		return http_fail(r, 409, here ? "links.child_not_here" : "links.self_not_here");
	if (db_cell(c, 0, 2) != NULL && strtoll(db_cell(c, 0, 2), NULL, 10) == parent)
		return http_fail(r, 409, here ? "links.child_already" : "links.self_already");
	if (db_cell(c, 0, 2) != NULL)
		return http_fail(r, 409, here ? "links.child_elsewhere" : "links.self_elsewhere");
	if ((kids = children_count(r, parent)) < 0)
		return -1;
	return kids >= TICKET_MAX_CHILDREN ? http_fail(r, 409, "links.too_many_children") : 0;
}

/* Attach (attach 1, after attach_checks) or detach ticket child to or from
 * major incident parent, asked on the page of one of them (page); back to
 * that page's major incident part. */
static int
family_move(struct req *r, long long parent, long long child, long long page, int attach)
{
	struct family_tx t;
	int here = page == parent, rc = attach ? attach_checks(r, parent, child, here) : 0;

	if (rc != 0)
		return rc;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = child;
	t.value = parent;
	t.parent = parent;
	t.op = attach ? FAMILY_ATTACH : FAMILY_DETACH;
	t.what = attach ? "parent" : "parent_off";
	t.what_parent = attach ? "child_added" : "child_removed";
	rc = db_tx(r->db, family_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0 && !attach)
		return http_fail(r, 409, here ? "links.not_child" : "links.self_not_child");
	if (rc > 0)   /* someone else was quicker */
		return http_fail(r, 409, rc == FAMILY_FULL ? "links.too_many_children" :
		    rc == FAMILY_NOT_MAJOR ? (here ? "links.not_major" : "links.parent_not_major") :
		    here ? "links.child_elsewhere" : "links.self_elsewhere");
	return back(r, page, "major");
}

/* What a ticket number posted to a ticket's page does, by the end of the path. */
static const struct relate {
	const char *suffix;   /* after /tickets/<number> */
	enum { RELATE_LINK, RELATE_UNLINK, RELATE_ATTACH, RELATE_DETACH } op;
	int parent_page;      /* attach/detach: the path's ticket is the major incident */
} relates[] = {
	{ "/link", RELATE_LINK, 0 },
	{ "/unlink", RELATE_UNLINK, 0 },
	{ "/children", RELATE_ATTACH, 1 },
	{ "/detach", RELATE_DETACH, 1 },
	{ "/parent", RELATE_ATTACH, 0 },
	{ "/parent/remove", RELATE_DETACH, 0 },
};

int
ticket_relate(struct req *r)
{
	const struct relate *w = NULL;
	size_t n = strlen(r->path), i;
	long long id = 0, other = 0, parent, child;
	struct db_res *row;
	struct link_tx t;
	int rc;

	for (i = 0; i < sizeof(relates) / sizeof(relates[0]) && w == NULL; i++)
		if (n > strlen(relates[i].suffix) &&
		    strcmp(r->path + n - strlen(relates[i].suffix), relates[i].suffix) == 0)
			w = &relates[i];
	if (w == NULL)
		return http_fail(r, 404, "error.not_found");
	if ((rc = ticket_pair(r, &id, &other, &row)) != 0)
		return rc;
	if (w->op == RELATE_LINK || w->op == RELATE_UNLINK) {
		t.r = r;
		t.a = id < other ? id : other;
		t.b = id < other ? other : id;
		t.add = w->op == RELATE_LINK;
		if (db_tx(r->db, link_tx, &t) != 0)
			return -1;
		return back(r, id, "links");
	}
	parent = w->parent_page ? id : other;
	child = w->parent_page ? other : id;
	return family_move(r, parent, child, id, w->op == RELATE_ATTACH);
}

int
ticket_kids_solve(struct db *db, struct req *r, long long parent, struct ticket_kids *k)
{
	struct db_res *res, *kids;
	const char *body;
	size_t i;

	k->n = 0;
	res = db_query(db, &r->arena, "SELECT major FROM tickets WHERE id = ?", "i", parent);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) != 1)
		return 0;
	/* The parent's latest public answer from the support side tells them what was done. */
	res = db_query(db, &r->arena, "SELECT m.body FROM ticket_messages m"
	    " JOIN tickets t ON t.id = m.ticket_id WHERE m.ticket_id = ? AND m.kind = 'public'"
	    " AND (m.author_id IS NULL OR m.author_id <> t.requester_id) ORDER BY m.id DESC LIMIT 1",
	    "i", parent);
	if (res == NULL)
		return -1;
	body = res->nrows ? db_cell(res, 0, 0) : arena_printf(&r->arena, "%s %s.",
	    page_text(r, "links.solved_with_parent"), ticket_number(&r->arena, parent));
	kids = db_query(db, &r->arena, "SELECT t.id, t.status FROM tickets t WHERE t.parent_id = ?"
	    " AND t.status IN ('new', 'open', 'pending') AND" TICKET_VISIBLE_SQL
	    " ORDER BY t.id LIMIT ? FOR UPDATE", "i" TICKET_VISIBLE_TYPES "i", parent,
	    TICKET_VISIBLE_ARGS(r), (long long)TICKET_MAX_CHILDREN);
	if (kids == NULL)
		return -1;
	k->ids = arena_zalloc(&r->arena, sizeof(long long) * (kids->nrows + 1));
	for (i = 0; i < kids->nrows; i++) {
		long long kid = strtoll(db_cell(kids, i, 0), NULL, 10);

		if (db_exec(db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
		    " VALUES (?, ?, 'public', ?)", "iis", kid, r->user.id, body) < 0)
			return -1;
		if (db_exec(db, "UPDATE tickets SET status = 'resolved', resolved_at = UTC_TIMESTAMP(),"
		    " updated_at = UTC_TIMESTAMP(), first_response_at = COALESCE(first_response_at,"
		    " UTC_TIMESTAMP()) WHERE id = ?", "i", kid) < 0)
			return -1;
		if (ticket_event(db, kid, r->user.id, "status", db_cell(kids, i, 1), "resolved") < 0)
			return -1;
		if (ticket_sla(db, r, kid) < 0 || webhook_ticket(db, kid, "ticket.resolved") < 0)
			return -1;
		k->ids[k->n++] = kid;
	}
	return 0;
}

void
ticket_kids_notify(struct req *r, const struct ticket_kids *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		ticket_notify(r, k->ids[i], "resolved");
}

/* ------------------------------------------------------------------ two agents at once */

/* Record that the agent has ticket id open (at most one write a minute per
 * agent and ticket) and list the other staff seen on it lately. 0 or -1. */
static int
presence(struct req *r, long long id)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT p.user_id, u.name, TIMESTAMPDIFF(MINUTE, p.seen_at, UTC_TIMESTAMP()) AS ago,"
	    " p.seen_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE AS fresh FROM ticket_presence p"
	    " JOIN users u ON u.id = p.user_id WHERE p.ticket_id = ?"
	    " AND p.seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE ORDER BY p.seen_at DESC LIMIT ?",
	    "iii", id, (long long)TICKET_PRESENCE_MINUTES, (long long)PRESENCE_MAX + 1);
	size_t i, n = 0;
	int fresh = 0;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		if (strtoll(db_cell(res, i, 0), NULL, 10) == r->user.id) {
			fresh = strcmp(db_cell(res, i, 3), "1") == 0;
			continue;
		}
		if (n == PRESENCE_MAX)
			break;
		page_set(r, arena_printf(&r->arena, "Page.Presence.%lu.name", (unsigned long)n),
		    db_cell(res, i, 1));
		page_set(r, arena_printf(&r->arena, "Page.Presence.%lu.ago", (unsigned long)n),
		    db_cell(res, i, 2));
		n++;
	}
	return fresh ? 0 : ticket_presence_touch(r, id);
}

int
ticket_conflict(struct req *r, long long id, const char *action)
{
	static const char *const reply_keep[] = { "kind", NULL };
	static const char *const update_keep[] = { "status", "priority", "team", "assignee",
		"also_children", NULL };
	const char *seen = req_form(r, "seen");
	const char *const *keep;
	struct db_res *msgs, *evs, *rated = NULL;
	long long m, e, was_rated = -1;
	char *end;
	size_t i, n = 0;

	if (!ticket_staff(r))
		return 0;
	if (ticket_presence_touch(r, id) < 0)
		return -1;
	if (seen == NULL || req_form(r, "confirm") != NULL)
		return 0;
	/* "<last message id>.<last change id>.<rated 0/1>" as the page showed
	 * them (pages from before ratings counted end after the change id). */
	m = strtoll(seen, &end, 10);
	if (end == seen || *end != '.' || m < 0)
		return 0;
	seen = end + 1;
	e = strtoll(seen, &end, 10);
	if (end == seen || (*end != '\0' && *end != '.') || e < 0)
		return 0;
	if (*end == '.') {
		seen = end + 1;
		was_rated = strtoll(seen, &end, 10);
		if (end == seen || *end != '\0' || (was_rated != 0 && was_rated != 1))
			return 0;
	}
	msgs = db_query(r->db, &r->arena, "SELECT m.id, m.kind, m.body, u.name AS author,"
	    " DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i') AS at FROM ticket_messages m"
	    " LEFT JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ? AND m.id > ?"
	    " AND (m.author_id IS NULL OR m.author_id <> ?) ORDER BY m.id LIMIT ?", "iiii",
	    id, m, r->user.id, (long long)CONFLICT_MAX);
	if (msgs == NULL)
		return -1;
	/* Other people's changes and the system's (escalation rules: no actor). */
	evs = db_query(r->db, &r->arena, "SELECT e.what, e.new_value, u.name AS actor,"
	    " DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i') AS at FROM ticket_events e"
	    " LEFT JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = ? AND e.id > ?"
	    " AND (e.actor_id IS NULL OR e.actor_id <> ?) ORDER BY e.id LIMIT ?", "iiii", id, e,
	    r->user.id, (long long)CONFLICT_MAX);
	if (evs == NULL)
		return -1;
	/* A rating given since (it is no change of its own in the history). */
	if (was_rated == 0) {
		rated = db_query(r->db, &r->arena, "SELECT t.rating, t.rating_comment, u.name AS who"
		    " FROM tickets t JOIN users u ON u.id = t.requester_id WHERE t.id = ?"
		    " AND t.rating IS NOT NULL", "i", id);
		if (rated == NULL)
			return -1;
	}
	if (msgs->nrows == 0 && evs->nrows == 0 && (rated == NULL || rated->nrows == 0))
		return 0;
	page_rows(r, "Page.Conflict.Messages", msgs);
	page_rows(r, "Page.Conflict.Events", evs);
	if (rated != NULL && rated->nrows > 0)
		page_row(r, "Page.Conflict.Rating", rated);
	page_set(r, "Page.Conflict.action", action);
	page_set(r, "Page.Conflict.url", arena_printf(&r->arena, "/tickets/%s/%s",
	    ticket_number(&r->arena, id), action));
	keep = strcmp(action, "reply") == 0 ? reply_keep : update_keep;
	for (i = 0; keep[i] != NULL; i++) {
		const char *v = req_form(r, keep[i]);

		if (v == NULL)
			continue;
		page_set(r, arena_printf(&r->arena, "Page.Conflict.Keep.%lu.name", (unsigned long)n),
		    keep[i]);
		page_set(r, arena_printf(&r->arena, "Page.Conflict.Keep.%lu.value", (unsigned long)n),
		    v);
		n++;
	}
	if (strcmp(action, "reply") == 0)
		page_set(r, "Page.Conflict.body", req_form(r, "body"));
	r->status = 409;
	return 1;
}

/* ------------------------------------------------------------------ the ticket page */

int
ticket_links_page(struct req *r, long long id)
{
	int staff = ticket_staff(r);
	struct db_res *self = ticket_extra(r, id), *res;

	if (self == NULL || self->nrows == 0)
		return -1;
	if (db_cell(self, 0, 0) != NULL) {
		/* Merged: where to, when this person may follow it there. */
		res = db_query(r->db, &r->arena, "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number,"
		    " t.subject, t.status FROM tickets t WHERE t.id = ? AND" TICKET_VISIBLE_SQL,
		    "s" TICKET_VISIBLE_TYPES, db_cell(self, 0, 0), TICKET_VISIBLE_ARGS(r));
		if (res == NULL)
			return -1;
		page_set(r, "Page.Merged.yes", "1");
		page_row(r, "Page.Merged", res);
	}
	/* Related tickets this person may see. */
	res = db_query(r->db, &r->arena, "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number,"
	    " t.subject, t.status FROM (SELECT b_id AS other FROM ticket_links WHERE a_id = ?"
	    "  UNION ALL SELECT a_id FROM ticket_links WHERE b_id = ?) l JOIN tickets t ON t.id = l.other"
	    " WHERE" TICKET_VISIBLE_SQL " ORDER BY t.id LIMIT ?", "ii" TICKET_VISIBLE_TYPES "i",
	    id, id, TICKET_VISIBLE_ARGS(r), (long long)LINKS_MAX_SHOWN);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Links", res);
	if (db_cell(self, 0, 2) != NULL) {
		/* Part of a major incident. */
		res = db_query(r->db, &r->arena, "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number,"
		    " t.subject, t.status FROM tickets t WHERE t.id = ? AND" TICKET_VISIBLE_SQL,
		    "s" TICKET_VISIBLE_TYPES, db_cell(self, 0, 2), TICKET_VISIBLE_ARGS(r));
		if (res == NULL)
			return -1;
		page_set(r, "Page.Parent.yes", "1");
		page_row(r, "Page.Parent", res);
	}
	if (!staff)
		return 0;
	page_set(r, "Page.Major.on", db_cell(self, 0, 1));
	if (strcmp(db_cell(self, 0, 1), "1") == 0) {
		res = db_query(r->db, &r->arena, "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number,"
		    " t.subject, t.status, u.name AS requester FROM tickets t"
		    " JOIN users u ON u.id = t.requester_id WHERE t.parent_id = ? AND" TICKET_VISIBLE_SQL
		    " ORDER BY t.id LIMIT ?", "i" TICKET_VISIBLE_TYPES "i", id, TICKET_VISIBLE_ARGS(r),
		    (long long)TICKET_MAX_CHILDREN);
		if (res == NULL)
			return -1;
		page_rows(r, "Page.Children", res);
		{
			size_t i;
			long long open = 0;

			for (i = 0; i < res->nrows; i++) {
				const char *s = db_cell(res, i, 3);

				open += strcmp(s, "new") == 0 || strcmp(s, "open") == 0 ||
				    strcmp(s, "pending") == 0;
			}
			page_int(r, "Page.Major.children", (long long)res->nrows);
			page_int(r, "Page.Major.open", open);
		}
	}
	/* Tickets merged into this one. */
	res = db_query(r->db, &r->arena, "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number,"
	    " t.subject FROM tickets t WHERE t.merged_into = ? AND" TICKET_VISIBLE_SQL
	    " ORDER BY t.id LIMIT ?", "i" TICKET_VISIBLE_TYPES "i", id, TICKET_VISIBLE_ARGS(r),
	    (long long)LINKS_MAX_SHOWN);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.MergedIn", res);
	/* What the page shows now, to notice changes made before the agent submits. */
	res = db_query(r->db, &r->arena, "SELECT (SELECT COALESCE(MAX(id), 0) FROM ticket_messages"
	    " WHERE ticket_id = ?), (SELECT COALESCE(MAX(id), 0) FROM ticket_events WHERE ticket_id = ?),"
	    " (SELECT rating IS NOT NULL FROM tickets WHERE id = ?)", "iii", id, id, id);
	if (res == NULL || res->nrows == 0)
		return -1;
	page_setf(r, "Page.Seen", "%s.%s.%s", db_cell(res, 0, 0), db_cell(res, 0, 1),
	    db_cell(res, 0, 2));
	return presence(r, id);
}
