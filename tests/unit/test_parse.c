/* test_parse.c - cmocka unit tests for the request input parsers (parse.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "parse.h"

/* Length of a string literal, NUL bytes inside it included. */
#define LIT(s) (s), (sizeof(s) - 1)

#define CT "multipart/form-data; boundary=XyZ"

/* Give each test a fresh arena. */
static int
setup(void **state)
{
	struct arena *a = xmalloc(sizeof(*a));

	arena_init(a, 0);
	*state = a;
	return 0;
}

/* Free the test's arena, whether the test passed or not. */
static int
teardown(void **state)
{
	struct arena *a = *state;

	arena_free(a);
	free(a);
	return 0;
}

/* Number of fields in list. */
static size_t
count(const struct field *f)
{
	size_t n = 0;

	for (; f != NULL; f = f->next)
		n++;
	return n;
}

/* parse_urlencoded of a NUL-terminated string with the default limits. */
static enum parse_status
url(struct arena *a, const char *s, struct field **out)
{
	return parse_urlencoded(a, s, strlen(s), &parse_default_limits, out);
}

/* parse_multipart with the default limits. */
static enum parse_status
mp(struct arena *a, const char *ct, const char *body, size_t len,
    struct field **out)
{
	return parse_multipart(a, ct, body, len, &parse_default_limits, out);
}

/* Assert that f is a text field name=value. */
static void
assert_text(const struct field *f, const char *name, const char *value)
{
	assert_non_null(f);
	assert_string_equal(f->name, name);
	assert_string_equal(f->value, value);
	assert_int_equal(f->len, strlen(value));
	assert_null(f->filename);
}

static void
test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse_default_limits.max_fields, 200);
	assert_int_equal(parse_default_limits.max_name, 128);
	assert_int_equal(parse_default_limits.max_value, 65536);
	assert_int_equal(parse_default_limits.max_files, 10);
	assert_int_equal(parse_default_limits.max_file, 10 * 1024 * 1024);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid(LIT("")));
	assert_true(utf8_valid(LIT("plain ascii")));
	assert_true(utf8_valid(LIT("a\0b")));
	assert_true(utf8_valid(LIT("\xc3\xb1"))); /* ñ */
	assert_true(utf8_valid(LIT("\xe2\x82\xac"))); /* € */
	assert_true(utf8_valid(LIT("\xf0\x9f\x98\x80"))); /* U+1F600 */
	assert_true(utf8_valid(LIT("\xf4\x8f\xbf\xbf"))); /* U+10FFFF */
	assert_true(utf8_valid(LIT("\xed\x9f\xbf"))); /* U+D7FF */
	assert_true(utf8_valid(LIT("\xee\x80\x80"))); /* U+E000 */
	/* overlongs */
	assert_false(utf8_valid(LIT("\xc0\xaf")));
	assert_false(utf8_valid(LIT("\xc1\xbf")));
	assert_false(utf8_valid(LIT("\xe0\x80\xaf")));
	assert_false(utf8_valid(LIT("\xe0\x9f\xbf")));
	assert_false(utf8_valid(LIT("\xf0\x80\x80\xaf")));
	assert_false(utf8_valid(LIT("\xf0\x8f\xbf\xbf")));
	/* surrogates */
	assert_false(utf8_valid(LIT("\xed\xa0\x80")));
	assert_false(utf8_valid(LIT("\xed\xbf\xbf")));
	/* above U+10FFFF */
	assert_false(utf8_valid(LIT("\xf4\x90\x80\x80")));
	assert_false(utf8_valid(LIT("\xf5\x80\x80\x80")));
	assert_false(utf8_valid(LIT("\xff")));
	/* truncated, stray continuation, bad continuation */
	assert_false(utf8_valid(LIT("\xe2\x82")));
	assert_false(utf8_valid(LIT("ok\xc3")));
	assert_false(utf8_valid(LIT("\xf0\x9f\x98")));
	assert_false(utf8_valid(LIT("\x80")));
	assert_false(utf8_valid(LIT("\xe2\x28\xa1")));
	assert_false(utf8_valid(LIT("\xf0\x9f\x28\x80")));
	/* length is respected: the bad byte lies past len */
	assert_true(utf8_valid("ab\xff", 2));
}

