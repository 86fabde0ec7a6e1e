/* webhook.h - outgoing webhooks: ticket events queued in the ticket change's
 * own transaction (delivered later by `ventanilla worker`), and the checks on
 * where a webhook may point. */
#ifndef VT_WEBHOOK_H
#define VT_WEBHOOK_H

#include <sys/socket.h>

#include "db.h"

#define WEBHOOK_URL_MAX 500        /* characters in a webhook address */
#define WEBHOOK_MAX_ATTEMPTS 8     /* deliveries tried before one is marked failed */
#define WEBHOOK_BACKOFF 30         /* seconds before the first retry; doubles each time */
#define WEBHOOK_BACKOFF_MAX 3600   /* longest wait between two attempts */
#define WEBHOOK_KEEP_DAYS 30       /* the delivery log keeps this many days */

/* Queue event ("ticket.created", "ticket.updated", "ticket.resolved") about
 * ticket tid for every enabled webhook that wants it, with a snapshot of the
 * ticket (number, subject, status, priority, channel, requester, url; never
 * the conversation). Call it inside the transaction that changes the ticket.
 * event NULL queues nothing. Returns 0, or -1 on a database failure. */
int webhook_ticket(struct db *db, long long tid, const char *event);

/* NULL if url may be a webhook address: http or https, a host, no user
 * name or password, no spaces or control characters, at most WEBHOOK_URL_MAX
 * characters; and unless allow_private, not a loopback, private, link-local
 * or otherwise internal IP address or a "localhost" name. Otherwise the
 * message key that says why not. */
const char *webhook_url_check(const char *url, int allow_private);

/* 1 if the socket address is loopback, private (RFC 1918, fc00::/7),
 * link-local, unspecified, CGNAT, multicast or otherwise not a public
 * Internet address. */
int webhook_private_addr(const struct sockaddr *sa);

#endif
