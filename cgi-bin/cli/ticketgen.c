/* ticketgen.c - `ventanilla tickets generate N`: N synthetic but plausible
 * tickets (with requesters, teams, agents, conversations, history and service
 * level due times) written in bulk, for benchmarks of the queue at scale. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define TGEN_MAX 5000000       /* most tickets one run may add */
#define TGEN_BATCH 2000        /* tickets per transaction */
#define TGEN_USERS 3000        /* generated requesters */
#define TGEN_AGENTS 4          /* generated agents per team */
#define TGEN_YEARS 3           /* tickets spread over this many years back */
#define TGEN_RECENT (14 * 86400) /* younger than this: most still being worked */

static const char usage_text[] =
    "usage: ventanilla tickets generate N [SEED]\n"
    "\n"
    "Adds N synthetic tickets (1..5000000) for benchmarks, written in bulk (one\n"
    "transaction per 2000 tickets). The first run also adds 3000 requesters\n"
    "(gen-user-N@example.invalid, no password; a few of them report far more\n"
    "than the rest), three more teams and four agents per team\n"
    "(gen-agent-...@example.invalid). Tickets spread over three years: those of\n"
    "the last two weeks are mostly still open, older ones mostly closed. Each has\n"
    "1 to 6 messages (replies and internal notes), history events, a topic,\n"
    "team, priority, channel and service level due times. SEED (default 1) makes\n"
    "the data reproducible. Load `ventanilla demo` first (topics and teams).\n";

/* splitmix64: small, fast, good enough for test data. */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double
rnd_unit(uint64_t *s)
{
	return (double)(rnd(s) >> 11) * 0x1.0p-53;
}

static size_t
rnd_below(uint64_t *s, size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd(s) % n);
}

/* What tickets are made of. */
static const char *const things_en[] = { "printer", "laptop", "VPN", "Wi-Fi", "e-mail",
	"password", "Teams", "monitor", "phone", "shared drive", "calendar", "badge",
	"headset", "docking station", "ERP", "payroll app", "webcam", "keyboard" };
static const char *const things_es[] = { "impresora", "portátil", "VPN", "wifi", "correo",
	"contraseña", "Teams", "monitor", "móvil", "unidad compartida", "calendario",
	"tarjeta", "auriculares", "base del portátil", "ERP", "nómina", "cámara", "teclado" };
static const char *const forms_en[] = { "%s does not work", "Cannot use the %s",
	"%s is very slow", "Need a new %s", "Problem with my %s since this morning",
	"%s keeps disconnecting", "Access to the %s, please", "%s shows an error" };
static const char *const forms_es[] = { "No funciona el %s", "No puedo usar %s",
	"%s va muy lento", "Necesito %s nuevo", "Problema con %s desde esta mañana",
	"%s se desconecta", "Acceso a %s, por favor", "%s da un error" };
static const char *const bodies[] = {
	"Hello, since this morning it fails every time I try. I restarted twice already.",
	"Hola, desde esta mañana falla cada vez que lo intento. Ya he reiniciado dos veces.",
	"It worked yesterday. Now it shows an error and I cannot finish my work.",
	"Ayer funcionaba. Ahora sale un error y no puedo terminar el trabajo.",
	"Could you have a look? Several people in my area have the same problem.",
	"¿Podéis mirarlo? Varias personas de mi zona tienen el mismo problema.",
};
static const char *const replies[] = {
	"Thanks for the details. Could you try again now and tell us if it works?",
	"Gracias por los detalles. ¿Puedes probar ahora y decirnos si funciona?",
	"We have reset it on our side. Please sign out and in again.",
	"Lo hemos restablecido. Cierra sesión y vuelve a entrar, por favor.",
	"It works now, thank you!", "¡Ya funciona, gracias!",
};
static const char *const notes[] = {
	"Checked the logs: certificate expired on the gateway. Renewed.",
	"Same cause as last week; linked to the switch replacement.",
	"Waiting for the vendor. Ticket with them opened by phone.",
};

/* The generator's picture of the directory. */
struct tgen {
	uint64_t seed;
	time_t now;
	long long *users;        /* requester ids, heaviest first */
	size_t nusers;
	long long *groups;       /* team ids */
	size_t ngroups;
	long long **agents;      /* per team: agent ids */
	size_t *nagents;
	long long *cats, *cat_group; /* topic ids and their teams (0 none) */
	size_t ncats;
	int fr_min[5], res_min[5]; /* SLA minutes per priority (1..4) */
	long long next_id;       /* next ticket id */
};

