// Search through the services the bridge calls: FTS5 over title, description, tags, sender, subject and
// item text; prefix, folded diacritics, bm25 ranking, marks, filters, paging, and the index kept in step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RANK_WINDOW } from '../../src/main/db/search-repository';
import { EventBus } from '../../src/main/events';
import { createSuggestionService } from '../../src/main/services/suggestion-service';
import { createTaskService } from '../../src/main/services/task-service';
import { clockOf, makeSuggestion } from '../helpers/factories';
import { addSuggestion, emailItem, slackItem } from '../helpers/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

let t: TestDatabase;
let suggestions: ReturnType<typeof createSuggestionService>;
let tasks: ReturnType<typeof createTaskService>;
let gmail: number;
let slack: number;
const at = '2026-01-05T08:00:00.000Z';

beforeEach(() => {
  t = createTestDatabase();
  suggestions = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
  tasks = createTaskService(t.repos, new EventBus(), {}, clockOf(t));
  gmail = t.repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
  slack = t.repos.integrations.create({ provider: 'slack', status: 'connected' }).id;
});
afterEach(() => t.close());

const titles = (result: { items: Array<{ title: string }> } | Array<{ title: string }>) => ('items' in result ? result.items : result).map((row) => row.title);
const mark = (text: string, ranges: Array<{ start: number; end: number }>) => ranges.map((range) => text.slice(range.start, range.end));

function seedFeed() {
  const dana = { name: 'Dana Lee', address: 'dana@acme.example' };
  const ids = {
    contract: addSuggestion(t.repos, gmail, emailItem('m1', dana, 'Contract for review', 'Could you sign the contract by Friday?', at), { title: 'Sign the contract for Dana', priority: 'high', confidence: 0.9, reasoning: 'r', tags: ['legal'] }),
    budget: addSuggestion(t.repos, gmail, emailItem('m2', { name: 'Zoë Müller', address: 'zoe@finance.example' }, 'Q3 numbers', 'The budget review moved to the café on Thursday.', at), { title: 'Confirm the Q3 numbers', priority: 'medium', confidence: 0.8, reasoning: 'r', description: 'Before the meeting.' }),
    review: addSuggestion(t.repos, slack, slackItem('1.1', 'eng', false, 'Sam Ortiz', 'can you review the budget sheet?', at), { title: 'Budget review for Sam', priority: 'low', confidence: 0.6, reasoning: 'r', tags: ['finance'] }),
    other: addSuggestion(t.repos, slack, slackItem('1.2', 'ops', false, 'Jo Park', 'release date?', at), { title: 'Confirm the release date', priority: 'low', confidence: 0.7, reasoning: 'r' }),
  };
  return ids;
}

