/* ticketsettings.c - /admin/tickets/settings: whether requesters see their
 * department's requests (settings.tickets_department_view, off by default), and
 * the departments themselves (list, add); the department field of /admin/users/<id>. */
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"

#define DEPT_SETTING "tickets_department_view"   /* as TICKET_DEPT_SETTING in tickets.h */

int
dept_fill(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT d.id, d.name, (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id)"
	    " AS people FROM departments d ORDER BY d.name", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Departments", res);
	return 0;
}

int
dept_field(struct req *r, long long *id)
{
	int ok = 1;
	struct db_res *res;

	*id = form_int(r, FORM_BODY, "department", 0, 1LL << 60, 0, &ok);
	if (!ok || *id == 0)
		return 0;
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM departments WHERE id = ?", "i", *id);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) == 0)
		form_error(r, "department", "form.choice");
	return 0;
}

int
tsettings_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM settings WHERE name = '" DEPT_SETTING "' AND value = '1'", "");

	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) > 0)
		page_set(r, "Page.DeptView", "1");
	if (dept_fill(r) < 0)
		return -1;
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	else if (req_query(r, "added") != NULL)
		page_msg(r, "Page.Notice", "tdept.added");
	page_msg(r, "Page.Title", "tdept.settings");
	return view_page(r, "admin/ticket_settings.cs");
}

int
tsettings_save(struct req *r)
{
	const char *on = req_form(r, "dept_view") != NULL ? "1" : "0";

	if (db_exec(r->db, "INSERT INTO settings (name, value) VALUES ('" DEPT_SETTING "', ?)"
	    " ON DUPLICATE KEY UPDATE value = VALUES(value)", "s", on) < 0)
		return -1;
	audit(r, "ticket.settings", DEPT_SETTING, on);
	return http_redirect(r, "/admin/tickets/settings?saved=1");
}

int
tsettings_dept_add(struct req *r)
{
	const char *name = form_line(r, FORM_BODY, "name", 120, 1);

	if (r->form_errors == 0 && db_exec(r->db, "INSERT INTO departments (name) VALUES (?)",
	    "s", name) < 0) {
		if (!db_dup_key(r->db))
			return -1;
		form_error(r, "name", "tdept.name_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.name", req_form(r, "name"));
		return tsettings_page(r);
	}
	audit(r, "department.create", name, "");
	return http_redirect(r, "/admin/tickets/settings?added=1#departments");
}
