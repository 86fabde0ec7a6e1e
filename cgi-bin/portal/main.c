/* main.c - the portal program: home, unified search, sign-in, account. */
#include "portal.h"

static const struct route routes[] = {
	{ M_GET, "/", home_page, 0, 0 },
	{ M_GET, "/hello", hello_page, 0, 0 },
	{ M_GET, "/kb", to_kb, 0, 0 },
	{ M_GET, "/community", to_community, 0, 0 },
	{ M_GET, "/search", search_page, 0, 0 },
	{ M_POST, "/language", language_post, 0, 0 },
	{ M_GET, "/login", login_page, 0, 0 },
	{ M_POST, "/login", login_post, 0, 0 },
	{ M_GET, "/logout", logout_page, 0, 0 },
	{ M_POST, "/logout", logout_post, 0, 0 },
	{ M_GET, "/account", account_page, ROLE_ALL, 0 },
	{ M_POST, "/account", account_post, ROLE_ALL, 0 },
	{ M_POST, "/account/password", password_post, ROLE_ALL, 0 },
	{ M_POST, "/account/tokens", token_create_post, ROLE_ALL, 0 },
	{ M_POST, "/account/tokens/*/revoke", token_revoke_post, ROLE_ALL, 0 },
	{ M_GET, "/password-reset", reset_page, 0, 0 },
	{ M_POST, "/password-reset", reset_post, 0, 0 },
	{ M_GET, "/password-reset/*", reset_token_page, 0, 0 },
	{ M_POST, "/password-reset/*", reset_token_post, 0, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("portal", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
