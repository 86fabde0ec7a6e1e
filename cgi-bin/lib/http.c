/* http.c - request input and response output over libfcgi. */
#include "http.h"

#include <fcgiapp.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "page.h"

const char *
req_env(const struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgx->envp);
}

const char *
req_query(const struct req *r, const char *name)
{
	const struct field *f = parse_find(r->query, name);

	return f != NULL ? f->value : NULL;
}

const char *
req_form(const struct req *r, const char *name)
{
	const struct field *f = parse_find(r->form, name);

	return f != NULL && f->filename == NULL ? f->value : NULL;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	const struct field *f = parse_find(r->cookies, name);

	return f != NULL ? f->value : NULL;
}

int
req_has_role(const struct req *r, unsigned mask)
{
	return r->user.id != 0 && (r->user.roles & mask) != 0;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' ||
		    c == '/') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

int
http_local_path(const char *path)
{
	const char *p;

	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return 0;
	for (p = path; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return strlen(path) < 2000;
}

void
http_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n:") != NULL) {
		log_err("refused header %s with a line break", name);
		return;
	}
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
http_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	int secure = r->app->conf.secure_cookies == 1 ||
	    (r->app->conf.secure_cookies == 2 && r->https);
	char *line;

	if (max_age >= 0)
		line = arena_printf(&r->arena,
		    "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name,
		    max_age == 0 ? "" : value, max_age, secure ? "; Secure" : "");
	else
		line = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    name, value, secure ? "; Secure" : "");
	http_header(r, "Set-Cookie", line);
}

int
http_redirect(struct req *r, const char *path)
{
	r->location = http_local_path(path) ? path : "/";
	r->status = 303;
	r->tmpl = NULL;
	return 303;
}

int
http_fail(struct req *r, int status, const char *msgkey)
{
	r->status = status;
	r->tmpl = "error.cs";
	page_int(r, "Error.Status", status);
	page_msg(r, "Error.Message", msgkey);
	page_setf(r, "Error.Title", "%s", page_text(r,
	    arena_printf(&r->arena, "error.title.%d", status)));
	return status;
}

int
http_internal(struct req *r)
{
	hdf_remove_tree(r->hdf, "Page");
	r->status = 500;
	r->tmpl = "error.cs";
	r->location = NULL;
	buf_reset(&r->body);
	page_int(r, "Error.Status", 500);
	page_msg(r, "Error.Title", "error.title.500");
	page_msg(r, "Error.Message", "error.internal");
	page_set(r, "Error.Id", r->id);
	return 500;
}

/* Percent-decode the path part of uri into the arena. NULL if malformed,
 * holds a NUL or control character, or is not UTF-8. */
static char *
decode_path(struct arena *a, const char *uri, size_t len)
{
	char *out = arena_alloc(a, len + 1), *o = out;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)uri[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return NULL;
			hi = uri[i + 1];
			lo = uri[i + 2];
#define HEXV(x) ((x) >= '0' && (x) <= '9' ? (x) - '0' : \
	(x) >= 'a' && (x) <= 'f' ? (x) - 'a' + 10 : \
	(x) >= 'A' && (x) <= 'F' ? (x) - 'A' + 10 : -1)
			if (HEXV(hi) < 0 || HEXV(lo) < 0)
				return NULL;
			c = (unsigned char)(HEXV(hi) * 16 + HEXV(lo));
#undef HEXV
			i += 2;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	if (has_ctl(out, (size_t)(o - out), 0) || !utf8_valid(out, (size_t)(o - out)))
		return NULL;
	/* No "." or ".." segments: the web server routed on the normalised path. */
	for (o = out; (o = strstr(o, "/.")) != NULL; o++)
		if (o[2] == '/' || o[2] == '\0' || (o[2] == '.' && (o[3] == '/' || o[3] == '\0')))
			return NULL;
	return out;
}

/* 1 if addr is one of the configured trusted proxies. */
static int
trusted_proxy(const struct conf *c, const char *addr)
{
	size_t i;

	for (i = 0; i < c->ntrusted_proxies; i++)
		if (strcmp(c->trusted_proxies[i], addr) == 0)
			return 1;
	return 0;
}

/* The client address: REMOTE_ADDR, or the right-most untrusted address of
 * X-Forwarded-For when REMOTE_ADDR is a trusted proxy. */
