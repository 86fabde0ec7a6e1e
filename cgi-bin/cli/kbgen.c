/* kbgen.c - `ventanilla kb generate N`: N synthetic but realistic published
 * articles for benchmarks, written in bulk (kb_save per article would update
 * the vocabulary word by word and take hours at 100,000 articles). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "kb.h"
#include "text.h"

#define GEN_MAX 1000000        /* most articles one run may add */
#define GEN_BATCH 500          /* articles per transaction */
#define GEN_TERMS_BATCH 2000   /* vocabulary rows per statement */
#define GEN_RARE 100000        /* synthetic rare words (names, codes, compounds) */
#define GEN_RARE_RATE 0.04     /* chance of a rare word after each word */
#define GEN_ON_TOPIC 0.95      /* chance the next word follows the topic article */
#define GEN_MIN_WORDS 150      /* body length range, words */
#define GEN_MAX_WORDS 600
#define GEN_END UINT32_MAX     /* successor that ends a sentence */

static const char usage_text[] =
    "usage: ventanilla kb generate N [SEED]\n"
    "\n"
    "Adds N synthetic published articles (1..1000000) for benchmarks: mixed\n"
    "Spanish and English, built from the words of the published articles already\n"
    "in the database (load them first with `ventanilla demo`), recombined, with\n"
    "rare names, codes and compounds so the vocabulary grows like a real one.\n"
    "Bodies have 150 to 600 words; categories, types, tags, keywords, views,\n"
    "helpfulness and dates vary; about a quarter are translations. Slugs are\n"
    "gen-<n>-<title>. Articles are indexed exactly as saving them would, the\n"
    "vocabulary (kb_terms) is updated once at the end. SEED (default 1) makes\n"
    "the corpus reproducible. Refuses to run when gen- articles exist already.\n";

/* ------------------------------------------------------------ random numbers */

/* splitmix64: small, fast, good enough for test data. */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rnd_unit(uint64_t *s)
{
	return (double)(rnd(s) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static size_t
rnd_below(uint64_t *s, size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd(s) % n);
}

/* ------------------------------------------------------------ string map */

/* One entry: key, value, and the last article that counted it. */
struct ment {
	char *key;       /* owned copy, NULL = empty slot */
	uint32_t val;    /* word index or document frequency */
	uint32_t mark;   /* article number + 1 that last touched it */
};

/* Open-addressing hash map from strings to counters. */
struct strmap {
	struct ment *e;  /* cap slots */
	size_t cap;      /* power of two (0 before first use) */
	size_t n;        /* used slots */
};

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The entry of k; added (val 0, mark 0) when missing and add is set, else NULL. */
static struct ment *
strmap_get(struct strmap *m, const char *k, int add)
{
	size_t i;

	if (m->cap == 0 || (add && 2 * (m->n + 1) > m->cap)) {
		struct strmap g = { xcalloc(m->cap ? 2 * m->cap : 1024, sizeof(struct ment)),
			m->cap ? 2 * m->cap : 1024, m->n };

		for (i = 0; i < m->cap; i++) {
			size_t j;

			if (m->e[i].key == NULL)
				continue;
			for (j = hash_str(m->e[i].key) & (g.cap - 1); g.e[j].key != NULL;
			    j = (j + 1) & (g.cap - 1))
				;
			g.e[j] = m->e[i];
		}
		free(m->e);
		*m = g;
	}
	for (i = hash_str(k) & (m->cap - 1); m->e[i].key != NULL; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->e[i].key, k) == 0)
			return &m->e[i];
	if (!add)
		return NULL;
	m->e[i].key = xstrdup(k);
	m->n++;
	return &m->e[i];
}

static void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ word model */

/* "word a is followed by word b" (b = GEN_END: a ends a line or sentence). */
struct pair {
	uint32_t a, b;
};

/* A published article we learn from: a topic for generated ones. */
struct topic {
	long long id, family;     /* its id; COALESCE(translation_of, id) */
	long long category_id;    /* 0 = none */
	int lang;                 /* 0 en, 1 es */
	long other;               /* index of the same family in the other language, -1 */
	const char *title, *type;
	const char **tags, **kws; /* comma lists split */
	size_t ntags, nkws;
	struct pair *pairs;       /* sorted by a */
	size_t npairs;
	uint32_t *starts;         /* words that start its lines */
	size_t nstarts;
};

/* Everything learned about one language. */
struct langm {
	struct strmap map;        /* surface word -> index */
	const char **word;        /* index -> word (in the keep arena) */
	size_t nword, capword;
	struct pair *pairs;       /* all topics' pairs, sorted by a */
	size_t npairs;
	uint32_t *starts;
	size_t nstarts;
	size_t *topics;           /* indexes into gen.topics */
	size_t ntopics;
};

