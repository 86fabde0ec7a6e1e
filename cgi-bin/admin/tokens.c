/* tokens.c - an administrator revokes anyone's API token (from /admin/users/<id>,
 * which lists them with token_list). */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "http.h"
#include "page.h"
#include "token.h"

/* The id in path segment i, or 0 when it is not a number. */
static long long
seg_id(struct req *r, size_t i)
{
	char *end;
	long long id;

	if (i >= r->nparams || strlen(r->params[i]) > 19)
		return 0;
	id = strtoll(r->params[i], &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

int
user_token_revoke(struct req *r)
{
	long long uid = seg_id(r, 0), tid = seg_id(r, 1);
	const char *name = NULL;
	struct db_res *res;
	int rc;

	if (uid == 0 || tid == 0)
		return http_fail(r, 404, "error.not_found");
	res = db_query(r->db, &r->arena, "SELECT email FROM users WHERE id = ?", "i", uid);
	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return http_fail(r, 404, "error.not_found");
	rc = token_revoke(r, uid, tid, &name);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "token.revoke", db_cell(res, 0, 0), name);
	return http_redirect(r, arena_printf(&r->arena, "/admin/users/%lld?saved=1#tokens", uid));
}
