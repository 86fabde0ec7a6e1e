/* mine.c - the requester's side: report, list, follow, reply, confirm, rate. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "kb.h"
#include "page.h"
#include "search.h"
#include "tickets.h"
#include "tmail.h"
#include "webhook.h"

#define MINE_PER_PAGE 20

/* The requester's tickets by state: each variant reads the requester's own
 * index range in order; the count stops at MINE_COUNT_CAP. */
#define MINE_COLS " t.id, CONCAT('T-', LPAD(t.id, GREATEST(6, LENGTH(t.id)), '0')) AS number," \
	" t.subject, t.status," \
	" t.priority, DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated," \
	" DATE_FORMAT(t.created_at, '%Y-%m-%d') AS created FROM tickets t WHERE t.requester_id = ?"
#define MINE_TAIL " AND (? = '' OR t.subject LIKE ?) ORDER BY t.updated_at DESC, t.id DESC" \
	" LIMIT ? OFFSET ?"
#define MINE_COUNT_CAP 1000

int
tickets_mine(struct req *r)
{
	static const char *const states[] = { "open", "closed", "all", NULL };
	const char *state = form_choice(r, FORM_QUERY, "state", states, "open");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	const char *like;
	struct db_res *res;
	long long off, total, per = MINE_PER_PAGE, cap = MINE_COUNT_CAP + 1;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
	/* Without a search the count reads the requester's index only. */
	if (*q == '\0' && state[0] == 'o')
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? AND t.status IN ('new', 'open', 'pending') LIMIT ?) c",
		    "ii", r->user.id, cap);
	else if (*q == '\0' && state[0] == 'c')
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? AND t.status IN ('resolved', 'closed') LIMIT ?) c",
		    "ii", r->user.id, cap);
	else if (*q == '\0')
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? LIMIT ?) c", "ii", r->user.id, cap);
	else if (state[0] == 'o')
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? AND t.status IN ('new', 'open', 'pending')"
		    " AND (? = '' OR t.subject LIKE ?) LIMIT ?) c", "issi", r->user.id, q, like, cap);
	else if (state[0] == 'c')
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? AND t.status IN ('resolved', 'closed')"
		    " AND (? = '' OR t.subject LIKE ?) LIMIT ?) c", "issi", r->user.id, q, like, cap);
	else
		res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t"
		    " WHERE t.requester_id = ? AND (? = '' OR t.subject LIKE ?) LIMIT ?) c", "issi",
		    r->user.id, q, like, cap);
	if (res == NULL)
		return -1;
	total = db_scalar(res, 0);
	if (total > MINE_COUNT_CAP) {
		total = MINE_COUNT_CAP;
		page_int(r, "Page.Pager.More", 1);
	}
	off = page_pager(r, total, per);
	if (state[0] == 'o')
		res = db_query(r->db, &r->arena, "SELECT" MINE_COLS " AND t.status IN ('new', 'open', 'pending')"
		    MINE_TAIL, "issii", r->user.id, q, like, per, off);
	else if (state[0] == 'c')
		res = db_query(r->db, &r->arena, "SELECT" MINE_COLS " AND t.status IN ('resolved', 'closed')"
		    MINE_TAIL, "issii", r->user.id, q, like, per, off);
	else
		res = db_query(r->db, &r->arena, "SELECT" MINE_COLS MINE_TAIL, "issii", r->user.id, q, like, per,
		    off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tickets", res);
	page_set(r, "Page.State", state);
	page_set(r, "Page.Query", q);
	page_msg(r, "Page.Title", "tickets.title");
	return view_page(r, "tickets/mine.cs");
}

