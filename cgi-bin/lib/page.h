/* page.h - filling the request's HDF: values, rows from queries, translated
 * messages, and the shared chrome (user, navigation, language, form token). */
#ifndef VT_PAGE_H
#define VT_PAGE_H

#include "app.h"

/* Set HDF name to value (NULL sets ""). Copies. */
void page_set(struct req *r, const char *name, const char *value);
/* printf into HDF name. */
void page_setf(struct req *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Set HDF name to a number. */
void page_int(struct req *r, const char *name, long long v);
/* Copy every row of res to prefix.<i>.<column> (NULL cells are left unset). */
void page_rows(struct req *r, const char *prefix, const struct db_res *res);
/* Copy row 0 of res to prefix.<column>; nothing if no row. */
void page_row(struct req *r, const char *prefix, const struct db_res *res);
/* The translated string for key in the request's language. */
const char *page_text(const struct req *r, const char *key);
/* Set HDF name to the translated string for key. */
void page_msg(struct req *r, const char *name, const char *key);
/* Choose the template to render; returns 200 (or the status already set). */
int view_page(struct req *r, const char *tmpl);
/* Fill the shared chrome: Site.*, User.*, Lang, CSRF, Path, Nav. Called by
 * the dispatcher before the handler. */
void page_chrome(struct req *r);
/* Pagination: reads ?page=, sets Page.Pager.* for total rows and per page, and
 * returns the offset for LIMIT ? OFFSET ?. */
long long page_pager(struct req *r, long long total, long long per_page);

#endif
