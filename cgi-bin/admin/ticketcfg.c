/* ticketcfg.c - /admin/tickets/...: the topics people choose when they report
 * something (with their extra fields), the impact x urgency priority matrix
 * and the agents' standard answers (canned responses). */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "kb.h"
#include "page.h"

#define TCFG_MAX_CHOICES 50     /* options of a choice field */
#define TCFG_MAX_CHOICE 100     /* characters per option */
#define TCFG_MAX_CANNED_BODY 5000

static const char *const field_types[] = { "text", "number", "choice", "date", "checkbox", NULL };
static const char *const dirs[] = { "up", "down", NULL };
static const char *const langs[] = { "en", "es", NULL };

/* The number in path segment s, or 0 when it is not a positive number. */
static long long
seg_id(const char *s)
{
	char *end;
	long long id;

	if (s == NULL || *s == '\0' || strlen(s) > 18)
		return 0;
	id = strtoll(s, &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

/* Load category id into Page.C; 1 found, 0 not, -1 error. */
static int
load_category(struct req *r, long long id)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, c.name_en, c.name_es, c.description_en, c.description_es,"
	    " COALESCE(c.group_id, 0) AS group_id, g.name AS team, c.position, c.active,"
	    " (SELECT COUNT(*) FROM tickets t WHERE t.category_id = c.id) AS tickets"
	    " FROM ticket_categories c LEFT JOIN `groups` g ON g.id = c.group_id WHERE c.id = ?",
	    "i", id);

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	page_row(r, "Page.C", res);
	return 1;
}

/* The teams a topic can send its tickets to (support teams, and the current one). */
static int
fill_teams(struct req *r, long long current)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT id, name FROM `groups`"
	    " WHERE support = 1 OR id = ? ORDER BY name", "i", current);

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Teams", res);
	return 0;
}

int
tcfg_categories(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT c.id, c.slug, c.name_en, c.name_es, COALESCE(c.group_id, 0) AS group_id,"
	    " g.name AS team, c.position, c.active,"
	    " (SELECT COUNT(*) FROM ticket_fields f WHERE f.category_id = c.id AND f.active = 1)"
	    "  AS fields,"
	    " (SELECT COUNT(*) FROM tickets t WHERE t.category_id = c.id) AS tickets"
	    " FROM ticket_categories c LEFT JOIN `groups` g ON g.id = c.group_id"
	    " ORDER BY c.position, c.id", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Categories", res);
	if (fill_teams(r, 0) < 0)
		return -1;
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	page_msg(r, "Page.Title", "tcfg.categories");
	return view_page(r, "admin/ticket_categories.cs");
}

