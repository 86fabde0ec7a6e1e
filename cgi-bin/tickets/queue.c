/* queue.c - the agents' work queue at scale: filters and order read through
 * indexes branch by branch (each of the agent's teams, what is assigned to
 * them; everything for admins), a capped count for the pager, saved views
 * and bulk changes of the selected tickets. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "tickets.h"
#include "webhook.h"

#define QUEUE_PER_PAGE 50
#define QUEUE_COUNT_CAP 1000   /* the pager counts this far ("1000+" beyond) */
#define QUEUE_TEAMS 4          /* teams read as separate index branches */
#define VIEW_MAX 50            /* saved views per agent */
#define VIEW_NAME_MAX 80       /* characters in a view's name */
#define BULK_MAX 100           /* tickets one bulk change may touch */

static const char *const q_states[] = { "active", "new", "open", "pending", "resolved",
	"closed", "all", NULL };
static const char *const q_whose[] = { "team", "mine", "unassigned", NULL };
static const char *const q_sorts[] = { "priority", "updated", "created", "due", NULL };
static const char *const q_dues[] = { "any", "overdue", "hour", "today", NULL };

/* The queue's filters, as chosen (query string, else the saved view, else defaults). */
struct qf {
	const char *state, *who, *sort, *q, *due;
	long long prio;
	long long view;          /* the saved view shown, 0 none */
};

/* The filters every branch applies, all parameters: the SQL text never
 * changes, and bound values fold into index ranges. QP is the text search:
 * QP_TEXT reads the subject; QP_NONE (no search) names no column outside
 * the covering indexes, so branches never read table rows. */
#define QF(QP) \
	" AND (? = 'all' OR (? = 'active' AND t.status IN ('new', 'open', 'pending'))" \
	"  OR t.status = ?)" \
	" AND (? <> 'mine' OR t.assignee_id = ?) AND (? <> 'unassigned' OR t.assignee_id IS NULL)" \
	" AND (? = 0 OR t.priority = ?) AND (? = 'any' OR (t.sla_next >= ? AND t.sla_next < ?))" QP
#define QP_TEXT " AND (t.subject LIKE ? OR t.id = ?)"
#define QP_NONE " AND ? = '' AND ? = 0"
#define QF_TYPES "sss" "sis" "ii" "sss" "si"
#define QF_ARGS f->state, f->state, f->state, f->who, uid, f->who, f->prio, f->prio, f->due, \
	due_lo, due_hi, qa, qid

/* Each branch returns candidate ids, read from a covering index named for
 * the order (the optimizer would rather take a narrower index and then read
 * thousands of rows): the branch needs no table rows unless q is given. */
#define QID(IX) "SELECT t.id FROM tickets t FORCE INDEX (" IX ")"
/* Agents: one branch per team (id 0 = unused); the teams past QUEUE_TEAMS
 * (flag) in one more; and what is assigned to them outside those teams (all
 * of it for "mine": flag 0). The branches never overlap, so UNION ALL. */
#define QMORE(IX, QP) QID(IX) " WHERE ? = 1 AND t.group_id IN (SELECT ug.group_id" \
	" FROM user_groups ug WHERE ug.user_id = ?) AND t.group_id NOT IN (?, ?, ?, ?)" QF(QP)
#define QMINE(QP) "SELECT t.id FROM tickets t FORCE INDEX (tickets_work_assignee," \
	" tickets_work_assignee_group) WHERE t.assignee_id = ? AND (? = 0 OR ((t.group_id IS NULL" \
	" OR t.group_id NOT IN (?, ?, ?, ?)) AND (? = 0 OR t.group_id NOT IN (SELECT ug.group_id" \
	" FROM user_groups ug WHERE ug.user_id = ?))))" QF(QP)
#define QREST_TYPES "iiiiii" QF_TYPES "i" "iiiiiiii" QF_TYPES "i"
#define QREST_ARGS more, uid, g[0], g[1], g[2], g[3], QF_ARGS, lim, uid, teams, g[0], g[1], g[2], \
	g[3], more, uid, QF_ARGS, lim
#define QTEAM(O, IX, QP) "(" QID(IX) " WHERE t.group_id = ?" QF(QP) " ORDER BY " O " LIMIT ?)"
#define QAGENT(O, IX, QP) QTEAM(O, IX, QP) " UNION ALL " QTEAM(O, IX, QP) " UNION ALL " \
	QTEAM(O, IX, QP) " UNION ALL " QTEAM(O, IX, QP) " UNION ALL (" QMORE(IX, QP) \
	" ORDER BY " O " LIMIT ?) UNION ALL (" QMINE(QP) " ORDER BY " O " LIMIT ?)"
