/* tmail.h - ticket mail: the signed reply tokens that let a reply by mail
 * find its ticket and its writer, and the notifications of a ticket's
 * requester and staff (shared by the tickets program and `ventanilla mail-in`). */
#ifndef VT_TMAIL_H
#define VT_TMAIL_H

#include <stddef.h>

#include "app.h"

#define TMAIL_TOKEN_MAX 48   /* bytes of a token with its NUL */
#define TMAIL_MAC_HEX 20     /* hex digits of the MAC in a token (80 bits) */
#define TMAIL_STAFF_MAX 5000 /* staff mails about one event; past it a log line says so */

/* A valid reply token: the ticket and the person it was sent to. */
struct tmail_tok {
	long long tid;   /* ticket id */
	long long uid;   /* user id of the recipient */
};

/* The reply token of user uid for ticket tid: "t<tid>u<uid>k<mac>" with mac
 * the first 80 bits of HMAC-SHA256(key, "mail-reply:<tid>:<uid>") in hex.
 * Only lowercase letters and digits, so an MTA that lowercases local parts
 * keeps it valid. */
void tmail_token(const unsigned char key[32], long long tid, long long uid,
    char out[TMAIL_TOKEN_MAX]);

/* Look for tokens in s (case-insensitive, anywhere: an address's +part or a
 * Message-ID). Returns 1 with *tid, *uid of the first valid one; 0 when s
 * holds no token; -1 when it holds tokens but none is valid (forged or
 * altered). */
int tmail_token_find(const unsigned char key[32], const char *s, long long *tid,
    long long *uid);

/* Every valid token in s (as tmail_token_find looks for them), each
 * (ticket, person) once, in order of appearance: at most max into out.
 * Returns how many; *seen is 1 when s holds anything shaped like a token,
 * valid or not. */
size_t tmail_tokens(const unsigned char key[32], const char *s, struct tmail_tok *out,
    size_t max, int *seen);

/* The token to send for a stored one (outbox.reply_token): "t<tid>u<uid>"
 * without its MAC (queued by SQL, which never sees the secret) is signed
 * now; anything else is copied. */
void tmail_token_complete(const unsigned char key[32], const char *stored,
    char out[TMAIL_TOKEN_MAX]);

/* The support address (mail.support_address, or the address of mail.from)
 * into out. */
void tmail_support_address(const struct conf *c, char *out, size_t outlen);

/* The Reply-To address for a token: <local>+<token>@<domain> of the support
 * address, into out; "" when the address has no @. */
void tmail_reply_to(const struct conf *c, const char *token, char *out, size_t outlen);

/* Queue the mail about ticket tid to its requester (kind: new, reply,
 * resolved) in the requester's language, with a reply token for them.
 * Failures are logged. */
void tmail_notify(struct req *r, long long tid, const char *kind);

/* Queue a mail to the staff of ticket tid about a public message from its
 * requester (body: the text added): to the assignee, or when there is none
 * to every agent of the ticket's team (up to TMAIL_STAFF_MAX, one statement
 * per language), each in their language with their own reply token, so they
 * can answer by mail. Neither the writer nor the requester is sent it.
 * Failures logged. */
void tmail_notify_staff(struct req *r, long long tid, long long author, const char *body);

/* The same for a ticket just opened (by author: the requester, or an agent
 * for them): "new request in your team" (or "for you" when it has an
 * assignee) with its summary, requester, topic, channel and public
 * description. */
void tmail_notify_staff_new(struct req *r, long long tid, long long author);

#endif
