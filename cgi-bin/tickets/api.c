/* api.c - /api/v1/tickets for programs (API tokens) and pages alike: the list
 * with filters and pages, and create, reply and update with JSON bodies. A
 * body is checked here (a JSON object, known names, right types, size) and
 * then handed, as form fields, to the very code the web forms use (mine.c,
 * work.c): the same validation, limits, permissions, history, mail and
 * webhooks. Answers are the pages' own JSON (ticket_page). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "tickets.h"

#define API_MAX_BODY (256 * 1024)  /* bytes in a JSON body */
#define API_LIMIT 20               /* tickets per page unless ?limit= */
#define API_LIMIT_MAX 100          /* most tickets per page */
#define API_COUNT_CAP 1000         /* the list's Total counts this far (Pager.More beyond) */
#define API_MAX_FIELDS 50          /* entries in "fields" */

/* Answer status with a message key and, when field is given, its name. */
static int
api_error(struct req *r, int status, const char *field, const char *msgkey)
{
	http_fail(r, status, msgkey);
	if (field != NULL)
		page_set(r, "Error.Field", field);
	return status;
}

/* The name an API client knows for a form field the validators named. */
static const char *
api_name(struct req *r, const char *form_name, const char *body_name)
{
	if (strcmp(form_name, "body") == 0)
		return body_name;
	if (strcmp(form_name, "team") == 0)
		return "group";
	if (strncmp(form_name, "field_", 6) == 0)
		return arena_printf(&r->arena, "fields.%s", form_name + 6);
	return form_name;
}

/* 422 with every refused field (Page.Errors, filled by the form validators)
 * as Errors: [{field, message}] and the first one as Field. */
static int
api_invalid(struct req *r, const char *body_name)
{
	HDF *c = hdf_obj_child(hdf_get_obj(r->hdf, "Page.Errors"));
	unsigned long i = 0;

	http_fail(r, 422, "api.invalid");
	for (; c != NULL; c = hdf_obj_next(c), i++) {
		const char *name = api_name(r, hdf_obj_name(c), body_name);

		if (i == 0)
			page_set(r, "Error.Field", name);
		page_set(r, arena_printf(&r->arena, "Error.Errors.%lu.field", i), name);
		page_set(r, arena_printf(&r->arena, "Error.Errors.%lu.message", i),
		    hdf_obj_value(c));
	}
	return 422;
}

/* Add a form field (it wins over any other of that name: parse_find takes
 * the first). */
static void
put(struct req *r, const char *name, const char *value)
{
	struct field *f = arena_zalloc(&r->arena, sizeof(*f));

	f->name = name;
	f->value = value;
	f->len = strlen(value);
	f->next = r->form;
	r->form = f;
}

/* The JSON object sent as the body; NULL with the answer (415, 413, 400) in
 * *status. The caller frees the object. */
static json_t *
api_body(struct req *r, int *status)
{
	const struct field *f = parse_find(r->form, "_json");
	const char *ct = req_env(r, "CONTENT_TYPE");
	json_error_t err;
	json_t *o;

	if (f == NULL) {
		if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0)
			*status = api_error(r, 415, NULL, "api.json_only");
		else
			*status = api_error(r, 400, NULL, "api.empty_body");
		return NULL;
	}
	if (f->len > API_MAX_BODY) {
		*status = api_error(r, 413, NULL, "error.too_large");
		return NULL;
	}
	o = json_loadb(f->value, f->len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (o == NULL) {
		*status = api_error(r, 400, NULL, "api.bad_json");
		page_setf(r, "Error.Detail", "line %d, column %d: %s", err.line, err.column, err.text);
		return NULL;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		*status = api_error(r, 400, NULL, "api.not_object");
		return NULL;
	}
	return o;
}

/* 0 if every name in o is one of names, else the 400 answer naming it. */
static int
api_known(struct req *r, json_t *o, const char *const *names)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(o, key, v) {
		for (i = 0; names[i] != NULL; i++)
			if (strcmp(key, names[i]) == 0)
				break;
		if (names[i] == NULL)
			return api_error(r, 400, has_ctl(key, strlen(key), 0) ? NULL : key,
			    "api.unknown_field");
	}
	return 0;
}