#define QAGENT_TYPES "i" QF_TYPES "i" "i" QF_TYPES "i" "i" QF_TYPES "i" "i" QF_TYPES "i" \
	QREST_TYPES
#define QAGENT_ARGS g[0], QF_ARGS, lim, g[1], QF_ARGS, lim, g[2], QF_ARGS, lim, g[3], QF_ARGS, \
	lim, QREST_ARGS
/* Agents asking for some statuses (not all): one branch per team and status
 * ("" = unused), so that each reads its index range already in order. */
#define QTS(O, IX, QP) "(" QID(IX) " WHERE t.group_id = ? AND t.status = ?" QF(QP) \
	" ORDER BY " O " LIMIT ?)"
#define QTS3(O, IX, QP) QTS(O, IX, QP) " UNION ALL " QTS(O, IX, QP) " UNION ALL " QTS(O, IX, QP)
#define QAGENT_ST(O, IX, QP) QTS3(O, IX, QP) " UNION ALL " QTS3(O, IX, QP) " UNION ALL " \
	QTS3(O, IX, QP) " UNION ALL " QTS3(O, IX, QP) " UNION ALL (" QMORE(IX, QP) \
	" ORDER BY " O " LIMIT ?) UNION ALL (" QMINE(QP) " ORDER BY " O " LIMIT ?)"
#define QTS_TYPES "is" QF_TYPES "i"
#define QTS3_TYPES QTS_TYPES QTS_TYPES QTS_TYPES
#define QAGENT_ST_TYPES QTS3_TYPES QTS3_TYPES QTS3_TYPES QTS3_TYPES QREST_TYPES
#define QTS3_ARGS(G) G, s[0], QF_ARGS, lim, G, s[1], QF_ARGS, lim, G, s[2], QF_ARGS, lim
#define QAGENT_ST_ARGS QTS3_ARGS(g[0]), QTS3_ARGS(g[1]), QTS3_ARGS(g[2]), QTS3_ARGS(g[3]), \
	QREST_ARGS
/* What is assigned to the agent, every status: one branch per status, each
 * reading an assignee index made for the order (IX) from its start, instead
 * of sorting all their tickets. */
#define QMS(O, IX, QP) "(SELECT t.id FROM tickets t FORCE INDEX (" IX ")" \
	" WHERE t.assignee_id = ? AND t.status = ?" QF(QP) " ORDER BY " O " LIMIT ?)"
#define QMINE_ALL(O, IX, QP) QMS(O, IX, QP) " UNION ALL " QMS(O, IX, QP) " UNION ALL " \
	QMS(O, IX, QP) " UNION ALL " QMS(O, IX, QP) " UNION ALL " QMS(O, IX, QP)
#define QMS_TYPES "is" QF_TYPES "i"
#define QMINE_ALL_TYPES QMS_TYPES QMS_TYPES QMS_TYPES QMS_TYPES QMS_TYPES
#define QMS_ARGS(S) uid, S, QF_ARGS, lim
#define QMINE_ALL_ARGS QMS_ARGS("new"), QMS_ARGS("open"), QMS_ARGS("pending"), \
	QMS_ARGS("resolved"), QMS_ARGS("closed")
/* Admins: one branch per status, so each reads its index in order ("" = unused). */
#define QSTATUS(O, IX, QP) "(" QID(IX) " WHERE t.status = ?" QF(QP) " ORDER BY " O " LIMIT ?)"
#define QADMIN(O, IX, QP) QSTATUS(O, IX, QP) " UNION ALL " QSTATUS(O, IX, QP) " UNION ALL " \
	QSTATUS(O, IX, QP) " UNION ALL " QSTATUS(O, IX, QP) " UNION ALL " QSTATUS(O, IX, QP)
#define QADMIN_TYPES "s" QF_TYPES "i" "s" QF_TYPES "i" "s" QF_TYPES "i" "s" QF_TYPES "i" \
	"s" QF_TYPES "i"
#define QADMIN_ARGS s[0], QF_ARGS, lim, s[1], QF_ARGS, lim, s[2], QF_ARGS, lim, s[3], QF_ARGS, \
	lim, s[4], QF_ARGS, lim
/* The page: the candidates in order, with what the rows show. */
#define QPAGE_HEAD " t.id, CONCAT('T-', LPAD(t.id, GREATEST(6, LENGTH(t.id)), '0')) AS number," \
	" t.subject," \
	" t.status, t.priority, u.name AS requester, a.name AS assignee, g.name AS team, t.channel," \
	" DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated," TICKET_SLA_COLS " FROM ("
#define QPAGE_TAIL(O) ") c JOIN tickets t ON t.id = c.id JOIN users u ON u.id = t.requester_id" \
	" LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN `groups` g ON g.id = t.group_id" \
	" ORDER BY " O " LIMIT ? OFFSET ?"