/* The generator's state. */
struct gen {
	uint64_t seed;
	struct topic *topics;
	size_t ntopics;
	struct langm lm[2];       /* en, es */
	long long *cats;          /* category ids */
	size_t ncats;
	char **rare;              /* the synthetic rare words */
	double *rare_cdf;         /* Zipf cumulative distribution over rare */
	struct strmap df;         /* folded word -> articles containing it */
};

static const char *const langs[2] = { "en", "es" };

static int
cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Index of word w in m (added when new). */
static uint32_t
word_id(struct langm *m, const char *w)
{
	struct ment *e = strmap_get(&m->map, w, 1);

	if (e->mark == 0) {
		if (m->nword == m->capword) {
			m->capword = m->capword ? 2 * m->capword : 1024;
			m->word = xrealloc(m->word, m->capword * sizeof(char *));
		}
		e->mark = 1;
		e->val = (uint32_t)m->nword;
		m->word[m->nword++] = e->key;
	}
	return e->val;
}

/* Split a comma list (modified in place) into trimmed, non-empty items. */
static const char **
split_list(struct arena *a, char *s, size_t *n)
{
	const char **out = arena_alloc(a, sizeof(char *) * (strlen(s) / 2 + 2));
	char *p = s, *item;

	*n = 0;
	while ((item = strsep(&p, ",")) != NULL) {
		size_t len;

		while (*item == ' ')
			item++;
		len = strlen(item);
		while (len > 0 && item[len - 1] == ' ')
			item[--len] = '\0';
		if (len > 0)
			out[(*n)++] = item;
	}
	return out;
}

/* Learn topic t's word pairs from its plain text (modified in place). */
static void
learn(struct gen *g, struct topic *t, char *text)
{
	struct langm *m = &g->lm[t->lang];
	size_t cap = 256, scap = 32;
	char *line, *p = text;

	t->pairs = xmalloc(cap * sizeof(struct pair));
	t->starts = xmalloc(scap * sizeof(uint32_t));
	while ((line = strsep(&p, "\n")) != NULL) {
		char *w, *q = line;
		uint32_t prev = GEN_END;

		while ((w = strsep(&q, " \t")) != NULL) {
			uint32_t id;

			if (*w == '\0')
				continue;
			id = word_id(m, w);
			if (prev == GEN_END) {
				if (t->nstarts == scap)
					t->starts = xrealloc(t->starts, (scap *= 2) * sizeof(uint32_t));
				t->starts[t->nstarts++] = id;
			} else {
				if (t->npairs == cap)
					t->pairs = xrealloc(t->pairs, (cap *= 2) * sizeof(struct pair));
				t->pairs[t->npairs].a = prev;
				t->pairs[t->npairs++].b = id;
			}
			prev = id;
		}
		if (prev != GEN_END) {
			if (t->npairs == cap)
				t->pairs = xrealloc(t->pairs, (cap *= 2) * sizeof(struct pair));
			t->pairs[t->npairs].a = prev;
			t->pairs[t->npairs++].b = GEN_END;
		}
	}
	qsort(t->pairs, t->npairs, sizeof(struct pair), cmp_pair);
}

/* Merge every topic's pairs and starts into its language's model. */
static void
merge_models(struct gen *g)
{
	size_t i, l;

	for (l = 0; l < 2; l++) {
		struct langm *m = &g->lm[l];
		size_t np = 0, ns = 0;

		for (i = 0; i < g->ntopics; i++)
			if (g->topics[i].lang == (int)l) {
				np += g->topics[i].npairs;
				ns += g->topics[i].nstarts;
				m->ntopics++;
			}
		m->pairs = xmalloc((np + 1) * sizeof(struct pair));
		m->starts = xmalloc((ns + 1) * sizeof(uint32_t));
		m->topics = xmalloc((m->ntopics + 1) * sizeof(size_t));
		m->ntopics = 0;
		for (i = 0; i < g->ntopics; i++) {
			struct topic *t = &g->topics[i];

			if (t->lang != (int)l)
				continue;
			memcpy(m->pairs + m->npairs, t->pairs, t->npairs * sizeof(struct pair));
			m->npairs += t->npairs;
			memcpy(m->starts + m->nstarts, t->starts, t->nstarts * sizeof(uint32_t));
			m->nstarts += t->nstarts;
			m->topics[m->ntopics++] = i;
		}
		qsort(m->pairs, m->npairs, sizeof(struct pair), cmp_pair);
	}
}

