/* tools.c - the agent's tools on a ticket: standard answers and links to
 * knowledge articles put into the reply box (the same GET serves the page
 * without JavaScript and the script's JSON), and opening a ticket for
 * someone who called. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "kb.h"
#include "page.h"
#include "search.h"
#include "sess.h"
#include "tickets.h"

#define TOOLS_MAX_CANNED 500   /* standard answers offered in the list */
#define TOOLS_KB_HITS 8        /* articles listed for a link */
#define BEHALF_MATCHES 10      /* people listed for "open for someone" */

/* One placeholder and its value. */
struct placeholder {
	const char *name;   /* e.g. "requester.name" */
	const char *value;  /* never NULL */
};

/* text with every {{name}} (spaces inside the braces allowed) replaced by
 * its value from ph (n entries); unknown names are kept as written. Arena. */
static char *
fill_placeholders(struct arena *a, const char *text, const struct placeholder *ph, size_t n)
{
	struct buf b = { 0 };
	const char *p = text;
	char *out;

	while (*p != '\0') {
		const char *open = strstr(p, "{{"), *close, *k, *e;
		size_t i;
		int done = 0;

		if (open == NULL) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(open - p));
		close = strstr(open + 2, "}}");
		if (close != NULL && close - open <= 64) {
			k = open + 2;
			e = close;
			while (k < e && *k == ' ')
				k++;
			while (e > k && e[-1] == ' ')
				e--;
			for (i = 0; i < n && !done; i++)
				if (strlen(ph[i].name) == (size_t)(e - k) &&
				    strncmp(ph[i].name, k, (size_t)(e - k)) == 0) {
					buf_puts(&b, ph[i].value);
					done = 1;
				}
		}
		if (done) {
			p = close + 2;
		} else {
			buf_puts(&b, "{{");
			p = open + 2;
		}
	}
	out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Add text to what the reply box will hold (Page.Reply.body) and to what
 * the script inserts (Page.Reply.insert), a blank line between pieces. */
static void
reply_add(struct req *r, const char *text)
{
	const char *body = hdf_get_value(r->hdf, "Page.Reply.body", "");
	const char *ins = hdf_get_value(r->hdf, "Page.Reply.insert", "");

	page_set(r, "Page.Reply.body", *body ? arena_printf(&r->arena, "%s\n\n%s", body, text) : text);
	page_set(r, "Page.Reply.insert", *ins ? arena_printf(&r->arena, "%s\n\n%s", ins, text) : text);
	page_set(r, "Page.Reply.inserted", "1");
}

/* The standard answer cid with the ticket's placeholders filled in. */
static int
insert_canned(struct req *r, long long cid)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT body FROM canned_responses WHERE id = ?", "i", cid);
	const char *name = hdf_get_value(r->hdf, "Page.T.requester", "");
	const char *number = hdf_get_value(r->hdf, "Page.T.number", "");
	struct placeholder ph[7];
	size_t sp = strcspn(name, " ");

	if (res == NULL)
		return -1;
	if (res->nrows == 0) {
		form_error(r, "canned", "form.choice");
		return 0;
	}
	ph[0] = (struct placeholder){ "requester.name", name };
	ph[1] = (struct placeholder){ "requester.first_name", arena_strndup(&r->arena, name, sp) };
	ph[2] = (struct placeholder){ "requester.email",
		hdf_get_value(r->hdf, "Page.T.requester_email", "") };
	ph[3] = (struct placeholder){ "ticket.number", number };
	ph[4] = (struct placeholder){ "ticket.subject", hdf_get_value(r->hdf, "Page.T.subject", "") };
	ph[5] = (struct placeholder){ "ticket.url", arena_printf(&r->arena, "%s/tickets/%s",
		r->app->conf.base_url, number) };
	ph[6] = (struct placeholder){ "agent.name", r->user.name ? r->user.name : "" };
	reply_add(r, fill_placeholders(&r->arena, db_cell(res, 0, 0), ph, 7));
	page_int(r, "Page.Reply.canned", cid);
	return 0;
}

