/* upload.c - content sniffing for uploaded files. */
#include "upload.h"

#include <string.h>

#include "parse.h"

const char *
upload_type(const char *data, size_t len)
{
	static const struct {
		const char *magic;  /* leading bytes */
		size_t len;         /* how many */
		const char *type;   /* the type they mean */
	} kinds[] = {
		{ "\x89PNG\r\n\x1a\n", 8, "image/png" },
		{ "\xff\xd8\xff", 3, "image/jpeg" },
		{ "GIF87a", 6, "image/gif" },
		{ "GIF89a", 6, "image/gif" },
		{ "%PDF-", 5, "application/pdf" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (len >= kinds[i].len && memcmp(data, kinds[i].magic, kinds[i].len) == 0)
			return kinds[i].type;
	if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (len > 0 && utf8_valid(data, len) && !has_ctl(data, len, 1))
		return "text/plain";
	return NULL;
}

int
upload_inline(const char *type)
{
	return strncmp(type, "image/", 6) == 0;
}