#define O_PRIO "t.priority, t.updated_at DESC, t.id DESC"
#define O_UPD "t.updated_at DESC, t.id DESC"
#define O_CRE "t.created_at DESC, t.updated_at DESC, t.id DESC"
#define O_DUE "t.sla_next, t.updated_at DESC, t.id DESC"

/* The capped count: the same branches, each stopping after QUEUE_COUNT_CAP + 1. */
#define QCOUNT_TEAM(QP) "(" QID("tickets_work_group") " WHERE t.group_id = ?" QF(QP) " LIMIT ?)"
#define QCOUNT_AGENT(QP) QCOUNT_TEAM(QP) " UNION ALL " QCOUNT_TEAM(QP) " UNION ALL " \
	QCOUNT_TEAM(QP) " UNION ALL " QCOUNT_TEAM(QP) " UNION ALL (" \
	QMORE("tickets_work_group", QP) " LIMIT ?) UNION ALL (" QMINE(QP) " LIMIT ?)"
#define QCOUNT_STATUS(QP) "(" QID("tickets_work_status") " WHERE t.status = ?" QF(QP) " LIMIT ?)"

/* The queries, each with its SQL text fixed (O order, IX index, QP search). */
/* Admins count status by status (S), each asked only for what the cap
 * still misses: all branches in one statement would each read to the cap. */
#define RUN_COUNT_STATUS(QP, S) db_query(r->db, &r->arena, "SELECT COUNT(*) FROM "     \
	QCOUNT_STATUS(QP) " c", "s" QF_TYPES "i", S, QF_ARGS, lim)
#define RUN_COUNT_AGENT(QP) db_query(r->db, &r->arena, "SELECT COUNT(*) FROM ("        \
	QCOUNT_AGENT(QP) ") c", QAGENT_TYPES, QAGENT_ARGS)
#define RUN_ADMIN(O, IX, QP) db_query(r->db, &r->arena, "SELECT" QPAGE_HEAD              \
	QADMIN(O, IX, QP) QPAGE_TAIL(O), QADMIN_TYPES "ii", QADMIN_ARGS, per, off)
#define RUN_AGENT_ST(O, IX, QP) db_query(r->db, &r->arena, "SELECT" QPAGE_HEAD           \
	QAGENT_ST(O, IX, QP) QPAGE_TAIL(O), QAGENT_ST_TYPES "ii", QAGENT_ST_ARGS, per, off)
#define RUN_MINE_ALL(O, IX, QP) db_query(r->db, &r->arena, "SELECT" QPAGE_HEAD            \
	QMINE_ALL(O, IX, QP) QPAGE_TAIL(O), QMINE_ALL_TYPES "ii", QMINE_ALL_ARGS, per, off)
#define RUN_AGENT(O, IX, QP) db_query(r->db, &r->arena, "SELECT" QPAGE_HEAD              \
	QAGENT(O, IX, QP) QPAGE_TAIL(O), QAGENT_TYPES "ii", QAGENT_ARGS, per, off)

/* The agent's teams as up to QUEUE_TEAMS ids (0 = none) in g; *more set
 * when there are more. 0 or -1. */
static int
my_teams(struct req *r, long long g[QUEUE_TEAMS], long long *more)
{
	struct db_res *res = db_query(r->db, &r->arena, "SELECT group_id FROM user_groups"
	    " WHERE user_id = ? ORDER BY group_id LIMIT 5", "i", r->user.id);
	size_t i;

	if (res == NULL)
		return -1;
	for (i = 0; i < QUEUE_TEAMS; i++)
		g[i] = i < res->nrows ? strtoll(db_cell(res, i, 0), NULL, 10) : 0;
	*more = res->nrows > QUEUE_TEAMS;
	return 0;
}