/* Categories for the form, and the extra fields of the chosen one. */
static int
form_lists(struct req *r, long long category)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT id, IF(? = 'es', name_es, name_en) AS name,"
	    " IF(? = 'es', description_es, description_en) AS description"
	    " FROM ticket_categories WHERE active = 1 ORDER BY position, id", "ss", r->lang, r->lang);

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Categories", res);
	if (category > 0) {
		res = db_query(r->db, &r->arena,
		    "SELECT id, IF(? = 'es', label_es, label_en) AS label, type, choices, required"
		    " FROM ticket_fields WHERE category_id = ? AND active = 1 ORDER BY position, id", "si",
		    r->lang,
		    category);
		if (res == NULL)
			return -1;
		page_rows(r, "Page.Fields", res);
		{
			size_t i;

			/* Choices as a list the template can loop over. */
			for (i = 0; i < res->nrows; i++) {
				const char *c = db_cell(res, i, 3);
				const char *tok;
				size_t n = 0;

				while (c != NULL && *c != '\0') {
					size_t len = strcspn(c, ",");

					tok = arena_strndup(&r->arena, c, len);
					while (*tok == ' ')
						tok++;
					page_set(r, arena_printf(&r->arena, "Page.Fields.%lu.options.%lu",
					    (unsigned long)i, (unsigned long)n++), tok);
					c += len;
					if (*c == ',')
						c++;
				}
				/* What the person already typed, when the form comes back. */
				page_set(r, arena_printf(&r->arena, "Page.Fields.%lu.value", (unsigned long)i),
				    req_form(r, arena_printf(&r->arena, "field_%s", db_cell(res, i, 0))));
			}
		}
	}
	return 0;
}

int
ticket_new(struct req *r)
{
	page_set(r, "Page.Step", "1");
	page_set(r, "Page.Form.subject", req_query(r, "subject"));
	page_msg(r, "Page.Title", "tickets.new_title");
	if (form_lists(r, 0) < 0 || (ticket_staff(r) && ticket_behalf_page(r) < 0))
		return -1;
	return view_page(r, "tickets/report.cs");
}

/* Articles that may answer the summary (shown before the person submits). */
static int
suggest(struct req *r, const char *subject)
{
	struct search_req sq;
	struct search_result res;
	struct kb_viewer v;
	size_t i;

	kb_viewer_set(&v, r->user.id, r->user.roles);
	memset(&sq, 0, sizeof(sq));
	sq.q = subject;
	sq.lang = r->lang;
	sq.viewer = &v;
	sq.type = sq.language = "";
	sq.limit = 4;
	if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0)
		return -1;
	for (i = 0; i < res.nhits; i++) {
		/* Only answers that match well: a weak list teaches people to skip it. */
		if (res.hits[i].score < 0.35 * res.hits[0].score)
			break;
		page_set(r, arena_printf(&r->arena, "Page.Suggest.%lu.title", (unsigned long)i),
		    res.hits[i].title);
		page_set(r, arena_printf(&r->arena, "Page.Suggest.%lu.summary", (unsigned long)i),
		    res.hits[i].summary);
		page_set(r, arena_printf(&r->arena, "Page.Suggest.%lu.url", (unsigned long)i),
		    arena_printf(&r->arena, "/kb/a/%lld-%s?from=ticket", res.hits[i].id,
		    res.hits[i].slug));
	}
	return 0;
}

/* The new ticket's data, checked, for the transaction. */
struct create_tx {
	struct req *r;
	const char *subject, *body;
	const char *channel;     /* "portal", or "phone" when an agent opens it for someone */
	long long requester;     /* who it is for: the user, or the person on the phone */
	long long category, impact, urgency, id;
	struct db_res *fields;   /* the category's fields */
	const char **values;     /* their checked values */
};