/* "YYYY-MM-DD HH:MM:SS" (UTC) of t into out. */
static const char *
utc(char out[20], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return out;
}

/* A JSON date string, or null for t == 0. */
static json_t *
jdate(time_t t)
{
	char b[20];

	return t == 0 ? json_null() : json_string(utc(b, t));
}

/* Ids of a query's first column. */
static long long *
ids_of(struct db_res *res, size_t *n)
{
	long long *v = xcalloc(res->nrows + 1, sizeof(long long));
	size_t i;

	for (i = 0; i < res->nrows; i++)
		v[i] = strtoll(db_cell(res, i, 0), NULL, 10);
	*n = res->nrows;
	return v;
}

/* Make (once) and load the generated requesters, teams and agents. */
static int
load_directory(struct cli *c, struct tgen *g)
{
	static const char *const teams[] = { "Applications", "Security", "Facilities" };
	struct db_res *res;
	size_t i, j;
	json_t *arr;
	char *s;
	long long rc;

	for (i = 0; i < sizeof(teams) / sizeof(teams[0]); i++)
		if (db_exec(&c->db, "INSERT IGNORE INTO `groups` (name, description) VALUES (?, ?)",
		    "ss", teams[i], "Generated for benchmarks") < 0)
			return -1;
	arr = json_array();
	for (i = 0; i < TGEN_USERS; i++)
		json_array_append_new(arr, json_pack("[s,s,s]",
		    arena_printf(&c->arena, "gen-user-%zu@example.invalid", i + 1),
		    arena_printf(&c->arena, "Generated Person %zu", i + 1), i % 2 ? "es" : "en"));
	s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	if (s == NULL)
		return -1;
	rc = db_exec(&c->db, "INSERT IGNORE INTO users (email, name, language, roles)"
	    " SELECT j.email, j.name, j.lang, 'requester' FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "  email VARCHAR(254) PATH '$[0]', name VARCHAR(120) PATH '$[1]',"
	    "  lang CHAR(2) PATH '$[2]')) AS j", "s", s);
	free(s);
	if (rc < 0)
		return -1;
	res = db_query(&c->db, &c->arena, "SELECT id FROM users WHERE email LIKE"
	    " 'gen-user-%@example.invalid' ORDER BY id", "");
	if (res == NULL)
		return -1;
	g->users = ids_of(res, &g->nusers);
	res = db_query(&c->db, &c->arena, "SELECT id, name FROM `groups` ORDER BY id", "");
	if (res == NULL)
		return -1;
	g->groups = ids_of(res, &g->ngroups);
	g->agents = xcalloc(g->ngroups + 1, sizeof(long long *));
	g->nagents = xcalloc(g->ngroups + 1, sizeof(size_t));
	for (i = 0; i < g->ngroups; i++) {
		for (j = 0; j < TGEN_AGENTS; j++) {
			const char *email = arena_printf(&c->arena, "gen-agent-%lld-%zu@example.invalid",
			    g->groups[i], j + 1);
			const char *name = arena_printf(&c->arena, "Agent %zu of %s", j + 1,
			    db_cell(res, i, 1));

			if (db_exec(&c->db, "INSERT IGNORE INTO users (email, name, language, roles)"
			    " VALUES (?, ?, 'en', 'requester,agent')", "ss", email, name) < 0 ||
			    db_exec(&c->db, "INSERT IGNORE INTO user_groups (user_id, group_id)"
			    " SELECT id, ? FROM users WHERE email = ?", "is", g->groups[i], email) < 0)
				return -1;
		}
		/* Everyone in the team works its tickets, demo agents included. */
		g->agents[i] = ids_of(db_query(&c->db, &c->arena, "SELECT ug.user_id FROM user_groups ug"
		    " JOIN users u ON u.id = ug.user_id WHERE ug.group_id = ? AND u.active = 1"
		    " AND (FIND_IN_SET('agent', u.roles) OR FIND_IN_SET('admin', u.roles))"
		    " ORDER BY ug.user_id", "i", g->groups[i]), &g->nagents[i]);
	}
	res = db_query(&c->db, &c->arena, "SELECT id, COALESCE(group_id, 0) FROM ticket_categories"
	    " ORDER BY id", "");
	if (res == NULL)
		return -1;
	g->cats = ids_of(res, &g->ncats);
	g->cat_group = xcalloc(g->ncats + 1, sizeof(long long));
	for (i = 0; i < g->ncats; i++)
		g->cat_group[i] = strtoll(db_cell(res, i, 1), NULL, 10);
	for (i = 1; i <= 4; i++) {
		/* Office hours stretch the clock: about 2.5 wall hours per working hour. */
		g->fr_min[i] = (int)(i * i * 60);
		g->res_min[i] = (int)(i * 8 * 60);
	}
	res = db_query(&c->db, &c->arena, "SELECT priority, first_response_minutes,"
	    " resolution_minutes FROM sla_policies", "");
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		long p = strtol(db_cell(res, i, 0), NULL, 10);

		if (p >= 1 && p <= 4) {
			g->fr_min[p] = (int)(strtol(db_cell(res, i, 1), NULL, 10) * 5 / 2);
			g->res_min[p] = (int)(strtol(db_cell(res, i, 2), NULL, 10) * 5 / 2);
		}
	}
	res = db_query(&c->db, &c->arena, "SELECT COALESCE(MAX(id), 0) + 1 FROM tickets", "");
	if (res == NULL)
		return -1;
	g->next_id = db_scalar(res, 1);
	return 0;
}

