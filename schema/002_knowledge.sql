-- 002_knowledge.sql - the knowledge base: categories, articles with versions and
-- translations, feedback and review tasks, synonyms, search vocabulary and log.

-- Our own stopwords are removed before indexing; InnoDB's English list must not
-- drop words like "it", "de" or "la" from the index.
SET SESSION innodb_ft_enable_stopword = 0;

CREATE TABLE kb_categories (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT UNSIGNED NULL,
  slug VARCHAR(80) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  visibility ENUM('public','users','internal') NOT NULL DEFAULT 'public',
  name_en VARCHAR(120) NOT NULL,
  name_es VARCHAR(120) NOT NULL,
  description_en VARCHAR(500) NOT NULL DEFAULT '',
  description_es VARCHAR(500) NOT NULL DEFAULT '',
  UNIQUE KEY kb_categories_slug (slug),
  KEY kb_categories_parent (parent_id, position),
  CONSTRAINT kb_categories_parent FOREIGN KEY (parent_id) REFERENCES kb_categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE kb_articles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(120) NOT NULL,
  category_id BIGINT UNSIGNED NULL,
  type ENUM('howto','troubleshooting','faq','reference') NOT NULL DEFAULT 'howto',
  language CHAR(2) NOT NULL DEFAULT 'en',
  translation_of BIGINT UNSIGNED NULL,       -- the source article of a translation
  source_version INT NOT NULL DEFAULT 0,     -- source's version this translation follows
  title VARCHAR(200) NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,             -- rendered by cmark at save time (safe mode)
  body_text MEDIUMTEXT NOT NULL,             -- plain text, for snippets
  summary VARCHAR(400) NOT NULL DEFAULT '',
  tags VARCHAR(500) NOT NULL DEFAULT '',
  keywords VARCHAR(1000) NOT NULL DEFAULT '',
  visibility ENUM('public','users','internal') NOT NULL DEFAULT 'public',
  status ENUM('draft','review','published','retired') NOT NULL DEFAULT 'draft',
  owner_id BIGINT UNSIGNED NULL,
  review_by DATE NULL,
  version INT NOT NULL DEFAULT 1,
  views INT UNSIGNED NOT NULL DEFAULT 0,
  helpful_yes INT UNSIGNED NOT NULL DEFAULT 0,
  helpful_no INT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  published_at DATETIME NULL,
  -- Search: accent-folded, stemmed (es/en), short words encoded; see cgi-bin/lib/text.c.
  title_index VARCHAR(1000) NOT NULL DEFAULT '',
  keywords_index VARCHAR(2000) NOT NULL DEFAULT '',
  search_text MEDIUMTEXT NOT NULL,
  UNIQUE KEY kb_articles_slug (slug),
  KEY kb_articles_category (category_id, status),
  KEY kb_articles_status (status, updated_at),
  KEY kb_articles_translation (translation_of),
  KEY kb_articles_views (status, views),
  FULLTEXT KEY kb_articles_search (search_text),
  CONSTRAINT kb_articles_category FOREIGN KEY (category_id) REFERENCES kb_categories (id),
  CONSTRAINT kb_articles_translation FOREIGN KEY (translation_of) REFERENCES kb_articles (id)
    ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Optional restriction of an article to some teams.
CREATE TABLE kb_article_groups (
  article_id BIGINT UNSIGNED NOT NULL,
  group_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (article_id, group_id),
  CONSTRAINT kb_article_groups_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE,
  CONSTRAINT kb_article_groups_group FOREIGN KEY (group_id) REFERENCES `groups` (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every saved version, for history, compare and restore.
CREATE TABLE kb_versions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id BIGINT UNSIGNED NOT NULL,
  version INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  tags VARCHAR(500) NOT NULL DEFAULT '',
  keywords VARCHAR(1000) NOT NULL DEFAULT '',
  status VARCHAR(16) NOT NULL,
  editor_id BIGINT UNSIGNED NULL,
  note VARCHAR(300) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY kb_versions_article (article_id, version),
  CONSTRAINT kb_versions_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Was this helpful?" answers.
CREATE TABLE kb_feedback (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  helpful TINYINT(1) NOT NULL,
  reason VARCHAR(32) NOT NULL DEFAULT '',
  comment VARCHAR(1000) NOT NULL DEFAULT '',
  address VARCHAR(64) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY kb_feedback_article (article_id, created_at),
  CONSTRAINT kb_feedback_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Work for an article's owner: a "no" with a reason, or a review date passed.
CREATE TABLE kb_review_tasks (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id BIGINT UNSIGNED NOT NULL,
  feedback_id BIGINT UNSIGNED NULL,
  owner_id BIGINT UNSIGNED NULL,
  reason VARCHAR(32) NOT NULL DEFAULT '',
  comment VARCHAR(1000) NOT NULL DEFAULT '',
  status ENUM('open','done') NOT NULL DEFAULT 'open',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  closed_at DATETIME NULL,
  KEY kb_review_tasks_open (status, owner_id),
  CONSTRAINT kb_review_tasks_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Synonym groups editors manage: "correo, email, mail, outlook". Folded words.
CREATE TABLE kb_synonyms (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  terms VARCHAR(500) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Vocabulary of published articles (folded, unstemmed words) for typo correction.
CREATE TABLE kb_terms (
  term VARCHAR(64) NOT NULL PRIMARY KEY,
  df INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Every search: what people look for and whether they found it.
CREATE TABLE kb_search_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  user_id BIGINT UNSIGNED NULL,
  session_key CHAR(16) NOT NULL DEFAULT '',
  query VARCHAR(200) NOT NULL,
  query_folded VARCHAR(200) NOT NULL,
  language CHAR(2) NOT NULL DEFAULT '',
  results INT NOT NULL DEFAULT 0,
  clicked_article_id BIGINT UNSIGNED NULL,
  ticket_after TINYINT(1) NOT NULL DEFAULT 0,
  KEY kb_search_log_at (at),
  KEY kb_search_log_folded (query_folded, at),
  KEY kb_search_log_user (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Small key/value settings (e.g. the vocabulary's version).
CREATE TABLE settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value VARCHAR(1000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings (name, value) VALUES ('kb_vocab_version', '0');

SET SESSION innodb_ft_enable_stopword = 1;
