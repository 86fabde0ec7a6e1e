/* kbio.c - `ventanilla kb import DIR` and `ventanilla kb export DIR`: one
 * Markdown file per article with a small front matter, plus _categories.tsv. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kb.h"
#include "parse.h"

#define KBIO_MAX_FILE (1 << 20)
#define KBIO_MAX_FILES 20000

static const char usage_text[] =
    "usage: ventanilla kb import DIR   load DIR/_categories.tsv and DIR/*.md\n"
    "       ventanilla kb export DIR   write every article to DIR/<slug>.md\n"
    "       ventanilla kb recount      count every topic's articles again (after\n"
    "                                  articles were changed in the database directly)\n"
    "       ventanilla kb generate N   add N synthetic articles, for benchmarks\n"
    "                                  (ventanilla kb generate --help)\n"
    "\n"
    "Each article file starts with a front matter between two lines of ---:\n"
    "  slug, title, category (a category slug), language (en|es), type\n"
    "  (howto|troubleshooting|faq|reference), tags, keywords, visibility\n"
    "  (public|users|internal), translation_of (slug of the source article),\n"
    "  and optionally status (draft|review|published|retired) and review_by\n"
    "  (YYYY-MM-DD). The Markdown body follows. Import is idempotent by slug: an\n"
    "  unchanged article is left alone, a changed one gets a new version. Every\n"
    "  file that cannot be taken is reported with the reason.\n"
    "_categories.tsv: slug, parent, name_en, name_es, description_en,\n"
    "  description_es and optionally visibility (public|users|internal),\n"
    "  separated by tabs, with a header line. Team restrictions and owners are\n"
    "  not part of the files.\n";


/* One parsed article file. */
struct kfile {
	char name[300];                 /* file name, for messages */
	struct kb_article art;          /* what to save */
	const char *category;           /* category slug or "" */
	const char *translation_of;     /* source slug or "" */
};

/* Value for front-matter key or "" (strings point into the file's copy). */
struct fm {
	const char *key[16];
	const char *val[16];
	size_t n;
};

static const char *
fm_get(const struct fm *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->val[i];
	return "";
}

/* 1 if v is one of the words. */
static int
one_of(const char *v, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(v, *words) == 0)
			return 1;
	return 0;
}

