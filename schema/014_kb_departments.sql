-- 014_kb_departments.sql - an article may be restricted to departments as well
-- as to teams: with any restriction, only people in one of the listed teams or
-- departments (and editors) may read it. See KB_VISIBLE_SQL in lib/kb.h.
CREATE TABLE kb_article_departments (
  article_id BIGINT UNSIGNED NOT NULL,
  department_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (article_id, department_id),
  KEY kb_article_departments_department (department_id),
  CONSTRAINT kb_article_departments_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE,
  CONSTRAINT kb_article_departments_department FOREIGN KEY (department_id)
    REFERENCES departments (id) ON DELETE CASCADE
) ENGINE=InnoDB;
