-- One Google sign-in for several services, and Google Tasks as a destination for approved tasks.
--
-- `accounts`: one row per Google account (Google's `sub`), with the one token set its services share
-- (sealed, like integrations.credentials_encrypted) and the colour and label the feed shows for it.
-- An integration with account_ref uses the account's token set unless it still holds its own
-- (a connection made before this version, which keeps working as it was).
CREATE TABLE accounts (
  id                    INTEGER PRIMARY KEY,
  family                TEXT    NOT NULL CHECK (family IN ('google')),
  account_id            TEXT    NOT NULL,
  account_email         TEXT,
  display_name          TEXT,
  label                 TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  colour                TEXT    NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  credentials_encrypted BLOB,
  granted_scopes        TEXT    NOT NULL DEFAULT '[]',
  created_at            TEXT    NOT NULL,
  updated_at            TEXT    NOT NULL,
  UNIQUE (family, account_id)
);

ALTER TABLE integrations ADD COLUMN account_ref INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
CREATE INDEX integrations_by_account ON integrations (account_ref);

-- Earlier Gmail and Calendar connections of one Google account become that account's services
-- (colour and label in the feed); their own tokens stay where they are.
INSERT INTO accounts (family, account_id, account_email, display_name, label, colour, granted_scopes, created_at, updated_at)
SELECT 'google', account_id, account_email, display_name, COALESCE(account_email, 'Google account'),
       CASE (rank - 1) % 8
         WHEN 0 THEN '#1a73e8' WHEN 1 THEN '#d93025' WHEN 2 THEN '#188038' WHEN 3 THEN '#e37400'
         WHEN 4 THEN '#9334e6' WHEN 5 THEN '#007b83' WHEN 6 THEN '#b06000' ELSE '#c5221f' END,
       '[]', created_at, created_at
FROM (
  SELECT account_id, MAX(account_email) AS account_email, MAX(display_name) AS display_name, MIN(created_at) AS created_at,
         ROW_NUMBER() OVER (ORDER BY MIN(id)) AS rank
  FROM integrations
  WHERE provider IN ('gmail', 'google_calendar') AND account_id IS NOT NULL
  GROUP BY account_id
);
UPDATE integrations
SET account_ref = (SELECT a.id FROM accounts a WHERE a.family = 'google' AND a.account_id = integrations.account_id)
WHERE provider IN ('gmail', 'google_calendar') AND account_id IS NOT NULL;

-- Where a local task lives in Google Tasks: the list, the remote id, and the ETag and `updated` time
-- of the version both sides last agreed on (so a pull tells a remote edit from our own echo).
CREATE TABLE task_links (
  task_id         INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  integration_id  INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  list_id         TEXT    NOT NULL,
  remote_id       TEXT    NOT NULL,
  -- The marker the app wrote in the remote task's notes (see providers/google-tasks/task-notes.ts).
  marker          TEXT    NOT NULL,
  etag            TEXT,
  remote_updated  TEXT,
  synced_at       TEXT    NOT NULL,
  PRIMARY KEY (task_id, integration_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX task_links_remote ON task_links (integration_id, remote_id);

-- The outbox learns the Google Tasks pushes. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE outbox_next (
  id              INTEGER PRIMARY KEY,
  integration_id  INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  task_id         INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('mark_read','archive','react','tasks_insert','tasks_patch','tasks_delete')),
  target          TEXT    NOT NULL,
  label           TEXT    NOT NULL DEFAULT '',
  -- One live action per effect: a second "archive message X" joins the first instead of repeating it.
  effect_key      TEXT    NOT NULL,
  state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','running','done','dead','cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  not_before      TEXT    NOT NULL,
  last_error      TEXT,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL
);
INSERT INTO outbox_next (id, integration_id, task_id, kind, target, label, effect_key, state, attempts, not_before, last_error, created_at, updated_at)
SELECT id, integration_id, task_id, kind, target, label, effect_key, state, attempts, not_before, last_error, created_at, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE UNIQUE INDEX outbox_effect_live ON outbox (effect_key) WHERE state IN ('pending','running','done');
CREATE INDEX outbox_due ON outbox (state, not_before);
CREATE INDEX outbox_by_task ON outbox (task_id, state);