/* Successors of word a in pairs: [*lo, *hi). */
static void
successors(const struct pair *pairs, size_t n, uint32_t a, size_t *lo, size_t *hi)
{
	size_t l = 0, h = n;

	while (l < h) {
		size_t mid = (l + h) / 2;

		if (pairs[mid].a < a)
			l = mid + 1;
		else
			h = mid;
	}
	*lo = l;
	while (l < n && pairs[l].a == a)
		l++;
	*hi = l;
}

/* ------------------------------------------------------------ rare words */

/* A pronounceable made-up word of 2 to 4 syllables into out. */
static void
pseudo_word(uint64_t *s, char *out, size_t size)
{
	static const char *const on[] = { "b", "c", "d", "f", "g", "l", "m", "n", "p", "r",
		"s", "t", "v", "z", "br", "tr", "pl", "ch", "gr", "cl", "fr", "st", "k", "j" };
	static const char *const vo[] = { "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ue",
		"io", "ea" };
	static const char *const co[] = { "", "", "", "n", "r", "s", "l", "x", "nt" };
	size_t k, n = 2 + rnd_below(s, 3);

	out[0] = '\0';
	for (k = 0; k < n; k++) {
		strncat(out, on[rnd_below(s, sizeof(on) / sizeof(on[0]))], size - strlen(out) - 1);
		strncat(out, vo[rnd_below(s, sizeof(vo) / sizeof(vo[0]))], size - strlen(out) - 1);
		if (k + 1 == n || rnd_unit(s) < 0.2)
			strncat(out, co[rnd_below(s, sizeof(co) / sizeof(co[0]))],
			    size - strlen(out) - 1);
	}
}

/* A random word of the demo text reduced to its letters, or "". */
static void
letters_of(struct gen *g, struct arena *a, char *out, size_t size)
{
	struct langm *m = &g->lm[rnd_below(&g->seed, 2)];
	const char *tok[4];
	size_t n;

	out[0] = '\0';
	if (m->nword == 0)
		return;
	n = text_tokens(a, text_fold(a, m->word[rnd_below(&g->seed, m->nword)]), tok, 4);
	if (n > 0 && strlen(tok[0]) >= 3 && (unsigned char)tok[0][0] < 0x80)
		snprintf(out, size, "%s", tok[0]);
}

/* Make the rare words (product and place names, error codes, host names,
 * compounds) and their Zipf distribution (a few common, most very rare). */
static void
make_rare(struct gen *g, struct arena *a)
{
	size_t i;
	double sum = 0;

	g->rare = xcalloc(GEN_RARE, sizeof(char *));
	g->rare_cdf = xcalloc(GEN_RARE, sizeof(double));
	for (i = 0; i < GEN_RARE; i++) {
		char w[64], x[32], y[32];
		double r = rnd_unit(&g->seed);

		if (r < 0.55) {
			pseudo_word(&g->seed, w, sizeof(w));
			if (rnd_unit(&g->seed) < 0.3)
				w[0] = (char)(w[0] - 32); /* a name: capitalised */
		} else if (r < 0.75) {
			letters_of(g, a, x, sizeof(x));
			letters_of(g, a, y, sizeof(y));
			if (*x == '\0' || *y == '\0')
				pseudo_word(&g->seed, w, sizeof(w));
			else
				snprintf(w, sizeof(w), "%s%s", x, y);
		} else {
			unsigned v = (unsigned)rnd(&g->seed);
			size_t k;

			pseudo_word(&g->seed, x, sizeof(x));
			x[3] = '\0';
			for (k = 0; x[k] != '\0'; k++)
				x[k] = (char)(x[k] - 32);
			switch (rnd_below(&g->seed, 6)) {
			case 0:
				snprintf(w, sizeof(w), "ERR-%04u", v % 10000);
				break;
			case 1:
				snprintf(w, sizeof(w), "0x%08X", v);
				break;
			case 2:
				snprintf(w, sizeof(w), "%s-%03u", x, v % 1000);
				break;
			case 3:
				snprintf(w, sizeof(w), "KB%06u", v % 1000000);
				break;
			case 4:
				pseudo_word(&g->seed, y, sizeof(y));
				snprintf(w, sizeof(w), "%s%u", y, v % 2000);
				break;
			default:
				snprintf(w, sizeof(w), "%s%u%c", x, v % 100,
				    "abcdefghijklmnopqrstuvwxyz"[v % 26]);
				break;
			}
		}
		g->rare[i] = xstrdup(w);
		sum += 1.0 / ((double)i + 20.0);
		g->rare_cdf[i] = sum;
	}
	for (i = 0; i < GEN_RARE; i++)
		g->rare_cdf[i] /= sum;
}

