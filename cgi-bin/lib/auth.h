/* auth.h - passwords (argon2id), login with throttling, single sign-on,
 * the audit log and the mail outbox. */
#ifndef VT_AUTH_H
#define VT_AUTH_H

#include <sodium.h>

#include "app.h"

#define AUTH_HASH_MAX crypto_pwhash_STRBYTES
#define AUTH_PASSWORD_MAX 256

/* Outcome of a login attempt. */
enum auth_result {
	AUTH_OK = 0,
	AUTH_BAD,       /* unknown address, wrong password or disabled account */
	AUTH_THROTTLED, /* too many failures for this account or address */
	AUTH_ERROR,     /* database failure */
};

/* Hash pw into out (argon2id, interactive limits). 0 or -1 (out of memory). */
int auth_hash(const char *pw, char out[AUTH_HASH_MAX]);
/* 1 if pw matches the stored hash (NULL hash never matches, same cost). */
int auth_verify(const char *hash, const char *pw);
/* Check a new password against the policy: NULL if fine, else a message key. */
const char *auth_policy(const struct req *r, const char *pw, const char *email);

/* Check email/password, with throttling per account and per client address
 * and an audit entry for every outcome. On AUTH_OK *uid is the user id. */
enum auth_result auth_login(struct req *r, const char *email, const char *pw,
    long long *uid);

/* Number of throttle entries (kind, subject) in the last minutes. -1 on error. */
long long throttle_count(struct req *r, const char *kind, const char *subject,
    int minutes);
/* Record one entry. */
void throttle_add(struct req *r, const char *kind, const char *subject);

/* Single sign-on: when the configuration trusts REMOTE_USER and the web
 * server set it (the last value when it is given twice), make sure the session
 * belongs to that user (starting one, creating the account if allowed). When
 * that user may not come in (unknown, turned off, not an address), nobody is
 * signed in: a session of someone else ends. 0, or -1 on database failure. */
int auth_remote_user(struct req *r);

/* Append to the audit log: actor is the logged-in user (or none). */
void audit(struct req *r, const char *action, const char *target, const char *detail);
/* Same, with an explicit actor id (0 = none), for use outside requests. */
void audit_db(struct db *db, long long actor, const char *action,
    const char *target, const char *detail, const char *address);

/* Queue a mail for the worker. 0 or -1. */
int mail_queue(struct db *db, const char *to, const char *subject,
    const char *text, const char *html);

/* The same with a reply token (tmail.h) for the worker to put in Reply-To
 * and Message-ID; "" or NULL = none. */
int mail_queue_token(struct db *db, const char *to, const char *subject,
    const char *text, const char *html, const char *token);
/* Render the mail templates mail/<name>.txt.cs and mail/<name>.html.cs with
 * the request's HDF and queue them to address to with subject key subjkey
 * (with the reply token in Mail.ReplyToken, if set). 0 or -1. */
int mail_page(struct req *r, const char *to, const char *lang, const char *name,
    const char *subjkey);

#endif
