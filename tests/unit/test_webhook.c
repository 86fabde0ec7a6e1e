/* test_webhook.c - unit tests for where a webhook may point: URL shapes,
 * schemes, credentials, and private or internal addresses (lib/webhook.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "webhook.h"

static void
test_url_shapes(void **state)
{
	static const char *const good[] = {
		"https://hooks.example.org/ventanilla", "http://hooks.example.org:8080/x?y=1",
		"HTTPS://Example.COM", "https://93.184.216.34/hook", "https://[2606:2800:220:1::1]/h",
		"https://example.org.", NULL,
	};
	static const struct {
		const char *url, *why;
	} bad[] = {
		{ "", "webhooks.bad_url" },
		{ "ftp://example.org/x", "webhooks.bad_scheme" },
		{ "example.org/hook", "webhooks.bad_scheme" },
		{ "javascript:alert(1)", "webhooks.bad_scheme" },
		{ "https://", "webhooks.bad_url" },
		{ "https://:80/x", "webhooks.bad_url" },
		{ "https://example.org:/x", "webhooks.bad_url" },
		{ "https://example.org:80a/x", "webhooks.bad_url" },
		{ "https://example.org:1234567/x", "webhooks.bad_url" },
		{ "https://exa mple.org/", "webhooks.bad_url" },
		{ "https://example.org/\n", "webhooks.bad_url" },
		{ "https://user:pw@example.org/", "webhooks.no_credentials" },
		{ "https://[::1/x", "webhooks.bad_url" },
		{ "http://localhost/x", "webhooks.private" },
		{ "http://LOCALHOST./x", "webhooks.private" },
		{ "http://api.localhost/x", "webhooks.private" },
		{ "http://printer.local/x", "webhooks.private" },
		{ "http://db.internal/x", "webhooks.private" },
		{ "http://intranet/x", "webhooks.private" },
		{ "http://127.0.0.1:23090/x", "webhooks.private" },
		{ "http://10.0.0.5/x", "webhooks.private" },
		{ "http://172.16.1.1/x", "webhooks.private" },
		{ "http://172.31.255.255/x", "webhooks.private" },
		{ "http://192.168.1.1/x", "webhooks.private" },
		{ "http://169.254.169.254/latest/meta-data", "webhooks.private" },
		{ "http://100.64.0.1/x", "webhooks.private" },
		{ "http://0.0.0.0/x", "webhooks.private" },
		{ "http://2130706433/x", "webhooks.private" },
		{ "http://0x7f.1/x", "webhooks.private" },
		{ "http://[::1]/x", "webhooks.private" },
		{ "http://[::ffff:127.0.0.1]/x", "webhooks.private" },
		{ "http://[fd00::1]/x", "webhooks.private" },
		{ "http://[fe80::1]/x", "webhooks.private" },
	};
	size_t i;

	(void)state;
	for (i = 0; good[i] != NULL; i++)
		if (webhook_url_check(good[i], 0) != NULL)
			fail_msg("refused %s: %s", good[i], webhook_url_check(good[i], 0));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = webhook_url_check(bad[i].url, 0);

		if (why == NULL || strcmp(why, bad[i].why) != 0)
			fail_msg("%s: %s, expected %s", bad[i].url, why ? why : "accepted", bad[i].why);
	}
	/* Ticked: internal addresses pass, broken ones still do not. */
	assert_null(webhook_url_check("http://127.0.0.1:23090/x", 1));
	assert_null(webhook_url_check("http://intranet/x", 1));
	assert_string_equal(webhook_url_check("ftp://127.0.0.1/", 1), "webhooks.bad_scheme");
	assert_string_equal(webhook_url_check("http://u@127.0.0.1/", 1), "webhooks.no_credentials");
	/* Not one character more than the limit. */
	{
		char url[WEBHOOK_URL_MAX + 2];

		memset(url, 'a', sizeof(url));
		memcpy(url, "https://example.org/", 20);
		url[WEBHOOK_URL_MAX] = '\0';
		assert_null(webhook_url_check(url, 0));
		url[WEBHOOK_URL_MAX] = 'a';
		url[WEBHOOK_URL_MAX + 1] = '\0';
		assert_string_equal(webhook_url_check(url, 0), "webhooks.bad_url");
	}
}

/* 1 if the textual address is private, per webhook_private_addr. */
static int
priv(const char *addr)
{
	struct sockaddr_in in;
	struct sockaddr_in6 in6;

	memset(&in, 0, sizeof(in));
	memset(&in6, 0, sizeof(in6));
	if (inet_pton(AF_INET, addr, &in.sin_addr) == 1) {
		in.sin_family = AF_INET;
		return webhook_private_addr((struct sockaddr *)&in);
	}
	assert_int_equal(inet_pton(AF_INET6, addr, &in6.sin6_addr), 1);
	in6.sin6_family = AF_INET6;
	return webhook_private_addr((struct sockaddr *)&in6);
}

static void
test_private_addr(void **state)
{
	static const char *const internal[] = { "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1",
		"172.31.0.1", "192.168.0.1", "169.254.1.1", "100.64.0.1", "100.127.255.254", "0.0.0.0",
		"224.0.0.1", "255.255.255.255", "192.0.0.8", "198.18.0.1", "::", "::1", "fc00::1",
		"fdff::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "2001:db8::1", NULL };
	static const char *const public[] = { "93.184.216.34", "8.8.8.8", "172.15.255.255",
		"172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1", "11.0.0.1",
		"2606:2800:220:1::1", "::ffff:8.8.8.8", "2a00:1450::1", NULL };
	struct sockaddr other;
	size_t i;

	(void)state;
	for (i = 0; internal[i] != NULL; i++)
		if (!priv(internal[i]))
			fail_msg("%s should be internal", internal[i]);
	for (i = 0; public[i] != NULL; i++)
		if (priv(public[i]))
			fail_msg("%s should be public", public[i]);
	memset(&other, 0, sizeof(other));
	other.sa_family = AF_UNIX;
	assert_int_equal(webhook_private_addr(&other), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_shapes),
		cmocka_unit_test(test_private_addr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
