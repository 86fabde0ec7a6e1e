/* tokens.c - a person's own API tokens on /account: create one (shown once),
 * list them, revoke one. The token code itself lives in the library (token.c). */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "portal.h"
#include "token.h"

int
tokens_fill(struct req *r)
{
	if (token_list(r, r->user.id, "Page.Tokens") < 0)
		return -1;
	if (req_query(r, "revoked") != NULL)
		page_msg(r, "Page.Notice", "tokens.revoked");
	return 0;
}

int
token_create_post(struct req *r)
{
	const char *name = form_line(r, FORM_BODY, "token_name", TOKEN_NAME_MAX, 1);
	int ok = 1, rc;
	long long days = form_int(r, FORM_BODY, "expires_days", 0, TOKEN_MAX_DAYS, 0, &ok);
	char token[TOKEN_CHARS + 1];

	if (r->form_errors == 0) {
		rc = token_create(r, r->user.id, name, days, token);
		if (rc < 0)
			return -1;
		if (rc > 0)
			form_error(r, "token_name", "tokens.too_many");
	}
	if (r->form_errors) {
		r->status = 422;
		page_set(r, "Page.Form.token_name", req_form(r, "token_name"));
		return account_page(r);
	}
	audit(r, "token.create", r->user.email, arena_printf(&r->arena, "%s (%.*s)", name,
	    TOKEN_SHOWN, token));
	/* The only time anyone sees it: it is stored as a hash. */
	page_set(r, "Page.NewToken.token", token);
	page_set(r, "Page.NewToken.name", name);
	page_int(r, "Page.NewToken.expires_days", days);
	page_msg(r, "Page.Notice", "tokens.created_notice");
	return account_page(r);
}

int
token_revoke_post(struct req *r)
{
	const char *name = NULL;
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	int rc;

	if (*end != '\0' || id <= 0 || strlen(r->params[0]) > 19)
		return http_fail(r, 404, "error.not_found");
	rc = token_revoke(r, r->user.id, id, &name);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return http_fail(r, 404, "error.not_found");
	audit(r, "token.revoke", r->user.email, name);
	return http_redirect(r, "/account?revoked=1#tokens");
}
