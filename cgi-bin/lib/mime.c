/* mime.c - reading incoming mail: headers, encoded words, multipart trees,
 * transfer encodings and charsets, HTML as text, quoted history removed. */
#include "mime.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "parse.h"

#define MIME_PART_HEADERS 64       /* header fields kept per inner part */
#define MIME_MAX_SEGMENTS 64       /* RFC 2231 continuations of one parameter */
#define MIME_MAX_FILENAME 200      /* bytes of an attachment's name */

/* What the walk over the tree collects. */
struct walk {
	struct arena *a;       /* where everything goes */
	struct mime_msg *m;    /* the result */
	struct buf text;       /* the message text so far */
};

/* ------------------------------------------------------------ small helpers */

/* Append the UTF-8 form of code point cp. */
static void
put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		s[0] = (char)cp;
		buf_append(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 4);
	}
}

/* Copy of a buf's contents into the arena (the buf is freed). */
static char *
buf_to_arena(struct arena *a, struct buf *b, size_t *len)
{
	char *s = arena_strndup(a, b->p != NULL ? b->p : "", b->len);

	if (len != NULL)
		*len = b->len;
	buf_free(b);
	return s;
}

/* 1 if s[0..n) starts with the word w (case-insensitive). */
static int
starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && strncasecmp(s, w, k) == 0;
}

/* ------------------------------------------------------------ charsets */

/* The charset name lowercased, without quotes, blanks or an RFC 2231
 * language suffix, into out. */
static void
charset_norm(const char *cs, char *out, size_t outlen)
{
	size_t i = 0;

	if (cs == NULL)
		cs = "";
	for (; *cs != '\0' && i + 1 < outlen; cs++) {
		if (*cs == '*')
			break;
		if (*cs == '"' || *cs == '\'' || isspace((unsigned char)*cs))
			continue;
		out[i++] = (char)tolower((unsigned char)*cs);
	}
	out[i] = '\0';
}

/* Convert with iconv from charset cs, unconvertible bytes as U+FFFD.
 * 0, or -1 when the charset is unknown. */
static int
iconv_utf8(struct buf *out, const char *cs, const char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	char tmp[4096];

	if (cd == (iconv_t)-1)
		return -1;
	while (n > 0) {
		char *in = (char *)s, *o = tmp;
		size_t inleft = n, oleft = sizeof(tmp);
		size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
		int e = errno;

		buf_append(out, tmp, sizeof(tmp) - oleft);
		s = in;
		n = inleft;
		if (rc == (size_t)-1 && e != E2BIG) {
			/* EILSEQ or a cut sequence at the end: one replacement, one byte on. */
			put_utf8(out, 0xFFFD);
			s++;
			n--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
		if (out->over)
			break;
	}
	iconv_close(cd);
	return 0;
}

char *
mime_to_utf8(struct arena *a, const char *charset, const char *s, size_t n, size_t *outlen)
{
	struct buf b = { 0 };
	char cs[64];

	b.max = 4 * n + 64;
	charset_norm(charset, cs, sizeof(cs));
	/* Latin-1 labels usually mean Windows-1252 (as browsers read them). */
	if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "iso8859-1") == 0 ||
	    strcmp(cs, "latin1") == 0 || strcmp(cs, "iso_8859-1") == 0 ||
	    strcmp(cs, "latin-1") == 0 || strcmp(cs, "l1") == 0)
		snprintf(cs, sizeof(cs), "windows-1252");
	if (*cs == '\0' || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 ||
	    strcmp(cs, "us-ascii") == 0 || strcmp(cs, "ascii") == 0 ||
	    iconv_utf8(&b, cs, s, n) < 0) {
		buf_reset(&b);
		if (utf8_valid(s, n))
			buf_append(&b, s, n);
		else
			iconv_utf8(&b, "WINDOWS-1252", s, n);
	}
	if (!utf8_valid(b.p != NULL ? b.p : "", b.len)) {
		/* Should not happen with iconv; never hand out invalid text. */
		buf_reset(&b);
		buf_puts(&b, "?");
	}
	return buf_to_arena(a, &b, outlen);
}

/* ------------------------------------------------------------ encodings */

/* Decode base64, skipping anything that is not in the alphabet. */
static char *
decode_base64(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	char *out = arena_alloc(a, n / 4 * 3 + 4);
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i], v;

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+' || c == '-')
			v = 62;
		else if (c == '/' || c == '_')
			v = 63;
		else if (c == '=')
			break;
		else
			continue;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xFF);
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Decode quoted-printable (soft line breaks removed); q = RFC 2047 Q form
 * ('_' is a space). */