static void
test_has_ctl(void **state)
{
	(void)state;
	assert_false(has_ctl(LIT("hello world"), 0));
	assert_false(has_ctl(LIT(""), 0));
	assert_true(has_ctl(LIT("a\tb"), 0));
	assert_false(has_ctl(LIT("a\tb\r\nc"), 1));
	assert_true(has_ctl(LIT("a\0b"), 1));
	assert_true(has_ctl(LIT("a\x01"), 1));
	assert_true(has_ctl(LIT("a\x1f"), 1));
	assert_true(has_ctl(LIT("a\x7f"), 1));
	assert_true(has_ctl(LIT("\x0b"), 1)); /* VT is not allowed whitespace */
	assert_false(has_ctl(LIT("\xc2\x85"), 0)); /* C1 not checked */
	assert_false(has_ctl("ab\x01", 2, 0));
}

static void
test_url_plain(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(url(a, "a=1&b=two&c&d=", &out), PARSE_OK);
	assert_int_equal(count(out), 4);
	assert_text(out, "a", "1");
	assert_text(out->next, "b", "two");
	assert_text(out->next->next, "c", "");
	assert_text(out->next->next->next, "d", "");
	assert_null(out->content_type);
	/* ';' is not a separator, '=' after the first belongs to the value */
	out = NULL;
	assert_int_equal(url(a, "a=1;b=2&e=x=y", &out), PARSE_OK);
	assert_int_equal(count(out), 2);
	assert_text(out, "a", "1;b=2");
	assert_text(out->next, "e", "x=y");
	/* empty input */
	out = NULL;
	assert_int_equal(url(a, "", &out), PARSE_OK);
	assert_null(out);
}

static void
test_url_decoding(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(url(a, "q=hello+world%21&n%C3%A1me=%e2%82%AC"
	    "&p=%2B1&s=a%20b&pct=100%25", &out), PARSE_OK);
	assert_int_equal(count(out), 5);
	assert_text(out, "q", "hello world!");
	assert_text(out->next, "n\xc3\xa1me", "\xe2\x82\xac");
	assert_text(out->next->next, "p", "+1");
	assert_text(out->next->next->next, "s", "a b");
	assert_text(out->next->next->next->next, "pct", "100%");
	/* '+' in names too */
	out = NULL;
	assert_int_equal(url(a, "a+b=c", &out), PARSE_OK);
	assert_text(out, "a b", "c");
}

static void
test_url_bad_escape(void **state)
{
	struct arena *a = *state;
	static const char *bad[] = {
		"a=%", "a=%4", "a=%zz", "a=%4g", "%g1=x", "a=1&b=%", "%=1",
		"=%x1", /* even where the name is empty */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct field *out = NULL;

		assert_int_equal(url(a, bad[i], &out), PARSE_BAD);
		assert_null(out);
	}
}

static void
test_url_invalid_utf8(void **state)
{
	struct arena *a = *state;
	static const char *bad[] = {
		"a=%C0%AF",          /* overlong '/' */
		"a=%E0%80%AF",       /* overlong, 3 bytes */
		"a=%ED%A0%80",       /* surrogate */
		"a=%E2%82",          /* truncated */
		"a=%F4%90%80%80",    /* > U+10FFFF */
		"a=\xff",            /* raw invalid byte */
		"%C3=1",             /* truncated in a name */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct field *out = NULL;

		assert_int_equal(url(a, bad[i], &out), PARSE_BAD);
		assert_null(out);
	}
}

static void
test_url_ctl(void **state)
{
	struct arena *a = *state;
	static const char *bad[] = {
		"a%09b=1", "a%0Ab=1", "a%0D=1", "%00=1", "a%00b=1", "a%7F=1",
		"a=x%01y", "a=x%00y", "a=%00", "a=%7F", "a=%1B[31m", "a=\x01",
	};
	struct field *out = NULL;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = NULL;
		assert_int_equal(url(a, bad[i], &out), PARSE_BAD);
		assert_null(out);
	}
	/* TAB, CR and LF are fine in values */
	out = NULL;
	assert_int_equal(url(a, "t=x%09y%0D%0Az", &out), PARSE_OK);
	assert_text(out, "t", "x\ty\r\nz");
}

static void
test_url_nul_in_input(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	/* a raw NUL inside len is a control character too */
	assert_int_equal(parse_urlencoded(a, LIT("a=1\0&b=2"),
	    &parse_default_limits, &out), PARSE_BAD);
	assert_null(out);
	/* only len bytes are read: "b=2" past len is not seen */
	assert_int_equal(parse_urlencoded(a, "a=1&b=2", 3,
	    &parse_default_limits, &out), PARSE_OK);
	assert_int_equal(count(out), 1);
	assert_text(out, "a", "1");
}

