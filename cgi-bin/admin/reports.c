/* reports.c - /admin/reports: does self-service work? Deflection, channels,
 * satisfaction, searches that found nothing, article feedback. */
#include "admin.h"
#include "form.h"
#include "http.h"
#include "page.h"

int
reports_page(struct req *r)
{
	int ok = 1;
	long long days = form_int(r, FORM_QUERY, "days", 1, 3650, 30, &ok);
	struct db_res *res;

	if (!ok)
		return http_fail(r, 400, "error.bad_request");
	page_int(r, "Page.Days", days);
	res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) AS searches, COALESCE(SUM(results > 0), 0) AS found,"
	    " COALESCE(SUM(clicked_article_id IS NOT NULL), 0) AS clicked,"
	    " COALESCE(SUM(ticket_after), 0) AS ticket_after"
	    " FROM kb_search_log WHERE at > UTC_TIMESTAMP() - INTERVAL ? DAY", "i", days);
	if (res == NULL)
		return -1;
	page_row(r, "Page.Search", res);
	res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) AS opened, COALESCE(SUM(ticket_id IS NULL"
	    "  AND at < UTC_TIMESTAMP() - INTERVAL 1 HOUR), 0) AS avoided"
	    " FROM kb_deflections WHERE at > UTC_TIMESTAMP() - INTERVAL ? DAY", "i", days);
	if (res == NULL)
		return -1;
	page_row(r, "Page.Deflection", res);
	res = db_query(r->db, &r->arena,
	    "SELECT channel, COUNT(*) AS n FROM tickets WHERE created_at > UTC_TIMESTAMP() - INTERVAL ? DAY"
	    " GROUP BY channel ORDER BY n DESC", "i", days);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Channels", res);
	res = db_query(r->db, &r->arena,
	    "SELECT COUNT(*) AS tickets, COALESCE(SUM(status IN ('resolved', 'closed')), 0) AS solved,"
	    " COALESCE(ROUND(AVG(rating), 1), '') AS rating, COALESCE(SUM(rating IS NOT NULL), 0) AS rated,"
	    " COALESCE(ROUND(AVG(TIMESTAMPDIFF(MINUTE, created_at, first_response_at)) / 60, 1), '')"
	    "  AS first_response_hours"
	    " FROM tickets WHERE created_at > UTC_TIMESTAMP() - INTERVAL ? DAY", "i", days);
	if (res == NULL)
		return -1;
	page_row(r, "Page.Tickets", res);
	res = db_query(r->db, &r->arena,
	    "SELECT MAX(query) AS query, COUNT(*) AS n FROM kb_search_log WHERE results = 0"
	    " AND at > UTC_TIMESTAMP() - INTERVAL ? DAY GROUP BY query_folded ORDER BY n DESC LIMIT 15",
	    "i", days);
	if (res == NULL)
		return -1;
	page_rows(r, "Page.NoResults", res);
	res = db_query(r->db, &r->arena,
	    "SELECT a.id, a.title, a.helpful_yes, a.helpful_no, a.views FROM kb_articles a"
	    " WHERE a.status = 'published' AND a.helpful_no > 0"
	    " ORDER BY a.helpful_no - a.helpful_yes DESC, a.helpful_no DESC LIMIT 10", "");
	if (res == NULL)
		return -1;
	page_rows(r, "Page.Unhelpful", res);
	page_msg(r, "Page.Title", "reports.title");
	return view_page(r, "admin/reports.cs");
}
