-- 015_kb_lists.sql - "most read" lists (the front page, topic pages) read the
-- published articles in the order they show them (reads, then title) and stop
-- after a page, instead of sorting every published article (2 s with 100,000).
ALTER TABLE kb_articles ADD KEY kb_articles_popular (status, views DESC, title);
