/* parse.c - bounded, linear-time parsers for query strings, urlencoded and
 * multipart/form-data bodies and Cookie headers. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "parse.h"

#include <string.h>

#define MP_HEADER_MAX   (8 * 1024) /* bytes in one part's header block */
#define MP_HEADERS_MAX  16         /* header lines in one part */
#define MP_BOUNDARY_MAX 70         /* RFC 2046 section 5.1.1 */
#define MP_FILENAME_MAX 255        /* bytes in a sanitised file name */

const struct parse_limits parse_default_limits = {
	.max_fields = 200,
	.max_name = 128,
	.max_value = 65536,
	.max_files = 10,
	.max_file = 10 * 1024 * 1024,
};

/* A list under construction. Parsers build into one of these and append it
 * to the caller's list only when the whole input was accepted, so on failure
 * *out is left exactly as it was. */
struct flist {
	struct field *head;  /* first new field, or NULL */
	struct field **tail; /* where the next field is linked */
	size_t n;            /* fields in the list */
	size_t files;        /* of which file parts */
};

/* One parameter of a header value: '; name=value'. */
struct hparam {
	const char *name; /* parameter name, not NUL-terminated */
	size_t nlen;      /* bytes in name */
	char *value;      /* decoded value, NUL-terminated, in the arena */
	size_t vlen;      /* bytes in value */
};

/* Make l an empty list. */
static void
flist_init(struct flist *l)
{
	l->head = NULL;
	l->tail = &l->head;
	l->n = 0;
	l->files = 0;
}

/* Append a zeroed field (arena memory) to l and return it. */
static struct field *
flist_add(struct arena *a, struct flist *l)
{
	struct field *f = arena_zalloc(a, sizeof(*f));

	*l->tail = f;
	l->tail = &f->next;
	l->n++;
	return f;
}

/* Link the fields of l after the last field of *out (which may be empty). */
static void
flist_splice(struct flist *l, struct field **out)
{
	while (*out != NULL)
		out = &(*out)->next;
	*out = l->head;
}

/* 1 if s[0..len) is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates U+D800..U+DFFF, nothing above U+10FFFF, no truncated sequence.
 * An empty string is valid. */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	while (p < end) {
		unsigned int c = *p++, lo = 0x80, hi = 0xBF;
		size_t n;

		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c == 0xE0) {
			n = 2;
			lo = 0xA0; /* overlong below U+0800 */
		} else if (c == 0xED) {
			n = 2;
			hi = 0x9F; /* surrogates U+D800..U+DFFF */
		} else if (c >= 0xE1 && c <= 0xEF)
			n = 2;
		else if (c == 0xF0) {
			n = 3;
			lo = 0x90; /* overlong below U+10000 */
		} else if (c >= 0xF1 && c <= 0xF3)
			n = 3;
		else if (c == 0xF4) {
			n = 3;
			hi = 0x8F; /* above U+10FFFF */
		} else
			return 0; /* continuation, C0, C1 or F5..FF lead */
		if ((size_t)(end - p) < n)
			return 0;
		if (*p < lo || *p > hi)
			return 0;
		p++;
		while (--n > 0) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			p++;
		}
	}
	return 1;
}

/* 1 if s[0..len) holds a C0 control (0x00..0x1F, NUL included) or DEL; with
 * allow_ws, TAB, CR and LF are not counted. C1 (U+0080..U+009F) is not checked. */
int
has_ctl(const char *s, size_t len, int allow_ws)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7F)
			return 1;
		if (c < 0x20 && !(allow_ws &&
		    (c == '\t' || c == '\r' || c == '\n')))
			return 1;
	}
	return 0;
}

/* First field of list whose name equals name (byte-wise), or NULL. The
 * result points into list (arena memory). */
const struct field *
parse_find(const struct field *list, const char *name)
{
	for (; list != NULL; list = list->next)
		if (strcmp(list->name, name) == 0)
			return list;
	return NULL;
}

int
parse_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode n bytes of urlencoded s ('+' is a space, %XX a byte) into a new
 * NUL-terminated arena string *out of *outlen bytes. Returns 0, or -1 on a
 * truncated or non-hex %-escape. */
