/* search.h - knowledge search: typo correction against the articles' own
 * vocabulary, editor synonyms, Spanish and English stems, our own weighted
 * posting lists (kb_postings) for recall and a field-weighted ranking. */
#ifndef VT_SEARCH_H
#define VT_SEARCH_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "kb.h"

#define SEARCH_MAX_TERMS 10    /* query words used */
#define SEARCH_LIST_PRIMARY 200 /* best postings read per stem of a query word */
#define SEARCH_LIST_SYNONYM 50  /* ... per stem of a synonym or completion */
#define SEARCH_CANDIDATES 120   /* best articles from the postings, then ranked */

struct search_cache;

/* A search as the reader asked it. */
struct search_req {
	const char *q;                  /* the raw query (valid UTF-8, <= 200 chars) */
	const char *lang;               /* reader's language: preferred, never a filter */
	const struct kb_viewer *viewer; /* who reads */
	long long category_id;          /* filter: category or its children, 0 = any */
	const char *type;               /* filter: article type, "" = any */
	const char *language;           /* filter: article language, "" = any */
	size_t limit;                   /* hits wanted (1..50) */
	size_t offset;                  /* for pagination */
	int exact;                      /* 1 = do not correct spelling */
	int snippets;                   /* 1 = make highlighted snippets */
	int prefix;                     /* 1 = the last word is still being typed */
};

/* One ranked article. Strings live in the arena. */
struct search_hit {
	long long id;
	const char *slug, *title, *language, *type, *summary, *updated;
	const char *category_slug, *category_name;
	const char *snippet;  /* HTML: escaped text with <mark> around matches */
	double score;
};

/* The answer. */
struct search_result {
	struct search_hit *hits;  /* ranked hits [offset, offset + limit) */
	size_t nhits;             /* entries in hits */
	size_t total;             /* all hits (one per article and its translations) */
	const char *corrected;    /* the corrected query when spelling was fixed, else NULL */
	const char *folded;       /* the folded query, for the search log */
	const char *stems[SEARCH_MAX_TERMS * 8]; /* index stems searched (for highlighting) */
	size_t nstems;
};

/* Run a search. *cache is created on first use (vocabulary, synonyms) and
 * refreshed when articles change; free it with search_cache_free. 0 or -1. */
int search_run(struct db *db, struct arena *a, struct search_cache **cache,
    const struct search_req *q, struct search_result *out);

/* The spelling correction of one folded word, or NULL when the word is known
 * or nothing is close. For tests and the suggestions. */
const char *search_correct(struct db *db, struct arena *a, struct search_cache **cache,
    const char *word);

/* Record a search in the log; returns its id (for click tracking) or 0. */
long long search_log(struct db *db, long long uid, const char *visitor, const char *q,
    const char *folded, const char *lang, size_t results);

/* Free the cache. */
void search_cache_free(struct search_cache *c);

/* Damerau-Levenshtein (optimal string alignment) distance of a and b, or
 * max + 1 when it is larger than max. */
int search_distance(const char *a, const char *b, int max);

#endif
