/* login.c - signing in and out. */
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"
#include "sess.h"

/* The page to return to after signing in: a local path, never /login itself. */
static const char *
next_path(struct req *r, enum form_src src)
{
	const char *n = src == FORM_QUERY ? req_query(r, "next") : req_form(r, "next");

	if (n == NULL || !http_local_path(n) || strncmp(n, "/login", 6) == 0 ||
	    strncmp(n, "/logout", 7) == 0)
		return "/";
	return n;
}

static int
show_form(struct req *r, const char *next, const char *email)
{
	page_msg(r, "Page.Title", "login.title");
	page_set(r, "Page.Next", next);
	page_set(r, "Page.Email", email);
	if (req_query(r, "reset") != NULL)
		page_msg(r, "Page.Notice", "reset.done");
	return view_page(r, "portal/login.cs");
}

int
login_page(struct req *r)
{
	if (r->user.id != 0)
		return http_redirect(r, next_path(r, FORM_QUERY));
	return show_form(r, next_path(r, FORM_QUERY), "");
}

int
login_post(struct req *r)
{
	const char *next = next_path(r, FORM_BODY);
	const char *email = form_email(r, FORM_BODY, "email", 1);
	const char *pw = form_password(r, "password", 1);
	long long uid = 0;

	if (r->form_errors) {
		r->status = 422;
		return show_form(r, next, email ? email : "");
	}
	switch (auth_login(r, email, pw, &uid)) {
	case AUTH_OK:
		break;
	case AUTH_THROTTLED:
		r->status = 429;
		http_header(r, "Retry-After", "900");
		page_msg(r, "Page.Error", "login.throttled");
		return show_form(r, next, email);
	case AUTH_BAD:
		r->status = 422;
		page_msg(r, "Page.Error", "login.bad");
		return show_form(r, next, email);
	default:
		return -1;
	}
	if (sess_start(r, uid) < 0)
		return -1;
	audit(r, "login.ok", email, "");
	return http_redirect(r, next);
}

int
logout_page(struct req *r)
{
	if (r->user.id == 0)
		return http_redirect(r, "/");
	page_msg(r, "Page.Title", "logout.title");
	return view_page(r, "portal/logout.cs");
}

int
logout_post(struct req *r)
{
	if (r->user.id != 0) {
		audit(r, "logout", r->user.email, "");
		sess_end(r);
	}
	return http_redirect(r, "/");
}
