/* sess.c - sessions in the database, form tokens, random ids. */
#include "sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "log.h"

void
sess_random_hex(char *out, size_t n)
{
	unsigned char raw[64];

	if (n > sizeof(raw))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	sodium_bin2hex(out, 2 * n + 1, raw, n);
}

void
sess_hash(const char *token, unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

void
sess_hmac_hex(const unsigned char key[32], const char *msg, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

unsigned
sess_roles(const char *set)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "requester", ROLE_REQUESTER }, { "agent", ROLE_AGENT },
		{ "editor", ROLE_EDITOR }, { "approver", ROLE_APPROVER },
		{ "admin", ROLE_ADMIN },
	};
	unsigned roles = ROLE_REQUESTER;
	const char *p = set;
	size_t i, n;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, ",");
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n && strncmp(p, names[i].name, n) == 0)
				roles |= names[i].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return roles;
}

/* A session token looks like 64 lowercase hex characters. */
static int
token_shape(const char *t)
{
	return t != NULL && strlen(t) == 64 && strspn(t, "0123456789abcdef") == 64;
}

/* Set r->csrf from the session token, or from the anonymous cookie (made
 * now if the client has none). */
static void
set_csrf(struct req *r)
{
	char mac[65], fresh[65];
	const char *anon;

	if (r->user.id != 0 && r->session != NULL) {
		sess_hmac_hex(r->app->hmac_key,
		    arena_printf(&r->arena, "csrf:%s", r->session), mac);
	} else {
		anon = req_cookie(r, SESS_ANON_COOKIE);
		if (!token_shape(anon)) {
			sess_random_hex(fresh, 32);
			anon = arena_strdup(&r->arena, fresh);
			http_cookie(r, SESS_ANON_COOKIE, anon, -1);
		}
		sess_hmac_hex(r->app->hmac_key, arena_printf(&r->arena, "anon:%s", anon), mac);
	}
	r->csrf = arena_strdup(&r->arena, mac);
}

/* Load the user of a hashed session id into r->user; 1 found, 0 not, -1 error. */
static int
load_user(struct req *r, const unsigned char hash[32])
{
	const struct conf *c = &r->app->conf;
	struct db_res *res;

	res = db_query(r->db, &r->arena,
	    "SELECT u.id, u.email, u.name, u.language, u.roles,"
	    " TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP()) AS idle"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.id = ? AND u.active = 1"
	    " AND s.last_seen > UTC_TIMESTAMP() - INTERVAL ? MINUTE"
	    " AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? HOUR",
	    "bii", hash, (size_t)32, (long long)c->session_idle_minutes,
	    (long long)c->session_max_hours);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	r->user.id = strtoll(db_cell(res, 0, 0), NULL, 10);
	r->user.email = db_cell(res, 0, 1);
	r->user.name = db_cell(res, 0, 2);
	r->user.lang = db_cell(res, 0, 3);
	r->user.roles = sess_roles(db_cell(res, 0, 4));
	/* Touch at most once a minute: reads stay reads. */
	if (strtoll(db_cell(res, 0, 5), NULL, 10) >= 60)
		db_exec(r->db, "UPDATE sessions SET last_seen = UTC_TIMESTAMP() WHERE id = ?",
		    "b", hash, (size_t)32);
	return 1;
}

int
sess_load(struct req *r)
{
	const char *token = req_cookie(r, SESS_COOKIE);
	unsigned char hash[32];
	int rc = 0;

	memset(&r->user, 0, sizeof(r->user));
	if (token_shape(token)) {
		sess_hash(token, hash);
		rc = load_user(r, hash);
		if (rc == 1)
			r->session = token;
		else if (rc == 0)
			http_cookie(r, SESS_COOKIE, "", 0);
	}
	set_csrf(r);
	return rc < 0 ? -1 : 0;
}

int
sess_start(struct req *r, long long user_id)
{
	char token[65];
	unsigned char hash[32];

	if (r->session != NULL)
		sess_end(r);
	sess_random_hex(token, 32);
	sess_hash(token, hash);
	if (db_exec(r->db,
	    "INSERT INTO sessions (id, user_id, created_at, last_seen, address, user_agent)"
	    " VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?, ?)",
	    "biss", hash, (size_t)32, user_id, r->client_addr, r->user_agent) < 0)
		return -1;
	/* Expired sessions go away as new ones come in. */
	db_exec(r->db, "DELETE FROM sessions WHERE last_seen < UTC_TIMESTAMP() - INTERVAL ? MINUTE"
	    " OR created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR LIMIT 100", "ii",
	    (long long)r->app->conf.session_idle_minutes,
	    (long long)r->app->conf.session_max_hours);
	r->session = arena_strdup(&r->arena, token);
	http_cookie(r, SESS_COOKIE, r->session, -1);
	memset(&r->user, 0, sizeof(r->user));
	if (load_user(r, hash) != 1)
		return -1;
	set_csrf(r);
	return 0;
}

void
sess_end(struct req *r)
{
	unsigned char hash[32];

	if (r->session != NULL) {
		sess_hash(r->session, hash);
		db_exec(r->db, "DELETE FROM sessions WHERE id = ?", "b", hash, (size_t)32);
	}
	r->session = NULL;
	memset(&r->user, 0, sizeof(r->user));
	http_cookie(r, SESS_COOKIE, "", 0);
	set_csrf(r);
}

void
sess_end_all(struct req *r, long long user_id, int keep_current)
{
	unsigned char hash[32];

	if (keep_current && r->session != NULL) {
		sess_hash(r->session, hash);
		db_exec(r->db, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ib",
		    user_id, hash, (size_t)32);
	} else {
		db_exec(r->db, "DELETE FROM sessions WHERE user_id = ?", "i", user_id);
	}
}

int
sess_csrf_ok(const struct req *r)
{
	const char *sent = req_form(r, "csrf");

	if (sent == NULL)
		sent = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (sent == NULL || r->csrf == NULL || strlen(sent) != strlen(r->csrf))
		return 0;
	return sodium_memcmp(sent, r->csrf, strlen(sent)) == 0;
}
