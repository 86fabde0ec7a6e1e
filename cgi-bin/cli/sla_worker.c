/* sla_worker.c - the worker's service-level step: due times for tickets that
 * other code changed, and the escalation rules on tickets due (tsla). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "log.h"
#include "sla.h"
#include "tsla.h"

time_t
sla_worker_now(const char *arg)
{
	const char *s = arg != NULL ? arg : getenv("VT_NOW");

	if (s == NULL || *s == '\0')
		return 0;
	return sla_parse_utc(s);
}

int
sla_worker_pass(struct cli *c, struct sla_worker *w, time_t fixed)
{
	struct tsla s;
	char err[512];
	int n;

	if (!w->ready) {
		if (view_init(&w->view, c->conf.templates_dir, err, sizeof(err)) < 0) {
			log_err("escalation mail: %s", err);
			return -1;
		}
		w->ready = 1;
	}
	memset(&s, 0, sizeof(s));
	s.db = &c->db;
	s.a = &c->arena;
	s.view = &w->view;
	s.conf = &c->conf;
	s.now = fixed > 0 ? fixed : time(NULL);
	n = tsla_worker_step(&s);
	arena_reset(&c->arena);
	return n;
}

void
sla_worker_free(struct sla_worker *w)
{
	if (w->ready)
		view_free(&w->view);
	memset(w, 0, sizeof(*w));
}