static const char *
client_addr(struct req *r)
{
	const struct conf *c = &r->app->conf;
	const char *remote = req_env(r, "REMOTE_ADDR");
	const char *xff;
	char *copy, *tok;
	const char *best;

	if (remote == NULL || *remote == '\0')
		remote = "unknown";
	if (!trusted_proxy(c, remote))
		return remote;
	xff = req_env(r, "HTTP_X_FORWARDED_FOR");
	if (xff == NULL || strlen(xff) > 1000)
		return remote;
	copy = arena_strdup(&r->arena, xff);
	best = remote;
	/* Walk from the right: skip trusted hops, take the first untrusted one. */
	for (;;) {
		tok = strrchr(copy, ',');
		{
			char *t = tok ? tok + 1 : copy;
			size_t n;

			while (*t == ' ')
				t++;
			n = strlen(t);
			while (n > 0 && t[n - 1] == ' ')
				t[--n] = '\0';
			if (n == 0 || n > 45 || strspn(t, "0123456789abcdefABCDEF.:") != n)
				return best;
			best = t;
			if (!trusted_proxy(c, t))
				return t;
		}
		if (tok == NULL)
			return best;
		*tok = '\0';
	}
}

/* Read the rest of the request stream up to its end (the web server's empty
 * closing record, or a stray body on a GET, within 64 KiB) and note when the
 * end was reached: only then may the connection close without lingering. */
static void
drain(struct req *r)
{
	char tmp[4096];
	size_t total = 0;
	int k;

	while (total < 65536 && (k = FCGX_GetStr(tmp, (int)sizeof(tmp), r->fcgx->in)) > 0)
		total += (size_t)k;
	r->drained = FCGX_HasSeenEOF(r->fcgx->in) == EOF;
}

/* Decide JSON or HTML: /api/ paths and Accept: application/json. */
static int
wants_json(struct req *r)
{
	const char *accept = req_env(r, "HTTP_ACCEPT");

	if (strncmp(r->path, "/api/", 5) == 0)
		return 1;
	return accept != NULL && strncmp(accept, "application/json", 16) == 0;
}

int
http_read(struct req *r)
{
	const char *method = req_env(r, "REQUEST_METHOD");
	const char *uri = req_env(r, "REQUEST_URI");
	const char *qs = req_env(r, "QUERY_STRING");
	const char *ct = req_env(r, "CONTENT_TYPE");
	const char *cl = req_env(r, "CONTENT_LENGTH");
	const char *cookie = req_env(r, "HTTP_COOKIE");
	const char *https = req_env(r, "HTTPS");
	const char *ua = req_env(r, "HTTP_USER_AGENT");
	const char *q;
	enum parse_status ps;
	size_t len;

	r->path = "/";
	r->uri = "/";
	r->client_addr = client_addr(r);
	r->user_agent = ua != NULL ? arena_strndup(&r->arena, ua, strnlen(ua, 250)) : "";
	r->https = https != NULL && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);
	if (method == NULL || uri == NULL || uri[0] != '/' || strlen(uri) > 4000)
		return 400;
	if (strcmp(method, "GET") == 0)
		r->method = M_GET;
	else if (strcmp(method, "HEAD") == 0) {
		r->method = M_GET;
		r->head = 1;
	} else if (strcmp(method, "POST") == 0)
		r->method = M_POST;
	else if (strcmp(method, "PATCH") == 0)
		r->method = M_PATCH;
	else
		r->method = M_OTHER;
	r->uri = uri;
	q = strchr(uri, '?');
	len = q != NULL ? (size_t)(q - uri) : strlen(uri);
	r->path = decode_path(&r->arena, uri, len);
	if (r->path == NULL) {
		r->path = "/";
		return 400;
	}
	r->json = wants_json(r);
	if (cookie != NULL) {
		if (strlen(cookie) > 16384)
			return 400;
		ps = parse_cookies(&r->arena, cookie, &r->app->limits, &r->cookies);
		if (ps != PARSE_OK)
			return ps == PARSE_TOO_BIG ? 413 : 400;
	}
	if (qs != NULL && *qs != '\0') {
		if (strlen(qs) > 8192)
			return 413;
		ps = parse_urlencoded(&r->arena, qs, strlen(qs), &r->app->limits, &r->query);
		if (ps != PARSE_OK)
			return ps == PARSE_TOO_BIG ? 413 : 400;
	}
	if (r->method != M_POST && r->method != M_PATCH)
		drain(r);
	if (r->method == M_POST || r->method == M_PATCH) {
		char *body, *end;
		unsigned long long n;
		size_t got = 0;

		if (cl == NULL || *cl == '\0')
			return 411;
		n = strtoull(cl, &end, 10);
		if (*end != '\0' || cl[0] == '-' || cl[0] == '+')
			return 400;
		if (n > r->app->conf.max_body)
			return 413;
		body = arena_alloc(&r->arena, (size_t)n + 1);
		while (got < n) {
			int k = FCGX_GetStr(body + got, (int)(n - got > 65536 ? 65536 : n - got),
			    r->fcgx->in);

			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (got != n)
			return 400;
		drain(r);
		body[n] = '\0';
		if (n == 0)
			return 0;
		/* PATCH is for JSON APIs: other bodies are left to the route (405
		 * where there is none, 415 from the API handler). */
		if (r->method == M_PATCH && (ct == NULL || strncasecmp(ct, "application/json", 16) != 0))
			return 0;
		if (ct == NULL)
			return 415;
		if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
			ps = parse_urlencoded(&r->arena, body, n, &r->app->limits, &r->form);
		else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
			ps = parse_multipart(&r->arena, ct, body, n, &r->app->limits, &r->form);
		else if (strncasecmp(ct, "application/json", 16) == 0) {
			/* JSON bodies are read by the API handlers themselves. */
			ps = PARSE_OK;
			{
				struct field *f = arena_zalloc(&r->arena, sizeof(*f));

				f->name = "_json";
				f->value = body;
				f->len = n;
				f->next = r->form;
				r->form = f;
			}
		} else
			return 415;
		if (ps != PARSE_OK)
			return ps == PARSE_TOO_BIG ? 413 : 400;
	}
	return 0;
}

