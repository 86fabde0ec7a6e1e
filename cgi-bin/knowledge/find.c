/* find.c - /kb/search, suggestions as you type, and the search API. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "knowledge.h"
#include "page.h"
#include "search.h"

#define KB_RESULTS_PER_PAGE 10

/* The visitor key used in the search log (see read.c). */
static const char *
visitor(struct req *r)
{
	return arena_strndup(&r->arena, r->csrf ? r->csrf : "", 16);
}

int
kb_search_page(struct req *r)
{
	static const char *const types[] = { "", "howto", "troubleshooting", "faq", "reference",
		NULL };
	static const char *const langs[] = { "", "en", "es", NULL };
	const char *q = form_line(r, FORM_QUERY, "q", 200, 0);
	const char *cat = form_line(r, FORM_QUERY, "category", 80, 0);
	const char *type = form_choice(r, FORM_QUERY, "type", types, "");
	const char *lang = form_choice(r, FORM_QUERY, "language", langs, "");
	int ok = 1;
	long long pageno = form_int(r, FORM_QUERY, "page", 1, 1000, 1, &ok);
	struct search_req sq;
	struct search_result res;
	struct kb_viewer v;
	struct db_res *cats;
	long long logid = 0;
	size_t i;

	if (r->form_errors) {
		r->status = 400;
		q = "";
		type = lang = cat = "";
		pageno = 1;
	}
	kb_viewer_of(r, &v);
	memset(&sq, 0, sizeof(sq));
	sq.q = q;
	sq.lang = r->lang;
	sq.viewer = &v;
	sq.type = type;
	sq.language = lang;
	sq.limit = KB_RESULTS_PER_PAGE;
	sq.offset = (size_t)(pageno - 1) * KB_RESULTS_PER_PAGE;
	sq.exact = req_query(r, "exact") != NULL;
	sq.snippets = 1;
	cats = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, IF(? = 'es', c.name_es, c.name_en) AS name FROM kb_categories c"
	    " WHERE" KB_CAT_VISIBLE_SQL " ORDER BY c.position, c.id", "s" KB_CAT_TYPES, r->lang,
	    KB_CAT_ARGS(&v));
	if (cats == NULL)
		return -1;
	page_rows(r, "Page.Categories", cats);
	for (i = 0; i < cats->nrows && *cat; i++)
		if (strcmp(db_cell(cats, i, 1), cat) == 0)
			sq.category_id = strtoll(db_cell(cats, i, 0), NULL, 10);
	page_set(r, "Page.Query", q);
	page_set(r, "Page.Filter.category", cat);
	page_set(r, "Page.Filter.type", type);
	page_set(r, "Page.Filter.language", lang);
	page_msg(r, "Page.Title", "kb.search_title");
	if (*q == '\0')
		return view_page(r, "knowledge/search.cs");
	if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0)
		return -1;
	if (pageno == 1 && *cat == '\0' && *type == '\0' && *lang == '\0')
		logid = search_log(r->db, r->user.id, visitor(r), q, res.folded, r->lang, res.total);
	if (res.corrected != NULL)
		page_set(r, "Page.Corrected", res.corrected);
	page_int(r, "Page.Total", (long long)res.total);
	for (i = 0; i < res.nhits; i++) {
		const struct search_hit *h = &res.hits[i];
		char *base = arena_printf(&r->arena, "Page.Results.%lu", (unsigned long)i);

		page_int(r, arena_printf(&r->arena, "%s.id", base), h->id);
		page_set(r, arena_printf(&r->arena, "%s.title", base), h->title);
		page_set(r, arena_printf(&r->arena, "%s.url", base), logid ?
		    arena_printf(&r->arena, "/kb/a/%lld-%s?s=%lld", h->id, h->slug, logid) :
		    arena_printf(&r->arena, "/kb/a/%lld-%s", h->id, h->slug));
		page_set(r, arena_printf(&r->arena, "%s.snippet", base), h->snippet);
		page_set(r, arena_printf(&r->arena, "%s.type", base), h->type);
		page_set(r, arena_printf(&r->arena, "%s.language", base), h->language);
		page_set(r, arena_printf(&r->arena, "%s.category", base), h->category_name);
		page_set(r, arena_printf(&r->arena, "%s.updated", base), h->updated);
	}
	page_pager(r, (long long)res.total, KB_RESULTS_PER_PAGE);
	return view_page(r, "knowledge/search.cs");
}

