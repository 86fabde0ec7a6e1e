-- 004_tickets.sql - incidents and requests: categories with their own fields,
-- the impact x urgency matrix, tickets, conversation, files, status history,
-- canned responses.

CREATE TABLE ticket_categories (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(80) NOT NULL,
  name_en VARCHAR(120) NOT NULL,
  name_es VARCHAR(120) NOT NULL,
  description_en VARCHAR(300) NOT NULL DEFAULT '',
  description_es VARCHAR(300) NOT NULL DEFAULT '',
  group_id BIGINT UNSIGNED NULL,          -- team that receives these tickets
  position INT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY ticket_categories_slug (slug),
  CONSTRAINT ticket_categories_group FOREIGN KEY (group_id) REFERENCES `groups` (id)
    ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_fields (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  category_id BIGINT UNSIGNED NOT NULL,
  label_en VARCHAR(120) NOT NULL,
  label_es VARCHAR(120) NOT NULL,
  type ENUM('text','number','choice','date','checkbox') NOT NULL DEFAULT 'text',
  choices VARCHAR(1000) NOT NULL DEFAULT '',   -- comma-separated, for type choice
  required TINYINT(1) NOT NULL DEFAULT 0,
  position INT NOT NULL DEFAULT 0,
  KEY ticket_fields_category (category_id, position),
  CONSTRAINT ticket_fields_category FOREIGN KEY (category_id) REFERENCES ticket_categories (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Priority from impact (1 many people .. 3 just me) and urgency (1 now .. 3 can wait):
-- 1 critical, 2 high, 3 normal, 4 low.
CREATE TABLE priority_matrix (
  impact TINYINT NOT NULL,
  urgency TINYINT NOT NULL,
  priority TINYINT NOT NULL,
  PRIMARY KEY (impact, urgency)
) ENGINE=InnoDB;
INSERT INTO priority_matrix (impact, urgency, priority) VALUES
  (1, 1, 1), (1, 2, 2), (1, 3, 3),
  (2, 1, 2), (2, 2, 3), (2, 3, 3),
  (3, 1, 3), (3, 2, 3), (3, 3, 4);

CREATE TABLE tickets (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  requester_id BIGINT UNSIGNED NOT NULL,
  category_id BIGINT UNSIGNED NULL,
  group_id BIGINT UNSIGNED NULL,
  assignee_id BIGINT UNSIGNED NULL,
  subject VARCHAR(200) NOT NULL,
  status ENUM('new','open','pending','resolved','closed') NOT NULL DEFAULT 'new',
  priority TINYINT NOT NULL DEFAULT 3,
  impact TINYINT NOT NULL DEFAULT 3,
  urgency TINYINT NOT NULL DEFAULT 3,
  channel ENUM('portal','email','phone','api') NOT NULL DEFAULT 'portal',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  first_response_at DATETIME NULL,
  resolved_at DATETIME NULL,
  closed_at DATETIME NULL,
  rating TINYINT NULL,
  rating_comment VARCHAR(1000) NOT NULL DEFAULT '',
  merged_into BIGINT UNSIGNED NULL,
  KEY tickets_requester (requester_id, status, updated_at),
  KEY tickets_queue (group_id, status, priority, updated_at),
  KEY tickets_assignee (assignee_id, status),
  KEY tickets_status (status, updated_at),
  CONSTRAINT tickets_requester FOREIGN KEY (requester_id) REFERENCES users (id),
  CONSTRAINT tickets_category FOREIGN KEY (category_id) REFERENCES ticket_categories (id)
    ON DELETE SET NULL,
  CONSTRAINT tickets_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE SET NULL,
  CONSTRAINT tickets_assignee FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_messages (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT UNSIGNED NOT NULL,
  author_id BIGINT UNSIGNED NULL,
  kind ENUM('public','internal') NOT NULL DEFAULT 'public',
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ticket_messages_ticket (ticket_id, id),
  CONSTRAINT ticket_messages_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_field_values (
  ticket_id BIGINT UNSIGNED NOT NULL,
  field_id BIGINT UNSIGNED NOT NULL,
  value VARCHAR(1000) NOT NULL,
  PRIMARY KEY (ticket_id, field_id),
  CONSTRAINT ticket_field_values_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_files (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT UNSIGNED NOT NULL,
  message_id BIGINT UNSIGNED NULL,
  filename VARCHAR(255) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size INT UNSIGNED NOT NULL,
  data MEDIUMBLOB NOT NULL,
  uploaded_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ticket_files_ticket (ticket_id),
  CONSTRAINT ticket_files_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Status, priority, assignment and team changes.
CREATE TABLE ticket_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT UNSIGNED NOT NULL,
  actor_id BIGINT UNSIGNED NULL,
  what VARCHAR(32) NOT NULL,
  old_value VARCHAR(200) NOT NULL DEFAULT '',
  new_value VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ticket_events_ticket (ticket_id, id),
  CONSTRAINT ticket_events_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE canned_responses (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(120) NOT NULL,
  body TEXT NOT NULL,
  language CHAR(2) NOT NULL DEFAULT 'en',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