static int
create_tx(struct db *db, void *ctx)
{
	struct create_tx *t = ctx;
	long long mid;
	size_t i;

	if (db_exec(db, "INSERT INTO tickets (requester_id, category_id, group_id, subject, status,"
	    " priority, impact, urgency, channel)"
	    " SELECT ?, c.id, c.group_id, ?, 'new', COALESCE((SELECT m.priority FROM priority_matrix m"
	    "  WHERE m.impact = ? AND m.urgency = ?), 3), ?, ?, ?"
	    " FROM ticket_categories c WHERE c.id = ? AND c.active = 1",
	    "isiiiisi", t->requester, t->subject, t->impact, t->urgency, t->impact, t->urgency,
	    t->channel, t->category) != 1)
		return db->err ? -1 : 1;
	t->id = (long long)db_insert_id(db);
	if (db_exec(db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
	    " VALUES (?, ?, 'public', ?)", "iis", t->id, t->r->user.id, t->body) < 0)
		return -1;
	mid = (long long)db_insert_id(db);
	for (i = 0; t->fields != NULL && i < t->fields->nrows; i++)
		if (t->values[i] != NULL && *t->values[i] != '\0' &&
		    db_exec(db, "INSERT INTO ticket_field_values (ticket_id, field_id, value)"
		    " VALUES (?, ?, ?)", "iss", t->id, db_cell(t->fields, i, 0), t->values[i]) < 0)
			return -1;
	if (ticket_files_save(db, t->r, t->id, mid) < 0)
		return -1;
	if (ticket_event(db, t->id, t->r->user.id, "created", "", "new") < 0)
		return -1;
	if (ticket_sla(db, t->r, t->id) < 0)
		return -1;
	if (webhook_ticket(db, t->id, "ticket.created") < 0)
		return -1;
	/* Articles opened from the form just before did not solve it after all. */
	if (db_exec(db, "UPDATE kb_deflections SET ticket_id = ? WHERE user_id = ?"
	    " AND ticket_id IS NULL AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "ii", t->id,
	    t->requester) < 0)
		return -1;
	/* The searches just before this ticket did not answer the question. */
	return db_exec(db, "UPDATE kb_search_log SET ticket_after = 1 WHERE user_id = ?"
	    " AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "i", t->requester) < 0 ? -1 : 0;
}

/* Check the category's extra fields; values into t. */
static int
check_fields(struct req *r, struct create_tx *t)
{
	size_t i;

	t->fields = db_query(r->db, &r->arena, "SELECT id, type, choices, required FROM ticket_fields"
	    " WHERE category_id = ? AND active = 1 ORDER BY position, id", "i", t->category);
	if (t->fields == NULL)
		return -1;
	t->values = arena_zalloc(&r->arena, sizeof(char *) * (t->fields->nrows + 1));
	for (i = 0; i < t->fields->nrows; i++) {
		const char *name = arena_printf(&r->arena, "field_%s", db_cell(t->fields, i, 0));
		const char *type = db_cell(t->fields, i, 1);
		int required = strcmp(db_cell(t->fields, i, 3), "1") == 0;
		const char *v;

		if (strcmp(type, "checkbox") == 0) {
			v = req_form(r, name) != NULL ? "yes" : "";
			if (required && *v == '\0')
				form_error(r, name, "form.required");
		} else {
			v = form_line(r, FORM_BODY, name, 1000, required);
		}
		if (v != NULL && *v != '\0' && strcmp(type, "number") == 0) {
			int ok = 1;

			form_int(r, FORM_BODY, name, -1000000000LL, 1000000000LL, 0, &ok);
		} else if (v != NULL && *v != '\0' && strcmp(type, "date") == 0 &&
		    (strlen(v) != 10 || v[4] != '-' || v[7] != '-' || strspn(v, "0123456789-") != 10)) {
			form_error(r, name, "kbe.bad_date");
		} else if (v != NULL && *v != '\0' && strcmp(type, "choice") == 0) {
			/* Must be one of the choices. */
			const char *c = db_cell(t->fields, i, 2);
			int found = 0;

			while (*c != '\0' && !found) {
				size_t len = strcspn(c, ",");
				const char *opt = c;

				while (*opt == ' ' && len > 0) {
					opt++;
					len--;
				}
				found = strlen(v) == len && strncmp(opt, v, len) == 0;
				c = opt + len;
				if (*c == ',')
					c++;
			}
			if (!found)
				form_error(r, name, "form.choice");
		}
		t->values[i] = v;
	}
	return 0;
}

int
ticket_create(struct req *r)
{
	return ticket_create_via(r, "portal");
}

int
ticket_create_via(struct req *r, const char *channel)
{
	static const char *const steps[] = { "1", "2", NULL };
	const char *step = form_choice(r, FORM_BODY, "step", steps, "2");
	struct create_tx t;
	int ok = 1, rc;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.requester = r->user.id;
	t.channel = channel;
	/* An agent may open it for the person on the phone (tools.c). */
	if (ticket_staff(r) && ticket_behalf(r, &t.requester) < 0)
		return -1;
	if (t.requester != r->user.id && strcmp(channel, "portal") == 0)
		t.channel = "phone";
	t.subject = form_line(r, FORM_BODY, "subject", 200, 1);
	t.category = form_int(r, FORM_BODY, "category", 1, 1LL << 60, 0, &ok);
	if (t.category == 0 && ok)
		form_error(r, "category", "tickets.choose_category");
	if (step != NULL && strcmp(step, "2") == 0) {
		t.body = form_text(r, FORM_BODY, "body", TICKET_MAX_BODY, 1);
		t.impact = form_int(r, FORM_BODY, "impact", 1, 3, 3, &ok);
		t.urgency = form_int(r, FORM_BODY, "urgency", 1, 3, 3, &ok);
		if (t.category > 0 && check_fields(r, &t) < 0)
			return -1;
		ticket_files_check(r);
	}
	page_msg(r, "Page.Title", "tickets.new_title");
	page_set(r, "Page.Form.subject", req_form(r, "subject"));
	page_set(r, "Page.Form.category", req_form(r, "category"));
	page_set(r, "Page.Form.body", req_form(r, "body"));
	page_set(r, "Page.Form.impact", req_form(r, "impact"));
	page_set(r, "Page.Form.urgency", req_form(r, "urgency"));
	if (r->form_errors || step == NULL || strcmp(step, "1") == 0) {
		/* Step 1 done (or errors): show the full form with suggestions. */
		if (r->form_errors)
			r->status = 422;
		page_set(r, "Page.Step", t.category > 0 && t.subject != NULL ? "2" : "1");
		if (t.category > 0 && t.subject != NULL && suggest(r, t.subject) < 0)
			return -1;
		if (form_lists(r, t.category) < 0)
			return -1;
		return view_page(r, "tickets/report.cs");
	}
	rc = db_tx(r->db, create_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		form_error(r, "category", "tickets.choose_category");
		r->status = 422;
		page_set(r, "Page.Step", "1");
		if (form_lists(r, 0) < 0)
			return -1;
		return view_page(r, "tickets/report.cs");
	}
	audit(r, "ticket.create", ticket_number(&r->arena, t.id), t.subject);
	ticket_notify(r, t.id, "new");
	/* The team (never the one who opened it) hears of it and can answer by mail. */
	tmail_notify_staff_new(r, t.id, r->user.id);
	if (t.requester != r->user.id)
		return ticket_behalf_done(r, t.id);
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s?created=1",
	    ticket_number(&r->arena, t.id)));
}

