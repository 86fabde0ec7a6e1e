/* test_mime.c - unit tests for the incoming mail parser: headers, encoded
 * words, parameters, multipart trees, encodings, charsets, HTML as text,
 * limits, the removal of quoted history from replies, and the reply tokens
 * of ticket mail (tmail.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "mime.h"
#include "tmail.h"

static struct mime_msg msg;

static const struct mime_msg *
parse(struct arena *a, const char *s)
{
	assert_int_equal(mime_parse(a, s, strlen(s), &msg), 0);
	return &msg;
}

static void
test_headers(void **state)
{
	struct arena a;
	const struct mime_msg *m;

	(void)state;
	arena_init(&a, 0);
	m = parse(&a, "From: \"Pérez, Ana\" <Ana.Perez@Example.ORG>\r\n"
	    "Subject: =?ISO-8859-1?Q?Impresora_r=F3ta?= en\r\n"
	    "  la =?UTF-8?B?c2VndW5kYQ==?= =?UTF-8?B?IHBsYW50YQ==?=\r\n"
	    "Message-ID: <abc@x>\r\n"
	    "X-Empty:\r\n"
	    "X-Old-Style : yes\r\n"
	    "\r\n"
	    "Hola\r\n");
	assert_string_equal(mime_header(m, "message-id"), "<abc@x>");
	assert_string_equal(mime_header(m, "X-Empty"), "");
	assert_string_equal(mime_header(m, "x-old-style"), "yes");
	assert_null(mime_header(m, "Cc"));
	assert_string_equal(mime_header_text(&a, m, "Subject"),
	    "Impresora r\xc3\xb3ta en  la segunda planta");
	assert_string_equal(mime_address(&a, mime_header(m, "From")), "ana.perez@example.org");
	assert_string_equal(m->text, "Hola");
	/* Encoded words in the other charsets, and one cut between two words. */
	assert_string_equal(mime_decode_words(&a, "=?iso-8859-15?q?=A4uros?="), "\xe2\x82\xac" "uros");
	assert_string_equal(mime_decode_words(&a, "=?windows-1252?Q?=93hola=94?="),
	    "\xe2\x80\x9chola\xe2\x80\x9d");
	assert_string_equal(mime_decode_words(&a, "=?UTF-8?B?w6E=?= =?UTF-8?B?w6k=?= x"),
	    "\xc3\xa1\xc3\xa9 x");
	assert_string_equal(mime_decode_words(&a, "=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?="),
	    "caf\xc3\xa9");
	assert_string_equal(mime_decode_words(&a, "a =?bogus?X?zz?= b"), "a =?bogus?X?zz?= b");
	/* Raw Latin-1 in a header becomes UTF-8; control characters become blanks. */
	assert_string_equal(mime_decode_words(&a, "Espa\xf1" "a\x01!"), "Espa\xc3\xb1" "a !");
	assert_string_equal(mime_decode_words(&a, "=?UTF-8?B?AQI=?="), "  ");
	/* Addresses. */
	assert_string_equal(mime_address(&a, "bob@x.org (Bob)"), "bob@x.org");
	assert_string_equal(mime_address(&a, "evil@bad.org <real@good.org>"), "real@good.org");
	assert_null(mime_address(&a, "undisclosed-recipients:;"));
	assert_null(mime_address(&a, "<>"));
	arena_free(&a);
}

static void
test_params(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(mime_param(&a, "text/plain; charset=\"utf-8\"; format=flowed",
	    "charset"), "utf-8");
	assert_string_equal(mime_param(&a, "text/plain;CHARSET=us-ascii", "charset"), "us-ascii");
	assert_null(mime_param(&a, "text/plain", "charset"));
	assert_string_equal(mime_param(&a, "attachment; filename=\"a \\\"b\\\".pdf\"", "filename"),
	    "a \"b\".pdf");
	assert_string_equal(mime_param(&a, "attachment; filename*=UTF-8''Informe%20a%C3%B1o.pdf",
	    "filename"), "Informe a\xc3\xb1o.pdf");
	assert_string_equal(mime_param(&a, "attachment; filename*=iso-8859-1'es'A%F1o.txt",
	    "filename"), "A\xc3\xb1o.txt");
	assert_string_equal(mime_param(&a, "attachment; filename*0*=UTF-8''Fa%C3%B1; "
	    "filename*1=\"cil name\"; filename*2*=.png", "filename"), "Fa\xc3\xb1" "cil name.png");
	assert_string_equal(mime_param(&a, "image/png; name=\"=?UTF-8?B?w7Fhbw==?=.png\"", "name"),
	    "\xc3\xb1" "ao.png");
	/* filename* wins over filename. */
	assert_string_equal(mime_param(&a, "attachment; filename=\"old.pdf\"; filename*=UTF-8''new.pdf",
	    "filename"), "new.pdf");
	arena_free(&a);
}

