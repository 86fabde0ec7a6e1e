/* knowledge.h - the knowledge program's pages. */
#ifndef VT_KNOWLEDGE_H
#define VT_KNOWLEDGE_H

#include "app.h"
#include "kb.h"

/* The reader's rights for article visibility. */
void kb_viewer_of(const struct req *r, struct kb_viewer *v);
/* The article id at the start of a path parameter like "12-some-slug"; 0 if none. */
long long kb_param_id(const char *p);

/* Count a view of article id (written to the database within seconds). */
void kb_view_count(struct req *r, long long id);

/* The article page's query results (article, other languages, related), or
 * with id KB_HOME_PAGE the front page's, as this worker kept them for reader
 * v: 1 with parts filled, or 0 when it has no fresh copy. kb_page_keep
 * stores copies of fresh results. */
#define KB_PAGE_PARTS 3
#define KB_HOME_PAGE (-1LL)
int kb_page_kept(struct req *r, long long id, const struct kb_viewer *v,
    const struct db_res **parts);
void kb_page_keep(struct req *r, long long id, const struct kb_viewer *v,
    struct db_res *const *parts);

int kb_home(struct req *r);
int kb_category(struct req *r);
int kb_article(struct req *r);
int kb_feedback(struct req *r);
int kb_feedback_why(struct req *r);
int kb_search_page(struct req *r);
int kb_suggest(struct req *r);
int kb_api_search(struct req *r);
int community_index(struct req *r);
int kb_edit_home(struct req *r);
int kb_edit_list(struct req *r);
int kb_edit_new(struct req *r);
int kb_edit_create(struct req *r);
int kb_edit_page(struct req *r);
int kb_edit_page_id(struct req *r, long long id);
int kb_edit_update(struct req *r);
int kb_edit_history(struct req *r);
int kb_edit_version(struct req *r);
int kb_edit_compare(struct req *r);
int kb_edit_restore(struct req *r);
int kb_edit_task_done(struct req *r);
int kb_edit_synonyms(struct req *r);
int kb_edit_synonym_add(struct req *r);
int kb_edit_synonym_delete(struct req *r);
int kb_file(struct req *r);

#endif