static void
test_url_empty_names(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(url(a, "=1&&b=2&=&&&", &out), PARSE_OK);
	assert_int_equal(count(out), 1);
	assert_text(out, "b", "2");
	out = NULL;
	assert_int_equal(url(a, "&", &out), PARSE_OK);
	assert_null(out);
}

static void
test_url_limits(void **state)
{
	struct arena *a = *state;
	struct parse_limits lim = parse_default_limits;
	struct field *out = NULL;
	char *big;

	lim.max_fields = 3;
	lim.max_name = 4;
	lim.max_value = 5;
	assert_int_equal(parse_urlencoded(a, LIT("a=1&b=2&c=3"), &lim, &out),
	    PARSE_OK);
	assert_int_equal(count(out), 3);
	out = NULL;
	assert_int_equal(parse_urlencoded(a, LIT("a=1&b=2&c=3&d=4"), &lim,
	    &out), PARSE_TOO_BIG);
	assert_null(out);
	/* skipped empty names do not count */
	assert_int_equal(parse_urlencoded(a, LIT("a=1&=&b=2&&c=3"), &lim,
	    &out), PARSE_OK);
	assert_int_equal(count(out), 3);
	out = NULL;
	assert_int_equal(parse_urlencoded(a, LIT("abcd=12345"), &lim, &out),
	    PARSE_OK);
	out = NULL;
	assert_int_equal(parse_urlencoded(a, LIT("abcde=1"), &lim, &out),
	    PARSE_TOO_BIG);
	assert_int_equal(parse_urlencoded(a, LIT("a=123456"), &lim, &out),
	    PARSE_TOO_BIG);
	assert_null(out);
	/* the decoded length is what counts */
	assert_int_equal(parse_urlencoded(a, LIT("%41%42%43%44=%31%32%33%34%35"),
	    &lim, &out), PARSE_OK);
	assert_text(out, "ABCD", "12345");

	/* the default limits: 201 fields, 129-byte name, 65537-byte value */
	big = xmalloc(70000);
	{
		size_t i, n = 0;

		for (i = 0; i < 201; i++)
			n += (size_t)sprintf(big + n, "%sf%zu=1", i ? "&" : "", i);
		out = NULL;
		assert_int_equal(url(a, big, &out), PARSE_TOO_BIG);
		assert_null(out);
		n = 0;
		for (i = 0; i < 200; i++)
			n += (size_t)sprintf(big + n, "%sf%zu=1", i ? "&" : "", i);
		assert_int_equal(url(a, big, &out), PARSE_OK);
		assert_int_equal(count(out), 200);
	}
	memset(big, 'n', 129);
	strcpy(big + 129, "=1");
	out = NULL;
	assert_int_equal(url(a, big, &out), PARSE_TOO_BIG);
	assert_int_equal(url(a, big + 1, &out), PARSE_OK);
	big[0] = 'v';
	big[1] = '=';
	memset(big + 2, 'x', 65537);
	big[2 + 65537] = '\0';
	out = NULL;
	assert_int_equal(url(a, big, &out), PARSE_TOO_BIG);
	big[2 + 65536] = '\0';
	assert_int_equal(url(a, big, &out), PARSE_OK);
	assert_int_equal(out->len, 65536);
	free(big);
}

static void
test_url_append(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(url(a, "q=1&r=2", &out), PARSE_OK);
	assert_int_equal(url(a, "b=3&c=4", &out), PARSE_OK);
	assert_int_equal(count(out), 4);
	assert_text(out, "q", "1");
	assert_text(out->next->next, "b", "3");
	assert_text(out->next->next->next, "c", "4");
	/* a failed parse leaves the list as it was */
	assert_int_equal(url(a, "d=5&e=%zz", &out), PARSE_BAD);
	assert_int_equal(count(out), 4);
	assert_null(parse_find(out, "d"));
}

static void
test_cookies(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(parse_cookies(a, "sid=abc123; lang=es;theme = dark ",
	    &parse_default_limits, &out), PARSE_OK);
	assert_int_equal(count(out), 3);
	assert_text(out, "sid", "abc123");
	assert_text(out->next, "lang", "es");
	assert_text(out->next->next, "theme", "dark");
	/* quotes removed, no percent-decoding, '=' inside values, empty value */
	out = NULL;
	assert_int_equal(parse_cookies(a, "q=\"x y\"; p=%41%2B; e=a=b; z=; "
	    "h=\"half", &parse_default_limits, &out), PARSE_OK);
	assert_int_equal(count(out), 5);
	assert_text(out, "q", "x y");
	assert_text(out->next, "p", "%41%2B");
	assert_text(out->next->next, "e", "a=b");
	assert_text(out->next->next->next, "z", "");
	assert_text(out->next->next->next->next, "h", "\"half");
	/* NULL and empty headers */
	out = NULL;
	assert_int_equal(parse_cookies(a, NULL, &parse_default_limits, &out),
	    PARSE_OK);
	assert_int_equal(parse_cookies(a, "", &parse_default_limits, &out),
	    PARSE_OK);
	assert_int_equal(parse_cookies(a, " ; ;", &parse_default_limits, &out),
	    PARSE_OK);
	assert_null(out);
}