static void
test_charsets(void **state)
{
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(mime_to_utf8(&a, "ISO-8859-1", "ca\xf1\xf3n", 5, &n), "ca\xc3\xb1\xc3\xb3n");
	assert_int_equal(n, 7);
	assert_string_equal(mime_to_utf8(&a, "latin1", "\x80", 1, NULL), "\xe2\x82\xac");
	assert_string_equal(mime_to_utf8(&a, "iso-8859-15", "\xa4", 1, NULL), "\xe2\x82\xac");
	assert_string_equal(mime_to_utf8(&a, "x-unknown", "caf\xc3\xa9", 5, NULL), "caf\xc3\xa9");
	assert_string_equal(mime_to_utf8(&a, "x-unknown", "caf\xe9", 4, NULL), "caf\xc3\xa9");
	assert_string_equal(mime_to_utf8(&a, "utf-8", "a\xff" "b", 3, NULL), "a\xc3\xbf" "b");
	assert_string_equal(mime_to_utf8(&a, "windows-1252", "a\x81" "b", 3, NULL),
	    "a\xef\xbf\xbd" "b");
	assert_string_equal(mime_to_utf8(&a, "\"UTF-8\"", "", 0, NULL), "");
	arena_free(&a);
}

static void
test_multipart(void **state)
{
	struct arena a;
	const struct mime_msg *m;

	(void)state;
	arena_init(&a, 0);
	m = parse(&a, "From: a@b\nContent-Type: multipart/mixed; boundary=\"OUT\"\n\n"
	    "preamble\n--OUT\n"
	    "Content-Type: multipart/alternative; boundary=IN\n\n"
	    "--IN\nContent-Type: text/plain; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "La impresora no funciona. Ma=F1ana =\nvuelvo.\n"
	    "--IN\nContent-Type: text/html\n\n<p>HTML version</p>\n--IN--\n"
	    "--OUT\nContent-Type: image/png; name=\"shot.png\"\n"
	    "Content-Disposition: attachment; filename=\"C:\\\\Users\\\\x\\\\shot.png\"\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "iVBORw0K\nGgo=\n"
	    "--OUT\nContent-Type: application/pdf\nContent-Disposition: attachment\n"
	    "Content-Transfer-Encoding: base64\n\nJVBERi0=\n"
	    "--OUT--\nepilogue\n");
	assert_string_equal(m->text, "La impresora no funciona. Ma\xc3\xb1" "ana vuelvo.");
	assert_int_equal(m->text_from_html, 0);
	assert_int_equal(m->natts, 2);
	assert_string_equal(m->atts[0].filename, "shot.png");
	assert_string_equal(m->atts[0].type, "image/png");
	assert_int_equal(m->atts[0].len, 8);
	assert_memory_equal(m->atts[0].data, "\x89PNG\r\n\x1a\n", 8);
	assert_string_equal(m->atts[1].filename, "attachment-2.pdf");
	assert_memory_equal(m->atts[1].data, "%PDF-", 5);
	assert_int_equal(m->limited, 0);

	/* HTML only, inside related with an inline image. */
	m = parse(&a, "Content-Type: multipart/related; boundary=R\r\n\r\n"
	    "--R\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n"
	    "<html><head><style>p{color:red}</style><title>T</title></head><body>"
	    "<p>Hola&nbsp;equipo,</p><p>No   puedo\r\n entrar &amp; &#191;por qu&eacute;?"
	    "<br>Gracias</p><ul><li>uno</li><li>dos</li></ul>"
	    "<script>alert(1)</script><div>x &lt; y &#x2014; \x93ok\x94</div></body></html>\r\n"
	    "--R\r\nContent-Type: image/gif\r\nContent-ID: <i1>\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nR0lGODlh\r\n--R--\r\n");
	assert_string_equal(m->text, "Hola equipo,\n\nNo puedo entrar & \xc2\xbfpor qu\xc3\xa9?\n"
	    "Gracias\n\n- uno\n- dos\n\nx < y \xe2\x80\x94 \xe2\x80\x9cok\xe2\x80\x9d");
	assert_int_equal(m->text_from_html, 1);
	assert_int_equal(m->natts, 1);
	assert_int_equal(m->atts[0].inline_part, 1);
	assert_string_equal(m->atts[0].filename, "attachment-1.gif");

	/* format=flowed: soft breaks joined, quotes and the signature line kept apart. */
	m = parse(&a, "Content-Type: text/plain; charset=utf-8; format=flowed\n\n"
	    "This is a long line that was \nwrapped by the client.\n\n> quoted and \n> wrapped\n"
	    " >stuffed\nend of \n> other depth\n-- \nsig\n");
	assert_string_equal(m->text, "This is a long line that was wrapped by the client.\n\n"
	    "> quoted and wrapped\n>stuffed\nend of \n> other depth\n-- \nsig");
	m = parse(&a, "Content-Type: text/plain; format=flowed; delsp=yes\n\nJoi \nned\n");
	assert_string_equal(m->text, "Joined");

	/* A forwarded message as message/rfc822. */
	m = parse(&a, "Content-Type: multipart/mixed; boundary=F\n\n--F\n"
	    "Content-Type: text/plain\n\nSee below.\n--F\nContent-Type: message/rfc822\n\n"
	    "From: Boss <boss@x.org>\nSubject: =?UTF-8?Q?Reuni=C3=B3n?=\n\nThe inner text.\n--F--\n");
	assert_string_equal(m->text, "See below.\n\n---------- Forwarded message ----------\n"
	    "From: Boss <boss@x.org>\nSubject: Reuni\xc3\xb3n\n\nThe inner text.");
	arena_free(&a);
}

