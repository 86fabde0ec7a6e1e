/* main.c - the knowledge program: articles, categories, search, community. */
#include "http.h"
#include "page.h"

/* /kb/: the knowledge base's front page. */
static int
kb_index(struct req *r)
{
	page_msg(r, "Page.Title", "kb.title");
	page_set(r, "Page.Query", req_query(r, "q"));
	return view_page(r, "knowledge/index.cs");
}

/* /community/: questions and answers between users. */
static int
community_index(struct req *r)
{
	page_msg(r, "Page.Title", "community.title");
	return view_page(r, "knowledge/community.cs");
}

static int
to_kb(struct req *r)
{
	return http_redirect(r, "/kb/");
}

static int
to_community(struct req *r)
{
	return http_redirect(r, "/community/");
}

static const struct route routes[] = {
	{ M_GET, "/kb", to_kb, 0, 0 },
	{ M_GET, "/kb/", kb_index, 0, 0 },
	{ M_GET, "/community", to_community, 0, 0 },
	{ M_GET, "/community/", community_index, 0, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("knowledge", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
