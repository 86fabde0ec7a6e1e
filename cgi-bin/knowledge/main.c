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

static int
to_edit(struct req *r)
{
	return http_redirect(r, "/kb/edit/");
}

/* Who may write and publish knowledge. */
#define EDITORS (ROLE_EDITOR | ROLE_ADMIN)

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
	{ M_GET, "/kb/files/*", kb_file, 0, 0 },
	{ M_GET, "/kb/files/*/*", kb_file, 0, 0 },
	{ M_GET, "/kb/edit", to_edit, EDITORS, 0 },
	{ M_GET, "/kb/edit/", kb_edit_home, EDITORS, 0 },
	{ M_GET, "/kb/edit/articles", kb_edit_list, EDITORS, 0 },
	{ M_GET, "/kb/edit/new", kb_edit_new, EDITORS, 0 },
	{ M_POST, "/kb/edit/new", kb_edit_create, EDITORS, 0 },
	{ M_GET, "/kb/edit/a/*", kb_edit_page, EDITORS, 0 },
	{ M_POST, "/kb/edit/a/*", kb_edit_update, EDITORS, 0 },
	{ M_GET, "/kb/edit/a/*/history", kb_edit_history, EDITORS, 0 },
	{ M_GET, "/kb/edit/a/*/v/*", kb_edit_version, EDITORS, 0 },
	{ M_GET, "/kb/edit/a/*/compare", kb_edit_compare, EDITORS, 0 },
	{ M_POST, "/kb/edit/a/*/restore", kb_edit_restore, EDITORS, 0 },
	{ M_POST, "/kb/edit/tasks/*/done", kb_edit_task_done, EDITORS, 0 },
	{ M_GET, "/kb/edit/synonyms", kb_edit_synonyms, EDITORS, 0 },
	{ M_POST, "/kb/edit/synonyms", kb_edit_synonym_add, EDITORS, 0 },
	{ M_POST, "/kb/edit/synonyms/*/delete", kb_edit_synonym_delete, EDITORS, 0 },
	{ M_GET, "/community", to_community, 0, 0 },
	{ M_GET, "/community/", community_index, 0, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("knowledge", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