static void
test_limits(void **state)
{
	struct arena a;
	struct buf b = { 0 };
	const struct mime_msg *m;
	int i;

	(void)state;
	arena_init(&a, 0);
	/* Deep nesting stops at the depth limit without crashing. */
	buf_puts(&b, "Content-Type: multipart/mixed; boundary=b0\n\n");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i + 1);
	buf_puts(&b, "--b40\nContent-Type: text/plain\n\ndeep\n");
	m = parse(&a, buf_str(&b));
	assert_int_equal(m->limited, 1);
	assert_string_equal(m->text, "");
	/* Many parts: counted, the rest dropped. */
	buf_reset(&b);
	buf_puts(&b, "Content-Type: multipart/mixed; boundary=x\n\n");
	for (i = 0; i < 300; i++)
		buf_printf(&b, "--x\nContent-Type: application/pdf\nContent-Disposition: attachment\n\n%d\n", i);
	buf_puts(&b, "--x--\n");
	m = parse(&a, buf_str(&b));
	assert_int_equal(m->natts, MIME_MAX_ATTACHMENTS);
	assert_true(m->limited);
	/* An mbox "From " line first (Postfix pipe flag F) is skipped. */
	m = parse(&a, "From maria@example.org  Mon Nov 23 10:00:00 2026\nFrom: maria@example.org\n"
	    "Subject: hi\n\nbody\n");
	assert_string_equal(mime_header(m, "Subject"), "hi");
	assert_string_equal(m->text, "body");
	/* No header block at all. */
	assert_int_equal(mime_parse(&a, "just text\n", 10, &msg), -1);
	assert_int_equal(mime_parse(&a, "", 0, &msg), -1);
	/* Missing boundary, broken base64, truncated QP: no crash, something sane. */
	m = parse(&a, "Content-Type: multipart/mixed\n\nbody");
	assert_string_equal(m->text, "");
	m = parse(&a, "Content-Transfer-Encoding: base64\n\n!!aGk=\n");
	assert_string_equal(m->text, "hi");
	m = parse(&a, "Content-Transfer-Encoding: quoted-printable\n\nend=4");
	assert_string_equal(m->text, "end=4");
	buf_free(&b);
	arena_free(&a);
}

