/* read.c - reading the knowledge base: front page, categories, articles, feedback. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "knowledge.h"
#include "page.h"

#define KB_PER_PAGE 20

/* After SELECT: the articles of the topics "k" that follow (a condition) for a reader,
 * from kb_topic_counts: the topics the reader may see, at the reader's level. */
#define KB_TOPIC_COUNT_SQL \
	" COALESCE(SUM(tc.n), 0) FROM kb_topic_counts tc" \
	" JOIN kb_categories k ON k.id = tc.category_id WHERE tc.lvl = ?" \
	" AND (k.visibility = 'public' OR (k.visibility = 'users' AND ? >= 1)" \
	"  OR (k.visibility = 'internal' AND ? >= 2)) AND"
#define KB_TOPIC_COUNT_TYPES "iii"
#define KB_TOPIC_COUNT_ARGS(v) (long long)(v)->level, (long long)(v)->level, \
	(long long)(v)->level

void
kb_viewer_of(const struct req *r, struct kb_viewer *v)
{
	kb_viewer_set(v, r->user.id, r->user.roles);
}

long long
kb_param_id(const char *p)
{
	size_t n = strspn(p, "0123456789");

	if (n == 0 || n > 18 || (p[n] != '\0' && p[n] != '-'))
		return 0;
	return strtoll(p, NULL, 10);
}

int
community_index(struct req *r)
{
	page_msg(r, "Page.Title", "community.title");
	return view_page(r, "knowledge/community.cs");
}

/* The front page's data for reader v: topics with counts, most read,
 * recently updated. 0 or -1. */
static int
home_parts(struct req *r, const struct kb_viewer *v, struct db_res **part)
{
	part[0] = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, IF(? = 'es', c.name_es, c.name_en) AS name,"
	    " IF(? = 'es', c.description_es, c.description_en) AS description,"
	    " (SELECT" KB_TOPIC_COUNT_SQL " (k.id = c.id OR k.parent_id = c.id)) AS articles"
	    " FROM kb_categories c WHERE c.parent_id IS NULL AND" KB_CAT_VISIBLE_SQL
	    " ORDER BY c.position, c.id",
	    "ss" KB_TOPIC_COUNT_TYPES KB_CAT_TYPES, r->lang, r->lang, KB_TOPIC_COUNT_ARGS(v),
	    KB_CAT_ARGS(v));
	if (part[0] == NULL)
		return -1;
	part[1] = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.summary, a.language FROM kb_articles a WHERE" KB_VISIBLE_SQL
	    KB_ONE_PER_FAMILY_SQL
	    " ORDER BY a.views DESC, a.title LIMIT 6",
	    KB_VISIBLE_TYPES "sss", KB_VISIBLE_ARGS(v), r->lang, r->lang, r->lang);
	if (part[1] == NULL)
		return -1;
	part[2] = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.language,"
	    " DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated"
	    " FROM kb_articles a WHERE" KB_VISIBLE_SQL
	    KB_ONE_PER_FAMILY_SQL
	    " ORDER BY a.updated_at DESC, a.id DESC LIMIT 6",
	    KB_VISIBLE_TYPES "sss", KB_VISIBLE_ARGS(v), r->lang, r->lang, r->lang);
	return part[2] == NULL ? -1 : 0;
}

int
kb_home(struct req *r)
{
	struct kb_viewer v;
	const struct db_res *part[KB_PAGE_PARTS] = { NULL };
	size_t i;

	kb_viewer_of(r, &v);
	/* Kept like article pages (memory.c): readers only. */
	if (v.level >= 2 || !kb_page_kept(r, KB_HOME_PAGE, &v, part)) {
		struct db_res *got[KB_PAGE_PARTS] = { NULL };

		if (home_parts(r, &v, got) < 0)
			return -1;
		if (v.level < 2)
			kb_page_keep(r, KB_HOME_PAGE, &v, got);
		for (i = 0; i < KB_PAGE_PARTS; i++)
			part[i] = got[i];
	}
	page_rows(r, "Page.Categories", part[0]);
	page_rows(r, "Page.Popular", part[1]);
	page_rows(r, "Page.Recent", part[2]);
	page_msg(r, "Page.Title", "kb.title");
	return view_page(r, "knowledge/home.cs");
}