/* The category form's values back into Page.Form after a refusal. */
static void
keep_category_form(struct req *r)
{
	static const char *const names[] = { "slug", "name_en", "name_es", "description_en",
		"description_es", "group_id", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		page_set(r, arena_printf(&r->arena, "Page.Form.%s", names[i]), req_form(r, names[i]));
	page_set(r, "Page.Form.active", req_form(r, "active") != NULL ? "1" : "0");
}

static int category_page_render(struct req *r, long long id);

/* Create (id 0) or update a category from the form. */
static int
category_save(struct req *r, long long id)
{
	const char *slug = form_line(r, FORM_BODY, "slug", 80, 1);
	const char *name_en = form_line(r, FORM_BODY, "name_en", 120, 1);
	const char *name_es = form_line(r, FORM_BODY, "name_es", 120, 1);
	const char *desc_en = form_line(r, FORM_BODY, "description_en", 300, 0);
	const char *desc_es = form_line(r, FORM_BODY, "description_es", 300, 0);
	int ok = 1;
	long long group = form_int(r, FORM_BODY, "group_id", 0, 1LL << 60, 0, &ok);
	long long active = id == 0 || req_form(r, "active") != NULL;
	long long n;

	if (slug != NULL && *slug != '\0' && !kb_slug_ok(slug))
		form_error(r, "slug", "tcfg.bad_slug");
	if (r->form_errors == 0 && group != 0) {
		/* Only a support team receives tickets (or the team it already has). */
		struct db_res *g = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM `groups`"
		    " WHERE id = ? AND (support = 1 OR id = (SELECT group_id FROM ticket_categories"
		    " WHERE id = ?))", "ii", group, id);

		if (g == NULL)
			return -1;
		if (db_scalar(g, 0) == 0)
			form_error(r, "group_id", "tcfg.bad_team");
	}
	if (r->form_errors == 0) {
		if (id == 0)
			n = db_exec(r->db, "INSERT INTO ticket_categories (slug, name_en, name_es,"
			    " description_en, description_es, group_id, position, active)"
			    " SELECT ?, ?, ?, ?, ?, NULLIF(?, 0), COALESCE(MAX(position), 0) + 10, 1"
			    " FROM ticket_categories", "sssssi", slug, name_en, name_es, desc_en, desc_es,
			    group);
		else
			n = db_exec(r->db, "UPDATE ticket_categories SET slug = ?, name_en = ?, name_es = ?,"
			    " description_en = ?, description_es = ?, group_id = NULLIF(?, 0), active = ?"
			    " WHERE id = ?", "sssssiii", slug, name_en, name_es, desc_en, desc_es, group,
			    active, id);
		if (n < 0 && !db_dup_key(r->db))
			return -1;
		if (n < 0)
			form_error(r, "slug", "tcfg.slug_taken");
	}
	if (r->form_errors) {
		r->status = 422;
		keep_category_form(r);
		return id == 0 ? tcfg_categories(r) : category_page_render(r, id);
	}
	if (id == 0)
		id = (long long)db_insert_id(r->db);
	audit(r, active ? "ticket.category_save" : "ticket.category_disable", slug,
	    arena_printf(&r->arena, "%s / %s, team %lld", name_en, name_es, group));
	return http_redirect(r, arena_printf(&r->arena, "/admin/tickets/categories/%lld?saved=1", id));
}

int
tcfg_category_create(struct req *r)
{
	return category_save(r, 0);
}

/* Split the choices typed by the admin (one per line or comma-separated)
 * into the stored form "a, b, c". NULL with a field error when refused. */
static const char *
choices_clean(struct req *r, const char *in)
{
	struct buf b = { 0 };
	const char *items[TCFG_MAX_CHOICES];
	size_t n = 0, i;
	const char *p = in, *out;

	while (*p != '\0') {
		size_t len = strcspn(p, ",\n");
		const char *s = p, *e = p + len;

		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > s) {
			char *item = arena_strndup(&r->arena, s, (size_t)(e - s));

			if (n == TCFG_MAX_CHOICES) {
				form_error(r, "choices", "tcfg.choices_many");
				return NULL;
			}
			if (form_chars(item) > TCFG_MAX_CHOICE) {
				form_error(r, "choices", "tcfg.choice_long");
				return NULL;
			}
			for (i = 0; i < n; i++)
				if (strcmp(items[i], item) == 0) {
					form_error(r, "choices", "tcfg.choices_dup");
					return NULL;
				}
			items[n++] = item;
		}
		p += len;
		if (*p != '\0')
			p++;
	}
	if (n < 2) {
		form_error(r, "choices", "tcfg.choices_few");
		return NULL;
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", items[i]);
	if (b.len > 1000) {
		buf_free(&b);
		form_error(r, "choices", "tcfg.choices_long");
		return NULL;
	}
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The category's fields (answers counted) into Page.Fields, choices one per line. */
static int
fill_fields(struct req *r, long long cid)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT f.id, f.label_en, f.label_es, f.type, f.choices, f.required, f.position,"
	    " (SELECT COUNT(*) FROM ticket_field_values v WHERE v.field_id = f.id) AS answers"
	    " FROM ticket_fields f WHERE f.category_id = ? AND f.active = 1"
	    " ORDER BY f.position, f.id", "i", cid);
	size_t i;

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Fields", res);
	for (i = 0; i < res->nrows; i++) {
		char *c = arena_strdup(&r->arena, db_cell(res, i, 4)), *p;

		for (p = c; *p != '\0'; p++)
			if (*p == ',') {
				*p = '\n';
				if (p[1] == ' ')
					memmove(p + 1, p + 2, strlen(p + 2) + 1);
			}
		page_set(r, arena_printf(&r->arena, "Page.Fields.%lu.choices", (unsigned long)i), c);
	}
	return 0;
}