static char *
decode_qp(struct arena *a, const char *s, size_t n, size_t *outlen, int q)
{
	char *out = arena_alloc(a, n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '=') {
			size_t j = i + 1;

			/* A soft break: "=" then optional blanks then the line end. */
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j < n && (s[j] == '\r' || s[j] == '\n')) {
				if (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')
					j++;
				i = j;
				continue;
			}
			if (j == n && j > i + 1) {
				i = j;
				continue;
			}
			if (i + 2 < n && parse_hexval(s[i + 1]) >= 0 && parse_hexval(s[i + 2]) >= 0) {
				out[o++] = (char)(parse_hexval(s[i + 1]) * 16 + parse_hexval(s[i + 2]));
				i += 2;
				continue;
			}
			out[o++] = '=';
		} else if (q && s[i] == '_') {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* ------------------------------------------------------------ headers */

/* Append the pending bytes of encoded words (all in charset cs) as UTF-8. */
static void
flush_words(struct arena *a, struct buf *out, struct buf *pend, const char *cs)
{
	size_t n;
	char *u;

	if (pend->len == 0)
		return;
	u = mime_to_utf8(a, cs, pend->p, pend->len, &n);
	buf_append(out, u, n);
	buf_reset(pend);
}

/* Append the raw (not encoded) bytes pending in raw as UTF-8. */
static void
flush_raw(struct arena *a, struct buf *out, struct buf *raw)
{
	size_t n;
	char *u;

	if (raw->len == 0)
		return;
	u = mime_to_utf8(a, NULL, raw->p, raw->len, &n);
	buf_append(out, u, n);
	buf_reset(raw);
}

char *
mime_decode_words(struct arena *a, const char *s)
{
	struct buf out = { 0 }, pend = { 0 }, raw = { 0 }, ws = { 0 };
	char cs[64] = "";
	const char *p = s;
	int after_word = 0;
	char *r;
	size_t i;

	out.max = pend.max = raw.max = ws.max = 4 * strlen(s) + 64;
	while (*p != '\0') {
		const char *q1, *end;

		if (p[0] == '=' && p[1] == '?' && (q1 = strchr(p + 2, '?')) != NULL &&
		    (size_t)(q1 - p) < 60 && q1[1] != '\0' && q1[2] == '?' &&
		    strchr("BbQq", q1[1]) != NULL && (end = strstr(q1 + 3, "?=")) != NULL &&
		    memchr(q1 + 3, ' ', (size_t)(end - q1 - 3)) == NULL) {
			char wcs[64];
			const char *d;
			size_t n;

			/* Blanks between two encoded words are not part of the text. */
			if (!after_word) {
				flush_words(a, &out, &pend, cs);
				buf_append(&raw, ws.p, ws.len);
				flush_raw(a, &out, &raw);
			}
			buf_reset(&ws);
			snprintf(wcs, sizeof(wcs), "%.*s", (int)(q1 - p - 2), p + 2);
			charset_norm(wcs, wcs, sizeof(wcs));
			if (q1[1] == 'B' || q1[1] == 'b')
				d = decode_base64(a, q1 + 3, (size_t)(end - q1 - 3), &n);
			else
				d = decode_qp(a, q1 + 3, (size_t)(end - q1 - 3), &n, 1);
			if (strcmp(wcs, cs) != 0) {
				flush_words(a, &out, &pend, cs);
				snprintf(cs, sizeof(cs), "%s", wcs);
			}
			buf_append(&pend, d, n);
			after_word = 1;
			p = end + 2;
			continue;
		}
		if (after_word && isspace((unsigned char)*p)) {
			buf_append(&ws, p++, 1);
			continue;
		}
		if (after_word) {
			flush_words(a, &out, &pend, cs);
			buf_append(&raw, ws.p, ws.len);
			buf_reset(&ws);
			after_word = 0;
		}
		buf_append(&raw, p++, 1);
	}
	flush_words(a, &out, &pend, cs);
	buf_append(&raw, ws.p, ws.len);
	flush_raw(a, &out, &raw);
	buf_free(&pend);
	buf_free(&raw);
	buf_free(&ws);
	r = buf_to_arena(a, &out, NULL);
	for (i = 0; r[i] != '\0'; i++)
		if ((unsigned char)r[i] < 0x20 || r[i] == 0x7f)
			r[i] = ' ';
	return r;
}

/* Split the header block of d[0..n) into hs (at most max), unfolded; the
 * body starts after the first empty line. Returns the number of fields. */
static size_t
split_headers(struct arena *a, const char *d, size_t n, struct mime_header *hs, size_t max,
    const char **body, size_t *blen, size_t *nseen)
{
	size_t i = 0, nh = 0;
	struct buf v = { 0 };
	const char *name = NULL;
	size_t namelen = 0;

	v.max = MIME_MAX_HEADER;
	*nseen = 0;
	while (i < n) {
		const char *line = d + i;
		const char *nl = memchr(line, '\n', n - i);
		size_t len = nl != NULL ? (size_t)(nl - line) : n - i;
		size_t next = i + len + (nl != NULL ? 1 : 0);
		size_t l = len;

		if (l > 0 && line[l - 1] == '\r')
			l--;
		if (l == 0) {
			i = next;
			break;
		}
		if ((line[0] == ' ' || line[0] == '\t') && name != NULL) {
			/* A folded continuation: the line break goes, the blank stays. */
			buf_append(&v, line, l);
		} else {
			const char *colon = memchr(line, ':', l);
			size_t nlen = colon != NULL ? (size_t)(colon - line) : 0;

			if (name != NULL && nh < max) {
				hs[nh].name = arena_strndup(a, name, namelen);
				hs[nh].value = arena_strdup(a, buf_str(&v));
				nh++;
			}
			name = NULL;
			buf_reset(&v);
			/* Obsolete syntax allows blanks between the name and the colon. */
			while (nlen > 0 && (line[nlen - 1] == ' ' || line[nlen - 1] == '\t'))
				nlen--;
			if (nlen > 0 && memchr(line, ' ', nlen) == NULL && memchr(line, '\t', nlen) == NULL) {
				const char *val = colon + 1;

				name = line;
				namelen = nlen;
				while (val < line + l && (*val == ' ' || *val == '\t'))
					val++;
				buf_append(&v, val, (size_t)(line + l - val));
				(*nseen)++;
			} else if (i == 0 && starts_ci(line, l, "From ")) {
				/* An mbox separator line. */
			} else {
				/* Not a header: the header block ended without a blank line. */
				break;
			}
		}
		i = next;
	}
	if (name != NULL && nh < max) {
		hs[nh].name = arena_strndup(a, name, namelen);
		hs[nh].value = arena_strdup(a, buf_str(&v));
		nh++;
	}
	buf_free(&v);
	*body = d + i;
	*blen = n - i;
	return nh;
}

static const char *
find_header(const struct mime_header *hs, size_t nh, const char *name)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (strcasecmp(hs[i].name, name) == 0)
			return hs[i].value;
	return NULL;
}

const char *
mime_header(const struct mime_msg *m, const char *name)
{
	return find_header(m->headers, m->nheaders, name);
}

char *
mime_header_text(struct arena *a, const struct mime_msg *m, const char *name)
{
	const char *v = mime_header(m, name);

	return v != NULL ? mime_decode_words(a, v) : NULL;
}

/* The media type of a Content-Type value, lowercased ("text/plain" if none). */
static char *
media_type(struct arena *a, const char *v)
{
	size_t n;
	char *t;
	size_t i;

	if (v == NULL)
		return arena_strdup(a, "text/plain");
	while (isspace((unsigned char)*v))
		v++;
	n = strcspn(v, "; \t");
	if (n == 0 || memchr(v, '/', n) == NULL)
		return arena_strdup(a, "text/plain");
	t = arena_strndup(a, v, n);
	for (i = 0; t[i] != '\0'; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	return t;
}

/* Parameter parsing: one raw value (quotes removed) per attribute. */
char *
mime_param(struct arena *a, const char *value, const char *name)
{
	const char *p;
	const char *plain = NULL, *ext = NULL;
	const char *seg[MIME_MAX_SEGMENTS] = { 0 };
	int segext[MIME_MAX_SEGMENTS] = { 0 };
	size_t nlen = strlen(name);
	int any_seg = 0;

	if (value == NULL)
		return NULL;
	p = strchr(value, ';');
	while (p != NULL && *p != '\0') {
		const char *an, *eq;
		size_t alen;
		struct buf v = { 0 };
		char *val;

		while (*p == ';' || isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		an = p;
		eq = p + strcspn(p, "=;");
		if (*eq != '=') {
			p = eq;
			continue;
		}
		alen = (size_t)(eq - an);
		while (alen > 0 && isspace((unsigned char)an[alen - 1]))
			alen--;
		p = eq + 1;
		while (isspace((unsigned char)*p))
			p++;
		v.max = MIME_MAX_HEADER;
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_append(&v, p, 1);
			}
			if (*p == '"')
				p++;
			p += strcspn(p, ";");
		} else {
			size_t k = strcspn(p, ";");

			while (k > 0 && isspace((unsigned char)p[k - 1]))
				k--;
			buf_append(&v, p, k);
			p += strcspn(p, ";");
		}
		val = buf_to_arena(a, &v, NULL);
		if (alen == nlen && strncasecmp(an, name, nlen) == 0) {
			plain = val;
		} else if (alen == nlen + 1 && strncasecmp(an, name, nlen) == 0 && an[nlen] == '*') {
			ext = val;
		} else if (alen > nlen + 1 && strncasecmp(an, name, nlen) == 0 && an[nlen] == '*') {
			/* name*N or name*N* */
			const char *d = an + nlen + 1;
			size_t k = 0, idx = 0;

			while (d + k < an + alen && isdigit((unsigned char)d[k]) && k < 3)
				idx = idx * 10 + (size_t)(d[k++] - '0');
			if (k > 0 && idx < MIME_MAX_SEGMENTS &&
			    (d + k == an + alen || (d + k + 1 == an + alen && d[k] == '*'))) {
				seg[idx] = val;
				segext[idx] = d + k != an + alen;
				any_seg = 1;
			}
		}
	}
	if (ext != NULL || (any_seg && seg[0] != NULL)) {
		struct buf raw = { 0 };
		char cs[64] = "";
		size_t i, n;
		int first = 1;

		raw.max = MIME_MAX_HEADER;
		for (i = 0; i < MIME_MAX_SEGMENTS; i++) {
			const char *s = ext != NULL ? (i == 0 ? ext : NULL) : seg[i];
			int pct = ext != NULL ? 1 : segext[i];

			if (s == NULL)
				break;
			if (pct && first) {
				/* charset'language'value */
				const char *q1 = strchr(s, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;

				if (q2 != NULL) {
					snprintf(cs, sizeof(cs), "%.*s", (int)(q1 - s), s);
					s = q2 + 1;
				}
			}
			first = 0;
			for (; *s != '\0'; s++) {
				if (pct && *s == '%' && parse_hexval(s[1]) >= 0 && parse_hexval(s[2]) >= 0) {
					char c = (char)(parse_hexval(s[1]) * 16 + parse_hexval(s[2]));

					buf_append(&raw, &c, 1);
					s += 2;
				} else {
					buf_append(&raw, s, 1);
				}
			}
		}
		{
			char *r = mime_to_utf8(a, cs, raw.p != NULL ? raw.p : "", raw.len, &n);

			buf_free(&raw);
			return r;
		}
	}
	return plain != NULL ? mime_decode_words(a, plain) : NULL;
}

char *
mime_address(struct arena *a, const char *value)
{
	const char *lt, *gt, *s;
	size_t n, i;
	char *r;

	if (value == NULL)
		return NULL;
	lt = strchr(value, '<');
	if (lt != NULL && (gt = strchr(lt, '>')) != NULL) {
		s = lt + 1;
		n = (size_t)(gt - s);
	} else {
		/* "a@b (Name)" or "a@b": the first word with an @. */
		const char *at = strchr(value, '@');

		if (at == NULL)
			return NULL;
		s = at;
		while (s > value && !isspace((unsigned char)s[-1]) && s[-1] != ',' && s[-1] != ':')
			s--;
		n = strcspn(s, " \t,;()");
	}
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > 254)
		return NULL;
	r = arena_strndup(a, s, n);
	for (i = 0; r[i] != '\0'; i++) {
		if ((unsigned char)r[i] <= 0x20 || r[i] == '<' || r[i] == '>' || r[i] == '"' ||
		    r[i] == ',' || r[i] == 0x7f)
			return NULL;
		r[i] = (char)tolower((unsigned char)r[i]);
	}
	if (strchr(r, '@') == NULL || r[0] == '@' || r[n - 1] == '@')
		return NULL;
	return r;
}

/* ------------------------------------------------------------ HTML */

/* Named entities worth knowing in Spanish and English mail. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", 0xA0 }, { "iexcl", 0xA1 }, { "iquest", 0xBF }, { "copy", 0xA9 },
	{ "reg", 0xAE }, { "deg", 0xB0 }, { "middot", 0xB7 }, { "laquo", 0xAB }, { "raquo", 0xBB },
	{ "aacute", 0xE1 }, { "eacute", 0xE9 }, { "iacute", 0xED }, { "oacute", 0xF3 },
	{ "uacute", 0xFA }, { "Aacute", 0xC1 }, { "Eacute", 0xC9 }, { "Iacute", 0xCD },
	{ "Oacute", 0xD3 }, { "Uacute", 0xDA }, { "ntilde", 0xF1 }, { "Ntilde", 0xD1 },
	{ "uuml", 0xFC }, { "Uuml", 0xDC }, { "ouml", 0xF6 }, { "auml", 0xE4 }, { "ccedil", 0xE7 },
	{ "agrave", 0xE0 }, { "egrave", 0xE8 }, { "ordf", 0xAA }, { "ordm", 0xBA },
	{ "euro", 0x20AC }, { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
	{ "bull", 0x2022 }, { "trade", 0x2122 }, { "times", 0xD7 }, { "zwnj", 0x200C },
};

/* Tags whose content is not text. */
static int
skip_tag(const char *t)
{
	return strcmp(t, "script") == 0 || strcmp(t, "style") == 0 || strcmp(t, "head") == 0 ||
	    strcmp(t, "title") == 0 || strcmp(t, "template") == 0;
}

/* 0 for inline tags; 1 for a line break; 2 for a paragraph break. */
static int
block_tag(const char *t)
{
	static const char *const para[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
		"ul", "ol", "pre", "blockquote", "hr", "dl", NULL };
	static const char *const line[] = { "br", "div", "tr", "li", "section", "article",
		"header", "footer", "form", "address", "center", "dt", "dd", "main", "nav", "aside",
		"figure", "caption", "body", NULL };
	size_t i;

	for (i = 0; para[i] != NULL; i++)
		if (strcmp(t, para[i]) == 0)
			return 2;
	for (i = 0; line[i] != NULL; i++)
		if (strcmp(t, line[i]) == 0)
			return 1;
	return 0;
}

/* State of the HTML-to-text conversion. */
struct h2t {
	struct buf out;   /* text so far */
	int nls;          /* line breaks since the last text (2 = paragraph) */
	int space;        /* a blank is pending */
	int quote;        /* blockquote depth */
	int pre;          /* inside <pre> */
	int started;      /* some text was written */
};

static void
h2t_break(struct h2t *h, int want)
{
	if (!h->started)
		return;
	while (h->nls < want) {
		buf_puts(&h->out, "\n");
		h->nls++;
	}
	h->space = 0;
}

static void
h2t_text(struct h2t *h, const char *s, size_t n)
{
	int i;

	if (n == 0)
		return;
	if (h->nls > 0 || !h->started) {
		for (i = 0; i < h->quote; i++)
			buf_puts(&h->out, "> ");
	} else if (h->space) {
		buf_puts(&h->out, " ");
	}
	buf_append(&h->out, s, n);
	h->nls = 0;
	h->space = 0;
	h->started = 1;
}

char *
mime_html_text(struct arena *a, const char *html, size_t n)
{
	struct h2t h;
	char skipping[16] = "";
	size_t i = 0;
	char *r, *o;
	const char *p;

	memset(&h, 0, sizeof(h));
	h.out.max = MIME_MAX_TEXT;
	while (i < n && !h.out.over) {
		char c = html[i];

		if (c == '<') {
			char tag[16];
			size_t j = i + 1, k = 0;
			int closing = 0;
			char qc = 0;

			if (n - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
				const char *e = memmem(html + i + 4, n - i - 4, "-->", 3);

				i = e != NULL ? (size_t)(e - html) + 3 : n;
				continue;
			}
			if (j < n && html[j] == '/') {
				closing = 1;
				j++;
			}
			while (j < n && k + 1 < sizeof(tag) && isalnum((unsigned char)html[j]))
				tag[k++] = (char)tolower((unsigned char)html[j++]);
			tag[k] = '\0';
			if (k == 0 && !closing && (j >= n || (html[j] != '!' && html[j] != '?'))) {
				/* A lone "<" is text. */
				if (*skipping == '\0')
					h2t_text(&h, "<", 1);
				i++;
				continue;
			}
			/* Find the end of the tag, minding quoted attribute values. */
			for (; j < n; j++) {
				if (qc != 0) {
					if (html[j] == qc)
						qc = 0;
				} else if (html[j] == '"' || html[j] == '\'') {
					qc = html[j];
				} else if (html[j] == '>') {
					break;
				}
			}
			i = j < n ? j + 1 : n;
			if (*skipping != '\0') {
				if (closing && strcmp(tag, skipping) == 0)
					*skipping = '\0';
				continue;
			}
			if (!closing && skip_tag(tag)) {
				snprintf(skipping, sizeof(skipping), "%s", tag);
				continue;
			}
			if (strcmp(tag, "blockquote") == 0) {
				h2t_break(&h, 2);
				if (closing && h.quote > 0)
					h.quote--;
				else if (!closing && h.quote < 10)
					h.quote++;
				continue;
			}
			if (strcmp(tag, "pre") == 0)
				h.pre = !closing;
			if (strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0) {
				if (!closing)
					h.space = 1;
				continue;
			}
			if (block_tag(tag) > 0) {
				/* <br> adds one line break (two at most in a row). */
				int want = block_tag(tag);

				if (strcmp(tag, "br") == 0)
					want = h.nls < 2 ? h.nls + 1 : 2;
				h2t_break(&h, want);
				if (!closing && strcmp(tag, "li") == 0)
					h2t_text(&h, "- ", 2);
			}
			continue;
		}
		if (*skipping != '\0') {
			i++;
			continue;
		}
		if (c == '&') {
			size_t j = i + 1;
			char ent[12];
			size_t k = 0;
			uint32_t cp = 0;
			int ok = 0;

			if (j < n && html[j] == '#') {
				int hex = j + 1 < n && (html[j + 1] == 'x' || html[j + 1] == 'X');

				j += hex ? 2 : 1;
				while (j < n && k < 8 && (hex ? parse_hexval(html[j]) >= 0 :
				    isdigit((unsigned char)html[j]))) {
					cp = cp * (hex ? 16 : 10) + (uint32_t)parse_hexval(html[j]);
					j++;
					k++;
				}
				ok = k > 0;
				if (ok && (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
				    (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0)))
					cp = 0xFFFD;
			} else {
				size_t e;

				while (j < n && k + 1 < sizeof(ent) && isalnum((unsigned char)html[j]))
					ent[k++] = html[j++];
				ent[k] = '\0';
				for (e = 0; e < sizeof(entities) / sizeof(entities[0]); e++)
					if (strcmp(ent, entities[e].name) == 0) {
						cp = entities[e].cp;
						ok = 1;
						break;
					}
			}
			if (ok) {
				struct buf t = { 0 };

				if (j < n && html[j] == ';')
					j++;
				if (cp == 0xA0 && !h.pre) {
					h.space = h.started;
				} else {
					put_utf8(&t, cp);
					h2t_text(&h, t.p, t.len);
				}
				buf_free(&t);
				i = j;
				continue;
			}
			h2t_text(&h, "&", 1);
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (h.pre && c == '\n') {
				buf_puts(&h.out, "\n");
				h.nls = h.nls < 2 ? h.nls + 1 : 2;
			} else if (h.pre && c != '\r') {
				h2t_text(&h, &c, 1);
			} else if (h.started && h.nls == 0) {
				h.space = 1;
			}
			i++;
			continue;
		}
		{
			size_t j = i;

			while (j < n && html[j] != '<' && html[j] != '&' && html[j] != ' ' &&
			    html[j] != '\t' && html[j] != '\n' && html[j] != '\r' && html[j] != '\f')
				j++;
			h2t_text(&h, html + i, j - i);
			i = j;
		}
	}
	r = buf_to_arena(a, &h.out, NULL);
	/* Trailing blanks of each line, and blank lines at the end, go. */
	for (p = r, o = r; *p != '\0'; p++) {
		if (*p == '\n')
			while (o > r && (o[-1] == ' ' || o[-1] == '\t'))
				o--;
		*o++ = *p;
	}
	while (o > r && isspace((unsigned char)o[-1]))
		o--;
	*o = '\0';
	return r;
}

/* ------------------------------------------------------------ the tree */

/* Undo RFC 3676 format=flowed in place: a line ending in a blank (other
 * than the signature line "-- ") goes on with the next one; the blank goes
 * too with delsp=yes; a leading stuffed blank is removed. Returns the new
 * length. */
static size_t
unflow(char *u, size_t len, int delsp)
{
	size_t i = 0, o = 0, jdepth = 0;
	int joining = 0;

	while (i < len) {
		size_t e = i, n, depth = 0;

		while (e < len && u[e] != '\n')
			e++;
		while (i + depth < e && u[i + depth] == '>')
			depth++;
		if (joining && depth == jdepth) {
			/* A continued line: its quote marks and the blank after them go. */
			i += depth;
			if (i < e && u[i] == ' ')
				i++;
		} else {
			if (joining)
				u[o++] = '\n';   /* another depth: the paragraph ended */
			if (depth == 0 && i < e && u[i] == ' ')
				i++;   /* space-stuffing */
		}
		n = e - i;
		memmove(u + o, u + i, n);
		o += n;
		joining = n > 0 && u[o - 1] == ' ' && !(n == 3 && memcmp(u + o - 3, "-- ", 3) == 0) &&
		    e < len;
		jdepth = depth;
		if (joining && delsp)
			o--;
		else if (!joining && e < len)
			u[o++] = '\n';
		i = e + 1;
	}
	u[o] = '\0';
	return o;
}

/* Text from a decoded text part: charset to UTF-8, CRLF/CR to LF, control
 * characters other than TAB dropped, format=flowed undone. */
static char *
part_text(struct arena *a, const char *ctype, const char *d, size_t n, size_t *outlen)
{
	char *cs = mime_param(a, ctype, "charset");
	char *fmt = mime_param(a, ctype, "format");
	char *delsp = mime_param(a, ctype, "delsp");
	size_t len, i, o = 0;
	char *u = mime_to_utf8(a, cs, d, n, &len);

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)u[i];

		if (c == '\r') {
			u[o++] = '\n';
			if (i + 1 < len && u[i + 1] == '\n')
				i++;
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			continue;
		} else {
			u[o++] = (char)c;
		}
	}
	u[o] = '\0';
	if (fmt != NULL && strcasecmp(fmt, "flowed") == 0)
		o = unflow(u, o, delsp != NULL && strcasecmp(delsp, "yes") == 0);
	*outlen = o;
	return u;
}

