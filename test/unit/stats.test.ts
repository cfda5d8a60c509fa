// stats:get against a seeded database: every expected figure below is computed by hand from the table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuggestionStatus } from '../../src/shared/models';
import { makeSuggestion } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

let t: TestDatabase;
const HOUR = 3600_000;

/**
 * | # | source | confidence | engine       | what happened                        | decided after |
 * | 1 | gmail  | 0.95       | offline-v1   | auto-approved, kept                  | -             |
 * | 2 | gmail  | 0.92       | offline-v1   | auto-approved, task deleted (undone) | -             |
 * | 3 | gmail  | 0.75       | offline-v1   | approved                             | 60 s          |
 * | 4 | gmail  | 0.55       | offline-v1   | dismissed                            | 120 s         |
 * | 5 | slack  | 0.65       | gpt-4.1-mini | approved                             | 600 s         |
 * | 6 | slack  | 0.45       | gpt-4.1-mini | dismissed                            | 30 s          |
 * | 7 | gmail  | 0.70       | gpt-4.1-mini | pending                              | -             |
 * | 8 | gmail  | 0.80       | offline-v1   | withdrawn at the source (no decision)| -             |
 * | 9 | slack  | 1.00       | gpt-4.1-mini | approved                             | 300 s         |
 */
const ROWS: Array<{ source: 'gmail' | 'slack'; confidence: number; model: string; outcome: SuggestionStatus | 'undone' | 'withdrawn'; after: number }> = [
  { source: 'gmail', confidence: 0.95, model: 'offline-v1', outcome: 'auto_approved', after: 0 },
  { source: 'gmail', confidence: 0.92, model: 'offline-v1', outcome: 'undone', after: 0 },
  { source: 'gmail', confidence: 0.75, model: 'offline-v1', outcome: 'approved', after: 60 },
  { source: 'gmail', confidence: 0.55, model: 'offline-v1', outcome: 'dismissed', after: 120 },
  { source: 'slack', confidence: 0.65, model: 'gpt-4.1-mini', outcome: 'approved', after: 600 },
  { source: 'slack', confidence: 0.45, model: 'gpt-4.1-mini', outcome: 'dismissed', after: 30 },
  { source: 'gmail', confidence: 0.7, model: 'gpt-4.1-mini', outcome: 'pending_approval', after: 0 },
  { source: 'gmail', confidence: 0.8, model: 'offline-v1', outcome: 'withdrawn', after: 0 },
  { source: 'slack', confidence: 1, model: 'gpt-4.1-mini', outcome: 'approved', after: 300 },
];
const createdAt: string[] = [];

beforeEach(() => {
  t = createTestDatabase();
  const { repos, clock } = t;
  clock.set('2026-01-05T09:00:00.000Z');
  const gmail = repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
  const slack = repos.integrations.create({ provider: 'slack', status: 'connected' }).id;
  createdAt.length = 0;
  ROWS.forEach((row, index) => {
    clock.set(new Date(Date.parse('2026-01-05T09:00:00.000Z') + index * HOUR));
    createdAt.push(clock.now().toISOString());
    const integrationId = row.source === 'gmail' ? gmail : slack;
    const id = repos.suggestions.insert(makeSuggestion(integrationId, `item-${index + 1}`, { confidence: row.confidence, model: row.model }));
    if (row.outcome === 'auto_approved' || row.outcome === 'undone') {
      const task = repos.tasks.create({ title: 'Task', suggestionId: id });
      repos.suggestions.setStatus(id, 'auto_approved', task.id);
      if (row.outcome === 'undone') repos.tasks.remove(task.id);
    } else if (row.outcome === 'withdrawn') {
      repos.suggestions.withdrawPending(integrationId, `item-${index + 1}`);
    } else if (row.outcome !== 'pending_approval') {
      clock.advance(row.after * 1000);
      const task = row.outcome === 'approved' ? repos.tasks.create({ title: 'Task', suggestionId: id }) : null;
      repos.suggestions.setStatus(id, row.outcome, task?.id ?? null);
    }
  });
});
afterEach(() => t.close());