static int
url_decode(struct arena *a, const char *s, size_t n, char **out,
    size_t *outlen)
{
	char *buf = arena_alloc(a, n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			buf[o++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3)
				return -1;
			hi = parse_hexval((unsigned char)s[i + 1]);
			lo = parse_hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			buf[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			buf[o++] = s[i];
	}
	buf[o] = '\0';
	*out = buf;
	*outlen = o;
	return 0;
}

/* 1 if s[0..n) is an acceptable field name: valid UTF-8, no controls. */
static int
name_ok(const char *s, size_t n)
{
	return utf8_valid(s, n) && !has_ctl(s, n, 0);
}

/* 1 if s[0..n) is an acceptable text value: valid UTF-8, no controls other
 * than TAB, CR and LF. */
static int
value_ok(const char *s, size_t n)
{
	return utf8_valid(s, n) && !has_ctl(s, n, 1);
}

/* Fields are separated by '&' only (not ';'). A field without '=' has an
 * empty value. A bad %-escape anywhere fails, even in a field whose name
 * decodes to empty (such fields are otherwise skipped and not counted).
 * Limits are per call: fields already in *out do not count. On failure *out
 * is unchanged (its memory stays in the arena until reset). */
enum parse_status
parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct parse_limits *lim, struct field **out)
{
	const char *p, *end;
	struct flist l;

	flist_init(&l);
	if (len == 0)
		return PARSE_OK;
	p = s;
	end = s + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *segend = amp != NULL ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(segend - p));
		const char *nameend = eq != NULL ? eq : segend;
		char *name, *value = NULL;
		size_t nlen, vlen = 0;
		struct field *f;

		if (url_decode(a, p, (size_t)(nameend - p), &name, &nlen) < 0)
			return PARSE_BAD;
		if (eq != NULL && url_decode(a, eq + 1,
		    (size_t)(segend - eq - 1), &value, &vlen) < 0)
			return PARSE_BAD;
		p = amp != NULL ? amp + 1 : end;
		if (nlen == 0)
			continue;
		if (nlen > lim->max_name || vlen > lim->max_value)
			return PARSE_TOO_BIG;
		if (!name_ok(name, nlen) ||
		    (value != NULL && !value_ok(value, vlen)))
			return PARSE_BAD;
		if (l.n >= lim->max_fields)
			return PARSE_TOO_BIG;
		f = flist_add(a, &l);
		f->name = name;
		f->value = value != NULL ? value : "";
		f->len = vlen;
	}
	flist_splice(&l, out);
	return PARSE_OK;
}