int
ticket_page(struct req *r)
{
	const char *key, *version;
	int kept = ticket_kept(r, &key, &version);
	long long id;
	int staff = ticket_staff(r);
	struct db_res *res;

	if (kept != 0)
		return kept < 0 ? -1 : 200;
	if ((id = ticket_load(r)) < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena,
	    "SELECT m.id, m.kind, m.body, u.name AS author, (m.author_id = t.requester_id) AS mine,"
	    " DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i') AS at"
	    " FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id"
	    " LEFT JOIN users u ON u.id = m.author_id"
	    " WHERE m.ticket_id = ? AND (m.kind = 'public' OR ? = 1) ORDER BY m.id",
	    "ii", id, (long long)staff);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Messages", res);
	res = db_query(r->db, &r->arena,
	    "SELECT f.id, f.filename, f.content_type, f.size, f.message_id FROM ticket_files f"
	    " LEFT JOIN ticket_messages m ON m.id = f.message_id"
	    " WHERE f.ticket_id = ? AND (m.kind IS NULL OR m.kind = 'public' OR ? = 1) ORDER BY f.id",
	    "ii", id, (long long)staff);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Files", res);
	res = db_query(r->db, &r->arena,
	    "SELECT e.what, e.old_value,"
	    " CASE e.what WHEN 'assignee' THEN (SELECT x.name FROM users x WHERE x.id = e.new_value)"
	    "  WHEN 'team' THEN (SELECT g.name FROM `groups` g WHERE g.id = e.new_value)"
	    "  ELSE e.new_value END AS new_value, u.name AS actor,"
	    " DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i') AS at"
	    " FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id"
	    " WHERE e.ticket_id = ? AND (e.what IN ('created', 'status') OR ? = 1) ORDER BY e.id",
	    "ii", id, (long long)staff);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Events", res);
	res = db_query(r->db, &r->arena,
	    "SELECT IF(? = 'es', f.label_es, f.label_en) AS label, v.value FROM ticket_field_values v"
	    " JOIN ticket_fields f ON f.id = v.field_id WHERE v.ticket_id = ? ORDER BY f.position",
	    "si", r->lang, id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Fields", res);
	if (ticket_links_page(r, id) < 0)
		return -1;
	if (staff) {
		/* Teams that receive requests (and the one it is with now). */
		res = db_query(r->db, &r->arena, "SELECT id, name FROM `groups` WHERE support = 1"
		    " OR id = ? ORDER BY name", "s", hdf_get_value(r->hdf, "Page.T.group_id", "0"));
		if (res == NULL)
			return -1;
		page_rows(r, "Page.Teams", res);
		res = db_query(r->db, &r->arena, "SELECT id, name FROM users WHERE active = 1"
		    " AND (FIND_IN_SET('agent', roles) OR FIND_IN_SET('admin', roles)) ORDER BY name", "");
		if (res == NULL)
			return -1;
		page_rows(r, "Page.Agents", res);
		if (ticket_tools(r) < 0)
			return -1;
		page_set(r, "Page.Staff", "1");
		if (ticket_sla_page(r, id) < 0)
			return -1;
	}
	if (req_query(r, "created") != NULL)
		page_msg(r, "Page.Notice", "tickets.created");
	page_setf(r, "Page.Title", "%s · %s", hdf_get_value(r->hdf, "Page.T.number", ""),
	    hdf_get_value(r->hdf, "Page.T.subject", ""));
	return ticket_keep(r, key, version, "tickets/ticket.cs");
}

/* A reply: who writes, what, public or internal, and the status it leads to. */
struct reply_tx {
	struct req *r;
	long long id;
	const char *body, *kind, *old_status, *new_status;
	int staff_reply;
};

static int
reply_tx(struct db *db, void *ctx)
{
	struct reply_tx *t = ctx;
	long long mid;

	if (db_exec(db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
	    " VALUES (?, ?, ?, ?)", "iiss", t->id, t->r->user.id, t->kind, t->body) < 0)
		return -1;
	mid = (long long)db_insert_id(db);
	if (ticket_files_save(db, t->r, t->id, mid) < 0)
		return -1;
	/* resolved_at first: SET sees the old status there. */
	if (db_exec(db, "UPDATE tickets SET updated_at = UTC_TIMESTAMP(),"
	    " resolved_at = IF(? IN ('new', 'open', 'pending'), NULL, resolved_at), status = ?,"
	    " first_response_at = IF(? = 1 AND ? = 'public', COALESCE(first_response_at,"
	    "  UTC_TIMESTAMP()), first_response_at) WHERE id = ?", "ssisi",
	    t->new_status, t->new_status, (long long)t->staff_reply, t->kind, t->id) < 0)
		return -1;
	if (strcmp(t->old_status, t->new_status) != 0 &&
	    ticket_event(db, t->id, t->r->user.id, "status", t->old_status, t->new_status) < 0)
		return -1;
	if (ticket_sla(db, t->r, t->id) < 0)
		return -1;
	if (webhook_ticket(db, t->id, strcmp(t->kind, "public") == 0 ? "ticket.updated" : NULL) < 0)
		return -1;
	return 0;
}

int
ticket_reply(struct req *r)
{
	static const char *const kinds[] = { "public", "internal", NULL };
	struct reply_tx t;
	long long id = ticket_load(r);
	int staff = ticket_staff(r);
	const char *status;

	if (id < 0)
		return -1;
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (ticket_read_only(r))
		return http_fail(r, 403, "tdept.read_only");
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = id;
	t.body = form_text(r, FORM_BODY, "body", TICKET_MAX_BODY, 1);
	t.kind = staff ? form_choice(r, FORM_BODY, "kind", kinds, "public") : "public";
	ticket_files_check(r);
	if (r->form_errors) {
		r->status = 422;
		return ticket_page(r);
	}
	status = hdf_get_value(r->hdf, "Page.T.status", "new");
	if (!staff && strcmp(status, "closed") == 0)
		return http_fail(r, 409, "tickets.closed");
	switch (ticket_conflict(r, id, "reply")) {
	case 0:
		break;
	case 1:
		return ticket_page(r);   /* someone else changed it: show what, ask again */
	default:
		return -1;
	}
	t.old_status = status;
	t.new_status = status;
	t.staff_reply = staff && strcmp(hdf_get_value(r->hdf, "Page.T.requester_id", ""),
	    arena_printf(&r->arena, "%lld", r->user.id)) != 0;
	if (t.staff_reply && strcmp(t.kind, "public") == 0 && strcmp(status, "new") == 0)
		t.new_status = "open";
	else if (!t.staff_reply && (strcmp(status, "pending") == 0 ||
	    strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0))
		t.new_status = "open";    /* the requester writes again: back to work */
	if (db_tx(r->db, reply_tx, &t) != 0)
		return -1;
	if (t.staff_reply && strcmp(t.kind, "public") == 0)
		ticket_notify(r, id, "reply");
	else if (!t.staff_reply)
		tmail_notify_staff(r, id, r->user.id, t.body);   /* they can answer by mail */
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s#latest",
	    ticket_number(&r->arena, id)));
}