/* Copy string member name of o (when present) to form field as; 0 or the 400
 * answer. Text with control characters other than line breaks and tabs is
 * refused, as the form parser does. */
static int
api_string(struct req *r, json_t *o, const char *name, const char *as)
{
	json_t *v = json_object_get(o, name);
	const char *s;

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return api_error(r, 400, name, "api.want_string");
	s = json_string_value(v);
	if (has_ctl(s, json_string_length(v), 1))
		return api_error(r, 400, name, "api.control_chars");
	put(r, as, arena_strdup(&r->arena, s));
	return 0;
}

/* Copy integer member name of o (when present) to form field as. */
static int
api_int(struct req *r, json_t *o, const char *name, const char *as)
{
	json_t *v = json_object_get(o, name);

	if (v == NULL)
		return 0;
	if (json_is_null(v) && strcmp(name, "assignee") != 0 && strcmp(name, "group") != 0)
		return 0;
	if (json_is_null(v)) {
		put(r, as, "0");       /* unassigned, no team */
		return 0;
	}
	if (!json_is_integer(v))
		return api_error(r, 400, name, "api.want_integer");
	put(r, as, arena_printf(&r->arena, "%lld", (long long)json_integer_value(v)));
	return 0;
}

/* The category's own fields ("fields": {"<id>": value}) as form fields
 * field_<id>: checkboxes take true/false, the others text or numbers. */
static int
api_fields(struct req *r, json_t *o)
{
	json_t *fields = json_object_get(o, "fields"), *v, *cat = json_object_get(o, "category");
	struct db_res *res;
	const char *key;
	size_t i;

	if (fields == NULL || json_is_null(fields))
		return 0;
	if (!json_is_object(fields))
		return api_error(r, 400, "fields", "api.want_object");
	if (json_object_size(fields) > API_MAX_FIELDS)
		return api_error(r, 413, "fields", "error.too_large");
	res = db_query(r->db, &r->arena, "SELECT id, type FROM ticket_fields WHERE category_id = ?",
	    "i", json_is_integer(cat) ? (long long)json_integer_value(cat) : 0LL);
	if (res == NULL)
		return -1;
	json_object_foreach(fields, key, v) {
		const char *name = arena_printf(&r->arena, "fields.%s", key);
		const char *type = NULL;

		for (i = 0; i < res->nrows; i++)
			if (strcmp(db_cell(res, i, 0), key) == 0)
				type = db_cell(res, i, 1);
		if (type == NULL)
			return api_error(r, 400, has_ctl(key, strlen(key), 0) ? "fields" : name,
			    "api.unknown_field");
		name = arena_printf(&r->arena, "field_%s", key);
		if (strcmp(type, "checkbox") == 0) {
			if (!json_is_boolean(v) && !json_is_null(v))
				return api_error(r, 400, arena_printf(&r->arena, "fields.%s", key),
				    "api.want_boolean");
			if (json_is_true(v))
				put(r, name, "yes");
		} else if (json_is_string(v)) {
			if (has_ctl(json_string_value(v), json_string_length(v), 0))
				return api_error(r, 400, arena_printf(&r->arena, "fields.%s", key),
				    "api.control_chars");
			put(r, name, arena_strdup(&r->arena, json_string_value(v)));
		} else if (json_is_integer(v)) {
			put(r, name, arena_printf(&r->arena, "%lld", (long long)json_integer_value(v)));
		} else if (!json_is_null(v)) {
			return api_error(r, 400, arena_printf(&r->arena, "fields.%s", key),
			    "api.want_string");
		}
	}
	return 0;
}

/* After a form handler succeeded (303): answer with the ticket's JSON, status
 * 200 or 201 (then with Location). */
