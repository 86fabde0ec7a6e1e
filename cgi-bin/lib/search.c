/* search.c - the knowledge search engine. */
#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "text.h"

#define VOCAB_MAX_WORDS 400000
#define CACHE_CHECK_SECONDS 10

/* A (trigram, word) pair, sorted by trigram to form posting lists. */
struct tri_pair {
	uint32_t tri;
	uint32_t word;
};

/* Process-wide search data, rebuilt when the vocabulary version changes. */
struct search_cache {
	long long version;       /* settings.kb_vocab_version it was built from */
	time_t checked;          /* last time the version was compared */
	char *pool;              /* all words, NUL-separated */
	char **words;            /* word i */
	uint32_t *df;            /* articles containing word i */
	size_t nwords;
	uint32_t *sorted;        /* word indexes in alphabetical order (prefix lookups) */
	uint32_t *hash;          /* open addressing: word index + 1, 0 = empty */
	size_t hashcap;          /* power of two */
	struct tri_pair *tris;   /* sorted by tri */
	size_t ntris;
	uint16_t *counts;        /* scratch: shared trigrams per word */
	uint32_t *touched;       /* scratch: words whose count is non-zero */
	char ***syn;             /* synonym groups: NULL-terminated arrays of folded words */
	size_t nsyn;
	double ndocs;            /* published articles, for idf */
};

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void
search_cache_free(struct search_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsyn; i++) {
		char **g;

		for (g = c->syn[i]; *g != NULL; g++)
			free(*g);
		free(c->syn[i]);
	}
	free(c->syn);
	free(c->pool);
	free(c->words);
	free(c->sorted);
	free(c->df);
	free(c->hash);
	free(c->tris);
	free(c->counts);
	free(c->touched);
	free(c);
}

/* Index of word in the vocabulary, or -1. */
static long
vocab_find(const struct search_cache *c, const char *w)
{
	size_t i;

	if (c->hashcap == 0)
		return -1;
	for (i = hash_str(w) & (c->hashcap - 1); c->hash[i] != 0; i = (i + 1) & (c->hashcap - 1))
		if (strcmp(c->words[c->hash[i] - 1], w) == 0)
			return (long)c->hash[i] - 1;
	return -1;
}

/* Index of a word that is known to be in the vocabulary. */
static uint32_t
vocab_index(const struct search_cache *c, const char *w)
{
	long i = vocab_find(c, w);

	return i < 0 ? 0 : (uint32_t)i;
}

/* The trigrams of "^word$" (bytes), at most max; returns the count. */
static size_t
trigrams(const char *w, uint32_t *out, size_t max)
{
	char pad[TEXT_MAX_TOKEN + 8];
	size_t n = strlen(w), i, k = 0;

	if (n > TEXT_MAX_TOKEN)
		n = TEXT_MAX_TOKEN;
	pad[0] = '^';
	memcpy(pad + 1, w, n);
	pad[n + 1] = '$';
	pad[n + 2] = '\0';
	for (i = 0; i + 3 <= n + 2 && k < max; i++)
		out[k++] = ((uint32_t)(unsigned char)pad[i] << 16) |
		    ((uint32_t)(unsigned char)pad[i + 1] << 8) | (unsigned char)pad[i + 2];
	return k;
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct tri_pair *x = a, *y = b;

	if (x->tri != y->tri)
		return x->tri < y->tri ? -1 : 1;
	return x->word < y->word ? -1 : x->word > y->word;
}

static int
cmp_word(const void *x, const void *y, void *ctx)
{
	char **words = ctx;

	return strcmp(words[*(const uint32_t *)x], words[*(const uint32_t *)y]);
}

/* Up to max known words starting with prefix, most frequent first. */
static size_t
completions(const struct search_cache *c, const char *prefix, const char **out, size_t max)
{
	size_t lo = 0, hi = c->nwords, n = 0, plen = strlen(prefix), i, scanned = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(c->words[c->sorted[mid]], prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < c->nwords && scanned < 5000 &&
	    strncmp(c->words[c->sorted[i]], prefix, plen) == 0; i++, scanned++) {
		uint32_t w = c->sorted[i];
		size_t k;

		/* Keep the max most frequent (insertion into a short sorted list). */
		for (k = n; k > 0 && c->df[w] > c->df[vocab_index(c, out[k - 1])]; k--)
			if (k < max)
				out[k] = out[k - 1];
		if (k < max) {
			out[k] = c->words[w];
			if (n < max)
				n++;
		}
	}
	return n;
}

