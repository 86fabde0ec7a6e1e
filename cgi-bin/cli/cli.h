/* cli.h - the `ventanilla` command's subcommands. */
#ifndef VT_CLI_H
#define VT_CLI_H

#include <time.h>

#include "conf.h"
#include "db.h"
#include "view.h"

/* What every subcommand gets: the configuration and a database connection. */
struct cli {
	struct conf conf;  /* configuration */
	struct db db;      /* connection (connected on first use) */
	struct arena arena; /* scratch memory, reset between items */
};

int cmd_migrate(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_worker(struct cli *c, int argc, char **argv);
/* `mail-in`: one message from the MTA on standard input (mailin.c). */
int cmd_mailin(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_kb(struct cli *c, int argc, char **argv);
/* Deliver the webhook events that are due (webhooks.c); the number delivered,
 * or -1 on a database failure. */
int webhooks_deliver(struct cli *c);
/* `kb generate N`: synthetic articles for benchmarks (kbgen.c). */
int cmd_kb_generate(struct cli *c, int argc, char **argv);
/* `tickets generate N`: synthetic tickets for benchmarks (ticketgen.c). */
int cmd_tickets_generate(struct cli *c, int argc, char **argv);
/* Import the demo articles of dir quietly; returns the number of files refused. */
int kb_import_demo(struct cli *c, const char *dir);

/* The worker's service-level step (sla_worker.c): mail templates, loaded once. */
struct sla_worker {
	struct view view;  /* templates for escalation mail */
	int ready;         /* view loaded */
};
/* The fixed clock for tests: arg ("YYYY-MM-DD HH:MM:SS" UTC), else $VT_NOW;
 * 0 when neither is set (use the real clock), -1 when malformed. */
time_t sla_worker_now(const char *arg);
/* Sync and escalate what is due at fixed (0 = now). Escalations or -1. */
int sla_worker_pass(struct cli *c, struct sla_worker *w, time_t fixed);
void sla_worker_free(struct sla_worker *w);

/* Read a whole file of at most max bytes into a new heap string (caller
 * frees). NULL with errno set (EFBIG when larger than max). */
char *cli_slurp(const char *path, size_t max);

/* Print an error prefixed with "ventanilla: " to stderr; returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
