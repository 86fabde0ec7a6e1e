-- 018: ticket pages kept in memory. The tickets program keeps each person's
-- rendered ticket page for a short while and uses it again only while
-- nothing it shows has changed. Triggers keep two counters for that, so no
-- code path that changes a ticket can forget it:
--   tickets.page_version          any change of the ticket row that its page
--                                 shows, and any message, change record,
--                                 file or answer added to it;
--   settings.tickets_page_version anything shown on every ticket page or
--                                 deciding who may see one: people (names,
--                                 roles, departments, teams), teams, standard
--                                 answers, service levels, topics and fields.
-- Bulk loaders (ventanilla tickets generate) set @vt_bulk = 1 to skip the
-- per-row counter updates of the tickets they are creating.

ALTER TABLE tickets ADD COLUMN page_version BIGINT UNSIGNED NOT NULL DEFAULT 0;
INSERT IGNORE INTO settings (name, value) VALUES ('tickets_page_version', '0');

CREATE TRIGGER tickets_page_version BEFORE UPDATE ON tickets FOR EACH ROW
  SET NEW.page_version = NEW.page_version + IF(
    NEW.subject <=> OLD.subject AND NEW.status <=> OLD.status AND NEW.priority <=> OLD.priority
    AND NEW.impact <=> OLD.impact AND NEW.urgency <=> OLD.urgency AND NEW.channel <=> OLD.channel
    AND NEW.requester_id <=> OLD.requester_id AND NEW.assignee_id <=> OLD.assignee_id
    AND NEW.group_id <=> OLD.group_id AND NEW.category_id <=> OLD.category_id
    AND NEW.rating <=> OLD.rating AND NEW.rating_comment <=> OLD.rating_comment
    AND NEW.created_at <=> OLD.created_at AND NEW.updated_at <=> OLD.updated_at
    AND NEW.first_response_at <=> OLD.first_response_at AND NEW.resolved_at <=> OLD.resolved_at
    AND NEW.closed_at <=> OLD.closed_at AND NEW.merged_into <=> OLD.merged_into
    AND NEW.major <=> OLD.major AND NEW.parent_id <=> OLD.parent_id
    AND NEW.first_response_due <=> OLD.first_response_due
    AND NEW.resolution_due <=> OLD.resolution_due AND NEW.sla_paused_at <=> OLD.sla_paused_at,
    0, 1);

CREATE TRIGGER ticket_messages_page_insert AFTER INSERT ON ticket_messages FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_messages_page_update AFTER UPDATE ON ticket_messages FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_messages_page_delete AFTER DELETE ON ticket_messages FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = OLD.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_events_page_insert AFTER INSERT ON ticket_events FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_events_page_update AFTER UPDATE ON ticket_events FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_events_page_delete AFTER DELETE ON ticket_events FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = OLD.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_files_page_insert AFTER INSERT ON ticket_files FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_files_page_update AFTER UPDATE ON ticket_files FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_files_page_delete AFTER DELETE ON ticket_files FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = OLD.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_field_values_page_insert AFTER INSERT ON ticket_field_values FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_field_values_page_update AFTER UPDATE ON ticket_field_values FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = NEW.ticket_id AND @vt_bulk IS NULL;
CREATE TRIGGER ticket_field_values_page_delete AFTER DELETE ON ticket_field_values FOR EACH ROW
  UPDATE tickets SET page_version = page_version + 1 WHERE id = OLD.ticket_id AND @vt_bulk IS NULL;

CREATE TRIGGER users_page_insert AFTER INSERT ON users FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER users_page_update AFTER UPDATE ON users FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version'
  AND NOT (NEW.name <=> OLD.name AND NEW.email <=> OLD.email AND NEW.roles <=> OLD.roles
    AND NEW.active <=> OLD.active AND NEW.department_id <=> OLD.department_id
    AND NEW.language <=> OLD.language);
CREATE TRIGGER users_page_delete AFTER DELETE ON users FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER user_groups_page_insert AFTER INSERT ON user_groups FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER user_groups_page_delete AFTER DELETE ON user_groups FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER groups_page_insert AFTER INSERT ON `groups` FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER groups_page_update AFTER UPDATE ON `groups` FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER groups_page_delete AFTER DELETE ON `groups` FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER canned_responses_page_insert AFTER INSERT ON canned_responses FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER canned_responses_page_update AFTER UPDATE ON canned_responses FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER canned_responses_page_delete AFTER DELETE ON canned_responses FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_policies_page_insert AFTER INSERT ON sla_policies FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_policies_page_update AFTER UPDATE ON sla_policies FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_policies_page_delete AFTER DELETE ON sla_policies FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_calendars_page_insert AFTER INSERT ON sla_calendars FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_calendars_page_update AFTER UPDATE ON sla_calendars FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER sla_calendars_page_delete AFTER DELETE ON sla_calendars FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_categories_page_insert AFTER INSERT ON ticket_categories FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_categories_page_update AFTER UPDATE ON ticket_categories FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_categories_page_delete AFTER DELETE ON ticket_categories FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_fields_page_insert AFTER INSERT ON ticket_fields FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_fields_page_update AFTER UPDATE ON ticket_fields FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
CREATE TRIGGER ticket_fields_page_delete AFTER DELETE ON ticket_fields FOR EACH ROW
  UPDATE settings SET value = CAST(value AS UNSIGNED) + 1 WHERE name = 'tickets_page_version';