/* 1 if c may appear in an RFC 7230 token (tchar). */
static int
is_tchar(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* 1 if s[0..n) is a non-empty token. */
static int
is_token(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

/* First byte at or after p (before end) that is not a space or tab. */
static const char *
skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Shrink [*b, *e) so it neither starts nor ends with a space or tab. */
static void
trim_ows(const char **b, const char **e)
{
	*b = skip_ows(*b, *e);
	while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

/* The Cookie header is split on ';'; each piece is trimmed of spaces and tabs
 * around the name and the value, and a value in double quotes loses them.
 * Values are not percent-decoded. A cookie is skipped, not fatal, when it has
 * no '=', its name is empty or not a token, its name or value is longer than
 * the limits, or its value has a control character (TAB included) or invalid
 * UTF-8. Only more than max_fields accepted cookies fails (PARSE_TOO_BIG).
 * A NULL header is an empty one. On failure *out is unchanged. */
enum parse_status
parse_cookies(struct arena *a, const char *header,
    const struct parse_limits *lim, struct field **out)
{
	const char *p, *end;
	struct flist l;

	flist_init(&l);
	if (header == NULL)
		return PARSE_OK;
	p = header;
	end = header + strlen(header);
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *segend = semi != NULL ? semi : end;
		const char *eq = memchr(p, '=', (size_t)(segend - p));
		const char *nb = p, *ne = eq, *vb, *ve = segend;
		size_t nlen, vlen;
		struct field *f;

		p = semi != NULL ? semi + 1 : end;
		if (eq == NULL)
			continue;
		vb = eq + 1;
		trim_ows(&nb, &ne);
		trim_ows(&vb, &ve);
		if (ve - vb >= 2 && *vb == '"' && ve[-1] == '"') {
			vb++;
			ve--;
		}
		nlen = (size_t)(ne - nb);
		vlen = (size_t)(ve - vb);
		if (!is_token(nb, nlen) || nlen > lim->max_name ||
		    vlen > lim->max_value || has_ctl(vb, vlen, 0) ||
		    !utf8_valid(vb, vlen))
			continue;
		if (l.n >= lim->max_fields)
			return PARSE_TOO_BIG;
		f = flist_add(a, &l);
		f->name = arena_strndup(a, nb, nlen);
		f->value = arena_strndup(a, vb, vlen);
		f->len = vlen;
	}
	flist_splice(&l, out);
	return PARSE_OK;
}

/* 1 if c is an RFC 2045 tspecial (the characters a backslash may escape). */
static int
is_tspecial(int c)
{
	return c != '\0' && strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

/* 1 if s[0..n) equals the lower-case ASCII string lit, ignoring ASCII case. */
static int
ci_eq(const char *s, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != lit[i])
			return 0;
	}
	return 1;
}

/* Decode the quoted-string starting at *pp (which points at its opening
 * '"') and ending before end into a NUL-terminated arena string. A backslash
 * escapes the next character only when that is a tspecial ('"', '\\', ...);
 * otherwise it is kept, so that old browsers' unescaped Windows paths
 * (filename="C:\dir\f.txt") survive. Advances *pp past the closing quote.
 * Returns 0, or -1 if the closing quote is missing. */
static int
quoted_string(struct arena *a, const char **pp, const char *end, char **out,
    size_t *outlen)
{
	const char *p, *q;
	size_t n = 0;
	char *buf;

	for (p = *pp + 1; p < end && *p != '"'; p++, n++)
		if (*p == '\\' && end - p > 1 && is_tspecial((unsigned char)p[1]))
			p++;
	if (p >= end)
		return -1;
	buf = arena_alloc(a, n + 1);
	n = 0;
	for (q = *pp + 1; q < p; q++) {
		if (*q == '\\' && p - q > 1 && is_tspecial((unsigned char)q[1]))
			q++;
		buf[n++] = *q;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	*pp = p + 1;
	return 0;
}

/* Read the next parameter ('; name=value', value a token or quoted-string)
 * of a header value from *pp (before end) into *hp. Empty parameters and a
 * trailing ';' are tolerated. Returns 1 with *hp filled and *pp advanced,
 * 0 at the end of the value, -1 if malformed. */
static int
param_next(struct arena *a, const char **pp, const char *end,
    struct hparam *hp)
{
	const char *p = skip_ows(*pp, end), *v;

	for (;;) {
		if (p == end)
			return 0;
		if (*p != ';')
			return -1;
		p = skip_ows(p + 1, end);
		if (p < end && *p != ';')
			break;
	}
	hp->name = p;
	while (p < end && is_tchar((unsigned char)*p))
		p++;
	hp->nlen = (size_t)(p - hp->name);
	if (hp->nlen == 0 || p == end || *p != '=')
		return -1;
	p++;
	if (p < end && *p == '"') {
		if (quoted_string(a, &p, end, &hp->value, &hp->vlen) < 0)
			return -1;
	} else {
		v = p;
		while (p < end && is_tchar((unsigned char)*p))
			p++;
		if (p == v)
			return -1;
		hp->vlen = (size_t)(p - v);
		hp->value = arena_strndup(a, v, hp->vlen);
	}
	*pp = p;
	return 1;
}

/* 1 if c is an RFC 2046 bchar (allowed in a boundary). */
static int
is_bchar(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Take the boundary from a Content-Type header, which must be
 * multipart/form-data with exactly one boundary parameter (name in any case,
 * value a token or quoted-string of 1..70 bchars not ending in a space).
 * Sets *bnd (arena) and *blen; returns 0, or -1 if anything is wrong. */
static int
mp_boundary(struct arena *a, const char *ct, char **bnd, size_t *blen)
{
	static const char type[] = "multipart/form-data";
	const size_t tlen = sizeof(type) - 1;
	const char *p, *end;
	struct hparam hp;
	size_t i;
	int r, found = 0;

	if (ct == NULL)
		return -1;
	end = ct + strlen(ct);
	p = skip_ows(ct, end);
	if ((size_t)(end - p) < tlen || !ci_eq(p, tlen, type))
		return -1;
	p += tlen;
	while ((r = param_next(a, &p, end, &hp)) == 1) {
		if (!ci_eq(hp.name, hp.nlen, "boundary"))
			continue;
		if (found++)
			return -1;
		*bnd = hp.value;
		*blen = hp.vlen;
	}
	if (r < 0 || !found)
		return -1;
	if (*blen < 1 || *blen > MP_BOUNDARY_MAX || (*bnd)[*blen - 1] == ' ')
		return -1;
	for (i = 0; i < *blen; i++)
		if (!is_bchar((unsigned char)(*bnd)[i]))
			return -1;
	return 0;
}

/* 1 if s[0..n) has a control character other than TAB (header lines). */
static int
hdr_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7F || (c < 0x20 && c != '\t'))
			return 1;
	}
	return 0;
}