/* Parse text (modified in place) into kf. Returns NULL or the reason it was refused. */
static const char *
parse_file(char *text, struct kfile *kf)
{
	static const char *const keys[] = { "slug", "title", "category", "language", "type",
		"tags", "keywords", "visibility", "translation_of", "status", "review_by", NULL };
	static const char *const langs[] = { "en", "es", NULL };
	static const char *const types[] = { "howto", "troubleshooting", "faq", "reference", NULL };
	static const char *const vis[] = { "public", "users", "internal", NULL };
	static const char *const states[] = { "draft", "review", "published", "retired", NULL };
	struct fm f = { { 0 }, { 0 }, 0 };
	char *p = text, *line, *end;
	size_t i;

	if (!utf8_valid(text, strlen(text)))
		return "not valid UTF-8";
	if (strncmp(p, "---\n", 4) != 0 && strncmp(p, "---\r\n", 5) != 0)
		return "no front matter (the file must start with a line ---)";
	p = strchr(p, '\n') + 1;
	for (;;) {
		if (*p == '\0')
			return "the front matter has no closing line ---";
		line = p;
		end = strchr(p, '\n');
		if (end == NULL)
			return "the front matter has no closing line ---";
		*end = '\0';
		p = end + 1;
		if (end > line && end[-1] == '\r')
			end[-1] = '\0';
		if (strcmp(line, "---") == 0)
			break;
		if (*line == '\0' || *line == '#')
			continue;
		{
			char *colon = strchr(line, ':'), *v;

			if (colon == NULL)
				return "a front-matter line without \"key: value\"";
			*colon = '\0';
			v = colon + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			{
				size_t n = strlen(v);

				while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
					v[--n] = '\0';
				if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') ||
				    (v[0] == '\'' && v[n - 1] == '\''))) {
					v[n - 1] = '\0';
					v++;
				}
			}
			if (!one_of(line, keys)) {
				static char why[160];

				snprintf(why, sizeof(why), "unknown front-matter key \"%.60s\"", line);
				return why;
			}
			if (has_ctl(v, strlen(v), 0))
				return "a control character in the front matter";
			for (i = 0; i < f.n; i++)
				if (strcmp(f.key[i], line) == 0)
					return "a front-matter key appears twice";
			if (f.n == 16)
				return "too many front-matter keys";
			f.key[f.n] = line;
			f.val[f.n] = v;
			f.n++;
		}
	}
	memset(&kf->art, 0, sizeof(kf->art));
	kf->art.slug = fm_get(&f, "slug");
	kf->art.title = fm_get(&f, "title");
	kf->art.language = fm_get(&f, "language");
	kf->art.type = *fm_get(&f, "type") ? fm_get(&f, "type") : "howto";
	kf->art.tags = fm_get(&f, "tags");
	kf->art.keywords = fm_get(&f, "keywords");
	kf->art.visibility = *fm_get(&f, "visibility") ? fm_get(&f, "visibility") : "public";
	kf->art.status = *fm_get(&f, "status") ? fm_get(&f, "status") : "published";
	kf->art.review_by = *fm_get(&f, "review_by") ? fm_get(&f, "review_by") : NULL;
	kf->art.body_md = p;
	kf->art.note = "import";
	kf->category = fm_get(&f, "category");
	kf->translation_of = fm_get(&f, "translation_of");
	if (!kb_slug_ok(kf->art.slug))
		return "slug: use 1 to 120 lowercase letters, digits and hyphens";
	if (*kf->art.title == '\0' || strlen(kf->art.title) > 600)
		return "title: required, at most 200 characters";
	if (!one_of(kf->art.language, langs))
		return "language: must be en or es";
	if (!one_of(kf->art.type, types))
		return "type: must be howto, troubleshooting, faq or reference";
	if (!one_of(kf->art.visibility, vis))
		return "visibility: must be public, users or internal";
	if (!one_of(kf->art.status, states))
		return "status: must be draft, review, published or retired";
	if (strlen(kf->art.tags) > 500 || strlen(kf->art.keywords) > 1000)
		return "tags (500) or keywords (1000 characters) too long";
	if (kf->art.review_by != NULL && (strlen(kf->art.review_by) != 10 ||
	    strspn(kf->art.review_by, "0123456789-") != 10))
		return "review_by: use YYYY-MM-DD";
	if (*kf->translation_of && strcmp(kf->translation_of, kf->art.slug) == 0)
		return "translation_of: an article cannot translate itself";
	return NULL;
}

