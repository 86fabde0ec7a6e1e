/* form.c - field validators. */
#include "form.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "page.h"

void
form_error(struct req *r, const char *name, const char *msgkey)
{
	page_msg(r, arena_printf(&r->arena, "Page.Errors.%s", name), msgkey);
	r->form_errors++;
}

size_t
form_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static const char *
raw(struct req *r, enum form_src src, const char *name)
{
	return src == FORM_QUERY ? req_query(r, name) : req_form(r, name);
}

/* Trimmed copy of v in the arena. */
static char *
trim(struct req *r, const char *v)
{
	const char *e;

	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	e = v + strlen(v);
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return arena_strndup(&r->arena, v, (size_t)(e - v));
}

/* Shared checks of form_line/form_text; multiline allows line breaks. */
static const char *
text(struct req *r, enum form_src src, const char *name, size_t max, int required,
    int multiline)
{
	const char *v = raw(r, src, name);
	char *t, *o;
	const char *p;

	if (v == NULL)
		v = "";
	t = trim(r, v);
	if (*t == '\0') {
		if (required) {
			form_error(r, name, "form.required");
			return NULL;
		}
		return t;
	}
	if (!multiline && strpbrk(t, "\r\n") != NULL) {
		form_error(r, name, "form.one_line");
		return NULL;
	}
	if (strlen(t) > 4 * max || form_chars(t) > max) {
		form_error(r, name, "form.too_long");
		return NULL;
	}
	/* CRLF and lone CR become LF. */
	for (p = t, o = t; *p != '\0'; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return t;
}

const char *
form_line(struct req *r, enum form_src src, const char *name, size_t max, int required)
{
	return text(r, src, name, max, required, 0);
}

const char *
form_text(struct req *r, enum form_src src, const char *name, size_t max, int required)
{
	return text(r, src, name, max, required, 1);
}

const char *
form_email(struct req *r, enum form_src src, const char *name, int required)
{
	const char *v = text(r, src, name, 254, required, 0);
	const char *at;
	char *out, *p;

	if (v == NULL || *v == '\0')
		return v;
	at = strrchr(v, '@');
	if (at == NULL || at == v || at[1] == '\0' || strchr(at, '.') == NULL ||
	    strpbrk(v, " \t<>()[],;:\\\"") != NULL || at[strlen(at) - 1] == '.') {
		form_error(r, name, "form.email");
		return NULL;
	}
	out = arena_strdup(&r->arena, v);
	for (p = out + (at - v); *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

const char *
form_password(struct req *r, const char *name, int required)
{
	const char *v = req_form(r, name);

	if (v == NULL || *v == '\0') {
		if (required) {
			form_error(r, name, "form.required");
			return NULL;
		}
		return "";
	}
	if (strlen(v) > AUTH_PASSWORD_MAX) {
		form_error(r, name, "password.too_long");
		return NULL;
	}
	return v;
}

const char *
form_choice(struct req *r, enum form_src src, const char *name,
    const char *const *allowed, const char *dflt)
{
	const char *v = raw(r, src, name);
	size_t i;

	if (v == NULL || *v == '\0')
		return dflt;
	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(v, allowed[i]) == 0)
			return allowed[i];
	form_error(r, name, "form.choice");
	return NULL;
}

long long
form_int(struct req *r, enum form_src src, const char *name, long long lo,
    long long hi, long long dflt, int *ok)
{
	const char *v = raw(r, src, name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return dflt;
	if (strlen(v) > 19 || strspn(v, "-0123456789") != strlen(v)) {
		*ok = 0;
		form_error(r, name, "form.number");
		return dflt;
	}
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n < lo || n > hi) {
		*ok = 0;
		form_error(r, name, "form.number");
		return dflt;
	}
	return n;
}