/* Run the queue for filters f: fills Page.Tickets and the pager. 0 or -1. */
static int
queue_rows(struct req *r, const struct qf *f)
{
	long long uid = r->user.id, admin = req_has_role(r, ROLE_ADMIN);
	long long g[QUEUE_TEAMS] = { 0 }, more = 0, lim, off, total, cap;
	long long teams = strcmp(f->who, "mine") != 0;
	long long per = QUEUE_PER_PAGE, qid = *f->q ? ticket_id(f->q) : 0;
	/* Every status: the team indexes without status read in order. */
	int all = strcmp(f->state, "all") == 0;
	const char *due_lo = "1970-01-01 00:00:00", *due_hi = "1970-01-01 00:00:00";
	const char *s[5] = { "", "", "", "", "" };
	const char *like = db_like(&r->arena, f->q), *qa = *f->q ? like : "";
	struct db_res *res;
	size_t i;

	if (strcmp(f->due, "any") != 0) {
		/* Overdue: before now; soon: from now to in an hour or to the end of today. */
		due_lo = strcmp(f->due, "overdue") == 0 ? due_lo : ticket_sla_utc(r, 0);
		due_hi = strcmp(f->due, "hour") == 0 ? ticket_sla_utc(r, 3600) :
		    strcmp(f->due, "today") == 0 ? ticket_sla_day_end(r) : ticket_sla_utc(r, 0);
	}
	cap = QUEUE_COUNT_CAP + 1;
	if (admin && strcmp(f->who, "mine") != 0) {
		/* The statuses asked for, one branch each. */
		if (strcmp(f->state, "active") == 0) {
			s[0] = "new";
			s[1] = "open";
			s[2] = "pending";
		} else if (strcmp(f->state, "all") == 0) {
			s[0] = "new";
			s[1] = "open";
			s[2] = "pending";
			s[3] = "resolved";
			s[4] = "closed";
		} else {
			s[0] = f->state;
		}
		for (total = 0, i = 0; i < 5 && *s[i] != '\0' && total < cap; i++) {
			lim = cap - total;
			res = *f->q ? RUN_COUNT_STATUS(QP_TEXT, s[i]) : RUN_COUNT_STATUS(QP_NONE, s[i]);
			if (res == NULL)
				return -1;
			total += db_scalar(res, 0);
		}
	} else {
		/* Their teams' branches, unless they asked for what is assigned to them. */
		if (strcmp(f->who, "mine") != 0 && my_teams(r, g, &more) < 0)
			return -1;
		lim = cap;
		res = *f->q ? RUN_COUNT_AGENT(QP_TEXT) : RUN_COUNT_AGENT(QP_NONE);
		if (res == NULL)
			return -1;
		total = db_scalar(res, 0);
	}
	if (total > QUEUE_COUNT_CAP) {
		/* Beyond the cap no one pages: they narrow the filters. */
		total = QUEUE_COUNT_CAP;
		page_int(r, "Page.Pager.More", 1);
	}
	off = page_pager(r, total, per);
	lim = off + per;
	if (admin && strcmp(f->who, "mine") != 0) {
		switch (f->sort[0]) {
		case 'u':
			res = *f->q ? RUN_ADMIN(O_UPD, "tickets_status", QP_TEXT) :
			    RUN_ADMIN(O_UPD, "tickets_status", QP_NONE);
			break;
		case 'c':
			res = *f->q ? RUN_ADMIN(O_CRE, "tickets_work_status", QP_TEXT) :
			    RUN_ADMIN(O_CRE, "tickets_work_status", QP_NONE);
			break;
		case 'd':
			res = *f->q ? RUN_ADMIN(O_DUE, "tickets_work_due", QP_TEXT) :
			    RUN_ADMIN(O_DUE, "tickets_work_due", QP_NONE);
			break;
		default:
			res = *f->q ? RUN_ADMIN(O_PRIO, "tickets_work_status", QP_TEXT) :
			    RUN_ADMIN(O_PRIO, "tickets_work_status", QP_NONE);
			break;
		}
	} else if (!all) {
		/* The statuses asked for, one branch each per team. */
		if (strcmp(f->state, "active") == 0) {
			s[0] = "new";
			s[1] = "open";
			s[2] = "pending";
		} else {
			s[0] = f->state;
		}
		switch (f->sort[0]) {
		case 'u':
			res = *f->q ? RUN_AGENT_ST(O_UPD, "tickets_work_group_updated", QP_TEXT) :
			    RUN_AGENT_ST(O_UPD, "tickets_work_group_updated", QP_NONE);
			break;
		case 'c':
			res = *f->q ? RUN_AGENT_ST(O_CRE, "tickets_work_group", QP_TEXT) :
			    RUN_AGENT_ST(O_CRE, "tickets_work_group", QP_NONE);
			break;
		case 'd':
			res = *f->q ? RUN_AGENT_ST(O_DUE, "tickets_work_group_due", QP_TEXT) :
			    RUN_AGENT_ST(O_DUE, "tickets_work_group_due", QP_NONE);
			break;
		default:
			res = *f->q ? RUN_AGENT_ST(O_PRIO, "tickets_work_group", QP_TEXT) :
			    RUN_AGENT_ST(O_PRIO, "tickets_work_group", QP_NONE);
			break;
		}
	} else if (!teams) {
		switch (f->sort[0]) {
		case 'u':
			res = *f->q ? RUN_MINE_ALL(O_UPD, "tickets_work_assignee_updated", QP_TEXT) :
			    RUN_MINE_ALL(O_UPD, "tickets_work_assignee_updated", QP_NONE);
			break;
		case 'c':
			res = *f->q ? RUN_MINE_ALL(O_CRE, "tickets_work_assignee_created", QP_TEXT) :
			    RUN_MINE_ALL(O_CRE, "tickets_work_assignee_created", QP_NONE);
			break;
		case 'd':
			res = *f->q ? RUN_MINE_ALL(O_DUE, "tickets_work_assignee_due", QP_TEXT) :
			    RUN_MINE_ALL(O_DUE, "tickets_work_assignee_due", QP_NONE);
			break;
		default:
			res = *f->q ? RUN_MINE_ALL(O_PRIO, "tickets_work_assignee", QP_TEXT) :
			    RUN_MINE_ALL(O_PRIO, "tickets_work_assignee", QP_NONE);
			break;
		}
	} else {
		switch (f->sort[0]) {
		case 'u':
			if (all)
				res = *f->q ? RUN_AGENT(O_UPD, "tickets_work_group_all_updated", QP_TEXT) :
				    RUN_AGENT(O_UPD, "tickets_work_group_all_updated", QP_NONE);
			else
				res = *f->q ? RUN_AGENT(O_UPD, "tickets_work_group_updated", QP_TEXT) :
				    RUN_AGENT(O_UPD, "tickets_work_group_updated", QP_NONE);
			break;
		case 'c':
			res = *f->q ? RUN_AGENT(O_CRE, "tickets_work_group", QP_TEXT) :
			    RUN_AGENT(O_CRE, "tickets_work_group", QP_NONE);
			break;
		case 'd':
			res = *f->q ? RUN_AGENT(O_DUE, "tickets_work_group_due", QP_TEXT) :
			    RUN_AGENT(O_DUE, "tickets_work_group_due", QP_NONE);
			break;
		default:
			if (all)
				res = *f->q ? RUN_AGENT(O_PRIO, "tickets_work_group_all", QP_TEXT) :
				    RUN_AGENT(O_PRIO, "tickets_work_group_all", QP_NONE);
			else
				res = *f->q ? RUN_AGENT(O_PRIO, "tickets_work_group", QP_TEXT) :
				    RUN_AGENT(O_PRIO, "tickets_work_group", QP_NONE);
			break;
		}
	}
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Tickets", res);
	ticket_sla_rows(r, "Page.Tickets", res);
	return 0;
}

