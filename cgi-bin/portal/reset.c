/* reset.c - "forgot my password": a single-use, expiring link sent by mail. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"
#include "sess.h"

int
reset_page(struct req *r)
{
	page_msg(r, "Page.Title", "reset.title");
	return view_page(r, "portal/reset.cs");
}

/* Queue the reset mail for an active account called email (if any). */
static int
send_link(struct req *r, const char *email)
{
	struct db_res *res;
	char token[65];
	unsigned char hash[32];
	const char *lang;

	res = db_query(r->db, &r->arena,
	    "SELECT id, name, language FROM users WHERE email = ? AND active = 1", "s", email);
	if (res == NULL)
		return -1;
	if (res->nrows == 0) {
		audit(r, "password.reset_unknown", email, "");
		return 0;
	}
	sess_random_hex(token, 32);
	sess_hash(token, hash);
	if (db_exec(r->db,
	    "INSERT INTO password_resets (token_hash, user_id, expires_at)"
	    " VALUES (?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)", "bii", hash, (size_t)32,
	    strtoll(db_cell(res, 0, 0), NULL, 10),
	    (long long)r->app->conf.reset_link_minutes) < 0)
		return -1;
	lang = db_cell(res, 0, 2);
	if (view_lang_index(lang) < 0)
		lang = r->lang;
	page_set(r, "Mail.Name", db_cell(res, 0, 1));
	page_setf(r, "Mail.Link", "%s/password-reset/%s", r->app->conf.base_url, token);
	page_int(r, "Mail.Minutes", r->app->conf.reset_link_minutes);
	if (mail_page(r, email, lang, "reset", "mail.reset.subject") < 0)
		return -1;
	hdf_remove_tree(r->hdf, "Mail");
	audit(r, "password.reset_request", email, "");
	return 0;
}

int
reset_post(struct req *r)
{
	const char *email = form_email(r, FORM_BODY, "email", 1);
	long long by_addr, by_account;

	if (r->form_errors) {
		r->status = 422;
		return reset_page(r);
	}
	by_addr = throttle_count(r, "reset_address", r->client_addr, 60);
	by_account = throttle_count(r, "reset_account", email, 60);
	if (by_addr < 0 || by_account < 0)
		return -1;
	/* Same answer whether the address exists or not, and when throttled. */
	if (by_addr < 10 && by_account < 3) {
		throttle_add(r, "reset_address", r->client_addr);
		throttle_add(r, "reset_account", email);
		if (send_link(r, email) < 0)
			return -1;
	} else {
		audit(r, "password.reset_throttled", email, "");
	}
	page_msg(r, "Page.Title", "reset.title");
	page_set(r, "Page.Sent", "1");
	page_set(r, "Page.Email", email);
	return view_page(r, "portal/reset.cs");
}

/* The user id of a usable reset token, 0 if none, -1 on error. */
static long long
token_user(struct req *r, const char *token, unsigned char hash[32])
{
	struct db_res *res;

	if (strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
		return 0;
	sess_hash(token, hash);
	res = db_query(r->db, &r->arena,
	    "SELECT p.user_id FROM password_resets p JOIN users u ON u.id = p.user_id"
	    " WHERE p.token_hash = ? AND p.used_at IS NULL"
	    " AND p.expires_at > UTC_TIMESTAMP() AND u.active = 1",
	    "b", hash, (size_t)32);
	if (res == NULL)
		return -1;
	return db_scalar(res, 0);
}

static int
token_form(struct req *r)
{
	page_msg(r, "Page.Title", "reset.title");
	page_set(r, "Page.Token", r->params[0]);
	return view_page(r, "portal/reset_token.cs");
}

int
reset_token_page(struct req *r)
{
	unsigned char hash[32];
	long long uid = token_user(r, r->params[0], hash);

	if (uid < 0)
		return -1;
	if (uid == 0)
		return http_fail(r, 404, "reset.invalid");
	return token_form(r);
}

/* Context of the reset transaction. */
struct reset_tx {
	const unsigned char *hash;  /* token hash */
	long long uid;              /* its user */
	const char *pwhash;         /* new password hash */
};

static int
reset_tx(struct db *db, void *ctx)
{
	struct reset_tx *t = ctx;
	long long n;

	/* Claim the token first: a second use finds it spent. */
	n = db_exec(db, "UPDATE password_resets SET used_at = UTC_TIMESTAMP()"
	    " WHERE token_hash = ? AND used_at IS NULL", "b", t->hash, (size_t)32);
	if (n < 0)
		return -1;
	if (n == 0)
		return 1;
	if (db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "si",
	    t->pwhash, t->uid) < 0)
		return -1;
	if (db_exec(db, "UPDATE password_resets SET used_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND used_at IS NULL", "i", t->uid) < 0)
		return -1;
	return db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", t->uid) < 0 ? -1 : 0;
}

int
reset_token_post(struct req *r)
{
	unsigned char hash[32];
	long long uid = token_user(r, r->params[0], hash);
	const char *pw, *again, *bad;
	char pwhash[AUTH_HASH_MAX];
	struct db_res *res;
	struct reset_tx t;
	int rc;

	if (uid < 0)
		return -1;
	if (uid == 0)
		return http_fail(r, 404, "reset.invalid");
	pw = form_password(r, "new", 1);
	again = form_password(r, "confirm", 1);
	if (r->form_errors) {
		r->status = 422;
		return token_form(r);
	}
	res = db_query(r->db, &r->arena, "SELECT email FROM users WHERE id = ?", "i", uid);
	if (res == NULL || res->nrows == 0)
		return -1;
	if ((bad = auth_policy(r, pw, db_cell(res, 0, 0))) != NULL)
		form_error(r, "new", bad);
	else if (strcmp(pw, again) != 0)
		form_error(r, "confirm", "password.mismatch");
	if (r->form_errors) {
		r->status = 422;
		return token_form(r);
	}
	if (auth_hash(pw, pwhash) != 0)
		return -1;
	t.hash = hash;
	t.uid = uid;
	t.pwhash = pwhash;
	rc = db_tx(r->db, reset_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return http_fail(r, 404, "reset.invalid");
	audit_db(r->db, uid, "password.reset_done", db_cell(res, 0, 0), "", r->client_addr);
	if (r->session != NULL)
		sess_end(r);
	return http_redirect(r, "/login?reset=1");
}
