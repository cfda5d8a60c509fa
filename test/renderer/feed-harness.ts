/**
 * The renderer's feed stores over a real core: a test core with seeded suggestions, the API wired to
 * its real handler map (test/helpers/wired-api.ts), and a fresh feed + triage store pair per test.
 */
import { createFeedStore, type FeedOptions } from '../../src/renderer/src/stores/feed-store';
import { createTriageStore } from '../../src/renderer/src/stores/triage-store';
import type { ProviderType, SuggestionStatus } from '../../src/shared/models';
import { addSuggestion, emailItem, slackItem } from '../helpers/seed';
import { createTestCore } from '../helpers/test-core';
import { wireApi } from '../helpers/wired-api';

/** One suggestion to seed. */
export interface SeedRow {
  title: string;
  confidence: number;
  provider?: Extract<ProviderType, 'gmail' | 'slack'>;
  status?: SuggestionStatus;
}

/** A feed over a real core. */
export type FeedHarness = ReturnType<typeof createFeedHarness>;

/** Starts a core, seeds `rows` (ids ascend in the order given) and builds the stores over it. */
export function createFeedHarness(rows: SeedRow[], options: FeedOptions = {}) {
  const t = createTestCore();
  const { repos } = t.core;
  const integrations = {
    gmail: repos.integrations.create({ provider: 'gmail', status: 'connected', settings: {} }).id,
    slack: repos.integrations.create({ provider: 'slack', status: 'connected', settings: {} }).id,
  };
  const date = new Date('2026-03-02T09:00:00Z').toISOString();
  const ids = new Map<string, number>();
  rows.forEach((row, index) => {
    const provider = row.provider ?? 'gmail';
    const item =
      provider === 'gmail'
        ? emailItem(`m-${index}`, { name: 'Dana Lee', address: 'dana@example.com' }, row.title, `Could you handle: ${row.title}?`, date)
        : slackItem(`1712.${index}`, 'eng', false, 'Sam Ortiz', `@alex ${row.title}?`, date);
    const id = addSuggestion(repos, integrations[provider], item, { title: row.title, priority: 'medium', confidence: row.confidence, reasoning: 'A direct request.' }, row.status);
    ids.set(row.title, id);
  });

  const wire = wireApi(t.core.handlers, t.core.events, t.core.logger);
  const feed = createFeedStore(() => wire.api, { refreshDelayMs: 5, ...options });
  const triage = createTriageStore(feed);
  return {
    core: t.core,
    wire,
    feed,
    triage,
    /** The id a seeded title got. */
    id: (title: string) => ids.get(title) ?? Number.NaN,
    /** Titles of the rows the feed holds, in its order. */
    titles: () => feed.getState().items.map((item) => item.title),
    /** Title of the active row. */
    activeTitle: () => triage.getState().activeItem()?.title ?? null,
    cleanup: () => t.cleanup(),
  };
}
