/* main.c - the admin program: configuration, users, reports, audit. */
#include "admin.h"
#include "http.h"

static int
to_admin(struct req *r)
{
	return http_redirect(r, "/admin/");
}

static const struct route routes[] = {
	{ M_GET, "/admin", to_admin, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/", admin_index, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/users", users_list, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/users", user_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/users/new", user_new_page, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/users/*", user_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/users/*", user_update, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/groups", groups_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/groups", group_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/audit", audit_page, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/mail", mailin_page, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/kb/categories", categories_page, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/reports", reports_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/kb/categories", category_create, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/kb/categories/*", category_update, ROLE_ADMIN, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("admin", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
