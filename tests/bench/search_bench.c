/* search_bench.c - knowledge search latency in process: every query of a
 * file through search_run (as an anonymous reader and as staff, snippets on,
 * 10 hits), warm cache first, then p50/p90/p99/max and queries/s. Numbers
 * only, never a verdict. Connects with $VENTANILLA_CONF. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "kb.h"
#include "log.h"
#include "search.h"
#include "text.h"

#define BENCH_MAX_QUERIES 2000
#define BENCH_SLOWEST 12

static const char usage_text[] =
    "usage: search_bench [-r ROUNDS] [-t SECONDS] [-n] [-s] [-v] [QUERIES]\n"
    "  QUERIES  file of queries, one a line: LANG<TAB>QUERY or just QUERY (es);\n"
    "           # starts a comment (default tests/bench/queries.txt)\n"
    "  -r N     measured rounds over all queries and both readers (default 5),\n"
    "           each round in its own shuffled order\n"
    "  -t N     stop measuring after N seconds (default 120; the warm-up pass\n"
    "           stops after N/2): a slow engine still gives numbers, over fewer\n"
    "           searches (said so in the output)\n"
    "  -n       no snippets (to see what they cost)\n"
    "  -s       also time suggestions (prefix search, 6 hits, no snippets)\n"
    "  -v       list the slowest queries\n";

/* One query of the file. */
struct query {
	char lang[3];       /* reader's language */
	char *text;         /* the query */
	double best_ms;     /* fastest measured run */
	double sum_ms;      /* all measured runs */
	size_t runs;
	size_t hits;        /* most hits any reader got */
	int corrected;      /* a run corrected the spelling */
	int ran;            /* searched at least once (not as a suggestion) */
};

/* Milliseconds between two instants. */
static double
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static int
cmp_query_mean(const void *x, const void *y)
{
	const struct query *a = x, *b = y;
	double ma = a->runs ? a->sum_ms / (double)a->runs : 0;
	double mb = b->runs ? b->sum_ms / (double)b->runs : 0;

	return ma > mb ? -1 : ma < mb;
}

/* The p-th percentile (0..100) of n sorted values (nearest rank). */
static double
pct(const double *v, size_t n, double p)
{
	size_t k;

	if (n == 0)
		return 0;
	k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	return v[k > n ? n - 1 : k - 1];
}

/* Read the query file into qs; returns the count or -1. */
static long
load_queries(const char *path, struct query *qs, size_t max)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t n = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL && n < max) {
		char *p = line, *tab;
		size_t len = strlen(line);

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		memset(&qs[n], 0, sizeof(qs[n]));
		strcpy(qs[n].lang, "es");
		tab = strchr(p, '\t');
		if (tab != NULL && tab - p == 2) {
			memcpy(qs[n].lang, p, 2);
			p = tab + 1;
		}
		if (strlen(p) > 200)
			p[200] = '\0';  /* what the form field allows */
		qs[n].text = strdup(p);
		n++;
	}
	fclose(f);
	return (long)n;
}

/* Run query q once for viewer v; returns milliseconds or -1 on failure. */
static double
run_one(struct db *db, struct arena *a, struct search_cache **cache, struct query *q,
    const struct kb_viewer *v, int snippets, int suggest)
{
	struct search_req sq;
	struct search_result res;
	struct timespec t0, t1;
	int rc;

	memset(&sq, 0, sizeof(sq));
	sq.q = q->text;
	sq.lang = q->lang;
	sq.viewer = v;
	sq.type = sq.language = "";
	sq.limit = suggest ? 6 : 10;
	sq.snippets = suggest ? 0 : snippets;
	sq.prefix = suggest;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = search_run(db, a, cache, &sq, &res);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc < 0) {
		fprintf(stderr, "search_bench: search failed for \"%s\": %s\n", q->text, db->errmsg);
		arena_reset(a);
		return -1;
	}
	if (!suggest) {
		q->ran = 1;
		if (res.total > q->hits)
			q->hits = res.total;
		q->corrected |= res.corrected != NULL;
	}
	arena_reset(a);
	return ms_between(&t0, &t1);
}

