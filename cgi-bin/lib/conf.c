/* conf.c - libconfig wrapped in typed, range-checked lookups with one place for defaults. */
#include "conf.h"

#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "arena.h"

#define CONF_DEFAULT_PATH "/etc/ventanilla/ventanilla.conf"

const char *
conf_path(void)
{
	const char *p = getenv("VENTANILLA_CONF");

	return p != NULL && *p != '\0' ? p : CONF_DEFAULT_PATH;
}

/* Fill every field with its default; strings are heap copies. */
static void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->site_name = xstrdup("Ventanilla");
	c->base_url = xstrdup("http://127.0.0.1:8080");
	c->default_language = xstrdup("en");
	c->contact = xstrdup("");
	c->templates_dir = xstrdup("/usr/local/share/ventanilla/templates");
	c->schema_dir = xstrdup("/usr/local/share/ventanilla/schema");
	c->socket_dir = xstrdup("/run/ventanilla");
	c->socket_mode = 0660;
	c->workers = 4;
	c->max_requests = 0;
	c->db_hosts[0] = xstrdup("localhost");
	c->db_nhosts = 1;
	c->db_port = 3306;
	c->db_socket = xstrdup("");
	c->db_name = xstrdup("ventanilla");
	c->db_user = xstrdup("ventanilla");
	c->db_password = xstrdup("");
	c->db_connect_timeout = 5;
	c->db_read_timeout = 30;
	c->db_write_timeout = 30;
	c->secret = xstrdup("");
	c->trust_remote_user = 0;
	c->remote_user_autocreate = 0;
	c->session_idle_minutes = 120;
	c->session_max_hours = 12;
	c->secure_cookies = 2;
	c->login_max_failures_account = 5;
	c->login_max_failures_address = 20;
	c->login_window_minutes = 15;
	c->password_min_length = 10;
	c->reset_link_minutes = 60;
	c->max_body = 10485760;
	c->max_fields = 200;
	c->max_value = 262144;
	c->max_files = 10;
	c->max_file = 10485760;
	c->mail_from = xstrdup("Ventanilla <help@example.org>");
	c->smtp_url = xstrdup("smtp://127.0.0.1:25");
	c->smtp_user = xstrdup("");
	c->smtp_password = xstrdup("");
	c->smtp_starttls = 0;
	c->mail_poll_seconds = 5;
	c->mail_support = xstrdup("");
	c->mail_in_max = 30 << 20;
	c->mail_category = xstrdup("");
	c->mail_in_log_days = 90;
	c->ticket_autoclose_days = 7;
	c->log_syslog = 0;
	c->log_level = LOG_INFO;
}

void
conf_free(struct conf *c)
{
	size_t i;

	free(c->path);
	free(c->site_name);
	free(c->base_url);
	free(c->default_language);
	free(c->contact);
	free(c->templates_dir);
	free(c->schema_dir);
	free(c->socket_dir);
	for (i = 0; i < c->db_nhosts; i++)
		free(c->db_hosts[i]);
	free(c->db_socket);
	free(c->db_name);
	free(c->db_user);
	free(c->db_password);
	free(c->secret);
	for (i = 0; i < c->ntrusted_proxies; i++)
		free(c->trusted_proxies[i]);
	free(c->mail_from);
	free(c->smtp_url);
	free(c->smtp_user);
	free(c->smtp_password);
	free(c->mail_support);
	free(c->mail_category);
	memset(c, 0, sizeof(*c));
}

/* Error reporting context for the typed getters. */
struct getctx {
	config_t *cfg;
	char *err;
	size_t errlen;
	int failed;
};

static void
fail(struct getctx *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct getctx *g, const char *fmt, ...)
{
	va_list ap;

	if (g->failed)
		return;
	g->failed = 1;
	va_start(ap, fmt);
	vsnprintf(g->err, g->errlen, fmt, ap);
	va_end(ap);
}

/* Replace *dst with the string at key, if present; max bytes allowed. */
static void
get_str(struct getctx *g, const char *key, char **dst, size_t max)
{
	config_setting_t *s = config_lookup(g->cfg, key);
	const char *v;

	if (s == NULL)
		return;
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		fail(g, "%s: must be a string in quotes", key);
		return;
	}
	v = config_setting_get_string(s);
	if (strlen(v) > max) {
		fail(g, "%s: longer than %lu characters", key, (unsigned long)max);
		return;
	}
	free(*dst);
	*dst = xstrdup(v);
}

/* Replace *dst with the integer at key, if present, checking lo..hi. Reads
 * 64-bit values so that 3000000000 is reported, not silently wrapped. */
