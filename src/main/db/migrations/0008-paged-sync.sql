-- Paged syncs and nothing lost when the model fails (issues 16 and 14).
--
-- 1. An item can now wait for judgement: the model failed on it (HTTP error, timeout, refusal, no
--    usable verdict). It is known (a later fetch skips it) but not judged; SQLite cannot change a
--    CHECK in place, so provider_items is rebuilt with the new outcome.
CREATE TABLE provider_items_new (
  integration_id   INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  provider_item_id TEXT    NOT NULL,
  item_type        TEXT    NOT NULL,
  thread_key       TEXT,
  outcome          TEXT    NOT NULL CHECK (outcome IN ('suggested','no_action','filtered','quarantined','waiting')),
  reason           TEXT,
  seen_at          TEXT    NOT NULL,
  PRIMARY KEY (integration_id, provider_item_id)
) WITHOUT ROWID;
INSERT INTO provider_items_new (integration_id, provider_item_id, item_type, thread_key, outcome, reason, seen_at)
  SELECT integration_id, provider_item_id, item_type, thread_key, outcome, reason, seen_at FROM provider_items;
DROP TABLE provider_items;
ALTER TABLE provider_items_new RENAME TO provider_items;

-- 2. What a waiting item needs to be judged later: its content as read (the cursor has moved on,
--    so the provider will not hand it over again), the attempts so far and when to try next.
--    A NULL snapshot means the content was never kept and the provider fetches it again by ID.
CREATE TABLE judgement_waits (
  integration_id   INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  provider_item_id TEXT    NOT NULL,
  item_type        TEXT    NOT NULL,
  thread_key       TEXT,
  snapshot         TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT    NOT NULL,
  last_error       TEXT,
  created_at       TEXT    NOT NULL,
  PRIMARY KEY (integration_id, provider_item_id)
) WITHOUT ROWID;
CREATE INDEX judgement_waits_due ON judgement_waits (integration_id, next_attempt_at);

-- 3. Items the old rule quarantined because the model failed ("No usable suggestion: ...") are
--    judged once more. Their content was not kept, so they wait with no snapshot: the next sync
--    fetches them again from the provider (Gmail by message ID, files by reading the file again).
INSERT INTO judgement_waits (integration_id, provider_item_id, item_type, thread_key, snapshot, attempts, next_attempt_at, last_error, created_at)
  SELECT integration_id, provider_item_id, item_type, thread_key, NULL, 1,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), reason, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM provider_items WHERE outcome = 'quarantined' AND reason LIKE 'No usable suggestion:%';
UPDATE provider_items SET outcome = 'waiting' WHERE outcome = 'quarantined' AND reason LIKE 'No usable suggestion:%';

-- 4. A sync saves page by page: the log row counts the pages saved and the items left waiting.
ALTER TABLE integration_sync_logs ADD COLUMN pages_committed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE integration_sync_logs ADD COLUMN items_waiting INTEGER NOT NULL DEFAULT 0;
