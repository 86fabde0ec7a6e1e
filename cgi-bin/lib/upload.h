/* upload.h - what an uploaded file really is, decided from its bytes. */
#ifndef VT_UPLOAD_H
#define VT_UPLOAD_H

#include <stddef.h>

/* The content type of data[0..len) when it is one we accept: PNG, JPEG, GIF,
 * WebP, PDF, or UTF-8 plain text; NULL otherwise. The browser's claimed
 * type is never trusted. */
const char *upload_type(const char *data, size_t len);

/* 1 if the type is an image that may be shown inline. */
int upload_inline(const char *type);

#endif
