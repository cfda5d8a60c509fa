-- People the person has dealt with: addresses they wrote to (sent-mail headers) and senders of
-- suggestions they approved. Auto-approve never turns a stranger's request into a task.
-- `address` is a sender key (items/sender-key.ts): a lower-cased address, or slack:<user id>.
CREATE TABLE known_correspondents (
  address     TEXT    PRIMARY KEY,
  wrote_to    INTEGER NOT NULL DEFAULT 0 CHECK (wrote_to IN (0, 1)),
  approved    INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
  updated_at  TEXT    NOT NULL
) WITHOUT ROWID;

-- Senders of the suggestions already approved before this version.
INSERT INTO known_correspondents (address, approved, updated_at)
SELECT DISTINCT key, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (
  SELECT lower(trim(CASE item_type
    WHEN 'email' THEN json_extract(item_snapshot, '$.from.address')
    WHEN 'calendar_event' THEN json_extract(item_snapshot, '$.organizer.address')
    WHEN 'slack_message' THEN 'slack:' || json_extract(item_snapshot, '$.author.id')
  END)) AS key
  FROM integration_tasks
  WHERE status = 'approved' AND json_valid(item_snapshot)
)
WHERE key IS NOT NULL AND key <> '' AND key <> 'slack:';
