/* home.c - the home page, the language switch, unified search and the
 * hello-world route used as the benchmark's yardstick. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"
#include "search.h"

/* Seconds the home page's announcements are reused before asking again. */
#define HOME_CACHE_SECONDS 10

/* The announcements of each language, as last read (per worker). The home
 * page is the busiest page and they change rarely: reading them once every
 * few seconds instead of on every visit doubles the page's throughput. */
struct home_cache {
	HDF *rows[VIEW_NLANG];   /* Announcements.<i>.<column> */
	time_t at[VIEW_NLANG];   /* when read; 0 = never */
};

static void
home_cache_free(void *p)
{
	struct home_cache *c = p;
	int i;

	for (i = 0; i < VIEW_NLANG; i++)
		if (c->rows[i] != NULL)
			hdf_destroy(&c->rows[i]);
	free(c);
}

/* Fill Page.Announcements for the request's language. 0 or -1. */
static int
announcements(struct req *r)
{
	struct home_cache *c = r->app->local;
	int li = view_lang_index(r->lang);
	time_t now = time(NULL);
	struct db_res *res;
	HDF *h = NULL;
	NEOERR *e;
	size_t i, j;

	if (li < 0)
		li = 0;
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		r->app->local = c;
		r->app->local_free = home_cache_free;
	}
	if (c->rows[li] == NULL || now - c->at[li] >= HOME_CACHE_SECONDS) {
		res = db_query(r->db, &r->arena,
		    "SELECT id, title, body, level FROM announcements"
		    " WHERE language = ? AND starts_at <= UTC_TIMESTAMP()"
		    " AND (ends_at IS NULL OR ends_at > UTC_TIMESTAMP())"
		    " ORDER BY level = 'outage' DESC, starts_at DESC LIMIT 5",
		    "s", r->lang);
		if (res == NULL)
			return -1;
		if ((e = hdf_init(&h)) != STATUS_OK) {
			view_nerr(e, "announcements");
			return -1;
		}
		for (i = 0; i < res->nrows; i++) {
			for (j = 0; j < res->ncols; j++) {
				if (db_cell(res, i, j) == NULL)
					continue;
				e = hdf_set_value(h, arena_printf(&r->arena, "Announcements.%lu.%s",
				    (unsigned long)i, res->names[j]), db_cell(res, i, j));
				if (e != STATUS_OK)
					view_nerr(e, "announcements");
			}
		}
		if (c->rows[li] != NULL)
			hdf_destroy(&c->rows[li]);
		c->rows[li] = h;
		c->at[li] = now;
	}
	h = hdf_get_obj(c->rows[li], "Announcements");
	if (h != NULL && (e = hdf_copy(r->hdf, "Page.Announcements", h)) != STATUS_OK) {
		view_nerr(e, "announcements");
		return -1;
	}
	return 0;
}

int
home_page(struct req *r)
{
	if (announcements(r) < 0)
		return -1;
	page_msg(r, "Page.Title", "home.title");
	return view_page(r, "portal/home.cs");
}

int
hello_page(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body, "Hello, world\n");
	return 200;
}

int
search_page(struct req *r)
{
	const char *q = form_line(r, FORM_QUERY, "q", 200, 0);
	struct search_req sq;
	struct search_result res;
	struct kb_viewer v;
	long long logid;
	size_t i;

	page_msg(r, "Page.Title", "search.title");
	if (r->form_errors) {
		r->status = 400;
		return view_page(r, "portal/results.cs");
	}
	page_set(r, "Page.Query", q);
	if (*q == '\0')
		return view_page(r, "portal/results.cs");
	kb_viewer_set(&v, r->user.id, r->user.roles);
	memset(&sq, 0, sizeof(sq));
	sq.q = q;
	sq.lang = r->lang;
	sq.viewer = &v;
	sq.type = sq.language = "";
	sq.limit = 8;
	sq.exact = req_query(r, "exact") != NULL;
	sq.snippets = 1;
	if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0)
		return -1;
	logid = search_log(r->db, r->user.id, arena_strndup(&r->arena, r->csrf, 16), q,
	    res.folded, r->lang, res.total);
	if (res.corrected != NULL)
		page_set(r, "Page.Corrected", res.corrected);
	page_int(r, "Page.Total", (long long)res.total);
	for (i = 0; i < res.nhits; i++) {
		const struct search_hit *h = &res.hits[i];
		const char *base = arena_printf(&r->arena, "Page.Articles.%lu", (unsigned long)i);

		page_set(r, arena_printf(&r->arena, "%s.title", base), h->title);
		page_set(r, arena_printf(&r->arena, "%s.url", base), arena_printf(&r->arena,
		    "/kb/a/%lld-%s?s=%lld", h->id, h->slug, logid));
		page_set(r, arena_printf(&r->arena, "%s.snippet", base), h->snippet);
		page_set(r, arena_printf(&r->arena, "%s.type", base), h->type);
		page_set(r, arena_printf(&r->arena, "%s.language", base), h->language);
		page_set(r, arena_printf(&r->arena, "%s.category", base), h->category_name);
	}
	/* The person's own requests that mention the words. */
	if (r->user.id != 0) {
		struct db_res *t = db_query(r->db, &r->arena,
		    "SELECT CONCAT('T-', LPAD(t.id, GREATEST(6, LENGTH(t.id)), '0')) AS number,"
		    " t.subject, t.status"
		    " FROM tickets t WHERE t.requester_id = ? AND t.subject LIKE ?"
		    " ORDER BY t.updated_at DESC LIMIT 5", "is", r->user.id, db_like(&r->arena, q));

		if (t == NULL)
			return -1;
		page_rows(r, "Page.Tickets", t);
	}
	return view_page(r, "portal/results.cs");
}

int
language_post(struct req *r)
{
	static const char *const langs[] = { "en", "es", NULL };
	const char *lang = form_choice(r, FORM_BODY, "lang", langs, NULL);
	const char *next = req_form(r, "next");

	if (lang == NULL)
		return http_fail(r, 400, "error.bad_request");
	http_cookie(r, "lang", lang, 365L * 24 * 3600);
	if (r->user.id != 0 &&
	    db_exec(r->db, "UPDATE users SET language = ? WHERE id = ?", "si", lang,
	    r->user.id) < 0)
		return -1;
	return http_redirect(r, next != NULL && http_local_path(next) ? next : "/");
}

/* /kb and /community reach the portal (the web server maps only the slashed
 * prefixes to the knowledge program): send them where they belong. */
int
to_kb(struct req *r)
{
	return http_redirect(r, "/kb/");
}

int
to_community(struct req *r)
{
	return http_redirect(r, "/community/");
}
