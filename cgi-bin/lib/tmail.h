/* tmail.h - ticket mail: the signed reply tokens that let a reply by mail
 * find its ticket and its writer, and the notification of a ticket's
 * requester (shared by the tickets program and `ventanilla mail-in`). */
#ifndef VT_TMAIL_H
#define VT_TMAIL_H

#include <stddef.h>

#include "app.h"

#define TMAIL_TOKEN_MAX 48   /* bytes of a token with its NUL */
#define TMAIL_MAC_HEX 20     /* hex digits of the MAC in a token (80 bits) */

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
 * to the agents of the ticket's team; each with their own reply token, so
 * they can answer by mail. The writer is never notified. Failures logged. */
void tmail_notify_staff(struct req *r, long long tid, long long author, const char *body);

#endif
