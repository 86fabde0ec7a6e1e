/* kb.c - saving articles: Markdown rendering, search index, versions, vocabulary. */
#include "kb.h"

#include <cmark.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "text.h"

void
kb_viewer_set(struct kb_viewer *v, long long uid, unsigned roles)
{
	v->uid = uid;
	v->level = uid == 0 ? 0 : 1;
	if (uid != 0 && (roles & (ROLE_AGENT | ROLE_EDITOR | ROLE_ADMIN)))
		v->level = 2;
	if (uid != 0 && (roles & (ROLE_EDITOR | ROLE_ADMIN)))
		v->level = 3;
}

/* Append the plain text of a cmark tree: text and code, with line breaks
 * after blocks. */
static void
plain_walk(cmark_node *root, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_ENTER) {
			const char *lit;

			switch (t) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
			case CMARK_NODE_CODE_BLOCK:
				lit = cmark_node_get_literal(n);
				if (lit != NULL)
					buf_puts(out, lit);
				break;
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				buf_puts(out, " ");
				break;
			default:
				break;
			}
		} else if (ev == CMARK_EVENT_EXIT) {
			if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
			    t == CMARK_NODE_ITEM)
				buf_puts(out, "\n");
		}
	}
	cmark_iter_free(it);
}

void
kb_render(struct arena *a, const char *md, char **html, char **plain)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	char *h = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
	struct buf p = { 0 };

	*html = arena_strdup(a, h != NULL ? h : "");
	free(h);
	plain_walk(doc, &p);
	*plain = arena_strdup(a, buf_str(&p));
	buf_free(&p);
	cmark_node_free(doc);
}

int
kb_slug_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 120 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n &&
	    s[0] != '-' && s[n - 1] != '-';
}

char *
kb_slugify(struct arena *a, const char *title)
{
	char *f = text_fold(a, title), *p;
	size_t n;

	for (p = f; *p != '\0'; p++)
		if (*p == ' ' || (unsigned char)*p >= 0x80)
			*p = '-';
	n = strlen(f);
	if (n > 80) {
		f[80] = '\0';
		n = 80;
	}
	while (n > 0 && f[n - 1] == '-')
		f[--n] = '\0';
	return *f != '\0' ? f : arena_strdup(a, "article");
}

/* Add the article's distinct folded words to the vocabulary (df + 1 each). */
static int
vocab_add(struct db *db, struct arena *a, const char *text)
{
	const char *tok[4096];
	size_t n = text_tokens(a, text_fold(a, text), tok, 4096), i, j;

	for (i = 0; i < n; i++) {
		int seen = 0;

		const unsigned char *c;
		int ascii = 1;

		for (c = (const unsigned char *)tok[i]; *c != '\0'; c++)
			ascii &= *c < 0x80;
		if (strlen(tok[i]) < 2 || strlen(tok[i]) > 64 || !ascii)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(tok[i], tok[j]) == 0;
		if (seen)
			continue;
		if (db_exec(db, "INSERT INTO kb_terms (term, df) VALUES (?, 1)"
		    " ON DUPLICATE KEY UPDATE df = df + 1", "s", tok[i]) < 0)
			return -1;
	}
	return 0;
}

