/* dept.c - requests of the requester's department: /tickets/?who=department when the
 * admin turned it on (settings.tickets_department_view), read-only for peers. */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "page.h"
#include "tickets.h"

#define DEPT_PER_PAGE 20

int
ticket_dept_view(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM settings WHERE name = '" TICKET_DEPT_SETTING "' AND value = '1'", "");

	if (res == NULL)
		return -1;
	return db_scalar(res, 0) > 0 ? 1 : 0;
}

int
ticket_read_only(const struct req *r)
{
	const char *requester = hdf_get_value(r->hdf, "Page.T.requester_id", NULL);
	char me[24];

	if (requester == NULL || ticket_staff(r))
		return 0;
	snprintf(me, sizeof(me), "%lld", r->user.id);
	return strcmp(requester, me) != 0;
}

/* The department's requests (the user's own among them), newest change first. */
static int
tickets_department(struct req *r)
{
	static const char *const states[] = { "open", "closed", "all", NULL };
	const char *state = form_choice(r, FORM_QUERY, "state", states, "open");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	const char *like;
	struct db_res *res;
	long long off, closed_lo, closed_hi;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	res = db_query(r->db, &r->arena, "SELECT d.name FROM users u JOIN departments d"
	    " ON d.id = u.department_id WHERE u.id = ?", "i", r->user.id);
	if (res == NULL)
		return -1;
	if (res->nrows > 0)
		page_set(r, "Page.Department", db_cell(res, 0, 0));
	like = db_like(&r->arena, q);
	closed_lo = strcmp(state, "closed") == 0 ? 1 : 0;
	closed_hi = strcmp(state, "open") == 0 ? 0 : 1;
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM users me JOIN users u"
	    " ON u.department_id = me.department_id JOIN tickets t ON t.requester_id = u.id"
	    " WHERE me.id = ? AND (t.status IN ('resolved', 'closed')) BETWEEN ? AND ?"
	    " AND t.subject LIKE ?", "iiis", r->user.id, closed_lo, closed_hi, like);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), DEPT_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT t.id, CONCAT('T-', LPAD(t.id, 6, '0')) AS number, t.subject, t.status,"
	    " u.name AS requester, (t.requester_id = me.id) AS mine,"
	    " DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated"
	    " FROM users me JOIN users u ON u.department_id = me.department_id"
	    " JOIN tickets t ON t.requester_id = u.id"
	    " WHERE me.id = ? AND (t.status IN ('resolved', 'closed')) BETWEEN ? AND ?"
	    " AND t.subject LIKE ? ORDER BY t.updated_at DESC, t.id DESC LIMIT ? OFFSET ?",
	    "iiisii", r->user.id, closed_lo, closed_hi, like, (long long)DEPT_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tickets", res);
	page_set(r, "Page.State", state);
	page_set(r, "Page.Query", q);
	page_set(r, "Page.Who", "department");
	page_msg(r, "Page.Title", "tdept.title");
	return view_page(r, "tickets/department.cs");
}

int
tickets_home(struct req *r)
{
	static const char *const whos[] = { "me", "department", NULL };
	const char *who = form_choice(r, FORM_QUERY, "who", whos, "me");
	int on;

	if (who == NULL)
		return http_fail(r, 400, "error.bad_request");
	on = ticket_dept_view(r);
	if (on < 0)
		return -1;
	/* Turned off, the department's list does not exist: the person's own list. */
	if (on == 0)
		return tickets_mine(r);
	page_set(r, "Page.DeptView", "1");
	if (strcmp(who, "department") == 0)
		return tickets_department(r);
	page_set(r, "Page.Who", "me");
	return tickets_mine(r);
}
