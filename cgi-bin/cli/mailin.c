/* mailin.c - `ventanilla mail-in`: the MTA hands over one message on standard
 * input; a reply with a valid token becomes a public message on its ticket, a
 * mail without one from a known person opens a ticket, anything else gets a
 * clear answer (or, for automatic mail, is only logged). One row in
 * mail_in_log per message, all writes in one transaction. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tickets/tickets.h"
#include "auth.h"
#include "cli.h"
#include "log.h"
#include "mail.h"
#include "mime.h"
#include "page.h"
#include "parse.h"
#include "sess.h"
#include "tmail.h"
#include "upload.h"
#include "webhook.h"

#define EX_TEMPFAIL 75            /* sysexits.h: the MTA keeps the message and retries */
#define MAILIN_BOUNCES_PER_HOUR 5 /* answers to one address, so two robots cannot loop */
#define MAILIN_HEADER_PEEK 65536  /* bytes of an oversized message read for its headers */
#define MAILIN_TOKENS 16          /* distinct valid reply tokens one message is checked for */

/* One incoming message and what becomes of it. */
struct in {
	struct cli *c;             /* configuration and connection */
	struct req *r;             /* a request-shaped context for the mail templates */
	struct mime_msg *m;        /* the parsed message */
	size_t size;               /* bytes received */
	int too_large;             /* over mail.incoming_max_bytes */
	const char *msgid;         /* Message-ID as written ("" if none) */
	char msgid_hash[65];       /* its SHA-256 in hex, "" if none */
	const char *from;          /* sender address, lowercased, or NULL */
	const char *to;            /* first To address, or "" */
	const char *subject;       /* decoded subject, one line */
	long long logid;           /* this message's mail_in_log row */
	/* Outcome */
	const char *outcome;       /* reply, new_ticket, bounced, ignored, duplicate */
	const char *reason;        /* why, for bounced and ignored */
	long long ticket;          /* ticket touched, 0 = none */
	long long user;            /* who wrote, 0 = unknown */
	const char *lang;          /* the writer's language, "" = unknown */
	const char *link;          /* what the answer points to */
	const char *several;       /* "T-000001, T-000002": the requests a refused mail answers */
	const char *skipped[MIME_MAX_ATTACHMENTS]; /* attachments not stored */
	size_t nskipped;           /* entries in skipped */
};

/* Cut s to at most max bytes on a character boundary, on one line. */
static char *
one_line(struct arena *a, const char *s, size_t max)
{
	char *t = arena_strdup(a, s != NULL ? s : "");
	size_t n, i;

	for (i = 0; t[i] != '\0'; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			t[i] = ' ';
	while (*t == ' ')
		t++;
	n = strlen(t);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--;
		t[n] = '\0';
	}
	while (n > 0 && t[n - 1] == ' ')
		t[--n] = '\0';
	return t;
}

/* Cut text to at most max characters on a line or character boundary. */
static const char *
cut_chars(struct arena *a, const char *s, size_t max)
{
	size_t chars = 0, i;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max - 2) {
			char *t = arena_strndup(a, s, i);

			return arena_printf(a, "%s\n\xe2\x80\xa6", t);
		}
	}
	return s;
}

/* ------------------------------------------------------------ answers */

/* Queue a plain-text answer to the sender: the reason in their language, or
 * in both languages when we do not know them. */