/* The edit page of category id (already known to exist or not). */
static int
category_page_render(struct req *r, long long id)
{
	int found = load_category(r, id);

	if (found < 0)
		return -1;
	if (found == 0)
		return http_fail(r, 404, "error.not_found");
	if (hdf_get_obj(r->hdf, "Page.Form.slug") != NULL) {
		/* The category form came back refused: show what was typed. */
		static const char *const names[] = { "slug", "name_en", "name_es", "description_en",
			"description_es", "group_id", "active", NULL };
		size_t i;

		for (i = 0; names[i] != NULL; i++)
			page_set(r, arena_printf(&r->arena, "Page.C.%s", names[i]), hdf_get_value(r->hdf,
			    arena_printf(&r->arena, "Page.Form.%s", names[i]), ""));
	}
	if (fill_teams(r, atoll(hdf_get_value(r->hdf, "Page.C.group_id", "0"))) < 0 ||
	    fill_fields(r, id) < 0)
		return -1;
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	else if (req_query(r, "hidden") != NULL)
		page_msg(r, "Page.Notice", "tcfg.field_hidden");
	else if (req_query(r, "deleted") != NULL)
		page_msg(r, "Page.Notice", "tcfg.field_deleted");
	page_setf(r, "Page.Title", "%s · %s", page_text(r, "tcfg.categories"),
	    hdf_get_value(r->hdf, "Page.C.name_en", ""));
	return view_page(r, "admin/ticket_category.cs");
}

int
tcfg_category_page(struct req *r)
{
	long long id = seg_id(r->params[0]);

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	return category_page_render(r, id);
}

int
tcfg_category_update(struct req *r)
{
	long long id = seg_id(r->params[0]);
	int found;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	found = load_category(r, id);
	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	hdf_remove_tree(r->hdf, "Page.C");
	return category_save(r, id);
}

/* Moving one row of an ordered list up or down, in a transaction. */
struct move_tx {
	int fields;              /* 0 = topics, 1 = the questions of topic scope */
	long long scope;         /* the topic whose questions move */
	long long id;            /* the row that moves */
	int up;                  /* 1 = towards the start */
	struct arena *a;
};

static int
move_tx(struct db *db, void *ctx)
{
	struct move_tx *t = ctx;
	struct db_res *res = t->fields ?
	    db_query(db, t->a, "SELECT id FROM ticket_fields WHERE category_id = ? AND active = 1"
	    " ORDER BY position, id FOR UPDATE", "i", t->scope) :
	    db_query(db, t->a, "SELECT id FROM ticket_categories ORDER BY position, id FOR UPDATE", "");
	size_t i, at = (size_t)-1, other;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++)
		if (atoll(db_cell(res, i, 0)) == t->id)
			at = i;
	if (at == (size_t)-1)
		return 1;
	other = t->up ? at - 1 : at + 1;
	if ((t->up && at == 0) || (!t->up && at + 1 >= res->nrows))
		other = at;    /* already first or last: positions renumbered only */
	for (i = 0; i < res->nrows; i++) {
		size_t slot = i == at ? other : i == other ? at : i;
		long long pos = (long long)(slot + 1) * 10, rid = atoll(db_cell(res, i, 0));

		if ((t->fields ? db_exec(db, "UPDATE ticket_fields SET position = ? WHERE id = ?", "ii",
		    pos, rid) : db_exec(db, "UPDATE ticket_categories SET position = ? WHERE id = ?",
		    "ii", pos, rid)) < 0)
			return -1;
	}
	return 0;
}

