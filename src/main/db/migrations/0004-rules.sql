-- What the app learns from the person (issue 15): their rules, and when each suggestion was decided.

-- "Never / always suggest from" and "priority" rules by sender, domain, mailing list, Slack channel or
-- calendar. Learned rules start as proposals; an ignored proposal is kept (status 'ignored') so the
-- same one is never proposed again, and rules:list does not show it.
CREATE TABLE rules (
  id          INTEGER PRIMARY KEY,
  action      TEXT    NOT NULL CHECK (action IN ('never','always','priority')),
  scope       TEXT    NOT NULL CHECK (scope IN ('sender','domain','list','channel','calendar')),
  value       TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
  label       TEXT,
  priority    TEXT    CHECK (priority IN ('low','medium','high','urgent')),
  origin      TEXT    NOT NULL DEFAULT 'person' CHECK (origin IN ('person','learned')),
  status      TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active','proposed','ignored')),
  hits        INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  reason      TEXT,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  CHECK ((action = 'priority') = (priority IS NOT NULL))
);
-- One "never/always" rule and one "priority" rule per target: setting "never" replaces "always".
CREATE UNIQUE INDEX rules_target ON rules (scope, value, (action = 'priority'));

-- When the person (or auto-approve) decided a suggestion; NULL while pending and for withdrawals
-- at the source, which are nobody's decision.
ALTER TABLE integration_tasks ADD COLUMN decided_at TEXT;
-- Set when auto-approve made the task; kept after an undo, so "kept vs undone" can be counted.
ALTER TABLE integration_tasks ADD COLUMN auto_approved_at TEXT;

-- Who or what an item came from, stored when the suggestion is (see items/rules.ts storedKeysOf): the
-- sender's address (email), the author's ID (Slack), the organizer (calendar); the list's ID from
-- List-Id; the Slack channel ID. Plain columns, so listing the feed never parses a snapshot.
ALTER TABLE integration_tasks ADD COLUMN sender_key TEXT;
ALTER TABLE integration_tasks ADD COLUMN list_key TEXT;
ALTER TABLE integration_tasks ADD COLUMN channel_key TEXT;
UPDATE integration_tasks SET
  sender_key = NULLIF(lower(trim(x.sender)), ''),
  list_key = NULLIF(lower(trim(CASE WHEN instr(x.list, '<') > 0 AND instr(x.list, '>') > instr(x.list, '<')
    THEN substr(x.list, instr(x.list, '<') + 1, instr(x.list, '>') - instr(x.list, '<') - 1) ELSE x.list END)), ''),
  channel_key = NULLIF(lower(trim(x.channel)), '')
FROM (
  SELECT id,
    CASE item_type
      WHEN 'email' THEN json_extract(item_snapshot, '$.from.address')
      WHEN 'slack_message' THEN json_extract(item_snapshot, '$.author.id')
      WHEN 'calendar_event' THEN json_extract(item_snapshot, '$.organizer.address')
    END AS sender,
    CASE WHEN item_type = 'email' THEN json_extract(item_snapshot, '$.headers.listId') END AS list,
    CASE WHEN item_type = 'slack_message' THEN json_extract(item_snapshot, '$.channelId') END AS channel
  FROM integration_tasks WHERE json_valid(item_snapshot)
) AS x
WHERE x.id = integration_tasks.id;
-- Learned proposals count decisions per sender, list and channel; History filters by sender.
CREATE INDEX integration_tasks_sender ON integration_tasks (sender_key, status);
CREATE INDEX integration_tasks_list ON integration_tasks (list_key, status) WHERE list_key IS NOT NULL;
CREATE INDEX integration_tasks_channel ON integration_tasks (channel_key, status) WHERE channel_key IS NOT NULL;
-- Stats and calibration read recent decisions.
CREATE INDEX integration_tasks_decided ON integration_tasks (decided_at) WHERE decided_at IS NOT NULL;

-- Suggestions decided before this version: their last change is the best known decision time.
UPDATE integration_tasks SET decided_at = updated_at
  WHERE status IN ('approved','auto_approved') OR (status = 'dismissed' AND flags NOT LIKE '%"withdrawn-at-source"%');
UPDATE integration_tasks SET auto_approved_at = updated_at WHERE status = 'auto_approved';
