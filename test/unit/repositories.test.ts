import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUE_SQL } from '../../src/main/db/integration-repository';
import { suggestionWhere } from '../../src/main/db/suggestion-filters';
import { feedSql } from '../../src/main/db/suggestion-repository';
import { EventBus } from '../../src/main/events';
import { createSuggestionService } from '../../src/main/services/suggestion-service';
import { createTaskService } from '../../src/main/services/task-service';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';
import { clockOf, makeSuggestion } from '../helpers/factories';

let t: TestDatabase;
beforeEach(() => {
  t = createTestDatabase();
});
afterEach(() => t.close());

describe('task repository and service', () => {
  it('creates, edits, completes, reopens and deletes a task', () => {
    const events = new EventBus();
    const seen: string[] = [];
    events.subscribe((event) => seen.push(event));
    const service = createTaskService(t.repos, events, {}, clockOf(t));
    const task = service.create({ title: 'Write report', dueAt: '2026-01-09T17:00:00+01:00', tags: ['work'] });
    expect(task).toMatchObject({ title: 'Write report', status: 'open', dueAt: '2026-01-09T16:00:00.000Z', tags: ['work'], priority: 'medium' });
    expect(service.update(task.id, { priority: 'high', dueAt: null }).priority).toBe('high');
    t.clock.advance(60_000);
    const done = service.complete(task.id);
    expect(done.status).toBe('done');
    expect(done.completedAt).toBe(t.clock.now().toISOString());
    expect(() => service.complete(task.id)).toThrow(/already done/);
    expect(service.reopen(task.id).completedAt).toBeNull();
    expect(service.list({ status: 'open' })).toHaveLength(1);
    service.remove(task.id);
    expect(service.list()).toEqual([]);
    expect(() => service.update(task.id, { title: 'x' })).toThrow(/not found/);
    expect(seen.filter((event) => event === 'tasks:changed')).toHaveLength(5);
  });
});

describe('suggestion review', () => {
  it('approves into a linked task, keeps dismissed rows as tombstones and restores on undo', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    const a = t.repos.suggestions.insert(makeSuggestion(integration.id, 'm1', { confidence: 0.9 }));
    const b = t.repos.suggestions.insert(makeSuggestion(integration.id, 'm2', { confidence: 0.4 }));
    const service = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));

    const task = service.approve(a, { title: 'Edited title' });
    expect(task.title).toBe('Edited title');
    expect(task.source).toMatchObject({ provider: 'gmail', itemType: 'email', label: 'Subject m1' });
    expect(t.repos.suggestions.get(a)).toMatchObject({ status: 'approved', taskId: task.id });
    expect(() => service.approve(a)).toThrow(/already approved/);

    service.dismiss(b);
    // A later sync offering the same item again must not resurrect the tombstone.
    const again = t.repos.suggestions.upsertForItem(makeSuggestion(integration.id, 'm2'));
    expect(again.outcome).toBe('kept');
    expect(t.repos.suggestions.get(b)!.status).toBe('dismissed');

    service.restore(a);
    expect(t.repos.tasks.get(task.id)).toBeNull();
    expect(t.repos.suggestions.get(a)!.status).toBe('pending_approval');
    expect(service.restore(b).status).toBe('pending_approval');
  });

  it('batch-approves everything at or above a confidence, in one go', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    [0.95, 0.86, 0.85, 0.5].forEach((confidence, index) => t.repos.suggestions.insert(makeSuggestion(integration.id, `m${index}`, { confidence })));
    const service = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
    const tasks = service.approveBatch({ minConfidence: 0.85 });
    expect(tasks).toHaveLength(3);
    expect(service.list().items.map((item) => item.confidence)).toEqual([0.5]);
  });

  it('refreshes the live suggestion of a thread instead of adding a second one', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    const first = t.repos.suggestions.upsertForItem(makeSuggestion(integration.id, 'm1', { threadKey: 'T1', title: 'Old' }));
    const second = t.repos.suggestions.upsertForItem(makeSuggestion(integration.id, 'm2', { threadKey: 'T1', title: 'New' }));
    expect(second).toEqual({ id: first.id, outcome: 'thread_updated' });
    expect(t.repos.suggestions.get(first.id)).toMatchObject({ title: 'New', itemId: 'm2' });
  });

  it('pages the feed with a keyset cursor, most confident first', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    for (let index = 0; index < 25; index += 1) t.repos.suggestions.insert(makeSuggestion(integration.id, `m${index}`, { confidence: (index % 10) / 10 }));
    const service = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = service.list({ limit: 7, cursor });
      expect(page.total).toBe(25);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(25);
    const confidences = seen.map((id) => t.repos.suggestions.get(id)!.confidence);
    expect([...confidences].sort((x, y) => y - x)).toEqual(confidences);
  });
});

describe('query plans', () => {
  const plan = (sql: string, params: unknown[]) =>
    (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail).join('\n');

  it('the feed query reads the feed index and needs no sort', () => {
    const detail = plan(feedSql(suggestionWhere({ statuses: ['pending_approval'] }, '2026-01-01').where, false), ['pending_approval', '2026-01-01', 50]);
    expect(detail).toMatch(/USING INDEX integration_tasks_feed/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the due-integrations query reads the due index', () => {
    const detail = plan(DUE_SQL, ['2026-01-01']);
    expect(detail).toMatch(/USING INDEX integrations_due \(status=\? AND next_sync_at<\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