/* A small deterministic generator for the shuffles (xorshift64). */
static size_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (size_t)*s;
}

/* Time rounds x queries x viewers, each round in a shuffled order, for at
 * most limit seconds (the warm-up for limit / 2); print one line of numbers. */
static int
measure(struct db *db, struct arena *a, struct search_cache **cache, struct query *qs,
    size_t nq, const struct kb_viewer *viewers, size_t nv, int rounds, int snippets,
    int suggest, double limit, const char *label)
{
	size_t total = (size_t)rounds * nq * nv, n = 0, r, i, warm = 0;
	double *t = calloc(total + 1, sizeof(double)), sum = 0, elapsed = 0;
	size_t *order = calloc(nq * nv + 1, sizeof(size_t));
	uint64_t seed = 88172645463325252ull;
	struct timespec t0, t1;
	int rc = -1;

	if (t == NULL || order == NULL)
		goto out;
	for (i = 0; i < nq * nv; i++)
		order[i] = i;
	/* Warm up: the vocabulary cache, statements, the server's buffers. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nq * nv; i++, warm++) {
		if (run_one(db, a, cache, &qs[order[i] / nv], &viewers[order[i] % nv], snippets,
		    suggest) < 0)
			goto out;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (ms_between(&t0, &t1) > limit * 500)
			break;
	}
	for (i = 0; i < nq; i++) {
		qs[i].sum_ms = 0;
		qs[i].runs = 0;
		qs[i].best_ms = 1e9;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < (size_t)rounds && elapsed <= limit * 1000; r++) {
		for (i = nq * nv - 1; i > 0; i--) {
			size_t j = next_rand(&seed) % (i + 1), x = order[i];

			order[i] = order[j];
			order[j] = x;
		}
		for (i = 0; i < nq * nv && elapsed <= limit * 1000; i++) {
			struct query *q = &qs[order[i] / nv];
			double ms = run_one(db, a, cache, q, &viewers[order[i] % nv], snippets, suggest);

			if (ms < 0)
				goto out;
			t[n++] = ms;
			sum += ms;
			q->sum_ms += ms;
			q->runs++;
			if (ms < q->best_ms)
				q->best_ms = ms;
			clock_gettime(CLOCK_MONOTONIC, &t1);
			elapsed = ms_between(&t0, &t1);
		}
	}
	qsort(t, n, sizeof(double), cmp_double);
	printf("%-9s %8zu %8.2f %8.2f %8.2f %8.2f %8.2f %9.1f\n", label, n, pct(t, n, 50),
	    pct(t, n, 90), pct(t, n, 99), t[n - 1], sum / (double)n,
	    (double)n / (elapsed / 1e3));
	if (n < total || warm < nq * nv)
		printf("%-9s (time limit %.0f s: warm-up %zu of %zu, measured %zu of %zu searches)\n",
		    "", limit, warm, nq * nv, n, total);
	rc = 0;
out:
	free(t);
	free(order);
	return rc;
}

int
main(int argc, char **argv)
{
	static struct query qs[BENCH_MAX_QUERIES];
	const char *path = "tests/bench/queries.txt";
	struct conf conf;
	struct db db;
	struct arena a;
	struct search_cache *cache = NULL;
	struct kb_viewer viewers[2];
	struct db_res *res;
	struct timespec t0, t1;
	char err[512];
	int rounds = 5, snippets = 1, suggest = 0, verbose = 0, opt, rc = 1;
	double limit = 120;
	long nq;
	size_t i, found = 0, corrected = 0, tried = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "r:t:nsvh")) != -1) {
		switch (opt) {
		case 'r':
			rounds = atoi(optarg);
			if (rounds < 1 || rounds > 1000) {
				fputs(usage_text, stderr);
				return 2;
			}
			break;
		case 't':
			limit = atof(optarg);
			if (limit < 1) {
				fputs(usage_text, stderr);
				return 2;
			}
			break;
		case 'n':
			snippets = 0;
			break;
		case 's':
			suggest = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind];
	nq = load_queries(path, qs, BENCH_MAX_QUERIES);
	if (nq <= 0) {
		fprintf(stderr, "search_bench: no queries in %s\n", path);
		return 1;
	}
	if (conf_load(&conf, conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "search_bench: %s\n", err);
		return 1;
	}
	log_setup("search_bench", LOG_WARNING, 0);
	db_init(&db, &conf);
	arena_init(&a, 0);
	if (db_connect(&db) < 0) {
		fprintf(stderr, "search_bench: cannot connect: %s\n", db.errmsg);
		goto out;
	}
	/* The readers: anonymous, and a signed-in agent (staff sees internal
	 * articles; team restrictions are checked against the agent's teams). */
	kb_viewer_set(&viewers[0], 0, 0);
	res = db_query(&db, &a, "SELECT id FROM users WHERE email = 'agent@example.org'", "");
	kb_viewer_set(&viewers[1], db_scalar(res, 1), ROLE_REQUESTER | ROLE_AGENT);
	res = db_query(&db, &a, "SELECT (SELECT COUNT(*) FROM kb_articles WHERE status ="
	    " 'published'), (SELECT COUNT(*) FROM kb_terms)", "");
	printf("search_bench: %ld queries from %s, %s published articles, %s words in the"
	    " vocabulary\n", nq, path, db_cell(res, 0, 0) ? db_cell(res, 0, 0) : "?",
	    db_cell(res, 0, 1) ? db_cell(res, 0, 1) : "?");
	arena_reset(&a);
	/* The first search builds the vocabulary cache: report it apart. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (run_one(&db, &a, &cache, &qs[0], &viewers[0], snippets, 0) < 0)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("search_bench: first search (builds the vocabulary cache): %.1f ms\n",
	    ms_between(&t0, &t1));
	printf("search_bench: %d rounds x %ld queries x 2 readers (anonymous, staff), limit 10,"
	    " snippets %s; milliseconds\n", rounds, nq, snippets ? "on" : "off");
	printf("%-9s %8s %8s %8s %8s %8s %8s %9s\n", "", "searches", "p50", "p90", "p99", "max",
	    "mean", "queries/s");
	if (measure(&db, &a, &cache, qs, (size_t)nq, viewers, 2, rounds, snippets, 0, limit,
	    "search") < 0)
		goto out;
	for (i = 0; i < (size_t)nq; i++) {
		found += qs[i].hits > 0;
		corrected += qs[i].corrected;
		tried += qs[i].ran;
	}
	if (verbose) {
		struct query *sorted = malloc(sizeof(struct query) * (size_t)nq);

		if (sorted != NULL) {
			memcpy(sorted, qs, sizeof(struct query) * (size_t)nq);
			qsort(sorted, (size_t)nq, sizeof(struct query), cmp_query_mean);
			printf("slowest queries (mean, best ms; hits; corrected):\n");
			for (i = 0; i < (size_t)nq && i < BENCH_SLOWEST && sorted[i].runs > 0; i++)
				printf("  %7.2f %7.2f %6zu %s  %s: %s\n",
				    sorted[i].sum_ms / (double)sorted[i].runs, sorted[i].best_ms,
				    sorted[i].hits, sorted[i].corrected ? "c" : " ", sorted[i].lang,
				    sorted[i].text);
			free(sorted);
		}
	}
	if (suggest && measure(&db, &a, &cache, qs, (size_t)nq, viewers, 2, rounds, 0, 1, limit,
	    "suggest") < 0)
		goto out;
	printf("search_bench: %zu of %zu queries run found something, %zu were corrected\n", found,
	    tried, corrected);
	rc = 0;
out:
	for (i = 0; i < (size_t)(nq > 0 ? nq : 0); i++)
		free(qs[i].text);
	search_cache_free(cache);
	text_cleanup();
	db_close(&db);
	arena_free(&a);
	conf_free(&conf);
	return rc;
}