static void
get_long(struct getctx *g, const char *key, long long *dst, long long lo, long long hi)
{
	config_setting_t *s = config_lookup(g->cfg, key);
	long long v;

	if (s == NULL)
		return;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = config_setting_get_int64(s);
		break;
	default:
		fail(g, "%s: must be a whole number", key);
		return;
	}
	if (v < lo || v > hi) {
		fail(g, "%s: %lld is out of range (%lld..%lld)", key, v, lo, hi);
		return;
	}
	*dst = v;
}

static void
get_int(struct getctx *g, const char *key, int *dst, int lo, int hi)
{
	long long v = *dst;

	get_long(g, key, &v, lo, hi);
	*dst = (int)v;
}

static void
get_size(struct getctx *g, const char *key, size_t *dst, long long lo, long long hi)
{
	long long v = (long long)*dst;

	get_long(g, key, &v, lo, hi);
	*dst = (size_t)v;
}

static void
get_bool(struct getctx *g, const char *key, int *dst)
{
	config_setting_t *s = config_lookup(g->cfg, key);

	if (s == NULL)
		return;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		fail(g, "%s: must be true or false", key);
		return;
	}
	*dst = config_setting_get_bool(s);
}

/* Replace list dst[0..*n) with the array of strings at key, if present. */
static void
get_list(struct getctx *g, const char *key, char **dst, size_t *n, size_t max)
{
	config_setting_t *s = config_lookup(g->cfg, key);
	int i, len;

	if (s == NULL)
		return;
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		fail(g, "%s: must be a list like [ \"a\", \"b\" ]", key);
		return;
	}
	len = config_setting_length(s);
	if (len < 0 || (size_t)len > max) {
		fail(g, "%s: at most %lu entries", key, (unsigned long)max);
		return;
	}
	for (i = 0; i < len; i++) {
		if (config_setting_get_string_elem(s, i) == NULL) {
			fail(g, "%s: entry %d must be a string", key, i + 1);
			return;
		}
	}
	while (*n > 0)
		free(dst[--*n]);
	for (i = 0; i < len; i++)
		dst[(*n)++] = xstrdup(config_setting_get_string_elem(s, i));
}

/* A file mode: an octal string like "0660" (libconfig has no octal numbers)
 * or a plain number. */
static void
get_mode(struct getctx *g, const char *key, int *dst)
{
	config_setting_t *s = config_lookup(g->cfg, key);
	const char *v;
	char *end;
	long m;

	if (s == NULL)
		return;
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		get_int(g, key, dst, 0, 0777);
		return;
	}
	v = config_setting_get_string(s);
	m = strtol(v, &end, 8);
	if (*v == '\0' || *end != '\0' || m < 0 || m > 0777) {
		fail(g, "%s: \"%s\" is not an octal file mode like \"0660\"", key, v);
		return;
	}
	*dst = (int)m;
}

/* Map a word from a fixed set to a value: words[i] -> values[i]. */
static void
get_enum(struct getctx *g, const char *key, int *dst, const char *const *words,
    const int *values, size_t n)
{
	char *v = NULL;
	size_t i;

	get_str(g, key, &v, 32);
	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (strcmp(v, words[i]) == 0) {
			*dst = values[i];
			free(v);
			return;
		}
	}
	fail(g, "%s: \"%s\" is not one of the allowed words", key, v);
	free(v);
}

