/* tsla.h - service levels of tickets in the database: due times from the
 * policy of the ticket's priority, the resolution clock paused while the
 * ticket waits for the requester, and the escalation rules (at creation and
 * before or after a due time), with history entries and notification mail.
 * Used by the tickets program (on every change) and by `ventanilla worker`. */
#ifndef VT_TSLA_H
#define VT_TSLA_H

#include <time.h>

#include "conf.h"
#include "db.h"
#include "sla.h"
#include "view.h"

#define TSLA_MAX_RULES 200     /* rules read per pass */
#define TSLA_MAX_WORDS 500     /* bytes of a rule's word list */
#define TSLA_BATCH 500         /* tickets handled per worker step */

/* Who and when, for one piece of SLA work. */
struct tsla {
	struct db *db;              /* connection (inside the caller's transaction or not) */
	struct arena *a;            /* scratch memory for results */
	struct view *view;          /* templates for notification mail; NULL = no mail */
	const struct conf *conf;    /* base_url and site name for mail */
	time_t now;                 /* the clock (fixed in tests) */
	long long actor;            /* user whose change this follows; 0 = the system */
	int escalated;              /* rules applied by the last calls (counter) */
};

/* Load calendar id into c (time zone, hours, holidays). 0, 1 if there is no
 * such calendar, -1 on a database error. */
int tsla_calendar(struct db *db, struct arena *a, long long id, struct sla_cal *c);

/* Bring ticket tid's SLA state up to date after a change: the due times for
 * its priority (from its creation, plus the business time it stood paused),
 * the pause while it is pending, solved or closed, and, the first time (a new
 * ticket), the "created" escalation rules. Call it inside the transaction
 * that changed the ticket. 0 or -1. */
int tsla_sync(struct tsla *s, long long tid);

/* One worker step: sync tickets that others changed without it (new ones
 * from other channels, leaving "pending"), then apply the time rules to
 * tickets due or about to be. Each rule acts once per ticket. Returns the
 * number of rules applied, or -1 on a database failure. */
int tsla_worker_step(struct tsla *s);

/* 1 if the folded text of hay holds one of the comma-separated words or
 * phrases of list as whole words (accents and case ignored). */
int tsla_words_match(struct arena *a, const char *hay, const char *list);

#endif