static void
test_cookies_malformed_skipped(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(parse_cookies(a,
	    "noeq; =v; b a=1; c\x01=2; d=x\x01y; e=ok; f=\xff; g(x)=1; "
	    "h/i=2; \xc3\xb1=3; t=a\tb; u=\xed\xa0\x80; last=1",
	    &parse_default_limits, &out), PARSE_OK);
	assert_int_equal(count(out), 2);
	assert_text(out, "e", "ok");
	assert_text(out->next, "last", "1");
	/* valid UTF-8 in a value is kept */
	out = NULL;
	assert_int_equal(parse_cookies(a, "n=se\xc3\xb1or",
	    &parse_default_limits, &out), PARSE_OK);
	assert_text(out, "n", "se\xc3\xb1or");
}

static void
test_cookies_limits(void **state)
{
	struct arena *a = *state;
	struct parse_limits lim = parse_default_limits;
	struct field *out = NULL;
	char *h = xmalloc(8192);
	size_t i, n = 0;

	for (i = 0; i < 201; i++)
		n += (size_t)sprintf(h + n, "%sc%zu=%zu", i ? "; " : "", i, i);
	assert_int_equal(parse_cookies(a, h, &parse_default_limits, &out),
	    PARSE_TOO_BIG);
	assert_null(out);
	n = 0;
	for (i = 0; i < 200; i++)
		n += (size_t)sprintf(h + n, "%sc%zu=%zu", i ? "; " : "", i, i);
	/* skipped cookies do not count */
	strcpy(h + n, "; bad; =x; y=\x01");
	assert_int_equal(parse_cookies(a, h, &parse_default_limits, &out),
	    PARSE_OK);
	assert_int_equal(count(out), 200);
	assert_string_equal(parse_find(out, "c199")->value, "199");
	free(h);

	/* too-long names and values are skipped, not fatal */
	lim.max_name = 3;
	lim.max_value = 4;
	out = NULL;
	assert_int_equal(parse_cookies(a, "long=1; abc=12345; abc=\"1234\"; "
	    "x=1234", &lim, &out), PARSE_OK);
	assert_int_equal(count(out), 2);
	assert_text(out, "abc", "1234");
	assert_text(out->next, "x", "1234");
}

