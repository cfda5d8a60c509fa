/** Runs a search through the repositories and marks the matched words of each result. */
import type { ChannelResult } from '../../shared/ipc-contract';
import type { SnoozeView, SuggestionStatus, TaskDto, TaskStatus } from '../../shared/models';
import type { Repositories } from '../db/repositories';
import type { SuggestionFilters } from '../db/suggestion-filters';
import { highlightsFor } from './search/highlights';
import { matchExpression, type SearchTerm } from './search/search-terms';

const CURSOR = /^q:(\d{1,7})$/;

/** A page of suggestions matching the terms, ranked, with counts and marks; the cursor is an offset. */
export function searchSuggestions(
  repos: Repositories,
  filters: SuggestionFilters,
  terms: readonly SearchTerm[],
  limit: number,
  cursor: string | undefined,
): ChannelResult<'suggestions:list'> {
  const offset = Number(CURSOR.exec(cursor ?? '')?.[1] ?? 0);
  const page = repos.search.suggestions(filters, matchExpression(terms), limit, offset);
  const sources = repos.search.suggestionSources(page.items.map((row) => row.id));
  return {
    items: page.items.map((row) => ({ ...row, highlights: highlightsFor(row, sources.get(row.id) ?? null, terms) })),
    nextCursor: page.more ? `q:${offset + limit}` : null,
    total: filters.statuses.reduce((sum, status: SuggestionStatus) => sum + page.counts[status], 0),
    counts: page.counts,
    snoozed: page.snoozed,
    ...(page.capped ? { countsAtLeast: true } : {}),
  };
}

/** Tasks matching the terms, ranked, with marks. */
export function searchTasks(repos: Repositories, status: TaskStatus | undefined, snoozed: SnoozeView, terms: readonly SearchTerm[], limit: number): TaskDto[] {
  const rows = repos.search.tasks(status, snoozed, matchExpression(terms), limit);
  const sources = repos.search.taskSources(rows.map((row) => row.id));
  return rows.map((row) => {
    const source = sources.get(row.id);
    return { ...row, highlights: highlightsFor(row, source ? { sender: '', subject: '', text: source } : null, terms) };
  });
}