/* Load vocabulary and synonyms from the database into a new cache. */
static struct search_cache *
cache_build(struct db *db, struct arena *a, long long version)
{
	struct search_cache *c = xcalloc(1, sizeof(*c));
	struct db_res *res;
	size_t i, poolsize = 0, off = 0, cap;

	c->version = version;
	c->checked = time(NULL);
	res = db_query(db, a, "SELECT term, df FROM kb_terms ORDER BY df DESC LIMIT ?", "i",
	    (long long)VOCAB_MAX_WORDS);
	if (res == NULL) {
		search_cache_free(c);
		return NULL;
	}
	for (i = 0; i < res->nrows; i++)
		poolsize += res->lens[i * 2] + 1;
	c->pool = xmalloc(poolsize + 1);
	c->nwords = res->nrows;
	c->words = xcalloc(c->nwords + 1, sizeof(char *));
	c->df = xcalloc(c->nwords + 1, sizeof(uint32_t));
	for (c->hashcap = 64; c->hashcap < 2 * c->nwords; c->hashcap *= 2)
		;
	c->hash = xcalloc(c->hashcap, sizeof(uint32_t));
	cap = 16;
	c->tris = xmalloc(sizeof(struct tri_pair) * cap);
	for (i = 0; i < c->nwords; i++) {
		const char *w = db_cell(res, i, 0);
		uint32_t t[TEXT_MAX_TOKEN + 4];
		size_t k, nt, h;

		memcpy(c->pool + off, w, res->lens[i * 2] + 1);
		c->words[i] = c->pool + off;
		off += res->lens[i * 2] + 1;
		c->df[i] = (uint32_t)strtoul(db_cell(res, i, 1), NULL, 10);
		for (h = hash_str(w) & (c->hashcap - 1); c->hash[h] != 0; h = (h + 1) & (c->hashcap - 1))
			;
		c->hash[h] = (uint32_t)i + 1;
		nt = trigrams(w, t, TEXT_MAX_TOKEN + 4);
		for (k = 0; k < nt; k++) {
			if (c->ntris == cap) {
				cap *= 2;
				c->tris = xrealloc(c->tris, sizeof(struct tri_pair) * cap);
			}
			c->tris[c->ntris].tri = t[k];
			c->tris[c->ntris].word = (uint32_t)i;
			c->ntris++;
		}
	}
	qsort(c->tris, c->ntris, sizeof(struct tri_pair), cmp_pair);
	c->sorted = xcalloc(c->nwords + 1, sizeof(uint32_t));
	for (i = 0; i < c->nwords; i++)
		c->sorted[i] = (uint32_t)i;
	qsort_r(c->sorted, c->nwords, sizeof(uint32_t), cmp_word, c->words);
	c->counts = xcalloc(c->nwords + 1, sizeof(uint16_t));
	c->touched = xcalloc(c->nwords + 1, sizeof(uint32_t));
	res = db_query(db, a, "SELECT terms FROM kb_synonyms ORDER BY id", "");
	if (res != NULL && res->nrows > 0) {
		c->syn = xcalloc(res->nrows, sizeof(char **));
		for (i = 0; i < res->nrows; i++) {
			const char *tok[32];
			size_t n = text_tokens(a, text_fold(a, db_cell(res, i, 0)), tok, 32), k, m = 0;
			char **g = xcalloc(n + 1, sizeof(char *));

			/* Commas separate entries; single words only ("correo electronico"
			 * contributes both words). */
			for (k = 0; k < n; k++)
				if (!text_stopword(tok[k]))
					g[m++] = xstrdup(tok[k]);
			g[m] = NULL;
			c->syn[c->nsyn++] = g;
		}
	}
	res = db_query(db, a, "SELECT COUNT(*) FROM kb_articles WHERE status = 'published'", "");
	c->ndocs = res != NULL ? (double)db_scalar(res, 0) : 0;
	if (c->ndocs < 1)
		c->ndocs = 1;
	return c;
}

