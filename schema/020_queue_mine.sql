-- 020: "assigned to me, every status" in the work queue reads, for each
-- status, the agent's tickets already in the order asked (tickets/queue.c,
-- QMINE_ALL); tickets_work_assignee (012) serves the priority order.
ALTER TABLE tickets
  ADD KEY tickets_work_assignee_updated (assignee_id, status, updated_at, id),
  ADD KEY tickets_work_assignee_created (assignee_id, status, created_at DESC, updated_at DESC,
    id DESC),
  ADD KEY tickets_work_assignee_due (assignee_id, status, sla_next, updated_at DESC, id DESC);