int
kb_suggest(struct req *r)
{
	const char *q = form_line(r, FORM_QUERY, "q", 200, 0);
	struct search_req sq;
	struct search_result res;
	struct kb_viewer v;
	struct db_res *pop;
	json_t *out, *arts, *queries;
	char *s;
	size_t i;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	out = json_object();
	arts = json_array();
	queries = json_array();
	if (strlen(q) >= 2) {
		kb_viewer_of(r, &v);
		memset(&sq, 0, sizeof(sq));
		sq.q = q;
		sq.lang = r->lang;
		sq.viewer = &v;
		sq.type = sq.language = "";
		sq.limit = 6;
		sq.prefix = 1;
		if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0) {
			json_decref(out);
			json_decref(arts);
			json_decref(queries);
			return -1;
		}
		for (i = 0; i < res.nhits; i++) {
			json_t *a = json_object();

			json_object_set_new(a, "id", json_integer(res.hits[i].id));
			json_object_set_new(a, "title", json_string(res.hits[i].title));
			json_object_set_new(a, "url", json_string(arena_printf(&r->arena,
			    "/kb/a/%lld-%s", res.hits[i].id, res.hits[i].slug)));
			json_array_append_new(arts, a);
		}
		/* What at least three signed-in people searched for and found, starting
		 * the same way: one person's searches are never shown to anybody else,
		 * and visitors without an account cannot plant suggestions. */
		pop = db_query(r->db, &r->arena,
		    "SELECT MAX(query) AS q, COUNT(*) AS n FROM kb_search_log"
		    " WHERE query_folded LIKE ? AND results > 0"
		    " AND at > UTC_TIMESTAMP() - INTERVAL 90 DAY"
		    " AND user_id IS NOT NULL"
		    " GROUP BY query_folded HAVING COUNT(DISTINCT user_id) >= 3"
		    " ORDER BY n DESC LIMIT 4", "s", db_like_prefix(&r->arena, res.folded));
		for (i = 0; pop != NULL && i < pop->nrows; i++)
			json_array_append_new(queries, json_string(db_cell(pop, i, 0)));
		if (res.corrected != NULL)
			json_object_set_new(out, "corrected", json_string(res.corrected));
	}
	json_object_set_new(out, "articles", arts);
	json_object_set_new(out, "queries", queries);
	s = json_dumps(out, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(out);
	buf_puts(&r->body, s != NULL ? s : "{}");
	free(s);
	r->content_type = "application/json";
	return 200;
}

int
kb_api_search(struct req *r)
{
	static const char *const langs[] = { "", "en", "es", NULL };
	const char *q = form_line(r, FORM_QUERY, "q", 200, 1);
	const char *lang = form_choice(r, FORM_QUERY, "lang", langs, "");
	int ok = 1;
	long long limit = form_int(r, FORM_QUERY, "limit", 1, 50, 10, &ok);
	struct search_req sq;
	struct search_result res;
	struct kb_viewer v;
	json_t *arr;
	char *s;
	size_t i;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	kb_viewer_of(r, &v);
	memset(&sq, 0, sizeof(sq));
	sq.q = q;
	sq.lang = *lang ? lang : r->lang;
	sq.viewer = &v;
	sq.type = sq.language = "";
	sq.limit = (size_t)limit;
	sq.exact = req_query(r, "exact") != NULL;
	sq.snippets = 1;
	if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0)
		return -1;
	search_log(r->db, r->user.id, visitor(r), q, res.folded, sq.lang, res.total);
	arr = json_array();
	for (i = 0; i < res.nhits; i++) {
		json_t *a = json_object();

		json_object_set_new(a, "id", json_integer(res.hits[i].id));
		json_object_set_new(a, "title", json_string(res.hits[i].title));
		json_object_set_new(a, "url", json_string(arena_printf(&r->arena, "%s/kb/a/%lld-%s",
		    r->app->conf.base_url, res.hits[i].id, res.hits[i].slug)));
		json_object_set_new(a, "snippet", json_string(res.hits[i].snippet));
		json_object_set_new(a, "language", json_string(res.hits[i].language));
		json_object_set_new(a, "score", json_real(res.hits[i].score));
		json_array_append_new(arr, a);
	}
	s = json_dumps(arr, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(arr);
	buf_puts(&r->body, s != NULL ? s : "[]");
	free(s);
	r->content_type = "application/json";
	return 200;
}
