-- 007_mail_in.sql - tickets by mail. Outgoing ticket mail carries a signed
-- reply token (in Reply-To and Message-ID) so that a reply finds its ticket;
-- every message handed to `ventanilla mail-in` leaves one row saying what
-- became of it.
ALTER TABLE outbox ADD COLUMN reply_token VARCHAR(64) NOT NULL DEFAULT '' AFTER body_html;

CREATE TABLE mail_in_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  received_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  message_id VARCHAR(255) NOT NULL DEFAULT '',   -- as written, '' when missing
  msgid_hash CHAR(64) NULL,                      -- SHA-256 of message_id; NULL = none or a repeat
  from_addr VARCHAR(254) NOT NULL DEFAULT '',
  to_addr VARCHAR(254) NOT NULL DEFAULT '',
  subject VARCHAR(255) NOT NULL DEFAULT '',
  size INT UNSIGNED NOT NULL DEFAULT 0,          -- bytes received
  outcome ENUM('reply','new_ticket','bounced','ignored','duplicate') NOT NULL,
  reason VARCHAR(32) NOT NULL DEFAULT '',        -- why bounced or ignored
  ticket_id BIGINT UNSIGNED NULL,
  user_id BIGINT UNSIGNED NULL,
  UNIQUE KEY mail_in_log_msgid (msgid_hash),
  KEY mail_in_log_at (received_at),
  KEY mail_in_log_from (from_addr, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
