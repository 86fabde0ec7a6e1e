/* account.c - the signed-in user's own details and password. */
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"
#include "sess.h"

static int
show(struct req *r)
{
	struct db_res *res;

	res = db_query(r->db, &r->arena,
	    "SELECT u.email, u.name, u.language, u.roles, d.name AS department,"
	    " DATE_FORMAT(u.created_at, '%Y-%m-%d') AS since"
	    " FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = ?",
	    "i", r->user.id);
	if (res == NULL || res->nrows == 0)
		return -1;
	page_row(r, "Page.Account", res);
	/* Form values the user just sent win over the stored ones. */
	if (req_form(r, "name") != NULL)
		page_set(r, "Page.Account.name", req_form(r, "name"));
	res = db_query(r->db, &r->arena,
	    "SELECT g.name FROM `groups` g JOIN user_groups ug ON ug.group_id = g.id"
	    " WHERE ug.user_id = ? ORDER BY g.name", "i", r->user.id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Groups", res);
	if (tokens_fill(r) < 0)
		return -1;
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "account.saved");
	if (req_query(r, "password") != NULL)
		page_msg(r, "Page.Notice", "account.password_changed");
	page_msg(r, "Page.Title", "account.title");
	return view_page(r, "portal/account.cs");
}

int
account_page(struct req *r)
{
	return show(r);
}

int
account_post(struct req *r)
{
	static const char *const langs[] = { "", "en", "es", NULL };
	const char *name = form_line(r, FORM_BODY, "name", 120, 1);
	const char *lang = form_choice(r, FORM_BODY, "language", langs, "");

	if (r->form_errors) {
		r->status = 422;
		return show(r);
	}
	if (db_exec(r->db, "UPDATE users SET name = ?, language = ? WHERE id = ?", "ssi",
	    name, lang, r->user.id) < 0)
		return -1;
	if (*lang != '\0')
		http_cookie(r, "lang", lang, 365L * 24 * 3600);
	audit(r, "account.update", r->user.email, "");
	return http_redirect(r, "/account?saved=1");
}

int
password_post(struct req *r)
{
	const char *current = form_password(r, "current", 1);
	const char *pw = form_password(r, "new", 1);
	const char *again = form_password(r, "confirm", 1);
	struct db_res *res;
	char hash[AUTH_HASH_MAX];
	const char *bad;

	if (r->form_errors) {
		r->status = 422;
		return show(r);
	}
	res = db_query(r->db, &r->arena, "SELECT password_hash FROM users WHERE id = ?",
	    "i", r->user.id);
	if (res == NULL)
		return -1;
	if (!auth_verify(db_cell(res, 0, 0), current)) {
		audit(r, "password.change_failed", r->user.email, "wrong current password");
		form_error(r, "current", "account.wrong_current");
	} else if ((bad = auth_policy(r, pw, r->user.email)) != NULL) {
		form_error(r, "new", bad);
	} else if (strcmp(pw, again) != 0) {
		form_error(r, "confirm", "password.mismatch");
	}
	if (r->form_errors) {
		r->status = 422;
		return show(r);
	}
	if (auth_hash(pw, hash) != 0)
		return -1;
	if (db_exec(r->db, "UPDATE users SET password_hash = ? WHERE id = ?", "si", hash,
	    r->user.id) < 0)
		return -1;
	/* Other devices signed in with the old password are signed out. */
	sess_end_all(r, r->user.id, 1);
	audit(r, "password.change", r->user.email, "");
	return http_redirect(r, "/account?password=1");
}