int
kb_category(struct req *r)
{
	struct kb_viewer v;
	struct db_res *res;
	const char *id;
	long long off;

	kb_viewer_of(r, &v);
	res = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, IF(? = 'es', c.name_es, c.name_en) AS name,"
	    " IF(? = 'es', c.description_es, c.description_en) AS description,"
	    " p.slug AS parent_slug, IF(? = 'es', p.name_es, p.name_en) AS parent_name"
	    " FROM kb_categories c LEFT JOIN kb_categories p ON p.id = c.parent_id"
	    " WHERE c.slug = ? AND" KB_CAT_VISIBLE_SQL,
	    "ssss" KB_CAT_TYPES, r->lang, r->lang, r->lang, r->params[0], KB_CAT_ARGS(&v));
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.Category", res);
	id = db_cell(res, 0, 0);
	res = db_query(r->db, &r->arena,
	    "SELECT c.slug, IF(? = 'es', c.name_es, c.name_en) AS name FROM kb_categories c"
	    " WHERE c.parent_id = ? AND" KB_CAT_VISIBLE_SQL " ORDER BY c.position, c.id",
	    "s" "s" KB_CAT_TYPES, r->lang, id, KB_CAT_ARGS(&v));
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Children", res);
	res = db_query(r->db, &r->arena, "SELECT" KB_TOPIC_COUNT_SQL " (k.id = ? OR k.parent_id = ?)",
	    KB_TOPIC_COUNT_TYPES "ss", KB_TOPIC_COUNT_ARGS(&v), id, id);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), KB_PER_PAGE);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.summary, a.type, a.language,"
	    " DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated"
	    " FROM kb_articles a LEFT JOIN kb_categories c ON c.id = a.category_id"
	    " WHERE (a.category_id = ? OR c.parent_id = ?) AND" KB_VISIBLE_SQL
	    KB_ONE_PER_FAMILY_SQL
	    " ORDER BY a.views DESC, a.title LIMIT ? OFFSET ?",
	    "ss" KB_VISIBLE_TYPES "sssii", id, id, KB_VISIBLE_ARGS(&v), r->lang, r->lang, r->lang,
	    (long long)KB_PER_PAGE, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Articles", res);
	page_set(r, "Page.Title", hdf_get_value(r->hdf, "Page.Category.name", ""));
	return view_page(r, "knowledge/category.cs");
}

/* A short key that identifies this visitor in the search log without
 * revealing anything: the start of their form token. */
static const char *
visitor_key(const struct req *r)
{
	return arena_strndup((struct arena *)&r->arena, r->csrf ? r->csrf : "", 16);
}

/* The article page's data for reader v: the article (no row when the
 * reader may not see it), its other languages, the related articles (NULL
 * without a topic). 0 or -1. */
static int
article_parts(struct req *r, long long id, const struct kb_viewer *v,
    struct db_res **part)
{
	const char *family;

