/* users.c - /admin/users: list, search, create, edit roles, groups, disable. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "sess.h"
#include "token.h"

#define USERS_PER_PAGE 50

static const char *const role_names[] = { "agent", "editor", "approver", "admin", NULL };

int
admin_index(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT (SELECT COUNT(*) FROM users) AS users,"
	    " (SELECT COUNT(*) FROM users WHERE active = 1) AS active,"
	    " (SELECT COUNT(*) FROM `groups`) AS groups_count,"
	    " (SELECT COUNT(*) FROM sessions) AS sessions,"
	    " (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS outbox", "");

	if (res == NULL)
		return -1;
	page_row(r, "Page.Stats", res);
	page_msg(r, "Page.Title", "admin.title");
	return view_page(r, "admin/index.cs");
}

int
users_list(struct req *r)
{
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	static const char *const states[] = { "all", "active", "disabled", NULL };
	const char *state = form_choice(r, FORM_QUERY, "state", states, "all");
	struct db_res *res;
	char *like;
	long long off, active_lo, active_hi;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
	active_lo = strcmp(state, "active") == 0 ? 1 : 0;
	active_hi = strcmp(state, "disabled") == 0 ? 0 : 1;
	res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM users WHERE (email LIKE ? OR name LIKE ?)"
	    " AND active BETWEEN ? AND ?", "ssii", like, like, active_lo, active_hi);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), USERS_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT u.id, u.email, u.name, u.roles, u.active,"
	    " DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i') AS last_login,"
	    " (SELECT GROUP_CONCAT(g.name ORDER BY g.name SEPARATOR ', ') FROM user_groups ug"
	    "  JOIN `groups` g ON g.id = ug.group_id WHERE ug.user_id = u.id) AS groups_list"
	    " FROM users u WHERE (u.email LIKE ? OR u.name LIKE ?) AND u.active BETWEEN ? AND ?"
	    " ORDER BY u.name, u.id LIMIT ? OFFSET ?",
	    "ssiiii", like, like, active_lo, active_hi, (long long)USERS_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Users", res);
	page_set(r, "Page.Query", q);
	page_set(r, "Page.State", state);
	if (req_query(r, "created") != NULL)
		page_msg(r, "Page.Notice", "admin.user_created");
	page_msg(r, "Page.Title", "admin.users");
	return view_page(r, "admin/users.cs");
}

/* Put every group into Page.AllGroups, marking those user uid belongs to. */
static int
fill_groups(struct req *r, long long uid)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT g.id, g.name, (ug.user_id IS NOT NULL) AS member FROM `groups` g"
	    " LEFT JOIN user_groups ug ON ug.group_id = g.id AND ug.user_id = ?"
	    " ORDER BY g.name", "i", uid);

	if (res == NULL)
		return -1;
	page_rows(r, "Page.AllGroups", res);
	return 0;
}

