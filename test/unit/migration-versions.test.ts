// Upgrading from every earlier schema version must give exactly the schema of a fresh install and
// keep the data. Each version has a data fixture in test/fixtures/db/vN-data.sql.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { createMergeRepository } from '../../src/main/db/merge-repository';
import { loadMigrations, migrate, schemaVersion } from '../../src/main/db/migrate';
import { ROOT } from '../helpers/host';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';

const migrations = loadMigrations(MIGRATIONS_DIR);
const latest = migrations.at(-1)!.version;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function freshDb(): Db {
  const temp = tempDir('pt-mig-');
  cleanups.push(temp.cleanup);
  return openDatabase(join(temp.dir, 'app.db'));
}

/** Tables, columns (with types, defaults, nullability), indexes and their SQL: the schema as data. */
function schemaOf(db: Db): unknown {
  const objects = db.prepare(`SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as Array<{ type: string; name: string }>;
  return objects.map((object) => (object.type === 'table' ? { ...object, columns: db.pragma(`table_info(${object.name})`), foreignKeys: db.pragma(`foreign_key_list(${object.name})`) } : object));
}

describe('migrations from every earlier version', () => {
  const fresh = () => {
    const db = freshDb();
    migrate(db, migrations);
    return schemaOf(db);
  };

  for (let version = 1; version < latest; version += 1) {
    it(`upgrades a version-${version} database with data to the fresh schema`, () => {
      const fixture = join(ROOT, `test/fixtures/db/v${version}-data.sql`);
      expect(existsSync(fixture), `every old schema version needs a data fixture: ${fixture}`).toBe(true);
      const db = freshDb();
      migrate(db, migrations.slice(0, version));
      expect(schemaVersion(db)).toBe(version);
      db.exec(readFileSync(fixture, 'utf8'));
      migrate(db, migrations);
      expect(schemaVersion(db)).toBe(latest);
      expect(schemaOf(db)).toEqual(fresh());
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare(`SELECT title FROM tasks WHERE id = 1`).get()).toEqual({ title: 'Review the proposal' });
      expect(db.prepare(`SELECT status, task_id AS taskId FROM integration_tasks WHERE id = 1`).get()).toEqual({ status: 'approved', taskId: 1 });
      expect(db.prepare(`SELECT cursor, consecutive_failures AS failures, sync_lease_owner AS lease FROM integrations WHERE id = 1`).get()).toEqual({ cursor: '{"historyId":"42"}', failures: 0, lease: null });
      expect(db.prepare(`SELECT state FROM outbox`).all()).toEqual([{ state: 'pending' }]);
    });
  }

  it('version 3 indexes the rows that existed before it (search backfill) and keeps the index whole', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 2));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v2-data.sql'), 'utf8'));
    migrate(db, migrations);
    const suggestions = (match: string) => db.prepare(`SELECT rowid AS id FROM suggestion_fts WHERE suggestion_fts MATCH ? ORDER BY rowid`).all(match);
    // Sender with its accent folded, subject, body text, and the title of the row whose snapshot is damaged.
    expect(suggestions('"zoe" "muller"')).toEqual([{ id: 1 }]);
    expect(suggestions('"cafe"')).toEqual([{ id: 1 }]);
    expect(suggestions('"thursday"')).toEqual([{ id: 1 }]);
    expect(suggestions('"damaged"')).toEqual([{ id: 2 }]);
    // The task made from the suggestion is found by its source's words too.
    expect(db.prepare(`SELECT rowid AS id FROM task_fts WHERE task_fts MATCH '"zoe"'`).all()).toEqual([{ id: 1 }]);
    expect(db.prepare(`SELECT rowid AS id FROM task_fts WHERE task_fts MATCH '"proposal"'`).all()).toEqual([{ id: 1 }]);
    db.exec(`INSERT INTO suggestion_fts (suggestion_fts, rank) VALUES ('integrity-check', 1)`);
    db.exec(`INSERT INTO task_fts (task_fts, rank) VALUES ('integrity-check', 1)`);
    expect(db.prepare(`SELECT due_all_day AS allDay, snoozed_until AS snoozed FROM tasks WHERE id = 1`).get()).toEqual({ allDay: 0, snoozed: null });
  });

  it('version 4 dates past decisions and reads each suggestion\'s sender, list and channel', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 3));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v3-data.sql'), 'utf8'));
    migrate(db, migrations.slice(0, 4));
    const rows = db.prepare(`SELECT id, decided_at AS decidedAt, auto_approved_at AS autoAt, sender_key AS sender, list_key AS list, channel_key AS channel FROM integration_tasks ORDER BY id`).all();
    expect(rows).toEqual([
      { id: 1, decidedAt: '2026-01-02T00:00:00.000Z', autoAt: null, sender: null, list: null, channel: null },
      { id: 2, decidedAt: '2026-01-02T05:00:00.000Z', autoAt: null, sender: 'digest@lists.example.org', list: 'dev.lists.example.org', channel: null },
      { id: 3, decidedAt: '2026-01-03T00:00:00.000Z', autoAt: '2026-01-03T00:00:00.000Z', sender: 'billing@vendor.example', list: null, channel: null },
      // A withdrawal at the source is nobody's decision.
      { id: 4, decidedAt: null, autoAt: null, sender: null, list: null, channel: null },
      { id: 5, decidedAt: null, autoAt: null, sender: 'u9', list: null, channel: 'c1' },
    ]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM rules`).get()).toEqual({ n: 0 });
  });

  it('version 5 learns the senders of suggestions approved before it (known correspondents)', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 4));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v4-data.sql'), 'utf8'));
    migrate(db, migrations);
    expect(db.prepare(`SELECT address, wrote_to AS wroteTo, approved FROM known_correspondents ORDER BY address`).all()).toEqual([
      { address: 'dana@example.com', wroteTo: 0, approved: 1 },
      { address: 'slack:u07abc', wroteTo: 0, approved: 1 },
    ]);
    // Version 4's data is untouched: the snoozed suggestion, the reminder, the search index and the rules.
    expect(db.prepare(`SELECT snoozed_until AS snoozed FROM integration_tasks WHERE id = 5`).get()).toEqual({ snoozed: '2026-01-03T08:00:00.000Z' });
    expect(db.prepare(`SELECT fire_at AS fireAt FROM task_reminders WHERE task_id = 1`).get()).toEqual({ fireAt: '2026-01-05T08:45:00.000Z' });
    expect(db.prepare(`SELECT rowid AS id FROM suggestion_fts WHERE suggestion_fts MATCH '"dana"'`).all()).toEqual([{ id: 1 }]);
    expect(db.prepare(`SELECT hits, sender_key AS sender FROM rules, integration_tasks WHERE rules.id = 1 AND integration_tasks.id = 6`).get()).toEqual({ hits: 2, sender: 'billing@vendor.example' });
  });

  it('version 6 keeps every existing suggestion shown by itself, even two of one meeting (no row starts merged)', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 5));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v5-data.sql'), 'utf8'));
    migrate(db, migrations.slice(0, 6));
    const rows = db.prepare(`SELECT id, merged_into AS mergedInto, merge_reason AS reason, status, decided_at AS decidedAt FROM integration_tasks ORDER BY id`).all();
    expect(rows).toEqual([
      { id: 1, mergedInto: null, reason: null, status: 'approved', decidedAt: '2026-01-02T00:00:00.000Z' },
      { id: 2, mergedInto: null, reason: null, status: 'pending_approval', decidedAt: null },
      { id: 3, mergedInto: null, reason: null, status: 'pending_approval', decidedAt: null },
    ]);
    for (const table of ['merge_keys', 'merge_fingerprints', 'merge_refusals']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT id, suggestion_id AS suggestionId FROM tasks`).all()).toEqual([{ id: 1, suggestionId: 1 }]);
    expect(db.prepare(`SELECT value, hits FROM rules`).all()).toEqual([{ value: 'news.example', hits: 2 }]);
    expect(db.prepare(`SELECT address FROM known_correspondents`).all()).toEqual([{ address: 'zoe@acme.example' }]);
  });

  it('version 7 makes earlier Google connections services of their account, keeping their own tokens, and keeps queued actions', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 6));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v6-data.sql'), 'utf8'));
    migrate(db, migrations.slice(0, 7));
    const accounts = db.prepare(`SELECT id, family, account_id AS accountId, account_email AS email, display_name AS name, label, colour, credentials_encrypted AS blob FROM accounts ORDER BY id`).all();
    expect(accounts).toEqual([
      { id: 1, family: 'google', accountId: 'sub-1', email: 'me@example.com', name: 'Me', label: 'me@example.com', colour: '#1a73e8', blob: null },
      { id: 2, family: 'google', accountId: 'sub-2', email: 'work@example.org', name: null, label: 'work@example.org', colour: '#d93025', blob: null },
    ]);
    const rows = db.prepare(`SELECT id, account_ref AS ref, hex(credentials_encrypted) AS own, status FROM integrations ORDER BY id`).all();
    expect(rows).toEqual([
      { id: 1, ref: 1, own: '0102', status: 'connected' },
      { id: 2, ref: 1, own: '0304', status: 'connected' },
      { id: 3, ref: 2, own: '0506', status: 'needs_reconnect' },
      { id: 4, ref: null, own: '', status: 'connected' },
    ]);
    expect(db.prepare(`SELECT kind, state, attempts, effect_key AS key FROM outbox`).all()).toEqual([{ kind: 'mark_read', state: 'pending', attempts: 1, key: '1:mark_read:m1' }]);
    // The rebuilt outbox accepts the Google Tasks pushes and still refuses unknown kinds.
    const insert = db.prepare(`INSERT INTO outbox (integration_id, kind, target, effect_key, not_before, created_at, updated_at) VALUES (1, ?, '{}', ?, 'x', 'x', 'x')`);
    expect(() => insert.run('tasks_insert', 'k1')).not.toThrow();
    expect(() => insert.run('tasks_rename', 'k2')).toThrow(/CHECK/);
    // What versions 3 to 6 added stays: the decision, its sender, the rule, the search index, the known correspondent.
    expect(db.prepare(`SELECT decided_at AS decidedAt, sender_key AS sender FROM integration_tasks WHERE id = 1`).get()).toEqual({ decidedAt: '2026-01-02T00:00:00.000Z', sender: 'ann@acme.example' });
    expect(db.prepare(`SELECT action, value, hits FROM rules`).all()).toEqual([{ action: 'always', value: 'ann@acme.example', hits: 2 }]);
    expect(db.prepare(`SELECT rowid AS id FROM task_fts WHERE task_fts MATCH '"proposal"'`).all()).toEqual([{ id: 1 }]);
    expect(db.prepare(`SELECT address, wrote_to AS wroteTo, approved FROM known_correspondents`).all()).toEqual([{ address: 'ann@acme.example', wroteTo: 1, approved: 1 }]);
  });

  it('version 8 sets the old rule\'s model-failure quarantines waiting for judgement (to be fetched again), and keeps real quarantines', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 7));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v7-data.sql'), 'utf8'));
    migrate(db, migrations.slice(0, 8));
    const outcomes = db.prepare(`SELECT provider_item_id AS id, outcome FROM provider_items WHERE integration_id = 1 ORDER BY provider_item_id`).all();
    expect(outcomes).toEqual([
      { id: 'm1', outcome: 'suggested' },
      { id: 'm2', outcome: 'waiting' },
      { id: 'm3', outcome: 'waiting' },
      { id: 'm4', outcome: 'quarantined' },
      { id: 'm5', outcome: 'suggested' },
    ]);
    const waits = db.prepare(`SELECT provider_item_id AS id, thread_key AS threadKey, snapshot, attempts, last_error AS lastError FROM judgement_waits ORDER BY provider_item_id`).all();
    expect(waits).toEqual([
      { id: 'm2', threadKey: 't2', snapshot: null, attempts: 1, lastError: 'No usable suggestion: The LLM server had a problem (HTTP 500).' },
      { id: 'm3', threadKey: 't3', snapshot: null, attempts: 1, lastError: 'No usable suggestion: the engine skipped it' },
    ]);
    expect(db.prepare(`SELECT pages_committed AS pages, items_waiting AS waiting FROM integration_sync_logs`).get()).toEqual({ pages: 0, waiting: 0 });
    // Earlier data survives the rebuild of provider_items: the merge group, its keys, the calendar
    // account's item, the known correspondent and the rule.
    expect(db.prepare(`SELECT id, merged_into AS mergedInto FROM integration_tasks ORDER BY id`).all()).toEqual([
      { id: 1, mergedInto: null }, { id: 2, mergedInto: null }, { id: 3, mergedInto: 2 },
    ]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM merge_keys`).get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT outcome FROM provider_items WHERE integration_id = 2`).all()).toEqual([{ outcome: 'suggested' }]);
    expect(db.prepare(`SELECT address FROM known_correspondents`).all()).toEqual([{ address: 'zoe@acme.example' }]);
    expect(db.prepare(`SELECT value, hits FROM rules`).all()).toEqual([{ value: 'news.example', hits: 2 }]);
    expect(db.prepare(`SELECT id, suggestion_id AS suggestionId FROM tasks`).all()).toEqual([{ id: 1, suggestionId: 1 }]);
    // Version 7's Google account (its one token set), its three services and the Tasks link survive too.
    expect(db.prepare(`SELECT id, label, hex(credentials_encrypted) AS blob FROM accounts`).all()).toEqual([{ id: 1, label: 'Work', blob: '0A0B' }]);
    expect(db.prepare(`SELECT id, provider, account_ref AS ref FROM integrations ORDER BY id`).all()).toEqual([
      { id: 1, provider: 'gmail', ref: 1 }, { id: 2, provider: 'google_calendar', ref: 1 }, { id: 3, provider: 'google_tasks', ref: 1 },
    ]);
    expect(db.prepare(`SELECT task_id AS taskId, remote_id AS remoteId, etag FROM task_links`).all()).toEqual([{ taskId: 1, remoteId: 'r1', etag: '"e1"' }]);
  });

  it('version 9 indexes merge fingerprints by account: the nearby rows of other accounts are found, the synced account\'s own never read', () => {
    const db = freshDb();
    migrate(db, migrations.slice(0, 8));
    db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v8-data.sql'), 'utf8'));
    migrate(db, migrations.slice(0, 9));
    const merges = createMergeRepository(db, () => new Date('2026-01-04T00:00:00.000Z'));
    const window = { atFrom: 1767794400000 - 86_400_000, atTo: 1767794400000 + 86_400_000, sentFrom: 1, sentTo: 0, limit: 300 };
    expect(merges.nearbyRows(1, window).map((row) => [row.suggestionId, row.head, row.fingerprint.words])).toEqual([[3, 2, ['q3', 'planning']]]);
    expect(merges.nearbyRows(2, window).map((row) => row.suggestionId)).toEqual([2]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT suggestion_id FROM merge_fingerprints WHERE integration_id = 2 AND at_ms BETWEEN 0 AND 1`).all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toContain('merge_fingerprints_account_at');
    expect(db.prepare(`SELECT COUNT(*) AS n FROM judgement_waits`).get()).toEqual({ n: 1 });
  });

  it('a fresh install applies every migration once, in order', () => {
    const db = freshDb();
    expect(migrate(db, migrations)).toEqual(migrations.map((migration) => migration.version));
  });
});
