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

#endif