static void
test_strip(void **state)
{
	static const char *const markers[] = { "Reply above this line",
		"Responde encima de esta l\xc3\xadnea", NULL };
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(mime_strip_reply(&a, "Thanks, it works now.\n\n"
	    "On Mon, 23 Nov 2026 at 10:00, Support <help@x.org> wrote:\n"
	    "> Reply above this line\n> Hello Maria,\n", markers), "Thanks, it works now.");
	/* Wrapped attribution, Spanish. */
	assert_string_equal(mime_strip_reply(&a, "Sigue sin funcionar.\n\nEl lun, 23 nov 2026 a las 10:00,"
	    " Soporte (<help@x.org>)\nescribi\xc3\xb3:\n> Hola\n", markers), "Sigue sin funcionar.");
	/* The marker alone (client without quoting). */
	assert_string_equal(mime_strip_reply(&a, "ok\nRESPONDE ENCIMA DE ESTA L\xc3\xadNEA\nHola", markers),
	    "ok");
	/* Outlook. */
	assert_string_equal(mime_strip_reply(&a, "Still broken.\r\n\r\n"
	    "________________________________\r\nFrom: Support <help@x.org>\r\n"
	    "Sent: Monday, November 23, 2026 10:00\r\nTo: Maria\r\nSubject: RE: [T-000001]\r\n\r\nold",
	    markers), "Still broken.");
	assert_string_equal(mime_strip_reply(&a, "Todo bien.\nDe: Soporte\nEnviado: lunes\nPara: yo\n",
	    markers), "Todo bien.");
	assert_string_equal(mime_strip_reply(&a, "Hi\n-----Original Message-----\nFrom: x\n", markers),
	    "Hi");
	assert_string_equal(mime_strip_reply(&a, "Hola\n\n-----Mensaje original-----\nDe: x\n", markers),
	    "Hola");
	/* Inline quotes dropped, own words kept; signature cut. */
	assert_string_equal(mime_strip_reply(&a, "\n\n> question one?\nanswer one\n>> deeper\n"
	    "\n\n\nanswer two\n-- \nMaria\nPhone 123\n", markers), "answer one\n\nanswer two");
	/* Nothing to strip. */
	assert_string_equal(mime_strip_reply(&a, "From now on I will use the portal.", markers),
	    "From now on I will use the portal.");
	assert_string_equal(mime_strip_reply(&a, "", markers), "");
	assert_string_equal(mime_strip_reply(&a, "> all quoted\n", markers), "");
	/* Bottom posting: the answer below the quote is found. */
	assert_string_equal(mime_strip_reply(&a, "On Mon, 23 Nov 2026, Support <h@x.org> wrote:\n"
	    "> Reply above this line\n> Hello\n\nMy answer below.\n-- \nsig\n", markers),
	    "My answer below.");
	/* An empty plain alternative falls back to the HTML one. */
	{
		const struct mime_msg *m = parse(&a, "Content-Type: multipart/alternative; boundary=A\n\n"
		    "--A\nContent-Type: text/plain\n\n \n--A\nContent-Type: text/html\n\n<b>Hi</b> there\n--A--\n");

		assert_string_equal(m->text, "Hi there");
		assert_int_equal(m->text_from_html, 1);
	}
	/* A new message keeps forwarded text; only the signature goes. */
	assert_string_equal(mime_cut_signature(&a, "\nPlease look.\n-- \nAna\nExt 12\n\n"
	    "---------- Forwarded message ----------\nFrom: x\n\n> kept\n-- \nsig2\n"),
	    "Please look.\n---------- Forwarded message ----------\nFrom: x\n\n> kept");
	arena_free(&a);
}

