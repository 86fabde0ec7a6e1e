/* sess.h - database sessions (only token hashes stored) and form tokens. */
#ifndef VT_SESS_H
#define VT_SESS_H

#include "app.h"

#define SESS_COOKIE "vsid"
#define SESS_ANON_COOKIE "vcsrf"

/* Load the user of the session cookie into r->user (if valid and active) and
 * set r->csrf, the form token this client must send back. Returns 0, or -1
 * on a database failure. */
int sess_load(struct req *r);

/* Start a new session for user_id (a fresh random id: never reuse the old),
 * set the cookie, and reload r->user. 0 or -1. */
int sess_start(struct req *r, long long user_id);

/* End the current session (row deleted, cookie cleared). */
void sess_end(struct req *r);

/* End every session of user_id except the current one (keep_current). */
void sess_end_all(struct req *r, long long user_id, int keep_current);

/* 1 if the form token sent with this POST (field "csrf" or header
 * X-CSRF-Token) matches r->csrf. Constant time. */
int sess_csrf_ok(const struct req *r);

/* Roles bits from a roles SET string like "requester,agent". */
unsigned sess_roles(const char *set);

/* hex of HMAC-SHA256(key, msg): out must hold 65 bytes. */
void sess_hmac_hex(const unsigned char key[32], const char *msg, char out[65]);

/* SHA-256 of a token string into out[32]. */
void sess_hash(const char *token, unsigned char out[32]);

/* 2*n hex chars of fresh randomness into out (out holds 2n+1). */
void sess_random_hex(char *out, size_t n);

#endif