/* A rare word drawn by its Zipf weight. */
static const char *
rare_word(struct gen *g)
{
	double u = rnd_unit(&g->seed);
	size_t lo = 0, hi = GEN_RARE - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (g->rare_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return g->rare[lo];
}

/* ------------------------------------------------------------ text */

/* Words of topic t's language that follow cur: on topic mostly, sometimes
 * from any article of the language (new combinations). GEN_END when none. */
static uint32_t
next_word(struct gen *g, const struct topic *t, uint32_t cur)
{
	const struct langm *m = &g->lm[t->lang];
	size_t lo, hi;

	if (rnd_unit(&g->seed) < GEN_ON_TOPIC) {
		successors(t->pairs, t->npairs, cur, &lo, &hi);
		if (hi > lo)
			return t->pairs[lo + rnd_below(&g->seed, hi - lo)].b;
	}
	successors(m->pairs, m->npairs, cur, &lo, &hi);
	if (hi > lo)
		return m->pairs[lo + rnd_below(&g->seed, hi - lo)].b;
	return GEN_END;
}

/* A first word for a sentence. */
static uint32_t
first_word(struct gen *g, const struct topic *t)
{
	const struct langm *m = &g->lm[t->lang];

	if (t->nstarts > 0 && rnd_unit(&g->seed) < GEN_ON_TOPIC)
		return t->starts[rnd_below(&g->seed, t->nstarts)];
	return m->nstarts > 0 ? m->starts[rnd_below(&g->seed, m->nstarts)] : GEN_END;
}

/* Append a sentence of at most maxw words (rare words sprinkled in) to b,
 * ending with punctuation unless bare (for headings and titles). Returns the
 * words written. */
static size_t
sentence(struct gen *g, const struct topic *t, struct buf *b, size_t maxw, int bare)
{
	const struct langm *m = &g->lm[t->lang];
	uint32_t w = first_word(g, t);
	size_t n = 0, start = b->len;

	while (w != GEN_END && n < maxw) {
		if (n > 0)
			buf_puts(b, " ");
		buf_puts(b, m->word[w]);
		n++;
		if (n < maxw && rnd_unit(&g->seed) < GEN_RARE_RATE) {
			buf_puts(b, " ");
			buf_puts(b, rare_word(g));
			n++;
		}
		w = next_word(g, t, w);
	}
	/* Headings and titles end without punctuation; sentences with it. */
	while (b->len > start && strchr(".,;:!?", b->p[b->len - 1]) != NULL && bare)
		b->p[--b->len] = '\0';
	if (!bare && b->len > start && strchr(".!?:", b->p[b->len - 1]) == NULL)
		buf_puts(b, ".");
	return n;
}

/* The Markdown body of an article on topic t: an introduction, then sections
 * with paragraphs, numbered steps or bulleted notes; about want words. */
static void
make_body(struct gen *g, const struct topic *t, size_t want, struct buf *md)
{
	size_t words = 0, k;

	while (words < want / 4 + 1) {
		words += sentence(g, t, md, 30, 0);
		buf_puts(md, " ");
	}
	buf_puts(md, "\n\n");
	while (words < want) {
		double r = rnd_unit(&g->seed);

		buf_puts(md, "## ");
		words += sentence(g, t, md, 2 + rnd_below(&g->seed, 5), 1);
		buf_puts(md, "\n\n");
		if (r < 0.5) {
			for (k = 1 + rnd_below(&g->seed, 4); k > 0 && words < want; k--) {
				words += sentence(g, t, md, 30, 0);
				buf_puts(md, " ");
			}
		} else if (r < 0.85) {
			for (k = 1; k <= 2 + rnd_below(&g->seed, 5) && words < want; k++) {
				buf_printf(md, "%zu. ", k);
				words += sentence(g, t, md, 25, 0);
				buf_puts(md, "\n");
			}
		} else {
			for (k = 2 + rnd_below(&g->seed, 3); k > 0 && words < want; k--) {
				buf_puts(md, "- **");
				words += sentence(g, t, md, 1 + rnd_below(&g->seed, 3), 1);
				buf_puts(md, ":** ");
				words += sentence(g, t, md, 25, 0);
				buf_puts(md, "\n");
			}
		}
		buf_puts(md, "\n\n");
	}
}

/* Cut s (UTF-8) to at most max bytes at a space. */
static void
cut_words(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max;
	while (n > 0 && s[n] != ' ')
		n--;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	s[n] = '\0';
}

/* ------------------------------------------------------------ articles */

/* One generated article, ready to insert. Strings in the batch arena. */
struct gart {
	const char *slug, *title, *type, *tags, *keywords, *visibility;
	const char *md, *html, *plain, *summary, *title_ix, *kw_ix, *all_ix;
	int lang;
	long long category_id;
	long tr_of;                /* index in the batch of the source article, -1 */
	long long views, yes, no;
	long long updated_age, created_age; /* seconds before now */
};

/* Summary and index strings exactly as kb_save makes them (kb_index). */
static void
index_like_kb_save(struct arena *a, struct gart *x)
{
	struct kb_index ix;

	kb_index(a, langs[x->lang], x->title, x->tags, x->keywords, x->plain, &ix);
	x->summary = ix.summary;
	x->title_ix = ix.title_ix;
	x->kw_ix = ix.kw_ix;
	x->all_ix = ix.all_ix;
}

/* Count the article's distinct vocabulary words (the rule of kb.c's
 * vocab_add: folded, 2..64 bytes, ASCII only) into g->df. */
static void
count_terms(struct gen *g, struct arena *a, const struct gart *x, uint32_t docno)
{
	const char *tok[4096];
	size_t n = text_tokens(a, text_fold(a, arena_printf(a, "%s %s %s %s", x->title, x->tags,
	    x->keywords, x->plain)), tok, 4096), i;

	for (i = 0; i < n; i++) {
		const unsigned char *c;
		size_t len = strlen(tok[i]);
		int ascii = 1;
		struct ment *e;

		for (c = (const unsigned char *)tok[i]; *c != '\0'; c++)
			ascii &= *c < 0x80;
		if (len < 2 || len > 64 || !ascii)
			continue;
		e = strmap_get(&g->df, tok[i], 1);
		if (e->mark != docno + 1) {
			e->mark = docno + 1;
			e->val++;
		}
	}
}

/* Comma list of up to k distinct items drawn from list (plus extra, if any). */
static const char *
pick_list(struct gen *g, struct arena *a, const char **list, size_t n, size_t k,
    const char *extra, size_t max)
{
	struct buf b = { 0 };
	const char *chosen[16];
	size_t m = 0, tries, i;
	char *out;

	for (tries = 0; tries < 4 * k && m < k && m < 16 && n > 0; tries++) {
		const char *s = list[rnd_below(&g->seed, n)];
		int dup = 0;

		for (i = 0; i < m; i++)
			dup |= strcmp(chosen[i], s) == 0;
		if (!dup)
			chosen[m++] = s;
	}
	for (i = 0; i < m; i++)
		if (b.len + strlen(chosen[i]) + 2 < max)
			buf_printf(&b, "%s%s", b.len ? ", " : "", chosen[i]);
	if (extra != NULL && b.len + strlen(extra) + 2 < max)
		buf_printf(&b, "%s%s", b.len ? ", " : "", extra);
	out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Generate article number no (0-based) into x. prev is the article made just
 * before in this batch (or NULL): a quarter of the originals get a
 * translation right after them. */
static void
make_article(struct gen *g, struct arena *a, size_t no, long previdx,
    const struct gart *prev, long prevtopic, struct gart *x, long *topic_out)
{
	static const char *const types[] = { "howto", "troubleshooting", "faq", "reference" };
	struct buf md = { 0 }, title = { 0 };
	const struct topic *t;
	long ti = -1;
	char *html, *plain, *slug, *tt;
	double r;

	memset(x, 0, sizeof(*x));
	x->tr_of = -1;
	if (prev != NULL && prev->tr_of < 0 && prevtopic >= 0 &&
	    g->topics[prevtopic].other >= 0 && rnd_unit(&g->seed) < 0.33) {
		/* A translation of the previous article: the same topic's other language. */
		ti = g->topics[prevtopic].other;
		x->tr_of = previdx;
	}
	if (ti < 0) {
		const struct langm *m = &g->lm[rnd_below(&g->seed, 2)];

		if (m->ntopics == 0)
			m = &g->lm[m == &g->lm[0] ? 1 : 0];
		ti = (long)m->topics[rnd_below(&g->seed, m->ntopics)];
	}
	t = &g->topics[ti];
	*topic_out = ti;
	x->lang = t->lang;
	/* Title: the topic's title varied, or a phrase of its text. */
	r = rnd_unit(&g->seed);
	if (r < 0.3) {
		const char *w = rare_word(g);

		buf_printf(&title, "%s %s %c%s", t->title, t->lang ? "en" : "on",
		    w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0], w + 1);
	} else if (r < 0.55) {
		buf_printf(&title, "%s: ", t->title);
		sentence(g, t, &title, 3 + rnd_below(&g->seed, 4), 1);
	} else if (r < 0.75) {
		sentence(g, t, &title, 4 + rnd_below(&g->seed, 6), 1);
	} else {
		buf_printf(&title, "%s (%s)", t->title, rare_word(g));
	}
	tt = arena_strdup(a, title.len ? buf_str(&title) : t->title);
	cut_words(tt, 190);
	x->title = *tt != '\0' ? tt : t->title;
	buf_free(&title);
	slug = arena_printf(a, "gen-%zu-%s", no + 1, kb_slugify(a, x->title));
	if (strlen(slug) > 110)
		slug[110] = '\0';
	while (strlen(slug) > 0 && slug[strlen(slug) - 1] == '-')
		slug[strlen(slug) - 1] = '\0';
	x->slug = slug;
	x->type = rnd_unit(&g->seed) < 0.7 ? t->type : types[rnd_below(&g->seed, 4)];
	x->category_id = t->category_id;
	if ((x->category_id == 0 || rnd_unit(&g->seed) < 0.1) && g->ncats > 0)
		x->category_id = g->cats[rnd_below(&g->seed, g->ncats)];
	r = rnd_unit(&g->seed);
	x->visibility = r < 0.85 ? "public" : r < 0.95 ? "users" : "internal";
	if (x->tr_of >= 0) {
		/* A translation sits where its source does. */
		x->visibility = prev->visibility;
		x->category_id = prev->category_id;
	}
	x->tags = pick_list(g, a, t->tags, t->ntags, 1 + rnd_below(&g->seed, 4), NULL, 480);
	x->keywords = pick_list(g, a, t->kws, t->nkws, 2 + rnd_below(&g->seed, 7),
	    rnd_unit(&g->seed) < 0.3 ? rare_word(g) : NULL, 980);
	make_body(g, t, GEN_MIN_WORDS + rnd_below(&g->seed, GEN_MAX_WORDS - GEN_MIN_WORDS + 1),
	    &md);
	x->md = arena_strdup(a, buf_str(&md));
	buf_free(&md);
	kb_render(a, x->md, &html, &plain);
	x->html = html;
	x->plain = plain;
	index_like_kb_save(a, x);
	count_terms(g, a, x, (uint32_t)no);
	/* Popularity: a few articles are read a lot, most rarely. */
	x->views = (long long)(rnd_unit(&g->seed) * rnd_unit(&g->seed) * rnd_unit(&g->seed) * 20000);
	x->yes = (long long)rnd_below(&g->seed, 1 + (size_t)x->views / 50);
	x->no = (long long)rnd_below(&g->seed, 1 + (size_t)x->views / 200);
	x->updated_age = (long long)rnd_below(&g->seed, 3 * 365 * 86400);
	x->created_age = x->updated_age + (long long)rnd_below(&g->seed, 365 * 86400);
}

/* A batch of articles for one transaction. */
struct batch {
	struct gart *arts;
	size_t n;
	long long *ids;   /* out: their ids */
	struct arena *a;  /* for the search index rows */
};

/* Transaction: insert the batch (articles, their first version and their
 * search index rows). */
static int
insert_batch(struct db *db, void *ctx)
{
	struct batch *b = ctx;
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct gart *x = &b->arts[i];
		long long tr = x->tr_of >= 0 ? b->ids[x->tr_of] : 0;

		if (db_exec(db, "INSERT INTO kb_articles (slug, category_id, type, language,"
		    " translation_of, source_version, title, body_md, body_html, body_text, summary,"
		    " tags, keywords, visibility, status, version, views, helpful_yes, helpful_no,"
		    " created_at, updated_at, published_at, title_index, keywords_index, search_text)"
		    " VALUES (?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		    " 'published', 1, ?, ?, ?, UTC_TIMESTAMP() - INTERVAL ? SECOND,"
		    " UTC_TIMESTAMP() - INTERVAL ? SECOND, UTC_TIMESTAMP() - INTERVAL ? SECOND,"
		    " ?, ?, ?)",
		    "sissiissssssssiiiiiisss", x->slug, x->category_id, x->type, langs[x->lang], tr,
		    (long long)(tr != 0), x->title, x->md, x->html, x->plain, x->summary, x->tags,
		    x->keywords, x->visibility, x->views, x->yes, x->no, x->created_age,
		    x->updated_age, x->created_age, x->title_ix, x->kw_ix, x->all_ix) < 0)
			return -1;
		b->ids[i] = (long long)db_insert_id(db);
		if (db_exec(db, "INSERT INTO kb_versions (article_id, version, title, body_md, tags,"
		    " keywords, status, note, created_at) VALUES (?, 1, ?, ?, ?, ?, 'published',"
		    " 'generated', UTC_TIMESTAMP() - INTERVAL ? SECOND)", "issssi", b->ids[i],
		    x->title, x->md, x->tags, x->keywords, x->created_age) < 0)
			return -1;
		if (kb_postings(db, b->a, b->ids[i], x->all_ix) < 0)
			return -1;
	}
	return 0;
}