void
kb_index(struct arena *a, const char *lang, const char *title, const char *tags,
    const char *keywords, const char *plain, struct kb_index *out)
{
	struct buf title_ix = { 0 }, kw_ix = { 0 }, all = { 0 };
	char *summary, *p;

	/* The summary: the first 300 characters of plain text, cut at a word. */
	summary = arena_strndup(a, plain, strlen(plain) < 300 ? strlen(plain) : 300);
	if (strlen(plain) > 300) {
		char *sp = strrchr(summary, ' ');

		if (sp != NULL)
			*sp = '\0';
		while (strlen(summary) > 0 && ((unsigned char)summary[strlen(summary) - 1] & 0xC0) == 0xC0)
			summary[strlen(summary) - 1] = '\0';
		summary = arena_printf(a, "%s…", summary);
	}
	for (p = summary; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	text_index(a, &title_ix, lang, title);
	text_index(a, &kw_ix, lang, arena_printf(a, "%s %s", tags, keywords));
	/* Title and keywords count twice in the body index: they say what it is about. */
	buf_printf(&all, "%s %s %s %s ", buf_str(&title_ix), buf_str(&title_ix),
	    buf_str(&kw_ix), buf_str(&kw_ix));
	text_index(a, &all, lang, plain);
	if (title_ix.len > 1000 || kw_ix.len > 2000) {
		/* Keep the stored columns within their size; search_text holds all. */
		if (title_ix.len > 1000)
			title_ix.len = 1000;
		if (kw_ix.len > 2000)
			kw_ix.len = 2000;
		while (title_ix.len > 0 && title_ix.p[title_ix.len - 1] != ' ')
			title_ix.len--;
		while (kw_ix.len > 0 && kw_ix.p[kw_ix.len - 1] != ' ')
			kw_ix.len--;
		title_ix.p[title_ix.len] = '\0';
		kw_ix.p[kw_ix.len] = '\0';
	}
	out->summary = summary;
	out->title_ix = arena_strdup(a, buf_str(&title_ix));
	out->kw_ix = arena_strdup(a, buf_str(&kw_ix));
	out->all_ix = arena_strdup(a, buf_str(&all));
	buf_free(&title_ix);
	buf_free(&kw_ix);
	buf_free(&all);
}

#define POSTINGS_AVG_TERMS 250.0  /* typical search_text length, in terms */
#define POSTINGS_BUILD_BATCH 200   /* articles per transaction when building */
/* The reader level an article "a" in topic "kc" needs (kb_postings.lvl). */
#define POSTINGS_LEVEL_SQL \
	" GREATEST(FIELD(a.visibility, 'public', 'users', 'internal')," \
	"  COALESCE(FIELD(kc.visibility, 'public', 'users', 'internal'), 1)) - 1"

static int
cmp_strp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int
kb_postings(struct db *db, struct arena *a, long long id, const char *index_text)
{
	char *copy, *tok, *save;
	char **v;
	size_t n = 0, i, j;
	json_t *rows;
	char *js;
	int rc;

	if (db_exec(db, "DELETE FROM kb_postings WHERE article_id = ?", "i", id) < 0)
		return -1;
	if (index_text == NULL || *index_text == '\0')
		return 0;
	copy = arena_strdup(a, index_text);
	v = arena_alloc(a, (strlen(copy) / 2 + 1) * sizeof(*v));
	for (tok = strtok_r(copy, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		if (strlen(tok) <= 64)
			v[n++] = tok;
	qsort(v, n, sizeof(*v), cmp_strp);
	rows = json_array();
	for (i = 0; i < n; i = j) {
		double tf, w;

		for (j = i; j < n && strcmp(v[j], v[i]) == 0; j++)
			;
		/* BM25's term part: saturating in tf, lower in long texts (k1 1.2, b 0.75). */
		tf = (double)(j - i);
		w = 1000.0 * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * (double)n / POSTINGS_AVG_TERMS));
		json_array_append_new(rows, json_pack("[s,i]", v[i], (int)(w + 0.5)));
	}
	js = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	if (js == NULL)
		return -1;
	rc = db_exec(db, "INSERT INTO kb_postings (stem, w, article_id, lvl)"
	    " SELECT j.stem, LEAST(GREATEST(j.w, 1), 65535), ?, v.lvl FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "  stem VARCHAR(64) CHARACTER SET utf8mb4 PATH '$[0]', w INT PATH '$[1]')) AS j,"
	    " (SELECT" POSTINGS_LEVEL_SQL " AS lvl FROM kb_articles a"
	    "  LEFT JOIN kb_categories kc ON kc.id = a.category_id WHERE a.id = ?) AS v",
	    "isi", id, js, id) < 0 ? -1 : 0;
	free(js);
	return rc;
}

int
kb_changed(struct db *db)
{
	return db_exec(db, "UPDATE settings SET value = value + 1 WHERE name = 'kb_content_version'",
	    "") < 0 ? -1 : 0;
}

int
kb_postings_levels(struct db *db, long long category_id)
{
	if (kb_changed(db) < 0)
		return -1;
	return db_exec(db, "UPDATE kb_postings p JOIN kb_articles a ON a.id = p.article_id"
	    " LEFT JOIN kb_categories kc ON kc.id = a.category_id SET p.lvl =" POSTINGS_LEVEL_SQL
	    " WHERE a.category_id = ?", "i", category_id) < 0 ? -1 : 0;
}

int
kb_topic_recount(struct db *db, long long category_id)
{
	if (category_id <= 0)
		return 0;
	if (db_exec(db, "DELETE FROM kb_topic_counts WHERE category_id = ?", "i", category_id) < 0)
		return -1;
	/* Per family: the lowest level that may read one of its versions (3 when
	 * every version is restricted to teams or departments). */
	return db_exec(db, "INSERT INTO kb_topic_counts (category_id, lvl, n)"
	    " SELECT ?, l.lvl, COUNT(*) FROM (SELECT COALESCE(a.translation_of, a.id) AS family,"
	    "  MIN(IF(EXISTS (SELECT 1 FROM kb_article_groups ag WHERE ag.article_id = a.id)"
	    "   OR EXISTS (SELECT 1 FROM kb_article_departments ad WHERE ad.article_id = a.id), 3,"
	    "   FIELD(a.visibility, 'public', 'users', 'internal') - 1)) AS need"
	    "  FROM kb_articles a WHERE a.category_id = ? AND a.status = 'published'"
	    "  GROUP BY family) AS f"
	    " JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS l"
	    "  ON f.need <= l.lvl GROUP BY l.lvl", "ii", category_id, category_id) < 0 ? -1 : 0;
}