/* Client file name fn[0..n) made safe to show: valid UTF-8 required (else
 * NULL), everything up to the last '/' or '\\' removed, control characters
 * dropped, cut to MP_FILENAME_MAX bytes on a character boundary; empty, "."
 * and ".." become "file". Returns a NUL-terminated arena string. */
static const char *
mp_filename(struct arena *a, const char *fn, size_t n)
{
	const char *base = fn;
	size_t i, o = 0;
	char *buf;

	if (!utf8_valid(fn, n))
		return NULL;
	for (i = 0; i < n; i++)
		if (fn[i] == '/' || fn[i] == '\\')
			base = fn + i + 1;
	n -= (size_t)(base - fn);
	buf = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++)
		if (!has_ctl(base + i, 1, 0))
			buf[o++] = base[i];
	if (o > MP_FILENAME_MAX) {
		o = MP_FILENAME_MAX;
		/* buf[o] is the first byte cut; back up to its character's start. */
		while (o > 0 && ((unsigned char)buf[o] & 0xC0) == 0x80)
			o--;
	}
	buf[o] = '\0';
	if (o == 0 || strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0)
		return "file";
	return buf;
}

/* Parse one body part s[0..e) (between the CRLF after a boundary line and the
 * CRLF before the next delimiter) and append its field to l if it is kept.
 * Header names are case-insensitive; Content-Disposition (form-data, with a
 * name) is required, at most one of it and of Content-Type; other headers
 * are ignored; folded header lines are refused. Parts whose name is empty,
 * and file parts with an empty filename and no content, are skipped. */
