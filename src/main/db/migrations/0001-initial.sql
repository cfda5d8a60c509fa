-- The five tables of DESIGN.md §3, plus the bookkeeping the sync engine needs to never see an item twice.
-- Times are ISO 8601 UTC strings (sortable); JSON columns hold arrays/objects validated in repositories.

CREATE TABLE integrations (
  id                     INTEGER PRIMARY KEY,
  provider               TEXT    NOT NULL,
  status                 TEXT    NOT NULL DEFAULT 'disconnected'
                         CHECK (status IN ('connected','disconnected','error','connecting','needs_reconnect')),
  account_id             TEXT,
  account_email          TEXT,
  display_name           TEXT,
  credentials_encrypted  BLOB,
  granted_scopes         TEXT    NOT NULL DEFAULT '[]',
  sync_frequency_minutes INTEGER NOT NULL DEFAULT 15 CHECK (sync_frequency_minutes > 0),
  auto_generate          INTEGER NOT NULL DEFAULT 1 CHECK (auto_generate IN (0, 1)),
  settings               TEXT    NOT NULL DEFAULT '{}',
  cursor                 TEXT,
  last_sync_at           TEXT,
  next_sync_at           TEXT,
  last_error             TEXT,
  created_at             TEXT    NOT NULL,
  updated_at             TEXT    NOT NULL
);
-- One row per account and provider; a reconnect reuses the row.
CREATE UNIQUE INDEX integrations_account ON integrations (provider, account_id) WHERE account_id IS NOT NULL;
-- The scheduler's "which integrations are due" query.
CREATE INDEX integrations_due ON integrations (status, next_sync_at);

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  title         TEXT    NOT NULL CHECK (length(title) > 0),
  description   TEXT    NOT NULL DEFAULT '',
  priority      TEXT    NOT NULL DEFAULT 'medium' CHECK (priority IN ('low','medium','high','urgent')),
  due_at        TEXT,
  tags          TEXT    NOT NULL DEFAULT '[]',
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
  suggestion_id INTEGER REFERENCES integration_tasks (id) ON DELETE SET NULL,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  completed_at  TEXT
);
CREATE INDEX tasks_by_status ON tasks (status, due_at);
CREATE INDEX tasks_by_suggestion ON tasks (suggestion_id);

CREATE TABLE integration_tasks (
  id              INTEGER PRIMARY KEY,
  integration_id  INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  item_type       TEXT    NOT NULL,
  provider_item_id TEXT   NOT NULL,
  thread_key      TEXT,
  title           TEXT    NOT NULL,
  description     TEXT    NOT NULL DEFAULT '',
  priority        TEXT    NOT NULL DEFAULT 'medium' CHECK (priority IN ('low','medium','high','urgent')),
  deadline        TEXT,
  tags            TEXT    NOT NULL DEFAULT '[]',
  confidence      REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  reasoning       TEXT    NOT NULL DEFAULT '',
  model           TEXT    NOT NULL DEFAULT '',
  flags           TEXT    NOT NULL DEFAULT '[]',
  status          TEXT    NOT NULL DEFAULT 'pending_approval'
                  CHECK (status IN ('pending_approval','approved','dismissed','auto_approved')),
  task_id         INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
  item_snapshot   TEXT    NOT NULL DEFAULT '{}',
  -- The small part of the snapshot the feed shows, kept apart so listing never parses whole bodies.
  preview         TEXT,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  UNIQUE (integration_id, provider_item_id)
);
-- The feed: pending (or auto-approved) suggestions, best first.
CREATE INDEX integration_tasks_feed ON integration_tasks (status, confidence DESC, id DESC);
CREATE INDEX integration_tasks_by_integration ON integration_tasks (integration_id, status);
-- One live suggestion per thread.
CREATE INDEX integration_tasks_thread ON integration_tasks (integration_id, thread_key, status);
CREATE INDEX integration_tasks_by_task ON integration_tasks (task_id);

CREATE TABLE integration_sync_logs (
  id                    INTEGER PRIMARY KEY,
  integration_id        INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  status                TEXT    NOT NULL CHECK (status IN ('running','succeeded','failed','partial')),
  trigger               TEXT    NOT NULL DEFAULT 'manual',
  started_at            TEXT    NOT NULL,
  finished_at           TEXT,
  duration_ms           INTEGER,
  items_fetched         INTEGER NOT NULL DEFAULT 0,
  items_quarantined     INTEGER NOT NULL DEFAULT 0,
  suggestions_generated INTEGER NOT NULL DEFAULT 0,
  auto_approved         INTEGER NOT NULL DEFAULT 0,
  api_calls             INTEGER NOT NULL DEFAULT 0,
  quota_units           INTEGER NOT NULL DEFAULT 0,
  llm_tokens            INTEGER NOT NULL DEFAULT 0,
  error                 TEXT,
  notes                 TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX integration_sync_logs_recent ON integration_sync_logs (integration_id, id DESC);

-- Every provider item the engine has seen and what became of it, so a later sync skips it.
CREATE TABLE provider_items (
  integration_id   INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  provider_item_id TEXT    NOT NULL,
  item_type        TEXT    NOT NULL,
  thread_key       TEXT,
  outcome          TEXT    NOT NULL CHECK (outcome IN ('suggested','no_action','filtered','quarantined')),
  reason           TEXT,
  seen_at          TEXT    NOT NULL,
  PRIMARY KEY (integration_id, provider_item_id)
) WITHOUT ROWID;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  integration_id  INTEGER NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  task_id         INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('mark_read','archive','react')),
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
CREATE UNIQUE INDEX outbox_effect_live ON outbox (effect_key) WHERE state IN ('pending','running','done');
CREATE INDEX outbox_due ON outbox (state, not_before);

-- Secrets set in Settings (client secrets, LLM key), sealed by the platform cipher.
CREATE TABLE app_secrets (
  name        TEXT PRIMARY KEY,
  ciphertext  BLOB NOT NULL,
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;