int
kb_topic_recount_all(struct db *db, struct arena *a)
{
	struct db_res *res = db_query(db, a, "SELECT id FROM kb_categories", "");
	size_t i;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++)
		if (kb_topic_recount(db, strtoll(db_cell(res, i, 0), NULL, 10)) < 0)
			return -1;
	return 0;
}

/* One batch of kb_postings_build. */
struct postings_batch {
	struct arena *a;
	struct db_res *res;  /* id, search_text */
};

static int
postings_batch_tx(struct db *db, void *ctx)
{
	struct postings_batch *b = ctx;
	size_t i;

	for (i = 0; i < b->res->nrows; i++)
		if (kb_postings(db, b->a, strtoll(db_cell(b->res, i, 0), NULL, 10),
		    db_cell(b->res, i, 1)) < 0)
			return -1;
	return 0;
}

long
kb_postings_build(struct db *db, struct arena *a)
{
	struct db_res *res = db_query(db, a,
	    "SELECT value FROM settings WHERE name = 'kb_postings_built'", "");
	long long last = 0;
	long done = 0;

	if (res == NULL)
		return -1;
	if (db_scalar(res, 1) != 0)
		return 0;
	for (;;) {
		struct postings_batch b = { a, NULL };

		b.res = db_query(db, a, "SELECT id, search_text FROM kb_articles"
		    " WHERE status = 'published' AND id > ? ORDER BY id LIMIT ?", "ii", last,
		    (long long)POSTINGS_BUILD_BATCH);
		if (b.res == NULL)
			return -1;
		if (b.res->nrows == 0)
			break;
		if (db_tx(db, postings_batch_tx, &b) < 0)
			return -1;
		done += (long)b.res->nrows;
		last = strtoll(db_cell(b.res, b.res->nrows - 1, 0), NULL, 10);
		arena_reset(a);
	}
	if (kb_topic_recount_all(db, a) < 0)
		return -1;
	if (db_exec(db, "UPDATE settings SET value = '1' WHERE name = 'kb_postings_built'", "") < 0)
		return -1;
	return done;
}

/* Replace the team and department restrictions of art. */
static int
restrictions_set(struct db *db, const struct kb_article *art)
{
	size_t i;

	if (db_exec(db, "DELETE FROM kb_article_groups WHERE article_id = ?", "i", art->id) < 0 ||
	    db_exec(db, "DELETE FROM kb_article_departments WHERE article_id = ?", "i",
	    art->id) < 0)
		return -1;
	for (i = 0; i < art->ngroups; i++)
		if (db_exec(db, "INSERT IGNORE INTO kb_article_groups (article_id, group_id)"
		    " SELECT ?, id FROM `groups` WHERE id = ?", "ii", art->id, art->groups[i]) < 0)
			return -1;
	for (i = 0; i < art->ndepartments; i++)
		if (db_exec(db, "INSERT IGNORE INTO kb_article_departments (article_id, department_id)"
		    " SELECT ?, id FROM departments WHERE id = ?", "ii", art->id,
		    art->departments[i]) < 0)
			return -1;
	return 0;
}

