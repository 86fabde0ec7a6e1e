-- 006_kb_postings.sql - the knowledge search's own inverted index.
--
-- One row per (stem, published article): the stem's weight in the article's
-- search_text (BM25's term part, length-normalised, x1000). A search reads the
-- best rows of each query stem through the primary key, highest weights first,
-- so its cost depends on the rows it keeps, not on how many articles there are.
-- Measured with 100,000 articles: InnoDB FULLTEXT took 130-400 ms for a bare
-- MATCH ... ORDER BY ... LIMIT 120 on common stems; these lists take a few ms.
-- The FULLTEXT index on search_text is no longer read and is dropped.
-- Rows are written by kb_save (lib/kb.c), levels kept by the topic editor;
-- `ventanilla migrate` fills the table for articles published before this
-- migration.
CREATE TABLE kb_postings (
  stem VARBINARY(64) NOT NULL,
  w SMALLINT UNSIGNED NOT NULL,
  article_id BIGINT UNSIGNED NOT NULL,
  -- Who may read the article at least: 0 anyone, 1 signed in, 2 staff (the
  -- stricter of the article's and its topic's visibility). Lets a search skip
  -- rows early; the full rule (teams too) is checked again on the articles.
  lvl TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (stem, w, article_id),
  KEY kb_postings_article (article_id),
  CONSTRAINT kb_postings_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- The search checks who may read each posting's article through this narrow
-- index (the id first, then every column the visibility rule and the filters
-- look at), so it never reads the wide article rows of articles it drops.
-- Lists of a topic ordered by reads (related articles, topic pages) read the
-- index in order instead of sorting every article of the topic.
ALTER TABLE kb_articles DROP INDEX kb_articles_search,
  ADD KEY kb_articles_category_views (category_id, status, views),
  DROP INDEX kb_articles_category,
  ADD UNIQUE KEY kb_articles_filter (id, status, visibility, category_id, type, language);

-- Articles per topic, kept by kb_save (lib/kb.c): the front page shows them
-- without counting every article of every topic for each reader. One row per
-- topic and reader level: article families (a text and its translations count
-- once) with a published version the level may read; level 3 (editors) also
-- counts articles restricted to teams, the others never do.
CREATE TABLE kb_topic_counts (
  category_id BIGINT UNSIGNED NOT NULL,
  lvl TINYINT UNSIGNED NOT NULL,
  n INT UNSIGNED NOT NULL,
  PRIMARY KEY (category_id, lvl),
  CONSTRAINT kb_topic_counts_category FOREIGN KEY (category_id) REFERENCES kb_categories (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO settings (name, value) VALUES ('kb_postings_built', '0');

-- Bumped whenever an article or a topic changes: knowledge workers keep
-- article pages for a few seconds and drop them when it moves.
INSERT INTO settings (name, value) VALUES ('kb_content_version', '0');
