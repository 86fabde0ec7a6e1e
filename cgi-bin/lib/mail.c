/* mail.c - message composition and SMTP delivery. */
#include "mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* 1 if s is plain printable ASCII (no encoding needed in a header). */
static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Append base64 of data[0..n) in lines of 76 characters. */
static int
base64_lines(struct buf *out, const char *data, size_t n)
{
	char line[80];
	size_t i;

	for (i = 0; i < n; i += 57) {
		size_t k = n - i < 57 ? n - i : 57;

		sodium_bin2base64(line, sizeof(line), (const unsigned char *)data + i, k,
		    sodium_base64_VARIANT_ORIGINAL);
		if (buf_puts(out, line) < 0 || buf_puts(out, "\r\n") < 0)
			return -1;
	}
	return 0;
}

/* Append a header value as RFC 2047 encoded words when not plain ASCII,
 * split on character boundaries so no word passes 75 characters. */
static int
encoded_header(struct buf *out, const char *name, const char *value)
{
	size_t n = strlen(value), i = 0;
	char word[80];

	if (plain_ascii(value) && n < 900)
		return buf_printf(out, "%s: %s\r\n", name, value);
	if (buf_printf(out, "%s:", name) < 0)
		return -1;
	while (i < n) {
		size_t k = n - i < 45 ? n - i : 45;

		/* Do not cut a UTF-8 sequence in two. */
		while (i + k < n && ((unsigned char)value[i + k] & 0xc0) == 0x80)
			k--;
		sodium_bin2base64(word, sizeof(word), (const unsigned char *)value + i, k,
		    sodium_base64_VARIANT_ORIGINAL);
		if (buf_printf(out, " =?UTF-8?B?%s?=%s", word, i + k < n ? "\r\n" : "") < 0)
			return -1;
		i += k;
	}
	return buf_puts(out, "\r\n");
}

void
mail_address(const char *from, char *out, size_t outlen)
{
	const char *lt = strrchr(from, '<'), *gt;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		snprintf(out, outlen, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, outlen, "%s", from);
}

int
mail_compose(struct buf *out, const char *from, const char *to, const char *subject,
    const char *text, const char *html, const char *domain, time_t when)
{
	return mail_compose_reply(out, from, to, subject, text, html, domain, when, NULL, NULL);
}

int
mail_compose_reply(struct buf *out, const char *from, const char *to, const char *subject,
    const char *text, const char *html, const char *domain, time_t when,
    const char *reply_to, const char *token)
{
	char date[64], boundary[40], rnd[33];
	unsigned char raw[16];
	struct tm tm;

	if (strpbrk(from, "\r\n") || strpbrk(to, "\r\n") || strpbrk(subject, "\r\n") ||
	    strpbrk(domain, "\r\n<>"))
		return -1;
	if (token != NULL && (*token == '\0' || strspn(token, "0123456789abcdefghijklmnopqrstuvwxyz")
	    != strlen(token)))
		token = NULL;
	if (reply_to != NULL && strpbrk(reply_to, "\r\n"))
		return -1;
	gmtime_r(&when, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(rnd, sizeof(rnd), raw, sizeof(raw));
	snprintf(boundary, sizeof(boundary), "=_vt_%.24s", rnd);
	if (buf_printf(out, "Date: %s\r\n", date) < 0 ||
	    (token != NULL ?
	     buf_printf(out, "Message-ID: <vt.%s.%.16s@%s>\r\n", token, rnd, domain) :
	     buf_printf(out, "Message-ID: <%s.%ld@%s>\r\n", rnd, (long)when, domain)) < 0 ||
	    (reply_to != NULL && *reply_to != '\0' &&
	     buf_printf(out, "Reply-To: %s\r\n", reply_to) < 0) ||
	    encoded_header(out, "From", from) < 0 ||
	    buf_printf(out, "To: %s\r\n", to) < 0 ||
	    encoded_header(out, "Subject", subject) < 0 ||
	    buf_puts(out, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n") < 0)
		return -1;
	if (html == NULL || *html == '\0') {
		if (buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\n") < 0)
			return -1;
		return base64_lines(out, text, strlen(text));
	}
	if (buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n\r\n--%s\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary, boundary) < 0 ||
	    base64_lines(out, text, strlen(text)) < 0 ||
	    buf_printf(out, "\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary) < 0 ||
	    base64_lines(out, html, strlen(html)) < 0 ||
	    buf_printf(out, "\r\n--%s--\r\n", boundary) < 0)
		return -1;
	return 0;
}

/* Upload state for libcurl's read callback. */
struct upload {
	const char *p;  /* next byte to send */
	size_t left;    /* bytes left */
};

static size_t
read_cb(char *dst, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(dst, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

int
mail_send(const struct conf *c, const char *to, const struct buf *msg, char *err,
    size_t errlen)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *rcpt = NULL;
	struct upload u = { buf_str(msg), msg->len };
	char from[300], angle_to[300];
	CURLcode rc;

	if (curl == NULL) {
		snprintf(err, errlen, "curl init failed");
		return -1;
	}
	mail_address(c->mail_from, from, sizeof(from));
	snprintf(angle_to, sizeof(angle_to), "<%s>", to);
	rcpt = curl_slist_append(rcpt, angle_to);
	curl_easy_setopt(curl, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (c->smtp_starttls)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->smtp_user[0] != '\0') {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->smtp_password);
	}
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	return rc == CURLE_OK ? 0 : -1;
}
