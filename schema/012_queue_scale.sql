-- 012_queue_scale.sql - the work queue at a million tickets, and agents' saved views.
-- sla_next is the next due time of a ticket whose clock runs (TICKET_SLA_NEXT in
-- cgi-bin/tickets/tickets.h, kept by the server), so the "due" filter and sort
-- read an index instead of computing it on every row. The work indexes let each
-- branch of the queue (one team, tickets assigned to me, everything for admins)
-- read only its own rows in the order shown, without touching the table; the
-- requester's index does the same for "My requests".
ALTER TABLE tickets
  ADD COLUMN sla_next DATETIME AS (LEAST(
    COALESCE(IF(first_response_at IS NULL AND status IN ('new', 'open', 'pending'),
      first_response_due, NULL), TIMESTAMP'9999-12-31 00:00:00'),
    COALESCE(IF(status IN ('new', 'open'), resolution_due, NULL),
      TIMESTAMP'9999-12-31 00:00:00'))) PERSISTENT,
  DROP KEY tickets_queue,
  ADD KEY tickets_work_group (group_id, status, priority, updated_at DESC, id DESC,
    assignee_id, sla_next, created_at),
  ADD KEY tickets_work_group_updated (group_id, status, updated_at, id, priority,
    assignee_id, sla_next, created_at),
  ADD KEY tickets_work_group_due (group_id, status, sla_next, updated_at DESC, id DESC,
    priority, assignee_id),
  ADD KEY tickets_work_group_all (group_id, priority, updated_at DESC, id DESC, status,
    assignee_id, sla_next),
  ADD KEY tickets_work_group_all_updated (group_id, updated_at, id, status, priority,
    assignee_id, sla_next),
  ADD KEY tickets_work_assignee (assignee_id, status, priority, updated_at DESC, id DESC,
    group_id, sla_next, created_at),
  ADD KEY tickets_work_assignee_group (assignee_id, group_id, status, priority, updated_at,
    id, sla_next, created_at),
  ADD KEY tickets_work_status (status, priority, updated_at DESC, id DESC, group_id,
    assignee_id, sla_next, created_at),
  ADD KEY tickets_work_due (status, sla_next, updated_at DESC, id DESC, group_id,
    assignee_id, priority),
  ADD KEY tickets_requester_updated (requester_id, updated_at, id, status);

-- A saved view: an agent's filters and order under a name, private (group_id
-- NULL) or shared with one of the agent's teams.
CREATE TABLE ticket_views (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_id BIGINT UNSIGNED NOT NULL,
  group_id BIGINT UNSIGNED NULL,
  name VARCHAR(80) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  who VARCHAR(16) NOT NULL DEFAULT 'team',
  priority TINYINT NOT NULL DEFAULT 0,
  due VARCHAR(16) NOT NULL DEFAULT 'any',
  sort VARCHAR(16) NOT NULL DEFAULT 'priority',
  q VARCHAR(100) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ticket_views_owner (owner_id, name),
  KEY ticket_views_group (group_id, name),
  CONSTRAINT ticket_views_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ticket_views_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
