/* fuzz_mime.c - libFuzzer target for the incoming mail parser (mime.c).
 *
 * Input: a whole message as the MTA would hand it over. After parsing, the
 * parser's promises are checked (abort() on breach): the text is valid UTF-8
 * without control characters other than LF and TAB and within its limit,
 * attachments within the limits with clean names; the reply and signature
 * strippers and the header helpers are run on what came out. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "mime.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond)
{
	if (!cond)
		abort();
}

/* Valid UTF-8; controls other than LF and TAB only when allow_ctl. */
static void
check_text(const char *s, int allow_ctl)
{
	size_t n = strlen(s), i;

	check(utf8_valid(s, n));
	for (i = 0; i < n && !allow_ctl; i++)
		check((unsigned char)s[i] >= 0x20 || s[i] == '\n' || s[i] == '\t');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const markers[] = { "Reply above this line", NULL };
	struct arena a;
	struct mime_msg *m;
	size_t i;

	arena_init(&a, 0);
	m = arena_zalloc(&a, sizeof(*m));
	if (mime_parse(&a, (const char *)data, size, m) == 0) {
		check(m->text != NULL);
		check_text(m->text, 0);
		check(strlen(m->text) <= MIME_MAX_TEXT + 8);
		check(m->natts <= MIME_MAX_ATTACHMENTS);
		check(m->nheaders <= MIME_MAX_HEADERS);
		for (i = 0; i < m->natts; i++) {
			const char *fn = m->atts[i].filename;

			check(fn != NULL && *fn != '\0' && strlen(fn) <= 255);
			check(strchr(fn, '/') == NULL && strchr(fn, '\\') == NULL);
			check_text(fn, 0);
			check(strchr(fn, '\n') == NULL);
		}
		check_text(mime_strip_reply(&a, m->text, markers), 0);
		check_text(mime_cut_signature(&a, m->text), 0);
		for (i = 0; i < m->nheaders; i++) {
			char *v = mime_decode_words(&a, m->headers[i].value);
			char *addr = mime_address(&a, m->headers[i].value);

			check_text(v, 0);
			check(strchr(v, '\n') == NULL);
			if (addr != NULL)
				check(strchr(addr, '@') != NULL && strpbrk(addr, " <>\"\r\n") == NULL);
			{
				char *p = mime_param(&a, m->headers[i].value, "filename");

				if (p != NULL)
					check(utf8_valid(p, strlen(p)));
			}
		}
	}
	arena_free(&a);
	return 0;
}
