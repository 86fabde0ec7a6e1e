/* token.h - personal API tokens: "Authorization: Bearer vt_..." on /api/
 * routes acts as the token's owner. Only the SHA-256 of a token is stored. */
#ifndef VT_TOKEN_H
#define VT_TOKEN_H

#include "app.h"

#define TOKEN_PREFIX "vt_"         /* every token starts with this */
#define TOKEN_CHARS 67             /* "vt_" + 64 lowercase hex characters */
#define TOKEN_SHOWN 11             /* characters kept to recognise a token ("vt_" + 8) */
#define TOKEN_MAX_PER_USER 20      /* live (not revoked, not expired) tokens a person may hold */
#define TOKEN_MAX_DAYS 3650        /* longest lifetime one can choose */
#define TOKEN_NAME_MAX 80          /* characters in a token's name */

/* Authenticate r by its "Authorization: Bearer" header when the path is
 * under /api/ (other schemes and other paths are left to the session).
 * Throttles failures per client address like logins. On success r->user is
 * the owner (active accounts only), r->bearer is set and the token's last use
 * is recorded at most once a minute. Returns 0 to go on (authenticated, or no
 * bearer token at all), an HTTP status already prepared in r (401 with
 * WWW-Authenticate, 429) to answer at once, or -1 on a database failure. */
int token_load(struct req *r);

/* Make a token for user uid called name, expiring after days (0 = never).
 * The token text goes to out (TOKEN_CHARS + 1 bytes): it is never stored and
 * can be shown only now. Returns 0, 1 when uid holds TOKEN_MAX_PER_USER live
 * tokens already, or -1 on a database failure. */
int token_create(struct req *r, long long uid, const char *name, long long days,
    char out[TOKEN_CHARS + 1]);

/* Put uid's tokens that were not revoked into prefix.<i>.{id, name, prefix,
 * created, last_used, last_used_from, expires, expired}. 0 or -1. */
int token_list(struct req *r, long long uid, const char *prefix);

/* Revoke token id of user uid (by the logged-in user). Its name and prefix go
 * to *name (arena) for the audit log. 1 revoked, 0 no such live token, -1
 * database failure. */
int token_revoke(struct req *r, long long uid, long long id, const char **name);

#endif