int
tcfg_category_move(struct req *r)
{
	long long id = seg_id(r->params[0]);
	const char *dir = form_choice(r, FORM_BODY, "dir", dirs, NULL);
	struct move_tx t;
	int rc;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	if (dir == NULL)
		return http_fail(r, 400, "error.bad_request");
	memset(&t, 0, sizeof(t));
	t.id = id;
	t.up = strcmp(dir, "up") == 0;
	t.a = &r->arena;
	rc = db_tx(r->db, move_tx, &t);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "ticket.category_move", r->params[0], dir);
	return http_redirect(r, "/admin/tickets/categories?saved=1");
}

/* Create (fid 0) or update a field of category cid from the form. */
static int
field_save(struct req *r, long long cid, long long fid)
{
	const char *label_en = form_line(r, FORM_BODY, "label_en", 120, 1);
	const char *label_es = form_line(r, FORM_BODY, "label_es", 120, 1);
	const char *type = form_choice(r, FORM_BODY, "type", field_types, NULL);
	const char *raw = form_text(r, FORM_BODY, "choices", 2000, 0);
	const char *choices = "";
	long long required = req_form(r, "required") != NULL;
	long long n;

	if (type == NULL)
		form_error(r, "type", "form.choice");
	else if (strcmp(type, "choice") == 0 && raw != NULL)
		choices = choices_clean(r, raw);
	if (r->form_errors) {
		r->status = 422;
		page_int(r, "Page.Form.field_id", fid);
		page_set(r, "Page.Form.label_en", req_form(r, "label_en"));
		page_set(r, "Page.Form.label_es", req_form(r, "label_es"));
		page_set(r, "Page.Form.type", req_form(r, "type"));
		page_set(r, "Page.Form.choices", req_form(r, "choices"));
		page_set(r, "Page.Form.required", required ? "1" : "0");
		return category_page_render(r, cid);
	}
	if (fid == 0)
		n = db_exec(r->db, "INSERT INTO ticket_fields (category_id, label_en, label_es, type,"
		    " choices, required, position) SELECT ?, ?, ?, ?, ?, ?, COALESCE(MAX(position), 0) + 10"
		    " FROM ticket_fields WHERE category_id = ?", "issssii", cid, label_en, label_es, type,
		    choices, required, cid);
	else
		n = db_exec(r->db, "UPDATE ticket_fields SET label_en = ?, label_es = ?, type = ?,"
		    " choices = ?, required = ? WHERE id = ? AND category_id = ?", "ssssiii",
		    label_en, label_es, type, choices, required, fid, cid);
	if (n < 0)
		return -1;
	audit(r, fid ? "ticket.field_update" : "ticket.field_create",
	    hdf_get_value(r->hdf, "Page.C.slug", ""),
	    arena_printf(&r->arena, "%s (%s%s)", label_en, type, required ? ", required" : ""));
	return http_redirect(r, arena_printf(&r->arena, "/admin/tickets/categories/%lld?saved=1#fields",
	    cid));
}

/* The category and field ids of the path; loads the category. 1, 0 (404) or -1. */
static int
field_path(struct req *r, long long *cid, long long *fid)
{
	int found;

	*cid = seg_id(r->params[0]);
	*fid = r->nparams > 1 ? seg_id(r->params[1]) : 0;
	if (*cid == 0 || (r->nparams > 1 && *fid == 0))
		return 0;
	found = load_category(r, *cid);
	if (found <= 0 || *fid == 0)
		return found;
	{
		struct db_res *res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM ticket_fields"
		    " WHERE id = ? AND category_id = ? AND active = 1", "ii", *fid, *cid);

		if (res == NULL)
			return -1;
		return db_scalar(res, 0) > 0;
	}
}

int
tcfg_field_create(struct req *r)
{
	long long cid, fid;
	int found = field_path(r, &cid, &fid);

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	return field_save(r, cid, 0);
}

int
tcfg_field_update(struct req *r)
{
	long long cid, fid;
	int found = field_path(r, &cid, &fid);

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	return field_save(r, cid, fid);
}

