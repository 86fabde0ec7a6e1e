/* keep.c - rendered pages kept per worker: a direct-mapped table by a hash
 * of the key; a page is used only under the same key and version and while
 * young. Memory is bounded by slots * (max_body + key and version). */
#include "keep.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct kept {
	char *key;        /* NULL: the slot is free (key, version, body: one block) */
	char *version;    /* what the page showed */
	char *body;       /* the page */
	size_t len;       /* bytes in body */
	time_t made;      /* when it was rendered */
};

struct keep {
	struct kept *slots;  /* nslots entries */
	size_t nslots;
	size_t max_body;     /* larger pages are not kept */
	int max_age;         /* seconds a page is used */
};

struct keep *
keep_new(size_t slots, size_t max_body, int max_age)
{
	struct keep *k = xcalloc(1, sizeof(*k));

	k->slots = xcalloc(slots ? slots : 1, sizeof(struct kept));
	k->nslots = slots ? slots : 1;
	k->max_body = max_body;
	k->max_age = max_age;
	return k;
}

/* Empty one slot. */
static void
kept_drop(struct kept *e)
{
	free(e->key);
	memset(e, 0, sizeof(*e));
}

void
keep_free(struct keep *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nslots; i++)
		kept_drop(&k->slots[i]);
	free(k->slots);
	free(k);
}

/* The slot of key (FNV-1a). */
static struct kept *
slot(struct keep *k, const char *key)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return &k->slots[h % k->nslots];
}

int
keep_get(struct keep *k, const char *key, const char *version, time_t now, struct buf *out)
{
	struct kept *e = slot(k, key);

	if (e->key == NULL || strcmp(e->key, key) != 0)
		return 0;
	if (strcmp(e->version, version) != 0 || now - e->made >= k->max_age || now < e->made) {
		kept_drop(e);
		return 0;
	}
	return buf_append(out, e->body, e->len) == 0;
}

void
keep_put(struct keep *k, const char *key, const char *version, time_t now,
    const char *body, size_t len)
{
	struct kept *e = slot(k, key);
	size_t klen = strlen(key) + 1, vlen = strlen(version) + 1;

	kept_drop(e);
	if (len > k->max_body)
		return;
	e->key = xmalloc(klen + vlen + len + 1);
	memcpy(e->key, key, klen);
	e->version = e->key + klen;
	memcpy(e->version, version, vlen);
	e->body = e->version + vlen;
	memcpy(e->body, body, len);
	e->body[len] = '\0';
	e->len = len;
	e->made = now;
}
