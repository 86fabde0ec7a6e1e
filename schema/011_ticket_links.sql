-- 011_ticket_links.sql - agents' work across tickets: related tickets linked
-- both ways, major incidents with their attached tickets, and who of the
-- staff has a ticket open right now (to warn of two people on one ticket).
-- tickets.merged_into (004) records merges.
ALTER TABLE tickets
  ADD COLUMN major TINYINT(1) NOT NULL DEFAULT 0,     -- a major incident (a parent)
  ADD COLUMN parent_id BIGINT UNSIGNED NULL,          -- the major incident it belongs to
  ADD KEY tickets_parent (parent_id, status),
  ADD KEY tickets_merged (merged_into),
  ADD CONSTRAINT tickets_parent FOREIGN KEY (parent_id) REFERENCES tickets (id) ON DELETE SET NULL,
  ADD CONSTRAINT tickets_merged FOREIGN KEY (merged_into) REFERENCES tickets (id) ON DELETE SET NULL;

-- A symmetric link, stored once with a_id < b_id.
CREATE TABLE ticket_links (
  a_id BIGINT UNSIGNED NOT NULL,
  b_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (a_id, b_id),
  KEY ticket_links_b (b_id),
  CONSTRAINT ticket_links_a FOREIGN KEY (a_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT ticket_links_b FOREIGN KEY (b_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT ticket_links_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Staff who opened or changed a ticket lately (written at most once a minute).
CREATE TABLE ticket_presence (
  ticket_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  seen_at DATETIME NOT NULL,
  PRIMARY KEY (ticket_id, user_id),
  KEY ticket_presence_seen (seen_at),
  CONSTRAINT ticket_presence_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT ticket_presence_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
