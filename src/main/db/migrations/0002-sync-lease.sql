-- A lease per integration so two app instances (or a tick and "Sync now") never sync one account at
-- the same time: the holder writes its id and an expiry; a crashed holder's lease simply runs out.
ALTER TABLE integrations ADD COLUMN sync_lease_owner TEXT;
ALTER TABLE integrations ADD COLUMN sync_lease_until TEXT;
-- Failures in a row, for the scheduler's exponential backoff (survives restarts).
ALTER TABLE integrations ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
