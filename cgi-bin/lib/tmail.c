/* tmail.c - reply tokens for ticket mail, and the notifications of a
 * ticket's requester and of its staff. */
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

size_t
tmail_tokens(const unsigned char key[32], const char *s, struct tmail_tok *out, size_t max,
    int *seen)
{
	const char *p;
	size_t n = 0;

	*seen = 0;
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
		*seen = 1;
		tmail_token(key, t, u, want);
		if (sodium_memcmp(want + strlen(want) - TMAIL_MAC_HEX, got, TMAIL_MAC_HEX) != 0)
			continue;
		/* Each (ticket, person) once: a thread repeats the same token. */
		for (i = 0; i < n && (out[i].tid != t || out[i].uid != u); i++)
			;
		if (i == n && n < max) {
			out[n].tid = t;
			out[n].uid = u;
			n++;
		}
	}
	return n;
}

int
tmail_token_find(const unsigned char key[32], const char *s, long long *tid, long long *uid)
{
	struct tmail_tok tok;
	int seen;

	if (tmail_tokens(key, s, &tok, 1, &seen) == 1) {
		*tid = tok.tid;
		*uid = tok.uid;
		return 1;
	}
	return seen ? -1 : 0;
}

void
tmail_token_complete(const unsigned char key[32], const char *stored, char out[TMAIL_TOKEN_MAX])
{
	const char *q = stored;
	long long t, u;

	if ((t = tagged_number(&q, 't')) > 0 && (u = tagged_number(&q, 'u')) > 0 && *q == '\0')
		tmail_token(key, t, u, out);
	else
		snprintf(out, TMAIL_TOKEN_MAX, "%s", stored);
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

/* Render the staff mail of Mail.* in lang and queue it, in one statement,
 * to every staff member of ticket tid whose language is lang (or, for the
 * site's language, who chose none): the assignee, or the agents of the team
 * while nobody is assigned, never skip1 or skip2 (the writer, the
 * requester). At most max rows; the number queued, or -1. */
static long long
staff_queue(struct req *r, long long tid, long long skip1, long long skip2, const char *lang,
    long long max)
{
	struct buf text = { 0 }, html = { 0 };
	const char *subject = arena_printf(&r->arena, "%s%s",
	    hdf_get_value(r->hdf, "Mail.SubjectPrefix", ""), view_text(&r->app->view, lang,
	    strcmp(hdf_get_value(r->hdf, "Mail.Kind", ""), "new") == 0 ?
	    "mailin.staff.new_subject" : "mailin.staff.subject"));
	char known[VIEW_NLANG * 3 + 1] = "";
	const char *topic;
	long long n = -1;
	size_t i;

	for (i = 0; i < VIEW_NLANG; i++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s",
		    i > 0 ? "," : "", view_langs[i]);
	text.max = html.max = 1 << 20;
	page_set(r, "Mail.Subject", subject);
	page_set(r, "Mail.Lang", lang);
	page_set(r, "Site.Name", r->app->conf.site_name);
	page_set(r, "Mail.BaseUrl", r->app->conf.base_url);
	topic = hdf_get_valuef(r->hdf, "Mail.Topics.%s", lang);
	page_set(r, "Mail.Topic", topic != NULL ? topic : "");
	/* The reply token is finished by the worker (tmail_token_complete): the
	 * MAC needs the secret, which never goes to the database. */
	if (view_render(&r->app->view, "mail/ticket_staff.txt.cs", r->hdf, lang, &text) == 0 &&
	    view_render(&r->app->view, "mail/ticket_staff.html.cs", r->hdf, lang, &html) == 0)
		n = db_exec(r->db, "INSERT INTO outbox (to_addr, subject, body_text, body_html,"
		    " reply_token) SELECT u.email, ?, ?, ?, CONCAT('t', t.id, 'u', u.id)"
		    " FROM tickets t JOIN users u ON u.active = 1 AND u.id <> ? AND u.id <> ?"
		    "  AND (FIND_IN_SET('agent', u.roles) OR FIND_IN_SET('admin', u.roles))"
		    "  AND (u.id = t.assignee_id OR (t.assignee_id IS NULL AND u.id IN"
		    "   (SELECT ug.user_id FROM user_groups ug WHERE ug.group_id = t.group_id)))"
		    " WHERE t.id = ? AND (u.language = ? OR (? = 1 AND FIND_IN_SET(u.language, ?) = 0))"
		    " ORDER BY u.id LIMIT ?", "sssiiisisi", subject, buf_str(&text), buf_str(&html),
		    skip1, skip2, tid, lang,
		    (long long)(strcmp(lang, r->app->conf.default_language) == 0), known, max);
	buf_free(&text);
	buf_free(&html);
	return n;
}

/* Queue the staff mail of kind (new, reply) about ticket tid, with body,
 * to the staff of the ticket in their languages; author is never told. */
static void
staff_mail(struct req *r, long long tid, long long author, const char *kind, const char *body)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT t.subject, q.name, t.requester_id, t.assignee_id IS NOT NULL, t.channel,"
	    " COALESCE(g.name, ''), COALESCE(c.name_en, ''), COALESCE(c.name_es, '')"
	    " FROM tickets t JOIN users q ON q.id = t.requester_id"
	    " LEFT JOIN `groups` g ON g.id = t.group_id"
	    " LEFT JOIN ticket_categories c ON c.id = t.category_id WHERE t.id = ?", "i", tid);
	long long queued = 0, requester;
	size_t i, n;

	if (res == NULL || res->nrows == 0)
		return;
	requester = strtoll(db_cell(res, 0, 2), NULL, 10);
	/* The text as it was written, cut to a few paragraphs. */
	n = strlen(body);
	if (n > 4000) {
		n = 4000;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	page_set(r, "Mail.Kind", kind);
	page_set(r, "Mail.TicketSubject", db_cell(res, 0, 0));
	page_set(r, "Mail.Requester", db_cell(res, 0, 1));
	page_int(r, "Mail.ToAssignee", strcmp(db_cell(res, 0, 3), "1") == 0);
	page_set(r, "Mail.Channel", db_cell(res, 0, 4));
	page_set(r, "Mail.Team", db_cell(res, 0, 5));
	page_set(r, "Mail.Topics.en", db_cell(res, 0, 6));
	page_set(r, "Mail.Topics.es", db_cell(res, 0, 7));
	page_set(r, "Mail.Body", arena_strndup(&r->arena, body, n));
	page_int(r, "Mail.Cut", n < strlen(body));
	page_setf(r, "Mail.SubjectPrefix", "[%s] ", ticket_number_str(&r->arena, tid));
	page_set(r, "Mail.Number", ticket_number_str(&r->arena, tid));
	page_setf(r, "Mail.Link", "%s/tickets/%s", r->app->conf.base_url,
	    ticket_number_str(&r->arena, tid));
	/* One rendering and one statement per language, however large the team. */
	for (i = 0; i < VIEW_NLANG && queued < TMAIL_STAFF_MAX; i++) {
		long long k = staff_queue(r, tid, author, requester, view_langs[i],
		    TMAIL_STAFF_MAX - queued);

		if (k < 0) {
			log_warn("could not queue the staff mail (%s) for ticket %lld", kind, tid);
			break;
		}
		queued += k;
	}
	if (queued >= TMAIL_STAFF_MAX)
		log_warn("ticket %lld: the staff mail (%s) went to the first %d people of the team only",
		    tid, kind, TMAIL_STAFF_MAX);
	hdf_remove_tree(r->hdf, "Mail");
}

void
tmail_notify_staff(struct req *r, long long tid, long long author, const char *body)
{
	staff_mail(r, tid, author, "reply", body);
}

void
tmail_notify_staff_new(struct req *r, long long tid, long long author)
{
	/* Only the public description: nothing an agent of the team may not read. */
	struct db_res *res = db_query(r->db, &r->arena, "SELECT body FROM ticket_messages"
	    " WHERE ticket_id = ? AND kind = 'public' ORDER BY id LIMIT 1", "i", tid);

	if (res == NULL)
		return;
	staff_mail(r, tid, author, "new", res->nrows > 0 ? db_cell(res, 0, 0) : "");
}