static int
answer(struct in *x, const char *reason)
{
	struct req *r = x->r;
	struct buf text = { 0 };
	const char *langs[2];
	size_t nlang = 0, i;
	struct buf subject = { 0 };
	int rc = 0;

	if (view_lang_index(x->lang) >= 0)
		langs[nlang++] = x->lang;
	else {
		langs[nlang++] = "en";
		langs[nlang++] = "es";
	}
	text.max = subject.max = 1 << 20;
	page_set(r, "Mail.Reason", reason);
	page_set(r, "Mail.Link", x->link);
	page_set(r, "Mail.Several", x->several);
	page_set(r, "Mail.OrigSubject", x->subject);
	page_int(r, "Mail.MaxMb", (long long)((x->c->conf.mail_in_max + (1 << 20) - 1) >> 20));
	page_set(r, "Site.Name", x->c->conf.site_name);
	for (i = 0; i < x->nskipped; i++)
		page_set(r, arena_printf(&r->arena, "Mail.Skipped.%lu", (unsigned long)i), x->skipped[i]);
	for (i = 0; i < nlang && rc == 0; i++) {
		if (i > 0) {
			buf_puts(&text, "\n----------------------------------------\n\n");
			buf_puts(&subject, " / ");
		}
		page_set(r, "Mail.Lang", langs[i]);
		buf_puts(&subject, view_text(&r->app->view, langs[i], strcmp(reason, "files_skipped") == 0 ?
		    "mailin.files_subject" : "mailin.bounce_subject"));
		rc = view_render(&r->app->view, "mail/mailin.txt.cs", r->hdf, langs[i], &text);
	}
	if (rc == 0)
		rc = mail_queue(r->db, x->from, buf_str(&subject), buf_str(&text), "");
	hdf_remove_tree(r->hdf, "Mail");
	buf_free(&text);
	buf_free(&subject);
	return rc;
}

/* Refuse the message with a mail to the sender; robots that keep writing
 * get no more than a few answers an hour. 0 or -1. */
static int
bounce(struct in *x, const char *reason)
{
	struct db_res *res = db_query(x->r->db, &x->r->arena, "SELECT COUNT(*) FROM mail_in_log"
	    " WHERE from_addr = ? AND outcome = 'bounced' AND received_at > NOW() - INTERVAL 1 HOUR",
	    "s", x->from);

	if (res == NULL)
		return -1;
	x->reason = reason;
	if (db_scalar(res, 0) >= MAILIN_BOUNCES_PER_HOUR) {
		x->outcome = "ignored";
		x->reason = "bounce_limit";
		return 0;
	}
	x->outcome = "bounced";
	/* Where to go instead: the request when the writer may see it, else the
	 * form for newcomers, else their list of requests. */
	if (x->link == NULL)
		x->link = arena_printf(&x->r->arena, "%s/tickets/%s", x->c->conf.base_url,
		    strcmp(reason, "unknown_sender") == 0 ? "new" : "");
	return answer(x, reason);
}

/* ------------------------------------------------------------ checks */

/* Why the message was written by a machine (an auto-reply, a list, a bounce,
 * our own mail coming back), or NULL when a person wrote it. */
static const char *
automatic(struct in *x)
{
	const char *v = mime_header(x->m, "Auto-Submitted");
	const char *sender = getenv("SENDER");
	char own[300], sup[300];
	const char *rp;

	if (v != NULL && !(strncasecmp(v, "no", 2) == 0 && !isalnum((unsigned char)v[2])))
		return "auto_reply";
	if (mime_header(x->m, "X-Autoreply") != NULL || mime_header(x->m, "X-Autorespond") != NULL)
		return "auto_reply";
	v = mime_header(x->m, "Precedence");
	if (v != NULL && (strncasecmp(v, "bulk", 4) == 0 || strncasecmp(v, "junk", 4) == 0 ||
	    strncasecmp(v, "list", 4) == 0))
		return "bulk";
	/* The envelope sender: from the MTA's environment, else Return-Path. */
	rp = sender != NULL ? sender : mime_header(x->m, "Return-Path");
	if (rp != NULL) {
		char *addr = mime_address(&x->r->arena, rp);

		if (addr == NULL || strncasecmp(addr, "mailer-daemon@", 14) == 0)
			return "null_sender";
	}
	if (x->from == NULL)
		return "no_sender";
	if (strncasecmp(x->from, "mailer-daemon@", 14) == 0 ||
	    strncasecmp(x->from, "postmaster@", 11) == 0)
		return "null_sender";
	/* Our own mail coming back. */
	mail_address(x->c->conf.mail_from, own, sizeof(own));
	tmail_support_address(&x->c->conf, sup, sizeof(sup));
	{
		const char *at = strrchr(x->from, '@'), *sat = strrchr(sup, '@');
		size_t local = at != NULL ? (size_t)(at - x->from) : 0;

		if (strcasecmp(x->from, own) == 0 || strcasecmp(x->from, sup) == 0)
			return "loop";
		/* support+anything@domain */
		if (at != NULL && sat != NULL && strcasecmp(at, sat) == 0 &&
		    local > (size_t)(sat - sup) && strncasecmp(x->from, sup, (size_t)(sat - sup)) == 0 &&
		    x->from[sat - sup] == '+')
			return "loop";
	}
	return NULL;
}