/* Load DIR/_categories.tsv; returns the number of lines refused. */
static int
import_categories(struct cli *c, const char *dir)
{
	char path[4096], *text, *line, *save = NULL;
	int bad = 0, lineno = 0, pass;

	snprintf(path, sizeof(path), "%s/_categories.tsv", dir);
	text = cli_slurp(path, KBIO_MAX_FILE);
	if (text == NULL)
		return 0;
	/* Two passes: parents may come after their children. */
	for (pass = 0; pass < 2; pass++) {
		char *copy = xstrdup(text);

		lineno = 0;
		for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
			char *f[7] = { 0 }, *p = line;
			const char *vis;
			size_t n = 0;

			lineno++;
			if (lineno == 1 || *line == '#')
				continue;
			if (line[strlen(line) - 1] == '\r')
				line[strlen(line) - 1] = '\0';
			while (n < 7) {
				f[n++] = p;
				p = strchr(p, '\t');
				if (p == NULL)
					break;
				*p++ = '\0';
			}
			if (n < 4 || !kb_slug_ok(f[0]) || (*f[1] && !kb_slug_ok(f[1])) ||
			    !utf8_valid(line, strlen(line)) || strlen(f[2]) > 120 || strlen(f[3]) > 120) {
				if (pass == 1) {
					fprintf(stderr, "%s:%d: refused: need slug, parent, name_en, name_es"
					    " (tab-separated, valid slugs)\n", path, lineno);
					bad++;
				}
				continue;
			}
			vis = n > 6 && (strcmp(f[6], "users") == 0 || strcmp(f[6], "internal") == 0) ?
			    f[6] : "public";
			if (db_exec(&c->db, "INSERT INTO kb_categories (slug, parent_id, position, name_en,"
			    " name_es, description_en, description_es, visibility)"
			    " VALUES (?, (SELECT p.id FROM kb_categories p WHERE p.slug = ?), ?, ?, ?, ?, ?, ?)"
			    " ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), name_en = VALUES(name_en),"
			    " name_es = VALUES(name_es), description_en = VALUES(description_en),"
			    " description_es = VALUES(description_es), position = VALUES(position),"
			    " visibility = VALUES(visibility)",
			    "ssssssss", f[0], f[1], arena_printf(&c->arena, "%d", lineno), f[2], f[3],
			    n > 4 ? f[4] : "", n > 5 ? f[5] : "", vis) < 0) {
				if (pass == 1) {
					fprintf(stderr, "%s:%d: refused: %s\n", path, lineno, c->db.errmsg);
					bad++;
				}
			}
		}
		free(copy);
	}
	free(text);
	return bad;
}

/* Transaction: save one file's article unless nothing changed. */
struct import_tx {
	struct cli *c;
	struct kfile *kf;
	int changed;   /* out: 1 saved, 0 unchanged */
};

