-- One commitment, one suggestion (issue 19): the same commitment arriving from several sources (an
-- invitation email and its calendar event, a Slack message linking an email thread) is shown once.
-- Every item keeps its own suggestion row (its tombstone, its write-back, its edits at the source); the
-- rows of a group point at the one the feed shows.

-- The row this one joined (null: the row is shown itself, alone or as the head of a group), and why.
ALTER TABLE integration_tasks ADD COLUMN merged_into INTEGER REFERENCES integration_tasks (id) ON DELETE SET NULL;
ALTER TABLE integration_tasks ADD COLUMN merge_reason TEXT;
CREATE INDEX integration_tasks_members ON integration_tasks (merged_into) WHERE merged_into IS NOT NULL;

-- Keys naming what an item is or links to (an iCalUID, a Message-ID, a Gmail thread, a Calendar event,
-- a Slack message): two rows of different accounts sharing a key are one commitment.
CREATE TABLE merge_keys (
  key            TEXT    NOT NULL,
  suggestion_id  INTEGER NOT NULL REFERENCES integration_tasks (id) ON DELETE CASCADE,
  integration_id INTEGER NOT NULL,
  PRIMARY KEY (key, suggestion_id)
) WITHOUT ROWID;
CREATE INDEX merge_keys_by_suggestion ON merge_keys (suggestion_id);

-- What the similarity compares when no key links two items (merge/fingerprint.ts), one row per suggestion.
CREATE TABLE merge_fingerprints (
  suggestion_id  INTEGER PRIMARY KEY REFERENCES integration_tasks (id) ON DELETE CASCADE,
  integration_id INTEGER NOT NULL,
  at_ms          INTEGER,
  -- 1 when at_ms is exact (an event's start, an invitation's DTSTART), 0 when read from text.
  at_exact       INTEGER NOT NULL DEFAULT 0 CHECK (at_exact IN (0, 1)),
  sent_ms        INTEGER,
  words          TEXT    NOT NULL DEFAULT '[]',
  people         TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX merge_fingerprints_at ON merge_fingerprints (at_ms) WHERE at_ms IS NOT NULL;
CREATE INDEX merge_fingerprints_sent ON merge_fingerprints (sent_ms) WHERE sent_ms IS NOT NULL;

-- Rows the person split apart (suggestions:unmerge): never in one group again. Stored both ways round.
CREATE TABLE merge_refusals (
  suggestion_id  INTEGER NOT NULL REFERENCES integration_tasks (id) ON DELETE CASCADE,
  refused_id     INTEGER NOT NULL REFERENCES integration_tasks (id) ON DELETE CASCADE,
  created_at     TEXT    NOT NULL,
  PRIMARY KEY (suggestion_id, refused_id)
) WITHOUT ROWID;
CREATE INDEX merge_refusals_refused ON merge_refusals (refused_id);