/* Every place a reply token may be: the MTA's recipient, the address
 * headers, and the Message-IDs the reply refers to. */
static char *
token_places(struct in *x)
{
	static const char *const envs[] = { "EXTENSION", "ORIGINAL_RECIPIENT", "RECIPIENT", NULL };
	static const char *const hdrs[] = { "Delivered-To", "X-Original-To", "To", "Cc",
		"In-Reply-To", "References", NULL };
	struct buf b = { 0 };
	size_t i;
	char *s;

	b.max = 1 << 20;
	for (i = 0; envs[i] != NULL; i++)
		if (getenv(envs[i]) != NULL)
			buf_printf(&b, " %s", getenv(envs[i]));
	for (i = 0; i < x->m->nheaders; i++) {
		size_t k;

		for (k = 0; hdrs[k] != NULL; k++)
			if (strcasecmp(x->m->headers[i].name, hdrs[k]) == 0)
				buf_printf(&b, " %s", x->m->headers[i].value);
	}
	s = arena_strdup(&x->r->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Which attachments may be stored: the web's limits and type sniffing.
 * Real attachments come before inline images (logos in signatures). Fills
 * keep[] with indexes; names of the refused into x->skipped. */
static size_t
choose_files(struct in *x, size_t *keep)
{
	size_t n = 0, pass, i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < x->m->natts; i++) {
			const struct mime_att *at = &x->m->atts[i];

			if (at->inline_part != (int)pass || at->len == 0)
				continue;
			if (n < TICKET_MAX_FILES && at->len <= TICKET_MAX_FILE &&
			    upload_type(at->data, at->len) != NULL)
				keep[n++] = i;
			else if (!at->inline_part && x->nskipped < MIME_MAX_ATTACHMENTS)
				x->skipped[x->nskipped++] = at->filename;
		}
	}
	if (x->m->atts_dropped > 0 && x->nskipped < MIME_MAX_ATTACHMENTS)
		x->skipped[x->nskipped++] = "\xe2\x80\xa6";
	return n;
}

static int
save_files(struct in *x, long long tid, long long mid, const size_t *keep, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mime_att *at = &x->m->atts[keep[i]];

		if (db_exec(x->r->db, "INSERT INTO ticket_files (ticket_id, message_id, filename,"
		    " content_type, size, data, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "iissibi", tid, mid, at->filename, upload_type(at->data, at->len),
		    (long long)at->len, at->data, at->len, x->user) < 0)
			return -1;
	}
	return 0;
}

/* The markers of the notification mails in every language. */
static const char *const *
markers(struct in *x)
{
	const char **m = arena_alloc(&x->r->arena, sizeof(char *) * (VIEW_NLANG + 1));
	size_t i;

	for (i = 0; i < VIEW_NLANG; i++)
		m[i] = view_text(&x->r->app->view, view_langs[i], "mailin.marker");
	m[VIEW_NLANG] = NULL;
	return m;
}

/* ------------------------------------------------------------ the two paths */

