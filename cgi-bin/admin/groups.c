/* groups.c - /admin/groups: the teams that tickets are routed to, and their members. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"

/* The "support team" checkbox: a form that shows it also sends support_form;
 * a form without it (older clients, scripts) keeps the default, yes. */
static long long
support_flag(struct req *r)
{
	return req_form(r, "support") != NULL || req_form(r, "support_form") == NULL;
}

int
groups_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT g.id, g.name, g.description, g.support,"
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
	long long support = support_flag(r);

	if (r->form_errors == 0 &&
	    db_exec(r->db, "INSERT INTO `groups` (name, description, support) VALUES (?, ?, ?)", "ssi",
	    name, desc, support) < 0) {
		if (!db_dup_key(r->db))
			return -1;
		form_error(r, "name", "admin.group_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.name", req_form(r, "name"));
		page_set(r, "Page.Form.description", req_form(r, "description"));
		page_set(r, "Page.Form.support", support ? "1" : "");
		return groups_page(r);
	}
	audit(r, "group.create", name, desc);
	return http_redirect(r, "/admin/groups?created=1");
}

/* The team id of the path, checked against the table (name into Page.G). 1, 0 or -1. */
static int
group_load(struct req *r, long long *id)
{
	char *end;
	struct db_res *res;

	*id = strlen(r->params[0]) <= 18 ? strtoll(r->params[0], &end, 10) : 0;
	if (*id <= 0 || *end != '\0')
		return 0;
	res = db_query(r->db, &r->arena, "SELECT id, name, description, support FROM `groups`"
	    " WHERE id = ?", "i", *id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	page_row(r, "Page.G", res);
	return 1;
}

int
group_page(struct req *r)
{
	long long id;
	int found = group_load(r, &id);
	struct db_res *res;

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena,
	    "SELECT u.id, u.name, u.email, u.roles, u.active FROM user_groups ug"
	    " JOIN users u ON u.id = ug.user_id WHERE ug.group_id = ? ORDER BY u.name, u.id", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Members", res);
	res = db_query(r->db, &r->arena,
	    "SELECT slug, IF(? = 'es', name_es, name_en) AS name FROM ticket_categories"
	    " WHERE group_id = ? ORDER BY position, id", "si", r->lang, id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Topics", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	page_set(r, "Page.Title", hdf_get_value(r->hdf, "Page.G.name", ""));
	return view_page(r, "admin/group.cs");
}

int
group_update(struct req *r)
{
	long long id;
	int found = group_load(r, &id);
	const char *name = form_line(r, FORM_BODY, "name", 120, 1);
	const char *desc = form_line(r, FORM_BODY, "description", 500, 0);
	long long support = support_flag(r);

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	if (r->form_errors == 0 && db_exec(r->db, "UPDATE `groups` SET name = ?, description = ?,"
	    " support = ? WHERE id = ?", "ssii", name, desc, support, id) < 0) {
		if (!db_dup_key(r->db))
			return -1;
		form_error(r, "name", "admin.group_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.name", req_form(r, "name"));
		return group_page(r);
	}
	audit(r, "group.update", name, arena_printf(&r->arena, "support=%lld", support));
	return http_redirect(r, arena_printf(&r->arena, "/admin/groups/%lld?saved=1", id));
}

int
group_member_add(struct req *r)
{
	long long id;
	int found = group_load(r, &id);
	const char *email = form_email(r, FORM_BODY, "email", 1);
	struct db_res *res;
	long long n;

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	if (r->form_errors == 0) {
		res = db_query(r->db, &r->arena, "SELECT id FROM users WHERE email = ?", "s", email);
		if (res == NULL)
			return -1;
		if (res->nrows == 0)
			form_error(r, "email", "tcfg.no_such_user");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.email", req_form(r, "email"));
		return group_page(r);
	}
	n = db_exec(r->db, "INSERT IGNORE INTO user_groups (user_id, group_id) VALUES (?, ?)", "si",
	    db_cell(res, 0, 0), id);
	if (n < 0)
		return -1;
	if (n > 0)
		audit(r, "group.member_add", email, hdf_get_value(r->hdf, "Page.G.name", ""));
	return http_redirect(r, arena_printf(&r->arena, "/admin/groups/%lld?saved=1", id));
}

int
group_member_remove(struct req *r)
{
	long long id, uid;
	int found = group_load(r, &id);
	char *end;
	struct db_res *res;

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	uid = strlen(r->params[1]) <= 18 ? strtoll(r->params[1], &end, 10) : 0;
	if (uid <= 0 || *end != '\0')
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT email FROM users WHERE id = ?", "i", uid);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	if (db_exec(r->db, "DELETE FROM user_groups WHERE user_id = ? AND group_id = ?", "ii",
	    uid, id) < 0)
		return -1;
	audit(r, "group.member_remove", db_cell(res, 0, 0), hdf_get_value(r->hdf, "Page.G.name", ""));
	return http_redirect(r, arena_printf(&r->arena, "/admin/groups/%lld?saved=1", id));
}
