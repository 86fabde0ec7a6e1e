/* auth.c - passwords, login throttling, single sign-on, audit log, outbox. */
#include "auth.h"

#include <ctype.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "page.h"
#include "sess.h"

int
auth_hash(const char *pw, char out[AUTH_HASH_MAX])
{
	return crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int
auth_verify(const char *hash, const char *pw)
{
	static char dummy[AUTH_HASH_MAX];

	if (hash == NULL || strncmp(hash, "$argon2", 7) != 0) {
		/* Spend the same time as a real check, so timing tells nothing. */
		if (dummy[0] == '\0' && auth_hash("not a password at all", dummy) != 0)
			return 0;
		if (crypto_pwhash_str_verify(dummy, pw, strlen(pw)) == 0)
			log_err("the dummy password matched");
		return 0;
	}
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

const char *
auth_policy(const struct req *r, const char *pw, const char *email)
{
	size_t n = strlen(pw);

	if (n < (size_t)r->app->conf.password_min_length)
		return "password.too_short";
	if (n > AUTH_PASSWORD_MAX)
		return "password.too_long";
	if (email != NULL && strcasecmp(pw, email) == 0)
		return "password.is_email";
	return NULL;
}

long long
throttle_count(struct req *r, const char *kind, const char *subject, int minutes)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) FROM throttle WHERE kind = ? AND subject = ?"
	    " AND at > UTC_TIMESTAMP() - INTERVAL ? MINUTE",
	    "ssi", kind, subject, (long long)minutes);

	return res != NULL ? db_scalar(res, 0) : -1;
}

void
throttle_add(struct req *r, const char *kind, const char *subject)
{
	db_exec(r->db, "INSERT INTO throttle (kind, subject, at) VALUES (?, ?, UTC_TIMESTAMP())",
	    "ss", kind, subject);
	/* Old entries are useless: trim a few each time. */
	db_exec(r->db, "DELETE FROM throttle WHERE at < UTC_TIMESTAMP() - INTERVAL 1 DAY LIMIT 50", "");
}

enum auth_result
auth_login(struct req *r, const char *email, const char *pw, long long *uid)
{
	const struct conf *c = &r->app->conf;
	struct db_res *res;
	long long by_account, by_address;
	const char *hash = NULL;
	int ok;

	by_account = throttle_count(r, "login_account", email, c->login_window_minutes);
	by_address = throttle_count(r, "login_address", r->client_addr, c->login_window_minutes);
	if (by_account < 0 || by_address < 0)
		return AUTH_ERROR;
	if (by_account >= c->login_max_failures_account ||
	    by_address >= c->login_max_failures_address) {
		audit(r, "login.throttled", email, "");
		return AUTH_THROTTLED;
	}
	res = db_query(r->db, &r->arena,
	    "SELECT id, password_hash, active FROM users WHERE email = ?", "s", email);
	if (res == NULL)
		return AUTH_ERROR;
	if (res->nrows == 1 && strcmp(db_cell(res, 0, 2), "1") == 0)
		hash = db_cell(res, 0, 1);
	ok = auth_verify(hash, pw);
	if (!ok) {
		throttle_add(r, "login_account", email);
		throttle_add(r, "login_address", r->client_addr);
		audit(r, "login.failed", email, res->nrows == 1 ? "" : "unknown address");
		return AUTH_BAD;
	}
	*uid = strtoll(db_cell(res, 0, 0), NULL, 10);
	db_exec(r->db, "DELETE FROM throttle WHERE kind = 'login_account' AND subject = ?",
	    "s", email);
	db_exec(r->db, "UPDATE users SET last_login_at = UTC_TIMESTAMP() WHERE id = ?", "i", *uid);
	/* Upgrade the hash when the cost parameters changed. */
	if (crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		char fresh[AUTH_HASH_MAX];

		if (auth_hash(pw, fresh) == 0)
			db_exec(r->db, "UPDATE users SET password_hash = ? WHERE id = ?", "si",
			    fresh, *uid);
	}
	return AUTH_OK;
}

/* The REMOTE_USER the web server passed last, or NULL. nginx sites that
 * include fastcgi_params (which passes $remote_user: the name in any
 * "Authorization: Basic" header, checked by nobody) and then set their own
 * value send the parameter twice; the one written last is the site's, and
 * taking the first would let a client name itself. */
static const char *
remote_user(const struct req *r)
{
	const char *v = NULL;
	char **e;

	for (e = r->fcgx->envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "REMOTE_USER=", 12) == 0)
			v = *e + 12;
	return v;
}

/* A copy of an SSO user name fit to become an account's address (the domain
 * in lower case, as the forms store it), or NULL when it is no address. */