/* What the sender may do with the token of (tid, uid). */
struct grant {
	const char *why;      /* NULL: they may reply; else the reason to refuse */
	int owner;            /* the mail comes from the token's person */
	const char *lang;     /* that person's language (when owner) */
	int staff_reply;      /* they write as staff, not as the requester */
	const char *status;   /* the ticket's status (when why is NULL) */
};

/* Check the token of (tid, uid) against the sender without changing
 * anything: the person, the address, the account, the rights on the ticket.
 * 0 with *g filled, or -1. */
static int
grant_of(struct in *x, long long tid, long long uid, struct grant *g)
{
	struct req *r = x->r;
	struct db_res *u, *t;
	long long requester;
	int staff_on_ticket;
	unsigned roles;

	memset(g, 0, sizeof(*g));
	u = db_query(r->db, &r->arena, "SELECT email, language, active, roles FROM users"
	    " WHERE id = ?", "i", uid);
	t = db_query(r->db, &r->arena, "SELECT t.requester_id, t.status,"
	    " (t.assignee_id = ? OR t.group_id IN (SELECT ug.group_id FROM user_groups ug"
	    "  WHERE ug.user_id = ?)) FROM tickets t WHERE t.id = ?", "iii", uid, uid, tid);
	if (u == NULL || t == NULL)
		return -1;
	if (u->nrows == 0 || t->nrows == 0) {
		g->why = "bad_token";
		return 0;
	}
	/* The token is for one person: the mail must come from their address. */
	if (strcasecmp(db_cell(u, 0, 0), x->from) != 0) {
		g->why = "not_allowed";
		return 0;
	}
	g->owner = 1;
	g->lang = db_cell(u, 0, 1);
	if (strcmp(db_cell(u, 0, 2), "1") != 0) {
		g->why = "disabled";
		return 0;
	}
	roles = sess_roles(db_cell(u, 0, 3));
	requester = strtoll(db_cell(t, 0, 0), NULL, 10);
	/* Staff of the ticket: an admin, or an agent who is its assignee or in its
	 * team (an assignee who is no longer an agent keeps no right to write). */
	staff_on_ticket = (roles & ROLE_ADMIN) || ((roles & ROLE_AGENT) &&
	    db_cell(t, 0, 2) != NULL && strcmp(db_cell(t, 0, 2), "1") == 0);
	if (uid != requester && !staff_on_ticket) {
		g->why = "not_allowed";
		return 0;
	}
	g->staff_reply = uid != requester;
	g->status = db_cell(t, 0, 1);
	if (!g->staff_reply && strcmp(g->status, "closed") == 0)
		g->why = "closed";
	return 0;
}

