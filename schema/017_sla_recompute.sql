-- 017_sla_recompute.sql - due times follow changes of the business-hours
-- calendars and the targets. Saving such a change only marks here which
-- priorities' open tickets need new due times (one row, so the save stays
-- fast at a million tickets); `ventanilla worker` then recomputes them in
-- bounded batches, in ticket id order, with the same rules as a priority
-- change (from the creation time, keeping the time already paused).
CREATE TABLE sla_recompute (
  id TINYINT NOT NULL PRIMARY KEY,                -- always 1: one pending pass
  priorities TINYINT NOT NULL DEFAULT 0,          -- bit p-1 = priority p to redo; 0 = nothing to do
  next_id BIGINT UNSIGNED NOT NULL DEFAULT 0,     -- tickets up to this id are done
  generation INT UNSIGNED NOT NULL DEFAULT 0,     -- raised by every change (restarts the pass)
  requested_at DATETIME NULL                      -- when the last change was saved (UTC)
) ENGINE=InnoDB;
INSERT INTO sla_recompute (id) VALUES (1);