/* 1 if the viewer v may read article aid. -1 on error. */
static int
article_visible(struct req *r, const struct kb_viewer *v, long long aid)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM kb_articles a"
	    " WHERE a.id = ? AND" KB_VISIBLE_SQL, "i" KB_VISIBLE_TYPES, aid, KB_VISIBLE_ARGS(v));

	return res == NULL ? -1 : db_scalar(res, 0) > 0;
}

/* Articles the agent may read matching q, marked when the requester may not. */
static int
kb_find(struct req *r, const char *q, const char *lang, const struct kb_viewer *agent,
    const struct kb_viewer *requester)
{
	struct search_req sq;
	struct search_result res;
	size_t i;

	memset(&sq, 0, sizeof(sq));
	sq.q = q;
	sq.lang = lang;
	sq.viewer = agent;
	sq.type = sq.language = "";
	sq.limit = TOOLS_KB_HITS;
	if (search_run(r->db, &r->arena, &r->app->search, &sq, &res) < 0)
		return -1;
	page_set(r, "Page.Kb.query", q);
	page_int(r, "Page.Kb.count", (long long)res.nhits);
	for (i = 0; i < res.nhits; i++) {
		const struct search_hit *h = &res.hits[i];
		const char *url = arena_printf(&r->arena, "%s/kb/a/%lld-%s", r->app->conf.base_url,
		    h->id, h->slug);
		const char *pre = arena_printf(&r->arena, "Page.Kb.Hits.%lu", (unsigned long)i);
		int seen = article_visible(r, requester, h->id);

		if (seen < 0)
			return -1;
		page_int(r, arena_printf(&r->arena, "%s.id", pre), h->id);
		page_set(r, arena_printf(&r->arena, "%s.title", pre), h->title);
		page_set(r, arena_printf(&r->arena, "%s.url", pre), url);
		page_set(r, arena_printf(&r->arena, "%s.language", pre), h->language);
		page_set(r, arena_printf(&r->arena, "%s.insert", pre),
		    arena_printf(&r->arena, "%s: %s", h->title, url));
		if (!seen)
			page_set(r, arena_printf(&r->arena, "%s.hidden", pre), "1");
	}
	return 0;
}

/* "Title: URL" of article aid when the agent may read it. */
static int
insert_article(struct req *r, long long aid, const struct kb_viewer *agent)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT a.title, a.slug FROM kb_articles a"
	    " WHERE a.id = ? AND" KB_VISIBLE_SQL, "i" KB_VISIBLE_TYPES, aid, KB_VISIBLE_ARGS(agent));

	if (res == NULL)
		return -1;
	if (res->nrows == 0) {
		form_error(r, "article", "error.not_found");
		return 0;
	}
	reply_add(r, arena_printf(&r->arena, "%s: %s/kb/a/%lld-%s", db_cell(res, 0, 0),
	    r->app->conf.base_url, aid, db_cell(res, 0, 1)));
	return 0;
}

int
ticket_tools(struct req *r)
{
	struct kb_viewer agent, requester;
	struct db_res *res;
	const char *rlang, *kbq;
	long long canned, article;
	int ok = 1;

	res = db_query(r->db, &r->arena, "SELECT language, roles FROM users WHERE id = ?", "s",
	    hdf_get_value(r->hdf, "Page.T.requester_id", "0"));
	if (res == NULL)
		return -1;
	rlang = res->nrows ? db_cell(res, 0, 0) : "";
	if (view_lang_index(rlang) < 0)
		rlang = r->lang;
	kb_viewer_set(&agent, r->user.id, r->user.roles);
	kb_viewer_set(&requester, atoll(hdf_get_value(r->hdf, "Page.T.requester_id", "0")),
	    res->nrows ? sess_roles(db_cell(res, 0, 1)) : ROLE_REQUESTER);
	page_set(r, "Page.ReqLang", rlang);

	/* Standard answers, the requester's language first. */
	res = db_query(r->db, &r->arena, "SELECT id, title, language FROM canned_responses"
	    " ORDER BY language = ? DESC, language, title, id LIMIT ?", "si", rlang,
	    (long long)TOOLS_MAX_CANNED);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Canned", res);

	/* A reply refused for a mistake keeps what was typed. */
	if (r->method == M_POST && req_form(r, "body") != NULL)
		page_set(r, "Page.Reply.body", req_form(r, "body"));
	if (r->method != M_GET)
		return 0;
	canned = form_int(r, FORM_QUERY, "canned", 1, 1LL << 60, 0, &ok);
	article = form_int(r, FORM_QUERY, "article", 1, 1LL << 60, 0, &ok);
	kbq = form_line(r, FORM_QUERY, "kbq", 200, 0);
	if (canned > 0 && insert_canned(r, canned) < 0)
		return -1;
	if (article > 0 && insert_article(r, article, &agent) < 0)
		return -1;
	if (kbq != NULL && *kbq != '\0' && kb_find(r, kbq, rlang, &agent, &requester) < 0)
		return -1;
	if (hdf_get_value(r->hdf, "Page.Reply.inserted", NULL) != NULL)
		page_msg(r, "Page.Reply.notice", "tcfg.inserted");
	return 0;
}