static int
import_one(struct db *db, void *ctx)
{
	struct import_tx *t = ctx;
	struct kb_article *art = &t->kf->art;
	struct db_res *res;

	res = db_query(db, &t->c->arena, "SELECT id, title, body_md, tags, keywords, type,"
	    " language, visibility, status, COALESCE(category_id, 0), COALESCE(translation_of, 0),"
	    " COALESCE(review_by, '') FROM kb_articles WHERE slug = ? FOR UPDATE", "s", art->slug);
	if (res == NULL)
		return -1;
	art->id = 0;
	if (res->nrows == 1) {
		char cat[24], tr[24];

		art->id = strtoll(db_cell(res, 0, 0), NULL, 10);
		snprintf(cat, sizeof(cat), "%lld", art->category_id);
		snprintf(tr, sizeof(tr), "%lld", art->translation_of);
		if (strcmp(db_cell(res, 0, 1), art->title) == 0 &&
		    strcmp(db_cell(res, 0, 2), art->body_md) == 0 &&
		    strcmp(db_cell(res, 0, 3), art->tags) == 0 &&
		    strcmp(db_cell(res, 0, 4), art->keywords) == 0 &&
		    strcmp(db_cell(res, 0, 5), art->type) == 0 &&
		    strcmp(db_cell(res, 0, 6), art->language) == 0 &&
		    strcmp(db_cell(res, 0, 7), art->visibility) == 0 &&
		    strcmp(db_cell(res, 0, 8), art->status) == 0 &&
		    strcmp(db_cell(res, 0, 9), cat) == 0 && strcmp(db_cell(res, 0, 10), tr) == 0 &&
		    strcmp(db_cell(res, 0, 11), art->review_by ? art->review_by : "") == 0) {
			t->changed = 0;
			return 0;
		}
	}
	t->changed = 1;
	return kb_save(db, &t->c->arena, art);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Import every *.md file of dir. Returns the number of files refused. */
static int
kb_import(struct cli *c, const char *dir, int quiet)
{
	char *names[KBIO_MAX_FILES];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d = opendir(dir);
	int bad, pass, saved = 0, same = 0;

	if (d == NULL) {
		cli_fail("cannot read the directory %s", dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL && n < KBIO_MAX_FILES) {
		size_t len = strlen(de->d_name);

		if (len > 3 && strcmp(de->d_name + len - 3, ".md") == 0 && de->d_name[0] != '.')
			names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	bad = import_categories(c, dir);
	/* Originals first, then translations (which name their source). */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			char path[4096];
			char *text;
			struct kfile kf;
			const char *why;
			struct db_res *res;
			struct import_tx t;
			int rc;

			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			text = cli_slurp(path, KBIO_MAX_FILE);
			if (text == NULL) {
				if (pass == 0) {
					fprintf(stderr, "%s: refused: %s\n", path,
					    errno == EFBIG ? "larger than 1 MB" : strerror(errno));
					bad++;
				}
				continue;
			}
			memset(&kf, 0, sizeof(kf));
			why = parse_file(text, &kf);
			/* A file that does not parse is reported once, in the first pass. */
			if (why != NULL && pass == 1) {
				free(text);
				continue;
			}
			if (why == NULL && (*kf.translation_of != '\0') != (pass == 1)) {
				free(text);
				continue;
			}
			if (why == NULL) {
				char expect[300];

				snprintf(expect, sizeof(expect), "%s.md", kf.art.slug);
				if (strcmp(expect, names[i]) != 0)
					why = "the file name must be <slug>.md";
			}
			if (why == NULL && *kf.category) {
				res = db_query(&c->db, &c->arena, "SELECT id FROM kb_categories WHERE slug = ?",
				    "s", kf.category);
				if (res == NULL || res->nrows == 0)
					why = "category: no such category slug (see _categories.tsv)";
				else
					kf.art.category_id = db_scalar(res, 0);
			}
			if (why == NULL && *kf.translation_of) {
				res = db_query(&c->db, &c->arena,
				    "SELECT id, language FROM kb_articles WHERE slug = ?", "s", kf.translation_of);
				if (res == NULL || res->nrows == 0)
					why = "translation_of: no article with that slug";
				else if (strcmp(db_cell(res, 0, 1), kf.art.language) == 0)
					why = "translation_of: the source is in the same language";
				else
					kf.art.translation_of = db_scalar(res, 0);
			}
			if (why != NULL) {
				fprintf(stderr, "%s: refused: %s\n", path, why);
				bad++;
				free(text);
				continue;
			}
			t.c = c;
			t.kf = &kf;
			t.changed = 0;
			rc = db_tx(&c->db, import_one, &t);
			if (rc != 0) {
				fprintf(stderr, "%s: refused: %s\n", path, rc > 0 ?
				    "the slug is taken" : "database error");
				bad++;
			} else if (t.changed) {
				saved++;
			} else {
				same++;
			}
			free(text);
			arena_reset(&c->arena);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	if (!quiet || bad)
		printf("kb import: %d saved, %d unchanged, %d refused\n", saved, same, bad);
	return bad;
}

/* A front-matter value as written: quoted when it starts or ends with a
 * quote, so that import (which strips one pair of quotes) gets it back. */
static const char *
fm_quote(struct arena *a, const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || (v[0] != '"' && v[0] != '\'' && v[n - 1] != '"' && v[n - 1] != '\''))
		return v;
	return arena_printf(a, v[0] == '"' || v[n - 1] == '"' ? "'%s'" : "\"%s\"", v);
}

/* Write every article to dir/<slug>.md and the categories to _categories.tsv. */
static int
kb_export(struct cli *c, const char *dir)
{
	struct db_res *res;
	char path[4096];
	size_t i;
	FILE *f;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return cli_fail("cannot create %s: %s", dir, strerror(errno));
	res = db_query(&c->db, &c->arena, "SELECT c.slug, COALESCE(p.slug, ''), c.name_en, c.name_es,"
	    " c.description_en, c.description_es, c.visibility FROM kb_categories c"
	    " LEFT JOIN kb_categories p ON p.id = c.parent_id ORDER BY c.position, c.id", "");
	if (res == NULL)
		return cli_fail("database error");
	snprintf(path, sizeof(path), "%s/_categories.tsv", dir);
	f = fopen(path, "w");
	if (f == NULL)
		return cli_fail("cannot write %s: %s", path, strerror(errno));
	fprintf(f, "slug\tparent\tname_en\tname_es\tdescription_en\tdescription_es\tvisibility\n");
	for (i = 0; i < res->nrows; i++)
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", db_cell(res, i, 0), db_cell(res, i, 1),
		    db_cell(res, i, 2), db_cell(res, i, 3), db_cell(res, i, 4), db_cell(res, i, 5),
		    db_cell(res, i, 6));
	fclose(f);
	res = db_query(&c->db, &c->arena, "SELECT a.slug, a.title, COALESCE(c.slug, ''), a.language,"
	    " a.type, a.tags, a.keywords, a.visibility, COALESCE(s.slug, ''), a.status,"
	    " COALESCE(DATE_FORMAT(a.review_by, '%Y-%m-%d'), ''), a.body_md FROM kb_articles a"
	    " LEFT JOIN kb_categories c ON c.id = a.category_id"
	    " LEFT JOIN kb_articles s ON s.id = a.translation_of ORDER BY a.id", "");
	if (res == NULL)
		return cli_fail("database error");
	for (i = 0; i < res->nrows; i++) {
		snprintf(path, sizeof(path), "%s/%s.md", dir, db_cell(res, i, 0));
		f = fopen(path, "w");
		if (f == NULL)
			return cli_fail("cannot write %s: %s", path, strerror(errno));
		fprintf(f, "---\nslug: %s\ntitle: %s\ncategory: %s\nlanguage: %s\ntype: %s\n"
		    "tags: %s\nkeywords: %s\nvisibility: %s\ntranslation_of: %s\nstatus: %s\n",
		    db_cell(res, i, 0), fm_quote(&c->arena, db_cell(res, i, 1)), db_cell(res, i, 2),
		    db_cell(res, i, 3), db_cell(res, i, 4), fm_quote(&c->arena, db_cell(res, i, 5)),
		    fm_quote(&c->arena, db_cell(res, i, 6)), db_cell(res, i, 7),
		    db_cell(res, i, 8), db_cell(res, i, 9));
		if (*db_cell(res, i, 10))
			fprintf(f, "review_by: %s\n", db_cell(res, i, 10));
		fprintf(f, "---\n%s", db_cell(res, i, 11));
		fclose(f);
	}
	printf("kb export: %lu articles written to %s\n", (unsigned long)res->nrows, dir);
	return 0;
}

int
cmd_kb(struct cli *c, int argc, char **argv)
{
	if (c == NULL) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "import") == 0) {
		if (db_connect(&c->db) < 0)
			return cli_fail("cannot connect to the database: %s", c->db.errmsg);
		return kb_import(c, argv[2], 0) > 0 ? 1 : 0;
	}
	if (argc == 3 && strcmp(argv[1], "export") == 0) {
		if (db_connect(&c->db) < 0)
			return cli_fail("cannot connect to the database: %s", c->db.errmsg);
		return kb_export(c, argv[2]);
	}
	if (argc == 2 && strcmp(argv[1], "recount") == 0) {
		if (db_connect(&c->db) < 0)
			return cli_fail("cannot connect to the database: %s", c->db.errmsg);
		if (kb_topic_recount_all(&c->db, &c->arena) < 0 || kb_changed(&c->db) < 0)
			return cli_fail("database error: %s", c->db.errmsg);
		printf("kb recount: every topic's articles counted again\n");
		return 0;
	}
	fputs(usage_text, stderr);
	return 2;
}

int
kb_import_demo(struct cli *c, const char *dir)
{
	return kb_import(c, dir, 1);
}
