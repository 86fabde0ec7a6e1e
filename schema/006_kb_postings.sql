-- 006_kb_postings.sql - the knowledge search's own inverted index.
--
-- One row per (stem, published article): the stem's weight in the article's
-- search_text (BM25's term part, length-normalised, x1000). A search reads the
-- best rows of each query stem through the primary key, newest weights first,
-- so its cost depends on the rows it keeps, not on how many articles there are.
-- Measured with 100,000 articles: InnoDB FULLTEXT took 130-400 ms for a bare
-- MATCH ... ORDER BY ... LIMIT 120 on common stems; these lists take a few ms.
-- The FULLTEXT index on search_text is no longer read and is dropped.
-- Rows are written by kb_save (lib/kb.c); `ventanilla migrate` fills the table
-- for articles published before this migration.
CREATE TABLE kb_postings (
  stem VARBINARY(64) NOT NULL,
  w SMALLINT UNSIGNED NOT NULL,
  article_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (stem, w, article_id),
  KEY kb_postings_article (article_id),
  CONSTRAINT kb_postings_article FOREIGN KEY (article_id) REFERENCES kb_articles (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE kb_articles DROP INDEX kb_articles_search;

INSERT INTO settings (name, value) VALUES ('kb_postings_built', '0');
