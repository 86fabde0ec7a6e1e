/* admin.h - the admin program's pages. */
#ifndef VT_ADMIN_H
#define VT_ADMIN_H

#include "app.h"

int admin_index(struct req *r);
int users_list(struct req *r);
int user_new_page(struct req *r);
int user_create(struct req *r);
int user_page(struct req *r);
int user_update(struct req *r);
int groups_page(struct req *r);
int group_create(struct req *r);
int audit_page(struct req *r);
/* /admin/mail: incoming mail and its outcome (mailin.c). */
int mailin_page(struct req *r);
int categories_page(struct req *r);
int reports_page(struct req *r);
int category_create(struct req *r);
int category_update(struct req *r);
/* groups.c: one team's page and its members */
int group_page(struct req *r);
int group_update(struct req *r);
int group_member_add(struct req *r);
int group_member_remove(struct req *r);
/* ticketcfg.c: ticket topics and their fields, priority matrix, canned responses */
int tcfg_categories(struct req *r);
int tcfg_category_create(struct req *r);
int tcfg_category_page(struct req *r);
int tcfg_category_update(struct req *r);
int tcfg_category_move(struct req *r);
int tcfg_field_create(struct req *r);
int tcfg_field_update(struct req *r);
int tcfg_field_delete(struct req *r);
int tcfg_field_move(struct req *r);
int tcfg_matrix(struct req *r);
int tcfg_matrix_save(struct req *r);
int tcfg_canned(struct req *r);
int tcfg_canned_create(struct req *r);
int tcfg_canned_update(struct req *r);
int tcfg_canned_delete(struct req *r);
/* sla.c: targets, calendars, escalation rules. */
int sla_page(struct req *r);
int sla_policies_save(struct req *r);
int sla_calendar_create(struct req *r);
int sla_calendar_page(struct req *r);
int sla_calendar_save(struct req *r);
int sla_calendar_delete(struct req *r);
int sla_holiday_add(struct req *r);
int sla_holiday_remove(struct req *r);
int sla_rule_new(struct req *r);
int sla_rule_create(struct req *r);
int sla_rule_page(struct req *r);
int sla_rule_save(struct req *r);
int sla_rule_action(struct req *r);
/* tokens.c and webhooks.c */
int user_token_revoke(struct req *r);
int webhooks_page(struct req *r);
int webhook_create(struct req *r);
int webhook_page(struct req *r);
int webhook_update(struct req *r);
int webhook_secret(struct req *r);
int webhook_delete(struct req *r);
int webhook_retry(struct req *r);
/* ticketsettings.c: request visibility (department peers) and departments;
 * dept_fill puts the departments into Page.Departments (0/-1); dept_field reads
 * the form's "department" (0 = none) into *id, recording a field error for an
 * unknown one (0/-1). */
int tsettings_page(struct req *r);
int tsettings_save(struct req *r);
int tsettings_dept_add(struct req *r);
int dept_fill(struct req *r);
int dept_field(struct req *r, long long *id);

#endif
