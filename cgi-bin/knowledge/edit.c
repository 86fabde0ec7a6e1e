/* edit.c - the editors' side: dashboard, write and publish, history,
 * compare and restore, review tasks, synonyms, attached files. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "knowledge.h"
#include "page.h"
#include "text.h"
#include "upload.h"

#define EDIT_MAX_BODY 200000
#define EDIT_MAX_FILE (5 << 20)
#define EDIT_MAX_FILES 20
#define DIFF_MAX_LINES 1500

static const char *const types[] = { "howto", "troubleshooting", "faq", "reference", NULL };
static const char *const langs[] = { "en", "es", NULL };
static const char *const visibilities[] = { "public", "users", "internal", NULL };

int
kb_edit_home(struct req *r)
{
	struct db_res *res;

	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.title, a.status, a.language, DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated"
	    " FROM kb_articles a WHERE a.status IN ('draft', 'review') ORDER BY a.status = 'review' DESC,"
	    " a.updated_at DESC LIMIT 50", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Work", res);
	res = db_query(r->db, &r->arena,
	    "SELECT t.id, t.reason, t.comment, a.id AS article_id, a.title,"
	    " DATE_FORMAT(t.created_at, '%Y-%m-%d') AS created, u.name AS owner"
	    " FROM kb_review_tasks t JOIN kb_articles a ON a.id = t.article_id"
	    " LEFT JOIN users u ON u.id = t.owner_id WHERE t.status = 'open'"
	    " ORDER BY t.owner_id = ? DESC, t.created_at LIMIT 50", "i", r->user.id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tasks", res);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.title, DATE_FORMAT(a.review_by, '%Y-%m-%d') AS review_by"
	    " FROM kb_articles a WHERE a.status = 'published' AND a.review_by <= UTC_DATE()"
	    " ORDER BY a.review_by LIMIT 50", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Due", res);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.title, a.language, s.id AS source_id, s.title AS source_title"
	    " FROM kb_articles a JOIN kb_articles s ON s.id = a.translation_of"
	    " WHERE s.version > a.source_version AND a.status <> 'retired'"
	    " ORDER BY s.updated_at DESC LIMIT 50", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Outdated", res);
	res = db_query(r->db, &r->arena,
	    "SELECT MAX(query) AS query, COUNT(*) AS n FROM kb_search_log"
	    " WHERE results = 0 AND at > UTC_TIMESTAMP() - INTERVAL 30 DAY"
	    " GROUP BY query_folded ORDER BY n DESC LIMIT 20", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.NoResults", res);
	res = db_query(r->db, &r->arena,
	    "SELECT MAX(query) AS query, COUNT(*) AS n FROM kb_search_log"
	    " WHERE ticket_after = 1 AND at > UTC_TIMESTAMP() - INTERVAL 30 DAY"
	    " GROUP BY query_folded ORDER BY n DESC LIMIT 20", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.TicketAfter", res);
	page_msg(r, "Page.Title", "kbe.title");
	return view_page(r, "knowledge/edit_home.cs");
}

int
kb_edit_list(struct req *r)
{
	static const char *const states[] = { "", "draft", "review", "published", "retired", NULL };
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	const char *status = form_choice(r, FORM_QUERY, "status", states, "");
	const char *like;
	struct db_res *res;
	long long off;

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	like = db_like(&r->arena, q);
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM kb_articles a"
	    " WHERE (a.title LIKE ? OR a.slug LIKE ?) AND (? = '' OR a.status = ?)", "ssss",
	    like, like, status, status);
	if (res == NULL)
		return -1;
	off = page_pager(r, db_scalar(res, 0), 50);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.title, a.status, a.language, a.visibility, a.views, a.helpful_yes,"
	    " a.helpful_no, DATE_FORMAT(a.updated_at, '%Y-%m-%d') AS updated"
	    " FROM kb_articles a WHERE (a.title LIKE ? OR a.slug LIKE ?) AND (? = '' OR a.status = ?)"
	    " ORDER BY a.updated_at DESC LIMIT 50 OFFSET ?", "ssssi", like, like, status, status, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Articles", res);
	page_set(r, "Page.Query", q);
	page_set(r, "Page.Status", status);
	page_msg(r, "Page.Title", "kbe.all");
	return view_page(r, "knowledge/edit_list.cs");
}

/* Choices for the form: categories, teams, owners, possible sources. */
static int
form_lists(struct req *r, long long id)
{
	struct db_res *res;

	res = db_query(r->db, &r->arena, "SELECT c.id, IF(? = 'es', c.name_es, c.name_en) AS name,"
	    " p.id AS parent FROM kb_categories c LEFT JOIN kb_categories p ON p.id = c.parent_id"
	    " ORDER BY COALESCE(p.position, c.position), p.id IS NOT NULL, c.position", "s", r->lang);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Categories", res);
	res = db_query(r->db, &r->arena, "SELECT g.id, g.name, (ag.article_id IS NOT NULL) AS member"
	    " FROM `groups` g LEFT JOIN kb_article_groups ag ON ag.group_id = g.id AND ag.article_id = ?"
	    " ORDER BY g.name", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Groups", res);
	res = db_query(r->db, &r->arena, "SELECT d.id, d.name, (ad.article_id IS NOT NULL) AS member"
	    " FROM departments d LEFT JOIN kb_article_departments ad ON ad.department_id = d.id"
	    " AND ad.article_id = ? ORDER BY d.name", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Departments", res);
	res = db_query(r->db, &r->arena, "SELECT id, name FROM users WHERE active = 1 AND"
	    " (FIND_IN_SET('editor', roles) OR FIND_IN_SET('admin', roles)) ORDER BY name", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Owners", res);
	res = db_query(r->db, &r->arena, "SELECT id, title, language FROM kb_articles"
	    " WHERE translation_of IS NULL AND id <> ? AND status <> 'retired' ORDER BY title", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Sources", res);
	res = db_query(r->db, &r->arena, "SELECT id, filename, content_type, size FROM kb_files"
	    " WHERE article_id = ? ORDER BY id", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Files", res);
	return 0;
}

/* Show the edit form for article id (0 = new); Page.A holds the values. */
static int
show_form(struct req *r, long long id)
{
	if (form_lists(r, id) < 0)
		return -1;
	page_int(r, "Page.A.id", id);
	page_msg(r, "Page.Title", id ? "kbe.edit" : "kbe.new");
	return view_page(r, "knowledge/edit_form.cs");
}

int
kb_edit_new(struct req *r)
{
	const char *title = form_line(r, FORM_QUERY, "title", 200, 0);
	const char *lang = form_choice(r, FORM_QUERY, "language", langs, r->lang);
	int ok = 1;
	long long src = form_int(r, FORM_QUERY, "translation_of", 0, 1LL << 60, 0, &ok);

	if (r->form_errors)
		return http_fail(r, 400, "error.bad_request");
	page_set(r, "Page.A.title", title);
	page_set(r, "Page.A.language", lang);
	page_set(r, "Page.A.type", "howto");
	page_set(r, "Page.A.visibility", "public");
	page_set(r, "Page.A.status", "draft");
	page_int(r, "Page.A.owner_id", r->user.id);
	if (src > 0) {
		struct db_res *res = db_query(r->db, &r->arena,
		    "SELECT id AS translation_of, category_id, type, visibility, tags, keywords, body_md,"
		    " IF(language = 'es', 'en', 'es') AS language, title FROM kb_articles WHERE id = ?",
		    "i", src);

		if (res == NULL)
			return -1;
		page_row(r, "Page.A", res);
	}
	return show_form(r, 0);
}

int
kb_edit_page(struct req *r)
{
	long long id = kb_param_id(r->params[0]);
	struct db_res *res;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.slug, a.title, a.body_md, COALESCE(a.category_id, 0) AS category_id,"
	    " a.type, a.language, COALESCE(a.translation_of, 0) AS translation_of, a.tags,"
	    " a.keywords, a.visibility, a.status, COALESCE(a.owner_id, 0) AS owner_id,"
	    " COALESCE(DATE_FORMAT(a.review_by, '%Y-%m-%d'), '') AS review_by, a.version,"
	    " DATE_FORMAT(a.updated_at, '%Y-%m-%d %H:%i') AS updated, a.views, a.helpful_yes,"
	    " a.helpful_no FROM kb_articles a WHERE a.id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.A", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "kbe.saved");
	return show_form(r, id);
}

/* Transaction context for saving an article with its teams. */
struct save_tx {
	struct req *r;
	struct kb_article art;
	long long groups[64];
	size_t ngroups;
	long long departments[64];
	size_t ndepartments;
};

static int
save_tx(struct db *db, void *ctx)
{
	struct save_tx *t = ctx;

	/* Saving what a review task pointed at does not close it: the editor does. */
	t->art.set_restrictions = 1;
	t->art.groups = t->groups;
	t->art.ngroups = t->ngroups;
	t->art.departments = t->departments;
	t->art.ndepartments = t->ndepartments;
	return kb_save(db, &t->r->arena, &t->art);
}

/* Read the article form into t; returns 0 or the number of field errors. */
static int
read_form(struct req *r, struct save_tx *t, long long id)
{
	static const char *const actions[] = { "save", "preview", "review", "publish", "retire", NULL };
	const struct field *f;
	const char *slug, *action, *review;
	int ok = 1;

	memset(t, 0, sizeof(*t));
	t->r = r;
	t->art.id = id;
	t->art.title = form_line(r, FORM_BODY, "title", 200, 1);
	slug = form_line(r, FORM_BODY, "slug", 120, 0);
	t->art.body_md = form_text(r, FORM_BODY, "body", EDIT_MAX_BODY, 1);
	t->art.category_id = form_int(r, FORM_BODY, "category_id", 0, 1LL << 60, 0, &ok);
	t->art.type = form_choice(r, FORM_BODY, "type", types, "howto");
	t->art.language = form_choice(r, FORM_BODY, "language", langs, "en");
	t->art.translation_of = form_int(r, FORM_BODY, "translation_of", 0, 1LL << 60, 0, &ok);
	t->art.tags = form_line(r, FORM_BODY, "tags", 500, 0);
	t->art.keywords = form_line(r, FORM_BODY, "keywords", 1000, 0);
	t->art.visibility = form_choice(r, FORM_BODY, "visibility", visibilities, "public");
	t->art.owner_id = form_int(r, FORM_BODY, "owner_id", 0, 1LL << 60, 0, &ok);
	review = form_line(r, FORM_BODY, "review_by", 10, 0);
	t->art.note = form_line(r, FORM_BODY, "note", 300, 0);
	t->art.editor_id = r->user.id;
	action = form_choice(r, FORM_BODY, "action", actions, "save");
	if (review != NULL && *review != '\0') {
		if (strlen(review) != 10 || review[4] != '-' || review[7] != '-' ||
		    strspn(review, "0123456789-") != 10)
			form_error(r, "review_by", "kbe.bad_date");
		else
			t->art.review_by = review;
	}
	if (slug != NULL && *slug != '\0' && !kb_slug_ok(slug))
		form_error(r, "slug", "kbe.bad_slug");
	if (r->form_errors)
		return r->form_errors;
	t->art.slug = *slug != '\0' ? slug : kb_slugify(&r->arena, t->art.title);
	if (t->art.translation_of == id)
		t->art.translation_of = 0;
	for (f = r->form; f != NULL; f = f->next) {
		int is_id = f->len > 0 && f->len < 19 && strspn(f->value, "0123456789") == f->len;

		if (is_id && strcmp(f->name, "group") == 0 && t->ngroups < 64)
			t->groups[t->ngroups++] = strtoll(f->value, NULL, 10);
		else if (is_id && strcmp(f->name, "department") == 0 && t->ndepartments < 64)
			t->departments[t->ndepartments++] = strtoll(f->value, NULL, 10);
	}
	t->art.status = strcmp(action, "review") == 0 ? "review" :
	    strcmp(action, "publish") == 0 ? "published" :
	    strcmp(action, "retire") == 0 ? "retired" : NULL;
	page_set(r, "Page.Action", action);
	return 0;
}

/* Put the posted values back into Page.A for showing the form again. */
static void
echo_form(struct req *r, long long id)
{
	static const char *const names[] = { "title", "slug", "body", "category_id", "type",
		"language", "translation_of", "tags", "keywords", "visibility", "owner_id",
		"review_by", "note" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		page_set(r, arena_printf(&r->arena, "Page.A.%s", strcmp(names[i], "body") == 0 ?
		    "body_md" : names[i]), req_form(r, names[i]));
	page_int(r, "Page.A.id", id);
}

/* Save an uploaded file of the form (field "file") to article id. */
static int
save_upload(struct req *r, long long id)
{
	const struct field *f;
	const char *type;
	struct db_res *res;

	for (f = r->form; f != NULL; f = f->next)
		if (strcmp(f->name, "file") == 0 && f->filename != NULL)
			break;
	if (f == NULL || f->len == 0)
		return 0;
	if (f->len > EDIT_MAX_FILE) {
		form_error(r, "file", "kbe.file_too_big");
		return 0;
	}
	/* The type comes from the bytes, never from the browser's word. */
	type = upload_type(f->value, f->len);
	if (type == NULL) {
		form_error(r, "file", "kbe.file_type");
		return 0;
	}
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM kb_files WHERE article_id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) >= EDIT_MAX_FILES) {
		form_error(r, "file", "kbe.too_many_files");
		return 0;
	}
	if (db_exec(r->db, "INSERT INTO kb_files (article_id, filename, content_type, size, data,"
	    " uploaded_by) VALUES (?, ?, ?, ?, ?, ?)", "issibi", id, f->filename, type,
	    (long long)f->len, f->value, f->len, r->user.id) < 0)
		return -1;
	audit(r, "kb.file_upload", arena_printf(&r->arena, "article %lld", id), f->filename);
	return 0;
}

/* POST /kb/edit/new and /kb/edit/a/<id>: save, preview or change status. */
static int
save(struct req *r, long long id)
{
	struct save_tx t;
	struct db_res *res;
	char *html, *plain;
	int rc;

	if (read_form(r, &t, id) > 0) {
		r->status = 422;
		echo_form(r, id);
		return show_form(r, id);
	}
	if (strcmp(hdf_get_value(r->hdf, "Page.Action", ""), "preview") == 0) {
		echo_form(r, id);
		kb_render(&r->arena, t.art.body_md, &html, &plain);
		page_set(r, "Page.Preview", html);
		return show_form(r, id);
	}
	if (t.art.status == NULL) {
		/* Plain "save": keep the current status (new articles start as drafts). */
		res = id ? db_query(r->db, &r->arena, "SELECT status FROM kb_articles WHERE id = ?",
		    "i", id) : NULL;
		if (id && (res == NULL || res->nrows == 0))
			return res == NULL ? -1 : http_fail(r, 404, "error.not_found");
		t.art.status = id ? db_cell(res, 0, 0) : "draft";
	}
	rc = db_tx(r->db, save_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		form_error(r, "slug", "kbe.slug_taken");
		r->status = 422;
		echo_form(r, id);
		return show_form(r, id);
	}
	audit(r, id ? "kb.update" : "kb.create", t.art.slug, t.art.status);
	if (save_upload(r, t.art.id) < 0)
		return -1;
	if (r->form_errors) {
		/* The article is saved; only the file was refused. */
		r->status = 422;
		return kb_edit_page_id(r, t.art.id);
	}
	return http_redirect(r, arena_printf(&r->arena, "/kb/edit/a/%lld?saved=1", t.art.id));
}

int
kb_edit_create(struct req *r)
{
	return save(r, 0);
}

int
kb_edit_update(struct req *r)
{
	long long id = kb_param_id(r->params[0]);

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	return save(r, id);
}

int
kb_edit_page_id(struct req *r, long long id)
{
	r->params[0] = arena_printf(&r->arena, "%lld", id);
	r->nparams = 1;
	return kb_edit_page(r);
}

int
kb_edit_history(struct req *r)
{
	long long id = kb_param_id(r->params[0]);
	struct db_res *res;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT id, title, version FROM kb_articles WHERE id = ?",
	    "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.A", res);
	res = db_query(r->db, &r->arena,
	    "SELECT v.version, v.title, v.status, v.note, u.name AS editor,"
	    " DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i') AS at, LENGTH(v.body_md) AS size"
	    " FROM kb_versions v LEFT JOIN users u ON u.id = v.editor_id WHERE v.article_id = ?"
	    " ORDER BY v.version DESC", "i", id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Versions", res);
	page_msg(r, "Page.Title", "kbe.history");
	return view_page(r, "knowledge/edit_history.cs");
}

int
kb_edit_version(struct req *r)
{
	long long id = kb_param_id(r->params[0]), v = kb_param_id(r->params[1]);
	struct db_res *res;
	char *html, *plain;

	if (id == 0 || v == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena,
	    "SELECT v.article_id AS id, v.version, v.title, v.body_md, v.tags, v.keywords, v.status,"
	    " v.note, u.name AS editor, DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i') AS at"
	    " FROM kb_versions v LEFT JOIN users u ON u.id = v.editor_id"
	    " WHERE v.article_id = ? AND v.version = ?", "ii", id, v);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.V", res);
	kb_render(&r->arena, db_field(res, 0, "body_md"), &html, &plain);
	page_set(r, "Page.V.html", html);
	page_msg(r, "Page.Title", "kbe.version");
	return view_page(r, "knowledge/edit_version.cs");
}

/* Split s into lines (in place, arena copy); returns the count (<= max). */
static size_t
lines(struct arena *a, const char *s, const char **out, size_t max)
{
	char *c = arena_strdup(a, s), *p = c;
	size_t n = 0;

	while (*p != '\0' && n < max) {
		out[n++] = p;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

int
kb_edit_compare(struct req *r)
{
	long long id = kb_param_id(r->params[0]);
	int ok = 1;
	long long from = form_int(r, FORM_QUERY, "from", 1, 1000000, 0, &ok);
	long long to = form_int(r, FORM_QUERY, "to", 1, 1000000, 0, &ok);
	struct db_res *a, *b;
	const char **la, **lb;
	size_t na, nb, i, j, k = 0;
	unsigned short *dp;

	if (id == 0 || !ok || from == 0 || to == 0)
		return http_fail(r, 400, "error.bad_request");
	a = db_query(r->db, &r->arena, "SELECT body_md, title FROM kb_versions"
	    " WHERE article_id = ? AND version = ?", "ii", id, from);
	b = db_query(r->db, &r->arena, "SELECT body_md, title FROM kb_versions"
	    " WHERE article_id = ? AND version = ?", "ii", id, to);
	if (a == NULL || b == NULL)
		return -1;
	if (a->nrows == 0 || b->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	la = arena_alloc(&r->arena, sizeof(char *) * DIFF_MAX_LINES);
	lb = arena_alloc(&r->arena, sizeof(char *) * DIFF_MAX_LINES);
	na = lines(&r->arena, db_cell(a, 0, 0), la, DIFF_MAX_LINES);
	nb = lines(&r->arena, db_cell(b, 0, 0), lb, DIFF_MAX_LINES);
	/* Longest common subsequence of lines, then walk it to list the changes. */
	dp = arena_zalloc(&r->arena, sizeof(*dp) * (na + 1) * (nb + 1));
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			dp[i * (nb + 1) + j] = strcmp(la[i], lb[j]) == 0 ?
			    (unsigned short)(dp[(i + 1) * (nb + 1) + j + 1] + 1) :
			    dp[(i + 1) * (nb + 1) + j] > dp[i * (nb + 1) + j + 1] ?
			    dp[(i + 1) * (nb + 1) + j] : dp[i * (nb + 1) + j + 1];
	for (i = 0, j = 0; i < na || j < nb; k++) {
		const char *base = arena_printf(&r->arena, "Page.Diff.%lu", (unsigned long)k);

		if (i < na && j < nb && strcmp(la[i], lb[j]) == 0) {
			page_set(r, arena_printf(&r->arena, "%s.op", base), "same");
			page_set(r, arena_printf(&r->arena, "%s.text", base), la[i]);
			i++;
			j++;
		} else if (i < na && (j == nb || dp[(i + 1) * (nb + 1) + j] >= dp[i * (nb + 1) + j + 1])) {
			page_set(r, arena_printf(&r->arena, "%s.op", base), "del");
			page_set(r, arena_printf(&r->arena, "%s.text", base), la[i]);
			i++;
		} else {
			page_set(r, arena_printf(&r->arena, "%s.op", base), "add");
			page_set(r, arena_printf(&r->arena, "%s.text", base), lb[j]);
			j++;
		}
	}
	page_int(r, "Page.A.id", id);
	page_int(r, "Page.From", from);
	page_int(r, "Page.To", to);
	page_set(r, "Page.FromTitle", db_cell(a, 0, 1));
	page_set(r, "Page.ToTitle", db_cell(b, 0, 1));
	page_msg(r, "Page.Title", "kbe.compare");
	return view_page(r, "knowledge/edit_compare.cs");
}

/* Transaction: restore an old version as the newest one. */
struct restore_tx {
	struct req *r;
	long long id, version;
};

static int
restore_tx(struct db *db, void *ctx)
{
	struct restore_tx *t = ctx;
	struct kb_article art;
	struct db_res *res;

	res = db_query(db, &t->r->arena,
	    "SELECT a.slug, COALESCE(a.category_id, 0), a.type, a.language,"
	    " COALESCE(a.translation_of, 0), v.title, v.body_md, v.tags, v.keywords, a.visibility,"
	    " a.status, COALESCE(a.owner_id, 0), DATE_FORMAT(a.review_by, '%Y-%m-%d')"
	    " FROM kb_articles a JOIN kb_versions v ON v.article_id = a.id AND v.version = ?"
	    " WHERE a.id = ? FOR UPDATE", "ii", t->version, t->id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 1;
	memset(&art, 0, sizeof(art));
	art.id = t->id;
	art.slug = db_cell(res, 0, 0);
	art.category_id = strtoll(db_cell(res, 0, 1), NULL, 10);
	art.type = db_cell(res, 0, 2);
	art.language = db_cell(res, 0, 3);
	art.translation_of = strtoll(db_cell(res, 0, 4), NULL, 10);
	art.title = db_cell(res, 0, 5);
	art.body_md = db_cell(res, 0, 6);
	art.tags = db_cell(res, 0, 7);
	art.keywords = db_cell(res, 0, 8);
	art.visibility = db_cell(res, 0, 9);
	art.status = db_cell(res, 0, 10);
	art.owner_id = strtoll(db_cell(res, 0, 11), NULL, 10);
	art.review_by = db_cell(res, 0, 12);
	art.editor_id = t->r->user.id;
	art.note = arena_printf(&t->r->arena, "restored version %lld", t->version);
	return kb_save(db, &t->r->arena, &art);
}

int
kb_edit_restore(struct req *r)
{
	struct restore_tx t = { r, kb_param_id(r->params[0]), 0 };
	int ok = 1, rc;

	t.version = form_int(r, FORM_BODY, "version", 1, 1000000, 0, &ok);
	if (t.id == 0 || t.version == 0)
		return http_fail(r, 400, "error.bad_request");
	rc = db_tx(r->db, restore_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "kb.restore", arena_printf(&r->arena, "article %lld", t.id),
	    arena_printf(&r->arena, "version %lld", t.version));
	return http_redirect(r, arena_printf(&r->arena, "/kb/edit/a/%lld?saved=1", t.id));
}

int
kb_edit_task_done(struct req *r)
{
	long long id = kb_param_id(r->params[0]);

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (db_exec(r->db, "UPDATE kb_review_tasks SET status = 'done', closed_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'open'", "i", id) < 0)
		return -1;
	audit(r, "kb.task_done", arena_printf(&r->arena, "task %lld", id), "");
	return http_redirect(r, "/kb/edit/");
}

int
kb_edit_synonyms(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT id, terms FROM kb_synonyms ORDER BY terms", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Synonyms", res);
	page_msg(r, "Page.Title", "kbe.synonyms");
	return view_page(r, "knowledge/edit_synonyms.cs");
}

int
kb_edit_synonym_add(struct req *r)
{
	const char *terms = form_line(r, FORM_BODY, "terms", 500, 1);
	const char *tok[32];

	if (terms != NULL && text_tokens(&r->arena, text_fold(&r->arena, terms), tok, 32) < 2)
		form_error(r, "terms", "kbe.synonyms_two");
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.terms", req_form(r, "terms"));
		return kb_edit_synonyms(r);
	}
	if (db_exec(r->db, "INSERT INTO kb_synonyms (terms) VALUES (?)", "s", terms) < 0 ||
	    db_exec(r->db, "UPDATE settings SET value = value + 1 WHERE name = 'kb_vocab_version'",
	    "") < 0)
		return -1;
	audit(r, "kb.synonyms_add", terms, "");
	return http_redirect(r, "/kb/edit/synonyms");
}

int
kb_edit_synonym_delete(struct req *r)
{
	long long id = kb_param_id(r->params[0]);

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (db_exec(r->db, "DELETE FROM kb_synonyms WHERE id = ?", "i", id) < 0 ||
	    db_exec(r->db, "UPDATE settings SET value = value + 1 WHERE name = 'kb_vocab_version'",
	    "") < 0)
		return -1;
	audit(r, "kb.synonyms_delete", arena_printf(&r->arena, "%lld", id), "");
	return http_redirect(r, "/kb/edit/synonyms");
}

int
kb_file(struct req *r)
{
	long long id = kb_param_id(r->params[0]);
	struct kb_viewer v;
	struct db_res *res;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	kb_viewer_of(r, &v);
	/* A file is readable when its article is (editors see drafts' files too). */
	res = db_query(r->db, &r->arena,
	    "SELECT f.content_type, f.filename, f.data FROM kb_files f JOIN kb_articles a"
	    " ON a.id = f.article_id WHERE f.id = ? AND (? >= 3 OR" KB_VISIBLE_SQL ")",
	    "ii" KB_VISIBLE_TYPES, id, (long long)v.level, KB_VISIBLE_ARGS(&v));
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	r->content_type = db_cell(res, 0, 0);
	if (strcmp(r->content_type, "text/plain") == 0)
		r->content_type = "text/plain; charset=utf-8";
	if (!upload_inline(r->content_type))
		http_header(r, "Content-Disposition", arena_printf(&r->arena,
		    "attachment; filename=\"file\"; filename*=UTF-8''%s",
		    http_urlencode(&r->arena, db_cell(res, 0, 1))));
	http_header(r, "Cache-Control", "private, max-age=3600");
	buf_append(&r->body, db_cell(res, 0, 2), res->lens[2]);
	return 200;
}