/* A safe file name: no directories, no control characters, not too long. */
static const char *
clean_filename(struct arena *a, const char *fn, const char *type, size_t nth)
{
	const char *base;
	char *r;
	size_t i, n;

	if (fn != NULL) {
		base = fn + strlen(fn);
		while (base > fn && base[-1] != '/' && base[-1] != '\\')
			base--;
		r = arena_strdup(a, base);
		for (i = 0; r[i] != '\0'; i++)
			if ((unsigned char)r[i] < 0x20 || r[i] == 0x7f || r[i] == '"')
				r[i] = '_';
		while (*r == ' ' || *r == '.')
			r++;
		n = strlen(r);
		if (n > MIME_MAX_FILENAME) {
			n = MIME_MAX_FILENAME;
			while (n > 0 && ((unsigned char)r[n] & 0xC0) == 0x80)
				n--;
			r[n] = '\0';
		}
		while (n > 0 && r[n - 1] == ' ')
			r[--n] = '\0';
		if (*r != '\0')
			return r;
	}
	{
		const char *ext = strcmp(type, "image/png") == 0 ? ".png" :
		    strcmp(type, "image/jpeg") == 0 ? ".jpg" : strcmp(type, "image/gif") == 0 ? ".gif" :
		    strcmp(type, "application/pdf") == 0 ? ".pdf" :
		    strcmp(type, "text/plain") == 0 ? ".txt" : "";

		return arena_printf(a, "attachment-%lu%s", (unsigned long)nth, ext);
	}
}

