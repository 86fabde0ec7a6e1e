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
#define TSLA_RECOMPUTE_BATCH 500     /* tickets recomputed per transaction */
#define TSLA_RECOMPUTE_WINDOW 5000   /* ticket ids read per recompute batch */
#define TSLA_RECOMPUTE_BATCHES 40    /* batches per worker step at most */
#define TSLA_RECOMPUTE_SECONDS 5     /* and no new batch after this long (mail waits) */

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

/* Due times follow changes of the calendars and targets. Mark the open
 * tickets of the priorities in mask (bit p-1 for priority p) for the worker
 * to recompute, starting over from the first ticket: one row written, so the
 * admin's save stays fast; call it in the transaction of the change. 0 or -1. */
int tsla_recompute_mark(struct db *db, long long mask);
/* The same for the priorities whose target counts on calendar cal (none:
 * nothing marked). 0 or -1. */
int tsla_recompute_calendar(struct db *db, long long cal);
/* 1 while marked tickets still wait for their new due times, with how far
 * the worker got (0..99, by ticket ids) in *percent; 0 when none, -1 on a
 * database error. */
int tsla_recompute_pending(struct db *db, struct arena *a, int *percent);
/* Recompute the due times of marked tickets whose clocks run (new, open,
 * pending) in at most TSLA_RECOMPUTE_BATCHES batches started within
 * TSLA_RECOMPUTE_SECONDS, with the same rules as
 * a priority change, and clear the mark once past the last ticket. Tickets
 * changed meanwhile are left to their own change. Returns the number of
 * tickets whose due times moved, or -1 on a database failure. Part of
 * tsla_worker_step. */
int tsla_recompute_step(struct tsla *s);

/* 1 if the folded text of hay holds one of the comma-separated words or
 * phrases of list as whole words (accents and case ignored). */
int tsla_words_match(struct arena *a, const char *hay, const char *list);

#endif