/* Saved views the agent may use: their own and those shared with their teams. */
static int
views_list(struct req *r)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT v.id, v.name, v.owner_id = ? AS own, g.name AS team, u.name AS owner"
	    " FROM ticket_views v JOIN users u ON u.id = v.owner_id"
	    " LEFT JOIN `groups` g ON g.id = v.group_id"
	    " WHERE v.owner_id = ? OR v.group_id IN (SELECT ug.group_id FROM user_groups ug"
	    "  WHERE ug.user_id = ?) ORDER BY v.name, v.id LIMIT 200", "iii",
	    r->user.id, r->user.id, r->user.id);

	if (res == NULL)
		return -1;
	page_rows(r, "Page.Views", res);
	/* The teams a view may be shared with. */
	res = db_query(r->db, &r->arena, "SELECT g.id, g.name FROM `groups` g"
	    " JOIN user_groups ug ON ug.group_id = g.id AND ug.user_id = ? ORDER BY g.name",
	    "i", r->user.id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.ShareTeams", res);
	/* Whom the selected tickets may go to: agents of the agent's teams. */
	res = db_query(r->db, &r->arena, "SELECT DISTINCT u.id, u.name FROM users u"
	    " JOIN user_groups ug ON ug.user_id = u.id WHERE u.active = 1"
	    " AND (FIND_IN_SET('agent', u.roles) OR FIND_IN_SET('admin', u.roles))"
	    " AND ug.group_id IN (SELECT x.group_id FROM user_groups x WHERE x.user_id = ?)"
	    " AND u.id <> ? ORDER BY u.name LIMIT 200", "ii", r->user.id, r->user.id);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Agents", res);
	return 0;
}

/* A saved view the agent may use, loaded into f; 0 when there is none. */
static int
view_load(struct req *r, long long id, struct qf *f)
{
	struct db_res *res = db_query(r->db, &r->arena,
	    "SELECT v.status, v.who, v.priority, v.due, v.sort, v.q, v.name FROM ticket_views v"
	    " WHERE v.id = ? AND (v.owner_id = ? OR v.group_id IN (SELECT ug.group_id"
	    "  FROM user_groups ug WHERE ug.user_id = ?))", "iii", id, r->user.id, r->user.id);

	if (res == NULL)
		return -1;
	if (res->nrows == 0)
		return 0;
	f->state = db_cell(res, 0, 0);
	f->who = db_cell(res, 0, 1);
	f->prio = strtoll(db_cell(res, 0, 2), NULL, 10);
	f->due = db_cell(res, 0, 3);
	f->sort = db_cell(res, 0, 4);
	f->q = db_cell(res, 0, 5);
	f->view = id;
	page_set(r, "Page.View.name", db_cell(res, 0, 6));
	return 1;
}

