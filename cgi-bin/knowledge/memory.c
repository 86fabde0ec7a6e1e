/* memory.c - what a knowledge worker keeps between requests.
 *
 * Article views are counted in memory and added to kb_articles in one
 * statement every few seconds (or when the worker waits or stops), so a
 * reader's request writes nothing and readers of a popular article never
 * queue for its row lock.
 *
 * The article page's three queries (the article, its other languages, the
 * related articles), and the front page's three, are kept per worker for a
 * short while, keyed by
 * everything they depend on: article, reader's language, reader's level and
 * user id (team restrictions). A kept page is dropped when any article or
 * topic changes (settings.kb_content_version, read at most once a second,
 * so readers see a change within a second) and after KEEP_SECONDS in any
 * case (team membership changes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "knowledge.h"
#include "log.h"

#define VIEWS_MAX 256          /* distinct articles counted between writes */
#define VIEWS_FLUSH_SECONDS 2  /* oldest count kept in memory while busy */
#define PAGES 256              /* kept article pages (direct-mapped by article) */
#define KEEP_SECONDS 30        /* longest a kept page is used */
#define VERSION_SECONDS 1      /* how often kb_content_version is read */

struct kept_page {
	long long id, uid;
	int level;
	char lang[4];
	time_t made;
	long long version;
	struct db_res *res[KB_PAGE_PARTS];
};

struct kb_memory {
	struct {
		long long id;
		unsigned n;
	} views[VIEWS_MAX];
	size_t nviews;
	time_t views_since;       /* when the oldest unwritten view was counted */
	long long version;        /* kb_content_version last read */
	time_t version_read;
	struct kept_page pages[PAGES];
};

static void
page_drop(struct kept_page *p)
{
	size_t i;

	for (i = 0; i < KB_PAGE_PARTS; i++) {
		free(p->res[i]);
		p->res[i] = NULL;
	}
	p->id = 0;
}

static void
memory_free(void *ctx)
{
	struct kb_memory *m = ctx;
	size_t i;

	for (i = 0; i < PAGES; i++)
		page_drop(&m->pages[i]);
	free(m);
}

/* Add the counted views to the articles; keeps them for a later try when
 * the database does not answer. */
static int
views_write(struct app *app, struct kb_memory *m)
{
	struct buf js = { 0 };
	size_t i;
	int rc;

	buf_puts(&js, "[");
	for (i = 0; i < m->nviews; i++)
		buf_printf(&js, "%s[%lld,%u]", i ? "," : "", m->views[i].id, m->views[i].n);
	buf_puts(&js, "]");
	rc = db_exec(&app->db, "UPDATE kb_articles a JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$[0]', n INT UNSIGNED PATH '$[1]')) AS j ON a.id = j.id"
	    " SET a.views = a.views + j.n", "s", buf_str(&js)) < 0 ? -1 : 0;
	buf_free(&js);
	if (rc < 0) {
		log_warn("could not write the views of %zu articles; will retry", m->nviews);
		return -1;
	}
	m->nviews = 0;
	return 0;
}

static int
memory_tick(struct app *app, int idle)
{
	struct kb_memory *m = app->local;

	if (m == NULL || m->nviews == 0)
		return 0;
	if (idle || time(NULL) - m->views_since >= VIEWS_FLUSH_SECONDS)
		views_write(app, m);
	return m->nviews > 0;
}

static struct kb_memory *
memory(struct app *app)
{
	if (app->local == NULL) {
		app->local = xcalloc(1, sizeof(struct kb_memory));
		app->local_free = memory_free;
		app->tick = memory_tick;
	}
	return app->local;
}

void
kb_view_count(struct req *r, long long id)
{
	struct kb_memory *m = memory(r->app);
	size_t i;

	for (i = 0; i < m->nviews; i++)
		if (m->views[i].id == id) {
			m->views[i].n++;
			return;
		}
	if (m->nviews == VIEWS_MAX && views_write(r->app, m) < 0)
		return;  /* the database is away: this view is not counted */
	if (m->nviews == 0)
		m->views_since = time(NULL);
	m->views[m->nviews].id = id;
	m->views[m->nviews].n = 1;
	m->nviews++;
}

/* The slot of a page and whether it holds exactly this reader's page. */
static struct kept_page *
page_slot(struct req *r, long long id, const struct kb_viewer *v, int *match)
{
	struct kb_memory *m = memory(r->app);
	struct kept_page *p = &m->pages[(unsigned long long)id % PAGES];

	*match = p->id == id && p->uid == v->uid && p->level == v->level &&
	    strcmp(p->lang, r->lang) == 0;
	return p;
}

int
kb_page_kept(struct req *r, long long id, const struct kb_viewer *v,
    const struct db_res **parts)
{
	struct kb_memory *m = memory(r->app);
	time_t now = time(NULL);
	struct kept_page *p;
	int match;
	size_t i;

	if (now - m->version_read >= VERSION_SECONDS) {
		struct db_res *res = db_query(r->db, &r->arena,
		    "SELECT value FROM settings WHERE name = 'kb_content_version'", "");

		if (res == NULL)
			return 0;
		m->version = db_scalar(res, 0);
		m->version_read = now;
	}
	p = page_slot(r, id, v, &match);
	if (!match)
		return 0;
	if (p->version != m->version || now - p->made >= KEEP_SECONDS) {
		page_drop(p);
		return 0;
	}
	for (i = 0; i < KB_PAGE_PARTS; i++)
		parts[i] = p->res[i];
	return 1;
}

void
kb_page_keep(struct req *r, long long id, const struct kb_viewer *v,
    struct db_res *const *parts)
{
	struct kb_memory *m = memory(r->app);
	struct kept_page *p;
	int match;
	size_t i;

	if (m->version_read == 0)
		return;  /* no version read yet: nothing to check the copy against */
	p = page_slot(r, id, v, &match);
	page_drop(p);
	for (i = 0; i < KB_PAGE_PARTS; i++)
		p->res[i] = parts[i] != NULL ? db_res_keep(parts[i]) : NULL;
	p->id = id;
	p->uid = v->uid;
	p->level = v->level;
	snprintf(p->lang, sizeof(p->lang), "%s", r->lang);
	p->made = m->version_read;
	p->version = m->version;
}
