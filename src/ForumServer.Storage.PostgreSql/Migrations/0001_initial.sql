-- Every table keeps the whole record in doc (jsonb) and, as columns, what its queries filter and sort on.
-- Each list query has an index matching its WHERE and ORDER BY.

CREATE TABLE members (
    id text PRIMARY KEY,
    normalized_email text NOT NULL,
    normalized_display_name text NOT NULL UNIQUE,
    roles text[] NOT NULL DEFAULT '{}',
    doc jsonb NOT NULL
);
-- One account per email; erased or anonymized rows may carry none.
CREATE UNIQUE INDEX members_email ON members (normalized_email) WHERE normalized_email <> '';
CREATE INDEX members_roles ON members USING gin (roles);

CREATE TABLE categories (
    id serial PRIMARY KEY,
    sort_order int NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX categories_order ON categories (sort_order, id);

CREATE TABLE topics (
    id serial PRIMARY KEY,
    category_id int NOT NULL,
    author_id text NOT NULL,
    last_post_at timestamptz NOT NULL,
    last_post_id int NOT NULL DEFAULT 0,
    is_removed boolean NOT NULL DEFAULT false,
    doc jsonb NOT NULL
);
CREATE INDEX topics_category_activity ON topics (category_id, last_post_at DESC) WHERE NOT is_removed;
CREATE INDEX topics_activity ON topics (last_post_at DESC) WHERE NOT is_removed;
CREATE INDEX topics_author ON topics (author_id);
CREATE INDEX topics_last_post ON topics (last_post_id);

CREATE TABLE posts (
    id serial PRIMARY KEY,
    topic_id int NOT NULL,
    number int NOT NULL,
    author_id text NOT NULL,
    doc jsonb NOT NULL,
    CONSTRAINT posts_topic_number UNIQUE (topic_id, number)
);
CREATE INDEX posts_topic_id ON posts (topic_id, id);
CREATE INDEX posts_author ON posts (author_id, id);

CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    dedup_key text NOT NULL UNIQUE,
    state text NOT NULL,
    due_at timestamptz,
    batch text,
    doc jsonb NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at, id) WHERE state = 'Pending';
CREATE INDEX outbox_state ON outbox (state);
CREATE INDEX outbox_batch ON outbox (batch, state) WHERE batch IS NOT NULL;

CREATE TABLE mail_contents (id text PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE mail_bounces (id text PRIMARY KEY, doc jsonb NOT NULL);

CREATE TABLE mailing_lists (
    id text PRIMARY KEY,
    sort_order int NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX mailing_lists_order ON mailing_lists (sort_order, id);

CREATE TABLE subscriptions (
    id bigserial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    token text NOT NULL UNIQUE,
    confirm_hash text,
    list_id text NOT NULL,
    state text NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX subscriptions_confirm ON subscriptions (confirm_hash) WHERE confirm_hash IS NOT NULL;
CREATE INDEX subscriptions_list ON subscriptions (list_id, id);
CREATE INDEX subscriptions_list_state ON subscriptions (list_id, state, id);
CREATE INDEX subscriptions_state ON subscriptions (state, id);

CREATE TABLE list_issues (
    id bigserial PRIMARY KEY,
    list_id text NOT NULL,
    state text NOT NULL,
    scheduled_at timestamptz,
    doc jsonb NOT NULL
);
CREATE INDEX list_issues_list ON list_issues (list_id, id DESC);
CREATE INDEX list_issues_state ON list_issues (state, id);

CREATE TABLE flags (
    id serial PRIMARY KEY,
    post_id int NOT NULL,
    filed_by_id text NOT NULL,
    resolved_at timestamptz,
    doc jsonb NOT NULL
);
CREATE INDEX flags_open ON flags (id) WHERE resolved_at IS NULL;
CREATE INDEX flags_post ON flags (post_id) WHERE resolved_at IS NULL;
CREATE INDEX flags_filed_by ON flags (filed_by_id, id);

CREATE TABLE deletion_requests (
    id serial PRIMARY KEY,
    state text NOT NULL,
    member_id text,
    due_at timestamptz,
    doc jsonb NOT NULL
);
CREATE INDEX deletion_requests_open ON deletion_requests (due_at NULLS FIRST, id) WHERE state IN ('Confirmed', 'InProgress');
CREATE INDEX deletion_requests_state ON deletion_requests (state, id);
CREATE INDEX deletion_requests_member ON deletion_requests (member_id, id);

CREATE TABLE audit (
    id bigserial PRIMARY KEY,
    doc jsonb NOT NULL
);

CREATE TABLE media (
    id text PRIMARY KEY,
    owner_id text NOT NULL,
    post_id int,
    created_at timestamptz NOT NULL,
    bytes bigint NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX media_owner ON media (owner_id, created_at);
CREATE INDEX media_post ON media (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX media_unattached ON media (created_at) WHERE post_id IS NULL;

CREATE TABLE contact_messages (
    id serial PRIMARY KEY,
    from_address text NOT NULL,
    closed_at timestamptz,
    doc jsonb NOT NULL
);
CREATE INDEX contact_messages_open ON contact_messages (id) WHERE closed_at IS NULL;
CREATE INDEX contact_messages_from ON contact_messages (from_address);

CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);

-- ASP.NET Core DataProtection keys, shared by every server so a cookie from one is valid on the others.
CREATE TABLE dataprotection_keys (name text PRIMARY KEY, xml text NOT NULL);
