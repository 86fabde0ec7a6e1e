/* token.c - personal API tokens: bearer authentication, create, list, revoke. */
#include "token.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "sess.h"

/* 1 if t looks like a token: "vt_" and 64 lowercase hex characters. */
static int
token_shape(const char *t)
{
	return strlen(t) == TOKEN_CHARS && strncmp(t, TOKEN_PREFIX, 3) == 0 &&
	    strspn(t + 3, "0123456789abcdef") == TOKEN_CHARS - 3;
}

/* Answer 401 for a bearer token we do not accept. */
static int
refuse(struct req *r)
{
	http_header(r, "WWW-Authenticate", "Bearer realm=\"Ventanilla\", error=\"invalid_token\"");
	return http_fail(r, 401, "api.bad_token");
}

int
token_load(struct req *r)
{
	const struct conf *c = &r->app->conf;
	const char *h, *tok;
	unsigned char hash[32];
	struct db_res *res;
	const char *idle;
	long long failures;

	if (strncmp(r->path, "/api/", 5) != 0)
		return 0;
	h = req_env(r, "HTTP_AUTHORIZATION");
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	for (tok = h + 7; *tok == ' '; tok++)
		;
	r->json = 1;
	memset(&r->user, 0, sizeof(r->user));
	/* Like logins: too many failures from this address and even a good token waits. */
	failures = throttle_count(r, "token_address", r->client_addr, c->login_window_minutes);
	if (failures < 0)
		return -1;
	if (failures >= c->login_max_failures_address) {
		http_header(r, "Retry-After", arena_printf(&r->arena, "%d",
		    c->login_window_minutes * 60));
		return http_fail(r, 429, "api.throttled");
	}
	if (!token_shape(tok)) {
		throttle_add(r, "token_address", r->client_addr);
		return refuse(r);
	}
	sess_hash(tok, hash);
	res = db_query(r->db, &r->arena,
	    "SELECT t.id, u.id, u.email, u.name, u.language, u.roles,"
	    " COALESCE(TIMESTAMPDIFF(SECOND, t.last_used_at, UTC_TIMESTAMP()), 999999) AS idle"
	    " FROM api_tokens t JOIN users u ON u.id = t.user_id"
	    " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1"
	    " AND (t.expires_at IS NULL OR t.expires_at > UTC_TIMESTAMP())",
	    "b", hash, (size_t)32);
	if (res == NULL)
		return -1;
	if (res->nrows == 0) {
		throttle_add(r, "token_address", r->client_addr);
		audit(r, "token.failed", arena_strndup(&r->arena, tok, TOKEN_SHOWN), "");
		return refuse(r);
	}
	r->user.id = strtoll(db_cell(res, 0, 1), NULL, 10);
	r->user.email = db_cell(res, 0, 2);
	r->user.name = db_cell(res, 0, 3);
	r->user.lang = db_cell(res, 0, 4);
	r->user.roles = sess_roles(db_cell(res, 0, 5));
	r->bearer = 1;
	/* Record the use at most once a minute: reads stay reads. */
	idle = db_cell(res, 0, 6);
	if (strtoll(idle, NULL, 10) >= 60)
		db_exec(r->db, "UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP(),"
		    " last_used_from = ? WHERE id = ?", "ss", r->client_addr, db_cell(res, 0, 0));
	return 0;
}

int
token_create(struct req *r, long long uid, const char *name, long long days,
    char out[TOKEN_CHARS + 1])
{
	unsigned char hash[32];
	struct db_res *res;

	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM api_tokens WHERE user_id = ?"
	    " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP())",
	    "i", uid);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) >= TOKEN_MAX_PER_USER)
		return 1;
	memcpy(out, TOKEN_PREFIX, 3);
	sess_random_hex(out + 3, 32);
	sess_hash(out, hash);
	if (db_exec(r->db, "INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at)"
	    " VALUES (?, ?, ?, ?, IF(? > 0, UTC_TIMESTAMP() + INTERVAL ? DAY, NULL))", "isbsii",
	    uid, name, hash, (size_t)32, arena_strndup(&r->arena, out, TOKEN_SHOWN), days,
	    days) < 0)
		return -1;
	return 0;
}

int
token_list(struct req *r, long long uid, const char *prefix)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT id, name, prefix, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS created,"
	    " DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i') AS last_used, last_used_from,"
	    " DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i') AS expires,"
	    " (expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP()) AS expired"
	    " FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 100",
	    "i", uid);

	if (res == NULL)
		return -1;
	page_rows(r, prefix, res);
	return 0;
}

int
token_revoke(struct req *r, long long uid, long long id, const char **name)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT CONCAT(name, ' (', prefix, ')')"
	    " FROM api_tokens WHERE id = ? AND user_id = ? AND revoked_at IS NULL", "ii", id, uid);
	long long n;

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	*name = db_cell(res, 0, 0);
	n = db_exec(r->db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP(), revoked_by = ?"
	    " WHERE id = ? AND user_id = ? AND revoked_at IS NULL", "iii", r->user.id, id, uid);
	return n < 0 ? -1 : n > 0;
}
