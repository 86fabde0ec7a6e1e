/* page.c - HDF helpers and the shared chrome every page gets. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

void
page_set(struct req *r, const char *name, const char *value)
{
	NEOERR *e = hdf_set_value(r->hdf, name, value ? value : "");

	if (e != STATUS_OK)
		view_nerr(e, name);
}

void
page_setf(struct req *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(&r->arena, fmt, ap);
	va_end(ap);
	page_set(r, name, s);
}

void
page_int(struct req *r, const char *name, long long v)
{
	page_setf(r, name, "%lld", v);
}

void
page_rows(struct req *r, const char *prefix, const struct db_res *res)
{
	char name[256];
	size_t i, j;

	if (res == NULL)
		return;
	for (i = 0; i < res->nrows; i++) {
		for (j = 0; j < res->ncols; j++) {
			const char *v = db_cell(res, i, j);

			if (v == NULL)
				continue;
			snprintf(name, sizeof(name), "%s.%lu.%s", prefix,
			    (unsigned long)i, res->names[j]);
			page_set(r, name, v);
		}
	}
}

void
page_row(struct req *r, const char *prefix, const struct db_res *res)
{
	char name[256];
	size_t j;

	if (res == NULL || res->nrows == 0)
		return;
	for (j = 0; j < res->ncols; j++) {
		const char *v = db_cell(res, 0, j);

		if (v == NULL)
			continue;
		snprintf(name, sizeof(name), "%s.%s", prefix, res->names[j]);
		page_set(r, name, v);
	}
}

const char *
page_text(const struct req *r, const char *key)
{
	return view_text(&r->app->view, r->lang, key);
}

void
page_msg(struct req *r, const char *name, const char *key)
{
	page_set(r, name, page_text(r, key));
}

int
view_page(struct req *r, const char *tmpl)
{
	r->tmpl = tmpl;
	if (r->status == 0)
		r->status = 200;
	return r->status;
}

void
page_chrome(struct req *r)
{
	const struct conf *c = &r->app->conf;
	static const struct {
		unsigned role;
		const char *name;
	} roles[] = {
		{ ROLE_AGENT, "User.IsAgent" },
		{ ROLE_EDITOR, "User.IsEditor" },
		{ ROLE_APPROVER, "User.IsApprover" },
		{ ROLE_ADMIN, "User.IsAdmin" },
	};
	size_t i;

	page_set(r, "Site.Name", c->site_name);
	page_set(r, "Site.Contact", c->contact);
	page_set(r, "Lang", r->lang);
	page_set(r, "OtherLang", strcmp(r->lang, "es") == 0 ? "en" : "es");
	page_set(r, "Path", r->path);
	page_set(r, "Uri", r->uri);
	page_set(r, "Program", r->app->name);
	page_set(r, "CSRF", r->csrf);
	page_set(r, "RequestId", r->id);
	page_int(r, "MinPassword", c->password_min_length);
	if (r->user.id != 0) {
		page_int(r, "User.Id", r->user.id);
		page_set(r, "User.Name", r->user.name);
		page_set(r, "User.Email", r->user.email);
		for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			if (r->user.roles & roles[i].role)
				page_set(r, roles[i].name, "1");
	}
}

long long
page_pager(struct req *r, long long total, long long per_page)
{
	const char *p = req_query(r, "page");
	long long page = 1, pages;

	if (p != NULL && strlen(p) < 9)
		page = strtoll(p, NULL, 10);
	pages = total > 0 ? (total + per_page - 1) / per_page : 1;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	page_int(r, "Page.Pager.Page", page);
	page_int(r, "Page.Pager.Pages", pages);
	page_int(r, "Page.Pager.Total", total);
	if (page > 1)
		page_int(r, "Page.Pager.Prev", page - 1);
	if (page < pages)
		page_int(r, "Page.Pager.Next", page + 1);
	return (page - 1) * per_page;
}
