-- 008_sla.sql - service levels: business-hours calendars with holidays, the
-- targets per priority, escalation rules, and each ticket's due times.
-- Times are UTC; a calendar's hours are local to its time zone.

CREATE TABLE sla_calendars (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC',   -- IANA name
  always TINYINT(1) NOT NULL DEFAULT 0,           -- around the clock: hours and holidays unused
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY sla_calendars_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Working hours: minutes from local midnight; end <= start runs past midnight.
CREATE TABLE sla_calendar_hours (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  calendar_id BIGINT UNSIGNED NOT NULL,
  weekday TINYINT NOT NULL,                       -- 0 Sunday .. 6 Saturday
  start_minute SMALLINT NOT NULL,
  end_minute SMALLINT NOT NULL,
  KEY sla_calendar_hours_cal (calendar_id, weekday, start_minute),
  CONSTRAINT sla_calendar_hours_cal FOREIGN KEY (calendar_id) REFERENCES sla_calendars (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE sla_holidays (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  calendar_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  name VARCHAR(120) NOT NULL,
  UNIQUE KEY sla_holidays_day (calendar_id, day),
  CONSTRAINT sla_holidays_cal FOREIGN KEY (calendar_id) REFERENCES sla_calendars (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Targets in business minutes per priority (1 critical .. 4 low).
CREATE TABLE sla_policies (
  priority TINYINT NOT NULL PRIMARY KEY,
  calendar_id BIGINT UNSIGNED NOT NULL,
  first_response_minutes INT NOT NULL,
  resolution_minutes INT NOT NULL,
  CONSTRAINT sla_policies_cal FOREIGN KEY (calendar_id) REFERENCES sla_calendars (id)
) ENGINE=InnoDB;

-- Escalation rules, applied in position order. event: 'created' (when the
-- ticket is reported), 'first_response' or 'resolution' (minutes_before the
-- due time; 0 = once it is overdue). The other columns narrow the tickets
-- (0/''/NULL = any) and say what to do.
CREATE TABLE sla_rules (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  event ENUM('created','first_response','resolution') NOT NULL,
  minutes_before INT NOT NULL DEFAULT 0,
  min_priority TINYINT NOT NULL DEFAULT 0,        -- priority at or above (1 critical); 0 any
  impact_many TINYINT(1) NOT NULL DEFAULT 0,      -- only "many people" affected
  category_id BIGINT UNSIGNED NULL,
  words VARCHAR(500) NOT NULL DEFAULT '',         -- comma-separated; any whole word or phrase
  set_priority TINYINT NOT NULL DEFAULT 0,        -- raise to (never lowers); 0 keep
  set_group_id BIGINT UNSIGNED NULL,              -- move to team
  notify_team TINYINT(1) NOT NULL DEFAULT 0,
  notify_assignee TINYINT(1) NOT NULL DEFAULT 0,
  notify_email VARCHAR(254) NOT NULL DEFAULT '',
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY sla_rules_order (enabled, position, id),
  CONSTRAINT sla_rules_category FOREIGN KEY (category_id) REFERENCES ticket_categories (id)
    ON DELETE CASCADE,
  CONSTRAINT sla_rules_group FOREIGN KEY (set_group_id) REFERENCES `groups` (id)
    ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each rule acts at most once on a ticket.
CREATE TABLE ticket_escalations (
  ticket_id BIGINT UNSIGNED NOT NULL,
  rule_id BIGINT UNSIGNED NOT NULL,
  event ENUM('created','first_response','resolution') NOT NULL,
  due_at DATETIME NULL,
  at DATETIME NOT NULL,
  PRIMARY KEY (ticket_id, rule_id),
  KEY ticket_escalations_rule (rule_id),
  CONSTRAINT ticket_escalations_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ON DELETE CASCADE,
  CONSTRAINT ticket_escalations_rule FOREIGN KEY (rule_id) REFERENCES sla_rules (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- Due times (UTC). sla_priority: the priority they were computed for (NULL =
-- not computed yet); sla_paused_at: when the resolution clock stopped
-- (waiting for the requester, or solved); sla_paused_minutes: business
-- minutes it stood still, added to the resolution target.
ALTER TABLE tickets
  ADD COLUMN first_response_due DATETIME NULL,
  ADD COLUMN resolution_due DATETIME NULL,
  ADD COLUMN sla_priority TINYINT NULL,
  ADD COLUMN sla_paused_at DATETIME NULL,
  ADD COLUMN sla_paused_minutes INT NOT NULL DEFAULT 0,
  ADD KEY tickets_sla_queue (group_id, status, resolution_due),
  ADD KEY tickets_sla_resolution (status, resolution_due),
  ADD KEY tickets_sla_first (first_response_at, first_response_due),
  ADD KEY tickets_sla_sync (sla_priority),
  ADD KEY tickets_sla_paused (sla_paused_at);

INSERT INTO sla_calendars (id, name, time_zone, always) VALUES
  (1, 'Office hours', 'Europe/Madrid', 0),
  (2, 'Around the clock', 'UTC', 1);
INSERT INTO sla_calendar_hours (calendar_id, weekday, start_minute, end_minute) VALUES
  (1, 1, 540, 1080), (1, 2, 540, 1080), (1, 3, 540, 1080), (1, 4, 540, 1080), (1, 5, 540, 1080);
-- critical 30 min / 4 h, high 2 h / 1 day, normal 8 h / 3 days, low 2 days / 10 days
-- (a business day is 9 hours here).
INSERT INTO sla_policies (priority, calendar_id, first_response_minutes, resolution_minutes) VALUES
  (1, 1, 30, 240), (2, 1, 120, 540), (3, 1, 480, 1620), (4, 1, 1080, 5400);
