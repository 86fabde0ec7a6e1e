/* kept.c - ticket pages kept per worker. Opening a ticket page again is
 * common (after each reply, while waiting for an answer); making it takes
 * about fifteen queries. Each worker keeps the pages it rendered, one per
 * ticket, session and language, and serves one again after a single query
 * that tells whether anything it shows changed:
 *   - tickets.page_version: the ticket, its messages, changes, files and
 *     answers (database triggers keep it, schema 018);
 *   - settings.tickets_page_version: people, teams, standard answers,
 *     service levels, topics (triggers too), and the department option;
 *   - for staff, the other staff on the ticket and how long ago.
 * Pages that show other tickets (merged, related, major incidents) are not
 * kept: a change over there would not show here. Service level words
 * ("due in 2 h") age, so no page is used after KEPT_SECONDS. Only plain GETs
 * of the HTML page with a session are kept; the API's JSON never is. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "keep.h"
#include "page.h"
#include "tickets.h"

#define KEPT_SLOTS 1024               /* pages per worker (direct-mapped) */
#define KEPT_MAX_BODY (256 << 10)     /* larger pages are made every time */
#define KEPT_SECONDS 30               /* longest a page is used */

/* Free the worker's store (app.local_free). */
static void
kept_free(void *ctx)
{
	keep_free(ctx);
}

/* This worker's store, made on first use. */
static struct keep *
kept_store(struct app *app)
{
	if (app->local == NULL) {
		app->local = keep_new(KEPT_SLOTS, KEPT_MAX_BODY, KEPT_SECONDS);
		app->local_free = kept_free;
	}
	return app->local;
}

int
ticket_kept(struct req *r, const char **key, const char **version)
{
	long long id = ticket_id(r->params[0]), staff = ticket_staff(r);
	struct db_res *res;
	const char *fresh;

	*key = *version = NULL;
	if (id == 0 || r->method != M_GET || r->json || r->query != NULL || r->session == NULL ||
	    r->user.id == 0)
		return 0;
	res = db_query(r->db, &r->arena, "SELECT t.page_version,"
	    " (SELECT GROUP_CONCAT(s.value ORDER BY s.name SEPARATOR '.') FROM settings s"
	    "  WHERE s.name IN ('" TICKET_DEPT_SETTING "', 'tickets_page_version')),"
	    " IF(? = 1, (SELECT GROUP_CONCAT(p.user_id, ':', TIMESTAMPDIFF(MINUTE, p.seen_at,"
	    "  UTC_TIMESTAMP()) ORDER BY p.user_id) FROM ticket_presence p WHERE p.ticket_id = t.id"
	    "  AND p.user_id <> ? AND p.seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE), ''),"
	    " IF(? = 1, (SELECT p.seen_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE FROM ticket_presence p"
	    "  WHERE p.ticket_id = t.id AND p.user_id = ?), 1)"
	    " FROM tickets t WHERE t.id = ?", "iiiiii", staff, r->user.id,
	    (long long)TICKET_PRESENCE_MINUTES, staff, r->user.id, id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;   /* no such ticket: the page says so */
	*key = arena_printf(&r->arena, "%lld|%s|%s", id, r->lang, r->session);
	*version = arena_printf(&r->arena, "%s|%s|%s", db_cell(res, 0, 0),
	    db_cell(res, 0, 1) ? db_cell(res, 0, 1) : "", db_cell(res, 0, 2) ? db_cell(res, 0, 2) : "");
	buf_reset(&r->body);
	if (!keep_get(kept_store(r->app), *key, *version, time(NULL), &r->body))
		return 0;
	/* This agent is on the ticket now: others' pages say so (once a minute). */
	fresh = db_cell(res, 0, 3);
	if (staff && (fresh == NULL || strcmp(fresh, "1") != 0) && ticket_presence_touch(r, id) < 0)
		return -1;
	r->content_type = "text/html; charset=utf-8";
	r->tmpl = NULL;
	return 1;
}

int
ticket_keep(struct req *r, const char *key, const char *version, const char *tmpl)
{
	static const char *const others[] = { "Page.Links.0", "Page.Merged.yes", "Page.Parent.yes",
		"Page.Children.0", "Page.MergedIn.0", NULL };
	size_t i;

	view_page(r, tmpl);
	if (key == NULL || r->status != 200 || r->form_errors)
		return r->status;
	for (i = 0; others[i] != NULL; i++)
		if (hdf_get_obj(r->hdf, others[i]) != NULL)
			return r->status;
	/* Render now (route_serve would) to keep what is sent. */
	page_chrome(r);
	buf_reset(&r->body);
	if (view_render(&r->app->view, tmpl, r->hdf, r->lang, &r->body) < 0)
		return -1;
	keep_put(kept_store(r->app), key, version, time(NULL), r->body.p, r->body.len);
	r->content_type = "text/html; charset=utf-8";
	r->tmpl = NULL;
	return r->status;
}