static int
api_ticket_answer(struct req *r, long long id, int status)
{
	const char *number = ticket_number(&r->arena, id);

	hdf_remove_tree(r->hdf, "Page");
	r->location = NULL;
	r->tmpl = NULL;
	r->status = status;
	r->params[0] = number;
	r->nparams = 1;
	if (status == 201)
		http_header(r, "Location", arena_printf(&r->arena, "/api/v1/tickets/%s", number));
	return ticket_page(r);
}

/* The ticket id in a redirect to "/tickets/T-000123..." (0 if none). */
static long long
redirect_id(struct req *r)
{
	const char *p = r->location;
	size_t n;

	if (p == NULL || strncmp(p, "/tickets/", 9) != 0)
		return 0;
	p += 9;
	n = strcspn(p, "?#/");
	return ticket_id(arena_strndup(&r->arena, p, n));
}

int
api_ticket_create(struct req *r)
{
	static const char *const names[] = { "subject", "description", "category", "impact",
		"urgency", "fields", NULL };
	json_t *o;
	int status;
	long long id;

	if ((o = api_body(r, &status)) == NULL)
		return status;
	if ((status = api_known(r, o, names)) != 0 ||
	    (status = api_string(r, o, "subject", "subject")) != 0 ||
	    (status = api_string(r, o, "description", "body")) != 0 ||
	    (status = api_int(r, o, "category", "category")) != 0 ||
	    (status = api_int(r, o, "impact", "impact")) != 0 ||
	    (status = api_int(r, o, "urgency", "urgency")) != 0 ||
	    (status = api_fields(r, o)) != 0) {
		json_decref(o);
		return status;
	}
	json_decref(o);
	put(r, "step", "2");
	status = ticket_create_via(r, "api");
	if (status == 422)
		return api_invalid(r, "description");
	if (status != 303)
		return status;
	id = redirect_id(r);
	if (id == 0)
		return -1;
	return api_ticket_answer(r, id, 201);
}

int
api_ticket_reply(struct req *r)
{
	static const char *const names[] = { "body", "internal", NULL };
	json_t *o, *internal;
	int status, note;
	long long id;

	if ((o = api_body(r, &status)) == NULL)
		return status;
	internal = json_object_get(o, "internal");
	if ((status = api_known(r, o, names)) != 0 ||
	    (status = api_string(r, o, "body", "body")) != 0) {
		json_decref(o);
		return status;
	}
	if (internal != NULL && !json_is_boolean(internal)) {
		json_decref(o);
		return api_error(r, 400, "internal", "api.want_boolean");
	}
	note = json_is_true(internal);
	put(r, "kind", note ? "internal" : "public");
	json_decref(o);
	/* Requesters write to the conversation only: say so rather than post it publicly. */
	if (note && !ticket_staff(r)) {
		id = ticket_load(r);
		if (id < 0)
			return -1;
		if (id == 0)
			return http_fail(r, 404, "error.not_found");
		return api_error(r, 403, "internal", "api.staff_only");
	}
	status = ticket_reply(r);
	if (status == 422)
		return api_invalid(r, "body");
	if (status != 303)
		return status;
	id = redirect_id(r);
	if (id == 0)
		return -1;
	return api_ticket_answer(r, id, 201);
}

/* A requester's change: "resolved" (it is solved) or "open" (reopen). */
static int
patch_requester(struct req *r, json_t *o, long long id)
{
	json_t *v = json_object_get(o, "status");
	const char *status = hdf_get_value(r->hdf, "Page.T.status", "");
	const char *want;
	int rc;

	if (json_object_get(o, "priority") != NULL)
		return api_error(r, 403, "priority", "api.staff_only");
	if (json_object_get(o, "assignee") != NULL)
		return api_error(r, 403, "assignee", "api.staff_only");
	if (json_object_get(o, "group") != NULL)
		return api_error(r, 403, "group", "api.staff_only");
	if (v == NULL)
		return api_error(r, 400, "status", "api.nothing_to_change");
	if (!json_is_string(v))
		return api_error(r, 400, "status", "api.want_string");
	/* Only the person who asked confirms or reopens, as on the page. */
	if (strcmp(hdf_get_value(r->hdf, "Page.T.requester_id", ""),
	    arena_printf(&r->arena, "%lld", r->user.id)) != 0)
		return http_fail(r, 404, "error.not_found");
	want = json_string_value(v);
	if (strcmp(want, "resolved") == 0) {
		if (strcmp(status, "resolved") == 0)
			return api_ticket_answer(r, id, 200);
		if (strcmp(status, "closed") == 0)
			return api_error(r, 409, "status", "tickets.closed");
		rc = ticket_solved(r);
	} else if (strcmp(want, "open") == 0) {
		if (strcmp(status, "new") == 0 || strcmp(status, "open") == 0 ||
		    strcmp(status, "pending") == 0)
			return api_ticket_answer(r, id, 200);
		rc = ticket_reopen(r);
	} else {
		return api_error(r, 400, "status", "api.requester_status");
	}
	if (rc != 303)
		return rc;
	return api_ticket_answer(r, id, 200);
}