	part[0] = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.body_html, a.summary, a.type, a.language,"
	    " a.version, a.views, a.helpful_yes, a.helpful_no, a.tags,"
	    " DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated,"
	    " COALESCE(a.translation_of, a.id) AS family, a.translation_of,"
	    " (a.translation_of IS NOT NULL AND src.version > a.source_version) AS outdated,"
	    " c.id AS category_id, c.slug AS category_slug,"
	    " IF(? = 'es', c.name_es, c.name_en) AS category_name,"
	    " p.slug AS parent_slug, IF(? = 'es', p.name_es, p.name_en) AS parent_name"
	    " FROM kb_articles a LEFT JOIN kb_categories c ON c.id = a.category_id"
	    " LEFT JOIN kb_categories p ON p.id = c.parent_id"
	    " LEFT JOIN kb_articles src ON src.id = a.translation_of"
	    " WHERE a.id = ? AND" KB_VISIBLE_SQL,
	    "ssi" KB_VISIBLE_TYPES, r->lang, r->lang, id, KB_VISIBLE_ARGS(v));
	if (part[0] == NULL)
		return -1;
	if (part[0]->nrows == 0)
		return 0;
	/* Other languages of the same article. */
	family = db_field(part[0], 0, "family");
	part[1] = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.language FROM kb_articles a"
	    " WHERE (a.id = ? OR a.translation_of = ?) AND a.id <> ? AND" KB_VISIBLE_SQL
	    " ORDER BY a.language",
	    "ssi" KB_VISIBLE_TYPES, family, family, id, KB_VISIBLE_ARGS(v));
	if (part[1] == NULL)
		return -1;
	/* Related: the most read others of the same category, in the reader's language first. */
	if (db_field(part[0], 0, "category_id") != NULL) {
		part[2] = db_query(r->db, &r->arena,
		    "SELECT a.id, a.slug, a.title, a.language FROM kb_articles a WHERE a.category_id = ?"
		    " AND a.id <> ? AND COALESCE(a.translation_of, a.id) <> ? AND" KB_VISIBLE_SQL
		    KB_ONE_PER_FAMILY_SQL
		    " ORDER BY a.views DESC LIMIT 5",
		    "sis" KB_VISIBLE_TYPES "sss", db_field(part[0], 0, "category_id"), id, family,
		    KB_VISIBLE_ARGS(v), r->lang, r->lang, r->lang);
		if (part[2] == NULL)
			return -1;
	}
	return 0;
}

int
kb_article(struct req *r)
{
	struct kb_viewer v;
	const struct db_res *part[KB_PAGE_PARTS] = { NULL };
	long long id = kb_param_id(r->params[0]);
	const char *slug, *s, *fb;
	size_t i;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	kb_viewer_of(r, &v);
	/* Readers may get a page this worker kept (at most a second behind a
	 * change); support staff, who make the changes, always read afresh. */
	if (v.level >= 2 || !kb_page_kept(r, id, &v, part)) {
		struct db_res *got[KB_PAGE_PARTS] = { NULL };

		if (article_parts(r, id, &v, got) < 0)
			return -1;
		if (got[0]->nrows > 0 && v.level < 2)
			kb_page_keep(r, id, &v, got);
		for (i = 0; i < KB_PAGE_PARTS; i++)
			part[i] = got[i];
	}
	if (part[0]->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	slug = db_field(part[0], 0, "slug");
	if (!r->json && strcmp(r->params[0], arena_printf(&r->arena, "%lld-%s", id, slug)) != 0) {
		const char *qs = strchr(r->uri, '?');

		return http_redirect(r, arena_printf(&r->arena, "/kb/a/%lld-%s%s", id, slug,
		    qs != NULL ? qs : ""));
	}
	page_row(r, "Page.Article", part[0]);
	page_setf(r, "Page.Article.url", "/kb/a/%lld-%s", id, slug);
	page_set(r, "Page.Title", db_field(part[0], 0, "title"));
	page_rows(r, "Page.Translations", part[1]);
	if (part[2] != NULL)
		page_rows(r, "Page.Related", part[2]);
	if (r->method == M_GET && !r->head)
		kb_view_count(r, id);
	/* A click from a search result: remember which article answered it. */
	s = req_query(r, "s");
	if (s != NULL && strlen(s) < 19 && strspn(s, "0123456789") == strlen(s) && *s)
		db_exec(r->db, "UPDATE kb_search_log SET clicked_article_id = ? WHERE id = ?"
		    " AND clicked_article_id IS NULL AND session_key = ?"
		    " AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "iis", id,
		    strtoll(s, NULL, 10), visitor_key(r));
	/* Opened from the "report a problem" form: maybe a ticket avoided. */
	if (r->user.id != 0 && req_query(r, "from") != NULL &&
	    strcmp(req_query(r, "from"), "ticket") == 0 &&
	    db_exec(r->db, "INSERT INTO kb_deflections (user_id, article_id) VALUES (?, ?)", "ii",
	    r->user.id, id) < 0)
		return -1;
	fb = req_query(r, "feedback");
	if (fb != NULL && strlen(fb) < 19 && strspn(fb, "0123456789") == strlen(fb) && *fb)
		page_set(r, "Page.FeedbackId", fb);
	if (req_query(r, "thanks") != NULL)
		page_set(r, "Page.Thanks", "1");
	return view_page(r, "knowledge/article.cs");
}

int
kb_feedback(struct req *r)
{
	static const char *const answers[] = { "yes", "no", NULL };
	struct kb_viewer v;
	long long id = kb_param_id(r->params[0]), n, fid;
	const char *helpful = form_choice(r, FORM_BODY, "helpful", answers, NULL);
	const char *key;
	struct db_res *res;

	kb_viewer_of(r, &v);
	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT a.slug FROM kb_articles a WHERE a.id = ? AND"
	    KB_VISIBLE_SQL, "i" KB_VISIBLE_TYPES, id, KB_VISIBLE_ARGS(&v));
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	if (helpful == NULL)
		return http_fail(r, 400, "error.bad_request");
	/* A few answers per article and address a day: counts stay honest. */
	key = arena_printf(&r->arena, "%s:%lld", r->client_addr, id);
	n = throttle_count(r, "kb_feedback", key, 24 * 60);
	if (n < 0)
		return -1;
	if (n >= 3)
		return http_redirect(r, arena_printf(&r->arena, "/kb/a/%lld-%s?thanks=1#feedback", id,
		    db_cell(res, 0, 0)));
	throttle_add(r, "kb_feedback", key);
	if (db_exec(r->db, "INSERT INTO kb_feedback (article_id, user_id, helpful, address)"
	    " VALUES (?, NULLIF(?, 0), ?, ?)", "iiis", id, r->user.id,
	    (long long)(strcmp(helpful, "yes") == 0), r->client_addr) < 0)
		return -1;
	fid = (long long)db_insert_id(r->db);
	if (db_exec(r->db, "UPDATE kb_articles SET helpful_yes = helpful_yes + ?,"
	    " helpful_no = helpful_no + ? WHERE id = ?", "iii",
	    (long long)(strcmp(helpful, "yes") == 0), (long long)(strcmp(helpful, "no") == 0), id) < 0)
		return -1;
	if (strcmp(helpful, "yes") == 0)
		return http_redirect(r, arena_printf(&r->arena, "/kb/a/%lld-%s?thanks=1#feedback", id,
		    db_cell(res, 0, 0)));
	return http_redirect(r, arena_printf(&r->arena, "/kb/a/%lld-%s?feedback=%lld#feedback", id,
	    db_cell(res, 0, 0), fid));
}