/* A status change with its history entry and webhook event, in one transaction. */
struct status_tx {
	struct req *r;
	long long id, changed;
	const char *from, *to;
};

static int
status_tx(struct db *db, void *ctx)
{
	struct status_tx *t = ctx;

	t->changed = db_exec(db, "UPDATE tickets SET status = ?, updated_at = UTC_TIMESTAMP(),"
	    " resolved_at = IF(? = 'resolved', UTC_TIMESTAMP(), IF(? = 'open', NULL, resolved_at))"
	    " WHERE id = ? AND status = ?", "sssis", t->to, t->to, t->to, t->id, t->from);
	if (t->changed < 0)
		return -1;
	if (t->changed == 1 && ticket_event(db, t->id, t->r->user.id, "status", t->from, t->to) < 0)
		return -1;
	if (t->changed == 1 && ticket_sla(db, t->r, t->id) < 0)
		return -1;
	if (t->changed == 1 && webhook_ticket(db, t->id,
	    strcmp(t->to, "resolved") == 0 ? "ticket.resolved" : "ticket.updated") < 0)
		return -1;
	return 0;
}

/* Change the status of a ticket the user may see, from one of the states in
 * from (comma list) to to; records the event. 1 if changed, 0 if not allowed. */
static int
set_status(struct req *r, long long id, const char *from, const char *to)
{
	const char *status = hdf_get_value(r->hdf, "Page.T.status", "");
	struct status_tx t = { r, id, 0, status, to };

	if (strstr(from, status) == NULL || *status == '\0')
		return 0;
	if (db_tx(r->db, status_tx, &t) != 0)
		return -1;
	return (int)t.changed;
}

