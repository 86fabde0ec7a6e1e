/* main.c - the tickets program: report a problem, follow it, and the agents' queue. */
#include "api.h"
#include "http.h"
#include "tickets.h"

static int
to_tickets(struct req *r)
{
	return http_redirect(r, "/tickets/");
}

#define STAFF (ROLE_AGENT | ROLE_ADMIN)

static const struct route routes[] = {
	{ M_GET, "/tickets", to_tickets, 0, 0 },
	{ M_GET, "/tickets/", tickets_home, ROLE_ALL, 0 },
	{ M_GET, "/tickets/new", ticket_new, ROLE_ALL, 0 },
	{ M_POST, "/tickets/new", ticket_create, ROLE_ALL, 0 },
	{ M_GET, "/tickets/queue", tickets_queue, STAFF, 0 },
	{ M_POST, "/tickets/queue/bulk", queue_bulk, STAFF, 0 },
	{ M_POST, "/tickets/queue/views", queue_view_save, STAFF, 0 },
	{ M_POST, "/tickets/queue/views/*/delete", queue_view_delete, STAFF, 0 },
	{ M_GET, "/tickets/*", ticket_page, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/reply", ticket_reply, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/solved", ticket_solved, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/reopen", ticket_reopen, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/rate", ticket_rate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/update", ticket_update, STAFF, 0 },
	{ M_GET, "/tickets/*/files/*", ticket_file, ROLE_ALL, 0 },
	/* Staff only; requesters get the 404 of a missing ticket (links.c). */
	{ M_POST, "/tickets/*/merge", ticket_merge, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/link", ticket_relate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/unlink", ticket_relate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/major", ticket_major, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/children", ticket_relate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/detach", ticket_relate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/parent", ticket_relate, ROLE_ALL, 0 },
	{ M_POST, "/tickets/*/parent/remove", ticket_relate, ROLE_ALL, 0 },
	{ M_GET, "/api/v1/tickets", api_tickets_list, ROLE_ALL, RF_JSON },
	{ M_POST, "/api/v1/tickets", api_ticket_create, ROLE_ALL, RF_JSON },
	{ M_GET, "/api/v1/tickets/*", ticket_page, ROLE_ALL, RF_JSON },
	{ M_PATCH, "/api/v1/tickets/*", api_ticket_patch, ROLE_ALL, RF_JSON },
	{ M_POST, "/api/v1/tickets/*/replies", api_ticket_reply, ROLE_ALL, RF_JSON },
};

int
main(int argc, char **argv)
{
	return app_run("tickets", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
