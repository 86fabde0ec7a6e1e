/* categories.c - /admin/kb/categories: the knowledge base's topic tree. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "kb.h"
#include "page.h"

static const char *const visibilities[] = { "public", "users", "internal", NULL };

int
categories_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, c.name_en, c.name_es, c.description_en, c.description_es,"
	    " c.position, c.visibility, COALESCE(c.parent_id, 0) AS parent_id, p.name_en AS parent,"
	    " (SELECT COUNT(*) FROM kb_articles a WHERE a.category_id = c.id) AS articles"
	    " FROM kb_categories c LEFT JOIN kb_categories p ON p.id = c.parent_id"
	    " ORDER BY COALESCE(p.position, c.position), COALESCE(p.id, c.id), p.id IS NOT NULL,"
	    " c.position, c.id", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Categories", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	page_msg(r, "Page.Title", "admin.categories");
	return view_page(r, "admin/categories.cs");
}

/* Save a category: id 0 creates. */
static int
save(struct req *r, long long id)
{
	const char *slug = form_line(r, FORM_BODY, "slug", 80, 1);
	const char *name_en = form_line(r, FORM_BODY, "name_en", 120, 1);
	const char *name_es = form_line(r, FORM_BODY, "name_es", 120, 1);
	const char *desc_en = form_line(r, FORM_BODY, "description_en", 500, 0);
	const char *desc_es = form_line(r, FORM_BODY, "description_es", 500, 0);
	const char *vis = form_choice(r, FORM_BODY, "visibility", visibilities, "public");
	int ok = 1;
	long long parent = form_int(r, FORM_BODY, "parent_id", 0, 1LL << 60, 0, &ok);
	long long pos = form_int(r, FORM_BODY, "position", -1000, 1000, 0, &ok);
	long long n;

	if (slug != NULL && *slug != '\0' && !kb_slug_ok(slug))
		form_error(r, "slug", "kbe.bad_slug");
	if (id != 0 && parent == id)
		form_error(r, "parent_id", "admin.parent_self");
	if (r->form_errors == 0 && parent != 0) {
		/* Two levels: a parent must itself be a top-level topic. */
		struct db_res *p = db_query(r->db, &r->arena,
		    "SELECT parent_id IS NULL FROM kb_categories WHERE id = ?", "i", parent);

		if (p == NULL)
			return -1;
		if (p->nrows == 0 || db_scalar(p, 0) != 1)
			form_error(r, "parent_id", "admin.parent_top");
	}
	if (r->form_errors == 0) {
		if (id == 0)
			n = db_exec(r->db, "INSERT INTO kb_categories (slug, parent_id, position, visibility,"
			    " name_en, name_es, description_en, description_es)"
			    " VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?)", "siisssss", slug, parent, pos,
			    vis, name_en, name_es, desc_en, desc_es);
		else
			n = db_exec(r->db, "UPDATE kb_categories SET slug = ?, parent_id = NULLIF(?, 0),"
			    " position = ?, visibility = ?, name_en = ?, name_es = ?, description_en = ?,"
			    " description_es = ? WHERE id = ?", "siisssssi", slug, parent, pos, vis,
			    name_en, name_es, desc_en, desc_es, id);
		if (n < 0 && !db_dup_key(r->db))
			return -1;
		if (n < 0)
			form_error(r, "slug", "kbe.slug_taken");
		/* The search index knows who may read each topic's articles. */
		else if (id != 0 ? kb_postings_levels(r->db, id) < 0 : kb_changed(r->db) < 0)
			return -1;
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.slug", req_form(r, "slug"));
		page_set(r, "Page.Form.name_en", req_form(r, "name_en"));
		page_set(r, "Page.Form.name_es", req_form(r, "name_es"));
		page_int(r, "Page.Form.id", id);
		return categories_page(r);
	}
	audit(r, id ? "kb.category_update" : "kb.category_create", slug, vis);
	return http_redirect(r, "/admin/kb/categories?saved=1");
}

int
category_create(struct req *r)
{
	return save(r, 0);
}

int
category_update(struct req *r)
{
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	struct db_res *res;

	if (*end != '\0' || id <= 0 || strlen(r->params[0]) > 18)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM kb_categories WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) == 0)
		return http_fail(r, 404, "error.not_found");
	return save(r, id);
}
