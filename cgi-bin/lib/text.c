/* text.c - folding, tokens, stopwords, stems and snippets. */
#include "text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Stemmers are created once per process and reused (single-threaded). */
static struct sb_stemmer *stem_en, *stem_es;

void
text_cleanup(void)
{
	if (stem_en != NULL)
		sb_stemmer_delete(stem_en);
	if (stem_es != NULL)
		sb_stemmer_delete(stem_es);
	stem_en = stem_es = NULL;
}

/* ASCII folding of a code point in Latin-1 Supplement and Latin Extended-A:
 * writes 1-2 characters to o and returns how many (0 = no folding). */
static size_t
fold_latin(unsigned cp, char *o)
{
	static const char *const l1[64] = {
		/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
		"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u",
		"u", "u", "y", "th", "ss",
		/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
		"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u",
		"u", "u", "y", "th", "y",
	};
	/* U+0100..U+017F, one letter each. */
	static const char ext[129] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii"
	    "jjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	const char *rep;

	if (cp >= 0xC0 && cp <= 0xFF && (rep = l1[cp - 0xC0]) != NULL) {
		o[0] = rep[0];
		if (rep[1] != '\0') {
			o[1] = rep[1];
			return 2;
		}
		return 1;
	}
	if (cp >= 0x100 && cp < 0x180) {
		o[0] = ext[cp - 0x100];
		return 1;
	}
	return 0;
}