/* A reply carrying the token of (tid, uid). 0 or -1. */
static int
reply(struct in *x, long long tid, long long uid)
{
	struct req *r = x->r;
	struct grant g;
	const char *body, *old, *new_status;
	size_t keep[TICKET_MAX_FILES], nkeep;
	long long mid;
	int staff_reply;

	if (grant_of(x, tid, uid, &g) < 0)
		return -1;
	if (g.owner) {
		x->link = arena_printf(&r->arena, "%s/tickets/T-%06lld", x->c->conf.base_url, tid);
		x->user = uid;
		x->lang = g.lang;
	}
	if (g.why != NULL)
		return bounce(x, g.why);
	staff_reply = g.staff_reply;
	old = g.status;
	body = mime_strip_reply(&r->arena, x->m->text, markers(x));
	nkeep = choose_files(x, keep);
	if (*body == '\0' && nkeep == 0)
		return bounce(x, "empty");
	body = cut_chars(&r->arena, body, TICKET_MAX_BODY);
	/* The same status rules as a reply on the web. */
	new_status = old;
	if (staff_reply && strcmp(old, "new") == 0)
		new_status = "open";
	else if (!staff_reply && (strcmp(old, "pending") == 0 || strcmp(old, "resolved") == 0))
		new_status = "open";
	if (db_exec(r->db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
	    " VALUES (?, ?, 'public', ?)", "iis", tid, uid, body) < 0)
		return -1;
	mid = (long long)db_insert_id(r->db);
	if (save_files(x, tid, mid, keep, nkeep) < 0)
		return -1;
	if (db_exec(r->db, "UPDATE tickets SET updated_at = UTC_TIMESTAMP(),"
	    " resolved_at = IF(? IN ('new', 'open', 'pending'), NULL, resolved_at), status = ?,"
	    " first_response_at = IF(? = 1, COALESCE(first_response_at, UTC_TIMESTAMP()),"
	    "  first_response_at) WHERE id = ?", "ssii", new_status, new_status,
	    (long long)staff_reply, tid) < 0)
		return -1;
	if (strcmp(old, new_status) != 0 &&
	    db_exec(r->db, "INSERT INTO ticket_events (ticket_id, actor_id, what, old_value,"
	    " new_value) VALUES (?, ?, 'status', ?, ?)", "iiss", tid, uid, old, new_status) < 0)
		return -1;
	if (webhook_ticket(r->db, tid, "ticket.updated") < 0)
		return -1;
	/* As a reply on the web: the requester hears from staff, staff from the requester. */
	if (staff_reply)
		tmail_notify(r, tid, "reply");
	else
		tmail_notify_staff(r, tid, uid, body);
	x->outcome = "reply";
	x->ticket = tid;
	if (x->nskipped > 0 && answer(x, "files_skipped") < 0)
		return -1;
	return 0;
}

/* A mail carrying n valid tokens. Tokens the sender may not use (someone
 * else's, a ticket they have no rights on, a closed one) are passed over
 * when another one is good. Good tokens of one ticket: a reply to it; of
 * several: refused, one request at a time. None good: the refusal of the
 * first. 0 or -1. */
static int
reply_any(struct in *x, const struct tmail_tok *tok, size_t n)
{
	struct req *r = x->r;
	struct grant g;
	size_t i, good = n, other = n;

	for (i = 0; i < n && n > 1; i++) {
		if (grant_of(x, tok[i].tid, tok[i].uid, &g) < 0)
			return -1;
		if (g.why != NULL)
			continue;
		if (good == n)
			good = i;
		else if (tok[i].tid != tok[good].tid && other == n)
			other = i;
	}
	if (other < n) {
		struct db_res *u = db_query(r->db, &r->arena, "SELECT id, language FROM users"
		    " WHERE email = ?", "s", x->from);
		struct buf list = { 0 };

		if (u == NULL)
			return -1;
		if (u->nrows > 0) {
			x->user = strtoll(db_cell(u, 0, 0), NULL, 10);
			x->lang = db_cell(u, 0, 1);
		}
		/* Only the requests the sender may write on: they can see those. */
		list.max = 4096;
		for (i = 0; i < n; i++) {
			size_t k;

			for (k = 0; k < i && tok[k].tid != tok[i].tid; k++)
				;
			if (k < i || grant_of(x, tok[i].tid, tok[i].uid, &g) < 0 || g.why != NULL)
				continue;
			buf_printf(&list, "%sT-%06lld", list.len > 0 ? ", " : "", tok[i].tid);
		}
		x->several = arena_strdup(&r->arena, buf_str(&list));
		buf_free(&list);
		return bounce(x, "several_tickets");
	}
	if (good < n)
		return reply(x, tok[good].tid, tok[good].uid);
	return reply(x, tok[0].tid, tok[0].uid);
}