/* Transaction: add the counted document frequencies to kb_terms (a JSON
 * array of [term, df] pairs per statement) and bump the vocabulary version
 * so every search cache reloads. */
static int
upsert_terms(struct db *db, void *ctx)
{
	struct gen *g = ctx;
	size_t i = 0;

	while (i < g->df.cap) {
		json_t *arr = json_array();
		size_t n = 0;
		char *s;
		long long rc;

		for (; i < g->df.cap && n < GEN_TERMS_BATCH; i++) {
			if (g->df.e[i].key == NULL)
				continue;
			json_array_append_new(arr, json_pack("[s,I]", g->df.e[i].key,
			    (json_int_t)g->df.e[i].val));
			n++;
		}
		s = json_dumps(arr, JSON_COMPACT);
		json_decref(arr);
		if (s == NULL)
			return -1;
		rc = n == 0 ? 0 : db_exec(db, "INSERT INTO kb_terms (term, df)"
		    " SELECT j.term, j.df FROM JSON_TABLE(?, '$[*]' COLUMNS ("
		    "  term VARCHAR(64) CHARACTER SET ascii PATH '$[0]', df INT PATH '$[1]')) AS j"
		    " ON DUPLICATE KEY UPDATE df = kb_terms.df + j.df", "s", s);
		free(s);
		if (rc < 0)
			return -1;
	}
	if (db_exec(db, "UPDATE settings SET value = value + 1 WHERE name = 'kb_vocab_version'",
	    "") < 0)
		return -1;
	return 0;
}