static char *
sso_address(struct req *r, const char *remote)
{
	const char *at = strrchr(remote, '@');
	char *out, *p;

	if (at == NULL || at == remote || at[1] == '\0' || strchr(at, '.') == NULL ||
	    at[strlen(at) - 1] == '.' || strpbrk(remote, " \t<>()[],;:\\\"") != NULL)
		return NULL;
	out = arena_strdup(&r->arena, remote);
	for (p = out + (at - remote); *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* The name of an account made at its first SSO sign-in: the address's
 * local part, cut to the column's 120 characters on a character boundary. */
static char *
sso_name(struct req *r, const char *email)
{
	char *name = arena_strdup(&r->arena, email);
	size_t n = (size_t)(strrchr(name, '@') - name), chars = 0, i;

	name[n] = '\0';
	for (i = 0; name[i] != '\0'; i++) {
		if (((unsigned char)name[i] & 0xC0) != 0x80 && ++chars > 120) {
			name[i] = '\0';
			break;
		}
	}
	return name;
}

int
auth_remote_user(struct req *r)
{
	const char *remote = remote_user(r);
	struct db_res *res;
	char *email;
	long long uid;

	if (!r->app->conf.trust_remote_user || remote == NULL || *remote == '\0')
		return 0;
	if (strlen(remote) > 254 || has_ctl(remote, strlen(remote), 0) ||
	    !utf8_valid(remote, strlen(remote)))
		goto refuse;
	if (r->user.id != 0 && strcasecmp(r->user.email, remote) == 0)
		return 0;
	res = db_query(r->db, &r->arena, "SELECT id, active FROM users WHERE email = ?",
	    "s", remote);
	if (res == NULL)
		return -1;
	if (res->nrows == 0) {
		if (!r->app->conf.remote_user_autocreate ||
		    (email = sso_address(r, remote)) == NULL)
			goto refuse;
		if (db_exec(r->db, "INSERT INTO users (email, name) VALUES (?, ?)", "ss",
		    email, sso_name(r, email)) < 0) {
			/* Two first requests at once: the other one made it. */
			if (!db_dup_key(r->db))
				return -1;
			res = db_query(r->db, &r->arena,
			    "SELECT id, active FROM users WHERE email = ?", "s", email);
			if (res == NULL)
				return -1;
			if (res->nrows != 1 || strcmp(db_cell(res, 0, 1), "1") != 0)
				goto refuse;
			uid = strtoll(db_cell(res, 0, 0), NULL, 10);
		} else {
			uid = (long long)db_insert_id(r->db);
			audit(r, "user.created_sso", email, "");
		}
	} else {
		if (strcmp(db_cell(res, 0, 1), "1") != 0)
			goto refuse;
		uid = strtoll(db_cell(res, 0, 0), NULL, 10);
	}
	if (sess_start(r, uid) < 0)
		return -1;
	audit(r, "login.sso", remote, "");
	return 0;

refuse:
	/* The web server vouches for someone who may not come in (unknown,
	 * turned off, not an address): nobody is signed in, and a session of
	 * anyone else that the browser still holds ends. */
	if (r->user.id != 0)
		sess_end(r);
	return 0;
}

void
audit_db(struct db *db, long long actor, const char *action, const char *target,
    const char *detail, const char *address)
{
	char t[256], d[1001];

	/* Cut on a character boundary: the columns hold whole characters only. */
	snprintf(t, sizeof(t), "%s", target ? target : "");
	snprintf(d, sizeof(d), "%s", detail ? detail : "");
	while (!utf8_valid(t, strlen(t)))
		t[strlen(t) - 1] = '\0';
	while (!utf8_valid(d, strlen(d)))
		d[strlen(d) - 1] = '\0';
	if (actor != 0)
		db_exec(db, "INSERT INTO audit_log (actor_id, action, target, detail, address)"
		    " VALUES (?, ?, ?, ?, ?)", "issss", actor, action, t, d,
		    address ? address : "");
	else
		db_exec(db, "INSERT INTO audit_log (actor_id, action, target, detail, address)"
		    " VALUES (NULL, ?, ?, ?, ?)", "ssss", action, t, d, address ? address : "");
}

void
audit(struct req *r, const char *action, const char *target, const char *detail)
{
	audit_db(r->db, r->user.id, action, target, detail, r->client_addr);
}

int
mail_queue(struct db *db, const char *to, const char *subject, const char *text,
    const char *html)
{
	return mail_queue_token(db, to, subject, text, html, NULL);
}

int
mail_queue_token(struct db *db, const char *to, const char *subject, const char *text,
    const char *html, const char *token)
{
	return db_exec(db, "INSERT INTO outbox (to_addr, subject, body_text, body_html, reply_token)"
	    " VALUES (?, ?, ?, ?, ?)", "sssss", to, subject, text, html ? html : "",
	    token ? token : "") < 0 ? -1 : 0;
}

int
mail_page(struct req *r, const char *to, const char *lang, const char *name,
    const char *subjkey)
{
	struct buf text = { 0 }, html = { 0 };
	char *tn = arena_printf(&r->arena, "mail/%s.txt.cs", name);
	char *hn = arena_printf(&r->arena, "mail/%s.html.cs", name);
	const char *subject = arena_printf(&r->arena, "%s%s",
	    hdf_get_value(r->hdf, "Mail.SubjectPrefix", ""), view_text(&r->app->view, lang, subjkey));
	int rc = -1;

	text.max = html.max = 1 << 20;
	page_set(r, "Mail.Subject", subject);
	page_set(r, "Mail.Lang", lang);
	page_set(r, "Site.Name", r->app->conf.site_name);
	page_set(r, "Mail.BaseUrl", r->app->conf.base_url);
	if (view_render(&r->app->view, tn, r->hdf, lang, &text) == 0 &&
	    view_render(&r->app->view, hn, r->hdf, lang, &html) == 0)
		rc = mail_queue_token(r->db, to, subject, buf_str(&text), buf_str(&html),
		    hdf_get_value(r->hdf, "Mail.ReplyToken", NULL));
	buf_free(&text);
	buf_free(&html);
	return rc;
}