/* Convert an HDF node's children into JSON: all-digit names make an array. */
static json_t *
hdf_json(HDF *node)
{
	HDF *c = hdf_obj_child(node);
	int array = c != NULL;
	json_t *j;

	if (c == NULL) {
		const char *v = hdf_obj_value(node);

		return json_string(v != NULL ? v : "");
	}
	for (; c != NULL; c = hdf_obj_next(c)) {
		const char *n = hdf_obj_name(c);

		if (n == NULL || strspn(n, "0123456789") != strlen(n)) {
			array = 0;
			break;
		}
	}
	j = array ? json_array() : json_object();
	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		json_t *v = hdf_json(c);

		if (array)
			json_array_append_new(j, v);
		else
			json_object_set_new(j, hdf_obj_name(c), v);
	}
	return j;
}

int
http_json_page(struct req *r)
{
	/* Errors from http_fail live under "Error"; a handler's own 4xx (a form
	 * with field errors, 422; throttled, 429) keeps its data under "Page". */
	HDF *page = r->status >= 400 ? hdf_get_obj(r->hdf, "Error") : NULL;
	json_t *j;
	char *s;

	if (page == NULL)
		page = hdf_get_obj(r->hdf, "Page");
	j = page != NULL ? hdf_json(page) : json_object();
	if (!json_is_object(j)) {
		json_t *o = json_object();

		json_object_set_new(o, "items", j);
		j = o;
	}
	s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(j);
	buf_reset(&r->body);
	if (s != NULL) {
		buf_puts(&r->body, s);
		free(s);
	}
	r->content_type = "application/json";
	r->tmpl = NULL;
	return r->status;
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

void
http_send(struct req *r)
{
	FCGX_Stream *out = r->fcgx->out;
	const char *ctype = r->content_type;
	char line[128];

	if (r->status == 0)
		r->status = 200;
	if (r->json && r->location == NULL && r->tmpl != NULL)
		http_json_page(r);
	if (r->tmpl != NULL) {
		buf_reset(&r->body);
		if (view_render(&r->app->view, r->tmpl, r->hdf, r->lang, &r->body) < 0) {
			http_internal(r);
			buf_reset(&r->body);
			if (view_render(&r->app->view, r->tmpl, r->hdf, r->lang, &r->body) < 0) {
				buf_reset(&r->body);
				buf_printf(&r->body, "Internal error. Request id: %s\n", r->id);
				ctype = "text/plain; charset=utf-8";
			}
		}
		if (ctype == NULL)
			ctype = "text/html; charset=utf-8";
	}
	if (ctype == NULL)
		ctype = r->json ? "application/json" : "text/plain; charset=utf-8";
	if (strcmp(ctype, "application/json") == 0)
		ctype = "application/json; charset=utf-8";
	snprintf(line, sizeof(line), "Status: %d %s\r\n", r->status, status_text(r->status));
	FCGX_PutS(line, out);
	if (r->location != NULL) {
		FCGX_PutS("Location: ", out);
		FCGX_PutS(r->location, out);
		FCGX_PutS("\r\n", out);
	}
	FCGX_PutS("Content-Type: ", out);
	FCGX_PutS(ctype, out);
	FCGX_PutS("\r\n", out);
	/* The security policy of every answer. */
	FCGX_PutS("Content-Security-Policy: default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
	    "Cross-Origin-Opener-Policy: same-origin\r\n", out);
	if (r->https)
		FCGX_PutS("Strict-Transport-Security: max-age=31536000\r\n", out);
	if (r->user.id != 0 || r->status >= 300)
		FCGX_PutS("Cache-Control: no-store\r\n", out);
	else
		FCGX_PutS("Cache-Control: no-cache\r\n", out);
	FCGX_PutS("Vary: Cookie, Accept, Accept-Language\r\n", out);
	if (r->headers.len)
		FCGX_PutStr(r->headers.p, (int)r->headers.len, out);
	snprintf(line, sizeof(line), "Content-Length: %lu\r\n\r\n",
	    (unsigned long)r->body.len);
	FCGX_PutS(line, out);
	if (!r->head && r->body.len)
		FCGX_PutStr(r->body.p, (int)r->body.len, out);
}
