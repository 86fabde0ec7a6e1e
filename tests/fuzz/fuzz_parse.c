/* fuzz_parse.c - libFuzzer target for the request input parsers (parse.c).
 *
 * Input: one selector byte, then the data. selector % 3 picks the parser:
 *   0  urlencoded: the rest is the query string / body;
 *   1  cookies:    the rest, copied and NUL-terminated, is the Cookie header;
 *   2  multipart:  the rest up to the first '\n' is the Content-Type header,
 *                  the bytes after it the body.
 * Small limits are used so that the limit paths are reached. After PARSE_OK
 * every field is checked against the parser's promises; abort() on breach. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Limits small enough to be hit by short inputs. */
static const struct parse_limits lim = {
	.max_fields = 16,
	.max_name = 32,
	.max_value = 256,
	.max_files = 3,
	.max_file = 1024,
};

/* Abort unless cond holds. */
static void
check(int cond)
{
	if (!cond)
		abort();
}

/* Check every field after the sentinel head of list for what mode promises. */
static void
check_fields(const struct field *head, int mode)
{
	const struct field *f;
	size_t n = 0, files = 0;

	for (f = head->next; f != NULL; f = f->next) {
		size_t nlen;

		n++;
		check(f->name != NULL && f->value != NULL);
		nlen = strlen(f->name);
		check(nlen > 0 && nlen <= lim.max_name);
		check(utf8_valid(f->name, nlen) && !has_ctl(f->name, nlen, 0));
		check(f->value[f->len] == '\0');
		check(parse_find(head, f->name) != NULL);
		if (f->filename != NULL) {
			size_t fl = strlen(f->filename);

			check(mode == 2);
			files++;
			check(f->len <= lim.max_file);
			check(fl > 0 && fl <= 255);
			check(utf8_valid(f->filename, fl));
			check(!has_ctl(f->filename, fl, 0));
			check(strchr(f->filename, '/') == NULL);
			check(strchr(f->filename, '\\') == NULL);
			check(strcmp(f->filename, ".") != 0);
			check(strcmp(f->filename, "..") != 0);
			continue;
		}
		check(f->len <= lim.max_value);
		check(strlen(f->value) == f->len);
		check(utf8_valid(f->value, f->len));
		check(!has_ctl(f->value, f->len, mode != 1));
	}
	for (f = head->next; f != NULL; f = f->next) {
		const char *c = f->content_type;

		if (mode != 2) {
			check(c == NULL);
			continue;
		}
		/* a header value: valid UTF-8, no controls but TAB */
		if (c != NULL)
			check(utf8_valid(c, strlen(c)) &&
			    strpbrk(c, "\r\n") == NULL &&
			    !has_ctl(c, strlen(c), 1));
	}
	check(n <= lim.max_fields);
	check(files <= lim.max_files);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena a; /* reused across runs, reset every run */
	static int inited;
	struct field sentinel, *out = &sentinel;
	const char *s;
	enum parse_status st;
	int mode;

	if (size < 1)
		return 0;
	if (!inited) {
		arena_init(&a, 0);
		inited = 1;
	}
	/* A list that already holds a field (as from the query string). */
	memset(&sentinel, 0, sizeof(sentinel));
	sentinel.name = "sentinel";
	sentinel.value = "";

	mode = data[0] % 3;
	s = (const char *)data + 1;
	size--;
	if (mode == 0) {
		/* libFuzzer's buffer is exactly size bytes: over-reads trap. */
		st = parse_urlencoded(&a, s, size, &lim, &out);
	} else if (mode == 1) {
		char *h = malloc(size + 1);

		if (h == NULL)
			return 0;
		memcpy(h, s, size);
		h[size] = '\0';
		st = parse_cookies(&a, h, &lim, &out);
		free(h);
	} else {
		const char *nl = memchr(s, '\n', size);
		size_t ctlen = nl != NULL ? (size_t)(nl - s) : size;
		char *ct = malloc(ctlen + 1);
		char *body;
		size_t blen = nl != NULL ? size - ctlen - 1 : 0;

		if (ct == NULL)
			return 0;
		memcpy(ct, s, ctlen);
		ct[ctlen] = '\0';
		/* An exact-size copy so that reading past len is caught. */
		body = malloc(blen ? blen : 1);
		if (body == NULL) {
			free(ct);
			return 0;
		}
		memcpy(body, nl != NULL ? nl + 1 : s, blen);
		st = parse_multipart(&a, ct, body, blen, &lim, &out);
		free(body);
		free(ct);
	}

	check(out == &sentinel); /* the caller's head never moves */
	check(st == PARSE_OK || st == PARSE_BAD || st == PARSE_TOO_BIG);
	if (st == PARSE_OK)
		check_fields(&sentinel, mode);
	else
		check(sentinel.next == NULL); /* failure appends nothing */
	arena_reset(&a);
	return 0;
}