/* The cache, built or refreshed as needed. NULL on database failure. */
static struct search_cache *
cache_get(struct db *db, struct arena *a, struct search_cache **cache)
{
	time_t now = time(NULL);
	struct db_res *res;
	long long version;

	if (*cache != NULL && now - (*cache)->checked < CACHE_CHECK_SECONDS)
		return *cache;
	res = db_query(db, a, "SELECT value FROM settings WHERE name = 'kb_vocab_version'", "");
	if (res == NULL)
		return *cache;
	version = db_scalar(res, 0);
	if (*cache != NULL && (*cache)->version == version) {
		(*cache)->checked = now;
		return *cache;
	}
	{
		struct search_cache *fresh = cache_build(db, a, version);

		if (fresh == NULL)
			return *cache;
		search_cache_free(*cache);
		*cache = fresh;
	}
	return *cache;
}

int
search_distance(const char *a, const char *b, int max)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j;
	int d[TEXT_MAX_TOKEN + 2][TEXT_MAX_TOKEN + 2];

	if (la > TEXT_MAX_TOKEN || lb > TEXT_MAX_TOKEN || abs(la - lb) > max)
		return max + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		int rowmin = max + 1;

		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}

/* The closest known word to w (folded, unknown), or NULL. */
static const char *
correct_word(struct search_cache *c, const char *w)
{
	uint32_t t[TEXT_MAX_TOKEN + 4];
	size_t nt = trigrams(w, t, TEXT_MAX_TOKEN + 4), k, ntouched = 0, len = strlen(w);
	int maxd = len <= 4 ? 1 : 2, bestd = maxd + 1;
	unsigned bestshared = 0;
	long best = -1;

	if (len < 3 || c->nwords == 0 || (unsigned char)w[0] >= 0x80)
		return NULL;
	for (k = 0; k < nt; k++) {
		size_t lo = 0, hi = c->ntris;

		/* First pair with this trigram. */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (c->tris[mid].tri < t[k])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < c->ntris && c->tris[lo].tri == t[k]; lo++) {
			uint32_t wi = c->tris[lo].word;

			if (c->counts[wi]++ == 0)
				c->touched[ntouched++] = wi;
		}
	}
	for (k = 0; k < ntouched; k++) {
		uint32_t wi = c->touched[k];
		size_t wl = strlen(c->words[wi]);
		/* Shared trigrams needed for the distance allowed (q-gram lemma, loosely). */
		int need = (int)nt - 3 * maxd;

		if (c->counts[wi] >= (need > 1 ? need : 1) &&
		    (wl > len ? wl - len : len - wl) <= (size_t)maxd && !text_stopword(c->words[wi])) {
			int d = search_distance(w, c->words[wi], maxd);

			/* Ties: the word sharing more of the typed letters, then the commoner. */
			if (d < bestd || (d == bestd && best >= 0 &&
			    (c->counts[wi] > bestshared ||
			    (c->counts[wi] == bestshared && c->df[wi] > c->df[best])))) {
				bestshared = c->counts[wi];
				bestd = d;
				best = (long)wi;
			}
		}
		c->counts[wi] = 0;
	}
	return best >= 0 ? c->words[best] : NULL;
}

const char *
search_correct(struct db *db, struct arena *a, struct search_cache **cache, const char *w)
{
	struct search_cache *c = cache_get(db, a, cache);

	if (c == NULL || vocab_find(c, w) >= 0)
		return NULL;
	return correct_word(c, w);
}

/* One query concept: a word with its alternatives' stems. */
struct concept {
	const char *word;         /* folded (and corrected) word */
	const char *stems[16];    /* index stems of the word and its synonyms, es and en */
	size_t nstems;
	size_t nprimary;          /* stems[0..nprimary) come from the word itself */
	double idf;
};

static void
add_stem(struct concept *k, const char *s)
{
	size_t i;

	for (i = 0; i < k->nstems; i++)
		if (strcmp(k->stems[i], s) == 0)
			return;
	if (k->nstems < sizeof(k->stems) / sizeof(k->stems[0]))
		k->stems[k->nstems++] = s;
}