static enum parse_status
mp_part(struct arena *a, const char *s, const char *e,
    const struct parse_limits *lim, struct flist *l)
{
	size_t rlen = (size_t)(e - s), win, nhdr = 0, clen;
	const char *h, *hend, *line, *content;
	char *name = NULL, *filename = NULL, *ctype = NULL;
	size_t nlen = 0, fnlen = 0;
	int seen_cd = 0;
	struct field *f;

	win = rlen < MP_HEADER_MAX + 4 ? rlen : MP_HEADER_MAX + 4;
	h = memmem(s, win, "\r\n\r\n", 4);
	if (h == NULL)
		return rlen > win ? PARSE_TOO_BIG : PARSE_BAD;
	hend = h + 2; /* the last header line keeps its CRLF */
	content = h + 4;
	clen = (size_t)(e - content);

	for (line = s; line < hend; ) {
		const char *le = memmem(line, (size_t)(hend - line), "\r\n", 2);
		const char *colon, *v, *ve;

		if (le == NULL) /* cannot happen: hend ends with CRLF */
			return PARSE_BAD;
		if (++nhdr > MP_HEADERS_MAX)
			return PARSE_TOO_BIG;
		if (hdr_ctl(line, (size_t)(le - line)) ||
		    !utf8_valid(line, (size_t)(le - line)))
			return PARSE_BAD;
		colon = memchr(line, ':', (size_t)(le - line));
		if (colon == NULL || !is_token(line, (size_t)(colon - line)))
			return PARSE_BAD; /* also refuses folded lines */
		v = colon + 1;
		ve = le;
		trim_ows(&v, &ve);
		if (ci_eq(line, (size_t)(colon - line), "content-disposition")) {
			const char *t = v;
			struct hparam hp;
			int r;

			if (seen_cd++)
				return PARSE_BAD;
			while (t < ve && is_tchar((unsigned char)*t))
				t++;
			if (!ci_eq(v, (size_t)(t - v), "form-data"))
				return PARSE_BAD;
			while ((r = param_next(a, &t, ve, &hp)) == 1) {
				if (ci_eq(hp.name, hp.nlen, "name")) {
					if (name != NULL)
						return PARSE_BAD;
					name = hp.value;
					nlen = hp.vlen;
				} else if (ci_eq(hp.name, hp.nlen, "filename")) {
					if (filename != NULL)
						return PARSE_BAD;
					filename = hp.value;
					fnlen = hp.vlen;
				}
				/* filename* (RFC 5987) and others: ignored. */
			}
			if (r < 0)
				return PARSE_BAD;
		} else if (ci_eq(line, (size_t)(colon - line), "content-type")) {
			if (ctype != NULL)
				return PARSE_BAD;
			ctype = arena_strndup(a, v, (size_t)(ve - v));
		}
		line = le + 2;
	}
	if (!seen_cd || name == NULL)
		return PARSE_BAD;
	if (nlen == 0)
		return PARSE_OK;
	if (nlen > lim->max_name)
		return PARSE_TOO_BIG;
	if (!name_ok(name, nlen))
		return PARSE_BAD;

	if (filename == NULL) {
		if (clen > lim->max_value)
			return PARSE_TOO_BIG;
		if (!value_ok(content, clen))
			return PARSE_BAD;
		if (l->n >= lim->max_fields)
			return PARSE_TOO_BIG;
		f = flist_add(a, l);
	} else {
		const char *safe;

		if (fnlen == 0 && clen == 0)
			return PARSE_OK; /* "no file chosen" */
		if (clen > lim->max_file || l->files >= lim->max_files ||
		    l->n >= lim->max_fields)
			return PARSE_TOO_BIG;
		if ((safe = mp_filename(a, filename, fnlen)) == NULL)
			return PARSE_BAD;
		f = flist_add(a, l);
		f->filename = safe;
		l->files++;
	}
	f->name = name;
	f->value = arena_strndup(a, content, clen);
	f->len = clen;
	f->content_type = ctype;
	return PARSE_OK;
}

/* The first boundary line may open the body or follow a CRLF in a preamble;
 * every boundary line may carry trailing spaces/tabs and must end in CRLF
 * (bare LF is refused); the body must contain the closing "--boundary--",
 * after which any epilogue is ignored. Each part's content ends before the
 * CRLF that precedes the next delimiter. File parts count toward both
 * max_files and max_fields. Every byte is scanned a bounded number of times
 * (memmem), so time is linear in len. On failure *out is unchanged. */
enum parse_status
parse_multipart(struct arena *a, const char *content_type,
    const char *body, size_t len, const struct parse_limits *lim,
    struct field **out)
{
	const char *p, *q, *end;
	char *bnd = NULL, *delim;
	size_t blen = 0, dlen;
	struct flist l;

	flist_init(&l);
	if (mp_boundary(a, content_type, &bnd, &blen) < 0)
		return PARSE_BAD;
	if (body == NULL || len == 0)
		return PARSE_BAD;
	dlen = blen + 4;
	delim = arena_alloc(a, dlen + 1);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, bnd, blen + 1);
	end = body + len;

	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((q = memmem(body, len, delim, dlen)) != NULL)
		p = q + dlen;
	else
		return PARSE_BAD;

	for (;;) {
		enum parse_status st;

		/* p is just past "--boundary". */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		p = skip_ows(p, end);
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return PARSE_BAD;
		p += 2;
		if ((q = memmem(p, (size_t)(end - p), delim, dlen)) == NULL)
			return PARSE_BAD;
		if ((st = mp_part(a, p, q, lim, &l)) != PARSE_OK)
			return st;
		p = q + dlen;
	}
	flist_splice(&l, out);
	return PARSE_OK;
}
