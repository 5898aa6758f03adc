-- Every server sends: a sender claims a batch of due messages (FOR UPDATE SKIP LOCKED) by writing its id here and
-- moving due_at to the claim's end, so the due index skips claimed rows until the claim runs out. A row keeps the
-- id of its last claimer once completed: for a sent row, the sender that sent it.
ALTER TABLE outbox ADD COLUMN claimed_by text;
