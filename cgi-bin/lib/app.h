/* app.h - the shape every program shares: the process (struct app), one
 * request (struct req), the route table, and app_run, the FastCGI main loop. */
#ifndef VT_APP_H
#define VT_APP_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "parse.h"
#include "view.h"

struct FCGX_Request;
struct search_cache;

/* Roles combine as bits. Everyone who logs in is a requester. */
enum role {
	ROLE_REQUESTER = 1 << 0,
	ROLE_AGENT = 1 << 1,
	ROLE_EDITOR = 1 << 2,
	ROLE_APPROVER = 1 << 3,
	ROLE_ADMIN = 1 << 4,
};
#define ROLE_ALL (ROLE_REQUESTER | ROLE_AGENT | ROLE_EDITOR | ROLE_APPROVER | ROLE_ADMIN)

/* HTTP methods a route may accept (bits). HEAD is served as GET without body. */
enum method {
	M_GET = 1 << 0,
	M_POST = 1 << 1,
	M_PATCH = 1 << 2,   /* API partial updates (a body like POST, form token too) */
	M_OTHER = 1 << 7,
};

/* Route flags. */
enum route_flag {
	RF_NO_CSRF = 1 << 0, /* POST without the form token (token-authenticated APIs) */
	RF_JSON = 1 << 1,    /* always answers JSON */
};

struct req;

/* A handler fills the request's HDF and returns an HTTP status: usually the
 * result of view_page(), http_redirect() or http_fail(). It never writes
 * output itself. */
typedef int (*handler_fn)(struct req *);

/* One row of a program's route table. Patterns are literal paths where a
 * segment "*" matches one non-empty path segment, captured in order into
 * req->params. A trailing "/ **" (written without the space) matches the
 * rest of the path, which may be empty. */
struct route {
	unsigned methods;     /* enum method bits */
	const char *pattern;  /* e.g. "/admin/users/ *" without the space */
	handler_fn handler;   /* the page */
	unsigned roles;       /* 0 = anyone; else the user needs one of these roles */
	unsigned flags;       /* enum route_flag bits */
};

/* The logged-in user, as loaded for this request. */
struct user {
	long long id;          /* users.id; 0 = nobody logged in */
	const char *email;     /* login address */
	const char *name;      /* display name */
	const char *lang;      /* saved language ("en"/"es") or "" */
	unsigned roles;        /* enum role bits */
};

/* Everything that lives as long as the process. */
struct app {
	const char *name;            /* program name: "portal", "admin", ... */
	const struct route *routes;  /* the route table */
	size_t nroutes;              /* rows in routes */
	struct conf conf;            /* configuration */
	struct db db;                /* this worker's connection */
	struct view view;            /* parsed templates and language strings */
	struct parse_limits limits;  /* from conf */
	unsigned char hmac_key[32];  /* derived from conf.secret */
	long long served;            /* requests served by this worker */
	struct search_cache *search; /* knowledge search vocabulary (search.c), lazily built */
	void *local;                 /* the program's own long-lived data (caches) */
	void (*local_free)(void *);  /* frees local at worker exit, or NULL */
	/* The program's work between requests (writing counters kept in
	 * memory), or NULL: called after each request with idle 0, with idle 1
	 * once the worker has waited APP_TICK_MS without a request, and with
	 * idle 1 before it exits. Returns 1 while work is pending, else 0. */
	int (*tick)(struct app *app, int idle);
};

#define APP_TICK_MS 1000

#define REQ_MAX_PARAMS 8

/* One request. Everything here is reset at the end of the request. */
struct req {
	struct app *app;              /* the process */
	struct db *db;                /* == &app->db */
	struct arena arena;           /* per-request memory */
	HDF *hdf;                     /* per-request template data */
	struct FCGX_Request *fcgx;    /* the FastCGI request */
	char id[17];                  /* request id (hex), shown on 500 pages */

	/* Input */
	unsigned method;              /* enum method bit */
	int head;                     /* HEAD request: no body in the answer */
	const char *path;             /* decoded path, starts with '/' */
	const char *uri;              /* raw request URI (path and query) */
	struct field *query;          /* query string fields */
	struct field *form;           /* body fields (urlencoded or multipart) */
	struct field *cookies;        /* cookies */
	const char *params[REQ_MAX_PARAMS]; /* captured "*" path segments */
	size_t nparams;               /* entries in params */
	const char *client_addr;      /* client address (proxy-aware) */
	const char *user_agent;       /* User-Agent or "" */
	int https;                    /* request came over HTTPS */
	int json;                     /* answer in JSON */
	int drained;                  /* the whole request body was read */
	const char *lang;             /* "en" or "es" for this answer */

	/* Who */
	struct user user;             /* id 0 when anonymous */
	const char *session;          /* raw session token from the cookie, or NULL */
	int bearer;                   /* signed in by an API token (token.c): no cookies,
	                                 no form token needed */
	const char *csrf;             /* the form token expected from this client */
	int form_errors;              /* fields refused by the form_* validators */

	/* Output */
	int status;                   /* HTTP status */
	const char *tmpl;             /* template to render, or NULL */
	const char *location;         /* redirect target */
	const char *content_type;     /* for raw bodies */
	struct buf headers;           /* extra header lines, each ending in CRLF */
	struct buf body;              /* raw body (JSON, text) when tmpl is NULL */
};

/* Run a FastCGI program: read the configuration, open the socket
 * <socket_dir>/<name>.sock, prefork workers and serve routes until SIGTERM.
 * Returns the process exit status. */
int app_run(const char *name, const struct route *routes, size_t nroutes,
    int argc, char **argv);

/* --- Request helpers (http.c) --- */

/* Value of the named query field, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* Value of the named form (body) field, or NULL. */
const char *req_form(const struct req *r, const char *name);
/* Value of the named cookie, or NULL. */
const char *req_cookie(const struct req *r, const char *name);
/* FastCGI parameter (environment) value, or NULL. */
const char *req_env(const struct req *r, const char *name);
/* 1 if the logged-in user has any role in mask. */
int req_has_role(const struct req *r, unsigned mask);

/* Add a response header line ("Name: value"); value must not hold CR/LF. */
void http_header(struct req *r, const char *name, const char *value);
/* Set a cookie: HttpOnly and SameSite=Lax always, Secure per config;
 * max_age < 0 = session cookie, 0 = delete. */
void http_cookie(struct req *r, const char *name, const char *value, long max_age);
/* Answer 303 See Other to a local path (anything else becomes "/"). */
int http_redirect(struct req *r, const char *path);
/* A user error: status (4xx) with a message key from the language files. */
int http_fail(struct req *r, int status, const char *msgkey);
/* JSON body from the HDF subtree "Page" (used for JSON answers). */
int http_json_page(struct req *r);
/* s percent-encoded for a query value (unreserved characters kept), in a. */
char *http_urlencode(struct arena *a, const char *s);
/* 1 if path is a safe local redirect target ("/x", not "//x" or "/\x"). */
int http_local_path(const char *path);

#endif
