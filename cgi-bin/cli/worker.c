/* worker.c - `ventanilla worker`: sends the mail outbox (retrying with backoff),
 * closes long-solved requests, forgets old incoming mail, and runs the SLA
 * step (sla_worker.c). */
#include <signal.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "log.h"
#include "mail.h"
#include "tmail.h"
#include "webhook.h"

#define WORKER_BATCH 50
#define WORKER_BATCHES 200       /* outbox batches a pass sends at most (10,000 mails) */
#define WORKER_MAX_ATTEMPTS 8
#define WORKER_PURGE_BATCH 1000  /* mail_in_log rows one DELETE removes */
#define WORKER_PURGE_BATCHES 20  /* DELETEs a pass runs at most; the rest waits */

static volatile sig_atomic_t worker_stop;

static void
on_stop(int sig)
{
	(void)sig;
	worker_stop = 1;
}

/* The host part of base_url, for Message-IDs. */
static void
url_host(const char *url, char *out, size_t len)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p != NULL ? p + 3 : url;
	n = strcspn(p, ":/");
	snprintf(out, len, "%.*s", (int)(n ? n : 9), n ? p : "localhost");
}

/* Send one batch of what is due (key signs the reply tokens queued without
 * their MAC); *rows = mails tried. Returns the number sent, or -1 on a
 * database failure. */
static int
send_batch(struct cli *c, const unsigned char key[32], size_t *rows)
{
	struct db_res *res;
	char domain[256], err[512];
	size_t i;
	int sent = 0;

	url_host(c->conf.base_url, domain, sizeof(domain));
	res = db_query(&c->db, &c->arena,
	    "SELECT id, to_addr, subject, body_text, body_html, attempts, reply_token FROM outbox"
	    " WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()"
	    " ORDER BY id LIMIT ?", "i", (long long)WORKER_BATCH);
	if (res == NULL)
		return -1;
	*rows = res->nrows;
	for (i = 0; i < res->nrows && !worker_stop; i++) {
		long long id = strtoll(db_cell(res, i, 0), NULL, 10);
		long long attempts = strtoll(db_cell(res, i, 5), NULL, 10) + 1;
		struct buf msg = { 0 };
		char token[TMAIL_TOKEN_MAX], reply_to[400];

		msg.max = 32 << 20;
		tmail_token_complete(key, db_cell(res, i, 6), token);
		/* Ticket mail: replies go to support+token@ and find their ticket. */
		tmail_reply_to(&c->conf, token, reply_to, sizeof(reply_to));
		if (mail_compose_reply(&msg, c->conf.mail_from, db_cell(res, i, 1), db_cell(res, i, 2),
		    db_cell(res, i, 3), db_cell(res, i, 4), domain, time(NULL),
		    *token != '\0' ? reply_to : NULL, token) < 0) {
			db_exec(&c->db, "UPDATE outbox SET failed_at = UTC_TIMESTAMP(),"
			    " last_error = 'cannot compose' WHERE id = ?", "i", id);
		} else if (mail_send(&c->conf, db_cell(res, i, 1), &msg, err, sizeof(err)) == 0) {
			db_exec(&c->db, "UPDATE outbox SET sent_at = UTC_TIMESTAMP(), attempts = ?"
			    " WHERE id = ?", "ii", attempts, id);
			sent++;
		} else {
			log_warn("mail %lld to %s: %s", id, db_cell(res, i, 1), err);
			if (attempts >= WORKER_MAX_ATTEMPTS)
				db_exec(&c->db, "UPDATE outbox SET failed_at = UTC_TIMESTAMP(),"
				    " attempts = ?, last_error = ? WHERE id = ?", "isi", attempts, err, id);
			else
				db_exec(&c->db, "UPDATE outbox SET attempts = ?, last_error = ?,"
				    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? MINUTE WHERE id = ?",
				    "isii", attempts, err, attempts * attempts, id);
		}
		buf_free(&msg);
	}
	arena_reset(&c->arena);
	return sent;
}

/* Send everything that is due, batch after batch (a team's mail about one
 * request may be hundreds), up to WORKER_BATCHES. The number sent, or -1. */
static int
send_due(struct cli *c, const unsigned char key[32])
{
	int sent = 0, k, i;

	for (i = 0; i < WORKER_BATCHES && !worker_stop; i++) {
		size_t rows = 0;

		if ((k = send_batch(c, key, &rows)) < 0)
			return -1;
		sent += k;
		/* A short batch was the last; a batch where nothing went out (the
		 * server refuses) waits for the next pass and its backoff. */
		if (rows < WORKER_BATCH || k == 0)
			break;
	}
	return sent;
}

/* Delete mail_in_log entries older than mail.incoming_log_days, in bounded
 * batches. The number deleted, or -1. */
