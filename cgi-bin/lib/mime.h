/* mime.h - a bounded parser for incoming RFC 5322 / MIME messages: headers,
 * encoded words, multipart trees, transfer encodings, charsets, the text of
 * the message (HTML turned into plain text when that is all there is) and
 * its attachments; and the removal of quoted history from replies. */
#ifndef VT_MIME_H
#define VT_MIME_H

#include <stddef.h>

#include "arena.h"

#define MIME_MAX_HEADERS 300      /* header fields kept per entity */
#define MIME_MAX_HEADER 16384     /* bytes of one unfolded header field */
#define MIME_MAX_PARTS 100        /* entities in the whole tree */
#define MIME_MAX_DEPTH 8          /* nesting of multiparts and message/rfc822 */
#define MIME_MAX_ATTACHMENTS 20   /* attachments kept (the rest are counted) */
#define MIME_MAX_TEXT (2 << 20)   /* bytes of the message text */

/* One header field: name as written, value unfolded (CRLF + WSP removed),
 * still encoded. */
struct mime_header {
	const char *name;   /* field name */
	const char *value;  /* unfolded raw value */
};

/* An attachment, decoded. */
struct mime_att {
	const char *filename;  /* UTF-8, without directories or control characters */
	const char *type;      /* the declared type, lowercased ("application/pdf") */
	const char *data;      /* decoded bytes (in the arena) */
	size_t len;            /* their number */
	int inline_part;       /* 1 if it was an inline part (e.g. an image in HTML) */
};

/* A parsed message. Everything lives in the arena given to mime_parse. */
struct mime_msg {
	struct mime_header headers[MIME_MAX_HEADERS]; /* top-level header fields */
	size_t nheaders;          /* entries in headers */
	const char *text;         /* the message text, UTF-8, LF line ends, never NULL */
	int text_from_html;       /* 1 if text was made from an HTML part */
	struct mime_att atts[MIME_MAX_ATTACHMENTS]; /* attachments in order */
	size_t natts;             /* entries in atts */
	size_t atts_dropped;      /* attachments beyond MIME_MAX_ATTACHMENTS */
	size_t nparts;            /* entities seen */
	int limited;              /* 1 if a part, depth or text limit cut something */
};

/* Parse data[0..len) (a whole message, CRLF or LF line ends). Never fails on
 * malformed input: what cannot be read is skipped and *m says what was
 * found. Returns 0, or -1 when there is no header block at all. */
int mime_parse(struct arena *a, const char *data, size_t len, struct mime_msg *m);

/* The raw (unfolded, still encoded) value of the first top-level header
 * named name (case-insensitive), or NULL. */
const char *mime_header(const struct mime_msg *m, const char *name);

/* The value of header name with RFC 2047 encoded words decoded and any
 * charset turned into UTF-8; control characters become spaces. NULL if the
 * header is absent. In the arena. */
char *mime_header_text(struct arena *a, const struct mime_msg *m, const char *name);

/* Decode RFC 2047 encoded words (B and Q) in s into UTF-8 (raw 8-bit bytes
 * are taken as UTF-8 when valid, else as Windows-1252). In the arena. */
char *mime_decode_words(struct arena *a, const char *s);

/* Convert n bytes in charset (NULL or "" = unknown) to valid UTF-8: unknown
 * charsets are taken as UTF-8 when valid, else Windows-1252; bytes that do
 * not convert become U+FFFD. Result NUL-terminated in the arena, length in
 * *outlen when not NULL. */
char *mime_to_utf8(struct arena *a, const char *charset, const char *s, size_t n,
    size_t *outlen);

/* A parameter of a structured header value ("text/plain; charset=x"), with
 * RFC 2231 continuations and charset'lang'%XX values, decoded to UTF-8.
 * NULL if absent. In the arena. */
char *mime_param(struct arena *a, const char *value, const char *name);

/* The bare address of the first mailbox in an address header value
 * ("Name <a@b>", "a@b (Name)", "a@b"), lowercased, or NULL when none. */
char *mime_address(struct arena *a, const char *value);

/* Readable text from HTML: tags dropped, script/style/head content dropped,
 * entities decoded, block elements as line breaks, blockquote lines quoted
 * with "> ", runs of white space collapsed. Input and output UTF-8. */
char *mime_html_text(struct arena *a, const char *html, size_t n);

/* The new part of a reply: text cut at the first line that holds one of the
 * markers (NULL-terminated list, case-insensitive), an "On ... wrote:" /
 * "El ... escribió:" line, an "-----Original Message-----" /
 * "-----Mensaje original-----" line or an Outlook "From:/De:" header block;
 * lines quoted with ">" and a signature after "-- " dropped; blank lines at
 * the ends trimmed. In the arena. */
char *mime_strip_reply(struct arena *a, const char *text, const char *const *markers);

/* A new message's text without its signature: lines from a "-- " line up to
 * a forwarded or original message separator (or the end) go; the rest,
 * forwarded text too, stays. Blank lines at the ends trimmed. In the arena. */
char *mime_cut_signature(struct arena *a, const char *text);

#endif
