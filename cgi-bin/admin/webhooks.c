/* webhooks.c - /admin/webhooks: where ticket events are sent (address, events,
 * on/off, signing secret) and what happened to the last deliveries. The worker
 * delivers them (cli/webhooks.c); the events are queued by lib/webhook.c. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "sess.h"
#include "webhook.h"

#define HOOKS_MAX 50            /* webhooks an installation may have */
#define HOOK_DELIVERIES_SHOWN 50 /* last deliveries on a webhook's page */

static const char *const hook_events[] = { "ticket.created", "ticket.updated",
	"ticket.resolved", NULL };

/* The id in path segment i, or 0 when it is not a number. */
static long long
seg_id(struct req *r, size_t i)
{
	char *end;
	long long id;

	if (i >= r->nparams || strlen(r->params[i]) > 19)
		return 0;
	id = strtoll(r->params[i], &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

/* A fresh signing secret "whsec_" + 48 hex characters into out (55 bytes). */
static void
new_secret(char out[55])
{
	memcpy(out, "whsec_", 6);
	sess_random_hex(out + 6, 24);
}

/* The events ticked in the form ("event" checkboxes) as a SET string; "" if none. */
static const char *
events_from_form(struct req *r)
{
	struct buf b = { 0 };
	const struct field *f;
	const char *out;
	size_t i;

	for (i = 0; hook_events[i] != NULL; i++)
		for (f = r->form; f != NULL; f = f->next)
			if (strcmp(f->name, "event") == 0 && strcmp(f->value, hook_events[i]) == 0) {
				buf_printf(&b, "%s%s", b.len ? "," : "", hook_events[i]);
				break;
			}
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Mark the events of the SET string set as Page.Events.<n>.{name,on}. */
static void
fill_events(struct req *r, const char *set)
{
	size_t i;

	for (i = 0; hook_events[i] != NULL; i++) {
		const char *p = set != NULL ? strstr(set, hook_events[i]) : NULL;
		size_t n = strlen(hook_events[i]);

		page_set(r, arena_printf(&r->arena, "Page.Events.%lu.name", (unsigned long)i),
		    hook_events[i]);
		page_set(r, arena_printf(&r->arena, "Page.Events.%lu.key", (unsigned long)i),
		    strchr(hook_events[i], '.') + 1);
		if (p != NULL && (p[n] == ',' || p[n] == '\0'))
			page_set(r, arena_printf(&r->arena, "Page.Events.%lu.on", (unsigned long)i), "1");
	}
}

/* The form's fields, checked: url, events, enabled, allow_private. */
struct hook_form {
	const char *url, *events;
	int enabled, allow_private;
};

static void
read_form(struct req *r, struct hook_form *f)
{
	const char *why;

	f->url = form_line(r, FORM_BODY, "url", WEBHOOK_URL_MAX, 1);
	f->events = events_from_form(r);
	f->enabled = req_form(r, "enabled") != NULL;
	f->allow_private = req_form(r, "allow_private") != NULL;
	if (f->url != NULL && *f->url != '\0' &&
	    (why = webhook_url_check(f->url, f->allow_private)) != NULL)
		form_error(r, "url", why);
	if (*f->events == '\0')
		form_error(r, "event", "webhooks.no_events");
	page_set(r, "Page.Form.url", req_form(r, "url"));
	page_set(r, "Page.Form.enabled", f->enabled ? "1" : "0");
	page_set(r, "Page.Form.allow_private", f->allow_private ? "1" : "0");
}

int
webhooks_page(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT w.id, w.url, REPLACE(w.events, ',', ', ') AS events, w.enabled, w.allow_private,"
	    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id"
	    "  AND d.status = 'pending') AS pending,"
	    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id"
	    "  AND d.status = 'failed') AS failed,"
	    " (SELECT d.status FROM webhook_deliveries d WHERE d.webhook_id = w.id"
	    "  AND d.attempts > 0 ORDER BY d.last_attempt_at DESC, d.id DESC LIMIT 1) AS last_status,"
	    " (SELECT DATE_FORMAT(MAX(d.last_attempt_at), '%Y-%m-%d %H:%i')"
	    "  FROM webhook_deliveries d WHERE d.webhook_id = w.id) AS last_attempt"
	    " FROM webhooks w ORDER BY w.id", "");

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Hooks", res);
	if (hdf_get_obj(r->hdf, "Page.Form") == NULL) {
		page_set(r, "Page.Form.enabled", "1");
		fill_events(r, "ticket.created,ticket.updated,ticket.resolved");
	} else {
		fill_events(r, events_from_form(r));
	}
	if (req_query(r, "deleted") != NULL)
		page_msg(r, "Page.Notice", "webhooks.deleted");
	page_msg(r, "Page.Title", "webhooks.title");
	return view_page(r, "admin/webhooks.cs");
}

int
webhook_create(struct req *r)
{
	struct hook_form f;
	struct db_res *res;
	char secret[55];
	long long id;

	read_form(r, &f);
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM webhooks", "");
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) >= HOOKS_MAX)
		form_error(r, "url", "webhooks.too_many");
	if (r->form_errors) {
		r->status = 422;
		return webhooks_page(r);
	}
	new_secret(secret);
	if (db_exec(r->db, "INSERT INTO webhooks (url, secret, events, enabled, allow_private,"
	    " created_by) VALUES (?, ?, ?, ?, ?, ?)", "sssiii", f.url, secret, f.events,
	    (long long)f.enabled, (long long)f.allow_private, r->user.id) < 0)
		return -1;
	id = (long long)db_insert_id(r->db);
	audit(r, "webhook.create", f.url, f.events);
	return http_redirect(r, arena_printf(&r->arena, "/admin/webhooks/%lld?created=1", id));
}

