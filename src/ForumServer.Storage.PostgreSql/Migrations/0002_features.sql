-- Notifications, profiles, likes and drafts (LiteDB kept them in the same file; until now PostgreSQL servers kept
-- them in a per-server features.db). Same layout as 0001: filtered and sorted columns beside the doc.

CREATE TABLE watches (
    id text PRIMARY KEY,             -- "{memberId}|{target}|{targetId}": one per member and thing watched
    member_id text NOT NULL,
    target_key text NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX watches_target ON watches (target_key);
CREATE INDEX watches_member ON watches (member_id);

CREATE TABLE read_positions (
    id text PRIMARY KEY,             -- "{memberId}|{topicId}"
    member_id text NOT NULL,
    last_read_number int NOT NULL,
    at timestamptz NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX read_positions_member ON read_positions (member_id, at DESC);

CREATE TABLE notifications (
    id serial PRIMARY KEY,
    member_id text NOT NULL,
    is_read boolean NOT NULL,
    mail_state text NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX notifications_member ON notifications (member_id, id DESC);
CREATE INDEX notifications_unread ON notifications (member_id) WHERE NOT is_read;
CREATE INDEX notifications_pending_mail ON notifications (member_id, id) WHERE mail_state = 'Pending';

CREATE TABLE notification_preferences (
    member_id text PRIMARY KEY,
    token text NOT NULL UNIQUE,
    doc jsonb NOT NULL
);

CREATE TABLE profiles (member_id text PRIMARY KEY, doc jsonb NOT NULL);

CREATE TABLE reactions (
    id text PRIMARY KEY,             -- "{postId}:{memberId}": one like per member and post
    post_id int NOT NULL,
    topic_id int NOT NULL,
    member_id text NOT NULL,
    created_at timestamptz NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX reactions_post ON reactions (post_id, created_at, id);
CREATE INDEX reactions_topic ON reactions (topic_id);
CREATE INDEX reactions_member ON reactions (member_id);

CREATE TABLE drafts (
    id text PRIMARY KEY,             -- "{memberId}:{key}"
    member_id text NOT NULL,
    updated_at timestamptz NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX drafts_member ON drafts (member_id, updated_at DESC);

-- A profile page lists a member's topics newest first and counts their accepted answers; pins are few.
CREATE INDEX topics_author_id ON topics (author_id, id) WHERE NOT is_removed;
CREATE INDEX topics_accepted_author ON topics ((doc->>'AcceptedAuthorId')) WHERE NOT is_removed;
CREATE INDEX topics_pinned ON topics (id) WHERE doc->>'Pin' <> 'None' AND NOT is_removed;
