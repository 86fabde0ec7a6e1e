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
	{ M_GET, "/admin/kb/categories", categories_page, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/reports", reports_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/kb/categories", category_create, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/kb/categories/*", category_update, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/sla", sla_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/policies", sla_policies_save, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/calendars", sla_calendar_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/sla/calendars/*", sla_calendar_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/calendars/*", sla_calendar_save, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/calendars/*/delete", sla_calendar_delete, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/calendars/*/holidays", sla_holiday_add, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/calendars/*/holidays/remove", sla_holiday_remove, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/sla/rules/new", sla_rule_new, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/rules", sla_rule_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/sla/rules/*", sla_rule_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/rules/*", sla_rule_save, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/sla/rules/*/action", sla_rule_action, ROLE_ADMIN, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("admin", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
