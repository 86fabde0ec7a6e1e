-- 005_deflection.sql - self-service that worked: articles opened from the
-- "report a problem" form. A visit without a ticket from the same person in
-- the next hour counts as a ticket avoided (see the admin reports).
CREATE TABLE kb_deflections (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  article_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ticket_id BIGINT UNSIGNED NULL,            -- set when a ticket followed anyway
  KEY kb_deflections_user (user_id, at),
  KEY kb_deflections_at (at)
) ENGINE=InnoDB;