/* Add the en and es stems of word w to concept k. */
static void
add_word(struct arena *a, struct concept *k, const char *w)
{
	add_stem(k, text_stem(a, "en", w));
	add_stem(k, text_stem(a, "es", w));
}

/* How well the space-separated index text holds concept k: 1.0 for the
 * word's own stems, 0.6 for a synonym's, 0 for neither. */
static double
has_stem(const char *text, const struct concept *k)
{
	double best = 0;
	size_t i;

	for (i = 0; i < k->nstems; i++) {
		size_t n = strlen(k->stems[i]);
		const char *p = text;

		while ((p = strstr(p, k->stems[i])) != NULL) {
			if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
				if (i < k->nprimary)
					return 1.0;
				best = 0.6;
				break;
			}
			p += n;
		}
	}
	return best;
}

/* A candidate before ranking. */
struct cand {
	struct search_hit hit;
	long long group;   /* the original article of a translation family */
	double rel;        /* relevance from the postings (see candidates) */
};

static int
cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->hit.score != b->hit.score)
		return a->hit.score > b->hit.score ? -1 : 1;
	return a->hit.id < b->hit.id ? -1 : a->hit.id > b->hit.id;
}

/* One posting read for a query: article, concept, weighted weight. */
struct posting {
	long long id;
	size_t concept;
	int primary;  /* the stem is the word's own, not a synonym's */
	double w;
};

static int
cmp_posting(const void *x, const void *y)
{
	const struct posting *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->concept < b->concept ? -1 : a->concept > b->concept;
}

/* An article and what its postings say: relevance, and per query concept
 * 1.0 (the word's own stem is in its text), 0.6 (a synonym's) or 0. */
struct scored {
	long long id;
	double rel;
	double found[SEARCH_MAX_TERMS];
};