/* A mail to the plain support address: a new ticket for a known person. */
static int
new_ticket(struct in *x)
{
	struct req *r = x->r;
	struct db_res *u, *cat;
	const char *body, *subject;
	size_t keep[TICKET_MAX_FILES], nkeep;
	long long tid, mid;

	u = db_query(r->db, &r->arena, "SELECT id, language, active FROM users WHERE email = ?",
	    "s", x->from);
	if (u == NULL)
		return -1;
	if (u->nrows == 0)
		return bounce(x, "unknown_sender");
	x->user = strtoll(db_cell(u, 0, 0), NULL, 10);
	x->lang = db_cell(u, 0, 1);
	if (strcmp(db_cell(u, 0, 2), "1") != 0)
		return bounce(x, "disabled");
	/* Only a signature goes: the rest (a forwarded mail too) is the request. */
	body = mime_cut_signature(&r->arena, x->m->text);
	nkeep = choose_files(x, keep);
	while (*body == '\n' || *body == ' ')
		body++;
	if (*body == '\0' && nkeep == 0)
		return bounce(x, "empty");
	if (*body == '\0')
		body = x->subject;
	body = cut_chars(&r->arena, body, TICKET_MAX_BODY);
	subject = x->subject;
	if (*subject == '\0')
		subject = one_line(&r->arena, body, 80);
	subject = one_line(&r->arena, subject, 200);
	if (*subject == '\0')
		subject = view_text(&r->app->view, view_lang_index(x->lang) >= 0 ? x->lang : "en",
		    "mailin.no_subject");
	/* The topic: the configured one, else the first of the web form. */
	cat = db_query(r->db, &r->arena, "SELECT id FROM ticket_categories WHERE active = 1"
	    " ORDER BY slug = ? DESC, position, id LIMIT 1", "s", x->c->conf.mail_category);
	if (cat == NULL)
		return -1;
	if (db_exec(r->db, "INSERT INTO tickets (requester_id, category_id, group_id, subject,"
	    " status, priority, impact, urgency, channel)"
	    " VALUES (?, ?, (SELECT c.group_id FROM ticket_categories c WHERE c.id = ?), ?, 'new',"
	    " COALESCE((SELECT m.priority FROM priority_matrix m WHERE m.impact = 3"
	    "  AND m.urgency = 3), 3), 3, 3, 'email')", "isss", x->user, db_cell(cat, 0, 0),
	    db_cell(cat, 0, 0), subject) != 1)
		return -1;
	tid = (long long)db_insert_id(r->db);
	if (db_exec(r->db, "INSERT INTO ticket_messages (ticket_id, author_id, kind, body)"
	    " VALUES (?, ?, 'public', ?)", "iis", tid, x->user, body) < 0)
		return -1;
	mid = (long long)db_insert_id(r->db);
	if (save_files(x, tid, mid, keep, nkeep) < 0)
		return -1;
	if (db_exec(r->db, "INSERT INTO ticket_events (ticket_id, actor_id, what, old_value,"
	    " new_value) VALUES (?, ?, 'created', '', 'new')", "ii", tid, x->user) < 0)
		return -1;
	if (webhook_ticket(r->db, tid, "ticket.created") < 0)
		return -1;
	audit_db(r->db, x->user, "ticket.create", arena_printf(&r->arena, "T-%06lld", tid),
	    subject, "mail");
	tmail_notify(r, tid, "new");
	tmail_notify_staff_new(r, tid, x->user);
	x->outcome = "new_ticket";
	x->ticket = tid;
	x->link = arena_printf(&r->arena, "%s/tickets/T-%06lld", x->c->conf.base_url, tid);
	if (x->nskipped > 0 && answer(x, "files_skipped") < 0)
		return -1;
	return 0;
}