/* One batch as three JSON arrays: tickets, messages, events. */
struct tbatch {
	json_t *t, *m, *e;
};

/* Add one ticket (id g->next_id) to the batch. */
static void
make_ticket(struct tgen *g, struct tbatch *b)
{
	long long id = g->next_id++;
	double r = rnd_unit(&g->seed);
	/* Skewed: the first requesters (a shared mailbox, a monitoring account)
	 * report thousands, most people a handful. */
	long long requester = g->users[(size_t)((double)g->nusers * r * r)];
	time_t age = (time_t)(rnd_unit(&g->seed) * TGEN_YEARS * 365 * 86400.0);
	time_t created, updated, frat = 0, resolved = 0, closed = 0, frdue, resdue, t;
	size_t ci = rnd_below(&g->seed, g->ncats), gi = 0, k, nmsg;
	long long group = g->ncats ? g->cat_group[ci] : 0, assignee = 0, prio, rating = 0;
	const char *status, *channel;
	int es = rnd_unit(&g->seed) < 0.5;
	char subject[200];

	if (age < 3600)
		age = 3600 + (time_t)rnd_below(&g->seed, 3600);
	created = g->now - age;
	r = rnd_unit(&g->seed);
	if (age < TGEN_RECENT)
		status = r < 0.15 ? "new" : r < 0.50 ? "open" : r < 0.65 ? "pending" :
		    r < 0.85 ? "resolved" : "closed";
	else
		status = r < 0.001 ? "new" : r < 0.004 ? "open" : r < 0.006 ? "pending" :
		    r < 0.012 ? "resolved" : "closed";
	r = rnd_unit(&g->seed);
	prio = r < 0.03 ? 1 : r < 0.15 ? 2 : r < 0.75 ? 3 : 4;
	r = rnd_unit(&g->seed);
	channel = r < 0.6 ? "portal" : r < 0.9 ? "email" : r < 0.97 ? "phone" : "api";
	r = rnd_unit(&g->seed);
	if (r < 0.1 && g->ngroups > 0)
		group = g->groups[rnd_below(&g->seed, g->ngroups)];
	else if (r < 0.12)
		group = 0;
	for (k = 0; k < g->ngroups; k++)
		if (g->groups[k] == group)
			gi = k;
	if (strcmp(status, "new") != 0 && group != 0 && g->nagents[gi] > 0 &&
	    rnd_unit(&g->seed) < 0.9)
		assignee = g->agents[gi][rnd_below(&g->seed, g->nagents[gi])];
	{
		/* The form with its "%s" replaced by the thing. */
		const char *f = es ? forms_es[rnd_below(&g->seed, 8)] : forms_en[rnd_below(&g->seed, 8)];
		const char *th = es ? things_es[rnd_below(&g->seed, 18)] :
		    things_en[rnd_below(&g->seed, 18)];
		const char *p = strstr(f, "%s");

		snprintf(subject, sizeof(subject), "%.*s%s%s", (int)(p - f), f, th, p + 2);
	}
	subject[0] = (char)(subject[0] >= 'a' && subject[0] <= 'z' ? subject[0] - 32 : subject[0]);
	frdue = created + g->fr_min[prio] * 60;
	resdue = created + g->res_min[prio] * 60;
	updated = created + (time_t)rnd_below(&g->seed, (size_t)(age / 4 + 1));
	if (strcmp(status, "new") != 0) {
		frat = created + (time_t)rnd_below(&g->seed, (size_t)g->fr_min[prio] * 90 + 60);
		if (frat > updated)
			updated = frat;
	}
	if (strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0) {
		resolved = updated;
		if (strcmp(status, "closed") == 0) {
			closed = resolved + 3 * 86400 < g->now ? resolved + 3 * 86400 : resolved;
			updated = closed;
		}
		if (rnd_unit(&g->seed) < 0.3)
			rating = 1 + (long long)rnd_below(&g->seed, 5);
	}
	if (updated > g->now)
		updated = g->now;
	json_array_append_new(b->t, json_pack("[I,I,I,I,I,s,s,I,I,I,s,o,o,o,o,o,I,o,o,I]",
	    (json_int_t)id, (json_int_t)requester, (json_int_t)(g->ncats ? g->cats[ci] : 0),
	    (json_int_t)group, (json_int_t)assignee, subject, status, (json_int_t)prio,
	    (json_int_t)(prio <= 2 ? 2 : 3), (json_int_t)(prio == 1 ? 1 : prio == 4 ? 3 : 2),
	    channel, jdate(created), jdate(updated), jdate(frat), jdate(resolved), jdate(closed),
	    (json_int_t)rating, jdate(frdue), jdate(resdue), (json_int_t)prio));
	/* The conversation: the report, then replies, answers and internal notes. */
	nmsg = strcmp(status, "new") == 0 ? 1 : 2 + rnd_below(&g->seed, 5);
	for (k = 0, t = created; k < nmsg; k++) {
		int note = k > 0 && assignee != 0 && rnd_unit(&g->seed) < 0.2;
		int agent = k > 0 && (k % 2 == 1 || note);
		const char *body = k == 0 ? bodies[rnd_below(&g->seed, 6)] : note ?
		    notes[rnd_below(&g->seed, 3)] : replies[rnd_below(&g->seed, 6)];

		json_array_append_new(b->m, json_pack("[I,I,s,s,o]", (json_int_t)id,
		    (json_int_t)(agent ? assignee : requester), note ? "internal" : "public", body,
		    jdate(t)));
		t += (time_t)rnd_below(&g->seed, (size_t)(updated - t) / 2 + 1);
	}
	/* History: the status path and the assignment. */
	if (assignee != 0)
		json_array_append_new(b->e, json_pack("[I,I,s,s,I,o]", (json_int_t)id,
		    (json_int_t)assignee, "assignee", "0", (json_int_t)assignee,
		    jdate(frat ? frat : created)));
	if (strcmp(status, "new") != 0)
		json_array_append_new(b->e, json_pack("[I,I,s,s,s,o]", (json_int_t)id,
		    (json_int_t)assignee, "status", "new", status, jdate(updated)));
}

