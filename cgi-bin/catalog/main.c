/* main.c - the catalog program: things people can ask for, forms, approvals. */
#include "http.h"
#include "page.h"

/* /catalog/: what can be requested. */
static int
catalog_index(struct req *r)
{
	page_msg(r, "Page.Title", "catalog.title");
	return view_page(r, "catalog/index.cs");
}

static int
to_catalog(struct req *r)
{
	return http_redirect(r, "/catalog/");
}

static const struct route routes[] = {
	{ M_GET, "/catalog", to_catalog, 0, 0 },
	{ M_GET, "/catalog/", catalog_index, 0, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("catalog", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