int
kb_save(struct db *db, struct arena *a, struct kb_article *art)
{
	struct kb_index ix;
	char *html, *plain;
	struct db_res *res;
	long long version = 1, source_version = -1, old_category = 0;
	int rc = -1, was_published = 0;

	kb_render(a, art->body_md, &html, &plain);
	kb_index(a, art->language, art->title, art->tags, art->keywords, plain, &ix);
	if (art->id == 0) {
		if (db_exec(db, "INSERT INTO kb_articles (slug, category_id, type, language,"
		    " translation_of, source_version, title, body_md, body_html, body_text, summary,"
		    " tags, keywords, visibility, status, owner_id, review_by, version,"
		    " published_at, title_index, keywords_index, search_text)"
		    " VALUES (?, NULLIF(?, 0), ?, ?, NULLIF(?, 0),"
		    " COALESCE((SELECT s.version FROM kb_articles s WHERE s.id = ?), 0),"
		    " ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, 1,"
		    " IF(? = 'published', UTC_TIMESTAMP(), NULL), ?, ?, ?)",
		    "sissiisssssssssisssss",
		    art->slug, art->category_id, art->type, art->language, art->translation_of,
		    art->translation_of, art->title, art->body_md, html, plain, ix.summary, art->tags,
		    art->keywords, art->visibility, art->status, art->owner_id, art->review_by,
		    art->status, ix.title_ix, ix.kw_ix, ix.all_ix) < 0) {
			rc = db_dup_key(db) ? 1 : -1;
			goto out;
		}
		art->id = (long long)db_insert_id(db);
	} else {
		res = db_query(db, a, "SELECT version, status, COALESCE(category_id, 0) FROM kb_articles"
		    " WHERE id = ? FOR UPDATE", "i", art->id);
		if (res == NULL || res->nrows == 0)
			goto out;
		version = strtoll(db_cell(res, 0, 0), NULL, 10) + 1;
		old_category = strtoll(db_cell(res, 0, 2), NULL, 10);
		was_published = strcmp(db_cell(res, 0, 1), "published") == 0;
		/* Saving a translation brings it up to date with its source. */
		if (art->translation_of != 0) {
			struct db_res *src = db_query(db, a, "SELECT version FROM kb_articles WHERE id = ?",
			    "i", art->translation_of);

			if (src == NULL)
				goto out;
			source_version = db_scalar(src, 0);
		}
		if (db_exec(db, "UPDATE kb_articles SET slug = ?, category_id = NULLIF(?, 0),"
		    " type = ?, language = ?, translation_of = NULLIF(?, 0), title = ?, body_md = ?,"
		    " body_html = ?, body_text = ?, summary = ?, tags = ?, keywords = ?,"
		    " visibility = ?, status = ?, owner_id = NULLIF(?, 0), review_by = ?,"
		    " version = ?, updated_at = UTC_TIMESTAMP(),"
		    " source_version = IF(? >= 0, ?, source_version),"
		    " published_at = IF(? = 'published', COALESCE(published_at, UTC_TIMESTAMP()),"
		    "  published_at),"
		    " title_index = ?, keywords_index = ?, search_text = ? WHERE id = ?",
		    "sississsssssssisiiissssi",
		    art->slug, art->category_id, art->type, art->language, art->translation_of,
		    art->title, art->body_md, html, plain, ix.summary, art->tags, art->keywords,
		    art->visibility, art->status, art->owner_id, art->review_by, version,
		    source_version, source_version,
		    art->status, ix.title_ix, ix.kw_ix, ix.all_ix, art->id) < 0) {
			rc = db_dup_key(db) ? 1 : -1;
			goto out;
		}
	}
	if (art->set_restrictions && restrictions_set(db, art) < 0)
		goto out;
	/* Only published articles are found by search. */
	if (kb_postings(db, a, art->id, strcmp(art->status, "published") == 0 ? ix.all_ix :
	    NULL) < 0)
		goto out;
	if (kb_changed(db) < 0 || kb_topic_recount(db, art->category_id) < 0 ||
	    (old_category != art->category_id && kb_topic_recount(db, old_category) < 0))
		goto out;
	if (db_exec(db, "INSERT INTO kb_versions (article_id, version, title, body_md, tags,"
	    " keywords, status, editor_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)",
	    "iisssssis", art->id, version, art->title, art->body_md, art->tags, art->keywords,
	    art->status, art->editor_id, art->note ? art->note : "") < 0)
		goto out;
	/* The spelling vocabulary learns from articles anyone may read only (a
	 * correction must never reveal a word of an article the reader may not
	 * see), once, when an article is first published. */
	if (strcmp(art->status, "published") == 0 && !was_published &&
	    strcmp(art->visibility, "public") == 0) {
		res = db_query(db, a, "SELECT NOT EXISTS (SELECT 1 FROM kb_article_groups"
		    "  WHERE article_id = ?) AND NOT EXISTS (SELECT 1 FROM kb_article_departments"
		    "  WHERE article_id = ?) AND NOT EXISTS (SELECT 1 FROM kb_categories"
		    "  WHERE id = ? AND visibility <> 'public')", "iii", art->id, art->id,
		    art->category_id);
		if (res == NULL)
			goto out;
		if (db_scalar(res, 0) != 1)
			goto learned;
		if (vocab_add(db, a, arena_printf(a, "%s %s %s %s", art->title, art->tags,
		    art->keywords, plain)) < 0)
			goto out;
		if (db_exec(db, "UPDATE settings SET value = value + 1 WHERE name = 'kb_vocab_version'",
		    "") < 0)
			goto out;
	}
learned:
	rc = 0;
out:
	return rc;
}