static void
test_multipart_text_and_file(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	const struct field *f;
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"subject\"\r\n"
	    "\r\n"
	    "Printer on fire\r\n"
	    "--XyZ\r\n"
	    "content-disposition: FORM-DATA; NAME=\"attach\"; "
	    "filename=\"photo.png\"\r\n"
	    "Content-Type: image/png\r\n"
	    "X-Other: ignored\r\n"
	    "\r\n"
	    "\x89PNG\r\n\x1a\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=empty\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n";

	assert_int_equal(mp(a, CT, LIT(body), &out), PARSE_OK);
	assert_int_equal(count(out), 3);
	assert_text(out, "subject", "Printer on fire");
	assert_null(out->content_type);
	f = out->next;
	assert_string_equal(f->name, "attach");
	assert_string_equal(f->filename, "photo.png");
	assert_string_equal(f->content_type, "image/png");
	assert_int_equal(f->len, 8);
	assert_memory_equal(f->value, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal(f->value[8], '\0');
	assert_text(out->next->next, "empty", "");
}

static void
test_multipart_boundary(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	static const char body[] =
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=\"x\"\r\n\r\n"
	    "1\r\n"
	    "--a b:c--";
	static const char body2[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"x\"\r\n\r\n"
	    "2\r\n"
	    "--XyZ--";
	static const char *bad[] = {
		"multipart/form-data",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"XyZ",
		"multipart/form-data; boundary=\"XyZ \"",
		"multipart/form-data; boundary=Xy@Z",
		"multipart/form-data; boundary=XyZ; boundary=XyZ",
		"multipart/mixed; boundary=XyZ",
		"multipart/form-datax; boundary=XyZ",
		"text/plain; boundary=XyZ",
		"multipart/form-data; boundary=XyZ junk",
		"multipart/form-data; boundary="
		    "12345678901234567890123456789012345678901234567890"
		    "123456789012345678901", /* 71 */
	};
	size_t i;

	assert_int_equal(mp(a, "multipart/form-data; boundary=\"a b:c\"",
	    LIT(body), &out), PARSE_OK);
	assert_text(out, "x", "1");
	out = NULL;
	assert_int_equal(mp(a, "Multipart/Form-Data; charset=utf-8; "
	    "BOUNDARY=XyZ;", LIT(body2), &out), PARSE_OK);
	assert_text(out, "x", "2");
	out = NULL;
	assert_int_equal(mp(a, "multipart/form-data;boundary=\"XyZ\"",
	    LIT(body2), &out), PARSE_OK);
	assert_text(out, "x", "2");
	out = NULL;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mp(a, bad[i], LIT(body2), &out), PARSE_BAD);
		assert_null(out);
	}
	assert_int_equal(mp(a, NULL, LIT(body2), &out), PARSE_BAD);
	/* a boundary may not end in a space, even when the body matches */
	assert_int_equal(mp(a, "multipart/form-data; boundary=\"XyZ \"",
	    LIT("--XyZ \r\nContent-Disposition: form-data; name=x\r\n\r\n"
	    "1\r\n--XyZ --"), &out), PARSE_BAD);
	assert_null(out);
	/* 70 characters is the most allowed */
	{
		char ct[128], b[256];
		int n;

		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 7);
		n = snprintf(b, sizeof(b), "--%070d\r\nContent-Disposition: "
		    "form-data; name=k\r\n\r\nv\r\n--%070d--", 7, 7);
		assert_int_equal(mp(a, ct, b, (size_t)n, &out), PARSE_OK);
		assert_text(out, "k", "v");
		/* 71 is one too many, even when the body matches */
		out = NULL;
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 7);
		n = snprintf(b, sizeof(b), "--%071d\r\nContent-Disposition: "
		    "form-data; name=k\r\n\r\nv\r\n--%071d--", 7, 7);
		assert_int_equal(mp(a, ct, b, (size_t)n, &out), PARSE_BAD);
		assert_null(out);
	}
}