/* Only the requester confirms, reopens and rates their ticket. */
static int
requester_only(struct req *r)
{
	return strcmp(hdf_get_value(r->hdf, "Page.T.requester_id", ""),
	    arena_printf(&r->arena, "%lld", r->user.id)) == 0;
}

int
ticket_solved(struct req *r)
{
	long long id = ticket_load(r);

	if (id < 0)
		return -1;
	if (id == 0 || !requester_only(r))
		return http_fail(r, 404, "error.not_found");
	if (set_status(r, id, "new,open,pending", "resolved") < 0)
		return -1;
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s#rate",
	    ticket_number(&r->arena, id)));
}

int
ticket_reopen(struct req *r)
{
	long long id = ticket_load(r);
	const char *why = form_text(r, FORM_BODY, "body", TICKET_MAX_BODY, 0);
	struct reply_tx t;

	if (id < 0)
		return -1;
	if (id == 0 || !requester_only(r))
		return http_fail(r, 404, "error.not_found");
	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	if (strcmp(hdf_get_value(r->hdf, "Page.T.status", ""), "resolved") != 0)
		return http_fail(r, 409, "tickets.not_solved_yet");
	if (why != NULL && *why != '\0') {
		memset(&t, 0, sizeof(t));
		t.r = r;
		t.id = id;
		t.body = why;
		t.kind = "public";
		t.old_status = hdf_get_value(r->hdf, "Page.T.status", "");
		t.new_status = "open";
		if (db_tx(r->db, reply_tx, &t) != 0)
			return -1;
		tmail_notify_staff(r, id, r->user.id, why);
	} else if (set_status(r, id, "resolved", "open") < 0) {
		return -1;
	}
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s", ticket_number(&r->arena, id)));
}

int
ticket_rate(struct req *r)
{
	long long id = ticket_load(r);
	int ok = 1;
	long long rating = form_int(r, FORM_BODY, "rating", 1, 5, 0, &ok);
	const char *comment = form_text(r, FORM_BODY, "comment", 1000, 0);
	const char *status;

	if (id < 0)
		return -1;
	if (id == 0 || !requester_only(r))
		return http_fail(r, 404, "error.not_found");
	status = hdf_get_value(r->hdf, "Page.T.status", "");
	if (rating == 0 || r->form_errors ||
	    (strcmp(status, "resolved") != 0 && strcmp(status, "closed") != 0))
		return http_fail(r, 400, "error.bad_request");
	/* One rating per request: a second one changes nothing. */
	if (db_exec(r->db, "UPDATE tickets SET rating = ?, rating_comment = ? WHERE id = ?"
	    " AND rating IS NULL", "isi", rating, comment, id) < 0)
		return -1;
	return http_redirect(r, arena_printf(&r->arena, "/tickets/%s?rated=1#rate",
	    ticket_number(&r->arena, id)));
}
