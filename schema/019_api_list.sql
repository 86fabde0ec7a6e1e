-- 019: the API's ticket list (/api/v1/tickets) walks tickets by change time
-- and stops after its page, and its count at the cap, instead of sorting all
-- of them; the index holds every column the list filters on, including who
-- may see a ticket, so rows are read only for the page itself.
ALTER TABLE tickets ADD KEY tickets_updated (updated_at, id, status, group_id, assignee_id,
  requester_id);
