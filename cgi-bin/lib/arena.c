/* arena.c - per-request bump allocator and the process-wide out-of-memory policy. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_DEFAULT_BLOCK (16 * 1024)

static void
oom(size_t n)
{
	fprintf(stderr, "ventanilla: out of memory (%lu bytes)\n", (unsigned long)n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);

	memcpy(p, s, n);
	return p;
}

void
arena_init(struct arena *a, size_t block_size)
{
	memset(a, 0, sizeof(*a));
	a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
}

static struct arena_block *
block_new(size_t cap)
{
	struct arena_block *b = xmalloc(sizeof(*b) + cap);

	b->next = NULL;
	b->cap = cap;
	b->used = 0;
	return b;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	struct arena_block *b;
	size_t need;

	if (n > SIZE_MAX - 2 * align)
		oom(n);
	need = (n + align - 1) & ~(align - 1);
	if (need == 0)
		need = align;
	if (a->limit && a->total + need > a->limit)
		oom(n);
	b = a->head;
	if (b == NULL || b->cap - b->used < need) {
		size_t cap = need > a->block_size ? need : a->block_size;

		if (a->block_size == 0)
			a->block_size = ARENA_DEFAULT_BLOCK;
		b = block_new(cap);
		b->next = a->head;
		a->head = b;
	}
	a->total += need;
	b->used += need;
	return (char *)b->data + b->used - need;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);

	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	if (b == NULL)
		return;
	/* Keep the oldest block (the usual size), free the rest. */
	while (b->next != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
	if (b->cap > a->block_size) {
		free(b);
		a->head = NULL;
	} else {
		b->used = 0;
		a->head = b;
	}
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	while (b != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}
