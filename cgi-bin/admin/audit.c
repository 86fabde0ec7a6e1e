/* audit.c - /admin/audit: who changed what, and security events. */
#include <string.h>

#include "admin.h"
#include "form.h"
#include "http.h"
#include "page.h"

#define AUDIT_PER_PAGE 100

int
audit_page(struct req *r)
{
	static const char *const kinds[] = { "all", "security", "changes", NULL };
	const char *kind = form_choice(r, FORM_QUERY, "kind", kinds, "all");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	struct db_res *res;
	const char *like;
	long long sec_lo, sec_hi, off;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
	/* Security events are sign-ins, sign-outs and password events. */
	sec_lo = strcmp(kind, "changes") == 0 ? 0 : strcmp(kind, "security") == 0 ? 1 : 0;
	sec_hi = strcmp(kind, "changes") == 0 ? 0 : 1;
	res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
	    " WHERE (a.action LIKE 'login%' OR a.action LIKE 'logout%' OR a.action LIKE 'password%')"
	    " BETWEEN ? AND ? AND (a.target LIKE ? OR a.action LIKE ? OR u.email LIKE ?)",
	    "iisss", sec_lo, sec_hi, like, like, like);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), AUDIT_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s') AS at, a.action, a.target,"
	    " a.detail, a.address, u.name AS actor, u.email AS actor_email"
	    " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
	    " WHERE (a.action LIKE 'login%' OR a.action LIKE 'logout%' OR a.action LIKE 'password%')"
	    " BETWEEN ? AND ? AND (a.target LIKE ? OR a.action LIKE ? OR u.email LIKE ?)"
	    " ORDER BY a.id DESC LIMIT ? OFFSET ?",
	    "iisssii", sec_lo, sec_hi, like, like, like, (long long)AUDIT_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Events", res);
	page_set(r, "Page.Kind", kind);
	page_set(r, "Page.Query", q);
	page_msg(r, "Page.Title", "admin.audit");
	return view_page(r, "admin/audit.cs");
}