static void walk_entity(struct walk *w, const struct mime_header *hs, size_t nh,
    const char *body, size_t blen, int depth);

/* Append text to the message text, a blank line between pieces. */
static void
add_text(struct walk *w, const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	if (w->text.len > 0)
		buf_puts(&w->text, "\n\n");
	buf_append(&w->text, s, n);
	if (w->text.over)
		w->m->limited = 1;
}

/* The children of a multipart body, as (start, length) pairs. */
static size_t
split_parts(const char *body, size_t blen, const char *boundary, const char **starts,
    size_t *lens, size_t max)
{
	size_t bl = strlen(boundary), i = 0, n = 0;
	const char *cur = NULL;

	while (i < blen) {
		const char *line = body + i;
		const char *nl = memchr(line, '\n', blen - i);
		size_t len = nl != NULL ? (size_t)(nl - line) : blen - i;
		size_t next = i + len + (nl != NULL ? 1 : 0);

		if (len >= 2 + bl && line[0] == '-' && line[1] == '-' &&
		    memcmp(line + 2, boundary, bl) == 0) {
			const char *rest = line + 2 + bl;
			size_t rl = len - 2 - bl;
			int close = rl >= 2 && rest[0] == '-' && rest[1] == '-';

			if (cur != NULL && n < max) {
				/* The line break before the delimiter belongs to it. */
				size_t plen = (size_t)(line - cur);

				if (plen > 0 && cur[plen - 1] == '\n')
					plen--;
				if (plen > 0 && cur[plen - 1] == '\r')
					plen--;
				starts[n] = cur;
				lens[n++] = plen;
			}
			cur = close ? NULL : body + next;
			if (close)
				return n;
		}
		i = next;
	}
	if (cur != NULL && n < max) {
		/* No closing delimiter: take what is there. */
		starts[n] = cur;
		lens[n++] = (size_t)(body + blen - cur);
	}
	return n;
}