static void
test_multipart_filename(void **state)
{
	struct arena *a = *state;
	static const struct {
		const char *header; /* filename parameter as sent */
		const char *want;   /* sanitised name */
	} cases[] = {
		{ "filename=\"C:\\x\\evil.txt\"", "evil.txt" },
		{ "filename=\"C:\\\\x\\\\evil.txt\"", "evil.txt" },
		{ "filename=\"../../etc/passwd\"", "passwd" },
		{ "filename=\"a\\\"b.txt\"", "a\"b.txt" },
		{ "filename=\"dir/\"", "file" },
		{ "filename=\"..\"", "file" },
		{ "filename=\"a\tb.txt\"", "ab.txt" },
		{ "filename=plain.txt", "plain.txt" },
		{ "filename=\"se\xc3\xb1or.pdf\"", "se\xc3\xb1or.pdf" },
		{ "filename=\"x\"; filename*=UTF-8''y", "x" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field *out = NULL;
		char *b = arena_printf(a, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=\"f\"; %s\r\n\r\ndata\r\n--XyZ--\r\n",
		    cases[i].header);

		assert_int_equal(mp(a, CT, b, strlen(b), &out), PARSE_OK);
		assert_non_null(out);
		assert_string_equal(out->filename, cases[i].want);
		assert_string_equal(out->value, "data");
		assert_null(out->content_type);
	}
}

static void
test_multipart_filename_long(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	char name[300], *b;

	/* 254 ASCII bytes and a 2-byte character: cut before the character */
	memset(name, 'a', 254);
	strcpy(name + 254, "\xc3\xb1.txt");
	b = arena_printf(a, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename=\"%s\"\r\n\r\nx\r\n--XyZ--", name);
	assert_int_equal(mp(a, CT, b, strlen(b), &out), PARSE_OK);
	assert_int_equal(strlen(out->filename), 254);
	assert_true(utf8_valid(out->filename, 254));
	/* all ASCII: exactly 255 bytes */
	memset(name, 'b', 299);
	name[299] = '\0';
	out = NULL;
	b = arena_printf(a, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename=\"%s\"\r\n\r\nx\r\n--XyZ--", name);
	assert_int_equal(mp(a, CT, b, strlen(b), &out), PARSE_OK);
	assert_int_equal(strlen(out->filename), 255);
	/* invalid UTF-8 in a file name is refused */
	out = NULL;
	assert_int_equal(mp(a, CT, LIT("--XyZ\r\nContent-Disposition: "
	    "form-data; name=\"f\"; filename=\"\xff.txt\"\r\n\r\nx\r\n--XyZ--"),
	    &out), PARSE_BAD);
	assert_null(out);
}

static void
test_multipart_missing_close(void **state)
{
	struct arena *a = *state;
	static const struct {
		const char *s;
		size_t len;
	} bad[] = {
		{ LIT("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1\r\n--XyZ\r\n") },
		{ LIT("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1\r\n--XyZ") },
		{ LIT("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1\r\n") },
		{ LIT("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1\r\n--XyZ-") },
		{ LIT("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1--XyZ--") },
		{ LIT("no boundary at all") },
		{ LIT("--XyZ") },
		{ LIT("") },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct field *out = NULL;

		assert_int_equal(mp(a, CT, bad[i].s, bad[i].len, &out),
		    PARSE_BAD);
		assert_null(out);
	}
}

static void
test_multipart_binary(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	static const char bin[] = "\0\x01\xff\xfe\0\r\n--XyY\0\r\n\0";
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"blob\"; filename=\"b.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\0\x01\xff\xfe\0\r\n--XyY\0\r\n\0"
	    "\r\n--XyZ--";
	char *copy;

	/* body in a buffer of exactly len bytes, not NUL-terminated */
	copy = xmalloc(sizeof(body) - 1);
	memcpy(copy, body, sizeof(body) - 1);
	assert_int_equal(mp(a, CT, copy, sizeof(body) - 1, &out), PARSE_OK);
	free(copy);
	assert_int_equal(count(out), 1);
	assert_int_equal(out->len, sizeof(bin) - 1);
	assert_memory_equal(out->value, bin, sizeof(bin) - 1);
	assert_int_equal(out->value[out->len], '\0');
	assert_string_equal(out->filename, "b.bin");
	assert_string_equal(out->content_type, "application/octet-stream");
}

static void
test_multipart_empty_file(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"t\"\r\n\r\n"
	    "hi\r\n"
	    "--XyZ--\r\n";
	static const char body2[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"up\"; filename=\"\"\r\n\r\n"
	    "abc\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"up2\"; filename=\"e.txt\""
	    "\r\n\r\n"
	    "\r\n"
	    "--XyZ--\r\n";

	/* "no file chosen" is skipped */
	assert_int_equal(mp(a, CT, LIT(body), &out), PARSE_OK);
	assert_int_equal(count(out), 1);
	assert_text(out, "t", "hi");
	/* an unnamed file with content is kept as "file"; an empty named
	 * file is kept */
	out = NULL;
	assert_int_equal(mp(a, CT, LIT(body2), &out), PARSE_OK);
	assert_int_equal(count(out), 2);
	assert_string_equal(out->filename, "file");
	assert_string_equal(out->value, "abc");
	assert_string_equal(out->next->filename, "e.txt");
	assert_int_equal(out->next->len, 0);
}

static void
test_multipart_crlf(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	static const char body[] =
	    "This is a preamble.\r\n"
	    "--XyZ \t\r\n"
	    "Content-Disposition: form-data; name=\"msg\"\r\n\r\n"
	    "line 1\r\nline 2\r\n\r\n"
	    "\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"n\"\r\n\r\n"
	    "x --XyZ is not a delimiter here\r\n"
	    "--XyZ--  and an epilogue\r\nwith --XyZ junk";
	static const char *bad[] = {
		/* bare LF line ends */
		"--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\n\n1\r\n"
		    "--XyZ--",
		/* garbage after a boundary */
		"--XyZjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--XyZ--",
		/* no blank line after the headers */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "--XyZ--",
		/* part without headers */
		"--XyZ\r\n\r\n1\r\n--XyZ--",
		/* bare CR inside a header */
		"--XyZ\r\nContent-Disposition: form-data;\r name=\"a\"\r\n\r\n1"
		    "\r\n--XyZ--",
	};
	size_t i;

	assert_int_equal(mp(a, CT, LIT(body), &out), PARSE_OK);
	assert_int_equal(count(out), 2);
	assert_text(out, "msg", "line 1\r\nline 2\r\n\r\n");
	assert_text(out->next, "n", "x --XyZ is not a delimiter here");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = NULL;
		assert_int_equal(mp(a, CT, bad[i], strlen(bad[i]), &out),
		    PARSE_BAD);
		assert_null(out);
	}
	/* no parts at all is an empty form */
	out = NULL;
	assert_int_equal(mp(a, CT, LIT("--XyZ--\r\n"), &out), PARSE_OK);
	assert_null(out);
}

static void
test_multipart_bad_parts(void **state)
{
	struct arena *a = *state;
	static const char *bad[] = {
		/* no Content-Disposition */
		"--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		/* not form-data */
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1"
		    "\r\n--XyZ--",
		/* no name */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\n"
		    "1\r\n--XyZ--",
		/* unterminated quoted string */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n"
		    "--XyZ--",
		/* duplicate name, duplicate header */
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n"
		    "1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
		    "Content-Disposition: form-data; name=b\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
		    "Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\n"
		    "1\r\n--XyZ--",
		/* folded header, header without a colon */
		"--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n"
		    "--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\nbogus\r\n\r\n"
		    "1\r\n--XyZ--",
		/* text values: control characters, invalid UTF-8 */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\x01y"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\xc0\xaf"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
		    "\xed\xa0\x80\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\x7f"
		    "\r\n--XyZ--",
		/* control character in an ignored header */
		"--XyZ\r\nX-Junk: a\x01b\r\nContent-Disposition: form-data; "
		    "name=a\r\n\r\n1\r\n--XyZ--",
		/* control character in a name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\tb\"\r\n\r\n1"
		    "\r\n--XyZ--",
	};
	size_t i;
	struct field *out = NULL;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = NULL;
		assert_int_equal(mp(a, CT, bad[i], strlen(bad[i]), &out),
		    PARSE_BAD);
		assert_null(out);
	}
	/* NUL in a text part */
	assert_int_equal(mp(a, CT, LIT("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\nx\0y\r\n--XyZ--"), &out), PARSE_BAD);
	/* a part with an empty name is skipped */
	assert_int_equal(mp(a, CT, LIT("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"\"\r\n\r\nx\r\n--XyZ--"), &out), PARSE_OK);
	assert_null(out);
}

/* Body with n file parts of size bytes each, then n text parts. */
static char *
files_body(struct arena *a, size_t nfiles, size_t size, size_t ntext,
    size_t *len)
{
	char *b = arena_strdup(a, "");
	char *data = arena_zalloc(a, size + 1);
	size_t i;

	memset(data, 'D', size);
	for (i = 0; i < nfiles; i++)
		b = arena_printf(a, "%s--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"f%zu\"; filename=\"f%zu.txt\"\r\n\r\n%s\r\n", b, i, i,
		    data);
	for (i = 0; i < ntext; i++)
		b = arena_printf(a, "%s--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"t%zu\"\r\n\r\n%zu\r\n", b, i, i);
	b = arena_printf(a, "%s--XyZ--\r\n", b);
	*len = strlen(b);
	return b;
}

static void
test_multipart_limits(void **state)
{
	struct arena *a = *state;
	struct parse_limits lim = parse_default_limits;
	struct field *out = NULL;
	size_t len, i;
	char *b;

	lim.max_files = 2;
	lim.max_file = 4;
	lim.max_fields = 4;
	lim.max_value = 3;
	lim.max_name = 3;
	b = files_body(a, 2, 4, 2, &len);
	assert_int_equal(parse_multipart(a, CT, b, len, &lim, &out), PARSE_OK);
	assert_int_equal(count(out), 4);
	assert_string_equal(out->next->filename, "f1.txt");
	assert_int_equal(out->next->len, 4);
	out = NULL;
	/* too many files, file too big, too many fields (files count) */
	b = files_body(a, 3, 1, 0, &len);
	assert_int_equal(parse_multipart(a, CT, b, len, &lim, &out),
	    PARSE_TOO_BIG);
	b = files_body(a, 1, 5, 0, &len);
	assert_int_equal(parse_multipart(a, CT, b, len, &lim, &out),
	    PARSE_TOO_BIG);
	b = files_body(a, 2, 1, 3, &len);
	assert_int_equal(parse_multipart(a, CT, b, len, &lim, &out),
	    PARSE_TOO_BIG);
	assert_null(out);
	/* text value and name too long */
	assert_int_equal(parse_multipart(a, CT, LIT("--XyZ\r\nContent-Disposition:"
	    " form-data; name=a\r\n\r\n1234\r\n--XyZ--"), &lim, &out),
	    PARSE_TOO_BIG);
	assert_int_equal(parse_multipart(a, CT, LIT("--XyZ\r\nContent-Disposition:"
	    " form-data; name=abcd\r\n\r\n1\r\n--XyZ--"), &lim, &out),
	    PARSE_TOO_BIG);
	assert_null(out);

	/* the default limits: 11 files, a file one byte over 10 MiB */
	b = files_body(a, 11, 1, 0, &len);
	assert_int_equal(mp(a, CT, b, len, &out), PARSE_TOO_BIG);
	b = files_body(a, 10, 1, 0, &len);
	assert_int_equal(mp(a, CT, b, len, &out), PARSE_OK);
	assert_int_equal(count(out), 10);
	out = NULL;
	b = files_body(a, 1, 10 * 1024 * 1024 + 1, 0, &len);
	assert_int_equal(mp(a, CT, b, len, &out), PARSE_TOO_BIG);
	assert_null(out);

	/* more than 16 header lines, a header block over 8 KiB */
	b = arena_strdup(a, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n");
	for (i = 0; i < 16; i++)
		b = arena_printf(a, "%sX-H%zu: v\r\n", b, i);
	b = arena_printf(a, "%s\r\n1\r\n--XyZ--", b);
	assert_int_equal(mp(a, CT, b, strlen(b), &out), PARSE_TOO_BIG);
	{
		char *pad = arena_zalloc(a, 9000);

		memset(pad, 'p', 8999);
		b = arena_printf(a, "--XyZ\r\nContent-Disposition: form-data; "
		    "name=a\r\nX-Pad: %s\r\n\r\n1\r\n--XyZ--", pad);
		assert_int_equal(mp(a, CT, b, strlen(b), &out), PARSE_TOO_BIG);
	}
	assert_null(out);
}

static void
test_multipart_hostile(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	const size_t n = 256 * 1024;
	char *b = xmalloc(n);
	size_t i;

	/* near-miss delimiters everywhere: must finish quickly and fail */
	memset(b, 0, n);
	for (i = 0; i + 6 <= n; i += 6)
		memcpy(b + i, "\r\n--Xy", 6);
	assert_int_equal(mp(a, CT, b, n, &out), PARSE_BAD);
	/* a part that never ends its headers */
	memcpy(b, "--XyZ\r\n", 7);
	memset(b + 7, 'h', n - 7);
	assert_int_equal(mp(a, CT, b, n, &out), PARSE_BAD);
	for (i = 7; i + 2 <= n; i += 2)
		memcpy(b + i, "\r\n", 2);
	assert_int_equal(mp(a, CT, b, n, &out), PARSE_BAD);
	assert_null(out);
	free(b);
}

static void
test_multipart_append(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;

	assert_int_equal(url(a, "id=7", &out), PARSE_OK);
	assert_int_equal(mp(a, CT, LIT("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\n2\r\n--XyZ--"), &out), PARSE_OK);
	assert_int_equal(count(out), 3);
	assert_text(out, "id", "7");
	assert_text(out->next, "a", "1");
	assert_text(out->next->next, "a", "2");
	/* failure leaves the list alone */
	assert_int_equal(mp(a, CT, LIT("--XyZ\r\nContent-Disposition: form-data; "
	    "name=b\r\n\r\n1\r\n--XyZ\r\n"), &out), PARSE_BAD);
	assert_int_equal(count(out), 3);
}

static void
test_find(void **state)
{
	struct arena *a = *state;
	struct field *out = NULL;
	const struct field *f;

	assert_null(parse_find(NULL, "a"));
	assert_int_equal(url(a, "a=1&b=2&a=3&B=4", &out), PARSE_OK);
	f = parse_find(out, "a");
	assert_non_null(f);
	assert_string_equal(f->value, "1");
	assert_ptr_equal(f, out);
	f = parse_find(out, "B");
	assert_non_null(f);
	assert_string_equal(f->value, "4");
	assert_null(parse_find(out, "c"));
	assert_null(parse_find(out, ""));
	assert_null(parse_find(out, "a "));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_utf8_valid),
		T(test_has_ctl),
		T(test_url_plain),
		T(test_url_decoding),
		T(test_url_bad_escape),
		T(test_url_invalid_utf8),
		T(test_url_ctl),
		T(test_url_nul_in_input),
		T(test_url_empty_names),
		T(test_url_limits),
		T(test_url_append),
		T(test_cookies),
		T(test_cookies_malformed_skipped),
		T(test_cookies_limits),
		T(test_multipart_text_and_file),
		T(test_multipart_boundary),
		T(test_multipart_filename),
		T(test_multipart_filename_long),
		T(test_multipart_missing_close),
		T(test_multipart_binary),
		T(test_multipart_empty_file),
		T(test_multipart_crlf),
		T(test_multipart_bad_parts),
		T(test_multipart_limits),
		T(test_multipart_hostile),
		T(test_multipart_append),
		T(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