/* The roles chosen in the form ("role" checkboxes) as a SET string. */
static const char *
roles_from_form(struct req *r)
{
	struct buf b = { 0 };
	const struct field *f;
	const char *out;
	size_t i;

	buf_puts(&b, "requester");
	for (i = 0; role_names[i] != NULL; i++) {
		for (f = r->form; f != NULL; f = f->next) {
			if (strcmp(f->name, "role") == 0 && strcmp(f->value, role_names[i]) == 0) {
				buf_printf(&b, ",%s", role_names[i]);
				break;
			}
		}
	}
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

int
user_new_page(struct req *r)
{
	if (fill_groups(r, 0) < 0)
		return -1;
	page_msg(r, "Page.Title", "admin.user_new");
	return view_page(r, "admin/user_new.cs");
}

/* Replace the groups of uid with the "group" checkboxes of the form. */
static int
set_groups(struct req *r, long long uid)
{
	const struct field *f;

	if (db_exec(r->db, "DELETE FROM user_groups WHERE user_id = ?", "i", uid) < 0)
		return -1;
	for (f = r->form; f != NULL; f = f->next) {
		char *end;
		long long gid;

		if (strcmp(f->name, "group") != 0 || f->len == 0 || f->len > 19)
			continue;
		gid = strtoll(f->value, &end, 10);
		if (*end != '\0' || gid <= 0)
			continue;
		if (db_exec(r->db, "INSERT IGNORE INTO user_groups (user_id, group_id)"
		    " SELECT ?, id FROM `groups` WHERE id = ?", "ii", uid, gid) < 0)
			return -1;
	}
	return 0;
}

/* Context of the create-user transaction. */
struct create_tx {
	struct req *r;
	const char *email, *name, *lang, *roles, *pwhash;
	long long uid;
	char token[65];  /* invitation token when no password was given */
};

static int
create_tx(struct db *db, void *ctx)
{
	struct create_tx *t = ctx;
	unsigned char hash[32];

	if (db_exec(db, "INSERT INTO users (email, name, language, roles, password_hash)"
	    " VALUES (?, ?, ?, ?, ?)", "sssss", t->email, t->name, t->lang, t->roles,
	    t->pwhash) < 0)
		return db_dup_key(db) ? 1 : -1;
	t->uid = (long long)db_insert_id(db);
	if (set_groups(t->r, t->uid) < 0)
		return -1;
	if (t->pwhash == NULL) {
		sess_random_hex(t->token, 32);
		sess_hash(t->token, hash);
		if (db_exec(db, "INSERT INTO password_resets (token_hash, user_id, expires_at)"
		    " VALUES (?, ?, UTC_TIMESTAMP() + INTERVAL 7 DAY)", "bi", hash, (size_t)32,
		    t->uid) < 0)
			return -1;
	}
	return 0;
}

int
user_create(struct req *r)
{
	static const char *const langs[] = { "", "en", "es", NULL };
	struct create_tx t;
	const char *pw;
	char pwhash[AUTH_HASH_MAX];
	const char *bad;
	int rc;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.email = form_email(r, FORM_BODY, "email", 1);
	t.name = form_line(r, FORM_BODY, "name", 120, 1);
	t.lang = form_choice(r, FORM_BODY, "language", langs, "");
	pw = form_password(r, "password", 0);
	t.roles = roles_from_form(r);
	if (pw != NULL && *pw != '\0' && (bad = auth_policy(r, pw, t.email)) != NULL)
		form_error(r, "password", bad);
	if (r->form_errors == 0 && pw != NULL && *pw != '\0') {
		if (auth_hash(pw, pwhash) != 0)
			return -1;
		t.pwhash = pwhash;
	}
	if (r->form_errors == 0) {
		rc = db_tx(r->db, create_tx, &t);
		if (rc < 0)
			return -1;
		if (rc > 0)
			form_error(r, "email", "admin.email_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.email", req_form(r, "email"));
		page_set(r, "Page.Form.name", req_form(r, "name"));
		return user_new_page(r);
	}
	audit(r, "user.create", t.email, t.roles);
	if (t.pwhash == NULL) {
		const char *lang = *t.lang ? t.lang : r->lang;

		page_set(r, "Mail.Name", t.name);
		page_setf(r, "Mail.Link", "%s/password-reset/%s", r->app->conf.base_url, t.token);
		if (mail_page(r, t.email, lang, "invite", "mail.invite.subject") < 0)
			return -1;
		hdf_remove_tree(r->hdf, "Mail");
	}
	return http_redirect(r, "/admin/users?created=1");
}

/* The user id in the path, or 0 when it is not a number. */
static long long
path_id(struct req *r)
{
	char *end;
	long long id;

	if (strlen(r->params[0]) > 19)
		return 0;
	id = strtoll(r->params[0], &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

int
user_page(struct req *r)
{
	long long id = path_id(r);
	struct db_res *res;
	size_t i;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena,
	    "SELECT id, email, name, language, roles, active, COALESCE(department_id, 0) AS department_id,"
	    " DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS created,"
	    " DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i') AS last_login"
	    " FROM users WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.U", res);
	for (i = 0; role_names[i] != NULL; i++) {
		unsigned bit = sess_roles(role_names[i]) & ~(unsigned)ROLE_REQUESTER;

		if (sess_roles(db_cell(res, 0, 4)) & bit)
			page_set(r, arena_printf(&r->arena, "Page.Roles.%s", role_names[i]), "1");
	}
	if (fill_groups(r, id) < 0 || token_list(r, id, "Page.Tokens") < 0 || dept_fill(r) < 0)
		return -1;
	res = db_query(r->db, &r->arena,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i') AS at, action, detail, address"
	    " FROM audit_log WHERE target = (SELECT email FROM users WHERE id = ?)"
	    " ORDER BY id DESC LIMIT 20", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.History", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	page_msg(r, "Page.Title", "admin.user_edit");
	return view_page(r, "admin/user.cs");
}

/* Context of the update-user transaction. */
struct update_tx {
	struct req *r;
	long long id;
	const char *name, *roles;
	long long department;    /* 0 = none */
	int active;
};

static int
update_tx(struct db *db, void *ctx)
{
	struct update_tx *t = ctx;

	if (db_exec(db, "UPDATE users SET name = ?, roles = ?, active = ?,"
	    " department_id = NULLIF(?, 0) WHERE id = ?",
	    "ssiii", t->name, t->roles, (long long)t->active, t->department, t->id) < 0)
		return -1;
	if (set_groups(t->r, t->id) < 0)
		return -1;
	if (!t->active &&
	    db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", t->id) < 0)
		return -1;
	return 0;
}

int
user_update(struct req *r)
{
	long long id = path_id(r);
	struct update_tx t;
	struct db_res *res;
	const char *email;
	int rc;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT email, roles, active FROM users WHERE id = ?",
	    "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	email = db_cell(res, 0, 0);
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.id = id;
	t.name = form_line(r, FORM_BODY, "name", 120, 1);
	t.roles = roles_from_form(r);
	t.active = req_form(r, "active") != NULL;
	if (dept_field(r, &t.department) < 0)
		return -1;
	/* An admin cannot lock themselves out. */
	if (id == r->user.id && (!t.active || strstr(t.roles, "admin") == NULL))
		form_error(r, "roles", "admin.not_yourself");
	if (r->form_errors) {
		r->status = 422;
		return user_page(r);
	}
	rc = db_tx(r->db, update_tx, &t);
	if (rc != 0)
		return -1;
	audit(r, "user.update", email, arena_printf(&r->arena, "roles=%s active=%d department=%lld",
	    t.roles, t.active, t.department));
	if (strcmp(db_cell(res, 0, 2), "1") == 0 && !t.active)
		audit(r, "user.disable", email, "");
	else if (strcmp(db_cell(res, 0, 2), "0") == 0 && t.active)
		audit(r, "user.enable", email, "");
	return http_redirect(r, arena_printf(&r->arena, "/admin/users/%lld?saved=1", id));
}
