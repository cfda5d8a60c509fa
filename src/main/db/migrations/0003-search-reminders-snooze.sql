-- Daily use (issue 17): full-text search over tasks and suggestions, snooze, all-day due dates and the
-- reminder schedule.

-- What a suggestion's source item says, read from its snapshot (the shapes of providers/provider-item.ts:
-- email from/subject/bodyText, calendar organizer/title/description, Slack author/channelName/text).
-- VIRTUAL: computed when read, so nothing is stored twice and the index triggers see old and new values.
-- A damaged snapshot reads as '' instead of failing every statement that touches the row.
ALTER TABLE integration_tasks ADD COLUMN search_sender TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(item_snapshot) THEN trim(
    coalesce(json_extract(item_snapshot, '$.from.name'), '') || ' ' || coalesce(json_extract(item_snapshot, '$.from.address'), '') || ' ' ||
    coalesce(json_extract(item_snapshot, '$.author.name'), '') || ' ' ||
    coalesce(json_extract(item_snapshot, '$.organizer.name'), '') || ' ' || coalesce(json_extract(item_snapshot, '$.organizer.address'), ''))
  ELSE '' END) VIRTUAL;
ALTER TABLE integration_tasks ADD COLUMN search_subject TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(item_snapshot) THEN coalesce(
    json_extract(item_snapshot, '$.subject'), json_extract(item_snapshot, '$.title'), json_extract(item_snapshot, '$.channelName'), '')
  ELSE '' END) VIRTUAL;
-- Bounded: the index never holds more than 20,000 characters of one item's text.
ALTER TABLE integration_tasks ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(item_snapshot) THEN substr(coalesce(
    json_extract(item_snapshot, '$.bodyText'), json_extract(item_snapshot, '$.text'), json_extract(item_snapshot, '$.description'), ''), 1, 20000)
  ELSE '' END) VIRTUAL;

-- External-content FTS5 tables: the text lives once, in the base tables; the index is kept in step by the
-- triggers below. unicode61 with remove_diacritics 2 folds "Café" and "cafe" together; the prefix
-- indexes make as-you-type queries ("bud*") cheap.
CREATE VIRTUAL TABLE suggestion_fts USING fts5(
  title, description, tags, search_sender, search_subject, search_text,
  content = 'integration_tasks', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER suggestion_fts_insert AFTER INSERT ON integration_tasks BEGIN
  INSERT INTO suggestion_fts (rowid, title, description, tags, search_sender, search_subject, search_text)
  VALUES (new.id, new.title, new.description, new.tags, new.search_sender, new.search_subject, new.search_text);
END;
CREATE TRIGGER suggestion_fts_delete AFTER DELETE ON integration_tasks BEGIN
  INSERT INTO suggestion_fts (suggestion_fts, rowid, title, description, tags, search_sender, search_subject, search_text)
  VALUES ('delete', old.id, old.title, old.description, old.tags, old.search_sender, old.search_subject, old.search_text);
END;
-- Only the indexed columns: approving or dismissing (status, task_id) leaves the index alone.
CREATE TRIGGER suggestion_fts_update AFTER UPDATE OF title, description, tags, item_snapshot ON integration_tasks BEGIN
  INSERT INTO suggestion_fts (suggestion_fts, rowid, title, description, tags, search_sender, search_subject, search_text)
  VALUES ('delete', old.id, old.title, old.description, old.tags, old.search_sender, old.search_subject, old.search_text);
  INSERT INTO suggestion_fts (rowid, title, description, tags, search_sender, search_subject, search_text)
  VALUES (new.id, new.title, new.description, new.tags, new.search_sender, new.search_subject, new.search_text);
END;

-- A task made from a suggestion keeps the words of its source (sender, subject, start of the text) so
-- it is found by them too, even after the account is removed. Written once, when the task is created.
ALTER TABLE tasks ADD COLUMN source_text TEXT NOT NULL DEFAULT '';
UPDATE tasks SET source_text = coalesce((
  SELECT trim(s.search_sender || ' ' || s.search_subject || ' ' || substr(s.search_text, 1, 2000))
  FROM integration_tasks s WHERE s.id = tasks.suggestion_id), '')
WHERE suggestion_id IS NOT NULL;

CREATE VIRTUAL TABLE task_fts USING fts5(
  title, description, tags, source_text,
  content = 'tasks', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER task_fts_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_fts (rowid, title, description, tags, source_text) VALUES (new.id, new.title, new.description, new.tags, new.source_text);
END;
CREATE TRIGGER task_fts_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO task_fts (task_fts, rowid, title, description, tags, source_text) VALUES ('delete', old.id, old.title, old.description, old.tags, old.source_text);
END;
CREATE TRIGGER task_fts_update AFTER UPDATE OF title, description, tags, source_text ON tasks BEGIN
  INSERT INTO task_fts (task_fts, rowid, title, description, tags, source_text) VALUES ('delete', old.id, old.title, old.description, old.tags, old.source_text);
  INSERT INTO task_fts (rowid, title, description, tags, source_text) VALUES (new.id, new.title, new.description, new.tags, new.source_text);
END;

-- Backfill: index every row that existed before this migration.
INSERT INTO suggestion_fts (suggestion_fts) VALUES ('rebuild');
INSERT INTO task_fts (task_fts) VALUES ('rebuild');

-- Snooze: a row whose snoozed_until is still ahead leaves its default view and comes back by itself.
ALTER TABLE tasks ADD COLUMN snoozed_until TEXT;
ALTER TABLE integration_tasks ADD COLUMN snoozed_until TEXT;
CREATE INDEX tasks_snoozed ON tasks (snoozed_until) WHERE snoozed_until IS NOT NULL;
CREATE INDEX integration_tasks_snoozed ON integration_tasks (snoozed_until) WHERE snoozed_until IS NOT NULL;

-- A due date without a time ("pay rent on the 1st"): due_at is 00:00 on that day in the person's zone.
ALTER TABLE tasks ADD COLUMN due_all_day INTEGER NOT NULL DEFAULT 0 CHECK (due_all_day IN (0, 1));

-- The reminder schedule, one row per open task with a due time. `fired_at` is set in the same statement
-- that claims the reminder, so it fires once: not twice after a restart, not twice from two processes.
-- `due_at` and `snoozed_until` record what the reminder was computed for; a changed due time is a new
-- reminder, a changed lead time only moves one not yet fired.
CREATE TABLE task_reminders (
  task_id       INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  due_at        TEXT    NOT NULL,
  snoozed_until TEXT,
  fire_at       TEXT    NOT NULL,
  fired_at      TEXT,
  -- 1 when the due time had already passed when the reminder was made: nothing to remind of.
  skipped       INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  updated_at    TEXT    NOT NULL
);
CREATE INDEX task_reminders_pending ON task_reminders (fire_at) WHERE fired_at IS NULL;