/* Decode one UTF-8 sequence at s; *len gets its length (0 = invalid). */
static unsigned
utf8_next(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) |
		    (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*len = 4;
		return ((unsigned)(s[0] & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
		    ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	}
	*len = 0;
	return 0;
}

char *
text_fold(struct arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	char *out = arena_alloc(a, 2 * n + 2), *o = out;
	int space = 1;

	while (*p != '\0') {
		size_t len;
		unsigned cp = utf8_next(p, &len);
		size_t k;

		if (len == 0) {
			/* Invalid byte: a word break. */
			p++;
			if (!space) {
				*o++ = ' ';
				space = 1;
			}
			continue;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			*o++ = (char)cp;
			space = 0;
		} else if (cp >= 'A' && cp <= 'Z') {
			*o++ = (char)(cp + 32);
			space = 0;
		} else if (cp >= 0xC0 && (k = fold_latin(cp, o)) > 0) {
			o += k;
			space = 0;
		} else if ((cp >= 0x180 && cp < 0x250) || (cp >= 0x370 && cp < 0x2000) ||
		    (cp >= 0x3040 && cp < 0xA000) || (cp >= 0xAC00 && cp < 0xD7B0)) {
			/* Letters of other scripts stay part of a word; punctuation and
			 * symbols (dashes, ellipses, quotes, emoji) separate words. */
			memcpy(o, p, len);
			o += len;
			space = 0;
		} else if (!space) {
			*o++ = ' ';
			space = 1;
		}
		p += len;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

size_t
text_tokens(struct arena *a, const char *folded, const char **out, size_t max)
{
	char *copy = arena_strdup(a, folded), *p = copy;
	size_t n = 0;

	while (*p != '\0' && n < max) {
		char *start;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ')
			p++;
		if (*p == ' ')
			*p++ = '\0';
		if (strlen(start) > TEXT_MAX_TOKEN) {
			/* Cut on a character boundary. */
			size_t k = TEXT_MAX_TOKEN;

			while (k > 0 && ((unsigned char)start[k] & 0xC0) == 0x80)
				k--;
			start[k] = '\0';
		}
		out[n++] = start;
	}
	return n;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
text_stopword(const char *tok)
{
	/* Sorted: Spanish and English function words that carry no meaning for
	 * search. Kept short on purpose: "it", "ti", "no", "not", "pc" stay. */
	static const char *const words[] = {
		"a", "about", "al", "an", "and", "are", "as", "at", "be", "been", "but",
		"by", "can", "con", "cual", "de", "del", "do", "does", "el", "ella", "en",
		"es", "esa", "ese", "eso", "esta", "este", "esto", "for", "from", "fue",
		"ha", "han", "has", "have", "he", "how", "i", "if", "in", "into", "is",
		"la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "my", "of", "on",
		"or", "para", "pero", "por", "que", "se", "ser", "si", "sin", "so", "su",
		"sus", "the", "their", "then", "there", "these", "they", "this", "to",
		"tu", "tus", "un", "una", "unas", "uno", "unos", "us", "was", "we", "were",
		"what", "when", "where", "which", "who", "why", "will", "with", "y", "ya",
		"yo", "you", "your",
	};
	const char *key = tok;

	return bsearch(&key, words, sizeof(words) / sizeof(words[0]), sizeof(words[0]),
	    cmp_str) != NULL;
}

char *
text_stem(struct arena *a, const char *lang, const char *tok)
{
	struct sb_stemmer **sp = strcmp(lang, "es") == 0 ? &stem_es : &stem_en;
	const sb_symbol *st;
	char *out;
	int n;

	if (*sp == NULL)
		*sp = sb_stemmer_new(sp == &stem_es ? "spanish" : "english", "UTF_8");
	if (*sp == NULL || (st = sb_stemmer_stem(*sp, (const sb_symbol *)tok,
	    (int)strlen(tok))) == NULL) {
		st = (const sb_symbol *)tok;
		n = (int)strlen(tok);
	} else {
		n = sb_stemmer_length(*sp);
	}
	out = arena_alloc(a, (size_t)n + 3);
	memcpy(out, st, (size_t)n);
	out[n] = '\0';
	if (n < 3) {
		/* The database ignores words under 3 characters: "pc" -> "pczz". */
		strcat(out, "zz");
	}
	return out;
}

void
text_index(struct arena *a, struct buf *out, const char *lang, const char *text)
{
	const char *tok[4096];
	size_t n = text_tokens(a, text_fold(a, text), tok, 4096), i;

	for (i = 0; i < n; i++) {
		if (text_stopword(tok[i]))
			continue;
		if (out->len > 0)
			buf_puts(out, " ");
		buf_puts(out, text_stem(a, lang, tok[i]));
	}
}

/* 1 if the word s[0..n) of plain text matches one of the stems: its folded
 * form starts with the stem (Snowball stems are word prefixes after folding,
 * up to a few letters) or equals a short word's encoded form. */
static int
word_matches(struct arena *a, const char *s, size_t n, const char *const *stems,
    size_t nstems)
{
	char *f = text_fold(a, arena_strndup(a, s, n));
	size_t fl = strlen(f), i;

	if (fl == 0 || strchr(f, ' ') != NULL)
		return 0;
	for (i = 0; i < nstems; i++) {
		size_t sl = strlen(stems[i]);

		if (sl >= 3 && strcmp(stems[i] + sl - 2, "zz") == 0 && fl == sl - 2 &&
		    strncmp(f, stems[i], fl) == 0)
			return 1;
		if (sl >= 3 && fl >= sl && fl <= sl + 5 && strncmp(f, stems[i], sl) == 0)
			return 1;
	}
	return 0;
}

/* Is byte c part of a word (letters, digits, any non-ASCII byte)? */
static int
wordch(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c >= 0x80;
}

#define SNIPPET_SCAN 6000   /* bytes of the text considered for the snippet */
#define SNIPPET_WORDS 1200  /* words considered */

char *
text_snippet(struct arena *a, const char *plain, const char *lang,
    const char *const *stems, size_t nstems, size_t maxlen)
{
	size_t len = strlen(plain), scan = len < SNIPPET_SCAN ? len : SNIPPET_SCAN;
	size_t wstart[SNIPPET_WORDS], wend[SNIPPET_WORDS];
	unsigned char wmatch[SNIPPET_WORDS];
	size_t nw = 0, i, j, best = 0, start, end;
	int best_hits = -1;
	struct buf b = { 0 };
	char *out;

	(void)lang;
	for (i = 0; i < scan && nw < SNIPPET_WORDS;) {
		while (i < scan && !wordch((unsigned char)plain[i]))
			i++;
		j = i;
		while (j < len && wordch((unsigned char)plain[j]))
			j++;
		if (j > i) {
			wstart[nw] = i;
			wend[nw] = j;
			wmatch[nw] = (unsigned char)word_matches(a, plain + i, j - i, stems, nstems);
			nw++;
		}
		i = j;
	}
	/* Windows start at sentence starts; count matching words inside. */
	for (i = 0; i < nw; i++) {
		size_t p = wstart[i];
		int hits = 0;

		if (i > 0) {
			size_t q = wend[i - 1];
			int boundary = 0;

			for (; q < p; q++)
				if (plain[q] == '.' || plain[q] == '\n' || plain[q] == '?' ||
				    plain[q] == '!' || plain[q] == ':')
					boundary = 1;
			if (!boundary)
				continue;
		}
		for (j = i; j < nw && wend[j] <= p + maxlen; j++)
			hits += wmatch[j];
		if (hits > best_hits) {
			best_hits = hits;
			best = p;
		}
	}
	start = best;
	end = start + maxlen < len ? start + maxlen : len;
	if (end < len)
		while (end > start && wordch((unsigned char)plain[end]))
			end--;
	if (start > 0)
		buf_puts(&b, "… ");
	for (i = start; i < end;) {
		j = i;
		while (j < end && wordch((unsigned char)plain[j]))
			j++;
		if (j > i) {
			int m = word_matches(a, plain + i, j - i, stems, nstems);

			if (m)
				buf_puts(&b, "<mark>");
			buf_html(&b, arena_strndup(a, plain + i, j - i));
			if (m)
				buf_puts(&b, "</mark>");
			i = j;
		} else {
			char c[2] = { plain[i] == '\n' ? ' ' : plain[i], '\0' };

			buf_html(&b, c);
			i++;
		}
	}
	if (end < len)
		buf_puts(&b, " …");
	out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}