static int
purge_mail_log(struct cli *c)
{
	int days = c->conf.mail_in_log_days, total = 0, i;

	if (days <= 0)
		return 0;
	for (i = 0; i < WORKER_PURGE_BATCHES && !worker_stop; i++) {
		/* received_at is the server's NOW(), as mail-in's checks read it. */
		int n = db_exec(&c->db, "DELETE FROM mail_in_log WHERE received_at < NOW()"
		    " - INTERVAL ? DAY ORDER BY received_at LIMIT ?", "ii", (long long)days,
		    (long long)WORKER_PURGE_BATCH);

		if (n < 0)
			return -1;
		total += n;
		if (n < WORKER_PURGE_BATCH)
			break;
	}
	if (total > 0)
		log_info("worker: %d incoming mail log entries older than %d days deleted", total, days);
	return total;
}

/* Close one solved request, with its history entry and webhook event. */
static int
close_tx(struct db *db, void *id)
{
	if (db_exec(db, "UPDATE tickets SET status = 'closed', closed_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'resolved'", "s", (const char *)id) != 1)
		return db->err ? -1 : 1;
	if (db_exec(db, "INSERT INTO ticket_events (ticket_id, what, old_value, new_value)"
	    " VALUES (?, 'status', 'resolved', 'closed')", "s", (const char *)id) < 0)
		return -1;
	return webhook_ticket(db, strtoll(id, NULL, 10), "ticket.updated");
}

/* Close requests that stayed solved for the configured number of days. */
static int
autoclose(struct cli *c)
{
	struct db_res *res = db_query(&c->db, &c->arena, "SELECT id FROM tickets"
	    " WHERE status = 'resolved' AND resolved_at < UTC_TIMESTAMP() - INTERVAL ? DAY LIMIT 500",
	    "i", (long long)c->conf.ticket_autoclose_days);
	size_t i;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++)
		if (db_tx(&c->db, close_tx, (void *)(uintptr_t)db_cell(res, i, 0)) < 0)
			return -1;
	/* Who had a ticket open (tickets/links.c) matters for minutes: forget it after a day. */
	if (db_exec(&c->db, "DELETE FROM ticket_presence WHERE seen_at < UTC_TIMESTAMP()"
	    " - INTERVAL 1 DAY LIMIT 1000", "") < 0)
		return -1;
	arena_reset(&c->arena);
	return (int)res->nrows;
}

int
cmd_worker(struct cli *c, int argc, char **argv)
{
	int once = 0, bad = 0, i;
	const char *now_arg = NULL;
	struct sla_worker sw;
	struct sigaction sa;
	unsigned char key[32];
	time_t now;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			now_arg = argv[++i];
		else
			bad = 1;
	}
	now = sla_worker_now(now_arg);
	if (c == NULL || bad || now < 0) {
		printf("usage: ventanilla worker [--once] [--now \"YYYY-MM-DD HH:MM:SS\"]\n\nSends the"
		    " mail outbox over SMTP (mail.smtp_url), retrying failures with\nbackoff, closes"
		    " requests solved more than tickets.autoclose_days ago,\nkeeps SLA due times"
		    " current and applies the escalation rules;\npolls every mail.poll_seconds."
		    " --once does what is due and exits.\n--now (or the VT_NOW environment variable)"
		    " fixes the SLA clock at a UTC time,\nfor tests. Also delivers the webhooks"
		    " (/admin/webhooks), retrying failures\nwith growing delays, and deletes incoming"
		    " mail log entries older than\nmail.incoming_log_days.\n");
		return c == NULL ? 0 : 2;
	}
	/* The key of the reply tokens, as the web programs and mail-in derive it. */
	crypto_hash_sha256(key, (const unsigned char *)c->conf.secret, strlen(c->conf.secret));
	memset(&sw, 0, sizeof(sw));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (once) {
		int esc = sla_worker_pass(c, &sw, now), n = send_due(c, key), closed = autoclose(c);
		int hooks = webhooks_deliver(c), purged = purge_mail_log(c);

		sla_worker_free(&sw);
		sodium_memzero(key, sizeof(key));
		if (n < 0 || closed < 0 || esc < 0 || hooks < 0 || purged < 0)
			return cli_fail("database error");
		printf("sent %d, closed %d, escalated %d, webhooks %d, mail log deleted %d\n", n, closed,
		    esc, hooks, purged);
		return 0;
	}
	log_info("worker started");
	while (!worker_stop) {
		if (sla_worker_pass(c, &sw, now) < 0 || send_due(c, key) < 0 || autoclose(c) < 0 ||
		    webhooks_deliver(c) < 0 || purge_mail_log(c) < 0)
			db_close(&c->db);
		sleep((unsigned)c->conf.mail_poll_seconds);
	}
	sla_worker_free(&sw);
	sodium_memzero(key, sizeof(key));
	log_info("worker stopped");
	return 0;
}
