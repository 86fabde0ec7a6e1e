/* home.c - the home page, the language switch, unified search and the
 * hello-world route used as the benchmark's yardstick. */
#include <string.h>

#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"

int
home_page(struct req *r)
{
	struct db_res *res;

	res = db_query(r->db, &r->arena,
	    "SELECT id, title, body, level FROM announcements"
	    " WHERE language = ? AND starts_at <= UTC_TIMESTAMP()"
	    " AND (ends_at IS NULL OR ends_at > UTC_TIMESTAMP())"
	    " ORDER BY level = 'outage' DESC, starts_at DESC LIMIT 5",
	    "s", r->lang);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Announcements", res);
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

	/* Until the knowledge base lands, search shows where to look next. */
	page_set(r, "Page.Query", q != NULL ? q : "");
	page_msg(r, "Page.Title", "search.title");
	if (r->form_errors)
		r->status = 400;
	return view_page(r, "portal/search.cs");
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
