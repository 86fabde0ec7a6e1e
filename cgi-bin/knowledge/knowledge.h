/* knowledge.h - the knowledge program's pages. */
#ifndef VT_KNOWLEDGE_H
#define VT_KNOWLEDGE_H

#include "app.h"
#include "kb.h"

/* The reader's rights for article visibility. */
void kb_viewer_of(const struct req *r, struct kb_viewer *v);
/* The article id at the start of a path parameter like "12-some-slug"; 0 if none. */
long long kb_param_id(const char *p);

int kb_home(struct req *r);
int kb_category(struct req *r);
int kb_article(struct req *r);
int kb_feedback(struct req *r);
int kb_feedback_why(struct req *r);
int kb_search_page(struct req *r);
int kb_suggest(struct req *r);
int kb_api_search(struct req *r);
int community_index(struct req *r);

#endif
