-- 009_api.sql - personal API tokens (only their SHA-256 stored) and outgoing
-- webhooks: the endpoints, the ticket events queued with the ticket change, and
-- one delivery per endpoint and event (the delivery log).

CREATE TABLE api_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(80) NOT NULL,
  token_hash BINARY(32) NOT NULL,            -- SHA-256 of the whole token ("vt_" + 64 hex)
  prefix VARCHAR(16) NOT NULL,               -- its first characters, to recognise it in lists
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NULL,                  -- NULL = until revoked
  last_used_at DATETIME NULL,                -- touched at most once a minute
  last_used_from VARCHAR(64) NOT NULL DEFAULT '',
  revoked_at DATETIME NULL,
  revoked_by BIGINT UNSIGNED NULL,
  UNIQUE KEY api_tokens_hash (token_hash),
  KEY api_tokens_user (user_id, revoked_at),
  CONSTRAINT api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhooks (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  url VARCHAR(500) NOT NULL,
  secret VARCHAR(80) NOT NULL,               -- HMAC key of the signatures (shown to admins)
  events SET('ticket.created','ticket.updated','ticket.resolved') NOT NULL DEFAULT '',
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  allow_private TINYINT(1) NOT NULL DEFAULT 0, -- may deliver to loopback/private addresses
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One ticket event: what happened and the ticket as it was then (JSON, no
-- conversation, never internal notes). Written in the ticket change's transaction.
CREATE TABLE webhook_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event VARCHAR(32) NOT NULL,
  ticket_id BIGINT UNSIGNED NULL,
  ticket_json TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY webhook_events_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The delivery of one event to one webhook, retried with growing delays.
CREATE TABLE webhook_deliveries (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  webhook_id BIGINT UNSIGNED NOT NULL,
  event_id BIGINT UNSIGNED NOT NULL,
  status ENUM('pending','delivered','failed') NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_attempt_at DATETIME NULL,
  response_code INT NULL,                    -- HTTP status of the last attempt
  last_error VARCHAR(500) NOT NULL DEFAULT '',
  duration_ms INT NULL,                      -- of the last attempt
  delivered_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY webhook_deliveries_due (status, next_attempt_at),
  KEY webhook_deliveries_hook (webhook_id, id),
  CONSTRAINT webhook_deliveries_hook FOREIGN KEY (webhook_id) REFERENCES webhooks (id)
    ON DELETE CASCADE,
  CONSTRAINT webhook_deliveries_event FOREIGN KEY (event_id) REFERENCES webhook_events (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;
