/* common.c - what every tickets page shares: numbers, access, files, history, mail. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "tickets.h"
#include "tmail.h"
#include "upload.h"

long long
ticket_id(const char *number)
{
	const char *p = number;
	size_t n;

	if ((p[0] == 'T' || p[0] == 't') && p[1] == '-')
		p += 2;
	n = strspn(p, "0123456789");
	if (n == 0 || n > 12 || p[n] != '\0')
		return 0;
	return strtoll(p, NULL, 10);
}

char *
ticket_number(struct arena *a, long long id)
{
	return arena_printf(a, "T-%06lld", id);
}

int
ticket_staff(const struct req *r)
{
	return req_has_role(r, ROLE_AGENT | ROLE_ADMIN);
}

long long
ticket_load(struct req *r)
{
	long long id = ticket_id(r->params[0]);
	struct db_res *res;

	if (id == 0)
		return 0;
	res = db_query(r->db, &r->arena,
	    "SELECT t.id, t.subject, t.status, t.priority, t.impact, t.urgency, t.channel,"
	    " t.requester_id, t.assignee_id, t.group_id, t.rating, t.rating_comment,"
	    " DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i') AS created,"
	    " DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated,"
	    " DATE_FORMAT(t.resolved_at, '%Y-%m-%d %H:%i') AS resolved,"
	    " u.name AS requester, u.email AS requester_email, a.name AS assignee, g.name AS team,"
	    " IF(? = 'es', c.name_es, c.name_en) AS category"
	    " FROM tickets t JOIN users u ON u.id = t.requester_id"
	    " LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN `groups` g ON g.id = t.group_id"
	    " LEFT JOIN ticket_categories c ON c.id = t.category_id"
	    " WHERE t.id = ? AND" TICKET_VISIBLE_SQL,
	    "si" TICKET_VISIBLE_TYPES, r->lang, id, TICKET_VISIBLE_ARGS(r));
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	page_row(r, "Page.T", res);
	page_set(r, "Page.T.number", ticket_number(&r->arena, id));
	if (!ticket_staff(r)) {
		/* Requesters see what they need, not the team's internals. */
		hdf_remove_tree(r->hdf, "Page.T.requester_email");
		/* A department peer's request: they follow it, they do not act on it. */
		if (ticket_read_only(r))
			page_set(r, "Page.ReadOnly", "1");
	}
	return id;
}

int
ticket_files_check(struct req *r)
{
	const struct field *f;
	int n = 0;

	for (f = r->form; f != NULL; f = f->next) {
		if (strcmp(f->name, "files") != 0 || f->filename == NULL || f->len == 0)
			continue;
		if (++n > TICKET_MAX_FILES) {
			form_error(r, "files", "tickets.too_many_files");
			return 1;
		}
		if (f->len > TICKET_MAX_FILE) {
			form_error(r, "files", "tickets.file_too_big");
			return 1;
		}
		if (upload_type(f->value, f->len) == NULL) {
			form_error(r, "files", "tickets.file_type");
			return 1;
		}
	}
	return 0;
}

int
ticket_files_save(struct db *db, struct req *r, long long tid, long long mid)
{
	const struct field *f;

	for (f = r->form; f != NULL; f = f->next) {
		if (strcmp(f->name, "files") != 0 || f->filename == NULL || f->len == 0)
			continue;
		if (db_exec(db, "INSERT INTO ticket_files (ticket_id, message_id, filename,"
		    " content_type, size, data, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "iissibi", tid, mid, f->filename, upload_type(f->value, f->len),
		    (long long)f->len, f->value, f->len, r->user.id) < 0)
			return -1;
	}
	return 0;
}

int
ticket_event(struct db *db, long long tid, long long actor, const char *what,
    const char *from, const char *to)
{
	return db_exec(db, "INSERT INTO ticket_events (ticket_id, actor_id, what, old_value,"
	    " new_value) VALUES (?, NULLIF(?, 0), ?, ?, ?)", "iisss", tid, actor, what,
	    from ? from : "", to ? to : "") < 0 ? -1 : 0;
}

void
ticket_notify(struct req *r, long long tid, const char *kind)
{
	/* In the library: `ventanilla mail-in` sends the same mail. */
	tmail_notify(r, tid, kind);
}

int
ticket_file(struct req *r)
{
	long long tid = ticket_load(r), fid;
	struct db_res *res;
	char *end;

	if (tid < 0)
		return -1;
	fid = strtoll(r->params[1], &end, 10);
	if (tid == 0 || *end != '\0' || fid <= 0)
		return http_fail(r, 404, "error.not_found");
	/* Files of internal notes are for staff only. */
	res = db_query(r->db, &r->arena,
	    "SELECT f.content_type, f.filename, f.data FROM ticket_files f"
	    " LEFT JOIN ticket_messages m ON m.id = f.message_id"
	    " WHERE f.id = ? AND f.ticket_id = ? AND (m.kind IS NULL OR m.kind = 'public' OR ? = 1)",
	    "iii", fid, tid, (long long)ticket_staff(r));
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	hdf_remove_tree(r->hdf, "Page");
	r->content_type = db_cell(res, 0, 0);
	if (strcmp(r->content_type, "text/plain") == 0)
		r->content_type = "text/plain; charset=utf-8";
	http_header(r, "Content-Disposition", arena_printf(&r->arena,
	    "%s; filename=\"file\"; filename*=UTF-8''%s",
	    upload_inline(r->content_type) ? "inline" : "attachment",
	    http_urlencode(&r->arena, db_cell(res, 0, 1))));
	buf_append(&r->body, db_cell(res, 0, 2), res->lens[2]);
	return 200;
}
