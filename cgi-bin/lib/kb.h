/* kb.h - knowledge base articles: saving (render, index, version, vocabulary)
 * and the one rule of who may read what. */
#ifndef VT_KB_H
#define VT_KB_H

#include "arena.h"
#include "db.h"

/* Who is reading: decides which articles exist for them. */
struct kb_viewer {
	long long uid;  /* user id, 0 = anonymous */
	int level;      /* 0 anonymous, 1 signed in, 2 staff (agent/editor/admin),
	                   3 editor or admin (also sees team-restricted articles) */
};

/* Fill v for a user id (0 = anonymous) with roles (enum role bits, app.h). */
void kb_viewer_set(struct kb_viewer *v, long long uid, unsigned roles);

/* SQL condition on an article "a" for a viewer: published, visible to the
 * viewer's level, allowed by team and department restrictions (with any, the
 * reader must be in one of the listed teams or departments), in a category
 * the viewer may see. Takes the parameters KB_VISIBLE_TYPES with KB_VISIBLE_ARGS(v). */
#define KB_VISIBLE_SQL \
	" a.status = 'published'" \
	" AND (a.visibility = 'public' OR (a.visibility = 'users' AND ? >= 1)" \
	"  OR (a.visibility = 'internal' AND ? >= 2))" \
	" AND (? >= 3 OR (NOT EXISTS (SELECT 1 FROM kb_article_groups ag WHERE ag.article_id = a.id)" \
	"   AND NOT EXISTS (SELECT 1 FROM kb_article_departments ad WHERE ad.article_id = a.id))" \
	"  OR EXISTS (SELECT 1 FROM kb_article_groups ag JOIN user_groups ug" \
	"   ON ug.group_id = ag.group_id WHERE ag.article_id = a.id AND ug.user_id = ?)" \
	"  OR EXISTS (SELECT 1 FROM kb_article_departments ad JOIN users du" \
	"   ON du.department_id = ad.department_id WHERE ad.article_id = a.id AND du.id = ?))" \
	" AND NOT EXISTS (SELECT 1 FROM kb_categories kc WHERE kc.id = a.category_id" \
	"  AND ((kc.visibility = 'users' AND ? < 1) OR (kc.visibility = 'internal' AND ? < 2)))"
#define KB_VISIBLE_TYPES "iiiiiii"
#define KB_VISIBLE_ARGS(v) (long long)(v)->level, (long long)(v)->level, \
	(long long)(v)->level, (v)->uid, (v)->uid, (long long)(v)->level, (long long)(v)->level

/* SQL condition keeping one language version per article family: the
 * reader's language when it exists, else the others. Three parameters, all
 * the reader's language ("sss"). The family is probed through the primary
 * key and the translation_of index, never a scan, so lists stay fast with
 * 100,000 articles. */
#define KB_ONE_PER_FAMILY_SQL \
	" AND (a.language = ? OR (NOT EXISTS (SELECT 1 FROM kb_articles t1" \
	"   WHERE t1.id = COALESCE(a.translation_of, a.id) AND t1.language = ?" \
	"   AND t1.status = 'published')" \
	"  AND NOT EXISTS (SELECT 1 FROM kb_articles t2" \
	"   WHERE t2.translation_of = COALESCE(a.translation_of, a.id) AND t2.language = ?" \
	"   AND t2.status = 'published')))"

/* SQL condition on a category "c" for a viewer; params KB_CAT_TYPES/ARGS. */
#define KB_CAT_VISIBLE_SQL \
	" (c.visibility = 'public' OR (c.visibility = 'users' AND ? >= 1)" \
	"  OR (c.visibility = 'internal' AND ? >= 2))"
#define KB_CAT_TYPES "ii"
#define KB_CAT_ARGS(v) (long long)(v)->level, (long long)(v)->level

/* An article as an editor or the importer hands it over. */
struct kb_article {
	long long id;              /* 0 = new */
	const char *slug;          /* unique, [a-z0-9-], 1..120 */
	long long category_id;     /* 0 = none */
	const char *type;          /* howto, troubleshooting, faq, reference */
	const char *language;      /* en, es */
	long long translation_of;  /* source article id, 0 = original */
	const char *title;         /* 1..200 characters */
	const char *body_md;       /* Markdown */
	const char *tags;          /* comma list */
	const char *keywords;      /* comma list */
	const char *visibility;    /* public, users, internal */
	const char *status;        /* draft, review, published, retired */
	long long owner_id;        /* 0 = none */
	const char *review_by;     /* YYYY-MM-DD or NULL */
	long long editor_id;       /* who saves this version (0 = the system) */
	const char *note;          /* version note, may be "" */
	int set_restrictions;      /* 1: the article is only for these teams and
	                              departments (none listed: for everyone);
	                              0: its restrictions stay as they are */
	const long long *groups;   /* team ids */
	size_t ngroups;
	const long long *departments; /* department ids */
	size_t ndepartments;
};

/* Render Markdown with cmark (safe mode: raw HTML dropped, unsafe links
 * emptied) into *html, and its plain text into *plain. Both in the arena. */
void kb_render(struct arena *a, const char *md, char **html, char **plain);

/* An article's summary and search index columns (all in the arena). */
struct kb_index {
	const char *summary;   /* first ~300 characters of the plain text, one line */
	const char *title_ix;  /* stems of the title (at most 1000 bytes) */
	const char *kw_ix;     /* stems of tags and keywords (at most 2000 bytes) */
	const char *all_ix;    /* title and keywords twice, then the body: search_text */
};

/* Compute the summary and index columns of an article in lang from its
 * title, tags, keywords and plain text. kb_save and the bench generator
 * both use it, so generated corpora index exactly like saved articles. */
void kb_index(struct arena *a, const char *lang, const char *title, const char *tags,
    const char *keywords, const char *plain, struct kb_index *out);

/* Replace article id's rows in the search index (kb_postings) with the
 * stems of its search_text index_text, weighted; NULL index_text only removes
 * them (the article is not published). Inside the caller's transaction.
 * 0 or -1. */
int kb_postings(struct db *db, struct arena *a, long long id, const char *index_text);

/* Say that articles or topics changed (pages kept by workers are dropped). */
int kb_changed(struct db *db);

/* Refresh the reader level of the index rows of a topic's articles (after
 * the topic's visibility changed; also calls kb_changed). 0 or -1. */
int kb_postings_levels(struct db *db, long long category_id);

/* Count a topic's articles again (kb_topic_counts), e.g. after an article
 * moved, changed visibility or teams. 0 or -1. */
int kb_topic_recount(struct db *db, long long category_id);
/* The same for every topic. 0 or -1. */
int kb_topic_recount_all(struct db *db, struct arena *a);

/* Fill kb_postings (and kb_topic_counts) for every published article when the table has not been
 * built yet (after the migration that created it); a no-op afterwards.
 * Returns the number of articles indexed, or -1. */
long kb_postings_build(struct db *db, struct arena *a);

/* Insert or update art (inside the caller's transaction): renders, indexes,
 * bumps the version, stores a version row, sets its team and department
 * restrictions, updates the vocabulary when the article is first published
 * for everyone to read. Sets art->id for new articles. 0, -1 (database), or
 * 1 when the slug is taken by another article. */
int kb_save(struct db *db, struct arena *a, struct kb_article *art);

/* 1 if s is a valid slug. */
int kb_slug_ok(const char *s);

/* Make a slug from a title (folded, hyphenated, at most 80 chars). */
char *kb_slugify(struct arena *a, const char *title);

#endif