int
webhook_page(struct req *r)
{
	long long id = seg_id(r, 0);
	struct db_res *res;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT w.id, w.url, w.secret, w.events, w.enabled,"
	    " w.allow_private, DATE_FORMAT(w.created_at, '%Y-%m-%d %H:%i') AS created,"
	    " u.name AS created_by FROM webhooks w LEFT JOIN users u ON u.id = w.created_by"
	    " WHERE w.id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	page_row(r, "Page.Hook", res);
	if (hdf_get_obj(r->hdf, "Page.Form") == NULL) {
		page_set(r, "Page.Form.url", db_cell(res, 0, 1));
		page_set(r, "Page.Form.enabled", db_cell(res, 0, 4));
		page_set(r, "Page.Form.allow_private", db_cell(res, 0, 5));
		fill_events(r, db_cell(res, 0, 3));
	} else {
		fill_events(r, events_from_form(r));
	}
	res = db_query(r->db, &r->arena,
	    "SELECT d.id, e.event, e.ticket_id,"
	    " CONCAT('T-', LPAD(e.ticket_id, GREATEST(6, LENGTH(e.ticket_id)), '0')) AS number,"
	    " d.status, d.attempts, d.response_code, d.last_error, d.duration_ms,"
	    " DATE_FORMAT(d.created_at, '%Y-%m-%d %H:%i:%s') AS created,"
	    " DATE_FORMAT(d.last_attempt_at, '%Y-%m-%d %H:%i:%s') AS last_attempt,"
	    " IF(d.status = 'pending', DATE_FORMAT(d.next_attempt_at, '%Y-%m-%d %H:%i:%s'), NULL)"
	    "  AS next_attempt"
	    " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id"
	    " WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?", "ii", id,
	    (long long)HOOK_DELIVERIES_SHOWN);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Deliveries", res);
	if (req_query(r, "created") != NULL)
		page_msg(r, "Page.Notice", "webhooks.created");
	else if (req_query(r, "saved") != NULL)
		page_msg(r, "Page.Notice", "admin.saved");
	else if (req_query(r, "secret") != NULL)
		page_msg(r, "Page.Notice", "webhooks.secret_changed");
	else if (req_query(r, "retry") != NULL)
		page_msg(r, "Page.Notice", "webhooks.retrying");
	page_msg(r, "Page.Title", "webhooks.edit");
	return view_page(r, "admin/webhook.cs");
}

int
webhook_update(struct req *r)
{
	long long id = seg_id(r, 0), n;
	struct hook_form f;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	read_form(r, &f);
	if (r->form_errors) {
		r->status = 422;
		return webhook_page(r);
	}
	n = db_exec(r->db, "UPDATE webhooks SET url = ?, events = ?, enabled = ?, allow_private = ?,"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ?", "ssiii", f.url, f.events,
	    (long long)f.enabled, (long long)f.allow_private, id);
	if (n < 0)
		return -1;
	if (n == 0 && webhook_page(r) == 404)
		return 404;
	audit(r, "webhook.update", f.url, arena_printf(&r->arena, "events=%s enabled=%d"
	    " allow_private=%d", f.events, f.enabled, f.allow_private));
	return http_redirect(r, arena_printf(&r->arena, "/admin/webhooks/%lld?saved=1", id));
}

int
webhook_secret(struct req *r)
{
	long long id = seg_id(r, 0), n;
	char secret[55];

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	new_secret(secret);
	n = db_exec(r->db, "UPDATE webhooks SET secret = ?, updated_at = UTC_TIMESTAMP()"
	    " WHERE id = ?", "si", secret, id);
	if (n < 0)
		return -1;
	if (n == 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "webhook.secret", arena_printf(&r->arena, "%lld", id), "");
	return http_redirect(r, arena_printf(&r->arena, "/admin/webhooks/%lld?secret=1", id));
}

int
webhook_delete(struct req *r)
{
	long long id = seg_id(r, 0);
	struct db_res *res;

	if (id == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT url FROM webhooks WHERE id = ?", "i", id);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	if (db_exec(r->db, "DELETE FROM webhooks WHERE id = ?", "i", id) < 0)
		return -1;
	audit(r, "webhook.delete", db_cell(res, 0, 0), "");
	return http_redirect(r, "/admin/webhooks?deleted=1");
}

int
webhook_retry(struct req *r)
{
	long long id = seg_id(r, 0), did = seg_id(r, 1), n;

	if (id == 0 || did == 0)
		return http_fail(r, 404, "error.not_found");
	/* A failed delivery gets a fresh round of attempts, starting now. */
	n = db_exec(r->db, "UPDATE webhook_deliveries SET status = 'pending', attempts = 0,"
	    " next_attempt_at = UTC_TIMESTAMP() WHERE id = ? AND webhook_id = ? AND status = 'failed'",
	    "ii", did, id);
	if (n < 0)
		return -1;
	if (n == 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "webhook.retry", arena_printf(&r->arena, "%lld", id),
	    arena_printf(&r->arena, "delivery %lld", did));
	return http_redirect(r, arena_printf(&r->arena, "/admin/webhooks/%lld?retry=1", id));
}