/* Decide and do everything for one message, inside db_tx. */
static int
handle_tx(struct db *db, void *ctx)
{
	struct in *x = ctx;
	const char *why;
	struct tmail_tok tok[MAILIN_TOKENS];
	size_t ntok = 0;
	int seen = 0, rc;

	x->outcome = "ignored";
	x->reason = "";
	x->ticket = x->user = 0;
	x->lang = "";
	x->link = NULL;
	x->several = "";
	x->nskipped = 0;
	if (db_exec(db, "INSERT INTO mail_in_log (message_id, msgid_hash, from_addr, to_addr,"
	    " subject, size, outcome) VALUES (?, NULLIF(?, ''), ?, ?, ?, ?, 'ignored')", "sssssi",
	    x->msgid, x->msgid_hash, x->from ? x->from : "", x->to, x->subject,
	    (long long)x->size) < 0) {
		if (!db_dup_key(db))
			return -1;
		/* The MTA delivered this one before: it was handled then. */
		x->outcome = "duplicate";
		return db_exec(db, "INSERT INTO mail_in_log (message_id, from_addr, to_addr, subject,"
		    " size, outcome) VALUES (?, ?, ?, ?, ?, 'duplicate')", "ssssi", x->msgid,
		    x->from ? x->from : "", x->to, x->subject, (long long)x->size) < 0 ? -1 : 0;
	}
	x->logid = (long long)db_insert_id(db);
	if ((why = automatic(x)) != NULL) {
		x->reason = why;
		rc = 0;
	} else if (x->too_large) {
		rc = bounce(x, "too_large");
	} else if ((ntok = tmail_tokens(x->r->app->hmac_key, token_places(x), tok, MAILIN_TOKENS,
	    &seen)) == 0 && seen) {
		rc = bounce(x, "bad_token");
	} else if (ntok > 0) {
		rc = reply_any(x, tok, ntok);
	} else {
		rc = new_ticket(x);
	}
	if (rc < 0)
		return -1;
	return db_exec(db, "UPDATE mail_in_log SET outcome = ?, reason = ?, ticket_id = NULLIF(?, 0),"
	    " user_id = NULLIF(?, 0) WHERE id = ?", "ssiii", x->outcome, x->reason, x->ticket,
	    x->user, x->logid) < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ the command */

/* Read standard input up to max bytes (the rest is read and dropped, so the
 * MTA is not cut off). *len bytes kept, *total bytes seen. Heap string. */
static char *
read_stdin(size_t max, size_t *len, size_t *total)
{
	size_t cap = 65536, n = 0, all = 0;
	char *s = xmalloc(cap + 1), scratch[65536];

	for (;;) {
		size_t k;

		if (n < max) {
			if (n == cap) {
				cap = cap * 2 > max ? max : cap * 2;
				s = xrealloc(s, cap + 1);
			}
			k = fread(s + n, 1, cap - n, stdin);
			n += k;
		} else {
			k = fread(scratch, 1, sizeof(scratch), stdin);
		}
		all += k;
		if (k == 0)
			break;
	}
	s[n] = '\0';
	*len = n;
	*total = all;
	return s;
}

static void
usage(void)
{
	printf("usage: ventanilla mail-in < message\n\n"
	    "Reads one e-mail message (RFC 5322, as the MTA delivers it) on standard input:\n"
	    "  - a reply to a ticket mail (its reply token in the address or the Message-ID)\n"
	    "    from the person it was sent to becomes a public reply on that ticket;\n"
	    "  - a mail without a token from a known, active user opens a new ticket;\n"
	    "  - anything else (unknown sender, bad token, disabled account, empty or too\n"
	    "    large message, more than mail.incoming_max_bytes) gets an answer by mail\n"
	    "    saying why and what to do; automatic mail (auto-replies, lists, bounces,\n"
	    "    our own mail) is only logged. A repeated Message-ID is taken once.\n"
	    "  - tokens of several requests the sender may write on are refused (reply to\n"
	    "    one request at a time); a token the sender may not use never wins over\n"
	    "    a good one.\n"
	    "Every message is recorded in mail_in_log. Exit status 0 when handled, 75\n"
	    "(temporary failure: the MTA retries) when the database cannot be reached.\n"
	    "Postfix: support: \"|/usr/local/bin/ventanilla mail-in\" with\n"
	    "recipient_delimiter = + (see INSTALL). Keys: mail.support_address,\n"
	    "mail.incoming_max_bytes, mail.default_category.\n");
}

int
cmd_mailin(struct cli *c, int argc, char **argv)
{
	struct app app;
	struct req r;
	struct in x;
	struct mime_msg *m;
	char *raw, err[512];
	size_t len, total;
	NEOERR *e;
	int rc;

	(void)argv;
	if (c == NULL || argc > 1) {
		usage();
		return c == NULL ? 0 : 2;
	}
	raw = read_stdin(c->conf.mail_in_max, &len, &total);
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.size = total;
	x.too_large = total > c->conf.mail_in_max;
	if (x.too_large) {
		/* Only the headers matter now. */
		log_warn("mail-in: message of %lu bytes refused (mail.incoming_max_bytes is %lu)",
		    (unsigned long)total, (unsigned long)c->conf.mail_in_max);
		if (len > MAILIN_HEADER_PEEK)
			len = MAILIN_HEADER_PEEK;
	}
	if (db_connect(&c->db) < 0) {
		log_err("mail-in: database not reachable; the MTA will retry");
		free(raw);
		return EX_TEMPFAIL;
	}
	memset(&app, 0, sizeof(app));
	app.name = "mail-in";
	app.conf = c->conf;   /* borrowed: never freed through app */
	crypto_hash_sha256(app.hmac_key, (const unsigned char *)c->conf.secret,
	    strlen(c->conf.secret));
	nerr_init();
	if (view_init(&app.view, c->conf.templates_dir, err, sizeof(err)) < 0) {
		log_err("mail-in: %s", err);
		free(raw);
		return EX_TEMPFAIL;
	}
	memset(&r, 0, sizeof(r));
	r.app = &app;
	r.db = &c->db;
	r.arena = c->arena;
	r.lang = c->conf.default_language;
	r.client_addr = "mail";
	e = hdf_init(&r.hdf);
	if (e != STATUS_OK) {
		view_nerr(e, "hdf_init");
		view_free(&app.view);
		free(raw);
		return EX_TEMPFAIL;
	}
	x.r = &r;
	m = arena_zalloc(&r.arena, sizeof(*m));
	x.m = m;
	if (mime_parse(&r.arena, raw, len, m) < 0) {
		/* No headers: nobody to answer. Logged, and taken (a retry would not help). */
		log_warn("mail-in: input without a header block ignored (%lu bytes)",
		    (unsigned long)total);
	}
	if (x.too_large) {
		m->text = "";
		m->natts = 0;
	}
	x.msgid = one_line(&r.arena, mime_header(m, "Message-ID"), 255);
	if (*x.msgid != '\0') {
		unsigned char h[32];

		crypto_hash_sha256(h, (const unsigned char *)x.msgid, strlen(x.msgid));
		sodium_bin2hex(x.msgid_hash, sizeof(x.msgid_hash), h, sizeof(h));
	}
	x.from = mime_address(&r.arena, mime_header(m, "From"));
	x.to = mime_address(&r.arena, mime_header(m, "To"));
	if (x.to == NULL)
		x.to = "";
	x.subject = one_line(&r.arena, mime_header_text(&r.arena, m, "Subject"), 250);
	rc = db_tx(&c->db, handle_tx, &x);
	if (rc != 0) {
		log_err("mail-in: database error (%s); the MTA will retry", c->db.errmsg);
		rc = EX_TEMPFAIL;
	} else {
		log_info("mail-in: %s from %s: %s%s%s", x.msgid[0] ? x.msgid : "(no Message-ID)",
		    x.from ? x.from : "(no sender)", x.outcome, x.reason[0] ? " " : "", x.reason);
		if (x.ticket > 0)
			log_info("mail-in: ticket T-%06lld", x.ticket);
	}
	hdf_destroy(&r.hdf);
	c->arena = r.arena;
	view_free(&app.view);
	free(raw);
	return rc;
}