int
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	static const char *const cookie_words[] = { "never", "always", "auto" };
	static const int cookie_values[] = { 0, 1, 2 };
	static const char *const level_words[] = { "error", "warn", "info", "debug" };
	static const int level_values[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	config_t cfg;
	struct getctx g = { &cfg, err, errlen, 0 };

	conf_defaults(c);
	c->path = xstrdup(path);
	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			snprintf(err, errlen, "%s: cannot read the file", path);
		else
			snprintf(err, errlen, "%s:%d: %s", path,
			    config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		conf_free(c);
		return -1;
	}
	get_str(&g, "site.name", &c->site_name, 200);
	get_str(&g, "site.base_url", &c->base_url, 500);
	get_str(&g, "site.default_language", &c->default_language, 2);
	get_str(&g, "site.contact", &c->contact, 500);
	get_str(&g, "paths.templates", &c->templates_dir, 1000);
	get_str(&g, "paths.schema", &c->schema_dir, 1000);
	get_str(&g, "fastcgi.socket_dir", &c->socket_dir, 80);
	get_mode(&g, "fastcgi.socket_mode", &c->socket_mode);
	get_int(&g, "fastcgi.workers", &c->workers, 1, 64);
	{
		long long v = c->max_requests;

		get_long(&g, "fastcgi.max_requests", &v, 0, 1000000000LL);
		c->max_requests = (long)v;
	}
	get_list(&g, "database.hosts", c->db_hosts, &c->db_nhosts, CONF_MAX_HOSTS);
	get_int(&g, "database.port", &c->db_port, 1, 65535);
	get_str(&g, "database.socket", &c->db_socket, 1000);
	get_str(&g, "database.name", &c->db_name, 64);
	get_str(&g, "database.user", &c->db_user, 80);
	get_str(&g, "database.password", &c->db_password, 200);
	get_int(&g, "database.connect_timeout", &c->db_connect_timeout, 1, 600);
	get_int(&g, "database.read_timeout", &c->db_read_timeout, 1, 600);
	get_int(&g, "database.write_timeout", &c->db_write_timeout, 1, 600);
	get_str(&g, "security.secret", &c->secret, 500);
	get_list(&g, "security.trusted_proxies", c->trusted_proxies,
	    &c->ntrusted_proxies, CONF_MAX_PROXIES);
	get_bool(&g, "security.trust_remote_user", &c->trust_remote_user);
	get_bool(&g, "security.remote_user_autocreate", &c->remote_user_autocreate);
	get_int(&g, "security.session_idle_minutes", &c->session_idle_minutes, 5, 10080);
	get_int(&g, "security.session_max_hours", &c->session_max_hours, 1, 720);
	get_enum(&g, "security.secure_cookies", &c->secure_cookies, cookie_words,
	    cookie_values, 3);
	get_int(&g, "security.login_max_failures_account",
	    &c->login_max_failures_account, 1, 1000);
	get_int(&g, "security.login_max_failures_address",
	    &c->login_max_failures_address, 1, 100000);
	get_int(&g, "security.login_window_minutes", &c->login_window_minutes, 1, 1440);
	get_int(&g, "security.password_min_length", &c->password_min_length, 8, 128);
	get_int(&g, "security.reset_link_minutes", &c->reset_link_minutes, 5, 1440);
	get_size(&g, "limits.max_body", &c->max_body, 1024, 1LL << 31);
	get_size(&g, "limits.max_fields", &c->max_fields, 1, 10000);
	get_size(&g, "limits.max_value", &c->max_value, 64, 16 << 20);
	get_size(&g, "limits.max_files", &c->max_files, 0, 100);
	get_size(&g, "limits.max_file", &c->max_file, 1024, 1LL << 31);
	get_str(&g, "mail.from", &c->mail_from, 300);
	get_str(&g, "mail.smtp_url", &c->smtp_url, 500);
	get_str(&g, "mail.smtp_user", &c->smtp_user, 200);
	get_str(&g, "mail.smtp_password", &c->smtp_password, 200);
	get_bool(&g, "mail.starttls", &c->smtp_starttls);
	get_int(&g, "mail.poll_seconds", &c->mail_poll_seconds, 1, 3600);
	get_str(&g, "mail.support_address", &c->mail_support, 254);
	get_size(&g, "mail.incoming_max_bytes", &c->mail_in_max, 65536, 200LL << 20);
	get_str(&g, "mail.default_category", &c->mail_category, 80);
	get_int(&g, "mail.incoming_log_days", &c->mail_in_log_days, 0, 36500);
	get_int(&g, "tickets.autoclose_days", &c->ticket_autoclose_days, 1, 365);
	get_bool(&g, "log.syslog", &c->log_syslog);
	get_enum(&g, "log.level", &c->log_level, level_words, level_values, 4);
	config_destroy(&cfg);
	if (!g.failed && strcmp(c->default_language, "en") != 0 &&
	    strcmp(c->default_language, "es") != 0)
		fail(&g, "site.default_language: must be \"en\" or \"es\"");
	if (!g.failed && strlen(c->secret) < 32)
		fail(&g, "security.secret: required, at least 32 characters");
	if (!g.failed && c->mail_support[0] != '\0' && (strchr(c->mail_support, '@') == NULL ||
	    strpbrk(c->mail_support, " <>\"\r\n+") != NULL))
		fail(&g, "mail.support_address: a plain address like support@example.org (no + part)");
	if (!g.failed && c->db_nhosts == 0)
		fail(&g, "database.hosts: at least one host");
	if (g.failed) {
		conf_free(c);
		return -1;
	}
	{
		size_t n = strlen(c->base_url);

		while (n > 0 && c->base_url[n - 1] == '/')
			c->base_url[--n] = '\0';
	}
	return 0;
}
