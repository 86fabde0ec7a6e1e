/* api.h - the tickets API (/api/v1/tickets) beyond the pages' own JSON. */
#ifndef VT_TICKETS_API_H
#define VT_TICKETS_API_H

#include "app.h"

int api_tickets_list(struct req *r);
int api_ticket_create(struct req *r);
int api_ticket_reply(struct req *r);
int api_ticket_patch(struct req *r);

#endif
