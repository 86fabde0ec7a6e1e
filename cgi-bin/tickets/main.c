/* main.c - the tickets program: the requester's requests and the agents' side. */
#include "http.h"
#include "page.h"

/* /tickets/: the signed-in user's requests. */
static int
mine(struct req *r)
{
	page_msg(r, "Page.Title", "tickets.title");
	return view_page(r, "tickets/index.cs");
}

/* /tickets/new: report a problem or ask for help. */
static int
new_ticket(struct req *r)
{
	page_msg(r, "Page.Title", "tickets.new_title");
	return view_page(r, "tickets/new.cs");
}

static int
to_tickets(struct req *r)
{
	return http_redirect(r, "/tickets/");
}

static const struct route routes[] = {
	{ M_GET, "/tickets", to_tickets, 0, 0 },
	{ M_GET, "/tickets/", mine, ROLE_ALL, 0 },
	{ M_GET, "/tickets/new", new_ticket, ROLE_ALL, 0 },
};

int
main(int argc, char **argv)
{
	return app_run("tickets", routes, sizeof(routes) / sizeof(routes[0]), argc, argv);
}
