/* http.h - reading a FastCGI request into struct req and writing the answer. */
#ifndef VT_HTTP_H
#define VT_HTTP_H

#include "app.h"

/* Fill r's input from its FastCGI request: method, path, query, cookies,
 * client address, language wish, body fields. Returns 0, or an HTTP status
 * (400, 405, 411, 413, 415) for input we refuse. */
int http_read(struct req *r);

/* Write the status, headers and body of r to the FastCGI stream: renders the
 * template or the JSON form of the page. Never fails (falls back to a plain
 * 500 text when even the error page cannot render). */
void http_send(struct req *r);

/* Turn r into a 500 answer that shows only the request id (already logged). */
int http_internal(struct req *r);

#endif
