-- Full-text search over PostgreSQL (ISearchIndex): one row per live post, shared by every server on the database.
-- A post's words are in the neutral column (config simple over accent-folded text) and in the column of its author's
-- language (english, italian, german); a first post's title is in those too, and in the title columns for in:title.
CREATE TABLE search_posts (
    post_id int PRIMARY KEY,
    topic_id int NOT NULL,
    category_id int NOT NULL,
    is_first boolean NOT NULL,
    author_id text NOT NULL,
    author_name text NOT NULL,          -- lower-cased display name, for author:
    lang text NOT NULL,                 -- en, it, de, or std (neutral only)
    created_at timestamptz NOT NULL,
    text text NOT NULL,                 -- plain text of the post, for excerpts (ts_headline)
    body_en tsvector,
    body_it tsvector,
    body_de tsvector,
    body_std tsvector NOT NULL,
    title_en tsvector,
    title_it tsvector,
    title_de tsvector,
    title_std tsvector
);
CREATE INDEX search_posts_body ON search_posts USING gin (body_en, body_it, body_de, body_std);
CREATE INDEX search_posts_title ON search_posts USING gin (title_en, title_it, title_de, title_std) WHERE is_first;
CREATE INDEX search_posts_topic ON search_posts (topic_id);
CREATE INDEX search_posts_created ON search_posts (created_at DESC, post_id DESC);

-- Whether search_posts holds every live post (false until the first full rebuild has finished).
CREATE TABLE search_state (id int PRIMARY KEY CHECK (id = 1), complete boolean NOT NULL);
INSERT INTO search_state (id, complete) VALUES (1, false);
