/* portal.h - the portal program's pages: home, login, account, password reset. */
#ifndef VT_PORTAL_H
#define VT_PORTAL_H

#include "app.h"

int home_page(struct req *r);
int hello_page(struct req *r);
int to_kb(struct req *r);
int to_community(struct req *r);
int search_page(struct req *r);
int language_post(struct req *r);
int login_page(struct req *r);
int login_post(struct req *r);
int logout_page(struct req *r);
int logout_post(struct req *r);
int account_page(struct req *r);
int account_post(struct req *r);
int password_post(struct req *r);
/* tokens.c: the person's API tokens on /account (tokens_fill from account.c). */
int tokens_fill(struct req *r);
int token_create_post(struct req *r);
int token_revoke_post(struct req *r);
int reset_page(struct req *r);
int reset_post(struct req *r);
int reset_token_page(struct req *r);
int reset_token_post(struct req *r);

#endif