/* Load the published articles to learn from, and the categories. */
static int
load_topics(struct cli *c, struct gen *g, struct arena *keep)
{
	struct db_res *res;
	size_t i, j;

	res = db_query(&c->db, keep, "SELECT a.id, COALESCE(a.translation_of, a.id),"
	    " COALESCE(a.category_id, 0), a.language, a.title, a.type, a.tags, a.keywords,"
	    " a.body_text FROM kb_articles a WHERE a.status = 'published'"
	    " AND a.language IN ('en', 'es') ORDER BY a.id", "");
	if (res == NULL)
		return -1;
	g->topics = xcalloc(res->nrows + 1, sizeof(struct topic));
	for (i = 0; i < res->nrows; i++) {
		struct topic *t = &g->topics[g->ntopics++];

		t->id = strtoll(db_cell(res, i, 0), NULL, 10);
		t->family = strtoll(db_cell(res, i, 1), NULL, 10);
		t->category_id = strtoll(db_cell(res, i, 2), NULL, 10);
		t->lang = strcmp(db_cell(res, i, 3), "es") == 0;
		t->title = db_cell(res, i, 4);
		t->type = db_cell(res, i, 5);
		t->tags = split_list(keep, res->cells[i * res->ncols + 6], &t->ntags);
		t->kws = split_list(keep, res->cells[i * res->ncols + 7], &t->nkws);
		t->other = -1;
		learn(g, t, res->cells[i * res->ncols + 8]);
	}
	for (i = 0; i < g->ntopics; i++)
		for (j = 0; j < g->ntopics && g->topics[i].other < 0; j++)
			if (i != j && g->topics[i].family == g->topics[j].family &&
			    g->topics[i].lang != g->topics[j].lang)
				g->topics[i].other = (long)j;
	merge_models(g);
	res = db_query(&c->db, keep, "SELECT id FROM kb_categories ORDER BY id", "");
	if (res == NULL)
		return -1;
	g->cats = xcalloc(res->nrows + 1, sizeof(long long));
	for (i = 0; i < res->nrows; i++)
		g->cats[g->ncats++] = strtoll(db_cell(res, i, 0), NULL, 10);
	return 0;
}

