/* mailin.c - /admin/mail: what came in by mail and what became of it (read only). */
#include <string.h>

#include "admin.h"
#include "form.h"
#include "http.h"
#include "page.h"

#define MAILIN_PER_PAGE 100

int
mailin_page(struct req *r)
{
	static const char *const outcomes[] = { "all", "reply", "new_ticket", "bounced", "ignored",
		"duplicate", NULL };
	const char *outcome = form_choice(r, FORM_QUERY, "outcome", outcomes, "all");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	struct db_res *res;
	const char *like;
	long long off;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
#define MAILIN_WHERE " WHERE (? = 'all' OR l.outcome = ?)" \
	" AND (l.from_addr LIKE ? OR l.subject LIKE ? OR l.message_id LIKE ?)"
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM mail_in_log l" MAILIN_WHERE,
	    "sssss", outcome, outcome, like, like, like);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), MAILIN_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT l.id, DATE_FORMAT(l.received_at, '%Y-%m-%d %H:%i:%s') AS at, l.message_id,"
	    " l.from_addr, l.to_addr, l.subject, l.size, l.outcome, l.reason,"
	    " IF(l.ticket_id IS NULL, '', CONCAT('T-',"
	    "  LPAD(l.ticket_id, GREATEST(6, LENGTH(l.ticket_id)), '0'))) AS ticket"
	    " FROM mail_in_log l" MAILIN_WHERE " ORDER BY l.id DESC LIMIT ? OFFSET ?",
	    "sssssii", outcome, outcome, like, like, like, (long long)MAILIN_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Mail", res);
	page_set(r, "Page.Outcome", outcome);
	page_set(r, "Page.Query", q);
	page_msg(r, "Page.Title", "mailin.admin_title");
	return view_page(r, "admin/mailin.cs");
}
