/* main.c - the `ventanilla` command: migrate, user, worker, mail-in, kb, demo. */
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "log.h"

static const struct {
	const char *name;                        /* subcommand */
	const char *sub;                         /* its second word, or NULL for any */
	int (*fn)(struct cli *, int, char **);   /* implementation; argv[0] is the last
	                                            word matched */
	const char *help;                        /* one line for the usage */
} commands[] = {
	{ "migrate", NULL, cmd_migrate, "apply the database schema migrations not yet applied" },
	{ "user", NULL, cmd_user, "add|passwd|role|disable|enable accounts" },
	{ "worker", NULL, cmd_worker, "send queued mail, SLA due times and escalations, auto-close" },
	{ "mail-in", NULL, cmd_mailin, "take one incoming e-mail from the MTA on standard input" },
	{ "kb", "generate", cmd_kb_generate, "add N synthetic articles (for benchmarks)" },
	{ "tickets", "generate", cmd_tickets_generate, "add N synthetic tickets (for benchmarks)" },
	{ "kb", NULL, cmd_kb, "import|export knowledge articles as Markdown files" },
	{ "demo", NULL, cmd_demo, "load demo data (idempotent) and print the demo logins" },
};

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("ventanilla: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

char *
cli_slurp(const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char *s;
	size_t n;

	if (f == NULL)
		return NULL;
	s = xmalloc(max + 1);
	n = fread(s, 1, max + 1, f);
	fclose(f);
	if (n > max) {
		free(s);
		errno = EFBIG;
		return NULL;
	}
	s[n] = '\0';
	return s;
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ventanilla COMMAND [ARGS]   (ventanilla COMMAND --help for more)\n\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s%s%s", commands[i].name, commands[i].sub ? " " : "",
		    commands[i].sub ? commands[i].sub : "");
		fprintf(f, "  %-12s %s\n", name, commands[i].help);
	}
	fprintf(f, "\nConfiguration: $VENTANILLA_CONF or /etc/ventanilla/ventanilla.conf\n");
}

int
main(int argc, char **argv)
{
	struct cli c;
	char err[512];
	size_t i;
	int rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0 && (commands[i].sub == NULL ||
		    (argc > 2 && strcmp(argv[2], commands[i].sub) == 0)))
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		cli_fail("unknown command \"%s\"", argv[1]);
		usage(stderr);
		return 2;
	}
	if (commands[i].sub != NULL) {
		/* A two-word command: its implementation sees argv from the second word. */
		argc--;
		argv++;
	}
	if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0))
		return commands[i].fn(NULL, argc - 1, argv + 1);
	memset(&c, 0, sizeof(c));
	if (conf_load(&c.conf, conf_path(), err, sizeof(err)) < 0)
		return cli_fail("%s", err);
	log_setup("ventanilla", c.conf.log_level, c.conf.log_syslog);
	if (sodium_init() < 0) {
		conf_free(&c.conf);
		return cli_fail("libsodium failed to start");
	}
	db_init(&c.db, &c.conf);
	arena_init(&c.arena, 0);
	rc = commands[i].fn(&c, argc - 1, argv + 1);
	db_close(&c.db);
	arena_free(&c.arena);
	conf_free(&c.conf);
	return rc;
}