/* An agent's change: status, priority, assignee, group; what is not sent
 * stays as it is. */
static int
patch_staff(struct req *r, json_t *o, long long id)
{
	int rc;

	/* Copies: the handler reloads Page.T, which frees the HDF's strings. */
	put(r, "status", arena_strdup(&r->arena, hdf_get_value(r->hdf, "Page.T.status", "")));
	put(r, "priority", arena_strdup(&r->arena, hdf_get_value(r->hdf, "Page.T.priority", "3")));
	put(r, "assignee", arena_strdup(&r->arena, hdf_get_value(r->hdf, "Page.T.assignee_id", "0")));
	put(r, "team", arena_strdup(&r->arena, hdf_get_value(r->hdf, "Page.T.group_id", "0")));
	if ((rc = api_string(r, o, "status", "status")) != 0 ||
	    (rc = api_int(r, o, "priority", "priority")) != 0 ||
	    (rc = api_int(r, o, "assignee", "assignee")) != 0 ||
	    (rc = api_int(r, o, "group", "team")) != 0)
		return rc;
	rc = ticket_update(r);
	if (rc == 422)
		return api_invalid(r, "body");
	if (rc != 303)
		return rc;
	return api_ticket_answer(r, id, 200);
}

int
api_ticket_patch(struct req *r)
{
	static const char *const names[] = { "status", "priority", "assignee", "group", NULL };
	json_t *o;
	int status;
	long long id;

	if ((o = api_body(r, &status)) == NULL)
		return status;
	if ((status = api_known(r, o, names)) != 0) {
		json_decref(o);
		return status;
	}
	if (json_object_size(o) == 0) {
		json_decref(o);
		return api_error(r, 400, NULL, "api.nothing_to_change");
	}
	id = ticket_load(r);
	if (id <= 0) {
		json_decref(o);
		return id < 0 ? -1 : http_fail(r, 404, "error.not_found");
	}
	status = ticket_staff(r) ? patch_staff(r, o, id) : patch_requester(r, o, id);
	json_decref(o);
	return status;
}

/* Answer the page's JSON with an empty list called name (the HDF cannot hold
 * an empty array, so a client would otherwise find no such key). */
static int
api_empty_list(struct req *r, const char *name)
{
	struct buf rest = { 0 };

	http_json_page(r);
	buf_append(&rest, r->body.p, r->body.len);
	buf_reset(&r->body);
	buf_printf(&r->body, "{\"%s\":[]%s", name, rest.len > 2 ? "," : "");
	if (rest.len > 1)
		buf_append(&r->body, rest.p + 1, rest.len - 1);
	buf_free(&rest);
	return r->status;
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC; a space for the T too) as
 * "YYYY-MM-DD HH:MM:SS" in the arena, or NULL if it is not one. */