/* Decode a leaf's body per its Content-Transfer-Encoding. */
static const char *
leaf_bytes(struct arena *a, const struct mime_header *hs, size_t nh, const char *body,
    size_t blen, size_t *outlen)
{
	const char *cte = find_header(hs, nh, "Content-Transfer-Encoding");

	if (cte != NULL) {
		while (isspace((unsigned char)*cte))
			cte++;
		if (strncasecmp(cte, "base64", 6) == 0)
			return decode_base64(a, body, blen, outlen);
		if (strncasecmp(cte, "quoted-printable", 16) == 0)
			return decode_qp(a, body, blen, outlen, 0);
	}
	*outlen = blen;
	return body;
}

static void
walk_multipart(struct walk *w, const char *type, const char *ctype, const char *body,
    size_t blen, int depth)
{
	char *boundary = mime_param(w->a, ctype, "boundary");
	const char *starts[MIME_MAX_PARTS];
	size_t lens[MIME_MAX_PARTS], n, i, pick = (size_t)-1;
	struct mime_header *hs[MIME_MAX_PARTS];
	size_t nhs[MIME_MAX_PARTS];
	const char *bodies[MIME_MAX_PARTS];
	size_t blens[MIME_MAX_PARTS];

	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 200) {
		add_text(w, body, 0);
		return;
	}
	n = split_parts(body, blen, boundary, starts, lens, MIME_MAX_PARTS);
	for (i = 0; i < n; i++) {
		size_t seen;

		hs[i] = arena_alloc(w->a, sizeof(struct mime_header) * MIME_PART_HEADERS);
		nhs[i] = split_headers(w->a, starts[i], lens[i], hs[i], MIME_PART_HEADERS,
		    &bodies[i], &blens[i], &seen);
	}
	if (strcmp(type, "multipart/alternative") == 0) {
		/* Plain text first; else a nested multipart; else HTML; else the last. */
		for (i = 0; i < n && pick == (size_t)-1; i++)
			if (strcmp(media_type(w->a, find_header(hs[i], nhs[i], "Content-Type")),
			    "text/plain") == 0)
				pick = i;
		for (i = 0; i < n && pick == (size_t)-1; i++)
			if (strncmp(media_type(w->a, find_header(hs[i], nhs[i], "Content-Type")),
			    "multipart/", 10) == 0)
				pick = i;
		for (i = 0; i < n && pick == (size_t)-1; i++)
			if (strcmp(media_type(w->a, find_header(hs[i], nhs[i], "Content-Type")),
			    "text/html") == 0)
				pick = i;
		if (pick == (size_t)-1 && n > 0)
			pick = n - 1;
		if (pick != (size_t)-1) {
			size_t before = w->text.len;

			walk_entity(w, hs[pick], nhs[pick], bodies[pick], blens[pick], depth + 1);
			/* An empty plain part (some clients send one): take the next that says something. */
			for (i = 0; i < n && w->text.len == before; i++)
				if (i != pick)
					walk_entity(w, hs[i], nhs[i], bodies[i], blens[i], depth + 1);
		}
		return;
	}
	for (i = 0; i < n; i++)
		walk_entity(w, hs[i], nhs[i], bodies[i], blens[i], depth + 1);
}

