/* tmail.c - reply tokens for ticket mail, and the requester's notification. */
#include "tmail.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "sess.h"

void
tmail_token(const unsigned char key[32], long long tid, long long uid, char out[TMAIL_TOKEN_MAX])
{
	char msg[80], mac[65];

	snprintf(msg, sizeof(msg), "mail-reply:%lld:%lld", tid, uid);
	sess_hmac_hex(key, msg, mac);
	snprintf(out, TMAIL_TOKEN_MAX, "t%lldu%lldk%.*s", tid, uid, TMAIL_MAC_HEX, mac);
}

/* Read "<letter><digits>" at *p; the number or -1. */
static long long
tagged_number(const char **p, char letter)
{
	const char *s = *p;
	size_t n;

	if (tolower((unsigned char)*s) != letter)
		return -1;
	s++;
	n = strspn(s, "0123456789");
	if (n == 0 || n > 12 || *s == '0')
		return -1;
	*p = s + n;
	return strtoll(s, NULL, 10);
}

int
tmail_token_find(const unsigned char key[32], const char *s, long long *tid, long long *uid)
{
	const char *p;
	int seen = 0;

	for (p = s; *p != '\0'; p++) {
		const char *q = p;
		long long t, u;
		char want[TMAIL_TOKEN_MAX], got[TMAIL_MAC_HEX + 1];
		size_t i;

		if (p > s && isalnum((unsigned char)p[-1]))
			continue;
		if ((t = tagged_number(&q, 't')) < 0 || (u = tagged_number(&q, 'u')) < 0 ||
		    tolower((unsigned char)*q) != 'k')
			continue;
		q++;
		for (i = 0; i < TMAIL_MAC_HEX && isxdigit((unsigned char)q[i]); i++)
			got[i] = (char)tolower((unsigned char)q[i]);
		got[i] = '\0';
		if (i != TMAIL_MAC_HEX || isalnum((unsigned char)q[i]))
			continue;
		seen = 1;
		tmail_token(key, t, u, want);
		if (sodium_memcmp(want + strlen(want) - TMAIL_MAC_HEX, got, TMAIL_MAC_HEX) == 0) {
			*tid = t;
			*uid = u;
			return 1;
		}
	}
	return seen ? -1 : 0;
}

void
tmail_support_address(const struct conf *c, char *out, size_t outlen)
{
	if (c->mail_support[0] != '\0')
		snprintf(out, outlen, "%s", c->mail_support);
	else
		mail_address(c->mail_from, out, outlen);
}

void
tmail_reply_to(const struct conf *c, const char *token, char *out, size_t outlen)
{
	char addr[300];
	const char *at;

	tmail_support_address(c, addr, sizeof(addr));
	at = strrchr(addr, '@');
	if (at == NULL || token == NULL || *token == '\0') {
		snprintf(out, outlen, "%s", at != NULL ? addr : "");
		return;
	}
	snprintf(out, outlen, "%.*s+%s%s", (int)(at - addr), addr, token, at);
}

/* "T-000123", as the tickets program writes it. */
static char *
ticket_number_str(struct arena *a, long long id)
{
	return arena_printf(a, "T-%06lld", id);
}

void
tmail_notify(struct req *r, long long tid, const char *kind)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT u.email, u.name, u.language, t.subject, t.status, u.id FROM tickets t"
	    " JOIN users u ON u.id = t.requester_id WHERE t.id = ? AND u.active = 1", "i", tid);
	const char *lang;
	char token[TMAIL_TOKEN_MAX];

	if (res == NULL || res->nrows == 0)
		return;
	lang = db_cell(res, 0, 2);
	if (view_lang_index(lang) < 0)
		lang = r->lang;
	tmail_token(r->app->hmac_key, tid, strtoll(db_cell(res, 0, 5), NULL, 10), token);
	page_set(r, "Mail.ReplyToken", token);
	page_set(r, "Mail.Name", db_cell(res, 0, 1));
	page_set(r, "Mail.TicketSubject", db_cell(res, 0, 3));
	page_setf(r, "Mail.SubjectPrefix", "[%s] ", ticket_number_str(&r->arena, tid));
	page_set(r, "Mail.Number", ticket_number_str(&r->arena, tid));
	page_setf(r, "Mail.Link", "%s/tickets/%s", r->app->conf.base_url,
	    ticket_number_str(&r->arena, tid));
	page_set(r, "Mail.Kind", kind);
	if (mail_page(r, db_cell(res, 0, 0), lang, "ticket", arena_printf(&r->arena,
	    "mail.ticket.subject_%s", kind)) < 0)
		log_warn("could not queue the %s mail for ticket %lld", kind, tid);
	hdf_remove_tree(r->hdf, "Mail");
}

void
tmail_notify_staff(struct req *r, long long tid, long long author, const char *body)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT u.id, u.email, u.name, u.language, t.subject, q.name"
	    " FROM tickets t JOIN users q ON q.id = t.requester_id"
	    " JOIN users u ON u.active = 1 AND u.id <> ?"
	    "  AND (FIND_IN_SET('agent', u.roles) OR FIND_IN_SET('admin', u.roles))"
	    "  AND (u.id = t.assignee_id OR (t.assignee_id IS NULL AND u.id IN"
	    "   (SELECT ug.user_id FROM user_groups ug WHERE ug.group_id = t.group_id)))"
	    " WHERE t.id = ? ORDER BY u.id LIMIT 50", "ii", author, tid);
	size_t i, n;
	char token[TMAIL_TOKEN_MAX];

	if (res == NULL)
		return;
	/* The text as it was written, cut to a few paragraphs. */
	n = strlen(body);
	if (n > 4000) {
		n = 4000;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < res->nrows; i++) {
		const char *lang = db_cell(res, i, 3);

		if (view_lang_index(lang) < 0)
			lang = r->lang;
		tmail_token(r->app->hmac_key, tid, strtoll(db_cell(res, i, 0), NULL, 10), token);
		page_set(r, "Mail.ReplyToken", token);
		page_set(r, "Mail.Name", db_cell(res, i, 2));
		page_set(r, "Mail.TicketSubject", db_cell(res, i, 4));
		page_set(r, "Mail.Requester", db_cell(res, i, 5));
		page_set(r, "Mail.Body", arena_strndup(&r->arena, body, n));
		page_int(r, "Mail.Cut", n < strlen(body));
		page_setf(r, "Mail.SubjectPrefix", "[%s] ", ticket_number_str(&r->arena, tid));
		page_set(r, "Mail.Number", ticket_number_str(&r->arena, tid));
		page_setf(r, "Mail.Link", "%s/tickets/%s", r->app->conf.base_url,
		    ticket_number_str(&r->arena, tid));
		if (mail_page(r, db_cell(res, i, 1), lang, "ticket_staff", "mailin.staff.subject") < 0)
			log_warn("could not queue the staff mail for ticket %lld", tid);
		hdf_remove_tree(r->hdf, "Mail");
	}
}
