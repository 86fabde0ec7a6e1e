/* view.h - ClearSilver templates parsed once per process, rendered per request
 * with HTML escaping on; language strings (en, es) as a fallback HDF. */
#ifndef VT_VIEW_H
#define VT_VIEW_H

#include <stddef.h>

#include <ClearSilver.h>

#include "buf.h"

#define VIEW_MAX_TEMPLATES 64
#define VIEW_NLANG 2

/* A parsed template. */
struct view_tmpl {
	char *name;   /* path relative to the templates dir, e.g. "portal/home.cs" */
	CSPARSE *cs;  /* the parse tree; its hdf is swapped per render */
};

/* The process's templates and language strings. */
struct view {
	char *dir;                    /* templates root */
	HDF *base;                    /* Config.* and hdf.loadpaths used while parsing */
	HDF *lang[VIEW_NLANG];        /* T.* strings: [0] en, [1] es (over en) */
	struct view_tmpl t[VIEW_MAX_TEMPLATES]; /* parsed so far */
	size_t n;                     /* entries in t */
};

/* Language codes, in the order of view.lang. */
extern const char *const view_langs[VIEW_NLANG];

/* Load the language files of dir/lang. 0, or -1 with a message in err. */
int view_init(struct view *v, const char *dir, char *err, size_t errlen);
/* Parse every *.cs under dir/<sub> now (so a broken template fails at start). */
int view_preload(struct view *v, const char *sub, char *err, size_t errlen);
/* Render template name (parsed on first use) with hdf and the strings of lang,
 * appending to out. 0, or -1 (logged). */
int view_render(struct view *v, const char *name, HDF *hdf, const char *lang,
    struct buf *out);
/* The string T.<key> in lang (falling back to English), or key itself. */
const char *view_text(const struct view *v, const char *lang, const char *key);
/* Index of lang in view_langs, or -1. */
int view_lang_index(const char *lang);
/* Free everything. */
void view_free(struct view *v);

/* Log a ClearSilver error and free it. */
void view_nerr(NEOERR *err, const char *what);

#endif