/* Read the filters from src (the saved view's values as defaults). 0 when
 * they were refused (form errors recorded), 1 when fine, -1 on error. */
static int
filters(struct req *r, enum form_src src, struct qf *f)
{
	int ok = 1;

	f->state = "active";
	f->who = "team";
	f->sort = "priority";
	f->due = "any";
	f->q = "";
	f->prio = 0;
	f->view = 0;
	if (src == FORM_QUERY && req_query(r, "view") != NULL) {
		long long id = form_int(r, FORM_QUERY, "view", 1, 1LL << 60, 0, &ok);
		int rc;

		if (!ok)
			return 0;
		rc = view_load(r, id, f);
		if (rc <= 0)
			return rc < 0 ? -1 : (form_error(r, "view", "form.choice"), 0);
	}
	f->state = form_choice(r, src, "status", q_states, f->state);
	f->who = form_choice(r, src, "who", q_whose, f->who);
	f->sort = form_choice(r, src, "sort", q_sorts, f->sort);
	f->due = form_choice(r, src, "due", q_dues, f->due);
	{
		const char *saved = f->q;

		f->q = form_line(r, src, "q", 100, 0);
		if (f->q != NULL && f->view != 0 && req_query(r, "q") == NULL)
			f->q = saved;
	}
	f->prio = form_int(r, src, "priority", 0, 4, f->prio, &ok);
	return r->form_errors == 0 && f->q != NULL && f->state && f->who && f->sort && f->due;
}

/* The query string of filters f (for the pager, saved views and redirects). */
static const char *
filters_qs(struct req *r, const struct qf *f)
{
	return arena_printf(&r->arena, "status=%s&who=%s&sort=%s&priority=%lld&due=%s&q=%s",
	    f->state, f->who, f->sort, f->prio, f->due, http_urlencode(&r->arena, f->q));
}

int
tickets_queue(struct req *r)
{
	struct qf f;
	int ok = 1, rc = filters(r, FORM_QUERY, &f);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return http_fail(r, 400, "error.bad_request");
	if (queue_rows(r, &f) < 0 || views_list(r) < 0)
		return -1;
	page_set(r, "Page.Filter.due", f.due);
	page_set(r, "Page.Filter.status", f.state);
	page_set(r, "Page.Filter.who", f.who);
	page_set(r, "Page.Filter.sort", f.sort);
	page_int(r, "Page.Filter.priority", f.prio);
	page_set(r, "Page.Filter.q", f.q);
	page_set(r, "Page.Filter.qs", filters_qs(r, &f));
	if (f.view != 0)
		page_int(r, "Page.View.id", f.view);
	/* The outcome of a bulk change or a view saved or deleted (numbers only). */
	if (req_query(r, "done") != NULL) {
		static const char *const dones[] = { "bulk", "saved", "deleted", NULL };
		const char *done = form_choice(r, FORM_QUERY, "done", dones, NULL);
		long long changed = form_int(r, FORM_QUERY, "changed", 0, BULK_MAX, 0, &ok);
		long long refused = form_int(r, FORM_QUERY, "refused", 0, BULK_MAX, 0, &ok);

		if (done != NULL && ok) {
			page_set(r, "Page.Done", done);
			page_int(r, "Page.Changed", changed);
			page_int(r, "Page.Refused", refused);
		}
		r->form_errors = 0;
		hdf_remove_tree(r->hdf, "Page.Errors");
	}
	page_msg(r, "Page.Title", "tickets.queue");
	return view_page(r, "tickets/queue.cs");
}

/* ------------------------------------------------------------ saved views */

/* A team id the agent may share with (one of theirs); 0 for private. */
static long long
share_team(struct req *r)
{
	int ok = 1;
	long long gid = form_int(r, FORM_BODY, "share", 0, 1LL << 60, 0, &ok);
	struct db_res *res;

	if (!ok || gid == 0)
		return ok ? 0 : -2;
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM user_groups WHERE user_id = ?"
	    " AND group_id = ?", "ii", r->user.id, gid);
	if (res == NULL)
		return -1;
	if (db_scalar(res, 0) == 0) {
		form_error(r, "share", "form.choice");
		return -2;
	}
	return gid;
}