/* Transaction: insert one batch. */
static int
insert_batch(struct db *db, void *ctx)
{
	struct tbatch *b = ctx;
	char *s;
	long long rc;

	/* New tickets: skip the page-version triggers (schema 018) per row. */
	if (db_exec(db, "SET @vt_bulk = 1", "") < 0)
		return -1;
	s = json_dumps(b->t, JSON_COMPACT);
	if (s == NULL)
		return -1;
	rc = db_exec(db, "INSERT INTO tickets (id, requester_id, category_id, group_id, assignee_id,"
	    " subject, status, priority, impact, urgency, channel, created_at, updated_at,"
	    " first_response_at, resolved_at, closed_at, rating, first_response_due,"
	    " resolution_due, sla_priority)"
	    " SELECT j.id, j.req, NULLIF(j.cat, 0), NULLIF(j.grp, 0), NULLIF(j.asg, 0), j.subj,"
	    " j.st, j.prio, j.imp, j.urg, j.ch, j.cr, j.up, j.fr, j.rs, j.cl, NULLIF(j.rt, 0),"
	    " j.frd, j.rsd, j.sp FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "  id BIGINT PATH '$[0]', req BIGINT PATH '$[1]', cat BIGINT PATH '$[2]',"
	    "  grp BIGINT PATH '$[3]', asg BIGINT PATH '$[4]', subj VARCHAR(200) PATH '$[5]',"
	    "  st VARCHAR(10) PATH '$[6]', prio INT PATH '$[7]', imp INT PATH '$[8]',"
	    "  urg INT PATH '$[9]', ch VARCHAR(10) PATH '$[10]', cr DATETIME PATH '$[11]',"
	    "  up DATETIME PATH '$[12]', fr DATETIME PATH '$[13]', rs DATETIME PATH '$[14]',"
	    "  cl DATETIME PATH '$[15]', rt INT PATH '$[16]', frd DATETIME PATH '$[17]',"
	    "  rsd DATETIME PATH '$[18]', sp INT PATH '$[19]')) AS j", "s", s);
	free(s);
	if (rc < 0)
		return -1;
	s = json_dumps(b->m, JSON_COMPACT);
	if (s == NULL)
		return -1;
	rc = db_exec(db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body, created_at)"
	    " SELECT j.t, NULLIF(j.a, 0), j.k, j.b, j.c FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "  t BIGINT PATH '$[0]', a BIGINT PATH '$[1]', k VARCHAR(10) PATH '$[2]',"
	    "  b VARCHAR(2000) PATH '$[3]', c DATETIME PATH '$[4]')) AS j", "s", s);
	free(s);
	if (rc < 0)
		return -1;
	s = json_dumps(b->e, JSON_COMPACT);
	if (s == NULL)
		return -1;
	rc = json_array_size(b->e) == 0 ? 0 : db_exec(db, "INSERT INTO ticket_events (ticket_id,"
	    " actor_id, what, old_value, new_value, created_at)"
	    " SELECT j.t, NULLIF(j.a, 0), j.w, j.o, j.n, j.c FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "  t BIGINT PATH '$[0]', a BIGINT PATH '$[1]', w VARCHAR(32) PATH '$[2]',"
	    "  o VARCHAR(200) PATH '$[3]', n VARCHAR(200) PATH '$[4]', c DATETIME PATH '$[5]'))"
	    " AS j", "s", s);
	free(s);
	return rc < 0 ? -1 : 0;
}

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
tgen_free(struct tgen *g)
{
	size_t i;

	for (i = 0; g->agents != NULL && i < g->ngroups; i++)
		free(g->agents[i]);
	free(g->agents);
	free(g->nagents);
	free(g->users);
	free(g->groups);
	free(g->cats);
	free(g->cat_group);
}

