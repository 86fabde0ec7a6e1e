/* webhook.c - queueing ticket events for outgoing webhooks; address checks. */
#include "webhook.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "parse.h"

int
webhook_ticket(struct db *db, long long tid, const char *event)
{
	struct arena a;
	struct db_res *res;
	json_t *j;
	char *s;
	long long eid;
	int rc = -1;

	if (event == NULL)
		return 0;
	arena_init(&a, 0);
	res = db_query(db, &a, "SELECT COUNT(*) FROM webhooks WHERE enabled = 1"
	    " AND FIND_IN_SET(?, events)", "s", event);
	if (res == NULL)
		goto out;
	if (db_scalar(res, 0) == 0) {
		rc = 0;
		goto out;
	}
	res = db_query(db, &a,
	    "SELECT CONCAT('T-', LPAD(t.id, GREATEST(6, LENGTH(t.id)), '0')) AS number,"
	    " t.subject, t.status, t.priority,"
	    " t.channel, u.name, u.email FROM tickets t JOIN users u ON u.id = t.requester_id"
	    " WHERE t.id = ?", "i", tid);
	if (res == NULL)
		goto out;
	if (res->nrows == 0) {
		rc = 0;
		goto out;
	}
	j = json_pack("{s:s, s:s, s:s, s:I, s:s, s:{s:s, s:s}, s:s++}",
	    "number", db_cell(res, 0, 0), "subject", db_cell(res, 0, 1),
	    "status", db_cell(res, 0, 2), "priority", (json_int_t)strtoll(db_cell(res, 0, 3), NULL, 10),
	    "channel", db_cell(res, 0, 4),
	    "requester", "name", db_cell(res, 0, 5), "email", db_cell(res, 0, 6),
	    "url", db->conf->base_url, "/tickets/", db_cell(res, 0, 0));
	s = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (s == NULL) {
		log_err("webhook: cannot encode ticket %lld", tid);
		goto out;
	}
	if (db_exec(db, "INSERT INTO webhook_events (event, ticket_id, ticket_json) VALUES (?, ?, ?)",
	    "sis", event, tid, s) < 0) {
		free(s);
		goto out;
	}
	free(s);
	eid = (long long)db_insert_id(db);
	if (db_exec(db, "INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at)"
	    " SELECT id, ?, UTC_TIMESTAMP() FROM webhooks WHERE enabled = 1 AND FIND_IN_SET(?, events)",
	    "is", eid, event) < 0)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* 1 if the IPv4 address (host order) is not a public Internet address. */
static int
private4(unsigned long ip)
{
	unsigned a = (unsigned)(ip >> 24), b = (unsigned)((ip >> 16) & 255);

	return a == 0 || a == 10 || a == 127 || a >= 224 ||
	    (a == 100 && b >= 64 && b < 128) ||          /* carrier-grade NAT */
	    (a == 169 && b == 254) ||                    /* link-local, cloud metadata */
	    (a == 172 && b >= 16 && b < 32) ||
	    (a == 192 && b == 168) ||
	    (a == 192 && b == 0 && ((ip >> 8) & 255) == 0) ||  /* IETF protocol assignments */
	    (a == 198 && (b == 18 || b == 19));          /* benchmarking */
}

/* 1 if the IPv6 address (16 bytes) is not a public Internet address. */
static int
private6(const unsigned char *b)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char zero[15];

	if (memcmp(b, mapped, 12) == 0)
		return private4(((unsigned long)b[12] << 24) | ((unsigned long)b[13] << 16) |
		    ((unsigned long)b[14] << 8) | b[15]);
	if (memcmp(b, zero, 15) == 0)
		return 1;                                    /* :: and ::1 */
	return (b[0] & 0xfe) == 0xfc ||                      /* unique local fc00::/7 */
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||       /* link-local fe80::/10 */
	    b[0] == 0xff ||                                  /* multicast */
	    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8); /* documentation */
}

int
webhook_private_addr(const struct sockaddr *sa)
{
	sa_family_t family;

	/* Copied out, not cast: the caller's object may be any sockaddr type. */
	memcpy(&family, (const char *)sa + offsetof(struct sockaddr, sa_family), sizeof(family));
	if (family == AF_INET) {
		struct sockaddr_in in;

		memcpy(&in, sa, sizeof(in));
		return private4((unsigned long)ntohl(in.sin_addr.s_addr));
	}
	if (family == AF_INET6) {
		struct sockaddr_in6 in6;

		memcpy(&in6, sa, sizeof(in6));
		return private6(in6.sin6_addr.s6_addr);
	}
	return 1;
}

const char *
webhook_url_check(const char *url, int allow_private)
{
	const char *host, *end, *last;
	char name[256];
	size_t n;
	struct in_addr v4;
	struct in6_addr v6;

	n = strlen(url);
	if (n == 0 || n > WEBHOOK_URL_MAX || !utf8_valid(url, n) || has_ctl(url, n, 0) ||
	    strpbrk(url, " \"<>\\^`{|}") != NULL)
		return "webhooks.bad_url";
	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return "webhooks.bad_scheme";
	end = host + strcspn(host, "/?#");
	if (memchr(host, '@', (size_t)(end - host)) != NULL)
		return "webhooks.no_credentials";
	/* The host without the port; [v6] literals keep their brackets out. */
	if (*host == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));

		if (close == NULL)
			return "webhooks.bad_url";
		n = (size_t)(close - host - 1);
		if (n == 0 || n >= sizeof(name))
			return "webhooks.bad_url";
		memcpy(name, host + 1, n);
		if (close[1] != '\0' && close[1] != ':' && close + 1 != end)
			return "webhooks.bad_url";
	} else {
		const char *colon = memchr(host, ':', (size_t)(end - host));

		n = (size_t)((colon != NULL ? colon : end) - host);
		if (n == 0 || n >= sizeof(name))
			return "webhooks.bad_url";
		memcpy(name, host, n);
		if (colon != NULL && (colon + 1 == end ||
		    strspn(colon + 1, "0123456789") != (size_t)(end - colon - 1) || end - colon > 6))
			return "webhooks.bad_url";
	}
	name[n] = '\0';
	if (allow_private)
		return NULL;
	if (inet_pton(AF_INET, name, &v4) == 1)
		return private4((unsigned long)ntohl(v4.s_addr)) ? "webhooks.private" : NULL;
	if (inet_pton(AF_INET6, name, &v6) == 1)
		return private6(v6.s6_addr) ? "webhooks.private" : NULL;
	/* Names: "localhost" and its subdomains, single labels (intranet hosts),
	 * numeric forms inet_pton does not take (0x7f.1, 2130706433) and the
	 * usual internal suffixes. The worker checks the resolved address too. */
	n = strlen(name);
	while (n > 0 && name[n - 1] == '.')
		name[--n] = '\0';
	last = strrchr(name, '.');
	last = last != NULL ? last + 1 : name;
	if (n == 0 || strchr(name, '.') == NULL || strspn(last, "0123456789") == strlen(last) ||
	    (last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) ||
	    strcasecmp(name, "localhost") == 0 ||
	    (n > 10 && strcasecmp(name + n - 10, ".localhost") == 0) ||
	    (n > 6 && strcasecmp(name + n - 6, ".local") == 0) ||
	    (n > 9 && strcasecmp(name + n - 9, ".internal") == 0))
		return "webhooks.private";
	return NULL;
}
