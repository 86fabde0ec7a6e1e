/* webhooks.c - the worker's webhook deliveries: a signed JSON POST per queued
 * event and webhook (libcurl), retried with doubling delays, then failed. */
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "cli.h"
#include "log.h"
#include "webhook.h"

#define HOOK_BATCH 50          /* deliveries looked at per round */
#define HOOK_LEASE_SECONDS 120 /* a claimed delivery is left alone this long */

/* One attempt's state for the libcurl callbacks. */
struct attempt {
	int allow_private;     /* may connect to internal addresses */
	int refused;           /* the address was internal and that is not allowed */
	size_t got;            /* response bytes seen (thrown away) */
};

/* Open the socket only to an address the webhook may reach (the check that
 * counts: it sees the address the name resolved to). */
static curl_socket_t
open_socket(void *ctx, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct attempt *a = ctx;

	(void)purpose;
	if (!a->allow_private && webhook_private_addr(&addr->addr)) {
		a->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype, addr->protocol);
}

/* The answer's body is not kept (up to a limit, so a huge answer stops early). */
static size_t
discard(char *p, size_t size, size_t n, void *ctx)
{
	struct attempt *a = ctx;

	(void)p;
	a->got += size * n;
	return a->got > (1 << 20) ? 0 : size * n;
}

/* hex of HMAC-SHA256(key, msg) with a key of any length; out holds 65 bytes. */
static void
hmac_hex(const char *key, const char *msg, size_t len, char out[65])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* POST body to url with the signature headers. Returns the HTTP status (0 when
 * there was none) with a reason in err when it is not 2xx. */
static long
post(const char *url, const char *secret, int allow_private, const char *event,
    const char *delivery, const char *body, char *err, size_t errlen)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *h = NULL;
	struct attempt a = { allow_private, 0, 0 };
	char line[200], sig[65], ts[32];
	char *signed_text;
	CURLcode rc;
	long code = 0;

	err[0] = '\0';
	if (curl == NULL) {
		snprintf(err, errlen, "curl init failed");
		return 0;
	}
	snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	signed_text = xmalloc(strlen(ts) + 1 + strlen(body) + 1);
	sprintf(signed_text, "%s.%s", ts, body);
	hmac_hex(secret, signed_text, strlen(signed_text), sig);
	free(signed_text);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:");
	snprintf(line, sizeof(line), "X-Ventanilla-Event: %s", event);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Ventanilla-Delivery: %s", delivery);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Ventanilla-Timestamp: %s", ts);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-Ventanilla-Signature: sha256=%s", sig);
	h = curl_slist_append(h, line);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "Ventanilla-Webhooks/1");
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	/* Straight to the address we checked: no proxy from the environment. */
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &a);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (a.refused)
		snprintf(err, errlen, "refused: the address is internal (allow private addresses to"
		    " deliver there)");
	else if (rc != CURLE_OK && code == 0)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	else if (code < 200 || code > 299)
		snprintf(err, errlen, "HTTP %ld", code);
	curl_slist_free_all(h);
	curl_easy_cleanup(curl);
	return code;
}

/* The body of one delivery: {event, id, created_at, ticket}. Caller frees. */
static char *
payload(const char *event, long long delivery, const char *created, const char *ticket_json)
{
	json_t *ticket = json_loads(ticket_json, 0, NULL);
	json_t *j;
	char *s;

	if (ticket == NULL)
		return NULL;
	j = json_pack("{s:s, s:I, s:s, s:o}", "event", event, "id", (json_int_t)delivery,
	    "created_at", created, "ticket", ticket);
	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

/* Seconds before attempt number attempts + 1. */
static long long
backoff(long long attempts)
{
	long long s = WEBHOOK_BACKOFF;

	while (--attempts > 0 && s < WEBHOOK_BACKOFF_MAX)
		s *= 2;
	return s < WEBHOOK_BACKOFF_MAX ? s : WEBHOOK_BACKOFF_MAX;
}

int
webhooks_deliver(struct cli *c)
{
	struct db_res *res;
	size_t i;
	int delivered = 0;

	res = db_query(&c->db, &c->arena,
	    "SELECT d.id, d.attempts, w.url, w.secret, w.allow_private, e.event,"
	    " DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), e.ticket_json"
	    " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
	    " JOIN webhook_events e ON e.id = d.event_id"
	    " WHERE d.status = 'pending' AND d.next_attempt_at <= UTC_TIMESTAMP() AND w.enabled = 1"
	    " ORDER BY d.id LIMIT ?", "i", (long long)HOOK_BATCH);
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		const char *id = db_cell(res, i, 0), *url = db_cell(res, i, 2);
		long long attempts = strtoll(db_cell(res, i, 1), NULL, 10) + 1;
		int allow_private = strcmp(db_cell(res, i, 4), "1") == 0;
		const char *why = webhook_url_check(url, allow_private);
		char err[300];
		struct timespec t0, t1;
		long code = 0;
		long long ms;
		char *body;

		/* Claim it: another worker that read the same row now leaves it alone. */
		if (db_exec(&c->db, "UPDATE webhook_deliveries SET next_attempt_at ="
		    " UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ? AND status = 'pending'"
		    " AND next_attempt_at <= UTC_TIMESTAMP()", "is", (long long)HOOK_LEASE_SECONDS,
		    id) != 1)
			continue;
		body = payload(db_cell(res, i, 5), strtoll(id, NULL, 10), db_cell(res, i, 6),
		    db_cell(res, i, 7));
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (body == NULL)
			snprintf(err, sizeof(err), "cannot build the body");
		else if (why != NULL)
			snprintf(err, sizeof(err), "refused: %s", strcmp(why, "webhooks.private") == 0 ?
			    "the address is in a private network (allow private addresses to deliver there)" :
			    "the address is not a valid http(s) URL");
		else
			code = post(url, db_cell(res, i, 3), allow_private, db_cell(res, i, 5), id, body,
			    err, sizeof(err));
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (long long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		free(body);
		if (code >= 200 && code <= 299) {
			db_exec(&c->db, "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?,"
			    " last_attempt_at = UTC_TIMESTAMP(), delivered_at = UTC_TIMESTAMP(),"
			    " response_code = ?, last_error = '', duration_ms = ? WHERE id = ?", "iiis",
			    attempts, (long long)code, ms, id);
			delivered++;
			continue;
		}
		log_warn("webhook delivery %s to %s: %s", id, url, err);
		if (attempts >= WEBHOOK_MAX_ATTEMPTS)
			db_exec(&c->db, "UPDATE webhook_deliveries SET status = 'failed', attempts = ?,"
			    " last_attempt_at = UTC_TIMESTAMP(), response_code = NULLIF(?, 0),"
			    " last_error = ?, duration_ms = ? WHERE id = ?", "iisis", attempts,
			    (long long)code, err, ms, id);
		else
			db_exec(&c->db, "UPDATE webhook_deliveries SET attempts = ?,"
			    " last_attempt_at = UTC_TIMESTAMP(), response_code = NULLIF(?, 0),"
			    " last_error = ?, duration_ms = ?,"
			    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?", "iisiis",
			    attempts, (long long)code, err, ms, backoff(attempts), id);
	}
	/* The log keeps WEBHOOK_KEEP_DAYS days. */
	db_exec(&c->db, "DELETE FROM webhook_events WHERE created_at < UTC_TIMESTAMP()"
	    " - INTERVAL ? DAY LIMIT 500", "i", (long long)WEBHOOK_KEEP_DAYS);
	arena_reset(&c->arena);
	return delivered;
}