static const char *
api_since(struct req *r, const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	size_t n = strlen(s);

	if (n > 0 && s[n - 1] == 'Z')
		n--;
	if (n != 10 && n != 16 && n != 19)
		return NULL;
	if (strspn(s, "0123456789") != 4 || s[4] != '-' || strspn(s + 5, "0123456789") != 2 ||
	    s[7] != '-' || strspn(s + 8, "0123456789") < 2)
		return NULL;
	if (n > 10 && ((s[10] != 'T' && s[10] != ' ') || strspn(s + 11, "0123456789") != 2 ||
	    s[13] != ':' || strspn(s + 14, "0123456789") < 2))
		return NULL;
	if (n == 19 && (s[16] != ':' || strspn(s + 17, "0123456789") < 2))
		return NULL;
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	if (n > 10) {
		h = atoi(s + 11);
		mi = atoi(s + 14);
	}
	if (n == 19)
		sec = atoi(s + 17);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
		return NULL;
	return arena_printf(&r->arena, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
}

/* A comma list of ticket states, checked; "" when absent, NULL if refused. */
static const char *
api_states(struct req *r, const char *s)
{
	static const char *const states[] = { "new", "open", "pending", "resolved", "closed", NULL };
	const char *p = s;
	size_t i, n;

	if (s == NULL)
		return "";
	if (*s == '\0' || strlen(s) > 60)
		return NULL;
	while (*p != '\0') {
		n = strcspn(p, ",");
		for (i = 0; states[i] != NULL; i++)
			if (strlen(states[i]) == n && strncmp(p, states[i], n) == 0)
				break;
		if (states[i] == NULL)
			return NULL;
		p += n;
		if (*p == ',' && *++p == '\0')
			return NULL;
	}
	(void)r;
	return s;
}

int
api_tickets_list(struct req *r)
{
	static const char *const states[] = { "open", "closed", "all", NULL };
	static const char *const scopes[] = { "mine", "queue", NULL };
	static const char *const orders[] = { "desc", "asc", NULL };
	const char *state = form_choice(r, FORM_QUERY, "state", states, "open");
	const char *scope = form_choice(r, FORM_QUERY, "scope", scopes,
	    ticket_staff(r) ? "queue" : "mine");
	const char *order = form_choice(r, FORM_QUERY, "order", orders, "desc");
	const char *q = form_line(r, FORM_QUERY, "q", 100, 0);
	const char *status = api_states(r, req_query(r, "status"));
	const char *since_raw = req_query(r, "updated_since");
	const char *since = since_raw != NULL ? api_since(r, since_raw) : "1970-01-01 00:00:00";
	int ok = 1;
	long long limit = form_int(r, FORM_QUERY, "limit", 1, API_LIMIT_MAX, API_LIMIT, &ok);
	long long lo, hi, off, total;
	struct db_res *res;
	const char *like;
	int asc, mine;

	if (r->form_errors) {
		HDF *c = hdf_obj_child(hdf_get_obj(r->hdf, "Page.Errors"));

		return api_error(r, 400, c != NULL ? hdf_obj_name(c) : NULL, "error.bad_request");
	}
	if (status == NULL)
		return api_error(r, 400, "status", "api.bad_status");
	if (since == NULL)
		return api_error(r, 400, "updated_since", "api.bad_date");
	if (strcmp(scope, "queue") == 0 && !ticket_staff(r))
		return api_error(r, 403, "scope", "api.staff_only");
	like = db_like(&r->arena, q);
	lo = strcmp(state, "closed") == 0 ? 1 : 0;
	hi = strcmp(state, "open") == 0 ? 0 : 1;
	/* Filters are parameters; the SQL text is one of a few fixed ones. Each
	 * walks an index that holds every column it filters on, in the order
	 * asked (the requester's tickets, or all by change time for a queue),
	 * so a page stops after its rows and the count at its cap; only a text
	 * search reads subjects. */
#define LIST_MINE " FROM tickets t FORCE INDEX (tickets_requester_updated) WHERE t.requester_id = ?"
#define LIST_QUEUE " FROM tickets t FORCE INDEX (tickets_updated) WHERE" TICKET_VISIBLE_SQL
#define LIST_FILTER \
	" AND ((? = '' AND (t.status IN ('resolved', 'closed')) BETWEEN ? AND ?)" \
	"  OR (? <> '' AND FIND_IN_SET(t.status, ?)))" \
	" AND t.updated_at >= ? AND (? = '' OR t.subject LIKE ?)"
#define LIST_FILTER_TYPES "sii" "ss" "s" "ss"
#define LIST_FILTER_ARGS status, lo, hi, status, status, since, q, like
#define LIST_COUNT(FROM) " COUNT(*) FROM (SELECT t.id" FROM LIST_FILTER " LIMIT ?) c"
#define LIST_ROWS(FROM, O) " t.id, CONCAT('T-', LPAD(t.id, GREATEST(6, LENGTH(t.id)), '0'))" \
	" AS number, t.subject, t.status, t.priority, t.channel, u.name AS requester," \
	" a.name AS assignee, g.name AS team, DATE_FORMAT(t.created_at, '%Y-%m-%d') AS created," \
	" DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated," \
	" DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created_at," \
	" DATE_FORMAT(t.updated_at, '%Y-%m-%dT%H:%i:%sZ') AS updated_at FROM (SELECT t.id" \
	FROM LIST_FILTER " ORDER BY t.updated_at " O ", t.id " O " LIMIT ? OFFSET ?) p" \
	" JOIN tickets t ON t.id = p.id JOIN users u ON u.id = t.requester_id" \
	" LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN `groups` g ON g.id = t.group_id" \
	" ORDER BY t.updated_at " O ", t.id " O
	mine = strcmp(scope, "mine") == 0;
	if (mine)
		res = db_query(r->db, &r->arena, "SELECT" LIST_COUNT(LIST_MINE),
		    "i" LIST_FILTER_TYPES "i", r->user.id, LIST_FILTER_ARGS, (long long)API_COUNT_CAP + 1);
	else
		res = db_query(r->db, &r->arena, "SELECT" LIST_COUNT(LIST_QUEUE),
		    TICKET_VISIBLE_TYPES LIST_FILTER_TYPES "i", TICKET_VISIBLE_ARGS(r), LIST_FILTER_ARGS,
		    (long long)API_COUNT_CAP + 1);
	if (res == NULL)
		return -1;
	total = db_scalar(res, 0);
	if (total > API_COUNT_CAP) {
		/* Beyond the cap, follow Pager.Next (or narrow with updated_since). */
		total = API_COUNT_CAP;
		page_int(r, "Page.Pager.More", 1);
	}
	off = page_pager(r, total, limit);
	asc = strcmp(order, "asc") == 0;
	if (mine && asc)
		res = db_query(r->db, &r->arena, "SELECT" LIST_ROWS(LIST_MINE, "ASC"),
		    "i" LIST_FILTER_TYPES "ii", r->user.id, LIST_FILTER_ARGS, limit, off);
	else if (mine)
		res = db_query(r->db, &r->arena, "SELECT" LIST_ROWS(LIST_MINE, "DESC"),
		    "i" LIST_FILTER_TYPES "ii", r->user.id, LIST_FILTER_ARGS, limit, off);
	else if (asc)
		res = db_query(r->db, &r->arena, "SELECT" LIST_ROWS(LIST_QUEUE, "ASC"),
		    TICKET_VISIBLE_TYPES LIST_FILTER_TYPES "ii", TICKET_VISIBLE_ARGS(r),
		    LIST_FILTER_ARGS, limit, off);
	else
		res = db_query(r->db, &r->arena, "SELECT" LIST_ROWS(LIST_QUEUE, "DESC"),
		    TICKET_VISIBLE_TYPES LIST_FILTER_TYPES "ii", TICKET_VISIBLE_ARGS(r),
		    LIST_FILTER_ARGS, limit, off);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tickets", res);
	page_set(r, "Page.State", state);
	page_set(r, "Page.Status", status);
	page_set(r, "Page.Scope", scope);
	page_set(r, "Page.Order", order);
	page_int(r, "Page.Limit", limit);
	if (since_raw != NULL)
		page_set(r, "Page.UpdatedSince", since);
	r->status = 200;
	if (res->nrows == 0)
		return api_empty_list(r, "Tickets");
	return view_page(r, "tickets/mine.cs");
}