static int
cmp_scored_id(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int
cmp_scored(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->rel != b->rel)
		return a->rel > b->rel ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The best SEARCH_CANDIDATES articles for the concepts that the reader may
 * see, with the columns the ranking needs; *top gets their postings summary,
 * sorted by id (*ntop of them). Each stem's best postings for the reader's
 * level (and the filters) are read through kb_postings' primary key; an
 * article's relevance is the sum over concepts of idf x its best stem weight
 * (a synonym's counts 0.6). The full visibility rule is applied to the
 * candidates. NULL on database failure. */
static struct db_res *
candidates(struct db *db, struct arena *a, const struct search_req *q,
    const struct concept *ks, size_t nk, struct scored **top, size_t *ntop)
{
	struct posting *ps = NULL;
	struct scored *sc;
	size_t nps = 0, cap = 0, nsc = 0, i, j, s;
	struct buf ids = { 0 };
	struct db_res *res;

	for (i = 0; i < nk; i++) {
		for (s = 0; s < ks[i].nstems; s++) {
			int primary = s < ks[i].nprimary;

			long long limit = primary ? SEARCH_LIST_PRIMARY : SEARCH_LIST_SYNONYM;

			/* Unfiltered (most searches): the best rows a reader of this level
			 * may see, straight from the primary key. With filters, each row's
			 * article is checked through the narrow kb_articles_filter index. */
			if (q->category_id == 0 && *q->type == '\0' && *q->language == '\0')
				res = db_query(db, a, "SELECT article_id, w FROM kb_postings"
				    " WHERE stem = ? AND lvl <= ? ORDER BY w DESC LIMIT ?", "sii",
				    ks[i].stems[s], (long long)q->viewer->level, limit);
			else
				res = db_query(db, a,
				    "SELECT STRAIGHT_JOIN p.article_id, p.w FROM kb_postings p"
				    " JOIN kb_articles a FORCE INDEX (kb_articles_filter)"
				    "  ON a.id = p.article_id"
				    " LEFT JOIN kb_categories c ON c.id = a.category_id"
				    " WHERE p.stem = ? AND p.lvl <= ?"
				    " AND (? = 0 OR a.category_id = ? OR c.parent_id = ?)"
				    " AND (? = '' OR a.type = ?) AND (? = '' OR a.language = ?)"
				    " ORDER BY p.w DESC LIMIT ?",
				    "siiiissssi", ks[i].stems[s], (long long)q->viewer->level,
				    q->category_id, q->category_id, q->category_id, q->type, q->type,
				    q->language, q->language, limit);
			if (res == NULL)
				return NULL;
			if (nps + res->nrows > cap) {
				struct posting *grown;

				cap = 2 * (nps + res->nrows);
				grown = arena_alloc(a, cap * sizeof(*grown));
				if (nps > 0)
					memcpy(grown, ps, nps * sizeof(*grown));
				ps = grown;
			}
			for (j = 0; j < res->nrows; j++) {
				ps[nps].id = strtoll(db_cell(res, j, 0), NULL, 10);
				ps[nps].concept = i;
				ps[nps].primary = primary;
				ps[nps].w = strtod(db_cell(res, j, 1), NULL) / 1000.0 *
				    (primary ? 1.0 : 0.6);
				nps++;
			}
		}
	}
	/* Sum per article, keeping each concept's best stem. */
	if (nps > 0)
		qsort(ps, nps, sizeof(*ps), cmp_posting);
	sc = arena_alloc(a, (nps + 1) * sizeof(*sc));
	for (i = 0; i < nps; i = j) {
		struct scored *e = &sc[nsc++];
		double best = 0;

		memset(e, 0, sizeof(*e));
		e->id = ps[i].id;
		for (j = i; j < nps && ps[j].id == ps[i].id; j++) {
			size_t k = ps[j].concept;

			if (j > i && k != ps[j - 1].concept) {
				e->rel += ks[ps[j - 1].concept].idf * best;
				best = 0;
			}
			if (ps[j].w > best)
				best = ps[j].w;
			if (ps[j].primary)
				e->found[k] = 1.0;
			else if (e->found[k] == 0)
				e->found[k] = 0.6;
		}
		e->rel += ks[ps[j - 1].concept].idf * best;
	}
	qsort(sc, nsc, sizeof(*sc), cmp_scored);
	if (nsc > SEARCH_CANDIDATES)
		nsc = SEARCH_CANDIDATES;
	*top = sc;
	*ntop = nsc;
	buf_puts(&ids, "[");
	for (i = 0; i < nsc; i++)
		buf_printf(&ids, "%s[%lld,%.6f]", i ? "," : "", sc[i].id, sc[i].rel);
	buf_puts(&ids, "]");
	res = db_query(db, a,
	    "SELECT a.id, a.slug, a.title, a.language, a.type, a.summary,"
	    " DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated,"
	    " COALESCE(a.translation_of, a.id) AS grp, a.title_index, a.keywords_index,"
	    " a.helpful_yes, a.helpful_no,"
	    " c.slug AS category_slug, IF(? = 'es', c.name_es, c.name_en) AS category_name"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$[0]',"
	    "  rel DOUBLE PATH '$[1]')) AS j"
	    " JOIN kb_articles a ON a.id = j.id LEFT JOIN kb_categories c ON c.id = a.category_id"
	    " WHERE" KB_VISIBLE_SQL,
	    "ss" KB_VISIBLE_TYPES, q->lang, buf_str(&ids), KB_VISIBLE_ARGS(q->viewer));
	buf_free(&ids);
	qsort(sc, nsc, sizeof(*sc), cmp_scored_id);
	return res;
}

int
search_run(struct db *db, struct arena *a, struct search_cache **cache,
    const struct search_req *q, struct search_result *out)
{
	struct search_cache *c = cache_get(db, a, cache);
	const char *tok[SEARCH_MAX_TERMS * 2];
	struct concept ks[SEARCH_MAX_TERMS];
	struct buf corrected = { 0 };
	size_t ntok, nk = 0, i, j, ncand = 0, keep = 0;
	int changed = 0, all_stop = 1;
	struct db_res *res;
	struct cand *cands;
	struct scored *top;
	size_t ntop;
	double maxrel = 0;

	memset(out, 0, sizeof(*out));
	out->folded = text_fold(a, q->q);
	ntok = text_tokens(a, out->folded, tok, SEARCH_MAX_TERMS * 2);
	for (i = 0; i < ntok; i++)
		if (!text_stopword(tok[i]))
			all_stop = 0;
	for (i = 0; i < ntok && nk < SEARCH_MAX_TERMS; i++) {
		struct concept *k = &ks[nk];
		const char *w = tok[i];
		const char *split = NULL;
		long vi;

		if (text_stopword(w) && !all_stop)
			continue;
		memset(k, 0, sizeof(*k));
		/* "wi fi", "e mail", "out look": two words the articles write as one. */
		if (c != NULL && i + 1 < ntok) {
			char *joined = arena_printf(a, "%s%s", w, tok[i + 1]);

			if (vocab_find(c, joined) >= 0 && (vocab_find(c, w) < 0 || strlen(w) <= 2 ||
			    strlen(tok[i + 1]) <= 2)) {
				split = tok[i + 1];
				w = joined;
				i++;
			}
		}
		vi = c != NULL ? vocab_find(c, w) : -1;
		/* A word an editor listed as a synonym is known, even if no article has it. */
		for (j = 0; vi < 0 && c != NULL && j < c->nsyn; j++) {
			char **g;

			for (g = c->syn[j]; *g != NULL; g++)
				if (strcmp(*g, w) == 0)
					vi = -2;
		}
		/* Typing in progress: the last word may be the start of a longer one. */
		if (q->prefix && i + 1 == ntok && c != NULL && strlen(w) >= 2) {
			const char *more[3];
			size_t nm = completions(c, w, more, 3), m;

			for (m = 0; m < nm; m++)
				add_word(a, k, more[m]);
			if (nm > 0 && vi < 0) {
				vi = vocab_find(c, more[0]);
				w = more[0];
			}
		}
		if (vi == -1 && c != NULL && !q->exact) {
			const char *fix = correct_word(c, w);

			if (fix != NULL) {
				w = fix;
				changed = 1;
				vi = vocab_find(c, w);
			}
		}
		if (split != NULL) {
			add_word(a, k, tok[i - 1]);
			add_word(a, k, split);
		}
		k->word = w;
		add_word(a, k, w);
		k->nprimary = k->nstems;
		/* Synonyms: every group holding the word adds its other words. */
		for (j = 0; c != NULL && j < c->nsyn; j++) {
			char **g;
			int in = 0;

			for (g = c->syn[j]; *g != NULL && !in; g++)
				in = strcmp(*g, w) == 0;
			if (in)
				for (g = c->syn[j]; *g != NULL; g++)
					add_word(a, k, *g);
		}
		k->idf = log(1.0 + (c != NULL ? c->ndocs : 1.0) /
		    (1.0 + (vi >= 0 ? (double)c->df[vi] : 0.0)));
		if (vi == -2)
			k->idf = log(2.0);
		for (j = 0; j < k->nstems; j++)
			if (out->nstems < sizeof(out->stems) / sizeof(out->stems[0]))
				out->stems[out->nstems++] = k->stems[j];
		buf_printf(&corrected, "%s%s", corrected.len ? " " : "", w);
		nk++;
	}
	if (changed)
		out->corrected = arena_strdup(a, buf_str(&corrected));
	buf_free(&corrected);
	if (nk == 0)
		return 0;
	res = candidates(db, a, q, ks, nk, &top, &ntop);
	if (res == NULL)
		return -1;
	cands = arena_zalloc(a, sizeof(*cands) * (res->nrows + 1));
	for (i = 0; i < ntop; i++)
		if (top[i].rel > maxrel)
			maxrel = top[i].rel;
	for (i = 0; i < res->nrows; i++) {
		struct cand *cd = &cands[ncand];
		const char *title_ix = db_field(res, i, "title_index");
		const char *kw_ix = db_field(res, i, "keywords_index");
		struct scored key, *sc;
		double score = 0, yes, no;
		size_t matched = 0;

		key.id = strtoll(db_cell(res, i, 0), NULL, 10);
		sc = bsearch(&key, top, ntop, sizeof(*top), cmp_scored_id);
		if (sc == NULL)
			continue;
		cd->hit.id = key.id;
		cd->hit.slug = db_field(res, i, "slug");
		cd->hit.title = db_field(res, i, "title");
		cd->hit.language = db_field(res, i, "language");
		cd->hit.type = db_field(res, i, "type");
		cd->hit.summary = db_field(res, i, "summary");
		cd->hit.updated = db_field(res, i, "updated");
		cd->hit.category_slug = db_field(res, i, "category_slug");
		cd->hit.category_name = db_field(res, i, "category_name");
		cd->group = strtoll(db_field(res, i, "grp"), NULL, 10);
		cd->rel = sc->rel;
		for (j = 0; j < nk; j++) {
			double f = 3.0 * has_stem(title_ix, &ks[j]) + 1.5 * has_stem(kw_ix, &ks[j]);

			if (f == 0)
				f = sc->found[j];
			if (f > 0)
				matched++;
			score += ks[j].idf * f;
		}
		/* Articles that cover every word of the question come first. */
		score *= 0.4 + ((double)matched / (double)nk) * ((double)matched / (double)nk);
		if (maxrel > 0)
			score += 0.5 * cd->rel / maxrel;
		if (strcmp(cd->hit.language, q->lang) == 0)
			score *= 1.15;
		yes = strtod(db_field(res, i, "helpful_yes"), NULL);
		no = strtod(db_field(res, i, "helpful_no"), NULL);
		score *= 1.0 + 0.1 * (yes - no) / (yes + no + 5.0);
		cd->hit.score = score;
		ncand++;
	}
	qsort(cands, ncand, sizeof(*cands), cmp_cand);
	/* One hit per article family: the best-ranked language version. */
	for (i = 0; i < ncand; i++) {
		int dup = 0;

		for (j = 0; j < keep && !dup; j++)
			dup = cands[j].group == cands[i].group;
		if (!dup)
			cands[keep++] = cands[i];
	}
	out->total = keep;
	if (q->offset < keep) {
		size_t n = keep - q->offset < q->limit ? keep - q->offset : q->limit;

		out->hits = arena_alloc(a, sizeof(struct search_hit) * (n ? n : 1));
		for (i = 0; i < n; i++)
			out->hits[i] = cands[q->offset + i].hit;
		out->nhits = n;
	}
	if (q->snippets && out->nhits > 0) {
		struct buf ids = { 0 };
		struct db_res *b;

		/* The hits' texts in one query: [[id, position], ...]. */
		buf_puts(&ids, "[");
		for (i = 0; i < out->nhits; i++)
			buf_printf(&ids, "%s[%lld,%zu]", i ? "," : "", out->hits[i].id, i);
		buf_puts(&ids, "]");
		b = db_query(db, a, "SELECT j.pos, a.body_text FROM JSON_TABLE(?, '$[*]' COLUMNS ("
		    " id BIGINT UNSIGNED PATH '$[0]', pos INT PATH '$[1]')) AS j"
		    " JOIN kb_articles a ON a.id = j.id", "s", buf_str(&ids));
		buf_free(&ids);
		if (b == NULL)
			return -1;
		for (i = 0; i < out->nhits; i++)
			out->hits[i].snippet = "";
		for (i = 0; i < b->nrows; i++) {
			size_t pos = strtoul(db_cell(b, i, 0), NULL, 10);

			if (pos < out->nhits && db_cell(b, i, 1) != NULL)
				out->hits[pos].snippet = text_snippet(a, db_cell(b, i, 1),
				    out->hits[pos].language, out->stems, out->nstems, 220);
		}
	}
	return 0;
}

long long
search_log(struct db *db, long long uid, const char *visitor, const char *q,
    const char *folded, const char *lang, size_t results)
{
	char fq[201];

	/* The folded column is as wide as the query; cut on a character boundary. */
	snprintf(fq, sizeof(fq), "%s", folded);
	while (fq[0] != '\0' && ((unsigned char)fq[strlen(fq) - 1] & 0xC0) == 0xC0)
		fq[strlen(fq) - 1] = '\0';
	if (db_exec(db, "INSERT INTO kb_search_log (user_id, session_key, query, query_folded,"
	    " language, results) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?)", "issssi", uid, visitor,
	    q, fq, lang, (long long)results) < 0)
		return 0;
	return (long long)db_insert_id(db);
}
