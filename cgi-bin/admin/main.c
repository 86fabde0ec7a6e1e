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
	/* Teams, ticket topics, priority matrix, canned responses (ticketcfg.c, groups.c). */
	{ M_GET, "/admin/groups/*", group_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/groups/*", group_update, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/groups/*/members", group_member_add, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/groups/*/members/*/remove", group_member_remove, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/tickets/categories", tcfg_categories, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories", tcfg_category_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/tickets/categories/*", tcfg_category_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*", tcfg_category_update, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*/move", tcfg_category_move, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*/fields", tcfg_field_create, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*/fields/*", tcfg_field_update, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*/fields/*/delete", tcfg_field_delete, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/categories/*/fields/*/move", tcfg_field_move, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/tickets/matrix", tcfg_matrix, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/matrix", tcfg_matrix_save, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/tickets/canned", tcfg_canned, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/canned", tcfg_canned_create, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/canned/*", tcfg_canned_update, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/canned/*/delete", tcfg_canned_delete, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/tickets/settings", tsettings_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/settings", tsettings_save, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/tickets/departments", tsettings_dept_add, ROLE_ADMIN, 0 },
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
	{ M_POST, "/admin/users/*/tokens/*/revoke", user_token_revoke, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/webhooks", webhooks_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/webhooks", webhook_create, ROLE_ADMIN, 0 },
	{ M_GET, "/admin/webhooks/*", webhook_page, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/webhooks/*", webhook_update, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/webhooks/*/secret", webhook_secret, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/webhooks/*/delete", webhook_delete, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/webhooks/*/deliveries/*/retry", webhook_retry, ROLE_ADMIN, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("admin", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
