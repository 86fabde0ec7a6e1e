/* test_lib.c - unit tests for the common library: arena, buf, conf, routes,
 * language choice, roles, mail composition, redirect safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "form.h"
#include "keep.h"
#include "mail.h"
#include "route.h"
#include "sess.h"

static void
test_arena(void **state)
{
	struct arena a;
	char *s, *big;
	int i;

	(void)state;
	arena_init(&a, 128);
	s = arena_strdup(&a, "hello");
	assert_string_equal(s, "hello");
	assert_int_equal((uintptr_t)s % _Alignof(max_align_t), 0);
	big = arena_alloc(&a, 10000);
	memset(big, 'x', 10000);
	for (i = 0; i < 100; i++)
		assert_non_null(arena_printf(&a, "%d-%s", i, "x"));
	assert_string_equal(arena_printf(&a, "%s=%d", "n", 42), "n=42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_reset(&a);
	assert_int_equal(a.total, 0);
	s = arena_strdup(&a, "again");
	assert_string_equal(s, "again");
	arena_free(&a);
}

static void
test_buf(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_html(&b, "<a href=\"x\">O'Brien & co</a>"), 0);
	assert_string_equal(buf_str(&b),
	    "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;");
	buf_reset(&b);
	b.max = 10;
	assert_int_equal(buf_puts(&b, "0123456789"), 0);
	assert_int_equal(buf_puts(&b, "x"), -1);
	assert_true(b.over);
	assert_int_equal(b.len, 10);
	buf_free(&b);
}

/* Write text to a temporary file; returns its path (static). */
static const char *
conf_file(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/vt-conf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_conf(void **state)
{
	struct conf c;
	char err[256];
	const char *p;

	(void)state;
	p = conf_file("security = { secret = \"0123456789abcdef0123456789abcdef\"; };\n"
	    "fastcgi = { workers = 3; socket_mode = \"0640\"; };\nsite = { name = \"ACME\"; base_url = \"http://x/\"; };\n"
	    "limits = { max_body = 2048; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), 0);
	assert_int_equal(c.workers, 3);
	assert_int_equal(c.socket_mode, 0640);
	assert_string_equal(c.site_name, "ACME");
	assert_string_equal(c.base_url, "http://x");
	assert_int_equal(c.max_body, 2048);
	assert_int_equal(c.session_idle_minutes, 120);
	conf_free(&c);
	unlink(p);

	/* No secret: refused with the key named. */
	p = conf_file("site = { name = \"ACME\"; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "security.secret"));
	unlink(p);

	/* 3000000000 does not silently wrap. */
	p = conf_file("security = { secret = \"0123456789abcdef0123456789abcdef\"; };\n"
	    "fastcgi = { workers = 3000000000L; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "fastcgi.workers"));
	unlink(p);

	/* Wrong type names the key. */
	p = conf_file("security = { secret = \"0123456789abcdef0123456789abcdef\"; };\n"
	    "fastcgi = { workers = \"four\"; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "fastcgi.workers"));
	unlink(p);

	/* Syntax error gives a line. */
	p = conf_file("site = { name = ; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":1:"));
	unlink(p);

	/* Unknown enum word. */
	p = conf_file("security = { secret = \"0123456789abcdef0123456789abcdef\";"
	    " secure_cookies = \"sometimes\"; };\n");
	assert_int_equal(conf_load(&c, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "secure_cookies"));
	unlink(p);

	/* The documented example is valid except for the secret it leaves to the admin. */
	assert_int_equal(conf_load(&c, "conf/ventanilla.conf.example", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "security.secret"));

	assert_int_equal(conf_load(&c, "/nonexistent/ventanilla.conf", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot read"));
}

static void
test_route_match(void **state)
{
	struct arena a;
	const char *params[REQ_MAX_PARAMS];
	size_t n;

	(void)state;
	arena_init(&a, 0);
	assert_true(route_match(&a, "/", "/", params, &n));
	assert_false(route_match(&a, "/", "/x", params, &n));
	assert_true(route_match(&a, "/kb/", "/kb/", params, &n));
	assert_false(route_match(&a, "/kb/", "/kb", params, &n));
	assert_true(route_match(&a, "/admin/users/*", "/admin/users/42", params, &n));
	assert_int_equal(n, 1);
	assert_string_equal(params[0], "42");
	assert_false(route_match(&a, "/admin/users/*", "/admin/users/", params, &n));
	assert_false(route_match(&a, "/admin/users/*", "/admin/users/4/x", params, &n));
	assert_true(route_match(&a, "/a/*/b/*", "/a/1/b/two", params, &n));
	assert_int_equal(n, 2);
	assert_string_equal(params[1], "two");
	assert_true(route_match(&a, "/static/**", "/static/css/x.css", params, &n));
	assert_true(route_match(&a, "/static/**", "/static", params, &n));
	assert_false(route_match(&a, "/static/**", "/staticx", params, &n));
	arena_free(&a);
}

static void
test_accept_language(void **state)
{
	(void)state;
	assert_string_equal(route_accept_language("es-ES,es;q=0.9,en;q=0.8"), "es");
	assert_string_equal(route_accept_language("en-US,en;q=0.9,es;q=0.8"), "en");
	assert_string_equal(route_accept_language("fr-FR, es;q=0.5, en;q=0.7"), "en");
	assert_string_equal(route_accept_language("de, ES-mx;q=0.3"), "es");
	assert_null(route_accept_language("fr, de"));
	assert_null(route_accept_language(""));
	assert_null(route_accept_language(NULL));
	assert_null(route_accept_language("estonian"));
}

static void
test_roles(void **state)
{
	(void)state;
	assert_int_equal(sess_roles(""), ROLE_REQUESTER);
	assert_int_equal(sess_roles("requester,agent"), ROLE_REQUESTER | ROLE_AGENT);
	assert_int_equal(sess_roles("admin"), ROLE_REQUESTER | ROLE_ADMIN);
	assert_int_equal(sess_roles("administrator,agents"), ROLE_REQUESTER);
	assert_int_equal(sess_roles("requester,agent,editor,approver,admin"), ROLE_ALL);
}

static void
test_local_path(void **state)
{
	struct arena a;

	(void)state;
	assert_true(http_local_path("/"));
	assert_true(http_local_path("/tickets/?x=1"));
	assert_false(http_local_path("//evil.example/"));
	assert_false(http_local_path("/\\evil.example/"));
	assert_false(http_local_path("https://evil.example/"));
	assert_false(http_local_path("/a\r\nSet-Cookie: x=1"));
	assert_false(http_local_path(""));
	assert_false(http_local_path(NULL));
	arena_init(&a, 0);
	assert_string_equal(http_urlencode(&a, "/kb/a?q=ñ &x"), "/kb/a%3Fq%3D%C3%B1%20%26x");
	arena_free(&a);
}

static void
test_mail_compose(void **state)
{
	struct buf b = { 0 };
	const char *s;
	char addr[100];

	(void)state;
	assert_int_equal(mail_compose(&b, "Soporte TI <help@example.org>", "ana@example.org",
	    "Restablece tu contraseña", "Hola\n", "<p>Hola</p>", "example.org", 0), 0);
	s = buf_str(&b);
	assert_non_null(strstr(s, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "Message-ID: <"));
	assert_non_null(strstr(s, "@example.org>\r\n"));
	assert_non_null(strstr(s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s, "multipart/alternative"));
	assert_non_null(strstr(s, "text/plain; charset=UTF-8"));
	assert_non_null(strstr(s, "text/html; charset=UTF-8"));
	assert_null(strstr(s, "contraseña"));
	buf_reset(&b);
	/* Header injection is refused. */
	assert_int_equal(mail_compose(&b, "a@b.c", "x@y.z\r\nBcc: all@y.z", "Hi", "t", "",
	    "example.org", 0), -1);
	assert_int_equal(mail_compose(&b, "a@b.c", "x@y.z", "Hi\nBcc: all@y.z", "t", "",
	    "example.org", 0), -1);
	buf_free(&b);
	mail_address("Soporte <help@example.org>", addr, sizeof(addr));
	assert_string_equal(addr, "help@example.org");
	mail_address("help@example.org", addr, sizeof(addr));
	assert_string_equal(addr, "help@example.org");
}

static void
test_form_chars(void **state)
{
	(void)state;
	assert_int_equal(form_chars(""), 0);
	assert_int_equal(form_chars("abc"), 3);
	assert_int_equal(form_chars("ñandú"), 5);
	assert_int_equal(form_chars("日本"), 2);
}

static void
test_tokens(void **state)
{
	char a[65], b[65], m1[65], m2[65];
	unsigned char key[32] = { 1 };

	(void)state;
	sess_random_hex(a, 32);
	sess_random_hex(b, 32);
	assert_int_equal(strlen(a), 64);
	assert_string_not_equal(a, b);
	sess_hmac_hex(key, "csrf:abc", m1);
	sess_hmac_hex(key, "csrf:abc", m2);
	assert_string_equal(m1, m2);
	sess_hmac_hex(key, "csrf:abd", m2);
	assert_string_not_equal(m1, m2);
}

/* A kept result is a full copy: NULL cells, embedded NUL bytes, names. */
static void
test_res_keep(void **state)
{
	const char *names[] = { "id", "blob" };
	char c0[] = "7", c1[] = { 'a', '\0', 'b', '\0' }, c2[] = "8";
	char *cells[] = { c0, c1, c2, NULL };
	size_t lens[] = { 1, 3, 1, 0 };
	struct db_res r = { 2, 2, names, cells, lens }, *k;

	(void)state;
	k = db_res_keep(&r);
	c0[0] = 'x';
	c1[0] = 'x';
	assert_int_equal(k->nrows, 2);
	assert_int_equal(k->ncols, 2);
	assert_string_equal(db_field(k, 0, "id"), "7");
	assert_int_equal(k->lens[1], 3);
	assert_memory_equal(db_cell(k, 0, 1), "a\0b", 3);
	assert_string_equal(db_cell(k, 1, 0), "8");
	assert_null(db_cell(k, 1, 1));
	assert_string_equal(k->names[1], "blob");
	free(k);
}

/* Kept pages: found only under the same key and version while young; a
 * stale or changed one is dropped; oversized bodies are never kept. */
static void
test_keep(void **state)
{
	struct keep *k = keep_new(8, 16, 30);
	struct buf out = { 0 };

	(void)state;
	assert_int_equal(keep_get(k, "t1|en|s", "v1", 100, &out), 0);
	keep_put(k, "t1|en|s", "v1", 100, "<p>page</p>", 11);
	assert_int_equal(keep_get(k, "t1|en|s", "v1", 129, &out), 1);
	assert_int_equal(out.len, 11);
	assert_memory_equal(out.p, "<p>page</p>", 11);
	assert_int_equal(keep_get(k, "t1|en|other", "v1", 100, &out), 0);
	assert_int_equal(keep_get(k, "t1|en|s", "v2", 101, &out), 0);
	/* The changed version dropped it: even the old version misses now. */
	assert_int_equal(keep_get(k, "t1|en|s", "v1", 101, &out), 0);
	keep_put(k, "t1|en|s", "v1", 100, "<p>page</p>", 11);
	assert_int_equal(keep_get(k, "t1|en|s", "v1", 130, &out), 0);
	assert_int_equal(keep_get(k, "t1|en|s", "v1", 100, &out), 0);
	keep_put(k, "t2|en|s", "v1", 100, "0123456789abcdefg", 17);
	assert_int_equal(keep_get(k, "t2|en|s", "v1", 100, &out), 0);
	assert_int_equal(out.len, 11);
	buf_free(&out);
	keep_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_route_match),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_local_path),
		cmocka_unit_test(test_mail_compose),
		cmocka_unit_test(test_form_chars),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_res_keep),
		cmocka_unit_test(test_keep),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
