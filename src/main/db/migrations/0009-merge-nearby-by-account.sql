-- The merge step looks for rows of the OTHER accounts near a new suggestion's time. Indexed by time
-- alone, every row of the account being synced inside the window was read and thrown away, so a large
-- import slowed down with each page (each new row read all its own account's earlier rows). Indexed by
-- account then time, each other account is searched on its own.
DROP INDEX IF EXISTS merge_fingerprints_at;
DROP INDEX IF EXISTS merge_fingerprints_sent;
CREATE INDEX merge_fingerprints_account_at ON merge_fingerprints (integration_id, at_ms) WHERE at_ms IS NOT NULL;
CREATE INDEX merge_fingerprints_account_sent ON merge_fingerprints (integration_id, sent_ms) WHERE sent_ms IS NOT NULL;