static int
generate(struct cli *c, size_t n, uint64_t seed)
{
	struct tgen g;
	struct timespec t0;
	size_t done = 0, next_report = 100000;
	int rc = 1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&g, 0, sizeof(g));
	g.seed = seed;
	g.now = time(NULL);
	if (load_directory(c, &g) < 0) {
		cli_fail("database error: %s", c->db.errmsg);
		goto out;
	}
	if (g.ncats == 0 || g.ngroups == 0) {
		cli_fail("tickets generate: no topics or teams: run `ventanilla demo` first");
		goto out;
	}
	printf("tickets generate: %zu tickets from %zu requesters, %zu teams\n", n, g.nusers,
	    g.ngroups);
	fflush(stdout);
	while (done < n) {
		struct tbatch b = { json_array(), json_array(), json_array() };
		size_t i, k = n - done < TGEN_BATCH ? n - done : TGEN_BATCH;
		int txrc;

		for (i = 0; i < k; i++)
			make_ticket(&g, &b);
		txrc = db_tx(&c->db, insert_batch, &b);
		json_decref(b.t);
		json_decref(b.m);
		json_decref(b.e);
		if (txrc != 0) {
			cli_fail("database error after %zu tickets: %s", done, c->db.errmsg);
			goto out;
		}
		done += k;
		arena_reset(&c->arena);
		if (done >= next_report || done == n) {
			printf("tickets generate: %zu/%zu tickets, %.1f s\n", done, n, since(&t0));
			fflush(stdout);
			while (next_report <= done)
				next_report += 100000;
		}
	}
	if (db_query(&c->db, &c->arena, "ANALYZE TABLE tickets, ticket_messages, ticket_events", "") ==
	    NULL)
		fprintf(stderr, "ventanilla: warning: ANALYZE TABLE failed: %s\n", c->db.errmsg);
	printf("tickets generate: done: %zu tickets in %.1f s\n", n, since(&t0));
	rc = 0;
out:
	tgen_free(&g);
	arena_reset(&c->arena);
	return rc;
}

int
cmd_tickets_generate(struct cli *c, int argc, char **argv)
{
	char *end;
	unsigned long long n, seed = 1;

	if (c == NULL) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc < 2 || argc > 3) {
		fputs(usage_text, stderr);
		return 2;
	}
	n = strtoull(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || n < 1 || n > TGEN_MAX)
		return cli_fail("tickets generate: N must be a number from 1 to %d", TGEN_MAX);
	if (argc == 3) {
		seed = strtoull(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0')
			return cli_fail("tickets generate: SEED must be a number");
	}
	if (db_connect(&c->db) < 0)
		return cli_fail("cannot connect to the database: %s", c->db.errmsg);
	return generate(c, (size_t)n, (uint64_t)seed);
}
