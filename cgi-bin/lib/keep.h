/* keep.h - rendered pages a worker keeps between requests, each under a key
 * (whose page: path, person, language) and a version (what it showed). */
#ifndef VT_KEEP_H
#define VT_KEEP_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

struct keep;

/* A store of at most slots pages of at most max_body bytes each, each used
 * for at most max_age seconds. Release it with keep_free. */
struct keep *keep_new(size_t slots, size_t max_body, int max_age);
void keep_free(struct keep *k);

/* 1 and the page appended to out when key is kept with this version and is
 * younger than max_age at now; 0 otherwise (a stale page is dropped). */
int keep_get(struct keep *k, const char *key, const char *version, time_t now,
    struct buf *out);

/* Keep body (len bytes) under key and version, made at now, replacing what
 * held its slot. Bodies over max_body are not kept. */
void keep_put(struct keep *k, const char *key, const char *version, time_t now,
    const char *body, size_t len);

#endif
