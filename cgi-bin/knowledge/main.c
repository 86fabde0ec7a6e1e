/* main.c - the knowledge program: articles, categories, search, editor, community. */
#include "http.h"
#include "knowledge.h"

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
	{ M_GET, "/kb/", kb_home, 0, 0 },
	{ M_GET, "/kb/c/*", kb_category, 0, 0 },
	{ M_GET, "/kb/a/*", kb_article, 0, 0 },
	{ M_POST, "/kb/a/*/feedback", kb_feedback, 0, 0 },
	{ M_POST, "/kb/a/*/feedback/*", kb_feedback_why, 0, 0 },
	{ M_GET, "/kb/search", kb_search_page, 0, 0 },
	{ M_GET, "/kb/suggest", kb_suggest, 0, RF_JSON },
	{ M_GET, "/api/v1/kb/search", kb_api_search, 0, RF_JSON },
	{ M_GET, "/api/v1/kb/articles/*", kb_article, 0, RF_JSON },
	{ M_GET, "/community", to_community, 0, 0 },
	{ M_GET, "/community/", community_index, 0, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("knowledge", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
