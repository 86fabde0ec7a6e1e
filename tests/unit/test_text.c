/* test_text.c - unit tests for search text handling: folding, tokens,
 * stopwords, stems, the index form, snippets and edit distance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "kb.h"
#include "search.h"
#include "text.h"

static void
test_fold(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(text_fold(&a, "Contraseña OLVIDADA"), "contrasena olvidada");
	assert_string_equal(text_fold(&a, "¿Qué pasó con mi Wi-Fi?"), "que paso con mi wi fi");
	assert_string_equal(text_fold(&a, "Straße, Ærø, Łódź"), "strasse aero lodz");
	assert_string_equal(text_fold(&a, "pingüino  …  señal—rápida"), "pinguino senal rapida");
	assert_string_equal(text_fold(&a, "+(-*\"@)<script>"), "script");
	assert_string_equal(text_fold(&a, "\xff\xfe bad \xc3"), "bad");
	assert_string_equal(text_fold(&a, "Привет мир"), "Привет мир");
	assert_string_equal(text_fold(&a, ""), "");
	arena_free(&a);
}

static void
test_tokens_stop(void **state)
{
	struct arena a;
	const char *tok[8];
	size_t n;

	(void)state;
	arena_init(&a, 0);
	n = text_tokens(&a, "la impresora no imprime", tok, 8);
	assert_int_equal(n, 4);
	assert_string_equal(tok[1], "impresora");
	assert_true(text_stopword("la"));
	assert_true(text_stopword("the"));
	assert_false(text_stopword("no"));
	assert_false(text_stopword("it"));
	assert_false(text_stopword("pc"));
	assert_false(text_stopword("impresora"));
	n = text_tokens(&a, "a b c d e f g h i j", tok, 3);
	assert_int_equal(n, 3);
	arena_free(&a);
}

static void
test_stems(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	/* Plural and singular meet; short words get the index tail. */
	assert_string_equal(text_stem(&a, "en", "printers"), text_stem(&a, "en", "printer"));
	assert_string_equal(text_stem(&a, "es", "impresoras"), text_stem(&a, "es", "impresora"));
	assert_string_equal(text_stem(&a, "es", "contrasenas"), text_stem(&a, "es", "contrasena"));
	assert_string_equal(text_stem(&a, "en", "pc"), "pczz");
	assert_string_equal(text_stem(&a, "es", "ti"), "tizz");
	arena_free(&a);
}

static void
test_index(void **state)
{
	struct arena a;
	struct buf b = { 0 };

	(void)state;
	arena_init(&a, 0);
	text_index(&a, &b, "es", "La impresora de la oficina no imprime en el PC");
	assert_non_null(strstr(buf_str(&b), "impresor"));
	assert_non_null(strstr(buf_str(&b), "pczz"));
	assert_null(strstr(buf_str(&b), " la "));
	buf_free(&b);
	text_cleanup();
	arena_free(&a);
}

static void
test_snippet(void **state)
{
	struct arena a;
	const char *stems[2];
	char *s;

	(void)state;
	arena_init(&a, 0);
	stems[0] = text_stem(&a, "en", "printer");
	s = text_snippet(&a, "Welcome. Nothing here. The <b>printer</b> & the printers are offline.",
	    "en", stems, 1, 60);
	assert_non_null(strstr(s, "<mark>printer</mark>"));
	assert_non_null(strstr(s, "<mark>printers</mark>"));
	assert_non_null(strstr(s, "&lt;b&gt;"));
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "&amp;"));
	text_cleanup();
	arena_free(&a);
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(search_distance("password", "password", 2), 0);
	assert_int_equal(search_distance("pasword", "password", 2), 1);
	assert_int_equal(search_distance("passwrod", "password", 2), 1);
	assert_int_equal(search_distance("impresroa", "impresora", 2), 1);
	assert_int_equal(search_distance("outlok", "outlook", 2), 1);
	assert_int_equal(search_distance("abc", "xyz", 2), 3);
	assert_int_equal(search_distance("a", "abcdef", 2), 3);
}

static void
test_slug_render(void **state)
{
	struct arena a;
	char *html, *plain;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(kb_slugify(&a, "¿Cómo cambio mi contraseña?"), "como-cambio-mi-contrasena");
	assert_string_equal(kb_slugify(&a, "!!!"), "article");
	assert_true(kb_slug_ok("reset-password-2"));
	assert_false(kb_slug_ok("Reset"));
	assert_false(kb_slug_ok("-x"));
	assert_false(kb_slug_ok("a/b"));
	kb_render(&a, "## Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) **b**", &html,
	    &plain);
	assert_null(strstr(html, "<script>"));
	assert_null(strstr(html, "javascript:"));
	assert_non_null(strstr(html, "<h2>Hi</h2>"));
	assert_non_null(strstr(plain, "Hi\n"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_tokens_stop),
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_slug_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
