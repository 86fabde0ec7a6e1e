/* buf.h - the one growable byte string: length, capacity and a size cap. */
#ifndef VT_BUF_H
#define VT_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A heap byte string, always NUL-terminated after len bytes once non-empty. */
struct buf {
	char *p;     /* bytes, or NULL while empty */
	size_t len;  /* bytes used */
	size_t cap;  /* bytes allocated */
	size_t max;  /* 0 = no cap; else appends past it fail and set over */
	int over;    /* set once an append was refused by max */
};

/* Append n bytes / a string / printf output. Return 0, or -1 (and set over)
 * when max would be passed; out of memory aborts (see arena.h). */
int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append s with &, <, >, ", ' escaped for HTML text and attributes. */
int buf_html(struct buf *b, const char *s);
/* Forget contents but keep memory; clears over. */
void buf_reset(struct buf *b);
/* Free memory; the buf is empty again (max kept). */
void buf_free(struct buf *b);
/* The contents as a C string ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *b);

#endif
