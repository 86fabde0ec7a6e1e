/* parse.h - bounded parsers for request input: query strings, urlencoded and
 * multipart/form-data bodies, Cookie headers. All memory comes from the arena. */
#ifndef VT_PARSE_H
#define VT_PARSE_H

#include <stddef.h>

#include "arena.h"

/* Result of a parse: maps to HTTP 400 or 413 in the dispatcher. */
enum parse_status {
	PARSE_OK = 0,
	PARSE_BAD,     /* malformed, invalid UTF-8, control characters: 400 */
	PARSE_TOO_BIG, /* a size or count limit was passed: 413 */
};

/* One decoded input field (or cookie, or uploaded file). */
struct field {
	const char *name;         /* decoded name, NUL-terminated, valid UTF-8 */
	const char *value;        /* decoded value, NUL-terminated (files: raw bytes + NUL) */
	size_t len;               /* bytes in value, not counting the NUL */
	const char *filename;     /* multipart file part: client's base name; else NULL */
	const char *content_type; /* multipart part's Content-Type, or NULL */
	struct field *next;       /* next field in input order */
};

/* Limits on everything the parsers accept. */
struct parse_limits {
	size_t max_fields;    /* fields (or cookies) per input */
	size_t max_name;      /* bytes in one decoded name */
	size_t max_value;     /* bytes in one decoded non-file value */
	size_t max_files;     /* file parts per multipart body */
	size_t max_file;      /* bytes in one file part */
};

/* The limits used when the configuration says nothing. */
extern const struct parse_limits parse_default_limits;

/* Parse application/x-www-form-urlencoded text (query string or body) of len
 * bytes. Appends fields to *out in input order. '+' is a space, %XX decoded.
 * Text fields must be valid UTF-8 with no control characters other than
 * TAB, CR and LF in values (none at all in names). Empty names are skipped. */
enum parse_status parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct parse_limits *lim, struct field **out);

/* Parse a Cookie header ("a=1; b=2"). Cookies with invalid names or values,
 * or longer than max_name/max_value, are skipped (a browser may hold cookies
 * of other applications); only more than max_fields accepted cookies make
 * it fail. */
enum parse_status parse_cookies(struct arena *a, const char *header,
    const struct parse_limits *lim, struct field **out);

/* Parse a multipart/form-data body of len bytes; content_type is the whole
 * Content-Type header (boundary taken from it). Non-file parts follow the
 * text rules above; file parts keep raw bytes and a sanitised base filename
 * (no path, no control characters, valid UTF-8, at most 255 bytes). */
enum parse_status parse_multipart(struct arena *a, const char *content_type,
    const char *body, size_t len, const struct parse_limits *lim,
    struct field **out);

/* First field called name in list, or NULL. */
const struct field *parse_find(const struct field *list, const char *name);

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/* 1 if s[0..len) has a control character (C0 or DEL); allow_ws lets TAB, CR, LF. */
int has_ctl(const char *s, size_t len, int allow_ws);

/* Value of the hex digit c, or -1. */
int parse_hexval(int c);

#endif