static void
walk_entity(struct walk *w, const struct mime_header *hs, size_t nh, const char *body,
    size_t blen, int depth)
{
	const char *ctype = find_header(hs, nh, "Content-Type");
	const char *disp = find_header(hs, nh, "Content-Disposition");
	char *type = media_type(w->a, ctype);
	char *fn;
	int attachment;

	if (++w->m->nparts > MIME_MAX_PARTS || depth > MIME_MAX_DEPTH) {
		w->m->limited = 1;
		return;
	}
	if (strncmp(type, "multipart/", 10) == 0) {
		walk_multipart(w, type, ctype, body, blen, depth);
		return;
	}
	fn = mime_param(w->a, disp, "filename");
	if (fn == NULL)
		fn = mime_param(w->a, ctype, "name");
	attachment = (disp != NULL && starts_ci(disp, strlen(disp), "attachment")) || fn != NULL;
	if (strcmp(type, "message/rfc822") == 0 && depth < MIME_MAX_DEPTH) {
		/* A forwarded message: its headers in short, then its own text and files. */
		struct mime_header *ih = arena_alloc(w->a, sizeof(struct mime_header) * MIME_PART_HEADERS);
		const char *ib;
		size_t ibl, seen, inh, dl;
		const char *d = leaf_bytes(w->a, hs, nh, body, blen, &dl);
		struct buf t = { 0 };
		const char *names[] = { "From", "Date", "Subject", "To" };
		size_t k;

		inh = split_headers(w->a, d, dl, ih, MIME_PART_HEADERS, &ib, &ibl, &seen);
		t.max = 64 * 1024;
		buf_puts(&t, "---------- Forwarded message ----------");
		for (k = 0; k < 4; k++) {
			const char *v = find_header(ih, inh, names[k]);

			if (v != NULL)
				buf_printf(&t, "\n%s: %s", names[k], mime_decode_words(w->a, v));
		}
		add_text(w, t.p, t.len);
		buf_free(&t);
		walk_entity(w, ih, inh, ib, ibl, depth + 1);
		return;
	}
	if (!attachment && (strcmp(type, "text/plain") == 0 || strcmp(type, "text/html") == 0)) {
		size_t n, tl;
		const char *d = leaf_bytes(w->a, hs, nh, body, blen, &n);
		char *t = part_text(w->a, ctype, d, n, &tl);

		if (strcmp(type, "text/html") == 0) {
			t = mime_html_text(w->a, t, tl);
			tl = strlen(t);
			if (tl > 0)
				w->m->text_from_html = 1;
		}
		add_text(w, t, tl);
		return;
	}
	if (!attachment && strncmp(type, "text/", 5) != 0 && strncmp(type, "image/", 6) != 0 &&
	    strncmp(type, "application/", 12) != 0 && strncmp(type, "audio/", 6) != 0 &&
	    strncmp(type, "video/", 6) != 0)
		return;   /* nothing a person wrote (e.g. message/delivery-status) */
	if (w->m->natts >= MIME_MAX_ATTACHMENTS) {
		w->m->atts_dropped++;
		w->m->limited = 1;
		return;
	}
	{
		struct mime_att *at = &w->m->atts[w->m->natts];
		size_t n;

		at->data = leaf_bytes(w->a, hs, nh, body, blen, &n);
		at->len = n;
		at->type = type;
		at->filename = clean_filename(w->a, fn, type, w->m->natts + 1);
		at->inline_part = !(disp != NULL && starts_ci(disp, strlen(disp), "attachment"));
		w->m->natts++;
	}
}