static void
test_token(void **state)
{
	unsigned char key[32], other[32];
	char tok[TMAIL_TOKEN_MAX], s[200];
	long long tid = 0, uid = 0;
	struct conf c;
	size_t i;

	(void)state;
	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	tmail_token(key, 123, 45, tok);
	assert_int_equal(strncmp(tok, "t123u45k", 8), 0);
	assert_int_equal(strlen(tok), 8 + TMAIL_MAC_HEX);
	for (i = 0; tok[i] != '\0'; i++)
		assert_true((tok[i] >= 'a' && tok[i] <= 'z') || (tok[i] >= '0' && tok[i] <= '9'));
	/* Found in an address and in a Message-ID, in any case. */
	snprintf(s, sizeof(s), "Help <help+%s@example.org>", tok);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), 1);
	assert_int_equal(tid, 123);
	assert_int_equal(uid, 45);
	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), 1);
	snprintf(s, sizeof(s), "<other@x> <vt.%s.0123456789abcdef@example.org>", tok);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), 1);
	/* Another key, another ticket, a changed MAC: forged. */
	assert_int_equal(tmail_token_find(other, s, &tid, &uid), -1);
	snprintf(s, sizeof(s), "help+t124u45k%s@example.org", tok + 8);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), -1);
	snprintf(s, sizeof(s), "help+t123u46k%s@example.org", tok + 8);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), -1);
	/* A forged one first does not hide a valid one after it. */
	snprintf(s, sizeof(s), "help+t9u9k00000000000000000000@x <vt.%s.1@x>", tok);
	assert_int_equal(tmail_token_find(key, s, &tid, &uid), 1);
	/* No token: nothing found; look-alikes are not tokens. */
	assert_int_equal(tmail_token_find(key, "help@example.org [T-000123]", &tid, &uid), 0);
	assert_int_equal(tmail_token_find(key, "xt1u1k00000000000000000000", &tid, &uid), 0);
	assert_int_equal(tmail_token_find(key, "t1u1k0000000000000000000", &tid, &uid), 0);
	assert_int_equal(tmail_token_find(key, "t01u1k00000000000000000000", &tid, &uid), 0);
	/* The Reply-To address. */
	memset(&c, 0, sizeof(c));
	c.mail_support = (char *)"";
	c.mail_from = (char *)"Help Desk <help@example.org>";
	tmail_reply_to(&c, tok, s, sizeof(s));
	assert_int_equal(strncmp(s, "help+t123u45k", 13), 0);
	assert_string_equal(s + strlen(s) - 12, "@example.org");
	c.mail_support = (char *)"support@corp.example";
	tmail_reply_to(&c, "t1u2kabc", s, sizeof(s));
	assert_string_equal(s, "support+t1u2kabc@corp.example");
}

/* Every valid token of a mail, each once; the MAC added to a stored token. */
static void
test_tokens(void **state)
{
	unsigned char key[32];
	char a[TMAIL_TOKEN_MAX], b[TMAIL_TOKEN_MAX], out[TMAIL_TOKEN_MAX], s[600];
	struct tmail_tok tok[4];
	int seen = 0;

	(void)state;
	memset(key, 7, sizeof(key));
	tmail_token(key, 10, 2, a);
	tmail_token(key, 11, 2, b);
	/* Forged first, then a, b, a again (a thread repeats it). */
	snprintf(s, sizeof(s), "help+t9u9k00000000000000000000@x, help+%s@x <vt.%s.1@x> <vt.%s.2@x>",
	    a, b, a);
	assert_int_equal(tmail_tokens(key, s, tok, 4, &seen), 2);
	assert_int_equal(seen, 1);
	assert_true(tok[0].tid == 10 && tok[0].uid == 2);
	assert_true(tok[1].tid == 11 && tok[1].uid == 2);
	/* At most max kept. */
	assert_int_equal(tmail_tokens(key, s, tok, 1, &seen), 1);
	assert_true(tok[0].tid == 10);
	/* Only forged ones: none, but seen. */
	assert_int_equal(tmail_tokens(key, "t9u9k00000000000000000000", tok, 4, &seen), 0);
	assert_int_equal(seen, 1);
	assert_int_equal(tmail_tokens(key, "help@example.org", tok, 4, &seen), 0);
	assert_int_equal(seen, 0);
	/* A token stored without its MAC is signed; full ones and others are kept. */
	tmail_token_complete(key, "t10u2", out);
	assert_string_equal(out, a);
	tmail_token_complete(key, a, out);
	assert_string_equal(out, a);
	tmail_token_complete(key, "", out);
	assert_string_equal(out, "");
	tmail_token_complete(key, "t10u2x", out);
	assert_string_equal(out, "t10u2x");
	tmail_token_complete(key, "t0u2", out);
	assert_string_equal(out, "t0u2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_strip),
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_tokens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