int
queue_view_save(struct req *r)
{
	struct qf f;
	const char *name;
	long long gid, n;
	int rc = filters(r, FORM_BODY, &f);
	struct db_res *res;

	if (rc < 0)
		return -1;
	name = form_line(r, FORM_BODY, "name", VIEW_NAME_MAX, 1);
	gid = share_team(r);
	if (gid == -1)
		return -1;
	if (name == NULL && rc == 1 && gid >= 0 && (req_form(r, "name") == NULL ||
	    strspn(req_form(r, "name"), " \t") == strlen(req_form(r, "name"))))
		return http_fail(r, 422, "queue.name_required");
	if (rc == 0 || name == NULL || gid < 0)
		return http_fail(r, 400, "error.bad_request");
	res = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM ticket_views WHERE owner_id = ?",
	    "i", r->user.id);
	if (res == NULL)
		return -1;
	n = db_scalar(res, 0);
	/* Saving under a name one already has replaces that view. */
	res = db_query(r->db, &r->arena, "SELECT id FROM ticket_views WHERE owner_id = ? AND"
	    " name = ? LIMIT 1", "is", r->user.id, name);
	if (res == NULL)
		return -1;
	if (res->nrows > 0) {
		if (db_exec(r->db, "UPDATE ticket_views SET group_id = NULLIF(?, 0), status = ?,"
		    " who = ?, priority = ?, due = ?, sort = ?, q = ? WHERE id = ?", "ississsi", gid,
		    f.state, f.who, f.prio, f.due, f.sort, f.q, db_scalar(res, 0)) < 0)
			return -1;
		return http_redirect(r, arena_printf(&r->arena, "/tickets/queue?view=%lld&done=saved",
		    db_scalar(res, 0)));
	}
	if (n >= VIEW_MAX)
		return http_fail(r, 422, "queue.too_many_views");
	if (db_exec(r->db, "INSERT INTO ticket_views (owner_id, group_id, name, status, who,"
	    " priority, due, sort, q) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?)", "iisssisss",
	    r->user.id, gid, name, f.state, f.who, f.prio, f.due, f.sort, f.q) < 0)
		return -1;
	return http_redirect(r, arena_printf(&r->arena, "/tickets/queue?view=%llu&done=saved",
	    db_insert_id(r->db)));
}

int
queue_view_delete(struct req *r)
{
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	long long n;

	if (*end != '\0' || id <= 0)
		return http_fail(r, 404, "error.not_found");
	/* Only the owner deletes; anyone else gets the same answer as for no view. */
	n = db_exec(r->db, "DELETE FROM ticket_views WHERE id = ? AND owner_id = ?", "ii", id,
	    r->user.id);
	if (n < 0)
		return -1;
	if (n == 0)
		return http_fail(r, 404, "error.not_found");
	return http_redirect(r, "/tickets/queue?done=deleted");
}

/* ------------------------------------------------------------ bulk changes */

/* A bulk change: what to set (NULL / -1 keep) and the selected tickets. */
struct bulk {
	struct req *r;
	const char *status;       /* new status or NULL */
	long long priority;       /* 1..4 or 0 keep */
	long long assignee;       /* user id, 0 unassign, -1 keep */
	long long *ids;
	size_t nids;
	long long changed, refused;
	char *resolved;           /* per id: became resolved (mail after commit) */
};