describe('suggestions:list with a query', () => {
  it('finds by title, tag, sender, subject and item text; prefix as typed; diacritics folded', () => {
    seedFeed();
    expect(titles(suggestions.list({ query: 'contr' }))).toEqual(['Sign the contract for Dana']);
    expect(titles(suggestions.list({ query: 'legal' }))).toEqual(['Sign the contract for Dana']);
    expect(titles(suggestions.list({ query: 'dana@acme' }))).toEqual(['Sign the contract for Dana']);
    expect(titles(suggestions.list({ query: 'zoe muller' }))).toEqual(['Confirm the Q3 numbers']);
    expect(titles(suggestions.list({ query: 'zoe mul' }))).toEqual(['Confirm the Q3 numbers']);
    expect(titles(suggestions.list({ query: 'CAFÉ' }))).toEqual(['Confirm the Q3 numbers']);
    expect(titles(suggestions.list({ query: 'Cafe' }))).toEqual(['Confirm the Q3 numbers']);
    expect(titles(suggestions.list({ query: '#ops' }))).toEqual(['Confirm the release date']);
    expect(titles(suggestions.list({ query: 'nothing like this' }))).toEqual([]);
  });

  it('ranks a title match above a match deep in the text (bm25 with weights)', () => {
    seedFeed();
    // "budget" is the title of one row, in the body of another.
    expect(titles(suggestions.list({ query: 'budget' }))).toEqual(['Budget review for Sam', 'Confirm the Q3 numbers']);
  });

  it('marks the matched words of each result as ranges, with an excerpt of the source', () => {
    seedFeed();
    const [first, second] = suggestions.list({ query: 'budget rev' }).items;
    expect(mark(first!.title, first!.highlights!.title)).toEqual(['Budget', 'review']);
    expect(second!.highlights!.title).toEqual([]);
    expect(second!.highlights!.source).toMatchObject({ field: 'text' });
    const source = second!.highlights!.source!;
    expect(mark(source.text, source.ranges)).toEqual(['budget', 'review']);
    expect(first!.highlights!.tags).toEqual([]);
    expect(suggestions.list({ query: 'fin' }).items.find((item) => item.title === 'Budget review for Sam')!.highlights!.tags).toEqual(['finance']);
  });

  it('applies the feed filters and counts matches per status', () => {
    const ids = seedFeed();
    suggestions.approve(ids.contract);
    expect(titles(suggestions.list({ query: 'contract' }))).toEqual([]);
    const all = suggestions.list({ query: 'contract', status: ['pending_approval', 'approved'] });
    expect(titles(all)).toEqual(['Sign the contract for Dana']);
    expect(all.counts).toEqual({ pending_approval: 0, approved: 1, dismissed: 0, auto_approved: 0 });
    expect(all.total).toBe(1);
    expect(titles(suggestions.list({ query: 'confirm', provider: 'slack' }))).toEqual(['Confirm the release date']);
    expect(titles(suggestions.list({ query: 'confirm', integrationId: gmail }))).toEqual(['Confirm the Q3 numbers']);
    expect(titles(suggestions.list({ query: 'confirm', minConfidence: 0.75 }))).toEqual(['Confirm the Q3 numbers']);
  });

  it('ranks the newest 2,000 matches, then older ones by date, and says the counts are lower bounds', () => {
    const insert = t.db.transaction(() => {
      for (let index = 0; index < RANK_WINDOW + 30; index += 1) {
        // The oldest rows say "invoice" three times: the best matches, but outside the window.
        const title = index < 30 ? 'Invoice invoice invoice' : `Pay invoice ${index}`;
        t.repos.suggestions.insert(makeSuggestion(gmail, `w${index}`, { title, snapshot: {} }));
      }
    });
    insert();
    const first = suggestions.list({ query: 'invoice', limit: 100 });
    expect(first.countsAtLeast).toBe(true);
    expect(first.total).toBe(RANK_WINDOW);
    expect(first.items[0]!.title).toMatch(/^Pay invoice/);
    const seen = new Set<number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = suggestions.list({ query: 'invoice', limit: 500, cursor });
      for (const item of page.items) seen.add(item.id);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    // Every match once: the window by relevance, then the 30 older ones newest first.
    expect(seen.size).toBe(RANK_WINDOW + 30);
    const last = suggestions.list({ query: 'invoice', limit: 30, cursor: `q:${RANK_WINDOW}` });
    expect(last.items.map((item) => item.itemId)).toEqual(Array.from({ length: 30 }, (_, index) => `w${29 - index}`));
    expect(last.nextCursor).toBeNull();
    expect(tasks.list({ query: 'nothing' })).toEqual([]);
  });

  it('pages results with its own cursor', () => {
    for (let index = 0; index < 7; index += 1) {
      addSuggestion(t.repos, gmail, emailItem(`p${index}`, { name: 'A', address: 'a@x.example' }, 'Invoice', `invoice ${index}`, at), { title: `Pay invoice ${index}`, priority: 'medium', confidence: 0.5, reasoning: 'r' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = suggestions.list({ query: 'invoice', limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...titles(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
  });

  it('a query with no words (only punctuation) is the plain feed', () => {
    seedFeed();
    expect(suggestions.list({ query: '"*()"' }).items).toHaveLength(4);
    expect(suggestions.list({ query: '   ' }).items[0]!.highlights).toBeUndefined();
  });

  it('answers FTS syntax and long text as words, never as an error', () => {
    seedFeed();
    for (const query of ['"', '""', 'contract"', '*', 'contr*', 'NEAR(contract sign)', 'contract NEAR sign', '(((', 'a) OR (b', 'title:contract', 'AND', 'NOT contract', '-contract', '^sign', 'x'.repeat(500), `${'word '.repeat(99)}x`]) {
      expect(() => suggestions.list({ query }), query.slice(0, 40)).not.toThrow();
    }
    expect(titles(suggestions.list({ query: 'NEAR(contract' }))).toEqual([]);
    expect(titles(suggestions.list({ query: '"contract' }))).toEqual(['Sign the contract for Dana']);
  });

  it('keeps the index in step: edits, thread refreshes, restores and deletions', () => {
    const ids = seedFeed();
    // A newer message in the same thread replaces the pending suggestion's content and snapshot.
    t.repos.suggestions.upsertForItem({
      integrationId: gmail, itemType: 'email', itemId: 'm1-reply', threadKey: 'thread-m1', title: 'Sign the lease instead', description: '', priority: 'high', deadline: null, tags: [],
      confidence: 0.9, reasoning: 'r', model: 'm', flags: [], snapshot: emailItem('m1-reply', { name: 'Dana Lee', address: 'dana@acme.example' }, 'Lease', 'The lease, not the contract.', at), preview: null,
    });
    expect(titles(suggestions.list({ query: 'lease' }))).toEqual(['Sign the lease instead']);
    expect(titles(suggestions.list({ query: 'friday' }))).toEqual([]);
    t.db.prepare('DELETE FROM integration_tasks WHERE id = ?').run(ids.other);
    expect(titles(suggestions.list({ query: 'release' }))).toEqual([]);
    t.repos.integrations.remove(slack);
    expect(titles(suggestions.list({ query: "sam" }))).toEqual([]);
    t.db.exec(`INSERT INTO suggestion_fts (suggestion_fts, rank) VALUES ('integrity-check', 1)`);
    t.db.exec(`INSERT INTO task_fts (task_fts, rank) VALUES ('integrity-check', 1)`);
  });
});

describe('tasks:list with a query', () => {
  it('finds tasks by title, description, tags and the words of the item they came from', () => {
    const ids = seedFeed();
    suggestions.approve(ids.budget, { title: 'Numbers for Zoë' });
    tasks.create({ title: 'Renew passport', description: 'Take the old one to the town hall', tags: ['personal'] });
    expect(titles(tasks.list({ query: 'town' }))).toEqual(['Renew passport']);
    expect(titles(tasks.list({ query: 'pers' }))).toEqual(['Renew passport']);
    // From the source email: sender, subject and text.
    expect(titles(tasks.list({ query: 'zoe@finance' }))).toEqual(['Numbers for Zoë']);
    expect(titles(tasks.list({ query: 'thursday' }))).toEqual(['Numbers for Zoë']);
    const [found] = tasks.list({ query: 'zoe' });
    expect(mark(found!.title, found!.highlights!.title)).toEqual(['Zoë']);
    expect(found!.highlights!.source).toMatchObject({ field: 'text' });
  });

  it('filters by status and keeps the index in step with edits and deletions', () => {
    const task = tasks.create({ title: 'Water the plants' });
    tasks.create({ title: 'Plant the tulips' });
    tasks.complete(task.id);
    expect(titles(tasks.list({ query: 'plant' })).sort()).toEqual(['Plant the tulips', 'Water the plants']);
    expect(titles(tasks.list({ query: 'plant', status: 'done' }))).toEqual(['Water the plants']);
    tasks.update(task.id, { title: 'Water the garden' });
    expect(titles(tasks.list({ query: 'water' }))).toEqual(['Water the garden']);
    tasks.remove(task.id);
    expect(titles(tasks.list({ query: 'water' }))).toEqual([]);
    t.db.exec(`INSERT INTO task_fts (task_fts, rank) VALUES ('integrity-check', 1)`);
  });
});
