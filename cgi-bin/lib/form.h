/* form.h - one validator per field type. Each reads a body field (or query
 * field for GET forms), checks it, and on failure records a translated
 * message under Page.Errors.<name> and counts it in req->form_errors. */
#ifndef VT_FORM_H
#define VT_FORM_H

#include "app.h"

/* Where a validator reads from. */
enum form_src { FORM_BODY, FORM_QUERY };

/* Single-line text: trimmed, no line breaks, 0 < length <= max characters
 * (bytes when it matters: max is checked in characters and 4*max bytes).
 * Returns the value ("" when absent and optional) or NULL when refused. */
const char *form_line(struct req *r, enum form_src src, const char *name,
    size_t max, int required);
/* Multi-line text: like form_line but line breaks allowed (CRLF -> LF). */
const char *form_text(struct req *r, enum form_src src, const char *name,
    size_t max, int required);
/* An e-mail address (shape check only, lowercased domain): NULL if refused. */
const char *form_email(struct req *r, enum form_src src, const char *name, int required);
/* A password: kept exactly (no trimming), at most AUTH_PASSWORD_MAX bytes. */
const char *form_password(struct req *r, const char *name, int required);
/* One of the allowed words (NULL-terminated list); dflt when absent. */
const char *form_choice(struct req *r, enum form_src src, const char *name,
    const char *const *allowed, const char *dflt);
/* A whole number in lo..hi; dflt when absent; *ok cleared when refused. */
long long form_int(struct req *r, enum form_src src, const char *name,
    long long lo, long long hi, long long dflt, int *ok);
/* Record an error for name with message key (for checks beyond shape). */
void form_error(struct req *r, const char *name, const char *msgkey);
/* Number of characters (code points) in a valid UTF-8 string. */
size_t form_chars(const char *s);

#endif