/* Transaction: change every selected ticket the agent may see. */
static int
bulk_tx(struct db *db, void *ctx)
{
	struct bulk *b = ctx;
	struct req *r = b->r;
	size_t i;

	b->changed = b->refused = 0;
	for (i = 0; i < b->nids; i++) {
		struct db_res *old = db_query(db, &r->arena, "SELECT t.status, t.priority,"
		    " COALESCE(t.assignee_id, 0) FROM tickets t WHERE t.id = ? AND"
		    TICKET_VISIBLE_SQL " FOR UPDATE", "i" TICKET_VISIBLE_TYPES, b->ids[i],
		    TICKET_VISIBLE_ARGS(r));
		const char *st, *ost, *oprio, *oasg;
		long long prio, asg;
		char nb[2][24];
		int any = 0;

		b->resolved[i] = 0;
		if (old == NULL)
			return -1;
		if (old->nrows == 0) {
			/* Not theirs to see (or no such ticket): left alone, counted. */
			b->refused++;
			continue;
		}
		ost = db_cell(old, 0, 0);
		oprio = db_cell(old, 0, 1);
		oasg = db_cell(old, 0, 2);
		st = b->status ? b->status : ost;
		prio = b->priority ? b->priority : strtoll(oprio, NULL, 10);
		asg = b->assignee >= 0 ? b->assignee : strtoll(oasg, NULL, 10);
		snprintf(nb[0], sizeof(nb[0]), "%lld", prio);
		snprintf(nb[1], sizeof(nb[1]), "%lld", asg);
		if (db_exec(db, "UPDATE tickets SET"
		    " resolved_at = CASE WHEN ? = 'resolved' THEN IF(status = 'resolved', resolved_at,"
		    "  UTC_TIMESTAMP()) WHEN ? = 'closed' THEN resolved_at ELSE NULL END,"
		    " closed_at = IF(? = 'closed', IF(status = 'closed', closed_at, UTC_TIMESTAMP()),"
		    "  NULL), status = ?, priority = ?, assignee_id = NULLIF(?, 0),"
		    " updated_at = UTC_TIMESTAMP() WHERE id = ?", "ssssiii", st, st, st, st, prio, asg,
		    b->ids[i]) < 0)
			return -1;
		if (strcmp(ost, st) != 0) {
			any = 1;
			if (ticket_event(db, b->ids[i], r->user.id, "status", ost, st) < 0)
				return -1;
		}
		if (strcmp(oprio, nb[0]) != 0) {
			any = 1;
			if (ticket_event(db, b->ids[i], r->user.id, "priority", oprio, nb[0]) < 0)
				return -1;
		}
		if (strcmp(oasg, nb[1]) != 0) {
			any = 1;
			if (ticket_event(db, b->ids[i], r->user.id, "assignee", oasg, nb[1]) < 0)
				return -1;
		}
		if (!any)
			continue;
		b->changed++;
		b->resolved[i] = strcmp(st, "resolved") == 0 && strcmp(ost, "resolved") != 0;
		if (ticket_sla(db, r, b->ids[i]) < 0)
			return -1;
		if (webhook_ticket(db, b->ids[i], b->resolved[i] ? "ticket.resolved" :
		    "ticket.updated") < 0)
			return -1;
	}
	return 0;
}

int
queue_bulk(struct req *r)
{
	static const char *const states[] = { "new", "open", "pending", "resolved", "closed", NULL };
	const struct field *fl;
	const char *back = form_line(r, FORM_BODY, "back", 600, 0);
	struct bulk b;
	int ok = 1;
	size_t i;

	memset(&b, 0, sizeof(b));
	b.r = r;
	b.ids = arena_alloc(&r->arena, BULK_MAX * sizeof(long long));
	b.resolved = arena_alloc(&r->arena, BULK_MAX);
	for (fl = r->form; fl != NULL; fl = fl->next) {
		long long id;

		if (strcmp(fl->name, "t") != 0)
			continue;
		id = ticket_id(fl->value);
		if (id <= 0 || b.nids >= BULK_MAX)
			return http_fail(r, b.nids >= BULK_MAX ? 413 : 400, b.nids >= BULK_MAX ?
			    "queue.too_many_selected" : "error.bad_request");
		for (i = 0; i < b.nids && b.ids[i] != id; i++)
			;
		if (i == b.nids)
			b.ids[b.nids++] = id;
	}
	/* Empty means "keep as it is". */
	b.status = form_choice(r, FORM_BODY, "status", states, NULL);
	b.priority = form_int(r, FORM_BODY, "priority", 0, 4, 0, &ok);
	b.assignee = form_int(r, FORM_BODY, "assignee", 0, 1LL << 60, -1, &ok);
	if (r->form_errors || !ok)
		return http_fail(r, 400, "error.bad_request");
	if (b.nids == 0)
		return http_fail(r, 422, "queue.none_selected");
	if (b.status == NULL && b.priority == 0 && b.assignee < 0)
		return http_fail(r, 422, "queue.no_change");
	if (b.assignee > 0) {
		struct db_res *a = db_query(r->db, &r->arena, "SELECT COUNT(*) FROM users WHERE id = ?"
		    " AND active = 1 AND (FIND_IN_SET('agent', roles) OR FIND_IN_SET('admin', roles))",
		    "i", b.assignee);

		if (a == NULL)
			return -1;
		if (db_scalar(a, 0) == 0)
			return http_fail(r, 422, "queue.bad_assignee");
	}
	if (db_tx(r->db, bulk_tx, &b) != 0)
		return -1;
	for (i = 0; i < b.nids; i++) {
		if (b.resolved[i])
			ticket_notify(r, b.ids[i], "resolved");
	}
	if (b.changed > 0)
		audit(r, "ticket.bulk", arena_printf(&r->arena, "%lld", b.changed),
		    b.status ? b.status : "");
	/* Back to the same filters (only a query string of ours is accepted). */
	if (back == NULL || strchr(back, '#') != NULL ||
	    !http_local_path(arena_printf(&r->arena, "/tickets/queue?%s", back)))
		back = "";
	return http_redirect(r, arena_printf(&r->arena,
	    "/tickets/queue?%s%sdone=bulk&changed=%lld&refused=%lld", back, *back ? "&" : "",
	    b.changed, b.refused));
}
