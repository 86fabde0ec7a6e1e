/* route.h - matching a path against the route table and serving one request
 * under the central security policy (methods, roles, form tokens). */
#ifndef VT_ROUTE_H
#define VT_ROUTE_H

#include "app.h"

/* 1 if path matches pattern; captured "*" segments go to params (arena). */
int route_match(struct arena *a, const char *pattern, const char *path,
    const char **params, size_t *nparams);

/* Serve r completely: read input, load the session, choose the language,
 * match the route, enforce method/role/CSRF, run the handler, send. */
void route_serve(struct req *r);

/* "en" or "es" from an Accept-Language header, or NULL when neither is wanted. */
const char *route_accept_language(const char *header);

#endif