int
kb_feedback_why(struct req *r)
{
	static const char *const reasons[] = { "outdated", "unclear", "incomplete", "wrong",
		"other", NULL };
	long long id = kb_param_id(r->params[0]), fid = kb_param_id(r->params[1]);
	const char *reason = form_choice(r, FORM_BODY, "reason", reasons, "");
	const char *comment = form_text(r, FORM_BODY, "comment", 1000, 0);
	struct db_res *res;

	if (id == 0 || fid == 0)
		return http_fail(r, 404, "error.not_found");
	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	/* Only the person who said "no" (same address, within the hour) explains it. */
	res = db_query(r->db, &r->arena,
	    "SELECT f.id, a.slug, a.owner_id FROM kb_feedback f JOIN kb_articles a"
	    " ON a.id = f.article_id WHERE f.id = ? AND f.article_id = ? AND f.helpful = 0"
	    " AND f.reason = '' AND f.comment = '' AND f.address = ?"
	    " AND f.created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "iis", fid, id, r->client_addr);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	if (*reason != '\0' || *comment != '\0') {
		if (db_exec(r->db, "UPDATE kb_feedback SET reason = ?, comment = ? WHERE id = ?", "ssi",
		    reason, comment, fid) < 0)
			return -1;
		if (db_exec(r->db, "INSERT INTO kb_review_tasks (article_id, feedback_id, owner_id,"
		    " reason, comment) VALUES (?, ?, (SELECT owner_id FROM kb_articles WHERE id = ?), ?, ?)",
		    "iiiss", id, fid, id, reason, comment) < 0)
			return -1;
	}
	return http_redirect(r, arena_printf(&r->arena, "/kb/a/%lld-%s?thanks=1#feedback", id,
	    db_cell(res, 0, 1)));
}
