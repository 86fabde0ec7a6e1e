/* text.h - words for search: accent and case folding, tokens, stopwords,
 * Snowball stems (es, en), the encoded index form, and highlighted snippets. */
#ifndef VT_TEXT_H
#define VT_TEXT_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

#define TEXT_MAX_TOKEN 40   /* longer words are cut */

/* Fold s: lowercase, Latin accents removed (á->a, ñ->n, ß->ss, ...), every
 * character that is not a letter or digit becomes one space. Invalid UTF-8
 * bytes become spaces. Result in the arena. */
char *text_fold(struct arena *a, const char *s);

/* Split folded text into at most max tokens (pointers into a copy in the
 * arena). Returns the count. */
size_t text_tokens(struct arena *a, const char *folded, const char **out, size_t max);

/* 1 if the folded token is a Spanish or English stopword. */
int text_stopword(const char *tok);

/* The Snowball stem of a folded token in lang ("en" or "es"), in its index
 * form (words under 3 characters get a "zz" tail, because the database does
 * not index them otherwise). In the arena. */
char *text_stem(struct arena *a, const char *lang, const char *tok);

/* Append the index form of text in lang: stems of every non-stopword token,
 * separated by spaces. */
void text_index(struct arena *a, struct buf *out, const char *lang, const char *text);

/* An HTML snippet of at most about maxlen characters from plain text, around
 * the place where most of the given stems occur (stems in lang's index form);
 * matching words wrapped in <mark>. Everything else is HTML-escaped. */
char *text_snippet(struct arena *a, const char *plain, const char *lang,
    const char *const *stems, size_t nstems, size_t maxlen);

/* Release the stemmers (at process end, for leak checkers). */
void text_cleanup(void);

#endif