/* ------------------------------------------------------------ on behalf */

/* Load the active account uid into Page.Behalf. 1 found, 0 not, -1 error. */
static int
behalf_load(struct req *r, long long uid)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT id, name, email FROM users"
	    " WHERE id = ? AND active = 1", "i", uid);

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	page_row(r, "Page.Behalf", res);
	return 1;
}

int
ticket_behalf_page(struct req *r)
{
	const char *who = form_line(r, FORM_QUERY, "who", 100, 0);
	const char *opened = form_line(r, FORM_QUERY, "opened", 20, 0);
	int ok = 1;
	long long uid = form_int(r, FORM_QUERY, "for", 1, 1LL << 60, 0, &ok);

	page_set(r, "Page.BehalfTool", "1");
	if (opened != NULL && *opened != '\0' && ticket_id(opened) > 0) {
		page_set(r, "Page.Opened", ticket_number(&r->arena, ticket_id(opened)));
		page_msg(r, "Page.Notice", "tcfg.opened");
	}
	if (uid > 0 && behalf_load(r, uid) < 0)
		return -1;
	if (who != NULL && *who != '\0') {
		const char *like = db_like(&r->arena, who);
		struct db_res *res = db_query(r->db, &r->arena, "SELECT id, name, email FROM users"
		    " WHERE active = 1 AND (name LIKE ? OR email LIKE ?) ORDER BY name, id LIMIT ?",
		    "ssi", like, like, (long long)BEHALF_MATCHES);

		if (res == NULL)
			return -1;
		page_rows(r, "Page.BehalfMatches", res);
		page_set(r, "Page.BehalfQuery", who);
		page_set(r, "Page.BehalfSearched", "1");
	}
	return 0;
}

int
ticket_behalf(struct req *r, long long *requester)
{
	const char *v = req_form(r, "for");
	char *end;
	long long uid;
	int found;

	page_set(r, "Page.BehalfTool", "1");
	if (v == NULL || *v == '\0')
		return 0;
	uid = strlen(v) <= 18 ? strtoll(v, &end, 10) : 0;
	found = uid > 0 && *end == '\0' ? behalf_load(r, uid) : 0;
	if (found < 0)
		return -1;
	if (found == 0) {
		form_error(r, "for", "tcfg.behalf_bad");
		return 0;
	}
	*requester = uid;
	return 0;
}

int
ticket_behalf_done(struct req *r, long long tid)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM tickets t"
	    " WHERE t.id = ? AND" TICKET_VISIBLE_SQL, "i" TICKET_VISIBLE_TYPES, tid,
	    TICKET_VISIBLE_ARGS(r));

	if (res == NULL)
		return -1;
	/* The agent follows it when it is in their reach; else it went to another team. */
	if (db_scalar(res, 0) > 0)
		return http_redirect(r, arena_printf(&r->arena, "/tickets/%s?created=1",
		    ticket_number(&r->arena, tid)));
	return http_redirect(r, arena_printf(&r->arena, "/tickets/new?opened=%s",
	    ticket_number(&r->arena, tid)));
}
