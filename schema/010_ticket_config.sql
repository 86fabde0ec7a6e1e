-- 010_ticket_config.sql - what the ticket configuration pages need beyond 004:
-- a field removed from a topic while old tickets still hold answers for it is
-- hidden (active = 0) instead of deleted, so those answers stay readable; and
-- a team is marked as a support team that may receive tickets.
ALTER TABLE ticket_fields ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1;
ALTER TABLE `groups` ADD COLUMN support TINYINT(1) NOT NULL DEFAULT 1;