/* Removing a field: deleted when no request holds an answer for it; else
 * hidden from the form, so the answers already given stay readable. */
int
tcfg_field_delete(struct req *r)
{
	long long cid, fid, answers;
	int found = field_path(r, &cid, &fid);
	struct db_res *res;

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM ticket_field_values"
	    " WHERE field_id = ?", "i", fid);
	if (res == NULL)
		return -1;
	answers = db_scalar(res, 0);
	if (answers > 0) {
		if (db_exec(r->db, "UPDATE ticket_fields SET active = 0 WHERE id = ?", "i", fid) < 0)
			return -1;
	} else if (db_exec(r->db, "DELETE FROM ticket_fields WHERE id = ?", "i", fid) < 0) {
		return -1;
	}
	audit(r, "ticket.field_remove", hdf_get_value(r->hdf, "Page.C.slug", ""),
	    arena_printf(&r->arena, "field %lld, %lld answers kept", fid, answers));
	return http_redirect(r, arena_printf(&r->arena, "/admin/tickets/categories/%lld?%s=1#fields",
	    cid, answers > 0 ? "hidden" : "deleted"));
}

int
tcfg_field_move(struct req *r)
{
	long long cid, fid;
	int found = field_path(r, &cid, &fid), rc;
	const char *dir = form_choice(r, FORM_BODY, "dir", dirs, NULL);
	struct move_tx t;

	if (found <= 0)
		return found < 0 ? -1 : http_fail(r, 404, "error.not_found");
	if (dir == NULL)
		return http_fail(r, 400, "error.bad_request");
	memset(&t, 0, sizeof(t));
	t.fields = 1;
	t.scope = cid;
	t.id = fid;
	t.up = strcmp(dir, "up") == 0;
	t.a = &r->arena;
	rc = db_tx(r->db, move_tx, &t);
	if (rc != 0)
		return rc < 0 ? -1 : http_fail(r, 404, "error.not_found");
	audit(r, "ticket.field_move", hdf_get_value(r->hdf, "Page.C.slug", ""), dir);
	return http_redirect(r, arena_printf(&r->arena, "/admin/tickets/categories/%lld?saved=1#fields",
	    cid));
}

/* ------------------------------------------------------------ priority matrix */

int
tcfg_matrix(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT impact, urgency, priority FROM priority_matrix ORDER BY impact, urgency", "");
	size_t i;

	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		const char *name = arena_printf(&r->arena, "Page.Matrix.%s.%s", db_cell(res, i, 0),
		    db_cell(res, i, 1));

		/* A value sent back after a refusal wins over the stored one. */
		if (hdf_get_value(r->hdf, name, NULL) == NULL)
			page_set(r, name, db_cell(res, i, 2));
	}
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	page_msg(r, "Page.Title", "tcfg.matrix");
	return view_page(r, "admin/ticket_matrix.cs");
}

/* The nine cells, checked. */
struct matrix_tx {
	long long p[3][3];
};

static int
matrix_tx(struct db *db, void *ctx)
{
	struct matrix_tx *t = ctx;
	int i, u;

	for (i = 0; i < 3; i++)
		for (u = 0; u < 3; u++)
			if (db_exec(db, "INSERT INTO priority_matrix (impact, urgency, priority)"
			    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE priority = VALUES(priority)", "iii",
			    (long long)i + 1, (long long)u + 1, t->p[i][u]) < 0)
				return -1;
	return 0;
}

