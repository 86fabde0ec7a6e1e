/* arena.h - per-request bump allocator: many small allocations, one reset. */
#ifndef VT_ARENA_H
#define VT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* One block of arena memory; blocks form a singly linked list. */
struct arena_block {
	struct arena_block *next; /* older block, or NULL */
	size_t cap;               /* usable bytes in data[] */
	size_t used;              /* bytes handed out from data[] */
	max_align_t data[];       /* the memory itself */
};

/* A bump allocator. Zero-initialise with ARENA_INIT or arena_init(). */
struct arena {
	struct arena_block *head; /* newest block */
	size_t block_size;        /* default size for new blocks */
	size_t total;             /* bytes handed out since the last reset */
	size_t limit;             /* 0 = no limit, else cap on total (abort past it) */
};

/* Out of memory is fatal: the process logs and aborts, the supervisor starts a
 * fresh worker. Every allocator in this library follows that one policy. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Prepare an empty arena whose blocks are block_size bytes (0 = 16 KiB). */
void arena_init(struct arena *a, size_t block_size);
/* Return n bytes aligned for any type; owned by the arena until reset. */
void *arena_alloc(struct arena *a, size_t n);
/* Like arena_alloc but zeroed. */
void *arena_zalloc(struct arena *a, size_t n);
/* Copy of s (NUL-terminated) or of its first n bytes, in the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena; never NULL. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Forget everything handed out; keeps the first block for reuse. */
void arena_reset(struct arena *a);
/* Release all memory. */
void arena_free(struct arena *a);

#endif
