/* groups.c - /admin/groups: the teams that tickets are routed to. */
#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"

int
groups_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT g.id, g.name, g.description,"
	    " (SELECT COUNT(*) FROM user_groups ug WHERE ug.group_id = g.id) AS members"
	    " FROM `groups` g ORDER BY g.name", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Groups", res);
	if (req_query(r, "created") != NULL)
		page_msg(r, "Page.Notice", "admin.group_created");
	page_msg(r, "Page.Title", "admin.groups");
	return view_page(r, "admin/groups.cs");
}

int
group_create(struct req *r)
{
	const char *name = form_line(r, FORM_BODY, "name", 120, 1);
	const char *desc = form_line(r, FORM_BODY, "description", 500, 0);

	if (r->form_errors == 0 &&
	    db_exec(r->db, "INSERT INTO `groups` (name, description) VALUES (?, ?)", "ss",
	    name, desc) < 0) {
		if (!db_dup_key(r->db))
			return -1;
		form_error(r, "name", "admin.group_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.name", req_form(r, "name"));
		page_set(r, "Page.Form.description", req_form(r, "description"));
		return groups_page(r);
	}
	audit(r, "group.create", name, desc);
	return http_redirect(r, "/admin/groups?created=1");
}
