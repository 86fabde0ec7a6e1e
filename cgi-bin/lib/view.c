/* view.c - template loading and rendering. */
#include "view.h"

#include <cgi/cgi.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

const char *const view_langs[VIEW_NLANG] = { "en", "es" };

void
view_nerr(NEOERR *err, const char *what)
{
	STRING s;

	if (err == STATUS_OK)
		return;
	string_init(&s);
	nerr_error_string(err, &s);
	log_err("%s: %s", what, s.buf ? s.buf : "template error");
	string_clear(&s);
	nerr_ignore(&err);
}

int
view_lang_index(const char *lang)
{
	int i;

	if (lang == NULL)
		return -1;
	for (i = 0; i < VIEW_NLANG; i++)
		if (strcmp(lang, view_langs[i]) == 0)
			return i;
	return -1;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read dir/lang/<lang>.hdf, then every dir/lang/<module>.<lang>.hdf in name
 * order (each area keeps its strings in its own file). */
static NEOERR *
read_lang(HDF *hdf, const char *dir, const char *lang)
{
	char path[4096], suffix[16], *names[64];
	struct dirent *de;
	size_t n = 0, i;
	NEOERR *e;
	DIR *d;

	snprintf(path, sizeof(path), "%s/lang/%s.hdf", dir, lang);
	e = hdf_read_file(hdf, path);
	snprintf(suffix, sizeof(suffix), ".%s.hdf", lang);
	snprintf(path, sizeof(path), "%s/lang", dir);
	d = opendir(path);
	if (e != STATUS_OK || d == NULL) {
		if (d != NULL)
			closedir(d);
		return e;
	}
	while ((de = readdir(d)) != NULL && n < 64) {
		size_t len = strlen(de->d_name);

		if (len > strlen(suffix) && strcmp(de->d_name + len - strlen(suffix), suffix) == 0)
			names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/lang/%s", dir, names[i]);
		if (e == STATUS_OK)
			e = hdf_read_file(hdf, path);
		free(names[i]);
	}
	return e;
}

int
view_init(struct view *v, const char *dir, char *err, size_t errlen)
{
	NEOERR *e;
	int i;

	memset(v, 0, sizeof(*v));
	v->dir = xstrdup(dir);
	e = hdf_init(&v->base);
	if (e == STATUS_OK)
		e = hdf_set_value(v->base, "Config.VarEscapeMode", "html");
	if (e == STATUS_OK)
		e = hdf_set_value(v->base, "Config.WhiteSpaceStrip", "1");
	if (e == STATUS_OK)
		e = hdf_set_value(v->base, "hdf.loadpaths.0", dir);
	for (i = 0; i < VIEW_NLANG && e == STATUS_OK; i++) {
		e = hdf_init(&v->lang[i]);
		/* Every language starts from English, so a missing string falls back. */
		if (e == STATUS_OK)
			e = read_lang(v->lang[i], dir, "en");
		if (e == STATUS_OK && i > 0)
			e = read_lang(v->lang[i], dir, view_langs[i]);
	}
	if (e != STATUS_OK) {
		snprintf(err, errlen, "templates in %s: cannot load (see log)", dir);
		view_nerr(e, "language files");
		view_free(v);
		return -1;
	}
	return 0;
}

/* The parsed template called name, parsing it now if needed. */
static CSPARSE *
view_get(struct view *v, const char *name)
{
	CSPARSE *cs = NULL;
	NEOERR *e;
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->t[i].name, name) == 0)
			return v->t[i].cs;
	if (v->n == VIEW_MAX_TEMPLATES) {
		log_err("too many templates (raise VIEW_MAX_TEMPLATES): %s", name);
		return NULL;
	}
	e = cs_init(&cs, v->base);
	if (e == STATUS_OK)
		e = cgi_register_strfuncs(cs);
	if (e == STATUS_OK)
		e = cs_parse_file(cs, name);
	if (e != STATUS_OK) {
		view_nerr(e, name);
		cs_destroy(&cs);
		return NULL;
	}
	v->t[v->n].name = xstrdup(name);
	v->t[v->n].cs = cs;
	v->n++;
	return cs;
}

int
view_preload(struct view *v, const char *sub, char *err, size_t errlen)
{
	char path[4096], name[512];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", v->dir, sub);
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		/* Partials (_name.cs) only parse inside the pages that include them. */
		if (len < 4 || strcmp(de->d_name + len - 3, ".cs") != 0 || de->d_name[0] == '_')
			continue;
		snprintf(name, sizeof(name), "%s/%s", sub, de->d_name);
		if (view_get(v, name) == NULL) {
			snprintf(err, errlen, "template %s does not parse (see log)", name);
			rc = -1;
			break;
		}
	}
	closedir(d);
	return rc;
}

/* CSOUTFUNC appending to a struct buf. */
static NEOERR *
out_buf(void *ctx, char *s)
{
	struct buf *b = ctx;

	if (buf_puts(b, s) < 0)
		return nerr_raise(NERR_NOMEM, "page too large");
	return STATUS_OK;
}

int
view_render(struct view *v, const char *name, HDF *hdf, const char *lang,
    struct buf *out)
{
	CSPARSE *cs = view_get(v, name);
	int li = view_lang_index(lang);
	size_t start = out->len, skip = 0;
	NEOERR *e;

	if (cs == NULL)
		return -1;
	cs->hdf = hdf;
	cs->global_hdf = v->lang[li < 0 ? 0 : li];
	e = cs_render(cs, out, out_buf);
	cs->hdf = v->base;
	cs->global_hdf = NULL;
	if (e != STATUS_OK) {
		view_nerr(e, name);
		return -1;
	}
	/* Macro definitions leave blank lines before the doctype: drop them. */
	while (start + skip < out->len && (out->p[start + skip] == '\n' ||
	    out->p[start + skip] == ' ' || out->p[start + skip] == '\t'))
		skip++;
	if (skip > 0) {
		memmove(out->p + start, out->p + start + skip, out->len - start - skip + 1);
		out->len -= skip;
	}
	return 0;
}

const char *
view_text(const struct view *v, const char *lang, const char *key)
{
	char name[256];
	int li = view_lang_index(lang);
	const char *s;

	snprintf(name, sizeof(name), "T.%s", key);
	s = hdf_get_value(v->lang[li < 0 ? 0 : li], name, NULL);
	return s != NULL ? s : key;
}

void
view_free(struct view *v)
{
	size_t i;
	int l;

	for (i = 0; i < v->n; i++) {
		cs_destroy(&v->t[i].cs);
		free(v->t[i].name);
	}
	for (l = 0; l < VIEW_NLANG; l++)
		if (v->lang[l] != NULL)
			hdf_destroy(&v->lang[l]);
	if (v->base != NULL)
		hdf_destroy(&v->base);
	free(v->dir);
	memset(v, 0, sizeof(*v));
}
