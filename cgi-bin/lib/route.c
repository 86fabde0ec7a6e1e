/* route.c - the dispatcher: every request passes the same checks here. */
#include "route.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "sess.h"
#include "token.h"

int
route_match(struct arena *a, const char *pattern, const char *path,
    const char **params, size_t *nparams)
{
	const char *p = pattern, *s = path;

	*nparams = 0;
	for (;;) {
		if (p[0] == '/' && p[1] == '*' && p[2] == '*' && p[3] == '\0')
			return *s == '/' || *s == '\0';
		if (*p == '*') {
			size_t n = strcspn(s, "/");

			if (n == 0 || *nparams == REQ_MAX_PARAMS)
				return 0;
			params[(*nparams)++] = arena_strndup(a, s, n);
			p++;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		if (*p == '\0')
			return 1;
		p++;
		s++;
	}
}

const char *
route_accept_language(const char *h)
{
	double best_q = 0.0;
	const char *best = NULL;

	while (h != NULL && *h != '\0') {
		size_t n = strcspn(h, ",");
		const char *semi = memchr(h, ';', n);
		const char *tag = h;
		double q = 1.0;

		while (*tag == ' ')
			tag++;
		if (semi != NULL) {
			const char *qs = strstr(semi, "q=");

			if (qs != NULL && qs < h + n)
				q = strtod(qs + 2, NULL);
		}
		if (q > best_q) {
			if (strncasecmp(tag, "es", 2) == 0 && (tag[2] == '-' || tag[2] == ';' ||
			    tag[2] == ',' || tag[2] == '\0' || tag[2] == ' ')) {
				best = "es";
				best_q = q;
			} else if (strncasecmp(tag, "en", 2) == 0 && (tag[2] == '-' ||
			    tag[2] == ';' || tag[2] == ',' || tag[2] == '\0' || tag[2] == ' ')) {
				best = "en";
				best_q = q;
			}
		}
		h += n;
		if (*h == ',')
			h++;
	}
	return best;
}

/* The language before we know the user: cookie, then browser, then default. */
static const char *
pick_language(struct req *r)
{
	const char *c = req_cookie(r, "lang");
	const char *a;

	if (c != NULL && view_lang_index(c) >= 0)
		return c;
	a = route_accept_language(req_env(r, "HTTP_ACCEPT_LANGUAGE"));
	return a != NULL ? a : r->app->conf.default_language;
}

/* Find the route for r; sets *allowed to the methods of routes whose path
 * matched when none matched the method. */
static const struct route *
find_route(struct req *r, unsigned *allowed)
{
	const struct app *app = r->app;
	const char *params[REQ_MAX_PARAMS];
	size_t i, n;

	*allowed = 0;
	for (i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];

		if (!route_match(&r->arena, rt->pattern, r->path, params, &n))
			continue;
		if (!(rt->methods & r->method)) {
			*allowed |= rt->methods;
			continue;
		}
		memcpy(r->params, params, sizeof(params[0]) * n);
		r->nparams = n;
		return rt;
	}
	return NULL;
}

/* Run the policy checks and the handler; returns the status. */
static int
dispatch(struct req *r)
{
	const struct route *rt;
	unsigned allowed;
	int status;

	status = http_read(r);
	r->lang = pick_language(r);
	if (status != 0) {
		if (status == 400)
			return http_fail(r, 400, "error.bad_request");
		if (status == 413)
			return http_fail(r, 413, "error.too_large");
		if (status == 415)
			return http_fail(r, 415, "error.bad_request");
		return http_fail(r, status, "error.bad_request");
	}
	rt = find_route(r, &allowed);
	if (rt == NULL && allowed == 0)
		return http_fail(r, 404, "error.not_found");
	if (rt == NULL) {
		http_header(r, "Allow", arena_printf(&r->arena, "%s%s%s",
		    (allowed & M_GET) ? "GET, HEAD" : "",
		    (allowed & M_POST) ? ((allowed & M_GET) ? ", POST" : "POST") : "",
		    (allowed & M_PATCH) ? ((allowed & (M_GET | M_POST)) ? ", PATCH" : "PATCH") : ""));
		return http_fail(r, 405, "error.method");
	}
	if (rt->flags & RF_JSON)
		r->json = 1;
	/* An API token on /api/ stands for the session (token.c). */
	status = token_load(r);
	if (status != 0)
		return status < 0 ? http_internal(r) : status;
	if (!r->bearer && (sess_load(r) < 0 || auth_remote_user(r) < 0))
		return http_internal(r);
	if (r->user.id != 0 && r->user.lang != NULL && view_lang_index(r->user.lang) >= 0)
		r->lang = r->user.lang;
	if (rt->roles != 0 && r->user.id == 0) {
		if (r->json && strncmp(r->path, "/api/", 5) == 0)
			http_header(r, "WWW-Authenticate", "Bearer realm=\"Ventanilla\"");
		if (r->json)
			return http_fail(r, 401, "error.login_needed");
		return http_redirect(r, r->method == M_GET ? arena_printf(&r->arena,
		    "/login?next=%s", http_urlencode(&r->arena, r->uri)) : "/login");
	}
	if (rt->roles != 0 && !(r->user.roles & rt->roles))
		return http_fail(r, 403, "error.forbidden");
	if ((r->method & (M_POST | M_PATCH)) && !(rt->flags & RF_NO_CSRF) && !r->bearer &&
	    !sess_csrf_ok(r))
		return http_fail(r, 403, "error.csrf");
	status = rt->handler(r);
	if (status < 0 || status >= 500)
		return http_internal(r);
	return status;
}

void
route_serve(struct req *r)
{
	r->status = dispatch(r);
	if (r->tmpl != NULL)
		page_chrome(r);
	if (r->json && r->location == NULL && r->tmpl != NULL)
		http_json_page(r);
	http_send(r);
}