static void
gen_free(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->ntopics; i++) {
		free(g->topics[i].pairs);
		free(g->topics[i].starts);
	}
	free(g->topics);
	for (i = 0; i < 2; i++) {
		strmap_free(&g->lm[i].map);
		free(g->lm[i].word);
		free(g->lm[i].pairs);
		free(g->lm[i].starts);
		free(g->lm[i].topics);
	}
	free(g->cats);
	for (i = 0; g->rare != NULL && i < GEN_RARE; i++)
		free(g->rare[i]);
	free(g->rare);
	free(g->rare_cdf);
	strmap_free(&g->df);
}

/* Seconds since t0. */
static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Generate and insert n articles. */
static int
generate(struct cli *c, size_t n, uint64_t seed)
{
	struct gen g;
	struct arena keep;
	struct batch b;
	struct timespec t0;
	double t_gen = 0, t_db = 0, t_terms;
	size_t done = 0, next_report = 10000;
	long long existing;
	int rc = 1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	existing = db_scalar(db_query(&c->db, &c->arena, "SELECT COUNT(*) FROM kb_articles"
	    " WHERE slug LIKE 'gen-%'", ""), -1);
	if (existing < 0)
		return cli_fail("database error: %s", c->db.errmsg);
	if (existing > 0)
		return cli_fail("%lld generated articles (slugs gen-...) exist already: generate"
		    " into a fresh database", existing);
	memset(&g, 0, sizeof(g));
	arena_init(&keep, 1 << 20);
	g.seed = seed;
	if (load_topics(c, &g, &keep) < 0) {
		cli_fail("database error: %s", c->db.errmsg);
		goto out;
	}
	if (g.lm[0].ntopics + g.lm[1].ntopics == 0) {
		cli_fail("no published articles to learn words from: run `ventanilla demo` first");
		goto out;
	}
	make_rare(&g, &c->arena);
	arena_reset(&c->arena);
	b.arts = xcalloc(GEN_BATCH, sizeof(struct gart));
	b.ids = xcalloc(GEN_BATCH, sizeof(long long));
	b.a = &c->arena;
	printf("kb generate: %zu articles from %zu published ones (%zu en, %zu es words)\n", n,
	    g.ntopics, g.lm[0].nword, g.lm[1].nword);
	fflush(stdout);
	while (done < n) {
		struct timespec t1;
		long prevtopic = -1;
		int txrc;

		clock_gettime(CLOCK_MONOTONIC, &t1);
		for (b.n = 0; b.n < GEN_BATCH && done + b.n < n; b.n++) {
			long topic;

			make_article(&g, &c->arena, done + b.n, (long)b.n - 1,
			    b.n > 0 ? &b.arts[b.n - 1] : NULL, prevtopic, &b.arts[b.n], &topic);
			prevtopic = topic;
		}
		t_gen += since(&t1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		txrc = db_tx(&c->db, insert_batch, &b);
		t_db += since(&t1);
		if (txrc != 0) {
			cli_fail("database error after %zu articles: %s", done, c->db.errmsg);
			free(b.arts);
			free(b.ids);
			goto out;
		}
		done += b.n;
		arena_reset(&c->arena);
		if (done >= next_report || done == n) {
			printf("kb generate: %zu/%zu articles, %.1f s\n", done, n, since(&t0));
			fflush(stdout);
			while (next_report <= done)
				next_report += 10000;
		}
	}
	free(b.arts);
	free(b.ids);
	{
		struct timespec t1;

		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (db_tx(&c->db, upsert_terms, &g) != 0) {
			cli_fail("database error while writing the vocabulary: %s", c->db.errmsg);
			goto out;
		}
		t_terms = since(&t1);
	}
	if (kb_topic_recount_all(&c->db, &c->arena) < 0) {
		cli_fail("database error while counting the topics' articles: %s", c->db.errmsg);
		goto out;
	}
	/* Fresh statistics so the optimizer plans for the new size. */
	if (db_query(&c->db, &c->arena, "ANALYZE TABLE kb_articles, kb_terms, kb_postings", "") ==
	    NULL)
		fprintf(stderr, "ventanilla: warning: ANALYZE TABLE failed: %s\n", c->db.errmsg);
	printf("kb generate: done: %zu articles, %zu distinct words counted, %.1f s"
	    " (text %.1f s, articles %.1f s, vocabulary %.1f s)\n", n, g.df.n, since(&t0), t_gen,
	    t_db, t_terms);
	rc = 0;
out:
	gen_free(&g);
	arena_free(&keep);
	arena_reset(&c->arena);
	return rc;
}

int
cmd_kb_generate(struct cli *c, int argc, char **argv)
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
	if (*argv[1] == '\0' || *end != '\0' || n < 1 || n > GEN_MAX)
		return cli_fail("kb generate: N must be a number from 1 to %d", GEN_MAX);
	if (argc == 3) {
		seed = strtoull(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0')
			return cli_fail("kb generate: SEED must be a number");
	}
	if (db_connect(&c->db) < 0)
		return cli_fail("cannot connect to the database: %s", c->db.errmsg);
	return generate(c, (size_t)n, (uint64_t)seed);
}
