/* mail.h - composing RFC 5322 messages and sending them over SMTP (libcurl). */
#ifndef VT_MAIL_H
#define VT_MAIL_H

#include <time.h>

#include "buf.h"
#include "conf.h"

/* Compose a multipart/alternative message (text + HTML, UTF-8, base64 parts)
 * with Date, Message-ID (@domain), From, To, an RFC 2047 encoded Subject
 * when needed, and Auto-Submitted. Appends to out. 0 or -1 (too large or a
 * header holds a line break). */
int mail_compose(struct buf *out, const char *from, const char *to,
    const char *subject, const char *text, const char *html, const char *domain,
    time_t when);

/* The same, for ticket mail: with a reply token the Message-ID becomes
 * <vt.TOKEN.random@domain> (so In-Reply-To/References of a reply carry it)
 * and reply_to (when not NULL or "") is sent as Reply-To. */
int mail_compose_reply(struct buf *out, const char *from, const char *to,
    const char *subject, const char *text, const char *html, const char *domain,
    time_t when, const char *reply_to, const char *token);
/* The bare address inside "Name <addr>" (or the whole string), copied into
 * out (outlen bytes). */
void mail_address(const char *from, char *out, size_t outlen);

/* Send a composed message to one recipient with the configured server.
 * 0, or -1 with a reason in err. */
int mail_send(const struct conf *c, const char *to, const struct buf *msg,
    char *err, size_t errlen);

#endif