int
tcfg_matrix_save(struct req *r)
{
	struct matrix_tx t;
	int i, u;

	for (i = 0; i < 3; i++)
		for (u = 0; u < 3; u++) {
			static const char *const prios[] = { "1", "2", "3", "4", NULL };
			const char *name = arena_printf(&r->arena, "p_%d_%d", i + 1, u + 1);
			const char *v = form_choice(r, FORM_BODY, name, prios, NULL);

			const char *sent = req_form(r, name);

			if (v == NULL && (sent == NULL || *sent == '\0'))
				form_error(r, name, "form.required");
			t.p[i][u] = v != NULL ? atoll(v) : 0;
			page_set(r, arena_printf(&r->arena, "Page.Matrix.%d.%d", i + 1, u + 1),
			    req_form(r, name));
		}
	if (r->form_errors) {
		r->status = 422;
		return tcfg_matrix(r);
	}
	if (db_tx(r->db, matrix_tx, &t) != 0)
		return -1;
	audit(r, "ticket.matrix", "priority_matrix", arena_printf(&r->arena,
	    "%lld%lld%lld/%lld%lld%lld/%lld%lld%lld", t.p[0][0], t.p[0][1], t.p[0][2], t.p[1][0],
	    t.p[1][1], t.p[1][2], t.p[2][0], t.p[2][1], t.p[2][2]));
	return http_redirect(r, "/admin/tickets/matrix?saved=1");
}

/* ------------------------------------------------------------ canned responses */

int
tcfg_canned(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT id, title, body, language,"
	    " DATE_FORMAT(created_at, '%Y-%m-%d') AS created FROM canned_responses"
	    " ORDER BY language, title, id", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Canned", res);
	if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	else if (req_query(r, "deleted") != NULL)
		page_msg(r, "Page.Notice", "tcfg.canned_deleted");
	page_msg(r, "Page.Title", "tcfg.canned");
	return view_page(r, "admin/ticket_canned.cs");
}

/* Create (id 0) or update a canned response. */
static int
canned_save(struct req *r, long long id)
{
	const char *title = form_line(r, FORM_BODY, "title", 120, 1);
	const char *body = form_text(r, FORM_BODY, "body", TCFG_MAX_CANNED_BODY, 1);
	const char *lang = form_choice(r, FORM_BODY, "language", langs, NULL);
	long long n;

	if (lang == NULL)
		form_error(r, "language", "form.choice");
	if (r->form_errors) {
		r->status = 422;
		page_int(r, "Page.Form.id", id);
		page_set(r, "Page.Form.title", req_form(r, "title"));
		page_set(r, "Page.Form.body", req_form(r, "body"));
		page_set(r, "Page.Form.language", req_form(r, "language"));
		return tcfg_canned(r);
	}
	if (id == 0)
		n = db_exec(r->db, "INSERT INTO canned_responses (title, body, language) VALUES (?, ?, ?)",
		    "sss", title, body, lang);
	else
		n = db_exec(r->db, "UPDATE canned_responses SET title = ?, body = ?, language = ?"
		    " WHERE id = ?", "sssi", title, body, lang, id);
	if (n < 0)
		return -1;
	audit(r, id ? "ticket.canned_update" : "ticket.canned_create", title, lang);
	return http_redirect(r, "/admin/tickets/canned?saved=1");
}

/* The canned response of the path: its id, 0 when missing, -1 on error. */
static long long
canned_path(struct req *r)
{
	long long id = seg_id(r->params[0]);
	struct db_res *res;

	if (id == 0)
		return 0;
	res = db_query(r->db, &r->arena, "SELECT title FROM canned_responses WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	page_set(r, "Page.Old.title", db_cell(res, 0, 0));
	return id;
}

int
tcfg_canned_create(struct req *r)
{
	return canned_save(r, 0);
}

int
tcfg_canned_update(struct req *r)
{
	long long id = canned_path(r);

	if (id <= 0)
		return id < 0 ? -1 : http_fail(r, 404, "error.not_found");
	return canned_save(r, id);
}

int
tcfg_canned_delete(struct req *r)
{
	long long id = canned_path(r);

	if (id <= 0)
		return id < 0 ? -1 : http_fail(r, 404, "error.not_found");
	if (db_exec(r->db, "DELETE FROM canned_responses WHERE id = ?", "i", id) < 0)
		return -1;
	audit(r, "ticket.canned_delete", hdf_get_value(r->hdf, "Page.Old.title", ""), "");
	return http_redirect(r, "/admin/tickets/canned?deleted=1");
}