describe('stats:get over a seeded database', () => {
  it('computes every figure as counted by hand', () => {
    expect(t.repos.stats.stats()).toEqual({
      since: null,
      approvalRate: 3 / 5,
      decided: 5,
      approved: 3,
      dismissed: 2,
      pending: 1,
      autoApproved: 2,
      autoApprovedKept: 1,
      autoApprovedUndone: 1,
      byProvider: [
        { provider: 'gmail', suggested: 5, approved: 1, dismissed: 1, autoApproved: 2, approvalRate: 0.5 },
        { provider: 'slack', suggested: 3, approved: 2, dismissed: 1, autoApproved: 0, approvalRate: 2 / 3 },
      ],
      byEngine: [
        { engine: 'gpt-4.1-mini', suggested: 4, approved: 2, dismissed: 1, autoApproved: 0, approvalRate: 2 / 3 },
        { engine: 'offline-v1', suggested: 4, approved: 1, dismissed: 1, autoApproved: 2, approvalRate: 0.5 },
      ],
      byConfidence: [
        { from: 0, to: 0.1, suggested: 0, approved: 0, dismissed: 0 },
        { from: 0.1, to: 0.2, suggested: 0, approved: 0, dismissed: 0 },
        { from: 0.2, to: 0.3, suggested: 0, approved: 0, dismissed: 0 },
        { from: 0.3, to: 0.4, suggested: 0, approved: 0, dismissed: 0 },
        { from: 0.4, to: 0.5, suggested: 1, approved: 0, dismissed: 1 },
        { from: 0.5, to: 0.6, suggested: 1, approved: 0, dismissed: 1 },
        { from: 0.6, to: 0.7, suggested: 1, approved: 1, dismissed: 0 },
        { from: 0.7, to: 0.8, suggested: 2, approved: 1, dismissed: 0 },
        { from: 0.8, to: 0.9, suggested: 0, approved: 0, dismissed: 0 },
        { from: 0.9, to: 1, suggested: 3, approved: 1, dismissed: 0 },
      ],
      // Waits 30, 60, 120, 300, 600 s: the median is the 3rd, the 90th percentile the 5th (nearest rank).
      decisionTime: { count: 5, medianSeconds: 120, p90Seconds: 600 },
    });
  });

  it('counts only the suggestions that arrived since a time', () => {
    const since = createdAt[4]!;
    expect(t.repos.stats.stats(since)).toMatchObject({
      since,
      approvalRate: 2 / 3,
      decided: 3,
      approved: 2,
      dismissed: 1,
      pending: 1,
      autoApproved: 0,
      decisionTime: { count: 3, medianSeconds: 300, p90Seconds: 600 },
    });
    expect(t.repos.stats.stats('2030-01-01T00:00:00.000Z')).toMatchObject({ approvalRate: null, decided: 0, byProvider: [], decisionTime: { count: 0, medianSeconds: null, p90Seconds: null } });
  });

  it('a suggestion put back in the feed and decided again counts once, as its last decision', () => {
    const dismissed = t.repos.suggestions.listFeed({ statuses: ['dismissed'], limit: 10 }).items.find((s) => s.confidence === 0.55)!;
    t.repos.suggestions.setStatus(dismissed.id, 'pending_approval', null);
    expect(t.repos.stats.stats()).toMatchObject({ approved: 3, dismissed: 1, pending: 2 });
    const task = t.repos.tasks.create({ title: 'Task', suggestionId: dismissed.id });
    t.repos.suggestions.setStatus(dismissed.id, 'approved', task.id);
    expect(t.repos.stats.stats()).toMatchObject({ approved: 4, dismissed: 1, pending: 1, approvalRate: 0.8 });
  });
});
