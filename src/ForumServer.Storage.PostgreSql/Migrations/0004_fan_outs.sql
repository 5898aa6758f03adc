-- Fan-outs still to do (stored before the response, deleted once their notifications and mail are stored), and the
-- lookup of a post's notifications that a resumed fan-out uses to skip members already notified.
CREATE TABLE notification_fan_outs (
    id serial PRIMARY KEY,
    doc jsonb NOT NULL
);
CREATE INDEX notifications_post ON notifications (((doc->>'PostId')::int));