int
mime_parse(struct arena *a, const char *data, size_t len, struct mime_msg *m)
{
	struct walk w;
	const char *body;
	size_t blen, seen;

	memset(m, 0, sizeof(*m));
	m->nheaders = split_headers(a, data, len, m->headers, MIME_MAX_HEADERS, &body, &blen, &seen);
	m->text = "";
	if (seen == 0)
		return -1;
	memset(&w, 0, sizeof(w));
	w.a = a;
	w.m = m;
	w.text.max = MIME_MAX_TEXT;
	walk_entity(&w, m->headers, m->nheaders, body, blen, 0);
	m->text = buf_to_arena(a, &w.text, NULL);
	return 0;
}

/* ------------------------------------------------------------ replies */

/* s[0..n) with blanks at both ends removed. */
static void
trim_span(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* 1 if s[0..n) ends with the word w (case-insensitive). */
static int
ends_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && strncasecmp(s + n - k, w, k) == 0;
}

/* 1 if needle occurs in s[0..n), ignoring ASCII case. */
static int
contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	if (k == 0 || k > n)
		return 0;
	for (i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/* One line of the text. */
struct line {
	const char *s;   /* start */
	size_t n;        /* length without the line break */
};

/* The line with leading quote marks and blanks removed, trimmed. */
static void
unquoted(const struct line *l, const char **s, size_t *n)
{
	*s = l->s;
	*n = l->n;
	trim_span(s, n);
	while (*n > 0 && (**s == '>' || **s == ' ')) {
		(*s)++;
		(*n)--;
	}
	trim_span(s, n);
}

/* An attribution line ("On <date>, <who> wrote:" in English or Spanish),
 * possibly wrapped onto the next line. Returns 1 if line i starts one. */
static int
attribution(const struct line *ls, size_t nl, size_t i)
{
	const char *s, *t;
	size_t n, tn;

	unquoted(&ls[i], &s, &n);
	if (!(starts_ci(s, n, "On ") || starts_ci(s, n, "El ")))
		return 0;
	if (ends_ci(s, n, "wrote:") || ends_ci(s, n, "escribi\xc3\xb3:") || ends_ci(s, n, "escribio:"))
		return 1;
	if (i + 1 < nl) {
		unquoted(&ls[i + 1], &t, &tn);
		if (tn < 80 && (ends_ci(t, tn, "wrote:") || ends_ci(t, tn, "escribi\xc3\xb3:")))
			return 1;
	}
	return 0;
}

/* An Outlook header block: "From:"/"De:" and within the next lines
 * "Sent:"/"Enviado:"/"Date:"/"Fecha:". */
static int
outlook_block(const struct line *ls, size_t nl, size_t i)
{
	const char *s;
	size_t n, j;

	unquoted(&ls[i], &s, &n);
	if (!(starts_ci(s, n, "From:") || starts_ci(s, n, "De:") || starts_ci(s, n, "*From:*") ||
	    starts_ci(s, n, "*De:*")))
		return 0;
	for (j = i + 1; j < nl && j <= i + 4; j++) {
		unquoted(&ls[j], &s, &n);
		if (starts_ci(s, n, "Sent:") || starts_ci(s, n, "Enviado:") ||
		    starts_ci(s, n, "Date:") || starts_ci(s, n, "Fecha:") ||
		    starts_ci(s, n, "*Sent:*") || starts_ci(s, n, "*Enviado:*") ||
		    starts_ci(s, n, "Enviado el:"))
			return 1;
	}
	return 0;
}

/* "-----Original Message-----" and friends. */
static int
original_separator(const struct line *l)
{
	const char *s;
	size_t n;

	unquoted(l, &s, &n);
	if (n < 10 || s[0] != '-' || s[1] != '-')
		return 0;
	return contains_ci(s, n, "original message") || contains_ci(s, n, "mensaje original") ||
	    contains_ci(s, n, "forwarded message") || contains_ci(s, n, "mensaje reenviado");
}

/* Append lines [from, to) to out without quoted lines, up to a signature.
 * With markers, attribution lines and lines holding a marker go too. Only
 * blank lines appended count as nothing (out->len stays 0). */
static void
keep_lines(struct buf *out, const struct line *ls, size_t from, size_t to,
    const char *const *markers, size_t nl)
{
	size_t i, k, written = 0;

	for (i = from; i < to; i++) {
		const char *s = ls[i].s, *u;
		size_t n = ls[i].n, un;
		int skip = 0;

		/* The signature ends what the person wrote. */
		if ((n == 3 && memcmp(s, "-- ", 3) == 0) || (n == 2 && memcmp(s, "--", 2) == 0))
			break;
		for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (k < n && s[k] == '>')
			continue;
		if (markers != NULL) {
			unquoted(&ls[i], &u, &un);
			if (attribution(ls, nl, i) || (i > 0 && attribution(ls, nl, i - 1) &&
			    (ends_ci(u, un, "wrote:") || ends_ci(u, un, "escribi\xc3\xb3:"))))
				skip = 1;
			for (k = 0; markers[k] != NULL && !skip; k++)
				if (*markers[k] != '\0' && contains_ci(u, un, markers[k]))
					skip = 1;
		}
		if (skip)
			continue;
		if (k < n || written > 0) {
			buf_append(out, s, n);
			buf_puts(out, "\n");
			written += k < n;
		}
	}
	if (written == 0)
		buf_reset(out);
}

char *
mime_strip_reply(struct arena *a, const char *text, const char *const *markers)
{
	struct line *ls;
	size_t nl = 1, i, cut;
	const char *p;
	struct buf out = { 0 };

	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			nl++;
	ls = arena_alloc(a, sizeof(*ls) * nl);
	nl = 0;
	for (p = text;;) {
		const char *e = strchr(p, '\n');

		ls[nl].s = p;
		ls[nl].n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (ls[nl].n > 0 && p[ls[nl].n - 1] == '\r')
			ls[nl].n--;
		nl++;
		if (e == NULL)
			break;
		p = e + 1;
	}
	cut = nl;
	for (i = 0; i < nl && cut == nl; i++) {
		const char *s;
		size_t n, k;

		unquoted(&ls[i], &s, &n);
		for (k = 0; markers != NULL && markers[k] != NULL; k++)
			if (*markers[k] != '\0' && contains_ci(s, n, markers[k]))
				cut = i;
		if (cut == nl && (attribution(ls, nl, i) || original_separator(&ls[i]) ||
		    outlook_block(ls, nl, i)))
			cut = i;
		if (cut == nl && n >= 10 && strspn(s, "_") >= n) {
			/* Outlook's rule line before its header block. */
			size_t j = i + 1;

			while (j < nl && ls[j].n == 0)
				j++;
			if (j < nl && outlook_block(ls, nl, j))
				cut = i;
		}
		if (cut == i) {
			/* An attribution just above the marker goes with it. */
			size_t j = i;

			while (j > 0 && j + 3 > i) {
				j--;
				if (attribution(ls, nl, j)) {
					cut = j;
					break;
				}
			}
		}
	}
	out.max = strlen(text) + 1;
	keep_lines(&out, ls, 0, cut, NULL, nl);
	if (out.len == 0 && cut < nl && attribution(ls, nl, cut)) {
		/* Nothing above the quote: the answer may be below it (bottom posting). */
		keep_lines(&out, ls, cut, nl, markers, nl);
	}
	/* Blank lines at both ends go; more than one blank line in a row becomes one. */
	{
		char *r = buf_to_arena(a, &out, NULL), *o = r;
		int blank = 0;
		const char *q = r;

		while (*q != '\0') {
			const char *e = strchr(q, '\n');
			size_t n = e != NULL ? (size_t)(e - q) : strlen(q);
			size_t t = n;

			while (t > 0 && isspace((unsigned char)q[t - 1]))
				t--;
			if (t == 0) {
				blank = o != r;
			} else {
				if (blank)
					*o++ = '\n';
				blank = 0;
				memmove(o, q, t);
				o += t;
				*o++ = '\n';
			}
			q = e != NULL ? e + 1 : q + n;
		}
		while (o > r && isspace((unsigned char)o[-1]))
			o--;
		*o = '\0';
		return r;
	}
}

char *
mime_cut_signature(struct arena *a, const char *text)
{
	struct buf out = { 0 };
	const char *p = text;
	int in_sig = 0;
	char *r, *o;

	out.max = strlen(text) + 1;
	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		struct line l;

		l.s = p;
		l.n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (l.n > 0 && p[l.n - 1] == '\r')
			l.n--;
		if ((l.n == 3 && memcmp(p, "-- ", 3) == 0) || (l.n == 2 && memcmp(p, "--", 2) == 0))
			in_sig = 1;
		else if (in_sig && original_separator(&l))
			in_sig = 0;
		if (!in_sig) {
			buf_append(&out, l.s, l.n);
			buf_puts(&out, "\n");
		}
		p = e != NULL ? e + 1 : p + strlen(p);
	}
	r = buf_to_arena(a, &out, NULL);
	while (*r == '\n' || *r == ' ' || *r == '\t')
		r++;
	o = r + strlen(r);
	while (o > r && isspace((unsigned char)o[-1]))
		o--;
	*o = '\0';
	return r;
}
